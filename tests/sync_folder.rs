//! `dopdeck sync DIR` through the real binary: two databases reviewed apart end identical
//! whichever syncs first; undos travel; damaged, conflicting and newer journals are handled;
//! a sync killed with SIGKILL at any moment loses nothing and the next one completes it.
//! The clock is pinned with DOPDECK_NOW, fuzz is off and the zone is UTC.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{dopdeck, fixture};

fn run(db: &Path, now: &str, args: &[&str]) -> Output {
    let o = dopdeck(&fixture(), db, now).args(args).output().unwrap();
    assert!(o.status.success(), "{args:?}: {}{}", common::stdout(&o), String::from_utf8_lossy(&o.stderr));
    o
}

fn grade(db: &Path, now: &str, item: &str, rating: &str) {
    run(db, now, &["grade", item, rating]);
}

fn sync(db: &Path, dir: &Path, now: &str) -> String {
    common::stdout(&run(db, now, &["sync", dir.to_str().unwrap()]))
}

/// Every item of the fixture.
fn items() -> Vec<String> {
    let catalog = dopdeck::cli::load_catalog(Some(&fixture()), false).unwrap();
    catalog.items().iter().map(|i| i.id.clone()).collect()
}

/// `item --json` of every item plus the review count: what must agree after a sync.
fn state(db: &Path, now: &str) -> Vec<serde_json::Value> {
    let mut all: Vec<serde_json::Value> = items()
        .iter()
        .map(|id| serde_json::from_slice(&run(db, now, &["item", id, "--json"]).stdout).unwrap())
        .collect();
    let stats = run(db, now, &["stats", "--json"]);
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["reviews_total"].as_u64(), Some(total_reviews(&all)), "the log holds exactly the items' grades");
    all.push(stats);
    all
}

fn total_reviews(items: &[serde_json::Value]) -> u64 {
    items.iter().filter_map(|i| i["reviews"].as_u64()).sum()
}

/// Copies a database (and any WAL files) and a folder, for running a second ordering.
fn copy_world(from: &Path, to: &Path) {
    common::copy_dir(from, to);
}

fn reviews_of(states: &[serde_json::Value], id: &str) -> u64 {
    states.iter().find(|s| s["id"] == id).and_then(|s| s["reviews"].as_u64()).unwrap()
}

const T0: &str = "2026-11-20T09:00:00Z";
const T1: &str = "2026-11-20T18:00:00Z";
const T2: &str = "2026-11-21T08:00:00Z";
const T3: &str = "2026-11-21T08:30:00Z";
const LATER: &str = "2026-11-21T12:00:00Z";

/// A and B share a folder: B's first grades reach A, then B undoes one; both then review apart,
/// disjoint items and one item on both. Returns the world directory (a.db, b.db, dir/).
fn reviewed_apart(world: &Path) {
    let (a, b, dir) = (world.join("a.db"), world.join("b.db"), world.join("dir"));
    std::fs::create_dir_all(&dir).unwrap();
    grade(&b, T0, "alpha/what", "good");
    grade(&b, T0, "beta/why", "good");
    sync(&b, &dir, T0);
    sync(&a, &dir, T0);
    assert_eq!(reviews_of(&state(&a, T0), "beta/why"), 1, "A merged B's grade");
    run(&b, T1, &["undo"]); // takes back beta/why, already on A
    // Apart: disjoint items, and alpha/what on both (B a few minutes "earlier": clock skew).
    grade(&a, T2, "alpha/what", "again");
    grade(&a, T2, "alpha/startup", "good");
    grade(&a, T3, "alpha/startup", "good");
    grade(&b, "2026-11-21T07:57:00Z", "alpha/what", "easy");
    grade(&b, T3, "beta/why", "hard");
    grade(&b, T3, "q-sdlc-fx-0001", "again");
}

#[test]
fn two_databases_reviewed_apart_end_identical_in_either_order() {
    let first = tempfile::tempdir().unwrap();
    reviewed_apart(first.path());
    let second = tempfile::tempdir().unwrap();
    copy_world(first.path(), second.path());

    // Order 1: A, B, A.   Order 2: B, A, B.
    let w1 = first.path();
    let w2 = second.path();
    for (db, w) in [("a.db", w1), ("b.db", w1), ("a.db", w1), ("b.db", w2), ("a.db", w2), ("b.db", w2)] {
        sync(&w.join(db), &w.join("dir"), LATER);
    }
    let a1 = state(&w1.join("a.db"), LATER);
    let b1 = state(&w1.join("b.db"), LATER);
    let a2 = state(&w2.join("a.db"), LATER);
    let b2 = state(&w2.join("b.db"), LATER);
    assert_eq!(a1, b1, "A and B agree after A→B→A");
    assert_eq!(a2, b2, "A and B agree after B→A→B");
    assert_eq!(a1, a2, "both orders give the same databases");

    // Everything arrived once: B's undone grade is gone everywhere, the overlap has both grades.
    assert_eq!(reviews_of(&a1, "alpha/what"), 3);
    assert_eq!(reviews_of(&a1, "beta/why"), 1, "the undone grade stays undone; B's later one counts");
    assert_eq!(reviews_of(&a1, "alpha/startup"), 2);
    assert_eq!(reviews_of(&a1, "q-sdlc-fx-0001"), 1);
    assert_eq!(total_reviews(&a1[..a1.len() - 1]), 7);
    let what = a1.iter().find(|s| s["id"] == "alpha/what").unwrap();
    assert_eq!(what["last_review"], "2026-11-21T08:00:00+00:00", "replayed in time order: A's Again is last");

    // Idempotent: syncing again changes nothing and publishes nothing.
    for w in [w1, w2] {
        for db in ["a.db", "b.db"] {
            let out = sync(&w.join(db), &w.join("dir"), LATER);
            assert!(out.contains("Published 0 event(s); merged 0 grade(s), 0 undo(s)"), "{out}");
            assert!(out.contains("rebuilt 0 item(s)"), "{out}");
        }
    }
    assert_eq!(state(&w1.join("a.db"), LATER), a1);
}

