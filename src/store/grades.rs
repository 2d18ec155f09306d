//! The review log read one grade at a time, grouped by item, for the optimizer.
//!
//! Fitting parameters needs every grade of every item in time order; reading 2,000,000 grades
//! into memory first (about 200 bytes each, as [`crate::srs::ReviewLog`]s) doubled the peak of
//! `dopdeck optimize`. The `revlog_item` index (item, time) hands them over in that order.

use super::codec;
use super::{Store, StoreError};
use crate::srs::Grade;

impl Store {
    /// Calls `visit(item id, grade)` for every grade, grouped by item and in time order within
    /// an item (equal times in the order they were recorded).
    ///
    /// # Errors
    ///
    /// A SQLite or decoding error naming the file.
    pub fn for_each_grade_by_item(&self, mut visit: impl FnMut(&str, Grade)) -> Result<(), StoreError> {
        let sql = "SELECT item_id, reviewed_at, rating, state_before FROM revlog ORDER BY item_id, reviewed_at, id";
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.db_err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.db_err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.db_err(e))? {
            let id = row.get_ref(0).map_err(|e| self.db_err(e))?;
            let id = id.as_str().map_err(|e| self.decode_err(format!("review item id: {e}")))?;
            let at: i64 = row.get(1).map_err(|e| self.db_err(e))?;
            let rating: i64 = row.get(2).map_err(|e| self.db_err(e))?;
            let before = row.get_ref(3).map_err(|e| self.db_err(e))?;
            let decoded = (|| {
                let before = before.as_str().map_err(|e| format!("state: {e}"))?;
                Ok::<_, String>(Grade {
                    at: codec::time_from_sql(at)?,
                    rating: codec::rating_from_sql(rating)?,
                    state_before: codec::state_from_sql(before)?,
                })
            })();
            visit(id, decoded.map_err(|e| self.decode_err(format!("review of {id}: {e}")))?);
        }
        Ok(())
    }
}
