//! The mutation catalogue: for each constraint the spec states and each rule mtlint has (or
//! plans), a change that breaks exactly that one thing in a valid sample, and the finding it
//! must produce (rule, target, pointer).
//!
//! - Schema mutations are table-driven ([`schema`]): an anchor (where in the body: an item, a
//!   DataType node, an error...) and an action (remove a required member, set a member to a
//!   wrong value, replace the anchor). Each names the derived-schema constraints it covers, so
//!   [`crate::constraints::enumerate`] can prove that every constraint has a mutation.
//! - Semantic mutations ([`semantic`]) are written one by one; several change headers, the
//!   status, or the relation between pages, and say so in [`Record`].
//!
//! A mutation first prepares its site without breaking anything (a fresh unreferenced column,
//! a status consistent with `spec.stopped`...; see [`site`]), then breaks one thing.

mod schema;
mod semantic;
pub mod site;

use std::sync::LazyLock;

use mtlint_rules::{RuleMeta, Target};
use proptest::prelude::*;
use proptest::sample::select;
use serde::{Deserialize, Serialize};

use crate::config::GenConfig;
use crate::exchange::Sample;
use crate::strategy::{error_exchange, list_exchange, pages, ERROR_STATUSES};
pub use site::Picker;

/// What valid sample a mutation starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// A 200 list exchange with at least this many items.
    List(usize),
    /// An error exchange: of this status, or of any documented error status with a body.
    Error(Option<u16>),
    /// A 429 exchange (headers only).
    RateLimited,
    /// The pages of one listing.
    Pages,
}

/// What a capture must record for the mutation to be visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Record {
    /// The body alone shows it (the status is that of the folder it is written to).
    Body,
    /// Headers, or the absence of a body: needs an envelope, NDJSON or HAR.
    Exchange,
    /// Several responses of one listing: NDJSON or HAR.
    Pages,
}

/// The finding a mutated sample must produce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expected {
    /// The rule's name.
    pub rule: String,
    /// The part of the response it is about.
    pub target: Target,
    /// The header's name, for header findings.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub header: Option<String>,
    /// RFC 6901 pointer into the body (`""` for non-body targets).
    pub pointer: String,
    /// Which response of the sample (0 for single responses; the page for listings).
    pub entry: usize,
}

/// Where a mutation's finding is, as the mutation itself says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub target: Target,
    pub pointer: String,
    pub header: Option<String>,
    pub entry: usize,
}

impl Outcome {
    pub(crate) fn body(pointer: String) -> Self {
        Self {
            target: Target::Body,
            pointer,
            header: None,
            entry: 0,
        }
    }

    pub(crate) fn header(name: &str) -> Self {
        Self {
            target: Target::Header,
            pointer: String::new(),
            header: Some(name.to_string()),
            entry: 0,
        }
    }
}

type Apply = fn(&mut Sample, &mut Picker) -> Result<Outcome, String>;

/// How a mutation changes a sample.
#[derive(Clone)]
pub(crate) enum Kind {
    /// A table-driven schema mutation.
    Schema(schema::Anchor, schema::Action),
    /// A hand-written one.
    Custom(Apply),
}

/// One mutation of the catalogue.
#[derive(Clone)]
pub struct Mutation {
    /// Stable id (kebab-case), unique in the catalogue.
    pub id: String,
    /// The rule whose finding it must produce.
    pub rule: &'static RuleMeta,
    /// What it does, for people.
    pub description: String,
    /// The valid sample it starts from.
    pub base: Base,
    /// What a capture must record to show it.
    pub record: Record,
    /// Derived-schema constraints it exercises (ids as [`crate::constraints`] writes them).
    pub covers: Vec<String>,
    /// Other rules that may also report, because the change necessarily breaks them too.
    pub tolerated: Vec<&'static RuleMeta>,
    pub(crate) kind: Kind,
}

impl std::fmt::Debug for Mutation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mutation")
            .field("id", &self.id)
            .field("rule", &self.rule.name)
            .finish_non_exhaustive()
    }
}

/// A mutated sample and what it must produce.
#[derive(Debug, Clone)]
pub struct Mutated {
    /// The sample after the change.
    pub sample: Sample,
    /// The finding it must produce.
    pub expected: Expected,
    /// Rules that may also report (see [`Mutation::tolerated`]).
    pub tolerated: Vec<&'static RuleMeta>,
}

impl Mutation {
    /// Applies the mutation to a valid sample of its [`Base`]; `seed` drives its choices
    /// (which item, which column, which variant).
    ///
    /// # Errors
    /// The sample does not fit the mutation's base (too few items, no body...).
    pub fn apply(&self, sample: &Sample, seed: u64) -> Result<Mutated, String> {
        let mut sample = sample.clone();
        let mut picker = Picker::new(seed);
        let outcome = match &self.kind {
            Kind::Schema(anchor, action) => {
                schema::apply(&mut sample, *anchor, action, &mut picker)?
            }
            Kind::Custom(apply) => apply(&mut sample, &mut picker)?,
        };
        Ok(Mutated {
            sample,
            expected: Expected {
                rule: self.rule.name.to_string(),
                target: outcome.target,
                header: outcome.header,
                pointer: outcome.pointer,
                entry: outcome.entry,
            },
            tolerated: self.tolerated.clone(),
        })
    }

    /// Valid samples this mutation applies to.
    pub fn base_strategy(&self, cfg: &GenConfig) -> BoxedStrategy<Sample> {
        match self.base {
            Base::List(min) => list_exchange(&cfg.clone().with_min_items(min))
                .prop_map(|e| vec![e])
                .boxed(),
            Base::Error(Some(status)) => error_exchange(status, cfg).prop_map(|e| vec![e]).boxed(),
            Base::Error(None) => {
                let cfg = cfg.clone();
                select(&ERROR_STATUSES[..])
                    .prop_flat_map(move |s| error_exchange(s, &cfg).prop_map(|e| vec![e]))
                    .boxed()
            }
            Base::RateLimited => error_exchange(429, cfg).prop_map(|e| vec![e]).boxed(),
            Base::Pages => pages(cfg).boxed(),
        }
    }

    /// The status of the sample it starts from (`None`: any error status).
    #[must_use]
    pub fn base_status(&self) -> Option<u16> {
        match self.base {
            Base::List(_) | Base::Pages => Some(200),
            Base::Error(status) => status,
            Base::RateLimited => Some(429),
        }
    }
}

static CATALOGUE: LazyLock<Vec<Mutation>> = LazyLock::new(|| {
    let mut all = schema::mutations();
    all.extend(semantic::mutations());
    all
});

/// Every mutation, schema ones first.
#[must_use]
pub fn catalogue() -> &'static [Mutation] {
    &CATALOGUE
}

/// A mutation by id.
#[must_use]
pub fn find(id: &str) -> Option<&'static Mutation> {
    catalogue().iter().find(|m| m.id == id)
}

/// A mutation drawn from `mutations`, a valid sample of its base, and the result of applying
/// it (an `Err` is a catalogue bug, for the caller to report).
pub fn mutated(
    cfg: &GenConfig,
    mutations: Vec<&'static Mutation>,
) -> impl Strategy<Value = (&'static Mutation, Result<Mutated, String>)> {
    let cfg = cfg.clone();
    select(mutations)
        .prop_flat_map(move |m| (Just(m), m.base_strategy(&cfg), any::<u64>()))
        .prop_map(|(m, sample, seed)| (m, m.apply(&sample, seed)))
}
