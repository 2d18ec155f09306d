//! Drawing the review screen: the session's progress bar, the card (written, table, ordering
//! or question), and the four grade buttons with the interval each would give.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, LineGauge, Paragraph};

use crate::content::{Catalog, ItemKind, ItemSource};
use crate::srs::QueueKind;
use crate::text::letters::letter;
use crate::text::time::short_interval;

use super::{Card, ReviewState};
use crate::tui::screens::{ScreenId, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::fitted_table::{self, RowMark};
use crate::tui::widgets::text::{bullet, wrapped};

/// Widest the card gets: long lines are hard to read on a wide terminal.
const MAX_CARD_WIDTH: u16 = 100;

/// Draws the screen into `area`.
pub fn render(state: &ReviewState, f: &mut Frame, area: Rect, v: &View) {
    let [top, body, buttons] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(3)]).areas(area);
    progress(state, f, top, v);
    let Some(card) = &state.card else {
        done(state, f, body.union(buttons), v);
        return;
    };
    // The card is as tall as its text (up to the room there is), centred, at most 100 wide.
    let width = body.width.min(MAX_CARD_WIDTH);
    let x = body.x + (body.width - width) / 2;
    let text_width = usize::from(width.saturating_sub(6)).max(1);
    let (lines, focus) = card_lines(card, v.catalog, text_width, v.theme);
    let height = (lines.len() as u16 + 4).clamp(5, body.height.max(1)).min(body.height);
    let gap = u16::from(body.height > height + 2);
    render_card(state, card, lines, focus, f, Rect::new(x, body.y + gap, width, height), v);
    let below = body.y + gap + height;
    let buttons =
        if below + 3 <= buttons.y { Rect::new(x, below, width, 3) } else { Rect::new(x, buttons.y, width, 3) };
    if state.cram.is_some() {
        cram_hint(card, f, buttons, v);
    } else {
        render_buttons(card, f, buttons, v);
    }
}

fn progress(state: &ReviewState, f: &mut Frame, area: Rect, v: &View) {
    let t = v.theme;
    let c = &state.counts;
    let text = if state.cram.is_some() {
        Line::from(vec![
            Span::styled(" Cram — schedules unchanged ", t.title),
            Span::styled(format!("{} ", state.title(v.catalog)), t.accent),
            Span::raw("  "),
        ])
    } else {
        Line::from(vec![
            Span::styled(format!(" {} ", state.title(v.catalog)), t.title),
            Span::styled(format!("{} new", c.new), t.accent),
            Span::styled(" · ", t.dim),
            Span::styled(format!("{} learning", c.learning), t.warn),
            Span::styled(" · ", t.dim),
            Span::styled(format!("{} review", c.review), t.ok),
            Span::raw("  "),
        ])
    };
    let [left, right] = Layout::horizontal([Constraint::Length(text.width() as u16), Constraint::Min(0)]).areas(area);
    f.render_widget(Paragraph::new(text), left);
    let (done, total) = state.progress();
    let ratio = if total == 0 { 1.0 } else { f64::from(done) / f64::from(total) };
    let gauge = LineGauge::default()
        .ratio(ratio)
        .label(Span::styled(
            format!("{done}/{total} {}", if state.cram.is_some() { "seen " } else { "this session " }),
            t.dim,
        ))
        .filled_style(t.gauge)
        .unfilled_style(t.dim);
    f.render_widget(gauge, right);
}

fn render_card(
    state: &ReviewState,
    card: &Card,
    lines: Vec<Line<'static>>,
    focus: Option<usize>,
    f: &mut Frame,
    area: Rect,
    v: &View,
) {
    let t = v.theme;
    let Some(item) = v.catalog.item(&card.id) else { return };
    let topics: Vec<&str> =
        item.topics.iter().filter_map(|id| v.catalog.topic(id)).map(|tp| tp.name.as_str()).collect();
    let kind = match item.kind {
        ItemKind::Card => "card",
        ItemKind::Table => "table card",
        ItemKind::Sequence => "ordering card",
        ItemKind::Question => "question",
    };
    let queue = match (card.kind, state.single) {
        _ if state.cram.is_some() => "cram: not rescheduled",
        (_, true) => "opened from search",
        (Some(QueueKind::New), _) => "new",
        (Some(QueueKind::Learning), _) => "learning",
        (Some(QueueKind::Review), _) => "review",
        (None, _) => "again after undo",
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.border_focus)
        .title(Line::styled(format!(" {kind} · task {} · {} ", item.task, topics.join(", ")), t.title))
        .title(Line::styled(format!(" {queue} "), t.dim).alignment(Alignment::Right));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let inner = inner.inner(ratatui::layout::Margin::new(2, 1));
    let height = usize::from(inner.height);
    // Keep the asked row of a table in view unless the learner scrolled.
    let auto = focus.map_or(0, |l| l.saturating_sub(height.saturating_sub(3)));
    let scroll = (usize::from(card.scroll) + auto).min(lines.len().saturating_sub(1));
    let more = lines.len() > scroll + height;
    f.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
    if more && area.height > 2 {
        let tag = Line::styled(" more below: PgDn ", t.dim).alignment(Alignment::Right);
        f.render_widget(Paragraph::new(tag), Rect::new(area.x, area.bottom() - 1, area.width.saturating_sub(1), 1));
    }
}

