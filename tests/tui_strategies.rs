//! The strategies screen: the list, a walkthrough played on ticks, stepped, re-parameterised,
//! failed on purpose, compared side by side, and the questions at the end.

mod tui_support;

use dopdeck::content::{self, Catalog};
use dopdeck::tui::screens::walk::Walk;
use dopdeck::tui::{Action, App};
use dopdeck::walkthrough::{Stage, StrategyParams};
use tui_support::{app, catalog, now, press, render};

fn snap(name: &str, app: &mut App<'_>) {
    insta::assert_snapshot!(name, render(app, 100, 30));
}

#[test]
fn a_walkthrough_from_the_list_to_the_questions() {
    let (cat, dir) = (catalog(), tempfile::tempdir().expect("temp dir"));
    let mut app = app(&cat, dir.path());
    press(&mut app, &["7"]);
    snap("strategies_list", &mut app);
    press(&mut app, &["Enter"]);
    snap("walkthrough_start", &mut app);
    // Play: a tick of the fast clock is 1/30 s, one step per second at ×1.
    press(&mut app, &["Space"]);
    for _ in 0..31 {
        app.update(Action::Tick, now());
    }
    let walk = app.strategies.walk.as_ref().expect("open");
    assert_eq!(walk.pos, 1, "one step after a second at ×1");
    press(&mut app, &["Space", "Right"]);
    snap("walkthrough_step_3", &mut app);
    press(&mut app, &["x"]);
    snap("walkthrough_failure_injected", &mut app);
    press(&mut app, &["G"]);
    snap("walkthrough_rolled_back", &mut app);
    press(&mut app, &["p", "Right", "Down", "Right"]);
    snap("walkthrough_parameters", &mut app);
    press(&mut app, &["Enter", "Enter"]);
    snap("walkthrough_question", &mut app);
    press(&mut app, &["a"]);
    snap("walkthrough_question_answered", &mut app);
    press(&mut app, &["Enter"]);
    snap("walkthrough_questions_done", &mut app);
}

#[test]
fn playback_stops_at_the_end_and_space_starts_again() {
    let cat = catalog();
    let mut w = Walk::new(&cat, 0, StrategyParams::default(), None).expect("rolling simulates");
    w.toggle_play();
    assert!(!w.advance(0.5), "half a step at ×1 moves nothing");
    assert!(w.advance(0.5));
    w.change_speed(10);
    for _ in 0..100 {
        w.advance(0.1);
    }
    assert!(w.at_end() && !w.playing, "stopped on the last step");
    w.toggle_play();
    assert_eq!((w.pos, w.playing), (0, true), "from the end, play starts over");
}

#[test]
fn a_failure_injected_mid_way_keeps_the_frame_or_shows_the_failure() {
    let cat = catalog();
    let mut w = Walk::new(&cat, 0, StrategyParams { fleet: Some(6), batch: Some(2), ..Default::default() }, None)
        .expect("rolling simulates");
    w.step(3);
    let shown = w.frames().0.clone();
    assert!(w.toggle_failure(&cat).expect("valid failure point"));
    let now_shown = w.frames().0;
    assert!(
        *now_shown == shown || now_shown.stage == Stage::Failure,
        "either the same moment or the failure itself: {now_shown:?}"
    );
    assert_eq!(w.main.timeline.frames.last().map(|f| f.stage), Some(Stage::Done));
    assert!(!w.toggle_failure(&cat).expect("removing works"), "x again removes the failure");
    assert_eq!(w.main.timeline.fail_at, None);
}

