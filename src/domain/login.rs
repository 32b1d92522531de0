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
    /// Why, as data: the sentence is written only when shown (`LoginId::reason`), which
    /// keeps 50,000 sentences out of memory.
    pub why: LoginReason,
}

/// Why an agent is not on the employee-ID path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotEmployeeId {
    ClusterWithoutOption,
    NotCluster,
    NoVoiceEnv,
}

impl NotEmployeeId {
    fn as_str(self) -> &'static str {
        match self {
            NotEmployeeId::ClusterWithoutOption => {
                "cluster mode without useEmployeeIdAsAgentLoginForSIPCluster=true"
            }
            NotEmployeeId::NotCluster => "not a cluster voice environment",
            NotEmployeeId::NoVoiceEnv => "no voice environment",
        }
    }
}

/// Each way RULES.md §2 ends, with what its sentence names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginReason {
    VoiceEnvUnknown(Resource),
    EmployeeIdUsed,
    NoEmployeeId,
    NoSwitch(NotEmployeeId),
    NoAgentLogins(NotEmployeeId),
    AgentLoginsUnknown(NotEmployeeId, Resource),
    NoAgentLoginExists(NotEmployeeId),
    SwitchUnknown(NotEmployeeId, Resource),
    /// The agent login on this switch (or the first, when `None`) is used.
    AgentLoginUsed(NotEmployeeId, Option<i64>),
    EmptyLoginCode(NotEmployeeId),
    NoneOnSwitch(NotEmployeeId, i64),
}

impl LoginId {
    fn none(why: LoginReason) -> LoginId {
        LoginId {
            value: None,
            source: LoginSource::None,
            why,
        }
    }

    fn unknown(resource: Resource, why: LoginReason) -> LoginId {
        LoginId {
            value: None,
            source: LoginSource::Unknown(resource),
            why,
        }
    }

