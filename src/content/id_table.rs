//! Finding an item by id in constant time: an open-addressing table of item indices.
//!
//! `dopdeck due` looks up every progress row's id in the catalog. A binary search over the ids
//! compared a dozen strings per lookup, each behind two pointers, and was the single costliest
//! step of the command after SQLite's own. The table is built with the catalog and stored in the
//! snapshot's outline, so a command that opens a snapshot only decodes it.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Marks a free slot; item `i` is stored as `i + 1`.
const FREE: u32 = 0;

/// Item indices placed by the hash of their id (linear probing, at most half full).
///
/// Stored as one run of little-endian `u32`s (serde bytes), which reads back with a copy
/// instead of decoding a variable-length integer per slot: at 100,000 items that is 262,144
/// slots at every start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct IdTable {
    slots: Vec<u32>,
}

impl Serialize for IdTable {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = self.slots.iter().flat_map(|s| s.to_le_bytes()).collect();
        serializer.serialize_bytes(&bytes)
    }
}

impl<'de> Deserialize<'de> for IdTable {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_bytes(SlotsVisitor)
    }
}

struct SlotsVisitor;

impl Visitor<'_> for SlotsVisitor {
    type Value = IdTable;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("id table slots as little-endian u32 bytes")
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<IdTable, E> {
        let chunks = bytes.chunks_exact(4);
        if !chunks.remainder().is_empty() {
            return Err(E::custom("id table bytes are not whole slots"));
        }
        Ok(IdTable { slots: chunks.filter_map(|c| <[u8; 4]>::try_from(c).ok()).map(u32::from_le_bytes).collect() })
    }
}

impl IdTable {
    /// The table of `ids` (item `i` has id `ids[i]`).
    pub(crate) fn build<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> IdTable {
        let len = (ids.len().max(1) * 2).next_power_of_two();
        let mut slots = vec![FREE; len];
        let mask = len - 1;
        for (i, id) in ids.enumerate() {
            let Some(index) = u32::try_from(i).ok().and_then(|i| i.checked_add(1)) else { break };
            let mut at = hash(id.as_bytes()) as usize & mask;
            while slots.get(at).is_some_and(|&s| s != FREE) {
                at = (at + 1) & mask;
            }
            if let Some(slot) = slots.get_mut(at) {
                *slot = index;
            }
        }
        IdTable { slots }
    }

    /// The index of the item with id `id`, where `id_at(i)` is item `i`'s id.
    pub(crate) fn find<'a>(&self, id: &str, id_at: impl Fn(usize) -> Option<&'a str>) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = hash(id.as_bytes()) as usize & mask;
        // Bounded by the table's size, so a table from a damaged snapshot cannot loop forever.
        for _ in 0..self.slots.len() {
            let stored = *self.slots.get(at)?;
            let index = (stored as usize).checked_sub(1)?;
            if id_at(index) == Some(id) {
                return Some(index);
            }
            at = (at + 1) & mask;
        }
        None
    }
}

/// A fast hash of `bytes`, the same on every platform (a stored table must find what it was
/// built with): eight bytes at a time, as rustc's FxHash does.
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let mut tail = [0u8; 8];
    let rest = chunks.remainder();
    if let Some(t) = tail.get_mut(..rest.len()) {
        t.copy_from_slice(rest);
    }
    h = (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    // The low bits pick the slot: fold the well-mixed high bits into them.
    h ^ (h >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every id is found at its own index, and an id not in the table is not found.
        #[test]
        fn finds_exactly_the_ids_it_holds(ids in proptest::collection::hash_set("[a-z0-9/:-]{0,40}", 0..300), other in "[A-Z]{1,12}") {
            let ids: Vec<String> = ids.into_iter().collect();
            let table = IdTable::build(ids.iter().map(String::as_str));
            let id_at = |i: usize| ids.get(i).map(String::as_str);
            for (i, id) in ids.iter().enumerate() {
                prop_assert_eq!(table.find(id, id_at), Some(i));
            }
            prop_assert_eq!(table.find(&other, id_at), None);
        }
    }

    #[test]
    fn a_stored_table_reads_back_and_a_torn_one_is_refused() {
        let ids = ["a", "bb", "ccc"];
        let table = IdTable::build(ids.iter().copied());
        let bytes = postcard::to_stdvec(&table).unwrap();
        assert_eq!(postcard::from_bytes::<IdTable>(&bytes).unwrap(), table);
        // The length prefix says one byte more than whole slots.
        let mut torn = postcard::to_stdvec(&table).unwrap();
        torn[0] += 1;
        torn.push(0);
        assert!(postcard::from_bytes::<IdTable>(&torn).is_err());
    }

    #[test]
    fn an_empty_or_damaged_table_finds_nothing() {
        let none = |_: usize| None::<&str>;
        assert_eq!(IdTable::default().find("x", none), None);
        // A full table with no free slot (never built, but a damaged snapshot could hold one).
        let full = IdTable { slots: vec![1, 2, 3, 4] };
        let ids = ["a", "b", "c", "d"];
        assert_eq!(full.find("zz", |i| ids.get(i).copied()), None);
    }
}
