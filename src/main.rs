//! The `dopdeck` binary: parse the command line and dispatch. No logic lives here.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = match dopdeck::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return refuse_arguments(&e),
    };
    match dopdeck::cli::run(cli) {
        Ok(code) => code,
        // `dopdeck search x | head` closes the pipe early: that is not an error worth a message.
        Err(err)
            if err.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            // Errors echo arguments, ids and file names: show control characters escaped.
            eprintln!("dopdeck: {}", dopdeck::text::visible(&dopdeck::cli::errors::describe(&err)));
            ExitCode::FAILURE
        }
    }
}

/// Prints clap's message for arguments it cannot take (or help) and exits as clap would.
///
/// The message quotes the offending argument: if that holds control characters, it is printed
/// without colour and with them escaped, rather than handed to the terminal raw.
fn refuse_arguments(e: &clap::Error) -> ExitCode {
    let plain = e.render().to_string();
    if e.use_stderr() && plain.chars().any(dopdeck::text::is_unsafe) {
        eprint!("{}", dopdeck::text::visible(&plain));
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    }
    e.exit()
}
