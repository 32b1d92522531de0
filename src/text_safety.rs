//! What reaches a terminal is never the data's to control (CLI.md): the one function that
//! shows a control character from a snapshot or a server as an escape instead of sending it.
//!
//! Every text output (`agents` table and CSV, `audit` text, every stderr line, the TUI) passes
//! data through [`escape_controls`]. JSON, SARIF and JUnit escape by their own rules.

use std::borrow::Cow;

/// Whether `c` is a control character: C0 (U+0000–U+001F), DEL (U+007F) or C1
/// (U+0080–U+009F) — Unicode's `Cc`, what a terminal may obey.
pub fn is_control(c: char) -> bool {
    c.is_control()
}

/// `s` with every control character shown as an escape: `\t`, `\n`, `\r` for those three,
/// `\u{1b}` (lower-case hex) for the others. Borrowed, and free, when there is none.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        push_escaped(&mut out, ch);
    }
    Cow::Owned(out)
}

/// Like [`escape_controls`], but keeps `\n` as a line break: for a message of several lines
/// that the program itself composed around data (each line's data still escaped).
pub fn escape_controls_keep_newlines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_control(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        if ch == '\n' {
            out.push('\n');
        } else {
            push_escaped(&mut out, ch);
        }
    }
    Cow::Owned(out)
}

fn push_escaped(out: &mut String, ch: char) {
    match ch {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if is_control(c) => {
            use std::fmt::Write;
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            escape_controls("jdoe Kraków 日本"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn every_control_character_is_escaped() {
        assert_eq!(
            escape_controls("a\x1b]0;pwned\x07b\r\n\t"),
            "a\\u{1b}]0;pwned\\u{7}b\\r\\n\\t"
        );
        assert_eq!(
            escape_controls("\u{0}\u{7f}\u{80}\u{9b}\u{9f}"),
            "\\u{0}\\u{7f}\\u{80}\\u{9b}\\u{9f}"
        );
        // Not controls: the first printable after C1, and a non-breaking space.
        assert_eq!(escape_controls("\u{a0}\u{a1}"), "\u{a0}\u{a1}");
        for c in (0u32..0x20).chain([0x7f]).chain(0x80..0xa0) {
            let c = char::from_u32(c).unwrap();
            let shown = escape_controls(&c.to_string()).into_owned();
            assert!(!shown.chars().any(char::is_control), "{c:?} → {shown:?}");
        }
    }

    #[test]
    fn newlines_kept_when_asked() {
        assert_eq!(
            escape_controls_keep_newlines("one\x1b[2J\ntwo\r"),
            "one\\u{1b}[2J\ntwo\\r"
        );
    }
}
