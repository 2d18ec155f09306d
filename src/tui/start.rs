//! How the app starts: which screen it opens on and with what theme (what the command line
//! asked for).

use std::sync::{Arc, OnceLock};

use super::screens::exam::setup::Form;
use super::theme::Theme;
use crate::search::Index;
use crate::walkthrough::{Routing, StrategyParams};

/// The search popup's index, in a cell that whoever has the index fills.
///
/// Building it takes about 20 ms on the shipped material, which the first search keystroke
/// should not pay: the binary fills the cell on a thread from start-up, reading the index it
/// caches beside the catalog snapshot. The popup reads it with `get_or_init`, which waits for a
/// fill under way, and builds on the spot only if nobody fills it (tests that drive the app
/// directly).
pub type SearchIndex = Arc<OnceLock<Index>>;

/// Which screen to open on.
#[derive(Debug, Clone)]
pub enum Start {
    Dashboard,
    /// `dopdeck review [--deck D]`.
    Review {
        deck: String,
    },
    /// `dopdeck exam …`: resumes the open attempt, or shows the form filled from the flags.
    Exam,
    /// `dopdeck walkthrough STRATEGY …`: that strategy's walkthrough.
    Strategy {
        id: String,
        overrides: StrategyParams,
        /// `--routing`: `None` for the model's own.
        routing: Option<Routing>,
        fail_at: Option<u32>,
    },
}

/// How to start the app.
#[derive(Debug, Clone)]
pub struct Options {
    pub theme: Theme,
    pub start: Start,
    /// The new-attempt form, filled from `dopdeck exam` flags; default: a full mock.
    pub exam_form: Option<Form>,
}
