//! The app state and its one handler: events become actions (keymap.rs), actions change
//! state here. No terminal and no I/O: the runner (mod.rs) draws and runs the jobs, tests
//! drive this directly.

use super::action::{Action, Tab};
use super::data::{Column, Data, Location, NodeKind};
use super::detail;
use super::filter::{Fuzzy, Query, Scan};
use super::keymap::{self, Scope};
use super::load::{JobEvent, JobKind, JobRequest, Loader};
use super::nav::ListNav;
use super::raw::{RawCache, RawTarget};
use super::theme::Theme;
use super::views::topology as topo_view;
use crate::audit::Severity;
use crate::snapshot::GwsConfig;
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use std::collections::HashSet;
use std::time::SystemTime;
use tui_tree_widget::{TreeItem, TreeState};

/// How the source was opened; the header shows it as a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceMode {
    Demo,
    Offline,
    Live,
}

impl SourceMode {
    pub fn badge(self) -> &'static str {
        match self {
            SourceMode::Demo => "DEMO",
            SourceMode::Offline => "OFFLINE",
            SourceMode::Live => "LIVE",
        }
    }
}

#[derive(Debug, Clone)]
pub struct SourceDesc {
    pub label: String,
    pub mode: SourceMode,
    /// TLS verification is off (said on every screen).
    pub insecure: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Detail,
}

/// A job in flight, for the loading view and the header.
#[derive(Debug, Clone)]
pub struct Loading {
    pub kind: JobKind,
    pub n: usize,
    pub total: usize,
    pub what: String,
}

/// A row of the audit list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditRow {
    Rule {
        rule: &'static str,
        severity: Severity,
        /// Findings of the rule that pass the filter and severity toggles.
        count: usize,
    },
    Finding(usize),
}

/// What identifies an audit row across reloads: the rule, and for a finding its target id
/// and option.
type AuditKey = (&'static str, Option<(String, Option<String>)>);

/// The object the detail pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selected {
    Nothing,
    Node(NodeKind),
    Agent(usize),
    Finding(usize),
    Rule(&'static str),
}

/// Where things were drawn last, for the mouse.
#[derive(Debug, Clone, Default)]
pub struct Areas {
    pub tabs: Vec<(Rect, Tab)>,
    pub list: Rect,
    /// Screen row of the first list row (below any column header).
    pub list_rows_top: u16,
    pub detail: Rect,
    pub detail_rows_top: u16,
}

pub struct App {
    pub source: SourceDesc,
    pub theme: Theme,
    /// The user's gwsConfig overrides (flags and `--gws-config`), without what-if.
    pub overrides: GwsConfig,
    /// What-if: `useEmployeeIdAsAgentLoginForSIPCluster` forced to this value.
    pub what_if: Option<bool>,
    pub data: Option<Box<Data>>,
    pub loading: Option<Loading>,
    generation: u64,
    pending: Option<JobRequest>,
    /// When the data on screen was loaded (live refreshes).
    pub loaded_at: Option<SystemTime>,
    /// The last refresh failed: the data on screen is older than the source.
    pub stale: bool,
    pub error: Option<String>,
    /// The first load failed: the runner exits with this.
    pub fatal: Option<String>,
    pub quit: bool,

    pub tab: Tab,
    pub focus: Pane,
    pub help: Option<usize>,
    pub raw: bool,
    raw_cache: RawCache,
    raw_text: Option<(RawTarget, Result<Vec<String>, String>)>,
    pub filter_editing: bool,
    pub filters: [String; 3],
    fuzzy: Fuzzy,
    back_tab: Option<Tab>,
    pub status: Option<String>,
    /// Text to put on the clipboard (OSC 52) at the next draw.
    pub clipboard: Option<String>,

    pub tree: TreeState<String>,
    pub tree_items: Vec<TreeItem<'static, String>>,
    tree_rows: Vec<Vec<String>>,
    tree_initialised: bool,

    pub sort: Column,
    pub descending: bool,
    order: Vec<u32>,
    pub agent_view: Vec<u32>,
    /// The last filter text and the agents (rank in `order`, index) its words match at all,
    /// good enough or not: where the next keystroke's search starts.
    agent_candidates: Option<(String, Vec<(u32, u32)>)>,
    pub agents_nav: ListNav,

    pub shown: [bool; 3],
    folded: HashSet<&'static str>,
    pub audit_rows: Vec<AuditRow>,
    pub audit_nav: ListNav,
    pub audit_matches: usize,

    pub detail_nav: ListNav,
    detail_for: Selected,
    /// Set by the last render: rows and width of the panes.
    pub list_height: usize,
    pub detail_height: usize,
    pub detail_width: usize,
    pub areas: Areas,
}

fn sev_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warn => 1,
        Severity::Info => 2,
    }
}

