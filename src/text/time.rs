//! Times and durations as a learner reads them, the same in both shells.
//!
//! Clock times are shown in the study day's UTC offset (the one that places the 04:00 day
//! rollover, see `SchedulerConfig::utc_offset`), so `dopdeck due` and the dashboard agree.

#![deny(clippy::indexing_slicing)]

use chrono::{DateTime, Duration, FixedOffset, Utc};

/// "2026-11-21 13:00": a moment in the learner's offset.
pub fn datetime(t: DateTime<Utc>, offset: FixedOffset) -> String {
    t.with_timezone(&offset).format("%Y-%m-%d %H:%M").to_string()
}

/// "21 Nov 13:00": a moment this year, in the learner's offset.
pub fn day_time(t: DateTime<Utc>, offset: FixedOffset) -> String {
    t.with_timezone(&offset).format("%d %b %H:%M").to_string()
}

/// "2:59:07" or "47:12": time left on an exam clock.
pub fn clock(d: Duration) -> String {
    let s = d.num_seconds().max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// "1m", "10m", "3h", "4d", "2.1mo", "1.3y": the interval a button gives, as Anki shows it.
pub fn short_interval(from: DateTime<Utc>, due: DateTime<Utc>) -> String {
    let secs = (due - from).num_seconds().max(0) as f64;
    let (value, unit) = if secs < 3600.0 {
        ((secs / 60.0).round().max(1.0), "m")
    } else if secs < 86_400.0 {
        (secs / 3600.0, "h")
    } else if secs < 30.0 * 86_400.0 {
        (secs / 86_400.0, "d")
    } else if secs < 365.0 * 86_400.0 {
        (secs / (30.0 * 86_400.0), "mo")
    } else {
        (secs / (365.0 * 86_400.0), "y")
    };
    if unit == "m" || value >= 10.0 || (value - value.round()).abs() < 0.05 {
        format!("{}{unit}", value.round())
    } else {
        format!("{value:.1}{unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_and_intervals() {
        assert_eq!(clock(Duration::seconds(3 * 3600 - 53)), "2:59:07");
        assert_eq!(clock(Duration::seconds(47 * 60 + 12)), "47:12");
        let t = DateTime::from_timestamp(0, 0).unwrap_or_default();
        assert_eq!(short_interval(t, t + Duration::minutes(10)), "10m");
        assert_eq!(short_interval(t, t + Duration::days(4)), "4d");
        let east = FixedOffset::east_opt(3600).unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC"));
        assert_eq!(datetime(t, east), "1970-01-01 01:00");
    }
}
