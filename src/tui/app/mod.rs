//! The app state and its one handler: events become actions (keymap.rs), actions change
//! state here. No terminal and no I/O: the runner (tui/mod.rs) draws and runs the jobs,
//! tests drive this directly.
//!
//! Here: the state, jobs and the selection. Per tab: `topology`, `agents`, `audit`; keys,
//! mouse and `apply`: `input`.

mod agents;
mod audit;
mod input;
mod topology;

use super::action::Tab;
use super::data::{Column, Data, NodeKind};
use super::detail;
use super::filter::Fuzzy;
use super::load::{JobEvent, JobKind, JobRequest, Loader};
use super::nav::ListNav;
use super::raw::{RawCache, RawTarget};
use super::theme::Theme;
use crate::audit::Severity;
use crate::snapshot::GwsConfig;
use ratatui::layout::Rect;
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
    /// The last refresh failed, or brought less than the data on screen: the data shown is
    /// older than the source.
    pub stale: bool,
    /// Why, one line each: `path: reason` per resource that failed, or the refresh's error.
    pub stale_reasons: Vec<String>,
    /// The generation of the data on screen (its audit is accepted by it).
    data_generation: u64,
    /// A running refresh was cancelled: the runner drops its job.
    cancelled: bool,
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
    /// The agent selected before new data without an audit came in (see `install`).
    agent_kept: Option<String>,

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

