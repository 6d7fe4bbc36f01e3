//! Hand-written mutations for the semantic rules: one (or a few variants) per rule, each
//! breaking exactly what its rule checks.
//!
//! Expected places are where the rules report: the offending value; for a missing member, the
//! value that needs it (`status.phase` for a failure without detail) or where it belongs
//! (`element_type` of an incomplete ARRAY); for two values that conflict, the later or the
//! dependent one. The property tests hold every mutation to its place.

use mtlint_rules::rules::BrokenPageChain;
use mtlint_rules::rules::ContentTypeMismatch;
use mtlint_rules::rules::DecimalPrecisionOutOfRange;
use mtlint_rules::rules::DecimalScaleExceedsPrecision;
use mtlint_rules::rules::DeletedBeforeCreated;
use mtlint_rules::rules::DuplicateColumnName;
use mtlint_rules::rules::DuplicateNameInCluster;
use mtlint_rules::rules::EnvironmentMismatch;
use mtlint_rules::rules::ErrorStatusMismatch;
use mtlint_rules::rules::FailureWithoutDetail;
use mtlint_rules::rules::IncompleteDataType;
use mtlint_rules::rules::InvalidHeader;
use mtlint_rules::rules::ItemOnTwoPages;
use mtlint_rules::rules::LinkOffOperation;
use mtlint_rules::rules::LinkPageSizeExceeded;
use mtlint_rules::rules::LinkWithoutPageToken;
use mtlint_rules::rules::MissingBody;
use mtlint_rules::rules::MissingHeader;
use mtlint_rules::rules::NameDotSegment;
use mtlint_rules::rules::NullablePrimaryKey;
use mtlint_rules::rules::OrganizationMismatch;
use mtlint_rules::rules::PageSizeExceeded;
use mtlint_rules::rules::RateLimitRemainingExceedsLimit;
use mtlint_rules::rules::RateLimitResetEpoch;
use mtlint_rules::rules::SelfLinkMismatch;
use mtlint_rules::rules::StoppedButRunning;
use mtlint_rules::rules::TimestampPrecisionOutOfRange;
use mtlint_rules::rules::TotalSizeBelowCount;
use mtlint_rules::rules::TotalSizeChanged;
use mtlint_rules::rules::UndocumentedBody;
use mtlint_rules::rules::UndocumentedMember;
use mtlint_rules::rules::UndocumentedStatus;
use mtlint_rules::rules::UnknownColumnReference;
use mtlint_rules::rules::UnknownDataType;
use mtlint_rules::rules::UpdatedBeforeCreated;
use mtlint_rules::rules::VersionExceedsLatest;
use mtlint_rules::rules::WarningReasonCase;
use mtlint_rules::rules::WatermarkNotTimestamp;
use mtlint_rules::{RuleMeta, Target};
use serde_json::{json, Value};

use super::schema::rebuild_self;
use super::site::{self, join, Picker};
use super::{Base, Kind, Mutation, Outcome, Record};
use crate::exchange::{Exchange, Sample};
use crate::strategy::uuid_from;

fn mutation(
    id: &str,
    rule: &'static RuleMeta,
    base: Base,
    record: Record,
    description: &str,
    apply: super::Apply,
) -> Mutation {
    Mutation {
        id: id.to_string(),
        rule,
        description: description.to_string(),
        base,
        record,
        covers: Vec::new(),
        tolerated: Vec::new(),
        kind: Kind::Custom(apply),
    }
}

fn first(sample: &mut Sample) -> Result<&mut Exchange, String> {
    sample.first_mut().ok_or_else(|| "empty sample".to_string())
}

fn body(sample: &mut Sample) -> Result<&mut Value, String> {
    first(sample)?
        .body
        .as_mut()
        .ok_or_else(|| "the response has no body".to_string())
}

