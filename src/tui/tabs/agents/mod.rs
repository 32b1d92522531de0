//! The Agents tab: the sort order, the filtered and ranked view, the cursor. `view.rs` draws
//! the windowed table, `detail.rs` writes an agent's detail.

pub(crate) mod detail;
pub mod view;

use super::{ListDrawn, Outcome, Scroll, TabState, ViewCx};
use crate::tui::action::Action;
use crate::tui::collate;
use crate::tui::data::{Column, Data};
use crate::tui::detail::Selected;
use crate::tui::filter::{Fuzzy, Query, Scan};
use crate::tui::keymap::Scope;
use crate::tui::selection::Selection;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};

pub struct AgentsTab {
    filter: String,
    pub sort: Column,
    pub descending: bool,
    /// Every agent in the sort order.
    order: Vec<u32>,
    /// The agents shown: the order, or the filter's matches best first.
    pub view: Vec<u32>,
    /// The last filter text and the agents (rank in `order`, index) its words match at all,
    /// good enough or not: where the next keystroke's search starts.
    candidates: Option<(String, Vec<(u32, u32)>)>,
    pub nav: Selection,
    /// The agent selected before new data without an audit came in (see `App::install`).
    pub kept: Option<String>,
}

impl Default for AgentsTab {
    fn default() -> Self {
        AgentsTab {
            filter: String::new(),
            sort: Column::User,
            descending: false,
            order: Vec::new(),
            view: Vec::new(),
            candidates: None,
            nav: Selection::default(),
            kept: None,
        }
    }
}

impl AgentsTab {
    pub fn selected_agent(&self) -> Option<usize> {
        self.view.get(self.nav.selected).map(|&i| i as usize)
    }

    pub fn selected_agent_id(&self, data: &Data) -> Option<String> {
        let i = self.selected_agent()?;
        data.inv.agents.get(i).map(|a| a.id.clone())
    }

    pub fn select_by_id(&mut self, data: &Data, id: &str) -> bool {
        let Some(i) = data.lookup.agent_by_id.get(id).copied() else {
            return false;
        };
        match self.view.iter().position(|&a| a as usize == i) {
            Some(pos) => {
                self.nav.select(pos, self.view.len());
                true
            }
            None => false,
        }
    }

    /// Selects an agent (a jump); a filter that hides it is cleared.
    pub fn jump_to(&mut self, data: &Data, id: &str) {
        if !self.select_by_id(data, id) {
            self.filter.clear();
            self.refilter(data);
            self.select_by_id(data, id);
        }
    }

    pub fn resort(&mut self, data: &Data) {
        let mut order: Vec<u32> = (0..data.agents.len() as u32).collect();
        let rows = &data.agents;
        let col = self.sort;
        match col {
            Column::Findings => order.sort_by_key(|&i| {
                let c = data.agent_counts(i as usize);
                (std::cmp::Reverse((c.error, c.warn, c.info)), i)
            }),
            // Names as people read them: case and accents do not decide (`collate`).
            Column::User => order.sort_by_cached_key(|&i| {
                let r = &rows[i as usize];
                (collate::key(r.user()), r.user().to_string(), i)
            }),
            _ => order.sort_by_cached_key(|&i| {
                let r = &rows[i as usize];
                (collate::key(r.cell(col)), collate::key(r.user()), i)
            }),
        }
        if self.descending {
            order.reverse();
        }
        self.order = order;
        self.candidates = None;
        self.refilter(data);
    }

    fn refilter(&mut self, data: &Data) {
        let keep_id = self.selected_agent();
        match Query::new(&self.filter) {
            None => {
                self.view = self.order.clone();
                self.candidates = None;
            }
            Some(q) => {
                // Typing on: only what matched the shorter text can match the longer one
                // (a plain query narrows), so those are the only ones scored again.
                let text = &self.filter;
                let narrowing = self
                    .candidates
                    .as_ref()
                    .filter(|(prev, _)| q.is_plain() && text.starts_with(prev.as_str()));
                let pool: Vec<(u32, u32)> = match narrowing {
                    Some((_, pool)) => pool.clone(),
                    None => (0..).zip(self.order.iter().copied()).collect(),
                };
                let Scan {
                    candidates,
                    mut scored,
                } = Fuzzy::scan(&q, &pool, &data.audit.agent_hay);
                // Best match first; ties keep the sort order.
                scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                self.view = scored.into_iter().map(|(_, _, i)| i).collect();
                self.candidates = q.is_plain().then(|| (text.clone(), candidates));
            }
        }
        let filtering = !self.filter.is_empty();
        let kept = keep_id
            .and_then(|i| self.view.iter().position(|&a| a as usize == i))
            .filter(|_| !filtering);
        match kept {
            Some(pos) => self.nav.select(pos, self.view.len()),
            // While typing a filter, the best match is the one to see.
            None => self.nav = Selection::default(),
        }
    }
}

impl TabState for AgentsTab {
    fn scope(&self) -> Scope {
        Scope::Agents
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
        Some(data.agents.len().to_string())
    }

    fn filter_count(&self, data: &Data) -> String {
        format!("{} of {} agents", self.view.len(), data.agents.len())
    }

    fn selected(&self, _data: &Data) -> Selected {
        self.selected_agent()
            .map_or(Selected::Nothing, Selected::Agent)
    }

    fn selected_id(&self, data: &Data) -> Option<String> {
        self.selected_agent_id(data)
    }

    fn go(&mut self, delta: isize) {
        self.nav.go(delta, self.view.len());
    }

    fn shift(&mut self, delta: isize) {
        self.nav.shift(delta);
    }

    fn act(&mut self, data: &Data, action: Action) -> Outcome {
        match action {
            Action::Right | Action::Enter => return Outcome::FocusDetail,
            Action::SortNext => {
                self.sort = self.sort.next();
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
        if wide { 62 } else { 55 }
    }

    fn render(&self, frame: &mut Frame, area: Rect, cx: &ViewCx) -> Option<ListDrawn> {
        view::render(self, frame, area, cx)
    }

    fn laid_out(&mut self, scroll: Scroll) {
        self.nav.adopt(scroll);
    }
}
