//! Hot paths of daily review: what `dopdeck due` computes, and committing a grade.
//!
//! Two sizes, as in issue 3: 1,500 items with 7,500 reviews (a real deck after some weeks) and
//! 100,000 items with 2,000,000 reviews (a stress size).
//!
//! - `srs/due …`: from an in-memory image of the store (item rows by id, the review log sorted
//!   by time), build the queue candidates, count today's work from today's slice of the log
//!   and compute the due counts; `srs/queue …` builds the full ordered queue instead.
//! - `store/items …`, `store/review_logs_since today …`: the store side of `dopdeck due` on a
//!   real file. `store/open …` opens the file, with the integrity check on every open or daily.
//! - `store/record_review`: one grade committed to a file (WAL, `synchronous = FULL`).

use std::collections::HashMap;
use std::hint::black_box;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dopdeck::srs::stats;
use dopdeck::srs::{
    self, CardState, DailyLimits, DoneToday, QueueCandidate, QueueParams, Rating, ReviewLog, SchedulerConfig, State,
};
use dopdeck::store::{Durability, IntegrityCheck, OpenOptions, Store};

const DOMAIN_WEIGHTS: [(u8, u32); 6] = [(1, 22), (2, 17), (3, 18), (4, 15), (5, 14), (6, 14)];

fn now() -> DateTime<Utc> {
    "2025-06-10T10:00:00Z".parse().unwrap_or_default()
}

/// A small deterministic generator (no dependency needed for benchmark data).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// What the catalogue says about an item.
struct Meta {
    id: String,
    domain: u8,
    group: Option<String>,
}

/// An in-memory image of the store and catalogue.
struct World {
    items: Vec<Meta>,
    rows: HashMap<String, CardState>,
    logs: Vec<ReviewLog>,
}

/// 35 % new, 5 % learning, 60 % review (due from 5 days ago to 60 days ahead); reviews spread
/// over the last year, sorted by time.
fn world(items: usize, reviews: usize) -> World {
    let mut rng = Lcg(42);
    let now = now();
    let mut metas = Vec::with_capacity(items);
    let mut rows = HashMap::new();
    for i in 0..items {
        let id = format!("d{}/topic-{:05}/card-{i:06}", i % 6 + 1, i / 40);
        let group = (i % 5 == 0).then(|| format!("table-{}", i / 10));
        let kind = rng.below(100);
        if kind >= 35 {
            let learning = kind < 40;
            let due = if learning {
                now + Duration::minutes(rng.below(40) as i64 - 20)
            } else {
                now + Duration::hours(rng.below(65 * 24) as i64 - 5 * 24)
            };
            rows.insert(
                id.clone(),
                CardState {
                    state: if learning { State::Learning } else { State::Review },
                    step: learning.then_some(1),
                    stability: Some(1.0 + rng.below(2_000) as f64 / 10.0),
                    difficulty: Some(1.0 + rng.below(90) as f64 / 10.0),
                    due,
                    last_review: Some(due - Duration::days(rng.below(30) as i64 + 1)),
                    reps: 3,
                    lapses: 0,
                },
            );
        }
        metas.push(Meta { id, domain: (i % 6 + 1) as u8, group });
    }
    let mut logs: Vec<ReviewLog> = (0..reviews)
        .map(|_| {
            let item = &metas[rng.below(items as u64) as usize];
            ReviewLog {
                item_id: item.id.clone(),
                reviewed_at: now - Duration::seconds(rng.below(365 * 86_400) as i64),
                rating: Rating::from_u8(rng.below(4) as u8 + 1).unwrap_or(Rating::Good),
                state_before: if rng.below(10) == 0 { State::New } else { State::Review },
                state_after: State::Review,
                stability: 10.0,
                difficulty: 5.0,
                elapsed_days: 3,
                scheduled_days: 7,
                last_interval_days: 3,
                duration_ms: Some(4_000),
            }
        })
        .collect();
    logs.sort_by_key(|log| log.reviewed_at);
    World { items: metas, rows, logs }
}

fn candidates(world: &World) -> Vec<QueueCandidate<'_>> {
    world
        .items
        .iter()
        .map(|meta| QueueCandidate {
            id: meta.id.as_str().into(),
            domain: meta.domain,
            sibling_group: meta.group.as_deref().map(Into::into),
            topic: None,
            card: world.rows.get(&meta.id).cloned(),
            suspended: false,
            buried_until: None,
        })
        .collect()
}

fn done_today(cfg: &SchedulerConfig, world: &World) -> DoneToday {
    let start = cfg.day_start(cfg.study_day(now()));
    let first = world.logs.partition_point(|log| log.reviewed_at < start);
    stats::done_today(cfg, &world.logs[first..], now())
}

