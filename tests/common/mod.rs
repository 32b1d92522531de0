//! A tiny fluent builder of minimal snapshots (SNAPSHOT.md §1), so each test states only what
//! it needs, and small readers of what `gwsx` computes from them.
//!
//! `Snap::new()` holds every resource of SNAPSHOT.md, available and empty (one Genesys
//! environment without voice environments); the methods add objects or make a resource
//! unavailable. Objects are plain `serde_json` values built by the free functions below and
//! refined with the `Obj` methods.

#![allow(dead_code)]

use gwsx::audit::Finding;
use gwsx::domain::Inventory;
use gwsx::snapshot::{GwsConfig, Snapshot};
use serde_json::{Map, Value, json};

// Request paths (SNAPSHOT.md §1): the spec's contract, written out rather than taken from gwsx.
pub const VERSION: &str = "/diagnostics/version";
pub const GENESYS_ENVIRONMENTS: &str = "/genesys-environments?fields=*";
pub const SETTINGS: &str = "/settings/interaction-workspace";
pub const TENANTS: &str = "/platform/configuration/tenants";
pub const APPLICATIONS: &str = "/platform/configuration/applications";
pub const SWITCHES: &str = "/platform/configuration/switches";
pub const DNS: &str = "/platform/configuration/dns";
pub const PLACES: &str = "/platform/configuration/places";
pub const AGENT_LOGINS: &str = "/platform/configuration/agent-logins";
pub const AGENT_GROUPS: &str = "/platform/configuration/agent-groups";
pub const PERSONS: &str = "/platform/configuration/persons";

/// Every resource of SNAPSHOT.md, in request order.
pub const ALL_PATHS: [&str; 11] = [
    VERSION,
    GENESYS_ENVIRONMENTS,
    SETTINGS,
    TENANTS,
    APPLICATIONS,
    SWITCHES,
    DNS,
    PLACES,
    AGENT_LOGINS,
    AGENT_GROUPS,
    PERSONS,
];

/// The rules of the RULES.md §4 catalogue (the floor; gwsx may add more).
pub const SPEC_RULES: [&str; 27] = [
    "GWS-101", "GWS-102", "GWS-103", "GWS-104", "GWS-201", "GWS-202", "GWS-203", "GWS-204",
    "GWS-205", "GWS-206", "GWS-301", "GWS-302", "GWS-303", "GWS-304", "GWS-305", "GWS-306",
    "GWS-307", "GWS-308", "GWS-309", "GWS-310", "GWS-311", "GWS-401", "GWS-402", "GWS-403",
    "GWS-404", "GWS-405", "GWS-501",
];

/// The envelope key of a configuration list resource.
fn envelope(path: &str) -> &'static str {
    match path {
        SETTINGS => "settings",
        TENANTS => "tenants",
        APPLICATIONS => "applications",
        SWITCHES => "switches",
        DNS => "dns",
        PLACES => "places",
        AGENT_LOGINS => "agent-logins",
        AGENT_GROUPS => "agent-groups",
        PERSONS => "persons",
        GENESYS_ENVIRONMENTS => "genesysEnvironments",
        other => panic!("no list resource at {other}"),
    }
}

#[derive(Clone, Debug)]
pub struct Snap {
    root: Value,
}

impl Default for Snap {
    fn default() -> Self {
        Snap::new()
    }
}

impl Snap {
    /// Every resource available and empty; one Genesys environment `ge-1` with no voice
    /// environments; empty `gwsConfig` and `source`.
    pub fn new() -> Snap {
        let mut responses = Map::new();
        responses.insert(
            VERSION.into(),
            json!({"statusCode": 0, "version": "8.5.201.09"}),
        );
        responses.insert(
            GENESYS_ENVIRONMENTS.into(),
            json!({"statusCode": 0, "genesysEnvironments": [
                {"id": "ge-1", "name": "GE 1", "voiceEnvironments": []}
            ]}),
        );
        for path in &ALL_PATHS[2..] {
            let mut body = Map::new();
            body.insert("statusCode".into(), json!(0));
            body.insert(envelope(path).into(), json!([]));
            responses.insert((*path).into(), Value::Object(body));
        }
        Snap {
            root: json!({
                "gwsxSnapshot": 1,
                "capturedAt": "2026-11-29T10:00:00Z",
                "source": {},
                "gwsConfig": {},
                "responses": responses,
            }),
        }
    }

