//! The `dopdeck` binary: parse the command line and dispatch. No logic lives here.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = dopdeck::cli::Cli::parse();
    match dopdeck::cli::run(cli) {
        Ok(code) => code,
        // `dopdeck search x | head` closes the pipe early: that is not an error worth a message.
        Err(err)
            if err.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("dopdeck: {err:#}");
            ExitCode::FAILURE
        }
    }
}