impl App {
    /// A new app; its first job (the load) is pending.
    pub fn new(source: SourceDesc, theme: Theme, overrides: GwsConfig) -> App {
        let mut app = App {
            source,
            theme,
            overrides,
            what_if: None,
            data: None,
            loading: None,
            generation: 0,
            pending: None,
            loaded_at: None,
            stale: false,
            error: None,
            fatal: None,
            quit: false,
            tab: Tab::Topology,
            focus: Pane::List,
            help: None,
            raw: false,
            raw_cache: RawCache::default(),
            raw_text: None,
            filter_editing: false,
            filters: Default::default(),
            fuzzy: Fuzzy::default(),
            back_tab: None,
            status: None,
            clipboard: None,
            tree: TreeState::default(),
            tree_items: Vec::new(),
            tree_rows: Vec::new(),
            tree_initialised: false,
            sort: Column::User,
            descending: false,
            order: Vec::new(),
            agent_view: Vec::new(),
            agent_candidates: None,
            agents_nav: ListNav::default(),
            shown: [true; 3],
            folded: HashSet::new(),
            audit_rows: Vec::new(),
            audit_nav: ListNav::default(),
            audit_matches: 0,
            detail_nav: ListNav::default(),
            detail_for: Selected::Nothing,
            list_height: 10,
            detail_height: 10,
            detail_width: 60,
            areas: Areas::default(),
        };
        app.request_load();
        app
    }

    // ----- jobs -----------------------------------------------------------------------

    /// The gwsConfig overrides in force: the user's, with what-if on top.
    pub fn overrides_in_force(&self) -> GwsConfig {
        let mut c = self.overrides.clone();
        if let Some(v) = self.what_if {
            c.use_employee_id_login = Some(v);
        }
        c
    }

    /// `useEmployeeIdAsAgentLoginForSIPCluster` as the source and the user set it.
    pub fn base_use_employee_id(&self) -> bool {
        match &self.data {
            Some(d) => {
                let mut c = d.snapshot.gws_config.clone();
                c.overlay(&self.overrides);
                c.use_employee_id()
            }
            None => self.overrides.use_employee_id(),
        }
    }

    fn request_load(&mut self) {
        self.generation += 1;
        self.loading = Some(Loading {
            kind: JobKind::Load,
            n: 0,
            total: 0,
            what: format!("opening {}", self.source.label),
        });
        self.pending = Some(JobRequest::Load {
            generation: self.generation,
            overrides: self.overrides_in_force(),
        });
    }

    fn request_recompute(&mut self) {
        let Some(data) = &self.data else { return };
        self.generation += 1;
        let snapshot = data.snapshot.clone();
        self.loading = Some(Loading {
            kind: JobKind::Recompute,
            n: 0,
            total: 0,
            what: "recomputing login IDs and findings".into(),
        });
        self.pending = Some(JobRequest::Recompute {
            generation: self.generation,
            snapshot,
            overrides: self.overrides_in_force(),
        });
    }

    /// The job the runner should start, if any.
    pub fn take_request(&mut self) -> Option<JobRequest> {
        self.pending.take()
    }

    /// Runs any pending job on this thread (tests and benches).
    pub fn settle(&mut self, loader: &Loader) {
        while let Some(request) = self.take_request() {
            let event = super::load::run_request_blocking(loader, request);
            self.on_job(event);
        }
    }

    pub fn on_job(&mut self, event: JobEvent) {
        match event {
            JobEvent::Progress {
                generation,
                n,
                total,
                what,
            } => {
                if generation == self.generation
                    && let Some(l) = &mut self.loading
                {
                    l.n = n;
                    l.total = total;
                    l.what = what;
                }
            }
            JobEvent::Done {
                generation,
                kind,
                result,
            } => {
                if generation != self.generation {
                    return;
                }
                self.loading = None;
                match (kind, result) {
                    (_, Ok(data)) => {
                        if kind == JobKind::Load {
                            self.loaded_at = Some(SystemTime::now());
                            self.stale = false;
                            self.error = None;
                        }
                        self.install(data);
                    }
                    (JobKind::Load, Err(e)) if self.data.is_none() => self.fatal = Some(e),
                    (JobKind::Load, Err(e)) => {
                        self.stale = true;
                        self.error = Some(format!("refresh failed: {e}"));
                    }
                    (JobKind::Recompute, Err(e)) => {
                        self.what_if = None;
                        self.error = Some(format!("what-if failed: {e}"));
                    }
                }
            }
        }
    }

