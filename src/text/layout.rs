//! Plain-text layout: word wrapping and tables that fit a width (both shells use it).
//!
//! Widths are measured in terminal columns (`unicode-width`), not bytes or chars, so tables stay
//! aligned with accented text and symbols like "→".

#![deny(clippy::indexing_slicing)]

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Wraps `text` into lines at most `width` columns wide, breaking at spaces; a word longer than
/// the width is split. Existing newlines are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let need = if line.is_empty() { word.width() } else { line.width() + 1 + word.width() };
            if need <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                if line.width() + c.width().unwrap_or(0) > width {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        }
        lines.push(line);
    }
    lines
}

/// Column widths for a table that fits `width` (including one separator of 3 columns between
/// cells): natural widths if they fit; otherwise the widest columns shrink first, but not below
/// their longest word (so identifiers such as `CodeDeployDefault.AllAtOnce` stay whole) unless
/// nothing else fits.
pub fn column_widths(columns: &[String], rows: &[Vec<String>], width: usize) -> Vec<usize> {
    let n = columns.len().max(1);
    let cells = |i: usize| rows.iter().filter_map(move |r| r.get(i)).chain(columns.get(i));
    let mut widths: Vec<usize> = (0..n).map(|i| cells(i).map(|c| c.width()).max().unwrap_or(1).max(1)).collect();
    let budget = width.saturating_sub(3 * (n - 1)).max(n);
    let floor = (budget / 2).max(6);
    let words: Vec<usize> = (0..n)
        .map(|i| cells(i).flat_map(|c| c.split_whitespace()).map(|w| w.width()).max().unwrap_or(1).clamp(1, floor))
        .collect();
    for respect_words in [true, false] {
        while widths.iter().sum::<usize>() > budget {
            let min = |i: usize| if respect_words { words.get(i).map_or(6, |w| (*w).max(6)) } else { 6 };
            let widest = widths.iter().enumerate().filter(|(i, w)| **w > min(*i)).max_by_key(|(_, w)| **w);
            let Some((i, _)) = widest else { break };
            if let Some(w) = widths.get_mut(i) {
                *w -= 1;
            }
        }
    }
    widths
}

/// Renders a table as lines of text no wider than `width` where possible.
pub fn table(columns: &[String], rows: &[Vec<String>], width: usize) -> Vec<String> {
    let widths = column_widths(columns, rows, width);
    let mut out = Vec::new();
    out.extend(row_lines(columns, &widths));
    out.push(widths.iter().map(|w| "─".repeat(*w)).collect::<Vec<_>>().join("─┼─"));
    for row in rows {
        out.extend(row_lines(row, &widths));
    }
    out
}

fn row_lines(cells: &[String], widths: &[usize]) -> Vec<String> {
    let wrapped: Vec<Vec<String>> =
        widths.iter().enumerate().map(|(i, w)| wrap(cells.get(i).map_or("", |s| s.as_str()), *w)).collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    (0..height)
        .map(|line| {
            let parts: Vec<String> = wrapped
                .iter()
                .zip(widths)
                .map(|(cell, w)| {
                    let s = cell.get(line).map_or("", |s| s.as_str());
                    format!("{s}{}", " ".repeat(w.saturating_sub(s.width())))
                })
                .collect();
            parts.join(" │ ").trim_end().to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_respects_width_and_splits_long_words() {
        let lines = wrap("the quick brown fox jumps", 10);
        assert_eq!(lines, vec!["the quick", "brown fox", "jumps"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn tables_fit_the_width() {
        let cols = vec!["Quota".to_string(), "Value".to_string()];
        let rows = vec![vec!["A very long quota name that needs wrapping".to_string(), "500".to_string()]];
        for line in table(&cols, &rows, 30) {
            assert!(line.width() <= 30, "{line:?} is wider than 30");
        }
    }
}
