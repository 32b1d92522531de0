//! Effective WWE options with provenance (RULES.md §3) and the softphone grouping.

use super::Fact;
use super::inventory::{Agent, Inventory};
use crate::model::{OptionValue, Person, Section};
use crate::snapshot::{Resource, SoftphoneMode};
use std::sync::Arc;

pub const SECTION: &str = "interaction-workspace";
pub const CAN_USE: &str = "privilege.sipendpoint.can-use";
pub const PROMPT_PLACE: &str = "login.prompt-place";
pub const URI: &str = "sipendpoint.uri";

/// Built-in defaults of WWE.
const DEFAULTS: [(&str, &str); 2] = [(CAN_USE, "false"), (PROMPT_PLACE, "false")];

/// The level an effective value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionSource<'a> {
    Person,
    VirtualAgentGroup(&'a str),
    AgentGroup(&'a str),
    Tenant(&'a str),
    Application,
    Default,
    /// A level whose resource is unavailable was reached first.
    Unknown(Resource),
}

impl OptionSource<'_> {
    /// The label of RULES.md §3 (`agent-group:Sales`).
    pub fn label(&self) -> String {
        match self {
            OptionSource::Person => "person".into(),
            OptionSource::VirtualAgentGroup(n) => format!("virtual-agent-group:{n}"),
            OptionSource::AgentGroup(n) => format!("agent-group:{n}"),
            OptionSource::Tenant(n) => format!("tenant:{n}"),
            OptionSource::Application => "application".into(),
            OptionSource::Default => "default".into(),
            OptionSource::Unknown(_) => "unknown".into(),
        }
    }
}

/// One effective option: its value (`None` = unknown) and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Effective<'a> {
    pub key: &'a str,
    pub value: Option<&'a str>,
    pub source: OptionSource<'a>,
}

/// A level that may set keys: its section, or the unavailable resource that hides it.
struct Level<'a> {
    source: OptionSource<'a>,
    values: Result<Values<'a>, Resource>,
}

enum Values<'a> {
    Section(&'a Section),
    Defaults,
    Nothing,
}

impl<'a> Values<'a> {
    /// `Some(value)` when the level sets the key.
    fn get(&self, key: &str) -> Option<&'a str> {
        match self {
            Values::Section(s) => match s.get(key) {
                Some(OptionValue::Set(v)) => Some(&**v),
                _ => None,
            },
            Values::Defaults => DEFAULTS.iter().find(|(k, _)| *k == key).map(|(_, v)| *v),
            Values::Nothing => None,
        }
    }

    /// The keys the level sets and their values, each with `level`, the level's index.
    fn entries(&self, level: usize, out: &mut Vec<(&'a str, usize, &'a str)>) {
        match self {
            Values::Section(s) => out.extend(s.set_entries().map(|(k, v)| (k, level, v))),
            Values::Defaults => out.extend(DEFAULTS.iter().map(|(k, v)| (*k, level, *v))),
            Values::Nothing => {}
        }
    }
}

impl Inventory {
    /// The application level (RULES.md §3): `/settings/interaction-workspace` (the first
    /// of a name wins), else the cluster application's `interaction-workspace` section.
    pub(crate) fn application_level(&self) -> Result<Option<Section>, Resource> {
        match (&self.model.settings, &self.model.applications) {
            (Ok(settings), _) => {
                let mut section = Section::default();
                let mut seen = std::collections::HashSet::new();
                for s in settings {
                    if let Some(name) = &s.name
                        && seen.insert(name.as_str())
                    {
                        let value = s.value.clone().unwrap_or(OptionValue::NotSet);
                        section.entries.push((name.as_str().into(), value));
                    }
                }
                Ok(Some(section))
            }
            (Err(_), Ok(_)) => Ok(match self.cluster_app {
                Fact::Known(Some(a)) => self.applications()[a].options.section(SECTION).cloned(),
                _ => None,
            }),
            (Err(u), Err(_)) => Err(u.resource),
        }
    }

    /// The option levels of a person, highest priority first. Groups are ordered greatest
    /// name first (lower-cased, then exact), so the first group setting a key wins.
    fn levels<'a>(&'a self, person: &'a Person) -> Vec<Level<'a>> {
        let mut levels = vec![Level {
            source: OptionSource::Person,
            values: Ok(section_values(&person.user_properties)),
        }];
        levels.extend(self.chain_levels(person));
        levels
    }

