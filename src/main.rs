//! Parses the command line and dispatches to `gwsx::commands`.

use clap::Parser;
use gwsx::cli::{Cli, Command};
use gwsx::text_safety::escape_controls;
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
            // clap's whole message (what is wrong, its tip, the usage), on one line.
            eprintln!("gwsx: {}", escape_controls(&usage_line(&e.to_string())));
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

/// clap's error text on one line: its paragraphs joined by `; `, the lines of a list by
/// spaces (`the following required arguments were not provided: <SOURCE>; Usage: …`).
fn usage_line(text: &str) -> String {
    let mut out = String::new();
    let mut paragraph_start = true;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            paragraph_start = true;
            continue;
        }
        let trimmed = trimmed.trim_start_matches("error: ");
        if !out.is_empty() {
            out.push_str(if paragraph_start { "; " } else { " " });
        }
        out.push_str(trimmed);
        paragraph_start = false;
    }
    if out.is_empty() {
        out.push_str("bad usage (try --help)");
    }
    out
}

/// An error chain on one line, every control character in it (a server's message, a file
/// name) shown escaped, never sent to the terminal.
fn one_line(e: &anyhow::Error) -> String {
    escape_controls(&format!("{e:#}").replace('\n', " ")).into_owned()
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    use gwsx::commands;
    match cli.command {
        Some(Command::Agents(args)) => commands::agents::run(&args, &cli.config, &cli.live),
        Some(Command::Audit(args)) => {
            let color = commands::color_wanted(cli.tui.no_color);
            commands::audit::run(&args, &cli.config, &cli.live, color)
        }
        Some(Command::Diff(args)) => commands::diff::run(&args, &cli.tui, &cli.config, &cli.live),
        Some(Command::Dump(args)) => commands::dump::run(&args, &cli.live, &cli.config),
        Some(Command::Serve(args)) => commands::serve::run(&args, &cli.live),
        Some(Command::Redact(args)) => commands::redact::run(&args, &cli.config, &cli.live),
        Some(Command::Generate(args)) => commands::generate::run(&args),
        Some(Command::Completions(args)) => commands::completions::completions(&args),
        Some(Command::Man) => commands::completions::man(),
        None => commands::tui::run(cli.source.as_deref(), &cli.tui, &cli.config, &cli.live),
    }
}
