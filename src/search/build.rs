//! Building the index from a catalog: every topic, table, comparison, strategy and item
//! becomes an entry whose heads (id, title, keys) and body are laid out in one string.

use std::collections::HashMap;

use super::hit::HitKind;
use super::index::{Entry, Index, Span, off};
use super::normalize;
use super::prefilter::initials;
use crate::content::{Catalog, ItemKind, ItemSource};

/// Collects entries while the index is built: heads (ids, titles, keys) and bodies are kept
/// apart and joined at the end, so the bodies form one run that a word can be found in at once.
#[derive(Default)]
struct Builder<'c> {
    heads: String,
    bodies: String,
    entries: Vec<Entry>,
    keys: Vec<Span>,
    topics: Vec<u32>,
    /// Entry number of each topic id seen so far.
    topic_entry: HashMap<&'c str, u32>,
}

/// One thing to index, as the catalog has it.
struct Doc<'a> {
    kind: HitKind,
    id: &'a str,
    title: &'a str,
    /// Normalized already.
    keys: &'a [String],
    /// How many leading `keys` are names.
    names: u8,
    /// Normalized when it is added.
    body: &'a str,
}

impl<'c> Builder<'c> {
    fn head(&mut self, s: &str) -> Span {
        let start = off(self.heads.len());
        self.heads.push_str(s);
        Span { start, end: off(self.heads.len()) }
    }

    /// Adds one entry.
    fn push<'t>(&mut self, doc: Doc<'_>, topics: impl IntoIterator<Item = &'t str>) {
        let Doc { kind, id, title, keys, names, body } = doc;
        let id = self.head(id);
        let title = self.head(title);
        let first_key = off(self.keys.len());
        for k in keys {
            let span = self.head(k);
            self.keys.push(span);
        }
        // A space before every body makes each word start a space and a letter, which one scan
        // for " word" finds; the `\n` after it keeps a match from running into the next body.
        self.bodies.push(' ');
        let body_start = off(self.bodies.len());
        let normalized = normalize(body);
        let initials = initials(&normalized);
        self.bodies.push_str(&normalized);
        let body = Span { start: body_start, end: off(self.bodies.len()) };
        self.bodies.push('\n');
        let first_topic = off(self.topics.len());
        for t in topics {
            if let Some(&n) = self.topic_entry.get(t) {
                self.topics.push(n);
            }
        }
        self.entries.push(Entry {
            kind,
            names,
            id,
            title,
            body,
            keys: Span { start: first_key, end: off(self.keys.len()) },
            topics: Span { start: first_topic, end: off(self.topics.len()) },
            initials,
        });
    }

    fn finish(mut self) -> Index {
        let shift = off(self.heads.len());
        let mut text = self.heads;
        text.push_str(&self.bodies);
        for e in &mut self.entries {
            e.body = Span { start: e.body.start + shift, end: e.body.end + shift };
        }
        let bodies = Span { start: shift, end: off(text.len()) };
        Index::from_parts(text, self.entries, self.keys, self.topics, bodies)
    }
}

impl Index {
    /// Builds the index.
    pub fn build(catalog: &Catalog) -> Index {
        let mut b = Builder::default();
        for t in catalog.topics() {
            b.topic_entry.insert(t.id.as_str(), off(b.entries.len()));
            let mut keys = vec![normalize(&t.name), normalize(&t.id)];
            keys.extend(t.aliases.iter().map(|a| normalize(a)));
            keys.extend(t.sections.iter().map(|s| normalize(&s.title)));
            let doc = Doc { kind: HitKind::Topic, id: &t.id, title: &t.name, keys: &keys, names: 2, body: &t.summary };
            b.push(doc, [t.id.as_str()]);
            for table in &t.tables {
                let id = format!("{}/{}", t.id, table.id.get_ref());
                let body = table.rows.iter().map(|r| r.get_ref().join(" ")).collect::<Vec<_>>().join(" ");
                let keys = [normalize(&table.title)];
                let doc =
                    Doc { kind: HitKind::Table, id: &id, title: &table.title, keys: &keys, names: 1, body: &body };
                b.push(doc, [t.id.as_str()]);
            }
        }
        for c in catalog.comparisons() {
            let keys = [normalize(&c.title), normalize(&c.id)];
            // Its rows, as a table's: a comparison is found by what it compares, not only by
            // its title (a row's card, when it has one, holds only the row's first cell).
            let body = c.rows.iter().map(|r| r.get_ref().join(" ")).collect::<Vec<_>>().join(" ");
            let topics = c.topics.iter().map(|t| t.get_ref().as_str());
            b.push(
                Doc { kind: HitKind::Comparison, id: &c.id, title: &c.title, keys: &keys, names: 2, body: &body },
                topics,
            );
        }
        for s in catalog.strategies() {
            let keys = [normalize(&s.name), normalize(&s.id)];
            let topics = s.aws.iter().map(|a| a.topic.get_ref().as_str());
            b.push(
                Doc { kind: HitKind::Strategy, id: &s.id, title: &s.name, keys: &keys, names: 2, body: &s.summary },
                topics,
            );
        }
        for item in catalog.items() {
            let kind = match item.kind {
                ItemKind::Question => HitKind::Question,
                // Cards derived from table and comparison rows are searchable by their front
                // ("<table title>: <row>"), so a search can open the very card to review.
                ItemKind::Card | ItemKind::Sequence | ItemKind::Table => HitKind::Card,
            };
            let prompt = catalog.prompt(item);
            let title = match item.source {
                ItemSource::Question { .. } => first_sentence(&prompt.front),
                _ => prompt.front.lines().next().unwrap_or_default().to_string(),
            };
            let doc = Doc { kind, id: &item.id, title: &title, keys: &[], names: 0, body: &prompt.front };
            b.push(doc, item.topics.iter().map(|t| &**t));
        }
        b.finish()
    }
}

/// The first sentence of a question stem, as its title in result lists.
fn first_sentence(stem: &str) -> String {
    let flat: String = stem.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = flat.find(". ").map_or(flat.len(), |i| i + 1);
    let mut s: String = flat[..end].chars().take(120).collect();
    if s.len() < flat[..end].len() {
        s.push('…');
    }
    s
}
