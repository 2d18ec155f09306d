//! Whether a stored attempt can still be taken.
//!
//! An attempt is stored as question ids and option orders. Older dopdecks saved attempts with
//! no questions at all when a choice matched nothing, and material changes can remove a
//! question or change its options after an attempt began. Such an attempt must be closed, not
//! indexed: every screen that shows "question i" assumes the question is there.

use super::session::Session;
use crate::content::Catalog;

/// Why `session` cannot be resumed against `catalog`, or `None` if it can.
///
/// Resumable means: at least one question; every question still in the material; every option
/// order a permutation of that question's options; one answer and one flag per question.
pub fn unresumable(catalog: &Catalog, session: &Session) -> Option<String> {
    let n = session.questions.len();
    if n == 0 {
        return Some("it has no questions".into());
    }
    if session.answers.len() != n || session.flagged.len() != n {
        return Some("its stored answers do not match its questions".into());
    }
    let mut gone = Vec::new();
    let mut changed = Vec::new();
    for aq in &session.questions {
        match catalog.question(&aq.question_id) {
            None => gone.push(aq.question_id.as_str()),
            Some(q) => {
                let mut order = aq.order.clone();
                order.sort_unstable();
                if !order.iter().copied().eq(0..q.options.len()) {
                    changed.push(aq.question_id.as_str());
                }
            }
        }
    }
    if !gone.is_empty() {
        return Some(format!("{} of its questions are no longer in the material: {}", gone.len(), list(&gone)));
    }
    if !changed.is_empty() {
        return Some(format!("the options of {} of its questions changed: {}", changed.len(), list(&changed)));
    }
    None
}

/// The first few ids, then "…".
fn list(ids: &[&str]) -> String {
    let mut s = ids.iter().take(3).copied().collect::<Vec<_>>().join(", ");
    if ids.len() > 3 {
        s.push_str(", …");
    }
    s
}
