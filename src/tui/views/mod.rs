//! Drawing: one function per screen part; each tab's list is drawn by its own view
//! (`tabs/*/view.rs`). Views read the app (`&App`) and return what they laid out (`Drawn`:
//! areas for the mouse, rows that fit, where each pane scrolled to), which the runner hands
//! back to the app with `App::laid_out`.

pub mod detail;
pub mod header;
pub mod help;

use super::app::{App, Drawn, Mode, Pane};
use super::tabs::ViewCx;
use super::text;
use super::theme::Theme;
use super::widgets::hint_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Gauge, Paragraph};

/// The smallest terminal the layout is made for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
/// Below this width only the focused pane is drawn.
const SIDE_BY_SIDE: u16 = 100;

/// Draws the whole screen from `&App` (`draw`), then hands what it laid out back to the
/// app (`App::laid_out`): the one place a frame and the state meet.
pub fn render(frame: &mut Frame, app: &mut App) {
    let drawn = draw(frame, app);
    app.laid_out(drawn);
}

/// Draws the whole screen; returns what it laid out, for `App::laid_out`.
pub fn draw(frame: &mut Frame, app: &App) -> Drawn {
    let mut drawn = Drawn::default();
    let area = frame.area();
    frame.render_widget(Block::new().style(app.theme.base), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, &app.theme);
        return drawn;
    }
    let error_rows = u16::from(app.error.is_some());
    let filter_rows = u16::from(matches!(app.mode, Mode::Filter | Mode::Command));
    let [head, tabs, error, body, filter, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(error_rows),
        Constraint::Min(1),
        Constraint::Length(filter_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    header::render_header(frame, head, app);
    drawn.tabs = Some(header::render_tabs(frame, tabs, app));
    if let Some(e) = &app.error {
        let line = Line::from(vec![
            Span::styled(" ✖ ", app.theme.error),
            Span::styled(
                text::truncate(&text::visible(e), error.width.saturating_sub(4) as usize),
                app.theme.error,
            ),
        ]);
        frame.render_widget(Paragraph::new(line), error);
    }
    if app.data.is_none() {
        loading(frame, body, app);
    } else {
        panes(frame, body, app, &mut drawn);
    }
    match app.mode {
        Mode::Filter => filter_line(frame, filter, app),
        Mode::Command => command_line(frame, filter, app),
        _ => {}
    }
    footer(frame, foot, app);
    if let Mode::Help(scroll) = app.mode {
        help::render(frame, area, app, scroll);
    }
    drawn
}

fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let lines = vec![
        Line::from(Span::styled("terminal too small", theme.error)),
        Line::from(format!(
            "need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
            area.width, area.height
        )),
        Line::from(Span::styled(
            "enlarge the window, or q to quit",
            theme.muted,
        )),
    ];
    let h = (lines.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(h) / 2;
    let rect = Rect::new(area.x, y, area.width, h);
    frame.render_widget(Paragraph::new(lines).centered(), rect);
}

fn loading(frame: &mut Frame, body: Rect, app: &App) {
    let theme = &app.theme;
    let w = body.width.min(70);
    let transfers = app.loading().map_or(&[][..], |l| l.transfers.as_slice());
    // The box grows down, one line per request under way, from where a box of six stands.
    let top = body.height.saturating_sub(6) / 2;
    let rect = Rect::new(
        body.x + (body.width - w) / 2,
        body.y + top,
        w,
        (6 + transfers.len() as u16).min(body.height - top),
    );
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Span::styled(" loading ", theme.accent));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let (n, total, what) = match app.loading() {
        Some(l) => (l.n, l.total, l.what.as_str()),
        None => (0, 0, "waiting"),
    };
    let [label, gauge, _, requests] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    // Resources are counted when there are several (a live fetch); a file is one step.
    let step = if total > 1 {
        format!("resource {n} of {total}: {what}")
    } else {
        what.to_string()
    };
    let text = vec![
        Line::from(Span::styled(
            text::truncate(&text::visible(&app.source.label), inner.width as usize),
            theme.header,
        )),
        Line::from(text::truncate(&text::visible(&step), inner.width as usize)),
    ];
    frame.render_widget(Paragraph::new(text), label);
    let ratio = if total > 0 {
        (n as f64 / total as f64).clamp(0.0, 1.0)
    } else {
        0.0
    };
    frame.render_widget(
        Gauge::default()
            .ratio(ratio)
            .label(format!("{n}/{total}"))
            .gauge_style(theme.accent),
        gauge,
    );
    let width = requests.width as usize;
    let lines: Vec<Line> = transfers
        .iter()
        .map(|t| {
            let status = text::visible(&t.status_text());
            // The status stays whole; a long path gives way.
            let room = width.saturating_sub(text::width(&status) + 2);
            Line::from(vec![
                Span::styled(text::truncate(t.path, room), theme.muted),
                Span::raw("  "),
                Span::raw(text::truncate(&status, width)),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), requests);
}

fn panes(frame: &mut Frame, body: Rect, app: &App, drawn: &mut Drawn) {
    let Some(data) = app.data.as_deref() else {
        return;
    };
    let tab = app.current();
    let (list, detail) = if body.width >= SIDE_BY_SIDE {
        // Lists get more of a wide screen: the detail reads well from about 70 columns.
        let left = tab.width_percent(body.width >= 160);
        let [l, d] = Layout::horizontal([
            Constraint::Percentage(left),
            Constraint::Percentage(100 - left),
        ])
        .areas(body);
        (Some(l), Some(d))
    } else {
        match app.focus {
            Pane::List => (Some(body), None),
            Pane::Detail => (None, Some(body)),
        }
    };
    drawn.panes = Some((list.unwrap_or_default(), detail.unwrap_or_default()));
    if let Some(area) = list {
        let cx = ViewCx {
            data,
            theme: &app.theme,
            focused: app.focus == Pane::List,
        };
        drawn.list = tab.render(frame, area, &cx);
        breadcrumb(frame, area, app);
    }
    if let Some(area) = detail {
        drawn.detail = Some(detail::render(frame, area, app));
    }
}

fn filter_line(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let tab = app.current();
    let count = app
        .data
        .as_deref()
        .map(|d| tab.filter_count(d))
        .unwrap_or_default();
    let line = Line::from(vec![
        Span::styled(" / ", t.accent),
        Span::raw(text::visible(tab.filter())),
        Span::styled("▏", t.accent),
        Span::styled(format!("   {count}"), t.muted),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The `:` line: what is typed, then the commands it could become (Tab puts them in).
fn command_line(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let line = &app.browse.command;
    let mut spans = vec![
        Span::styled(" : ", t.accent),
        Span::raw(text::visible(&line.text)),
        Span::styled("▏", t.accent),
    ];
    let candidates = line.candidates();
    if !candidates.is_empty() {
        spans.push(Span::styled("   ", t.muted));
        for (i, c) in candidates.iter().enumerate() {
            let style = if *c == line.text { t.accent } else { t.muted };
            if i > 0 {
                spans.push(Span::raw(" "));
            }
            spans.push(Span::styled(*c, style));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// After a jump, the way back on the list pane's bottom border: `◂ Place P_1 › Agent x`.
fn breadcrumb(frame: &mut Frame, area: Rect, app: &App) {
    let Some(trail) = app.breadcrumb() else {
        return;
    };
    let room = (area.width as usize).saturating_sub(6);
    let note = format!(" ◂ Esc: {} ", text::visible(&trail));
    // The newest steps matter most: cut from the left.
    let shown = if text::width(&note) > room {
        let tail: String = note.chars().rev().take(room.saturating_sub(2)).collect();
        format!(" …{}", tail.chars().rev().collect::<String>())
    } else {
        note
    };
    let w = (text::width(&shown) as u16).min(area.width.saturating_sub(2));
    if area.height > 0 && w > 0 {
        let r = Rect::new(area.x + 1, area.y + area.height - 1, w, 1);
        frame.render_widget(Paragraph::new(Span::styled(shown, app.theme.accent)), r);
    }
}

fn footer(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    if let Some(s) = &app.status {
        let line = Line::from(vec![
            Span::styled(" ● ", t.info),
            Span::raw(text::truncate(s, area.width.saturating_sub(4) as usize)),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    // Every mode's hints come from its bindings (the filter line's and help's too).
    let hints = app.keys.hints(&app.scopes());
    frame.render_widget(
        Paragraph::new(hint_line(&hints, area.width as usize, t)),
        area,
    );
}