fn text(body: &Value, pointer: &str) -> String {
    body.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The host and operation URL of an exchange's request.
fn operation_of(exchange: &Exchange) -> (String, String, u64) {
    let url = exchange
        .request_url
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    let host = url
        .find("/sql/v1")
        .map_or_else(|| url.clone(), |i| url[..i].to_string());
    let page_size = exchange.request().page_size.unwrap_or(10);
    (host, url, page_size)
}

// ---- items -------------------------------------------------------------------------------

fn name_dot_segment(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let name = if picker.below(2) == 0 { "." } else { ".." };
    site::object(body, &item)?.insert("name".into(), json!(name));
    rebuild_self(body, &item)?;
    Ok(Outcome::body(join(&item, "name")))
}

fn duplicate_name(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let later = site::item(body, picker, 1)?;
    let j: usize = later[6..].parse().map_err(|_| "bad item pointer")?;
    let earlier = format!("/data/{}", picker.below(j));
    let name = text(body, &format!("{earlier}/name"));
    let cluster = text(body, &format!("{earlier}/spec/kafka_cluster_id"));
    site::object(body, &later)?.insert("name".into(), Value::String(name));
    site::object(body, &format!("{later}/spec"))?
        .insert("kafka_cluster_id".into(), Value::String(cluster));
    rebuild_self(body, &later)?;
    Ok(Outcome::body(join(&later, "name")))
}

fn version_exceeds_latest(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let status = site::ensure_status(body, &item)?;
    let map = site::object(body, &status)?;
    let latest = map
        .get("latest_version")
        .and_then(Value::as_i64)
        .filter(|v| (1..i64::from(i32::MAX) - 3).contains(v))
        .unwrap_or(1 + picker.below(5) as i64);
    map.insert("latest_version".into(), json!(latest));
    map.insert("version".into(), json!(latest + 1 + picker.below(3) as i64));
    Ok(Outcome::body(join(&status, "version")))
}

fn self_link_mismatch(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let pointer = format!("{item}/metadata/self");
    let current = text(body, &pointer);
    let changed = if picker.below(2) == 0 {
        // Another table's name.
        format!("{current}-previous")
    } else {
        // Another cluster.
        replace_segment_after(&current, "/databases/", "lkc-other")
    };
    *site::at(body, &pointer)? = Value::String(changed);
    Ok(Outcome::body(pointer))
}

/// `text` with the path segment that follows `marker` replaced.
fn replace_segment_after(text: &str, marker: &str, segment: &str) -> String {
    let Some(start) = text.find(marker).map(|i| i + marker.len()) else {
        return format!("{text}-other");
    };
    let end = text[start..].find('/').map_or(text.len(), |i| start + i);
    format!("{}{segment}{}", &text[..start], &text[end..])
}

fn organization_mismatch(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 1)?;
    let current = text(body, &format!("{item}/organization_id"));
    let other = (0..)
        .map(|n| uuid_from(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef_u128 + n))
        .find(|u| *u != current)
        .unwrap_or_default();
    site::object(body, &item)?.insert("organization_id".into(), Value::String(other));
    Ok(Outcome::body(join(&item, "organization_id")))
}

fn environment_mismatch(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 1)?;
    let current = text(body, &format!("{item}/environment_id"));
    let other = if current == "env-other" {
        "env-other2"
    } else {
        "env-other"
    };
    site::object(body, &item)?.insert("environment_id".into(), json!(other));
    // The self link names the environment: it follows, so only the environment differs.
    rebuild_self(body, &item)?;
    Ok(Outcome::body(join(&item, "environment_id")))
}

fn total_size_below_count(sample: &mut Sample, _: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let count = site::item_count(body);
    if count == 0 {
        return Err("an empty list cannot have fewer than its items".into());
    }
    site::object(body, "/metadata")?.insert("total_size".into(), json!(count - 1));
    Ok(Outcome::body("/metadata/total_size".into()))
}

