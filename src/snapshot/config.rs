//! `gwsConfig`: facts about the GWS server the REST API does not expose (SNAPSHOT.md §1).

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Deserializer, Serialize};
use std::path::Path;
use yaml_rust2::{Yaml, YamlLoader};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SoftphoneMode {
    Connector,
    Standalone,
}

impl SoftphoneMode {
    pub fn as_str(self) -> &'static str {
        match self {
            SoftphoneMode::Connector => "connector",
            SoftphoneMode::Standalone => "standalone",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GwsConfig {
    #[serde(
        rename = "useEmployeeIdAsAgentLoginForSIPCluster",
        default,
        deserialize_with = "lenient_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub use_employee_id_login: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser_protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_application: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient_mode",
        skip_serializing_if = "Option::is_none"
    )]
    pub softphone_mode: Option<SoftphoneMode>,
}

impl GwsConfig {
    /// Lays `over` on top of `self`: every value `over` sets wins.
    pub fn overlay(&mut self, over: &GwsConfig) {
        if over.use_employee_id_login.is_some() {
            self.use_employee_id_login = over.use_employee_id_login;
        }
        if over.browser_protocol.is_some() {
            self.browser_protocol.clone_from(&over.browser_protocol);
        }
        if over.cluster_application.is_some() {
            self.cluster_application
                .clone_from(&over.cluster_application);
        }
        if over.softphone_mode.is_some() {
            self.softphone_mode = over.softphone_mode;
        }
    }

    /// The cluster application's name (absent = `CloudCluster`).
    pub fn cluster_application(&self) -> &str {
        self.cluster_application
            .as_deref()
            .unwrap_or("CloudCluster")
    }

    pub fn use_employee_id(&self) -> bool {
        self.use_employee_id_login == Some(true)
    }
}

/// Parses `true` / `false` in any case, trimmed.
pub fn parse_bool_text(text: &str) -> Option<bool> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("true") {
        Some(true)
    } else if t.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    use serde::de::Error;
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::Bool(b) => Ok(Some(b)),
        serde_json::Value::String(s) => parse_bool_text(&s).map(Some).ok_or_else(|| {
            D::Error::custom(format!(
                "useEmployeeIdAsAgentLoginForSIPCluster must be true or false, not {s:?}"
            ))
        }),
        other => Err(D::Error::custom(format!(
            "useEmployeeIdAsAgentLoginForSIPCluster must be true or false, not {other}"
        ))),
    }
}

fn lenient_mode<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SoftphoneMode>, D::Error> {
    use serde::de::Error;
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(s) => match s.trim().to_ascii_lowercase().as_str() {
            "connector" => Ok(Some(SoftphoneMode::Connector)),
            "standalone" => Ok(Some(SoftphoneMode::Standalone)),
            _ => Err(D::Error::custom(format!(
                "softphoneMode must be connector or standalone, not {s:?}"
            ))),
        },
    }
}

/// Reads `useEmployeeIdAsAgentLoginForSIPCluster` and the browser protocol (the scheme of
/// `externalApiUrlV2`) from a GWS `application.yaml`: the first key of each name anywhere in
/// the document, in document order.
pub fn read_gws_config_yaml(path: &Path) -> Result<GwsConfig> {
    let label = path.display();
    let bytes = super::read::read_file_bytes(path)?;
    let text = String::from_utf8(bytes).with_context(|| format!("{label}: not valid UTF-8"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let docs = YamlLoader::load_from_str(text).map_err(|e| {
        let m = e.marker();
        anyhow::anyhow!(
            "{label}:{}:{}: YAML does not parse: {}",
            m.line(),
            m.col() + 1,
            e.info()
        )
    })?;
    let mut config = GwsConfig::default();
    let Some(doc) = docs.first() else {
        return Ok(config);
    };
    if let Some(value) = find_key(doc, "useEmployeeIdAsAgentLoginForSIPCluster") {
        let parsed = match value {
            Yaml::Boolean(b) => Some(*b),
            Yaml::String(s) => parse_bool_text(s),
            _ => None,
        };
        match parsed {
            Some(b) => config.use_employee_id_login = Some(b),
            None => bail!(
                "{label}: useEmployeeIdAsAgentLoginForSIPCluster must be true or false, not {}",
                yaml_text(value)
            ),
        }
    }
    if let Some(value) = find_key(doc, "externalApiUrlV2") {
        let url = yaml_text(value);
        if let Some((scheme, _)) = url.split_once("://") {
            let scheme = scheme.trim().to_ascii_lowercase();
            if scheme == "http" || scheme == "https" {
                config.browser_protocol = Some(scheme);
            }
        }
    }
    Ok(config)
}

/// The value of the first mapping key `name` at any depth, in document order.
fn find_key<'a>(node: &'a Yaml, name: &str) -> Option<&'a Yaml> {
    match node {
        Yaml::Hash(map) => {
            for (key, value) in map {
                if key.as_str() == Some(name) {
                    return Some(value);
                }
                if let Some(found) = find_key(value, name) {
                    return Some(found);
                }
            }
            None
        }
        Yaml::Array(items) => items.iter().find_map(|item| find_key(item, name)),
        _ => None,
    }
}

fn yaml_text(value: &Yaml) -> String {
    match value {
        Yaml::String(s) | Yaml::Real(s) => s.clone(),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        Yaml::Null => "null".into(),
        _ => "a collection".into(),
    }
}
