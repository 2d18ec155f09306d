//! The knobs of a walkthrough: defaults from the strategy file, overrides from the user.
//!
//! Resolution per knob is: the caller's override, else the strategy file's `params`, else a
//! default for the model. Overrides are checked strictly (a batch larger than the fleet is an
//! error the user should see); values inherited from the file are adapted to an overridden fleet
//! instead (a batch of 2 stays 2, clamped to the fleet; a minimum of 4 healthy out of 6 becomes
//! the same fraction of the new fleet), because the user never typed them.

use super::frame::Routing;
use crate::content::schema::{StrategyModel, StrategyParams};

/// The largest fleet a walkthrough draws: beyond this a picture stops being readable.
pub const MAX_FLEET: u32 = 50;

/// Longest bake, interval or measuring time accepted: two weeks.
pub const MAX_MINUTES: u32 = 20_160;

/// Resolved, validated parameters of one simulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// Instances (or tasks) the application runs on: the desired capacity.
    pub fleet: u32,
    /// Instances per batch (rolling models) — from `batch`, or `percent` of the fleet rounded up.
    pub batch: u32,
    /// Traffic share: the canary step, the linear step, or variant B's share in an A/B test.
    pub percent: u32,
    /// Canary bake, blue/green and red/black hold, immutable verification, A/B measuring time,
    /// or the pause between batches of the rolling models.
    pub bake_minutes: u32,
    /// Wait between linear steps.
    pub interval_minutes: u32,
    /// Minimum healthy instances (minimum in service).
    pub min_healthy: u32,
    /// How requests reach the versions: the model's own (see [`routings`]) unless the user chose
    /// a Lambda alias for canary, linear or all at once. Then `fleet` counts notional execution
    /// environments (concurrency), not instances.
    pub routing: Routing,
}

/// Why a set of parameters cannot be simulated; the message names the knob and the range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    #[error("{name} does not use {knob}; it takes {takes}")]
    NotApplicable { name: &'static str, knob: &'static str, takes: &'static str },
    #[error("--batch and --percent both size the batch: give one of them")]
    BatchAndPercent,
    #[error("{knob} must be between {min} and {max} (got {got})")]
    OutOfRange { knob: &'static str, min: u32, max: u32, got: u32 },
    #[error("--fail-at must be between 1 and {max}: {name} has {max} {unit}(s) where a failure can show")]
    FailAt { name: &'static str, max: u32, unit: &'static str },
    #[error(
        "{name} cannot use --routing {got}: it takes {takes} (--routing lambda applies to canary, linear and all at once)"
    )]
    Routing { name: &'static str, got: &'static str, takes: &'static str },
}

/// The routings `model` can run with, its own first. Canary, linear and all at once also exist
/// as CodeDeploy's Lambda configurations (`LambdaCanary…`, `LambdaLinear…`, `LambdaAllAtOnce`),
/// which shift a Lambda alias instead of instances; every other model needs a fleet.
pub fn routings(model: StrategyModel) -> &'static [Routing] {
    use StrategyModel as M;
    match model {
        M::SingleTarget => &[Routing::Direct],
        M::BlueGreen | M::AbTest => &[Routing::Dns],
        M::AllAtOnce | M::Canary | M::Linear => &[Routing::LoadBalancer, Routing::LambdaAlias],
        M::MinInService | M::Rolling | M::RollingExtraBatch | M::Immutable | M::RedBlack => &[Routing::LoadBalancer],
    }
}

/// The `--routing` value that selects `routing` ("direct" has no flag: only single target uses it).
pub fn routing_flag(routing: Routing) -> &'static str {
    match routing {
        Routing::Direct => "direct",
        Routing::LoadBalancer => "lb",
        Routing::Dns => "dns",
        Routing::LambdaAlias => "lambda",
    }
}

fn routings_taken(model: StrategyModel) -> &'static str {
    match routings(model) {
        [Routing::Direct] => "no --routing (direct to the one instance)",
        [Routing::Dns] => "--routing dns only",
        [Routing::LoadBalancer] => "--routing lb only",
        _ => "--routing lb or lambda",
    }
}

/// Checks that `model` can run with `routing`.
///
/// # Errors
///
/// [`ParamError::Routing`] naming what the model takes.
pub fn check_routing(model: StrategyModel, routing: Routing) -> Result<(), ParamError> {
    if routings(model).contains(&routing) {
        Ok(())
    } else {
        Err(ParamError::Routing { name: model_name(model), got: routing_flag(routing), takes: routings_taken(model) })
    }
}

