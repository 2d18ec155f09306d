//! Horizontal bars drawn with eighth blocks, for per-domain results and gauges in lists.

use ratatui::style::Style;
use ratatui::text::Span;

const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// A bar `width` columns wide filled to `share` (0–1), and its unfilled rest.
pub fn bar(share: f64, width: usize, filled: Style, empty: Style) -> Vec<Span<'static>> {
    let share = if share.is_finite() { share.clamp(0.0, 1.0) } else { 0.0 };
    let eighths = (share * width as f64 * 8.0).round() as usize;
    let full = eighths / 8;
    let part = EIGHTHS.get(eighths % 8).copied().unwrap_or_default();
    let used = full + usize::from(!part.is_empty());
    vec![
        Span::styled(format!("{}{part}", "█".repeat(full)), filled),
        Span::styled("·".repeat(width.saturating_sub(used)), empty),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(share: f64, width: usize) -> String {
        bar(share, width, Style::new(), Style::new()).iter().map(|s| s.content.to_string()).collect()
    }

    #[test]
    fn bars_have_the_width_asked_for() {
        assert_eq!(text(0.0, 4), "····");
        assert_eq!(text(1.0, 4), "████");
        assert_eq!(text(0.5, 4), "██··");
        assert_eq!(text(0.55, 4), "██▎·");
        assert_eq!(text(f64::NAN, 3), "···");
        assert_eq!(text(2.0, 3), "███");
    }
}