/// The card's lines and, for a table card, the line of the asked row.
fn card_lines(card: &Card, catalog: &Catalog, width: usize, t: &Theme) -> (Vec<Line<'static>>, Option<usize>) {
    let Some(item) = catalog.item(&card.id) else { return (Vec::new(), None) };
    let mut out: Vec<Line<'static>> = Vec::new();
    match item.source {
        ItemSource::Card { .. } => {
            let p = catalog.prompt(item);
            out.extend(wrapped(&p.front, width, t.title));
            if card.revealed {
                answer_rule(&mut out, width, t);
                out.extend(wrapped(&p.back, width, t.base));
            }
        }
        ItemSource::TableRow { topic, table, row } => {
            let Some(tb) = catalog.topics().get(topic).and_then(|tp| tp.tables.get(table)) else { return (out, None) };
            let rows: Vec<Vec<String>> = tb.rows.iter().map(|r| r.get_ref().clone()).collect();
            return table_card(&tb.title, &tb.columns, &rows, row, tb.as_of.as_deref(), card.revealed, width, t);
        }
        ItemSource::ComparisonRow { comparison, row } => {
            let Some(c) = catalog.comparisons().get(comparison) else { return (out, None) };
            let rows: Vec<Vec<String>> = c.rows.iter().map(|r| r.get_ref().clone()).collect();
            return table_card(&c.title, &c.columns, &rows, row, c.as_of.as_deref(), card.revealed, width, t);
        }
        ItemSource::Sequence { topic, sequence } => {
            let Some(s) = catalog.topics().get(topic).and_then(|tp| tp.sequences.get(sequence)) else {
                return (out, None);
            };
            out.extend(wrapped(&format!("Put in order: {}", s.title), width, t.title));
            out.push(Line::default());
            let mut in_place = 0;
            for (pos, &step) in card.order.iter().enumerate() {
                let cursor = pos == card.cursor && !card.revealed;
                let (mark, style) = if !card.revealed {
                    (if cursor { "▶ " } else { "  " }, if cursor { t.selected } else { t.base })
                } else if step == pos {
                    in_place += 1;
                    ("✓ ", t.ok)
                } else {
                    ("✗ ", t.err)
                };
                let text = s.steps.get(step).map_or("", String::as_str);
                out.extend(bullet(&format!("{mark}{}. ", pos + 1), text, width, style, style));
            }
            if card.revealed {
                answer_rule(&mut out, width, t);
                out.push(Line::styled(format!("{in_place} of {} in place. The order:", s.steps.len()), t.title));
                for (i, step) in s.steps.iter().enumerate() {
                    out.extend(bullet(&format!("{:>3}. ", i + 1), step, width, t.accent, t.base));
                }
            }
        }
        ItemSource::Question { question } => {
            let Some(q) = catalog.questions().get(question) else { return (out, None) };
            out.extend(wrapped(q.stem.trim(), width, t.title));
            let n = *q.choose.get_ref();
            if n > 1 {
                out.push(Line::styled(format!("(choose {n})"), t.accent));
            }
            out.push(Line::default());
            for (i, o) in q.options.iter().enumerate() {
                let o = o.get_ref();
                let letter = letter(i);
                let (mark, style) = match (card.revealed, o.correct) {
                    (false, _) => ("  ", t.base),
                    (true, true) => ("✓ ", t.ok),
                    (true, false) => ("  ", t.dim),
                };
                out.extend(bullet(&format!("{mark}{letter}) "), &o.text, width, style, style));
                if card.revealed
                    && let Some(why) = &o.why
                {
                    out.extend(bullet("      ", why, width, t.dim, t.dim));
                }
            }
            if card.revealed {
                answer_rule(&mut out, width, t);
                out.extend(wrapped(q.explanation.trim(), width, t.base));
            }
        }
    }
    (out, None)
}

