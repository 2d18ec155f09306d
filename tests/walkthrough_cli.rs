//! `dopdeck walkthrough` as a user runs it: the plain timeline, failure injection, the list,
//! unknown strategies, bad parameters and the missing `--plain`.

mod common;

use std::process::Output;

use common::stdout;

fn dopdeck(args: &[&str]) -> Output {
    common::dopdeck_embedded(args)
}

#[test]
fn plain_prints_one_block_per_step_and_a_summary() {
    let o = dopdeck(&["walkthrough", "rolling-extra-batch", "--plain"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    assert!(text.starts_with("Rolling with an additional batch (rolling-extra-batch"), "{text}");
    assert!(text.contains("Step 1 of 12 · 0 min"), "{text}");
    assert!(text.contains("extra batch [v2+][v2+]"), "{text}");
    assert!(text.contains("capacity 4/4 in service · extra 2 · traffic v1 100 % / v2 0 % (load balancer)"), "{text}");
    assert!(text.contains("Phase 2 of 6 — Extra batch:"), "{text}");
    assert!(text.contains("RollingWithAdditionalBatch"), "the AWS setting is named: {text}");
    assert!(text.contains("min capacity     4 of 4 in service (100 %)"), "{text}");
    assert!(text.contains("downtime         no"), "{text}");
    assert!(text.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 100), "wrapped to COLUMNS");
}

#[test]
fn parameters_and_failure_change_the_timeline() {
    let o = dopdeck(&["walkthrough", "rolling", "--fleet", "8", "--percent", "25", "--fail-at", "3", "--plain"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.contains("fleet 8 · batch 2 (4 batches)"), "{text}");
    assert!(text.contains("failure: the new version fails at batch 3 of 4"), "{text}");
    assert!(text.contains("· FAILURE") && text.contains("· ROLLBACK"), "{text}");
    assert!(text.contains("outcome          rolled back"), "{text}");
}

#[test]
fn names_and_aliases_find_the_strategy() {
    let o = dopdeck(&["walkthrough", "Blue/green", "--plain"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("(DNS weights)"));
}

#[test]
fn without_plain_it_points_at_plain_and_exits_2() {
    let o = dopdeck(&["walkthrough", "canary"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("dopdeck walkthrough canary --plain"), "{}", stdout(&o));
}

#[test]
fn an_unknown_strategy_lists_close_matches_and_exits_1() {
    let o = dopdeck(&["walkthrough", "rollin", "--plain"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty(), "the error goes to standard error: {}", stdout(&o));
    let text = String::from_utf8_lossy(&o.stderr);
    assert!(text.contains("no strategy \"rollin\""), "{text}");
    assert!(text.contains("rolling"), "{text}");
}

#[test]
fn parameters_a_strategy_cannot_take_exit_2_with_the_reason() {
    let o = dopdeck(&["walkthrough", "immutable", "--percent", "10", "--plain"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("immutable does not use --percent"), "{}", stdout(&o));
    let o = dopdeck(&["walkthrough", "rolling", "--fail-at", "9", "--plain"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("--fail-at must be between 1 and 3"), "{}", stdout(&o));
    let o = dopdeck(&["walkthrough", "rolling", "--batch", "2", "--percent", "10", "--plain"]);
    assert_eq!(o.status.code(), Some(2), "clap rejects both");
}

#[test]
fn list_names_every_strategy() {
    let o = dopdeck(&["walkthrough", "--list"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for id in [
        "single-target",
        "all-at-once",
        "min-in-service",
        "rolling",
        "rolling-extra-batch",
        "immutable",
        "blue-green",
        "red-black",
        "canary",
        "linear",
        "ab-test",
    ] {
        assert!(text.lines().any(|l| l.starts_with(id)), "{id} missing: {text}");
    }
}

#[test]
fn a_large_fleet_wraps_between_instance_boxes() {
    let o = dopdeck(&["walkthrough", "immutable", "--fleet", "30", "--plain", "--width", "60"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 60, "too wide: {line}");
        assert_eq!(line.matches('[').count(), line.matches(']').count(), "a box split across lines: {line}");
    }
}

#[test]
fn routing_lambda_shifts_an_alias_and_names_the_codedeploy_setting() {
    let o = dopdeck(&["walkthrough", "canary", "--routing", "lambda", "--fail-at", "1", "--plain"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let text = stdout(&o);
    assert!(text.contains("CodeDeploy: CodeDeployDefault.LambdaCanary10Percent10Minutes"), "{text}");
    assert!(text.contains("Lambda alias · 5 execution environments · canary 10 % · interval 10 min"), "{text}");
    assert!(text.contains("traffic v1 90 % / v2 10 % (Lambda alias weights)"), "{text}");
    assert!(text.contains("peak extra       0 environments"), "{text}");
    assert!(text.contains("outcome          rolled back: the alias sends everything to v1 again"), "{text}");
    let o = dopdeck(&["walkthrough", "all-at-once", "--routing", "lambda", "--plain"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("CodeDeploy: CodeDeployDefault.LambdaAllAtOnce"), "{}", stdout(&o));
    assert!(stdout(&o).contains("downtime         no"), "{}", stdout(&o));
}

#[test]
fn routing_a_model_cannot_take_exits_2_with_the_reason() {
    let o = dopdeck(&["walkthrough", "rolling", "--routing", "lambda", "--plain"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("rolling cannot use --routing lambda: it takes --routing lb only"), "{}", stdout(&o));
    let o = dopdeck(&["walkthrough", "canary", "--routing", "lambda", "--fleet", "1", "--plain"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("must be between 2 and 50 (got 1)"), "{}", stdout(&o));
    let o = dopdeck(&["walkthrough", "canary", "--routing", "lambda"]);
    assert_eq!(o.status.code(), Some(2), "--routing needs --plain (the TUI takes it from its parameters panel)");
    let o = dopdeck(&["walkthrough", "canary", "--routing", "gateway", "--plain"]);
    assert_eq!(o.status.code(), Some(2), "clap rejects unknown values");
}
