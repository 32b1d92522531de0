//! Colour themes: semantic roles read from `themes/*.toml` (embedded), or from a file.
//! `NO_COLOR` / `--no-color` keep only the modifiers, so every meaning stays a word or glyph.

use crate::audit::Severity;
use anyhow::{Result, anyhow};
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::path::Path;

/// The built-in themes, by name.
pub const BUILT_IN: [(&str, &str); 3] = [
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
];

/// The styles of every semantic role.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub accent: Style,
    pub muted: Style,
    pub ok: Style,
    pub info: Style,
    pub warn: Style,
    pub error: Style,
    pub cluster: Style,
    pub selection: Style,
    pub border: Style,
    pub header: Style,
    pub base: Style,
    /// Colour is off: badges are reversed words.
    pub no_color: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    accent: Option<RoleSpec>,
    muted: Option<RoleSpec>,
    ok: Option<RoleSpec>,
    info: Option<RoleSpec>,
    warn: Option<RoleSpec>,
    error: Option<RoleSpec>,
    cluster: Option<RoleSpec>,
    selection: Option<RoleSpec>,
    border: Option<RoleSpec>,
    header: Option<RoleSpec>,
    base: Option<RoleSpec>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RoleSpec {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    modifiers: Vec<String>,
}

impl RoleSpec {
    fn style(&self, role: &str) -> Result<Style> {
        let color = |name: &str| {
            name.parse::<Color>()
                .map_err(|_| anyhow!("{role}: unknown colour {name:?}"))
        };
        let mut style = Style::new();
        if let Some(fg) = &self.fg {
            style = style.fg(color(fg)?);
        }
        if let Some(bg) = &self.bg {
            style = style.bg(color(bg)?);
        }
        for m in &self.modifiers {
            style = style.add_modifier(modifier(m).ok_or_else(|| {
                anyhow!(
                    "{role}: unknown modifier {m:?} (bold, dim, italic, underlined, reversed, crossed-out)"
                )
            })?);
        }
        Ok(style)
    }
}

fn modifier(name: &str) -> Option<Modifier> {
    Some(match name.to_ascii_lowercase().replace('_', "-").as_str() {
        "bold" => Modifier::BOLD,
        "dim" => Modifier::DIM,
        "italic" => Modifier::ITALIC,
        "underlined" | "underline" => Modifier::UNDERLINED,
        "reversed" | "reverse" => Modifier::REVERSED,
        "crossed-out" | "strikethrough" => Modifier::CROSSED_OUT,
        _ => return None,
    })
}

impl Default for Theme {
    fn default() -> Self {
        // The embedded default always parses (a unit test checks it); this fallback is plain.
        Theme::parse(BUILT_IN[0].1).unwrap_or_else(|_| Theme::plain())
    }
}

impl Theme {
    /// A theme with no styles at all except the selection.
    fn plain() -> Theme {
        Theme {
            accent: Style::new().add_modifier(Modifier::BOLD),
            muted: Style::new(),
            ok: Style::new(),
            info: Style::new(),
            warn: Style::new(),
            error: Style::new().add_modifier(Modifier::BOLD),
            cluster: Style::new(),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new(),
            header: Style::new(),
            base: Style::new(),
            no_color: false,
        }
    }

    /// Parses a theme file's text; roles it does not name keep the plain style.
    pub fn parse(text: &str) -> Result<Theme> {
        let file: ThemeFile = toml::from_str(text).map_err(|e| anyhow!("{}", one_line(&e)))?;
        let plain = Theme::plain();
        let role = |spec: &Option<RoleSpec>, name: &str, fallback: Style| match spec {
            Some(s) => s.style(name),
            None => Ok(fallback),
        };
        Ok(Theme {
            accent: role(&file.accent, "accent", plain.accent)?,
            muted: role(&file.muted, "muted", plain.muted)?,
            ok: role(&file.ok, "ok", plain.ok)?,
            info: role(&file.info, "info", plain.info)?,
            warn: role(&file.warn, "warn", plain.warn)?,
            error: role(&file.error, "error", plain.error)?,
            cluster: role(&file.cluster, "cluster", plain.cluster)?,
            selection: role(&file.selection, "selection", plain.selection)?,
            border: role(&file.border, "border", plain.border)?,
            header: role(&file.header, "header", plain.header)?,
            base: role(&file.base, "base", plain.base)?,
            no_color: false,
        })
    }

