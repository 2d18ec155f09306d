//! Item-writing review: cues in a question's form that give its key away.
//!
//! A candidate who knows nothing should score no better than chance, so the form of the options
//! — their length, their wording, their absolute words — must carry no information. These are
//! warnings, not errors: the material still loads, `dopdeck check` lists them, and
//! `check --strict` (which CI runs) refuses them. Every rule is documented with a good and a bad
//! example in docs/CONTENT.md ("Item-writing warnings").
//!
//! Pure: takes parsed files (for locations) and returns warnings and per-domain measures.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::parse::{Doc, ParsedFile};
use super::problem::{FileText, Problem};
use super::schema::{Exam, Question};

/// A keyed option this many times as long as the longest distractor stands out.
pub const LENGTH_RATIO: f64 = 1.25;
/// Bank-wide: the keyed option may be the longest in at most this share of multiple-choice
/// questions of a domain (chance with four options is 25 %).
pub const MAX_KEYED_LONGEST_SHARE: f64 = 0.30;
/// Bank-wide: the keyed option may be the shortest in at most this share of multiple-choice
/// questions of a domain — trimming keys must not turn "never the longest" into "always the
/// shortest".
pub const MAX_KEYED_SHORTEST_SHARE: f64 = 0.35;
/// Two options whose words are this similar (1 − word edit distance ÷ longer length) differ
/// "only slightly".
pub const NEAR_DUPLICATE: f64 = 0.85;
/// Two options whose characters are this similar differ "only slightly" too (catches a changed
/// figure inside one long identifier, which word similarity misses in a short option).
pub const NEAR_DUPLICATE_CHARS: f64 = 0.9;
/// The key shares this many more distinct stem words than every distractor: it echoes the stem.
pub const ECHO_MARGIN: usize = 4;

/// Words that make a claim absolute; test-wise candidates eliminate options carrying them.
const ABSOLUTE: &[&str] = &["always", "never", "only", "none", "cannot", "guaranteed", "guarantees", "impossible"];
/// Phrases that tell a candidate what to optimise for.
const CONSTRAINT: &[&str] = &[
    "least", "most", "lowest", "fewest", "fastest", "quickest", "minimum", "minimal", "minimize", "minimise",
    "maximize", "maximise", "cheapest", "smallest", "shortest",
];
/// Words in a distractor's `why` that say it would work but at a price.
const WORKS_BUT: &[&str] = &[
    "would work",
    "also works",
    "it works",
    "works, but",
    "works but",
    "also meets",
    "more operational",
    "more overhead",
    "more effort",
    "more expensive",
    "costs more",
    "higher cost",
];
/// Words too common to count as echoing the stem.
const STOP: &[&str] = &[
    "the", "and", "for", "with", "that", "this", "from", "into", "which", "what", "when", "will", "can", "should",
    "does", "not", "than", "then", "each", "their", "there", "are", "use", "uses", "using", "its", "has", "have",
    "all", "any", "new", "one", "two", "by", "of", "to", "in", "on", "or", "is", "be", "as", "at", "it", "an", "a",
];

/// Form measures of one domain's questions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DomainForm {
    pub multiple_choice: usize,
    /// Multiple-choice questions whose keyed option is strictly the longest.
    pub keyed_longest: usize,
    /// `keyed_longest / multiple_choice` (0 when there are none).
    pub keyed_longest_share: f64,
    /// Multiple-choice questions whose keyed option is strictly the shortest.
    pub keyed_shortest: usize,
    pub keyed_shortest_share: f64,
    pub multiple_response: usize,
    /// Multiple-response questions whose correct set is exactly the N longest options.
    pub correct_set_longest: usize,
    pub correct_set_longest_share: f64,
    /// Warnings raised on this domain's questions (and on the domain as a whole).
    pub warnings: usize,
}

/// The outcome of the review: every warning, and per-domain measures keyed by domain number.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Review {
    pub domains: BTreeMap<String, DomainForm>,
    pub warnings: Vec<Problem>,
}

