//! `gwsx audit --format markdown`: GitHub-flavoured Markdown for a ticket (CLI.md, "Reports
//! for people"). Everything from the data is escaped: Markdown punctuation, `|` in tables,
//! back-ticks, and control characters (shown as `\u{…}`).

use super::Finding;
use super::catalogue::{self, family_of};
use super::context::{ReportContext, by_rule, visible};
use super::report::{Counts, Scorecard, grade, score_text};
use std::fmt::Write as _;

/// Text safe in a Markdown paragraph or table cell: the punctuation that Markdown or HTML
/// could read (emphasis, code, links and images, tags, entities, headings, strike-through,
/// table cells) is backslash-escaped, line breaks and other controls shown.
pub fn escape(s: &str) -> String {
    let shown = visible(s);
    let mut out = String::with_capacity(shown.len() + 8);
    for c in shown.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn or_dash(s: &str) -> String {
    if s.is_empty() {
        "—".to_string()
    } else {
        escape(s)
    }
}

fn target(f: &Finding) -> String {
    if f.target.name.is_empty() {
        escape(&f.target.id)
    } else {
        format!("{} ({})", escape(&f.target.id), escape(&f.target.name))
    }
}

pub fn to_markdown(findings: &[Finding], card: &Scorecard, ctx: &ReportContext) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# gwsx audit report\n");
    let _ = writeln!(o, "| | |\n|---|---|");
    let _ = writeln!(o, "| Source | {} |", or_dash(&ctx.source));
    let _ = writeln!(
        o,
        "| Captured | {} |",
        or_dash(ctx.captured_at.as_deref().unwrap_or(""))
    );
    let _ = writeln!(
        o,
        "| GWS version | {} |",
        or_dash(ctx.gws_version.as_deref().unwrap_or(""))
    );
    let _ = writeln!(o, "| gwsx version | {} |", escape(ctx.gwsx_version));
    if !ctx.filter.is_empty() {
        let _ = writeln!(o, "| Filters | {} |", escape(&ctx.filter));
    }
    if let Some(b) = &ctx.baseline {
        let _ = writeln!(o, "| Baseline | {} |", escape(b));
    }

    let _ = writeln!(o, "\n## gwsConfig in force\n");
    let _ = writeln!(o, "| fact | value | from |\n|---|---|---|");
    for f in &ctx.config {
        let _ = writeln!(
            o,
            "| {} | {} | {} |",
            escape(f.name),
            escape(&f.value),
            escape(&f.origin)
        );
    }

    let _ = writeln!(o, "\n## Score\n");
    let _ = writeln!(
        o,
        "**Overall: {}**{}\n",
        escape(&score_text(card.overall)),
        if card.complete() {
            ""
        } else {
            " · **incomplete**"
        }
    );
    if !card.complete() {
        let list: Vec<String> = card
            .unavailable
            .iter()
            .map(|u| format!("`{}`", u.replace('`', "'")))
            .collect();
        let _ = writeln!(
            o,
            "Unavailable resources: {} (see GWS-501)\n",
            list.join(", ")
        );
    }
    let _ = writeln!(
        o,
        "| family | score | grade | checked | flagged | errors | warnings | info |\n|---|---|---|---|---|---|---|---|"
    );
    for s in &card.families {
        let c = Counts::of(findings.iter().filter(|f| family_of(f.rule) == s.family));
        let _ = writeln!(
            o,
            "| {}xx {} | {} | {} | {} | {} | {} | {} | {} |",
            s.family,
            escape(s.title),
            s.percent().map_or("n/a".into(), |p| p.to_string()),
            s.percent().map_or("n/a", grade),
            s.checked,
            s.flagged,
            c.error,
            c.warn,
            c.info
        );
    }

    let _ = writeln!(o, "\n## Voice environments\n");
    if ctx.voice_envs.is_empty() {
        let _ = writeln!(o, "None.");
    } else {
        let _ = writeln!(
            o,
            "| voice environment | id | cluster mode | agents | errors | warnings |\n|---|---|---|---|---|---|"
        );
        for v in &ctx.voice_envs {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} |",
                or_dash(&v.name),
                or_dash(&v.id),
                if v.cluster_mode { "yes" } else { "no" },
                v.agents,
                v.errors,
                v.warnings
            );
        }
    }

    let c = Counts::of(findings);
    let _ = writeln!(
        o,
        "\n## Findings\n\n{} finding(s): {} error, {} warn, {} info{}\n",
        findings.len(),
        c.error,
        c.warn,
        c.info,
        if ctx.accepted.is_empty() {
            String::new()
        } else {
            format!(" ({} accepted, listed below)", ctx.accepted.len())
        }
    );
    for (rule, list) in by_rule(findings) {
        let info = catalogue::rule_info(rule);
        let _ = writeln!(
            o,
            "### {} — {} ({} ×{})\n",
            rule,
            escape(info.map_or("", |r| r.title)),
            info.map_or("", |r| r.severity.as_str()),
            list.len()
        );
        if let Some(r) = info {
            let _ = writeln!(o, "**Why.** {}\n", escape(r.why));
            let _ = writeln!(o, "**Fix.** {}\n", escape(r.fix));
        }
        findings_table(&mut o, &list);
    }

    if ctx.baseline.is_some() {
        let _ = writeln!(
            o,
            "\n## Accepted (baseline)\n\n{} finding(s) set aside by the baseline: shown, never counted for --fail-on.\n",
            ctx.accepted.len()
        );
        if !ctx.accepted.is_empty() {
            let list: Vec<&Finding> = ctx.accepted.iter().collect();
            findings_table_with_rule(&mut o, &list);
        }
        let _ = writeln!(
            o,
            "\n## Resolved since the baseline\n\n{} finding(s) of the baseline no longer occur.\n",
            ctx.resolved.len()
        );
        if !ctx.resolved.is_empty() {
            let _ = writeln!(o, "| rule | target | option |\n|---|---|---|");
            for e in &ctx.resolved {
                let _ = writeln!(
                    o,
                    "| {} | {} {} | {} |",
                    escape(&e.rule),
                    escape(&e.target.kind),
                    escape(&e.target.id),
                    or_dash(e.option.as_deref().unwrap_or(""))
                );
            }
        }
    }
    o
}

fn findings_table(o: &mut String, list: &[&Finding]) {
    let _ = writeln!(
        o,
        "| severity | target | option | message |\n|---|---|---|---|"
    );
    for f in list {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            f.severity.as_str(),
            target(f),
            or_dash(f.option.as_deref().unwrap_or("")),
            escape(&f.message)
        );
    }
    o.push('\n');
}

fn findings_table_with_rule(o: &mut String, list: &[&Finding]) {
    let _ = writeln!(
        o,
        "| rule | severity | target | option | message |\n|---|---|---|---|---|"
    );
    for f in list {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} |",
            f.rule,
            f.severity.as_str(),
            target(f),
            or_dash(f.option.as_deref().unwrap_or("")),
            escape(&f.message)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tables_code_and_controls() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("`x`"), "\\`x\\`");
        assert_eq!(escape("<img src=x>"), "\\<img src=x\\>");
        assert_eq!(escape("line\nnext\u{1b}"), "line\\\\u{a}next\\\\u{1b}");
        assert_eq!(escape("[a](http://x)"), "\\[a\\](http://x)");
        assert_eq!(escape("&amp; *b*"), "\\&amp; \\*b\\*");
    }
}
