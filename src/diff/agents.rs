//! Agents matched by id and compared on every field of their `agents` JSON record.

use super::Change;
use crate::agents::{AgentJson, agent_view};
use crate::domain::dbid::DbidHasher;
use crate::domain::{Agent, Inventory};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap};

/// One agent that differs.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentChange {
    pub id: String,
    /// The new side's (the old side's for `removed`).
    pub user_name: Option<String>,
    pub change: Change,
    /// For `changed`: each differing field (`loginId`, `privileges.<key>`, …) → `{old, new}`,
    /// sorted by name.
    pub fields: Map<String, Value>,
}

/// The option groups of a record, compared key by key.
const OPTION_GROUPS: [&str; 2] = ["privileges", "parameters"];

/// Which agents' records may differ, from the objects that changed: everything an agent's
/// record reads is its person, its place and the place's DNs, its agent logins, its tenant,
/// the groups holding it, and what every agent shares (settings, applications, switches,
/// Genesys environments, gwsConfig). An agent none of whose own objects changed, when
/// nothing shared did, has the same record on both sides.
#[derive(Debug, Default)]
pub struct Affected {
    persons: DbidSet,
    places: DbidSet,
    dns: DbidSet,
    logins: DbidSet,
    tenants: DbidSet,
    /// The persons listed (on either side) by an agent group that changed.
    group_members: DbidSet,
}

type DbidSet = std::collections::HashSet<i64, std::hash::BuildHasherDefault<DbidHasher>>;

impl Affected {
    /// `None` when any agent may be affected: a shared object changed, the gwsConfig differs,
    /// some objects were not compared (`complete` false) or a list was read only in part.
    pub fn of(
        changes: &[super::ObjectChange],
        complete: bool,
        old: &Inventory,
        new: &Inventory,
    ) -> Option<Affected> {
        let partial = !old.model.partial.is_empty() || !new.model.partial.is_empty();
        if !complete || partial || old.config != new.config {
            return None;
        }
        // Every person of a DBID may be an agent and every group of a DBID holds its members,
        // while the objects compared are the first of each DBID: with duplicates, any agent
        // may be affected.
        if [old, new].iter().any(|inv| {
            has_duplicates(inv.persons().iter().map(|p| p.dbid))
                || has_duplicates(inv.agent_groups().iter().map(|g| g.group_info.dbid))
        }) {
            return None;
        }
        let mut out = Affected::default();
        for change in changes {
            let (kind, rest) = change.id.split_once(':')?;
            let set = match kind {
                "person" => &mut out.persons,
                "place" => &mut out.places,
                "dn" => &mut out.dns,
                "agent-login" => &mut out.logins,
                "tenant" => &mut out.tenants,
                "agent-group" => {
                    let dbid: i64 = rest.parse().ok()?;
                    for inv in [old, new] {
                        let group = inv
                            .agent_groups()
                            .iter()
                            .find(|g| g.group_info.dbid == Some(dbid));
                        if let Some(g) = group {
                            out.group_members.extend(g.agent_dbids.iter().copied());
                        }
                    }
                    continue;
                }
                _ => return None,
            };
            set.insert(rest.parse().ok()?);
        }
        Some(out)
    }

    /// Whether the record of `agent` in `inv` may read a changed object.
    fn touches(&self, inv: &Inventory, agent: &Agent) -> bool {
        let person = inv.agent_person(agent);
        let hit = |set: &DbidSet, dbid: Option<i64>| dbid.is_some_and(|d| set.contains(&d));
        let info = &person.agent_info;
        hit(&self.persons, person.dbid)
            || hit(&self.group_members, person.dbid)
            || hit(&self.tenants, person.tenant_dbid)
            || hit(&self.places, info.place_dbid)
            || info
                .place_dbid
                .and_then(|p| inv.place(p))
                .is_some_and(|p| p.dn_dbids.iter().any(|d| self.dns.contains(d)))
            || info
                .agent_logins
                .iter()
                .any(|l| hit(&self.logins, l.agent_login_dbid))
    }
}

fn has_duplicates(dbids: impl ExactSizeIterator<Item = Option<i64>>) -> bool {
    let mut seen = DbidSet::with_capacity_and_hasher(dbids.len(), Default::default());
    dbids.flatten().any(|d| !seen.insert(d))
}

