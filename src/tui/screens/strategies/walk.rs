//! One deployment-strategy walkthrough on screen: its timeline (or two, compared on the same
//! fleet), the step shown, playback, parameters (turned by [`super::knobs`]) and failure
//! injection.
//!
//! The simulation is [`crate::walkthrough`]'s and pure; this holds only what the screen adds:
//! where playback is, how fast it goes, and the user's parameter overrides. Playback advances on
//! the app's ticks by the tick's length, never by the wall clock, so tests can drive it.

pub use super::knobs::Knob;
use crate::content::Catalog;
use crate::content::schema::Strategy;
use crate::walkthrough::{self, Frame, ParamError, Routing, StrategyParams, Timeline, params};

/// Playback speeds, in steps per second.
pub const SPEEDS: [f64; 5] = [0.5, 1.0, 2.0, 4.0, 8.0];

/// One strategy's timeline.
#[derive(Debug, Clone)]
pub struct Side {
    /// Index into the catalog's strategies.
    pub strategy: usize,
    pub timeline: Timeline,
}

/// The walkthrough view.
#[derive(Debug, Clone)]
pub struct Walk {
    pub main: Side,
    /// A second strategy shown beside the first, on the same fleet.
    pub other: Option<Side>,
    /// What the user changed; each side keeps only the knobs its model uses.
    pub overrides: StrategyParams,
    /// The routing the user chose (`None`: each model's own); a side whose model cannot take
    /// it keeps its own, as with the knobs.
    pub routing: Option<Routing>,
    /// Playback positions: a frame of `main` and (comparing) of `other`, in time order.
    pub steps: Vec<(usize, Option<usize>)>,
    pub pos: usize,
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// How far playback is towards the next step (0–1), for the moving time marker.
    pub progress: f64,
    /// The time axes' widths at the last render (main, other), so a tick can tell whether the
    /// marker moved a column without drawing. The render returns them
    /// ([`super::walk_view::render`]) and the screen stores them here.
    pub axis_width: [usize; 2],
}

impl Walk {
    /// Strategy number `strategy` with `overrides` and a failure at `fail_at`.
    pub fn new(
        catalog: &Catalog,
        strategy: usize,
        overrides: StrategyParams,
        fail_at: Option<u32>,
    ) -> Result<Walk, ParamError> {
        Walk::routed(catalog, strategy, overrides, None, fail_at)
    }

    /// [`Walk::new`] with the routing the user chose (`None`: the model's own), as
    /// `dopdeck walkthrough --routing` passes it.
    pub fn routed(
        catalog: &Catalog,
        strategy: usize,
        overrides: StrategyParams,
        routing: Option<Routing>,
        fail_at: Option<u32>,
    ) -> Result<Walk, ParamError> {
        let timeline = simulate(catalog, strategy, &overrides, routing, fail_at)?;
        let mut walk = Walk {
            main: Side { strategy, timeline },
            other: None,
            overrides,
            routing,
            steps: Vec::new(),
            pos: 0,
            playing: false,
            speed: 1,
            progress: 0.0,
            axis_width: [0, 0],
        };
        walk.merge();
        Ok(walk)
    }

    /// The frames on screen: main's and, comparing, the other's.
    // Every timeline has frames (each model's simulation snaps its `Stage::Start` first),
    // so the clamped index is in range; `Option` would push an impossible case on every caller.
    #[allow(clippy::indexing_slicing)]
    pub fn frames(&self) -> (&Frame, Option<&Frame>) {
        let (a, b) = self.steps.get(self.pos).copied().unwrap_or((0, None));
        let main = &self.main.timeline.frames[a.min(self.main.timeline.frames.len() - 1)];
        let other = self.other.as_ref().zip(b).map(|(o, i)| &o.timeline.frames[i.min(o.timeline.frames.len() - 1)]);
        (main, other)
    }

