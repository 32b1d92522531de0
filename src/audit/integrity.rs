//! Reference-integrity rules (GWS-502…GWS-507): dangling and duplicate references, and list
//! items that could not be read, are facts to report, never crashes. They extend the spec
//! catalogue and run by default, in the CLI and the TUI alike (RULES.md §4).

use super::rules::{dbid_text, finding};
use super::{Finding, Target, TargetKind};
use crate::domain::Inventory;
use std::collections::HashMap;

fn agent_target(inv: &Inventory, agent: &crate::domain::Agent) -> Target {
    Target {
        kind: TargetKind::Agent,
        id: agent.id.clone(),
        name: inv
            .agent_person(agent)
            .user_name
            .clone()
            .unwrap_or_default(),
    }
}

/// GWS-502: an agent's default place DBID names no place.
pub fn gws_502(inv: &Inventory, out: &mut Vec<Finding>) {
    if inv.model.places.is_err() {
        return;
    }
    for agent in &inv.agents {
        let person = inv.agent_person(agent);
        if let Some(p) = person.agent_info.place_dbid.filter(|&d| d != 0)
            && inv.place(p).is_none()
        {
            out.push(finding(
                "GWS-502",
                agent_target(inv, agent),
                None,
                format!("default place DBID {p} does not exist (unknown DBID {p})"),
            ));
        }
    }
}

/// GWS-503: an agent's Agent Info lists agent-login DBIDs that do not exist.
pub fn gws_503(inv: &Inventory, out: &mut Vec<Finding>) {
    if inv.model.agent_logins.is_err() {
        return;
    }
    for agent in &inv.agents {
        let person = inv.agent_person(agent);
        let missing: Vec<String> = person
            .agent_info
            .agent_logins
            .iter()
            .filter(|e| {
                e.agent_login_dbid
                    .and_then(|d| inv.agent_login(d))
                    .is_none()
            })
            .map(|e| dbid_text(e.agent_login_dbid))
            .collect();
        if !missing.is_empty() {
            out.push(finding(
                "GWS-503",
                agent_target(inv, agent),
                None,
                format!("agent login DBID(s) {} do not exist", missing.join(", ")),
            ));
        }
    }
}

/// GWS-504: an agent's default place lists DN DBIDs that do not exist.
pub fn gws_504(inv: &Inventory, out: &mut Vec<Finding>) {
    if inv.model.places.is_err() || inv.model.dns.is_err() {
        return;
    }
    for agent in &inv.agents {
        let person = inv.agent_person(agent);
        let Some(place) = person.agent_info.place_dbid.and_then(|p| inv.place(p)) else {
            continue;
        };
        let missing: Vec<String> = place
            .dn_dbids
            .iter()
            .filter(|&&d| inv.dn(d).is_none())
            .map(|d| d.to_string())
            .collect();
        if !missing.is_empty() {
            out.push(finding(
                "GWS-504",
                agent_target(inv, agent),
                None,
                format!(
                    "default place {} lists DN DBID(s) {} that do not exist",
                    place.name.as_deref().unwrap_or(""),
                    missing.join(", ")
                ),
            ));
        }
    }
}

/// GWS-505: an agent group lists person DBIDs that do not exist.
pub fn gws_505(inv: &Inventory, out: &mut Vec<Finding>) {
    if inv.model.persons.is_err() {
        return;
    }
    for group in inv.agent_groups() {
        let mut missing: Vec<i64> = group
            .agent_dbids
            .iter()
            .copied()
            .filter(|&d| inv.person(d).is_none())
            .collect();
        missing.dedup();
        if !missing.is_empty() {
            let info = &group.group_info;
            out.push(finding(
                "GWS-505",
                Target {
                    kind: TargetKind::AgentGroup,
                    id: format!("agent-group:{}", dbid_text(info.dbid)),
                    name: info.name.clone().unwrap_or_default(),
                },
                None,
                format!(
                    "agentDBIDs lists person DBID(s) {} that do not exist",
                    missing
                        .iter()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
}

/// GWS-506: two objects of one type share a DBID; the first in snapshot order wins.
pub fn gws_506(inv: &Inventory, out: &mut Vec<Finding>) {
    let groups: Vec<Option<i64>> = inv
        .agent_groups()
        .iter()
        .map(|g| g.group_info.dbid)
        .collect();
    let lists: [(&str, Vec<Option<i64>>); 8] = [
        ("tenants", inv.tenants().iter().map(|o| o.dbid).collect()),
        (
            "applications",
            inv.applications().iter().map(|o| o.dbid).collect(),
        ),
        ("switches", inv.switches().iter().map(|o| o.dbid).collect()),
        ("dns", inv.dns().iter().map(|o| o.dbid).collect()),
        ("places", inv.places().iter().map(|o| o.dbid).collect()),
        (
            "agent-logins",
            inv.agent_logins().iter().map(|o| o.dbid).collect(),
        ),
        ("agent-groups", groups),
        ("persons", inv.persons().iter().map(|o| o.dbid).collect()),
    ];
    for (name, dbids) in lists {
        let mut count: HashMap<i64, usize> = HashMap::new();
        for d in dbids.into_iter().flatten() {
            *count.entry(d).or_default() += 1;
        }
        let mut dups: Vec<(i64, usize)> = count.into_iter().filter(|(_, n)| *n > 1).collect();
        dups.sort_unstable();
        for (dbid, n) in dups {
            out.push(finding(
                "GWS-506",
                Target {
                    kind: TargetKind::Snapshot,
                    id: "snapshot".into(),
                    name: inv.label.clone(),
                },
                Some(format!("/platform/configuration/{name}#{dbid}")),
                format!("{n} {name} share DBID {dbid}; the first in snapshot order is used"),
            ));
        }
    }
}

/// GWS-507: a resource lists items of which some could not be read (SNAPSHOT.md §3); the
/// readable ones are used, the others skipped.
pub fn gws_507(inv: &Inventory, out: &mut Vec<Finding>) {
    for p in &inv.model.partial {
        out.push(finding(
            "GWS-507",
            Target {
                kind: TargetKind::Snapshot,
                id: "snapshot".into(),
                name: inv.label.clone(),
            },
            Some(p.resource.path().to_string()),
            format!(
                "{} of {} {} items could not be read and were skipped; the first is at index {} ({}): {}",
                p.skipped,
                p.total,
                p.resource.name(),
                p.first_index,
                p.first_at,
                p.why
            ),
        ));
    }
}

pub fn run(inv: &Inventory, out: &mut Vec<Finding>) {
    gws_502(inv, out);
    gws_503(inv, out);
    gws_504(inv, out);
    gws_505(inv, out);
    gws_506(inv, out);
    gws_507(inv, out);
}
