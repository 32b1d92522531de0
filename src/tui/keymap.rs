//! Key bindings as data: key → action, with the words the footer and the help screen show.
//! Both are generated from `BINDINGS`, so they cannot drift from what the keys do, in every
//! mode: the filter line and the help screen have their own scopes (`Scope::is_modal`: no
//! global binding applies there).

use super::action::{Action, Tab};
use crate::audit::Severity;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::borrow::Cow;

/// Where a binding applies. `Global` bindings apply everywhere a more specific one does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    /// While a refresh runs (live mode): before every other scope.
    Refresh,
    Topology,
    Agents,
    Audit,
    /// The Changes list (compare mode).
    Changes,
    /// The object views (`:places`, `:dns`, …).
    Objects,
    Detail,
    /// While the filter line is open: typed characters go to it.
    Filter,
    /// While the `:` command line is open.
    Command,
    /// While the help screen is open.
    Help,
}

impl Scope {
    /// Every scope, in the order the help screen and docs list them.
    pub const ALL: [Scope; 11] = [
        Scope::Global,
        Scope::Topology,
        Scope::Agents,
        Scope::Audit,
        Scope::Changes,
        Scope::Objects,
        Scope::Detail,
        Scope::Refresh,
        Scope::Filter,
        Scope::Command,
        Scope::Help,
    ];

    /// A mode of its own: only its bindings apply, not the global ones.
    pub fn is_modal(self) -> bool {
        matches!(self, Scope::Filter | Scope::Help | Scope::Command)
    }

    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Refresh => "While a refresh runs",
            Scope::Topology => "Topology tree",
            Scope::Agents => "Agents table",
            Scope::Audit => "Audit list",
            Scope::Changes => "Changes list (--compare OLD)",
            Scope::Objects => "Object views (:places, :dns, …)",
            Scope::Detail => "Detail pane",
            Scope::Filter => "Filter line",
            Scope::Command => "Command line (:)",
            Scope::Help => "Help screen",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn c(ch: char) -> Key {
    k(KeyCode::Char(ch))
}

const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        mods: KeyModifiers::CONTROL,
    }
}

/// Any character typed without Ctrl (the filter line's text).
const TYPED: Key = k(KeyCode::Null);

impl Key {
    /// Whether a key event is this key. Shift is part of an upper-case character already.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        if *self == TYPED {
            return matches!(ev.code, KeyCode::Char(_))
                && !ev.modifiers.contains(KeyModifiers::CONTROL);
        }
        let mods = match ev.code {
            KeyCode::Char(_) | KeyCode::BackTab => ev.mods_without_shift(),
            _ => ev.modifiers,
        };
        self.code == ev.code && self.mods == mods
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "S-Tab".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::Null => "type".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Delete => "Del".to_string(),
            KeyCode::Insert => "Ins".to_string(),
            KeyCode::Char(ch) => ch.to_string(),
            _ => "?".to_string(),
        };
        let base = if self.mods.contains(KeyModifiers::ALT) {
            format!("M-{base}")
        } else {
            base
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("^{}", base.to_uppercase())
        } else {
            base
        }
    }
}

trait WithoutShift {
    fn mods_without_shift(&self) -> KeyModifiers;
}

