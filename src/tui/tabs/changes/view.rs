//! The Changes tab's view: OLD → NEW on the first row, then the score and the sections, each
//! item marked `+` (added, new), `−` (removed, resolved) or `~` (changed).

use super::{ChangeRow, ChangesTab};
use crate::audit::report::score_text;
use crate::diff::Change;
use crate::tui::compare::{ChangeItem, Compared};
use crate::tui::detail::severity_glyph;
use crate::tui::tabs::{ListDrawn, Scroll, TabState, ViewCx};
use crate::tui::text::{self, visible};
use crate::tui::theme::Theme;
use crate::tui::widgets::{draw_rows, list_title, pane_block};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The glyph of a change, readable without colour.
pub fn glyph(change: Change) -> &'static str {
    match change {
        Change::Added => "+",
        Change::Removed => "−",
        Change::Changed => "~",
    }
}

fn change_style(t: &Theme, change: Change) -> Style {
    match change {
        Change::Added => t.ok,
        Change::Removed => t.error,
        Change::Changed => t.warn,
    }
}

pub fn render(tab: &ChangesTab, frame: &mut Frame, area: Rect, cx: &ViewCx) -> Option<ListDrawn> {
    let (data, t, focused) = (cx.data, cx.theme, cx.focused);
    let count = match data.compared.as_deref() {
        Some(_) if !tab.filter().is_empty() => {
            format!("{} of {}", tab.matches, tab.count(data).unwrap_or_default())
        }
        Some(_) => tab.count(data).unwrap_or_default(),
        None => "…".into(),
    };
    let title = list_title(t, "Changes", focused, count, tab.filter(), "");
    let block = pane_block(t, title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 {
        return None;
    }
    let rows_area = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
    let mut drawn = ListDrawn {
        rows_top: rows_area.y,
        height: rows_area.height as usize,
        scroll: Scroll::Unchanged,
    };
    let width = inner.width as usize;
    let Some(c) = data.compared.as_deref() else {
        let note = if tab.note.is_empty() {
            "comparing with OLD…"
        } else {
            tab.note.as_str()
        };
        let lines: Vec<Line> = text::wrap(&visible(note), width.saturating_sub(2))
            .into_iter()
            .map(|l| Line::from(Span::styled(format!(" {l}"), t.muted)))
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        return Some(drawn);
    };
    frame.render_widget(
        Paragraph::new(summary_line(c, t, width)),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );
    if tab.rows.is_empty() {
        let msg = if tab.filter().is_empty() {
            " no differences"
        } else {
            " no change matches the filter (Esc clears it)"
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, t.muted)), rows_area);
        return Some(drawn);
    }
    let (nav, range) = tab.nav.windowed(tab.rows.len(), rows_area.height as usize);
    drawn.scroll = Scroll::Rows(nav);
    let cursor = nav.selected - range.start;
    let rows: Vec<Line> = tab.rows[range]
        .iter()
        .map(|row| row_line(c, *row, tab, t, width))
        .collect();
    draw_rows(frame, rows_area, rows, Some(cursor), t.selection);
    Some(drawn)
}

/// `OLD <label> → NEW <label>`, and whether the comparison is complete.
fn summary_line(c: &Compared, t: &Theme, width: usize) -> Line<'static> {
    let d = &c.diff;
    let tail = if d.complete {
        Span::styled("  complete", t.ok)
    } else {
        Span::styled("  ▲ incomplete: a resource unavailable", t.warn)
    };
    let room = width.saturating_sub(text::width(&tail.content) + 14) / 2;
    Line::from(vec![
        Span::styled(" OLD ", t.muted),
        Span::raw(label_end(&visible(&d.old.source), room.max(6))),
        Span::styled(" → NEW ", t.muted),
        Span::raw(label_end(&visible(&d.new.source), room.max(6))),
        tail,
    ])
}

/// The end of a label in `max` cells (`…` first when cut): a path's file name says most.
fn label_end(s: &str, max: usize) -> String {
    if text::width(s) <= max {
        return s.to_string();
    }
    let mut out: Vec<char> = Vec::new();
    let mut used = 1;
    for ch in s.chars().rev() {
        let w = text::width(ch.encode_utf8(&mut [0; 4]));
        if used + w > max {
            break;
        }
        used += w;
        out.push(ch);
    }
    out.push('…');
    out.into_iter().rev().collect()
}

