//! Loading off the UI thread: a loader fetches or reads a snapshot (reporting progress),
//! then the inventory is built on a blocking task and sent (the first frame shows it), then
//! the audit runs and its results follow; everything comes back through a channel. Live mode
//! plugs in a loader that fetches; offline and demo read.

use super::compare::{CompareInput, Compared};
use super::data::{AuditIndex, AuditInput, Data};
use crate::domain::Inventory;
use crate::snapshot::{GwsConfig, Snapshot};
use crate::source::{self, SourceKind};
use anyhow::Result;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;

pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// Produces a snapshot, reporting progress. Called once per load and per refresh.
pub type Loader = Arc<dyn Fn(Progress) -> BoxFuture<Result<Snapshot>> + Send + Sync>;

/// What a job sends back to the app.
pub enum JobEvent {
    Progress {
        generation: u64,
        n: usize,
        total: usize,
        what: String,
    },
    /// Where one resource's request is (live loads): bytes so far, retries.
    Transfer {
        generation: u64,
        transfer: crate::gws::Transfer,
    },
    Done {
        generation: u64,
        kind: JobKind,
        result: Result<Box<Data>, String>,
    },
    /// The audit of the data a `Done` of the same generation carried.
    Audited {
        generation: u64,
        audit: Box<AuditIndex>,
    },
    /// Compare mode: the OLD side, read and audited (once, beside the first load).
    OldLoaded { result: Result<Box<Data>, String> },
    /// The comparison of the data of this generation against OLD.
    Compared {
        generation: u64,
        compared: Box<Compared>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// A fresh snapshot from the loader (first load or refresh).
    Load,
    /// The same snapshot with other gwsConfig overrides (what-if).
    Recompute,
}

/// A job the app asks the runner to start.
pub enum JobRequest {
    /// The audit of the data just put on screen (started after that frame is drawn, so the
    /// two do not share the cores).
    Audit { generation: u64, input: AuditInput },
    /// Compare mode: the data on screen (audited) against OLD.
    Compare {
        generation: u64,
        input: CompareInput,
    },
    Load {
        generation: u64,
        overrides: GwsConfig,
    },
    Recompute {
        generation: u64,
        snapshot: Arc<Snapshot>,
        /// The inventory on screen, of the same snapshot: its parsed model is reused.
        base: Arc<Inventory>,
        overrides: GwsConfig,
    },
}

/// Progress reporting for a loader: "resource n of N", and each request's transfer.
#[derive(Clone)]
pub struct Progress {
    tx: UnboundedSender<JobEvent>,
    generation: u64,
}

impl Progress {
    pub fn new(tx: UnboundedSender<JobEvent>, generation: u64) -> Progress {
        Progress { tx, generation }
    }

    pub fn report(&self, n: usize, total: usize, what: impl Into<String>) {
        let _ = self.tx.send(JobEvent::Progress {
            generation: self.generation,
            n,
            total,
            what: what.into(),
        });
    }

