//! The review screen's state and use cases: today's queue for a deck (or one topic's cards),
//! reveal, grade with the interval each button gives, undo, suspend, bury, and ordering cards
//! rearranged with keys.
//!
//! Every grade goes through [`Study::grade`], which commits before it returns, exactly as
//! `dopdeck grade` does; the next card is then read from a fresh queue, so the screen never
//! shows a card the scheduler would not.
//!
//! Cram mode (issue 21, `c` on the dashboard or a topic page) is the exception, like
//! `dopdeck review --cram`: it shows every item of the deck or topic whatever its due date,
//! weakest first ([`Study::cram_items`]), and any key that would grade only records the item as
//! seen ([`Study::record_cram`]) — no grade, so FSRS state and due dates stay as they were.
//!
//! This file holds the state and what the keys do to the card on screen; `session` starts
//! sessions (deck, topic, cram, one item) and draws the next card; [`view`] draws.
//!
//! [`Study::grade`]: crate::study::Study::grade
//! [`Study::cram_items`]: crate::study::Study::cram_items
//! [`Study::record_cram`]: crate::study::Study::record_cram

#![deny(clippy::indexing_slicing)]

mod session;
pub mod view;

use std::time::Instant;

use crate::content::Catalog;
use crate::content::schema::Deck;
use crate::srs::{CardState, DueCounts, QueueKind, Rating};
use crate::study::{Refusal, StudyError};
use crate::text::time::short_interval;

use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::{Ctx, Outcome, Screen, View};
use ratatui::Frame;
use ratatui::layout::Rect;
pub use session::shuffled_steps;
use session::{card, deck_of, is_sequence, sequence_len};

/// Which cards the session draws from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A deck of the material, by id.
    Deck(String),
    /// One topic's cards, through a deck made for the session (no daily new limit: the learner
    /// asked for this topic).
    Topic { topic: String, deck: Box<Deck> },
}

/// The card on screen.
#[derive(Debug, Clone)]
pub struct Card {
    pub id: String,
    /// Why it is queued; `None` when opened from search.
    pub kind: Option<QueueKind>,
    pub revealed: bool,
    /// The state each button would give (Again, Hard, Good, Easy), read when the card appears.
    pub preview: [CardState; 4],
    /// When the card appeared, for the answer time stored with the grade.
    pub shown: Instant,
    /// Ordering cards: the learner's arrangement (indices into the sequence's steps) and cursor.
    pub order: Vec<usize>,
    pub cursor: usize,
    /// Lines scrolled down in a long card.
    pub scroll: u16,
}

/// A cram session: the items still to show (the card on screen excluded) and how many were seen.
#[derive(Debug, Clone, Default)]
pub struct Cram {
    pub left: std::collections::VecDeque<String>,
    pub seen: u32,
}

/// The review screen.
#[derive(Debug, Clone)]
pub struct ReviewState {
    pub source: Source,
    pub card: Option<Card>,
    /// Whether the card came from search rather than the queue.
    pub single: bool,
    /// What is left today (the card on screen included).
    pub counts: DueCounts,
    /// Grades given in this session.
    pub reviewed: u32,
    /// Cram mode: `Some` while cramming (nothing is rescheduled).
    pub cram: Option<Cram>,
    loaded: bool,
}

impl ReviewState {
    /// A session over deck `deck` (loaded when the screen is first shown).
    pub fn new(deck: &str) -> ReviewState {
        ReviewState {
            source: Source::Deck(deck.to_string()),
            card: None,
            single: false,
            counts: DueCounts { new: 0, learning: 0, review: 0, next_due: None },
            reviewed: 0,
            cram: None,
            loaded: false,
        }
    }

    /// The deck the session draws from.
    pub fn deck<'a>(&'a self, catalog: &'a Catalog) -> Option<&'a Deck> {
        deck_of(&self.source, catalog)
    }

    /// The key context.
    pub fn context(&self, catalog: &Catalog) -> Context {
        match &self.card {
            None if self.cram.is_some() => Context::CramDone,
            Some(c) if self.cram.is_some() => {
                if c.revealed {
                    Context::CramBack
                } else {
                    Context::CramFront
                }
            }
            None => Context::ReviewDone,
            Some(c) if c.revealed => Context::ReviewBack,
            Some(c) if is_sequence(catalog, &c.id) => Context::ReviewOrdering,
            Some(_) => Context::ReviewFront,
        }
    }

    /// Carries out `action`.
    pub fn update(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        if self.cram.is_some() {
            return self.cram_update(action, ctx);
        }
        match action {
            Action::Back if self.single => {
                self.next(ctx)?;
                Ok(Outcome::Consumed)
            }
            Action::Select if self.card.is_none() => {
                self.next(ctx)?;
                if self.card.is_none() {
                    ctx.say("Still nothing due.");
                }
                Ok(Outcome::Consumed)
            }
            Action::Tick => {
                // A learning card coming due while the "done" screen is up.
                let due = self.card.is_none() && self.counts.next_due.is_some_and(|t| t <= ctx.now);
                if due {
                    self.next(ctx)?;
                }
                Ok(Outcome::Consumed)
            }
            Action::Undo => self.undo(ctx),
            _ if self.card.is_some() => self.card_action(action, ctx),
            _ => Ok(Outcome::Ignored),
        }
    }

