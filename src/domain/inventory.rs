//! The indexed inventory built once per snapshot.

use super::dbid::{self, DbidMap};
use super::fact::avail;
use super::login::LoginId;
use super::{Fact, Route};
use crate::model::{
    AgentGroup, AgentLogin, Application, Dn, GenesysEnvironment, Model, Person, Place, Switch,
    Tenant, VoiceEnvironment, lenient,
};
use crate::snapshot::{GwsConfig, Resource, Snapshot, SoftphoneMode, SourceInfo};
use anyhow::Result;
use std::collections::HashMap;
use std::sync::Arc;

/// A voice environment with its resolved SIP Server application and switch.
#[derive(Debug, Clone)]
pub struct VoiceEnv {
    /// Index of its Genesys environment, and its index there.
    pub genesys_env: usize,
    pub index: usize,
    /// The SIP Server application named by `primaryServerName`, and by `backupServerName`.
    pub primary_app: Fact<Option<usize>>,
    pub backup_app: Fact<Option<usize>>,
    /// The application the switch is looked up from: primary-named, else backup-named.
    pub sip_app: Fact<Option<usize>>,
    /// Index into the switches list.
    pub switch: Fact<Option<usize>>,
    /// Whether the cluster application's connections show server-role=5 for it.
    pub cluster_evidence: Fact<bool>,
}

/// A person whose `isAgent` flag is true, with everything computed about it.
#[derive(Debug, Clone)]
pub struct Agent {
    /// Index into the persons list.
    pub person: usize,
    /// `person:<DBID>`.
    pub id: String,
    /// Index into `Inventory::voice_envs`; `None` for route `none` or `unknown`.
    pub voice_env: Option<usize>,
    pub route: Route,
    pub login: LoginId,
    pub mode: Fact<SoftphoneMode>,
}

#[derive(Debug, Clone)]
pub struct Inventory {
    /// Shared: a what-if rebuilds the agents and their login IDs over the same parsed model
    /// and its joins.
    pub model: Arc<Model>,
    pub config: GwsConfig,
    pub source: SourceInfo,
    pub captured_at: Option<String>,
    pub label: String,
    pub voice_envs: Vec<VoiceEnv>,
    pub agents: Vec<Agent>,
    /// The index of the cluster application, when applications are available.
    pub cluster_app: Fact<Option<usize>>,
    /// The application level of WWE options, or the unavailable resource hiding it.
    pub application_options: Result<Option<crate::model::Section>, Resource>,
    /// Shared with a what-if's inventory: no gwsConfig changes them.
    joins: Arc<Joins>,
    /// Switch DBID → the first voice environment resolving to it, over the voice
    /// environments before the first whose switch is unknown.
    served: DbidMap<usize>,
    first_unknown_switch: Option<Resource>,
}

/// The model's indexes by DBID and name, and each person's groups: built once per parsed
/// model (a what-if rebuilds only what the option changes).
#[derive(Debug)]
struct Joins {
    app_by_name: HashMap<String, usize>,
    app_by_dbid: DbidMap<usize>,
    switch_by_dbid: DbidMap<usize>,
    switch_by_tserver: DbidMap<usize>,
    dn_by_dbid: DbidMap<usize>,
    place_by_dbid: DbidMap<usize>,
    login_by_dbid: DbidMap<usize>,
    tenant_by_dbid: DbidMap<usize>,
    person_by_dbid: DbidMap<usize>,
    /// Group indexes holding each person DBID (repeats and unknown persons ignored), in
    /// precedence order: virtual groups first, then by name, greatest first.
    groups_by_person: DbidMap<Vec<usize>>,
}

