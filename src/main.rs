//! Parses the command line and dispatches to `gwsx::commands`.

use clap::Parser;
use gwsx::cli::{Cli, Command};
use gwsx::text_safety::escape_controls;
use std::process::ExitCode;

fn main() -> ExitCode {
    gwsx::tui::probe::mark_process_start();
    gwsx::allocator::fix_mmap_threshold();
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
    use gwsx::commands::{self, context};
    // Every command that reads a SOURCE reads the config file too (its contexts).
    let resolve = |given: bool| context::resolve(&cli.live, &cli.config, given);
    let with_source = |given: &Option<String>, what: &str| {
        context::resolve_source(&cli.live, &cli.config, given.as_deref(), what)
    };
    match &cli.command {
        Some(Command::Agents(args)) => {
            let (r, source) = with_source(&args.source, "SOURCE")?;
            commands::agents::run(&source, args, &r.config, &r.live)
        }
        Some(Command::Audit(args)) => {
            let (r, source) = with_source(&args.source, "SOURCE")?;
            let color = commands::color_wanted(cli.tui.no_color);
            commands::audit::run(&source, args, &r.config, &r.live, color)
        }
        Some(Command::Diff(args)) => {
            let (r, new) = with_source(&args.new, "NEW")?;
            commands::diff::run(&args.old, &new, args, &cli.tui, &r)
        }
        Some(Command::Dump(args)) => {
            let (r, url) = with_source(&args.url, "URL")?;
            commands::dump::run(&url, args, &r.live, &r.config)
        }
        Some(Command::Serve(args)) => {
            let (r, source) = with_source(&args.snapshot, "SNAPSHOT")?;
            commands::serve::run(&source, args, &r.live)
        }
        Some(Command::Redact(args)) => {
            let (r, source) = with_source(&args.source, "SOURCE")?;
            commands::redact::run(&source, args, &r.config, &r.live)
        }
        Some(Command::Info(args)) => commands::info::run(args),
        Some(Command::Generate(args)) => commands::generate::run(args),
        Some(Command::Completions(args)) => commands::completions::completions(args),
        Some(Command::Man) => commands::completions::man(),
        None => {
            let r = resolve(cli.source.is_some())?;
            commands::tui::run(cli.source.as_deref(), &cli.tui, &r)
        }
    }
}
