//! What one moment of a deployment looks like: the data a screen draws.
//!
//! A [`Frame`] is a snapshot, not a delta: every slot, the capacity, the traffic split and the
//! narration phase are spelled out, so a screen can jump to any frame (step back, restart, compare
//! two strategies side by side) without replaying the ones before it.

/// An application version. `V1` is what runs before the deployment, `V2` what is being deployed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Version {
    V1,
    V2,
}

impl Version {
    /// `"v1"` or `"v2"`.
    pub fn label(self) -> &'static str {
        match self {
            Version::V1 => "v1",
            Version::V2 => "v2",
        }
    }
}

/// What an instance (or task) is doing at this moment.
///
/// Only [`Condition::InService`] counts as capacity: the target is healthy *and* the router sends
/// it production traffic. A healthy instance that receives none (green before cutover, blue kept
/// for a switch back) is [`Condition::OutOfService`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Condition {
    /// Healthy and receiving production traffic.
    InService,
    /// A new instance booting with its version; not yet healthy.
    Launching,
    /// Taken out of service and having its application stopped, replaced and restarted in place.
    Updating,
    /// Deregistered from the router; finishing in-flight requests (connection draining).
    Draining,
    /// Being shut down; still billed until it is gone.
    Terminating,
    /// Running but failing its health checks.
    Failed,
    /// Healthy and running, but the router sends it no production traffic.
    OutOfService,
}

impl Condition {
    /// Words for lists and screen readers.
    pub fn label(self) -> &'static str {
        match self {
            Condition::InService => "in service",
            Condition::Launching => "launching",
            Condition::Updating => "updating",
            Condition::Draining => "draining",
            Condition::Terminating => "terminating",
            Condition::Failed => "failing health checks",
            Condition::OutOfService => "idle (no traffic)",
        }
    }

    /// The one-character mark after the version in a fleet picture (`[v2+]`); empty in
    /// service. The plain timeline and the TUI both draw with it, so they never disagree.
    pub fn mark(self) -> &'static str {
        match self {
            Condition::InService => "",
            Condition::Launching => "+",
            Condition::Updating => "~",
            Condition::Draining => "-",
            Condition::Terminating => "x",
            Condition::Failed => "!",
            Condition::OutOfService => ".",
        }
    }
}

/// Which set of instances a slot belongs to; each model uses the names AWS uses for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// The one fleet of the in-place models.
    Fleet,
    /// The extra batch of rolling with an additional batch.
    ExtraBatch,
    /// The original Auto Scaling group (immutable, Elastic Beanstalk traffic splitting).
    AsgA,
    /// The temporary Auto Scaling group that holds the new instances until they are merged.
    AsgB,
    Blue,
    Green,
    Red,
    Black,
    /// Variant A of an A/B test (the current version).
    VariantA,
    /// Variant B of an A/B test (the challenger).
    VariantB,
    /// Execution environments running published function version 1 behind a Lambda alias.
    FunctionV1,
    /// Execution environments running published function version 2 behind a Lambda alias.
    FunctionV2,
}

impl Group {
    /// Short name for pictures and lists.
    pub fn label(self) -> &'static str {
        match self {
            Group::Fleet => "fleet",
            Group::ExtraBatch => "extra batch",
            Group::AsgA => "ASG-A",
            Group::AsgB => "ASG-B (temporary)",
            Group::Blue => "blue",
            Group::Green => "green",
            Group::Red => "red",
            Group::Black => "black",
            Group::VariantA => "variant A",
            Group::VariantB => "variant B",
            Group::FunctionV1 => "version 1",
            Group::FunctionV2 => "version 2",
        }
    }
}

/// One instance (or container task) of the simulation. Behind a Lambda alias there are no
/// instances: a slot is then a notional execution environment, and a version has as many as
/// its share of invocations needs (see [`Routing::LambdaAlias`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Slot {
    /// Stable across frames (1, 2, 3 …), so an animation can follow an instance as it moves
    /// between groups; never reused within a timeline.
    pub id: u32,
    pub group: Group,
    /// `None` while no application runs on it (stopped for an in-place update).
    pub version: Option<Version>,
    pub condition: Condition,
}

