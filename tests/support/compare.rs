//! A pair of snapshots for compare mode: OLD is the fixture, NEW the fixture edited the way a
//! change would: edge145's employee ID changed (its login ID with it), ahmed.silva103
//! removed, an option added at the SIPS_Paris Agents group. Shared by the compare tests
//! (`#[path = "support/compare.rs"] mod compare;`).

#![allow(dead_code)]

use serde_json::{Value, json};
use std::path::{Path, PathBuf};

pub const FIXTURE: &str = "tests/fixtures/snapshot-101.json";
/// The option added at group level, and its value.
pub const ADDED_OPTION: &str = "sipendpoint.policy.session.dtmf_method";
pub const ADDED_VALUE: &str = "Rfc2833";

fn list<'a>(snap: &'a mut Value, path: &str, key: &str) -> &'a mut Vec<Value> {
    snap["responses"][path][key]
        .as_array_mut()
        .expect("a list in the fixture")
}

fn dbid_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The fixture, edited.
pub fn edited() -> Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE))
        .expect("fixture");
    let mut snap: Value = serde_json::from_str(&text).expect("fixture JSON");
    snap["capturedAt"] = json!("2026-12-02T12:00:00Z");
    let persons = list(&mut snap, "/platform/configuration/persons", "persons");
    for p in persons.iter_mut() {
        if p["userName"] == json!("edge145") {
            p["employeeID"] = json!("E200145");
        }
    }
    persons.retain(|p| p["userName"] != json!("ahmed.silva103"));
    let groups = list(
        &mut snap,
        "/platform/configuration/agent-groups",
        "agent-groups",
    );
    for g in groups.iter_mut() {
        if dbid_of(&g["groupInfo"]["DBID"]).as_deref() == Some("105") {
            g["groupInfo"]["userProperties"]["interaction-workspace"][ADDED_OPTION] =
                json!(ADDED_VALUE);
        }
    }
    snap
}

/// Writes OLD (a copy of the fixture) and NEW (edited) into `dir`.
pub fn write_pair(dir: &Path) -> (PathBuf, PathBuf) {
    let old = dir.join("before.json");
    let new = dir.join("after.json");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE), &old).expect("copy");
    std::fs::write(&new, serde_json::to_string_pretty(&edited()).expect("JSON")).expect("write");
    (old, new)
}
