//! The raw view: one object's JSON exactly as stored in the snapshot (unknown fields
//! included), cut out of its resource body only when asked for.

use super::data::{Data, NodeKind};
use crate::snapshot::Resource;
use serde_json::Value;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::ops::Range;

/// What the raw view can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RawTarget {
    Node(NodeKind),
    Agent(usize),
    Finding(usize),
    Object(crate::tui::objects::Kind, usize),
}

/// Byte ranges of each element of a resource's list, computed once per resource.
#[derive(Default)]
pub struct RawCache {
    ranges: HashMap<Resource, Result<Vec<Range<usize>>, String>>,
}

impl RawCache {
    pub fn clear(&mut self) {
        self.ranges.clear();
    }

    /// The pretty JSON of a target, or why there is none.
    pub fn json(&mut self, data: &Data, target: RawTarget) -> Result<String, String> {
        let value = match target {
            RawTarget::Finding(i) => {
                let f = data.audit.findings.get(i).ok_or("no such finding")?;
                serde_json::to_value(f).map_err(|e| e.to_string())?
            }
            RawTarget::Agent(i) => {
                let agent = data.inv.agents.get(i).ok_or("no such agent")?;
                self.element(data, Resource::Persons, agent.person)?
            }
            RawTarget::Node(NodeKind::Switch(_, dbid)) => {
                let index = data
                    .inv
                    .switches()
                    .iter()
                    .position(|s| s.dbid == Some(dbid))
                    .ok_or("the switch is not in the snapshot")?;
                self.element(data, Resource::Switches, index)?
            }
            RawTarget::Object(kind, i) => self.object(data, kind, i)?,
            RawTarget::Node(kind) => genesys_part(data, kind)?,
        };
        serde_json::to_string_pretty(&value).map_err(|e| e.to_string())
    }

    /// An object of an object view. Its index is into the model's list, which leaves out
    /// unreadable items (GWS-507): when the element at that index is not the object (its
    /// DBID or name differs), the stored list is searched for it.
    fn object(
        &mut self,
        data: &Data,
        kind: crate::tui::objects::Kind,
        i: usize,
    ) -> Result<Value, String> {
        let want_dbid = kind.dbid(data, i);
        let want_name = (want_dbid.is_none()).then(|| kind.label(data, i));
        let is_it = |v: &Value| match want_dbid {
            Some(d) => dbid_of(v) == Some(d),
            None => {
                v.get("name")
                    .and_then(Value::as_str)
                    .map(crate::tui::text::visible)
                    == want_name
            }
        };
        let resource = kind.resource();
        if let Ok(v) = self.element(data, resource, i)
            && is_it(&v)
        {
            return Ok(v);
        }
        let n = match self.ranges.get(&resource) {
            Some(Ok(r)) => r.len(),
            _ => 0,
        };
        for j in 0..n {
            if let Ok(v) = self.element(data, resource, j)
                && is_it(&v)
            {
                return Ok(v);
            }
        }
        Err(format!(
            "the object is not in the stored {}",
            resource.path()
        ))
    }

    fn element(&mut self, data: &Data, resource: Resource, index: usize) -> Result<Value, String> {
        let response = data
            .snapshot
            .resource(resource)
            .ok_or_else(|| format!("{} is not in the snapshot", resource.path()))?;
        let body = response.body.get();
        let ranges = self
            .ranges
            .entry(resource)
            .or_insert_with(|| list_ranges(body, resource));
        let ranges = ranges.as_ref().map_err(Clone::clone)?;
        let range = ranges
            .get(index)
            .cloned()
            .ok_or_else(|| format!("element {index} is not in {}", resource.path()))?;
        let text = body.get(range).ok_or("the stored body changed")?;
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// An object's DBID as stored: a number or a numeric string, at the top or in an agent
/// group's `groupInfo`/`CfgGroup`.
fn dbid_of(v: &Value) -> Option<i64> {
    let read = |x: &Value| match x {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    v.get("DBID")
        .and_then(read)
        .or_else(|| v.get("groupInfo")?.get("DBID").and_then(read))
        .or_else(|| v.get("CfgGroup")?.get("DBID").and_then(read))
}

/// The byte range of every element of the resource's envelope list within the body (the
/// first list under the envelope key, as the model reads it).
fn list_ranges(body: &str, resource: Resource) -> Result<Vec<Range<usize>>, String> {
    let key = resource.envelope_keys().first().copied().unwrap_or("");
    let mut de = serde_json::Deserializer::from_str(body);
    let items = serde::Deserializer::deserialize_map(&mut de, FirstList(key))
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("the body has no \"{key}\" list"))?;
    let base = body.as_ptr() as usize;
    Ok(items
        .iter()
        .map(|raw| {
            let start = (raw.get().as_ptr() as usize).saturating_sub(base);
            start..start + raw.get().len()
        })
        .collect())
}

/// Visits a body's map, keeping the elements of the first `key` list as raw slices.
struct FirstList<'k>(&'k str);

impl<'de> serde::de::Visitor<'de> for FirstList<'_> {
    type Value = Option<Vec<&'de RawValue>>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a GWS response object")
    }

    fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut items = None;
        while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if k == self.0 && items.is_none() {
                let list: Option<Vec<&'de RawValue>> = map.next_value()?;
                items = Some(list.unwrap_or_default());
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(items)
    }
}

/// A Genesys environment, voice environment or T-Server connection, found the way the model
/// finds them (SNAPSHOT.md §2: several envelope shapes).
fn genesys_part(data: &Data, kind: NodeKind) -> Result<Value, String> {
    let resource = Resource::GenesysEnvironments;
    let response = data
        .snapshot
        .resource(resource)
        .ok_or_else(|| format!("{} is not in the snapshot", resource.path()))?;
    let body: Value = serde_json::from_str(response.body.get()).map_err(|e| e.to_string())?;
    let listed = [
        "genesysEnvironments",
        "genesys-environments",
        "genesysEnvironment",
        "genesys-environment",
    ]
    .iter()
    .find_map(|k| body.get(*k));
    let envs: Vec<&Value> = match listed {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        Some(_) => Vec::new(),
        None if body.get("voiceEnvironments").is_some() => vec![&body],
        None => Vec::new(),
    };
    let ve_of = |v: usize| -> Result<&Value, String> {
        let ve = data
            .inv
            .voice_envs
            .get(v)
            .ok_or("no such voice environment")?;
        envs.get(ve.genesys_env)
            .and_then(|e| e.get("voiceEnvironments"))
            .and_then(|l| l.get(ve.index))
            .ok_or_else(|| "the voice environment is not in the stored body".to_string())
    };
    let found = match kind {
        NodeKind::GenesysEnv(g) => envs
            .get(g)
            .copied()
            .ok_or_else(|| "the Genesys environment is not in the stored body".to_string())?,
        NodeKind::VoiceEnv(v) => ve_of(v)?,
        NodeKind::Connection(v, c) => ve_of(v)?
            .get("tserverConnections")
            .and_then(|l| l.get(c))
            .ok_or("the connection is not in the stored body")?,
        NodeKind::Switch(..) => return Err("not a Genesys environment part".into()),
    };
    Ok(found.clone())
}