fn params(done: DoneToday) -> QueueParams<'static> {
    QueueParams {
        limits: DailyLimits { new_per_day: 20, reviews_per_day: 200 },
        done,
        domain_weights: &DOMAIN_WEIGHTS,
        now: now(),
    }
}

fn due(c: &mut Criterion) {
    let cfg = SchedulerConfig::default();
    for (label, items, reviews) in
        [("1.5k items, 7.5k reviews", 1_500, 7_500), ("100k items, 2M reviews", 100_000, 2_000_000)]
    {
        let world = world(items, reviews);
        c.bench_function(&format!("srs/due ({label})"), |b| {
            b.iter(|| {
                let candidates = candidates(&world);
                let done = done_today(&cfg, &world);
                black_box(srs::due_counts(&candidates, &params(done), &cfg))
            })
        });
        let candidates = candidates(&world);
        let done = done_today(&cfg, &world);
        c.bench_function(&format!("srs/queue only ({label})"), |b| {
            b.iter(|| black_box(srs::build_queue(black_box(&candidates), &params(done), &cfg)))
        });
    }
}

/// Writes `world` into a fresh dopdeck database with bulk inserts.
fn write_db(path: &Path, world: &World) -> Result<(), Box<dyn std::error::Error>> {
    drop(Store::open(path)?);
    let mut conn = rusqlite::Connection::open(path)?;
    let tx = conn.transaction()?;
    {
        let mut item = tx.prepare(
            "INSERT INTO items (id, state, step, stability, difficulty, due, last_review, reps, lapses)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for (id, card) in &world.rows {
            item.execute(rusqlite::params![
                id,
                card.state.as_str(),
                card.step,
                card.stability,
                card.difficulty,
                card.due.timestamp_micros(),
                card.last_review.map(|t| t.timestamp_micros()),
                card.reps,
                card.lapses,
            ])?;
        }
        let mut log = tx.prepare(
            "INSERT INTO revlog (item_id, reviewed_at, rating, state_before, state_after, stability,
                 difficulty, elapsed_days, scheduled_days, last_interval_days, duration_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for l in &world.logs {
            log.execute(rusqlite::params![
                l.item_id,
                l.reviewed_at.timestamp_micros(),
                l.rating.as_u8(),
                l.state_before.as_str(),
                l.state_after.as_str(),
                l.stability,
                l.difficulty,
                l.elapsed_days,
                l.scheduled_days,
                l.last_interval_days,
                l.duration_ms,
            ])?;
        }
    }
    tx.commit()?;
    Ok(())
}

fn store_reads(c: &mut Criterion) {
    let cfg = SchedulerConfig::default();
    for (label, items, reviews) in
        [("1.5k items, 7.5k reviews", 1_500, 7_500), ("100k items, 2M reviews", 100_000, 2_000_000)]
    {
        let Ok(dir) = tempfile::tempdir() else { return };
        let path = dir.path().join("bench.db");
        let world = world(items, reviews);
        if let Err(e) = write_db(&path, &world) {
            eprintln!("could not build the benchmark database: {e}");
            return;
        }
        drop(world);
        c.bench_function(&format!("store/open, quick_check every open ({label})"), |b| {
            b.iter(|| black_box(Store::open(&path).map(|s| s.path().to_path_buf())))
        });
        let daily = OpenOptions {
            integrity_check: IntegrityCheck::Periodic { max_age: std::time::Duration::from_secs(86_400) },
            durability: Durability::Full,
            watch: dopdeck::store::Watch::FromOpen,
        };
        c.bench_function(&format!("store/open, quick_check daily ({label})"), |b| {
            b.iter(|| black_box(Store::open_with(&path, &daily).map(|s| s.path().to_path_buf())))
        });
        let Ok(store) = Store::open(&path) else { return };
        let today = cfg.day_start(cfg.study_day(now()));
        c.bench_function(&format!("store/items ({label})"), |b| b.iter(|| black_box(store.items().map(|m| m.len()))));
        c.bench_function(&format!("store/review_logs_since today ({label})"), |b| {
            b.iter(|| black_box(store.review_logs_since(today).map(|l| l.len())))
        });
    }
}

fn grade_commit(c: &mut Criterion) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let Ok(store) = Store::open(&dir.path().join("grades.db")) else { return };
    let cfg = SchedulerConfig::default();
    let mut n: u64 = 0;
    c.bench_function("store/record_review (one grade, temp file)", |b| {
        b.iter_batched(
            || {
                n += 1;
                let id = format!("item-{n}");
                let reviewed = srs::review(&cfg, &CardState::new(now()), Rating::Good, now(), &id);
                reviewed.ok()
            },
            |reviewed| {
                if let Some(r) = reviewed {
                    black_box(store.record_review(&r.log, &r.card, None).is_ok());
                }
            },
            BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, due, store_reads, grade_commit);
criterion_main!(benches);