#[test]
fn comparing_puts_both_strategies_on_the_same_fleet_in_time_order() {
    let cat: Catalog = content::load_embedded().expect("embedded material");
    let index = |id: &str| cat.strategies().iter().position(|s| s.id == id).expect("shipped strategy");
    let mut w = Walk::new(&cat, index("rolling"), StrategyParams::default(), None).expect("simulates");
    w.compare(Some(index("immutable")), &cat).expect("compares");
    let other = w.other.as_ref().expect("second strategy");
    assert_eq!(w.main.timeline.params.fleet, other.timeline.params.fleet, "same fleet");
    let minutes: Vec<(u32, u32)> = w
        .steps
        .iter()
        .map(|&(a, b)| {
            let b = b.expect("both sides have a frame at every step");
            (w.main.timeline.frames[a].elapsed_minutes, other.timeline.frames[b].elapsed_minutes)
        })
        .collect();
    assert!(minutes.windows(2).all(|p| p[0].0 <= p[1].0 && p[0].1 <= p[1].1), "time never runs backwards: {minutes:?}");
    assert_eq!(w.steps.last().map(|s| s.0), Some(w.main.timeline.frames.len() - 1));
    w.compare(None, &cat).expect("stops comparing");
    assert!(w.other.is_none());
}

#[test]
fn the_parameters_panel_switches_canary_linear_and_all_at_once_to_a_lambda_alias() {
    use dopdeck::tui::screens::walk::Knob;
    use dopdeck::walkthrough::Routing;
    let cat: Catalog = content::load_embedded().expect("embedded material");
    let index = |id: &str| cat.strategies().iter().position(|s| s.id == id).expect("shipped strategy");
    for id in ["canary", "linear", "all-at-once"] {
        let w = Walk::new(&cat, index(id), StrategyParams::default(), None).expect("simulates");
        assert_eq!(w.knobs(&cat).last(), Some(&Knob::Routing), "{id} offers the routing");
    }
    let rolling = Walk::new(&cat, index("rolling"), StrategyParams::default(), None).expect("simulates");
    assert!(!rolling.knobs(&cat).contains(&Knob::Routing), "rolling needs a fleet");

    let mut w = Walk::new(&cat, index("canary"), StrategyParams::default(), None).expect("simulates");
    assert_eq!(w.shown(Knob::Routing), "load balancer");
    w.turn(Knob::Routing, 1, &cat).expect("switches");
    assert_eq!(
        (w.main.timeline.params.routing, w.shown(Knob::Routing).as_str()),
        (Routing::LambdaAlias, "Lambda alias")
    );
    // Other knobs keep the routing; comparing applies it where the model takes it.
    w.turn(Knob::Percent, 1, &cat).expect("turns");
    assert_eq!(w.main.timeline.params.routing, Routing::LambdaAlias);
    w.compare(Some(index("linear")), &cat).expect("compares");
    assert_eq!(w.other.as_ref().map(|o| o.timeline.params.routing), Some(Routing::LambdaAlias));
    w.compare(Some(index("immutable")), &cat).expect("compares");
    assert_eq!(w.other.as_ref().map(|o| o.timeline.params.routing), Some(Routing::LoadBalancer));
    assert!(w.toggle_failure(&cat).expect("fails"));
    assert_eq!(w.main.timeline.params.routing, Routing::LambdaAlias, "a failure keeps the routing");
    w.turn(Knob::Routing, -1, &cat).expect("switches back");
    assert_eq!(w.main.timeline.params.routing, Routing::LoadBalancer);
}

#[test]
fn a_lambda_canary_on_screen() {
    let (cat, dir) = (content::load_embedded().expect("embedded material"), tempfile::tempdir().expect("temp dir"));
    let mut app = app(&cat, dir.path());
    press(&mut app, &["7"]);
    let order = dopdeck::tui::screens::strategies::strategy_order(&cat);
    let canary = order.iter().position(|&i| cat.strategies()[i].id == "canary").expect("shipped strategy");
    for _ in 0..canary {
        press(&mut app, &["Down"]);
    }
    // Parameters: fleet, percent, bake, routing.
    press(&mut app, &["Enter", "p", "Down", "Down", "Down", "Right"]);
    insta::assert_snapshot!("walkthrough_lambda_parameters", render(&mut app, 100, 30));
    press(&mut app, &["Enter", "Right", "Right"]);
    snap("walkthrough_lambda_canary", &mut app);
}
