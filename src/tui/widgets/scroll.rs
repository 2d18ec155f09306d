//! Scrolling state kept across renders.
//!
//! A list must remember where its window starts so that moving the cursor up does not jump the
//! view, and only a render knows the window's height. The screen keeps the window start in a
//! plain field that its `render(&mut self)` hands to [`follow`], which moves it just enough to
//! keep the cursor in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

use crate::tui::theme::Theme;

/// Moves `offset` so that `selected` is inside a window of `height` rows over `len` rows, and
/// returns the new offset.
pub fn follow(offset: &mut usize, selected: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    let mut start = (*offset).min(len.saturating_sub(height));
    if selected < start {
        start = selected;
    } else if selected >= start + height {
        start = selected + 1 - height;
    }
    *offset = start;
    start
}

/// Draws a vertical scrollbar on the right edge of `area` when `len` rows do not fit.
pub fn scrollbar(f: &mut Frame, area: Rect, offset: usize, len: usize, theme: &Theme) {
    let height = usize::from(area.height);
    if len <= height || area.width == 0 {
        return;
    }
    let mut state = ScrollbarState::new(len.saturating_sub(height)).position(offset);
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some("│"))
        .thumb_symbol("┃")
        .track_style(theme.dim)
        .thumb_style(theme.accent);
    f.render_stateful_widget(bar, area, &mut state);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_follows_the_cursor_without_jumping() {
        let mut off = 0;
        assert_eq!(follow(&mut off, 3, 5, 20), 0);
        assert_eq!(follow(&mut off, 7, 5, 20), 3);
        // Moving back up inside the window keeps it where it is.
        assert_eq!(follow(&mut off, 5, 5, 20), 3);
        assert_eq!(follow(&mut off, 1, 5, 20), 1);
        // A list shorter than the window never scrolls.
        assert_eq!(follow(&mut off, 2, 10, 4), 0);
    }
}
