//! The real binary in a pseudo-terminal against hostile data and a GWS stand-in that turns
//! hostile: terminal escapes in user names and IDs are drawn escaped, never sent; a refresh
//! where every data resource fails keeps the 52 agents and says STALE; Esc cancels a refresh
//! that hangs, and `r` then works again; a first load from a server that never answers ends
//! within a bounded time with one line and exit 2. Every wait has a deadline.

#![allow(dead_code)]

mod common;
mod hostile;

use common::{Obj, Snap, person};

use hostile::{Mode, Server};
#[path = "support/pty.rs"]
mod pty;

use pty::Session;
use std::time::{Duration, Instant};
#[test]
fn a_failing_refresh_keeps_the_data_and_esc_cancels_a_hanging_one() {
    let server = Server::start(Mode::Serve);
    let mut s = Session::start(&[&server.base, "--timeout", "5"], &[("NO_COLOR", "1")]);
    s.wait_for(&["LIVE", "refreshed", "2 Agents 52", " error "], 30);
    // Every data resource now fails with HTTP 500: the agents stay, STALE says why.
    server.set(Mode::Fail500);
    s.send(b"r");
    s.wait_for(
        &["STALE", "refresh incomplete", "11 of 11 resources failed"],
        30,
    );
    assert!(s.screen().contains("2 Agents 52"), "{}", s.screen());
    // A refresh that hangs: the footer says Esc cancels it; Esc does, at once.
    server.set(Mode::Hang);
    s.send(b"r");
    s.wait_for(&["Esc cancel refresh", "refreshing…"], 10);
    s.send(b"\x1b");
    s.wait_for(&["refresh cancelled"], 5);
    assert!(!s.screen().contains("refreshing…"), "{}", s.screen());
    assert!(s.screen().contains("2 Agents 52"), "{}", s.screen());
    // The server recovers: `r` brings fresh data and STALE goes.
    server.set(Mode::Serve);
    let deadline = Instant::now() + Duration::from_secs(30);
    s.send(b"r");
    while s.screen().contains("STALE") {
        assert!(Instant::now() < deadline, "still STALE:\n{}", s.screen());
        s.pump(Duration::from_millis(100));
    }
    s.wait_for(&["LIVE", "2 Agents 52"], 10);
    s.send(b"q");
    let status = s.wait_exit(10);
    assert!(status.success(), "exit status {status:?}");
    assert!(String::from_utf8_lossy(&s.raw).contains("\x1b[?1049l"));
}

#[test]
fn a_first_load_that_never_answers_ends_with_one_line() {
    let server = Server::start(Mode::Hang);
    let started = Instant::now();
    let mut s = Session::start(&[&server.base, "--timeout", "1"], &[("NO_COLOR", "1")]);
    let status = s.wait_exit(20);
    let took = started.elapsed();
    assert_eq!(status.exit_code(), 2);
    assert!(took < Duration::from_secs(15), "took {took:?}");
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    if raw.contains("\x1b[?1049h") {
        assert!(raw.contains("\x1b[?1049l"), "left the alternate screen");
    }
    let after = &raw[raw.rfind("\x1b[?1049l").map_or(0, |i| i + 8)..];
    eprintln!("first load gave up after {took:?} with: {}", after.trim());
    assert!(after.contains(&server.base), "{after:?}");
    assert_eq!(
        after.trim().lines().count(),
        1,
        "one line after the terminal is restored: {after:?}"
    );
}

#[test]
fn escapes_in_names_and_ids_are_drawn_not_sent() {
    // An OSC that would set the window title, one that would set the clipboard, a CSI that
    // would clear the screen, a C1 CSI, BEL, CR.
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}]52;c;SGVsbG8=\u{7}\u{1b}[2J\u{9b}31m\r";
    let snap = Snap::new()
        .person(person(101, &format!("evil{evil}")).eid(&format!("E{evil}")))
        .person(person(102, "plain"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.json");
    std::fs::write(&path, snap.text()).unwrap();
    let mut s = Session::start(&[path.to_str().unwrap()], &[("NO_COLOR", "1")]);
    s.wait_for(&["OFFLINE", "2 Agents 2"], 20);
    s.send(b"2");
    s.wait_for(&["evil\\u{1b}]0;pwned"], 10);
    s.send(b"\t");
    s.wait_for(&["evil\\u{1b}]0;pwned"], 10);
    s.send(b"q");
    let status = s.wait_exit(10);
    assert!(status.success(), "exit status {status:?}");
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    // (A clear-screen is not checked: the TUI may send its own.)
    for sequence in ["\u{1b}]0;", "\u{1b}]52;", "\u{9b}", "\u{7}"] {
        assert!(
            !raw.contains(sequence),
            "{sequence:?} reached the terminal: {raw:?}"
        );
    }
}
