//! One filtered list of findings feeds every format: text, JSON, SARIF, JUnit.

use super::catalogue::{self, FAMILIES, RULES, family_of};
use super::{Finding, Severity};
use crate::domain::Inventory;
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What the user asked to see.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub min_severity: Option<Severity>,
    pub only: Vec<String>,
    pub exclude: Vec<String>,
}

impl Filter {
    pub fn keeps(&self, f: &Finding) -> bool {
        let code_in = |list: &[String]| list.iter().any(|c| c.trim().eq_ignore_ascii_case(f.rule));
        self.min_severity.is_none_or(|m| f.severity >= m)
            && (self.only.is_empty() || code_in(&self.only))
            && !code_in(&self.exclude)
    }

    /// Whether a baseline entry (rule, severity as written) passes the same filters; an
    /// entry without a severity takes its rule's.
    pub fn keeps_entry(&self, rule: &str, severity: Option<&str>) -> bool {
        let code_in = |list: &[String]| list.iter().any(|c| c.trim().eq_ignore_ascii_case(rule));
        let severity = match severity {
            Some("error") => Some(Severity::Error),
            Some("warn") => Some(Severity::Warn),
            Some("info") => Some(Severity::Info),
            _ => catalogue::rule_info(rule).map(|r| r.severity),
        };
        let severity_ok = match (self.min_severity, severity) {
            (Some(m), Some(s)) => s >= m,
            _ => true,
        };
        severity_ok && (self.only.is_empty() || code_in(&self.only)) && !code_in(&self.exclude)
    }

    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings.into_iter().filter(|f| self.keeps(f)).collect()
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub error: usize,
    pub warn: usize,
    pub info: usize,
}

impl Counts {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            c.add(f.severity);
        }
        c
    }

    pub fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.error += 1,
            Severity::Warn => self.warn += 1,
            Severity::Info => self.info += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.error + self.warn + self.info
    }

    pub fn get(&self, s: Severity) -> usize {
        match s {
            Severity::Error => self.error,
            Severity::Warn => self.warn,
            Severity::Info => self.info,
        }
    }

    /// The most severe severity present.
    pub fn worst(&self) -> Option<Severity> {
        if self.error > 0 {
            Some(Severity::Error)
        } else if self.warn > 0 {
            Some(Severity::Warn)
        } else if self.info > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }
}

/// Popeye-style score: the share of checked objects with no error or warning.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub family: &'static str,
    pub title: &'static str,
    pub checked: usize,
    pub flagged: usize,
}

impl Score {
    /// `None` (n/a) when the family checked nothing (RULES.md §5).
    pub fn percent(&self) -> Option<u32> {
        percent(self.checked, self.flagged)
    }
}

fn percent(checked: usize, flagged: usize) -> Option<u32> {
    if checked == 0 {
        return None;
    }
    let ok = checked.saturating_sub(flagged);
    Some(((ok as f64 / checked as f64) * 100.0).floor() as u32)
}

pub fn grade(score: u32) -> &'static str {
    match score {
        90.. => "A",
        80..=89 => "B",
        70..=79 => "C",
        60..=69 => "D",
        50..=59 => "E",
        _ => "F",
    }
}

/// `87 (B)`, or `n/a`.
pub fn score_text(score: Option<u32>) -> String {
    match score {
        Some(s) => format!("{s} ({})", grade(s)),
        None => "n/a".to_string(),
    }
}

/// The scores, and what they cannot speak for: only what was checked (RULES.md §5).
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    pub families: Vec<Score>,
    pub overall: Option<u32>,
    /// The request paths of the unavailable (or unreadable) resources; empty = complete.
    pub unavailable: Vec<&'static str>,
}

impl Scorecard {
    pub fn complete(&self) -> bool {
        self.unavailable.is_empty()
    }

    /// `score 87 (B)`, with `· incomplete (2 resources unavailable)` when it is.
    pub fn headline(&self) -> String {
        let mut out = format!("score {}", score_text(self.overall));
        if !self.complete() {
            let n = self.unavailable.len();
            out.push_str(&format!(
                " · incomplete: {n} resource{} unavailable",
                if n == 1 { "" } else { "s" }
            ));
        }
        out
    }
}

/// Nothing was read from a source: no agents, no voice environments, every resource
/// unavailable (RULES.md §5). Such a source has no score at all.
pub fn nothing_read(inv: &Inventory) -> bool {
    inv.agents.is_empty()
        && inv.voice_envs.is_empty()
        && inv.model.unavailable().len() == crate::snapshot::Resource::ALL.len()
}

