//! The one data flow at 5,000, 50,000 and 200,000 agents: load (read + parse), model,
//! inventory, audit and `agents` JSON. Sizes grow 40×: the stages must grow linearly.
//! `diff` (5,000 and 50,000): two sides prepared on two threads and compared, and the
//! comparison alone.

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

/// A changed copy of a snapshot: 1% of persons get another employee ID, 0.2% of DNs another
/// annex key, ten places go, five agents come.
fn changed_copy(text: &str) -> String {
    let mut root: serde_json::Value = serde_json::from_str(text).expect("JSON");
    let r = &mut root["responses"];
    if let Some(persons) = r["/platform/configuration/persons"]["persons"].as_array_mut() {
        for (i, p) in persons.iter_mut().enumerate() {
            if i % 100 == 7 {
                p["employeeID"] = format!("X{}", p["employeeID"]).into();
            }
        }
        let first = persons[0].clone();
        for n in 0..5 {
            let mut new = first.clone();
            new["DBID"] = (10_000_000 + n).to_string().into();
            new["userName"] = format!("bench.new{n}").into();
            persons.push(new);
        }
    }
    if let Some(dns) = r["/platform/configuration/dns"]["dns"].as_array_mut() {
        for (i, d) in dns.iter_mut().enumerate() {
            if i % 500 == 3 && d["userProperties"].is_object() {
                d["userProperties"]["bench"] = serde_json::json!({"key": "changed"});
            }
        }
    }
    if let Some(places) = r["/platform/configuration/places"]["places"].as_array_mut() {
        let keep = places.len().saturating_sub(10);
        places.truncate(keep);
    }
    root.to_string()
}

fn diff(c: &mut Criterion) {
    use gwsx::diff::{Side, compute};
    let mut group = c.benchmark_group("diff");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(1));
    for agents in [5_000, 50_000] {
        let text = snapshot_text(agents);
        let changed = changed_copy(&text);
        let old = snapshot::from_bytes(text.into_bytes(), "old.json").expect("load");
        let new = snapshot::from_bytes(changed.into_bytes(), "new.json").expect("load");
        let config = GwsConfig::default();
        let prepare = |snap: &snapshot::Snapshot| Side::from_snapshot(snap.clone(), &config);
        group.bench_with_input(
            BenchmarkId::new("sides_and_compare", agents),
            &(&old, &new),
            |b, (old, new)| {
                b.iter(|| {
                    std::thread::scope(|s| {
                        let a = s.spawn(|| prepare(old));
                        let b = prepare(new).expect("side");
                        let a = a.join().expect("thread").expect("side");
                        compute(black_box(&a), black_box(&b))
                    })
                })
            },
        );
        let sides = (prepare(&old).expect("side"), prepare(&new).expect("side"));
        group.bench_with_input(BenchmarkId::new("compare", agents), &sides, |b, (a, n)| {
            b.iter(|| compute(black_box(a), black_box(n)))
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline, diff);
criterion_main!(benches);
