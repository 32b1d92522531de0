//! `gwsx completions SHELL` and `gwsx man`: generated from the command-line definition, so
//! they always match it (clap_complete, clap_mangen).

use crate::cli::{Cli, CompletionsArgs};
use anyhow::{Result, anyhow};
use clap::CommandFactory;
use std::process::ExitCode;

pub fn completions(args: &CompletionsArgs) -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "gwsx", &mut out);
    super::output_result(std::io::Write::write_all(
        &mut std::io::stdout().lock(),
        &out,
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// The manual page of `gwsx`, then one section per command, in one roff document.
pub fn man() -> Result<ExitCode> {
    let command = Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut out)
        .map_err(|e| anyhow!("cannot render the manual page: {e}"))?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("gwsx-{}", sub.get_name());
        let sub = sub.clone().display_name(name);
        clap_mangen::Man::new(sub)
            .render(&mut out)
            .map_err(|e| anyhow!("cannot render the manual page: {e}"))?;
    }
    super::output_result(std::io::Write::write_all(
        &mut std::io::stdout().lock(),
        &out,
    ))?;
    Ok(ExitCode::SUCCESS)
}
