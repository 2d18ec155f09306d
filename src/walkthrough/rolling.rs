//! The in-place batch models: rolling, minimum in service, and rolling with an additional batch.
//!
//! All three take batches out of the load balancer, update them and let them back in, one batch
//! at a time; they differ in how a batch is sized and whether capacity is added first. On
//! failure the deployment stops at the failing batch and v1 is deployed again over the failed
//! batch and every batch already done, with the same batch size, so the capacity cost of the
//! deployment is paid a second time (Elastic Beanstalk: a redeploy of the last good version;
//! CodeDeploy: automatic rollback, itself a new deployment).

use super::frame::{Condition, Group, Routing, Stage, Version};
use super::params::Params;
use super::rollback::{discard, fail_group, redeploy_batches};
use super::sim::{Sim, capitalize, minutes, plural};

/// How one in-place model names and narrates its batches.
struct Spec {
    /// "batch" or "wave".
    unit: &'static str,
    /// Failure point of the first in-place batch.
    first_point: u32,
    /// Narration phase while batch `k` of `count` is out, and once it is back.
    phase_of: fn(k: usize, count: usize) -> (usize, usize),
    /// Phase and caption of the last batch's return when it ends the deployment.
    done: Option<(usize, String)>,
    /// Appended to the caption of a batch leaving the load balancer.
    note: String,
    pause: u32,
}

/// Where the in-place batches ended.
enum Run {
    Completed,
    /// The batch at this index failed its health checks.
    Failed(usize),
}

fn chunks(ids: &[u32], size: u32) -> Vec<Vec<u32>> {
    ids.chunks(usize::try_from(size.max(1)).unwrap_or(1)).map(<[u32]>::to_vec).collect()
}

fn update_in_place(sim: &mut Sim, batches: &[Vec<u32>], spec: &Spec, fail: Option<u32>) -> Run {
    let count = batches.len();
    let unit = capitalize(spec.unit);
    for (i, batch) in batches.iter().enumerate() {
        let k = i + 1;
        let point = spec.first_point + u32::try_from(i).unwrap_or(u32::MAX - spec.first_point);
        sim.reach(point);
        let (out, back) = (spec.phase_of)(k, count);
        sim.phase(out);
        let n_i = plural(u32::try_from(batch.len()).unwrap_or(u32::MAX), "instance");
        sim.set(batch, Some(Version::V1), Condition::Draining);
        sim.snap(
            Stage::Deploy,
            &format!("{unit} {k} of {count} ({n_i}) leaves the load balancer; requests drain{}.", spec.note),
        );
        sim.wait(minutes::DRAIN);
        sim.set(batch, Some(Version::V2), Condition::Updating);
        sim.snap(Stage::Deploy, &format!("{unit} {k} of {count}: v1 is stopped and v2 installed."));
        sim.wait(minutes::UPDATE + minutes::HEALTH);
        if fail == Some(point) {
            sim.set(batch, Some(Version::V2), Condition::Failed);
            sim.snap(Stage::Failure, &format!("{unit} {k} fails its health checks: the deployment stops."));
            sim.wait(minutes::ALARM);
            return Run::Failed(i);
        }
        sim.set(batch, Some(Version::V2), Condition::InService);
        sim.phase(back);
        match &spec.done {
            Some((phase, caption)) if k == count => {
                sim.phase(*phase);
                sim.snap(Stage::Done, caption);
            }
            _ => {
                sim.snap(Stage::Deploy, &format!("{unit} {k} passes health checks and rejoins on v2."));
                if k < count {
                    sim.wait(spec.pause);
                }
            }
        }
    }
    Run::Completed
}

/// Rolling (Elastic Beanstalk Rolling, CodeDeployDefault.OneAtATime with batch 1, ECS ROLLING).
/// Failure point K: batch K fails its health checks.
///
/// Phases: start, batch 1, batch 1 healthy, middle batches, last batch (3 or more), done.
pub(super) fn rolling(p: &Params, fail: Option<u32>) -> Sim {
    let n = p.fleet;
    let n_i = plural(n, "instance");
    let mut sim = Sim::new(n, Routing::LoadBalancer, Group::Fleet);
    sim.snap(Stage::Start, &format!("{n_i} run v1 behind the load balancer."));
    let batches = chunks(&sim.ids(Group::Fleet), p.batch);
    let spec = Spec {
        unit: "batch",
        first_point: 1,
        phase_of: |k, count| match k {
            1 => (1, 2),
            k if k == count && count >= 3 => (4, 4),
            _ => (3, 3),
        },
        done: Some((5, format!("All {n_i} run v2 at full capacity."))),
        note: String::new(),
        pause: p.bake_minutes,
    };
    if let Run::Failed(i) = update_in_place(&mut sim, &batches, &spec, fail) {
        let end = format!("Rolled back: all {n_i} run v1 again.");
        redeploy_batches(&mut sim, "batch", &batches[i], &batches[..i], Some(&end));
    }
    sim
}

