//! The binding tables: one per [`Context`](super::Context), plus the global keys.
//!
//! Data only: [`super::resolve`] reads them to act on a key, [`super::footer`] and the help to
//! name the keys, so the three can never disagree.

use crossterm::event::KeyCode;

use super::{Binding, Key};
use crate::srs::Rating;
use crate::tui::action::Action;

const fn f(keys: &'static [Key], action: Action, label: &'static str, help: &'static str) -> Binding {
    Binding { keys, action, label, help, footer: true }
}

const fn h(keys: &'static [Key], action: Action, label: &'static str, help: &'static str) -> Binding {
    Binding { keys, action, label, help, footer: false }
}

const fn hidden(keys: &'static [Key], action: Action) -> Binding {
    Binding { keys, action, label: "", help: "", footer: false }
}

use Key::{Code, Ctrl, Shift};
use KeyCode as C;

pub(super) const UP: &[Key] = &[Code(C::Up), Key::Ch('k')];
pub(super) const DOWN: &[Key] = &[Code(C::Down), Key::Ch('j')];
pub(super) const LEFT: &[Key] = &[Code(C::Left), Key::Ch('h')];
pub(super) const RIGHT: &[Key] = &[Code(C::Right), Key::Ch('l')];
pub(super) const ENTER: &[Key] = &[Code(C::Enter)];
pub(super) const PAGING: [Binding; 4] = [
    h(&[Code(C::PageUp), Ctrl('b')], Action::PageUp, "PgUp PgDn", "page up, page down"),
    hidden(&[Code(C::PageDown), Ctrl('f')], Action::PageDown),
    h(&[Code(C::Home), Key::Ch('g')], Action::Top, "g G", "top, bottom"),
    hidden(&[Code(C::End), Key::Ch('G')], Action::Bottom),
];

pub(super) const DASHBOARD: &[Binding] = &[
    f(UP, Action::Up, "↑↓ jk", "choose a deck"),
    hidden(DOWN, Action::Down),
    f(ENTER, Action::Select, "Enter", "review the chosen deck"),
    h(&[Key::Ch('[')], Action::PrevDeck, "[ ]", "previous, next deck"),
    hidden(&[Key::Ch(']')], Action::NextDeck),
    h(&[Key::Ch('w')], Action::Drill, "w", "drill the weakest tasks"),
    h(&[Key::Ch('e')], Action::ExamDate, "e", "set the exam date (plan)"),
    h(&[Key::Ch('c')], Action::Cram, "c", "cram the chosen deck: every card, nothing rescheduled"),
];

pub(super) const EXAM_DATE: &[Binding] = &[
    f(&[Code(C::Enter)], Action::Confirm, "Enter", "set the exam date"),
    f(&[Code(C::Esc)], Action::Cancel, "Esc", "cancel"),
    hidden(&[Ctrl('u')], Action::ClearInput),
    hidden(&[Code(C::Backspace)], Action::Backspace),
];

pub(super) const GRADES: [Binding; 4] = [
    f(&[Key::Ch('1')], Action::Grade(Rating::Again), "1–4", "grade: again, hard, good, easy"),
    hidden(&[Key::Ch('2')], Action::Grade(Rating::Hard)),
    hidden(&[Key::Ch('3')], Action::Grade(Rating::Good)),
    hidden(&[Key::Ch('4')], Action::Grade(Rating::Easy)),
];

pub(super) const CARD_ACTIONS: [Binding; 3] = [
    f(&[Key::Ch('u')], Action::Undo, "u", "undo the last grade"),
    f(&[Key::Ch('s')], Action::Suspend, "s", "suspend the card"),
    f(&[Key::Ch('b')], Action::Bury, "b", "bury it and its siblings until tomorrow"),
];

