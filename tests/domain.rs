//! The inventory of RULES.md §0–3 on minimal snapshots: joins and routes, known / unknown,
//! computed login IDs, effective WWE options with provenance, deployment mode, lenient
//! scalars, and the snapshot readers (gzip, loose directory).

mod common;

use common::*;
use gwsx::snapshot::{GwsConfig, SoftphoneMode};
use serde_json::{Value, json};

fn route(a: &Value) -> (&str, Value) {
    (
        a["voiceEnvironmentRoute"].as_str().unwrap(),
        a["voiceEnvironment"].clone(),
    )
}

fn login_of(a: &Value) -> (Value, &str) {
    (a["loginId"].clone(), a["loginIdSource"].as_str().unwrap())
}

/// Two non-cluster voice environments, each with its SIP Server and switch, and a third
/// switch that serves none:
/// - `ve-a`: application 10 `SIPS_A` → switch 100;
/// - `ve-b`: application 11 `SIPS_B` → switch 101;
/// - switch 102 has T-Server 12 `OTHER`, which no voice environment names.
///
/// DNs: 1000 Extension on 100, 1001 Extension on 101, 1002 Extension on 102,
/// 1003 ACD Queue on 101. Agent logins: 20 on 100 (`A20`), 21 on 101 (`B21`),
/// 22 and 23 on 102 (`X22`, `X23`).
fn two_ves() -> Snap {
    Snap::new()
        .voice_env(ve("ve-a", "SIPS_A"))
        .voice_env(ve("ve-b", "SIPS_B"))
        .app(app(10, "SIPS_A"))
        .app(app(11, "SIPS_B"))
        .app(app(12, "OTHER"))
        .switch(switch(100, 10))
        .switch(switch(101, 11))
        .switch(switch(102, 12))
        .dn(ext(1000, 100))
        .dn(ext(1001, 101))
        .dn(ext(1002, 102))
        .dn(dn(1003, 101, "3"))
        .login(login(20, 100, "A20"))
        .login(login(21, 101, "B21"))
        .login(login(22, 102, "X22"))
        .login(login(23, 102, "X23"))
}

/// One non-cluster voice environment `ve-a` (application 10 → switch 100), its Extension
/// DN 1000 and agent login 20 (`A20`).
fn one_ve() -> Snap {
    Snap::new()
        .voice_env(ve("ve-a", "SIPS_A"))
        .app(app(10, "SIPS_A"))
        .switch(switch(100, 10))
        .dn(ext(1000, 100))
        .login(login(20, 100, "A20"))
}

// ================================================================ routes (RULES.md §1)

#[test]
fn extension_dn_takes_the_first_extension_on_a_serving_switch_in_dndbids_order() {
    // DNDBIDs: a dangling DN, an ACD Queue on a serving switch, an Extension on a switch that
    // serves nothing, then Extensions of ve-b and ve-a (the DN list holds them in the
    // opposite order: DNDBIDs order decides).
    let s = two_ves()
        .place(place(500, &[9999, 1003, 1002, 1001, 1000]))
        .person(person(1, "a").place_dbid(500));
    assert_eq!(route(&s.agent(1)), ("extension-dn", json!("ve-b")));
}

#[test]
fn extension_dn_failing_falls_to_agent_login() {
    let s = two_ves()
        .place(place(500, &[1002, 1003]))
        .person(person(1, "a").place_dbid(500).logins(&[20]))
        // default place that does not exist (places available): route 1 fails
        .person(person(2, "b").place_dbid(777).logins(&[21]));
    assert_eq!(route(&s.agent(1)), ("agent-login", json!("ve-a")));
    assert_eq!(route(&s.agent(2)), ("agent-login", json!("ve-b")));
}

#[test]
fn agent_login_skips_dangling_entries_and_logins_on_switches_serving_nothing() {
    let s = two_ves().person(person(1, "a").logins(&[999, 22, 21, 20]));
    assert_eq!(route(&s.agent(1)), ("agent-login", json!("ve-b")));
}

#[test]
fn only_voice_environment_when_exactly_one_exists() {
    let s = one_ve()
        .switch(switch(102, 12))
        .dn(ext(1002, 102))
        .place(place(500, &[1002]))
        .login(login(22, 102, "X22"))
        .person(person(1, "a"))
        .person(person(2, "b").place_dbid(500).logins(&[22, 999]));
    assert_eq!(
        route(&s.agent(1)),
        ("only-voice-environment", json!("ve-a"))
    );
    assert_eq!(
        route(&s.agent(2)),
        ("only-voice-environment", json!("ve-a"))
    );
}

#[test]
fn only_voice_environment_counts_over_every_genesys_environment() {
    let s = Snap::new()
        .voice_env(ve("ve-a", "SIPS_A"))
        .genesys_env("ge-2")
        .voice_env(ve("ve-b", "SIPS_B"))
        .person(person(1, "a"));
    let a = s.agent(1);
    assert_eq!(route(&a), ("none", Value::Null));
    assert_eq!(a["clusterMode"], json!(false));
}

#[test]
fn no_route_is_none() {
    let s = two_ves()
        .place(place(500, &[1002]))
        .person(person(1, "a"))
        .person(person(2, "b").place_dbid(500).logins(&[22, 999]));
    for dbid in [1, 2] {
        let a = s.agent(dbid);
        assert_eq!(route(&a), ("none", Value::Null));
        assert_eq!(a["clusterMode"], json!(false));
    }
    // No voice environment at all: none as well.
    let s = Snap::new().person(person(1, "a"));
    assert_eq!(route(&s.agent(1)), ("none", Value::Null));
}

