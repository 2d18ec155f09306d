//! Cards derived from table and comparison rows are found by search, so the search popup and
//! `dopdeck search` can open the very card a learner is looking for.

mod common;

use common::{dopdeck, fixture};
use serde_json::Value;

fn hits(query: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let out = dopdeck(&fixture(), &dir.path().join("p.db"), "2026-03-01T10:00:00Z")
        .args(["search", query, "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    v.iter().map(|h| (h["kind"].as_str().unwrap().to_string(), h["id"].as_str().unwrap().to_string())).collect()
}

#[test]
fn a_table_row_card_is_a_hit() {
    let found = hits("widgets per account");
    assert!(
        found.contains(&("card".to_string(), "alpha/quotas/widgets-per-account".to_string())),
        "the row's card is found: {found:?}"
    );
    assert_eq!(found[0], ("table".to_string(), "alpha/quotas".to_string()), "its table still comes first");
}

#[test]
fn a_comparison_row_card_is_a_hit() {
    let found = hits("alpha vs beta speed");
    assert!(found.contains(&("card".to_string(), "alpha-vs-beta/speed".to_string())), "{found:?}");
}

#[test]
fn a_comparison_is_found_by_a_cell_of_its_rows() {
    // "slow" is only in the Beta column of the comparison's one row.
    let found = hits("slow");
    assert_eq!(found.first(), Some(&("comparison".to_string(), "alpha-vs-beta".to_string())), "{found:?}");
}

#[test]
fn a_table_is_found_by_a_cell_of_its_rows() {
    let found = hits("5 mb");
    assert_eq!(found.first(), Some(&("table".to_string(), "alpha/quotas".to_string())), "{found:?}");
}
