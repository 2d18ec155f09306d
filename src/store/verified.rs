//! Remembering that the file is exactly as dopdeck last checked or wrote it.
//!
//! A write must not go into a damaged file, and the full `PRAGMA quick_check` that proves it
//! reads the whole file: about 8 ms for a year of reviews, longer than the rest of a
//! `dopdeck grade`. Yet between two grades the file normally changes only by dopdeck's own
//! commits, each of which SQLite checks page by page as it writes (`cell_size_check`).
//!
//! So when a store closes knowing the file sound (checked whole at open, or the background
//! check passed, or it was already vouched for) it records the identity of the file and of its
//! WAL — device, inode, size and modification time to the nanosecond — in a private file
//! beside it (`<db>-checked`). The next store whose file still has that identity skips the full
//! check: nothing but dopdeck has written to it since it was known sound. Anything else that
//! writes the file (another program, a restore, a sync tool, a test scribbling over a page)
//! gives it a new modification time or inode, and the next write waits for the full check
//! again. (Not the change time: SQLite running as root re-owns the WAL at every open, which
//! changes it.)
//!
//! What this gives up: damage that leaves the modification time alone — a failing disk
//! flipping bits under the file, a copy made in place that sets back the old time, or, on a
//! filesystem that keeps coarse times (FAT: two seconds), a same-size write within one tick of
//! dopdeck's own — is found by the daily check at open or when SQLite reads the damaged page,
//! not before the next grade. Losing the record only costs one full check.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::files;

/// The record beside the database `path`.
fn record_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-checked");
    PathBuf::from(name)
}

/// The identity of the database and its WAL as one line; `None` if the file cannot be looked at.
/// An empty WAL and no WAL are the same: closing removes an empty one.
pub(crate) fn identity(path: &Path) -> Option<String> {
    let db = fs::metadata(path).ok()?;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal = fs::metadata(PathBuf::from(wal)).ok().filter(|m| m.len() > 0);
    Some(format!("v1 {} {}", describe(&db), wal.as_ref().map_or_else(|| "-".to_string(), describe)))
}

#[cfg(unix)]
fn describe(m: &fs::Metadata) -> String {
    use std::os::unix::fs::MetadataExt;
    format!("{}:{}:{}:{}.{}", m.dev(), m.ino(), m.len(), m.mtime(), m.mtime_nsec())
}

#[cfg(not(unix))]
fn describe(m: &fs::Metadata) -> String {
    format!("{}:{:?}", m.len(), m.modified().ok())
}

/// Whether the file still has the identity recorded when it was last known sound.
pub(crate) fn still_sound(path: &Path) -> bool {
    let Ok(recorded) = files::read_regular_bounded(&record_path(path), 4096) else { return false };
    identity(path).is_some_and(|now| now.as_bytes() == recorded.as_slice())
}

/// Records the file's present identity as sound. Best effort: a record that cannot be written
/// only means the next write waits for the full check.
///
/// Rewritten in place, not renamed into place (a rename cost a grade a directory update): a
/// record read half-written, or written by two dopdecks at once, matches no file, which only
/// costs a full check.
pub(crate) fn record_sound(path: &Path) {
    let Some(identity) = identity(path) else { return };
    let record = record_path(path);
    let mut existing = fs::OpenOptions::new();
    existing.write(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut existing, libc::O_NOFOLLOW);
    let file = existing.open(&record).or_else(|_| {
        let created = files::private_options().open(&record)?;
        files::make_private(&record)?;
        Ok::<_, std::io::Error>(created)
    });
    if file.and_then(|mut f| f.write_all(identity.as_bytes())).is_err() {
        forget(path);
    }
}

/// Forgets the record: the file is known damaged.
pub(crate) fn forget(path: &Path) {
    let _ = fs::remove_file(record_path(path));
}
