//! The synthetic generator's output, and the built-in demo snapshot, read by gwsx.

use serde_json::Value;

fn list<'a>(v: &'a Value, path: &str, key: &str) -> &'a Vec<Value> {
    v["responses"][path][key].as_array().expect("a list")
}

use gwsx_synth::{SynthOptions, generate};

#[test]
fn the_snapshot_reader_accepts_it() {
    for edge in [false, true] {
        let text = generate(&SynthOptions {
            agents: 300,
            seed: 5,
            edge_cases: edge,
        });
        let snap = gwsx::snapshot::from_bytes(text.into_bytes(), "x").expect("reads");
        assert_eq!(snap.responses.len(), 11);
    }
}

/// `examples/demo.json` is the generator's demo, byte for byte: rebuild it with
/// `gwsx generate --demo -o examples/demo.json` (or `GWSX_UPDATE_DEMO=1 cargo test --test
/// synth`), never by hand.
#[test]
fn the_demo_file_is_the_generators_demo() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo.json");
    let generated = gwsx_synth::demo();
    if std::env::var_os("GWSX_UPDATE_DEMO").is_some() {
        std::fs::write(&path, &generated).expect("write examples/demo.json");
    }
    let stored = std::fs::read(&path).unwrap_or_default();
    assert!(
        stored == generated.as_bytes(),
        "examples/demo.json is out of date: run gwsx generate --demo -o examples/demo.json"
    );
    assert_eq!(gwsx_synth::demo(), generated, "deterministic");
}

/// The finding counts examples/README.md states (the `**N findings**` total and one
/// `| GWS-xxx | N |` row per rule) are the demo's audit.
#[test]
fn the_demo_readme_states_the_true_counts() {
    use std::collections::BTreeMap;
    let snap = gwsx::snapshot::demo().expect("demo");
    let inv = gwsx::domain::Inventory::from_snapshot(&snap, &Default::default()).expect("inv");
    let findings = gwsx::audit::run(&inv);
    let mut actual: BTreeMap<String, usize> = BTreeMap::new();
    for f in &findings {
        *actual.entry(f.rule.to_string()).or_default() += 1;
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/README.md");
    let readme = std::fs::read_to_string(path).expect("examples/README.md");
    let total: Vec<usize> = readme
        .split("**")
        .filter_map(|s| s.strip_suffix(" findings")?.parse().ok())
        .collect();
    assert_eq!(total, [findings.len()], "the `**N findings**` total");
    let mut stated: BTreeMap<String, usize> = BTreeMap::new();
    for line in readme.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if let [_, rule, count, ..] = cells[..]
            && rule.starts_with("GWS-")
            && let Ok(n) = count.parse::<usize>()
        {
            assert!(stated.insert(rule.to_string(), n).is_none(), "{rule} twice");
        }
    }
    assert_eq!(stated, actual, "per-rule counts in examples/README.md");
}

#[test]
fn the_demo_snapshot_reads() {
    let bytes = include_bytes!("../examples/demo.json");
    let snap = gwsx::snapshot::from_bytes(bytes.to_vec(), "demo").expect("reads");
    assert_eq!(snap.responses.len(), 11);
    assert_eq!(snap.captured_at.as_deref(), Some("2026-11-29T10:00:00Z"));
    let v: Value = serde_json::from_slice(bytes).expect("valid JSON");
    assert_eq!(v["source"]["baseUrl"], "https://gws.demo.example/api/v2");
    assert_eq!(v["source"]["gwsVersion"], "8.5.201.09");
    assert_eq!(v["source"]["user"], "svc-audit");
    assert_eq!(
        v["gwsConfig"]["useEmployeeIdAsAgentLoginForSIPCluster"],
        true
    );
    assert_eq!(v["gwsConfig"]["browserProtocol"], "https");
    assert_eq!(v["gwsConfig"]["clusterApplication"], "CloudCluster");
    let persons = list(&v, "/platform/configuration/persons", "persons");
    assert_eq!(persons.iter().filter(|p| p["isAgent"] == "2").count(), 60);
    let ges = list(&v, "/genesys-environments?fields=*", "genesysEnvironments");
    let names: Vec<&str> = ges.iter().filter_map(|g| g["name"].as_str()).collect();
    assert_eq!(names, ["Genesys EMEA", "Genesys Americas"]);
    let modes: Vec<bool> = ges
        .iter()
        .flat_map(|g| g["voiceEnvironments"].as_array().expect("list"))
        .filter_map(|ve| ve["clusterMode"].as_bool())
        .collect();
    assert!(modes.iter().filter(|&&c| c).count() >= 2);
    assert!(modes.iter().filter(|&&c| !c).count() >= 2);
}
