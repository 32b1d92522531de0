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
    #[command(
        after_help = "Examples:\n  gwsx agents customer.json.gz\n  gwsx agents ./curl-dumps/ --use-employee-id-login true --format csv > agents.csv\n  gwsx agents customer.json --format json | jq '.agents[] | select(.loginIdSource==\"none\")'"
    )]
    Agents(AgentsArgs),
    /// Run the audit rules and report findings.
    #[command(
        after_help = "Examples:\n  gwsx audit customer.json --min-severity warn\n  gwsx audit customer.json --format sarif > gwsx.sarif\n  gwsx audit ./curl-dumps/ --only GWS-201,GWS-202 --fail-on warn\n  gwsx audit customer.json --format html > report.html\n  gwsx audit customer.json --baseline accepted.json --fail-on warn"
    )]
    Audit(AuditArgs),
    /// What changed between two captures: agents, objects, findings and score.
    #[command(
        after_help = "Examples:\n  gwsx diff before.json.gz after.json.gz\n  gwsx diff before.json https://gws.example.com/api/v2 --user svc-audit --fail-on-new error\n  gwsx diff before.json after.json --format markdown > change.md\n  gwsx diff before.json after.json --tui        (the TUI: gwsx after.json --compare before.json)"
    )]
    Diff(DiffArgs),
    /// Fetch a live GWS configuration and write it as a snapshot.
    #[command(
        after_help = "The password comes from GWSX_PASSWORD or a prompt, never a flag.\n\nExamples:\n  GWSX_PASSWORD=... gwsx dump https://gws.example.com/api/v2 --user svc-audit --gws-config application.yaml -o cust.json.gz\n  gwsx dump https://gws.example.com/api/v2 --user svc-audit --ca-cert corp-ca.pem -o cust.json"
    )]
    Dump(DumpArgs),
    /// Replay a snapshot as a read-only GWS API.
    #[command(
        after_help = "Basic auth when GWSX_SERVE_USER and GWSX_SERVE_PASSWORD are set.\n\nExamples:\n  gwsx serve customer.json.gz\n  gwsx serve demo --listen 127.0.0.1:0"
    )]
    Serve(ServeArgs),
    /// Write a copy of a snapshot with personal and customer data replaced by pseudonyms.
    #[command(
        after_help = "Examples:\n  gwsx redact cust.json.gz --key-file ~/.gwsx-key --output cust-redacted.json.gz --mapping map.csv"
    )]
    Redact(RedactArgs),
    /// Write a deterministic synthetic snapshot (for tests and benchmarks).
    #[command(hide = true)]
    Generate(GenerateArgs),
    /// Print the config file gwsx reads, its contexts, theme and key overrides, and the other
    /// paths and environment variables it uses.
    #[command(
        after_help = "Examples:\n  gwsx info\n  GWSX_CONFIG=./team.toml gwsx info --format json"
    )]
    Info(InfoArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the manual page (roff) of gwsx and its commands.
    Man,
}

#[derive(Args, Debug, Clone, Default)]
#[command(next_help_heading = "Display")]
pub struct TuiArgs {
    /// Colour theme of the TUI: a name (default, light, high-contrast) or a TOML file.
    #[arg(long)]
    pub theme: Option<String>,
    /// No colour (as does the NO_COLOR environment variable).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// The TUI: the findings listed in FILE (an earlier `gwsx audit --format json`) are set
    /// aside as accepted, not counted; those that no longer occur are counted as resolved.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Live mode: refresh in the background every SECONDS (0: never), keeping the selection;
    /// the header counts down. Beats the context's `refresh`.
    #[arg(long, value_name = "SECONDS")]
    pub refresh: Option<u64>,
    /// The TUI: compare SOURCE with OLD (any SOURCE: file, folder, URL, demo), read beside
    /// it: a Changes tab, markers in the Agents table, old → new in an agent's detail.
    #[arg(long, value_name = "OLD")]
    pub compare: Option<String>,
}

#[derive(Args, Debug, Clone, Default)]
#[command(
    next_help_heading = "gwsConfig: what the GWS REST API does not say (a flag beats the file, which beats the snapshot)"
)]
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
#[command(next_help_heading = "Live mode (a SOURCE that is a GWS URL)")]
pub struct LiveArgs {
    /// A context of the config file (`gwsx info` lists them): its URL when SOURCE is
    /// omitted, and its user, ca-cert, timeout, gws-config and refresh unless a flag says
    /// otherwise.
    #[arg(long, global = true, value_name = "NAME")]
    pub context: Option<String>,
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
    /// ends after 8 times this [default: 30].
    #[arg(long, global = true, value_name = "SECONDS")]
    pub timeout: Option<u64>,
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
    /// Snapshot file (plain or gzip), a saved GWS response or a folder of them, a GWS base URL
    /// ending in /api/v2 (live mode), or `demo`; the context's URL when omitted.
    pub source: Option<String>,
    /// table for people, json (one agent per line) or csv for scripts.
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
    /// Snapshot file (plain or gzip), a saved GWS response or a folder of them, a GWS base URL
    /// ending in /api/v2 (live mode), or `demo`; the context's URL when omitted.
    pub source: Option<String>,
    /// text for people, json for scripts, sarif and junit for CI, markdown for a ticket, html
    /// for a customer.
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
    /// The later capture (any SOURCE); the context's URL when omitted.
    pub new: Option<String>,
    /// text for people, json for scripts, markdown for a ticket.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Exit 1 when a new finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Never)]
    pub fail_on_new: FailOn,
    /// Open the comparison in the TUI instead (as `gwsx NEW --compare OLD`).
    #[arg(long, conflicts_with_all = ["format", "fail_on_new"])]
    pub tui: bool,
}

#[derive(Args, Debug)]
pub struct DumpArgs {
    /// GWS base URL, ending in /api/v2; the context's URL when omitted.
    pub url: Option<String>,
    /// Snapshot file to write (gzip when it ends in .gz).
    #[arg(long, short)]
    pub output: PathBuf,
    /// No progress on stderr (warnings, failures and the last line stay).
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct RedactArgs {
    /// Snapshot file, loose response file or directory, GWS base URL, or `demo`; the
    /// context's URL when omitted.
    pub source: Option<String>,
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
    /// The snapshot to replay (any SOURCE: a file, a folder of saved responses, `demo`); the
    /// context's URL when omitted.
    pub snapshot: Option<String>,
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
    /// How densely misconfigurations are planted: sparse (about 18 % of agents) or dense
    /// (about 70 %, more duplicate employee IDs and group-level options; implies
    /// --edge-cases).
    #[arg(long, value_enum, default_value_t = GenerateProfile::Sparse)]
    pub profile: GenerateProfile,
    /// The built-in demo snapshot instead (`gwsx generate --demo -o examples/demo.json`).
    #[arg(long, conflicts_with_all = ["agents", "seed", "edge_cases", "profile"])]
    pub demo: bool,
    #[arg(long, short)]
    pub output: PathBuf,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenerateProfile {
    Sparse,
    Dense,
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InfoFormat {
    #[default]
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct InfoArgs {
    /// text for people, json for scripts.
    #[arg(long, value_enum, default_value_t = InfoFormat::Text)]
    pub format: InfoFormat,
}
