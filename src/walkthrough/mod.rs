//! Deployment-strategy walkthroughs: a pure simulation from a strategy model and its parameters
//! to a timeline of [`Frame`]s that a screen animates or `dopdeck walkthrough --plain` prints.
//!
//! No I/O, no clock, no randomness: the same inputs always give the same frames, so tests pin
//! them and the TUI can recompute a timeline on every parameter change.
//!
//! Module map:
//! - [`frame`]: what one moment looks like (slots, capacity, traffic split, narration phase).
//! - [`params`]: resolving the knobs from the strategy file and the user's overrides.
//! - `sim`: the shared bookkeeping every model drives (slots, clock, weights, snapshots).
//! - `in_place`: single target and all at once — the outage models.
//! - `rolling`: rolling, minimum in service, rolling with an additional batch.
//! - `immutable`: a temporary Auto Scaling group, merged when healthy.
//! - `cutover`: blue/green (DNS) and red/black (load balancer).
//! - `shift`: canary, linear and A/B — traffic moved by weight.
//! - `lambda`: canary, linear and all at once behind a Lambda alias (CodeDeploy's Lambda
//!   configurations): no fleet, only a weight between two published versions.
//! - [`narrate`]: the strategy files' narration filled with the simulated parameters.
//! - `rollback`: what every model does once v2 fails (redeploy, discard, switch back).
//! - [`summary`]: total time, minimum capacity, extra cost, outage, outcome.
//! - [`render`]: a frame as plain text (fleet picture, status line, summary lines).
//!
//! Typical use:
//!
//! ```
//! # let catalog = dopdeck::content::load_embedded().expect("valid material");
//! use dopdeck::walkthrough::{self, StrategyParams};
//! let strategy = catalog.strategy("rolling").expect("shipped strategy");
//! let overrides = StrategyParams { fleet: Some(8), ..Default::default() };
//! let timeline = walkthrough::walkthrough(strategy, &overrides, Some(2)).expect("valid parameters");
//! let last = timeline.frames.last().expect("at least one frame");
//! assert!(last.slots.iter().all(|s| s.version == Some(walkthrough::Version::V1)));
//! ```

mod cutover;
pub mod frame;
mod immutable;
mod in_place;
mod lambda;
pub mod narrate;
pub mod params;
pub mod render;
mod rollback;
mod rolling;
mod shift;
mod sim;
pub mod summary;

pub use crate::content::schema::{Strategy, StrategyModel, StrategyParams};
pub use frame::{Condition, Frame, Group, Routing, Slot, Stage, Traffic, Version};
pub use params::{
    Knobs, MAX_FLEET, ParamError, Params, applicable, check_routing, knobs, model_name, routing_flag, routings,
};
pub use summary::{Outcome, Summary};

/// Where a failure can be injected in one model with given parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailurePoints {
    /// Valid `fail_at` values are `1..=count`.
    pub count: u32,
    /// What one point is: "batch", "wave", "traffic step", "stage" …
    pub unit: &'static str,
    /// One line: what failing at each point means for this model.
    pub meaning: String,
}

