//! proptest strategies for valid responses of `listSqlv1MaterializedTables`.
//!
//! Every value satisfies the derived JSON Schema of its status and every semantic rule mtlint
//! has or plans (see the crate docs). Strategies are built so that shrinking reads well: lists
//! shrink toward fewer items, types toward scalars, optional members toward absence, names
//! toward plain words.
//!
//! One file per part of the response, each building on the ones before it:
//! - `identity`: organizations, environments, clusters, names, UUIDs and the links built from
//!   them;
//! - `columns`: DataTypes and columns;
//! - `spec`: a table's `spec`, whose watermark, primary key and distribution name its columns;
//! - `status`: a table's `status`, warnings and timestamps;
//! - `item`: whole tables, placed in a listing;
//! - `list`: one page of a listing;
//! - `error`: error bodies and headers;
//! - `exchanges`: whole exchanges of every documented status, and multi-page listings.

mod columns;
mod error;
mod exchanges;
mod identity;
mod item;
mod list;
mod spec;
mod status;

pub use columns::{column, data_type, scalar_type, SIMPLE_TYPES};
pub use error::{error_body, headers};
pub use exchanges::{any_exchange, error_exchange, exchange, list_exchange, pages};
pub use identity::{encode_segment, list_context, self_link, table_name, uuid_from, ListContext};
pub use item::materialized_table;
pub use list::{list_body, list_page, Page};
pub use status::stamp;

/// The documented statuses that carry an error (`Failure`) body.
pub const ERROR_STATUSES: [u16; 5] = [400, 401, 403, 404, 500];

/// Every documented status of the operation.
pub const DOCUMENTED_STATUSES: [u16; 7] = [200, 400, 401, 403, 404, 429, 500];
