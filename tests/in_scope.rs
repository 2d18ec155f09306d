//! Every in-scope service and feature of the exam guide has a page that `dopdeck search` puts
//! first among the topics, whether the candidate types the guide's name, the name AWS uses today
//! or the usual abbreviation. The list is data: tests/fixtures/in_scope_services.tsv.

mod common;

use std::path::Path;

use common::{dopdeck_embedded, stdout};

/// One row of the fixture.
struct Entry {
    guide_name: String,
    current_name: String,
    topic: String,
    abbreviation: String,
}

fn entries() -> Vec<Entry> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/in_scope_services.tsv");
    let text = std::fs::read_to_string(&path).expect("the in-scope list is shipped with the tests");
    let mut lines = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    let header = lines.next().expect("a header line");
    assert_eq!(header.split('\t').count(), 5, "header: {header}");
    lines
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), 5, "five tab-separated cells: {line:?}");
            assert!(cells.iter().all(|c| !c.trim().is_empty()), "no empty cell: {line:?}");
            Entry {
                guide_name: cells[1].to_string(),
                current_name: cells[2].to_string(),
                topic: cells[3].to_string(),
                abbreviation: cells[4].to_string(),
            }
        })
        .collect()
}

/// The id of the first topic among the hits for `query`, or what went wrong.
fn first_topic(query: &str) -> Result<String, String> {
    let o = dopdeck_embedded(&["search", query, "--json", "--limit", "50"]);
    if !o.status.success() {
        let text = format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
        return Err(format!("exit {:?}: {}", o.status.code(), text.lines().next().unwrap_or_default()));
    }
    let hits: Vec<serde_json::Value> =
        serde_json::from_slice(&o.stdout).map_err(|e| format!("not JSON ({e}): {}", stdout(&o)))?;
    hits.iter()
        .find(|h| h["kind"] == "topic")
        .and_then(|h| h["id"].as_str())
        .map(str::to_string)
        .ok_or_else(|| "no topic among the hits".to_string())
}

#[test]
fn the_list_has_every_entry_of_the_guide() {
    let rows = entries();
    assert_eq!(rows.len(), 107, "the guide's appendix lists 107 services and features");
    let mut names: Vec<&str> = rows.iter().map(|e| e.guide_name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 107, "guide names are unique");
}

#[test]
fn every_in_scope_service_is_found_first_by_each_of_its_names() {
    // Search refuses invalid material; say so once rather than once per query.
    let check = dopdeck_embedded(&["check"]);
    assert!(check.status.success(), "the embedded material does not pass `dopdeck check`:\n{}", stdout(&check));
    let rows = entries();
    let mut searches: Vec<(&str, &str, &str)> = Vec::new();
    for e in &rows {
        searches.push(("guide name", &e.guide_name, &e.topic));
        if e.current_name != e.guide_name {
            searches.push(("current name", &e.current_name, &e.topic));
        }
        searches.push(("abbreviation", &e.abbreviation, &e.topic));
    }
    // Each search starts the binary once; a few threads keep the test short.
    let threads = std::thread::available_parallelism().map_or(4, |n| n.get()).min(8);
    let chunk = searches.len().div_ceil(threads);
    let mut failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = searches
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut failed = Vec::new();
                    for &(what, query, topic) in part {
                        match first_topic(query) {
                            Ok(id) if id == topic => {}
                            Ok(id) => {
                                failed.push(format!("{what} {query:?}: first topic is `{id}`, expected `{topic}`"))
                            }
                            Err(err) => failed.push(format!("{what} {query:?} (expected `{topic}`): {err}")),
                        }
                    }
                    failed
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a search thread panicked")).collect()
    });
    failures.sort();
    assert!(failures.is_empty(), "{} of the searches miss their page:\n{}", failures.len(), failures.join("\n"));
}
