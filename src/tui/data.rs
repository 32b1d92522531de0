//! Everything the views read, derived once per snapshot (and per what-if): the inventory, the
//! findings and their index, agent rows and filter haystacks, topology nodes.

use super::filter::{fold, fold_str};
use super::text::visible;
use crate::audit::{self, Finding};
use crate::domain::{Fact, Inventory, LoginSource, options_keys};
use crate::intern::Interner;
use crate::model::DnType;
use crate::packed::PackedTexts;
use crate::snapshot::{GwsConfig, Snapshot};
use anyhow::Result;
use nucleo_matcher::Utf32String;
use std::collections::HashMap;
use std::sync::Arc;

/// Finding counts by severity: the audit report's own type.
pub use crate::audit::report::Counts;

/// The agents table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    User,
    Name,
    EmployeeId,
    LoginId,
    VoiceEnv,
    Mode,
    CanUse,
    Findings,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::User,
        Column::Name,
        Column::EmployeeId,
        Column::LoginId,
        Column::VoiceEnv,
        Column::Mode,
        Column::CanUse,
        Column::Findings,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Column::User => "USER",
            Column::Name => "NAME",
            Column::EmployeeId => "EMPLOYEE ID",
            Column::LoginId => "LOGIN ID",
            Column::VoiceEnv => "VOICE ENV",
            Column::Mode => "MODE",
            Column::CanUse => "CAN-USE",
            Column::Findings => "AUDIT",
        }
    }

    pub fn next(self) -> Column {
        let i = Column::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Column::ALL[(i + 1) % Column::ALL.len()]
    }
}

/// One agent's row, ready to show (values made visible, unknowns spelled out).
#[derive(Debug, Clone)]
pub struct AgentRow {
    /// User name, full name, employee ID and login ID, in one allocation.
    texts: PackedTexts<4>,
    pub login_source: LoginSource,
    /// Shared by the agents of one voice environment, as `can_use` by those of one value.
    pub voice_env: Arc<str>,
    /// Cluster agent: known yes/no, or unknown.
    pub cluster: Option<bool>,
    pub mode: &'static str,
    pub can_use: Arc<str>,
}

impl AgentRow {
    fn text(&self, i: usize) -> &str {
        self.texts.get(i).unwrap_or_default()
    }

    pub fn user(&self) -> &str {
        self.text(0)
    }

    pub fn name(&self) -> &str {
        self.text(1)
    }

    pub fn employee_id(&self) -> &str {
        self.text(2)
    }

    pub fn login(&self) -> &str {
        self.text(3)
    }

    pub fn cell(&self, col: Column) -> &str {
        match col {
            Column::User => self.user(),
            Column::Name => self.name(),
            Column::EmployeeId => self.employee_id(),
            Column::LoginId => self.login(),
            Column::VoiceEnv => &self.voice_env,
            Column::Mode => self.mode,
            Column::CanUse => &self.can_use,
            Column::Findings => "",
        }
    }
}

/// Where a finding's target is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Agent(usize),
    VoiceEnv(usize),
    /// A switch node under this voice environment (DNs go to their switch).
    Switch(usize, i64),
    /// Nowhere in the views (the snapshot, or an object no view shows).
    Nowhere,
}

/// What a node of the topology tree is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    GenesysEnv(usize),
    VoiceEnv(usize),
    Switch(usize, i64),
    /// Voice environment index, connection index in its `tserverConnections`.
    Connection(usize, usize),
}

#[derive(Debug, Clone)]
pub struct TopoNode {
    /// Tree path of stable ids.
    pub path: Vec<String>,
    pub kind: NodeKind,
    pub hay: Utf32String,
}

/// Per-switch facts the detail pane shows.
#[derive(Debug, Clone, Default)]
pub struct SwitchFacts {
    /// DN indexes of type VoIP Service.
    pub voip: Vec<usize>,
    pub extensions: usize,
    pub acd_queues: usize,
    pub agent_logins: usize,
}

