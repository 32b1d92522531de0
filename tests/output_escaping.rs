//! What reaches a terminal is never the data's to control (CLI.md): control characters in a
//! snapshot's user names, employee IDs, option values and keys, or in a server's
//! `statusMessage`, are shown escaped in the `agents` table and CSV, the text audit and every
//! stderr line — never written raw. Servers run on 127.0.0.1, each test bounded in time.

mod common;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use common::{Obj, PERSONS, Snap, TENANTS, person};
use serde_json::json;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_gwsx");

/// ESC-led OSC (title, clipboard), CSI, BEL, CR, LF, a C1 CSI (U+009B), DEL, NUL.
const HOSTILE: &str =
    "x\u{1b}]0;pwned\u{7}\u{1b}]52;c;SGVsbG8=\u{7}\u{1b}[2J\r\n\u{9b}31m\u{7f}\u{0}y";

fn gwsx() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env("GWSX_CONFIG", "/dev/null");
    cmd.stdin(Stdio::null());
    for var in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "GWSX_PASSWORD",
        "NO_COLOR",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// Fails when `bytes` hold a control character (C0, DEL, C1) other than those of `allowed`.
fn assert_no_controls(what: &str, bytes: &[u8], allowed: &[char]) {
    let text = String::from_utf8_lossy(bytes);
    for (line_no, line) in text.split('\n').enumerate() {
        if let Some(c) = line
            .chars()
            .find(|c| c.is_control() && *c != '\n' && !allowed.contains(c))
        {
            panic!(
                "{what}: raw control character {:?} on line {}: {line:?}",
                c,
                line_no + 1
            );
        }
    }
}

fn hostile_snapshot() -> Snap {
    Snap::new()
        .person(person(101, &format!("jdoe{HOSTILE}")).eid(&format!("E1{HOSTILE}")))
        .person(person(102, "asmith").eid(&format!("E1{HOSTILE}")))
        .person_option(
            101,
            "privilege.sipendpoint.can-use",
            format!("true{HOSTILE}"),
        )
        .person_option(
            101,
            "sipendpoint.uri",
            format!("https://localhost:8000{HOSTILE}"),
        )
        .person_option(102, &format!("sipendpoint.key{HOSTILE}"), "1")
        .edit(PERSONS, 102, |p| {
            p["firstName"] = json!(format!("A{HOSTILE}"));
        })
        .response(
            TENANTS,
            json!({"statusCode": 5, "statusMessage": format!("denied{HOSTILE}")}),
        )
}

fn run_on_file(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.json");
    std::fs::write(&path, hostile_snapshot().text()).unwrap();
    let mut full: Vec<&str> = args.to_vec();
    let p = path.to_str().unwrap().to_string();
    full.insert(1, &p);
    gwsx().args(&full).output().expect("run gwsx")
}