    pub fn transfer(&self, transfer: crate::gws::Transfer) {
        let _ = self.tx.send(JobEvent::Transfer {
            generation: self.generation,
            transfer,
        });
    }
}

/// The loader of an offline source (a file, a directory, or the demo).
pub fn offline_loader(kind: SourceKind) -> Loader {
    Arc::new(move |progress: Progress| {
        let kind = kind.clone();
        Box::pin(async move {
            let what = match &kind {
                SourceKind::Demo => "the built-in demo".to_string(),
                SourceKind::Path(p) | SourceKind::Live(p) => p.clone(),
            };
            progress.report(0, 1, format!("reading {what}"));
            let snapshot =
                tokio::task::spawn_blocking(move || source::open_offline(&kind)).await??;
            progress.report(1, 1, format!("read {what}"));
            Ok(snapshot)
        }) as BoxFuture<Result<Snapshot>>
    })
}

/// How long a live load may go without any resource arriving: twice `--timeout` (one request
/// and its retry). The client bounds each request too; this bounds the wait as the TUI sees it,
/// whatever the client does.
pub fn stall_limit(timeout: std::time::Duration) -> std::time::Duration {
    timeout.saturating_mul(2)
}

/// The loader of a live GWS: every resource fetched, "resource n of N" as each arrives, each
/// request's bytes and retries as they come (which do not count as arriving). A load
/// that gets no resource for [`stall_limit`] ends with an error naming the URL (the first load:
/// the TUI exits with it; a refresh: STALE).
pub fn live_loader(url: String, opts: crate::gws::LiveOptions) -> Loader {
    let limit = stall_limit(opts.timeout);
    Arc::new(move |progress: Progress| {
        let url = url.clone();
        let opts = opts.clone();
        let target = url.clone();
        Box::pin(async move {
            let last = Arc::new(std::sync::Mutex::new(tokio::time::Instant::now()));
            let beat = last.clone();
            let fetch = crate::gws::fetch_snapshot(&url, &opts, move |p| {
                if let crate::gws::Progress::Transfer(transfer) = p {
                    return progress.transfer(transfer);
                }
                if let Ok(mut at) = beat.lock() {
                    *at = tokio::time::Instant::now();
                }
                match p {
                    crate::gws::Progress::Started { total } => {
                        progress.report(0, total, format!("connecting to {target}"))
                    }
                    crate::gws::Progress::Fetched {
                        done,
                        total,
                        path,
                        ok,
                        ..
                    } => progress.report(
                        done,
                        total,
                        if ok { path } else { format!("{path} (failed)") },
                    ),
                    crate::gws::Progress::Transfer(_) => {}
                }
            });
            with_stall_limit(fetch, &last, limit, &url).await
        }) as BoxFuture<Result<Snapshot>>
    })
}

/// Runs `fetch` until it ends, or until `limit` has passed since the instant in `last` (which
/// the fetch moves forward as resources arrive); then drops it and fails naming `url`.
pub async fn with_stall_limit<F: Future<Output = Result<Snapshot>>>(
    fetch: F,
    last: &std::sync::Mutex<tokio::time::Instant>,
    limit: std::time::Duration,
    url: &str,
) -> Result<Snapshot> {
    let mut fetch = std::pin::pin!(fetch);
    loop {
        let since = last
            .lock()
            .map(|at| *at)
            .unwrap_or_else(|_| tokio::time::Instant::now());
        tokio::select! {
            result = &mut fetch => return result,
            _ = tokio::time::sleep_until(since + limit) => {
                let moved = last.lock().map(|at| *at > since).unwrap_or(false);
                if !moved {
                    anyhow::bail!(
                        "{url}: no answer within {} s (twice --timeout); nothing was loaded from it",
                        limit.as_secs()
                    );
                }
            }
        }
    }
}

/// Runs a job to the end, sending its progress and result on `tx`.
pub async fn run_job(loader: Loader, request: JobRequest, tx: UnboundedSender<JobEvent>) {
    let (generation, kind, result) = match request {
        JobRequest::Audit { generation, input } => return run_audit(generation, input, tx).await,
        JobRequest::Compare { generation, input } => {
            return run_compare(generation, input, tx).await;
        }
        JobRequest::Load {
            generation,
            overrides,
        } => {
            let progress = Progress::new(tx.clone(), generation);
            let result = match loader(progress.clone()).await {
                Ok(snapshot) => {
                    progress.report(1, 1, "building the inventory");
                    build(Arc::new(snapshot), overrides).await
                }
                Err(e) => Err(format!("{e:#}")),
            };
            (generation, JobKind::Load, result)
        }
        JobRequest::Recompute {
            generation,
            snapshot,
            base,
            overrides,
        } => (
            generation,
            JobKind::Recompute,
            recompute(snapshot, base, overrides).await,
        ),
    };
    let _ = tx.send(JobEvent::Done {
        generation,
        kind,
        result,
    });
}

/// Runs the audit of data on screen, sending its results on `tx`.
pub async fn run_audit(generation: u64, input: AuditInput, tx: UnboundedSender<JobEvent>) {
    if let Ok(audit) = tokio::task::spawn_blocking(move || AuditIndex::build(input)).await {
        let _ = tx.send(JobEvent::Audited {
            generation,
            audit: Box::new(audit),
        });
    }
}

/// Runs the comparison of data on screen against OLD, sending it on `tx`.
pub async fn run_compare(generation: u64, input: CompareInput, tx: UnboundedSender<JobEvent>) {
    if let Ok(compared) = tokio::task::spawn_blocking(move || Compared::build(&input)).await {
        let _ = tx.send(JobEvent::Compared {
            generation,
            compared: Box::new(compared),
        });
    }
}

/// Compare mode: reads OLD with `loader` (its progress is not shown: the source's is), builds
/// and audits it off the UI thread, and sends it on `tx`.
pub async fn load_old(loader: Loader, overrides: GwsConfig, tx: UnboundedSender<JobEvent>) {
    let (quiet, _) = tokio::sync::mpsc::unbounded_channel();
    let result = match loader(Progress::new(quiet, 0)).await {
        Ok(snapshot) => {
            match tokio::task::spawn_blocking(move || old_data(snapshot, &overrides)).await {
                Ok(r) => r,
                Err(e) => Err(format!("internal error while reading OLD: {e}")),
            }
        }
        Err(e) => Err(format!("{e:#}")),
    };
    let _ = tx.send(JobEvent::OldLoaded { result });
}

/// `load_old` on the current thread (tests).
pub fn load_old_blocking(loader: &Loader, overrides: &GwsConfig) -> JobEvent {
    let (quiet, _) = tokio::sync::mpsc::unbounded_channel();
    let result = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("{e}"))
        .and_then(|rt| {
            rt.block_on(loader(Progress::new(quiet, 0)))
                .map_err(|e| format!("{e:#}"))
        })
        .and_then(|s| old_data(s, overrides));
    JobEvent::OldLoaded { result }
}

