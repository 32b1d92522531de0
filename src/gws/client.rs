//! The live GWS client (SNAPSHOT.md §4, research/gws-api.md §1–2).
//!
//! `GET` only; HTTP Basic auth on every request; a cookie store for the session; a
//! per-request timeout from connect to the last body byte; a deadline for the whole fetch;
//! bounded concurrency; a cap on the body bytes held by the whole fetch; redirects followed
//! only within the origin; a few short retries on connect errors, timeouts and HTTP 5xx
//! (every request is an idempotent `GET`).
//!
//! A failed resource is recorded in the snapshot (SNAPSHOT.md §1) and fetching goes on;
//! only a failed login, or a server that cannot be reached at all, is fatal.

use super::limits::{self, ByteBudget, Held};
use super::urls;
use crate::envelope::{Envelope, Failure};
use crate::snapshot::{Resource, Response, Snapshot, SourceInfo};
use anyhow::{Result, anyhow, bail};
use futures::stream::{self, StreamExt};
use reqwest::{StatusCode, Url};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// `--timeout` when not given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// How many requests are in flight at once.
pub const DEFAULT_CONCURRENCY: usize = 4;
/// Waits before the 1st, 2nd and 3rd retry of a request.
const RETRY_DELAYS: [Duration; 3] = [
    Duration::from_millis(200),
    Duration::from_millis(400),
    Duration::from_millis(800),
];
/// The largest `--timeout` (a day).
pub const MAX_TIMEOUT_SECS: u64 = 86_400;
/// Same-origin redirects followed, at most, for one request.
const MAX_REDIRECTS: usize = 5;
/// The most a body's announced length reserves up front (it grows past that as bytes come).
const MAX_PREALLOCATION: usize = 64 << 20;

/// What to show the user whenever `--insecure` is in effect.
pub const INSECURE_WARNING: &str =
    "--insecure: TLS certificate verification is OFF; the server's identity is not checked";

/// How to reach GWS.
#[derive(Clone)]
pub struct LiveOptions {
    /// The GWS account (HTTP Basic auth); `None` sends no credentials.
    pub user: Option<String>,
    /// Its password: from `GWSX_PASSWORD` or a prompt, never from a flag or a file.
    pub password: Option<String>,
    /// An extra CA certificate bundle (PEM) trusted besides the system roots.
    pub ca_cert: Option<PathBuf>,
    /// Skip TLS certificate verification.
    pub insecure: bool,
    /// Per-request timeout: from connect to the last byte of the body, however slowly it
    /// comes.
    pub timeout: Duration,
    /// Requests in flight at once (at least 1).
    pub concurrency: usize,
    /// The most body bytes the whole fetch holds at once, all requests together.
    pub max_held_bytes: usize,
    /// The deadline of the whole fetch; `None` = [`limits::FETCH_DEADLINE_FACTOR`] ×
    /// `timeout`.
    pub fetch_deadline: Option<Duration>,
}

impl Default for LiveOptions {
    fn default() -> Self {
        LiveOptions {
            user: None,
            password: None,
            ca_cert: None,
            insecure: false,
            timeout: DEFAULT_TIMEOUT,
            concurrency: DEFAULT_CONCURRENCY,
            max_held_bytes: limits::MAX_HELD_BYTES,
            fetch_deadline: None,
        }
    }
}

impl fmt::Debug for LiveOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LiveOptions")
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("ca_cert", &self.ca_cert)
            .field("insecure", &self.insecure)
            .field("timeout", &self.timeout)
            .field("concurrency", &self.concurrency)
            .field("max_held_bytes", &self.max_held_bytes)
            .field("fetch_deadline", &self.fetch_deadline)
            .finish()
    }
}

impl LiveOptions {
    /// The deadline of the whole fetch.
    pub fn whole_deadline(&self) -> Duration {
        self.fetch_deadline
            .unwrap_or_else(|| limits::fetch_deadline(self.timeout))
    }
}

/// What a fetch reports as it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Fetching begins; `total` requests will be made.
    Started { total: usize },
    /// One resource is done (`ok` = fetched and usable; otherwise recorded as a failure).
    Fetched {
        done: usize,
        total: usize,
        path: String,
        bytes: usize,
        ok: bool,
    },
}

