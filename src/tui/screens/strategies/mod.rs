//! The strategies screen: the deployment strategies, and for the one opened an animated
//! walkthrough (play, step, speed, parameters, failure injection, a side-by-side comparison)
//! with its pros, cons, downtime, cost and rollback, and a few bank questions at the end.

pub mod knobs;
pub mod quiz;
pub mod walk;
pub mod walk_view;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::content::Catalog;
use crate::study::StudyError;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::{Ctx, Outcome, Screen, View};
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::scroll::follow;
use crate::tui::widgets::text::{truncate, wrapped};
use crate::walkthrough::{Routing, StrategyParams, model_name};
use quiz::Quiz;
use walk::Walk;

/// The strategies in teaching order — from one instance updated in place to traffic shifted
/// by weight — as indices into the catalog's strategies (the catalog sorts by id).
pub fn strategy_order(catalog: &Catalog) -> Vec<usize> {
    use crate::walkthrough::StrategyModel as M;
    let rank = |m: M| M::ALL.iter().position(|x| *x == m).unwrap_or(usize::MAX);
    let mut order: Vec<(usize, &str, usize)> =
        catalog.strategies().iter().enumerate().map(|(i, s)| (rank(s.model), s.id.as_str(), i)).collect();
    order.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    order.into_iter().map(|(_, _, i)| i).collect()
}

/// Where the keys go inside an open walkthrough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Animation,
    /// The parameters panel, with the knob under the cursor.
    Params(usize),
    /// Choosing the strategy to compare with (a position in [`strategy_order`]).
    Pick(usize),
}

/// The strategies screen.
#[derive(Debug)]
pub struct StrategiesState {
    /// The list cursor, a position in [`strategy_order`].
    pub cursor: usize,
    /// The list's window start, kept by the render.
    offset: usize,
    pub walk: Option<Walk>,
    pub focus: Focus,
    pub quiz: Option<Quiz>,
}

impl StrategiesState {
    /// The list, nothing open.
    pub fn new() -> StrategiesState {
        StrategiesState { cursor: 0, offset: 0, walk: None, focus: Focus::Animation, quiz: None }
    }

    /// The key context.
    pub fn context(&self) -> Context {
        match (&self.walk, &self.quiz, self.focus) {
            (None, _, _) => Context::StrategyList,
            (Some(_), Some(_), _) => Context::WalkQuiz,
            (Some(_), None, Focus::Params(_)) => Context::WalkParams,
            (Some(_), None, Focus::Pick(_)) => Context::WalkPick,
            (Some(_), None, Focus::Animation) => Context::Walkthrough,
        }
    }

    /// Whether an animation is playing (the app then ticks fast).
    pub fn playing(&self) -> bool {
        self.walk.as_ref().is_some_and(|w| w.playing) && self.quiz.is_none()
    }

    /// Opens strategy `id` with `overrides`, `routing` (`None`: the model's own) and a failure
    /// at `fail_at`; a bad parameter is reported and the strategy's own parameters are used.
    pub fn open(
        &mut self,
        id: &str,
        overrides: StrategyParams,
        routing: Option<Routing>,
        fail_at: Option<u32>,
        ctx: &mut Ctx<'_, '_>,
    ) {
        let Some(i) = ctx.catalog.strategies().iter().position(|s| s.id == id) else {
            ctx.warn(format!("There is no strategy {id}."));
            return;
        };
        self.cursor = strategy_order(ctx.catalog).iter().position(|&x| x == i).unwrap_or(0);
        self.quiz = None;
        self.focus = Focus::Animation;
        match Walk::routed(ctx.catalog, i, overrides, routing, fail_at) {
            Ok(w) => self.walk = Some(w),
            Err(e) => {
                ctx.warn(format!("{e}: showing the strategy's own parameters."));
                self.walk = Walk::new(ctx.catalog, i, StrategyParams::default(), None).ok();
            }
        }
    }