fn page_size_exceeded(sample: &mut Sample, _: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let items = site::at(body, "/data")?
        .as_array_mut()
        .ok_or("data is not an array")?;
    let originals = items.len();
    if originals == 0 {
        return Err("needs an item to copy".into());
    }
    let mut k = 0;
    while items.len() < 101 {
        let mut copy = items[k % originals].clone();
        let name = copy["name"].as_str().unwrap_or("t").to_string();
        let suffix = format!("-copy{k}");
        let mut base = name;
        base.truncate(249 - suffix.len());
        copy["name"] = Value::String(format!("{base}{suffix}"));
        copy["metadata"]["uid"] = Value::String(uuid_from(0xC0FF_EE00_u128 << 64 | k as u128));
        items.push(copy);
        k += 1;
    }
    for i in originals..101 {
        rebuild_self(body, &format!("/data/{i}"))?;
    }
    let metadata = site::object(body, "/metadata")?;
    if metadata
        .get("total_size")
        .and_then(Value::as_i64)
        .is_some_and(|t| t < 101)
    {
        metadata.insert("total_size".into(), json!(101));
    }
    Ok(Outcome::body("/data".into()))
}

fn updated_before_created(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let metadata = site::ensure_times(body, &item)?;
    let map = site::object(body, &metadata)?;
    map.insert("created_at".into(), json!("2025-06-01T12:00:00Z"));
    // One second before, or an hour before written with an offset that sorts later as text.
    let updated = if picker.below(2) == 0 {
        "2025-06-01T11:59:59Z"
    } else {
        "2025-06-01T13:00:00+02:00"
    };
    map.insert("updated_at".into(), json!(updated));
    if map.contains_key("deleted_at") {
        map.insert("deleted_at".into(), json!("2025-06-02T00:00:00Z"));
    }
    Ok(Outcome::body(join(&metadata, "updated_at")))
}

fn deleted_before_created(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let metadata = site::ensure_times(body, &item)?;
    let map = site::object(body, &metadata)?;
    map.insert("created_at".into(), json!("2025-06-01T12:00:00Z"));
    if map.contains_key("updated_at") {
        map.insert("updated_at".into(), json!("2025-06-01T12:00:00Z"));
    }
    let deleted = if picker.below(2) == 0 {
        "2025-05-31T12:00:00.500Z"
    } else {
        "2025-06-01T13:00:00+02:00"
    };
    map.insert("deleted_at".into(), json!(deleted));
    Ok(Outcome::body(join(&metadata, "deleted_at")))
}

fn stopped_but_running(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let status = site::ensure_status(body, &item)?;
    site::object(body, &status)?.insert("phase".into(), json!("RUNNING"));
    site::object(body, &format!("{item}/spec"))?.insert("stopped".into(), json!(true));
    // The observed phase has not (yet) followed the requested stop.
    Ok(Outcome::body(join(&status, "phase")))
}

fn failure_without_detail(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let status = site::ensure_status(body, &item)?;
    let map = site::object(body, &status)?;
    let phase = if picker.below(2) == 0 {
        "FAILED"
    } else {
        "FAILING"
    };
    map.insert("phase".into(), json!(phase));
    map.remove("detail");
    // The phase that needs explaining.
    Ok(Outcome::body(join(&status, "phase")))
}

fn warning_reason_case(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let warning = site::ensure_warning(body, &item, picker)?;
    let reason = *picker
        .choose(&[
            "Missing window start end",
            "missingWindowStartEnd",
            "state_ttl_not_set",
            "STATE-TTL-NOT-SET",
        ])
        .unwrap_or(&"missingWindowStartEnd");
    site::object(body, &warning)?.insert("reason".into(), json!(reason));
    Ok(Outcome::body(join(&warning, "reason")))
}

fn undocumented_member(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let place = match picker.below(5) {
        0 => item.clone(),
        1 => format!("{item}/spec"),
        2 => format!("{item}/metadata"),
        3 => site::ensure_status(body, &item)?,
        _ => site::unreferenced_column(body, &item, None, picker)?,
    };
    site::object(body, &place)?.insert("colour".into(), json!("red"));
    Ok(Outcome::body(join(&place, "colour")))
}

// ---- columns and types -------------------------------------------------------------------

fn duplicate_column_name(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let column = site::unreferenced_column(body, &item, None, picker)?;
    let name = text(body, &format!("{column}/name"));
    let copy = site::append_column(
        body,
        &item,
        json!({"name": name, "type": {"type": "INT", "nullable": true}, "kind": "Physical"}),
    )?;
    Ok(Outcome::body(join(&copy, "name")))
}

fn missing_column(body: &Value, item: &str) -> String {
    site::fresh_column_name(body, item, "no_such_column")
}

