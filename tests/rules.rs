//! Every rule of the RULES.md §4 catalogue on minimal snapshots: it fires (with the right
//! target and option), it does not fire when its condition is not met, and it is skipped
//! when a fact it reads is unknown (RULES.md §0). Then the three worked examples through
//! the `gwsx` binary.

mod common;

use common::*;
use gwsx::snapshot::GwsConfig;
use serde_json::{Value, json};

type Hit = (String, String, Option<String>);

/// A clean SIP Cluster deployment: no rule of the catalogue fires.
/// - cluster voice environment `ve-c`: primary `SIPS_P` (application 10) → switch 100,
///   backup `SIPS_B` (application 11);
/// - cluster application `CloudCluster` (20) with a connection to 10:
///   `locations=/EU;server-role=5`;
/// - switch 100: Extension DN 1000, SIP Outbound Proxy DN 1001 (`sip.example.com`),
///   sip-cluster-nodes DN 1002;
/// - agent `person:1` (`ann`), employee ID `E1`, default place 500 holding DN 1000;
/// - application-level options: can-use true, a localhost `sipendpoint.uri`, the proxy's
///   address as `sipendpoint.sip-server-address`;
/// - gwsConfig: the option true, browser protocol https.
fn world() -> Snap {
    Snap::new()
        .employee_id_login(true)
        .config("browserProtocol", "https")
        .voice_env(cluster_ve("ve-c", "SIPS_P").backup("SIPS_B"))
        .app(app(10, "SIPS_P"))
        .app(app(11, "SIPS_B"))
        .app(app(20, "CloudCluster").conn(10, "locations=/EU;server-role=5"))
        .switch(switch(100, 10))
        .dn(ext(1000, 100))
        .dn(proxy(1001, 100, "sip.example.com"))
        .dn(nodes(1002, 100))
        .place(place(500, &[1000]))
        .settings(json!({
            "privilege.sipendpoint.can-use": "true",
            "sipendpoint.uri": "https://localhost:8000",
            "sipendpoint.sip-server-address": "sip.example.com",
        }))
        .person(person(1, "ann").place_dbid(500).eid("E1"))
}

/// The same deployment with `clusterMode` false (GWS-102 then fires; the tests using it
/// look at other rules).
fn non_cluster(s: Snap) -> Snap {
    s.edit_voice_env("ve-c", |v| v["clusterMode"] = json!(false))
}

/// The world with person 1's `interaction-workspace` option `key` set to `value`.
fn with_option(key: &str, value: impl Into<Value>) -> Snap {
    world().person_option(1, key, value)
}

fn fired(s: &Snap, rule: &str) -> Vec<Hit> {
    hits(&s.audit(), rule)
}

fn hit(kind: &str, id: &str, option: Option<&str>) -> Hit {
    (kind.into(), id.into(), option.map(String::from))
}

fn agent_hit(dbid: i64) -> Hit {
    hit("agent", &format!("person:{dbid}"), None)
}

fn ve_hit(id: &str) -> Hit {
    hit("voice-environment", id, None)
}

fn none() -> Vec<Hit> {
    Vec::new()
}

#[test]
fn the_clean_world_raises_nothing() {
    let s = world();
    assert_eq!(spec_findings(&s.audit()), Vec::<String>::new());
    let a = s.agent(1);
    assert_eq!(a["clusterMode"], json!(true));
    assert_eq!(a["mode"], "connector");
    assert_eq!(a["loginIdSource"], "employee-id");
}

// ================================================================ GWS-101

#[test]
fn gws_101_fires_when_the_option_is_false_or_absent() {
    let s = world().employee_id_login(false);
    assert_eq!(fired(&s, "GWS-101"), [ve_hit("ve-c")]);
    let s = world().unset_config("useEmployeeIdAsAgentLoginForSIPCluster");
    assert_eq!(fired(&s, "GWS-101"), [ve_hit("ve-c")]);
    // clusterMode as a string "true" in any case
    let s = world()
        .employee_id_login(false)
        .edit_voice_env("ve-c", |v| v["clusterMode"] = json!("True"));
    assert_eq!(fired(&s, "GWS-101"), [ve_hit("ve-c")]);
}

#[test]
fn gws_101_not_raised_when_the_option_is_true_or_not_a_cluster() {
    assert_eq!(fired(&world(), "GWS-101"), none());
    assert_eq!(
        fired(&non_cluster(world()).employee_id_login(false), "GWS-101"),
        none()
    );
    // The overrides (flags) beat the snapshot's gwsConfig.
    let over = GwsConfig {
        use_employee_id_login: Some(true),
        ..GwsConfig::default()
    };
    let inv = world().employee_id_login(false).inv_with(&over);
    assert_eq!(hits(&gwsx::audit::run(&inv), "GWS-101"), none());
}

#[test]
fn gws_101_skipped_when_voice_environments_are_unknown() {
    let s = world()
        .employee_id_login(false)
        .unavailable(GENESYS_ENVIRONMENTS);
    assert_eq!(fired(&s, "GWS-101"), none());
}

// ================================================================ GWS-102

fn with_params(params: &str) -> Snap {
    world().edit(APPLICATIONS, 20, |a| {
        a["appServerDBIDs"][0]["appParams"] = json!(params)
    })
}

#[test]
fn gws_102_fires_when_cluster_mode_disagrees_with_the_evidence() {
    // clusterMode true without evidence
    let s = with_params("locations=/EU");
    assert_eq!(fired(&s, "GWS-102"), [ve_hit("ve-c")]);
    // clusterMode false with evidence
    assert_eq!(fired(&non_cluster(world()), "GWS-102"), [ve_hit("ve-c")]);
}

#[test]
fn gws_102_reads_app_params_as_specified() {
    // Evidence: separators `;`, spaces and newlines; integers compared (05 is 5); the
    // first non-empty value of a key wins; a token without `=` is ignored.
    for params in [
        "locations=/EU server-role=5",
        "locations=/EU\nserver-role=05",
        "server-role=;server-role=5;locations=/EU",
        "flag;server-role=5",
        " server-role=5 ",
    ] {
        assert_eq!(fired(&with_params(params), "GWS-102"), none(), "{params:?}");
    }
    // No evidence: keys are case-sensitive; the first non-empty value wins; not an integer.
    for params in [
        "Server-Role=5;locations=/EU",
        "server-role=4;server-role=5",
        "server-role=5x",
        "server-role",
        "xserver-role=5",
        "",
    ] {
        assert_eq!(
            fired(&with_params(params), "GWS-102"),
            [ve_hit("ve-c")],
            "{params:?}"
        );
    }
}

#[test]
fn gws_102_evidence_from_the_target_application_and_the_backup_named_one() {
    // The target application's options.TServer.server-role, compared as an integer.
    let s = with_params("locations=/EU").edit(APPLICATIONS, 10, |a| {
        a["options"]["TServer"] = json!({"server-role": "05"})
    });
    assert_eq!(fired(&s, "GWS-102"), none());
    let s = with_params("locations=/EU").edit(APPLICATIONS, 10, |a| {
        a["options"]["TServer"] = json!({"server-role": 5})
    });
    assert_eq!(fired(&s, "GWS-102"), none());
    // A connection to the backup-named SIP Server counts.
    let s = with_params("locations=/EU").edit(APPLICATIONS, 20, |a| {
        a["appServerDBIDs"]
            .as_array_mut()
            .unwrap()
            .push(json!({"appServerDBID": 11, "appParams": "locations=/EU;server-role=5"}))
    });
    assert_eq!(fired(&s, "GWS-102"), none());
    // A connection to some other application does not.
    let s = with_params("locations=/EU")
        .app(app(12, "ELSE"))
        .edit(APPLICATIONS, 20, |a| {
            a["appServerDBIDs"]
                .as_array_mut()
                .unwrap()
                .push(json!({"appServerDBID": "12", "appParams": "locations=/EU;server-role=5"}))
        });
    assert_eq!(fired(&s, "GWS-102"), [ve_hit("ve-c")]);
}

