//! The diff as JSON (the CLI.md contract), as a text report, and as Markdown for a ticket.

use super::{Change, Diff, Header};
use crate::audit::Finding;
use crate::audit::report::score_text;
use serde_json::{Map, Value, json};
use std::fmt::Write;

fn side_json(h: &Header) -> Value {
    json!({"source": h.source, "capturedAt": h.captured_at})
}

pub fn to_json(diff: &Diff) -> String {
    let agents: Vec<Value> = diff
        .agents
        .iter()
        .map(|a| {
            let mut m = Map::new();
            m.insert("id".into(), json!(a.id));
            m.insert("userName".into(), json!(a.user_name));
            m.insert("change".into(), json!(a.change));
            if a.change == Change::Changed {
                m.insert("fields".into(), Value::Object(a.fields.clone()));
            }
            Value::Object(m)
        })
        .collect();
    let objects: Vec<Value> = diff
        .objects
        .iter()
        .map(|o| {
            let mut m = Map::new();
            m.insert("id".into(), json!(o.id));
            m.insert("change".into(), json!(o.change));
            if o.change == Change::Changed {
                m.insert("fields".into(), json!(o.fields));
            }
            Value::Object(m)
        })
        .collect();
    let (aa, ar, ac) = diff.agent_counts();
    let (oa, or, oc) = diff.object_counts();
    let doc = json!({
        "old": side_json(&diff.old),
        "new": side_json(&diff.new),
        "agents": agents,
        "objects": objects,
        "findings": {"new": diff.new_findings, "resolved": diff.resolved_findings},
        "summary": {
            "agents": {"added": aa, "removed": ar, "changed": ac},
            "objects": {"added": oa, "removed": or, "changed": oc},
            "findings": {"new": diff.new_findings.len(), "resolved": diff.resolved_findings.len()},
            "score": {"old": diff.score_old, "new": diff.score_new},
            "complete": diff.complete,
        }
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

/// Control characters from the data, escaped (`\u{1b}`), so a value cannot steer the
/// terminal (CLI.md): the project's one escaping function.
pub(crate) fn escape_controls(s: &str) -> String {
    crate::text_safety::escape_controls(s).into_owned()
}

/// A field's value in a report: its JSON text (`"7001"`, `null`, `true`), an option as
/// `"value" (source)`, absent as `(absent)`. Escaped for a terminal.
fn shown(v: &Value) -> String {
    let text = match v {
        Value::Null => "(absent)".to_string(),
        Value::Object(m) if m.contains_key("source") => {
            let value = m.get("value").map_or("null".into(), Value::to_string);
            let source = m.get("source").and_then(Value::as_str).unwrap_or("");
            format!("{value} ({source})")
        }
        other => other.to_string(),
    };
    escape_controls(&text)
}

/// An agent field's old and new value as shown; a top-level null is `null`, not absent.
fn field_sides(name: &str, change: &Value) -> (String, String) {
    let side = |k: &str| {
        let v = change.get(k).unwrap_or(&Value::Null);
        if v.is_null() && !name.contains('.') {
            "null".to_string()
        } else {
            shown(v)
        }
    };
    (side("old"), side("new"))
}

fn side_line(h: &Header) -> String {
    let at = h.captured_at.as_deref().unwrap_or("capture time unknown");
    escape_controls(&format!("{} ({at})", h.source))
}

fn score_change(diff: &Diff) -> String {
    let delta = match (diff.score_old, diff.score_new) {
        (Some(a), Some(b)) if a != b => format!(" ({:+})", i64::from(b) - i64::from(a)),
        (Some(_), Some(_)) => " (unchanged)".to_string(),
        _ => String::new(),
    };
    format!(
        "{} → {}{delta}",
        score_text(diff.score_old),
        score_text(diff.score_new)
    )
}

fn incomplete_lines(diff: &Diff) -> Vec<String> {
    let mut out = Vec::new();
    for (word, h) in [("old", &diff.old), ("new", &diff.new)] {
        if !h.unavailable.is_empty() {
            out.push(format!(
                "{word} side: unavailable {} (its objects are not compared)",
                h.unavailable.join(", ")
            ));
        }
    }
    if !diff.agents_compared {
        out.push("persons unavailable on a side: agents are not compared".into());
    }
    out
}

fn finding_line(f: &Finding) -> String {
    let name = if f.target.name.is_empty() {
        String::new()
    } else {
        format!(" ({})", f.target.name)
    };
    let option = f
        .option
        .as_deref()
        .map(|o| format!(" [{o}]"))
        .unwrap_or_default();
    escape_controls(&format!(
        "{:<5} {} {}{name}{option}: {}",
        f.severity.as_str().to_uppercase(),
        f.rule,
        f.target.id,
        f.message
    ))
}

fn sign(change: Change) -> char {
    match change {
        Change::Added => '+',
        Change::Removed => '-',
        Change::Changed => '~',
    }
}

/// The readable report: agents, objects, findings, score change.
pub fn to_text(diff: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "old: {}", side_line(&diff.old));
    let _ = writeln!(out, "new: {}", side_line(&diff.new));
    let (aa, ar, ac) = diff.agent_counts();
    let _ = writeln!(out, "\nagents: {aa} added, {ar} removed, {ac} changed");
    for a in &diff.agents {
        let user = a.user_name.as_deref().unwrap_or("(no user name)");
        let _ = writeln!(
            out,
            "  {} {} {} {}",
            sign(a.change),
            escape_controls(&a.id),
            escape_controls(user),
            a.change.as_str()
        );
        for (name, change) in &a.fields {
            let (old, new) = field_sides(name, change);
            let _ = writeln!(out, "      {}: {old} → {new}", escape_controls(name));
        }
    }
    let (oa, or, oc) = diff.object_counts();
    let _ = writeln!(out, "\nobjects: {oa} added, {or} removed, {oc} changed");
    for o in &diff.objects {
        let _ = writeln!(
            out,
            "  {} {} {}",
            sign(o.change),
            escape_controls(&o.id),
            o.change.as_str()
        );
        for field in &o.fields {
            let _ = writeln!(out, "      {}", escape_controls(field));
        }
    }
    let _ = writeln!(
        out,
        "\nfindings: {} new, {} resolved",
        diff.new_findings.len(),
        diff.resolved_findings.len()
    );
    for f in &diff.new_findings {
        let _ = writeln!(out, "  new      {}", finding_line(f));
    }
    for f in &diff.resolved_findings {
        let _ = writeln!(out, "  resolved {}", finding_line(f));
    }
    let _ = writeln!(out, "\nscore: {}", score_change(diff));
    if !diff.complete {
        let _ = writeln!(out, "incomplete:");
        for line in incomplete_lines(diff) {
            let _ = writeln!(out, "  {}", escape_controls(&line));
        }
    }
    out
}

/// A table cell of plain text: controls escaped, and every character Markdown could take
/// for markup backslash-escaped (`<port>` stays text, `Plantronics*` no emphasis).
fn cell(s: &str) -> String {
    let text = escape_controls(s);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A table cell in a code span: only `|` needs escaping there (GitHub tables).
fn code(s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    let text = escape_controls(s).replace('|', "\\|");
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// The same report as Markdown (GitHub tables), for a ticket.
pub fn to_markdown(diff: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## gwsx diff\n");
    let _ = writeln!(out, "| | source | captured at |\n|---|---|---|");
    for (word, h) in [("old", &diff.old), ("new", &diff.new)] {
        let _ = writeln!(
            out,
            "| {word} | {} | {} |",
            code(&h.source),
            cell(h.captured_at.as_deref().unwrap_or("unknown"))
        );
    }
    let _ = writeln!(out, "\n**Score:** {}", score_change(diff));
    if !diff.complete {
        let _ = writeln!(out, "\n**Incomplete:**\n");
        for line in incomplete_lines(diff) {
            let _ = writeln!(out, "- {}", cell(&line));
        }
    }
    let (aa, ar, ac) = diff.agent_counts();
    let _ = writeln!(
        out,
        "\n### Agents: {aa} added, {ar} removed, {ac} changed\n"
    );
    if !diff.agents.is_empty() {
        let _ = writeln!(
            out,
            "| agent | user | change | field | old | new |\n|---|---|---|---|---|---|"
        );
        for a in &diff.agents {
            let user = code(a.user_name.as_deref().unwrap_or(""));
            if a.fields.is_empty() {
                let _ = writeln!(
                    out,
                    "| {} | {user} | {} | | | |",
                    code(&a.id),
                    a.change.as_str()
                );
            }
            for (name, change) in &a.fields {
                let (old, new) = field_sides(name, change);
                let _ = writeln!(
                    out,
                    "| {} | {user} | {} | {} | {} | {} |",
                    code(&a.id),
                    a.change.as_str(),
                    code(name),
                    code(&old),
                    code(&new)
                );
            }
        }
    }
    let (oa, or, oc) = diff.object_counts();
    let _ = writeln!(
        out,
        "\n### Objects: {oa} added, {or} removed, {oc} changed\n"
    );
    if !diff.objects.is_empty() {
        let _ = writeln!(out, "| object | change | fields |\n|---|---|---|");
        for o in &diff.objects {
            let fields: Vec<String> = o.fields.iter().map(|f| code(f)).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                code(&o.id),
                o.change.as_str(),
                fields.join("<br>")
            );
        }
    }
    let _ = writeln!(
        out,
        "\n### Findings: {} new, {} resolved\n",
        diff.new_findings.len(),
        diff.resolved_findings.len()
    );
    let all: Vec<(&str, &Finding)> = diff
        .new_findings
        .iter()
        .map(|f| ("new", f))
        .chain(diff.resolved_findings.iter().map(|f| ("resolved", f)))
        .collect();
    if !all.is_empty() {
        let _ = writeln!(
            out,
            "| | rule | severity | target | option | message |\n|---|---|---|---|---|---|"
        );
        for (word, f) in all {
            let target = if f.target.name.is_empty() {
                code(&f.target.id)
            } else {
                format!("{} ({})", code(&f.target.id), cell(&f.target.name))
            };
            let _ = writeln!(
                out,
                "| {word} | {} | {} | {target} | {} | {} |",
                f.rule,
                f.severity.as_str(),
                code(f.option.as_deref().unwrap_or("")),
                cell(&f.message)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped() {
        assert_eq!(escape_controls("a\x1b[31mb\u{7}"), "a\\u{1b}[31mb\\u{7}");
        assert_eq!(escape_controls("plain"), "plain");
        assert_eq!(cell("a|b\n"), "a\\|b\\\\n");
        assert_eq!(
            cell("http[s]://x:<port> *"),
            "http\\[s\\]://x:\\<port\\> \\*"
        );
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code("a`b"), "`` a`b ``");
    }
}
