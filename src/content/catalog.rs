//! The validated material, indexed for the engines.
//!
//! A [`Catalog`] is only ever built from a tree that passed validation, so lookups by id can
//! trust that references resolve. Every reviewable thing — written card, table-row card,
//! sequence card, question — is an [`Item`] with a stable id, its task and domain, the topics it
//! belongs to, and a sibling group (cards from one table or sequence are siblings, buried
//! together for the day).

use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::derive;
use super::id_table::IdTable;
use super::item_table::{ItemRef, ItemTable};
use super::items::derive_items;
use super::lazy::Lazy;
use super::schema::{Comparison, Deck, Exam, Question, Strategy, Topic};
use super::snapshot::Outline;
use crate::text::letters::letter;

/// What kind of reviewable item this is; decks select by these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A written `[[card]]`.
    Card,
    /// Derived from a row of a topic table or a comparison.
    Table,
    /// An ordering card derived from a `[[sequence]]`.
    Sequence,
    /// A scenario question; it becomes a review item once answered.
    Question,
}

impl ItemKind {
    /// The name used in deck `kinds` lists.
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Card => "card",
            ItemKind::Table => "table",
            ItemKind::Sequence => "sequence",
            ItemKind::Question => "question",
        }
    }

    /// Parses a deck `kinds` entry.
    pub fn from_name(name: &str) -> Option<Self> {
        [ItemKind::Card, ItemKind::Table, ItemKind::Sequence, ItemKind::Question].into_iter().find(|k| k.name() == name)
    }
}

/// Where an item's content lives, as indices into the catalog's vectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemSource {
    Card { topic: usize, card: usize },
    TableRow { topic: usize, table: usize, row: usize },
    ComparisonRow { comparison: usize, row: usize },
    Sequence { topic: usize, sequence: usize },
    Question { question: usize },
}

/// A name many items share (a task id, topic id, tag or sibling group): one allocation per
/// distinct string, not one per item (see `content::items`).
pub type Name = Arc<str>;

/// One reviewable thing.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    pub task: Name,
    pub domain: u8,
    pub topics: Arc<[Name]>,
    pub tags: Arc<[Name]>,
    /// Items sharing a group are siblings (same table or sequence).
    pub sibling: Option<Name>,
    pub source: ItemSource,
}

impl Item {
    /// Whether the item belongs to topic `id`.
    pub fn has_topic(&self, id: &str) -> bool {
        self.topics.iter().any(|t| &**t == id)
    }
}

/// The question and answer of an item, as a reviewer sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub front: String,
    pub back: String,
}

/// The whole validated tree.
///
/// The item list, decks and exam outline are always at hand; the bodies (topic pages,
/// comparisons, questions, strategies) of a catalog read from a snapshot are decoded the first
/// time one is read (see `content::lazy`), so a command that never shows one never pays for it.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub exam: Exam,
    pub decks: Vec<Deck>,
    /// The items as the snapshot stores them, read in place (see `content::item_table`).
    table: ItemTable,
    /// The owned items, built from the table when first asked for (see [`Catalog::items`]).
    items: OnceLock<Vec<Item>>,
    topics: Lazy<Vec<Topic>>,
    comparisons: Lazy<Vec<Comparison>>,
    questions: Lazy<Vec<Question>>,
    strategies: Lazy<Vec<Strategy>>,
    /// Item indices by the hash of their id (see `content::id_table`): stored in the snapshot,
    /// so no map of 100k cloned ids is built at start-up.
    by_id: IdTable,
}

/// The items of a catalog as [`ItemRef`]s (see [`Catalog::item_refs`]).
#[derive(Debug, Clone)]
pub struct ItemRefs<'a> {
    source: Source<'a>,
    next: usize,
    len: usize,
}

#[derive(Debug, Clone, Copy)]
enum Source<'a> {
    Owned(&'a [Item]),
    Table(&'a ItemTable),
}

impl<'a> Iterator for ItemRefs<'a> {
    type Item = ItemRef<'a>;

    fn next(&mut self) -> Option<ItemRef<'a>> {
        let item = match self.source {
            Source::Owned(items) => items.get(self.next).map(ItemRef::from),
            Source::Table(table) => table.get(self.next),
        }?;
        self.next += 1;
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.len.saturating_sub(self.next);
        (left, Some(left))
    }
}

impl ExactSizeIterator for ItemRefs<'_> {}

/// The four body sections, ready or still encoded.
pub(crate) struct Bodies {
    pub topics: Lazy<Vec<Topic>>,
    pub comparisons: Lazy<Vec<Comparison>>,
    pub questions: Lazy<Vec<Question>>,
    pub strategies: Lazy<Vec<Strategy>>,
}

