//! Keys and mouse: events become actions (keymap.rs), and `apply` is the one handler.

use super::{App, AuditRow, Pane, Selected, sev_index};
use crate::tui::action::{Action, Tab};
use crate::tui::keymap::{self, Scope};
use crate::tui::nav::ListNav;
use crate::tui::text;
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Position;

impl App {
    /// The keymap scopes of what has the focus, most specific first.
    pub fn scopes(&self) -> Vec<Scope> {
        let mut scopes = Vec::with_capacity(2);
        if self.refreshing() {
            scopes.push(Scope::Refresh);
        }
        scopes.push(match (self.focus, self.tab) {
            (Pane::Detail, _) => Scope::Detail,
            (Pane::List, Tab::Topology) => Scope::Topology,
            (Pane::List, Tab::Agents) => Scope::Agents,
            (Pane::List, Tab::Audit) => Scope::Audit,
        });
        scopes
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

    pub(super) fn help_key(&mut self, ev: KeyEvent) {
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
    pub(super) fn filter_key(&mut self, ev: KeyEvent) -> bool {
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
                // A new filter starts at the top.
                self.rebuild_audit();
                self.audit_nav = ListNav::default();
            }
        }
    }

    pub(super) fn page(&self) -> isize {
        let rows = match self.focus {
            Pane::List => self.list_height,
            Pane::Detail => self.detail_height,
        };
        rows.saturating_sub(1).max(1) as isize
    }

    pub(super) fn list_step(&mut self, delta: isize) {
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

    pub(super) fn detail_step(&mut self, delta: isize) {
        let len = self.detail_lines().len();
        match delta {
            isize::MIN => self.detail_nav.top(),
            isize::MAX => self.detail_nav.bottom(len),
            d => self.detail_nav.step(d, len),
        }
    }

    pub(super) fn step(&mut self, delta: isize) {
        match self.focus {
            Pane::List => self.list_step(delta),
            Pane::Detail => self.detail_step(delta),
        }
    }

    /// A page up or down: the view scrolls with the cursor, which keeps its screen row.
    pub(super) fn page_step(&mut self, delta: isize) {
        self.sync_detail();
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
                if self.refreshing() {
                    self.status = Some("busy: a refresh is running (Esc cancels it)".into());
                } else if self.loading.is_some() {
                    self.status = Some("busy: a load is running".into());
                } else {
                    self.request_load();
                }
            }
            Action::CancelRefresh => self.cancel_refresh(),
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

    pub(super) fn left(&mut self) {
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

    pub(super) fn right(&mut self) {
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
    pub(super) fn has_children(&self, path: &[String]) -> bool {
        self.data.as_ref().is_some_and(|d| {
            d.topo
                .iter()
                .any(|n| n.path.len() > path.len() && n.path.starts_with(path))
        })
    }

    pub(super) fn enter(&mut self) {
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

    pub(super) fn back(&mut self) {
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

    pub(super) fn toggle_what_if(&mut self) {
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

    pub(super) fn copy(&mut self) {
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
                self.status = Some(format!("copied {}", text::truncate(&text::visible(&t), 60)));
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
            Selected::Finding(i) => data.audit.findings.get(i).map(|f| {
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

    pub(super) fn click_list(&mut self, pos: Position) {
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
