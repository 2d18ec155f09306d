//! A finished attempt: the score (scaled score labelled as an estimate), per-domain bars, and a
//! question-by-question review with every option's `why`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::setup::scope_label;
use crate::content::Catalog;
use crate::exam::{Score, Session};
use crate::study::{AttemptMeta, Study, StudyError};
use crate::text::letters::{letter, shown_letters};
use crate::tui::action::Action;
use crate::tui::screens::{Outcome, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::bars::bar;
use crate::tui::widgets::cursor;
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::scroll::{follow, scrollbar};
use crate::tui::widgets::text::{bullet, percent, truncate, wrapped};

/// The review of one submitted attempt.
#[derive(Debug)]
pub struct Results {
    pub meta: AttemptMeta,
    pub session: Session,
    pub score: Score,
    /// The question under the cursor (index into `score.outcomes`).
    pub selected: usize,
    /// Whether one question's review fills the screen (narrow terminals) or has the focus.
    pub detail: bool,
    pub scroll: u16,
    /// The list's window start, kept by the render.
    offset: usize,
    /// Time, accuracy by quarter and answer changes (see `plan::pacing`).
    pub pacing: Option<crate::plan::Pacing>,
}

impl Results {
    /// Reads attempt `id` and scores it.
    pub fn load(study: &Study<'_>, id: i64) -> Result<Option<Results>, StudyError> {
        let Some((meta, session, score)) = study.exam_attempt(id)? else { return Ok(None) };
        let pacing = study.exam_pacing(id)?;
        Ok(Some(Results { meta, session, score, selected: 0, detail: false, scroll: 0, offset: 0, pacing }))
    }

    /// Moves through the list, or scrolls one question's review.
    pub fn update(&mut self, action: Action) -> Outcome {
        let n = self.score.outcomes.len();
        match (self.detail, action) {
            (false, Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom) => {
                if let Some(i) = cursor::step(self.selected, n, &action) {
                    self.select(i);
                }
            }
            (false, Action::Select) => self.detail = true,
            (true, Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            (true, Action::Down) => self.scroll = self.scroll.saturating_add(1),
            (true, Action::PageUp) => self.scroll = self.scroll.saturating_sub(10),
            (true, Action::PageDown) => self.scroll = self.scroll.saturating_add(10),
            (true, Action::Left) => self.select(self.selected.saturating_sub(1)),
            (true, Action::Right) => self.select((self.selected + 1).min(n.saturating_sub(1))),
            (true, Action::Back) => self.detail = false,
            _ => return Outcome::Ignored,
        }
        Outcome::Consumed
    }

    fn select(&mut self, i: usize) {
        if i != self.selected {
            self.scroll = 0;
        }
        self.selected = i;
    }

    /// Draws the summary, the domain bars, the list and the selected question's review.
    pub fn render(&mut self, f: &mut Frame, area: Rect, v: &View) {
        let domains = self.score.domains.len() as u16;
        let [head, rest] = Layout::vertical([Constraint::Length(domains + 5), Constraint::Min(0)]).areas(area);
        self.summary(f, head, v);
        if rest.width >= 110 {
            let [list, detail] = Layout::horizontal([Constraint::Length(52), Constraint::Min(0)]).areas(rest);
            self.list(f, list, v);
            self.question(f, detail, v);
        } else if self.detail {
            self.question(f, rest, v);
        } else {
            self.list(f, rest, v);
        }
    }

    fn summary(&self, f: &mut Frame, area: Rect, v: &View) {
        let t = v.theme;
        let s = &self.score;
        let exam = &v.catalog.exam;
        let title = format!(
            "Attempt {} · {} · {}",
            self.meta.id,
            self.meta.mode.name(),
            scope_label(&self.meta.scope, v.catalog)
        );
        let inner = panel(f, area, &title, v.theme);
        let verdict = if s.passed { ("PASS (estimate)", t.ok) } else { ("FAIL (estimate)", t.err) };
        let mut lines = vec![
            Line::from(vec![
                Span::styled(format!("{}/{} correct ({:.1} %)", s.correct, s.questions, s.percent), t.title),
                Span::styled(
                    format!(
                        "  ·  scaled score estimate {} of {} (pass {})  ·  ",
                        s.scaled_estimate, exam.score_max, exam.passing_score
                    ),
                    t.base,
                ),
                Span::styled(verdict.0, verdict.1),
            ]),
            Line::styled("The scaled score is an estimate: AWS does not publish its raw-to-scaled conversion.", t.dim),
            self.pacing.as_ref().map_or_else(Line::default, |p| Line::styled(pacing_line(p), t.dim)),
        ];
        let name_w = usize::from(inner.width).saturating_sub(40).clamp(10, 48);
        for d in &exam.domains {
            let n = *d.number.get_ref();
            let Some(ds) = s.domains.get(&n) else { continue };
            let share = if ds.questions == 0 { 0.0 } else { ds.correct as f64 / ds.questions as f64 };
            let mut spans =
                vec![Span::styled(format!("{:<name_w$} ", truncate(&format!("{n} {}", d.name), name_w)), t.base)];
            spans.extend(bar(share, 20, if share >= 0.72 { t.ok } else { t.warn }, t.dim));
            spans.push(Span::styled(format!(" {:>5} {:>2}/{:<2}", percent(share), ds.correct, ds.questions), t.base));
            lines.push(Line::from(spans));
        }
        f.render_widget(Paragraph::new(lines), inner);
    }

    fn list(&mut self, f: &mut Frame, area: Rect, v: &View) {
        let t = v.theme;
        let inner = panel(f, area, "Questions — Enter reviews one", v.theme);
        let height = usize::from(inner.height);
        let n = self.score.outcomes.len();
        let start = follow(&mut self.offset, self.selected, height, n);
        let w = usize::from(inner.width);
        let lines: Vec<Line> = self
            .score
            .outcomes
            .iter()
            .enumerate()
            .skip(start)
            .take(height)
            .map(|(i, o)| {
                let sel = i == self.selected;
                let (mark, style) = if o.correct {
                    ("✓", t.ok)
                } else if o.given.is_empty() {
                    ("–", t.dim)
                } else {
                    ("✗", t.err)
                };
                let stem = v
                    .catalog
                    .question(&o.question_id)
                    .map_or(String::new(), |q| q.stem.split_whitespace().collect::<Vec<_>>().join(" "));
                let flag = if o.flagged { "⚑" } else { " " };
                let head = format!("{:>3} {flag} ", o.number);
                let rest = truncate(&stem, w.saturating_sub(head.chars().count() + 3));
                let base = if sel { t.selected } else { t.base };
                Line::from(vec![
                    Span::styled(head, base),
                    Span::styled(format!("{mark} "), if sel { base.patch(style) } else { style }),
                    Span::styled(rest, base),
                ])
            })
            .collect();
        f.render_widget(Paragraph::new(lines), inner);
        scrollbar(f, inner, start, n, t);
    }

    fn question(&self, f: &mut Frame, area: Rect, v: &View) {
        let t = v.theme;
        let Some(o) = self.score.outcomes.get(self.selected) else { return };
        let title =
            format!("Question {} of {} · task {} · {}", o.number, self.score.outcomes.len(), o.task, o.question_id);
        let inner = panel(f, area, &title, v.theme).inner(ratatui::layout::Margin::new(1, 0));
        // `number` places the outcome in the attempt; questions gone from the material have no
        // outcome, so the list index is not the attempt's.
        let index = o.number.saturating_sub(1);
        let lines = question_lines(v.catalog, &self.session, index, usize::from(inner.width), t);
        let max = lines.len().saturating_sub(usize::from(inner.height));
        let scroll = usize::from(self.scroll).min(max);
        f.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
    }
}

/// One question's review: the stem, every option with its why, the answer given and the right
/// one, the explanation and a reference.
pub fn question_lines(
    catalog: &Catalog,
    session: &Session,
    index: usize,
    width: usize,
    t: &Theme,
) -> Vec<Line<'static>> {
    let Some(aq) = session.questions.get(index) else { return Vec::new() };
    let Some(q) = catalog.question(&aq.question_id) else { return Vec::new() };
    let Some(given) = session.answers.get(index) else { return Vec::new() };
    let right = q.correct_options();
    let letters = |opts: &[usize]| -> String {
        let v = shown_letters(&aq.order, opts);
        if v.is_empty() { "—".into() } else { v }
    };
    let correct = *given == right;
    let mut out = vec![Line::from(vec![
        Span::styled(
            if correct {
                "✓ Right"
            } else if given.is_empty() {
                "– Not answered"
            } else {
                "✗ Wrong"
            },
            if correct { t.ok } else { t.err },
        ),
        Span::styled(format!("  ·  yours {}  ·  correct {}", letters(given), letters(&right)), t.base),
    ])];
    out.push(Line::default());
    out.extend(wrapped(q.stem.trim(), width, t.title));
    out.push(Line::default());
    for (shown, &opt) in aq.order.iter().enumerate() {
        // An option removed from the material since the attempt is skipped, not indexed.
        let Some(o) = q.options.get(opt).map(|o| o.get_ref()) else { continue };
        let chosen = given.contains(&opt);
        let mark = match (o.correct, chosen) {
            (true, _) => "✓",
            (false, true) => "✗",
            (false, false) => " ",
        };
        let style = if o.correct {
            t.ok
        } else if chosen {
            t.err
        } else {
            t.base
        };
        let you = if chosen { "  ← yours" } else { "" };
        out.extend(bullet(&format!("{mark} {}. ", letter(shown)), &format!("{}{you}", o.text), width, style, style));
        if let Some(why) = &o.why {
            out.extend(bullet("     ", why, width, t.dim, t.dim));
        }
    }
    out.push(Line::default());
    out.extend(wrapped(q.explanation.trim(), width, t.base));
    if let Some(r) = q.refs.first() {
        out.push(Line::default());
        out.push(Line::from(vec![Span::styled("Ref ", t.dim), Span::styled(r.clone(), t.accent)]));
    }
    out
}

/// One line of pacing: time a question, time left, accuracy by quarter, changed answers.
fn pacing_line(p: &crate::plan::Pacing) -> String {
    let n = p.questions.len().max(1) as f64;
    let per = p.questions.iter().map(|q| q.seconds).sum::<f64>() / n;
    let mmss = |s: f64| format!("{}:{:02}", s.max(0.0) as i64 / 60, s.max(0.0) as i64 % 60);
    let quarters: Vec<String> =
        p.quarters.iter().map(|q| q.accuracy.map_or("—".into(), |a| format!("{:.0} %", a * 100.0))).collect();
    let left = p.time_left_seconds.map_or(String::new(), |l| format!(" · {} left", mmss(l as f64)));
    format!(
        "Pace {}/question{left} · quarters {} · changed {} wrong→right, {} right→wrong",
        mmss(per),
        quarters.join(" / "),
        p.changes.wrong_to_right,
        p.changes.right_to_wrong
    )
}
