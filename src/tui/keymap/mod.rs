//! Keys → actions, per context, as data.
//!
//! One table per [`Context`] plus a global table. The same tables resolve key presses, build the
//! footer (bindings marked `footer`) and the `?` help (every binding with a label), so what the
//! footer promises is exactly what the keys do. Vim keys and arrows are listed side by side.
//!
//! Resolution order: the context's table, then (outside text input) the global table, then the
//! number keys as screen switches unless the context owns digits (the review screen grades with
//! 1–4). In text input (search, filter) every plain character is typed.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::screens::ScreenId;

/// A key as the tables name it.
#[derive(Debug, Clone, Copy)]
pub enum Key {
    /// A character, with or without Shift (`K` arrives as Shift+K).
    Ch(char),
    /// A named key without Ctrl or Alt.
    Code(KeyCode),
    /// Ctrl plus a character.
    Ctrl(char),
    /// Shift plus a named key.
    Shift(KeyCode),
}

impl Key {
    fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl_alt = ev.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match self {
            Key::Ch(c) => ev.code == KeyCode::Char(c) && !ctrl_alt,
            Key::Code(code) => {
                ev.code == code
                    && !ctrl_alt
                    && (code == KeyCode::BackTab || !ev.modifiers.contains(KeyModifiers::SHIFT))
            }
            Key::Ctrl(c) => ev.code == KeyCode::Char(c) && ev.modifiers.contains(KeyModifiers::CONTROL),
            Key::Shift(code) => ev.code == code && ev.modifiers.contains(KeyModifiers::SHIFT),
        }
    }
}

/// One binding: its keys, what they do, and how the footer and help name them.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// How the keys are shown ("↑↓ jk"); empty hides the binding (its sibling names it).
    pub label: &'static str,
    /// What it does, in a few words.
    pub help: &'static str,
    /// Whether the footer shows it.
    pub footer: bool,
}

mod bindings;

pub use bindings::GLOBAL;
use bindings::*;

/// Where the keyboard focus is; each has its own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Dashboard,
    ReviewFront,
    ReviewOrdering,
    ReviewBack,
    ReviewDone,
    /// Cramming: a card's front, then its back (no grades, no intervals).
    CramFront,
    CramBack,
    CramDone,
    ExamSetup,
    ExamTaking,
    ExamNavigator,
    ExamConfirm,
    ExamResults,
    ExamDetail,
    TopicList,
    TopicPage,
    TableList,
    TableView,
    Stats,
    StrategyList,
    Walkthrough,
    WalkParams,
    WalkPick,
    WalkQuiz,
    Search,
    Filter,
    /// Typing the exam date on the dashboard.
    ExamDate,
    Help,
}

impl Context {
    /// Every context, in the order the help lists them.
    pub const ALL: [Context; 28] = [
        Context::Dashboard,
        Context::ReviewFront,
        Context::ReviewOrdering,
        Context::ReviewBack,
        Context::ReviewDone,
        Context::CramFront,
        Context::CramBack,
        Context::CramDone,
        Context::ExamSetup,
        Context::ExamTaking,
        Context::ExamNavigator,
        Context::ExamConfirm,
        Context::ExamResults,
        Context::ExamDetail,
        Context::TopicList,
        Context::TopicPage,
        Context::TableList,
        Context::TableView,
        Context::Stats,
        Context::StrategyList,
        Context::Walkthrough,
        Context::WalkParams,
        Context::WalkPick,
        Context::WalkQuiz,
        Context::Search,
        Context::Filter,
        Context::ExamDate,
        Context::Help,
    ];

