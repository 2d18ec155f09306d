//! The material's data model: serde structs that mirror the TOML files one to one.
//!
//! Fields that validation must point at (ids, task references, topic references, rows, `choose`)
//! are wrapped in [`Spanned`] (ours, which also survives the binary snapshot) so a problem can name its line and column. Every struct denies
//! unknown keys, so a misspelt key is reported instead of silently ignored. The arrays of tables
//! (`[[card]]`, `[[question]]` …) are parsed element by element by [`super::parse`], which is why
//! they carry `#[serde(default)]`: the header is deserialized with them removed.
//!
//! See `docs/CONTENT.md` for the format as authors see it.

use super::spanned::Spanned;
use serde::{Deserialize, Serialize};

/// `content/exam.toml`: the exam blueprint.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Exam {
    pub code: String,
    pub name: String,
    /// Questions presented in one sitting (75).
    pub questions: u32,
    /// Questions that count (65); the rest are unscored.
    pub scored: u32,
    pub minutes: u32,
    pub passing_score: u32,
    pub score_min: u32,
    pub score_max: u32,
    pub source: String,
    #[serde(rename = "domain")]
    pub domains: Vec<Domain>,
}

/// One of the six exam domains.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub number: Spanned<u8>,
    pub slug: String,
    pub name: String,
    /// Percent of scored content.
    pub weight: u32,
    #[serde(rename = "task")]
    pub tasks: Vec<Task>,
}

/// A task statement such as `1.4`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: Spanned<String>,
    pub title: String,
    pub scope: String,
}

/// Service or concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TopicKind {
    Service,
    Concept,
}

/// Whether a service is current, or retired/renamed and kept for people who meet the old name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Active,
    Legacy,
}

/// `content/topics/<id>.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// The file stem; set by the loader.
    #[serde(skip)]
    pub id: String,
    pub name: String,
    pub kind: TopicKind,
    pub category: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub tasks: Vec<Spanned<String>>,
    #[serde(default)]
    pub status: Status,
    pub summary: String,
    pub docs: Vec<String>,
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
    #[serde(default, rename = "section")]
    pub sections: Vec<Section>,
    #[serde(default, rename = "table")]
    pub tables: Vec<Table>,
    #[serde(default, rename = "sequence")]
    pub sequences: Vec<Sequence>,
    #[serde(default, rename = "card")]
    pub cards: Vec<Card>,
}

/// A titled list of points on a topic page.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: String,
    pub points: Vec<String>,
}

/// Limits tables carry figures that go stale; reference tables carry names and options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TableKind {
    Limits,
    Reference,
}

/// A table on a topic page.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub id: Spanned<String>,
    pub title: String,
    pub kind: TableKind,
    pub columns: Vec<String>,
    pub rows: Vec<Spanned<Vec<String>>>,
    pub as_of: Option<String>,
    pub source: Option<String>,
    pub task: Option<Spanned<String>>,
    #[serde(default)]
    pub cards: bool,
    #[serde(default)]
    pub notes: Vec<String>,
    /// Earlier ids of this item: progress recorded under them moves to this id when a
    /// database is opened (see docs/CONTENT.md, "Renaming keeps progress").
    #[serde(default)]
    pub replaces: Vec<Spanned<String>>,
}

/// Ordered steps, drilled as an ordering card.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sequence {
    pub id: Spanned<String>,
    pub title: String,
    pub steps: Vec<String>,
    pub task: Option<Spanned<String>>,
    pub source: Option<String>,
    /// Earlier ids of this item: progress recorded under them moves to this id when a
    /// database is opened (see docs/CONTENT.md, "Renaming keeps progress").
    #[serde(default)]
    pub replaces: Vec<Spanned<String>>,
}

/// A written flashcard.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: Spanned<String>,
    pub task: Spanned<String>,
    pub front: String,
    pub back: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub source: Option<String>,
    /// Earlier ids of this item: progress recorded under them moves to this id when a
    /// database is opened (see docs/CONTENT.md, "Renaming keeps progress").
    #[serde(default)]
    pub replaces: Vec<Spanned<String>>,
}

/// `content/comparisons/<id>.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    #[serde(skip)]
    pub id: String,
    pub title: String,
    pub topics: Vec<Spanned<String>>,
    pub tasks: Vec<Spanned<String>>,
    pub columns: Vec<String>,
    pub rows: Vec<Spanned<Vec<String>>>,
    #[serde(default)]
    pub notes: Vec<String>,
    pub as_of: Option<String>,
    pub source: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub cards: bool,
}