/// The failure points of `model` with `params`.
///
/// "The new version fails its health checks from point K" reads differently per model: a batch
/// (rolling, where 1 is the extra batch when there is one), a wave (minimum in service), a
/// launch (immutable), a stage before or after cutover (blue/green, red/black, canary, A/B), a
/// traffic step (linear), or the one deployment (single target, all at once).
pub fn failure_points(model: StrategyModel, params: &Params) -> FailurePoints {
    use StrategyModel as M;
    let fp = |count, unit, meaning: &str| FailurePoints { count, unit, meaning: meaning.to_owned() };
    if params.routing == Routing::LambdaAlias {
        match model {
            M::AllAtOnce => return fp(1, "deployment", "1: version 2 fails once the alias sends it everything"),
            M::Canary => {
                return fp(
                    2,
                    "stage",
                    "1: an alarm during the canary interval; 2: a failure after the full shift (alarm or AfterAllowTraffic hook)",
                );
            }
            M::Linear => return fp(params.linear_steps(), "traffic step", "K: an alarm fires on traffic step K"),
            _ => {}
        }
    }
    match model {
        M::SingleTarget | M::AllAtOnce => fp(1, "deployment", "1: v2 fails its health checks once installed"),
        M::MinInService => {
            let waves = params.fleet.div_ceil(params.wave_size());
            fp(waves, "wave", "K: wave K fails its health checks")
        }
        M::Rolling => fp(params.batch_count(), "batch", "K: batch K fails its health checks"),
        M::RollingExtraBatch => fp(
            params.batch_count() + 1,
            "batch",
            "1: the extra batch fails; K ≥ 2: in-place batch K − 1 fails its health checks",
        ),
        M::Immutable if params.fleet == 1 => fp(1, "launch", "1: the new instance fails its health checks"),
        M::Immutable => fp(2, "launch", "1: the first new instance fails; 2: the scale-out instances fail"),
        M::BlueGreen => fp(2, "stage", "1: green fails its tests before cutover; 2: green fails after cutover"),
        M::RedBlack => fp(2, "stage", "1: black fails before the flip; 2: black fails after the flip"),
        M::Canary => fp(2, "stage", "1: an alarm during the canary bake; 2: a failure after the full shift"),
        M::Linear => fp(params.linear_steps(), "traffic step", "K: an alarm fires on traffic step K"),
        M::AbTest => fp(2, "stage", "1: B fails as soon as it takes its share; 2: B fails during the measurement"),
    }
}

/// The frames of one simulation and what produced them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub model: StrategyModel,
    pub params: Params,
    pub fail_at: Option<u32>,
    /// How many narration phases `Frame::phase` indexes into (0: none; every phase is then 0).
    pub phase_count: usize,
    /// At least one frame; the first is [`Stage::Start`], the last [`Stage::Done`].
    pub frames: Vec<Frame>,
}

impl Timeline {
    /// Total time, minimum capacity, extra cost, outage and outcome.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.frames)
    }

    /// The frame showing at minute `minute`: the last one that starts at or before it (the
    /// last frame once the timeline is over). Lets a compare view run two timelines on one clock.
    pub fn frame_at(&self, minute: u32) -> Option<&Frame> {
        let after = self.frames.partition_point(|f| f.elapsed_minutes <= minute);
        self.frames.get(after.saturating_sub(1))
    }

    /// Rescales phase indices to a narration of `count` phases, keeping the first and last
    /// phase in place and the order intact — for a strategy file whose `phases` list is longer
    /// or shorter than the model's own.
    pub fn with_phase_count(mut self, count: usize) -> Timeline {
        let from = self.phase_count;
        if count != from {
            for f in &mut self.frames {
                f.phase = match (from, count) {
                    (_, 0 | 1) | (0 | 1, _) => 0,
                    _ => f.phase * (count - 1) / (from - 1),
                };
            }
            self.phase_count = count;
        }
        self
    }
}

/// How many narration phases each model's timeline uses (the shipped strategy files match).
pub fn model_phases(model: StrategyModel) -> usize {
    use StrategyModel as M;
    match model {
        M::Rolling | M::RollingExtraBatch | M::Immutable | M::BlueGreen | M::Canary => 6,
        M::SingleTarget | M::AllAtOnce | M::MinInService | M::RedBlack | M::Linear | M::AbTest => 5,
    }
}

