//! Errors from the progress store, each naming the database file it concerns.

use std::io;
use std::path::PathBuf;

/// Why the store could not open the database or complete an action.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be created, read or backed up.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The operating system's error.
        source: io::Error,
    },
    /// The file exists but is not an SQLite database at all.
    #[error("{path} is not a dopdeck database (not an SQLite file); it was left untouched")]
    NotADatabase {
        /// The file concerned.
        path: PathBuf,
    },
    /// The file is an SQLite database that fails its integrity check.
    #[error("{path} is corrupt ({detail}); it was left untouched")]
    Corrupt {
        /// The file concerned.
        path: PathBuf,
        /// What SQLite reported.
        detail: String,
    },
    /// The file is some other program's SQLite database.
    #[error(
        "{path} is an SQLite database of another program (application id {application_id:#010x}), \
         not a dopdeck database; it was left untouched"
    )]
    Foreign {
        /// The file concerned.
        path: PathBuf,
        /// The application id found in its header.
        application_id: i32,
    },
    /// The file was written by a newer dopdeck.
    #[error(
        "{path} has schema version {found}, newer than this dopdeck understands ({supported}); \
         upgrade dopdeck. The file was left untouched"
    )]
    TooNew {
        /// The file concerned.
        path: PathBuf,
        /// The schema version in the file.
        found: u32,
        /// The newest schema version this build knows.
        supported: u32,
    },
    /// SQLite failed while working on the file.
    #[error("{path}: {source}")]
    Database {
        /// The file concerned (":memory:" for an in-memory store).
        path: PathBuf,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// The item changed between reading it and recording a grade (another dopdeck graded it).
    #[error(
        "item {item_id} changed since it was read (graded in another dopdeck window?); \
         this grade was not recorded"
    )]
    Conflict {
        /// The item concerned.
        item_id: String,
    },
    /// A stored value could not be decoded.
    #[error("{path}: unreadable stored value: {detail}")]
    Decode {
        /// The file concerned.
        path: PathBuf,
        /// What could not be decoded.
        detail: String,
    },
}
