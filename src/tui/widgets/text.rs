//! Text helpers: wrapping into styled lines, highlighting matched characters, truncating to a
//! width, and the key hints of the footer.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::text::layout::wrap;
use crate::tui::theme::Theme;

/// `text` wrapped to `width` columns, one styled line per row.
pub fn wrapped(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, width).into_iter().map(|l| Line::styled(l, style)).collect()
}

/// `text` wrapped after `marker` ("• ", " 3. "), continuation rows indented under the text.
pub fn bullet(marker: &str, text: &str, width: usize, marker_style: Style, style: Style) -> Vec<Line<'static>> {
    let indent = marker.width();
    wrap(text, width.saturating_sub(indent).max(8))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let head = if i == 0 { marker.to_string() } else { " ".repeat(indent) };
            Line::from(vec![Span::styled(head, marker_style), Span::styled(l, style)])
        })
        .collect()
}

/// `s` cut to `width` columns, with "…" when something was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `title` as spans with the characters at `indices` (char positions) in `matched`, cut to
/// `width` columns.
pub fn highlighted(title: &str, indices: &[usize], width: usize, base: Style, matched: Style) -> Vec<Span<'static>> {
    let title = truncate(title, width);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (i, c) in title.chars().enumerate() {
        let hit = indices.contains(&i);
        if hit != run_hit && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), if run_hit { matched } else { base }));
        }
        run_hit = hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { matched } else { base }));
    }
    spans
}

/// The footer: as many "key what" hints as fit in `width`, in order, separated by spaces.
pub fn hints(items: &[(&str, &str)], width: usize, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, what) in items {
        let need = key.width() + 1 + what.width() + 3;
        if used + need > width {
            break;
        }
        spans.push(Span::styled((*key).to_string(), theme.key));
        spans.push(Span::raw(format!(" {what}   ")));
        used += need;
    }
    Line::from(spans)
}

pub use crate::text::time::clock;

/// "12 %" for a share.
pub fn percent(share: f64) -> String {
    format!("{:.0} %", (share * 100.0).clamp(0.0, 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_columns_and_marks_the_cut() {
        assert_eq!(truncate("CodeDeploy", 20), "CodeDeploy");
        assert_eq!(truncate("CodeDeploy", 5), "Code…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn highlighting_splits_runs() {
        let t = Theme::mono();
        let spans = highlighted("AppSpec", &[0, 1, 2], 20, t.base, t.matched);
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, vec!["App", "Spec"]);
        assert_eq!(spans[0].style, t.matched);
    }
}
