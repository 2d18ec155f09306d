//! Today's study queue, built from plain data.
//!
//! Order, as in Anki: (re)learning items that are due, by due time; then review items due
//! today, overdue ones first and, within that, the ones most likely forgotten first, up to the
//! daily review limit; then new items up to the daily new limit, interleaved across exam
//! domains in proportion to their weight; finally (re)learning items due within the
//! learn-ahead window, so that a session can finish its learning steps instead of stopping.
//!
//! Siblings (items from the same table or sequence) are buried for the day: among new and
//! review items at most one per sibling group is shown per study day, and none if a sibling was
//! already graded today. Learning items are never buried, because their steps are short.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet, VecDeque};

use chrono::{DateTime, NaiveDate, Utc};

use super::config::SchedulerConfig;
use super::scheduler::retrievability_with_decay;
use super::types::{CardState, State};

/// One item offered to the queue builder. Its names are borrowed from the catalog where it
/// has them: `dopdeck due` builds one per item of a deck, and copying three strings for each
/// was a tenth of the command.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueCandidate<'a> {
    /// Item id.
    pub id: Cow<'a, str>,
    /// Exam domain (1–6 for DOP-C02), used to interleave new items.
    pub domain: u8,
    /// Items in the same group (a table, a sequence) are buried for the day together.
    pub sibling_group: Option<Cow<'a, str>>,
    /// The item's (first) topic: new items of one domain take turns across topics, so a fresh
    /// deck does not open with a run of cards on one service. `None` counts as one topic.
    pub topic: Option<Cow<'a, str>>,
    /// Scheduling state; `None` (or a `New` state) for an item never graded.
    pub card: Option<CardState>,
    /// Suspended items never appear.
    pub suspended: bool,
    /// The item is hidden on every study day up to and including this one.
    pub buried_until: Option<NaiveDate>,
}

/// A deck's daily limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyLimits {
    /// New items to introduce per study day.
    pub new_per_day: u32,
    /// Review-state items to review per study day.
    pub reviews_per_day: u32,
}

/// What has already been done today, which the daily limits are charged with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DoneToday {
    /// New items graded for the first time today.
    pub new_introduced: u32,
    /// Grades today of items that were in review state.
    pub reviews_done: u32,
}

/// Why an item is in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QueueKind {
    /// In (re)learning steps.
    Learning,
    /// A review-state item due today.
    Review,
    /// Never graded.
    New,
}

/// One queue position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEntry {
    /// Item id.
    pub id: String,
    /// Why it is queued.
    pub kind: QueueKind,
}

/// The counts `dopdeck due` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DueCounts {
    /// New items available today (after the daily limit and sibling burying).
    pub new: u32,
    /// (Re)learning items due now.
    pub learning: u32,
    /// Review items due today (after the daily limit and sibling burying).
    pub review: u32,
    /// When the next learning or review item becomes available, if none is available now.
    /// Review items become available at the start of their due study day.
    pub next_due: Option<DateTime<Utc>>,
}

/// Inputs shared by [`build_queue`] and [`due_counts`].
#[derive(Debug, Clone, Copy)]
pub struct QueueParams<'a> {
    /// The deck's daily limits.
    pub limits: DailyLimits,
    /// What was already done today.
    pub done: DoneToday,
    /// Exam weight per domain; domains missing or weighted 0 count as weight 1.
    pub domain_weights: &'a [(u8, u32)],
    /// The clock.
    pub now: DateTime<Utc>,
}

/// Builds today's queue.
pub fn build_queue(candidates: &[QueueCandidate], params: &QueueParams<'_>, cfg: &SchedulerConfig) -> Vec<QueueEntry> {
    let plan = plan(candidates, params, cfg);
    let entry = |index: usize, kind| QueueEntry { id: candidates[index].id.to_string(), kind };
    let mut queue = Vec::with_capacity(plan.learning.len() + plan.review.len() + plan.new.len() + plan.ahead.len());
    queue.extend(plan.learning.iter().map(|&i| entry(i, QueueKind::Learning)));
    queue.extend(plan.review.iter().map(|&i| entry(i, QueueKind::Review)));
    queue.extend(plan.new.iter().map(|&i| entry(i, QueueKind::New)));
    queue.extend(plan.ahead.iter().map(|&i| entry(i, QueueKind::Learning)));
    queue
}

/// Counts what [`build_queue`] would offer (without the learn-ahead tail) and when the next
/// item becomes due.
pub fn due_counts(candidates: &[QueueCandidate], params: &QueueParams<'_>, cfg: &SchedulerConfig) -> DueCounts {
    let plan = plan(candidates, params, cfg);
    let count = |v: &Vec<usize>| u32::try_from(v.len()).unwrap_or(u32::MAX);
    DueCounts {
        new: count(&plan.new),
        learning: count(&plan.learning),
        review: count(&plan.review),
        next_due: plan.next_due,
    }
}

