//! Opening what the user names: a file or directory, a live GWS URL, or the demo.

use crate::gws;
use crate::snapshot::{self, Snapshot};
use anyhow::{Context, Result};
use std::io::IsTerminal;
use std::path::Path;

/// What kind of source a SOURCE argument names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    Demo,
    Live(String),
    Path(String),
}

impl SourceKind {
    /// What `spec` names. A URL holding a password (`user:pass@`, with or without a scheme,
    /// unless a file of that name exists) is kept only with the password hidden, as a live
    /// source that opening then refuses: the password is never used, shown or stored.
    pub fn parse(spec: &str) -> SourceKind {
        let lower = spec.to_ascii_lowercase();
        if spec == snapshot::DEMO_LABEL {
            SourceKind::Demo
        } else if gws::has_password(spec)
            && (lower.contains("://") || std::fs::symlink_metadata(spec).is_err())
        {
            SourceKind::Live(gws::hide_password(spec))
        } else if lower.starts_with("http://") || lower.starts_with("https://") {
            SourceKind::Live(spec.to_string())
        } else {
            SourceKind::Path(spec.to_string())
        }
    }
}

/// Reads an offline source (file, directory or demo).
pub fn open_offline(kind: &SourceKind) -> Result<Snapshot> {
    match kind {
        SourceKind::Demo => snapshot::demo(),
        SourceKind::Path(p) => snapshot::load(Path::new(p)),
        SourceKind::Live(url) => anyhow::bail!("{url}: a live URL is not an offline source"),
    }
}

/// Opens any source: a file or directory, the demo, or a live GWS URL with its connection
/// options (`None` for an offline source; a live one without them is an error).
pub fn open(kind: &SourceKind, live: Option<&gws::LiveOptions>) -> Result<Snapshot> {
    match (kind, live) {
        (SourceKind::Live(url), Some(opts)) => open_live(url, opts),
        (SourceKind::Live(url), None) => {
            anyhow::bail!("{url}: a live source needs its connection options")
        }
        _ => open_offline(kind),
    }
}

/// Fetches a live GWS configuration into a snapshot, blocking. Progress goes to stderr when
/// it is a terminal; resources that could not be fetched are named there as warnings.
pub fn open_live(url: &str, opts: &gws::LiveOptions) -> Result<Snapshot> {
    // Refuses a password in the URL before anything is sent.
    let base = gws::parse_base_url(url)?;
    if opts.insecure {
        eprintln!("gwsx: warning: {}", gws::INSECURE_WARNING);
    }
    if let Some(warning) = gws::plain_http_warning(&base, opts.user.as_deref()) {
        eprintln!("gwsx: warning: {warning}");
    }
    let show_progress = std::io::stderr().is_terminal();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let snapshot = runtime.block_on(gws::fetch_snapshot(url, opts, |p| {
        if show_progress && let Some(line) = gws::progress_line(&p) {
            eprintln!("{line}");
        }
    }))?;
    for line in gws::failure_lines(&snapshot) {
        // `failure_lines` escapes the server's words already.
        eprintln!("gwsx: warning: unavailable: {line}");
    }
    Ok(snapshot)
}