fn unknown_constraint_column(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let constraint = site::ensure_constraint(body, &item, picker)?;
    let missing = missing_column(body, &item);
    let columns = site::at(body, &format!("{constraint}/columns"))?
        .as_array_mut()
        .ok_or("constraint columns is not an array")?;
    let m = picker.below(columns.len());
    columns[m] = Value::String(missing);
    Ok(Outcome::body(format!("{constraint}/columns/{m}")))
}

fn unknown_distribution_key(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let distribution = site::ensure_distribution(body, &item, picker)?;
    let missing = missing_column(body, &item);
    let keys = site::at(body, &format!("{distribution}/keys"))?
        .as_array_mut()
        .ok_or("keys is not an array")?;
    let m = picker.below(keys.len());
    keys[m] = Value::String(missing);
    Ok(Outcome::body(format!("{distribution}/keys/{m}")))
}

fn unknown_watermark_column(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let watermark = site::ensure_watermark(body, &item)?;
    let missing = missing_column(body, &item);
    site::object(body, &watermark)?.insert("column".into(), Value::String(missing));
    Ok(Outcome::body(join(&watermark, "column")))
}

fn nullable_primary_key(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let constraint = site::ensure_constraint(body, &item, picker)?;
    let names: Vec<String> = body
        .pointer(&format!("{constraint}/columns"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let m = picker.below(names.len());
    let wanted = names.get(m).ok_or("the constraint names no column")?;
    let j = body
        .pointer(&format!("{item}/spec/columns"))
        .and_then(Value::as_array)
        .and_then(|c| {
            c.iter()
                .position(|c| c.get("name").and_then(Value::as_str) == Some(wanted))
        })
        .ok_or("the key column does not exist")?;
    let nullable = format!("{item}/spec/columns/{j}/type/nullable");
    *site::at(body, &nullable)? = json!(true);
    Ok(Outcome::body(nullable))
}

fn watermark_not_timestamp(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let watermark = site::ensure_watermark(body, &item)?;
    let column = site::fresh_column(
        body,
        &item,
        "gen_not_ts",
        json!({"type": "STRING", "nullable": true}),
    )?;
    let name = text(body, &format!("{column}/name"));
    site::object(body, &watermark)?.insert("column".into(), Value::String(name));
    // The finding is on the type that is not a timestamp.
    Ok(Outcome::body(format!("{column}/type/type")))
}

fn decimal_node(body: &mut Value, picker: &mut Picker) -> Result<String, String> {
    let item = site::item(body, picker, 0)?;
    site::data_type_node(
        body,
        &item,
        &["DECIMAL"],
        json!({"type": "DECIMAL", "nullable": true, "precision": 10, "scale": 2}),
        picker,
    )
}

fn decimal_precision(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let node = decimal_node(body, picker)?;
    let map = site::object(body, &node)?;
    if picker.below(2) == 0 {
        map.insert("precision".into(), json!(39));
        if !map.contains_key("scale") {
            map.insert("scale".into(), json!(2));
        }
    } else {
        map.insert("precision".into(), json!(0));
        map.insert("scale".into(), json!(0));
    }
    Ok(Outcome::body(join(&node, "precision")))
}

fn decimal_scale(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let node = decimal_node(body, picker)?;
    let map = site::object(body, &node)?;
    let precision = map
        .get("precision")
        .and_then(Value::as_i64)
        .filter(|p| (1..=38).contains(p))
        .unwrap_or(10);
    map.insert("precision".into(), json!(precision));
    map.insert(
        "scale".into(),
        json!(precision + 1 + picker.below(3) as i64),
    );
    Ok(Outcome::body(join(&node, "scale")))
}

fn timestamp_precision(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let node = site::data_type_node(
        body,
        &item,
        &["TIMESTAMP", "TIMESTAMP_LTZ"],
        json!({"type": "TIMESTAMP_LTZ", "nullable": true, "precision": 3}),
        picker,
    )?;
    let precision = *picker.choose(&[10_i64, 12, -1]).unwrap_or(&10);
    site::object(body, &node)?.insert("precision".into(), json!(precision));
    Ok(Outcome::body(join(&node, "precision")))
}

fn incomplete_data_type(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let node = site::data_type_node(
        body,
        &item,
        &["ARRAY", "MULTISET", "MAP", "ROW"],
        json!({"type": "ARRAY", "nullable": true, "element_type": {"type": "INT", "nullable": true}}),
        picker,
    )?;
    let map = site::object(body, &node)?;
    let member = match map.get("type").and_then(Value::as_str) {
        Some("MAP") => {
            if picker.below(2) == 0 {
                "key_type"
            } else {
                "value_type"
            }
        }
        Some("ROW") => "fields",
        _ => "element_type",
    };
    map.remove(member);
    Ok(Outcome::body(join(&node, member)))
}

fn unknown_data_type(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let body = body(sample)?;
    let item = site::item(body, picker, 0)?;
    let node = site::scalar_node(body, &item, picker)?;
    let name = *picker
        .choose(&["STRINGG", "VARCHAR2", "NUMBER", "INTEGERR", "int64"])
        .unwrap_or(&"NUMBER");
    site::object(body, &node)?.insert("type".into(), json!(name));
    Ok(Outcome::body(join(&node, "type")))
}

// ---- links -------------------------------------------------------------------------------

fn pick_link(picker: &mut Picker, with_first: bool) -> &'static str {
    let links: &[&'static str] = if with_first {
        &["first", "last", "prev", "next"]
    } else {
        &["last", "prev", "next"]
    };
    links[picker.below(links.len())]
}

fn set_link(sample: &mut Sample, link: &str, value: String) -> Result<Outcome, String> {
    let body = body(sample)?;
    site::object(body, "/metadata")?.insert(link.to_string(), Value::String(value));
    Ok(Outcome::body(format!("/metadata/{link}")))
}

fn link_without_page_token(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let (_, url, page_size) = operation_of(first(sample)?);
    let link = pick_link(picker, false);
    set_link(sample, link, format!("{url}?page_size={page_size}"))
}

fn link_page_size_exceeded(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let (_, url, _) = operation_of(first(sample)?);
    let link = pick_link(picker, true);
    let size = *picker.choose(&[101, 500, 1000]).unwrap_or(&101);
    set_link(
        sample,
        link,
        format!("{url}?page_size={size}&page_token=UvmDWOB1iwfAIBPj6EYb"),
    )
}

fn link_off_operation(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let (_, url, page_size) = operation_of(first(sample)?);
    let link = pick_link(picker, true);
    let other = if picker.below(2) == 0 {
        url.replacen("/materialized-tables", "/statements", 1)
    } else {
        // The seed's own example link.
        "https://api.confluent.cloud/v2/resourcekinds".to_string()
    };
    set_link(
        sample,
        link,
        format!("{other}?page_size={page_size}&page_token=UvmDWOB1iwfAIBPj6EYb"),
    )
}

// ---- errors, status, headers -------------------------------------------------------------

fn error_status_mismatch(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let status = first(sample)?.status;
    let body = body(sample)?;
    let error = site::error(body, picker)?;
    let others: Vec<u16> = [400, 401, 403, 404, 429, 500]
        .into_iter()
        .filter(|s| *s != status)
        .collect();
    let other = others[picker.below(others.len())];
    site::object(body, &error)?.insert("status".into(), json!(other.to_string()));
    Ok(Outcome::body(join(&error, "status")))
}

fn undocumented_status(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let status = *picker.choose(&[418_u16, 409, 503, 302]).unwrap_or(&418);
    let exchange = first(sample)?;
    exchange.status = status;
    exchange.remove_header("WWW-Authenticate");
    for error in exchange
        .body
        .as_mut()
        .and_then(|b| b.get_mut("errors"))
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if let Some(map) = error.as_object_mut() {
            map.insert("status".into(), json!(status.to_string()));
        }
    }
    Ok(Outcome {
        target: Target::Status,
        pointer: String::new(),
        header: None,
        entry: 0,
    })
}

