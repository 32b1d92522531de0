//! Keys and mouse: events become actions (keymap.rs), and `apply` is the one handler. What
//! an action does in a tab is the tab's (`TabState::act`); what crosses tabs (a jump) or is
//! global is here.

use super::{App, Mode, Pane};
use crate::tui::action::{Action, Tab};
use crate::tui::data::{Location, NodeKind};
use crate::tui::keymap::Scope;
use crate::tui::tabs::Outcome;
use crate::tui::text;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

impl App {
    /// The keymap scopes of the mode, or of what has the focus, most specific first.
    pub fn scopes(&self) -> Vec<Scope> {
        match self.mode {
            Mode::Help(_) => return vec![Scope::Help],
            Mode::Filter => return vec![Scope::Filter],
            Mode::Command => return vec![Scope::Command],
            Mode::Normal => {}
        }
        let mut scopes = Vec::with_capacity(2);
        if self.refreshing() {
            scopes.push(Scope::Refresh);
        }
        scopes.push(match self.focus {
            Pane::Detail => Scope::Detail,
            Pane::List => self.current().scope(),
        });
        scopes
    }

    pub fn handle_key(&mut self, ev: KeyEvent) {
        if ev.kind == KeyEventKind::Release {
            return;
        }
        self.status = None;
        match (self.mode, self.keys.lookup(&self.scopes(), &ev)) {
            (_, None) => {}
            (Mode::Help(scroll), Some(action)) => self.help_action(scroll, action),
            (_, Some(Action::FilterType)) => {
                if let KeyCode::Char(c) = ev.code {
                    let mut f = self.filter_text(self.tab).to_string();
                    f.push(c);
                    self.set_filter(f);
                }
            }
            (_, Some(Action::CommandType)) => {
                if let KeyCode::Char(c) = ev.code {
                    self.type_command(c);
                }
            }
            (_, Some(action)) => self.apply(action),
        }
        self.sync_detail();
    }

    /// The help screen's keys (Scope::Help): scroll, or close it.
    fn help_action(&mut self, scroll: usize, action: Action) {
        let next = match action {
            Action::Up => scroll.saturating_sub(1),
            Action::Down => scroll + 1,
            Action::PageUp => scroll.saturating_sub(10),
            Action::PageDown => scroll + 10,
            Action::Top => 0,
            Action::Bottom => usize::MAX / 2,
            Action::Back => {
                self.mode = Mode::Normal;
                return;
            }
            _ => scroll,
        };
        self.mode = Mode::Help(next);
    }

    /// The filter line's edits (Scope::Filter).
    fn filter_edit(&mut self, action: Action) {
        let text = self.filter_text(self.tab).to_string();
        match action {
            Action::FilterKeep => self.mode = Mode::Normal,
            Action::FilterClear => {
                self.mode = Mode::Normal;
                self.set_filter(String::new());
            }
            Action::FilterBackspace => {
                let mut f = text;
                f.pop();
                self.set_filter(f);
            }
            Action::FilterClearLine => self.set_filter(String::new()),
            Action::FilterDeleteWord => {
                let f = text.trim_end();
                let cut = f.rfind(' ').map_or(0, |i| i + 1);
                let f = f[..cut].to_string();
                self.set_filter(f);
            }
            _ => {}
        }
    }

    /// Sets the current tab's filter text and narrows the tab.
    pub fn set_filter(&mut self, text: String) {
        self.tabs
            .get_mut(self.tab)
            .set_filter(self.data.as_deref(), text);
        self.sync_detail();
    }

    fn page(&self) -> isize {
        let rows = match self.focus {
            Pane::List => self.layout.list_height,
            Pane::Detail => self.layout.detail_height,
        };
        rows.saturating_sub(1).max(1) as isize
    }

    fn list_step(&mut self, delta: isize) {
        self.tabs.get_mut(self.tab).go(delta);
    }

