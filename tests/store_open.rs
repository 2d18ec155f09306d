//! Opening the progress database: creation, migration with backup, and refusing files that are
//! not ours while leaving them byte-for-byte untouched.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use dopdeck::srs::{self, CardState, Rating, SchedulerConfig};
use dopdeck::store::{
    APPLICATION_ID, Durability, IntegrityCheck, MIGRATIONS, OpenOptions, SCHEMA_VERSION, Store, StoreError, Watch,
};
use rusqlite::Connection;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("valid RFC 3339 time")
}

fn grade(store: &Store, id: &str, rating: Rating, now: DateTime<Utc>) {
    let cfg = SchedulerConfig::default();
    let previous = store.item(id).expect("read item").map(|row| row.card);
    let card = previous.clone().unwrap_or_else(|| CardState::new(now));
    let reviewed = srs::review(&cfg, &card, rating, now, id).expect("review");
    store.record_review(&reviewed.log, &reviewed.card, previous.as_ref()).expect("record review");
}

fn pragma(path: &Path, name: &str) -> i64 {
    let conn = Connection::open(path).expect("open with rusqlite");
    conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0)).expect("pragma")
}

/// Name, length and a checksum of the file and of every other file next to it (SQLite's
/// sidecars included), so that a comparison shows any byte written or file created.
fn snapshot(path: &Path) -> Vec<(PathBuf, usize, u64)> {
    let dir = path.parent().expect("parent dir");
    let mut files: Vec<(PathBuf, usize, u64)> = fs::read_dir(dir)
        .expect("list dir")
        .map(|entry| entry.expect("dir entry").path())
        .map(|p| {
            let bytes = fs::read(&p).expect("read file");
            let hash = bytes
                .iter()
                .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3));
            (p, bytes.len(), hash)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn creates_a_private_wal_database_with_our_ids() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nested/dir/progress.db");
    let store = Store::open(&path).expect("create");
    grade(&store, "c1", Rating::Good, at("2025-05-01T12:00:00Z"));
    drop(store);

    assert_eq!(pragma(&path, "application_id"), i64::from(APPLICATION_ID));
    assert_eq!(pragma(&path, "user_version"), i64::from(SCHEMA_VERSION));
    let conn = Connection::open(&path).expect("open");
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "database file mode is {:o}", mode & 0o777);
    }

    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.reviews_count().expect("count"), 1);
    assert!(!path.with_extension("db.bak-v1").exists(), "no backup for a current file");
}

#[test]
fn an_empty_file_is_initialised() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("empty.db");
    fs::write(&path, b"").expect("create empty file");
    let store = Store::open(&path).expect("open empty file");
    assert_eq!(store.reviews_count().expect("count"), 0);
}

/// A version-1 file made by hand is backed up, then migrated to the current version.
#[test]
fn an_older_file_is_backed_up_then_migrated() {
    const { assert!(SCHEMA_VERSION >= 2, "there is a later migration to apply") };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.db");
    {
        let conn = Connection::open(&path).expect("create by hand");
        conn.execute_batch(MIGRATIONS[0]).expect("v1 schema");
        conn.pragma_update(None, "application_id", APPLICATION_ID).expect("app id");
        conn.pragma_update(None, "user_version", 1).expect("version");
        conn.execute("INSERT INTO items (id, state, due, reps, lapses) VALUES ('kept', 'new', 0, 0, 0)", [])
            .expect("row");
    }
    let v1_bytes = fs::read(&path).expect("read v1");

    let store = Store::open(&path).expect("migrate");
    assert!(store.item("kept").expect("read").is_some(), "data survives the migration");
    drop(store);

    let backup = dir.path().join("old.db.bak-v1");
    assert!(backup.exists(), "backup taken before migrating");
    assert_eq!(pragma(&backup, "user_version"), 1);
    assert_eq!(pragma(&path, "user_version"), i64::from(SCHEMA_VERSION));
    let conn = Connection::open(&backup).expect("open backup");
    let kept: i64 =
        conn.query_row("SELECT count(*) FROM items WHERE id = 'kept'", [], |r| r.get(0)).expect("query backup");
    assert_eq!(kept, 1);
    assert!(fs::read(&path).expect("read migrated") != v1_bytes, "the file was migrated");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&backup).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // Opening again takes no second backup.
    drop(Store::open(&path).expect("reopen"));
    assert!(!dir.path().join("old.db.bak-v1.2").exists());
}

