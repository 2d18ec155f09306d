//! The outage models: single target and all at once update every instance in place at the
//! same moment, so nothing serves while they do, and a bad build can only be undone by
//! deploying v1 again — a second outage.

use super::frame::{Condition, Group, Routing, Stage, Version};
use super::params::Params;
use super::rollback::fail_group;
use super::sim::{Sim, minutes, plural};

/// One server updated in place (Elastic Beanstalk single-instance environment, a one-instance
/// CodeDeploy group). Failure point 1: v2 fails its health checks on the server.
///
/// Phases: start, stop, install, start new version, done.
pub(super) fn single_target(_p: &Params, fail: Option<u32>) -> Sim {
    let mut sim = Sim::new(1, Routing::Direct, Group::Fleet);
    let server = sim.ids(Group::Fleet);
    sim.snap(Stage::Start, "One server runs v1 and answers every request.");
    sim.phase(1);
    sim.reach(1);
    sim.set(&server, None, Condition::Updating);
    sim.snap(Stage::Deploy, "The application is stopped: nothing answers requests now.");
    sim.wait(minutes::STOP);
    sim.phase(2);
    sim.set(&server, Some(Version::V2), Condition::Updating);
    sim.snap(Stage::Deploy, "v2 is copied onto the server and configured; the outage continues.");
    sim.wait(minutes::UPDATE - minutes::STOP);
    sim.phase(3);
    sim.snap(Stage::Deploy, "v2 starts and health checks begin.");
    sim.wait(minutes::HEALTH);
    if fail.is_some() {
        fail_group(&mut sim, Group::Fleet, "v2 fails its health checks: the outage goes on.");
        sim.wait(minutes::ALARM);
        sim.set(&server, None, Condition::Updating);
        sim.snap(Stage::Rollback, "Rollback: v1 is deployed again, which means stopping the server once more.");
        sim.wait(minutes::UPDATE + minutes::HEALTH);
        sim.set(&server, Some(Version::V1), Condition::InService);
        sim.snap(Stage::Done, "Rolled back: the server answers again on v1, after an outage for the whole attempt.");
    } else {
        sim.phase(4);
        sim.set(&server, Some(Version::V2), Condition::InService);
        sim.snap(Stage::Done, "The server answers again, on v2.");
    }
    sim
}

/// Every instance at once (Elastic Beanstalk AllAtOnce, CodeDeployDefault.AllAtOnce). Failure
/// point 1: v2 fails its health checks everywhere.
///
/// Phases: start, deploy, restart, recover, done (whose narration also covers the bad build).
pub(super) fn all_at_once(p: &Params, fail: Option<u32>) -> Sim {
    let n = p.fleet;
    let n_i = plural(n, "instance");
    let mut sim = Sim::new(n, Routing::LoadBalancer, Group::Fleet);
    let all = sim.ids(Group::Fleet);
    sim.snap(Stage::Start, &format!("{n_i} run v1 behind the load balancer."));
    sim.phase(1);
    sim.reach(1);
    sim.set(&all, Some(Version::V2), Condition::Updating);
    sim.snap(Stage::Deploy, &format!("All {n_i} stop v1 and install v2 together: nothing can serve."));
    sim.wait(minutes::UPDATE);
    sim.phase(2);
    sim.snap(Stage::Deploy, "The web servers restart on v2; health checks begin.");
    sim.wait(minutes::HEALTH);
    if fail.is_some() {
        sim.phase(4);
        fail_group(&mut sim, Group::Fleet, "v2 fails its health checks on every instance: a full outage.");
        sim.wait(minutes::ALARM);
        sim.set(&all, Some(Version::V1), Condition::Updating);
        sim.snap(Stage::Rollback, &format!("Rollback: v1 is deployed to all {n_i} at once; the outage goes on."));
        sim.wait(minutes::UPDATE + minutes::HEALTH);
        sim.set(&all, Some(Version::V1), Condition::InService);
        sim.snap(Stage::Done, "Rolled back: every instance serves v1 again.");
        return sim;
    }
    if n > 1 {
        sim.phase(3);
        let first = usize::try_from(n.div_ceil(2)).unwrap_or(all.len()).min(all.len());
        sim.set(&all[..first], Some(Version::V2), Condition::InService);
        sim.snap(
            Stage::Deploy,
            &format!("{first} of {n} instances pass health checks; requests flow again, all of them to v2."),
        );
        sim.wait(minutes::HEALTH);
    }
    sim.phase(4);
    sim.set(&all, Some(Version::V2), Condition::InService);
    sim.snap(Stage::Done, &format!("All {n_i} serve v2."));
    sim
}
