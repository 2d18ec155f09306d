//! No writes into a damaged database: damage found after the file was opened (the full check
//! runs only once a day) stops every write, says so, and points to the backup (issue 11,
//! item 6).

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use common::{dopdeck, fixture, run_with_input};
use dopdeck::srs::{self, CardState, Rating, SchedulerConfig};
use dopdeck::store::{Durability, IntegrityCheck, OpenOptions, Store, StoreError, Watch};
use rusqlite::Connection;

const NOON: &str = "2026-11-21T12:00:00Z";

/// As `dopdeck` opens: the full check at most once a day.
const DAILY: OpenOptions = OpenOptions {
    integrity_check: IntegrityCheck::Periodic { max_age: Duration::from_secs(86_400) },
    durability: Durability::Full,
    watch: Watch::FromOpen,
};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("valid time")
}

/// A database with a long review log, whose daily check has just passed.
fn populated(path: &Path) {
    let store = Store::open(path).expect("create");
    let cfg = SchedulerConfig::default();
    let t0 = at("2025-05-01T12:00:00Z");
    for i in 0..400 {
        let id = format!("item-{i:04}-with-a-longish-identifier");
        let reviewed = srs::review(&cfg, &CardState::new(t0), Rating::Good, t0, &id).expect("review");
        store.record_review(&reviewed.log, &reviewed.card, None).expect("record");
    }
    drop(store);
    drop(Store::open_with(path, &DAILY).expect("the daily check passes and is recorded"));
}

/// Scribbles over a leaf page in the middle of the review log: a page no grade reads or
/// writes, so only an integrity check finds the damage.
fn damage_the_middle_of_the_log(path: &Path) {
    let root: u32 = {
        let conn = Connection::open(path).expect("open");
        conn.query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'revlog'", [], |r| r.get(0)).expect("root")
    };
    let mut bytes = fs::read(path).expect("read");
    let page_size = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    let mut page = root as usize;
    loop {
        let start = (page - 1) * page_size;
        let header = &bytes[start..start + 12];
        if header[0] == 0x0D {
            break; // a table leaf
        }
        assert_eq!(header[0], 0x05, "a table interior page");
        let cells = usize::from(u16::from_be_bytes([header[3], header[4]]));
        let pointer = start + 12 + 2 * (cells / 2);
        let cell = start + usize::from(u16::from_be_bytes([bytes[pointer], bytes[pointer + 1]]));
        page = u32::from_be_bytes([bytes[cell], bytes[cell + 1], bytes[cell + 2], bytes[cell + 3]]) as usize;
    }
    assert_ne!(page, root as usize, "the log spans several pages");
    let start = (page - 1) * page_size;
    bytes[start..start + page_size].fill(0xA5);
    fs::write(path, &bytes).expect("damage");
}

fn grades_of(path: &Path, id: &str) -> i64 {
    let conn = Connection::open(path).expect("open");
    conn.query_row("SELECT count(*) FROM revlog WHERE item_id = ?1", [id], |r| r.get(0)).expect("count")
}

#[test]
fn a_grade_is_not_written_into_a_damaged_file_and_the_backup_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("progress.db");
    populated(&db);
    let backup = dir.path().join("progress.db.bak-v1");
    fs::copy(&db, &backup).expect("a backup");
    damage_the_middle_of_the_log(&db);

    let mut grade = dopdeck(&fixture(), &db, NOON);
    grade.args(["grade", "alpha/what", "good"]);
    let o = run_with_input(grade, "");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "refused: {err}");
    assert!(err.contains("damaged") && err.contains("not saved"), "says so: {err}");
    assert!(err.contains(&backup.display().to_string()), "points to the backup: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(grades_of(&db, "alpha/what"), 0, "nothing written");
}

#[test]
fn every_kind_of_write_is_refused_once_damage_is_seen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("progress.db");
    populated(&db);
    damage_the_middle_of_the_log(&db);

    let store = Store::open_with(&db, &DAILY).expect("opens: the daily check is not due");
    // Reading what is intact goes on.
    assert!(store.item("item-0000-with-a-longish-identifier").expect("read").is_some());
    let damaged = |result: Result<(), StoreError>| matches!(result, Err(StoreError::Damaged { .. }));
    let now = at(NOON);
    let reviewed = srs::review(&SchedulerConfig::default(), &CardState::new(now), Rating::Good, now, "x").expect("r");
    assert!(damaged(store.record_review(&reviewed.log, &reviewed.card, None)));
    assert!(damaged(store.suspend("x")));
    assert!(damaged(store.set_setting("k", "v")));
    assert!(damaged(store.save_exam_flag(1, 0, true)));
    assert!(damaged(store.undo_last().map(|_| ())));
    drop(store);
    assert_eq!(grades_of(&db, "x"), 0);
    assert!(!record_of(&db).exists(), "a damaged file is vouched for by nothing");
}

/// The record of the file as a store last knew it sound (see `store::verified`).
fn record_of(db: &Path) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-checked");
    name.into()
}

/// A file nothing but dopdeck has written since a store knew it sound is written without
/// waiting for the full check; once anything else writes it, the full check runs again.
#[test]
fn only_a_file_as_dopdeck_left_it_skips_the_full_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("progress.db");
    populated(&db);
    assert!(record_of(&db).exists(), "the daily check's store left a record");
    let store = Store::open_with(&db, &DAILY).expect("open");
    assert!(store.vouched(), "as the last store left it");
    store.set_setting("k", "v").expect("written");
    drop(store);
    assert!(Store::open_with(&db, &DAILY).expect("open").vouched(), "its own writes keep it vouched for");

    // Another program writes the very same bytes back: the file is checked again.
    let bytes = fs::read(&db).expect("read");
    std::thread::sleep(Duration::from_millis(20));
    fs::write(&db, &bytes).expect("rewrite");
    let store = Store::open_with(&db, &DAILY).expect("open");
    assert!(!store.vouched(), "written by something else since");
    store.set_setting("k", "w").expect("the full check passes, so the write goes ahead");
    drop(store);
    assert!(Store::open_with(&db, &DAILY).expect("open").vouched(), "known sound again");

    // A record that does not match (another file's, or garbage) vouches for nothing.
    fs::write(record_of(&db), "v1 0:0:0:0.0 -").expect("a stale record");
    assert!(!Store::open_with(&db, &DAILY).expect("open").vouched());
}

#[test]
fn damage_sqlite_reports_while_reading_stops_later_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("progress.db");
    populated(&db);
    let store = Store::open_with(&db, &DAILY).expect("open");
    // The background check passes: writing works.
    store.set_setting("k", "v").expect("a healthy file is written");
    drop(store);
    damage_the_middle_of_the_log(&db);
    // Opened with the check skipped and no background verdict yet, a full read of the log
    // meets the damage; from then on nothing is written.
    let store = Store::open_with(&db, &DAILY).expect("open");
    assert!(store.review_logs().is_err(), "the damaged page is read");
    assert!(matches!(store.set_setting("k", "w"), Err(StoreError::Damaged { .. })));
}