/// Agents by id (`person:<DBID>`, `person:?` without one), the first of equal ids: by DBID,
/// with no text copied or hashed (300,000 agents' ids in a map of strings took 117 ms of
/// the first frame).
#[derive(Debug, Default)]
pub struct AgentIds {
    by_dbid: crate::domain::dbid::DbidMap<usize>,
    without_dbid: Option<usize>,
}

impl AgentIds {
    fn of(inv: &Inventory) -> AgentIds {
        let mut ids = AgentIds {
            by_dbid: crate::domain::dbid::with_capacity(inv.agents.len()),
            without_dbid: None,
        };
        for (i, agent) in inv.agents.iter().enumerate() {
            match inv.agent_person(agent).dbid {
                Some(d) => {
                    ids.by_dbid.entry(d).or_insert(i);
                }
                None => {
                    ids.without_dbid.get_or_insert(i);
                }
            }
        }
        ids
    }

    /// The agent whose id (`person_id`) is `id` exactly.
    pub fn get(&self, id: &str) -> Option<&usize> {
        if id == "person:?" {
            return self.without_dbid.as_ref();
        }
        self.by_dbid.get(&crate::domain::person_id_dbid(id)?)
    }
}

/// The lookups `locate` reads: built with the inventory, shared with the background audit.
#[derive(Debug, Default)]
pub struct Lookup {
    pub agent_by_id: AgentIds,
    pub ve_by_id: HashMap<String, usize>,
    /// Switch DBID → the first voice environment resolving to it.
    pub switch_ve: HashMap<i64, usize>,
    /// SIP Server application DBID (primary- or backup-named) → voice environment.
    pub app_ve: HashMap<i64, usize>,
}

/// What is built after the first frame, off the UI thread: the audit, its indexes and the
/// agents' filter haystacks (the findings' are folded as the filter scores them). The
/// inventory is on screen meanwhile (`Data::audited` is false, and this is empty).
#[derive(Default)]
pub struct AuditIndex {
    /// Shared with the comparison job (`--compare`), which reads them off the UI thread.
    pub findings: Arc<Vec<Finding>>,
    pub counts: Counts,
    pub findings_by_target: HashMap<std::sync::Arc<str>, Vec<usize>>,
    /// Findings per rule.
    pub rule_totals: HashMap<&'static str, usize>,
    /// Finding counts of each agent.
    pub agent_findings: Vec<Counts>,
    pub agent_hay: Vec<Utf32String>,
    /// Findings under each voice environment (its own, its switch's, DNs', connections',
    /// agents').
    pub ve_counts: Vec<Counts>,
    /// Findings about each voice environment itself, its connections, switch and DNs.
    pub ve_own: Vec<Vec<usize>>,
    /// Findings about each switch and its DNs.
    pub switch_findings: HashMap<i64, Vec<usize>>,
    /// Voice environments GWS-102 fires for.
    pub ve_mismatch: Vec<bool>,
    /// The score and whether it is complete (RULES.md §5); `None` before the audit.
    pub card: Option<audit::report::Scorecard>,
    /// With `--baseline`: how many findings it accepted (the last ones of `findings`, not
    /// counted nor indexed by target) and how many of its entries no longer occur.
    pub baseline: Option<BaselineCounts>,
}

/// What `--baseline FILE` did to the audit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BaselineCounts {
    pub accepted: usize,
    pub resolved: usize,
}

impl AuditIndex {
    /// The findings not set aside by the baseline: the first ones of `findings`.
    pub fn kept(&self) -> usize {
        let accepted = self.baseline.map_or(0, |b| b.accepted);
        self.findings.len().saturating_sub(accepted)
    }

    /// Whether a finding (by index) was accepted by the baseline.
    pub fn is_accepted(&self, i: usize) -> bool {
        self.baseline.is_some() && i >= self.kept() && i < self.findings.len()
    }
}

/// What `AuditIndex::build` reads: shared with the `Data` on screen.
#[derive(Clone)]
pub struct AuditInput {
    pub inv: Arc<Inventory>,
    pub lookup: Arc<Lookup>,
    pub agents: Arc<Vec<AgentRow>>,
    /// `--baseline FILE`: its findings are set aside as accepted.
    pub baseline: Option<Arc<crate::audit::baseline::Baseline>>,
    /// After a what-if: the findings of the same model under the other value of the option,
    /// of which only the rules that read it are run again.
    pub previous: Option<PreviousAudit>,
}

