//! Recording grades, undoing the last one, and reading the review log.

use chrono::{DateTime, Utc};
use rusqlite::types::{Type, Value};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::codec;
use super::items::{read_item, write_card};
use super::{Store, StoreError};
use crate::srs::{CardState, ReviewLog, Reviewed, State};

/// What [`Store::undo_last`] took back.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoneReview {
    /// The log row removed.
    pub log: ReviewLog,
    /// The state the item was restored to; `None` when it became new again (its row removed).
    pub restored: Option<CardState>,
}

/// The item's state before the grade, in [`codec::card_from_row`] order.
const PREVIOUS_COLUMNS: &str = "previous_state, previous_step, previous_stability, \
                                previous_difficulty, previous_due, previous_last_review, \
                                previous_reps, previous_lapses";

const LOG_COLUMNS: &str = "item_id, reviewed_at, rating, state_before, state_after, stability, \
                           difficulty, elapsed_days, scheduled_days, last_interval_days, \
                           duration_ms";

impl Store {
    /// Records one grade: appends `log` and sets the item's state to `card`, in one
    /// transaction. When this returns `Ok`, both are on disk.
    ///
    /// `log.item_id` names the item.
    ///
    /// `previous` must be the item's state as read before grading (`None`, or a `New` state,
    /// for an item without a row). It is checked against the stored row inside the
    /// transaction, so a grade computed from a state that another dopdeck has since changed is
    /// refused instead of silently overwriting that other grade. It is also kept in the log row,
    /// so [`Store::undo_last`] can restore it exactly.
    ///
    /// # Errors
    ///
    /// [`StoreError::Conflict`] if the item changed since `previous` was read; a SQLite error
    /// naming the file otherwise.
    pub fn record_review(
        &self,
        log: &ReviewLog,
        card: &CardState,
        previous: Option<&CardState>,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        let stored = read_item(&tx, &log.item_id)
            .map_err(|e| self.db_err(e))?
            .transpose()
            .map_err(|detail| self.decode_err(detail))?;
        if !matches_previous(stored.as_ref().map(|row| &row.card), previous) {
            return Err(StoreError::Conflict { item_id: log.item_id.clone() });
        }
        insert_log(&tx, log, previous).map_err(|e| self.db_err(e))?;
        write_card(&tx, &log.item_id, card).map_err(|e| self.db_err(e))?;
        tx.commit().map_err(|e| self.db_err(e))
    }

    /// Records one grade computed from the item's state as it is stored when the grade is
    /// written.
    ///
    /// `grade` runs inside the write transaction, given the stored state (`None` for an item
    /// without a row), and returns the grade to record for `item_id`. Two dopdecks grading the
    /// same item at the same moment are thus put one after the other by the write lock: the
    /// second computes its grade on top of the first instead of failing because the state it
    /// showed has changed. An error from `grade` records nothing.
    ///
    /// # Errors
    ///
    /// `grade`'s error, or a SQLite or decoding error naming the file.
    pub fn record_review_with<E: From<StoreError>>(
        &self,
        item_id: &str,
        grade: impl FnOnce(Option<&CardState>) -> Result<Reviewed, E>,
    ) -> Result<Reviewed, E> {
        let tx = self.write()?;
        let stored = read_item(&tx, item_id)
            .map_err(|e| self.db_err(e))?
            .transpose()
            .map_err(|detail| self.decode_err(detail))?;
        let previous = stored.as_ref().map(|row| &row.card);
        let reviewed = grade(previous)?;
        insert_log(&tx, &reviewed.log, previous).map_err(|e| self.db_err(e))?;
        write_card(&tx, item_id, &reviewed.card).map_err(|e| self.db_err(e))?;
        tx.commit().map_err(|e| self.db_err(e))?;
        Ok(reviewed)
    }

    /// Takes back the most recent grade: restores the item's previous state (or makes it new
    /// again) and removes the log row, in one transaction.
    ///
    /// Returns `None` when the log is empty.
    ///
    /// # Errors
    ///
    /// A SQLite or decoding error naming the file.
    pub fn undo_last(&self) -> Result<Option<UndoneReview>, StoreError> {
        let tx = self.write()?;
        let last = tx
            .query_row(
                &format!(
                    "SELECT id, {LOG_COLUMNS}, {PREVIOUS_COLUMNS} FROM revlog \
                     ORDER BY id DESC LIMIT 1"
                ),
                [],
                |row| {
                    let id: i64 = row.get(0)?;
                    let log = log_from_row(row, 1)?;
                    let had_row = row.get_ref(12)?.data_type() != Type::Null;
                    let previous = if had_row { Some(codec::card_from_row(row, 12)?) } else { None };
                    Ok((id, log, previous))
                },
            )
            .optional()
            .map_err(|e| self.db_err(e))?;
        let Some((row_id, log, previous)) = last else {
            return Ok(None);
        };
        let log = log.map_err(|detail| self.decode_err(detail))?;
        let restored =
            previous.transpose().map_err(|e| self.decode_err(format!("previous state of {}: {e}", log.item_id)))?;
        match &restored {
            Some(card) => write_card(&tx, &log.item_id, card),
            None => make_new_again(&tx, &log.item_id),
        }
        .map_err(|e| self.db_err(e))?;
        tx.execute("DELETE FROM revlog WHERE id = ?1", [row_id]).map_err(|e| self.db_err(e))?;
        tx.commit().map_err(|e| self.db_err(e))?;
        Ok(Some(UndoneReview { log, restored }))
    }

