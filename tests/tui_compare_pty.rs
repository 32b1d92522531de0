//! Compare mode in a real pseudo-terminal: `gwsx NEW --compare OLD` on the fixture and its
//! edited copy (an employee ID changed, an agent removed, an option added at group level)
//! shows them in the Changes tab; `gwsx diff OLD NEW --tui` is the same; an OLD that cannot
//! be read is said on one line and NEW is shown.

#[path = "support/pty.rs"]
mod pty;

#[path = "support/compare.rs"]
mod compare;

use pty::Session;

#[test]
fn the_changes_tab_shows_the_edit_and_enter_jumps_to_the_agent() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = compare::write_pair(dir.path());
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let mut s = Session::start(&[new, "--compare", old], &[]);
    // The comparison is there once OLD is read and both sides are audited.
    s.wait_for(&["OFFLINE", "COMPARE", "vs OLD", "4 Changes 33"], 30);
    s.send(b"4");
    s.wait_for(
        &[
            "Agents removed (only in OLD) (1)",
            "− ahmed.silva103",
            "Agents changed (26)",
            "~ edge145  employeeId, loginId",
        ],
        10,
    );
    // The new finding and the changed objects, at the end of the list.
    s.send(b"G");
    s.wait_for(
        &["Objects changed (2)", "person:145  /employeeID", "GWS-505"],
        10,
    );
    // Filtered to edge145, then Enter on it: the Agents tab, its change old → new.
    s.send(b"/edge145\r");
    s.wait_for(&["filter: edge145"], 10);
    s.send(b"j\r");
    s.wait_for(
        &[
            "~ edge145",
            "Changed since OLD (3)",
            "\"E100145\" → \"E200145\"",
            "(Esc: back to Changes)",
        ],
        10,
    );
    // What-if still works: NEW recomputed, compared again.
    s.send(b"w");
    s.wait_for(&["WHAT-IF", "COMPARE", "vs OLD"], 20);
    s.send(b"q");
    let status = s.wait_exit(10);
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn diff_with_tui_opens_the_same_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = compare::write_pair(dir.path());
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    // `--no-color` is global: it reaches the TUI from `diff` too.
    let mut s = Session::start(&["diff", old, new, "--tui", "--no-color"], &[]);
    s.wait_for(&["after.json", "COMPARE", "4 Changes 33"], 30);
    s.send(b"q");
    assert!(s.wait_exit(10).success());
}

#[test]
fn an_unreadable_old_is_one_line_and_new_is_shown() {
    let mut s = Session::start(
        &[
            compare::FIXTURE,
            "--compare",
            "tests/fixtures/no-such-old.json",
        ],
        &[],
    );
    s.wait_for(
        &[
            "Genesys EMEA",
            "--compare tests/fixtures/no-such-old.json",
            "OLD unreadable",
        ],
        30,
    );
    s.send(b"q");
    assert!(s.wait_exit(10).success());
}