pub(super) const REVIEW_FRONT: &[Binding] = &[
    f(&[Code(C::Char(' ')), Code(C::Enter)], Action::Reveal, "Space", "show the answer"),
    CARD_ACTIONS[0],
    CARD_ACTIONS[1],
    CARD_ACTIONS[2],
    hidden(&[Key::Ch('1')], Action::Grade(Rating::Again)),
    hidden(&[Key::Ch('2')], Action::Grade(Rating::Hard)),
    hidden(&[Key::Ch('3')], Action::Grade(Rating::Good)),
    hidden(&[Key::Ch('4')], Action::Grade(Rating::Easy)),
];

pub(super) const REVIEW_ORDERING: &[Binding] = &[
    f(UP, Action::Up, "↑↓ jk", "choose a step"),
    hidden(DOWN, Action::Down),
    f(&[Key::Ch('K'), Shift(C::Up)], Action::MoveUp, "K J", "move the step up, down (or Shift+↑↓)"),
    hidden(&[Key::Ch('J'), Shift(C::Down)], Action::MoveDown),
    f(&[Code(C::Char(' ')), Code(C::Enter)], Action::Reveal, "Space", "check the order"),
    CARD_ACTIONS[0],
    CARD_ACTIONS[1],
    CARD_ACTIONS[2],
    hidden(&[Key::Ch('1')], Action::Grade(Rating::Again)),
    hidden(&[Key::Ch('2')], Action::Grade(Rating::Hard)),
    hidden(&[Key::Ch('3')], Action::Grade(Rating::Good)),
    hidden(&[Key::Ch('4')], Action::Grade(Rating::Easy)),
];

pub(super) const REVIEW_BACK: &[Binding] = &[
    GRADES[0],
    GRADES[1],
    GRADES[2],
    GRADES[3],
    f(&[Code(C::Char(' ')), Code(C::Enter)], Action::Grade(Rating::Good), "Space", "good"),
    CARD_ACTIONS[0],
    CARD_ACTIONS[1],
    CARD_ACTIONS[2],
];

pub(super) const REVIEW_DONE: &[Binding] = &[
    f(&[Code(C::Enter), Key::Ch('r')], Action::Select, "Enter r", "look for due cards again"),
    f(&[Key::Ch('u')], Action::Undo, "u", "undo the last grade"),
];

pub(super) const CRAM_FRONT: &[Binding] = &[
    f(&[Code(C::Char(' ')), Code(C::Enter)], Action::Reveal, "Space", "show the answer"),
    h(UP, Action::Up, "↑↓ jk", "ordering cards: choose a step"),
    hidden(DOWN, Action::Down),
    h(&[Key::Ch('K'), Shift(C::Up)], Action::MoveUp, "K J", "ordering cards: move the step up, down"),
    hidden(&[Key::Ch('J'), Shift(C::Down)], Action::MoveDown),
    hidden(&[Key::Ch('1')], Action::Grade(Rating::Again)),
    hidden(&[Key::Ch('2')], Action::Grade(Rating::Hard)),
    hidden(&[Key::Ch('3')], Action::Grade(Rating::Good)),
    hidden(&[Key::Ch('4')], Action::Grade(Rating::Easy)),
];

pub(super) const CRAM_BACK: &[Binding] = &[
    f(&[Code(C::Char(' ')), Code(C::Enter)], Action::Grade(Rating::Good), "Space 1–4", "seen: next card (no grade)"),
    hidden(&[Key::Ch('1')], Action::Grade(Rating::Again)),
    hidden(&[Key::Ch('2')], Action::Grade(Rating::Hard)),
    hidden(&[Key::Ch('3')], Action::Grade(Rating::Good)),
    hidden(&[Key::Ch('4')], Action::Grade(Rating::Easy)),
];

pub(super) const CRAM_DONE: &[Binding] =
    &[f(&[Code(C::Enter), Key::Ch('r')], Action::Select, "Enter r", "back to the ordinary review queue")];