/// Fetches every resource of SNAPSHOT.md §4 into a snapshot: `/diagnostics/version` first,
/// then the others concurrently. `capturedAt` is now; `source` holds the base URL, the GWS
/// version and the user name (never the password).
///
/// Fatal (an `Err`): a bad base URL or CA file, a failed login (HTTP 401 or `statusCode`
/// 20 on any request), or a server that cannot be reached at all (the version request
/// gets no HTTP response). Any other failure is recorded in the snapshot and fetching
/// goes on.
pub async fn fetch_snapshot(
    base_url: &str,
    opts: &LiveOptions,
    progress: impl Fn(Progress) + Send + Sync,
) -> Result<Snapshot> {
    let base = parse_base_url(base_url)?;
    let loopback = Url::parse(&base).is_ok_and(|u| urls::is_loopback(&u));
    let client = build_client(opts, loopback)?;
    let fetcher = Fetcher {
        client: &client,
        base: &base,
        opts,
        budget: ByteBudget::new(opts.max_held_bytes),
        deadline: deadline_after(opts.whole_deadline()),
    };
    let total = Resource::ALL.len();
    progress(Progress::Started { total });
    let mut results: Vec<Option<Fetched>> = Vec::with_capacity(total);
    results.resize_with(total, || None);
    let mut done = 0;
    let mut report = |resource: Resource, fetched: &Fetched| {
        done += 1;
        progress(Progress::Fetched {
            done,
            total,
            path: resource.path().to_string(),
            bytes: fetched.bytes,
            ok: fetched.ok,
        });
    };

    let version = fetcher.fetch_in_time(Resource::Version).await?;
    if !version.reached {
        bail!(
            "cannot reach GWS: {}",
            version.reason.as_deref().unwrap_or("no response")
        );
    }
    report(Resource::Version, &version);
    let gws_version = if version.ok {
        version_of(&version.body)
    } else {
        None
    };
    results[0] = Some(version);

    let mut rest = stream::iter(Resource::ALL.into_iter().enumerate().skip(1))
        .map(|(i, resource)| {
            let fetcher = &fetcher;
            async move { (i, resource, fetcher.fetch_in_time(resource).await) }
        })
        .buffer_unordered(opts.concurrency.max(1));
    while let Some((i, resource, fetched)) = rest.next().await {
        // A failed login ends everything; dropping `rest` cancels what is in flight.
        let fetched = fetched?;
        report(resource, &fetched);
        results[i] = Some(fetched);
    }
    drop(rest);

    let responses = Resource::ALL
        .into_iter()
        .zip(results)
        .filter_map(|(resource, fetched)| fetched.map(|f| Response::new(resource.path(), f.body)))
        .collect();
    Ok(Snapshot {
        captured_at: Some(super::now_rfc3339()),
        source: SourceInfo {
            base_url: Some(base.clone()),
            gws_version,
            user: opts.user.clone(),
        },
        gws_config: Default::default(),
        responses,
        label: base,
        warnings: Vec::new(),
    })
}

/// Why a stored body is a failure (SNAPSHOT.md §1), or `None` when it is a success:
/// the `gwsxError` text, or the meaning of a non-zero `statusCode`.
pub fn failure_reason(body: &RawValue) -> Option<String> {
    let Ok(envelope) = Envelope::read(body.get()) else {
        return Some("not a GWS response (not a JSON object)".into());
    };
    match envelope.failure()? {
        Failure::Transport(error) => Some(error.to_string()),
        Failure::Status(code) => Some(envelope.describe(code)),
        // Not a number: no failure GWS would send; the reader judges the body.
        Failure::BadCode(_) => None,
    }
}

/// What an HTTP status means to a GWS client.
fn http_meaning(status: StatusCode) -> &'static str {
    match status.as_u16() {
        401 => "authentication failed",
        403 => "the account lacks permission",
        404 => "not found",
        _ => "",
    }
}

/// `HTTP 403 Forbidden`.
fn http_status(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    }
}

fn one_line(text: &str, max_chars: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let flat = flat.trim();
    if flat.chars().count() > max_chars {
        let cut: String = flat.chars().take(max_chars).collect();
        format!("{cut}…")
    } else {
        flat.to_string()
    }
}