// ---------------------------------------------------------------- undecidable routes

#[test]
fn places_or_dns_unavailable_with_a_default_place_is_unknown() {
    for missing in [PLACES, DNS] {
        let s = two_ves()
            .place(place(500, &[1000]))
            .person(person(1, "a").place_dbid(500).logins(&[20]))
            .unavailable(missing);
        let a = s.agent(1);
        assert_eq!(route(&a), ("unknown", Value::Null), "{missing}");
        assert_eq!(a["clusterMode"], Value::Null);
        assert_eq!(login_of(&a), (Value::Null, "unknown"));
    }
}

#[test]
fn places_unavailable_does_not_affect_an_agent_without_default_place() {
    let s = two_ves()
        .person(person(1, "a").logins(&[21]))
        .person(person(2, "b").with(
            "agentInfo",
            json!({"agentLogins": [{"agentLoginDBID": 20}]}),
        ))
        .unavailable(PLACES)
        .unavailable(DNS);
    assert_eq!(route(&s.agent(1)), ("agent-login", json!("ve-b")));
    assert_eq!(route(&s.agent(2)), ("agent-login", json!("ve-a")));
    // ... nor route 3.
    let s = one_ve()
        .person(person(1, "a"))
        .unavailable(PLACES)
        .unavailable(DNS);
    assert_eq!(
        route(&s.agent(1)),
        ("only-voice-environment", json!("ve-a"))
    );
}

#[test]
fn agent_logins_unavailable_with_entries_is_unknown() {
    let s = one_ve()
        .person(person(1, "a").logins(&[20]))
        .unavailable(AGENT_LOGINS);
    let a = s.agent(1);
    // Route 2 is undecidable, and route 3 (which would succeed) is not tried.
    assert_eq!(route(&a), ("unknown", Value::Null));
    assert_eq!(login_of(&a), (Value::Null, "unknown"));
}

#[test]
fn agent_logins_unavailable_does_not_affect_route_1_or_agents_without_entries() {
    let s = two_ves()
        .place(place(500, &[1001]))
        .person(person(1, "a").place_dbid(500).logins(&[21]))
        .unavailable(AGENT_LOGINS);
    assert_eq!(route(&s.agent(1)), ("extension-dn", json!("ve-b")));
    let s = one_ve().person(person(1, "a")).unavailable(AGENT_LOGINS);
    assert_eq!(
        route(&s.agent(1)),
        ("only-voice-environment", json!("ve-a"))
    );
}

#[test]
fn genesys_environments_unavailable_makes_every_route_unknown() {
    let s = two_ves()
        .place(place(500, &[1000]))
        .person(person(1, "a").place_dbid(500))
        .person(person(2, "b").logins(&[20]))
        .person(person(3, "c"))
        .unavailable(GENESYS_ENVIRONMENTS);
    for dbid in [1, 2, 3] {
        let a = s.agent(dbid);
        assert_eq!(route(&a), ("unknown", Value::Null), "person:{dbid}");
        assert_eq!(a["clusterMode"], Value::Null);
        assert_eq!(a["loginIdSource"], "unknown");
    }
}

#[test]
fn switches_or_applications_unavailable_when_a_route_meets_a_switch_is_unknown() {
    for missing in [SWITCHES, APPLICATIONS] {
        let s = two_ves()
            .place(place(500, &[1000]))
            .person(person(1, "a").place_dbid(500))
            .person(person(2, "b").logins(&[20]))
            .unavailable(missing);
        assert_eq!(route(&s.agent(1)), ("unknown", Value::Null), "{missing}");
        assert_eq!(route(&s.agent(2)), ("unknown", Value::Null), "{missing}");
    }
}

#[test]
fn switches_unavailable_does_not_affect_routes_that_meet_no_switch() {
    for missing in [SWITCHES, APPLICATIONS] {
        // The place holds no Extension DN and the only agent-login entry dangles: routes 1
        // and 2 fail without meeting a switch; route 3 reads no switch.
        let s = one_ve()
            .dn(dn(1003, 100, "3"))
            .place(place(500, &[1003]))
            .person(person(1, "a").place_dbid(500).logins(&[999]))
            .person(person(2, "b"))
            .unavailable(missing);
        for dbid in [1, 2] {
            let a = s.agent(dbid);
            assert_eq!(
                route(&a),
                ("only-voice-environment", json!("ve-a")),
                "{missing} person:{dbid}"
            );
            assert_eq!(a["clusterMode"], json!(false));
        }
        // V's switch is unknown, but without a usable agent login nothing could have made a
        // login ID: `none` (RULES.md §2: "an agent with no entries gets none without reading
        // it"; §0: unknown only when an unavailable resource could have changed it).
        assert_eq!(login_of(&s.agent(2)), (Value::Null, "none"), "{missing}");
        assert_eq!(login_of(&s.agent(1)), (Value::Null, "none"), "{missing}");
    }
}

// ---------------------------------------------------------------- voice environment → switch

