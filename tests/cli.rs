//! The command line contract (spec/CLI.md) on the worked examples and small fixtures.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn gwsx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .env("GWSX_CONFIG", "/dev/null")
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run gwsx")
}

fn stdout_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn example(n: &str, kind: &str) -> (String, Value) {
    let snap = fixture(&format!("examples/snapshot-{n}.json"));
    let expected = std::fs::read_to_string(fixture(&format!("examples/expected-{kind}-{n}.json")))
        .expect("expected file");
    (
        snap.display().to_string(),
        serde_json::from_str(&expected).expect("expected JSON"),
    )
}

#[test]
fn agents_json_equals_the_worked_examples() {
    for n in ["101", "104", "105"] {
        let (snap, expected) = example(n, "agents");
        let out = gwsx(&["agents", &snap, "--format", "json"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(contract_fields(stdout_json(&out)), expected, "snapshot {n}");
    }
}

/// The fields `gwsx agents` adds after the contract's (CLI.md), for people and scripts.
const ADDED_AGENT_FIELDS: [&str; 4] = [
    "fullName",
    "voiceEnvironmentName",
    "loginReason",
    "findings",
];

/// The agents JSON with only the contract's fields, after checking the added ones are there.
fn contract_fields(mut doc: Value) -> Value {
    for agent in doc["agents"].as_array_mut().into_iter().flatten() {
        let obj = agent.as_object_mut().expect("an agent object");
        for key in ADDED_AGENT_FIELDS {
            assert!(obj.contains_key(key), "{key} missing");
            obj.remove(key);
        }
    }
    doc
}

#[test]
fn agents_json_adds_the_name_the_voice_environment_the_reason_and_the_finding_counts() {
    let (snap, _) = example("101", "agents");
    let doc = stdout_json(&gwsx(&["agents", &snap, "--format", "json"]));
    let agent = doc["agents"]
        .as_array()
        .and_then(|a| a.iter().find(|a| a["id"] == "person:105"))
        .expect("person:105");
    assert_eq!(agent["fullName"], "Ahmed Papadopoulos");
    assert_eq!(agent["voiceEnvironmentName"], "SIPS_Paris");
    assert!(
        agent["loginReason"]
            .as_str()
            .is_some_and(|r| r.contains("employee ID E100105")),
        "{agent}"
    );
    let audit = stdout_json(&gwsx(&[
        "audit",
        &snap,
        "--format",
        "json",
        "--fail-on",
        "never",
    ]));
    let mine = |sev: &str| {
        audit["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["target"]["id"] == "person:105" && f["severity"] == sev)
            .count() as u64
    };
    for sev in ["error", "warn", "info"] {
        assert_eq!(agent["findings"][sev].as_u64(), Some(mine(sev)), "{sev}");
    }
}

/// (rule, severity, target kind, target id, option) in output order.
fn finding_keys(doc: &Value) -> Vec<(String, String, String, String, Value)> {
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or("").to_string(),
                f["severity"].as_str().unwrap_or("").to_string(),
                f["target"]["kind"].as_str().unwrap_or("").to_string(),
                f["target"]["id"].as_str().unwrap_or("").to_string(),
                f["option"].clone(),
            )
        })
        .collect()
}

/// The project's own rules (GWS-502 and up) run by default; the worked examples list
/// catalogue codes only, so they are compared on those (RULES.md §4).
const OWN_RULES: &str = "GWS-502,GWS-503,GWS-504,GWS-505,GWS-506,GWS-507";

fn is_catalogue(rule: &str) -> bool {
    rule <= "GWS-501"
}