/// Reviews every question file among `parsed`; `exam` maps folder slugs to domains.
pub fn review(parsed: &[ParsedFile], exam: &Exam) -> Review {
    let slugs: BTreeMap<&str, String> =
        exam.domains.iter().map(|d| (d.slug.as_str(), d.number.get_ref().to_string())).collect();
    let mut out = Review::default();
    for d in &exam.domains {
        out.domains.entry(d.number.get_ref().to_string()).or_default();
    }
    for file in parsed {
        let Some(Doc::Questions { slug, questions }) = &file.doc else { continue };
        let Some(domain) = slugs.get(slug.as_str()) else { continue };
        for q in questions {
            let found = question(&file.text, q);
            let form = out.domains.entry(domain.clone()).or_default();
            if *q.choose.get_ref() <= 1 {
                form.multiple_choice += 1;
                form.keyed_longest += usize::from(found.keyed_longest);
                form.keyed_shortest += usize::from(found.keyed_shortest);
            } else {
                form.multiple_response += 1;
                form.correct_set_longest += usize::from(found.set_longest);
            }
            form.warnings += found.warnings.len();
            out.warnings.extend(found.warnings);
        }
    }
    for d in &exam.domains {
        let key = d.number.get_ref().to_string();
        let Some(form) = out.domains.get_mut(&key) else { continue };
        form.keyed_longest_share = share(form.keyed_longest, form.multiple_choice);
        form.correct_set_longest_share = share(form.correct_set_longest, form.multiple_response);
        form.keyed_shortest_share = share(form.keyed_shortest, form.multiple_choice);
        if form.multiple_choice >= 4 && form.keyed_shortest_share > MAX_KEYED_SHORTEST_SHARE {
            form.warnings += 1;
            let message = format!(
                "item writing [keyed-shortest-share]: in domain {key} the keyed option is the shortest in {} of {} \
                 multiple-choice questions ({:.0} %, limit {:.0} %): trimming keys has made the shortest option a cue",
                form.keyed_shortest,
                form.multiple_choice,
                100.0 * form.keyed_shortest_share,
                100.0 * MAX_KEYED_SHORTEST_SHARE
            );
            out.warnings.push(match parsed.iter().find(|f| f.text.path == "content/exam.toml") {
                Some(f) => f.text.problem(d.number.span(), message),
                None => Problem { file: "content/exam.toml".into(), line: 1, column: 1, message },
            });
        }
        if form.multiple_choice >= 4 && form.keyed_longest_share > MAX_KEYED_LONGEST_SHARE {
            form.warnings += 1;
            let at = parsed.iter().find(|f| f.text.path == "content/exam.toml");
            let message = format!(
                "item writing [keyed-longest-share]: in domain {key} the keyed option is the longest in {} of {} \
                 multiple-choice questions ({:.0} %, limit {:.0} %): a candidate who always picks the longest \
                 option scores above chance",
                form.keyed_longest,
                form.multiple_choice,
                100.0 * form.keyed_longest_share,
                100.0 * MAX_KEYED_LONGEST_SHARE
            );
            out.warnings.push(match at {
                Some(f) => f.text.problem(d.number.span(), message),
                None => Problem { file: "content/exam.toml".into(), line: 1, column: 1, message },
            });
        }
    }
    out.warnings.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    out
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 { 0.0 } else { n as f64 / of as f64 }
}

/// What one question's form gives away.
struct Found {
    keyed_longest: bool,
    keyed_shortest: bool,
    set_longest: bool,
    warnings: Vec<Problem>,
}

/// One option as the rules see it.
struct Opt<'q> {
    /// Position in the file (0-based).
    at: usize,
    text: &'q str,
    span: std::ops::Range<usize>,
    correct: bool,
    /// Length in characters.
    len: usize,
}

