//! The object views in the real binary, in a pseudo-terminal, on the demo: `:places` with
//! Tab completion, a filter to one place, its detail naming the agent whose default place it
//! is, Enter on that line to the agent, Esc back; `:dns` lists DNs. Every wait has a deadline.

#[path = "support/pty.rs"]
mod pty;

use pty::Session;

#[test]
fn places_filter_where_used_jump_and_back_then_dns() {
    let mut s = Session::start(&["demo"], &[]);
    // The audit's count too: the filter's haystacks come with it.
    s.wait_for(&["DEMO", "1 Topology", "3 Audit 39"], 20);
    // `:pl` and Tab completes to `places`, Enter opens the view.
    s.send(b":pl");
    s.wait_for(&[": pl", "places"], 10);
    s.send(b"\t");
    s.wait_for(&[": places"], 10);
    s.send(b"\r");
    s.wait_for(&["5 Places 60", "NAME", "AGENTS", "Place_100000"], 10);
    // Filter to one place: its detail names the agent whose default place it is.
    s.send(b"/Place_100003");
    s.send(b"\r");
    s.wait_for(
        &[
            "filter: Place_100003",
            "Agents whose default place it is (1)",
            "→ ",
        ],
        10,
    );
    let screen = s.screen();
    let agent = screen
        .lines()
        .find_map(|l| {
            let at = l.find("→ ")?;
            let rest = &l[at + "→ ".len()..];
            rest.contains("  agent")
                .then(|| rest.split_whitespace().next().unwrap_or("").to_string())
        })
        .expect("the agent's line in the place's detail");
    // Into the detail, down to the agent's line (the last → line), Enter: the Agents tab.
    s.send(b"\t");
    s.send(b"G");
    s.send(b"k");
    s.send(b"k");
    s.send(b"\r");
    s.wait_for(
        &["USER", "LOGIN ID", &agent, "◂ Esc: Place Place_100003"],
        10,
    );
    // Esc: back to the place, filter kept.
    s.send(b"\x1b");
    s.wait_for(&["5 Places 60", "filter: Place_100003"], 10);
    // `:dns` lists DNs.
    s.send(b":dns\r");
    s.wait_for(&["5 DNs 92", "NUMBER", "TYPE", "SWITCH", "Extension"], 10);
    s.send(b":q\r");
    let status = s.wait_exit(10);
    assert!(status.success(), "exit status {status:?}");
    assert!(String::from_utf8_lossy(&s.raw).contains("\x1b[?1049l"));
}
