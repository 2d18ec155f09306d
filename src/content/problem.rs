//! Validation problems, each located at a file, line and column.
//!
//! Every problem the loader finds becomes one [`Problem`]; the loader collects them all rather
//! than stopping at the first, so an author fixes a whole tree in one pass. Byte offsets from the
//! TOML parser are turned into 1-based line and column numbers (columns count characters, as
//! editors do) by [`LineIndex`].

use std::fmt;
use std::ops::Range;

/// One thing wrong with the material, printed as `FILE:LINE:COLUMN: message`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// Path of the file, relative to the tree's root (`content/topics/x.toml`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// A sentence saying what is wrong and, where it helps, how to fix it.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

/// Maps byte offsets of one file to line and column numbers.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based (line, column) of byte `offset` in `text`; offsets past the end clamp to it.
    pub fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
        (line, column)
    }
}

/// A file's text and line index, for turning spans into [`Problem`]s.
#[derive(Debug, Clone)]
pub struct FileText {
    /// Path relative to the tree's root.
    pub path: String,
    /// The file's content.
    pub text: String,
    index: LineIndex,
}

impl FileText {
    /// Wraps a file's path and text.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let index = LineIndex::new(&text);
        FileText { path: path.into(), text, index }
    }

    /// A problem at the start of `span`.
    pub fn problem(&self, span: Range<usize>, message: impl Into<String>) -> Problem {
        let (line, column) = self.index.locate(&self.text, span.start);
        Problem { file: self.path.clone(), line, column, message: message.into() }
    }

    /// "file:line:column" of the start of `span`, for messages that point elsewhere.
    pub fn position(&self, span: Range<usize>) -> String {
        let (line, column) = self.index.locate(&self.text, span.start);
        format!("{}:{line}:{column}", self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_character_columns() {
        let text = "a = 1\nbé = 2\n";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, 0), (1, 1));
        assert_eq!(index.locate(text, 6), (2, 1));
        // "bé = " — the é is two bytes but one column.
        let eq = text.find("= 2").unwrap();
        assert_eq!(index.locate(text, eq), (2, 4));
        assert_eq!(index.locate(text, 999), (3, 1));
    }
}
