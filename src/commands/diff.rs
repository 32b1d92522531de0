//! `gwsx diff OLD NEW`: loads both sides on two threads, compares them, writes the report.

use super::context::Resolved;
use crate::audit::Severity;
use crate::cli::{DiffArgs, DiffFormat, FailOn, TuiArgs};
use crate::diff::{self, Side};
use crate::domain::Inventory;
use crate::snapshot::{GwsConfig, Snapshot};
use crate::source::{self, SourceKind};
use anyhow::{Result, anyhow};
use std::process::ExitCode;

/// A side as far as it was read, with the warnings to print once both are done.
struct Loaded {
    side: Side,
    warnings: Vec<String>,
}

/// `display` is the top level's: `--no-color` is global.
pub fn run(
    old_source: &str,
    new_source: &str,
    args: &DiffArgs,
    display: &TuiArgs,
    resolved: &Resolved,
) -> Result<ExitCode> {
    if args.tui {
        return super::tui::run(Some(new_source), &tui_args(old_source, display), resolved);
    }
    let (config, live) = (&resolved.config, &resolved.live);
    let overrides = super::config_overrides(config)?;
    let kinds = [SourceKind::parse(old_source), SourceKind::parse(new_source)];
    // A live side is fetched first, here, one after the other: each may prompt for a
    // password, and two prompts at once would share one terminal.
    let mut fetched: [Option<Snapshot>; 2] = [None, None];
    for (slot, kind) in fetched.iter_mut().zip(&kinds) {
        if let SourceKind::Live(url) = kind {
            // A password in the URL is refused before one is asked for.
            crate::gws::parse_base_url(url)?;
            *slot = Some(source::open_live(url, &super::live_options(live)?)?);
        }
    }
    let [old_fetched, new_fetched] = fetched;
    let [old_kind, new_kind] = &kinds;
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| load(old_kind, old_fetched, &overrides));
        let new = load(new_kind, new_fetched, &overrides);
        let old = old
            .join()
            .unwrap_or_else(|_| Err(anyhow!("internal error while reading {old_source}")));
        (old, new)
    });
    let (old, new) = (old?, new?);
    for line in old.warnings.iter().chain(&new.warnings) {
        eprintln!(
            "gwsx: warning: {}",
            crate::text_safety::escape_controls(line)
        );
    }
    let result = diff::compute(&old.side, &new.side);
    let text = match args.format {
        DiffFormat::Json => diff::report::to_json(&result),
        DiffFormat::Text => diff::report::to_text(&result),
        DiffFormat::Markdown => diff::report::to_markdown(&result),
    };
    super::write_stdout(&text)?;
    // The process ends right after: freeing both sides object by object would only delay it.
    std::mem::forget((old, new));
    let threshold = match args.fail_on_new {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warn => Some(Severity::Warn),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| result.new_findings.iter().any(|f| f.severity >= t));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `gwsx diff OLD NEW --tui` is `gwsx NEW --compare OLD`.
fn tui_args(old_source: &str, display: &TuiArgs) -> TuiArgs {
    TuiArgs {
        compare: Some(old_source.to_string()),
        ..display.clone()
    }
}

/// Reads one side (unless it was fetched already), builds its inventory, audits it.
fn load(kind: &SourceKind, fetched: Option<Snapshot>, overrides: &GwsConfig) -> Result<Loaded> {
    let snapshot = match fetched {
        Some(s) => s,
        None => source::open_offline(kind)?,
    };
    let mut warnings = snapshot.warnings.clone();
    let inv = Inventory::from_snapshot(&snapshot, overrides)?;
    // One line when nothing could be read (RULES.md §5), as for `audit`.
    if crate::audit::report::nothing_read(&inv) {
        anyhow::bail!(
            "{}: nothing could be read: every resource is unavailable ({})",
            inv.label,
            crate::model::unavailable_summary(&inv.model)
        );
    }
    warnings.extend(crate::model::read_warnings(&inv.model));
    Ok(Loaded {
        side: Side::new(snapshot, inv),
        warnings,
    })
}
