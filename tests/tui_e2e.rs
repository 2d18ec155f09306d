//! The real binary in a pseudo-terminal: `dopdeck review` opens the TUI, a card is revealed and
//! graded with real key presses, dopdeck quits, and the grade is in the database.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dopdeck::srs::Rating;
use dopdeck::store::Store;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The terminal's output so far, collected by a reader thread.
struct Screen(Arc<Mutex<Vec<u8>>>);

impl Screen {
    /// Waits until the output contains `text` (escape sequences and all), or panics after 20 s.
    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let seen = String::from_utf8_lossy(&self.0.lock().expect("output lock")).into_owned();
            if seen.contains(text) {
                return;
            }
            assert!(Instant::now() < deadline, "no {text:?} on screen; output so far:\n{seen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Forgets what was seen, so the next wait looks at new output only.
    fn clear(&self) {
        self.0.lock().expect("output lock").clear();
    }
}

#[test]
fn a_card_reviewed_with_key_presses_is_in_the_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("progress.db");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tree");

    let pty = native_pty_system();
    let pair = pty.openpty(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 }).expect("a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dopdeck"));
    cmd.arg("review");
    cmd.env("DOPDECK_DB", &db);
    cmd.env("DOPDECK_NOW", "2026-11-21T12:00:00Z");
    cmd.env("DOPDECK_CONTENT", &fixture);
    cmd.env("DOPDECK_FUZZ", "0");
    cmd.env("TERM", "xterm-256color");
    cmd.env("TZ", "UTC");
    cmd.cwd(dir.path());
    let mut child = pair.slave.spawn_command(cmd).expect("dopdeck starts");
    drop(pair.slave);

    let output = Arc::new(Mutex::new(Vec::new()));
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let sink = Arc::clone(&output);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().expect("output lock").extend_from_slice(&buf[..n]);
        }
    });
    let screen = Screen(output);
    let mut keys = pair.master.take_writer().expect("pty writer");
    let mut press = |bytes: &[u8]| {
        keys.write_all(bytes).expect("key press");
        keys.flush().expect("flush");
    };

    // The first card of the fixture's daily deck, then its answer with the four buttons.
    screen.wait_for("What is Alpha?");
    screen.clear();
    press(b" ");
    screen.wait_for("Again");
    screen.wait_for("Easy");
    screen.clear();
    press(b"3");
    screen.wait_for("Good");
    // Back to the dashboard, then quit.
    press(b"q");
    screen.wait_for("Due today");
    press(b"q");

    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("child status") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("dopdeck did not quit on q");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status:?}");

    let store = Store::open(&db).expect("the database opens");
    let logs = store.review_logs().expect("review log");
    assert_eq!(logs.len(), 1, "{logs:?}");
    assert_eq!(logs[0].item_id, "alpha/what");
    assert_eq!(logs[0].rating, Rating::Good);
    assert!(logs[0].duration_ms.is_some(), "the TUI measures the answer time");
    let row = store.item("alpha/what").expect("item row").expect("graded item has a row");
    assert_eq!(row.card.reps, 1);
}
