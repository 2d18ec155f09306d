//! Opening the progress database before the material is in hand.
//!
//! A short command (`dopdeck due`, `grade`, `stats`) spends longer opening, inspecting and
//! configuring the database than reading the material's snapshot, and neither needs the other:
//! the shell loads the material on a second thread and opens the database on its own in the
//! meantime (see `cli::run`), and [`Study::finish_opening`] joins the two. The longer job runs
//! where the process already is, so a helper thread that a busy or virtual machine is slow to
//! start delays only the shorter one.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::reviewing::{Intent, Study, StudyError, open_options};
use crate::content::Catalog;
use crate::store::{Store, StoreError};

/// A database opened (or refused) ahead of the material.
pub struct Opening {
    db: PathBuf,
    intent: Intent,
    opened: Result<Store, StoreError>,
}

impl Opening {
    /// Opens the existing database `db` for `intent` now; an error is kept for
    /// [`Study::finish_opening`] to report, after the material has loaded.
    pub fn open(db: PathBuf, intent: Intent) -> Opening {
        let opened = Store::open_with(&db, &open_options(intent));
        Opening { db, intent, opened }
    }

    /// Whether this is the opening of `db` for `intent`.
    pub fn is_for(&self, db: &Path, intent: Intent) -> bool {
        self.db == db && self.intent == intent
    }
}

impl<'c> Study<'c> {
    /// The study of `catalog` over the database `opening` has opened (see [`Study::open_for`]).
    ///
    /// # Errors
    ///
    /// As [`Study::open_for`].
    pub fn finish_opening(
        catalog: &'c Catalog,
        opening: Opening,
        now: DateTime<Utc>,
        fuzz: bool,
    ) -> Result<Self, StudyError> {
        Self::with_store(catalog, opening.opened?, now, fuzz)
    }
}
