//! A grade acknowledged by `record_review` survives `kill -9` of the process right after.
//!
//! The test re-runs its own binary as a child that grades items in a loop and prints "ACK n"
//! after each `record_review` returns. The parent kills the child with SIGKILL as soon as it
//! reads an acknowledgement (the child is by then busy with the next grade), reopens the
//! database and checks that every acknowledged grade is there.

// A test reads its own environment (child-process flags, PATH); clippy.toml keeps that to
// study::clock in the program itself.
#![allow(clippy::disallowed_methods)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use chrono::{DateTime, Duration, Utc};
use dopdeck::srs::{self, CardState, Rating, SchedulerConfig};
use dopdeck::store::Store;

const CHILD_ENV: &str = "DOPDECK_KILL_TEST_DB";

/// The child's side: only does anything when started by the parent test.
#[test]
fn child_grades_until_killed() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let store = Store::open(Path::new(&path)).expect("child opens the store");
    let cfg = SchedulerConfig::default();
    let t0: DateTime<Utc> = "2025-05-01T12:00:00Z".parse().expect("time");
    let mut stdout = std::io::stdout();
    for n in 1..=10_000 {
        let id = format!("item-{n}");
        let now = t0 + Duration::seconds(n);
        let reviewed = srs::review(&cfg, &CardState::new(now), Rating::Good, now, &id).expect("review");
        store.record_review(&reviewed.log, &reviewed.card, None).expect("record");
        writeln!(stdout, "ACK {n}").expect("write ack");
        stdout.flush().expect("flush ack");
    }
}

#[test]
fn acknowledged_grades_survive_sigkill() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.db");
    let exe = std::env::current_exe().expect("test binary");
    for kill_after in [1u64, 7, 40] {
        let mut child = Command::new(&exe)
            .args(["--exact", "child_grades_until_killed", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("child stdout");
        let mut acknowledged = 0;
        for line in BufReader::new(stdout).lines() {
            let line = line.expect("read child output");
            // libtest may print "test child_grades_until_killed ... " on the same line.
            if let Some((_, n)) = line.rsplit_once("ACK ") {
                acknowledged = n.trim().parse().expect("ack number");
                if acknowledged >= kill_after {
                    child.kill().expect("SIGKILL the child");
                    break;
                }
            }
        }
        child.wait().expect("reap child");
        assert_eq!(acknowledged, kill_after, "child acknowledged grades before the kill");

        let store = Store::open(&path).expect("reopen after the kill");
        for n in 1..=acknowledged {
            let id = format!("item-{n}");
            let row = store.item(&id).expect("read").unwrap_or_else(|| panic!("{id} lost"));
            assert_eq!(row.card.reps, 1);
        }
        let logged = store.reviews_count().expect("count");
        assert!(logged >= acknowledged, "{logged} log rows for {acknowledged} acknowledged grades");
        drop(store);
        std::fs::remove_file(&path).expect("fresh file for the next round");
        let _ = std::fs::remove_file(dir.path().join("progress.db-wal"));
        let _ = std::fs::remove_file(dir.path().join("progress.db-shm"));
    }
}
