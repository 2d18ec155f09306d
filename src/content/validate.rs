//! Cross-file checks: references, ids, exam format, and the rules a parser cannot see.
//!
//! Runs after every file has been parsed, over whatever parsed, and reports every problem with
//! the location of the offending value. Duplicates name both places. A tree that passes becomes a
//! [`Catalog`].

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::spanned::Spanned;

use super::catalog::{Catalog, ItemKind};
use super::derive;
use super::locate::{key_span, stems};
use super::parse::{Doc, ParsedFile, is_id};
use super::problem::{FileText, Problem};
use super::schema::{Comparison, Deck, Exam, Question, Strategy, Table, TableKind, Topic};
use crate::text::letters::MAX_OPTIONS;

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

    fn report(&mut self, file: usize, span: Range<usize>, message: impl Into<String>) {
        let problem = self.files[file].problem(span, message);
        self.problems.push(problem);
    }

    /// Registers a reviewable item id, reporting a duplicate with both places.
    fn claim(&mut self, file: usize, span: Range<usize>, id: String) {
        let here = self.files[file].position(span.clone());
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

    fn topic(&mut self, fi: usize, t: &Topic) {
        if t.tasks.is_empty() {
            self.report(fi, 0..0, "`tasks` is empty: name at least one task this topic serves");
        }
        for task in &t.tasks {
            self.task_ref(fi, task);
        }
        if t.docs.is_empty() {
            self.report(fi, 0..0, "`docs` is empty: cite at least one documentation page");
        }
        for rel in &t.related {
            self.topic_ref(fi, rel);
        }
        if t.summary.trim().is_empty() {
            self.report(fi, 0..0, "`summary` is empty");
        }
        // Cards and sequences share one id namespace; check them in file order so a duplicate
        // is reported where it appears second.
        let mut locals: Vec<(&Spanned<String>, &str)> = t.cards.iter().map(|c| (&c.id, "card")).collect();
        locals.extend(t.sequences.iter().map(|s| (&s.id, "sequence")));
        locals.sort_by_key(|(id, _)| id.span().start);
        let mut local: HashMap<&str, Range<usize>> = HashMap::new();
        for (id, what) in locals {
            if self.local_id(fi, id, &mut local, what) {
                self.claim(fi, id.span(), format!("{}/{}", t.id, id.get_ref()));
            }
        }
        for card in &t.cards {
            self.task_ref(fi, &card.task);
            if card.front.trim().is_empty() || card.back.trim().is_empty() {
                self.report(fi, card.id.span(), format!("card `{}` has an empty front or back", card.id.get_ref()));
            }
        }
        for seq in &t.sequences {
            if let Some(task) = &seq.task {
                self.task_ref(fi, task);
            }
            if seq.steps.len() < 2 {
                self.report(fi, seq.id.span(), format!("sequence `{}` needs at least two steps", seq.id.get_ref()));
            }
        }
        let mut tables: HashMap<&str, Range<usize>> = HashMap::new();
        for table in &t.tables {
            self.local_id(fi, &table.id, &mut tables, "table");
            self.table(fi, &t.id, table);
        }
    }

    /// Checks a topic-local id's form and uniqueness; false if it duplicates an earlier one.
    fn local_id<'a>(
        &mut self,
        fi: usize,
        id: &'a Spanned<String>,
        seen: &mut HashMap<&'a str, Range<usize>>,
        what: &str,
    ) -> bool {
        if !is_id(id.get_ref()) {
            let msg = format!("{what} id `{}` is not valid: use lower-case letters, digits and `-`", id.get_ref());
            self.report(fi, id.span(), msg);
        }
        if let Some(first) = seen.get(id.get_ref().as_str()) {
            let at = self.files[fi].position(first.clone());
            self.report(fi, id.span(), format!("duplicate {what} id `{}`: already used at {at}", id.get_ref()));
            false
        } else {
            seen.insert(id.get_ref(), id.span());
            true
        }
    }

    fn table(&mut self, fi: usize, topic: &str, table: &Table) {
        let at = table.id.span();
        let name = table.id.get_ref();
        if let Some(task) = &table.task {
            self.task_ref(fi, task);
        }
        if table.kind == TableKind::Limits && table.as_of.is_none() {
            self.report(
                fi,
                at.clone(),
                format!("limits table `{name}` has no `as_of`: say when its figures were checked"),
            );
        }
        if table.source.is_none() {
            self.report(fi, at.clone(), format!("table `{name}` has no `source`: cite the page its figures come from"));
        }
        self.rows(fi, at, name, &table.columns, &table.rows);
        if table.cards {
            for (row, id) in table.rows.iter().zip(derive::table_row_ids(topic, table)) {
                self.row_id(fi, row, id);
            }
        }
    }

    fn rows(&mut self, fi: usize, at: Range<usize>, name: &str, columns: &[String], rows: &[Spanned<Vec<String>>]) {
        if columns.len() < 2 {
            self.report(fi, at.clone(), format!("table `{name}` needs at least two columns"));
        }
        if rows.is_empty() {
            self.report(fi, at, format!("table `{name}` has no rows"));
        }
        for row in rows {
            let n = row.get_ref().len();
            if n != columns.len() {
                let msg = format!("row has {n} cells but table `{name}` has {} columns", columns.len());
                self.report(fi, row.span(), msg);
            }
        }
    }

    fn row_id(&mut self, fi: usize, row: &Spanned<Vec<String>>, id: String) {
        if id.ends_with('/') {
            self.report(
                fi,
                row.span(),
                "the first cell of a row that becomes a card needs letters or digits (it names the card)",
            );
        } else {
            self.claim(fi, row.span(), id);
        }
    }

    fn comparison(&mut self, fi: usize, c: &Comparison) {
        if self.topic_ids.contains(&c.id) {
            self.report(fi, 0..0, format!("comparison id `{}` is also a topic id: rename the file", c.id));
        }
        if c.topics.len() < 2 {
            self.report(fi, 0..0, "a comparison names at least two `topics`");
        }
        for t in &c.topics {
            self.topic_ref(fi, t);
        }
        if c.tasks.is_empty() {
            self.report(fi, 0..0, "`tasks` is empty: name at least one task");
        }
        for t in &c.tasks {
            self.task_ref(fi, t);
        }
        if c.as_of.is_none() {
            self.report(fi, 0..0, "comparison has no `as_of`: say when its facts were checked");
        }
        if c.source.is_none() {
            self.report(fi, 0..0, "comparison has no `source`: cite the page its facts come from");
        }
        self.rows(fi, 0..0, &c.id, &c.columns, &c.rows);
        if c.cards {
            for (row, id) in c.rows.iter().zip(derive::comparison_row_ids(c)) {
                self.row_id(fi, row, id);
            }
        }
    }

    fn question(&mut self, fi: usize, slug: &str, q: &Question) {
        let id = q.id.get_ref();
        if !(id.starts_with("q-") && is_id(id)) {
            self.report(
                fi,
                q.id.span(),
                format!("question id `{id}` is not valid: use q-<domain-slug>-<name>, lower-case"),
            );
        }
        self.claim(fi, q.id.span(), id.clone());
        self.task_ref(fi, &q.task);
        if let (Some(&task_domain), Some(&folder_domain)) = (self.tasks.get(q.task.get_ref()), self.slugs.get(slug)) {
            if task_domain != folder_domain {
                let msg = format!(
                    "question `{id}` is for task {} (domain {task_domain}) but sits in the folder of domain {folder_domain}",
                    q.task.get_ref()
                );
                self.report(fi, q.task.span(), msg);
            }
        } else if !self.slugs.contains_key(slug) {
            let mut known: Vec<&String> = self.slugs.keys().collect();
            known.sort();
            self.report(fi, q.id.span(), format!("folder `{slug}` is not a domain slug (one of {known:?})"));
        }
        if q.topics.is_empty() {
            self.report(fi, q.id.span(), format!("question `{id}` names no topics"));
        }
        for t in &q.topics {
            self.topic_ref(fi, t);
        }
        for s in &q.strategies {
            if !self.strategy_ids.contains(s.get_ref()) {
                self.report(fi, s.span(), format!("unknown strategy `{}`", s.get_ref()));
            }
        }
        if q.refs.is_empty() {
            self.report(fi, q.id.span(), format!("question `{id}` has no `refs`: cite the documentation"));
        }
        self.question_format(fi, q);
    }

    fn question_format(&mut self, fi: usize, q: &Question) {
        let id = q.id.get_ref();
        let choose = *q.choose.get_ref() as usize;
        let options = q.options.len();
        let correct = q.options.iter().filter(|o| o.get_ref().correct).count();
        let at = q.choose.span();
        match choose {
            0 => self.report(fi, at.clone(), format!("question `{id}`: `choose` must be 1 or more")),
            1 if options != 4 => self.report(
                fi,
                at.clone(),
                format!("question `{id}`: multiple choice (choose = 1) has exactly 4 options, not {options}"),
            ),
            n if n >= 2 && options < 5 => self.report(
                fi,
                at.clone(),
                format!("question `{id}`: multiple response (choose = {n}) has 5 or more options, not {options}"),
            ),
            _ => {}
        }
        if options > MAX_OPTIONS {
            // Every shell names options by letter; an 11th would have none (and once panicked).
            let msg = format!("question `{id}` has {options} options; at most {MAX_OPTIONS} (A–J) can be shown");
            self.report(fi, at.clone(), msg);
        }
        if choose > 0 && correct != choose {
            let msg = format!("question `{id}`: choose = {choose} but {correct} options are marked correct");
            self.report(fi, at, msg);
        }
        let mut texts = HashSet::new();
        for (i, opt) in q.options.iter().enumerate() {
            let o = opt.get_ref();
            if o.why.as_deref().is_none_or(|w| w.trim().is_empty()) {
                let msg = format!(
                    "question `{id}`: option {} has no `why`: every option explains why it is right or wrong",
                    i + 1
                );
                self.report(fi, opt.span(), msg);
            }
            if !texts.insert(o.text.trim()) {
                self.report(fi, opt.span(), format!("question `{id}`: option {} repeats another option's text", i + 1));
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
            let span = key_span(&self.files[fi].text, "fleet");
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
