//! A hostile GWS stand-in for the live-mode tests: raw HTTP/1.1 written by hand on a tokio
//! `TcpListener` bound to 127.0.0.1 with an ephemeral port (optionally behind TLS), so a
//! test can trickle a body byte by byte, send one without end, redirect anywhere or nest
//! a body 200 deep. Every request is recorded (method, target, headers).
//!
//! Shared by `tests/live_bounded.rs` and `tests/tls.rs` through `#[path]`.

#![allow(dead_code)]

use gwsx::snapshot::{self, Snapshot};
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::oneshot;

pub const BIN: &str = env!("CARGO_BIN_EXE_gwsx");
pub const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/snapshot-101.json"
);
pub const VERSION: &str = "/diagnostics/version";
pub const ENVIRONMENTS: &str = "/genesys-environments?fields=*";
pub const PERSONS: &str = "/platform/configuration/persons";
pub const DNS: &str = "/platform/configuration/dns";
pub const PLACES: &str = "/platform/configuration/places";
pub const AGENT_LOGINS: &str = "/platform/configuration/agent-logins";
pub const AGENT_GROUPS: &str = "/platform/configuration/agent-groups";
pub const SWITCHES: &str = "/platform/configuration/switches";

/// What the server does for one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// The fixture's body for this path (404 with a GWS envelope when it has none).
    Fixture,
    /// This status and body, with a Content-Length.
    Body(u16, Vec<u8>),
    /// HTTP 200, no Content-Length, `head` at once, then one byte of `filler` every
    /// `interval`, for ever.
    Trickle {
        head: &'static str,
        filler: u8,
        interval: Duration,
    },
    /// HTTP 200, no Content-Length, `head`, then `block` bytes of filler again and again,
    /// for ever (until the client goes away).
    Endless { head: &'static str, block: usize },
    /// HTTP 200, no Content-Length, a GWS object of exactly `len` bytes (mostly one string),
    /// sent in 64 KiB writes.
    Sized { len: usize },
    /// HTTP 200 with a Content-Length of `len`, a GWS list `key` (empty) padded to `len`
    /// bytes, sent `chunk` bytes every `interval`.
    Paced {
        key: &'static str,
        len: usize,
        chunk: usize,
        interval: Duration,
    },
    /// A redirect with this status and `Location`, and a cookie.
    Redirect(u16, String),
    /// Waits this long, then the fixture's body.
    Delay(Duration),
}

/// One request as it came.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub type Rules = Arc<dyn Fn(&str) -> Reply + Send + Sync>;

/// The server; stopped (every socket closed) when dropped.
pub struct Hostile {
    pub base: String,
    pub port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Hostile {
    /// Plain HTTP. `rules` maps a request path under `/api/v2` (query included) to a reply.
    pub fn start(rules: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Hostile {
        Hostile::start_with(Arc::new(rules), None)
    }

    /// HTTPS with this rustls acceptor.
    pub fn start_tls(
        rules: impl Fn(&str) -> Reply + Send + Sync + 'static,
        acceptor: tokio_rustls::TlsAcceptor,
    ) -> Hostile {
        Hostile::start_with(Arc::new(rules), Some(acceptor))
    }

    fn start_with(rules: Rules, tls: Option<tokio_rustls::TlsAcceptor>) -> Hostile {
        let bodies: Arc<HashMap<String, String>> = Arc::new(fixture_bodies());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let (addr_tx, addr_rx) = mpsc::channel();
        let log = Arc::clone(&seen);
        let scheme = if tls.is_some() { "https" } else { "http" };
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                let accept = async {
                    loop {
                        let Ok((socket, _)) = listener.accept().await else {
                            continue;
                        };
                        let rules = Arc::clone(&rules);
                        let bodies = Arc::clone(&bodies);
                        let log = Arc::clone(&log);
                        let tls = tls.clone();
                        tokio::spawn(async move {
                            match tls {
                                Some(acceptor) => {
                                    if let Ok(stream) = acceptor.accept(socket).await {
                                        connection(stream, rules, bodies, log).await;
                                    }
                                }
                                None => connection(socket, rules, bodies, log).await,
                            }
                        });
                    }
                };
                tokio::select! {
                    _ = accept => {}
                    _ = stop_rx => {}
                }
            });
            drop(rt);
        });
        let addr = addr_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        Hostile {
            base: format!("{scheme}://{addr}/api/v2"),
            port: addr.port(),
            seen,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// Requests for this path under `/api/v2`.
    pub fn hits(&self, path: &str) -> usize {
        let target = format!("/api/v2{path}");
        self.seen().iter().filter(|s| s.target == target).count()
    }
}

