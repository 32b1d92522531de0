//! The app: what is global (data, the tab shown, theme, jobs, STALE and what-if, the source,
//! the mode) and the one action handler. Each tab's own state is in `tabs/`. No terminal
//! and no I/O: the runner (tui/mod.rs) draws and runs the jobs, tests drive this directly.
//!
//! Here: the state and the jobs. Keys, mouse and `apply`: `input`; the detail pane's
//! state: `pane`.

mod browse;
mod input;
mod pane;

pub use browse::{Browse, Crumb};
pub use pane::DetailPane;

use super::action::Tab;
use super::compare::{CompareInput, CompareState, OldSide};
use super::data::Data;
use super::detail::{DLine, Selected};
use super::keymap::Keymap;
use super::load::{JobEvent, JobKind, JobRequest, Loader};
use super::selection::Selection;
use super::tabs::{ListDrawn, TabState, Tabs};
use super::theme::Theme;
use crate::snapshot::GwsConfig;
use ratatui::layout::Rect;
use std::time::{Duration, Instant, SystemTime};

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
    /// The requests under way (a live load), in the order they started.
    pub transfers: Vec<crate::gws::Transfer>,
}

impl Loading {
    /// Keeps `transfer` as its resource's latest; a finished one is dropped.
    fn track(&mut self, transfer: crate::gws::Transfer) {
        let at = self.transfers.iter().position(|t| t.path == transfer.path);
        match (at, transfer.in_flight()) {
            (Some(i), true) => self.transfers[i] = transfer,
            (Some(i), false) => {
                self.transfers.remove(i);
            }
            (None, true) => self.transfers.push(transfer),
            (None, false) => {}
        }
    }
}

/// What the user is doing: browsing, typing a filter, reading the help (scrolled), or
/// typing a `:` command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Filter,
    Help(usize),
    Command,
}

/// The jobs: the one in flight (for the loading view and the header), the one to start, and
/// the generations that tell a current result from a late one.
#[derive(Default)]
pub struct Jobs {
    pub loading: Option<Loading>,
    generation: u64,
    pending: Option<JobRequest>,
    /// The generation of the data on screen (its audit is accepted by it).
    data_generation: u64,
    /// A running refresh was cancelled: the runner drops its job.
    cancelled: bool,
    /// `--baseline`: every audit job sets its findings aside as accepted.
    pub baseline: Option<std::sync::Arc<crate::audit::baseline::Baseline>>,
    /// `--refresh SECONDS`: the background refresh.
    pub auto: Option<AutoRefresh>,
    /// `--compare OLD`: the OLD side, which every audited data on screen is compared with.
    pub compare: Option<CompareState>,
}

/// The background refresh of a live source: every `every`, counted from the end of the
/// last load (so one never starts while one runs).
#[derive(Debug, Clone, Copy)]
pub struct AutoRefresh {
    pub every: Duration,
    /// When the next one starts; `None` while a load runs.
    next: Option<Instant>,
    /// The time of the last tick (the countdown is shown against it, not read while drawing).
    now: Option<Instant>,
}

/// Where things were drawn last, for the mouse and for paging.
#[derive(Debug, Clone)]
pub struct Layout {
    pub tabs: Vec<(Rect, Tab)>,
    pub list: Rect,
    /// Screen row of the first list row (below any column header).
    pub list_rows_top: u16,
    pub list_height: usize,
    pub detail: Rect,
    pub detail_rows_top: u16,
    pub detail_height: usize,
    pub detail_width: usize,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            tabs: Vec::new(),
            list: Rect::default(),
            list_rows_top: 0,
            list_height: 10,
            detail: Rect::default(),
            detail_rows_top: 0,
            detail_height: 10,
            detail_width: 60,
        }
    }
}

/// What a frame laid out (`views::render`), for `App::laid_out`; `None` parts were not drawn.
#[derive(Debug, Default)]
pub struct Drawn {
    pub tabs: Option<Vec<(Rect, Tab)>>,
    /// The list's and the detail's areas (empty when not shown).
    pub panes: Option<(Rect, Rect)>,
    pub list: Option<ListDrawn>,
    pub detail: Option<DetailDrawn>,
}

