//! A frame as plain text: the fleet picture, the counts in words, the status line, and the
//! summary — what `dopdeck walkthrough --plain` prints and what a screen reader can follow.
//!
//! Pure string building; wrapping to a terminal width is the caller's business. The picture is
//! for eyes (`[v1][v2~]`), the counts line says the same in words for ears.

use super::frame::{Condition, Frame, Group, Routing, Slot, Stage, Version};
use super::params::Params;
use super::sim::plural;
use super::summary::{Outcome, Summary};
use super::{StrategyModel, Timeline, failure_points};

/// Explains the picture's marks.
pub const LEGEND: &str = "Legend: [v1] [v2] in service · + launching · ~ updating · - draining · x terminating · \
                          ! failing health checks · . idle (no traffic) · [··] no application running";

/// What the boxes are behind a Lambda alias, for a header under [`LEGEND`].
pub const LAMBDA_NOTE: &str = "Behind a Lambda alias the boxes are notional execution environments, split between \
                               the two published versions in proportion to the alias weight: none is launched \
                               ahead, drained or terminated, and none costs extra; ! marks environments \
                               whose invocations fail.";

/// The CodeDeploy deployment configuration that runs `model` with `p` behind a Lambda alias:
/// a predefined one when the parameters match it, else the custom configuration to create.
/// `None` for other routings.
pub fn codedeploy_setting(model: StrategyModel, p: &Params) -> Option<String> {
    if p.routing != Routing::LambdaAlias {
        return None;
    }
    match model {
        StrategyModel::AllAtOnce => Some("CodeDeployDefault.LambdaAllAtOnce".to_owned()),
        StrategyModel::Canary if p.percent == 10 && [5, 10, 15, 30].contains(&p.bake_minutes) => {
            Some(format!("CodeDeployDefault.LambdaCanary10Percent{}Minutes", p.bake_minutes))
        }
        StrategyModel::Canary => Some(format!(
            "a custom deployment configuration: TimeBasedCanary with CanaryPercentage {} and CanaryInterval {}",
            p.percent, p.bake_minutes
        )),
        StrategyModel::Linear if p.percent == 10 && [1, 2, 3, 10].contains(&p.interval_minutes) => {
            let s = if p.interval_minutes == 1 { "" } else { "s" };
            Some(format!("CodeDeployDefault.LambdaLinear10PercentEvery{}Minute{s}", p.interval_minutes))
        }
        StrategyModel::Linear => Some(format!(
            "a custom deployment configuration: TimeBasedLinear with LinearPercentage {} and LinearInterval {}",
            p.percent, p.interval_minutes
        )),
        _ => None,
    }
}

/// One slot in the picture: the version, then a mark for anything but in service.
pub fn glyph(slot: &Slot) -> String {
    let version = slot.version.map_or("··", Version::label);
    format!("[{version}{}]", slot.condition.mark())
}

/// The fleet on one line, group by group: `ASG-A [v1][v1]   ASG-B (temporary) [v2+]`.
pub fn picture(frame: &Frame) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut last = None;
    for slot in &frame.slots {
        if last != Some(slot.group) {
            parts.push(format!("{} ", slot.group.label()));
            last = Some(slot.group);
        }
        if let Some(part) = parts.last_mut() {
            part.push_str(&glyph(slot));
        }
    }
    parts.join("   ")
}

/// How many slots of one group share a version and a condition.
type Tally = (Option<Version>, Condition, usize);

