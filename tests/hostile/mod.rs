//! A GWS stand-in on 127.0.0.1 whose behaviour a test switches while it runs: it serves the
//! fixture, then fails every data resource (HTTP 500, or an SSO login page with 200), or
//! hangs. Its own thread and runtime; dropping it closes every socket.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::time::Duration;

pub const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/snapshot-101.json"
);

/// What the server does with the next requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Mode {
    /// The fixture's stored bodies.
    Serve = 0,
    /// HTTP 500 with an HTML body, for every request.
    Fail500 = 1,
    /// HTTP 200 with an SSO login page (HTML), for every request.
    SsoPage = 2,
    /// The fixture, but HTTP 500 for persons.
    PersonsFail = 3,
    /// Never answers (the connection stays open).
    Hang = 4,
    /// HTTP 200 with `statusCode` 4 and a `statusMessage` holding terminal escapes.
    HostileMessage = 5,
}

/// The `statusMessage` of [`Mode::HostileMessage`]: OSC title and clipboard, CSI, BEL, C1.
pub const HOSTILE_MESSAGE: &str =
    "bad\u{1b}]0;pwned\u{7}\u{1b}]52;c;SGVsbG8=\u{7}\u{1b}[2J\u{9b}31m\r";

struct Shared {
    bodies: HashMap<String, String>,
    mode: AtomicU8,
    requests: AtomicUsize,
}

pub struct Server {
    pub base: String,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub fn start(mode: Mode) -> Server {
        let snapshot = gwsx::snapshot::load(std::path::Path::new(FIXTURE)).expect("fixture");
        let bodies = snapshot
            .responses
            .iter()
            .map(|r| (r.path.clone(), r.body.get().to_string()))
            .collect();
        let shared = Arc::new(Shared {
            bodies,
            mode: AtomicU8::new(mode as u8),
            requests: AtomicUsize::new(0),
        });
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let state = Arc::clone(&shared);
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind");
                addr_tx.send(listener.local_addr().expect("addr")).ok();
                let app = Router::new().fallback(handler).with_state(state);
                tokio::select! {
                    _ = axum::serve(listener, app) => {}
                    _ = stop_rx => {}
                }
            });
            drop(rt);
        });
        let addr = addr_rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the server starts");
        Server {
            base: format!("http://{addr}/api/v2"),
            shared,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    pub fn set(&self, mode: Mode) {
        self.shared.mode.store(mode as u8, Ordering::SeqCst);
    }

    pub fn requests(&self) -> usize {
        self.shared.requests.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn json(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        Body::from(body),
    )
        .into_response()
}

async fn handler(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    shared.requests.fetch_add(1, Ordering::SeqCst);
    let path = uri.path().strip_prefix("/api/v2").unwrap_or("");
    let key = match uri.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.to_string(),
    };
    let stored = || match shared.bodies.get(&key) {
        Some(body) => json(StatusCode::OK, body.clone()),
        None => json(
            StatusCode::NOT_FOUND,
            r#"{"statusCode":6,"statusMessage":"Not found"}"#.into(),
        ),
    };
    let mode = shared.mode.load(Ordering::SeqCst);
    match mode {
        m if m == Mode::Fail500 as u8 => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><body>Internal Server Error</body></html>",
        )
            .into_response(),
        m if m == Mode::SsoPage as u8 => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html")],
            "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action=\"/sso/login\">\
             <input name=\"username\"><input type=\"password\" name=\"password\"></form></body></html>",
        )
            .into_response(),
        m if m == Mode::PersonsFail as u8 && key == "/platform/configuration/persons" => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "<html>Internal error</html>",
        )
            .into_response(),
        m if m == Mode::Hang as u8 => {
            std::future::pending::<()>().await;
            stored()
        }
        m if m == Mode::HostileMessage as u8 => json(
            StatusCode::OK,
            serde_json::json!({"statusCode": 4, "statusMessage": HOSTILE_MESSAGE}).to_string(),
        ),
        _ => stored(),
    }
}