/// What the detail pane's view laid out.
#[derive(Debug, Clone, Copy)]
pub struct DetailDrawn {
    pub rows_top: u16,
    pub height: usize,
    pub width: usize,
    pub nav: Selection,
}

pub struct App {
    pub source: SourceDesc,
    pub theme: Theme,
    /// The user's gwsConfig overrides (flags and `--gws-config`), without what-if.
    pub overrides: GwsConfig,
    /// What-if: `useEmployeeIdAsAgentLoginForSIPCluster` forced to this value.
    pub what_if: Option<bool>,
    pub data: Option<Box<Data>>,
    pub jobs: Jobs,
    /// When the data on screen was loaded (live refreshes).
    pub loaded_at: Option<SystemTime>,
    /// Why the data shown is older than the source (STALE), one line each: `path: reason`
    /// per resource that failed, or the refresh's error. Empty when it is not.
    pub stale_reasons: Vec<String>,
    pub error: Option<String>,
    /// The first load failed: the runner exits with this.
    pub fatal: Option<String>,
    pub quit: bool,
    pub tab: Tab,
    /// The tab a jump came from (`Esc` goes back).
    back_tab: Option<Tab>,
    pub focus: Pane,
    pub mode: Mode,
    pub status: Option<String>,
    /// Text to put on the clipboard (OSC 52) at the next draw.
    pub clipboard: Option<String>,
    pub tabs: Tabs,
    pub detail: DetailPane,
    pub layout: Layout,
    /// The keys in effect: the built-in ones with the config file's `[keys]` over them.
    pub keys: Keymap,
    /// The `:` command line and the breadcrumb of jumps.
    pub browse: Browse,
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

impl App {
    /// A new app; its first job (the load) is pending.
    pub fn new(source: SourceDesc, theme: Theme, overrides: GwsConfig) -> App {
        let mut app = App {
            source,
            theme,
            overrides,
            what_if: None,
            data: None,
            jobs: Jobs::default(),
            loaded_at: None,
            stale_reasons: Vec::new(),
            error: None,
            fatal: None,
            quit: false,
            tab: Tab::Topology,
            back_tab: None,
            focus: Pane::List,
            mode: Mode::Normal,
            status: None,
            clipboard: None,
            tabs: Tabs::default(),
            detail: DetailPane::default(),
            layout: Layout::default(),
            keys: Keymap::builtin(),
            browse: Browse::default(),
        };
        app.request_load();
        app
    }

    /// The same app with a baseline: its findings are set aside as accepted (before the
    /// first audit, which is still pending).
    pub fn with_baseline(mut self, baseline: Option<crate::audit::baseline::Baseline>) -> App {
        self.jobs.baseline = baseline.map(std::sync::Arc::new);
        self
    }

    /// The same app with these keys (the config file's `[keys]` merged in); the status line
    /// names the first override that could not apply.
    pub fn with_keys(mut self, merged: super::keys_config::Merged) -> App {
        self.keys = merged.keymap;
        if let Some(first) = merged.warnings.first() {
            let more = match merged.warnings.len() - 1 {
                0 => String::new(),
                n => format!(" (and {n} more: gwsx info)"),
            };
            self.status = Some(format!("config: {first}{more}"));
        }
        self
    }

    /// Compare mode: `label` (OLD) is read beside the source (the runner starts it, tests
    /// hand its `JobEvent::OldLoaded` in) and the Changes tab is shown.
    pub fn with_compare(mut self, label: Option<String>) -> App {
        if let Some(label) = label {
            self.tabs.changes.note = format!("reading OLD {}…", super::text::visible(&label));
            self.jobs.compare = Some(CompareState::new(label));
        }
        self
    }

    /// The same app refreshing in the background every `every` (`--refresh`); `None` or
    /// zero: off.
    pub fn with_auto_refresh(mut self, every: Option<Duration>) -> App {
        self.jobs.auto = every.filter(|e| !e.is_zero()).map(|every| AutoRefresh {
            every,
            next: None,
            now: None,
        });
        self
    }

