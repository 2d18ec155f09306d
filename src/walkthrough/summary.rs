//! The numbers that tell strategies apart, computed from a timeline's frames.
//!
//! Each frame's state is taken to last until the next frame starts, so durations (outage
//! minutes, instance-minutes of extra cost) come from the gaps between frames; the last frame
//! lasts no time.

use super::frame::{Frame, Routing, Stage, Version};

/// How a deployment ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every instance runs v2.
    Deployed,
    /// The new version failed and every instance runs v1 again.
    RolledBack,
}

/// What a whole timeline cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub total_minutes: u32,
    /// The lowest in-service count of any frame.
    pub min_in_service: u32,
    pub desired: u32,
    /// The most instances running beyond the desired fleet at any moment.
    pub peak_extra: u32,
    /// Extra instances × minutes they ran: what the deployment cost beyond the fleet.
    pub extra_instance_minutes: u32,
    /// Missing in-service instances × minutes: the capacity the deployment (and its rollback)
    /// took away from users — the price of rolling without an extra batch.
    pub short_instance_minutes: u32,
    /// Minutes during which every request failed.
    pub outage_minutes: u32,
    /// Whether any frame had every request failing, even for no measurable time.
    pub downtime: bool,
    /// The largest share of requests failing at any frame.
    pub peak_error_percent: u8,
    pub outcome: Outcome,
    /// Minutes from the first failure frame to the end, when the deployment failed.
    pub rollback_minutes: Option<u32>,
    /// How requests reached the versions (of the first frame): behind a Lambda alias the
    /// "instances" counted are notional execution environments, and the words say so.
    pub routing: Routing,
}

impl Summary {
    /// Summarizes `frames` (which must not be empty to say anything useful: an empty slice gives
    /// zeros and [`Outcome::Deployed`]).
    pub fn of(frames: &[Frame]) -> Summary {
        let total = frames.last().map_or(0, |f| f.elapsed_minutes);
        let mut s = Summary {
            total_minutes: total,
            min_in_service: frames.iter().map(|f| f.in_service).min().unwrap_or(0),
            desired: frames.first().map_or(0, |f| f.desired),
            peak_extra: frames.iter().map(|f| f.extra).max().unwrap_or(0),
            extra_instance_minutes: 0,
            short_instance_minutes: 0,
            outage_minutes: 0,
            downtime: frames.iter().any(|f| f.traffic.errors >= 100),
            peak_error_percent: frames.iter().map(|f| f.traffic.errors).max().unwrap_or(0),
            outcome: Outcome::Deployed,
            rollback_minutes: None,
            routing: frames.first().map_or(Routing::LoadBalancer, |f| f.traffic.routing),
        };
        for pair in frames.windows(2) {
            let [f, next] = pair else { continue };
            let lasted = next.elapsed_minutes.saturating_sub(f.elapsed_minutes);
            s.extra_instance_minutes += f.extra * lasted;
            s.short_instance_minutes += f.desired.saturating_sub(f.in_service) * lasted;
            if f.traffic.errors >= 100 {
                s.outage_minutes += lasted;
            }
        }
        if let Some(failed) = frames.iter().find(|f| f.stage == Stage::Failure) {
            s.rollback_minutes = Some(total.saturating_sub(failed.elapsed_minutes));
        }
        let all_v1 = frames.last().is_some_and(|f| f.slots.iter().all(|s| s.version == Some(Version::V1)));
        if s.rollback_minutes.is_some() && all_v1 {
            s.outcome = Outcome::RolledBack;
        }
        s
    }
}
