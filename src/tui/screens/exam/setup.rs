//! The exam screen before an attempt: the form for a new attempt (mode, size, scope) and the
//! history of attempts, one cursor over both.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::content::Catalog;
use crate::exam::{Mode, Scope, paced_minutes};
use crate::study::AttemptMeta;
use crate::study::TimeLimit;
use crate::tui::screens::View;
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::text::{percent, truncate};

/// Question counts offered by ←→.
const COUNTS: [usize; 7] = [5, 10, 20, 30, 40, 65, 75];

/// Rows of the form; history rows follow.
pub const FORM_ROWS: usize = 4;

/// What the next attempt will be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub mode: Mode,
    pub questions: usize,
    /// A time limit given on the command line; otherwise exams get the real pace (180 minutes
    /// for 75 questions, pro rata) and practice and drills are untimed.
    pub minutes: Option<u32>,
    pub scope: Scope,
    /// A seed given on the command line; otherwise the clock's.
    pub seed: Option<u64>,
}

impl Form {
    /// A full-length mock over every domain.
    pub fn new(catalog: &Catalog) -> Form {
        Form {
            mode: Mode::Exam,
            questions: catalog.exam.questions as usize,
            minutes: None,
            scope: Scope::All,
            seed: None,
        }
    }

    /// The time limit the attempt will have if the bank holds as many questions as asked.
    pub fn minutes(&self, catalog: &Catalog) -> Option<u32> {
        self.minutes.or_else(|| (self.mode == Mode::Exam).then(|| paced_minutes(&catalog.exam, self.questions)))
    }

    /// The time limit to start with: an exam without a given limit is paced by the questions
    /// actually drawn.
    pub fn time_limit(&self) -> TimeLimit {
        match (self.minutes, self.mode) {
            (Some(m), _) => TimeLimit::Minutes(m),
            (None, Mode::Exam) => TimeLimit::Paced,
            (None, _) => TimeLimit::Untimed,
        }
    }

    /// Changes the value on form row `row` one step left (`-1`) or right (`+1`).
    pub fn change(&mut self, row: usize, step: i32, catalog: &Catalog) {
        match row {
            0 => {
                let modes = [Mode::Exam, Mode::Practice, Mode::Drill];
                let i = modes.iter().position(|m| *m == self.mode).unwrap_or(0) as i32;
                let default = |m: Mode| match m {
                    Mode::Exam => catalog.exam.questions as usize,
                    Mode::Practice => 20,
                    Mode::Drill => 10,
                };
                // An untouched size follows the mode (75 for an exam, 20 practice, 10 drill).
                let follow = self.questions == default(self.mode);
                self.mode = modes.get((i + step).rem_euclid(3) as usize).copied().unwrap_or(self.mode);
                if follow {
                    self.questions = default(self.mode);
                }
                self.minutes = None;
            }
            1 => {
                self.questions = if step > 0 {
                    COUNTS.iter().copied().find(|&c| c > self.questions).unwrap_or(self.questions)
                } else {
                    COUNTS.iter().rev().copied().find(|&c| c < self.questions).unwrap_or(self.questions)
                };
                self.minutes = None;
            }
            2 => {
                let mut scopes: Vec<Scope> = vec![Scope::All];
                scopes.extend(catalog.exam.domains.iter().map(|d| Scope::Domain(*d.number.get_ref())));
                if !scopes.contains(&self.scope) {
                    scopes.push(self.scope.clone());
                }
                let i = scopes.iter().position(|s| *s == self.scope).unwrap_or(0) as i32;
                if let Some(next) = scopes.get((i + step).rem_euclid(scopes.len() as i32) as usize) {
                    self.scope = next.clone();
                }
            }
            _ => {}
        }
    }
}

/// How a scope reads.
pub fn scope_label(scope: &Scope, catalog: &Catalog) -> String {
    match scope {
        Scope::All => "all domains, by exam weight".into(),
        Scope::Domain(d) => catalog
            .exam
            .domains
            .iter()
            .find(|x| x.number.get_ref() == d)
            .map_or(format!("domain {d}"), |x| format!("domain {d}: {}", x.name)),
        Scope::Task(t) => format!("task {t}"),
        Scope::Topic(t) => format!("topic: {}", catalog.topic(t).map_or(t.as_str(), |x| x.name.as_str())),
        Scope::Weakest(tasks) => format!("weakest tasks: {}", tasks.join(", ")),
    }
}

