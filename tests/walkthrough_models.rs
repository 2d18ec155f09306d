//! Each model does what AWS does, checked on the shipped strategy files and on hand-picked
//! fleets: the shape of the timeline, the numbers that tell strategies apart, parameter errors,
//! and the purity of the module.

use dopdeck::content::{self, Catalog};
use dopdeck::walkthrough::{
    self, Condition, Group, ParamError, Params, Routing, Stage, StrategyModel as M, StrategyParams, Timeline, Version,
    model_phases, render,
};

fn catalog() -> Catalog {
    content::load_embedded().expect("embedded material is valid")
}

fn params(model: M, set: impl FnOnce(&mut StrategyParams)) -> Params {
    let mut o = StrategyParams::default();
    set(&mut o);
    Params::resolve(model, &StrategyParams::default(), &o).expect("valid parameters")
}

fn run(model: M, p: &Params, fail: Option<u32>) -> Timeline {
    walkthrough::simulate(model, p, fail).expect("valid failure point")
}

fn capacities(t: &Timeline) -> Vec<u32> {
    t.frames.iter().map(|f| f.in_service).collect()
}

#[test]
fn every_shipped_strategy_walks_with_its_own_defaults_and_narration() {
    let catalog = catalog();
    assert_eq!(catalog.strategies().len(), 11);
    for s in catalog.strategies() {
        assert_eq!(s.phases.len(), model_phases(s.model), "{}: the narration matches the model's phases", s.id);
        let t = walkthrough::walkthrough(s, &StrategyParams::default(), None).expect("file defaults are valid");
        assert_eq!(t.phase_count, s.phases.len());
        assert_eq!(t.frames.first().map(|f| f.phase), Some(0));
        assert_eq!(t.frames.last().map(|f| f.phase), Some(s.phases.len() - 1), "{}", s.id);
        if let Some(fleet) = s.params.fleet {
            assert_eq!(t.params.fleet, fleet, "{}", s.id);
        }
    }
}

#[test]
fn rolling_loses_one_batch_of_capacity_per_batch() {
    let p = params(M::Rolling, |o| {
        o.fleet = Some(6);
        o.batch = Some(2);
    });
    let t = run(M::Rolling, &p, None);
    assert_eq!(capacities(&t), [6, 4, 4, 6, 4, 4, 6, 4, 4, 6]);
    let s = t.summary();
    assert_eq!((s.min_in_service, s.peak_extra, s.downtime), (4, 0, false));
    // Both versions answer while it runs.
    assert!(t.frames.iter().any(|f| f.traffic.v1 > 0 && f.traffic.v2 > 0));
}

#[test]
fn rolling_with_extra_batch_keeps_full_capacity_for_one_batch_of_cost() {
    let p = params(M::RollingExtraBatch, |o| {
        o.fleet = Some(4);
        o.batch = Some(2);
    });
    let t = run(M::RollingExtraBatch, &p, None);
    let s = t.summary();
    assert_eq!((s.min_in_service, s.peak_extra), (4, 2));
    assert!(t.frames[1].slots.iter().any(|sl| sl.group == Group::ExtraBatch && sl.condition == Condition::Launching));
    // The extra batch is what gets terminated at the end; the original ids remain.
    let last = t.frames.last().expect("frames");
    assert_eq!(last.slots.iter().map(|s| s.id).collect::<Vec<_>>(), [1, 2, 3, 4]);
}

#[test]
fn immutable_doubles_the_fleet_and_keeps_the_original_ids_out_of_the_result() {
    let p = params(M::Immutable, |o| o.fleet = Some(4));
    let t = run(M::Immutable, &p, None);
    let s = t.summary();
    assert_eq!((s.min_in_service, s.peak_extra), (4, 4));
    assert_eq!(t.frames.iter().map(|f| f.in_service).max(), Some(8));
    // One instance first, then the rest.
    let launching = |i: usize| t.frames[i].slots.iter().filter(|s| s.condition == Condition::Launching).count();
    assert_eq!(launching(1), 1);
    assert!(t.frames.iter().any(|f| f.slots.iter().filter(|s| s.condition == Condition::Launching).count() == 3));
    let last = t.frames.last().expect("frames");
    assert!(last.slots.iter().all(|s| s.id > 4 && s.group == Group::AsgA), "fresh instances, merged into ASG-A");
}

