//! The detail pane: what is known about the selected object, scrollable, with a cursor line
//! for `y` when focused; or the object's raw JSON (`v`).

use crate::tui::app::{App, DetailDrawn, Pane};
use crate::tui::detail::{DLine, Role, Tone};
use crate::tui::theme::Theme;
use crate::tui::widgets::{draw_rows, pane_block};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

/// The theme's style of a role.
fn style(t: &Theme, role: Role) -> Style {
    let tone = |tone: Tone| match tone {
        Tone::Accent => t.accent,
        Tone::Muted => t.muted,
        Tone::Ok => t.ok,
        Tone::Info => t.info,
        Tone::Warn => t.warn,
        Tone::Error => t.error,
        Tone::Cluster => t.cluster,
        Tone::Header => t.header,
    };
    match role {
        Role::Plain => Style::new(),
        Role::Tone(x) => tone(x),
        Role::Badge(x) => t.badge(x.map_or(Style::new(), tone)),
    }
}

/// A detail line as drawn: its pieces in the theme's styles.
fn styled(l: &DLine, t: &Theme) -> Line<'static> {
    Line::from(
        l.pieces
            .iter()
            .map(|p| Span::styled(p.content.clone(), style(t, p.role)))
            .collect::<Vec<_>>(),
    )
}

/// Draws the pane; returns its rows' place, its width and where it scrolled to.
pub fn render(frame: &mut Frame, area: Rect, app: &App) -> DetailDrawn {
    let focused = app.focus == Pane::Detail;
    // Lines are built for the inner width: borders take two cells, the scrollbar one, and
    // one stays blank before it.
    let width = area.width.saturating_sub(4) as usize;
    let sel = app.selected();
    let lines = match app.data.as_deref() {
        Some(d) => app.detail.lines(d, sel, width, app.what_if.is_some()),
        None => Vec::new(),
    };
    let t = &app.theme;
    let what = sel.title();
    let mut title = vec![Span::styled(
        what,
        if focused { t.accent } else { t.header },
    )];
    if app.detail.raw {
        title.push(Span::styled(" · raw JSON as stored (v: back)", t.warn));
    }
    let block = pane_block(t, title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let len = lines.len();
    let (nav, range) = app.detail.nav.windowed(len, inner.height as usize);
    let drawn = DetailDrawn {
        rows_top: inner.y,
        height: inner.height as usize,
        width,
        nav,
    };
    let cursor = focused.then(|| nav.selected.saturating_sub(range.start));
    let rows: Vec<Line<'static>> = lines[range.clone()].iter().map(|l| styled(l, t)).collect();
    let text_area = Rect::new(
        inner.x,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    draw_rows(frame, text_area, rows, cursor, t.selection);
    if len > inner.height as usize {
        let mut state =
            ScrollbarState::new(len.saturating_sub(inner.height as usize)).position(range.start);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None),
            inner,
            &mut state,
        );
        let pos = format!(" {}-{} of {len} ", range.start + 1, range.end);
        let w = pos.len() as u16;
        if w + 2 < area.width {
            let r = Rect::new(area.x + area.width - w - 1, area.y + area.height - 1, w, 1);
            frame.render_widget(Paragraph::new(Span::styled(pos, t.muted)), r);
        }
    }
    drawn
}