    /// Puts new data on screen, keeping expansion, selection and filters.
    pub fn install(&mut self, data: Box<Data>) {
        let agent_id = self.selected_agent().and_then(|i| self.agent_id(i));
        let audit_key = self.audit_key();
        self.data = Some(data);
        self.raw_cache.clear();
        self.raw_text = None;
        self.rebuild_tree();
        if !self.tree_initialised {
            self.tree_initialised = true;
            if let Some(d) = &self.data {
                for node in &d.topo {
                    if matches!(node.kind, NodeKind::GenesysEnv(_)) {
                        self.tree.open(node.path.clone());
                    }
                }
            }
            self.refresh_tree_rows();
            if let Some(first) = self.tree_rows.first().cloned() {
                self.tree.select(first);
            }
        }
        self.resort_agents();
        if let Some(id) = agent_id {
            self.select_agent_by_id(&id);
        }
        self.rebuild_audit();
        if let Some(key) = audit_key {
            self.select_audit_key(key);
        }
    }

    // ----- selection ------------------------------------------------------------------

    pub fn selected(&self) -> Selected {
        match self.tab {
            Tab::Topology => self
                .data
                .as_ref()
                .and_then(|d| d.node_at(self.tree.selected()))
                .map_or(Selected::Nothing, |n| Selected::Node(n.kind)),
            Tab::Agents => self
                .selected_agent()
                .map_or(Selected::Nothing, Selected::Agent),
            Tab::Audit => match self.audit_rows.get(self.audit_nav.selected) {
                Some(AuditRow::Rule { rule, .. }) => Selected::Rule(rule),
                Some(AuditRow::Finding(i)) => Selected::Finding(*i),
                None => Selected::Nothing,
            },
        }
    }

    pub fn selected_agent(&self) -> Option<usize> {
        self.agent_view
            .get(self.agents_nav.selected)
            .map(|&i| i as usize)
    }

    fn agent_id(&self, i: usize) -> Option<String> {
        self.data.as_ref()?.inv.agents.get(i).map(|a| a.id.clone())
    }

    fn select_agent_by_id(&mut self, id: &str) -> bool {
        let Some(i) = self
            .data
            .as_ref()
            .and_then(|d| d.agent_by_id.get(id).copied())
        else {
            return false;
        };
        match self.agent_view.iter().position(|&a| a as usize == i) {
            Some(pos) => {
                self.agents_nav.select(pos, self.agent_view.len());
                true
            }
            None => false,
        }
    }

    /// The detail pane's lines for the current selection, reset to the top when it changed.
    pub fn detail_lines(&mut self) -> Vec<detail::DLine> {
        let sel = self.selected();
        if sel != self.detail_for {
            self.detail_for = sel;
            self.detail_nav = ListNav::default();
            self.raw_text = None;
        }
        if self.raw {
            return self.raw_lines(sel);
        }
        match &self.data {
            Some(d) => detail::lines(
                d,
                &self.theme,
                sel,
                self.detail_width,
                self.what_if.is_some(),
            ),
            None => Vec::new(),
        }
    }

    fn raw_target(sel: Selected) -> Option<RawTarget> {
        match sel {
            Selected::Node(k) => Some(RawTarget::Node(k)),
            Selected::Agent(i) => Some(RawTarget::Agent(i)),
            Selected::Finding(i) => Some(RawTarget::Finding(i)),
            Selected::Rule(_) | Selected::Nothing => None,
        }
    }

    fn raw_lines(&mut self, sel: Selected) -> Vec<detail::DLine> {
        let Some(target) = Self::raw_target(sel) else {
            return vec![detail::DLine::plain(
                "no raw JSON for this row: select an object",
            )];
        };
        let Some(data) = &self.data else {
            return Vec::new();
        };
        if self.raw_text.as_ref().map(|(t, _)| *t) != Some(target) {
            let text = self
                .raw_cache
                .json(data, target)
                .map(|s| s.lines().map(super::text::visible).collect());
            self.raw_text = Some((target, text));
        }
        match &self.raw_text {
            Some((_, Ok(lines))) => lines
                .iter()
                .flat_map(|l| detail::DLine::raw(l, &self.theme, self.detail_width))
                .collect(),
            Some((_, Err(e))) => vec![detail::DLine::plain(&format!("raw JSON unavailable: {e}"))],
            None => Vec::new(),
        }
    }

    // ----- topology -------------------------------------------------------------------

