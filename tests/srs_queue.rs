//! Queue building: order, daily limits, burying, suspension and domain interleaving.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use dopdeck::srs::{
    self, CardState, DailyLimits, DoneToday, QueueCandidate, QueueKind, QueueParams, Rating, SchedulerConfig, State,
};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("valid RFC 3339 time")
}

/// "Now" for these tests: 10:00 UTC, study day 2025-06-10 (rollover 04:00 UTC).
fn now() -> DateTime<Utc> {
    at("2025-06-10T10:00:00Z")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 10).expect("date")
}

fn cfg() -> SchedulerConfig {
    SchedulerConfig { enable_fuzz: false, ..SchedulerConfig::default() }
}

fn new_item(id: &str, domain: u8) -> QueueCandidate<'static> {
    QueueCandidate {
        id: id.to_string().into(),
        domain,
        sibling_group: None,
        topic: None,
        card: None,
        suspended: false,
        buried_until: None,
    }
}

/// A review-state item last reviewed `ago` before now, due at `due`, with `stability`.
fn review_item(id: &str, due: DateTime<Utc>, ago: Duration, stability: f64) -> QueueCandidate<'static> {
    QueueCandidate {
        card: Some(CardState {
            state: State::Review,
            step: None,
            stability: Some(stability),
            difficulty: Some(5.0),
            due,
            last_review: Some(now() - ago),
            reps: 3,
            lapses: 0,
        }),
        ..new_item(id, 1)
    }
}

fn learning_item(id: &str, due: DateTime<Utc>) -> QueueCandidate<'static> {
    QueueCandidate {
        card: Some(CardState {
            state: State::Learning,
            step: Some(1),
            stability: Some(2.3),
            difficulty: Some(5.0),
            due,
            last_review: Some(due - Duration::minutes(10)),
            reps: 1,
            lapses: 0,
        }),
        ..new_item(id, 1)
    }
}

fn params(limits: (u32, u32), done: (u32, u32), weights: &[(u8, u32)]) -> QueueParams<'_> {
    QueueParams {
        limits: DailyLimits { new_per_day: limits.0, reviews_per_day: limits.1 },
        done: DoneToday { new_introduced: done.0, reviews_done: done.1 },
        domain_weights: weights,
        now: now(),
    }
}

fn ids(candidates: &[QueueCandidate], p: &QueueParams<'_>) -> Vec<(String, QueueKind)> {
    srs::build_queue(candidates, p, &cfg()).into_iter().map(|e| (e.id, e.kind)).collect()
}

#[test]
fn learning_then_reviews_by_overdue_and_retrievability_then_new_then_learn_ahead() {
    let candidates = vec![
        new_item("new-1", 1),
        review_item("rev-today-weak", at("2025-06-10T12:00:00Z"), Duration::days(30), 5.0),
        review_item("rev-today-strong", at("2025-06-10T12:00:00Z"), Duration::days(30), 80.0),
        review_item("rev-overdue", at("2025-06-08T12:00:00Z"), Duration::days(10), 80.0),
        review_item("rev-tomorrow", at("2025-06-11T05:00:00Z"), Duration::days(3), 4.0),
        learning_item("learn-late", now() - Duration::minutes(1)),
        learning_item("learn-early", now() - Duration::minutes(30)),
        learning_item("learn-ahead", now() + Duration::minutes(15)),
        learning_item("learn-later", now() + Duration::hours(2)),
    ];
    let p = params((10, 100), (0, 0), &[]);
    let order: Vec<String> = ids(&candidates, &p).into_iter().map(|(id, _)| id).collect();
    assert_eq!(
        order,
        ["learn-early", "learn-late", "rev-overdue", "rev-today-weak", "rev-today-strong", "new-1", "learn-ahead",]
    );

    let counts = srs::due_counts(&candidates, &p, &cfg());
    assert_eq!((counts.learning, counts.review, counts.new), (2, 3, 1));
    // The first item not available now: learn-ahead (its due time is in 15 minutes).
    assert_eq!(counts.next_due, Some(now() + Duration::minutes(15)));
}

#[test]
fn next_due_for_reviews_is_the_start_of_their_due_day() {
    let candidates = vec![review_item("r", at("2025-06-12T15:00:00Z"), Duration::days(5), 7.0)];
    let counts = srs::due_counts(&candidates, &params((10, 100), (0, 0), &[]), &cfg());
    assert_eq!((counts.learning, counts.review, counts.new), (0, 0, 0));
    assert_eq!(counts.next_due, Some(at("2025-06-12T04:00:00Z")));
}

