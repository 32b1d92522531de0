//! What the detail pane shows: `Selected` (the object), `DLine` (a line to draw, with the
//! value `y` copies) and `B`, the builder each tab's `detail.rs` writes its object's lines
//! with. Unknown facts say which resource was unavailable; nothing is left blank. This
//! module knows no tab and no app state.

use super::data::NodeKind;
use super::objects::Kind;
use super::text::{self, shown_value, visible};
use crate::audit::{Finding, Severity};
use crate::domain::{Effective, OptionSource};
use crate::snapshot::Resource;

/// The object the detail pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selected {
    Nothing,
    Node(NodeKind),
    Agent(usize),
    Finding(usize),
    Rule(&'static str),
    /// Compare mode: an item of the Changes tab.
    Change(super::compare::ChangeItem),
    /// An object of an object view (index into the model's list of its kind).
    Object(Kind, usize),
}

/// Where a detail line leads (Enter on it): an object of a view, an agent, a topology node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Object(Kind, usize),
    Agent(usize),
    Node(NodeKind),
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
            Selected::Change(_) => "Change",
            Selected::Object(kind, _) => kind.singular(),
            Selected::Nothing => "Detail",
        }
    }
}

/// The theme role a piece of text plays; the view gives it the theme's style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Plain,
    Tone(Tone),
    /// A badge (a word on the tone's colour, or reversed).
    Badge(Option<Tone>),
}

/// The theme's text roles (themes/*.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Accent,
    Muted,
    Ok,
    Info,
    Warn,
    Error,
    Cluster,
    Header,
}

impl Role {
    /// The badge of this role.
    pub fn badge(self) -> Role {
        match self {
            Role::Plain => Role::Badge(None),
            Role::Tone(t) | Role::Badge(Some(t)) => Role::Badge(Some(t)),
            Role::Badge(None) => Role::Badge(None),
        }
    }
}

/// The roles by the theme's names, so a detail reads `t.accent` as a view would.
pub struct Roles {
    pub accent: Role,
    pub muted: Role,
    pub ok: Role,
    pub info: Role,
    pub warn: Role,
    pub error: Role,
    pub cluster: Role,
    pub header: Role,
}

pub const ROLES: Roles = Roles {
    accent: Role::Tone(Tone::Accent),
    muted: Role::Tone(Tone::Muted),
    ok: Role::Tone(Tone::Ok),
    info: Role::Tone(Tone::Info),
    warn: Role::Tone(Tone::Warn),
    error: Role::Tone(Tone::Error),
    cluster: Role::Tone(Tone::Cluster),
    header: Role::Tone(Tone::Header),
};

impl Roles {
    pub fn severity(&self, s: Severity) -> Role {
        match s {
            Severity::Error => self.error,
            Severity::Warn => self.warn,
            Severity::Info => self.info,
        }
    }
}

/// A piece of a detail line: its text and its role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub content: String,
    pub role: Role,
}

impl Piece {
    pub fn styled(content: impl Into<String>, role: Role) -> Piece {
        Piece {
            content: content.into(),
            role,
        }
    }

    pub fn raw(content: impl Into<String>) -> Piece {
        Piece::styled(content, Role::Plain)
    }
}

/// One line of the detail pane: pieces of text with their roles (no styles: the view styles
/// them), and what `y` copies.
#[derive(Debug, Clone)]
pub struct DLine {
    pub pieces: Vec<Piece>,
    /// What `y` copies on this line (else the line's text).
    pub copy: Option<String>,
    /// Where Enter on this line leads (a where-used line).
    pub jump: Option<Target>,
}

impl DLine {
    pub fn plain(s: &str) -> DLine {
        DLine {
            pieces: vec![Piece::raw(s)],
            copy: None,
            jump: None,
        }
    }

