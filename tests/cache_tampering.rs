//! The start-up cache is verified before use, never hangs or floods the reader, and is never
//! consulted by `check` (issue 11, item 4).
//!
//! Each test runs the real binary on the embedded material with its own `XDG_CACHE_HOME`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use dopdeck::content::{self, snapshot, source::MATERIAL_HASH};

/// `dopdeck ARGS` on the embedded material with the cache under `home`.
fn dopdeck(home: &Path, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dopdeck"));
    c.args(args)
        .env_remove("DOPDECK_CONTENT")
        .env_remove("DOPDECK_NO_CACHE")
        .env("HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("DOPDECK_NOW", "2026-11-21T12:00:00Z")
        .env("COLUMNS", "100")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("the binary runs");
    // A hang on a FIFO or /dev/zero must fail the test, not the test run.
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("dopdeck {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// The binary's cache file under `home`, written by a first run if need be. Named from the
/// directory rather than from this test's `MATERIAL_HASH`: the binary is the one that counts.
fn cache_file(home: &Path) -> PathBuf {
    let dir = home.join("cache/dopdeck");
    let find = || {
        std::fs::read_dir(&dir).ok()?.flatten().map(|e| e.path()).find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("catalog-") && n.to_string_lossy().ends_with(".bin"))
        })
    };
    if let Some(path) = find() {
        return path;
    }
    assert!(dopdeck(home, &["search", "x"]).status.success());
    find().expect("the first run wrote the cache")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A topic of the embedded material with a plain ASCII name, and that name.
fn topic() -> (String, String) {
    let catalog = content::load_embedded().expect("valid");
    let t = catalog.topics().iter().find(|t| t.name.len() > 8 && t.name.is_ascii()).expect("a topic");
    (t.id.clone(), t.name.clone())
}

/// Replaces the first occurrence of `from` with `to` (same length) in `bytes`.
fn patch(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    let at = bytes.windows(from.len()).position(|w| w == from).expect("found in the cache");
    bytes[at..at + to.len()].copy_from_slice(to);
}

#[test]
fn a_changed_title_in_the_cache_is_not_served() {
    let home = tempfile::tempdir().unwrap();
    let (id, name) = topic();
    let path = cache_file(home.path());
    let mut bytes = std::fs::read(&path).expect("the cache was written");
    let tampered = name.to_ascii_uppercase();
    assert_ne!(tampered, name);
    patch(&mut bytes, name.as_bytes(), tampered.as_bytes());
    std::fs::write(&path, &bytes).unwrap();

    let o = dopdeck(home.path(), &["show", &id]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains(&name) && !out(&o).contains(&tampered), "{}", out(&o));
    assert!(err(&o).is_empty(), "no notice without -v: {}", err(&o));
    // Rebuilt: the file now holds the real material again.
    assert_ne!(std::fs::read(&path).unwrap(), bytes, "the tampered file was replaced");
    // Under -v the reason is told.
    std::fs::write(&path, &bytes).unwrap();
    let o = dopdeck(home.path(), &["-v", "show", &id]);
    assert!(out(&o).contains(&name), "{}", out(&o));
    assert!(err(&o).contains("ignoring the cache file"), "a notice under -v: {}", err(&o));
}

#[test]
fn any_flipped_byte_is_caught() {
    let home = tempfile::tempdir().unwrap();
    let path = cache_file(home.path());
    let good = std::fs::read(&path).unwrap();
    let catalog = content::load_embedded().unwrap();
    // Every 97th byte after the header: none may decode as a catalog.
    for at in (40..good.len()).step_by(good.len() / 97) {
        let mut bad = good.clone();
        bad[at] ^= 0x01;
        assert!(snapshot::from_bytes(bad.clone(), MATERIAL_HASH).is_none(), "byte {at} flipped was accepted");
    }
    let mut bad = good.clone();
    let last = bad.len() - 1;
    bad[last] ^= 0x01;
    std::fs::write(&path, &bad).unwrap();
    let o = dopdeck(home.path(), &["search", "--json", "codedeploy"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(err(&o).is_empty(), "no notice without -v: {}", err(&o));
    assert!(catalog.questions().len() > 100);
}

#[cfg(unix)]
#[test]
fn a_symlink_fifo_or_device_at_the_cache_path_is_ignored_at_once() {
    for kind in ["symlink-to-zero", "fifo", "symlink-to-good"] {
        let home = tempfile::tempdir().unwrap();
        let path = cache_file(home.path());
        std::fs::remove_file(&path).unwrap();
        match kind {
            "symlink-to-zero" => std::os::unix::fs::symlink("/dev/zero", &path).unwrap(),
            "fifo" => assert!(Command::new("mkfifo").arg(&path).status().unwrap().success()),
            _ => {
                let good = home.path().join("good.bin");
                let catalog = content::load_embedded().unwrap();
                std::fs::write(&good, snapshot::to_bytes(&catalog, MATERIAL_HASH)).unwrap();
                std::os::unix::fs::symlink(&good, &path).unwrap();
            }
        }
        let started = Instant::now();
        // `show` loads the catalog (a search with a sound cached index does not).
        let o = dopdeck(home.path(), &["show", "codedeploy"]);
        assert!(o.status.success(), "{kind}: {}", err(&o));
        assert!(started.elapsed() < Duration::from_secs(10), "{kind}: took {:?}", started.elapsed());
        let meta = std::fs::symlink_metadata(&path).unwrap();
        assert!(meta.file_type().is_file(), "{kind}: replaced by a regular file");
        // Under -v the reason is told.
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        let o = dopdeck(home.path(), &["-v", "show", "codedeploy"]);
        assert!(err(&o).contains("ignoring the cache file") && err(&o).contains("symbolic link"), "{}", err(&o));
    }
}

#[test]
fn check_validates_the_material_not_the_cache() {
    let home = tempfile::tempdir().unwrap();
    let path = cache_file(home.path());
    // A sound snapshot (right checksum) of other material: what `check` says must not change.
    let mut catalog = content::load_embedded().unwrap();
    let real = catalog.questions().len();
    catalog.questions_mut().truncate(3);
    std::fs::write(&path, snapshot::to_bytes(&catalog, MATERIAL_HASH)).unwrap();
    let o = dopdeck(home.path(), &["check", "--json"]);
    assert!(o.status.success(), "{}", err(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["questions"].as_u64(), Some(real as u64), "{json}");
}

/// `dopdeck search` reads the index cached beside the snapshot; a damaged one is noticed
/// (under `-v`), rebuilt, and never changes the hits.
#[test]
fn the_cached_search_index_is_verified_and_rebuilt() {
    let home = tempfile::tempdir().expect("temp dir");
    let first = dopdeck(home.path(), &["search", "--json", "cfn"]);
    assert!(first.status.success(), "{}", err(&first));
    let index = cache_file(home.path()).with_extension("idx");
    assert!(index.exists(), "the first search cached its index");
    let cached = dopdeck(home.path(), &["search", "--json", "cfn"]);
    assert_eq!(out(&cached), out(&first), "the cached index finds the same");
    // Flip a byte in the middle of the index body.
    let mut bytes = std::fs::read(&index).expect("read");
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x20;
    std::fs::write(&index, &bytes).expect("write");
    let damaged = dopdeck(home.path(), &["-v", "search", "--json", "cfn"]);
    assert_eq!(out(&damaged), out(&first), "a damaged index is not served");
    assert!(err(&damaged).contains("does not match its checksum"), "{}", err(&damaged));
    assert_ne!(std::fs::read(&index).expect("read"), bytes, "and it was rewritten");
    // The index is read in parts (header, text, the rest): damage in the last part, a file cut
    // short and one cut inside its header are each refused and rebuilt too.
    let sound = std::fs::read(&index).expect("read");
    let mut late = sound.clone();
    let near_end = late.len() - 3;
    late[near_end] ^= 0x01;
    for broken in [late, sound[..sound.len() - 5].to_vec(), sound[..40].to_vec()] {
        std::fs::write(&index, &broken).expect("write");
        let o = dopdeck(home.path(), &["-v", "search", "--json", "cfn"]);
        assert_eq!(out(&o), out(&first), "a broken index is not served");
        assert!(err(&o).contains("does not match its checksum"), "{}", err(&o));
        assert_eq!(std::fs::read(&index).expect("read"), sound, "and it was rebuilt as it was");
    }
}

/// With a sound cached index, `dopdeck search` reads nothing else: the snapshot is not even
/// looked at, so a damaged one draws no notice and stays as it is until a command needs it.
#[test]
fn a_search_with_a_cached_index_does_not_read_the_snapshot() {
    let home = tempfile::tempdir().unwrap();
    let path = cache_file(home.path());
    let first = dopdeck(home.path(), &["search", "--json", "cfn"]);
    assert!(first.status.success(), "{}", err(&first));
    std::fs::write(&path, b"not a snapshot").unwrap();
    let o = dopdeck(home.path(), &["-v", "search", "--json", "cfn"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(o.stdout, first.stdout, "the same hits");
    assert!(!err(&o).contains("ignoring the cache file"), "{}", err(&o));
    assert_eq!(std::fs::read(&path).unwrap(), b"not a snapshot");
    // A command that needs the catalog notices and replaces it.
    let o = dopdeck(home.path(), &["-v", "show", "codedeploy"]);
    assert!(o.status.success() && err(&o).contains("ignoring the cache file"), "{}", err(&o));
    assert_ne!(std::fs::read(&path).unwrap(), b"not a snapshot");
}