fn mode_help(mode: Mode) -> &'static str {
    match mode {
        Mode::Exam => "timed like the real exam; answers at the end",
        Mode::Practice => "untimed; the answer and every why at once",
        Mode::Drill => "one domain or topic; instant feedback",
    }
}

/// Draws the form and the history.
pub fn render(form: &Form, cursor: usize, attempts: &[AttemptMeta], f: &mut Frame, area: Rect, v: &View) {
    let t = v.theme;
    let [top, bottom] = Layout::vertical([Constraint::Length(11), Constraint::Min(0)]).areas(area);
    let inner = panel(f, top, "New attempt", v.theme);
    let minutes = form.minutes(v.catalog).map_or("untimed".to_string(), |m| format!("{m} minutes"));
    let rows = [
        ("Mode", form.mode.name().to_string(), mode_help(form.mode).to_string()),
        ("Questions", form.questions.to_string(), format!("time limit: {minutes}")),
        ("Scope", scope_label(&form.scope, v.catalog), String::new()),
    ];
    let mut lines = Vec::new();
    for (i, (name, value, help)) in rows.iter().enumerate() {
        let sel = cursor == i;
        let style = if sel { t.selected } else { t.base };
        lines.push(Line::from(vec![
            Span::styled(format!("{} {name:<10}", if sel { "▶" } else { " " }), style),
            Span::styled(format!("◀ {value:^30} ▶"), if sel { style.patch(t.accent) } else { t.accent }),
            Span::styled(format!("  {help}"), t.dim),
        ]));
    }
    lines.push(Line::default());
    let sel = cursor == 3;
    lines.push(Line::from(vec![
        Span::styled(if sel { "▶ " } else { "  " }, t.base),
        Span::styled(" Start ", if sel { t.tab_active } else { t.key }),
        Span::styled(format!(" {} questions · {}", form.questions, minutes), t.base),
        Span::styled("   Enter starts · ←→ change a value", t.dim),
    ]));
    lines.push(Line::default());
    lines.push(Line::styled(
        "Scores show a scaled estimate (100–1000, pass 750): AWS does not publish its conversion.",
        t.dim,
    ));
    f.render_widget(Paragraph::new(lines), inner);

    let inner = panel(f, bottom, "History — Enter opens an attempt's review · scaled scores are estimates", v.theme);
    let mut lines = vec![Line::styled(
        format!(
            "  {:>4}  {:<16}  {:<8}  {:<28} {:>9} {:>6}  {}",
            "#", "started", "mode", "scope", "score", "%", "≈ scaled"
        ),
        t.dim,
    )];
    let height = usize::from(inner.height).saturating_sub(1);
    let selected = cursor.checked_sub(FORM_ROWS);
    let start = selected.map_or(0, |s| s.saturating_sub(height.saturating_sub(1)));
    for (i, a) in attempts.iter().rev().enumerate().skip(start).take(height) {
        let started = a.started_at.with_timezone(&v.offset).format("%Y-%m-%d %H:%M").to_string();
        let (score, pct, scaled) = match (a.correct, a.scaled_estimate) {
            (Some(c), Some(s)) => {
                let share = if a.questions == 0 { 0.0 } else { c as f64 / a.questions as f64 };
                (format!("{c}/{}", a.questions), percent(share), format!("≈ {s}"))
            }
            // Closed unscored: it could not be resumed.
            _ if a.submitted_at.is_some() => ("closed".into(), String::new(), String::new()),
            _ => ("open".into(), String::new(), String::new()),
        };
        let sel = selected == Some(i);
        let style = if sel { t.selected } else { t.base };
        lines.push(Line::styled(
            format!(
                "{} {:>4}  {started:<16}  {:<8}  {:<28} {score:>9} {pct:>6}  {scaled}",
                if sel { "▶" } else { " " },
                a.id,
                a.mode.name(),
                truncate(&scope_label(&a.scope, v.catalog), 28)
            ),
            style,
        ));
    }
    if attempts.is_empty() {
        lines.push(Line::styled("  No attempts yet.", t.dim));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
