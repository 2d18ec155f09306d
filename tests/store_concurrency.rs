//! Two dopdecks on one file: concurrent writers must wait for each other, never fail with
//! "database is locked".

use std::sync::{Arc, Barrier};
use std::thread;

use chrono::{DateTime, Duration, Utc};
use dopdeck::srs::{self, CardState, Rating, SchedulerConfig};
use dopdeck::store::Store;

const GRADES_PER_WRITER: usize = 150;

fn writer(path: std::path::PathBuf, name: &'static str, start: Arc<Barrier>) -> Result<(), String> {
    start.wait();
    let opened = Store::open(&path).map_err(|e| format!("open: {e}"));
    // Wait even if opening failed, so the other writer is not left at the barrier.
    start.wait();
    let store = opened?;
    let cfg = SchedulerConfig::default();
    let t0: DateTime<Utc> = "2025-05-01T12:00:00Z".parse().map_err(|e| format!("{e}"))?;
    for i in 0..GRADES_PER_WRITER {
        let id = format!("{name}-{}", i % 20);
        let now = t0 + Duration::seconds(i as i64);
        let previous = store.item(&id).map_err(|e| e.to_string())?.map(|r| r.card);
        let card = previous.clone().unwrap_or_else(|| CardState::new(now));
        let reviewed = srs::review(&cfg, &card, Rating::Good, now, &id).map_err(|e| e.to_string())?;
        store.record_review(&reviewed.log, &reviewed.card, previous.as_ref()).map_err(|e| e.to_string())?;
        if i % 10 == 0 {
            store.suspend(&format!("{name}-flag")).map_err(|e| e.to_string())?;
            store.set_setting(name, &i.to_string()).map_err(|e| e.to_string())?;
        }
        if i % 25 == 0 {
            // Readers run alongside the writers.
            store.items().map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

#[test]
fn two_stores_write_concurrently_without_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shared.db");
    // Both open the file at the same time, including its creation.
    let start = Arc::new(Barrier::new(2));
    let handles: Vec<_> = ["left", "right"]
        .into_iter()
        .map(|name| {
            let path = path.clone();
            let start = Arc::clone(&start);
            thread::spawn(move || writer(path, name, start))
        })
        .collect();
    for handle in handles {
        let result = handle.join().expect("writer thread did not panic");
        assert_eq!(result, Ok(()), "writer failed");
    }
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.reviews_count().expect("count"), 2 * GRADES_PER_WRITER as u64);
    assert_eq!(store.items().expect("items").len(), 2 * 20 + 2);
}
