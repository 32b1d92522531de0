//! The audit: one small pure function per rule of RULES.md §4 over the inventory, each beside
//! its metadata in `rules/<family>.rs`; `catalogue::RULES` lists them all.

pub mod baseline;
pub mod catalogue;
pub mod context;
mod finding;
pub mod html;
mod json;
pub mod markdown;
pub mod report;
pub mod rules;
pub mod text;

pub use finding::{Finding, Severity, Target, TargetKind, sort_findings};

use crate::domain::Inventory;
use catalogue::{Check, RULES};
use rules::{AgentFacts, Ctx};

/// Every finding, sorted (CLI.md order): the catalogue of RULES.md §4 and the project's
/// reference-integrity rules (GWS-502…507), which run by default too.
pub fn run(inv: &Inventory) -> Vec<Finding> {
    let cx = Ctx::new(inv);
    let mut whole = Vec::new();
    for rule in RULES {
        if let Check::Whole(check) = rule.check {
            check(&cx, &mut whole);
        }
    }
    let [front, back] = agent_findings(&cx);
    let identities: Vec<AgentFacts> = inv
        .agents
        .iter()
        .map(|a| AgentFacts::identity(inv, a))
        .collect();
    let mut compared = Vec::new();
    for rule in RULES {
        if let Check::Identities(check) = rule.check {
            check(&cx, &identities, &mut compared);
        }
    }
    drop(identities);
    // Findings of different rules never tie in the sort: the order they are gathered in
    // does not show.
    sorted([whole, front, back, compared])
}

/// The parts in one list of exactly their size, sorted: 220,000 findings pushed one by one
/// into one list left up to as many slots unused.
fn sorted<const N: usize>(parts: [Vec<Finding>; N]) -> Vec<Finding> {
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        out.extend(part);
    }
    sort_findings(&mut out);
    out
}

/// The rules that read `useEmployeeIdAsAgentLoginForSIPCluster`, the option the TUI's
/// what-if flips: GWS-101 and GWS-202 (whole), GWS-201 (per agent, identity facts only). No
/// other rule reads the option or the login IDs derived from it.
const LOGIN_OPTION_RULES: [&str; 3] = ["GWS-101", "GWS-201", "GWS-202"];

/// Whether a rule reads `useEmployeeIdAsAgentLoginForSIPCluster` (its findings change with a
/// what-if; every other rule's stay as they were).
pub fn reads_login_option(rule: &str) -> bool {
    LOGIN_OPTION_RULES.contains(&rule)
}

/// What `run(inv)` returns, from `previous` (what `run` returned over the same model under
/// another `useEmployeeIdAsAgentLoginForSIPCluster`, nothing else changed): the findings of
/// the rules that do not read the option are kept, those that do run again (the what-if
/// costs a fraction of an audit). Findings of different rules never tie in the sort, so the
/// merge gives `run`'s order exactly.
pub fn rerun_login_option_rules(inv: &Inventory, previous: &[Finding]) -> Vec<Finding> {
    let cx = Ctx::new(inv);
    let identities: Vec<AgentFacts> = inv
        .agents
        .iter()
        .map(|a| AgentFacts::identity(inv, a))
        .collect();
    let mut fresh = Vec::new();
    for rule in RULES.iter().filter(|r| reads_login_option(r.code)) {
        match rule.check {
            Check::Whole(check) => check(&cx, &mut fresh),
            Check::Identities(check) => check(&cx, &identities, &mut fresh),
            // GWS-201 reads identity facts only: no effective options needed.
            Check::Agent(check) => {
                for a in &identities {
                    check(&cx, a, &mut fresh);
                }
            }
        }
    }
    // The kept findings are in order already (checked: a list in another order is sorted
    // whole): only the fresh ones are sorted, then merged.
    let kept = previous.iter().filter(|f| !reads_login_option(f.rule));
    let kept_len = kept.clone().count();
    if !previous.is_sorted_by(|a, b| finding::finding_order(a, b).is_le()) {
        let mut out = Vec::with_capacity(kept_len + fresh.len());
        out.extend(kept.cloned());
        out.extend(fresh);
        sort_findings(&mut out);
        return out;
    }
    sort_findings(&mut fresh);
    finding::merge_sorted(kept.cloned(), kept_len, fresh)
}

/// The per-agent rules, on two cores. Each agent's facts (its effective options dominate the
/// cost) are computed, checked and dropped: memory stays flat whatever the agent count.
fn agent_findings(cx: &Ctx) -> [Vec<Finding>; 2] {
    let checks: Vec<_> = RULES
        .iter()
        .filter_map(|r| match r.check {
            Check::Agent(check) => Some(check),
            _ => None,
        })
        .collect();
    let check = |agents: &[crate::domain::Agent]| {
        let mut out = Vec::new();
        let mut texts = Interner::default();
        let mut chains = crate::domain::OptionChains::new(cx.inv);
        for agent in agents {
            let a = AgentFacts::new(&mut chains, cx.inv, agent);
            let first = out.len();
            for check in &checks {
                check(cx, &a, &mut out);
            }
            for f in &mut out[first..] {
                texts.share(f);
            }
        }
        // In place: the spare slots are given back, not copied.
        out.shrink_to_fit();
        out
    };
    crate::par::halves(&cx.inv.agents, |_, part| check(part))
}

/// One copy of each message and option text: agents misconfigured alike (a group's or the
/// tenant's value) get the same message, so the findings of 50,000 agents hold only as many
/// texts as differ.
#[derive(Default)]
struct Interner(std::collections::HashSet<std::sync::Arc<str>>);

impl Interner {
    fn share(&mut self, f: &mut Finding) {
        self.one(&mut f.message);
        if let Some(option) = &mut f.option {
            self.one(option);
        }
    }

    fn one(&mut self, text: &mut std::sync::Arc<str>) {
        match self.0.get(&**text) {
            Some(shared) => *text = shared.clone(),
            None => {
                self.0.insert(text.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_are_held_once() {
        let target = Target {
            kind: TargetKind::Agent,
            id: "person:1".into(),
            name: "a".into(),
        };
        let f = |message: &str| {
            rules::GWS_309.finding(
                target.clone(),
                Some("sipendpoint.policy.x"),
                message.to_string(),
            )
        };
        let mut texts = Interner::default();
        let (mut a, mut b, mut c) = (f("same"), f("same"), f("other"));
        for f in [&mut a, &mut b, &mut c] {
            texts.share(f);
        }
        assert!(std::sync::Arc::ptr_eq(&a.message, &b.message));
        assert!(!std::sync::Arc::ptr_eq(&a.message, &c.message));
        let (x, y) = (a.option.as_ref(), c.option.as_ref());
        assert!(x.zip(y).is_some_and(|(x, y)| std::sync::Arc::ptr_eq(x, y)));
        assert_eq!((a == b, &*c.message), (true, "other"));
    }

    /// The rerun merges its findings into the kept ones; given the kept ones in another order
    /// than `run`'s, it sorts them all, and the result is the same.
    #[test]
    fn a_rerun_gives_run_order_whatever_order_it_is_given() {
        let snapshot = crate::snapshot::demo().expect("demo");
        let inv = Inventory::from_snapshot(&snapshot, &Default::default()).expect("inventory");
        let all = run(&inv);
        assert!(all.iter().any(|f| reads_login_option(f.rule)));
        assert!(all.iter().any(|f| !reads_login_option(f.rule)));
        assert!(rerun_login_option_rules(&inv, &all) == all);
        let mut shuffled = all.clone();
        shuffled.reverse();
        assert!(rerun_login_option_rules(&inv, &shuffled) == all);
    }
}
