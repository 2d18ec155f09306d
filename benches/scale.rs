//! In-process costs at scale, on the fixture of `examples/scale_fixture.rs` (10,000 items and
//! 200,000 reviews, generated once per run into a temporary directory): the snapshot, the
//! item rows, `due` (which reads whole only the rows today's counts need), `stats` (SQL aggregates against the whole-log read they replace) and the
//! search index (build, decode, a one-letter query) and the first search keystroke on the shipped
//! material, building the index against decoding it. Whole-process figures: `scripts/perf/measure.sh`.

use std::hint::black_box;

use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use dopdeck::content::{self, ItemKind};
use dopdeck::search::Index;
use dopdeck::srs::stats;
use dopdeck::store::Store;
use dopdeck::study::Study;

#[allow(dead_code, clippy::all)]
#[path = "../examples/scale_fixture.rs"]
mod fixture;

const ITEMS: usize = 10_000;
const REVIEWS: usize = 200_000;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-02T09:00:00Z").expect("a valid time").with_timezone(&Utc)
}

fn scale(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    fixture::write_content(dir.path(), ITEMS).expect("content");
    let files = content::source::directory(dir.path()).expect("readable");
    let catalog = content::load(&files).expect("valid fixture");
    let ids: Vec<&str> =
        catalog.items().iter().filter(|i| i.kind != ItemKind::Question).map(|i| i.id.as_str()).collect();
    let db = dir.path().join("progress.db");
    fixture::write_progress(&db, &ids, REVIEWS, now()).expect("progress");

    let bytes = content::snapshot::to_bytes(&catalog, 1);
    c.bench_function("scale/snapshot decode (10k items)", |b| {
        b.iter(|| black_box(content::snapshot::from_bytes(black_box(bytes.clone()), 1)))
    });

    let store = Store::open(&db).expect("open");
    c.bench_function("scale/store items (10k rows)", |b| b.iter(|| black_box(store.items().expect("items"))));
    let study = Study::with_store(&catalog, store, now(), false).expect("study");
    let deck = study.deck("daily").expect("daily deck");
    c.bench_function("scale/due (10k/200k)", |b| b.iter(|| black_box(study.due(deck, now()).expect("due"))));
    // What a table of more than 5,000 rows gets: the rows read in two halves on two
    // connections (the second one opened per call, as a `due` process opens it).
    c.bench_function("scale/due, two readers (10k/200k)", |b| {
        b.iter(|| black_box(study.due_in_halves(deck, now()).expect("due")))
    });
    c.bench_function("scale/stats, SQL aggregates (10k/200k)", |b| {
        b.iter(|| black_box(study.review_stats(deck, now()).expect("stats")))
    });
    let reader = Store::open(&db).expect("open");
    let cfg = study.config(Some(deck));
    c.bench_function("scale/stats, whole log read (10k/200k, the old way)", |b| {
        b.iter(|| {
            let logs = reader.review_logs().expect("logs");
            black_box((
                stats::reviews_today(&cfg, &logs, now()),
                stats::streak(&cfg, &logs, now()),
                stats::true_retention(&cfg, &logs, now(), 30),
            ))
        })
    });

    let index = Index::build(&catalog);
    let bytes = index.to_bytes();
    c.bench_function("scale/search build index (10k items)", |b| b.iter(|| black_box(Index::build(&catalog))));
    c.bench_function("scale/search decode index (10k items)", |b| {
        b.iter(|| black_box(Index::from_bytes(black_box(&bytes)).expect("decodes")))
    });
    c.bench_function("scale/search query \"c\" (10k items)", |b| {
        b.iter(|| black_box(index.search(black_box("c"), 100)))
    });

    let shipped = content::load_embedded().expect("embedded material is valid");
    let snapshot = content::snapshot::to_bytes(&shipped, 1);
    // What a command does: the header, the outline and the item table's bytes in hand (copied
    // each time, as a command reads them), the bodies left behind.
    let layout = content::snapshot::layout(&snapshot[..content::snapshot::HEADER_LEN], 1).expect("sound header");
    let head = layout.head().map(|range| snapshot[range.start as usize..range.end as usize].to_vec());
    let backing: std::sync::Arc<dyn content::Backing> = std::sync::Arc::new(snapshot.clone());
    c.bench_function("startup/snapshot open, shipped (header, outline and item table, as a command reads it)", |b| {
        b.iter(|| black_box(content::snapshot::open(&layout, black_box(head.clone()), std::sync::Arc::clone(&backing))))
    });
    let opened = content::snapshot::open(&layout, head.clone(), std::sync::Arc::clone(&backing)).expect("opens");
    c.bench_function("startup/owned items from the item table, shipped (what Catalog::items builds once)", |b| {
        b.iter(|| {
            let c = content::snapshot::open(&layout, head.clone(), std::sync::Arc::clone(&backing)).expect("opens");
            black_box(c.items().len())
        })
    });
    c.bench_function("startup/one pass over the items in place, shipped (what due reads)", |b| {
        b.iter(|| black_box(opened.item_refs().filter(|i| i.sibling.is_some() && i.has_topic("codedeploy")).count()))
    });
    c.bench_function("startup/snapshot decode, shipped (outline; bodies left encoded)", |b| {
        b.iter(|| black_box(content::snapshot::from_bytes(black_box(snapshot.clone()), 1)))
    });
    c.bench_function("startup/snapshot decode, shipped (outline and every body)", |b| {
        b.iter(|| {
            let c = content::snapshot::from_bytes(black_box(snapshot.clone()), 1).expect("decodes");
            black_box(c.topics().len() + c.comparisons().len() + c.questions().len() + c.strategies().len())
        })
    });
    c.bench_function("search/first keystroke, shipped (build index + query \"c\")", |b| {
        b.iter(|| black_box(Index::build(&shipped).search(black_box("c"), 20)))
    });
    let shipped_bytes = Index::build(&shipped).to_bytes();
    c.bench_function("search/first keystroke, shipped (decode index + query \"c\")", |b| {
        b.iter(|| black_box(Index::from_bytes(black_box(&shipped_bytes)).expect("decodes").search(black_box("c"), 20)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = scale
}
criterion_main!(benches);
