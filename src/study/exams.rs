//! Practice exams as use cases: start or resume an attempt, answer and flag with every change
//! written at once, submit, and send what was answered into review.
//!
//! Mistakes flow back: a question answered wrong is graded Again (it becomes, or lapses as, a
//! review item) and a right answer is graded Good. Practice and drill attempts grade each
//! question when it is first answered, since the answer is shown at once; exam attempts grade
//! at submission, since nothing is revealed before.

#![deny(clippy::indexing_slicing)]

use chrono::{DateTime, Utc};

use super::reviewing::{Study, StudyError};
use crate::content::Catalog;
use crate::exam::{self, Mode, Scope, Score, Session};
use crate::srs::Rating;
use crate::store::AttemptMeta;

/// An attempt being taken: its id in the store and its state.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub id: i64,
    pub scope: Scope,
    pub session: Session,
}

/// How to start a new attempt.
#[derive(Debug, Clone)]
pub struct StartOptions {
    pub mode: Mode,
    /// How many questions to ask for; fewer are drawn when the scope holds fewer.
    pub questions: usize,
    pub time: TimeLimit,
    pub scope: Scope,
    pub seed: u64,
}

/// An attempt's time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeLimit {
    /// No deadline (practice and drills by default).
    Untimed,
    /// A limit given by the user; zero is refused.
    Minutes(u32),
    /// The real exam's pace for the number of questions actually drawn
    /// ([`exam::paced_minutes`]).
    Paced,
}

/// An open attempt that could not be resumed and was closed, unscored (see
/// [`exam::unresumable`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedAttempt {
    pub id: i64,
    /// Why it could not be resumed.
    pub reason: String,
}

impl std::fmt::Display for ClosedAttempt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Attempt {} could not be resumed ({}); it was closed without a score.", self.id, self.reason)
    }
}

/// What [`Study::resume_exam`] found.
#[derive(Debug, Clone, Default)]
pub struct Resume {
    /// Open attempts closed because they could not be resumed: tell the user.
    pub closed: Vec<ClosedAttempt>,
    /// The attempt to carry on with (submitted if its time ran out while dopdeck was closed).
    pub attempt: Option<Attempt>,
}

/// Refuses a choice before anything is opened or stored: a zero time limit
/// ([`StudyError::ZeroMinutes`]) or a choice that draws no question ([`StudyError::NoQuestions`]).
///
/// The command line calls this before it opens a database that does not exist yet, so a refused
/// exam leaves no file behind; [`Study::start_exam`] checks the same again.
pub fn check_choice(catalog: &Catalog, opts: &StartOptions) -> Result<(), StudyError> {
    if opts.time == TimeLimit::Minutes(0) {
        return Err(StudyError::ZeroMinutes);
    }
    if exam::assemble(catalog, opts.questions, &opts.scope, opts.seed, &Default::default()).is_empty() {
        return Err(StudyError::NoQuestions);
    }
    Ok(())
}