#[test]
fn daily_limits_count_what_was_done_today() {
    let mut candidates: Vec<QueueCandidate> = (0..10).map(|i| new_item(&format!("n{i}"), 1)).collect();
    for i in 0..10 {
        candidates.push(review_item(
            &format!("r{i}"),
            now() - Duration::hours(1),
            Duration::days(4),
            4.0 + f64::from(i),
        ));
    }
    let counts = srs::due_counts(&candidates, &params((5, 8), (2, 3), &[]), &cfg());
    assert_eq!((counts.new, counts.review), (3, 5));
    let counts = srs::due_counts(&candidates, &params((5, 8), (9, 30), &[]), &cfg());
    assert_eq!((counts.new, counts.review), (0, 0));
}

#[test]
fn suspended_and_buried_items_are_left_out() {
    let yesterday = today().pred_opt().expect("date");
    let candidates = vec![
        QueueCandidate { suspended: true, ..new_item("suspended", 1) },
        QueueCandidate { buried_until: Some(today()), ..new_item("buried", 1) },
        QueueCandidate { buried_until: Some(yesterday), ..new_item("was-buried", 1) },
        QueueCandidate {
            suspended: true,
            ..review_item("suspended-review", now() - Duration::hours(1), Duration::days(3), 3.0)
        },
        QueueCandidate {
            buried_until: Some(today()),
            ..learning_item("buried-learning", now() - Duration::minutes(5))
        },
    ];
    let p = params((10, 100), (0, 0), &[]);
    let order: Vec<String> = ids(&candidates, &p).into_iter().map(|(id, _)| id).collect();
    assert_eq!(order, ["was-buried"]);
    // The buried learning item comes back when the next study day starts.
    let counts = srs::due_counts(&candidates, &p, &cfg());
    assert_eq!(counts.next_due, Some(at("2025-06-11T04:00:00Z")));
}

#[test]
fn siblings_are_buried_for_the_day() {
    let group =
        |c: QueueCandidate<'static>| QueueCandidate { sibling_group: Some("table:deployment-types".into()), ..c };
    let candidates = vec![
        group(new_item("row-1", 1)),
        group(new_item("row-2", 1)),
        group(review_item("row-3", now() - Duration::hours(2), Duration::days(6), 6.0)),
        new_item("loner", 1),
        // A learning item left over from yesterday (graded today, it would bury the group).
        group(QueueCandidate {
            card: learning_item("row-4", now() - Duration::minutes(2))
                .card
                .map(|c| CardState { last_review: Some(now() - Duration::days(1)), ..c }),
            ..new_item("row-4", 1)
        }),
    ];
    let p = params((10, 100), (0, 0), &[]);
    let order = ids(&candidates, &p);
    // Learning items are never buried; among new and review items the review wins the group.
    assert_eq!(
        order,
        [
            ("row-4".to_string(), QueueKind::Learning),
            ("row-3".to_string(), QueueKind::Review),
            ("loner".to_string(), QueueKind::New),
        ]
    );
}

#[test]
fn a_sibling_graded_today_buries_the_rest_of_its_group() {
    let cfg = cfg();
    let graded_at = now() - Duration::hours(1);
    let graded = srs::review(&cfg, &CardState::new(graded_at), Rating::Easy, graded_at, "seq-1").expect("review").card;
    let candidates = vec![
        QueueCandidate {
            sibling_group: Some("sequence:blue-green".into()),
            card: Some(graded),
            ..new_item("seq-1", 1)
        },
        QueueCandidate { sibling_group: Some("sequence:blue-green".into()), ..new_item("seq-2", 1) },
        new_item("other", 1),
    ];
    let order: Vec<String> = ids(&candidates, &params((10, 100), (1, 0), &[])).into_iter().map(|(id, _)| id).collect();
    assert_eq!(order, ["other"]);
}

#[test]
fn new_items_interleave_by_domain_weight() {
    let mut candidates = Vec::new();
    for i in 0..20 {
        candidates.push(new_item(&format!("a{i:02}"), 1));
        candidates.push(new_item(&format!("b{i:02}"), 2));
    }
    let weights = [(1, 3), (2, 1)];
    let order: Vec<String> =
        ids(&candidates, &params((8, 100), (0, 0), &weights)).into_iter().map(|(id, _)| id).collect();
    assert_eq!(order, ["a00", "a01", "b00", "a02", "a03", "a04", "b01", "a05"]);

    // Six DOP-C02 domains with their exam weights: shares follow the weights.
    let exam = [(1, 22), (2, 17), (3, 18), (4, 15), (5, 14), (6, 14)];
    let mut candidates = Vec::new();
    for domain in 1..=6u8 {
        for i in 0..100 {
            candidates.push(new_item(&format!("d{domain}-{i:03}"), domain));
        }
    }
    let queue = ids(&candidates, &params((100, 100), (0, 0), &exam));
    for (domain, weight) in exam {
        let count = queue.iter().filter(|(id, _)| id.starts_with(&format!("d{domain}-"))).count();
        assert!(count.abs_diff(weight as usize) <= 1, "domain {domain}: {count} of 100, weight {weight}");
    }
    // Deterministic: the same input gives the same queue.
    assert_eq!(queue, ids(&candidates, &params((100, 100), (0, 0), &exam)));
}

