//! Live mode end to end: `gwsx serve`, `gwsx dump`, `gwsx agents URL`, and a fault-injecting
//! GWS stand-in written with axum. Every server is started by the test on 127.0.0.1 with an
//! ephemeral port; nothing reaches beyond this machine.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use gwsx::gws::{LiveOptions, Progress, TransferState, failure_reason, fetch_snapshot};
use gwsx::snapshot::{self, Snapshot};
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

const BIN: &str = env!("CARGO_BIN_EXE_gwsx");
const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/snapshot-101.json"
);
const ENVIRONMENTS: &str = "/genesys-environments?fields=*";

/// The binary with a clean environment: no proxy, no credentials, no terminal on stdin.
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
        "GWSX_SERVE_USER",
        "GWSX_SERVE_PASSWORD",
        "NO_COLOR",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("cannot run gwsx")
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn fixture() -> Snapshot {
    snapshot::load(Path::new(FIXTURE)).expect("fixture loads")
}

/// Paths and body texts, in stored order.
fn bodies(s: &Snapshot) -> Vec<(String, String)> {
    s.responses
        .iter()
        .map(|r| (r.path.clone(), r.body.get().to_string()))
        .collect()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `gwsx serve SOURCE --listen 127.0.0.1:0` as a child process, killed on drop.
struct ServeProcess {
    child: Child,
    base: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl ServeProcess {
    fn start(source: &str, env: &[(&str, &str)]) -> ServeProcess {
        let mut cmd = gwsx();
        cmd.args(["serve", source, "--listen", "127.0.0.1:0"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (key, value) in env {
            cmd.env(key, value);
        }
        let mut child = cmd.spawn().expect("spawn gwsx serve");
        let stderr = child.stderr.take().expect("stderr piped");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        let lines = Arc::clone(&log);
        std::thread::spawn(move || {
            // Keeps draining stderr (serve logs every request) until the child exits.
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some(url) = line.strip_prefix("gwsx serve: listening on ") {
                    let _ = tx.send(url.to_string());
                }
                lines.lock().unwrap().push(line);
            }
        });
        match rx.recv_timeout(Duration::from_secs(10)) {
            Ok(base) => ServeProcess { child, base, log },
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("gwsx serve did not start: {:?}", log.lock().unwrap());
            }
        }
    }

    fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How the stand-in misbehaves on one path.
#[derive(Clone)]
enum Fault {
    /// HTTP 500 for the first `n` requests, then the stored body.
    FailFirst(usize),
    /// Always this status and body.
    Always(u16, &'static str),
    /// HTTP 200 with only the first half of the stored body (a correct Content-Length).
    Truncated,
    /// Half the body, then the connection breaks.
    CutStream,
    /// Never answers.
    Hang,
    /// Half the body, then the whole server dies (every socket closed, nothing listening).
    Kill,
}

struct FaultState {
    bodies: HashMap<String, String>,
    faults: HashMap<String, Fault>,
    hits: Mutex<HashMap<String, usize>>,
    methods: Mutex<Vec<String>>,
    kill: Mutex<Option<oneshot::Sender<()>>>,
}

/// A GWS stand-in serving the fixture, with faults on some paths, on its own thread and
/// runtime. Dropping it (or a `Kill` fault) shuts the runtime down, closing every socket.
struct FaultServer {
    base: String,
    state: Arc<FaultState>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FaultServer {
    fn start(faults: &[(&str, Fault)]) -> FaultServer {
        let (kill_tx, kill_rx) = oneshot::channel();
        let state = Arc::new(FaultState {
            bodies: bodies(&fixture()).into_iter().collect(),
            faults: faults
                .iter()
                .map(|(path, fault)| (path.to_string(), fault.clone()))
                .collect(),
            hits: Mutex::new(HashMap::new()),
            methods: Mutex::new(Vec::new()),
            kill: Mutex::new(Some(kill_tx)),
        });
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let (addr_tx, addr_rx) = mpsc::channel();
        let app_state = Arc::clone(&state);
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                let app = Router::new().fallback(fault_handler).with_state(app_state);
                tokio::select! {
                    _ = axum::serve(listener, app) => {}
                    _ = stop_rx => {}
                    _ = kill_rx => {}
                }
            });
            drop(rt); // drops every connection task: the server is gone
        });
        let addr = addr_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        FaultServer {
            base: format!("http://{addr}/api/v2"),
            state,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    fn hits(&self, path: &str) -> usize {
        self.state
            .hits
            .lock()
            .unwrap()
            .get(path)
            .copied()
            .unwrap_or(0)
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn json(status: u16, body: impl Into<Bytes>) -> Response {
    (
        StatusCode::from_u16(status).unwrap(),
        [(header::CONTENT_TYPE, "application/json")],
        Body::from(body.into()),
    )
        .into_response()
}

fn first_half(body: &str) -> String {
    let mut half = body.len() / 2;
    while !body.is_char_boundary(half) {
        half -= 1;
    }
    body[..half].to_string()
}

async fn fault_handler(
    State(state): State<Arc<FaultState>>,
    method: axum::http::Method,
    uri: Uri,
) -> Response {
    state.methods.lock().unwrap().push(method.to_string());
    let path = uri.path().strip_prefix("/api/v2").unwrap_or("");
    let key = match uri.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.to_string(),
    };
    let hit = {
        let mut hits = state.hits.lock().unwrap();
        let n = hits.entry(key.clone()).or_insert(0);
        *n += 1;
        *n
    };
    let Some(body) = state.bodies.get(&key).cloned() else {
        return json(404, r#"{"statusCode":6,"statusMessage":"Not found"}"#);
    };
    match state.faults.get(&key).cloned() {
        None => json(200, body),
        Some(Fault::FailFirst(n)) if hit <= n => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "<html>Internal error</html>",
        )
            .into_response(),
        Some(Fault::FailFirst(_)) => json(200, body),
        Some(Fault::Always(status, text)) => {
            (StatusCode::from_u16(status).unwrap(), text).into_response()
        }
        Some(Fault::Truncated) => json(200, first_half(&body)),
        Some(Fault::CutStream) => {
            let first = Bytes::from(first_half(&body));
            let stream = futures::stream::unfold(0u8, move |step| {
                let first = first.clone();
                async move {
                    match step {
                        0 => Some((Ok::<Bytes, std::io::Error>(first), 1)),
                        1 => {
                            // Let the headers and the first half reach the client first.
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            Some((Err(std::io::Error::other("connection lost")), 2))
                        }
                        _ => None,
                    }
                }
            });
            json_stream(Body::from_stream(stream))
        }
        Some(Fault::Hang) => {
            std::future::pending::<()>().await;
            json(200, body)
        }
        Some(Fault::Kill) => {
            let first = Bytes::from(first_half(&body));
            let state = Arc::clone(&state);
            let stream = futures::stream::unfold(0u8, move |step| {
                let state = Arc::clone(&state);
                let first = first.clone();
                async move {
                    if step == 0 {
                        return Some((Ok::<Bytes, std::io::Error>(first), 1));
                    }
                    if let Some(kill) = state.kill.lock().unwrap().take() {
                        let _ = kill.send(());
                    }
                    std::future::pending::<()>().await;
                    None
                }
            });
            json_stream(Body::from_stream(stream))
        }
    }
}

fn json_stream(body: Body) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// One HTTP request from the test itself (not through gwsx).
fn http(method: &str, url: &str, auth: Option<(&str, &str)>) -> (u16, Option<String>, String) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        let mut request = client.request(method.parse().unwrap(), url);
        if let Some((user, password)) = auth {
            request = request.basic_auth(user, Some(password));
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_string());
        (status, content_type, response.text().await.unwrap())
    })
}

fn dump(base: &str, output: &Path, extra: &[&str]) -> Output {
    run(gwsx()
        .arg("dump")
        .arg(base)
        .arg("--output")
        .arg(output)
        .args(extra))
}

fn agents_json(source: &str, extra: &[&str]) -> String {
    let out = run(gwsx()
        .args(["agents", source, "--format", "json"])
        .args(extra));
    assert!(
        out.status.success(),
        "gwsx agents {source}: {}",
        stderr_of(&out)
    );
    stdout_of(&out)
}

// ---------------------------------------------------------------------------------------
// serve → dump round trip
// ---------------------------------------------------------------------------------------

#[test]
fn serve_then_dump_round_trips_the_fixture() {
    let server = ServeProcess::start(FIXTURE, &[]);
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("dumped.json");
    let flags = [
        "--use-employee-id-login",
        "true",
        "--browser-protocol",
        "https",
    ];
    let out = dump(&server.base, &output, &flags);
    assert!(out.status.success(), "dump failed: {}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("[11/11]"), "progress on stderr: {err}");
    assert!(err.contains("[1/11] /diagnostics/version 39 B"), "{err}");

    let dumped = snapshot::load(&output).unwrap();
    let original = fixture();
    assert_eq!(bodies(&dumped), bodies(&original), "responses differ");
    assert_eq!(
        dumped.source.base_url.as_deref(),
        Some(server.base.as_str())
    );
    assert_eq!(dumped.source.gws_version.as_deref(), Some("8.5.201.09"));
    assert_eq!(dumped.source.user, None);
    assert_eq!(dumped.gws_config.use_employee_id_login, Some(true));
    assert_eq!(dumped.gws_config.browser_protocol.as_deref(), Some("https"));
    let at = dumped.captured_at.clone().unwrap();
    assert_eq!(at.len(), 20, "{at}");
    assert!(at.starts_with("20") && at.ends_with('Z') && at.as_bytes()[10] == b'T');

    let from_fixture = agents_json(FIXTURE, &[]);
    assert_eq!(agents_json(output.to_str().unwrap(), &[]), from_fixture);
    // And straight from the live URL, with the gwsConfig flags.
    assert_eq!(agents_json(&server.base, &flags), from_fixture);

    let log = server.log();
    let requests: Vec<&String> = log.iter().filter(|l| l.contains("/api/v2/")).collect();
    assert_eq!(requests.len(), 22, "{log:?}");
    assert!(
        requests
            .iter()
            .all(|l| l.starts_with("gwsx serve: GET /api/v2/") && l.ends_with(" 200")),
        "{log:?}"
    );
    assert_eq!(files_in(dir.path()), ["dumped.json"]);
}

#[test]
fn dump_to_gz_loads_back() {
    let server = ServeProcess::start(FIXTURE, &[]);
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("dumped.json.gz");
    let out = dump(&server.base, &output, &[]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let raw = std::fs::read(&output).unwrap();
    assert_eq!(&raw[..2], &[0x1f, 0x8b], "gzip magic");
    let dumped = snapshot::load(&output).unwrap();
    assert_eq!(bodies(&dumped), bodies(&fixture()));
    assert_eq!(files_in(dir.path()), ["dumped.json.gz"]);
}

// ---------------------------------------------------------------------------------------
// authentication
// ---------------------------------------------------------------------------------------

#[test]
fn wrong_password_fails_fast_with_one_line() {
    let server = ServeProcess::start(
        FIXTURE,
        &[
            ("GWSX_SERVE_USER", "svc-audit"),
            ("GWSX_SERVE_PASSWORD", "s3cret"),
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");

    let started = Instant::now();
    let out = run(gwsx()
        .args(["dump", &server.base, "--user", "svc-audit", "--output"])
        .arg(&output)
        .env("GWSX_PASSWORD", "wrong-password"));
    let elapsed = started.elapsed();
    assert_eq!(out.status.code(), Some(2));
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
    let err = stderr_of(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].starts_with("gwsx: "), "{err}");
    assert!(
        lines[0].contains(&format!("{}/diagnostics/version", server.base)),
        "{err}"
    );
    assert!(lines[0].contains("authentication failed"), "{err}");
    assert!(lines[0].contains("401"), "{err}");
    assert!(!err.contains("wrong-password"));
    assert!(files_in(dir.path()).is_empty());

    // The same for `agents URL`.
    let out = run(gwsx()
        .args(["agents", &server.base, "--user", "svc-audit"])
        .env("GWSX_PASSWORD", "wrong-password"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("authentication failed"));

    // No credentials at all.
    let out = dump(&server.base, &output, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("authentication failed"),
        "{}",
        stderr_of(&out)
    );

    // The right password works, and is nowhere in the snapshot.
    let out = run(gwsx()
        .args(["dump", &server.base, "--user", "svc-audit", "--output"])
        .arg(&output)
        .env("GWSX_PASSWORD", "s3cret"));
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = std::fs::read_to_string(&output).unwrap();
    assert!(!text.contains("s3cret"));
    let dumped = snapshot::load(&output).unwrap();
    assert_eq!(dumped.source.user.as_deref(), Some("svc-audit"));
    assert_eq!(bodies(&dumped), bodies(&fixture()));
}

#[test]
fn status_code_20_in_a_body_is_an_authentication_failure() {
    let server = FaultServer::start(&[(
        "/platform/configuration/dns",
        Fault::Always(200, r#"{"statusCode":20,"statusMessage":"Access denied"}"#),
    )]);
    let dir = tempfile::tempdir().unwrap();
    let out = dump(&server.base, &dir.path().join("out.json"), &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    let last = err.lines().last().unwrap();
    assert!(
        last.contains(&format!("{}/platform/configuration/dns", server.base))
            && last.contains("authentication failed"),
        "{err}"
    );
    assert!(files_in(dir.path()).is_empty());
}

// ---------------------------------------------------------------------------------------
// faults
// ---------------------------------------------------------------------------------------

#[test]
fn a_500_is_retried_then_succeeds() {
    let server = FaultServer::start(&[("/platform/configuration/dns", Fault::FailFirst(2))]);
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let out = dump(&server.base, &output, &[]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(server.hits("/platform/configuration/dns"), 3);
    assert_eq!(server.hits("/platform/configuration/persons"), 1);
    let dumped = snapshot::load(&output).unwrap();
    assert_eq!(bodies(&dumped), bodies(&fixture()));
    assert!(!stderr_of(&out).contains("failed"), "{}", stderr_of(&out));
}

#[test]
fn failed_resources_are_recorded_and_the_rest_fetched() {
    let forbidden = r#"{"statusCode":5,"statusMessage":"Operation forbidden for this user"}"#;
    let server = FaultServer::start(&[
        (
            "/platform/configuration/tenants",
            Fault::Always(200, forbidden),
        ),
        (
            "/platform/configuration/places",
            Fault::Always(503, "<html>down</html>"),
        ),
        (
            "/platform/configuration/switches",
            Fault::Always(403, "Missing or invalid Csrf token"),
        ),
        ("/platform/configuration/agent-logins", Fault::Truncated),
        ("/platform/configuration/agent-groups", Fault::CutStream),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let out = dump(&server.base, &output, &[]);
    let err = stderr_of(&out);
    eprintln!("{err}");
    assert!(out.status.success(), "{err}");
    assert!(err.contains("5 of 11 resources failed"), "{err}");

    let dumped = snapshot::load(&output).unwrap();
    let original = fixture();
    assert_eq!(dumped.responses.len(), 11);
    let url = |path: &str| format!("{}{path}", server.base);
    let reason =
        |path: &str| failure_reason(dumped.response(path).unwrap().body.get()).unwrap_or_default();

    // A GWS failure envelope is stored as GWS returned it, once (not retried).
    assert_eq!(
        dumped
            .response("/platform/configuration/tenants")
            .unwrap()
            .body
            .get(),
        forbidden
    );
    assert_eq!(server.hits("/platform/configuration/tenants"), 1);
    assert!(reason("/platform/configuration/tenants").contains("lacks permission"));
    assert!(err.contains("/platform/configuration/tenants: "), "{err}");

    // A 5xx is retried three times, then recorded.
    assert_eq!(server.hits("/platform/configuration/places"), 4);
    assert_eq!(
        reason("/platform/configuration/places"),
        format!(
            "{}: HTTP 503 Service Unavailable",
            url("/platform/configuration/places")
        )
    );

    // HTTP 403 without an envelope.
    assert_eq!(
        reason("/platform/configuration/switches"),
        format!(
            "{}: HTTP 403 Forbidden: the account lacks permission",
            url("/platform/configuration/switches")
        )
    );

    // A body cut off mid-JSON (complete HTTP message): recorded, naming the URL.
    let r = reason("/platform/configuration/agent-logins");
    assert!(
        r.starts_with(&url("/platform/configuration/agent-logins")),
        "{r}"
    );
    assert!(r.contains("cut off"), "{r}");
    assert_eq!(server.hits("/platform/configuration/agent-logins"), 1);

    // A connection that breaks mid-body: retried, then recorded, naming the URL.
    let r = reason("/platform/configuration/agent-groups");
    assert!(
        r.starts_with(&url("/platform/configuration/agent-groups")),
        "{r}"
    );
    assert!(r.contains("cut off"), "{r}");
    assert_eq!(server.hits("/platform/configuration/agent-groups"), 4);

    // Everything else is as served.
    for path in [
        "/diagnostics/version",
        ENVIRONMENTS,
        "/settings/interaction-workspace",
        "/platform/configuration/applications",
        "/platform/configuration/dns",
        "/platform/configuration/persons",
    ] {
        assert_eq!(
            dumped.response(path).unwrap().body.get(),
            original.response(path).unwrap().body.get(),
            "{path}"
        );
    }
    assert!(
        server
            .state
            .methods
            .lock()
            .unwrap()
            .iter()
            .all(|m| m == "GET")
    );

    // The snapshot still opens: the failed resources are just unavailable.
    let out = run(gwsx().args(["agents", output.to_str().unwrap(), "--format", "json"]));
    assert!(out.status.success(), "{}", stderr_of(&out));
}

#[test]
fn a_resource_that_never_answers_times_out() {
    let server = FaultServer::start(&[("/platform/configuration/persons", Fault::Hang)]);
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let started = Instant::now();
    let out = dump(&server.base, &output, &["--timeout", "1"]);
    let elapsed = started.elapsed();
    assert!(out.status.success(), "{}", stderr_of(&out));
    // 4 tries of 1 s plus 1.4 s of backoff.
    assert!(elapsed >= Duration::from_secs(4), "took {elapsed:?}");
    assert!(elapsed < Duration::from_secs(12), "took {elapsed:?}");
    assert_eq!(server.hits("/platform/configuration/persons"), 4);
    let dumped = snapshot::load(&output).unwrap();
    let persons = dumped.response("/platform/configuration/persons").unwrap();
    assert_eq!(
        failure_reason(persons.body.get()).unwrap(),
        format!(
            "{}/platform/configuration/persons: no response within 1 s (--timeout)",
            server.base
        )
    );
    assert!(persons.body.get().starts_with(r#"{"gwsxError":"#));
    assert_eq!(
        dumped.response(ENVIRONMENTS).unwrap().body.get(),
        fixture().response(ENVIRONMENTS).unwrap().body.get()
    );
}

#[test]
fn a_server_that_never_answers_is_fatal_after_the_timeout() {
    // Listening but never accepting: connections open, no answer ever comes.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/api/v2", silent.local_addr().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let out = dump(&base, &dir.path().join("out.json"), &["--timeout", "1"]);
    let elapsed = started.elapsed();
    assert_eq!(out.status.code(), Some(2));
    assert!(elapsed >= Duration::from_secs(4), "took {elapsed:?}");
    assert!(elapsed < Duration::from_secs(12), "took {elapsed:?}");
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!("{base}/diagnostics/version"))
            && err.contains("no response within 1 s"),
        "{err}"
    );
    assert!(files_in(dir.path()).is_empty());
    drop(silent);
}

#[test]
fn connection_refused_is_fatal() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let base = format!("http://127.0.0.1:{port}/api/v2");
    let dir = tempfile::tempdir().unwrap();
    let out = dump(&base, &dir.path().join("out.json"), &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains(&format!("{base}/diagnostics/version")) && err.contains("connection refused"),
        "{err}"
    );
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn server_killed_mid_dump_leaves_no_file() {
    let server = FaultServer::start(&[(ENVIRONMENTS, Fault::Kill)]);
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let out = dump(&server.base, &output, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    eprintln!("{err}");
    let last = err.lines().last().unwrap();
    assert!(
        last.contains("Genesys environments could not be fetched")
            && last.contains(&format!("{}{ENVIRONMENTS}", server.base)),
        "{err}"
    );
    assert!(!output.exists());
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

#[test]
fn ctrl_c_during_a_dump_leaves_no_file() {
    let server = FaultServer::start(&[("/platform/configuration/persons", Fault::Hang)]);
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let mut child = gwsx()
        .args(["dump", &server.base, "--timeout", "30", "--output"])
        .arg(&output)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    // Wait until everything but persons is in.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen = Vec::new();
    while !seen.iter().any(|l: &String| l.starts_with("[10/11]")) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => seen.push(line),
            Err(_) => {
                let _ = child.kill();
                panic!("dump made no progress: {seen:?}");
            }
        }
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(5);
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("dump did not stop on SIGINT");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, Some(130));
    let rest: Vec<String> = rx.iter().collect();
    assert!(rest.iter().any(|l| l.contains("interrupted")), "{rest:?}");
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

#[test]
fn bad_urls_and_files_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let out = dump("http://user:hunter2@127.0.0.1:9/api/v2", &output, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("credentials in the URL"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");

    let out = dump(
        "http://127.0.0.1:9/api/v2",
        &output,
        &["--ca-cert", "/nonexistent/ca.pem"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("/nonexistent/ca.pem"),
        "{}",
        stderr_of(&out)
    );

    let not_pem = dir.path().join("ca.pem");
    std::fs::write(&not_pem, "hello").unwrap();
    let out = dump(
        "http://127.0.0.1:9/api/v2",
        &output,
        &["--ca-cert", not_pem.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("no PEM certificate"),
        "{}",
        stderr_of(&out)
    );

    let out = dump(
        "http://127.0.0.1:9/api/v2",
        Path::new("/nonexistent/dir/out.json"),
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("does not exist"),
        "{}",
        stderr_of(&out)
    );
    assert!(files_in(dir.path()).iter().all(|f| f == "ca.pem"));
}

// ---------------------------------------------------------------------------------------
// serve
// ---------------------------------------------------------------------------------------

#[test]
fn serve_is_read_only() {
    let server = ServeProcess::start(FIXTURE, &[]);
    let url = format!("{}/platform/configuration/persons", server.base);
    let original = fixture();
    let persons = original
        .response("/platform/configuration/persons")
        .unwrap()
        .body
        .get()
        .to_string();
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let (status, content_type, body) = http(method, &url, None);
        assert_eq!(status, 405, "{method}");
        assert_eq!(content_type.as_deref(), Some("application/json"));
        assert!(body.contains("\"statusCode\""), "{body}");
    }
    let (status, content_type, body) = http("GET", &url, None);
    assert_eq!(status, 200);
    assert_eq!(content_type.as_deref(), Some("application/json"));
    assert_eq!(body, persons, "unchanged and verbatim");

    let (status, _, body) = http(
        "GET",
        &format!("{}/genesys-environments?fields=*", server.base),
        None,
    );
    assert_eq!(status, 200);
    assert_eq!(body, original.response(ENVIRONMENTS).unwrap().body.get());

    let (status, _, body) = http("GET", &format!("{}/no/such/thing", server.base), None);
    assert_eq!(status, 404);
    assert_eq!(body, r#"{"statusCode":6,"statusMessage":"Not found"}"#);
    let (status, _, _) = http(
        "GET",
        &format!(
            "{}/diagnostics/version",
            server.base.trim_end_matches("/api/v2")
        ),
        None,
    );
    assert_eq!(status, 404, "outside /api/v2");

    let log = server.log();
    assert!(
        log.iter()
            .any(|l| l == "gwsx serve: POST /api/v2/platform/configuration/persons 405"),
        "{log:?}"
    );
    assert!(
        log.iter()
            .any(|l| l == "gwsx serve: GET /api/v2/platform/configuration/persons 200"),
        "{log:?}"
    );
}

#[test]
fn serve_replays_stored_failures_like_gws() {
    // A copy of the fixture with a GWS failure envelope and a transport failure stored.
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    let responses = doc["responses"].as_object_mut().unwrap();
    let forbidden = serde_json::json!({"statusCode": 5, "statusMessage": "Forbidden"});
    responses.insert("/platform/configuration/tenants".into(), forbidden.clone());
    responses.insert(
        "/diagnostics/version".into(),
        serde_json::json!({"gwsxError": "connection refused"}),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("failures.json");
    std::fs::write(&path, doc.to_string()).unwrap();

    let server = ServeProcess::start(path.to_str().unwrap(), &[]);
    let (status, content_type, body) = http(
        "GET",
        &format!("{}/platform/configuration/tenants", server.base),
        None,
    );
    assert_eq!(
        (status, content_type.as_deref()),
        (200, Some("application/json"))
    );
    assert_eq!(body, forbidden.to_string());
    let (status, _, body) = http("GET", &format!("{}/diagnostics/version", server.base), None);
    assert_eq!(status, 502);
    assert_eq!(
        body,
        r#"{"statusCode":4,"statusMessage":"connection refused"}"#
    );
}

#[test]
fn serve_with_basic_auth() {
    let server = ServeProcess::start(
        FIXTURE,
        &[("GWSX_SERVE_USER", "admin"), ("GWSX_SERVE_PASSWORD", "pw")],
    );
    let url = format!("{}/diagnostics/version", server.base);
    let (status, _, body) = http("GET", &url, None);
    assert_eq!(status, 401);
    assert_eq!(body, r#"{"statusCode":20,"statusMessage":"Access denied"}"#);
    let (status, _, _) = http("GET", &url, Some(("admin", "nope")));
    assert_eq!(status, 401);
    let (status, _, body) = http("GET", &url, Some(("admin", "pw")));
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"version\""), "{body}");
}

#[test]
fn serve_needs_both_credentials() {
    let out = run(gwsx()
        .args(["serve", "demo", "--listen", "127.0.0.1:0"])
        .env("GWSX_SERVE_USER", "admin"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("GWSX_SERVE_PASSWORD"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn serve_reports_a_busy_port() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = busy.local_addr().unwrap().to_string();
    let out = run(gwsx().args(["serve", "demo", "--listen", &addr]));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains(&addr) && err.contains("address already in use"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------
// the library API (used by the TUI)
// ---------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetch_snapshot_reports_progress_in_process() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/api/v2/", listener.local_addr().unwrap());
    let server = tokio::spawn(gwsx::gws::serve::serve(
        fixture(),
        listener,
        Some(("u".into(), "p".into())),
    ));
    let events = Mutex::new(Vec::new());
    let opts = LiveOptions {
        user: Some("u".into()),
        password: Some("p".into()),
        timeout: Duration::from_secs(5),
        ..LiveOptions::default()
    };
    let snapshot = fetch_snapshot(&base, &opts, |p| events.lock().unwrap().push(p))
        .await
        .unwrap();
    server.abort();

    assert_eq!(bodies(&snapshot), bodies(&fixture()));
    assert_eq!(
        snapshot.source.base_url.as_deref(),
        Some(base.trim_end_matches('/')),
        "one trailing slash stripped"
    );
    assert_eq!(snapshot.source.user.as_deref(), Some("u"));
    let events = events.into_inner().unwrap();
    // Each request's transfer: sent, its body arriving, done with every byte, before the
    // resource counts as fetched.
    for resource in gwsx::snapshot::Resource::ALL {
        let path = resource.path();
        let states: Vec<(usize, &TransferState)> = events
            .iter()
            .filter_map(|e| match e {
                Progress::Transfer(t) if t.path == path => Some((t.received, &t.state)),
                _ => None,
            })
            .collect();
        let len = fixture().response(path).unwrap().body.get().len();
        assert_eq!(
            states.first(),
            Some(&(0, &TransferState::Waiting)),
            "{path}"
        );
        assert_eq!(
            states.get(1),
            Some(&(0, &TransferState::Receiving)),
            "{path}"
        );
        assert_eq!(states.last(), Some(&(len, &TransferState::Done)), "{path}");
        let done_at = events
            .iter()
            .position(|e| matches!(e, Progress::Transfer(t) if t.path == path && t.state == TransferState::Done));
        let fetched_at = events
            .iter()
            .position(|e| matches!(e, Progress::Fetched { path: p, .. } if p == path));
        assert!(done_at < fetched_at, "{path}");
    }
    let events: Vec<Progress> = events
        .into_iter()
        .filter(|e| !matches!(e, Progress::Transfer(_)))
        .collect();
    assert_eq!(events.len(), 12);
    assert_eq!(events[0], Progress::Started { total: 11 });
    let mut paths = Vec::new();
    for (i, event) in events[1..].iter().enumerate() {
        match event {
            Progress::Fetched {
                done,
                total,
                path,
                bytes,
                ok,
            } => {
                assert_eq!((*done, *total, *ok), (i + 1, 11, true));
                assert_eq!(
                    *bytes,
                    fixture().response(path).unwrap().body.get().len(),
                    "{path}"
                );
                paths.push(path.clone());
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(paths[0], "/diagnostics/version");
    paths.sort();
    let mut expected: Vec<String> = gwsx::snapshot::Resource::ALL
        .iter()
        .map(|r| r.path().to_string())
        .collect();
    expected.sort();
    assert_eq!(paths, expected);

    // Wrong password: an error naming the URL, no snapshot.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/api/v2", listener.local_addr().unwrap());
    let server = tokio::spawn(gwsx::gws::serve::serve(
        fixture(),
        listener,
        Some(("u".into(), "p".into())),
    ));
    let wrong = LiveOptions {
        password: Some("x".into()),
        ..opts.clone()
    };
    let err = fetch_snapshot(&base, &wrong, |_| {}).await.unwrap_err();
    server.abort();
    let text = format!("{err:#}");
    assert!(
        text.contains(&base) && text.contains("authentication failed"),
        "{text}"
    );
}

#[test]
fn fixture_path_exists() {
    assert!(PathBuf::from(FIXTURE).is_file());
}
