//! The snapshot walk: which values of which bodies are replaced (CLI.md, `gwsx redact`).

use super::host::host;
use super::pseudonym::Tokens;
use crate::snapshot::Resource;
use anyhow::Result;
use serde_json::{Map, Value};

/// The WWE key whose value is a host, at every level that sets options.
const SIP_SERVER_ADDRESS: &str = "sipendpoint.sip-server-address";

pub struct Walk<'a> {
    pub tokens: &'a mut Tokens,
    pub keep_hosts: bool,
    /// The host of `source.baseUrl` (lower case) and its pseudonym, replaced in every string.
    pub base_host: Option<(String, String)>,
}

impl Walk<'_> {
    /// Redacts one stored body in place.
    pub fn body(&mut self, resource: Option<Resource>, body: &mut Value) -> Result<()> {
        match resource {
            Some(Resource::Persons) => self.list(body, "persons", Self::person)?,
            Some(Resource::Tenants) => self.list(body, "tenants", Self::tenant)?,
            _ => {}
        }
        if !self.keep_hosts {
            match resource {
                Some(Resource::Dns) => self.keyed_hosts(body, &|k| k == "external-contact")?,
                Some(Resource::GenesysEnvironments) => {
                    self.keyed_hosts(body, &|k| k.ends_with("Address"))?
                }
                _ => {}
            }
            self.sip_server_addresses(body)?;
        }
        if let Some((from, to)) = &self.base_host {
            replace_host_everywhere(body, from, to);
        }
        Ok(())
    }

    /// Applies `each` to every item of the body's list (any envelope key of the resource).
    fn list(
        &mut self,
        body: &mut Value,
        key: &str,
        each: fn(&mut Self, &mut Map<String, Value>) -> Result<()>,
    ) -> Result<()> {
        let Some(Value::Array(items)) = body.get_mut(key) else {
            return Ok(());
        };
        for item in items {
            match item {
                Value::Object(obj) => match type_name_key(obj) {
                    Some(k) => {
                        if let Some(Value::Object(inner)) = obj.get_mut(&k) {
                            each(self, inner)?
                        }
                    }
                    None => each(self, obj)?,
                },
                other => self.all_strings(other, "val", "item"),
            }
        }
        Ok(())
    }

    /// A person: every string but the fields the rules read.
    fn person(&mut self, p: &mut Map<String, Value>) -> Result<()> {
        for (key, value) in p.iter_mut() {
            match key.as_str() {
                "DBID" | "tenantDBID" | "isAgent" | "state" | "agentInfo" | "CfgAgentInfo" => {}
                "userProperties" => self.person_annex(value)?,
                "userName" | "firstName" | "lastName" | "employeeID" | "employeeId" => {
                    let prefix = match key.as_str() {
                        "userName" => "user",
                        "firstName" => "first",
                        "lastName" => "last",
                        _ => "emp",
                    };
                    // The rules read these as text, numbers and bools included.
                    let text = match value {
                        Value::String(s) => Some(s.clone()),
                        Value::Number(n) => Some(n.to_string()),
                        Value::Bool(b) => Some(b.to_string()),
                        _ => None,
                    };
                    match text {
                        Some(s) => *value = Value::String(self.tokens.text(prefix, key, &s)),
                        None => self.all_strings(value, prefix, key),
                    }
                }
                "emailAddress" => self.all_strings(value, "mail", key),
                "externalID" => self.all_strings(value, "ext", key),
                _ => self.all_strings(value, "val", key),
            }
        }
        Ok(())
    }

    /// A person's annex: `interaction-workspace` kept (its host aside), every other section's
    /// values replaced.
    fn person_annex(&mut self, annex: &mut Value) -> Result<()> {
        let Value::Object(sections) = annex else {
            self.all_strings(annex, "val", "userProperties");
            return Ok(());
        };
        for (section, values) in sections.iter_mut() {
            if section != "interaction-workspace" {
                self.all_strings(values, "val", section);
            }
        }
        Ok(())
    }

    /// A tenant: its name.
    fn tenant(&mut self, t: &mut Map<String, Value>) -> Result<()> {
        if let Some(Value::String(name)) = t.get_mut("name") {
            *name = self.tokens.text("tenant", "tenant name", name);
        }
        Ok(())
    }

    /// Every string leaf under `value` (keys kept).
    fn all_strings(&mut self, value: &mut Value, prefix: &str, field: &str) {
        match value {
            Value::String(s) => *s = self.tokens.text(prefix, field, s),
            Value::Array(items) => {
                for v in items {
                    self.all_strings(v, prefix, field);
                }
            }
            Value::Object(obj) => {
                for v in obj.values_mut() {
                    self.all_strings(v, prefix, field);
                }
            }
            _ => {}
        }
    }

    /// The string value of every key that `wanted` names, at any depth, as a host.
    fn keyed_hosts(&mut self, value: &mut Value, wanted: &dyn Fn(&str) -> bool) -> Result<()> {
        match value {
            Value::Array(items) => {
                for v in items {
                    self.keyed_hosts(v, wanted)?;
                }
            }
            Value::Object(obj) => {
                for (k, v) in obj.iter_mut() {
                    match v {
                        Value::String(s) if wanted(k) => *s = host(self.tokens, k, s)?,
                        _ => self.keyed_hosts(v, wanted)?,
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// `sipendpoint.sip-server-address` at every level: as a key of an options section, and
    /// as a `{name, value}` item of `/settings/interaction-workspace`.
    fn sip_server_addresses(&mut self, value: &mut Value) -> Result<()> {
        match value {
            Value::Array(items) => {
                for v in items {
                    self.sip_server_addresses(v)?;
                }
            }
            Value::Object(obj) => {
                let is_setting = obj
                    .get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n == SIP_SERVER_ADDRESS);
                for (k, v) in obj.iter_mut() {
                    match v {
                        Value::String(s) if k == SIP_SERVER_ADDRESS => {
                            *s = host(self.tokens, SIP_SERVER_ADDRESS, s)?
                        }
                        Value::String(s) if is_setting && k == "value" => {
                            *s = host(self.tokens, SIP_SERVER_ADDRESS, s)?
                        }
                        _ => self.sip_server_addresses(v)?,
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// The key of `{"CfgPerson": {…}}` (one member named by the type), when `obj` is so wrapped.
fn type_name_key(obj: &Map<String, Value>) -> Option<String> {
    match obj.iter().next() {
        Some((k, v)) if obj.len() == 1 && k.starts_with("Cfg") && v.is_object() => Some(k.clone()),
        _ => None,
    }
}

/// Replaces `from` (a lower-case host) by `to` in every string under `value`, matched
/// case-insensitively and only as a whole host (not inside a longer name).
pub fn replace_host_everywhere(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::String(s) => {
            if let Some(new) = replace_host(s, from, to) {
                *s = new;
            }
        }
        Value::Array(items) => {
            for v in items {
                replace_host_everywhere(v, from, to);
            }
        }
        Value::Object(obj) => {
            for v in obj.values_mut() {
                replace_host_everywhere(v, from, to);
            }
        }
        _ => {}
    }
}

/// `text` with each whole-host occurrence of `from` replaced, or `None` when there is none.
/// `from` is lower case; `text` is searched ASCII-case-insensitively, without a copy.
pub fn replace_host(text: &str, from: &str, to: &str) -> Option<String> {
    let (hay, needle) = (text.as_bytes(), from.as_bytes());
    let first = *needle.first()?;
    if hay.len() < needle.len() {
        return None;
    }
    let name_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    let mut out = String::new();
    let mut last = 0;
    let mut from_pos = 0;
    let candidates =
        memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), hay);
    for start in candidates {
        let end = start + needle.len();
        if start < from_pos || end > hay.len() || !hay[start..end].eq_ignore_ascii_case(needle) {
            continue;
        }
        let before_ok = start == 0 || {
            let b = hay[start - 1];
            !(name_byte(b) || b == b'.')
        };
        let after_ok = end >= hay.len() || {
            let b = hay[end];
            !(name_byte(b) || (b == b'.' && hay.get(end + 1).is_some_and(|&c| name_byte(c))))
        };
        if before_ok && after_ok {
            out.push_str(text.get(last..start)?);
            out.push_str(to);
            last = end;
            from_pos = end;
        }
    }
    if last == 0 {
        return None;
    }
    out.push_str(text.get(last..)?);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_host_whole_names_only() {
        let r = |t: &str| replace_host(t, "gws.corp.com", "h-x.example");
        assert_eq!(
            r("https://GWS.corp.com/api/v2/x").as_deref(),
            Some("https://h-x.example/api/v2/x")
        );
        assert_eq!(
            r("https://gws.corp.com:8443/a https://gws.corp.com.").as_deref(),
            Some("https://h-x.example:8443/a https://h-x.example.")
        );
        assert_eq!(r("https://gws.corp.com.au/"), None);
        assert_eq!(r("https://xgws.corp.com/"), None);
        assert_eq!(r("https://a.gws.corp.com/"), None);
        assert_eq!(r("nothing here"), None);
    }
}