    fn detail_step(&mut self, delta: isize) {
        let len = self.detail_lines().len();
        self.detail.nav.go(delta, len);
    }

    fn step(&mut self, delta: isize) {
        match self.focus {
            Pane::List => self.list_step(delta),
            Pane::Detail => self.detail_step(delta),
        }
    }

    /// A page up or down: the view scrolls with the cursor, which keeps its screen row.
    fn page_step(&mut self, delta: isize) {
        self.sync_detail();
        match self.focus {
            Pane::Detail => self.detail.nav.shift(delta),
            Pane::List => self.tabs.get_mut(self.tab).shift(delta),
        }
        self.step(delta);
    }

    /// Hands an action to a tab and does what it asks for.
    fn tab_act(&mut self, tab: Tab, action: Action) {
        let Some(data) = self.data.as_deref() else {
            return;
        };
        match self.tabs.get_mut(tab).act(data, action) {
            Outcome::Done => {}
            Outcome::FocusDetail => self.focus = Pane::Detail,
            Outcome::Jump(finding) => self.jump(finding),
            Outcome::ShowAgent(agent) => {
                if let Some(id) = data.inv.agents.get(agent).map(|a| a.id.clone()) {
                    self.tabs.agents.jump_to(data, &id);
                    self.jumped(tab, Tab::Agents, &id);
                }
            }
            Outcome::ShowFinding(finding) => {
                if let Some(f) = data.audit.findings.get(finding) {
                    let what = format!("{} on {}", f.rule, f.target.id);
                    self.tabs.audit.show_finding(data, finding);
                    self.jumped(tab, Tab::Audit, &what);
                }
            }
        }
    }

    /// After a jump from `from` to `to`: the list focused, `Esc` goes back.
    fn jumped(&mut self, from: Tab, to: Tab, what: &str) {
        self.tab = to;
        self.back_tab = Some(from);
        self.focus = Pane::List;
        self.status = Some(format!(
            "jumped to {} (Esc: back to {})",
            text::visible(what),
            from.title()
        ));
    }

