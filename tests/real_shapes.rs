//! Real GWS shapes (SNAPSHOT.md §2–3): bodies rebuilt from public GWS material in
//! `tests/fixtures/real/` (README.md there says where each comes from), what gwsx makes of each
//! on its own and inside a folder of curl output, and the type-name serialisation, which must
//! give byte-identical results at scale.

use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn real(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(name)
}

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/examples/snapshot-101.json")
}

fn gwsx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .env("GWSX_CONFIG", "/dev/null")
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run gwsx")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// A file that is not a GWS body is refused on its own, in one line that says what it is.
#[track_caller]
fn refused_alone(name: &str, expect: &[&str]) {
    let path = real(name);
    let out = gwsx(&["agents", &path.display().to_string(), "--format", "json"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{name}: {err}");
    assert_eq!(err.lines().count(), 1, "{name}: {err}");
    assert!(err.contains(name), "{name}: the line names the file: {err}");
    for e in expect {
        assert!(
            err.to_lowercase().contains(&e.to_lowercase()),
            "{name}: expected {e:?} in {err}"
        );
    }
}

#[test]
fn each_non_body_is_described_on_its_own() {
    refused_alone("me.json", &["/me", "not a resource gwsx reads"]);
    refused_alone(
        "access-denied.json",
        &["saved failure", "statusCode 20", "Access denied"],
    );
    refused_alone(
        "platform-exception.json",
        &["statusCode 4", "Platform exception", "platformCode 10"],
    );
    refused_alone(
        "csrf-403.json",
        &["not valid JSON", "Csrf", "CSRF protection"],
    );
    refused_alone(
        "general-settings.json",
        &["settings object", "general-settings"],
    );
    refused_alone("settings-groups.json", &["settings groups of /settings"]);
    refused_alone("users-links.json", &["links only", "?fields=*"]);
    refused_alone("access-groups-cfggroup.json", &["access-groups list"]);
    refused_alone(
        "single-application.json",
        &[
            "single application (DBID 109)",
            "/platform/configuration/applications",
        ],
    );
    refused_alone(
        "single-person.json",
        &[
            "single person (DBID 101)",
            "/platform/configuration/persons",
        ],
    );
    refused_alone("gax-export.json", &["array", "GAX export"]);
    refused_alone(
        "login-page.json",
        &["HTML page", "Sign in - Genesys", "login"],
    );
    refused_alone("empty.json", &["empty"]);
    refused_alone("truncated-persons.json", &["truncated", ":1:"]);
}

/// Persons with lower-case keys are no agents and no "A 100": the resource is unreadable,
/// and with nothing else read the source is refused, naming what was seen.
#[test]
fn lower_case_persons_are_unreadable_not_empty() {
    let path = real("persons-lowercase.json").display().to_string();
    for cmd in ["agents", "audit"] {
        let out = gwsx(&[cmd, &path, "--format", "json"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("nothing could be read"), "{err}");
        assert!(
            err.contains("2 items, none readable: no DBID; keys seen: dbid, username, firstname"),
            "{err}"
        );
    }
}

/// The Internal Configuration API's agent-logins sample: every scalar a string, fields gwsx
/// ignores beside the ones it reads.
#[test]
fn agent_logins_of_the_internal_config_api_read_as_strings() {
    let snap = gwsx::snapshot::load(&real("agent-logins-internal-config-api.json")).expect("load");
    let model = gwsx::model::Model::from_snapshot(&snap).expect("model");
    let logins = model.agent_logins.as_ref().expect("agent-logins available");
    let read: Vec<(Option<i64>, Option<i64>, Option<&str>)> = logins
        .iter()
        .map(|l| (l.dbid, l.switch_dbid, l.login_code.as_deref()))
        .collect();
    assert_eq!(
        read,
        [
            (Some(261), Some(101), Some("111")),
            (Some(263), Some(101), Some("123456789"))
        ]
    );
    assert!(model.partial.is_empty());
    let version = gwsx::snapshot::load(&real("diagnostics-version.json")).expect("load");
    let model = gwsx::model::Model::from_snapshot(&version).expect("model");
    assert_eq!(model.version.as_deref().ok(), Some("8.5.200.50"));
}

/// Writes each response of snapshot-101 as a loose file (as curl saves them), beside `extra`
/// fixtures; returns the folder.
fn curl_folder(extra: &[&str], rename: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let snap: Value =
        serde_json::from_str(&std::fs::read_to_string(example()).expect("read")).expect("json");
    for (path, body) in snap["responses"].as_object().expect("responses") {
        let name = rename(
            &path
                .trim_start_matches('/')
                .replace(['/', '?', '*', '='], "_"),
        );
        std::fs::write(
            dir.path().join(format!("{name}.json")),
            serde_json::to_string(body).expect("text"),
        )
        .expect("write");
    }
    for name in extra {
        std::fs::copy(real(name), dir.path().join(name)).expect("copy");
    }
    dir
}

fn run_json(args: &[&str]) -> (Value, String) {
    let out = gwsx(args);
    let err = stderr(&out);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: exit {:?}: {err}",
        out.status.code()
    );
    (serde_json::from_slice(&out.stdout).expect("json"), err)
}

/// (rule, severity, kind, id, option) of every finding.
fn keys(audit: &Value) -> Vec<String> {
    audit["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            format!(
                "{} {} {} {} {}",
                f["rule"], f["severity"], f["target"]["kind"], f["target"]["id"], f["option"]
            )
        })
        .collect()
}