    /// `--theme NAME|FILE`: a built-in name, else a TOML file. Errors name the file.
    pub fn resolve(spec: Option<&str>, no_color: bool) -> Result<Theme> {
        let theme = match spec {
            None => Theme::default(),
            Some(name) => match BUILT_IN.iter().find(|(n, _)| *n == name) {
                Some((_, text)) => Theme::parse(text)?,
                None => {
                    let path = Path::new(name);
                    if !path.exists() {
                        let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
                        return Err(anyhow!(
                            "theme {name:?}: no such built-in theme ({}) or file",
                            names.join(", ")
                        ));
                    }
                    let text = std::fs::read_to_string(path)
                        .map_err(|e| anyhow!("theme {}: {e}", path.display()))?;
                    Theme::parse(&text).map_err(|e| anyhow!("theme {}: {e}", path.display()))?
                }
            },
        };
        Ok(if no_color {
            theme.without_color()
        } else {
            theme
        })
    }

    /// Drops every colour, keeping the modifiers; the selection stays visible (reversed).
    pub fn without_color(self) -> Theme {
        let strip = |s: Style| {
            let mut out = Style::new();
            out.add_modifier = s.add_modifier;
            out
        };
        let selection = strip(self.selection).add_modifier(Modifier::REVERSED);
        Theme {
            accent: strip(self.accent),
            muted: strip(self.muted),
            ok: strip(self.ok),
            info: strip(self.info),
            warn: strip(self.warn),
            error: strip(self.error),
            cluster: strip(self.cluster),
            selection,
            border: strip(self.border),
            header: strip(self.header),
            base: Style::new(),
            no_color: true,
        }
    }

    pub fn severity(&self, s: Severity) -> Style {
        match s {
            Severity::Error => self.error,
            Severity::Warn => self.warn,
            Severity::Info => self.info,
        }
    }

    /// A badge: black on the role's colour, or the role reversed when it has none.
    pub fn badge(&self, role: Style) -> Style {
        match role.fg {
            Some(c) if !self.no_color && c != Color::Reset => Style::new()
                .fg(Color::Black)
                .bg(c)
                .add_modifier(Modifier::BOLD),
            _ => role.add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }
}

/// Whether `NO_COLOR` is set (any value, even empty, per no-color.org's "present").
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some()
}

fn one_line(e: &toml::de::Error) -> String {
    let text = e.to_string();
    let mut parts = text.lines().filter(|l| !l.trim().is_empty());
    let first = parts.next().unwrap_or("bad theme").trim().to_string();
    // toml's message is `TOML parse error at line L, column C` then the source and `msg`.
    let last = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    if last.is_empty() || last == first {
        first
    } else {
        format!(
            "{}: {last}",
            first.trim_start_matches("TOML parse error at ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_ins_parse() {
        for (name, text) in BUILT_IN {
            assert!(Theme::parse(text).is_ok(), "{name}");
        }
    }

    #[test]
    fn bad_theme_is_one_line() {
        let e = Theme::parse("accent = { fg = \"chartreuse-ish\" }").unwrap_err();
        assert_eq!(e.to_string(), "accent: unknown colour \"chartreuse-ish\"");
        let e = Theme::parse("acent = {}").unwrap_err().to_string();
        assert!(!e.contains('\n'), "{e}");
        assert!(e.contains("line 1"), "{e}");
    }

    #[test]
    fn no_color_strips_colours() {
        let t = Theme::resolve(Some("high-contrast"), true).unwrap();
        for s in [t.accent, t.error, t.selection, t.base, t.header] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
        assert!(t.selection.add_modifier.contains(Modifier::REVERSED));
    }
}
