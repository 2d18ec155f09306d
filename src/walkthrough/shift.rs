//! The traffic-shifting models: canary, linear and A/B run both versions side by side at full
//! size and move *traffic* between them by weight, so a failure is undone by a weight change
//! rather than a redeploy, and only the share sent to v2 ever sees it.

use super::frame::{Condition, Group, Routing, Stage, Version};
use super::params::Params;
use super::rollback::switch_back;
use super::sim::{Sim, minutes, plural};

fn percent(p: &Params) -> u8 {
    u8::try_from(p.percent.min(100)).unwrap_or(100)
}

/// Launches `n` v2 instances in `group` with weight 0 and waits until they are healthy.
fn launch_idle(sim: &mut Sim, group: Group, n: u32, launching: &str, ready: &str) {
    sim.add(group, n, Some(Version::V2), Condition::Launching);
    sim.snap(Stage::Deploy, launching);
    sim.wait(minutes::LAUNCH + minutes::HEALTH);
    sim.set_group(group, Condition::OutOfService);
    sim.snap(Stage::Deploy, ready);
}

/// Canary as Elastic Beanstalk traffic splitting does it: a full set of new instances in a
/// temporary group, `percent` of requests for the bake (evaluation) time, then the rest.
/// Failure point 1: an alarm during the bake; 2: a failure after the full shift, while the old
/// instances still run. Either way the weights go back to 0 % new.
///
/// Phases: start, launch, canary, bake, shift, done.
pub(super) fn canary(p: &Params, fail: Option<u32>) -> Sim {
    let (n, pct) = (p.fleet, percent(p));
    let n_i = plural(n, "instance");
    let mut sim = Sim::new(n, Routing::LoadBalancer, Group::AsgA).weighted(0);
    sim.snap(Stage::Start, &format!("ASG-A ({n_i}, v1) takes all traffic."));
    sim.phase(1);
    launch_idle(
        &mut sim,
        Group::AsgB,
        n,
        &format!("A full set of {n_i} with v2 launches in a temporary group (ASG-B)."),
        "The new instances are healthy; the load balancer gives them weight 0 for now.",
    );
    sim.phase(2);
    sim.reach(1);
    sim.set_group(Group::AsgB, Condition::InService);
    sim.weight(pct);
    sim.snap(Stage::Deploy, &format!("Canary: {pct}% of requests go to v2, {}% stay on v1.", 100 - pct));
    sim.phase(3);
    sim.wait(p.bake_minutes / 2);
    let end = format!("Rolled back: ASG-A's {n_i} serve v1; the new version never took more than {pct}%.");
    if fail == Some(1) {
        let why = format!("An alarm fires half-way through the bake: the canary fails, so {pct}% of requests fail.");
        switch_back(&mut sim, Group::AsgA, Group::AsgB, &why, &end);
        return sim;
    }
    sim.snap(
        Stage::Deploy,
        &format!("Bake: half-way through the {}-minute evaluation, alarms are quiet.", p.bake_minutes),
    );
    sim.wait(p.bake_minutes - p.bake_minutes / 2);
    sim.phase(4);
    sim.reach(2);
    sim.weight(100);
    sim.set_group(Group::AsgA, Condition::OutOfService);
    sim.snap(
        Stage::Deploy,
        &format!("Shift: the remaining {}% moves to v2 in one step; the old instances idle.", 100 - pct),
    );
    sim.wait(minutes::HEALTH);
    if fail == Some(2) {
        let end = format!("Rolled back: ASG-A's {n_i} serve v1 again.");
        let why = "The new version fails its health checks after the full shift: requests fail.";
        switch_back(&mut sim, Group::AsgA, Group::AsgB, why, &end);
        return sim;
    }
    sim.phase(5);
    sim.set_group(Group::AsgA, Condition::Terminating);
    sim.regroup(Group::AsgB, Group::AsgA);
    sim.snap(Stage::Deploy, "The old instances are terminated; the new ones move into ASG-A.");
    sim.wait(minutes::TERMINATE);
    sim.remove_terminated();
    sim.snap(Stage::Done, &format!("ASG-A runs {n_i} on v2 with all traffic."));
    sim
}

