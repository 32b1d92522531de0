//! Render and filter benchmarks on a big synthetic snapshot (50,000 agents, edge cases on):
//! one full frame of each tab at 200×50, and one filter keystroke in the Agents tab.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use gwsx::snapshot::{GwsConfig, Snapshot};
use gwsx::tui::action::{Action, Tab};
use gwsx::tui::app::{App, SourceDesc, SourceMode};
use gwsx::tui::data::Data;
use gwsx::tui::load::{JobEvent, JobKind};
use gwsx::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::time::{Duration, Instant};

const AGENTS: usize = 50_000;

fn snapshot() -> Arc<Snapshot> {
    let text = gwsx_synth::generate(&gwsx_synth::SynthOptions {
        agents: AGENTS,
        seed: 1,
        edge_cases: true,
    });
    Arc::new(
        gwsx::snapshot::from_bytes(text.into_bytes(), "synth-50k")
            .expect("synthetic snapshot reads"),
    )
}

fn app_with(data: Data) -> App {
    let desc = SourceDesc {
        label: "synth-50k".into(),
        mode: SourceMode::Offline,
        insecure: false,
    };
    let mut app = App::new(desc, Theme::default(), GwsConfig::default());
    let _ = app.take_request();
    app.on_job(JobEvent::Done {
        generation: 1,
        kind: JobKind::Load,
        result: Ok(Box::new(data)),
    });
    app
}

fn benches(c: &mut Criterion) {
    let snapshot = snapshot();
    let started = Instant::now();
    let data = Data::build(snapshot.clone(), &GwsConfig::default()).expect("inventory builds");
    eprintln!(
        "data build (inventory, audit, rows, haystacks) for {} agents, {} findings: {:?}",
        data.agents.len(),
        data.audit.findings.len(),
        started.elapsed()
    );
    let mut app = app_with(data);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("test terminal");

    // The object view on every person (opened as a user would, `:persons`), timed once:
    // the where-used index, the rows' cells and the sort are built here.
    let started = Instant::now();
    for c in ":persons\r".chars() {
        let code = if c == '\r' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
    eprintln!(":persons on {AGENTS} persons: {:?}", started.elapsed());
    let mut group = c.benchmark_group("frame_200x50");
    for tab in Tab::ALL {
        app.apply(Action::Tab(tab));
        // Something selected mid-list, as in use.
        for _ in 0..500 {
            app.apply(Action::Down);
        }
        group.bench_function(tab.title(), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| gwsx::tui::views::render(f, &mut app))
                    .expect("draw");
            })
        });
    }
    group.finish();

    app.apply(Action::Tab(Tab::Agents));
    app.apply(Action::Filter);
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    // One keystroke, timed alone: the filter is reset before each (not timed).
    let mut keystroke = |name: &str, before: &str, ch: char| {
        c.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    app.set_filter(before.into());
                    let t = Instant::now();
                    app.handle_key(key(ch));
                    total += t.elapsed();
                }
                total
            })
        });
    };
    keystroke("filter_keystroke_50k_agents", "e10", '4');
    keystroke("filter_first_keystroke_50k_agents", "", 'k');

    let mut slow = c.benchmark_group("rebuild");
    slow.sample_size(10);
    slow.bench_function("what_if_recompute_50k_agents", |b| {
        let overrides = GwsConfig {
            use_employee_id_login: Some(false),
            ..GwsConfig::default()
        };
        b.iter(|| Data::build(snapshot.clone(), &overrides).expect("builds"))
    });
    slow.finish();
}

criterion_group!(render, benches);
criterion_main!(render);
