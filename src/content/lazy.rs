//! Parts of a catalog that are read and decoded the first time something reads them.
//!
//! A command such as `dopdeck due` or `dopdeck grade` needs the item list, the decks and the
//! exam outline, never the text of a topic page or a question; reading and decoding those
//! bodies (and freeing them at exit) was most of such a command's time. A catalog read from a
//! snapshot therefore leaves each body section where it is (see [`Backing`]) and reads, checks
//! and decodes it on first use. A catalog built from parsed material holds its bodies ready.
//!
//! A section whose bytes cannot be read, do not match their checksum (the file was changed
//! after the outline was read) or do not decode is taken from the material parsed afresh
//! ([`Backing::reparsed`]), so damage costs time, never content; only when there is nothing to
//! parse either does the section read as empty rather than a study session ending in a panic.
//! Pure: nothing is printed or read from here; the backing does that.

use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::de::DeserializeOwned;

use super::catalog::Catalog;

/// Where the encoded bodies of a snapshot are: the shell's open cache file, or bytes in memory.
pub trait Backing: Send + Sync {
    /// The bytes at `range` of the snapshot; `None` if they cannot be read whole.
    fn read(&self, range: Range<u64>) -> Option<Vec<u8>>;

    /// The catalog parsed afresh from the material, for a section whose bytes turn out damaged
    /// after the snapshot was opened; `None` when there is no material to parse.
    fn reparsed(&self) -> Option<&Catalog>;
}

/// Bytes already in memory (a snapshot read whole): nothing to reparse from.
impl Backing for Vec<u8> {
    fn read(&self, range: Range<u64>) -> Option<Vec<u8>> {
        let range = usize::try_from(range.start).ok()?..usize::try_from(range.end).ok()?;
        self.get(range).map(<[u8]>::to_vec)
    }

    fn reparsed(&self) -> Option<&Catalog> {
        None
    }
}

/// A value held ready, or encoded bytes decoded into it on first use.
pub(crate) struct Lazy<T> {
    value: OnceLock<T>,
    encoded: Option<Encoded<T>>,
}

/// Where a lazy value's bytes are, what they must hash to, and how they become the value.
pub(crate) struct Encoded<T> {
    pub(crate) backing: Arc<dyn Backing>,
    pub(crate) range: Range<u64>,
    /// CRC-32 of the bytes at `range`, from the snapshot's header.
    pub(crate) crc: u32,
    pub(crate) decode: fn(&[u8]) -> Option<T>,
    /// The same value taken from a catalog parsed afresh.
    pub(crate) from_catalog: fn(&Catalog) -> T,
}

impl<T> Clone for Encoded<T> {
    fn clone(&self) -> Self {
        Encoded {
            backing: Arc::clone(&self.backing),
            range: self.range.clone(),
            crc: self.crc,
            decode: self.decode,
            from_catalog: self.from_catalog,
        }
    }
}

impl<T> Encoded<T> {
    /// Reads, checks and decodes the value; falls back to the reparsed material.
    fn value(&self) -> Option<T> {
        self.backing
            .read(self.range.clone())
            .filter(|bytes| crc32fast::hash(bytes) == self.crc)
            .and_then(|bytes| (self.decode)(&bytes))
            .or_else(|| self.backing.reparsed().map(self.from_catalog))
    }
}

impl<T> Lazy<T> {
    /// A value that is already decoded.
    pub(crate) fn ready(value: T) -> Self {
        let cell = OnceLock::new();
        let _ = cell.set(value);
        Lazy { value: cell, encoded: None }
    }

    /// A value to read and decode as `encoded` says when first read.
    pub(crate) fn encoded(encoded: Encoded<T>) -> Self {
        Lazy { value: OnceLock::new(), encoded: Some(encoded) }
    }

    /// Whether the value has been decoded (or was built ready).
    pub(crate) fn is_decoded(&self) -> bool {
        self.value.get().is_some()
    }
}

