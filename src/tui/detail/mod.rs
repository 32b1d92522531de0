//! What the detail pane shows: `Selected` (the object), `DLine` (a line to draw, with the
//! value `y` copies) and `B`, the builder each tab's `detail.rs` writes its object's lines
//! with. Unknown facts say which resource was unavailable; nothing is left blank. This
//! module knows no tab and no app state.

use super::data::NodeKind;
use super::text::{self, shown_value, visible};
use super::theme::Theme;
use crate::audit::{Finding, Severity};
use crate::domain::{Effective, OptionSource};
use crate::snapshot::Resource;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The object the detail pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selected {
    Nothing,
    Node(NodeKind),
    Agent(usize),
    Finding(usize),
    Rule(&'static str),
}

impl Selected {
    /// The detail pane's title for it.
    pub fn title(self) -> &'static str {
        match self {
            Selected::Agent(_) => "Agent",
            Selected::Node(NodeKind::GenesysEnv(_)) => "Genesys environment",
            Selected::Node(NodeKind::VoiceEnv(_)) => "Voice environment",
            Selected::Node(NodeKind::Switch(..)) => "Switch",
            Selected::Node(NodeKind::Connection(..)) => "T-Server connection",
            Selected::Finding(_) => "Finding",
            Selected::Rule(_) => "Rule",
            Selected::Nothing => "Detail",
        }
    }
}

/// One line of the detail pane.
#[derive(Debug, Clone)]
pub struct DLine {
    pub line: Line<'static>,
    /// What `y` copies on this line (else the line's text).
    pub copy: Option<String>,
}

impl DLine {
    pub fn plain(s: &str) -> DLine {
        DLine {
            line: Line::from(s.to_string()),
            copy: None,
        }
    }

    /// A line of raw JSON, keys in the accent colour, wrapped at `width` under its indent.
    pub fn raw(s: &str, theme: &Theme, width: usize) -> Vec<DLine> {
        let trimmed = s.trim_start();
        let indent = &s[..s.len() - trimmed.len()];
        let copy = Some(trimmed.trim_end_matches(',').to_string());
        let width = width.max(indent.len() + 12);
        let (first, mut rest) = text::split_at_width(s, width);
        let line = match first.trim_start().split_once("\": ") {
            Some((key, value)) if trimmed.starts_with('"') => Line::from(vec![
                Span::raw(indent.to_string()),
                Span::styled(format!("{key}\""), theme.accent),
                Span::raw(format!(": {value}")),
            ]),
            _ => Line::from(first),
        };
        let mut out = vec![DLine {
            line,
            copy: copy.clone(),
        }];
        let lead = format!("{indent}  ");
        while !rest.is_empty() {
            let (part, tail) = text::split_at_width(&rest, width - lead.len());
            out.push(DLine {
                line: Line::from(format!("{lead}{part}")),
                copy: copy.clone(),
            });
            rest = tail;
        }
        out
    }

    pub fn text(&self) -> String {
        self.line.spans.iter().map(|s| s.content.as_ref()).collect()
    }
}

/// "unknown (<path> unavailable)".
pub fn unknown(r: Resource) -> String {
    format!("unknown ({} unavailable)", r.path())
}

/// Severity as a glyph and a word, readable without colour.
pub fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖ error",
        Severity::Warn => "▲ warn",
        Severity::Info => "● info",
    }
}

pub fn severity_glyph(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖",
        Severity::Warn => "▲",
        Severity::Info => "●",
    }
}

const LABEL: usize = 14;

/// Builds the lines of one object's detail.
pub(crate) struct B<'a> {
    pub(crate) out: Vec<DLine>,
    pub(crate) theme: &'a Theme,
    width: usize,
    /// The audit is still running: finding lists say so instead of "none".
    pub(crate) auditing: bool,
}