const JUNK: [&str; 15] = [
    "me.json",
    "access-denied.json",
    "platform-exception.json",
    "csrf-403.json",
    "general-settings.json",
    "settings-groups.json",
    "users-links.json",
    "access-groups-cfggroup.json",
    "single-application.json",
    "single-person.json",
    "gax-export.json",
    "login-page.json",
    "empty.json",
    "truncated-persons.json",
    "persons-lowercase.json",
];

/// A folder of curl output with every kind of non-body beside the eleven bodies reads
/// exactly like the snapshot, and names each file it skipped.
#[test]
fn a_folder_of_curl_output_never_sinks_and_reads_as_the_snapshot() {
    let snap = example().display().to_string();
    let (want_agents, _) = run_json(&["agents", &snap, "--format", "json"]);
    let (want_audit, _) = run_json(&["audit", &snap, "--format", "json"]);
    // The lower-case persons file sorts before the real one: a readable body still wins.
    let dir = curl_folder(&JUNK, |n| n.to_string());
    let folder = dir.path().display().to_string();
    // Loose files carry no gwsConfig: the flags give what the snapshot holds.
    let config = [
        "--use-employee-id-login",
        "true",
        "--browser-protocol",
        "https",
    ];
    let args = |cmd: &'static str| -> Vec<&str> {
        let mut a = vec![cmd, folder.as_str(), "--format", "json"];
        a.extend(config);
        a
    };
    let (agents, err) = run_json(&args("agents"));
    assert!(
        agents == want_agents,
        "the folder's agents differ from the snapshot's"
    );
    for junk in JUNK.iter().filter(|j| **j != "persons-lowercase.json") {
        assert!(
            err.lines()
                .any(|l| l.contains(junk) && l.contains("skipped")),
            "{junk} must be named: {err}"
        );
    }
    assert!(
        err.contains("persons-lowercase.json: set aside: it cannot be read"),
        "{err}"
    );
    let (audit, _) = run_json(&args("audit"));
    assert_eq!(keys(&audit), keys(&want_audit));
    assert_eq!(audit["summary"]["complete"], json!(true));
}

