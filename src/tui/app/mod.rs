//! The application state and its one entry point for change, [`App::update`].
//!
//! A key becomes an [`Action`] through the keymap for the current [`Context`]; `update` routes
//! it to the popup or screen that has the focus, which runs use cases through [`Study`] and
//! returns an [`Outcome`]; the app then applies navigation, reloads the statistics if progress
//! changed, and falls back to its defaults (Back: dashboard, then quit). Rendering
//! ([`super::view`]) changes no progress: it only lets each screen keep what the drawing
//! measured (window starts, heights), which is why it takes `&mut self`.

#![deny(clippy::indexing_slicing)]

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use super::action::Action;
use super::keymap::{self, Context};
use super::screens::dashboard::Dashboard;
use super::screens::exam::ExamState;
use super::screens::exam::setup::Form;
use super::screens::help::HelpState;
use super::screens::review::ReviewState;
use super::screens::search::SearchState;
use super::screens::stats::Stats;
use super::screens::strategies::StrategiesState;
use super::screens::tables::TablesState;
use super::screens::topics::TopicsState;
use super::screens::topics::page::PageKind;
use super::screens::{Ctx, Nav, Outcome, Screen, ScreenId, Status, Tone};
pub use super::start::{Options, SearchIndex, Start};
use super::theme::Theme;
use super::widgets::text::clock;
use crate::content::Catalog;
use crate::search::Index;
use crate::study::Snapshot;
use crate::study::progress::deck_order;
use crate::study::{Loaded, Study, StudyError};
use crate::walkthrough::StrategyParams;

/// A popup over the screens.
#[derive(Debug)]
pub enum Popup {
    /// The help, and the context it was opened from (its section comes first).
    Help(HelpState, Context),
    Search(SearchState),
}

/// Builds the update context from disjoint fields of the app, so a screen can be borrowed
/// mutably at the same time.
macro_rules! ctx {
    ($app:ident, $now:expr) => {
        Ctx {
            study: &$app.study,
            catalog: $app.catalog,
            now: $now,
            status: &mut $app.status,
            snap: &$app.snap,
            loaded: &mut $app.loaded,
        }
    };
}

/// The screen `$id` of `$app` as a `&dyn Screen` (or `&mut dyn Screen`): the one place that
/// maps a [`ScreenId`] to its state, borrowing only that field (so [`super::view`] can draw a
/// screen mutably while the [`super::screens::View`] borrows the theme and statistics).
macro_rules! screen {
    ($app:ident, & $($m:ident)?, $id:expr) => {
        match $id {
            ScreenId::Dashboard => & $($m)? $app.dashboard as & $($m)? dyn Screen,
            ScreenId::Review => & $($m)? $app.review,
            ScreenId::Exam => & $($m)? $app.exam,
            ScreenId::Topics => & $($m)? $app.topics,
            ScreenId::Tables => & $($m)? $app.tables,
            ScreenId::Stats => & $($m)? $app.stats,
            ScreenId::Strategies => & $($m)? $app.strategies,
        }
    };
}
pub(super) use screen;

mod timers;
pub use timers::{TICK_IDLE, TICK_PLAYING};

/// The whole TUI state.
pub struct App<'c> {
    pub catalog: &'c Catalog,
    pub study: Study<'c>,
    /// The search index: filled in the background from start-up, or handed over ready (see
    /// [`SearchIndex`]); a search typed before it is ready waits for it.
    pub index: SearchIndex,
    pub theme: Theme,
    pub screen: ScreenId,
    pub popup: Option<Popup>,
    pub status: Option<Status>,
    pub snap: Snapshot,
    pub dashboard: Dashboard,
    pub review: ReviewState,
    pub exam: ExamState,
    pub topics: TopicsState,
    pub tables: TablesState,
    pub strategies: StrategiesState,
    pub stats: Stats,
    quit: bool,
    /// Whether the screen must be drawn again: any key does it; a tick only when something
    /// visible moved (the exam clock's second, an animation, a card coming due).
    dirty: bool,
    /// The exam clock's seconds (or, with no exam running, the minute) at the last tick.
    last_clock: Option<i64>,
    /// This key press's one read of progress (items and review log), shared by the screen and
    /// the statistics; dropped when the update ends, since another dopdeck may write between
    /// key presses.
    loaded: Option<Loaded>,
}

