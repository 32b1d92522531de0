//! Progress of a live fetch (issue 17, part 5): the transport reports each request's bytes,
//! announced length and retries, throttled; `gwsx dump` draws them as bars on a terminal
//! (cleared at the end and on Ctrl-C), prints only its `[n/N]` lines when stderr is not a
//! terminal, and nothing with `--quiet`. The server is in-process on 127.0.0.1 with an
//! ephemeral port; every wait has a deadline.

#[path = "support/hostile.rs"]
mod hostile;
#[path = "support/pty.rs"]
mod pty;

use gwsx::gws::{LiveOptions, Progress, Transfer, TransferState, fetch_snapshot, human_bytes};
use gwsx::snapshot::Resource;
use hostile::*;
use pty::Session;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const MIB: usize = 1 << 20;
/// Persons' body: 2 MiB with a Content-Length, 64 KiB every 60 ms (about two seconds).
const PERSONS_LEN: usize = 2 * MIB;

fn paced_persons(path: &str) -> Reply {
    if path == PERSONS {
        Reply::Paced {
            key: "persons",
            len: PERSONS_LEN,
            chunk: 64 << 10,
            interval: Duration::from_millis(60),
        }
    } else {
        Reply::Fixture
    }
}

/// Each resource a little later than the one before it in `Resource::ALL`, persons paced
/// last: the resources end in that order, so `[n/N]` numbers them the same on every run.
fn in_order(path: &str) -> Reply {
    let at = Resource::ALL
        .iter()
        .position(|r| r.path() == path)
        .unwrap_or(0);
    match paced_persons(path) {
        Reply::Fixture if at > 0 => Reply::Delay(Duration::from_millis(200 * at as u64)),
        reply => reply,
    }
}

fn options() -> LiveOptions {
    LiveOptions {
        timeout: Duration::from_secs(20),
        ..LiveOptions::default()
    }
}

/// Every report of a fetch from `server`, with when it came.
async fn reports(server: &Hostile) -> Vec<(Instant, Progress)> {
    let events = Mutex::new(Vec::new());
    fetch_snapshot(&server.base, &options(), |p| {
        events.lock().unwrap().push((Instant::now(), p))
    })
    .await
    .expect("the fetch ends with a snapshot");
    events.into_inner().unwrap()
}

