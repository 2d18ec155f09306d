//! Typed ids for what is addressed by more than one string.
//!
//! A topic's table is `topic/table` where it is shown or searched; inside the program it is a
//! [`TableId`], built and split here only.

use std::fmt;

/// A table the tables screen shows: one of a topic's tables, or a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TableId {
    /// Table `table` of topic `topic`.
    Topic { topic: String, table: String },
    /// A comparison, by its id.
    Comparison(String),
}

impl TableId {
    /// Table `table` of topic `topic`.
    pub fn topic(topic: &str, table: &str) -> TableId {
        TableId::Topic { topic: topic.to_string(), table: table.to_string() }
    }

    /// From the joined form ("topic/table", or a comparison id), as search hits carry it.
    pub fn parse(id: &str) -> TableId {
        match id.split_once('/') {
            Some((topic, table)) => TableId::topic(topic, table),
            None => TableId::Comparison(id.to_string()),
        }
    }
}

impl fmt::Display for TableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TableId::Topic { topic, table } => write!(f, "{topic}/{table}"),
            TableId::Comparison(id) => f.write_str(id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_ids_round_trip() {
        for id in ["codedeploy/hooks", "blue-green-vs-canary"] {
            assert_eq!(TableId::parse(id).to_string(), id);
        }
        assert_eq!(TableId::parse("a/b"), TableId::topic("a", "b"));
    }
}
