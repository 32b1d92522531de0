//! The Topology tab's tree: rebuilt from the data and the filter, navigated by path.

use super::App;
use crate::tui::action::Tab;
use crate::tui::filter::Query;
use crate::tui::nav::ListNav;
use crate::tui::views::topology as topo_view;

impl App {
    pub(super) fn rebuild_tree(&mut self) {
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

    pub(super) fn refresh_tree_rows(&mut self) {
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

    pub(super) fn tree_step(&mut self, delta: isize) {
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

    pub(super) fn select_tree_path(&mut self, path: Vec<String>) {
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
}
