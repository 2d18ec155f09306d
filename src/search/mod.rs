//! Search over the material: topics by name and alias, tables, comparisons, strategies, card
//! fronts and question stems.
//!
//! Pure: [`Index::build`] takes a catalog, [`Index::search`] a query. Short fields (names,
//! aliases, titles) are matched fuzzily with `fuzzy-matcher`, so "cloudfrm" still finds
//! CloudFormation. Long fields (card fronts, question stems) must contain every query word:
//! fuzzy matching there would let "cfn" match any sentence with a c, an f and an n in order.
//! A query that names a service — its id, name or an alias, exactly or as a prefix — ranks that
//! topic first and brings its tables, cards and questions up behind it, so typing "cfn" lands on
//! CloudFormation and everything about it.
//!
//! [`Index::to_bytes`] and [`Index::from_bytes`] give the index a compact binary form, so it can
//! be built once when the material is packed and read back for a fraction of a build when a
//! search runs.

#![deny(clippy::indexing_slicing)]

mod build;
mod hit;
mod index;
mod prefilter;
mod wire;

pub use hit::{Hit, HitKind};
pub use index::Index;

/// Lower-cases and turns `-`, `_`, `/`, `.` and runs of spaces into single spaces, so
/// "Blue/Green", "blue-green" and "blue green" compare equal.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = if matches!(c, '-' | '_' | '/' | '.' | ',' | ':' | '(' | ')') { ' ' } else { c };
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}
