//! The SQLite progress store: the only module that speaks SQL.
//!
//! One file holds the items' scheduling state, the review log and settings. Every user action
//! is one `BEGIN IMMEDIATE` transaction in WAL mode: when a method returns `Ok`, the change is
//! in the file (by default also flushed to the device, see [`Durability`]). Writers wait up to
//! five seconds for each other, so two running dopdecks never report "database is locked".
//!
//! - `open`, `inspect`, `upgrade`: [`Store::open`] inspects an existing file read-only, then
//!   creates (mode 0600), backs up and migrates.
//! - `claim`: dopdecks opening a new file together take turns, so none sees it half made.
//! - `health`: damage found after opening (SQLite's errors, a background `quick_check`) stops
//!   every write.
//! - `verified`: a file nothing but dopdeck has written since a store knew it sound needs no
//!   new full check before a write.
//! - `migrations`: the schema, an append-only list.
//! - `codec`: column conversions shared by the tables.
//! - `items`: item state, suspend and bury.
//! - `reviews`: recording a grade, undo, the review log.
//! - `bulk`: loading a whole history in one transaction (scale fixture, benches).
//! - `settings`: key/value settings such as fitted FSRS parameters.
//! - `stats`: counts over the review log (today, streak days, true retention), in SQL.
//! - `exams`: practice-exam attempts, every answer and flag as it is given.
//! - `pacing`: time spent per exam question and every answer given, for pacing analytics.
//! - `cram`: items seen while cramming (scheduling untouched).
//! - `sync`: event ids, the local events and applying a merge, for [`crate::sync`].
//! - `anki`: writing an Anki package (`.apkg`) from [`crate::export`]'s rows.

#![deny(clippy::indexing_slicing)]

mod anki;
mod bulk;
mod claim;
mod codec;
mod cram;
mod due;
mod error;
mod exams;
mod grades;
mod health;
mod inspect;
mod items;
mod migrations;
mod open;
mod pacing;
mod renames;
mod reviews;
mod settings;
mod stats;
mod sync;
mod upgrade;
mod verified;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use anki::write_anki_package;
pub use due::{DueRow, QuietRow};
pub use error::StoreError;
pub use exams::AttemptMeta;
pub use items::ItemRow;
pub use migrations::{MIGRATIONS, SCHEMA_VERSION};
pub use open::{APPLICATION_ID, Durability, IntegrityCheck, OpenOptions, Watch};
pub use pacing::AnswerTiming;
pub use renames::RenameReport;
pub use reviews::UndoneReview;
pub use sync::{Rebuilt, ReplayedRow};

/// A handle on the progress database.
///
/// Cheap to keep open for a whole session. Not shared between threads: open one `Store` per
/// thread or process; SQLite's locking keeps them consistent.
#[derive(Debug)]
pub struct Store {
    /// Declared before `conn` so that a background check's connection closes first.
    health: health::Health,
    conn: Connection,
    path: PathBuf,
    /// Write transactions begun through this handle (see the `Drop` impl).
    writes: std::cell::Cell<u32>,
    /// The file was opened as the last store that knew it sound left it (see `verified`).
    vouched: bool,
}

/// Up to this many writes, closing leaves them in the WAL (see `open::configure`); a handle that
/// wrote more (a long TUI session, a bulk load) moves them into the main file as it closes.
const SHORT_RUN_WRITES: u32 = 16;

/// WAL bytes a short writing process leaves in place (see the `Drop` impl).
const WAL_KEEP_BYTES: u64 = 256 * 1024;

/// The size of the WAL file beside `path` (0 when there is none).
fn wal_len(path: &Path) -> u64 {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).map_or(0, |m| m.len())
}

impl Drop for Store {
    /// A short process's few writes stay in the WAL, so the next `dopdeck grade` does not pay
    /// for a checkpoint and a new WAL file; after many writes, closing checkpoints them into the
    /// main file and removes the WAL, as SQLite does by default.
    fn drop(&mut self) {
        // Every process that opens the file reads the whole WAL to rebuild its index, so a WAL
        // left to grow to SQLite's thousand pages made each `dopdeck due` read 8 MB. A writer
        // that finds it over WAL_KEEP_BYTES moves it into the main file and empties it: a few
        // extra fsyncs about once in ten grades, and no command reads more than that much WAL.
        // A handle that wrote much empties it here too, rather than leaving it to the close, so
        // the record below is of the file as the close leaves it.
        let many = self.writes.get() > SHORT_RUN_WRITES;
        if many || (self.writes.get() > 0 && wal_len(&self.path) > WAL_KEEP_BYTES) {
            // Without waiting: another dopdeck reading right now makes it give up (SQLITE_BUSY),
            // and a later writer empties the WAL instead of this process stalling as it exits.
            let _ = self.conn.busy_timeout(std::time::Duration::ZERO);
            let _ = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
        if many {
            let _ = self.conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false);
        }
        if self.path.as_os_str() == ":memory:" {
            return;
        }
        // What the next store may trust without the full check (see `verified`).
        if self.health.is_damaged() {
            verified::forget(&self.path);
        } else if self.health.is_sound() && (self.writes.get() > 0 || !self.vouched) {
            verified::record_sound(&self.path);
        }
    }
}

