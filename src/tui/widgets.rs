//! Small drawing pieces every pane uses: pane borders and titles, cells, rows with a cursor,
//! severity counts, the footer's hint line. Only views call these.

use super::detail::severity_glyph;
use super::text;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

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
    let glyph = severity_glyph(s);
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

/// A cell of exactly `w` cells whose leading and trailing spaces are shown as muted
/// `SPACE_MARK`s, so `"  1001"` and `"1001"` can be told apart in a table.
pub fn marked_cell(s: &str, w: usize, style: Style, muted: Style) -> Vec<Span<'static>> {
    let (lead, core, trail) = text::edges(s);
    if lead == 0 && trail == 0 {
        return vec![Span::styled(cell(s, w), style)];
    }
    let mark = |n: usize| text::SPACE_MARK.to_string().repeat(n);
    let mut spans = Vec::with_capacity(4);
    let mut room = w;
    for (part, st) in [
        (mark(lead), muted),
        (core.to_string(), style),
        (mark(trail), muted),
    ] {
        if part.is_empty() || room == 0 {
            continue;
        }
        let cut = text::truncate(&part, room);
        room -= text::width(&cut);
        spans.push(Span::styled(cut, st));
    }
    spans.push(Span::styled(" ".repeat(room), style));
    spans
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn surrounding_spaces_are_marked_and_muted() {
        let (plain, muted) = (Style::new(), Style::new().dim());
        let spans = marked_cell("  1001 ", 10, plain, muted);
        assert_eq!(text_of(&spans), "··1001·   ");
        assert_eq!(spans[0].style, muted);
        assert_eq!(spans[1].style, plain);
        assert_eq!(text_of(&marked_cell("1001", 6, plain, muted)), "1001  ");
        // Cut to the width like any cell; control characters were escaped before.
        assert_eq!(text_of(&marked_cell(" abcdefgh", 5, plain, muted)), "·abc…");
        assert_eq!(
            text::width(&text_of(&marked_cell(" 日本 ", 3, plain, muted))),
            3
        );
    }
}
