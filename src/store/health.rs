//! Noticing damage after the database is open, so that nothing is written into a damaged file.
//!
//! Opening checks the whole file only now and then ([`IntegrityCheck::Periodic`]); in between, a
//! file damaged since the last check would be written to. Two cheap watches close that gap:
//!
//! - every SQLite error is classified, and one saying the file is corrupt or not a database
//!   marks the store damaged for good;
//! - when opening skipped the full check, `PRAGMA quick_check` runs on a second, read-only
//!   connection in a background thread (from the open, or for a file over [`EAGER_LIMIT`] from
//!   the first write, so read-only commands on a large history do not pay for it), and a write
//!   waits for its verdict at most [`WRITE_WAIT`] — long enough for a deck of thousands of
//!   reviews, short enough that a large healthy history never stalls a grade (the write then
//!   goes ahead on SQLite's own checks while the watch finishes for the next one). Only the
//!   first write waits.
//!
//! Once damage is seen every write is refused with [`StoreError::Damaged`]; reading goes on.
//!
//! [`IntegrityCheck::Periodic`]: super::IntegrityCheck::Periodic

use std::cell::{Cell, OnceCell, RefCell};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, ErrorCode, InterruptHandle, OpenFlags};

use super::error::StoreError;

/// How long a write waits for the background check's verdict.
pub(crate) const WRITE_WAIT: Duration = Duration::from_millis(50);

/// What the store knows about the file's health.
#[derive(Debug, Default)]
pub(crate) struct Health {
    /// What showed the file damaged, once something has.
    damaged: OnceCell<String>,
    /// The background check, until its verdict is in.
    watch: RefCell<Option<Watch>>,
    /// Whether a write has already waited for the verdict: later ones only look whether it
    /// has come, so a large history delays one write at most.
    waited: Cell<bool>,
    /// A file too large to check while a short command runs: its check starts at the first
    /// write instead (see [`Health::deferred`]).
    pending: RefCell<Option<PathBuf>>,
    /// The file is known sound: checked whole at open, vouched for by the record of the last
    /// store that knew it sound (see `verified`), or passed by the background check.
    sound: Cell<bool>,
}

/// Files up to this size are checked from the moment they are opened: `quick_check` reads
/// about 4 MB per millisecond here, so the verdict is in before a command's first write.
/// Larger ones are checked from their first write: a read-only command (`due`, `stats`) on a
/// large history then never spends a core reading the whole file for a verdict it would
/// never use.
pub(crate) const EAGER_LIMIT: u64 = 32 * 1024 * 1024;

/// A `quick_check` running in a background thread.
struct Watch {
    verdict: Receiver<Option<String>>,
    interrupt: InterruptHandle,
    thread: JoinHandle<()>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watch")
    }
}

impl Health {
    /// A file known sound at open: writes go ahead on SQLite's own checks.
    pub(crate) fn sound() -> Health {
        let health = Health::default();
        health.sound.set(true);
        health
    }

    /// Whether the file is known sound and no damage has been seen (a background verdict that
    /// has come in is taken, without waiting).
    pub(crate) fn is_sound(&self) -> bool {
        self.collect(Duration::ZERO);
        self.damaged.get().is_none() && self.sound.get()
    }

    /// Whether damage has been seen.
    pub(crate) fn is_damaged(&self) -> bool {
        self.damaged.get().is_some()
    }

    /// Starts the background check of `path` (open and configured by the caller already, so
    /// its WAL files exist). If the check cannot even start, only SQLite's errors are watched.
    pub(crate) fn watch(path: &Path) -> Health {
        let health = Health::default();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let Ok(conn) = Connection::open_with_flags(path, flags) else { return health };
        let interrupt = conn.get_interrupt_handle();
        let (send, verdict) = mpsc::channel();
        let spawned = thread::Builder::new().name("dopdeck-quick-check".into()).spawn(move || {
            let _ = send.send(quick_check(&conn));
        });
        if let Ok(thread) = spawned {
            *health.watch.borrow_mut() = Some(Watch { verdict, interrupt, thread });
        }
        health
    }

