//! `gwsx serve`: a snapshot replayed as a read-only GWS API under `/api/v2`.
//!
//! `GET /api/v2<stored path>` returns the stored body verbatim (HTTP 200, as GWS does even
//! for a `statusCode` failure envelope); a stored transport failure (`gwsxError`) answers
//! HTTP 502 with `{"statusCode":4,...}`; an unknown path answers 404 with
//! `{"statusCode":6,...}`; any method but `GET` (and `HEAD`) answers 405. With credentials
//! set, every request needs HTTP Basic auth (401 with `{"statusCode":20,...}` otherwise).
//!
//! Limits, so that no client can stall it: at most [`MAX_CONNECTIONS`] connections at once
//! (more are answered 503 and closed); a request's headers must arrive within
//! [`HEADER_READ_TIMEOUT`], and so must the next request's on an idle keep-alive connection
//! (slow or silent connections are dropped); wrong Basic credentials from one client address
//! make its next attempts wait, doubling from [`AUTH_DELAY_FIRST`] to [`AUTH_DELAY_MAX`] (a
//! client with more than [`AUTH_QUEUE_MAX`] of waiting queued gets 429 at once); the request
//! log goes through a bounded queue to a thread of its own, so a stderr nobody reads drops
//! log lines (counted, and the count reported) instead of blocking the serving.

use crate::snapshot::Snapshot;
use anyhow::{Result, anyhow, bail};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::Response;
use std::collections::HashMap;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::time::Instant;

/// The API prefix every stored path is served under.
pub const PREFIX: &str = "/api/v2";
/// Connections served at once; one more is answered 503 and closed.
pub const MAX_CONNECTIONS: usize = 256;
/// The longest wait for a request's headers (also between requests on a kept-alive
/// connection).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Log lines queued for stderr; more are dropped (and counted) while stderr is not read.
pub const LOG_QUEUE: usize = 1024;
/// The wait before a client's next attempt after one wrong Basic login; doubles per failure.
pub const AUTH_DELAY_FIRST: Duration = Duration::from_millis(250);
/// The longest wait between two attempts of one client.
pub const AUTH_DELAY_MAX: Duration = Duration::from_secs(4);
/// The most waiting a client's queued attempts may add up to; beyond it, 429 at once.
pub const AUTH_QUEUE_MAX: Duration = Duration::from_secs(8);
/// A client's failures are forgotten this long after its last one.
const AUTH_FORGET: Duration = Duration::from_secs(60);
/// Client addresses whose failures are remembered at once.
const AUTH_CLIENTS_MAX: usize = 4096;

