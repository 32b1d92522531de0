//! One small pure function per rule of RULES.md §4. Each runs only on facts that are known
//! (RULES.md §0) and pushes its findings.

use super::text::{is_ip_literal_or_port, is_localhost_uri, normalise_host, uri_scheme};
use super::{Finding, Target, TargetKind, catalogue};
use crate::domain::options_keys::{CAN_USE, PROMPT_PLACE, URI};
use crate::domain::{Agent, Effective, Fact, Inventory, OptionSource};
use crate::model::{Dn, DnType, Person};
use crate::snapshot::{GwsConfig, Resource, SoftphoneMode, parse_bool_text};
use std::collections::{BTreeSet, HashMap};

const SIP_SERVER_ADDRESS: &str = "sipendpoint.sip-server-address";
const TRANSPORT: &str = "sipendpoint.transport-protocol";

pub(crate) fn finding(
    rule: &'static str,
    target: Target,
    option: Option<String>,
    message: String,
) -> Finding {
    let severity = catalogue::rule_info(rule).map_or(super::Severity::Info, |r| r.severity);
    Finding {
        rule,
        severity,
        target,
        option,
        message,
    }
}

// ---------------------------------------------------------------- voice environments (1xx)

fn voice_env_target(inv: &Inventory, ve: usize) -> Target {
    let v = inv.voice_environment(ve);
    Target {
        kind: TargetKind::VoiceEnvironment,
        id: v.and_then(|v| v.id.clone()).unwrap_or_default(),
        name: v.and_then(|v| v.name.clone()).unwrap_or_default(),
    }
}

pub fn gws_101(inv: &Inventory, out: &mut Vec<Finding>) {
    if inv.config.use_employee_id() {
        return;
    }
    for ve in 0..inv.voice_envs.len() {
        if inv.voice_environment(ve).is_some_and(|v| v.cluster_mode) {
            out.push(finding(
                "GWS-101",
                voice_env_target(inv, ve),
                None,
                format!(
                    "clusterMode is true but useEmployeeIdAsAgentLoginForSIPCluster is {}",
                    match inv.config.use_employee_id_login {
                        Some(v) => v.to_string(),
                        None => "not set".to_string(),
                    }
                ),
            ));
        }
    }
}

pub fn gws_102(inv: &Inventory, out: &mut Vec<Finding>) {
    if !matches!(inv.cluster_app, Fact::Known(Some(_))) {
        return;
    }
    let app = inv.config.cluster_application();
    for (i, v) in inv.voice_envs.iter().enumerate() {
        let (Some(ve), Fact::Known(evidence)) = (inv.voice_environment(i), v.cluster_evidence)
        else {
            continue;
        };
        if ve.cluster_mode != evidence {
            let message = if ve.cluster_mode {
                format!(
                    "clusterMode is true but no {app} connection to its SIP Server has server-role=5"
                )
            } else {
                format!(
                    "clusterMode is false but a {app} connection to its SIP Server has server-role=5"
                )
            };
            out.push(finding("GWS-102", voice_env_target(inv, i), None, message));
        }
    }
}

pub fn gws_103(inv: &Inventory, out: &mut Vec<Finding>) {
    let Fact::Known(Some(a)) = inv.cluster_app else {
        return;
    };
    let app = &inv.applications()[a];
    for conn in &app.connections {
        let has_locations = conn
            .app_params
            .as_deref()
            .and_then(|p| crate::domain::app_param(p, "locations"))
            .is_some_and(|l| !l.trim().is_empty());
        if has_locations {
            continue;
        }
        let server = conn
            .app_server_dbid
            .and_then(|d| inv.application_by_dbid(d));
        let server_name = server
            .and_then(|s| s.name.clone())
            .unwrap_or_else(|| format!("application {}", dbid_text(conn.app_server_dbid)));
        out.push(finding(
            "GWS-103",
            Target {
                kind: TargetKind::Connection,
                id: format!("application:{}/{}", dbid_text(app.dbid), dbid_text(conn.app_server_dbid)),
                name: format!("{} -> {server_name}", app.name.as_deref().unwrap_or("")),
            },
            None,
            format!(
                "the {} connection to {server_name} has no non-empty locations in its Application Parameters ({:?})",
                app.name.as_deref().unwrap_or(""),
                conn.app_params.as_deref().unwrap_or("")
            ),
        ));
    }
}

