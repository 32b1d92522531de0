//! The Topology tab: the tree of Genesys environment → voice environment → switch and
//! T-Server connections, filtered, opened and navigated by path (stable ids, so expansion and
//! selection survive a refresh). `view.rs` draws it, `detail.rs` writes a node's detail.

pub(crate) mod detail;
pub mod view;

use super::{Outcome, Scroll, TabState, ViewCx};
use crate::tui::action::Action;
use crate::tui::data::{Data, NodeKind};
use crate::tui::detail::Selected;
use crate::tui::filter::{Fuzzy, Query};
use crate::tui::keymap::Scope;
use crate::tui::selection::Selection;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use std::collections::HashSet;

/// What the tree's view laid out: its rows' area, where it scrolled, the rows it drew.
#[derive(Debug, Clone, Default)]
pub struct TreeDrawn {
    pub area: Rect,
    /// The first row shown and the last row's index (`None`: the area had no room).
    pub offset: Option<(usize, usize)>,
    /// Each drawn row's screen line and path, for the mouse.
    pub rendered: Vec<(u16, Vec<String>)>,
}

#[derive(Default)]
pub struct TopologyTab {
    filter: String,
    fuzzy: Fuzzy,
    opened: HashSet<Vec<String>>,
    /// The selected node's path.
    selected: Vec<String>,
    /// The scroll (`offset`); the cursor is the selected path's row.
    view: Selection,
    /// The selection moved: the next frame scrolls it into view.
    reveal: bool,
    /// The last row's index at the last frame (a page down stops there).
    last_row: usize,
    last_drawn: TreeDrawn,
    /// Per node of `data.topo`: kept by the filter, and whether kept children follow.
    keep: Vec<bool>,
    branch: Vec<bool>,
    /// The rows shown (opened and kept): their paths and their nodes in `data.topo`.
    rows: Vec<Vec<String>>,
    row_nodes: Vec<usize>,
    initialised: bool,
}

impl TopologyTab {
    pub fn rows(&self) -> &[Vec<String>] {
        &self.rows
    }

    pub fn selected_path(&self) -> &[String] {
        &self.selected
    }

    pub fn opened(&self) -> &HashSet<Vec<String>> {
        &self.opened
    }

    fn select(&mut self, path: Vec<String>) {
        self.reveal = true;
        self.selected = path;
    }

    fn open(&mut self, path: Vec<String>) -> bool {
        !path.is_empty() && self.opened.insert(path)
    }

    fn toggle(&mut self, path: Vec<String>) {
        if !self.opened.remove(&path) {
            self.open(path);
        }
    }

    /// New data or a new filter: which nodes are kept, and the rows.
    pub fn rebuild(&mut self, data: &Data) {
        let query = Query::new(&self.filter);
        self.keep = match &query {
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
            for (n, &k) in data.topo.iter().zip(&self.keep) {
                if k {
                    for depth in 1..n.path.len() {
                        self.opened.insert(n.path[..depth].to_vec());
                    }
                }
            }
        }
        // Nodes are in tree order (children follow their parent), and a kept node's
        // ancestors are kept: a node has kept children when the next kept node is one.
        self.branch = vec![false; data.topo.len()];
        let mut last: Option<usize> = None;
        for (i, n) in data.topo.iter().enumerate() {
            if !self.keep.get(i).copied().unwrap_or(false) {
                continue;
            }
            if let Some(p) = last
                && n.path.len() > data.topo[p].path.len()
                && n.path.starts_with(&data.topo[p].path)
            {
                self.branch[p] = true;
            }
            last = Some(i);
        }
        self.refresh_rows(data);
    }

    /// The rows shown: kept nodes whose ancestors are all open. The selection stays on its
    /// node, or its closest ancestor still shown, or the first row.
    fn refresh_rows(&mut self, data: &Data) {
        self.rows.clear();
        self.row_nodes.clear();
        for (i, n) in data.topo.iter().enumerate() {
            let shown = self.keep.get(i).copied().unwrap_or(false)
                && (1..n.path.len()).all(|d| self.opened.contains(&n.path[..d]));
            if shown {
                self.rows.push(n.path.clone());
                self.row_nodes.push(i);
            }
        }
        if !self.rows.contains(&self.selected) {
            let mut path = self.selected.clone();
            while !path.is_empty() && !self.rows.contains(&path) {
                path.pop();
            }
            let path = if path.is_empty() {
                self.rows.first().cloned().unwrap_or_default()
            } else {
                path
            };
            self.select(path);
        }
    }

    /// New data: the tree rebuilt, the Genesys environments opened the first time.
    pub fn install(&mut self, data: &Data) {
        self.rebuild(data);
        if !self.initialised {
            self.initialised = true;
            for node in &data.topo {
                if matches!(node.kind, NodeKind::GenesysEnv(_)) {
                    self.opened.insert(node.path.clone());
                }
            }
            self.refresh_rows(data);
            if let Some(first) = self.rows.first().cloned() {
                self.select(first);
            }
        }
    }

