//! `dopdeck walkthrough STRATEGY --plain`: a deployment strategy's timeline as text, one block
//! per step, for screen readers, for tests, and for showing a colleague how two strategies
//! differ. `--list` names the strategies.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use unicode_width::UnicodeWidthStr;

use super::text::terminal_width;
use crate::content::Catalog;
use crate::content::schema::Strategy;
use crate::search::{HitKind, Index};
use crate::text::layout::wrap;
use crate::walkthrough::{self, Routing, StrategyParams, render};

/// Exit code for parameters the simulation cannot take, and for the missing TUI: a usage error.
const USAGE: u8 = 2;

/// Arguments of `dopdeck walkthrough`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Strategy id ("rolling", "blue-green") or anything search finds ("extra batch").
    #[arg(required_unless_present = "list")]
    pub strategy: Option<String>,
    /// List the strategies with their model and default parameters.
    #[arg(long)]
    pub list: bool,
    /// Print the timeline as text, one block per step (the animated view needs the TUI).
    #[arg(long)]
    pub plain: bool,
    /// Instances in the fleet (the desired capacity).
    #[arg(long, value_name = "N")]
    pub fleet: Option<u32>,
    /// Instances per batch (rolling models).
    #[arg(long, value_name = "N", conflicts_with = "percent")]
    pub batch: Option<u32>,
    /// Batch size as a percentage of the fleet (rolling models), or the traffic share (canary
    /// step, linear step, A/B share of variant B).
    #[arg(long, value_name = "P")]
    pub percent: Option<u32>,
    /// Bake, hold, verification or measuring minutes; the pause between batches when rolling.
    #[arg(long, value_name = "MIN")]
    pub bake: Option<u32>,
    /// Minutes between linear traffic steps.
    #[arg(long, value_name = "MIN")]
    pub interval: Option<u32>,
    /// Instances that must stay healthy (minimum in service).
    #[arg(long, value_name = "N")]
    pub min_healthy: Option<u32>,
    /// How requests reach the versions: lb (load balancer), dns, or lambda — a Lambda alias
    /// shifted by CodeDeploy, for canary, linear and all-at-once. Default: the strategy's own.
    /// Plain output only for now (the TUI offers it in its parameters panel, `p`).
    #[arg(long, value_enum, value_name = "ROUTING", requires = "plain")]
    pub routing: Option<RoutingArg>,
    /// Make the new version fail its health checks from this point (a batch, wave, stage or
    /// traffic step, depending on the strategy: the header says which).
    #[arg(long, value_name = "STEP")]
    pub fail_at: Option<u32>,
    /// Lay out for this many columns (default: the terminal's width).
    #[arg(long)]
    pub width: Option<usize>,
}

/// The `--routing` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoutingArg {
    /// A load balancer (weighted target groups or task sets).
    Lb,
    /// DNS weights (Route 53, an environment URL swap).
    Dns,
    /// A Lambda alias with weights (CodeDeploy's Lambda configurations).
    Lambda,
}

impl From<RoutingArg> for Routing {
    fn from(r: RoutingArg) -> Routing {
        match r {
            RoutingArg::Lb => Routing::LoadBalancer,
            RoutingArg::Dns => Routing::Dns,
            RoutingArg::Lambda => Routing::LambdaAlias,
        }
    }
}

impl Args {
    fn overrides(&self) -> StrategyParams {
        StrategyParams {
            fleet: self.fleet,
            batch: self.batch,
            percent: self.percent,
            bake_minutes: self.bake,
            interval_minutes: self.interval,
            min_healthy: self.min_healthy,
        }
    }
}