fn content_type_mismatch(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let value = *picker
        .choose(&["text/html; charset=utf-8", "text/plain", "application/xml"])
        .unwrap_or(&"text/plain");
    first(sample)?.set_header("Content-Type", value);
    Ok(Outcome {
        target: Target::ContentType,
        pointer: String::new(),
        header: None,
        entry: 0,
    })
}

fn missing_body(sample: &mut Sample, _: &mut Picker) -> Result<Outcome, String> {
    first(sample)?.body = None;
    Ok(Outcome::body(String::new()))
}

fn undocumented_body(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let exchange = first(sample)?;
    let mut body = json!({"errors": [{"id": uuid_from(u128::from(picker.below(1000) as u64)), "status": "429", "title": "Too Many Requests"}]});
    if picker.below(2) == 0 {
        body["errors"][0]["detail"] = json!("Rate limit exceeded; retry later.");
    }
    // Only the body is added: a Content-Type too would be a second change (429 documents no
    // media type at all).
    exchange.body = Some(body);
    Ok(Outcome::body(String::new()))
}

fn missing_request_id(sample: &mut Sample, _: &mut Picker) -> Result<Outcome, String> {
    first(sample)?.remove_header("X-Request-Id");
    Ok(Outcome::header("X-Request-Id"))
}

