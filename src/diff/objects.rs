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
use crate::model::lenient;
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

/// The objects of one snapshot by id, with the resource each comes from.
#[derive(Debug, Default)]
pub struct ObjectIndex<'a> {
    pub objects: HashMap<String, (Resource, Stored<'a>)>,
    /// Resources whose objects are not listed: unavailable (as the model judged), or a body
    /// this reader could not split into objects.
    pub skipped: Vec<Resource>,
}

impl ObjectIndex<'_> {
    /// An index that lists nothing: every resource skipped.
    pub fn failed() -> Self {
        ObjectIndex {
            objects: HashMap::new(),
            skipped: std::iter::once(Resource::GenesysEnvironments)
                .chain(LISTS.map(|l| l.0))
                .collect(),
        }
    }
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
const LISTS: [(Resource, &str); 9] = [
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

/// Indexes the objects of `snapshot`; the resources in `unavailable` are skipped.
pub fn index<'a>(snapshot: &'a Snapshot, unavailable: &[Resource]) -> ObjectIndex<'a> {
    let mut out = ObjectIndex::default();
    let resources = std::iter::once(Resource::GenesysEnvironments).chain(LISTS.map(|l| l.0));
    for resource in resources {
        if unavailable.contains(&resource) {
            out.skipped.push(resource);
            continue;
        }
        let Some(response) = snapshot.resource(resource) else {
            out.skipped.push(resource);
            continue;
        };
        let body = response.body.get();
        let read = if resource == Resource::GenesysEnvironments {
            environments(body, &mut out.objects)
        } else {
            let kind = LISTS.iter().find(|l| l.0 == resource).map_or("", |l| l.1);
            list(resource, kind, body, &mut out.objects)
        };
        if read.is_none() {
            out.objects.retain(|_, (r, _)| *r != resource);
            out.skipped.push(resource);
        }
    }
    out
}

/// The objects that differ between two indexes, sorted by id. Objects of a resource skipped
/// on either side are not compared.
pub fn compare(old: &ObjectIndex, new: &ObjectIndex) -> Vec<ObjectChange> {
    let skipped = |r: &Resource| old.skipped.contains(r) || new.skipped.contains(r);
    let mut out = Vec::new();
    for (id, (resource, before)) in &old.objects {
        if skipped(resource) {
            continue;
        }
        match new.objects.get(id) {
            None => out.push(ObjectChange {
                id: id.clone(),
                change: Change::Removed,
                fields: Vec::new(),
            }),
            Some((_, after)) => {
                let fields = changed_leaves(before, after);
                if !fields.is_empty() {
                    out.push(ObjectChange {
                        id: id.clone(),
                        change: Change::Changed,
                        fields,
                    });
                }
            }
        }
    }
    for (id, (resource, _)) in &new.objects {
        if !skipped(resource) && !old.objects.contains_key(id) {
            out.push(ObjectChange {
                id: id.clone(),
                change: Change::Added,
                fields: Vec::new(),
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
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

/// The items of a list resource under `kind:<id>`; `None` when the body cannot be split.
fn list<'a>(
    resource: Resource,
    kind: &str,
    body: &'a str,
    objects: &mut HashMap<String, (Resource, Stored<'a>)>,
) -> Option<()> {
    let key = resource.envelope_keys().first().copied().unwrap_or("");
    let (_, raw) = member(body, &[key])??;
    let items: Vec<&'a RawValue> = match raw.get().as_bytes().first() {
        Some(b'n') => Vec::new(),
        Some(b'[') => serde_json::from_str(raw.get()).ok()?,
        _ => return None,
    };
    for item in items {
        if let Some(id) = item_id(resource, item.get()) {
            objects
                .entry(format!("{kind}:{id}"))
                .or_insert((resource, Stored::Raw(item)));
        }
    }
    Some(())
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
fn environments<'a>(
    body: &'a str,
    objects: &mut HashMap<String, (Resource, Stored<'a>)>,
) -> Option<()> {
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
    let resource = Resource::GenesysEnvironments;
    let mut put = |id: String, v: Value| {
        objects.entry(id).or_insert((resource, Stored::Value(v)));
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
