//! The exam engine: proportions over many seeds, all-or-nothing scoring, the clock, navigation.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, TimeZone, Utc};
use dopdeck::content::{self, Catalog, source};
use dopdeck::exam::{Mode, Scope, Session, SessionError, assemble, scaled_estimate, score};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap()
}

fn embedded() -> Catalog {
    content::load_embedded().expect("embedded material is valid")
}

fn fixture() -> Catalog {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tree");
    content::load(&source::directory(&root).unwrap()).unwrap()
}

#[test]
fn full_exams_follow_the_domain_weights_for_every_seed() {
    let catalog = embedded();
    let available: HashMap<u8, usize> = catalog.questions().iter().fold(HashMap::new(), |mut m, q| {
        *m.entry(catalog.domain_of_task(q.task.get_ref()).unwrap()).or_default() += 1;
        m
    });
    let n = 40.min(catalog.questions().len());
    for seed in 0..200 {
        let qs = assemble(&catalog, n, &Scope::All, seed, &HashMap::new());
        assert_eq!(qs.len(), n, "seed {seed}");
        let ids: HashSet<&str> = qs.iter().map(|q| q.question_id.as_str()).collect();
        assert_eq!(ids.len(), n, "no repeats within an attempt (seed {seed})");
        let mut per: HashMap<u8, usize> = HashMap::new();
        for q in &qs {
            *per.entry(catalog.domain_of_task(catalog.question(&q.question_id).unwrap().task.get_ref()).unwrap())
                .or_default() += 1;
        }
        // Largest remainder: with no domain short of questions, each gets the floor or the
        // ceiling of its exact share; a short domain gives all it has and the rest make it up.
        let short: Vec<u8> = catalog
            .exam
            .domains
            .iter()
            .filter(|d| {
                (available.get(d.number.get_ref()).copied().unwrap_or(0) as f64)
                    < (n as f64 * f64::from(d.weight) / 100.0).ceil()
            })
            .map(|d| *d.number.get_ref())
            .collect();
        for d in &catalog.exam.domains {
            let number = *d.number.get_ref();
            let share = n as f64 * f64::from(d.weight) / 100.0;
            let got = per.get(&number).copied().unwrap_or(0);
            if short.contains(&number) {
                assert_eq!(
                    got,
                    available.get(&number).copied().unwrap_or(0),
                    "short domain {number} gives all (seed {seed})"
                );
            } else if short.is_empty() {
                assert!(
                    got as f64 >= share.floor() && got as f64 <= share.ceil(),
                    "domain {number}: {got} vs {share} (seed {seed})"
                );
            } else {
                assert!(got as f64 >= share.floor(), "domain {number}: {got} vs {share} (seed {seed})");
            }
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_attempt_and_options_are_shuffled() {
    let catalog = embedded();
    let a = assemble(&catalog, 20, &Scope::All, 42, &HashMap::new());
    let b = assemble(&catalog, 20, &Scope::All, 42, &HashMap::new());
    assert_eq!(a, b);
    let c = assemble(&catalog, 20, &Scope::All, 43, &HashMap::new());
    assert_ne!(a, c);
    assert!(a.iter().any(|q| q.order != (0..q.order.len()).collect::<Vec<_>>()), "some options moved");
}

#[test]
fn unseen_questions_come_first() {
    let catalog = embedded();
    let sdlc: Vec<&str> = catalog
        .questions()
        .iter()
        .filter(|q| q.task.get_ref().starts_with("1."))
        .map(|q| q.id.get_ref().as_str())
        .collect();
    // Mark all but five domain-1 questions as seen: a 5-question drill takes exactly the unseen.
    let seen: HashMap<String, DateTime<Utc>> = sdlc.iter().skip(5).map(|id| (id.to_string(), t0())).collect();
    let qs = assemble(&catalog, 5, &Scope::Domain(1), 7, &seen);
    let got: HashSet<&str> = qs.iter().map(|q| q.question_id.as_str()).collect();
    let want: HashSet<&str> = sdlc.iter().take(5).copied().collect();
    assert_eq!(got, want);
}

#[test]
fn drills_stay_in_scope() {
    let catalog = embedded();
    for q in assemble(&catalog, 10, &Scope::Task("1.4".into()), 1, &HashMap::new()) {
        assert_eq!(catalog.question(&q.question_id).unwrap().task.get_ref(), "1.4");
    }
    for q in assemble(&catalog, 10, &Scope::Topic("codedeploy".into()), 1, &HashMap::new()) {
        assert!(catalog.question(&q.question_id).unwrap().topics.iter().any(|t| t.get_ref() == "codedeploy"));
    }
}

/// Shown positions of the correct options of question `i`.
fn correct_shown(catalog: &Catalog, s: &Session, i: usize) -> Vec<usize> {
    let q = catalog.question(&s.questions[i].question_id).unwrap();
    s.questions[i]
        .order
        .iter()
        .enumerate()
        .filter(|(_, o)| q.options[**o].get_ref().correct)
        .map(|(shown, _)| shown)
        .collect()
}

#[test]
fn multiple_response_is_all_or_nothing_and_unanswered_is_wrong() {
    let catalog = fixture();
    let qs = assemble(&catalog, 2, &Scope::All, 3, &HashMap::new());
    let mut s = Session::new(Mode::Exam, qs, t0(), Some(180));
    let mr = (0..2).find(|&i| correct_shown(&catalog, &s, i).len() == 2).unwrap();
    let mc = 1 - mr;
    // One of the two right options only: wrong.
    let right = correct_shown(&catalog, &s, mr);
    s.answer(mr, &right[..1], t0()).unwrap();
    let r = score(&catalog, &s);
    assert_eq!(r.correct, 0);
    // Both right options plus a wrong one: wrong.
    let wrong = (0..5).find(|o| !right.contains(o)).unwrap();
    s.answer(mr, &[right[0], right[1], wrong], t0()).unwrap();
    assert_eq!(score(&catalog, &s).correct, 0);
    // Exactly the right set: right. The multiple-choice question is unanswered: wrong.
    s.answer(mr, &right, t0()).unwrap();
    let r = score(&catalog, &s);
    assert_eq!((r.correct, r.questions), (1, 2));
    assert_eq!(r.percent, 50.0);
    assert!(!r.outcomes[mc].correct && r.outcomes[mc].given.is_empty());
    assert_eq!(r.domains[&1].correct, 1);
}

#[test]
fn running_out_of_time_submits_at_the_deadline() {
    let catalog = fixture();
    let qs = assemble(&catalog, 2, &Scope::All, 3, &HashMap::new());
    let mut s = Session::new(Mode::Exam, qs, t0(), Some(30));
    assert_eq!(s.time_left(t0() + Duration::minutes(10)), Some(Duration::minutes(20)));
    s.answer(0, &[0], t0() + Duration::minutes(29)).unwrap();
    let late = t0() + Duration::minutes(31);
    assert_eq!(s.answer(1, &[0], late), Err(SessionError::Submitted));
    assert_eq!(s.submitted_at, Some(t0() + Duration::minutes(30)), "submitted at the deadline, not later");
    assert_eq!(s.time_left(late), Some(Duration::zero()));
    assert_eq!(s.answers[0].len(), 1, "answers given in time are kept");
}

#[test]
fn flag_navigate_change_and_review() {
    let catalog = fixture();
    let qs = assemble(&catalog, 2, &Scope::All, 3, &HashMap::new());
    let mut s = Session::new(Mode::Practice, qs, t0(), None);
    assert_eq!(s.time_left(t0()), None);
    assert_eq!(s.unanswered(), vec![0, 1]);
    s.answer(0, &[2], t0()).unwrap();
    s.answer(0, &[1], t0()).unwrap();
    assert_eq!(s.shown_answer(0), vec![1], "a changed answer replaces the old one");
    assert!(s.toggle_flag(1, t0()).unwrap());
    assert_eq!(s.flagged_indices(), vec![1]);
    s.next();
    s.next();
    assert_eq!(s.current, 1, "next stops at the last question");
    s.prev();
    s.prev();
    assert_eq!(s.current, 0);
    assert_eq!(s.goto(5), Err(SessionError::NoSuchQuestion(5)));
    assert_eq!(s.answer(0, &[9], t0()), Err(SessionError::NoSuchOption(9)));
    s.submit(t0());
    assert_eq!(s.toggle_flag(0, t0()), Err(SessionError::Submitted));
}

#[test]
fn scaled_estimate_passes_through_its_three_points() {
    let exam = fixture().exam;
    assert_eq!(scaled_estimate(0.0, &exam), 100);
    assert_eq!(scaled_estimate(0.72, &exam), 750);
    assert_eq!(scaled_estimate(1.0, &exam), 1000);
    assert!(scaled_estimate(0.5, &exam) < 750 && scaled_estimate(0.8, &exam) > 750);
}
