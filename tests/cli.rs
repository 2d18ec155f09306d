//! The binary as a user runs it: exit codes, text and JSON output, on the embedded material and
//! on broken copies of a tree.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::{copy_dir, stdout};

fn dopdeck(args: &[&str]) -> Output {
    common::dopdeck_embedded(args)
}

fn fixture() -> PathBuf {
    common::fixture()
}

/// A copy of the fixture tree in a temporary directory.
fn copy_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    dir
}

#[test]
fn check_passes_on_the_embedded_material_with_counts() {
    let o = dopdeck(&["check"]);
    assert!(o.status.success(), "{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    assert!(text.starts_with("ok: the material is valid"), "{text}");
    assert!(text.contains("1.4") && text.contains("6.3"), "{text}");
}

#[test]
fn check_json_has_the_documented_keys() {
    let o = dopdeck(&["check", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    for key in ["topics", "cards", "questions", "tables", "comparisons", "sequences", "strategies", "decks", "tasks"] {
        assert!(v.get(key).is_some(), "missing key {key}");
    }
    assert!(v["cards"]["written"].is_u64() && v["cards"]["derived"].is_u64());
    let tasks = v["tasks"].as_object().unwrap();
    assert_eq!(tasks.len(), 19, "all 19 task statements are listed");
    for t in ["1.1", "2.3", "6.3"] {
        let entry = &tasks[t];
        assert!(entry["cards"].is_u64() && entry["derived"].is_u64() && entry["questions"].is_u64());
    }
    // The per-task numbers add up to the totals.
    let sum = |k: &str| tasks.values().map(|t| t[k].as_u64().unwrap()).sum::<u64>();
    assert_eq!(sum("cards"), v["cards"]["written"].as_u64().unwrap());
    assert_eq!(sum("questions"), v["questions"].as_u64().unwrap());
}

#[test]
fn check_on_a_broken_copy_exits_1_naming_file_line_and_column() {
    let dir = copy_fixture();
    let topic = dir.path().join("content/topics/alpha.toml");
    let text = std::fs::read_to_string(&topic).unwrap();
    std::fs::write(&topic, text.replace("task = \"1.4\"\nfront", "task = \"7.7\"\nfront")).unwrap();
    std::fs::write(dir.path().join("content/topics/junk.toml"), [0xff, 0xfe, 0x00]).unwrap();

    let o = dopdeck(&["check", "--content", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("content/topics/alpha.toml:34:8: unknown task `7.7`"), "{text}");
    assert!(text.contains("content/topics/junk.toml:1:1: file is not UTF-8"), "{text}");
    assert!(text.contains("2 problem(s) in 2 file(s)"), "{text}");

    let o = dopdeck(&["check", "--json", "--content", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["problems"].as_array().unwrap().len(), 2);
}

#[test]
fn content_can_come_from_the_environment() {
    let o = Command::new(env!("CARGO_BIN_EXE_dopdeck"))
        .args(["check", "--json"])
        .env("DOPDECK_CONTENT", fixture())
        .output()
        .unwrap();
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["topics"], 2);
}

#[test]
fn a_missing_content_directory_is_a_clear_error() {
    let o = dopdeck(&["check", "--content", "/nonexistent/dopdeck"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("/nonexistent/dopdeck"), "{err}");
}

#[test]
fn search_cfn_puts_cloudformation_first() {
    let o = dopdeck(&["search", "cfn", "--json"]);
    assert!(o.status.success());
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(hits[0]["kind"], "topic");
    assert_eq!(hits[0]["id"], "cloudformation");
    for key in ["kind", "id", "title", "score"] {
        assert!(hits[0].get(key).is_some(), "hit lacks {key}");
    }
    // Everything about the service follows it: its tables and questions are among the hits.
    assert!(hits.iter().any(|h| h["kind"] == "table" && h["id"].as_str().unwrap().starts_with("cloudformation/")));
}

#[test]
fn search_appspec_finds_codedeploy() {
    let o = dopdeck(&["search", "appspec", "--json", "--limit", "5"]);
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(hits[0]["id"], "codedeploy");
    assert!(hits.len() <= 5);
}

#[test]
fn search_with_no_match_exits_1() {
    let o = dopdeck(&["search", "zzqqxxyy", "--content", fixture().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("nothing matches"));
}

#[test]
fn show_prints_a_readable_page_that_fits_the_width() {
    let o = dopdeck(&["show", "codedeploy", "--width", "80"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.starts_with("AWS CodeDeploy"), "{text}");
    assert!(text.contains("Related:"), "{text}");
    assert!(text.contains("  1. "), "sequences are numbered: {text}");
    for line in text.lines().filter(|l| !l.starts_with("Docs: ") && !l.starts_with("  Source: ")) {
        assert!(unicode_width(line) <= 80, "line wider than 80: {line:?}");
    }
}

#[test]
fn show_accepts_an_alias() {
    let o = dopdeck(&["show", "al", "--content", fixture().to_str().unwrap()]);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("Alpha Service"));
}

#[test]
fn show_of_an_unknown_topic_suggests_and_exits_1() {
    let o = dopdeck(&["show", "alph", "--content", fixture().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty(), "the error goes to standard error: {}", stdout(&o));
    let text = String::from_utf8_lossy(&o.stderr);
    assert!(text.contains("no topic \"alph\""), "{text}");
    assert!(text.contains("alpha"), "{text}");
}

fn unicode_width(s: &str) -> usize {
    // Box-drawing characters and letters used in the material are all one column wide.
    s.chars().count()
}
