//! Times whole commands round-robin: every round runs each command once, in turn, so a shared
//! machine's fast and slow spells fall on all of them alike. Prints each command's median,
//! quartiles and ratio to the first command's median (put the floor, `dopdeck --version`,
//! first). hyperfine runs one command's runs back to back instead; on a machine whose speed
//! drifts, its ratios move with the drift.
//!
//! ```text
//! cargo run --release --example round_robin -- 200 \
//!     target/release/dopdeck --version ::: target/release/dopdeck due ::: target/release/dopdeck grade ID good
//! ```
//!
//! A command may start with `NAME=VALUE` words, as with env(1): they are set for that command
//! only, so two builds can each have their own cache directory in one run
//! (`XDG_CACHE_HOME=/tmp/a target/release/dopdeck due ::: XDG_CACHE_HOME=/tmp/b /tmp/old/dopdeck due`).
//! Standard output and error of the commands are discarded; three warm-up rounds are not
//! counted.

use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(rounds) = args.next().and_then(|r| r.parse::<usize>().ok()).filter(|&r| r > 0) else {
        eprintln!("usage: round_robin ROUNDS CMD ARGS… [::: CMD ARGS…]…");
        return ExitCode::from(2);
    };
    let mut commands: Vec<Vec<String>> = vec![Vec::new()];
    for arg in args {
        if arg == ":::" {
            commands.push(Vec::new());
        } else if let Some(last) = commands.last_mut() {
            last.push(arg);
        }
    }
    commands.retain(|c| !c.is_empty());
    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); commands.len()];
    for round in 0..rounds + 3 {
        for (command, spent) in commands.iter().zip(times.iter_mut()) {
            let settings = command.iter().take_while(|w| w.contains('=') && !w.starts_with('-')).count();
            let (env, command) = command.split_at(settings);
            let Some((program, rest)) = command.split_first() else { continue };
            let mut run = Command::new(program);
            run.args(rest).stdout(Stdio::null()).stderr(Stdio::null());
            for setting in env {
                if let Some((name, value)) = setting.split_once('=') {
                    run.env(name, value);
                }
            }
            let started = Instant::now();
            let status = run.status();
            let elapsed = started.elapsed().as_secs_f64() * 1000.0;
            if !status.is_ok_and(|s| s.success()) {
                eprintln!("round_robin: {} failed", command.join(" "));
                return ExitCode::FAILURE;
            }
            if round >= 3 {
                spent.push(elapsed);
            }
        }
    }
    let mut floor = None;
    for (command, spent) in commands.iter().zip(times.iter_mut()) {
        spent.sort_by(f64::total_cmp);
        let at = |q: usize| spent.get(spent.len() * q / 4).copied().unwrap_or(f64::NAN);
        let median = at(2);
        let floor = *floor.get_or_insert(median);
        println!(
            "{median:8.2} ms {:5.2} x   quartiles {:6.2} – {:6.2}   {}",
            median / floor,
            at(1),
            at(3),
            command.join(" ")
        );
    }
    ExitCode::SUCCESS
}
