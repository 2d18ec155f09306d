//! Drawing the exam screen: setup, the question being answered with its timer and navigator,
//! the submit confirmation, and the results.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Wrap};

use super::setup;
use super::{ExamState, NAV_COLUMNS, Popup, choose_count};
use crate::exam::{Mode, Session};
use crate::study::Attempt;
use crate::text::letters::letter;
use crate::tui::screens::View;
use crate::tui::theme::Theme;
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::popup;
use crate::tui::widgets::scroll::follow;
use crate::tui::widgets::text::{bullet, clock, wrapped};

/// Minutes before the deadline when the timer changes colour.
const WARN_MINUTES: i64 = 10;

/// Draws the screen for whichever phase it is in, keeping the question's scroll position
/// ([`ExamState::offset`]) and the results' list window as drawn.
pub fn render(state: &mut ExamState, f: &mut Frame, area: Rect, v: &View) {
    let area = match &state.banner {
        Some(text) => {
            let [banner, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
            f.render_widget(Paragraph::new(Line::styled(format!(" {text}"), v.theme.warn)), banner);
            rest
        }
        None => area,
    };
    if let Some(results) = &mut state.results {
        results.render(f, area, v);
    } else if let Some(attempt) = &state.attempt {
        let offset = taking(state, attempt, f, area, v);
        match state.popup {
            Some(Popup::Navigator { cursor }) => navigator_popup(&attempt.session, cursor, f, area, v),
            Some(Popup::Confirm) => confirm(attempt, f, area, v),
            None => {}
        }
        state.offset = offset;
    } else {
        setup::render(&state.form, state.cursor, &v.snap.attempts, f, area, v);
    }
}

/// The question being answered, its timer and (on wide terminals) the navigator; returns the
/// question's scroll position as drawn.
fn taking(state: &ExamState, attempt: &Attempt, f: &mut Frame, area: Rect, v: &View) -> usize {
    let t = v.theme;
    let s = &attempt.session;
    let i = s.current;
    let [head, timer, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let want = choose_count(v.catalog, attempt, i);
    let answered = s.questions.len() - s.unanswered().len();
    let mut left = vec![Span::styled(format!(" Question {} of {}", i + 1, s.questions.len()), t.title)];
    if want > 1 {
        left.push(Span::styled(format!(" · choose {want}"), t.accent));
    }
    if s.is_flagged(i) {
        left.push(Span::styled(" · ⚑ flagged", t.warn));
    }
    let right = format!("{} mode · {answered} answered · {} flagged ", s.mode.name(), s.flagged_indices().len());
    f.render_widget(Paragraph::new(Line::from(left)), head);
    f.render_widget(Paragraph::new(Line::styled(right, t.dim).alignment(Alignment::Right)), head);
    timer_gauge(s, f, timer, v);

    let (question, side) = if body.width >= 100 {
        let [q, n] =
            Layout::horizontal([Constraint::Min(40), Constraint::Length(NAV_COLUMNS as u16 * 4 + 4)]).areas(body);
        (q, Some(n))
    } else {
        (body, None)
    };
    // The real exam names neither the question nor its task: in exam mode neither do we, so the
    // id cannot hint at the domain. Practice and drills (and every report) keep them.
    let title = if s.mode == Mode::Exam {
        "Question".to_string()
    } else {
        let id = s.questions.get(i).map_or("", |q| q.question_id.as_str());
        format!("{id} · task {}", task(v, attempt))
    };
    let inner = panel(f, question, &title, v.theme);
    let inner = inner.inner(ratatui::layout::Margin::new(1, 0));
    let (lines, cursor_line) = question_lines(state, attempt, usize::from(inner.width), t, v);
    let height = usize::from(inner.height);
    // Keep the option cursor (and a line of context) in view.
    let mut start = state.offset;
    follow(&mut start, cursor_line + 1, height, lines.len());
    f.render_widget(Paragraph::new(lines).scroll((start as u16, 0)), inner);
    if let Some(side) = side {
        let inner = panel(f, side, "Navigator — g", v.theme);
        let mut lines = grid(s, None, t);
        lines.push(Line::default());
        lines.extend(legend(t));
        f.render_widget(Paragraph::new(lines), inner);
    }
    start
}

fn task(v: &View, attempt: &Attempt) -> String {
    let s = &attempt.session;
    (s.questions.get(s.current))
        .and_then(|aq| v.catalog.question(&aq.question_id))
        .map_or(String::new(), |q| q.task.get_ref().clone())
}

fn timer_gauge(s: &Session, f: &mut Frame, area: Rect, v: &View) {
    let t = v.theme;
    let (Some(deadline), Some(left)) = (s.deadline, s.time_left(v.now)) else {
        f.render_widget(Paragraph::new(Line::styled(" untimed — take the time you need", t.dim)), area);
        return;
    };
    let total = (deadline - s.started_at).num_seconds().max(1) as f64;
    let ratio = (left.num_seconds() as f64 / total).clamp(0.0, 1.0);
    let style = if left.num_minutes() < 1 {
        t.err
    } else if left.num_minutes() < WARN_MINUTES {
        t.warn
    } else {
        t.gauge
    };
    // Against the even pace the limit implies: ahead or behind by how many questions.
    let answered = s.questions.len() - s.unanswered().len();
    let pace = crate::plan::pacing::pace(s.questions.len(), answered, s.started_at, Some(deadline), v.now)
        .map_or(String::new(), |p| format!("· {} ", p.label()));
    let label = format!(" {} left of {} {pace}", clock(left), clock(deadline - s.started_at));
    let gauge = LineGauge::default()
        .ratio(ratio)
        .label(Span::styled(label, style.add_modifier(Modifier::BOLD)))
        .filled_style(style)
        .unfilled_style(t.dim)
        .filled_symbol("━")
        .unfilled_symbol("─");
    f.render_widget(gauge, area);
}

/// The stem and the lettered options; returns the lines and the line of the option cursor.
fn question_lines(
    state: &ExamState,
    attempt: &Attempt,
    width: usize,
    t: &Theme,
    v: &View,
) -> (Vec<Line<'static>>, usize) {
    let s = &attempt.session;
    let i = s.current;
    let Some((aq, q)) = s.questions.get(i).and_then(|aq| Some((aq, v.catalog.question(&aq.question_id)?))) else {
        return (Vec::new(), 0);
    };
    let want = choose_count(v.catalog, attempt, i);
    let checked = s.mode.instant_feedback() && s.is_answered(i);
    let chosen: Vec<usize> =
        if s.mode.instant_feedback() && !checked { state.pending.clone() } else { s.shown_answer(i) };
    let mut out = vec![Line::default()];
    out.extend(wrapped(q.stem.trim(), width, t.title));
    // Stems written like the real exam already end "(Select TWO.)"; say it once.
    if want > 1 && !q.stem.contains("(Select") {
        out.push(Line::styled(format!("(Choose {want}.)"), t.accent));
    }
    out.push(Line::default());
    let mut cursor_line = out.len();
    let options = aq.order.iter().enumerate().filter_map(|(shown, &opt)| Some((shown, q.options.get(opt)?.get_ref())));
    for (shown, o) in options {
        let on = chosen.contains(&shown);
        let boxed = match (want > 1, on) {
            (true, true) => "[x]",
            (true, false) => "[ ]",
            (false, true) => "(•)",
            (false, false) => "( )",
        };
        let cursor = shown == state.option_cursor;
        if cursor {
            cursor_line = out.len();
        }
        let style = match (checked, o.correct, on) {
            (true, true, _) => t.ok,
            (true, false, true) => t.err,
            (true, false, false) => t.dim,
            (false, _, true) => t.accent,
            _ => t.base,
        };
        let style = if cursor && !checked { style.patch(t.selected) } else { style };
        let mark = if checked {
            if o.correct {
                "✓"
            } else if on {
                "✗"
            } else {
                " "
            }
        } else if cursor {
            "▶"
        } else {
            " "
        };
        out.extend(bullet(&format!("{mark} {boxed} {}. ", letter(shown)), &o.text, width, style, style));
        if checked && let Some(why) = &o.why {
            out.extend(bullet("         ", why, width, t.dim, t.dim));
        }
    }
    if checked {
        out.push(Line::default());
        out.extend(wrapped(q.explanation.trim(), width, t.base));
        out.push(Line::styled("→ or n: next question", t.dim));
    } else if aq.order.len() > 5 {
        out.push(Line::default());
        out.push(Line::styled("Option F is Shift+F (f flags the question).", t.dim));
    }
    (out, cursor_line)
}

/// The navigator grid: one cell per question, answered / flagged / unanswered, the current one
/// bold, and the popup's cursor highlighted.
fn grid(s: &Session, cursor: Option<usize>, t: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for row in s.questions.chunks(NAV_COLUMNS).enumerate().map(|(r, c)| (r * NAV_COLUMNS, c.len())) {
        let (first, len) = row;
        let spans: Vec<Span> = (first..first + len)
            .map(|q| {
                let flag = if s.is_flagged(q) {
                    "⚑"
                } else if !s.is_answered(q) {
                    " "
                } else {
                    "✓"
                };
                let mut style = if s.is_flagged(q) {
                    t.warn
                } else if !s.is_answered(q) {
                    t.dim
                } else {
                    t.ok
                };
                if q == s.current {
                    style = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
                }
                if Some(q) == cursor {
                    style = style.patch(t.selected);
                }
                Span::styled(format!("{:>3}{flag}", q + 1), style)
            })
            .collect();
        lines.push(Line::from(spans));
    }
    lines
}

fn legend(t: &Theme) -> Vec<Line<'static>> {
    vec![
        Line::from(vec![Span::styled("  7✓ ", t.ok), Span::styled("answered", t.dim)]),
        Line::from(vec![Span::styled("  7⚑ ", t.warn), Span::styled("flagged", t.dim)]),
        Line::from(vec![Span::styled("  7  ", t.dim), Span::styled("unanswered", t.dim)]),
        Line::from(vec![
            Span::styled("  7", t.base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)),
            Span::styled("  this question", t.dim),
        ]),
    ]
}

