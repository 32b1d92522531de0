//! `gwsx audit SOURCE [--format …] [--min-severity …] [--only …] [--exclude …] [--fail-on …]`.

use crate::audit::{Severity, report};
use crate::cli::{AuditArgs, AuditFormat, ConfigArgs, FailOn, LiveArgs, SeverityArg};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(
    args: &AuditArgs,
    config: &ConfigArgs,
    live: &LiveArgs,
    color: bool,
) -> Result<ExitCode> {
    let filter = report::Filter {
        min_severity: Some(match args.min_severity {
            SeverityArg::Info => Severity::Info,
            SeverityArg::Warn => Severity::Warn,
            SeverityArg::Error => Severity::Error,
        }),
        only: args.only.clone(),
        exclude: args.exclude.clone(),
    };
    let inv = super::inventory(&args.source, config, live)?;
    for code in args.only.iter().chain(&args.exclude) {
        if crate::audit::catalogue::rule_info(&code.trim().to_ascii_uppercase()).is_none() {
            anyhow::bail!("unknown rule code {code:?} (see docs/rules.md)");
        }
    }
    let findings = filter.apply(crate::audit::run(&inv));
    let card = report::scorecard(&inv, &findings);
    let text = match args.format {
        AuditFormat::Json => report::to_json(&findings, &card),
        AuditFormat::Text => report::to_text(&findings, &card, color),
        AuditFormat::Sarif => report::to_sarif(&findings, &inv.label, &card),
        AuditFormat::Junit => report::to_junit(&findings, &filter, &card),
    };
    super::write_stdout(&text)?;
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
