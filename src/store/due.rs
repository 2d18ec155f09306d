//! The rows that today's counts depend on, without reading every item row.
//!
//! On a long history almost every item row is a review due some day after today: it can only
//! say when the next item falls due. `dopdeck due` at 100,000 items spent most of its time
//! decoding such rows into a map. Here one pass over a range of rows splits them (a large table
//! is read in two ranges at once, see `Study::due`): rows that can be in today's counts
//! (learning, due by tomorrow's start, graded today, buried) are read whole; for the rest only
//! the id, the suspension flag and the due time are passed by reference to the caller, which
//! needs them to tell a new item from a quiet one and to find the next due time.

use std::ops::Range;

use chrono::{DateTime, NaiveDate, Utc};

use super::codec;
use super::items::{COLUMNS, ItemRow, item_from_row};
use super::{Store, StoreError};

/// What a quiet row tells the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietRow {
    /// Suspended: out of every queue.
    pub suspended: bool,
    /// When it falls due (a review after today, unless suspended).
    pub due: DateTime<Utc>,
}

/// A row as [`Store::live_rows`] passes it.
#[derive(Debug, Clone, PartialEq)]
pub enum DueRow {
    /// A row today's counts depend on, read whole.
    Live(ItemRow),
    /// Any other row.
    Quiet(QuietRow),
}

impl Store {
    /// One past the highest row number of the items table (1 when it is empty): rows are
    /// numbered from 1 as they are first written, so `1..row_end()` covers them all and can be
    /// cut into parts that two readers scan at once (see [`Store::live_rows`]).
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file.
    pub fn row_end(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT coalesce(max(rowid), 0) + 1 FROM items", [], |r| r.get(0))
            .map_err(|e| self.db_err(e))
    }

    /// Passes every row numbered in `part` (see [`Store::row_end`]) to `each`, with its id, in
    /// no particular order: whole if today's queue can hold it, else as a [`QuietRow`].
    ///
    /// # Errors
    ///
    /// A SQLite or decoding error naming the file.
    pub fn live_rows(
        &self,
        today: NaiveDate,
        today_start: DateTime<Utc>,
        tomorrow_start: DateTime<Utc>,
        part: Range<i64>,
        mut each: impl FnMut(&str, DueRow),
    ) -> Result<(), StoreError> {
        let (tomorrow, today_start, today) =
            (codec::time_to_sql(tomorrow_start), codec::time_to_sql(today_start), codec::day_to_sql(today));
        // One pass over the part; the split is decided here from five plain columns, so only
        // live rows pay for decoding a whole card and an owned id.
        let sql = format!("SELECT {COLUMNS} FROM items WHERE rowid >= ?1 AND rowid < ?2");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.db_err(e))?;
        let mut rows = stmt.query([part.start, part.end]).map_err(|e| self.db_err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.db_err(e))? {
            let glance = Glance::read(row).map_err(|e| self.db_err(e))?;
            let id = row.get_ref(0).map_err(|e| self.db_err(e))?;
            let id = id.as_str().map_err(|e| self.decode_err(format!("item id: {e}")))?;
            if glance.is_live(tomorrow, today_start, &today) {
                let item = item_from_row(row)
                    .map_err(|e| self.db_err(e))?
                    .map_err(|e| self.decode_err(format!("item {id}: {e}")))?;
                each(id, DueRow::Live(item));
            } else {
                let due = codec::time_from_sql(glance.due).map_err(|e| self.decode_err(format!("item {id}: {e}")))?;
                each(id, DueRow::Quiet(QuietRow { suspended: glance.suspended, due }));
            }
        }
        Ok(())
    }
}

/// The columns that decide whether a row is live, read in place.
struct Glance<'r> {
    review: bool,
    due: i64,
    last_review: Option<i64>,
    suspended: bool,
    buried_until: Option<&'r str>,
}

impl<'r> Glance<'r> {
    /// Reads the glance from a row of `COLUMNS` (state 1, due 5, last review 6, suspended 9,
    /// buried until 10). A column of the wrong type reads as "live", so the full decode
    /// reports it.
    fn read(row: &'r rusqlite::Row<'_>) -> rusqlite::Result<Glance<'r>> {
        Ok(Glance {
            review: row.get_ref(1)?.as_bytes().is_ok_and(|s| s == b"review"),
            due: row.get_ref(5)?.as_i64().unwrap_or(i64::MIN),
            last_review: row.get_ref(6)?.as_i64_or_null().unwrap_or(None),
            suspended: row.get_ref(9)?.as_i64().is_ok_and(|v| v != 0),
            buried_until: row.get_ref(10)?.as_str_or_null().unwrap_or(None),
        })
    }

    /// Live for today: not suspended, and not a review due after today that was neither
    /// graded today nor buried (`YYYY-MM-DD` text compares as dates).
    fn is_live(&self, tomorrow: i64, today_start: i64, today: &str) -> bool {
        !self.suspended
            && (!self.review
                || self.due < tomorrow
                || self.last_review.is_some_and(|t| t >= today_start)
                || self.buried_until.is_some_and(|d| d >= today))
    }
}