#[test]
fn gws_102_uses_the_configured_cluster_application() {
    // GWS_Cluster is the cluster application; the decoy CloudCluster has the evidence.
    let s = with_params("locations=/EU")
        .app(app(21, "GWS_Cluster").conn(10, "locations=/EU"))
        .config("clusterApplication", "GWS_Cluster")
        .edit(APPLICATIONS, 20, |a| {
            a["appServerDBIDs"][0]["appParams"] = json!("locations=/EU;server-role=5")
        });
    assert_eq!(fired(&s, "GWS-102"), [ve_hit("ve-c")]);
    let s = world()
        .app(app(21, "GWS_Cluster").conn(10, "locations=/EU;server-role=5"))
        .config("clusterApplication", "GWS_Cluster")
        .edit(APPLICATIONS, 20, |a| {
            a["appServerDBIDs"][0]["appParams"] = json!("locations=/EU")
        });
    assert_eq!(fired(&s, "GWS-102"), none());
}

#[test]
fn gws_102_not_raised_without_the_cluster_application() {
    let s = with_params("locations=/EU").edit(APPLICATIONS, 20, |a| a["name"] = json!("Renamed"));
    assert_eq!(fired(&s, "GWS-102"), none());
    assert_eq!(fired(&world(), "GWS-102"), none());
}

#[test]
fn gws_102_skipped_when_applications_are_unavailable() {
    let s = with_params("locations=/EU").unavailable(APPLICATIONS);
    assert_eq!(fired(&s, "GWS-102"), none());
    let s = non_cluster(world()).unavailable(APPLICATIONS);
    assert_eq!(fired(&s, "GWS-102"), none());
}

// ================================================================ GWS-103

#[test]
fn gws_103_fires_for_each_connection_without_locations() {
    let conn = |id: &str| hit("connection", id, None);
    assert_eq!(
        fired(&with_params("server-role=5"), "GWS-103"),
        [conn("application:20/10")]
    );
    assert_eq!(
        fired(&with_params("locations=;server-role=5"), "GWS-103"),
        [conn("application:20/10")]
    );
    assert_eq!(
        fired(&with_params("Locations=/EU;server-role=5"), "GWS-103"),
        [conn("application:20/10")]
    );
    let s = world().edit(APPLICATIONS, 20, |a| {
        a["appServerDBIDs"]
            .as_array_mut()
            .unwrap()
            .push(json!({"appServerDBID": "11", "appParams": null}))
    });
    assert_eq!(fired(&s, "GWS-103"), [conn("application:20/11")]);
}

#[test]
fn gws_103_not_raised_with_locations_or_for_other_applications() {
    assert_eq!(fired(&world(), "GWS-103"), none());
    assert_eq!(
        fired(&with_params("server-role=5\nlocations=/EU/DC1"), "GWS-103"),
        none()
    );
    let s = world().edit(APPLICATIONS, 11, |a| {
        a["appServerDBIDs"] = json!([{"appServerDBID": "10", "appParams": "x=1"}])
    });
    assert_eq!(fired(&s, "GWS-103"), none());
}

#[test]
fn gws_103_skipped_when_applications_are_unavailable() {
    let s = with_params("server-role=5").unavailable(APPLICATIONS);
    assert_eq!(fired(&s, "GWS-103"), none());
}

// ================================================================ GWS-104

#[test]
fn gws_104_fires_when_no_switch_resolves() {
    // No application named after the servers.
    let s = world().voice_env(ve("ve-x", "NOPE").backup("NOPE_B"));
    assert_eq!(fired(&s, "GWS-104"), [ve_hit("ve-x")]);
    // The application exists, but no switch points at it.
    let s = world().voice_env(ve("ve-y", "Y")).app(app(30, "Y"));
    assert_eq!(fired(&s, "GWS-104"), [ve_hit("ve-y")]);
}

#[test]
fn gws_104_not_raised_when_a_switch_resolves() {
    assert_eq!(fired(&world(), "GWS-104"), none());
    // through the backup-named application
    let s = world()
        .voice_env(ve("ve-b", "NOPE").backup("B"))
        .app(app(31, "B"))
        .switch(switch(101, 31));
    assert_eq!(fired(&s, "GWS-104"), none());
}

#[test]
fn gws_104_skipped_when_applications_or_switches_are_unavailable() {
    for missing in [APPLICATIONS, SWITCHES] {
        let s = world()
            .voice_env(ve("ve-x", "NOPE"))
            .voice_env(ve("ve-y", "Y"))
            .app(app(30, "Y"))
            .unavailable(missing);
        assert_eq!(fired(&s, "GWS-104"), none(), "{missing}");
    }
}

// ================================================================ GWS-201

#[test]
fn gws_201_fires_for_an_empty_or_missing_employee_id() {
    for eid in [json!(""), json!("   "), Value::Null] {
        let s = world().edit(PERSONS, 1, |p| p["employeeID"] = eid.clone());
        assert_eq!(fired(&s, "GWS-201"), [agent_hit(1)], "{eid}");
    }
    let s = world().edit(PERSONS, 1, |p| {
        p.as_object_mut().unwrap().remove("employeeID");
    });
    assert_eq!(fired(&s, "GWS-201"), [agent_hit(1)]);
}

#[test]
fn gws_201_not_raised_with_an_employee_id_without_the_option_or_outside_a_cluster() {
    let blank = || world().edit(PERSONS, 1, |p| p["employeeID"] = json!(""));
    assert_eq!(fired(&world(), "GWS-201"), none());
    let camel = world().edit(PERSONS, 1, |p| {
        p.as_object_mut().unwrap().remove("employeeID");
        p["employeeId"] = json!("E1");
    });
    assert_eq!(fired(&camel, "GWS-201"), none());
    assert_eq!(fired(&blank().employee_id_login(false), "GWS-201"), none());
    assert_eq!(fired(&non_cluster(blank()), "GWS-201"), none());
}

#[test]
fn gws_201_skipped_when_the_agent_is_not_known_to_be_a_cluster_agent() {
    let s = world()
        .edit(PERSONS, 1, |p| p["employeeID"] = json!(""))
        .unavailable(PLACES);
    assert_eq!(s.agent(1)["clusterMode"], Value::Null);
    assert_eq!(fired(&s, "GWS-201"), none());
}

// ================================================================ GWS-202

/// The world with agents 2 and 3 in the same voice environment (place 501 → DN 1003, an
/// Extension on switch 100) with the given employee IDs.
fn three_agents(eid2: &str, eid3: &str) -> Snap {
    world()
        .dn(ext(1003, 100))
        .place(place(501, &[1003]))
        .person(person(2, "bob").place_dbid(501).eid(eid2))
        .person(person(3, "cid").place_dbid(501).eid(eid3))
}

#[test]
fn gws_202_fires_once_per_agent_involved() {
    let s = three_agents(" E1 ", "E3");
    assert_eq!(fired(&s, "GWS-202"), [agent_hit(1), agent_hit(2)]);
    let s = three_agents("E1", "E1");
    assert_eq!(
        fired(&s, "GWS-202"),
        [agent_hit(1), agent_hit(2), agent_hit(3)]
    );
}

