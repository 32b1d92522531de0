//! Command-line definitions (spec/CLI.md).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// `gwsx --version`: the package version, the git commit and the build date.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("GWSX_GIT_COMMIT"),
    ", built ",
    env!("GWSX_BUILD_DATE"),
    ")"
);

#[derive(Parser, Debug)]
#[command(
    name = "gwsx",
    version = VERSION,
    about = "Explore and audit Genesys Web Services configuration in SIP Cluster deployments",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Snapshot file, loose response file or directory, GWS base URL (…/api/v2), or `demo`.
    pub source: Option<String>,
    #[command(flatten)]
    pub tui: TuiArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub live: LiveArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List every agent with its computed login ID and effective softphone options.
    Agents(AgentsArgs),
    /// Run the audit rules and report findings.
    Audit(AuditArgs),
    /// What changed between two captures: agents, objects, findings and score.
    Diff(DiffArgs),
    /// Fetch a live GWS configuration and write it as a snapshot.
    Dump(DumpArgs),
    /// Replay a snapshot as a read-only GWS API.
    Serve(ServeArgs),
    /// Write a copy of a snapshot with personal and customer data replaced by pseudonyms.
    Redact(RedactArgs),
    /// Write a deterministic synthetic snapshot (for tests and benchmarks).
    #[command(hide = true)]
    Generate(GenerateArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the manual page (roff) of gwsx and its commands.
    Man,
}

#[derive(Args, Debug, Clone, Default)]
pub struct TuiArgs {
    /// Colour theme: a name (default, light, high-contrast) or a TOML file.
    #[arg(long, global = true)]
    pub theme: Option<String>,
    /// No colour (as does the NO_COLOR environment variable).
    #[arg(long, global = true)]
    pub no_color: bool,
}

#[derive(Args, Debug, Clone, Default)]
pub struct ConfigArgs {
    /// GWS application.yaml to read useEmployeeIdAsAgentLoginForSIPCluster and externalApiUrlV2 from.
    #[arg(long, global = true, value_name = "FILE")]
    pub gws_config: Option<PathBuf>,
    /// Override useEmployeeIdAsAgentLoginForSIPCluster.
    #[arg(long, global = true, value_name = "true|false")]
    pub use_employee_id_login: Option<bool>,
    /// How agents' browsers reach GWS.
    #[arg(long, global = true)]
    pub browser_protocol: Option<Protocol>,
    /// Name of the GWS cluster application in Configuration Server (default CloudCluster).
    #[arg(long, global = true, value_name = "NAME")]
    pub cluster_application: Option<String>,
    /// Force the softphone deployment mode of every agent.
    #[arg(long, global = true)]
    pub softphone_mode: Option<Mode>,
}

#[derive(Args, Debug, Clone, Default)]
pub struct LiveArgs {
    /// GWS user name (the password comes from GWSX_PASSWORD or a prompt).
    #[arg(long, global = true, value_name = "NAME")]
    pub user: Option<String>,
    /// Extra CA certificate (PEM) to trust.
    #[arg(long, global = true, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// Skip TLS certificate verification (said on every screen).
    #[arg(long, global = true)]
    pub insecure: bool,
    /// Per-request timeout in seconds, from connect to the last body byte; the whole fetch
    /// ends after 8 times this.
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Http,
    Https,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Connector,
    Standalone,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AgentsFormat {
    #[default]
    Table,
    Json,
    Csv,
}

#[derive(Args, Debug)]
pub struct AgentsArgs {
    pub source: String,
    #[arg(long, value_enum, default_value_t = AgentsFormat::Table)]
    pub format: AgentsFormat,
    /// Keep agents whose user name, name, employee ID, login ID, id or voice environment contains TEXT (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub filter: Option<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuditFormat {
    #[default]
    Text,
    Json,
    Sarif,
    Junit,
    /// GitHub-flavoured Markdown, for a ticket.
    Markdown,
    /// One self-contained HTML file, for the customer.
    Html,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SeverityArg {
    Info,
    Warn,
    Error,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warn,
    Info,
    Never,
}

#[derive(Args, Debug)]
pub struct AuditArgs {
    pub source: String,
    #[arg(long, value_enum, default_value_t = AuditFormat::Text)]
    pub format: AuditFormat,
    /// Drop findings below this severity (summary included).
    #[arg(long, value_enum, default_value_t = SeverityArg::Info)]
    pub min_severity: SeverityArg,
    /// Keep only these rule codes (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODE,...")]
    pub only: Vec<String>,
    /// Drop these rule codes (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODE,...")]
    pub exclude: Vec<String>,
    /// Accepted for scripts of earlier versions: the reference-integrity rules GWS-502…507
    /// now run by default.
    #[arg(long, hide = true)]
    pub extended: bool,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Set aside the findings listed in FILE (an earlier `--format json`): counted as
    /// accepted, never for --fail-on; those that no longer occur are reported as resolved.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DiffFormat {
    #[default]
    Text,
    Json,
    Markdown,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The earlier capture (any SOURCE).
    pub old: String,
    /// The later capture (any SOURCE).
    pub new: String,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Exit 1 when a new finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Never)]
    pub fail_on_new: FailOn,
}

#[derive(Args, Debug)]
pub struct DumpArgs {
    /// GWS base URL, ending in /api/v2.
    pub url: String,
    /// Snapshot file to write (gzip when it ends in .gz).
    #[arg(long, short)]
    pub output: PathBuf,
}

#[derive(Args, Debug)]
pub struct RedactArgs {
    /// Snapshot file, loose response file or directory, GWS base URL, or `demo`.
    pub source: String,
    /// Redacted snapshot to write (gzip when it ends in .gz); never the source.
    #[arg(long, short)]
    pub output: PathBuf,
    /// The secret behind the pseudonyms (created with a random key when absent): the same key
    /// gives the same pseudonyms. Without it a random key is used and forgotten.
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
    /// Keep host names and addresses (the host of source.baseUrl is replaced anyway).
    #[arg(long)]
    pub keep_hosts: bool,
    /// Write the pseudonym → original table (CSV) here, for your own use only.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    pub snapshot: String,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8090")]
    pub listen: String,
}

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// Number of agents.
    #[arg(long, default_value_t = 50_000)]
    pub agents: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Plant misconfigurations and dangling references.
    #[arg(long)]
    pub edge_cases: bool,
    /// The built-in demo snapshot instead (`gwsx generate --demo -o examples/demo.json`).
    #[arg(long, conflicts_with_all = ["agents", "seed", "edge_cases"])]
    pub demo: bool,
    #[arg(long, short)]
    pub output: PathBuf,
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