    /// Advances playback by `seconds` (a tick); true if the picture changed.
    pub fn tick(&mut self, seconds: f64) -> bool {
        match (self.quiz.is_none(), self.walk.as_mut()) {
            (true, Some(w)) => w.tick(seconds),
            _ => false,
        }
    }

    /// Carries out `action`.
    pub fn update(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        let n = ctx.catalog.strategies().len();
        let Some(walk) = self.walk.as_mut() else {
            match action {
                Action::Up => self.cursor = self.cursor.saturating_sub(1),
                Action::Down => self.cursor = (self.cursor + 1).min(n.saturating_sub(1)),
                Action::Top => self.cursor = 0,
                Action::Bottom => self.cursor = n.saturating_sub(1),
                Action::Select if n > 0 => {
                    let order = strategy_order(ctx.catalog);
                    let chosen = order.get(self.cursor).and_then(|&i| ctx.catalog.strategies().get(i));
                    if let Some(id) = chosen.map(|s| s.id.clone()) {
                        self.open(&id, StrategyParams::default(), None, None, ctx);
                    }
                }
                _ => return Ok(Outcome::Ignored),
            }
            return Ok(Outcome::Consumed);
        };
        if let Some(quiz) = self.quiz.as_mut() {
            let outcome = quiz.update(action, ctx)?;
            if outcome == Outcome::Ignored && matches!(action, Action::Back | Action::Select) {
                self.quiz = None;
                return Ok(Outcome::Consumed);
            }
            return Ok(outcome);
        }
        match (self.focus, action) {
            (Focus::Params(k), _) => {
                let knobs = walk.knobs(ctx.catalog);
                match action {
                    Action::Up => self.focus = Focus::Params(k.saturating_sub(1)),
                    Action::Down => self.focus = Focus::Params((k + 1).min(knobs.len().saturating_sub(1))),
                    Action::Left | Action::Right | Action::Slower | Action::Faster => {
                        let delta = if matches!(action, Action::Left | Action::Slower) { -1 } else { 1 };
                        if let Some(&knob) = knobs.get(k)
                            && let Err(e) = walk.turn(knob, delta, ctx.catalog)
                        {
                            ctx.warn(e.to_string());
                        }
                    }
                    Action::Back | Action::Select | Action::Params => self.focus = Focus::Animation,
                    _ => return Ok(Outcome::Ignored),
                }
            }
            (Focus::Pick(p), _) => match action {
                Action::Up => self.focus = Focus::Pick(p.saturating_sub(1)),
                Action::Down => self.focus = Focus::Pick((p + 1).min(n.saturating_sub(1))),
                Action::Select => {
                    self.focus = Focus::Animation;
                    let chosen = strategy_order(ctx.catalog).get(p).copied().unwrap_or(walk.main.strategy);
                    if chosen != walk.main.strategy
                        && let Err(e) = walk.compare(Some(chosen), ctx.catalog)
                    {
                        ctx.warn(e.to_string());
                    }
                }
                Action::Back => self.focus = Focus::Animation,
                _ => return Ok(Outcome::Ignored),
            },
            (Focus::Animation, _) => match action {
                Action::Toggle => walk.toggle_play(),
                Action::Left => walk.step(-1),
                Action::Right => walk.step(1),
                Action::Slower => walk.change_speed(-1),
                Action::Faster => walk.change_speed(1),
                Action::Restart => walk.restart(),
                Action::Top => walk.restart(),
                Action::Bottom => walk.step(isize::MAX / 2),
                Action::Fail => match walk.toggle_failure(ctx.catalog) {
                    Ok(true) => ctx.warn("Failure injected: the new version now fails its health checks from here."),
                    Ok(false) => ctx.say("Failure removed: the deployment succeeds."),
                    Err(e) => ctx.warn(e.to_string()),
                },
                Action::Params => self.focus = Focus::Params(0),
                Action::Compare if walk.other.is_some() => {
                    if let Err(e) = walk.compare(None, ctx.catalog) {
                        ctx.warn(e.to_string());
                    }
                }
                Action::Compare => {
                    let order = strategy_order(ctx.catalog);
                    let here = order.iter().position(|&x| x == walk.main.strategy).unwrap_or(0);
                    // Start on the next strategy in teaching order: the usual comparison.
                    self.focus = Focus::Pick(if here + 1 < order.len() { here + 1 } else { here.saturating_sub(1) });
                }
                Action::Questions | Action::Select => {
                    let id = walk.strategy(ctx.catalog).map(|s| s.id.clone()).unwrap_or_default();
                    match Quiz::new(ctx.catalog, &id) {
                        Some(q) => {
                            walk.playing = false;
                            self.quiz = Some(q);
                        }
                        None => ctx.say("The bank has no question tagged with this strategy yet."),
                    }
                }
                Action::Back => {
                    self.walk = None;
                }
                _ => return Ok(Outcome::Ignored),
            },
        }
        Ok(Outcome::Consumed)
    }

