//! The object view: one tab for every object kind (`:persons`, `:places`, `:dns`, …),
//! parameterised by `Kind`: its sort column, the filtered and ranked rows, the cursor.
//! `view.rs` draws the windowed table, `detail.rs` an object's fields and where it is used.

pub(crate) mod detail;
pub mod view;

use super::{ListDrawn, Outcome, Scroll, TabState, ViewCx};
use crate::tui::action::Action;
use crate::tui::collate;
use crate::tui::data::Data;
use crate::tui::detail::Selected;
use crate::tui::filter::{Fuzzy, Query, Scan};
use crate::tui::keymap::Scope;
use crate::tui::objects::Kind;
use crate::tui::selection::Selection;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};

#[derive(Default)]
pub struct ObjectsTab {
    /// The kind shown; `None` until a `:` command opens one.
    pub kind: Option<Kind>,
    filter: String,
    /// The sort column (an index into the kind's columns).
    pub sort: usize,
    pub descending: bool,
    /// Every object in the sort order.
    order: Vec<u32>,
    /// The objects shown: the order, or the filter's matches best first.
    pub view: Vec<u32>,
    /// Widest cell per column over every object (capped), for a table that does not jump.
    pub widths: Vec<usize>,
    pub nav: Selection,
}

impl ObjectsTab {
    /// Shows a kind (a `:` command); another kind starts unfiltered, sorted by its first
    /// column.
    pub fn open(&mut self, data: &Data, kind: Kind) {
        if self.kind != Some(kind) {
            *self = ObjectsTab {
                kind: Some(kind),
                ..ObjectsTab::default()
            };
        }
        self.resort(data);
    }

    /// New data: the same kind, sort and filter, the cursor on the same object when it is
    /// still there.
    pub fn install(&mut self, data: &Data) {
        if self.kind.is_some() {
            let keep = self.selected_object();
            self.resort(data);
            if let Some(i) = keep {
                self.select(i);
            }
        }
    }

    pub fn selected_object(&self) -> Option<usize> {
        self.view.get(self.nav.selected).map(|&i| i as usize)
    }

    /// Puts the cursor on an object; `false` when the filter hides it.
    pub fn select(&mut self, index: usize) -> bool {
        match self.view.iter().position(|&i| i as usize == index) {
            Some(pos) => {
                self.nav.select(pos, self.view.len());
                true
            }
            None => false,
        }
    }

    /// Shows an object of a kind (a jump); a filter that hides it is cleared.
    pub fn jump_to(&mut self, data: &Data, kind: Kind, index: usize) {
        self.open(data, kind);
        if !self.select(index) {
            self.filter.clear();
            self.refilter(data);
            self.select(index);
        }
    }

    fn resort(&mut self, data: &Data) {
        let Some(kind) = self.kind else {
            return;
        };
        let used = data.used();
        let cols = kind.columns();
        let n = kind.len(data);
        let rows: Vec<Vec<String>> = (0..n).map(|i| kind.cells(data, used, i)).collect();
        self.widths = cols
            .iter()
            .enumerate()
            .map(|(c, col)| {
                rows.iter()
                    .filter_map(|r| r.get(c))
                    .map(|s| crate::tui::text::width(s))
                    .max()
                    .unwrap_or(0)
                    .max(col.title.len() + 2)
                    .min(col.cap)
            })
            .collect();
        let sort = self.sort.min(cols.len().saturating_sub(1));
        let cell = |i: u32| rows[i as usize].get(sort).map_or("", String::as_str);
        let mut order: Vec<u32> = (0..n as u32).collect();
        if cols.get(sort).is_some_and(|c| c.numeric) {
            order.sort_by_cached_key(|&i| (collate::numeric_key(cell(i)), i));
        } else {
            // Names as people read them, then the text itself, then the snapshot order.
            order.sort_by_cached_key(|&i| (collate::key(cell(i)), cell(i).to_string(), i));
        }
        if self.descending {
            order.reverse();
        }
        self.order = order;
        self.refilter(data);
    }

    fn refilter(&mut self, data: &Data) {
        let Some(kind) = self.kind else {
            return;
        };
        let keep = self.selected_object();
        match Query::new(&self.filter) {
            None => self.view = self.order.clone(),
            Some(q) => {
                let pool: Vec<(u32, u32)> = (0..).zip(self.order.iter().copied()).collect();
                let Scan { mut scored, .. } = Fuzzy::scan(&q, &pool, data.object_hays(kind));
                // Best match first; ties keep the sort order.
                scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                self.view = scored.into_iter().map(|(_, _, i)| i).collect();
            }
        }
        match keep.filter(|_| self.filter.is_empty()) {
            Some(i) if self.select(i) => {}
            // While typing a filter, the best match is the one to see.
            _ => self.nav = Selection::default(),
        }
    }
}

impl TabState for ObjectsTab {
    fn scope(&self) -> Scope {
        Scope::Objects
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
            self.refilter(data);
        }
    }

    fn count(&self, data: &Data) -> Option<String> {
        self.kind.map(|k| k.len(data).to_string())
    }

    fn filter_count(&self, data: &Data) -> String {
        match self.kind {
            Some(k) => format!(
                "{} of {} {}",
                self.view.len(),
                k.len(data),
                k.title().to_lowercase()
            ),
            None => String::new(),
        }
    }

    fn selected(&self, _data: &Data) -> Selected {
        match (self.kind, self.selected_object()) {
            (Some(k), Some(i)) => Selected::Object(k, i),
            _ => Selected::Nothing,
        }
    }

    fn selected_id(&self, data: &Data) -> Option<String> {
        let kind = self.kind?;
        let i = self.selected_object()?;
        Some(match kind.dbid(data, i) {
            Some(d) => d.to_string(),
            None => kind.label(data, i),
        })
    }

    fn go(&mut self, delta: isize) {
        self.nav.go(delta, self.view.len());
    }

    fn shift(&mut self, delta: isize) {
        self.nav.shift(delta);
    }

    fn act(&mut self, data: &Data, action: Action) -> Outcome {
        let columns = self.kind.map_or(1, |k| k.columns().len());
        match action {
            Action::Right | Action::Enter => return Outcome::FocusDetail,
            Action::SortNext => {
                self.sort = (self.sort + 1) % columns;
                self.descending = false;
                self.resort(data);
            }
            Action::SortReverse => {
                self.descending = !self.descending;
                self.resort(data);
            }
            _ => {}
        }
        Outcome::Done
    }

    fn click(&mut self, _data: &Data, _pos: Position, row: usize) {
        self.nav.click(row, self.view.len());
    }

    fn width_percent(&self, wide: bool) -> u16 {
        if wide { 58 } else { 52 }
    }

    fn render(&self, frame: &mut Frame, area: Rect, cx: &ViewCx) -> Option<ListDrawn> {
        view::render(self, frame, area, cx)
    }

    fn laid_out(&mut self, scroll: Scroll) {
        self.nav.adopt(scroll);
    }

    fn label(&self) -> Option<&'static str> {
        self.kind.map(Kind::title)
    }

    fn in_tab_bar(&self) -> bool {
        self.kind.is_some()
    }
}
