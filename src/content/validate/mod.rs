//! Cross-file checks: references, ids, exam format, and the rules a parser cannot see.
//!
//! Runs after every file has been parsed, over whatever parsed, and reports every problem with
//! the location of the offending value. Duplicates name both places. A tree that passes becomes a
//! [`Catalog`].
//!
//! This file walks the parsed files and holds what every check shares (the `Validator`'s
//! registries of ids, reporting) plus the small checks (exam, strategies, decks); the larger
//! ones have their own files: `topics` (topics, their tables and sequences, comparisons and
//! the ids their rows become) and `questions` (question ids, options and the exam format).

mod questions;
mod topics;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::spanned::Spanned;

use super::catalog::{Catalog, ItemKind};
use super::locate::{key_span, stems};
use super::parse::{Doc, ParsedFile};
use super::problem::{FileText, Problem};
use super::schema::{Deck, Exam, Strategy};

/// Validates parsed files and builds the catalog, or returns every problem found, sorted by
/// file, line and column.
pub fn validate(parsed: Vec<ParsedFile>) -> Result<Catalog, Vec<Problem>> {
    let mut v = Validator::default();
    let mut exam = None;
    let (mut topics, mut comparisons, mut questions, mut strategies, mut decks) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (fi, file) in parsed.into_iter().enumerate() {
        v.problems.extend(file.problems);
        v.files.push(file.text);
        match file.doc {
            Some(Doc::Exam(e)) => exam = Some((fi, e)),
            Some(Doc::Topic(t)) => topics.push((fi, t)),
            Some(Doc::Comparison(c)) => comparisons.push((fi, c)),
            Some(Doc::Questions { slug, questions: qs }) => {
                questions.extend(qs.into_iter().map(|q| (fi, slug.clone(), q)));
            }
            Some(Doc::Strategy(s)) => strategies.push((fi, s)),
            Some(Doc::Deck(d)) => decks.push((fi, d)),
            None => {}
        }
    }
    let Some((exam_file, exam)) = exam else {
        if !v.files.iter().any(|f| f.path == "content/exam.toml") {
            v.problems.push(Problem {
                file: "content/exam.toml".into(),
                line: 1,
                column: 1,
                message: "the exam blueprint is missing: every card and question names one of its tasks".into(),
            });
        }
        return Err(v.finish());
    };
    v.exam(exam_file, &exam);
    v.topic_ids = topics.iter().map(|(_, t)| t.id.clone()).collect();
    v.strategy_ids = strategies.iter().map(|(_, s)| s.id.clone()).collect();
    // A topic or strategy file that failed to parse still exists: its own problems say what is
    // wrong, and links to it are not also "unknown".
    v.topic_ids.extend(stems(&v.files, "content/topics/"));
    v.strategy_ids.extend(stems(&v.files, "content/strategies/"));
    for (fi, topic) in &topics {
        v.topic(*fi, topic);
    }
    for (fi, cmp) in &comparisons {
        v.comparison(*fi, cmp);
    }
    for (fi, slug, q) in &questions {
        v.question(*fi, slug, q);
    }
    for (fi, s) in &strategies {
        v.strategy(*fi, s);
    }
    let renamed = super::renames::check(&topics, &questions, &v.item_ids, &v.files);
    v.problems.extend(renamed);
    let mut catalog = Catalog::build(
        exam,
        topics.into_iter().map(|(_, t)| t).collect(),
        comparisons.into_iter().map(|(_, c)| c).collect(),
        questions.into_iter().map(|(_, _, q)| q).collect(),
        strategies.into_iter().map(|(_, s)| s).collect(),
        Vec::new(),
    );
    for (fi, deck) in &decks {
        v.deck(*fi, deck, &catalog);
    }
    if !v.problems.is_empty() {
        return Err(v.finish());
    }
    catalog.set_decks(decks.into_iter().map(|(_, d)| d).collect());
    Ok(catalog)
}

/// What the checks share: the files (to locate a problem), the problems found, and the ids
/// seen so far, so a reference or a duplicate can be checked across files.
#[derive(Default)]
struct Validator {
    files: Vec<FileText>,
    problems: Vec<Problem>,
    /// task id → domain number
    tasks: HashMap<String, u8>,
    /// domain slug → domain number
    slugs: HashMap<String, u8>,
    topic_ids: HashSet<String>,
    strategy_ids: HashSet<String>,
    /// item id → where it was first defined ("file:line:col")
    item_ids: HashMap<String, String>,
}

impl Validator {
    fn finish(mut self) -> Vec<Problem> {
        self.problems.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        self.problems.dedup();
        self.problems
    }

