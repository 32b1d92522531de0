//! `gwsx agents`: every agent with its login ID and effective softphone options
//! (spec/CLI.md), as JSON, an aligned table or RFC 4180 CSV.

use crate::domain::{Agent, Fact, Inventory, OptionSource};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OptionJson {
    pub value: Option<String>,
    pub source: String,
}

/// One agent's record: every field of the `agents` JSON. `gwsx agents` serialises it and
/// `gwsx diff` compares two of them field by field, so both always speak of the same fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentJson {
    pub id: String,
    pub user_name: Option<String>,
    pub employee_id: Option<String>,
    pub voice_environment: Option<String>,
    pub voice_environment_route: &'static str,
    pub cluster_mode: Option<bool>,
    pub login_id: Option<String>,
    pub login_id_source: &'static str,
    pub mode: &'static str,
    pub privileges: BTreeMap<String, OptionJson>,
    pub parameters: BTreeMap<String, OptionJson>,
}

/// Agents in output order: by user name, then id (byte order).
pub fn sorted_agents(inv: &Inventory) -> Vec<&Agent> {
    let mut agents: Vec<&Agent> = inv.agents.iter().collect();
    agents.sort_by(|a, b| {
        let name = |x: &Agent| inv.agent_person(x).user_name().unwrap_or("");
        name(a).cmp(name(b)).then_with(|| a.id.cmp(&b.id))
    });
    agents
}

/// Whether an agent matches a `--filter` text (case-insensitive substring).
pub fn matches_filter(inv: &Inventory, agent: &Agent, needle_lower: &str) -> bool {
    if needle_lower.is_empty() {
        return true;
    }
    let person = inv.agent_person(agent);
    let ve_name = agent
        .voice_env
        .and_then(|v| inv.voice_environment(v))
        .and_then(|v| v.name.as_deref());
    [
        Some(agent.id.as_str()),
        person.user_name(),
        person.first_name(),
        person.last_name(),
        person.employee_id(),
        agent.login.value.as_deref(),
        ve_name,
    ]
    .into_iter()
    .flatten()
    .any(|field| field.to_lowercase().contains(needle_lower))
}

/// One effective option as a record shows it; `source` `None` is unknown (whose value is
/// then unknown too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionView<'a> {
    pub key: &'a str,
    pub value: Option<&'a str>,
    pub source: Option<OptionSource<'a>>,
}

/// Every field of an agent's record, borrowed from the inventory: the one function behind
/// `agents` (which writes its owned form, `AgentJson`) and `diff` (which compares two of
/// them, and only for those that differ builds the owned forms). Two views are equal exactly
/// when their `AgentJson`s are: the source labels are one to one with the sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentView<'a> {
    pub id: &'a str,
    pub user_name: Option<&'a str>,
    pub employee_id: Option<&'a str>,
    pub voice_environment: Option<&'a str>,
    pub voice_environment_route: &'static str,
    pub cluster_mode: Option<bool>,
    pub login_id: Option<&'a str>,
    pub login_id_source: &'static str,
    pub mode: &'static str,
    /// The effective `privilege.sipendpoint.*` and `sipendpoint.*` keys, in key order.
    pub options: Vec<OptionView<'a>>,
}

const PRIVILEGE_PREFIX: &str = "privilege.sipendpoint.";
const PARAMETER_PREFIX: &str = "sipendpoint.";

pub fn agent_view<'a>(inv: &'a Inventory, agent: &'a Agent) -> AgentView<'a> {
    let person = inv.agent_person(agent);
    let ve = agent.voice_env.and_then(|v| inv.voice_environment(v));
    let options = inv
        .effective_options(agent)
        .into_iter()
        .filter(|eff| {
            eff.key.starts_with(PRIVILEGE_PREFIX) || eff.key.starts_with(PARAMETER_PREFIX)
        })
        .map(|eff| match eff.source {
            OptionSource::Unknown(_) => OptionView {
                key: eff.key,
                value: None,
                source: None,
            },
            source => OptionView {
                key: eff.key,
                value: eff.value,
                source: Some(source),
            },
        })
        .collect();
    AgentView {
        id: &agent.id,
        user_name: person.user_name(),
        employee_id: person.employee_id(),
        voice_environment: ve.and_then(|v| v.id.as_deref()),
        voice_environment_route: agent.route.as_str(),
        cluster_mode: match inv.is_cluster_agent(agent) {
            Fact::Known(c) => Some(c),
            Fact::Unknown(_) => None,
        },
        login_id: agent.login.value.as_deref(),
        login_id_source: agent.login.source.as_str(),
        mode: match agent.mode {
            Fact::Known(m) => m.as_str(),
            Fact::Unknown(_) => "unknown",
        },
        options,
    }
}