/// The base URL as given, minus one trailing slash. Refused: other schemes, credentials in
/// the URL (use `--user` and `GWSX_PASSWORD`; a password there, with or without a scheme,
/// is never shown), a query or a fragment.
pub fn parse_base_url(text: &str) -> Result<String> {
    let trimmed = text.trim();
    let base = trimmed.strip_suffix('/').unwrap_or(trimmed);
    if urls::has_password(base) {
        bail!(
            "{}: credentials in the URL are not accepted (the password is not shown or used); use --user NAME and GWSX_PASSWORD",
            urls::hide_password(base)
        );
    }
    let url = Url::parse(base).map_err(|e| anyhow!("{}: not a valid URL: {e}", redact(base)))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        bail!(
            "{}: live mode needs an http:// or https:// URL",
            redact(base)
        );
    }
    if !url.username().is_empty() || url.password().is_some() {
        bail!(
            "{}: credentials in the URL are not accepted; use --user NAME and GWSX_PASSWORD",
            redact(base)
        );
    }
    if url.query().is_some() || url.fragment().is_some() {
        bail!(
            "{}: the base URL must not have a query or a fragment (it ends in /api/v2)",
            redact(base)
        );
    }
    if url.host_str().is_none_or(str::is_empty) {
        bail!("{}: the URL has no host", redact(base));
    }
    Ok(base.to_string())
}

/// A URL for messages: any password hidden, and any user info a parser finds removed.
fn redact(text: &str) -> String {
    let text = urls::hide_password(text);
    match Url::parse(&text) {
        Ok(mut url) if !url.username().is_empty() || url.password().is_some() => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.to_string()
        }
        _ => text,
    }
}

/// `tokio`'s now plus `d`, or a day from now when that would overflow.
fn deadline_after(d: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(d)
        .unwrap_or_else(|| now + Duration::from_secs(MAX_TIMEOUT_SECS))
}

/// Redirects within the origin of the first request are followed (at most
/// [`MAX_REDIRECTS`]); one to another scheme, host or port is not: its 3xx response comes
/// back and fails the resource, naming the target, so no credentials, cookies or `Referer`
/// go there.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let redirects = attempt.previous().len();
        let same = attempt
            .previous()
            .first()
            .is_some_and(|first| urls::same_origin(first, attempt.url()));
        if !same {
            attempt.stop()
        } else if redirects > MAX_REDIRECTS {
            attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
        } else {
            attempt.follow()
        }
    })
}

fn build_client(opts: &LiveOptions, loopback: bool) -> Result<reqwest::Client> {
    let mut builder = reqwest::Client::builder()
        .cookie_store(true)
        .connect_timeout(opts.timeout)
        .user_agent(concat!("gwsx/", env!("CARGO_PKG_VERSION")))
        .redirect(same_origin_redirects())
        .referer(false)
        .pool_max_idle_per_host(opts.concurrency.max(1));
    if let Some(path) = &opts.ca_cert {
        let label = path.display();
        let pem = std::fs::read(path).map_err(|e| {
            anyhow!(
                "{label}: cannot read the CA certificate: {}",
                match e.kind() {
                    std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
                    std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                    _ => e.to_string(),
                }
            )
        })?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem)
            .map_err(|e| anyhow!("{label}: not a PEM certificate file: {}", chain(&e)))?;
        if certs.is_empty() {
            bail!("{label}: no PEM certificate (-----BEGIN CERTIFICATE-----) in the file");
        }
        builder = builder.tls_certs_merge(certs);
    }
    if opts.insecure {
        builder = builder.tls_danger_accept_invalid_certs(true);
    }
    if loopback {
        builder = builder.no_proxy();
    }
    builder
        .build()
        .map_err(|e| anyhow!("cannot set up the HTTP client: {}", chain(&e)))
}

/// One resource's outcome.
struct Fetched {
    /// What goes in the snapshot: the body as GWS returned it, or `{"gwsxError": ...}`.
    body: Box<RawValue>,
    /// Fetched and usable.
    ok: bool,
    /// Bytes of body received.
    bytes: usize,
    /// An HTTP response came back (false: connection failure or timeout before headers).
    reached: bool,
    /// Why it failed.
    reason: Option<String>,
    /// The body's bytes on the fetch's budget, held as long as the body is.
    _held: Option<Held>,
}

impl Fetched {
    fn error(reason: String, bytes: usize, reached: bool) -> Fetched {
        let text = crate::envelope::transport_failure_body(&reason);
        let body = RawValue::from_string(text).unwrap_or_else(|_| RawValue::NULL.to_owned());
        Fetched {
            body,
            ok: false,
            bytes,
            reached,
            reason: Some(reason),
            _held: None,
        }
    }
}

