//! What the reports for people (Markdown, HTML) say beside the findings: where the data
//! came from, the gwsConfig in force and where each fact came from, the voice environments.

use super::baseline::{Baseline, Entry};
use super::report::Filter;
use super::{Finding, Severity, TargetKind};
use crate::domain::{Fact, Inventory};
use crate::snapshot::GwsConfig;
use std::collections::HashMap;

/// Where the gwsConfig facts were given: the `--gws-config` file (its name and what it set)
/// and the flags. What neither sets comes from the snapshot, else a default.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    pub file: Option<(String, GwsConfig)>,
    pub flags: GwsConfig,
}

/// One fact of the gwsConfig in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigFact {
    pub name: &'static str,
    pub value: String,
    /// `flag`, `file <name>`, `snapshot`, `source.baseUrl`, or `default`.
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceEnvRow {
    pub name: String,
    pub id: String,
    pub cluster_mode: bool,
    pub agents: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// Everything a report for people shows besides the findings and the scorecard.
#[derive(Debug, Clone, Default)]
pub struct ReportContext {
    pub source: String,
    pub captured_at: Option<String>,
    pub gws_version: Option<String>,
    pub gwsx_version: &'static str,
    pub config: Vec<ConfigFact>,
    pub voice_envs: Vec<VoiceEnvRow>,
    /// The filters in words (`min severity warn · only GWS-201`), empty when none.
    pub filter: String,
    /// The baseline file, when one was given, with what it set aside and what it resolved.
    pub baseline: Option<String>,
    pub accepted: Vec<Finding>,
    pub resolved: Vec<Entry>,
}

impl ReportContext {
    pub fn new(
        inv: &Inventory,
        findings: &[Finding],
        provenance: &Provenance,
        filter: &Filter,
    ) -> ReportContext {
        ReportContext {
            source: inv.label.clone(),
            captured_at: inv.captured_at.clone(),
            gws_version: inv
                .source
                .gws_version
                .clone()
                .or_else(|| inv.model.version.as_ref().ok().cloned()),
            gwsx_version: env!("CARGO_PKG_VERSION"),
            config: config_facts(inv, provenance),
            voice_envs: voice_env_rows(inv, findings),
            filter: filter_text(filter),
            baseline: None,
            accepted: Vec::new(),
            resolved: Vec::new(),
        }
    }

    pub fn with_baseline(
        mut self,
        baseline: &Baseline,
        accepted: Vec<Finding>,
        resolved: Vec<Entry>,
    ) -> ReportContext {
        self.baseline = Some(baseline.label.clone());
        self.accepted = accepted;
        self.resolved = resolved;
        self
    }
}

fn filter_text(f: &Filter) -> String {
    let mut parts = Vec::new();
    if let Some(m) = f.min_severity
        && m > Severity::Info
    {
        parts.push(format!("min severity {}", m.as_str()));
    }
    if !f.only.is_empty() {
        parts.push(format!("only {}", f.only.join(",")));
    }
    if !f.exclude.is_empty() {
        parts.push(format!("exclude {}", f.exclude.join(",")));
    }
    parts.join(" · ")
}

fn config_facts(inv: &Inventory, p: &Provenance) -> Vec<ConfigFact> {
    let file = p.file.as_ref();
    let origin = |by_flag: bool, by_file: bool, in_force: bool| -> String {
        if by_flag {
            "flag".into()
        } else if by_file {
            format!("file {}", file.map_or("", |(n, _)| n.as_str()))
        } else if in_force {
            "snapshot".into()
        } else {
            "default".into()
        }
    };
    let c = &inv.config;
    let fc = |get: fn(&GwsConfig) -> bool| file.is_some_and(|(_, f)| get(f));
    let mut out = vec![ConfigFact {
        name: "useEmployeeIdAsAgentLoginForSIPCluster",
        value: c.use_employee_id_login.unwrap_or(false).to_string(),
        origin: origin(
            p.flags.use_employee_id_login.is_some(),
            fc(|f| f.use_employee_id_login.is_some()),
            c.use_employee_id_login.is_some(),
        ),
    }];
    let protocol = c
        .browser_protocol
        .as_deref()
        .filter(|b| b.eq_ignore_ascii_case("http") || b.eq_ignore_ascii_case("https"));
    let scheme = inv
        .source
        .base_url
        .as_deref()
        .and_then(super::text::uri_scheme)
        .filter(|s| s == "http" || s == "https");
    out.push(ConfigFact {
        name: "browserProtocol",
        value: protocol
            .map(str::to_ascii_lowercase)
            .or_else(|| scheme.clone())
            .unwrap_or_else(|| "unknown".into()),
        origin: match (protocol, &scheme) {
            (Some(_), _) => origin(
                p.flags.browser_protocol.is_some(),
                fc(|f| f.browser_protocol.is_some()),
                true,
            ),
            (None, Some(_)) => "source.baseUrl".into(),
            (None, None) => "default".into(),
        },
    });
    out.push(ConfigFact {
        name: "clusterApplication",
        value: c.cluster_application().to_string(),
        origin: origin(
            p.flags.cluster_application.is_some(),
            fc(|f| f.cluster_application.is_some()),
            c.cluster_application.is_some(),
        ),
    });
    out.push(ConfigFact {
        name: "softphoneMode",
        value: c
            .softphone_mode
            .map_or("derived per agent".into(), |m| m.as_str().to_string()),
        origin: origin(
            p.flags.softphone_mode.is_some(),
            fc(|f| f.softphone_mode.is_some()),
            c.softphone_mode.is_some(),
        ),
    });
    out
}

/// Per voice environment: its agents, and the errors and warnings about it, its agents, its
/// switch, that switch's DNs and the cluster connections to its SIP Servers.
fn voice_env_rows(inv: &Inventory, findings: &[Finding]) -> Vec<VoiceEnvRow> {
    let mut owner: HashMap<(TargetKind, String), usize> = HashMap::new();
    let mut agents = vec![0usize; inv.voice_envs.len()];
    for a in &inv.agents {
        if let Some(v) = a.voice_env {
            if let Some(n) = agents.get_mut(v) {
                *n += 1;
            }
            owner.insert((TargetKind::Agent, a.id.clone()), v);
        }
    }
    let app_dbid = |f: &Fact<Option<usize>>| match f {
        Fact::Known(Some(i)) => inv.applications().get(*i).and_then(|a| a.dbid),
        _ => None,
    };
    let mut by_app: HashMap<i64, usize> = HashMap::new();
    for (i, ve) in inv.voice_envs.iter().enumerate() {
        if let Some(v) = inv.voice_environment(i).and_then(|v| v.id.clone()) {
            owner.entry((TargetKind::VoiceEnvironment, v)).or_insert(i);
        }
        for d in [app_dbid(&ve.primary_app), app_dbid(&ve.backup_app)]
            .into_iter()
            .flatten()
        {
            by_app.entry(d).or_insert(i);
        }
        if let Fact::Known(Some(s)) = ve.switch
            && let Some(dbid) = inv.switches().get(s).and_then(|s| s.dbid)
        {
            owner
                .entry((TargetKind::Switch, format!("switch:{dbid}")))
                .or_insert(i);
            for dn in inv.dns() {
                if dn.switch_dbid == Some(dbid)
                    && let Some(d) = dn.dbid
                {
                    owner
                        .entry((TargetKind::Dn, format!("dn:{d}")))
                        .or_insert(i);
                }
            }
        }
    }
    let mut counts = vec![(0usize, 0usize); inv.voice_envs.len()];
    for f in findings {
        let ve = match f.target.kind {
            TargetKind::Connection => f
                .target
                .id
                .rsplit_once('/')
                .and_then(|(_, d)| d.parse::<i64>().ok())
                .and_then(|d| by_app.get(&d).copied()),
            kind => owner.get(&(kind, f.target.id.to_string())).copied(),
        };
        if let Some(c) = ve.and_then(|v| counts.get_mut(v)) {
            match f.severity {
                Severity::Error => c.0 += 1,
                Severity::Warn => c.1 += 1,
                Severity::Info => {}
            }
        }
    }
    (0..inv.voice_envs.len())
        .map(|i| {
            let v = inv.voice_environment(i);
            VoiceEnvRow {
                name: v.and_then(|v| v.name.clone()).unwrap_or_default(),
                id: v.and_then(|v| v.id.clone()).unwrap_or_default(),
                cluster_mode: v.is_some_and(|v| v.cluster_mode),
                agents: agents[i],
                errors: counts[i].0,
                warnings: counts[i].1,
            }
        })
        .collect()
}

/// Shown text of data: every C0 and C1 control, and the bidirectional overrides that could
/// make a line read otherwise, as `\u{…}` (CLI.md, "What reaches a terminal").
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    let hidden =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !s.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The findings grouped by rule in report order: errors' rules first, then by code.
pub fn by_rule(findings: &[Finding]) -> Vec<(&'static str, Vec<&Finding>)> {
    let mut groups: Vec<(&'static str, Vec<&Finding>)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for f in findings {
        match index.get(f.rule) {
            Some(&i) => groups[i].1.push(f),
            None => {
                index.insert(f.rule, groups.len());
                groups.push((f.rule, vec![f]));
            }
        }
    }
    let worst = |list: &Vec<&Finding>| list.iter().map(|f| f.severity).max();
    groups.sort_by(|a, b| worst(&b.1).cmp(&worst(&a.1)).then_with(|| a.0.cmp(b.0)));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_shown_escaped() {
        assert_eq!(visible("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(visible("x\u{202e}y\n"), "x\\u{202e}y\\u{a}");
        assert_eq!(visible("Zoë 张伟"), "Zoë 张伟");
    }
}