    // ------------------------------------------------------------ gwsConfig and source

    /// Sets a `gwsConfig` key.
    pub fn config(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.root["gwsConfig"][key] = value.into();
        self
    }

    /// Removes a `gwsConfig` key.
    pub fn unset_config(mut self, key: &str) -> Self {
        self.root["gwsConfig"].as_object_mut().unwrap().remove(key);
        self
    }

    /// `gwsConfig.useEmployeeIdAsAgentLoginForSIPCluster`.
    pub fn employee_id_login(self, on: bool) -> Self {
        self.config("useEmployeeIdAsAgentLoginForSIPCluster", on)
    }

    /// `source.baseUrl`.
    pub fn base_url(mut self, url: &str) -> Self {
        self.root["source"]["baseUrl"] = json!(url);
        self
    }

    // ------------------------------------------------------------ objects

    fn list(&mut self, path: &str) -> &mut Vec<Value> {
        let key = envelope(path);
        match &mut self.root["responses"][path][key] {
            Value::Array(items) => items,
            _ => panic!("{path} was made unavailable before objects were added to it"),
        }
    }

    /// Starts a new Genesys environment; later voice environments go into it.
    pub fn genesys_env(mut self, id: &str) -> Self {
        self.list(GENESYS_ENVIRONMENTS)
            .push(json!({"id": id, "name": id, "voiceEnvironments": []}));
        self
    }

    /// Adds a voice environment to the last Genesys environment.
    pub fn voice_env(mut self, ve: Value) -> Self {
        let envs = self.list(GENESYS_ENVIRONMENTS);
        let last = envs.last_mut().expect("a Genesys environment");
        last["voiceEnvironments"]
            .as_array_mut()
            .expect("voiceEnvironments")
            .push(ve);
        self
    }

    /// Adds `{name, value}` to `/settings/interaction-workspace`.
    pub fn setting(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.list(SETTINGS)
            .push(json!({"name": name, "value": value.into()}));
        self
    }

    /// Adds every `name: value` of an object to the settings, in order.
    pub fn settings(mut self, pairs: Value) -> Self {
        for (name, value) in pairs.as_object().expect("an object").clone() {
            self = self.setting(&name, value);
        }
        self
    }

    pub fn tenant(mut self, v: Value) -> Self {
        self.list(TENANTS).push(v);
        self
    }
    pub fn app(mut self, v: Value) -> Self {
        self.list(APPLICATIONS).push(v);
        self
    }
    pub fn switch(mut self, v: Value) -> Self {
        self.list(SWITCHES).push(v);
        self
    }
    pub fn dn(mut self, v: Value) -> Self {
        self.list(DNS).push(v);
        self
    }
    pub fn place(mut self, v: Value) -> Self {
        self.list(PLACES).push(v);
        self
    }
    pub fn login(mut self, v: Value) -> Self {
        self.list(AGENT_LOGINS).push(v);
        self
    }
    pub fn group(mut self, v: Value) -> Self {
        self.list(AGENT_GROUPS).push(v);
        self
    }
    pub fn person(mut self, v: Value) -> Self {
        self.list(PERSONS).push(v);
        self
    }

    /// Edits the object of a list resource whose DBID (or `groupInfo.DBID`) is `dbid`.
    pub fn edit(mut self, path: &str, dbid: i64, f: impl FnOnce(&mut Value)) -> Self {
        let item = self
            .list(path)
            .iter_mut()
            .find(|o| dbid_of(o) == Some(dbid))
            .unwrap_or_else(|| panic!("no object with DBID {dbid} in {path}"));
        f(item);
        self
    }

