//! The serverless variants of canary, linear and all at once: CodeDeploy shifting a Lambda
//! alias between two published function versions (`CodeDeployDefault.LambdaCanary…`,
//! `LambdaLinear…`, `LambdaAllAtOnce`).
//!
//! What differs from the fleet models is what is *absent*: nothing is launched ahead of
//! traffic, drained or terminated, capacity never drops and nothing extra is paid for, because
//! Lambda runs as many execution environments per version as that version's share of
//! invocations needs. The slots are therefore notional environments: a fixed number (the
//! `fleet`, read as concurrency) split between the versions in proportion to the alias weight,
//! at least one for a version with a share. They appear and disappear with the weight, in
//! service from the start (a cold start is latency on the first requests, not a missing server).
//!
//! A failure is an error rate a CloudWatch alarm on the deployment group notices; CodeDeploy
//! then stops the deployment and puts 100 % of the alias weight back on version 1 in one step.
//!
//! The strategy files' narration is about instances (all at once stops and restarts them), so
//! these timelines come with their own ([`phases`]).

use super::StrategyModel;
use super::frame::{Condition, Group, Routing, Stage, Version};
use super::params::Params;
use super::sim::{Sim, minutes};

/// The narration of a Lambda-alias timeline of `model` (empty for models without one).
pub fn phases(model: StrategyModel) -> &'static [&'static str] {
    match model {
        StrategyModel::Canary => &CANARY,
        StrategyModel::Linear => &LINEAR,
        StrategyModel::AllAtOnce => &ALL_AT_ONCE,
        _ => &[],
    }
}

const CANARY: [&str; 6] = [
    "Start: the alias points at function version 1, which takes every invocation.",
    "Publish: version 2 is published next to version 1 with weight 0; nothing is launched and nothing idles, and a BeforeAllowTraffic hook can test it first.",
    "Canary: CodeDeploy sets the alias's AdditionalVersionWeights so version 2 gets the canary share; Lambda starts execution environments for it as its invocations arrive.",
    "Bake: for the interval CloudWatch alarms watch the deployment; an alarm makes CodeDeploy put the alias back to 100% on version 1.",
    "Shift: the interval passes and the alias moves the remaining traffic to version 2 in one step.",
    "Done: the alias points at version 2 alone; version 1 stays published, so a later rollback is one alias update.",
];

const LINEAR: [&str; 5] = [
    "Start: the alias points at function version 1; version 2 is published with weight 0, so nothing runs for it yet.",
    "Step 1: CodeDeploy gives version 2 its first share through the alias weight; Lambda starts execution environments for it on demand.",
    "Step 2: another share moves; version 1 simply needs fewer environments — nothing is drained or terminated.",
    "Ramp: every interval the weight grows while alarms stay quiet; an alarm makes CodeDeploy put 100% back on version 1.",
    "Done: the alias points at version 2 alone; version 1 stays published for a later rollback.",
];

const ALL_AT_ONCE: [&str; 4] = [
    "Start: the alias points at function version 1, which takes every invocation.",
    "Publish: version 2 is published with weight 0; a BeforeAllowTraffic hook can test it before production traffic reaches it.",
    "Shift: CodeDeploy points the alias at version 2 in one step; no environment stops, so there is no outage, but every invocation now runs the new code.",
    "Done: version 2 takes every invocation; had an alarm fired, CodeDeploy would have pointed the alias back at version 1 just as fast.",
];

fn percent(p: &Params) -> u8 {
    u8::try_from(p.percent.min(100)).unwrap_or(100)
}

/// Environments of version 2 at weight `w` out of `n`: in proportion, rounded to nearest, but
/// at least one for a version with a share (either version), so `n` must be 2 or more whenever
/// `0 < w < 100` (parameter resolution makes sure of it).
fn v2_environments(n: u32, w: u8) -> u32 {
    match w {
        0 => 0,
        100.. => n,
        w => ((n * u32::from(w) + 50) / 100).clamp(1, n.saturating_sub(1).max(1)),
    }
}

/// Sets the alias weight to `w` and resizes both versions' environments to match, the total
/// staying `n`: new ones are in service at once, surplus ones vanish.
fn set_weight(sim: &mut Sim, n: u32, w: u8) {
    let want = [
        (Group::FunctionV1, Version::V1, n - v2_environments(n, w)),
        (Group::FunctionV2, Version::V2, v2_environments(n, w)),
    ];
    for (group, version, count) in want {
        let ids = sim.ids(group);
        let have = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        if have > count {
            let keep = usize::try_from(count).unwrap_or(ids.len());
            sim.remove(&ids[keep..]);
        } else if have < count {
            sim.add(group, count - have, Some(version), Condition::InService);
        }
    }
    sim.weight(w);
}

/// A function whose alias sends all `n` environments' worth of invocations to version 1.
fn start(n: u32) -> Sim {
    let mut sim = Sim::new(n, Routing::LambdaAlias, Group::FunctionV1).weighted(0);
    sim.snap(Stage::Start, "The alias sends every invocation to function version 1.");
    sim
}

/// Version 2 is published and its hook runs: nothing to launch.
fn publish(sim: &mut Sim, phase: usize) {
    sim.phase(phase);
    sim.snap(
        Stage::Deploy,
        "Version 2 is published with alias weight 0: no environment runs it yet and nothing extra is paid for.",
    );
    sim.wait(minutes::HEALTH);
}

