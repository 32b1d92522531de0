//! `gwsx redact` (CLI.md): every computed result stays the same, replaced values map one to
//! one, no replaced original is left in the output, one key gives one set of pseudonyms.

use gwsx::domain::Inventory;
use gwsx::redact::{Key, Kind, MapEntry, Options, Redacted, redact};
use gwsx::snapshot::{self, GwsConfig, Snapshot};
use gwsx_synth::{SynthOptions, generate};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::process::{Command, Output};

fn load(text: &str) -> Snapshot {
    snapshot::from_bytes(text.as_bytes().to_vec(), "generated").expect("generated snapshot loads")
}

fn inventory(s: &Snapshot) -> Inventory {
    Inventory::from_snapshot(s, &GwsConfig::default()).expect("inventory")
}

type FindingKey = (String, String, String, String, Option<String>);

fn audit_keys(inv: &Inventory) -> Vec<FindingKey> {
    let mut keys: Vec<FindingKey> = gwsx::audit::run(inv)
        .into_iter()
        .map(|f| {
            (
                f.rule.to_string(),
                f.severity.as_str().to_string(),
                f.target.kind.as_str().to_string(),
                f.target.id.to_string(),
                f.option.as_deref().map(str::to_string),
            )
        })
        .collect();
    keys.sort();
    keys
}

/// Every agent's `gwsx agents` JSON, by id, flattened to (JSON pointer → leaf).
fn agents(inv: &Inventory) -> BTreeMap<String, BTreeMap<String, Value>> {
    inv.agents
        .iter()
        .map(|a| {
            let json = serde_json::to_value(gwsx::agents::agent_json(inv, a)).expect("agent JSON");
            let mut leaves = BTreeMap::new();
            flatten(&json, String::new(), &mut leaves);
            (a.id.clone(), leaves)
        })
        .collect()
}

fn flatten(v: &Value, path: String, out: &mut BTreeMap<String, Value>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                flatten(
                    x,
                    format!("{path}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                flatten(x, format!("{path}/{i}"), out);
            }
        }
        leaf => {
            out.insert(path, leaf.clone());
        }
    }
}

