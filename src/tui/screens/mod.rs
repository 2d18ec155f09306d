//! The screens, one file each, and what they share: the ids shown as tabs, the context handed
//! to an update ([`Ctx`]) and to a render ([`View`]), and what an update can ask of the app
//! ([`Outcome`], [`Nav`]).
//!
//! A screen owns its state and two functions: `update(&mut self, Action, &mut Ctx) -> Outcome`
//! runs use cases through [`Study`]; `render(&self, &mut Frame, Rect, &View)` draws from that
//! state alone, with no I/O, so rendering is cheap and snapshot tests are deterministic.

pub mod dashboard;
pub mod exam;
pub mod exam_results;
pub mod exam_setup;
pub mod exam_view;
pub mod help;
pub mod review;
pub mod review_view;
pub mod search;
pub mod stats;
pub mod strategies;
pub mod strategy_quiz;
pub mod tables;
pub mod topic_page;
pub mod topics;
pub mod walk;
pub mod walk_view;

use chrono::{DateTime, FixedOffset, Utc};

use super::data::Snapshot;
use super::theme::Theme;
use crate::content::Catalog;
use crate::study::Study;

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
}

impl Ctx<'_, '_> {
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
    /// A topic table (`topic/table`) or a comparison (its id) on the tables screen.
    Table(String),
    /// One item on the review screen, outside the queue.
    Item(String),
    /// The review queue of a deck.
    ReviewDeck(String),
    /// The cards of one topic, as a review session.
    ReviewTopic(String),
    /// A drill of one topic's questions on the exam screen.
    Drill(String),
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