pub fn gws_104(inv: &Inventory, out: &mut Vec<Finding>) {
    if inv.model.applications.is_err() || inv.model.switches.is_err() {
        return;
    }
    for (i, v) in inv.voice_envs.iter().enumerate() {
        if v.switch != Fact::Known(None) {
            continue;
        }
        let ve = inv.voice_environment(i);
        let names = ve.map(|v| {
            (
                v.servers.primary_server_name.clone().unwrap_or_default(),
                v.servers.backup_server_name.clone().unwrap_or_default(),
            )
        });
        let message = match (v.sip_app, names) {
            (Fact::Known(Some(a)), _) => format!(
                "no switch has application {} as its T-Server",
                inv.applications()[a].name.as_deref().unwrap_or("")
            ),
            (_, Some((p, b))) => {
                format!("no application is named {p:?} or {b:?}, so no switch resolves")
            }
            _ => "no switch resolves for this voice environment".to_string(),
        };
        out.push(finding("GWS-104", voice_env_target(inv, i), None, message));
    }
}

// ---------------------------------------------------------------- agents (2xx, 3xx)

/// What the agent rules read about one agent, computed once.
pub struct AgentFacts<'a> {
    inv: &'a Inventory,
    pub agent: &'a Agent,
    pub person: &'a Person,
    pub cluster: Fact<bool>,
    pub options: Vec<Effective<'a>>,
}

impl<'a> AgentFacts<'a> {
    pub fn new(inv: &'a Inventory, agent: &'a Agent) -> Self {
        AgentFacts {
            options: inv.effective_options(agent),
            ..AgentFacts::identity(inv, agent)
        }
    }

    /// Identity and cluster membership only, without options (what GWS-202 compares).
    pub fn identity(inv: &'a Inventory, agent: &'a Agent) -> Self {
        AgentFacts {
            inv,
            agent,
            person: inv.agent_person(agent),
            cluster: inv.is_cluster_agent(agent),
            options: Vec::new(),
        }
    }

    fn target(&self) -> Target {
        Target {
            kind: TargetKind::Agent,
            id: self.agent.id.clone(),
            name: self.person.user_name.clone().unwrap_or_default(),
        }
    }

    fn is_cluster(&self) -> bool {
        self.cluster == Fact::Known(true)
    }

    /// The effective option of `key`: `None` when not set, `Some(None)` when unknown. A key
    /// no available level sets is still unknown when an unavailable level could set it
    /// (RULES.md §3).
    fn option(&self, key: &str) -> Option<Option<&'a str>> {
        let Ok(i) = self.options.binary_search_by(|e| e.key.cmp(key)) else {
            let unset = self.inv.effective_option(self.agent, key);
            return match unset.source {
                OptionSource::Unknown(_) => Some(None),
                _ => None,
            };
        };
        let e = &self.options[i];
        Some(match e.source {
            OptionSource::Unknown(_) => None,
            _ => e.value,
        })
    }

    /// The known value of `key`, `""` when not set; `None` when unknown.
    fn known_value(&self, key: &str) -> Option<&'a str> {
        match self.option(key) {
            None => Some(""),
            Some(v) => v,
        }
    }

    fn is_true(&self, key: &str) -> Option<bool> {
        self.known_value(key)
            .map(|v| parse_bool_text(v) == Some(true))
    }

    fn employee_id(&self) -> Option<&'a str> {
        self.person
            .employee_id()
            .map(str::trim)
            .filter(|e| !e.is_empty())
    }
}

pub fn gws_201(config: &GwsConfig, a: &AgentFacts, out: &mut Vec<Finding>) {
    if a.is_cluster() && config.use_employee_id() && a.employee_id().is_none() {
        let what = match a.person.employee_id() {
            Some(_) => "an employee ID that is blank",
            None => "no employee ID",
        };
        out.push(finding(
            "GWS-201",
            a.target(),
            None,
            format!("cluster agent with {what}: with useEmployeeIdAsAgentLoginForSIPCluster=true it has no login ID"),
        ));
    }
}

