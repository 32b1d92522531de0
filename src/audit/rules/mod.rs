//! One small pure function per rule of RULES.md §4, each beside its metadata (`RuleInfo`),
//! split by family. Each runs only on facts that are known (RULES.md §0) and pushes its
//! findings; `audit::run` calls every rule of `catalogue::RULES`, so the catalogue and the run
//! cannot diverge.

mod agent;
mod snapshot;
mod softphone;
mod switch;
mod voice_env;

pub use agent::{GWS_201, GWS_202, GWS_203, GWS_204, GWS_205, GWS_206};
pub use snapshot::{GWS_501, GWS_502, GWS_503, GWS_504, GWS_505, GWS_506, GWS_507};
pub use softphone::{
    GWS_301, GWS_302, GWS_303, GWS_304, GWS_305, GWS_306, GWS_307, GWS_308, GWS_309, GWS_310,
    GWS_311,
};
pub use switch::{GWS_401, GWS_402, GWS_403, GWS_404, GWS_405};
pub use voice_env::{GWS_101, GWS_102, GWS_103, GWS_104};

use super::catalogue::{Check, RuleInfo};
use super::{Finding, Target, TargetKind};
use crate::domain::{Agent, AgentOptions, Fact, Inventory, OptionChains, OptionSource};
use crate::model::{Dn, DnType, Person};
use crate::snapshot::parse_bool_text;
use std::collections::{BTreeSet, HashMap};

/// What every rule may read: the inventory and the indexes built once per audit.
pub struct Ctx<'a> {
    pub inv: &'a Inventory,
    pub proxies: ProxyIndex,
    /// The switches of cluster voice environments.
    pub switches: Vec<i64>,
}

impl<'a> Ctx<'a> {
    pub fn new(inv: &'a Inventory) -> Ctx<'a> {
        Ctx {
            inv,
            proxies: ProxyIndex::build(inv),
            switches: cluster_switches(inv),
        }
    }
}

impl RuleInfo {
    /// A finding of this rule.
    pub fn finding(
        &self,
        target: impl Into<std::sync::Arc<Target>>,
        option: Option<&str>,
        message: impl Into<std::sync::Arc<str>>,
    ) -> Finding {
        Finding {
            rule: self.code,
            severity: self.severity,
            target: target.into(),
            option: option.map(Into::into),
            message: message.into(),
        }
    }
}

// ---------------------------------------------------------------- agents

/// What the agent rules read about one agent, computed once.
pub struct AgentFacts<'a> {
    inv: &'a Inventory,
    pub agent: &'a Agent,
    pub person: &'a Person,
    pub cluster: Fact<bool>,
    pub options: AgentOptions<'a>,
    /// Whether a key `options` lacks is unknown rather than unset; `None` when the options
    /// were not read (identity facts), so each key is then resolved when asked for.
    unset_unknown: Option<bool>,
    /// Made at the agent's first finding and shared by the others.
    target: std::sync::OnceLock<std::sync::Arc<Target>>,
}

impl<'a> AgentFacts<'a> {
    /// With the agent's effective options, merged over the chains the agents share.
    pub fn new(chains: &mut OptionChains<'a>, inv: &'a Inventory, agent: &'a Agent) -> Self {
        let (options, unset_unknown) = chains.options(agent);
        AgentFacts {
            options,
            unset_unknown: Some(unset_unknown),
            ..AgentFacts::identity(inv, agent)
        }
    }

    /// Identity and cluster membership only, without options (what GWS-202 compares).
    pub fn identity(inv: &'a Inventory, agent: &'a Agent) -> Self {
        AgentFacts {
            inv,
            agent,
            person: inv.agent_person(agent),
            cluster: inv.is_cluster_agent(agent),
            options: AgentOptions::default(),
            unset_unknown: None,
            target: std::sync::OnceLock::new(),
        }
    }