    /// The heading of this context in the help.
    pub fn title(self) -> &'static str {
        match self {
            Context::Dashboard => "Dashboard",
            Context::ReviewFront => "Review — question side",
            Context::ReviewOrdering => "Review — ordering card",
            Context::ReviewBack => "Review — answer side",
            Context::ReviewDone => "Review — nothing due",
            Context::CramFront => "Cram — question side (schedules unchanged)",
            Context::CramBack => "Cram — answer side (schedules unchanged)",
            Context::CramDone => "Cram — finished",
            Context::ExamSetup => "Exam — new attempt and history",
            Context::ExamTaking => "Exam — answering",
            Context::ExamNavigator => "Exam — navigator",
            Context::ExamConfirm => "Exam — submit?",
            Context::ExamResults => "Exam — results",
            Context::ExamDetail => "Exam — one question's review",
            Context::TopicList => "Topics — list",
            Context::TopicPage => "Topics — page",
            Context::TableList => "Tables — list",
            Context::TableView => "Tables — one table",
            Context::Stats => "Stats",
            Context::StrategyList => "Strategies — list",
            Context::Walkthrough => "Strategies — walkthrough",
            Context::WalkParams => "Strategies — parameters",
            Context::WalkPick => "Strategies — compare with",
            Context::WalkQuiz => "Strategies — questions",
            Context::Search => "Search popup",
            Context::Filter => "Filter (Topics, Tables)",
            Context::ExamDate => "Dashboard — exam date",
            Context::Help => "This help",
        }
    }

    /// Whether every plain character is typed text here.
    pub fn text_input(self) -> bool {
        matches!(self, Context::Search | Context::Filter | Context::ExamDate)
    }

    /// Whether number keys mean something here rather than switching screens.
    pub fn owns_digits(self) -> bool {
        matches!(
            self,
            Context::ReviewFront
                | Context::ReviewOrdering
                | Context::ReviewBack
                | Context::CramFront
                | Context::CramBack
        )
    }

    /// This context's bindings.
    pub fn bindings(self) -> &'static [Binding] {
        match self {
            Context::Dashboard => DASHBOARD,
            Context::ReviewFront => REVIEW_FRONT,
            Context::ReviewOrdering => REVIEW_ORDERING,
            Context::ReviewBack => REVIEW_BACK,
            Context::ReviewDone => REVIEW_DONE,
            Context::CramFront => CRAM_FRONT,
            Context::CramBack => CRAM_BACK,
            Context::CramDone => CRAM_DONE,
            Context::ExamSetup => EXAM_SETUP,
            Context::ExamTaking => EXAM_TAKING,
            Context::ExamNavigator => EXAM_NAVIGATOR,
            Context::ExamConfirm => EXAM_CONFIRM,
            Context::ExamResults => EXAM_RESULTS,
            Context::ExamDetail => EXAM_DETAIL,
            Context::TopicList => TOPIC_LIST,
            Context::TopicPage => TOPIC_PAGE,
            Context::TableList => TABLE_LIST,
            Context::TableView => TABLE_VIEW,
            Context::Stats => STATS,
            Context::StrategyList => STRATEGY_LIST,
            Context::Walkthrough => WALKTHROUGH,
            Context::WalkParams => WALK_PARAMS,
            Context::WalkPick => WALK_PICK,
            Context::WalkQuiz => WALK_QUIZ,
            Context::Search => SEARCH,
            Context::Filter => FILTER,
            Context::ExamDate => EXAM_DATE,
            Context::Help => HELP,
        }
    }
}

/// The action for `key` in `ctx`, with `screens` screens reachable by number.
pub fn resolve(ctx: Context, key: &KeyEvent, screens: &[ScreenId]) -> Option<Action> {
    if Key::Ctrl('c').matches(key) {
        return Some(Action::Quit);
    }
    if let Some(b) = ctx.bindings().iter().find(|b| b.keys.iter().any(|k| k.matches(key))) {
        return Some(b.action);
    }
    if ctx.text_input() {
        return match key.code {
            KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
                Some(Action::Input(c))
            }
            _ => None,
        };
    }
    if let Some(b) = GLOBAL.iter().find(|b| b.keys.iter().any(|k| k.matches(key))) {
        return Some(b.action);
    }
    match key.code {
        KeyCode::Char(c @ '1'..='9') if !ctx.owns_digits() && !key.modifiers.contains(KeyModifiers::CONTROL) => {
            let n = c as usize - '1' as usize;
            screens.get(n).map(|s| Action::Screen(*s))
        }
        _ => None,
    }
}

/// The footer hints for `ctx`: its own, then the global ones, in their short form.
pub fn footer(ctx: Context) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> =
        ctx.bindings().iter().filter(|b| b.footer && !b.label.is_empty()).map(|b| (b.label, short(b.help))).collect();
    if !ctx.text_input() && ctx != Context::Help && ctx != Context::ExamConfirm {
        let quits = ctx == Context::Dashboard;
        out.extend(
            GLOBAL
                .iter()
                .filter(|b| b.footer)
                .map(|b| (b.label, if quits && b.action == Action::Back { "quit" } else { short(b.help) })),
        );
    }
    out
}

