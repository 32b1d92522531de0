//! `gwsx [SOURCE] [--baseline FILE] [--compare OLD]`: the TUI. The theme and the live options (the password prompt included)
//! are resolved here, before the terminal is taken over.

use crate::cli::{ConfigArgs, LiveArgs, TuiArgs};
use crate::source::SourceKind;
use crate::tui::theme::{Theme, no_color_env};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(
    source: Option<&str>,
    tui: &TuiArgs,
    config: &ConfigArgs,
    live: &LiveArgs,
) -> Result<ExitCode> {
    // A bad baseline file is said before anything else (and before the terminal is taken).
    let baseline = match &tui.baseline {
        Some(path) => Some(crate::audit::baseline::Baseline::load(path)?),
        None => None,
    };
    let no_color = tui.no_color || no_color_env();
    let theme = Theme::resolve(tui.theme.as_deref(), no_color)?;
    let overrides = super::config_overrides(config)?;
    let kind = SourceKind::parse(source.unwrap_or(crate::snapshot::DEMO_LABEL));
    let old = tui.compare.as_deref().map(SourceKind::parse);
    // One set of live options (one password prompt) serves both sides.
    let urls: Vec<&String> = [Some(&kind), old.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(|k| match k {
            SourceKind::Live(url) => Some(url),
            _ => None,
        })
        .collect();
    for url in &urls {
        // A password in the URL is refused before one is asked for.
        crate::gws::parse_base_url(url)?;
    }
    let live = if urls.is_empty() {
        None
    } else {
        Some(super::live_options(live)?)
    };
    crate::tui::run(crate::tui::Options {
        source: kind,
        overrides,
        theme,
        live,
        baseline,
        compare: tui.compare.as_deref().map(SourceKind::parse),
    })?;
    Ok(ExitCode::SUCCESS)
}
