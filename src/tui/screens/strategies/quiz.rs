//! After a walkthrough: two or three questions from the bank that are tagged with the strategy
//! just shown, answered in place, each option's `why` shown after checking.
//!
//! An answer is graded into review like a practice question (right: Good, wrong: Again), so a
//! question missed here comes back in the daily queue.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::content::schema::{Question, QuestionOption};
use crate::content::{Catalog, Spanned, derive};
use crate::srs::Rating;
use crate::study::StudyError;
use crate::text::letters::letter;
use crate::tui::action::Action;
use crate::tui::screens::{Ctx, Outcome, View};
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::text::{bullet, wrapped};

/// Most questions asked after one walkthrough.
const QUESTIONS: usize = 3;

/// The quiz.
#[derive(Debug, Clone)]
pub struct Quiz {
    pub strategy: String,
    /// Indices into the catalog's questions.
    pub questions: Vec<usize>,
    pub current: usize,
    /// Shown position → option index, shuffled stably per question.
    pub order: Vec<usize>,
    /// Chosen shown positions.
    pub chosen: Vec<usize>,
    pub cursor: usize,
    /// After checking: whether the answer was right.
    pub checked: Option<bool>,
    pub right: usize,
}

impl Quiz {
    /// Up to three questions tagged with `strategy`, or `None` if the bank has none.
    pub fn new(catalog: &Catalog, strategy: &str) -> Option<Quiz> {
        let mut tagged: Vec<(u64, usize)> = catalog
            .questions()
            .iter()
            .enumerate()
            .filter(|(_, q)| q.strategies.iter().any(|s| s.get_ref() == strategy))
            .map(|(i, q)| (derive::stable_hash(&format!("{strategy}/{}", q.id.get_ref())), i))
            .collect();
        // A stable mix, so each strategy opens with its own questions rather than the file's first.
        tagged.sort_by_key(|&(hash, _)| hash);
        let questions: Vec<usize> = tagged.into_iter().map(|(_, i)| i).take(QUESTIONS).collect();
        if questions.is_empty() {
            return None;
        }
        let mut quiz = Quiz {
            strategy: strategy.to_string(),
            questions,
            current: 0,
            order: Vec::new(),
            chosen: Vec::new(),
            cursor: 0,
            checked: None,
            right: 0,
        };
        quiz.shuffle(catalog);
        Some(quiz)
    }

