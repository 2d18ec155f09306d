//! Studying to a date as use cases: the exam-day plan, the readiness projection, weakest-task
//! drills, cramming without rescheduling, and exam pacing.
//!
//! The arithmetic and the model are pure ([`crate::plan`]); this file reads what they need
//! from the store, once per call, and stores what the learner sets (the plan is one JSON
//! setting, so it syncs like the other settings; clearing stores an empty value, as
//! `sync_dir` does, so a clear syncs too).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::exams::Attempt;
use super::reviewing::{Study, StudyError};
use crate::content::schema::Deck;
use crate::exam::{self, Mode, Scope, Session};
use crate::plan::readiness::{self, ItemEvidence, Projection, Tally};
use crate::plan::schedule::{self, PlanSettings, Verdict, Workload};
use crate::plan::weakest::{self, Candidate, TaskStrength};
use crate::plan::{Pacing, QuestionRecord, pacing};
use crate::srs::State;
use crate::srs::stats::{self, StateCounts};
use crate::store::ItemRow;

/// Settings key of the plan ([`PlanSettings`] as JSON; empty when cleared).
pub const PLAN_KEY: &str = "plan";

/// How many recent scored attempts count as "recent exam accuracy".
pub const RECENT_ATTEMPTS: usize = 5;

/// The local hour the projection looks at on the exam day: a morning sitting.
const EXAM_HOUR: i64 = 9;

/// Everything `dopdeck plan` and the dashboard show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanReport {
    pub exam_date: NaiveDate,
    pub today: NaiveDate,
    pub days_left: u32,
    pub buffer_days: u32,
    /// The deck the plan introduces.
    pub deck: String,
    /// Its items by state.
    pub items: StateCounts,
    /// New cards a day to introduce every item `buffer_days` before the exam.
    pub new_per_day: u32,
    /// The reviews a day that implies (the `fsrs` simulator).
    pub workload: Workload,
    pub verdict: Verdict,
    /// Readiness on the exam day.
    pub readiness: Projection,
    /// The three weakest tasks.
    pub weakest: Vec<TaskStrength>,
}

/// The dashboard's view of the exam date: the plan (without its review forecast), readiness on
/// the exam day (or today without a plan), and the three weakest tasks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlook {
    pub plan: Option<PlanReport>,
    pub readiness: Projection,
    pub weakest: Vec<TaskStrength>,
}