/// The failure frame (version 2's environments erroring, its weighted share of invocations
/// failing), then — an alarm period later — CodeDeploy's rollback: the alias back at 100 %
/// version 1, version 2's environments gone, and the last frame captioned with what it cost.
fn alias_back(sim: &mut Sim, n: u32, why: &str) {
    let v2 = sim.ids(Group::FunctionV2);
    sim.set(&v2, Some(Version::V2), Condition::Failed);
    sim.snap(Stage::Failure, why);
    sim.wait(minutes::ALARM);
    set_weight(sim, n, 0);
    sim.snap(
        Stage::Done,
        "Rolled back: CodeDeploy stopped the deployment and set the alias to 100% on version 1 in one \
         step; version 2's environments are simply gone, nothing to terminate.",
    );
}

/// `CodeDeployDefault.LambdaCanary{percent}Percent{bake}Minutes`. Failure point 1: an alarm
/// half-way through the interval; 2: version 2 fails after the full shift (an alarm, or the
/// AfterAllowTraffic hook).
///
/// Phases: start, publish, canary, bake, shift, done.
pub(super) fn canary(p: &Params, fail: Option<u32>) -> Sim {
    let (n, pct) = (p.fleet, percent(p));
    let mut sim = start(n);
    publish(&mut sim, 1);
    sim.phase(2);
    sim.reach(1);
    set_weight(&mut sim, n, pct);
    sim.snap(
        Stage::Deploy,
        &format!(
            "Canary: the alias sends {pct}% of invocations to version 2 and {}% to version 1; environments follow the split.",
            100 - pct
        ),
    );
    sim.phase(3);
    sim.wait(p.bake_minutes / 2);
    if fail == Some(1) {
        let why =
            format!("An alarm fires half-way through the interval: the {pct}% of invocations sent to version 2 fail.");
        alias_back(&mut sim, n, &why);
        return sim;
    }
    sim.snap(
        Stage::Deploy,
        &format!("Bake: half-way through the {}-minute interval, alarms are quiet.", p.bake_minutes),
    );
    sim.wait(p.bake_minutes - p.bake_minutes / 2);
    sim.phase(4);
    sim.reach(2);
    set_weight(&mut sim, n, 100);
    sim.snap(
        Stage::Deploy,
        &format!(
            "Shift: the remaining {}% moves to version 2 in one step; version 1 needs no environment now.",
            100 - pct
        ),
    );
    sim.wait(minutes::HEALTH);
    if fail == Some(2) {
        alias_back(
            &mut sim,
            n,
            "Version 2 fails after the full shift (an alarm, or the AfterAllowTraffic hook): every invocation fails.",
        );
        return sim;
    }
    sim.phase(5);
    sim.snap(Stage::Done, "The alias points at version 2 alone; version 1 stays published for a rollback.");
    sim
}

/// `CodeDeployDefault.LambdaLinear{percent}PercentEvery{interval}Minutes`: `percent` more every
/// interval until 100 %. Failure point K: an alarm on traffic step K.
///
/// Phases: start, step 1, step 2, ramp, done.
pub(super) fn linear(p: &Params, fail: Option<u32>) -> Sim {
    let (n, pct) = (p.fleet, p.percent.clamp(1, 100));
    let steps = p.linear_steps();
    let mut sim = start(n);
    publish(&mut sim, 0);
    for k in 1..=steps {
        sim.reach(k);
        sim.phase(match k {
            1 => 1,
            2 => 2,
            _ => 3,
        });
        let w = (k * pct).min(100);
        set_weight(&mut sim, n, u8::try_from(w).unwrap_or(100));
        sim.snap(
            Stage::Deploy,
            &format!(
                "Traffic step {k} of {steps}: the alias sends {w}% to version 2; alarms watch it for {} min.",
                p.interval_minutes
            ),
        );
        if fail == Some(k) {
            sim.wait(minutes::HEALTH);
            alias_back(&mut sim, n, &format!("An alarm fires on step {k}: the {w}% sent to version 2 fails."));
            return sim;
        }
        sim.wait(p.interval_minutes);
    }
    sim.phase(4);
    sim.snap(Stage::Done, "All traffic has moved: the alias points at version 2 alone; version 1 stays published.");
    sim
}

/// `CodeDeployDefault.LambdaAllAtOnce`: the alias moves to version 2 in one step. Failure
/// point 1: version 2 fails as soon as it takes the traffic — every invocation, until the
/// alarm's rollback.
///
/// Phases: start, publish, shift, done.
pub(super) fn all_at_once(p: &Params, fail: Option<u32>) -> Sim {
    let n = p.fleet;
    let mut sim = start(n);
    publish(&mut sim, 1);
    sim.phase(2);
    sim.reach(1);
    set_weight(&mut sim, n, 100);
    sim.snap(Stage::Deploy, "Shift: the alias points at version 2 in one step; nothing stops, so nothing is down.");
    sim.wait(minutes::HEALTH);
    if fail.is_some() {
        alias_back(&mut sim, n, "Version 2 fails: every invocation fails until the alarm fires.");
        return sim;
    }
    sim.phase(3);
    sim.snap(Stage::Done, "Version 2 takes every invocation.");
    sim
}
