//! Export to Anki and sync through a folder, on the full embedded material.
//!
//! - `export/apkg all`: every item as a new card (no progress).
//! - `export/apkg all + 10k reviews`: with a 10,000-grade history as card states and revlog.
//! - `sync/publish 10k`: a device's first sync: 10,000 grades written to an empty folder.
//! - `sync/merge 10k`: another device takes in those 10,000 grades and replays every item.
//! - `sync/no-op 10k`: syncing again when nothing changed (what the TUI pays at start and quit).
//!
//! The history: 10,000 grades over 2,000 items of the material, one every few minutes, ratings
//! mixed, fuzz off — written once through the library before measuring.
//!
//! The same through the binary, with `/usr/bin/time` (the 10,000-review database from the
//! scale fixture; ITEMS 0 keeps the shipped material):
//!
//! ```text
//! cargo run --release --example scale_fixture -- /tmp/scale 0 10000
//! export DOPDECK_NOW=2026-12-02T09:00:00Z DB=/tmp/scale/progress.db; mkdir -p /tmp/folder
//! /usr/bin/time -f %es target/release/dopdeck --db /tmp/empty.db export apkg /tmp/all.apkg
//! /usr/bin/time -f %es target/release/dopdeck --db $DB export apkg /tmp/all.apkg --progress
//! /usr/bin/time -f %es target/release/dopdeck --db $DB sync /tmp/folder        # publish 10k
//! /usr/bin/time -f %es target/release/dopdeck --db /tmp/other.db sync /tmp/folder  # merge 10k
//! /usr/bin/time -f %es target/release/dopdeck --db $DB sync /tmp/folder        # nothing new
//! ```

use std::hint::black_box;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dopdeck::content::Catalog;
use dopdeck::srs::Rating;
use dopdeck::study::Study;

fn start() -> DateTime<Utc> {
    "2026-01-05T08:00:00Z".parse().unwrap_or_default()
}

fn later() -> DateTime<Utc> {
    "2026-06-01T12:00:00Z".parse().unwrap_or_default()
}

/// Writes `grades` grades into a new database at `db`.
fn history(catalog: &Catalog, db: &Path, grades: usize) {
    let study = Study::open(catalog, db, start(), false).expect("open");
    let ids: Vec<&str> = catalog.items().iter().take(2_000).map(|i| i.id.as_str()).collect();
    let mut now = start();
    for n in 0..grades {
        let rating = Rating::ALL[(n * 7 + n / 3) % 4];
        study.grade(ids[(n * 31) % ids.len()], rating, now, None, Some(4_000)).expect("grade");
        now += Duration::minutes(3);
    }
}

/// Copies a database (WAL files included) to `to`.
fn copy_db(from: &Path, to: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let src = Path::new(&format!("{}{suffix}", from.display())).to_path_buf();
        if src.exists() {
            std::fs::copy(&src, format!("{}{suffix}", to.display())).expect("copy");
        }
    }
}

fn benches(c: &mut Criterion) {
    let catalog = dopdeck::cli::load_catalog(None, false).expect("material");
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.db");
    let studied = dir.path().join("studied.db");
    history(&catalog, &studied, 10_000);
    // A folder holding the studied device's 10,000 grades.
    let folder = dir.path().join("folder");
    std::fs::create_dir_all(&folder).expect("folder");
    let publisher = dir.path().join("publisher.db");
    copy_db(&studied, &publisher);
    let study = Study::open(&catalog, &publisher, later(), false).expect("open");
    study.sync(&folder, later()).expect("publish");
    drop(study);

    let mut g = c.benchmark_group("export");
    g.sample_size(10);
    let out = dir.path().join("out.apkg");
    let study = Study::open(&catalog, &empty, later(), false).expect("open");
    g.bench_function("apkg all", |b| {
        b.iter(|| black_box(study.export_apkg(&out, None, false, later()).expect("export")))
    });
    let study = Study::open(&catalog, &studied, later(), false).expect("open");
    g.bench_function("apkg all + 10k reviews", |b| {
        b.iter(|| black_box(study.export_apkg(&out, None, true, later()).expect("export")))
    });
    g.finish();

    let mut g = c.benchmark_group("sync");
    g.sample_size(10);
    let db = dir.path().join("db.db");
    g.bench_function("publish 10k", |b| {
        b.iter_batched(
            || {
                let fresh = dir.path().join("fresh");
                let _ = std::fs::remove_dir_all(&fresh);
                std::fs::create_dir_all(&fresh).expect("dir");
                copy_db(&studied, &db);
                fresh
            },
            |fresh| {
                let study = Study::open(&catalog, &db, later(), false).expect("open");
                black_box(study.sync(&fresh, later()).expect("sync"))
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("merge 10k", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_file(&db);
                for suffix in ["-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
                }
            },
            |()| {
                let study = Study::open(&catalog, &db, later(), false).expect("open");
                black_box(study.sync(&folder, later()).expect("sync"))
            },
            BatchSize::PerIteration,
        )
    });
    let study = Study::open(&catalog, &publisher, later(), false).expect("open");
    g.bench_function("no-op 10k", |b| b.iter(|| black_box(study.sync(&folder, later()).expect("sync"))));
    g.finish();
}

criterion_group!(sync_export, benches);
criterion_main!(sync_export);