    /// One sentence for the detail pane.
    pub fn reason(&self) -> String {
        let value = self.value.as_deref().unwrap_or("");
        match self.why {
            LoginReason::VoiceEnvUnknown(r) => {
                format!("the voice environment is unknown ({} unavailable)", r.path())
            }
            LoginReason::EmployeeIdUsed => format!(
                "cluster mode + useEmployeeIdAsAgentLoginForSIPCluster=true → employee ID {value} is used as AttributeAgentID in TAgentLogin"
            ),
            LoginReason::NoEmployeeId => "cluster mode + useEmployeeIdAsAgentLoginForSIPCluster=true, but the person has no employee ID".into(),
            LoginReason::NoSwitch(why) => {
                format!("{}, and the voice environment has no switch", why.as_str())
            }
            LoginReason::NoAgentLogins(why) => {
                format!("{}, and the agent has no agent logins", why.as_str())
            }
            LoginReason::AgentLoginsUnknown(why, r) => format!(
                "{}; agent logins are unknown ({} unavailable)",
                why.as_str(),
                r.path()
            ),
            LoginReason::NoAgentLoginExists(why) => {
                format!("{}, and none of the agent's agent logins exists", why.as_str())
            }
            LoginReason::SwitchUnknown(why, r) => format!(
                "{}; the voice environment's switch is unknown ({} unavailable)",
                why.as_str(),
                r.path()
            ),
            LoginReason::AgentLoginUsed(why, Some(s)) => {
                format!("{} → agent login {value} on switch {s} is used", why.as_str())
            }
            LoginReason::AgentLoginUsed(why, None) => {
                format!("{} → the first agent login, {value}, is used", why.as_str())
            }
            LoginReason::EmptyLoginCode(why) => format!(
                "{}, and the agent login on the switch has an empty loginCode",
                why.as_str()
            ),
            LoginReason::NoneOnSwitch(why, s) => format!(
                "{}, and none of the agent's agent logins is on switch {s}",
                why.as_str()
            ),
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
            return LoginId::unknown(r, LoginReason::VoiceEnvUnknown(r));
        }
        let ve = voice_env.and_then(|v| self.voice_environment(v));
        let cluster = ve.is_some_and(|v| v.cluster_mode);
        if cluster && self.config.use_employee_id() {
            let stored = person.employee_id();
            return match stored.map(str::trim).filter(|e| !e.is_empty()) {
                Some(e) => LoginId {
                    value: Some(e.to_string()),
                    source: LoginSource::EmployeeId,
                    why: LoginReason::EmployeeIdUsed,
                },
                None => LoginId::none(LoginReason::NoEmployeeId),
            };
        }
        let why = if cluster {
            NotEmployeeId::ClusterWithoutOption
        } else if ve.is_some() {
            NotEmployeeId::NotCluster
        } else {
            NotEmployeeId::NoVoiceEnv
        };
        // Which switch the agent login must be on: V's switch, or any when V is none. An
        // unknown switch matters only once the agent has an existing agent login (§0: an
        // agent with no usable entry gets none whatever the switch is).
        let target = match voice_env {
            None => Fact::Known(None),
            Some(v) => match self.voice_env_switch_dbid(v) {
                Fact::Known(Some(s)) => Fact::Known(Some(s)),
                Fact::Known(None) => return LoginId::none(LoginReason::NoSwitch(why)),
                Fact::Unknown(r) => Fact::Unknown(r),
            },
        };
        let entries = &person.agent_info.agent_logins;
        if entries.is_empty() {
            return LoginId::none(LoginReason::NoAgentLogins(why));
        }
        if let Err(u) = &self.model.agent_logins {
            return LoginId::unknown(u.resource, LoginReason::AgentLoginsUnknown(why, u.resource));
        }
        let mut existing = entries
            .iter()
            .filter_map(|e| e.agent_login_dbid.and_then(|d| self.agent_login(d)));
        if existing.clone().next().is_none() {
            return LoginId::none(LoginReason::NoAgentLoginExists(why));
        }
        let target = match target {
            Fact::Known(t) => t,
            Fact::Unknown(r) => return LoginId::unknown(r, LoginReason::SwitchUnknown(why, r)),
        };
        let found = existing.find(|login| target.is_none() || login.switch_dbid == target);
        match found {
            Some(login) => match login.login_code.as_deref().filter(|c| !c.is_empty()) {
                Some(code) => LoginId {
                    value: Some(code.to_string()),
                    source: LoginSource::AgentLogin,
                    why: LoginReason::AgentLoginUsed(why, target),
                },
                None => LoginId::none(LoginReason::EmptyLoginCode(why)),
            },
            None => LoginId::none(match target {
                Some(s) => LoginReason::NoneOnSwitch(why, s),
                None => LoginReason::NoAgentLoginExists(why),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Every agent of the demo gets a sentence that names its login ID, or the unavailable
    /// resource when the ID is unknown; the demo reaches most of the ways §2 ends.
    #[test]
    fn reasons_name_the_value_or_the_unavailable_resource() {
        let snapshot = crate::snapshot::demo().expect("demo loads");
        let inv = Inventory::from_snapshot(&snapshot, &Default::default()).expect("inventory");
        let mut kinds = HashSet::new();
        for agent in &inv.agents {
            let login = &agent.login;
            let text = login.reason();
            assert!(text.len() > 20, "{text}");
            if let Some(v) = &login.value {
                assert!(text.contains(v.as_str()), "{text} names {v}");
            }
            if let LoginSource::Unknown(r) = login.source {
                assert!(text.contains(r.path()), "{text} names {}", r.path());
            }
            kinds.insert(std::mem::discriminant(&login.why));
        }
        assert!(kinds.len() >= 3, "only {} kinds of reason", kinds.len());
        // The demo has every resource; the unknown ends name theirs.
        let why = NotEmployeeId::NotCluster;
        for (resource, reason) in [
            (
                Resource::Persons,
                LoginReason::VoiceEnvUnknown(Resource::Persons),
            ),
            (
                Resource::AgentLogins,
                LoginReason::AgentLoginsUnknown(why, Resource::AgentLogins),
            ),
            (
                Resource::Switches,
                LoginReason::SwitchUnknown(why, Resource::Switches),
            ),
        ] {
            let text = LoginId::unknown(resource, reason).reason();
            assert!(text.contains(resource.path()), "{text}");
        }
    }
}