impl Drop for Hostile {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The fixture's bodies by path.
pub fn fixture_bodies() -> HashMap<String, String> {
    fixture()
        .responses
        .iter()
        .map(|r| (r.path.clone(), r.body.get().to_string()))
        .collect()
}

pub fn fixture() -> Snapshot {
    snapshot::load(Path::new(FIXTURE)).expect("fixture loads")
}

/// Serves requests on one connection (keep-alive) until the client leaves or a reply
/// that never ends is cut.
async fn connection<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    rules: Rules,
    bodies: Arc<HashMap<String, String>>,
    log: Arc<Mutex<Vec<Seen>>>,
) {
    let mut buffer = Vec::new();
    loop {
        let Some(seen) = read_head(&mut stream, &mut buffer).await else {
            return;
        };
        log.lock().unwrap().push(seen.clone());
        let path = seen
            .target
            .strip_prefix("/api/v2")
            .unwrap_or(&seen.target)
            .to_string();
        let reply = rules(&path);
        if !answer(&mut stream, reply, &path, &bodies).await {
            return;
        }
    }
}

/// Reads one request head; `None` when the connection ends first.
async fn read_head<S: AsyncRead + Unpin>(stream: &mut S, buffer: &mut Vec<u8>) -> Option<Seen> {
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
            buffer.drain(..end + 4);
            let mut lines = head.split("\r\n");
            let mut first = lines.next()?.split(' ');
            let method = first.next()?.to_string();
            let target = first.next()?.to_string();
            let headers = lines
                .filter_map(|l| l.split_once(':'))
                .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
                .collect();
            return Some(Seen {
                method,
                target,
                headers,
            });
        }
        if buffer.len() > 1 << 16 {
            return None;
        }
        let mut chunk = [0u8; 4096];
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Whatever",
    }
}

/// Writes one reply; `false` when the connection is done with.
async fn answer<S: AsyncWrite + Unpin>(
    stream: &mut S,
    reply: Reply,
    path: &str,
    bodies: &HashMap<String, String>,
) -> bool {
    match reply {
        Reply::Fixture => {
            let (status, body) = match bodies.get(path) {
                Some(body) => (200, body.clone().into_bytes()),
                None => (
                    404,
                    br#"{"statusCode":6,"statusMessage":"Not found"}"#.to_vec(),
                ),
            };
            full(stream, status, &body, "").await
        }
        Reply::Delay(wait) => {
            tokio::time::sleep(wait).await;
            let body = bodies.get(path).cloned().unwrap_or_default();
            full(stream, 200, body.as_bytes(), "").await
        }
        Reply::Body(status, body) => full(stream, status, &body, "").await,
        Reply::Redirect(status, location) => {
            let extra = format!("Location: {location}\r\nSet-Cookie: GWSSESSION=leaky; Path=/\r\n");
            full(stream, status, b"", &extra).await
        }
        Reply::Trickle {
            head,
            filler,
            interval,
        } => {
            if open_ended(stream, head.as_bytes()).await.is_err() {
                return false;
            }
            loop {
                tokio::time::sleep(interval).await;
                if stream.write_all(&[filler]).await.is_err() || stream.flush().await.is_err() {
                    return false;
                }
            }
        }
        Reply::Endless { head, block } => {
            if open_ended(stream, head.as_bytes()).await.is_err() {
                return false;
            }
            let filler = vec![b' '; block];
            loop {
                if stream.write_all(&filler).await.is_err() {
                    return false;
                }
            }
        }
        Reply::Paced {
            key,
            len,
            chunk,
            interval,
        } => {
            let body = padded_list(key, len);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            if stream.write_all(head.as_bytes()).await.is_err() {
                return false;
            }
            for piece in body.chunks(chunk.max(1)) {
                if stream.write_all(piece).await.is_err() || stream.flush().await.is_err() {
                    return false;
                }
                tokio::time::sleep(interval).await;
            }
            true
        }
        Reply::Sized { len } => {
            let head = br#"{"statusCode":0,"padding":""#;
            if open_ended(stream, head).await.is_err() {
                return false;
            }
            let filler = vec![b'x'; 64 << 10];
            let mut left = len.saturating_sub(head.len() + 2);
            while left > 0 {
                let n = left.min(filler.len());
                if stream.write_all(&filler[..n]).await.is_err() {
                    return false;
                }
                left -= n;
            }
            let _ = stream.write_all(b"\"}").await;
            let _ = stream.shutdown().await;
            false
        }
    }
}

