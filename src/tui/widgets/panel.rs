//! A titled panel with rounded borders: the frame every screen's boxes share.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType};

use crate::tui::theme::Theme;

/// Draws a rounded, titled border over `area` and returns the area inside it.
pub fn panel(f: &mut Frame, area: Rect, title: &str, theme: &Theme) -> Rect {
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Line::styled(format!(" {title} "), theme.title));
    let inner = block.inner(area);
    f.render_widget(block, area);
    inner
}