    /// [`Health::watch`] for a file of at most [`EAGER_LIMIT`] bytes; for a larger one, the
    /// check starts when the first write asks for the verdict.
    pub(crate) fn watch_or_defer(path: &Path) -> Health {
        if fs::metadata(path).is_ok_and(|m| m.len() > EAGER_LIMIT) {
            Health::deferred(path)
        } else {
            Health::watch(path)
        }
    }

    /// A watch whose check starts at the first write.
    pub(crate) fn deferred(path: &Path) -> Health {
        let health = Health::default();
        *health.pending.borrow_mut() = Some(path.to_path_buf());
        health
    }

    /// Records what an SQLite error says about the file.
    pub(crate) fn saw(&self, error: &StoreError) {
        if let StoreError::Corrupt { detail, .. } = error {
            let _ = self.damaged.set(detail.clone());
        } else if let StoreError::NotADatabase { .. } = error {
            let _ = self.damaged.set("not a database any more".into());
        }
    }

    /// Refuses a write once damage has been seen, the first write waiting up to [`WRITE_WAIT`]
    /// for the background check.
    pub(crate) fn before_write(&self, path: &Path) -> Result<(), StoreError> {
        if let Some(file) = self.pending.borrow_mut().take() {
            let started = Health::watch(&file);
            *self.watch.borrow_mut() = started.watch.borrow_mut().take();
        }
        self.collect(if self.waited.replace(true) { Duration::ZERO } else { WRITE_WAIT });
        match self.damaged.get() {
            Some(detail) => Err(StoreError::Damaged {
                path: path.to_path_buf(),
                detail: detail.clone(),
                backup: latest_backup(path),
            }),
            None => Ok(()),
        }
    }

    /// Takes the background verdict if it arrives within `wait`.
    fn collect(&self, wait: Duration) {
        let mut slot = self.watch.borrow_mut();
        let Some(watch) = slot.as_ref() else { return };
        match watch.verdict.recv_timeout(wait) {
            Ok(verdict) => {
                match verdict {
                    Some(problems) => drop(self.damaged.set(problems)),
                    None => self.sound.set(true),
                }
                finish(slot.take());
            }
            Err(RecvTimeoutError::Disconnected) => finish(slot.take()),
            Err(RecvTimeoutError::Timeout) => {}
        }
    }
}

impl Drop for Health {
    /// Stops a check still running, so its connection closes before the store's own.
    fn drop(&mut self) {
        if let Some(watch) = self.watch.get_mut().take() {
            watch.interrupt.interrupt();
            finish(Some(watch));
        }
    }
}

fn finish(watch: Option<Watch>) {
    if let Some(watch) = watch {
        let _ = watch.thread.join();
    }
}

/// The damage `PRAGMA quick_check` finds, `None` if it finds none.
///
/// Damage shows as rows, or as the check itself failing with "malformed" or "not a database".
/// Any other failure (interrupted because the store is closing, busy) is no verdict.
fn quick_check(conn: &Connection) -> Option<String> {
    let mut problems = Vec::new();
    let ran = conn.pragma_query(None, "quick_check", |row| {
        let line: String = row.get(0)?;
        if line != "ok" && problems.len() < 3 {
            problems.push(line);
        }
        Ok(())
    });
    match ran {
        Err(e) if matches!(e.sqlite_error_code(), Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)) => {
            Some(e.to_string())
        }
        Err(_) => None,
        Ok(()) => (!problems.is_empty()).then(|| problems.join("; ")),
    }
}

/// The newest `<file>.bak-*` next to the database, to point the learner at.
fn latest_backup(path: &Path) -> Option<PathBuf> {
    let name = format!("{}.bak-", path.file_name()?.to_string_lossy());
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&name))
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).unwrap_or(SystemTime::UNIX_EPOCH))
        .map(|e| e.path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_sqlite_corruption_error_marks_the_store_damaged() {
        let health = Health::default();
        let path = Path::new("/nowhere/p.db");
        assert!(health.before_write(path).is_ok());
        health.saw(&StoreError::Corrupt { path: path.into(), detail: "database disk image is malformed".into() });
        let refused = health.before_write(path).expect_err("refused");
        assert!(refused.to_string().contains("malformed"), "{refused}");
    }
}
