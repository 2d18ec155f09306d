//! What exam pacing analytics need: the time spent on each question (every visit added up)
//! and every answer given, in order, so changed answers can be told apart from first answers.
//!
//! Both are written as they happen, like the answers themselves (see `exams`), so a resumed
//! attempt keeps its timings.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::codec::time_to_sql;
use super::{Store, StoreError};

/// One question's pacing record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerTiming {
    /// Time spent on the question, all visits summed.
    pub time_ms: u64,
    /// Every answer given, oldest first, as material option indices.
    pub answers: Vec<Vec<usize>>,
}

impl Store {
    /// Adds `ms` to the time spent on question `index` of `attempt`.
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file.
    pub fn add_exam_time(&self, attempt: i64, index: usize, ms: u64) -> Result<(), StoreError> {
        let ms = i64::try_from(ms).unwrap_or(i64::MAX);
        self.writer()?
            .execute(
                "UPDATE exam_answers SET time_ms = min(time_ms + ?3, 9223372036854775807)
                 WHERE attempt = ?1 AND position = ?2",
                params![attempt, index as i64, ms],
            )
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Appends an answer given to question `index` to the attempt's answer history.
    ///
    /// # Errors
    ///
    /// A SQLite error naming the file.
    pub fn log_exam_answer(
        &self,
        attempt: i64,
        index: usize,
        answer: &[usize],
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let answer = answer.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
        self.writer()?
            .execute(
                "INSERT INTO exam_answer_log (attempt, position, at, answer) VALUES (?1, ?2, ?3, ?4)",
                params![attempt, index as i64, time_to_sql(at), answer],
            )
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Every question's timing and answer history, in attempt order (empty for no attempt).
    ///
    /// # Errors
    ///
    /// A SQLite or decoding error naming the file.
    pub fn exam_timings(&self, attempt: i64) -> Result<Vec<AnswerTiming>, StoreError> {
        let mut out: Vec<AnswerTiming> = Vec::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT time_ms FROM exam_answers WHERE attempt = ?1 ORDER BY position")
            .map_err(|e| self.db_err(e))?;
        let rows = stmt.query_map([attempt], |r| r.get::<_, i64>(0)).map_err(|e| self.db_err(e))?;
        for row in rows {
            let ms = row.map_err(|e| self.db_err(e))?;
            out.push(AnswerTiming { time_ms: u64::try_from(ms).unwrap_or(0), answers: Vec::new() });
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT position, answer FROM exam_answer_log WHERE attempt = ?1 ORDER BY position, at, rowid",
            )
            .map_err(|e| self.db_err(e))?;
        let rows = stmt
            .query_map([attempt], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.db_err(e))?;
        for row in rows {
            let (position, answer) = row.map_err(|e| self.db_err(e))?;
            let answer = if answer.is_empty() {
                Vec::new()
            } else {
                answer
                    .split(',')
                    .map(|x| x.parse::<usize>())
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| self.decode_err(format!("answer log of attempt {attempt}: {e}")))?
            };
            if let Some(t) = usize::try_from(position).ok().and_then(|p| out.get_mut(p)) {
                t.answers.push(answer);
            }
        }
        Ok(out)
    }
}
