//! The Audit tab: rows grouped by rule, folding, severity toggles, the jump to a target.

use super::{App, AuditKey, AuditRow, Pane, sev_index};
use crate::tui::action::Tab;
use crate::tui::data::{Location, NodeKind};
use crate::tui::filter::Query;
use crate::tui::nav::ListNav;

impl App {
    pub(super) fn audit_key(&self) -> Option<AuditKey> {
        let data = self.data.as_ref()?;
        match self.audit_rows.get(self.audit_nav.selected)? {
            AuditRow::Rule { rule, .. } => Some((rule, None)),
            AuditRow::Finding(i) => {
                let f = data.audit.findings.get(*i)?;
                Some((f.rule, Some((f.target.id.clone(), f.option.clone()))))
            }
        }
    }

    pub(super) fn select_audit_key(&mut self, key: AuditKey) {
        let Some(data) = &self.data else { return };
        let pos = self.audit_rows.iter().position(|row| match (row, &key) {
            (AuditRow::Rule { rule, .. }, (r, None)) => rule == r,
            (AuditRow::Finding(i), (r, Some((id, opt)))) => data
                .audit
                .findings
                .get(*i)
                .is_some_and(|f| f.rule == *r && f.target.id == *id && f.option == *opt),
            _ => false,
        });
        if let Some(p) = pos {
            self.audit_nav.select(p, self.audit_rows.len());
        }
    }

    pub(super) fn rebuild_audit(&mut self) {
        let Some(data) = &self.data else { return };
        let key = self.audit_key();
        let query = Query::new(&self.filters[Tab::Audit.index()]);
        let mut rows = Vec::new();
        let mut matches = 0;
        let mut i = 0;
        while i < data.audit.findings.len() {
            let rule = data.audit.findings[i].rule;
            let severity = data.audit.findings[i].severity;
            let mut j = i;
            let mut members = Vec::new();
            while j < data.audit.findings.len() && data.audit.findings[j].rule == rule {
                let f = &data.audit.findings[j];
                let pass = self.shown[sev_index(f.severity)]
                    && query.as_ref().is_none_or(|q| {
                        data.audit
                            .finding_hay
                            .get(j)
                            .is_some_and(|h| self.fuzzy.score(q, h).is_some())
                    });
                if pass {
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
        self.audit_rows = rows;
        self.audit_matches = matches;
        match key {
            Some(k) => self.select_audit_key(k),
            None => self.audit_nav = ListNav::default(),
        }
        let len = self.audit_rows.len();
        self.audit_nav.select(self.audit_nav.selected, len);
    }

    /// The audit row of a rule, for folding from a finding.
    pub(super) fn rule_row_of(&self, pos: usize) -> Option<usize> {
        (0..=pos)
            .rev()
            .find(|&p| matches!(self.audit_rows.get(p), Some(AuditRow::Rule { .. })))
    }

    pub(super) fn fold(&mut self, fold: bool) {
        let Some(p) = self.rule_row_of(self.audit_nav.selected) else {
            return;
        };
        if let Some(AuditRow::Rule { rule, .. }) = self.audit_rows.get(p).copied() {
            self.audit_nav.selected = p;
            let changed = if fold {
                self.folded.insert(rule)
            } else {
                self.folded.remove(rule)
            };
            if changed {
                self.rebuild_audit();
            }
        }
    }

    /// Jumps to where a finding's target is shown.
    pub(super) fn jump(&mut self, finding: usize) {
        let Some(data) = &self.data else { return };
        let Some(f) = data.audit.findings.get(finding) else {
            return;
        };
        let id = f.target.id.clone();
        let location = data.locate(&id);
        let path = match location {
            Location::VoiceEnv(v) => data.path_of(NodeKind::VoiceEnv(v)).map(<[String]>::to_vec),
            Location::Switch(v, s) => data.path_of(NodeKind::Switch(v, s)).map(<[String]>::to_vec),
            _ => None,
        };
        match (location, path) {
            (Location::Agent(_), _) => {
                self.tab = Tab::Agents;
                if !self.select_agent_by_id(&id) {
                    self.filters[Tab::Agents.index()].clear();
                    self.refilter_agents();
                    self.select_agent_by_id(&id);
                }
            }
            (_, Some(path)) => {
                self.tab = Tab::Topology;
                self.select_tree_path(path);
            }
            _ => {
                self.status = Some(if id == "snapshot" {
                    "a snapshot-wide finding: nothing to jump to".into()
                } else {
                    format!("{id} is not shown in any tab")
                });
                return;
            }
        }
        self.back_tab = Some(Tab::Audit);
        self.focus = Pane::List;
        self.status = Some(format!("jumped to {id} (Esc: back to Audit)"));
    }
}
