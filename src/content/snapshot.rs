//! A compact binary snapshot of a validated catalog, so start-up need not parse 1.4 MB of TOML.
//!
//! Parsing and validating the embedded material takes most of a command's start-up time. The
//! shell keeps a snapshot in the user's cache directory, named by
//! [`super::source::MATERIAL_HASH`] — a build-time hash of the material, the schema and the crate
//! version — so a snapshot is only ever read by the build that wrote it. Pure: bytes in, bytes
//! out. A snapshot that does not decode is simply not used; the caller then parses the material
//! and writes a fresh one.
//!
//! Layout, so that a command reads and decodes only what it uses:
//!
//! ```text
//! MAGIC · crc32 of the header (u32) · stamp (u64) · section count (u32)
//! · per section: length (u64), crc32 (u32)
//! · outline · strings · item records · topics · comparisons · questions · strategies
//! ```
//!
//! The outline (exam, decks, where the item table's names and lists are, the id hash table)
//! and the item table's strings and records (see `content::item_table`) are read at once: they
//! are all `due`, `grade` and the dashboard need, a ninth of the file. Only the outline is
//! decoded; the strings are checked as UTF-8 and the records for range, and both are then read
//! in place. Each body
//! section stays in the file until the catalog is asked for it (see `content::lazy`), so a
//! short command reads 200 KB instead of 2.9 MB.
//!
//! The cache file is outside the binary, so it is not trusted: every section carries a CRC-32,
//! checked before the section is decoded (the header's and the outline's on opening, a body's
//! when it is first read). A flipped byte (which once left a question with no correct answer)
//! makes the snapshot, or that section, unusable instead of changing what dopdeck shows. It
//! guards against damage, not against someone who can write the user's cache directory (who
//! could as well replace the binary); CRC-32 finds every burst of up to 32 flipped bits and
//! reads a megabyte in a few dozen microseconds, where SHA-256 took more than the whole process
//! floor.

use std::ops::Range;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::catalog::{Bodies, Catalog};
use super::id_table::IdTable;
use super::item_table::{ItemTable, Shape};
use super::lazy::{self, Backing, Encoded, Lazy};
use super::schema::{Comparison, Deck, Exam, Question, Strategy, Topic};

/// Leads every snapshot; a file that does not start with it is not ours.
const MAGIC: &[u8] = b"dopdeck-catalog-snapshot-5\n";

/// Outline, the item table's strings and records, and the four bodies.
const SECTIONS: usize = 7;

/// What every command decodes: exam, decks (with their ids, which the schema does not
/// serialize), the shape of the item table and the id hash table.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Outline {
    pub exam: Exam,
    pub decks: Vec<(String, Deck)>,
    pub shape: Shape,
    pub by_id: IdTable,
}

/// Bytes of the header: what a reader takes first to find the sections.
pub const HEADER_LEN: usize = MAGIC.len() + 4 + 8 + 4 + 12 * SECTIONS;

/// Where each section of a snapshot is and what it must hash to, from a sound header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    sections: [(Range<u64>, u32); SECTIONS],
}

impl Layout {
    /// Where the outline, the item strings and the item records are: the three sections
    /// [`open`] needs in hand, each read into its own buffer (the strings become a `String`
    /// without a copy).
    pub fn head(&self) -> [Range<u64>; 3] {
        [self.sections[0].0.clone(), self.sections[1].0.clone(), self.sections[2].0.clone()]
    }

    /// The length of the whole snapshot: a file of any other length is not this snapshot.
    pub fn file_len(&self) -> u64 {
        self.sections[SECTIONS - 1].0.end
    }
}

/// Encodes a validated catalog, stamped with `hash`.
pub fn to_bytes(catalog: &Catalog, hash: u64) -> Vec<u8> {
    let (strings, records, _) = catalog.item_table().parts();
    let sections = [
        encode(&catalog.outline()),
        Some(strings.as_bytes().to_vec()),
        Some(records.to_vec()),
        encode(&catalog.topics().iter().map(|t| (t.id.as_str(), t)).collect::<Vec<_>>()),
        encode(&catalog.comparisons().iter().map(|c| (c.id.as_str(), c)).collect::<Vec<_>>()),
        encode(&catalog.questions()),
        encode(&catalog.strategies().iter().map(|s| (s.id.as_str(), s)).collect::<Vec<_>>()),
    ];
    // Serializing plain data into a Vec cannot fail; an empty snapshot is never read back.
    let Some(sections) = sections.into_iter().collect::<Option<Vec<_>>>() else { return Vec::new() };
    let mut header = Vec::with_capacity(HEADER_LEN - MAGIC.len() - 4);
    header.extend_from_slice(&hash.to_le_bytes());
    header.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    for s in &sections {
        header.extend_from_slice(&(s.len() as u64).to_le_bytes());
        header.extend_from_slice(&crc32fast::hash(s).to_le_bytes());
    }
    let mut out = Vec::with_capacity(HEADER_LEN + sections.iter().map(Vec::len).sum::<usize>());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&crc32fast::hash(&header).to_le_bytes());
    out.extend_from_slice(&header);
    for s in &sections {
        out.extend_from_slice(s);
    }
    out
}