impl<'a> B<'a> {
    pub(crate) fn new(theme: &'a Theme, width: usize) -> B<'a> {
        B {
            out: Vec::new(),
            theme,
            width: width.max(20),
            auditing: false,
        }
    }

    pub(crate) fn push(&mut self, spans: Vec<Span<'static>>, copy: Option<String>) {
        self.out.push(DLine {
            line: Line::from(spans),
            copy,
        });
    }

    pub(crate) fn blank(&mut self) {
        self.push(Vec::new(), None);
    }

    pub(crate) fn title(&mut self, spans: Vec<Span<'static>>, copy: Option<String>) {
        self.push(spans, copy);
    }

    pub(crate) fn section(&mut self, title: &str) {
        self.blank();
        self.push(
            vec![Span::styled(title.to_string(), self.theme.accent)],
            None,
        );
    }

    pub(crate) fn sub(&mut self, title: &str) {
        self.push(
            vec![Span::styled(format!(" {title}"), self.theme.header)],
            None,
        );
    }

    /// Lays spans out on lines of the pane's width. A span that does not fit where it is
    /// starts the next line (indented by `cont`) when it fits there whole; otherwise it is
    /// cut, at a space when there is one.
    pub(crate) fn flow(&mut self, spans: Vec<Span<'static>>, cont: usize, copy: Option<String>) {
        let width = self.width;
        let cont = cont.min(width / 2);
        let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
        let mut used = 0;
        for span in spans {
            let style = span.style;
            let mut content = span.content.into_owned();
            while !content.is_empty() {
                let w = text::width(&content);
                if used + w <= width {
                    used += w;
                    if let Some(line) = lines.last_mut() {
                        line.push(Span::styled(content, style));
                    }
                    break;
                }
                // To the next line when the span fits there whole, or when little room is
                // left here (a cut that early reads badly).
                let fits_next = text::width(content.trim_start()) <= width - cont;
                let cramped = (width - used) * 3 < width - cont;
                if used > cont && (fits_next || cramped) {
                    lines.push(vec![Span::raw(" ".repeat(cont))]);
                    used = cont;
                    content = content.trim_start().to_string();
                    continue;
                }
                let (head, tail) = text::split_at_width(&content, width - used);
                used += text::width(&head);
                if let Some(line) = lines.last_mut() {
                    line.push(Span::styled(head, style));
                }
                content = tail.trim_start().to_string();
                if !content.is_empty() {
                    lines.push(vec![Span::raw(" ".repeat(cont))]);
                    used = cont;
                }
            }
        }
        for line in lines {
            self.push(line, copy.clone());
        }
    }

    /// `  Label         value…`, the value flowing under itself.
    pub(crate) fn field_spans(
        &mut self,
        label: &str,
        value: Vec<Span<'static>>,
        copy: Option<String>,
    ) {
        let pad = LABEL.saturating_sub(text::width(label));
        let mut spans = vec![Span::styled(
            format!("  {label}{}", " ".repeat(pad + 1)),
            self.theme.muted,
        )];
        spans.extend(value);
        self.flow(spans, LABEL + 3, copy);
    }

    pub(crate) fn field(&mut self, label: &str, value: &str) {
        let v = visible(value);
        self.field_spans(label, vec![Span::raw(v.clone())], Some(value.to_string()));
    }

    pub(crate) fn field_fact(&mut self, label: &str, value: Result<String, Resource>) {
        match value {
            Ok(v) => self.field(label, &v),
            Err(r) => self.field_unknown(label, r),
        }
    }

    pub(crate) fn field_unknown(&mut self, label: &str, r: Resource) {
        self.field_spans(
            label,
            vec![Span::styled(unknown(r), self.theme.warn)],
            Some("unknown".into()),
        );
    }

    /// A sentence, wrapped, indented.
    pub(crate) fn para(&mut self, s: &str, style: Style) {
        let indent = 2;
        for part in text::wrap(&visible(s), self.width.saturating_sub(indent)) {
            self.push(
                vec![Span::raw(" ".repeat(indent)), Span::styled(part, style)],
                Some(s.to_string()),
            );
        }
    }

    pub(crate) fn badge(&self, word: &str, role: Style) -> Span<'static> {
        Span::styled(format!(" {word} "), self.theme.badge(role))
    }

    /// `key = value  ← source`, flowing onto more lines when it does not fit.
    pub(crate) fn option(&mut self, shown_key: &str, eff: &Effective) {
        let t = self.theme;
        let mut spans = vec![
            Span::raw(format!("  {shown_key}")),
            Span::styled(" = ", t.muted),
        ];
        let copy = match (eff.value, eff.source) {
            (Some(v), source) => {
                spans.push(Span::styled(shown_value(v), t.header));
                spans.push(Span::styled(format!("  ← {}", source.label()), t.info));
                v.to_string()
            }
            // An unavailable level could set it: no value and no source to show.
            (None, OptionSource::Unknown(r)) => {
                spans.push(Span::styled(unknown(r), t.warn));
                "unknown".to_string()
            }
            (None, _) => {
                spans.push(Span::styled("unknown", t.warn));
                "unknown".to_string()
            }
        };
        self.flow(spans, 6, Some(copy));
    }

    pub(crate) fn finding(&mut self, f: &Finding) {
        let t = self.theme;
        let mut spans = vec![
            Span::raw("  "),
            Span::styled(severity_word(f.severity), t.severity(f.severity)),
            Span::raw(" "),
            Span::styled(f.rule, t.header),
        ];
        if let Some(opt) = &f.option {
            spans.push(Span::styled(format!("  {}", visible(opt)), t.muted));
        }
        self.push(spans, Some(f.message.clone()));
        self.para(&f.message, Style::new());
    }

    pub(crate) fn findings(&mut self, title: &str, list: &[&Finding]) {
        if self.auditing {
            self.section(title);
            self.push(vec![Span::styled("  auditing…", self.theme.muted)], None);
            return;
        }
        self.section(&format!("{title} ({})", list.len()));
        if list.is_empty() {
            self.push(vec![Span::styled("  none", self.theme.ok)], None);
        }
        for f in list {
            self.finding(f);
        }
    }
}

/// A name, or a fallback when it is missing or empty.
pub(crate) fn name_or<'s>(name: Option<&'s str>, fallback: &'s str) -> &'s str {
    name.filter(|n| !n.is_empty()).unwrap_or(fallback)
}
