//! The dashboard's exam-date lines: days left, the plan's pace and verdict, readiness on exam
//! day with its band (labelled an estimate), and the three weakest tasks.
//!
//! Kept apart from the dashboard so the exam-date view has one home: the lines draw from the
//! snapshot's [`Outlook`] only, and [`DatePrompt`] sets the date (`e`), running the same
//! use case as `dopdeck plan --exam-date`.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::action::Action;
use super::super::widgets::popup;
use super::{Ctx, Outcome, View};
use crate::plan::{DEFAULT_BUFFER_DAYS, Verdict};
use crate::study::StudyError;
use crate::study::plan::Outlook;

/// The exam-date prompt: digits and dashes, Enter sets the plan, Esc cancels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DatePrompt {
    pub text: String,
}

impl DatePrompt {
    /// A prompt holding the current date, if there is one.
    pub fn new(current: Option<NaiveDate>) -> DatePrompt {
        DatePrompt { text: current.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default() }
    }

    /// Handles a key; the flag says the prompt is finished (set or cancelled).
    pub fn update(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<(Outcome, bool), StudyError> {
        match action {
            Action::Input(c) if (c.is_ascii_digit() || c == '-') && self.text.len() < 10 => self.text.push(c),
            Action::Input(_) => {}
            Action::Backspace => {
                self.text.pop();
            }
            Action::ClearInput => self.text.clear(),
            Action::Cancel | Action::Back => return Ok((Outcome::Consumed, true)),
            Action::Confirm => {
                let today = ctx.study.study_day(ctx.now);
                match NaiveDate::parse_from_str(&self.text, "%Y-%m-%d") {
                    Ok(date) if date >= today => {
                        let buffer = ctx.study.plan()?.map_or(DEFAULT_BUFFER_DAYS, |p| p.buffer_days);
                        ctx.study.set_plan(date, buffer, ctx.now)?;
                        ctx.cheer(format!("Exam date set: {}. The new-card limit follows the plan.", date));
                        return Ok((Outcome::Changed, true));
                    }
                    Ok(_) => ctx.warn(format!("The exam date must be today ({today}) or later.")),
                    Err(_) => ctx.warn("Type the date as YYYY-MM-DD, e.g. 2026-03-31."),
                }
            }
            _ => {}
        }
        Ok((Outcome::Consumed, false))
    }

    /// Draws the prompt over `area`.
    pub fn render(&self, f: &mut Frame, area: Rect, v: &View) {
        let inner = popup::frame(f, popup::centered(area, 46, 5), " Exam date ", v.theme);
        let lines = vec![
            Line::styled("Your exam date (YYYY-MM-DD):", v.theme.base),
            Line::styled(format!("{}▏", self.text), v.theme.title),
            Line::styled("Enter sets it · Esc cancels", v.theme.dim),
        ];
        f.render_widget(Paragraph::new(lines), inner);
    }
}

/// The lines, for the dashboard's progress panel.
pub fn lines(o: &Outlook, v: &View) -> Vec<Line<'static>> {
    let t = v.theme;
    let mut lines = Vec::new();
    match &o.plan {
        Some(p) => {
            let verdict = match p.verdict {
                Verdict::OnTrack => (p.verdict.to_string(), t.ok),
                Verdict::Ahead(_) => (p.verdict.to_string(), t.ok),
                Verdict::Behind(_) => (p.verdict.to_string(), t.warn),
            };
            lines.push(Line::from(vec![
                Span::styled(format!("Exam {}: ", p.exam_date.format("%a %d %b")), t.base),
                Span::styled(format!("{} day(s) left", p.days_left), t.title),
                Span::styled(format!(" · {} new a day · ", p.new_per_day), t.base),
                Span::styled(verdict.0, verdict.1),
            ]));
        }
        None => lines.push(Line::styled("No exam date: press e to set one and plan for it.", t.dim)),
    }
    let r = &o.readiness;
    let when = if o.plan.is_some() { "on exam day" } else { "today" };
    lines.push(Line::from(vec![
        Span::styled(format!("Projected {when} "), t.base),
        Span::styled(format!("≈ {}", r.scaled), if r.scaled_low >= r.passing { t.ok } else { t.warn }),
        Span::styled(format!(" ({}–{}), pass {} — an estimate", r.scaled_low, r.scaled_high, r.passing), t.dim),
    ]));
    if !o.weakest.is_empty() {
        let tasks: Vec<String> = o.weakest.iter().map(|w| format!("{} {:.0} %", w.task, w.expected * 100.0)).collect();
        lines.push(Line::from(vec![Span::styled("Weakest tasks: ", t.base), Span::styled(tasks.join(" · "), t.warn)]));
    }
    lines
}