fn encode<T: Serialize + ?Sized>(value: &T) -> Option<Vec<u8>> {
    postcard::to_stdvec(value).ok()
}

/// The layout of a snapshot stamped `hash`, from its first [`HEADER_LEN`] bytes; `None` for a
/// header that is not ours, not sound, or of another build.
pub fn layout(header: &[u8], hash: u64) -> Option<Layout> {
    let rest = header.strip_prefix(MAGIC)?;
    let (sum, rest) = rest.split_first_chunk::<4>()?;
    let rest = rest.get(..HEADER_LEN - MAGIC.len() - 4)?;
    if crc32fast::hash(rest) != u32::from_le_bytes(*sum) {
        return None;
    }
    let (stamp, rest) = rest.split_first_chunk::<8>()?;
    let (count, mut rest) = rest.split_first_chunk::<4>()?;
    if u64::from_le_bytes(*stamp) != hash || u32::from_le_bytes(*count) as usize != SECTIONS {
        return None;
    }
    let mut start = HEADER_LEN as u64;
    let mut sections: [(Range<u64>, u32); SECTIONS] = Default::default();
    for section in &mut sections {
        let (len, tail) = rest.split_first_chunk::<8>()?;
        let (crc, tail) = tail.split_first_chunk::<4>()?;
        rest = tail;
        let end = start.checked_add(u64::from_le_bytes(*len))?;
        *section = (start..end, u32::from_le_bytes(*crc));
        start = end;
    }
    Some(Layout { sections })
}

/// The catalog of a snapshot laid out as `layout`, given its outline's bytes: the bodies are
/// read from `backing` when first used. `None` if the outline does not match its checksum or
/// does not decode.
pub fn open(layout: &Layout, [outline, strings, records]: [Vec<u8>; 3], backing: Arc<dyn Backing>) -> Option<Catalog> {
    let [(_, outline_crc), (_, strings_crc), (_, records_crc), topics, comparisons, questions, strategies] =
        layout.sections.clone();
    if crc32fast::hash(&outline) != outline_crc
        || crc32fast::hash(&strings) != strings_crc
        || crc32fast::hash(&records) != records_crc
    {
        return None;
    }
    let outline: Outline = postcard::from_bytes(&outline).ok()?;
    let table = ItemTable::from_parts(String::from_utf8(strings).ok()?, records, outline.shape.clone())?;
    let section = |(range, crc): (Range<u64>, u32)| (Arc::clone(&backing), range, crc);
    let bodies = Bodies {
        topics: body(section(topics), decode_topics, |c| c.topics().to_vec()),
        comparisons: body(section(comparisons), decode_comparisons, |c| c.comparisons().to_vec()),
        questions: body(section(questions), lazy::postcard::<Vec<Question>>, |c| c.questions().to_vec()),
        strategies: body(section(strategies), decode_strategies, |c| c.strategies().to_vec()),
    };
    Some(Catalog::from_outline(outline, table, bodies))
}

fn body<T>(
    (backing, range, crc): (Arc<dyn Backing>, Range<u64>, u32),
    decode: fn(&[u8]) -> Option<T>,
    from_catalog: fn(&Catalog) -> T,
) -> Lazy<T> {
    Lazy::encoded(Encoded { backing, range, crc, decode, from_catalog })
}

/// Decodes a whole snapshot written by [`to_bytes`] with the same `hash`; `None` for anything
/// else, including a snapshot any section of which does not match its checksum (all are
/// checked here: the bytes are in memory anyway). Only the outline is decoded now.
pub fn from_bytes(bytes: Vec<u8>, hash: u64) -> Option<Catalog> {
    let layout = layout(bytes.get(..HEADER_LEN)?, hash)?;
    if layout.file_len() != bytes.len() as u64 {
        return None;
    }
    for (range, crc) in &layout.sections {
        let section = bytes.get(usize::try_from(range.start).ok()?..usize::try_from(range.end).ok()?)?;
        if crc32fast::hash(section) != *crc {
            return None;
        }
    }
    let [outline, strings, records] = layout.head().map(|range| bytes.read(range));
    open(&layout, [outline?, strings?, records?], Arc::new(bytes))
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