pub fn gws_202(inv: &Inventory, agents: &[AgentFacts], out: &mut Vec<Finding>) {
    if !inv.config.use_employee_id() {
        return;
    }
    let mut by_key: HashMap<(usize, &str), Vec<&AgentFacts>> = HashMap::new();
    for a in agents.iter().filter(|a| a.is_cluster()) {
        if let (Some(ve), Some(eid)) = (a.agent.voice_env, a.employee_id()) {
            by_key.entry((ve, eid)).or_default().push(a);
        }
    }
    for ((ve, eid), group) in by_key {
        if group.len() < 2 {
            continue;
        }
        let ve_name = inv
            .voice_environment(ve)
            .and_then(|v| v.name.clone())
            .unwrap_or_default();
        for a in &group {
            // Name a few of the others: a customer with one ID on thousands of agents must
            // not make the report quadratic.
            let mut named: Vec<String> = group
                .iter()
                .filter(|o| !std::ptr::eq(**o, *a))
                .take(3)
                .map(|o| {
                    format!(
                        "{} ({})",
                        o.agent.id,
                        o.person.user_name.as_deref().unwrap_or("")
                    )
                })
                .collect();
            let rest = group.len() - 1 - named.len();
            if rest > 0 {
                named.push(format!("{rest} more"));
            }
            out.push(finding(
                "GWS-202",
                a.target(),
                None,
                format!(
                    "employee ID {eid} is also used by {} in voice environment {ve_name}",
                    named.join(", ")
                ),
            ));
        }
    }
}

fn default_place(person: &Person) -> Option<i64> {
    person.agent_info.place_dbid.filter(|&d| d != 0)
}

pub fn gws_203(inv: &Inventory, a: &AgentFacts, out: &mut Vec<Finding>) {
    if !a.is_cluster() || a.agent.mode != Fact::Known(SoftphoneMode::Connector) {
        return;
    }
    let reason = match default_place(a.person) {
        None => "no default place".to_string(),
        Some(p) => {
            if inv.model.places.is_err() || inv.place(p).is_some() {
                return;
            }
            format!("default place DBID {p}, which does not exist")
        }
    };
    out.push(finding(
        "GWS-203",
        a.target(),
        None,
        format!("cluster agent in connector mode with {reason}: Connector mode needs a default place for hot seating"),
    ));
}

/// The Extension DNs of the agent's existing default place; `None` when unknown or no place.
fn place_extension_dns<'a>(inv: &'a Inventory, person: &Person) -> Option<(String, Vec<&'a Dn>)> {
    let dbid = default_place(person)?;
    if inv.model.places.is_err() || inv.model.dns.is_err() {
        return None;
    }
    let place = inv.place(dbid)?;
    let dns = place
        .dn_dbids
        .iter()
        .filter_map(|&d| inv.dn(d))
        .filter(|dn| dn.kind() == Some(DnType::Extension))
        .collect();
    Some((
        place.name.clone().unwrap_or_else(|| format!("DBID {dbid}")),
        dns,
    ))
}

pub fn gws_204(inv: &Inventory, a: &AgentFacts, out: &mut Vec<Finding>) {
    if !a.is_cluster() {
        return;
    }
    if let Some((place, dns)) = place_extension_dns(inv, a.person)
        && dns.is_empty()
    {
        out.push(finding(
            "GWS-204",
            a.target(),
            None,
            format!("default place {place} holds no DN of type Extension"),
        ));
    }
}

pub fn gws_205(inv: &Inventory, a: &AgentFacts, out: &mut Vec<Finding>) {
    let Some((place, dns)) = place_extension_dns(inv, a.person) else {
        return;
    };
    if dns.is_empty() {
        return;
    }
    let mut numbers = Vec::new();
    for dn in &dns {
        match dn.switch_dbid.map(|s| inv.served_by(s)) {
            Some(Fact::Unknown(_)) => return,
            Some(Fact::Known(Some(_))) => return,
            _ => numbers.push(
                dn.number
                    .clone()
                    .unwrap_or_else(|| format!("DBID {}", dbid_text(dn.dbid))),
            ),
        }
    }
    out.push(finding(
        "GWS-205",
        a.target(),
        None,
        format!(
            "the Extension DN(s) {} of default place {place} are on no switch that serves a voice environment",
            numbers.join(", ")
        ),
    ));
}

pub fn gws_206(a: &AgentFacts, out: &mut Vec<Finding>) {
    let n = a.person.agent_info.agent_logins.len();
    if a.is_cluster() && n > 0 {
        out.push(finding(
            "GWS-206",
            a.target(),
            None,
            format!("cluster agent with {n} agent login(s) in Agent Info; the employee ID is its login ID"),
        ));
    }
}

