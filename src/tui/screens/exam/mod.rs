//! The exam screen's state and use cases: set up or resume an attempt, answer by letter or
//! cursor, flag, jump with the navigator, submit after a confirmation, and see the results.
//!
//! Every answer, flag and move goes through [`crate::study::Study`]'s exam use cases, which write it before
//! returning, so quitting (or a crash) mid-attempt loses nothing; the timed clock keeps running
//! while dopdeck is closed, as in a test centre, and the screen says so on resuming.
//!
//! This file holds the state, resuming, the setup form's keys and starting or finishing an
//! attempt; `answering` is what the keys do while an attempt is open, [`setup`] the form,
//! [`results`] a finished attempt's review, and [`view`] draws.

mod answering;
pub mod results;
pub mod setup;
pub mod view;

use crate::exam::{Mode, Scope};
use crate::study::{Attempt, StartOptions, StudyError};

use crate::content::Catalog;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::{Ctx, Outcome, Screen, View};
use crate::tui::widgets::text::clock;
use ratatui::Frame;
use ratatui::layout::Rect;
use results::Results;
use setup::{FORM_ROWS, Form};

/// Columns of the navigator grid (its cursor moves by this much up and down).
pub const NAV_COLUMNS: usize = 10;

/// A popup over the attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    Navigator { cursor: usize },
    Confirm,
}

/// The exam screen.
#[derive(Debug)]
pub struct ExamState {
    pub form: Form,
    /// Setup cursor: form rows, then history rows (newest first).
    pub cursor: usize,
    /// The attempt being taken.
    pub attempt: Option<Attempt>,
    /// A finished attempt's review.
    pub results: Option<Results>,
    /// The option under the cursor (shown position).
    pub option_cursor: usize,
    /// Practice and drill, multiple response: options chosen but not yet committed (shown
    /// positions). The answer is committed, and graded, once as many as asked are chosen.
    pub pending: Vec<usize>,
    pub popup: Option<Popup>,
    /// A notice over the attempt or results (resumed, time ran out), until the next key.
    pub banner: Option<String>,
    /// The question's scroll position, which the render keeps following the option cursor
    /// (the layout is known only when drawing).
    pub offset: usize,
    /// When the last key on the attempt was handled: the time until the next counts to the
    /// question on screen (pacing analytics, see `plan::pacing`).
    pub viewed_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl ExamState {
    /// The screen with `form` for a new attempt, resuming the attempt left open, if any.
    pub fn load(form: Form, ctx: &mut Ctx<'_, '_>) -> Result<ExamState, StudyError> {
        let mut state = ExamState {
            form,
            cursor: FORM_ROWS - 1,
            attempt: None,
            results: None,
            option_cursor: 0,
            pending: Vec::new(),
            popup: None,
            banner: None,
            offset: 0,
            viewed_at: Some(ctx.now),
        };
        let resume = ctx.study.resume_exam(ctx.now)?;
        // Attempts that could not be resumed were closed: say so, then carry on.
        let closed: Vec<String> = resume.closed.iter().map(ToString::to_string).collect();
        match resume.attempt {
            Some(a) if a.session.submitted_at.is_some() => {
                state.banner = Some(format!(
                    "Attempt {} ran out of time while dopdeck was closed; it was submitted at its deadline.",
                    a.id
                ));
                state.results = Results::load(ctx.study, a.id)?;
            }
            Some(a) => {
                let answered = a.session.questions.len() - a.session.unanswered().len();
                let mut text = format!(
                    "Resumed attempt {} ({}): {answered} of {} answered.",
                    a.id,
                    a.session.mode.name(),
                    a.session.questions.len()
                );
                if let Some(left) = a.session.time_left(ctx.now) {
                    text.push_str(&format!(
                        " {} left — the clock kept running while dopdeck was closed, as in a test centre.",
                        clock(left)
                    ));
                }
                state.banner = Some(text);
                state.attempt = Some(a);
            }
            None => {}
        }
        if !closed.is_empty() {
            let mut text = closed.join(" ");
            if let Some(b) = state.banner.take() {
                text = format!("{text} {b}");
            }
            state.banner = Some(text);
        }
        Ok(state)
    }

    /// The key context.
    pub fn context(&self) -> Context {
        match (&self.popup, &self.results, &self.attempt) {
            (Some(Popup::Navigator { .. }), _, _) => Context::ExamNavigator,
            (Some(Popup::Confirm), _, _) => Context::ExamConfirm,
            (None, Some(r), _) if r.detail => Context::ExamDetail,
            (None, Some(_), _) => Context::ExamResults,
            (None, None, Some(_)) => Context::ExamTaking,
            (None, None, None) => Context::ExamSetup,
        }
    }

    /// Carries out `action`.
    pub fn update(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        if action == Action::Tick {
            return self.tick(ctx);
        }
        self.banner = None;
        if let Some(popup) = self.popup {
            return self.popup_action(popup, action, ctx);
        }
        if let Some(results) = self.results.as_mut() {
            let outcome = results.update(action);
            if outcome == Outcome::Ignored && action == Action::Back {
                self.results = None;
                return Ok(Outcome::Consumed);
            }
            return Ok(outcome);
        }
        if self.attempt.is_some() {
            return self.taking(action, ctx);
        }
        self.setup(action, ctx)
    }

    /// Submits a timed attempt whose deadline has passed, whichever screen is showing.
    pub fn tick(&mut self, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        let expired = self.attempt.as_ref().and_then(|a| a.session.deadline).is_some_and(|d| ctx.now >= d);
        if !expired {
            return Ok(Outcome::Consumed);
        }
        self.finish(ctx)?;
        self.banner = Some("Time is up: the attempt was submitted at the deadline.".into());
        ctx.warn("Time is up: the exam was submitted at the deadline — see the Exam screen.");
        Ok(Outcome::Changed)
    }

    fn setup(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        let rows = FORM_ROWS + ctx.study.exam_history()?.len();
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(rows - 1),
            Action::Left | Action::Right if self.cursor < FORM_ROWS => {
                self.form.change(self.cursor, if action == Action::Left { -1 } else { 1 }, ctx.catalog);
            }
            Action::Select if self.cursor < FORM_ROWS => self.start(ctx)?,
            Action::Select => {
                let history = ctx.study.exam_history()?;
                if let Some(a) = history.iter().rev().nth(self.cursor - FORM_ROWS) {
                    self.results = Results::load(ctx.study, a.id)?;
                }
            }
            _ => return Ok(Outcome::Ignored),
        }
        Ok(Outcome::Consumed)
    }

