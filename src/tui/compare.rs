//! Compare mode (`gwsx NEW --compare OLD`): the OLD side, read once beside the source, and
//! what the comparison of the data on screen against it found (`Compared`). The diff is
//! `crate::diff`'s, the same as `gwsx diff OLD NEW`; this adds what the views need: the
//! marker of each NEW agent, the items of the Changes tab and their filter haystacks.

use super::data::Data;
use super::filter::fold;
use crate::audit::Finding;
use crate::audit::report::Scorecard;
use crate::diff::{Change, Diff, SideView};
use crate::domain::Inventory;
use crate::snapshot::Snapshot;
use nucleo_matcher::Utf32String;
use std::collections::HashMap;
use std::sync::Arc;

/// The OLD side as the app knows it: its label, and its data once read (or why not).
pub struct CompareState {
    pub label: String,
    pub old: OldSide,
}

pub enum OldSide {
    Loading,
    Ready(Arc<Data>),
    Failed(String),
}

impl CompareState {
    pub fn new(label: String) -> CompareState {
        CompareState {
            label,
            old: OldSide::Loading,
        }
    }

    pub fn ready(&self) -> Option<&Arc<Data>> {
        match &self.old {
            OldSide::Ready(d) => Some(d),
            _ => None,
        }
    }
}

/// One thing the Changes tab lists: an index into the diff's list of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeItem {
    Score,
    Agent(usize),
    Object(usize),
    NewFinding(usize),
    ResolvedFinding(usize),
}

/// What the comparison job reads: the OLD side and the NEW side on screen (shared, not
/// copied).
#[derive(Clone)]
pub struct CompareInput {
    pub old: Arc<Data>,
    pub snapshot: Arc<Snapshot>,
    pub inv: Arc<Inventory>,
    pub findings: Arc<Vec<Finding>>,
    pub card: Option<Scorecard>,
}

impl CompareInput {
    /// The comparison of `new` (audited) against `old`.
    pub fn of(old: Arc<Data>, new: &Data) -> CompareInput {
        CompareInput {
            old,
            snapshot: new.snapshot.clone(),
            inv: new.inv.clone(),
            findings: new.audit.findings.clone(),
            card: new.audit.card.clone(),
        }
    }
}

/// The comparison of the data on screen against OLD.
pub struct Compared {
    pub diff: Diff,
    pub old: Arc<Data>,
    /// The change of each NEW agent (by inventory index): added or changed, else `None`.
    pub marks: Vec<Option<Change>>,
    /// Each new finding's index in the NEW findings (`None`: not found there).
    pub new_finding_index: Vec<Option<usize>>,
    /// Folded filter haystacks of the agent, object and finding items.
    pub agent_hay: Vec<Utf32String>,
    pub object_hay: Vec<Utf32String>,
    pub new_finding_hay: Vec<Utf32String>,
    pub resolved_hay: Vec<Utf32String>,
}

impl Compared {
    /// Compares, off the UI thread; the NEW side's audit must have run (its findings and
    /// score are compared).
    pub fn build(input: &CompareInput) -> Compared {
        let old = &input.old;
        // Both sides are audited before they are compared; a missing score is computed.
        let old_card = match &old.audit.card {
            Some(c) => c.clone(),
            None => crate::audit::report::scorecard(&old.inv, &old.audit.findings),
        };
        let new_card = match &input.card {
            Some(c) => c.clone(),
            None => crate::audit::report::scorecard(&input.inv, &input.findings),
        };
        let old_view = SideView {
            snapshot: &old.snapshot,
            inv: &old.inv,
            findings: &old.audit.findings,
            card: &old_card,
        };
        let new_view = SideView {
            snapshot: &input.snapshot,
            inv: &input.inv,
            findings: &input.findings,
            card: &new_card,
        };
        let diff = crate::diff::compute_views(old_view, new_view);
        let mut by_id = HashMap::with_capacity(input.inv.agents.len());
        for (i, a) in input.inv.agents.iter().enumerate() {
            by_id.entry(a.id.as_str()).or_insert(i);
        }
        let mut marks = vec![None; input.inv.agents.len()];
        for change in &diff.agents {
            if let Some(&i) = by_id.get(change.id.as_str())
                && change.change != Change::Removed
                && let Some(m) = marks.get_mut(i)
            {
                *m = Some(change.change);
            }
        }
        let new_finding_index = finding_indexes(&diff.new_findings, &input.findings);
        let agent_hay = diff
            .agents
            .iter()
            .map(|a| {
                let fields: Vec<&str> = a.fields.keys().map(String::as_str).collect();
                fold(&format!(
                    "{} {} {} {}",
                    a.change.as_str(),
                    a.id,
                    a.user_name.as_deref().unwrap_or(""),
                    fields.join(" ")
                ))
            })
            .collect();
        let object_hay = diff
            .objects
            .iter()
            .map(|o| {
                fold(&format!(
                    "{} {} {}",
                    o.change.as_str(),
                    o.id,
                    o.fields.join(" ")
                ))
            })
            .collect();
        let hay = |f: &Finding| {
            fold(&format!(
                "{} {} {} {} {} {}",
                f.rule,
                f.severity.as_str(),
                f.target.id,
                f.target.name,
                f.option.as_deref().unwrap_or(""),
                f.message
            ))
        };
        let new_finding_hay = diff.new_findings.iter().map(hay).collect();
        let resolved_hay = diff.resolved_findings.iter().map(hay).collect();
        Compared {
            diff,
            old: old.clone(),
            marks,
            new_finding_index,
            agent_hay,
            object_hay,
            new_finding_hay,
            resolved_hay,
        }
    }

