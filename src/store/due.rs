//! The rows that today's counts depend on, without reading every item row.
//!
//! On a long history almost every item row is a review due some day after today: it can only
//! say when the next item falls due. `dopdeck due` at 100,000 items spent most of its time
//! decoding such rows into a map. Here SQL splits the table: rows that can be in today's
//! counts (learning, due by tomorrow's start, graded today, buried) are read whole; for the
//! rest only the id, the suspension flag and the due time are passed by reference to the
//! caller, which needs them to tell a new item from a quiet one and to find the next due time.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::codec;
use super::items::{COLUMNS, ItemRow, item_from_row};
use super::{Store, StoreError};

/// A row is "live" for today when it is not suspended and it is not a review due after today
/// that was neither graded today nor buried. `IFNULL` keeps a NULL comparison from dropping a
/// row out of both halves. ?1 = tomorrow's start, ?2 = today's start (microseconds),
/// ?3 = today (YYYY-MM-DD).
const LIVE: &str = "suspended = 0 AND (state != 'review' OR due < ?1 OR IFNULL(last_review >= ?2, 0) \
                    OR IFNULL(buried_until >= ?3, 0))";

/// What a quiet row tells the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietRow {
    /// Suspended: out of every queue.
    pub suspended: bool,
    /// When it falls due (a review after today, unless suspended).
    pub due: DateTime<Utc>,
}

impl Store {
    /// The rows that today's queue can hold, by id; every other row is passed to `quiet`
    /// (id, flags), in no particular order.
    ///
    /// # Errors
    ///
    /// A SQLite or decoding error naming the file.
    pub fn live_rows(
        &self,
        today: NaiveDate,
        today_start: DateTime<Utc>,
        tomorrow_start: DateTime<Utc>,
        mut quiet: impl FnMut(&str, QuietRow),
    ) -> Result<HashMap<String, ItemRow>, StoreError> {
        let args =
            params![codec::time_to_sql(tomorrow_start), codec::time_to_sql(today_start), codec::day_to_sql(today)];
        let mut live = HashMap::new();
        let sql = format!("SELECT {COLUMNS} FROM items WHERE {LIVE}");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.db_err(e))?;
        let mut rows = stmt.query(args).map_err(|e| self.db_err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.db_err(e))? {
            let id: String = row.get(0).map_err(|e| self.db_err(e))?;
            let item = item_from_row(row)
                .map_err(|e| self.db_err(e))?
                .map_err(|e| self.decode_err(format!("item {id}: {e}")))?;
            live.insert(id, item);
        }
        let sql = format!("SELECT id, suspended, due FROM items WHERE NOT ({LIVE})");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.db_err(e))?;
        let mut rows = stmt.query(args).map_err(|e| self.db_err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.db_err(e))? {
            let id = row.get_ref(0).map_err(|e| self.db_err(e))?;
            let id = id.as_str().map_err(|e| self.decode_err(format!("item id: {e}")))?;
            let suspended: bool = row.get(1).map_err(|e| self.db_err(e))?;
            let due: i64 = row.get(2).map_err(|e| self.db_err(e))?;
            let due = codec::time_from_sql(due).map_err(|e| self.decode_err(format!("item {id}: {e}")))?;
            quiet(id, QuietRow { suspended, due });
        }
        Ok(live)
    }
}
