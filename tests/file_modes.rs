//! Progress and cache files are private whatever the umask: directories dopdeck creates are
//! 0700, files 0600; an empty file adopted as a database becomes 0600 (issue 11, item 5).
#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

/// `dopdeck ARGS` under `umask`, with data and cache directories in `home`.
fn run(umask: &str, home: &Path, envs: &[(&str, &Path)], args: &[&str]) -> Output {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_dopdeck"))
        .args(args)
        .env_remove("DOPDECK_DB")
        .env_remove("DOPDECK_NO_CACHE")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("DOPDECK_NOW", "2026-11-21T12:00:00Z")
        .env("COLUMNS", "100");
    for (k, v) in envs {
        c.env(k, v);
    }
    let o = c.output().expect("sh runs");
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    o
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

#[test]
fn the_database_and_its_directories_are_private_whatever_the_umask() {
    for umask in ["000", "022", "077", "277"] {
        let home = tempfile::tempdir().unwrap();
        let fixture = common::fixture();
        let db = home.path().join("new/sub/progress.db");
        let envs = [("DOPDECK_CONTENT", fixture.as_path()), ("DOPDECK_DB", db.as_path())];
        run(umask, home.path(), &envs, &["grade", "alpha/what", "good"]);
        assert_eq!(mode(&home.path().join("new")), 0o700, "umask {umask}");
        assert_eq!(mode(&home.path().join("new/sub")), 0o700, "umask {umask}");
        assert_eq!(mode(&db), 0o600, "umask {umask}");
        for sidecar in ["progress.db-wal", "progress.db-shm"] {
            let p = home.path().join("new/sub").join(sidecar);
            if p.exists() {
                assert_eq!(mode(&p), 0o600, "{sidecar} under umask {umask}");
            }
        }
    }
}

#[test]
fn the_default_data_directory_is_private() {
    let home = tempfile::tempdir().unwrap();
    let fixture = common::fixture();
    run("000", home.path(), &[("DOPDECK_CONTENT", fixture.as_path())], &["due"]);
    let dir = home.path().join("data/dopdeck");
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("progress.db")), 0o600);
}

#[test]
fn the_cache_directory_and_file_are_private() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("p.db");
    run("000", home.path(), &[("DOPDECK_DB", db.as_path())], &["search", "appspec"]);
    let dir = home.path().join("cache/dopdeck");
    assert_eq!(mode(&dir), 0o700);
    // The catalog snapshot and, since `search` ran, the search index beside it.
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 2, "{files:?}");
    for file in &files {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
    // A directory an older dopdeck created 0755 is made private on the next write.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    for file in &files {
        std::fs::remove_file(file).unwrap();
    }
    run("022", home.path(), &[("DOPDECK_DB", db.as_path())], &["search", "appspec"]);
    assert_eq!(mode(&dir), 0o700);
}

#[test]
fn an_empty_file_adopted_as_a_database_becomes_private() {
    let home = tempfile::tempdir().unwrap();
    let fixture = common::fixture();
    let db = home.path().join("empty.db");
    std::fs::write(&db, b"").unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let envs = [("DOPDECK_CONTENT", fixture.as_path()), ("DOPDECK_DB", db.as_path())];
    run("022", home.path(), &envs, &["due"]);
    assert_eq!(mode(&db), 0o600);
}