/// `{"statusCode":0,"<key>":[],"padding":"xx…"}`, `len` bytes in all (or the least it can be).
pub fn padded_list(key: &str, len: usize) -> Vec<u8> {
    let head = format!(r#"{{"statusCode":0,"{key}":[],"padding":""#);
    let pad = len.saturating_sub(head.len() + 2);
    let mut body = head.into_bytes();
    body.resize(body.len() + pad, b'x');
    body.extend_from_slice(b"\"}");
    body
}

async fn full<S: AsyncWrite + Unpin>(
    stream: &mut S,
    status: u16,
    body: &[u8],
    extra: &str,
) -> bool {
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra}\r\n",
        reason(status),
        body.len()
    );
    stream.write_all(head.as_bytes()).await.is_ok()
        && stream.write_all(body).await.is_ok()
        && stream.flush().await.is_ok()
}

/// A 200 whose body ends only when the connection does.
async fn open_ended<S: AsyncWrite + Unpin>(stream: &mut S, head: &[u8]) -> std::io::Result<()> {
    stream
        .write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
        )
        .await?;
    stream.write_all(head).await?;
    stream.flush().await
}

// ------------------------------------------------------------------------- the binary

/// The binary with a clean environment: no proxy, no credentials, no terminal on stdin.
pub fn gwsx() -> Command {
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
        "NO_PROXY",
        "no_proxy",
        "GWSX_PASSWORD",
        "GWSX_SERVE_USER",
        "GWSX_SERVE_PASSWORD",
        "GWSX_TEST_MAX_HELD_BYTES",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "NO_COLOR",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// What a finished run gave.
pub struct Run {
    pub code: Option<i32>,
    pub stderr: String,
    pub stdout: String,
    pub elapsed: Duration,
    /// The highest resident set the process reached (VmHWM), in bytes, as last sampled.
    pub peak_rss: u64,
}

/// Runs `cmd`, killing it after `limit` (then the test fails), sampling its peak memory.
pub fn run_bounded(cmd: &mut Command, limit: Duration) -> Run {
    let started = Instant::now();
    let mut child: Child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run gwsx");
    let pid = child.id();
    let stderr = child.stderr.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let err_thread = std::thread::spawn(move || {
        let mut lines = Vec::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            lines.push(line);
        }
        lines.join("\n")
    });
    let out_thread = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut BufReader::new(stdout), &mut text);
        text
    });
    let mut peak = 0;
    let status = loop {
        if let Some(hwm) = vm_hwm(pid) {
            peak = peak.max(hwm);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "gwsx ran past {limit:?}: {}",
                err_thread.join().unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code(),
        stderr: err_thread.join().unwrap(),
        stdout: out_thread.join().unwrap(),
        elapsed: started.elapsed(),
        peak_rss: peak,
    }
}

fn vm_hwm(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// `gwsx dump BASE --output OUT EXTRA…`.
pub fn dump_cmd(base: &str, output: &Path, extra: &[&str]) -> Command {
    let mut cmd = gwsx();
    cmd.arg("dump")
        .arg(base)
        .arg("--output")
        .arg(output)
        .args(extra);
    cmd
}

pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The stored failure reason of a resource in a snapshot file.
pub fn stored_failure(snapshot: &Snapshot, path: &str) -> Option<String> {
    gwsx::gws::failure_reason(snapshot.response(path)?.body.get())
}
