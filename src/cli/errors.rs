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
        if part.is_empty() || text.contains(part) {
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
}
