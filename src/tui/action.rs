//! What a key press means, independent of which key it was.
//!
//! The keymap turns a key into an [`Action`] for the current context; [`super::app::App::update`]
//! carries it out. Keeping the two apart lets tests drive the app with actions, lets the footer
//! and help screen be generated from the same table that resolves keys, and keeps screens free
//! of key codes.

use crate::srs::Rating;

use super::screens::ScreenId;

/// One thing the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave dopdeck (Ctrl-C anywhere).
    Quit,
    /// Close the popup, leave the sub-view, go to the dashboard, or quit — whichever is first.
    Back,
    /// Show every key.
    Help,
    /// Open the search popup.
    Search,
    /// Switch screens.
    NextScreen,
    PrevScreen,
    Screen(ScreenId),
    /// Cursor and scrolling.
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Open, follow, start or confirm the thing under the cursor.
    Select,
    /// Review: show the answer.
    Reveal,
    /// Review: grade the card.
    Grade(Rating),
    /// Review: take back the last grade.
    Undo,
    /// Review: keep the card out of every queue.
    Suspend,
    /// Review: hide the card and its siblings until tomorrow.
    Bury,
    /// Ordering cards: move the step under the cursor up or down.
    MoveUp,
    MoveDown,
    /// Exam: choose the option with this shown position (0 = A).
    Choose(u8),
    /// Exam: choose or unchoose the option under the cursor.
    Toggle,
    /// Exam: flag or unflag the question for review.
    Flag,
    /// Exam: open the question navigator.
    Navigator,
    /// Exam: ask to submit.
    Submit,
    /// Confirmation popups.
    Confirm,
    Cancel,
    /// Exam: clear this question's answer.
    Clear,
    /// Lists: start typing a filter.
    Filter,
    /// Text input: a typed character, a deletion, clearing the line.
    Input(char),
    Backspace,
    ClearInput,
    /// Topic page: drill this topic's questions, or review its cards.
    Drill,
    /// Type the exam date (dashboard).
    ExamDate,
    ReviewTopic,
    /// Cram the chosen deck (dashboard) or this topic (topic page): every item whatever its
    /// due date, recorded as seen, nothing rescheduled.
    Cram,
    /// Tables: open the table's topic page.
    OpenTopic,
    /// Cycle the deck shown on the dashboard and stats.
    PrevDeck,
    NextDeck,
    /// Walkthroughs: start again, play slower or faster, inject (or remove) a failure, open the
    /// parameters, compare with another strategy, answer questions about it.
    Restart,
    Slower,
    Faster,
    Fail,
    Params,
    Compare,
    Questions,
    /// The clock ticked (timers, the day rollover, learning cards coming due).
    Tick,
}
