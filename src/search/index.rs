//! The search index and its ranking.

use std::collections::HashMap;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;

use super::normalize;
use crate::content::{Catalog, ItemKind, ItemSource};

/// What a hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Topic,
    Card,
    Question,
    Table,
    Comparison,
    Strategy,
}

impl HitKind {
    /// Ranking bonus: pages before the facts on them.
    fn weight(self) -> i64 {
        match self {
            HitKind::Topic => 300,
            HitKind::Strategy | HitKind::Comparison => 200,
            HitKind::Table => 150,
            HitKind::Card | HitKind::Question => 0,
        }
    }

    /// Ranking bonus for things pulled up behind a matched service: its tables first, then
    /// comparisons, cards and questions; strategies that merely offer a setting last.
    fn pulled_weight(self) -> i64 {
        match self {
            HitKind::Table => 400,
            HitKind::Comparison => 300,
            HitKind::Card | HitKind::Question => 100,
            HitKind::Topic | HitKind::Strategy => 0,
        }
    }

    /// A short label for lists.
    pub fn label(self) -> &'static str {
        match self {
            HitKind::Topic => "topic",
            HitKind::Card => "card",
            HitKind::Question => "question",
            HitKind::Table => "table",
            HitKind::Comparison => "comparison",
            HitKind::Strategy => "strategy",
        }
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub kind: HitKind,
    /// Topic id, item id, `topic/table` id, comparison or strategy id.
    pub id: String,
    pub title: String,
    pub score: i64,
    /// Character positions in `title` that matched, for highlighting.
    #[serde(skip)]
    pub indices: Vec<usize>,
}

/// A searchable thing.
#[derive(Debug)]
struct Entry {
    kind: HitKind,
    id: String,
    title: String,
    /// Short normalized keys matched fuzzily; the first `names` of them are the entry's own name
    /// and id, the rest aliases and titles.
    keys: Vec<String>,
    /// How many leading `keys` are names (an exact name beats an exact alias).
    names: usize,
    /// Long normalized text that must contain every query word.
    body: String,
    /// Topics this entry belongs to, for pulling it up behind a matched service.
    topics: Vec<String>,
}

/// The index over one catalog.
pub struct Index {
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("entries", &self.entries.len()).finish()
    }
}

/// Score for an exact alias match (an exact name or id scores a little more): above anything
/// fuzzy.
const EXACT: i64 = 10_000;
/// Score for a name, id or alias that starts with the query.
const PREFIX: i64 = 5_000;

impl Index {
    /// Builds the index.
    pub fn build(catalog: &Catalog) -> Index {
        let mut entries = Vec::new();
        for t in catalog.topics() {
            let mut keys = vec![normalize(&t.name), normalize(&t.id)];
            keys.extend(t.aliases.iter().map(|a| normalize(a)));
            keys.extend(t.sections.iter().map(|s| normalize(&s.title)));
            entries.push(Entry {
                kind: HitKind::Topic,
                id: t.id.clone(),
                title: t.name.clone(),
                keys,
                names: 2,
                body: normalize(&t.summary),
                topics: vec![t.id.clone()],
            });
            for table in &t.tables {
                entries.push(Entry {
                    kind: HitKind::Table,
                    id: format!("{}/{}", t.id, table.id.get_ref()),
                    title: table.title.clone(),
                    keys: vec![normalize(&table.title)],
                    names: 1,
                    body: normalize(&table.rows.iter().map(|r| r.get_ref().join(" ")).collect::<Vec<_>>().join(" ")),
                    topics: vec![t.id.clone()],
                });
            }
        }
        for c in catalog.comparisons() {
            entries.push(Entry {
                kind: HitKind::Comparison,
                id: c.id.clone(),
                title: c.title.clone(),
                keys: vec![normalize(&c.title), normalize(&c.id)],
                names: 2,
                body: String::new(),
                topics: c.topics.iter().map(|t| t.get_ref().clone()).collect(),
            });
        }
        for s in catalog.strategies() {
            entries.push(Entry {
                kind: HitKind::Strategy,
                id: s.id.clone(),
                title: s.name.clone(),
                keys: vec![normalize(&s.name), normalize(&s.id)],
                names: 2,
                body: normalize(&s.summary),
                topics: s.aws.iter().map(|a| a.topic.get_ref().clone()).collect(),
            });
        }
        for item in &catalog.items {
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
            entries.push(Entry {
                kind,
                id: item.id.clone(),
                title,
                keys: Vec::new(),
                names: 0,
                body: normalize(&prompt.front),
                topics: item.topics.iter().map(|t| t.to_string()).collect(),
            });
        }
        Index { entries, matcher: SkimMatcherV2::default() }
    }

