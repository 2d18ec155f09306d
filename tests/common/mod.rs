//! Helpers shared by the integration tests that drive the real binary.
#![allow(dead_code)] // each test crate uses a different subset

use std::io::{BufRead, BufReader, Lines, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Output, Stdio};

/// The small, valid fixture tree.
pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tree")
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// `dopdeck` with this material, database and pinned clock; fuzz off, UTC.
pub fn dopdeck(content: &Path, db: &Path, now: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dopdeck"));
    c.env("DOPDECK_CONTENT", content)
        .env("DOPDECK_DB", db)
        .env("DOPDECK_NOW", now)
        .env("DOPDECK_FUZZ", "0")
        .env("TZ", "UTC")
        .env("COLUMNS", "100");
    c
}

/// Runs to completion with `stdin` as input.
pub fn run_with_input(mut cmd: Command, stdin: &str) -> Output {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // A child that exits without reading all of its input (it finished, or refused at once)
    // closes the pipe: that is its answer, not a test failure.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "writing the child's input: {e}");
    }
    child.wait_with_output().unwrap()
}

/// Starts an interactive child whose output can be read line by line while it runs.
pub fn spawn_interactive(mut cmd: Command) -> (Child, ChildStdin, Lines<BufReader<ChildStdout>>) {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let stdin = child.stdin.take().unwrap();
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    (child, stdin, lines)
}

/// Sends SIGKILL — no destructors, no flush, no checkpoint — and reaps the child.
pub fn kill_9(mut child: Child) {
    child.kill().unwrap();
    child.wait().unwrap();
}

/// `dopdeck ARGS` on the embedded material (no `DOPDECK_CONTENT`), 100 columns wide.
pub fn dopdeck_embedded(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dopdeck"))
        .args(args)
        .env_remove("DOPDECK_CONTENT")
        .env("COLUMNS", "100")
        .output()
        .expect("the binary runs")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
