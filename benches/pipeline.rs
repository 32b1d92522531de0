//! The one data flow at 5,000, 50,000 and 200,000 agents: load (read + parse), model,
//! inventory, audit and `agents` JSON. Sizes grow 40×: the stages must grow linearly.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use gwsx::domain::Inventory;
use gwsx::model::Model;
use gwsx::snapshot::{self, GwsConfig};
use gwsx_synth::{SynthOptions, generate};
use std::hint::black_box;
use std::time::Duration;

const SIZES: [usize; 3] = [5_000, 50_000, 200_000];

fn snapshot_text(agents: usize) -> String {
    generate(&SynthOptions {
        agents,
        seed: 1,
        edge_cases: true,
    })
}

fn pipeline(c: &mut Criterion) {
    let mut group = c.benchmark_group("pipeline");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    for agents in SIZES {
        let text = snapshot_text(agents);
        let snap = snapshot::from_bytes(text.clone().into_bytes(), "bench.json").expect("load");
        let inv = Inventory::from_snapshot(&snap, &GwsConfig::default()).expect("inventory");
        group.bench_with_input(BenchmarkId::new("load", agents), &text, |b, text| {
            b.iter(|| snapshot::from_bytes(black_box(text.clone().into_bytes()), "bench.json"))
        });
        group.bench_with_input(BenchmarkId::new("model", agents), &snap, |b, snap| {
            b.iter(|| Model::from_snapshot(black_box(snap)))
        });
        group.bench_with_input(BenchmarkId::new("inventory", agents), &snap, |b, snap| {
            b.iter(|| Inventory::from_snapshot(black_box(snap), &GwsConfig::default()))
        });
        group.bench_with_input(BenchmarkId::new("audit", agents), &inv, |b, inv| {
            b.iter(|| gwsx::audit::run(black_box(inv)))
        });
        group.bench_with_input(BenchmarkId::new("agents_json", agents), &inv, |b, inv| {
            b.iter(|| gwsx::agents::to_json(black_box(inv), None))
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
