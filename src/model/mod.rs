//! The model: each resource of a snapshot parsed into typed, lenient views, or marked
//! unavailable with the reason (RULES.md §0).

pub mod lenient;
mod types;

pub use lenient::{Annex, OptionValue, Section};
pub use types::*;

use crate::snapshot::{Resource, Response, Snapshot};
use anyhow::{Result, anyhow};
use serde::Deserialize;
use serde::de::DeserializeOwned;
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
}

impl Model {
    pub fn from_snapshot(snapshot: &Snapshot) -> Result<Model> {
        Model::parse(|r| snapshot.resource(r))
    }

    /// Like `from_snapshot`, but frees each body as soon as it is parsed: the CLI never shows
    /// a body again, and a body and its objects are then never in memory with every other
    /// body (peak memory falls by the bodies parsed before the last).
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
    /// is dropped right after its parse.
    fn parse<R: Borrow<Response> + Send>(
        mut take: impl FnMut(Resource) -> Option<R>,
    ) -> Result<Model> {
        fn list<T: DeserializeOwned, R: Borrow<Response>>(
            resource: Resource,
            response: Option<R>,
        ) -> Result<Avail<Vec<T>>> {
            parse_list(resource, response.as_ref().map(Borrow::borrow))
        }
        let persons = take(Resource::Persons);
        // Persons are the largest body: parse them on a second core meanwhile.
        std::thread::scope(|scope| {
            let persons = scope.spawn(move || list(Resource::Persons, persons));
            let dns = list(Resource::Dns, take(Resource::Dns))?;
            let places = list(Resource::Places, take(Resource::Places))?;
            let version = take(Resource::Version);
            let environments = take(Resource::GenesysEnvironments);
            let model = Model {
                version: parse_version(version.as_ref().map(Borrow::borrow))?,
                genesys_environments: parse_genesys_environments(
                    environments.as_ref().map(Borrow::borrow),
                )?,
                settings: list(Resource::Settings, take(Resource::Settings))?,
                tenants: list(Resource::Tenants, take(Resource::Tenants))?,
                applications: list(Resource::Applications, take(Resource::Applications))?,
                switches: list(Resource::Switches, take(Resource::Switches))?,
                dns,
                places,
                agent_logins: list(Resource::AgentLogins, take(Resource::AgentLogins))?,
                agent_groups: list(Resource::AgentGroups, take(Resource::AgentGroups))?,
                persons: Ok(Vec::new()),
            };
            let persons = persons
                .join()
                .map_err(|_| anyhow!("internal error while reading persons"))??;
            Ok(Model { persons, ..model })
        })
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

/// The status part of every GWS body.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Status {
    #[serde(deserialize_with = "lenient::text")]
    status_code: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    status_message: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    gwsx_error: Option<String>,
}

/// Why a stored body is not usable, before looking at its envelope key; `Ok` when it is.
fn check_status(resource: Resource, response: Option<&Response>) -> Result<Avail<&Response>> {
    let unavailable = |reason: String| Ok(Err(Unavailable { resource, reason }));
    let Some(response) = response else {
        return unavailable("not in the snapshot".into());
    };
    let text = response.body.get();
    if !text.trim_start().starts_with('{') {
        return Err(anyhow!(
            "{}: the body of {} is not a JSON object",
            response.locate(1, 1),
            resource.path()
        ));
    }
    let status: Status = serde_json::from_str(text).map_err(|e| body_error(response, &e))?;
    match status.unavailable(resource) {
        Some(u) => Ok(Err(u)),
        None => Ok(Ok(response)),
    }
}

impl Status {
    /// Why a body with this status is unusable; `None` when it is usable.
    fn unavailable(self, resource: Resource) -> Option<Unavailable> {
        let reason = if let Some(err) = self.gwsx_error {
            format!("request failed: {err}")
        } else {
            let code = self.status_code?;
            match lenient::parse_int(&code) {
                Some(0) => return None,
                Some(n) => describe_status(n, self.status_message.as_deref()),
                None => format!("statusCode {code:?} is not a number"),
            }
        };
        Some(Unavailable { resource, reason })
    }
}

/// A GWS statusCode in words (research/gws-api.md §2.1): `statusCode 5: the account lacks
/// permission (Forbidden)`. The one table live mode and the reader share.
pub fn describe_status(code: i64, message: Option<&str>) -> String {
    let meaning = match code {
        20 => "authentication failed",
        3 | 5 => "the account lacks permission",
        6 => "not found",
        1 | 2 | 10 => "bad request",
        4 => "internal error in GWS or a back end",
        _ => "GWS error",
    };
    let message = match message.map(str::trim) {
        Some(m) if !m.is_empty() && !m.eq_ignore_ascii_case(meaning) => {
            let short: String = m
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(200)
                .collect();
            format!(" ({short})")
        }
        _ => String::new(),
    };
    format!("statusCode {code}: {meaning}{message}")
}

fn body_error(response: &Response, e: &serde_json::Error) -> anyhow::Error {
    let what = crate::snapshot::strip_json_position(&e.to_string());
    anyhow!(
        "{}: {what} (in the body of {})",
        response.locate(e.line(), e.column()),
        response.path
    )
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

fn parse_list<T: DeserializeOwned>(
    resource: Resource,
    response: Option<&Response>,
) -> Result<Avail<Vec<T>>> {
    let key = resource.envelope_keys().first().copied().unwrap_or("");
    // One pass reads the status and the list together (the list bodies are most of a
    // snapshot). Anything unusual — a parse error, a repeated status key — takes the two-pass
    // path below, which gives the exact verdict and message.
    if let Some(response) = response
        && response.body.get().trim_start().starts_with('{')
        && let Ok((status, items)) = one_pass::<T>(response, key)
    {
        return Ok(match status.unavailable(resource) {
            Some(u) => Err(u),
            None => items.ok_or_else(|| missing_key(resource)),
        });
    }
    two_passes(resource, response, key)
}

/// The status first, then the list: slower, and the judge of every unusual body.
fn two_passes<T: DeserializeOwned>(
    resource: Resource,
    response: Option<&Response>,
    key: &str,
) -> Result<Avail<Vec<T>>> {
    let response = match check_status(resource, response)? {
        Ok(r) => r,
        Err(u) => return Ok(Err(u)),
    };
    let body: Envelope<T> = Envelope::parse(response, key)?;
    Ok(body.items.ok_or_else(|| missing_key(resource)))
}

/// A status field read on its own, as `Status` reads it.
#[derive(Deserialize)]
struct StatusText(#[serde(deserialize_with = "lenient::text")] Option<String>);

/// The status fields and the list of `key` in one pass. `Err` for anything the two-pass path
/// must judge: invalid JSON, a bad list, a status key given twice.
fn one_pass<T: DeserializeOwned>(
    response: &Response,
    key: &str,
) -> Result<(Status, Option<Vec<T>>), serde_json::Error> {
    use serde::de::{Error, IgnoredAny, MapAccess, Visitor};
    struct V<'k, T>(&'k str, std::marker::PhantomData<T>);
    impl<'de, T: DeserializeOwned> Visitor<'de> for V<'_, T> {
        type Value = (Status, Option<Vec<T>>);
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a GWS response object")
        }
        fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
            let mut status = Status::default();
            let mut seen = [false; 3];
            let mut items: Option<Vec<T>> = None;
            while let Some(k) = map.next_key::<String>()? {
                let slot = match k.as_str() {
                    "statusCode" => Some((0, &mut status.status_code)),
                    "statusMessage" => Some((1, &mut status.status_message)),
                    "gwsxError" => Some((2, &mut status.gwsx_error)),
                    _ => None,
                };
                if let Some((i, field)) = slot {
                    if std::mem::replace(&mut seen[i], true) {
                        return Err(M::Error::custom("repeated status key"));
                    }
                    *field = map.next_value::<StatusText>()?.0;
                } else if k == self.0 && items.is_none() {
                    let list: Option<Vec<T>> = map.next_value()?;
                    items = Some(list.unwrap_or_default());
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok((status, items))
        }
    }
    let mut de = serde_json::Deserializer::from_str(response.body.get());
    let value = serde::Deserializer::deserialize_map(&mut de, V::<T>(key, Default::default()))?;
    de.end()?;
    Ok(value)
}

/// Reads one list-valued key of a body, ignoring the rest.
struct Envelope<T> {
    items: Option<Vec<T>>,
}

impl<T: DeserializeOwned> Envelope<T> {
    fn parse(response: &Response, key: &str) -> Result<Envelope<T>> {
        use serde::de::{IgnoredAny, MapAccess, Visitor};
        struct V<'k, T>(&'k str, std::marker::PhantomData<T>);
        impl<'de, T: DeserializeOwned> Visitor<'de> for V<'_, T> {
            type Value = Option<Vec<T>>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a GWS response object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut items: Option<Vec<T>> = None;
                while let Some(k) = map.next_key::<String>()? {
                    if k == self.0 && items.is_none() {
                        let list: Option<Vec<T>> = map.next_value()?;
                        items = Some(list.unwrap_or_default());
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(items)
            }
        }
        let mut de = serde_json::Deserializer::from_str(response.body.get());
        let items = serde::Deserializer::deserialize_map(&mut de, V::<T>(key, Default::default()))
            .map_err(|e| body_error(response, &e))?;
        Ok(Envelope { items })
    }
}