#[test]
fn primary_named_application_is_preferred_over_backup_named() {
    // The backup-named application comes first in the list; the primary-named one wins.
    let s = Snap::new()
        .voice_env(ve("ve-a", "P").backup("B"))
        .voice_env(ve("ve-z", "Z"))
        .app(app(11, "B"))
        .app(app(10, "P"))
        .switch(switch(100, 11))
        .switch(switch(101, 10))
        .dn(ext(1000, 100))
        .dn(ext(1001, 101))
        .place(place(500, &[1001]))
        .place(place(501, &[1000]))
        .person(person(1, "a").place_dbid(500))
        .person(person(2, "b").place_dbid(501));
    assert_eq!(route(&s.agent(1)), ("extension-dn", json!("ve-a")));
    assert_eq!(route(&s.agent(2)), ("none", Value::Null));
}

#[test]
fn backup_named_application_only_when_no_application_has_the_primary_name() {
    let base = || {
        Snap::new()
            .voice_env(ve("ve-a", "P").backup("B"))
            .voice_env(ve("ve-z", "Z"))
            .app(app(11, "B"))
            .switch(switch(100, 11))
            .dn(ext(1000, 100))
            .place(place(500, &[1000]))
            .person(person(1, "a").place_dbid(500))
    };
    assert_eq!(route(&base().agent(1)), ("extension-dn", json!("ve-a")));
    // A primary-named application without a switch: the voice environment has no switch,
    // even though the backup-named one has.
    let s = base().app(app(10, "P"));
    assert_eq!(route(&s.agent(1)), ("none", Value::Null));
}

#[test]
fn first_application_of_a_name_and_first_switch_of_a_tserver_win() {
    // Two applications named P: the first (10) is the SIP Server; no switch points at it.
    let s = Snap::new()
        .voice_env(ve("ve-a", "P"))
        .voice_env(ve("ve-z", "Z"))
        .app(app(10, "P"))
        .app(app(12, "P"))
        .switch(switch(100, 12))
        .dn(ext(1000, 100))
        .place(place(500, &[1000]))
        .person(person(1, "a").place_dbid(500));
    assert_eq!(route(&s.agent(1)), ("none", Value::Null));
    // Two switches with T-Server 10: the first (100) is the voice environment's.
    let s = Snap::new()
        .voice_env(ve("ve-a", "P"))
        .voice_env(ve("ve-z", "Z"))
        .app(app(10, "P"))
        .switch(switch(100, 10))
        .switch(switch(101, 10))
        .dn(ext(1000, 100))
        .dn(ext(1001, 101))
        .place(place(500, &[1000]))
        .place(place(501, &[1001]))
        .person(person(1, "a").place_dbid(500))
        .person(person(2, "b").place_dbid(501));
    assert_eq!(route(&s.agent(1)), ("extension-dn", json!("ve-a")));
    assert_eq!(route(&s.agent(2)), ("none", Value::Null));
}

#[test]
fn a_switch_serves_the_first_voice_environment_that_resolves_to_it() {
    let s = Snap::new()
        .voice_env(ve("ve-x", "X"))
        .genesys_env("ge-2")
        .voice_env(ve("ve-1", "P"))
        .voice_env(ve("ve-2", "P"))
        .app(app(10, "P"))
        .switch(switch(100, 10))
        .dn(ext(1000, 100))
        .place(place(500, &[1000]))
        .login(login(20, 100, "L20"))
        .person(person(1, "a").place_dbid(500))
        .person(person(2, "b").logins(&[20]));
    assert_eq!(route(&s.agent(1)), ("extension-dn", json!("ve-1")));
    assert_eq!(route(&s.agent(2)), ("agent-login", json!("ve-1")));
}

#[test]
fn duplicate_dbids_first_wins() {
    let s = two_ves()
        .place(place(500, &[1001]))
        .place(place(500, &[1000]))
        .person(person(1, "a").place_dbid(500));
    assert_eq!(route(&s.agent(1)), ("extension-dn", json!("ve-b")));
}

// ================================================================ login ID (RULES.md §2)

/// One cluster voice environment `ve-c` (application 10 → switch 100), Extension DN 1000 in
/// place 500, agent logins 20 (`A20`, switch 100) and 22 (`X22`, switch 102).
fn cluster_one() -> Snap {
    Snap::new()
        .voice_env(cluster_ve("ve-c", "SIPS_C"))
        .app(app(10, "SIPS_C"))
        .switch(switch(100, 10))
        .dn(ext(1000, 100))
        .place(place(500, &[1000]))
        .login(login(20, 100, "A20"))
        .login(login(22, 102, "X22"))
}

#[test]
fn employee_id_is_the_login_in_a_cluster_with_the_option() {
    let s = cluster_one()
        .employee_id_login(true)
        .person(person(1, "a").place_dbid(500).eid("  E1001 ").logins(&[20]));
    let a = s.agent(1);
    assert_eq!(login_of(&a), (json!("E1001"), "employee-id"));
    assert_eq!(
        a["employeeId"],
        json!("  E1001 "),
        "the stored value, untouched"
    );
    assert_eq!(a["clusterMode"], json!(true));
}

#[test]
fn employee_id_upper_wins_over_camel() {
    let s = cluster_one()
        .employee_id_login(true)
        .person(
            person(1, "a")
                .with("employeeID", "E1")
                .with("employeeId", "E2"),
        )
        .person(person(2, "b").with("employeeId", " E2 "))
        // employeeID exists (empty), so it wins, and empty means no login ID.
        .person(
            person(3, "c")
                .with("employeeID", "")
                .with("employeeId", "E3"),
        );
    assert_eq!(login_of(&s.agent(1)), (json!("E1"), "employee-id"));
    assert_eq!(login_of(&s.agent(2)), (json!("E2"), "employee-id"));
    assert_eq!(s.agent(2)["employeeId"], json!(" E2 "));
    assert_eq!(login_of(&s.agent(3)), (Value::Null, "none"));
}

