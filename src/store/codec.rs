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

/// Reads a card from its eight columns (state, step, stability, difficulty, due, last review,
/// reps, lapses) starting at column `first`; the inner `Result` carries decoding problems.
///
/// Items and the review log's "previous state" store a [`CardState`] in the same eight
/// columns, so both share this codec. REAL columns hold IEEE doubles and times are integers,
/// so a state read back is exactly the state written. The state name is read in place, without
/// allocating: this runs once per item when a whole deck is loaded.
pub(crate) fn card_from_row(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Result<CardState, String>> {
    let state = match row.get_ref(first)?.as_str() {
        Ok(name) => state_from_sql(name),
        Err(e) => Err(format!("state: {e}")),
    };
    let step: Option<u32> = row.get(first + 1)?;
    let stability: Option<f64> = row.get(first + 2)?;
    let difficulty: Option<f64> = row.get(first + 3)?;
    let due: i64 = row.get(first + 4)?;
    let last_review: Option<i64> = row.get(first + 5)?;
    let reps: i64 = row.get(first + 6)?;
    let lapses: i64 = row.get(first + 7)?;
    Ok((|| {
        Ok(CardState {
            state: state?,
            step,
            stability,
            difficulty,
            due: time_from_sql(due)?,
            last_review: last_review.map(time_from_sql).transpose()?,
            reps: u32_from_sql(reps, "reps")?,
            lapses: u32_from_sql(lapses, "lapses")?,
        })
    })())
}

/// The eight column values for `card`, in [`card_from_row`] order, ready to bind.
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
