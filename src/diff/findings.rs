//! Findings matched on (rule, severity, target kind, target id, option).

use crate::audit::{Finding, Severity, TargetKind};
use std::collections::HashMap;

type Key<'a> = (&'a str, Severity, TargetKind, &'a str, Option<&'a str>);

fn key(f: &Finding) -> Key<'_> {
    (
        f.rule,
        f.severity,
        f.target.kind,
        &*f.target.id,
        f.option.as_deref(),
    )
}

/// The findings of `of` that `other` lacks, in `of`'s order. Matching counts: a key that
/// occurs twice in `of` and once in `other` leaves one.
fn missing_from(of: &[Finding], other: &[Finding]) -> Vec<Finding> {
    let mut counts: HashMap<Key, usize> = HashMap::with_capacity(other.len());
    for f in other {
        *counts.entry(key(f)).or_default() += 1;
    }
    of.iter()
        .filter(|f| match counts.get_mut(&key(f)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

/// `(new, resolved)`: in NEW and not OLD, and the reverse; each in its audit's order.
pub fn compare(old: &[Finding], new: &[Finding]) -> (Vec<Finding>, Vec<Finding>) {
    (missing_from(new, old), missing_from(old, new))
}
