use clap::Parser;
use gwsx::cli::{AgentsFormat, Cli, Command};
use gwsx::domain::Inventory;
use gwsx::source::{self, SourceKind};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    gwsx::tui::probe::mark_process_start();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            let text = e.to_string();
            let first = text
                .lines()
                .next()
                .unwrap_or("bad usage")
                .trim_start_matches("error: ");
            eprintln!("gwsx: {first} (try --help)");
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gwsx: {}", one_line(&e));
            ExitCode::from(2)
        }
    }
}

/// An error chain on one line.
fn one_line(e: &anyhow::Error) -> String {
    format!("{e:#}").replace('\n', " ")
}

fn inventory(
    spec: &str,
    cli_config: &gwsx::cli::ConfigArgs,
    live: &gwsx::cli::LiveArgs,
) -> anyhow::Result<Inventory> {
    let overrides = source::config_overrides(cli_config)?;
    let kind = SourceKind::parse(spec);
    let snapshot = source::open(&kind, live)?;
    for line in &snapshot.warnings {
        eprintln!("gwsx: warning: {line}");
    }
    let inv = Inventory::from_snapshot_owned(snapshot, &overrides)?;
    // One line when nothing could be read (RULES.md §5); else a warning per unreadable list.
    if gwsx::audit::report::nothing_read(&inv) {
        anyhow::bail!(
            "{}: nothing could be read: every resource is unavailable ({})",
            inv.label,
            gwsx::model::unavailable_summary(&inv.model)
        );
    }
    for line in gwsx::model::read_warnings(&inv.model) {
        eprintln!("gwsx: warning: {line}");
    }
    Ok(inv)
}

