//! Aggregates over the review log, counted in SQL so a long history is never loaded.
//!
//! At two million reviews, loading every row (one `String` each) took seconds and hundreds of
//! megabytes; each of these is one indexed query on `revlog_reviewed_at`.

use chrono::{DateTime, Utc};

use super::codec;
use super::{Store, StoreError};
use crate::srs::stats::{MATURE_INTERVAL_DAYS, TrueRetention};

impl Store {
    /// How many grades were made in `[from, to)`.
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file.
    pub fn reviews_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<u32, StoreError> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM revlog WHERE reviewed_at >= ?1 AND reviewed_at < ?2")
            .and_then(|mut s| s.query_row([codec::time_to_sql(from), codec::time_to_sql(to)], |r| r.get(0)))
            .map_err(|e| self.db_err(e))?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Whether any grade was made in `[from, to)`: one index probe.
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file.
    pub fn reviewed_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM revlog WHERE reviewed_at >= ?1 AND reviewed_at < ?2)")
            .and_then(|mut s| s.query_row([codec::time_to_sql(from), codec::time_to_sql(to)], |r| r.get(0)))
            .map_err(|e| self.db_err(e))
    }

    /// True retention of the grades made in `[from, to)`, as
    /// [`srs::stats::true_retention`](crate::srs::stats::true_retention) counts it: grades of
    /// review-state items, Again a failure, young and mature split at
    /// [`MATURE_INTERVAL_DAYS`].
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file.
    pub fn retention_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<TrueRetention, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT last_interval_days >= ?3, rating = 1, count(*) FROM revlog
                 WHERE reviewed_at >= ?1 AND reviewed_at < ?2 AND state_before = 'review'
                 GROUP BY 1, 2",
            )
            .map_err(|e| self.db_err(e))?;
        let params = rusqlite::params![codec::time_to_sql(from), codec::time_to_sql(to), MATURE_INTERVAL_DAYS];
        let rows = stmt
            .query_map(params, |r| Ok((r.get::<_, bool>(0)?, r.get::<_, bool>(1)?, r.get::<_, i64>(2)?)))
            .map_err(|e| self.db_err(e))?;
        let mut retention = TrueRetention::default();
        for row in rows {
            let (mature, failed, n) = row.map_err(|e| self.db_err(e))?;
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            let bucket = if mature { &mut retention.mature } else { &mut retention.young };
            let (kind, total) = if failed {
                (&mut bucket.failed, &mut retention.total.failed)
            } else {
                (&mut bucket.passed, &mut retention.total.passed)
            };
            *kind += n;
            *total += n;
        }
        Ok(retention)
    }
}

impl Store {
    /// Grades per day in `[from, to)`, as `(day number, count)`: the day number of a grade is
    /// `floor((unix seconds + shift) / 86400)`, so `shift` (seconds) turns UTC days into study
    /// days (the UTC offset less the rollover hour). One indexed range scan, grouped in SQL.
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file.
    pub fn grades_per_day(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        shift: i64,
    ) -> Result<Vec<(i64, u32)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT (reviewed_at / 1000000 + ?3 - (reviewed_at / 1000000 + ?3 < 0) * 86399) / 86400 AS day,
                        count(*)
                 FROM revlog WHERE reviewed_at >= ?1 AND reviewed_at < ?2 GROUP BY day ORDER BY day",
            )
            .map_err(|e| self.db_err(e))?;
        let params = rusqlite::params![codec::time_to_sql(from), codec::time_to_sql(to), shift];
        let rows =
            stmt.query_map(params, |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))).map_err(|e| self.db_err(e))?;
        rows.map(|r| r.map(|(day, n)| (day, u32::try_from(n).unwrap_or(u32::MAX))).map_err(|e| self.db_err(e)))
            .collect()
    }
}
