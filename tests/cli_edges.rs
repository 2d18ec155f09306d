//! Small command-line edges (issue 11, item 10): errors on standard error, no `tput` run from
//! PATH to learn the width, and no grade back-dated before the item's last review.

// A test reads its own environment (child-process flags, PATH); clippy.toml keeps that to
// study::clock in the program itself.
#![allow(clippy::disallowed_methods)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{dopdeck, fixture, run_with_input};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn unknown_names_and_empty_exam_choices_go_to_standard_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let cases: [&[&str]; 3] = [
        &["show", "nothing-like-it"],
        &["walkthrough", "nothing-like-it", "--plain"],
        &["exam", "--plain", "--questions", "0"],
    ];
    for args in cases {
        let mut c = dopdeck(&fixture(), &db, "2026-11-21T12:00:00Z");
        c.args(args);
        let o = run_with_input(c, "quit\n");
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?} printed on stdout: {}", String::from_utf8_lossy(&o.stdout));
        assert!(!stderr(&o).is_empty(), "{args:?}");
    }
}

/// A `tput` that leaves a mark when it runs.
#[cfg(unix)]
fn fake_tput(dir: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let tput = bin.join("tput");
    std::fs::write(&tput, format!("#!/bin/sh\ntouch {}\necho 33\n", dir.join("tput-ran").display())).unwrap();
    std::fs::set_permissions(&tput, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

#[cfg(unix)]
#[test]
fn plain_output_never_runs_tput_and_defaults_to_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let bin = fake_tput(dir.path());
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let db = dir.path().join("p.db");
    let cases: [&[&str]; 3] =
        [&["show", "alpha"], &["walkthrough", "rolling", "--plain"], &["exam", "--plain", "--mode", "practice"]];
    for args in cases {
        // Standard streams are pipes and there is no COLUMNS: the width must come from elsewhere.
        let mut c = dopdeck(&fixture(), &db, "2026-11-21T12:00:00Z");
        c.env_remove("COLUMNS").env("PATH", &path).args(args);
        let o = run_with_input(c, "quit\n");
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(!dir.path().join("tput-ran").exists(), "{args:?} ran tput from PATH");
        if args[0] != "exam" {
            // (The exam's fixed help line is longer; its questions wrap like the rest.)
            let widest = String::from_utf8_lossy(&o.stdout).lines().map(|l| l.chars().count()).max().unwrap_or(0);
            assert!(widest <= 80, "{args:?}: a line of {widest} columns");
        }
    }
}

fn grade(db: &Path, at: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dopdeck"))
        .args(["grade", "alpha/what", "good", "--at", at])
        .env("DOPDECK_CONTENT", fixture())
        .env("DOPDECK_DB", db)
        .env("DOPDECK_FUZZ", "0")
        .output()
        .expect("the binary runs")
}

#[test]
fn a_grade_back_dated_before_the_last_review_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    assert!(grade(&db, "2026-11-21T12:00:00Z").status.success());
    let history = || {
        let o = Command::new(env!("CARGO_BIN_EXE_dopdeck"))
            .args(["item", "alpha/what", "--json"])
            .env("DOPDECK_CONTENT", fixture())
            .env("DOPDECK_DB", &db)
            .env("DOPDECK_NOW", "2026-11-22T12:00:00Z")
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let before = history();
    let o = grade(&db, "2026-11-20T12:00:00Z");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("earlier than the last review of alpha/what"), "{}", stderr(&o));
    assert_eq!(history(), before, "nothing was recorded");
    // Later than the last review is fine.
    assert!(grade(&db, "2026-11-23T12:00:00Z").status.success());
}