/// Linear as CodeDeploy shifts an ECS service (blue/green task sets behind a load balancer):
/// `percent` more every `interval_minutes` until 100 %. Failure point K: an alarm on traffic
/// step K, and all traffic goes back to the original task set.
///
/// Phases: start, step 1, step 2, ramp, done.
pub(super) fn linear(p: &Params, fail: Option<u32>) -> Sim {
    let (n, pct) = (p.fleet, p.percent.clamp(1, 100));
    let n_t = plural(n, "task");
    let steps = p.linear_steps();
    let mut sim = Sim::new(n, Routing::LoadBalancer, Group::Blue).weighted(0);
    sim.snap(Stage::Start, &format!("The original task set (blue, {n_t}, v1) takes all traffic."));
    launch_idle(
        &mut sim,
        Group::Green,
        n,
        &format!("A replacement task set (green, {n_t}) starts with v2."),
        "The replacement tasks are healthy; the listener gives them weight 0 for now.",
    );
    for k in 1..=steps {
        sim.reach(k);
        sim.phase(match k {
            1 => 1,
            2 => 2,
            _ => 3,
        });
        let w = (k * pct).min(100);
        sim.weight(u8::try_from(w).unwrap_or(100));
        sim.set_group(Group::Green, Condition::InService);
        if w == 100 {
            sim.set_group(Group::Blue, Condition::OutOfService);
        }
        sim.snap(
            Stage::Deploy,
            &format!("Traffic step {k} of {steps}: {w}% on v2; alarms watch it for {} min.", p.interval_minutes),
        );
        if fail == Some(k) {
            sim.wait(minutes::HEALTH);
            let why = format!("An alarm fires on step {k}: the {w}% sent to v2 fails.");
            let end = format!("Rolled back: blue's {n_t} serve v1; green is gone.");
            switch_back(&mut sim, Group::Blue, Group::Green, &why, &end);
            return sim;
        }
        sim.wait(p.interval_minutes);
    }
    sim.phase(4);
    sim.set_group(Group::Blue, Condition::Terminating);
    sim.snap(Stage::Deploy, "All traffic has moved: the original task set is stopped.");
    sim.wait(minutes::TERMINATE);
    sim.remove_terminated();
    sim.snap(Stage::Done, &format!("Green serves 100% on v2 with {n_t}."));
    sim
}

/// A/B test with Route 53 weighted records: B gets `percent` of DNS answers for the measuring
/// time (`bake_minutes`), then the winner — B, in a run without failure — gets everything.
/// Failure point 1: B fails its health checks as soon as it takes its share; 2: during the
/// measurement. Route 53 then stops answering with B; cached answers still reach
/// it for a TTL.
///
/// Phases: start, deploy B, split, measure, decide.
pub(super) fn ab_test(p: &Params, fail: Option<u32>) -> Sim {
    let (n, pct) = (p.fleet, percent(p));
    let n_i = plural(n, "instance");
    let mut sim = Sim::new(n, Routing::Dns, Group::VariantA).weighted(0);
    sim.snap(Stage::Start, &format!("Variant A ({n_i}, v1) gets all traffic."));
    sim.phase(1);
    launch_idle(
        &mut sim,
        Group::VariantB,
        n,
        &format!("Variant B ({n_i}) is deployed with v2 next to A."),
        "B is healthy; its weighted record has weight 0 for now.",
    );
    sim.phase(2);
    sim.reach(1);
    sim.set_group(Group::VariantB, Condition::InService);
    sim.shift(
        pct,
        Stage::Deploy,
        &format!("Split: the weights now give B {pct}%; cached answers still send some of B's share to A."),
        &format!("Cached answers have expired: A gets {}% and B {pct}%.", 100 - pct),
        |_| {},
    );
    let end = format!("Rolled back: variant A's {n_i} serve everything on v1; B is removed.");
    sim.wait(minutes::HEALTH);
    if fail == Some(1) {
        let why = format!("B fails its health checks: {pct}% of requests fail until Route 53 stops answering with B.");
        switch_back(&mut sim, Group::VariantA, Group::VariantB, &why, &end);
        return sim;
    }
    sim.phase(3);
    sim.reach(2);
    let half = (p.bake_minutes / 2).saturating_sub(minutes::HEALTH);
    sim.wait(half);
    sim.snap(Stage::Deploy, "Measure: the split holds while conversion and errors are compared per variant.");
    if fail == Some(2) {
        sim.wait(minutes::HEALTH);
        let why = format!("During the experiment B starts failing its health checks: {pct}% of requests fail.");
        switch_back(&mut sim, Group::VariantA, Group::VariantB, &why, &end);
        return sim;
    }
    sim.wait(p.bake_minutes.saturating_sub(minutes::HEALTH + half));
    sim.phase(4);
    sim.shift(
        100,
        Stage::Deploy,
        "Decide: B wins; its weight goes to 100% and A's to 0, but cached answers still reach A.",
        "Cached answers have expired: B gets everything and A is idle.",
        |sim| sim.set_group(Group::VariantA, Condition::OutOfService),
    );
    sim.set_group(Group::VariantA, Condition::Terminating);
    sim.snap(Stage::Deploy, "Variant A is removed.");
    sim.wait(minutes::TERMINATE);
    sim.remove_terminated();
    sim.snap(Stage::Done, &format!("Variant B serves everything on v2 with {n_i}."));
    sim
}