/// Which knobs a model uses (every model uses `fleet`, single target only as 1), so a screen
/// offers only those and the CLI can reject the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Knobs {
    pub batch: bool,
    /// For the rolling models `percent` sizes the batch; for canary, linear and A/B it is the
    /// traffic share.
    pub percent: bool,
    pub bake: bool,
    pub interval: bool,
    pub min_healthy: bool,
    /// The command-line flags the model takes, for messages.
    pub takes: &'static str,
}

/// The knobs `model` uses.
pub fn knobs(model: StrategyModel) -> Knobs {
    use StrategyModel as M;
    let none = Knobs { batch: false, percent: false, bake: false, interval: false, min_healthy: false, takes: "" };
    match model {
        M::SingleTarget => Knobs { takes: "no parameters (one instance)", ..none },
        M::AllAtOnce => Knobs { takes: "--fleet", ..none },
        M::MinInService => Knobs { min_healthy: true, bake: true, takes: "--fleet, --min-healthy, --bake", ..none },
        M::Rolling | M::RollingExtraBatch => {
            Knobs { batch: true, percent: true, bake: true, takes: "--fleet, --batch or --percent, --bake", ..none }
        }
        M::Immutable | M::BlueGreen | M::RedBlack => Knobs { bake: true, takes: "--fleet, --bake", ..none },
        M::Canary | M::AbTest => Knobs { percent: true, bake: true, takes: "--fleet, --percent, --bake", ..none },
        M::Linear => Knobs { percent: true, interval: true, takes: "--fleet, --percent, --interval", ..none },
    }
}

/// A human name of the model for messages.
pub fn model_name(model: StrategyModel) -> &'static str {
    use StrategyModel as M;
    match model {
        M::SingleTarget => "single target",
        M::AllAtOnce => "all at once",
        M::MinInService => "minimum in service",
        M::Rolling => "rolling",
        M::RollingExtraBatch => "rolling with an additional batch",
        M::Immutable => "immutable",
        M::BlueGreen => "blue/green",
        M::RedBlack => "red/black",
        M::Canary => "canary",
        M::Linear => "linear",
        M::AbTest => "A/B test",
    }
}

fn default_bake(model: StrategyModel) -> u32 {
    use StrategyModel as M;
    match model {
        M::Canary | M::BlueGreen | M::RedBlack => 10,
        M::Immutable => 5,
        // An experiment runs for days; one day keeps the timeline readable.
        M::AbTest => 1_440,
        _ => 0,
    }
}

fn default_percent(model: StrategyModel) -> u32 {
    if model == StrategyModel::AbTest { 50 } else { 10 }
}

fn range(knob: &'static str, got: u32, min: u32, max: u32) -> Result<u32, ParamError> {
    if (min..=max).contains(&got) { Ok(got) } else { Err(ParamError::OutOfRange { knob, min, max, got }) }
}

/// `percent` of `fleet`, rounded up, at least one instance.
fn batch_of_percent(fleet: u32, percent: u32) -> u32 {
    (fleet * percent).div_ceil(100).max(1)
}

/// `overrides` without the knobs `model` does not use: what a compare view applies to both
/// strategies, so a batch size chosen for rolling does not make immutable fail to resolve.
pub fn applicable(model: StrategyModel, overrides: &StrategyParams) -> StrategyParams {
    let k = knobs(model);
    let keep = |v: Option<u32>, used: bool| v.filter(|_| used);
    StrategyParams {
        fleet: keep(overrides.fleet, model != StrategyModel::SingleTarget),
        batch: keep(overrides.batch, k.batch),
        percent: keep(overrides.percent, k.percent),
        bake_minutes: keep(overrides.bake_minutes, k.bake),
        interval_minutes: keep(overrides.interval_minutes, k.interval),
        min_healthy: keep(overrides.min_healthy, k.min_healthy),
    }
}

impl Params {
    /// Resolves the parameters of `model` from the strategy file's `defaults` and the caller's
    /// `overrides` (both [`StrategyParams`]: every knob optional), and validates them.
    ///
    /// # Errors
    ///
    /// An override the model does not use, both `batch` and `percent` overridden, or a value out
    /// of range (fleet 1 to [`MAX_FLEET`], single target exactly 1, batch up to the fleet, percent
    /// 1 to 100 — below 100 for canary and A/B —, minimum healthy below the fleet, times up to
    /// [`MAX_MINUTES`]).
    pub fn resolve(
        model: StrategyModel,
        defaults: &StrategyParams,
        overrides: &StrategyParams,
    ) -> Result<Params, ParamError> {
        Params::resolve_routed(model, defaults, overrides, None)
    }

