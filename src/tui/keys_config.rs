//! The config file's `[keys]` merged over the built-in keymap: `action = "key"` or
//! `action = ["key", "key"]` replaces that action's keys in every scope but the filter line
//! and the help screen (their keys are the typing and the scrolling). What cannot apply (an
//! unknown action, a key that does not parse, a key another action of the same scope has) is
//! dropped and said in one line each: the TUI still opens, with the first one in its status
//! line, and `gwsx info` lists them all.

use super::action::{Action, Tab};
use super::keymap::{BINDINGS, Binding, Key, Keymap, Scope};
use crate::audit::Severity;
use crossterm::event::{KeyCode, KeyModifiers};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The names `[keys]` knows, each for one action.
pub const ACTION_NAMES: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("help", Action::Help),
    ("focus-next", Action::FocusNext),
    ("focus-prev", Action::FocusPrev),
    ("tab-topology", Action::Tab(Tab::Topology)),
    ("tab-agents", Action::Tab(Tab::Agents)),
    ("tab-audit", Action::Tab(Tab::Audit)),
    ("tab-changes", Action::Tab(Tab::Changes)),
    ("tab-objects", Action::Tab(Tab::Objects)),
    ("command", Action::Command),
    ("up", Action::Up),
    ("down", Action::Down),
    ("left", Action::Left),
    ("right", Action::Right),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("page-up", Action::PageUp),
    ("page-down", Action::PageDown),
    ("enter", Action::Enter),
    ("follow", Action::Follow),
    ("back", Action::Back),
    ("filter", Action::Filter),
    ("raw", Action::Raw),
    ("copy", Action::Copy),
    ("refresh", Action::Refresh),
    ("cancel-refresh", Action::CancelRefresh),
    ("what-if", Action::WhatIf),
    ("sort-next", Action::SortNext),
    ("sort-reverse", Action::SortReverse),
    ("toggle-errors", Action::ToggleSeverity(Severity::Error)),
    ("toggle-warns", Action::ToggleSeverity(Severity::Warn)),
    ("toggle-infos", Action::ToggleSeverity(Severity::Info)),
    ("expand-all", Action::ExpandAll),
    ("collapse-all", Action::CollapseAll),
];

/// The keymap in effect and what of `[keys]` could not apply, one line each.
#[derive(Debug, Clone, Default)]
pub struct Merged {
    pub keymap: Keymap,
    pub warnings: Vec<String>,
}

/// A key as written in the config: `q`, `G`, `F5`, `ctrl-r` (or `^r`, `c-r`), `alt-x`,
/// `Enter`, `Esc`, `Tab`, `S-Tab`, `Space`, `Up`, `PgDn`, `Home`, `Del`…
pub fn parse_key(text: &str) -> Option<Key> {
    let mut rest = text.trim();
    let mut mods = KeyModifiers::NONE;
    loop {
        let lower = rest.to_ascii_lowercase();
        let prefix = ["ctrl-", "c-", "^", "alt-", "m-"]
            .into_iter()
            .find(|p| lower.starts_with(p) && rest.len() > p.len());
        match prefix {
            Some(p) => {
                mods |= if p.starts_with('a') || p.starts_with('m') {
                    KeyModifiers::ALT
                } else {
                    KeyModifiers::CONTROL
                };
                rest = &rest[p.len()..];
            }
            None => break,
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(ch), None) if !ch.is_control() => {
            // Ctrl with a letter arrives as the lower-case letter.
            if mods.contains(KeyModifiers::CONTROL) {
                KeyCode::Char(ch.to_ascii_lowercase())
            } else {
                KeyCode::Char(ch)
            }
        }
        _ => named(&rest.to_ascii_lowercase())?,
    };
    if code == KeyCode::BackTab && !mods.is_empty() {
        return None;
    }
    Some(Key { code, mods })
}

fn named(name: &str) -> Option<KeyCode> {
    Some(match name {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "s-tab" | "shift-tab" | "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "del" | "delete" => KeyCode::Delete,
        "ins" | "insert" => KeyCode::Insert,
        f if f.starts_with('f') => match f[1..].parse::<u8>() {
            Ok(n @ 1..=24) => KeyCode::F(n),
            _ => return None,
        },
        _ => return None,
    })
}

fn action_named(name: &str) -> Option<Action> {
    ACTION_NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, a)| *a)
}

/// The `[keys]` name of a binding's action; `None` in the filter line and the help screen
/// (their keys cannot be changed) or for an action without one.
pub fn name_of(binding: &Binding) -> Option<&'static str> {
    if binding.scope.is_modal() {
        return None;
    }
    ACTION_NAMES
        .iter()
        .find(|(_, a)| *a == binding.action)
        .map(|(n, _)| *n)
}

fn action_name(action: Action) -> &'static str {
    ACTION_NAMES
        .iter()
        .find(|(_, a)| *a == action)
        .map_or("?", |(n, _)| n)
}

