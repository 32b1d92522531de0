//! The Changes tab (compare mode only): what differs between OLD and the data on screen, in
//! sections (agents added, removed, changed; objects added, removed, changed; findings new
//! and resolved) after the score, each foldable, filtered like the other lists. `view.rs`
//! draws it, `detail.rs` writes an item's detail (and the agent detail's "changed since OLD").

pub(crate) mod detail;
pub mod view;

use super::{ListDrawn, Outcome, Scroll, TabState, ViewCx};
use crate::diff::Change;
use crate::tui::action::Action;
use crate::tui::compare::{ChangeItem, Compared};
use crate::tui::data::Data;
use crate::tui::detail::Selected;
use crate::tui::filter::{Fuzzy, Query};
use crate::tui::keymap::Scope;
use crate::tui::selection::Selection;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use std::collections::HashSet;

/// A group of the list, in list order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    AgentsAdded,
    AgentsRemoved,
    AgentsChanged,
    ObjectsAdded,
    ObjectsRemoved,
    ObjectsChanged,
    FindingsNew,
    FindingsResolved,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::AgentsAdded,
        Section::AgentsRemoved,
        Section::AgentsChanged,
        Section::ObjectsAdded,
        Section::ObjectsRemoved,
        Section::ObjectsChanged,
        Section::FindingsNew,
        Section::FindingsResolved,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::AgentsAdded => "Agents added",
            Section::AgentsRemoved => "Agents removed (only in OLD)",
            Section::AgentsChanged => "Agents changed",
            Section::ObjectsAdded => "Objects added",
            Section::ObjectsRemoved => "Objects removed",
            Section::ObjectsChanged => "Objects changed",
            Section::FindingsNew => "Findings new",
            Section::FindingsResolved => "Findings resolved",
        }
    }

    /// The section's items, in the diff's order.
    fn items(self, c: &Compared) -> Vec<ChangeItem> {
        let agents = |kind: Change| {
            c.diff
                .agents
                .iter()
                .enumerate()
                .filter(move |(_, a)| a.change == kind)
                .map(|(i, _)| ChangeItem::Agent(i))
                .collect()
        };
        let objects = |kind: Change| {
            c.diff
                .objects
                .iter()
                .enumerate()
                .filter(move |(_, o)| o.change == kind)
                .map(|(i, _)| ChangeItem::Object(i))
                .collect()
        };
        match self {
            Section::AgentsAdded => agents(Change::Added),
            Section::AgentsRemoved => agents(Change::Removed),
            Section::AgentsChanged => agents(Change::Changed),
            Section::ObjectsAdded => objects(Change::Added),
            Section::ObjectsRemoved => objects(Change::Removed),
            Section::ObjectsChanged => objects(Change::Changed),
            Section::FindingsNew => (0..c.diff.new_findings.len())
                .map(ChangeItem::NewFinding)
                .collect(),
            Section::FindingsResolved => (0..c.diff.resolved_findings.len())
                .map(ChangeItem::ResolvedFinding)
                .collect(),
        }
    }
}

/// A row of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeRow {
    Section {
        section: Section,
        /// Items that pass the filter, and all of them.
        shown: usize,
        total: usize,
    },
    Item(ChangeItem),
}

#[derive(Default)]
pub struct ChangesTab {
    filter: String,
    fuzzy: Fuzzy,
    folded: HashSet<Section>,
    pub rows: Vec<ChangeRow>,
    pub nav: Selection,
    /// Items that pass the filter (the score aside).
    pub matches: usize,
    /// What the tab says before a comparison is on screen (OLD being read, or why it
    /// could not be).
    pub note: String,
}

impl ChangesTab {
    /// Rebuilds the rows from the comparison on screen (none yet: no rows), keeping the
    /// selected row where it was.
    pub fn rebuild(&mut self, data: &Data) {
        let kept = self.rows.get(self.nav.selected).copied();
        self.rows.clear();
        self.matches = 0;
        let Some(c) = data.compared.as_deref() else {
            self.nav = Selection::default();
            return;
        };
        let query = Query::new(&self.filter);
        if query.is_none() {
            self.rows.push(ChangeRow::Item(ChangeItem::Score));
        }
        for section in Section::ALL {
            let all = section.items(c);
            if all.is_empty() {
                continue;
            }
            let total = all.len();
            let shown: Vec<ChangeItem> = match &query {
                None => all,
                Some(q) => all
                    .into_iter()
                    .filter(|item| {
                        c.hay(*item)
                            .is_some_and(|h| self.fuzzy.score(q, h).is_some())
                    })
                    .collect(),
            };
            if shown.is_empty() {
                continue;
            }
            self.matches += shown.len();
            self.rows.push(ChangeRow::Section {
                section,
                shown: shown.len(),
                total,
            });
            if !self.folded.contains(&section) {
                self.rows.extend(shown.into_iter().map(ChangeRow::Item));
            }
        }
        let pos = kept.and_then(|k| self.rows.iter().position(|r| *r == k));
        match pos {
            Some(p) => self.nav.select(p, self.rows.len()),
            None => self.nav.select(self.nav.selected, self.rows.len()),
        }
    }

