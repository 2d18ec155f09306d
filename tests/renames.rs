//! Renaming keeps progress: an item that lists its old id in `replaces` takes over the state,
//! review log and exam answers recorded under that id, and `check` guards the claims.

mod common;

use std::path::Path;

use common::{copy_dir, dopdeck, fixture, stdout};
use serde_json::Value;

const NOW: &str = "2026-03-01T10:00:00Z";
const LATER: &str = "2026-03-09T10:00:00Z";

/// Items graded in the old material, and their ids in the renamed material.
const RENAMED: [(&str, &str); 4] = [
    ("alpha/what", "alpha/what-is-alpha"),
    ("alpha/quotas/widgets-per-account", "alpha/limits/widgets-per-account"),
    ("alpha/startup", "alpha/boot-order"),
    ("q-sdlc-fx-0001", "q-sdlc-fixture-0001"),
];

/// Rewrites `file` under `root`, replacing `from` with `to` once.
fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The fixture with every item of [`RENAMED`] renamed, each keeping its old id in `replaces`.
fn renamed_tree(root: &Path) {
    copy_dir(&fixture(), root);
    let topic = "content/topics/alpha.toml";
    edit(root, topic, "id = \"what\"", "id = \"what-is-alpha\"\nreplaces = [\"alpha/what\"]");
    edit(root, topic, "id = \"quotas\"", "id = \"limits\"\nreplaces = [\"alpha/quotas\"]");
    edit(root, topic, "id = \"startup\"", "id = \"boot-order\"\nreplaces = [\"alpha/startup\"]");
    edit(
        root,
        "content/questions/sdlc/fixture.toml",
        "id = \"q-sdlc-fx-0001\"",
        "id = \"q-sdlc-fixture-0001\"\nreplaces = [\"q-sdlc-fx-0001\"]",
    );
}

fn json(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `item --json` without its id, for comparing an item before and after a rename.
fn state(content: &Path, db: &Path, id: &str) -> Value {
    let mut v = json(&dopdeck(content, db, LATER).args(["item", "--json", id]).output().unwrap());
    v.as_object_mut().unwrap().remove("id");
    v
}

#[test]
fn progress_follows_renamed_ids_and_leaves_no_orphans() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new, db) = (dir.path().join("old"), dir.path().join("new"), dir.path().join("p.db"));
    copy_dir(&fixture(), &old);
    renamed_tree(&new);
    for (i, (id, _)) in RENAMED.iter().enumerate() {
        let rating = ["good", "again", "easy", "hard"][i];
        let out = dopdeck(&old, &db, NOW).args(["grade", id, rating]).output().unwrap();
        assert!(out.status.success(), "grade {id}: {}", String::from_utf8_lossy(&out.stderr));
    }
    // Not renamed: removed from the new material below, so a true orphan.
    assert!(dopdeck(&old, &db, NOW).args(["grade", "beta/why", "good"]).status().unwrap().success());
    let before: Vec<Value> = RENAMED.iter().map(|(old_id, _)| state(&old, &db, old_id)).collect();
    let stats_before = json(&dopdeck(&old, &db, LATER).args(["stats", "--json"]).output().unwrap());

    // `check --db` with the renamed material, before any open moved anything: renamed ids are
    // not orphans; only the deleted card is.
    edit(&new, "content/topics/beta.toml", "id = \"why\"", "id = \"because\"");
    let check = dopdeck(&new, &db, LATER).args(["check", "--json"]).output().unwrap();
    let orphaned = serde_json::from_slice::<Value>(&check.stdout).unwrap()["orphaned"].clone();
    assert_eq!(orphaned, serde_json::json!(["beta/why"]), "only the deleted card is an orphan");
    edit(&new, "content/topics/beta.toml", "id = \"because\"", "id = \"why\"");

    // The first open with the renamed material moves the progress, and says so.
    let due = dopdeck(&new, &db, LATER).args(["due"]).output().unwrap();
    assert!(due.status.success());
    let note = String::from_utf8_lossy(&due.stderr);
    assert!(note.contains("Moved the progress of 4 renamed item(s)"), "note: {note}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains(".bak-renames")),
        "a backup is taken before progress moves"
    );
    for ((_, new_id), was) in RENAMED.iter().zip(&before) {
        assert_eq!(&state(&new, &db, new_id), was, "{new_id} carries its old state and log");
    }
    let stats_after = json(&dopdeck(&new, &db, LATER).args(["stats", "--json"]).output().unwrap());
    assert_eq!(stats_after, stats_before, "stats are unchanged by the rename");

    // Once: the next open moves nothing and prints nothing.
    let again = dopdeck(&new, &db, LATER).args(["due"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&again.stderr).contains("Moved"));

    // With every renamed id moved and the card back: no orphans at all.
    let check = dopdeck(&new, &db, LATER).args(["check"]).output().unwrap();
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(stdout(&check).contains("is still in the material"), "{}", stdout(&check));
}

#[test]
fn check_refuses_a_replaces_that_names_a_live_id_or_is_claimed_twice() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("tree");
    copy_dir(&fixture(), &root);
    let topic = "content/topics/alpha.toml";
    edit(&root, topic, "id = \"what\"", "id = \"what\"\nreplaces = [\"beta/why\", \"alpha/gone\"]");
    edit(&root, topic, "id = \"startup\"", "id = \"startup\"\nreplaces = [\"alpha/gone\", \"not an id\"]");
    let out = dopdeck(&root, &dir.path().join("p.db"), NOW).args(["check"]).output().unwrap();
    let text = stdout(&out);
    assert!(!out.status.success());
    assert!(text.contains("`replaces` names `beta/why`, which is still in the material"), "{text}");
    assert!(text.contains("`alpha/gone` is claimed by two items"), "{text}");
    assert!(text.contains("`replaces` entry `not an id` is not a full id"), "{text}");
    assert!(text.contains("content/topics/alpha.toml:"), "problems name the file: {text}");
}
