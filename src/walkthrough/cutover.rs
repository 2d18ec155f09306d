//! The cutover models: blue/green and red/black build a complete second fleet, then move all
//! traffic to it in one decision, keeping the old fleet for a fast way back.
//!
//! Blue/green cuts over with DNS (Elastic Beanstalk URL swap, a Route 53 record), so resolvers
//! that cached the old answer keep reaching blue until the TTL runs out — in both directions.
//! Red/black flips at the load balancer, which is instant. Both keep the old fleet idle after
//! the cutover (the bake or hold), so a failure found then is a switch back, not a redeploy.

use super::frame::{Condition, Group, Routing, Stage, Version};
use super::params::Params;
use super::rollback::{discard, fail_group, switch_back};
use super::sim::{Sim, minutes, plural};

/// Blue/green. Failure point 1: green fails its tests, so traffic never moves; 2: green fails
/// after cutover and traffic is switched back to blue (as slowly as DNS allows).
///
/// Phases: start, build green, test green, cut over, bake, done.
pub(super) fn blue_green(p: &Params, fail: Option<u32>) -> Sim {
    let n = p.fleet;
    let n_i = plural(n, "instance");
    let mut sim = Sim::new(n, Routing::Dns, Group::Blue).weighted(0);
    sim.snap(Stage::Start, &format!("The blue environment ({n_i}, v1) gets all production traffic."));

    sim.phase(1);
    sim.reach(1);
    sim.add(Group::Green, n, Some(Version::V2), Condition::Launching);
    sim.snap(Stage::Deploy, &format!("A green environment of {n_i} is built with v2."));
    sim.wait(minutes::LAUNCH + minutes::HEALTH);
    sim.phase(2);
    sim.set_group(Group::Green, Condition::OutOfService);
    sim.snap(Stage::Deploy, "Green is healthy and tested through its own URL; production traffic still goes to blue.");
    sim.wait(p.bake_minutes);
    if fail == Some(1) {
        fail_group(&mut sim, Group::Green, "Green fails its tests: the cutover never happens.");
        sim.wait(minutes::ALARM);
        let end = format!("Rolled back: blue's {n_i} served v1 throughout.");
        discard(&mut sim, Group::Green, "Green is terminated.", &end);
        return sim;
    }

    sim.phase(3);
    sim.reach(2);
    sim.set_group(Group::Green, Condition::InService);
    sim.shift(
        100,
        Stage::Deploy,
        "Cut over: DNS now answers with green; clients holding a cached answer still reach blue.",
        "Cached answers have expired: green serves everything; blue idles, ready for a switch back.",
        |sim| {
            sim.phase(4);
            sim.set_group(Group::Blue, Condition::OutOfService);
        },
    );
    sim.wait(minutes::HEALTH);
    if fail == Some(2) {
        let why = "Green fails its health checks while it takes all traffic: requests fail.";
        switch_back(&mut sim, Group::Blue, Group::Green, why, &format!("Rolled back: blue's {n_i} serve v1."));
        return sim;
    }
    sim.wait(p.bake_minutes.saturating_sub(minutes::HEALTH));
    sim.phase(5);
    let end = format!("Green, now production, serves everything on v2 with {n_i}.");
    retire(&mut sim, Group::Blue, "Blue is terminated.", &end);
    sim
}

/// Red/black. Failure point 1: black fails its health checks before the flip; 2: black fails
/// after the flip and the load balancer flips back to red at once.
///
/// Phases: start, launch black, flip, hold, done.
pub(super) fn red_black(p: &Params, fail: Option<u32>) -> Sim {
    let n = p.fleet;
    let n_i = plural(n, "instance");
    let mut sim = Sim::new(n, Routing::LoadBalancer, Group::Red).weighted(0);
    sim.snap(Stage::Start, &format!("The red fleet ({n_i}, v1) is attached to the load balancer."));

    sim.phase(1);
    sim.reach(1);
    sim.add(Group::Black, n, Some(Version::V2), Condition::Launching);
    sim.snap(Stage::Deploy, &format!("A black fleet of {n_i} launches with v2, detached from traffic."));
    sim.wait(minutes::LAUNCH + minutes::HEALTH);
    if fail == Some(1) {
        fail_group(&mut sim, Group::Black, "Black fails its health checks: it is never attached.");
        sim.wait(minutes::ALARM);
        let end = format!("Rolled back: red's {n_i} served v1 throughout.");
        discard(&mut sim, Group::Black, "Black is terminated.", &end);
        return sim;
    }
    sim.set_group(Group::Black, Condition::OutOfService);
    sim.snap(Stage::Deploy, "Black is healthy and waiting, with no production traffic.");

    sim.phase(2);
    sim.reach(2);
    sim.set_group(Group::Black, Condition::InService);
    sim.set_group(Group::Red, Condition::OutOfService);
    sim.weight(100);
    sim.snap(Stage::Deploy, "Flip: the load balancer sends 100% to black in one step; red is disabled but intact.");
    sim.wait(minutes::HEALTH);
    sim.phase(3);
    if fail == Some(2) {
        let why = "Black fails its health checks while it takes all traffic: requests fail.";
        switch_back(&mut sim, Group::Red, Group::Black, why, &format!("Rolled back: red's {n_i} serve v1."));
        return sim;
    }
    sim.snap(Stage::Deploy, "Hold: red stays intact and disabled, ready for an instant flip back.");
    sim.wait(p.bake_minutes.saturating_sub(minutes::HEALTH));
    sim.phase(4);
    let end = format!("Black serves everything on v2 with {n_i}.");
    retire(&mut sim, Group::Red, "Red is terminated.", &end);
    sim
}

/// Terminates the old fleet after a successful cutover.
fn retire(sim: &mut Sim, old: Group, caption: &str, end: &str) {
    sim.set_group(old, Condition::Terminating);
    sim.snap(Stage::Deploy, caption);
    sim.wait(minutes::TERMINATE);
    sim.remove_terminated();
    sim.snap(Stage::Done, end);
}