#[test]
fn audit_json_equals_the_worked_examples() {
    for n in ["101", "104", "105"] {
        let (snap, expected) = example(n, "audit");
        let all = stdout_json(&gwsx(&[
            "audit",
            &snap,
            "--format",
            "json",
            "--fail-on",
            "never",
        ]));
        let catalogue: Vec<_> = finding_keys(&all)
            .into_iter()
            .filter(|k| is_catalogue(&k.0))
            .collect();
        assert_eq!(
            catalogue,
            finding_keys(&expected),
            "snapshot {n}, default run"
        );
        let out = gwsx(&[
            "audit",
            &snap,
            "--format",
            "json",
            "--fail-on",
            "never",
            "--exclude",
            OWN_RULES,
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = stdout_json(&out);
        assert_eq!(finding_keys(&got), finding_keys(&expected), "snapshot {n}");
        for sev in ["error", "warn", "info"] {
            assert_eq!(
                got["summary"][sev], expected["summary"][sev],
                "snapshot {n} {sev}"
            );
        }
        // 104 lacks tenants, 105 agent-logins and the version: their scores are incomplete.
        assert_eq!(
            got["summary"]["complete"],
            Value::Bool(n == "101"),
            "snapshot {n}"
        );
        let score = got["summary"]["score"].as_u64().expect("score");
        assert!(score <= 100);
        assert!(
            got["summary"]["grade"]
                .as_str()
                .is_some_and(|g| "ABCDEF".contains(g))
        );
        for f in got["findings"].as_array().into_iter().flatten() {
            assert!(!f["message"].as_str().unwrap_or("").is_empty());
        }
    }
}

#[test]
fn audit_exit_codes_follow_fail_on() {
    let (snap, _) = example("101", "audit");
    assert_eq!(
        gwsx(&["audit", &snap, "--format", "json"]).status.code(),
        Some(1)
    );
    assert_eq!(
        gwsx(&["audit", &snap, "--fail-on", "never"]).status.code(),
        Some(0)
    );
    // Only info findings left: below the default threshold (error), above --fail-on info.
    assert_eq!(
        gwsx(&["audit", &snap, "--only", "GWS-104"]).status.code(),
        Some(0)
    );
    assert_eq!(
        gwsx(&["audit", &snap, "--only", "GWS-104", "--fail-on", "info"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        gwsx(&[
            "audit",
            &snap,
            "--min-severity",
            "warn",
            "--fail-on",
            "info",
            "--only",
            "GWS-104"
        ])
        .status
        .code(),
        Some(0)
    );
    let bad = gwsx(&["audit", &snap, "--only", "GWS-999"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&bad.stderr).lines().count(), 1);
}

#[test]
fn filters_apply_to_every_format_and_the_summary() {
    let (snap, _) = example("101", "audit");
    let json = stdout_json(&gwsx(&[
        "audit",
        &snap,
        "--format",
        "json",
        "--only",
        "GWS-404,GWS-403",
    ]));
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(!rules.is_empty() && rules.iter().all(|r| *r == "GWS-404" || *r == "GWS-403"));
    assert_eq!(json["summary"]["error"], 0);
    assert_eq!(json["summary"]["warn"].as_u64(), Some(rules.len() as u64));

    let text = String::from_utf8(
        gwsx(&[
            "audit",
            &snap,
            "--format",
            "text",
            "--only",
            "GWS-404,GWS-403",
        ])
        .stdout,
    )
    .unwrap_or_default();
    assert!(text.contains("GWS-404") && !text.contains("GWS-101") && !text.contains("GWS-201"));

    let sarif = stdout_json(&gwsx(&[
        "audit",
        &snap,
        "--format",
        "sarif",
        "--only",
        "GWS-404,GWS-403",
    ]));
    let ids: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    assert_eq!(ids.len(), rules.len());
    assert!(ids.iter().all(|r| *r == "GWS-404" || *r == "GWS-403"));

    let junit = String::from_utf8(
        gwsx(&[
            "audit",
            &snap,
            "--format",
            "junit",
            "--only",
            "GWS-404,GWS-403",
        ])
        .stdout,
    )
    .unwrap_or_default();
    // One testcase per rule kept, one failure per testcase that has findings.
    assert_eq!(junit.matches("<testcase ").count(), 2);
    let failing: std::collections::BTreeSet<&&str> = rules.iter().collect();
    assert_eq!(junit.matches("<failure ").count(), failing.len());

    let excluded = stdout_json(&gwsx(&[
        "audit",
        &snap,
        "--format",
        "json",
        "--exclude",
        "GWS-404",
        "--min-severity",
        "warn",
    ]));
    for f in excluded["findings"].as_array().into_iter().flatten() {
        assert_ne!(f["rule"], "GWS-404");
        assert_ne!(f["severity"], "info");
    }
    assert_eq!(excluded["summary"]["info"], 0);
}

#[test]
fn sarif_is_structurally_valid() {
    let (snap, _) = example("104", "audit");
    let sarif = stdout_json(&gwsx(&["audit", &snap, "--format", "sarif"]));
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        sarif["$schema"]
            .as_str()
            .is_some_and(|s| s.contains("sarif"))
    );
    let run = &sarif["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "gwsx");
    let rules = driver["rules"].as_array().expect("driver rules");
    let mut defined = BTreeMap::new();
    for (i, r) in rules.iter().enumerate() {
        let id = r["id"].as_str().expect("rule id");
        assert!(
            r["shortDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
        assert!(r["help"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(
            ["error", "warning", "note"]
                .contains(&r["defaultConfiguration"]["level"].as_str().unwrap_or(""))
        );
        defined.insert(id.to_string(), i);
    }
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for r in results {
        let id = r["ruleId"].as_str().expect("ruleId");
        assert_eq!(
            defined.get(id).copied(),
            r["ruleIndex"].as_u64().map(|i| i as usize),
            "{id}"
        );
        assert!(r["message"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap_or("")));
        let loc = &r["locations"][0]["logicalLocations"][0];
        assert!(
            loc["fullyQualifiedName"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
    }
}

#[test]
fn text_report_respects_no_color() {
    let (snap, _) = example("101", "audit");
    let out = Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .env("GWSX_CONFIG", "/dev/null")
        .args(["audit", &snap])
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\x1b'));
    assert!(text.contains("ERROR") && text.contains("WARN") && text.contains("score"));
}

#[test]
fn agents_table_csv_and_filter() {
    let (snap, _) = example("101", "agents");
    let table = String::from_utf8(gwsx(&["agents", &snap]).stdout).unwrap_or_default();
    assert!(table.starts_with("ID"));
    assert!(table.contains("52 agent(s)"));
    let csv =
        String::from_utf8(gwsx(&["agents", &snap, "--format", "csv"]).stdout).unwrap_or_default();
    assert_eq!(csv.split("\r\n").filter(|l| !l.is_empty()).count(), 53);
    assert!(csv.starts_with("id,userName,"));
    let filtered = stdout_json(&gwsx(&[
        "agents", &snap, "--format", "json", "--filter", "E100115",
    ]));
    let agents = filtered["agents"].as_array().expect("agents");
    assert!(!agents.is_empty());
    assert!(agents.iter().all(|a| a.to_string().contains("E100115")));
}

#[test]
fn gws_config_file_and_flags_override_the_snapshot() {
    let (snap, _) = example("101", "agents");
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = dir.path().join("application.yaml");
    std::fs::write(
        &yaml,
        "serverSettings:\n  externalApiUrlV2: http://gws.example.com/api/v2\n  nested:\n    useEmployeeIdAsAgentLoginForSIPCluster: \"FALSE\"\nuseEmployeeIdAsAgentLoginForSIPCluster: true\n",
    )
    .expect("write yaml");
    let yaml = yaml.display().to_string();
    let sources = |args: &[&str]| -> Vec<String> {
        let doc = stdout_json(&gwsx(
            &[&["agents", &snap, "--format", "json"], args].concat(),
        ));
        doc["agents"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a["loginIdSource"].as_str().map(String::from))
            .collect()
    };
    assert!(sources(&[]).iter().any(|s| s == "employee-id"));
    // The nested key comes first in document order: false.
    assert!(
        sources(&["--gws-config", &yaml])
            .iter()
            .all(|s| s != "employee-id")
    );
    // A flag beats the file.
    assert!(
        sources(&["--gws-config", &yaml, "--use-employee-id-login", "true"])
            .iter()
            .any(|s| s == "employee-id")
    );
    // The file's externalApiUrlV2 is http: GWS-304 now fires for https URIs.
    let audit = stdout_json(&gwsx(&[
        "audit",
        &snap,
        "--format",
        "json",
        "--gws-config",
        &yaml,
        "--only",
        "GWS-304",
    ]));
    assert!(audit["summary"]["error"].as_u64().unwrap_or(0) > 1);

    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "a: [unclosed\n").expect("write");
    let out = gwsx(&["agents", &snap, "--gws-config", &bad.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("bad.yaml"));
    let wrong = dir.path().join("wrong.yaml");
    std::fs::write(&wrong, "useEmployeeIdAsAgentLoginForSIPCluster: maybe\n").expect("write");
    let out = gwsx(&[
        "agents",
        &snap,
        "--gws-config",
        &wrong.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("maybe"));
}

#[test]
fn demo_opens_everywhere() {
    let out = gwsx(&["agents", "demo", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = gwsx(&["audit", "demo", "--format", "json", "--fail-on", "never"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn bad_usage_is_one_line_and_exit_2() {
    for args in [
        &["agents"][..],
        &["audit", "x", "--format", "pdf"],
        &["--bogus"],
    ] {
        let out = gwsx(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn integrity_rules_run_by_default_and_extended_is_still_accepted() {
    let (snap, _) = example("101", "audit");
    let plain = stdout_json(&gwsx(&[
        "audit",
        &snap,
        "--format",
        "json",
        "--fail-on",
        "never",
        "--exclude",
        OWN_RULES,
    ]));
    let extended = stdout_json(&gwsx(&[
        "audit",
        &snap,
        "--format",
        "json",
        "--fail-on",
        "never",
        "--extended",
    ]));
    let codes = |doc: &Value| -> Vec<(String, String)> {
        doc["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["rule"].as_str().is_some_and(|r| r > "GWS-501"))
            .map(|f| {
                (
                    f["rule"].as_str().unwrap_or("").to_string(),
                    f["target"]["id"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    assert!(codes(&plain).is_empty());
    let found = codes(&extended);
    assert!(
        found.contains(&("GWS-502".into(), "person:102".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("GWS-503".into(), "person:147".into())),
        "{found:?}"
    );
    assert!(found.iter().any(|(r, _)| r == "GWS-504"), "{found:?}");
}

/// RULES.md §5: a family that checked nothing has no score; a snapshot missing resources is
/// incomplete in every format; a source from which nothing was read has no score at all.
#[test]
fn scores_speak_only_of_what_was_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let only_version = dir.path().join("version-only.json");
    std::fs::write(
        &only_version,
        r#"{"gwsxSnapshot":1,"responses":{"/diagnostics/version":{"statusCode":0,"version":"8.5.201.09"}}}"#,
    )
    .expect("write");
    let path = only_version.display().to_string();
    let doc = stdout_json(&gwsx(&[
        "audit",
        &path,
        "--format",
        "json",
        "--fail-on",
        "never",
    ]));
    let summary = &doc["summary"];
    assert_eq!(summary["complete"], Value::Bool(false));
    assert_eq!(summary["unavailable"].as_array().map(Vec::len), Some(10));
    for family in ["GWS-1xx", "GWS-2xx", "GWS-3xx", "GWS-4xx"] {
        assert_eq!(
            summary["families"][family]["score"],
            Value::Null,
            "{family}"
        );
        assert_eq!(
            summary["families"][family]["grade"],
            Value::Null,
            "{family}"
        );
    }
    assert!(summary["score"].is_u64(), "{summary}");
    let text = gwsx(&["audit", &path, "--fail-on", "never", "--no-color"]);
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    assert!(text.contains("score n/a"), "{text}");
    assert!(
        text.contains("incomplete: 10 resources unavailable"),
        "{text}"
    );
    for format in ["sarif", "junit"] {
        let out = gwsx(&["audit", &path, "--format", format, "--fail-on", "never"]);
        let out = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(out.contains("complete"), "{format}: {out}");
    }

    let failed = dir.path().join("all-failed.json");
    let mut responses = serde_json::Map::new();
    for path in [
        "/diagnostics/version",
        "/genesys-environments?fields=*",
        "/settings/interaction-workspace",
        "/platform/configuration/tenants",
        "/platform/configuration/applications",
        "/platform/configuration/switches",
        "/platform/configuration/dns",
        "/platform/configuration/places",
        "/platform/configuration/agent-logins",
        "/platform/configuration/agent-groups",
        "/platform/configuration/persons",
    ] {
        responses.insert(
            path.into(),
            serde_json::json!({"statusCode": 20, "statusMessage": "Access denied"}),
        );
    }
    let snap = serde_json::json!({"gwsxSnapshot": 1, "responses": responses});
    std::fs::write(&failed, snap.to_string()).expect("write");
    for cmd in ["audit", "agents"] {
        let out = gwsx(&[cmd, &failed.display().to_string()]);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(2), "{cmd}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("nothing could be read"), "{err}");
        assert!(
            err.contains("authentication failed (Access denied)"),
            "{err}"
        );
    }
}
