use clap::Parser;
use gwsx::cli::{AgentsFormat, Cli, Command};
use gwsx::domain::Inventory;
use gwsx::source::{self, SourceKind};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
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

fn inventory(spec: &str, cli_config: &gwsx::cli::ConfigArgs) -> anyhow::Result<Inventory> {
    let overrides = source::config_overrides(cli_config)?;
    let kind = SourceKind::parse(spec);
    let snapshot = source::open_offline(&kind)?;
    Inventory::from_snapshot(&snapshot, &overrides)
}

fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(anyhow::anyhow!("cannot write to standard output: {e}")),
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Agents(args)) => {
            let inv = inventory(&args.source, &cli.config)?;
            let filter = args.filter.as_deref();
            let text = match args.format {
                AgentsFormat::Json => gwsx::agents::to_json(&inv, filter),
                AgentsFormat::Table => gwsx::agents::to_table(&inv, filter),
                AgentsFormat::Csv => gwsx::agents::to_csv(&inv, filter),
            };
            write_stdout(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Audit(_args)) => anyhow::bail!("audit: not built yet"),
        Some(Command::Dump(_)) => anyhow::bail!("dump: not built yet"),
        Some(Command::Serve(_)) => anyhow::bail!("serve: not built yet"),
        Some(Command::Generate(_)) => anyhow::bail!("generate: not built yet"),
        None => {
            let no_color = cli.tui.no_color || gwsx::tui::theme::no_color_env();
            let theme = gwsx::tui::theme::Theme::resolve(cli.tui.theme.as_deref(), no_color)?;
            let overrides = source::config_overrides(&cli.config)?;
            let spec = cli.source.as_deref().unwrap_or(gwsx::snapshot::DEMO_LABEL);
            gwsx::tui::run(gwsx::tui::Options {
                source: SourceKind::parse(spec),
                overrides,
                theme,
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