/// The text of every key and of every leaf the redaction left as it was.
fn kept_text(before: &Value, after: &Value, out: &mut String) {
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, x) in a {
                out.push_str(k);
                out.push('\n');
                if let Some(y) = b.get(k) {
                    kept_text(x, y, out);
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (x, y) in a.iter().zip(b) {
                kept_text(x, y, out);
            }
        }
        (x, y) if x == y => {
            out.push_str(&match x {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            out.push('\n');
        }
        _ => {}
    }
}

fn snapshot_value(s: &Snapshot) -> Value {
    serde_json::from_str(&snapshot::to_json_string(s)).expect("snapshot JSON")
}

fn key(byte: u8) -> Key {
    Key::from_bytes([byte; 32])
}

fn check_redaction(text: &str, keep_hosts: bool) -> Result<(), TestCaseError> {
    let source = load(text);
    let inv = inventory(&source);
    let Redacted { snapshot, mapping } = redact(
        load(text),
        &Options {
            key: key(1),
            keep_hosts,
        },
    )
    .expect("redact");
    // The generator names nothing after a person: nothing identifying is left in kept data.
    let left = gwsx::redact::leftovers(&snapshot, &mapping);
    prop_assert!(left.is_empty(), "left in kept data: {:?}", left);
    let out_text = snapshot::to_json_string(&snapshot);
    let red = load(&out_text);
    let red_inv = inventory(&red);

    // 1. The audit is the same on (rule, severity, kind, id, option).
    prop_assert_eq!(audit_keys(&inv), audit_keys(&red_inv));

    // 2. Agents: the same ids and fields; values that differ map one to one, per field.
    let (a, b) = (agents(&inv), agents(&red_inv));
    prop_assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    let mut forward: HashMap<(String, Value), Value> = HashMap::new();
    let mut backward: HashMap<(String, Value), Value> = HashMap::new();
    for (id, fields) in &a {
        let other = &b[id];
        prop_assert_eq!(
            fields.keys().collect::<Vec<_>>(),
            other.keys().collect::<Vec<_>>(),
            "fields of {}",
            id
        );
        for (path, x) in fields {
            let y = &other[path];
            if x == y {
                continue;
            }
            let field = path.rsplit('/').next().unwrap_or("").to_string();
            prop_assert!(
                ["userName", "employeeId", "loginId", "value", "source"].contains(&field.as_str()),
                "{} {}: {} → {} is not a replaced value",
                id,
                path,
                x,
                y
            );
            if field == "value" {
                prop_assert!(!keep_hosts || !path.contains("sip-server-address"));
            }
            let f = forward
                .entry((field.clone(), x.clone()))
                .or_insert(y.clone());
            prop_assert_eq!(&*f, y, "{} maps to two values", x);
            let g = backward.entry((field, y.clone())).or_insert(x.clone());
            prop_assert_eq!(&*g, x, "{} comes from two values", y);
        }
    }

    // 3. No replaced original of 3+ characters is left, except where the same text is also
    //    data the redaction keeps (a group name, a WWE key, …).
    let mut kept = String::new();
    kept_text(&snapshot_value(&source), &snapshot_value(&red), &mut kept);
    let mut stripped = out_text.clone();
    let mut pseudonyms: Vec<&str> = mapping.iter().map(|m| m.pseudonym.as_str()).collect();
    pseudonyms.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for p in pseudonyms {
        stripped = stripped.replace(p, "\u{0}");
    }
    let (stripped_lower, kept_lower) = (stripped.to_lowercase(), kept.to_lowercase());
    for m in &mapping {
        if m.original.chars().count() < 3 {
            continue;
        }
        let escaped = serde_json::to_string(&m.original).expect("json");
        let escaped = &escaped[1..escaped.len() - 1];
        let (hay, kept_hay, needle) = match m.kind {
            Kind::Host => (&stripped_lower, &kept_lower, m.original.to_lowercase()),
            Kind::Text => (&stripped, &kept, m.original.clone()),
        };
        let found = hay.contains(&needle) || hay.contains(escaped);
        prop_assert!(
            !found || kept_hay.contains(&needle),
            "{:?} ({}) is still in the output",
            m.original,
            m.field
        );
    }
    // Pseudonyms are one to one too: one original per pseudonym (the table's key), and one
    // pseudonym per original and field prefix.
    let prefixed: BTreeSet<(Kind, &str, &str)> = mapping
        .iter()
        .map(|m| {
            (
                m.kind,
                m.pseudonym.split('-').next().unwrap_or(""),
                m.original.as_str(),
            )
        })
        .collect();
    prop_assert_eq!(prefixed.len(), mapping.len());

    // 4. What must go does go: every person string outside the fields the rules read, the
    //    tenant names, the account name.
    let (sv, rv) = (snapshot_value(&source), snapshot_value(&red));
    let persons = |v: &Value| v["responses"]["/platform/configuration/persons"]["persons"].clone();
    if let (Value::Array(before), Value::Array(after)) = (persons(&sv), persons(&rv)) {
        for (x, y) in before.iter().zip(&after) {
            let Value::Object(x) = x else { continue };
            for (k, v) in x {
                let kept = [
                    "DBID",
                    "tenantDBID",
                    "isAgent",
                    "state",
                    "agentInfo",
                    "CfgAgentInfo",
                    "userProperties",
                ];
                if let Value::String(text) = v
                    && !kept.contains(&k.as_str())
                    && !text.trim().is_empty()
                {
                    prop_assert_ne!(&y[k], v, "person field {} kept", k);
                }
            }
        }
    }
    if let Value::Array(tenants) = &sv["responses"]["/platform/configuration/tenants"]["tenants"] {
        for (i, t) in tenants.iter().enumerate() {
            if t["name"].as_str().is_some_and(|n| !n.trim().is_empty()) {
                prop_assert_ne!(
                    &t["name"],
                    &rv["responses"]["/platform/configuration/tenants"]["tenants"][i]["name"]
                );
            }
        }
    }
    if sv["source"]["user"].is_string() {
        prop_assert_ne!(&sv["source"]["user"], &rv["source"]["user"]);
    }
    Ok(())
}

fn mapping_of(text: &str, k: Key) -> Vec<MapEntry> {
    redact(
        load(text),
        &Options {
            key: k,
            keep_hosts: false,
        },
    )
    .expect("redact")
    .mapping
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    #[test]
    fn redaction_keeps_every_computed_result(
        agents in 3usize..160,
        seed in any::<u64>(),
        edge_cases in any::<bool>(),
        keep_hosts in any::<bool>(),
    ) {
        let text = generate(&SynthOptions { agents, seed, edge_cases });
        check_redaction(&text, keep_hosts)?;
    }

    #[test]
    fn one_key_gives_one_set_of_pseudonyms(
        agents in 3usize..80,
        seeds in (any::<u64>(), any::<u64>()),
    ) {
        let a = generate(&SynthOptions { agents, seed: seeds.0, edge_cases: true });
        let b = generate(&SynthOptions { agents: agents + 7, seed: seeds.1, edge_cases: false });
        let (ma, mb) = (mapping_of(&a, key(9)), mapping_of(&b, key(9)));
        let index: HashMap<(Kind, &str), &str> =
            ma.iter().map(|m| ((m.kind, m.original.as_str()), m.pseudonym.as_str())).collect();
        let mut shared = 0;
        for m in &mb {
            if let Some(p) = index.get(&(m.kind, m.original.as_str())) {
                shared += 1;
                // The prefix says the field (user-, first-, …); the token is the key's.
                let token = |s: &str| s.rsplit('-').next().unwrap_or("").to_string();
                prop_assert_eq!(token(p), token(&m.pseudonym), "{}", m.original);
            }
        }
        // At least the account name, the GWS host and the tenants are in both.
        prop_assert!(shared >= 3, "only {} shared values", shared);
        let other = mapping_of(&a, key(10));
        let same = other.iter().filter(|m| ma.iter().any(|n| n.pseudonym == m.pseudonym)).count();
        prop_assert_eq!(same, 0, "another key gives other pseudonyms");
    }
}

#[test]
fn redacted_demo_and_examples_audit_alike() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/examples");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("examples") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|s| s.to_str()).unwrap_or("");
        if !(name.starts_with("snapshot-") && name.ends_with(".json")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        check_redaction(&text, false).unwrap_or_else(|e| panic!("{name}: {e}"));
        n += 1;
    }
    assert!(n > 0);
    let demo = snapshot::to_json_string(&snapshot::demo().expect("demo"));
    check_redaction(&demo, false).unwrap_or_else(|e| panic!("demo: {e}"));
}