    /// The levels after the person's own: its agent groups, its tenant, the application and
    /// WWE's defaults. They depend only on the person's groups and tenant.
    fn chain_levels<'a>(&'a self, person: &'a Person) -> Vec<Level<'a>> {
        let section = section_values;
        let mut levels = Vec::new();
        match &self.model.agent_groups {
            Err(u) => levels.push(Level {
                source: OptionSource::Unknown(u.resource),
                values: Err(u.resource),
            }),
            Ok(groups) => {
                // groups_of is already in precedence order (see Inventory::build).
                for &g in self.groups_of(person) {
                    let info = &groups[g].group_info;
                    let name = info.name.as_deref().unwrap_or("");
                    let source = if info.user_properties.has_section("virtual") {
                        OptionSource::VirtualAgentGroup(name)
                    } else {
                        OptionSource::AgentGroup(name)
                    };
                    levels.push(Level {
                        source,
                        values: Ok(section(&info.user_properties)),
                    });
                }
            }
        }
        if let Some(tenant_dbid) = person.tenant_dbid {
            match &self.model.tenants {
                Err(u) => levels.push(Level {
                    source: OptionSource::Unknown(u.resource),
                    values: Err(u.resource),
                }),
                Ok(_) => {
                    if let Some(tenant) = self.tenant(tenant_dbid) {
                        levels.push(Level {
                            source: OptionSource::Tenant(tenant.name.as_deref().unwrap_or("")),
                            values: Ok(section(&tenant.user_properties)),
                        });
                    }
                }
            }
        }
        let application = match &self.application_options {
            Ok(Some(s)) => Ok(Values::Section(s)),
            Ok(None) => Ok(Values::Nothing),
            Err(r) => Err(*r),
        };
        levels.push(Level {
            source: OptionSource::Application,
            values: application,
        });
        levels.push(Level {
            source: OptionSource::Default,
            values: Ok(Values::Defaults),
        });
        levels
    }

    /// Every effective option of an agent, sorted by key.
    pub fn effective_options<'a>(&'a self, agent: &Agent) -> Vec<Effective<'a>> {
        let person = self.agent_person(agent);
        AgentOptions::of(person, self.chain(person).set)
            .iter()
            .copied()
            .collect()
    }

    /// The levels after the person's own, merged: every key they set, as it resolves.
    fn chain<'a>(&'a self, person: &'a Person) -> Chain<'a> {
        let levels = self.chain_levels(person);
        // Every key set anywhere, with the first level that sets it: what `resolve` finds
        // key by key, in one sort instead of a scan of every level per key.
        let mut set = Vec::new();
        for (i, level) in levels.iter().enumerate() {
            if let Ok(values) = &level.values {
                values.entries(i, &mut set);
            }
        }
        set.sort_unstable_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
        set.dedup_by(|later, first| later.0 == first.0);
        // An unavailable level hides every key of the levels after it (RULES.md §3).
        let hidden_from = levels.iter().enumerate().find_map(|(i, l)| match l.values {
            Err(r) => Some((i, r)),
            Ok(_) => None,
        });
        let set = set
            .into_iter()
            .map(|(key, i, value)| match hidden_from {
                Some((h, r)) if h < i => Effective {
                    key,
                    value: None,
                    source: OptionSource::Unknown(r),
                },
                _ => Effective {
                    key,
                    value: Some(value),
                    source: levels.get(i).map_or(OptionSource::Default, |l| l.source),
                },
            })
            .collect::<Vec<_>>()
            .into();
        Chain {
            set,
            hidden: hidden_from.map(|(_, r)| r),
        }
    }

    /// The effective value of one key.
    pub fn effective_option<'a>(&'a self, agent: &Agent, key: &'a str) -> Effective<'a> {
        let person = self.agent_person(agent);
        resolve(&self.levels(person), key)
    }

    /// Connector when the effective `sipendpoint.uri` is non-empty (RULES.md §3).
    pub(crate) fn mode_of(&self, uris: &mut ChainOption, agent: &Agent) -> Fact<SoftphoneMode> {
        if let Some(forced) = self.config.softphone_mode {
            return Fact::Known(forced);
        }
        let uri = uris.get(agent);
        match (uri.value, uri.source) {
            (None, OptionSource::Unknown(r)) => Fact::Unknown(r),
            (Some(v), _) if !v.trim().is_empty() => Fact::Known(SoftphoneMode::Connector),
            _ => Fact::Known(SoftphoneMode::Standalone),
        }
    }
}

fn section_values(annex: &crate::model::Annex) -> Values<'_> {
    match annex.section(SECTION) {
        Some(s) => Values::Section(s),
        None => Values::Nothing,
    }
}

/// The levels after a person's own, merged (`Inventory::chain`).
struct Chain<'a> {
    /// Every key set at one of them, sorted, with its effective value and source; shared by
    /// the agents of the chain.
    set: Arc<[Effective<'a>]>,
    /// The first unavailable level among them: a key none sets is unknown, not unset.
    hidden: Option<Resource>,
}

