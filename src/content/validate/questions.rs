//! Checks on questions: a valid id, a known task in the domain whose folder holds the
//! question, known topics and strategies, documentation cited, and the format the exam uses —
//! four options for multiple choice, five or more for multiple response, never more than
//! [`MAX_OPTIONS`] (as many as there are letters to show), as many correct options as
//! `choose` asks, a `why` for every option, and no repeated option text.

use std::collections::HashSet;

use super::Validator;
use crate::content::parse::is_id;
use crate::content::schema::Question;
use crate::text::letters::MAX_OPTIONS;

impl Validator {
    pub(super) fn question(&mut self, fi: usize, slug: &str, q: &Question) {
        let id = q.id.get_ref();
        if !(id.starts_with("q-") && is_id(id)) {
            self.report(
                fi,
                q.id.span(),
                format!("question id `{id}` is not valid: use q-<domain-slug>-<name>, lower-case"),
            );
        }
        self.claim(fi, q.id.span(), id.clone());
        self.task_ref(fi, &q.task);
        if let (Some(&task_domain), Some(&folder_domain)) = (self.tasks.get(q.task.get_ref()), self.slugs.get(slug)) {
            if task_domain != folder_domain {
                let msg = format!(
                    "question `{id}` is for task {} (domain {task_domain}) but sits in the folder of domain {folder_domain}",
                    q.task.get_ref()
                );
                self.report(fi, q.task.span(), msg);
            }
        } else if !self.slugs.contains_key(slug) {
            let mut known: Vec<&String> = self.slugs.keys().collect();
            known.sort();
            self.report(fi, q.id.span(), format!("folder `{slug}` is not a domain slug (one of {known:?})"));
        }
        if q.topics.is_empty() {
            self.report(fi, q.id.span(), format!("question `{id}` names no topics"));
        }
        for t in &q.topics {
            self.topic_ref(fi, t);
        }
        for s in &q.strategies {
            if !self.strategy_ids.contains(s.get_ref()) {
                self.report(fi, s.span(), format!("unknown strategy `{}`", s.get_ref()));
            }
        }
        if q.refs.is_empty() {
            self.report(fi, q.id.span(), format!("question `{id}` has no `refs`: cite the documentation"));
        }
        self.question_format(fi, q);
    }

    fn question_format(&mut self, fi: usize, q: &Question) {
        let id = q.id.get_ref();
        let choose = *q.choose.get_ref() as usize;
        let options = q.options.len();
        let correct = q.options.iter().filter(|o| o.get_ref().correct).count();
        let at = q.choose.span();
        match choose {
            0 => self.report(fi, at.clone(), format!("question `{id}`: `choose` must be 1 or more")),
            1 if options != 4 => self.report(
                fi,
                at.clone(),
                format!("question `{id}`: multiple choice (choose = 1) has exactly 4 options, not {options}"),
            ),
            n if n >= 2 && options < 5 => self.report(
                fi,
                at.clone(),
                format!("question `{id}`: multiple response (choose = {n}) has 5 or more options, not {options}"),
            ),
            _ => {}
        }
        if options > MAX_OPTIONS {
            // Every shell names options by letter; an 11th would have none (and once panicked).
            let msg = format!("question `{id}` has {options} options; at most {MAX_OPTIONS} (A–J) can be shown");
            self.report(fi, at.clone(), msg);
        }
        if choose > 0 && correct != choose {
            let msg = format!("question `{id}`: choose = {choose} but {correct} options are marked correct");
            self.report(fi, at, msg);
        }
        let mut texts = HashSet::new();
        for (i, opt) in q.options.iter().enumerate() {
            let o = opt.get_ref();
            if o.why.as_deref().is_none_or(|w| w.trim().is_empty()) {
                let msg = format!(
                    "question `{id}`: option {} has no `why`: every option explains why it is right or wrong",
                    i + 1
                );
                self.report(fi, opt.span(), msg);
            }
            if !texts.insert(o.text.trim()) {
                self.report(fi, opt.span(), format!("question `{id}`: option {} repeats another option's text", i + 1));
            }
        }
    }
}