/// Binds `listen` and serves `snapshot` until Ctrl-C (or an I/O error), saying where on
/// stderr; warns when it serves other machines without authentication.
pub async fn serve_until_stopped(
    snapshot: Snapshot,
    listen: &str,
    auth: Option<(String, String)>,
) -> Result<()> {
    let listener = TcpListener::bind(listen)
        .await
        .map_err(|e| anyhow!("{listen}: cannot listen: {}", io_reason(&e)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| anyhow!("{listen}: cannot listen: {e}"))?;
    if auth.is_none() && !addr.ip().is_loopback() {
        eprintln!(
            "gwsx serve: warning: serving without authentication on {addr}, reachable from \
             other machines (set GWSX_SERVE_USER and GWSX_SERVE_PASSWORD)"
        );
    }
    // Written directly: nothing has been logged yet, so the pipe has room.
    eprintln!("gwsx serve: listening on http://{addr}{PREFIX}");
    tokio::select! {
        result = serve(snapshot, listener, auth) => result,
        _ = tokio::signal::ctrl_c() => {
            // Through the log queue: a full stderr must not stop the exit either.
            log(format!("gwsx serve: stopped{}", dropped_note()));
            logger().flush_for(Duration::from_millis(200));
            Ok(())
        }
    }
}

/// Basic-auth credentials from `GWSX_SERVE_USER` and `GWSX_SERVE_PASSWORD` (both or none).
pub fn auth_from_env() -> Result<Option<(String, String)>> {
    let user = std::env::var_os("GWSX_SERVE_USER");
    let password = std::env::var_os("GWSX_SERVE_PASSWORD");
    match (user, password) {
        (None, None) => Ok(None),
        (Some(user), Some(password)) => {
            let user = user
                .into_string()
                .map_err(|_| anyhow!("GWSX_SERVE_USER is not valid UTF-8"))?;
            let password = password
                .into_string()
                .map_err(|_| anyhow!("GWSX_SERVE_PASSWORD is not valid UTF-8"))?;
            Ok(Some((user, password)))
        }
        (Some(_), None) => bail!("GWSX_SERVE_USER is set but GWSX_SERVE_PASSWORD is not"),
        (None, Some(_)) => bail!("GWSX_SERVE_PASSWORD is set but GWSX_SERVE_USER is not"),
    }
}

/// Serves `snapshot` on `listener` until an I/O error. `auth` = `(user, password)` for
/// HTTP Basic auth on every request.
pub async fn serve(
    snapshot: Snapshot,
    listener: TcpListener,
    auth: Option<(String, String)>,
) -> Result<()> {
    serve_router(router(snapshot, auth), listener, MAX_CONNECTIONS).await
}

/// The accept loop: at most `max_connections` at once (the next one gets a 503 and is
/// closed), each an HTTP/1.1 connection whose headers must arrive within
/// [`HEADER_READ_TIMEOUT`]. The router sees each client's address (`ConnectInfo`).
pub async fn serve_router(
    app: Router,
    listener: TcpListener,
    max_connections: usize,
) -> Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let slots = Arc::new(tokio::sync::Semaphore::new(max_connections.max(1)));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .keep_alive(true);
    let mut refused: u64 = 0;
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors and the like: wait a little rather than spin.
                log(format!("gwsx serve: accept failed: {e}"));
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            refused += 1;
            refuse(&stream);
            // One line per power of two: a flood of refusals is not a flood of lines.
            if refused.is_power_of_two() {
                log(format!(
                    "gwsx serve: {refused} connection(s) refused so far: {max_connections} already open (the limit)"
                ));
            }
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = PeerService {
            app: app.clone(),
            peer,
        };
        let connection = http.serve_connection(TokioIo::new(stream), service);
        tokio::spawn(async move {
            // An error here is the client's (gone, too slow): nothing to report.
            let _ = connection.await;
            drop(slot);
        });
    }
}

/// A 503 for a connection over the limit, written only if it fits the socket's buffer now;
/// then the connection is closed.
fn refuse(stream: &tokio::net::TcpStream) {
    let body = crate::envelope::failure_body(
        4,
        "Too many connections: gwsx serve is at its limit; try again",
    );
    let response = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.try_write(response.as_bytes());
}

/// The router, told the client's address.
#[derive(Clone)]
struct PeerService {
    app: Router,
    peer: SocketAddr,
}

impl hyper::service::Service<hyper::Request<hyper::body::Incoming>> for PeerService {
    type Response = Response;
    type Error = std::convert::Infallible;
    type Future = std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<Response, std::convert::Infallible>> + Send>,
    >;

    fn call(&self, mut request: hyper::Request<hyper::body::Incoming>) -> Self::Future {
        use tower_service::Service;
        request.extensions_mut().insert(ConnectInfo(self.peer));
        let mut app = self.app.clone();
        Box::pin(async move { app.call(request.map(Body::new)).await })
    }
}

/// The replay service as an axum router (for embedding in tests).
pub fn router(snapshot: Snapshot, auth: Option<(String, String)>) -> Router {
    let mut bodies: HashMap<String, Stored> = HashMap::with_capacity(snapshot.responses.len());
    for response in snapshot.responses {
        if bodies.contains_key(&response.path) {
            continue; // the first of a path wins, as for a reader
        }
        let stored = Stored::of(response.body);
        bodies.insert(response.path, stored);
    }
    let state = Arc::new(Replay {
        bodies,
        authorization: auth
            .map(|(user, password)| encode_base64(format!("{user}:{password}").as_bytes())),
        backoff: Mutex::new(HashMap::new()),
    });
    Router::new().fallback(handle).with_state(state)
}