#[test]
fn status_says_what_each_device_wrote_and_what_is_pending() {
    let world = tempfile::tempdir().unwrap();
    reviewed_apart(world.path());
    let (a, b, dir) = (world.path().join("a.db"), world.path().join("b.db"), world.path().join("dir"));
    sync(&b, &dir, LATER);
    let out = common::stdout(&run(&a, LATER, &["sync", "--status", dir.to_str().unwrap()]));
    assert!(out.contains("6 event(s), last 2026-11-21 12:00 UTC"), "B: 5 grades and an undo: {out}");
    assert!(
        out.contains("Pending: 3 event(s) to publish; 3 grade(s) to merge; 3 item(s) to rebuild."),
        "A's grades, B's grades: {out}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&a, LATER, &["sync", "--status", "--json", dir.to_str().unwrap()]).stdout).unwrap();
    assert_eq!(json["journals"].as_array().unwrap().len(), 1, "A has published nothing yet");
    // Status changes nothing: the pending counts stay.
    let again: serde_json::Value =
        serde_json::from_slice(&run(&a, LATER, &["sync", "--status", "--json", dir.to_str().unwrap()]).stdout).unwrap();
    assert_eq!(json, again);
}

#[test]
fn damaged_lines_and_conflict_copies_are_tolerated_and_a_newer_journal_is_refused() {
    let world = tempfile::tempdir().unwrap();
    let w = world.path();
    let (a, b, dir) = (w.join("a.db"), w.join("b.db"), w.join("dir"));
    std::fs::create_dir_all(&dir).unwrap();
    grade(&b, T0, "alpha/what", "good");
    grade(&b, T1, "beta/why", "good");
    sync(&b, &dir, T1);
    let journal = journal_of(&dir);
    let text = std::fs::read_to_string(&journal).unwrap();
    // A sync client copied B's journal half-written: its last line cut in the middle…
    let cut = &text[..text.len() - 20];
    std::fs::write(&journal, cut).unwrap();
    // …and left the whole file as a conflict copy.
    let copy = dir.join(journal.file_name().unwrap().to_string_lossy().replace(".jsonl", " (conflicted copy).jsonl"));
    std::fs::write(&copy, &text).unwrap();
    std::fs::write(dir.join("dopdeck-garbage.jsonl"), b"\x00\xffnot json\n{\"kind\":\"review\"}\n").unwrap();
    let out = sync(&a, &dir, LATER);
    assert!(out.contains("merged 2 grade(s)"), "the copy supplies the cut line: {out}");
    assert!(out.contains("Skipped 3 damaged line(s)"), "{out}");
    // B repairs its own journal: the cut line is rewritten whole after a newline.
    std::fs::remove_file(&copy).unwrap();
    let out = sync(&b, &dir, LATER);
    assert!(out.contains("Published 1 event(s)"), "{out}");
    let repaired = std::fs::read_to_string(&journal).unwrap();
    assert_eq!(repaired.lines().filter(|l| l.contains("\"kind\":\"review\"")).count(), 3, "{repaired}");

    // A journal from a newer dopdeck: a clear error, nothing changed.
    std::fs::write(dir.join("dopdeck-future.jsonl"), "{\"dopdeck_journal\":7,\"device\":\"future\"}\n").unwrap();
    let before = state(&a, LATER);
    let o = dopdeck(&fixture(), &a, LATER).args(["sync", dir.to_str().unwrap()]).output().unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("newer dopdeck") && err.contains("dopdeck-future.jsonl"), "{err}");
    assert_eq!(state(&a, LATER), before);
    // A missing folder is an error too, not a new empty folder.
    let o = dopdeck(&fixture(), &a, LATER).args(["sync"]).arg(w.join("nowhere")).output().unwrap();
    assert!(!o.status.success() && !w.join("nowhere").exists());
}

/// The one journal of the only device that has synced.
fn journal_of(dir: &Path) -> PathBuf {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.retain(|p| p.extension().is_some_and(|e| e == "jsonl"));
    assert_eq!(names.len(), 1, "{names:?}");
    names.remove(0)
}

#[test]
fn the_folder_is_remembered_and_forgotten() {
    let world = tempfile::tempdir().unwrap();
    let (a, dir) = (world.path().join("a.db"), world.path().join("dir"));
    std::fs::create_dir_all(&dir).unwrap();
    let out = sync(&a, &dir, T0);
    assert!(out.contains("Remembered"), "{out}");
    let out = common::stdout(&run(&a, T0, &["sync"]));
    assert!(out.contains("Synced with") && !out.contains("Remembered"), "{out}");
    run(&a, T0, &["sync", "--forget"]);
    let o = dopdeck(&fixture(), &a, T0).args(["sync"]).output().unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no sync folder"));
}
