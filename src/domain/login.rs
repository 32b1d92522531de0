//! The computed agent login ID (RULES.md §2).

use super::inventory::Inventory;
use super::{Fact, Route};
use crate::model::Person;
use crate::snapshot::Resource;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginSource {
    EmployeeId,
    AgentLogin,
    None,
    Unknown(Resource),
}

impl LoginSource {
    pub fn as_str(self) -> &'static str {
        match self {
            LoginSource::EmployeeId => "employee-id",
            LoginSource::AgentLogin => "agent-login",
            LoginSource::None => "none",
            LoginSource::Unknown(_) => "unknown",
        }
    }
}

/// The login ID StartContactCenterSession will use, where it comes from, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginId {
    pub value: Option<String>,
    pub source: LoginSource,
    /// One sentence for the detail pane.
    pub reason: String,
}

impl LoginId {
    fn none(reason: String) -> LoginId {
        LoginId {
            value: None,
            source: LoginSource::None,
            reason,
        }
    }
    fn unknown(resource: Resource, reason: String) -> LoginId {
        LoginId {
            value: None,
            source: LoginSource::Unknown(resource),
            reason,
        }
    }
}

impl Inventory {
    pub(crate) fn login_id(
        &self,
        person: &Person,
        voice_env: Option<usize>,
        route: Route,
    ) -> LoginId {
        if let Route::Unknown(r) = route {
            return LoginId::unknown(
                r,
                format!(
                    "the voice environment is unknown ({} unavailable)",
                    r.path()
                ),
            );
        }
        let ve = voice_env.and_then(|v| self.voice_environment(v));
        let cluster = ve.is_some_and(|v| v.cluster_mode);
        if cluster && self.config.use_employee_id() {
            let stored = person.employee_id();
            return match stored.map(str::trim).filter(|e| !e.is_empty()) {
                Some(e) => LoginId {
                    value: Some(e.to_string()),
                    source: LoginSource::EmployeeId,
                    reason: format!(
                        "cluster mode + useEmployeeIdAsAgentLoginForSIPCluster=true → employee ID {e} is used as AttributeAgentID in TAgentLogin"
                    ),
                },
                None => LoginId::none(
                    "cluster mode + useEmployeeIdAsAgentLoginForSIPCluster=true, but the person has no employee ID".into(),
                ),
            };
        }
        let why = if cluster {
            "cluster mode without useEmployeeIdAsAgentLoginForSIPCluster=true"
        } else if ve.is_some() {
            "not a cluster voice environment"
        } else {
            "no voice environment"
        };
        // Which switch the agent login must be on: V's switch, or any when V is none. An
        // unknown switch matters only once the agent has an existing agent login (§0: an
        // agent with no usable entry gets none whatever the switch is).
        let target = match voice_env {
            None => Fact::Known(None),
            Some(v) => match self.voice_env_switch_dbid(v) {
                Fact::Known(Some(s)) => Fact::Known(Some(s)),
                Fact::Known(None) => {
                    return LoginId::none(format!(
                        "{why}, and the voice environment has no switch"
                    ));
                }
                Fact::Unknown(r) => Fact::Unknown(r),
            },
        };
        let entries = &person.agent_info.agent_logins;
        if entries.is_empty() {
            return LoginId::none(format!("{why}, and the agent has no agent logins"));
        }
        if let Err(u) = &self.model.agent_logins {
            return LoginId::unknown(
                u.resource,
                format!(
                    "{why}; agent logins are unknown ({} unavailable)",
                    u.resource.path()
                ),
            );
        }
        let mut existing = entries
            .iter()
            .filter_map(|e| e.agent_login_dbid.and_then(|d| self.agent_login(d)));
        if existing.clone().next().is_none() {
            return LoginId::none(format!(
                "{why}, and none of the agent's agent logins exists"
            ));
        }
        let target = match target {
            Fact::Known(t) => t,
            Fact::Unknown(r) => {
                return LoginId::unknown(
                    r,
                    format!(
                        "{why}; the voice environment's switch is unknown ({} unavailable)",
                        r.path()
                    ),
                );
            }
        };
        let found = existing.find(|login| target.is_none() || login.switch_dbid == target);
        match found {
            Some(login) => match login.login_code.as_deref().filter(|c| !c.is_empty()) {
                Some(code) => LoginId {
                    value: Some(code.to_string()),
                    source: LoginSource::AgentLogin,
                    reason: match target {
                        Some(s) => format!("{why} → agent login {code} on switch {s} is used"),
                        None => format!("{why} → the first agent login, {code}, is used"),
                    },
                },
                None => LoginId::none(format!(
                    "{why}, and the agent login on the switch has an empty loginCode"
                )),
            },
            None => LoginId::none(match target {
                Some(s) => format!("{why}, and none of the agent's agent logins is on switch {s}"),
                None => format!("{why}, and none of the agent's agent logins exists"),
            }),
        }
    }
}
