//! Small text helpers: visible control characters, display widths, truncation, time.

use unicode_width::UnicodeWidthChar;

/// Makes a stored value safe and honest on one terminal line: control characters become
/// escapes (`\t`, `\n`, `\u{1b}`), so a tab in an employee ID is seen, not obeyed. The one
/// escaping of every text output (`crate::text_safety`).
pub fn visible(s: &str) -> String {
    crate::text_safety::escape_controls(s).into_owned()
}

/// A value for the detail pane: visible, and quoted when blank or when it has surrounding
/// whitespace (which the rules trim, so it matters).
pub fn shown_value(s: &str) -> String {
    let v = visible(s);
    if s.is_empty() || s.trim() != s {
        format!("\"{v}\"")
    } else {
        v
    }
}

/// The mark a leading or trailing space is shown as in a table cell.
pub const SPACE_MARK: char = '·';

/// A value split for a table cell: its leading whitespace, the rest, its trailing
/// whitespace. `"  1001"` and `"1001"` must look different: a view shows the edges as
/// `SPACE_MARK`s in a muted style (the value is already `visible`).
pub fn edges(s: &str) -> (usize, &str, usize) {
    let core = s.trim();
    if core.is_empty() {
        return (s.chars().count(), "", 0);
    }
    let lead = s[..s.len() - s.trim_start().len()].chars().count();
    let trail = s[s.trim_end().len()..].chars().count();
    (lead, core, trail)
}

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Cuts `s` to at most `max` cells, ending in `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w > max.saturating_sub(1) {
            break;
        }
        out.push(ch);
        used += w;
    }
    out.push('…');
    out
}

/// Splits `s` after at most `max` cells, after the last space, `/`, `.`, `-` or `,` when
/// there is one in the second half; always takes at least one character.
pub fn split_at_width(s: &str, max: usize) -> (String, String) {
    let mut used = 0;
    let mut end = 0;
    let mut last_space = None;
    for (i, ch) in s.char_indices() {
        let w = ch.width().unwrap_or(0);
        if used + w > max && end > 0 {
            break;
        }
        used += w;
        end = i + ch.len_utf8();
        if matches!(ch, ' ' | '/' | '.' | '-' | ',') && used * 2 > max {
            last_space = Some(end);
        }
    }
    let cut = match last_space {
        Some(sp) if end < s.len() => sp,
        _ => end,
    };
    (s[..cut].to_string(), s[cut..].to_string())
}

/// Wraps `s` into lines of at most `max` cells, breaking at spaces where it can.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(8);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in s.split(' ') {
        let w = width(word);
        if used > 0 && used + 1 + w > max {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        if w > max {
            // A word longer than a line: hard-break it.
            for ch in word.chars() {
                let cw = ch.width().unwrap_or(0);
                if used + cw > max {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(ch);
                used += cw;
            }
        } else {
            line.push_str(word);
            used += w;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_visible() {
        assert_eq!(visible("\tE1\t"), "\\tE1\\t");
        assert_eq!(shown_value(" E1"), "\" E1\"");
        assert_eq!(shown_value(""), "\"\"");
        assert_eq!(shown_value("E1"), "E1");
    }

    #[test]
    fn edge_spaces_are_found() {
        assert_eq!(edges("  1001 "), (2, "1001", 1));
        assert_eq!(edges("1001"), (0, "1001", 0));
        assert_eq!(edges("a b"), (0, "a b", 0));
        assert_eq!(edges("   "), (3, "", 0));
        assert_eq!(edges("\u{a0}x"), (1, "x", 0));
    }

    #[test]
    fn truncation_counts_cells() {
        assert_eq!(truncate("Kraków", 10), "Kraków");
        assert_eq!(truncate("Kraków_primary", 6), "Krakó…");
        assert_eq!(width("日本"), 4);
        assert_eq!(truncate("日本語", 4), "日…");
    }

    #[test]
    fn splitting() {
        assert_eq!(
            split_at_width("abc def ghi", 9),
            ("abc def ".into(), "ghi".into())
        );
        assert_eq!(
            split_at_width("abcdefghij", 4),
            ("abcd".into(), "efghij".into())
        );
        assert_eq!(split_at_width("日本語", 1), ("日".into(), "本語".into()));
    }

    #[test]
    fn wrapping() {
        assert_eq!(wrap("a bb ccc dddd", 8), vec!["a bb ccc", "dddd"]);
        assert_eq!(wrap("", 8), vec![""]);
    }
}
