//! A value with the byte range it came from in its file.
//!
//! Like `toml::Spanned`, which it wraps when reading TOML, but it also round-trips through the
//! binary snapshot cache ([`super::snapshot`]): in human-readable formats (TOML) it reads
//! `toml::Spanned`'s representation and writes the bare value; in binary formats it reads and
//! writes `(value, start, end)`, so locations survive the cache.

use std::ops::Range;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value and its byte span in the source file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Spanned<T> {
    value: T,
    start: usize,
    end: usize,
}

impl<T> Spanned<T> {
    /// Wraps `value` found at `span`.
    pub fn new(span: Range<usize>, value: T) -> Self {
        Spanned { value, start: span.start, end: span.end }
    }

    /// The byte range in the file.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The value.
    pub fn get_ref(&self) -> &T {
        &self.value
    }

    /// The value, by move.
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T> AsRef<T> for Spanned<T> {
    fn as_ref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            let s = toml::Spanned::<T>::deserialize(deserializer)?;
            let span = s.span();
            Ok(Spanned::new(span, s.into_inner()))
        } else {
            let (value, start, end) = <(T, usize, usize)>::deserialize(deserializer)?;
            Ok(Spanned { value, start, end })
        }
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            self.value.serialize(serializer)
        } else {
            (&self.value, self.start, self.end).serialize(serializer)
        }
    }
}