/// The picture in words: `4 v1 in service, 2 v2 updating`; with more than one group, each
/// group's counts follow its name: `ASG-A: 4 v1 in service · ASG-B (temporary): 1 v2 launching`.
pub fn counts(frame: &Frame) -> String {
    let mut groups: Vec<(Group, Vec<Tally>)> = Vec::new();
    for slot in &frame.slots {
        let at = match groups.iter().position(|(g, _)| *g == slot.group) {
            Some(at) => at,
            None => {
                groups.push((slot.group, Vec::new()));
                groups.len() - 1
            }
        };
        let tally = &mut groups[at].1;
        match tally.iter_mut().find(|(v, c, _)| (*v, *c) == (slot.version, slot.condition)) {
            Some((_, _, n)) => *n += 1,
            None => tally.push((slot.version, slot.condition, 1)),
        }
    }
    // A Lambda function has no health checks: a failing version shows as errors and alarms.
    let lambda = frame.traffic.routing == Routing::LambdaAlias;
    let label = |c: Condition| if lambda && c == Condition::Failed { "failing invocations" } else { c.label() };
    let several = groups.len() > 1;
    let parts: Vec<String> = groups
        .iter()
        .map(|(group, tally)| {
            let words: Vec<String> = tally
                .iter()
                .map(|(v, c, n)| format!("{n} {} {}", v.map_or("with no application", Version::label), label(*c)))
                .collect();
            let name = if several { format!("{}: ", group.label()) } else { String::new() };
            format!("{name}{}", words.join(", "))
        })
        .collect();
    if parts.is_empty() { "no instances".to_owned() } else { parts.join(" · ") }
}

/// `capacity 4/6 in service · extra 0 · traffic v1 100 % / v2 0 % (load balancer)`, plus the
/// failing share when requests fail.
pub fn status(frame: &Frame) -> String {
    let t = frame.traffic;
    let traffic = if t.v1 + t.v2 == 0 {
        format!("traffic none, nothing can answer ({})", t.routing.label())
    } else {
        format!("traffic v1 {} % / v2 {} % ({})", t.v1, t.v2, t.routing.label())
    };
    let errors = if t.errors > 0 { format!(" · failing requests {} %", t.errors) } else { String::new() };
    // While two fleets serve, "8/4 in service" would read as nonsense: say which is which.
    let capacity = if frame.in_service > frame.desired {
        format!("{} desired · {} in service", frame.desired, frame.in_service)
    } else {
        format!("{}/{} in service", frame.in_service, frame.desired)
    };
    format!("capacity {capacity} · extra {} · {traffic}{errors}", frame.extra)
}

/// `12 min`, `2 h 05 min`, `1 d 0 h 30 min`.
pub fn elapsed(minutes: u32) -> String {
    let (d, h, m) = (minutes / 1_440, minutes % 1_440 / 60, minutes % 60);
    match (d, h) {
        (0, 0) => format!("{m} min"),
        (0, _) => format!("{h} h {m:02} min"),
        _ => format!("{d} d {h} h {m:02} min"),
    }
}

/// The block of one step: heading, narration (only when the phase changes, or on the first
/// step), what happens now, picture, counts and status.
pub fn frame_lines(timeline: &Timeline, index: usize, phases: &[String]) -> Vec<String> {
    let Some(frame) = timeline.frames.get(index) else { return Vec::new() };
    let stage = match frame.stage {
        Stage::Failure => " · FAILURE",
        Stage::Rollback => " · ROLLBACK",
        _ => "",
    };
    let mut out =
        vec![format!("Step {} of {} · {}{stage}", index + 1, timeline.frames.len(), elapsed(frame.elapsed_minutes))];
    let changed = index == 0 || timeline.frames.get(index - 1).is_some_and(|prev| prev.phase != frame.phase);
    if let Some(sentence) = phases.get(frame.phase).filter(|_| changed) {
        out.push(format!("  Phase {} of {} — {sentence}", frame.phase + 1, phases.len()));
    }
    out.push(format!("  Now: {}", frame.caption));
    out.push(format!("  {}", picture(frame)));
    out.push(format!("  {}", counts(frame)));
    out.push(format!("  {}", status(frame)));
    out
}