struct Replay {
    bodies: HashMap<String, Stored>,
    /// The base64 of `user:password` expected after `Basic `.
    authorization: Option<String>,
    /// Clients that sent wrong credentials, by address.
    backoff: Mutex<HashMap<IpAddr, Backoff>>,
}

/// One client's wrong logins: how many in a row, and when its next attempt may be checked.
#[derive(Debug, Clone, Copy)]
struct Backoff {
    failures: u32,
    next: Instant,
}

/// The wait after `failures` wrong logins in a row: 250 ms, 500 ms, 1 s, 2 s, then 4 s.
pub fn auth_delay(failures: u32) -> Duration {
    if failures == 0 {
        return Duration::ZERO;
    }
    let doubled = AUTH_DELAY_FIRST.saturating_mul(1u32 << failures.saturating_sub(1).min(8));
    doubled.min(AUTH_DELAY_MAX)
}

/// What a request with credentials must do before they are checked.
enum Admit {
    Now,
    After(Duration),
    TooMany,
}

impl Replay {
    /// Takes the client's next slot: each attempt after a failure waits its turn, so attempts
    /// sent in parallel are checked one delay apart (and the answer of a right guess waits as
    /// long as a wrong one's).
    fn admit(&self, ip: IpAddr) -> Admit {
        let Ok(mut map) = self.backoff.lock() else {
            return Admit::Now;
        };
        let now = Instant::now();
        let Some(entry) = map.get_mut(&ip) else {
            return Admit::Now;
        };
        if now > entry.next + AUTH_FORGET {
            map.remove(&ip);
            return Admit::Now;
        }
        let slot = entry.next.max(now);
        let wait = slot - now;
        if wait > AUTH_QUEUE_MAX {
            return Admit::TooMany;
        }
        entry.next = slot + auth_delay(entry.failures);
        if wait.is_zero() {
            Admit::Now
        } else {
            Admit::After(wait)
        }
    }

    /// Records the outcome of a check: a success forgets the client, a failure pushes its
    /// next slot out.
    fn checked(&self, ip: IpAddr, ok: bool) {
        let Ok(mut map) = self.backoff.lock() else {
            return;
        };
        if ok {
            map.remove(&ip);
            return;
        }
        let now = Instant::now();
        if !map.contains_key(&ip) && map.len() >= AUTH_CLIENTS_MAX {
            map.retain(|_, b| now <= b.next + AUTH_FORGET);
            if map.len() >= AUTH_CLIENTS_MAX {
                // Still full: forget the client whose turn is soonest.
                if let Some(oldest) = map.iter().min_by_key(|(_, b)| b.next).map(|(ip, _)| *ip) {
                    map.remove(&oldest);
                }
            }
        }
        let entry = map.entry(ip).or_insert(Backoff {
            failures: 0,
            next: now,
        });
        entry.failures = entry.failures.saturating_add(1).min(32);
        entry.next = entry.next.max(now + auth_delay(entry.failures));
    }
}

struct Stored {
    status: StatusCode,
    body: Bytes,
}

impl Stored {
    fn of(body: crate::snapshot::Body) -> Stored {
        let gwsx_error = crate::envelope::Envelope::read(body.get())
            .ok()
            .and_then(|e| e.gwsx_error);
        match gwsx_error {
            Some(message) => Stored {
                status: StatusCode::BAD_GATEWAY,
                body: envelope(4, &message),
            },
            None => Stored {
                status: StatusCode::OK,
                // The body, not a copy: the snapshot's text stays in memory once.
                body: Bytes::from_owner(body),
            },
        }
    }
}

fn envelope(code: i64, message: &str) -> Bytes {
    Bytes::from(crate::envelope::failure_body(code, message))
}

async fn handle(State(replay): State<Arc<Replay>>, request: Request) -> Response {
    let (parts, _body) = request.into_parts();
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let response = answer(&replay, &parts.method, &parts.uri, &parts.headers, peer).await;
    log(format!(
        "gwsx serve: {} {} {}",
        parts.method,
        parts
            .uri
            .path_and_query()
            .map_or(parts.uri.path(), |pq| pq.as_str()),
        response.status().as_u16()
    ));
    response
}

