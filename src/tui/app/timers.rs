//! What moves without a key: the exam deadline (on any screen), learning cards coming due, a
//! new study day, a playing walkthrough — and how often the app wants a tick for them. A tick
//! asks for a redraw only when something visible moved, so an idle screen costs nothing.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::App;
use crate::study::StudyError;
use crate::tui::action::Action;
use crate::tui::screens::{Ctx, Outcome, ScreenId};

/// How often the clock ticks while nothing moves, and while a walkthrough plays (30 per second).
pub const TICK_IDLE: Duration = Duration::from_millis(250);
pub const TICK_PLAYING: Duration = Duration::from_millis(33);

impl App<'_> {
    /// Timers: the exam deadline (on any screen), learning cards coming due, a new study day.
    pub(super) fn tick(&mut self, now: DateTime<Utc>) -> Result<(), StudyError> {
        let mut changed = self.exam.tick(&mut ctx!(self, now))? == Outcome::Changed;
        let clock = self.exam.attempt.as_ref().and_then(|a| a.session.time_left(now)).map(|l| l.num_seconds());
        // The exam clock's second, or (for relative times like "due in 9m") the minute.
        let clock = clock.or(Some(now.timestamp() / 60));
        self.dirty |= clock != self.last_clock;
        self.last_clock = clock;
        if self.screen == ScreenId::Strategies && self.popup.is_none() {
            self.dirty |= self.strategies.tick(self.tick_interval().as_secs_f64());
        }
        if self.screen == ScreenId::Review && self.popup.is_none() {
            let before = self.review.card.as_ref().map(|c| c.id.clone());
            self.review.update(Action::Tick, &mut ctx!(self, now))?;
            self.dirty |= self.review.card.as_ref().map(|c| &c.id) != before.as_ref();
        }
        changed |= self.study.study_day(now) != self.snap.today;
        self.dirty |= changed;
        if changed { self.refresh(now) } else { Ok(()) }
    }

    /// How often the app wants ticks: fast while a walkthrough plays on screen.
    pub fn tick_interval(&self) -> Duration {
        if self.screen == ScreenId::Strategies && self.popup.is_none() && self.strategies.playing() {
            TICK_PLAYING
        } else {
            TICK_IDLE
        }
    }
}
