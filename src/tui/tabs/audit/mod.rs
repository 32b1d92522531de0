//! The Audit tab: rows grouped by rule, folding, severity toggles, the cursor, and which
//! finding a jump goes to. `view.rs` draws it, `detail.rs` writes a finding's or a rule's
//! detail.

pub(crate) mod detail;
pub mod view;

use super::{ListDrawn, Outcome, Scroll, TabState, ViewCx};
use crate::audit::Severity;
use crate::tui::action::Action;
use crate::tui::data::{Data, finding_hay_parts};
use crate::tui::detail::Selected;
use crate::tui::filter::{Fuzzy, HayBuf, Query};
use crate::tui::keymap::Scope;
use crate::tui::selection::Selection;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use std::collections::HashSet;

/// A row of the audit list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditRow {
    Rule {
        rule: &'static str,
        severity: Severity,
        /// Findings of the rule that pass the filter and severity toggles.
        count: usize,
    },
    Finding(usize),
    /// `--baseline`: the group of accepted findings, at the end of the list.
    Accepted {
        /// Accepted findings that pass the filter and severity toggles.
        count: usize,
    },
}

/// The fold and row key of the accepted group (no rule code looks like it).
pub const ACCEPTED: &str = "accepted";

/// What identifies an audit row across reloads: the rule, and for a finding its target id
/// and option.
pub type AuditKey = (
    &'static str,
    Option<(std::sync::Arc<str>, Option<std::sync::Arc<str>>)>,
);

#[derive(Default)]
pub struct AuditTab {
    filter: String,
    /// The severities `E` `W` `I` hid.
    hidden: HashSet<Severity>,
    folded: HashSet<&'static str>,
    pub rows: Vec<AuditRow>,
    pub nav: Selection,
    /// Findings that pass the filter and the toggles.
    pub matches: usize,
}

impl AuditTab {
    pub fn shows(&self, s: Severity) -> bool {
        !self.hidden.contains(&s)
    }

    pub fn key(&self, data: &Data) -> Option<AuditKey> {
        match self.rows.get(self.nav.selected)? {
            AuditRow::Rule { rule, .. } => Some((rule, None)),
            AuditRow::Accepted { .. } => Some((ACCEPTED, None)),
            AuditRow::Finding(i) => {
                let f = data.audit.findings.get(*i)?;
                Some((f.rule, Some((f.target.id.clone(), f.option.clone()))))
            }
        }
    }

    pub fn select_key(&mut self, data: &Data, key: AuditKey) {
        let pos = self.rows.iter().position(|row| match (row, &key) {
            (AuditRow::Rule { rule, .. }, (r, None)) => rule == r,
            (AuditRow::Accepted { .. }, (r, None)) => *r == ACCEPTED,
            (AuditRow::Finding(i), (r, Some((id, opt)))) => data
                .audit
                .findings
                .get(*i)
                .is_some_and(|f| f.rule == *r && f.target.id == *id && f.option == *opt),
            _ => false,
        });
        if let Some(p) = pos {
            self.nav.select(p, self.rows.len());
        }
    }

    pub fn rebuild(&mut self, data: &Data) {
        let key = self.key(data);
        let query = Query::new(&self.filter);
        let mut rows = Vec::new();
        let mut matches = 0;
        let mut i = 0;
        let all: &[crate::audit::Finding] = &data.audit.findings;
        // The accepted findings (the last ones) are a group of their own, after the rules.
        let findings = all.get(..data.audit.kept()).unwrap_or(all);
        let hidden = &self.hidden;
        let shown = |f: &crate::audit::Finding| !hidden.contains(&f.severity);
        // What the filter keeps, on both cores: each haystack is folded as it is scored (220,000
        // findings' haystacks held 46 MB; none is kept).
        let matched: Option<Vec<bool>> = query.as_ref().map(|q| {
            let [mut front, back] = crate::par::halves(all, |_, part| {
                let (mut fuzzy, mut hay) = (Fuzzy::default(), HayBuf::default());
                part.iter()
                    .map(|f| {
                        shown(f)
                            && fuzzy
                                .score_str(q, hay.fold(&finding_hay_parts(f)))
                                .is_some()
                    })
                    .collect::<Vec<bool>>()
            });
            front.extend(back);
            front
        });
        let pass = |j: usize| match &matched {
            Some(m) => m.get(j).copied().unwrap_or(false),
            None => all.get(j).is_some_and(shown),
        };
        while i < findings.len() {
            let rule = findings[i].rule;
            let severity = findings[i].severity;
            let mut j = i;
            let mut members = Vec::new();
            while j < findings.len() && findings[j].rule == rule {
                if pass(j) {
                    members.push(j);
                }
                j += 1;
            }
            if !members.is_empty() {
                matches += members.len();
                rows.push(AuditRow::Rule {
                    rule,
                    severity,
                    count: members.len(),
                });
                if !self.folded.contains(rule) {
                    rows.extend(members.into_iter().map(AuditRow::Finding));
                }
            }
            i = j;
        }
        let accepted: Vec<usize> = (findings.len()..all.len()).filter(|&j| pass(j)).collect();
        if !accepted.is_empty() {
            rows.push(AuditRow::Accepted {
                count: accepted.len(),
            });
            if !self.folded.contains(ACCEPTED) {
                rows.extend(accepted.into_iter().map(AuditRow::Finding));
            }
        }
        self.rows = rows;
        self.matches = matches;
        match key {
            Some(k) => self.select_key(data, k),
            None => self.nav = Selection::default(),
        }
        let len = self.rows.len();
        self.nav.select(self.nav.selected, len);
    }

