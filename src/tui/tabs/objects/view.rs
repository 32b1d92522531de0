//! The object view's table: windowed (only the visible rows' cells are built), the sort
//! column marked, surrounding spaces of a value shown as `·`.

use super::ObjectsTab;
use crate::tui::tabs::{ListDrawn, Scroll, TabState, ViewCx};
use crate::tui::widgets::{cell, draw_rows, list_title, marked_cell, pane_block};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The columns that fit in `width` (the first ones), with their widths.
fn fitting(widths: &[usize], width: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut used = 0;
    for (c, &w) in widths.iter().enumerate() {
        if used + w + 2 > width && !out.is_empty() {
            break;
        }
        let w = w.min(width.saturating_sub(used + 2));
        used += w + 2;
        out.push((c, w));
    }
    out
}

pub fn render(tab: &ObjectsTab, frame: &mut Frame, area: Rect, cx: &ViewCx) -> Option<ListDrawn> {
    let t = cx.theme;
    let data = cx.data;
    let kind = tab.kind?;
    let total = kind.len(data);
    let shown = tab.view.len();
    let count = if shown == total {
        total.to_string()
    } else {
        format!("{shown} of {total}")
    };
    let title = list_title(
        t,
        kind.title(),
        cx.focused,
        count,
        tab.filter(),
        " (best match first)",
    );
    let block = pane_block(t, title, cx.focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 {
        return None;
    }
    let cols = kind.columns();
    let fit = fitting(&tab.widths, inner.width as usize);
    let mut head = Vec::with_capacity(fit.len() * 2);
    for &(c, w) in &fit {
        let Some(col) = cols.get(c) else { continue };
        let sorted = c == tab.sort;
        let mut label = col.title.to_string();
        if sorted {
            label.push_str(if tab.descending { " ▼" } else { " ▲" });
        }
        let style = if sorted { t.accent } else { t.header };
        head.push(Span::styled(cell(&label, w), style));
        head.push(Span::raw("  "));
    }
    frame.render_widget(
        Paragraph::new(Line::from(head)),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );
    let rows_area = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
    let mut drawn = ListDrawn {
        rows_top: rows_area.y,
        height: rows_area.height as usize,
        scroll: Scroll::Unchanged,
    };
    if shown == 0 {
        let msg = match kind.availability(data) {
            Err(u) => format!(" unknown ({} unavailable)", u.resource.path()),
            Ok(0) => format!(" no {} in the snapshot", kind.title().to_lowercase()),
            Ok(_) => " nothing matches the filter (Esc clears it)".into(),
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, t.muted)), rows_area);
        return Some(drawn);
    }
    let (nav, range) = tab.nav.windowed(shown, rows_area.height as usize);
    drawn.scroll = Scroll::Rows(nav);
    let used = data.used();
    let lines: Vec<Line> = tab.view[range.clone()]
        .iter()
        .map(|&i| {
            let cells = kind.cells(data, used, i as usize);
            let mut spans = Vec::with_capacity(fit.len() * 3);
            for &(c, w) in &fit {
                let text = cells.get(c).map_or("", String::as_str);
                let numeric = cols.get(c).is_some_and(|col| col.numeric);
                let style = if numeric { t.muted } else { Style::new() };
                spans.extend(marked_cell(text, w, style, t.muted));
                spans.push(Span::raw("  "));
            }
            Line::from(spans)
        })
        .collect();
    draw_rows(
        frame,
        rows_area,
        lines,
        Some(nav.selected - range.start),
        t.selection,
    );
    Some(drawn)
}

#[cfg(test)]
mod tests {
    use super::fitting;

    #[test]
    fn columns_that_do_not_fit_are_left_out_from_the_right() {
        assert_eq!(fitting(&[10, 5, 8], 40), vec![(0, 10), (1, 5), (2, 8)]);
        assert_eq!(fitting(&[10, 5, 8], 20), vec![(0, 10), (1, 5)]);
        // The first column is always shown, cut to the room there is.
        assert_eq!(fitting(&[30, 5], 12), vec![(0, 10)]);
    }
}
