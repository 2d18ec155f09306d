//! Properties every walkthrough must keep, over many parameter sets and every model: what the
//! model promises about capacity, traffic that always adds up, a clean last frame, time and
//! narration that only move forward, and failures that change only what comes after them.

use dopdeck::walkthrough::{
    self, Condition, Frame, Group, Outcome, Params, Routing, Stage, StrategyModel as M, StrategyParams, Timeline,
    Version,
};
use proptest::prelude::*;

const MODELS: [M; 11] = M::ALL;

/// Parameters as a strategy file could give them: resolution clamps them into range. Each
/// routing the model can take is drawn (a Lambda alias for canary, linear and all at once).
fn params() -> impl Strategy<Value = (M, Params)> {
    (0..MODELS.len(), 1u32..=30, 1u32..=30, 1u32..=100, 0u32..=90, 0u32..=12, 0u32..=30, 0usize..4).prop_map(
        |(m, fleet, batch, percent, bake, interval, min_healthy, pick)| {
            let model = MODELS[m];
            let choices = walkthrough::routings(model);
            let routing = choices[pick % choices.len()];
            let file = StrategyParams {
                fleet: Some(fleet),
                batch: Some(batch),
                percent: Some(percent),
                bake_minutes: Some(bake),
                interval_minutes: Some(interval),
                min_healthy: Some(min_healthy),
            };
            let p = Params::resolve_routed(model, &file, &StrategyParams::default(), Some(routing))
                .expect("file values are clamped");
            (model, p)
        },
    )
}

fn run(model: M, p: &Params, fail: Option<u32>) -> Timeline {
    walkthrough::simulate(model, p, fail).expect("valid failure point")
}

/// The capacity a model promises when nothing fails. Behind a Lambda alias nothing is ever
/// taken out of service: environments follow the weight.
fn promised_floor(model: M, p: &Params) -> u32 {
    if p.routing == Routing::LambdaAlias {
        return p.fleet;
    }
    match model {
        M::SingleTarget | M::AllAtOnce => 0,
        M::MinInService => p.min_healthy,
        M::Rolling => p.fleet - p.batch,
        _ => p.fleet,
    }
}

fn check_common(t: &Timeline) -> Result<(), TestCaseError> {
    let frames = &t.frames;
    prop_assert!(!frames.is_empty());
    let first = &frames[0];
    prop_assert_eq!(first.stage, Stage::Start);
    prop_assert_eq!(first.in_service, first.desired);
    prop_assert!(first.slots.iter().all(|s| s.version == Some(Version::V1) && s.condition == Condition::InService));
    prop_assert_eq!((first.traffic.v1, first.traffic.v2), (100, 0));
    for pair in frames.windows(2) {
        prop_assert!(pair[0].elapsed_minutes <= pair[1].elapsed_minutes, "time went back");
        prop_assert!(pair[0].phase <= pair[1].phase, "narration went back");
        prop_assert!(pair[0].fail_point <= pair[1].fail_point, "failure points went back");
    }
    for f in frames {
        check_frame(t, f)?;
    }
    Ok(())
}

