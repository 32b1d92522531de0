//! Agents matched by id and compared on every field of their `agents` JSON record.

use super::Change;
use crate::agents::{AgentJson, agent_json};
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

/// The agents that differ between two inventories, sorted by id (byte order). The first
/// agent of an id wins on each side. Each pair's records are built, compared and dropped, on
/// two cores: memory stays flat whatever the agent count.
pub fn compare(old: &Inventory, new: &Inventory) -> Vec<AgentChange> {
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
        .filter(|a| after.get(a.id.as_str()).is_some_and(|f| std::ptr::eq(*f, *a)))
        .collect();
    let [mut out, rest] = crate::par::halves(&firsts, |_, part| {
        let mut out = Vec::new();
        for agent in part {
            let b = agent_json(new, agent);
            match before.get(agent.id.as_str()) {
                None => out.push(AgentChange {
                    id: b.id,
                    user_name: b.user_name,
                    change: Change::Added,
                    fields: Map::new(),
                }),
                Some(old_agent) => {
                    let a = agent_json(old, old_agent);
                    if a != b {
                        let fields = differing_fields(&a, &b);
                        if !fields.is_empty() {
                            out.push(AgentChange {
                                id: b.id,
                                user_name: b.user_name,
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
                user_name: old.agent_person(a).user_name.clone(),
                change: Change::Removed,
                fields: Map::new(),
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// The fields of two records that differ, through the records' own JSON form, so every field
/// of the `agents` JSON is compared, whatever it holds.
fn differing_fields(a: &AgentJson, b: &AgentJson) -> Map<String, Value> {
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
                let (p, q) = (x.get(name), y.get(name));
                if p != q {
                    fields.insert(
                        format!("{key}.{name}"),
                        json!({"old": p.cloned().unwrap_or(Value::Null), "new": q.cloned().unwrap_or(Value::Null)}),
                    );
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