#[test]
fn employee_id_empty_or_missing_is_none() {
    let s = cluster_one()
        .employee_id_login(true)
        .person(person(1, "a").eid("   ").logins(&[20]))
        .person(person(2, "b").logins(&[20]))
        .person(person(3, "c").with("employeeID", Value::Null));
    for dbid in [1, 2, 3] {
        assert_eq!(
            login_of(&s.agent(dbid)),
            (Value::Null, "none"),
            "person:{dbid}"
        );
    }
    assert_eq!(s.agent(2)["employeeId"], Value::Null);
}

#[test]
fn employee_id_login_does_not_read_agent_logins() {
    let s = cluster_one()
        .employee_id_login(true)
        .person(person(1, "a").place_dbid(500).eid("E1").logins(&[20]))
        .unavailable(AGENT_LOGINS);
    assert_eq!(login_of(&s.agent(1)), (json!("E1"), "employee-id"));
}

#[test]
fn agent_login_on_the_voice_environments_switch() {
    // Non-cluster: the first of the agent's logins on V's switch, skipping dangling ones.
    let s = two_ves()
        .place(place(500, &[1000]))
        .person(person(1, "a").place_dbid(500).logins(&[999, 21, 22, 20]));
    assert_eq!(login_of(&s.agent(1)), (json!("A20"), "agent-login"));
    // Cluster without the option (absent, then false): the agent login as well.
    for option in [None, Some(false)] {
        let mut s =
            cluster_one().person(person(1, "a").place_dbid(500).eid("E1").logins(&[22, 20]));
        if let Some(on) = option {
            s = s.employee_id_login(on);
        }
        assert_eq!(login_of(&s.agent(1)), (json!("A20"), "agent-login"));
    }
}

#[test]
fn agent_login_when_v_is_none_is_the_first_agent_login_at_all() {
    let s = two_ves().person(person(1, "a").logins(&[999, 23, 22]));
    let a = s.agent(1);
    assert_eq!(route(&a), ("none", Value::Null));
    assert_eq!(login_of(&a), (json!("X23"), "agent-login"));
}

#[test]
fn agent_login_none_cases() {
    // No login on V's switch; an empty loginCode; no entries.
    let s = two_ves()
        .login(login(24, 100, ""))
        .place(place(500, &[1000]))
        .person(person(1, "a").place_dbid(500).logins(&[21, 22]))
        .person(person(2, "b").place_dbid(500).logins(&[24, 20]))
        .person(person(3, "c").place_dbid(500));
    for dbid in [1, 2, 3] {
        let a = s.agent(dbid);
        assert_eq!(route(&a), ("extension-dn", json!("ve-a")));
        assert_eq!(login_of(&a), (Value::Null, "none"), "person:{dbid}");
    }
    // V has no switch (its SIP Server application does not exist).
    let s = Snap::new()
        .voice_env(ve("ve-a", "NOWHERE"))
        .login(login(20, 100, "A20"))
        .person(person(1, "a").logins(&[20]));
    let a = s.agent(1);
    assert_eq!(route(&a), ("only-voice-environment", json!("ve-a")));
    assert_eq!(login_of(&a), (Value::Null, "none"));
}

#[test]
fn agent_login_unknown_cases() {
    // Entries while agent-logins is unavailable (V known through route 1).
    let s = two_ves()
        .place(place(500, &[1000]))
        .person(person(1, "a").place_dbid(500).logins(&[20]))
        .person(person(2, "b").place_dbid(500))
        .unavailable(AGENT_LOGINS);
    assert_eq!(route(&s.agent(1)), ("extension-dn", json!("ve-a")));
    assert_eq!(login_of(&s.agent(1)), (Value::Null, "unknown"));
    // No entries: none without reading agent-logins.
    assert_eq!(login_of(&s.agent(2)), (Value::Null, "none"));
    // V none (route none) with entries and agent-logins unavailable: unknown too... but
    // route 2 is then undecidable, so V itself is unknown.
    let s = two_ves()
        .person(person(1, "a").logins(&[20]))
        .unavailable(AGENT_LOGINS);
    assert_eq!(route(&s.agent(1)), ("unknown", Value::Null));
    assert_eq!(login_of(&s.agent(1)), (Value::Null, "unknown"));
}

// ================================================================ lenient scalars

#[test]
fn dbids_are_read_from_strings_and_numbers_alike() {
    let s = Snap::new()
        .voice_env(ve("ve-a", "P"))
        .voice_env(ve("ve-z", "Z"))
        .app(app(10, "P").with("DBID", 10))
        .switch(switch(100, 10).with("DBID", 100).with("TServerDBID", "10"))
        .dn(ext(1000, 100).with("DBID", 1000).with("switchDBID", "100"))
        .dn(ext(1001, 100).with("switchDBID", 100))
        .place(place(500, &[]).with("DNDBIDs", json!([1000])))
        .place(
            place(501, &[])
                .with("DNDBIDs", json!(["1001"]))
                .with("DBID", 501),
        )
        .login(
            login(20, 100, "A20")
                .with("DBID", 20)
                .with("switchDBID", 100),
        )
        .person(person(101, "a").with("DBID", 101).place_dbid(500))
        .person(person(102, "b").with("agentInfo", json!({"placeDBID": 501})))
        .person(person(103, "c").with(
            "agentInfo",
            json!({"agentLogins": [{"agentLoginDBID": 20}]}),
        ));
    for dbid in [101, 102] {
        assert_eq!(route(&s.agent(dbid)), ("extension-dn", json!("ve-a")));
    }
    assert_eq!(route(&s.agent(103)), ("agent-login", json!("ve-a")));
    assert_eq!(login_of(&s.agent(103)), (json!("A20"), "agent-login"));
}

