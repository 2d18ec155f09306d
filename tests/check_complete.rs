//! `check` is complete and precise (issue 11, item 9): every file it cannot read is a problem
//! naming that file, a topic that fails to parse does not make its links "unknown", problems in
//! very deep keys sit at their real line, and `fleet = 0` is an error.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{copy_dir, fixture};
use dopdeck::content::{self, Problem, RawFile, source};

fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    dir
}

fn check(root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dopdeck"))
        .args(["check", "--content"])
        .arg(root)
        .env_remove("DOPDECK_DB")
        .output()
        .expect("the binary runs")
}

/// The problems `check --json` reports for the tree at `root`.
fn problems_on_disk(root: &Path) -> Vec<Problem> {
    let o = Command::new(env!("CARGO_BIN_EXE_dopdeck"))
        .args(["check", "--json", "--content"])
        .arg(root)
        .env_remove("DOPDECK_DB")
        .output()
        .expect("the binary runs");
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    json["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| Problem {
            file: p["file"].as_str().unwrap_or_default().into(),
            line: p["line"].as_u64().unwrap_or(0) as usize,
            column: p["column"].as_u64().unwrap_or(0) as usize,
            message: p["message"].as_str().unwrap_or_default().into(),
        })
        .collect()
}

fn has(problems: &[Problem], file: &str, needle: &str) -> bool {
    problems.iter().any(|p| p.file == file && p.message.contains(needle))
}

#[test]
fn a_missing_decks_directory_is_a_problem() {
    let t = tree();
    std::fs::remove_dir_all(t.path().join("decks")).unwrap();
    let p = problems_on_disk(t.path());
    assert!(has(&p, "decks/", "the decks/ directory is missing"), "{p:#?}");
}

#[test]
fn a_directory_named_toml_is_a_problem() {
    let t = tree();
    std::fs::create_dir(t.path().join("content/topics/gamma.toml")).unwrap();
    let p = problems_on_disk(t.path());
    assert!(has(&p, "content/topics/gamma.toml", "a directory named *.toml"), "{p:#?}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_symlinks_are_problems_naming_the_file() {
    let t = tree();
    let topics = t.path().join("content/topics");
    std::os::unix::fs::symlink("loop.toml", topics.join("loop.toml")).unwrap();
    std::os::unix::fs::symlink("nowhere.toml", topics.join("gone.toml")).unwrap();
    // A directory link back up the tree is walked once, not forever.
    std::os::unix::fs::symlink("..", topics.join("up")).unwrap();
    let p = problems_on_disk(t.path());
    assert!(has(&p, "content/topics/loop.toml", "symbolic link loop"), "{p:#?}");
    assert!(has(&p, "content/topics/gone.toml", "dangling symbolic link: nowhere.toml"), "{p:#?}");
    assert_eq!(p.len(), 2, "{p:#?}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_a_problem_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let t = tree();
    let file = t.path().join("content/topics/beta.toml");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&file).is_ok() {
        // Running as root: permissions do not stop reading, so there is nothing to see.
        eprintln!("skipped: this user can read a mode-000 file");
        return;
    }
    let p = problems_on_disk(t.path());
    assert!(has(&p, "content/topics/beta.toml", "cannot read this file"), "{p:#?}");
}

/// The fixture with `from` replaced by `to` in `file`.
fn broken(file: &str, from: &str, to: &str) -> Vec<RawFile> {
    let mut files = source::directory(&fixture()).expect("fixture");
    let f = files.iter_mut().find(|f| f.path == file).expect("fixture file");
    let text = String::from_utf8(f.bytes.clone()).unwrap();
    assert!(text.contains(from), "{file} lacks {from:?}");
    f.bytes = text.replacen(from, to, 1).into_bytes();
    files
}

fn problems(files: &[RawFile]) -> Vec<Problem> {
    match content::load(files) {
        Ok(_) => panic!("expected problems, the tree validated"),
        Err(problems) => problems,
    }
}

#[test]
fn a_topic_that_fails_to_parse_is_not_also_unknown_where_it_is_linked() {
    let files = broken("content/topics/beta.toml", "name = \"Beta Service\"", "name = \"Beta Service");
    let p = problems(&files);
    assert!(has(&p, "content/topics/beta.toml", "TOML syntax error"), "{p:#?}");
    assert!(!p.iter().any(|p| p.message.contains("unknown topic `beta`")), "{p:#?}");
    assert_eq!(p.len(), 1, "{p:#?}");
}

#[test]
fn very_deep_dotted_keys_and_table_headers_are_located_at_their_line() {
    let deep = vec!["k"; 300].join(".");
    for (text, what) in [(format!("{deep} = 1\n"), "dotted key"), (format!("[{deep}]\nx = 1\n"), "table header")] {
        let mut files = source::directory(&fixture()).expect("fixture");
        let f = files.iter_mut().find(|f| f.path == "content/topics/beta.toml").expect("beta");
        let before = String::from_utf8(f.bytes.clone()).unwrap();
        let line = before.lines().count() + 3;
        f.bytes = format!("{before}\n\n{text}").into_bytes();
        let p = problems(&files);
        assert!(
            p.iter().any(|p| p.file == "content/topics/beta.toml" && p.line == line),
            "{what}: expected a problem at line {line}: {p:#?}"
        );
    }
}

#[test]
fn fleet_zero_in_a_strategy_is_an_error() {
    let file = "content/strategies/rolling.toml";
    let p = problems(&broken(file, "fleet = 4", "fleet = 0"));
    let hit = p.iter().find(|p| p.file == file && p.message.contains("fleet = 0")).unwrap_or_else(|| panic!("{p:#?}"));
    assert_eq!((hit.line, hit.column), (5, 12));
}

#[test]
fn check_prints_each_problem_with_its_file() {
    let t = tree();
    std::fs::create_dir(t.path().join("content/topics/gamma.toml")).unwrap();
    let o = check(t.path());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("content/topics/gamma.toml:1:1: a directory named *.toml"), "{out}");
}
