//! The search index and its ranking.
//!
//! The index is a handful of flat arrays over one string, so it can be written out and read back
//! with four allocations (see [`super::wire`]) instead of thousands of small strings: `text`
//! holds every id, title and key, then every body, each body followed by a `\n` (which
//! [`normalize`] never produces, so no query word can match across two bodies). Entries point
//! into it with byte spans.
//!
//! A query pays for what can match: each word is looked for once in all bodies together (one
//! SIMD substring scan per word rather than one searcher per entry; a one-letter word, which
//! would stop that scan at thousands of matches, is read from each entry's initials), and a key is handed to the
//! fuzzy matcher only if the query's bytes appear in it in order, which rules out most keys
//! without the matcher's allocations and score matrix.

use std::cmp::Ordering;
use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::hit::{Hit, HitKind};
use super::normalize;
use super::prefilter::{contains_word_prefix, in_order, title_may_match, word_initial, word_prefix};

/// A half-open range: of bytes in [`Index::text`], or of positions in [`Index::keys`] or
/// [`Index::topics`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub(super) fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    fn is_empty(self) -> bool {
        self.start >= self.end
    }
}

/// A searchable thing.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    pub kind: HitKind,
    /// How many leading `keys` are names (an exact name beats an exact alias).
    pub names: u8,
    pub id: Span,
    pub title: Span,
    /// Long normalized text that must contain every query word.
    pub body: Span,
    /// Short normalized keys matched fuzzily, in [`Index::keys`]: the first `names` of them are
    /// the entry's own name and id, the rest aliases and titles.
    pub keys: Span,
    /// The topics this entry belongs to, in [`Index::topics`], for pulling it up behind a
    /// matched service.
    pub topics: Span,
    /// The letters and digits that start the body's words, a bit each
    /// (`prefilter::initials`): a one-letter query word, which starts thousands of body words,
    /// is answered from these bits instead of a scan that stops at every one of them.
    pub initials: u64,
}

/// A length or offset as stored; the material is nowhere near 4 GiB.
pub(super) fn off(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The index over one catalog.
pub struct Index {
    /// Ids, titles and keys, then the bodies, each followed by `\n`.
    pub(super) text: String,
    pub(super) entries: Vec<Entry>,
    /// Spans of `text`, grouped per entry (see [`Entry::keys`]).
    pub(super) keys: Vec<Span>,
    /// Entry numbers of topics, grouped per entry (see [`Entry::topics`]).
    pub(super) topics: Vec<u32>,
    /// Where the bodies are in `text`: entries' bodies lie inside it, in entry order.
    pub(super) bodies: Span,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("entries", &self.entries.len()).field("bytes", &self.text.len()).finish()
    }
}

/// Score for an exact alias match (an exact name or id scores a little more): above anything
/// fuzzy.
const EXACT: i64 = 10_000;
/// Score for a name, id or alias that starts with the query.
const PREFIX: i64 = 5_000;
/// The most the fuzzy matcher scores per query character: with its default weights a matched
/// character scores 16 plus a bonus of at most 16 (a word's first character, doubled at the
/// start of the text); gaps only subtract. A key whose entry already scores this much is not
/// worth matching fuzzily.
const FUZZY_PER_CHAR: i64 = 32;

impl Index {
    /// The index from its parts, which the caller has checked (see [`super::wire`]).
    pub(super) fn from_parts(
        text: String,
        entries: Vec<Entry>,
        keys: Vec<Span>,
        topics: Vec<u32>,
        bodies: Span,
    ) -> Index {
        Index { text, entries, keys, topics, bodies, matcher: SkimMatcherV2::default() }
    }

    /// The text of `span` (empty if the span is not in the text: [`super::wire`] checks that it
    /// is, so this never happens to an index in use).
    fn str(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or_default()
    }

    fn keys_of(&self, e: &Entry) -> &[Span] {
        self.keys.get(e.keys.range()).unwrap_or_default()
    }

    fn topics_of(&self, e: &Entry) -> &[u32] {
        self.topics.get(e.topics.range()).unwrap_or_default()
    }

