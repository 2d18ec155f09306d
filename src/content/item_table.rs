//! The catalog's items as three flat arrays, read in place: what a short command needs of
//! 100,000 items without building 100,000 of anything.
//!
//! `dopdeck due` and `dopdeck grade` spent most of their start-up turning the snapshot's item
//! records into [`Item`]s: an allocation for every id, shared names counted up four times an
//! item, a 128-byte struct each, and a page fault for every 4 KiB of all that. Here the items
//! stay as the snapshot stores them:
//!
//! - `strings`: every id, name and renamed id, once, as one UTF-8 string (checked once);
//! - `records`: one fixed-width record per item ([`RECORD`] bytes: where its id is, its names
//!   and lists as indices, kind, domain and source), so item `i` is found without a scan;
//! - the [`Shape`]: where each name and each list of names is, and the renames.
//!
//! [`ItemTable::get`] hands out an [`ItemRef`] borrowed from these arrays. The owned [`Item`]s
//! the rest of the program uses are built from the table only when something first asks for
//! them (see `Catalog::items`). A table read from a snapshot is checked whole when it is opened
//! ([`ItemTable::from_parts`]), so every later read of it finds what it looks for.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::catalog::{Item, ItemKind, ItemSource, Name};

/// Bytes of one item record:
///
/// ```text
/// id start u32 · id length u32 · task u32 · topics u32 · tags u32 · sibling u32 (name + 1, 0 none)
/// · kind u8 · domain u8 · source kind u8 · pad u8 · source fields 3 × u32
/// ```
pub(crate) const RECORD: usize = 40;

/// Where a string is in the table's strings: its start and length, in bytes.
type Span = (u32, u32);

/// Everything of an item table but its two byte arrays: where the names and lists are, and
/// the renames. A snapshot stores it in the outline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Shape {
    /// Name `n` (task, topic, tag or sibling group).
    names: Vec<Span>,
    /// List `l` is `list_names[lists[l]..lists[l + 1]]`: one more entry than there are lists.
    lists: Vec<u32>,
    /// Name indices, list after list.
    list_names: Vec<u32>,
    /// `(old id, new id)` pairs, sorted.
    renames: Vec<(Span, Span)>,
}

/// The items of a catalog, in catalog order (see the module documentation).
#[derive(Debug, Clone, Default)]
pub(crate) struct ItemTable {
    strings: String,
    records: Vec<u8>,
    shape: Shape,
}

/// An item read in place from its catalog: the fields of [`Item`], borrowed.
#[derive(Debug, Clone, Copy)]
pub struct ItemRef<'a> {
    pub id: &'a str,
    pub kind: ItemKind,
    pub task: &'a str,
    pub domain: u8,
    pub topics: Names<'a>,
    pub tags: Names<'a>,
    /// Items sharing a group are siblings (same table or sequence).
    pub sibling: Option<&'a str>,
    pub source: ItemSource,
}

/// A list of names of an [`ItemRef`]: the topics or the tags.
#[derive(Clone, Copy)]
pub struct Names<'a>(NamesOf<'a>);

/// The names themselves, however they are held.
impl std::fmt::Debug for Names<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[derive(Clone, Copy)]
enum NamesOf<'a> {
    /// Name indices into a table.
    Table { table: &'a ItemTable, at: &'a [u32] },
    /// The shared names of an owned [`Item`].
    Shared(&'a [Name]),
}

impl<'a> Names<'a> {
    /// The names, in order.
    pub fn iter(self) -> NamesIter<'a> {
        NamesIter { names: self, next: 0 }
    }

    /// The first name.
    pub fn first(self) -> Option<&'a str> {
        self.iter().next()
    }

    /// Whether `name` is one of them.
    pub fn contains(self, name: &str) -> bool {
        self.iter().any(|n| n == name)
    }
}

/// The names of a [`Names`], in order.
#[derive(Debug, Clone)]
pub struct NamesIter<'a> {
    names: Names<'a>,
    next: usize,
}

impl<'a> Iterator for NamesIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let name = match self.names.0 {
            NamesOf::Table { table, at } => at.get(self.next).map(|&n| table.name(n)),
            NamesOf::Shared(names) => names.get(self.next).map(|n| &**n),
        };
        self.next += 1;
        name
    }
}