impl WithoutShift for KeyEvent {
    fn mods_without_shift(&self) -> KeyModifiers {
        self.modifiers - KeyModifiers::SHIFT
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    /// Built-in keys are borrowed; keys from the config file's `[keys]` are owned.
    pub keys: Cow<'static, [Key]>,
    pub action: Action,
    pub scope: Scope,
    /// What the help screen says.
    pub help: &'static str,
    /// What the footer says, when the binding is worth a hint there.
    pub hint: Option<&'static str>,
}

const fn b(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    hint: Option<&'static str>,
    help: &'static str,
) -> Binding {
    Binding {
        keys: Cow::Borrowed(keys),
        action,
        scope,
        help,
        hint,
    }
}

use Scope::{
    Agents, Audit, Changes, Command, Detail, Filter, Global, Help, Objects, Refresh, Topology,
};

/// Every binding. Specific scopes come before `Global`, so they win.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // While a refresh runs.
    b(Refresh, &[k(KeyCode::Esc)], Action::CancelRefresh, Some("cancel refresh"), "Cancel the refresh; the data shown stays, r tries again"),
    // Topology tree.
    b(Topology, &[k(KeyCode::Enter), c(' ')], Action::Enter, Some("open/close"), "Open or close the selected node"),
    b(Topology, &[k(KeyCode::Left), c('h')], Action::Left, None, "Close the node, or go to its parent"),
    b(Topology, &[k(KeyCode::Right), c('l')], Action::Right, None, "Open the node, or go into it; on a leaf, the detail"),
    b(Topology, &[c('+'), c('*')], Action::ExpandAll, Some("open all"), "Open every node"),
    b(Topology, &[c('-')], Action::CollapseAll, None, "Close every node"),
    // Agents table.
    b(Agents, &[c('s')], Action::SortNext, Some("sort"), "Sort by the next column"),
    b(Agents, &[c('S')], Action::SortReverse, Some("reverse"), "Reverse the sort order"),
    b(Agents, &[k(KeyCode::Enter), k(KeyCode::Right), c('l')], Action::Enter, Some("detail"), "Focus the detail of the selected agent"),
    // Audit list.
    b(Audit, &[k(KeyCode::Enter)], Action::Enter, Some("jump"), "Jump to the finding's object (on a rule: fold it)"),
    b(Audit, &[c('E')], Action::ToggleSeverity(Severity::Error), Some("errors"), "Show or hide errors"),
    b(Audit, &[c('W')], Action::ToggleSeverity(Severity::Warn), Some("warns"), "Show or hide warnings"),
    b(Audit, &[c('I')], Action::ToggleSeverity(Severity::Info), Some("infos"), "Show or hide infos"),
    // Changes list.
    b(Changes, &[k(KeyCode::Enter)], Action::Enter, Some("jump"), "An agent to the Agents tab, a new finding to the Audit tab; what is only in OLD to the detail (on a section: fold it)"),
    b(Changes, &[k(KeyCode::Left), c('h')], Action::Left, Some("fold"), "Fold the section"),
    b(Changes, &[k(KeyCode::Right), c('l')], Action::Right, None, "Unfold the section"),
    // Object views.
    b(Objects, &[c('s')], Action::SortNext, Some("sort"), "Sort by the next column (names ignore case and accents)"),
    b(Objects, &[c('S')], Action::SortReverse, Some("reverse"), "Reverse the sort order"),
    b(Objects, &[k(KeyCode::Enter), k(KeyCode::Right), c('l')], Action::Enter, Some("detail"), "Focus the detail: its fields and where it is used"),
    // Detail pane.
    b(Detail, &[k(KeyCode::Left), c('h')], Action::Back, Some("back"), "Back to the list"),
    b(Detail, &[k(KeyCode::Enter)], Action::Follow, Some("open"), "Open the object of a → line (where-used); Esc comes back"),
    // The filter line. Characters typed go to it (the last binding: the others win).
    b(Filter, &[k(KeyCode::Enter), k(KeyCode::Tab)], Action::FilterKeep, Some("keep"), "Keep the filter and go back to the list"),
    b(Filter, &[k(KeyCode::Esc)], Action::FilterClear, Some("clear"), "Clear the filter and go back to the list"),
    b(Filter, &[k(KeyCode::Up)], Action::Up, Some("move"), "Move up in the list"),
    b(Filter, &[k(KeyCode::Down)], Action::Down, Some("move"), "Move down in the list"),
    b(Filter, &[k(KeyCode::PageUp)], Action::PageUp, None, "Page up in the list"),
    b(Filter, &[k(KeyCode::PageDown)], Action::PageDown, None, "Page down in the list"),
    b(Filter, &[k(KeyCode::Backspace)], Action::FilterBackspace, None, "Delete the last character"),
    b(Filter, &[ctrl('u')], Action::FilterClearLine, None, "Clear the line"),
    b(Filter, &[ctrl('w')], Action::FilterDeleteWord, None, "Delete the last word"),
    b(Filter, &[ctrl('c')], Action::Quit, None, "Quit"),
    b(Filter, &[TYPED], Action::FilterType, None, "Narrow the tab as you type (fuzzy; 'exact ^prefix suffix$ !not)"),
    // The command line. Characters typed go to it (the last binding: the others win).
    b(Command, &[k(KeyCode::Enter)], Action::CommandRun, Some("run"), "Run the command"),
    b(Command, &[k(KeyCode::Tab)], Action::CommandComplete, Some("complete"), "Complete the command; again for the next candidate"),
    b(Command, &[k(KeyCode::Esc)], Action::CommandCancel, Some("cancel"), "Close the command line"),
    b(Command, &[k(KeyCode::Backspace)], Action::CommandBackspace, None, "Delete the last character"),
    b(Command, &[ctrl('c')], Action::Quit, None, "Quit"),
    b(Command, &[TYPED], Action::CommandType, None, "Type a command: agents apps audit dns groups logins persons places q settings switches tenants topology (a view takes a filter: places 1001)"),
    // The help screen.
    b(Help, &[k(KeyCode::Up), c('k')], Action::Up, Some("scroll"), "Scroll up"),
    b(Help, &[k(KeyCode::Down), c('j')], Action::Down, Some("scroll"), "Scroll down"),
    b(Help, &[k(KeyCode::PageUp), ctrl('b')], Action::PageUp, None, "Scroll a page up"),
    b(Help, &[k(KeyCode::PageDown), ctrl('f')], Action::PageDown, None, "Scroll a page down"),
    b(Help, &[c('g'), k(KeyCode::Home)], Action::Top, None, "Go to the top"),
    b(Help, &[c('G'), k(KeyCode::End)], Action::Bottom, None, "Go to the bottom"),
    b(Help, &[k(KeyCode::Esc), c('?'), c('q'), ctrl('c')], Action::Back, Some("close"), "Close the help"),
    // Everywhere.
    b(Global, &[k(KeyCode::Up), c('k')], Action::Up, None, "Move up"),
    b(Global, &[k(KeyCode::Down), c('j')], Action::Down, None, "Move down"),
    b(Global, &[k(KeyCode::Left), c('h')], Action::Left, None, "Left: close, fold, or back"),
    b(Global, &[k(KeyCode::Right), c('l')], Action::Right, None, "Right: open, unfold, or detail"),
    b(Global, &[c('g'), k(KeyCode::Home)], Action::Top, None, "Go to the top"),
    b(Global, &[c('G'), k(KeyCode::End)], Action::Bottom, None, "Go to the bottom"),
    b(Global, &[k(KeyCode::PageUp), ctrl('b')], Action::PageUp, None, "Page up"),
    b(Global, &[k(KeyCode::PageDown), ctrl('f')], Action::PageDown, None, "Page down"),
    b(Global, &[k(KeyCode::Tab)], Action::FocusNext, Some("pane"), "Next pane (list ⇄ detail)"),
    b(Global, &[k(KeyCode::BackTab)], Action::FocusPrev, None, "Previous pane"),
    b(Global, &[c('1')], Action::Tab(Tab::Topology), None, "Topology tab"),
    b(Global, &[c('2')], Action::Tab(Tab::Agents), None, "Agents tab"),
    b(Global, &[c('3')], Action::Tab(Tab::Audit), None, "Audit tab"),
    b(Global, &[c('4')], Action::Tab(Tab::Changes), None, "Changes tab (with --compare OLD)"),
    b(Global, &[c('5')], Action::Tab(Tab::Objects), None, "The object view last opened with :"),
    b(Global, &[c('/')], Action::Filter, Some("filter"), "Filter the current tab (fuzzy, as you type)"),
    b(Global, &[c(':')], Action::Command, Some("command"), "Command line: :places, :dns, :switches, … (Tab completes)"),
    b(Global, &[k(KeyCode::Esc)], Action::Back, None, "Back: close raw/help, undo a jump, leave the detail, clear the filter"),
    b(Global, &[k(KeyCode::Enter)], Action::Enter, None, "Open or jump"),
    b(Global, &[c('v')], Action::Raw, Some("raw"), "Raw JSON of the selected object (as stored)"),
    b(Global, &[c('y')], Action::Copy, Some("copy"), "Copy the selected value or id (OSC 52)"),
    b(Global, &[c('w')], Action::WhatIf, Some("what-if"), "What-if: flip useEmployeeIdAsAgentLoginForSIPCluster"),
    b(Global, &[c('r')], Action::Refresh, Some("refresh"), "Reload, keeping selection and filter; STALE if it brings less"),
    b(Global, &[c('?')], Action::Help, Some("help"), "This help"),
    b(Global, &[c('q'), ctrl('c')], Action::Quit, Some("quit"), "Quit"),
];

