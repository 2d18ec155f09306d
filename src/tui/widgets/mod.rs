//! Small drawing pieces the screens share: panels, popups, text helpers, a heatmap, fitted
//! tables, horizontal bars and scrolling.

pub mod bars;
pub mod cursor;
pub mod filter;
pub mod fitted_table;
pub mod heatmap;
pub mod panel;
pub mod popup;
pub mod scroll;
pub mod text;
