//! Statistics: the review heatmap, reviews per day, the 30-day forecast, true retention (as
//! Anki defines it) and the exam score history.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Bar, BarChart, BarGroup, Chart, Dataset, GraphType, Paragraph};

use super::super::action::Action;
use super::super::keymap::Context;
use super::super::widgets::heatmap::Heatmap;
use super::super::widgets::panel::panel;
use super::super::widgets::text::percent;
use super::{Ctx, Outcome, Screen, ScreenId, View};
use crate::content::Catalog;
use crate::srs::stats::PassFail;
use crate::study::StudyError;

/// The statistics screen: it keeps no state of its own; it draws the [`crate::study::Snapshot`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats;

impl Screen for Stats {
    fn context(&self, _: &Catalog) -> Context {
        Context::Stats
    }

    fn update(&mut self, _: Action, _: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        Ok(Outcome::Ignored)
    }

    fn render(&mut self, f: &mut Frame, area: Rect, v: &View) {
        render(f, area, v);
    }
}

/// Draws the screen.
pub fn render(f: &mut Frame, area: Rect, v: &View) {
    let [top, middle, bottom] =
        Layout::vertical([Constraint::Length(11), Constraint::Min(6), Constraint::Length(12)]).areas(area);
    let [heat, retention] = Layout::horizontal([Constraint::Min(30), Constraint::Length(50)]).areas(top);
    let [per_day, forecast] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(middle);
    let [exams, states] = Layout::horizontal([Constraint::Min(30), Constraint::Length(50)]).areas(bottom);
    heatmap(f, heat, v);
    retention_table(f, retention, v);
    reviews_per_day(f, per_day, v);
    forecast_chart(f, forecast, v);
    exam_history(f, exams, v);
    items(f, states, v);
}

fn heatmap(f: &mut Frame, area: Rect, v: &View) {
    let inner =
        panel(f, area, &format!("Reviews · {} day streak · {} in all", v.snap.streak, v.snap.total_reviews), v.theme);
    let weeks = Heatmap::weeks_for(inner.width, 52);
    f.render_widget(Heatmap { per_day: &v.snap.per_day, today: v.snap.today, weeks, theme: v.theme }, inner);
}

fn rate(pf: &PassFail) -> String {
    pf.rate().map_or("—".into(), |r| format!("{} ({})", percent(r), pf.total()))
}

fn retention_table(f: &mut Frame, area: Rect, v: &View) {
    let t = v.theme;
    let inner = panel(f, area, "True retention", v.theme);
    let mut lines = vec![Line::styled(format!("{:<13}{:>11}{:>11}{:>11}", "", "young", "mature", "total"), t.dim)];
    for (name, r) in &v.snap.retention {
        lines.push(Line::from(vec![
            Span::styled(format!("{name:<13}"), t.base),
            Span::styled(format!("{:>11}{:>11}", rate(&r.young), rate(&r.mature)), t.base),
            Span::styled(format!("{:>11}", rate(&r.total)), t.title),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled("Reviews of cards in review state passed (Hard, Good, Easy).", t.dim));
    lines.push(Line::styled("Young: interval under 21 days; mature: 21 or more.", t.dim));
    f.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }), inner);
}

/// A vertical bar chart with every bar visible: one column of gap between bars when there is
/// room for it, none when there is not.
fn bar_chart<'a>(f: &mut Frame, area: Rect, bars: Vec<Bar<'a>>, v: &View) {
    let n = bars.len().max(1) as u16;
    let (bar_w, gap) =
        if n * 2 - 1 <= area.width { (((area.width + 1) / n).saturating_sub(1).max(1), 1) } else { (1, 0) };
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_w)
        .bar_gap(gap)
        .label_style(v.theme.dim);
    f.render_widget(chart, area);
}

fn reviews_per_day(f: &mut Frame, area: Rect, v: &View) {
    let t = v.theme;
    let inner = panel(f, area, "Reviews per day, last 30 days", v.theme);
    let wide = inner.width >= 90;
    let bars = (0..30)
        .rev()
        .map(|back| {
            let day = v.snap.today - chrono::Duration::days(back);
            let n = v.snap.per_day.get(&day).copied().unwrap_or(0);
            let label = if wide { day.format("%d").to_string() } else { String::new() };
            Bar::default().value(u64::from(n)).label(Line::from(label)).style(t.gauge).value_style(t.title)
        })
        .collect();
    bar_chart(f, inner, bars, v);
}