#[test]
fn gws_202_not_raised_for_different_ids_or_across_voice_environments() {
    // compared case-sensitively
    assert_eq!(fired(&three_agents("e1", "E3"), "GWS-202"), none());
    // empty employee IDs are not duplicates (GWS-201 instead)
    let s = three_agents("", " ").edit(PERSONS, 1, |p| p["employeeID"] = json!(""));
    assert_eq!(fired(&s, "GWS-202"), none());
    // without the option, or outside a cluster
    assert_eq!(
        fired(
            &three_agents("E1", "E1").employee_id_login(false),
            "GWS-202"
        ),
        none()
    );
    assert_eq!(
        fired(&non_cluster(three_agents("E1", "E1")), "GWS-202"),
        none()
    );
    // the same ID in another cluster voice environment
    let s = world()
        .voice_env(cluster_ve("ve-d", "SIPS_D"))
        .app(app(12, "SIPS_D"))
        .switch(switch(101, 12))
        .dn(ext(1004, 101))
        .place(place(502, &[1004]))
        .person(person(4, "dan").place_dbid(502).eid("E1"));
    assert_eq!(s.agent(4)["voiceEnvironment"], json!("ve-d"));
    assert_eq!(fired(&s, "GWS-202"), none());
}

#[test]
fn gws_202_raises_only_on_a_known_match() {
    // Agent 2 would be in ve-c (its only agent login is on switch 100), but agent-logins is
    // unavailable: its voice environment is unknown.
    let s = world()
        .login(login(20, 100, "A20"))
        .person(person(2, "bob").eid("E1").logins(&[20]))
        .unavailable(AGENT_LOGINS);
    assert_eq!(s.agent(2)["voiceEnvironmentRoute"], "unknown");
    assert_eq!(fired(&s, "GWS-202"), none());
}

// ================================================================ GWS-203

#[test]
fn gws_203_fires_for_a_connector_cluster_agent_without_a_default_place() {
    // The agent still reaches ve-c through route 3.
    for place in [None, Some("0"), Some("777")] {
        let s = world().edit(PERSONS, 1, |p| match place {
            None => {
                p["agentInfo"].as_object_mut().unwrap().remove("placeDBID");
            }
            Some(d) => p["agentInfo"]["placeDBID"] = json!(d),
        });
        assert_eq!(s.agent(1)["mode"], "connector");
        assert_eq!(fired(&s, "GWS-203"), [agent_hit(1)], "{place:?}");
    }
}

#[test]
fn gws_203_not_raised_in_standalone_mode_with_a_place_or_outside_a_cluster() {
    let no_place = || world().edit(PERSONS, 1, |p| p["agentInfo"]["placeDBID"] = json!(0));
    assert_eq!(fired(&world(), "GWS-203"), none());
    assert_eq!(
        fired(
            &no_place().person_option(1, "sipendpoint.uri", " "),
            "GWS-203"
        ),
        none()
    );
    assert_eq!(
        fired(&no_place().config("softphoneMode", "standalone"), "GWS-203"),
        none()
    );
    assert_eq!(fired(&non_cluster(no_place()), "GWS-203"), none());
}

#[test]
fn gws_203_skipped_when_the_mode_is_unknown() {
    let s = world()
        .edit(PERSONS, 1, |p| {
            p["agentInfo"]["placeDBID"] = json!(0);
            p["tenantDBID"] = json!("1");
        })
        .unavailable(TENANTS);
    assert_eq!(s.agent(1)["mode"], "unknown");
    assert_eq!(s.agent(1)["clusterMode"], json!(true));
    assert_eq!(fired(&s, "GWS-203"), none());
}

// ================================================================ GWS-204

#[test]
fn gws_204_fires_when_the_default_place_holds_no_extension() {
    let s = world()
        .dn(dn(1003, 100, "CFGACDQueue"))
        .place(place(501, &[1003, 9999]))
        .edit(PERSONS, 1, |p| p["agentInfo"]["placeDBID"] = json!(501));
    assert_eq!(fired(&s, "GWS-204"), [agent_hit(1)]);
    let s = world().edit(PLACES, 500, |p| p["DNDBIDs"] = json!([]));
    assert_eq!(fired(&s, "GWS-204"), [agent_hit(1)]);
}

#[test]
fn gws_204_not_raised_with_an_extension_without_a_place_or_outside_a_cluster() {
    assert_eq!(fired(&world(), "GWS-204"), none());
    // Extension type by name, with or without CFG, any case
    for kind in ["CFGExtension", "extension", "Extension"] {
        let s = world().edit(DNS, 1000, |d| d["type"] = json!(kind));
        assert_eq!(fired(&s, "GWS-204"), none(), "{kind}");
    }
    let s = world().edit(PERSONS, 1, |p| p["agentInfo"]["placeDBID"] = json!(0));
    assert_eq!(fired(&s, "GWS-204"), none());
    let s = non_cluster(world().edit(PLACES, 500, |p| p["DNDBIDs"] = json!([])));
    assert_eq!(fired(&s, "GWS-204"), none());
}

#[test]
fn gws_204_skipped_when_unknown() {
    // The cluster membership is unknown (agent-logins needed for route 2).
    let s = world()
        .login(login(20, 100, "A20"))
        .edit(PLACES, 500, |p| p["DNDBIDs"] = json!([]))
        .edit(PERSONS, 1, |p| {
            p["agentInfo"]["agentLogins"] = json!([{"agentLoginDBID": "20"}])
        })
        .unavailable(AGENT_LOGINS);
    assert_eq!(s.agent(1)["clusterMode"], Value::Null);
    assert_eq!(fired(&s, "GWS-204"), none());
    // dns unavailable
    let s = world()
        .edit(PLACES, 500, |p| p["DNDBIDs"] = json!([]))
        .unavailable(DNS);
    assert_eq!(fired(&s, "GWS-204"), none());
}

// ================================================================ GWS-205

/// The world with a switch 200 that serves no voice environment (its T-Server 40 is named
/// by none), Extension DN 2000 on it, and agent 1's place 500 holding `dns`.
fn place_holding(dns: &[i64]) -> Snap {
    world()
        .app(app(40, "UNUSED"))
        .switch(switch(200, 40))
        .dn(ext(2000, 200))
        .dn(ext(2001, 999))
        .edit(PLACES, 500, |p| {
            p["DNDBIDs"] = dns.iter().map(|d| json!(d.to_string())).collect()
        })
}

#[test]
fn gws_205_fires_when_no_extension_of_the_place_is_on_a_serving_switch() {
    assert_eq!(fired(&place_holding(&[2000]), "GWS-205"), [agent_hit(1)]);
    // a DN on a switch that does not exist
    assert_eq!(
        fired(&place_holding(&[2001, 2000]), "GWS-205"),
        [agent_hit(1)]
    );
    // not only for cluster agents
    assert_eq!(
        fired(&non_cluster(place_holding(&[2000])), "GWS-205"),
        [agent_hit(1)]
    );
}

#[test]
fn gws_205_not_raised_when_one_extension_is_served_or_there_is_none() {
    assert_eq!(fired(&world(), "GWS-205"), none());
    assert_eq!(fired(&place_holding(&[2000, 1000]), "GWS-205"), none());
    assert_eq!(fired(&place_holding(&[1001]), "GWS-205"), none());
}

#[test]
fn gws_205_skipped_when_serving_is_unknown() {
    for missing in [SWITCHES, APPLICATIONS, DNS, PLACES] {
        let s = place_holding(&[2000]).unavailable(missing);
        assert_eq!(fired(&s, "GWS-205"), none(), "{missing}");
    }
}