impl Joins {
    fn build(model: &Model) -> Joins {
        let apps = list(&model.applications);
        let mut app_by_name = HashMap::with_capacity(apps.len());
        for (i, app) in apps.iter().enumerate() {
            if let Some(name) = &app.name {
                app_by_name.entry(name.clone()).or_insert(i);
            }
        }
        let persons = list(&model.persons);
        let person_by_dbid = index_by(persons, |p| p.dbid);
        let mut groups_by_person: DbidMap<Vec<usize>> = DbidMap::default();
        for (gi, group) in list(&model.agent_groups).iter().enumerate() {
            for &dbid in &group.agent_dbids {
                if !person_by_dbid.contains_key(&dbid) {
                    continue;
                }
                let groups = groups_by_person.entry(dbid).or_default();
                if groups.last() != Some(&gi) {
                    groups.push(gi);
                }
            }
        }
        sort_by_precedence(&mut groups_by_person, list(&model.agent_groups));
        Joins {
            app_by_dbid: index_by(apps, |a| a.dbid),
            app_by_name,
            switch_by_dbid: index_by(list(&model.switches), |s| s.dbid),
            switch_by_tserver: index_by(list(&model.switches), |s| s.tserver_dbid),
            dn_by_dbid: index_by(list(&model.dns), |d| d.dbid),
            place_by_dbid: index_by(list(&model.places), |p| p.dbid),
            login_by_dbid: index_by(list(&model.agent_logins), |l| l.dbid),
            tenant_by_dbid: index_by(list(&model.tenants), |t| t.dbid),
            person_by_dbid,
            groups_by_person,
        }
    }
}

fn index_by<T>(items: &[T], key: impl Fn(&T) -> Option<i64>) -> DbidMap<usize> {
    let mut map = dbid::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if let Some(k) = key(item) {
            map.entry(k).or_insert(i);
        }
    }
    map
}

fn list<T>(a: &crate::model::Avail<Vec<T>>) -> &[T] {
    a.as_ref().map(Vec::as_slice).unwrap_or(&[])
}

impl Inventory {
    /// Builds the inventory of a snapshot, with `overrides` laid over its `gwsConfig`.
    pub fn from_snapshot(snapshot: &Snapshot, overrides: &GwsConfig) -> Result<Inventory> {
        let model = Model::from_snapshot(snapshot)?;
        let mut config = snapshot.gws_config.clone();
        config.overlay(overrides);
        Ok(Inventory::build(
            model,
            config,
            snapshot.source.clone(),
            snapshot.captured_at.clone(),
            snapshot.label.clone(),
        ))
    }

    /// Like `from_snapshot`, but frees the raw bodies as soon as they are parsed: for the
    /// CLI, which never shows them (peak memory falls by the size of the file).
    pub fn from_snapshot_owned(snapshot: Snapshot, overrides: &GwsConfig) -> Result<Inventory> {
        let Snapshot {
            mut gws_config,
            source,
            captured_at,
            label,
            responses,
            warnings: _,
        } = snapshot;
        let model = Model::from_responses(responses)?;
        gws_config.overlay(overrides);
        Ok(Inventory::build(
            model,
            gws_config,
            source,
            captured_at,
            label,
        ))
    }

    pub fn build(
        model: Model,
        config: GwsConfig,
        source: SourceInfo,
        captured_at: Option<String>,
        label: String,
    ) -> Inventory {
        let joins = Arc::new(Joins::build(&model));
        Inventory::build_shared(Arc::new(model), joins, config, source, captured_at, label)
    }

    /// The same inventory under another gwsConfig: voice environments, agents and login IDs
    /// rebuilt over the parsed model and its joins, which are shared, not built again (the
    /// TUI's what-if). The result is what `from_snapshot` gives with that config.
    pub fn with_config(&self, config: GwsConfig) -> Inventory {
        Inventory::build_shared(
            self.model.clone(),
            self.joins.clone(),
            config,
            self.source.clone(),
            self.captured_at.clone(),
            self.label.clone(),
        )
    }

    fn build_shared(
        model: Arc<Model>,
        joins: Arc<Joins>,
        config: GwsConfig,
        source: SourceInfo,
        captured_at: Option<String>,
        label: String,
    ) -> Inventory {
        let mut inv = Inventory {
            joins,
            served: DbidMap::default(),
            first_unknown_switch: None,
            cluster_app: Fact::Known(None),
            application_options: Ok(None),
            voice_envs: Vec::new(),
            agents: Vec::new(),
            model,
            config,
            source,
            captured_at,
            label,
        };
        inv.cluster_app = avail(&inv.model.applications, |_| {
            inv.joins
                .app_by_name
                .get(inv.config.cluster_application())
                .copied()
        });
        inv.application_options = inv.application_level();
        inv.resolve_voice_envs();
        inv.build_agents();
        inv
    }

