//! FIFOs and devices where dopdeck expects files: a clear error (or a skipped file) at once,
//! never a hang, no stray `-journal`, and error messages that say each thing once (issue 11,
//! item 7). A cache path that is a FIFO is covered in `cache_tampering.rs`.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{copy_dir, fixture};

/// Runs `dopdeck ARGS` with the fixture material unless `content` says otherwise; fails the
/// test (instead of hanging the run) after 20 seconds.
fn run(content: &Path, db: &Path, args: &[&str]) -> (Output, Duration) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dopdeck"));
    c.args(args)
        .env("DOPDECK_CONTENT", content)
        .env("DOPDECK_DB", db)
        .env("DOPDECK_NOW", "2026-11-21T12:00:00Z")
        .env("COLUMNS", "100")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = c.spawn().expect("the binary runs");
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dopdeck {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    (child.wait_with_output().expect("output"), started.elapsed())
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().expect("mkfifo runs").success());
}

/// No part of a "a: b: c" message is said twice in a row.
fn says_each_thing_once(message: &str) {
    let parts: Vec<&str> = message.trim().split(": ").collect();
    for pair in parts.windows(2) {
        assert_ne!(pair[0].trim(), pair[1].trim(), "repeated cause in {message:?}");
    }
    assert!(!message.contains("Error code"), "SQLite's raw code leaks: {message:?}");
}

#[test]
fn a_fifo_as_the_database_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("progress.db");
    mkfifo(&db);
    for args in [&["due"][..], &["grade", "alpha/what", "good"], &["exam", "history"]] {
        let (o, took) = run(&fixture(), &db, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("is a FIFO (named pipe), not a database file"), "{}", stderr(&o));
        assert!(took < Duration::from_secs(10), "{args:?} took {took:?}");
        says_each_thing_once(&stderr(&o));
    }
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "nothing created next to it: {names:?}");
}

#[test]
fn a_character_device_as_the_database_is_refused_without_a_journal() {
    let journal = Path::new("/dev/null-journal");
    let stray_before = journal.exists();
    let (o, _) = run(&fixture(), Path::new("/dev/null"), &["due"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("/dev/null is a character device, not a database file"), "{err}");
    says_each_thing_once(&err);
    if !stray_before {
        assert!(!journal.exists(), "a -journal was left next to /dev/null");
    }
    let (o, took) = run(&fixture(), Path::new("/dev/zero"), &["due"]);
    assert!(stderr(&o).contains("character device") && took < Duration::from_secs(10), "{}", stderr(&o));
}

#[test]
fn a_fifo_or_device_named_toml_in_the_material_is_a_problem_not_a_hang() {
    let tree = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), tree.path());
    mkfifo(&tree.path().join("content/topics/pipe.toml"));
    std::os::unix::fs::symlink("/dev/zero", tree.path().join("content/topics/zero.toml")).unwrap();
    let db = tree.path().join("p.db");
    let (o, took) = run(tree.path(), &db, &["check"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(took < Duration::from_secs(10), "check took {took:?}");
    assert!(out.contains("content/topics/pipe.toml:1:1: a FIFO (named pipe), not a material file"), "{out}");
    assert!(out.contains("content/topics/zero.toml:1:1: a character device, not a material file"), "{out}");
    // Every other command stops at once with the same problems.
    let (o, took) = run(tree.path(), &db, &["search", "alpha"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("content/topics/pipe.toml") && took < Duration::from_secs(10), "{}", stderr(&o));
}
