//! `gwsx audit --format html`: one self-contained file (CLI.md, "Reports for people"): no
//! external script, style, font or image; everything readable without JavaScript, which only
//! adds a filter box and sortable columns; a print style. Everything from the data is
//! HTML-escaped and its control characters are shown as `\u{…}`.

use super::catalogue::{self, family_of};
use super::context::{ReportContext, by_rule, visible};
use super::report::{Counts, Scorecard, grade, score_text};
use super::{Finding, Severity};
use std::fmt::Write as _;

/// Text safe in HTML content and in quoted attribute values.
pub fn escape(s: &str) -> String {
    let shown = visible(s);
    let mut out = String::with_capacity(shown.len() + 8);
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#ffffff; --head:#f6f8fa;
  --error:#b3261e; --error-bg:#fdecea; --warn:#8a5a00; --warn-bg:#fff4d6; --info:#0b5cad; --info-bg:#e7f1fb;
  --ok:#1a7f37; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); background: var(--bg); margin: 0 auto; padding: 24px 32px 48px; max-width: 1280px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 24px 0 6px; display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
p { margin: 6px 0; }
.sub { color: var(--muted); margin: 0 0 16px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: baseline; }
th { background: var(--head); font-weight: 600; white-space: nowrap; }
td { overflow-wrap: anywhere; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.facts { width: auto; max-width: 100%; }
table.facts td { min-width: 14em; }
table.facts tbody th { white-space: nowrap; }
.grid { display: grid; grid-template-columns: minmax(220px, 300px) 1fr; gap: 20px; align-items: start; }
@media (max-width: 1180px) { .grid { grid-template-columns: 1fr; } .score { max-width: 520px; } }
.score { border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; }
td.family { min-width: 16em; }
.score .big { font-size: 40px; font-weight: 700; line-height: 1.1; }
.score .grade { display: inline-block; font-size: 20px; font-weight: 700; border-radius: 6px; padding: 0 10px; margin-left: 8px;
  vertical-align: middle; background: var(--head); border: 1px solid var(--line); }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; white-space: nowrap;
  border: 1px solid transparent; }
.sev-error { color: var(--error); background: var(--error-bg); border-color: #f3b9b3; }
.sev-warn { color: var(--warn); background: var(--warn-bg); border-color: #f0d48a; }
.sev-info { color: var(--info); background: var(--info-bg); border-color: #b6d4f2; }
.incomplete { color: var(--warn); background: var(--warn-bg); border: 1px solid #f0d48a; border-radius: 6px; padding: 6px 10px; margin-top: 10px; }
.complete { color: var(--ok); margin-top: 10px; }
.rule { border: 1px solid var(--line); border-radius: 8px; padding: 4px 14px 8px; margin: 14px 0; }
.rule h3 { margin-top: 10px; }
.why, .fix { color: var(--fg); }
.why b, .fix b { color: var(--muted); font-weight: 600; }
.toc { columns: 2 320px; padding-left: 18px; margin: 6px 0; }
.toc li { break-inside: avoid; }
.toc a { color: inherit; }
.muted { color: var(--muted); }
#tools { display: flex; gap: 12px; align-items: center; margin: 8px 0 4px; flex-wrap: wrap; }
#tools input[type=search] { font: inherit; padding: 5px 8px; width: 420px; max-width: 100%; border: 1px solid var(--line); border-radius: 6px; }
th.sortable { cursor: pointer; }
th.sortable::after { content: " \2195"; color: var(--muted); font-weight: 400; }
tr.hidden, section.hidden { display: none; }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  #tools { display: none; }
  .rule { break-inside: auto; border: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  tr.hidden, section.hidden { display: table-row; }
  section.hidden { display: block; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Filter box and sortable columns; the report is complete without it.
const SCRIPT: &str = r#"
(function () {
  var tools = document.getElementById('tools');
  var box = document.createElement('input');
  box.type = 'search';
  box.placeholder = 'Filter findings (rule, target, option, message)…';
  box.setAttribute('aria-label', 'Filter findings');
  var count = document.createElement('span');
  count.className = 'muted';
  tools.appendChild(box);
  tools.appendChild(count);
  var rows = Array.prototype.slice.call(document.querySelectorAll('table.findings tbody tr'));
  function apply() {
    var q = box.value.toLowerCase();
    var shown = 0;
    rows.forEach(function (r) {
      var hit = !q || r.textContent.toLowerCase().indexOf(q) >= 0 ||
        (r.closest('section').getAttribute('data-rule') || '').toLowerCase().indexOf(q) >= 0;
      r.classList.toggle('hidden', !hit);
      if (hit) shown++;
    });
    document.querySelectorAll('section.rule').forEach(function (s) {
      s.classList.toggle('hidden', !s.querySelector('tbody tr:not(.hidden)'));
    });
    count.textContent = q ? shown + ' of ' + rows.length + ' findings' : '';
  }
  box.addEventListener('input', apply);
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('th').forEach(function (th, col) {
      th.classList.add('sortable');
      th.title = 'Sort';
      th.addEventListener('click', function () {
        var body = table.tBodies[0];
        var dir = th.getAttribute('data-dir') === 'asc' ? -1 : 1;
        th.setAttribute('data-dir', dir === 1 ? 'asc' : 'desc');
        var list = Array.prototype.slice.call(body.rows);
        list.sort(function (a, b) {
          var x = a.cells[col].getAttribute('data-sort') || a.cells[col].textContent;
          var y = b.cells[col].getAttribute('data-sort') || b.cells[col].textContent;
          var nx = parseFloat(x), ny = parseFloat(y);
          if (!isNaN(nx) && !isNaN(ny) && String(nx) === x.trim() && String(ny) === y.trim()) return (nx - ny) * dir;
          return x.localeCompare(y) * dir;
        });
        list.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
"#;

fn sev_rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 0,
        Severity::Warn => 1,
        Severity::Info => 2,
    }
}

fn badge(s: Severity) -> String {
    format!("<span class=\"badge sev-{0}\">{0}</span>", s.as_str())
}

fn or_dash(s: &str) -> String {
    if s.is_empty() {
        "<span class=\"muted\">—</span>".to_string()
    } else {
        escape(s)
    }
}

fn target_cell(f: &Finding) -> String {
    let name = if f.target.name.is_empty() {
        String::new()
    } else {
        format!(" <span class=\"muted\">({})</span>", escape(&f.target.name))
    };
    format!("<span class=\"mono\">{}</span>{name}", escape(&f.target.id))
}

pub fn to_html(findings: &[Finding], card: &Scorecard, ctx: &ReportContext) -> String {
    let mut o = String::with_capacity(64 * 1024 + findings.len() * 300);
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // No fetch of any kind: scripts only inline, nothing else loaded (a CSP that says so).
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
    let _ = writeln!(o, "<title>gwsx audit · {}</title>", escape(&ctx.source));
    let _ = writeln!(o, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(o, "<h1>gwsx audit report</h1>");
    let _ = writeln!(
        o,
        "<p class=\"sub\">{} · {}</p>",
        escape(&ctx.source),
        score_line(card)
    );

    // Where the data came from.
    o.push_str("<table class=\"facts\">\n");
    let mut fact = |k: &str, v: String| {
        let _ = writeln!(o, "<tr><th>{k}</th><td>{v}</td></tr>");
    };
    fact("Source", or_dash(&ctx.source));
    fact(
        "Captured",
        or_dash(ctx.captured_at.as_deref().unwrap_or("")),
    );
    fact(
        "GWS version",
        or_dash(ctx.gws_version.as_deref().unwrap_or("")),
    );
    fact("gwsx version", escape(ctx.gwsx_version));
    if !ctx.filter.is_empty() {
        fact("Filters", escape(&ctx.filter));
    }
    if let Some(b) = &ctx.baseline {
        fact(
            "Baseline",
            format!(
                "{} · {} accepted · {} resolved",
                escape(b),
                ctx.accepted.len(),
                ctx.resolved.len()
            ),
        );
    }
    o.push_str("</table>\n");

    // Score.
    o.push_str("<h2 id=\"score\">Score</h2>\n<div class=\"grid\">\n<div class=\"score\">\n");
    match card.overall {
        Some(s) => {
            let _ = writeln!(
                o,
                "<div class=\"big\">{s}<span class=\"grade\">{}</span></div><div class=\"muted\">overall, of 100</div>",
                grade(s)
            );
        }
        None => {
            o.push_str("<div class=\"big\">n/a</div><div class=\"muted\">nothing checked</div>\n")
        }
    }
    if card.complete() {
        o.push_str("<div class=\"complete\">complete: every resource was read</div>\n");
    } else {
        let list: Vec<String> = card
            .unavailable
            .iter()
            .map(|u| format!("<code>{}</code>", escape(u)))
            .collect();
        let _ = writeln!(
            o,
            "<div class=\"incomplete\"><b>incomplete</b>: unavailable {} (see GWS-501)</div>",
            list.join(", ")
        );
    }
    o.push_str("</div>\n<table class=\"sortable\">\n<thead><tr><th>family</th><th class=\"num\">score</th><th>grade</th><th class=\"num\">checked</th><th class=\"num\">flagged</th><th class=\"num\">errors</th><th class=\"num\">warnings</th><th class=\"num\">info</th></tr></thead>\n<tbody>\n");
    for s in &card.families {
        let c = Counts::of(findings.iter().filter(|f| family_of(f.rule) == s.family));
        let _ = writeln!(
            o,
            "<tr><td class=\"family\"><b>{}xx</b> {}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
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
    o.push_str("</tbody>\n</table>\n</div>\n");

    // gwsConfig.
    o.push_str("<h2 id=\"config\">gwsConfig in force</h2>\n<table class=\"facts\">\n<thead><tr><th>fact</th><th>value</th><th>from</th></tr></thead>\n<tbody>\n");
    for f in &ctx.config {
        let _ = writeln!(
            o,
            "<tr><td class=\"mono\">{}</td><td class=\"mono\">{}</td><td>{}</td></tr>",
            escape(f.name),
            escape(&f.value),
            escape(&f.origin)
        );
    }
    o.push_str("</tbody>\n</table>\n");

    // Voice environments.
    o.push_str("<h2 id=\"voice-environments\">Voice environments</h2>\n");
    if ctx.voice_envs.is_empty() {
        o.push_str("<p class=\"muted\">None.</p>\n");
    } else {
        o.push_str("<table class=\"sortable\">\n<thead><tr><th>voice environment</th><th>id</th><th>cluster mode</th><th class=\"num\">agents</th><th class=\"num\">errors</th><th class=\"num\">warnings</th></tr></thead>\n<tbody>\n");
        for v in &ctx.voice_envs {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td class=\"mono\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                or_dash(&v.name),
                or_dash(&v.id),
                if v.cluster_mode {
                    "<b>cluster</b>"
                } else {
                    "no"
                },
                v.agents,
                v.errors,
                v.warnings
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }

    // Findings.
    let c = Counts::of(findings);
    let groups = by_rule(findings);
    let _ = writeln!(
        o,
        "<h2 id=\"findings\">Findings</h2>\n<p>{} finding(s): {} error, {} warn, {} info{}</p>",
        findings.len(),
        c.error,
        c.warn,
        c.info,
        if ctx.baseline.is_some() {
            format!(
                " · {} accepted by the baseline (<a href=\"#accepted\">below</a>)",
                ctx.accepted.len()
            )
        } else {
            String::new()
        }
    );
    if !groups.is_empty() {
        o.push_str("<ul class=\"toc\">\n");
        for (rule, list) in &groups {
            let info = catalogue::rule_info(rule);
            let worst = list
                .iter()
                .map(|f| f.severity)
                .max()
                .unwrap_or(Severity::Info);
            let _ = writeln!(
                o,
                "<li>{} <a href=\"#{rule}\"><b>{rule}</b></a> ×{} {}</li>",
                badge(worst),
                list.len(),
                escape(info.map_or("", |r| r.title))
            );
        }
        o.push_str("</ul>\n<div id=\"tools\"></div>\n");
    }
    for (rule, list) in &groups {
        let info = catalogue::rule_info(rule);
        let worst = list
            .iter()
            .map(|f| f.severity)
            .max()
            .unwrap_or(Severity::Info);
        let _ = writeln!(
            o,
            "<section class=\"rule\" id=\"{rule}\" data-rule=\"{rule}\">\n<h3>{} <span>{rule}</span> <span>{}</span> <span class=\"muted\">×{}</span></h3>",
            badge(worst),
            escape(info.map_or("", |r| r.title)),
            list.len()
        );
        if let Some(r) = info {
            let _ = writeln!(
                o,
                "<p class=\"why\"><b>Why.</b> {}</p>\n<p class=\"fix\"><b>Fix.</b> {}</p>",
                escape(r.why),
                escape(r.fix)
            );
        }
        findings_table(&mut o, list, false);
        o.push_str("</section>\n");
    }

    if ctx.baseline.is_some() {
        let _ = writeln!(
            o,
            "<h2 id=\"accepted\">Accepted (baseline)</h2>\n<p>{} finding(s) set aside by the baseline: shown here, never counted for <code>--fail-on</code>.</p>",
            ctx.accepted.len()
        );
        if !ctx.accepted.is_empty() {
            let list: Vec<&Finding> = ctx.accepted.iter().collect();
            findings_table(&mut o, &list, true);
        }
        let _ = writeln!(
            o,
            "<h2 id=\"resolved\">Resolved since the baseline</h2>\n<p>{} finding(s) of the baseline no longer occur.</p>",
            ctx.resolved.len()
        );
        if !ctx.resolved.is_empty() {
            o.push_str("<table class=\"sortable\">\n<thead><tr><th>rule</th><th>target</th><th>option</th></tr></thead>\n<tbody>\n");
            for e in &ctx.resolved {
                let _ = writeln!(
                    o,
                    "<tr><td>{}</td><td class=\"mono\">{} {}</td><td class=\"mono\">{}</td></tr>",
                    escape(&e.rule),
                    escape(&e.target.kind),
                    escape(&e.target.id),
                    or_dash(e.option.as_deref().unwrap_or(""))
                );
            }
            o.push_str("</tbody>\n</table>\n");
        }
    }
    let _ = writeln!(
        o,
        "<p class=\"muted\">Written by gwsx {} from {}.</p>",
        escape(ctx.gwsx_version),
        escape(&ctx.source)
    );
    let _ = writeln!(o, "<script>{SCRIPT}</script>\n</body>\n</html>");
    o
}

fn score_line(card: &Scorecard) -> String {
    let mut s = format!("score {}", escape(&score_text(card.overall)));
    if !card.complete() {
        s.push_str(" · <b>incomplete</b>");
    }
    s
}

fn findings_table(o: &mut String, list: &[&Finding], with_rule: bool) {
    let class = if with_rule {
        "sortable"
    } else {
        "findings sortable"
    };
    let _ = writeln!(
        o,
        "<table class=\"{class}\">\n<thead><tr>{}<th>severity</th><th>target</th><th>option</th><th>message</th></tr></thead>\n<tbody>",
        if with_rule { "<th>rule</th>" } else { "" }
    );
    for f in list {
        let _ = writeln!(
            o,
            "<tr>{}<td data-sort=\"{}\">{}</td><td>{}</td><td class=\"mono\">{}</td><td>{}</td></tr>",
            if with_rule {
                format!("<td>{}</td>", f.rule)
            } else {
                String::new()
            },
            sev_rank(f.severity),
            badge(f.severity),
            target_cell(f),
            or_dash(f.option.as_deref().unwrap_or("")),
            escape(&f.message)
        );
    }
    o.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{1b}b"), "a\\u{1b}b");
    }
}