impl Catalog {
    /// Indexes validated documents. Sorted by id so every listing is stable.
    pub(crate) fn build(
        exam: Exam,
        mut topics: Vec<Topic>,
        mut comparisons: Vec<Comparison>,
        mut questions: Vec<Question>,
        mut strategies: Vec<Strategy>,
        mut decks: Vec<Deck>,
    ) -> Self {
        topics.sort_by(|a, b| a.id.cmp(&b.id));
        comparisons.sort_by(|a, b| a.id.cmp(&b.id));
        questions.sort_by(|a, b| a.id.get_ref().cmp(b.id.get_ref()));
        strategies.sort_by(|a, b| a.id.cmp(&b.id));
        decks.sort_by(|a, b| a.id.cmp(&b.id));
        let items = derive_items(&exam, &topics, &comparisons, &questions);
        let by_id = IdTable::build(items.iter().map(|it| it.id.as_str()));
        let renames = super::renames::pairs(&topics, &questions, &items);
        Catalog {
            exam,
            decks,
            table: ItemTable::build(&items, &renames),
            items: OnceLock::from(items),
            topics: Lazy::ready(topics),
            comparisons: Lazy::ready(comparisons),
            questions: Lazy::ready(questions),
            strategies: Lazy::ready(strategies),
            by_id,
        }
    }

    /// A catalog from a snapshot's outline, its item table and its (possibly still encoded)
    /// bodies.
    pub(crate) fn from_outline(outline: Outline, table: ItemTable, bodies: Bodies) -> Self {
        let decks = outline
            .decks
            .into_iter()
            .map(|(id, mut d)| {
                d.id = id;
                d
            })
            .collect();
        Catalog {
            exam: outline.exam,
            decks,
            table,
            items: OnceLock::new(),
            topics: bodies.topics,
            comparisons: bodies.comparisons,
            questions: bodies.questions,
            strategies: bodies.strategies,
            by_id: outline.by_id,
        }
    }

    /// The outline a snapshot stores (see [`Catalog::from_outline`]).
    pub(crate) fn outline(&self) -> Outline {
        Outline {
            exam: self.exam.clone(),
            decks: self.decks.iter().map(|d| (d.id.clone(), d.clone())).collect(),
            shape: self.table.parts().2.clone(),
            by_id: self.by_id.clone(),
        }
    }

    /// The item table a snapshot stores beside the outline.
    pub(crate) fn item_table(&self) -> &ItemTable {
        &self.table
    }

    /// Every reviewable item, in catalog order (sorted by source, then id).
    ///
    /// A catalog read from a snapshot builds these the first time they are asked for; a short
    /// command reads [`Catalog::item_refs`] instead and never builds them.
    pub fn items(&self) -> &[Item] {
        self.items.get_or_init(|| self.table.to_items())
    }

    /// Whether the owned items have been built: a short command should read the items in
    /// place instead.
    pub fn items_built(&self) -> bool {
        self.items.get().is_some()
    }

