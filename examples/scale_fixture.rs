//! Writes a scale fixture: a content tree of N items and a progress database of M reviews.
//!
//! ```text
//! cargo run --release --example scale_fixture -- DIR ITEMS REVIEWS [NOW]
//! ```
//!
//! `DIR/content` and `DIR/decks` hold the material: the shipped tree (when ITEMS is at least
//! its size; otherwise only its exam blueprint and daily deck) plus generated topics of
//! 100 written cards each, until the tree holds ITEMS items (0: the shipped tree as it is).
//! `DIR/progress.db` is created with the store's own migrations and gets REVIEWS reviews spread
//! over the two years before NOW (RFC 3339, default `2026-12-02T09:00:00Z`; pin the commands to it with `DOPDECK_NOW`),
//! about five per reviewed item, with every reviewed item in the review or relearning state.
//! The output is the same for the same arguments. Measure with, for example:
//!
//! ```text
//! DOPDECK_NOW=2026-12-02T09:00:00Z hyperfine -N --warmup 3 \
//!   'dopdeck --version' \
//!   'dopdeck --content DIR --db DIR/progress.db due' \
//!   'dopdeck --content DIR --db DIR/progress.db stats'
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Duration, Utc};
use dopdeck::content::{self, ItemKind};
use dopdeck::srs::{CardState, Rating, ReviewLog, State};
use dopdeck::store::Store;

/// Written cards per generated topic file.
const CARDS_PER_TOPIC: usize = 100;

/// Reviews per reviewed item, on average.
const REVIEWS_PER_ITEM: usize = 5;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, items, reviews, rest @ ..] = args.as_slice() else {
        bail!("usage: scale_fixture DIR ITEMS REVIEWS [NOW]");
    };
    let dir = PathBuf::from(dir);
    let items: usize = items.parse().context("ITEMS")?;
    let reviews: usize = reviews.parse().context("REVIEWS")?;
    let now = match rest.first() {
        Some(t) => DateTime::parse_from_rfc3339(t).context("NOW")?.with_timezone(&Utc),
        None => DateTime::parse_from_rfc3339("2026-12-02T09:00:00Z")?.with_timezone(&Utc),
    };
    if dir.join("progress.db").exists() {
        bail!("{} already holds a progress.db; pick an empty directory", dir.display());
    }
    let started = Instant::now();
    write_content(&dir, items)?;
    let (files, unread) = content::source::read_directory(&dir)?;
    let catalog = match content::load(&files) {
        Ok(c) if unread.is_empty() => c,
        Ok(_) => bail!("unreadable files: {unread:?}"),
        Err(problems) => bail!("generated material is invalid: {}", problems[0]),
    };
    eprintln!("content: {} items in {:.1?}", catalog.items().len(), started.elapsed());
    // Questions join queues only once answered; reviews go to cards, as a learner's would.
    let ids: Vec<&str> =
        catalog.items().iter().filter(|i| i.kind != ItemKind::Question).map(|i| i.id.as_str()).collect();
    write_progress(&dir.join("progress.db"), &ids, reviews, now)?;
    eprintln!("progress: {reviews} reviews in {:.1?}", started.elapsed());
    Ok(())
}

