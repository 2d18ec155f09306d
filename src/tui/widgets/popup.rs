//! Centered popups drawn over the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear};

use crate::tui::theme::Theme;

/// A `width`×`height` rectangle centered in `area`, shrunk to fit.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h)
}

/// Clears `area`, draws a rounded, titled border and returns the inside.
pub fn frame<'a>(f: &mut Frame, area: Rect, title: impl Into<Line<'a>>, theme: &Theme) -> Rect {
    f.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus)
        .style(theme.base)
        .title(title.into().style(theme.title));
    let inner = block.inner(area);
    f.render_widget(block, area);
    inner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centered_fits_inside_small_areas() {
        let area = Rect::new(0, 0, 10, 4);
        let r = centered(area, 80, 20);
        assert_eq!(r, area);
        let r = centered(Rect::new(2, 3, 100, 40), 20, 10);
        assert_eq!(r, Rect::new(42, 18, 20, 10));
    }
}
