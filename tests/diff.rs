//! `gwsx diff OLD NEW` (CLI.md): every kind of change, the JSON shape, the exit codes and the
//! text and Markdown reports, on small snapshots built here and written to a tempdir.

mod common;

use common::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn gwsx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .env("GWSX_CONFIG", "/dev/null")
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run gwsx")
}

fn write(dir: &Path, name: &str, snap: &Snap) -> String {
    let path = dir.join(name);
    std::fs::write(&path, snap.text()).expect("write snapshot");
    path.display().to_string()
}

/// Runs `gwsx diff OLD NEW extra…` on two snapshots written to a tempdir.
fn diff(old: &Snap, new: &Snap, extra: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (
        write(dir.path(), "old.json", old),
        write(dir.path(), "new.json", new),
    );
    let mut args = vec!["diff", a.as_str(), b.as_str()];
    args.extend_from_slice(extra);
    gwsx(&args)
}

fn diff_json(old: &Snap, new: &Snap) -> Value {
    let out = diff(old, new, &["--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("diff JSON")
}

fn diff_text(old: &Snap, new: &Snap, format: &str) -> String {
    let out = diff(old, new, &["--format", format]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn entry<'a>(list: &'a Value, id: &str) -> &'a Value {
    list.as_array()
        .expect("a list")
        .iter()
        .find(|e| e["id"] == json!(id))
        .unwrap_or_else(|| panic!("no entry {id} in {list:#}"))
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|e| e["id"].as_str().expect("id"))
        .collect()
}

fn fixture_101() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/examples/snapshot-101.json")
}

/// A cluster voice environment `ve-a` (SIP Server SIPS_A, switch 301, Extension 401, proxy
/// DN 403, place 501, T-Server connection `c-1`) and a plain one `ve-b` (SIPS_B, switch 302,
/// Extension 402, place 502, agent login 601 "7001"); agent groups Sales (101) and Support
/// (105); agents 101…105, 107 and 108.
fn base() -> Snap {
    let mut ve_a = cluster_ve("ve-a", "SIPS_A");
    ve_a["primaryAddress"] = json!("10.0.0.1");
    ve_a["tserverConnections"] = json!([{"id": "c-1", "primaryAddress": "10.0.0.9"}]);
    Snap::new()
        .employee_id_login(true)
        .config("browserProtocol", "https")
        .voice_env(ve_a)
        .voice_env(ve("ve-b", "SIPS_B"))
        .app(app(201, "SIPS_A"))
        .app(app(202, "SIPS_B"))
        .switch(switch(301, 201))
        .switch(switch(302, 202))
        .dn(ext(401, 301))
        .dn(ext(402, 302))
        .dn(proxy(403, 301, "sip.example.com"))
        .place(place(501, &[401]))
        .place(place(502, &[402]))
        .place(place(503, &[]))
        .place(place(504, &[]))
        .login(login(601, 302, "7001"))
        .tenant(tenant(1, "Res", json!({})))
        .setting("sipendpoint.uri", "https://localhost:8000")
        .setting("sipendpoint.sip-server-address", "sip.example.com")
        .group(group(
            701,
            "Sales",
            &[101],
            json!({"privilege.sipendpoint.can-use": "true"}),
        ))
        .group(group(702, "Support", &[105], json!({})))
        .person(person(101, "jdoe").place_dbid(501).eid("E1001"))
        .person(
            person(102, "asmith")
                .place_dbid(502)
                .logins(&[601])
                .eid("E1002"),
        )
        .person(person(103, "route.change").place_dbid(503).logins(&[601]))
        .person(person(104, "mode.change").place_dbid(502))
        .person(person(105, "options").place_dbid(502).iw(
            json!({"sipendpoint.removed": "x", "sipendpoint.transport-protocol": "tcp",
                           "sipendpoint.policy.session.auto_answer": "0"}),
        ))
        .person(person(107, "gone.agent").place_dbid(502))
        .person(person(108, "unchanged").place_dbid(502))
}