fn row_line(
    c: &Compared,
    row: ChangeRow,
    tab: &ChangesTab,
    t: &Theme,
    width: usize,
) -> Line<'static> {
    let d = &c.diff;
    match row {
        ChangeRow::Section {
            section,
            shown,
            total,
        } => {
            let fold = if tab.folded.contains(&section) {
                "▸"
            } else {
                "▾"
            };
            let n = if shown == total {
                shown.to_string()
            } else {
                format!("{shown} of {total}")
            };
            Line::from(Span::styled(
                format!("{fold} {} ({n})", section.title()),
                t.header,
            ))
        }
        ChangeRow::Item(ChangeItem::Score) => {
            let (a, b) = (d.score_old, d.score_new);
            let style = match (a, b) {
                (Some(x), Some(y)) if y > x => t.ok,
                (Some(x), Some(y)) if y < x => t.error,
                _ => t.muted,
            };
            let mut spans = vec![
                Span::styled("  score ", t.muted),
                Span::styled(format!("{} → {}", score_text(a), score_text(b)), style),
            ];
            if !d.agents_compared {
                spans.push(Span::styled(
                    "  ▲ agents not compared: persons unavailable on a side",
                    t.warn,
                ));
            }
            Line::from(spans)
        }
        ChangeRow::Item(ChangeItem::Agent(i)) => match d.agents.get(i) {
            Some(a) => {
                let head = format!("  {} ", glyph(a.change));
                let name = format!(
                    "{}  ",
                    text::truncate(&visible(a.user_name.as_deref().unwrap_or(&a.id)), 28)
                );
                let what = match a.change {
                    Change::Changed => a
                        .fields
                        .keys()
                        .map(|k| short_field(k))
                        .collect::<Vec<_>>()
                        .join(", "),
                    _ => a.id.clone(),
                };
                let used = text::width(&head) + text::width(&name);
                Line::from(vec![
                    Span::styled(head, change_style(t, a.change)),
                    Span::raw(name),
                    Span::styled(
                        text::truncate(&visible(&what), width.saturating_sub(used)),
                        t.muted,
                    ),
                ])
            }
            None => Line::from(""),
        },
        ChangeRow::Item(ChangeItem::Object(i)) => match d.objects.get(i) {
            Some(o) => {
                let head = format!("  {} ", glyph(o.change));
                let id = format!("{}  ", visible(&o.id));
                let used = text::width(&head) + text::width(&id);
                Line::from(vec![
                    Span::styled(head, change_style(t, o.change)),
                    Span::raw(id),
                    Span::styled(
                        text::truncate(&visible(&o.fields.join(", ")), width.saturating_sub(used)),
                        t.muted,
                    ),
                ])
            }
            None => Line::from(""),
        },
        ChangeRow::Item(ChangeItem::NewFinding(i)) => {
            finding_line(d.new_findings.get(i), Change::Added, t, width)
        }
        ChangeRow::Item(ChangeItem::ResolvedFinding(i)) => {
            finding_line(d.resolved_findings.get(i), Change::Removed, t, width)
        }
    }
}

fn finding_line(
    f: Option<&crate::audit::Finding>,
    change: Change,
    t: &Theme,
    width: usize,
) -> Line<'static> {
    let Some(f) = f else {
        return Line::from("");
    };
    let head = format!("  {} ", glyph(change));
    let rule = format!("{} {}  ", severity_glyph(f.severity), f.rule);
    let target = format!("{}  ", text::truncate(&visible(&f.target.name), 24));
    let used = text::width(&head) + text::width(&rule) + text::width(&target);
    Line::from(vec![
        Span::styled(head, change_style(t, change)),
        Span::styled(rule, t.severity(f.severity)),
        Span::styled(target, t.muted),
        Span::raw(text::truncate(
            &visible(&f.message),
            width.saturating_sub(used),
        )),
    ])
}

/// A field name of the `agents` record without its option group (`privileges.`,
/// `parameters.`): the option key says it already.
pub fn short_field(name: &str) -> &str {
    name.strip_prefix("privileges.")
        .or_else(|| name.strip_prefix("parameters."))
        .unwrap_or(name)
}
