//! The Audit tab's view: findings grouped by rule, errors first, with severity toggles.

use super::{AuditRow, AuditTab};
use crate::audit::{Severity, catalogue};
use crate::tui::detail::severity_glyph;
use crate::tui::tabs::{ListDrawn, Scroll, TabState, ViewCx};
use crate::tui::text::{self, visible};
use crate::tui::widgets::{count_span, draw_rows, list_title, pane_block};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(tab: &AuditTab, frame: &mut Frame, area: Rect, cx: &ViewCx) -> Option<ListDrawn> {
    let focused = cx.focused;
    let data = cx.data;
    let t = cx.theme;
    let filter = tab.filter();
    let count = if data.audited {
        let mut c = format!("{} of {}", tab.matches, data.audit.kept());
        if let Some(b) = data.audit.baseline {
            c.push_str(&format!(
                " · {} accepted · {} resolved",
                b.accepted, b.resolved
            ));
        }
        c
    } else {
        "auditing…".to_string()
    };
    let title = list_title(t, "Audit", focused, count, filter, "");
    let block = pane_block(t, title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 {
        return None;
    }
    // The severity toggles, on the first row.
    let mut toggles = vec![Span::raw(" ")];
    for (s, key) in [
        (Severity::Error, "E"),
        (Severity::Warn, "W"),
        (Severity::Info, "I"),
    ] {
        let on = tab.shows(s);
        toggles.push(Span::styled(format!("{key} "), t.accent));
        let span = count_span(t, s, data.audit.counts.get(s), true);
        if on {
            toggles.push(span);
        } else {
            toggles.push(Span::styled(format!("{} (hidden)", span.content), t.muted));
        }
        toggles.push(Span::raw("   "));
    }
    frame.render_widget(
        Paragraph::new(Line::from(toggles)),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );
    let rows_area = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
    let mut drawn = ListDrawn {
        rows_top: rows_area.y,
        height: rows_area.height as usize,
        scroll: Scroll::Unchanged,
    };
    if tab.rows.is_empty() {
        let msg = if !data.audited {
            " auditing… the findings appear here when the rules have run".to_string()
        } else if data.audit.findings.is_empty() {
            " no findings: nothing the rules flag".to_string()
        } else {
            " no finding matches the filter and severity toggles".to_string()
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, t.muted)), rows_area);
        return Some(drawn);
    }
    let width = rows_area.width as usize;
    let (nav, range) = tab.nav.windowed(tab.rows.len(), rows_area.height as usize);
    drawn.scroll = Scroll::Rows(nav);
    let cursor = nav.selected - range.start;
    let rows: Vec<Line> = tab.rows[range]
        .iter()
        .map(|row| match *row {
            AuditRow::Rule {
                rule,
                severity,
                count,
            } => {
                let all = data.audit.rule_totals.get(rule).copied().unwrap_or(count);
                let n = if count == all {
                    format!("{count}")
                } else {
                    format!("{count} of {all}")
                };
                let head = format!(
                    "{} {rule} {} ({n})  ",
                    severity_glyph(severity),
                    severity.as_str()
                );
                let title = catalogue::rule_info(rule).map_or("", |r| r.title);
                let title = text::truncate(title, width.saturating_sub(text::width(&head)));
                Line::from(vec![
                    Span::styled(head, t.severity(severity)),
                    Span::styled(title, t.header),
                ])
            }
            AuditRow::Accepted { count } => {
                let all = data.audit.baseline.map_or(count, |b| b.accepted);
                let n = if count == all {
                    format!("{count}")
                } else {
                    format!("{count} of {all}")
                };
                let head = format!("✔ Accepted ({n})  ");
                let why = text::truncate(
                    "in the baseline: not counted",
                    width.saturating_sub(text::width(&head)),
                );
                Line::from(vec![
                    Span::styled(head, t.header),
                    Span::styled(why, t.muted),
                ])
            }
            AuditRow::Finding(i) => match data.audit.findings.get(i) {
                Some(f) if data.audit.is_accepted(i) => {
                    let target = format!(
                        "  accepted  {} {}  {}  ",
                        f.rule,
                        f.severity.as_str(),
                        text::truncate(&visible(&f.target.name), 24)
                    );
                    let used = text::width(&target);
                    let message = text::truncate(&visible(&f.message), width.saturating_sub(used));
                    Line::from(vec![
                        Span::styled(target, t.muted),
                        Span::styled(message, t.muted),
                    ])
                }
                Some(f) => {
                    let target = format!("  {}  ", text::truncate(&visible(&f.target.name), 24));
                    let used = text::width(&target);
                    let message = text::truncate(&visible(&f.message), width.saturating_sub(used));
                    Line::from(vec![Span::styled(target, t.muted), Span::raw(message)])
                }
                None => Line::from(""),
            },
        })
        .collect();
    draw_rows(frame, rows_area, rows, Some(cursor), t.selection);
    Some(drawn)
}