/// Every agent field and every kind of option change, an agent added and one removed.
fn changed_agents() -> Snap {
    base()
        // 101: employeeId and loginId.
        .edit(PERSONS, 101, |p| p["employeeID"] = json!("E2002"))
        // 102: to the cluster: voiceEnvironment, clusterMode, loginId, loginIdSource.
        .edit(PERSONS, 102, |p| p["agentInfo"]["placeDBID"] = json!("501"))
        // 103: its place gets an Extension: route agent-login → extension-dn.
        .edit(PLACES, 503, |p| p["DNDBIDs"] = json!(["402"]))
        // 104: an empty sipendpoint.uri: mode connector → standalone.
        .person_option(104, "sipendpoint.uri", "")
        // 105: an option added, one removed, one changed value, one changed source.
        .edit(PERSONS, 105, |p| {
            p["userProperties"]["interaction-workspace"] = json!({
                "sipendpoint.policy.device.use_headset": "1",
                "sipendpoint.policy.session.auto_answer": "1"
            })
        })
        .edit(AGENT_GROUPS, 702, |g| {
            g["groupInfo"]["userProperties"]["interaction-workspace"] =
                json!({"sipendpoint.transport-protocol": "tcp"})
        })
        .remove(PERSONS, 107)
        .person(person(106, "new.agent").place_dbid(502))
}