    /// Every item, in the order of [`Catalog::items`]: borrowed from the owned items once they
    /// are built (a long-running shell reads them again and again), else read in place.
    pub fn item_refs(&self) -> ItemRefs<'_> {
        let source = match self.items.get() {
            Some(items) => Source::Owned(items),
            None => Source::Table(&self.table),
        };
        ItemRefs { source, next: 0, len: self.table.len() }
    }

    /// How many items there are.
    pub fn item_count(&self) -> usize {
        self.table.len()
    }

    /// The item `id`, read in place.
    pub fn item_ref(&self, id: &str) -> Option<ItemRef<'_>> {
        self.position(id).and_then(|i| self.table.get(i))
    }

    /// The item at `position` (see [`Catalog::position`]).
    pub fn item_at(&self, position: usize) -> Option<ItemRef<'_>> {
        match self.items.get() {
            Some(items) => items.get(position).map(ItemRef::from),
            None => self.table.get(position),
        }
    }

    /// Attaches the decks once they have been validated against the items.
    pub(crate) fn set_decks(&mut self, mut decks: Vec<Deck>) {
        decks.sort_by(|a, b| a.id.cmp(&b.id));
        self.decks = decks;
    }

    /// Every topic page, sorted by id.
    pub fn topics(&self) -> &[Topic] {
        self.topics.get()
    }

    /// Every comparison, sorted by id.
    pub fn comparisons(&self) -> &[Comparison] {
        self.comparisons.get()
    }

    /// Every question, sorted by id.
    pub fn questions(&self) -> &[Question] {
        self.questions.get()
    }

    /// Every deployment strategy, sorted by id.
    pub fn strategies(&self) -> &[Strategy] {
        self.strategies.get()
    }

    /// The questions, for changing them (tests build odd catalogs this way). Items derived
    /// from questions are not re-derived.
    pub fn questions_mut(&mut self) -> &mut Vec<Question> {
        self.questions.get_mut()
    }

    /// Whether the topic pages have been decoded: a command that does not show one should
    /// leave them encoded.
    pub fn bodies_decoded(&self) -> bool {
        self.topics.is_decoded() || self.questions.is_decoded()
    }

    /// Every `(old item id, new item id)` pair the material declares, table rows expanded.
    ///
    /// Sorted, so the list (and a fingerprint of it) is the same on every build.
    pub fn renames(&self) -> Vec<(&str, &str)> {
        self.table.renames()
    }

    /// The domain number a task id belongs to.
    pub fn domain_of_task(&self, task: &str) -> Option<u8> {
        domain_of_task(&self.exam, task)
    }

    /// A topic by id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        let topics = self.topics();
        topics.binary_search_by(|t| t.id.as_str().cmp(id)).ok().and_then(|i| topics.get(i))
    }

    /// A reviewable item by id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.position(id).and_then(|i| self.items().get(i))
    }

    /// Where the item `id` is in [`Catalog::items`].
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.find(id, |i| self.table.id(i))
    }

    /// A deck by id.
    pub fn deck(&self, id: &str) -> Option<&Deck> {
        self.decks.iter().find(|d| d.id == id)
    }

    /// A question by id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        let questions = self.questions();
        questions.binary_search_by(|q| q.id.get_ref().as_str().cmp(id)).ok().and_then(|i| questions.get(i))
    }

    /// A comparison by id.
    pub fn comparison(&self, id: &str) -> Option<&Comparison> {
        self.comparisons().iter().find(|c| c.id == id)
    }

    /// A strategy by id.
    pub fn strategy(&self, id: &str) -> Option<&Strategy> {
        self.strategies().iter().find(|s| s.id == id)
    }

    /// The front and back of an item as text (empty for an item of another catalog: every
    /// item this catalog built points into it).
    pub fn prompt(&self, item: &Item) -> Prompt {
        self.try_prompt(item).unwrap_or_else(|| Prompt { front: String::new(), back: String::new() })
    }

    fn try_prompt(&self, item: &Item) -> Option<Prompt> {
        Some(match item.source {
            ItemSource::Card { topic, card } => {
                let c = self.topics().get(topic)?.cards.get(card)?;
                Prompt { front: c.front.clone(), back: c.back.clone() }
            }
            ItemSource::TableRow { topic, table, row } => {
                let t = self.topics().get(topic)?.tables.get(table)?;
                let (front, back) = derive::row_card(&t.title, &t.columns, t.rows.get(row)?.get_ref());
                Prompt { front, back }
            }
            ItemSource::ComparisonRow { comparison, row } => {
                let c = self.comparisons().get(comparison)?;
                let (front, back) = derive::row_card(&c.title, &c.columns, c.rows.get(row)?.get_ref());
                Prompt { front, back }
            }
            ItemSource::Sequence { topic, sequence } => {
                let s = self.topics().get(topic)?.sequences.get(sequence)?;
                let mut shuffled: Vec<&String> = s.steps.iter().collect();
                shuffled.sort_by_key(|step| derive::stable_hash(&format!("{}/{step}", item.id)));
                let front: Vec<String> = shuffled.iter().map(|st| format!("  • {st}")).collect();
                let back: Vec<String> = s.steps.iter().enumerate().map(|(i, st)| format!("{}. {st}", i + 1)).collect();
                Prompt { front: format!("Put in order: {}\n{}", s.title, front.join("\n")), back: back.join("\n") }
            }
            ItemSource::Question { question } => {
                let q = self.questions().get(question)?;
                let options: Vec<String> = q
                    .options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| format!("  {}) {}", letter(i), o.get_ref().text))
                    .collect();
                let choose =
                    if *q.choose.get_ref() > 1 { format!("\n(choose {})", q.choose.get_ref()) } else { String::new() };
                let correct: Vec<String> = q
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.get_ref().correct)
                    .map(|(i, o)| format!("{}) {}", letter(i), o.get_ref().text))
                    .collect();
                Prompt {
                    front: format!("{}\n{}{choose}", q.stem.trim(), options.join("\n")),
                    back: format!("{}\n\n{}", correct.join("\n"), q.explanation.trim()),
                }
            }
        })
    }

    /// Whether `item` is selected by `deck`.
    pub fn deck_selects<'a>(&self, deck: &Deck, item: impl Into<ItemRef<'a>>) -> bool {
        let item = item.into();
        let inc = &deck.include;
        (inc.domains.is_empty() || inc.domains.iter().any(|d| *d.get_ref() == item.domain))
            && (inc.tasks.is_empty() || inc.tasks.iter().any(|t| t.get_ref().as_str() == item.task))
            && (inc.topics.is_empty() || inc.topics.iter().any(|t| item.has_topic(t.get_ref())))
            && (inc.tags.is_empty() || inc.tags.iter().any(|t| item.tags.contains(t)))
            && (inc.kinds.is_empty() || inc.kinds.iter().any(|k| k.get_ref() == item.kind.name()))
    }

    /// The items a deck selects, in catalog order.
    pub fn deck_items<'a>(&'a self, deck: &'a Deck) -> impl Iterator<Item = &'a Item> + 'a {
        self.items().iter().filter(move |it| self.deck_selects(deck, *it))
    }
}

/// The domain number a task id belongs to.
pub(super) fn domain_of_task(exam: &Exam, task: &str) -> Option<u8> {
    exam.domains.iter().find(|d| d.tasks.iter().any(|t| t.id.get_ref() == task)).map(|d| *d.number.get_ref())
}