/// [`due_counts`] of `candidates` plus never-graded items given only by their sibling groups
/// (`fresh`, one entry per item): the same counts as `due_counts` over all of them, without
/// building a candidate for each item a learner has not met yet, which on a fresh deck is most
/// of the deck. Counting new items needs no order: the queue takes every new item without a
/// sibling group and one item of every group not already used, up to the day's limit.
pub fn due_counts_with_fresh(
    candidates: &[QueueCandidate],
    fresh: &[Option<&str>],
    params: &QueueParams<'_>,
    cfg: &SchedulerConfig,
) -> DueCounts {
    let (plan, used_groups, new) = plan_due(candidates, params, cfg);
    let new_left = params.limits.new_per_day.saturating_sub(params.done.new_introduced) as usize;
    let groups = new.iter().map(|&i| candidates[i].sibling_group.as_deref()).chain(fresh.iter().copied());
    let mut loners = 0usize;
    let mut seen: HashSet<&str> = HashSet::new();
    for group in groups {
        match group {
            None => loners += 1,
            Some(g) if !used_groups.contains(g) => drop(seen.insert(g)),
            Some(_) => {}
        }
    }
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    DueCounts {
        new: count(loners.saturating_add(seen.len()).min(new_left)),
        learning: count(plan.learning.len()),
        review: count(plan.review.len()),
        next_due: plan.next_due,
    }
}

/// Indices into the candidates, per section, in queue order.
struct Plan {
    learning: Vec<usize>,
    review: Vec<usize>,
    new: Vec<usize>,
    ahead: Vec<usize>,
    next_due: Option<DateTime<Utc>>,
}

fn plan(candidates: &[QueueCandidate], params: &QueueParams<'_>, cfg: &SchedulerConfig) -> Plan {
    let (mut plan, mut used_groups, new) = plan_due(candidates, params, cfg);
    let new_left = params.limits.new_per_day.saturating_sub(params.done.new_introduced) as usize;
    let already = usize::try_from(params.done.new_introduced).unwrap_or(usize::MAX);
    plan.new = interleave_new(&new, candidates, params.domain_weights, &mut used_groups, new_left, already);
    plan
}

