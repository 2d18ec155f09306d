//! Deriving the reviewable items from the documents: written cards, table and comparison rows,
//! sequences and questions, each with its task, domain, topics, tags and sibling group.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::catalog::{Item, ItemKind, ItemSource, Name, domain_of_task};
use super::derive;
use super::schema::{Comparison, Exam, Question, Topic};

/// Every reviewable item of the material, in catalog order.
pub(super) fn derive_items(
    exam: &Exam,
    topics: &[Topic],
    comparisons: &[Comparison],
    questions: &[Question],
) -> Vec<Item> {
    let domain_of = |task: &str| domain_of_task(exam, task).unwrap_or(0);
    let mut items = Vec::new();
    let mut names = Interner::default();
    for (ti, topic) in topics.iter().enumerate() {
        let first_task = topic.tasks.first().map(|t| t.get_ref().clone()).unwrap_or_default();
        for (ci, card) in topic.cards.iter().enumerate() {
            let task = card.task.get_ref().clone();
            items.push(Item {
                id: format!("{}/{}", topic.id, card.id.get_ref()),
                kind: ItemKind::Card,
                domain: domain_of(&task),
                task: names.one(&task),
                topics: names.list(std::slice::from_ref(&topic.id)),
                tags: names.list(&card.tags),
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
                    task: names.one(&task),
                    topics: names.list(std::slice::from_ref(&topic.id)),
                    tags: names.list(&[format!("{:?}", table.kind).to_lowercase()]),
                    sibling: Some(names.one(&format!("{}/{}", topic.id, table.id.get_ref()))),
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
                task: names.one(&task),
                topics: names.list(std::slice::from_ref(&topic.id)),
                tags: names.list(&["ordering"]),
                sibling: Some(names.one(&id)),
                source: ItemSource::Sequence { topic: ti, sequence: si },
            });
        }
    }
    for (ci, cmp) in comparisons.iter().enumerate().filter(|(_, c)| c.cards) {
        let task = cmp.tasks.first().map(|t| t.get_ref().clone()).unwrap_or_default();
        for (row, id) in derive::comparison_row_ids(cmp).into_iter().enumerate() {
            items.push(Item {
                id,
                kind: ItemKind::Table,
                domain: domain_of(&task),
                task: names.one(&task),
                topics: names.list(&cmp.topics.iter().map(|t| t.get_ref().as_str()).collect::<Vec<_>>()),
                tags: names.list(&["comparison"]),
                sibling: Some(names.one(&cmp.id)),
                source: ItemSource::ComparisonRow { comparison: ci, row },
            });
        }
    }
    for (qi, q) in questions.iter().enumerate() {
        let task = q.task.get_ref().clone();
        items.push(Item {
            id: q.id.get_ref().clone(),
            kind: ItemKind::Question,
            domain: domain_of(&task),
            task: names.one(&task),
            topics: names.list(&q.topics.iter().map(|t| t.get_ref().as_str()).collect::<Vec<_>>()),
            tags: names.list(&q.tags),
            sibling: None,
            source: ItemSource::Question { question: qi },
        });
    }
    items
}

/// Hands out one shared [`Name`] per distinct string, and one shared list per distinct list:
/// items repeat a few hundred names (task ids, topic ids, tags, sibling groups) thousands of
/// times.
#[derive(Default)]
struct Interner {
    names: HashSet<Name>,
    lists: HashMap<Vec<Name>, Arc<[Name]>>,
}

impl Interner {
    /// The shared name for `s`.
    fn one(&mut self, s: &str) -> Name {
        if let Some(name) = self.names.get(s) {
            return Arc::clone(name);
        }
        let name: Name = Arc::from(s);
        self.names.insert(Arc::clone(&name));
        name
    }

    /// The shared list of `items`.
    fn list<S: AsRef<str>>(&mut self, items: &[S]) -> Arc<[Name]> {
        let key: Vec<Name> = items.iter().map(|s| self.one(s.as_ref())).collect();
        Arc::clone(self.lists.entry(key).or_insert_with_key(|k| k.iter().cloned().collect()))
    }
}