    fn card_action(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        let Some(card) = self.card.as_mut() else { return Ok(Outcome::Ignored) };
        let steps = sequence_len(ctx.catalog, &card.id);
        match action {
            Action::Reveal => card.revealed = true,
            Action::Grade(_) if !card.revealed => ctx.say("Show the answer first: Space."),
            Action::Grade(rating) => return self.grade(rating, ctx),
            Action::Up if steps > 0 => card.cursor = card.cursor.saturating_sub(1),
            Action::Down if steps > 0 => card.cursor = (card.cursor + 1).min(steps - 1),
            Action::MoveUp if steps > 0 && !card.revealed && card.cursor > 0 => {
                card.order.swap(card.cursor, card.cursor - 1);
                card.cursor -= 1;
            }
            Action::MoveDown if steps > 0 && !card.revealed && card.cursor + 1 < steps => {
                card.order.swap(card.cursor, card.cursor + 1);
                card.cursor += 1;
            }
            Action::PageDown => card.scroll = card.scroll.saturating_add(5),
            Action::PageUp => card.scroll = card.scroll.saturating_sub(5),
            Action::Suspend => {
                let id = card.id.clone();
                ctx.study.suspend(&id)?;
                ctx.say(format!("Suspended {id} — `dopdeck unsuspend {id}` brings it back."));
                self.next(ctx)?;
                return Ok(Outcome::Changed);
            }
            Action::Bury => {
                let id = card.id.clone();
                let n = ctx.study.bury(&id, ctx.now)?;
                let siblings = if n == 0 { String::new() } else { format!(" and {n} sibling(s)") };
                ctx.say(format!("Buried {id}{siblings} until tomorrow."));
                self.next(ctx)?;
                return Ok(Outcome::Changed);
            }
            _ => return Ok(Outcome::Ignored),
        }
        Ok(Outcome::Consumed)
    }

    /// Cram mode: reveal, then any grade key records the item as seen and moves on; nothing
    /// that would change a schedule (grade, undo, suspend, bury) is run.
    fn cram_update(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        match (action, self.card.as_ref()) {
            (Action::Grade(_), Some(card)) if card.revealed => {
                let id = card.id.clone();
                ctx.study.record_cram(&id, ctx.now)?;
                if let Some(cram) = self.cram.as_mut() {
                    cram.seen += 1;
                }
                self.next(ctx)?;
                if self.card.is_none() {
                    let seen = self.cram.as_ref().map_or(0, |c| c.seen);
                    ctx.cheer(format!("Crammed {seen} item(s); their schedules are unchanged."));
                }
                Ok(Outcome::Consumed)
            }
            (Action::Undo | Action::Suspend | Action::Bury, _) => {
                ctx.say("Cramming changes no schedule: review normally to undo, suspend or bury.");
                Ok(Outcome::Consumed)
            }
            (Action::Select, None) => {
                // Leave cram mode for the ordinary queue of the same deck or topic.
                self.cram = None;
                self.next(ctx)?;
                Ok(Outcome::Consumed)
            }
            (Action::Tick, _) => Ok(Outcome::Consumed),
            (_, Some(_)) => self.card_action(action, ctx),
            (_, None) => Ok(Outcome::Ignored),
        }
    }

    fn grade(&mut self, rating: Rating, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        let Some(card) = self.card.take() else { return Ok(Outcome::Ignored) };
        let ms = u32::try_from(card.shown.elapsed().as_millis()).unwrap_or(u32::MAX);
        let reviewed = ctx.study.grade(&card.id, rating, ctx.now, deck_of(&self.source, ctx.catalog), Some(ms))?;
        self.reviewed += 1;
        let label = rating.as_str();
        ctx.cheer(format!(
            "{}{} → again in {}",
            label[..1].to_uppercase(),
            &label[1..],
            short_interval(ctx.now, reviewed.card.due)
        ));
        self.next(ctx)?;
        Ok(Outcome::Changed)
    }

    fn undo(&mut self, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        match ctx.study.undo() {
            Ok(undone) => {
                self.reviewed = self.reviewed.saturating_sub(1);
                let id = undone.log.item_id;
                ctx.say(format!("Undid {} on {id}: it is back on screen.", undone.log.rating.as_str()));
                if let Some(deck) = deck_of(&self.source, ctx.catalog) {
                    self.counts = ctx.queue(deck)?.1;
                }
                self.card = match ctx.catalog.item(&id) {
                    Some(_) => Some(card(ctx.study, &id, None, ctx.now, deck_of(&self.source, ctx.catalog))?),
                    None => None,
                };
                Ok(Outcome::Changed)
            }
            Err(StudyError::Session(Refusal::NothingToUndo)) => {
                ctx.say("Nothing to undo.");
                Ok(Outcome::Consumed)
            }
            Err(e) => Err(e),
        }
    }

    /// The session's name for the progress line.
    pub fn title(&self, catalog: &Catalog) -> String {
        self.deck(catalog).map_or_else(|| "no deck".to_string(), |d| d.name.clone())
    }

    /// Share of the session done: grades given over grades given plus what is left.
    pub fn progress(&self) -> (u32, u32) {
        if let Some(c) = &self.cram {
            let left = c.left.len() as u32 + u32::from(self.card.is_some());
            return (c.seen, c.seen + left);
        }
        let left = self.counts.new + self.counts.learning + self.counts.review;
        (self.reviewed, self.reviewed + left)
    }
}

impl Screen for ReviewState {
    fn context(&self, catalog: &Catalog) -> Context {
        ReviewState::context(self, catalog)
    }

    fn update(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        ReviewState::update(self, action, ctx)
    }

    fn render(&mut self, f: &mut Frame, area: Rect, v: &View) {
        view::render(self, f, area, v);
    }
}
