//! `gwsx [SOURCE] [--baseline FILE]`: the TUI. The theme and the live options (the password prompt included)
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
    let live = match &kind {
        SourceKind::Live(url) => {
            // A password in the URL is refused before one is asked for.
            crate::gws::parse_base_url(url)?;
            Some(super::live_options(live)?)
        }
        _ => None,
    };
    crate::tui::run(crate::tui::Options {
        source: kind,
        overrides,
        theme,
        live,
        baseline,
    })?;
    Ok(ExitCode::SUCCESS)
}