#[test]
fn rolling_extra_batch_versus_immutable_in_numbers() {
    let extra = run(M::RollingExtraBatch, &params(M::RollingExtraBatch, |o| o.batch = Some(2)), None).summary();
    let immutable = run(M::Immutable, &params(M::Immutable, |_| {}), None).summary();
    let rolling = run(M::Rolling, &params(M::Rolling, |o| o.batch = Some(2)), None).summary();
    let all = run(M::AllAtOnce, &params(M::AllAtOnce, |_| {}), None).summary();
    assert!(immutable.peak_extra > extra.peak_extra);
    assert!(immutable.extra_instance_minutes > extra.extra_instance_minutes);
    assert!(extra.total_minutes > rolling.total_minutes, "launching first costs time");
    assert!(all.total_minutes < rolling.total_minutes, "all at once is fastest");
    assert!(rolling.min_in_service < extra.min_in_service);
}

#[test]
fn all_at_once_failure_is_an_outage_until_v1_is_redeployed() {
    let p = params(M::AllAtOnce, |o| o.fleet = Some(5));
    let t = run(M::AllAtOnce, &p, Some(1));
    let failed = t.frames.iter().position(|f| f.stage == Stage::Failure).expect("a failure frame");
    assert!(t.frames[failed].slots.iter().all(|s| s.condition == Condition::Failed));
    let rollback = &t.frames[failed + 1];
    assert_eq!(rollback.stage, Stage::Rollback);
    assert_eq!(rollback.in_service, 0, "the redeploy of v1 repeats the outage");
    assert!(rollback.slots.iter().all(|s| s.version == Some(Version::V1)));
    let s = t.summary();
    assert!(s.outage_minutes >= t.frames.last().map_or(0, |f| f.elapsed_minutes) - 1);
}

#[test]
fn rolling_failure_stops_and_rolls_back_the_batches_done_at_the_same_capacity_cost() {
    let p = params(M::Rolling, |o| {
        o.fleet = Some(6);
        o.batch = Some(2);
    });
    let ok = run(M::Rolling, &p, None).summary();
    let t = run(M::Rolling, &p, Some(2));
    let s = t.summary();
    // Alarm, v1 on the failed batch, then batch 1 drained and redeployed: 8 more minutes, and a
    // deployment that ends later than the successful one would have.
    assert_eq!(s.rollback_minutes, Some(8));
    assert!(s.total_minutes > ok.total_minutes);
    assert_eq!(s.min_in_service, 4);
    // Batch 3 (ids 5 and 6) is never touched.
    for f in &t.frames {
        for slot in f.slots.iter().filter(|s| s.id >= 5) {
            assert_eq!((slot.version, slot.condition), (Some(Version::V1), Condition::InService));
        }
    }
    // Batch 1 (already on v2) drains and is redeployed after the failed batch.
    let captions: Vec<&str> = t.frames.iter().map(|f| f.caption.as_str()).collect();
    let failed = captions.iter().position(|c| c.contains("Batch 2 fails")).expect("failure caption");
    assert!(captions[failed..].iter().any(|c| c.contains("batch 1, already on v2")));
}

#[test]
fn rolling_extra_batch_failure_in_the_extra_batch_never_touches_the_originals() {
    let p = params(M::RollingExtraBatch, |o| o.batch = Some(2));
    let t = run(M::RollingExtraBatch, &p, Some(1));
    for f in &t.frames {
        assert!(f.slots.iter().filter(|s| s.group == Group::Fleet).all(|s| s.version == Some(Version::V1)));
    }
    assert_eq!(t.summary().min_in_service, p.fleet);
}

#[test]
fn immutable_failure_terminates_the_temporary_group() {
    let p = params(M::Immutable, |o| o.fleet = Some(4));
    for k in [1, 2] {
        let t = run(M::Immutable, &p, Some(k));
        let terminating = t
            .frames
            .iter()
            .find(|f| f.slots.iter().any(|s| s.condition == Condition::Terminating))
            .expect("terminates");
        assert!(
            terminating.slots.iter().filter(|s| s.condition == Condition::Terminating).all(|s| s.group == Group::AsgB)
        );
        let s = t.summary();
        assert_eq!(s.min_in_service, 4);
        assert_eq!(s.peak_error_percent, 0);
    }
}

