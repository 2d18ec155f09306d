//! `check` reviews item writing: each cue that lets form rather than knowledge find the key is a
//! warning naming its rule, file and line; `--strict` refuses any.

mod common;

use std::path::Path;

use common::{copy_dir, dopdeck, fixture};
use serde_json::Value;

const NOW: &str = "2026-03-01T10:00:00Z";

/// One option: text, correct, why.
type Opt<'a> = (&'a str, bool, &'a str);

/// A `[[question]]` block for the fixture's domain 1.
fn question(id: &str, stem: &str, choose: u32, options: &[Opt<'_>]) -> String {
    let mut s = format!(
        "[[question]]\nid = \"{id}\"\ntask = \"1.4\"\ntopics = [\"alpha\"]\nchoose = {choose}\nstem = \"{stem}\"\n\
         explanation = \"Because.\"\nrefs = [\"https://example.com/alpha\"]\n"
    );
    for (text, correct, why) in options {
        s.push_str(&format!("\n[[question.option]]\ntext = \"{text}\"\ncorrect = {correct}\nwhy = \"{why}\"\n"));
    }
    s.push('\n');
    s
}

/// The fixture plus `questions` in content/questions/sdlc/cues.toml; returns `check --json`'s
/// item-writing report and whether `check --strict` passed.
fn review(root: &Path, questions: &[String]) -> (Value, bool) {
    copy_dir(&fixture(), root);
    std::fs::write(root.join("content/questions/sdlc/cues.toml"), questions.concat()).unwrap();
    let db = root.join("p.db");
    // No DOPDECK_DB: with a database, check would also look for orphans.
    let check = |args: &[&str]| dopdeck(root, &db, NOW).env_remove("DOPDECK_DB").args(args).output().unwrap();
    let out = check(&["check", "--json"]);
    assert!(out.status.success(), "warnings alone do not fail a plain check: {}", String::from_utf8_lossy(&out.stdout));
    let body: Value = serde_json::from_slice(&out.stdout).unwrap();
    let strict = check(&["check", "--strict"]);
    (body["item_writing"].clone(), strict.status.success())
}

/// The rules raised on question `id`.
fn rules(report: &Value, id: &str) -> Vec<String> {
    let mut out: Vec<String> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["message"].as_str())
        .filter(|m| m.contains(&format!(": {id}: ")))
        .filter_map(|m| m.split('[').nth(1).and_then(|r| r.split(']').next()).map(str::to_string))
        .collect();
    out.sort();
    out
}

/// Five multiple-choice questions in domain 1 whose key is `key` and whose distractors are FINE's.
fn five_with_key(key: &str) -> Vec<String> {
    (1..=5)
        .map(|n| {
            question(
                &format!("q-sdlc-cues-{n:04}"),
                "Which is best?",
                1,
                &[(key, true, "Right."), FINE[1], FINE[2], FINE[3]],
            )
        })
        .collect()
}

/// Whether warning `w` names `rule`.
fn mentions(w: &Value, rule: &str) -> bool {
    w["message"].as_str().is_some_and(|m| m.contains(rule))
}

const FINE: [Opt<'static>; 4] = [
    ("Use a rolling deployment with two batches", true, "Keeps capacity."),
    ("Use an all-at-once deployment of the stack", false, "Outage."),
    ("Use a blue/green swap of the DNS records", false, "Needs a second stack."),
    ("Use a canary release through the alias", false, "Not for this platform."),
];

#[test]
fn a_well_written_question_raises_nothing_and_passes_strict() {
    let dir = tempfile::tempdir().unwrap();
    let (report, strict) = review(dir.path(), &[question("q-sdlc-cues-0001", "Which is best?", 1, &FINE)]);
    assert_eq!(rules(&report, "q-sdlc-cues-0001"), Vec::<String>::new());
    assert!(strict, "{report}");
}

