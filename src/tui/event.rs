//! The one event channel: key presses, resizes and clock ticks.
//!
//! A reader thread blocks on the terminal with a timeout and sends a [`Event::Tick`] whenever a
//! tick interval passes, whether or not keys arrive in between, so the exam timer keeps moving
//! while someone types. The main loop only ever waits on this channel. The interval is shared
//! ([`TickRate`]): slow while nothing moves, fast while an animation plays.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
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

/// The tick interval, shared between the app (which sets it) and the reader thread.
#[derive(Debug, Clone)]
pub struct TickRate(Arc<AtomicU64>);

impl TickRate {
    /// Sets the interval; the reader uses it from its next wait.
    pub fn set(&self, tick: Duration) {
        self.0.store(u64::try_from(tick.as_millis()).unwrap_or(u64::MAX).max(1), Ordering::Relaxed);
    }

    fn get(&self) -> Duration {
        Duration::from_millis(self.0.load(Ordering::Relaxed))
    }
}

/// Starts the reader thread ticking every `tick`; it stops when the receiver is dropped.
pub fn spawn(tick: Duration) -> (Receiver<Event>, TickRate) {
    let (tx, rx) = mpsc::channel();
    let rate = TickRate(Arc::new(AtomicU64::new(0)));
    rate.set(tick);
    let shared = rate.clone();
    thread::spawn(move || read_loop(&tx, &shared));
    (rx, rate)
}

fn read_loop(tx: &Sender<Event>, rate: &TickRate) {
    let mut last_tick = Instant::now();
    loop {
        let tick = rate.get();
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