    /// The one handler of every action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.mode = Mode::Help(0),
            Action::FocusNext | Action::FocusPrev => {
                self.focus = match self.focus {
                    Pane::List => Pane::Detail,
                    Pane::Detail => Pane::List,
                };
            }
            Action::Tab(Tab::Changes) if !self.comparing() => {
                self.status = Some("no comparison: start with gwsx SOURCE --compare OLD".into());
            }
            Action::Tab(Tab::Objects) if self.tabs.objects.kind.is_none() => {
                self.status = Some("no object view open yet: :places, :dns, … (: then Tab)".into());
            }
            Action::Tab(t) => {
                self.tab = t;
                self.focus = Pane::List;
                if self.mode == Mode::Filter {
                    self.mode = Mode::Normal;
                }
                self.back_tab = None;
                self.browse.trail.clear();
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
            Action::Left if self.focus == Pane::Detail => self.focus = Pane::List,
            Action::Left | Action::Right | Action::Enter => {
                if self.focus == Pane::List {
                    self.tab_act(self.tab, action);
                }
            }
            Action::Back => self.back(),
            Action::Filter => {
                if self.data.is_some() {
                    self.mode = Mode::Filter;
                    self.focus = Pane::List;
                }
            }
            Action::Raw => self.detail.toggle_raw(),
            Action::Copy => self.copy(),
            Action::Refresh => {
                if self.refreshing() {
                    self.status = Some("busy: a refresh is running (Esc cancels it)".into());
                } else if self.jobs.loading.is_some() {
                    self.status = Some("busy: a load is running".into());
                } else {
                    self.request_load();
                }
            }
            Action::CancelRefresh => self.cancel_refresh(),
            Action::WhatIf => self.toggle_what_if(),
            // A tab's own actions go to that tab (its scope is the only one binding them).
            // Sorting is bound in the Agents and object views' scopes: the tab shown.
            Action::SortNext | Action::SortReverse => self.tab_act(self.tab, action),
            Action::ToggleSeverity(_) => self.tab_act(Tab::Audit, action),
            Action::ExpandAll | Action::CollapseAll => self.tab_act(Tab::Topology, action),
            Action::FilterKeep
            | Action::FilterClear
            | Action::FilterBackspace
            | Action::FilterClearLine
            | Action::FilterDeleteWord => self.filter_edit(action),
            // The character comes with the key event (`handle_key`).
            Action::FilterType | Action::CommandType => {}
            Action::Command => self.open_command(),
            Action::CommandRun => self.run_command(),
            Action::CommandCancel => self.mode = Mode::Normal,
            Action::CommandComplete => self.browse.command.complete(),
            Action::CommandBackspace => self.browse.command.pop(),
            Action::Follow => self.follow(),
        }
        self.sync_detail();
    }

    fn back(&mut self) {
        if self.detail.raw {
            self.detail.close_raw();
            return;
        }
        // After a jump, Esc goes back to where it was made (view, row, filter, line).
        if self.back_along_trail() {
            return;
        }
        if self.focus == Pane::Detail {
            self.focus = Pane::List;
        } else if !self.current().filter().is_empty() {
            self.set_filter(String::new());
        } else if let Some(t) = self.back_tab.take() {
            self.tab = t;
        }
    }

    /// Jumps to where a finding's target is shown.
    fn jump(&mut self, finding: usize) {
        let Some(data) = self.data.as_deref() else {
            return;
        };
        let Some(f) = data.audit.findings.get(finding) else {
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
                self.tabs.agents.jump_to(data, &id);
            }
            (_, Some(path)) => {
                self.tab = Tab::Topology;
                self.tabs.topology.select_path(data, path);
            }
            _ => {
                self.status = Some(if &*id == "snapshot" {
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

    fn toggle_what_if(&mut self) {
        if self.data.is_none() {
            return;
        }
        if self.jobs.loading.is_some() {
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
                    .get(self.detail.nav.selected)
                    .and_then(|l| l.copy.clone().or_else(|| Some(l.text())))
            }
            Pane::List => self.selected_id(),
        };
        match text.filter(|t| !t.trim().is_empty()) {
            Some(t) => {
                self.status = Some(format!("copied {}", text::truncate(&text::visible(&t), 60)));
                self.clipboard = Some(t);
            }
            None => self.status = Some("nothing to copy here".into()),
        }
    }

    /// The id of the selected object (what `y` copies from a list).
    pub fn selected_id(&self) -> Option<String> {
        let data = self.data.as_deref()?;
        self.current().selected_id(data)
    }

    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        if matches!(self.mode, Mode::Help(_)) || self.data.is_none() {
            return;
        }
        let pos = Position::new(ev.column, ev.row);
        let in_list = self.layout.list.contains(pos);
        let in_detail = self.layout.detail.contains(pos);
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
                let tab = self
                    .layout
                    .tabs
                    .iter()
                    .find(|(r, _)| r.contains(pos))
                    .map(|(_, t)| *t);
                if let Some(tab) = tab {
                    self.apply(Action::Tab(tab));
                } else if in_list {
                    self.focus = Pane::List;
                    self.click_list(pos);
                } else if in_detail {
                    self.focus = Pane::Detail;
                    if pos.y >= self.layout.detail_rows_top {
                        let row =
                            (pos.y - self.layout.detail_rows_top) as usize + self.detail.nav.offset;
                        let len = self.detail_lines().len();
                        self.detail.nav.select(row, len);
                    }
                }
            }
            _ => {}
        }
        self.sync_detail();
    }

    fn click_list(&mut self, pos: Position) {
        if pos.y < self.layout.list_rows_top {
            return;
        }
        let row = (pos.y - self.layout.list_rows_top) as usize;
        if let Some(data) = self.data.as_deref() {
            self.tabs.get_mut(self.tab).click(data, pos, row);
        }
    }
}
