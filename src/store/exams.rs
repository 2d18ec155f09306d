//! Practice-exam attempts: every answer, flag and move is written the moment it is made, so a
//! quit or a crash resumes the attempt where it stopped.
//!
//! An attempt row holds the mode, the scope, the seed, the start, the deadline and (once
//! submitted) the result; one row per question holds its shuffled option order, the answer (as
//! material option indices) and the flag.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::codec::{time_from_sql, time_to_sql};
use super::{Store, StoreError};
use crate::exam::{AttemptQuestion, Mode, Scope, Session};

/// An attempt's summary, for history and resume.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AttemptMeta {
    pub id: i64,
    pub mode: Mode,
    pub scope: Scope,
    pub seed: u64,
    pub started_at: DateTime<Utc>,
    pub deadline: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub questions: usize,
    /// Right answers, once submitted.
    pub correct: Option<usize>,
    /// The scaled-score estimate, once submitted.
    pub scaled_estimate: Option<u32>,
}

fn indices_to_sql(v: &[usize]) -> String {
    v.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
}

fn indices_from_sql(s: &str) -> Result<Vec<usize>, String> {
    if s.is_empty() {
        return Ok(Vec::new());
    }
    s.split(',').map(|x| x.parse::<usize>().map_err(|e| format!("bad option index {x:?}: {e}"))).collect()
}