    /// The section a row belongs to (the row itself, or the last section row above it).
    fn section_of(&self, pos: usize) -> Option<(usize, Section)> {
        (0..=pos).rev().find_map(|p| match self.rows.get(p) {
            Some(ChangeRow::Section { section, .. }) => Some((p, *section)),
            _ => None,
        })
    }

    fn fold(&mut self, data: &Data, fold: Option<bool>) {
        let Some((p, section)) = self.section_of(self.nav.selected) else {
            return;
        };
        self.nav.selected = p;
        let fold = fold.unwrap_or(!self.folded.contains(&section));
        let changed = if fold {
            self.folded.insert(section)
        } else {
            self.folded.remove(&section)
        };
        if changed {
            self.rebuild(data);
        }
    }

    /// The selected item, if the cursor is on one.
    pub fn selected_item(&self) -> Option<ChangeItem> {
        match self.rows.get(self.nav.selected)? {
            ChangeRow::Item(item) => Some(*item),
            ChangeRow::Section { .. } => None,
        }
    }
}

impl TabState for ChangesTab {
    fn scope(&self) -> Scope {
        Scope::Changes
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
            // A new filter starts at the top.
            self.nav = Selection::default();
            self.rows.clear();
            self.rebuild(data);
        }
    }

    fn count(&self, data: &Data) -> Option<String> {
        Some(match data.compared.as_deref() {
            Some(c) => {
                let d = &c.diff;
                (d.agents.len()
                    + d.objects.len()
                    + d.new_findings.len()
                    + d.resolved_findings.len())
                .to_string()
            }
            None => "…".to_string(),
        })
    }

    fn filter_count(&self, data: &Data) -> String {
        let total = self.count(data).unwrap_or_default();
        format!("{} of {total} changes", self.matches)
    }

    fn selected(&self, _data: &Data) -> Selected {
        self.selected_item()
            .map_or(Selected::Nothing, Selected::Change)
    }

    fn selected_id(&self, data: &Data) -> Option<String> {
        let c = data.compared.as_deref()?;
        match self.selected_item()? {
            ChangeItem::Score => None,
            ChangeItem::Agent(i) => c.diff.agents.get(i).map(|a| a.id.clone()),
            ChangeItem::Object(i) => c.diff.objects.get(i).map(|o| o.id.clone()),
            ChangeItem::NewFinding(i) => c.diff.new_findings.get(i).map(finding_line),
            ChangeItem::ResolvedFinding(i) => c.diff.resolved_findings.get(i).map(finding_line),
        }
    }

    fn go(&mut self, delta: isize) {
        self.nav.go(delta, self.rows.len());
    }

    fn shift(&mut self, delta: isize) {
        self.nav.shift(delta);
    }

    fn act(&mut self, data: &Data, action: Action) -> Outcome {
        match action {
            Action::Left => self.fold(data, Some(true)),
            Action::Right => self.fold(data, Some(false)),
            Action::Enter => return self.enter(data),
            _ => {}
        }
        Outcome::Done
    }

    fn click(&mut self, _data: &Data, _pos: Position, row: usize) {
        self.nav.click(row, self.rows.len());
    }

    fn width_percent(&self, wide: bool) -> u16 {
        if wide { 55 } else { 50 }
    }

    fn render(&self, frame: &mut Frame, area: Rect, cx: &ViewCx) -> Option<ListDrawn> {
        view::render(self, frame, area, cx)
    }

    fn laid_out(&mut self, scroll: Scroll) {
        self.nav.adopt(scroll);
    }
}

impl ChangesTab {
    /// Enter: an agent of NEW to the Agents tab, a new finding to the Audit tab; what is only
    /// in OLD (or no tab shows) to the detail; on a section, fold or unfold it.
    fn enter(&mut self, data: &Data) -> Outcome {
        let Some(c) = data.compared.as_deref() else {
            return Outcome::Done;
        };
        let Some(row) = self.rows.get(self.nav.selected).copied() else {
            return Outcome::Done;
        };
        match row {
            ChangeRow::Section { .. } => {
                self.fold(data, None);
                Outcome::Done
            }
            ChangeRow::Item(ChangeItem::Agent(i)) => {
                let index = c
                    .diff
                    .agents
                    .get(i)
                    .filter(|a| a.change != Change::Removed)
                    .and_then(|a| data.lookup.agent_by_id.get(&a.id));
                match index {
                    Some(&a) => Outcome::ShowAgent(a),
                    None => Outcome::FocusDetail,
                }
            }
            ChangeRow::Item(ChangeItem::NewFinding(i)) => {
                match c.new_finding_index.get(i).copied().flatten() {
                    Some(f) => Outcome::ShowFinding(f),
                    None => Outcome::FocusDetail,
                }
            }
            ChangeRow::Item(_) => Outcome::FocusDetail,
        }
    }
}

fn finding_line(f: &crate::audit::Finding) -> String {
    format!(
        "{} {} {}: {}",
        f.rule,
        f.severity.as_str(),
        f.target.id,
        f.message
    )
}