pub(super) const EXAM_SETUP: &[Binding] = &[
    f(UP, Action::Up, "↑↓ jk", "choose a line"),
    hidden(DOWN, Action::Down),
    f(LEFT, Action::Left, "←→ hl", "change the value"),
    hidden(RIGHT, Action::Right),
    f(ENTER, Action::Select, "Enter", "start, or open the attempt under the cursor"),
];

pub(super) const EXAM_TAKING: &[Binding] = &[
    f(&[Key::Ch('a')], Action::Choose(0), "a–e", "choose an option (Shift+F for option F)"),
    hidden(&[Key::Ch('b'), Key::Ch('B')], Action::Choose(1)),
    hidden(&[Key::Ch('c'), Key::Ch('C')], Action::Choose(2)),
    hidden(&[Key::Ch('d'), Key::Ch('D')], Action::Choose(3)),
    hidden(&[Key::Ch('e'), Key::Ch('E')], Action::Choose(4)),
    hidden(&[Key::Ch('F')], Action::Choose(5)),
    hidden(&[Key::Ch('A')], Action::Choose(0)),
    h(UP, Action::Up, "↑↓ jk", "move the option cursor"),
    hidden(DOWN, Action::Down),
    f(&[Code(C::Char(' '))], Action::Toggle, "Space", "choose the option under the cursor"),
    f(&[Code(C::Left), Key::Ch('h'), Key::Ch('p')], Action::Left, "←→ np", "previous, next question"),
    hidden(&[Code(C::Right), Key::Ch('l'), Key::Ch('n'), Code(C::Enter)], Action::Right),
    f(&[Key::Ch('f')], Action::Flag, "f", "flag for review"),
    f(&[Key::Ch('g')], Action::Navigator, "g", "navigator: jump to any question"),
    h(&[Key::Ch('x')], Action::Clear, "x", "clear this answer"),
    f(&[Key::Ch('s')], Action::Submit, "s", "submit"),
];

pub(super) const EXAM_NAVIGATOR: &[Binding] = &[
    f(UP, Action::Up, "←↑↓→ hjkl", "move"),
    hidden(DOWN, Action::Down),
    hidden(LEFT, Action::Left),
    hidden(RIGHT, Action::Right),
    f(ENTER, Action::Select, "Enter", "go to the question"),
    hidden(&[Key::Ch('g')], Action::Back),
];

pub(super) const EXAM_CONFIRM: &[Binding] = &[
    f(&[Key::Ch('y'), Code(C::Enter)], Action::Confirm, "y", "submit now"),
    f(&[Key::Ch('n'), Code(C::Esc), Key::Ch('q')], Action::Cancel, "n Esc", "keep answering"),
];

pub(super) const EXAM_RESULTS: &[Binding] = &[
    f(UP, Action::Up, "↑↓ jk", "choose a question"),
    hidden(DOWN, Action::Down),
    f(ENTER, Action::Select, "Enter", "review it: every option's why"),
    PAGING[0],
    PAGING[1],
    PAGING[2],
    PAGING[3],
];

pub(super) const EXAM_DETAIL: &[Binding] = &[
    f(UP, Action::Up, "↑↓ jk", "scroll"),
    hidden(DOWN, Action::Down),
    f(&[Code(C::Left), Key::Ch('h'), Key::Ch('p')], Action::Left, "←→ np", "previous, next question"),
    hidden(&[Code(C::Right), Key::Ch('l'), Key::Ch('n')], Action::Right),
    PAGING[0],
    PAGING[1],
];

pub(super) const TOPIC_LIST: &[Binding] = &[
    f(UP, Action::Up, "↑↓ jk", "move"),
    hidden(DOWN, Action::Down),
    f(ENTER, Action::Select, "Enter", "open the topic"),
    f(&[Key::Ch('f')], Action::Filter, "f", "filter"),
    PAGING[0],
    PAGING[1],
    PAGING[2],
    PAGING[3],
];

