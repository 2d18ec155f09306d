//! Turns one raw file into a typed document, collecting every problem it can find.
//!
//! The TOML is first parsed into a spanned tree with error recovery, so every syntax error in a
//! file is reported, not just the first. Arrays of tables (`[[card]]`, `[[question]]` …) are then
//! deserialized one element at a time: a misspelt key in one question does not hide a problem in
//! the next. What a file is (topic, question set, deck …) follows from its path.

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::problem::{FileText, Problem};
use super::schema::{Comparison, Deck, Exam, Question, Strategy, Topic};
use super::source::RawFile;

/// A successfully parsed file.
#[derive(Debug, Clone)]
pub enum Doc {
    Exam(Exam),
    Topic(Topic),
    Comparison(Comparison),
    /// A question file, with the domain slug of its folder.
    Questions {
        slug: String,
        questions: Vec<Question>,
    },
    Strategy(Strategy),
    Deck(Deck),
}

/// What a path says a file should contain.
#[derive(Debug, Clone, PartialEq, Eq)]
enum FileKind {
    Exam,
    Topic(String),
    Comparison(String),
    Questions(String),
    Strategy(String),
    Deck(String),
}

/// The outcome of parsing one file: its text (for locating later problems), the document if it
/// could be read at all, and the problems found.
pub struct ParsedFile {
    pub text: FileText,
    pub doc: Option<Doc>,
    pub problems: Vec<Problem>,
}

/// Parses one file. Never panics, whatever the bytes.
pub fn parse_file(raw: &RawFile) -> ParsedFile {
    let (text, mut problems) = decode(raw);
    let mut parsed = ParsedFile { text, doc: None, problems: Vec::new() };
    if !problems.is_empty() {
        parsed.problems.append(&mut problems);
        return parsed;
    }
    let kind = match classify(&raw.path) {
        Ok(kind) => kind,
        Err(message) => {
            parsed.problems.push(parsed.text.problem(0..0, message));
            return parsed;
        }
    };
    if let Some(stem) = kind.stem()
        && !is_id(stem)
    {
        parsed.problems.push(
            parsed
                .text
                .problem(0..0, format!("file name `{stem}` is not a valid id: use lower-case letters, digits and `-`")),
        );
    }
    let source = parsed.text.text.clone();
    let (root, errors) = DeTable::parse_recoverable(&source);
    if !errors.is_empty() {
        for err in errors {
            // The parser gives no place for a key nested too deep: find the line itself.
            let span = err.span().or_else(|| deepest_key(&source)).unwrap_or(0..0);
            let message = syntax_message(err.message(), span.start == 0);
            parsed.problems.push(parsed.text.problem(span, message));
        }
        return parsed;
    }
    if root.get_ref().is_empty() {
        parsed.problems.push(parsed.text.problem(0..0, "file has no keys: it is empty or only comments"));
        return parsed;
    }
    parsed.problems.extend(super::controls::problems(root.get_ref(), &parsed.text));
    let mut sink = Sink { file: &parsed.text, problems: Vec::new() };
    parsed.doc = match kind {
        FileKind::Exam => sink.whole::<Exam>(root).map(Doc::Exam),
        FileKind::Topic(id) => sink.topic(root, id).map(Doc::Topic),
        FileKind::Comparison(id) => sink.whole::<Comparison>(root).map(|mut c| {
            c.id = id;
            Doc::Comparison(c)
        }),
        FileKind::Questions(slug) => sink.questions(root).map(|questions| Doc::Questions { slug, questions }),
        FileKind::Strategy(id) => sink.whole::<Strategy>(root).map(|mut s| {
            s.id = id;
            Doc::Strategy(s)
        }),
        FileKind::Deck(id) => sink.whole::<Deck>(root).map(|mut d| {
            d.id = id;
            Doc::Deck(d)
        }),
    };
    parsed.problems.append(&mut sink.problems);
    parsed
}

/// Whether `s` is a valid id: non-empty, lower-case ASCII letters, digits and single dashes.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

fn decode(raw: &RawFile) -> (FileText, Vec<Problem>) {
    match std::str::from_utf8(&raw.bytes) {
        Ok(text) => {
            let file = FileText::new(&raw.path, text);
            let problems = if text.trim().is_empty() { vec![file.problem(0..0, "file is empty")] } else { Vec::new() };
            (file, problems)
        }
        Err(err) => {
            let valid = err.valid_up_to();
            let prefix = String::from_utf8_lossy(raw.bytes.get(..valid).unwrap_or_default()).into_owned();
            let file = FileText::new(&raw.path, prefix);
            let problem = file.problem(
                valid..valid,
                format!(
                    "file is not UTF-8: invalid byte 0x{:02x} here; save it as UTF-8",
                    raw.bytes.get(valid).copied().unwrap_or_default()
                ),
            );
            (FileText::new(&raw.path, String::from_utf8_lossy(&raw.bytes).into_owned()), vec![problem])
        }
    }
}

fn classify(path: &str) -> Result<FileKind, String> {
    let parts: Vec<&str> = path.split('/').collect();
    let stem = |name: &str| name.strip_suffix(".toml").unwrap_or(name).to_string();
    match parts.as_slice() {
        ["content", "exam.toml"] => Ok(FileKind::Exam),
        ["content", "topics", name] => Ok(FileKind::Topic(stem(name))),
        ["content", "comparisons", name] => Ok(FileKind::Comparison(stem(name))),
        ["content", "strategies", name] => Ok(FileKind::Strategy(stem(name))),
        ["content", "questions", slug, _] => Ok(FileKind::Questions((*slug).to_string())),
        ["decks", name] => Ok(FileKind::Deck(stem(name))),
        _ => Err(format!(
            "unexpected file `{path}`: material goes in content/exam.toml, content/topics/, \
             content/comparisons/, content/strategies/, content/questions/<domain-slug>/ or decks/"
        )),
    }
}