fn transfers_of<'a>(events: &'a [(Instant, Progress)], path: &str) -> Vec<(Instant, &'a Transfer)> {
    events
        .iter()
        .filter_map(|(at, p)| match p {
            Progress::Transfer(t) if t.path == path => Some((*at, t)),
            _ => None,
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_body_reports_its_bytes_as_they_come_at_most_every_100_ms() {
    let server = Hostile::start(paced_persons);
    let events = reports(&server).await;
    let persons = transfers_of(&events, PERSONS);
    let between: Vec<&(Instant, &Transfer)> = persons
        .iter()
        .filter(|(_, t)| {
            t.state == TransferState::Receiving && t.received > 0 && t.received < PERSONS_LEN
        })
        .collect();
    assert!(
        between.len() >= 5,
        "a body of two seconds reports its bytes along the way: {persons:?}"
    );
    for pair in between.windows(2) {
        let ((at0, t0), (at1, t1)) = (pair[0], pair[1]);
        assert!(t1.received >= t0.received, "{persons:?}");
        assert_eq!(t1.length, Some(PERSONS_LEN), "the announced length");
        // Throttled: not one report per 64 KiB chunk (a little slack for the clock).
        assert!(
            at1.duration_since(*at0) >= Duration::from_millis(90),
            "{persons:?}"
        );
    }
    let last = persons.last().unwrap().1;
    assert_eq!(
        (last.received, &last.state),
        (PERSONS_LEN, &TransferState::Done)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retries_are_reported_with_their_reason_then_the_failure() {
    let server = Hostile::start(|path| {
        if path == PERSONS {
            Reply::Body(500, b"<html>down</html>".to_vec())
        } else {
            Reply::Fixture
        }
    });
    let events = reports(&server).await;
    let persons = transfers_of(&events, PERSONS);
    let retries: Vec<(usize, &str)> = persons
        .iter()
        .filter_map(|(_, t)| match &t.state {
            TransferState::Retrying { reason } => Some((t.retry, reason.as_str())),
            _ => None,
        })
        .collect();
    let reason = "HTTP 500 Internal Server Error";
    assert_eq!(retries, [(1, reason), (2, reason), (3, reason)]);
    assert_eq!(server.hits(PERSONS), 4, "a first try and three retries");
    let last = persons.last().unwrap().1;
    assert_eq!(last.retry, 3);
    match &last.state {
        TransferState::Failed { reason } => {
            assert!(reason.starts_with("HTTP 500"), "{reason}");
            assert!(
                !reason.contains("http://"),
                "the URL is not repeated: {reason}"
            );
            assert_eq!(
                last.status_text(),
                format!("failed: {reason} (retry 3 of 3)")
            );
        }
        other => panic!("persons ends failed, not {other:?}"),
    }
}

// ------------------------------------------------------------------ the dump on a terminal

const FLAGS: [&str; 4] = [
    "--use-employee-id-login",
    "false",
    "--browser-protocol",
    "http",
];

fn dump_in_pty(server: &Hostile, output: &std::path::Path, extra: &[&str]) -> Session {
    let output = output.to_str().unwrap();
    let mut args = vec!["dump", &server.base, "--output", output];
    args.extend(FLAGS);
    args.extend(extra);
    Session::start(&args, &[("NO_COLOR", "1")])
}

/// The screen's rows (indicatif fills each line to the width, so the terminal marks them
/// wrapped and `contents()` would run them together).
fn rows(s: &Session) -> Vec<String> {
    s.parser.screen().rows(0, pty::COLS).collect()
}

/// The line of a request under way: `  /platform/configuration/persons  1.2 MiB of 2.0 MiB`.
fn persons_bar(rows: &[String]) -> Option<String> {
    rows.iter()
        .find(|l| l.starts_with(&format!("  {PERSONS}  ")) && l.contains(" of 2.0 MiB"))
        .cloned()
}

/// Pumps the session until the persons bar shows some bytes but not all of them.
fn wait_for_persons_bar(s: &mut Session) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        s.pump(Duration::from_millis(30));
        let screen = s.screen();
        if let Some(bar) = persons_bar(&rows(s))
            && !bar.contains("2.0 MiB of")
            && !bar.contains(" 0 B of")
        {
            assert!(screen.contains("fetching ["), "{screen}");
            return bar;
        }
        assert!(
            Instant::now() < deadline,
            "no bar with bytes for persons; screen:\n{screen}"
        );
    }
}

fn assert_no_bars(s: &Session) {
    let screen = s.screen();
    assert!(persons_bar(&rows(s)).is_none(), "bars left: {screen}");
    assert!(!screen.contains("fetching ["), "bars left: {screen}");
    assert!(!screen.contains(" received · "), "bars left: {screen}");
}

#[test]
fn a_dump_on_a_terminal_shows_bytes_in_flight_and_clears_the_bars() {
    let server = Hostile::start(paced_persons);
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let mut s = dump_in_pty(&server, &output, &[]);
    let bar = wait_for_persons_bar(&mut s);
    assert!(
        bar.contains("KiB of 2.0 MiB") || bar.contains("MiB of 2.0 MiB"),
        "{bar}"
    );
    let status = s.wait_exit(30);
    assert!(status.success(), "{}", s.screen());
    let screen = s.screen();
    assert_no_bars(&s);
    assert!(screen.contains("gwsx dump: wrote"), "{screen}");
    // Each resource's line stays, as without a terminal.
    assert!(
        screen.contains(&format!("/11] {PERSONS} 2.0 MiB")),
        "{screen}"
    );
    assert_eq!(
        screen.matches("/11] ").count(),
        11,
        "one line per resource: {screen}"
    );
    assert!(!s.parser.screen().hide_cursor(), "the cursor is shown");
    assert!(output.exists());
}

#[test]
fn ctrl_c_during_a_dump_on_a_terminal_clears_the_bars_at_once() {
    let server = Hostile::start(|path| {
        if path == PERSONS {
            Reply::Paced {
                key: "persons",
                len: 64 * MIB,
                chunk: 64 << 10,
                interval: Duration::from_millis(60),
            }
        } else {
            Reply::Fixture
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let mut s = dump_in_pty(&server, &output, &[]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !s.screen().contains(&format!("  {PERSONS}  ")) || s.screen().contains(" 0 B of") {
        s.pump(Duration::from_millis(30));
        assert!(Instant::now() < deadline, "no bar: {}", s.screen());
    }
    let sent = Instant::now();
    s.send(b"\x03");
    let status = s.wait_exit(5);
    assert!(
        sent.elapsed() < Duration::from_secs(3),
        "{:?}",
        sent.elapsed()
    );
    assert_eq!(status.exit_code(), 130, "{}", s.screen());
    let screen = s.screen();
    assert_no_bars(&s);
    assert!(
        screen.contains("dump interrupted by SIGINT; nothing written"),
        "{screen}"
    );
    assert!(!s.parser.screen().hide_cursor());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn quiet_on_a_terminal_draws_no_bars() {
    let server = Hostile::start(paced_persons);
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let mut s = dump_in_pty(&server, &output, &["--quiet"]);
    let status = s.wait_exit(30);
    assert!(status.success(), "{}", s.screen());
    let raw = String::from_utf8_lossy(&s.raw).into_owned();
    assert!(!raw.contains("fetching ["), "{raw}");
    assert!(!raw.contains(&format!("  {PERSONS}  ")), "{raw}");
    assert!(!raw.contains("/11] "), "{raw}");
    assert!(s.screen().contains("gwsx dump: wrote"), "{}", s.screen());
}

// ------------------------------------------------------------- the dump not on a terminal

/// What the dump printed on stderr before it had progress bars: each resource's line as it
/// ends, then the last line.
fn lines_without_a_terminal(output: &std::path::Path) -> String {
    let bodies = fixture_bodies();
    let mut expected = String::new();
    for (i, resource) in Resource::ALL.iter().enumerate() {
        let len = match *resource {
            Resource::Persons => PERSONS_LEN,
            _ => bodies[resource.path()].len(),
        };
        expected.push_str(&format!(
            "[{}/11] {} {}\n",
            i + 1,
            resource.path(),
            human_bytes(len)
        ));
    }
    expected
        + &format!(
            "gwsx dump: wrote {} (11 of 11 resources fetched)\n",
            output.display()
        )
}

fn dump_piped(server: &Hostile, output: &std::path::Path, extra: &[&str]) -> Run {
    let mut cmd = gwsx();
    cmd.args(["dump", &server.base, "--output"])
        .arg(output)
        .args(FLAGS)
        .args(extra);
    run_bounded(&mut cmd, Duration::from_secs(60))
}

#[test]
fn without_a_terminal_stderr_is_what_it_was_and_quiet_keeps_only_the_last_line() {
    let server = Hostile::start(in_order);
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let run = dump_piped(&server, &output, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // `run_bounded` joins stderr's lines without the last newline.
    assert_eq!(
        format!("{}\n", run.stderr),
        lines_without_a_terminal(&output)
    );

    let run = dump_piped(&server, &output, &["-q"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "gwsx dump: wrote {} (11 of 11 resources fetched)",
            output.display()
        )
    );
}