/// One try at one request.
enum Attempt {
    Response {
        status: StatusCode,
        body: Vec<u8>,
        /// `body`'s bytes on the fetch's budget.
        held: Option<Held>,
    },
    Failed {
        reason: String,
        /// Worth another try.
        retry: bool,
        /// No HTTP response came back at all.
        before_response: bool,
        bytes: usize,
    },
}

struct Fetcher<'a> {
    client: &'a reqwest::Client,
    base: &'a str,
    opts: &'a LiveOptions,
    /// The body bytes every request of this fetch may hold together.
    budget: Arc<ByteBudget>,
    /// When the whole fetch ends, done or not.
    deadline: Instant,
}

impl Fetcher<'_> {
    /// [`Fetcher::fetch`] within the whole fetch's deadline: a resource not done by then is
    /// recorded as failed (and counts as not reached).
    async fn fetch_in_time(&self, resource: Resource) -> Result<Fetched> {
        match tokio::time::timeout_at(self.deadline, self.fetch(resource)).await {
            Ok(fetched) => fetched,
            Err(_) => Ok(Fetched::error(
                format!(
                    "{}{}: not fetched within the deadline of the whole fetch ({}, {} × --timeout)",
                    self.base,
                    resource.path(),
                    seconds(self.opts.whole_deadline()),
                    limits::FETCH_DEADLINE_FACTOR
                ),
                0,
                false,
            )),
        }
    }

    /// Fetches one resource with retries. `Err` only for a failed login.
    async fn fetch(&self, resource: Resource) -> Result<Fetched> {
        let url_text = format!("{}{}", self.base, resource.path());
        let url = match Url::parse(&url_text) {
            Ok(url) => url,
            Err(e) => return Ok(Fetched::error(format!("{url_text}: bad URL: {e}"), 0, true)),
        };
        let mut retries = 0;
        let last = loop {
            let attempt = self.attempt(&url).await;
            let again = match &attempt {
                Attempt::Response { status, .. } => status.is_server_error(),
                Attempt::Failed { retry, .. } => *retry,
            };
            match RETRY_DELAYS.get(retries) {
                Some(delay) if again => {
                    // Gives back what the failed try held before waiting.
                    drop(attempt);
                    tokio::time::sleep(*delay).await;
                    retries += 1;
                }
                _ => break attempt,
            }
        };
        classify(&url_text, last, self.opts)
    }

    /// One try, bounded by `--timeout` from connect to the last byte of the body.
    async fn attempt(&self, url: &Url) -> Attempt {
        let timeout = self.opts.timeout;
        let deadline = deadline_after(timeout);
        let mut request = self
            .client
            .get(url.clone())
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(user) = &self.opts.user {
            request = request.basic_auth(user, self.opts.password.as_deref());
        }
        let mut response = match tokio::time::timeout_at(deadline, request.send()).await {
            Err(_) => {
                return Attempt::Failed {
                    reason: format!("no response within {} (--timeout)", seconds(timeout)),
                    retry: true,
                    before_response: true,
                    bytes: 0,
                };
            }
            Ok(Err(e)) => {
                let tls = is_certificate_error(&e);
                let mut reason = transport_reason(&e, timeout);
                if tls {
                    reason.push_str(" (trust its CA with --ca-cert FILE)");
                }
                return Attempt::Failed {
                    reason,
                    retry: !tls && !e.is_redirect(),
                    before_response: true,
                    bytes: 0,
                };
            }
            Ok(Ok(response)) => response,
        };
        let status = response.status();
        if status.is_redirection() {
            return Attempt::Failed {
                reason: redirect_reason(status, &response),
                retry: false,
                before_response: false,
                bytes: 0,
            };
        }
        let cap = self.budget.cap();
        let refused = |received: usize| Attempt::Failed {
            reason: format!(
                "{}: the body passed the cap of {} on the bytes a fetch holds (all requests together) after {received} bytes; refused",
                http_status(status),
                limits::cap_text(cap)
            ),
            retry: false,
            before_response: false,
            bytes: received,
        };
        let expected = response
            .content_length()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0);
        if expected > cap {
            return Attempt::Failed {
                reason: format!(
                    "{}: the body announces {expected} bytes, more than the cap of {} on the bytes a fetch holds; refused",
                    http_status(status),
                    limits::cap_text(cap)
                ),
                retry: false,
                before_response: false,
                bytes: 0,
            };
        }
        let mut held = self.budget.hold();
        let mut body = Vec::with_capacity(expected.min(MAX_PREALLOCATION));
        loop {
            match tokio::time::timeout_at(deadline, response.chunk()).await {
                Err(_) => {
                    return Attempt::Failed {
                        reason: format!(
                            "{}: the body was not complete within {} (--timeout): {} bytes came",
                            http_status(status),
                            seconds(timeout),
                            body.len()
                        ),
                        retry: true,
                        before_response: false,
                        bytes: body.len(),
                    };
                }
                Ok(Err(e)) => {
                    return Attempt::Failed {
                        reason: format!(
                            "{}: the body was cut off after {} bytes ({})",
                            http_status(status),
                            body.len(),
                            transport_reason(&e, timeout)
                        ),
                        retry: true,
                        before_response: false,
                        bytes: body.len(),
                    };
                }
                Ok(Ok(Some(chunk))) => {
                    if !held.grow(chunk.len()) {
                        return refused(body.len() + chunk.len());
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(Ok(None)) => break,
            }
        }
        Attempt::Response {
            status,
            body,
            held: Some(held),
        }
    }
}