#[test]
fn a_snapshot_diffed_with_itself_is_empty() {
    let path = fixture_101().display().to_string();
    let out = gwsx(&["diff", &path, &path, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["agents"], json!([]));
    assert_eq!(doc["objects"], json!([]));
    assert_eq!(doc["findings"], json!({"new": [], "resolved": []}));
    let score = &doc["summary"]["score"];
    assert!(score["old"].is_u64(), "{score}");
    assert_eq!(score["old"], score["new"]);
    assert_eq!(doc["summary"]["complete"], json!(true));
    assert_eq!(doc["old"], doc["new"]);
    assert_eq!(doc["old"]["capturedAt"], json!("2026-11-18T10:00:00Z"));
    for format in ["text", "markdown"] {
        let out = gwsx(&["diff", &path, &path, "--format", format]);
        assert_eq!(out.status.code(), Some(0));
        assert!(out.stderr.is_empty());
    }
    let out = gwsx(&["diff", "demo", "demo", "--fail-on-new", "info"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn an_edit_of_the_worked_example_shows_in_the_agent_and_its_object() {
    let text = std::fs::read_to_string(fixture_101()).expect("fixture");
    let mut root: Value = serde_json::from_str(&text).expect("JSON");
    let persons = root["responses"][PERSONS]["persons"]
        .as_array_mut()
        .expect("persons");
    let first = &mut persons[0];
    let id = match &first["DBID"] {
        Value::String(s) => format!("person:{s}"),
        other => format!("person:{other}"),
    };
    first["userName"] = json!("renamed");
    let dir = tempfile::tempdir().expect("tempdir");
    let new = dir.path().join("new.json");
    std::fs::write(&new, root.to_string()).expect("write");
    let out = gwsx(&[
        "diff",
        &fixture_101().display().to_string(),
        &new.display().to_string(),
        "--format",
        "json",
    ]);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let agent = entry(&doc["agents"], &id);
    assert_eq!(agent["userName"], json!("renamed"));
    assert_eq!(keys(&agent["fields"]), ["userName"]);
    assert_eq!(agent["fields"]["userName"]["new"], json!("renamed"));
    assert_eq!(
        doc["objects"],
        json!([{"id": id, "change": "changed", "fields": ["/userName"]}])
    );
}

#[test]
fn every_agent_field_and_option_change_is_named() {
    let doc = diff_json(&base(), &changed_agents());
    let agents = &doc["agents"];
    assert_eq!(
        ids(agents),
        [
            "person:101",
            "person:102",
            "person:103",
            "person:104",
            "person:105",
            "person:106",
            "person:107"
        ],
        "sorted by id; the unchanged person:108 is not listed"
    );
    assert_eq!(
        entry(agents, "person:101"),
        &json!({"id": "person:101", "userName": "jdoe", "change": "changed", "fields": {
            "employeeId": {"old": "E1001", "new": "E2002"},
            "loginId": {"old": "E1001", "new": "E2002"}
        }})
    );
    let a102 = &entry(agents, "person:102")["fields"];
    assert_eq!(
        keys(a102),
        [
            "clusterMode",
            "loginId",
            "loginIdSource",
            "voiceEnvironment"
        ]
    );
    assert_eq!(a102["clusterMode"], json!({"old": false, "new": true}));
    assert_eq!(a102["loginId"], json!({"old": "7001", "new": "E1002"}));
    assert_eq!(
        a102["loginIdSource"],
        json!({"old": "agent-login", "new": "employee-id"})
    );
    assert_eq!(
        a102["voiceEnvironment"],
        json!({"old": "ve-b", "new": "ve-a"})
    );
    assert_eq!(
        entry(agents, "person:103")["fields"],
        json!({"voiceEnvironmentRoute": {"old": "agent-login", "new": "extension-dn"}})
    );
    assert_eq!(
        entry(agents, "person:104")["fields"],
        json!({
            "mode": {"old": "connector", "new": "standalone"},
            "parameters.sipendpoint.uri": {
                "old": {"value": "https://localhost:8000", "source": "application"},
                "new": {"value": "", "source": "person"}
            }
        })
    );
    assert_eq!(
        entry(agents, "person:105")["fields"],
        json!({
            "parameters.sipendpoint.policy.device.use_headset":
                {"old": null, "new": {"value": "1", "source": "person"}},
            "parameters.sipendpoint.policy.session.auto_answer":
                {"old": {"value": "0", "source": "person"}, "new": {"value": "1", "source": "person"}},
            "parameters.sipendpoint.removed":
                {"old": {"value": "x", "source": "person"}, "new": null},
            "parameters.sipendpoint.transport-protocol":
                {"old": {"value": "tcp", "source": "person"},
                 "new": {"value": "tcp", "source": "agent-group:Support"}}
        })
    );
    assert_eq!(
        entry(agents, "person:106"),
        &json!({"id": "person:106", "userName": "new.agent", "change": "added"})
    );
    assert_eq!(
        entry(agents, "person:107"),
        &json!({"id": "person:107", "userName": "gone.agent", "change": "removed"})
    );
    assert_eq!(
        doc["summary"]["agents"],
        json!({"added": 1, "removed": 1, "changed": 5})
    );
}

#[test]
fn a_change_to_unknown_is_a_change() {
    let new = base().unavailable(AGENT_GROUPS);
    let doc = diff_json(&base(), &new);
    let fields = &entry(&doc["agents"], "person:101")["fields"];
    assert_eq!(
        fields["privileges.privilege.sipendpoint.can-use"],
        json!({"old": {"value": "true", "source": "agent-group:Sales"},
               "new": {"value": null, "source": "unknown"}})
    );
    assert_eq!(doc["summary"]["complete"], json!(false));
    // The other way round: from unknown.
    let doc = diff_json(&new, &base());
    let fields = &entry(&doc["agents"], "person:101")["fields"];
    assert_eq!(
        fields["privileges.privilege.sipendpoint.can-use"]["old"],
        json!({"value": null, "source": "unknown"})
    );
}

/// A key only an unavailable level sets is missing from that side's record, yet it is
/// unknown there, not removed (nor added the other way round): the text says so too.
#[test]
fn a_key_only_an_unavailable_level_set_is_unknown_not_removed() {
    let old = base().edit(AGENT_GROUPS, 701, |g| {
        g["groupInfo"]["userProperties"]["interaction-workspace"]
            ["sipendpoint.policy.device.use_headset"] = json!("1")
    });
    let new = old.clone().unavailable(AGENT_GROUPS);
    let key = "parameters.sipendpoint.policy.device.use_headset";
    let unknown = json!({"value": null, "source": "unknown"});
    let known = json!({"value": "1", "source": "agent-group:Sales"});
    let doc = diff_json(&old, &new);
    let fields = &entry(&doc["agents"], "person:101")["fields"];
    assert_eq!(fields[key], json!({"old": known, "new": unknown}));
    let doc = diff_json(&new, &old);
    let fields = &entry(&doc["agents"], "person:101")["fields"];
    assert_eq!(fields[key], json!({"old": unknown, "new": known}));
    let text = diff_text(&old, &new, "text");
    let line = text
        .lines()
        .find(|l| l.contains("use_headset"))
        .unwrap_or_default();
    assert!(line.contains("unknown"), "{line}");
    assert!(!line.contains("removed"), "{line}");
}

/// Object changes, with exact pointers: nested `userProperties` keys, keys that need `~0` and
/// `~1`, a voice environment apart from its connections, settings, groups, added and removed.
fn changed_objects() -> Snap {
    base()
        .edit(DNS, 403, |d| {
            d["userProperties"]["TServer"]["external-contact"] = json!("sip2.example.com")
        })
        .edit(DNS, 401, |d| {
            d["userProperties"]["a/b"] = json!({"x~y": "1", "plain": {"deep": true}})
        })
        .remove(PLACES, 504)
        .place(place(505, &[]))
        .edit_voice_env("ve-a", |v| {
            v["primaryAddress"] = json!("10.0.0.2");
            v["tserverConnections"][0]["primaryAddress"] = json!("10.0.0.10");
        })
        .edit(AGENT_GROUPS, 701, |g| {
            g["agentDBIDs"] = json!(["101", "102"])
        })
        .response(
            SETTINGS,
            json!({"statusCode": 0, "settings": [
                {"name": "sipendpoint.uri", "value": "https://localhost:8001"},
                {"name": "sipendpoint.sip-server-address", "value": "sip.example.com"}
            ]}),
        )
        .edit(TENANTS, 1, |t| {
            t["name"] = json!("Resources");
            t["userProperties"]["interaction-workspace"]["~tilde"] = json!("t");
        })
}

#[test]
fn objects_are_compared_on_their_stored_json_with_exact_pointers() {
    let doc = diff_json(&base(), &changed_objects());
    assert_eq!(
        doc["objects"],
        json!([
            {"id": "agent-group:701", "change": "changed", "fields": ["/agentDBIDs/1"]},
            {"id": "connection:c-1", "change": "changed", "fields": ["/primaryAddress"]},
            {"id": "dn:401", "change": "changed",
             "fields": ["/userProperties/a~1b/x~0y", "/userProperties/a~1b/plain/deep"]},
            {"id": "dn:403", "change": "changed",
             "fields": ["/userProperties/TServer/external-contact"]},
            {"id": "place:504", "change": "removed"},
            {"id": "place:505", "change": "added"},
            {"id": "setting:sipendpoint.uri", "change": "changed", "fields": ["/value"]},
            {"id": "tenant:1", "change": "changed",
             "fields": ["/name", "/userProperties/interaction-workspace/~0tilde"]},
            {"id": "voice-environment:ve-a", "change": "changed", "fields": ["/primaryAddress"]}
        ])
    );
    assert_eq!(
        doc["summary"]["objects"],
        json!({"added": 1, "removed": 1, "changed": 7})
    );
    assert_eq!(doc["summary"]["complete"], json!(true));
    // A Genesys environment's own fields, without its voice environments.
    let renamed = base().response(GENESYS_ENVIRONMENTS, {
        let mut body = base().json()["responses"][GENESYS_ENVIRONMENTS].clone();
        body["genesysEnvironments"][0]["name"] = json!("GE renamed");
        body
    });
    let doc = diff_json(&base(), &renamed);
    assert_eq!(
        doc["objects"],
        json!([{"id": "genesys-environment:ge-1", "change": "changed", "fields": ["/name"]}])
    );
}

#[test]
fn agent_groups_are_known_by_their_cfg_group_dbid_too() {
    let wrapped = base().edit(AGENT_GROUPS, 702, |g| {
        let info = g["groupInfo"].take();
        g.as_object_mut().expect("object").remove("groupInfo");
        g["CfgGroup"] = info;
    });
    let renamed = wrapped.clone().edit(AGENT_GROUPS, 701, |g| {
        g["groupInfo"]["name"] = json!("Sales 2");
    });
    let doc = diff_json(&wrapped, &renamed);
    assert_eq!(
        doc["objects"],
        json!([{"id": "agent-group:701", "change": "changed", "fields": ["/groupInfo/name"]}])
    );
    let doc = diff_json(&base(), &wrapped);
    let group = entry(&doc["objects"], "agent-group:702");
    assert_eq!(group["change"], json!("changed"));
}

#[test]
fn a_resource_unavailable_on_one_side_compares_none_of_its_objects() {
    let new = changed_objects().unavailable(PLACES);
    let doc = diff_json(&base(), &new);
    let objects = ids(&doc["objects"]);
    assert!(
        objects.iter().all(|id| !id.starts_with("place:")),
        "{objects:?}"
    );
    assert!(objects.contains(&"dn:403"), "{objects:?}");
    assert_eq!(doc["summary"]["complete"], json!(false));
    // Either side: old unavailable too.
    let doc = diff_json(&base().without(DNS), &changed_objects());
    let objects = ids(&doc["objects"]);
    assert!(
        objects.iter().all(|id| !id.starts_with("dn:")),
        "{objects:?}"
    );
    assert!(objects.contains(&"place:505"), "{objects:?}");
    assert_eq!(doc["summary"]["complete"], json!(false));
    let text = diff_text(&base().without(DNS), &changed_objects(), "text");
    assert!(text.contains("incomplete"), "{text}");
    assert!(text.contains("/platform/configuration/dns"), "{text}");
}

/// 101 loses its employee ID (GWS-201, new); the non-localhost URIs of 104 and 108 are fixed
/// (GWS-303, resolved): the score changes.
fn findings_pair() -> (Snap, Snap) {
    let old = base()
        .person_option(104, "sipendpoint.uri", "https://gws.example.com:8000")
        .person_option(108, "sipendpoint.uri", "https://gws.example.com:8000");
    let new = base().edit(PERSONS, 101, |p| {
        p.as_object_mut().expect("object").remove("employeeID");
    });
    (old, new)
}

#[test]
fn findings_new_and_resolved_are_as_in_the_audit_json() {
    let (old, new) = findings_pair();
    let doc = diff_json(&old, &new);
    let key = |f: &Value| {
        (
            f["rule"].as_str().unwrap_or("").to_string(),
            f["target"]["id"].as_str().unwrap_or("").to_string(),
        )
    };
    let new_keys: Vec<_> = doc["findings"]["new"]
        .as_array()
        .expect("new")
        .iter()
        .map(key)
        .collect();
    let resolved_keys: Vec<_> = doc["findings"]["resolved"]
        .as_array()
        .expect("resolved")
        .iter()
        .map(key)
        .collect();
    assert!(
        new_keys.contains(&("GWS-201".into(), "person:101".into())),
        "{new_keys:?}"
    );
    assert!(
        resolved_keys.contains(&("GWS-303".into(), "person:104".into())),
        "{resolved_keys:?}"
    );
    // Each finding exactly as the audit JSON of its side has it, in that order.
    let dir = tempfile::tempdir().expect("tempdir");
    for (snap, list, side) in [(&new, "new", "new"), (&old, "resolved", "old")] {
        let path = write(dir.path(), "side.json", snap);
        let out = gwsx(&["audit", &path, "--format", "json", "--fail-on", "never"]);
        let audit: Value = serde_json::from_slice(&out.stdout).expect("audit JSON");
        assert_eq!(
            doc["summary"]["score"][side], audit["summary"]["score"],
            "the {side} score is the audit's overall score"
        );
        let all = audit["findings"].as_array().expect("findings");
        let listed = doc["findings"][list].as_array().expect("list");
        let positions: Vec<usize> = listed
            .iter()
            .map(|f| {
                all.iter()
                    .position(|a| a == f)
                    .unwrap_or_else(|| panic!("{f} not in the audit of {list}"))
            })
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    }
    let summary = &doc["summary"];
    assert_eq!(
        summary["findings"],
        json!({"new": new_keys.len(), "resolved": resolved_keys.len()})
    );
    let (a, b) = (&summary["score"]["old"], &summary["score"]["new"]);
    assert!(a.is_u64() && b.is_u64() && a != b, "score {a} → {b}");
    let text = diff_text(&old, &new, "text");
    assert!(
        text.contains(&format!("score: {}", a.as_u64().unwrap_or(0))),
        "{text}"
    );
}

#[test]
fn fail_on_new_sets_the_exit_status() {
    let (old, new) = findings_pair();
    for (flag, code) in [
        (None, 0),
        (Some("never"), 0),
        (Some("info"), 1),
        (Some("warn"), 1),
        (Some("error"), 1),
    ] {
        let mut extra = vec!["--format", "json"];
        if let Some(f) = flag {
            extra.extend(["--fail-on-new", f]);
        }
        let out = diff(&old, &new, &extra);
        assert_eq!(out.status.code(), Some(code), "{flag:?}");
        assert!(!out.stdout.is_empty(), "the report is written either way");
    }
    // Only a warning is new: error does not fail, warn does (GWS-206: a cluster agent with
    // agent logins).
    let warned = base().edit(PERSONS, 101, |p| {
        p["agentInfo"]["agentLogins"] = json!([{"agentLoginDBID": "601"}])
    });
    let doc = diff_json(&base(), &warned);
    let severities: Vec<&str> = doc["findings"]["new"]
        .as_array()
        .expect("new")
        .iter()
        .map(|f| f["severity"].as_str().unwrap_or(""))
        .collect();
    assert!(
        !severities.is_empty() && severities.iter().all(|s| *s != "error"),
        "{severities:?}"
    );
    assert_eq!(
        diff(&base(), &warned, &["--fail-on-new", "error"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        diff(&base(), &warned, &["--fail-on-new", "warn"])
            .status
            .code(),
        Some(1)
    );
    // Resolved findings never fail.
    assert_eq!(
        diff(&new, &old, &["--fail-on-new", "error"]).status.code(),
        Some(1),
        "GWS-303 is new that way round"
    );
    assert_eq!(
        diff(&warned, &base(), &["--fail-on-new", "info"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn bad_sources_and_usage_exit_2_with_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = write(dir.path(), "good.json", &base());
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"gwsxSnapshot\": 1, ").expect("write");
    let bad = bad.display().to_string();
    for args in [
        vec!["diff", good.as_str(), bad.as_str()],
        vec!["diff", bad.as_str(), good.as_str()],
        vec!["diff", good.as_str(), "/nonexistent/x.json"],
        vec!["diff", good.as_str()],
        vec!["diff", good.as_str(), good.as_str(), "--format", "html"],
        vec!["diff", good.as_str(), good.as_str(), "--fail-on-new", "bad"],
    ] {
        let out = gwsx(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
    let out = gwsx(&["diff", good.as_str(), bad.as_str()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.json"));
}

#[test]
fn the_json_has_exactly_the_contract_shape() {
    let doc = diff_json(&base(), &changed_agents());
    assert_eq!(
        keys(&doc),
        ["old", "new", "agents", "objects", "findings", "summary"]
    );
    assert_eq!(keys(&doc["old"]), ["source", "capturedAt"]);
    assert!(
        doc["old"]["source"]
            .as_str()
            .unwrap_or("")
            .ends_with("old.json")
    );
    assert_eq!(doc["new"]["capturedAt"], json!("2026-11-29T10:00:00Z"));
    for agent in doc["agents"].as_array().expect("agents") {
        let expected: &[&str] = if agent["change"] == json!("changed") {
            &["id", "userName", "change", "fields"]
        } else {
            &["id", "userName", "change"]
        };
        assert_eq!(keys(agent), expected);
    }
    for object in doc["objects"].as_array().expect("objects") {
        let expected: &[&str] = if object["change"] == json!("changed") {
            &["id", "change", "fields"]
        } else {
            &["id", "change"]
        };
        assert_eq!(keys(object), expected);
    }
    assert_eq!(keys(&doc["findings"]), ["new", "resolved"]);
    let summary = &doc["summary"];
    assert_eq!(
        keys(summary),
        ["agents", "objects", "findings", "score", "complete"]
    );
    assert_eq!(keys(&summary["agents"]), ["added", "removed", "changed"]);
    assert_eq!(keys(&summary["objects"]), ["added", "removed", "changed"]);
    assert_eq!(keys(&summary["findings"]), ["new", "resolved"]);
    assert_eq!(keys(&summary["score"]), ["old", "new"]);
    for f in doc["findings"]["new"].as_array().expect("new") {
        assert_eq!(keys(f), ["rule", "severity", "target", "option", "message"]);
    }
}

#[test]
fn text_and_markdown_show_every_change() {
    let agents_text = diff_text(&base(), &changed_agents(), "text");
    let agents_md = diff_text(&base(), &changed_agents(), "markdown");
    let objects_text = diff_text(&base(), &changed_objects(), "text");
    let objects_md = diff_text(&base(), &changed_objects(), "markdown");
    for report in [&agents_text, &agents_md] {
        for needle in [
            "person:101",
            "employeeId",
            "E2002",
            "clusterMode",
            "loginIdSource",
            "voiceEnvironment",
            "voiceEnvironmentRoute",
            "mode",
            "standalone",
            "parameters.sipendpoint.uri",
            "parameters.sipendpoint.policy.device.use_headset",
            "parameters.sipendpoint.removed",
            "agent-group:Support",
            "person:106",
            "new.agent",
            "added",
            "person:107",
            "gone.agent",
            "removed",
        ] {
            assert!(report.contains(needle), "{needle} missing from\n{report}");
        }
        assert!(!report.contains("person:108"), "{report}");
    }
    assert!(agents_text.contains("agents: 1 added, 1 removed, 5 changed"));
    for report in [&objects_text, &objects_md] {
        for needle in [
            "dn:403",
            "/userProperties/TServer/external-contact",
            "/userProperties/a~1b/x~0y",
            "place:504",
            "place:505",
            "voice-environment:ve-a",
            "connection:c-1",
            "setting:sipendpoint.uri",
        ] {
            assert!(report.contains(needle), "{needle} missing from\n{report}");
        }
    }
    assert!(agents_md.contains("| agent | user | change | field | old | new |"));
    assert!(objects_md.contains("| object | change | fields |"));
    let (old, new) = findings_pair();
    for format in ["text", "markdown"] {
        let report = diff_text(&old, &new, format);
        for needle in ["GWS-201", "GWS-303", "new", "resolved", "→"] {
            assert!(report.contains(needle), "{needle} missing from\n{report}");
        }
    }
}

#[test]
fn control_characters_from_the_data_are_escaped() {
    let new = base().person(person(109, "evil\u{1b}[2Jname\u{7}").place_dbid(502));
    for format in ["text", "markdown"] {
        let report = diff_text(&base(), &new, format);
        assert!(
            !report.contains('\u{1b}') && !report.contains('\u{7}'),
            "{format}"
        );
        assert!(report.contains("evil\\u{1b}[2Jname\\u{7}"), "{report}");
    }
    let doc = diff_json(&base(), &new);
    assert_eq!(
        entry(&doc["agents"], "person:109")["userName"],
        json!("evil\u{1b}[2Jname\u{7}")
    );
}

#[test]
fn gws_config_flags_apply_to_both_sides() {
    // Without the flag each side keeps its own gwsConfig: the new side turns the option off.
    let new = base().employee_id_login(false);
    let doc = diff_json(&base(), &new);
    assert_eq!(
        entry(&doc["agents"], "person:101")["fields"]["loginIdSource"],
        json!({"old": "employee-id", "new": "none"})
    );
    let out = diff(
        &base(),
        &new,
        &["--format", "json", "--use-employee-id-login", "true"],
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["agents"], json!([]));
}

#[test]
fn persons_unavailable_on_a_side_leaves_agents_uncompared() {
    let doc = diff_json(&base(), &base().unavailable(PERSONS));
    assert_eq!(doc["agents"], json!([]));
    assert_eq!(doc["summary"]["complete"], json!(false));
    assert!(
        ids(&doc["objects"])
            .iter()
            .all(|id| !id.starts_with("person:"))
    );
}

/// The agents the diff lists are exactly those whose `gwsx agents` record differs, whatever
/// object an edit touches (the diff skips agents that read no changed object).
#[test]
fn the_changed_agents_are_exactly_those_whose_agents_json_differs() {
    let records = |snap: &Snap| -> std::collections::BTreeMap<String, Value> {
        snap.agents()
            .into_iter()
            .map(|a| (a["id"].as_str().unwrap_or("").to_string(), a))
            .collect()
    };
    let edits: Vec<(&str, Snap)> = vec![
        (
            "a DN's type",
            base().edit(DNS, 402, |d| d["type"] = json!("3")),
        ),
        (
            "a DN's switch",
            base().edit(DNS, 401, |d| d["switchDBID"] = json!("302")),
        ),
        (
            "a login code",
            base().edit(AGENT_LOGINS, 601, |l| l["loginCode"] = json!("7999")),
        ),
        (
            "a tenant option",
            base()
                .edit(PERSONS, 108, |p| p["tenantDBID"] = json!("1"))
                .edit(TENANTS, 1, |t| {
                    t["userProperties"]["interaction-workspace"] =
                        json!({"sipendpoint.transport-protocol": "tls"})
                }),
        ),
        (
            "a group's members",
            base().edit(AGENT_GROUPS, 701, |g| {
                g["agentDBIDs"] = json!(["102", "108"])
            }),
        ),
        (
            "a setting",
            base().setting("sipendpoint.policy.device.use_headset", "1"),
        ),
        (
            "a place's DNs",
            base().edit(PLACES, 502, |p| p["DNDBIDs"] = json!([])),
        ),
        (
            "a voice environment",
            base().edit_voice_env("ve-b", |v| v["clusterMode"] = json!(true)),
        ),
        (
            "the gwsConfig",
            base().config("softphoneMode", "standalone"),
        ),
        (
            "a person",
            base().edit(PERSONS, 108, |p| p["employeeID"] = json!("E8")),
        ),
    ];
    let before = records(&base());
    for (what, new) in edits {
        let after = records(&new);
        let expected: Vec<&str> = after
            .iter()
            .filter(|(id, r)| before.get(*id) != Some(*r))
            .map(|(id, _)| id.as_str())
            .collect();
        assert!(!expected.is_empty(), "{what}: the edit changes some agent");
        let doc = diff_json(&base(), &new);
        assert_eq!(ids(&doc["agents"]), expected, "{what}");
    }
}

/// A second person or group of a DBID is not an object of its own (the first wins), yet it may
/// be an agent or hold agents: its change still reaches their records.
#[test]
fn changes_behind_a_duplicate_dbid_still_reach_the_agents() {
    let twice = base()
        .person(person(108, "unchanged.twin").place_dbid(502))
        .group(group(701, "Twin", &[108], json!({})));
    let changed = twice
        .clone()
        .response(PERSONS, {
            let mut body = twice.json()["responses"][PERSONS].clone();
            let persons = body["persons"].as_array_mut().expect("persons");
            if let Some(last) = persons.last_mut() {
                last["employeeID"] = json!("E-twin");
            }
            body
        })
        .response(AGENT_GROUPS, {
            let mut body = twice.json()["responses"][AGENT_GROUPS].clone();
            let groups = body["agent-groups"].as_array_mut().expect("groups");
            if let Some(last) = groups.last_mut() {
                last["groupInfo"]["userProperties"]["interaction-workspace"] =
                    json!({"sipendpoint.transport-protocol": "tls"});
            }
            body
        });
    let before: Vec<Value> = twice.agents();
    let after: Vec<Value> = changed.agents();
    assert_ne!(before, after, "the edits change some agent's record");
    let doc = diff_json(&twice, &changed);
    assert!(
        !doc["agents"].as_array().expect("agents").is_empty(),
        "{doc:#}"
    );
}

/// A live side (`gwsx serve` of the new snapshot) gives the same objects and agents as its
/// file when the gwsConfig flags make both sides' configuration the same.
#[test]
fn a_live_url_is_a_side_like_any_other() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = tempfile::tempdir().expect("tempdir");
    let (old, new) = (base(), changed_objects());
    let old_path = write(dir.path(), "old.json", &old);
    let new_path = write(dir.path(), "new.json", &new);
    let mut child = Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .env("GWSX_CONFIG", "/dev/null")
        .args(["serve", &new_path, "--listen", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gwsx serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let base_url = lines.by_ref().map_while(Result::ok).find_map(|l| {
        l.strip_prefix("gwsx serve: listening on ")
            .map(str::to_string)
    });
    // Keep draining the server's request log.
    std::thread::spawn(move || for _ in lines {});
    let Some(url) = base_url else {
        let _ = child.kill();
        panic!("gwsx serve did not start");
    };
    let flags = [
        "--format",
        "json",
        "--use-employee-id-login",
        "true",
        "--browser-protocol",
        "https",
    ];
    let run = |b: &str| {
        let mut args = vec!["diff", old_path.as_str(), b];
        args.extend(flags);
        let out = gwsx(&args);
        serde_json::from_slice::<Value>(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
    };
    let live = run(url.trim_end_matches('/'));
    let file = run(&new_path);
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(live["new"]["source"], json!(url.trim_end_matches('/')));
    assert_eq!(live["objects"], file["objects"]);
    assert_eq!(live["agents"], file["agents"]);
}

/// A loose folder of saved responses is a side too; it has no gwsConfig, so the flags give
/// both sides the same one, and its objects compare with the snapshot's as stored.
#[test]
fn a_loose_folder_is_a_side_like_any_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let loose = dir.path().join("curl");
    std::fs::create_dir(&loose).expect("mkdir");
    let new = changed_objects();
    let responses = new.json()["responses"].clone();
    for (i, (_, body)) in responses.as_object().expect("responses").iter().enumerate() {
        std::fs::write(loose.join(format!("r{i}.json")), body.to_string()).expect("write");
    }
    let old_path = write(dir.path(), "old.json", &base());
    let flags = [
        "--format",
        "json",
        "--use-employee-id-login",
        "true",
        "--browser-protocol",
        "https",
    ];
    let run = |b: &str| {
        let mut args = vec!["diff", old_path.as_str(), b];
        args.extend(flags);
        let out = gwsx(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Value>(&out.stdout).expect("JSON")
    };
    let folder = run(&loose.display().to_string());
    let file = run(&write(dir.path(), "new.json", &new));
    assert_eq!(folder["objects"], file["objects"]);
    assert_eq!(folder["agents"], file["agents"]);
    assert_eq!(folder["new"]["capturedAt"], Value::Null);
}
