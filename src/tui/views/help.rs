//! The `?` overlay: every binding of every scope and mode (the filter line's and its own
//! included), generated from the keymap, and what the badges mean.

use crate::tui::app::App;
use crate::tui::keymap::{BINDINGS, Binding, Scope, keys_label};
use crate::tui::text;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

const KEYS: usize = 20;

/// `  keys   what it does`, the description wrapped under itself at `width`.
fn row(out: &mut Vec<Line<'static>>, t: &Theme, keys: &str, help: &str, width: usize) {
    let room = width.saturating_sub(KEYS + 2).max(20);
    for (i, part) in text::wrap(help, room).into_iter().enumerate() {
        let lead = if i == 0 {
            format!("  {keys:<18}")
        } else {
            " ".repeat(KEYS)
        };
        out.push(Line::from(vec![
            Span::styled(lead, t.header),
            Span::raw(part),
        ]));
    }
}

/// The help screen's lines at a width (also used by tests).
pub fn lines(t: &Theme, width: usize) -> Vec<Line<'static>> {
    lines_with(t, width, &[])
}

/// The help screen's lines of the built-in keys, first why the data is STALE (one line per
/// reason) when it is.
pub fn lines_with(t: &Theme, width: usize, stale: &[String]) -> Vec<Line<'static>> {
    lines_of(t, width, stale, BINDINGS)
}

/// The help screen's lines of these bindings (the keymap in effect).
pub fn lines_of(
    t: &Theme,
    width: usize,
    stale: &[String],
    bindings: &[Binding],
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if !stale.is_empty() {
        out.push(Line::from(Span::styled(
            "STALE: the last refresh failed; the data shown is the last good one",
            t.warn,
        )));
        for reason in stale {
            for part in text::wrap(&text::visible(reason), width.saturating_sub(4)) {
                out.push(Line::from(format!("  {part}")));
            }
        }
        out.push(Line::from(""));
    }
    for scope in Scope::ALL {
        out.push(Line::from(Span::styled(scope.title(), t.accent)));
        for b in bindings.iter().filter(|b| b.scope == scope) {
            row(&mut out, t, &keys_label(b), b.help, width);
        }
        out.push(Line::from(""));
    }
    out.push(Line::from(Span::styled(
        "Commands (: then Tab completes; a view takes a filter, :places 1001)",
        t.accent,
    )));
    for (name, what) in crate::tui::command::COMMANDS {
        row(&mut out, t, &format!(":{name}"), what, width);
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled("Signs", t.accent)));
    for (k, h) in [
        (
            " CLUSTER ",
            "voice environment in cluster mode (◆ in the agents table: a cluster agent)",
        ),
        (
            " MISMATCH ",
            "GWS-102: clusterMode disagrees with the server-role=5 evidence",
        ),
        ("✖ ▲ ●", "error, warn, info findings"),
        (
            "··1001",
            "a value with leading or trailing spaces (each · is one); \"quoted\" in the detail",
        ),
        (
            "→ line",
            "a where-used line: Enter opens the object, Esc comes back",
        ),
        ("← source", "the level an option's value comes from"),
        (
            "unknown (…)",
            "a fact hidden by an unavailable resource, named",
        ),
        (
            " WHAT-IF ",
            "useEmployeeIdAsAgentLoginForSIPCluster flipped (w)",
        ),
        (
            " COMPARE ",
            "--compare OLD: the Changes tab (4) lists what differs from OLD; ▲ incomplete when a side lacks a resource (not compared, never \"removed\")",
        ),
        (
            "+ ~ −",
            "compare mode: added, changed, removed since OLD (Changes tab; + and ~ in the agents table)",
        ),
        (
            " STALE ",
            "the last refresh failed or brought less (a resource that failed); the data shown is older, why is listed at the top here",
        ),
    ] {
        row(&mut out, t, k, h, width);
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, scroll: usize) {
    let t = &app.theme;
    let w = area.width.saturating_sub(8).min(96);
    let h = area.height.saturating_sub(4);
    let rect = Rect::new(area.x + (area.width - w) / 2, area.y + 2, w, h);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.accent)
        .title(Span::styled(" Keys · Esc closes ", t.accent))
        .style(t.base);
    let all = lines_of(
        t,
        block.inner(rect).width as usize,
        &app.stale_reasons,
        app.keys.bindings(),
    );
    let inner_h = block.inner(rect).height as usize;
    let max = all.len().saturating_sub(inner_h);
    let scroll = scroll.min(max);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(all).block(block).scroll((scroll as u16, 0)),
        rect,
    );
}