/// Simulates `model` with resolved `params`, injecting a failure at point `fail_at` (see
/// [`failure_points`]). Phases index the model's own narration ([`model_phases`]).
///
/// # Errors
///
/// [`ParamError::FailAt`] when `fail_at` is outside `1..=failure_points(..).count`.
pub fn simulate(model: StrategyModel, params: &Params, fail_at: Option<u32>) -> Result<Timeline, ParamError> {
    use StrategyModel as M;
    check_routing(model, params.routing)?;
    if let Some(k) = fail_at {
        let points = failure_points(model, params);
        if k == 0 || k > points.count {
            return Err(ParamError::FailAt { name: model_name(model), max: points.count, unit: points.unit });
        }
    }
    let lambda = params.routing == Routing::LambdaAlias;
    let sim = match model {
        M::AllAtOnce if lambda => lambda::all_at_once(params, fail_at),
        M::Canary if lambda => lambda::canary(params, fail_at),
        M::Linear if lambda => lambda::linear(params, fail_at),
        M::SingleTarget => in_place::single_target(params, fail_at),
        M::AllAtOnce => in_place::all_at_once(params, fail_at),
        M::MinInService => rolling::min_in_service(params, fail_at),
        M::Rolling => rolling::rolling(params, fail_at),
        M::RollingExtraBatch => rolling::rolling_extra_batch(params, fail_at),
        M::Immutable => immutable::immutable(params, fail_at),
        M::BlueGreen => cutover::blue_green(params, fail_at),
        M::RedBlack => cutover::red_black(params, fail_at),
        M::Canary => shift::canary(params, fail_at),
        M::Linear => shift::linear(params, fail_at),
        M::AbTest => shift::ab_test(params, fail_at),
    };
    let phase_count = engine_phases(model, params.routing).map_or_else(|| model_phases(model), <[_]>::len);
    Ok(Timeline { model, params: *params, fail_at, phase_count, frames: sim.into_frames() })
}

/// The engine's own narration for `model` with `routing`, when the strategy files' narration
/// does not fit it: behind a Lambda alias there are no instances to stop, launch or remove, so
/// those timelines narrate themselves. `None`: the strategy file's `phases` apply.
pub fn engine_phases(model: StrategyModel, routing: Routing) -> Option<&'static [&'static str]> {
    Some(lambda::phases(model)).filter(|p| routing == Routing::LambdaAlias && !p.is_empty())
}

/// The narration `Frame::phase` indexes for `timeline` of `strategy`: the file's `phases` with
/// their placeholders filled from the simulated parameters (see [`narrate`]), or the engine's
/// (see [`engine_phases`]).
pub fn narration(strategy: &Strategy, timeline: &Timeline) -> Vec<String> {
    match engine_phases(timeline.model, timeline.params.routing) {
        Some(own) => own.iter().map(|&p| p.to_owned()).collect(),
        None => strategy.phases.iter().map(|p| narrate::fill(p, &timeline.params)).collect(),
    }
}

/// Resolves the parameters of `strategy` (its file's `params`, then `overrides`), simulates it,
/// and maps phases onto the file's `phases` narration. The entry point for screens.
///
/// # Errors
///
/// Any [`ParamError`]: an override the model does not use, a value out of range, a failure
/// point that does not exist.
pub fn walkthrough(
    strategy: &Strategy,
    overrides: &StrategyParams,
    fail_at: Option<u32>,
) -> Result<Timeline, ParamError> {
    walkthrough_routed(strategy, overrides, None, fail_at)
}

/// [`walkthrough`] with a routing chosen by the user (`None`: the model's own). A timeline
/// with the engine's own narration ([`engine_phases`]) keeps its phase count; read its
/// sentences with [`narration`].
///
/// # Errors
///
/// Those of [`walkthrough`], and [`ParamError::Routing`] for a routing the model cannot take.
pub fn walkthrough_routed(
    strategy: &Strategy,
    overrides: &StrategyParams,
    routing: Option<Routing>,
    fail_at: Option<u32>,
) -> Result<Timeline, ParamError> {
    let params = Params::resolve_routed(strategy.model, &strategy.params, overrides, routing)?;
    let timeline = simulate(strategy.model, &params, fail_at)?;
    if engine_phases(strategy.model, params.routing).is_some() {
        Ok(timeline)
    } else {
        Ok(timeline.with_phase_count(strategy.phases.len()))
    }
}