pub fn gws_301(a: &AgentFacts, out: &mut Vec<Finding>) {
    if !a.is_cluster() {
        return;
    }
    if let Some(v) = a.known_value(CAN_USE)
        && parse_bool_text(v) != Some(true)
    {
        let shown = if a.option(CAN_USE).is_some() {
            v
        } else {
            "(not set)"
        };
        out.push(finding(
            "GWS-301",
            a.target(),
            None,
            format!("cluster agent with {CAN_USE}={shown}: WWE will not start the softphone"),
        ));
    }
}

pub fn gws_302(a: &AgentFacts, out: &mut Vec<Finding>) {
    if a.is_true(CAN_USE) == Some(true) && a.is_true(PROMPT_PLACE) == Some(true) {
        out.push(finding(
            "GWS-302",
            a.target(),
            None,
            format!("{CAN_USE} and {PROMPT_PLACE} are both true"),
        ));
    }
}

pub fn gws_303(a: &AgentFacts, out: &mut Vec<Finding>) {
    if let Some(uri) = a.known_value(URI)
        && !uri.trim().is_empty()
        && !is_localhost_uri(uri)
    {
        out.push(finding(
            "GWS-303",
            a.target(),
            None,
            format!("{URI}={uri} is not http[s]://localhost:<port>"),
        ));
    }
}

pub fn gws_304(inv: &Inventory, a: &AgentFacts, out: &mut Vec<Finding>) {
    let (Some(uri), Some(browser)) = (a.known_value(URI), inv.browser_protocol()) else {
        return;
    };
    if let Some(scheme) = uri_scheme(uri).filter(|s| s == "http" || s == "https")
        && scheme != browser
    {
        out.push(finding(
            "GWS-304",
            a.target(),
            None,
            format!("{URI}={uri} uses {scheme}, but agents' browsers use {browser}"),
        ));
    }
}

pub fn gws_305(a: &AgentFacts, out: &mut Vec<Finding>) {
    if !a.is_cluster() || a.is_true(CAN_USE) != Some(true) {
        return;
    }
    if let Some(addr) = a.known_value(SIP_SERVER_ADDRESS)
        && addr.trim().is_empty()
    {
        out.push(finding(
            "GWS-305",
            a.target(),
            None,
            format!("cluster softphone agent without a non-empty {SIP_SERVER_ADDRESS}"),
        ));
    }
}

pub fn gws_306(a: &AgentFacts, out: &mut Vec<Finding>) {
    if let Some(addr) = a.known_value(SIP_SERVER_ADDRESS)
        && !addr.trim().is_empty()
        && is_ip_literal_or_port(addr)
    {
        out.push(finding(
            "GWS-306",
            a.target(),
            None,
            format!(
                "{SIP_SERVER_ADDRESS}={addr} is an IP literal or carries a port; use the SRV FQDN"
            ),
        ));
    }
}

pub fn gws_307(inv: &Inventory, proxies: &ProxyIndex, a: &AgentFacts, out: &mut Vec<Finding>) {
    if !a.is_cluster() || inv.model.dns.is_err() {
        return;
    }
    let Some(addr) = a
        .known_value(SIP_SERVER_ADDRESS)
        .filter(|v| !v.trim().is_empty())
    else {
        return;
    };
    let Some(ve) = a.agent.voice_env else {
        return;
    };
    let Fact::Known(Some(switch)) = inv.voice_env_switch_dbid(ve) else {
        return;
    };
    let Some(contacts) = proxies.outbound.get(&switch).filter(|c| !c.is_empty()) else {
        return;
    };
    let wanted = normalise_host(addr);
    if contacts.iter().any(|c| normalise_host(c) == wanted) {
        return;
    }
    out.push(finding(
        "GWS-307",
        a.target(),
        None,
        format!(
            "{SIP_SERVER_ADDRESS}={addr} matches no SIP Outbound Proxy external-contact of its switch ({})",
            contacts.join(", ")
        ),
    ));
}

pub fn gws_308(a: &AgentFacts, out: &mut Vec<Finding>) {
    if let Some(Some(t)) = a.option(TRANSPORT) {
        let v = t.trim().to_ascii_lowercase();
        if !matches!(v.as_str(), "udp" | "tcp" | "tls") {
            out.push(finding(
                "GWS-308",
                a.target(),
                None,
                format!("{TRANSPORT}={t} is not udp, tcp or tls"),
            ));
        }
    }
}

