//! `gwsx dump URL --output FILE`: fetch a live GWS configuration and write it as a snapshot.
//!
//! Nothing is written until everything is fetched, and then atomically (temporary file +
//! rename), so a failed or interrupted dump leaves no file behind. Ctrl-C or SIGTERM ends
//! the dump at once, while fetching or while writing, and removes the temporary file.

use super::fetch_progress::FetchProgress;
use crate::cli::{ConfigArgs, DumpArgs, LiveArgs};
use crate::gws::{self, failure_lines, failures, fetch_snapshot};
use crate::snapshot::{self, GwsConfig, Resource};
use anyhow::{Context, Result, anyhow, bail};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A signal that ends a dump, and the exit status it gives (128 + its number).
#[derive(Debug, Clone, Copy)]
enum Stop {
    Interrupt,
    Terminate,
}

impl Stop {
    fn name(self) -> &'static str {
        match self {
            Stop::Interrupt => "SIGINT",
            Stop::Terminate => "SIGTERM",
        }
    }

    fn exit(self) -> ExitCode {
        ExitCode::from(match self {
            Stop::Interrupt => 130,
            Stop::Terminate => 143,
        })
    }
}

/// Ctrl-C and SIGTERM, listened to from before the first request to the end of the write.
struct Signals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl Signals {
    fn install() -> Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let fail = |e: std::io::Error| anyhow!("cannot listen for signals: {e}");
            Ok(Signals {
                interrupt: signal(SignalKind::interrupt()).map_err(fail)?,
                terminate: signal(SignalKind::terminate()).map_err(fail)?,
            })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    async fn next(&mut self) -> Stop {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.interrupt.recv() => Stop::Interrupt,
                _ = self.terminate.recv() => Stop::Terminate,
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
            Stop::Interrupt
        }
    }
}

pub fn run(url: &str, args: &DumpArgs, live: &LiveArgs, config: &ConfigArgs) -> Result<ExitCode> {
    let overrides = super::config_overrides(config)?;
    // Refuses a password in the URL before anything is asked or sent.
    let base = gws::parse_base_url(url)?;
    check_output(&args.output)?;
    let opts = super::live_options(live)?;
    if opts.insecure {
        eprintln!("gwsx: warning: {}", gws::INSECURE_WARNING);
    }
    if let Some(warning) = gws::plain_http_warning(&base, opts.user.as_deref()) {
        eprintln!("gwsx: warning: {warning}");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let output = args.output.clone();
    let quiet = args.quiet;
    let outcome = runtime.block_on(async move {
        let mut signals = Signals::install()?;
        // Its bars are cleared when it is dropped, on every way out of the fetch.
        let progress = FetchProgress::for_stderr(quiet);
        let fetched = tokio::select! {
            result = fetch_snapshot(&base, &opts, |p| progress.report(p)) => result,
            // Whatever is in flight is cancelled as the fetch is dropped.
            stop = signals.next() => return Ok(Outcome::Stopped(stop, false)),
        };
        drop(progress);
        let mut snapshot = fetched?;
        snapshot.gws_config.overlay(&overrides);
        report_failures(&snapshot, &output)?;
        if let Some(warning) = defaults_warning(&snapshot.gws_config, &base) {
            eprintln!("gwsx dump: warning: {warning}");
        }
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let path = output.clone();
        let counts = (
            snapshot.responses.len() - failures(&snapshot).len(),
            snapshot.responses.len(),
        );
        let mut writer = tokio::task::spawn_blocking(move || {
            snapshot::write_atomic_cancellable(&snapshot, &path, &flag)
        });
        let written = tokio::select! {
            written = &mut writer => written,
            stop = signals.next() => {
                cancel.store(true, Ordering::Release);
                // The writer stops within a slice of 1 MiB and removes its temporary file.
                let written = writer.await;
                return match written {
                    Ok(Ok(())) => Ok(Outcome::Stopped(stop, true)),
                    _ => Ok(Outcome::Stopped(stop, false)),
                };
            }
        };
        written.map_err(|e| anyhow!("{}: cannot write: {e}", output.display()))??;
        Ok::<Outcome, anyhow::Error>(Outcome::Written(counts))
    });
    drop(runtime);
    match outcome? {
        Outcome::Written((fetched, total)) => {
            eprintln!(
                "gwsx dump: wrote {} ({fetched} of {total} resources fetched)",
                args.output.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Stopped(stop, written) => {
            if written {
                eprintln!(
                    "gwsx: dump interrupted by {} after {} was written",
                    stop.name(),
                    args.output.display()
                );
            } else {
                eprintln!(
                    "gwsx: dump interrupted by {}; nothing written to {}",
                    stop.name(),
                    args.output.display()
                );
            }
            Ok(stop.exit())
        }
    }
}

enum Outcome {
    /// Written: resources fetched, of all.
    Written((usize, usize)),
    /// Ended by a signal; `true` when the file was complete and in place already.
    Stopped(Stop, bool),
}

/// Names every failed resource on stderr; an error (nothing written) when the Genesys
/// environments failed, since nothing can be computed without them.
fn report_failures(snapshot: &snapshot::Snapshot, output: &Path) -> Result<()> {
    let failed = failures(snapshot);
    let lines = failure_lines(snapshot);
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
            output.display()
        );
    }
    Ok(())
}

/// The one-line warning about the gwsConfig facts the REST API does not expose and that
/// neither `--gws-config` nor a flag set (SNAPSHOT.md §1), or `None` when both are set.
fn defaults_warning(config: &GwsConfig, base: &str) -> Option<String> {
    let mut facts = Vec::new();
    if config.use_employee_id_login.is_none() {
        facts.push("useEmployeeIdAsAgentLoginForSIPCluster is absent (read as false)".to_string());
    }
    if config.browser_protocol.is_none() {
        let scheme = base.split("://").next().unwrap_or("").to_ascii_lowercase();
        facts.push(format!(
            "the browser protocol is the URL's scheme ({scheme})"
        ));
    }
    if facts.is_empty() {
        return None;
    }
    Some(format!(
        "no --gws-config or gwsConfig flag set them, so {}; give --gws-config application.yaml, --use-employee-id-login or --browser-protocol to record the real values",
        facts.join(" and ")
    ))
}

/// Fails early, before any request, when the output's directory does not exist or the
/// output is not a regular file (a link, a FIFO, a device or a directory).
fn check_output(output: &Path) -> Result<()> {
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
    snapshot::check_output_target(output)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_named() {
        let none = GwsConfig::default();
        let w = defaults_warning(&none, "https://gws.example.com/api/v2").unwrap();
        assert!(
            w.contains("useEmployeeIdAsAgentLoginForSIPCluster is absent (read as false)")
                && w.contains("the URL's scheme (https)"),
            "{w}"
        );
        let some = GwsConfig {
            use_employee_id_login: Some(true),
            ..GwsConfig::default()
        };
        let w = defaults_warning(&some, "http://h/api/v2").unwrap();
        assert!(!w.contains("useEmployee") && w.contains("(http)"), "{w}");
        let all = GwsConfig {
            use_employee_id_login: Some(false),
            browser_protocol: Some("https".into()),
            ..GwsConfig::default()
        };
        assert_eq!(defaults_warning(&all, "http://h/api/v2"), None);
    }
}