fn write_stdout(text: &str) -> anyhow::Result<()> {
    match write_text(text) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(anyhow::anyhow!("cannot write to standard output: {e}")),
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Agents(args)) => agents(&args, &cli.config, &cli.live),
        Some(Command::Audit(args)) => audit(&args, &cli.config, &cli.live, color_wanted(&cli.tui)),
        Some(Command::Dump(args)) => gwsx::gws::dump::run(&args, &cli.live, &cli.config),
        Some(Command::Serve(args)) => gwsx::gws::serve::run(&args, &cli.live),
        Some(Command::Redact(args)) => gwsx::commands::redact::run(&args, &cli.config, &cli.live),
        Some(Command::Generate(args)) => {
            let text = gwsx::synth::generate(&gwsx::synth::SynthOptions {
                agents: args.agents,
                seed: args.seed,
                edge_cases: args.edge_cases,
            });
            gwsx::snapshot::write_bytes_atomic(text.as_bytes(), &args.output)?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let no_color = cli.tui.no_color || gwsx::tui::theme::no_color_env();
            let theme = gwsx::tui::theme::Theme::resolve(cli.tui.theme.as_deref(), no_color)?;
            let overrides = source::config_overrides(&cli.config)?;
            let spec = cli.source.as_deref().unwrap_or(gwsx::snapshot::DEMO_LABEL);
            gwsx::tui::run(gwsx::tui::Options {
                source: SourceKind::parse(spec),
                overrides,
                theme,
                live: cli.live.clone(),
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn agents(
    args: &gwsx::cli::AgentsArgs,
    config: &gwsx::cli::ConfigArgs,
    live: &gwsx::cli::LiveArgs,
) -> anyhow::Result<ExitCode> {
    let inv = inventory(&args.source, config, live)?;
    let filter = args.filter.as_deref();
    let written = match args.format {
        AgentsFormat::Json => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            gwsx::agents::write_json(&inv, filter, &mut out).and_then(|_| out.flush())
        }
        AgentsFormat::Table => write_text(&gwsx::agents::to_table(&inv, filter)),
        AgentsFormat::Csv => write_text(&gwsx::agents::to_csv(&inv, filter)),
    };
    exit_soon(inv);
    match written {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::anyhow!("cannot write to standard output: {e}"))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The process ends right after the output: freeing a 50,000-agent inventory object by
/// object would only delay the exit, so its memory goes back to the system at once instead.
fn exit_soon(inv: Inventory) {
    std::mem::forget(inv);
}

fn write_text(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|_| out.flush())
}

/// Colour unless `--no-color`, `NO_COLOR` (any value), or output that is not a terminal.
fn color_wanted(tui: &gwsx::cli::TuiArgs) -> bool {
    use std::io::IsTerminal;
    !tui.no_color && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

fn audit(
    args: &gwsx::cli::AuditArgs,
    config: &gwsx::cli::ConfigArgs,
    live: &gwsx::cli::LiveArgs,
    color: bool,
) -> anyhow::Result<ExitCode> {
    use gwsx::audit::{Severity, report};
    use gwsx::cli::{AuditFormat, FailOn, SeverityArg};
    let baseline = match &args.baseline {
        Some(path) => Some(gwsx::audit::baseline::Baseline::load(path)?),
        None => None,
    };
    let inv = inventory(&args.source, config, live)?;
    let filter = report::Filter {
        min_severity: Some(match args.min_severity {
            SeverityArg::Info => Severity::Info,
            SeverityArg::Warn => Severity::Warn,
            SeverityArg::Error => Severity::Error,
        }),
        only: args.only.clone(),
        exclude: args.exclude.clone(),
    };
    for code in args.only.iter().chain(&args.exclude) {
        if gwsx::audit::catalogue::rule_info(&code.trim().to_ascii_uppercase()).is_none() {
            anyhow::bail!("unknown rule code {code:?} (see docs/rules.md)");
        }
    }
    let all = gwsx::audit::run(&inv);
    let (findings, accepted, resolved) = match &baseline {
        Some(b) => {
            let filtered = filter.apply(all.clone());
            let applied = b.apply(&all, filtered, &filter);
            (applied.kept, applied.accepted, applied.resolved)
        }
        None => (filter.apply(all), Vec::new(), Vec::new()),
    };
    // Accepted findings still describe the configuration: the score counts them.
    let card = if accepted.is_empty() {
        report::scorecard(&inv, &findings)
    } else {
        let mut scored = findings.clone();
        scored.extend(accepted.iter().cloned());
        report::scorecard(&inv, &scored)
    };
    let outcome = || {
        baseline.as_ref().map(|_| report::BaselineOutcome {
            accepted: &accepted,
            resolved: &resolved,
        })
    };
    let people = |inv: &Inventory| -> anyhow::Result<gwsx::audit::context::ReportContext> {
        let provenance = gwsx::audit::context::Provenance {
            file: match &config.gws_config {
                Some(p) => Some((
                    p.display().to_string(),
                    gwsx::snapshot::read_gws_config_yaml(p)?,
                )),
                None => None,
            },
            flags: source::config_flags(config),
        };
        let ctx = gwsx::audit::context::ReportContext::new(inv, &findings, &provenance, &filter);
        Ok(match &baseline {
            Some(b) => ctx.with_baseline(b, accepted.clone(), resolved.clone()),
            None => ctx,
        })
    };
    let text = match args.format {
        AuditFormat::Json => report::to_json_with_baseline(&findings, &card, outcome()),
        AuditFormat::Text => {
            let mut t = report::to_text(&findings, &card, color);
            if let Some(b) = &baseline {
                t.push_str(&report::baseline_text(&b.label, &accepted, &resolved));
            }
            t
        }
        AuditFormat::Sarif => {
            report::to_sarif_with_accepted(&findings, &accepted, &inv.label, &card)
        }
        AuditFormat::Junit => report::to_junit(&findings, &filter, &card),
        AuditFormat::Markdown => {
            gwsx::audit::markdown::to_markdown(&findings, &card, &people(&inv)?)
        }
        AuditFormat::Html => gwsx::audit::html::to_html(&findings, &card, &people(&inv)?),
    };
    write_stdout(&text)?;
    exit_soon(inv);
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warn => Some(Severity::Warn),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| findings.iter().any(|f| f.severity >= t));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