/// The built-in bindings with these overrides applied (modal scopes untouched).
fn apply(overrides: &[(Action, Vec<Key>)]) -> Vec<Binding> {
    BINDINGS
        .iter()
        .map(|b| {
            let over = overrides
                .iter()
                .find(|(a, _)| *a == b.action && !b.scope.is_modal());
            match over {
                Some((_, keys)) => Binding {
                    keys: Cow::Owned(keys.clone()),
                    ..b.clone()
                },
                None => b.clone(),
            }
        })
        .collect()
}

/// The first key two bindings of one scope share, where one of them is overridden:
/// (the overridden action, the key, the other action, the scope).
fn conflict(
    bindings: &[Binding],
    overridden: &[(Action, Vec<Key>)],
) -> Option<(Action, Key, Action, Scope)> {
    let is_over = |a: Action| overridden.iter().any(|(o, _)| *o == a);
    for (i, a) in bindings.iter().enumerate() {
        for b in &bindings[i + 1..] {
            if a.scope != b.scope || a.action == b.action {
                continue;
            }
            let Some(key) = a.keys.iter().find(|k| b.keys.contains(k)) else {
                continue;
            };
            if is_over(a.action) {
                return Some((a.action, *key, b.action, a.scope));
            }
            if is_over(b.action) {
                return Some((b.action, *key, a.action, a.scope));
            }
        }
    }
    None
}

/// Overridden keys that a tab's or the detail's binding and an `Everywhere` one now share:
/// applied, but the specific one wins where it applies, which the user should know.
fn shadowed(bindings: &[Binding], overridden: &[(Action, Vec<Key>)]) -> Vec<String> {
    let is_over = |a: Action| overridden.iter().any(|(o, _)| *o == a);
    let mut out = Vec::new();
    let global = bindings.iter().filter(|b| b.scope == Scope::Global);
    for g in global {
        let specific = bindings
            .iter()
            .filter(|b| !b.scope.is_modal() && b.scope != Scope::Global && b.action != g.action);
        for s in specific {
            if !is_over(g.action) && !is_over(s.action) {
                continue;
            }
            for key in g.keys.iter().filter(|k| s.keys.contains(k)) {
                let over = if is_over(s.action) {
                    s.action
                } else {
                    g.action
                };
                let line = format!(
                    "keys.{}: {} is {} in {} but {} elsewhere",
                    action_name(over),
                    key.label(),
                    action_name(s.action),
                    s.scope.title(),
                    action_name(g.action)
                );
                if !out.contains(&line) {
                    out.push(line);
                }
            }
        }
    }
    out
}

