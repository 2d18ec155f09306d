//! The statistics panels count the review log in SQL (`Study::log_panels`); they must show
//! what the in-memory definitions (`srs::stats`) give on the whole log, for any UTC offset and
//! rollover hour, including grades near the day boundaries.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use dopdeck::content::Catalog;
use dopdeck::srs::{self, CardState, Rating, SchedulerConfig, stats};
use dopdeck::store::Store;
use dopdeck::study::Study;
use proptest::prelude::*;

fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| dopdeck::cli::load_catalog(None, false).expect("the embedded material loads"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn sql_panels_equal_the_in_memory_definitions(
        grades in prop::collection::vec((0usize..30, 1u8..=4, 0i64..(400 * 24 * 60)), 1..120),
        offset_hours in -11i32..=13,
        rollover in 0u32..=6,
    ) {
        let now: DateTime<Utc> = "2026-12-02T09:30:00Z".parse().expect("time");
        let mut cfg = SchedulerConfig::with_utc_offset(FixedOffset::east_opt(offset_hours * 3600).expect("offset"));
        cfg.day_rollover_hour = rollover;
        // Grades in time order, each applied to the item's state so the log is one a learner makes.
        let mut grades = grades;
        grades.sort_by_key(|g| std::cmp::Reverse(g.2));
        let mut cards: Vec<CardState> = (0..30).map(|_| CardState::new(now - Duration::days(500))).collect();
        let mut logs = Vec::new();
        for (item, rating, minutes_ago) in grades {
            let at = now - Duration::minutes(minutes_ago);
            let card = &cards[item];
            if card.last_review.is_some_and(|l| l > at) {
                continue;
            }
            let id = format!("item-{item}");
            let reviewed = srs::review(&cfg, card, Rating::from_u8(rating).expect("1-4"), at, &id).expect("review");
            cards[item] = reviewed.card;
            logs.push(reviewed.log);
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("p.db")).expect("open");
        store.bulk_load(std::iter::empty(), logs.clone()).expect("load");
        let study = Study::with_store(catalog(), store, now, false).expect("study");
        let panels = study.log_panels(&cfg, now).expect("panels");

        let today = cfg.study_day(now);
        let mut per_day = std::collections::BTreeMap::new();
        for log in logs.iter().filter(|l| cfg.study_day(l.reviewed_at) >= today - Duration::days(dopdeck::study::stats::HEATMAP_DAYS)) {
            *per_day.entry(cfg.study_day(log.reviewed_at)).or_insert(0u32) += 1;
        }
        prop_assert_eq!(&panels.per_day, &per_day);
        prop_assert_eq!(panels.reviews_today, stats::reviews_today(&cfg, &logs, now));
        prop_assert_eq!(panels.streak, stats::streak(&cfg, &logs, now));
        prop_assert_eq!(panels.total_reviews, logs.len());
        for (name, days) in dopdeck::study::progress::RETENTION_PERIODS {
            let sql = panels.retention.iter().find(|(n, _)| *n == name).map(|(_, r)| *r);
            prop_assert_eq!(sql, Some(stats::true_retention(&cfg, &logs, now, days)), "{}", name);
        }
    }
}
