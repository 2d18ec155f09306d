//! Which card the review screen shows: starting a session over a deck, a topic's cards, a
//! cram of either, or one item from search, and reading the next card from a fresh queue after
//! every grade, so the screen never shows a card the scheduler would not.

use std::time::Instant;

use super::{Card, Cram, ReviewState, Source};
use crate::content::schema::{Deck, DeckInclude};
use crate::content::{Catalog, ItemSource, derive};
use crate::srs::QueueKind;
use crate::study::cram::CramScope;
use crate::study::{Study, StudyError};
use crate::tui::screens::Ctx;

impl ReviewState {
    /// Loads the queue the first time the screen is shown.
    pub fn enter(&mut self, ctx: &mut Ctx<'_, '_>) -> Result<(), StudyError> {
        if self.cram.is_some() && self.card.is_none() {
            // A finished cram session: back to the ordinary queue.
            self.cram = None;
        }
        if !self.loaded || self.card.is_none() {
            self.next(ctx)?;
        }
        Ok(())
    }

    /// Starts a session over deck `id`.
    pub fn start_deck(&mut self, id: &str, ctx: &mut Ctx<'_, '_>) -> Result<(), StudyError> {
        ctx.study.deck(id)?;
        *self = ReviewState::new(id);
        self.next(ctx)
    }

    /// Starts a session over the cards of `topic`.
    pub fn start_topic(&mut self, topic: &str, ctx: &mut Ctx<'_, '_>) -> Result<(), StudyError> {
        let name = ctx.catalog.topic(topic).map_or(topic.to_string(), |t| t.name.clone());
        let deck = Deck {
            id: format!("topic:{topic}"),
            name: format!("{name} cards"),
            description: String::new(),
            new_per_day: 9_999,
            reviews_per_day: 9_999,
            desired_retention: crate::content::Spanned::new(0..0, ctx.study.scheduler().desired_retention),
            include: DeckInclude {
                topics: vec![crate::content::Spanned::new(0..0, topic.to_string())],
                ..DeckInclude::default()
            },
        };
        *self = ReviewState {
            source: Source::Topic { topic: topic.to_string(), deck: Box::new(deck) },
            ..ReviewState::new("")
        };
        self.next(ctx)
    }

    /// Starts a cram session over deck `id`: every item whatever its due date, weakest first.
    pub fn start_cram_deck(&mut self, id: &str, ctx: &mut Ctx<'_, '_>) -> Result<(), StudyError> {
        let deck = ctx.study.deck(id)?;
        let left = ctx.study.cram_items(&CramScope::Deck(deck), ctx.now)?;
        *self = ReviewState::new(id);
        self.begin_cram(left, ctx)
    }

    /// Starts a cram session over the items of `topic`.
    pub fn start_cram_topic(&mut self, topic: &str, ctx: &mut Ctx<'_, '_>) -> Result<(), StudyError> {
        let left = ctx.study.cram_items(&CramScope::Topic(topic.to_string()), ctx.now)?;
        self.start_topic(topic, ctx)?;
        self.begin_cram(left, ctx)
    }

    fn begin_cram(&mut self, left: Vec<String>, ctx: &mut Ctx<'_, '_>) -> Result<(), StudyError> {
        if left.is_empty() {
            ctx.say("Nothing to cram here.");
        }
        self.cram = Some(Cram { left: left.into(), seen: 0 });
        self.next(ctx)
    }

    /// Shows one item outside the queue (from search); grading it returns to the queue.
    pub fn open_item(&mut self, id: &str, ctx: &mut Ctx<'_, '_>) -> Result<(), StudyError> {
        self.cram = None;
        self.card = Some(card(ctx.study, id, None, ctx.now, deck_of(&self.source, ctx.catalog))?);
        self.single = true;
        self.loaded = true;
        Ok(())
    }

    /// Reads the queue and shows its first card, or nothing when the session is done.
    pub(super) fn next(&mut self, ctx: &mut Ctx<'_, '_>) -> Result<(), StudyError> {
        self.loaded = true;
        self.single = false;
        if let Some(cram) = self.cram.as_mut() {
            let id = cram.left.pop_front();
            self.card = match id {
                Some(id) => Some(card(ctx.study, &id, None, ctx.now, deck_of(&self.source, ctx.catalog))?),
                None => None,
            };
            return Ok(());
        }
        let Some(deck) = deck_of(&self.source, ctx.catalog) else {
            self.card = None;
            return Ok(());
        };
        let (queue, counts) = ctx.queue(deck)?;
        self.counts = counts;
        // The queue is rebuilt after every grade and continues the day's interleave of domains
        // (see `srs::queue`), so its first entry is always the right next card.
        self.card = match queue.first() {
            Some(e) => Some(card(ctx.study, &e.id, Some(e.kind), ctx.now, Some(deck))?),
            None => None,
        };
        Ok(())
    }
}

/// The deck `source` draws from (a free function, so it borrows only the source).
pub(super) fn deck_of<'a>(source: &'a Source, catalog: &'a Catalog) -> Option<&'a Deck> {
    match source {
        Source::Deck(id) => catalog.deck(id),
        Source::Topic { deck, .. } => Some(deck),
    }
}

/// A card for `id` with its button previews and, for an ordering card, the shuffled steps.
pub(super) fn card(
    study: &Study<'_>,
    id: &str,
    kind: Option<QueueKind>,
    now: chrono::DateTime<chrono::Utc>,
    deck: Option<&Deck>,
) -> Result<Card, StudyError> {
    let preview = study.preview(id, now, deck)?;
    Ok(Card {
        id: id.to_string(),
        kind,
        revealed: false,
        preview,
        shown: Instant::now(),
        order: shuffled_steps(study.catalog(), id),
        cursor: 0,
        scroll: 0,
    })
}

/// An ordering card's steps in the order its front shows them (the catalog's stable shuffle).
pub fn shuffled_steps(catalog: &Catalog, id: &str) -> Vec<usize> {
    let Some(item) = catalog.item(id) else { return Vec::new() };
    let ItemSource::Sequence { topic, sequence } = item.source else { return Vec::new() };
    let Some(steps) = catalog.topics().get(topic).and_then(|t| t.sequences.get(sequence)).map(|s| &s.steps) else {
        return Vec::new();
    };
    let mut order: Vec<(usize, u64)> =
        steps.iter().enumerate().map(|(i, step)| (i, derive::stable_hash(&format!("{}/{step}", item.id)))).collect();
    order.sort_by_key(|&(_, hash)| hash);
    order.into_iter().map(|(i, _)| i).collect()
}

pub(super) fn sequence_len(catalog: &Catalog, id: &str) -> usize {
    match catalog.item(id).map(|i| i.source) {
        Some(ItemSource::Sequence { topic, sequence }) => {
            catalog.topics().get(topic).and_then(|t| t.sequences.get(sequence)).map_or(0, |s| s.steps.len())
        }
        _ => 0,
    }
}

pub(super) fn is_sequence(catalog: &Catalog, id: &str) -> bool {
    sequence_len(catalog, id) > 0
}