pub fn gws_309(a: &AgentFacts, out: &mut Vec<Finding>) {
    for e in &a.options {
        let Some(rest) = e.key.strip_prefix("sipendpoint.policy.") else {
            continue;
        };
        let parts: Vec<&str> = rest.split('.').collect();
        if parts.len() != 2 || parts.iter().any(|p| p.is_empty()) {
            out.push(finding(
                "GWS-309",
                a.target(),
                Some(e.key.to_string()),
                format!("{} is not of the form sipendpoint.policy.<section>.<setting>; Genesys Softphone ignores it", e.key),
            ));
        }
    }
}

pub fn gws_310(inv: &Inventory, a: &AgentFacts, out: &mut Vec<Finding>) {
    let Ok(groups) = &inv.model.agent_groups else {
        return;
    };
    let person_section = a
        .person
        .user_properties
        .section(crate::domain::options_keys::SECTION);
    // key → distinct values set by the agent's groups (with the names that set them)
    let mut values: std::collections::BTreeMap<&str, BTreeSet<&str>> = Default::default();
    for &g in inv.groups_of(a.person) {
        let Some(section) = groups[g]
            .group_info
            .user_properties
            .section(crate::domain::options_keys::SECTION)
        else {
            continue;
        };
        for (key, value) in section.set_entries() {
            if key.starts_with("privilege.sipendpoint.") || key.starts_with("sipendpoint.") {
                values.entry(key).or_default().insert(value);
            }
        }
    }
    for (key, set) in values {
        if set.len() < 2 || person_section.and_then(|s| s.value(key)).is_some() {
            continue;
        }
        let list: Vec<&str> = set.into_iter().collect();
        out.push(finding(
            "GWS-310",
            a.target(),
            Some(key.to_string()),
            format!(
                "the agent's groups set {key} to different values: {}",
                list.join(", ")
            ),
        ));
    }
}

pub fn gws_311(a: &AgentFacts, out: &mut Vec<Finding>) {
    for e in &a.options {
        if !(e.key.starts_with("privilege.sipendpoint.") || e.key == PROMPT_PLACE) {
            continue;
        }
        if let (Some(v), false) = (e.value, matches!(e.source, OptionSource::Unknown(_)))
            && parse_bool_text(v).is_none()
        {
            out.push(finding(
                "GWS-311",
                a.target(),
                Some(e.key.to_string()),
                format!(
                    "{}={v} (from {}) is not a valid boolean",
                    e.key,
                    e.source.label()
                ),
            ));
        }
    }
}

// ---------------------------------------------------------------- switches and DNs (4xx)

/// VoIP Service DNs by switch, read once.
#[derive(Default)]
pub struct ProxyIndex {
    /// Switch DBID → non-empty external-contact values of its SIP Outbound Proxy DNs.
    pub outbound: HashMap<i64, Vec<String>>,
    /// Switch DBIDs holding a sip-cluster-nodes VoIP Service DN.
    pub cluster_nodes: BTreeSet<i64>,
}

fn service_type(dn: &Dn) -> Option<&str> {
    dn.user_properties.section("TServer")?.value("service-type")
}

/// The external-contact of a SIP Outbound Proxy DN (GWS-401's kind).
fn outbound_proxy_contact(dn: &Dn) -> Option<&str> {
    if dn.kind() != Some(DnType::VoipService) || service_type(dn) != Some("sip-outbound-proxy") {
        return None;
    }
    dn.user_properties
        .section("TServer")?
        .value("external-contact")
        .filter(|c| !c.trim().is_empty())
}

impl ProxyIndex {
    pub fn build(inv: &Inventory) -> ProxyIndex {
        let mut index = ProxyIndex::default();
        for dn in inv.dns() {
            let Some(switch) = dn.switch_dbid else {
                continue;
            };
            if let Some(contact) = outbound_proxy_contact(dn) {
                index
                    .outbound
                    .entry(switch)
                    .or_default()
                    .push(contact.to_string());
            }
            if dn.kind() == Some(DnType::VoipService)
                && service_type(dn) == Some("sip-cluster-nodes")
            {
                index.cluster_nodes.insert(switch);
            }
        }
        index
    }
}

/// The switches of cluster voice environments, each once, in voice environment order.
pub fn cluster_switches(inv: &Inventory) -> Vec<i64> {
    let mut seen = Vec::new();
    for (i, v) in inv.voice_envs.iter().enumerate() {
        if !inv.voice_environment(i).is_some_and(|ve| ve.cluster_mode) {
            continue;
        }
        if let Fact::Known(Some(s)) = v.switch
            && let Some(dbid) = inv.switches()[s].dbid
            && !seen.contains(&dbid)
        {
            seen.push(dbid);
        }
    }
    seen
}

