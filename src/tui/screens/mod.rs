//! The screens, one file each, and what they share: the ids shown as tabs, the context handed
//! to an update ([`Ctx`]) and to a render ([`View`]), and what an update can ask of the app
//! ([`Outcome`], [`Nav`]).
//!
//! Every screen has one shape, the [`Screen`] trait: `context` (which keys apply), `update`
//! (runs use cases through [`Study`] and says whether it handled the action: [`Outcome`]), and
//! `render` (draws from its state alone, with no I/O, so rendering is cheap and snapshot tests
//! are deterministic). `render` takes `&mut self` because some layout is known only when
//! drawing — a list's window start, a page's height for paging, a topic page's laid-out lines —
//! and a screen keeps what it measured in plain fields that the next `update` may read, rather
//! than in hidden `Cell`s behind a `&self`.
//!
//! A screen with sub-views has a folder (`exam/{mod,answering,setup,view,results}`,
//! `review/{mod,session,view}`, `strategies/{mod,knobs,quiz,walk,walk_view}`,
//! `tables/{mod,data,fit,view}`, `topics/{mod,page}`); what several screens draw lives in
//! [`super::widgets`].

pub mod dashboard;
pub mod exam;
pub mod help;
pub mod outlook;
pub mod review;
pub mod search;
pub mod stats;
pub mod strategies;
pub mod tables;
pub mod topics;

pub use strategies::{walk, walk_view};

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::keymap::Context;

use super::theme::Theme;
use crate::content::Catalog;
use crate::content::TableId;
use crate::content::schema::Deck;
use crate::srs::{DueCounts, QueueEntry};
use crate::study::{Loaded, Snapshot, Study, StudyError};

/// The screens shown as tabs, in tab order (the number keys follow it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreenId {
    Dashboard,
    Review,
    Exam,
    Topics,
    Tables,
    Stats,
    Strategies,
}

impl ScreenId {
    /// Every screen, in tab order.
    pub const ALL: [ScreenId; 7] = [
        ScreenId::Dashboard,
        ScreenId::Review,
        ScreenId::Exam,
        ScreenId::Topics,
        ScreenId::Tables,
        ScreenId::Stats,
        ScreenId::Strategies,
    ];

    /// The tab title.
    pub fn title(self) -> &'static str {
        match self {
            ScreenId::Dashboard => "Dashboard",
            ScreenId::Review => "Review",
            ScreenId::Exam => "Exam",
            ScreenId::Topics => "Topics",
            ScreenId::Tables => "Tables",
            ScreenId::Stats => "Stats",
            ScreenId::Strategies => "Strategies",
        }
    }

    /// The number key that opens the screen.
    pub fn key(self) -> usize {
        self.index() + 1
    }

    /// Position in the tab bar.
    pub fn index(self) -> usize {
        ScreenId::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// The one shape of a screen.
pub trait Screen {
    /// Which keys apply now (the keymap's context; it also builds the footer and the help).
    fn context(&self, catalog: &Catalog) -> Context;

    /// Carries out `action`, running use cases through `ctx.study`; [`Outcome::Ignored`] when the
    /// action is not this screen's, so the app applies its default.
    fn update(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError>;

    /// Draws the screen into `area` from its state and `v` alone, keeping what the drawing
    /// measured (window starts, heights, layouts) for the next update.
    fn render(&mut self, f: &mut Frame, area: Rect, v: &View);
}

/// How a status message should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Good,
    Error,
}

/// A one-line message in the footer, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub tone: Tone,
}

/// What an update gets: the use cases, the time, and a place for a message.
pub struct Ctx<'a, 'c> {
    pub study: &'a Study<'c>,
    pub catalog: &'c Catalog,
    pub now: DateTime<Utc>,
    pub status: &'a mut Option<Status>,
    /// The statistics as last loaded.
    pub snap: &'a Snapshot,
    /// The key press's one read of progress, shared with the app's statistics refresh.
    pub loaded: &'a mut Option<Loaded>,
}

impl Ctx<'_, '_> {
    /// Today's queue for `deck` and what is left of it, from the key press's one read of
    /// progress (made now if there is none, or if the study wrote since).
    pub fn queue(&mut self, deck: &Deck) -> Result<(Vec<QueueEntry>, DueCounts), StudyError> {
        let (study, now) = (self.study, self.now);
        let loaded = match self.loaded.take() {
            Some(l) if study.is_current(&l) => l,
            _ => study.load(now)?,
        };
        let loaded = self.loaded.insert(loaded);
        Ok((study.queue_in(loaded, deck, now), study.due_in(loaded, deck, now)))
    }

    /// Shows `text` in the footer.
    pub fn say(&mut self, text: impl Into<String>) {
        *self.status = Some(Status { text: text.into(), tone: Tone::Info });
    }

    /// Shows `text` as good news.
    pub fn cheer(&mut self, text: impl Into<String>) {
        *self.status = Some(Status { text: text.into(), tone: Tone::Good });
    }

    /// Shows `text` as a problem.
    pub fn warn(&mut self, text: impl Into<String>) {
        *self.status = Some(Status { text: text.into(), tone: Tone::Error });
    }
}

/// What a render gets: the material, the theme, the cached statistics and the time.
pub struct View<'a, 'c> {
    pub catalog: &'c Catalog,
    pub theme: &'a Theme,
    pub snap: &'a Snapshot,
    pub now: DateTime<Utc>,
    /// The learner's UTC offset, for showing clock times.
    pub offset: FixedOffset,
}

/// Where the app should go after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Nav {
    Screen(ScreenId),
    /// A topic page.
    Topic(String),
    /// A deployment strategy's page.
    Strategy(String),
    /// A topic's table or a comparison, on the tables screen.
    Table(TableId),
    /// One item on the review screen, outside the queue.
    Item(String),
    /// The review queue of a deck.
    ReviewDeck(String),
    /// The cards of one topic, as a review session.
    ReviewTopic(String),
    /// A cram session over a deck's items, whatever their due date (nothing is rescheduled).
    CramDeck(String),
    /// A cram session over one topic's items.
    CramTopic(String),
    /// A drill of one topic's questions on the exam screen.
    Drill(String),
    /// A drill of the weakest tasks' questions on the exam screen.
    DrillWeakest,
}

/// What an update did with an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Handled; nothing else to do.
    Consumed,
    /// Handled, and progress changed: the statistics must be reloaded.
    Changed,
    /// Not for this screen: the app applies its default (for `Back`: dashboard, then quit).
    Ignored,
    /// Handled, and the app should go somewhere.
    Go(Nav),
}
