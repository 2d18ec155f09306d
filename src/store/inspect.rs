//! The read-only look at an existing file, before anything is written to it.
//!
//! It tells an empty file, a dopdeck database, and everything that must be refused apart:
//! not SQLite, corrupt, another program's database, a newer dopdeck's database.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension};

use super::claim::Claim;
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

/// Bytes of the file header read directly: the magic string up to the application id.
const HEADER_LEN: u64 = 72;

/// Looks at an existing file without writing to it.
///
/// A file already marked as ours is looked at unclaimed. Anything else (empty, being created
/// by another dopdeck, or to be refused) is looked at again under the [`Claim`], which is
/// returned so that an empty file can be initialised before any other dopdeck looks at it.
pub(crate) fn inspect(path: &Path, latest: u32, check: IntegrityCheck) -> Result<(Found, Option<Claim>), StoreError> {
    if is_ours(&read_header(path)?) {
        return Ok((inspect_ours(path, latest, check)?, None));
    }
    let claim = Claim::take(path);
    let header = read_header(path)?;
    if is_ours(&header) {
        drop(claim);
        return Ok((inspect_ours(path, latest, check)?, None));
    }
    if header.is_empty() {
        return Ok((Found::Fresh, claim));
    }
    if !header.starts_with(SQLITE_MAGIC) {
        return Err(StoreError::NotADatabase { path: path.to_path_buf() });
    }
    let found = inspect_sqlite(path, latest, check, !sidecar(path, "-wal").exists())?;
    Ok((found, claim))
}

/// Whether the file at `path` is, by its header, a dopdeck database in WAL mode: then the
/// look can be taken through the connection that will be used (see [`examine_open`]), since
/// opening and configuring such a file writes nothing to it.
pub(crate) fn is_ours_in_wal(path: &Path) -> bool {
    // Bytes 18 and 19 are the file format's write and read versions: 2 means WAL.
    read_header(path).is_ok_and(|h| is_ours(&h) && h.get(18..20) == Some([2u8, 2].as_slice()))
}

/// The look at a file [`is_ours_in_wal`], through the caller's read-write connection, in one
/// read transaction: the same questions as the read-only look, one connection (and one
/// reading of the schema and the WAL) fewer.
pub(crate) fn examine_open(
    conn: &Connection,
    path: &Path,
    latest: u32,
    check: IntegrityCheck,
) -> Result<Found, StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|source| classify(path, source))?;
    examine(conn, path, latest, check)
}

/// The first [`HEADER_LEN`] bytes of the file (fewer if it is shorter).
fn read_header(path: &Path) -> Result<Vec<u8>, StoreError> {
    let io_err = |source| StoreError::Io { path: path.to_path_buf(), source };
    let mut header = Vec::with_capacity(HEADER_LEN as usize);
    fs::File::open(path).map_err(io_err)?.take(HEADER_LEN).read_to_end(&mut header).map_err(io_err)?;
    Ok(header)
}

/// Whether the main file's header is SQLite's with dopdeck's application id (bytes 68..72).
fn is_ours(header: &[u8]) -> bool {
    header.starts_with(SQLITE_MAGIC) && header.get(68..72) == Some(APPLICATION_ID.to_be_bytes().as_slice())
}

/// Looks at a file marked as ours.
///
/// The quick look opens it `immutable` (see [`inspect_sqlite`]), which reads without locks: a
/// dopdeck writing or checkpointing at that moment can show it a torn file. So a file that
/// looks damaged is looked at again through SQLite's locks, which see a consistent state; only
/// what that second look finds is reported.
fn inspect_ours(path: &Path, latest: u32, check: IntegrityCheck) -> Result<Found, StoreError> {
    match inspect_sqlite(path, latest, check, !sidecar(path, "-wal").exists()) {
        Err(StoreError::Corrupt { .. } | StoreError::NotADatabase { .. } | StoreError::Foreign { .. }) => {
            inspect_locked(path, latest, check)
        }
        result => result,
    }
}

/// The look through a read-write connection, in one read transaction.
///
/// Read-write, although nothing is written: a read-only connection to a WAL database leaves
/// `-wal` and `-shm` files behind, a read-write one removes them when it closes.
fn inspect_locked(path: &Path, latest: u32, check: IntegrityCheck) -> Result<Found, StoreError> {
    let unreadable = |source: rusqlite::Error| classify(path, source);
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(unreadable)?;
    examine_open(&conn, path, latest, check)
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
    examine(&conn, path, latest, check)
}

/// Reads the header fields and runs the integrity check if due, in one read transaction so
/// that every answer comes from the same state of the file.
fn examine(conn: &Connection, path: &Path, latest: u32, check: IntegrityCheck) -> Result<Found, StoreError> {
    let unreadable = |source: rusqlite::Error| classify(path, source);
    conn.execute_batch("BEGIN").map_err(unreadable)?;
    let found = examine_in_transaction(conn, path, latest, check);
    // Only ends the read; nothing was written.
    let _ = conn.execute_batch("COMMIT");
    found
}

fn examine_in_transaction(
    conn: &Connection,
    path: &Path,
    latest: u32,
    check: IntegrityCheck,
) -> Result<Found, StoreError> {
    let unreadable = |source: rusqlite::Error| classify(path, source);
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
        quick_check(conn, path)?;
        return Ok(Found::Fresh);
    }
    let checked = match check {
        IntegrityCheck::EveryOpen => true,
        // A file too large to check within a command's start-up is checked in the background
        // (see `health`), not here: at two million reviews the check took seconds.
        IntegrityCheck::Periodic { max_age } => {
            version < latest || (!too_large_to_wait_for(path) && !checked_recently(conn, max_age))
        }
    };
    if checked {
        quick_check(conn, path)?;
    }
    Ok(Found::Dopdeck { version, checked })
}

/// Whether the file is larger than the background check's [`EAGER_LIMIT`], so that checking it
/// at open would stall the command.
///
/// [`EAGER_LIMIT`]: super::health::EAGER_LIMIT
fn too_large_to_wait_for(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.len() > super::health::EAGER_LIMIT)
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