    /// The marker of a NEW agent: added or changed since OLD.
    pub fn mark(&self, agent: usize) -> Option<Change> {
        self.marks.get(agent).copied().flatten()
    }

    /// The change of an agent, by id (the diff's agents are sorted by id).
    pub fn agent_change(&self, id: &str) -> Option<&crate::diff::AgentChange> {
        let agents = &self.diff.agents;
        agents
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .ok()
            .and_then(|i| agents.get(i))
    }

    /// The filter haystack of an item (the score has none: it shows unfiltered only).
    pub fn hay(&self, item: ChangeItem) -> Option<&Utf32String> {
        match item {
            ChangeItem::Score => None,
            ChangeItem::Agent(i) => self.agent_hay.get(i),
            ChangeItem::Object(i) => self.object_hay.get(i),
            ChangeItem::NewFinding(i) => self.new_finding_hay.get(i),
            ChangeItem::ResolvedFinding(i) => self.resolved_hay.get(i),
        }
    }
}

/// Where each of `wanted` (NEW's new findings) is in `all` (NEW's findings), matched on
/// rule, target and option. `findings::compare` keeps the last occurrences of a key that
/// OLD had fewer of, in NEW's order: so are they found here.
fn finding_indexes<'a>(wanted: &'a [Finding], all: &'a [Finding]) -> Vec<Option<usize>> {
    type Key<'a> = (&'a str, &'a str, Option<&'a str>);
    fn key(f: &Finding) -> Key<'_> {
        (f.rule, &*f.target.id, f.option.as_deref())
    }
    let mut at: HashMap<Key<'a>, Vec<usize>> = HashMap::new();
    for (i, f) in all.iter().enumerate() {
        at.entry(key(f)).or_default().push(i);
    }
    let mut wanted_of: HashMap<Key<'a>, usize> = HashMap::new();
    for f in wanted {
        *wanted_of.entry(key(f)).or_default() += 1;
    }
    let mut used: HashMap<Key<'a>, usize> = HashMap::new();
    wanted
        .iter()
        .map(|f| {
            let list = at.get(&key(f))?;
            let m = wanted_of.get(&key(f)).copied().unwrap_or(0);
            let n = used.entry(key(f)).or_insert(0);
            let i = (list.len() + *n).checked_sub(m)?;
            *n += 1;
            list.get(i).copied()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::finding_indexes;
    use crate::audit::{Finding, Severity, TargetKind};

    fn f(rule: &'static str, id: &str, message: &str) -> Finding {
        Finding {
            rule,
            severity: Severity::Warn,
            target: std::sync::Arc::new(crate::audit::Target {
                kind: TargetKind::Agent,
                id: id.into(),
                name: id.into(),
            }),
            option: None,
            message: message.into(),
        }
    }

    #[test]
    fn new_findings_are_found_where_the_comparison_took_them() {
        let old = vec![f("GWS-1", "person:1", "first")];
        let new = vec![
            f("GWS-2", "person:2", "a"),
            f("GWS-1", "person:1", "first"),
            f("GWS-1", "person:1", "second"),
            f("GWS-3", "person:3", "b"),
        ];
        let (added, _) = crate::diff::findings::compare(&old, &new);
        let at = finding_indexes(&added, &new);
        assert_eq!(at, vec![Some(0), Some(2), Some(3)]);
        for (f, i) in added.iter().zip(&at) {
            assert_eq!(new[i.unwrap()], *f);
        }
        // Not there at all: none.
        assert_eq!(finding_indexes(&[f("GWS-9", "x", "")], &new), vec![None]);
    }
}
