//! The plain text of chosen frames, pinned: how rolling, rolling with an additional batch and
//! immutable look at their tightest moment and at the end, and a canary that fails its bake —
//! on a fleet, and behind a Lambda alias.
//!
//! Uses the shipped strategy files, so a change to their narration shows up here too.

use dopdeck::cli::walkthrough::timeline_lines;
use dopdeck::content::{self, Catalog};
use dopdeck::walkthrough::{self, Routing, Stage, StrategyParams, Timeline, render};

fn catalog() -> Catalog {
    content::load_embedded().expect("embedded material is valid")
}

fn timeline(catalog: &Catalog, id: &str, overrides: StrategyParams, fail: Option<u32>) -> Timeline {
    let s = catalog.strategy(id).expect("shipped strategy");
    walkthrough::walkthrough(s, &overrides, fail).expect("valid parameters")
}

/// The blocks of frames `at`, then the summary.
fn blocks(catalog: &Catalog, id: &str, t: &Timeline, at: &[usize]) -> String {
    let phases = walkthrough::narration(catalog.strategy(id).expect("shipped strategy"), t);
    let mut lines = Vec::new();
    for &i in at {
        lines.extend(render::frame_lines(t, i, &phases));
        lines.push(String::new());
    }
    lines.extend(render::summary_lines(&t.summary()));
    lines.join("\n")
}

/// The first frame with the fewest instances in service, the first with the most instances
/// running, and the last.
fn telling_frames(t: &Timeline) -> Vec<usize> {
    let min = t.frames.iter().map(|f| f.in_service).min().unwrap_or(0);
    let tight = t.frames.iter().position(|f| f.in_service == min).unwrap_or(0);
    let max = t.frames.iter().map(|f| f.slots.len()).max().unwrap_or(0);
    let big = t.frames.iter().position(|f| f.slots.len() == max).unwrap_or(0);
    let mut at = vec![tight, big, t.frames.len() - 1];
    at.sort_unstable();
    at.dedup();
    at
}

#[test]
fn rolling_vs_extra_batch_vs_immutable_on_the_same_fleet() {
    let catalog = catalog();
    for id in ["rolling", "rolling-extra-batch", "immutable"] {
        let mut o = StrategyParams { fleet: Some(4), ..Default::default() };
        if id != "immutable" {
            o.batch = Some(2);
        }
        let t = timeline(&catalog, id, o, None);
        insta::assert_snapshot!(format!("walkthrough_{id}_fleet4"), blocks(&catalog, id, &t, &telling_frames(&t)));
    }
}

#[test]
fn canary_failing_its_bake() {
    let catalog = catalog();
    let t = timeline(&catalog, "canary", StrategyParams::default(), Some(1));
    let failed = t.frames.iter().position(|f| f.stage == Stage::Failure).expect("a failure frame");
    let at: Vec<usize> = (failed - 1..t.frames.len()).collect();
    insta::assert_snapshot!("walkthrough_canary_fail_1", blocks(&catalog, "canary", &t, &at));
}

#[test]
fn the_whole_plain_timeline_of_rolling_with_a_failure() {
    let catalog = catalog();
    let t = timeline(&catalog, "rolling", StrategyParams::default(), Some(2));
    let s = catalog.strategy("rolling").expect("shipped strategy");
    insta::assert_snapshot!("walkthrough_rolling_fail_2_plain", timeline_lines(s, &t).join("\n"));
}

#[test]
fn the_whole_plain_timeline_of_a_lambda_canary_with_an_alarm() {
    let catalog = catalog();
    let s = catalog.strategy("canary").expect("shipped strategy");
    let t = walkthrough::walkthrough_routed(s, &StrategyParams::default(), Some(Routing::LambdaAlias), Some(1))
        .expect("valid parameters");
    insta::assert_snapshot!("walkthrough_lambda_canary_fail_1_plain", timeline_lines(s, &t).join("\n"));
}
