//! One module per command: each resolves its command-line arguments into the plain option
//! structs the library takes (the password prompt included), runs, and says how to exit.
//! Nothing below `commands/` sees clap; `main.rs` only parses and dispatches.

pub mod agents;
pub mod audit;
pub mod completions;
pub mod context;
pub mod diff;
pub mod dump;
mod fetch_progress;
pub mod generate;
pub mod info;
mod options;
pub mod redact;
pub mod serve;
pub mod tui;

pub use options::{config_flags, config_overrides, live_options, password_from_env_or_prompt};

use crate::cli::{ConfigArgs, LiveArgs};
use crate::domain::Inventory;
use crate::source::{self, SourceKind};
use crate::text_safety::escape_controls;
use anyhow::Result;
use std::io::Write;

/// Opens what SOURCE names (a live URL with the connection options and the password, asked
/// for only then); the reader's warnings go to stderr.
pub fn open_source(spec: &str, live: &LiveArgs) -> Result<crate::snapshot::Snapshot> {
    let kind = SourceKind::parse(spec);
    let snapshot = match &kind {
        SourceKind::Live(url) => {
            // A password in the URL is refused before one is asked for.
            crate::gws::parse_base_url(url)?;
            source::open_live(url, &live_options(live)?)?
        }
        _ => source::open_offline(&kind)?,
    };
    for line in &snapshot.warnings {
        eprintln!("gwsx: warning: {}", escape_controls(line));
    }
    Ok(snapshot)
}

/// The inventory of SOURCE for a command that prints results: refused in one line when
/// nothing could be read (RULES.md §5), else a warning per list read in part or not at all.
pub fn inventory(spec: &str, config: &ConfigArgs, live: &LiveArgs) -> Result<Inventory> {
    let overrides = config_overrides(config)?;
    let snapshot = open_source(spec, live)?;
    let inv = Inventory::from_snapshot_owned(snapshot, &overrides)?;
    if crate::audit::report::nothing_read(&inv) {
        anyhow::bail!(
            "{}: nothing could be read: every resource is unavailable ({})",
            inv.label,
            crate::model::unavailable_summary(&inv.model)
        );
    }
    for line in crate::model::read_warnings(&inv.model) {
        eprintln!("gwsx: warning: {}", escape_controls(&line));
    }
    Ok(inv)
}

/// Writes to standard output; a closed pipe (`| head`) is not an error worth reporting.
pub fn write_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    output_result(out.write_all(text.as_bytes()).and_then(|_| out.flush()))
}

/// What a write to standard output means for the command: a closed pipe is fine.
pub fn output_result(written: std::io::Result<()>) -> Result<()> {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::anyhow!("cannot write to standard output: {e}"))
        }
        _ => Ok(()),
    }
}

/// The process ends right after the output: freeing a 50,000-agent inventory object by
/// object would only delay the exit, so its memory goes back to the system at once instead.
pub fn exit_soon(inv: Inventory) {
    std::mem::forget(inv);
}

/// Colour unless `--no-color`, `NO_COLOR` (any value), or output that is not a terminal.
pub fn color_wanted(no_color: bool) -> bool {
    use std::io::IsTerminal;
    !no_color && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}