/// Minimum in service (CodeDeploy minimum healthy hosts, CloudFormation MinInstancesInService,
/// ECS minimumHealthyPercent): every instance above the minimum updates at once, in waves.
/// Failure point K: wave K fails its health checks.
///
/// Phases: start, wave 1, check, later waves, done.
pub(super) fn min_in_service(p: &Params, fail: Option<u32>) -> Sim {
    let n = p.fleet;
    let n_i = plural(n, "instance");
    let m = p.min_healthy;
    let mut sim = Sim::new(n, Routing::LoadBalancer, Group::Fleet);
    sim.snap(Stage::Start, &format!("{n_i} run v1; the rule keeps at least {m} healthy."));
    let waves = chunks(&sim.ids(Group::Fleet), p.wave_size());
    let spec = Spec {
        unit: "wave",
        first_point: 1,
        phase_of: |k, _| if k == 1 { (1, 2) } else { (3, 3) },
        done: Some((4, format!("All {n_i} run v2."))),
        note: format!(", while at least {m} keep serving"),
        pause: p.bake_minutes,
    };
    if let Run::Failed(i) = update_in_place(&mut sim, &waves, &spec, fail) {
        let end = format!("Rolled back: all {n_i} run v1 again.");
        redeploy_batches(&mut sim, "wave", &waves[i], &waves[..i], Some(&end));
    }
    sim
}

/// Rolling with an additional batch (Elastic Beanstalk RollingWithAdditionalBatch): a batch of
/// new v2 instances launches first, the original instances then update in batches, and the
/// extra batch is terminated at the end. Failure point 1: the extra batch fails (the originals
/// were never touched, so it is simply terminated); K ≥ 2: in-place batch K − 1 fails.
///
/// Phases: start, extra batch, batch 1, later batches, trim, done.
pub(super) fn rolling_extra_batch(p: &Params, fail: Option<u32>) -> Sim {
    let n = p.fleet;
    let n_i = plural(n, "instance");
    let n_orig = plural(n, "original instance");
    let b = p.batch;
    let b_i = plural(b, "instance");
    let mut sim = Sim::new(n, Routing::LoadBalancer, Group::Fleet);
    sim.snap(Stage::Start, &format!("{n_i} run v1 behind the load balancer."));
    let batches = chunks(&sim.ids(Group::Fleet), b);
    sim.phase(1);
    sim.reach(1);
    let extra = sim.add(Group::ExtraBatch, b, Some(Version::V2), Condition::Launching);
    sim.snap(Stage::Deploy, &format!("An extra batch of {b_i} launches with v2 before anything is taken out."));
    sim.wait(minutes::LAUNCH + minutes::HEALTH);
    if fail == Some(1) {
        fail_group(
            &mut sim,
            Group::ExtraBatch,
            "The extra batch fails its health checks; no original instance was touched.",
        );
        sim.wait(minutes::ALARM);
        let end = format!("Rolled back: the {n_orig} never left v1.");
        discard(&mut sim, Group::ExtraBatch, "Rollback: the extra batch is terminated.", &end);
        return sim;
    }
    sim.set(&extra, Some(Version::V2), Condition::InService);
    sim.snap(Stage::Deploy, &format!("The extra batch joins: {} instances serve, on both versions.", n + b));
    let spec = Spec {
        unit: "batch",
        first_point: 2,
        phase_of: |k, _| if k == 1 { (2, 2) } else { (3, 3) },
        done: None,
        note: String::new(),
        pause: p.bake_minutes,
    };
    match update_in_place(&mut sim, &batches, &spec, fail) {
        Run::Completed => {
            sim.phase(4);
            trim(&mut sim, Stage::Deploy, &format!("The {n_orig} run v2 and the extra batch is gone."));
        }
        Run::Failed(i) => {
            redeploy_batches(&mut sim, "batch", &batches[i], &batches[..i], None);
            trim(&mut sim, Stage::Rollback, &format!("Rolled back: the {n_orig} run v1 again."));
        }
    }
    sim
}

/// Terminates the extra batch: it leaves the load balancer, drains and is terminated. The
/// narration moves on to "done" only when the deployment succeeded (`stage` is
/// [`Stage::Deploy`]); after a rollback it stays where the failure left it.
fn trim(sim: &mut Sim, stage: Stage, end: &str) {
    sim.set_group(Group::ExtraBatch, Condition::Draining);
    sim.snap(stage, "Trim: the extra batch leaves the load balancer and drains.");
    sim.wait(minutes::DRAIN);
    sim.set_group(Group::ExtraBatch, Condition::Terminating);
    sim.snap(stage, "Trim: the extra batch is terminated, back to the normal fleet size.");
    sim.wait(minutes::TERMINATE);
    sim.remove_terminated();
    if stage == Stage::Deploy {
        sim.phase(5);
    }
    sim.snap(Stage::Done, end);
}
