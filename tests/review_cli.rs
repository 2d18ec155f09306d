//! Daily review through the real binary: a fresh user's session, grading, undo, suspend, stats,
//! bad databases, and a grade surviving `kill -9` right after it was acknowledged.
//! The clock is pinned with DOPDECK_NOW, fuzz is off and the zone is UTC.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

use common::{dopdeck, fixture, kill_9, run_with_input, spawn_interactive};

const NOON: &str = "2026-11-21T12:00:00Z";

fn cmd(db: &Path, now: &str) -> Command {
    dopdeck(&fixture(), db, now)
}

fn run(db: &Path, now: &str, args: &[&str], stdin: &str) -> Output {
    let mut c = cmd(db, now);
    c.args(args);
    run_with_input(c, stdin)
}

fn json(db: &Path, now: &str, args: &[&str]) -> serde_json::Value {
    let o = run(db, now, args, "");
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn a_fresh_user_reviews_todays_new_cards_and_sees_them_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let due = json(&db, NOON, &["due", "--json"]);
    // 2 written + 2 table rows + 1 sequence + 1 comparison row, but the two rows of one table
    // are siblings: one waits for tomorrow.
    assert_eq!(due["new"], 5);
    assert_eq!(due["review"], 0);

    // Good on every card, twice: 1-minute step, then the 10-minute step; with the clock pinned,
    // learn-ahead brings learning cards back at once, then they graduate.
    let script = "\n3\n".repeat(10);
    let o = run(&db, NOON, &["review", "--plain"], &script);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}");
    assert_eq!(out.matches("graded ").count(), 10, "{out}");
    assert!(out.contains("Done for now: 10 reviewed."), "{out}");

    let due = json(&db, NOON, &["due", "--json"]);
    assert_eq!((due["new"].as_u64(), due["learning"].as_u64(), due["review"].as_u64()), (Some(0), Some(0), Some(0)));
    let next = due["next_due"].as_str().expect("a next due time");
    assert!(next > NOON, "{next}");

    let item = json(&db, NOON, &["item", "alpha/what", "--json"]);
    assert_eq!(item["state"], "review");
    assert_eq!(item["reviews"], 2);
    let due_at = chrono::DateTime::parse_from_rfc3339(item["due"].as_str().unwrap()).unwrap();

    // On the due day they are back as reviews.
    let later = due_at.to_rfc3339();
    let due = json(&db, &later, &["due", "--json"]);
    assert!(due["review"].as_u64().unwrap() >= 1, "{due}");

    let stats = json(&db, NOON, &["stats", "--json"]);
    assert_eq!(stats["reviews_today"], 10);
    assert_eq!(stats["streak_days"], 1);
    assert_eq!(stats["items"]["review"], 5);
    assert_eq!(stats["items"]["new"], 1, "the buried sibling");
    assert_eq!(stats["forecast"].as_array().unwrap().len(), 30);
}

#[test]
fn grade_item_undo_suspend() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let o = run(&db, NOON, &["grade", "alpha/quotas/gadget-size", "again", "--at", "2026-11-20T12:00:00Z"], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let item = json(&db, NOON, &["item", "alpha/quotas/gadget-size", "--json"]);
    for key in ["state", "step", "stability", "difficulty", "retrievability", "due", "reviews"] {
        assert!(item.get(key).is_some(), "missing {key}");
    }
    assert_eq!(item["state"], "learning");
    assert_eq!(item["step"], 0);
    assert_eq!(item["due"], "2026-11-20T12:01:00+00:00");
    assert_eq!(item["reviews"], 1);

    assert!(run(&db, NOON, &["undo"], "").status.success());
    let item = json(&db, NOON, &["item", "alpha/quotas/gadget-size", "--json"]);
    assert_eq!(item["state"], "new");
    assert_eq!(item["reviews"], 0);
    assert_eq!(run(&db, NOON, &["undo"], "").status.code(), Some(1), "nothing left to undo");

    assert!(run(&db, NOON, &["suspend", "alpha/what"], "").status.success());
    assert_eq!(json(&db, NOON, &["due", "--json"])["new"], 4);
    assert!(run(&db, NOON, &["unsuspend", "alpha/what"], "").status.success());
    assert_eq!(json(&db, NOON, &["due", "--json"])["new"], 5);

    let o = run(&db, NOON, &["grade", "no/such-item", "good"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no item `no/such-item`"));
    let o = run(&db, NOON, &["grade", "alpha/what", "meh"], "");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn a_grade_survives_kill_9_right_after_it_is_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let mut c = cmd(&db, NOON);
    c.args(["review", "--plain"]);
    let (child, mut stdin, mut lines) = spawn_interactive(c);
    stdin.write_all(b"\n3\n").unwrap();
    stdin.flush().unwrap();
    let graded = lines.by_ref().map_while(Result::ok).find(|l| l.starts_with("graded ")).expect("an acknowledgement");
    kill_9(child);
    let id = graded.split_whitespace().nth(1).unwrap().to_string();
    let item = json(&db, NOON, &["item", &id, "--json"]);
    assert_eq!(item["reviews"], 1, "the acknowledged grade of {id} is on disk");
    assert_eq!(item["state"], "learning");
}

#[test]
fn a_foreign_or_corrupt_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("notes.db");
    std::fs::write(&garbage, b"this is not a database, it is my notes\n".repeat(100)).unwrap();
    let before = std::fs::read(&garbage).unwrap();
    let o = run(&garbage, NOON, &["due"], "");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("notes.db"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(std::fs::read(&garbage).unwrap(), before, "byte for byte untouched");
    assert!(!dir.path().join("notes.db-wal").exists());
}

#[test]
fn check_with_a_database_reports_orphaned_ids() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    assert!(run(&db, NOON, &["grade", "alpha/what", "good"], "").status.success());
    // Still in the material: nothing orphaned.
    let o = run(&db, NOON, &["check", "--json"], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["orphaned"], serde_json::json!([]));
    // Rename the card in a copy of the material: its history is orphaned, and check says so.
    let tree = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture(), tree.path());
    let topic = tree.path().join("content/topics/alpha.toml");
    let text = std::fs::read_to_string(&topic).unwrap().replace("id = \"what\"", "id = \"what-is-alpha\"");
    std::fs::write(&topic, text).unwrap();
    let o = run_with_input(
        {
            let mut c = dopdeck(tree.path(), &db, NOON);
            c.args(["check"]);
            c
        },
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("1 id(s) with progress") && out.contains("  alpha/what\n"), "{out}");
}