impl Study<'_> {
    /// The stored plan, if one is set (an unreadable value counts as none).
    pub fn plan(&self) -> Result<Option<PlanSettings>, StudyError> {
        Ok(self.store.get_setting(PLAN_KEY)?.and_then(|v| serde_json::from_str(&v).ok()))
    }

    /// Sets the plan: the exam on `exam_date`, every item of the `daily` deck introduced
    /// `buffer_days` before it. The pace it asks for today becomes the baseline of the verdict.
    pub fn set_plan(&self, exam_date: NaiveDate, buffer_days: u32, now: DateTime<Utc>) -> Result<(), StudyError> {
        let deck = self.deck(PLAN_DECK)?;
        let today = self.base.study_day(now);
        let (new_now, _) = self.new_items(deck, &self.store.items()?, now)?;
        let plan = PlanSettings::new(exam_date, buffer_days, today, new_now);
        let json = serde_json::to_string(&plan).unwrap_or_default();
        self.store.set_setting(PLAN_KEY, &json)?;
        // The new-card limit of the plan's deck has changed.
        self.wrote();
        Ok(())
    }

    /// Removes the plan; the deck's own new-card limit applies again.
    pub fn clear_plan(&self) -> Result<(), StudyError> {
        self.store.set_setting(PLAN_KEY, "")?;
        self.wrote();
        Ok(())
    }

    /// Sets (or with `None` removes) a daily new-card limit of the learner's own, which wins
    /// over the plan's pace. Does nothing without a plan.
    pub fn set_plan_limit(&self, limit: Option<u32>) -> Result<(), StudyError> {
        let Some(mut plan) = self.plan()? else { return Ok(()) };
        plan.new_per_day = limit;
        self.store.set_setting(PLAN_KEY, &serde_json::to_string(&plan).unwrap_or_default())?;
        self.wrote();
        Ok(())
    }

    /// The new-card limit for `deck` today, given grades that include today's (`logs`): the
    /// learner's own limit when they set one, else the plan's pace when a plan is set and
    /// `deck` is the deck it introduces, else the deck's own limit.
    ///
    /// The pace counts the items new at the start of today, so introducing cards today does
    /// not lower today's limit. An unreadable plan counts as none: the queue still works.
    pub(in crate::study) fn new_limit(&self, deck: &Deck, logs: &[crate::srs::ReviewLog], now: DateTime<Utc>) -> u32 {
        let plan = match self.plan() {
            Ok(Some(plan)) if deck.id == PLAN_DECK => plan,
            _ => return deck.new_per_day,
        };
        if let Some(own) = plan.new_per_day {
            return own;
        }
        let Ok(rows) = self.store.items() else { return deck.new_per_day };
        let new_now = stats::items_by_state(&self.candidates(deck, &rows)).new;
        let cfg = self.config(Some(deck));
        let introduced = stats::done_today(&cfg, logs, now).new_introduced;
        let days = schedule::introduction_days(cfg.study_day(now), plan.exam_date, plan.buffer_days);
        schedule::new_per_day(new_now + introduced, days.max(1))
    }

    /// The full plan report, or `None` when no plan is set.
    pub fn plan_report(&self, now: DateTime<Utc>) -> Result<Option<PlanReport>, StudyError> {
        self.plan_report_with(&self.store.items()?, now, true)
    }

    /// What the dashboard shows, from an earlier read of the items: the plan without its review
    /// forecast (the simulation costs a noticeable fraction of a second on the full material;
    /// the rest takes milliseconds), readiness, and the three weakest tasks.
    pub fn outlook_in(&self, rows: &HashMap<String, ItemRow>, now: DateTime<Utc>) -> Result<Outlook, StudyError> {
        let plan = self.plan_report_with(rows, now, false)?;
        let date = plan.as_ref().map(|p| p.exam_date);
        Ok(Outlook {
            readiness: match &plan {
                Some(p) => p.readiness.clone(),
                None => self.readiness_with(rows, None, now)?,
            },
            weakest: match &plan {
                Some(p) => p.weakest.clone(),
                None => self.weakest_with(rows, date, now)?.into_iter().take(3).collect(),
            },
            plan,
        })
    }

    fn plan_report_with(
        &self,
        rows: &HashMap<String, ItemRow>,
        now: DateTime<Utc>,
        simulate: bool,
    ) -> Result<Option<PlanReport>, StudyError> {
        let Some(plan) = self.plan()? else { return Ok(None) };
        let deck = self.deck(PLAN_DECK)?;
        let candidates = self.candidates(deck, rows);
        let items = stats::items_by_state(&candidates);
        let today = self.base.study_day(now);
        let days_left = schedule::days_left(today, plan.exam_date);
        let (new_now, introduced_today) = self.new_items(deck, rows, now)?;
        let intro_days = schedule::introduction_days(today, plan.exam_date, plan.buffer_days);
        let new_per_day =
            plan.new_per_day.unwrap_or_else(|| schedule::new_per_day(new_now + introduced_today, intro_days.max(1)));
        let cards: Vec<&crate::srs::CardState> =
            candidates.iter().filter(|c| !c.suspended).filter_map(|c| c.card.as_ref()).collect();
        let workload = if simulate {
            schedule::forecast(&self.config(Some(deck)), &cards, new_now, new_per_day, days_left, now)
        } else {
            Workload::default()
        };
        Ok(Some(PlanReport {
            exam_date: plan.exam_date,
            today,
            days_left,
            buffer_days: plan.buffer_days,
            deck: deck.id.clone(),
            items,
            new_per_day,
            workload,
            verdict: schedule::verdict(&plan, today, new_now),
            readiness: self.readiness_with(rows, Some(plan.exam_date), now)?,
            weakest: self.weakest_with(rows, Some(plan.exam_date), now)?.into_iter().take(3).collect(),
        }))
    }

    /// Readiness projected to the exam date when a plan is set, else to now.
    pub fn readiness(&self, now: DateTime<Utc>) -> Result<Projection, StudyError> {
        let date = self.plan()?.map(|p| p.exam_date);
        self.readiness_with(&self.store.items()?, date, now)
    }

    /// The tasks, weakest first, projected like [`Study::readiness`].
    pub fn weakest_tasks(&self, now: DateTime<Utc>) -> Result<Vec<TaskStrength>, StudyError> {
        let date = self.plan()?.map(|p| p.exam_date);
        self.weakest_with(&self.store.items()?, date, now)
    }

    /// Starts an untimed drill of up to `questions` questions from the weakest tasks, unseen or
    /// missed questions first. [`StudyError::NoQuestions`] when nothing can be drawn.
    pub fn start_weakest_drill(&self, questions: usize, seed: u64, now: DateTime<Utc>) -> Result<Attempt, StudyError> {
        let ranked = self.weakest_tasks(now)?;
        let candidates: Vec<Candidate<'_>> = self
            .catalog
            .questions()
            .iter()
            .map(|q| Candidate { id: q.id.get_ref(), task: q.task.get_ref(), options: q.options.len() })
            .collect();
        let last_seen = self.store.exam_last_answered()?;
        let last_right = self.last_results()?;
        let drawn = weakest::drill_questions(&ranked, &candidates, questions, &last_seen, &last_right, seed);
        if drawn.is_empty() {
            return Err(StudyError::NoQuestions);
        }
        let mut tasks: Vec<String> = Vec::new();
        for q in &drawn {
            if let Some(task) = self.catalog.question(&q.question_id).map(|x| x.task.get_ref())
                && !tasks.contains(task)
            {
                tasks.push(task.clone());
            }
        }
        let scope = Scope::Weakest(tasks);
        let session = Session::new(Mode::Drill, drawn, now, None);
        let id = self.store.create_attempt(&session, &scope, seed)?;
        Ok(Attempt { id, scope, session })
    }

    /// Adds `ms` to the time spent on question `index` of the attempt.
    pub fn spend_exam_time(&self, attempt: &Attempt, index: usize, ms: u64) -> Result<(), StudyError> {
        if index < attempt.session.questions.len() && ms > 0 {
            self.store.add_exam_time(attempt.id, index, ms)?;
        }
        Ok(())
    }

    /// The pacing report of attempt `id`, once submitted; `None` for an unknown or open one.
    pub fn exam_pacing(&self, id: i64) -> Result<Option<Pacing>, StudyError> {
        let Some((_, session)) = self.store.load_exam(id)? else { return Ok(None) };
        let Some(submitted) = session.submitted_at else { return Ok(None) };
        let timings = self.store.exam_timings(id)?;
        let mut records = Vec::with_capacity(session.questions.len());
        for (i, aq) in session.questions.iter().enumerate() {
            let Some(q) = self.catalog.question(&aq.question_id) else { continue };
            let key: Vec<usize> =
                q.options.iter().enumerate().filter(|(_, o)| o.get_ref().correct).map(|(i, _)| i).collect();
            let timing = timings.get(i).cloned().unwrap_or_default();
            records.push(QuestionRecord {
                domain: self.catalog.domain_of_task(q.task.get_ref()).unwrap_or(0),
                time_ms: timing.time_ms,
                correct: session.answers.get(i) == Some(&key),
                answered: session.is_answered(i),
                history: timing.answers.iter().map(|a| *a == key).collect(),
            });
        }
        Ok(Some(pacing::analyse(&records, session.started_at, session.deadline, submitted)))
    }

    /// New items of `deck` now, and how many were introduced today.
    fn new_items(
        &self,
        deck: &Deck,
        rows: &HashMap<String, ItemRow>,
        now: DateTime<Utc>,
    ) -> Result<(u32, u32), StudyError> {
        let candidates = self.candidates(deck, rows);
        let new_now = stats::items_by_state(&candidates).new;
        let cfg = self.config(Some(deck));
        let logs = self.store.review_logs_since(cfg.day_start(cfg.study_day(now)))?;
        let introduced = logs
            .iter()
            .filter(|l| {
                l.state_before == State::New
                    && self.catalog.item(&l.item_id).is_some_and(|i| self.catalog.deck_selects(deck, i))
            })
            .count();
        Ok((new_now, u32::try_from(introduced).unwrap_or(u32::MAX)))
    }

    /// The moment projected to: the exam morning, or now without a date.
    fn projection_time(&self, date: Option<NaiveDate>, now: DateTime<Utc>) -> DateTime<Utc> {
        match date {
            Some(d) => {
                let hours = EXAM_HOUR - i64::from(self.base.day_rollover_hour);
                (self.base.day_start(d) + Duration::hours(hours)).max(now)
            }
            None => now,
        }
    }

    fn readiness_with(
        &self,
        rows: &HashMap<String, ItemRow>,
        date: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<Projection, StudyError> {
        let at = self.projection_time(date, now);
        let memory = readiness::memory_evidence(&self.base, self.evidence(rows), at, |i| i.domain);
        let recent = self.recent_exams()?;
        Ok(readiness::project(&self.catalog.exam, &memory, &recent.by_domain, at))
    }

    fn weakest_with(
        &self,
        rows: &HashMap<String, ItemRow>,
        date: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<Vec<TaskStrength>, StudyError> {
        let at = self.projection_time(date, now);
        let memory =
            readiness::memory_evidence(&self.base, self.evidence(rows), at, |i| (i.domain, i.task.to_string()));
        let recent = self.recent_exams()?;
        Ok(weakest::rank_tasks(&memory, &recent.by_task))
    }

    fn evidence<'a>(&'a self, rows: &'a HashMap<String, ItemRow>) -> impl Iterator<Item = ItemEvidence<'a>> + 'a {
        self.catalog.items().iter().map(move |item| ItemEvidence {
            domain: item.domain,
            task: &item.task,
            card: rows.get(&item.id).map(|r| &r.card),
        })
    }

    /// Exam answers in the last [`RECENT_ATTEMPTS`] scored attempts, by domain and by task.
    fn recent_exams(&self) -> Result<RecentExams, StudyError> {
        let (mut by_domain, mut by_task) = (BTreeMap::new(), HashMap::new());
        let attempts = self.store.exam_attempts()?;
        for a in attempts.iter().rev().filter(|a| a.correct.is_some()).take(RECENT_ATTEMPTS) {
            let Some((_, session)) = self.store.load_exam(a.id)? else { continue };
            for o in exam::score(self.catalog, &session).outcomes {
                by_domain.entry(o.domain).or_insert_with(Tally::default).add(o.correct);
                by_task.entry(o.task).or_insert_with(Tally::default).add(o.correct);
            }
        }
        Ok(RecentExams { by_domain, by_task })
    }

    /// Whether each question's most recent answer (in any scored attempt) was right.
    fn last_results(&self) -> Result<HashMap<String, bool>, StudyError> {
        let mut out = HashMap::new();
        for a in self.store.exam_attempts()?.iter().filter(|a| a.correct.is_some()) {
            let Some((_, session)) = self.store.load_exam(a.id)? else { continue };
            for o in exam::score(self.catalog, &session).outcomes.into_iter().filter(|o| !o.given.is_empty()) {
                out.insert(o.question_id, o.correct);
            }
        }
        Ok(out)
    }
}

/// Recent exam answers, by domain and by task statement.
struct RecentExams {
    by_domain: BTreeMap<u8, Tally>,
    by_task: HashMap<String, Tally>,
}

/// The deck a plan introduces: every item (`daily` holds them all).
pub const PLAN_DECK: &str = "daily";
