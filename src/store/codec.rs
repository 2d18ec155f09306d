//! Conversions between scheduling values and SQLite columns.
//!
//! Times are INTEGER microseconds since the Unix epoch (the scheduler's precision, so states
//! round-trip exactly, and integers compare and index cheaply); states are their lowercase
//! names, readable with the `sqlite3` shell; study days are `YYYY-MM-DD` text.

use chrono::{DateTime, NaiveDate, Utc};

use crate::srs::{Rating, State};

/// A time as stored.
pub(crate) fn time_to_sql(t: DateTime<Utc>) -> i64 {
    t.timestamp_micros()
}

/// A stored time.
pub(crate) fn time_from_sql(micros: i64) -> Result<DateTime<Utc>, String> {
    DateTime::from_timestamp_micros(micros).ok_or_else(|| format!("time {micros} out of range"))
}

/// A stored state name.
pub(crate) fn state_from_sql(name: &str) -> Result<State, String> {
    name.parse().map_err(|e: crate::srs::ParseStateError| e.to_string())
}

/// A stored rating number.
pub(crate) fn rating_from_sql(value: i64) -> Result<Rating, String> {
    u8::try_from(value).ok().and_then(Rating::from_u8).ok_or_else(|| format!("rating {value} out of range"))
}

/// A study day as stored.
pub(crate) fn day_to_sql(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// A stored study day.
pub(crate) fn day_from_sql(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| format!("day {text:?}: {e}"))
}

/// A stored non-negative count.
pub(crate) fn u32_from_sql(value: i64, what: &str) -> Result<u32, String> {
    u32::try_from(value).map_err(|_| format!("{what} {value} out of range"))
}
