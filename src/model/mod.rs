//! The model: each resource of a snapshot parsed into typed, lenient views, or marked
//! unavailable with the reason (RULES.md §0).

pub mod lenient;
mod split;
mod types;

pub use lenient::{Annex, OptionValue, Section};
pub use types::*;

use crate::envelope::{Envelope, Failure};
use crate::snapshot::{Resource, Response, Snapshot};
use anyhow::{Result, anyhow};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use std::borrow::Borrow;
use std::collections::HashMap;

/// Why a resource is unavailable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable {
    pub resource: Resource,
    pub reason: String,
}

impl Unavailable {
    pub fn path(&self) -> &'static str {
        self.resource.path()
    }
}

/// A resource's objects, or why they are unavailable.
pub type Avail<T> = Result<T, Unavailable>;

#[derive(Debug, Clone)]
pub struct Model {
    pub version: Avail<String>,
    pub genesys_environments: Avail<Vec<GenesysEnvironment>>,
    pub settings: Avail<Vec<Setting>>,
    pub tenants: Avail<Vec<Tenant>>,
    pub applications: Avail<Vec<Application>>,
    pub switches: Avail<Vec<Switch>>,
    pub dns: Avail<Vec<Dn>>,
    pub places: Avail<Vec<Place>>,
    pub agent_logins: Avail<Vec<AgentLogin>>,
    pub agent_groups: Avail<Vec<AgentGroup>>,
    pub persons: Avail<Vec<Person>>,
    /// Lists of which only some items could be read, in request order (GWS-507).
    pub partial: Vec<PartialRead>,
}

impl Model {
    pub fn from_snapshot(snapshot: &Snapshot) -> Result<Model> {
        Model::parse(|r| snapshot.resource(r))
    }

    /// Like `from_snapshot`, but drops each body once it is parsed: the CLI never shows a body
    /// again. The bodies of a file share its text, which goes when the last is parsed; a
    /// body of its own (live, loose files) goes at once.
    pub fn from_responses(responses: Vec<Response>) -> Result<Model> {
        let mut by_resource: HashMap<Resource, Response> = HashMap::new();
        for response in responses {
            if let Some(resource) = Resource::from_path(&response.path) {
                // The first response of a path wins, as in `Snapshot::response`.
                by_resource.entry(resource).or_insert(response);
            }
        }
        Model::parse(|r| by_resource.remove(&r))
    }

    /// Parses each resource's response, taken (borrowed or owned) from `take`; an owned one
    /// is dropped right after its parse (the persons' once every list is read).
    fn parse<R: Borrow<Response> + Send + Sync>(
        mut take: impl FnMut(Resource) -> Option<R>,
    ) -> Result<Model> {
        fn list<T: DeserializeOwned + Readable, R: Borrow<Response>>(
            resource: Resource,
            response: Option<R>,
        ) -> ListRead<T> {
            parse_list(resource, response.as_ref().map(Borrow::borrow))
        }
        fn keep<T>(partial: &mut Vec<PartialRead>, (items, part): ListRead<T>) -> Avail<Vec<T>> {
            partial.extend(part);
            items
        }
        let persons = take(Resource::Persons);
        let persons = persons.as_ref().map(Borrow::borrow);
        // Persons are the largest body: a second core reads them meanwhile (with its own
        // table of shared option text, gone with the thread), in chunks that this core
        // shares once the other lists are read.
        let split = persons.and_then(|r| {
            let key = Resource::Persons
                .envelope_keys()
                .first()
                .copied()
                .unwrap_or("");
            split::Split::plan(r.body.get(), key)
        });
        let model = std::thread::scope(|scope| {
            let mut partial = Vec::new();
            let p = &mut partial;
            let split = &split;
            let helper = scope.spawn(move || match split {
                Some(split) => Err(split.work::<Person>()),
                None => Ok(parse_list::<Person>(Resource::Persons, persons)),
            });
            let version = take(Resource::Version);
            let environments = take(Resource::GenesysEnvironments);
            let version = parse_version(version.as_ref().map(Borrow::borrow));
            let genesys_environments = keep(
                p,
                parse_genesys_environments(environments.as_ref().map(Borrow::borrow)),
            );
            let settings = keep(p, list(Resource::Settings, take(Resource::Settings)));
            let tenants = keep(p, list(Resource::Tenants, take(Resource::Tenants)));
            let applications = keep(
                p,
                list(Resource::Applications, take(Resource::Applications)),
            );
            let switches = keep(p, list(Resource::Switches, take(Resource::Switches)));
            let dns = keep(p, list(Resource::Dns, take(Resource::Dns)));
            let places = keep(p, list(Resource::Places, take(Resource::Places)));
            let agent_logins = keep(p, list(Resource::AgentLogins, take(Resource::AgentLogins)));
            let agent_groups = keep(p, list(Resource::AgentGroups, take(Resource::AgentGroups)));
            let mine = split.as_ref().map(|s| s.work::<Person>());
            let helped = helper
                .join()
                .map_err(|_| anyhow!("internal error while reading persons"))?;
            let persons = match (helped, split, persons) {
                (Ok(read), _, _) => read,
                (Err(theirs), Some(split), Some(response)) => {
                    let parts = vec![mine.unwrap_or_default(), theirs];
                    finish_split(Resource::Persons, response, split, parts)
                }
                // A split is only planned for a body there is.
                (Err(_), _, response) => parse_list::<Person>(Resource::Persons, response),
            };
            let persons = keep(p, persons);
            Ok(Model {
                version,
                genesys_environments,
                settings,
                tenants,
                applications,
                switches,
                dns,
                places,
                agent_logins,
                agent_groups,
                persons,
                partial,
            })
        });
        crate::intern::clear();
        model
    }

