//! Findings are data: every output renders the same filtered list.

use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warn,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetKind {
    Snapshot,
    VoiceEnvironment,
    Connection,
    Agent,
    Switch,
    Dn,
    /// Only for the extended reference-integrity rules.
    AgentGroup,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Snapshot => "snapshot",
            TargetKind::VoiceEnvironment => "voice-environment",
            TargetKind::Connection => "connection",
            TargetKind::Agent => "agent",
            TargetKind::Switch => "switch",
            TargetKind::Dn => "dn",
            TargetKind::AgentGroup => "agent-group",
        }
    }
}

/// The strings of a finding are shared (`Arc<str>`): an agent's id and name are made once for
/// all its findings, and a copy of a finding (the what-if, the baseline, a comparison) copies
/// no text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Target {
    pub kind: TargetKind,
    /// `snapshot`, a voice environment id, `application:<DBID>/<appServerDBID>`,
    /// `person:<DBID>`, `switch:<DBID>` or `dn:<DBID>`.
    pub id: Arc<str>,
    pub name: Arc<str>,
}

/// 64 bytes: the target is shared by all the findings about it, the texts by all the
/// findings that say the same (220,000 findings of one 50,000-agent snapshot).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub target: Arc<Target>,
    /// The WWE key for keyed rules, the request path for GWS-501, else null.
    pub option: Option<Arc<str>>,
    pub message: Arc<str>,
}

/// Findings order (CLI.md): severity (errors first), rule, target id, option; byte order.
/// Equal findings keep their order (a stable sort).
pub fn sort_findings(findings: &mut Vec<Finding>) {
    // In two steps, which give the one stable sort's order: the findings are dealt into one
    // list per severity and rule (a few dozen) in the order they come, then each list is
    // sorted by target and option. Those arrive in agent order, mostly sorted already, which
    // that sort makes use of; comparing all 220,000 findings of one snapshot by target id
    // (behind two pointers) at once took 70 ms, and sorting them by rule name 15 ms more.
    let mut keys: Vec<(Severity, &'static str)> = Vec::new();
    let mut bucket_of = Vec::with_capacity(findings.len());
    for f in findings.iter() {
        let key = (f.severity, f.rule);
        // Most findings have the key of the one before them.
        let b = match bucket_of.last() {
            Some(&b) if keys[b] == key => b,
            _ => keys.iter().position(|k| *k == key).unwrap_or_else(|| {
                keys.push(key);
                keys.len() - 1
            }),
        };
        bucket_of.push(b);
    }
    // Each list of exactly its size: 220,000 findings grown by doubling left as many unused.
    let mut counts = vec![0usize; keys.len()];
    for &b in &bucket_of {
        counts[b] += 1;
    }
    let mut buckets: Vec<((Severity, &'static str), Vec<Finding>)> = keys
        .into_iter()
        .zip(counts)
        .map(|(key, n)| (key, Vec::with_capacity(n)))
        .collect();
    for (f, b) in findings.drain(..).zip(bucket_of) {
        buckets[b].1.push(f);
    }
    buckets.sort_by(|(a, _), (b, _)| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    for (_, mut block) in buckets {
        block.sort_by(by_target);
        findings.append(&mut block);
    }
}

/// The order within one rule's findings: target id, then option.
fn by_target(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    a.target
        .id
        .cmp(&b.target.id)
        .then_with(|| a.option.cmp(&b.option))
}

/// The findings order of `sort_findings`, as a comparison.
pub fn finding_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    b.severity
        .cmp(&a.severity)
        .then_with(|| a.rule.cmp(b.rule))
        .then_with(|| by_target(a, b))
}

/// Two lists in findings order as one, in that order; where they tie, `a`'s first. `a` is
/// taken as it comes (the what-if's kept findings, cloned one by one), `a_len` of them.
pub fn merge_sorted(
    a: impl IntoIterator<Item = Finding>,
    a_len: usize,
    b: Vec<Finding>,
) -> Vec<Finding> {
    let mut out = Vec::with_capacity(a_len + b.len());
    let mut b = b.into_iter().peekable();
    for f in a {
        while let Some(g) = b.next_if(|g| finding_order(g, &f).is_lt()) {
            out.push(g);
        }
        out.push(f);
    }
    out.extend(b);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two-step sort gives what one stable sort by the whole key gives, ties included.
    #[test]
    fn the_two_step_sort_is_the_one_stable_sort() {
        let rules = ["GWS-309", "GWS-201", "GWS-101", "GWS-2"];
        let severities = [Severity::Info, Severity::Warn, Severity::Error];
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let findings: Vec<Finding> = (0..2_000)
            .map(|i| Finding {
                rule: rules[next(4) as usize],
                severity: severities[next(3) as usize],
                target: Arc::new(Target {
                    kind: TargetKind::Agent,
                    id: format!("person:{}", next(40)).into(),
                    name: "".into(),
                }),
                option: (next(2) == 0).then(|| format!("k{}", next(3)).into()),
                message: format!("{i}").into(),
            })
            .collect();
        let mut once = findings.clone();
        once.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then_with(|| a.rule.cmp(b.rule))
                .then_with(|| a.target.id.cmp(&b.target.id))
                .then_with(|| a.option.cmp(&b.option))
        });
        let mut twice = findings.clone();
        sort_findings(&mut twice);
        assert!(once == twice);
        // Merging two sorted parts (split by rule, as the what-if splits them) is sorting.
        let (mut odd, mut even): (Vec<Finding>, Vec<Finding>) =
            findings.into_iter().partition(|f| f.rule.ends_with('1'));
        sort_findings(&mut odd);
        sort_findings(&mut even);
        assert!(merge_sorted(odd.clone(), odd.len(), even.clone()) == once);
        assert!(merge_sorted(even.clone(), even.len(), odd) == once);
        let mut none = Vec::new();
        sort_findings(&mut none);
        assert!(none.is_empty());
    }
}