    fn rebuild_tree(&mut self) {
        let Some(data) = &self.data else { return };
        let query = Query::new(&self.filters[Tab::Topology.index()]);
        let keep: Vec<bool> = match &query {
            None => vec![true; data.topo.len()],
            Some(q) => {
                let hit: Vec<bool> = data
                    .topo
                    .iter()
                    .map(|n| self.fuzzy.score(q, &n.hay).is_some())
                    .collect();
                // A node stays when it, an ancestor or a descendant matches.
                data.topo
                    .iter()
                    .map(|n| {
                        data.topo.iter().zip(&hit).any(|(m, &h)| {
                            h && (m.path.starts_with(&n.path) || n.path.starts_with(&m.path))
                        })
                    })
                    .collect()
            }
        };
        if query.is_some() {
            // Open the ancestors of every kept node, so matches are in view.
            for (n, &k) in data.topo.iter().zip(&keep) {
                if k {
                    for depth in 1..n.path.len() {
                        self.tree.open(n.path[..depth].to_vec());
                    }
                }
            }
        }
        self.tree_items = topo_view::items(data, &self.theme, &keep);
        self.refresh_tree_rows();
    }

    fn refresh_tree_rows(&mut self) {
        self.tree_rows = self
            .tree
            .flatten(&self.tree_items)
            .into_iter()
            .map(|f| f.identifier)
            .collect();
        let selected = self.tree.selected().to_vec();
        if !self.tree_rows.contains(&selected) {
            // The closest ancestor still shown, else the first row.
            let mut path = selected;
            while !path.is_empty() && !self.tree_rows.contains(&path) {
                path.pop();
            }
            let path = if path.is_empty() {
                self.tree_rows.first().cloned().unwrap_or_default()
            } else {
                path
            };
            self.tree.select(path);
        }
    }

    pub fn tree_rows(&self) -> &[Vec<String>] {
        &self.tree_rows
    }

    fn tree_step(&mut self, delta: isize) {
        let len = self.tree_rows.len();
        let current = self
            .tree_rows
            .iter()
            .position(|p| p.as_slice() == self.tree.selected())
            .unwrap_or(0);
        let mut nav = ListNav {
            selected: current,
            offset: 0,
        };
        match delta {
            isize::MIN => nav.top(),
            isize::MAX => nav.bottom(len),
            d => nav.step(d, len),
        }
        if let Some(path) = self.tree_rows.get(nav.selected).cloned() {
            self.tree.select(path);
        }
    }

    fn select_tree_path(&mut self, path: Vec<String>) {
        for depth in 1..path.len() {
            self.tree.open(path[..depth].to_vec());
        }
        self.refresh_tree_rows();
        if !self.tree_rows.contains(&path) && !self.filters[Tab::Topology.index()].is_empty() {
            self.filters[Tab::Topology.index()].clear();
            self.rebuild_tree();
        }
        self.tree.select(path);
        self.refresh_tree_rows();
    }

    // ----- agents ---------------------------------------------------------------------

    fn resort_agents(&mut self) {
        let Some(data) = &self.data else { return };
        let mut order: Vec<u32> = (0..data.agents.len() as u32).collect();
        let rows = &data.agents;
        let col = self.sort;
        match col {
            Column::Findings => order.sort_by_key(|&i| {
                let c = rows[i as usize].findings;
                (std::cmp::Reverse((c.error, c.warn, c.info)), i)
            }),
            _ => order.sort_by_cached_key(|&i| {
                let r = &rows[i as usize];
                (r.cell(col).to_lowercase(), r.user.to_lowercase(), i)
            }),
        }
        if self.descending {
            order.reverse();
        }
        self.order = order;
        self.agent_candidates = None;
        self.refilter_agents();
    }

    fn refilter_agents(&mut self) {
        let Some(data) = &self.data else { return };
        let keep_id = self.selected_agent();
        match Query::new(&self.filters[Tab::Agents.index()]) {
            None => {
                self.agent_view = self.order.clone();
                self.agent_candidates = None;
            }
            Some(q) => {
                // Typing on: only what matched the shorter text can match the longer one
                // (a plain query narrows), so those are the only ones scored again.
                let text = &self.filters[Tab::Agents.index()];
                let narrowing = self
                    .agent_candidates
                    .as_ref()
                    .filter(|(prev, _)| q.is_plain() && text.starts_with(prev.as_str()));
                let pool: Vec<(u32, u32)> = match narrowing {
                    Some((_, pool)) => pool.clone(),
                    None => (0..).zip(self.order.iter().copied()).collect(),
                };
                let Scan {
                    candidates,
                    mut scored,
                } = Fuzzy::scan(&q, &pool, &data.agent_hay);
                // Best match first; ties keep the sort order.
                scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                self.agent_view = scored.into_iter().map(|(_, _, i)| i).collect();
                self.agent_candidates = q.is_plain().then(|| (text.clone(), candidates));
            }
        }
        let filtering = !self.filters[Tab::Agents.index()].is_empty();
        let kept = keep_id
            .and_then(|i| self.agent_view.iter().position(|&a| a as usize == i))
            .filter(|_| !filtering);
        match kept {
            Some(pos) => self.agents_nav.select(pos, self.agent_view.len()),
            // While typing a filter, the best match is the one to see.
            None => self.agents_nav = ListNav::default(),
        }
    }