#[test]
fn each_cue_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let long_key = "Use a rolling deployment with two batches, a health check grace period and alarms that stop it";
    let qs = [
        question("q-sdlc-cues-0001", "Which is best?", 1, &[(long_key, true, "Right."), FINE[1], FINE[2], FINE[3]]),
        question("q-sdlc-cues-0002", "Which is best?", 1, &[FINE[0], (long_key, false, "Wrong."), FINE[2], FINE[3]]),
        question(
            "q-sdlc-cues-0003",
            "Which TWO? (Select TWO.)",
            2,
            &[
                ("Rolling deployment with an extra batch of instances", true, "Adds capacity."),
                ("Immutable deployment into a new Auto Scaling group", true, "New instances."),
                ("All at once", false, "Outage."),
                ("Single target", false, "Outage."),
                ("In place", false, "Outage."),
            ],
        ),
        question(
            "q-sdlc-cues-0004",
            "Which is best?",
            1,
            &[
                ("Use CodeDeployDefault.LambdaCanary10Percent5Minutes for the alias", true, "Right."),
                ("Use CodeDeployDefault.LambdaCanary10Percent10Minutes for the alias", false, "Too slow."),
                ("Use a weighted Route 53 record set for the two stacks", false, "Not for Lambda."),
                ("Use an Application Load Balancer listener rule per version", false, "Not needed."),
            ],
        ),
        question(
            "q-sdlc-cues-0005",
            "Which is best?",
            1,
            &[
                ("Use a rolling deployment with two batches", true, "Right."),
                ("Use an all-at-once deployment, which never fails", false, "Wrong."),
                ("Use a blue/green swap, available only in us-east-1", false, "Wrong."),
                ("Use a canary release that always replaces the stack", false, "Wrong."),
            ],
        ),
        question(
            "q-sdlc-cues-0006",
            "A team deploys Alpha to twelve instances behind a load balancer and must keep serving traffic. Which is best?",
            1,
            &[
                ("Deploy Alpha to twelve instances behind the load balancer", true, "Right."),
                ("Use an all-at-once deployment of the stack with a new template", false, "Outage."),
                ("Use a blue/green swap of the DNS records for the service", false, "Needs a second stack."),
                ("Use a canary release through the function alias only", false, "Not for this platform."),
            ],
        ),
        question(
            "q-sdlc-cues-0007",
            "What should the team do?",
            1,
            &[FINE[0], (FINE[1].0, false, "It would work, but it costs more."), FINE[2], FINE[3]],
        ),
    ];
    let (report, strict) = review(dir.path(), &qs);
    assert_eq!(rules(&report, "q-sdlc-cues-0001"), ["key-length"]);
    assert_eq!(rules(&report, "q-sdlc-cues-0002"), ["lone-distractor"]);
    assert_eq!(rules(&report, "q-sdlc-cues-0003"), ["correct-set-longest"]);
    assert_eq!(rules(&report, "q-sdlc-cues-0004"), ["near-duplicate"]);
    assert_eq!(rules(&report, "q-sdlc-cues-0005"), ["absolute-words"]);
    assert_eq!(rules(&report, "q-sdlc-cues-0006"), ["stem-echo"]);
    assert_eq!(rules(&report, "q-sdlc-cues-0007"), ["no-constraint"]);
    assert!(!strict, "--strict refuses warnings");
    let first = &report["warnings"][0];
    assert_eq!(first["file"], "content/questions/sdlc/cues.toml");
    assert!(first["line"].as_u64().unwrap() > 1);
}

#[test]
fn a_domain_where_the_key_is_usually_longest_is_flagged_and_measured() {
    let dir = tempfile::tempdir().unwrap();
    // Each key is the longest, but only slightly: no single question is flagged.
    let qs = five_with_key("Use a rolling deployment with two small batches");
    let (report, strict) = review(dir.path(), &qs);
    let d1 = &report["domains"]["1"];
    // The fixture's own multiple-choice question counts too; its key is not the longest: 5 of 6.
    assert_eq!(d1["multiple_choice"], 6);
    assert_eq!(d1["keyed_longest"], 5);
    let shared: Vec<&Value> =
        report["warnings"].as_array().unwrap().iter().filter(|w| mentions(w, "[keyed-longest-share]")).collect();
    assert_eq!(shared.len(), 1, "{report}");
    assert_eq!(shared[0]["file"], "content/exam.toml");
    assert!(!strict);
}

#[test]
fn a_domain_where_the_key_is_usually_shortest_is_flagged_too() {
    let dir = tempfile::tempdir().unwrap();
    let qs = five_with_key("Use a rolling deployment now");
    let (report, strict) = review(dir.path(), &qs);
    assert_eq!(report["domains"]["1"]["keyed_shortest"], 5, "{report}");
    let flagged = report["warnings"].as_array().unwrap().iter().any(|w| mentions(w, "[keyed-shortest-share]"));
    assert!(flagged, "{report}");
    assert!(!strict);
}