fn forecast_chart(f: &mut Frame, area: Rect, v: &View) {
    let t = v.theme;
    let deck = v.snap.deck_due().map_or("", |d| d.name.as_str());
    let inner = panel(f, area, &format!("Due per day, next 30 days · {deck} ([ ] deck)"), v.theme);
    let wide = inner.width >= 90;
    let bars = v
        .snap
        .forecast
        .iter()
        .map(|d| {
            let label = if wide { d.day.format("%d").to_string() } else { String::new() };
            Bar::default().value(u64::from(d.due)).label(Line::from(label)).style(t.warn).value_style(t.title)
        })
        .collect();
    bar_chart(f, inner, bars, v);
}

fn exam_history(f: &mut Frame, area: Rect, v: &View) {
    let t = v.theme;
    let inner = panel(f, area, "Exam scores — scaled estimate per attempt", v.theme);
    let scored: Vec<_> = v.snap.attempts.iter().filter(|a| a.scaled_estimate.is_some()).collect();
    let points: Vec<(f64, f64)> =
        scored.iter().enumerate().map(|(i, a)| (i as f64 + 1.0, f64::from(a.scaled_estimate.unwrap_or(0)))).collect();
    let (Some(first), Some(last)) = (scored.first(), scored.last()) else {
        f.render_widget(
            Paragraph::new(Line::styled(
                format!("No submitted attempts yet: press {} to take one.", ScreenId::Exam.key()),
                t.dim,
            )),
            inner,
        );
        return;
    };
    let exam = &v.catalog.exam;
    let n = points.len() as f64;
    let pass = f64::from(exam.passing_score);
    let pass_line = [(1.0, pass), (n.max(2.0), pass)];
    let datasets = vec![
        Dataset::default()
            .name(format!("pass {pass}"))
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(t.dim)
            .data(&pass_line),
        Dataset::default().marker(Marker::Braille).graph_type(GraphType::Line).style(t.gauge).data(&points),
        Dataset::default()
            .name("scaled (estimate)")
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(t.title)
            .data(&points),
    ];
    // Evenly spaced labels (the axis places them evenly) that include the pass mark.
    let max = f64::from(exam.score_max);
    let labels: Vec<Span> = (0..=4).map(|i| Span::styled(format!("{}", max * f64::from(i) / 4.0), t.dim)).collect();
    let chart = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([1.0, n.max(2.0)])
                .labels(vec![
                    Span::styled(format!("#{}", first.id), t.dim),
                    Span::styled(if first.id == last.id { String::new() } else { format!("#{}", last.id) }, t.dim),
                ])
                .style(t.border),
        )
        .y_axis(Axis::default().bounds([0.0, max]).labels(labels).style(t.border));
    f.render_widget(chart, inner);
}

fn items(f: &mut Frame, area: Rect, v: &View) {
    let t = v.theme;
    let deck = v.snap.deck_due().map_or("", |d| d.name.as_str());
    let inner = panel(f, area, &format!("Items in {deck}"), v.theme);
    let s = &v.snap.states;
    let total = s.new + s.learning + s.review + s.relearning + s.suspended;
    let mut lines = Vec::new();
    for (name, n, style) in [
        ("new", s.new, t.accent),
        ("learning", s.learning, t.warn),
        ("review", s.review, t.ok),
        ("relearning", s.relearning, t.err),
        ("suspended", s.suspended, t.dim),
    ] {
        let share = if total == 0 { 0.0 } else { f64::from(n) / f64::from(total) };
        let mut spans = vec![Span::styled(format!("{name:<11}{n:>6}  "), style)];
        spans.extend(super::super::widgets::bars::bar(
            share,
            usize::from(inner.width).saturating_sub(26),
            style,
            t.dim,
        ));
        spans.push(Span::styled(format!(" {:>5}", percent(share)), t.dim));
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