    /// Removes the object of a list resource whose DBID (or `groupInfo.DBID`) is `dbid`.
    pub fn remove(mut self, path: &str, dbid: i64) -> Self {
        let list = self.list(path);
        let before = list.len();
        list.retain(|o| dbid_of(o) != Some(dbid));
        assert_ne!(before, list.len(), "no object with DBID {dbid} in {path}");
        self
    }

    /// Sets `userProperties["interaction-workspace"][key]` of a person.
    pub fn person_option(self, dbid: i64, key: &str, value: impl Into<Value>) -> Self {
        let value = value.into();
        self.edit(PERSONS, dbid, |p| {
            if !p["userProperties"].is_object() {
                p["userProperties"] = json!({});
            }
            if !p["userProperties"]["interaction-workspace"].is_object() {
                p["userProperties"]["interaction-workspace"] = json!({});
            }
            p["userProperties"]["interaction-workspace"][key] = value;
        })
    }

    /// Edits the voice environment whose `id` is `id`.
    pub fn edit_voice_env(mut self, id: &str, f: impl FnOnce(&mut Value)) -> Self {
        let ve = self
            .list(GENESYS_ENVIRONMENTS)
            .iter_mut()
            .flat_map(|g| g["voiceEnvironments"].as_array_mut().unwrap().iter_mut())
            .find(|v| v["id"] == json!(id))
            .unwrap_or_else(|| panic!("no voice environment {id}"));
        f(ve);
        self
    }

    // ------------------------------------------------------------ availability

    /// Stores a GWS failure (`statusCode` 5) for `path`: the resource is unavailable.
    pub fn unavailable(self, path: &str) -> Self {
        self.response(
            path,
            json!({"statusCode": 5, "statusMessage": "Access denied"}),
        )
    }

    /// Stores `body` as the response of `path`, as is.
    pub fn response(mut self, path: &str, body: Value) -> Self {
        self.root["responses"][path] = body;
        self
    }

    /// Removes the response of `path` (missing: unavailable).
    pub fn without(mut self, path: &str) -> Self {
        self.root["responses"].as_object_mut().unwrap().remove(path);
        self
    }

    // ------------------------------------------------------------ results

    pub fn json(&self) -> Value {
        self.root.clone()
    }

    pub fn text(&self) -> String {
        serde_json::to_string_pretty(&self.root).unwrap()
    }

    pub fn snapshot(&self) -> Snapshot {
        gwsx::snapshot::from_bytes(self.text().into_bytes(), "t.json").expect("the snapshot reads")
    }

    pub fn inv(&self) -> Inventory {
        self.inv_with(&GwsConfig::default())
    }

    pub fn inv_with(&self, overrides: &GwsConfig) -> Inventory {
        Inventory::from_snapshot(&self.snapshot(), overrides).expect("the inventory builds")
    }

    pub fn audit(&self) -> Vec<Finding> {
        gwsx::audit::run(&self.inv())
    }

    /// Every agent as `gwsx agents --format json` shows it, in inventory order.
    pub fn agents(&self) -> Vec<Value> {
        agents_of(&self.inv())
    }

    /// The agent `person:<dbid>` as `gwsx agents --format json` shows it.
    pub fn agent(&self, dbid: i64) -> Value {
        agent_of(&self.inv(), dbid)
    }
}

