//! Use cases shared by the command line and the TUI: joining the catalog, the progress store and
//! the scheduler.
//!
//! This is shell code — it reads the environment (database path, `DOPDECK_FUZZ`, the clock
//! override) and talks to the store — but it holds no terminal logic, so `dopdeck grade` and a
//! key press in the review screen run exactly the same steps.

pub mod clock;
pub mod exams;
pub mod reviewing;

pub use clock::{Clock, local_offset};
pub use exams::{Attempt, ClosedAttempt, Resume, StartOptions, TimeLimit};
pub use reviewing::{Study, StudyError};

use std::path::PathBuf;

/// Where progress lives when neither `--db` nor `DOPDECK_DB` says otherwise: the user's data
/// directory (`~/.local/share/dopdeck/progress.db` on Linux).
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dopdeck").map(|d| d.data_dir().join("progress.db"))
}
