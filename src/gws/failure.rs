//! Why a request failed, in one line that names the URL and the HTTP status: the outcome
//! of each try classified (fatal, recorded, retried), bodies the reader could not read, and
//! transport errors in words.

use super::client::{Attempt, Fetched};
use super::limits;
use super::options::LiveOptions;
use super::urls::{self, redact};
use crate::envelope::{Envelope, Failure};
use anyhow::{Result, bail};
use reqwest::StatusCode;
use serde_json::value::RawValue;
use std::time::Duration;

/// Why a stored body is a failure (SNAPSHOT.md §1), or `None` when it is a success:
/// the `gwsxError` text, or the meaning of a non-zero `statusCode`.
pub fn failure_reason(body: &str) -> Option<String> {
    let Ok(envelope) = Envelope::read(body) else {
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
pub(super) fn http_status(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    }
}

pub(super) fn one_line(text: &str, max_chars: usize) -> String {
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

/// Why a 3xx that was not followed fails its resource: where it pointed.
pub(super) fn redirect_reason(status: StatusCode, response: &reqwest::Response) -> String {
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
pub(super) fn classify(url: &str, attempt: Attempt, opts: &LiveOptions) -> Result<Fetched> {
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
pub(super) fn parse_body(body: Vec<u8>) -> std::result::Result<Box<RawValue>, String> {
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

pub(super) fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// Every message in an error's chain, joined by `: `, skipping repeats.
pub(super) fn chain(e: &(dyn std::error::Error + 'static)) -> String {
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
pub(super) fn transport_reason(e: &reqwest::Error, timeout: Duration) -> String {
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

pub(super) fn is_certificate_error(e: &reqwest::Error) -> bool {
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
    fn failure_reasons() {
        assert_eq!(
            failure_reason(raw(r#"{"statusCode":0,"dns":[]}"#).get()),
            None
        );
        assert_eq!(failure_reason(raw(r#"{"dns":[]}"#).get()), None);
        assert_eq!(
            failure_reason(raw(r#"{"statusCode":5,"statusMessage":"Forbidden"}"#).get()).as_deref(),
            Some("statusCode 5: the account lacks permission (Forbidden)")
        );
        assert_eq!(
            failure_reason(raw(r#"{"statusCode":"6"}"#).get()).as_deref(),
            Some("statusCode 6: not found")
        );
        assert_eq!(
            failure_reason(raw(r#"{"statusCode":6,"statusMessage":"Not found"}"#).get()).as_deref(),
            Some("statusCode 6: not found")
        );
        assert_eq!(
            failure_reason(raw(r#"{"statusCode":3,"statusMessage":"x"}"#).get()).as_deref(),
            Some("statusCode 3: the account lacks permission (x)")
        );
        assert_eq!(
            failure_reason(raw(r#"{"gwsxError":"connection refused"}"#).get()).as_deref(),
            Some("connection refused")
        );
        assert!(failure_reason(raw("[1]").get()).is_some());
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
            failure_reason(f.body.get()).unwrap(),
            format!("{url}: HTTP 403 Forbidden: the account lacks permission")
        );

        let f = classify(url, resp(500, "<html>oops</html>"), &opts).unwrap();
        assert_eq!(
            failure_reason(f.body.get()).unwrap(),
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
}
