//! `gwsx audit SOURCE [--format …] [--min-severity …] [--only …] [--exclude …] [--fail-on …]
//! [--baseline FILE]`.

use crate::audit::{Severity, report};
use crate::cli::{AuditArgs, AuditFormat, ConfigArgs, FailOn, LiveArgs, SeverityArg};
use crate::domain::Inventory;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(
    source: &str,
    args: &AuditArgs,
    config: &ConfigArgs,
    live: &LiveArgs,
    color: bool,
) -> Result<ExitCode> {
    let baseline = match &args.baseline {
        Some(path) => Some(crate::audit::baseline::Baseline::load(path)?),
        None => None,
    };
    let filter = report::Filter {
        min_severity: Some(match args.min_severity {
            SeverityArg::Info => Severity::Info,
            SeverityArg::Warn => Severity::Warn,
            SeverityArg::Error => Severity::Error,
        }),
        only: args.only.clone(),
        exclude: args.exclude.clone(),
    };
    let inv = super::inventory(source, config, live)?;
    for code in args.only.iter().chain(&args.exclude) {
        if crate::audit::catalogue::rule_info(&code.trim().to_ascii_uppercase()).is_none() {
            anyhow::bail!("unknown rule code {code:?} (see docs/rules.md)");
        }
    }
    let all = crate::audit::run(&inv);
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
    // The reports for people say where each gwsConfig fact came from.
    let people = |inv: &Inventory| -> Result<crate::audit::context::ReportContext> {
        let provenance = crate::audit::context::Provenance {
            file: match &config.gws_config {
                Some(p) => Some((
                    p.display().to_string(),
                    crate::snapshot::read_gws_config_yaml(p)?,
                )),
                None => None,
            },
            flags: super::config_flags(config),
        };
        let ctx = crate::audit::context::ReportContext::new(inv, &findings, &provenance, &filter);
        Ok(match &baseline {
            Some(b) => ctx.with_baseline(b, accepted.clone(), resolved.clone()),
            None => ctx,
        })
    };
    let text = match args.format {
        AuditFormat::Json => {
            // Streamed: the report of 50,000 agents is never held whole in memory.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            let written = report::write_json_with_baseline(&mut out, &findings, &card, outcome())
                .and_then(|_| std::io::Write::flush(&mut out));
            super::output_result(written)?;
            String::new()
        }
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
            crate::audit::markdown::to_markdown(&findings, &card, &people(&inv)?)
        }
        AuditFormat::Html => crate::audit::html::to_html(&findings, &card, &people(&inv)?),
    };
    if !text.is_empty() {
        super::write_stdout(&text)?;
    }
    super::exit_soon(inv);
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