    /// How many things the index holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the index holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Ranked hits for `query`, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let q = normalize(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let words: Vec<&str> = q.split(' ').collect();
        let chars = q.chars().count();
        let in_body = self.words_in_bodies(&words);
        let body_has = |i: usize, e: &Entry, j: usize, w: &str| match in_body.get(i) {
            Some(mask) if j < 64 => mask & (1 << j) != 0,
            _ => contains_word_prefix(self.str(e.body), w),
        };
        let all_in_body = if words.len() >= 64 { u64::MAX } else { (1u64 << words.len()) - 1 };

        // Each entry's score, if it has one: `Some((score, whether it matched directly))`.
        let mut scores: Vec<Option<(i64, bool)>> = vec![None; self.entries.len()];
        let mut services: Vec<(u32, i64)> = Vec::new();
        let mut left: Vec<Span> = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            let score = if e.keys.is_empty() {
                // Cards and questions: every word in the body (their keys are empty).
                let all = if words.len() <= 64 {
                    in_body.get(i).is_some_and(|m| m & all_in_body == all_in_body)
                } else {
                    words.iter().enumerate().all(|(j, w)| body_has(i, e, j, w))
                };
                (all && !e.body.is_empty()).then(|| 100 + self.phrase(e, &q, &words) + e.kind.weight())
            } else {
                self.score(e, &q, chars, &words, |j, w| body_has(i, e, j, w), &mut left)
            };
            if let (Some(score), Some(slot)) = (score, scores.get_mut(i)) {
                if e.kind == HitKind::Topic && score >= PREFIX {
                    services.push((off(i), score));
                }
                *slot = Some((score, true));
            }
        }
        // Everything about a named service comes up behind it.
        if !services.is_empty() {
            let mut service_score: Vec<Option<i64>> = vec![None; self.entries.len()];
            for &(i, s) in &services {
                if let Some(slot) = service_score.get_mut(i as usize) {
                    *slot = Some(s);
                }
            }
            for (e, slot) in self.entries.iter().zip(scores.iter_mut()) {
                if e.kind == HitKind::Topic {
                    continue;
                }
                let best =
                    self.topics_of(e).iter().filter_map(|&t| service_score.get(t as usize).copied().flatten()).max();
                if let Some(topic_score) = best {
                    let pulled = topic_score / 2 + e.kind.pulled_weight();
                    *slot = Some(match *slot {
                        Some((s, direct)) => (s.max(pulled), direct),
                        None => (pulled, false),
                    });
                }
            }
        }
        let mut ranked: Vec<(u32, i64, bool)> =
            scores.iter().enumerate().filter_map(|(i, s)| s.map(|(score, direct)| (off(i), score, direct))).collect();
        // Best score first, then by id; among equals, direct matches before pulled ones, each in
        // index order.
        let order = |a: &(u32, i64, bool), b: &(u32, i64, bool)| -> Ordering {
            b.1.cmp(&a.1)
                .then_with(|| self.id_of(a.0).cmp(self.id_of(b.0)))
                .then_with(|| b.2.cmp(&a.2))
                .then_with(|| a.0.cmp(&b.0))
        };
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, order);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        let pattern = query.trim();
        ranked
            .into_iter()
            .filter_map(|(i, score, _)| {
                let e = self.entries.get(i as usize)?;
                let title = self.str(e.title);
                let indices = if title_may_match(title, pattern) {
                    self.matcher.fuzzy_indices(title, pattern).map(|(_, ix)| ix).unwrap_or_default()
                } else {
                    Vec::new()
                };
                Some(Hit { kind: e.kind, id: self.str(e.id).to_string(), title: title.to_string(), score, indices })
            })
            .collect()
    }

    fn id_of(&self, i: u32) -> &str {
        self.entries.get(i as usize).map_or("", |e| self.str(e.id))
    }

    /// For each entry, a bit per query word (of the first 64) set when some word of the entry's
    /// body starts with it: from the entries' initials for a one-letter word, else from one
    /// scan of all bodies (see [`Index::mark_scanned`]).
    fn words_in_bodies(&self, words: &[&str]) -> Vec<u64> {
        let mut masks = vec![0u64; self.entries.len()];
        for (j, w) in words.iter().enumerate().take(64) {
            let bit = 1u64 << j;
            match word_initial(w) {
                Some(initial) => self.mark_initial(initial, bit, &mut masks),
                None => self.mark_scanned(w, bit, &mut masks),
            }
        }
        masks
    }

    /// Sets `bit` in the mask of every entry whose initials hold `initial`.
    fn mark_initial(&self, initial: u64, bit: u64, masks: &mut [u64]) {
        for (m, e) in masks.iter_mut().zip(&self.entries) {
            if e.initials & initial != 0 {
                *m |= bit;
            }
        }
    }

    /// Sets `bit` in the mask of every entry whose body has a word starting with `word`, found
    /// by one scan of all bodies for `" " + word`: every body word follows a space (see
    /// `Builder::push`), so only word starts are found.
    fn mark_scanned(&self, word: &str, bit: u64, masks: &mut [u64]) {
        let Some(bodies) = self.text.as_bytes().get(self.bodies.range()) else { return };
        let base = self.bodies.start as usize;
        let mut needle = Vec::with_capacity(word.len() + 1);
        needle.push(b' ');
        needle.extend_from_slice(word.as_bytes());
        // Entry whose body comes next; matches come in order, and so do the bodies.
        let mut cursor = 0usize;
        for p in memchr::memmem::find_iter(bodies, &needle) {
            let (at, end) = (base + p + 1, base + p + needle.len());
            while self.entries.get(cursor).is_some_and(|e| (e.body.end as usize) < end) {
                cursor += 1;
            }
            let Some(e) = self.entries.get(cursor) else { break };
            if let Some(m) = masks.get_mut(cursor).filter(|_| e.body.start as usize <= at) {
                *m |= bit;
            }
        }
    }

    /// The bonus for a query of several words found as one phrase in the body.
    fn phrase(&self, e: &Entry, q: &str, words: &[&str]) -> i64 {
        if words.len() > 1 && self.str(e.body).contains(q) { 200 } else { 0 }
    }

    /// The score of an entry that has keys; `body_has(j, word)` says whether the body holds
    /// query word number `j`. `chars` is the number of characters in `q`. `left` is scratch
    /// space, kept by the caller so that one allocation serves every entry.
    fn score(
        &self,
        e: &Entry,
        q: &str,
        chars: usize,
        words: &[&str],
        body_has: impl Fn(usize, &str) -> bool,
        left: &mut Vec<Span>,
    ) -> Option<i64> {
        let keys = self.keys_of(e);
        // A query of several words is never a prefix of one word of a key.
        let spaced = words.len() > 1;
        let mut best: Option<i64> = None;
        // Exact, prefix and word-prefix matches first: they cost a comparison each. The keys
        // that match none of them are left for the fuzzy matcher.
        left.clear();
        for (k, &span) in keys.iter().enumerate() {
            let key = self.str(span);
            let s = if key == q {
                if k < usize::from(e.names) { EXACT + 1_000 } else { EXACT }
            } else if key.starts_with(q) {
                PREFIX + (q.len() as i64 * 100 / key.len().max(1) as i64)
            } else if !spaced && word_prefix(key, q) {
                PREFIX / 2
            } else {
                left.push(span);
                continue;
            };
            best = best.max(Some(s));
        }
        // Every word somewhere in the entry: words in its names, aliases and titles count more
        // than words only in its text. A one-word query is in a key exactly when that key
        // matched above (an equal key or a prefix is a word prefix too).
        let matched = left.len() < keys.len();
        let in_key = |w: &str| if spaced { keys.iter().any(|&k| word_prefix(self.str(k), w)) } else { matched };
        let in_keys = words.iter().filter(|w| in_key(w)).count() as i64;
        let everywhere = words.iter().enumerate().all(|(j, w)| body_has(j, w) || in_key(w));
        if everywhere && (in_keys > 0 || !e.body.is_empty()) {
            best = best.max(Some(100 + 60 * in_keys + self.phrase(e, q, words)));
        }
        // Then the fuzzy matcher, for the other keys, unless no fuzzy score could beat the best.
        if best < Some(FUZZY_PER_CHAR * chars as i64) {
            for &span in left.iter() {
                let key = self.str(span);
                // The fuzzy matcher needs the query's characters in order: skip its work.
                if !in_order(key.as_bytes(), q.as_bytes()) {
                    continue;
                }
                match self.matcher.fuzzy_match(key, q) {
                    // Weak fuzzy matches on short queries are noise.
                    Some(s) if s >= 20 + 10 * q.len() as i64 / 2 => best = best.max(Some(s)),
                    _ => {}
                }
            }
        }
        best.map(|s| s + e.kind.weight())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: &[&str] = &[
        "aws cloudformation",
        "cloudformation",
        "cfn",
        "codedeploy lifecycle event hooks",
        "blue green deployment",
        "AppSpec file: hooks",
        "What does cfn-init do?",
        "s3 bucket policy",
        "ec2 auto scaling group",
        "élan vital",
        "a",
        "",
    ];
    const PATTERNS: &[&str] =
        &["c", "cf", "cfn", "cloudfrm", "hooks", "ec2", "asg", "é", "a b", "CFN", "Cloud", "zz", "o"];

    /// The shipped material, indexed and read back as a search reads it from the cache.
    fn shipped() -> Index {
        let catalog = crate::content::load_embedded().expect("the embedded material is valid");
        Index::from_bytes(&Index::build(&catalog).to_bytes()).expect("the index reads back")
    }

    #[test]
    fn initials_find_the_same_entries_as_a_scan_for_every_letter_and_digit() {
        let index = shipped();
        for b in (b'a'..=b'z').chain(b'0'..=b'9') {
            let word = char::from(b).to_string();
            let initial = word_initial(&word).expect("a letter or digit has a bit of its own");
            let (mut from_bits, mut scanned) = (vec![0; index.len()], vec![0; index.len()]);
            index.mark_initial(initial, 1, &mut from_bits);
            index.mark_scanned(&word, 1, &mut scanned);
            assert_eq!(from_bits, scanned, "entries with a body word starting with {word:?}");
            assert!(scanned.contains(&1), "some body has a word starting with {word:?}");
        }
    }

    #[test]
    fn only_letters_and_digits_are_answered_from_the_initials() {
        for w in ["é", "&", "ab", "", "A"] {
            assert_eq!(word_initial(w), None, "{w:?}");
        }
        assert_ne!(word_initial("a"), word_initial("b"));
        assert_ne!(word_initial("z"), word_initial("0"));
    }

    #[test]
    fn no_fuzzy_score_exceeds_the_bound_the_ranking_relies_on() {
        let matcher = SkimMatcherV2::default();
        for text in TEXTS {
            for p in PATTERNS {
                if let Some(s) = matcher.fuzzy_match(text, p) {
                    assert!(s <= FUZZY_PER_CHAR * p.chars().count() as i64, "{text:?} {p:?} scores {s}");
                }
            }
        }
    }

    #[test]
    fn the_title_prefilter_only_skips_what_the_matcher_would_not_match() {
        let matcher = SkimMatcherV2::default();
        for text in TEXTS {
            for p in PATTERNS {
                if matcher.fuzzy_indices(text, p).is_some() {
                    assert!(title_may_match(text, p), "{text:?} {p:?}");
                }
            }
        }
    }

    #[test]
    fn the_order_prefilter_only_skips_what_the_matcher_would_not_match() {
        let matcher = SkimMatcherV2::default();
        for text in TEXTS {
            let key = normalize(text);
            for p in PATTERNS {
                let q = normalize(p);
                if matcher.fuzzy_match(&key, &q).is_some() {
                    assert!(in_order(key.as_bytes(), q.as_bytes()), "{key:?} {q:?}");
                }
            }
        }
    }
}