/// The parameters in one line: `fleet 6 · batch 2 (3 batches) · pause 0 min`; behind a Lambda
/// alias `Lambda alias · 5 execution environments · canary 10 % · interval 10 min`.
pub fn describe_params(model: StrategyModel, p: &Params) -> String {
    use StrategyModel as M;
    let fleet = format!("fleet {}", p.fleet);
    let lambda = p.routing == Routing::LambdaAlias;
    let rest = match model {
        M::SingleTarget | M::AllAtOnce => String::new(),
        M::MinInService => {
            format!(" · min healthy {} (waves of {}) · pause {}", p.min_healthy, p.wave_size(), elapsed(p.bake_minutes))
        }
        M::Rolling | M::RollingExtraBatch => {
            format!(" · batch {} ({} batches) · pause {}", p.batch, p.batch_count(), elapsed(p.bake_minutes))
        }
        M::Immutable => format!(" · verify {}", elapsed(p.bake_minutes)),
        M::BlueGreen => format!(" · test and bake {} each", elapsed(p.bake_minutes)),
        M::RedBlack => format!(" · hold {}", elapsed(p.bake_minutes)),
        // CodeDeploy calls the canary's bake its interval.
        M::Canary if lambda => format!(" · canary {} % · interval {}", p.percent, elapsed(p.bake_minutes)),
        M::Canary => format!(" · canary {} % · bake {}", p.percent, elapsed(p.bake_minutes)),
        M::Linear => {
            format!(" · {} % every {} ({} steps)", p.percent, elapsed(p.interval_minutes), p.linear_steps())
        }
        M::AbTest => format!(" · B gets {} % · measure {}", p.percent, elapsed(p.bake_minutes)),
    };
    if lambda {
        return format!("Lambda alias · {} execution environments{rest}", p.fleet);
    }
    format!("{fleet}{rest}")
}

/// `failure: none`, or which point fails and what that means for this model.
pub fn describe_failure(timeline: &Timeline) -> String {
    let points = failure_points(timeline.model, &timeline.params);
    match timeline.fail_at {
        None => format!("failure: none (inject one with --fail-at 1…{}: {})", points.count, points.meaning),
        Some(k) => {
            format!("failure: the new version fails at {} {k} of {} ({})", points.unit, points.count, points.meaning)
        }
    }
}

/// The closing block: outcome, time, capacity, cost, downtime.
pub fn summary_lines(s: &Summary) -> Vec<String> {
    // Behind a Lambda alias there is no fleet of instances, only execution environments.
    let lambda = s.routing == Routing::LambdaAlias;
    let (unit, whole) = if lambda { ("environment", "full concurrency") } else { ("instance", "the fleet") };
    let outcome = match (s.outcome, lambda) {
        (Outcome::Deployed, false) => format!("deployed: every instance of the fleet of {} runs v2", s.desired),
        (Outcome::RolledBack, false) => {
            format!("rolled back: every instance of the fleet of {} runs v1 again", s.desired)
        }
        (Outcome::Deployed, true) => format!("deployed: the alias sends everything to v2 ({} environments)", s.desired),
        (Outcome::RolledBack, true) => {
            format!("rolled back: the alias sends everything to v1 again ({} environments)", s.desired)
        }
    };
    let rollback = s.rollback_minutes.map(|m| format!(" (the rollback took {})", elapsed(m))).unwrap_or_default();
    let pct = if s.desired == 0 { 0 } else { (200 * s.min_in_service + s.desired) / (2 * s.desired) };
    let downtime = match (s.downtime, s.outage_minutes) {
        (false, _) => "no".to_owned(),
        (true, m) => format!("yes: {} with every request failing", elapsed(m)),
    };
    let failing = if s.peak_error_percent == 0 {
        "none".to_owned()
    } else {
        format!("up to {} % of requests at the worst moment", s.peak_error_percent)
    };
    vec![
        "Summary".to_owned(),
        format!("  outcome          {outcome}"),
        format!("  total time       {}{rollback}", elapsed(s.total_minutes)),
        format!(
            "  min capacity     {} of {} in service ({pct} %) · {} {unit}-minutes short of {whole}",
            s.min_in_service, s.desired, s.short_instance_minutes
        ),
        format!(
            "  peak extra       {} · {} {unit}-minutes beyond {whole}",
            plural(s.peak_extra, unit),
            s.extra_instance_minutes
        ),
        format!("  downtime         {downtime}"),
        format!("  failed requests  {failing}"),
    ]
}