impl Store {
    /// Opens the database at `path`, creating it (and its directory) if needed.
    ///
    /// An existing file is first inspected read-only. It must be empty, or a dopdeck database
    /// that passes `PRAGMA quick_check` and is not from a newer dopdeck; otherwise the error
    /// names the file and the file is left untouched. An older dopdeck database is copied to
    /// `<path>.bak-v<old version>` before it is migrated.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotADatabase`], [`StoreError::Corrupt`], [`StoreError::Foreign`],
    /// [`StoreError::TooNew`], or an I/O or SQLite error naming the file.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, &OpenOptions::default())
    }

    /// [`Store::open`] with a choice of integrity check and durability (see [`OpenOptions`]).
    ///
    /// # Errors
    ///
    /// As for [`Store::open`].
    pub fn open_with(path: &Path, options: &OpenOptions) -> Result<Store, StoreError> {
        let (conn, checked) = open::open_file(path, MIGRATIONS, options)?;
        // A file not checked whole on this open, and changed by something else since a store
        // last knew it sound (see `verified`), is checked in the background (see `health`).
        let vouched = !checked && verified::still_sound(path);
        let health = match (checked || vouched, options.watch) {
            (true, _) => health::Health::sound(),
            (false, Watch::FromOpen) => health::Health::watch_or_defer(path),
            (false, Watch::FromFirstWrite) => health::Health::deferred(path),
        };
        Ok(Store { health, conn, path: path.to_path_buf(), writes: std::cell::Cell::new(0), vouched })
    }

    /// A private, empty in-memory database with the current schema.
    ///
    /// # Errors
    ///
    /// A SQLite error if the schema cannot be created.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Ok(Store {
            health: health::Health::default(),
            conn: open::open_memory(MIGRATIONS)?,
            path: PathBuf::from(":memory:"),
            writes: std::cell::Cell::new(0),
            vouched: false,
        })
    }

    /// Whether this handle found the file as the last store that knew it sound left it, so that
    /// its writes do not wait for the full damage check (see `verified`).
    pub fn vouched(&self) -> bool {
        self.vouched
    }

    /// The database file (":memory:" for an in-memory store).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The database file another connection can open: `None` for a store in memory (SQLite
    /// knows no file for it; opening its ":memory:" path would make a new, empty database).
    pub fn file(&self) -> Option<&Path> {
        self.conn.path().filter(|p| !p.is_empty()).map(|_| self.path.as_path())
    }

    /// Starts a write transaction, taking the write lock at once.
    ///
    /// Taking it at `BEGIN` rather than at the first write means the busy timeout applies; a
    /// deferred transaction that later needs to write can fail at once with SQLITE_BUSY.
    ///
    /// Refused with [`StoreError::Damaged`] once the file is known to be damaged.
    fn write(&self) -> Result<Transaction<'_>, StoreError> {
        self.health.before_write(&self.path)?;
        self.writes.set(self.writes.get().saturating_add(1));
        Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate).map_err(|e| self.db_err(e))
    }

    /// The connection for a single-statement write, refused like [`Store::write`] once the file
    /// is known to be damaged.
    fn writer(&self) -> Result<&Connection, StoreError> {
        self.health.before_write(&self.path)?;
        self.writes.set(self.writes.get().saturating_add(1));
        Ok(&self.conn)
    }

    /// Wraps a SQLite error with the file name; damage found while reading becomes
    /// [`StoreError::Corrupt`], and from then on the store writes nothing.
    fn db_err(&self, source: rusqlite::Error) -> StoreError {
        let error = inspect::classify(&self.path, source);
        self.health.saw(&error);
        error
    }

    fn decode_err(&self, detail: impl Into<String>) -> StoreError {
        StoreError::Decode { path: self.path.clone(), detail: detail.into() }
    }
}