impl<T: Default> Lazy<T> {
    /// The value, reading and decoding it now if this is the first read.
    pub(crate) fn get(&self) -> &T {
        self.value.get_or_init(|| {
            // Empty only when the bytes are damaged and there is no material to parse either
            // (see the module docs): an empty section rather than a crash.
            self.encoded.as_ref().and_then(Encoded::value).unwrap_or_default()
        })
    }

    /// The value, for changing it (decoded first if need be).
    pub(crate) fn get_mut(&mut self) -> &mut T {
        self.get();
        // Just initialised above; `get_or_init` cannot leave the cell empty.
        self.value.get_mut().unwrap_or_else(|| unreachable!("initialised by get()"))
    }
}

/// Postcard decoding of a whole section, the usual `decode` function.
pub(crate) fn postcard<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    postcard::from_bytes(bytes).ok()
}

impl<T: Clone> Clone for Lazy<T> {
    fn clone(&self) -> Self {
        match (self.value.get(), &self.encoded) {
            (Some(v), _) => Lazy::ready(v.clone()),
            (None, Some(e)) => Lazy { value: OnceLock::new(), encoded: Some(e.clone()) },
            (None, None) => Lazy { value: OnceLock::new(), encoded: None },
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Lazy<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value.get() {
            Some(v) => v.fmt(f),
            None => f.write_str("<not decoded yet>"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded<T: DeserializeOwned>(bytes: Vec<u8>, range: Range<u64>, from_catalog: fn(&Catalog) -> T) -> Encoded<T> {
        let crc = bytes.read(range.clone()).map_or(0, |b| crc32fast::hash(&b));
        Encoded { backing: Arc::new(bytes), range, crc, decode: super::postcard, from_catalog }
    }

    #[test]
    fn decodes_once_on_first_read() {
        let bytes = postcard::to_stdvec(&vec![1u32, 2, 3]).unwrap();
        let len = bytes.len() as u64;
        let lazy: Lazy<Vec<u32>> = Lazy::encoded(encoded(bytes, 0..len, |_| Vec::new()));
        assert!(!lazy.is_decoded());
        assert_eq!(lazy.get(), &vec![1, 2, 3]);
        assert!(lazy.is_decoded());
        let copy = lazy.clone();
        assert!(copy.is_decoded());
    }

    #[test]
    fn bad_bytes_read_as_empty_when_there_is_nothing_to_reparse() {
        let bytes = vec![0xff, 0xff, 0xff];
        let lazy: Lazy<Vec<String>> = Lazy::encoded(encoded(bytes.clone(), 0..3, |_| vec!["x".into()]));
        assert!(lazy.get().is_empty());
        let out_of_range: Lazy<Vec<String>> = Lazy::encoded(encoded(bytes, 2..9, |_| vec!["x".into()]));
        assert!(out_of_range.get().is_empty());
    }

    /// Bytes that no longer match their checksum are not decoded, even when they would decode.
    #[test]
    fn bytes_changed_since_the_checksum_are_not_used() {
        let bytes = postcard::to_stdvec(&vec![1u32, 2, 3]).unwrap();
        let len = bytes.len() as u64;
        let mut e = encoded(bytes.clone(), 0..len, |_| Vec::new());
        let mut changed = bytes;
        changed[1] = 7;
        e.backing = Arc::new(changed);
        let lazy: Lazy<Vec<u32>> = Lazy::encoded(e);
        assert!(lazy.get().is_empty(), "{:?}", lazy.get());
    }

    #[test]
    fn an_undecoded_clone_decodes_on_its_own() {
        let bytes = postcard::to_stdvec(&vec!["a".to_string()]).unwrap();
        let len = bytes.len() as u64;
        let lazy: Lazy<Vec<String>> = Lazy::encoded(encoded(bytes, 0..len, |_| Vec::new()));
        let mut copy = lazy.clone();
        assert!(!copy.is_decoded());
        copy.get_mut().push("b".into());
        assert_eq!(copy.get().len(), 2);
        assert_eq!(lazy.get().len(), 1);
    }
}
