//! Moving a cursor through a list: one place for what ↑↓, PgUp/PgDn and Home/End mean.

use crate::tui::action::Action;

/// Rows a page key moves.
pub const PAGE: usize = 10;

/// Where a cursor at `cursor` in a list of `n` rows goes for `action`; `None` when the action
/// does not move a cursor (the screen handles it otherwise).
pub fn step(cursor: usize, n: usize, action: &Action) -> Option<usize> {
    let last = n.saturating_sub(1);
    Some(match action {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (cursor + 1).min(last),
        Action::PageUp => cursor.saturating_sub(PAGE),
        Action::PageDown => (cursor + PAGE).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_inside_the_list() {
        assert_eq!(step(0, 5, &Action::Up), Some(0));
        assert_eq!(step(4, 5, &Action::Down), Some(4));
        assert_eq!(step(2, 5, &Action::PageDown), Some(4));
        assert_eq!(step(12, 30, &Action::PageUp), Some(2));
        assert_eq!(step(3, 0, &Action::Bottom), Some(0));
        assert_eq!(step(3, 5, &Action::Select), None);
    }
}