/// Everything of the plan but the new items: the sections, the sibling groups already used
/// (graded today, or taken by a review), and the new candidates, in catalogue order.
fn plan_due<'a>(
    candidates: &'a [QueueCandidate],
    params: &QueueParams<'_>,
    cfg: &SchedulerConfig,
) -> (Plan, HashSet<&'a str>, Vec<usize>) {
    let now = params.now;
    let today = cfg.study_day(now);
    // Day boundaries computed once; per item only instants are compared (this loop runs over
    // every item of the deck, up to 100k).
    let today_start = cfg.day_start(today);
    let tomorrow_start = cfg.day_start(today.succ_opt().unwrap_or(today));
    let is_today = |t: DateTime<Utc>| today_start <= t && t < tomorrow_start;
    let ahead_until = now + cfg.learn_ahead;
    let decay = cfg.decay();

    // Sibling groups with an item graded today: the rest of the group stays buried today.
    let mut graded_today: HashMap<&str, &str> = HashMap::new();
    for candidate in candidates {
        if let (Some(group), Some(last)) =
            (candidate.sibling_group.as_deref(), candidate.card.as_ref().and_then(|c| c.last_review))
            && is_today(last)
        {
            graded_today.entry(group).or_insert(&candidate.id);
        }
    }

    let mut learning: Vec<(DateTime<Utc>, usize)> = Vec::new();
    let mut ahead: Vec<(DateTime<Utc>, usize)> = Vec::new();
    let mut review: Vec<(bool, f64, usize)> = Vec::new();
    let mut new: Vec<usize> = Vec::new();
    let mut next_due: Option<DateTime<Utc>> = None;
    let mut next_review_due: Option<DateTime<Utc>> = None;
    let mut note_next = |t: DateTime<Utc>| {
        if next_due.is_none_or(|n| t < n) {
            next_due = Some(t);
        }
    };

    for (index, candidate) in candidates.iter().enumerate() {
        if candidate.suspended {
            continue;
        }
        let buried = candidate.buried_until.is_some_and(|until| until >= today);
        let card = candidate.card.as_ref().filter(|c| c.state != State::New);
        let Some(card) = card else {
            if !buried {
                new.push(index);
            }
            continue;
        };
        let reopen =
            candidate.buried_until.filter(|_| buried).and_then(|until| until.succ_opt()).map(|day| cfg.day_start(day));
        if card.state.is_learning() {
            let available = reopen.map_or(card.due, |r| r.max(card.due));
            if available <= now {
                learning.push((card.due, index));
            } else {
                note_next(available);
                if !buried && card.due <= ahead_until {
                    ahead.push((card.due, index));
                }
            }
        } else {
            // A review item is available from the start of its due study day.
            let due_today_or_before = card.due < tomorrow_start;
            let reopened = reopen.is_none_or(|r| r <= now);
            if due_today_or_before && reopened {
                let sibling_blocked = candidate
                    .sibling_group
                    .as_deref()
                    .and_then(|g| graded_today.get(g))
                    .is_some_and(|&id| id != candidate.id);
                if !sibling_blocked {
                    let overdue = card.due < today_start;
                    review.push((overdue, retrievability_with_decay(card, now, decay), index));
                }
            } else if due_today_or_before {
                note_next(reopen.unwrap_or(tomorrow_start));
            } else {
                // The start of the due day, converted once for the earliest such item below.
                let reopen_or_due = reopen.map_or(card.due, |r| r.max(card.due));
                if next_review_due.is_none_or(|n| reopen_or_due < n) {
                    next_review_due = Some(reopen_or_due);
                }
            }
        }
    }

    if let Some(due) = next_review_due {
        note_next(cfg.day_start(cfg.study_day(due)));
    }

    learning.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| candidates[a.1].id.cmp(&candidates[b.1].id)));
    ahead.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| candidates[a.1].id.cmp(&candidates[b.1].id)));
    // Overdue first, then the likeliest forgotten, then by id: a total order, so sorting only a
    // prefix picks the same items as sorting all of them.
    let by_urgency = |a: &(bool, f64, usize), b: &(bool, f64, usize)| {
        b.0.cmp(&a.0).then_with(|| a.1.total_cmp(&b.1)).then_with(|| candidates[a.2].id.cmp(&candidates[b.2].id))
    };
    let mut used_groups: HashSet<&str> = graded_today.keys().copied().collect();
    let review_left = params.limits.reviews_per_day.saturating_sub(params.done.reviews_done) as usize;
    // A long history has tens of thousands of reviews due and a limit of a few hundred: select
    // a prefix twice the limit and sort only that. Should burying skip so many that the prefix
    // does not fill the limit, everything is sorted after all.
    let prefix = review_left.saturating_mul(2).max(64);
    let mut review_taken = None;
    if prefix < review.len() {
        review.select_nth_unstable_by(prefix, by_urgency);
        let head = review.get_mut(..prefix).unwrap_or_default();
        head.sort_by(by_urgency);
        let mut groups = used_groups.clone();
        let taken = take_unburied(head.iter().map(|&(_, _, i)| i), candidates, &mut groups, review_left, &graded_today);
        if taken.len() >= review_left {
            used_groups = groups;
            review_taken = Some(taken);
        }
    }
    let review = match review_taken {
        Some(taken) => taken,
        None => {
            review.sort_by(by_urgency);
            take_unburied(
                review.into_iter().map(|(_, _, i)| i),
                candidates,
                &mut used_groups,
                review_left,
                &graded_today,
            )
        }
    };
    let plan = Plan {
        learning: learning.into_iter().map(|(_, i)| i).collect(),
        review,
        new: Vec::new(),
        ahead: ahead.into_iter().map(|(_, i)| i).collect(),
        next_due,
    };
    (plan, used_groups, new)
}

/// Takes up to `limit` items in order, skipping items whose sibling group is already used.
fn take_unburied<'a>(
    order: impl Iterator<Item = usize>,
    candidates: &'a [QueueCandidate],
    used_groups: &mut HashSet<&'a str>,
    limit: usize,
    graded_today: &HashMap<&str, &str>,
) -> Vec<usize> {
    let mut taken = Vec::new();
    for index in order {
        if taken.len() >= limit {
            break;
        }
        let candidate = &candidates[index];
        if let Some(group) = candidate.sibling_group.as_deref() {
            // The item graded today may itself come back; its siblings may not.
            let own_grade = graded_today.get(group).is_some_and(|&id| id == candidate.id);
            if !used_groups.insert(group) && !own_grade {
                continue;
            }
        }
        taken.push(index);
    }
    taken
}