/// The audit on screen before a what-if: its findings, in order.
#[derive(Clone)]
pub struct PreviousAudit {
    pub findings: Arc<Vec<Finding>>,
}

impl AuditInput {
    pub fn with_baseline(mut self, b: Option<Arc<crate::audit::baseline::Baseline>>) -> Self {
        self.baseline = b;
        self
    }

    pub fn with_previous(mut self, previous: Option<PreviousAudit>) -> Self {
        self.previous = previous;
        self
    }
}

pub struct Data {
    pub snapshot: Arc<Snapshot>,
    pub inv: Arc<Inventory>,
    pub lookup: Arc<Lookup>,
    pub agents: Arc<Vec<AgentRow>>,
    pub topo: Vec<TopoNode>,
    /// Agents of each voice environment by login ID source: employee-id, agent-login, none,
    /// unknown.
    pub ve_logins: Vec<[usize; 4]>,
    pub switch_facts: HashMap<i64, SwitchFacts>,
    /// Widest cell per column (capped), for the table layout.
    pub widths: [usize; 8],
    /// False until the audit's results are attached: the views say "auditing…" meanwhile.
    pub audited: bool,
    pub audit: AuditIndex,
    /// Compare mode: this data against OLD, once both are audited (`None` until then).
    pub compared: Option<Box<super::compare::Compared>>,
    /// The object views' where-used index and haystacks, built on first use.
    pub objects: super::objects::ObjectCache,
}

impl Data {
    /// Builds everything from a snapshot and the gwsConfig overrides in force, audit included
    /// (tests, benches; the TUI attaches the audit when it is ready).
    pub fn build(snapshot: Arc<Snapshot>, overrides: &GwsConfig) -> Result<Data> {
        let mut data = Data::without_audit(snapshot, overrides)?;
        data.attach(AuditIndex::build(data.audit_input()));
        Ok(data)
    }

    /// The inventory and what shows it (topology, agent rows), without the audit: enough for
    /// the first frame.
    pub fn without_audit(snapshot: Arc<Snapshot>, overrides: &GwsConfig) -> Result<Data> {
        let inv = Inventory::from_snapshot(&snapshot, overrides)?;
        Ok(Data::from_inventory(snapshot, inv))
    }

    /// `without_audit` for the what-if: `base` is the inventory of the same snapshot, whose
    /// parsed model is shared instead of parsed again.
    pub fn recomputed(snapshot: Arc<Snapshot>, base: &Inventory, overrides: &GwsConfig) -> Data {
        let mut config = snapshot.gws_config.clone();
        config.overlay(overrides);
        Data::from_inventory(snapshot, base.with_config(config))
    }

    pub fn from_inventory(snapshot: Arc<Snapshot>, inv: Inventory) -> Data {
        let n = inv.voice_envs.len();
        let mut lookup = Lookup::default();
        let switch_facts = lookup.index_topology(&inv);
        lookup.agent_by_id = AgentIds::of(&inv);
        let (agents, ve_logins, widths) = agent_rows(&inv, n);
        let topo = Data::topo_nodes(&inv);
        Data {
            snapshot,
            inv: Arc::new(inv),
            lookup: Arc::new(lookup),
            agents: Arc::new(agents),
            topo,
            ve_logins,
            switch_facts,
            widths,
            audited: false,
            audit: AuditIndex::empty(n),
            compared: None,
            objects: Default::default(),
        }
    }

    /// What the background audit reads.
    pub fn audit_input(&self) -> AuditInput {
        AuditInput {
            inv: self.inv.clone(),
            lookup: self.lookup.clone(),
            agents: self.agents.clone(),
            baseline: None,
            previous: None,
        }
    }

    /// Puts the audit's results in place.
    pub fn attach(&mut self, audit: AuditIndex) {
        self.audit = audit;
        self.audited = true;
    }

