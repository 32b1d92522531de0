//! Agent → voice environment (RULES.md §1).

use super::Fact;
use super::inventory::Inventory;
use crate::model::{DnType, Person};
use crate::snapshot::Resource;

/// How an agent's voice environment was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    ExtensionDn,
    AgentLogin,
    OnlyVoiceEnvironment,
    None,
    /// Deciding needed this unavailable resource.
    Unknown(Resource),
}

impl Route {
    pub fn as_str(self) -> &'static str {
        match self {
            Route::ExtensionDn => "extension-dn",
            Route::AgentLogin => "agent-login",
            Route::OnlyVoiceEnvironment => "only-voice-environment",
            Route::None => "none",
            Route::Unknown(_) => "unknown",
        }
    }
}

/// One route's outcome: found, failed (try the next), or undecidable.
enum Step {
    Found(usize),
    Failed,
    Undecidable(Resource),
}

impl Inventory {
    /// The agent's voice environment (index into `voice_envs`) and the route that found it.
    pub(crate) fn route_agent(&self, person: &Person) -> (Option<usize>, Route) {
        if let Err(u) = &self.model.genesys_environments {
            return (None, Route::Unknown(u.resource));
        }
        let steps: [(Route, &dyn Fn() -> Step); 2] = [
            (Route::ExtensionDn, &|| self.route_extension_dn(person)),
            (Route::AgentLogin, &|| self.route_agent_login(person)),
        ];
        for (route, step) in steps {
            match step() {
                Step::Found(ve) => return (Some(ve), route),
                Step::Undecidable(r) => return (None, Route::Unknown(r)),
                Step::Failed => {}
            }
        }
        if self.voice_envs.len() == 1 {
            return (Some(0), Route::OnlyVoiceEnvironment);
        }
        (None, Route::None)
    }

    fn serves_step(&self, switch_dbid: Option<i64>) -> Option<Step> {
        match self.served_by(switch_dbid?) {
            Fact::Known(Some(ve)) => Some(Step::Found(ve)),
            Fact::Known(None) => None,
            Fact::Unknown(r) => Some(Step::Undecidable(r)),
        }
    }

    fn route_extension_dn(&self, person: &Person) -> Step {
        let Some(place_dbid) = default_place(person) else {
            return Step::Failed;
        };
        if let Err(u) = &self.model.places {
            return Step::Undecidable(u.resource);
        }
        if let Err(u) = &self.model.dns {
            return Step::Undecidable(u.resource);
        }
        let Some(place) = self.place(place_dbid) else {
            return Step::Failed;
        };
        for dn in place.dn_dbids.iter().filter_map(|&d| self.dn(d)) {
            if dn.kind() != Some(DnType::Extension) {
                continue;
            }
            if let Some(step) = self.serves_step(dn.switch_dbid) {
                return step;
            }
        }
        Step::Failed
    }

    fn route_agent_login(&self, person: &Person) -> Step {
        let entries = &person.agent_info.agent_logins;
        if entries.is_empty() {
            return Step::Failed;
        }
        if let Err(u) = &self.model.agent_logins {
            return Step::Undecidable(u.resource);
        }
        for login in entries
            .iter()
            .filter_map(|e| e.agent_login_dbid.and_then(|d| self.agent_login(d)))
        {
            if let Some(step) = self.serves_step(login.switch_dbid) {
                return step;
            }
        }
        Step::Failed
    }
}

/// The agent's default place DBID: absent or 0 means none.
pub(crate) fn default_place(person: &Person) -> Option<i64> {
    person.agent_info.place_dbid.filter(|&d| d != 0)
}