impl<'a> From<&'a Item> for ItemRef<'a> {
    fn from(item: &'a Item) -> Self {
        ItemRef {
            id: &item.id,
            kind: item.kind,
            task: &item.task,
            domain: item.domain,
            topics: Names(NamesOf::Shared(&item.topics)),
            tags: Names(NamesOf::Shared(&item.tags)),
            sibling: item.sibling.as_deref(),
            source: item.source,
        }
    }
}

impl<'a> ItemRef<'a> {
    /// Whether the item belongs to topic `id`.
    pub fn has_topic(&self, id: &str) -> bool {
        self.topics.contains(id)
    }
}

impl ItemTable {
    /// The table of `items` and the material's `renames`.
    pub(crate) fn build(items: &[Item], renames: &[(String, String)]) -> ItemTable {
        let mut b = Builder::default();
        let mut records = Vec::with_capacity(items.len() * RECORD);
        for item in items {
            let id = b.string(&item.id);
            let task = b.name(&item.task);
            let topics = b.list(&item.topics);
            let tags = b.list(&item.tags);
            let sibling = item.sibling.as_deref().map_or(0, |s| b.name(s).saturating_add(1));
            let (source_kind, source) = source_fields(item.source);
            for word in [id.0, id.1, task, topics, tags, sibling] {
                records.extend_from_slice(&word.to_le_bytes());
            }
            records.extend_from_slice(&[kind_code(item.kind), item.domain, source_kind, 0]);
            for word in source {
                records.extend_from_slice(&word.to_le_bytes());
            }
        }
        let renames = renames.iter().map(|(old, new)| (b.string(old), b.string(new))).collect();
        let Builder { strings, names, mut lists, list_names, .. } = b;
        lists.push(len_u32(list_names.len()));
        ItemTable { strings, records, shape: Shape { names, lists, list_names, renames } }
    }

    /// The table a snapshot stored as these three parts, if they hang together: every span
    /// inside the strings and on character boundaries, every index in range, every kind
    /// known. `None` for anything else, so a damaged table is never half read.
    pub(crate) fn from_parts(strings: String, records: Vec<u8>, shape: Shape) -> Option<ItemTable> {
        let table = ItemTable { strings, records, shape };
        table.is_whole().then_some(table)
    }

    /// The parts [`ItemTable::from_parts`] takes back.
    pub(crate) fn parts(&self) -> (&str, &[u8], &Shape) {
        (&self.strings, &self.records, &self.shape)
    }

    fn is_whole(&self) -> bool {
        let shape = &self.shape;
        let names = shape.names.len();
        let lists = shape.lists.len().saturating_sub(1);
        let span_ok = |s: Span| self.span(s).is_some();
        self.records.len().is_multiple_of(RECORD)
            && shape.names.iter().all(|&s| span_ok(s))
            && shape.renames.iter().all(|&(a, b)| span_ok(a) && span_ok(b))
            && shape.lists.first().is_none_or(|&f| f == 0)
            && shape.lists.windows(2).all(|w| w.first() <= w.get(1))
            && shape.lists.last().is_none_or(|&l| l as usize == shape.list_names.len())
            && shape.list_names.iter().all(|&n| (n as usize) < names)
            && self.records.chunks_exact(RECORD).all(|r| {
                let field = |i| word(r, i) as usize;
                span_ok((word(r, 0), word(r, 1)))
                    && field(2) < names
                    && field(3) < lists
                    && field(4) < lists
                    && field(5) <= names
                    && kind_of(byte(r, 24)).is_some()
                    && source_of(byte(r, 26), [word(r, 7), word(r, 8), word(r, 9)]).is_some()
            })
    }

    /// How many items there are.
    pub(crate) fn len(&self) -> usize {
        self.records.len() / RECORD
    }