/// The scopes to look a key up in: the given ones (most specific first), then the global
/// one unless a mode of its own is among them.
fn with_global(scopes: &[Scope]) -> impl Iterator<Item = &Scope> {
    let global = (!scopes.iter().any(|s| s.is_modal())).then_some(&Global);
    scopes.iter().chain(global)
}

/// The action a key has in the given scopes (most specific first), then globally.
pub fn lookup(scopes: &[Scope], ev: &KeyEvent) -> Option<Action> {
    lookup_in(BINDINGS, scopes, ev)
}

fn lookup_in(bindings: &[Binding], scopes: &[Scope], ev: &KeyEvent) -> Option<Action> {
    with_global(scopes).find_map(|scope| {
        bindings
            .iter()
            .filter(|bd| bd.scope == *scope)
            .find(|bd| bd.keys.iter().any(|key| key.matches(ev)))
            .map(|bd| bd.action)
    })
}

/// `key/key` labels of a binding.
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(Key::label)
        .collect::<Vec<_>>()
        .join("/")
}

/// The footer hints for the given scopes: (first key, hint), specific ones first. Bindings
/// of a scope that share a hint share its place (`↑↓ scroll`).
pub fn hints(scopes: &[Scope]) -> Vec<(String, &'static str)> {
    hints_in(BINDINGS, scopes)
}