// ---------------------------------------------------------------------------------------------
// The command

fn gwsx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .env("GWSX_CONFIG", "/dev/null")
        .args(args)
        .output()
        .expect("run gwsx")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn small_snapshot(dir: &Path) -> String {
    let path = dir.join("cust.json");
    std::fs::write(
        &path,
        generate(&SynthOptions {
            agents: 40,
            seed: 5,
            edge_cases: true,
        }),
    )
    .expect("write");
    path.display().to_string()
}

#[test]
fn command_writes_gzip_mapping_and_a_reusable_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = small_snapshot(dir.path());
    let p = |n: &str| dir.path().join(n).display().to_string();
    let out = gwsx(&[
        "redact",
        &src,
        "--output",
        &p("a.json.gz"),
        "--key-file",
        &p("key"),
        "--mapping",
        &p("map.csv"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let gz = std::fs::read(p("a.json.gz")).expect("output");
    assert_eq!(&gz[..2], &[0x1f, 0x8b], "gzip by name");
    let key = std::fs::read_to_string(p("key")).expect("key file");
    assert_eq!(key.trim().len(), 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(p("key"))
            .expect("key")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "key file is private");
    }
    let csv = std::fs::read_to_string(p("map.csv")).expect("mapping");
    assert!(csv.starts_with("pseudonym,original,kind,field\n"));
    assert!(csv.contains(",svc-audit,text,source.user\n"), "{csv}");
    assert!(csv.contains(",gws.example.com,host,"), "{csv}");

    // The same key again: byte-identical output.
    let again = gwsx(&[
        "redact",
        &src,
        "--output",
        &p("b.json.gz"),
        "--key-file",
        &p("key"),
    ]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(std::fs::read(p("b.json.gz")).expect("b"), gz);
    assert_eq!(
        std::fs::read_to_string(p("key")).expect("key"),
        key,
        "key kept"
    );

    // The audit of the output: the same findings.
    let audit = |f: &str| {
        let o = gwsx(&["audit", f, "--format", "json", "--fail-on", "never"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: Value = serde_json::from_slice(&o.stdout).expect("json");
        let keys: Vec<String> = v["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                format!(
                    "{} {} {} {} {}",
                    f["rule"], f["severity"], f["target"]["kind"], f["target"]["id"], f["option"]
                )
            })
            .collect();
        (keys, v["summary"]["score"].clone())
    };
    assert_eq!(audit(&src), audit(&p("a.json.gz")));

    // A bad key file is one line, exit 2.
    std::fs::write(p("badkey"), "not a key").expect("write");
    let bad = gwsx(&[
        "redact",
        &src,
        "--output",
        &p("c.json"),
        "--key-file",
        &p("badkey"),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(stderr(&bad).lines().count(), 1, "{}", stderr(&bad));
    assert!(!dir.path().join("c.json").exists());
}

#[test]
fn command_refuses_the_source_links_fifos_devices_and_directories() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = small_snapshot(dir.path());
    let before = std::fs::read(&src).expect("source");
    let p = |n: &str| dir.path().join(n).display().to_string();
    let mut refused = vec![src.clone(), dir.path().display().to_string()];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&src, p("link.json")).expect("symlink");
        refused.push(p("link.json"));
        std::os::unix::fs::symlink(p("nowhere"), p("dangling.json")).expect("symlink");
        refused.push(p("dangling.json"));
        let fifo = p("fifo");
        let made = Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            refused.push(fifo);
        }
        refused.push("/dev/null".to_string());
    }
    for target in &refused {
        let out = gwsx(&["redact", &src, "--output", target]);
        assert_eq!(out.status.code(), Some(2), "{target}: {}", stderr(&out));
        assert_eq!(
            stderr(&out).lines().count(),
            1,
            "{target}: {}",
            stderr(&out)
        );
    }
    assert_eq!(
        std::fs::read(&src).expect("source"),
        before,
        "source untouched"
    );
    assert!(!dir.path().join("nowhere").exists());
}
