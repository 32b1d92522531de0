//! Browsing across views: the `:` command line, the jump from a where-used line to its
//! object (Enter in the detail pane), and the breadcrumb of those jumps that Esc walks back
//! (view, selection, filter and detail line restored).

use super::{App, Mode, Pane};
use crate::tui::action::Tab;
use crate::tui::command::{self, Command, CommandLine};
use crate::tui::detail::{Selected, Target};
use crate::tui::objects::Kind;
use crate::tui::text;

/// Where the user was before a jump: enough to come back to the same row and line.
#[derive(Debug, Clone)]
pub struct Crumb {
    tab: Tab,
    kind: Option<Kind>,
    filter: String,
    selected: Selected,
    focus: Pane,
    detail_line: usize,
    /// What the breadcrumb shows for it (`Place Place_1001`).
    pub label: String,
}

/// The command line being typed and the breadcrumb of jumps (the app's browsing state).
#[derive(Debug, Default)]
pub struct Browse {
    pub command: CommandLine,
    pub trail: Vec<Crumb>,
}

/// The longest breadcrumb kept: older steps are dropped (Esc still goes back that far).
const TRAIL: usize = 32;

impl App {
    /// `:`: opens the command line.
    pub(super) fn open_command(&mut self) {
        if self.data.is_some() {
            self.browse.command = CommandLine::default();
            self.mode = Mode::Command;
        }
    }

    pub(super) fn type_command(&mut self, c: char) {
        self.browse.command.push(c);
    }

    /// Enter on the command line: runs it; an error is the status line, never a crash.
    pub(super) fn run_command(&mut self) {
        self.mode = Mode::Normal;
        let line = std::mem::take(&mut self.browse.command).text;
        match command::parse(&line) {
            Ok(Command::Quit) => self.quit = true,
            Ok(Command::Tab(tab)) => self.apply(crate::tui::action::Action::Tab(tab)),
            Ok(Command::View(kind, filter)) => self.open_view(kind, filter),
            Err(e) => self.status = Some(e),
        }
    }

    /// Shows an object view, filtered by `filter` when one is given.
    fn open_view(&mut self, kind: Kind, filter: String) {
        let Some(data) = self.data.as_deref() else {
            return;
        };
        self.tabs.objects.open(data, kind);
        self.tab = Tab::Objects;
        self.focus = Pane::List;
        self.back_tab = None;
        self.browse.trail.clear();
        if !filter.is_empty() {
            self.set_filter(filter);
        }
    }

    /// Enter in the detail pane: goes to the object of the line under the cursor.
    pub(super) fn follow(&mut self) {
        let line = self
            .detail_lines()
            .into_iter()
            .nth(self.detail.nav.selected);
        match line.and_then(|l| l.jump) {
            Some(target) => self.jump_to(target),
            None => self.status = Some("nothing to open on this line (→ lines open)".into()),
        }
    }

    /// What the breadcrumb calls the object shown now.
    fn crumb_label(&self) -> String {
        let Some(data) = self.data.as_deref() else {
            return String::new();
        };
        let name = match self.selected() {
            Selected::Object(kind, i) => format!("{} {}", kind.singular(), kind.label(data, i)),
            Selected::Agent(i) => match data.agents.get(i) {
                Some(row) => format!("Agent {}", row.user()),
                None => "Agent".into(),
            },
            other => other.title().to_string(),
        };
        text::truncate(&name, 40)
    }

    /// Jumps to a target, leaving a crumb to come back to.
    pub fn jump_to(&mut self, target: Target) {
        let crumb = Crumb {
            tab: self.tab,
            kind: self.tabs.objects.kind,
            filter: self.current().filter().to_string(),
            selected: self.selected(),
            focus: self.focus,
            detail_line: self.detail.nav.selected,
            label: self.crumb_label(),
        };
        let Some(data) = self.data.as_deref() else {
            return;
        };
        match target {
            Target::Object(kind, i) => {
                self.tabs.objects.jump_to(data, kind, i);
                self.tab = Tab::Objects;
            }
            Target::Agent(i) => {
                let Some(id) = data.inv.agents.get(i).map(|a| a.id.clone()) else {
                    return;
                };
                self.tabs.agents.jump_to(data, &id);
                self.tab = Tab::Agents;
            }
            Target::Node(node) => {
                let Some(path) = data.path_of(node).map(<[String]>::to_vec) else {
                    self.status = Some("not shown in the topology".into());
                    return;
                };
                self.tabs.topology.select_path(data, path);
                self.tab = Tab::Topology;
            }
        }
        if self.browse.trail.len() == TRAIL {
            self.browse.trail.remove(0);
        }
        self.browse.trail.push(crumb);
        self.focus = Pane::List;
        self.back_tab = None;
        self.sync_detail();
    }

    /// Esc after a jump: back to where it was made. `false` when there was none.
    pub(super) fn back_along_trail(&mut self) -> bool {
        let Some(crumb) = self.browse.trail.pop() else {
            return false;
        };
        let Some(data) = self.data.as_deref() else {
            return false;
        };
        match (crumb.tab, crumb.selected) {
            (Tab::Objects, Selected::Object(kind, i)) => {
                self.tabs.objects.open(data, kind);
                self.tab = Tab::Objects;
                self.set_filter(crumb.filter.clone());
                self.tabs.objects.select(i);
            }
            (Tab::Agents, Selected::Agent(i)) => {
                let id = data.inv.agents.get(i).map(|a| a.id.clone());
                self.tab = Tab::Agents;
                self.set_filter(crumb.filter.clone());
                if let (Some(id), Some(data)) = (id, self.data.as_deref()) {
                    self.tabs.agents.select_by_id(data, &id);
                }
            }
            (tab, _) => {
                // The topology keeps its own cursor; the object view its kind.
                if let (Tab::Objects, Some(kind)) = (tab, crumb.kind) {
                    self.tabs.objects.open(data, kind);
                }
                self.tab = tab;
            }
        }
        self.focus = crumb.focus;
        self.sync_detail();
        let len = self.detail_lines().len();
        self.detail.nav.select(crumb.detail_line, len);
        true
    }

    /// The breadcrumb: each step's label, oldest first, then where the user is now.
    pub fn breadcrumb(&self) -> Option<String> {
        if self.browse.trail.is_empty() {
            return None;
        }
        let mut steps: Vec<String> = self.browse.trail.iter().map(|c| c.label.clone()).collect();
        steps.push(self.crumb_label());
        Some(steps.join(" › "))
    }
}
