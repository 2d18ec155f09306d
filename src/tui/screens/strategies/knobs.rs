//! The walkthrough's parameters panel: which knobs a strategy's model takes (fleet, batch,
//! percent, bake, interval, minimum healthy, routing), the value each has now, and turning
//! one a notch, which re-simulates from the start or is refused with the simulation's own
//! message. Kept apart from the rest of the walkthrough's state ([`super::walk`]: playback,
//! failure injection, comparison), which the knobs re-simulate through.

use super::walk::{Side, Walk, simulate};
use crate::content::Catalog;
use crate::walkthrough::{self, ParamError, Routing, params};

/// A knob the user can turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Knob {
    Fleet,
    Batch,
    Percent,
    Bake,
    Interval,
    MinHealthy,
    /// Load balancer or Lambda alias, for the models CodeDeploy also runs on Lambda.
    Routing,
}

impl Knob {
    /// How the parameters panel names it.
    pub fn label(self) -> &'static str {
        match self {
            Knob::Fleet => "fleet",
            Knob::Batch => "batch size",
            Knob::Percent => "percent",
            Knob::Bake => "bake / hold minutes",
            Knob::Interval => "interval minutes",
            Knob::MinHealthy => "minimum healthy",
            Knob::Routing => "routing",
        }
    }
}

impl Walk {
    /// The knobs the main strategy's model uses, fleet first.
    pub fn knobs(&self, catalog: &Catalog) -> Vec<Knob> {
        let model = self.model(catalog);
        let k = params::knobs(model);
        let mut out = Vec::new();
        if model != walkthrough::StrategyModel::SingleTarget {
            out.push(Knob::Fleet);
        }
        for (used, knob) in [
            (k.batch, Knob::Batch),
            (k.percent, Knob::Percent),
            (k.bake, Knob::Bake),
            (k.interval, Knob::Interval),
            (k.min_healthy, Knob::MinHealthy),
        ] {
            if used {
                out.push(knob);
            }
        }
        if params::routings(model).len() > 1 {
            out.push(Knob::Routing);
        }
        out
    }

    /// The value a knob has now (resolved, so defaults show too).
    pub fn value(&self, knob: Knob) -> u32 {
        let p = &self.main.timeline.params;
        match knob {
            Knob::Fleet => p.fleet,
            Knob::Batch => p.batch,
            Knob::Percent => p.percent,
            Knob::Bake => p.bake_minutes,
            Knob::Interval => p.interval_minutes,
            Knob::MinHealthy => p.min_healthy,
            Knob::Routing => u32::from(p.routing == Routing::LambdaAlias),
        }
    }

    /// The value a knob has now, as the parameters panel shows it.
    pub fn shown(&self, knob: Knob) -> String {
        match knob {
            Knob::Routing if self.main.timeline.params.routing == Routing::LambdaAlias => "Lambda alias".to_owned(),
            Knob::Routing => "load balancer".to_owned(),
            _ => self.value(knob).to_string(),
        }
    }

    /// Turns `knob` one notch down (-1) or up (+1) and re-simulates from the start; a value
    /// the model cannot take is refused with the simulation's own message.
    pub fn turn(&mut self, knob: Knob, delta: i64, catalog: &Catalog) -> Result<(), ParamError> {
        let mut routing = self.routing;
        if knob == Knob::Routing {
            // Two choices (load balancer, Lambda alias): either arrow switches to the other.
            let choices = params::routings(self.model(catalog));
            let at = choices.iter().position(|&r| r == self.main.timeline.params.routing).unwrap_or(0);
            routing = choices.get((at + 1) % choices.len().max(1)).copied();
        }
        let notch = match knob {
            Knob::Percent => 5,
            Knob::Bake | Knob::Interval => 5,
            _ => 1,
        };
        let now = i64::from(self.value(knob));
        // Percent steps land on multiples of 5 after the first turn (10 → 15, 1 → 5).
        let next = if notch > 1 {
            ((now + delta * notch) / notch * notch).max(if delta < 0 { 0 } else { notch })
        } else {
            now + delta
        };
        let next = u32::try_from(next.max(0)).unwrap_or(0);
        let mut o = self.overrides.clone();
        match knob {
            Knob::Fleet => o.fleet = Some(next),
            Knob::Batch => {
                o.batch = Some(next);
                o.percent = None;
            }
            Knob::Percent => {
                o.percent = Some(next.max(1));
                o.batch = None;
            }
            Knob::Bake => o.bake_minutes = Some(next),
            Knob::Interval => o.interval_minutes = Some(next.max(1)),
            Knob::MinHealthy => o.min_healthy = Some(next),
            Knob::Routing => {}
        }
        let main = simulate(catalog, self.main.strategy, &o, routing, None)?;
        let other = match &self.other {
            Some(side) => {
                Some(Side { strategy: side.strategy, timeline: simulate(catalog, side.strategy, &o, routing, None)? })
            }
            None => None,
        };
        self.overrides = o;
        self.routing = routing;
        self.main.timeline = main;
        self.other = other;
        self.merge();
        self.restart();
        Ok(())
    }
}
