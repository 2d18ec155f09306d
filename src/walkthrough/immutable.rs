//! Immutable (Elastic Beanstalk Immutable, CloudFormation AutoScalingReplacingUpdate): new
//! instances in a temporary Auto Scaling group behind the same load balancer; the original group
//! is never modified until the new one has proven healthy.

use super::frame::{Condition, Group, Routing, Stage, Version};
use super::params::Params;
use super::rollback::{discard, fail_group};
use super::sim::{Sim, minutes, plural};

/// Failure point 1: the first new instance fails its health checks; 2: the scale-out instances
/// do (only with a fleet above one). Either way the temporary group is terminated and the
/// original one was never touched.
///
/// Phases: start, first new instance, scale out, verify, merge, done.
pub(super) fn immutable(p: &Params, fail: Option<u32>) -> Sim {
    let n = p.fleet;
    let n_i = plural(n, "instance");
    let n_fres = plural(n, "fresh instance");
    let mut sim = Sim::new(n, Routing::LoadBalancer, Group::AsgA);
    sim.snap(Stage::Start, &format!("The original Auto Scaling group (ASG-A) runs {n_i} on v1."));
    let old = sim.ids(Group::AsgA);

    sim.phase(1);
    sim.reach(1);
    let first = sim.add(Group::AsgB, 1, Some(Version::V2), Condition::Launching);
    sim.snap(
        Stage::Deploy,
        "A temporary Auto Scaling group (ASG-B) launches one v2 instance behind the same load balancer.",
    );
    sim.wait(minutes::LAUNCH + minutes::HEALTH);
    if fail == Some(1) {
        return give_up(sim, n, "The first new instance fails its health checks.");
    }
    sim.set(&first, Some(Version::V2), Condition::InService);
    sim.snap(Stage::Deploy, "The first new instance passes health checks and takes its share of requests.");

    if n > 1 {
        sim.phase(2);
        sim.reach(2);
        sim.add(Group::AsgB, n - 1, Some(Version::V2), Condition::Launching);
        sim.snap(
            Stage::Deploy,
            &format!("ASG-B scales out: {} launch with v2 to match ASG-A.", plural(n - 1, "more instance")),
        );
        sim.wait(minutes::LAUNCH + minutes::HEALTH);
        if fail == Some(2) {
            return give_up(sim, n, "The new instances fail their health checks.");
        }
        sim.set_group(Group::AsgB, Condition::InService);
        sim.snap(Stage::Deploy, &format!("All {} instances serve, half of them on v2: capacity has doubled.", 2 * n));
    }

    sim.phase(3);
    sim.wait(p.bake_minutes);
    sim.snap(Stage::Deploy, "Every new instance has stayed healthy through the evaluation window.");

    sim.phase(4);
    sim.regroup(Group::AsgB, Group::AsgA);
    sim.set(&old, Some(Version::V1), Condition::Draining);
    sim.snap(
        Stage::Deploy,
        "Merge: the new instances move into ASG-A; the old ones leave the load balancer and drain.",
    );
    sim.wait(minutes::DRAIN);
    sim.set(&old, Some(Version::V1), Condition::Terminating);
    sim.snap(Stage::Deploy, "The old instances and the temporary group are terminated.");
    sim.wait(minutes::TERMINATE);
    sim.remove_terminated();
    sim.phase(5);
    sim.snap(Stage::Done, &format!("ASG-A runs {n_fres} on v2."));
    sim
}

/// The failure path: the temporary group is thrown away, the original carries on.
fn give_up(mut sim: Sim, n: u32, what: &str) -> Sim {
    let n_i = plural(n, "instance");
    sim.phase(3);
    fail_group(&mut sim, Group::AsgB, &format!("{what} The load balancer stops sending them requests."));
    sim.wait(minutes::ALARM);
    let end = format!("Rolled back: ASG-A's {n_i} were never touched and still run v1.");
    discard(&mut sim, Group::AsgB, "Rollback: the temporary group and its instances are terminated.", &end);
    sim
}