fn dbid_of(o: &Value) -> Option<i64> {
    let raw = match o.get("DBID") {
        Some(v) => v,
        None => o.get("groupInfo")?.get("DBID")?,
    };
    match raw {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub fn agents_of(inv: &Inventory) -> Vec<Value> {
    inv.agents
        .iter()
        .map(|a| serde_json::to_value(gwsx::agents::agent_json(inv, a)).unwrap())
        .collect()
}

pub fn agent_of(inv: &Inventory, dbid: i64) -> Value {
    let id = format!("person:{dbid}");
    agents_of(inv)
        .into_iter()
        .find(|a| a["id"] == json!(id))
        .unwrap_or_else(|| panic!("no agent {id}"))
}

/// `{value, source}` of an effective option of an agent JSON (privileges or parameters),
/// `None` when the key is not listed.
pub fn opt(agent: &Value, key: &str) -> Option<(Value, String)> {
    let group = if key.starts_with("privilege.sipendpoint.") {
        "privileges"
    } else {
        "parameters"
    };
    let o = agent[group].get(key)?;
    Some((
        o["value"].clone(),
        o["source"].as_str().unwrap().to_string(),
    ))
}

// ---------------------------------------------------------------- findings

/// `(target kind, target id, option)` of each finding of `rule`, in report order.
pub fn hits(findings: &[Finding], rule: &str) -> Vec<(String, String, Option<String>)> {
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            (
                f.target.kind.as_str().to_string(),
                f.target.id.to_string(),
                f.option.as_deref().map(str::to_string),
            )
        })
        .collect()
}

/// The target ids of the findings of `rule`.
pub fn ids(findings: &[Finding], rule: &str) -> Vec<String> {
    hits(findings, rule).into_iter().map(|h| h.1).collect()
}