/// Writes the material: the shipped tree (or its skeleton) plus generated topics.
pub fn write_content(dir: &Path, items: usize) -> Result<()> {
    let shipped = content::source::embedded();
    let whole = content::load(&shipped).map_err(|p| anyhow::anyhow!("shipped material: {}", p[0]))?;
    let keep_all = items == 0 || items >= whole.items().len();
    let mut count = if keep_all { whole.items().len() } else { 0 };
    for file in &shipped {
        let skeleton = file.path == "content/exam.toml" || file.path == "decks/daily.toml";
        if keep_all || skeleton {
            write(&dir.join(&file.path), &file.bytes)?;
        }
    }
    let tasks: Vec<String> =
        whole.exam.domains.iter().flat_map(|d| d.tasks.iter().map(|t| t.id.get_ref().clone())).collect();
    let mut topic = 0;
    while count < items {
        topic += 1;
        let cards = CARDS_PER_TOPIC.min(items - count);
        let task = &tasks[topic % tasks.len()];
        let mut text = format!(
            "name = \"Scale topic {topic}\"\nkind = \"concept\"\ncategory = \"Management and Governance\"\n\
             aliases = [\"scale{topic}\"]\ntasks = [\"{task}\"]\nstatus = \"active\"\n\
             summary = \"Generated topic {topic} of the scale fixture.\"\n\
             docs = [\"https://docs.aws.amazon.com/\"]\nrelated = []\n\n\
             [[section]]\ntitle = \"Generated\"\npoints = [\"Generated point.\"]\n"
        );
        for card in 0..cards {
            let _ = write!(
                text,
                "\n[[card]]\nid = \"c{card:03}\"\ntask = \"{task}\"\n\
                 front = \"Scale topic {topic}, question {card}: which quota applies?\"\n\
                 back = \"Answer {card} of topic {topic}: the default quota of {} per Region.\"\n",
                card * 7 + topic
            );
        }
        write(&dir.join(format!("content/topics/scale-{topic:05}.toml")), text.as_bytes())?;
        count += cards;
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).with_context(|| path.display().to_string())
}

/// A small deterministic generator (xorshift64*), so the same arguments give the same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Creates the database with the store's migrations and loads the history in one transaction.
pub fn write_progress(path: &Path, ids: &[&str], reviews: usize, now: DateTime<Utc>) -> Result<()> {
    let store = Store::open(path)?;
    if reviews == 0 || ids.is_empty() {
        return Ok(());
    }
    let reviewed = ids.len().min(reviews.div_ceil(REVIEWS_PER_ITEM));
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let span = 2 * 365 * 86_400;
    let mut states = Vec::with_capacity(reviewed);
    let mut logs = Vec::with_capacity(reviews);
    for (n, id) in ids.iter().take(reviewed).enumerate() {
        // This item's share of the reviews, the remainder spread over the first items.
        let k = reviews / reviewed + usize::from(n < reviews % reviewed);
        let mut at = now - Duration::seconds(span);
        let step = span / (k as i64 + 1);
        let (mut stability, difficulty) = (1.0, 3.0 + rng.below(60) as f64 / 10.0);
        let mut state = State::New;
        let mut lapses = 0;
        for _ in 0..k {
            at += Duration::seconds(step / 2 + rng.below(step as u64 / 2 + 1) as i64);
            let rating = match rng.below(10) {
                0 => Rating::Again,
                1 => Rating::Hard,
                9 => Rating::Easy,
                _ => Rating::Good,
            };
            let after =
                if rating == Rating::Again && state == State::Review { State::Relearning } else { State::Review };
            if after == State::Relearning {
                lapses += 1;
            }
            stability = if rating == Rating::Again { (stability / 3.0_f64).max(0.5) } else { stability * 2.5 };
            logs.push(ReviewLog {
                item_id: (*id).to_string(),
                reviewed_at: at,
                rating,
                state_before: state,
                state_after: after,
                stability,
                difficulty,
                elapsed_days: (step / 86_400) as u32,
                scheduled_days: stability.round() as u32,
                last_interval_days: (step / 86_400) as u32,
                duration_ms: Some(3_000 + rng.below(20_000) as u32),
            });
            state = after;
        }
        let due = now + Duration::hours(rng.below(60 * 24) as i64 - 10 * 24);
        let card = CardState {
            state: if state == State::Relearning { State::Relearning } else { State::Review },
            step: (state == State::Relearning).then_some(0),
            stability: Some(stability),
            difficulty: Some(difficulty),
            due,
            last_review: Some(at),
            reps: k as u32,
            lapses,
        };
        states.push(((*id).to_string(), card));
    }
    // Stored in time order, as a learner's history would be.
    logs.sort_by_key(|l| l.reviewed_at);
    store.bulk_load(states.iter().map(|(id, c)| (id.as_str(), c)), logs)?;
    Ok(())
}
