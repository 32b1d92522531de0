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

#[test]
fn the_demo_snapshot_reads() {
    let bytes = include_bytes!("../examples/demo.json");
    let snap = gwsx::snapshot::from_bytes(bytes.to_vec(), "demo").expect("reads");
    assert_eq!(snap.responses.len(), 11);
    assert_eq!(snap.captured_at.as_deref(), Some("2026-11-29T10:00:00Z"));
    let v: Value = serde_json::from_slice(bytes).expect("valid JSON");
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