#[test]
fn periodic_checks_record_when_they_ran() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("periodic.db");
    let daily = OpenOptions {
        integrity_check: IntegrityCheck::Periodic { max_age: std::time::Duration::from_secs(86_400) },
        durability: Durability::Process,
        watch: Watch::FromOpen,
    };
    let store = Store::open_with(&path, &daily).expect("create");
    let recorded = store.get_setting("store.integrity_checked_at").expect("read setting");
    assert!(recorded.is_some(), "the check on creation is recorded");
    grade(&store, "c1", Rating::Good, at("2025-05-01T12:00:00Z"));
    drop(store);
    drop(Store::open_with(&path, &daily).expect("reopen without a full check"));

    // With a zero age the check always runs, and damage is refused untouched.
    populated(&path);
    let mut bytes = fs::read(&path).expect("read");
    for byte in &mut bytes[2 * 4096..4 * 4096] {
        *byte = 0xA5;
    }
    fs::write(&path, &bytes).expect("corrupt");
    let always =
        OpenOptions { integrity_check: IntegrityCheck::Periodic { max_age: std::time::Duration::ZERO }, ..daily };
    let before = snapshot(&path);
    let error = Store::open_with(&path, &always).expect_err("corrupt file refused");
    assert!(matches!(error, StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }), "{error:?}");
    assert_eq!(snapshot(&path), before);
}

/// Opens `path`, expects a refusal whose message names the file, and checks that nothing in
/// the directory changed.
fn assert_refused(path: &Path, expected: fn(&StoreError) -> bool) {
    let before = snapshot(path);
    let error = Store::open(path).expect_err("must refuse");
    assert!(expected(&error), "unexpected error {error:?}");
    let message = error.to_string();
    assert!(message.contains(&path.display().to_string()), "message names the file: {message}");
    assert_eq!(snapshot(path), before, "file left byte-for-byte untouched");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.txt");
    fs::write(&path, "these are my notes, not a database\n".repeat(50)).expect("write");
    assert_refused(&path, |e| matches!(e, StoreError::NotADatabase { .. }));
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("other.sqlite");
    {
        let conn = Connection::open(&path).expect("create");
        conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('a');").expect("schema");
    }
    assert_refused(&path, |e| matches!(e, StoreError::Foreign { application_id: 0, .. }));

    let tagged = dir.path().join("tagged.sqlite");
    {
        let conn = Connection::open(&tagged).expect("create");
        conn.pragma_update(None, "application_id", 0x1234_5678).expect("app id");
    }
    assert_refused(&tagged, |e| matches!(e, StoreError::Foreign { application_id: 0x1234_5678, .. }));
}

#[test]
fn a_newer_dopdeck_database_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("future.db");
    {
        let conn = Connection::open(&path).expect("create");
        conn.execute_batch(MIGRATIONS[0]).expect("schema");
        conn.pragma_update(None, "application_id", APPLICATION_ID).expect("app id");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 5).expect("version");
    }
    assert_refused(&path, |e| matches!(e, StoreError::TooNew { .. }));
}

/// Writes a dopdeck database with enough rows to span many pages, closed cleanly (the WAL
/// checkpointed into the file).
fn populated(path: &Path) {
    let store = Store::open(path).expect("create");
    let t0 = at("2025-05-01T12:00:00Z");
    for i in 0..300 {
        grade(&store, &format!("item-{i:04}-with-a-longish-identifier"), Rating::Good, t0);
    }
}

#[test]
fn a_corrupt_database_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("corrupt.db");
    populated(&path);
    let mut bytes = fs::read(&path).expect("read");
    let page_size = 4096;
    assert!(bytes.len() > 6 * page_size, "several pages");
    // Scribble over the b-tree header and cells of two pages after the schema page.
    for byte in &mut bytes[2 * page_size..4 * page_size] {
        *byte = 0xA5;
    }
    fs::write(&path, &bytes).expect("corrupt");
    assert_refused(&path, |e| matches!(e, StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }));
}

#[test]
fn a_truncated_database_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("truncated.db");
    populated(&path);
    let bytes = fs::read(&path).expect("read");
    fs::write(&path, &bytes[..bytes.len() / 2]).expect("truncate");
    assert_refused(&path, |e| matches!(e, StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }));
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let error = Store::open(dir.path()).expect_err("a directory is not a database");
    assert!(error.to_string().contains(&dir.path().display().to_string()));
}
