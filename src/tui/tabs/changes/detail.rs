//! The detail of a change: an agent's fields old → new (options with their source on each
//! side) above its detail (its OLD detail when it was removed), an object's JSON Pointers,
//! a finding as the side that has it shows it, the score on both sides.

use crate::diff::{AgentChange, Change};
use crate::domain::{Agent, Inventory, OptionSource};
use crate::snapshot::Resource;
use crate::tui::compare::{ChangeItem, Compared};
use crate::tui::data::Data;
use crate::tui::detail::{B, Piece, unknown};
use crate::tui::tabs::{agents, audit};
use crate::tui::text::visible;
use serde_json::Value;

pub(crate) fn change_detail(b: &mut B, data: &Data, item: ChangeItem, what_if: bool) {
    let t = b.theme;
    let Some(c) = data.compared.as_deref() else {
        b.push(vec![Piece::styled("comparing…", t.muted)], None);
        return;
    };
    let d = &c.diff;
    match item {
        ChangeItem::Score => score_detail(b, c),
        ChangeItem::Agent(i) => {
            let Some(change) = d.agents.get(i) else {
                return;
            };
            match change.change {
                Change::Removed => {
                    let old = &c.old;
                    match old.lookup.agent_by_id.get(&change.id) {
                        Some(&a) => {
                            if let Some(agent) = old.inv.agents.get(a) {
                                b.push(
                                    vec![
                                        b.badge("REMOVED", t.error),
                                        Piece::styled("  only in OLD: its detail there", t.muted),
                                    ],
                                    None,
                                );
                                agents::detail::agent_detail(b, old, agent, false);
                            }
                        }
                        None => b.field("Agent", &change.id),
                    }
                }
                _ => match data.lookup.agent_by_id.get(&change.id) {
                    Some(&a) => {
                        if let Some(agent) = data.inv.agents.get(a) {
                            agents::detail::agent_detail(b, data, agent, what_if);
                        }
                    }
                    None => b.field("Agent", &change.id),
                },
            }
        }
        ChangeItem::Object(i) => {
            let Some(o) = d.objects.get(i) else { return };
            let (word, role) = match o.change {
                Change::Added => ("ADDED", t.ok),
                Change::Removed => ("REMOVED", t.error),
                Change::Changed => ("CHANGED", t.warn),
            };
            b.title(
                vec![
                    b.badge(word, role),
                    Piece::raw(" "),
                    Piece::styled(visible(&o.id), t.accent),
                ],
                Some(o.id.clone()),
            );
            b.blank();
            match o.change {
                Change::Added => b.para(
                    "In NEW only (a Configuration Server object or setting).",
                    t.muted,
                ),
                Change::Removed => b.para("In OLD only.", t.muted),
                Change::Changed => {
                    b.section(&format!(
                        "Differing fields ({}), as JSON Pointers",
                        o.fields.len()
                    ));
                    for p in &o.fields {
                        b.push(
                            vec![Piece::raw(format!("  {}", visible(p)))],
                            Some(p.clone()),
                        );
                    }
                }
            }
        }
        ChangeItem::NewFinding(i) => {
            let Some(f) = d.new_findings.get(i) else {
                return;
            };
            b.push(
                vec![
                    b.badge("NEW", t.warn),
                    Piece::styled("  not in OLD", t.muted),
                ],
                None,
            );
            audit::detail::finding_detail(b, data, f);
        }
        ChangeItem::ResolvedFinding(i) => {
            let Some(f) = d.resolved_findings.get(i) else {
                return;
            };
            b.push(
                vec![
                    b.badge("RESOLVED", t.ok),
                    Piece::styled("  in OLD only: as OLD reported it", t.muted),
                ],
                None,
            );
            audit::detail::finding_detail(b, &c.old, f);
        }
    }
}

fn score_detail(b: &mut B, c: &Compared) {
    let t = b.theme;
    let d = &c.diff;
    b.title(vec![Piece::styled("OLD → NEW", t.accent)], None);
    b.section("Sides");
    b.field("OLD", &d.old.source);
    b.field(
        "  captured",
        d.old.captured_at.as_deref().unwrap_or("unknown"),
    );
    b.field("NEW", &d.new.source);
    b.field(
        "  captured",
        d.new.captured_at.as_deref().unwrap_or("unknown"),
    );
    b.section("Score");
    let score = crate::audit::report::score_text;
    b.field(
        "Score",
        &format!("{} → {}", score(d.score_old), score(d.score_new)),
    );
    let (aa, ar, ac) = d.agent_counts();
    let (oa, or, oc) = d.object_counts();
    b.section("Counts");
    if d.agents_compared {
        b.field("Agents", &format!("+{aa}  −{ar}  ~{ac}"));
    } else {
        b.field_spans(
            "Agents",
            vec![Piece::styled(
                "unknown: not compared (persons unavailable on a side)",
                t.warn,
            )],
            None,
        );
    }
    b.field("Objects", &format!("+{oa}  −{or}  ~{oc}"));
    b.field(
        "Findings",
        &format!(
            "+{} new  −{} resolved",
            d.new_findings.len(),
            d.resolved_findings.len()
        ),
    );
    b.section("Completeness");
    if d.complete {
        b.field_spans("Complete", vec![Piece::styled("yes", t.ok)], None);
    } else {
        b.field_spans(
            "Complete",
            vec![Piece::styled(
                "no: what a side lacks is not compared",
                t.warn,
            )],
            None,
        );
        for (side, h) in [("OLD", &d.old), ("NEW", &d.new)] {
            for path in &h.unavailable {
                b.field(&format!("{side} lacks"), path);
            }
        }
    }
}