// ================================================================ GWS-206

#[test]
fn gws_206_fires_for_a_cluster_agent_with_agent_logins_dangling_or_not() {
    let s = world().edit(PERSONS, 1, |p| {
        p["agentInfo"]["agentLogins"] = json!([{"agentLoginDBID": "999"}])
    });
    assert_eq!(fired(&s, "GWS-206"), [agent_hit(1)]);
    let s = world().login(login(20, 100, "A20")).edit(PERSONS, 1, |p| {
        p["agentInfo"]["agentLogins"] = json!([{"agentLoginDBID": 20}])
    });
    assert_eq!(fired(&s, "GWS-206"), [agent_hit(1)]);
}

#[test]
fn gws_206_not_raised_without_entries_or_outside_a_cluster() {
    assert_eq!(fired(&world(), "GWS-206"), none());
    let s = non_cluster(world().edit(PERSONS, 1, |p| {
        p["agentInfo"]["agentLogins"] = json!([{"agentLoginDBID": "999"}])
    }));
    assert_eq!(fired(&s, "GWS-206"), none());
}

#[test]
fn gws_206_skipped_when_the_cluster_membership_is_unknown() {
    let s = world()
        .edit(PERSONS, 1, |p| {
            p["agentInfo"]["agentLogins"] = json!([{"agentLoginDBID": "999"}])
        })
        .unavailable(PLACES);
    assert_eq!(fired(&s, "GWS-206"), none());
}

// ================================================================ GWS-301

#[test]
fn gws_301_fires_when_can_use_is_not_true() {
    for v in [json!("false"), json!("yes"), json!(""), json!(1)] {
        let s = with_option("privilege.sipendpoint.can-use", v.clone());
        assert_eq!(fired(&s, "GWS-301"), [agent_hit(1)], "{v}");
    }
    // The default (false): nothing sets it (settings unavailable, no cluster-app section).
    let s = world().unavailable(SETTINGS);
    assert_eq!(fired(&s, "GWS-301"), [agent_hit(1)]);
}

#[test]
fn gws_301_not_raised_when_true_or_outside_a_cluster() {
    assert_eq!(fired(&world(), "GWS-301"), none());
    for v in [json!(" TRUE "), json!(true)] {
        let s = with_option("privilege.sipendpoint.can-use", v.clone());
        assert_eq!(fired(&s, "GWS-301"), none(), "{v}");
    }
    let s = non_cluster(with_option("privilege.sipendpoint.can-use", "false"));
    assert_eq!(fired(&s, "GWS-301"), none());
}

#[test]
fn gws_301_skipped_when_can_use_is_unknown() {
    // can-use comes from the application level, below the unavailable agent-groups level.
    let s = world().unavailable(AGENT_GROUPS).unavailable(SETTINGS);
    assert_eq!(fired(&s, "GWS-301"), none());
    let s = world().unavailable(SETTINGS).unavailable(APPLICATIONS);
    assert_eq!(fired(&s, "GWS-301"), none());
}

// ================================================================ GWS-302

#[test]
fn gws_302_fires_when_can_use_and_prompt_place_are_both_true() {
    let s = with_option("login.prompt-place", "True");
    assert_eq!(fired(&s, "GWS-302"), [agent_hit(1)]);
    // not only for cluster agents
    let s = non_cluster(with_option("login.prompt-place", true));
    assert_eq!(fired(&s, "GWS-302"), [agent_hit(1)]);
}

#[test]
fn gws_302_not_raised_unless_both_are_true() {
    assert_eq!(fired(&world(), "GWS-302"), none());
    let s = with_option("login.prompt-place", "true").person_option(
        1,
        "privilege.sipendpoint.can-use",
        "false",
    );
    assert_eq!(fired(&s, "GWS-302"), none());
}

#[test]
fn gws_302_skipped_when_either_is_unknown() {
    let s = with_option("login.prompt-place", "true").unavailable(AGENT_GROUPS);
    assert_eq!(fired(&s, "GWS-302"), none());
    let s = world()
        .setting("login.prompt-place", "true")
        .person_option(1, "privilege.sipendpoint.can-use", "true")
        .unavailable(AGENT_GROUPS);
    assert_eq!(fired(&s, "GWS-302"), none());
}

// ================================================================ GWS-303 (localhost form)

#[test]
fn gws_303_fires_for_a_uri_not_of_the_localhost_form() {
    for uri in [
        "https://gws.example.com:8000",
        "https://localhost",
        "https://localhost/",
        "https://localhost:8000/path",
        "https://localhost:8000//",
        "https://localhost:8000?x=1",
        "https://localhost:8000#top",
        "https://user@localhost:8000",
        "https://user:pw@localhost:8000",
        "https://localhost:0",
        "https://localhost:00000",
        "https://localhost:65536",
        "https://localhost:80a",
        "https://localhost:+80",
        "https://localhost:",
        "https://127.0.0.2:8000",
        "https://[::1]:8000",
        "ftp://localhost:8000",
        "localhost:8000",
        "https:/localhost:8000",
    ] {
        let s = with_option("sipendpoint.uri", uri);
        assert_eq!(fired(&s, "GWS-303"), [agent_hit(1)], "{uri:?}");
    }
}

#[test]
fn gws_303_not_raised_for_the_localhost_form_or_an_empty_uri() {
    for uri in [
        "https://localhost:8000",
        "http://localhost:8000/",
        " https://LocalHost:8000 ",
        "HTTPS://LOCALHOST:08000",
        "https://127.0.0.1:8000",
        "http://127.0.0.1:80",
        "https://localhost:443",
        "https://localhost:443/",
        "https://localhost:1",
        "https://localhost:65535",
        "https://localhost:000065535",
        "",
        "   ",
    ] {
        let s = with_option("sipendpoint.uri", uri);
        assert_eq!(fired(&s, "GWS-303"), none(), "{uri:?}");
    }
    // not set at all
    assert_eq!(fired(&world().unavailable(SETTINGS), "GWS-303"), none());
}

#[test]
fn gws_303_skipped_when_the_uri_is_unknown() {
    let s = world()
        .setting("sipendpoint.uri", "https://gws.example.com")
        .unavailable(AGENT_GROUPS);
    assert_eq!(fired(&s, "GWS-303"), none());
}

// ================================================================ GWS-304 (browser protocol)

#[test]
fn gws_304_fires_when_the_uri_scheme_differs_from_the_browser_protocol() {
    let s = with_option("sipendpoint.uri", "http://localhost:8000");
    assert_eq!(fired(&s, "GWS-304"), [agent_hit(1)]);
    let s =
        with_option("sipendpoint.uri", "HTTPS://localhost:8000").config("browserProtocol", "http");
    assert_eq!(fired(&s, "GWS-304"), [agent_hit(1)]);
    // no gwsConfig.browserProtocol: the scheme of source.baseUrl
    let s = with_option("sipendpoint.uri", "http://localhost:8000")
        .unset_config("browserProtocol")
        .base_url("https://gws.example.com/api/v2");
    assert_eq!(fired(&s, "GWS-304"), [agent_hit(1)]);
    // a browserProtocol that is neither http nor https: the base URL decides
    let s = with_option("sipendpoint.uri", "http://localhost:8000")
        .config("browserProtocol", "ftp")
        .base_url("HTTPS://gws.example.com/api/v2");
    assert_eq!(fired(&s, "GWS-304"), [agent_hit(1)]);
    // the overrides beat the snapshot
    let over = GwsConfig {
        browser_protocol: Some("http".into()),
        ..GwsConfig::default()
    };
    let inv = world().inv_with(&over);
    assert_eq!(hits(&gwsx::audit::run(&inv), "GWS-304"), [agent_hit(1)]);
}

