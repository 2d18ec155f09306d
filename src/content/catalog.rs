//! The validated material, indexed for the engines.
//!
//! A [`Catalog`] is only ever built from a tree that passed validation, so lookups by id can
//! trust that references resolve. Every reviewable thing — written card, table-row card,
//! sequence card, question — is an [`Item`] with a stable id, its task and domain, the topics it
//! belongs to, and a sibling group (cards from one table or sequence are siblings, buried
//! together for the day).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::derive;
use super::schema::{Comparison, Deck, Exam, Question, Strategy, Topic};
use crate::text::letters::letter;

/// What kind of reviewable item this is; decks select by these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemSource {
    Card { topic: usize, card: usize },
    TableRow { topic: usize, table: usize, row: usize },
    ComparisonRow { comparison: usize, row: usize },
    Sequence { topic: usize, sequence: usize },
    Question { question: usize },
}

/// One reviewable thing.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    pub task: String,
    pub domain: u8,
    pub topics: Vec<String>,
    pub tags: Vec<String>,
    /// Items sharing a group are siblings (same table or sequence).
    pub sibling: Option<String>,
    pub source: ItemSource,
}

/// The question and answer of an item, as a reviewer sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub front: String,
    pub back: String,
}

/// The whole validated tree.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub exam: Exam,
    pub topics: Vec<Topic>,
    pub comparisons: Vec<Comparison>,
    pub questions: Vec<Question>,
    pub strategies: Vec<Strategy>,
    pub decks: Vec<Deck>,
    pub items: Vec<Item>,
    item_index: HashMap<String, usize>,
    topic_index: HashMap<String, usize>,
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
        let mut catalog = Catalog {
            exam,
            topics,
            comparisons,
            questions,
            strategies,
            decks,
            items: Vec::new(),
            item_index: HashMap::new(),
            topic_index: HashMap::new(),
        };
        catalog.topic_index = catalog.topics.iter().enumerate().map(|(i, t)| (t.id.clone(), i)).collect();
        catalog.items = catalog.derive_items();
        catalog.item_index = catalog.items.iter().enumerate().map(|(i, it)| (it.id.clone(), i)).collect();
        catalog
    }

    /// Attaches the decks once they have been validated against the items.
    pub(crate) fn set_decks(&mut self, mut decks: Vec<Deck>) {
        decks.sort_by(|a, b| a.id.cmp(&b.id));
        self.decks = decks;
    }

    fn derive_items(&self) -> Vec<Item> {
        let domain_of = |task: &str| self.domain_of_task(task).unwrap_or(0);
        let mut items = Vec::new();
        for (ti, topic) in self.topics.iter().enumerate() {
            let first_task = topic.tasks.first().map(|t| t.get_ref().clone()).unwrap_or_default();
            for (ci, card) in topic.cards.iter().enumerate() {
                let task = card.task.get_ref().clone();
                items.push(Item {
                    id: format!("{}/{}", topic.id, card.id.get_ref()),
                    kind: ItemKind::Card,
                    domain: domain_of(&task),
                    task,
                    topics: vec![topic.id.clone()],
                    tags: card.tags.clone(),
                    sibling: None,
                    source: ItemSource::Card { topic: ti, card: ci },
                });
            }
            for (tbi, table) in topic.tables.iter().enumerate().filter(|(_, t)| t.cards) {
                let task = table.task.as_ref().map_or(first_task.clone(), |t| t.get_ref().clone());
                for (row, id) in derive::table_row_ids(&topic.id, table).into_iter().enumerate() {
                    items.push(Item {
                        id,
                        kind: ItemKind::Table,
                        domain: domain_of(&task),
                        task: task.clone(),
                        topics: vec![topic.id.clone()],
                        tags: vec![format!("{:?}", table.kind).to_lowercase()],
                        sibling: Some(format!("{}/{}", topic.id, table.id.get_ref())),
                        source: ItemSource::TableRow { topic: ti, table: tbi, row },
                    });
                }
            }
            for (si, seq) in topic.sequences.iter().enumerate() {
                let task = seq.task.as_ref().map_or(first_task.clone(), |t| t.get_ref().clone());
                let id = format!("{}/{}", topic.id, seq.id.get_ref());
                items.push(Item {
                    id: id.clone(),
                    kind: ItemKind::Sequence,
                    domain: domain_of(&task),
                    task,
                    topics: vec![topic.id.clone()],
                    tags: vec!["ordering".to_string()],
                    sibling: Some(id),
                    source: ItemSource::Sequence { topic: ti, sequence: si },
                });
            }
        }
        for (ci, cmp) in self.comparisons.iter().enumerate().filter(|(_, c)| c.cards) {
            let task = cmp.tasks.first().map(|t| t.get_ref().clone()).unwrap_or_default();
            for (row, id) in derive::comparison_row_ids(cmp).into_iter().enumerate() {
                items.push(Item {
                    id,
                    kind: ItemKind::Table,
                    domain: domain_of(&task),
                    task: task.clone(),
                    topics: cmp.topics.iter().map(|t| t.get_ref().clone()).collect(),
                    tags: vec!["comparison".to_string()],
                    sibling: Some(cmp.id.clone()),
                    source: ItemSource::ComparisonRow { comparison: ci, row },
                });
            }
        }
        for (qi, q) in self.questions.iter().enumerate() {
            let task = q.task.get_ref().clone();
            items.push(Item {
                id: q.id.get_ref().clone(),
                kind: ItemKind::Question,
                domain: domain_of(&task),
                task,
                topics: q.topics.iter().map(|t| t.get_ref().clone()).collect(),
                tags: q.tags.clone(),
                sibling: None,
                source: ItemSource::Question { question: qi },
            });
        }
        items
    }

    /// The domain number a task id belongs to.
    pub fn domain_of_task(&self, task: &str) -> Option<u8> {
        self.exam.domains.iter().find(|d| d.tasks.iter().any(|t| t.id.get_ref() == task)).map(|d| *d.number.get_ref())
    }

    /// A topic by id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topic_index.get(id).and_then(|&i| self.topics.get(i))
    }

    /// A reviewable item by id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.item_index.get(id).and_then(|&i| self.items.get(i))
    }

    /// A deck by id.
    pub fn deck(&self, id: &str) -> Option<&Deck> {
        self.decks.iter().find(|d| d.id == id)
    }

    /// A question by id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id.get_ref() == id)
    }

    /// A comparison by id.
    pub fn comparison(&self, id: &str) -> Option<&Comparison> {
        self.comparisons.iter().find(|c| c.id == id)
    }

    /// A strategy by id.
    pub fn strategy(&self, id: &str) -> Option<&Strategy> {
        self.strategies.iter().find(|s| s.id == id)
    }

    /// The front and back of an item as text (empty for an item of another catalog: every
    /// item this catalog built points into it).
    pub fn prompt(&self, item: &Item) -> Prompt {
        self.try_prompt(item).unwrap_or_else(|| Prompt { front: String::new(), back: String::new() })
    }

    fn try_prompt(&self, item: &Item) -> Option<Prompt> {
        Some(match item.source {
            ItemSource::Card { topic, card } => {
                let c = self.topics.get(topic)?.cards.get(card)?;
                Prompt { front: c.front.clone(), back: c.back.clone() }
            }
            ItemSource::TableRow { topic, table, row } => {
                let t = self.topics.get(topic)?.tables.get(table)?;
                let (front, back) = derive::row_card(&t.title, &t.columns, t.rows.get(row)?.get_ref());
                Prompt { front, back }
            }
            ItemSource::ComparisonRow { comparison, row } => {
                let c = self.comparisons.get(comparison)?;
                let (front, back) = derive::row_card(&c.title, &c.columns, c.rows.get(row)?.get_ref());
                Prompt { front, back }
            }
            ItemSource::Sequence { topic, sequence } => {
                let s = self.topics.get(topic)?.sequences.get(sequence)?;
                let mut shuffled: Vec<&String> = s.steps.iter().collect();
                shuffled.sort_by_key(|step| derive::stable_hash(&format!("{}/{step}", item.id)));
                let front: Vec<String> = shuffled.iter().map(|st| format!("  • {st}")).collect();
                let back: Vec<String> = s.steps.iter().enumerate().map(|(i, st)| format!("{}. {st}", i + 1)).collect();
                Prompt { front: format!("Put in order: {}\n{}", s.title, front.join("\n")), back: back.join("\n") }
            }
            ItemSource::Question { question } => {
                let q = self.questions.get(question)?;
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
    pub fn deck_selects(&self, deck: &Deck, item: &Item) -> bool {
        let inc = &deck.include;
        (inc.domains.is_empty() || inc.domains.iter().any(|d| *d.get_ref() == item.domain))
            && (inc.tasks.is_empty() || inc.tasks.iter().any(|t| *t.get_ref() == item.task))
            && (inc.topics.is_empty() || inc.topics.iter().any(|t| item.topics.contains(t.get_ref())))
            && (inc.tags.is_empty() || inc.tags.iter().any(|t| item.tags.contains(t)))
            && (inc.kinds.is_empty() || inc.kinds.iter().any(|k| k.get_ref() == item.kind.name()))
    }

    /// The items a deck selects, in catalog order.
    pub fn deck_items<'a>(&'a self, deck: &'a Deck) -> impl Iterator<Item = &'a Item> + 'a {
        self.items.iter().filter(move |it| self.deck_selects(deck, it))
    }

    /// Counts of everything, for `dopdeck check`.
    pub fn counts(&self) -> Counts {
        let mut tasks: BTreeMap<String, TaskCounts> = self
            .exam
            .domains
            .iter()
            .flat_map(|d| d.tasks.iter().map(|t| (t.id.get_ref().clone(), TaskCounts::default())))
            .collect();
        let mut cards = CardCounts::default();
        for item in &self.items {
            let entry = tasks.entry(item.task.clone()).or_default();
            match item.kind {
                ItemKind::Card => {
                    cards.written += 1;
                    entry.cards += 1;
                }
                ItemKind::Table | ItemKind::Sequence => {
                    cards.derived += 1;
                    entry.derived += 1;
                }
                ItemKind::Question => entry.questions += 1,
            }
        }
        let mut domains: BTreeMap<String, TaskCounts> = BTreeMap::new();
        for (task, c) in &tasks {
            if let Some(d) = self.domain_of_task(task) {
                let e = domains.entry(d.to_string()).or_default();
                e.cards += c.cards;
                e.derived += c.derived;
                e.questions += c.questions;
            }
        }
        Counts {
            topics: self.topics.len(),
            cards,
            questions: self.questions.len(),
            multiple_response: self.questions.iter().filter(|q| *q.choose.get_ref() >= 2).count(),
            tables: self.topics.iter().map(|t| t.tables.len()).sum(),
            comparisons: self.comparisons.len(),
            sequences: self.topics.iter().map(|t| t.sequences.len()).sum(),
            strategies: self.strategies.len(),
            decks: self.decks.len(),
            items: self.items.len(),
            tasks,
            domains,
        }
    }
}

/// Written and derived card totals.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct CardCounts {
    pub written: usize,
    pub derived: usize,
}

/// Per-task (or per-domain) counts.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct TaskCounts {
    /// Written cards.
    pub cards: usize,
    /// Cards derived from tables and sequences.
    pub derived: usize,
    pub questions: usize,
}

/// Everything `dopdeck check --json` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub topics: usize,
    pub cards: CardCounts,
    pub questions: usize,
    pub multiple_response: usize,
    pub tables: usize,
    pub comparisons: usize,
    pub sequences: usize,
    pub strategies: usize,
    pub decks: usize,
    pub items: usize,
    pub tasks: BTreeMap<String, TaskCounts>,
    pub domains: BTreeMap<String, TaskCounts>,
}