    /// The time shown on a side's axis (minutes since the start), moving smoothly towards the
    /// next step while playing, and the column of its marker on an axis `axis_w` wide.
    pub fn marker(&self, other: bool, axis_w: usize) -> (f64, usize) {
        let Some(frames) = (if other { self.other.as_ref() } else { Some(&self.main) }).map(|s| &s.timeline.frames)
        else {
            return (0.0, 0);
        };
        let index = |step: Option<&(usize, Option<usize>)>| step.and_then(|s| if other { s.1 } else { Some(s.0) });
        let minute = |i: Option<usize>| i.and_then(|i| frames.get(i)).map(|f| f64::from(f.elapsed_minutes));
        let here = minute(index(self.steps.get(self.pos))).unwrap_or(0.0);
        let next = minute(index(self.steps.get(self.pos + 1))).unwrap_or(here);
        let now = here + (next - here) * self.progress;
        let total = frames.last().map_or(1, |l| l.elapsed_minutes.max(1));
        let at = ((now / f64::from(total)) * axis_w.saturating_sub(1) as f64).round() as usize;
        (now, at.min(axis_w.saturating_sub(1)))
    }

    /// Advances playback by `seconds` and says whether anything on screen changed: the step,
    /// or a time marker's column or minute.
    pub fn tick(&mut self, seconds: f64) -> bool {
        let [wa, wb] = self.axis_width;
        let seen = |w: &Walk| {
            let (a, b) = (w.marker(false, wa), w.marker(true, wb));
            (a.0.round() as u32, a.1, b.0.round() as u32, b.1)
        };
        let before = seen(self);
        let moved = self.advance(seconds);
        moved || seen(self) != before
    }

    /// Whether playback reached the last step.
    pub fn at_end(&self) -> bool {
        self.pos + 1 >= self.steps.len()
    }

    /// Plays or pauses; playing from the end starts again.
    pub fn toggle_play(&mut self) {
        if self.at_end() && !self.playing {
            self.pos = 0;
        }
        self.playing = !self.playing;
        self.progress = 0.0;
    }

    /// One step back (-1) or forward (+1), pausing.
    pub fn step(&mut self, delta: isize) {
        self.playing = false;
        self.progress = 0.0;
        self.pos = self.pos.saturating_add_signed(delta).min(self.steps.len().saturating_sub(1));
    }

    /// Back to the first step, paused.
    pub fn restart(&mut self) {
        self.pos = 0;
        self.playing = false;
        self.progress = 0.0;
    }

    /// Slower (-1) or faster (+1).
    pub fn change_speed(&mut self, delta: isize) {
        self.speed = self.speed.saturating_add_signed(delta).min(SPEEDS.len() - 1);
    }

    /// Advances playback by `seconds`; returns whether the step changed.
    pub fn advance(&mut self, seconds: f64) -> bool {
        if !self.playing {
            return false;
        }
        self.progress += seconds * self.speed_factor();
        let mut moved = false;
        while self.progress >= 1.0 {
            self.progress -= 1.0;
            if self.at_end() {
                self.playing = false;
                self.progress = 0.0;
                break;
            }
            self.pos += 1;
            moved = true;
        }
        moved
    }

