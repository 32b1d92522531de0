//! The detail pane's state: its cursor and scroll, the object it is showing, and the raw
//! JSON view (`v`) with the text of the object it shows.

use crate::tui::data::Data;
use crate::tui::detail::{DLine, Selected};
use crate::tui::raw::{RawCache, RawTarget};
use crate::tui::selection::Selection;

#[derive(Default)]
pub struct DetailPane {
    pub nav: Selection,
    /// The object the cursor and scroll are for.
    shown_for: Option<Selected>,
    /// `v`: the object's JSON as stored instead of its detail.
    pub raw: bool,
    raw_cache: RawCache,
    /// The raw JSON lines of the object shown (escaped), or why there are none.
    raw_text: Option<(RawTarget, Result<Vec<String>, String>)>,
}

fn raw_target(sel: Selected) -> Option<RawTarget> {
    match sel {
        Selected::Node(k) => Some(RawTarget::Node(k)),
        Selected::Agent(i) => Some(RawTarget::Agent(i)),
        Selected::Finding(i) => Some(RawTarget::Finding(i)),
        Selected::Object(kind, i) => Some(RawTarget::Object(kind, i)),
        Selected::Rule(_) | Selected::Change(_) | Selected::Nothing => None,
    }
}

impl DetailPane {
    /// New data: the raw texts are of the old one.
    pub fn data_changed(&mut self) {
        self.raw_cache.clear();
        self.raw_text = None;
    }

    /// Follows the selection: a new object starts at its top; the raw JSON of the object
    /// shown is read when the raw view is on.
    pub fn sync(&mut self, data: &Data, sel: Selected) {
        if self.shown_for != Some(sel) {
            self.shown_for = Some(sel);
            self.nav = Selection::default();
            self.raw_text = None;
        }
        if !self.raw {
            return;
        }
        let Some(target) = raw_target(sel) else {
            return;
        };
        if self.raw_text.as_ref().map(|(t, _)| *t) != Some(target) {
            let text = self
                .raw_cache
                .json(data, target)
                .map(|s| s.lines().map(crate::tui::text::visible).collect());
            self.raw_text = Some((target, text));
        }
    }

    /// `v`: the raw view on or off, from the top.
    pub fn toggle_raw(&mut self) {
        self.raw = !self.raw;
        self.raw_text = None;
        self.nav = Selection::default();
    }

    /// `Esc` in the raw view: back to the detail.
    pub fn close_raw(&mut self) {
        self.raw = false;
        self.raw_text = None;
    }

    /// The pane's lines for a selection at a width (the tab's detail, or the raw JSON).
    pub fn lines(&self, data: &Data, sel: Selected, width: usize, what_if: bool) -> Vec<DLine> {
        if !self.raw {
            return crate::tui::tabs::detail_lines(data, sel, width, what_if);
        }
        let Some(target) = raw_target(sel) else {
            return vec![DLine::plain("no raw JSON for this row: select an object")];
        };
        match &self.raw_text {
            Some((t, Ok(lines))) if *t == target => {
                lines.iter().flat_map(|l| DLine::raw(l, width)).collect()
            }
            Some((t, Err(e))) if *t == target => {
                vec![DLine::plain(&format!("raw JSON unavailable: {e}"))]
            }
            _ => Vec::new(),
        }
    }
}
