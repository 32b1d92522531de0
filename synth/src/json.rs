//! A minimal streaming JSON writer: no value tree is built, so 200,000 agents stay fast.

use super::*;

// ---------------------------------------------------------------------------------------------
// Writing

/// A minimal streaming JSON writer: callers open and close containers, `key`/`item` place commas.
pub(crate) struct Json {
    pub(crate) buf: String,
    pub(crate) first: bool,
    /// Format choices only (string or number), kept apart from the plan's stream.
    pub(crate) rng: Rng,
}

impl Json {
    pub(crate) fn sep(&mut self) {
        if !self.first {
            self.buf.push(',');
        }
        self.first = false;
    }
    pub(crate) fn open(&mut self, c: char) {
        self.buf.push(c);
        self.first = true;
    }
    pub(crate) fn close(&mut self, c: char) {
        self.buf.push(c);
        self.first = false;
    }
    pub(crate) fn key(&mut self, k: &str) {
        self.sep();
        self.quoted(k);
        self.buf.push(':');
    }
    pub(crate) fn item(&mut self) {
        self.sep();
    }
    pub(crate) fn quoted(&mut self, s: &str) {
        self.buf.push('"');
        if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            self.buf.push_str(s);
        } else {
            for c in s.chars() {
                match c {
                    '"' => self.buf.push_str("\\\""),
                    '\\' => self.buf.push_str("\\\\"),
                    '\n' => self.buf.push_str("\\n"),
                    c if (c as u32) < 0x20 => {
                        let _ = write!(self.buf, "\\u{:04x}", c as u32);
                    }
                    c => self.buf.push(c),
                }
            }
        }
        self.buf.push('"');
    }
    /// Decimal digits without going through `fmt`.
    pub(crate) fn digits(&mut self, mut v: u64) {
        let mut tmp = [0u8; 20];
        let mut i = tmp.len();
        loop {
            i -= 1;
            tmp[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        if let Ok(text) = std::str::from_utf8(&tmp[i..]) {
            self.buf.push_str(text);
        }
    }
    /// A string field.
    pub(crate) fn s(&mut self, k: &str, v: &str) {
        self.key(k);
        self.quoted(v);
    }
    /// A raw JSON literal field (`null`, `true`, `[]`, a number).
    pub(crate) fn raw(&mut self, k: &str, v: &str) {
        self.key(k);
        self.buf.push_str(v);
    }
    /// A Configuration Server integer: a string as GWS sends it, now and then a JSON number.
    pub(crate) fn num_value(&mut self, v: u64) {
        if self.rng.percent(80) {
            self.buf.push('"');
            self.digits(v);
            self.buf.push('"');
        } else {
            self.digits(v);
        }
    }
    pub(crate) fn n(&mut self, k: &str, v: u64) {
        self.key(k);
        self.num_value(v);
    }
    /// A Configuration Server flag: `"2"` true, `"1"` false.
    pub(crate) fn flag(&mut self, k: &str, v: bool) {
        self.n(k, if v { 2 } else { 1 });
    }
    pub(crate) fn options(&mut self, pairs: &[(&str, &str)]) {
        self.open('{');
        for (k, v) in pairs {
            self.s(k, v);
        }
        self.close('}');
    }
    /// `userProperties`: `{section: {key: value}}`; no section → `{}` or `null`.
    pub(crate) fn user_properties(&mut self, sections: &[(&str, &[(&str, &str)])]) {
        self.key("userProperties");
        if sections.is_empty() && self.rng.percent(20) {
            self.buf.push_str("null");
            self.first = false;
            return;
        }
        self.open('{');
        for (name, pairs) in sections {
            self.key(name);
            self.options(pairs);
        }
        self.close('}');
    }
    pub(crate) fn dn_type(&mut self, kind: DnKind) {
        let names: &[&str] = match kind {
            DnKind::Extension => &["\"1\"", "\"1\"", "1", "\"CFGExtension\"", "\"Extension\""],
            DnKind::AcdQueue => &["\"3\"", "3", "\"CFGACDQueue\"", "\"ACDQueue\""],
            DnKind::RoutingPoint => &["\"4\"", "\"CFGRoutingPoint\""],
            DnKind::VoipService => &["\"29\"", "\"29\"", "29", "\"CFGVoIPService\""],
            DnKind::Trunk => &["\"CFGTrunk\""],
        };
        let v = *self.rng.pick(names);
        self.raw("type", v);
    }
}
