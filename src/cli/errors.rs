//! How an error reaches the user: one line, each cause once.
//!
//! Errors carry their causes as a chain, and several of ours also print their cause in their
//! own message (a store error reads "FILE: SQLite's message"). Printing the whole chain with
//! `{:#}` then says the same thing twice or three times ("disk I/O error: disk I/O error: Error
//! code 1034"). A cause whose text the message already holds is left out.

/// The error and those of its causes that add something, joined by ": ".
pub fn describe(err: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in err.chain() {
        let full = cause.to_string();
        let mut part = full.trim();
        // "FILE: what" after a message that already names FILE: keep "what".
        while let Some((head, tail)) = part.split_once(": ")
            && !head.is_empty()
            && text.contains(head)
        {
            part = tail.trim();
        }
        // SQLite's own error under rusqlite's adds only a code to what was said ("Error code 5:
        // database is locked" after "database is locked"): nothing new.
        let only_a_code =
            part.split_once(": ").is_some_and(|(_, tail)| !tail.trim().is_empty() && text.contains(tail.trim()));
        if part.is_empty() || text.contains(part) || only_a_code {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(part);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("{path}: {source}")]
    struct Wrapped {
        path: String,
        source: std::io::Error,
    }

    #[test]
    fn a_cause_already_in_the_message_is_not_repeated() {
        let inner = std::io::Error::other("disk I/O error");
        let err = anyhow::Error::new(Wrapped { path: "/x.db".into(), source: inner }).context("cannot open /x.db");
        assert_eq!(describe(&err), "cannot open /x.db: disk I/O error");
        let twice = anyhow::anyhow!("disk I/O error").context("disk I/O error").context("cannot open /x.db");
        assert_eq!(describe(&twice), "cannot open /x.db: disk I/O error");
    }

    /// A locked database, as the store reports it: the file, rusqlite's message, then SQLite's
    /// own error with its code and the same message.
    #[test]
    fn a_code_in_front_of_the_same_message_is_not_repeated() {
        let sqlite = anyhow::anyhow!("Error code 5: database is locked").context("database is locked");
        let err = sqlite.context("/x.db: database is locked");
        assert_eq!(describe(&err), "/x.db: database is locked");
        // A code in front of something new is kept.
        let other = anyhow::anyhow!("Error code 11: database disk image is malformed").context("/x.db: cannot read");
        assert_eq!(describe(&other), "/x.db: cannot read: Error code 11: database disk image is malformed");
    }
}
