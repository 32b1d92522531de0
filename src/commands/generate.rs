//! `gwsx generate --agents N [--seed S] [--edge-cases] [--profile sparse|dense] -o FILE` (hidden): a deterministic
//! synthetic snapshot for tests and benchmarks (gzip when FILE ends in `.gz`);
//! `gwsx generate --demo -o examples/demo.json` rebuilds the built-in demo.

use crate::cli::{GenerateArgs, GenerateProfile};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(args: &GenerateArgs) -> Result<ExitCode> {
    let text = if args.demo {
        gwsx_synth::demo()
    } else {
        let profile = match args.profile {
            GenerateProfile::Sparse => gwsx_synth::Profile::Sparse,
            GenerateProfile::Dense => gwsx_synth::Profile::Dense,
        };
        let opts = gwsx_synth::SynthOptions {
            agents: args.agents,
            seed: args.seed,
            edge_cases: args.edge_cases,
        };
        gwsx_synth::generate_profile(&opts, profile)
    };
    let gzip = args.output.extension().is_some_and(|e| e == "gz");
    let bytes = if gzip {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(text.as_bytes())
            .and_then(|_| enc.finish())
            .map_err(|e| anyhow::anyhow!("{}: cannot compress: {e}", args.output.display()))?
    } else {
        text.into_bytes()
    };
    crate::snapshot::write_bytes_atomic(&bytes, &args.output)?;
    Ok(ExitCode::SUCCESS)
}
