//! Snapshot completeness and references (GWS-5xx): unavailable resources, and the
//! reference-integrity rules (dangling and duplicate references, list items that could not be
//! read), which extend the catalogue and run by default, in the CLI and the TUI alike.

use super::{Check, Ctx, RuleInfo, dbid_text};
use crate::audit::catalogue::{Severity::*, TargetKind::*};
use crate::audit::{Finding, Target, TargetKind};
use crate::domain::Inventory;
use crate::snapshot::Resource;

fn agent_target(inv: &Inventory, agent: &crate::domain::Agent) -> Target {
    Target {
        kind: TargetKind::Agent,
        id: agent.id.as_str().into(),
        name: inv
            .agent_person(agent)
            .user_name()
            .unwrap_or_default()
            .into(),
    }
}

pub const GWS_501: RuleInfo = RuleInfo {
    code: "GWS-501",
    severity: Info,
    target: Snapshot,
    title: "A GWS response is unavailable",
    why: "RULES.md §0: rules that need an unavailable resource are skipped, never guessed; the report must say what was not checked.",
    fix: "Fetch again with an account that may read the resource (GWS role admin or apiuser), or add the missing file to the loose directory.",
    check: Check::Whole(gws_501),
};

/// GWS-502: an agent's default place DBID names no place.
fn gws_501(cx: &Ctx, out: &mut Vec<Finding>) {
    let inv = cx.inv;
    for u in inv.model.unavailable() {
        out.push(GWS_501.finding(
            Target {
                kind: TargetKind::Snapshot,
                id: "snapshot".into(),
                name: inv.label.as_str().into(),
            },
            Some(u.resource.path()),
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

pub const GWS_502: RuleInfo = RuleInfo {
    code: "GWS-502",
    severity: Warn,
    target: Agent,
    title: "Default place DBID names no place",
    why: "A dangling placeDBID leaves the agent without hot seating and without an extension-dn route; Configuration Server normally prevents it, so it points at a deleted place or a partial export.",
    fix: "Person > Agent Info > Default Place: choose an existing place (or clear it for Standalone mode).",
    check: Check::Whole(gws_502),
};

fn gws_502(cx: &Ctx, out: &mut Vec<Finding>) {
    let inv = cx.inv;
    if inv.model.places.is_err() {
        return;
    }
    for agent in &inv.agents {
        let person = inv.agent_person(agent);
        if let Some(p) = person.agent_info.place_dbid.filter(|&d| d != 0)
            && inv.place(p).is_none()
        {
            out.push(GWS_502.finding(
                agent_target(inv, agent),
                None,
                format!("default place DBID {p} does not exist (unknown DBID {p})"),
            ));
        }
    }
}

pub const GWS_503: RuleInfo = RuleInfo {
    code: "GWS-503",
    severity: Warn,
    target: Agent,
    title: "Agent login entries name no agent login",
    why: "Dangling agentLogins entries are skipped when routing and computing the login ID (RULES.md §1–2); they usually remain after agent logins were deleted.",
    fix: "Person > Agent Info > Agent Logins: remove the entries whose agent login no longer exists.",
    check: Check::Whole(gws_503),
};

/// GWS-503: an agent's Agent Info lists agent-login DBIDs that do not exist.
fn gws_503(cx: &Ctx, out: &mut Vec<Finding>) {
    let inv = cx.inv;
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
            out.push(GWS_503.finding(
                agent_target(inv, agent),
                None,
                format!("agent login DBID(s) {} do not exist", missing.join(", ")),
            ));
        }
    }
}

pub const GWS_504: RuleInfo = RuleInfo {
    code: "GWS-504",
    severity: Warn,
    target: Agent,
    title: "Default place lists DNs that do not exist",
    why: "A place's DN list is how the agent's Extension DN is found; a dangling DN DBID is skipped.",
    fix: "Place > DNs: remove the missing DN and add the agent's Extension DN on the right switch.",
    check: Check::Whole(gws_504),
};

/// GWS-504: an agent's default place lists DN DBIDs that do not exist.
fn gws_504(cx: &Ctx, out: &mut Vec<Finding>) {
    let inv = cx.inv;
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
            out.push(GWS_504.finding(
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

pub const GWS_505: RuleInfo = RuleInfo {
    code: "GWS-505",
    severity: Warn,
    target: AgentGroup,
    title: "Agent group lists persons that do not exist",
    why: "Group membership decides which group options an agent gets; dangling members are ignored (RULES.md §1).",
    fix: "Agent Group > Agents: remove the missing persons.",
    check: Check::Whole(gws_505),
};

/// GWS-505: an agent group lists person DBIDs that do not exist.
fn gws_505(cx: &Ctx, out: &mut Vec<Finding>) {
    let inv = cx.inv;
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
            out.push(GWS_505.finding(
                Target {
                    kind: TargetKind::AgentGroup,
                    id: format!("agent-group:{}", dbid_text(info.dbid)).into(),
                    name: info.name.as_deref().unwrap_or_default().into(),
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

pub const GWS_506: RuleInfo = RuleInfo {
    code: "GWS-506",
    severity: Warn,
    target: Snapshot,
    title: "Two objects share a DBID",
    why: "Where two objects share a DBID the first in snapshot order wins (RULES.md §1); the second is invisible to every join, which hides configuration.",
    fix: "Re-export the snapshot; if the duplicates are real, open a case: Configuration Server DBIDs are unique.",
    check: Check::Whole(gws_506),
};

/// GWS-506: two objects of one type share a DBID; the first in snapshot order wins.
fn gws_506(cx: &Ctx, out: &mut Vec<Finding>) {
    let inv = cx.inv;
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
        // Sorted, equal DBIDs are neighbours: cheaper than counting 50,000 in a hash map.
        let mut dbids: Vec<i64> = dbids.into_iter().flatten().collect();
        dbids.sort_unstable();
        let dups = dbids
            .chunk_by(|a, b| a == b)
            .filter(|same| same.len() > 1)
            .filter_map(|same| Some((*same.first()?, same.len())));
        for (dbid, n) in dups {
            out.push(GWS_506.finding(
                Target {
                    kind: TargetKind::Snapshot,
                    id: "snapshot".into(),
                    name: inv.label.as_str().into(),
                },
                Some(&format!("/platform/configuration/{name}#{dbid}")),
                format!("{n} {name} share DBID {dbid}; the first in snapshot order is used"),
            ));
        }
    }
}

pub const GWS_507: RuleInfo = RuleInfo {
    code: "GWS-507",
    severity: Warn,
    target: Snapshot,
    title: "Some items of a resource could not be read",
    why: "SNAPSHOT.md §3: an item gwsx cannot read (no DBID, not an object, a field of the wrong type) is never taken for an empty one; it is skipped, so every fact it could change is missing from the results.",
    fix: "Look at the first item named: re-export the resource from GWS with ?fields=* (not from GAX or a script that renames keys), or repair the file.",
    check: Check::Whole(gws_507),
};

/// GWS-507: a resource lists items of which some could not be read (SNAPSHOT.md §3); the
/// readable ones are used, the others skipped.
fn gws_507(cx: &Ctx, out: &mut Vec<Finding>) {
    let inv = cx.inv;
    for p in &inv.model.partial {
        out.push(GWS_507.finding(Target {
                kind: TargetKind::Snapshot,
                id: "snapshot".into(),
                name: inv.label.as_str().into(),
            },
            Some(p.resource.path()),
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