/// An agent's effective options: its person's own over its chain's (shared with every agent
/// of the same groups and tenant), both sorted by key, the person's winning a key both set.
#[derive(Clone, Default)]
pub struct AgentOptions<'a> {
    own: Vec<Effective<'a>>,
    chain: Arc<[Effective<'a>]>,
}

impl<'a> AgentOptions<'a> {
    fn of(person: &'a Person, chain: Arc<[Effective<'a>]>) -> Self {
        // `set_entries` gives each key once.
        let mut own: Vec<Effective<'a>> = match person.user_properties.section(SECTION) {
            Some(s) => s
                .set_entries()
                .map(|(key, value)| Effective {
                    key,
                    value: Some(value),
                    source: OptionSource::Person,
                })
                .collect(),
            None => Vec::new(),
        };
        own.sort_unstable_by(|a, b| a.key.cmp(b.key));
        AgentOptions { own, chain }
    }

    /// The effective option of `key` when some level sets it.
    pub fn get(&self, key: &str) -> Option<&Effective<'a>> {
        let find = |list: &'_ [Effective<'a>]| list.binary_search_by(|e| e.key.cmp(key)).ok();
        match find(&self.own) {
            Some(i) => self.own.get(i),
            None => find(&self.chain).and_then(|i| self.chain.get(i)),
        }
    }

    /// Every effective option, sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = &Effective<'a>> + '_ {
        let (mut own, mut chain) = (self.own.iter().peekable(), self.chain.iter().peekable());
        std::iter::from_fn(move || match (own.peek(), chain.peek()) {
            (Some(o), Some(c)) => match o.key.cmp(c.key) {
                std::cmp::Ordering::Less => own.next(),
                std::cmp::Ordering::Equal => {
                    chain.next();
                    own.next()
                }
                std::cmp::Ordering::Greater => chain.next(),
            },
            (Some(_), None) => own.next(),
            (None, _) => chain.next(),
        })
    }
}

/// Chains merged once and shared by every agent with the same groups and tenant: 50,000
/// agents have about a thousand, and merging the application's options (sixty keys and more)
/// agent by agent was two thirds of the audit.
pub struct OptionChains<'a> {
    inv: &'a Inventory,
    chains: std::collections::HashMap<ChainKey<'a>, Chain<'a>, super::dbid::DbidHashing>,
}

/// One key over the chains (the inventory's softphone modes, the TUI's can-use column):
/// resolved once per chain, without merging the chain's other keys, which would cost a
/// list per chain for one value.
pub struct ChainOption<'a> {
    inv: &'a Inventory,
    key: &'a str,
    index: std::collections::HashMap<ChainKey<'a>, Effective<'a>, super::dbid::DbidHashing>,
}

impl<'a> ChainOption<'a> {
    pub fn new(inv: &'a Inventory, key: &'a str) -> Self {
        ChainOption {
            inv,
            key,
            index: Default::default(),
        }
    }

    /// What `Inventory::effective_option` gives for the key.
    pub fn get(&mut self, agent: &Agent) -> Effective<'a> {
        let (inv, key) = (self.inv, self.key);
        let person = inv.agent_person(agent);
        if let Some(own) = person.user_properties.section(SECTION)
            && let Some(OptionValue::Set(value)) = own.get(key)
        {
            return Effective {
                key,
                value: Some(value),
                source: OptionSource::Person,
            };
        }
        *self
            .index
            .entry(ChainKey(inv.groups_of(person), person.tenant_dbid))
            .or_insert_with(|| resolve(&inv.chain_levels(person), key))
    }
}

/// What a chain depends on: the person's groups (indexes, in precedence order) and tenant.
#[derive(PartialEq, Eq)]
struct ChainKey<'a>(&'a [usize], Option<i64>);

impl std::hash::Hash for ChainKey<'_> {
    // Integer by integer: the slice's own hash would feed the DBID hasher byte by byte.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.0.len() as u64);
        for &g in self.0 {
            state.write_u64(g as u64);
        }
        state.write_i64(self.1.unwrap_or(i64::MIN));
    }
}

impl<'a> OptionChains<'a> {
    pub fn new(inv: &'a Inventory) -> Self {
        OptionChains {
            inv,
            chains: Default::default(),
        }
    }

    /// What `Inventory::effective_options` gives, and whether a key it lacks is unknown
    /// (an unavailable level could set it) rather than unset.
    pub fn options(&mut self, agent: &Agent) -> (AgentOptions<'a>, bool) {
        let inv = self.inv;
        let person = inv.agent_person(agent);
        let chain = self
            .chains
            .entry(ChainKey(inv.groups_of(person), person.tenant_dbid))
            .or_insert_with(|| inv.chain(person));
        (
            AgentOptions::of(person, Arc::clone(&chain.set)),
            chain.hidden.is_some(),
        )
    }
}

