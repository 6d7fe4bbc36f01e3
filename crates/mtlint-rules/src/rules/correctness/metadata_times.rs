//! What `updated-before-created` and `deleted-before-created` share: comparing two date-times of
//! an item's `metadata` as instants.

use mtlint_json::Value;

use crate::{Cx, Ptr};

/// Reports `metadata.<later>` when it is an instant strictly before `metadata.created_at`.
/// Values the schema rejects as `date-time` are not compared.
pub(super) fn check_not_before_created(
    cx: &mut Cx<'_>,
    item: &Value,
    at: &Ptr<'_>,
    later: &str,
    meaning: &str,
) {
    let Some(metadata) = item.get("metadata") else {
        return;
    };
    let (Some(created_value), Some(later_value)) =
        (metadata.get("created_at"), metadata.get(later))
    else {
        return;
    };
    let (Some(created), Some(when)) = (
        cx.formats().instant(created_value),
        cx.formats().instant(later_value),
    ) else {
        return;
    };
    if when >= created {
        return;
    }
    let (Some(created_text), Some(later_text)) = (created_value.as_str(), later_value.as_str())
    else {
        return;
    };
    let gap = created.signed_duration_since(when);
    let metadata_ptr = at.key("metadata");
    cx.report(
        metadata_ptr.join(later),
        format!(
            "metadata.{later} {later_text} is {} before metadata.created_at {created_text}; an object cannot be {meaning} before it exists",
            human(gap)
        ),
    )
    .help(format!(
        "compare as instants (offsets and fractions included): {later} must not be earlier than created_at; one of the two is wrong"
    ))
    .related(metadata_ptr.join("created_at"), "created_at is here");
}

/// A short human rendering of a positive duration ("3 h 2 min", "250 ms").
fn human(gap: chrono::TimeDelta) -> String {
    let seconds = gap.num_seconds();
    if seconds == 0 {
        let nanos = gap.subsec_nanos();
        return if nanos % 1_000_000 == 0 {
            format!("{} ms", nanos / 1_000_000)
        } else {
            format!("{nanos} ns")
        };
    }
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (hours, rest) = (rest / 3_600, rest % 3_600);
    let (minutes, secs) = (rest / 60, rest % 60);
    let parts: Vec<String> = [(days, "d"), (hours, "h"), (minutes, "min"), (secs, "s")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}"))
        .collect();
    let mut text = parts.join(" ");
    if gap.subsec_nanos() > 0 {
        text.push_str(" and a fraction");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::human;
    use chrono::TimeDelta;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human(TimeDelta::hours(1)), "1 h");
        assert_eq!(human(TimeDelta::seconds(90_061)), "1 d 1 h 1 min 1 s");
        assert_eq!(human(TimeDelta::milliseconds(250)), "250 ms");
        assert_eq!(human(TimeDelta::nanoseconds(5)), "5 ns");
        assert_eq!(human(TimeDelta::milliseconds(1_500)), "1 s and a fraction");
    }
}