    /// A line of raw JSON, keys in the accent role, wrapped at `width` under its indent.
    pub fn raw(s: &str, width: usize) -> Vec<DLine> {
        let trimmed = s.trim_start();
        let indent = &s[..s.len() - trimmed.len()];
        let copy = Some(trimmed.trim_end_matches(',').to_string());
        let width = width.max(indent.len() + 12);
        let (first, mut rest) = text::split_at_width(s, width);
        let pieces = match first.trim_start().split_once("\": ") {
            Some((key, value)) if trimmed.starts_with('"') => vec![
                Piece::raw(indent),
                Piece::styled(format!("{key}\""), ROLES.accent),
                Piece::raw(format!(": {value}")),
            ],
            _ => vec![Piece::raw(first)],
        };
        let mut out = vec![DLine {
            pieces,
            copy: copy.clone(),
            jump: None,
        }];
        let lead = format!("{indent}  ");
        while !rest.is_empty() {
            let (part, tail) = text::split_at_width(&rest, width - lead.len());
            out.push(DLine {
                pieces: vec![Piece::raw(format!("{lead}{part}"))],
                copy: copy.clone(),
                jump: None,
            });
            rest = tail;
        }
        out
    }

    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.content.as_str()).collect()
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
    pub(crate) theme: &'a Roles,
    width: usize,
    /// The audit is still running: finding lists say so instead of "none".
    pub(crate) auditing: bool,
}

