//! Parts of a catalog that are decoded the first time something reads them.
//!
//! A command such as `dopdeck due` or `dopdeck grade` needs the item list, the decks and the
//! exam outline, never the text of a topic page or a question; decoding those bodies (and
//! freeing them at exit) was most of such a command's time. A catalog read from a snapshot
//! therefore keeps each body section as encoded bytes and decodes it on first use. A catalog
//! built from parsed material holds its bodies ready.
//!
//! The bytes were written by this very build and matched their checksum when the snapshot was
//! opened (see [`super::snapshot`]), so decoding cannot fail short of a bug (the snapshot tests
//! decode every section of the shipped material); should it, the section reads as empty rather
//! than a study session ending in a panic. Pure: nothing is printed from here.

use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::de::DeserializeOwned;

/// A value held ready, or encoded bytes decoded into it on first use.
pub(crate) struct Lazy<T> {
    value: OnceLock<T>,
    encoded: Option<Encoded<T>>,
}

/// Where a lazy value's bytes are, and how they become the value.
struct Encoded<T> {
    bytes: Arc<Vec<u8>>,
    range: Range<usize>,
    decode: fn(&[u8]) -> Option<T>,
}

impl<T> Lazy<T> {
    /// A value that is already decoded.
    pub(crate) fn ready(value: T) -> Self {
        let cell = OnceLock::new();
        let _ = cell.set(value);
        Lazy { value: cell, encoded: None }
    }

    /// A value to decode from `bytes[range]` with `decode` when first read.
    pub(crate) fn encoded(bytes: Arc<Vec<u8>>, range: Range<usize>, decode: fn(&[u8]) -> Option<T>) -> Self {
        Lazy { value: OnceLock::new(), encoded: Some(Encoded { bytes, range, decode }) }
    }

    /// Whether the value has been decoded (or was built ready).
    pub(crate) fn is_decoded(&self) -> bool {
        self.value.get().is_some()
    }
}

impl<T: Default> Lazy<T> {
    /// The value, decoding it now if this is the first read.
    pub(crate) fn get(&self) -> &T {
        self.value.get_or_init(|| {
            let decoded = self.encoded.as_ref().and_then(|e| e.bytes.get(e.range.clone()).and_then(e.decode));
            // Unreachable short of a bug (see the module docs; tests/snapshot.rs decodes every
            // section of the shipped material): an empty section rather than a crash.
            decoded.unwrap_or_default()
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
            (None, Some(e)) => Lazy {
                value: OnceLock::new(),
                encoded: Some(Encoded { bytes: e.bytes.clone(), range: e.range.clone(), decode: e.decode }),
            },
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

    #[test]
    fn decodes_once_on_first_read() {
        let bytes = Arc::new(postcard::to_stdvec(&vec![1u32, 2, 3]).unwrap());
        let len = bytes.len();
        let lazy: Lazy<Vec<u32>> = Lazy::encoded(bytes, 0..len, super::postcard);
        assert!(!lazy.is_decoded());
        assert_eq!(lazy.get(), &vec![1, 2, 3]);
        assert!(lazy.is_decoded());
        let copy = lazy.clone();
        assert!(copy.is_decoded());
    }

    #[test]
    fn bad_bytes_read_as_empty() {
        let bytes = Arc::new(vec![0xff, 0xff, 0xff]);
        let lazy: Lazy<Vec<String>> = Lazy::encoded(bytes.clone(), 0..3, super::postcard);
        assert!(lazy.get().is_empty());
        let out_of_range: Lazy<Vec<String>> = Lazy::encoded(bytes, 2..9, super::postcard);
        assert!(out_of_range.get().is_empty());
    }

    #[test]
    fn an_undecoded_clone_decodes_on_its_own() {
        let bytes = Arc::new(postcard::to_stdvec(&vec!["a".to_string()]).unwrap());
        let len = bytes.len();
        let lazy: Lazy<Vec<String>> = Lazy::encoded(bytes, 0..len, super::postcard);
        let mut copy = lazy.clone();
        assert!(!copy.is_decoded());
        copy.get_mut().push("b".into());
        assert_eq!(copy.get().len(), 2);
        assert_eq!(lazy.get().len(), 1);
    }
}
