//! Drawing a walkthrough: the fleet as coloured boxes with version labels, the traffic split as
//! a bar with percentages, capacity against desired, a time axis with a moving marker, the
//! narration, and beside it the strategy's downtime, cost, rollback, pros and cons — or a second
//! strategy on the same fleet.

use ratatui::Frame as TermFrame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::walk::{Side, Walk};
use super::{Focus, strategy_order};
use crate::tui::screens::View;
use crate::tui::theme::Theme;
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::popup;
use crate::tui::widgets::text::{bullet, truncate, wrapped};
use crate::walkthrough::render::{LEGEND, describe_params, elapsed, summary_lines};
use crate::walkthrough::{Condition, Frame, Stage, Version, failure_points, model_name, narration};

/// Whether a failure is injected, and what it means for this model.
fn failure_line(walk: &Walk) -> String {
    let tl = &walk.main.timeline;
    let points = failure_points(tl.model, &tl.params);
    match tl.fail_at {
        None => format!("no failure — x makes v2 fail from the {} reached now", points.unit),
        Some(k) => format!("v2 fails at {} {k} of {} — x removes the failure", points.unit, points.count),
    }
}

/// Draws the walkthrough and, with the focus there, the parameters or the strategy picker;
/// returns the time axes' widths as drawn (main, other: a side not drawn keeps its last width),
/// which the screen keeps in [`Walk::axis_width`] so a tick can tell whether a marker moved.
pub fn render(walk: &Walk, focus: Focus, f: &mut TermFrame, area: Rect, v: &View) -> [usize; 2] {
    let t = v.theme;
    let Some(s) = walk.strategy(v.catalog) else { return walk.axis_width };
    let [head, body, legend] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let state = if walk.playing {
        format!("▶ playing ×{}", walk.speed_factor())
    } else {
        format!("❚❚ paused ×{}", walk.speed_factor())
    };
    let line1 = Line::from(vec![
        Span::styled(format!(" {} ", s.name), t.title),
        Span::styled(
            match model_name(s.model) {
                m if m.eq_ignore_ascii_case(&s.name) => {
                    format!("· {}", describe_params(s.model, &walk.main.timeline.params))
                }
                m => format!("({m}) · {}", describe_params(s.model, &walk.main.timeline.params)),
            },
            t.base,
        ),
    ]);
    let line2 = Line::from(vec![
        Span::styled(format!(" {state} · step {} of {} · ", walk.pos + 1, walk.steps.len()), t.accent),
        Span::styled(
            truncate(&failure_line(walk), usize::from(area.width).saturating_sub(40)),
            if walk.main.timeline.fail_at.is_some() { t.err } else { t.dim },
        ),
    ]);
    f.render_widget(Paragraph::new(vec![line1, line2]), head);
    f.render_widget(
        Paragraph::new(Line::styled(truncate(&format!(" {LEGEND}"), usize::from(area.width)), t.dim)),
        legend,
    );

    let (main_frame, other_frame) = walk.frames();
    let [_, mut other_w] = walk.axis_width;
    let main_w = match (&walk.other, other_frame) {
        (Some(other), Some(of)) => {
            let [a, b] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
            let w = side(walk, &walk.main, main_frame, f, a, v);
            other_w = side(walk, other, of, f, b, v);
            w
        }
        _ if body.width >= 110 => {
            let [a, b] = Layout::horizontal([Constraint::Min(60), Constraint::Length(48)]).areas(body);
            let w = side(walk, &walk.main, main_frame, f, a, v);
            facts(walk, f, b, v);
            w
        }
        _ => side(walk, &walk.main, main_frame, f, body, v),
    };
    match focus {
        Focus::Params(k) => params_popup(walk, k, f, body, v),
        Focus::Pick(p) => pick_popup(walk, p, f, body, v),
        Focus::Animation => {}
    }
    [main_w, other_w]
}