    /// Every unavailable resource, in request order.
    pub fn unavailable(&self) -> Vec<&Unavailable> {
        [
            self.version.as_ref().err(),
            self.genesys_environments.as_ref().err(),
            self.settings.as_ref().err(),
            self.tenants.as_ref().err(),
            self.applications.as_ref().err(),
            self.switches.as_ref().err(),
            self.dns.as_ref().err(),
            self.places.as_ref().err(),
            self.agent_logins.as_ref().err(),
            self.agent_groups.as_ref().err(),
            self.persons.as_ref().err(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// Whether a response of `resource` is usable on its own (RULES.md §0): what decides
/// between two loose files that hold the same resource.
pub fn is_usable(resource: Resource, response: &Response) -> bool {
    let r = Some(response);
    match resource {
        Resource::Version => parse_version(r).is_ok(),
        Resource::GenesysEnvironments => parse_genesys_environments(r).0.is_ok(),
        Resource::Settings => parse_list::<Setting>(resource, r).0.is_ok(),
        Resource::Tenants => parse_list::<Tenant>(resource, r).0.is_ok(),
        Resource::Applications => parse_list::<Application>(resource, r).0.is_ok(),
        Resource::Switches => parse_list::<Switch>(resource, r).0.is_ok(),
        Resource::Dns => parse_list::<Dn>(resource, r).0.is_ok(),
        Resource::Places => parse_list::<Place>(resource, r).0.is_ok(),
        Resource::AgentLogins => parse_list::<AgentLogin>(resource, r).0.is_ok(),
        Resource::AgentGroups => parse_list::<AgentGroup>(resource, r).0.is_ok(),
        Resource::Persons => parse_list::<Person>(resource, r).0.is_ok(),
    }
}

/// One line per resource that was read only in part or not at all because its items were
/// unreadable, naming where it came from (the CLI prints them as warnings).
pub fn read_warnings(model: &Model) -> Vec<String> {
    let mut lines: Vec<String> = model
        .unavailable()
        .into_iter()
        .filter(|u| u.reason.contains("none readable"))
        .map(|u| format!("{} is unreadable: {}", u.path(), u.reason))
        .collect();
    lines.extend(model.partial.iter().map(|p| {
        format!(
            "{}: {} of {} items unreadable and skipped (GWS-507); the first at index {} ({}): {}",
            p.resource.path(),
            p.skipped,
            p.total,
            p.first_index,
            p.first_at,
            p.why
        )
    }));
    lines
}

/// Every unavailable resource with its reason, on one line, shortest first.
pub fn unavailable_summary(model: &Model) -> String {
    model
        .unavailable()
        .iter()
        .map(|u| {
            let reason: String = u.reason.chars().take(160).collect();
            format!("{}: {reason}", u.resource.name())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a stored body is not usable, before looking at its envelope key; `Ok` when it is.
fn check_status(resource: Resource, response: Option<&Response>) -> Avail<&Response> {
    let unavailable = |reason: String| Err(Unavailable { resource, reason });
    let Some(response) = response else {
        return unavailable("not in the snapshot".into());
    };
    let text = response.body.get();
    if !text.trim_start().starts_with('{') {
        return unavailable(format!(
            "{}: the body is not a JSON object but {}",
            response.locate(1, 1),
            raw_kind(text)
        ));
    }
    let envelope = match Envelope::read(text) {
        Ok(e) => e,
        Err(e) => return unavailable(body_error(response, &e)),
    };
    match failed(&envelope, resource) {
        Some(u) => Err(u),
        None => Ok(response),
    }
}

/// Why a body with this envelope is unusable; `None` when it is usable.
fn failed(envelope: &Envelope, resource: Resource) -> Option<Unavailable> {
    let reason = match envelope.failure()? {
        Failure::Transport(err) => format!("request failed: {err}"),
        Failure::Status(n) => envelope.describe(n),
        Failure::BadCode(code) => format!("statusCode {code:?} is not a number"),
    };
    Some(Unavailable { resource, reason })
}

pub use crate::envelope::describe_status;

/// A serde error inside a body, as `file:line:col: what`.
fn body_error(response: &Response, e: &serde_json::Error) -> String {
    let what = crate::snapshot::strip_json_position(&e.to_string());
    format!("{}: {what}", response.locate(e.line(), e.column()))
}

fn missing_key(resource: Resource) -> Unavailable {
    Unavailable {
        resource,
        reason: format!(
            "the body has no \"{}\" list",
            resource.envelope_keys().first().copied().unwrap_or("")
        ),
    }
}

/// The JSON type of a raw value, in words.
fn raw_kind(text: &str) -> &'static str {
    match text.trim_start().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "a list",
        Some(b'"') => "a string",
        Some(b't') | Some(b'f') => "a bool",
        Some(b'n') => "null",
        Some(_) => "a number",
        None => "nothing",
    }
}

/// Items of a list that could not be read, when others could (rule GWS-507).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartialRead {
    pub resource: Resource,
    pub total: usize,
    pub skipped: usize,
    /// The 0-based index of the first unreadable item, where it is, and what it lacks.
    pub first_index: usize,
    pub first_at: String,
    pub why: String,
}

/// A resource's list as read: its readable items, or why it is unavailable, and the items
/// skipped when only some were unreadable.
type ListRead<T> = (Avail<Vec<T>>, Option<PartialRead>);

fn parse_list<T: DeserializeOwned + Readable>(
    resource: Resource,
    response: Option<&Response>,
) -> ListRead<T> {
    let key = resource.envelope_keys().first().copied().unwrap_or("");
    // One pass reads the status and the list together (the list bodies are most of a
    // snapshot). Anything unusual (a parse error, a repeated status key, an unreadable
    // item) takes the item-by-item path, which gives the exact verdict and message.
    if let Some(response) = response
        && response.body.get().trim_start().starts_with('{')
        && let Ok((status, items)) = one_pass::<T>(response.body.get(), key)
        && let Some(read) = judge(resource, &status, items)
    {
        return read;
    }
    item_by_item(resource, response, key)
}

/// The verdict on a list read in one pass with its status; `None` when an item is unreadable
/// and the item-by-item path must count and name them.
fn judge<T: Readable>(
    resource: Resource,
    status: &Envelope,
    items: Option<Vec<T>>,
) -> Option<ListRead<T>> {
    match failed(status, resource) {
        Some(u) => Some((Err(u), None)),
        None => match items {
            None => Some((Err(missing_key(resource)), None)),
            Some(items) if items.iter().all(|i| i.readable().is_ok()) => Some((Ok(items), None)),
            Some(_) => None,
        },
    }
}

/// A list read in chunks on both cores (`split`), judged as the one pass judges it; when the
/// chunks do not hold, the body is read as `parse_list` reads it.
fn finish_split<T: DeserializeOwned + Readable + std::fmt::Debug>(
    resource: Resource,
    response: &Response,
    split: &split::Split,
    parts: Vec<Vec<split::Chunk<T>>>,
) -> ListRead<T> {
    let key = resource.envelope_keys().first().copied().unwrap_or("");
    if let Some((items, rest)) = split.finish(parts)
        && let Ok((status, Some(_))) = one_pass::<serde::de::IgnoredAny>(&rest, key)
        && let Some(read) = judge(resource, &status, Some(items))
    {
        // The fuzzer splits every body and holds the chunks to the one pass's reading.
        #[cfg(fuzzing)]
        assert_eq!(
            format!("{read:?}"),
            format!("{:?}", parse_list::<T>(resource, Some(response))),
            "persons read in chunks differ from the one pass"
        );
        return read;
    }
    parse_list(resource, Some(response))
}

/// The status first, then the list item by item: slower, and the judge of every unusual
/// body. An item that cannot be read is skipped and counted, never taken for an empty one.
fn item_by_item<T: DeserializeOwned + Readable>(
    resource: Resource,
    response: Option<&Response>,
    key: &str,
) -> ListRead<T> {
    let response = match check_status(resource, response) {
        Ok(r) => r,
        Err(u) => return (Err(u), None),
    };
    let unavailable = |reason: String| (Err(Unavailable { resource, reason }), None);
    let list = match envelope_value(response, &[key]) {
        Err(reason) => return unavailable(reason),
        Ok(None) => return (Err(missing_key(resource)), None),
        Ok(Some((_, raw))) => raw,
    };
    let items: Vec<&RawValue> = match list.get().as_bytes().first() {
        Some(b'n') => Vec::new(),
        Some(b'[') => match serde_json::from_str(list.get()) {
            Ok(items) => items,
            Err(e) => return unavailable(body_error(response, &e)),
        },
        _ => {
            return unavailable(format!(
                "{}: \"{key}\" is {}, not a list",
                locate_raw(response, list),
                raw_kind(list.get())
            ));
        }
    };
    read_items(resource, response, &items)
}

/// Reads each item on its own; the readable ones are kept.
fn read_items<T: DeserializeOwned + Readable>(
    resource: Resource,
    response: &Response,
    items: &[&RawValue],
) -> ListRead<T> {
    let mut read = Vec::with_capacity(items.len());
    let mut first: Option<(usize, String)> = None;
    let mut keys_seen: Vec<String> = Vec::new();
    let mut skipped = 0;
    for (i, raw) in items.iter().enumerate() {
        match read_item::<T>(raw) {
            Ok(item) => read.push(item),
            Err(why) => {
                skipped += 1;
                if first.is_none() {
                    first = Some((i, why));
                }
                if keys_seen.len() < 12 && skipped <= 3 {
                    for k in object_keys(raw) {
                        if !keys_seen.contains(&k) && keys_seen.len() < 12 {
                            keys_seen.push(k);
                        }
                    }
                }
            }
        }
    }
    let Some((first_index, why)) = first else {
        return (Ok(read), None);
    };
    let first_at = locate_raw(response, items[first_index]);
    if read.is_empty() {
        let keys = if keys_seen.is_empty() {
            String::new()
        } else {
            format!("; keys seen: {}", keys_seen.join(", "))
        };
        let reason = format!(
            "{}, none readable: {why}{keys} (first at {first_at})",
            count_items(items.len())
        );
        return (Err(Unavailable { resource, reason }), None);
    }
    let partial = PartialRead {
        resource,
        total: items.len(),
        skipped,
        first_index,
        first_at,
        why,
    };
    (Ok(read), Some(partial))
}

/// One list item: an object readable as it is, or one whose only member is the object under
/// its type name (`{"CfgPerson": {...}}`).
fn read_item<T: DeserializeOwned + Readable>(raw: &RawValue) -> Result<T, String> {
    let text = raw.get();
    if !text.starts_with('{') {
        let kind = raw_kind(text);
        let hint = if kind == "a string" {
            ": a link? a list saved without ?fields=*"
        } else {
            ""
        };
        return Err(format!("not an object ({kind}{hint})"));
    }
    let direct = serde_json::from_str::<T>(text);
    if let Ok(item) = &direct
        && item.readable().is_ok()
    {
        return direct.map_err(|e| e.to_string());
    }
    if let Some(inner) = type_name_wrapped(raw)
        && let Ok(item) = serde_json::from_str::<T>(inner.get())
        && item.readable().is_ok()
    {
        return Ok(item);
    }
    match direct {
        Ok(item) => Err(item.readable().err().unwrap_or("unreadable").to_string()),
        Err(e) => Err(crate::snapshot::strip_json_position(&e.to_string())),
    }
}

/// The value of an object's only member when its key is a Configuration Server type name.
fn type_name_wrapped(raw: &RawValue) -> Option<&RawValue> {
    let members: Vec<(String, &RawValue)> =
        serde_json::from_str::<std::collections::BTreeMap<String, &RawValue>>(raw.get())
            .ok()?
            .into_iter()
            .collect();
    match members.as_slice() {
        [(key, value)] if key.starts_with("Cfg") && value.get().starts_with('{') => Some(value),
        _ => None,
    }
}

/// The keys of a raw object, in stored order (empty for anything else).
fn object_keys(raw: &RawValue) -> Vec<String> {
    #[derive(Deserialize)]
    struct Keys(#[serde(with = "keys_only")] Vec<String>);
    mod keys_only {
        use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Vec<String>;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                    let mut keys = Vec::new();
                    while let Some(k) = map.next_key::<String>()? {
                        map.next_value::<IgnoredAny>()?;
                        keys.push(k);
                    }
                    Ok(keys)
                }
            }
            d.deserialize_map(V)
        }
    }
    serde_json::from_str::<Keys>(raw.get())
        .map(|k| k.0)
        .unwrap_or_default()
}

/// `1 item`, `50,000 items`.
fn count_items(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped} item{}", if n == 1 { "" } else { "s" })
}

/// Where a raw value borrowed from a response body is, as `file:line:col`.
fn locate_raw(response: &Response, raw: &RawValue) -> String {
    let body = response.body.get();
    let offset = (raw.get().as_ptr() as usize)
        .saturating_sub(body.as_ptr() as usize)
        .min(body.len());
    let before = &body.as_bytes()[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let col = offset
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    response.locate(line, col)
}

/// The first member of a body among `keys`, left raw; `Err` when the body cannot be read.
fn envelope_value<'b>(
    response: &'b Response,
    keys: &[&str],
) -> Result<Option<(String, &'b RawValue)>, String> {
    use serde::de::{IgnoredAny, MapAccess, Visitor};
    struct V<'k>(&'k [&'k str]);
    impl<'de, 'k> Visitor<'de> for V<'k> {
        type Value = Option<(String, &'de RawValue)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a GWS response object")
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
    let mut de = serde_json::Deserializer::from_str(response.body.get());
    serde::Deserializer::deserialize_map(&mut de, V(keys)).map_err(|e| body_error(response, &e))
}

/// A status field read on its own, as `Envelope` reads it.
#[derive(Deserialize)]
struct StatusText(#[serde(deserialize_with = "lenient::text")] Option<String>);

/// The status fields and the list of `key` in one pass. `Err` for anything the item-by-item
/// path must judge: invalid JSON, a bad list, a status key given twice.
fn one_pass<T: DeserializeOwned>(
    body: &str,
    key: &str,
) -> Result<(Envelope, Option<Vec<T>>), serde_json::Error> {
    use serde::de::{Error, IgnoredAny, MapAccess, Visitor};
    struct V<'k, T>(&'k str, std::marker::PhantomData<T>);
    impl<'de, T: DeserializeOwned> Visitor<'de> for V<'_, T> {
        type Value = (Envelope, Option<Vec<T>>);
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a GWS response object")
        }
        fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
            let mut status = Envelope::default();
            let mut seen: Vec<String> = Vec::new();
            let mut items: Option<Vec<T>> = None;
            while let Some(k) = map.next_key::<String>()? {
                if let Some(field) = status.slot(&k) {
                    if seen.contains(&k) {
                        return Err(M::Error::custom("repeated status key"));
                    }
                    *field = map.next_value::<StatusText>()?.0;
                    seen.push(k);
                } else if k == self.0 && items.is_none() {
                    let mut list: Option<Vec<T>> = map.next_value()?;
                    // 50,000 persons grown by doubling leave room for 15,000 more.
                    list.iter_mut().for_each(Vec::shrink_to_fit);
                    items = Some(list.unwrap_or_default());
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok((status, items))
        }
    }
    let mut de = serde_json::Deserializer::from_str(body);
    let value = serde::Deserializer::deserialize_map(&mut de, V::<T>(key, Default::default()))?;
    de.end()?;
    Ok(value)
}

fn parse_version(response: Option<&Response>) -> Avail<String> {
    let response = check_status(Resource::Version, response)?;
    #[derive(Deserialize)]
    struct Body {
        #[serde(default, deserialize_with = "lenient::text")]
        version: Option<String>,
    }
    let unavailable = |reason: String| Unavailable {
        resource: Resource::Version,
        reason,
    };
    let body: Body = serde_json::from_str(response.body.get())
        .map_err(|e| unavailable(body_error(response, &e)))?;
    body.version.ok_or_else(|| missing_key(Resource::Version))
}

/// Genesys environments under any of their envelope keys, a single environment object, or a
/// bare environment holding `voiceEnvironments` (SNAPSHOT.md §2).
fn parse_genesys_environments(response: Option<&Response>) -> ListRead<GenesysEnvironment> {
    let resource = Resource::GenesysEnvironments;
    let response = match check_status(resource, response) {
        Ok(r) => r,
        Err(u) => return (Err(u), None),
    };
    let unavailable = |reason: String| (Err(Unavailable { resource, reason }), None);
    let listed = [
        "genesysEnvironments",
        "genesys-environments",
        "genesysEnvironment",
        "genesys-environment",
    ];
    let found = match envelope_value(response, &listed) {
        Ok(found) => found,
        Err(reason) => return unavailable(reason),
    };
    match found {
        Some((key, raw)) => match raw.get().as_bytes().first() {
            Some(b'n') => (Ok(Vec::new()), None),
            Some(b'[') => match serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
                Ok(items) => read_items(resource, response, &items),
                Err(e) => unavailable(body_error(response, &e)),
            },
            Some(b'{') => read_items(resource, response, &[raw]),
            _ => unavailable(format!(
                "{}: \"{key}\" must be a list or an object, not {}",
                locate_raw(response, raw),
                raw_kind(raw.get())
            )),
        },
        None => match envelope_value(response, &["voiceEnvironments"]) {
            Ok(Some(_)) => match serde_json::from_str::<GenesysEnvironment>(response.body.get()) {
                Ok(env) => (Ok(vec![env]), None),
                Err(e) => unavailable(body_error(response, &e)),
            },
            Ok(None) => (Err(missing_key(resource)), None),
            Err(reason) => unavailable(reason),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(body: &str) -> Response {
        let raw = RawValue::from_string(body.to_string()).expect("valid JSON");
        Response::new(Resource::Dns.path(), raw)
    }

    fn show<T: Readable>(r: &ListRead<T>, id: impl Fn(&T) -> String) -> String {
        let part = r.1.as_ref().map_or(String::new(), |p| {
            format!(
                " partial {}/{} first {} {}",
                p.skipped, p.total, p.first_index, p.why
            )
        });
        match &r.0 {
            Ok(items) => format!("ok {:?}{part}", items.iter().map(&id).collect::<Vec<_>>()),
            Err(u) => format!("unavailable {}{part}", u.reason),
        }
    }

    /// The one-pass reader gives the same verdict and message as the item-by-item one,
    /// whatever order the status and the list come in, and when either is odd.
    #[test]
    fn one_pass_agrees_with_item_by_item() {
        let bodies = [
            r#"{"statusCode":0,"dns":[{"DBID":"1"}]}"#,
            r#"{"dns":[{"DBID":"1"}],"statusCode":5,"statusMessage":"no"}"#,
            r#"{"dns":"oops","statusCode":5}"#,
            r#"{"dns":"oops","statusCode":0}"#,
            r#"{"statusCode":0,"statusCode":5,"dns":[]}"#,
            r#"{"statusCode":"x","dns":[]}"#,
            r#"{"gwsxError":"HTTP 500","dns":[]}"#,
            r#"{"statusCode":0}"#,
            r#"{"dns":null,"dns":[{"DBID":"2"}]}"#,
            r#"{"statusCode":0,"dns":[{"DBID":1}],"x":{"y":[1,{"z":"\u00e9"}]}}"#,
            r#"{"statusCode":[1],"dns":[]}"#,
            r#"{"statusCode":"0","dns":[{"DBID":"1"},{"dbid":"2"},5]}"#,
            r#"{"dns":[{"CfgDN":{"DBID":"7","number":"1001"}}]}"#,
        ];
        let id = |d: &Dn| format!("{:?}", d.dbid);
        for body in bodies {
            let r = response(body);
            let fast = parse_list::<Dn>(Resource::Dns, Some(&r));
            let slow = item_by_item::<Dn>(Resource::Dns, Some(&r), "dns");
            assert_eq!(show(&fast, id), show(&slow, id), "{body}");
        }
    }

    /// Unreadable is unavailable, never empty; partly unreadable keeps the rest and says so.
    #[test]
    fn unreadable_items_are_named_and_counted() {
        let id = |d: &Dn| format!("{:?}", d.dbid);
        let lower = response(r#"{"dns":[{"dbid":"1","number":"1"},{"dbid":"2","number":"2"}]}"#);
        let read = parse_list::<Dn>(Resource::Dns, Some(&lower));
        let shown = show(&read, id);
        assert!(
            shown.starts_with(
                "unavailable 2 items, none readable: no DBID; keys seen: dbid, number"
            ),
            "{shown}"
        );
        let some = response(r#"{"dns":[{"DBID":"1"},"/api/v2/dns/2",{"DBID":{"x":1}}]}"#);
        let shown = show(&parse_list::<Dn>(Resource::Dns, Some(&some)), id);
        assert!(
            shown.starts_with(
                "ok [\"Some(1)\"] partial 2/3 first 1 not an object (a string: a link?"
            ),
            "{shown}"
        );
        let wrapped = response(r#"{"dns":[{"CfgDN":{"DBID":"7"}}]}"#);
        assert_eq!(
            show(&parse_list::<Dn>(Resource::Dns, Some(&wrapped)), id),
            "ok [\"Some(7)\"]"
        );
        let empty = response(r#"{"statusCode":0,"dns":[]}"#);
        assert_eq!(
            show(&parse_list::<Dn>(Resource::Dns, Some(&empty)), id),
            "ok []"
        );
        assert_eq!(count_items(50_000), "50,000 items");
        assert_eq!(count_items(1), "1 item");
    }

    #[test]
    fn settings_groups_are_not_wwe_options() {
        let groups = response(
            r#"{"settings":[{"name":"a","displayName":"A","key":"k"},{"name":"b","displayName":"B","key":"k2"}]}"#,
        );
        let read = parse_list::<Setting>(Resource::Settings, Some(&groups));
        let shown = show(&read, |s| format!("{:?}", s.name));
        assert!(shown.contains("none readable: a settings group"), "{shown}");
        let options =
            response(r#"{"settings":[{"name":"a","value":null},{"name":"b","value":"1"}]}"#);
        let read = parse_list::<Setting>(Resource::Settings, Some(&options));
        assert_eq!(
            show(&read, |s| format!("{:?}", s.name)),
            r#"ok ["Some(\"a\")", "Some(\"b\")"]"#
        );
    }
}
