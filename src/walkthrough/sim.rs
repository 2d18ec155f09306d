//! The mechanics every model shares: a fleet of slots, a clock, traffic weights, and taking a
//! [`Frame`] snapshot.
//!
//! Models describe *what* happens (launch a batch, drain it, shift 10 %); [`Sim`] keeps the
//! bookkeeping honest: capacity, extra instances and the traffic split are always computed from
//! the slots and weights, never typed in by a model, so they cannot disagree with the picture.

use super::frame::{Condition, Frame, Group, Routing, Slot, Stage, Traffic, Version};

/// Illustrative durations in minutes. Real ones depend on the AMI, the application and the
/// health-check settings; these keep the relative costs right (launching a new instance is
/// slower than updating one in place).
pub mod minutes {
    /// Boot a new instance with the new version and pass its first health checks.
    pub const LAUNCH: u32 = 3;
    /// Stop the application (and, on one server, install the new revision): half an update.
    pub const STOP: u32 = 1;
    /// Stop the application, install the new revision and start it, in place.
    pub const UPDATE: u32 = 2 * STOP;
    /// Pass (or fail) enough health checks to be registered as healthy.
    pub const HEALTH: u32 = 1;
    /// Deregistration delay: in-flight requests finish before the instance is touched.
    pub const DRAIN: u32 = 1;
    /// Shut an instance down.
    pub const TERMINATE: u32 = 1;
    /// DNS TTL: how long resolvers keep answering with a record that has changed.
    pub const DNS_TTL: u32 = 5;
    /// An alarm (or failing health check) notices the failure and the rollback starts.
    pub const ALARM: u32 = 1;
}

/// Share of clients that see a DNS change at once; the rest hold a cached answer until the TTL
/// runs out. Illustrative: it depends on resolvers and TTLs.
const DNS_FRESH_PERCENT: u32 = 75;

/// A simulation in progress.
#[derive(Debug)]
pub(super) struct Sim {
    desired: u32,
    routing: Routing,
    slots: Vec<Slot>,
    next_id: u32,
    now: u32,
    phase: usize,
    /// Explicit share of v2 (weighted routing); `None` spreads requests evenly over in-service
    /// targets, as a load balancer does with one target group.
    weight_v2: Option<u8>,
    fail_point: u32,
    frames: Vec<Frame>,
}

impl Sim {
    /// A fleet of `desired` instances of `group`, all on v1 and in service, at minute 0.
    pub fn new(desired: u32, routing: Routing, group: Group) -> Sim {
        let mut sim = Sim {
            desired,
            routing,
            slots: Vec::new(),
            next_id: 1,
            now: 0,
            phase: 0,
            weight_v2: None,
            fail_point: 0,
            frames: Vec::new(),
        };
        sim.add(group, desired, Some(Version::V1), Condition::InService);
        sim
    }

    /// Routes by explicit weights from now on, starting with `v2` percent to the new version.
    pub fn weighted(mut self, v2: u8) -> Sim {
        self.weight_v2 = Some(v2);
        self
    }

    pub fn routing(&self) -> Routing {
        self.routing
    }

    /// Adds `n` slots and returns their ids.
    pub fn add(&mut self, group: Group, n: u32, version: Option<Version>, condition: Condition) -> Vec<u32> {
        let ids: Vec<u32> = (self.next_id..self.next_id + n).collect();
        self.next_id += n;
        self.slots.extend(ids.iter().map(|&id| Slot { id, group, version, condition }));
        ids
    }

    /// Ids of the slots in `group`, in order.
    pub fn ids(&self, group: Group) -> Vec<u32> {
        self.slots.iter().filter(|s| s.group == group).map(|s| s.id).collect()
    }

    /// Sets version and condition of the slots with these ids.
    pub fn set(&mut self, ids: &[u32], version: Option<Version>, condition: Condition) {
        for s in self.slots.iter_mut().filter(|s| ids.contains(&s.id)) {
            s.version = version;
            s.condition = condition;
        }
    }

    /// Sets the condition of every slot in `group`, keeping versions.
    pub fn set_group(&mut self, group: Group, condition: Condition) {
        for s in self.slots.iter_mut().filter(|s| s.group == group) {
            s.condition = condition;
        }
    }

    /// Moves every slot of `from` into `to` (merging a temporary group into the original).
    pub fn regroup(&mut self, from: Group, to: Group) {
        for s in self.slots.iter_mut().filter(|s| s.group == from) {
            s.group = to;
        }
    }