fn hints_in(bindings: &[Binding], scopes: &[Scope]) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for scope in with_global(scopes) {
        let first = out.len();
        for bd in bindings.iter().filter(|bd| bd.scope == *scope) {
            if let (Some(hint), Some(key)) = (bd.hint, bd.keys.first()) {
                // A specific binding hides a global one on the same key.
                let label = key.label();
                if out.iter().any(|(l, _)| *l == label) {
                    continue;
                }
                match out[first..].iter_mut().find(|(_, h)| *h == hint) {
                    Some((l, _)) => l.push_str(&label),
                    None => out.push((label, hint)),
                }
            }
        }
    }
    out
}

/// The keymap in effect: the built-in `BINDINGS`, with the config file's `[keys]` merged
/// over them (`keys_config.rs`). What the app looks keys up in, and what `?` lists.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::builtin()
    }
}

impl Keymap {
    pub fn builtin() -> Keymap {
        Keymap {
            bindings: BINDINGS.to_vec(),
        }
    }

    pub fn from_bindings(bindings: Vec<Binding>) -> Keymap {
        Keymap { bindings }
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action a key has in the given scopes (most specific first), then globally.
    pub fn lookup(&self, scopes: &[Scope], ev: &KeyEvent) -> Option<Action> {
        lookup_in(&self.bindings, scopes, ev)
    }

    /// The footer hints for the given scopes (see [`hints`]).
    pub fn hints(&self, scopes: &[Scope]) -> Vec<(String, &'static str)> {
        hints_in(&self.bindings, scopes)
    }
}

/// The key reference of docs/tui.md, one table per scope, from `BINDINGS`.
pub fn reference_markdown() -> String {
    let mut out = String::new();
    for scope in Scope::ALL {
        out.push_str(&format!(
            "\n### {}\n\n| keys | action | `[keys]` name |\n|---|---|---|\n",
            scope.title()
        ));
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            let keys = b
                .keys
                .iter()
                .map(|k| format!("`{}`", k.label().replace('|', "\\|")))
                .collect::<Vec<_>>()
                .join(" ");
            let name =
                super::keys_config::name_of(b).map_or("—".to_string(), |n| format!("`{n}`"));
            out.push_str(&format!("| {keys} | {} | {name} |\n", b.help));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn specific_scope_wins() {
        let enter = ev(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(lookup(&[Scope::Audit], &enter), Some(Action::Enter));
        let l = ev(KeyCode::Char('l'), KeyModifiers::NONE);
        assert_eq!(lookup(&[Scope::Detail], &l), Some(Action::Right));
        let h = ev(KeyCode::Char('h'), KeyModifiers::NONE);
        assert_eq!(lookup(&[Scope::Detail], &h), Some(Action::Back));
    }

    #[test]
    fn shifted_letters_and_ctrl() {
        let g = ev(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&[], &g), Some(Action::Bottom));
        let cc = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&[], &cc), Some(Action::Quit));
        let plain_c = ev(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(lookup(&[], &plain_c), None);
    }

    #[test]
    fn modes_have_their_own_keys_and_hints() {
        let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(&[Scope::Filter], &q), Some(Action::FilterType));
        assert_eq!(lookup(&[Scope::Help], &q), Some(Action::Back));
        let cu = ev(KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&[Scope::Filter], &cu), Some(Action::FilterClearLine));
        let f1 = ev(KeyCode::F(1), KeyModifiers::NONE);
        assert_eq!(lookup(&[Scope::Filter], &f1), None);
        let label = |h: Vec<(String, &str)>| {
            h.into_iter()
                .map(|(k, h)| format!("{k} {h}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        assert_eq!(label(hints(&[Scope::Help])), "↑↓ scroll, Esc close");
        assert_eq!(
            label(hints(&[Scope::Filter])),
            "Enter keep, Esc clear, ↑↓ move"
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for bb in &BINDINGS[i + 1..] {
                if a.scope == bb.scope {
                    for key in a.keys.iter() {
                        assert!(!bb.keys.contains(key), "{:?} bound twice", key);
                    }
                }
            }
        }
    }
}
