//! What a search returns: hits and their kinds.

use serde::Serialize;

/// What a hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Topic,
    Card,
    Question,
    Table,
    Comparison,
    Strategy,
}

impl HitKind {
    /// Every kind, in the order of its code in the binary form.
    const ALL: [HitKind; 6] =
        [HitKind::Topic, HitKind::Card, HitKind::Question, HitKind::Table, HitKind::Comparison, HitKind::Strategy];

    /// The kind's code in the binary form.
    pub(super) fn code(self) -> u8 {
        match self {
            HitKind::Topic => 0,
            HitKind::Card => 1,
            HitKind::Question => 2,
            HitKind::Table => 3,
            HitKind::Comparison => 4,
            HitKind::Strategy => 5,
        }
    }

    /// The kind with code `code`, if any.
    pub(super) fn from_code(code: u8) -> Option<HitKind> {
        HitKind::ALL.get(usize::from(code)).copied()
    }

    /// Ranking bonus: pages before the facts on them.
    pub(super) fn weight(self) -> i64 {
        match self {
            HitKind::Topic => 300,
            HitKind::Strategy | HitKind::Comparison => 200,
            HitKind::Table => 150,
            HitKind::Card | HitKind::Question => 0,
        }
    }

    /// Ranking bonus for things pulled up behind a matched service: its tables first, then
    /// comparisons, cards and questions; strategies that merely offer a setting last.
    pub(super) fn pulled_weight(self) -> i64 {
        match self {
            HitKind::Table => 400,
            HitKind::Comparison => 300,
            HitKind::Card | HitKind::Question => 100,
            HitKind::Topic | HitKind::Strategy => 0,
        }
    }

    /// A short label for lists.
    pub fn label(self) -> &'static str {
        match self {
            HitKind::Topic => "topic",
            HitKind::Card => "card",
            HitKind::Question => "question",
            HitKind::Table => "table",
            HitKind::Comparison => "comparison",
            HitKind::Strategy => "strategy",
        }
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub kind: HitKind,
    /// Topic id, item id, `topic/table` id, comparison or strategy id.
    pub id: String,
    pub title: String,
    pub score: i64,
    /// Character positions in `title` that matched, for highlighting.
    #[serde(skip)]
    pub indices: Vec<usize>,
}