    fn resolve_voice_envs(&mut self) {
        let mut envs = Vec::new();
        for (gi, genv) in self.genesys_environments().iter().enumerate() {
            for (vi, ve) in genv.voice_environments.iter().enumerate() {
                let by_name = |name: &Option<String>| {
                    avail(&self.model.applications, |_| {
                        name.as_ref()
                            .and_then(|n| self.joins.app_by_name.get(n).copied())
                    })
                };
                let primary_app = by_name(&ve.servers.primary_server_name);
                let backup_app = by_name(&ve.servers.backup_server_name);
                let sip_app = match (primary_app, backup_app) {
                    (Fact::Known(Some(a)), _) => Fact::Known(Some(a)),
                    (_, b) => b,
                };
                let switch = sip_app.and_then(|app| match app {
                    None => Fact::Known(None),
                    Some(a) => avail(&self.model.switches, |_| {
                        self.applications()[a]
                            .dbid
                            .and_then(|d| self.joins.switch_by_tserver.get(&d).copied())
                    }),
                });
                let cluster_evidence = self.cluster_evidence(primary_app, backup_app);
                envs.push(VoiceEnv {
                    genesys_env: gi,
                    index: vi,
                    primary_app,
                    backup_app,
                    sip_app,
                    switch,
                    cluster_evidence,
                });
            }
        }
        for (i, ve) in envs.iter().enumerate() {
            match ve.switch {
                Fact::Unknown(r) => {
                    self.first_unknown_switch = Some(r);
                    break;
                }
                Fact::Known(Some(s)) => {
                    if let Some(dbid) = self.switches()[s].dbid {
                        self.served.entry(dbid).or_insert(i);
                    }
                }
                Fact::Known(None) => {}
            }
        }
        self.voice_envs = envs;
    }

    /// Cluster evidence (RULES.md §1): a connection of the cluster application to the
    /// primary- or backup-named SIP Server with server-role=5.
    fn cluster_evidence(
        &self,
        primary: Fact<Option<usize>>,
        backup: Fact<Option<usize>>,
    ) -> Fact<bool> {
        let Fact::Known(cluster_app) = self.cluster_app else {
            return Fact::Unknown(Resource::Applications);
        };
        let targets: Vec<i64> = [primary, backup]
            .into_iter()
            .filter_map(|f| f.known().flatten())
            .filter_map(|a| self.applications()[a].dbid)
            .collect();
        let Some(cluster_app) = cluster_app else {
            return Fact::Known(false);
        };
        let found = self.applications()[cluster_app]
            .connections
            .iter()
            .filter(|c| c.app_server_dbid.is_some_and(|d| targets.contains(&d)))
            .any(|c| {
                let by_params = c
                    .app_params
                    .as_deref()
                    .and_then(|p| app_param(p, "server-role"))
                    .and_then(lenient::parse_int)
                    == Some(5);
                let by_options = c
                    .app_server_dbid
                    .and_then(|d| self.application_by_dbid(d))
                    .and_then(|app| app.options.section("TServer"))
                    .and_then(|s| s.value("server-role"))
                    .and_then(lenient::parse_int)
                    == Some(5);
                by_params || by_options
            });
        Fact::Known(found)
    }

    fn build_agents(&mut self) {
        let [mut agents, rest] =
            crate::par::halves(self.persons(), |offset, part| self.agents_of(offset, part));
        agents.extend(rest);
        self.agents = agents;
    }

    /// The agents among `persons`, which start at index `offset` of the persons list.
    fn agents_of(&self, offset: usize, persons: &[Person]) -> Vec<Agent> {
        let mut agents = Vec::new();
        for (i, person) in (offset..).zip(persons) {
            if !person.is_agent() {
                continue;
            }
            let (voice_env, route) = self.route_agent(person);
            let login = self.login_id(person, voice_env, route);
            let id = person_id(person);
            agents.push(Agent {
                person: i,
                id,
                voice_env,
                route,
                login,
                mode: Fact::Known(SoftphoneMode::Standalone),
            });
        }
        let mut uris = super::ChainOption::new(self, super::options_keys::URI);
        for agent in &mut agents {
            agent.mode = self.mode_of(&mut uris, agent);
        }
        agents
    }

