//! Opening the database: inspect read-only, then create, back up and migrate.
//!
//! A file is only ever written after a read-only look has shown that it is empty, or a dopdeck
//! database that is intact and not from a newer dopdeck. Anything else (not SQLite, corrupt,
//! another program's database, a newer schema) is reported with the file's name and left
//! byte-for-byte as it was.

use std::fs::{self, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use super::error::StoreError;

/// The `PRAGMA application_id` of a dopdeck database: "DOPD" in ASCII.
pub const APPLICATION_ID: i32 = 0x444F_5044;

/// How long a writer waits for another dopdeck holding the lock before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the read-only inspection found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// No file, an empty file, or an SQLite file with no tables: ours to initialise.
    Fresh,
    /// A dopdeck database at this schema version or an older one.
    Dopdeck { version: u32 },
}

/// Opens (creating if needed) the database at `path`, ready for use, with the schema that
/// `migrations` define.
pub(crate) fn open_file(path: &Path, migrations: &[&str]) -> Result<Connection, StoreError> {
    let latest = schema_version(migrations);
    let found = if path.exists() {
        inspect(path, latest)?
    } else {
        create_private_file(path)?;
        Found::Fresh
    };
    let db_err = |source| StoreError::Database { path: path.to_path_buf(), source };
    let mut conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(db_err)?;
    configure(&conn).map_err(db_err)?;
    if let Found::Dopdeck { version } = found
        && version > 0
        && version < latest
    {
        backup(&conn, path, version)?;
    }
    migrate(&mut conn, path, migrations)?;
    Ok(conn)
}

/// Opens a private in-memory database with the current schema (for tests and dry runs).
pub(crate) fn open_memory(migrations: &[&str]) -> Result<Connection, StoreError> {
    let path = PathBuf::from(":memory:");
    let mut conn =
        Connection::open_in_memory().map_err(|source| StoreError::Database { path: path.clone(), source })?;
    migrate(&mut conn, &path, migrations)?;
    Ok(conn)
}

/// The schema version a list of migrations leads to.
fn schema_version(migrations: &[&str]) -> u32 {
    u32::try_from(migrations.len()).unwrap_or(u32::MAX)
}

/// Creates an empty file readable and writable by the owner only.
///
/// SQLite gives its `-wal` and `-shm` files the database file's permissions, so they are
/// private too. If another dopdeck created the file first, that is fine.
fn create_private_file(path: &Path) -> Result<(), StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|source| StoreError::Io { path: dir.to_path_buf(), source })?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(source) => Err(StoreError::Io { path: path.to_path_buf(), source }),
    }
}

/// Looks at an existing file without writing to it.
fn inspect(path: &Path, latest: u32) -> Result<Found, StoreError> {
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
    match inspect_sqlite(path, latest, !wal_existed) {
        // A dopdeck that started writing while we looked may have moved pages under the
        // immutable reader: look again, through the WAL it created.
        Err(StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }) if !wal_existed && wal.exists() => {
            inspect_sqlite(path, latest, false)
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
fn inspect_sqlite(path: &Path, latest: u32, immutable: bool) -> Result<Found, StoreError> {
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
    quick_check(&conn, path)?;
    if tables == 0 { Ok(Found::Fresh) } else { Ok(Found::Dopdeck { version }) }
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
fn classify(path: &Path, source: rusqlite::Error) -> StoreError {
    match source.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path: path.to_path_buf() },
        Some(ErrorCode::DatabaseCorrupt) => {
            StoreError::Corrupt { path: path.to_path_buf(), detail: source.to_string() }
        }
        _ => StoreError::Database { path: path.to_path_buf(), source },
    }
}

/// Connection settings: wait for other writers, write-ahead log, full durability.
///
/// `synchronous = FULL` makes every commit fsync the WAL, so a grade acknowledged to the user
/// survives a crash or power loss, not only a killed process.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::InvalidQuery);
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

/// Copies an older database to `<file>.bak-v<version>` before migrating it.
///
/// `VACUUM INTO` writes a consistent, compact copy that includes anything still in the WAL.
/// The copy is created private first; an existing backup is never overwritten (a numbered
/// name is used instead).
fn backup(conn: &Connection, path: &Path, version: u32) -> Result<PathBuf, StoreError> {
    let base = format!("{}.bak-v{version}", path.display());
    let mut target = PathBuf::from(&base);
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = PathBuf::from(format!("{base}.{n}"));
    }
    create_private_file(&target)?;
    let target_str = target.to_str().ok_or_else(|| StoreError::Io {
        path: target.clone(),
        source: io::Error::new(io::ErrorKind::InvalidInput, "backup path is not UTF-8"),
    })?;
    conn.execute("VACUUM INTO ?1", [target_str])
        .map_err(|source| StoreError::Database { path: target.clone(), source })?;
    Ok(target)
}

/// Applies the migrations the database has not had yet, in one write transaction.
///
/// The version is read again inside the transaction, so two dopdecks opening an old file at
/// once migrate it exactly once.
fn migrate(conn: &mut Connection, path: &Path, migrations: &[&str]) -> Result<(), StoreError> {
    let latest = schema_version(migrations);
    let db_err = |source| StoreError::Database { path: path.to_path_buf(), source };
    let tx = Transaction::new(conn, TransactionBehavior::Immediate).map_err(db_err)?;
    let version: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(db_err)?;
    if version > latest {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found: version, supported: latest });
    }
    if version == latest {
        return Ok(());
    }
    for migration in &migrations[version as usize..] {
        tx.execute_batch(migration).map_err(db_err)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID).map_err(db_err)?;
    tx.pragma_update(None, "user_version", latest).map_err(db_err)?;
    tx.commit().map_err(db_err)
}
