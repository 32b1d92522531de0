//! `gwsx dump URL --output FILE`: fetch a live GWS configuration and write it as a snapshot.
//!
//! Nothing is written until everything is fetched, and then atomically (temporary file +
//! rename), so a failed or interrupted dump leaves no file behind.

use super::{LiveOptions, failure_lines, failures, fetch_snapshot, progress_line};
use crate::cli::{ConfigArgs, DumpArgs, LiveArgs};
use crate::snapshot::{self, Resource};
use crate::source;
use anyhow::{Context, Result, anyhow, bail};
use std::path::Path;
use std::process::ExitCode;

/// Exit status after Ctrl-C (128 + SIGINT).
const INTERRUPTED: u8 = 130;

pub fn run(args: &DumpArgs, live: &LiveArgs, config: &ConfigArgs) -> Result<ExitCode> {
    let overrides = source::config_overrides(config)?;
    check_output_dir(&args.output)?;
    let opts = LiveOptions::from_args(live)?;
    if opts.insecure {
        eprintln!("gwsx: warning: {}", super::INSECURE_WARNING);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let fetched = runtime.block_on(async {
        tokio::select! {
            result = fetch_snapshot(&args.url, &opts, |p| {
                if let Some(line) = progress_line(&p) {
                    eprintln!("{line}");
                }
            }) => Some(result),
            _ = tokio::signal::ctrl_c() => None,
        }
    });
    // Whatever is still in flight is cancelled here.
    drop(runtime);
    let Some(fetched) = fetched else {
        eprintln!("gwsx: dump interrupted; nothing written");
        return Ok(ExitCode::from(INTERRUPTED));
    };
    let mut snapshot = fetched?;
    snapshot.gws_config.overlay(&overrides);

    let failed = failures(&snapshot);
    let lines = failure_lines(&snapshot);
    if !failed.is_empty() {
        eprintln!(
            "gwsx dump: {} of {} resources failed:",
            failed.len(),
            snapshot.responses.len()
        );
        for line in &lines {
            eprintln!("gwsx dump:   {line}");
        }
    }
    let environments = Resource::GenesysEnvironments.path();
    if let Some((_, why)) = failed
        .iter()
        .zip(&lines)
        .find(|((path, _), _)| path == environments)
    {
        let hint = if snapshot
            .source
            .base_url
            .as_deref()
            .is_some_and(|b| !b.ends_with("/api/v2"))
        {
            " (the base URL should end in /api/v2)"
        } else {
            ""
        };
        bail!(
            "the Genesys environments could not be fetched, so nothing was written to {}: {why}{hint}",
            args.output.display()
        );
    }
    snapshot::write_atomic(&snapshot, &args.output)?;
    eprintln!(
        "gwsx dump: wrote {} ({} of {} resources fetched)",
        args.output.display(),
        snapshot.responses.len() - failed.len(),
        snapshot.responses.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Fails early, before any request, when the output's directory does not exist.
fn check_output_dir(output: &Path) -> Result<()> {
    let dir = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => bail!("{}: not a directory", dir.display()),
        Err(_) => {
            return Err(anyhow!(
                "{}: cannot write: directory {} does not exist",
                output.display(),
                dir.display()
            ));
        }
    }
    if std::fs::metadata(output).is_ok_and(|m| m.is_dir()) {
        bail!("{}: is a directory", output.display());
    }
    Ok(())
}
