//! `gwsx [SOURCE] [--baseline FILE] [--refresh SECONDS] [--compare OLD]`: the TUI. The theme,
//! the keys, the refresh and the live options (the password prompt included) are resolved
//! here, before the terminal is taken over.

use super::context::Resolved;
use crate::cli::TuiArgs;
use crate::source::SourceKind;
use crate::tui::theme::{Theme, no_color_env};
use anyhow::Result;
use std::process::ExitCode;

/// The most `--refresh` takes: a day.
const MAX_REFRESH_SECS: u64 = 86_400;

pub fn run(source: Option<&str>, tui: &TuiArgs, resolved: &Resolved) -> Result<ExitCode> {
    // A bad baseline file is said before anything else (and before the terminal is taken).
    let baseline = match &tui.baseline {
        Some(path) => Some(crate::audit::baseline::Baseline::load(path)?),
        None => None,
    };
    let no_color = tui.no_color || no_color_env();
    let theme_spec = tui
        .theme
        .as_deref()
        .or(resolved.loaded.config.theme.as_deref());
    let theme = Theme::resolve(theme_spec, no_color)?;
    let overrides = super::config_overrides(&resolved.config)?;
    let source = match source {
        Some(s) => s.to_string(),
        None if resolved.context.is_some() => resolved.source(None, "SOURCE")?,
        None => crate::snapshot::DEMO_LABEL.to_string(),
    };
    let kind = SourceKind::parse(&source);
    let refresh = refresh_of(tui.refresh, resolved.context_refresh(), &kind)?;
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
        Some(super::live_options(&resolved.live)?)
    };
    crate::tui::run(crate::tui::Options {
        source: kind,
        overrides,
        theme,
        live,
        baseline,
        keys: crate::tui::keys_config::merge(&resolved.loaded.config.keys),
        refresh,
        compare: old,
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The background refresh: `--refresh` beats the context's; 0 is off. Only a live source
/// refreshes: the flag on a file or the demo is refused, a context's is moot there.
fn refresh_of(
    flag: Option<u64>,
    context: Option<u64>,
    kind: &SourceKind,
) -> Result<Option<std::time::Duration>> {
    let live = matches!(kind, SourceKind::Live(_));
    if let Some(secs) = flag {
        if secs > MAX_REFRESH_SECS {
            anyhow::bail!("--refresh must be at most {MAX_REFRESH_SECS} seconds (a day)");
        }
        if secs > 0 && !live {
            anyhow::bail!(
                "--refresh applies to a live source (a GWS URL ending in /api/v2), not to a file or the demo"
            );
        }
    }
    let secs = match flag.or(context) {
        Some(s) if live && s > 0 => s.min(MAX_REFRESH_SECS),
        _ => return Ok(None),
    };
    Ok(Some(std::time::Duration::from_secs(secs)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_is_for_live_sources_and_the_flag_wins() {
        let live = SourceKind::Live("http://h/api/v2".into());
        let file = SourceKind::Path("x.json".into());
        let s = |n| Some(std::time::Duration::from_secs(n));
        assert_eq!(refresh_of(Some(2), Some(30), &live).unwrap(), s(2));
        assert_eq!(refresh_of(None, Some(30), &live).unwrap(), s(30));
        assert_eq!(refresh_of(Some(0), Some(30), &live).unwrap(), None);
        assert_eq!(refresh_of(None, None, &live).unwrap(), None);
        assert_eq!(refresh_of(None, Some(30), &file).unwrap(), None);
        assert_eq!(refresh_of(Some(0), None, &file).unwrap(), None);
        let e = refresh_of(Some(2), None, &file).unwrap_err().to_string();
        assert!(e.contains("applies to a live source"), "{e}");
        assert!(refresh_of(Some(86_401), None, &live).is_err());
    }
}