impl FileKind {
    fn stem(&self) -> Option<&str> {
        match self {
            FileKind::Topic(s) | FileKind::Comparison(s) | FileKind::Strategy(s) | FileKind::Deck(s) => Some(s),
            FileKind::Exam | FileKind::Questions(_) => None,
        }
    }
}

/// The span of the first key or table header with the most dotted parts (more than one), for
/// errors such as "recursion limit" that the TOML parser reports without a place.
fn deepest_key(text: &str) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(usize, std::ops::Range<usize>)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset + (line.len() - line.trim_start().len());
        offset += line.len();
        let trimmed = line.trim_start();
        let key = match trimmed.strip_prefix('[') {
            Some(header) => header.split(']').next().unwrap_or(""),
            None => trimmed.split('=').next().unwrap_or(""),
        };
        let (mut parts, mut quote) = (1, None);
        for c in key.chars() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '.') => parts += 1,
                _ => {}
            }
        }
        if parts > 1 && best.as_ref().is_none_or(|(most, _)| parts > *most) {
            best = Some((parts, start..start + 1));
        }
    }
    best.map(|(_, span)| span)
}

fn syntax_message(message: &str, at_start: bool) -> String {
    let message = message.trim().trim_end_matches('.');
    if at_start {
        format!("TOML syntax error: {message} (is this a TOML file?)")
    } else {
        format!("TOML syntax error: {message}")
    }
}

/// Collects problems while deserializing the parts of one file.
struct Sink<'f> {
    file: &'f FileText,
    problems: Vec<Problem>,
}

impl Sink<'_> {
    fn deserialize<T: DeserializeOwned>(&mut self, value: Spanned<DeValue<'_>>, what: &str) -> Option<T> {
        let span = value.span();
        match T::deserialize(ValueDeserializer::from(value)) {
            Ok(v) => Some(v),
            Err(err) => {
                let at = err.span().filter(|s| s.start > 0 || s.end > 0).unwrap_or(span);
                self.problems.push(self.file.problem(at, schema_message(err.message(), what)));
                None
            }
        }
    }

    fn whole<T: DeserializeOwned>(&mut self, root: Spanned<DeTable<'_>>) -> Option<T> {
        let span = root.span();
        self.deserialize(Spanned::new(span, DeValue::Table(root.into_inner())), "")
    }

    fn topic(&mut self, root: Spanned<DeTable<'_>>, id: String) -> Option<Topic> {
        let span = root.span();
        let (rest, mut arrays) = split_arrays(root.into_inner(), &["section", "table", "sequence", "card"]);
        let header: Option<Topic> = self.deserialize(Spanned::new(span, DeValue::Table(rest)), "");
        let sections = self.elements(arrays.remove(0), "[[section]]");
        let tables = self.elements(arrays.remove(0), "[[table]]");
        let sequences = self.elements(arrays.remove(0), "[[sequence]]");
        let cards = self.elements(arrays.remove(0), "[[card]]");
        header.map(|mut topic| {
            topic.id = id;
            topic.sections = sections;
            topic.tables = tables;
            topic.sequences = sequences;
            topic.cards = cards;
            topic
        })
    }

    fn questions(&mut self, root: Spanned<DeTable<'_>>) -> Option<Vec<Question>> {
        let span = root.span();
        let (rest, mut arrays) = split_arrays(root.into_inner(), &["question"]);
        if let Some((key, _)) = rest.iter().next() {
            let key_span = key.span();
            self.problems.push(self.file.problem(
                key_span,
                format!("unexpected key `{}`: a question file holds only [[question]] tables", key.get_ref()),
            ));
        }
        let elements = arrays.remove(0);
        if elements.is_empty() {
            self.problems.push(self.file.problem(span, "no [[question]] tables in this file"));
            return None;
        }
        Some(self.elements(elements, "[[question]]"))
    }

    fn elements<T: DeserializeOwned>(&mut self, values: Vec<Spanned<DeValue<'_>>>, what: &str) -> Vec<T> {
        values.into_iter().filter_map(|v| self.deserialize(v, what)).collect()
    }
}

/// Removes the arrays of tables named in `keys` from `table`, returning the rest of the table
/// and, for each key in order, its elements. A key whose value is not an array stays in the rest,
/// so the typed deserializer reports its wrong type.
fn split_arrays<'i>(table: DeTable<'i>, keys: &[&str]) -> (DeTable<'i>, Vec<Vec<Spanned<DeValue<'i>>>>) {
    let mut rest = DeTable::new();
    let mut arrays: Vec<Vec<Spanned<DeValue<'i>>>> = keys.iter().map(|_| Vec::new()).collect();
    for (key, value) in table {
        let slot = keys.iter().position(|k| *k == key.get_ref().as_ref());
        match (slot, value.get_ref()) {
            (Some(i), DeValue::Array(_)) => {
                if let (DeValue::Array(items), Some(array)) = (value.into_inner(), arrays.get_mut(i)) {
                    array.extend(items);
                }
            }
            _ => {
                rest.insert(key, value);
            }
        }
    }
    (rest, arrays)
}

fn schema_message(message: &str, what: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let message = message.replace("unknown field", "unknown key").replace("missing field", "missing key");
    if what.is_empty() { message } else { format!("{what}: {message}") }
}