fn check_frame(t: &Timeline, f: &Frame) -> Result<(), TestCaseError> {
    prop_assert!(f.phase < t.phase_count.max(1), "phase {} of {}", f.phase, t.phase_count);
    let sum = u32::from(f.traffic.v1) + u32::from(f.traffic.v2);
    prop_assert!(sum == 100 || (sum == 0 && f.in_service == 0), "traffic sums to {sum} with {} serving", f.in_service);
    prop_assert!(f.traffic.errors <= 100);
    let serving = f.slots.iter().filter(|s| s.condition == Condition::InService).count();
    prop_assert_eq!(f.in_service as usize, serving);
    prop_assert_eq!(f.extra as usize, f.slots.len().saturating_sub(f.desired as usize));
    prop_assert_eq!(f.desired, t.params.fleet);
    let mut ids: Vec<u32> = f.slots.iter().map(|s| s.id).collect();
    ids.sort_unstable();
    ids.dedup();
    prop_assert_eq!(ids.len(), f.slots.len(), "slot ids are unique");
    prop_assert_eq!(f.traffic.routing, t.params.routing);
    if t.params.routing == Routing::LambdaAlias {
        // No fleet: nothing launches, updates, drains, idles or terminates, nothing extra runs,
        // and every environment belongs to the version its group names.
        prop_assert_eq!(f.extra, 0);
        prop_assert_eq!(f.slots.len() as u32, f.desired, "environments always add up to the concurrency");
        for s in &f.slots {
            prop_assert!(matches!(s.condition, Condition::InService | Condition::Failed), "{s:?}");
            let expected = if s.group == Group::FunctionV1 { Version::V1 } else { Version::V2 };
            prop_assert!(matches!(s.group, Group::FunctionV1 | Group::FunctionV2));
            prop_assert_eq!(s.version, Some(expected));
        }
        if f.stage != Stage::Failure {
            prop_assert_eq!(f.in_service, f.desired, "capacity is never reduced");
        }
        // The environments follow the weight: a version has some exactly when it has a share.
        let has = |v| f.slots.iter().any(|s| s.version == Some(v));
        prop_assert_eq!(has(Version::V1), f.traffic.v1 > 0);
        prop_assert_eq!(has(Version::V2), f.traffic.v2 > 0);
    }
    // A version receiving weighted traffic has somewhere to go, or those requests are errors.
    if f.traffic.errors == 0 && sum == 100 {
        for (version, share) in [(Version::V1, f.traffic.v1), (Version::V2, f.traffic.v2)] {
            if share > 0 {
                prop_assert!(
                    f.slots.iter().any(|s| s.version == Some(version) && s.condition == Condition::InService),
                    "{share}% to {version:?} with nothing of it in service"
                );
            }
        }
    }
    Ok(())
}