/// OLD's data, audited; like a side of `gwsx diff`, one that nothing could be read of is an
/// error.
fn old_data(snapshot: Snapshot, overrides: &GwsConfig) -> Result<Box<Data>, String> {
    let data = Data::build(Arc::new(snapshot), overrides).map_err(|e| format!("{e:#}"))?;
    if crate::audit::report::nothing_read(&data.inv) {
        return Err(format!(
            "{}: nothing could be read: every resource is unavailable ({})",
            data.inv.label,
            crate::model::unavailable_summary(&data.inv.model)
        ));
    }
    Ok(Box::new(data))
}

async fn build(snapshot: Arc<Snapshot>, overrides: GwsConfig) -> Result<Box<Data>, String> {
    match tokio::task::spawn_blocking(move || Data::without_audit(snapshot, &overrides)).await {
        Ok(Ok(data)) => Ok(Box::new(data)),
        Ok(Err(e)) => Err(format!("{e:#}")),
        Err(e) => Err(format!("internal error while building the inventory: {e}")),
    }
}

async fn recompute(
    snapshot: Arc<Snapshot>,
    base: Arc<Inventory>,
    overrides: GwsConfig,
) -> Result<Box<Data>, String> {
    tokio::task::spawn_blocking(move || Box::new(Data::recomputed(snapshot, &base, &overrides)))
        .await
        .map_err(|e| format!("internal error while recomputing the inventory: {e}"))
}

/// Runs a request on the current thread (tests, benches): the same work without a runtime.
pub fn run_request_blocking(loader: &Loader, request: JobRequest) -> JobEvent {
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    match request {
        JobRequest::Audit { generation, input } => JobEvent::Audited {
            generation,
            audit: Box::new(AuditIndex::build(input)),
        },
        JobRequest::Compare { generation, input } => JobEvent::Compared {
            generation,
            compared: Box::new(Compared::build(&input)),
        },
        JobRequest::Load {
            generation,
            overrides,
        } => {
            let progress = Progress::new(tx, generation);
            let result = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(anyhow::Error::from)
                .and_then(|rt| rt.block_on(loader(progress)))
                .and_then(|s| Data::without_audit(Arc::new(s), &overrides))
                .map(Box::new)
                .map_err(|e| format!("{e:#}"));
            JobEvent::Done {
                generation,
                kind: JobKind::Load,
                result,
            }
        }
        JobRequest::Recompute {
            generation,
            snapshot,
            base,
            overrides,
        } => JobEvent::Done {
            generation,
            kind: JobKind::Recompute,
            result: Ok(Box::new(Data::recomputed(snapshot, &base, &overrides))),
        },
    }
}