/// Lists, or prints one timeline; an unknown strategy prints the closest matches and exits 1,
/// parameters the strategy cannot take (and a missing `--plain`) exit 2.
pub fn run(args: &Args, catalog: &Catalog, out: &mut impl Write) -> Result<ExitCode> {
    if args.list {
        return list(catalog, out);
    }
    let query = args.strategy.as_deref().unwrap_or_default();
    let Some(strategy) = find(catalog, query) else {
        // An error, so on standard error: a script's output stays empty.
        return unknown(catalog, query, &mut crate::text::VisibleWriter::new(std::io::stderr().lock()));
    };
    if !args.plain {
        writeln!(
            out,
            "The animated walkthrough opens in the TUI's Strategies screen once it exists.\n\
             For now, print the timeline as text:  dopdeck walkthrough {} --plain",
            strategy.id
        )?;
        return Ok(ExitCode::from(USAGE));
    }
    let routing = args.routing.map(Routing::from);
    let timeline = match walkthrough::walkthrough_routed(strategy, &args.overrides(), routing, args.fail_at) {
        Ok(t) => t,
        Err(e) => {
            writeln!(out, "cannot simulate {}: {e}", strategy.id)?;
            return Ok(ExitCode::from(USAGE));
        }
    };
    let width = args.width.unwrap_or_else(terminal_width).max(40);
    for line in timeline_lines(strategy, &timeline) {
        for wrapped in wrap_indented(&line, width) {
            writeln!(out, "{wrapped}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every line of the plain timeline, unwrapped: header, one block per step, summary.
pub fn timeline_lines(strategy: &Strategy, timeline: &walkthrough::Timeline) -> Vec<String> {
    let mut lines = vec![
        format!("{} ({}, model: {})", strategy.name, strategy.id, walkthrough::model_name(strategy.model)),
        render::describe_params(strategy.model, &timeline.params),
        render::describe_failure(timeline),
    ];
    if let Some(first) = timeline.frames.first() {
        lines.push(format!("routing: {}", first.traffic.routing.label()));
    }
    if let Some(setting) = render::codedeploy_setting(strategy.model, &timeline.params) {
        lines.push(format!("CodeDeploy: {setting}"));
    }
    if !strategy.aws.is_empty() {
        lines.push("Where AWS offers it:".to_owned());
        for aws in &strategy.aws {
            lines.push(format!("  {}: {}", aws.topic.get_ref(), aws.setting));
        }
    }
    lines.push(render::LEGEND.to_owned());
    if timeline.params.routing == Routing::LambdaAlias {
        lines.push(render::LAMBDA_NOTE.to_owned());
    }
    let phases = walkthrough::narration(strategy, timeline);
    for i in 0..timeline.frames.len() {
        lines.push(String::new());
        lines.extend(render::frame_lines(timeline, i, &phases));
    }
    lines.push(String::new());
    lines.extend(render::summary_lines(&timeline.summary()));
    lines
}

/// Wraps `line` to `width`, indenting continuation lines two columns past its own indent. A
/// fleet picture breaks only between instance boxes, never inside `[v2~]`.
fn wrap_indented(line: &str, width: usize) -> Vec<String> {
    if UnicodeWidthStr::width(line) <= width {
        return vec![line.to_owned()];
    }
    let indent = line.len() - line.trim_start().len();
    if line.trim_end().ends_with(']') {
        return wrap_picture(line.trim_start(), indent, width);
    }
    let body = wrap(line.trim_start(), width.saturating_sub(indent + 2).max(20));
    body.into_iter()
        .enumerate()
        .map(|(i, l)| format!("{}{l}", " ".repeat(if i == 0 { indent } else { indent + 2 })))
        .collect()
}

fn wrap_picture(picture: &str, indent: usize, width: usize) -> Vec<String> {
    let mut lines = vec![" ".repeat(indent)];
    for piece in picture.split_inclusive(']') {
        let Some(line) = lines.last_mut() else { break };
        if UnicodeWidthStr::width(line.as_str()) + UnicodeWidthStr::width(piece) > width && !line.trim().is_empty() {
            lines.push(format!("{}{}", " ".repeat(indent + 2), piece.trim_start()));
        } else {
            line.push_str(piece);
        }
    }
    lines
}

/// By id, else an exact name or alias hit from search ("Blue/green", "red black").
fn find<'a>(catalog: &'a Catalog, query: &str) -> Option<&'a Strategy> {
    catalog.strategy(query).or_else(|| {
        let hits = Index::build(catalog).search(query, 10);
        hits.iter()
            .find(|h| h.kind == HitKind::Strategy)
            .filter(|h| h.score >= 10_000)
            .and_then(|h| catalog.strategy(&h.id))
    })
}

fn unknown(catalog: &Catalog, query: &str, out: &mut impl Write) -> Result<ExitCode> {
    writeln!(out, "no strategy \"{query}\".")?;
    let hits = Index::build(catalog).search(query, 50);
    let close: Vec<_> = hits.iter().filter(|h| h.kind == HitKind::Strategy).take(5).collect();
    if close.is_empty() {
        writeln!(
            out,
            "Strategies: {}",
            catalog.strategies().iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
        )?;
    } else {
        writeln!(out, "Did you mean:")?;
        for h in close {
            writeln!(out, "  {:<22} {}", h.id, h.title)?;
        }
    }
    Ok(ExitCode::FAILURE)
}

fn list(catalog: &Catalog, out: &mut impl Write) -> Result<ExitCode> {
    for s in catalog.strategies() {
        let params = match walkthrough::Params::resolve(s.model, &s.params, &StrategyParams::default()) {
            Ok(p) => render::describe_params(s.model, &p),
            Err(e) => format!("(cannot simulate: {e})"),
        };
        writeln!(out, "{:<22} {:<34} {params}", s.id, walkthrough::model_name(s.model))?;
    }
    writeln!(out, "\nTry:  dopdeck walkthrough rolling-extra-batch --plain   ·   --fail-at 2 to inject a failure")?;
    Ok(ExitCode::SUCCESS)
}