/// The keymap with `[keys]` merged over the built-in one.
pub fn merge(keys: &BTreeMap<String, Vec<String>>) -> Merged {
    let mut warnings = Vec::new();
    let mut overrides: Vec<(Action, Vec<Key>)> = Vec::new();
    for (name, texts) in keys {
        let Some(action) = action_named(name) else {
            let known: Vec<&str> = ACTION_NAMES.iter().map(|(n, _)| *n).collect();
            warnings.push(format!(
                "keys.{name}: no such action (one of {})",
                known.join(", ")
            ));
            continue;
        };
        if texts.is_empty() {
            warnings.push(format!("keys.{name}: no key given; the built-in keys stay"));
            continue;
        }
        let parsed: Result<Vec<Key>, &String> =
            texts.iter().map(|t| parse_key(t).ok_or(t)).collect();
        match parsed {
            Ok(mut parsed) => {
                parsed.dedup();
                overrides.push((action, parsed));
            }
            Err(bad) => warnings.push(format!(
                "keys.{name}: {bad:?} is not a key (like \"q\", \"F5\", \"ctrl-r\", \"Enter\", \"PgDn\"); the built-in keys stay"
            )),
        }
    }
    // Drop a conflicting override at a time until none is left (a swap of two keys is fine).
    let mut bindings = apply(&overrides);
    while let Some((action, key, other, scope)) = conflict(&bindings, &overrides) {
        warnings.push(format!(
            "keys.{}: {} is already {} ({}); the built-in keys of {} stay",
            action_name(action),
            key.label(),
            action_name(other),
            scope.title(),
            action_name(action)
        ));
        overrides.retain(|(a, _)| *a != action);
        bindings = apply(&overrides);
    }
    warnings.extend(shadowed(&bindings, &overrides));
    Merged {
        keymap: Keymap::from_bindings(bindings),
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    fn keys(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(n, ks)| (n.to_string(), ks.iter().map(|k| k.to_string()).collect()))
            .collect()
    }

    fn press(map: &Keymap, scopes: &[Scope], code: KeyCode, mods: KeyModifiers) -> Option<Action> {
        map.lookup(scopes, &KeyEvent::new(code, mods))
    }

    #[test]
    fn keys_parse() {
        let k = |code, mods| Some(Key { code, mods });
        assert_eq!(parse_key("q"), k(KeyCode::Char('q'), KeyModifiers::NONE));
        assert_eq!(parse_key("F5"), k(KeyCode::F(5), KeyModifiers::NONE));
        assert_eq!(
            parse_key("ctrl-R"),
            k(KeyCode::Char('r'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            parse_key("^c"),
            k(KeyCode::Char('c'), KeyModifiers::CONTROL)
        );
        assert_eq!(parse_key("alt-x"), k(KeyCode::Char('x'), KeyModifiers::ALT));
        assert_eq!(parse_key("PgDn"), k(KeyCode::PageDown, KeyModifiers::NONE));
        assert_eq!(parse_key("-"), k(KeyCode::Char('-'), KeyModifiers::NONE));
        assert_eq!(parse_key("^"), k(KeyCode::Char('^'), KeyModifiers::NONE));
        for bad in ["", "ctl-x", "F0", "F99", "enterr", "ctrl-", "\u{7}"] {
            assert_eq!(parse_key(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn an_override_replaces_the_action_s_keys_and_frees_the_old_ones() {
        let m = merge(&keys(&[("refresh", &["F5"]), ("quit", &["q", "ctrl-c"])]));
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
        let none = KeyModifiers::NONE;
        assert_eq!(
            press(&m.keymap, &[], KeyCode::F(5), none),
            Some(Action::Refresh)
        );
        assert_eq!(press(&m.keymap, &[], KeyCode::Char('r'), none), None);
        assert_eq!(
            press(&m.keymap, &[], KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        // The footer shows the new key.
        assert!(m.keymap.hints(&[]).contains(&("F5".to_string(), "refresh")));
        // The filter line keeps its own keys: q is typed there.
        assert_eq!(
            press(&m.keymap, &[Scope::Filter], KeyCode::Char('q'), none),
            Some(Action::FilterType)
        );
    }

    #[test]
    fn a_swap_is_fine_and_a_conflict_is_dropped_and_named() {
        let swap = merge(&keys(&[("quit", &["r"]), ("refresh", &["q"])]));
        assert!(swap.warnings.is_empty(), "{:?}", swap.warnings);
        let none = KeyModifiers::NONE;
        assert_eq!(
            press(&swap.keymap, &[], KeyCode::Char('q'), none),
            Some(Action::Refresh)
        );
        let clash = merge(&keys(&[("refresh", &["q"])]));
        assert_eq!(
            clash.warnings,
            vec!["keys.refresh: q is already quit (Everywhere); the built-in keys of refresh stay"]
        );
        assert_eq!(
            press(&clash.keymap, &[], KeyCode::Char('r'), none),
            Some(Action::Refresh)
        );
        assert_eq!(
            press(&clash.keymap, &[], KeyCode::Char('q'), none),
            Some(Action::Quit)
        );
    }

    #[test]
    fn a_key_a_tab_uses_otherwise_is_applied_and_named() {
        // On the Agents tab `q` would sort: quitting there needs ^C.
        let m = merge(&keys(&[("sort-next", &["q"])]));
        assert_eq!(
            m.warnings,
            vec![
                "keys.sort-next: q is sort-next in Agents table but quit elsewhere",
                "keys.sort-next: q is sort-next in Object views (:places, :dns, …) but quit elsewhere"
            ]
        );
        let none = KeyModifiers::NONE;
        assert_eq!(
            press(&m.keymap, &[Scope::Agents], KeyCode::Char('q'), none),
            Some(Action::SortNext)
        );
        let m = merge(&keys(&[("refresh", &["s"])]));
        assert_eq!(
            m.warnings,
            vec![
                "keys.refresh: s is sort-next in Agents table but refresh elsewhere",
                "keys.refresh: s is sort-next in Object views (:places, :dns, …) but refresh elsewhere"
            ]
        );
        assert_eq!(
            press(&m.keymap, &[Scope::Topology], KeyCode::Char('s'), none),
            Some(Action::Refresh)
        );
    }

    #[test]
    fn unknown_actions_and_bad_keys_are_named() {
        let m = merge(&keys(&[
            ("refrsh", &["F5"]),
            ("help", &["ctl-h"]),
            ("raw", &[]),
        ]));
        assert_eq!(m.warnings.len(), 3, "{:?}", m.warnings);
        assert!(m.warnings[0].starts_with("keys.help: \"ctl-h\" is not a key"));
        assert!(m.warnings[1].starts_with("keys.raw: no key given"));
        assert!(m.warnings[2].starts_with("keys.refrsh: no such action (one of quit, help"));
        // Nothing changed.
        let builtin = Keymap::builtin();
        assert_eq!(m.keymap.bindings().len(), builtin.bindings().len());
        for (a, b) in m.keymap.bindings().iter().zip(builtin.bindings()) {
            assert_eq!(a.keys, b.keys);
        }
    }

    #[test]
    fn every_non_modal_action_has_a_name() {
        for b in BINDINGS.iter().filter(|b| !b.scope.is_modal()) {
            assert_ne!(
                action_name(b.action),
                "?",
                "{:?} has no [keys] name",
                b.action
            );
        }
    }
}