/// Why a 3xx that was not followed fails its resource: where it pointed.
fn redirect_reason(status: StatusCode, response: &reqwest::Response) -> String {
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    match location {
        Some(location) => {
            let target = response
                .url()
                .join(location.trim())
                .map(|u| u.to_string())
                .unwrap_or(location);
            let origin = response.url().origin().ascii_serialization();
            format!(
                "{}: redirected to {}, outside {origin}; not followed (no credentials, cookies or Referer sent there)",
                http_status(status),
                urls::shown(&redact(&target), 300)
            )
        }
        None => format!("{}: a redirect without a Location", http_status(status)),
    }
}

/// Turns the last attempt into what is stored. `Err` only for a failed login.
fn classify(url: &str, attempt: Attempt, opts: &LiveOptions) -> Result<Fetched> {
    let (status, body, held) = match attempt {
        Attempt::Failed {
            reason,
            before_response,
            bytes,
            ..
        } => {
            return Ok(Fetched::error(
                format!("{url}: {reason}"),
                bytes,
                !before_response,
            ));
        }
        Attempt::Response { status, body, held } => (status, body, held),
    };
    let bytes = body.len();
    let login_hint = || match (&opts.user, &opts.password) {
        (None, _) => " (no --user given)",
        (Some(_), None) => " (no password: set GWSX_PASSWORD)",
        _ => " (check --user and GWSX_PASSWORD)",
    };
    if status == StatusCode::UNAUTHORIZED {
        bail!(
            "{url}: {}: authentication failed{}",
            http_status(status),
            login_hint()
        );
    }
    let raw = match parse_body(body) {
        Ok(raw) => raw,
        Err(why) => {
            let meaning = http_meaning(status);
            let reason = if !status.is_success() && !meaning.is_empty() {
                format!("{url}: {}: {meaning}", http_status(status))
            } else if !status.is_success() {
                format!("{url}: {}", http_status(status))
            } else {
                format!("{url}: {}: {why}", http_status(status))
            };
            return Ok(Fetched::error(reason, bytes, true));
        }
    };
    let Ok(envelope) = Envelope::read(raw.get()) else {
        return Ok(Fetched::error(
            format!(
                "{url}: {}: the body is JSON but not a GWS response (not an object)",
                http_status(status)
            ),
            bytes,
            true,
        ));
    };
    let code = match envelope.failure() {
        Some(Failure::Status(code)) => Some(code),
        _ => None,
    };
    if code == Some(20) {
        bail!(
            "{url}: {}: authentication failed ({}){}",
            http_status(status),
            envelope.describe(20),
            login_hint()
        );
    }
    match code {
        None | Some(0) if status.is_success() => Ok(Fetched {
            body: raw,
            ok: true,
            bytes,
            reached: true,
            reason: None,
            _held: held,
        }),
        Some(code) if code != 0 => {
            // A GWS failure envelope: stored as GWS returned it.
            let mut reason = format!("{url}: {}", envelope.describe(code));
            if !status.is_success() {
                reason = format!("{reason} [{}]", http_status(status));
            }
            Ok(Fetched {
                body: raw,
                ok: false,
                bytes,
                reached: true,
                reason: Some(reason),
                _held: held,
            })
        }
        _ => {
            let meaning = http_meaning(status);
            let reason = if meaning.is_empty() {
                format!("{url}: {}", http_status(status))
            } else {
                format!("{url}: {}: {meaning}", http_status(status))
            };
            Ok(Fetched::error(reason, bytes, true))
        }
    }
}

