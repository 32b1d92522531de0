//! Every configuration object of a snapshot under a stable id, compared on its stored JSON.
//!
//! Ids (CLI.md): `person:<DBID>`, `place:`, `dn:`, `switch:`, `application:`, `tenant:`,
//! `agent-login:`, `agent-group:<DBID>` (from `groupInfo` or `CfgGroup`),
//! `genesys-environment:<id>` (without its `voiceEnvironments`), `voice-environment:<id>`
//! (without its `tserverConnections`), `connection:<id>` and `setting:<name>`. The first object
//! of an id wins, as in the model; an item without one is not an object here (the model skips
//! it too).

use super::Change;
use super::pointer::differing_leaves;
use crate::domain::dbid::{self, DbidMap};
use crate::model::{Avail, Model, lenient};
use crate::snapshot::{Resource, Snapshot};
use serde::Deserialize;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap};

/// An object as stored: a slice of the body, or (for the parts of a Genesys environment,
/// which nest) a value cut out of it.
#[derive(Debug)]
pub enum Stored<'a> {
    Raw(&'a RawValue),
    Value(Value),
}

impl Stored<'_> {
    fn value(&self) -> Option<Value> {
        match self {
            Stored::Raw(raw) => serde_json::from_str(raw.get()).ok(),
            Stored::Value(v) => Some(v.clone()),
        }
    }
}

/// The objects of one resource of one side: by DBID for the Configuration Server lists, by
/// full id for settings and the parts of Genesys environments.
#[derive(Debug, Default)]
struct Objects<'a> {
    by_dbid: DbidMap<&'a RawValue>,
    by_id: HashMap<String, Stored<'a>>,
}

/// One object that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectChange {
    pub id: String,
    pub change: Change,
    /// For `changed`: the JSON Pointers of the differing leaves, in document order.
    pub fields: Vec<String>,
}

/// The resources that hold objects, with the kind word of their ids.
const RESOURCES: [(Resource, &str); 10] = [
    (Resource::GenesysEnvironments, "genesys-environment"),
    (Resource::Settings, "setting"),
    (Resource::Tenants, "tenant"),
    (Resource::Applications, "application"),
    (Resource::Switches, "switch"),
    (Resource::Dns, "dn"),
    (Resource::Places, "place"),
    (Resource::AgentLogins, "agent-login"),
    (Resource::AgentGroups, "agent-group"),
    (Resource::Persons, "person"),
];

/// One side: its stored bodies and the model read from them (whose ids are reused).
#[derive(Clone, Copy)]
pub struct SideRef<'a> {
    pub snapshot: &'a Snapshot,
    pub model: &'a Model,
}

