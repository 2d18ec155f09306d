//! Editing a list's filter line, shared by the lists that can be filtered (topics, tables).

use crate::tui::action::Action;

/// Applies `action` to a filter being typed; `n` is the number of visible rows.
///
/// Returns false when the action is not a filter edit (the screen ignores it); after true, the
/// caller re-applies the filter. Enter keeps the filter and leaves editing; Esc clears it.
pub fn edit(filter: &mut String, filtering: &mut bool, cursor: &mut usize, n: usize, action: &Action) -> bool {
    match action {
        Action::Input(c) => filter.push(*c),
        Action::Backspace => {
            filter.pop();
        }
        Action::ClearInput => filter.clear(),
        Action::Confirm => *filtering = false,
        Action::Cancel => {
            filter.clear();
            *filtering = false;
        }
        Action::Up | Action::Down => *cursor = super::cursor::step(*cursor, n, action).unwrap_or(*cursor),
        _ => return false,
    }
    true
}
