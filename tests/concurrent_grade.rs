//! Two dopdecks grading the same item at the same moment: both grades count, the second on top
//! of the first as if they had come one after the other, and a `review --plain` session never
//! ends over it (issue 11, item 3).

mod common;

use std::io::{BufReader, Lines, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout};
use std::sync::{Arc, Barrier};
use std::thread;

use chrono::{DateTime, Utc};
use common::{dopdeck, fixture, run_with_input, spawn_interactive};
use dopdeck::content::{self, source};
use dopdeck::srs::{Rating, State};
use dopdeck::study::Study;

const NOON: &str = "2026-11-21T12:00:00Z";

fn now() -> DateTime<Utc> {
    NOON.parse().expect("valid time")
}

fn item_json(db: &Path, id: &str) -> serde_json::Value {
    let o = run_with_input(
        {
            let mut c = dopdeck(&fixture(), db, NOON);
            c.args(["item", id, "--json"]);
            c
        },
        "",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("JSON")
}

/// The id of the first card a fresh database's review session shows at `NOON`.
fn first_card(dir: &Path) -> String {
    let mut c = dopdeck(&fixture(), &dir.join("scratch.db"), NOON);
    c.args(["review", "--plain"]);
    let o = run_with_input(c, "\n3\nq\n");
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let graded = text.lines().find(|l| l.starts_with("graded ")).expect("a grade in the scratch session");
    graded.split_whitespace().nth(1).expect("an id").to_string()
}

/// A `review --plain` session on `db`, stopped at the first card's buttons.
struct Session {
    child: Child,
    stdin: ChildStdin,
    lines: Lines<BufReader<ChildStdout>>,
}

impl Session {
    fn start(db: &Path) -> Session {
        let mut c = dopdeck(&fixture(), db, NOON);
        c.args(["review", "--plain"]);
        let (child, mut stdin, lines) = spawn_interactive(c);
        // Enter: show the answer of the first card.
        stdin.write_all(b"\n").and_then(|()| stdin.flush()).expect("reveal");
        let mut session = Session { child, stdin, lines };
        assert!(session.read_until("1 again"), "the session shows the buttons");
        session
    }

    /// Reads lines until one starts with `prefix`; false if the session ended first.
    fn read_until(&mut self, prefix: &str) -> bool {
        self.lines.by_ref().map_while(Result::ok).any(|l| l.starts_with(prefix))
    }

    fn send(&mut self, text: &str) {
        // A session that ended cannot take input; the assertions below say why.
        let _ = self.stdin.write_all(text.as_bytes()).and_then(|()| self.stdin.flush());
    }
}

#[test]
fn two_plain_sessions_grading_the_card_at_once_both_record_and_go_on() {
    const ROUNDS: usize = 10;
    let dir = tempfile::tempdir().expect("temp dir");
    let id = first_card(dir.path());
    let mut ended = Vec::new();
    for round in 0..ROUNDS {
        let db = dir.path().join(format!("round-{round}.db"));
        let mut sessions = [Session::start(&db), Session::start(&db)];
        // Both answer the same card at the same moment.
        for session in &mut sessions {
            session.send("3\n");
        }
        for (n, session) in sessions.iter_mut().enumerate() {
            if !session.read_until(&format!("graded {id} good")) || !session.read_until("[") {
                ended.push(format!("round {round}, session {n}"));
            }
            session.send("q\n");
        }
        for mut session in sessions {
            drop(session.stdin);
            let _ = session.child.wait();
        }
        let item = item_json(&db, &id);
        if item["reviews"] != 2 {
            ended.push(format!("round {round}: {} grade(s) recorded", item["reviews"]));
        }
    }
    assert!(ended.is_empty(), "sessions ended or lost a grade: {ended:?}");
}

#[test]
fn threads_grading_one_item_at_once_all_succeed_in_sequence() {
    const GRADERS: usize = 8;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("p.db");
    let catalog = content::load(&source::directory(&fixture()).expect("fixture files")).expect("valid fixture");
    drop(Study::open(&catalog, &db, now(), false).expect("create"));
    let start = Arc::new(Barrier::new(GRADERS));
    let results: Vec<Result<(), String>> = thread::scope(|scope| {
        let handles: Vec<_> = (0..GRADERS)
            .map(|_| {
                let (catalog, db, start) = (&catalog, &db, Arc::clone(&start));
                scope.spawn(move || {
                    let study = Study::open(catalog, db, now(), false).map_err(|e| e.to_string())?;
                    // Every grader has read the card before any grades it.
                    let _shown = study.state("alpha/what", now()).map_err(|e| e.to_string())?;
                    start.wait();
                    study.grade("alpha/what", Rating::Good, now(), None, None).map(|_| ()).map_err(|e| e.to_string())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("grader did not panic")).collect()
    });
    assert!(results.iter().all(Result::is_ok), "{results:?}");

    let study = Study::open(&catalog, &db, now(), false).expect("reopen");
    let logs = study.review_logs().expect("log");
    assert_eq!(logs.len(), GRADERS);
    assert_eq!(logs[0].state_before, State::New);
    assert!(logs[1..].iter().all(|l| l.state_before != State::New), "each grade applies on top of the one before");
    let row = study.item("alpha/what").expect("read").expect("graded");
    assert_eq!(row.card.reps, GRADERS as u32);
}