/// The body as JSON text, validated; the reason when it is not JSON.
fn parse_body(body: Vec<u8>) -> std::result::Result<Box<RawValue>, String> {
    let total = body.len();
    let mut text = String::from_utf8(body).map_err(|e| {
        format!(
            "the body is not UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.trim().is_empty() {
        return Err("the body is empty".into());
    }
    if let Some(why) = limits::reader_refusal(&text) {
        return Err(why);
    }
    RawValue::from_string(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Eof => format!(
            "the body is cut off after {total} bytes: the JSON ends early (line {}, column {})",
            e.line(),
            e.column()
        ),
        _ => format!(
            "the body is not JSON (line {}, column {}: {})",
            e.line(),
            e.column(),
            crate::snapshot::strip_json_position(&e.to_string())
        ),
    })
}

fn version_of(body: &RawValue) -> Option<String> {
    #[derive(Deserialize)]
    struct Version {
        version: Option<serde_json::Value>,
    }
    match serde_json::from_str::<Version>(body.get()).ok()?.version? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// Every message in an error's chain, joined by `: `, skipping repeats.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = next {
        let text = err.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = err.source();
    }
    parts.join(": ")
}

/// A short reason for a transport failure: the innermost cause, not reqwest's wrapper
/// (which repeats the URL).
fn transport_reason(e: &reqwest::Error, timeout: Duration) -> String {
    if e.is_timeout() {
        return format!("timed out after {} (--timeout)", seconds(timeout));
    }
    let mut innermost: Option<&(dyn std::error::Error + 'static)> = None;
    let mut next = std::error::Error::source(e);
    while let Some(err) = next {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            let kind = match io.kind() {
                std::io::ErrorKind::ConnectionRefused => Some("connection refused"),
                std::io::ErrorKind::ConnectionReset => Some("connection reset by the server"),
                std::io::ErrorKind::ConnectionAborted => Some("connection aborted"),
                std::io::ErrorKind::UnexpectedEof => Some("the server closed the connection"),
                std::io::ErrorKind::TimedOut => Some("timed out"),
                _ => None,
            };
            if let Some(kind) = kind {
                return kind.to_string();
            }
        }
        innermost = Some(err);
        next = err.source();
    }
    let text = match innermost {
        Some(err) => err.to_string(),
        None => e.to_string(),
    };
    let prefix = if e.is_connect() {
        "cannot connect: "
    } else {
        ""
    };
    format!("{prefix}{}", one_line(&text, 300))
}