#[test]
fn gws_304_not_raised_for_the_same_scheme_or_another_scheme() {
    assert_eq!(fired(&world(), "GWS-304"), none());
    let s =
        with_option("sipendpoint.uri", "HTTP://localhost:8000").config("browserProtocol", "HTTP");
    assert_eq!(fired(&s, "GWS-304"), none());
    // gwsConfig beats the base URL
    let s = with_option("sipendpoint.uri", "http://localhost:8000")
        .config("browserProtocol", "http")
        .base_url("https://gws.example.com/api/v2");
    assert_eq!(fired(&s, "GWS-304"), none());
    // a scheme that is not http or https
    let s = with_option("sipendpoint.uri", "wss://localhost:8000");
    assert_eq!(fired(&s, "GWS-304"), none());
    let s = with_option("sipendpoint.uri", "");
    assert_eq!(fired(&s, "GWS-304"), none());
}

#[test]
fn gws_304_not_evaluated_when_the_browser_protocol_is_unknown() {
    let s = with_option("sipendpoint.uri", "http://localhost:8000").unset_config("browserProtocol");
    assert_eq!(fired(&s, "GWS-304"), none());
    let s = with_option("sipendpoint.uri", "http://localhost:8000")
        .config("browserProtocol", "ftp")
        .base_url("gws.example.com/api/v2");
    assert_eq!(fired(&s, "GWS-304"), none());
}

#[test]
fn gws_304_skipped_when_the_uri_is_unknown() {
    let s = world()
        .setting("sipendpoint.uri", "http://localhost:8000")
        .unavailable(AGENT_GROUPS);
    assert_eq!(fired(&s, "GWS-304"), none());
}

// ================================================================ GWS-305

#[test]
fn gws_305_fires_without_a_non_empty_sip_server_address() {
    for v in ["", "   "] {
        let s = with_option("sipendpoint.sip-server-address", v);
        assert_eq!(fired(&s, "GWS-305"), [agent_hit(1)], "{v:?}");
    }
    let s = world()
        .unavailable(SETTINGS)
        .person_option(1, "privilege.sipendpoint.can-use", "true");
    assert_eq!(fired(&s, "GWS-305"), [agent_hit(1)]);
}

#[test]
fn gws_305_not_raised_with_an_address_without_can_use_or_outside_a_cluster() {
    assert_eq!(fired(&world(), "GWS-305"), none());
    let s = with_option("sipendpoint.sip-server-address", "").person_option(
        1,
        "privilege.sipendpoint.can-use",
        "false",
    );
    assert_eq!(fired(&s, "GWS-305"), none());
    let s = non_cluster(with_option("sipendpoint.sip-server-address", ""));
    assert_eq!(fired(&s, "GWS-305"), none());
}

#[test]
fn gws_305_skipped_when_the_address_or_can_use_is_unknown() {
    let s = world()
        .person_option(1, "privilege.sipendpoint.can-use", "true")
        .unavailable(AGENT_GROUPS)
        .unavailable(SETTINGS);
    assert_eq!(fired(&s, "GWS-305"), none());
    let s = with_option("sipendpoint.sip-server-address", "")
        .unavailable(AGENT_GROUPS)
        .unavailable(SETTINGS);
    assert_eq!(fired(&s, "GWS-305"), none());
}

// ================================================================ GWS-306 (IP literal or port)

#[test]
fn gws_306_fires_for_an_ip_literal_or_a_port() {
    for v in [
        "10.0.0.5",
        " 10.0.0.5 ",
        "10.0.0.5:5060",
        "2001:db8::10",
        "[2001:db8::10]",
        "[2001:db8::10]:5060",
        "::1",
        "sip.example.com:5060",
        "sip.example.com.:5060",
    ] {
        let s = with_option("sipendpoint.sip-server-address", v);
        assert_eq!(fired(&s, "GWS-306"), [agent_hit(1)], "{v:?}");
    }
    // not only for cluster agents
    let s = non_cluster(with_option("sipendpoint.sip-server-address", "10.0.0.5"));
    assert_eq!(fired(&s, "GWS-306"), [agent_hit(1)]);
}

#[test]
fn gws_306_not_raised_for_a_host_name() {
    for v in [
        "sip.example.com",
        "sip.example.com.",
        "10.0.0.5.",
        "10.0.0",
        "256.1.1.1",
        "sip-1",
        "",
        "  ",
    ] {
        let s = with_option("sipendpoint.sip-server-address", v);
        assert_eq!(fired(&s, "GWS-306"), none(), "{v:?}");
    }
}

#[test]
fn gws_306_skipped_when_the_address_is_unknown() {
    let s = world()
        .setting("sipendpoint.sip-server-address", "10.0.0.5")
        .unavailable(AGENT_GROUPS);
    assert_eq!(fired(&s, "GWS-306"), none());
}

// ================================================================ GWS-307

#[test]
fn gws_307_fires_when_the_address_matches_no_outbound_proxy() {
    for v in ["other.example.com", "sip.example.com..", "sip.example.co"] {
        let s = with_option("sipendpoint.sip-server-address", v);
        assert_eq!(fired(&s, "GWS-307"), [agent_hit(1)], "{v:?}");
    }
    // a proxy DN on another switch does not count
    let s = with_option("sipendpoint.sip-server-address", "other.example.com").dn(proxy(
        1009,
        555,
        "other.example.com",
    ));
    assert_eq!(fired(&s, "GWS-307"), [agent_hit(1)]);
}

#[test]
fn gws_307_normalises_both_sides() {
    for v in [" SIP.Example.COM. ", "sip.example.com.", "Sip.Example.Com"] {
        let s = with_option("sipendpoint.sip-server-address", v);
        assert_eq!(fired(&s, "GWS-307"), none(), "{v:?}");
    }
    let s = world().edit(DNS, 1001, |d| {
        d["userProperties"]["TServer"]["external-contact"] = json!("  SIP.EXAMPLE.COM. ")
    });
    assert_eq!(fired(&s, "GWS-307"), none());
    // any of several proxy DNs of the switch
    let s = with_option("sipendpoint.sip-server-address", "b.example.com").dn(proxy(
        1008,
        100,
        "b.example.com",
    ));
    assert_eq!(fired(&s, "GWS-307"), none());
}

#[test]
fn gws_307_not_raised_when_the_switch_has_no_outbound_proxy_dn() {
    let s = with_option("sipendpoint.sip-server-address", "other.example.com").remove(DNS, 1001);
    assert_eq!(fired(&s, "GWS-307"), none());
    // a proxy DN with an empty external-contact is not GWS-401's kind
    let s =
        with_option("sipendpoint.sip-server-address", "other.example.com").edit(DNS, 1001, |d| {
            d["userProperties"]["TServer"]["external-contact"] = json!(" ")
        });
    assert_eq!(fired(&s, "GWS-307"), none());
    // outside a cluster; empty address
    let s = non_cluster(with_option(
        "sipendpoint.sip-server-address",
        "other.example.com",
    ));
    assert_eq!(fired(&s, "GWS-307"), none());
    assert_eq!(
        fired(
            &with_option("sipendpoint.sip-server-address", ""),
            "GWS-307"
        ),
        none()
    );
}