#[test]
fn is_agent_flag_string_number_or_bool_and_disabled_agents_included() {
    let s = Snap::new()
        .person(person(1, "s").with("isAgent", "2"))
        .person(person(2, "n").with("isAgent", 2))
        .person(person(3, "b").with("isAgent", true))
        .person(
            person(4, "disabled")
                .with("isAgent", "2")
                .with("state", "2"),
        )
        .person(person(5, "no1").with("isAgent", "1"))
        .person(person(6, "no2").with("isAgent", false))
        .person(person(7, "no3").with("isAgent", 1))
        .person(person(8, "no4").with("isAgent", Value::Null));
    let mut ids: Vec<String> = s
        .agents()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    assert_eq!(ids, ["person:1", "person:2", "person:3", "person:4"]);
}

#[test]
fn cluster_mode_bool_or_string_true_in_any_case() {
    for (value, cluster) in [
        (json!(true), true),
        (json!("TRUE"), true),
        (json!("True"), true),
        (json!(false), false),
        (json!("false"), false),
        (json!("yes"), false),
        (Value::Null, false),
    ] {
        let s = one_ve()
            .edit_voice_env("ve-a", |v| v["clusterMode"] = value.clone())
            .person(person(1, "a"));
        assert_eq!(s.agent(1)["clusterMode"], json!(cluster), "{value}");
    }
    let s = one_ve()
        .edit_voice_env("ve-a", |v| {
            v.as_object_mut().unwrap().remove("clusterMode");
        })
        .person(person(1, "a"));
    assert_eq!(s.agent(1)["clusterMode"], json!(false));
}

// ================================================================ effective options (§3)

/// Level `n` (1 person, 2 virtual agent group, 3 agent group, 4 tenant, 5 application)
/// sets the keys `k<n>` … `k1`, so key `k<n>` is set at level `n` and every level below it:
/// the highest level setting it must win.
fn levels() -> Snap {
    let keys = |upto: usize, label: &str| {
        let mut o = serde_json::Map::new();
        for n in 1..=upto {
            o.insert(format!("sipendpoint.k{n}"), json!(label));
        }
        Value::Object(o)
    };
    Snap::new()
        .tenant(tenant(1, "Resources", keys(4, "tenant")))
        .group(group(30, "zzz-agent-group", &[1], keys(3, "ag")))
        .group(vgroup(31, "aaa-virtual", &[1], keys(2, "vag")))
        .settings(keys(5, "app"))
        .person(person(1, "a").tenant_dbid(1).iw(keys(1, "person")))
}

#[test]
fn option_precedence_person_vag_ag_tenant_application_default() {
    let a = levels().agent(1);
    let expect = [
        ("sipendpoint.k1", "person", "person"),
        ("sipendpoint.k2", "vag", "virtual-agent-group:aaa-virtual"),
        ("sipendpoint.k3", "ag", "agent-group:zzz-agent-group"),
        ("sipendpoint.k4", "tenant", "tenant:Resources"),
        ("sipendpoint.k5", "app", "application"),
    ];
    for (key, value, source) in expect {
        assert_eq!(
            opt(&a, key),
            Some((json!(value), source.to_string())),
            "{key}"
        );
    }
    assert_eq!(
        opt(&a, "privilege.sipendpoint.can-use"),
        Some((json!("false"), "default".to_string()))
    );
    // Keys: every key set at a level, plus the defaults (login.prompt-place is neither a
    // privilege nor a parameter, so it is not listed).
    let params: Vec<&String> = a["parameters"].as_object().unwrap().keys().collect();
    assert_eq!(
        params,
        [
            "sipendpoint.k1",
            "sipendpoint.k2",
            "sipendpoint.k3",
            "sipendpoint.k4",
            "sipendpoint.k5"
        ]
    );
    let privs: Vec<&String> = a["privileges"].as_object().unwrap().keys().collect();
    assert_eq!(privs, ["privilege.sipendpoint.can-use"]);
}

#[test]
fn virtual_agent_group_beats_agent_group_whatever_the_names() {
    let s = Snap::new()
        .group(group(30, "zzz", &[1], json!({"sipendpoint.x": "ag"})))
        .group(vgroup(31, "aaa", &[1], json!({"sipendpoint.x": "vag"})))
        .person(person(1, "a"));
    assert_eq!(
        opt(&s.agent(1), "sipendpoint.x"),
        Some((json!("vag"), "virtual-agent-group:aaa".to_string()))
    );
}

