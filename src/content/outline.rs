//! The part of a snapshot decoded at every start: exam, decks, the derived items, their id
//! order and the renames.
//!
//! Items repeat a few hundred names (task ids, topic ids, tags, sibling groups) tens of
//! thousands of times. The outline stores each name once and each item as indices; decoding
//! shares one [`Name`] per distinct string, so an item costs one allocation (its id) instead of
//! seven. At 100,000 items that was a quarter of `dopdeck due`.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::catalog::{Item, ItemKind, ItemSource, Name};
use super::schema::{Deck, Exam};

/// Hands out one shared [`Name`] per distinct string, and one shared list per distinct list.
#[derive(Default)]
pub(crate) struct Interner {
    names: HashMap<Name, u32>,
    table: Vec<Name>,
    lists: HashMap<Vec<u32>, u32>,
    list_table: Vec<Arc<[Name]>>,
    list_indices: Vec<Vec<u32>>,
}

impl Interner {
    /// The shared name for `s`.
    pub(crate) fn one(&mut self, s: &str) -> Name {
        let at = self.index(s);
        self.table.get(at as usize).cloned().unwrap_or_else(|| Arc::from(s))
    }

    /// The shared list of `items`.
    pub(crate) fn list<S: AsRef<str>>(&mut self, items: &[S]) -> Arc<[Name]> {
        let at = self.list_index(items);
        self.list_table.get(at as usize).cloned().unwrap_or_else(|| Arc::from(Vec::new()))
    }

    fn index(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.names.get(s) {
            return i;
        }
        let name: Name = Arc::from(s);
        let i = u32::try_from(self.table.len()).unwrap_or(u32::MAX);
        self.names.insert(name.clone(), i);
        self.table.push(name);
        i
    }

    fn list_index<S: AsRef<str>>(&mut self, items: &[S]) -> u32 {
        let key: Vec<u32> = items.iter().map(|s| self.index(s.as_ref())).collect();
        if let Some(&i) = self.lists.get(&key) {
            return i;
        }
        let list: Arc<[Name]> = key.iter().filter_map(|&n| self.table.get(n as usize).cloned()).collect();
        let i = u32::try_from(self.list_table.len()).unwrap_or(u32::MAX);
        self.lists.insert(key.clone(), i);
        self.list_table.push(list);
        self.list_indices.push(key);
        i
    }
}

/// An item as the outline stores it: names as indices into [`Outline::names`], lists as
/// indices into [`Outline::lists`].
#[derive(Debug, Serialize, Deserialize)]
struct ItemRecord {
    id: String,
    kind: ItemKind,
    task: u32,
    domain: u8,
    topics: u32,
    tags: u32,
    sibling: Option<u32>,
    source: ItemSource,
}

/// Everything of a catalog but its bodies, as a snapshot stores it.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Outline {
    pub exam: Exam,
    pub decks: Vec<(String, Deck)>,
    names: Vec<String>,
    lists: Vec<Vec<u32>>,
    items: Vec<ItemRecord>,
    pub by_id: Vec<u32>,
    pub renames: Vec<(String, String)>,
}

impl Outline {
    /// The outline of these parts.
    pub(crate) fn new(
        exam: Exam,
        decks: Vec<(String, Deck)>,
        items: &[Item],
        by_id: Vec<u32>,
        renames: Vec<(String, String)>,
    ) -> Outline {
        let mut interner = Interner::default();
        let records = items
            .iter()
            .map(|item| ItemRecord {
                id: item.id.clone(),
                kind: item.kind,
                task: interner.index(&item.task),
                domain: item.domain,
                topics: interner.list_index(&item.topics),
                tags: interner.list_index(&item.tags),
                sibling: item.sibling.as_deref().map(|s| interner.index(s)),
                source: item.source,
            })
            .collect();
        Outline {
            exam,
            decks,
            names: interner.table.iter().map(|n| n.to_string()).collect(),
            lists: interner.list_indices,
            items: records,
            by_id,
            renames,
        }
    }

    /// The items, sharing one [`Name`] per distinct string; `None` if an index is out of range
    /// (a snapshot this build did not write).
    pub(crate) fn take_items(&mut self) -> Option<Vec<Item>> {
        let names: Vec<Name> = self.names.iter().map(|s| Arc::from(s.as_str())).collect();
        let name = |i: u32| names.get(i as usize).cloned();
        let lists: Vec<Arc<[Name]>> = self
            .lists
            .iter()
            .map(|l| l.iter().map(|&i| name(i)).collect::<Option<Arc<[Name]>>>())
            .collect::<Option<_>>()?;
        let list = |i: u32| lists.get(i as usize).cloned();
        std::mem::take(&mut self.items)
            .into_iter()
            .map(|r| {
                Some(Item {
                    id: r.id,
                    kind: r.kind,
                    task: name(r.task)?,
                    domain: r.domain,
                    topics: list(r.topics)?,
                    tags: list(r.tags)?,
                    sibling: match r.sibling {
                        Some(i) => Some(name(i)?),
                        None => None,
                    },
                    source: r.source,
                })
            })
            .collect()
    }
}
