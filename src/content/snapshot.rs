//! A compact binary snapshot of a validated catalog, so start-up need not parse 1.4 MB of TOML.
//!
//! Parsing and validating the embedded material takes most of a command's start-up time. The
//! shell keeps a snapshot in the user's cache directory, named by
//! [`super::source::MATERIAL_HASH`] — a build-time hash of the material, the schema and the crate
//! version — so a snapshot is only ever read by the build that wrote it. Pure: bytes in, bytes
//! out. A snapshot that does not decode is simply not used; the caller then parses the material
//! and writes a fresh one.
//!
//! Layout, so that a command decodes only what it reads:
//!
//! ```text
//! MAGIC · crc32 of the rest (u32) · stamp (u64) · section count (u32) · section lengths (u64 each)
//! · outline · topics · comparisons · questions · strategies
//! ```
//!
//! The outline (exam, decks, the derived item list, the id order, renames) is decoded at once:
//! it is all `due`, `grade` and the dashboard need. Each body section stays encoded until the
//! catalog is asked for it (see `content::lazy`).
//!
//! The cache file is outside the binary, so it is not trusted: the CRC-32 of everything after
//! the magic is checked before anything is decoded. A flipped byte (which once left a question
//! with no correct answer) makes the snapshot unusable instead of changing what dopdeck shows.
//! It guards against damage, not against someone who can write the user's cache directory (who
//! could as well replace the binary); CRC-32 finds every burst of up to 32 flipped bits and
//! reads 2.6 MB in a fraction of a millisecond, where SHA-256 took more than the whole process
//! floor.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::catalog::{Bodies, Catalog};
use super::lazy::{self, Lazy};
use super::outline::Outline;
use super::schema::{Comparison, Question, Strategy, Topic};

/// Leads every snapshot; a file that does not start with it is not ours.
const MAGIC: &[u8] = b"dopdeck-catalog-snapshot-3\n";

/// Outline and the four bodies.
const SECTIONS: usize = 5;

/// Encodes a validated catalog, stamped with `hash`.
pub fn to_bytes(catalog: &Catalog, hash: u64) -> Vec<u8> {
    let sections = [
        encode(&catalog.outline()),
        encode(&catalog.topics().iter().map(|t| (t.id.as_str(), t)).collect::<Vec<_>>()),
        encode(&catalog.comparisons().iter().map(|c| (c.id.as_str(), c)).collect::<Vec<_>>()),
        encode(&catalog.questions()),
        encode(&catalog.strategies().iter().map(|s| (s.id.as_str(), s)).collect::<Vec<_>>()),
    ];
    // Serializing plain data into a Vec cannot fail; an empty snapshot is never read back.
    let Some(sections) = sections.into_iter().collect::<Option<Vec<_>>>() else { return Vec::new() };
    let mut rest = Vec::with_capacity(12 + 8 * SECTIONS + sections.iter().map(Vec::len).sum::<usize>());
    rest.extend_from_slice(&hash.to_le_bytes());
    rest.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    for s in &sections {
        rest.extend_from_slice(&(s.len() as u64).to_le_bytes());
    }
    for s in &sections {
        rest.extend_from_slice(s);
    }
    let mut out = Vec::with_capacity(MAGIC.len() + 4 + rest.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&crc32fast::hash(&rest).to_le_bytes());
    out.extend_from_slice(&rest);
    out
}

fn encode<T: Serialize + ?Sized>(value: &T) -> Option<Vec<u8>> {
    postcard::to_stdvec(value).ok()
}

/// Decodes a snapshot written by [`to_bytes`] with the same `hash`; `None` for anything else,
/// including a snapshot whose checksum does not match its content. Only the outline is decoded
/// here; the bodies are decoded when first read.
pub fn from_bytes(bytes: Vec<u8>, hash: u64) -> Option<Catalog> {
    let ranges = sections(&bytes, hash)?;
    let [outline, topics, comparisons, questions, strategies] = ranges;
    let outline: Outline = postcard::from_bytes(bytes.get(outline)?).ok()?;
    let bytes = Arc::new(bytes);
    let bodies = Bodies {
        topics: Lazy::encoded(bytes.clone(), topics, decode_topics),
        comparisons: Lazy::encoded(bytes.clone(), comparisons, decode_comparisons),
        questions: Lazy::encoded(bytes.clone(), questions, lazy::postcard::<Vec<Question>>),
        strategies: Lazy::encoded(bytes, strategies, decode_strategies),
    };
    Catalog::from_outline(outline, bodies)
}

/// Checks the magic, checksum and stamp, and finds the sections.
fn sections(bytes: &[u8], hash: u64) -> Option<[Range<usize>; SECTIONS]> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (sum, rest) = rest.split_first_chunk::<4>()?;
    if crc32fast::hash(rest) != u32::from_le_bytes(*sum) {
        return None;
    }
    let (stamp, rest) = rest.split_first_chunk::<8>()?;
    let (count, mut rest) = rest.split_first_chunk::<4>()?;
    if u64::from_le_bytes(*stamp) != hash || u32::from_le_bytes(*count) as usize != SECTIONS {
        return None;
    }
    let mut start = MAGIC.len() + 4 + 8 + 4 + 8 * SECTIONS;
    let mut ranges: [Range<usize>; SECTIONS] = Default::default();
    for range in &mut ranges {
        let (len, tail) = rest.split_first_chunk::<8>()?;
        rest = tail;
        let end = start.checked_add(usize::try_from(u64::from_le_bytes(*len)).ok()?)?;
        *range = start..end;
        start = end;
    }
    (start == bytes.len()).then_some(ranges)
}

fn decode_topics(bytes: &[u8]) -> Option<Vec<Topic>> {
    with_ids(bytes, |t: &mut Topic, id| t.id = id)
}

fn decode_comparisons(bytes: &[u8]) -> Option<Vec<Comparison>> {
    with_ids(bytes, |c: &mut Comparison, id| c.id = id)
}

fn decode_strategies(bytes: &[u8]) -> Option<Vec<Strategy>> {
    with_ids(bytes, |s: &mut Strategy, id| s.id = id)
}

/// Decodes `(id, value)` pairs and puts back the ids that the schema does not serialize (they
/// are file stems, not keys).
fn with_ids<T: DeserializeOwned>(bytes: &[u8], set: impl Fn(&mut T, String)) -> Option<Vec<T>> {
    let pairs: Vec<(String, T)> = postcard::from_bytes(bytes).ok()?;
    Some(
        pairs
            .into_iter()
            .map(|(id, mut item)| {
                set(&mut item, id);
                item
            })
            .collect(),
    )
}