    /// Which voice environment a switch serves: the first (snapshot order) resolving to it.
    pub fn served_by(&self, switch_dbid: i64) -> Fact<Option<usize>> {
        match (self.served.get(&switch_dbid), self.first_unknown_switch) {
            (Some(&ve), _) => Fact::Known(Some(ve)),
            (None, Some(r)) => Fact::Unknown(r),
            (None, None) => Fact::Known(None),
        }
    }

    // Lists (empty when unavailable) and lookups by DBID (the first of a DBID wins).

    pub fn genesys_environments(&self) -> &[GenesysEnvironment] {
        list(&self.model.genesys_environments)
    }
    pub fn applications(&self) -> &[Application] {
        list(&self.model.applications)
    }
    pub fn switches(&self) -> &[Switch] {
        list(&self.model.switches)
    }
    pub fn dns(&self) -> &[Dn] {
        list(&self.model.dns)
    }
    pub fn places(&self) -> &[Place] {
        list(&self.model.places)
    }
    pub fn agent_logins(&self) -> &[AgentLogin] {
        list(&self.model.agent_logins)
    }
    pub fn agent_groups(&self) -> &[AgentGroup] {
        list(&self.model.agent_groups)
    }
    pub fn tenants(&self) -> &[Tenant] {
        list(&self.model.tenants)
    }
    pub fn persons(&self) -> &[Person] {
        list(&self.model.persons)
    }

    pub fn voice_environment(&self, ve: usize) -> Option<&VoiceEnvironment> {
        let v = self.voice_envs.get(ve)?;
        self.genesys_environments()
            .get(v.genesys_env)?
            .voice_environments
            .get(v.index)
    }
    pub fn application_by_dbid(&self, dbid: i64) -> Option<&Application> {
        self.joins
            .app_by_dbid
            .get(&dbid)
            .map(|&i| &self.applications()[i])
    }
    pub fn application_by_name(&self, name: &str) -> Option<&Application> {
        self.joins
            .app_by_name
            .get(name)
            .map(|&i| &self.applications()[i])
    }
    pub fn switch(&self, dbid: i64) -> Option<&Switch> {
        self.joins
            .switch_by_dbid
            .get(&dbid)
            .map(|&i| &self.switches()[i])
    }
    pub fn dn(&self, dbid: i64) -> Option<&Dn> {
        self.joins.dn_by_dbid.get(&dbid).map(|&i| &self.dns()[i])
    }
    pub fn place(&self, dbid: i64) -> Option<&Place> {
        self.joins
            .place_by_dbid
            .get(&dbid)
            .map(|&i| &self.places()[i])
    }
    pub fn agent_login(&self, dbid: i64) -> Option<&AgentLogin> {
        self.joins
            .login_by_dbid
            .get(&dbid)
            .map(|&i| &self.agent_logins()[i])
    }
    pub fn tenant(&self, dbid: i64) -> Option<&Tenant> {
        self.joins
            .tenant_by_dbid
            .get(&dbid)
            .map(|&i| &self.tenants()[i])
    }
    pub fn person(&self, dbid: i64) -> Option<&Person> {
        self.joins
            .person_by_dbid
            .get(&dbid)
            .map(|&i| &self.persons()[i])
    }
    /// The agent groups holding a person, in snapshot order.
    pub fn groups_of(&self, person: &Person) -> &[usize] {
        person
            .dbid
            .and_then(|d| self.joins.groups_by_person.get(&d))
            .map_or(&[], Vec::as_slice)
    }

    pub fn agent_person(&self, agent: &Agent) -> &Person {
        &self.persons()[agent.person]
    }

    /// The agent's voice environment, as a fact (`None` = route `none`).
    pub fn agent_voice_env(&self, agent: &Agent) -> Fact<Option<usize>> {
        match agent.route {
            Route::Unknown(r) => Fact::Unknown(r),
            _ => Fact::Known(agent.voice_env),
        }
    }

    /// Whether the agent is a cluster agent (unknown when its voice environment is).
    pub fn is_cluster_agent(&self, agent: &Agent) -> Fact<bool> {
        self.agent_voice_env(agent).map(|ve| {
            ve.and_then(|v| self.voice_environment(v))
                .is_some_and(|v| v.cluster_mode)
        })
    }

