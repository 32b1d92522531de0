//! Rule metadata: one table feeds the SARIF driver, the text report and docs/rules.md.

use super::Finding;
use super::rules::{AgentFacts, Ctx};
pub use super::{Severity, TargetKind};

/// How a rule runs over an inventory.
#[derive(Clone, Copy)]
pub enum Check {
    /// Once, over the whole inventory.
    Whole(fn(&Ctx, &mut Vec<Finding>)),
    /// Once per agent, with its facts (its effective options are computed once for all).
    Agent(fn(&Ctx, &AgentFacts, &mut Vec<Finding>)),
    /// Once, over the identity facts of every agent (rules that compare agents).
    Identities(fn(&Ctx, &[AgentFacts], &mut Vec<Finding>)),
}

pub struct RuleInfo {
    pub code: &'static str,
    pub severity: Severity,
    pub target: TargetKind,
    /// One line: what is wrong when it fires.
    pub title: &'static str,
    /// Why it matters: the sentence of the SIP Cluster Solution Guide (Configuring GWS) or the
    /// documented WWE behaviour it comes from.
    pub why: &'static str,
    /// How to fix it in Configuration Manager / GAX.
    pub fix: &'static str,
    pub check: Check,
}

pub const FAMILIES: [(&str, &str); 5] = [
    ("GWS-1", "Voice environments and cluster identification"),
    ("GWS-2", "Agent identity, login and place"),
    ("GWS-3", "Softphone options (WWE interaction-workspace)"),
    ("GWS-4", "SIP Cluster switch DNs"),
    ("GWS-5", "Snapshot completeness and references"),
];

/// The family prefix of a rule code (`GWS-3` for `GWS-305`).
pub fn family_of(code: &str) -> &str {
    code.get(..5).unwrap_or(code)
}

pub fn rule_info(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().copied().find(|r| r.code == code)
}

/// Every rule, in catalogue order: its metadata and its check live together in
/// `audit/rules/<family>.rs`, so the catalogue, the docs and the run cannot diverge.
pub const RULES: &[&RuleInfo] = {
    use super::rules::*;
    &[
        &GWS_101, &GWS_102, &GWS_103, &GWS_104, &GWS_201, &GWS_202, &GWS_203, &GWS_204, &GWS_205,
        &GWS_206, &GWS_301, &GWS_302, &GWS_303, &GWS_304, &GWS_305, &GWS_306, &GWS_307, &GWS_308,
        &GWS_309, &GWS_310, &GWS_311, &GWS_401, &GWS_402, &GWS_403, &GWS_404, &GWS_405, &GWS_501,
        &GWS_502, &GWS_503, &GWS_504, &GWS_505, &GWS_506, &GWS_507,
    ]
};

/// docs/rules.md, generated from the same metadata the code uses.
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# gwsx audit rules\n\n\
         Generated from `src/audit/catalogue.rs` (run `GWSX_UPDATE_DOCS=1 cargo test --test docs` after changing it).\n\
         Severity order: error > warn > info. A rule is evaluated for an object only when every fact it reads\n\
         is known (spec RULES.md §0); skipped checks are reported by GWS-501.\n\n\
         | code | severity | target | what it checks |\n|---|---|---|---|\n",
    );
    for r in RULES.iter() {
        out.push_str(&format!(
            "| [{}](#{}) | {} | {} | {} |\n",
            r.code,
            r.code.to_lowercase(),
            r.severity.as_str(),
            r.target.as_str(),
            r.title
        ));
    }
    for (family, title) in FAMILIES {
        out.push_str(&format!("\n## {family}xx — {title}\n"));
        for r in RULES.iter().filter(|r| family_of(r.code) == family) {
            out.push_str(&format!(
                "\n### {}\n\n**{}** · severity `{}` · target `{}`\n\n- **Why:** {}\n- **Fix:** {}\n",
                r.code,
                r.title,
                r.severity.as_str(),
                r.target.as_str(),
                r.why,
                r.fix
            ));
        }
    }
    out
}