    /// Where a finding target id is shown.
    pub fn locate(&self, id: &str) -> Location {
        self.lookup.locate(&self.inv, id)
    }

    /// The findings about one target id.
    pub fn findings_of(&self, id: &str) -> impl Iterator<Item = &Finding> {
        self.audit
            .findings_by_target
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.audit.findings.get(i))
    }

    /// An agent's finding counts (none until the audit is attached).
    pub fn agent_counts(&self, agent: usize) -> Counts {
        self.audit
            .agent_findings
            .get(agent)
            .copied()
            .unwrap_or_default()
    }
    /// The topology tree's nodes, in tree order.
    fn topo_nodes(inv: &Inventory) -> Vec<TopoNode> {
        let mut nodes = Vec::new();
        let mut env_ids = Unique::default();
        let mut ve_index = 0usize;
        for (gi, env) in inv.genesys_environments().iter().enumerate() {
            let env_id = env_ids.take(env.id.as_deref(), "genesys-environment", gi);
            nodes.push(TopoNode {
                path: vec![env_id.clone()],
                kind: NodeKind::GenesysEnv(gi),
                hay: hay_of(&[env.id.as_deref(), env.name.as_deref()]),
            });
            let mut ve_ids = Unique::default();
            for (vi, ve) in env.voice_environments.iter().enumerate() {
                // Voice environments are numbered in the same order as `inv.voice_envs`.
                let v = ve_index;
                ve_index += 1;
                let ve_id = ve_ids.take(ve.id.as_deref(), "voice-environment", vi);
                let ve_path = vec![env_id.clone(), ve_id];
                nodes.push(TopoNode {
                    path: ve_path.clone(),
                    kind: NodeKind::VoiceEnv(v),
                    hay: hay_of(&[
                        ve.id.as_deref(),
                        ve.name.as_deref(),
                        ve.servers.primary_server_name.as_deref(),
                        ve.servers.backup_server_name.as_deref(),
                        ve.cluster_mode.then_some("cluster"),
                    ]),
                });
                let mut child_ids = Unique::default();
                if let Fact::Known(Some(dbid)) = inv.voice_env_switch_dbid(v) {
                    let name = inv.switch(dbid).and_then(|s| s.name.as_deref());
                    let id = child_ids.take(Some(&format!("switch:{dbid}")), "switch", 0);
                    let dbid_text = dbid.to_string();
                    nodes.push(TopoNode {
                        path: extend(&ve_path, id),
                        kind: NodeKind::Switch(v, dbid),
                        hay: hay_of(&[Some("switch"), name, Some(&dbid_text)]),
                    });
                }
                for (ci, conn) in ve.tserver_connections.iter().enumerate() {
                    let id = child_ids.take(conn.id.as_deref(), "connection", ci);
                    let s = &conn.servers;
                    nodes.push(TopoNode {
                        path: extend(&ve_path, id),
                        kind: NodeKind::Connection(v, ci),
                        hay: hay_of(&[
                            conn.id.as_deref(),
                            s.primary_server_name.as_deref(),
                            s.primary_address.as_deref(),
                            s.backup_server_name.as_deref(),
                            s.backup_address.as_deref(),
                        ]),
                    });
                }
            }
        }
        nodes
    }

    /// The tree path of a voice environment or switch node.
    pub fn path_of(&self, kind: NodeKind) -> Option<&[String]> {
        self.topo
            .iter()
            .find(|n| n.kind == kind)
            .map(|n| n.path.as_slice())
    }

    pub fn node_at(&self, path: &[String]) -> Option<&TopoNode> {
        self.topo.iter().find(|n| n.path == path)
    }
}