    /// Removes the slots with these ids at once, with no terminating step: what Lambda does with
    /// an execution environment its version no longer needs (it is not billed while idle).
    pub fn remove(&mut self, ids: &[u32]) {
        self.slots.retain(|s| !ids.contains(&s.id));
    }

    /// Removes the slots that are terminating: they are gone.
    pub fn remove_terminated(&mut self) {
        self.slots.retain(|s| s.condition != Condition::Terminating);
    }

    pub fn wait(&mut self, minutes: u32) {
        self.now += minutes;
    }

    /// Moves the narration to `phase` (never back).
    pub fn phase(&mut self, phase: usize) {
        self.phase = self.phase.max(phase);
    }

    /// Records that the deployment reached failure point `point`.
    pub fn reach(&mut self, point: u32) {
        self.fail_point = point;
    }

    /// Sets the v2 weight of weighted routing.
    pub fn weight(&mut self, v2: u8) {
        self.weight_v2 = Some(v2);
    }

    pub fn weight_v2(&self) -> u8 {
        self.weight_v2.unwrap_or(0)
    }

    /// Changes the v2 weight to `to`. Over DNS this takes two frames: one right after the change
    /// with most clients moved (captioned `now`), and one a TTL later when every cache has
    /// expired, after `settle` has updated the slots (captioned `settled`). Elsewhere it is one
    /// frame, captioned `now`, with `settle` applied first.
    pub fn shift(&mut self, to: u8, stage: Stage, now: &str, settled: &str, settle: impl FnOnce(&mut Sim)) {
        let from = u32::from(self.weight_v2());
        if self.routing == Routing::Dns && from != u32::from(to) {
            let to32 = u32::from(to);
            let mid = if to32 > from {
                from + (to32 - from) * DNS_FRESH_PERCENT / 100
            } else {
                from - (from - to32) * DNS_FRESH_PERCENT / 100
            };
            self.weight_v2 = Some(u8::try_from(mid).unwrap_or(to));
            self.snap(stage, now);
            self.wait(minutes::DNS_TTL);
            self.weight_v2 = Some(to);
            settle(self);
            self.snap(stage, settled);
        } else {
            self.weight_v2 = Some(to);
            settle(self);
            self.snap(stage, now);
        }
    }

    /// Records the current state as a frame.
    pub fn snap(&mut self, stage: Stage, caption: &str) {
        let in_service = self.count(|s| s.condition == Condition::InService);
        let running = u32::try_from(self.slots.len()).unwrap_or(u32::MAX);
        let traffic = self.traffic(in_service);
        self.frames.push(Frame {
            elapsed_minutes: self.now,
            stage,
            phase: self.phase,
            caption: caption.to_owned(),
            slots: self.slots.clone(),
            desired: self.desired,
            in_service,
            extra: running.saturating_sub(self.desired),
            traffic,
            fail_point: self.fail_point,
        });
    }

    pub fn into_frames(self) -> Vec<Frame> {
        self.frames
    }

    fn count(&self, pred: impl Fn(&Slot) -> bool) -> u32 {
        u32::try_from(self.slots.iter().filter(|s| pred(s)).count()).unwrap_or(u32::MAX)
    }

    fn serving(&self, version: Version) -> u32 {
        self.count(|s| s.condition == Condition::InService && s.version == Some(version))
    }

    fn traffic(&self, in_service: u32) -> Traffic {
        let routing = self.routing;
        match self.weight_v2 {
            Some(w) => {
                let w = w.min(100);
                let dead = |version, share: u8| if self.serving(version) == 0 { share } else { 0 };
                let errors = dead(Version::V1, 100 - w) + dead(Version::V2, w);
                Traffic { v1: 100 - w, v2: w, errors, routing }
            }
            None if in_service == 0 => Traffic { v1: 0, v2: 0, errors: 100, routing },
            None => {
                let n2 = self.serving(Version::V2);
                // Round to nearest; v1 takes the rest so the two always sum to exactly 100.
                let v2 = u8::try_from((200 * n2 + in_service) / (2 * in_service)).unwrap_or(100).min(100);
                Traffic { v1: 100 - v2, v2, errors: 0, routing }
            }
        }
    }
}

/// `s` with its first letter in upper case ("batch" → "Batch").
pub(super) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// `1 instance`, `3 instances`.
pub(super) fn plural(n: impl Into<u64>, noun: &str) -> String {
    let n = n.into();
    if n == 1 { format!("{n} {noun}") } else { format!("{n} {noun}s") }
}