/// One strategy's picture at `frame`; returns its time axis's width.
fn side(walk: &Walk, side: &Side, frame: &Frame, f: &mut TermFrame, area: Rect, v: &View) -> usize {
    let t = v.theme;
    let Some(s) = v.catalog.strategies().get(side.strategy) else { return 0 };
    let title = match frame.stage {
        Stage::Failure => format!("{} — FAILURE", s.name),
        Stage::Rollback => format!("{} — ROLLBACK", s.name),
        _ => s.name.clone(),
    };
    let inner = panel(f, area, &title, v.theme).inner(ratatui::layout::Margin::new(1, 0));
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    // Lambda-alias timelines narrate themselves: the files' sentences are about instances.
    if let Some(phase) = narration(s, &side.timeline).get(frame.phase) {
        lines.extend(wrapped(phase, w, t.accent));
    }
    lines.extend(wrapped(&format!("Now: {}", frame.caption), w, t.base));
    lines.push(Line::default());
    lines.extend(fleet(frame, w, t));
    lines.push(Line::default());
    lines.extend(traffic(frame, w, t));
    lines.push(capacity(frame, w, t));
    lines.push(Line::default());
    let (axis, axis_w) = time_axis(walk, side, w, t);
    lines.extend(axis);
    let last = side.timeline.frames.last().is_some_and(|l| std::ptr::eq(l, frame));
    if last {
        lines.push(Line::default());
        for (i, l) in summary_lines(&side.timeline.summary()).into_iter().enumerate() {
            // "  label      value": keep the label column.
            let l = l.trim_start();
            match l.split_once("  ") {
                Some((label, value)) if i > 0 => {
                    lines.extend(bullet(&format!("{label:<16} "), value.trim_start(), w, t.dim, t.base));
                }
                _ => lines.extend(wrapped(l, w, t.title)),
            }
        }
        lines.push(Line::from(vec![
            Span::styled("Enter", t.key),
            Span::styled(" questions about this strategy", t.dim),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
    axis_w
}

/// Each group of instances on its own lines: its name, then one box per instance.
fn fleet(frame: &Frame, w: usize, t: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut groups = Vec::new();
    for slot in &frame.slots {
        if !groups.contains(&slot.group) {
            groups.push(slot.group);
        }
    }
    let label_w = 19.min(w / 3);
    for group in groups {
        let mut spans = vec![Span::styled(format!("{:<label_w$}", truncate(group.label(), label_w)), t.dim)];
        let mut used = label_w;
        for slot in frame.slots.iter().filter(|s| s.group == group) {
            if used + 6 > w {
                out.push(Line::from(std::mem::take(&mut spans)));
                spans.push(Span::raw(" ".repeat(label_w)));
                used = label_w;
            }
            let (text, style) = cell(slot.version, slot.condition, t);
            spans.push(Span::styled(text, style));
            spans.push(Span::raw(" "));
            used += 6;
        }
        out.push(Line::from(spans));
    }
    out
}

/// One instance: `[v2+]`, coloured by version, marked by condition (as the plain timeline does).
fn cell(version: Option<Version>, condition: Condition, t: &Theme) -> (String, Style) {
    let label = version.map_or("··", Version::label);
    let mark = match condition.mark() {
        "" => " ",
        m => m,
    };
    let style = match (condition, version) {
        (Condition::Failed, _) => t.err,
        (Condition::Terminating | Condition::Draining, _) | (_, None) => t.dim,
        (Condition::Launching | Condition::Updating, _) => t.warn,
        (_, Some(Version::V1)) => t.accent,
        (_, Some(Version::V2)) => t.ok,
    };
    (format!("[{label}{mark}]"), style)
}

/// The traffic split: a bar (v1, v2, failing requests) and the percentages.
fn traffic(frame: &Frame, w: usize, t: &Theme) -> Vec<Line<'static>> {
    let tr = frame.traffic;
    let bar_w = w.saturating_sub(9).max(10);
    let part = |pct: u8| (usize::from(pct) * bar_w).div_ceil(100).min(bar_w);
    let served = 100u8.saturating_sub(tr.errors);
    let v2 = part((u16::from(tr.v2) * u16::from(served) / 100) as u8);
    let errors = part(tr.errors).min(bar_w - v2.min(bar_w));
    let v1 = bar_w.saturating_sub(v2 + errors);
    let mut bar = vec![Span::styled("traffic  ", t.dim)];
    if tr.v1 == 0 && tr.v2 == 0 {
        bar.push(Span::styled("░".repeat(bar_w), t.err));
    } else {
        bar.push(Span::styled("█".repeat(v1), t.accent));
        bar.push(Span::styled("█".repeat(v2), t.ok));
        bar.push(Span::styled("░".repeat(errors), t.err));
    }
    let mut words = Line::from(vec![
        Span::styled("         ", t.dim),
        Span::styled(format!("v1 {} %", tr.v1), t.accent),
        Span::styled(" · ", t.dim),
        Span::styled(format!("v2 {} %", tr.v2), t.ok),
        Span::styled(" · ", t.dim),
        Span::styled(format!("failing {} %", tr.errors), if tr.errors > 0 { t.err } else { t.dim }),
    ]);
    let via = format!(" · via {}", tr.routing.label());
    if words.width() + via.len() <= w {
        words.spans.push(Span::styled(via, t.dim));
    }
    vec![Line::from(bar), words]
}

/// In service against desired, one cell per instance: in service, missing, extra.
fn capacity(frame: &Frame, w: usize, t: &Theme) -> Line<'static> {
    let desired = frame.desired as usize;
    let in_service = frame.in_service as usize;
    // Up to the desired fleet: serving or missing; beyond it: extra instances, serving or not.
    let serving = in_service.min(desired);
    let missing = desired - serving;
    let extra = (frame.extra as usize).max(in_service.saturating_sub(desired));
    let room = w.saturating_sub(40).max(4);
    let scale = |n: usize| if desired + extra <= room { n } else { (n * room).div_ceil(desired + extra) };
    let style = if missing == 0 {
        t.ok
    } else if serving == 0 {
        t.err
    } else {
        t.warn
    };
    Line::from(vec![
        Span::styled("capacity ", t.dim),
        Span::styled("█".repeat(scale(serving)), style),
        Span::styled("░".repeat(scale(missing)), t.err),
        Span::styled("▒".repeat(scale(extra)), t.warn),
        Span::styled(serving_words(frame), style),
        Span::styled(
            if frame.extra > 0 { format!(" · +{} extra running", frame.extra) } else { String::new() },
            t.warn,
        ),
    ])
}

/// " 4 of 6 in service", or, while more than the desired fleet serves (two fleets behind the
/// router), " 4 desired · 8 in service" — "8 of 4" read as nonsense.
fn serving_words(frame: &Frame) -> String {
    if frame.in_service > frame.desired {
        format!(" {} desired · {} in service", frame.desired, frame.in_service)
    } else {
        format!(" {} of {} in service", frame.in_service, frame.desired)
    }
}

/// The time axis: start and end of the deployment, and a marker where it is now — moving
/// smoothly towards the next step while playing; and the axis's width.
fn time_axis(walk: &Walk, side: &Side, w: usize, t: &Theme) -> (Vec<Line<'static>>, usize) {
    let total = side.timeline.frames.last().map_or(0, |l| l.elapsed_minutes).max(1);
    let start = "0 min ";
    let end = format!(" {}", elapsed(total));
    let axis_w = w.saturating_sub(start.len() + end.len()).max(3);
    let other = !std::ptr::eq(side, &walk.main);
    let (now, at) = walk.marker(other, axis_w);
    let axis: String = (0..axis_w)
        .map(|i| {
            if i == at {
                '●'
            } else if i == 0 {
                '├'
            } else if i + 1 == axis_w {
                '┤'
            } else {
                '─'
            }
        })
        .collect();
    let label = format!("elapsed {}", elapsed(now.round() as u32));
    let indent = (start.len() + at).saturating_sub(label.len() / 2).min(w.saturating_sub(label.len()));
    let lines = vec![
        Line::from(vec![Span::styled(start, t.dim), Span::styled(axis, t.accent), Span::styled(end, t.dim)]),
        Line::styled(format!("{}{label}", " ".repeat(indent)), t.dim),
    ];
    (lines, axis_w)
}

/// Downtime, time, cost, rollback, pros and cons, and where AWS offers the strategy.
fn facts(walk: &Walk, f: &mut TermFrame, area: Rect, v: &View) {
    let t = v.theme;
    let Some(s) = walk.strategy(v.catalog) else { return };
    let inner = panel(f, area, "At a glance", v.theme).inner(ratatui::layout::Margin::new(1, 0));
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    for (name, value) in [
        ("Downtime", s.downtime.clone()),
        ("Deploy time", format!("{} of 5 (5 slowest)", s.deploy_time.get_ref())),
        ("Extra cost", s.extra_cost.clone()),
        ("Rollback", s.rollback.clone()),
    ] {
        lines.push(Line::styled(name.to_string(), t.title));
        lines.extend(wrapped(&value, w, t.base));
    }
    for (title, list, style) in [("Pros", &s.pros, t.ok), ("Cons", &s.cons, t.err)] {
        lines.push(Line::styled(title.to_string(), t.title));
        for p in list {
            lines.extend(bullet("• ", p, w, style, t.base));
        }
    }
    if !s.aws.is_empty() {
        lines.push(Line::styled("On AWS", t.title));
        for a in &s.aws {
            let topic = v.catalog.topic(a.topic.get_ref()).map_or(a.topic.get_ref().as_str(), |x| x.name.as_str());
            lines.extend(bullet("• ", &format!("{topic}: {}", a.setting), w, t.accent, t.base));
        }
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn params_popup(walk: &Walk, cursor: usize, f: &mut TermFrame, area: Rect, v: &View) {
    let t = v.theme;
    let knobs = walk.knobs(v.catalog);
    let rect = popup::centered(area, 52, knobs.len() as u16 + 6);
    let inner = popup::frame(f, rect, " Parameters ", t).inner(ratatui::layout::Margin::new(1, 0));
    let mut lines: Vec<Line> = knobs
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let sel = i == cursor;
            let style = if sel { t.selected } else { t.base };
            Line::from(vec![
                Span::styled(format!("{}{:<22}", if sel { "▶ " } else { "  " }, k.label()), style),
                Span::styled(format!("◀ {:>5} ▶", walk.shown(*k)), if sel { style.patch(t.accent) } else { t.accent }),
            ])
        })
        .collect();
    if knobs.is_empty() {
        lines.push(Line::styled("Single target has nothing to change: one instance.", t.dim));
    }
    lines.push(Line::default());
    lines.push(Line::styled("↑↓ choose · ←→ change · Enter done", t.dim));
    lines.push(Line::styled("Comparing: the same values apply to both.", t.dim));
    f.render_widget(Paragraph::new(lines), inner);
}

fn pick_popup(walk: &Walk, cursor: usize, f: &mut TermFrame, area: Rect, v: &View) {
    let t = v.theme;
    let n = v.catalog.strategies().len();
    let rect = popup::centered(area, 46, n as u16 + 4);
    let inner = popup::frame(f, rect, " Compare with ", t).inner(ratatui::layout::Margin::new(1, 0));
    let mut lines: Vec<Line> = strategy_order(v.catalog)
        .into_iter()
        .enumerate()
        .filter_map(|(pos, i)| Some((pos, i, v.catalog.strategies().get(i)?)))
        .map(|(pos, i, s)| {
            let sel = pos == cursor;
            let this = i == walk.main.strategy;
            let style = if sel {
                t.selected
            } else if this {
                t.dim
            } else {
                t.base
            };
            Line::styled(
                format!("{}{}{}", if sel { "▶ " } else { "  " }, s.name, if this { " (shown)" } else { "" }),
                style,
            )
        })
        .collect();
    lines.push(Line::styled("Enter compares on the same fleet · Esc cancels", t.dim));
    f.render_widget(Paragraph::new(lines), inner);
}
