//! The dashboard: what is due today per deck, the streak, a 12-week heatmap, how each exam
//! domain is going (recall of its items and recent exam results), a readiness estimate, the
//! last exam and the week ahead.
//!
//! It only draws the [`crate::study::Snapshot`]; choosing a deck (shared with the stats screen) is handled by
//! the app, and Enter starts reviewing the chosen deck.

use ratatui::Frame;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};

use super::super::action::Action;
use super::super::keymap::Context;
use super::super::widgets::bars::bar;
use super::super::widgets::heatmap::Heatmap;
use super::super::widgets::panel::panel;
use super::super::widgets::text::{clock, percent, truncate};
use super::outlook::DatePrompt;
use super::{Ctx, Screen};
use super::{Nav, Outcome, ScreenId, View};
use crate::content::Catalog;
use crate::exam::Mode;
use crate::study::StudyError;

/// The dashboard: decks due today, domains, the exam date and readiness, recent exams. Its one
/// piece of state is the exam-date prompt (`e`); otherwise it draws the
/// [`crate::study::Snapshot`].
#[derive(Debug, Clone, Default)]
pub struct Dashboard {
    /// The exam date being typed, while the prompt is open.
    pub date: Option<DatePrompt>,
}

impl Screen for Dashboard {
    fn context(&self, _: &Catalog) -> Context {
        if self.date.is_some() { Context::ExamDate } else { Context::Dashboard }
    }

    /// Enter on the dashboard reviews the chosen deck; `c` crams it; `w` drills the weakest tasks; `e` types
    /// the exam date.
    fn update(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        if let Some(prompt) = self.date.as_mut() {
            let (outcome, done) = prompt.update(action, ctx)?;
            if done {
                self.date = None;
            }
            return Ok(outcome);
        }
        Ok(match (action, ctx.snap.deck_due()) {
            (Action::Select, Some(d)) => Outcome::Go(Nav::ReviewDeck(d.id.clone())),
            (Action::Cram, Some(d)) => Outcome::Go(Nav::CramDeck(d.id.clone())),
            (Action::Drill, _) => Outcome::Go(Nav::DrillWeakest),
            (Action::ExamDate, _) => {
                self.date = Some(DatePrompt::new(ctx.snap.outlook.plan.as_ref().map(|p| p.exam_date)));
                Outcome::Consumed
            }
            _ => Outcome::Ignored,
        })
    }

    fn render(&mut self, f: &mut Frame, area: Rect, v: &View) {
        render(f, area, v);
        if let Some(prompt) = &self.date {
            prompt.render(f, area, v);
        }
    }
}

/// Draws the dashboard.
pub fn render(f: &mut Frame, area: Rect, v: &View) {
    let decks_h = v.snap.decks.len() as u16 + 3;
    if area.width >= 100 {
        let [left, right] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
        let [today, domains, forecast] = Layout::vertical([
            Constraint::Length(decks_h),
            Constraint::Length(v.snap.domains.len() as u16 * 2 + 3),
            Constraint::Min(0),
        ])
        .areas(left);
        let [summary, heat, exams] =
            Layout::vertical([Constraint::Length(10), Constraint::Length(11), Constraint::Min(0)]).areas(right);
        decks(f, today, v);
        domain_panel(f, domains, v, true);
        forecast_panel(f, forecast, v);
        summary_panel(f, summary, v);
        heatmap_panel(f, heat, v);
        exams_panel(f, exams, v);
    } else {
        let top_h = decks_h.max(10);
        let [top, domains, bottom] = Layout::vertical([
            Constraint::Length(top_h),
            Constraint::Length(v.snap.domains.len() as u16 + 2),
            Constraint::Min(0),
        ])
        .areas(area);
        let [today, summary] = Layout::horizontal([Constraint::Length(44), Constraint::Min(0)]).areas(top);
        decks(f, today, v);
        summary_panel(f, summary, v);
        domain_panel(f, domains, v, false);
        if bottom.height >= 6 {
            let [heat, forecast] = Layout::horizontal([Constraint::Length(30), Constraint::Min(0)]).areas(bottom);
            heatmap_panel(f, heat, v);
            forecast_panel(f, forecast, v);
        }
    }
}