/// The objects each family checks, and how many of them carry an error or warning.
pub fn scorecard(inv: &Inventory, findings: &[Finding]) -> Scorecard {
    let cluster_app_connections = match inv.cluster_app {
        crate::domain::Fact::Known(Some(a)) => inv.applications()[a].connections.len(),
        _ => 0,
    };
    let switches = super::rules::cluster_switches(inv);
    let cluster_dns = inv
        .dns()
        .iter()
        .filter(|d| d.switch_dbid.is_some_and(|s| switches.contains(&s)))
        .count();
    // An agent whose voice environment is unknown is skipped by every identity rule.
    let identity_checked = inv
        .agents
        .iter()
        .filter(|a| !inv.is_cluster_agent(a).is_unknown())
        .count();
    let checked = |family: &str| match family {
        "GWS-1" => inv.voice_envs.len() + cluster_app_connections,
        "GWS-2" => identity_checked,
        "GWS-3" => inv.agents.len(),
        "GWS-4" => switches.len() + cluster_dns,
        _ => crate::snapshot::Resource::ALL.len(),
    };
    // One pass puts each flagged target under its family, by address: findings about one
    // target mostly share it (`Arc<Target>`), so the repeats go in an integer sort and only
    // the distinct targets are compared by kind and id (equal targets made apart count once).
    let mut flagged: Vec<Vec<&Arc<super::Target>>> = vec![Vec::new(); FAMILIES.len()];
    for f in findings.iter().filter(|f| f.severity >= Severity::Warn) {
        let family = family_of(f.rule);
        if let Some(i) = FAMILIES.iter().position(|&(name, _)| name == family) {
            flagged[i].push(&f.target);
        }
    }
    let families: Vec<Score> = FAMILIES
        .iter()
        .zip(&mut flagged)
        .map(|(&(family, title), flagged)| {
            flagged.sort_unstable_by_key(|t| Arc::as_ptr(t));
            flagged.dedup_by_key(|t| Arc::as_ptr(t));
            let mut distinct: Vec<(super::TargetKind, &str)> =
                flagged.iter().map(|t| (t.kind, &*t.id)).collect();
            distinct.sort_unstable();
            distinct.dedup();
            let checked = checked(family);
            Score {
                family,
                title,
                checked,
                flagged: distinct.len().min(checked),
            }
        })
        .collect();
    let overall = if nothing_read(inv) {
        None
    } else {
        percent(
            families.iter().map(|s| s.checked).sum(),
            families.iter().map(|s| s.flagged).sum(),
        )
    };
    Scorecard {
        families,
        overall,
        unavailable: inv.model.unavailable().iter().map(|u| u.path()).collect(),
    }
}

pub fn to_json(findings: &[Finding], card: &Scorecard) -> String {
    to_json_with_baseline(findings, card, None)
}

/// The findings a baseline set aside, and its entries that no longer occur.
pub struct BaselineOutcome<'a> {
    pub accepted: &'a [Finding],
    pub resolved: &'a [super::baseline::Entry],
}

/// The JSON report; with a baseline, its accepted findings are kept out of `findings` and
/// listed under `accepted`, its resolved entries under `resolvedBaseline`.
pub fn to_json_with_baseline(
    findings: &[Finding],
    card: &Scorecard,
    baseline: Option<BaselineOutcome<'_>>,
) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_json_with_baseline(&mut out, findings, card, baseline);
    String::from_utf8(out).unwrap_or_default()
}

/// The JSON report written as it is serialised: no value tree and no copy of the text, so
/// memory does not grow with the findings (`gwsx audit --format json` streams it to stdout).
pub fn write_json_with_baseline(
    out: &mut impl std::io::Write,
    findings: &[Finding],
    card: &Scorecard,
    baseline: Option<BaselineOutcome<'_>>,
) -> std::io::Result<()> {
    let counts = Counts::of(findings);
    let families: serde_json::Map<String, serde_json::Value> = card
        .families
        .iter()
        .map(|s| {
            (
                format!("{}xx", s.family),
                json!({"score": s.percent(), "grade": s.percent().map(grade), "checked": s.checked, "flagged": s.flagged}),
            )
        })
        .collect();
    let summary = JsonSummary {
        error: counts.error,
        warn: counts.warn,
        info: counts.info,
        score: card.overall,
        grade: card.overall.map(grade),
        complete: card.complete(),
        unavailable: &card.unavailable,
        families,
        accepted: baseline.as_ref().map(|b| b.accepted.len()),
        resolved: baseline.as_ref().map(|b| b.resolved.len()),
    };
    // The shape serde's pretty printer gives the report, key by key in this order; the
    // findings, most of its text, are written by hand on both cores (`super::json`).
    out.write_all(b"{\n  \"findings\": ")?;
    super::json::write_findings(out, findings, 1)?;
    out.write_all(b",\n  \"summary\": ")?;
    write_nested(out, &summary)?;
    if let Some(b) = &baseline {
        out.write_all(b",\n  \"accepted\": ")?;
        super::json::write_findings(out, b.accepted, 1)?;
        out.write_all(b",\n  \"resolvedBaseline\": ")?;
        write_nested(out, &b.resolved)?;
    }
    out.write_all(b"\n}\n")
}