#[test]
fn blue_green_cuts_over_by_dns_and_so_slowly() {
    let p = params(M::BlueGreen, |o| o.fleet = Some(4));
    let t = run(M::BlueGreen, &p, None);
    assert!(t.frames.iter().all(|f| f.traffic.routing == Routing::Dns));
    // Cached answers: a frame where both get traffic right after the switch.
    assert!(t.frames.iter().any(|f| f.traffic.v1 > 0 && f.traffic.v2 > 0));
    assert_eq!(t.summary().peak_extra, 4);
    // Failing before cutover: production traffic never moves.
    let never = run(M::BlueGreen, &p, Some(1));
    assert!(never.frames.iter().all(|f| f.traffic.v2 == 0));
    // Failing after cutover: traffic is switched back to blue.
    let back = run(M::BlueGreen, &p, Some(2));
    let failed = back.frames.iter().position(|f| f.stage == Stage::Failure).expect("failure");
    assert_eq!(back.frames[failed].traffic.v2, 100);
    assert!(back.frames[failed + 1..].iter().any(|f| f.traffic.v1 == 100));
}

#[test]
fn red_black_flips_in_one_step_and_never_splits() {
    let p = params(M::RedBlack, |o| o.fleet = Some(4));
    for fail in [None, Some(2)] {
        let t = run(M::RedBlack, &p, fail);
        assert!(t.frames.iter().all(|f| f.traffic.v1 == 100 || f.traffic.v2 == 100), "{fail:?}");
    }
}

#[test]
fn canary_failure_exposes_only_the_canary_share_and_shifts_back_to_zero() {
    let p = params(M::Canary, |o| {
        o.fleet = Some(5);
        o.percent = Some(10);
    });
    let t = run(M::Canary, &p, Some(1));
    let s = t.summary();
    assert_eq!(s.peak_error_percent, 10);
    assert!(!s.downtime);
    let failed = t.frames.iter().position(|f| f.stage == Stage::Failure).expect("failure");
    assert_eq!(t.frames[failed + 1].traffic.v2, 0, "the alarm moves the share back at once");
    // Without failure the shift is 10 % then the remaining 90 % in one step.
    let ok = run(M::Canary, &p, None);
    let mut shares: Vec<u8> = ok.frames.iter().map(|f| f.traffic.v2).collect();
    shares.dedup();
    assert_eq!(shares, [0, 10, 100]);
}

#[test]
fn linear_moves_in_equal_steps_and_an_alarm_returns_everything() {
    let p = params(M::Linear, |o| {
        o.percent = Some(25);
        o.interval_minutes = Some(3);
    });
    let ok = run(M::Linear, &p, None);
    let mut shares: Vec<u8> = ok.frames.iter().map(|f| f.traffic.v2).collect();
    shares.dedup();
    assert_eq!(shares, [0, 25, 50, 75, 100]);
    let t = run(M::Linear, &p, Some(3));
    assert_eq!(t.summary().peak_error_percent, 75);
    assert_eq!(t.frames.last().map(|f| f.traffic.v1), Some(100));
}

#[test]
fn ab_test_failure_returns_traffic_to_variant_a() {
    let p = params(M::AbTest, |o| o.percent = Some(30));
    let t = run(M::AbTest, &p, Some(2));
    assert!(t.frames.iter().all(|f| f.traffic.v2 <= 30));
    let last = t.frames.last().expect("frames");
    assert!(last.slots.iter().all(|s| s.group == Group::VariantA));
}

#[test]
fn min_in_service_updates_everything_above_the_minimum_at_once() {
    let p = params(M::MinInService, |o| {
        o.fleet = Some(9);
        o.min_healthy = Some(6);
    });
    let t = run(M::MinInService, &p, None);
    assert_eq!(t.summary().min_in_service, 6);
    assert_eq!(walkthrough::failure_points(M::MinInService, &p).count, 3, "9 hosts, 6 healthy: three at a time");
}