/// How requests reach the versions, which decides how fast a split can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Routing {
    /// Straight to the one instance (Elastic IP, no load balancer).
    Direct,
    /// A load balancer: spread over healthy targets, or weighted target groups / task sets.
    LoadBalancer,
    /// DNS records (Route 53 weights, an environment URL swap): resolvers cache old answers until
    /// the TTL runs out, so every change reaches clients gradually.
    Dns,
    /// A Lambda alias pointing at two published function versions with a weight
    /// (`RoutingConfig.AdditionalVersionWeights`), shifted by CodeDeploy. A weight change is
    /// instant and there is no fleet: Lambda runs as many execution environments per version as
    /// its share of invocations needs, so nothing is launched ahead, drained or terminated, and
    /// nothing extra is paid for. The simulation draws a fixed number of notional environments
    /// (the `fleet`) split between the versions in proportion to the weight, at least one for
    /// a version with a share — a picture of concurrency, not of servers.
    LambdaAlias,
}

impl Routing {
    /// Words for the status line.
    pub fn label(self) -> &'static str {
        match self {
            Routing::Direct => "direct to the instance",
            Routing::LoadBalancer => "load balancer",
            Routing::Dns => "DNS weights",
            Routing::LambdaAlias => "Lambda alias weights",
        }
    }
}

/// Where production requests go, in whole percent.
///
/// `v1 + v2` is exactly 100 whenever the router has somewhere to send requests, and 0 only when
/// nothing is in service on a router that spreads over healthy targets (then every request
/// fails). With explicit weights (DNS, weighted target groups, alias) the split is what the weights
/// say even if a weighted version is failing: those requests are the ones in `errors`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Traffic {
    pub v1: u8,
    pub v2: u8,
    /// Share of all requests that fail because they reach nothing healthy (0 to 100).
    pub errors: u8,
    pub routing: Routing,
}

/// Where a frame sits in the story, for colouring and for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// The first frame: everything on v1.
    Start,
    /// The deployment is progressing.
    Deploy,
    /// The new version has just been seen failing.
    Failure,
    /// Undoing the deployment.
    Rollback,
    /// The last frame, after success or after a rollback.
    Done,
}

/// One step of the animation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// Minutes since the deployment started; non-decreasing. Several frames can share a minute
    /// (a weight change is instant).
    pub elapsed_minutes: u32,
    pub stage: Stage,
    /// Index into the strategy file's `phases` narration; non-decreasing.
    pub phase: usize,
    /// What happens at this step, in one sentence (more specific than the phase narration).
    pub caption: String,
    pub slots: Vec<Slot>,
    /// The fleet size the application is meant to run on.
    pub desired: u32,
    /// Slots that are [`Condition::InService`].
    pub in_service: u32,
    /// Instances running beyond `desired` (launching, idle, draining, terminating all cost money).
    pub extra: u32,
    pub traffic: Traffic,
    /// The failure point (see [`super::failure_points`]) the deployment has reached at this
    /// frame; 0 before the first. A timeline with `fail_at = Some(k)` is identical to the
    /// successful one up to and including the first frame that reached `k`, and diverges after.
    /// So a screen injecting a failure "now" at frame `i` re-simulates with
    /// `fail_at = Some(frame.fail_point.max(1))` and stays on frame `i` (if that unit already
    /// passed its health checks at frame `i`, the new timeline diverges before `i`: show its
    /// first failure frame instead).
    pub fail_point: u32,
}

impl Frame {
    /// How many slots run `version` in `condition`.
    pub fn count(&self, version: Option<Version>, condition: Condition) -> usize {
        self.slots.iter().filter(|s| s.version == version && s.condition == condition).count()
    }
}