/// The queue is rebuilt after every grade. Introducing new items one at a time, rebuilding each
/// time, must follow the exam weights across the day, not restart at the first domain.
#[test]
fn new_items_interleave_across_rebuilds() {
    let weights = [(1u8, 22u32), (2, 17), (3, 15), (4, 15), (5, 14), (6, 17)];
    let mut candidates: Vec<QueueCandidate> =
        (1..=6u8).flat_map(|d| (0..50).map(move |i| new_item(&format!("d{d}-{i:02}"), d))).collect();
    let mut done = DoneToday::default();
    let mut domains = Vec::new();
    for _ in 0..20 {
        let params = QueueParams {
            limits: DailyLimits { new_per_day: 20, reviews_per_day: 200 },
            done,
            domain_weights: &weights,
            now: now(),
        };
        let queue = srs::build_queue(&candidates, &params, &cfg());
        let first = queue.iter().find(|e| e.kind == QueueKind::New).expect("a new item");
        let c = candidates.iter_mut().find(|c| c.id == first.id).expect("candidate");
        domains.push(c.domain);
        // Graded: it is no longer new (a learning item due tomorrow stays out of today's queue).
        c.card = Some(CardState { state: State::Review, due: now() + Duration::days(3), ..CardState::new(now()) });
        done.new_introduced += 1;
    }
    let count = |d: u8| domains.iter().filter(|&&x| x == d).count();
    // Shares of 20 by weight: 4.4, 3.4, 3, 3, 2.8, 3.4 — each domain within one of its share.
    for (d, expected) in [(1, 4.4), (2, 3.4), (3, 3.0), (4, 3.0), (5, 2.8), (6, 3.4)] {
        let got = count(d) as f64;
        assert!((got - expected).abs() <= 1.0, "domain {d}: {got} of 20, expected about {expected}: {domains:?}");
    }
    assert_ne!(&domains[..3], &[1, 1, 1], "the first cards are not all from domain 1: {domains:?}");
}

/// A topic whose items come back after another topic's continues its count: `a b a c` takes
/// turns as `a b c a`, not as if the second run of `a` were a new topic.
#[test]
fn a_topic_met_again_continues_its_turns() {
    let item = |topic: &str, n: u32| QueueCandidate {
        topic: Some(topic.to_string().into()),
        ..new_item(&format!("{topic}/{n}"), 1)
    };
    let candidates = vec![item("a", 1), item("b", 1), item("a", 2), item("c", 1)];
    let p = params((9, 100), (0, 0), &[(1, 1)]);
    let order: Vec<String> = ids(&candidates, &p).into_iter().map(|(id, _)| id).collect();
    assert_eq!(order, ["a/1", "b/1", "c/1", "a/2"].map(String::from), "{order:?}");
}

/// A fresh deck lists a domain's cards topic by topic (alphabetically); the queue must take
/// turns across topics instead of opening with a run on one service — and keep taking turns
/// when it is rebuilt after each grade.
#[test]
fn new_items_of_a_domain_take_turns_across_topics() {
    let topic_item = |topic: &str, n: u32| QueueCandidate {
        topic: Some(topic.to_string().into()),
        ..new_item(&format!("{topic}/{n}"), 1)
    };
    let mut candidates: Vec<QueueCandidate> = ["api-gateway", "codebuild", "codedeploy"]
        .iter()
        .flat_map(|t| (1..=3).map(move |n| topic_item(t, n)))
        .collect();
    let p = params((9, 100), (0, 0), &[(1, 1)]);
    let order: Vec<String> = ids(&candidates, &p).into_iter().map(|(id, _)| id).collect();
    assert_eq!(
        order[..4],
        ["api-gateway/1", "codebuild/1", "codedeploy/1", "api-gateway/2"].map(String::from),
        "{order:?}"
    );

    // Rebuilt after every grade, the queue carries on with the next topic.
    let mut done = DoneToday::default();
    let mut shown = Vec::new();
    for _ in 0..5 {
        let params = QueueParams { done, ..params((9, 100), (0, 0), &[(1, 1)]) };
        let queue = srs::build_queue(&candidates, &params, &cfg());
        let first = queue.iter().find(|e| e.kind == QueueKind::New).expect("a new item");
        shown.push(first.id.clone());
        let c = candidates.iter_mut().find(|c| c.id == first.id).expect("candidate");
        c.card = Some(CardState { state: State::Review, due: now() + Duration::days(3), ..CardState::new(now()) });
        done.new_introduced += 1;
    }
    assert_eq!(
        shown,
        ["api-gateway/1", "codebuild/1", "codedeploy/1", "api-gateway/2", "codebuild/2"].map(String::from),
    );
}