#[test]
fn the_snapshot_really_holds_the_control_characters() {
    // JSON output keeps the values (escaped by JSON itself): the test data is what it says.
    let out = run_on_file(&["agents", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = json["agents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["userName"].as_str())
        .collect();
    assert!(
        names.contains(&format!("jdoe{HOSTILE}").as_str()),
        "{names:?}"
    );
}

#[test]
fn agents_table_shows_controls_escaped() {
    let out = run_on_file(&["agents", "--format", "table"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_controls("agents table", &out.stdout, &[]);
    assert_no_controls("agents table stderr", &out.stderr, &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("jdoex\\u{1b}]0;pwned"), "{text}");
    assert!(text.contains("2 agent(s)"), "{text}");
}

#[test]
fn agents_csv_shows_controls_escaped_and_keeps_its_records() {
    let out = run_on_file(&["agents", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // CR only as part of the record separator CRLF.
    let text = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    assert_no_controls("agents csv", text.as_bytes(), &[]);
    assert_eq!(text.lines().count(), 3, "a header and two records: {text}");
    assert!(
        text.contains("x\\u{1b}]0;pwned\\u{7}\\u{1b}]52;c;SGVsbG8=\\u{7}\\u{1b}[2J\\r\\n\\u{9b}31m\\u{7f}\\u{0}y"),
        "{text}"
    );
    assert!(text.contains("truex\\u{1b}"), "the can-use value: {text}");
}

#[test]
fn text_audit_shows_controls_escaped() {
    let out = run_on_file(&["audit", "--format", "text", "--fail-on", "never"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_controls("text audit", &out.stdout, &[]);
    assert_no_controls("text audit stderr", &out.stderr, &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    // The statusMessage of the failed resource (GWS-501), a user name, an option value.
    assert!(text.contains("GWS-501"), "{text}");
    assert!(text.contains("deniedx\\u{1b}]0;pwned"), "{text}");
    assert!(text.contains("(jdoex\\u{1b}]0;pwned"), "{text}");
    assert!(
        text.contains("sipendpoint.uri=https://localhost:8000x\\u{1b}]0;pwned"),
        "{text}"
    );
}

#[test]
fn text_audit_in_colour_writes_only_its_own_escapes() {
    // Colour is on only for a terminal; the formatter itself is checked here: every ESC in
    // its output starts one of its SGR sequences.
    let inv = hostile_snapshot().inv();
    let findings = gwsx::audit::run(&inv);
    let card = gwsx::audit::report::scorecard(&inv, &findings);
    let text = gwsx::audit::report::to_text(&findings, &card, true);
    let without_sgr = text
        .split('\u{1b}')
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                return part.to_string();
            }
            let rest = part
                .strip_prefix('[')
                .and_then(|p| p.split_once('m'))
                .filter(|(params, _)| params.chars().all(|c| c.is_ascii_digit() || c == ';'))
                .map(|(_, rest)| rest)
                .unwrap_or_else(|| panic!("an ESC that is not an SGR: {part:?}"));
            rest.to_string()
        })
        .collect::<String>();
    assert_no_controls("coloured text audit", without_sgr.as_bytes(), &[]);
}

#[test]
fn a_bad_file_name_in_an_error_is_escaped() {
    let out = gwsx()
        .args(["agents", "no-such-\u{1b}]0;pwned\u{7}.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_no_controls("error line", &out.stderr, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no-such-\\u{1b}]0;pwned\\u{7}.json"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// A GWS stand-in on 127.0.0.1 that answers every request with `status` and `body`; stops
/// when dropped.
struct Hostile {
    base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Hostile {
    fn start(status: u16, body: serde_json::Value) -> Hostile {
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let body = body.to_string();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                let app = Router::new().fallback(move || {
                    let body = body.clone();
                    async move {
                        let mut r: Response = body.into_response();
                        *r.status_mut() = StatusCode::from_u16(status).unwrap();
                        r.headers_mut().insert(
                            header::CONTENT_TYPE,
                            header::HeaderValue::from_static("application/json"),
                        );
                        r
                    }
                });
                tokio::select! {
                    _ = axum::serve(listener, app) => {}
                    _ = stop_rx => {}
                }
            });
        });
        let addr = addr_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        Hostile {
            base: format!("http://{addr}/api/v2"),
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }
}

impl Drop for Hostile {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Runs gwsx with a deadline (killed after it).
fn run_bounded(cmd: &mut Command, secs: u64) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(secs);
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "gwsx did not finish: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_servers_status_message_is_escaped_in_every_stderr_line() {
    let server = Hostile::start(
        200,
        json!({"statusCode": 4, "statusMessage": format!("boom{HOSTILE}")}),
    );
    // Every resource fails: `agents` warns per resource, then prints an empty table.
    let out = run_bounded(
        gwsx().args([
            "agents",
            &server.base,
            "--format",
            "table",
            "--timeout",
            "5",
        ]),
        30,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("warning: unavailable"), "{err}");
    assert!(err.contains("boomx\\u{1b}]0;pwned"), "{err}");
    assert_no_controls("agents URL stderr", &out.stderr, &[]);
    assert_no_controls("agents URL stdout", &out.stdout, &[]);
    // `dump` names each failed resource on stderr, and fails on the environments.
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let out = run_bounded(
        gwsx().args([
            "dump",
            &server.base,
            "--output",
            output.to_str().unwrap(),
            "--timeout",
            "5",
        ]),
        30,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("boomx\\u{1b}]0;pwned"), "{err}");
    assert_no_controls("dump stderr", &out.stderr, &[]);
}

#[test]
fn a_failed_login_message_is_escaped_in_the_error_line() {
    let server = Hostile::start(
        401,
        json!({"statusCode": 20, "statusMessage": format!("go away{HOSTILE}")}),
    );
    let out = run_bounded(
        gwsx()
            .args(["agents", &server.base, "--user", "u", "--timeout", "5"])
            .env("GWSX_PASSWORD", "p"),
        30,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_no_controls("login failure stderr", &out.stderr, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
}
