//! The live GWS client: fetch with retry (SNAPSHOT.md §4, research/gws-api.md §1–2). Its
//! options are in `options.rs`, URL handling in `urls.rs`, failure reasons in `failure.rs`.
//!
//! `GET` only; HTTP Basic auth on every request; a cookie store for the session; a
//! per-request timeout from connect to the last body byte; a deadline for the whole fetch;
//! bounded concurrency; a cap on the body bytes held by the whole fetch; redirects followed
//! only within the origin; a few short retries on connect errors, timeouts and HTTP 5xx
//! (every request is an idempotent `GET`).
//!
//! A failed resource is recorded in the snapshot (SNAPSHOT.md §1) and fetching goes on;
//! only a failed login, or a server that cannot be reached at all, is fatal.

use super::failure::{
    chain, classify, http_status, is_certificate_error, redirect_reason, seconds, transport_reason,
};
use super::limits::{self, ByteBudget, Held};
use super::options::{LiveOptions, MAX_TIMEOUT_SECS};
use super::progress::{MAX_RETRIES, Progress, TRANSFER_EVERY, Throttle, Transfer, TransferState};
use super::urls::{self, parse_base_url};
use crate::snapshot::{Resource, Response, Snapshot, SourceInfo};
use crate::text_safety::escape_controls;
use anyhow::{Result, anyhow, bail};
use futures::stream::{self, StreamExt};
use reqwest::{StatusCode, Url};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// Waits before the 1st, 2nd and 3rd retry of a request.
const RETRY_DELAYS: [Duration; MAX_RETRIES] = [
    Duration::from_millis(200),
    Duration::from_millis(400),
    Duration::from_millis(800),
];
/// Same-origin redirects followed, at most, for one request.
const MAX_REDIRECTS: usize = 5;
/// The most a body's announced length reserves up front (it grows past that as bytes come).
const MAX_PREALLOCATION: usize = 64 << 20;

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
        progress: &progress,
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
pub(super) struct Fetched {
    /// What goes in the snapshot: the body as GWS returned it, or `{"gwsxError": ...}`.
    pub(super) body: Box<RawValue>,
    /// Fetched and usable.
    pub(super) ok: bool,
    /// Bytes of body received.
    pub(super) bytes: usize,
    /// An HTTP response came back (false: connection failure or timeout before headers).
    pub(super) reached: bool,
    /// Why it failed.
    pub(super) reason: Option<String>,
    /// The body's bytes on the fetch's budget, held as long as the body is.
    pub(super) _held: Option<Held>,
}

impl Fetched {
    pub(super) fn error(reason: String, bytes: usize, reached: bool) -> Fetched {
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
pub(super) enum Attempt {
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
    progress: &'a (dyn Fn(Progress) + Send + Sync),
}

impl Fetcher<'_> {
    /// [`Fetcher::fetch`] within the whole fetch's deadline: a resource not done by then is
    /// recorded as failed (and counts as not reached).
    async fn fetch_in_time(&self, resource: Resource) -> Result<Fetched> {
        match tokio::time::timeout_at(self.deadline, self.fetch(resource)).await {
            Ok(fetched) => fetched,
            Err(_) => {
                let reason = format!(
                    "not fetched within the deadline of the whole fetch ({}, {} × --timeout)",
                    seconds(self.opts.whole_deadline()),
                    limits::FETCH_DEADLINE_FACTOR
                );
                self.transfer(
                    resource,
                    0,
                    None,
                    0,
                    TransferState::Failed {
                        reason: reason.clone(),
                    },
                );
                Ok(Fetched::error(
                    format!("{}{}: {reason}", self.base, resource.path()),
                    0,
                    false,
                ))
            }
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
            let attempt = self.attempt(resource, &url, retries).await;
            let again = match &attempt {
                Attempt::Response { status, .. } => status.is_server_error(),
                Attempt::Failed { retry, .. } => *retry,
            };
            match RETRY_DELAYS.get(retries) {
                Some(delay) if again => {
                    let reason = match &attempt {
                        Attempt::Response { status, .. } => http_status(*status),
                        Attempt::Failed { reason, .. } => reason.clone(),
                    };
                    // Gives back what the failed try held before waiting.
                    drop(attempt);
                    retries += 1;
                    self.transfer(
                        resource,
                        0,
                        None,
                        retries,
                        TransferState::Retrying { reason },
                    );
                    tokio::time::sleep(*delay).await;
                }
                _ => break attempt,
            }
        };
        let fetched = classify(&url_text, last, self.opts)?;
        let state = match &fetched.reason {
            None if fetched.ok => TransferState::Done,
            why => {
                let why = why.as_deref().unwrap_or("not usable");
                // The URL is the line's already.
                let short = why
                    .strip_prefix(url_text.as_str())
                    .map_or(why, |rest| rest.trim_start_matches(": "));
                TransferState::Failed {
                    reason: short.to_string(),
                }
            }
        };
        self.transfer(resource, fetched.bytes, None, retries, state);
        Ok(fetched)
    }

    /// Reports where `resource`'s request is; the server's words shown escaped.
    fn transfer(
        &self,
        resource: Resource,
        received: usize,
        length: Option<usize>,
        retry: usize,
        state: TransferState,
    ) {
        let escaped = |reason: String| escape_controls(&reason).into_owned();
        let state = match state {
            TransferState::Retrying { reason } => TransferState::Retrying {
                reason: escaped(reason),
            },
            TransferState::Failed { reason } => TransferState::Failed {
                reason: escaped(reason),
            },
            other => other,
        };
        (self.progress)(Progress::Transfer(Transfer {
            path: resource.path(),
            received,
            length,
            retry,
            state,
        }));
    }

    /// One try, bounded by `--timeout` from connect to the last byte of the body.
    /// Reports it as it goes (retry `retry`).
    async fn attempt(&self, resource: Resource, url: &Url, retry: usize) -> Attempt {
        let timeout = self.opts.timeout;
        let report =
            |received, length, state| self.transfer(resource, received, length, retry, state);
        report(0, None, TransferState::Waiting);
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
        let announced = response
            .content_length()
            .and_then(|n| usize::try_from(n).ok());
        let expected = announced.unwrap_or(0);
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
        report(0, announced, TransferState::Receiving);
        let mut throttle = Throttle::new(TRANSFER_EVERY);
        throttle.due(std::time::Instant::now());
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
                    if throttle.due(std::time::Instant::now()) {
                        report(body.len(), announced, TransferState::Receiving);
                    }
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