    fn target(&self) -> std::sync::Arc<Target> {
        self.target
            .get_or_init(|| {
                std::sync::Arc::new(Target {
                    kind: TargetKind::Agent,
                    id: self.agent.id.as_str().into(),
                    name: self.person.user_name().unwrap_or_default().into(),
                })
            })
            .clone()
    }

    fn is_cluster(&self) -> bool {
        self.cluster == Fact::Known(true)
    }

    /// The effective option of `key`: `None` when not set, `Some(None)` when unknown. A key
    /// no available level sets is still unknown when an unavailable level could set it
    /// (RULES.md §3).
    fn option(&self, key: &str) -> Option<Option<&'a str>> {
        let Some(e) = self.options.get(key) else {
            let unknown = match self.unset_unknown {
                Some(unknown) => unknown,
                None => matches!(
                    self.inv.effective_option(self.agent, key).source,
                    OptionSource::Unknown(_)
                ),
            };
            return unknown.then_some(None);
        };
        Some(match e.source {
            OptionSource::Unknown(_) => None,
            _ => e.value,
        })
    }

    /// The known value of `key`, `""` when not set; `None` when unknown.
    fn known_value(&self, key: &str) -> Option<&'a str> {
        match self.option(key) {
            None => Some(""),
            Some(v) => v,
        }
    }

    fn is_true(&self, key: &str) -> Option<bool> {
        self.known_value(key)
            .map(|v| parse_bool_text(v) == Some(true))
    }

    fn employee_id(&self) -> Option<&'a str> {
        self.person
            .employee_id()
            .map(str::trim)
            .filter(|e| !e.is_empty())
    }
}

// ---------------------------------------------------------------- switches and DNs

/// VoIP Service DNs by switch, read once.
#[derive(Default)]
pub struct ProxyIndex {
    /// Switch DBID → non-empty external-contact values of its SIP Outbound Proxy DNs.
    pub outbound: HashMap<i64, Vec<String>>,
    /// Switch DBIDs holding a sip-cluster-nodes VoIP Service DN.
    pub cluster_nodes: BTreeSet<i64>,
}

fn service_type(dn: &Dn) -> Option<&str> {
    dn.user_properties.section("TServer")?.value("service-type")
}

/// The external-contact of a SIP Outbound Proxy DN (GWS-401's kind).
fn outbound_proxy_contact(dn: &Dn) -> Option<&str> {
    if dn.kind() != Some(DnType::VoipService) || service_type(dn) != Some("sip-outbound-proxy") {
        return None;
    }
    dn.user_properties
        .section("TServer")?
        .value("external-contact")
        .filter(|c| !c.trim().is_empty())
}

impl ProxyIndex {
    pub fn build(inv: &Inventory) -> ProxyIndex {
        let mut index = ProxyIndex::default();
        for dn in inv.dns() {
            let Some(switch) = dn.switch_dbid else {
                continue;
            };
            if let Some(contact) = outbound_proxy_contact(dn) {
                index
                    .outbound
                    .entry(switch)
                    .or_default()
                    .push(contact.to_string());
            }
            if dn.kind() == Some(DnType::VoipService)
                && service_type(dn) == Some("sip-cluster-nodes")
            {
                index.cluster_nodes.insert(switch);
            }
        }
        index
    }
}

/// The switches of cluster voice environments, each once, in voice environment order.
pub fn cluster_switches(inv: &Inventory) -> Vec<i64> {
    let mut seen = Vec::new();
    for (i, v) in inv.voice_envs.iter().enumerate() {
        if !inv.voice_environment(i).is_some_and(|ve| ve.cluster_mode) {
            continue;
        }
        if let Fact::Known(Some(s)) = v.switch
            && let Some(dbid) = inv.switches()[s].dbid
            && !seen.contains(&dbid)
        {
            seen.push(dbid);
        }
    }
    seen
}

pub fn dbid_text(dbid: Option<i64>) -> String {
    dbid.map_or_else(|| "?".to_string(), |d| d.to_string())
}