/// The findings of the RULES.md §4 catalogue only, as `rule target-id option` lines.
pub fn spec_findings(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .filter(|f| SPEC_RULES.contains(&f.rule))
        .map(|f| {
            format!(
                "{} {} {}",
                f.rule,
                f.target.id,
                f.option.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

// ---------------------------------------------------------------- object constructors

/// A non-cluster voice environment whose SIP Server is named `primary`.
pub fn ve(id: &str, primary: &str) -> Value {
    json!({"id": id, "name": format!("VE {id}"), "clusterMode": false, "primaryServerName": primary})
}

/// A cluster voice environment (`clusterMode: true`) whose SIP Server is named `primary`.
pub fn cluster_ve(id: &str, primary: &str) -> Value {
    json!({"id": id, "name": format!("VE {id}"), "clusterMode": true, "primaryServerName": primary})
}

pub fn app(dbid: i64, name: &str) -> Value {
    json!({"DBID": dbid.to_string(), "name": name, "type": "1", "options": {},
           "userProperties": {}, "appServerDBIDs": []})
}

/// A switch served by the SIP Server application `tserver`.
pub fn switch(dbid: i64, tserver: i64) -> Value {
    json!({"DBID": dbid.to_string(), "name": format!("SW{dbid}"), "tenantDBID": "1",
           "TServerDBID": tserver.to_string()})
}

/// A DN of `kind` (a number or a name, as stored) on `switch`.
pub fn dn(dbid: i64, switch: i64, kind: &str) -> Value {
    json!({"DBID": dbid.to_string(), "number": format!("{dbid}"), "switchDBID": switch.to_string(),
           "tenantDBID": "1", "type": kind, "userProperties": {}})
}

/// An Extension DN.
pub fn ext(dbid: i64, switch: i64) -> Value {
    dn(dbid, switch, "1")
}

/// A VoIP Service DN with `TServer` `service-type` = `sip-outbound-proxy` and `contact`.
pub fn proxy(dbid: i64, switch: i64, contact: &str) -> Value {
    dn(dbid, switch, "29").with(
        "userProperties",
        json!({"TServer": {"service-type": "sip-outbound-proxy", "external-contact": contact}}),
    )
}

/// A VoIP Service DN with `TServer` `service-type` = `sip-cluster-nodes`.
pub fn nodes(dbid: i64, switch: i64) -> Value {
    dn(dbid, switch, "29").with(
        "userProperties",
        json!({"TServer": {"service-type": "sip-cluster-nodes"}}),
    )
}

pub fn place(dbid: i64, dns: &[i64]) -> Value {
    json!({"DBID": dbid.to_string(), "name": format!("Place_{dbid}"), "tenantDBID": "1",
           "DNDBIDs": dns.iter().map(|d| d.to_string()).collect::<Vec<_>>()})
}

pub fn login(dbid: i64, switch: i64, code: &str) -> Value {
    json!({"DBID": dbid.to_string(), "switchDBID": switch.to_string(), "loginCode": code})
}

/// An agent group holding `members`, with `iw` as its `interaction-workspace` section
/// (`null`: no such section).
pub fn group(dbid: i64, name: &str, members: &[i64], iw: Value) -> Value {
    let mut props = json!({});
    if !iw.is_null() {
        props["interaction-workspace"] = iw;
    }
    json!({"groupInfo": {"DBID": dbid.to_string(), "name": name, "tenantDBID": "1",
                         "userProperties": props},
           "agentDBIDs": members.iter().map(|d| d.to_string()).collect::<Vec<_>>()})
}

/// A virtual agent group: its `userProperties` has a `virtual` section (empty).
pub fn vgroup(dbid: i64, name: &str, members: &[i64], iw: Value) -> Value {
    let mut g = group(dbid, name, members, iw);
    g["groupInfo"]["userProperties"]["virtual"] = json!({});
    g
}

pub fn tenant(dbid: i64, name: &str, iw: Value) -> Value {
    let mut props = json!({});
    if !iw.is_null() {
        props["interaction-workspace"] = iw;
    }
    json!({"DBID": dbid.to_string(), "name": name, "userProperties": props})
}

/// An enabled person whose `isAgent` is `"2"`, with no place, no agent logins, no
/// employee ID and no tenant.
pub fn person(dbid: i64, user: &str) -> Value {
    json!({"DBID": dbid.to_string(), "userName": user, "firstName": "F", "lastName": "L",
           "isAgent": "2", "state": "1",
           "agentInfo": {"placeDBID": "0", "agentLogins": []}, "userProperties": {}})
}

/// Refinements of the objects above.
pub trait Obj {
    /// Sets a top-level field.
    fn with(self, key: &str, value: impl Into<Value>) -> Value;
    /// A person's default place (`agentInfo.placeDBID`).
    fn place_dbid(self, dbid: i64) -> Value;
    /// A person's agent logins (`agentInfo.agentLogins`).
    fn logins(self, dbids: &[i64]) -> Value;
    /// A person's `employeeID`.
    fn eid(self, id: &str) -> Value;
    /// A person's `tenantDBID`.
    fn tenant_dbid(self, dbid: i64) -> Value;
    /// A person's, tenant's or application's `interaction-workspace` section, in
    /// `userProperties` (persons, tenants) or `options` (applications).
    fn iw(self, section: Value) -> Value;
    /// An application connection `{appServerDBID, appParams}`.
    fn conn(self, app_server: i64, params: &str) -> Value;
    /// A voice environment's `backupServerName`.
    fn backup(self, name: &str) -> Value;
}

impl Obj for Value {
    fn with(mut self, key: &str, value: impl Into<Value>) -> Value {
        self[key] = value.into();
        self
    }
    fn place_dbid(mut self, dbid: i64) -> Value {
        self["agentInfo"]["placeDBID"] = json!(dbid.to_string());
        self
    }
    fn logins(mut self, dbids: &[i64]) -> Value {
        self["agentInfo"]["agentLogins"] = dbids
            .iter()
            .map(|d| json!({"agentLoginDBID": d.to_string()}))
            .collect();
        self
    }
    fn eid(self, id: &str) -> Value {
        self.with("employeeID", id)
    }
    fn tenant_dbid(self, dbid: i64) -> Value {
        self.with("tenantDBID", dbid.to_string())
    }
    fn iw(mut self, section: Value) -> Value {
        let annex = if self.get("appServerDBIDs").is_some() {
            "options"
        } else {
            "userProperties"
        };
        if !self[annex].is_object() {
            self[annex] = json!({});
        }
        self[annex]["interaction-workspace"] = section;
        self
    }
    fn conn(mut self, app_server: i64, params: &str) -> Value {
        self["appServerDBIDs"]
            .as_array_mut()
            .expect("an application")
            .push(
                json!({"appServerDBID": app_server.to_string(), "connProtocol": "addp",
                         "appParams": params}),
            );
        self
    }
    fn backup(self, name: &str) -> Value {
        self.with("backupServerName", name)
    }
}
