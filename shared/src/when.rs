//! Dates and durations in words: "3 May 2026", "2 minutes ago", "in 3 days".
//!
//! The core formats dates itself, with the offset the shell reported at start, so every shell
//! shows the same words. The calendar maths is Howard Hinnant's days-from-civil algorithm.

pub const MINUTE_MS: u64 = 60 * 1000;
pub const HOUR_MS: u64 = 60 * MINUTE_MS;
pub const DAY_MS: u64 = 24 * HOUR_MS;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The civil date (year, month 1-12, day 1-31) of a Unix-milliseconds time at a UTC offset.
pub fn civil_date(unix_ms: u64, utc_offset_minutes: i32) -> (i64, u32, u32) {
    let ms = i64::try_from(unix_ms).unwrap_or(i64::MAX) + i64::from(utc_offset_minutes) * 60_000;
    let days = ms.div_euclid(86_400_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

/// "2026-05": the month in UTC, as the baseline records when an assessment was taken.
pub fn month(unix_ms: u64) -> String {
    let (year, month, _) = civil_date(unix_ms, 0);
    format!("{year:04}-{month:02}")
}

/// "3 May 2026".
pub fn date(unix_ms: u64, utc_offset_minutes: i32) -> String {
    let (year, month, day) = civil_date(unix_ms, utc_offset_minutes);
    format!("{day} {} {year}", MONTHS[(month - 1) as usize])
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The time of day, "14:05", at the UTC offset.
pub fn clock_time(unix_ms: u64, utc_offset_minutes: i32) -> String {
    let ms = i64::try_from(unix_ms).unwrap_or(i64::MAX) + i64::from(utc_offset_minutes) * 60_000;
    let minutes = ms.div_euclid(60_000).rem_euclid(24 * 60);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// How long ago `then` was: "just now", "5 minutes ago", "3 hours ago", "yesterday", or a date.
pub fn ago(then_ms: u64, now_ms: u64, utc_offset_minutes: i32) -> String {
    let elapsed = now_ms.saturating_sub(then_ms);
    if elapsed < MINUTE_MS {
        "just now".to_owned()
    } else if elapsed < HOUR_MS {
        format!("{} ago", plural(elapsed / MINUTE_MS, "minute", "minutes"))
    } else if elapsed < DAY_MS {
        format!("{} ago", plural(elapsed / HOUR_MS, "hour", "hours"))
    } else if elapsed < 2 * DAY_MS {
        "yesterday".to_owned()
    } else {
        format!("on {}", date(then_ms, utc_offset_minutes))
    }
}

/// How long until `then`: "now", "tomorrow", "in 3 days".
pub fn until(then_ms: u64, now_ms: u64) -> String {
    let wait = then_ms.saturating_sub(now_ms);
    if wait == 0 {
        "now".to_owned()
    } else if wait < HOUR_MS {
        format!(
            "in {}",
            plural(wait.div_ceil(MINUTE_MS), "minute", "minutes")
        )
    } else if wait < DAY_MS {
        format!("in {}", plural(wait.div_ceil(HOUR_MS), "hour", "hours"))
    } else if wait < 2 * DAY_MS {
        "tomorrow".to_owned()
    } else {
        format!("in {}", plural(wait.div_ceil(DAY_MS), "day", "days"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-05-03T10:00:00Z
    const MAY_3: u64 = 1_777_802_400_000;

    #[test]
    fn dates_follow_the_calendar_and_the_offset() {
        assert_eq!(date(0, 0), "1 January 1970");
        assert_eq!(date(MAY_3, 0), "3 May 2026");
        assert_eq!(date(951_782_400_000, 0), "29 February 2000");
        // 23:30 UTC on 3 May is already 4 May at UTC+1.
        assert_eq!(
            date(MAY_3 + 13 * HOUR_MS + 30 * MINUTE_MS, 60),
            "4 May 2026"
        );
    }

    #[test]
    fn ago_reads_naturally() {
        assert_eq!(ago(MAY_3, MAY_3 + 10_000, 0), "just now");
        assert_eq!(ago(MAY_3, MAY_3 + MINUTE_MS, 0), "1 minute ago");
        assert_eq!(ago(MAY_3, MAY_3 + 2 * MINUTE_MS + 5, 0), "2 minutes ago");
        assert_eq!(ago(MAY_3, MAY_3 + 3 * HOUR_MS, 0), "3 hours ago");
        assert_eq!(ago(MAY_3, MAY_3 + 30 * HOUR_MS, 0), "yesterday");
        assert_eq!(ago(MAY_3, MAY_3 + 5 * DAY_MS, 0), "on 3 May 2026");
        // A clock that went backwards never gives a negative duration.
        assert_eq!(ago(MAY_3, MAY_3 - HOUR_MS, 0), "just now");
    }

    #[test]
    fn until_reads_naturally() {
        assert_eq!(until(MAY_3, MAY_3), "now");
        assert_eq!(until(MAY_3 + 90 * MINUTE_MS, MAY_3), "in 2 hours");
        assert_eq!(until(MAY_3 + DAY_MS, MAY_3), "tomorrow");
        assert_eq!(until(MAY_3 + 3 * DAY_MS, MAY_3), "in 3 days");
    }
}
