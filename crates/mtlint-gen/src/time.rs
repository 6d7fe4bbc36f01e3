//! RFC 3339 date-times from instants, for generated timestamps.
//!
//! Generated timestamps are instants (seconds and nanoseconds since the Unix epoch) written with
//! an offset, so that their order can be compared exactly while their text varies (`Z`,
//! `+05:30`, `-07:00`; 0, 3, 6 or 9 fractional digits). The civil-date conversion is Howard
//! Hinnant's `civil_from_days`; it is a dozen lines, so no date crate is pulled in for it.

/// One instant, written with an offset and a fraction width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    pub nanos: i128,
    /// The offset from UTC it is written with, in minutes (0 is written `Z`).
    pub offset_minutes: i32,
    /// Fractional digits written: 0, 3, 6 or 9.
    pub fraction_digits: u8,
}

impl Stamp {
    /// The same stamp moved by `delta` nanoseconds (same offset and fraction width).
    #[must_use]
    pub fn plus_nanos(self, delta: i128) -> Self {
        Self {
            nanos: self.nanos + delta,
            ..self
        }
    }

    /// The RFC 3339 text. Digits below the fraction width are truncated, so a stamp written with
    /// fewer digits than it has is still not later than the instant it stands for; generators
    /// keep nanoseconds that are multiples of the written precision.
    #[must_use]
    pub fn to_rfc3339(self) -> String {
        let local = self.nanos + i128::from(self.offset_minutes) * 60 * 1_000_000_000;
        let seconds = local.div_euclid(1_000_000_000);
        let nanos = local.rem_euclid(1_000_000_000);
        let days = seconds.div_euclid(86_400);
        let of_day = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days as i64);
        let mut out = format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            of_day / 3600,
            of_day % 3600 / 60,
            of_day % 60
        );
        if self.fraction_digits > 0 {
            let digits = usize::from(self.fraction_digits.min(9));
            let text = format!("{nanos:09}");
            out.push('.');
            out.push_str(&text[..digits]);
        }
        if self.offset_minutes == 0 {
            out.push('Z');
        } else {
            let sign = if self.offset_minutes < 0 { '-' } else { '+' };
            let abs = self.offset_minutes.unsigned_abs();
            out.push_str(&format!("{sign}{:02}:{:02}", abs / 60, abs % 60));
        }
        out
    }
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(seconds: i128, offset_minutes: i32, fraction_digits: u8) -> String {
        Stamp {
            nanos: seconds * 1_000_000_000 + 123_456_789,
            offset_minutes,
            fraction_digits,
        }
        .to_rfc3339()
    }

    #[test]
    fn known_instants() {
        assert_eq!(stamp(0, 0, 0), "1970-01-01T00:00:00Z");
        // 2006-01-02T22:04:05Z, the seed's example instant, written at -07:00.
        assert_eq!(stamp(1_136_239_445, -420, 0), "2006-01-02T15:04:05-07:00");
        assert_eq!(stamp(951_782_400, 330, 3), "2000-02-29T05:30:00.123+05:30");
        assert_eq!(stamp(1_709_164_800, 0, 9), "2024-02-29T00:00:00.123456789Z");
        assert_eq!(stamp(-1, 0, 6), "1969-12-31T23:59:59.123456Z");
    }
}