/// The agents that differ between two inventories, sorted by id (byte order). The first
/// agent of an id wins on each side. Each pair's records are built, compared and dropped, on
/// two cores: memory stays flat whatever the agent count. With `affected`, a pair that reads
/// no changed object on either side is known equal and skipped.
pub fn compare(old: &Inventory, new: &Inventory, affected: Option<&Affected>) -> Vec<AgentChange> {
    fn by_id(inv: &Inventory) -> HashMap<&str, &Agent> {
        let mut map: HashMap<&str, &Agent> = HashMap::with_capacity(inv.agents.len());
        for a in &inv.agents {
            map.entry(a.id.as_str()).or_insert(a);
        }
        map
    }
    let (before, after) = (by_id(old), by_id(new));
    // The new side's agents in inventory order, each id once.
    let firsts: Vec<&Agent> = new
        .agents
        .iter()
        .filter(|a| {
            after
                .get(a.id.as_str())
                .is_some_and(|f| std::ptr::eq(*f, *a))
        })
        .collect();
    let [mut out, rest] = crate::par::halves(&firsts, |_, part| {
        let mut out = Vec::new();
        for agent in part {
            let b = agent_view(new, agent);
            match before.get(agent.id.as_str()) {
                None => out.push(AgentChange {
                    id: b.id.to_string(),
                    user_name: b.user_name.map(str::to_string),
                    change: Change::Added,
                    fields: Map::new(),
                }),
                Some(old_agent)
                    if affected
                        .is_some_and(|x| !x.touches(new, agent) && !x.touches(old, old_agent)) => {}
                Some(old_agent) => {
                    let a = agent_view(old, old_agent);
                    if a != b {
                        let unknown = [(old, *old_agent), (new, *agent)].map(|(inv, agent)| {
                            move |key: &str| hidden_by_unavailable(inv, agent, key)
                        });
                        let fields = differing_fields(&a.to_json(), &b.to_json(), unknown);
                        if !fields.is_empty() {
                            out.push(AgentChange {
                                id: b.id.to_string(),
                                user_name: b.user_name.map(str::to_string),
                                change: Change::Changed,
                                fields,
                            });
                        }
                    }
                }
            }
        }
        out
    });
    out.extend(rest);
    for (id, a) in &before {
        if !after.contains_key(id) {
            out.push(AgentChange {
                id: a.id.clone(),
                user_name: old.agent_person(a).user_name().map(str::to_string),
                change: Change::Removed,
                fields: Map::new(),
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// Whether an option a record lacks is unknown on that side rather than not set: a level that
/// could set it (agent groups, tenants, settings, applications) was unavailable (RULES.md §3).
fn hidden_by_unavailable(inv: &Inventory, agent: &Agent, key: &str) -> bool {
    matches!(
        inv.effective_option(agent, key).source,
        crate::domain::OptionSource::Unknown(_)
    )
}

/// The fields of two records that differ, through the records' own JSON form, so every field
/// of the `agents` JSON is compared, whatever it holds. An option absent from a side's record
/// that `unknown` says is unknown there is shown as the record shows unknown
/// (`{"value": null, "source": "unknown"}`), never as not set: it was not removed or added,
/// it could not be read.
fn differing_fields(
    a: &AgentJson,
    b: &AgentJson,
    unknown: [impl Fn(&str) -> bool; 2],
) -> Map<String, Value> {
    let as_map = |r: &AgentJson| match serde_json::to_value(r) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let (a, b) = (as_map(a), as_map(b));
    let mut fields: BTreeMap<String, Value> = BTreeMap::new();
    let keys = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
    for key in keys {
        let (x, y) = (a.get(key), b.get(key));
        if OPTION_GROUPS.contains(&key.as_str()) {
            let empty = Map::new();
            let x = x.and_then(Value::as_object).unwrap_or(&empty);
            let y = y.and_then(Value::as_object).unwrap_or(&empty);
            let names = x.keys().chain(y.keys().filter(|k| !x.contains_key(*k)));
            for name in names {
                let side = |v: Option<&Value>, unknown: &dyn Fn(&str) -> bool| match v {
                    Some(v) => v.clone(),
                    None if unknown(name) => json!({"value": null, "source": "unknown"}),
                    None => Value::Null,
                };
                let (p, q) = (
                    side(x.get(name), &unknown[0]),
                    side(y.get(name), &unknown[1]),
                );
                if p != q {
                    fields.insert(format!("{key}.{name}"), json!({"old": p, "new": q}));
                }
            }
        } else if x != y {
            fields.insert(
                key.clone(),
                json!({"old": x.cloned().unwrap_or(Value::Null), "new": y.cloned().unwrap_or(Value::Null)}),
            );
        }
    }
    fields.into_iter().collect()
}
