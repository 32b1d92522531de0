//! The real binary in a pseudo-terminal: open the fixture, find a cluster agent, see its
//! login ID and a softphone parameter with its source, quit, and leave the alternate screen.
//! Every wait has a deadline; the child is killed rather than left hanging.

#[path = "support/pty.rs"]
mod pty;

use pty::Session;
use std::time::{Duration, Instant};
#[test]
fn find_a_cluster_agent_and_quit_cleanly() {
    let mut s = Session::start(&["tests/fixtures/snapshot-101.json"], &[]);
    // The audit's count too: the filter's haystacks come with it, so a filter typed before
    // would wait for them.
    s.wait_for(
        &["OFFLINE", "Genesys EMEA", "SIPS_Dublin", "3 Audit 57"],
        20,
    );
    // The Agents tab, filtered to a cluster agent.
    s.send(b"2");
    s.wait_for(&["USER", "LOGIN ID"], 10);
    s.send(b"/edge145");
    s.send(b"\r");
    s.wait_for(
        &["filter: edge145", "E100145  from employee-id", "CLUSTER"],
        10,
    );
    // Into the detail pane, a page down to the softphone parameters.
    s.send(b"\t");
    s.send(b"\x1b[6~");
    s.wait_for(
        &[
            "sipendpoint.sip-server-address",
            "sipcluster-paris.abc.com",
            "← agent-group:SIPS_Paris",
        ],
        10,
    );
    // Single keys, each waited for: every one must wake the event loop.
    s.send(b"w");
    s.wait_for(&["WHAT-IF", "useEmployeeIdAsAgentLogin…=false"], 10);
    s.send(b"v");
    s.wait_for(&["raw JSON as stored", "\"userName\": \"edge145\""], 10);
    s.send(b"q");
    let status = s.wait_exit(10);
    assert!(status.success(), "exit status {status:?}");
    let raw = String::from_utf8_lossy(&s.raw);
    assert!(raw.contains("\x1b[?1049h"), "entered the alternate screen");
    assert!(raw.contains("\x1b[?1049l"), "left the alternate screen");
}

#[test]
fn resize_and_too_small_then_back() {
    let mut s = Session::start(&["demo"], &[("NO_COLOR", "1")]);
    s.wait_for(&["DEMO"], 20);
    // Shrink below 80×24 through the pty: the app says so, then recovers.
    s.resize(20, 60);
    s.wait_for(&["terminal too small", "need 80×24"], 10);
    s.resize(30, 100);
    s.wait_for(&["DEMO", "1 Topology"], 10);
    s.send(b"q");
    let status = s.wait_exit(10);
    assert!(status.success(), "exit status {status:?}");
    assert!(String::from_utf8_lossy(&s.raw).contains("\x1b[?1049l"));
}

#[test]
fn a_bad_theme_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let theme = dir.path().join("bad.toml");
    std::fs::write(&theme, "accent = { fg = \"not-a-colour\" }\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .env("GWSX_CONFIG", "/dev/null")
        .args(["--theme", theme.to_str().unwrap(), "demo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("bad.toml") && err.contains("not-a-colour"),
        "{err}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .env("GWSX_CONFIG", "/dev/null")
        .args(["--theme", "no-such-theme", "demo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such built-in theme"));
}

#[test]
fn an_unreadable_source_restores_the_terminal_and_exits_2() {
    let mut s = Session::start(&["tests/fixtures/no-such-file.json"], &[]);
    let status = s.wait_exit(20);
    assert_eq!(status.exit_code(), 2);
    let raw = String::from_utf8_lossy(&s.raw);
    assert!(raw.contains("no-such-file.json"), "{raw}");
    if raw.contains("\x1b[?1049h") {
        assert!(raw.contains("\x1b[?1049l"), "left the alternate screen");
    }
}

#[test]
fn live_mode_refreshes_and_goes_stale_when_the_server_is_gone() {
    let mut server = pty::Serve::start("tests/fixtures/snapshot-101.json");
    let listen = server.listen.clone();
    let url = format!("http://{listen}/api/v2");
    let mut s = Session::start(&[&url], &[]);
    s.wait_for(&["LIVE", "refreshed", "Genesys EMEA"], 20);
    s.send(b"r");
    s.wait_for(&["LIVE", "refreshed", "Genesys EMEA"], 20);
    server.stop();
    // A refresh may still be in flight from before the kill (and `r` waits for it): press
    // `r` again every second until a refresh fails, within a deadline.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        s.send(b"r");
        let tick = Instant::now() + Duration::from_secs(1);
        while Instant::now() < tick && !s.screen().contains("STALE") {
            s.pump(Duration::from_millis(100));
        }
        if s.screen().contains("STALE") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "never went STALE; screen:\n{}",
            s.screen()
        );
    }
    s.wait_for(&["STALE", "refresh failed"], 10);
    // The last good data stays on screen.
    assert!(s.screen().contains("Genesys EMEA"));
    s.send(b"q");
    let status = s.wait_exit(10);
    assert!(status.success(), "exit status {status:?}");
}

/// A panic injected after the first frame (a debug-build-only hook): the terminal is restored
/// first — alternate screen left, raw mode off (the kernel turns "\n" into "\r\n" again) —
/// and the panic message comes after the restore.
#[test]
fn a_panic_restores_the_terminal_before_its_message() {
    let mut s = Session::start(
        &["tests/fixtures/snapshot-101.json"],
        &[("GWSX_TEST_PANIC", "1")],
    );
    let status = s.wait_exit(20);
    assert!(!status.success(), "a panic exits non-zero");
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    // The hook restores first; the guard may restore again while unwinding.
    let left = raw.find("\x1b[?1049l").expect("left the alternate screen");
    let message = raw
        .find("injected test panic")
        .expect("the panic message is printed");
    assert!(left < message, "the restore comes before the message");
    let after = &raw[message..];
    assert!(
        after.contains("\r\n"),
        "raw mode is off when the message is printed: {after:?}"
    );
    assert!(
        !raw[..left].contains("injected test panic"),
        "nothing printed inside the alternate screen"
    );
}
