//! Typed, lenient views of the GWS response bodies (SNAPSHOT.md §3). Unknown fields are
//! ignored here; the raw body stays in the snapshot for the raw view.

use super::lenient::{self, Annex};
use crate::packed::PackedTexts;
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
#[serde(default, rename_all = "camelCase")]
pub struct Setting {
    #[serde(deserialize_with = "lenient::text")]
    pub name: Option<String>,
    /// `Some(NotSet)` for a present `null`: the key is there, its value sets nothing.
    #[serde(deserialize_with = "present")]
    pub value: Option<lenient::OptionValue>,
    /// Fields of a settings *group* (`/settings`), which is not a WWE option.
    pub display_name: Option<serde::de::IgnoredAny>,
    pub key: Option<serde::de::IgnoredAny>,
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

/// A connection of an application, plain or under its type name `CfgConnInfo`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "AppConnectionWire")]
pub struct AppConnection {
    pub app_server_dbid: Option<i64>,
    pub conn_protocol: Option<String>,
    pub app_params: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct AppConnectionFields {
    #[serde(rename = "appServerDBID", deserialize_with = "lenient::int")]
    app_server_dbid: Option<i64>,
    #[serde(deserialize_with = "lenient::text")]
    conn_protocol: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    app_params: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct AppConnectionWire {
    #[serde(rename = "appServerDBID", deserialize_with = "lenient::int")]
    app_server_dbid: Option<i64>,
    #[serde(deserialize_with = "lenient::text")]
    conn_protocol: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    app_params: Option<String>,
    #[serde(rename = "CfgConnInfo", deserialize_with = "null_default")]
    wrapped: Option<AppConnectionFields>,
}

impl From<AppConnectionWire> for AppConnection {
    fn from(w: AppConnectionWire) -> Self {
        // The plain form wins field by field; the type-name form fills what it lacks.
        let inner = w.wrapped.unwrap_or_default();
        AppConnection {
            app_server_dbid: w.app_server_dbid.or(inner.app_server_dbid),
            conn_protocol: w.conn_protocol.or(inner.conn_protocol),
            app_params: w.app_params.or(inner.app_params),
        }
    }
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
    #[serde(rename = "type", deserialize_with = "lenient::shared_text")]
    pub dn_type: Option<std::sync::Arc<str>>,
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

/// An agent group: its `groupInfo`, or the same structure under its type name `CfgGroup`
/// (as GWS serialises access groups), and its members.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "AgentGroupWire")]
pub struct AgentGroup {
    pub group_info: GroupInfo,
    pub agent_dbids: Vec<i64>,
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct AgentGroupWire {
    #[serde(deserialize_with = "null_default")]
    group_info: Option<GroupInfo>,
    #[serde(rename = "CfgGroup", deserialize_with = "null_default")]
    cfg_group: Option<GroupInfo>,
    #[serde(rename = "agentDBIDs", deserialize_with = "lenient::int_list")]
    agent_dbids: Vec<i64>,
}

impl From<AgentGroupWire> for AgentGroup {
    fn from(w: AgentGroupWire) -> Self {
        AgentGroup {
            group_info: w.group_info.or(w.cfg_group).unwrap_or_default(),
            agent_dbids: w.agent_dbids,
        }
    }
}

/// An agent-login entry of Agent Info, plain or under its type name `CfgAgentLoginInfo`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "AgentLoginRefWire")]
pub struct AgentLoginRef {
    pub agent_login_dbid: Option<i64>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct AgentLoginRefFields {
    #[serde(rename = "agentLoginDBID", deserialize_with = "lenient::int")]
    agent_login_dbid: Option<i64>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct AgentLoginRefWire {
    #[serde(rename = "agentLoginDBID", deserialize_with = "lenient::int")]
    agent_login_dbid: Option<i64>,
    #[serde(rename = "CfgAgentLoginInfo", deserialize_with = "null_default")]
    wrapped: Option<AgentLoginRefFields>,
}

impl From<AgentLoginRefWire> for AgentLoginRef {
    fn from(w: AgentLoginRefWire) -> Self {
        AgentLoginRef {
            agent_login_dbid: w
                .agent_login_dbid
                .or(w.wrapped.and_then(|x| x.agent_login_dbid)),
        }
    }
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
#[serde(from = "PersonWire")]
pub struct Person {
    pub dbid: Option<i64>,
    pub tenant_dbid: Option<i64>,
    /// `userName`, `firstName`, `lastName`, `employeeID`, `employeeId` (`user_name()` …),
    /// in one allocation.
    names: PackedTexts<5>,
    pub is_agent: Option<bool>,
    pub state: Option<i64>,
    /// `agentInfo`, or the same structure under its type name `CfgAgentInfo`.
    pub agent_info: AgentInfo,
    pub user_properties: Annex,
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct PersonWire {
    #[serde(rename = "DBID", deserialize_with = "lenient::int")]
    dbid: Option<i64>,
    #[serde(rename = "tenantDBID", deserialize_with = "lenient::int")]
    tenant_dbid: Option<i64>,
    #[serde(deserialize_with = "lenient::text")]
    user_name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    first_name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    last_name: Option<String>,
    #[serde(rename = "employeeID", deserialize_with = "lenient::text")]
    employee_id_upper: Option<String>,
    #[serde(rename = "employeeId", deserialize_with = "lenient::text")]
    employee_id_camel: Option<String>,
    #[serde(deserialize_with = "lenient::flag")]
    is_agent: Option<bool>,
    #[serde(deserialize_with = "lenient::int")]
    state: Option<i64>,
    #[serde(deserialize_with = "null_default")]
    agent_info: Option<AgentInfo>,
    #[serde(rename = "CfgAgentInfo", deserialize_with = "null_default")]
    cfg_agent_info: Option<AgentInfo>,
    user_properties: Annex,
}

impl From<PersonWire> for Person {
    fn from(w: PersonWire) -> Self {
        Person {
            dbid: w.dbid,
            tenant_dbid: w.tenant_dbid,
            names: PackedTexts::new(
                [
                    &w.user_name,
                    &w.first_name,
                    &w.last_name,
                    &w.employee_id_upper,
                    &w.employee_id_camel,
                ]
                .map(|t| t.as_deref()),
            ),
            is_agent: w.is_agent,
            state: w.state,
            agent_info: w.agent_info.or(w.cfg_agent_info).unwrap_or_default(),
            user_properties: w.user_properties,
        }
    }
}

impl Person {
    pub fn user_name(&self) -> Option<&str> {
        self.names.get(0)
    }

    pub fn first_name(&self) -> Option<&str> {
        self.names.get(1)
    }

    pub fn last_name(&self) -> Option<&str> {
        self.names.get(2)
    }

    /// `employeeID` as stored.
    pub fn employee_id_upper(&self) -> Option<&str> {
        self.names.get(3)
    }

    /// `employeeId` as stored.
    pub fn employee_id_camel(&self) -> Option<&str> {
        self.names.get(4)
    }

    /// The stored employee ID: `employeeID`, else `employeeId`.
    pub fn employee_id(&self) -> Option<&str> {
        self.employee_id_upper().or(self.employee_id_camel())
    }

    /// First and last name, each when set, joined by a space (empty when neither is).
    pub fn full_name(&self) -> String {
        [self.first_name(), self.last_name()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn is_agent(&self) -> bool {
        self.is_agent == Some(true)
    }

    /// Object state `"2"` is disabled.
    pub fn is_disabled(&self) -> bool {
        self.state == Some(2)
    }
}

/// A present field, even `null`, is `Some` (through `T`'s own reading of `null`).
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// What makes a list item readable (SNAPSHOT.md §3): an object with a `DBID` (for agent groups,
/// in `groupInfo`/`CfgGroup`); Genesys environments need an `id`; a WWE setting a `name`, and
/// not the shape of a settings group.
pub trait Readable {
    /// `Err` says what the item lacks.
    fn readable(&self) -> Result<(), &'static str>;
}

fn has_dbid(dbid: Option<i64>) -> Result<(), &'static str> {
    dbid.map(|_| ()).ok_or("no DBID")
}

macro_rules! readable_by_dbid {
    ($($t:ty),*) => {$(
        impl Readable for $t {
            fn readable(&self) -> Result<(), &'static str> {
                has_dbid(self.dbid)
            }
        }
    )*};
}
readable_by_dbid!(Tenant, Application, Switch, Dn, Place, AgentLogin, Person);

impl Readable for AgentGroup {
    fn readable(&self) -> Result<(), &'static str> {
        self.group_info
            .dbid
            .map(|_| ())
            .ok_or("no DBID in groupInfo or CfgGroup")
    }
}

impl Readable for GenesysEnvironment {
    fn readable(&self) -> Result<(), &'static str> {
        self.id.as_ref().map(|_| ()).ok_or("no id")
    }
}

impl Readable for Setting {
    fn readable(&self) -> Result<(), &'static str> {
        if self.name.is_none() {
            return Err("no name");
        }
        if self.value.is_none() && (self.display_name.is_some() || self.key.is_some()) {
            return Err("a settings group {name, displayName, key}, not a WWE option");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_names_keep_absent_empty_and_set_apart() {
        let p: Person = serde_json::from_str(
            r#"{"DBID":"1","userName":"","lastName":"Łukasz ß","employeeID":"E1","employeeId":null}"#,
        )
        .expect("person");
        assert_eq!(p.user_name(), Some(""));
        assert_eq!(p.first_name(), None);
        assert_eq!(p.last_name(), Some("Łukasz ß"));
        assert_eq!(p.employee_id_upper(), Some("E1"));
        assert_eq!(p.employee_id_camel(), None);
        assert_eq!(p.full_name(), "Łukasz ß");
        let q: Person =
            serde_json::from_str(r#"{"userName":"u","firstName":"F","employeeId":7}"#).expect("q");
        assert_eq!(
            (q.user_name(), q.first_name(), q.employee_id()),
            (Some("u"), Some("F"), Some("7"))
        );
        assert_eq!(Person::default().user_name(), None);
    }
}