#[test]
fn gws_307_skipped_when_dns_or_the_address_are_unknown() {
    // Agent 2 reaches ve-c through route 3, which does not read dns.
    let s = world()
        .person(person(2, "bob").eid("E2"))
        .person_option(2, "sipendpoint.sip-server-address", "other.example.com")
        .unavailable(DNS);
    assert_eq!(s.agent(2)["clusterMode"], json!(true));
    assert_eq!(fired(&s, "GWS-307"), none());
    let s = world()
        .setting("sipendpoint.sip-server-address", "other.example.com")
        .unavailable(AGENT_GROUPS);
    assert_eq!(fired(&s, "GWS-307"), none());
}

// ================================================================ GWS-308

#[test]
fn gws_308_fires_for_a_transport_that_is_not_udp_tcp_or_tls() {
    for v in [
        json!(""),
        json!("  "),
        json!("sctp"),
        json!("udp,tcp"),
        json!(5060),
    ] {
        let s = with_option("sipendpoint.transport-protocol", v.clone());
        assert_eq!(fired(&s, "GWS-308"), [agent_hit(1)], "{v}");
    }
}

#[test]
fn gws_308_not_raised_for_udp_tcp_tls_or_when_not_set() {
    for v in ["udp", " TCP ", "Tls"] {
        let s = with_option("sipendpoint.transport-protocol", v);
        assert_eq!(fired(&s, "GWS-308"), none(), "{v:?}");
    }
    assert_eq!(fired(&world(), "GWS-308"), none());
    // null is not set
    let s = with_option("sipendpoint.transport-protocol", Value::Null);
    assert_eq!(fired(&s, "GWS-308"), none());
}

#[test]
fn gws_308_skipped_when_the_transport_is_unknown() {
    let s = world()
        .setting("sipendpoint.transport-protocol", "sctp")
        .unavailable(AGENT_GROUPS);
    assert_eq!(fired(&s, "GWS-308"), none());
}

// ================================================================ GWS-309