impl<'c> App<'c> {
    /// The app over `study`, at `now`, opened as `options` say.
    pub fn new(study: Study<'c>, options: Options, now: DateTime<Utc>) -> Result<App<'c>, StudyError> {
        let catalog = study.catalog();
        let deck_id = match &options.start {
            Start::Review { deck } => deck.clone(),
            _ => default_deck(catalog),
        };
        let deck = deck_order(catalog).iter().position(|d| d.id == deck_id).unwrap_or(0);
        // One read of progress serves the statistics and the screen the app opens on.
        let first = study.load(now)?;
        let snap = Snapshot::build(&study, &first, deck, now)?;
        let mut loaded = Some(first);
        let mut status = None;
        let form = options.exam_form.unwrap_or_else(|| Form::new(catalog));
        let exam = ExamState::load(
            form,
            &mut Ctx { study: &study, catalog, now, status: &mut status, snap: &snap, loaded: &mut loaded },
        )?;
        let mut app = App {
            catalog,
            index: SearchIndex::default(),
            theme: options.theme,
            screen: ScreenId::Dashboard,
            popup: None,
            status,
            snap,
            dashboard: Dashboard::default(),
            review: ReviewState::new(&deck_id),
            exam,
            topics: TopicsState::new(catalog),
            tables: TablesState::new(catalog),
            strategies: StrategiesState::new(),
            stats: Stats,
            quit: false,
            dirty: true,
            last_clock: None,
            loaded,
            study,
        };
        match options.start {
            Start::Dashboard => {}
            Start::Review { deck } => {
                app.review.start_deck(&deck, &mut ctx!(app, now))?;
                app.screen = ScreenId::Review;
            }
            Start::Exam => app.screen = ScreenId::Exam,
            Start::Strategy { id, overrides, routing, fail_at } => {
                app.strategies.open(&id, overrides, routing, fail_at, &mut ctx!(app, now));
                app.screen = ScreenId::Strategies;
            }
        }
        app.loaded = None;
        Ok(app)
    }

    /// Whether something changed since the last call (and so the frame must be drawn).
    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }

    /// Whether the user asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// What to print after leaving: an open attempt keeps its clock running.
    pub fn farewell(&self, now: DateTime<Utc>) -> Option<String> {
        let a = self.exam.attempt.as_ref()?;
        let left = a.session.time_left(now).map(|l| format!(", {} left — the clock keeps running", clock(l)));
        Some(format!("Attempt {} stays open{}: `dopdeck exam` resumes it.", a.id, left.unwrap_or_default()))
    }

    /// Where the keys go now.
    pub fn context(&self) -> Context {
        match &self.popup {
            Some(Popup::Help(..)) => return Context::Help,
            Some(Popup::Search(_)) => return Context::Search,
            None => {}
        }
        self.focused().context(self.catalog)
    }

    /// The screen that has the focus (under any popup).
    pub fn focused(&self) -> &dyn Screen {
        screen!(self, &, self.screen)
    }

    /// Handles a key press: the status line is cleared, the key resolved and acted on.
    pub fn on_key(&mut self, key: KeyEvent, now: DateTime<Utc>) {
        self.dirty = true;
        self.status = None;
        if let Some(action) = keymap::resolve(self.context(), &key, &ScreenId::ALL) {
            self.update(action, now);
        }
    }

    /// Carries out `action`; a failure (the database, mostly) is shown in the footer.
    pub fn update(&mut self, action: Action, now: DateTime<Utc>) {
        self.dirty |= action != Action::Tick;
        self.loaded = None;
        let result = self.try_update(action, now);
        self.loaded = None;
        if let Err(e) = result {
            self.dirty = true;
            self.status = Some(Status { text: format!("Error: {e}"), tone: Tone::Error });
        }
    }

    fn try_update(&mut self, action: Action, now: DateTime<Utc>) -> Result<(), StudyError> {
        match action {
            Action::Quit => {
                self.quit = true;
                return Ok(());
            }
            Action::Tick => return self.tick(now),
            _ => {}
        }
        if let Some(popup) = self.popup.as_mut() {
            let outcome = match popup {
                Popup::Help(help, _) => help.update(action),
                Popup::Search(search) => search.update(action, self.index.get_or_init(|| Index::build(self.catalog))),
            };
            return match outcome {
                Outcome::Ignored if action == Action::Back => {
                    self.popup = None;
                    Ok(())
                }
                Outcome::Go(nav) => {
                    self.popup = None;
                    self.navigate(nav, now)
                }
                _ => Ok(()),
            };
        }
        match action {
            Action::Help => {
                self.popup = Some(Popup::Help(HelpState::default(), self.context()));
                return Ok(());
            }
            Action::Search => {
                self.popup = Some(Popup::Search(SearchState::default()));
                return Ok(());
            }
            Action::NextScreen | Action::PrevScreen => {
                let n = ScreenId::ALL.len();
                let step = if action == Action::NextScreen { 1 } else { n - 1 };
                let next = ScreenId::ALL.get((self.screen.index() + step) % n).copied().unwrap_or(ScreenId::Dashboard);
                return self.switch(next, now);
            }
            Action::Screen(s) => return self.switch(s, now),
            Action::PrevDeck | Action::NextDeck if matches!(self.screen, ScreenId::Dashboard | ScreenId::Stats) => {
                return self.move_deck(if action == Action::NextDeck { 1 } else { -1 }, now);
            }
            Action::Up | Action::Down if self.screen == ScreenId::Dashboard => {
                return self.move_deck(if action == Action::Down { 1 } else { -1 }, now);
            }
            _ => {}
        }
        let outcome = screen!(self, &mut, self.screen).update(action, &mut ctx!(self, now))?;
        match outcome {
            Outcome::Consumed => Ok(()),
            Outcome::Changed => self.refresh(now),
            Outcome::Go(nav) => self.navigate(nav, now),
            Outcome::Ignored if action == Action::Back => {
                if self.screen == ScreenId::Dashboard {
                    self.quit = true;
                    Ok(())
                } else {
                    self.switch(ScreenId::Dashboard, now)
                }
            }
            Outcome::Ignored => Ok(()),
        }
    }