impl Study<'_> {
    /// The attempt left open by an earlier run, if any. Its deadline is checked first: an exam
    /// whose time ran out while dopdeck was closed is submitted (at its deadline) and returned
    /// as submitted.
    ///
    /// Open attempts that cannot be resumed (no questions, questions gone from the material)
    /// are closed first, unscored and ungraded, and listed in [`Resume::closed`]: showing
    /// them would index questions that are not there, and leaving them open would block every
    /// later attempt.
    pub fn resume_exam(&self, now: DateTime<Utc>) -> Result<Resume, StudyError> {
        let mut closed = Vec::new();
        for meta in self.store.exam_attempts()?.into_iter().filter(|a| a.submitted_at.is_none()) {
            let Some((_, session)) = self.store.load_exam(meta.id)? else { continue };
            if let Some(reason) = exam::unresumable(self.catalog, &session) {
                self.wrote();
                self.store.close_attempt(meta.id, now)?;
                closed.push(ClosedAttempt { id: meta.id, reason });
            }
        }
        let Some((meta, mut session)) = self.store.open_exam()? else { return Ok(Resume { closed, attempt: None }) };
        let mut attempt = Attempt { id: meta.id, scope: meta.scope, session: session.clone() };
        if session.tick(now) {
            attempt.session = session;
            self.finish_exam(&mut attempt, now)?;
        }
        Ok(Resume { closed, attempt: Some(attempt) })
    }

    /// Assembles and records a new attempt.
    ///
    /// Everything is checked before anything is stored: a zero time limit is refused with
    /// [`StudyError::ZeroMinutes`], and a choice that draws no question with
    /// [`StudyError::NoQuestions`] — an attempt with no questions would be resumed, and
    /// indexed, by every later `exam`.
    pub fn start_exam(&self, opts: &StartOptions, now: DateTime<Utc>) -> Result<Attempt, StudyError> {
        if opts.time == TimeLimit::Minutes(0) {
            return Err(StudyError::ZeroMinutes);
        }
        let seen = self.store.exam_last_answered()?;
        let questions = exam::assemble(self.catalog, opts.questions, &opts.scope, opts.seed, &seen);
        if questions.is_empty() {
            return Err(StudyError::NoQuestions);
        }
        let minutes = match opts.time {
            TimeLimit::Untimed => None,
            TimeLimit::Minutes(m) => Some(m),
            TimeLimit::Paced => Some(exam::paced_minutes(&self.catalog.exam, questions.len())),
        };
        let session = Session::new(opts.mode, questions, now, minutes);
        let id = self.store.create_attempt(&session, &opts.scope, opts.seed)?;
        Ok(Attempt { id, scope: opts.scope.clone(), session })
    }

    /// Answers question `index` with shown positions; written before returning. In practice
    /// and drill the first answer is also graded into review. Returns whether it was right.
    ///
    /// # Errors
    ///
    /// [`StudyError::Session`] when the attempt refuses the answer (nothing stored; an attempt
    /// whose time ran out is submitted first, so `SessionError::Submitted` means it is over).
    pub fn answer_exam(
        &self,
        attempt: &mut Attempt,
        index: usize,
        shown: &[usize],
        now: DateTime<Utc>,
    ) -> Result<bool, StudyError> {
        let first = attempt.session.answers.get(index).is_some_and(Vec::is_empty);
        if let Err(e) = attempt.session.answer(index, shown, now) {
            if attempt.session.submitted_at.is_some() {
                self.finish_exam(attempt, now)?;
            }
            return Err(e.into());
        }
        let chosen = attempt.session.answers.get(index).cloned().unwrap_or_default();
        self.wrote();
        self.store.save_exam_answer(attempt.id, index, &chosen, now)?;
        // Every answer in order, so pacing can count changed answers (see `plan::pacing`).
        self.store.log_exam_answer(attempt.id, index, &chosen, now)?;
        let right = self.is_right(&attempt.session, index);
        if first && attempt.session.mode.instant_feedback() {
            self.grade_question(&attempt.session, index, now)?;
        }
        Ok(right)
    }

    /// Clears the answer to question `index`; written before returning.
    ///
    /// # Errors
    ///
    /// [`StudyError::Session`] when the attempt is over or has no such question.
    pub fn clear_exam(&self, attempt: &mut Attempt, index: usize, now: DateTime<Utc>) -> Result<(), StudyError> {
        attempt.session.clear(index, now)?;
        self.store.save_exam_answer(attempt.id, index, &[], now)?;
        Ok(())
    }

    /// Flags or unflags question `index`; written before returning. Returns the new flag.
    ///
    /// # Errors
    ///
    /// [`StudyError::Session`] when the attempt is over or has no such question.
    pub fn flag_exam(&self, attempt: &mut Attempt, index: usize, now: DateTime<Utc>) -> Result<bool, StudyError> {
        let flag = attempt.session.toggle_flag(index, now)?;
        self.store.save_exam_flag(attempt.id, index, flag)?;
        Ok(flag)
    }

    /// Moves to question `index` and remembers it for resuming.
    ///
    /// # Errors
    ///
    /// [`StudyError::Session`] when there is no such question.
    pub fn goto_exam(&self, attempt: &mut Attempt, index: usize) -> Result<(), StudyError> {
        attempt.session.goto(index)?;
        self.store.save_exam_position(attempt.id, index)?;
        Ok(())
    }

    /// One attempt as stored, with its score; `None` if there is no attempt `id`.
    pub fn exam_attempt(&self, id: i64) -> Result<Option<(AttemptMeta, Session, Score)>, StudyError> {
        Ok(self.store.load_exam(id)?.map(|(meta, session)| {
            let score = exam::score(self.catalog, &session);
            (meta, session, score)
        }))
    }

    /// Submits (if still open), records the score, grades exam-mode answers into review.
    pub fn finish_exam(&self, attempt: &mut Attempt, now: DateTime<Utc>) -> Result<Score, StudyError> {
        attempt.session.submit(now);
        let submitted_at = attempt.session.submitted_at.unwrap_or(now);
        let score = exam::score(self.catalog, &attempt.session);
        let already = self.store.exam_attempts()?.iter().any(|a| a.id == attempt.id && a.submitted_at.is_some());
        if !already {
            self.wrote();
            if !attempt.session.mode.instant_feedback() {
                for i in 0..attempt.session.questions.len() {
                    if attempt.session.answers.get(i).is_some_and(|a| !a.is_empty()) {
                        self.grade_question(&attempt.session, i, submitted_at)?;
                    }
                }
            }
            self.store.submit_exam(attempt.id, submitted_at, score.correct, score.scaled_estimate)?;
        }
        Ok(score)
    }

    /// Every attempt, oldest first.
    pub fn exam_history(&self) -> Result<Vec<AttemptMeta>, StudyError> {
        Ok(self.store.exam_attempts()?)
    }

    fn is_right(&self, session: &Session, index: usize) -> bool {
        let Some(aq) = session.questions.get(index) else { return false };
        let Some(q) = self.catalog.question(&aq.question_id) else { return false };
        session.answers.get(index).is_some_and(|given| *given == q.correct_options())
    }

    fn grade_question(&self, session: &Session, index: usize, at: DateTime<Utc>) -> Result<(), StudyError> {
        let Some(id) = session.questions.get(index).map(|q| &q.question_id) else { return Ok(()) };
        if self.catalog.item(id).is_none() {
            return Ok(());
        }
        let rating = if self.is_right(session, index) { Rating::Good } else { Rating::Again };
        // A stored state newer than `at` (graded meanwhile elsewhere) is left as it is.
        if let Some(row) = self.store.item(id)?
            && row.card.last_review.is_some_and(|t| t > at)
        {
            return Ok(());
        }
        self.grade(id, rating, at, None, None)?;
        Ok(())
    }
}
