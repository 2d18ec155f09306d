//! The read-only look at an existing file, before anything is written to it.
//!
//! It tells an empty file, a dopdeck database, and everything that must be refused apart:
//! not SQLite, corrupt, another program's database, a newer dopdeck's database.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension};

use super::error::StoreError;
use super::open::{APPLICATION_ID, BUSY_TIMEOUT, INTEGRITY_CHECKED_AT, IntegrityCheck};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the read-only inspection found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// No file, an empty file, or an SQLite file with no tables: ours to initialise.
    Fresh,
    /// A dopdeck database at this schema version or an older one.
    Dopdeck {
        /// Its schema version.
        version: u32,
        /// Whether `PRAGMA quick_check` ran (and passed) during the inspection.
        checked: bool,
    },
}

/// Looks at an existing file without writing to it.
pub(crate) fn inspect(path: &Path, latest: u32, check: IntegrityCheck) -> Result<Found, StoreError> {
    let io_err = |source| StoreError::Io { path: path.to_path_buf(), source };
    let mut header = Vec::with_capacity(SQLITE_MAGIC.len());
    fs::File::open(path).map_err(io_err)?.take(SQLITE_MAGIC.len() as u64).read_to_end(&mut header).map_err(io_err)?;
    if header.is_empty() {
        return Ok(Found::Fresh);
    }
    if header.as_slice() != SQLITE_MAGIC {
        return Err(StoreError::NotADatabase { path: path.to_path_buf() });
    }

    let wal = sidecar(path, "-wal");
    let wal_existed = wal.exists();
    match inspect_sqlite(path, latest, check, !wal_existed) {
        // A dopdeck that started writing while we looked may have moved pages under the
        // immutable reader: look again, through the WAL it created.
        Err(StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }) if !wal_existed && wal.exists() => {
            inspect_sqlite(path, latest, check, false)
        }
        result => result,
    }
}

/// `path` with `suffix` appended (SQLite's `-wal` and `-shm` files).
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Reads the header fields and runs the integrity check, read-only.
///
/// When no `-wal` file exists, everything committed is in the main file, and the file is
/// opened `immutable`: SQLite then creates no `-wal` or `-shm` file next to it, so a foreign
/// or damaged file is left exactly as found, directory included. Otherwise it is opened
/// read-only through the existing WAL.
fn inspect_sqlite(path: &Path, latest: u32, check: IntegrityCheck, immutable: bool) -> Result<Found, StoreError> {
    let unreadable = |source: rusqlite::Error| classify(path, source);
    let conn = open_read_only(path, immutable).map_err(unreadable)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(unreadable)?;
    let application_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(unreadable)?;
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(unreadable)?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(unreadable)?;

    if application_id != APPLICATION_ID && (application_id != 0 || tables > 0) {
        return Err(StoreError::Foreign { path: path.to_path_buf(), application_id });
    }
    if version > latest {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found: version, supported: latest });
    }
    if tables == 0 {
        quick_check(&conn, path)?;
        return Ok(Found::Fresh);
    }
    let checked = match check {
        IntegrityCheck::EveryOpen => true,
        IntegrityCheck::Periodic { max_age } => version < latest || !checked_recently(&conn, max_age),
    };
    if checked {
        quick_check(&conn, path)?;
    }
    Ok(Found::Dopdeck { version, checked })
}

/// Whether a passing integrity check was recorded less than `max_age` ago.
///
/// Any problem reading the record (no settings table, unreadable value, a clock before the
/// record) counts as "not recently", so the check runs.
fn checked_recently(conn: &Connection, max_age: Duration) -> bool {
    let recorded: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [INTEGRITY_CHECKED_AT], |r| r.get(0))
        .optional()
        .ok()
        .flatten();
    let Some(secs) = recorded.and_then(|v| v.parse::<u64>().ok()) else {
        return false;
    };
    let checked_at = UNIX_EPOCH + Duration::from_secs(secs);
    SystemTime::now().duration_since(checked_at).is_ok_and(|age| age < max_age)
}

/// Opens `path` read-only, `immutable` (no locks, no sidecar files) where the platform allows
/// a file URI for it.
fn open_read_only(path: &Path, immutable: bool) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    match immutable.then(|| file_uri(path)).flatten() {
        Some(uri) => Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI),
        None => Connection::open_with_flags(path, flags),
    }
}

/// An SQLite `file:` URI for `path` with `immutable=1`, or `None` if the path is not absolute
/// UTF-8 on a Unix-like system (then the plain read-only open is used).
fn file_uri(path: &Path) -> Option<String> {
    if !cfg!(unix) {
        return None;
    }
    let absolute = std::path::absolute(path).ok()?;
    let text = absolute.to_str()?;
    let mut uri = String::from("file://");
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    Some(uri)
}

/// Runs `PRAGMA quick_check`, which verifies the b-tree structure and page layout.
fn quick_check(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let mut problems = Vec::new();
    conn.pragma_query(None, "quick_check", |row| {
        let line: String = row.get(0)?;
        if line != "ok" {
            problems.push(line);
        }
        Ok(())
    })
    .map_err(|e| classify(path, e))?;
    if problems.is_empty() {
        Ok(())
    } else {
        problems.truncate(3);
        Err(StoreError::Corrupt { path: path.to_path_buf(), detail: problems.join("; ") })
    }
}

/// Turns SQLite's "not a database" and "malformed" errors into the store's own.
pub(crate) fn classify(path: &Path, source: rusqlite::Error) -> StoreError {
    match source.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path: path.to_path_buf() },
        Some(ErrorCode::DatabaseCorrupt) => {
            StoreError::Corrupt { path: path.to_path_buf(), detail: source.to_string() }
        }
        _ => StoreError::Database { path: path.to_path_buf(), source },
    }
}