/// The shipped material, on a fresh deck: the first cards come from different topics (they
/// used to open with three API Gateway cards in the first five).
#[test]
fn a_fresh_embedded_deck_opens_with_cards_from_different_topics() {
    let catalog = dopdeck::content::load_embedded().expect("embedded material");
    let dir = tempfile::tempdir().expect("temp dir");
    let study = dopdeck::study::Study::open(&catalog, &dir.path().join("p.db"), now(), false).expect("open");
    let deck = study.deck("daily").expect("the daily deck");
    let queue = study.queue(deck, now()).expect("queue");
    let topics: Vec<&str> = queue
        .iter()
        .take(8)
        .filter_map(|e| catalog.item(&e.id))
        .map(|item| item.topics.first().map_or("", |t| &**t))
        .collect();
    let mut distinct = topics.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), topics.len(), "a topic repeats among the first eight: {topics:?}");
}

proptest::proptest! {
    /// The review section under a daily limit is the first items of the unlimited one: the
    /// queue sorts only a prefix of a long review backlog, and must pick exactly what sorting
    /// all of it would, burying included.
    #[test]
    fn a_limited_review_section_is_a_prefix_of_the_unlimited_one(
        items in proptest::collection::vec((1u32..400, 0.5f64..200.0, 0u8..12), 0..400),
        limit in 0u32..120,
    ) {
        let candidates: Vec<QueueCandidate> = items
            .iter()
            .enumerate()
            .map(|(i, &(days, stability, group))| {
                let due = now() - Duration::days(i64::from(days % 9)) + Duration::hours(1);
                let item = review_item(&format!("r{i:03}"), due, Duration::days(i64::from(days)), stability);
                // A few sibling groups, so burying skips some of the order.
                let sibling_group = (group < 4).then(|| format!("group-{group}").into());
                QueueCandidate { sibling_group, ..item }
            })
            .collect();
        let reviews = |limit: u32| -> Vec<String> {
            let p = params((0, limit), (0, 0), &[]);
            srs::build_queue(&candidates, &p, &cfg())
                .into_iter()
                .filter(|e| e.kind == QueueKind::Review)
                .map(|e| e.id)
                .collect()
        };
        let all = reviews(u32::MAX);
        let limited = reviews(limit);
        proptest::prop_assert_eq!(&limited[..], &all[..limited.len()]);
        proptest::prop_assert_eq!(limited.len(), all.len().min(limit as usize));
    }
}

proptest::proptest! {
    /// Counting never-graded items by their sibling groups alone gives the counts of the whole
    /// queue: `due_counts_with_fresh` over the graded items plus the groups of the rest equals
    /// `due_counts` over all of them, whatever the limits, groups and grades of today.
    #[test]
    fn counting_fresh_items_by_group_equals_counting_their_candidates(
        items in proptest::collection::vec((0u8..4, 0u8..6, 1u32..30, 0u8..7), 0..160),
        limits in (0u32..40, 0u32..60),
        done in (0u32..10, 0u32..10),
    ) {
        let candidates: Vec<QueueCandidate> = items
            .iter()
            .enumerate()
            .map(|(i, &(kind, group, days, domain))| {
                let id = format!("i{i:03}");
                let item = match kind {
                    0 | 1 => new_item(&id, domain),
                    2 => {
                        // Some graded a few hours ago, today: their groups are taken.
                        let ago = if days < 6 { Duration::hours(i64::from(days)) } else { Duration::days(i64::from(days)) };
                        review_item(&id, now() - Duration::days(i64::from(days % 5)), ago, 3.0)
                    }
                    _ => learning_item(&id, now() - Duration::minutes(i64::from(days))),
                };
                let sibling_group = (group < 4).then(|| format!("g{group}").into());
                QueueCandidate { sibling_group, ..item }
            })
            .collect();
        let weights = [(1u8, 22u32), (2, 17), (3, 15), (4, 15), (5, 14), (6, 17)];
        let p = params(limits, done, &weights);
        let whole = srs::due_counts(&candidates, &p, &cfg());
        let (fresh, graded): (Vec<&QueueCandidate>, Vec<&QueueCandidate>) =
            candidates.iter().partition(|c| c.card.is_none());
        let graded: Vec<QueueCandidate> = graded.into_iter().cloned().collect();
        let groups: Vec<Option<&str>> = fresh.iter().map(|c| c.sibling_group.as_deref()).collect();
        let split = srs::due_counts_with_fresh(&graded, &groups, &p, &cfg());
        proptest::prop_assert_eq!(split, whole);
    }
}
