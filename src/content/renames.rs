//! Renamed ids: `replaces = ["old-id", …]` on questions, cards, sequences and tables.
//!
//! Progress is stored against item ids, so a rename would orphan a learner's history. An item
//! that lists its earlier ids in `replaces` takes that history over: the store moves it when a
//! database is opened (see `Store::apply_renames`). This module checks the claims (an old id must
//! be dead, and claimed once) and turns them into concrete `(old item id, new item id)` pairs.
//!
//! Forms: a question replaces question ids (`q-…`); a card or a sequence replaces full item ids
//! (`topic/local`, so it may move between topics); a table replaces a full table id
//! (`topic/table`), and each of its derived row cards replaces the same row under the old table.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::catalog::{Item, ItemSource};
use super::parse::is_id;
use super::problem::{FileText, Problem};
use super::schema::{Question, Topic};
use super::spanned::Spanned;

/// What kind of id an old id must be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `q-…`
    Question,
    /// `topic/local`
    Path,
}

/// One claim found in the material.
struct Claim<'a> {
    file: usize,
    old: &'a Spanned<String>,
    new: String,
    form: Form,
}

/// Checks every `replaces` claim; `live` holds every item id of the material.
pub(super) fn check(
    topics: &[(usize, Topic)],
    questions: &[(usize, String, Question)],
    live: &HashMap<String, String>,
    files: &[FileText],
) -> Vec<Problem> {
    let mut claims = Vec::new();
    let mut tables = HashSet::new();
    for (fi, t) in topics {
        for c in &t.cards {
            claims.extend(c.replaces.iter().map(|old| Claim {
                file: *fi,
                old,
                new: format!("{}/{}", t.id, c.id.get_ref()),
                form: Form::Path,
            }));
        }
        for s in &t.sequences {
            claims.extend(s.replaces.iter().map(|old| Claim {
                file: *fi,
                old,
                new: format!("{}/{}", t.id, s.id.get_ref()),
                form: Form::Path,
            }));
        }
        for tb in &t.tables {
            tables.insert(format!("{}/{}", t.id, tb.id.get_ref()));
            claims.extend(tb.replaces.iter().map(|old| Claim {
                file: *fi,
                old,
                new: format!("{}/{}", t.id, tb.id.get_ref()),
                form: Form::Path,
            }));
        }
    }
    for (fi, _, q) in questions {
        claims.extend(q.replaces.iter().map(|old| Claim {
            file: *fi,
            old,
            new: q.id.get_ref().clone(),
            form: Form::Question,
        }));
    }
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
    let mut seen_file: HashMap<&str, usize> = HashMap::new();
    for c in &claims {
        let old = c.old.get_ref().as_str();
        let Some(file) = files.get(c.file) else { continue };
        let mut report = |message: String| problems.push(file.problem(c.old.span(), message));
        let well_formed = match c.form {
            Form::Question => old.starts_with("q-") && is_id(old),
            Form::Path => old.split_once('/').is_some_and(|(a, b)| is_id(a) && is_id(b)),
        };
        if !well_formed {
            let want = if c.form == Form::Question { "a question id (q-…)" } else { "a full id (topic/local)" };
            report(format!("`replaces` entry `{old}` is not {want}"));
        } else if old == c.new {
            report(format!("`{old}` replaces itself"));
        } else if let Some(at) = live.get(old) {
            report(format!(
                "`replaces` names `{old}`, which is still in the material (at {at}): a live id keeps its own progress"
            ));
        } else if tables.contains(old) {
            report(format!("`replaces` names table `{old}`, which is still in the material"));
        } else if let Some(first) = seen.get(old) {
            let at = seen_file.get(old).and_then(|&f| files.get(f)).map(|f| f.position(first.clone()));
            report(format!(
                "`{old}` is claimed by two items (first at {}): its progress can move to only one",
                at.unwrap_or_default()
            ));
        } else {
            seen.insert(old, c.old.span());
            seen_file.insert(old, c.file);
        }
    }
    problems
}

/// Every `(old item id, new item id)` pair the material declares, table rows expanded; sorted,
/// so the list (and a fingerprint of it) is the same on every build. Computed once when a
/// catalog is built and stored in its snapshot, so opening a database never decodes the bodies.
pub(super) fn pairs(topics: &[Topic], questions: &[Question], items: &[Item]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for q in questions {
        out.extend(q.replaces.iter().map(|o| (o.get_ref().clone(), q.id.get_ref().clone())));
    }
    for t in topics {
        for c in &t.cards {
            out.extend(c.replaces.iter().map(|o| (o.get_ref().clone(), format!("{}/{}", t.id, c.id.get_ref()))));
        }
        for s in &t.sequences {
            out.extend(s.replaces.iter().map(|o| (o.get_ref().clone(), format!("{}/{}", t.id, s.id.get_ref()))));
        }
    }
    for item in items {
        let ItemSource::TableRow { topic, table, .. } = item.source else { continue };
        let (Some(t), Some(tb)) = (topics.get(topic), topics.get(topic).and_then(|t| t.tables.get(table))) else {
            continue;
        };
        let prefix = format!("{}/{}/", t.id, tb.id.get_ref());
        let Some(key) = item.id.strip_prefix(&prefix) else { continue };
        out.extend(tb.replaces.iter().map(|o| (format!("{}/{key}", o.get_ref()), item.id.clone())));
    }
    out.sort();
    out
}
