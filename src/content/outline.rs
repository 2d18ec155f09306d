//! The part of a snapshot decoded at every start: exam, decks, the derived items, their id
//! order and the renames.
//!
//! Items repeat a few hundred names (task ids, topic ids, tags, sibling groups) tens of
//! thousands of times. The outline stores each name once and each item as indices; decoding
//! shares one [`Name`] per distinct string, so an item costs one allocation (its id) instead of
//! seven. At 100,000 items that was a quarter of `dopdeck due`.
//!
//! Reading goes straight from the bytes to the catalog's items ([`Decoded`]): each stored
//! record is decoded in place, its id borrowed from the bytes, and becomes an [`Item`] at once,
//! with no list of records in between.

use std::collections::HashMap;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::catalog::{Item, ItemKind, ItemSource, Name};
use super::id_table::IdTable;
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
/// indices into [`Outline::lists`]. Written with an owned id, read back with the id borrowed
/// from the snapshot's bytes (`ItemRecord<&str>`).
#[derive(Debug, Serialize, Deserialize)]
struct ItemRecord<Id> {
    id: Id,
    kind: ItemKind,
    task: u32,
    domain: u8,
    topics: u32,
    tags: u32,
    sibling: Option<u32>,
    source: ItemSource,
}

/// Everything of a catalog but its bodies, as a snapshot stores it.
#[derive(Debug, Serialize)]
pub(crate) struct Outline {
    pub exam: Exam,
    pub decks: Vec<(String, Deck)>,
    names: Vec<String>,
    lists: Vec<Vec<u32>>,
    items: Vec<ItemRecord<String>>,
    pub by_id: IdTable,
    pub renames: Vec<(String, String)>,
}

impl Outline {
    /// The outline of these parts.
    pub(crate) fn new(
        exam: Exam,
        decks: Vec<(String, Deck)>,
        items: &[Item],
        by_id: IdTable,
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
}

/// An [`Outline`] as read back: the same fields, with the items already built.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub exam: Exam,
    pub decks: Vec<(String, Deck)>,
    pub items: Vec<Item>,
    pub by_id: IdTable,
    pub renames: Vec<(String, String)>,
}

impl<'de> Deserialize<'de> for Decoded {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const FIELDS: &[&str] = &["exam", "decks", "names", "lists", "items", "by_id", "renames"];
        deserializer.deserialize_struct("Outline", FIELDS, OutlineVisitor)
    }
}

struct OutlineVisitor;

impl<'de> Visitor<'de> for OutlineVisitor {
    type Value = Decoded;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a catalog outline")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Decoded, A::Error> {
        let missing = || de::Error::custom("outline cut short");
        let exam = seq.next_element()?.ok_or_else(missing)?;
        let decks = seq.next_element()?.ok_or_else(missing)?;
        let names: Vec<&'de str> = seq.next_element()?.ok_or_else(missing)?;
        let names: Vec<Name> = names.into_iter().map(Arc::from).collect();
        let lists: Vec<Vec<u32>> = seq.next_element()?.ok_or_else(missing)?;
        let lists = lists
            .iter()
            .map(|l| l.iter().map(|&i| names.get(i as usize).cloned()).collect::<Option<Arc<[Name]>>>())
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| de::Error::custom("a list names an unknown name"))?;
        let items = seq.next_element_seed(Items { names: &names, lists: &lists })?.ok_or_else(missing)?;
        let by_id = seq.next_element()?.ok_or_else(missing)?;
        let renames = seq.next_element()?.ok_or_else(missing)?;
        Ok(Decoded { exam, decks, items, by_id, renames })
    }
}

/// Decodes the item records into items, resolving their names against the tables read before.
struct Items<'t> {
    names: &'t [Name],
    lists: &'t [Arc<[Name]>],
}

impl<'de> DeserializeSeed<'de> for Items<'_> {
    type Value = Vec<Item>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<Item>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items<'_> {
    type Value = Vec<Item>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("item records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Item>, A::Error> {
        let unknown = || de::Error::custom("an item names an unknown name");
        let name = |i: u32| self.names.get(i as usize).cloned().ok_or_else(unknown);
        let list = |i: u32| self.lists.get(i as usize).cloned().ok_or_else(unknown);
        // The length comes from the bytes: capped, so a damaged one cannot reserve gigabytes.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
        while let Some(r) = seq.next_element::<ItemRecord<&'de str>>()? {
            items.push(Item {
                id: r.id.to_string(),
                kind: r.kind,
                task: name(r.task)?,
                domain: r.domain,
                topics: list(r.topics)?,
                tags: list(r.tags)?,
                sibling: r.sibling.map(name).transpose()?,
                source: r.source,
            });
        }
        Ok(items)
    }
}
