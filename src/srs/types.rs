//! The values the scheduler reads and writes: ratings, states, a card's scheduling state and
//! the log row one review produces.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

/// The four answer buttons.
///
/// The numeric values are FSRS's (and Anki's) ratings, which is what the `fsrs` crate and the
/// review log store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    /// Forgot: the item goes back to its first (re)learning step.
    Again = 1,
    /// Recalled with serious difficulty.
    Hard = 2,
    /// Recalled after a moment's thought.
    Good = 3,
    /// Recalled effortlessly.
    Easy = 4,
}

impl Rating {
    /// All ratings, in button order.
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The FSRS rating number (1–4).
    pub fn as_u8(self) -> u8 {
        self as u8
    }

    /// The rating for an FSRS rating number, or `None` outside 1–4.
    pub fn from_u8(value: u8) -> Option<Rating> {
        match value {
            1 => Some(Rating::Again),
            2 => Some(Rating::Hard),
            3 => Some(Rating::Good),
            4 => Some(Rating::Easy),
            _ => None,
        }
    }

    /// The lowercase name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a string that names no rating.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rating {0:?}: expected again, hard, good, easy or 1-4")]
pub struct ParseRatingError(pub String);

impl FromStr for Rating {
    type Err = ParseRatingError;

    /// Accepts the names (any case) and the digits 1–4, which is what the line-mode review reads.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "again" | "1" => Ok(Rating::Again),
            "hard" | "2" => Ok(Rating::Hard),
            "good" | "3" => Ok(Rating::Good),
            "easy" | "4" => Ok(Rating::Easy),
            _ => Err(ParseRatingError(s.to_string())),
        }
    }
}

/// Where an item is in its life cycle.
///
/// `New` is dopdeck's addition to py-fsrs's three states: an item that has never been graded.
/// Its first review behaves exactly like py-fsrs's fresh `Card` (state Learning, step 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Never graded.
    New,
    /// Going through the learning steps after the first grade.
    Learning,
    /// Graduated: scheduled in whole days by FSRS.
    Review,
    /// Forgotten while in review: going through the relearning steps.
    Relearning,
}

impl State {
    /// The lowercase name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            State::New => "new",
            State::Learning => "learning",
            State::Review => "review",
            State::Relearning => "relearning",
        }
    }

    /// Whether the item is in (re)learning steps, scheduled in minutes rather than days.
    pub fn is_learning(self) -> bool {
        matches!(self, State::Learning | State::Relearning)
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a string that names no state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown state {0:?}: expected new, learning, review or relearning")]
pub struct ParseStateError(pub String);

impl FromStr for State {
    type Err = ParseStateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "new" => Ok(State::New),
            "learning" => Ok(State::Learning),
            "review" => Ok(State::Review),
            "relearning" => Ok(State::Relearning),
            _ => Err(ParseStateError(s.to_string())),
        }
    }
}

/// The scheduling state of one item: py-fsrs's `Card` plus Anki's repetition and lapse counts.
///
/// Times have microsecond precision (like py-fsrs's `datetime`): [`CardState::new`] and
/// [`crate::srs::review`] truncate the clock, so a state survives the store's integer
/// microsecond columns exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardState {
    /// Life-cycle state.
    pub state: State,
    /// Index into the (re)learning steps while learning or relearning, `None` otherwise.
    pub step: Option<u32>,
    /// FSRS stability in days (the interval at which recall probability falls to 90 %).
    pub stability: Option<f64>,
    /// FSRS difficulty, 1 (easiest) to 10.
    pub difficulty: Option<f64>,
    /// When the item is next due. Review-state items are due from the start of this study day.
    pub due: DateTime<Utc>,
    /// When the item was last graded.
    pub last_review: Option<DateTime<Utc>>,
    /// Number of grades so far.
    pub reps: u32,
    /// Number of times the item was forgotten while in review state.
    pub lapses: u32,
}

impl CardState {
    /// A never-graded item, due at `now`.
    pub fn new(now: DateTime<Utc>) -> CardState {
        CardState {
            state: State::New,
            step: None,
            stability: None,
            difficulty: None,
            due: now.trunc_subsecs(6),
            last_review: None,
            reps: 0,
            lapses: 0,
        }
    }

    /// The FSRS memory state, when the item has one (after its first grade).
    pub fn memory(&self) -> Option<fsrs::MemoryState> {
        match (self.stability, self.difficulty) {
            (Some(stability), Some(difficulty)) => {
                Some(fsrs::MemoryState { stability: stability as f32, difficulty: difficulty as f32 })
            }
            _ => None,
        }
    }
}

/// One row of the review log, modelled on Anki's `revlog` table.
///
/// It records what the learner did and what the scheduler concluded, so that statistics (true
/// retention, streaks) and the parameter optimizer can be computed from the log alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewLog {
    /// The item graded.
    pub item_id: String,
    /// When it was graded (microsecond precision).
    pub reviewed_at: DateTime<Utc>,
    /// The button pressed.
    pub rating: Rating,
    /// The item's state before the grade (`New` for a first grade).
    pub state_before: State,
    /// The item's state after the grade.
    pub state_after: State,
    /// Stability after the grade.
    pub stability: f64,
    /// Difficulty after the grade.
    pub difficulty: f64,
    /// Study days since the previous grade (0 for the first grade or the same day).
    pub elapsed_days: u32,
    /// The interval given, in days, when the item went to (or stayed in) review state; 0 for a
    /// (re)learning step (Anki's `ivl`).
    pub scheduled_days: u32,
    /// The interval the item had before this grade, in days, if it was in review state; 0
    /// otherwise (Anki's `lastIvl`, which splits young from mature in true retention).
    pub last_interval_days: u32,
    /// How long the learner took to answer, when the front end measured it.
    pub duration_ms: Option<u32>,
}

/// The outcome of one grade: the item's new state and the log row to store with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reviewed {
    /// The item's state after the grade.
    pub card: CardState,
    /// The log row describing the grade.
    pub log: ReviewLog,
}