    /// The main strategy as the material has it.
    pub fn strategy<'c>(&self, catalog: &'c Catalog) -> Option<&'c Strategy> {
        catalog.strategies().get(self.main.strategy)
    }

    /// The main strategy's model (its timeline's, should the material lack it).
    pub(super) fn model(&self, catalog: &Catalog) -> walkthrough::StrategyModel {
        self.strategy(catalog).map_or(self.main.timeline.model, |s| s.model)
    }

    /// How many steps a second playback moves (see [`SPEEDS`]).
    pub fn speed_factor(&self) -> f64 {
        SPEEDS.get(self.speed).copied().unwrap_or(1.0)
    }

    /// Makes the new version fail from the point the deployment has reached now (on both sides
    /// when comparing), or, if a failure is already injected, takes it away.
    pub fn toggle_failure(&mut self, catalog: &Catalog) -> Result<bool, ParamError> {
        let failing = self.main.timeline.fail_at.is_some();
        let (main_frame, other_frame) = self.frames();
        let main_at = (!failing).then(|| main_frame.fail_point.max(1));
        let other_at = (!failing).then(|| other_frame.map_or(1, |f| f.fail_point.max(1)));
        let before = self.steps.get(self.pos).copied().unwrap_or((0, None));
        let main = simulate(catalog, self.main.strategy, &self.overrides, self.routing, main_at)?;
        let other = match &self.other {
            Some(side) => Some(Side {
                strategy: side.strategy,
                timeline: simulate(catalog, side.strategy, &self.overrides, self.routing, other_at)?,
            }),
            None => None,
        };
        let diverges = first_difference(&self.main.timeline.frames, &main.frames);
        self.main.timeline = main;
        self.other = other;
        self.merge();
        // Stay on the frame shown if the new timeline still has it; else go to the failure.
        let target = if diverges > before.0 {
            before.0
        } else {
            self.main.timeline.frames.iter().position(|f| f.stage == walkthrough::Stage::Failure).unwrap_or(0)
        };
        self.pos = self.steps.iter().position(|s| s.0 >= target).unwrap_or(0);
        self.progress = 0.0;
        Ok(!failing)
    }

    /// Compares with strategy number `other` on the same fleet (or stops comparing: `None`).
    pub fn compare(&mut self, other: Option<usize>, catalog: &Catalog) -> Result<(), ParamError> {
        // The same fleet on both sides: pin the main strategy's size unless the user chose one.
        if other.is_some() && self.overrides.fleet.is_none() && self.main.timeline.params.fleet > 1 {
            self.overrides.fleet = Some(self.main.timeline.params.fleet);
        }
        self.other = match other {
            Some(i) => Some(Side { strategy: i, timeline: simulate(catalog, i, &self.overrides, self.routing, None)? }),
            None => None,
        };
        if self.main.timeline.fail_at.is_some() {
            self.main.timeline = simulate(catalog, self.main.strategy, &self.overrides, self.routing, None)?;
        }
        self.merge();
        self.restart();
        Ok(())
    }

    /// Rebuilds the playback positions: every frame of main, or both timelines merged by time.
    pub(super) fn merge(&mut self) {
        let a = &self.main.timeline.frames;
        self.steps = match &self.other {
            None => (0..a.len()).map(|i| (i, None)).collect(),
            Some(side) => {
                let b = &side.timeline.frames;
                let (mut i, mut j) = (0, 0);
                let mut steps = vec![(0, Some(0))];
                while i + 1 < a.len() || j + 1 < b.len() {
                    let ta = a.get(i + 1).map(|f| f.elapsed_minutes);
                    let tb = b.get(j + 1).map(|f| f.elapsed_minutes);
                    match (ta, tb) {
                        (Some(x), Some(y)) if x == y => (i, j) = (i + 1, j + 1),
                        (Some(x), Some(y)) if x < y => i += 1,
                        (Some(_), None) => i += 1,
                        _ => j += 1,
                    }
                    steps.push((i, Some(j)));
                }
                steps
            }
        };
        self.pos = self.pos.min(self.steps.len().saturating_sub(1));
    }
}

/// Simulates strategy number `strategy` with the overrides and the routing its model uses.
// `strategy` is always a position in `catalog.strategies`: a walkthrough is opened from them.
#[allow(clippy::indexing_slicing)]
pub(super) fn simulate(
    catalog: &Catalog,
    strategy: usize,
    overrides: &StrategyParams,
    routing: Option<Routing>,
    fail_at: Option<u32>,
) -> Result<Timeline, ParamError> {
    let s = &catalog.strategies()[strategy];
    let routing = routing.filter(|r| params::routings(s.model).contains(r));
    walkthrough::walkthrough_routed(s, &params::applicable(s.model, overrides), routing, fail_at)
}

/// The index of the first frame that differs (the length of the shorter when one is a prefix).
fn first_difference(a: &[Frame], b: &[Frame]) -> usize {
    a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()))
}
