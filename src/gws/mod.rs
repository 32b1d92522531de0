//! Live mode's transport: the GWS HTTP client (`fetch_snapshot`) and the replay server
//! (`serve`). The commands that use them (`dump`, `serve`, live sources) are in `commands/`.
//!
//! Only `GET` is ever sent. Passwords never reach a snapshot, a URL, a log line or an
//! error message.

pub mod client;
mod failure;
pub mod limits;
mod options;
pub mod progress;
pub mod serve;
mod time;
pub mod urls;

pub use client::fetch_snapshot;
pub use failure::failure_reason;
pub use options::{
    DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, INSECURE_WARNING, LiveOptions, MAX_TIMEOUT_SECS,
};
pub use progress::{Progress, Transfer, TransferState};
pub use time::{now_rfc3339, rfc3339_utc};
pub use urls::{has_password, hide_password, parse_base_url, plain_http_warning};

use crate::snapshot::Snapshot;

/// The stored responses that are failures, with a one-line reason each, in stored order.
pub fn failures(snapshot: &Snapshot) -> Vec<(String, String)> {
    snapshot
        .responses
        .iter()
        .filter_map(|r| failure_reason(r.body.get()).map(|why| (r.path.clone(), why)))
        .collect()
}

/// [`failures`] as lines for a terminal that each start with the full URL of the resource;
/// control characters from the server (a `statusMessage`, a `gwsxError`) shown escaped.
pub fn failure_lines(snapshot: &Snapshot) -> Vec<String> {
    let base = snapshot.source.base_url.as_deref().unwrap_or("");
    failures(snapshot)
        .into_iter()
        .map(|(path, why)| {
            let url = format!("{base}{path}");
            let line = if why.starts_with(&url) {
                why
            } else {
                format!("{url}: {why}")
            };
            crate::text_safety::escape_controls(&line).into_owned()
        })
        .collect()
}

/// A byte count for people: `512 B`, `12.3 KiB`, `4.5 MiB`.
pub fn human_bytes(bytes: usize) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if b < KIB * KIB {
        format!("{:.1} KiB", b / KIB)
    } else {
        format!("{:.1} MiB", b / (KIB * KIB))
    }
}

/// The progress line the command-line tools print on stderr (`[3/11] /path 12.3 KiB`).
pub fn progress_line(progress: &Progress) -> Option<String> {
    match progress {
        Progress::Started { .. } | Progress::Transfer(_) => None,
        Progress::Fetched {
            done,
            total,
            path,
            bytes,
            ok,
        } => Some(format!(
            "[{done}/{total}] {path} {}{}",
            human_bytes(*bytes),
            if *ok { "" } else { " (failed)" }
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_bytes_units() {
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(1023), "1023 B");
        assert_eq!(human_bytes(12_595), "12.3 KiB");
        assert_eq!(human_bytes(5 * 1024 * 1024 + 512 * 1024), "5.5 MiB");
    }

    #[test]
    fn progress_lines() {
        let p = Progress::Fetched {
            done: 3,
            total: 11,
            path: "/platform/configuration/dns".into(),
            bytes: 12_595,
            ok: true,
        };
        assert_eq!(
            progress_line(&p).as_deref(),
            Some("[3/11] /platform/configuration/dns 12.3 KiB")
        );
        assert_eq!(progress_line(&Progress::Started { total: 11 }), None);
    }
}