pub(super) const TOPIC_PAGE: &[Binding] = &[
    f(UP, Action::Up, "↑↓ jk", "scroll"),
    hidden(DOWN, Action::Down),
    f(LEFT, Action::Left, "←→ hl", "choose a link"),
    hidden(RIGHT, Action::Right),
    f(ENTER, Action::Select, "Enter", "follow the link"),
    f(&[Key::Ch('d')], Action::Drill, "d", "drill this topic's questions"),
    f(&[Key::Ch('r')], Action::ReviewTopic, "r", "review this topic's cards"),
    h(&[Key::Ch('c')], Action::Cram, "c", "cram this topic: every card, nothing rescheduled"),
    h(&[Code(C::PageUp), Ctrl('b')], Action::PageUp, "PgUp PgDn Space", "page up, page down"),
    hidden(&[Code(C::PageDown), Ctrl('f'), Code(C::Char(' '))], Action::PageDown),
    PAGING[2],
    PAGING[3],
];

pub(super) const TABLE_LIST: &[Binding] = &[
    f(UP, Action::Up, "↑↓ jk", "move"),
    hidden(DOWN, Action::Down),
    f(ENTER, Action::Select, "Enter", "open the table"),
    f(&[Key::Ch('f')], Action::Filter, "f", "filter"),
    PAGING[0],
    PAGING[1],
    PAGING[2],
    PAGING[3],
];

pub(super) const TABLE_VIEW: &[Binding] = &[
    f(UP, Action::Up, "↑↓ jk", "row"),
    hidden(DOWN, Action::Down),
    f(LEFT, Action::Left, "←→ hl", "scroll columns"),
    hidden(RIGHT, Action::Right),
    f(&[Key::Ch('o')], Action::OpenTopic, "o", "open the topic page"),
    PAGING[0],
    PAGING[1],
    PAGING[2],
    PAGING[3],
];

pub(super) const STATS: &[Binding] =
    &[f(&[Key::Ch('[')], Action::PrevDeck, "[ ]", "previous, next deck"), hidden(&[Key::Ch(']')], Action::NextDeck)];

pub(super) const STRATEGY_LIST: &[Binding] = &[
    f(UP, Action::Up, "↑↓ jk", "move"),
    hidden(DOWN, Action::Down),
    f(ENTER, Action::Select, "Enter", "watch it deploy"),
    PAGING[2],
    PAGING[3],
];

pub(super) const WALKTHROUGH: &[Binding] = &[
    f(&[Code(C::Char(' '))], Action::Toggle, "Space", "play, pause"),
    f(LEFT, Action::Left, "←→ hl", "step back, forward"),
    hidden(RIGHT, Action::Right),
    f(&[Key::Ch('-')], Action::Slower, "- +", "slower, faster"),
    hidden(&[Key::Ch('+'), Key::Ch('=')], Action::Faster),
    f(&[Key::Ch('x')], Action::Fail, "x", "inject a failure here (again: remove it)"),
    f(&[Key::Ch('p')], Action::Params, "p", "parameters: fleet, batch, percent, bake"),
    f(&[Key::Ch('c')], Action::Compare, "c", "compare with another strategy (again: stop)"),
    f(&[Key::Ch('r')], Action::Restart, "r", "restart"),
    f(&[Code(C::Enter), Key::Ch('t')], Action::Questions, "Enter", "questions about it"),
    hidden(&[Code(C::Home), Key::Ch('g')], Action::Top),
    hidden(&[Code(C::End), Key::Ch('G')], Action::Bottom),
];

pub(super) const WALK_PARAMS: &[Binding] = &[
    f(UP, Action::Up, "↑↓ jk", "choose a parameter"),
    hidden(DOWN, Action::Down),
    f(&[Code(C::Left), Key::Ch('h'), Key::Ch('-')], Action::Left, "←→ -+", "change it"),
    hidden(&[Code(C::Right), Key::Ch('l'), Key::Ch('+'), Key::Ch('=')], Action::Right),
    f(&[Code(C::Enter), Key::Ch('p')], Action::Select, "Enter", "done"),
];