#[test]
fn gws_309_fires_for_each_malformed_policy_key() {
    let mut s = world();
    for key in [
        "sipendpoint.policy.device",
        "sipendpoint.policy.a.b.c",
        "sipendpoint.policy.a.",
        "sipendpoint.policy..b",
        "sipendpoint.policy.",
    ] {
        s = s.person_option(1, key, "1");
    }
    let mut got = fired(&s, "GWS-309");
    got.sort();
    let mut want: Vec<Hit> = [
        "sipendpoint.policy.",
        "sipendpoint.policy..b",
        "sipendpoint.policy.a.",
        "sipendpoint.policy.a.b.c",
        "sipendpoint.policy.device",
    ]
    .iter()
    .map(|k| hit("agent", "person:1", Some(k)))
    .collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn gws_309_not_raised_for_well_formed_or_other_keys() {
    let s = world()
        .person_option(1, "sipendpoint.policy.device.use_headset", "1")
        .person_option(1, "sipendpoint.policies.x", "1")
        .person_option(1, "sipendpoint.device.policy.x", "1");
    assert_eq!(fired(&s, "GWS-309"), none());
}

#[test]
fn gws_309_runs_even_when_the_value_is_unknown() {
    let s = world()
        .setting("sipendpoint.policy.bad", "1")
        .unavailable(AGENT_GROUPS);
    let a = s.agent(1);
    assert_eq!(
        opt(&a, "sipendpoint.policy.bad"),
        Some((Value::Null, "unknown".into()))
    );
    assert_eq!(
        fired(&s, "GWS-309"),
        [hit("agent", "person:1", Some("sipendpoint.policy.bad"))]
    );
}

// ================================================================ GWS-310

fn groups(a: (Value, bool), b: (Value, bool)) -> Snap {
    let make = |dbid: i64, name: &str, (iw, virt): (Value, bool)| {
        if virt {
            vgroup(dbid, name, &[1], iw)
        } else {
            group(dbid, name, &[1], iw)
        }
    };
    world()
        .group(make(30, "Alpha", a))
        .group(make(31, "Beta", b))
}

const TRANSPORT: &str = "sipendpoint.transport-protocol";

#[test]
fn gws_310_fires_when_two_groups_set_a_key_differently() {
    let key_hit = |k: &str| vec![hit("agent", "person:1", Some(k))];
    let s = groups(
        (json!({TRANSPORT: "udp"}), false),
        (json!({TRANSPORT: "tcp"}), false),
    );
    assert_eq!(fired(&s, "GWS-310"), key_hit(TRANSPORT));
    // virtual or not; values compared exactly as stored
    let s = groups(
        (json!({TRANSPORT: "udp"}), true),
        (json!({TRANSPORT: "UDP"}), false),
    );
    assert_eq!(fired(&s, "GWS-310"), key_hit(TRANSPORT));
    let can_use = "privilege.sipendpoint.can-use";
    let s = groups(
        (json!({can_use: "true"}), false),
        (json!({can_use: "true "}), false),
    );
    assert_eq!(fired(&s, "GWS-310"), key_hit(can_use));
    // the person's section exists but does not hold the key
    let s = groups(
        (json!({TRANSPORT: "udp"}), false),
        (json!({TRANSPORT: "tcp"}), false),
    )
    .person_option(1, "sipendpoint.other", "x");
    assert_eq!(fired(&s, "GWS-310"), key_hit(TRANSPORT));
}

#[test]
fn gws_310_not_raised_for_equal_values_person_keys_or_other_keys() {
    let s = groups(
        (json!({TRANSPORT: "udp"}), false),
        (json!({TRANSPORT: "udp"}), true),
    );
    assert_eq!(fired(&s, "GWS-310"), none());
    // the person's own section holds the key (even empty)
    for mine in ["tls", ""] {
        let s = groups(
            (json!({TRANSPORT: "udp"}), false),
            (json!({TRANSPORT: "tcp"}), false),
        )
        .person_option(1, TRANSPORT, mine);
        assert_eq!(fired(&s, "GWS-310"), none(), "{mine:?}");
    }
    // not a softphone key
    let s = groups(
        (json!({"login.prompt-place": "true"}), false),
        (json!({"login.prompt-place": "false"}), false),
    );
    assert_eq!(fired(&s, "GWS-310"), none());
    // a group and the tenant, or a group the agent is not in
    let s = world()
        .group(group(30, "Alpha", &[1], json!({TRANSPORT: "udp"})))
        .group(group(31, "Other", &[2], json!({TRANSPORT: "tcp"})))
        .tenant(tenant(1, "T", json!({TRANSPORT: "tcp"})))
        .edit(PERSONS, 1, |p| p["tenantDBID"] = json!(1));
    assert_eq!(fired(&s, "GWS-310"), none());
}

#[test]
fn gws_310_skipped_when_agent_groups_are_unavailable() {
    let s = world().unavailable(AGENT_GROUPS);
    assert_eq!(fired(&s, "GWS-310"), none());
}

// ================================================================ GWS-311

#[test]
fn gws_311_fires_for_each_invalid_boolean() {
    let s = world()
        .person_option(1, "privilege.sipendpoint.can-use", "yes")
        .person_option(1, "login.prompt-place", 1)
        .person_option(1, "privilege.sipendpoint.can-x", "")
        .group(group(
            30,
            "G",
            &[1],
            json!({"privilege.sipendpoint.can-y": "maybe"}),
        ));
    let mut got = fired(&s, "GWS-311");
    got.sort();
    let want: Vec<Hit> = [
        "login.prompt-place",
        "privilege.sipendpoint.can-use",
        "privilege.sipendpoint.can-x",
        "privilege.sipendpoint.can-y",
    ]
    .iter()
    .map(|k| hit("agent", "person:1", Some(k)))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn gws_311_not_raised_for_valid_booleans_or_other_keys() {
    let s = world()
        .person_option(1, "privilege.sipendpoint.can-use", " TRUE ")
        .person_option(1, "login.prompt-place", false)
        .person_option(1, "privilege.sipendpoint.can-x", "False")
        .person_option(1, "sipendpoint.uri", "https://localhost:8000")
        .person_option(1, "login.other", "maybe");
    assert_eq!(fired(&s, "GWS-311"), none());
}

#[test]
fn gws_311_skipped_when_the_value_is_unknown() {
    let s = world()
        .setting("login.prompt-place", "maybe")
        .setting("privilege.sipendpoint.can-z", "maybe")
        .unavailable(AGENT_GROUPS);
    assert_eq!(fired(&s, "GWS-311"), none());
}

// ================================================================ GWS-401

fn switch_hit(dbid: i64) -> Hit {
    hit("switch", &format!("switch:{dbid}"), None)
}

#[test]
fn gws_401_fires_for_a_cluster_switch_without_an_outbound_proxy() {
    assert_eq!(
        fired(&world().remove(DNS, 1001), "GWS-401"),
        [switch_hit(100)]
    );
    let broken: [fn(&mut Value); 4] = [
        |d| d["userProperties"]["TServer"]["external-contact"] = json!(""),
        |d| {
            d["userProperties"]["TServer"]
                .as_object_mut()
                .unwrap()
                .remove("external-contact");
        },
        |d| d["type"] = json!("1"),
        |d| d["userProperties"]["TServer"]["service-type"] = json!("sip-cluster-nodes"),
    ];
    for (i, f) in broken.into_iter().enumerate() {
        let s = world().edit(DNS, 1001, f);
        assert_eq!(fired(&s, "GWS-401"), [switch_hit(100)], "case {i}");
    }
}

#[test]
fn gws_401_not_raised_with_a_proxy_or_outside_a_cluster() {
    assert_eq!(fired(&world(), "GWS-401"), none());
    for kind in [json!("CFGVoIPService"), json!("voipservice"), json!(29)] {
        let s = world().edit(DNS, 1001, |d| d["type"] = kind.clone());
        assert_eq!(fired(&s, "GWS-401"), none(), "{kind}");
    }
    let s = non_cluster(world().remove(DNS, 1001));
    assert_eq!(fired(&s, "GWS-401"), none());
}

#[test]
fn gws_401_skipped_when_dns_or_the_cluster_switch_are_unknown() {
    for missing in [DNS, SWITCHES, APPLICATIONS] {
        let s = world().remove(DNS, 1001).unavailable(missing);
        assert_eq!(fired(&s, "GWS-401"), none(), "{missing}");
    }
}

// ================================================================ GWS-402

#[test]
fn gws_402_fires_for_an_ip_literal_or_port_external_contact() {
    for contact in [
        "10.0.0.1",
        "10.0.0.1:5060",
        "2001:db8::1",
        "[2001:db8::1]",
        "[2001:db8::1]:5060",
        "sip.example.com:5060",
    ] {
        let s = world().edit(DNS, 1001, |d| {
            d["userProperties"]["TServer"]["external-contact"] = json!(contact)
        });
        assert_eq!(
            fired(&s, "GWS-402"),
            [hit("dn", "dn:1001", None)],
            "{contact:?}"
        );
    }
}

#[test]
fn gws_402_not_raised_for_an_fqdn_or_outside_a_cluster_switch() {
    for contact in ["sip.example.com", "sip.example.com."] {
        let s = world().edit(DNS, 1001, |d| {
            d["userProperties"]["TServer"]["external-contact"] = json!(contact)
        });
        assert_eq!(fired(&s, "GWS-402"), none(), "{contact:?}");
    }
    let s = world().dn(proxy(1009, 555, "10.0.0.1"));
    assert_eq!(fired(&s, "GWS-402"), none());
    let s = non_cluster(world().edit(DNS, 1001, |d| {
        d["userProperties"]["TServer"]["external-contact"] = json!("10.0.0.1")
    }));
    assert_eq!(fired(&s, "GWS-402"), none());
}

#[test]
fn gws_402_skipped_when_the_cluster_switch_is_unknown() {
    for missing in [SWITCHES, APPLICATIONS] {
        let s = world()
            .edit(DNS, 1001, |d| {
                d["userProperties"]["TServer"]["external-contact"] = json!("10.0.0.1")
            })
            .unavailable(missing);
        assert_eq!(fired(&s, "GWS-402"), none(), "{missing}");
    }
}

// ================================================================ GWS-403

#[test]
fn gws_403_fires_once_per_cluster_switch_with_agent_logins() {
    let s = world()
        .login(login(20, 100, "A20"))
        .login(login(21, 100, "A21"))
        .login(login(22, 555, "X22"));
    let f = s.audit();
    assert_eq!(hits(&f, "GWS-403"), [switch_hit(100)]);
    let msg = &f.iter().find(|f| f.rule == "GWS-403").unwrap().message;
    assert!(msg.contains('2'), "the message gives the count: {msg}");
}

#[test]
fn gws_403_not_raised_without_logins_on_a_cluster_switch() {
    assert_eq!(
        fired(&world().login(login(22, 555, "X")), "GWS-403"),
        none()
    );
    let s = non_cluster(world().login(login(20, 100, "A20")));
    assert_eq!(fired(&s, "GWS-403"), none());
}

#[test]
fn gws_403_skipped_when_agent_logins_are_unavailable() {
    for missing in [AGENT_LOGINS, SWITCHES] {
        let s = world().login(login(20, 100, "A20")).unavailable(missing);
        assert_eq!(fired(&s, "GWS-403"), none(), "{missing}");
    }
}

// ================================================================ GWS-404

#[test]
fn gws_404_fires_for_an_acd_queue_on_a_cluster_switch() {
    let s = world()
        .dn(dn(1003, 100, "3"))
        .dn(dn(1004, 100, "CFGACDQueue"))
        .dn(dn(1005, 100, "acdqueue"))
        .dn(dn(1006, 100, "1"));
    assert_eq!(
        fired(&s, "GWS-404"),
        [
            hit("dn", "dn:1003", None),
            hit("dn", "dn:1004", None),
            hit("dn", "dn:1005", None)
        ]
    );
}

#[test]
fn gws_404_not_raised_elsewhere() {
    let s = world().dn(dn(1003, 555, "3"));
    assert_eq!(fired(&s, "GWS-404"), none());
    let s = non_cluster(world().dn(dn(1003, 100, "3")));
    assert_eq!(fired(&s, "GWS-404"), none());
}

#[test]
fn gws_404_skipped_when_the_cluster_switch_is_unknown() {
    for missing in [SWITCHES, APPLICATIONS, GENESYS_ENVIRONMENTS] {
        let s = world().dn(dn(1003, 100, "3")).unavailable(missing);
        assert_eq!(fired(&s, "GWS-404"), none(), "{missing}");
    }
}

// ================================================================ GWS-405

#[test]
fn gws_405_fires_for_a_cluster_switch_without_cluster_nodes() {
    assert_eq!(
        fired(&world().remove(DNS, 1002), "GWS-405"),
        [switch_hit(100)]
    );
    let s = world().edit(DNS, 1002, |d| d["type"] = json!("1"));
    assert_eq!(fired(&s, "GWS-405"), [switch_hit(100)]);
    let s = world().edit(DNS, 1002, |d| d["switchDBID"] = json!("555"));
    assert_eq!(fired(&s, "GWS-405"), [switch_hit(100)]);
}

#[test]
fn gws_405_not_raised_with_cluster_nodes_or_outside_a_cluster() {
    assert_eq!(fired(&world(), "GWS-405"), none());
    let s = non_cluster(world().remove(DNS, 1002));
    assert_eq!(fired(&s, "GWS-405"), none());
}

#[test]
fn gws_405_skipped_when_dns_or_the_cluster_switch_are_unknown() {
    for missing in [DNS, SWITCHES, APPLICATIONS] {
        let s = world().remove(DNS, 1002).unavailable(missing);
        assert_eq!(fired(&s, "GWS-405"), none(), "{missing}");
    }
}

// ================================================================ GWS-501

#[test]
fn gws_501_names_each_unavailable_resource_once() {
    let snapshot_hit = |path: &str| hit("snapshot", "snapshot", Some(path));
    for path in ALL_PATHS {
        let failures = [
            json!({"statusCode": 5, "statusMessage": "denied"}),
            json!({"statusCode": "20"}),
            json!({"gwsxError": "connection refused"}),
            json!({"statusCode": 0}),
        ];
        for body in failures {
            let s = world().response(path, body.clone());
            assert_eq!(fired(&s, "GWS-501"), [snapshot_hit(path)], "{path} {body}");
        }
        let s = world().without(path);
        assert_eq!(fired(&s, "GWS-501"), [snapshot_hit(path)], "{path} missing");
    }
    // several: one each, sorted by option
    let s = world()
        .unavailable(PERSONS)
        .unavailable(TENANTS)
        .without(VERSION);
    let mut want = vec![
        snapshot_hit(PERSONS),
        snapshot_hit(TENANTS),
        snapshot_hit(VERSION),
    ];
    want.sort_by(|a, b| a.2.cmp(&b.2));
    assert_eq!(fired(&s, "GWS-501"), want);
}

#[test]
fn gws_501_not_raised_when_everything_is_available() {
    assert_eq!(fired(&world(), "GWS-501"), none());
    // statusCode "0" as a string, or no statusCode at all, and empty lists are available
    let s = world()
        .response(TENANTS, json!({"statusCode": "0", "tenants": []}))
        .response(SWITCHES, json!({"switches": [switch(100, 10)]}))
        .response(VERSION, json!({"version": "8.5.201.09"}));
    assert_eq!(fired(&s, "GWS-501"), none());
    assert_eq!(fired(&s, "GWS-104"), none());
}

#[test]
fn persons_unavailable_means_no_agents_and_no_agent_rules() {
    let s = world()
        .edit(PERSONS, 1, |p| p["employeeID"] = json!(""))
        .remove(DNS, 1001)
        .unavailable(PERSONS);
    assert!(s.inv().agents.is_empty());
    let f = s.audit();
    assert!(
        f.iter().all(|f| f.target.kind.as_str() != "agent"),
        "{:?}",
        spec_findings(&f)
    );
    // switch rules still run
    assert_eq!(hits(&f, "GWS-401"), [switch_hit(100)]);
}

// ================================================================ worked examples

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn gwsx(args: &[&str]) -> (i32, Value) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .env("GWSX_CONFIG", "/dev/null")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("gwsx runs");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let doc = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not JSON ({e}): {stdout}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), doc)
}