impl B<'_> {
    pub(crate) fn new(width: usize) -> B<'static> {
        B {
            out: Vec::new(),
            theme: &ROLES,
            width: width.max(20),
            auditing: false,
        }
    }

    pub(crate) fn push(&mut self, pieces: Vec<Piece>, copy: Option<String>) {
        self.out.push(DLine {
            pieces,
            copy,
            jump: None,
        });
    }

    /// A line that leads somewhere: `  → text`, Enter jumps to `target`, `y` copies `copy`.
    pub(crate) fn link(&mut self, pieces: Vec<Piece>, copy: String, target: Target) {
        let mut line = vec![Piece::styled("  → ", self.theme.accent)];
        line.extend(pieces);
        self.out.push(DLine {
            pieces: line,
            copy: Some(copy),
            jump: Some(target),
        });
    }

    /// A field whose value is another object: `→ Label        value`, the value where a
    /// field's is, Enter jumps to `target`.
    pub(crate) fn link_field(
        &mut self,
        label: &str,
        value: Vec<Piece>,
        copy: String,
        target: Target,
    ) {
        let pad = LABEL.saturating_sub(text::width(label));
        let mut line = vec![
            Piece::styled("→ ", self.theme.accent),
            Piece::styled(format!("{label}{}", " ".repeat(pad + 1)), self.theme.muted),
        ];
        line.extend(value);
        self.out.push(DLine {
            pieces: line,
            copy: Some(copy),
            jump: Some(target),
        });
    }

    pub(crate) fn blank(&mut self) {
        self.push(Vec::new(), None);
    }

    pub(crate) fn title(&mut self, spans: Vec<Piece>, copy: Option<String>) {
        self.push(spans, copy);
    }

    pub(crate) fn section(&mut self, title: &str) {
        self.blank();
        self.push(
            vec![Piece::styled(title.to_string(), self.theme.accent)],
            None,
        );
    }

    pub(crate) fn sub(&mut self, title: &str) {
        self.push(
            vec![Piece::styled(format!(" {title}"), self.theme.header)],
            None,
        );
    }

    /// Lays spans out on lines of the pane's width. A span that does not fit where it is
    /// starts the next line (indented by `cont`) when it fits there whole; otherwise it is
    /// cut, at a space when there is one.
    pub(crate) fn flow(&mut self, spans: Vec<Piece>, cont: usize, copy: Option<String>) {
        let width = self.width;
        let cont = cont.min(width / 2);
        let mut lines: Vec<Vec<Piece>> = vec![Vec::new()];
        let mut used = 0;
        for span in spans {
            let style = span.role;
            let mut content = span.content;
            while !content.is_empty() {
                let w = text::width(&content);
                if used + w <= width {
                    used += w;
                    if let Some(line) = lines.last_mut() {
                        line.push(Piece::styled(content, style));
                    }
                    break;
                }
                // To the next line when the span fits there whole, or when little room is
                // left here (a cut that early reads badly).
                let fits_next = text::width(content.trim_start()) <= width - cont;
                let cramped = (width - used) * 3 < width - cont;
                if used > cont && (fits_next || cramped) {
                    lines.push(vec![Piece::raw(" ".repeat(cont))]);
                    used = cont;
                    content = content.trim_start().to_string();
                    continue;
                }
                let (head, tail) = text::split_at_width(&content, width - used);
                used += text::width(&head);
                if let Some(line) = lines.last_mut() {
                    line.push(Piece::styled(head, style));
                }
                content = tail.trim_start().to_string();
                if !content.is_empty() {
                    lines.push(vec![Piece::raw(" ".repeat(cont))]);
                    used = cont;
                }
            }
        }
        for line in lines {
            self.push(line, copy.clone());
        }
    }

    /// `  Label         value…`, the value flowing under itself.
    pub(crate) fn field_spans(&mut self, label: &str, value: Vec<Piece>, copy: Option<String>) {
        let pad = LABEL.saturating_sub(text::width(label));
        let mut spans = vec![Piece::styled(
            format!("  {label}{}", " ".repeat(pad + 1)),
            self.theme.muted,
        )];
        spans.extend(value);
        self.flow(spans, LABEL + 3, copy);
    }

    pub(crate) fn field(&mut self, label: &str, value: &str) {
        // Surrounding spaces are quoted, so `"  1001"` is not taken for `1001`.
        let v = if value.trim() != value {
            shown_value(value)
        } else {
            visible(value)
        };
        self.field_spans(label, vec![Piece::raw(v.clone())], Some(value.to_string()));
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
            vec![Piece::styled(unknown(r), self.theme.warn)],
            Some("unknown".into()),
        );
    }

    /// A sentence, wrapped, indented.
    pub(crate) fn para(&mut self, s: &str, style: Role) {
        let indent = 2;
        for part in text::wrap(&visible(s), self.width.saturating_sub(indent)) {
            self.push(
                vec![Piece::raw(" ".repeat(indent)), Piece::styled(part, style)],
                Some(s.to_string()),
            );
        }
    }

    pub(crate) fn badge(&self, word: &str, role: Role) -> Piece {
        Piece::styled(format!(" {word} "), role.badge())
    }

    /// `key = value  ← source`, flowing onto more lines when it does not fit.
    pub(crate) fn option(&mut self, shown_key: &str, eff: &Effective) {
        let t = self.theme;
        let mut spans = vec![
            Piece::raw(format!("  {shown_key}")),
            Piece::styled(" = ", t.muted),
        ];
        let copy = match (eff.value, eff.source) {
            (Some(v), source) => {
                spans.push(Piece::styled(shown_value(v), t.header));
                spans.push(Piece::styled(format!("  ← {}", source.label()), t.info));
                v.to_string()
            }
            // An unavailable level could set it: no value and no source to show.
            (None, OptionSource::Unknown(r)) => {
                spans.push(Piece::styled(unknown(r), t.warn));
                "unknown".to_string()
            }
            (None, _) => {
                spans.push(Piece::styled("unknown", t.warn));
                "unknown".to_string()
            }
        };
        self.flow(spans, 6, Some(copy));
    }

    pub(crate) fn finding(&mut self, f: &Finding) {
        let t = self.theme;
        let mut spans = vec![
            Piece::raw("  "),
            Piece::styled(severity_word(f.severity), t.severity(f.severity)),
            Piece::raw(" "),
            Piece::styled(f.rule, t.header),
        ];
        if let Some(opt) = &f.option {
            spans.push(Piece::styled(format!("  {}", visible(opt)), t.muted));
        }
        self.push(spans, Some(f.message.to_string()));
        self.para(&f.message, Role::Plain);
    }

    pub(crate) fn findings(&mut self, title: &str, list: &[&Finding]) {
        if self.auditing {
            self.section(title);
            self.push(vec![Piece::styled("  auditing…", self.theme.muted)], None);
            return;
        }
        self.section(&format!("{title} ({})", list.len()));
        if list.is_empty() {
            self.push(vec![Piece::styled("  none", self.theme.ok)], None);
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