/// New items, interleaved across domains by a smooth weighted round-robin.
///
/// Within a domain, items take turns across topics (see [`spread_topics`]). Every pick adds each domain's weight to its
/// credit, takes the next item of the domain with the most credit (ties: lower domain number)
/// and charges that domain the total weight, so over any stretch each domain's share follows
/// its weight and the order is fully deterministic.
///
/// The queue is rebuilt after every grade, so the credits first advance by the `already` new
/// items introduced today: the day's sequence of domains continues instead of starting again
/// at the first domain on every rebuild.
fn interleave_new<'a>(
    new: &[usize],
    candidates: &'a [QueueCandidate],
    weights: &[(u8, u32)],
    used_groups: &mut HashSet<&'a str>,
    limit: usize,
    already: usize,
) -> Vec<usize> {
    let mut domains: Vec<(u8, i64, VecDeque<usize>)> = Vec::new();
    for &index in new {
        let domain = candidates[index].domain;
        match domains.iter_mut().find(|(d, _, _)| *d == domain) {
            Some((_, _, items)) => items.push_back(index),
            None => domains.push((domain, 0, VecDeque::from([index]))),
        }
    }
    domains.sort_by_key(|(d, _, _)| *d);
    if !domains.is_empty() {
        let turns = topic_turns(candidates);
        for (_, _, items) in domains.iter_mut() {
            spread_topics(items, &turns);
        }
    }
    let weight_of = |domain: u8| -> i64 {
        let w = weights.iter().find(|(d, _)| *d == domain).map_or(1, |(_, w)| *w);
        i64::from(w.max(1))
    };

    if !domains.is_empty() {
        let total: i64 = domains.iter().map(|(d, _, _)| weight_of(*d)).sum();
        for _ in 0..already.min(10_000) {
            for (domain, credit, _) in domains.iter_mut() {
                *credit += weight_of(*domain);
            }
            let best = best_credit(&domains);
            domains[best].1 -= total;
        }
    }

    let mut picked = Vec::new();
    while picked.len() < limit {
        // Drop the heads that are buried siblings, and domains that ran out.
        for (_, _, items) in domains.iter_mut() {
            while let Some(&head) = items.front() {
                match candidates[head].sibling_group.as_deref() {
                    Some(group) if used_groups.contains(group) => {
                        items.pop_front();
                    }
                    _ => break,
                }
            }
        }
        domains.retain(|(_, _, items)| !items.is_empty());
        if domains.is_empty() {
            break;
        }
        let total: i64 = domains.iter().map(|(d, _, _)| weight_of(*d)).sum();
        for (domain, credit, _) in domains.iter_mut() {
            *credit += weight_of(*domain);
        }
        let best = best_credit(&domains);
        domains[best].1 -= total;
        if let Some(index) = domains[best].2.pop_front() {
            if let Some(group) = candidates[index].sibling_group.as_deref() {
                used_groups.insert(group);
            }
            picked.push(index);
        }
    }
    picked
}

/// Where each candidate falls in the turns topics take: its rank within its topic (how many
/// items of the same topic come before it in catalogue order, graded ones included) and its
/// topic's order of first appearance. Sorting by this key takes the first item of every topic,
/// then the second of every topic, and so on.
///
/// Ranks count graded items too, so the turns carry on when the queue is rebuilt after a
/// grade (and on the next day) instead of starting again at the first topic.
fn topic_turns(candidates: &[QueueCandidate]) -> Vec<(u32, u32)> {
    // Topics by order of first appearance, and how many items of each were met so far.
    let mut order_of: HashMap<Option<&str>, u32> = HashMap::new();
    let mut counts: Vec<u32> = Vec::new();
    // Catalogue order keeps a topic's items together: the previous item's topic is reused
    // without hashing it again.
    let mut last: Option<(Option<&str>, u32)> = None;
    let mut turns = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        let topic = candidate.topic.as_deref();
        let order = match last {
            Some((t, order)) if t == topic => order,
            _ => *order_of.entry(topic).or_insert_with(|| {
                counts.push(0);
                u32::try_from(counts.len() - 1).unwrap_or(u32::MAX)
            }),
        };
        last = Some((topic, order));
        let count = counts.get_mut(order as usize).map_or(0, |c| std::mem::replace(c, *c + 1));
        turns.push((count, order));
    }
    turns
}

/// A domain's new items (in catalogue order) taking turns across topics, see [`topic_turns`].
/// Catalogue order groups items by topic, alphabetically, which would otherwise open a fresh
/// deck with a run of cards on one service.
fn spread_topics(items: &mut VecDeque<usize>, turns: &[(u32, u32)]) {
    items.make_contiguous().sort_by_key(|&index| (turns[index], index));
}

/// The domain with the most credit; ties go to the lower domain number (the list is sorted).
fn best_credit(domains: &[(u8, i64, VecDeque<usize>)]) -> usize {
    let mut best = 0;
    for (position, (_, credit, _)) in domains.iter().enumerate() {
        if *credit > domains[best].1 {
            best = position;
        }
    }
    best
}
