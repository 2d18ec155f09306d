//! How the app starts: which screen it opens on and with what theme (what the command line
//! asked for).

use super::screens::exam::setup::Form;
use super::theme::Theme;
use crate::walkthrough::{Routing, StrategyParams};

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