#[test]
fn parameters_resolve_from_file_then_overrides_and_reject_what_does_not_apply() {
    let file = StrategyParams { fleet: Some(6), min_healthy: Some(4), batch: Some(2), ..Default::default() };
    let scaled = Params::resolve(M::MinInService, &file, &StrategyParams { fleet: Some(12), ..Default::default() });
    assert_eq!(scaled.map(|p| p.min_healthy), Ok(8), "4 of 6 becomes 8 of 12");
    let pct = Params::resolve(
        M::Rolling,
        &file,
        &StrategyParams { percent: Some(25), fleet: Some(10), ..Default::default() },
    );
    assert_eq!(pct.map(|p| p.batch), Ok(3), "25 % of 10 rounds up to 3");
    let clamped = Params::resolve(M::Rolling, &file, &StrategyParams { fleet: Some(1), ..Default::default() });
    assert_eq!(clamped.map(|p| p.batch), Ok(1), "the file's batch is clamped to a smaller fleet");

    let err = |model, o: StrategyParams| Params::resolve(model, &file, &o).expect_err("invalid");
    assert!(matches!(
        err(M::Rolling, StrategyParams { batch: Some(9), ..Default::default() }),
        ParamError::OutOfRange { .. }
    ));
    assert!(matches!(
        err(M::Immutable, StrategyParams { percent: Some(10), ..Default::default() }),
        ParamError::NotApplicable { .. }
    ));
    assert!(matches!(
        err(M::SingleTarget, StrategyParams { fleet: Some(2), ..Default::default() }),
        ParamError::OutOfRange { .. }
    ));
    assert!(matches!(
        err(M::Canary, StrategyParams { percent: Some(100), ..Default::default() }),
        ParamError::OutOfRange { .. }
    ));
    assert!(matches!(
        err(M::Rolling, StrategyParams { batch: Some(1), percent: Some(10), ..Default::default() }),
        ParamError::BatchAndPercent
    ));
    let p = params(M::Rolling, |o| o.batch = Some(2));
    assert!(matches!(walkthrough::simulate(M::Rolling, &p, Some(0)), Err(ParamError::FailAt { .. })));
    assert!(matches!(walkthrough::simulate(M::Rolling, &p, Some(3)), Err(ParamError::FailAt { max: 2, .. })));
}

#[test]
fn text_rendering_pieces() {
    assert_eq!(render::elapsed(7), "7 min");
    assert_eq!(render::elapsed(125), "2 h 05 min");
    assert_eq!(render::elapsed(1_470), "1 d 0 h 30 min");
    let p = params(M::Rolling, |o| {
        o.fleet = Some(3);
        o.batch = Some(1);
    });
    let t = run(M::Rolling, &p, Some(1));
    let failed = t.frames.iter().find(|f| f.stage == Stage::Failure).expect("failure");
    assert_eq!(render::picture(failed), "fleet [v2!][v1][v1]");
    assert_eq!(render::counts(failed), "1 v2 failing health checks, 2 v1 in service");
    assert_eq!(render::status(failed), "capacity 2/3 in service · extra 0 · traffic v1 100 % / v2 0 % (load balancer)");
}

/// The core stays pure: no terminal, database, file system, network or clock.
#[test]
fn the_walkthrough_module_imports_no_shell() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/walkthrough");
    let banned =
        ["ratatui", "crossterm", "rusqlite", "std::fs", "std::io", "std::net", "std::time", "Utc::now", "std::env"];
    for entry in std::fs::read_dir(&dir).expect("src/walkthrough exists") {
        let path = entry.expect("readable entry").path();
        let text = std::fs::read_to_string(&path).expect("readable source");
        for word in banned {
            assert!(!text.contains(word), "{} mentions {word}", path.display());
        }
    }
}

#[test]
fn compare_view_helpers_drop_foreign_knobs_and_share_a_clock() {
    let chosen = StrategyParams { fleet: Some(8), batch: Some(2), ..Default::default() };
    let for_immutable = walkthrough::applicable(M::Immutable, &chosen);
    assert_eq!((for_immutable.fleet, for_immutable.batch), (Some(8), None));
    assert!(Params::resolve(M::Immutable, &StrategyParams::default(), &for_immutable).is_ok());
    assert!(walkthrough::knobs(M::Linear).interval && !walkthrough::knobs(M::Linear).batch);

    let t = run(M::Rolling, &params(M::Rolling, |o| o.batch = Some(2)), None);
    assert_eq!(t.frame_at(0).map(|f| f.elapsed_minutes), Some(0));
    let at3 = t.frame_at(3).expect("a frame");
    assert!(at3.elapsed_minutes <= 3);
    assert_eq!(t.frame_at(10_000), t.frames.last(), "after the end the last frame stays");
}

#[test]
fn capacity_cost_is_counted_in_instance_minutes() {
    let rolling = run(
        M::Rolling,
        &params(M::Rolling, |o| {
            o.fleet = Some(6);
            o.batch = Some(2);
        }),
        None,
    )
    .summary();
    // Three batches, each out for drain + update + health = 4 minutes, 2 instances short.
    assert_eq!(rolling.short_instance_minutes, 3 * 4 * 2);
    let failed = run(
        M::Rolling,
        &params(M::Rolling, |o| {
            o.fleet = Some(6);
            o.batch = Some(2);
        }),
        Some(2),
    )
    .summary();
    assert!(failed.short_instance_minutes > rolling.short_instance_minutes, "the rollback costs capacity again");
    let extra = run(M::RollingExtraBatch, &params(M::RollingExtraBatch, |o| o.batch = Some(2)), None).summary();
    assert_eq!(extra.short_instance_minutes, 0);
}