#[allow(clippy::too_many_arguments)]
fn table_card(
    title: &str,
    columns: &[String],
    rows: &[Vec<String>],
    asked: usize,
    as_of: Option<&str>,
    revealed: bool,
    width: usize,
    t: &Theme,
) -> (Vec<Line<'static>>, Option<usize>) {
    let head = rows.get(asked).and_then(|r| r.first()).cloned().unwrap_or_default();
    let asked_cols = columns.iter().skip(1).cloned().collect::<Vec<_>>().join(", ");
    let mut out = wrapped(&format!("{title}: {head}"), width, t.title);
    out.extend(wrapped(&format!("What goes in {asked_cols}?"), width, t.dim));
    out.push(Line::default());
    let mark = |i: usize| match (i == asked, revealed) {
        (true, false) => RowMark::Hidden,
        (true, true) => RowMark::Revealed,
        _ => RowMark::Plain,
    };
    // The line where the asked row starts: title lines, blank, header, rule, then rows above.
    let above = rows.get(..asked).unwrap_or(rows);
    let before = fitted_table::lines(columns, above, width, t, |_| RowMark::Plain).len();
    let focus = out.len() + before;
    out.extend(fitted_table::lines(columns, rows, width, t, mark));
    if let Some(a) = as_of {
        out.push(Line::styled(format!("as of {a}"), t.dim));
    }
    (out, Some(focus))
}

fn answer_rule(out: &mut Vec<Line<'static>>, width: usize, t: &Theme) {
    out.push(Line::default());
    out.push(Line::styled("─".repeat(width.min(60)), t.border));
    out.push(Line::default());
}

fn render_buttons(card: &Card, f: &mut Frame, area: Rect, v: &View) {
    let t = v.theme;
    if !card.revealed {
        let mut hint = Vec::new();
        if !card.order.is_empty() {
            hint.push(Span::styled("K J", t.key));
            hint.push(Span::styled("  move the step under ▶    ", t.dim));
        }
        hint.push(Span::styled("Space", t.key));
        hint.push(Span::styled(if card.order.is_empty() { "  show the answer" } else { "  check the order" }, t.dim));
        let hint = Line::from(hint).alignment(Alignment::Center);
        f.render_widget(Paragraph::new(vec![Line::default(), hint]), area);
        return;
    }
    let cells = Layout::horizontal([Constraint::Ratio(1, 4); 4]).spacing(1).split(area);
    let buttons = ["Again", "Hard", "Good", "Easy"].iter().zip(&card.preview).zip(cells.iter());
    for (i, ((name, state), cell)) in buttons.enumerate() {
        let style = t.grade(i + 1);
        let block = Block::bordered().border_type(BorderType::Rounded).border_style(style);
        let text = Line::from(vec![
            Span::styled(format!("{} ", i + 1), t.key),
            Span::styled(*name, style),
            Span::styled(format!("  {}", short_interval(v.now, state.due)), t.dim),
        ])
        .alignment(Alignment::Center);
        f.render_widget(Paragraph::new(text).block(block), *cell);
    }
}

/// Cram mode's line under the card: no grade buttons and no intervals, since nothing is graded.
fn cram_hint(card: &Card, f: &mut Frame, area: Rect, v: &View) {
    if !card.revealed {
        render_buttons(card, f, area, v);
        return;
    }
    let t = v.theme;
    let hint = Line::from(vec![
        Span::styled("Space 1–4", t.key),
        Span::styled("  seen — next card (nothing is rescheduled)", t.dim),
    ])
    .alignment(Alignment::Center);
    f.render_widget(Paragraph::new(vec![Line::default(), hint]), area);
}

fn done(state: &ReviewState, f: &mut Frame, area: Rect, v: &View) {
    let t = v.theme;
    if let Some(cram) = &state.cram {
        let lines = vec![
            Line::default(),
            Line::styled("Cram finished.", t.title).alignment(Alignment::Center),
            Line::default(),
            Line::styled(format!("You saw {} item(s); their schedules are unchanged.", cram.seen), t.base)
                .alignment(Alignment::Center),
            Line::default(),
            Line::from(vec![Span::styled("Enter", t.key), Span::styled(" back to the ordinary review queue", t.dim)])
                .alignment(Alignment::Center),
        ];
        f.render_widget(Paragraph::new(lines), area);
        return;
    }
    let mut lines = vec![
        Line::default(),
        Line::styled("Nothing due right now.", t.title).alignment(Alignment::Center),
        Line::default(),
        Line::styled(format!("You graded {} card(s) in this session.", state.reviewed), t.base)
            .alignment(Alignment::Center),
    ];
    match state.counts.next_due {
        Some(next) => lines.push(
            Line::styled(
                format!(
                    "The next card is due in {} ({}).",
                    short_interval(v.now, next),
                    next.with_timezone(&v.offset).format("%a %d %b, %H:%M")
                ),
                t.dim,
            )
            .alignment(Alignment::Center),
        ),
        None => lines.push(Line::styled("No card is scheduled yet.", t.dim).alignment(Alignment::Center)),
    }
    lines.push(Line::default());
    lines.push(
        Line::from(vec![
            Span::styled("Enter", t.key),
            Span::styled(" look again   ", t.dim),
            Span::styled(ScreenId::Exam.key().to_string(), t.key),
            Span::styled(" practice exam   ", t.dim),
            Span::styled(ScreenId::Topics.key().to_string(), t.key),
            Span::styled(" browse topics", t.dim),
        ])
        .alignment(Alignment::Center),
    );
    f.render_widget(Paragraph::new(lines), area);
}
