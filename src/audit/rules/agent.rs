//! Agent identity, login and place (GWS-2xx).

use super::{AgentFacts, Check, Ctx, RuleInfo, dbid_text};
use crate::audit::Finding;
use crate::audit::catalogue::{Severity::*, TargetKind::*};
use crate::domain::{Fact, Inventory};
use crate::model::{Dn, DnType, Person};
use crate::snapshot::SoftphoneMode;
use std::collections::HashMap;

fn default_place(person: &Person) -> Option<i64> {
    person.agent_info.place_dbid.filter(|&d| d != 0)
}

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

pub const GWS_201: RuleInfo = RuleInfo {
    code: "GWS-201",
    severity: Error,
    target: Agent,
    title: "Cluster agent without an employee ID",
    why: "SIP Cluster Solution Guide, Configuring GWS (Provisioning): \"The Employee ID is used as the AttributeAgentID in TAgentLogin requests when the useEmployeeIdAsAgentLoginForSIPCluster option is set to true.\" With no employee ID the agent cannot log in.",
    fix: "Open the Person in Configuration Manager / GAX and fill in Employee ID (it becomes the agent's login ID).",
    check: Check::Agent(gws_201),
};

fn gws_201(cx: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
    let config = &cx.inv.config;
    if a.is_cluster() && config.use_employee_id() && a.employee_id().is_none() {
        let what = match a.person.employee_id() {
            Some(_) => "an employee ID that is blank",
            None => "no employee ID",
        };
        out.push(GWS_201.finding(a.target(),
            None,
            format!("cluster agent with {what}: with useEmployeeIdAsAgentLoginForSIPCluster=true it has no login ID"),
        ));
    }
}

pub const GWS_202: RuleInfo = RuleInfo {
    code: "GWS-202",
    severity: Error,
    target: Agent,
    title: "Employee ID shared by two cluster agents of one voice environment",
    why: "The employee ID is the agent login ID in a SIP Cluster: two agents with one ID log each other out of the same switch.",
    fix: "Give each Person a unique Employee ID (Person > General > Employee ID).",
    check: Check::Identities(gws_202),
};

fn gws_202(cx: &Ctx, agents: &[AgentFacts], out: &mut Vec<Finding>) {
    let inv = cx.inv;
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
                .map(|o| format!("{} ({})", o.agent.id, o.person.user_name().unwrap_or("")))
                .collect();
            let rest = group.len() - 1 - named.len();
            if rest > 0 {
                named.push(format!("{rest} more"));
            }
            out.push(GWS_202.finding(
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

pub const GWS_203: RuleInfo = RuleInfo {
    code: "GWS-203",
    severity: Error,
    target: Agent,
    title: "Connector-mode cluster agent without a default place",
    why: "SIP Cluster Solution Guide, Configuring GWS (Provisioning): \"For Connector Mode, the defaultPlace is required for hot seating.\"",
    fix: "Assign a Default Place to the Person (Person > Agent Info > Default Place), holding the agent's Extension DN on the SIP Cluster switch.",
    check: Check::Agent(gws_203),
};

fn gws_203(cx: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
    let inv = cx.inv;
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
    out.push(GWS_203.finding(a.target(),
        None,
        format!("cluster agent in connector mode with {reason}: Connector mode needs a default place for hot seating"),
    ));
}

pub const GWS_204: RuleInfo = RuleInfo {
    code: "GWS-204",
    severity: Error,
    target: Agent,
    title: "Cluster agent's default place holds no Extension DN",
    why: "SIP Cluster Solution Guide, Configuring GWS (Provisioning): \"Extension DNs are configured under the SIP Cluster switch.\" The default place must carry the agent's Extension DN.",
    fix: "Add the agent's Extension DN (created under the SIP Cluster switch) to the place's DNs tab.",
    check: Check::Agent(gws_204),
};

/// The Extension DNs of the agent's existing default place; `None` when unknown or no place.
fn gws_204(cx: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
    let inv = cx.inv;
    if !a.is_cluster() {
        return;
    }
    if let Some((place, dns)) = place_extension_dns(inv, a.person)
        && dns.is_empty()
    {
        out.push(GWS_204.finding(
            a.target(),
            None,
            format!("default place {place} holds no DN of type Extension"),
        ));
    }
}

pub const GWS_205: RuleInfo = RuleInfo {
    code: "GWS-205",
    severity: Warn,
    target: Agent,
    title: "Default place's Extension DNs are on no switch serving a voice environment",
    why: "The agent is placed in its voice environment through an Extension DN of its default place; DNs on other switches leave it unplaced or routed by agent login instead.",
    fix: "Move the place's Extension DN to the switch of the intended voice environment (the SIP Cluster switch for cluster agents).",
    check: Check::Agent(gws_205),
};

fn gws_205(cx: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
    let inv = cx.inv;
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
    out.push(GWS_205.finding(a.target(),
        None,
        format!(
            "the Extension DN(s) {} of default place {place} are on no switch that serves a voice environment",
            numbers.join(", ")
        ),
    ));
}

pub const GWS_206: RuleInfo = RuleInfo {
    code: "GWS-206",
    severity: Warn,
    target: Agent,
    title: "Cluster agent still has agent logins",
    why: "In a SIP Cluster the employee ID is the login ID; agent logins are not used and only confuse which ID is used.",
    fix: "Remove the entries from Person > Agent Info > Agent Logins.",
    check: Check::Agent(gws_206),
};

fn gws_206(_: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
    let n = a.person.agent_info.agent_logins.len();
    if a.is_cluster() && n > 0 {
        out.push(GWS_206.finding(a.target(),
            None,
            format!("cluster agent with {n} agent login(s) in Agent Info; the employee ID is its login ID"),
        ));
    }
}