async fn answer(
    replay: &Replay,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    peer: Option<IpAddr>,
) -> Response {
    if let Some(expected) = &replay.authorization {
        let presented = headers.contains_key(header::AUTHORIZATION);
        // Only attempts count: a request without credentials (a browser's first) is answered
        // at once, and its client is not slowed down.
        if presented && let Some(ip) = peer {
            match replay.admit(ip) {
                Admit::Now => {}
                Admit::After(wait) => tokio::time::sleep(wait).await,
                Admit::TooMany => {
                    let mut response = json_response(
                        StatusCode::TOO_MANY_REQUESTS,
                        envelope(20, "Too many failed logins: wait and try again"),
                    );
                    response
                        .headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from_static("4"));
                    return response;
                }
            }
        }
        let ok = authorized(headers, expected);
        if presented && let Some(ip) = peer {
            replay.checked(ip, ok);
        }
        if !ok {
            let mut response =
                json_response(StatusCode::UNAUTHORIZED, envelope(20, "Access denied"));
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"gwsx serve\""),
            );
            return response;
        }
    }
    if method != Method::GET && method != Method::HEAD {
        let mut response = json_response(
            StatusCode::METHOD_NOT_ALLOWED,
            envelope(3, "Method not allowed: gwsx serve is read-only (GET only)"),
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    match lookup(replay, uri) {
        Some(stored) => json_response(stored.status, stored.body.clone()),
        None => json_response(StatusCode::NOT_FOUND, envelope(6, "Not found")),
    }
}

/// The request log: lines go through a bounded queue to a thread that writes them to stderr,
/// so a stderr nobody reads blocks that thread only. A line that finds the queue full is
/// dropped and counted; the count is written before the next line that gets through.
pub struct Logger {
    tx: std::sync::mpsc::SyncSender<String>,
    dropped: Arc<AtomicU64>,
    /// Every line dropped since the start (for the last line).
    dropped_total: Arc<AtomicU64>,
    written: Arc<AtomicU64>,
    queued: AtomicU64,
}

impl Logger {
    fn stderr(capacity: usize) -> Logger {
        let (tx, rx) = std::sync::mpsc::sync_channel::<String>(capacity);
        let dropped = Arc::new(AtomicU64::new(0));
        let written = Arc::new(AtomicU64::new(0));
        let (d, w) = (Arc::clone(&dropped), Arc::clone(&written));
        let spawned = std::thread::Builder::new()
            .name("gwsx-serve-log".into())
            .spawn(move || {
                for line in rx {
                    let mut err = std::io::stderr().lock();
                    let missed = d.swap(0, Ordering::Relaxed);
                    if missed > 0 {
                        let _ = writeln!(
                            err,
                            "gwsx serve: {missed} log line(s) dropped: stderr is not read fast enough"
                        );
                    }
                    let _ = writeln!(err, "{line}");
                    w.fetch_add(1, Ordering::Relaxed);
                }
            });
        // Without its thread the queue has no reader: every line is then counted as dropped.
        drop(spawned);
        Logger {
            tx,
            dropped,
            dropped_total: Arc::new(AtomicU64::new(0)),
            written,
            queued: AtomicU64::new(0),
        }
    }

    /// Queues a line without ever waiting; drops (and counts) it when the queue is full.
    pub fn log(&self, line: String) {
        match self.tx.try_send(line) {
            Ok(()) => {
                self.queued.fetch_add(1, Ordering::Relaxed);
            }
            Err(_) => {
                self.dropped.fetch_add(1, Ordering::Relaxed);
                self.dropped_total.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// Lines dropped since the start.
    pub fn dropped(&self) -> u64 {
        self.dropped_total.load(Ordering::Relaxed)
    }

    /// Waits (at most `limit`) for the queued lines to be written.
    fn flush_for(&self, limit: Duration) {
        let deadline = std::time::Instant::now() + limit;
        while self.written.load(Ordering::Relaxed) < self.queued.load(Ordering::Relaxed)
            && std::time::Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// The process's request log.
pub fn logger() -> &'static Logger {
    static LOGGER: OnceLock<Logger> = OnceLock::new();
    LOGGER.get_or_init(|| Logger::stderr(LOG_QUEUE))
}

/// Logs a line (control characters escaped) without ever blocking the serving.
fn log(line: String) {
    logger().log(crate::text_safety::escape_controls(&line).into_owned());
}

fn dropped_note() -> String {
    match logger().dropped() {
        0 => String::new(),
        n => format!(" ({n} log line(s) dropped while stderr was not read)"),
    }
}

fn lookup<'r>(replay: &'r Replay, uri: &Uri) -> Option<&'r Stored> {
    let path = uri.path().strip_prefix(PREFIX)?;
    if !path.starts_with('/') {
        return None;
    }
    let key = match uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_string(),
    };
    if let Some(stored) = replay.bodies.get(&key) {
        return Some(stored);
    }
    // A client may percent-encode what the stored key has plain (`fields=%2A`).
    let decoded = percent_decode(&key)?;
    replay.bodies.get(&decoded)
}

fn json_response(status: StatusCode, body: Bytes) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn authorized(headers: &HeaderMap, expected: &str) -> bool {
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let mut parts = value.trim().splitn(2, ' ');
    let scheme = parts.next().unwrap_or("");
    let credentials = parts.next().unwrap_or("").trim();
    scheme.eq_ignore_ascii_case("basic")
        && constant_time_eq(credentials.as_bytes(), expected.as_bytes())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Standard base64 with padding (RFC 4648 §4).
fn encode_base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `%XX` decoded; `None` when nothing was encoded or the result is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            // Two hex digits make at most 255.
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::AddrInUse => "address already in use".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::AddrNotAvailable => "address not available".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
            ("Aladdin:open sesame", "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
        ] {
            assert_eq!(encode_base64(input.as_bytes()), expected, "{input}");
        }
    }

    #[test]
    fn auth_delays_double_to_a_bound() {
        let ms = |n| auth_delay(n).as_millis();
        assert_eq!(
            [ms(0), ms(1), ms(2), ms(3), ms(4), ms(5), ms(6), ms(40)],
            [0, 250, 500, 1000, 2000, 4000, 4000, 4000]
        );
    }

    #[test]
    fn backoff_takes_turns_and_forgets_on_success() {
        let replay = Replay {
            bodies: HashMap::new(),
            authorization: Some(encode_base64(b"u:p")),
            backoff: Mutex::new(HashMap::new()),
        };
        let ip: IpAddr = [127, 0, 0, 9].into();
        assert!(matches!(replay.admit(ip), Admit::Now));
        replay.checked(ip, false);
        // The next two attempts queue one behind the other.
        let first = match replay.admit(ip) {
            Admit::After(d) => d,
            _ => panic!("a wait after a failure"),
        };
        let second = match replay.admit(ip) {
            Admit::After(d) => d,
            _ => panic!("a longer wait for the next"),
        };
        assert!(
            first <= AUTH_DELAY_FIRST && second > first,
            "{first:?} {second:?}"
        );
        // Far enough behind: 429 at once.
        for _ in 0..40 {
            replay.checked(ip, false);
        }
        let mut too_many = false;
        for _ in 0..10 {
            too_many |= matches!(replay.admit(ip), Admit::TooMany);
        }
        assert!(too_many);
        replay.checked(ip, true);
        assert!(matches!(replay.admit(ip), Admit::Now));
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(
            percent_decode("/genesys-environments?fields=%2A").as_deref(),
            Some("/genesys-environments?fields=*")
        );
        assert_eq!(percent_decode("/plain"), None);
        assert_eq!(percent_decode("/bad%zz").as_deref(), Some("/bad%zz"));
    }

    #[test]
    fn basic_auth_check() {
        let expected = encode_base64(b"u:p");
        let mut headers = HeaderMap::new();
        assert!(!authorized(&headers, &expected));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Basic {expected}")).unwrap(),
        );
        assert!(authorized(&headers, &expected));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("basic {}", encode_base64(b"u:q"))).unwrap(),
        );
        assert!(!authorized(&headers, &expected));
    }
}