impl Lookup {
    /// Voice environments by id, switch and SIP Server application; and what each switch
    /// holds (the detail pane's facts).
    fn index_topology(&mut self, inv: &Inventory) -> HashMap<i64, SwitchFacts> {
        for (i, ve) in inv.voice_envs.iter().enumerate() {
            if let Some(id) = inv.voice_environment(i).and_then(|v| v.id.clone()) {
                self.ve_by_id.entry(id).or_insert(i);
            }
            if let Fact::Known(Some(dbid)) = inv.voice_env_switch_dbid(i) {
                self.switch_ve.entry(dbid).or_insert(i);
            }
            for app in [ve.primary_app, ve.backup_app] {
                if let Some(dbid) = app
                    .known()
                    .flatten()
                    .and_then(|a| inv.applications().get(a))
                    .and_then(|a| a.dbid)
                {
                    self.app_ve.entry(dbid).or_insert(i);
                }
            }
        }
        let mut facts: HashMap<i64, SwitchFacts> = HashMap::new();
        for &dbid in self.switch_ve.keys() {
            facts.insert(dbid, SwitchFacts::default());
        }
        for (i, dn) in inv.dns().iter().enumerate() {
            let Some(f) = dn.switch_dbid.and_then(|s| facts.get_mut(&s)) else {
                continue;
            };
            match dn.kind() {
                Some(DnType::VoipService) => f.voip.push(i),
                Some(DnType::Extension) => f.extensions += 1,
                Some(DnType::AcdQueue) => f.acd_queues += 1,
                _ => {}
            }
        }
        for login in inv.agent_logins() {
            if let Some(f) = login.switch_dbid.and_then(|s| facts.get_mut(&s)) {
                f.agent_logins += 1;
            }
        }
        facts
    }

    /// Where a finding target id is shown.
    pub fn locate(&self, inv: &Inventory, id: &str) -> Location {
        let dbid = |prefix: &str| id.strip_prefix(prefix).and_then(|d| d.parse::<i64>().ok());
        if let Some(i) = self.agent_by_id.get(id) {
            return Location::Agent(*i);
        }
        if let Some(&ve) = self.ve_by_id.get(id) {
            return Location::VoiceEnv(ve);
        }
        if let Some(s) = dbid("switch:") {
            return match self.switch_ve.get(&s) {
                Some(&ve) => Location::Switch(ve, s),
                None => Location::Nowhere,
            };
        }
        if let Some(d) = dbid("dn:") {
            let sw = inv.dn(d).and_then(|dn| dn.switch_dbid);
            return match sw.and_then(|s| self.switch_ve.get(&s).map(|&ve| (ve, s))) {
                Some((ve, s)) => Location::Switch(ve, s),
                None => Location::Nowhere,
            };
        }
        if let Some(rest) = id.strip_prefix("application:") {
            let server = rest
                .split_once('/')
                .and_then(|(_, s)| s.parse::<i64>().ok());
            if let Some(&ve) = server.and_then(|s| self.app_ve.get(&s)) {
                return Location::VoiceEnv(ve);
            }
        }
        Location::Nowhere
    }
}

impl AuditIndex {
    /// Nothing found yet, for `voice_envs` voice environments.
    fn empty(voice_envs: usize) -> AuditIndex {
        AuditIndex {
            ve_counts: vec![Counts::default(); voice_envs],
            ve_own: vec![Vec::new(); voice_envs],
            ve_mismatch: vec![false; voice_envs],
            ..AuditIndex::default()
        }
    }

