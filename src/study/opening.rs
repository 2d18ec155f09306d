//! Opening the progress database on a second thread while the shell loads the material.
//!
//! A short command (`dopdeck due`, `grade`, `stats`) spends about as long decoding the
//! material's outline as SQLite spends opening, inspecting and configuring the database, and
//! neither needs the other: a shell that knows the database it will open starts it here first,
//! and [`Study::finish_opening`] joins the two.

use std::path::{Path, PathBuf};
use std::thread::{self, JoinHandle};

use chrono::{DateTime, Utc};

use super::reviewing::{Intent, Study, StudyError, open_options};
use crate::content::Catalog;
use crate::store::{Store, StoreError};

/// A database being opened on its own thread.
pub struct Opening {
    db: PathBuf,
    intent: Intent,
    thread: Option<JoinHandle<Result<Store, StoreError>>>,
}

impl Opening {
    /// Starts opening the existing database `db` for `intent`. A thread that cannot start only
    /// means [`Study::finish_opening`] opens it on the caller's thread.
    pub fn start(db: PathBuf, intent: Intent) -> Opening {
        let (path, options) = (db.clone(), open_options(intent));
        let thread =
            thread::Builder::new().name("dopdeck-open".into()).spawn(move || Store::open_with(&path, &options)).ok();
        Opening { db, intent, thread }
    }

    /// Whether this is the opening of `db` for `intent`.
    pub fn is_for(&self, db: &Path, intent: Intent) -> bool {
        self.db == db && self.intent == intent
    }
}

impl Drop for Opening {
    /// An opening no command took (the material failed to load, say) is waited for, so the
    /// process never ends in the middle of a migration or a first integrity check.
    fn drop(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
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
        mut opening: Opening,
        now: DateTime<Utc>,
        fuzz: bool,
    ) -> Result<Self, StudyError> {
        let store = match opening.thread.take().map(JoinHandle::join) {
            Some(Ok(opened)) => opened?,
            // The thread never started, or panicked: open it here.
            _ => Store::open_with(&opening.db, &open_options(opening.intent))?,
        };
        Self::with_store(catalog, store, now, fuzz)
    }
}
