//! `gwsx generate --agents N [--seed S] [--edge-cases] -o FILE` (hidden): a deterministic
//! synthetic snapshot for tests and benchmarks.

use crate::cli::GenerateArgs;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(args: &GenerateArgs) -> Result<ExitCode> {
    let text = gwsx_synth::generate(&gwsx_synth::SynthOptions {
        agents: args.agents,
        seed: args.seed,
        edge_cases: args.edge_cases,
    });
    crate::snapshot::write_bytes_atomic(text.as_bytes(), &args.output)?;
    Ok(ExitCode::SUCCESS)
}
