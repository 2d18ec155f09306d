//! The keys while an attempt is open: choose an option by letter or cursor (multiple response
//! waits for as many as asked in practice), clear, flag, move between questions or jump with
//! the navigator, and submit after a confirmation. Every change goes through the study, which
//! writes it before returning; a refusal because time ran out submits the attempt.

use super::{ExamState, NAV_COLUMNS, Popup, choose_count};
use crate::exam::SessionError;
use crate::study::{Refusal, StudyError};
use crate::text::letters::letter;
use crate::tui::action::Action;
use crate::tui::screens::{Ctx, Nav, Outcome, ScreenId};
use crate::tui::widgets::text::clock;

impl ExamState {
    pub(super) fn taking(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        let since = self.viewed_at.replace(ctx.now);
        let Some(attempt) = self.attempt.as_mut() else { return Ok(Outcome::Ignored) };
        if let Some(since) = since {
            let ms = u64::try_from((ctx.now - since).num_milliseconds()).unwrap_or(0);
            ctx.study.spend_exam_time(attempt, attempt.session.current, ms)?;
        }
        let i = attempt.session.current;
        let options = attempt.session.questions.get(i).map_or(0, |q| q.order.len());
        match action {
            Action::Choose(n) if usize::from(n) < options => return self.choose(usize::from(n), ctx),
            Action::Choose(_) => ctx.say(format!("This question has options A–{}.", letter(options.saturating_sub(1)))),
            Action::Toggle => return self.choose(self.option_cursor, ctx),
            Action::Up => self.option_cursor = self.option_cursor.saturating_sub(1),
            Action::Down => self.option_cursor = (self.option_cursor + 1).min(options.saturating_sub(1)),
            Action::Left | Action::Right => {
                let n = attempt.session.questions.len();
                let to = if action == Action::Left { i.saturating_sub(1) } else { (i + 1).min(n - 1) };
                if to == i && action == Action::Right {
                    ctx.say("That was the last question: s submits, g shows what is left.");
                }
                self.goto(to, ctx)?;
            }
            Action::Flag => match ctx.study.flag_exam(attempt, i, ctx.now) {
                Ok(true) => ctx.say(format!("Question {} flagged for review.", i + 1)),
                Ok(false) => ctx.say(format!("Question {} unflagged.", i + 1)),
                Err(StudyError::Session(_)) => return self.time_up(ctx),
                Err(e) => return Err(e),
            },
            Action::Clear if attempt.session.mode.instant_feedback() && attempt.session.is_answered(i) => {
                ctx.say("In practice an answer stays once it is checked.");
            }
            Action::Clear => {
                self.pending.clear();
                match ctx.study.clear_exam(attempt, i, ctx.now) {
                    Ok(()) => {}
                    Err(StudyError::Session(_)) => return self.time_up(ctx),
                    Err(e) => return Err(e),
                }
            }
            Action::Navigator => self.popup = Some(Popup::Navigator { cursor: i }),
            Action::Submit => self.popup = Some(Popup::Confirm),
            Action::Back => {
                let left = attempt
                    .session
                    .time_left(ctx.now)
                    .map(|l| format!(" ({} left, the clock keeps running)", clock(l)));
                ctx.say(format!(
                    "Attempt {} stays open{}; {} comes back to it.",
                    attempt.id,
                    left.unwrap_or_default(),
                    ScreenId::Exam.key()
                ));
                return Ok(Outcome::Go(Nav::Screen(ScreenId::Dashboard)));
            }
            _ => return Ok(Outcome::Ignored),
        }
        Ok(Outcome::Consumed)
    }

    /// Chooses (or unchooses) the option at shown position `shown` on the current question.
    fn choose(&mut self, shown: usize, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        let Some(attempt) = self.attempt.as_mut() else { return Ok(Outcome::Ignored) };
        let i = attempt.session.current;
        self.option_cursor = shown;
        let want = choose_count(ctx.catalog, attempt, i);
        let instant = attempt.session.mode.instant_feedback();
        if instant && attempt.session.is_answered(i) {
            ctx.say("Answered — → or n for the next question.");
            return Ok(Outcome::Consumed);
        }
        let mut chosen = if instant { self.pending.clone() } else { attempt.session.shown_answer(i) };
        if want == 1 {
            chosen = vec![shown];
        } else if let Some(p) = chosen.iter().position(|&c| c == shown) {
            chosen.remove(p);
        } else if chosen.len() >= want {
            ctx.say(format!("Choose {want}: unchoose one first (its letter or Space)."));
            return Ok(Outcome::Consumed);
        } else {
            chosen.push(shown);
        }
        chosen.sort_unstable();
        if instant && chosen.len() < want {
            self.pending = chosen;
            return Ok(Outcome::Consumed);
        }
        self.pending.clear();
        if chosen.is_empty() {
            match ctx.study.clear_exam(attempt, i, ctx.now) {
                Ok(()) => {}
                Err(StudyError::Session(_)) => return self.time_up(ctx),
                Err(e) => return Err(e),
            }
            return Ok(Outcome::Consumed);
        }
        match ctx.study.answer_exam(attempt, i, &chosen, ctx.now) {
            Ok(right) if instant => {
                if right {
                    ctx.cheer("✓ Right.");
                } else {
                    ctx.warn("✗ Not quite: the why of every option is below.");
                }
                Ok(Outcome::Changed)
            }
            Ok(_) => Ok(Outcome::Consumed),
            Err(StudyError::Session(Refusal::Exam(SessionError::Submitted))) => self.time_up(ctx),
            Err(StudyError::Session(e)) => {
                ctx.warn(e.to_string());
                Ok(Outcome::Consumed)
            }
            Err(e) => Err(e),
        }
    }

    fn goto(&mut self, to: usize, ctx: &mut Ctx<'_, '_>) -> Result<(), StudyError> {
        if let Some(attempt) = self.attempt.as_mut()
            && to != attempt.session.current
        {
            ctx.study.goto_exam(attempt, to)?;
            self.option_cursor = 0;
            self.pending.clear();
        }
        Ok(())
    }

    pub(super) fn popup_action(
        &mut self,
        popup: Popup,
        action: Action,
        ctx: &mut Ctx<'_, '_>,
    ) -> Result<Outcome, StudyError> {
        let n = self.attempt.as_ref().map_or(0, |a| a.session.questions.len());
        match (popup, action) {
            (Popup::Navigator { cursor }, _) => {
                let cursor = match action {
                    Action::Left => cursor.saturating_sub(1),
                    Action::Right => (cursor + 1).min(n.saturating_sub(1)),
                    Action::Up => cursor.saturating_sub(NAV_COLUMNS),
                    Action::Down => (cursor + NAV_COLUMNS).min(n.saturating_sub(1)),
                    Action::Select => {
                        self.popup = None;
                        self.goto(cursor, ctx)?;
                        return Ok(Outcome::Consumed);
                    }
                    Action::Back => {
                        self.popup = None;
                        return Ok(Outcome::Consumed);
                    }
                    _ => return Ok(Outcome::Ignored),
                };
                self.popup = Some(Popup::Navigator { cursor });
            }
            (Popup::Confirm, Action::Confirm) => {
                self.popup = None;
                self.finish(ctx)?;
                return Ok(Outcome::Changed);
            }
            (Popup::Confirm, Action::Cancel | Action::Back) => self.popup = None,
            (Popup::Confirm, _) => return Ok(Outcome::Ignored),
        }
        Ok(Outcome::Consumed)
    }
}