    /// Starts an attempt from the form.
    pub fn start(&mut self, ctx: &mut Ctx<'_, '_>) -> Result<(), StudyError> {
        if let Some(a) = &self.attempt {
            ctx.warn(format!("Attempt {} is still open: finish or submit it first.", a.id));
            return Ok(());
        }
        let opts = StartOptions {
            mode: self.form.mode,
            questions: self.form.questions,
            time: self.form.time_limit(),
            scope: self.form.scope.clone(),
            seed: self.form.seed.unwrap_or(ctx.now.timestamp_micros() as u64),
        };
        let started = ctx.study.start_exam(&opts, ctx.now);
        self.begin(started, ctx)
    }

    /// Takes a newly started attempt, or — when the study refused it (no questions, zero
    /// minutes), which stores nothing — warns and stays on the form.
    fn begin(&mut self, started: Result<Attempt, StudyError>, ctx: &mut Ctx<'_, '_>) -> Result<(), StudyError> {
        let attempt = match started {
            Ok(a) => a,
            Err(e @ (StudyError::NoQuestions | StudyError::ZeroMinutes)) => {
                ctx.warn(e.to_string());
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        self.results = None;
        self.option_cursor = 0;
        self.pending.clear();
        self.attempt = Some(attempt);
        self.viewed_at = Some(ctx.now);
        Ok(())
    }

    /// Starts a drill of `topic`'s questions.
    pub fn start_drill(&mut self, topic: &str, ctx: &mut Ctx<'_, '_>) -> Result<(), StudyError> {
        if self.attempt.is_none() {
            self.form.mode = Mode::Drill;
            self.form.scope = Scope::Topic(topic.to_string());
            self.form.questions = 10;
            self.form.minutes = None;
        }
        self.start(ctx)
    }

    /// Starts a drill of the weakest tasks' questions, unseen or missed first (see
    /// `plan::weakest`); with an attempt open, says so instead.
    pub fn start_weakest(&mut self, ctx: &mut Ctx<'_, '_>) -> Result<(), StudyError> {
        if let Some(a) = &self.attempt {
            ctx.warn(format!("Attempt {} is still open: finish or submit it first.", a.id));
            return Ok(());
        }
        let seed = self.form.seed.unwrap_or(ctx.now.timestamp_micros() as u64);
        let started = ctx.study.start_weakest_drill(10, seed, ctx.now);
        self.begin(started, ctx)
    }

    /// Submits the attempt and shows its results.
    fn finish(&mut self, ctx: &mut Ctx<'_, '_>) -> Result<(), StudyError> {
        self.popup = None;
        self.pending.clear();
        if let Some(mut attempt) = self.attempt.take() {
            ctx.study.finish_exam(&mut attempt, ctx.now)?;
            self.results = Results::load(ctx.study, attempt.id)?;
        }
        Ok(())
    }

    fn time_up(&mut self, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        self.finish(ctx)?;
        self.banner = Some("Time is up: the attempt was submitted at the deadline.".into());
        Ok(Outcome::Changed)
    }
}

/// How many options question `i` asks for.
pub fn choose_count(catalog: &Catalog, attempt: &Attempt, i: usize) -> usize {
    (attempt.session.questions.get(i))
        .and_then(|aq| catalog.question(&aq.question_id))
        .map_or(1, |q| *q.choose.get_ref() as usize)
}

impl Screen for ExamState {
    fn context(&self, _: &Catalog) -> Context {
        ExamState::context(self)
    }

    fn update(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        ExamState::update(self, action, ctx)
    }

    fn render(&mut self, f: &mut Frame, area: Rect, v: &View) {
        view::render(self, f, area, v);
    }
}
