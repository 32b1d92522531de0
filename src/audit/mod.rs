//! The audit: one small pure function per rule of RULES.md §4 over the inventory.

pub mod baseline;
pub mod catalogue;
pub mod context;
mod finding;
pub mod html;
mod integrity;
pub mod markdown;
pub mod report;
mod rules;
pub mod text;

pub use finding::{Finding, Severity, Target, TargetKind, sort_findings};

use crate::domain::Inventory;
use rules::{AgentFacts, ProxyIndex};

/// Every finding, sorted (CLI.md order): the catalogue of RULES.md §4 and the project's
/// reference-integrity rules (GWS-502…507), which run by default too.
pub fn run(inv: &Inventory) -> Vec<Finding> {
    let mut out = Vec::new();
    rules::gws_101(inv, &mut out);
    rules::gws_102(inv, &mut out);
    rules::gws_103(inv, &mut out);
    rules::gws_104(inv, &mut out);

    let proxies = ProxyIndex::build(inv);
    out.extend(agent_findings(inv, &proxies));
    let identities: Vec<AgentFacts> = inv
        .agents
        .iter()
        .map(|a| AgentFacts::identity(inv, a))
        .collect();
    rules::gws_202(inv, &identities, &mut out);

    let switches = rules::cluster_switches(inv);
    rules::gws_401(inv, &proxies, &switches, &mut out);
    rules::gws_402(inv, &switches, &mut out);
    rules::gws_403(inv, &switches, &mut out);
    rules::gws_404(inv, &switches, &mut out);
    rules::gws_405(inv, &proxies, &switches, &mut out);
    rules::gws_501(inv, &mut out);
    integrity::run(inv, &mut out);
    sort_findings(&mut out);
    out
}

/// The per-agent rules, on two cores. Each agent's facts (its effective options dominate the
/// cost) are computed, checked and dropped: memory stays flat whatever the agent count.
fn agent_findings(inv: &Inventory, proxies: &ProxyIndex) -> Vec<Finding> {
    let check = |agents: &[crate::domain::Agent]| {
        let mut out = Vec::new();
        for agent in agents {
            let a = AgentFacts::new(inv, agent);
            rules::gws_201(&inv.config, &a, &mut out);
            rules::gws_203(inv, &a, &mut out);
            rules::gws_204(inv, &a, &mut out);
            rules::gws_205(inv, &a, &mut out);
            rules::gws_206(&a, &mut out);
            rules::gws_301(&a, &mut out);
            rules::gws_302(&a, &mut out);
            rules::gws_303(&a, &mut out);
            rules::gws_304(inv, &a, &mut out);
            rules::gws_305(&a, &mut out);
            rules::gws_306(&a, &mut out);
            rules::gws_307(inv, proxies, &a, &mut out);
            rules::gws_308(&a, &mut out);
            rules::gws_309(&a, &mut out);
            rules::gws_310(inv, &a, &mut out);
            rules::gws_311(&a, &mut out);
        }
        out
    };
    let [mut out, rest] = crate::par::halves(&inv.agents, |_, part| check(part));
    out.extend(rest);
    out
}
