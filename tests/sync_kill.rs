//! A sync killed with SIGKILL at any moment loses nothing: the next sync completes it, and the
//! result is exactly that of a sync never interrupted.
//!
//! The histories are written through the library (thousands of grades in a second), the syncs
//! run in the real binary so they can be killed: fuzz off, zone UTC, clock pinned.

mod common;

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use dopdeck::srs::Rating;
use dopdeck::study::Study;

use common::{dopdeck, fixture, kill_9};

const LATER: &str = "2027-06-01T12:00:00Z";

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// `grades` grades spread over the fixture's items, one every few minutes from `start`.
fn history(db: &Path, start: &str, grades: usize, seed: usize) {
    let catalog = dopdeck::cli::load_catalog(Some(&fixture()), false).unwrap();
    let study = Study::open(&catalog, db, at(start), false).unwrap();
    let ids: Vec<&str> = catalog.items().iter().map(|i| i.id.as_str()).collect();
    let mut now = at(start);
    for n in 0..grades {
        let id = ids[(n * 7 + seed) % ids.len()];
        let rating = Rating::ALL[(n * 13 + seed) % 4];
        study.grade(id, rating, now, None, Some(3_000)).unwrap();
        now += chrono::Duration::minutes(7);
    }
}

fn state(db: &Path) -> Vec<String> {
    let catalog = dopdeck::cli::load_catalog(Some(&fixture()), false).unwrap();
    let mut out: Vec<String> = catalog
        .items()
        .iter()
        .map(|i| {
            let o = dopdeck(&fixture(), db, LATER).args(["item", &i.id, "--json"]).output().unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            common::stdout(&o)
        })
        .collect();
    let o = dopdeck(&fixture(), db, LATER).args(["stats", "--json"]).output().unwrap();
    out.push(common::stdout(&o));
    out
}

fn sync_ok(db: &Path, dir: &Path) -> String {
    let o = dopdeck(&fixture(), db, LATER).arg("sync").arg(dir).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    common::stdout(&o)
}

/// The grades in the folder as (item, time, rating), each once: device ids differ between
/// two worlds, and a cut line and its rewritten copy count once.
fn events(dir: &Path) -> std::collections::BTreeSet<(String, i64, u64)> {
    let mut all = std::collections::BTreeSet::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            if v["kind"] == "review" {
                all.insert((
                    v["item"].as_str().unwrap().to_string(),
                    v["at"].as_i64().unwrap(),
                    v["rating"].as_u64().unwrap(),
                ));
            }
        }
    }
    all
}

#[test]
fn a_sync_killed_at_any_moment_loses_nothing_and_the_next_one_completes_it() {
    let world = tempfile::tempdir().unwrap();
    let w = world.path();
    let (a, b, dir) = (w.join("a.db"), w.join("b.db"), w.join("dir"));
    std::fs::create_dir_all(&dir).unwrap();
    // B's history is in the folder; A's is only in its database.
    history(&b, "2026-01-01T08:00:00Z", 1500, 1);
    sync_ok(&b, &dir);
    history(&a, "2026-01-01T08:03:00Z", 1500, 2);

    let reference = tempfile::tempdir().unwrap();
    common::copy_dir(w, reference.path());
    let (ra, rdir) = (reference.path().join("a.db"), reference.path().join("dir"));
    sync_ok(&ra, &rdir);
    let expected = state(&ra);
    let expected_events = events(&rdir);

    // Kill A's sync at growing delays: before, during and after the journal append and the
    // database transaction.
    for delay_ms in [0, 5, 15, 30, 60, 100, 160, 250, 400] {
        let child = dopdeck(&fixture(), &a, LATER).arg("sync").arg(&dir).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        kill_9(child);
    }
    let out = sync_ok(&a, &dir);
    assert!(out.contains("Synced with"), "{out}");
    assert_eq!(state(&a), expected, "the interrupted syncs end where an uninterrupted one does");
    assert_eq!(events(&dir), expected_events, "the folder holds every grade");
    assert_eq!(expected_events.len(), 3000);
    // And a sync after that is a no-op.
    let out = sync_ok(&a, &dir);
    assert!(out.contains("Published 0 event(s); merged 0 grade(s)"), "{out}");
    assert!(state(&a).last().unwrap().contains("\"reviews_total\": 3000"), "{:?}", state(&a).last());
}