pub(super) const WALK_PICK: &[Binding] = &[
    f(UP, Action::Up, "↑↓ jk", "choose a strategy"),
    hidden(DOWN, Action::Down),
    f(ENTER, Action::Select, "Enter", "compare on the same fleet"),
];

pub(super) const WALK_QUIZ: &[Binding] = &[
    f(&[Key::Ch('a'), Key::Ch('A')], Action::Choose(0), "a–e", "choose an option (Shift+F for option F)"),
    hidden(&[Key::Ch('b'), Key::Ch('B')], Action::Choose(1)),
    hidden(&[Key::Ch('c'), Key::Ch('C')], Action::Choose(2)),
    hidden(&[Key::Ch('d'), Key::Ch('D')], Action::Choose(3)),
    hidden(&[Key::Ch('e'), Key::Ch('E')], Action::Choose(4)),
    hidden(&[Key::Ch('F')], Action::Choose(5)),
    h(UP, Action::Up, "↑↓ jk", "move the option cursor"),
    hidden(DOWN, Action::Down),
    f(&[Code(C::Char(' '))], Action::Toggle, "Space", "choose the option under the cursor"),
    f(&[Code(C::Enter), Code(C::Right), Key::Ch('n')], Action::Select, "Enter", "next question"),
];

pub(super) const SEARCH: &[Binding] = &[
    f(&[Code(C::Up), Ctrl('p'), Ctrl('k')], Action::Up, "↑↓", "choose a result (also Ctrl-p, Ctrl-n)"),
    hidden(&[Code(C::Down), Ctrl('n'), Ctrl('j')], Action::Down),
    f(ENTER, Action::Select, "Enter", "open it"),
    f(&[Code(C::Esc)], Action::Back, "Esc", "close"),
    h(&[Ctrl('u')], Action::ClearInput, "Ctrl-u", "clear the query"),
    hidden(&[Code(C::Backspace)], Action::Backspace),
    hidden(&[Code(C::PageUp)], Action::PageUp),
    hidden(&[Code(C::PageDown)], Action::PageDown),
];

pub(super) const FILTER: &[Binding] = &[
    f(&[Code(C::Enter)], Action::Confirm, "Enter", "keep the filter"),
    f(&[Code(C::Esc)], Action::Cancel, "Esc", "clear the filter"),
    h(&[Code(C::Up)], Action::Up, "↑↓", "move in the list"),
    hidden(&[Code(C::Down)], Action::Down),
    hidden(&[Ctrl('u')], Action::ClearInput),
    hidden(&[Code(C::Backspace)], Action::Backspace),
];

pub(super) const HELP: &[Binding] = &[
    f(UP, Action::Up, "↑↓ jk", "scroll"),
    hidden(DOWN, Action::Down),
    PAGING[0],
    PAGING[1],
    PAGING[2],
    PAGING[3],
    f(&[Code(C::Esc), Key::Ch('q'), Key::Ch('?')], Action::Back, "Esc ? q", "close"),
];

/// Keys that work everywhere outside text input.
pub const GLOBAL: &[Binding] = &[
    f(&[Key::Ch('/')], Action::Search, "/", "search"),
    f(&[Key::Ch('?')], Action::Help, "?", "help: every key"),
    h(&[Code(C::Tab)], Action::NextScreen, "Tab ⇧Tab", "next, previous screen"),
    hidden(&[Code(C::BackTab)], Action::PrevScreen),
    f(&[Key::Ch('q'), Code(C::Esc)], Action::Back, "q", "back (quit on the dashboard)"),
    h(&[Ctrl('c')], Action::Quit, "Ctrl-c", "quit from anywhere"),
];