fn resolve<'a>(levels: &[Level<'a>], key: &'a str) -> Effective<'a> {
    for level in levels {
        match &level.values {
            Err(r) => {
                return Effective {
                    key,
                    value: None,
                    source: OptionSource::Unknown(*r),
                };
            }
            Ok(values) => {
                if let Some(value) = values.get(key) {
                    return Effective {
                        key,
                        value: Some(value),
                        source: level.source,
                    };
                }
            }
        }
    }
    // Not set anywhere: only reachable for keys asked for directly.
    Effective {
        key,
        value: None,
        source: OptionSource::Default,
    }
}

/// The seed's grouping of softphone options (RULES.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SoftphoneGroup {
    Privileges,
    Control,
    SipConfiguration,
    SoftphoneSpecific,
    Other,
}

impl SoftphoneGroup {
    pub fn title(self) -> &'static str {
        match self {
            SoftphoneGroup::Privileges => "Privileges",
            SoftphoneGroup::Control => "Control",
            SoftphoneGroup::SipConfiguration => "SIP configuration",
            SoftphoneGroup::SoftphoneSpecific => "Softphone specific",
            SoftphoneGroup::Other => "Other",
        }
    }
}

/// The group of a softphone key, `None` for keys that are not softphone options.
pub fn softphone_group(key: &str) -> Option<SoftphoneGroup> {
    if key.starts_with("privilege.sipendpoint.") {
        return Some(SoftphoneGroup::Privileges);
    }
    let rest = key.strip_prefix("sipendpoint.")?;
    Some(match key {
        URI => SoftphoneGroup::Control,
        "sipendpoint.sip-server-address" | "sipendpoint.transport-protocol" => {
            SoftphoneGroup::SipConfiguration
        }
        _ if rest.split('.').count() == 3 => SoftphoneGroup::SoftphoneSpecific,
        _ => SoftphoneGroup::Other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{Body, GwsConfig, Resource};

    /// The demo snapshot with `hidden`'s body replaced by a GWS failure.
    fn demo_without(hidden: Option<Resource>) -> Inventory {
        let mut snapshot = crate::snapshot::demo().expect("demo");
        for response in &mut snapshot.responses {
            if hidden.is_some() && Resource::from_path(&response.path) == hidden {
                let failure = r#"{"statusCode":5,"statusMessage":"Forbidden"}"#.to_string();
                response.body = Body::from(
                    serde_json::value::RawValue::from_string(failure).expect("valid JSON"),
                );
            }
        }
        Inventory::from_snapshot(&snapshot, &GwsConfig::default()).expect("inventory")
    }

    #[test]
    fn the_sorted_options_agree_with_resolving_each_key() {
        for hidden in [None, Some(Resource::AgentGroups), Some(Resource::Tenants)] {
            let inv = demo_without(hidden);
            assert!(!inv.agents.is_empty());
            let mut unknown = 0;
            for agent in &inv.agents {
                let options = inv.effective_options(agent);
                assert!(!options.is_empty());
                for e in &options {
                    assert_eq!(*e, inv.effective_option(agent, e.key), "{hidden:?}");
                    unknown += usize::from(matches!(e.source, OptionSource::Unknown(_)));
                }
            }
            // The hidden level does hide keys of the levels after it.
            assert_eq!(unknown > 0, hidden.is_some(), "{hidden:?}");
        }
    }

    /// The chains the agents share give each agent what merging its own levels gives, and
    /// say when a key none of them sets is unknown.
    #[test]
    fn shared_chains_give_each_agent_its_own_options() {
        for hidden in [None, Some(Resource::AgentGroups), Some(Resource::Tenants)] {
            let inv = demo_without(hidden);
            let mut chains = OptionChains::new(&inv);
            let mut own = 0;
            for _ in 0..2 {
                for agent in &inv.agents {
                    let (options, unset_unknown) = chains.options(agent);
                    let options: Vec<Effective> = options.iter().copied().collect();
                    assert_eq!(options, inv.effective_options(agent), "{hidden:?}");
                    let unset = inv.effective_option(agent, "no.such.key").source;
                    assert_eq!(unset_unknown, matches!(unset, OptionSource::Unknown(_)));
                    for key in options.iter().map(|e| e.key).chain(["no.such.key", URI]) {
                        let mut one = ChainOption::new(&inv, key);
                        for _ in 0..2 {
                            assert_eq!(one.get(agent), inv.effective_option(agent, key));
                        }
                    }
                    own += options
                        .iter()
                        .filter(|e| e.source == OptionSource::Person)
                        .count();
                }
            }
            assert!(own > 0, "the demo has options set on a person");
            assert!(chains.chains.len() < inv.agents.len());
        }
    }
}
