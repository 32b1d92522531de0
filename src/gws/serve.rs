//! `gwsx serve`: a snapshot replayed as a read-only GWS API under `/api/v2`.
//!
//! `GET /api/v2<stored path>` returns the stored body verbatim (HTTP 200, as GWS does even
//! for a `statusCode` failure envelope); a stored transport failure (`gwsxError`) answers
//! HTTP 502 with `{"statusCode":4,...}`; an unknown path answers 404 with
//! `{"statusCode":6,...}`; any method but `GET` (and `HEAD`) answers 405. With credentials
//! set, every request needs HTTP Basic auth (401 with `{"statusCode":20,...}` otherwise).

use crate::cli::{LiveArgs, ServeArgs};
use crate::snapshot::Snapshot;
use crate::source::{self, SourceKind};
use anyhow::{Context, Result, anyhow, bail};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::Response;
use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::Arc;
use tokio::net::TcpListener;

/// The API prefix every stored path is served under.
pub const PREFIX: &str = "/api/v2";

/// `gwsx serve SOURCE [--listen ADDR]`: runs until Ctrl-C.
pub fn run(args: &ServeArgs, live: &LiveArgs) -> Result<ExitCode> {
    let auth = auth_from_env()?;
    let snapshot = source::open(&SourceKind::parse(&args.snapshot), live)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = TcpListener::bind(&args.listen)
            .await
            .map_err(|e| anyhow!("{}: cannot listen: {}", args.listen, io_reason(&e)))?;
        let addr = listener
            .local_addr()
            .map_err(|e| anyhow!("{}: cannot listen: {e}", args.listen))?;
        if auth.is_none() && !addr.ip().is_loopback() {
            eprintln!(
                "gwsx serve: warning: serving without authentication on {addr}, reachable from \
                 other machines (set GWSX_SERVE_USER and GWSX_SERVE_PASSWORD)"
            );
        }
        eprintln!("gwsx serve: listening on http://{addr}{PREFIX}");
        tokio::select! {
            result = serve(snapshot, listener, auth) => result,
            _ = tokio::signal::ctrl_c() => {
                eprintln!("gwsx serve: stopped");
                Ok(())
            }
        }
    })?;
    Ok(ExitCode::SUCCESS)
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
    let app = router(snapshot, auth);
    axum::serve(listener, app)
        .await
        .map_err(|e| anyhow!("gwsx serve: {e}"))
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
    });
    Router::new().fallback(handle).with_state(state)
}

struct Replay {
    bodies: HashMap<String, Stored>,
    /// The base64 of `user:password` expected after `Basic `.
    authorization: Option<String>,
}

struct Stored {
    status: StatusCode,
    body: Bytes,
}

impl Stored {
    fn of(body: Box<serde_json::value::RawValue>) -> Stored {
        #[derive(serde::Deserialize)]
        struct Failure {
            #[serde(rename = "gwsxError")]
            gwsx_error: Option<serde_json::Value>,
        }
        let gwsx_error = serde_json::from_str::<Failure>(body.get())
            .ok()
            .and_then(|f| f.gwsx_error);
        match gwsx_error {
            Some(error) => {
                let message = match error {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                Stored {
                    status: StatusCode::BAD_GATEWAY,
                    body: envelope(4, &message),
                }
            }
            None => {
                let text: Box<str> = body.into();
                Stored {
                    status: StatusCode::OK,
                    body: Bytes::from(String::from(text)),
                }
            }
        }
    }
}

fn envelope(code: i64, message: &str) -> Bytes {
    Bytes::from(serde_json::json!({ "statusCode": code, "statusMessage": message }).to_string())
}

async fn handle(
    State(replay): State<Arc<Replay>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let response = answer(&replay, &method, &uri, &headers);
    eprintln!(
        "gwsx serve: {method} {} {}",
        uri.path_and_query().map_or(uri.path(), |pq| pq.as_str()),
        response.status().as_u16()
    );
    response
}

fn answer(replay: &Replay, method: &Method, uri: &Uri, headers: &HeaderMap) -> Response {
    if let Some(expected) = &replay.authorization
        && !authorized(headers, expected)
    {
        let mut response = json_response(StatusCode::UNAUTHORIZED, envelope(20, "Access denied"));
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"gwsx serve\""),
        );
        return response;
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