impl Store {
    /// Records a new attempt with its questions, in one transaction; returns its id.
    pub fn create_attempt(&self, session: &Session, scope: &Scope, seed: u64) -> Result<i64, StoreError> {
        let scope_json = serde_json::to_string(scope).map_err(|e| self.decode_err(e.to_string()))?;
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO exam_attempts (mode, scope, seed, started_at, deadline, current, questions)
             VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)",
            params![
                session.mode.name(),
                scope_json,
                seed as i64,
                time_to_sql(session.started_at),
                session.deadline.map(time_to_sql),
                session.questions.len() as i64
            ],
        )
        .map_err(|e| self.db_err(e))?;
        let id = tx.last_insert_rowid();
        for (i, q) in session.questions.iter().enumerate() {
            tx.execute(
                "INSERT INTO exam_answers (attempt, position, question_id, option_order, answer, flagged)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id,
                    i as i64,
                    q.question_id,
                    indices_to_sql(&q.order),
                    indices_to_sql(session.answers.get(i).map_or(&[][..], Vec::as_slice)),
                    session.is_flagged(i)
                ],
            )
            .map_err(|e| self.db_err(e))?;
        }
        tx.commit().map_err(|e| self.db_err(e))?;
        Ok(id)
    }

    /// Stores the answer to question `index` (material option indices; empty clears it).
    pub fn save_exam_answer(
        &self,
        attempt: i64,
        index: usize,
        answer: &[usize],
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.writer()?
            .execute(
                "UPDATE exam_answers SET answer = ?3, answered_at = ?4 WHERE attempt = ?1 AND position = ?2",
                params![attempt, index as i64, indices_to_sql(answer), time_to_sql(at)],
            )
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Stores the flag of question `index`.
    pub fn save_exam_flag(&self, attempt: i64, index: usize, flagged: bool) -> Result<(), StoreError> {
        self.writer()?
            .execute(
                "UPDATE exam_answers SET flagged = ?3 WHERE attempt = ?1 AND position = ?2",
                params![attempt, index as i64, flagged],
            )
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Stores which question is on screen, so a resumed attempt opens there.
    pub fn save_exam_position(&self, attempt: i64, current: usize) -> Result<(), StoreError> {
        self.writer()?
            .execute("UPDATE exam_attempts SET current = ?2 WHERE id = ?1", params![attempt, current as i64])
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Marks the attempt submitted with its result.
    pub fn submit_exam(
        &self,
        attempt: i64,
        submitted_at: DateTime<Utc>,
        correct: usize,
        scaled: u32,
    ) -> Result<(), StoreError> {
        self.writer()?
            .execute(
                "UPDATE exam_attempts SET submitted_at = ?2, correct = ?3, scaled = ?4 WHERE id = ?1",
                params![attempt, time_to_sql(submitted_at), correct as i64, i64::from(scaled)],
            )
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Closes an open attempt without a result (it could not be resumed): it leaves the open
    /// list but has no score, so history and readiness do not count it.
    pub fn close_attempt(&self, attempt: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.writer()?
            .execute(
                "UPDATE exam_attempts SET submitted_at = ?2 WHERE id = ?1 AND submitted_at IS NULL",
                params![attempt, time_to_sql(at)],
            )
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Every attempt, oldest first.
    pub fn exam_attempts(&self) -> Result<Vec<AttemptMeta>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, mode, scope, seed, started_at, deadline, submitted_at, questions, correct, scaled
                 FROM exam_attempts ORDER BY id",
            )
            .map_err(|e| self.db_err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                    r.get::<_, Option<i64>>(6)?,
                    r.get::<_, i64>(7)?,
                    r.get::<_, Option<i64>>(8)?,
                    r.get::<_, Option<i64>>(9)?,
                ))
            })
            .map_err(|e| self.db_err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, mode, scope, seed, started, deadline, submitted, questions, correct, scaled) =
                row.map_err(|e| self.db_err(e))?;
            let decode = |r: Result<_, String>| r.map_err(|d| self.decode_err(d));
            out.push(AttemptMeta {
                id,
                mode: Mode::from_name(&mode).ok_or_else(|| self.decode_err(format!("unknown exam mode {mode:?}")))?,
                scope: serde_json::from_str(&scope).map_err(|e| self.decode_err(format!("exam scope: {e}")))?,
                seed: seed as u64,
                started_at: decode(time_from_sql(started))?,
                deadline: deadline.map(time_from_sql).transpose().map_err(|d| self.decode_err(d))?,
                submitted_at: submitted.map(time_from_sql).transpose().map_err(|d| self.decode_err(d))?,
                questions: questions as usize,
                correct: correct.map(|c| c as usize),
                scaled_estimate: scaled.map(|s| s as u32),
            });
        }
        Ok(out)
    }

    /// The most recent attempt not yet submitted, if any.
    pub fn open_exam(&self) -> Result<Option<(AttemptMeta, Session)>, StoreError> {
        let open = self.exam_attempts()?.into_iter().rev().find(|a| a.submitted_at.is_none());
        match open {
            Some(meta) => self.load_exam(meta.id),
            None => Ok(None),
        }
    }

    /// An attempt and its full state.
    pub fn load_exam(&self, attempt: i64) -> Result<Option<(AttemptMeta, Session)>, StoreError> {
        let Some(meta) = self.exam_attempts()?.into_iter().find(|a| a.id == attempt) else { return Ok(None) };
        let current: i64 = self
            .conn
            .query_row("SELECT current FROM exam_attempts WHERE id = ?1", [attempt], |r| r.get(0))
            .optional()
            .map_err(|e| self.db_err(e))?
            .unwrap_or(0);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT question_id, option_order, answer, flagged FROM exam_answers
                 WHERE attempt = ?1 ORDER BY position",
            )
            .map_err(|e| self.db_err(e))?;
        let rows = stmt
            .query_map([attempt], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, bool>(3)?))
            })
            .map_err(|e| self.db_err(e))?;
        let mut questions = Vec::new();
        let mut answers = Vec::new();
        let mut flagged = Vec::new();
        for row in rows {
            let (question_id, order, answer, flag) = row.map_err(|e| self.db_err(e))?;
            let order = indices_from_sql(&order).map_err(|d| self.decode_err(d))?;
            questions.push(AttemptQuestion { question_id, order });
            answers.push(indices_from_sql(&answer).map_err(|d| self.decode_err(d))?);
            flagged.push(flag);
        }
        let session = Session {
            mode: meta.mode,
            current: (current.max(0) as usize).min(questions.len().saturating_sub(1)),
            questions,
            answers,
            flagged,
            started_at: meta.started_at,
            deadline: meta.deadline,
            submitted_at: meta.submitted_at,
        };
        Ok(Some((meta, session)))
    }

    /// When each question was last answered in any attempt, to prefer unseen questions.
    pub fn exam_last_answered(&self) -> Result<HashMap<String, DateTime<Utc>>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT question_id, MAX(answered_at) FROM exam_answers
                 WHERE answered_at IS NOT NULL GROUP BY question_id",
            )
            .map_err(|e| self.db_err(e))?;
        let rows =
            stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).map_err(|e| self.db_err(e))?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, t) = row.map_err(|e| self.db_err(e))?;
            out.insert(id, time_from_sql(t).map_err(|d| self.decode_err(d))?);
        }
        Ok(out)
    }
}
