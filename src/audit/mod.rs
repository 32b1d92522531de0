//! The audit: one small pure function per rule of RULES.md §4 over the inventory, each beside
//! its metadata in `rules/<family>.rs`; `catalogue::RULES` lists them all.

pub mod baseline;
pub mod catalogue;
pub mod context;
mod finding;
pub mod html;
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
    let mut out = Vec::new();
    for rule in RULES {
        if let Check::Whole(check) = rule.check {
            check(&cx, &mut out);
        }
    }
    out.extend(agent_findings(&cx));
    let identities: Vec<AgentFacts> = inv
        .agents
        .iter()
        .map(|a| AgentFacts::identity(inv, a))
        .collect();
    for rule in RULES {
        if let Check::Identities(check) = rule.check {
            check(&cx, &identities, &mut out);
        }
    }
    sort_findings(&mut out);
    out
}

/// The per-agent rules, on two cores. Each agent's facts (its effective options dominate the
/// cost) are computed, checked and dropped: memory stays flat whatever the agent count.
fn agent_findings(cx: &Ctx) -> Vec<Finding> {
    let checks: Vec<_> = RULES
        .iter()
        .filter_map(|r| match r.check {
            Check::Agent(check) => Some(check),
            _ => None,
        })
        .collect();
    let check = |agents: &[crate::domain::Agent]| {
        let mut out = Vec::new();
        for agent in agents {
            let a = AgentFacts::new(cx.inv, agent);
            for check in &checks {
                check(cx, &a, &mut out);
            }
        }
        out
    };
    let [mut out, rest] = crate::par::halves(&cx.inv.agents, |_, part| check(part));
    out.extend(rest);
    out
}