    /// The question on screen (`None` once every question is answered).
    fn question<'c>(&self, catalog: &'c Catalog) -> Option<&'c Question> {
        self.questions.get(self.current).and_then(|&i| catalog.questions().get(i))
    }

    fn shuffle(&mut self, catalog: &Catalog) {
        let mut order: Vec<(u64, usize)> = self.question(catalog).map_or_else(Vec::new, |q| {
            let hash =
                |o: &Spanned<QuestionOption>| derive::stable_hash(&format!("{}/{}", q.id.get_ref(), o.get_ref().text));
            q.options.iter().enumerate().map(|(i, o)| (hash(o), i)).collect()
        });
        order.sort_by_key(|&(hash, _)| hash);
        self.order = order.into_iter().map(|(_, i)| i).collect();
        self.chosen.clear();
        self.cursor = 0;
        self.checked = None;
    }

    /// Whether every question has been answered.
    pub fn finished(&self) -> bool {
        self.current >= self.questions.len()
    }

    /// Carries out `action`; `Back` is left to the walkthrough, which closes the quiz.
    pub fn update(&mut self, action: Action, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        if self.finished() {
            return Ok(if action == Action::Select { Outcome::Ignored } else { Outcome::Consumed });
        }
        let n = self.order.len();
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(n.saturating_sub(1)),
            Action::Choose(i) if usize::from(i) < n && self.checked.is_none() => {
                return self.choose(usize::from(i), ctx);
            }
            Action::Toggle if self.checked.is_none() => return self.choose(self.cursor, ctx),
            Action::Select | Action::Right if self.checked.is_some() => {
                self.current += 1;
                if !self.finished() {
                    self.shuffle(ctx.catalog);
                }
            }
            _ => return Ok(Outcome::Ignored),
        }
        Ok(Outcome::Consumed)
    }

    fn choose(&mut self, shown: usize, ctx: &mut Ctx<'_, '_>) -> Result<Outcome, StudyError> {
        self.cursor = shown;
        let Some(q) = self.question(ctx.catalog) else { return Ok(Outcome::Ignored) };
        let want = *q.choose.get_ref() as usize;
        if let Some(p) = self.chosen.iter().position(|&c| c == shown) {
            self.chosen.remove(p);
        } else {
            self.chosen.push(shown);
        }
        if self.chosen.len() < want {
            return Ok(Outcome::Consumed);
        }
        let mut given: Vec<usize> = self.chosen.iter().filter_map(|&s| self.order.get(s).copied()).collect();
        given.sort_unstable();
        let correct = q.correct_options();
        let right = given == correct;
        self.checked = Some(right);
        self.right += usize::from(right);
        let rating = if right { Rating::Good } else { Rating::Again };
        ctx.study.grade(q.id.get_ref(), rating, ctx.now, None, None)?;
        if right {
            ctx.cheer("✓ Right.");
        } else {
            ctx.warn("✗ Not quite: every option's why is shown.");
        }
        Ok(Outcome::Changed)
    }

    /// Draws the question, or the tally at the end.
    pub fn render(&self, f: &mut Frame, area: Rect, v: &View) {
        let t = v.theme;
        let name = v.catalog.strategy(&self.strategy).map_or(self.strategy.as_str(), |s| s.name.as_str());
        if self.finished() {
            let inner = panel(f, area, &format!("Questions about {name}"), v.theme);
            let lines = vec![
                Line::styled(format!("{} of {} right.", self.right, self.questions.len()), t.title),
                Line::styled("Missed questions come back in your daily review.", t.dim),
                Line::default(),
                Line::from(vec![Span::styled("Esc", t.key), Span::styled(" back to the walkthrough", t.dim)]),
            ];
            f.render_widget(Paragraph::new(lines), inner);
            return;
        }
        let Some(q) = self.question(v.catalog) else { return };
        let title =
            format!("Question {} of {} about {name} · {}", self.current + 1, self.questions.len(), q.id.get_ref());
        let inner = panel(f, area, &title, v.theme).inner(ratatui::layout::Margin::new(1, 0));
        let w = usize::from(inner.width);
        let want = *q.choose.get_ref() as usize;
        let mut lines = wrapped(q.stem.trim(), w, t.title);
        // Stems written like the real exam already end "(Select TWO.)"; say it once.
        if want > 1 && !q.stem.contains("(Select") {
            lines.push(Line::styled(format!("(Choose {want}.)"), t.accent));
        }
        lines.push(Line::default());
        let options =
            self.order.iter().enumerate().filter_map(|(shown, &opt)| Some((shown, q.options.get(opt)?.get_ref())));
        for (shown, o) in options {
            let on = self.chosen.contains(&shown);
            let style = match (self.checked, o.correct, on) {
                (Some(_), true, _) => t.ok,
                (Some(_), false, true) => t.err,
                (Some(_), false, false) => t.dim,
                (None, _, true) => t.accent,
                _ => t.base,
            };
            let cursor = shown == self.cursor && self.checked.is_none();
            let style = if cursor { style.patch(t.selected) } else { style };
            let mark = match (self.checked, o.correct, on) {
                (Some(_), true, _) => "✓",
                (Some(_), false, true) => "✗",
                _ if cursor => "▶",
                _ => " ",
            };
            let boxed = if on { "[x]" } else { "[ ]" };
            lines.extend(bullet(&format!("{mark} {boxed} {}. ", letter(shown)), &o.text, w, style, style));
            if self.checked.is_some()
                && let Some(why) = &o.why
            {
                lines.extend(bullet("         ", why, w, t.dim, t.dim));
            }
        }
        if self.checked.is_some() {
            lines.push(Line::default());
            lines.extend(wrapped(q.explanation.trim(), w, t.base));
            lines.push(Line::from(vec![Span::styled("Enter", t.key), Span::styled(" next", t.dim)]));
        }
        f.render_widget(Paragraph::new(lines), inner);
    }
}