/// The footer's word for a binding whose help is longer than the footer has room for.
fn short(help: &'static str) -> &'static str {
    match help {
        "help: every key" => "help",
        "back (quit on the dashboard)" => "back",
        "choose a deck" => "deck",
        "review the chosen deck" => "review",
        "show the answer" => "show answer",
        "undo the last grade" => "undo",
        "suspend the card" => "suspend",
        "bury it and its siblings until tomorrow" => "bury",
        "grade: again, hard, good, easy" => "grade",
        "choose a step" => "step",
        "move the step up, down (or Shift+↑↓)" => "move step",
        "check the order" => "check",
        "look for due cards again" => "look again",
        "choose a line" => "line",
        "change the value" => "change",
        "start, or open the attempt under the cursor" => "start",
        "choose an option (Shift+F for option F)" => "choose",
        "choose the option under the cursor" => "toggle",
        "previous, next question" => "question",
        "flag for review" => "flag",
        "navigator: jump to any question" => "navigator",
        "go to the question" => "go",
        "choose a question" => "question",
        "review it: every option's why" => "review it",
        "open the topic" | "open the table" | "open it" => "open",
        "choose a link" => "link",
        "follow the link" => "follow",
        "drill this topic's questions" => "drill",
        "review this topic's cards" => "review cards",
        "seen: next card (no grade)" => "next",
        "back to the ordinary review queue" => "review queue",
        "scroll columns" => "columns",
        "open the topic page" => "topic page",
        "previous, next deck" => "deck",
        "choose a result (also Ctrl-p, Ctrl-n)" => "choose",
        "keep the filter" => "done",
        "watch it deploy" => "open",
        "step back, forward" => "step",
        "slower, faster" => "speed",
        "inject a failure here (again: remove it)" => "failure",
        "parameters: fleet, batch, percent, bake" => "parameters",
        "compare with another strategy (again: stop)" => "compare",
        "questions about it" => "questions",
        "choose a parameter" => "parameter",
        "change it" => "change",
        "choose a strategy" => "strategy",
        "compare on the same fleet" => "compare",
        "next question" => "next",
        "clear the filter" => "clear",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::srs::Rating;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    const SCREENS: &[ScreenId] = &[ScreenId::Dashboard, ScreenId::Review, ScreenId::Exam];

    #[test]
    fn vim_keys_and_arrows_agree() {
        for ctx in [Context::TopicList, Context::TableList, Context::ExamResults] {
            assert_eq!(resolve(ctx, &key(KeyCode::Char('j'), KeyModifiers::NONE), SCREENS), Some(Action::Down));
            assert_eq!(resolve(ctx, &key(KeyCode::Down, KeyModifiers::NONE), SCREENS), Some(Action::Down));
        }
    }

    #[test]
    fn digits_switch_screens_except_where_they_grade() {
        let two = key(KeyCode::Char('2'), KeyModifiers::NONE);
        assert_eq!(resolve(Context::Dashboard, &two, SCREENS), Some(Action::Screen(ScreenId::Review)));
        assert_eq!(resolve(Context::ReviewBack, &two, SCREENS), Some(Action::Grade(Rating::Hard)));
        assert_eq!(resolve(Context::Dashboard, &key(KeyCode::Char('9'), KeyModifiers::NONE), SCREENS), None);
    }

    #[test]
    fn text_input_types_letters_that_are_keys_elsewhere() {
        for c in ['q', '/', '?', 'j', '1'] {
            let k = key(KeyCode::Char(c), KeyModifiers::NONE);
            assert_eq!(resolve(Context::Search, &k, SCREENS), Some(Action::Input(c)));
        }
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(resolve(Context::Search, &ctrl_c, SCREENS), Some(Action::Quit));
    }

    #[test]
    fn shift_f_chooses_option_f_and_f_flags() {
        let big_f = key(KeyCode::Char('F'), KeyModifiers::SHIFT);
        assert_eq!(resolve(Context::ExamTaking, &big_f, SCREENS), Some(Action::Choose(5)));
        let small_f = key(KeyCode::Char('f'), KeyModifiers::NONE);
        assert_eq!(resolve(Context::ExamTaking, &small_f, SCREENS), Some(Action::Flag));
    }

    #[test]
    fn every_context_has_a_footer_and_a_way_back() {
        for ctx in Context::ALL {
            assert!(!footer(ctx).is_empty(), "{ctx:?}");
            let esc = key(KeyCode::Esc, KeyModifiers::NONE);
            let action = resolve(ctx, &esc, SCREENS);
            assert!(matches!(action, Some(Action::Back | Action::Cancel)), "{ctx:?}: {action:?}");
        }
    }
}
