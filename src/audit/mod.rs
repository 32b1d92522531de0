//! The audit: one small pure function per rule of RULES.md §4 over the inventory.

mod finding;

pub use finding::{Finding, Severity, Target, TargetKind, sort_findings};

use crate::domain::Inventory;

/// Every finding of every rule, sorted.
pub fn run(_inv: &Inventory) -> Vec<Finding> {
    Vec::new()
}