#[test]
fn greatest_group_name_wins_lower_cased_then_exact() {
    let key = "sipendpoint.x";
    let winner = |groups: &[(&str, bool)]| {
        let mut s = Snap::new().person(person(1, "a"));
        for (i, (name, virt)) in groups.iter().enumerate() {
            let iw = json!({ key: name });
            let g = if *virt {
                vgroup(30 + i as i64, name, &[1], iw)
            } else {
                group(30 + i as i64, name, &[1], iw)
            };
            s = s.group(g);
        }
        opt(&s.agent(1), key).unwrap()
    };
    // Byte order would pick "alpha" ('a' > 'Z'); lower-cased, "zeta" is greater.
    assert_eq!(
        winner(&[("Zeta", false), ("alpha", false)]),
        (json!("Zeta"), "agent-group:Zeta".into())
    );
    assert_eq!(
        winner(&[("alpha", false), ("Zeta", false), ("Beta", false)]),
        (json!("Zeta"), "agent-group:Zeta".into())
    );
    // Unicode lower-casing: "Émile" → "émile", greater than "zed".
    assert_eq!(
        winner(&[("zed", false), ("Émile", false)]),
        (json!("Émile"), "agent-group:Émile".into())
    );
    // Equal lower-cased: ties by the exact string ("sales" > "Sales").
    assert_eq!(
        winner(&[("sales", false), ("Sales", false)]),
        (json!("sales"), "agent-group:sales".into())
    );
    assert_eq!(
        winner(&[("Sales", false), ("sales", false)]),
        (json!("sales"), "agent-group:sales".into())
    );
    // Likewise among virtual agent groups.
    assert_eq!(
        winner(&[("Zeta", true), ("alpha", true), ("zzz", false)]),
        (json!("Zeta"), "virtual-agent-group:Zeta".into())
    );
}

#[test]
fn a_group_that_does_not_set_the_key_does_not_hide_a_lesser_one() {
    let s = Snap::new()
        .group(group(30, "zzz", &[1], json!({"sipendpoint.other": "1"})))
        .group(group(31, "yyy", &[1], Value::Null))
        .group(group(32, "aaa", &[1], json!({"sipendpoint.x": "aaa"})))
        // a group the agent is not in
        .group(group(
            33,
            "zzzz",
            &[2],
            json!({"sipendpoint.x": "not mine"}),
        ))
        .person(person(1, "a"))
        .person(person(2, "b"));
    assert_eq!(
        opt(&s.agent(1), "sipendpoint.x"),
        Some((json!("aaa"), "agent-group:aaa".into()))
    );
}

#[test]
fn person_overrides_groups() {
    let s = Snap::new()
        .group(vgroup(30, "v", &[1], json!({"sipendpoint.x": "vag"})))
        .group(group(31, "g", &[1], json!({"sipendpoint.x": "ag"})))
        .person(person(1, "a").iw(json!({"sipendpoint.x": "mine"})));
    assert_eq!(
        opt(&s.agent(1), "sipendpoint.x"),
        Some((json!("mine"), "person".into()))
    );
}

#[test]
fn tenant_only_and_application_only() {
    let s = Snap::new()
        .tenant(tenant(1, "Env", json!({"sipendpoint.t": "T"})))
        .setting("sipendpoint.a", "A")
        .person(person(1, "a").tenant_dbid(1));
    let a = s.agent(1);
    assert_eq!(
        opt(&a, "sipendpoint.t"),
        Some((json!("T"), "tenant:Env".into()))
    );
    assert_eq!(
        opt(&a, "sipendpoint.a"),
        Some((json!("A"), "application".into()))
    );
    // A person without tenantDBID does not reach the tenant level.
    let s = s.person(person(2, "b"));
    assert_eq!(opt(&s.agent(2), "sipendpoint.t"), None);
}

#[test]
fn settings_first_of_a_name_wins() {
    let s = Snap::new()
        .setting("sipendpoint.a", "first")
        .setting("sipendpoint.a", "second")
        .person(person(1, "a"));
    assert_eq!(
        opt(&s.agent(1), "sipendpoint.a"),
        Some((json!("first"), "application".into()))
    );
}

#[test]
fn application_level_from_the_cluster_application_when_settings_is_unavailable() {
    let s = Snap::new()
        .app(app(20, "CloudCluster").iw(json!({"sipendpoint.a": "cloud"})))
        .app(app(21, "GWS_Cluster").iw(json!({"sipendpoint.a": "gws"})))
        .setting("sipendpoint.a", "settings")
        .person(person(1, "a"));
    // /settings available: it is the application level.
    assert_eq!(
        opt(&s.agent(1), "sipendpoint.a"),
        Some((json!("settings"), "application".into()))
    );
    let s = s.unavailable(SETTINGS);
    assert_eq!(
        opt(&s.agent(1), "sipendpoint.a"),
        Some((json!("cloud"), "application".into()))
    );
    let named = s.clone().config("clusterApplication", "GWS_Cluster");
    assert_eq!(
        opt(&named.agent(1), "sipendpoint.a"),
        Some((json!("gws"), "application".into()))
    );
    // ... or named by the overrides given to the inventory.
    let over = GwsConfig {
        cluster_application: Some("GWS_Cluster".into()),
        ..GwsConfig::default()
    };
    assert_eq!(
        opt(&agent_of(&s.inv_with(&over), 1), "sipendpoint.a"),
        Some((json!("gws"), "application".into()))
    );
    // No cluster application: nothing at the application level, the default remains.
    let none = s.config("clusterApplication", "Nope");
    let a = none.agent(1);
    assert_eq!(opt(&a, "sipendpoint.a"), None);
    assert_eq!(
        opt(&a, "privilege.sipendpoint.can-use"),
        Some((json!("false"), "default".into()))
    );
}

#[test]
fn default_values() {
    let s = Snap::new().person(person(1, "a"));
    let inv = s.inv();
    let agent = &inv.agents[0];
    let can_use = inv.effective_option(agent, "privilege.sipendpoint.can-use");
    let prompt = inv.effective_option(agent, "login.prompt-place");
    assert_eq!(
        (can_use.value, can_use.source.label().as_str()),
        (Some("false"), "default")
    );
    assert_eq!(
        (prompt.value, prompt.source.label().as_str()),
        (Some("false"), "default")
    );
}

