//! A table laid out as styled lines that fit a width: the widest columns wrap first.
//!
//! Used where a table is part of a page that scrolls as a whole (topic pages, table cards in
//! review). The layout is the CLI's ([`crate::text::layout::column_widths`]), so `dopdeck show` and
//! the TUI agree; here each cell is also styled, and one row can be marked.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::text::layout::{column_widths, wrap};
use crate::tui::theme::Theme;

/// How a row is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowMark {
    Plain,
    /// Under the cursor.
    Selected,
    /// The asked row of a table card: every cell after the first is hidden.
    Hidden,
    /// The asked row, answer shown.
    Revealed,
}

/// The lines of a table of `columns` and `rows` no wider than `width` where possible.
pub fn lines(
    columns: &[String],
    rows: &[Vec<String>],
    width: usize,
    theme: &Theme,
    mark: impl Fn(usize) -> RowMark,
) -> Vec<Line<'static>> {
    let widths = column_widths(columns, rows, width);
    let mut out = row_lines(columns, &widths, theme, |_| theme.title, RowMark::Plain);
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    out.push(Line::styled(rule.join("─┼─"), theme.border));
    for (i, row) in rows.iter().enumerate() {
        let m = mark(i);
        let style = |col: usize| match m {
            RowMark::Plain => theme.base,
            RowMark::Selected => theme.selected,
            RowMark::Hidden if col > 0 => theme.warn,
            RowMark::Revealed if col > 0 => theme.ok,
            RowMark::Hidden | RowMark::Revealed => theme.accent,
        };
        out.extend(row_lines(row, &widths, theme, style, m));
    }
    out
}

fn row_lines(
    cells: &[String],
    widths: &[usize],
    theme: &Theme,
    style: impl Fn(usize) -> Style,
    mark: RowMark,
) -> Vec<Line<'static>> {
    let wrapped: Vec<Vec<String>> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let cell = cells.get(i).map_or("", String::as_str);
            if mark == RowMark::Hidden && i > 0 { vec![String::new()] } else { wrap(cell, *w) }
        })
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    (0..height)
        .map(|line| {
            let mut spans = Vec::with_capacity(widths.len() * 2);
            for (col, (cell, w)) in wrapped.iter().zip(widths).enumerate() {
                if col > 0 {
                    spans.push(Span::styled(" │ ", theme.border));
                }
                let s = cell.get(line).map_or("", String::as_str);
                let text = if mark == RowMark::Hidden && col > 0 && line == 0 {
                    format!("{:<w$}", "▒▒▒ ?", w = *w)
                } else {
                    format!("{s}{}", " ".repeat(w.saturating_sub(s.width())))
                };
                spans.push(Span::styled(text, style(col)));
            }
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.to_string()).collect()
    }

    #[test]
    fn the_hidden_row_shows_no_answer() {
        let theme = Theme::mono();
        let cols = vec!["Quota".to_string(), "Value".to_string()];
        let rows = vec![vec!["Widgets".to_string(), "100".to_string()], vec!["Gadgets".into(), "5 MB".into()]];
        let out = lines(&cols, &rows, 40, &theme, |i| if i == 1 { RowMark::Hidden } else { RowMark::Plain });
        let all: Vec<String> = out.iter().map(text).collect();
        assert!(all.iter().any(|l| l.contains("100")));
        assert!(!all.iter().any(|l| l.contains("5 MB")), "{all:?}");
        assert!(all.iter().any(|l| l.contains("Gadgets") && l.contains('?')));
    }
}