#[test]
fn absurd_file_values_are_clamped_not_panicked_on() {
    let file = StrategyParams {
        fleet: Some(u32::MAX),
        batch: Some(u32::MAX),
        percent: Some(u32::MAX),
        bake_minutes: Some(u32::MAX),
        interval_minutes: Some(u32::MAX),
        min_healthy: Some(u32::MAX),
    };
    for model in M::ALL {
        let p = Params::resolve(model, &file, &StrategyParams::default()).expect("file values are clamped");
        assert!(p.fleet <= walkthrough::MAX_FLEET, "{model:?}");
        assert!(p.batch <= p.fleet, "{model:?}");
        assert!(p.min_healthy < p.fleet || p.fleet == 1, "{model:?}");
        let t = run(model, &p, None);
        assert!(!t.frames.is_empty());
        let zero = StrategyParams { fleet: Some(0), batch: Some(0), percent: Some(0), ..file };
        assert!(Params::resolve(model, &zero, &StrategyParams::default()).is_ok(), "{model:?}");
    }
}

fn lambda(model: M, set: impl FnOnce(&mut StrategyParams)) -> Params {
    let mut o = StrategyParams::default();
    set(&mut o);
    Params::resolve_routed(model, &StrategyParams::default(), &o, Some(Routing::LambdaAlias)).expect("valid parameters")
}

#[test]
fn lambda_alias_routing_applies_to_canary_linear_and_all_at_once_only() {
    let none = StrategyParams::default();
    for model in [M::Canary, M::Linear, M::AllAtOnce] {
        let p = Params::resolve_routed(model, &none, &none, Some(Routing::LambdaAlias)).expect("takes a Lambda alias");
        assert_eq!(p.routing, Routing::LambdaAlias);
        assert_eq!(Params::resolve(model, &none, &none).expect("defaults").routing, Routing::LoadBalancer);
    }
    for model in [M::Rolling, M::Immutable, M::BlueGreen, M::SingleTarget, M::AbTest] {
        let e = Params::resolve_routed(model, &none, &none, Some(Routing::LambdaAlias)).expect_err("no alias");
        assert!(matches!(e, ParamError::Routing { .. }), "{model:?}: {e}");
        assert!(e.to_string().contains("--routing lambda applies to canary, linear and all at once"), "{e}");
    }
    // The model's own routing, named explicitly, is fine; another fleet routing is not.
    assert!(Params::resolve_routed(M::BlueGreen, &none, &none, Some(Routing::Dns)).is_ok());
    let e = Params::resolve_routed(M::Canary, &none, &none, Some(Routing::Dns)).expect_err("canary has no DNS variant");
    assert_eq!(
        e.to_string(),
        "canary cannot use --routing dns: it takes --routing lb or lambda \
         (--routing lambda applies to canary, linear and all at once)"
    );
    // A hand-built Params cannot smuggle a routing past the simulation either.
    let mut p = params(M::Rolling, |_| {});
    p.routing = Routing::LambdaAlias;
    assert!(matches!(walkthrough::simulate(M::Rolling, &p, None), Err(ParamError::Routing { .. })));
}

#[test]
fn a_split_behind_an_alias_needs_two_environments() {
    let one = StrategyParams { fleet: Some(1), ..Default::default() };
    let e = Params::resolve_routed(M::Canary, &StrategyParams::default(), &one, Some(Routing::LambdaAlias))
        .expect_err("one environment cannot hold two versions");
    assert!(matches!(e, ParamError::OutOfRange { min: 2, got: 1, .. }), "{e}");
    // A file value of 1 is raised, not refused; all at once never splits, so 1 is fine there.
    let p = Params::resolve_routed(M::Linear, &one, &StrategyParams::default(), Some(Routing::LambdaAlias))
        .expect("file values are adapted");
    assert_eq!(p.fleet, 2);
    assert_eq!(lambda(M::AllAtOnce, |o| o.fleet = Some(1)).fleet, 1);
}