    /// The clock moved to `now`: schedules the next background refresh once a load has
    /// ended, and starts it when due (the path `r` takes). Without `--refresh`, nothing.
    pub fn tick(&mut self, now: Instant) {
        let loading = self.jobs.loading.is_some() || self.data.is_none();
        // The audit of new data may still be waiting to start: it is not replaced.
        let pending = self.jobs.pending.is_some();
        let Some(auto) = &mut self.jobs.auto else {
            return;
        };
        auto.now = Some(now);
        if loading {
            // The count starts again once the load is over.
            auto.next = None;
            return;
        }
        match auto.next {
            None => auto.next = Some(now + auto.every),
            Some(at) if now >= at && !pending => {
                auto.next = None;
                self.request_load();
            }
            Some(_) => {}
        }
    }

    /// How long the runner may wait before the next tick: until the countdown shows one
    /// second less (or the refresh is due). `None` without `--refresh`: no tick at all.
    pub fn until_tick(&self, now: Instant) -> Option<Duration> {
        let auto = self.jobs.auto.as_ref()?;
        let second = Duration::from_secs(1);
        Some(match auto.next {
            Some(at) if at > now => {
                let left = at - now;
                let to_next_second =
                    Duration::from_nanos((left.as_nanos() % second.as_nanos()) as u64);
                if to_next_second.is_zero() {
                    second
                } else {
                    to_next_second
                }
            }
            Some(_) => Duration::ZERO,
            None => second,
        })
    }

    /// Whole seconds until the next background refresh, as the header shows it (`None`
    /// without `--refresh` or while a load runs).
    pub fn refresh_countdown(&self) -> Option<u64> {
        let auto = self.jobs.auto.as_ref()?;
        let (next, now) = (auto.next?, auto.now?);
        let left = next.saturating_duration_since(now);
        Some(left.as_millis().div_ceil(1000) as u64)
    }

    /// Whether the app compares with an OLD side.
    pub fn comparing(&self) -> bool {
        self.jobs.compare.is_some()
    }

    /// The tabs the tab bar shows: Changes in compare mode only, the object view once one
    /// was opened.
    pub fn tabs_shown(&self) -> Vec<Tab> {
        Tab::ALL
            .into_iter()
            .filter(|t| *t != Tab::Changes || self.comparing())
            .filter(|t| self.tabs.get(*t).in_tab_bar())
            .collect()
    }

    /// Compares the data on screen with OLD, once both are there and audited (and no other
    /// job waits: the audit of newer data asks again when it is done).
    fn request_compare(&mut self) {
        let Some(old) = self.jobs.compare.as_ref().and_then(|c| c.ready()).cloned() else {
            return;
        };
        let Some(data) = self
            .data
            .as_deref()
            .filter(|d| d.audited && d.compared.is_none())
        else {
            return;
        };
        if self.jobs.pending.is_some() {
            return;
        }
        self.jobs.pending = Some(JobRequest::Compare {
            generation: self.jobs.data_generation,
            input: CompareInput::of(old, data),
        });
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
        self.jobs.generation += 1;
        self.jobs.loading = Some(Loading {
            kind: JobKind::Load,
            n: 0,
            total: 0,
            what: format!("opening {}", self.source.label),
            transfers: Vec::new(),
        });
        self.jobs.pending = Some(JobRequest::Load {
            generation: self.jobs.generation,
            overrides: self.overrides_in_force(),
        });
    }

    pub(super) fn request_recompute(&mut self) {
        let Some(data) = &self.data else { return };
        self.jobs.generation += 1;
        let snapshot = data.snapshot.clone();
        let base = data.inv.clone();
        self.jobs.loading = Some(Loading {
            kind: JobKind::Recompute,
            n: 0,
            total: 0,
            what: "recomputing login IDs and findings".into(),
            transfers: Vec::new(),
        });
        self.jobs.pending = Some(JobRequest::Recompute {
            generation: self.jobs.generation,
            snapshot,
            base,
            overrides: self.overrides_in_force(),
        });
    }