    // ----- audit ----------------------------------------------------------------------

    fn audit_key(&self) -> Option<AuditKey> {
        let data = self.data.as_ref()?;
        match self.audit_rows.get(self.audit_nav.selected)? {
            AuditRow::Rule { rule, .. } => Some((rule, None)),
            AuditRow::Finding(i) => {
                let f = data.findings.get(*i)?;
                Some((f.rule, Some((f.target.id.clone(), f.option.clone()))))
            }
        }
    }

    fn select_audit_key(&mut self, key: AuditKey) {
        let Some(data) = &self.data else { return };
        let pos = self.audit_rows.iter().position(|row| match (row, &key) {
            (AuditRow::Rule { rule, .. }, (r, None)) => rule == r,
            (AuditRow::Finding(i), (r, Some((id, opt)))) => data
                .findings
                .get(*i)
                .is_some_and(|f| f.rule == *r && f.target.id == *id && f.option == *opt),
            _ => false,
        });
        if let Some(p) = pos {
            self.audit_nav.select(p, self.audit_rows.len());
        }
    }

    fn rebuild_audit(&mut self) {
        let Some(data) = &self.data else { return };
        let key = self.audit_key();
        let query = Query::new(&self.filters[Tab::Audit.index()]);
        let mut rows = Vec::new();
        let mut matches = 0;
        let mut i = 0;
        while i < data.findings.len() {
            let rule = data.findings[i].rule;
            let severity = data.findings[i].severity;
            let mut j = i;
            let mut members = Vec::new();
            while j < data.findings.len() && data.findings[j].rule == rule {
                let f = &data.findings[j];
                let pass = self.shown[sev_index(f.severity)]
                    && query.as_ref().is_none_or(|q| {
                        data.finding_hay
                            .get(j)
                            .is_some_and(|h| self.fuzzy.score(q, h).is_some())
                    });
                if pass {
                    members.push(j);
                }
                j += 1;
            }
            if !members.is_empty() {
                matches += members.len();
                rows.push(AuditRow::Rule {
                    rule,
                    severity,
                    count: members.len(),
                });
                if !self.folded.contains(rule) {
                    rows.extend(members.into_iter().map(AuditRow::Finding));
                }
            }
            i = j;
        }
        self.audit_rows = rows;
        self.audit_matches = matches;
        match key {
            Some(k) => self.select_audit_key(k),
            None => self.audit_nav = ListNav::default(),
        }
        let len = self.audit_rows.len();
        self.audit_nav.select(self.audit_nav.selected, len);
    }

    /// The audit row of a rule, for folding from a finding.
    fn rule_row_of(&self, pos: usize) -> Option<usize> {
        (0..=pos)
            .rev()
            .find(|&p| matches!(self.audit_rows.get(p), Some(AuditRow::Rule { .. })))
    }

    fn fold(&mut self, fold: bool) {
        let Some(p) = self.rule_row_of(self.audit_nav.selected) else {
            return;
        };
        if let Some(AuditRow::Rule { rule, .. }) = self.audit_rows.get(p).copied() {
            self.audit_nav.selected = p;
            let changed = if fold {
                self.folded.insert(rule)
            } else {
                self.folded.remove(rule)
            };
            if changed {
                self.rebuild_audit();
            }
        }
    }

    /// Jumps to where a finding's target is shown.
    fn jump(&mut self, finding: usize) {
        let Some(data) = &self.data else { return };
        let Some(f) = data.findings.get(finding) else {
            return;
        };
        let id = f.target.id.clone();
        let location = data.locate(&id);
        let path = match location {
            Location::VoiceEnv(v) => data.path_of(NodeKind::VoiceEnv(v)).map(<[String]>::to_vec),
            Location::Switch(v, s) => data.path_of(NodeKind::Switch(v, s)).map(<[String]>::to_vec),
            _ => None,
        };
        match (location, path) {
            (Location::Agent(_), _) => {
                self.tab = Tab::Agents;
                if !self.select_agent_by_id(&id) {
                    self.filters[Tab::Agents.index()].clear();
                    self.refilter_agents();
                    self.select_agent_by_id(&id);
                }
            }
            (_, Some(path)) => {
                self.tab = Tab::Topology;
                self.select_tree_path(path);
            }
            _ => {
                self.status = Some(if id == "snapshot" {
                    "a snapshot-wide finding: nothing to jump to".into()
                } else {
                    format!("{id} is not shown in any tab")
                });
                return;
            }
        }
        self.back_tab = Some(Tab::Audit);
        self.focus = Pane::List;
        self.status = Some(format!("jumped to {id} (Esc: back to Audit)"));
    }