/// `value` pretty-printed as a member of the report's top object (one level in).
fn write_nested(
    out: &mut impl std::io::Write,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    let text = serde_json::to_vec_pretty(value)?;
    // JSON text holds no raw newline inside a string: each one starts a line to indent.
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n  ")?;
        }
        out.write_all(line)?;
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct JsonSummary<'a> {
    error: usize,
    warn: usize,
    info: usize,
    score: Option<u32>,
    grade: Option<&'static str>,
    complete: bool,
    unavailable: &'a [&'static str],
    families: serde_json::Map<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accepted: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resolved: Option<usize>,
}

/// Human report grouped by rule family; colour only emphasises what words already say.
pub fn to_text(findings: &[Finding], card: &Scorecard, color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let sev = |s: Severity| {
        let word = format!("{:<5}", s.as_str().to_uppercase());
        match s {
            Severity::Error => paint("1;31", &word),
            Severity::Warn => paint("33", &word),
            Severity::Info => paint("36", &word),
        }
    };
    let mut out = String::new();
    for score in &card.families {
        let in_family: Vec<&Finding> = findings
            .iter()
            .filter(|f| family_of(f.rule) == score.family)
            .collect();
        let counts = Counts::of(in_family.iter().copied());
        out.push_str(&paint(
            "1",
            &format!(
                "{}xx {} — score {} · {} error, {} warn, {} info",
                score.family,
                score.title,
                score_text(score.percent()),
                counts.error,
                counts.warn,
                counts.info
            ),
        ));
        out.push('\n');
        let mut by_rule: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
        for f in in_family {
            by_rule.entry(f.rule).or_default().push(f);
        }
        for (rule, list) in by_rule {
            let title = catalogue::rule_info(rule).map_or("", |r| r.title);
            out.push_str(&format!("  {rule} ×{} {}\n", list.len(), paint("2", title)));
            for f in list {
                // Data from the snapshot: its control characters are shown, not sent.
                use crate::text_safety::escape_controls as esc;
                let option = esc(&option_suffix(f)).into_owned();
                out.push_str(&format!(
                    "    {} {} {}{option}: {}\n",
                    sev(f.severity),
                    esc(&f.target.id),
                    if f.target.name.is_empty() {
                        String::new()
                    } else {
                        format!("({})", esc(&f.target.name))
                    },
                    esc(&f.message)
                ));
            }
        }
    }
    let c = Counts::of(findings);
    out.push_str(&format!(
        "\n{} finding(s): {} error, {} warn, {} info · {}\n",
        findings.len(),
        c.error,
        c.warn,
        c.info,
        card.headline()
    ));
    if !card.complete() {
        out.push_str(&format!(
            "incomplete: unavailable {} (see GWS-501)\n",
            card.unavailable.join(", ")
        ));
    }
    out
}

/// The text report's baseline section: what it set aside and what no longer occurs.
pub fn baseline_text(
    label: &str,
    accepted: &[Finding],
    resolved: &[super::baseline::Entry],
) -> String {
    let shown = |s: &str| super::context::visible(s).into_owned();
    let mut out = format!(
        "\nbaseline {}: {} accepted (not counted for --fail-on), {} resolved\n",
        shown(label),
        accepted.len(),
        resolved.len()
    );
    for f in accepted {
        out.push_str(&format!(
            "  accepted {} {} {}{}: {}\n",
            f.rule,
            f.severity.as_str(),
            shown(&f.target.id),
            shown(&option_suffix(f)),
            shown(&f.message)
        ));
    }
    for e in resolved {
        out.push_str(&format!(
            "  resolved {} {}{}\n",
            shown(&e.rule),
            shown(&e.target.id),
            e.option
                .as_deref()
                .map(|o| format!(" [{}]", shown(o)))
                .unwrap_or_default()
        ));
    }
    out
}

/// ` [key]` for findings about one option, else nothing.
fn option_suffix(f: &Finding) -> String {
    f.option
        .as_deref()
        .map(|o| format!(" [{o}]"))
        .unwrap_or_default()
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warn => "warning",
        Severity::Info => "note",
    }
}

/// SARIF 2.1.0: the rule catalogue as the tool driver, one result per finding.
pub fn to_sarif(findings: &[Finding], source_label: &str, card: &Scorecard) -> String {
    to_sarif_with_accepted(findings, &[], source_label, card)
}