fn missing_www_authenticate(sample: &mut Sample, _: &mut Picker) -> Result<Outcome, String> {
    first(sample)?.remove_header("WWW-Authenticate");
    Ok(Outcome::header("WWW-Authenticate"))
}

const RATE_HEADERS: [&str; 4] = [
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "Retry-After",
];

fn missing_rate_limit_header(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    // Not Retry-After: the seed says it is "Only sent when the rate limit is reached", which
    // leaves room to read it as optional.
    let name = RATE_HEADERS[picker.below(3)];
    first(sample)?.remove_header(name);
    Ok(Outcome::header(name))
}

fn invalid_header(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let name = RATE_HEADERS[picker.below(4)];
    let value = *picker.choose(&["ten", "1.5", "", "60s"]).unwrap_or(&"ten");
    first(sample)?.set_header(name, value);
    Ok(Outcome::header(name))
}

fn remaining_exceeds_limit(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    let exchange = first(sample)?;
    let limit: u64 = exchange
        .header("X-RateLimit-Limit")
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    exchange.set_header(
        "X-RateLimit-Remaining",
        (limit + 1 + picker.below(10) as u64).to_string(),
    );
    Ok(Outcome::header("X-RateLimit-Remaining"))
}

fn reset_epoch(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    // Seconds since 1970 around 2026: what GitHub's header carries, not relative seconds.
    let epoch = 1_767_225_600 + picker.below(86_400) as u64;
    first(sample)?.set_header("X-RateLimit-Reset", epoch.to_string());
    Ok(Outcome::header("X-RateLimit-Reset"))
}

// ---- pages -------------------------------------------------------------------------------

fn page_body(sample: &mut Sample, k: usize) -> Result<&mut Value, String> {
    sample
        .get_mut(k)
        .and_then(|e| e.body.as_mut())
        .ok_or_else(|| format!("no page {k}"))
}

fn item_on_two_pages(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    if sample.len() < 2 {
        return Err("needs two pages".into());
    }
    let later = 1 + picker.below(sample.len() - 1);
    let earlier = picker.below(later);
    let source = page_body(sample, earlier)?;
    let n = site::item_count(source);
    let copy = site::at(source, &format!("/data/{}", picker.below(n)))?.clone();
    let target = page_body(sample, later)?;
    let m = picker.below(site::item_count(target));
    *site::at(target, &format!("/data/{m}"))? = copy;
    // The repeated table is known by its self link.
    Ok(Outcome {
        entry: later,
        ..Outcome::body(format!("/data/{m}/metadata/self"))
    })
}

fn total_size_changed(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    if sample.len() < 2 {
        return Err("needs two pages".into());
    }
    // From a later page on, every page reports the new total: one change in the listing.
    let later = 1 + picker.below(sample.len() - 1);
    let grown = 1 + picker.below(5) as i64;
    for k in later..sample.len() {
        let body = page_body(sample, k)?;
        let total = body
            .pointer("/metadata/total_size")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        site::object(body, "/metadata")?.insert("total_size".into(), json!(total + grown));
    }
    Ok(Outcome {
        entry: later,
        ..Outcome::body("/metadata/total_size".into())
    })
}

