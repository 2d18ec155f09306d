//! Conversions between scheduling values and SQLite columns.
//!
//! Times are INTEGER microseconds since the Unix epoch (the scheduler's precision, so states
//! round-trip exactly, and integers compare and index cheaply); states are their lowercase
//! names, readable with the `sqlite3` shell; study days are `YYYY-MM-DD` text.

use chrono::{DateTime, NaiveDate, Utc};

use crate::srs::{CardState, Rating, State};

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

/// A card's eight columns as SQLite returns them, before decoding.
///
/// Items and the review log's "previous state" store a [`CardState`] in the same eight
/// columns (state, step, stability, difficulty, due, last review, reps, lapses), so both share
/// this codec. REAL columns hold IEEE doubles and times are integers, so a state read back is
/// exactly the state written.
pub(crate) struct RawCard {
    state: String,
    step: Option<u32>,
    stability: Option<f64>,
    difficulty: Option<f64>,
    due: i64,
    last_review: Option<i64>,
    reps: i64,
    lapses: i64,
}

impl RawCard {
    /// Reads the eight columns starting at column `first`.
    pub(crate) fn from_row(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<RawCard> {
        Ok(RawCard {
            state: row.get(first)?,
            step: row.get(first + 1)?,
            stability: row.get(first + 2)?,
            difficulty: row.get(first + 3)?,
            due: row.get(first + 4)?,
            last_review: row.get(first + 5)?,
            reps: row.get(first + 6)?,
            lapses: row.get(first + 7)?,
        })
    }

    /// The card the columns describe.
    pub(crate) fn decode(self) -> Result<CardState, String> {
        Ok(CardState {
            state: state_from_sql(&self.state)?,
            step: self.step,
            stability: self.stability,
            difficulty: self.difficulty,
            due: time_from_sql(self.due)?,
            last_review: self.last_review.map(time_from_sql).transpose()?,
            reps: u32_from_sql(self.reps, "reps")?,
            lapses: u32_from_sql(self.lapses, "lapses")?,
        })
    }
}

/// The eight column values for `card`, in [`RawCard`] order, ready to bind.
pub(crate) fn card_values(card: &CardState) -> [rusqlite::types::Value; 8] {
    use rusqlite::types::Value;
    let opt_real = |v: Option<f64>| v.map_or(Value::Null, Value::Real);
    [
        Value::Text(card.state.as_str().to_string()),
        card.step.map_or(Value::Null, |s| Value::Integer(i64::from(s))),
        opt_real(card.stability),
        opt_real(card.difficulty),
        Value::Integer(time_to_sql(card.due)),
        card.last_review.map_or(Value::Null, |t| Value::Integer(time_to_sql(t))),
        Value::Integer(i64::from(card.reps)),
        Value::Integer(i64::from(card.lapses)),
    ]
}
