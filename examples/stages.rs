//! Times and resident memory of each stage of the data flow on one snapshot file:
//! `cargo run --release --example stages -- FILE`, or `-- FILE --tui` for the TUI's stages
//! (its data, its audit index, then the what-if's). Used to find where time and memory go.
//! "heap" is the bytes the program holds at that point (a counting allocator), which RSS
//! hides: freed memory the allocator keeps still counts in RSS.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
/// Live allocations: each costs malloc 8–16 bytes more than it asks for, which `heap` omits.
static COUNT: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        COUNT.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        COUNT.fetch_sub(1, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn heap_mib() -> f64 {
    LIVE.load(Ordering::Relaxed) as f64 / 1_048_576.0
}

fn rss_mib() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / 1_048_576.0
}

fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: stages FILE"))?;
    let t = std::time::Instant::now();
    let mut last = t.elapsed();
    let mut stage = |name: &str| {
        let now = t.elapsed();
        eprintln!(
            "{name:<12} {:>8.1} ms  heap {:>7.1} MiB in {:>8} allocations  rss {:>7.1} MiB  peak {:>7.1} MiB",
            (now - last).as_secs_f64() * 1e3,
            heap_mib(),
            COUNT.load(Ordering::Relaxed),
            rss_mib(),
            peak_mib()
        );
        last = now;
    };
    let snap = gwsx::snapshot::load(std::path::Path::new(&path))?;
    stage("read+load");
    if std::env::args().nth(2).as_deref() == Some("--tui") {
        use gwsx::tui::data::{AuditIndex, Data, PreviousAudit};
        let snap = std::sync::Arc::new(snap);
        let none = gwsx::snapshot::GwsConfig::default();
        let mut data = Data::without_audit(snap.clone(), &none)?;
        stage("tui data");
        data.attach(AuditIndex::build(data.audit_input()));
        stage("tui audit");
        let flipped = gwsx::snapshot::GwsConfig {
            use_employee_id_login: Some(!data.inv.config.use_employee_id()),
            ..none
        };
        let mut next = Data::recomputed(snap, &data.inv, &flipped);
        stage("what-if data");
        let previous = PreviousAudit {
            findings: data.audit.findings.clone(),
        };
        next.attach(AuditIndex::build(
            next.audit_input().with_previous(Some(previous)),
        ));
        stage("what-if audit");
        drop(data);
        stage("old data gone");
        return Ok(());
    }
    let (config, source) = (snap.gws_config.clone(), snap.source.clone());
    // As the CLI does: the bodies (and the file's text they share) go once parsed.
    let model = gwsx::model::Model::from_responses(snap.responses)?;
    stage("model");
    let inv = gwsx::domain::Inventory::build(model, config, source, None, path.clone());
    stage("inventory");
    let findings = gwsx::audit::run(&inv);
    stage("audit");
    let card = gwsx::audit::report::scorecard(&inv, &findings);
    stage("scorecard");
    let json = gwsx::audit::report::to_json(&findings, &card);
    stage("audit json");
    let agents = gwsx::agents::to_json(&inv, None);
    stage("agents json");
    eprintln!(
        "total {:.1} ms; {} findings; outputs {} + {} bytes",
        t.elapsed().as_secs_f64() * 1e3,
        findings.len(),
        json.len(),
        agents.len()
    );
    Ok(())
}
