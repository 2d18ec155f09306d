//! Opening the database: inspect read-only, then create, back up and migrate.
//!
//! A file is only ever written after a read-only look has shown that it is empty, or a dopdeck
//! database that is intact and not from a newer dopdeck. Anything else (not SQLite, corrupt,
//! another program's database, a newer schema) is reported with the file's name and left
//! byte-for-byte as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::error::StoreError;
use super::inspect::{self, Found};
use super::upgrade::{backup, migrate};
use crate::files;

/// The `PRAGMA application_id` of a dopdeck database: "DOPD" in ASCII.
pub const APPLICATION_ID: i32 = 0x444F_5044;

/// How long a writer waits for another dopdeck holding the lock before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Bytes of the database file SQLite may memory-map for reading: none. Mapped pages count in the
/// process's resident size, so one indexed scan of a 290 MB history (two million reviews) made
/// `dopdeck stats` hold 400 MB; reads go through the bounded page cache below instead.
const MMAP_SIZE: i64 = 0;

/// The page cache size, in KiB (SQLite's negative `cache_size` convention).
const CACHE_SIZE_KIB: i64 = -16 * 1024;

/// The settings key recording the last passing integrity check (unix seconds), used by
/// [`IntegrityCheck::Periodic`].
pub(crate) const INTEGRITY_CHECKED_AT: &str = "store.integrity_checked_at";

/// How [`Store::open_with`](super::Store::open_with) checks an existing file for corruption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegrityCheck {
    /// `PRAGMA quick_check` on every open. It reads the whole file: about 4 ms for a deck of
    /// 1,500 items and 7,500 reviews, about 0.8 s at 100,000 items and 2,000,000 reviews.
    EveryOpen,
    /// `PRAGMA quick_check` when no passing check is recorded within `max_age`, and always
    /// before a migration. A file over 32 MiB is not checked at open at all (only before a
    /// migration): its check runs in the background from the first write (see `health`), and
    /// `dopdeck check --db` runs it on demand. In between, opening checks the header only (SQLite, application id,
    /// schema version); damage elsewhere surfaces as [`StoreError::Corrupt`] when a damaged
    /// page is read. For commands that must start fast on a large log.
    Periodic {
        /// How old the last passing check may be.
        max_age: Duration,
    },
}

/// How much a commit waits for the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// `synchronous = FULL`: every commit is flushed to the device (fsync) before it returns,
    /// so an acknowledged grade survives a power cut. Costs one fsync per grade: a whole grade
    /// took 0.2 ms median on the benchmark machine's disk when idle, up to 3 ms under load.
    Full,
    /// `synchronous = NORMAL`: a commit is written to the WAL file but not flushed. An
    /// acknowledged grade survives the process being killed (`kill -9`), not a power cut or an
    /// OS crash, which lose at most the last grades and never corrupt the file. About 0.15 ms
    /// per grade on the benchmark machine.
    Process,
}

/// When the background `quick_check` of a file not checked at open starts (see `health`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Watch {
    /// From the open (files up to 32 MiB): for a handle that is about to write, whose first
    /// write then finds the verdict in, the check having run beside the command's other work.
    FromOpen,
    /// From the first write: for a command that normally only reads (`due`, `stats`), which
    /// would otherwise spend a core reading the whole file for a verdict it never uses.
    FromFirstWrite,
}

/// Options for [`Store::open_with`](super::Store::open_with).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenOptions {
    /// How an existing file is checked for corruption.
    pub integrity_check: IntegrityCheck,
    /// How much a commit waits for the disk.
    pub durability: Durability,
    /// When the background check starts, when the open did not check the file.
    pub watch: Watch,
}

impl Default for OpenOptions {
    /// Check every open, flush every commit: the safest settings.
    fn default() -> Self {
        OpenOptions { integrity_check: IntegrityCheck::EveryOpen, durability: Durability::Full, watch: Watch::FromOpen }
    }
}

