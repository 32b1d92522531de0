//! Typed, lenient views of the GWS response bodies (SNAPSHOT.md §3). Unknown fields are
//! ignored here; the raw body stays in the snapshot for the raw view.

use super::lenient::{self, Annex};
use serde::Deserialize;

/// The `primary*` / `backup*` / `connectionProtocol` fields shared by voice environments and
/// T-Server connections.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Servers {
    #[serde(deserialize_with = "lenient::text")]
    pub primary_server_name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub primary_address: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub primary_port: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub primary_sip_port: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub primary_dbid: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub backup_server_name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub backup_address: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub backup_port: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub backup_sip_port: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub backup_dbid: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub connection_protocol: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TServerConnection {
    #[serde(deserialize_with = "lenient::text")]
    pub id: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub genesys_environment_id: Option<String>,
    #[serde(flatten)]
    pub servers: Servers,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VoiceEnvironment {
    #[serde(deserialize_with = "lenient::text")]
    pub id: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::cluster_flag")]
    pub cluster_mode: bool,
    #[serde(flatten)]
    pub servers: Servers,
    #[serde(deserialize_with = "lenient::list")]
    pub tserver_connections: Vec<TServerConnection>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GenesysEnvironment {
    #[serde(deserialize_with = "lenient::text")]
    pub id: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::list")]
    pub voice_environments: Vec<VoiceEnvironment>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Setting {
    #[serde(deserialize_with = "lenient::text")]
    pub name: Option<String>,
    pub value: Option<lenient::OptionValue>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Tenant {
    #[serde(rename = "DBID", deserialize_with = "lenient::int")]
    pub dbid: Option<i64>,
    #[serde(deserialize_with = "lenient::text")]
    pub name: Option<String>,
    pub user_properties: Annex,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AppConnection {
    #[serde(rename = "appServerDBID", deserialize_with = "lenient::int")]
    pub app_server_dbid: Option<i64>,
    #[serde(deserialize_with = "lenient::text")]
    pub conn_protocol: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub app_params: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Application {
    #[serde(rename = "DBID", deserialize_with = "lenient::int")]
    pub dbid: Option<i64>,
    #[serde(deserialize_with = "lenient::text")]
    pub name: Option<String>,
    #[serde(rename = "type", deserialize_with = "lenient::text")]
    pub app_type: Option<String>,
    pub options: Annex,
    pub user_properties: Annex,
    #[serde(rename = "appServerDBIDs", deserialize_with = "lenient::list")]
    pub connections: Vec<AppConnection>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Switch {
    #[serde(rename = "DBID", deserialize_with = "lenient::int")]
    pub dbid: Option<i64>,
    #[serde(deserialize_with = "lenient::text")]
    pub name: Option<String>,
    #[serde(rename = "tenantDBID", deserialize_with = "lenient::int")]
    pub tenant_dbid: Option<i64>,
    #[serde(rename = "TServerDBID", deserialize_with = "lenient::int")]
    pub tserver_dbid: Option<i64>,
}

/// The DN types the rules read (SNAPSHOT.md §3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DnType {
    Extension,
    AcdQueue,
    VoipService,
    Other(String),
}

impl DnType {
    pub fn parse(raw: &str) -> DnType {
        let t = raw.trim();
        let name = t
            .get(..3)
            .filter(|p| p.eq_ignore_ascii_case("cfg"))
            .map_or(t, |_| &t[3..]);
        if t == "1" || name.eq_ignore_ascii_case("Extension") {
            DnType::Extension
        } else if t == "3" || name.eq_ignore_ascii_case("ACDQueue") {
            DnType::AcdQueue
        } else if t == "29" || name.eq_ignore_ascii_case("VoIPService") {
            DnType::VoipService
        } else {
            DnType::Other(t.to_string())
        }
    }

    pub fn label(&self) -> &str {
        match self {
            DnType::Extension => "Extension",
            DnType::AcdQueue => "ACD Queue",
            DnType::VoipService => "VoIP Service",
            DnType::Other(t) => t,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Dn {
    #[serde(rename = "DBID", deserialize_with = "lenient::int")]
    pub dbid: Option<i64>,
    #[serde(deserialize_with = "lenient::text")]
    pub number: Option<String>,
    #[serde(rename = "switchDBID", deserialize_with = "lenient::int")]
    pub switch_dbid: Option<i64>,
    #[serde(rename = "tenantDBID", deserialize_with = "lenient::int")]
    pub tenant_dbid: Option<i64>,
    #[serde(rename = "type", deserialize_with = "lenient::text")]
    pub dn_type: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub name: Option<String>,
    pub user_properties: Annex,
}

impl Dn {
    pub fn kind(&self) -> Option<DnType> {
        self.dn_type.as_deref().map(DnType::parse)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Place {
    #[serde(rename = "DBID", deserialize_with = "lenient::int")]
    pub dbid: Option<i64>,
    #[serde(deserialize_with = "lenient::text")]
    pub name: Option<String>,
    #[serde(rename = "tenantDBID", deserialize_with = "lenient::int")]
    pub tenant_dbid: Option<i64>,
    #[serde(rename = "DNDBIDs", deserialize_with = "lenient::int_list")]
    pub dn_dbids: Vec<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AgentLogin {
    #[serde(rename = "DBID", deserialize_with = "lenient::int")]
    pub dbid: Option<i64>,
    #[serde(rename = "switchDBID", deserialize_with = "lenient::int")]
    pub switch_dbid: Option<i64>,
    #[serde(rename = "loginCode", deserialize_with = "lenient::text")]
    pub login_code: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GroupInfo {
    #[serde(rename = "DBID", deserialize_with = "lenient::int")]
    pub dbid: Option<i64>,
    #[serde(deserialize_with = "lenient::text")]
    pub name: Option<String>,
    #[serde(rename = "tenantDBID", deserialize_with = "lenient::int")]
    pub tenant_dbid: Option<i64>,
    pub user_properties: Annex,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AgentGroup {
    #[serde(deserialize_with = "null_default")]
    pub group_info: GroupInfo,
    #[serde(rename = "agentDBIDs", deserialize_with = "lenient::int_list")]
    pub agent_dbids: Vec<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AgentLoginRef {
    #[serde(rename = "agentLoginDBID", deserialize_with = "lenient::int")]
    pub agent_login_dbid: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AgentInfo {
    #[serde(rename = "placeDBID", deserialize_with = "lenient::int")]
    pub place_dbid: Option<i64>,
    #[serde(deserialize_with = "lenient::list")]
    pub agent_logins: Vec<AgentLoginRef>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Person {
    #[serde(rename = "DBID", deserialize_with = "lenient::int")]
    pub dbid: Option<i64>,
    #[serde(rename = "tenantDBID", deserialize_with = "lenient::int")]
    pub tenant_dbid: Option<i64>,
    #[serde(deserialize_with = "lenient::text")]
    pub user_name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub first_name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub last_name: Option<String>,
    #[serde(rename = "employeeID", deserialize_with = "lenient::text")]
    pub employee_id_upper: Option<String>,
    #[serde(rename = "employeeId", deserialize_with = "lenient::text")]
    pub employee_id_camel: Option<String>,
    #[serde(deserialize_with = "lenient::flag")]
    pub is_agent: Option<bool>,
    #[serde(deserialize_with = "lenient::int")]
    pub state: Option<i64>,
    #[serde(deserialize_with = "null_default")]
    pub agent_info: AgentInfo,
    pub user_properties: Annex,
}

impl Person {
    /// The stored employee ID: `employeeID`, else `employeeId`.
    pub fn employee_id(&self) -> Option<&str> {
        self.employee_id_upper
            .as_deref()
            .or(self.employee_id_camel.as_deref())
    }

    pub fn is_agent(&self) -> bool {
        self.is_agent == Some(true)
    }

    /// Object state `"2"` is disabled.
    pub fn is_disabled(&self) -> bool {
        self.state == Some(2)
    }
}

fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}
