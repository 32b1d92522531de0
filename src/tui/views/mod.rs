//! Drawing: one function per screen part. Views read the app and record where they drew
//! (for the mouse); they never change what the app shows.

pub mod agents;
pub mod audit;
pub mod detail;
pub mod header;
pub mod help;
pub mod topology;

use super::action::Tab;
use super::app::{App, Pane};
use super::keymap;
use super::text;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Gauge, Paragraph};

/// The smallest terminal the layout is made for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
/// Below this width only the focused pane is drawn.
const SIDE_BY_SIDE: u16 = 100;

pub fn render(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    frame.render_widget(Block::new().style(app.theme.base), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, &app.theme);
        return;
    }
    let error_rows = u16::from(app.error.is_some());
    let filter_rows = u16::from(app.filter_editing);
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
    header::render_tabs(frame, tabs, app);
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
        panes(frame, body, app);
    }
    if app.filter_editing {
        filter_line(frame, filter, app);
    }
    footer(frame, foot, app);
    if let Some(scroll) = app.help {
        let stale: &[String] = if app.stale { &app.stale_reasons } else { &[] };
        help::render(frame, area, &app.theme, scroll, stale);
    }
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
    let rect = Rect::new(
        body.x + (body.width - w) / 2,
        body.y + body.height.saturating_sub(6) / 2,
        w,
        6.min(body.height),
    );
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Span::styled(" loading ", theme.accent));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let (n, total, what) = match &app.loading {
        Some(l) => (l.n, l.total, l.what.as_str()),
        None => (0, 0, "waiting"),
    };
    let [label, gauge] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(1)]).areas(inner);
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
}

/// A list pane's title: its name, a count, and the filter when there is one.
pub fn list_title(
    theme: &Theme,
    name: &'static str,
    focused: bool,
    count: String,
    filter: &str,
    note: &str,
) -> Vec<Span<'static>> {
    let mut title = vec![Span::styled(
        name,
        if focused { theme.accent } else { theme.header },
    )];
    if !count.is_empty() {
        title.push(Span::styled(format!(" {count}"), theme.muted));
    }
    if !filter.is_empty() {
        title.push(Span::styled(
            format!(" · filter: {}{note}", text::visible(filter)),
            theme.warn,
        ));
    }
    title
}

/// A pane's block: accent border and title when focused.
pub fn pane_block<'a>(theme: &Theme, title: Vec<Span<'a>>, focused: bool) -> Block<'a> {
    let border = if focused { theme.accent } else { theme.border };
    let mut spans = vec![Span::raw(" ")];
    spans.extend(title);
    spans.push(Span::raw(" "));
    Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(border)
        .title(Line::from(spans))
}

fn panes(frame: &mut Frame, body: Rect, app: &mut App) {
    let (list, detail) = if body.width >= SIDE_BY_SIDE {
        // Lists get more of a wide screen: the detail reads well from about 70 columns.
        let left = match (app.tab, body.width >= 160) {
            (Tab::Topology, _) => 45,
            (Tab::Agents | Tab::Audit, false) => 55,
            (Tab::Agents | Tab::Audit, true) => 62,
        };
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
    app.areas.list = list.unwrap_or_default();
    app.areas.detail = detail.unwrap_or_default();
    if let Some(area) = list {
        match app.tab {
            Tab::Topology => topology::render(frame, area, app),
            Tab::Agents => agents::render(frame, area, app),
            Tab::Audit => audit::render(frame, area, app),
        }
    }
    if let Some(area) = detail {
        detail::render(frame, area, app);
    }
}

fn filter_line(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let text = &app.filters[app.tab.index()];
    let count = match app.tab {
        Tab::Topology => format!("{} rows", app.tree_rows().len()),
        Tab::Agents => format!(
            "{} of {} agents",
            app.agent_view.len(),
            app.data.as_ref().map_or(0, |d| d.agents.len())
        ),
        Tab::Audit => format!(
            "{} of {} findings",
            app.audit_matches,
            app.data.as_ref().map_or(0, |d| d.audit.findings.len())
        ),
    };
    let line = Line::from(vec![
        Span::styled(" / ", t.accent),
        Span::raw(text::visible(text)),
        Span::styled("▏", t.accent),
        Span::styled(format!("   {count}"), t.muted),
    ]);
    frame.render_widget(Paragraph::new(line), area);
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
    let hints = if app.help.is_some() {
        vec![("↑↓".to_string(), "scroll"), ("Esc".to_string(), "close")]
    } else if app.filter_editing {
        vec![
            ("Enter".to_string(), "keep"),
            ("Esc".to_string(), "clear"),
            ("↑↓".to_string(), "move"),
        ]
    } else {
        keymap::hints(&app.scopes())
    };
    frame.render_widget(
        Paragraph::new(hint_line(&hints, area.width as usize, t)),
        area,
    );
}

/// `key hint` pairs that fit in `width`, keeping the last two (help, quit) always.
pub fn hint_line(hints: &[(String, &str)], width: usize, t: &Theme) -> Line<'static> {
    let item_w = |(k, h): &(String, &str)| text::width(k) + 1 + text::width(h) + 2;
    let tail_start = hints.len().saturating_sub(2);
    let tail_w: usize = hints[tail_start..].iter().map(item_w).sum();
    let mut used = 1 + tail_w;
    let mut chosen: Vec<&(String, &str)> = Vec::new();
    for h in &hints[..tail_start] {
        if used + item_w(h) > width {
            break;
        }
        used += item_w(h);
        chosen.push(h);
    }
    chosen.extend(&hints[tail_start..]);
    let mut spans = vec![Span::raw(" ")];
    for (k, h) in chosen {
        spans.push(Span::styled(k.clone(), t.accent));
        spans.push(Span::styled(format!(" {h}  "), t.muted));
    }
    Line::from(spans)
}

/// A severity count as glyph and number, muted when zero.
pub fn count_span(t: &Theme, s: crate::audit::Severity, n: usize, words: bool) -> Span<'static> {
    let glyph = super::detail::severity_glyph(s);
    let text = if words {
        format!("{glyph} {n} {}", s.as_str())
    } else {
        format!("{glyph}{n}")
    };
    Span::styled(text, if n == 0 { t.muted } else { t.severity(s) })
}

/// Pads or cuts `s` to exactly `w` cells.
pub fn cell(s: &str, w: usize) -> String {
    let cut = text::truncate(s, w);
    let pad = w.saturating_sub(text::width(&cut));
    format!("{cut}{}", " ".repeat(pad))
}

/// Draws `rows` lines with the cursor row highlighted.
pub fn draw_rows(
    frame: &mut Frame,
    area: Rect,
    rows: Vec<Line<'static>>,
    cursor: Option<usize>,
    selection: Style,
) {
    let lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if Some(i) == cursor {
                let width = l.width();
                let mut l = l.patch_style(selection);
                let pad = (area.width as usize).saturating_sub(width);
                if pad > 0 {
                    l.spans.push(Span::styled(" ".repeat(pad), selection));
                }
                l
            } else {
                l
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