    /// The job the runner should start, if any.
    pub fn take_request(&mut self) -> Option<JobRequest> {
        self.jobs.pending.take()
    }

    /// Whether a refresh (a load with data already on screen) is running.
    pub fn refreshing(&self) -> bool {
        self.data.is_some()
            && self
                .jobs
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
        self.jobs.generation += 1;
        self.jobs.loading = None;
        self.jobs.pending = None;
        self.jobs.cancelled = true;
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
        std::mem::take(&mut self.jobs.cancelled)
    }

    /// Runs any pending job on this thread (tests and benches).
    pub fn settle(&mut self, loader: &Loader) {
        while let Some(request) = self.take_request() {
            let event = super::load::run_request_blocking(loader, request);
            self.on_job(event);
        }
    }

    pub fn on_job(&mut self, event: JobEvent) {
        self.job(event);
        self.sync_detail();
    }

    fn job(&mut self, event: JobEvent) {
        match event {
            JobEvent::Progress {
                generation,
                n,
                total,
                what,
            } => {
                if generation == self.jobs.generation
                    && let Some(l) = &mut self.jobs.loading
                {
                    l.n = n;
                    l.total = total;
                    l.what = what;
                }
            }
            JobEvent::Transfer {
                generation,
                transfer,
            } => {
                if generation == self.jobs.generation
                    && let Some(l) = &mut self.jobs.loading
                {
                    l.track(transfer);
                }
            }
            JobEvent::Done {
                generation,
                kind,
                result,
            } => {
                if generation != self.jobs.generation {
                    return;
                }
                self.jobs.loading = None;
                // A what-if changes one option: the audit reruns only the rules reading it.
                let previous = match (kind, self.data.as_deref()) {
                    (JobKind::Recompute, Some(d)) if d.audited => {
                        Some(crate::tui::data::PreviousAudit {
                            findings: d.audit.findings.clone(),
                        })
                    }
                    _ => None,
                };
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
                            self.stale_reasons.clear();
                            // A load clears the last refresh's error, not OLD's failure.
                            self.error = self.jobs.compare.as_ref().and_then(|c| match &c.old {
                                OldSide::Failed(line) => Some(line.clone()),
                                _ => None,
                            });
                        }
                        self.jobs.data_generation = generation;
                        self.install(data);
                        if let Some(d) = self.data.as_ref().filter(|d| !d.audited) {
                            self.jobs.pending = Some(JobRequest::Audit {
                                generation,
                                input: d
                                    .audit_input()
                                    .with_baseline(self.jobs.baseline.clone())
                                    .with_previous(previous),
                            });
                        }
                    }
                    (JobKind::Load, Err(e)) if self.data.is_none() => self.fatal = Some(e),
                    (JobKind::Load, Err(e)) => {
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
                if generation != self.jobs.data_generation {
                    return;
                }
                if let Some(data) = &mut self.data
                    && !data.audited
                {
                    data.attach(*audit);
                    self.refresh_views();
                    self.request_compare();
                }
            }
            JobEvent::OldLoaded { result } => {
                let Some(c) = &mut self.jobs.compare else {
                    return;
                };
                match result {
                    Ok(old) => {
                        c.old = OldSide::Ready(std::sync::Arc::from(old));
                        self.tabs.changes.note = "comparing with OLD…".into();
                        self.request_compare();
                    }
                    Err(e) => {
                        let line = format!("--compare {}: {e}", c.label);
                        c.old = OldSide::Failed(line.clone());
                        self.tabs.changes.note = format!("no comparison: {line}");
                        self.error = Some(line);
                    }
                }
            }
            JobEvent::Compared {
                generation,
                compared,
            } => {
                // The comparison of the data on screen only.
                if generation != self.jobs.data_generation {
                    return;
                }
                if let Some(data) = &mut self.data {
                    data.compared = Some(compared);
                }
                if let Some(data) = self.data.as_deref() {
                    self.tabs.changes.rebuild(data);
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
        self.stale_reasons = lost;
    }

    /// Puts new data on screen, keeping expansion, selection and filters.
    pub fn install(&mut self, data: Box<Data>) {
        let agent_id = self
            .data
            .as_deref()
            .and_then(|d| self.tabs.agents.selected_agent_id(d));
        let audit_key = self.data.as_deref().and_then(|d| self.tabs.audit.key(d));
        // Until the audit arrives there are no filter haystacks: a filtered list is empty
        // meanwhile, so the selection is kept aside for then.
        self.tabs.agents.kept = agent_id.clone().filter(|_| !data.audited);
        self.data = Some(data);
        self.refresh_views_keeping(agent_id, audit_key);
    }

    /// Rebuilds the tree, the agents' order and filter, and the audit list from the data (the
    /// audit's results just arrived), keeping the selection.
    fn refresh_views(&mut self) {
        let kept = self.tabs.agents.kept.take();
        let Some(data) = self.data.as_deref() else {
            return;
        };
        let agent_id = self.tabs.agents.selected_agent_id(data).or(kept);
        let audit_key = self.tabs.audit.key(data);
        self.refresh_views_keeping(agent_id, audit_key);
    }

    fn refresh_views_keeping(
        &mut self,
        agent_id: Option<String>,
        audit_key: Option<super::tabs::audit::AuditKey>,
    ) {
        self.detail.data_changed();
        let Some(data) = self.data.as_deref() else {
            return;
        };
        let tabs = &mut self.tabs;
        tabs.topology.install(data);
        tabs.agents.resort(data);
        if let Some(id) = agent_id {
            tabs.agents.select_by_id(data, &id);
        }
        tabs.audit.rebuild(data);
        if let Some(key) = audit_key {
            tabs.audit.select_key(data, key);
        }
        tabs.changes.rebuild(data);
        tabs.objects.install(data);
    }

    /// The data is older than the source: the last refresh failed or brought less.
    pub fn stale(&self) -> bool {
        !self.stale_reasons.is_empty()
    }

    /// The job in flight, if any.
    pub fn loading(&self) -> Option<&Loading> {
        self.jobs.loading.as_ref()
    }

    /// The current tab's state.
    pub fn current(&self) -> &dyn TabState {
        self.tabs.get(self.tab)
    }

    /// A tab's filter text.
    pub fn filter_text(&self, tab: Tab) -> &str {
        self.tabs.get(tab).filter()
    }

    pub fn selected(&self) -> Selected {
        match self.data.as_deref() {
            Some(d) => self.current().selected(d),
            None => Selected::Nothing,
        }
    }

    pub fn selected_agent(&self) -> Option<usize> {
        self.tabs.agents.selected_agent()
    }

    /// The current selection; when it changed, the detail pane starts again at its top.
    pub(super) fn sync_detail(&mut self) {
        let sel = self.selected();
        if let Some(data) = self.data.as_deref() {
            self.detail.sync(data, sel);
        }
    }

    /// The detail pane's lines for the current selection (its view's content, at the width
    /// it was last drawn): what paging, the mouse and `y` count and copy from.
    pub fn detail_lines(&self) -> Vec<DLine> {
        match &self.data {
            Some(d) => self.detail.lines(
                d,
                self.selected(),
                self.layout.detail_width,
                self.what_if.is_some(),
            ),
            None => Vec::new(),
        }
    }

    /// Takes back what a frame laid out: the areas for the mouse, the rows that fit, and
    /// where each pane scrolled to.
    pub fn laid_out(&mut self, drawn: Drawn) {
        if let Some(tabs) = drawn.tabs {
            self.layout.tabs = tabs;
        }
        if let Some((list, detail)) = drawn.panes {
            self.layout.list = list;
            self.layout.detail = detail;
        }
        if let Some(list) = drawn.list {
            self.layout.list_rows_top = list.rows_top;
            self.layout.list_height = list.height;
            self.tabs.get_mut(self.tab).laid_out(list.scroll);
        }
        if let Some(d) = drawn.detail {
            self.layout.detail_rows_top = d.rows_top;
            self.layout.detail_height = d.height;
            self.layout.detail_width = d.width;
            self.detail.nav = d.nav;
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
