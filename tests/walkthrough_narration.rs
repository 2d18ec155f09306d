//! Small walkthrough defects seen in use (issue 11, item 11): the narration follows the
//! parameters actually simulated, `--routing` reaches the TUI, and the capacity line reads
//! sensibly while two fleets serve.

mod tui_support;

use dopdeck::content;
use dopdeck::tui::Start;
use dopdeck::walkthrough::{self, Routing, StrategyParams, narrate, render};
use tui_support::app_with;

#[test]
fn narration_names_the_fleet_that_was_asked_for() {
    let catalog = content::load_embedded().expect("embedded material");
    let strategy = catalog.strategy("rolling").expect("rolling");
    let overrides = StrategyParams { fleet: Some(9), ..Default::default() };
    let timeline = walkthrough::walkthrough(strategy, &overrides, None).expect("simulates");
    let phases = walkthrough::narration(strategy, &timeline);
    assert!(phases[0].contains("nine instances"), "{}", phases[0]);
    assert!(phases.iter().all(|p| !p.contains("six")), "no default figure left: {phases:?}");

    let canary = catalog.strategy("canary").expect("canary");
    let overrides = StrategyParams { percent: Some(25), ..Default::default() };
    let timeline = walkthrough::walkthrough(canary, &overrides, None).expect("simulates");
    let phases = walkthrough::narration(canary, &timeline).join(" ");
    assert!(phases.contains("25%") && phases.contains("75%") && !phases.contains("10%"), "{phases}");
}

#[test]
fn every_shipped_narration_uses_known_placeholders_only_and_fills_them_all() {
    let catalog = content::load_embedded().expect("embedded material");
    for strategy in catalog.strategies() {
        for phase in &strategy.phases {
            assert_eq!(narrate::unknown(phase), Vec::<String>::new(), "{}: {phase}", strategy.id);
        }
        let timeline = walkthrough::walkthrough(strategy, &StrategyParams::default(), None).expect("simulates");
        for sentence in walkthrough::narration(strategy, &timeline) {
            assert!(!sentence.contains('{'), "{}: {sentence}", strategy.id);
        }
    }
}

#[test]
fn blue_green_capacity_says_desired_and_serving_apart() {
    let catalog = content::load_embedded().expect("embedded material");
    let strategy = catalog.strategy("blue-green").expect("blue/green");
    let timeline = walkthrough::walkthrough(strategy, &StrategyParams::default(), None).expect("simulates");
    let both = timeline.frames.iter().find(|f| f.in_service > f.desired).expect("a moment when both fleets serve");
    let line = render::status(both);
    assert!(line.contains("4 desired · 8 in service"), "{line}");
    assert!(!line.contains("8/4"), "{line}");
}

#[test]
fn the_routing_asked_for_on_the_command_line_reaches_the_tui() {
    let (cat, dir) = (content::load_embedded().expect("embedded material"), tempfile::tempdir().expect("temp dir"));
    let Some(id) = cat
        .strategies()
        .iter()
        .find(|s| walkthrough::params::routings(s.model).contains(&Routing::LambdaAlias))
        .map(|s| s.id.clone())
    else {
        panic!("the fixture has a strategy that can run behind a Lambda alias");
    };
    let start = Start::Strategy {
        id,
        overrides: StrategyParams::default(),
        routing: Some(Routing::LambdaAlias),
        fail_at: None,
    };
    let app = app_with(&cat, dir.path(), start);
    let walk = app.strategies.walk.as_ref().expect("the walkthrough is open");
    assert_eq!(walk.main.timeline.params.routing, Routing::LambdaAlias);
    assert_eq!(walk.routing, Some(Routing::LambdaAlias), "kept when parameters change");
}