    // ----- input ----------------------------------------------------------------------

    /// The keymap scopes of what has the focus, most specific first.
    pub fn scopes(&self) -> Vec<Scope> {
        match (self.focus, self.tab) {
            (Pane::Detail, _) => vec![Scope::Detail],
            (Pane::List, Tab::Topology) => vec![Scope::Topology],
            (Pane::List, Tab::Agents) => vec![Scope::Agents],
            (Pane::List, Tab::Audit) => vec![Scope::Audit],
        }
    }

    pub fn handle_key(&mut self, ev: KeyEvent) {
        if ev.kind == KeyEventKind::Release {
            return;
        }
        self.status = None;
        if self.help.is_some() {
            self.help_key(ev);
            return;
        }
        if self.filter_editing && self.filter_key(ev) {
            return;
        }
        if let Some(action) = keymap::lookup(&self.scopes(), &ev) {
            self.apply(action);
        }
    }

    fn help_key(&mut self, ev: KeyEvent) {
        let scroll = self.help.unwrap_or(0);
        let next = match keymap::lookup(&[], &ev) {
            Some(Action::Up) => scroll.saturating_sub(1),
            Some(Action::Down) => scroll + 1,
            Some(Action::PageUp) => scroll.saturating_sub(10),
            Some(Action::PageDown) => scroll + 10,
            Some(Action::Top) => 0,
            Some(Action::Bottom) => usize::MAX / 2,
            Some(Action::Help | Action::Back | Action::Quit) => {
                self.help = None;
                return;
            }
            _ => scroll,
        };
        self.help = Some(next);
    }

    /// Keys while the filter line is open; `false` when the key is not the filter's.
    fn filter_key(&mut self, ev: KeyEvent) -> bool {
        let t = self.tab.index();
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match ev.code {
            KeyCode::Esc => {
                self.filter_editing = false;
                self.set_filter(String::new());
            }
            KeyCode::Enter | KeyCode::Tab => {
                self.filter_editing = false;
            }
            KeyCode::Backspace => {
                let mut f = self.filters[t].clone();
                f.pop();
                self.set_filter(f);
            }
            KeyCode::Char('u') if ctrl => self.set_filter(String::new()),
            KeyCode::Char('w') if ctrl => {
                let f = self.filters[t].trim_end();
                let cut = f.rfind(' ').map_or(0, |i| i + 1);
                let f = f[..cut].to_string();
                self.set_filter(f);
            }
            KeyCode::Char('c') if ctrl => self.quit = true,
            KeyCode::Char(c) if !ctrl => {
                let mut f = self.filters[t].clone();
                f.push(c);
                self.set_filter(f);
            }
            KeyCode::Up | KeyCode::Down | KeyCode::PageUp | KeyCode::PageDown => return false,
            _ => {}
        }
        true
    }

    /// Sets the current tab's filter text and narrows the tab.
    pub fn set_filter(&mut self, text: String) {
        let t = self.tab;
        if self.filters[t.index()] == text {
            return;
        }
        self.filters[t.index()] = text;
        match t {
            Tab::Topology => self.rebuild_tree(),
            Tab::Agents => self.refilter_agents(),
            Tab::Audit => {
                self.audit_nav = ListNav::default();
                self.rebuild_audit();
                self.audit_nav = ListNav::default();
            }
        }
    }

    fn page(&self) -> isize {
        let rows = match self.focus {
            Pane::List => self.list_height,
            Pane::Detail => self.detail_height,
        };
        rows.saturating_sub(1).max(1) as isize
    }

    fn list_step(&mut self, delta: isize) {
        match self.tab {
            Tab::Topology => self.tree_step(delta),
            Tab::Agents => {
                let len = self.agent_view.len();
                match delta {
                    isize::MIN => self.agents_nav.top(),
                    isize::MAX => self.agents_nav.bottom(len),
                    d => self.agents_nav.step(d, len),
                }
            }
            Tab::Audit => {
                let len = self.audit_rows.len();
                match delta {
                    isize::MIN => self.audit_nav.top(),
                    isize::MAX => self.audit_nav.bottom(len),
                    d => self.audit_nav.step(d, len),
                }
            }
        }
    }

    fn detail_step(&mut self, delta: isize) {
        let len = self.detail_lines().len();
        match delta {
            isize::MIN => self.detail_nav.top(),
            isize::MAX => self.detail_nav.bottom(len),
            d => self.detail_nav.step(d, len),
        }
    }

