//! `gwsx diff OLD NEW`: what changed between two captures (CLI.md). Agents are compared on
//! their `agents` records, objects on their stored JSON, findings on their identity; the
//! report formats are in `report`.

pub mod agents;
pub mod findings;
pub mod objects;
pub mod pointer;
pub mod report;

use crate::audit::Finding;
use crate::audit::report::{Scorecard, scorecard};
use crate::domain::Inventory;
use crate::snapshot::{GwsConfig, Resource, Snapshot};
use serde::Serialize;

pub use agents::AgentChange;
pub use objects::ObjectChange;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// One side of a diff, with everything computed about it.
pub struct Side {
    /// Kept for the object comparison, which reads the stored bodies.
    pub snapshot: Snapshot,
    pub inv: Inventory,
    pub findings: Vec<Finding>,
    pub card: Scorecard,
}

impl Side {
    /// Audits an inventory; `snapshot` is the one it came from.
    pub fn new(snapshot: Snapshot, inv: Inventory) -> Side {
        let findings = crate::audit::run(&inv);
        let card = scorecard(&inv, &findings);
        Side {
            snapshot,
            inv,
            findings,
            card,
        }
    }

    pub fn from_snapshot(snapshot: Snapshot, overrides: &GwsConfig) -> anyhow::Result<Side> {
        let inv = Inventory::from_snapshot(&snapshot, overrides)?;
        Ok(Side::new(snapshot, inv))
    }

    /// The side borrowed, as `compute_views` reads it.
    pub fn view(&self) -> SideView<'_> {
        SideView {
            snapshot: &self.snapshot,
            inv: &self.inv,
            findings: &self.findings,
            card: &self.card,
        }
    }
}

/// One side, borrowed: what a comparison reads. The TUI holds its sides in shared pieces
/// (`Arc`s) and compares them without copying.
#[derive(Clone, Copy)]
pub struct SideView<'a> {
    pub snapshot: &'a Snapshot,
    pub inv: &'a Inventory,
    pub findings: &'a [Finding],
    pub card: &'a Scorecard,
}

impl SideView<'_> {
    fn unavailable(&self) -> Vec<Resource> {
        self.inv
            .model
            .unavailable()
            .iter()
            .map(|u| u.resource)
            .collect()
    }
}

/// Where a side came from (`old` / `new` in the JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub source: String,
    pub captured_at: Option<String>,
    /// The request paths of its unavailable resources.
    pub unavailable: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    pub old: Header,
    pub new: Header,
    pub agents: Vec<AgentChange>,
    /// `false` when persons are unavailable on a side: agents are then not compared.
    pub agents_compared: bool,
    pub objects: Vec<ObjectChange>,
    pub new_findings: Vec<Finding>,
    pub resolved_findings: Vec<Finding>,
    pub score_old: Option<u32>,
    pub score_new: Option<u32>,
    /// Both sides complete, and every object compared.
    pub complete: bool,
}

impl Diff {
    /// `(added, removed, changed)` agents.
    pub fn agent_counts(&self) -> (usize, usize, usize) {
        counts(self.agents.iter().map(|a| a.change))
    }

    /// `(added, removed, changed)` objects.
    pub fn object_counts(&self) -> (usize, usize, usize) {
        counts(self.objects.iter().map(|o| o.change))
    }

    /// Nothing differs (the completeness aside).
    pub fn is_empty(&self) -> bool {
        self.agents.is_empty()
            && self.objects.is_empty()
            && self.new_findings.is_empty()
            && self.resolved_findings.is_empty()
            && self.score_old == self.score_new
    }
}

fn counts(changes: impl Iterator<Item = Change>) -> (usize, usize, usize) {
    changes.fold((0, 0, 0), |(a, r, c), change| match change {
        Change::Added => (a + 1, r, c),
        Change::Removed => (a, r + 1, c),
        Change::Changed => (a, r, c + 1),
    })
}

fn header(side: &SideView) -> Header {
    Header {
        source: side.inv.label.clone(),
        captured_at: side.inv.captured_at.clone(),
        unavailable: side.card.unavailable.clone(),
    }
}

/// Compares two sides: objects resource by resource (each side's index on its own core),
/// then agents (their records built on two cores).
pub fn compute(old: &Side, new: &Side) -> Diff {
    compute_views(old.view(), new.view())
}

/// `compute` on borrowed sides.
pub fn compute_views(old: SideView, new: SideView) -> Diff {
    let mut unavailable = old.unavailable();
    unavailable.extend(new.unavailable());
    let agents_compared = !unavailable.contains(&Resource::Persons);
    fn side<'a>(s: &SideView<'a>) -> objects::SideRef<'a> {
        objects::SideRef {
            snapshot: s.snapshot,
            model: &s.inv.model,
        }
    }
    let (object_changes, objects_complete) = objects::compare(side(&old), side(&new), &unavailable);
    let agent_changes = if agents_compared {
        let affected = agents::Affected::of(&object_changes, objects_complete, old.inv, new.inv);
        agents::compare(old.inv, new.inv, affected.as_ref())
    } else {
        Vec::new()
    };
    let (new_findings, resolved_findings) = findings::compare(old.findings, new.findings);
    Diff {
        old: header(&old),
        new: header(&new),
        agents: agent_changes,
        agents_compared,
        objects: object_changes,
        new_findings,
        resolved_findings,
        score_old: old.card.overall,
        score_new: new.card.overall,
        complete: old.card.complete() && new.card.complete() && objects_complete,
    }
}
