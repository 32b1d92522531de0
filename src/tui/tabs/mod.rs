//! The tabs. Each folder owns its tab's state (filter, rows, `Selection`), what its
//! keys do (its keymap scope), its view (`view.rs`) and its detail (`detail.rs`). The app
//! reaches the current tab through `TabState`, so no code matches on (pane, tab) pairs.

pub mod agents;
pub mod audit;
pub mod changes;
pub mod objects;
pub mod topology;

use super::action::{Action, Tab};
use super::data::{Data, NodeKind};
use super::detail::{B, DLine, Piece, ROLES, Selected};
use super::keymap::Scope;
use super::selection::Selection;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};

pub use agents::AgentsTab;
pub use audit::AuditTab;
pub use changes::ChangesTab;
pub use objects::ObjectsTab;
pub use topology::TopologyTab;

/// What a tab asks of the app after an action it handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// Focus the detail pane.
    FocusDetail,
    /// Jump to where this finding's target is shown (another tab).
    Jump(usize),
    /// Show this agent (by index) in the Agents tab.
    ShowAgent(usize),
    /// Show this finding (by index) in the Audit tab.
    ShowFinding(usize),
}

/// What a view needs besides the tab's own state.
pub struct ViewCx<'a> {
    pub data: &'a Data,
    pub theme: &'a Theme,
    pub focused: bool,
}

/// What a tab's view laid out: where its rows start, how many fit, and where it scrolled to.
#[derive(Debug, Clone)]
pub struct ListDrawn {
    pub rows_top: u16,
    pub height: usize,
    pub scroll: Scroll,
}

/// The scroll a view showed, stored back into the tab after the frame.
#[derive(Debug, Clone)]
pub enum Scroll {
    Unchanged,
    Rows(Selection),
    Tree(topology::TreeDrawn),
}

/// One tab, as the app and the views see it.
pub trait TabState {
    /// The keymap scope of its list.
    fn scope(&self) -> Scope;
    fn filter(&self) -> &str;
    /// Sets the filter text and narrows the tab.
    fn set_filter(&mut self, data: Option<&Data>, text: String);
    /// What the tab bar says beside the tab's name (its rows in the data), if anything.
    fn count(&self, data: &Data) -> Option<String>;
    /// What the filter line says beside the text (`12 of 80 agents`).
    fn filter_count(&self, data: &Data) -> String;
    fn selected(&self, data: &Data) -> Selected;
    /// What `y` copies from the list.
    fn selected_id(&self, data: &Data) -> Option<String>;
    /// Moves the cursor; `isize::MIN`/`MAX` for the top and the bottom.
    fn go(&mut self, delta: isize);
    /// Scrolls the view by a page before the cursor follows.
    fn shift(&mut self, delta: isize);
    /// The tab's own actions (its scope's bindings, and Left/Right/Enter).
    fn act(&mut self, data: &Data, action: Action) -> Outcome;
    /// A click on the list's `row` (counted from its first row) at `pos`.
    fn click(&mut self, data: &Data, pos: Position, row: usize);
    /// The list's share of a wide screen, in percent.
    fn width_percent(&self, wide: bool) -> u16;
    /// Draws the list; `None` when the pane had no room for rows.
    fn render(&self, frame: &mut Frame, area: Rect, cx: &ViewCx) -> Option<ListDrawn>;
    /// Takes back the scroll its view showed.
    fn laid_out(&mut self, scroll: Scroll);
    /// Its name in the tab bar, when not the tab's own (the object view's kind).
    fn label(&self) -> Option<&'static str> {
        None
    }
    /// Whether the tab bar shows it (the object view: once one was opened).
    fn in_tab_bar(&self) -> bool {
        true
    }
}

/// The tabs' states.
#[derive(Default)]
pub struct Tabs {
    pub topology: TopologyTab,
    pub agents: AgentsTab,
    pub audit: AuditTab,
    pub changes: ChangesTab,
    pub objects: ObjectsTab,
}

impl Tabs {
    pub fn get(&self, tab: Tab) -> &dyn TabState {
        match tab {
            Tab::Topology => &self.topology,
            Tab::Agents => &self.agents,
            Tab::Audit => &self.audit,
            Tab::Changes => &self.changes,
            Tab::Objects => &self.objects,
        }
    }

    pub fn get_mut(&mut self, tab: Tab) -> &mut dyn TabState {
        match tab {
            Tab::Topology => &mut self.topology,
            Tab::Agents => &mut self.agents,
            Tab::Audit => &mut self.audit,
            Tab::Changes => &mut self.changes,
            Tab::Objects => &mut self.objects,
        }
    }
}

/// The detail pane's lines for a selection at a width, from the tab that owns the object:
/// text and roles, no styles (the detail view styles them), so the state can count and copy
/// them.
pub fn detail_lines(data: &Data, sel: Selected, width: usize, what_if: bool) -> Vec<DLine> {
    let mut b = B::new(width);
    b.auditing = !data.audited;
    match sel {
        Selected::Agent(i) => {
            if let Some(agent) = data.inv.agents.get(i) {
                agents::detail::agent_detail(&mut b, data, agent, what_if);
            }
        }
        Selected::Node(NodeKind::GenesysEnv(g)) => topology::detail::genesys_env(&mut b, data, g),
        Selected::Node(NodeKind::VoiceEnv(v)) => topology::detail::voice_env(&mut b, data, v),
        Selected::Node(NodeKind::Switch(v, s)) => topology::detail::switch(&mut b, data, v, s),
        Selected::Node(NodeKind::Connection(v, c)) => {
            topology::detail::connection(&mut b, data, v, c)
        }
        Selected::Finding(i) => {
            if let Some(f) = data.audit.findings.get(i) {
                audit::detail::finding_detail(&mut b, data, f);
            }
        }
        Selected::Rule(rule) => audit::detail::rule_detail(&mut b, data, rule),
        Selected::Change(item) => changes::detail::change_detail(&mut b, data, item, what_if),
        Selected::Object(kind, i) => objects::detail::object_detail(&mut b, data, kind, i),
        Selected::Nothing => b.push(vec![Piece::styled("nothing selected", ROLES.muted)], None),
    }
    b.out
}