/// The objects that differ between two sides, sorted by id, and whether every resource was
/// compared. A resource in `unavailable` (on either side) is not compared; neither is one
/// whose bodies this reader cannot split. A resource whose two bodies are the same text
/// has no change and is not split at all.
pub fn compare(old: SideRef, new: SideRef, unavailable: &[Resource]) -> (Vec<ObjectChange>, bool) {
    let mut out = Vec::new();
    let mut complete = true;
    for (resource, kind) in RESOURCES {
        if unavailable.contains(&resource) {
            complete = false;
            continue;
        }
        let (Some(a), Some(b)) = (
            old.snapshot.resource(resource),
            new.snapshot.resource(resource),
        ) else {
            complete = false;
            continue;
        };
        let (a, b) = (a.body.get(), b.body.get());
        if a == b {
            continue;
        }
        let (a, b) = std::thread::scope(|scope| {
            let helper = scope.spawn(|| objects(resource, a, old.model));
            let b = objects(resource, b, new.model);
            let a = helper
                .join()
                .unwrap_or_else(|_| objects(resource, a, old.model));
            (a, b)
        });
        match (a, b) {
            (Some(a), Some(b)) => compare_objects(kind, &a, &b, &mut out),
            _ => complete = false,
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    (out, complete)
}

fn compare_objects(kind: &str, old: &Objects, new: &Objects, out: &mut Vec<ObjectChange>) {
    let mut push = |id: String, change: Change, fields: Vec<String>| {
        out.push(ObjectChange { id, change, fields })
    };
    for (dbid, before) in &old.by_dbid {
        let id = || format!("{kind}:{dbid}");
        match new.by_dbid.get(dbid) {
            None => push(id(), Change::Removed, Vec::new()),
            Some(after) => {
                let fields = changed_leaves(&Stored::Raw(before), &Stored::Raw(after));
                if !fields.is_empty() {
                    push(id(), Change::Changed, fields);
                }
            }
        }
    }
    for dbid in new.by_dbid.keys() {
        if !old.by_dbid.contains_key(dbid) {
            push(format!("{kind}:{dbid}"), Change::Added, Vec::new());
        }
    }
    for (id, before) in &old.by_id {
        match new.by_id.get(id) {
            None => push(id.clone(), Change::Removed, Vec::new()),
            Some(after) => {
                let fields = changed_leaves(before, after);
                if !fields.is_empty() {
                    push(id.clone(), Change::Changed, fields);
                }
            }
        }
    }
    for id in new.by_id.keys() {
        if !old.by_id.contains_key(id) {
            push(id.clone(), Change::Added, Vec::new());
        }
    }
}

/// The differing leaves of two stored objects; none when their text is the same.
fn changed_leaves(before: &Stored, after: &Stored) -> Vec<String> {
    if let (Stored::Raw(a), Stored::Raw(b)) = (before, after)
        && a.get() == b.get()
    {
        return Vec::new();
    }
    match (before.value(), after.value()) {
        (Some(a), Some(b)) => differing_leaves(&a, &b),
        // A slice of a body that parsed once always parses again.
        _ => Vec::new(),
    }
}

/// The objects of one resource's body; `None` when it cannot be split.
fn objects<'a>(resource: Resource, body: &'a str, model: &Model) -> Option<Objects<'a>> {
    let mut out = Objects::default();
    match resource {
        Resource::GenesysEnvironments => environments(body, &mut out.by_id)?,
        Resource::Settings => {
            for item in list_items(resource, body)? {
                if let Some(name) = item_id(resource, item.get()) {
                    out.by_id
                        .entry(format!("setting:{name}"))
                        .or_insert(Stored::Raw(item));
                }
            }
        }
        _ => {
            let items = list_items(resource, body)?;
            // The model read every item of this list in order (none skipped): its DBIDs are
            // the items'. Otherwise each item is probed for its own.
            let known = model_dbids(resource, model).filter(|ids| ids.len() == items.len());
            out.by_dbid = dbid::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                let dbid = match &known {
                    Some(ids) => ids.get(i).copied().flatten(),
                    None => item_id(resource, item.get()).and_then(|d| d.parse().ok()),
                };
                if let Some(dbid) = dbid {
                    out.by_dbid.entry(dbid).or_insert(item);
                }
            }
        }
    }
    Some(out)
}

/// The DBID of every object the model read of a resource, in stored order.
fn model_dbids(resource: Resource, model: &Model) -> Option<Vec<Option<i64>>> {
    fn ids<T>(list: &Avail<Vec<T>>, f: impl Fn(&T) -> Option<i64>) -> Option<Vec<Option<i64>>> {
        list.as_ref()
            .ok()
            .map(|items| items.iter().map(f).collect())
    }
    match resource {
        Resource::Tenants => ids(&model.tenants, |o| o.dbid),
        Resource::Applications => ids(&model.applications, |o| o.dbid),
        Resource::Switches => ids(&model.switches, |o| o.dbid),
        Resource::Dns => ids(&model.dns, |o| o.dbid),
        Resource::Places => ids(&model.places, |o| o.dbid),
        Resource::AgentLogins => ids(&model.agent_logins, |o| o.dbid),
        Resource::AgentGroups => ids(&model.agent_groups, |o| o.group_info.dbid),
        Resource::Persons => ids(&model.persons, |o| o.dbid),
        _ => None,
    }
}

