//! Cards that are derived from material rather than written: table rows and sequences.
//!
//! Their ids must never change while the material they come from keeps its meaning, because
//! review history is stored against them. A row's id is built from its table and the slug of its
//! first cell, so reordering rows or editing other cells keeps the id.

use super::schema::{Comparison, Table};

/// Lower-case `s`, replace each run of characters other than `a-z0-9` with one `-`, and trim
/// dashes: `"Resources per template"` → `resources-per-template`.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// Front and back of a card made from one table row.
///
/// The front names the table and the row (`CodeDeploy quotas: Maximum lifecycle event
/// duration`); the back gives the other cells, each labelled with its column when there is more
/// than one.
pub fn row_card(title: &str, columns: &[String], row: &[String]) -> (String, String) {
    let head = row.first().map(String::as_str).unwrap_or_default();
    let front = format!("{title}: {head}");
    let rest: Vec<(&String, &String)> = columns.iter().zip(row.iter()).skip(1).collect();
    let back = if let [(_, only)] = rest.as_slice() {
        (*only).clone()
    } else {
        rest.iter().map(|(c, v)| format!("{c}: {v}")).collect::<Vec<_>>().join("\n")
    };
    (front, back)
}

/// A stable 64-bit FNV-1a hash, for orders that must not change between runs or versions
/// (how an ordering card shuffles its steps).
pub fn stable_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3))
}

/// Ids of the cards derived from a topic table's rows, in row order.
pub fn table_row_ids(topic: &str, table: &Table) -> Vec<String> {
    table
        .rows
        .iter()
        .map(|row| format!("{topic}/{}/{}", table.id.get_ref(), slug(row.get_ref().first().map_or("", |s| s))))
        .collect()
}

/// Ids of the cards derived from a comparison's rows, in row order.
pub fn comparison_row_ids(comparison: &Comparison) -> Vec<String> {
    comparison
        .rows
        .iter()
        .map(|row| format!("{}/{}", comparison.id, slug(row.get_ref().first().map_or("", |s| s))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_stable_and_tidy() {
        assert_eq!(slug("Resources per template"), "resources-per-template");
        assert_eq!(slug("  Max. size (KB) -- inline "), "max-size-kb-inline");
        assert_eq!(slug("ÉCS/Fargate"), "cs-fargate");
        assert_eq!(slug("!!!"), "");
    }

    #[test]
    fn two_column_rows_have_a_bare_back() {
        let cols = vec!["Quota".to_string(), "Value".to_string()];
        let (front, back) = row_card("Q", &cols, &["Stacks".into(), "2,000".into()]);
        assert_eq!(front, "Q: Stacks");
        assert_eq!(back, "2,000");
    }
}