impl AgentView<'_> {
    /// The owned record, as `agents` writes it.
    pub fn to_json(&self) -> AgentJson {
        let mut privileges = BTreeMap::new();
        let mut parameters = BTreeMap::new();
        for option in &self.options {
            let target = if option.key.starts_with(PRIVILEGE_PREFIX) {
                &mut privileges
            } else {
                &mut parameters
            };
            let json = match option.source {
                None => OptionJson {
                    value: None,
                    source: "unknown".into(),
                },
                Some(source) => OptionJson {
                    value: option.value.map(str::to_string),
                    source: source.label(),
                },
            };
            target.insert(option.key.to_string(), json);
        }
        AgentJson {
            id: self.id.to_string(),
            user_name: self.user_name.map(str::to_string),
            employee_id: self.employee_id.map(str::to_string),
            voice_environment: self.voice_environment.map(str::to_string),
            voice_environment_route: self.voice_environment_route,
            cluster_mode: self.cluster_mode,
            login_id: self.login_id.map(str::to_string),
            login_id_source: self.login_id_source,
            mode: self.mode,
            privileges,
            parameters,
        }
    }
}

/// The record of one agent, owned (`agents` JSON).
pub fn agent_json(inv: &Inventory, agent: &Agent) -> AgentJson {
    agent_view(inv, agent).to_json()
}

fn selected<'a>(inv: &'a Inventory, filter: Option<&str>) -> Vec<&'a Agent> {
    let needle = filter.unwrap_or("").to_lowercase();
    sorted_agents(inv)
        .into_iter()
        .filter(|a| matches_filter(inv, a, &needle))
        .collect()
}

/// The `agents` JSON document (CLI.md), one agent per line.
pub fn to_json(inv: &Inventory, filter: Option<&str>) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_json(inv, filter, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// What `gwsx agents --format json` adds to each record for people and scripts, after the
/// contract's fields (CLI.md): the full name, the voice environment's name, the login
/// reason in words and the agent's finding counts. `gwsx diff` compares the contract's
/// fields only.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AgentOut<'a> {
    #[serde(flatten)]
    record: AgentJson,
    full_name: Option<String>,
    voice_environment_name: Option<&'a str>,
    login_reason: String,
    findings: FindingCounts,
}

#[derive(Serialize, Default, Clone, Copy)]
struct FindingCounts {
    error: usize,
    warn: usize,
    info: usize,
}

/// Each agent's finding counts, by agent id.
fn finding_counts(
    inv: &Inventory,
) -> std::collections::HashMap<std::sync::Arc<str>, FindingCounts> {
    let mut counts: std::collections::HashMap<std::sync::Arc<str>, FindingCounts> =
        Default::default();
    for f in crate::audit::run(inv) {
        if f.target.kind != crate::audit::TargetKind::Agent {
            continue;
        }
        let c = counts.entry(f.target.id.clone()).or_default();
        match f.severity {
            crate::audit::Severity::Error => c.error += 1,
            crate::audit::Severity::Warn => c.warn += 1,
            crate::audit::Severity::Info => c.info += 1,
        }
    }
    counts
}

