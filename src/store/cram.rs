//! Cramming: items looked at outside their schedule, the day before the exam.
//!
//! A cram view is recorded here and nowhere else: the items table and the review log — and so
//! FSRS state, due dates and statistics — are left exactly as they were.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::codec::{time_from_sql, time_to_sql};
use super::{Store, StoreError};

impl Store {
    /// Records that `item_id` was seen while cramming at `at`.
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file.
    pub fn record_cram(&self, item_id: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.writer()?
            .execute("INSERT INTO cram_log (item_id, seen_at) VALUES (?1, ?2)", params![item_id, time_to_sql(at)])
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Every cram view, oldest first.
    ///
    /// # Errors
    ///
    /// A SQLite or decoding error naming the file.
    pub fn cram_log(&self) -> Result<Vec<(String, DateTime<Utc>)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT item_id, seen_at FROM cram_log ORDER BY id")
            .map_err(|e| self.db_err(e))?;
        let rows =
            stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).map_err(|e| self.db_err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, at) = row.map_err(|e| self.db_err(e))?;
            out.push((id, time_from_sql(at).map_err(|d| self.decode_err(d))?));
        }
        Ok(out)
    }
}