    /// Shows a finding (a jump): its severity shown, its group unfolded, the filter cleared
    /// if it hides it, and the cursor on it.
    pub fn show_finding(&mut self, data: &Data, i: usize) {
        let Some(f) = data.audit.findings.get(i) else {
            return;
        };
        self.hidden.remove(&f.severity);
        self.folded.remove(f.rule);
        self.folded.remove(ACCEPTED);
        self.rebuild(data);
        if !self.rows.contains(&AuditRow::Finding(i)) {
            self.filter.clear();
            self.rebuild(data);
        }
        if let Some(p) = self.rows.iter().position(|r| *r == AuditRow::Finding(i)) {
            self.nav.select(p, self.rows.len());
        }
    }

    /// The audit row of a rule, for folding from a finding.
    fn rule_row_of(&self, pos: usize) -> Option<usize> {
        (0..=pos).rev().find(|&p| {
            matches!(
                self.rows.get(p),
                Some(AuditRow::Rule { .. } | AuditRow::Accepted { .. })
            )
        })
    }

    fn fold(&mut self, data: &Data, fold: bool) {
        let Some(p) = self.rule_row_of(self.nav.selected) else {
            return;
        };
        let group = match self.rows.get(p).copied() {
            Some(AuditRow::Rule { rule, .. }) => Some(rule),
            Some(AuditRow::Accepted { .. }) => Some(ACCEPTED),
            _ => None,
        };
        if let Some(rule) = group {
            self.nav.selected = p;
            let changed = if fold {
                self.folded.insert(rule)
            } else {
                self.folded.remove(rule)
            };
            if changed {
                self.rebuild(data);
            }
        }
    }
}

impl TabState for AuditTab {
    fn scope(&self) -> Scope {
        Scope::Audit
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
            self.rebuild(data);
            self.nav = Selection::default();
        }
    }

    fn count(&self, data: &Data) -> Option<String> {
        Some(if data.audited {
            data.audit.kept().to_string()
        } else {
            "…".to_string()
        })
    }

    fn filter_count(&self, data: &Data) -> String {
        format!("{} of {} findings", self.matches, data.audit.kept())
    }

    fn selected(&self, _data: &Data) -> Selected {
        match self.rows.get(self.nav.selected) {
            Some(AuditRow::Rule { rule, .. }) => Selected::Rule(rule),
            Some(AuditRow::Finding(i)) => Selected::Finding(*i),
            Some(AuditRow::Accepted { .. }) | None => Selected::Nothing,
        }
    }

    fn selected_id(&self, data: &Data) -> Option<String> {
        match self.selected(data) {
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
            _ => None,
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
            Action::Left => self.fold(data, true),
            Action::Right => self.fold(data, false),
            Action::Enter => match self.rows.get(self.nav.selected).copied() {
                Some(AuditRow::Finding(i)) => return Outcome::Jump(i),
                Some(AuditRow::Rule { rule, .. }) => {
                    let fold = !self.folded.contains(rule);
                    self.fold(data, fold);
                }
                Some(AuditRow::Accepted { .. }) => {
                    let fold = !self.folded.contains(ACCEPTED);
                    self.fold(data, fold);
                }
                None => {}
            },
            Action::ToggleSeverity(s) => {
                if !self.hidden.remove(&s) {
                    self.hidden.insert(s);
                }
                self.rebuild(data);
            }
            _ => {}
        }
        Outcome::Done
    }

    fn click(&mut self, _data: &Data, _pos: Position, row: usize) {
        self.nav.click(row, self.rows.len());
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