    /// The whole review log, oldest first.
    ///
    /// # Errors
    ///
    /// A SQLite or decoding error naming the file.
    pub fn review_logs(&self) -> Result<Vec<ReviewLog>, StoreError> {
        self.query_logs(&format!("SELECT {LOG_COLUMNS} FROM revlog ORDER BY reviewed_at, id"), [])
    }

    /// The grades made at or after `since`, oldest first (for "today" pass the start of the
    /// study day).
    ///
    /// # Errors
    ///
    /// A SQLite or decoding error naming the file.
    pub fn review_logs_since(&self, since: DateTime<Utc>) -> Result<Vec<ReviewLog>, StoreError> {
        self.query_logs(
            &format!("SELECT {LOG_COLUMNS} FROM revlog WHERE reviewed_at >= ?1 ORDER BY reviewed_at, id"),
            [codec::time_to_sql(since)],
        )
    }

    /// How many grades the log holds.
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file.
    pub fn reviews_count(&self) -> Result<u64, StoreError> {
        let count: i64 =
            self.conn.query_row("SELECT count(*) FROM revlog", [], |row| row.get(0)).map_err(|e| self.db_err(e))?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    fn query_logs(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<ReviewLog>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.db_err(e))?;
        let rows = stmt.query_map(params, |row| log_from_row(row, 0)).map_err(|e| self.db_err(e))?;
        let mut logs = Vec::new();
        for row in rows {
            logs.push(row.map_err(|e| self.db_err(e))?.map_err(|detail| self.decode_err(detail))?);
        }
        Ok(logs)
    }
}

/// Whether the stored state is the one the grade was computed from.
///
/// A missing row and a new-item row (left by suspending or burying) both count as "new".
fn matches_previous(stored: Option<&CardState>, previous: Option<&CardState>) -> bool {
    let is_new = |card: Option<&CardState>| card.is_none_or(|c| c.state == State::New);
    match (stored, previous) {
        (Some(stored), Some(previous)) if stored.state != State::New => stored == previous,
        (stored, previous) => is_new(stored) && is_new(previous),
    }
}

/// After undoing an item's first grade: remove its row, or keep a new-item row if the item is
/// suspended or buried (those flags were set independently of the grade).
fn make_new_again(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM items WHERE id = ?1 AND suspended = 0 AND buried_until IS NULL", [id])?;
    if conn.changes() == 0 {
        write_card(conn, id, &CardState::new(DateTime::UNIX_EPOCH))?;
    }
    Ok(())
}

pub(crate) fn insert_log(conn: &Connection, log: &ReviewLog, previous: Option<&CardState>) -> rusqlite::Result<()> {
    insert_log_with_event(conn, log, previous, None)
}

/// Inserts one review-log row; `event_id` is the sync event it came from (`None` for a grade
/// made here: sync assigns it an id when it is first published).
pub(crate) fn insert_log_with_event(
    conn: &Connection,
    log: &ReviewLog,
    previous: Option<&CardState>,
    event_id: Option<&str>,
) -> rusqlite::Result<()> {
    let previous = previous.map_or_else(|| std::array::from_fn(|_| Value::Null), codec::card_values);
    let [state, step, stability, difficulty, due, last_review, reps, lapses] = previous;
    conn.prepare_cached(&format!(
        "INSERT INTO revlog ({LOG_COLUMNS}, {PREVIOUS_COLUMNS}, event_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)"
    ))?
    .execute(params![
        log.item_id,
        codec::time_to_sql(log.reviewed_at),
        log.rating.as_u8(),
        log.state_before.as_str(),
        log.state_after.as_str(),
        log.stability,
        log.difficulty,
        log.elapsed_days,
        log.scheduled_days,
        log.last_interval_days,
        log.duration_ms,
        state,
        step,
        stability,
        difficulty,
        due,
        last_review,
        reps,
        lapses,
        event_id,
    ])?;
    Ok(())
}

/// Reads the [`LOG_COLUMNS`] starting at column `first`; the inner `Result` carries decoding
/// problems.
fn log_from_row(row: &Row<'_>, first: usize) -> rusqlite::Result<Result<ReviewLog, String>> {
    let state_at = |column: usize| -> rusqlite::Result<Result<State, String>> {
        Ok(match row.get_ref(column)?.as_str() {
            Ok(name) => codec::state_from_sql(name),
            Err(e) => Err(format!("state: {e}")),
        })
    };
    let item_id: String = row.get(first)?;
    let reviewed_at: i64 = row.get(first + 1)?;
    let rating: i64 = row.get(first + 2)?;
    let state_before = state_at(first + 3)?;
    let state_after = state_at(first + 4)?;
    let stability: f64 = row.get(first + 5)?;
    let difficulty: f64 = row.get(first + 6)?;
    let elapsed_days: u32 = row.get(first + 7)?;
    let scheduled_days: u32 = row.get(first + 8)?;
    let last_interval_days: u32 = row.get(first + 9)?;
    let duration_ms: Option<u32> = row.get(first + 10)?;
    let decoded = (|| -> Result<ReviewLog, String> {
        Ok(ReviewLog {
            reviewed_at: codec::time_from_sql(reviewed_at)?,
            rating: codec::rating_from_sql(rating)?,
            state_before: state_before?,
            state_after: state_after?,
            item_id: String::new(),
            stability,
            difficulty,
            elapsed_days,
            scheduled_days,
            last_interval_days,
            duration_ms,
        })
    })();
    Ok(match decoded {
        Ok(log) => Ok(ReviewLog { item_id, ..log }),
        Err(e) => Err(format!("review of {item_id}: {e}")),
    })
}