    /// Ranked hits for `query`, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let q = normalize(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let words: Vec<&str> = q.split(' ').collect();
        let mut scores: Vec<(usize, i64)> = Vec::new();
        let mut services: HashMap<&str, i64> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            if let Some(score) = self.score(e, &q, &words) {
                if e.kind == HitKind::Topic && score >= PREFIX {
                    services.insert(e.id.as_str(), score);
                }
                scores.push((i, score));
            }
        }
        // Everything about a named service comes up behind it.
        if !services.is_empty() {
            let mut seen: std::collections::HashSet<usize> = scores.iter().map(|(i, _)| *i).collect();
            for (i, e) in self.entries.iter().enumerate() {
                if e.kind == HitKind::Topic {
                    continue;
                }
                let best = e.topics.iter().filter_map(|t| services.get(t.as_str())).max();
                if let Some(&topic_score) = best {
                    let pulled = topic_score / 2 + e.kind.pulled_weight();
                    if seen.insert(i) {
                        scores.push((i, pulled));
                    } else if let Some(s) = scores.iter_mut().find(|(j, _)| *j == i) {
                        s.1 = s.1.max(pulled);
                    }
                }
            }
        }
        let id = |i: usize| self.entries.get(i).map(|e| &e.id);
        scores.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| id(a.0).cmp(&id(b.0))));
        scores
            .into_iter()
            .take(limit)
            .filter_map(|(i, score)| {
                let e = self.entries.get(i)?;
                let indices = self.matcher.fuzzy_indices(&e.title, query.trim()).map(|(_, ix)| ix).unwrap_or_default();
                Some(Hit { kind: e.kind, id: e.id.clone(), title: e.title.clone(), score, indices })
            })
            .collect()
    }

    fn score(&self, e: &Entry, q: &str, words: &[&str]) -> Option<i64> {
        let mut best: Option<i64> = None;
        for (k, key) in e.keys.iter().enumerate() {
            let s = if key == q {
                if k < e.names { EXACT + 1_000 } else { EXACT }
            } else if key.starts_with(q) {
                PREFIX + (q.len() as i64 * 100 / key.len().max(1) as i64)
            } else if key.split(' ').any(|w| w.starts_with(q)) {
                PREFIX / 2
            } else {
                match self.matcher.fuzzy_match(key, q) {
                    // Weak fuzzy matches on short queries are noise.
                    Some(s) if s >= 20 + 10 * q.len() as i64 / 2 => s,
                    _ => continue,
                }
            };
            best = best.max(Some(s));
        }
        // Every word somewhere in the entry: words in its names, aliases and titles count more
        // than words only in its text.
        let in_keys = words.iter().filter(|w| e.keys.iter().any(|k| contains_word_prefix(k, w))).count() as i64;
        let everywhere =
            words.iter().all(|w| contains_word_prefix(&e.body, w) || e.keys.iter().any(|k| contains_word_prefix(k, w)));
        if everywhere && (in_keys > 0 || !e.body.is_empty()) {
            let phrase = if words.len() > 1 && e.body.contains(q) { 200 } else { 0 };
            best = best.max(Some(100 + 60 * in_keys + phrase));
        }
        best.map(|s| s + e.kind.weight())
    }
}

/// Whether some word of `text` starts with `word`.
fn contains_word_prefix(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| i == 0 || text.as_bytes().get(i - 1) == Some(&b' '))
}

/// The first sentence of a question stem, as its title in result lists.
fn first_sentence(stem: &str) -> String {
    let flat: String = stem.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = flat.find(". ").map_or(flat.len(), |i| i + 1);
    let head = flat.get(..end).unwrap_or(&flat);
    let mut s: String = head.chars().take(120).collect();
    if s.len() < head.len() {
        s.push('…');
    }
    s
}