/// A failure reason without the resource's URL in it (`request failed: URL: HTTP 500 …` →
/// `request failed: HTTP 500 …`): the path is said beside it already.
fn without_url(reason: &str, url: &str) -> String {
    match reason.find(url) {
        Some(i) if !url.is_empty() => {
            let after = reason[i + url.len()..].trim_start_matches(':').trim_start();
            format!("{}{after}", &reason[..i])
        }
        _ => reason.to_string(),
    }
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
            stale_reasons: Vec::new(),
            data_generation: 0,
            cancelled: false,
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
            agent_kept: None,
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

    pub(super) fn request_load(&mut self) {
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

    pub(super) fn request_recompute(&mut self) {
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

    /// Whether a refresh (a load with data already on screen) is running.
    pub fn refreshing(&self) -> bool {
        self.data.is_some()
            && self
                .loading
                .as_ref()
                .is_some_and(|l| l.kind == JobKind::Load)
    }

    /// Cancels a running refresh: the data on screen stays, the job's late result (if any) is
    /// ignored by its generation, and `r` starts a new one.
    pub fn cancel_refresh(&mut self) {
        if !self.refreshing() {
            return;
        }
        self.generation += 1;
        self.loading = None;
        self.pending = None;
        self.cancelled = true;
        let since = self
            .loaded_at
            .map(|at| format!(" (refreshed {})", crate::gws::rfc3339_utc(at)))
            .unwrap_or_default();
        self.status = Some(format!(
            "refresh cancelled; the data shown stays{since}; r refreshes again"
        ));
    }

    /// Whether the runner should drop the load job in flight (once per cancel).
    pub fn take_cancel(&mut self) -> bool {
        std::mem::take(&mut self.cancelled)
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
                if let (JobKind::Load, Ok(data)) = (kind, &result) {
                    let lost = self.lost_by(data);
                    if !lost.is_empty() {
                        // Less than the last good data: it stays, and says why.
                        self.keep_stale(lost);
                        return;
                    }
                }
                match (kind, result) {
                    (_, Ok(data)) => {
                        if kind == JobKind::Load {
                            self.loaded_at = Some(SystemTime::now());
                            self.stale = false;
                            self.stale_reasons.clear();
                            self.error = None;
                        }
                        self.data_generation = generation;
                        self.install(data);
                        if let Some(d) = self.data.as_ref().filter(|d| !d.audited) {
                            self.pending = Some(JobRequest::Audit {
                                generation,
                                input: d.audit_input(),
                            });
                        }
                    }
                    (JobKind::Load, Err(e)) if self.data.is_none() => self.fatal = Some(e),
                    (JobKind::Load, Err(e)) => {
                        self.stale = true;
                        self.stale_reasons = vec![e.clone()];
                        self.error = Some(format!("refresh failed: {e}"));
                    }
                    (JobKind::Recompute, Err(e)) => {
                        self.what_if = None;
                        self.error = Some(format!("what-if failed: {e}"));
                    }
                }
            }
            JobEvent::Audited { generation, audit } => {
                // The audit of the data on screen, even when a refresh started since.
                if generation != self.data_generation {
                    return;
                }
                if let Some(data) = &mut self.data
                    && !data.audited
                {
                    data.attach(*audit);
                    self.refresh_views();
                }
            }
        }
    }

    /// What refreshed data lacks that the data on screen has: `path: reason` for each resource
    /// now unavailable that was available. Empty on a first load.
    fn lost_by(&self, new: &Data) -> Vec<String> {
        let Some(old) = &self.data else {
            return Vec::new();
        };
        let before = old.inv.model.unavailable();
        let base = new.snapshot.source.base_url.as_deref().unwrap_or("");
        new.inv
            .model
            .unavailable()
            .into_iter()
            .filter(|u| !before.iter().any(|b| b.resource == u.resource))
            .map(|u| {
                let reason = without_url(&u.reason, &format!("{base}{}", u.path()));
                format!("{}: {}", u.path(), super::text::visible(&reason))
            })
            .collect()
    }

    /// A refresh came back with less than the data on screen: keep it, say STALE and why. The
    /// "refreshed" time stays that of the data shown.
    fn keep_stale(&mut self, lost: Vec<String>) {
        let total = crate::snapshot::Resource::ALL.len();
        let first = lost.first().cloned().unwrap_or_default();
        let more = if lost.len() > 1 { "; …" } else { "" };
        self.error = Some(format!(
            "refresh incomplete: {} of {total} resources failed, the last good data stays (? lists them): {first}{more}",
            lost.len()
        ));
        self.stale = true;
        self.stale_reasons = lost;
    }

    /// Puts new data on screen, keeping expansion, selection and filters.
    pub fn install(&mut self, data: Box<Data>) {
        let agent_id = self.selected_agent().and_then(|i| self.agent_id(i));
        let audit_key = self.audit_key();
        // Until the audit arrives there are no filter haystacks: a filtered list is empty
        // meanwhile, so the selection is kept aside for then.
        self.agent_kept = agent_id.clone().filter(|_| !data.audited);
        self.data = Some(data);
        self.refresh_views_keeping(agent_id, audit_key);
    }

    /// Rebuilds the tree, the agents' order and filter, and the audit list from the data (the
    /// audit's results just arrived), keeping the selection.
    fn refresh_views(&mut self) {
        let kept = self.agent_kept.take();
        let agent_id = self
            .selected_agent()
            .and_then(|i| self.agent_id(i))
            .or(kept);
        let audit_key = self.audit_key();
        self.refresh_views_keeping(agent_id, audit_key);
    }

    fn refresh_views_keeping(&mut self, agent_id: Option<String>, audit_key: Option<AuditKey>) {
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

    pub(super) fn agent_id(&self, i: usize) -> Option<String> {
        self.data.as_ref()?.inv.agents.get(i).map(|a| a.id.clone())
    }

    pub(super) fn select_agent_by_id(&mut self, id: &str) -> bool {
        let Some(i) = self
            .data
            .as_ref()
            .and_then(|d| d.lookup.agent_by_id.get(id).copied())
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

    /// The current selection; when it changed, the detail pane starts again at its top.
    pub(super) fn sync_detail(&mut self) -> Selected {
        let sel = self.selected();
        if sel != self.detail_for {
            self.detail_for = sel;
            self.detail_nav = ListNav::default();
            self.raw_text = None;
        }
        sel
    }

    /// The detail pane's lines for the current selection, reset to the top when it changed.
    pub fn detail_lines(&mut self) -> Vec<detail::DLine> {
        let sel = self.sync_detail();
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

    pub(super) fn raw_target(sel: Selected) -> Option<RawTarget> {
        match sel {
            Selected::Node(k) => Some(RawTarget::Node(k)),
            Selected::Agent(i) => Some(RawTarget::Agent(i)),
            Selected::Finding(i) => Some(RawTarget::Finding(i)),
            Selected::Rule(_) | Selected::Nothing => None,
        }
    }

    pub(super) fn raw_lines(&mut self, sel: Selected) -> Vec<detail::DLine> {
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
}

#[cfg(test)]
mod tests {
    use super::without_url;

    #[test]
    fn a_reason_loses_its_url() {
        let url = "http://h/api/v2/platform/configuration/dns";
        assert_eq!(
            without_url(
                &format!("request failed: {url}: HTTP 500 Internal Server Error"),
                url
            ),
            "request failed: HTTP 500 Internal Server Error"
        );
        assert_eq!(
            without_url("statusCode 5: denied", url),
            "statusCode 5: denied"
        );
        assert_eq!(without_url("x", ""), "x");
    }
}