    /// Runs the audit and indexes its findings by target, voice environment and switch; folds
    /// the agents' filter haystacks.
    pub fn build(input: AuditInput) -> AuditIndex {
        let AuditInput {
            inv,
            lookup,
            agents,
            baseline,
            previous,
        } = input;
        let (inv, lookup, agents, baseline) = (&*inv, &*lookup, &agents, &baseline);
        // A baseline reorders the findings kept: the previous list is then no run's order.
        let previous = previous.filter(|_| baseline.is_none());
        let all = match &previous {
            Some(p) => audit::rerun_login_option_rules(inv, &p.findings),
            None => audit::run(inv),
        };
        // Accepted findings still describe the configuration: the score counts them.
        let card = audit::report::scorecard(inv, &all);
        let (findings, counts) = match baseline {
            Some(b) => {
                let filter = audit::report::Filter::default();
                let applied = b.apply(&all, all.clone(), &filter);
                let counts = BaselineCounts {
                    accepted: applied.accepted.len(),
                    resolved: applied.resolved.len(),
                };
                let mut findings = applied.kept;
                findings.extend(applied.accepted);
                (findings, Some(counts))
            }
            None => (all, None),
        };
        let kept = findings.len() - counts.map_or(0, |c| c.accepted);
        let mut d = AuditIndex {
            agent_findings: vec![Counts::default(); inv.agents.len()],
            ..AuditIndex::empty(inv.voice_envs.len())
        };
        for (i, f) in findings.iter().enumerate() {
            if i >= kept {
                // Accepted: searchable in the Audit tab, counted nowhere.
                continue;
            }
            d.counts.add(f.severity);
            *d.rule_totals.entry(f.rule).or_insert(0) += 1;
            d.findings_by_target
                .entry(f.target.id.clone())
                .or_default()
                .push(i);
            let ve = match lookup.locate(inv, &f.target.id) {
                Location::Agent(a) => {
                    if let Some(c) = d.agent_findings.get_mut(a) {
                        c.add(f.severity);
                    }
                    inv.agents.get(a).and_then(|a| a.voice_env)
                }
                Location::VoiceEnv(v) => {
                    if let Some(own) = d.ve_own.get_mut(v) {
                        own.push(i);
                    }
                    Some(v)
                }
                Location::Switch(v, s) => {
                    if let Some(own) = d.ve_own.get_mut(v) {
                        own.push(i);
                    }
                    d.switch_findings.entry(s).or_default().push(i);
                    Some(v)
                }
                Location::Nowhere => None,
            };
            if let Some(c) = ve.and_then(|v| d.ve_counts.get_mut(v)) {
                c.add(f.severity);
            }
            if f.rule == audit::rules::GWS_102.code
                && let Some(m) = lookup
                    .ve_by_id
                    .get(&*f.target.id)
                    .and_then(|&v| d.ve_mismatch.get_mut(v))
            {
                *m = true;
            }
        }
        d.card = Some(card);
        d.baseline = counts;
        d.findings = Arc::new(findings);
        d.agent_hay = agent_haystacks(inv, agents);
        d
    }
}

/// The texts a finding's filter haystack is folded from (`filter::HayBuf`), in order.
pub fn finding_hay_parts(f: &Finding) -> [&str; 6] {
    [
        f.rule,
        f.severity.as_str(),
        &f.target.id,
        &f.target.name,
        f.option.as_deref().unwrap_or(""),
        &f.message,
    ]
}

/// One folded haystack per agent: names, ids, login, voice environment and Extension DNs; a
/// word already in it is not repeated (shorter is faster).
fn agent_haystacks(inv: &Inventory, rows: &[AgentRow]) -> Vec<Utf32String> {
    let [mut hays, back] = crate::par::halves(&inv.agents, |offset, part| {
        haystacks_of(inv, part, rows.get(offset..).unwrap_or(&[]))
    });
    hays.extend(back);
    hays
}

fn haystacks_of(
    inv: &Inventory,
    agents: &[crate::domain::Agent],
    rows: &[AgentRow],
) -> Vec<Utf32String> {
    let mut hays = Vec::with_capacity(agents.len());
    for (agent, row) in agents.iter().zip(rows) {
        let mut h = String::with_capacity(96);
        let mut add = |text: &str| {
            for word in text.split_whitespace() {
                let word = fold_str(word);
                if !h.contains(&word) {
                    if !h.is_empty() {
                        h.push(' ');
                    }
                    h.push_str(&word);
                }
            }
        };
        for field in [
            row.user(),
            row.name(),
            row.employee_id(),
            row.login(),
            &agent.id,
            &row.voice_env,
        ] {
            add(field);
        }
        let person = inv.agent_person(agent);
        if let Some(place) = person.agent_info.place_dbid.and_then(|p| inv.place(p)) {
            for dn in place.dn_dbids.iter().filter_map(|&d| inv.dn(d)) {
                if let Some(n) = &dn.number {
                    add(n);
                }
            }
        }
        hays.push(Utf32String::from(h));
    }
    hays
}

