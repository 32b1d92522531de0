//! `--baseline FILE`: findings accepted earlier are set aside (CLI.md, "Accepted findings").
//!
//! FILE is an earlier `gwsx audit --format json` (its `findings` and `accepted`) or a
//! hand-written list in the same shape (a bare array of findings, or `{"findings": […]}`).
//! A finding matches an entry on (rule, target kind, target id, option).

use super::Finding;
use super::report::Filter;
use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;

/// A baseline larger than this is not a findings list anyone wrote.
const MAX_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub rule: String,
    pub kind: String,
    pub id: String,
    pub option: Option<String>,
}

impl Key {
    pub fn of(f: &Finding) -> Key {
        Key {
            rule: f.rule.to_string(),
            kind: f.target.kind.as_str().to_string(),
            id: f.target.id.to_string(),
            option: f.option.as_deref().map(str::to_string),
        }
    }
}

/// One entry of the baseline file, as written there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub rule: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    pub target: EntryTarget,
    pub option: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryTarget {
    pub kind: String,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Entry {
    pub fn key(&self) -> Key {
        Key {
            rule: self.rule.clone(),
            kind: self.target.kind.clone(),
            id: self.target.id.clone(),
            option: self.option.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Baseline {
    /// The file, as given.
    pub label: String,
    pub entries: Vec<Entry>,
}

/// What a baseline does to a filtered list of findings.
#[derive(Debug, Clone, Default)]
pub struct Applied {
    /// Findings not in the baseline: reported and counted for `--fail-on`.
    pub kept: Vec<Finding>,
    /// Findings in the baseline: shown as accepted, never counted for `--fail-on`.
    pub accepted: Vec<Finding>,
    /// Entries of the baseline that no longer occur (the same filters applied).
    pub resolved: Vec<Entry>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline> {
        let label = path.display().to_string();
        let meta = std::fs::metadata(path).with_context(|| format!("{label}: cannot read"))?;
        if !meta.is_file() {
            bail!("{label}: not a regular file");
        }
        if meta.len() > MAX_BYTES {
            bail!("{label}: too large for a baseline ({} bytes)", meta.len());
        }
        let bytes = std::fs::read(path).with_context(|| format!("{label}: cannot read"))?;
        Baseline::from_slice(&bytes, &label)
    }

    pub fn from_slice(bytes: &[u8], label: &str) -> Result<Baseline> {
        let doc: Value = serde_json::from_slice(bytes).map_err(|e| {
            anyhow!(
                "{label}:{}:{}: not a baseline: {}",
                e.line(),
                e.column(),
                crate::snapshot::strip_json_position(&e.to_string())
            )
        })?;
        let lists: Vec<&Vec<Value>> = match &doc {
            Value::Array(items) => vec![items],
            Value::Object(obj) => {
                let Some(Value::Array(findings)) = obj.get("findings") else {
                    bail!(
                        "{label}: not a baseline: expected a list of findings or an object with \"findings\" (gwsx audit --format json)"
                    );
                };
                let mut lists = vec![findings];
                match obj.get("accepted") {
                    Some(Value::Array(accepted)) => lists.push(accepted),
                    None | Some(Value::Null) => {}
                    Some(_) => bail!("{label}: not a baseline: \"accepted\" is not a list"),
                }
                lists
            }
            _ => bail!("{label}: not a baseline: expected a list of findings"),
        };
        let mut entries = Vec::new();
        for (i, item) in lists.into_iter().flatten().enumerate() {
            entries.push(entry(item).map_err(|why| anyhow!("{label}: finding {}: {why}", i + 1))?);
        }
        Ok(Baseline {
            label: label.to_string(),
            entries,
        })
    }

    /// Sets aside the findings the baseline lists. `all` is every finding of the audit (to
    /// tell resolved entries), `filtered` the ones the filters keep.
    pub fn apply(&self, all: &[Finding], filtered: Vec<Finding>, filter: &Filter) -> Applied {
        let listed: HashSet<Key> = self.entries.iter().map(Entry::key).collect();
        let present: HashSet<Key> = all.iter().map(Key::of).collect();
        let (accepted, kept): (Vec<Finding>, Vec<Finding>) = filtered
            .into_iter()
            .partition(|f| listed.contains(&Key::of(f)));
        let mut seen = HashSet::new();
        let resolved = self
            .entries
            .iter()
            .filter(|e| !present.contains(&e.key()) && seen.insert(e.key()))
            .filter(|e| filter.keeps_entry(&e.rule, e.severity.as_deref()))
            .cloned()
            .collect();
        Applied {
            kept,
            accepted,
            resolved,
        }
    }
}

fn text<'a>(v: &'a Value, what: &str) -> Result<&'a str, String> {
    match v {
        Value::String(s) => Ok(s),
        Value::Null => Err(format!("no {what}")),
        _ => Err(format!("{what} is not a string")),
    }
}

fn entry(item: &Value) -> Result<Entry, String> {
    let Value::Object(obj) = item else {
        return Err("not an object".into());
    };
    let null = Value::Null;
    let get = |k: &str| obj.get(k).unwrap_or(&null);
    let rule = text(get("rule"), "rule")?.trim().to_string();
    let target = get("target");
    if !target.is_object() {
        return Err("no target {kind, id}".into());
    }
    let kind = text(&target["kind"], "target.kind")?.to_string();
    let id = text(&target["id"], "target.id")?.to_string();
    let option = match get("option") {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        _ => return Err("option is not a string or null".into()),
    };
    Ok(Entry {
        rule,
        severity: get("severity").as_str().map(str::to_string),
        target: EntryTarget {
            kind,
            id,
            name: target["name"].as_str().map(str::to_string),
        },
        option,
        message: get("message").as_str().map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_audit_json_and_bare_lists() {
        let doc = br#"{"findings": [{"rule": "GWS-201", "severity": "error",
            "target": {"kind": "agent", "id": "person:101", "name": "x"}, "option": null,
            "message": "m"}], "accepted": [{"rule": "GWS-309", "target": {"kind": "agent",
            "id": "person:102"}, "option": "sipendpoint.policy.x"}]}"#;
        let b = Baseline::from_slice(doc, "b.json").expect("baseline");
        assert_eq!(b.entries.len(), 2);
        assert_eq!(b.entries[1].option.as_deref(), Some("sipendpoint.policy.x"));
        let bare = br#"[{"rule": "GWS-501", "target": {"kind": "snapshot", "id": "snapshot"}}]"#;
        assert_eq!(
            Baseline::from_slice(bare, "b").expect("bare").entries.len(),
            1
        );
    }

    #[test]
    fn bad_files_say_what_and_where() {
        for (bytes, want) in [
            (&b"{"[..], "b.json:1:"),
            (b"{\"x\": 1}", "expected a list of findings"),
            (b"[{\"rule\": 1}]", "finding 1: rule is not a string"),
            (b"[{\"rule\": \"GWS-201\"}]", "finding 1: no target"),
            (
                b"[{\"rule\": \"GWS-201\", \"target\": {\"kind\": \"agent\"}}]",
                "no target.id",
            ),
            (b"7", "expected a list"),
        ] {
            let e = Baseline::from_slice(bytes, "b.json").expect_err("bad");
            let text = format!("{e:#}");
            assert!(text.contains(want), "{text}");
            assert!(!text.contains('\n'));
        }
    }
}
