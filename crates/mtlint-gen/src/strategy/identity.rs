//! Who a listing belongs to and where it points: organization, environment, region, Kafka
//! clusters, table names, UUIDs, and the URLs built from them (operation, page and self links).

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// Who a page of results belongs to, and where it was served from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListContext {
    /// The organization UUID (path parameter, and every item's `organization_id`).
    pub organization_id: String,
    /// The environment id (path parameter, and every item's `environment_id`).
    pub environment_id: String,
    /// The Flink region, e.g. `us-west1`.
    pub region: String,
    /// The cloud, e.g. `aws`.
    pub cloud: String,
    /// Kafka cluster ids the items are spread over.
    pub clusters: Vec<String>,
}

impl ListContext {
    /// `https://flink.<region>.<cloud>.confluent.cloud`.
    #[must_use]
    pub fn host(&self) -> String {
        format!(
            "https://flink.{}.{}.confluent.cloud",
            self.region, self.cloud
        )
    }

    /// The operation's URL for this organization and environment, without a query.
    #[must_use]
    pub fn operation_url(&self) -> String {
        format!(
            "{}/sql/v1/organizations/{}/environments/{}/materialized-tables",
            self.host(),
            self.organization_id,
            self.environment_id
        )
    }

    /// A page URL: the operation's URL with `page_size` and, when given, `page_token`.
    #[must_use]
    pub fn page_url(&self, page_size: u32, token: Option<&str>) -> String {
        match token {
            Some(token) => format!(
                "{}?page_size={page_size}&page_token={token}",
                self.operation_url()
            ),
            None => format!("{}?page_size={page_size}", self.operation_url()),
        }
    }

    /// A table's `metadata.self`.
    #[must_use]
    pub fn self_link(&self, environment_id: &str, cluster: &str, name: &str) -> String {
        self_link(&self.host(), environment_id, cluster, name)
    }
}

/// `<host>/sql/v1/environments/<env>/databases/<cluster>/materialized-tables/<encoded name>`.
#[must_use]
pub fn self_link(host: &str, environment_id: &str, cluster: &str, name: &str) -> String {
    format!(
        "{host}/sql/v1/environments/{environment_id}/databases/{cluster}/materialized-tables/{}",
        encode_segment(name)
    )
}

/// Percent-encodes a path segment: everything but RFC 3986 unreserved characters. `.` and `..`
/// are encoded whole (`%2E`), as a segment of dots would otherwise be a dot-segment.
#[must_use]
pub fn encode_segment(segment: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    if segment == "." || segment == ".." {
        return "%2E".repeat(segment.len());
    }
    utf8_percent_encode(segment, SEGMENT).to_string()
}

/// A version-4-shaped UUID from 128 bits (0 gives `00000000-0000-4000-8000-000000000000`).
#[must_use]
pub fn uuid_from(bits: u128) -> String {
    let bits = (bits & !(0xF000_u128 << 64) & !(0xC000_u128 << 48))
        | (0x4000_u128 << 64)
        | (0x8000_u128 << 48);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

pub(super) fn uuid() -> impl Strategy<Value = String> {
    any::<u128>().prop_map(uuid_from)
}

const REGIONS: [(&str, &str); 6] = [
    ("us-west1", "aws"),
    ("us-east-1", "aws"),
    ("eu-west-1", "aws"),
    ("us-central1", "gcp"),
    ("europe-west1", "gcp"),
    ("eastus", "azure"),
];

/// A list context: organization, environment, region and one to three Kafka clusters.
pub fn list_context() -> impl Strategy<Value = ListContext> {
    (
        uuid(),
        "env-[a-z0-9]{5}",
        select(&REGIONS[..]),
        vec("lkc-[a-z0-9]{5}", 1..=3),
    )
        .prop_map(
            |(organization_id, environment_id, (region, cloud), mut clusters)| {
                clusters.sort();
                clusters.dedup();
                ListContext {
                    organization_id,
                    environment_id,
                    region: region.to_string(),
                    cloud: cloud.to_string(),
                    clusters,
                }
            },
        )
}

const WORDS: [&str; 12] = [
    "orders",
    "high-value-orders",
    "users",
    "clicks_by_region",
    "payments.v2",
    "inventory",
    "sessions-5m",
    "fraud_alerts",
    "top.products",
    "revenue_daily",
    "A1",
    "x",
];

/// A table name: `^[a-zA-Z0-9._-]+$`, at most 249 characters, never `.` or `..`.
pub fn table_name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(&WORDS[..]).prop_map(str::to_string),
        3 => "[a-zA-Z0-9_-][a-zA-Z0-9._-]{0,24}",
        1 => "\\.[a-z0-9_-][a-z0-9._-]{0,10}",
        1 => "[a-z]{249}",
    ]
}