fn switch_target(inv: &Inventory, dbid: i64) -> Target {
    Target {
        kind: TargetKind::Switch,
        id: format!("switch:{dbid}"),
        name: inv
            .switch(dbid)
            .and_then(|s| s.name.clone())
            .unwrap_or_default(),
    }
}

fn dn_target(dn: &Dn) -> Target {
    Target {
        kind: TargetKind::Dn,
        id: format!("dn:{}", dbid_text(dn.dbid)),
        name: dn
            .name
            .clone()
            .or_else(|| dn.number.clone())
            .unwrap_or_default(),
    }
}

pub fn gws_401(inv: &Inventory, proxies: &ProxyIndex, switches: &[i64], out: &mut Vec<Finding>) {
    if inv.model.dns.is_err() {
        return;
    }
    for &s in switches {
        if proxies.outbound.get(&s).is_none_or(|c| c.is_empty()) {
            out.push(finding(
                "GWS-401",
                switch_target(inv, s),
                None,
                "cluster switch without a VoIP Service DN with service-type=sip-outbound-proxy and an external-contact".into(),
            ));
        }
    }
}

pub fn gws_402(inv: &Inventory, switches: &[i64], out: &mut Vec<Finding>) {
    for dn in inv.dns() {
        if !dn.switch_dbid.is_some_and(|s| switches.contains(&s)) {
            continue;
        }
        if let Some(contact) = outbound_proxy_contact(dn)
            && is_ip_literal_or_port(contact)
        {
            out.push(finding(
                    "GWS-402",
                    dn_target(dn),
                    None,
                    format!("external-contact {contact} is an IP literal or carries a port; use the geo-aware SRV FQDN"),
                ));
        }
    }
}

pub fn gws_403(inv: &Inventory, switches: &[i64], out: &mut Vec<Finding>) {
    let Ok(logins) = &inv.model.agent_logins else {
        return;
    };
    for &s in switches {
        let n = logins.iter().filter(|l| l.switch_dbid == Some(s)).count();
        if n > 0 {
            out.push(finding(
                "GWS-403",
                switch_target(inv, s),
                None,
                format!("{n} agent login(s) exist on the cluster switch"),
            ));
        }
    }
}

pub fn gws_404(inv: &Inventory, switches: &[i64], out: &mut Vec<Finding>) {
    for dn in inv.dns() {
        if dn.kind() == Some(DnType::AcdQueue)
            && dn.switch_dbid.is_some_and(|s| switches.contains(&s))
        {
            out.push(finding(
                "GWS-404",
                dn_target(dn),
                None,
                format!(
                    "ACD Queue DN {} on the cluster switch {}",
                    dn.number.as_deref().unwrap_or(""),
                    dn.switch_dbid
                        .and_then(|s| inv.switch(s))
                        .and_then(|s| s.name.as_deref())
                        .unwrap_or("")
                ),
            ));
        }
    }
}

pub fn gws_405(inv: &Inventory, proxies: &ProxyIndex, switches: &[i64], out: &mut Vec<Finding>) {
    if inv.model.dns.is_err() {
        return;
    }
    for &s in switches {
        if !proxies.cluster_nodes.contains(&s) {
            out.push(finding(
                "GWS-405",
                switch_target(inv, s),
                None,
                "cluster switch without a VoIP Service DN with service-type=sip-cluster-nodes"
                    .into(),
            ));
        }
    }
}

// ---------------------------------------------------------------- snapshot (5xx)

pub fn gws_501(inv: &Inventory, out: &mut Vec<Finding>) {
    for u in inv.model.unavailable() {
        out.push(finding(
            "GWS-501",
            Target {
                kind: TargetKind::Snapshot,
                id: "snapshot".into(),
                name: inv.label.clone(),
            },
            Some(u.resource.path().to_string()),
            format!(
                "{} is unavailable ({}); rules that need {} were skipped",
                u.resource.path(),
                u.reason,
                resource_noun(u.resource)
            ),
        ));
    }
}

fn resource_noun(r: Resource) -> &'static str {
    match r {
        Resource::Version => "the GWS version",
        _ => r.name(),
    }
}

pub fn dbid_text(dbid: Option<i64>) -> String {
    dbid.map_or_else(|| "?".to_string(), |d| d.to_string())
}