/// The agents table's rows, with the login sources per voice environment and the widest
/// cell per column.
/// They are on the first frame's path: big inventories are split across two cores.
fn agent_rows(inv: &Inventory, voice_envs: usize) -> (Vec<AgentRow>, Vec<[usize; 4]>, [usize; 8]) {
    let [first, second] = crate::par::halves(&inv.agents, |_, part| rows_of(inv, part, voice_envs));
    let (mut rows, mut ve_logins, mut widths) = first;
    let (more, logins, w) = second;
    rows.extend(more);
    for (slot, add) in ve_logins.iter_mut().zip(logins) {
        for (a, b) in slot.iter_mut().zip(add) {
            *a += b;
        }
    }
    for (a, b) in widths.iter_mut().zip(w) {
        *a = (*a).max(b);
    }
    (rows, ve_logins, widths)
}

fn rows_of(
    inv: &Inventory,
    agents: &[crate::domain::Agent],
    voice_envs: usize,
) -> (Vec<AgentRow>, Vec<[usize; 4]>, [usize; 8]) {
    let mut rows = Vec::with_capacity(agents.len());
    let mut ve_logins = vec![[0; 4]; voice_envs];
    let mut widths = Column::ALL.map(|c| c.title().len());
    // The few distinct voice environment names and can-use values, made once each.
    let mut shared = Interner::default();
    let mut can_use_of = crate::domain::ChainOption::new(inv, options_keys::CAN_USE);
    for agent in agents {
        let person = inv.agent_person(agent);
        let full = person.full_name();
        let login = match (&agent.login.value, agent.login.source) {
            (_, LoginSource::Unknown(_)) => "unknown".to_string(),
            (Some(v), _) => visible(v),
            (None, _) => "—".to_string(),
        };
        let ve_name = match agent.route {
            crate::domain::Route::Unknown(_) => "unknown".to_string(),
            _ => agent
                .voice_env
                .and_then(|v| inv.voice_environment(v))
                .map(|v| visible(v.name.as_deref().or(v.id.as_deref()).unwrap_or("?")))
                .unwrap_or_else(|| "none".to_string()),
        };
        let can_use = can_use_of.get(agent);
        let texts = [
            visible(person.user_name().unwrap_or("")),
            visible(&full),
            visible(person.employee_id().unwrap_or("")),
            login,
        ];
        let row = AgentRow {
            texts: PackedTexts::new(texts.each_ref().map(|t| Some(t.as_str()))),
            login_source: agent.login.source,
            voice_env: shared.get(&ve_name),
            cluster: inv.is_cluster_agent(agent).known(),
            mode: match agent.mode {
                Fact::Known(m) => m.as_str(),
                Fact::Unknown(_) => "unknown",
            },
            can_use: shared.get(&match can_use.value {
                Some(v) => visible(v),
                None => "unknown".to_string(),
            }),
        };
        if let Some(slot) = agent.voice_env.and_then(|v| ve_logins.get_mut(v)) {
            let i = match agent.login.source {
                LoginSource::EmployeeId => 0,
                LoginSource::AgentLogin => 1,
                LoginSource::None => 2,
                LoginSource::Unknown(_) => 3,
            };
            slot[i] += 1;
        }
        for (w, col) in widths.iter_mut().zip(Column::ALL) {
            *w = (*w).max(super::text::width(row.cell(col)).min(32));
        }
        rows.push(row);
    }
    widths[Column::Findings as usize] = widths[Column::Findings as usize].max(5);
    (rows, ve_logins, widths)
}

fn extend(path: &[String], id: String) -> Vec<String> {
    let mut p = path.to_vec();
    p.push(id);
    p
}

fn hay_of(parts: &[Option<&str>]) -> Utf32String {
    let text = parts
        .iter()
        .flatten()
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    fold(&text)
}

/// Sibling ids made unique: the stored id, else `<kind>#<index>`; repeats get `#2`, `#3`.
#[derive(Default)]
struct Unique {
    seen: HashMap<String, usize>,
}

impl Unique {
    fn take(&mut self, id: Option<&str>, kind: &str, index: usize) -> String {
        let base = match id {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => format!("{kind}#{index}"),
        };
        let n = self.seen.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 { base } else { format!("{base}#{n}") }
    }
}