    fn step(&mut self, delta: isize) {
        match self.focus {
            Pane::List => self.list_step(delta),
            Pane::Detail => self.detail_step(delta),
        }
    }

    /// A page up or down: the view scrolls with the cursor, which keeps its screen row.
    fn page_step(&mut self, delta: isize) {
        let shift = |nav: &mut ListNav| nav.offset = nav.offset.saturating_add_signed(delta);
        match (self.focus, self.tab) {
            (Pane::Detail, _) => shift(&mut self.detail_nav),
            (Pane::List, Tab::Agents) => shift(&mut self.agents_nav),
            (Pane::List, Tab::Audit) => shift(&mut self.audit_nav),
            (Pane::List, Tab::Topology) => {
                let lines = delta.unsigned_abs();
                if delta > 0 {
                    self.tree.scroll_down(lines);
                } else {
                    self.tree.scroll_up(lines);
                }
            }
        }
        self.step(delta);
    }

    /// The one handler of every action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.help = Some(0),
            Action::FocusNext | Action::FocusPrev => {
                self.focus = match self.focus {
                    Pane::List => Pane::Detail,
                    Pane::Detail => Pane::List,
                };
            }
            Action::Tab(t) => {
                self.tab = t;
                self.focus = Pane::List;
                self.filter_editing = false;
                self.back_tab = None;
            }
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => {
                let p = self.page();
                self.page_step(-p);
            }
            Action::PageDown => {
                let p = self.page();
                self.page_step(p);
            }
            Action::Top => self.step(isize::MIN),
            Action::Bottom => self.step(isize::MAX),
            Action::Left => self.left(),
            Action::Right => self.right(),
            Action::Enter => self.enter(),
            Action::Back => self.back(),
            Action::Filter => {
                if self.data.is_some() {
                    self.filter_editing = true;
                    self.focus = Pane::List;
                }
            }
            Action::Raw => {
                self.raw = !self.raw;
                self.raw_text = None;
                self.detail_nav = ListNav::default();
            }
            Action::Copy => self.copy(),
            Action::Refresh => {
                if self.loading.is_some() {
                    self.status = Some("busy: a load is running".into());
                } else {
                    self.request_load();
                }
            }
            Action::WhatIf => self.toggle_what_if(),
            Action::SortNext => {
                self.sort = self.sort.next();
                self.descending = false;
                self.resort_agents();
            }
            Action::SortReverse => {
                self.descending = !self.descending;
                self.resort_agents();
            }
            Action::ToggleSeverity(s) => {
                let i = sev_index(s);
                self.shown[i] = !self.shown[i];
                self.rebuild_audit();
            }
            Action::ExpandAll => {
                if let Some(d) = &self.data {
                    for n in &d.topo {
                        self.tree.open(n.path.clone());
                    }
                }
                self.refresh_tree_rows();
            }
            Action::CollapseAll => {
                self.tree.close_all();
                self.refresh_tree_rows();
            }
        }
    }

    fn left(&mut self) {
        match (self.focus, self.tab) {
            (Pane::Detail, _) => self.focus = Pane::List,
            (Pane::List, Tab::Topology) => {
                let sel = self.tree.selected().to_vec();
                if !self.tree.close(&sel) {
                    let mut parent = sel;
                    parent.pop();
                    if !parent.is_empty() {
                        self.tree.select(parent);
                    }
                }
                self.refresh_tree_rows();
            }
            (Pane::List, Tab::Audit) => self.fold(true),
            (Pane::List, Tab::Agents) => {}
        }
    }

    fn right(&mut self) {
        match (self.focus, self.tab) {
            (Pane::List, Tab::Topology) => {
                // Open a closed node; on an open one go to its first child; on a leaf, to
                // the detail.
                let sel = self.tree.selected().to_vec();
                if !self.has_children(&sel) {
                    self.focus = Pane::Detail;
                } else if !self.tree.open(sel) {
                    self.tree_step(1);
                }
                self.refresh_tree_rows();
            }
            (Pane::List, Tab::Audit) => self.fold(false),
            (Pane::List, Tab::Agents) => self.focus = Pane::Detail,
            (Pane::Detail, _) => {}
        }
    }

    /// Whether a tree node has children (shown or not).
    fn has_children(&self, path: &[String]) -> bool {
        self.data.as_ref().is_some_and(|d| {
            d.topo
                .iter()
                .any(|n| n.path.len() > path.len() && n.path.starts_with(path))
        })
    }

    fn enter(&mut self) {
        match (self.focus, self.tab) {
            (Pane::Detail, _) => {}
            (Pane::List, Tab::Topology) => {
                let sel = self.tree.selected().to_vec();
                let has_children = self.has_children(&sel);
                if has_children {
                    self.tree.toggle(sel);
                    self.refresh_tree_rows();
                } else {
                    self.focus = Pane::Detail;
                }
            }
            (Pane::List, Tab::Agents) => self.focus = Pane::Detail,
            (Pane::List, Tab::Audit) => match self.audit_rows.get(self.audit_nav.selected).copied()
            {
                Some(AuditRow::Finding(i)) => self.jump(i),
                Some(AuditRow::Rule { rule, .. }) => {
                    let fold = !self.folded.contains(rule);
                    self.fold(fold);
                }
                None => {}
            },
        }
    }

    fn back(&mut self) {
        if self.raw {
            self.raw = false;
            self.raw_text = None;
        } else if self.focus == Pane::Detail {
            self.focus = Pane::List;
        } else if !self.filters[self.tab.index()].is_empty() {
            self.set_filter(String::new());
        } else if let Some(t) = self.back_tab.take() {
            self.tab = t;
        }
    }

    fn toggle_what_if(&mut self) {
        if self.data.is_none() {
            return;
        }
        if self.loading.is_some() {
            self.status = Some("busy: a load is running".into());
            return;
        }
        self.what_if = match self.what_if {
            Some(_) => None,
            None => Some(!self.base_use_employee_id()),
        };
        self.request_recompute();
    }

    fn copy(&mut self) {
        let text = match self.focus {
            Pane::Detail => {
                let lines = self.detail_lines();
                lines
                    .get(self.detail_nav.selected)
                    .and_then(|l| l.copy.clone().or_else(|| Some(l.text())))
            }
            Pane::List => self.selected_id(),
        };
        match text.filter(|t| !t.trim().is_empty()) {
            Some(t) => {
                self.status = Some(format!(
                    "copied {}",
                    super::text::truncate(&super::text::visible(&t), 60)
                ));
                self.clipboard = Some(t);
            }
            None => self.status = Some("nothing to copy here".into()),
        }
    }

    /// The id of the selected object (what `y` copies from a list).
    pub fn selected_id(&self) -> Option<String> {
        let data = self.data.as_ref()?;
        match self.selected() {
            Selected::Agent(i) => data.inv.agents.get(i).map(|a| a.id.clone()),
            Selected::Node(_) => self.tree.selected().last().cloned(),
            Selected::Finding(i) => data.findings.get(i).map(|f| {
                format!(
                    "{} {} {}: {}",
                    f.rule,
                    f.severity.as_str(),
                    f.target.id,
                    f.message
                )
            }),
            Selected::Rule(r) => Some(r.to_string()),
            Selected::Nothing => None,
        }
    }

    // ----- mouse ----------------------------------------------------------------------

    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        if self.help.is_some() || self.data.is_none() {
            return;
        }
        let pos = Position::new(ev.column, ev.row);
        let in_list = self.areas.list.contains(pos);
        let in_detail = self.areas.detail.contains(pos);
        match ev.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let d = if ev.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                if in_list {
                    self.list_step(d);
                } else if in_detail {
                    self.detail_step(d);
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.status = None;
                if let Some((_, tab)) = self.areas.tabs.iter().find(|(r, _)| r.contains(pos)) {
                    self.apply(Action::Tab(*tab));
                } else if in_list {
                    self.focus = Pane::List;
                    self.click_list(pos);
                } else if in_detail {
                    self.focus = Pane::Detail;
                    if pos.y >= self.areas.detail_rows_top {
                        let row =
                            (pos.y - self.areas.detail_rows_top) as usize + self.detail_nav.offset;
                        let len = self.detail_lines().len();
                        self.detail_nav.select(row, len);
                    }
                }
            }
            _ => {}
        }
    }

    fn click_list(&mut self, pos: Position) {
        if pos.y < self.areas.list_rows_top {
            return;
        }
        let row = (pos.y - self.areas.list_rows_top) as usize;
        match self.tab {
            Tab::Topology => {
                if let Some(path) = self.tree.rendered_at(pos).map(<[String]>::to_vec) {
                    if path.as_slice() == self.tree.selected() {
                        self.tree.toggle(path);
                        self.refresh_tree_rows();
                    } else {
                        self.tree.select(path);
                    }
                }
            }
            Tab::Agents => {
                let i = self.agents_nav.offset + row;
                if i < self.agent_view.len() {
                    self.agents_nav.selected = i;
                }
            }
            Tab::Audit => {
                let i = self.audit_nav.offset + row;
                if i < self.audit_rows.len() {
                    self.audit_nav.selected = i;
                }
            }
        }
    }
}