    /// Draws the list, or the walkthrough.
    pub fn render(&mut self, f: &mut Frame, area: Rect, v: &View) {
        match (&mut self.walk, &self.quiz) {
            (Some(_), Some(quiz)) => quiz.render(f, area, v),
            (Some(walk), None) => walk.axis_width = walk_view::render(walk, self.focus, f, area, v),
            (None, _) => self.list(f, area, v),
        }
    }

    fn list(&mut self, f: &mut Frame, area: Rect, v: &View) {
        let t = v.theme;
        let [list, detail] = if area.width >= 100 {
            Layout::horizontal([Constraint::Length(44), Constraint::Min(0)]).areas(area)
        } else {
            [area, Rect::default()]
        };
        let inner = panel(f, list, "Deployment strategies", v.theme);
        let height = usize::from(inner.height);
        let n = v.catalog.strategies().len();
        let start = follow(&mut self.offset, self.cursor, height, n);
        let order = strategy_order(v.catalog);
        let lines: Vec<Line> = order
            .iter()
            .filter_map(|&i| v.catalog.strategies().get(i))
            .enumerate()
            .skip(start)
            .take(height)
            .map(|(i, s)| {
                let sel = i == self.cursor;
                let style = if sel { t.selected } else { t.base };
                Line::from(vec![
                    Span::styled(if sel { "▶ " } else { "  " }, style),
                    Span::styled(truncate(&s.name, usize::from(inner.width).saturating_sub(4)), style),
                ])
            })
            .collect();
        f.render_widget(Paragraph::new(lines), inner);
        if detail.width > 0
            && let Some(s) = order.get(self.cursor).and_then(|&i| v.catalog.strategies().get(i))
        {
            let inner = panel(f, detail, &s.name, v.theme).inner(ratatui::layout::Margin::new(1, 0));
            let w = usize::from(inner.width);
            let mut lines = vec![Line::styled(format!("model: {}", model_name(s.model)), t.dim), Line::default()];
            lines.extend(wrapped(&s.summary, w, t.base));
            lines.push(Line::default());
            for (name, value) in [("Downtime", &s.downtime), ("Extra cost", &s.extra_cost), ("Rollback", &s.rollback)] {
                lines.extend(wrapped(&format!("{name}: {value}"), w, t.base));
            }
            lines.push(Line::default());
            lines.push(Line::from(vec![Span::styled("Enter", t.key), Span::styled(" watches it deploy", t.dim)]));
            f.render_widget(Paragraph::new(lines), inner);
        }
    }
}

impl Default for StrategiesState {
    fn default() -> Self {
        StrategiesState::new()
    }
}

impl Screen for StrategiesState {
    fn context(&self, _: &Catalog) -> Context {
        StrategiesState::context(self)
    }

    fn update(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        StrategiesState::update(self, action, ctx)
    }

    fn render(&mut self, f: &mut Frame, area: Rect, v: &View) {
        StrategiesState::render(self, f, area, v);
    }
}
