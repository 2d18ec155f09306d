//! One shape for both kinds of table the screen lists — a topic's own table (limits or
//! reference) and a comparison — so the list, the filter and the drawing need not tell them
//! apart.

use crate::content::schema::TableKind;
use crate::content::{Catalog, Spanned, TableId};

/// A table of the material.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableRef {
    Topic { topic: usize, table: usize },
    Comparison(usize),
}

/// What the screen needs of a table, whichever kind it is.
pub(super) struct Data<'a> {
    pub id: TableId,
    pub title: &'a str,
    pub kind: &'static str,
    pub columns: &'a [String],
    pub rows: &'a [Spanned<Vec<String>>],
    pub as_of: Option<&'a str>,
    pub source: Option<&'a str>,
    pub notes: &'a [String],
    /// The topic page `o` opens.
    pub topic: Option<&'a str>,
}

impl TableRef {
    /// The table in `catalog`; `None` only for a reference into another catalog.
    pub(super) fn data(self, catalog: &Catalog) -> Option<Data<'_>> {
        Some(match self {
            TableRef::Topic { topic, table } => {
                let tp = catalog.topics().get(topic)?;
                let tb = tp.tables.get(table)?;
                Data {
                    id: TableId::topic(&tp.id, tb.id.get_ref()),
                    title: &tb.title,
                    kind: if tb.kind == TableKind::Limits { "limits" } else { "reference" },
                    columns: &tb.columns,
                    rows: &tb.rows,
                    as_of: tb.as_of.as_deref(),
                    source: tb.source.as_deref(),
                    notes: &tb.notes,
                    topic: Some(&tp.id),
                }
            }
            TableRef::Comparison(i) => {
                let c = catalog.comparisons().get(i)?;
                Data {
                    id: TableId::Comparison(c.id.clone()),
                    title: &c.title,
                    kind: "comparison",
                    columns: &c.columns,
                    rows: &c.rows,
                    as_of: c.as_of.as_deref(),
                    source: c.source.as_deref().or(c.sources.first().map(String::as_str)),
                    notes: &c.notes,
                    topic: c.topics.first().map(|t| t.get_ref().as_str()),
                }
            }
        })
    }
}
