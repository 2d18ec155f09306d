//! Filling a strategy file's narration with the parameters actually simulated.
//!
//! The `phases` in `content/strategies/*.toml` describe the default run; written with figures
//! ("six instances") they would be wrong as soon as `--fleet` changes the fleet. So they name
//! the figures as placeholders (`{fleet}`), which are filled from the resolved [`Params`].

use super::params::Params;

/// How a placeholder's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A count of instances or batches: in words up to twelve ("six"), as the prose reads.
    Count,
    /// A percentage or a number of minutes: in digits ("10").
    Digits,
}

/// A placeholder: its name, how it is written, and the value it stands for.
pub type Placeholder = (&'static str, Style, fn(&Params) -> u32);

/// The placeholders a phase may use.
pub const PLACEHOLDERS: &[Placeholder] = &[
    ("fleet", Style::Count, |p| p.fleet),
    ("double_fleet", Style::Count, |p| p.fleet.saturating_mul(2)),
    ("fleet_minus_one", Style::Count, |p| p.fleet.saturating_sub(1)),
    ("batch", Style::Count, |p| p.batch),
    ("fleet_plus_batch", Style::Count, |p| p.fleet.saturating_add(p.batch)),
    ("fleet_minus_batch", Style::Count, |p| p.fleet.saturating_sub(p.batch)),
    ("min_healthy", Style::Count, |p| p.min_healthy),
    ("wave", Style::Count, Params::wave_size),
    ("percent", Style::Digits, |p| p.percent),
    ("double_percent", Style::Digits, |p| p.percent.saturating_mul(2).min(100)),
    ("rest_percent", Style::Digits, |p| 100u32.saturating_sub(p.percent)),
    ("bake", Style::Digits, |p| p.bake_minutes),
    ("interval", Style::Digits, |p| p.interval_minutes),
];

/// A count as the narration writes it: "one" to "twelve", then digits.
fn write(value: u32, style: Style) -> String {
    const WORDS: [&str; 13] =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    match (style, WORDS.get(value as usize)) {
        (Style::Count, Some(word)) => (*word).to_owned(),
        _ => value.to_string(),
    }
}

/// `phase` with every known `{placeholder}` replaced by its value for `params`; anything else
/// in braces is left as written ([`unknown`] finds those; a test keeps the shipped files free of them).
pub fn fill(phase: &str, params: &Params) -> String {
    let mut out = String::with_capacity(phase.len());
    let mut rest = phase;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            PLACEHOLDERS.iter().find(|(n, _, _)| *n == name).map(|(_, style, f)| (write(f(params), *style), close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(&value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{names}` in `phase` that are not placeholders.
pub fn unknown(phase: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = phase;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !PLACEHOLDERS.iter().any(|(n, _, _)| *n == name) {
            names.push(name.to_owned());
        }
        rest = &after[close + 1..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::walkthrough::frame::Routing;

    fn params(fleet: u32, batch: u32) -> Params {
        Params {
            fleet,
            batch,
            percent: 10,
            bake_minutes: 5,
            interval_minutes: 3,
            min_healthy: 4,
            routing: Routing::LoadBalancer,
        }
    }

    #[test]
    fn placeholders_follow_the_parameters() {
        let p = params(8, 2);
        assert_eq!(
            fill("Start: {fleet} instances; {fleet_minus_batch} serve.", &p),
            "Start: eight instances; six serve."
        );
        assert_eq!(fill("{fleet} instances", &params(40, 2)), "40 instances");
        assert_eq!(fill("{percent}% then {rest_percent}%", &p), "10% then 90%");
        assert_eq!(fill("a {set} and a { brace", &p), "a {set} and a { brace");
        assert_eq!(unknown("{fleet} {fleets} {batch}"), vec!["fleets".to_owned()]);
    }
}