fn is_certificate_error(e: &reqwest::Error) -> bool {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = next {
        let text = err.to_string().to_ascii_lowercase();
        if text.contains("certificate") {
            return true;
        }
        next = err.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_string()).unwrap()
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            parse_base_url("http://h:8090/api/v2/").unwrap(),
            "http://h:8090/api/v2"
        );
        assert_eq!(
            parse_base_url("https://h/ctx/api/v2").unwrap(),
            "https://h/ctx/api/v2"
        );
        let err = parse_base_url("http://u:secret@h/api/v2")
            .unwrap_err()
            .to_string();
        assert!(err.contains("credentials in the URL"), "{err}");
        assert!(!err.contains("secret"), "{err}");
        assert!(parse_base_url("ftp://h/api/v2").is_err());
        assert!(parse_base_url("http://h/api/v2?x=1").is_err());
        assert!(parse_base_url("not a url").is_err());
    }

    #[test]
    fn failure_reasons() {
        assert_eq!(failure_reason(&raw(r#"{"statusCode":0,"dns":[]}"#)), None);
        assert_eq!(failure_reason(&raw(r#"{"dns":[]}"#)), None);
        assert_eq!(
            failure_reason(&raw(r#"{"statusCode":5,"statusMessage":"Forbidden"}"#)).as_deref(),
            Some("statusCode 5: the account lacks permission (Forbidden)")
        );
        assert_eq!(
            failure_reason(&raw(r#"{"statusCode":"6"}"#)).as_deref(),
            Some("statusCode 6: not found")
        );
        assert_eq!(
            failure_reason(&raw(r#"{"statusCode":6,"statusMessage":"Not found"}"#)).as_deref(),
            Some("statusCode 6: not found")
        );
        assert_eq!(
            failure_reason(&raw(r#"{"statusCode":3,"statusMessage":"x"}"#)).as_deref(),
            Some("statusCode 3: the account lacks permission (x)")
        );
        assert_eq!(
            failure_reason(&raw(r#"{"gwsxError":"connection refused"}"#)).as_deref(),
            Some("connection refused")
        );
        assert!(failure_reason(&raw("[1]")).is_some());
    }

    #[test]
    fn bodies() {
        assert_eq!(
            parse_body(b"\xef\xbb\xbf{\"a\":1}".to_vec()).unwrap().get(),
            "{\"a\":1}"
        );
        let cut =
            parse_body(b"{\"statusCode\":0,\"persons\":[{\"DBID\":\"1\"".to_vec()).unwrap_err();
        assert!(cut.contains("cut off after 38 bytes"), "{cut}");
        let html = parse_body(b"<html>".to_vec()).unwrap_err();
        assert!(html.starts_with("the body is not JSON"), "{html}");
        assert!(parse_body(Vec::new()).unwrap_err().contains("empty"));
        assert!(
            parse_body(vec![b'"', 0xff, b'"'])
                .unwrap_err()
                .contains("UTF-8")
        );
    }

    #[test]
    fn classify_outcomes() {
        let opts = LiveOptions {
            user: Some("u".into()),
            password: Some("hunter2".into()),
            ..Default::default()
        };
        let url = "http://h/api/v2/platform/configuration/dns";
        let resp = |status: u16, body: &str| Attempt::Response {
            status: StatusCode::from_u16(status).unwrap(),
            body: body.as_bytes().to_vec(),
            held: None,
        };

        let ok = classify(url, resp(200, r#"{"statusCode":0,"dns":[]}"#), &opts).unwrap();
        assert!(ok.ok && ok.reached);
        assert_eq!(ok.body.get(), r#"{"statusCode":0,"dns":[]}"#);

        let denied = classify(url, resp(401, "nope"), &opts)
            .err()
            .unwrap()
            .to_string();
        assert!(denied.contains(url) && denied.contains("authentication failed"));
        assert!(!denied.contains("hunter2"));
        let denied = classify(
            url,
            resp(200, r#"{"statusCode":20,"statusMessage":"Access denied"}"#),
            &opts,
        )
        .err()
        .unwrap()
        .to_string();
        assert!(denied.contains("authentication failed"), "{denied}");

        let forbidden = r#"{"statusCode":5,"statusMessage":"Forbidden"}"#;
        let f = classify(url, resp(200, forbidden), &opts).unwrap();
        assert!(!f.ok);
        assert_eq!(f.body.get(), forbidden);

        let f = classify(url, resp(403, "Missing or invalid Csrf token"), &opts).unwrap();
        assert!(!f.ok);
        assert_eq!(
            failure_reason(&f.body).unwrap(),
            format!("{url}: HTTP 403 Forbidden: the account lacks permission")
        );

        let f = classify(url, resp(500, "<html>oops</html>"), &opts).unwrap();
        assert_eq!(
            failure_reason(&f.body).unwrap(),
            format!("{url}: HTTP 500 Internal Server Error")
        );

        let f = classify(url, resp(200, "[]"), &opts).unwrap();
        assert!(!f.ok);

        let f = classify(
            url,
            Attempt::Failed {
                reason: "connection refused".into(),
                retry: true,
                before_response: true,
                bytes: 0,
            },
            &opts,
        )
        .unwrap();
        assert!(!f.reached && !f.ok);
        assert_eq!(
            f.body.get(),
            format!(r#"{{"gwsxError":"{url}: connection refused"}}"#)
        );
    }

    #[test]
    fn debug_redacts_the_password() {
        let opts = LiveOptions {
            password: Some("hunter2".into()),
            ..Default::default()
        };
        assert!(!format!("{opts:?}").contains("hunter2"));
    }
}
