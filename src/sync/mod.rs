//! Progress on several computers through any synced folder, without a server.
//!
//! Each device appends what happens on it — grades, undos, submitted practice exams, setting
//! changes — as events to its own journal file in the folder, and reads everyone's journals.
//! Every event has a globally unique id, so the journals merge as a grow-only set: merging is
//! idempotent and the order in which devices sync does not matter. An item's scheduling state
//! is then rebuilt by replaying its surviving grades, in time order, through the scheduler.
//!
//! - `journal`: the file format (JSON lines under a version header) and tolerant reading:
//!   a half-written last line, garbage, a conflict copy are skipped or read like any journal;
//!   a journal from a newer dopdeck is a clear error.
//! - `merge`: from the local events and the journals' events, the plan: what to append to this
//!   device's journal and what to change in the database. Pure.
//! - `folder`: the only file I/O: listing, reading and appending journals in the folder.
//!
//! Nothing is lost to an interruption: events are appended (and flushed) to the journal before
//! the database takes the merge in one transaction, and both steps are recomputed from scratch
//! on the next sync.

#![deny(clippy::indexing_slicing)]

pub mod folder;
pub mod journal;
pub mod merge;

use serde::{Deserialize, Serialize};

pub use journal::{JOURNAL_VERSION, JournalError, Parsed};
pub use merge::{Local, Plan, plan};

/// One thing that happened on some device. Times are unix microseconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// A grade.
    Review(ReviewEvent),
    /// A grade taken back: `target` is the review's event id.
    Undo(UndoEvent),
    /// A submitted (or closed) practice-exam attempt with its answers.
    Attempt(AttemptEvent),
    /// A setting changed; the latest change of a key wins.
    Setting(SettingEvent),
}

impl Event {
    /// The event's globally unique id.
    pub fn id(&self) -> &str {
        match self {
            Event::Review(e) => &e.id,
            Event::Undo(e) => &e.id,
            Event::Attempt(e) => &e.id,
            Event::Setting(e) => &e.id,
        }
    }

    /// When it happened (unix microseconds, the device's clock).
    pub fn at(&self) -> i64 {
        match self {
            Event::Review(e) => e.at,
            Event::Undo(e) => e.at,
            Event::Attempt(e) => e.attempt.submitted_at,
            Event::Setting(e) => e.at,
        }
    }
}

/// A grade: what is needed to replay it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewEvent {
    /// `<device>-r<local row, 12 digits>-<time>`: unique, and ordering one device's grades of
    /// the same instant as they were made.
    pub id: String,
    pub item: String,
    pub at: i64,
    /// 1 again, 2 hard, 3 good, 4 easy.
    pub rating: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ms: Option<u32>,
}

/// An undo. Its id is `undo:<target>`, so two devices taking back the same grade agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UndoEvent {
    pub id: String,
    pub target: String,
    pub at: i64,
}

impl UndoEvent {
    /// The tombstone of `target`.
    pub fn of(target: &str, at: i64) -> UndoEvent {
        UndoEvent { id: format!("undo:{target}"), target: target.to_string(), at }
    }
}

/// A finished attempt, as history: its answers do not grade again on merge (the grades they
/// caused travel as their own review events).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptEvent {
    pub id: String,
    pub attempt: AttemptRecord,
}

/// The stored columns of an attempt and its answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptRecord {
    pub mode: String,
    /// The scope as stored (JSON text).
    pub scope: String,
    pub seed: i64,
    pub started_at: i64,
    pub deadline: Option<i64>,
    pub submitted_at: i64,
    pub current: i64,
    pub questions: i64,
    pub correct: Option<i64>,
    pub scaled: Option<i64>,
    pub answers: Vec<AnswerRecord>,
}

/// One question of an attempt, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRecord {
    pub question: String,
    /// Option order and answer as stored (comma-separated material indices).
    pub order: String,
    pub answer: String,
    pub flagged: bool,
    pub answered_at: Option<i64>,
}

/// A setting's new value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingEvent {
    pub id: String,
    pub key: String,
    pub value: String,
    pub at: i64,
}

impl SettingEvent {
    /// Whether `self` wins over `other` (last writer wins; ties broken by id so every device
    /// picks the same).
    pub fn beats(&self, other: &SettingEvent) -> bool {
        (self.at, &self.id) > (other.at, &other.id)
    }
}

/// The settings that follow the learner from device to device: the fitted FSRS parameters
/// (`study::reviewing::PARAMETERS_KEY`).
///
/// A list of what travels rather than of what does not: most settings belong to one device
/// (its id, where its synced folder is mounted, when its database was last checked), and a
/// setting added later stays local until it is added here on purpose.
pub const SYNCED_SETTINGS: &[&str] = &["fsrs.parameters"];

/// Whether a setting belongs to this device only and never travels.
pub fn is_local_setting(key: &str) -> bool {
    !SYNCED_SETTINGS.contains(&key)
}

/// The settings key of the synced folder the TUI syncs with at start and quit.
pub const SYNC_DIR_KEY: &str = "sync_dir";

/// The settings key of this device's id.
pub const DEVICE_KEY: &str = "sync.device";