/// Opens (creating if needed) the database at `path`, ready for use, with the schema that
/// `migrations` define; the flag says whether the whole file was checked for damage on the way.
pub(crate) fn open_file(
    path: &Path,
    migrations: &[&str],
    options: &OpenOptions,
) -> Result<(Connection, bool), StoreError> {
    let latest = schema_version(migrations);
    // Looked at, not opened: opening a FIFO would block, and SQLite would leave a `-journal`
    // next to a device.
    if let Some(kind) = files::not_a_regular_file(path) {
        return Err(StoreError::NotAFile { path: path.to_path_buf(), kind });
    }
    if !path.exists() {
        create_private_file(path)?;
    } else if fs::metadata(path).is_ok_and(|m| m.len() == 0) {
        // An empty file is adopted as a new database: make it as private as one dopdeck
        // creates. Best effort: a file owned by someone else keeps its mode.
        let _ = files::make_private(path);
    }
    let db_err = |source| StoreError::Database { path: path.to_path_buf(), source };
    let open_rw = || {
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(db_err)
    };
    // The usual case, a dopdeck database already in WAL mode, is looked at through the
    // connection that will be used: opening and configuring it writes nothing. Anything else
    // is first inspected read-only; another dopdeck may have created the file a moment ago and
    // be initialising it, which the inspection sorts out (see `claim`).
    let (mut conn, found, claim) = if inspect::is_ours_in_wal(path) {
        let conn = open_rw()?;
        // Looked at before it is configured: a file refused here closes as SQLite closes any
        // file, removing the `-wal` and `-shm` it made, so the directory is left as found.
        let found = inspect::examine_open(&conn, path, latest, options.integrity_check)?;
        configure(&conn, options.durability).map_err(db_err)?;
        (conn, found, None)
    } else {
        let (found, claim) = inspect::inspect(path, latest, options.integrity_check)?;
        let conn = open_rw()?;
        configure(&conn, options.durability).map_err(db_err)?;
        (conn, found, claim)
    };
    if found == Found::Fresh
        && let Some(claim) = claim
    {
        initialise(&mut conn, path, migrations)?;
        drop(claim);
    }
    if let Found::Dopdeck { version, .. } = found
        && version > 0
        && version < latest
    {
        backup(&conn, path, version)?;
    }
    // An up-to-date file skips the migration's write transaction: a reader such as `due` then
    // never takes the write lock.
    if !matches!(found, Found::Dopdeck { version, .. } if version == latest) {
        migrate(&mut conn, path, migrations)?;
    }
    let checked = matches!(found, Found::Fresh | Found::Dopdeck { checked: true, .. });
    if checked && matches!(options.integrity_check, IntegrityCheck::Periodic { .. }) {
        record_check(&conn).map_err(db_err)?;
    }
    Ok((conn, checked))
}

/// Creates the schema in a fresh file while holding the claim, and copies it from the WAL into
/// the main file, so that the application id any other dopdeck reads from the main file's
/// header appears only once the whole schema is there.
fn initialise(conn: &mut Connection, path: &Path, migrations: &[&str]) -> Result<(), StoreError> {
    migrate(conn, path, migrations)?;
    retry_while_busy(|| conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())))
        .map_err(|source| StoreError::Database { path: path.to_path_buf(), source })
}

/// Records that the integrity check just passed.
fn record_check(conn: &Connection) -> rusqlite::Result<()> {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [INTEGRITY_CHECKED_AT, &secs.to_string()],
    )?;
    Ok(())
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
pub(crate) fn schema_version(migrations: &[&str]) -> u32 {
    u32::try_from(migrations.len()).unwrap_or(u32::MAX)
}

/// Creates an empty file readable and writable by the owner only.
///
/// SQLite gives its `-wal` and `-shm` files the database file's permissions, so they are
/// private too. If another dopdeck created the file first, that is fine.
pub(crate) fn create_private_file(path: &Path) -> Result<(), StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        files::create_private_dir_all(dir).map_err(|source| StoreError::Io { path: dir.to_path_buf(), source })?;
    }
    match files::private_options().open(path) {
        // 0600 whatever the umask (which may have taken the owner's bits too).
        Ok(_) => files::make_private(path).map_err(|source| StoreError::Io { path: path.to_path_buf(), source }),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(source) => Err(StoreError::Io { path: path.to_path_buf(), source }),
    }
}

/// Connection settings: wait for other writers, write-ahead log, the chosen durability.
///
/// Switching a new file to WAL needs an exclusive lock, and SQLite reports SQLITE_BUSY for it
/// without calling the busy handler when another connection is opening the same file at that
/// moment (two dopdecks starting together). That one statement is retried until the busy
/// timeout.
fn configure(conn: &Connection, durability: Durability) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = retry_while_busy(|| conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::InvalidQuery);
    }
    let synchronous = match durability {
        Durability::Full => "FULL",
        Durability::Process => "NORMAL",
    };
    conn.pragma_update(None, "synchronous", synchronous)?;
    // Sanity checks on every b-tree cell read: damage is reported (and writing stops, see
    // `health`) before it can spread, for a few per cent of read time.
    conn.pragma_update(None, "cell_size_check", true)?;
    // Whole-deck reads (every item row for the queue) touch megabytes at 100k items: a larger
    // cache spares re-reading pages within a command, without mapping the file (see MMAP_SIZE).
    conn.pragma_update(None, "mmap_size", MMAP_SIZE)?;
    conn.pragma_update(None, "cache_size", CACHE_SIZE_KIB)?;
    // A short process (one `dopdeck grade`) would otherwise checkpoint the WAL into the main
    // file and delete it on close, and the next one re-create it: four extra fsyncs around a
    // commit that needs one. The WAL is left in place instead; committed frames in it are as
    // durable as in the main file (each commit is flushed per `synchronous`), and SQLite's
    // automatic checkpoint moves them over every thousand pages, and a short writer
    // empties a WAL over 256 KiB as it closes (see `Store`'s `Drop`).
    // (A handle that wrote much checkpoints as it closes: see `Store`'s `Drop`.) After a
    // checkpoint the WAL file is cut back to 4 MiB, so a bulk load does not leave it huge.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    conn.pragma_update(None, "journal_size_limit", 4 * 1024 * 1024)?;
    Ok(())
}

/// Runs `attempt` until it stops failing with SQLITE_BUSY or [`BUSY_TIMEOUT`] has passed.
fn retry_while_busy<T>(mut attempt: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let started = Instant::now();
    loop {
        match attempt() {
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) && started.elapsed() < BUSY_TIMEOUT => {
                thread::sleep(Duration::from_millis(5));
            }
            result => return result,
        }
    }
}
