//! Errors from the progress store, each naming the database file it concerns.

use std::io;
use std::path::{Path, PathBuf};

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
    /// The path is a FIFO, a device, a socket or a directory: refused without opening it.
    #[error("{path} is {kind}, not a database file; it was left untouched")]
    NotAFile {
        /// The path concerned.
        path: PathBuf,
        /// What it is ("a FIFO (named pipe)", "a character device", …).
        kind: &'static str,
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
    /// Damage was found in the file after it was opened; nothing more is written to it.
    #[error("{path} is damaged ({detail}); dopdeck does not write to a damaged file, so this change was not saved. {}", restore_hint(path, backup.as_deref()))]
    Damaged {
        /// The file concerned.
        path: PathBuf,
        /// What SQLite or the integrity check reported.
        detail: String,
        /// The newest backup next to it, if there is one.
        backup: Option<PathBuf>,
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

/// What to do about a damaged file: restore the backup if there is one.
fn restore_hint(path: &Path, backup: Option<&Path>) -> String {
    match backup {
        Some(backup) => format!(
            "Copy it aside, then restore the backup {} (or try `sqlite3 {} .recover`).",
            backup.display(),
            path.display()
        ),
        None => format!("Copy it aside and try `sqlite3 {} .recover`; there is no backup next to it.", path.display()),
    }
}
