//! The Agents tab: sort order, and the filtered, ranked view.

use super::App;
use crate::tui::action::Tab;
use crate::tui::data::Column;
use crate::tui::filter::{Fuzzy, Query, Scan};
use crate::tui::nav::ListNav;

impl App {
    pub(super) fn resort_agents(&mut self) {
        let Some(data) = &self.data else { return };
        let mut order: Vec<u32> = (0..data.agents.len() as u32).collect();
        let rows = &data.agents;
        let col = self.sort;
        match col {
            Column::Findings => order.sort_by_key(|&i| {
                let c = data.agent_counts(i as usize);
                (std::cmp::Reverse((c.error, c.warn, c.info)), i)
            }),
            Column::User => {
                order.sort_by_cached_key(|&i| (rows[i as usize].user.to_lowercase(), i))
            }
            _ => order.sort_by_cached_key(|&i| {
                let r = &rows[i as usize];
                (r.cell(col).to_lowercase(), r.user.to_lowercase(), i)
            }),
        }
        if self.descending {
            order.reverse();
        }
        self.order = order;
        self.agent_candidates = None;
        self.refilter_agents();
    }

    pub(super) fn refilter_agents(&mut self) {
        let Some(data) = &self.data else { return };
        let keep_id = self.selected_agent();
        match Query::new(&self.filters[Tab::Agents.index()]) {
            None => {
                self.agent_view = self.order.clone();
                self.agent_candidates = None;
            }
            Some(q) => {
                // Typing on: only what matched the shorter text can match the longer one
                // (a plain query narrows), so those are the only ones scored again.
                let text = &self.filters[Tab::Agents.index()];
                let narrowing = self
                    .agent_candidates
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
                self.agent_view = scored.into_iter().map(|(_, _, i)| i).collect();
                self.agent_candidates = q.is_plain().then(|| (text.clone(), candidates));
            }
        }
        let filtering = !self.filters[Tab::Agents.index()].is_empty();
        let kept = keep_id
            .and_then(|i| self.agent_view.iter().position(|&a| a as usize == i))
            .filter(|_| !filtering);
        match kept {
            Some(pos) => self.agents_nav.select(pos, self.agent_view.len()),
            // While typing a filter, the best match is the one to see.
            None => self.agents_nav = ListNav::default(),
        }
    }
}
