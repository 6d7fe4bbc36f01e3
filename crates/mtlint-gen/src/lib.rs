//! Generators for `listSqlv1MaterializedTables` responses: proptest strategies for valid
//! responses, a catalogue of precise mutations, and the corpus writer behind `mtlint gen`.
//!
//! - [`strategy`]: valid 200 list bodies (0 to 100 items; Physical, Metadata and Computed
//!   columns; DataTypes nested several levels; watermarks, primary keys, distributions,
//!   options, statuses with warnings and scaling status, pagination links), single tables,
//!   error bodies for 400/401/403/404/500, headers for every status, multi-page listings.
//!   Every value satisfies the derived JSON Schema and every semantic rule (formats, int32
//!   ranges, names unique per Kafka cluster, one organization and environment per list,
//!   `version <= latest_version`, ordered timestamps, self links, `total_size >= count`...).
//!   Sizes come from a [`GenConfig`].
//! - [`mutation`]: for each spec constraint and each rule, a mutation that breaks exactly that
//!   one thing and the finding it must produce; [`constraints::enumerate`] lists the spec's
//!   constraints from the derived schemas, so a constraint without a mutation is caught.
//! - [`corpus`]: `mtlint gen`, deterministic for a seed.
//!
//! Known interactions the catalogue works around, stated where they are:
//! - A wrong JSON type on a member with an `enum` (`phase: 1`) is outside the enum too, and the
//!   validator reports `schema/type` and `schema/enum` at the same pointer; those mutations
//!   tolerate `schema/enum`.
//! - `version-exceeds-latest` compares a `version` beyond int32 (which the schema rejects) with
//!   `latest_version`; the int32 mutation of `version` removes `latest_version` first.
//! - Two equal list items necessarily repeat a name in a Kafka cluster: the `uniqueItems`
//!   mutation of `data` tolerates `duplicate-name-in-cluster`.
//!
//! ```
//! use mtlint_gen::{strategy, GenConfig};
//! use mtlint_rules::{Checker, RequestContext, Settings};
//! use mtlint_schema::Contract;
//! use proptest::strategy::{Strategy, ValueTree};
//! use proptest::test_runner::TestRunner;
//!
//! let mut runner = TestRunner::deterministic();
//! let body = strategy::list_body(&GenConfig::small())
//!     .new_tree(&mut runner)
//!     .unwrap()
//!     .current();
//! let checker = Checker::new(Contract::embedded(), Settings::default()).unwrap();
//! assert!(checker.check_body(200, &body, &RequestContext::default()).is_empty());
//! ```

pub mod config;
pub mod constraints;
pub mod corpus;
pub mod error;
pub mod exchange;
pub mod manifest;
pub mod mutation;
pub mod strategy;
pub mod time;

pub use config::GenConfig;
pub use exchange::{check_sample, Exchange, Sample};
pub use mutation::{catalogue, Expected, Mutated, Mutation};