    fn row_of_selected(&self) -> Option<usize> {
        self.rows.iter().position(|p| *p == self.selected)
    }

    /// Selects a node (a jump), opening its ancestors; a filter that hides it is cleared.
    pub fn select_path(&mut self, data: &Data, path: Vec<String>) {
        for depth in 1..path.len() {
            self.open(path[..depth].to_vec());
        }
        self.refresh_rows(data);
        if !self.rows.contains(&path) && !self.filter.is_empty() {
            self.filter.clear();
            self.rebuild(data);
        }
        self.select(path);
        self.refresh_rows(data);
    }

    /// Whether a node has children (shown or not).
    fn has_children(data: &Data, path: &[String]) -> bool {
        data.topo
            .iter()
            .any(|n| n.path.len() > path.len() && n.path.starts_with(path))
    }

    /// The path drawn at a screen position at the last frame.
    fn rendered_at(&self, pos: Position) -> Option<&[String]> {
        if !self.last_drawn.area.contains(pos) {
            return None;
        }
        self.last_drawn
            .rendered
            .iter()
            .rev()
            .find(|(y, _)| pos.y >= *y)
            .map(|(_, p)| p.as_slice())
    }
}

impl TabState for TopologyTab {
    fn scope(&self) -> Scope {
        Scope::Topology
    }

    fn filter(&self) -> &str {
        &self.filter
    }

    fn set_filter(&mut self, data: Option<&Data>, text: String) {
        if self.filter == text {
            return;
        }
        self.filter = text;
        if let Some(data) = data {
            self.rebuild(data);
        }
    }

    fn count(&self, _data: &Data) -> Option<String> {
        None
    }

    fn filter_count(&self, _data: &Data) -> String {
        format!("{} rows", self.rows.len())
    }

    fn selected(&self, data: &Data) -> Selected {
        data.node_at(&self.selected)
            .map_or(Selected::Nothing, |n| Selected::Node(n.kind))
    }

    fn selected_id(&self, data: &Data) -> Option<String> {
        match self.selected(data) {
            Selected::Node(_) => self.selected.last().cloned(),
            _ => None,
        }
    }

    fn go(&mut self, delta: isize) {
        let mut nav = Selection {
            selected: self.row_of_selected().unwrap_or(0),
            offset: 0,
        };
        nav.go(delta, self.rows.len());
        if let Some(path) = self.rows.get(nav.selected).cloned() {
            self.select(path);
        }
    }

    fn shift(&mut self, delta: isize) {
        let lines = delta.unsigned_abs();
        self.view.offset = if delta > 0 {
            self.view.offset.saturating_add(lines).min(self.last_row)
        } else {
            self.view.offset.saturating_sub(lines)
        };
    }

    fn act(&mut self, data: &Data, action: Action) -> Outcome {
        let sel = self.selected.clone();
        let mut outcome = Outcome::Done;
        match action {
            Action::Left => {
                if !self.opened.remove(&sel) {
                    let mut parent = sel;
                    parent.pop();
                    if !parent.is_empty() {
                        self.select(parent);
                    }
                }
            }
            // Open a closed node; on an open one go to its first child; on a leaf, to the
            // detail.
            Action::Right => {
                if !Self::has_children(data, &sel) {
                    outcome = Outcome::FocusDetail;
                } else if !self.open(sel) {
                    self.go(1);
                }
            }
            Action::Enter => {
                if Self::has_children(data, &sel) {
                    self.toggle(sel);
                } else {
                    return Outcome::FocusDetail;
                }
            }
            Action::ExpandAll => {
                for n in &data.topo {
                    self.opened.insert(n.path.clone());
                }
            }
            Action::CollapseAll => self.opened.clear(),
            _ => return Outcome::Done,
        }
        self.refresh_rows(data);
        outcome
    }

    fn click(&mut self, data: &Data, pos: Position, _row: usize) {
        if let Some(path) = self.rendered_at(pos).map(<[String]>::to_vec) {
            if path == self.selected {
                self.toggle(path);
                self.refresh_rows(data);
            } else {
                self.select(path);
            }
        }
    }

    fn width_percent(&self, _wide: bool) -> u16 {
        45
    }

    fn render(&self, frame: &mut Frame, area: Rect, cx: &ViewCx) -> Option<super::ListDrawn> {
        Some(view::render(self, frame, area, cx))
    }

    fn laid_out(&mut self, scroll: Scroll) {
        if let Scroll::Tree(drawn) = scroll {
            if let Some((offset, last)) = drawn.offset {
                self.view.offset = offset;
                self.last_row = last;
                self.reveal = false;
            }
            self.last_drawn = drawn;
        }
    }
}
