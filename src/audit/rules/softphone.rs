//! Softphone options, WWE interaction-workspace (GWS-3xx).

use super::{AgentFacts, Check, Ctx, RuleInfo};
use crate::audit::Finding;
use crate::audit::catalogue::{Severity::*, TargetKind::*};
use crate::audit::text::{is_ip_literal_or_port, is_localhost_uri, normalise_host, uri_scheme};
use crate::domain::options_keys::{CAN_USE, PROMPT_PLACE, URI};
use crate::domain::{Fact, OptionSource};
use crate::snapshot::parse_bool_text;
use std::collections::BTreeSet;

const SIP_SERVER_ADDRESS: &str = "sipendpoint.sip-server-address";
const TRANSPORT: &str = "sipendpoint.transport-protocol";

pub const GWS_301: RuleInfo = RuleInfo {
    code: "GWS-301",
    severity: Error,
    target: Agent,
    title: "Cluster agent without privilege.sipendpoint.can-use=true",
    why: "WWE only starts the SIP endpoint (Genesys Softphone) for agents whose effective privilege.sipendpoint.can-use is true; a SIP Cluster agent has no other phone.",
    fix: "Set interaction-workspace/privilege.sipendpoint.can-use = true at the agent group, tenant or application level (or on the Person's annex).",
    check: Check::Agent(gws_301),
};

fn gws_301(_: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
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
        out.push(GWS_301.finding(
            a.target(),
            None,
            format!("cluster agent with {CAN_USE}={shown}: WWE will not start the softphone"),
        ));
    }
}

pub const GWS_302: RuleInfo = RuleInfo {
    code: "GWS-302",
    severity: Error,
    target: Agent,
    title: "can-use and login.prompt-place are both true",
    why: "With the SIP endpoint WWE takes the place from the configuration; prompting for a place conflicts with hot seating through the default place.",
    fix: "Set interaction-workspace/login.prompt-place = false where it is set to true (see the source level in the detail pane).",
    check: Check::Agent(gws_302),
};

fn gws_302(_: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
    if a.is_true(CAN_USE) == Some(true) && a.is_true(PROMPT_PLACE) == Some(true) {
        out.push(GWS_302.finding(
            a.target(),
            None,
            format!("{CAN_USE} and {PROMPT_PLACE} are both true"),
        ));
    }
}

pub const GWS_303: RuleInfo = RuleInfo {
    code: "GWS-303",
    severity: Error,
    target: Agent,
    title: "sipendpoint.uri is not http[s]://localhost:<port>",
    why: "In Connector mode WWE reaches Genesys Softphone on the agent's own machine; sipendpoint.uri must be http(s)://localhost:<port> (or 127.0.0.1).",
    fix: "Set interaction-workspace/sipendpoint.uri to https://localhost:8000 (the Softphone connector port) at the level shown as its source.",
    check: Check::Agent(gws_303),
};

fn gws_303(_: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
    if let Some(uri) = a.known_value(URI)
        && !uri.trim().is_empty()
        && !is_localhost_uri(uri)
    {
        out.push(GWS_303.finding(
            a.target(),
            None,
            format!("{URI}={uri} is not http[s]://localhost:<port>"),
        ));
    }
}

pub const GWS_304: RuleInfo = RuleInfo {
    code: "GWS-304",
    severity: Error,
    target: Agent,
    title: "sipendpoint.uri scheme differs from the browser protocol",
    why: "Browsers block mixed content: a WWE page served over https cannot call an http Softphone connector, and vice versa the connector must match.",
    fix: "Use the same scheme as agents' browsers (externalApiUrlV2) in interaction-workspace/sipendpoint.uri.",
    check: Check::Agent(gws_304),
};

fn gws_304(cx: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
    let inv = cx.inv;
    let (Some(uri), Some(browser)) = (a.known_value(URI), inv.browser_protocol()) else {
        return;
    };
    if let Some(scheme) = uri_scheme(uri).filter(|s| s == "http" || s == "https")
        && scheme != browser
    {
        out.push(GWS_304.finding(
            a.target(),
            None,
            format!("{URI}={uri} uses {scheme}, but agents' browsers use {browser}"),
        ));
    }
}

pub const GWS_305: RuleInfo = RuleInfo {
    code: "GWS-305",
    severity: Error,
    target: Agent,
    title: "Cluster softphone agent without sipendpoint.sip-server-address",
    why: "Genesys Softphone registers with the SIP Cluster through sipendpoint.sip-server-address (the SIP Outbound Proxy FQDN).",
    fix: "Set interaction-workspace/sipendpoint.sip-server-address to the SIP Outbound Proxy's external-contact FQDN.",
    check: Check::Agent(gws_305),
};

fn gws_305(_: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
    if !a.is_cluster() || a.is_true(CAN_USE) != Some(true) {
        return;
    }
    if let Some(addr) = a.known_value(SIP_SERVER_ADDRESS)
        && addr.trim().is_empty()
    {
        out.push(GWS_305.finding(
            a.target(),
            None,
            format!("cluster softphone agent without a non-empty {SIP_SERVER_ADDRESS}"),
        ));
    }
}