/// Applies every per-question rule.
fn question(file: &FileText, q: &Question) -> Found {
    let mut found = Found { keyed_longest: false, keyed_shortest: false, set_longest: false, warnings: Vec::new() };
    let opts: Vec<Opt> = (q.options.iter().enumerate())
        .map(|(at, o)| {
            let text = o.get_ref().text.as_str();
            Opt { at, text, span: o.span(), correct: o.get_ref().correct, len: text.chars().count() }
        })
        .collect();
    let (correct, wrong): (Vec<&Opt>, Vec<&Opt>) = opts.iter().partition(|o| o.correct);
    let Some(&key) = correct.first() else { return found }; // the validator reports a question without a key
    if wrong.is_empty() {
        return found; // … or without a distractor
    }
    let id = q.id.get_ref();
    let mut warn = |span: std::ops::Range<usize>, rule: &str, text: String| {
        found.warnings.push(file.problem(span, format!("item writing [{rule}]: {id}: {text}")));
    };
    let longest_wrong = wrong.iter().map(|o| o.len).max().unwrap_or(0);
    let n = correct.len();
    if *q.choose.get_ref() <= 1 {
        found.keyed_longest = key.len > longest_wrong;
        found.keyed_shortest = wrong.iter().all(|o| key.len < o.len);
        if key.len as f64 >= LENGTH_RATIO * longest_wrong as f64 {
            warn(
                key.span.clone(),
                "key-length",
                format!(
                    "the keyed option has {} characters, {:.2} × the longest distractor ({longest_wrong}); trim the key \
                     or make the distractors as specific",
                    key.len,
                    key.len as f64 / longest_wrong.max(1) as f64
                ),
            );
        }
    } else {
        let shortest_correct = correct.iter().map(|o| o.len).min().unwrap_or(0);
        found.set_longest = shortest_correct > longest_wrong;
        if found.set_longest {
            warn(
                q.id.span(),
                "correct-set-longest",
                format!("the {n} correct options are exactly the {n} longest; lengthen a distractor or trim a key"),
            );
        }
    }
    for j in &wrong {
        let others = opts.iter().filter(|o| o.at != j.at).map(|o| o.len).max().unwrap_or(0);
        if j.len as f64 >= LENGTH_RATIO * others as f64 && opts.len() > 2 {
            warn(
                j.span.clone(),
                "lone-distractor",
                format!(
                    "one distractor has {} characters, {:.2} × every other option: it stands out as the odd one",
                    j.len,
                    j.len as f64 / others.max(1) as f64
                ),
            );
        }
    }
    let absolute = |o: &&Opt| has_any_word(o.text, ABSOLUTE);
    if wrong.len() >= 2 && wrong.iter().all(absolute) && !correct.iter().any(absolute) {
        warn(
            q.id.span(),
            "absolute-words",
            "every distractor carries an absolute word (always, never, only …) and no key does".into(),
        );
    }
    let stem = content_words(&q.stem);
    let overlap = |o: &&Opt| content_words(o.text).intersection(&stem).count();
    let best_key = correct.iter().map(overlap).max().unwrap_or(0);
    let best_wrong = wrong.iter().map(overlap).max().unwrap_or(0);
    if best_key >= best_wrong + ECHO_MARGIN {
        warn(
            q.id.span(),
            "stem-echo",
            format!(
                "a key repeats {best_key} of the stem's words, every distractor at most {best_wrong}: reword the key \
                 or tie the distractors to the scenario too"
            ),
        );
    }
    let words: Vec<(&Opt, Vec<String>)> = opts.iter().map(|o| (o, word_list(o.text))).collect();
    let mut in_pair = vec![false; opts.len()];
    let mut pairs = Vec::new();
    for (i, (a, a_words)) in words.iter().enumerate() {
        for (b, b_words) in words.iter().skip(i + 1) {
            if similarity(a_words, b_words) >= NEAR_DUPLICATE || char_similarity(a.text, b.text) >= NEAR_DUPLICATE_CHARS
            {
                for at in [a.at, b.at] {
                    if let Some(p) = in_pair.get_mut(at) {
                        *p = true;
                    }
                }
                pairs.push((*a, *b));
            }
        }
    }
    if let Some((a, b)) = pairs.first()
        && !in_pair.iter().all(|&p| p)
    {
        warn(
            b.span.clone(),
            "near-duplicate",
            format!(
                "options {} and {} differ only slightly while the others do not: the pair draws the eye",
                a.at + 1,
                b.at + 1
            ),
        );
    }
    let stem_lower = q.stem.to_lowercase();
    let constrained = has_any_word(&stem_lower, CONSTRAINT) || stem_lower.contains("cost-effective");
    let works = wrong.iter().filter_map(|o| q.options.get(o.at)).any(|o| {
        let why = o.get_ref().why.as_deref().unwrap_or("").to_lowercase();
        WORKS_BUT.iter().any(|w| why.contains(w))
    });
    if works && !constrained {
        warn(
            q.id.span(),
            "no-constraint",
            "a distractor's why says it would work at a higher cost or effort, but the stem names no constraint \
             (LEAST operational overhead, MOST cost-effective …)"
                .into(),
        );
    }
    found
}

/// True if `text` contains one of `words` as a whole word, ignoring case.
fn has_any_word(text: &str, words: &[&str]) -> bool {
    word_list(text).iter().any(|w| words.contains(&w.as_str()))
}

/// Lower-case words (letters, digits, `-`, `.`, `_`), in order.
fn word_list(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.' || c == '_'))
        .map(|w| w.trim_matches(|c: char| c == '.' || c == '-').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Distinct words that carry meaning: not stop words, at least three characters.
fn content_words(text: &str) -> BTreeSet<String> {
    word_list(text).into_iter().filter(|w| w.chars().count() >= 3 && !STOP.contains(&w.as_str())).collect()
}

/// Character-level [`similarity`]; pairs whose lengths already differ by more than the threshold
/// allows are not compared, which keeps `check` fast on a large bank.
fn char_similarity(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = (a.len().min(b.len()), a.len().max(b.len()));
    if long == 0 {
        return 1.0;
    }
    if (short as f64) < NEAR_DUPLICATE_CHARS * long as f64 {
        return short as f64 / long as f64;
    }
    similarity(&a, &b)
}

/// 1 − (edit distance ÷ the longer length) over words or characters: 1.0 for identical sequences.
fn similarity<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    // Two rows of the edit-distance table: `prev` for a's previous word, `cur` being filled.
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = Vec::with_capacity(b.len() + 1);
    for (i, wa) in a.iter().enumerate() {
        cur.clear();
        let mut left = i + 1;
        cur.push(left);
        for ((wb, &diagonal), &up) in b.iter().zip(&prev).zip(prev.iter().skip(1)) {
            left = (diagonal + usize::from(wa != wb)).min(up + 1).min(left + 1);
            cur.push(left);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev.last().copied().unwrap_or(0) as f64 / longer as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        word_list(s)
    }

    #[test]
    fn similarity_counts_words_not_letters() {
        assert!((similarity(&words("a b c d"), &words("a b c d")) - 1.0).abs() < 1e-9);
        assert!((similarity(&words("a b c d"), &words("a b x d")) - 0.75).abs() < 1e-9);
        assert!(similarity(&words("use canary ten percent"), &words("delete the stack now")) < 0.3);
    }

    #[test]
    fn absolute_words_are_whole_words() {
        assert!(has_any_word("It only works in us-east-1", ABSOLUTE));
        assert!(!has_any_word("Use the read-only replica", &["only2"]));
        assert!(!has_any_word("commonly used", ABSOLUTE));
    }
}
