//! An attempt in progress: answers, flags, navigation and the clock.
//!
//! A pure state machine: every method takes the current time where time matters, and nothing
//! here reads a clock. Answers are kept as indices into the material's options (not the shown
//! letters), so a report never depends on the shuffle. In `exam` mode a deadline is fixed when
//! the attempt starts and keeps running while the program is closed, as in a test centre; any
//! call after it has passed submits the attempt.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::assemble::AttemptQuestion;

/// How an attempt gives feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Timed; no feedback until submitted.
    Exam,
    /// Untimed; the answer and every option's `why` after each question.
    Practice,
    /// One domain, task or topic; instant feedback.
    Drill,
}

impl Mode {
    /// Whether the right answer is shown as soon as a question is answered.
    pub fn instant_feedback(self) -> bool {
        !matches!(self, Mode::Exam)
    }

    /// The lower-case name used on the command line and in the store.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Exam => "exam",
            Mode::Practice => "practice",
            Mode::Drill => "drill",
        }
    }

    /// Parses [`Mode::name`].
    pub fn from_name(s: &str) -> Option<Mode> {
        [Mode::Exam, Mode::Practice, Mode::Drill].into_iter().find(|m| m.name() == s)
    }
}

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error("the attempt has been submitted")]
    Submitted,
    #[error("there is no question {0}")]
    NoSuchQuestion(usize),
    #[error("there is no option {0} on this question")]
    NoSuchOption(usize),
    #[error("choose at least one option")]
    Empty,
}

/// The state of one attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub mode: Mode,
    pub questions: Vec<AttemptQuestion>,
    /// Per question: the chosen options as indices into the material's options, sorted.
    pub answers: Vec<Vec<usize>>,
    pub flagged: Vec<bool>,
    /// The question on screen (0-based).
    pub current: usize,
    pub started_at: DateTime<Utc>,
    pub deadline: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
}

impl Session {
    /// Starts an attempt at `now`; `minutes` sets a deadline (exam mode).
    pub fn new(mode: Mode, questions: Vec<AttemptQuestion>, now: DateTime<Utc>, minutes: Option<u32>) -> Self {
        let n = questions.len();
        Session {
            mode,
            questions,
            answers: vec![Vec::new(); n],
            flagged: vec![false; n],
            current: 0,
            started_at: now,
            deadline: minutes.map(|m| now + Duration::minutes(i64::from(m))),
            submitted_at: None,
        }
    }

    /// Submits the attempt if its deadline has passed; true if this call submitted it.
    pub fn tick(&mut self, now: DateTime<Utc>) -> bool {
        match self.deadline {
            Some(deadline) if self.submitted_at.is_none() && now >= deadline => {
                self.submitted_at = Some(deadline);
                true
            }
            _ => false,
        }
    }

    /// Whether answers are still accepted at `now` (ticks first).
    pub fn is_open(&mut self, now: DateTime<Utc>) -> bool {
        self.tick(now);
        self.submitted_at.is_none()
    }

    /// Time left before the deadline, never negative; `None` when untimed.
    pub fn time_left(&self, now: DateTime<Utc>) -> Option<Duration> {
        self.deadline.map(|d| (d - now).max(Duration::zero()))
    }

    /// Answers question `index` with options in *shown* positions (0 = A); replaces any earlier
    /// answer.
    pub fn answer(&mut self, index: usize, shown: &[usize], now: DateTime<Utc>) -> Result<(), SessionError> {
        if !self.is_open(now) {
            return Err(SessionError::Submitted);
        }
        let q = self.questions.get(index).ok_or(SessionError::NoSuchQuestion(index))?;
        if shown.is_empty() {
            return Err(SessionError::Empty);
        }
        let mut chosen = Vec::with_capacity(shown.len());
        for &s in shown {
            chosen.push(*q.order.get(s).ok_or(SessionError::NoSuchOption(s))?);
        }
        chosen.sort_unstable();
        chosen.dedup();
        let answer = self.answers.get_mut(index).ok_or(SessionError::NoSuchQuestion(index))?;
        *answer = chosen;
        Ok(())
    }

    /// Clears the answer to question `index`.
    pub fn clear(&mut self, index: usize, now: DateTime<Utc>) -> Result<(), SessionError> {
        if !self.is_open(now) {
            return Err(SessionError::Submitted);
        }
        self.answers.get_mut(index).ok_or(SessionError::NoSuchQuestion(index))?.clear();
        Ok(())
    }

    /// Flags or unflags question `index` for review.
    pub fn toggle_flag(&mut self, index: usize, now: DateTime<Utc>) -> Result<bool, SessionError> {
        if !self.is_open(now) {
            return Err(SessionError::Submitted);
        }
        let flag = self.flagged.get_mut(index).ok_or(SessionError::NoSuchQuestion(index))?;
        *flag = !*flag;
        Ok(*flag)
    }

    /// Moves to question `index` (0-based).
    pub fn goto(&mut self, index: usize) -> Result<(), SessionError> {
        if index >= self.questions.len() {
            return Err(SessionError::NoSuchQuestion(index));
        }
        self.current = index;
        Ok(())
    }

    /// Next question, staying on the last.
    pub fn next(&mut self) {
        self.current = (self.current + 1).min(self.questions.len().saturating_sub(1));
    }

    /// Previous question, staying on the first.
    pub fn prev(&mut self) {
        self.current = self.current.saturating_sub(1);
    }

    /// Submits now (or at the deadline, if that passed first).
    pub fn submit(&mut self, now: DateTime<Utc>) {
        if self.is_open(now) {
            self.submitted_at = Some(now);
        }
    }

    /// Shown positions of the chosen options of question `index`.
    pub fn shown_answer(&self, index: usize) -> Vec<usize> {
        let (Some(q), Some(answer)) = (self.questions.get(index), self.answers.get(index)) else { return Vec::new() };
        let mut shown: Vec<usize> = answer.iter().filter_map(|o| q.order.iter().position(|x| x == o)).collect();
        shown.sort_unstable();
        shown
    }

    /// Whether question `index` is flagged (no such question is not).
    pub fn is_flagged(&self, index: usize) -> bool {
        self.flagged.get(index).copied().unwrap_or(false)
    }

    /// Whether question `index` has an answer (no such question has none).
    pub fn is_answered(&self, index: usize) -> bool {
        self.answers.get(index).is_some_and(|a| !a.is_empty())
    }

    /// Indices (0-based) of unanswered questions.
    pub fn unanswered(&self) -> Vec<usize> {
        (0..self.questions.len()).filter(|&i| !self.is_answered(i)).collect()
    }

    /// Indices (0-based) of flagged questions.
    pub fn flagged_indices(&self) -> Vec<usize> {
        (0..self.questions.len()).filter(|&i| self.is_flagged(i)).collect()
    }
}
