//! `dopdeck plan`, `stats --json` readiness, `review --cram`, `exam --weakest` and the pacing
//! in `exam report --json`, through the real binary with a pinned clock (issue 21).

mod common;

use std::path::Path;
use std::process::Output;

use common::{dopdeck, fixture, run_with_input};

const NOW: &str = "2026-03-01T12:00:00Z";

fn run(db: &Path, now: &str, args: &[&str], stdin: &str) -> Output {
    let mut c = dopdeck(&fixture(), db, now);
    c.args(args);
    run_with_input(c, stdin)
}

fn ok(o: &Output) -> String {
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{text}\n{}", String::from_utf8_lossy(&o.stderr));
    text
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&ok(o)).unwrap()
}

#[test]
fn plan_sets_shows_and_clears_the_exam_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let none = ok(&run(&db, NOW, &["plan"], ""));
    assert!(none.contains("No exam date set"), "{none}");
    assert!(none.contains("projected score 100"), "{none}");

    let set = ok(&run(&db, NOW, &["plan", "--exam-date", "2026-03-10"], ""));
    assert!(set.contains("9 day(s) left"), "{set}");
    assert!(set.contains("Status: on track."), "{set}");
    assert!(set.contains("an estimate"), "{set}");
    let body = json(&run(&db, NOW, &["plan", "--json"], ""));
    let plan = &body["plan"];
    assert_eq!(plan["days_left"], 9);
    assert_eq!(plan["buffer_days"], 7);
    let new = plan["items"]["new"].as_u64().unwrap();
    assert_eq!(plan["new_per_day"].as_u64().unwrap(), new.div_ceil(2));
    assert_eq!(plan["verdict"]["status"], "on_track");
    assert_eq!(body["readiness"]["at"], "2026-03-10T09:00:00Z");
    // The queue follows the plan.
    let due = json(&run(&db, NOW, &["due", "--json"], ""));
    assert_eq!(due["new"].as_u64().unwrap(), new.div_ceil(2), "{due}");

    // A changed buffer keeps the date; a day later with nothing done is behind.
    ok(&run(&db, NOW, &["plan", "--buffer", "3"], ""));
    let body = json(&run(&db, "2026-03-02T12:00:00Z", &["plan", "--json"], ""));
    assert_eq!(body["plan"]["buffer_days"], 3);
    assert_eq!(body["plan"]["exam_date"], "2026-03-10");
    assert_eq!(body["plan"]["verdict"]["status"], "behind");

    let cleared = ok(&run(&db, NOW, &["plan", "--clear"], ""));
    assert!(cleared.contains("Plan removed"), "{cleared}");
    assert!(json(&run(&db, NOW, &["plan", "--json"], ""))["plan"].is_null());
}

#[test]
fn bad_plan_input_is_refused_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    for args in [
        &["plan", "--exam-date", "2026-02-30"][..],
        &["plan", "--exam-date", "tomorrow"],
        &["plan", "--exam-date", "2026-02-01"],
        &["plan", "--buffer", "5"],
        &["plan", "--buffer", "-1"],
        &["plan", "--new-per-day", "lots"],
        &["plan", "--clear", "--exam-date", "2026-04-01"],
    ] {
        let o = run(&db, NOW, args, "");
        assert!(!o.status.success(), "{args:?} was accepted");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn stats_json_carries_the_readiness_projection() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let body = json(&run(&db, NOW, &["stats", "--json"], ""));
    let r = &body["readiness"];
    assert_eq!(r["is_estimate"], true);
    assert_eq!(r["scaled_estimate"], 100);
    assert!(r["band"]["high"].as_u64().unwrap() > r["band"]["low"].as_u64().unwrap());
    assert_eq!(r["at"], "2026-03-01T12:00:00Z");
}

#[test]
fn cram_shows_items_and_leaves_scheduling_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    // Learn one card so there is scheduling to leave alone.
    ok(&run(&db, NOW, &["review", "--plain"], "\n3\nq\n"));
    let before = json(&run(&db, NOW, &["due", "--json"], ""));
    let stats_before = json(&run(&db, NOW, &["stats", "--json"], ""));
    let out = ok(&run(&db, NOW, &["review", "--cram"], "\n\n\n\nq\n"));
    assert!(out.contains("Nothing is rescheduled"), "{out}");
    assert!(out.contains("Crammed 2 item(s); their schedules are unchanged."), "{out}");
    assert_eq!(json(&run(&db, NOW, &["due", "--json"], "")), before);
    let stats_after = json(&run(&db, NOW, &["stats", "--json"], ""));
    assert_eq!(stats_after["reviews_total"], stats_before["reviews_total"]);
    assert_eq!(stats_after["items"], stats_before["items"]);
    let by_domain = ok(&run(&db, NOW, &["review", "--cram", "--domain", "1"], "q\n"));
    assert!(by_domain.contains("Crammed 0 item(s)"), "{by_domain}");
    assert!(!run(&db, NOW, &["review", "--cram", "--domain", "9"], "").status.success());
    assert!(!run(&db, NOW, &["review", "--cram", "--topic", "nope"], "").status.success());
    assert!(!run(&db, NOW, &["review", "--plain", "--domain", "1"], "").status.success(), "--domain needs --cram");
}

#[test]
fn weakest_drill_and_pacing_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let out = ok(&run(&db, NOW, &["exam", "--weakest", "--questions", "2", "--seed", "1"], "A\nA\nsubmit\ny\n"));
    assert!(out.contains("drill mode"), "{out}");
    let report = json(&run(&db, NOW, &["exam", "report", "--json"], ""));
    assert_eq!(report["mode"], "drill");
    assert_eq!(report["scope"]["kind"], "weakest");
    let pacing = &report["pacing"];
    assert_eq!(pacing["questions"].as_array().unwrap().len(), 2);
    assert_eq!(pacing["quarters"].as_array().unwrap().len(), 4);
    assert!(pacing["changes"]["wrong_to_right"].is_u64());
    assert!(pacing["time_left_seconds"].is_null(), "drills are untimed");

    // A timed exam: an answer changed is counted, the time left is reported.
    let out = ok(&run(&db, NOW, &["exam", "--plain", "--questions", "2", "--seed", "2"], "A\nprev\nB\nsubmit\ny\n"));
    assert!(out.contains("Pacing"), "{out}");
    let report = json(&run(&db, NOW, &["exam", "report", "--json"], ""));
    let changes = &report["pacing"]["changes"];
    let total: u64 =
        ["wrong_to_right", "right_to_wrong", "wrong_to_wrong"].iter().map(|k| changes[k].as_u64().unwrap()).sum();
    assert_eq!(total, 1, "{changes}");
    assert_eq!(report["pacing"]["time_left_seconds"], 5 * 60);
}
