//! Opening what the user names: a file or directory, a live GWS URL, or the demo.

use crate::cli::{ConfigArgs, Mode, Protocol};
use crate::snapshot::{self, GwsConfig, Snapshot, SoftphoneMode};
use anyhow::Result;
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

/// The gwsConfig the user asked for: the `--gws-config` file, then the flags over it.
pub fn config_overrides(args: &ConfigArgs) -> Result<GwsConfig> {
    let mut config = match &args.gws_config {
        Some(path) => snapshot::read_gws_config_yaml(path)?,
        None => GwsConfig::default(),
    };
    let flags = GwsConfig {
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
    };
    config.overlay(&flags);
    Ok(config)
}
