//! Small drawing pieces the screens share: popups, text helpers, a heatmap, fitted tables,
//! horizontal bars and scrolling.

pub mod bars;
pub mod cursor;
pub mod filter;
pub mod fitted_table;
pub mod heatmap;
pub mod popup;
pub mod scroll;
pub mod text;
