//! Use cases shared by the command line and the TUI: joining the catalog, the progress store and
//! the scheduler. The one door to progress: [`Study`]'s fields are private, and neither shell
//! names `store`.
//!
//! - [`reviewing`]: queues, grade, undo, bury, suspend; [`Study`] itself.
//! - [`exams`]: start, resume, answer, clear, flag, move, submit; the history.
//! - [`progress`]: the statistics and the readiness estimate, from one read of progress.
//! - [`history`]: the review log, fitting parameters, orphaned ids.
//! - [`clock`]: the one place that reads the time and the environment.
//!
//! This is shell code — it talks to the store — but it holds no terminal logic, so
//! `dopdeck grade` and a key press in the review screen run exactly the same steps.

#![deny(clippy::indexing_slicing)]

pub mod clock;
pub mod cram;
mod due;
pub mod exams;
pub mod export;
pub mod history;
mod opening;
pub mod plan;
pub mod progress;
pub mod reviewing;
pub mod stats;
pub mod sync;

/// Plain data the use cases return, named here so the shells never name the store.
pub use crate::store::{AttemptMeta, ItemRow, UndoneReview};
pub use clock::{Clock, local_offset};
pub use exams::{Attempt, ClosedAttempt, Resume, StartOptions, TimeLimit};
pub use history::orphaned_ids;
pub use opening::Opening;
pub use progress::{Loaded, Readiness, Snapshot};
pub use reviewing::{Intent, Refusal, Study, StudyError};

use std::path::PathBuf;

/// Where progress lives when neither `--db` nor `DOPDECK_DB` says otherwise: the user's data
/// directory (`~/.local/share/dopdeck/progress.db` on Linux).
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dopdeck").map(|d| d.data_dir().join("progress.db"))
}