/// A scenario question from `content/questions/<domain-slug>/*.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: Spanned<String>,
    pub task: Spanned<String>,
    pub topics: Vec<Spanned<String>>,
    #[serde(default)]
    pub strategies: Vec<Spanned<String>>,
    pub choose: Spanned<u32>,
    pub stem: String,
    pub explanation: String,
    pub refs: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(rename = "option")]
    pub options: Vec<Spanned<QuestionOption>>,
    /// Earlier ids of this item: progress recorded under them moves to this id when a
    /// database is opened (see docs/CONTENT.md, "Renaming keeps progress").
    #[serde(default)]
    pub replaces: Vec<Spanned<String>>,
}

/// One answer option; every option explains why it is right or wrong.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionOption {
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    pub why: Option<String>,
}

/// The simulation model behind a deployment-strategy walkthrough.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StrategyModel {
    SingleTarget,
    AllAtOnce,
    MinInService,
    Rolling,
    RollingExtraBatch,
    Immutable,
    BlueGreen,
    RedBlack,
    Canary,
    Linear,
    AbTest,
}

impl Question {
    /// The indices of the correct options, ascending: what a right answer is, in one place.
    pub fn correct_options(&self) -> Vec<usize> {
        self.options.iter().enumerate().filter(|(_, o)| o.get_ref().correct).map(|(i, _)| i).collect()
    }
}

impl StrategyModel {
    /// Every model, in teaching order: from one instance updated in place to traffic shifted by
    /// weight. Lists, benches and property tests iterate this instead of spelling it out.
    pub const ALL: [StrategyModel; 11] = [
        StrategyModel::SingleTarget,
        StrategyModel::AllAtOnce,
        StrategyModel::MinInService,
        StrategyModel::Rolling,
        StrategyModel::RollingExtraBatch,
        StrategyModel::Immutable,
        StrategyModel::BlueGreen,
        StrategyModel::RedBlack,
        StrategyModel::Canary,
        StrategyModel::Linear,
        StrategyModel::AbTest,
    ];
}

/// Default parameters of a walkthrough; the user can change them.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StrategyParams {
    pub fleet: Option<u32>,
    pub batch: Option<u32>,
    pub percent: Option<u32>,
    pub bake_minutes: Option<u32>,
    pub interval_minutes: Option<u32>,
    pub min_healthy: Option<u32>,
}

/// Where AWS offers a strategy and the setting that selects it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AwsSetting {
    pub topic: Spanned<String>,
    pub setting: String,
    pub note: Option<String>,
}

/// `content/strategies/<id>.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    #[serde(skip)]
    pub id: String,
    pub name: String,
    pub model: StrategyModel,
    pub summary: String,
    #[serde(default)]
    pub tasks: Vec<Spanned<String>>,
    #[serde(default)]
    pub params: StrategyParams,
    pub downtime: String,
    pub deploy_time: Spanned<u8>,
    pub extra_cost: String,
    pub rollback: String,
    #[serde(default)]
    pub pros: Vec<String>,
    #[serde(default)]
    pub cons: Vec<String>,
    #[serde(default)]
    pub phases: Vec<String>,
    #[serde(default)]
    pub docs: Vec<String>,
    #[serde(default)]
    pub aws: Vec<AwsSetting>,
}

/// What a deck selects; every list given must match (an empty include selects everything).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DeckInclude {
    #[serde(default)]
    pub domains: Vec<Spanned<u8>>,
    #[serde(default)]
    pub tasks: Vec<Spanned<String>>,
    #[serde(default)]
    pub topics: Vec<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub kinds: Vec<Spanned<String>>,
}

/// `decks/<id>.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Deck {
    #[serde(skip)]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_new_per_day")]
    pub new_per_day: u32,
    #[serde(default = "default_reviews_per_day")]
    pub reviews_per_day: u32,
    #[serde(default = "default_retention")]
    pub desired_retention: Spanned<f64>,
    #[serde(default)]
    pub include: DeckInclude,
}

fn default_new_per_day() -> u32 {
    20
}

fn default_reviews_per_day() -> u32 {
    200
}

fn default_retention() -> Spanned<f64> {
    Spanned::new(0..0, 0.90)
}