fn decks(f: &mut Frame, area: Rect, v: &View) {
    let t = v.theme;
    let inner = panel(f, area, "Due today", v.theme);
    let name_w = usize::from(inner.width).saturating_sub(26).max(6);
    let mut lines = vec![Line::styled(
        format!(" {:<name_w$} {:>5} {:>5} {:>6} {:>5}", "deck", "new", "learn", "review", "all"),
        t.dim,
    )];
    for (i, d) in v.snap.decks.iter().enumerate() {
        let c = &d.counts;
        let style = if i == v.snap.deck { t.selected } else { t.base };
        let marker = if i == v.snap.deck { "▶" } else { " " };
        lines.push(Line::from(vec![
            Span::styled(format!("{marker}{:<name_w$} ", truncate(&d.name, name_w)), style),
            Span::styled(format!("{:>5} ", c.new), style.patch(t.accent)),
            Span::styled(format!("{:>5} ", c.learning), style.patch(t.warn)),
            Span::styled(format!("{:>6} ", c.review), style.patch(t.ok)),
            Span::styled(format!("{:>5}", d.total()), style),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn summary_panel(f: &mut Frame, area: Rect, v: &View) {
    let t = v.theme;
    let s = v.snap;
    let inner = panel(f, area, "Progress", v.theme);
    let streak = match s.streak {
        0 => "No streak yet".to_string(),
        1 => "1 day streak".to_string(),
        n => format!("{n} day streak"),
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(streak, t.title),
        Span::styled(format!(" · {} reviews today · {} in all", s.reviews_today, s.total_reviews), t.base),
    ])];
    lines.extend(super::outlook::lines(&s.outlook, v));
    match s.last_attempt() {
        Some(a) => {
            let correct = a.correct.unwrap_or(0);
            let share = if a.questions == 0 { 0.0 } else { correct as f64 / a.questions as f64 };
            lines.push(Line::from(vec![
                Span::styled(format!("Last {} #{}: ", a.mode.name(), a.id), t.base),
                Span::styled(format!("{correct}/{} ({})", a.questions, percent(share)), t.title),
                Span::styled(
                    format!(" · ≈ {} scaled (est.)", a.scaled_estimate.map_or("—".into(), |x| x.to_string())),
                    t.dim,
                ),
            ]));
        }
        None => {
            lines.push(Line::styled(format!("No exam yet: press {} for a practice exam.", ScreenId::Exam.key()), t.dim))
        }
    }
    if let Some(open) = s.attempts.iter().rev().find(|a| a.submitted_at.is_none()) {
        let left = open.deadline.map(|d| clock((d - v.now).max(chrono::Duration::zero())));
        let what = match (open.mode, left) {
            (Mode::Exam, Some(l)) => format!(
                "Attempt #{} is open: {l} left, the clock is running — press {}.",
                open.id,
                ScreenId::Exam.key()
            ),
            _ => format!(
                "Attempt #{} ({}) is open — press {} to go on.",
                open.id,
                open.mode.name(),
                ScreenId::Exam.key()
            ),
        };
        lines.push(Line::styled(what, t.warn));
    }
    let states = &s.states;
    lines.push(Line::styled(
        format!(
            "Deck items: {} new · {} learning · {} review · {} suspended",
            states.new,
            states.learning + states.relearning,
            states.review,
            states.suspended
        ),
        t.dim,
    ));
    f.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }), inner);
}