#[test]
fn a_folder_missing_a_body_says_so_in_the_score() {
    let dir = curl_folder(&["general-settings.json"], |n| n.to_string());
    std::fs::remove_file(dir.path().join("settings_interaction-workspace.json")).expect("rm");
    let folder = dir.path().display().to_string();
    let (audit, err) = run_json(&["audit", &folder, "--format", "json", "--fail-on", "never"]);
    assert!(err.contains("general-settings.json: skipped"), "{err}");
    assert_eq!(audit["summary"]["complete"], json!(false));
    assert_eq!(
        audit["summary"]["unavailable"],
        json!(["/settings/interaction-workspace"])
    );
    assert!(keys(&audit).iter().any(|k| k.starts_with("\"GWS-501\"")));
    let text = gwsx(&["audit", &folder, "--fail-on", "never"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("incomplete"), "{text}");
}

#[test]
fn a_folder_with_no_body_is_refused_in_one_line_that_counts_what_it_holds() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in [
        "login-page.json",
        "empty.json",
        "access-denied.json",
        "platform-exception.json",
    ] {
        std::fs::copy(real(name), dir.path().join(name)).expect("copy");
    }
    let folder = dir.path().display().to_string();
    let out = gwsx(&["audit", &folder, "--fail-on", "warn"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no GWS response body among 4 files: 2 saved failures"),
        "{err}"
    );
    assert!(err.contains("1 HTML page (login-page.json)"), "{err}");
    assert!(err.contains("1 empty (empty.json)"), "{err}");
}

#[test]
fn more_than_twenty_skips_are_summarised() {
    let dir = curl_folder(&[], |n| n.to_string());
    for i in 0..30 {
        let name = if i % 3 == 0 {
            "login-page.json"
        } else {
            "empty.json"
        };
        std::fs::copy(real(name), dir.path().join(format!("junk-{i:02}.json"))).expect("copy");
    }
    let out = gwsx(&[
        "agents",
        &dir.path().display().to_string(),
        "--format",
        "json",
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let warnings: Vec<&str> = err.lines().collect();
    assert_eq!(warnings.len(), 21, "{err}");
    assert!(
        warnings[20].contains("10 more files skipped: 7 empty, 3 HTML pages"),
        "{err}"
    );
}

// ------------------------------------------------------------- type-name serialisation

/// Rewrites a snapshot the way GWS serialises access groups: structures under their type
/// name, scalars as strings, `statusCode` as a string or absent.
fn type_name_serialisation(snapshot: &mut Value) {
    let responses = snapshot["responses"].as_object_mut().expect("responses");
    for (i, (path, body)) in responses.iter_mut().enumerate() {
        let Some(obj) = body.as_object_mut() else {
            continue;
        };
        match i % 3 {
            0 => {
                obj.remove("statusCode");
            }
            1 => {
                obj.insert("statusCode".into(), json!("0"));
            }
            _ => {}
        }
        let key = path.rsplit('/').next().unwrap_or("").to_string();
        let Some(Value::Array(items)) = obj.get_mut(&key) else {
            continue;
        };
        for item in items.iter_mut() {
            rewrite_item(&key, item);
        }
    }
}

fn rewrite_item(list: &str, item: &mut Value) {
    let Some(obj) = item.as_object_mut() else {
        return;
    };
    match list {
        "agent-groups" => {
            if let Some(info) = obj.remove("groupInfo") {
                obj.insert("CfgGroup".into(), info);
            }
        }
        "persons" => {
            if let Some(mut info) = obj.remove("agentInfo") {
                if let Some(Value::Array(entries)) = info.get_mut("agentLogins") {
                    for e in entries.iter_mut() {
                        *e = json!({ "CfgAgentLoginInfo": e.take() });
                    }
                }
                obj.insert("CfgAgentInfo".into(), info);
            }
        }
        "applications" => {
            if let Some(Value::Array(conns)) = obj.get_mut("appServerDBIDs") {
                for c in conns.iter_mut() {
                    *c = json!({ "CfgConnInfo": c.take() });
                }
            }
        }
        _ => {}
    }
    stringify_scalars(obj);
}

/// Numbers become their text, as the Platform Configuration API sends them (option values
/// excepted: a number there is its JSON text anyway, RULES.md §3).
fn stringify_scalars(obj: &mut Map<String, Value>) {
    for (key, value) in obj.iter_mut() {
        match value {
            Value::Number(n) => *value = Value::String(n.to_string()),
            Value::Object(inner) if key != "userProperties" && key != "options" => {
                stringify_scalars(inner)
            }
            Value::Array(items) => {
                for v in items.iter_mut() {
                    match v {
                        Value::Number(n) => *v = Value::String(n.to_string()),
                        Value::Object(inner) => stringify_scalars(inner),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

fn outputs(text: &str) -> (String, String) {
    let snap = gwsx::snapshot::from_bytes(text.as_bytes().to_vec(), "s.json").expect("load");
    let inv = gwsx::domain::Inventory::from_snapshot(&snap, &Default::default()).expect("inv");
    let findings = gwsx::audit::run(&inv);
    let card = gwsx::audit::report::scorecard(&inv, &findings);
    (
        gwsx::agents::to_json(&inv, None),
        gwsx::audit::report::to_json(&findings, &card),
    )
}

fn assert_type_names_read_alike(agents: usize, seed: u64) {
    let text = gwsx_synth::generate(&gwsx_synth::SynthOptions {
        agents,
        seed,
        edge_cases: true,
    });
    let mut rewritten: Value = serde_json::from_str(&text).expect("json");
    type_name_serialisation(&mut rewritten);
    let rewritten = serde_json::to_string(&rewritten).expect("text");
    assert!(rewritten.contains("\"CfgGroup\"") && rewritten.contains("\"CfgAgentLoginInfo\""));
    let (agents_a, audit_a) = outputs(&text);
    let (agents_b, audit_b) = outputs(&rewritten);
    assert!(agents_a == agents_b, "agents JSON differs (seed {seed})");
    assert!(audit_a == audit_b, "audit JSON differs (seed {seed})");
    assert!(!audit_a.contains("GWS-507"));
}

#[test]
fn the_type_name_serialisation_gives_byte_identical_results() {
    for seed in [1, 7] {
        assert_type_names_read_alike(3_000, seed);
    }
    let text = std::fs::read_to_string(example()).expect("read");
    let mut rewritten: Value = serde_json::from_str(&text).expect("json");
    type_name_serialisation(&mut rewritten);
    let (a, b) = (outputs(&text), outputs(&rewritten.to_string()));
    assert_eq!(a.0, b.0);
    assert_eq!(a.1, b.1);
}

#[test]
#[ignore = "50,000 agents: run with --ignored --release"]
fn the_type_name_serialisation_at_fifty_thousand_agents() {
    assert_type_names_read_alike(50_000, 3);
}

#[test]
fn partly_unreadable_lists_are_used_and_flagged() {
    let text = std::fs::read_to_string(example()).expect("read");
    let mut snap: Value = serde_json::from_str(&text).expect("json");
    let persons = snap["responses"]["/platform/configuration/persons"]["persons"]
        .as_array_mut()
        .expect("persons");
    let total = persons.len();
    persons[3] = json!({"dbid": "9999", "username": "ghost"});
    persons[5] = json!("/api/v2/platform/configuration/persons/9998");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("partial.json");
    std::fs::write(&path, snap.to_string()).expect("write");
    let (audit, err) = run_json(&[
        "audit",
        &path.display().to_string(),
        "--format",
        "json",
        "--only",
        "GWS-507",
    ]);
    assert!(
        err.contains(&format!(
            "/platform/configuration/persons: 2 of {total} items unreadable"
        )),
        "{err}"
    );
    let found = audit["findings"].as_array().expect("findings");
    assert_eq!(found.len(), 1, "{audit}");
    assert_eq!(found[0]["option"], json!("/platform/configuration/persons"));
    assert_eq!(found[0]["severity"], json!("warn"));
    let message = found[0]["message"].as_str().unwrap_or("");
    assert!(message.contains("first is at index 3"), "{message}");
    assert!(message.contains("no DBID"), "{message}");
}

#[test]
fn every_fixture_is_described_in_the_readme() {
    let readme = std::fs::read_to_string(real("README.md")).expect("tests/fixtures/real/README.md");
    for entry in std::fs::read_dir(real("")).expect("dir") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .to_string();
        if name != "README.md" {
            assert!(
                readme.contains(&format!("`{name}`")),
                "{name} not in README"
            );
        }
    }
    assert!(Path::new(&real("README.md")).exists());
}
