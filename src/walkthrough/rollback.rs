//! What happens after the new version fails: the rollback moves every model shares.
//!
//! Two kinds exist. In-place models can only *redeploy* v1 over the instances that got v2
//! ([`redeploy_batches`], and the all-at-once outage in [`super::in_place`]); models that kept
//! the old instances untouched just *discard* the new ones ([`discard`]) after the router has
//! been pointed back at v1.

use super::frame::{Condition, Group, Routing, Stage, Version};
use super::sim::{Sim, capitalize, minutes};

/// Redeploys v1 like a new deployment with the same batch size: first the `failed` batch (out
/// of service already), then the `done` batches in reverse order, each drained, updated and
/// health-checked like the deployment was. Ends with a [`Stage::Done`] frame captioned `end`,
/// or, when something else still has to happen (`None`), a rollback frame.
pub(super) fn redeploy_batches(sim: &mut Sim, unit: &str, failed: &[u32], done: &[Vec<u32>], end: Option<&str>) {
    let finish = |sim: &mut Sim| match end {
        Some(end) => sim.snap(Stage::Done, end),
        None => sim.snap(Stage::Rollback, &format!("Every {unit} is back on v1.")),
    };
    sim.set(failed, Some(Version::V1), Condition::Updating);
    sim.snap(Stage::Rollback, &format!("Rollback: v1 is deployed again, starting with the failed {unit}."));
    sim.wait(minutes::UPDATE + minutes::HEALTH);
    sim.set(failed, Some(Version::V1), Condition::InService);
    if done.is_empty() {
        finish(sim);
        return;
    }
    sim.snap(Stage::Rollback, &format!("The failed {unit} is healthy again on v1 and rejoins."));
    for (i, batch) in done.iter().rev().enumerate() {
        let left = done.len() - i;
        sim.set(batch, Some(Version::V2), Condition::Draining);
        sim.snap(Stage::Rollback, &format!("Rollback: {unit} {left}, already on v2, leaves the load balancer."));
        sim.wait(minutes::DRAIN);
        sim.set(batch, Some(Version::V1), Condition::Updating);
        sim.snap(Stage::Rollback, &format!("Rollback: v1 is reinstalled on {unit} {left}."));
        sim.wait(minutes::UPDATE + minutes::HEALTH);
        sim.set(batch, Some(Version::V1), Condition::InService);
        if i + 1 == done.len() {
            finish(sim);
        } else {
            sim.snap(Stage::Rollback, &format!("{} {left} is back on v1.", capitalize(unit)));
        }
    }
}

/// Terminates every slot of `group` (the new, failed instances) and ends with a
/// [`Stage::Done`] frame captioned `end`. The router must already send them nothing.
pub(super) fn discard(sim: &mut Sim, group: Group, why: &str, end: &str) {
    sim.set_group(group, Condition::Terminating);
    sim.snap(Stage::Rollback, why);
    sim.wait(minutes::TERMINATE);
    sim.remove_terminated();
    sim.snap(Stage::Done, end);
}

/// Marks every v2 slot of `group` as failing its health checks and records the failure frame.
pub(super) fn fail_group(sim: &mut Sim, group: Group, caption: &str) {
    let ids = sim.ids(group);
    sim.set(&ids, Some(Version::V2), Condition::Failed);
    sim.snap(Stage::Failure, caption);
}

/// The new version fails while it takes traffic: the failure frame (captioned `why`, with the
/// weighted share of requests failing), then the router points back at `old` — one frame
/// behind a load balancer, two over DNS while cached answers expire —, then `new` is discarded
/// and the last frame is captioned `end`.
pub(super) fn switch_back(sim: &mut Sim, old: Group, new: Group, why: &str, end: &str) {
    fail_group(sim, new, why);
    sim.wait(minutes::ALARM);
    sim.set_group(old, Condition::InService);
    let (now, settled) = match sim.routing() {
        Routing::Dns => (
            "Traffic goes back to v1; clients holding a cached answer still reach the failing version.",
            "Cached answers have expired: v1 serves everything again.",
        ),
        _ => ("Rollback: all traffic goes back to v1 in one step.", ""),
    };
    sim.shift(0, Stage::Rollback, now, settled, |_| {});
    discard(sim, new, "The failed instances are terminated.", end);
}
