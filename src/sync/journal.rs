//! The journal file format: JSON lines, a header first.
//!
//! ```text
//! {"dopdeck_journal":1,"device":"3f9c0a7d1b2e4c55"}
//! {"kind":"review","id":"3f9c…-r000000000042-1795…","item":"codedeploy/appspec","at":1795…,"rating":3}
//! {"kind":"undo","id":"undo:3f9c…","target":"3f9c…","at":1795…}
//! ```
//!
//! One line per event, so appending never rewrites what is there, and a sync client copying
//! the file mid-write leaves at worst one broken last line. Reading is tolerant of what synced
//! folders do: a line that does not parse (half-written, garbage from a bad merge) is skipped
//! and counted; it comes back whole from the device that owns it at its next sync. What it is
//! not tolerant of is a journal from a newer dopdeck: a newer format may mean something this
//! build would merge wrongly, so that is an error naming the file.

use serde::{Deserialize, Serialize};

use super::Event;

/// The journal format this build writes and reads.
pub const JOURNAL_VERSION: u32 = 1;

/// A journal's first line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub dopdeck_journal: u32,
    pub device: String,
}

/// What one journal holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    /// The device that writes it, from its header (`None` if the header line is damaged).
    pub device: Option<String>,
    pub events: Vec<Event>,
    /// 1-based numbers of the lines skipped as damaged.
    pub damaged: Vec<usize>,
}

/// Why a journal cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JournalError {
    #[error(
        "{file} was written by a newer dopdeck (journal format {found}; this one reads up to \
         {JOURNAL_VERSION}): upgrade dopdeck on this computer, then sync again. Nothing was changed"
    )]
    TooNew { file: String, found: u32 },
}

/// The header line (with its newline) of `device`'s journal.
pub fn header_line(device: &str) -> String {
    let header = Header { dopdeck_journal: JOURNAL_VERSION, device: device.to_string() };
    format!("{}\n", serde_json::to_string(&header).unwrap_or_default())
}

/// An event as one line, with its newline.
pub fn event_line(event: &Event) -> String {
    // Serializing these plain structs cannot fail; an empty line would only be skipped.
    format!("{}\n", serde_json::to_string(event).unwrap_or_default())
}

/// Reads a journal's bytes; `file` names it in errors.
///
/// # Errors
///
/// [`JournalError::TooNew`] when its header, or any line, carries a newer format version.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Parsed, JournalError> {
    let text = String::from_utf8_lossy(bytes);
    let mut parsed = Parsed::default();
    for (index, line) in text.split('\n').enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Ok(header) = serde_json::from_str::<Header>(line) {
            if header.dopdeck_journal > JOURNAL_VERSION {
                return Err(JournalError::TooNew { file: file.to_string(), found: header.dopdeck_journal });
            }
            parsed.device.get_or_insert(header.device);
            continue;
        }
        match serde_json::from_str::<Event>(line) {
            Ok(event) if valid(&event) => parsed.events.push(event),
            _ => parsed.damaged.push(index + 1),
        }
    }
    Ok(parsed)
}

/// Rejects events that parse but cannot be meant: an empty id, a rating out of range.
fn valid(event: &Event) -> bool {
    match event {
        Event::Review(r) => !r.id.is_empty() && !r.item.is_empty() && (1..=4).contains(&r.rating) && time(r.at),
        Event::Undo(u) => u.id == format!("undo:{}", u.target),
        Event::Attempt(a) => {
            let a = &a.attempt;
            !event.id().is_empty()
                && ["exam", "practice", "drill"].contains(&a.mode.as_str())
                && serde_json::from_str::<crate::exam::Scope>(&a.scope).is_ok()
                && time(a.started_at)
                && time(a.submitted_at)
                && a.deadline.is_none_or(time)
                && a.answers.iter().all(|x| x.answered_at.is_none_or(time))
        }
        Event::Setting(s) => !s.id.is_empty() && !super::is_local_setting(&s.key),
    }
}

/// Whether unix microseconds `t` is a time dopdeck can store.
fn time(t: i64) -> bool {
    chrono::DateTime::from_timestamp_micros(t).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::{ReviewEvent, UndoEvent};

    fn review(id: &str) -> Event {
        Event::Review(ReviewEvent { id: id.into(), item: "a/b".into(), at: 5, rating: 3, ms: None })
    }

    #[test]
    fn round_trips_and_skips_a_truncated_last_line() {
        let mut text = header_line("dev");
        text.push_str(&event_line(&review("dev-1")));
        text.push_str(&event_line(&Event::Undo(UndoEvent::of("dev-1", 9))));
        let full = event_line(&review("dev-2"));
        text.push_str(&full[..full.len() / 2]);
        let parsed = parse("j", text.as_bytes()).unwrap();
        assert_eq!(parsed.device.as_deref(), Some("dev"));
        assert_eq!(parsed.events.len(), 2);
        assert_eq!(parsed.damaged, vec![4]);
    }

    #[test]
    fn a_newer_format_is_an_error_naming_the_file() {
        let text = "{\"dopdeck_journal\":2,\"device\":\"x\"}\n";
        let err = parse("dopdeck-x.jsonl", text.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("dopdeck-x.jsonl") && err.to_string().contains("newer dopdeck"));
    }

    #[test]
    fn garbage_and_bad_ratings_are_skipped_not_fatal() {
        let text = "\u{0}\u{ff}garbage\n{\"kind\":\"review\",\"id\":\"a\",\"item\":\"i\",\"at\":1,\"rating\":9}\n";
        let parsed = parse("j", text.as_bytes()).unwrap();
        assert!(parsed.events.is_empty());
        assert_eq!(parsed.damaged, vec![1, 2]);
    }
}