fn domain_panel(f: &mut Frame, area: Rect, v: &View, tall: bool) {
    let t = v.theme;
    let inner = panel(f, area, "Domains: recall of your cards · recent exam results", v.theme);
    let w = usize::from(inner.width);
    let bar_w = if w >= 90 { 16 } else { 8 };
    let mut lines = Vec::new();
    for d in &v.snap.domains {
        let name = format!("{} {} ({} %)", d.number, d.name, d.weight);
        let recall = d.recall.map(|r| r * d.coverage());
        let exam = d.exam.map(|(c, n)| if n == 0 { 0.0 } else { c as f64 / n as f64 });
        let mut gauges = vec![Span::styled("recall ", t.dim)];
        gauges.extend(bar(recall.unwrap_or(0.0), bar_w, t.gauge, t.dim));
        gauges.push(Span::styled(format!(" {:>5}  ", recall.map_or("—".into(), percent)), t.base));
        gauges.push(Span::styled("exam ", t.dim));
        gauges.extend(bar(exam.unwrap_or(0.0), bar_w, t.ok, t.dim));
        gauges.push(Span::styled(format!(" {:>5}", exam.map_or("—".into(), percent)), t.base));
        let gauge_w: usize = gauges.iter().map(|s| s.width()).sum();
        if tall {
            let detail = format!(
                "  {}/{} graded{}",
                d.reviewed,
                d.items,
                d.exam.map_or(String::new(), |(c, n)| format!(" · exams {c}/{n} right"))
            );
            let name = truncate(&name, w);
            let room = w.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
            lines.push(Line::from(vec![Span::styled(name, t.title), Span::styled(truncate(&detail, room), t.dim)]));
            let mut line = vec![Span::raw("  ")];
            line.extend(gauges);
            lines.push(Line::from(line));
        } else {
            let name_w = w.saturating_sub(gauge_w + 1).max(4);
            let mut line = vec![Span::styled(format!("{:<name_w$} ", truncate(&name, name_w)), t.base)];
            line.extend(gauges);
            lines.push(Line::from(line));
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn heatmap_panel(f: &mut Frame, area: Rect, v: &View) {
    let inner = panel(f, area, "Reviews, 12 weeks", v.theme);
    let weeks = Heatmap::weeks_for(inner.width, 12);
    f.render_widget(Heatmap { per_day: &v.snap.per_day, today: v.snap.today, weeks, theme: v.theme }, inner);
}

fn forecast_panel(f: &mut Frame, area: Rect, v: &View) {
    let t = v.theme;
    let inner = panel(f, area, "Due in the next 7 days", v.theme);
    let bars: Vec<Bar> = v
        .snap
        .forecast
        .iter()
        .take(7)
        .enumerate()
        .map(|(i, d)| {
            let label = if i == 0 { "today".to_string() } else { d.day.format("%a").to_string() };
            Bar::default().value(u64::from(d.due)).label(Line::from(label)).style(t.gauge).value_style(t.title)
        })
        .collect();
    if v.snap.forecast.iter().take(7).all(|d| d.due == 0) {
        let text = "Nothing scheduled yet: graded cards come back here.";
        f.render_widget(Paragraph::new(Line::styled(text, t.dim)), inner);
        return;
    }
    let bar_w = (inner.width.saturating_sub(7) / 7).clamp(1, 9);
    let chart =
        BarChart::default().data(BarGroup::default().bars(&bars)).bar_width(bar_w).bar_gap(1).label_style(t.dim);
    f.render_widget(chart, inner);
}

fn exams_panel(f: &mut Frame, area: Rect, v: &View) {
    let t = v.theme;
    let inner = panel(f, area, "Recent attempts (≈ scaled: estimate)", v.theme);
    let mut lines = Vec::new();
    for a in v.snap.attempts.iter().rev().take(usize::from(inner.height)) {
        let started = a.started_at.with_timezone(&v.offset).format("%d %b %H:%M");
        let result = match (a.correct, a.scaled_estimate) {
            (Some(c), Some(s)) => {
                let share = if a.questions == 0 { 0.0 } else { c as f64 / a.questions as f64 };
                format!("{c:>3}/{:<3} {:>5}  ≈ {s}", a.questions, percent(share))
            }
            _ => "open".to_string(),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("#{:<3} {started}  {:<8} ", a.id, a.mode.name()), t.dim),
            Span::styled(result, t.base),
        ]));
    }
    if lines.is_empty() {
        lines.push(Line::styled("No attempts yet.", t.dim));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
