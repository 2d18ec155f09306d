//! Walkthrough costs: simulating each model on a 20-instance fleet, rendering one frame to
//! text, and one animation tick as the TUI will do it (pick a frame, lay its text into a
//! 120 × 40 ratatui buffer) — the number to hold against a 30 fps budget of 33 ms per frame.

use criterion::{Criterion, criterion_group, criterion_main};
use dopdeck::walkthrough::{self, Params, StrategyModel as M, StrategyParams, render};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Text;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use std::hint::black_box;

const MODELS: [M; 11] = M::ALL;

/// A 20-instance fleet (one for single target), batches of 2, 10 % steps, 15 healthy.
fn fleet20(model: M) -> Params {
    let file = StrategyParams {
        fleet: Some(20),
        batch: Some(2),
        percent: Some(10),
        bake_minutes: Some(10),
        interval_minutes: Some(3),
        min_healthy: Some(15),
    };
    Params::resolve(model, &file, &StrategyParams::default()).expect("valid parameters")
}

fn simulate(c: &mut Criterion) {
    for model in MODELS {
        let p = fleet20(model);
        let name = format!("walkthrough/simulate {} (fleet {})", walkthrough::model_name(model), p.fleet);
        c.bench_function(&name, |b| b.iter(|| black_box(walkthrough::simulate(model, black_box(&p), None))));
    }
    let p = fleet20(M::Rolling);
    c.bench_function("walkthrough/simulate rolling (fleet 20, fail at batch 9)", |b| {
        b.iter(|| black_box(walkthrough::simulate(M::Rolling, black_box(&p), Some(9))))
    });
}

fn render_frame(c: &mut Criterion) {
    let p = fleet20(M::Immutable);
    let t = walkthrough::simulate(M::Immutable, &p, None).expect("simulates");
    let phases: Vec<String> =
        (0..t.phase_count).map(|i| format!("Phase {i}: a sentence of narration like the files have.")).collect();
    // The busiest frame: both groups full.
    let busiest = t.frames.iter().enumerate().max_by_key(|(_, f)| f.slots.len()).map_or(0, |(i, _)| i);
    c.bench_function("walkthrough/render one frame to text (immutable, 40 slots)", |b| {
        b.iter(|| black_box(render::frame_lines(black_box(&t), busiest, &phases)))
    });
    let area = Rect::new(0, 0, 120, 40);
    let mut buffer = Buffer::empty(area);
    c.bench_function("walkthrough/animation tick: frame text into a 120x40 buffer", |b| {
        b.iter(|| {
            let lines = render::frame_lines(&t, black_box(busiest), &phases).join("\n");
            buffer.reset();
            Paragraph::new(Text::raw(lines)).wrap(Wrap { trim: false }).render(area, &mut buffer);
            black_box(&buffer);
        })
    });
}

criterion_group!(benches, simulate, render_frame);
criterion_main!(benches);
