//! The Agents tab's view: a windowed table (only the visible rows are built), sortable by column.

use super::AgentsTab;
use crate::diff::Change;
use crate::domain::LoginSource;
use crate::tui::data::{AgentRow, Column, Counts};
use crate::tui::tabs::{ListDrawn, Scroll, TabState, ViewCx};
use crate::tui::text;
use crate::tui::theme::Theme;
use crate::tui::widgets::{cell, count_span, draw_rows, list_title, marked_cell, pane_block};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Columns shown first when the pane is narrow.
const PRIORITY: [Column; 8] = [
    Column::User,
    Column::LoginId,
    Column::VoiceEnv,
    Column::Findings,
    Column::EmployeeId,
    Column::CanUse,
    Column::Mode,
    Column::Name,
];

/// The columns that fit in `width`, in display order, with their widths.
pub fn layout(widths: &[usize; 8], width: usize) -> Vec<(Column, usize)> {
    let cap = |c: Column| {
        let w = widths[c as usize];
        match c {
            Column::User | Column::Name => w.min(22),
            Column::VoiceEnv => w.min(20) + 2,
            _ => w.min(16),
        }
    };
    let mut chosen = Vec::new();
    let mut used = 0;
    for c in PRIORITY {
        let w = cap(c);
        if used + w + 2 <= width {
            used += w + 2;
            chosen.push(c);
        }
    }
    let spare = width.saturating_sub(used);
    let mut out: Vec<(Column, usize)> = Column::ALL
        .into_iter()
        .filter(|c| chosen.contains(c))
        .map(|c| (c, cap(c)))
        .collect();
    // Give the spare room to the name-like columns.
    if let Some(name) = out.iter_mut().find(|(c, _)| *c == Column::Name) {
        name.1 += spare.min(12);
    }
    out
}

/// Compare mode's marker column: `+` added, `~` changed since OLD (removed agents are in
/// the Changes tab).
fn mark_span(mark: Option<Change>, t: &Theme) -> Span<'static> {
    match mark {
        Some(Change::Added) => Span::styled("+ ", t.ok),
        Some(Change::Changed) => Span::styled("~ ", t.warn),
        Some(Change::Removed) | None => Span::raw("  "),
    }
}

/// `findings` is `None` while the audit runs; `mark` is `Some` in compare mode.
fn row_line(
    row: &AgentRow,
    findings: Option<Counts>,
    mark: Option<Option<Change>>,
    cols: &[(Column, usize)],
    t: &Theme,
) -> Line<'static> {
    let mut spans = Vec::with_capacity(cols.len() * 2 + 1);
    if let Some(m) = mark {
        spans.push(mark_span(m, t));
    }
    for (c, w) in cols {
        let span = match c {
            Column::LoginId => {
                let style = match row.login_source {
                    LoginSource::EmployeeId | LoginSource::AgentLogin => t.header,
                    LoginSource::None => t.error,
                    LoginSource::Unknown(_) => t.warn,
                };
                spans.extend(marked_cell(row.login(), *w, style, t.muted));
                spans.push(Span::raw("  "));
                continue;
            }
            Column::VoiceEnv => {
                let (mark, style) = match row.cluster {
                    Some(true) => ("◆ ", t.cluster),
                    Some(false) => ("  ", Style::new()),
                    None => ("? ", t.warn),
                };
                Span::styled(
                    format!("{mark}{}", cell(&row.voice_env, w.saturating_sub(2))),
                    style,
                )
            }
            Column::CanUse => {
                let style = match row.can_use.trim().to_ascii_lowercase().as_str() {
                    "true" => t.ok,
                    "false" => t.muted,
                    _ => t.warn,
                };
                Span::styled(cell(&row.can_use, *w), style)
            }
            Column::Findings => match findings.map(|c| (c, c.worst())) {
                None => Span::styled(cell("…", *w), t.muted),
                Some((c, Some(s))) => {
                    let n = c.total();
                    let sp = count_span(t, s, n, false);
                    Span::styled(cell(&sp.content, *w), sp.style)
                }
                Some((_, None)) => Span::styled(cell("·", *w), t.muted),
            },
            Column::Mode => Span::styled(
                cell(row.mode, *w),
                if row.mode == "unknown" {
                    t.warn
                } else {
                    t.muted
                },
            ),
            // Names and ids: surrounding spaces marked, so "  1001" is not "1001".
            _ => {
                spans.extend(marked_cell(row.cell(*c), *w, Style::new(), t.muted));
                spans.push(Span::raw("  "));
                continue;
            }
        };
        spans.push(span);
        spans.push(Span::raw("  "));
    }
    Line::from(spans)
}