fn broken_page_chain(sample: &mut Sample, picker: &mut Picker) -> Result<Outcome, String> {
    if sample.len() < 2 {
        return Err("needs two pages".into());
    }
    let k = picker.below(sample.len() - 1);
    let body = page_body(sample, k)?;
    let next = text(body, "/metadata/next");
    let cut = next.find("page_token=").ok_or("page has no next link")?;
    let broken = format!("{}page_token=brokenchain{k}", &next[..cut]);
    site::object(body, "/metadata")?.insert("next".into(), Value::String(broken));
    Ok(Outcome {
        entry: k,
        ..Outcome::body("/metadata/next".into())
    })
}

/// Every semantic mutation.
pub(crate) fn mutations() -> Vec<Mutation> {
    use Base::{Error, List, Pages, RateLimited};
    vec![
        mutation("name-dot-segment", &NameDotSegment::META, List(1), Record::Body, "an item named \".\" or \"..\" (self link encoded as %2E)", name_dot_segment),
        mutation("duplicate-name-in-cluster", &DuplicateNameInCluster::META, List(2), Record::Body, "a later item takes an earlier item's name and Kafka cluster", duplicate_name),
        mutation("version-exceeds-latest", &VersionExceedsLatest::META, List(1), Record::Body, "status.version = latest_version + 1..3", version_exceeds_latest),
        mutation("self-link-mismatch", &SelfLinkMismatch::META, List(1), Record::Body, "metadata.self names another table or another cluster", self_link_mismatch),
        mutation("organization-mismatch", &OrganizationMismatch::META, List(2), Record::Body, "a later item has another organization_id", organization_mismatch),
        mutation("environment-mismatch", &EnvironmentMismatch::META, List(2), Record::Body, "a later item has another environment_id (its self link follows)", environment_mismatch),
        mutation("total-size-below-count", &TotalSizeBelowCount::META, List(1), Record::Body, "metadata.total_size = item count - 1", total_size_below_count),
        mutation("page-size-exceeded", &PageSizeExceeded::META, List(1), Record::Body, "101 items on one page (copies with new names)", page_size_exceeded),
        mutation("updated-before-created", &UpdatedBeforeCreated::META, List(1), Record::Body, "updated_at before created_at (as instants; one variant sorts later as text)", updated_before_created),
        mutation("deleted-before-created", &DeletedBeforeCreated::META, List(1), Record::Body, "deleted_at before created_at (as instants; one variant sorts later as text)", deleted_before_created),
        mutation("duplicate-column-name", &DuplicateColumnName::META, List(1), Record::Body, "a column appended with the name of an existing unreferenced column", duplicate_column_name),
        mutation("unknown-column-reference-constraint", &UnknownColumnReference::META, List(1), Record::Body, "a primary-key column that no column has", unknown_constraint_column),
        mutation("unknown-column-reference-distribution", &UnknownColumnReference::META, List(1), Record::Body, "a distribution key that no column has", unknown_distribution_key),
        mutation("unknown-column-reference-watermark", &UnknownColumnReference::META, List(1), Record::Body, "a watermark column that no column has", unknown_watermark_column),
        mutation("nullable-primary-key", &NullablePrimaryKey::META, List(1), Record::Body, "a primary-key column's type becomes nullable", nullable_primary_key),
        mutation("watermark-not-timestamp", &WatermarkNotTimestamp::META, List(1), Record::Body, "the watermark names a STRING column", watermark_not_timestamp),
        mutation("decimal-precision-out-of-range", &DecimalPrecisionOutOfRange::META, List(1), Record::Body, "DECIMAL precision 39, or 0 (scale 0)", decimal_precision),
        mutation("decimal-scale-exceeds-precision", &DecimalScaleExceedsPrecision::META, List(1), Record::Body, "DECIMAL scale = precision + 1..3", decimal_scale),
        mutation("timestamp-precision-out-of-range", &TimestampPrecisionOutOfRange::META, List(1), Record::Body, "TIMESTAMP/TIMESTAMP_LTZ precision 10, 12 or -1", timestamp_precision),
        mutation("incomplete-data-type", &IncompleteDataType::META, List(1), Record::Body, "ARRAY/MULTISET without element_type, MAP without key_type or value_type, ROW without fields", incomplete_data_type),
        mutation("unknown-data-type", &UnknownDataType::META, List(1), Record::Body, "a type name Flink does not have (STRINGG, VARCHAR2, NUMBER...)", unknown_data_type),
        mutation("stopped-but-running", &StoppedButRunning::META, List(1), Record::Body, "spec.stopped true with status.phase RUNNING", stopped_but_running),
        mutation("failure-without-detail", &FailureWithoutDetail::META, List(1), Record::Body, "phase FAILED or FAILING without status.detail", failure_without_detail),
        mutation("warning-reason-case", &WarningReasonCase::META, List(1), Record::Body, "a warning reason that is not UPPER_SNAKE_CASE", warning_reason_case),
        mutation("undocumented-member", &UndocumentedMember::META, List(1), Record::Body, "a member \"colour\" in an item, spec, metadata, status or column", undocumented_member),
        mutation("link-without-page-token", &LinkWithoutPageToken::META, List(0), Record::Body, "a last/prev/next link without page_token", link_without_page_token),
        mutation("link-page-size-exceeded", &LinkPageSizeExceeded::META, List(0), Record::Body, "a link with page_size 101, 500 or 1000", link_page_size_exceeded),
        mutation("link-off-operation", &LinkOffOperation::META, List(0), Record::Body, "a link to another path (statements, or the seed's /v2/resourcekinds)", link_off_operation),
        mutation("error-status-mismatch", &ErrorStatusMismatch::META, Error(None), Record::Body, "an error's status names another status", error_status_mismatch),
        mutation("undocumented-status", &UndocumentedStatus::META, Error(None), Record::Body, "the response (and its errors) carry an undocumented status: 418, 409, 503 or 302", undocumented_status),
        mutation("content-type-mismatch", &ContentTypeMismatch::META, List(0), Record::Exchange, "Content-Type text/html, text/plain or application/xml on a JSON body", content_type_mismatch),
        mutation("missing-body", &MissingBody::META, List(0), Record::Exchange, "a 200 response without a body", missing_body),
        mutation("undocumented-body", &UndocumentedBody::META, RateLimited, Record::Exchange, "a 429 response with an error body (the spec documents none)", undocumented_body),
        mutation("missing-header-x-request-id", &MissingHeader::META, List(0), Record::Exchange, "no X-Request-Id header", missing_request_id),
        mutation("missing-header-www-authenticate", &MissingHeader::META, Error(Some(401)), Record::Exchange, "a 401 without WWW-Authenticate", missing_www_authenticate),
        mutation("missing-header-rate-limit", &MissingHeader::META, RateLimited, Record::Exchange, "a 429 without X-RateLimit-Limit, X-RateLimit-Remaining or X-RateLimit-Reset", missing_rate_limit_header),
        mutation("invalid-header", &InvalidHeader::META, RateLimited, Record::Exchange, "a rate-limit header that is not an integer (ten, 1.5, empty, 60s)", invalid_header),
        mutation("rate-limit-remaining-exceeds-limit", &RateLimitRemainingExceedsLimit::META, RateLimited, Record::Exchange, "X-RateLimit-Remaining above X-RateLimit-Limit", remaining_exceeds_limit),
        mutation("rate-limit-reset-epoch", &RateLimitResetEpoch::META, RateLimited, Record::Exchange, "X-RateLimit-Reset as UTC epoch seconds instead of relative seconds", reset_epoch),
        mutation("item-on-two-pages", &ItemOnTwoPages::META, Pages, Record::Pages, "an item of an earlier page replaces one of a later page", item_on_two_pages),
        mutation("total-size-changed", &TotalSizeChanged::META, Pages, Record::Pages, "a later page reports a larger total_size", total_size_changed),
        mutation("broken-page-chain", &BrokenPageChain::META, Pages, Record::Pages, "a page's next link carries a token no following page was requested with", broken_page_chain),
    ]
}
