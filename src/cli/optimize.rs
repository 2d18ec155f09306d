//! `dopdeck optimize`: fit personal FSRS parameters to the review log and use them from now on.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::env::{self, DbArgs};
use crate::content::Catalog;
use crate::srs::OptimizeError;
use crate::study::{Clock, StudyError};

/// Arguments of `dopdeck optimize`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub db: DbArgs,
}

/// Fits and stores the parameters, or says why it could not.
pub fn run(args: &Args, catalog: &Catalog, clock: Clock, out: &mut impl Write) -> Result<ExitCode> {
    let now = clock.now();
    let study = env::open(catalog, &args.db.path()?, now)?;
    match study.optimize() {
        Ok(fit) => {
            writeln!(
                out,
                "fitted {:?} from {} grades ({} training items); these parameters are used from now on:",
                fit.fit, fit.reviews, fit.training_items
            )?;
            let p: Vec<String> = fit.parameters.iter().map(|x| format!("{x:.4}")).collect();
            writeln!(out, "{}", p.join(", "))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(StudyError::Optimize(e @ OptimizeError::NotEnoughData { .. })) => {
            writeln!(out, "{e}. Keep reviewing; the default parameters stay in use.")?;
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}