    /// Item `i`.
    pub(crate) fn get(&self, i: usize) -> Option<ItemRef<'_>> {
        self.records.get(i.checked_mul(RECORD)?..)?.get(..RECORD).map(|r| self.read(r))
    }

    /// The id of item `i`, without reading the rest of it.
    pub(crate) fn id(&self, i: usize) -> Option<&str> {
        let r = self.records.get(i.checked_mul(RECORD)?..)?.get(..8)?;
        self.span((word(r, 0), word(r, 1)))
    }

    /// Every `(old id, new id)` pair, sorted.
    pub(crate) fn renames(&self) -> Vec<(&str, &str)> {
        self.shape.renames.iter().map(|&(a, b)| (self.span(a).unwrap_or(""), self.span(b).unwrap_or(""))).collect()
    }

    /// The owned items, their names shared as [`Item`] expects (one allocation per distinct
    /// name and per distinct list, one per id).
    pub(crate) fn to_items(&self) -> Vec<Item> {
        let names: Vec<Name> = (0..self.shape.names.len()).map(|n| Arc::from(self.name(len_u32(n)))).collect();
        let name = |n: u32| names.get(n as usize).cloned().unwrap_or_else(|| Arc::from(""));
        let lists: Vec<Arc<[Name]>> = (0..self.shape.lists.len().saturating_sub(1))
            .map(|l| self.list(len_u32(l)).iter().map(|&n| name(n)).collect())
            .collect();
        let list = |l: u32| lists.get(l as usize).cloned().unwrap_or_else(|| Arc::from(Vec::new()));
        self.records
            .chunks_exact(RECORD)
            .map(|r| {
                let it = self.read(r);
                Item {
                    id: it.id.to_string(),
                    kind: it.kind,
                    task: name(word(r, 2)),
                    domain: it.domain,
                    topics: list(word(r, 3)),
                    tags: list(word(r, 4)),
                    sibling: word(r, 5).checked_sub(1).map(name),
                    source: it.source,
                }
            })
            .collect()
    }

    /// The item a record describes (a checked table: see [`ItemTable::from_parts`]).
    fn read<'a>(&'a self, r: &'a [u8]) -> ItemRef<'a> {
        ItemRef {
            id: self.span((word(r, 0), word(r, 1))).unwrap_or(""),
            kind: kind_of(byte(r, 24)).unwrap_or(ItemKind::Card),
            task: self.name(word(r, 2)),
            domain: byte(r, 25),
            topics: Names(NamesOf::Table { table: self, at: self.list(word(r, 3)) }),
            tags: Names(NamesOf::Table { table: self, at: self.list(word(r, 4)) }),
            sibling: word(r, 5).checked_sub(1).map(|n| self.name(n)),
            source: source_of(byte(r, 26), [word(r, 7), word(r, 8), word(r, 9)])
                .unwrap_or(ItemSource::Question { question: usize::MAX }),
        }
    }

    fn span(&self, (start, len): Span) -> Option<&str> {
        let start = start as usize;
        self.strings.get(start..start.checked_add(len as usize)?)
    }

    fn name(&self, n: u32) -> &str {
        self.shape.names.get(n as usize).and_then(|&s| self.span(s)).unwrap_or("")
    }

    fn list(&self, l: u32) -> &[u32] {
        let at = |i: usize| self.shape.lists.get(i).map(|&x| x as usize);
        let l = l as usize;
        match (at(l), at(l + 1)) {
            (Some(start), Some(end)) => self.shape.list_names.get(start..end).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Lays out strings, names and lists while a table is built, each distinct one once.
#[derive(Default)]
struct Builder {
    strings: String,
    names: Vec<Span>,
    name_at: HashMap<String, u32>,
    lists: Vec<u32>,
    list_names: Vec<u32>,
    list_at: HashMap<Vec<u32>, u32>,
}

impl Builder {
    fn string(&mut self, s: &str) -> Span {
        let start = len_u32(self.strings.len());
        self.strings.push_str(s);
        (start, len_u32(s.len()))
    }

    fn name(&mut self, s: &str) -> u32 {
        if let Some(&n) = self.name_at.get(s) {
            return n;
        }
        let n = len_u32(self.names.len());
        let span = self.string(s);
        self.names.push(span);
        self.name_at.insert(s.to_string(), n);
        n
    }

    fn list(&mut self, names: &[Name]) -> u32 {
        let key: Vec<u32> = names.iter().map(|s| self.name(s)).collect();
        if let Some(&l) = self.list_at.get(&key) {
            return l;
        }
        let l = len_u32(self.lists.len());
        self.lists.push(len_u32(self.list_names.len()));
        self.list_names.extend_from_slice(&key);
        self.list_at.insert(key, l);
        l
    }
}

/// A length or index as stored: material of over 4 GiB is not supported (it reads as empty).
fn len_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The `i`th little-endian u32 of a record.
fn word(r: &[u8], i: usize) -> u32 {
    r.get(i * 4..i * 4 + 4).and_then(|b| <[u8; 4]>::try_from(b).ok()).map_or(0, u32::from_le_bytes)
}

fn byte(r: &[u8], at: usize) -> u8 {
    r.get(at).copied().unwrap_or(0)
}

fn kind_code(kind: ItemKind) -> u8 {
    match kind {
        ItemKind::Card => 0,
        ItemKind::Table => 1,
        ItemKind::Sequence => 2,
        ItemKind::Question => 3,
    }
}

fn kind_of(code: u8) -> Option<ItemKind> {
    Some(match code {
        0 => ItemKind::Card,
        1 => ItemKind::Table,
        2 => ItemKind::Sequence,
        3 => ItemKind::Question,
        _ => return None,
    })
}

fn source_fields(source: ItemSource) -> (u8, [u32; 3]) {
    let u = len_u32;
    match source {
        ItemSource::Card { topic, card } => (0, [u(topic), u(card), 0]),
        ItemSource::TableRow { topic, table, row } => (1, [u(topic), u(table), u(row)]),
        ItemSource::ComparisonRow { comparison, row } => (2, [u(comparison), u(row), 0]),
        ItemSource::Sequence { topic, sequence } => (3, [u(topic), u(sequence), 0]),
        ItemSource::Question { question } => (4, [u(question), 0, 0]),
    }
}

fn source_of(code: u8, [a, b, c]: [u32; 3]) -> Option<ItemSource> {
    let (a, b, c) = (a as usize, b as usize, c as usize);
    Some(match code {
        0 => ItemSource::Card { topic: a, card: b },
        1 => ItemSource::TableRow { topic: a, table: b, row: c },
        2 => ItemSource::ComparisonRow { comparison: a, row: b },
        3 => ItemSource::Sequence { topic: a, sequence: b },
        4 => ItemSource::Question { question: a },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]

    use super::*;
    use proptest::prelude::*;

    fn item(
        id: &str,
        kind: ItemKind,
        topics: &[&str],
        tags: &[&str],
        sibling: Option<&str>,
        source: ItemSource,
    ) -> Item {
        let names = |v: &[&str]| v.iter().map(|s| Arc::from(*s)).collect::<Arc<[Name]>>();
        Item {
            id: id.to_string(),
            kind,
            task: Arc::from("1.2"),
            domain: 1,
            topics: names(topics),
            tags: names(tags),
            sibling: sibling.map(Arc::from),
            source,
        }
    }

    fn sample() -> (Vec<Item>, Vec<(String, String)>) {
        let items = vec![
            item(
                "codedeploy/hooks",
                ItemKind::Card,
                &["codedeploy"],
                &["appspec"],
                None,
                ItemSource::Card { topic: 0, card: 3 },
            ),
            item(
                "codedeploy/row/é-ünïcode",
                ItemKind::Table,
                &["codedeploy", "ecs"],
                &[],
                Some("codedeploy/tbl"),
                ItemSource::TableRow { topic: 0, table: 1, row: 2 },
            ),
            item(
                "cmp/row",
                ItemKind::Table,
                &[],
                &["a", "b"],
                Some("cmp"),
                ItemSource::ComparisonRow { comparison: 4, row: 0 },
            ),
            item(
                "order",
                ItemKind::Sequence,
                &["ecs"],
                &["appspec"],
                Some("codedeploy/tbl"),
                ItemSource::Sequence { topic: 2, sequence: 0 },
            ),
            item("q-1", ItemKind::Question, &["ecs"], &[], None, ItemSource::Question { question: 7 }),
        ];
        (items, vec![("old/a".into(), "codedeploy/hooks".into()), ("old/b".into(), "q-1".into())])
    }

    fn same(a: ItemRef<'_>, b: &Item) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.kind, b.kind);
        assert_eq!(a.task, &*b.task);
        assert_eq!(a.domain, b.domain);
        assert_eq!(a.topics.iter().collect::<Vec<_>>(), b.topics.iter().map(|n| &**n).collect::<Vec<_>>());
        assert_eq!(a.tags.iter().collect::<Vec<_>>(), b.tags.iter().map(|n| &**n).collect::<Vec<_>>());
        assert_eq!(a.sibling, b.sibling.as_deref());
        assert_eq!(a.source, b.source);
    }

    #[test]
    fn reads_back_every_field_of_every_item() {
        let (items, renames) = sample();
        let table = ItemTable::build(&items, &renames);
        assert_eq!(table.len(), items.len());
        for (i, it) in items.iter().enumerate() {
            same(table.get(i).unwrap(), it);
            same(ItemRef::from(it), it);
            assert_eq!(table.id(i), Some(it.id.as_str()));
        }
        assert!(table.get(items.len()).is_none());
        assert_eq!(table.renames(), vec![("old/a", "codedeploy/hooks"), ("old/b", "q-1")]);
        let owned = table.to_items();
        assert_eq!(owned.len(), items.len());
        for (a, b) in owned.iter().zip(&items) {
            same(ItemRef::from(a), b);
        }
        // Names are shared again: one allocation per distinct name.
        assert!(Arc::ptr_eq(&owned[1].sibling.clone().unwrap(), &owned[3].sibling.clone().unwrap()));
    }

    #[test]
    fn parts_survive_a_round_trip_and_damage_is_refused() {
        let (items, renames) = sample();
        let table = ItemTable::build(&items, &renames);
        let (strings, records, shape) = table.parts();
        let back = ItemTable::from_parts(strings.to_string(), records.to_vec(), shape.clone()).unwrap();
        for (i, it) in items.iter().enumerate() {
            same(back.get(i).unwrap(), it);
        }
        // A record cut short, an id span past the strings, one splitting a character, an
        // unknown kind, a name index out of range: each refused whole.
        let refuse = |records: Vec<u8>, strings: &str| {
            assert!(ItemTable::from_parts(strings.to_string(), records, shape.clone()).is_none());
        };
        refuse(records[..records.len() - 1].to_vec(), strings);
        let mut long = records.to_vec();
        long[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        refuse(long, strings);
        let accented = items[1].id.find('é').unwrap() as u32 + 1;
        let mut split = records.to_vec();
        split[RECORD..RECORD + 4]
            .copy_from_slice(&(strings.find("codedeploy/row").unwrap() as u32 + accented).to_le_bytes());
        refuse(split, strings);
        let mut kind = records.to_vec();
        kind[24] = 9;
        refuse(kind, strings);
        let mut task = records.to_vec();
        task[8..12].copy_from_slice(&1000u32.to_le_bytes());
        refuse(task, strings);
        let mut bad_shape = shape.clone();
        bad_shape.list_names.push(999);
        if let Some(last) = bad_shape.lists.last_mut() {
            *last += 1;
        }
        assert!(ItemTable::from_parts(strings.to_string(), records.to_vec(), bad_shape).is_none());
    }

    proptest! {
        /// Any items and renames read back as they went in, whole and through the parts.
        #[test]
        fn any_items_read_back(
            raw in proptest::collection::vec(("[a-z/é-]{1,30}", 0u8..4, "[a-z]{1,4}", proptest::collection::vec("[a-z]{1,5}", 0..3), proptest::option::of("[a-z]{1,6}"), 0usize..50), 0..40),
            renames in proptest::collection::vec(("[a-z]{1,10}", "[a-z]{1,10}"), 0..5),
        ) {
            let items: Vec<Item> = raw.iter().map(|(id, k, task, tags, sib, n)| Item {
                id: id.clone(),
                kind: kind_of(*k).unwrap(),
                task: Arc::from(task.as_str()),
                domain: *k,
                topics: tags.iter().rev().map(|s| Arc::from(s.as_str())).collect(),
                tags: tags.iter().map(|s| Arc::from(s.as_str())).collect(),
                sibling: sib.as_deref().map(Arc::from),
                source: ItemSource::TableRow { topic: *n, table: n / 2, row: n * 3 },
            }).collect();
            let table = ItemTable::build(&items, &renames);
            let (s, r, shape) = table.parts();
            let back = ItemTable::from_parts(s.to_string(), r.to_vec(), shape.clone()).unwrap();
            prop_assert_eq!(back.len(), items.len());
            for (i, b) in items.iter().enumerate() {
                same(back.get(i).unwrap(), b);
            }
            let pairs: Vec<(&str, &str)> = renames.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            prop_assert_eq!(back.renames(), pairs);
        }
    }
}
