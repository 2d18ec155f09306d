//! The claim a dopdeck holds while it looks at, and initialises, a file that is not yet a
//! dopdeck database.
//!
//! Several dopdecks started together on a new path all find a file that is empty or half
//! written by one of them. Without coordination, one that looks while another is writing sees
//! a torn file: an application id of 0 beside tables already there ("another program's
//! database"), or pages not written yet ("corrupt"). So every dopdeck that finds a file that is
//! not (yet) marked as ours takes the claim, looks again, and if the file is empty initialises
//! it completely (the schema and the application id in the main file, not only in the WAL)
//! before letting go. A file marked as ours is never changed back, so a look that finds the mark
//! needs no claim.
//!
//! The claim is an advisory `flock` on the database's directory, not on the file: closing any
//! descriptor of the database file would drop the POSIX locks SQLite holds on it in this process,
//! and a separate lock file would leave a stray file next to files dopdeck refuses.

use std::fs::{self, File, TryLockError};
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use super::open::BUSY_TIMEOUT;

/// An exclusive claim on the directory holding a database; released when dropped.
#[derive(Debug)]
pub(crate) struct Claim {
    /// The locked directory; closing it releases the lock.
    _dir: File,
}

impl Claim {
    /// Takes the claim for `db`, waiting up to [`BUSY_TIMEOUT`] for another dopdeck to finish.
    ///
    /// `None` when the directory cannot be opened or locked (no `flock` on this file system, or
    /// a dopdeck stuck holding it): the look then goes ahead unclaimed, as it did before claims
    /// existed, rather than refusing to open.
    pub(crate) fn take(db: &Path) -> Option<Claim> {
        let dir = db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let file = fs::File::open(dir).ok()?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Some(Claim { _dir: file }),
                Err(TryLockError::WouldBlock) if started.elapsed() < BUSY_TIMEOUT => {
                    thread::sleep(Duration::from_millis(2));
                }
                Err(_) => return None,
            }
        }
    }
}