pub const GWS_306: RuleInfo = RuleInfo {
    code: "GWS-306",
    severity: Warn,
    target: Agent,
    title: "sipendpoint.sip-server-address is an IP literal or carries a port",
    why: "A geo-aware SIP Cluster is reached through an FQDN resolved by DNS SRV; an IP or a port pins the agent to one node.",
    fix: "Set sipendpoint.sip-server-address to the SRV FQDN without a port.",
    check: Check::Agent(gws_306),
};

fn gws_306(_: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
    if let Some(addr) = a.known_value(SIP_SERVER_ADDRESS)
        && !addr.trim().is_empty()
        && is_ip_literal_or_port(addr)
    {
        out.push(GWS_306.finding(
            a.target(),
            None,
            format!(
                "{SIP_SERVER_ADDRESS}={addr} is an IP literal or carries a port; use the SRV FQDN"
            ),
        ));
    }
}

pub const GWS_307: RuleInfo = RuleInfo {
    code: "GWS-307",
    severity: Warn,
    target: Agent,
    title: "sipendpoint.sip-server-address differs from the SIP Outbound Proxy's external-contact",
    why: "The softphone must register with the SIP Outbound Proxy of its own SIP Cluster switch.",
    fix: "Set sipendpoint.sip-server-address to the external-contact of the switch's SIP Outbound Proxy DN (or correct the DN).",
    check: Check::Agent(gws_307),
};

fn gws_307(cx: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
    let (inv, proxies) = (cx.inv, &cx.proxies);
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
    out.push(GWS_307.finding(a.target(),
        None,
        format!(
            "{SIP_SERVER_ADDRESS}={addr} matches no SIP Outbound Proxy external-contact of its switch ({})",
            contacts.join(", ")
        ),
    ));
}

pub const GWS_308: RuleInfo = RuleInfo {
    code: "GWS-308",
    severity: Error,
    target: Agent,
    title: "sipendpoint.transport-protocol is not udp, tcp or tls",
    why: "Genesys Softphone accepts only udp, tcp or tls as SIP transport.",
    fix: "Set interaction-workspace/sipendpoint.transport-protocol to udp, tcp or tls.",
    check: Check::Agent(gws_308),
};

fn gws_308(_: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
    if let Some(Some(t)) = a.option(TRANSPORT) {
        let v = t.trim().to_ascii_lowercase();
        if !matches!(v.as_str(), "udp" | "tcp" | "tls") {
            out.push(GWS_308.finding(
                a.target(),
                None,
                format!("{TRANSPORT}={t} is not udp, tcp or tls"),
            ));
        }
    }
}

pub const GWS_309: RuleInfo = RuleInfo {
    code: "GWS-309",
    severity: Warn,
    target: Agent,
    title: "Malformed sipendpoint.policy key",
    why: "WWE passes sipendpoint.<domain>.<section>.<setting> keys to Genesys Softphone; a policy key must be sipendpoint.policy.<section>.<setting> or Softphone ignores it.",
    fix: "Rename the key to sipendpoint.policy.<section>.<setting> (for example sipendpoint.policy.device.use_headset).",
    check: Check::Agent(gws_309),
};

fn gws_309(_: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
    for e in a.options.iter() {
        let Some(rest) = e.key.strip_prefix("sipendpoint.policy.") else {
            continue;
        };
        let parts: Vec<&str> = rest.split('.').collect();
        if parts.len() != 2 || parts.iter().any(|p| p.is_empty()) {
            out.push(GWS_309.finding(a.target(),
                Some(e.key),
                format!("{} is not of the form sipendpoint.policy.<section>.<setting>; Genesys Softphone ignores it", e.key),
            ));
        }
    }
}

pub const GWS_310: RuleInfo = RuleInfo {
    code: "GWS-310",
    severity: Warn,
    target: Agent,
    title: "Agent groups set a softphone option to different values",
    why: "When several agent groups set one key, WWE takes the group whose name is closest to the end of the alphabet: renaming a group silently changes the agent's softphone.",
    fix: "Set the option once (on one group, the tenant, or the Person) or make the groups agree.",
    check: Check::Agent(gws_310),
};

fn gws_310(cx: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
    let inv = cx.inv;
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
        out.push(GWS_310.finding(
            a.target(),
            Some(key),
            format!(
                "the agent's groups set {key} to different values: {}",
                list.join(", ")
            ),
        ));
    }
}

pub const GWS_311: RuleInfo = RuleInfo {
    code: "GWS-311",
    severity: Warn,
    target: Agent,
    title: "Privilege or login.prompt-place is not a valid boolean",
    why: "WWE reads these options as true/false; any other text is treated as false or rejected.",
    fix: "Set the option to true or false.",
    check: Check::Agent(gws_311),
};

fn gws_311(_: &Ctx, a: &AgentFacts, out: &mut Vec<Finding>) {
    for e in a.options.iter() {
        if !(e.key.starts_with("privilege.sipendpoint.") || e.key == PROMPT_PLACE) {
            continue;
        }
        if let (Some(v), false) = (e.value, matches!(e.source, OptionSource::Unknown(_)))
            && parse_bool_text(v).is_none()
        {
            out.push(GWS_311.finding(
                a.target(),
                Some(e.key),
                format!(
                    "{}={v} (from {}) is not a valid boolean",
                    e.key,
                    e.source.label()
                ),
            ));
        }
    }
}