fn check_end(t: &Timeline, version: Version) -> Result<(), TestCaseError> {
    let last = t.frames.last().expect("frames");
    prop_assert_eq!(last.stage, Stage::Done);
    prop_assert_eq!(last.slots.len() as u32, last.desired);
    prop_assert!(last.slots.iter().all(|s| s.version == Some(version) && s.condition == Condition::InService));
    prop_assert_eq!(last.in_service, last.desired);
    prop_assert_eq!(last.extra, 0);
    prop_assert_eq!(last.traffic.errors, 0);
    let share = if version == Version::V2 { last.traffic.v2 } else { last.traffic.v1 };
    prop_assert_eq!(share, 100);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn without_failure_the_model_keeps_its_promises((model, p) in params()) {
        let t = run(model, &p, None);
        check_common(&t)?;
        check_end(&t, Version::V2)?;
        let s = t.summary();
        prop_assert_eq!(s.outcome, Outcome::Deployed);
        prop_assert!(s.min_in_service >= promised_floor(model, &p), "{model:?} {p:?}: min {}", s.min_in_service);
        let lambda = p.routing == Routing::LambdaAlias;
        if matches!(model, M::SingleTarget | M::AllAtOnce) && !lambda {
            prop_assert_eq!(s.min_in_service, 0, "an in-place all-at-once update reaches zero");
        }
        if lambda {
            prop_assert_eq!(s.peak_extra, 0, "a Lambda alias costs no extra instances");
            prop_assert_eq!(s.min_in_service, p.fleet, "a Lambda alias never reduces capacity");
        }
        // An outage exactly when the model promises nothing (rolling with one batch, a minimum
        // of zero healthy, and the all-at-once models).
        prop_assert_eq!(s.downtime, promised_floor(model, &p) == 0);
        if !s.downtime {
            prop_assert_eq!(s.peak_error_percent, 0);
        }
        if matches!(model, M::SingleTarget | M::AllAtOnce | M::MinInService | M::Rolling) {
            prop_assert_eq!(s.peak_extra, 0, "in-place models launch nothing");
        }
        prop_assert!(t.frames.iter().all(|f| f.stage != Stage::Failure && f.stage != Stage::Rollback));
        prop_assert_eq!(t.frames.last().map(|f| f.phase), Some(t.phase_count - 1), "the narration reaches its end");
    }

    #[test]
    fn after_a_failure_everything_is_back_on_v1((model, p) in params(), pick in 0u32..1000) {
        let points = walkthrough::failure_points(model, &p);
        prop_assert!(points.count >= 1);
        let k = pick % points.count + 1;
        let t = run(model, &p, Some(k));
        check_common(&t)?;
        check_end(&t, Version::V1)?;
        let s = t.summary();
        prop_assert_eq!(s.outcome, Outcome::RolledBack);
        prop_assert!(s.rollback_minutes.is_some());
        prop_assert_eq!(t.frames.iter().filter(|f| f.stage == Stage::Failure).count(), 1);

        // Everything up to the frame that reaches point k is the same as without the failure.
        let ok = run(model, &p, None);
        let reach = ok.frames.iter().position(|f| f.fail_point == k).expect("the point is reached");
        prop_assert_eq!(&t.frames[..=reach], &ok.frames[..=reach]);
        prop_assert!(t.frames[reach + 1..].iter().any(|f| f.stage == Stage::Failure));

        let min = s.min_in_service;
        let max_v2 = t.frames.iter().map(|f| f.traffic.v2).max().unwrap_or(0);
        if p.routing == Routing::LambdaAlias {
            prop_assert_eq!(s.peak_extra, 0, "rolling back an alias launches nothing either");
            // CodeDeploy's rollback is one alias update: the frame after the failure is the end.
            let failed = t.frames.iter().position(|f| f.stage == Stage::Failure).expect("a failure frame");
            prop_assert_eq!(failed + 2, t.frames.len());
        }
        match model {
            M::Rolling => prop_assert!(min >= p.fleet - p.batch, "rolling back keeps the batch rule"),
            M::MinInService => prop_assert!(min >= p.min_healthy),
            M::RollingExtraBatch | M::Immutable => prop_assert!(min >= p.fleet, "capacity never dips"),
            // Behind an alias too: every invocation fails until the alarm rolls it back.
            M::AllAtOnce | M::SingleTarget => prop_assert_eq!(min, 0),
            M::BlueGreen | M::RedBlack if k == 1 => prop_assert_eq!(max_v2, 0, "never cuts over"),
            M::Canary if k == 1 => prop_assert!(u32::from(max_v2) <= p.percent),
            M::Linear => prop_assert!(u32::from(max_v2) <= (k * p.percent).min(100)),
            M::AbTest => prop_assert!(u32::from(max_v2) <= p.percent),
            _ => {}
        }
        if model == M::Immutable {
            // The original group is never touched: its instances stay on v1 and in service.
            for f in &t.frames {
                let original = f.slots.iter().filter(|s| s.id <= p.fleet);
                prop_assert!(original.clone().count() == p.fleet as usize);
                prop_assert!(original.into_iter().all(|s| s.version == Some(Version::V1) && s.condition == Condition::InService));
            }
        }
    }

    #[test]
    fn phases_rescale_within_bounds_and_in_order((model, p) in params(), count in 0usize..12) {
        let t = run(model, &p, None).with_phase_count(count);
        prop_assert_eq!(t.phase_count, count);
        for pair in t.frames.windows(2) {
            prop_assert!(pair[0].phase <= pair[1].phase);
        }
        prop_assert!(t.frames.iter().all(|f| f.phase < count.max(1)));
        if count > 0 {
            prop_assert_eq!(t.frames.last().map(|f| f.phase), Some(count - 1));
        }
    }

    #[test]
    fn simulation_is_deterministic((model, p) in params(), fail in proptest::option::of(1u32..3)) {
        let fail = fail.filter(|&k| k <= walkthrough::failure_points(model, &p).count);
        prop_assert_eq!(run(model, &p, fail), run(model, &p, fail));
    }
}
