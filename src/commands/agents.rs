//! `gwsx agents SOURCE [--format table|json|csv] [--filter TEXT]`.

use crate::cli::{AgentsArgs, AgentsFormat, ConfigArgs, LiveArgs};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

pub fn run(
    source: &str,
    args: &AgentsArgs,
    config: &ConfigArgs,
    live: &LiveArgs,
) -> Result<ExitCode> {
    let inv = super::inventory(source, config, live)?;
    let filter = args.filter.as_deref();
    let written = match args.format {
        AgentsFormat::Json => {
            // Streamed: one agent per line, never the whole document in memory.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            super::output_result(
                crate::agents::write_json(&inv, filter, &mut out).and_then(|_| out.flush()),
            )
        }
        AgentsFormat::Table => super::write_stdout(&crate::agents::to_table(&inv, filter)),
        AgentsFormat::Csv => super::write_stdout(&crate::agents::to_csv(&inv, filter)),
    };
    super::exit_soon(inv);
    written.map(|_| ExitCode::SUCCESS)
}