#[test]
fn a_lambda_canary_shifts_weights_not_instances_and_an_alarm_shifts_back() {
    let p = lambda(M::Canary, |o| {
        o.fleet = Some(10);
        o.percent = Some(10);
        o.bake_minutes = Some(5);
    });
    let t = run(M::Canary, &p, None);
    assert_eq!(t.phase_count, 6);
    assert!(t.frames.iter().all(|f| f.traffic.routing == Routing::LambdaAlias && f.extra == 0 && f.in_service == 10));
    let canary = t.frames.iter().find(|f| f.traffic.v2 == 10).expect("a canary frame");
    assert_eq!(render::picture(canary), "version 1 [v1][v1][v1][v1][v1][v1][v1][v1][v1]   version 2 [v2]");
    assert_eq!(
        render::codedeploy_setting(M::Canary, &p).as_deref(),
        Some("CodeDeployDefault.LambdaCanary10Percent5Minutes")
    );
    let s = t.summary();
    assert_eq!((s.peak_extra, s.extra_instance_minutes, s.short_instance_minutes), (0, 0, 0));

    let failed = run(M::Canary, &p, Some(1));
    let f = failed.frames.iter().find(|f| f.stage == Stage::Failure).expect("failure frame");
    assert_eq!((f.traffic.v2, f.traffic.errors), (10, 10), "only the canary share fails");
    assert_eq!(render::counts(f), "version 1: 9 v1 in service · version 2: 1 v2 failing invocations");
    let last = failed.frames.last().expect("frames");
    assert_eq!(
        (last.traffic.v1, last.elapsed_minutes - f.elapsed_minutes),
        (100, 1),
        "one alias update, an alarm later"
    );
    assert!(last.slots.iter().all(|s| s.group == Group::FunctionV1));
    assert_eq!(failed.summary().peak_extra, 0);
}

#[test]
fn lambda_all_at_once_has_no_outage_unless_the_new_version_fails() {
    let t = run(M::AllAtOnce, &lambda(M::AllAtOnce, |_| {}), None);
    let s = t.summary();
    assert!(!s.downtime && s.min_in_service == s.desired, "no environment stops: {s:?}");
    let fleet = run(M::AllAtOnce, &params(M::AllAtOnce, |_| {}), None).summary();
    assert!(fleet.downtime, "the instance fleet, updated in place, goes down");
    let bad = run(M::AllAtOnce, &lambda(M::AllAtOnce, |_| {}), Some(1)).summary();
    assert_eq!((bad.downtime, bad.outage_minutes, bad.peak_extra), (true, 1, 0), "every invocation fails for an alarm");
}

#[test]
fn lambda_timelines_narrate_themselves_and_name_the_codedeploy_setting() {
    let catalog = catalog();
    for (id, phases, setting) in [
        ("canary", 6, "CodeDeployDefault.LambdaCanary10Percent10Minutes"),
        ("linear", 5, "CodeDeployDefault.LambdaLinear10PercentEvery3Minutes"),
        ("all-at-once", 4, "CodeDeployDefault.LambdaAllAtOnce"),
    ] {
        let s = catalog.strategy(id).expect("shipped strategy");
        let t = walkthrough::walkthrough_routed(s, &StrategyParams::default(), Some(Routing::LambdaAlias), None)
            .expect("simulates");
        let narration = walkthrough::narration(s, &t);
        assert_eq!((t.phase_count, narration.len()), (phases, phases), "{id}");
        assert_eq!(t.frames.last().map(|f| f.phase), Some(phases - 1), "{id}");
        assert!(narration.iter().all(|p| !p.contains("instance")), "{id}: {narration:?}");
        assert_eq!(render::codedeploy_setting(s.model, &t.params).as_deref(), Some(setting));
        // The fleet routing keeps the file's narration, its placeholders filled.
        let own = walkthrough::walkthrough(s, &StrategyParams::default(), None).expect("simulates");
        let filled: Vec<String> = s.phases.iter().map(|p| walkthrough::narrate::fill(p, &own.params)).collect();
        assert_eq!(walkthrough::narration(s, &own), filled);
        assert_eq!(render::codedeploy_setting(s.model, &own.params), None);
    }
    let custom = lambda(M::Linear, |o| {
        o.percent = Some(25);
        o.interval_minutes = Some(4);
    });
    assert_eq!(
        render::codedeploy_setting(M::Linear, &custom).as_deref(),
        Some("a custom deployment configuration: TimeBasedLinear with LinearPercentage 25 and LinearInterval 4")
    );
    let one_minute = lambda(M::Linear, |o| o.interval_minutes = Some(1));
    assert_eq!(
        render::codedeploy_setting(M::Linear, &one_minute).as_deref(),
        Some("CodeDeployDefault.LambdaLinear10PercentEvery1Minute")
    );
}