    /// [`Params::resolve`] with a routing chosen by the user (`None`: the model's own).
    ///
    /// A split behind a Lambda alias (canary, linear) needs at least two notional execution
    /// environments, one per version with a share, so its fleet starts at 2: an override of 1 is
    /// refused, a file value of 1 is raised.
    ///
    /// # Errors
    ///
    /// Those of [`Params::resolve`], and [`ParamError::Routing`] for a routing the model cannot
    /// take.
    pub fn resolve_routed(
        model: StrategyModel,
        defaults: &StrategyParams,
        overrides: &StrategyParams,
        routing: Option<Routing>,
    ) -> Result<Params, ParamError> {
        let routing = routing.unwrap_or(routings(model)[0]);
        check_routing(model, routing)?;
        let min_fleet = if routing == Routing::LambdaAlias && model != StrategyModel::AllAtOnce { 2 } else { 1 };
        let k = knobs(model);
        let name = model_name(model);
        let check = |given: Option<u32>, used: bool, knob: &'static str| match (given, used) {
            (Some(_), false) => Err(ParamError::NotApplicable { name, knob, takes: k.takes }),
            _ => Ok(()),
        };
        check(overrides.batch, k.batch, "--batch")?;
        check(overrides.percent, k.percent, "--percent")?;
        check(overrides.bake_minutes, k.bake, "--bake")?;
        check(overrides.interval_minutes, k.interval, "--interval")?;
        check(overrides.min_healthy, k.min_healthy, "--min-healthy")?;
        if overrides.batch.is_some() && overrides.percent.is_some() {
            return Err(ParamError::BatchAndPercent);
        }

        let fleet = if model == StrategyModel::SingleTarget {
            range("--fleet for single target", overrides.fleet.unwrap_or(1), 1, 1)?
        } else {
            let file_fleet = defaults.fleet.unwrap_or(4).clamp(min_fleet, MAX_FLEET);
            let knob = if min_fleet > 1 { "--fleet behind a Lambda alias (execution environments)" } else { "--fleet" };
            range(knob, overrides.fleet.unwrap_or(file_fleet), min_fleet, MAX_FLEET)?
        };

        let batch = if let Some(b) = overrides.batch {
            range("--batch", b, 1, fleet)?
        } else if let Some(p) = overrides.percent.filter(|_| k.batch) {
            batch_of_percent(fleet, range("--percent", p, 1, 100)?)
        } else if let Some(b) = defaults.batch {
            b.clamp(1, fleet)
        } else if let Some(p) = defaults.percent.filter(|_| k.batch) {
            batch_of_percent(fleet, p.clamp(1, 100))
        } else {
            1
        };

        let max_percent = if matches!(model, StrategyModel::Canary | StrategyModel::AbTest) { 99 } else { 100 };
        let percent = match overrides.percent.filter(|_| k.percent && !k.batch) {
            Some(p) => range("--percent", p, 1, max_percent)?,
            None => defaults.percent.unwrap_or_else(|| default_percent(model)).clamp(1, max_percent),
        };

        let min_healthy = match overrides.min_healthy {
            Some(m) => range("--min-healthy", m, 0, fleet - 1)?,
            None => {
                let file_fleet = u64::from(defaults.fleet.unwrap_or(fleet).max(1));
                match defaults.min_healthy {
                    // Same fraction of an overridden fleet, rounded up: "4 of 6" stays two thirds.
                    // In u64: the file's numbers are whatever someone typed.
                    Some(m) => {
                        let scaled = (u64::from(m).min(file_fleet) * u64::from(fleet)).div_ceil(file_fleet);
                        u32::try_from(scaled).unwrap_or(fleet).min(fleet - 1)
                    }
                    // CodeDeployDefault.HalfAtATime: at least half healthy, rounded up.
                    None => fleet.div_ceil(2).min(fleet - 1),
                }
            }
        };

        let bake_minutes = match overrides.bake_minutes {
            Some(m) => range("--bake", m, 0, MAX_MINUTES)?,
            None => defaults.bake_minutes.unwrap_or_else(|| default_bake(model)).min(MAX_MINUTES),
        };
        let interval_minutes = match overrides.interval_minutes {
            Some(m) => range("--interval", m, 0, MAX_MINUTES)?,
            None => defaults.interval_minutes.unwrap_or(3).min(MAX_MINUTES),
        };

        Ok(Params { fleet, batch, percent, bake_minutes, interval_minutes, min_healthy, routing })
    }

    /// The batches of a rolling model: `batch`-sized, the last one smaller when it does not divide.
    pub fn batch_count(&self) -> u32 {
        self.fleet.div_ceil(self.batch.max(1))
    }

    /// Instances updated together by minimum in service: everything above the minimum.
    pub fn wave_size(&self) -> u32 {
        (self.fleet - self.min_healthy.min(self.fleet - 1)).max(1)
    }

    /// Traffic steps of a linear shift: `percent` each, the last one topping up to 100.
    pub fn linear_steps(&self) -> u32 {
        100u32.div_ceil(self.percent.clamp(1, 100))
    }
}
