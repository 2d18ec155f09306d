//! Picking an attempt's questions and shuffling their options.
//!
//! A full exam draws from every domain in proportion to its weight ([`super::blueprint`]); a drill
//! draws from one domain, task or topic. Within a pool, questions never answered come first, then
//! those seen longest ago, so consecutive mocks overlap as little as the bank allows; ties are
//! broken by the seeded generator, which also shuffles each question's options. The same seed and
//! history give the same attempt.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::blueprint::allocate;
use super::rng::Rng;
use crate::content::Catalog;
use crate::content::schema::Question;

/// Which questions an attempt draws from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "value")]
pub enum Scope {
    /// Every domain, by exam weight.
    All,
    Domain(u8),
    Task(String),
    Topic(String),
    /// A weak-area drill: these tasks, weakest first (see [`crate::plan::weakest`], which
    /// picks the questions itself).
    Weakest(Vec<String>),
}

impl Scope {
    fn admits(&self, catalog: &Catalog, q: &Question) -> bool {
        match self {
            Scope::All => true,
            Scope::Domain(d) => catalog.domain_of_task(q.task.get_ref()) == Some(*d),
            Scope::Task(t) => q.task.get_ref() == t,
            Scope::Topic(t) => q.topics.iter().any(|x| x.get_ref() == t),
            Scope::Weakest(tasks) => tasks.iter().any(|t| t == q.task.get_ref()),
        }
    }
}

/// One question of an attempt and the order its options are shown in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptQuestion {
    pub question_id: String,
    /// `order[shown position] = index of the option in the material`.
    pub order: Vec<usize>,
}

/// Draws up to `n` questions for `scope`.
///
/// `last_seen` maps question ids to when they were last answered; unseen questions are
/// preferred. Fewer than `n` come back only when the pool is smaller.
pub fn assemble(
    catalog: &Catalog,
    n: usize,
    scope: &Scope,
    seed: u64,
    last_seen: &HashMap<String, DateTime<Utc>>,
) -> Vec<AttemptQuestion> {
    let mut rng = Rng::new(seed);
    let pool: Vec<&Question> = catalog.questions().iter().filter(|q| scope.admits(catalog, q)).collect();
    let mut picked: Vec<&Question> = if *scope == Scope::All {
        let by_domain: Vec<(u8, u32, Vec<&Question>)> = catalog
            .exam
            .domains
            .iter()
            .map(|d| {
                let n = *d.number.get_ref();
                let qs = pool.iter().copied().filter(|q| catalog.domain_of_task(q.task.get_ref()) == Some(n)).collect();
                (n, d.weight, qs)
            })
            .collect();
        let shape: Vec<(u8, u32, usize)> = by_domain.iter().map(|(d, w, qs)| (*d, *w, qs.len())).collect();
        let counts = allocate(n, &shape);
        by_domain
            .into_iter()
            .zip(counts)
            .flat_map(|((_, _, qs), (_, count))| prefer_unseen(qs, count, last_seen, &mut rng))
            .collect()
    } else {
        prefer_unseen(pool, n, last_seen, &mut rng)
    };
    // Domains are mixed, as in the real exam.
    rng.shuffle(&mut picked);
    picked
        .into_iter()
        .map(|q| {
            let mut order: Vec<usize> = (0..q.options.len()).collect();
            rng.shuffle(&mut order);
            AttemptQuestion { question_id: q.id.get_ref().clone(), order }
        })
        .collect()
}

/// The `n` questions of `pool` seen least recently (never seen first), ties in random order.
fn prefer_unseen<'a>(
    mut pool: Vec<&'a Question>,
    n: usize,
    last_seen: &HashMap<String, DateTime<Utc>>,
    rng: &mut Rng,
) -> Vec<&'a Question> {
    rng.shuffle(&mut pool);
    // Stable sort keeps the random order within equal keys.
    pool.sort_by_key(|q| last_seen.get(q.id.get_ref()).copied());
    pool.truncate(n);
    pool
}