    /// Records a problem at `span` of file number `file` (always one of `files`: the walk
    /// registers a file before checking it).
    fn report(&mut self, file: usize, span: Range<usize>, message: impl Into<String>) {
        if let Some(f) = self.files.get(file) {
            self.problems.push(f.problem(span, message));
        }
    }

    /// "file:line:col" of `span` in file number `file`, for messages that name a first place.
    fn position(&self, file: usize, span: Range<usize>) -> String {
        self.files.get(file).map(|f| f.position(span)).unwrap_or_default()
    }

    /// Registers a reviewable item id, reporting a duplicate with both places.
    fn claim(&mut self, file: usize, span: Range<usize>, id: String) {
        let here = self.position(file, span.clone());
        if let Some(first) = self.item_ids.get(&id) {
            let msg = format!("duplicate id `{id}`: already defined at {first}");
            self.report(file, span, msg);
        } else {
            self.item_ids.insert(id, here);
        }
    }

    fn task_ref(&mut self, file: usize, task: &Spanned<String>) {
        if !self.tasks.contains_key(task.get_ref()) {
            let msg = format!("unknown task `{}`: tasks are 1.1 … 6.3 as listed in content/exam.toml", task.get_ref());
            self.report(file, task.span(), msg);
        }
    }

    fn topic_ref(&mut self, file: usize, topic: &Spanned<String>) {
        if !self.topic_ids.contains(topic.get_ref()) {
            let msg = format!("unknown topic `{}`: no file content/topics/{}.toml", topic.get_ref(), topic.get_ref());
            self.report(file, topic.span(), msg);
        }
    }

    fn exam(&mut self, fi: usize, exam: &Exam) {
        let total: u32 = exam.domains.iter().map(|d| d.weight).sum();
        if total != 100 {
            self.report(fi, 0..0, format!("domain weights add up to {total}, not 100"));
        }
        if exam.scored > exam.questions {
            self.report(fi, 0..0, "`scored` is larger than `questions`");
        }
        if !(exam.score_min..=exam.score_max).contains(&exam.passing_score) {
            self.report(fi, 0..0, "`passing_score` is outside `score_min`..`score_max`");
        }
        for domain in &exam.domains {
            let n = *domain.number.get_ref();
            if self.slugs.insert(domain.slug.clone(), n).is_some()
                || self.slugs.values().filter(|&&v| v == n).count() > 1
            {
                self.report(fi, domain.number.span(), format!("domain {n} or its slug is defined twice"));
            }
            if domain.tasks.is_empty() {
                self.report(fi, domain.number.span(), format!("domain {n} has no tasks"));
            }
            for task in &domain.tasks {
                let id = task.id.get_ref();
                if !id.starts_with(&format!("{n}.")) {
                    self.report(fi, task.id.span(), format!("task `{id}` does not start with its domain number {n}"));
                }
                if self.tasks.insert(id.clone(), n).is_some() {
                    self.report(fi, task.id.span(), format!("task `{id}` is defined twice"));
                }
            }
        }
    }

    fn strategy(&mut self, fi: usize, s: &Strategy) {
        if !(1..=5).contains(s.deploy_time.get_ref()) {
            self.report(fi, s.deploy_time.span(), "`deploy_time` is relative: 1 (fastest) to 5 (slowest)");
        }
        for t in &s.tasks {
            self.task_ref(fi, t);
        }
        for aws in &s.aws {
            self.topic_ref(fi, &aws.topic);
        }
        // A walkthrough clamps what it is given; a file that says 0 instances means a mistake.
        if s.params.fleet == Some(0) {
            let span = self.files.get(fi).map_or(0..0, |f| key_span(&f.text, "fleet"));
            self.report(fi, span, "`fleet = 0`: a walkthrough needs at least one instance");
        }
    }

    fn deck(&mut self, fi: usize, d: &Deck, catalog: &Catalog) {
        let r = *d.desired_retention.get_ref();
        if !(0.70..=0.99).contains(&r) {
            self.report(fi, d.desired_retention.span(), format!("desired_retention {r} is outside 0.70 … 0.99"));
        }
        let inc = &d.include;
        for dom in &inc.domains {
            if !self.slugs.values().any(|n| n == dom.get_ref()) {
                self.report(fi, dom.span(), format!("unknown domain {}", dom.get_ref()));
            }
        }
        for t in &inc.tasks {
            self.task_ref(fi, t);
        }
        for t in &inc.topics {
            self.topic_ref(fi, t);
        }
        for k in &inc.kinds {
            if ItemKind::from_name(k.get_ref()).is_none() {
                self.report(fi, k.span(), format!("unknown kind `{}`: card, table, sequence or question", k.get_ref()));
            }
        }
        if catalog.deck_items(d).next().is_none() {
            self.report(fi, 0..0, format!("deck `{}` selects nothing: loosen its [include] lists", d.id));
        }
    }
}