/// `rule severity kind id option` of each finding, catalogue rules only (gwsx may add
/// rules beyond the RULES.md floor; the examples know only the catalogue).
fn finding_keys(doc: &Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| SPEC_RULES.contains(&f["rule"].as_str().unwrap()))
        .map(|f| {
            format!(
                "{} {} {} {} {}",
                f["rule"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
                f["target"]["kind"].as_str().unwrap(),
                f["target"]["id"].as_str().unwrap(),
                f["option"].as_str().unwrap_or("-"),
            )
        })
        .collect()
}

#[test]
fn worked_examples_audit_and_agents_match() {
    for n in ["101", "104", "105"] {
        let snapshot = fixture(&format!("snapshot-{n}.json"));
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(fixture(&format!("expected-audit-{n}.json"))).unwrap(),
        )
        .unwrap();
        let (code, audit) = gwsx(&["audit", &snapshot, "--format", "json"]);
        let want = finding_keys(&expected);
        let got = finding_keys(&audit);
        // In order (CLI.md sort), hence also as a multiset.
        assert_eq!(got, want, "audit of snapshot-{n}");
        let has_error = want.iter().any(|k| k.split(' ').nth(1) == Some("error"));
        assert_eq!(
            code,
            if has_error { 1 } else { 0 },
            "exit status of snapshot-{n}"
        );

        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(fixture(&format!("expected-agents-{n}.json"))).unwrap(),
        )
        .unwrap();
        let (code, mut agents) = gwsx(&["agents", &snapshot, "--format", "json"]);
        assert_eq!(code, 0);
        // The contract's fields: `agents` adds a few for people after them.
        for agent in agents["agents"].as_array_mut().into_iter().flatten() {
            if let Some(obj) = agent.as_object_mut() {
                for key in [
                    "fullName",
                    "voiceEnvironmentName",
                    "loginReason",
                    "findings",
                ] {
                    obj.remove(key);
                }
            }
        }
        let (got, want) = (
            agents["agents"].as_array().unwrap(),
            expected["agents"].as_array().unwrap(),
        );
        assert_eq!(got.len(), want.len(), "agents of snapshot-{n}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g, w, "snapshot-{n}, agent {}", w["id"]);
        }
        assert_eq!(agents, expected, "agents of snapshot-{n}");
    }
}

// ================================================================ GWS-506

#[test]
fn gws_506_names_each_shared_dbid_once_with_its_count() {
    let s = world()
        .dn(ext(1000, 100))
        .dn(ext(1000, 100))
        .dn(ext(7, 100))
        .dn(ext(7, 100))
        .person(person(1, "twin"));
    let found = s.audit();
    let got: Vec<(String, String)> = found
        .iter()
        .filter(|f| f.rule == "GWS-506")
        .map(|f| {
            (
                f.option.as_deref().unwrap_or("").to_string(),
                f.message.to_string(),
            )
        })
        .collect();
    // In findings order: by option, byte order.
    let want = [
        ("/platform/configuration/dns#1000", "3 dns share DBID 1000"),
        ("/platform/configuration/dns#7", "2 dns share DBID 7"),
        (
            "/platform/configuration/persons#1",
            "2 persons share DBID 1",
        ),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((option, message), (want_option, want_message)) in got.iter().zip(want) {
        assert_eq!(option, want_option);
        assert!(message.starts_with(want_message), "{message}");
    }
    assert_eq!(fired(&world(), "GWS-506"), none());
}

// ================================================================ scorecard

/// An agent flagged by two rules of one family counts once, whichever rule made its target
/// (GWS-201 per agent and GWS-202 over all agents build theirs apart).
#[test]
fn the_scorecard_counts_each_flagged_target_once_per_family() {
    let s = world()
        .person(person(2, "bob").place_dbid(500).eid("E1"))
        .person(person(3, "cy").place_dbid(500).eid("E3"))
        .edit(PERSONS, 1, |p| {
            p["agentInfo"]["agentLogins"] = json!([{"agentLoginDBID": "999"}])
        });
    let inv = s.inv();
    let findings = gwsx::audit::run(&inv);
    let rules: Vec<&str> = findings
        .iter()
        .filter(|f| &*f.target.id == "person:1")
        .map(|f| f.rule)
        .collect();
    assert!(
        rules.contains(&"GWS-202") && rules.contains(&"GWS-206"),
        "{rules:?}"
    );
    let card = gwsx::audit::report::scorecard(&inv, &findings);
    let family = card.families.iter().find(|f| f.family == "GWS-2");
    assert_eq!(family.map(|f| (f.checked, f.flagged)), Some((3, 2)));
}