/// Compare mode, in an agent's detail: its change since OLD (each changed field old → new;
/// an option with its source on each side), or that it is new.
pub(crate) fn agent_changes(b: &mut B, data: &Data, c: &Compared, id: &str) {
    let t = b.theme;
    if !c.diff.agents_compared {
        b.section("Since OLD");
        b.push(
            vec![Piece::styled(
                "  unknown: agents not compared (persons unavailable on a side)",
                t.warn,
            )],
            None,
        );
        return;
    }
    let Some(change) = c.agent_change(id) else {
        b.section("Since OLD");
        b.push(vec![Piece::styled("  unchanged", t.muted)], None);
        return;
    };
    match change.change {
        Change::Added => {
            b.section("Since OLD");
            b.push(vec![Piece::styled("  + added: not in OLD", t.ok)], None);
        }
        Change::Removed => {}
        Change::Changed => {
            changed_fields(b, change, [side_of(&c.old, id), side_of(data, id)]);
        }
    }
}

/// An agent on one side: its inventory and itself.
type AgentSide<'a> = Option<(&'a Inventory, &'a Agent)>;

fn side_of<'a>(d: &'a Data, id: &str) -> AgentSide<'a> {
    let i = *d.lookup.agent_by_id.get(id)?;
    d.inv.agents.get(i).map(|a| (d.inv.as_ref(), a))
}

/// Whether an option a side's record lacks is unknown there rather than not set: a level
/// that could set it (agent groups, tenants, settings and applications) was unavailable.
fn hidden_by_unavailable(side: AgentSide, key: &str) -> Option<Resource> {
    let (inv, agent) = side?;
    match inv.effective_option(agent, key).source {
        OptionSource::Unknown(r) => Some(r),
        _ => None,
    }
}

fn changed_fields(b: &mut B, change: &AgentChange, sides: [AgentSide; 2]) {
    let t = b.theme;
    b.section(&format!("Changed since OLD ({})", change.fields.len()));
    for (name, v) in &change.fields {
        let (old, new) = (
            v.get("old").unwrap_or(&Value::Null),
            v.get("new").unwrap_or(&Value::Null),
        );
        let option = name.starts_with("privileges.") || name.starts_with("parameters.");
        let key = super::view::short_field(name);
        let (before, after, note) = if option {
            // Absent from a side's record, yet an unavailable level could set it: unknown.
            let [o, n] = sides.map(|side| hidden_by_unavailable(side, key).map(unknown));
            let shown = |v: &Value, hidden: Option<String>| match (v, hidden) {
                (Value::Null, Some(u)) => u,
                _ => option_side(v),
            };
            let note = if o.is_some() || n.is_some() {
                ""
            } else {
                option_note(old, new)
            };
            (shown(old, o), shown(new, n), note)
        } else {
            (plain(old), plain(new), "")
        };
        // The name, then old → new under it: a narrow pane keeps both readable.
        let copy = Some(format!("{name}: {old} → {new}"));
        let mut head = vec![Piece::raw(format!("  {}", visible(key)))];
        if !note.is_empty() {
            head.push(Piece::styled(format!("  ({note})"), t.muted));
        }
        b.flow(head, 4, copy.clone());
        let values = vec![
            Piece::raw("    "),
            Piece::styled(before, t.muted),
            Piece::styled(" → ", t.accent),
            Piece::styled(after, t.header),
        ];
        b.flow(values, 6, copy);
    }
}

/// A field's value: a string quoted, null as "—".
fn plain(v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::String(s) => format!("\"{}\"", visible(s)),
        other => visible(&other.to_string()),
    }
}

/// An effective option on one side: `source "value"`; not set; or unknown (a level that
/// could set it was unavailable), never "removed".
fn option_side(v: &Value) -> String {
    let source = v.get("source").and_then(Value::as_str);
    match (v, source) {
        (Value::Null, _) => "(not set)".into(),
        (_, Some("unknown")) | (_, None) => "unknown".into(),
        (_, Some(s)) => match v.get("value").and_then(Value::as_str) {
            Some(value) => format!("{} \"{}\"", visible(s), visible(value)),
            None => format!("{} (no value)", visible(s)),
        },
    }
}

fn option_note(old: &Value, new: &Value) -> &'static str {
    let unknown = |v: &Value| v.get("source").and_then(Value::as_str) == Some("unknown");
    match (old, new) {
        _ if unknown(old) || unknown(new) => "",
        (Value::Null, _) => "added",
        (_, Value::Null) => "removed",
        _ if old.get("value") == new.get("value") => "source only",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::{option_note, option_side, plain};
    use serde_json::{Value, json};

    #[test]
    fn an_option_on_each_side_says_its_source_and_what_changed() {
        let acme = json!({"value": "a", "source": "tenant:Acme"});
        let sales = json!({"value": "b", "source": "agent-group:Sales"});
        let sales_a = json!({"value": "a", "source": "agent-group:Sales"});
        let unknown = json!({"value": null, "source": "unknown"});
        assert_eq!(option_side(&acme), "tenant:Acme \"a\"");
        assert_eq!(option_side(&Value::Null), "(not set)");
        assert_eq!(option_side(&unknown), "unknown");
        assert_eq!(option_note(&acme, &sales), "");
        assert_eq!(option_note(&Value::Null, &sales), "added");
        assert_eq!(option_note(&acme, &Value::Null), "removed");
        assert_eq!(option_note(&acme, &sales_a), "source only");
        // To or from unknown is neither added nor removed.
        assert_eq!(option_note(&unknown, &sales), "");
        assert_eq!(option_note(&acme, &unknown), "");
        assert_eq!(plain(&json!("E1")), "\"E1\"");
        assert_eq!(plain(&Value::Null), "—");
        assert_eq!(plain(&json!(true)), "true");
    }
}