    /// The switch DBID of a voice environment.
    pub fn voice_env_switch_dbid(&self, ve: usize) -> Fact<Option<i64>> {
        match self.voice_envs.get(ve) {
            Some(v) => v.switch.map(|s| s.and_then(|s| self.switches()[s].dbid)),
            None => Fact::Known(None),
        }
    }

    /// The browser protocol: gwsConfig, else the scheme of the base URL (RULES.md §4).
    pub fn browser_protocol(&self) -> Option<String> {
        let valid = |s: &str| {
            let s = s.trim().to_ascii_lowercase();
            (s == "http" || s == "https").then_some(s)
        };
        self.config
            .browser_protocol
            .as_deref()
            .and_then(valid)
            .or_else(|| {
                let url = self.source.base_url.as_deref()?;
                valid(url.split_once("://")?.0)
            })
    }
}

/// Orders each person's groups as WWE ranks them (RULES.md §3): virtual agent groups before
/// agent groups; within each, the greatest name (lower-cased, then exact) first. Done once
/// here so that option resolution per agent only walks the list.
fn sort_by_precedence(groups_by_person: &mut DbidMap<Vec<usize>>, groups: &[AgentGroup]) {
    let keys: Vec<(bool, String, &str)> = groups
        .iter()
        .map(|g| {
            let name = g.group_info.name.as_deref().unwrap_or("");
            let is_virtual = g.group_info.user_properties.has_section("virtual");
            (is_virtual, name.to_lowercase(), name)
        })
        .collect();
    for held in groups_by_person.values_mut() {
        // Stable: among identical names the first in snapshot order stays first.
        held.sort_by(|&a, &b| {
            let (ka, kb) = (&keys[a], &keys[b]);
            (kb.0, &kb.1, kb.2).cmp(&(ka.0, &ka.1, ka.2))
        });
    }
}

/// `person:<DBID>`, `person:?` without one.
pub fn person_id(person: &Person) -> String {
    person_id_of(person.dbid)
}

fn person_id_of(dbid: Option<i64>) -> String {
    match dbid {
        Some(d) => format!("person:{d}"),
        None => "person:?".to_string(),
    }
}

/// The DBID in an agent id exactly as `person_id` writes it (`person:<DBID>`: no `+`, no
/// leading zero, no `-0`), else `None`: `person:007` is no agent's id.
pub fn person_id_dbid(id: &str) -> Option<i64> {
    let digits = id.strip_prefix("person:")?;
    let unsigned = digits.strip_prefix('-').unwrap_or(digits);
    let canonical = !unsigned.is_empty()
        && unsigned.bytes().all(|b| b.is_ascii_digit())
        && (unsigned == "0" || !unsigned.starts_with('0'))
        && digits != "-0";
    canonical.then(|| digits.parse().ok()).flatten()
}

/// The first non-empty value of `key` in a connection's Application Parameters (RULES.md §1).
pub fn app_param<'a>(params: &'a str, key: &str) -> Option<&'a str> {
    params
        .split(|c: char| c == ';' || c.is_whitespace())
        .filter_map(|token| token.split_once('='))
        .filter(|(k, v)| *k == key && !v.is_empty())
        .map(|(_, v)| v)
        .next()
}

#[cfg(test)]
mod person_id_tests {
    use super::{person_id_dbid, person_id_of};

    /// Exactly the ids `person_id` writes are read back: any other text is no agent's id.
    #[test]
    fn agent_ids_are_read_back_exactly() {
        for d in [0i64, 1, 42, -7, i64::MAX, i64::MIN] {
            let id = person_id_of(Some(d));
            assert_eq!(person_id_dbid(&id), Some(d), "{id}");
        }
        assert_eq!(person_id_dbid(&person_id_of(None)), None);
        for other in [
            "person:",
            "person:007",
            "person:+1",
            "person:-0",
            "person:1 ",
            "person:1a",
            "dn:1",
            "person:99999999999999999999",
        ] {
            assert_eq!(person_id_dbid(other), None, "{other}");
        }
    }
}