/// SARIF with a baseline's accepted findings as suppressed results (`suppressions`, kind
/// `external`), which code-scanning tools show as dismissed.
pub fn to_sarif_with_accepted(
    findings: &[Finding],
    accepted: &[Finding],
    source_label: &str,
    card: &Scorecard,
) -> String {
    let rules: Vec<_> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.code.replace('-', ""),
                "shortDescription": {"text": r.title},
                "fullDescription": {"text": r.why},
                "help": {"text": r.fix},
                "defaultConfiguration": {"level": sarif_level(r.severity)},
                "properties": {"target": r.target.as_str()}
            })
        })
        .collect();
    let results: Vec<_> = findings
        .iter()
        .map(|f| (f, false))
        .chain(accepted.iter().map(|f| (f, true)))
        .map(|(f, is_accepted)| {
            let rule_index = RULES.iter().position(|r| r.code == f.rule).unwrap_or(0);
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": rule_index,
                "level": sarif_level(f.severity),
                "message": {"text": f.message},
                "locations": [{
                    "logicalLocations": [{
                        "name": f.target.name,
                        "fullyQualifiedName": f.target.id,
                        "kind": f.target.kind.as_str()
                    }]
                }],
                "properties": {"option": f.option}
            });
            if is_accepted {
                result["suppressions"] =
                    json!([{"kind": "external", "justification": "accepted in the baseline"}]);
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "gwsx",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/gwsx/gwsx",
                "rules": rules
            }},
            "artifacts": [{"location": {"uri": source_label}}],
            "results": results,
            "properties": {
                "score": card.overall,
                "grade": card.overall.map(grade),
                "complete": card.complete(),
                "unavailable": card.unavailable,
            }
        }]
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// JUnit XML: one testcase per rule, a failure per finding.
pub fn to_junit(findings: &[Finding], filter: &Filter, card: &Scorecard) -> String {
    let rules: Vec<_> = RULES
        .iter()
        .filter(|r| {
            let probe = Finding {
                rule: r.code,
                severity: r.severity,
                target: std::sync::Arc::new(super::Target {
                    kind: r.target,
                    id: "".into(),
                    name: "".into(),
                }),
                option: None,
                message: "".into(),
            };
            filter.keeps(&probe)
        })
        .collect();
    // A rule whose family checked nothing did not run: skipped, not passed.
    let ran = |code: &str| {
        card.families
            .iter()
            .find(|s| s.family == family_of(code))
            .is_none_or(|s| s.checked > 0)
    };
    let failed = rules
        .iter()
        .filter(|r| findings.iter().any(|f| f.rule == r.code))
        .count();
    let skipped = rules
        .iter()
        .filter(|r| !ran(r.code) && !findings.iter().any(|f| f.rule == r.code))
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let counts = format!(
        "tests=\"{}\" failures=\"{failed}\" errors=\"0\" skipped=\"{skipped}\"",
        rules.len()
    );
    out.push_str(&format!("<testsuites name=\"gwsx audit\" {counts}>\n"));
    out.push_str(&format!("  <testsuite name=\"gwsx\" {counts}>\n"));
    out.push_str("    <properties>\n");
    let score = card.overall.map_or("n/a".to_string(), |s| s.to_string());
    out.push_str(&format!(
        "      <property name=\"score\" value=\"{score}\"/>\n      <property name=\"complete\" value=\"{}\"/>\n",
        card.complete()
    ));
    if !card.complete() {
        out.push_str(&format!(
            "      <property name=\"unavailable\" value=\"{}\"/>\n",
            xml_escape(&card.unavailable.join(","))
        ));
    }
    out.push_str("    </properties>\n");
    // One testcase per rule, at most one failure each: CI servers count testcases.
    for r in rules {
        let mine: Vec<&Finding> = findings.iter().filter(|f| f.rule == r.code).collect();
        out.push_str(&format!(
            "    <testcase classname=\"gwsx.{}\" name=\"{} {}\"",
            family_of(r.code),
            r.code,
            xml_escape(r.title)
        ));
        if mine.is_empty() {
            if ran(r.code) {
                out.push_str("/>\n");
            } else {
                out.push_str(
                    ">\n      <skipped message=\"nothing of its kind was checked (unavailable resources or no such objects)\"/>\n    </testcase>\n",
                );
            }
            continue;
        }
        let worst = mine.iter().map(|f| f.severity).max().unwrap_or(r.severity);
        let lines: Vec<String> = mine
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}{}: {}",
                    f.severity.as_str(),
                    xml_escape(&f.target.id),
                    xml_escape(&f.target.name),
                    xml_escape(&option_suffix(f)),
                    xml_escape(&f.message)
                )
            })
            .collect();
        out.push_str(&format!(
            ">\n      <failure type=\"{}\" message=\"{} finding(s): {}\">{}</failure>\n    </testcase>\n",
            worst.as_str(),
            mine.len(),
            xml_escape(&mine[0].message),
            lines.join("\n")
        ));
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