/// A scalar id as the model reads it: a string, or a number or bool as its text.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The first member of an object among `keys`, left raw; `None` when `text` is not an
/// object. The first of a repeated key wins, as in the model.
fn member<'a>(text: &'a str, keys: &[&str]) -> Option<Option<(String, &'a RawValue)>> {
    struct V<'k>(&'k [&'k str]);
    impl<'de> Visitor<'de> for V<'_> {
        type Value = Option<(String, &'de RawValue)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
            let mut found = None;
            while let Some(k) = map.next_key::<String>()? {
                if found.is_none() && self.0.contains(&k.as_str()) {
                    found = Some((k, map.next_value::<&'de RawValue>()?));
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(found)
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    serde::Deserializer::deserialize_map(&mut de, V(keys)).ok()
}

/// The items of a list resource's body, split in one pass (the first list of its envelope
/// key; `null` is empty); `None` when it cannot be split.
fn list_items(resource: Resource, body: &str) -> Option<Vec<&RawValue>> {
    struct V<'k>(&'k str);
    impl<'de> Visitor<'de> for V<'_> {
        type Value = Option<Vec<&'de RawValue>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
            let mut found = None;
            while let Some(k) = map.next_key::<String>()? {
                if found.is_none() && k == self.0 {
                    let items: Option<Vec<&'de RawValue>> = map.next_value()?;
                    found = Some(items.unwrap_or_default());
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(found)
        }
    }
    let key = resource.envelope_keys().first().copied().unwrap_or("");
    let mut de = serde_json::Deserializer::from_str(body);
    serde::Deserializer::deserialize_map(&mut de, V(key)).ok()?
}

#[derive(Deserialize)]
struct DbidProbe {
    #[serde(rename = "DBID", default, deserialize_with = "lenient::int")]
    dbid: Option<i64>,
}

#[derive(Deserialize)]
struct GroupProbe {
    #[serde(rename = "groupInfo", default)]
    group_info: Option<DbidProbe>,
    #[serde(rename = "CfgGroup", default)]
    cfg_group: Option<DbidProbe>,
}

#[derive(Deserialize)]
struct SettingProbe {
    #[serde(default, deserialize_with = "lenient::text")]
    name: Option<String>,
    #[serde(default)]
    value: Option<IgnoredAny>,
    #[serde(rename = "displayName", default)]
    display_name: Option<IgnoredAny>,
    #[serde(default)]
    key: Option<IgnoredAny>,
}

/// The id of a list item as the model reads it: plain, or inside its type-name wrapper
/// (`{"CfgDN": {...}}`); `None` for an item the model does not read.
fn item_id(resource: Resource, text: &str) -> Option<String> {
    if !text.starts_with('{') {
        return None;
    }
    probe(resource, text).or_else(|| {
        let members: BTreeMap<String, &RawValue> = serde_json::from_str(text).ok()?;
        match members.into_iter().collect::<Vec<_>>().as_slice() {
            [(key, inner)] if key.starts_with("Cfg") && inner.get().starts_with('{') => {
                probe(resource, inner.get())
            }
            _ => None,
        }
    })
}

fn probe(resource: Resource, text: &str) -> Option<String> {
    match resource {
        Resource::AgentGroups => {
            let p: GroupProbe = serde_json::from_str(text).ok()?;
            let dbid = match p.group_info {
                Some(g) => g.dbid,
                None => p.cfg_group.and_then(|g| g.dbid),
            };
            dbid.map(|d| d.to_string())
        }
        Resource::Settings => {
            let p: SettingProbe = serde_json::from_str(text).ok()?;
            let group = p.value.is_none() && (p.display_name.is_some() || p.key.is_some());
            if group { None } else { p.name }
        }
        _ => {
            let p: DbidProbe = serde_json::from_str(text).ok()?;
            p.dbid.map(|d| d.to_string())
        }
    }
}

/// Genesys environments, voice environments and T-Server connections, each without the
/// list of the next level (which are objects of their own).
fn environments<'a>(body: &'a str, objects: &mut HashMap<String, Stored<'a>>) -> Option<()> {
    let listed = [
        "genesysEnvironments",
        "genesys-environments",
        "genesysEnvironment",
        "genesys-environment",
    ];
    let envs: Vec<Value> = match member(body, &listed)? {
        Some((_, raw)) => match serde_json::from_str::<Value>(raw.get()).ok()? {
            Value::Null => Vec::new(),
            Value::Array(items) => items,
            one @ Value::Object(_) => vec![one],
            _ => return None,
        },
        None => {
            member(body, &["voiceEnvironments"])??;
            vec![serde_json::from_str(body).ok()?]
        }
    };
    let mut put = |id: String, v: Value| {
        objects.entry(id).or_insert(Stored::Value(v));
    };
    for env in envs {
        let Value::Object(mut env) = env else {
            continue;
        };
        let Some(id) = env.get("id").and_then(text_of) else {
            continue;
        };
        let voice = env.shift_remove("voiceEnvironments");
        put(format!("genesys-environment:{id}"), Value::Object(env));
        let Some(Value::Array(voice)) = voice else {
            continue;
        };
        for ve in voice {
            let Value::Object(mut ve) = ve else {
                continue;
            };
            let connections = ve.shift_remove("tserverConnections");
            if let Some(id) = ve.get("id").and_then(text_of) {
                put(format!("voice-environment:{id}"), Value::Object(ve));
            }
            let Some(Value::Array(connections)) = connections else {
                continue;
            };
            for c in connections {
                if let Some(id) = c.get("id").and_then(text_of) {
                    put(format!("connection:{id}"), c);
                }
            }
        }
    }
    Some(())
}
