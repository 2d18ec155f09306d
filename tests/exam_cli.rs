//! Scripted exams through the real binary: a 20-question run whose report can be checked by
//! hand, resume after `kill -9` with less time left, and mistakes reaching the review queue.

mod common;

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{copy_dir, dopdeck, kill_9, run_with_input, spawn_interactive};

/// The fixture tree plus 24 generated questions, four per domain, each with option 1 correct.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&common::fixture(), dir.path());
    let domains = [
        (1, "sdlc", "1.1"),
        (2, "config-iac", "2.1"),
        (3, "resilience", "3.1"),
        (4, "monitoring", "4.1"),
        (5, "incident", "5.1"),
        (6, "security", "6.1"),
    ];
    for (d, slug, task) in domains {
        let mut s = String::new();
        for k in 0..4 {
            writeln!(
                s,
                "[[question]]\nid = \"q-{slug}-gen-{d}{k}\"\ntask = \"{task}\"\ntopics = [\"alpha\"]\nchoose = 1"
            )
            .unwrap();
            writeln!(
                s,
                "stem = \"Generated question {d}.{k}?\"\nexplanation = \"Because.\"\nrefs = [\"https://example.com\"]"
            )
            .unwrap();
            for o in 0..4 {
                writeln!(
                    s,
                    "[[question.option]]\ntext = \"Option {o} of {d}.{k}\"\ncorrect = {}\nwhy = \"Why {o}.\"",
                    o == 1
                )
                .unwrap();
            }
        }
        let folder = dir.path().join("content/questions").join(slug);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("gen.toml"), s).unwrap();
    }
    dir
}

fn cmd(content: &Path, db: &Path, now: &str) -> Command {
    dopdeck(content, db, now)
}

fn run(content: &Path, db: &Path, now: &str, args: &[&str], stdin: &str) -> Output {
    let mut c = cmd(content, db, now);
    c.args(args);
    let o = run_with_input(c, stdin);
    assert!(
        o.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn report(content: &Path, db: &Path, now: &str) -> serde_json::Value {
    serde_json::from_slice(&run(content, db, now, &["exam", "report", "--json"], "").stdout).unwrap()
}

/// Starts a 20-question exam, pauses at once, and returns the right letter of each question.
fn start(content: &Path, db: &Path) -> Vec<String> {
    let o =
        run(content, db, "2026-11-21T12:00:00Z", &["exam", "--plain", "--questions", "20", "--seed", "5"], "quit\n");
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("exam mode, 20 questions, 48 minutes"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let r = report(content, db, "2026-11-21T12:00:00Z");
    assert_eq!(r["submitted"], false);
    r["outcomes"].as_array().unwrap().iter().map(|o| o["correct_answer"].as_str().unwrap().to_string()).collect()
}

fn wrong(letter: &str) -> &'static str {
    if letter == "A" { "B" } else { "A" }
}

#[test]
fn a_scripted_20_question_exam_reports_numbers_you_can_check() {
    let content = tree();
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("p.db");
    let right = start(content.path(), &db);
    assert_eq!(right.len(), 20);
    // 12 right, 5 wrong, 3 unanswered (17, 18, 19 skipped with `next`), question 20 flagged.
    let mut script = String::new();
    for (i, letter) in right.iter().enumerate() {
        match i {
            0..12 => writeln!(script, "{letter}").unwrap(),
            12..17 => writeln!(script, "{}", wrong(letter)).unwrap(),
            17..19 => script.push_str("next\n"),
            _ => script.push_str("flag\nnext\n"),
        }
    }
    script.push_str("submit\ny\n");
    let o = run(content.path(), &db, "2026-11-21T12:30:00Z", &["exam", "--plain"], &script);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("Resuming attempt 1"), "{text}");
    assert!(text.contains("Unanswered: 18, 19, 20") && text.contains("Flagged: 20"), "{text}");

    let r = report(content.path(), &db, "2026-11-21T12:31:00Z");
    assert_eq!(r["submitted"], true);
    assert_eq!(r["questions"], 20);
    assert_eq!(r["correct"], 12);
    assert_eq!(r["percent"], 60.0);
    // 100 + (750 − 100) × 0.60 / 0.72 = 641.7 → 642
    assert_eq!(r["scaled_estimate"], 642);
    assert_eq!(r["passed"], false);
    let domains = r["domains"].as_object().unwrap();
    let total: u64 = domains.values().map(|d| d["questions"].as_u64().unwrap()).sum();
    let correct: u64 = domains.values().map(|d| d["correct"].as_u64().unwrap()).sum();
    assert_eq!((total, correct), (20, 12));
    // 20 questions by weight 22/17/15/15/14/17 are shares 4.4, 3.4, 3, 3, 2.8, 3.4: the wholes
    // make 18; the two left go to the largest remainders, .8 (domain 5), then the .4 of the
    // heaviest domain (1).
    let per: Vec<u64> = (1..=6).map(|d| domains[&d.to_string()]["questions"].as_u64().unwrap()).collect();
    assert_eq!(per, vec![5, 3, 3, 3, 3, 3]);

    // Mistakes reach review: the 5 wrong answers are learning items a minute after submission;
    // the 12 right ones are too (Good on a new item = first learning step), the 3 unanswered not.
    let due: serde_json::Value =
        serde_json::from_slice(&run(content.path(), &db, "2026-11-21T13:00:00Z", &["due", "--json"], "").stdout)
            .unwrap();
    assert_eq!(due["learning"], 17, "{due}");
    let wrong_id = r["outcomes"][12]["question_id"].as_str().unwrap().to_string();
    let item: serde_json::Value = serde_json::from_slice(
        &run(content.path(), &db, "2026-11-21T13:00:00Z", &["item", &wrong_id, "--json"], "").stdout,
    )
    .unwrap();
    assert_eq!(item["state"], "learning");
    assert_eq!(item["reviews"], 1);

    let h: serde_json::Value = serde_json::from_slice(
        &run(content.path(), &db, "2026-11-21T13:00:00Z", &["exam", "history", "--json"], "").stdout,
    )
    .unwrap();
    assert_eq!(h.as_array().unwrap().len(), 1);
}

#[test]
fn killing_an_exam_half_way_resumes_with_answers_kept_and_less_time() {
    let content = tree();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let right = start(content.path(), &db);
    let mut c = cmd(content.path(), &db, "2026-11-21T12:10:00Z");
    c.args(["exam", "--plain"]);
    let (child, mut stdin, mut lines) = spawn_interactive(c);
    for letter in right.iter().take(10) {
        writeln!(stdin, "{letter}").unwrap();
    }
    stdin.flush().unwrap();
    let saved = lines.by_ref().map_while(Result::ok).filter(|l| l.contains("Saved: ")).take(10).count();
    assert_eq!(saved, 10);
    kill_9(child);

    // Twenty minutes later: the answers are there and the clock kept running.
    let o = run(content.path(), &db, "2026-11-21T12:30:00Z", &["exam", "--plain"], "quit\n");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("Resuming attempt 1 (exam mode): 10 of 20 answered. 18:00 left"), "{text}");
    assert!(text.contains("Question 11 of 20"), "resumes where it stopped: {text}");

    // After the deadline the attempt is submitted at the deadline, with what was answered.
    let o = run(content.path(), &db, "2026-11-21T13:00:00Z", &["exam", "--plain"], "");
    assert!(String::from_utf8_lossy(&o.stdout).contains("ran out of time"));
    let r = report(content.path(), &db, "2026-11-21T13:00:00Z");
    assert_eq!(r["correct"], 10);
    assert_eq!(r["submitted_at"], "2026-11-21T12:48:00+00:00");
}