    fn switch(&mut self, screen: ScreenId, now: DateTime<Utc>) -> Result<(), StudyError> {
        self.screen = screen;
        if screen == ScreenId::Review {
            self.review.enter(&mut ctx!(self, now))?;
        }
        Ok(())
    }

    fn move_deck(&mut self, step: isize, now: DateTime<Utc>) -> Result<(), StudyError> {
        let n = self.catalog.decks.len().max(1) as isize;
        let deck = (self.snap.deck as isize + step).rem_euclid(n) as usize;
        self.reload(deck, now)
    }

    fn refresh(&mut self, now: DateTime<Utc>) -> Result<(), StudyError> {
        self.reload(self.snap.deck, now)
    }

    /// The statistics for deck number `deck`, from this key press's read of progress if the
    /// screen made one and nothing was written since, else from a new one.
    fn reload(&mut self, deck: usize, now: DateTime<Utc>) -> Result<(), StudyError> {
        let loaded = match self.loaded.take() {
            Some(l) if self.study.is_current(&l) => l,
            _ => self.study.load(now)?,
        };
        self.snap = Snapshot::build(&self.study, &loaded, deck, now)?;
        self.loaded = Some(loaded);
        Ok(())
    }

    fn navigate(&mut self, nav: Nav, now: DateTime<Utc>) -> Result<(), StudyError> {
        match nav {
            Nav::Screen(s) => return self.switch(s, now),
            Nav::Topic(id) => {
                self.topics.open(PageKind::Topic(id), self.catalog);
                self.screen = ScreenId::Topics;
            }
            Nav::Strategy(id) => {
                self.strategies.open(&id, StrategyParams::default(), None, None, &mut ctx!(self, now));
                self.screen = ScreenId::Strategies;
            }
            Nav::Table(id) => {
                self.tables.open(&id, self.catalog);
                self.screen = ScreenId::Tables;
            }
            Nav::Item(id) => {
                self.review.open_item(&id, &mut ctx!(self, now))?;
                self.screen = ScreenId::Review;
            }
            Nav::ReviewDeck(id) => {
                self.review.start_deck(&id, &mut ctx!(self, now))?;
                self.screen = ScreenId::Review;
            }
            Nav::ReviewTopic(id) => {
                self.review.start_topic(&id, &mut ctx!(self, now))?;
                self.screen = ScreenId::Review;
                if self.review.card.is_none() {
                    self.status = Some(Status { text: "No card of this topic is due today.".into(), tone: Tone::Info });
                }
            }
            Nav::CramDeck(id) => {
                self.review.start_cram_deck(&id, &mut ctx!(self, now))?;
                self.screen = ScreenId::Review;
            }
            Nav::CramTopic(id) => {
                self.review.start_cram_topic(&id, &mut ctx!(self, now))?;
                self.screen = ScreenId::Review;
            }
            Nav::Drill(id) => {
                self.exam.start_drill(&id, &mut ctx!(self, now))?;
                self.screen = ScreenId::Exam;
                return self.refresh(now);
            }
            Nav::DrillWeakest => {
                self.exam.start_weakest(&mut ctx!(self, now))?;
                self.screen = ScreenId::Exam;
                return self.refresh(now);
            }
        }
        Ok(())
    }
}

/// The deck the app starts on: `daily` if the material has it, else the first.
fn default_deck(catalog: &Catalog) -> String {
    catalog.deck("daily").or(catalog.decks.first()).map_or_else(String::new, |d| d.id.clone())
}