/// Streams the `agents` JSON document: no per-run tree of every agent is built.
pub fn write_json(
    inv: &Inventory,
    filter: Option<&str>,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let counts = finding_counts(inv);
    out.write_all(b"{\"agents\":[")?;
    for (i, agent) in selected(inv, filter).into_iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        let person = inv.agent_person(agent);
        let full_name = [person.first_name(), person.last_name()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let record = AgentOut {
            record: agent_json(inv, agent),
            full_name: (!full_name.is_empty()).then_some(full_name),
            voice_environment_name: agent
                .voice_env
                .and_then(|v| inv.voice_environment(v))
                .and_then(|v| v.name.as_deref()),
            login_reason: agent.login.reason(),
            findings: counts.get(agent.id.as_str()).copied().unwrap_or_default(),
        };
        serde_json::to_writer(&mut *out, &record)?;
    }
    out.write_all(b"\n]}\n")
}

/// The row of plain columns shared by the table and CSV outputs, each with its control
/// characters escaped (CLI.md: what reaches a terminal is never the data's to control; a CR or
/// LF inside a field is shown as `\r`, `\n`, never written).
fn columns(inv: &Inventory, agent: &Agent) -> [String; 10] {
    raw_columns(inv, agent).map(|c| match crate::text_safety::escape_controls(&c) {
        std::borrow::Cow::Borrowed(_) => c,
        std::borrow::Cow::Owned(escaped) => escaped,
    })
}

fn raw_columns(inv: &Inventory, agent: &Agent) -> [String; 10] {
    let person = inv.agent_person(agent);
    let ve = agent.voice_env.and_then(|v| inv.voice_environment(v));
    let full_name = [person.first_name(), person.last_name()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let can_use = inv.effective_option(agent, crate::domain::options_keys::CAN_USE);
    [
        agent.id.clone(),
        person.user_name().map(str::to_string).unwrap_or_default(),
        full_name,
        person.employee_id().unwrap_or("").to_string(),
        agent.login.value.clone().unwrap_or_default(),
        agent.login.source.as_str().to_string(),
        ve.and_then(|v| v.name.clone())
            .unwrap_or_else(|| agent.route.as_str().to_string()),
        agent.route.as_str().to_string(),
        match agent.mode {
            Fact::Known(m) => m.as_str().to_string(),
            Fact::Unknown(_) => "unknown".into(),
        },
        can_use.value.unwrap_or("unknown").to_string(),
    ]
}

const HEADERS: [&str; 10] = [
    "ID",
    "USER",
    "NAME",
    "EMPLOYEE ID",
    "LOGIN ID",
    "LOGIN SOURCE",
    "VOICE ENV",
    "ROUTE",
    "MODE",
    "CAN-USE",
];

pub fn to_table(inv: &Inventory, filter: Option<&str>) -> String {
    let rows: Vec<[String; 10]> = selected(inv, filter)
        .into_iter()
        .map(|a| columns(inv, a))
        .collect();
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([HEADERS[i].len()])
            .max()
            .unwrap_or(0)
            .min(32)
    };
    let widths: Vec<usize> = (0..HEADERS.len()).map(width).collect();
    let mut out = String::new();
    let mut line = |cells: &[String]| {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let w = widths[i];
            let shown: String = if cell.chars().count() > w {
                cell.chars()
                    .take(w.saturating_sub(1))
                    .chain(['…'])
                    .collect()
            } else {
                cell.clone()
            };
            text.push_str(&shown);
            if i + 1 < cells.len() {
                text.push_str(&" ".repeat(w - shown.chars().count() + 2));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&HEADERS.map(String::from));
    for row in &rows {
        line(row);
    }
    out.push_str(&format!("{} agent(s)\n", rows.len()));
    out
}

pub fn to_csv(inv: &Inventory, filter: Option<&str>) -> String {
    let header = [
        "id",
        "userName",
        "fullName",
        "employeeId",
        "loginId",
        "loginIdSource",
        "voiceEnvironment",
        "voiceEnvironmentRoute",
        "mode",
        "canUse",
    ];
    let mut out = String::new();
    let mut record = |cells: &[String]| {
        let fields: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    };
    record(&header.map(String::from));
    for agent in selected(inv, filter) {
        record(&columns(inv, agent));
    }
    out
}

/// RFC 4180: quote a field holding a comma, quote, CR or LF; double inner quotes.
fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}
