//! SIP Cluster switch DNs (GWS-4xx).

use super::{Check, Ctx, RuleInfo, dbid_text, outbound_proxy_contact};
use crate::audit::catalogue::{Severity::*, TargetKind::*};
use crate::audit::text::is_ip_literal_or_port;
use crate::audit::{Finding, Target, TargetKind};
use crate::domain::Inventory;
use crate::model::{Dn, DnType};

fn switch_target(inv: &Inventory, dbid: i64) -> Target {
    Target {
        kind: TargetKind::Switch,
        id: format!("switch:{dbid}").into(),
        name: inv
            .switch(dbid)
            .and_then(|s| s.name.as_deref())
            .unwrap_or_default()
            .into(),
    }
}

fn dn_target(dn: &Dn) -> Target {
    Target {
        kind: TargetKind::Dn,
        id: format!("dn:{}", dbid_text(dn.dbid)).into(),
        name: dn
            .name
            .as_deref()
            .or(dn.number.as_deref())
            .unwrap_or_default()
            .into(),
    }
}

pub const GWS_401: RuleInfo = RuleInfo {
    code: "GWS-401",
    severity: Error,
    target: Switch,
    title: "Cluster switch without a SIP Outbound Proxy DN",
    why: "A SIP Cluster switch needs a VoIP Service DN with service-type=sip-outbound-proxy and an external-contact: it is where softphones register.",
    fix: "Create a VoIP Service DN under the switch with TServer/service-type=sip-outbound-proxy and TServer/external-contact=<SRV FQDN>.",
    check: Check::Whole(gws_401),
};

fn gws_401(cx: &Ctx, out: &mut Vec<Finding>) {
    let (inv, proxies, switches) = (cx.inv, &cx.proxies, &cx.switches);
    if inv.model.dns.is_err() {
        return;
    }
    for &s in switches {
        if proxies.outbound.get(&s).is_none_or(|c| c.is_empty()) {
            out.push(GWS_401.finding(switch_target(inv, s),
                None,
                "cluster switch without a VoIP Service DN with service-type=sip-outbound-proxy and an external-contact",
            ));
        }
    }
}

pub const GWS_402: RuleInfo = RuleInfo {
    code: "GWS-402",
    severity: Warn,
    target: Dn,
    title: "SIP Outbound Proxy external-contact is an IP literal or carries a port",
    why: "The external-contact should be the geo-aware SRV FQDN so that softphones reach the nearest node.",
    fix: "Set TServer/external-contact on the DN to the SRV FQDN without a port.",
    check: Check::Whole(gws_402),
};

fn gws_402(cx: &Ctx, out: &mut Vec<Finding>) {
    let (inv, switches) = (cx.inv, &cx.switches);
    for dn in inv.dns() {
        if !dn.switch_dbid.is_some_and(|s| switches.contains(&s)) {
            continue;
        }
        if let Some(contact) = outbound_proxy_contact(dn)
            && is_ip_literal_or_port(contact)
        {
            out.push(GWS_402.finding(dn_target(dn),
                    None,
                    format!("external-contact {contact} is an IP literal or carries a port; use the geo-aware SRV FQDN"),
                ));
        }
    }
}

pub const GWS_403: RuleInfo = RuleInfo {
    code: "GWS-403",
    severity: Warn,
    target: Switch,
    title: "Agent logins on a cluster switch",
    why: "SIP Cluster agents log in with their employee ID; agent-login objects on the cluster switch are unused and suggest a half-migrated configuration.",
    fix: "Delete the agent logins of the SIP Cluster switch (Switch > Agent Logins) after removing them from Persons.",
    check: Check::Whole(gws_403),
};

fn gws_403(cx: &Ctx, out: &mut Vec<Finding>) {
    let (inv, switches) = (cx.inv, &cx.switches);
    let Ok(logins) = &inv.model.agent_logins else {
        return;
    };
    for &s in switches {
        let n = logins.iter().filter(|l| l.switch_dbid == Some(s)).count();
        if n > 0 {
            out.push(GWS_403.finding(
                switch_target(inv, s),
                None,
                format!("{n} agent login(s) exist on the cluster switch"),
            ));
        }
    }
}

pub const GWS_404: RuleInfo = RuleInfo {
    code: "GWS-404",
    severity: Warn,
    target: Dn,
    title: "ACD Queue DN on a cluster switch",
    why: "SIP Cluster does not use ACD Queue DNs on its switch; routing goes through routing points and virtual queues.",
    fix: "Remove the ACD Queue DN from the SIP Cluster switch or move it to the switch where it is used.",
    check: Check::Whole(gws_404),
};

fn gws_404(cx: &Ctx, out: &mut Vec<Finding>) {
    let (inv, switches) = (cx.inv, &cx.switches);
    for dn in inv.dns() {
        if dn.kind() == Some(DnType::AcdQueue)
            && dn.switch_dbid.is_some_and(|s| switches.contains(&s))
        {
            out.push(GWS_404.finding(
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

pub const GWS_405: RuleInfo = RuleInfo {
    code: "GWS-405",
    severity: Info,
    target: Switch,
    title: "Cluster switch without a sip-cluster-nodes VoIP Service DN",
    why: "A SIP Cluster switch normally has a VoIP Service DN with service-type=sip-cluster-nodes describing its nodes.",
    fix: "Create a VoIP Service DN under the switch with TServer/service-type=sip-cluster-nodes.",
    check: Check::Whole(gws_405),
};

fn gws_405(cx: &Ctx, out: &mut Vec<Finding>) {
    let (inv, proxies, switches) = (cx.inv, &cx.proxies, &cx.switches);
    if inv.model.dns.is_err() {
        return;
    }
    for &s in switches {
        if !proxies.cluster_nodes.contains(&s) {
            out.push(GWS_405.finding(
                switch_target(inv, s),
                None,
                "cluster switch without a VoIP Service DN with service-type=sip-cluster-nodes",
            ));
        }
    }
}
