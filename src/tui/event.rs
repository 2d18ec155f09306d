//! The one event channel: key presses, resizes and clock ticks.
//!
//! A reader thread blocks on the terminal with a timeout and sends a [`Event::Tick`] whenever a
//! tick interval passes, whether or not keys arrive in between, so the exam timer keeps moving
//! while someone types. The main loop only ever waits on this channel.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event as TermEvent, KeyEvent, KeyEventKind};

/// Something the app must react to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    Resize,
    Tick,
    /// The terminal could not be read any more (closed, or an I/O error): time to leave.
    Closed,
}

/// Starts the reader thread; it stops when the receiver is dropped.
pub fn spawn(tick: Duration) -> Receiver<Event> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || read_loop(&tx, tick));
    rx
}

fn read_loop(tx: &Sender<Event>, tick: Duration) {
    let mut last_tick = Instant::now();
    loop {
        let timeout = tick.saturating_sub(last_tick.elapsed());
        let event = match event::poll(timeout) {
            Ok(true) => match event::read() {
                // Key release and repeat events (kitty protocol, Windows) would act twice.
                Ok(TermEvent::Key(key)) if key.kind == KeyEventKind::Press => Some(Event::Key(key)),
                Ok(TermEvent::Resize(..)) => Some(Event::Resize),
                Ok(_) => None,
                Err(_) => Some(Event::Closed),
            },
            Ok(false) => None,
            Err(_) => Some(Event::Closed),
        };
        let closed = event == Some(Event::Closed);
        if let Some(ev) = event
            && tx.send(ev).is_err()
        {
            return;
        }
        if closed {
            return;
        }
        if last_tick.elapsed() >= tick {
            last_tick = Instant::now();
            if tx.send(Event::Tick).is_err() {
                return;
            }
        }
    }
}