#[test]
fn unknown_when_an_unavailable_level_is_reached_before_the_key() {
    // agent-groups unavailable: anything not set by the person is unknown.
    let s = Snap::new()
        .setting("sipendpoint.a", "app")
        .person(person(1, "a").iw(json!({"sipendpoint.p": "mine"})))
        .unavailable(AGENT_GROUPS);
    let a = s.agent(1);
    assert_eq!(
        opt(&a, "sipendpoint.p"),
        Some((json!("mine"), "person".into()))
    );
    assert_eq!(
        opt(&a, "sipendpoint.a"),
        Some((Value::Null, "unknown".into()))
    );
    assert_eq!(
        opt(&a, "privilege.sipendpoint.can-use"),
        Some((Value::Null, "unknown".into()))
    );

    // tenants unavailable: unknown below the group level, for persons with a tenantDBID.
    let s = Snap::new()
        .group(group(30, "g", &[1, 2], json!({"sipendpoint.g": "grp"})))
        .setting("sipendpoint.a", "app")
        .person(person(1, "a").tenant_dbid(1))
        .person(person(2, "b"))
        .unavailable(TENANTS);
    let a = s.agent(1);
    assert_eq!(
        opt(&a, "sipendpoint.g"),
        Some((json!("grp"), "agent-group:g".into()))
    );
    assert_eq!(
        opt(&a, "sipendpoint.a"),
        Some((Value::Null, "unknown".into()))
    );
    let b = s.agent(2);
    assert_eq!(
        opt(&b, "sipendpoint.a"),
        Some((json!("app"), "application".into()))
    );
    assert_eq!(
        opt(&b, "privilege.sipendpoint.can-use"),
        Some((json!("false"), "default".into()))
    );

    // settings and applications unavailable: the application level is unknown.
    let s = Snap::new()
        .tenant(tenant(1, "T", json!({"sipendpoint.t": "ten"})))
        .person(person(1, "a").tenant_dbid(1))
        .unavailable(SETTINGS)
        .unavailable(APPLICATIONS);
    let a = s.agent(1);
    assert_eq!(
        opt(&a, "sipendpoint.t"),
        Some((json!("ten"), "tenant:T".into()))
    );
    assert_eq!(
        opt(&a, "privilege.sipendpoint.can-use"),
        Some((Value::Null, "unknown".into()))
    );
    // settings unavailable alone: the cluster application stands in, nothing is unknown.
    let s = Snap::new()
        .app(app(20, "CloudCluster"))
        .person(person(1, "a"))
        .unavailable(SETTINGS);
    assert_eq!(
        opt(&s.agent(1), "privilege.sipendpoint.can-use"),
        Some((json!("false"), "default".into()))
    );
}

#[test]
fn a_key_set_to_the_empty_string_is_set() {
    let s = Snap::new()
        .setting("sipendpoint.uri", "https://localhost:8000")
        .setting("privilege.sipendpoint.can-use", "true")
        .person(
            person(1, "a").iw(json!({"sipendpoint.uri": "", "privilege.sipendpoint.can-use": ""})),
        );
    let a = s.agent(1);
    assert_eq!(
        opt(&a, "sipendpoint.uri"),
        Some((json!(""), "person".into()))
    );
    assert_eq!(
        opt(&a, "privilege.sipendpoint.can-use"),
        Some((json!(""), "person".into()))
    );
    assert_eq!(a["mode"], "standalone");
}

#[test]
fn numbers_and_bools_are_their_json_text_null_objects_arrays_are_not_set() {
    let s = Snap::new()
        .setting("sipendpoint.n", "app")
        .setting("sipendpoint.o", "app")
        .setting("sipendpoint.l", "app")
        .person(person(1, "a").iw(json!({
            "sipendpoint.i": 1,
            "sipendpoint.f": 1.5,
            "privilege.sipendpoint.can-use": true,
            "sipendpoint.b": false,
            "sipendpoint.n": null,
            "sipendpoint.o": {"x": "1"},
            "sipendpoint.l": ["1"],
            "sipendpoint.only-null": null,
        })));
    let a = s.agent(1);
    assert_eq!(
        opt(&a, "sipendpoint.i"),
        Some((json!("1"), "person".into()))
    );
    assert_eq!(
        opt(&a, "sipendpoint.f"),
        Some((json!("1.5"), "person".into()))
    );
    assert_eq!(
        opt(&a, "privilege.sipendpoint.can-use"),
        Some((json!("true"), "person".into()))
    );
    assert_eq!(
        opt(&a, "sipendpoint.b"),
        Some((json!("false"), "person".into()))
    );
    for key in ["sipendpoint.n", "sipendpoint.o", "sipendpoint.l"] {
        assert_eq!(
            opt(&a, key),
            Some((json!("app"), "application".into())),
            "{key}"
        );
    }
    assert_eq!(opt(&a, "sipendpoint.only-null"), None);
    // The same holds for settings values.
    let s = Snap::new()
        .setting("sipendpoint.i", 7)
        .setting("sipendpoint.b", true)
        .setting("sipendpoint.n", Value::Null)
        .person(person(1, "a"));
    let a = s.agent(1);
    assert_eq!(
        opt(&a, "sipendpoint.i"),
        Some((json!("7"), "application".into()))
    );
    assert_eq!(
        opt(&a, "sipendpoint.b"),
        Some((json!("true"), "application".into()))
    );
    assert_eq!(opt(&a, "sipendpoint.n"), None);
}

