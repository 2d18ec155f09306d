//! Plain-text helpers for every output edge — the command line, the TUI — and for the material
//! check, so that neither shell imports the other.
//!
//! Text from outside the program (material, search queries, ids read from a database, arguments
//! echoed back) may hold control characters. Written raw to a terminal, `ESC ] 0 ; … BEL`
//! retitles it and `ESC [ 2 J` clears it. Every such character except newline and tab is shown
//! escaped instead: `\x1b`, `\x07`, `\u{9b}`.
//!
//! - [`layout`]: word wrapping and tables that fit a width.
//! - [`letters`]: option letters, typed once.
//! - [`time`]: clock times in the study day's offset, exam clocks, interval labels.

mod controls;
pub mod layout;
pub mod letters;
pub mod time;

pub use controls::{VisibleWriter, escape, first_control, is_unsafe, visible};