fn navigator_popup(s: &Session, cursor: usize, f: &mut Frame, area: Rect, v: &View) {
    let rows = s.questions.len().div_ceil(NAV_COLUMNS) as u16;
    let rect = popup::centered(area, NAV_COLUMNS as u16 * 4 + 6, rows + 9);
    let inner = popup::frame(f, rect, " Go to question ", v.theme);
    let mut lines = grid(s, Some(cursor), v.theme);
    lines.push(Line::default());
    lines.extend(legend(v.theme));
    lines.push(Line::styled(" arrows move · Enter goes · Esc closes", v.theme.dim));
    f.render_widget(Paragraph::new(lines), inner.inner(ratatui::layout::Margin::new(1, 0)));
}

fn numbers(v: &[usize]) -> String {
    if v.is_empty() { "none".into() } else { v.iter().map(|i| (i + 1).to_string()).collect::<Vec<_>>().join(", ") }
}

fn confirm(attempt: &Attempt, f: &mut Frame, area: Rect, v: &View) {
    let t = v.theme;
    let s = &attempt.session;
    let unanswered = s.unanswered();
    let flagged = s.flagged_indices();
    let rect = popup::centered(area, 64, 12);
    let inner = popup::frame(f, rect, format!(" Submit attempt {}? ", attempt.id), t);
    let mut lines = vec![
        Line::styled(format!("Answered {} of {}.", s.questions.len() - unanswered.len(), s.questions.len()), t.base),
        Line::from(vec![
            Span::styled("Unanswered: ", t.base),
            Span::styled(numbers(&unanswered), if unanswered.is_empty() { t.ok } else { t.err }),
        ]),
        Line::from(vec![
            Span::styled("Flagged: ", t.base),
            Span::styled(numbers(&flagged), if flagged.is_empty() { t.ok } else { t.warn }),
        ]),
    ];
    if let Some(left) = s.time_left(v.now) {
        lines.push(Line::styled(format!("Time left: {}", clock(left)), t.dim));
    }
    lines.push(Line::default());
    lines.push(Line::styled("Unanswered questions count as wrong. Submitting cannot be undone.", t.dim));
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("y", t.key),
        Span::styled(" submit now    ", t.base),
        Span::styled("n", t.key),
        Span::styled(" keep answering", t.base),
    ]));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner.inner(ratatui::layout::Margin::new(1, 0)));
}