// ================================================================ deployment mode (§3)

#[test]
fn deployment_mode_connector_standalone_unknown() {
    let s = Snap::new()
        .group(group(
            30,
            "g",
            &[4],
            json!({"sipendpoint.uri": "https://localhost:8000"}),
        ))
        .person(person(1, "conn").iw(json!({"sipendpoint.uri": "https://localhost:8000"})))
        .person(person(2, "blank").iw(json!({"sipendpoint.uri": "   "})))
        .person(person(3, "unset"))
        .person(person(4, "grp").tenant_dbid(1))
        .person(person(5, "unknown").tenant_dbid(1))
        .unavailable(TENANTS);
    assert_eq!(s.agent(1)["mode"], "connector");
    assert_eq!(s.agent(2)["mode"], "standalone");
    assert_eq!(s.agent(3)["mode"], "standalone");
    // Found above the unavailable tenant level: known.
    assert_eq!(s.agent(4)["mode"], "connector");
    // Not found above it: the uri could be set at the tenant.
    assert_eq!(s.agent(5)["mode"], "unknown");
}

#[test]
fn softphone_mode_forces_the_mode_of_every_agent() {
    let base = Snap::new()
        .person(person(1, "conn").iw(json!({"sipendpoint.uri": "https://localhost:8000"})))
        .person(person(2, "unset"))
        .person(person(3, "unknown").tenant_dbid(1))
        .unavailable(TENANTS);
    for mode in ["standalone", "connector"] {
        let s = base.clone().config("softphoneMode", mode);
        for dbid in [1, 2, 3] {
            assert_eq!(s.agent(dbid)["mode"], mode, "person:{dbid}");
        }
    }
    // The overrides handed to the inventory beat the snapshot's gwsConfig.
    let over = GwsConfig {
        softphone_mode: Some(SoftphoneMode::Connector),
        ..GwsConfig::default()
    };
    let inv = base.config("softphoneMode", "standalone").inv_with(&over);
    for dbid in [1, 2, 3] {
        assert_eq!(agent_of(&inv, dbid)["mode"], "connector");
    }
}

// ================================================================ reading (SNAPSHOT.md §1–2)

const SNAPSHOT_101: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/examples/snapshot-101.json"
);

fn agents_doc(snapshot: &gwsx::snapshot::Snapshot, over: &GwsConfig) -> String {
    let inv = gwsx::domain::Inventory::from_snapshot(snapshot, over).unwrap();
    gwsx::agents::to_json(&inv, None)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn gzip_snapshot_gives_the_same_agents() {
    let plain = std::fs::read(SNAPSHOT_101).unwrap();
    let expected = agents_doc(
        &gwsx::snapshot::load(std::path::Path::new(SNAPSHOT_101)).unwrap(),
        &GwsConfig::default(),
    );
    assert!(expected.contains("\"person:"), "the example has agents");
    let dir = tempfile::tempdir().unwrap();
    // One gzip member, and several members as `cat a.gz b.gz` makes.
    let one = dir.path().join("one.json.gz");
    std::fs::write(&one, gzip(&plain)).unwrap();
    let mid = plain.len() / 2;
    let mut two = gzip(&plain[..mid]);
    two.extend(gzip(&plain[mid..]));
    let multi = dir.path().join("multi.json.gz");
    std::fs::write(&multi, two).unwrap();
    for path in [one, multi] {
        let snap = gwsx::snapshot::load(&path).unwrap();
        assert_eq!(
            agents_doc(&snap, &GwsConfig::default()),
            expected,
            "{path:?}"
        );
    }
    // from_bytes recognises gzip too.
    let snap = gwsx::snapshot::from_bytes(gzip(&plain), "t.json.gz").unwrap();
    assert_eq!(agents_doc(&snap, &GwsConfig::default()), expected);
}

#[test]
fn loose_directory_gives_the_same_agents() {
    let plain = std::fs::read(SNAPSHOT_101).unwrap();
    let doc: Value = serde_json::from_slice(&plain).unwrap();
    let expected = agents_doc(
        &gwsx::snapshot::from_bytes(plain.clone(), "snapshot-101.json").unwrap(),
        &GwsConfig::default(),
    );
    let dir = tempfile::tempdir().unwrap();
    // File names say nothing about the resource (bodies are recognised by envelope key);
    // every other file is gzipped; a saved failure is skipped.
    for (i, (_, body)) in doc["responses"].as_object().unwrap().iter().enumerate() {
        let text = serde_json::to_vec_pretty(body).unwrap();
        if i % 2 == 0 {
            std::fs::write(dir.path().join(format!("body-{i:02}.json")), text).unwrap();
        } else {
            std::fs::write(dir.path().join(format!("body-{i:02}.json.gz")), gzip(&text)).unwrap();
        }
    }
    std::fs::write(
        dir.path().join("zz-failure.json"),
        r#"{"statusCode": 5, "statusMessage": "denied"}"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a body").unwrap();
    let snap = gwsx::snapshot::load(dir.path()).unwrap();
    // Loose files carry no gwsConfig: the flags supply it.
    let config: GwsConfig = serde_json::from_value(doc["gwsConfig"].clone()).unwrap();
    assert_eq!(agents_doc(&snap, &config), expected);
}
