//! A finding's and a rule's detail, with the rule catalogue's why and fix.

use crate::audit::{Finding, catalogue};
use crate::tui::data::{Data, Location};
use crate::tui::detail::{B, Piece, Role, severity_word};

pub(crate) fn finding_detail(b: &mut B, data: &Data, f: &Finding) {
    let t = b.theme;
    b.title(
        vec![
            b.badge(severity_word(f.severity), t.severity(f.severity)),
            Piece::raw(" "),
            Piece::styled(f.rule, t.accent),
        ],
        Some(f.rule.to_string()),
    );
    if let Some(info) = catalogue::rule_info(f.rule) {
        b.para(info.title, t.header);
    }
    b.blank();
    b.field(
        "Target",
        &format!("{} {}", f.target.kind.as_str(), f.target.id),
    );
    b.field("Name", &f.target.name);
    if let Some(o) = &f.option {
        b.field("Option", o);
    }
    let accepted = data
        .audit
        .findings
        .get(data.audit.kept()..)
        .is_some_and(|a| a.iter().any(|x| std::ptr::eq(x, f)));
    if accepted {
        b.field("Status", "accepted (in the --baseline file: not counted)");
    }
    b.section("Message");
    b.para(&f.message, Role::Plain);
    rule_text(b, f.rule);
    b.blank();
    let hint = match data.locate(&f.target.id) {
        Location::Nowhere => "Not shown in another tab.",
        _ => "Enter: jump to the target.",
    };
    b.push(vec![Piece::styled(format!("  {hint}"), t.muted)], None);
}

/// Why the rule matters and how to fix it (the rule catalogue).
fn rule_text(b: &mut B, rule: &str) {
    let Some(info) = catalogue::rule_info(rule) else {
        return;
    };
    b.section("Why");
    b.para(info.why, Role::Plain);
    b.section("Fix");
    b.para(info.fix, Role::Plain);
}

pub(crate) fn rule_detail(b: &mut B, data: &Data, rule: &str) {
    let t = b.theme;
    // The findings counted (not those a baseline accepted).
    let kept = data
        .audit
        .findings
        .get(..data.audit.kept())
        .unwrap_or_default();
    let list: Vec<&Finding> = kept.iter().filter(|f| f.rule == rule).collect();
    let Some(first) = list.first() else { return };
    b.title(
        vec![
            b.badge(severity_word(first.severity), t.severity(first.severity)),
            Piece::raw(" "),
            Piece::styled(rule.to_string(), t.accent),
        ],
        Some(rule.to_string()),
    );
    if let Some(info) = catalogue::rule_info(rule) {
        b.para(info.title, t.header);
    }
    b.blank();
    b.field("Findings", &list.len().to_string());
    let mut kinds: Vec<&str> = list.iter().map(|f| f.target.kind.as_str()).collect();
    kinds.dedup();
    b.field("Targets", &kinds.join(", "));
    rule_text(b, rule);
    b.blank();
    b.para("Enter or ←/→: fold or unfold the rule's findings", t.muted);
}
