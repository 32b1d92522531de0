//! What a key can ask the app to do. Bindings (keymap.rs) map keys to these; `App::apply`
//! is the one handler.

use crate::audit::Severity;

/// The tabs, in order: the three main ones, the Changes of compare mode (`App::tabs_shown`),
/// then the object view (`:places`, `:dns`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Topology,
    Agents,
    Audit,
    Changes,
    Objects,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Topology,
        Tab::Agents,
        Tab::Audit,
        Tab::Changes,
        Tab::Objects,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Topology => "Topology",
            Tab::Agents => "Agents",
            Tab::Audit => "Audit",
            Tab::Changes => "Changes",
            Tab::Objects => "Objects",
        }
    }

    pub fn index(self) -> usize {
        match self {
            Tab::Topology => 0,
            Tab::Agents => 1,
            Tab::Audit => 2,
            Tab::Changes => 3,
            Tab::Objects => 4,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    FocusNext,
    FocusPrev,
    Tab(Tab),
    Up,
    Down,
    Left,
    Right,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Enter,
    Back,
    Filter,
    Raw,
    Copy,
    Refresh,
    /// Cancel the refresh that is running (the data shown stays).
    CancelRefresh,
    WhatIf,
    SortNext,
    SortReverse,
    ToggleSeverity(Severity),
    ExpandAll,
    CollapseAll,
    /// The filter line: keep the text and close it.
    FilterKeep,
    /// The filter line: clear the text and close it.
    FilterClear,
    FilterBackspace,
    FilterClearLine,
    FilterDeleteWord,
    /// The filter line: the character typed (the key event's) goes to it.
    FilterType,
    /// Open the `:` command line.
    Command,
    /// The command line: run it, close it, complete the word, delete a character, type.
    CommandRun,
    CommandCancel,
    CommandComplete,
    CommandBackspace,
    CommandType,
    /// The detail pane: go to the object of the line under the cursor (where-used).
    Follow,
}