pub fn render(tab: &AgentsTab, frame: &mut Frame, area: Rect, cx: &ViewCx) -> Option<ListDrawn> {
    let focused = cx.focused;
    let data = cx.data;
    let t = cx.theme;
    let filter = tab.filter();
    let total = data.agents.len();
    let shown = tab.view.len();
    let count = if shown == total {
        total.to_string()
    } else {
        format!("{shown} of {total}")
    };
    let title = list_title(t, "Agents", focused, count, filter, " (best match first)");
    let block = pane_block(t, title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 {
        return None;
    }
    let compared = data.compared.as_deref();
    let mark_w = if compared.is_some() { 2 } else { 0 };
    let cols = layout(&data.widths, (inner.width as usize).saturating_sub(mark_w));
    // Header row: the sort column marked.
    let mut head = Vec::new();
    if compared.is_some() {
        head.push(Span::raw("  "));
    }
    for (c, w) in &cols {
        let mut label = c.title().to_string();
        if *c == tab.sort {
            label.push_str(if tab.descending { " ▼" } else { " ▲" });
        }
        if *c == Column::VoiceEnv {
            label = format!("  {label}");
        }
        let style = if *c == tab.sort { t.accent } else { t.header };
        head.push(Span::styled(cell(&label, *w), style));
        head.push(Span::raw("  "));
    }
    let hidden = Column::ALL.len() - cols.len();
    let head_area = Rect::new(inner.x, inner.y, inner.width, 1);
    frame.render_widget(Paragraph::new(Line::from(head)), head_area);
    let rows_area = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
    let mut drawn = ListDrawn {
        rows_top: rows_area.y,
        height: rows_area.height as usize,
        scroll: Scroll::Unchanged,
    };
    if shown == 0 {
        let msg = if total == 0 {
            match &data.inv.model.persons {
                Err(u) => format!(" unknown ({} unavailable)", u.resource.path()),
                Ok(_) => " no agents in the snapshot".into(),
            }
        } else if !data.audited {
            " indexing the agents for the filter…".into()
        } else {
            " no agent matches the filter (Esc clears it)".into()
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, t.muted)), rows_area);
        return Some(drawn);
    }
    let (nav, range) = tab.nav.windowed(shown, rows_area.height as usize);
    drawn.scroll = Scroll::Rows(nav);
    let cursor = nav.selected - range.start;
    let rows: Vec<Line> = tab.view[range.clone()]
        .iter()
        .filter_map(|&i| {
            let row = data.agents.get(i as usize)?;
            let findings = data.audited.then(|| data.agent_counts(i as usize));
            let mark = compared.map(|c| c.mark(i as usize));
            Some(row_line(row, findings, mark, &cols, t))
        })
        .collect();
    draw_rows(frame, rows_area, rows, Some(cursor), t.selection);
    if hidden > 0 && rows_area.height > 0 {
        // Say so when columns do not fit, on the bottom border.
        let note = format!(" {hidden} column(s) hidden: widen the terminal ");
        let w = text::width(&note) as u16;
        if w + 2 < area.width {
            let r = Rect::new(area.x + area.width - w - 2, area.y + area.height - 1, w, 1);
            frame.render_widget(Paragraph::new(Span::styled(note, t.muted)), r);
        }
    }
    Some(drawn)
}
