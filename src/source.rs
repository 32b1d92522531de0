//! Opening what the user names: a file or directory, a live GWS URL, or the demo.

use crate::cli::{ConfigArgs, LiveArgs, Mode, Protocol};
use crate::gws;
use crate::snapshot::{self, GwsConfig, Snapshot, SoftphoneMode};
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
    pub fn parse(spec: &str) -> SourceKind {
        let lower = spec.to_ascii_lowercase();
        if spec == snapshot::DEMO_LABEL {
            SourceKind::Demo
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

/// Opens any source: a file or directory, the demo, or a live GWS URL (fetched now, with the
/// password from `GWSX_PASSWORD` or a prompt).
pub fn open(kind: &SourceKind, live: &LiveArgs) -> Result<Snapshot> {
    match kind {
        SourceKind::Live(url) => open_live(url, live),
        _ => open_offline(kind),
    }
}

/// Fetches a live GWS configuration into a snapshot, blocking. Progress goes to stderr when
/// it is a terminal; resources that could not be fetched are named there as warnings.
pub fn open_live(url: &str, live: &LiveArgs) -> Result<Snapshot> {
    let opts = gws::LiveOptions::from_args(live)?;
    if opts.insecure {
        eprintln!("gwsx: warning: {}", gws::INSECURE_WARNING);
    }
    let show_progress = std::io::stderr().is_terminal();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let snapshot = runtime.block_on(gws::fetch_snapshot(url, &opts, |p| {
        if show_progress && let Some(line) = gws::progress_line(&p) {
            eprintln!("{line}");
        }
    }))?;
    for line in gws::failure_lines(&snapshot) {
        eprintln!("gwsx: warning: unavailable: {line}");
    }
    Ok(snapshot)
}

/// The gwsConfig the user asked for: the `--gws-config` file, then the flags over it.
pub fn config_overrides(args: &ConfigArgs) -> Result<GwsConfig> {
    let mut config = match &args.gws_config {
        Some(path) => snapshot::read_gws_config_yaml(path)?,
        None => GwsConfig::default(),
    };
    config.overlay(&config_flags(args));
    Ok(config)
}

/// What the gwsConfig flags alone set.
pub fn config_flags(args: &ConfigArgs) -> GwsConfig {
    GwsConfig {
        use_employee_id_login: args.use_employee_id_login,
        browser_protocol: args.browser_protocol.map(|p| match p {
            Protocol::Http => "http".to_string(),
            Protocol::Https => "https".to_string(),
        }),
        cluster_application: args.cluster_application.clone(),
        softphone_mode: args.softphone_mode.map(|m| match m {
            Mode::Connector => SoftphoneMode::Connector,
            Mode::Standalone => SoftphoneMode::Standalone,
        }),
    }
}