fn parse_version(response: Option<&Response>) -> Result<Avail<String>> {
    let response = match check_status(Resource::Version, response)? {
        Ok(r) => r,
        Err(u) => return Ok(Err(u)),
    };
    #[derive(Deserialize)]
    struct Body {
        #[serde(default, deserialize_with = "lenient::text")]
        version: Option<String>,
    }
    let body: Body =
        serde_json::from_str(response.body.get()).map_err(|e| body_error(response, &e))?;
    Ok(body.version.ok_or_else(|| missing_key(Resource::Version)))
}

/// Genesys environments under any of their envelope keys, a single environment object, or a
/// bare environment holding `voiceEnvironments` (SNAPSHOT.md §2).
fn parse_genesys_environments(
    response: Option<&Response>,
) -> Result<Avail<Vec<GenesysEnvironment>>> {
    let resource = Resource::GenesysEnvironments;
    let response = match check_status(resource, response)? {
        Ok(r) => r,
        Err(u) => return Ok(Err(u)),
    };
    #[derive(Deserialize, Default)]
    struct Body {
        #[serde(rename = "genesysEnvironments")]
        a: Option<serde_json::Value>,
        #[serde(rename = "genesys-environments")]
        b: Option<serde_json::Value>,
        #[serde(rename = "genesysEnvironment")]
        c: Option<serde_json::Value>,
        #[serde(rename = "genesys-environment")]
        d: Option<serde_json::Value>,
        #[serde(rename = "voiceEnvironments")]
        e: Option<serde_json::Value>,
    }
    let body: Body =
        serde_json::from_str(response.body.get()).map_err(|e| body_error(response, &e))?;
    let shape_error = |e: serde_json::Error| {
        anyhow!(
            "{}: {} (in the body of {})",
            response.locate(1, 1),
            crate::snapshot::strip_json_position(&e.to_string()),
            response.path
        )
    };
    let listed = body.a.or(body.b).or(body.c).or(body.d);
    match (listed, body.e) {
        (Some(serde_json::Value::Null), _) => Ok(Ok(Vec::new())),
        (Some(value @ serde_json::Value::Array(_)), _) => {
            serde_json::from_value(value).map(Ok).map_err(shape_error)
        }
        (Some(value @ serde_json::Value::Object(_)), _) => serde_json::from_value(value)
            .map(|env| Ok(vec![env]))
            .map_err(shape_error),
        (Some(other), _) => Err(anyhow!(
            "{}: the Genesys environments must be a list or an object, not {} (in the body of {})",
            response.locate(1, 1),
            json_kind(&other),
            response.path
        )),
        (None, Some(_)) => {
            let env: GenesysEnvironment =
                serde_json::from_str(response.body.get()).map_err(|e| body_error(response, &e))?;
            Ok(Ok(vec![env]))
        }
        (None, None) => Ok(Err(missing_key(resource))),
    }
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a bool",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::value::RawValue;

    /// The one-pass reader gives the same verdict and message as the two-pass one, whatever
    /// order the status and the list come in, and when either is odd.
    #[test]
    fn one_pass_agrees_with_two_passes() {
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
        ];
        for body in bodies {
            let raw = RawValue::from_string(body.to_string()).expect("valid JSON");
            let response = Response::new(Resource::Dns.path(), raw);
            let fast = parse_list::<Dn>(Resource::Dns, Some(&response));
            let slow = two_passes::<Dn>(Resource::Dns, Some(&response), "dns");
            let show = |r: &Result<Avail<Vec<Dn>>>| match r {
                Ok(Ok(items)) => {
                    format!("ok {:?}", items.iter().map(|d| d.dbid).collect::<Vec<_>>())
                }
                Ok(Err(u)) => format!("unavailable {}", u.reason),
                Err(e) => format!("error {e}"),
            };
            assert_eq!(show(&fast), show(&slow), "{body}");
        }
    }
}
