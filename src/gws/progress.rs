//! What a live fetch reports as it goes: the fetch's start, each resource as it ends, and, in
//! between, each resource's transfer (bytes so far, the announced length, the try it is on).
//! `gwsx dump` draws it as progress bars, the TUI on its loading screen.
//!
//! Transfer reports are throttled per request ([`TRANSFER_EVERY`]), so a body of a gibibyte in
//! small chunks costs a few reports a second, not one per chunk.

use super::human_bytes;
use std::time::{Duration, Instant};

/// The retries a request gets after its first try (the client's delays before each).
pub const MAX_RETRIES: usize = 3;

/// The least time between two byte counts reported for one request.
pub const TRANSFER_EVERY: Duration = Duration::from_millis(100);

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
    /// Where one resource's request is (sent, receiving, retrying, done or failed).
    Transfer(Transfer),
}

/// One resource's request as it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    /// The resource's request path (SNAPSHOT.md §4).
    pub path: &'static str,
    /// Body bytes received so far by this try.
    pub received: usize,
    /// The body's length as the server announced it (`Content-Length`), when it did.
    pub length: Option<usize>,
    /// 0 for the first try, then the retry it is (1 to [`MAX_RETRIES`]).
    pub retry: usize,
    pub state: TransferState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferState {
    /// The request is sent; no response yet.
    Waiting,
    /// The response came; its body is arriving.
    Receiving,
    /// The try failed (`reason`); retry [`Transfer::retry`] follows a short wait.
    Retrying { reason: String },
    /// Fetched and usable.
    Done,
    /// Recorded as failed, for `reason`.
    Failed { reason: String },
}

impl Transfer {
    /// Still under way (not done, not failed).
    pub fn in_flight(&self) -> bool {
        !matches!(
            self.state,
            TransferState::Done | TransferState::Failed { .. }
        )
    }

    /// Where it is, in words, without the path: `1.2 MiB of 5.0 MiB`, `waiting for the
    /// response (retry 1 of 3)`, `retry 2 of 3 after: no response within 30 s (--timeout)`.
    pub fn status_text(&self) -> String {
        let retry = if self.retry > 0 && !matches!(self.state, TransferState::Retrying { .. }) {
            format!(" (retry {} of {MAX_RETRIES})", self.retry)
        } else {
            String::new()
        };
        let state = match &self.state {
            TransferState::Waiting => "waiting for the response".to_string(),
            TransferState::Receiving => bytes_of(self.received, self.length),
            TransferState::Retrying { reason } => {
                format!("retry {} of {MAX_RETRIES} after: {reason}", self.retry)
            }
            TransferState::Done => format!("{} done", human_bytes(self.received)),
            TransferState::Failed { reason } => format!("failed: {reason}"),
        };
        format!("{state}{retry}")
    }
}

/// `1.2 MiB`, or `1.2 MiB of 5.0 MiB` when the length is known.
pub fn bytes_of(received: usize, length: Option<usize>) -> String {
    match length {
        Some(total) => format!("{} of {}", human_bytes(received), human_bytes(total)),
        None => human_bytes(received),
    }
}

/// Lets a report through at most once per `every`; the first always passes.
#[derive(Debug)]
pub struct Throttle {
    every: Duration,
    last: Option<Instant>,
}

impl Throttle {
    pub fn new(every: Duration) -> Throttle {
        Throttle { every, last: None }
    }

    /// Whether a report at `now` goes out (and, if so, `now` is the last one).
    pub fn due(&mut self, now: Instant) -> bool {
        let due = self
            .last
            .is_none_or(|last| now.saturating_duration_since(last) >= self.every);
        if due {
            self.last = Some(now);
        }
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttle_lets_one_through_per_interval() {
        let t0 = Instant::now();
        let mut throttle = Throttle::new(Duration::from_millis(100));
        let at = |ms| t0 + Duration::from_millis(ms);
        let passed: Vec<u64> = [0, 10, 99, 100, 150, 199, 200, 450, 451]
            .into_iter()
            .filter(|&ms| throttle.due(at(ms)))
            .collect();
        assert_eq!(passed, [0, 100, 200, 450]);
        // A clock that goes back never lets a burst through.
        assert!(!throttle.due(at(300)));
    }

    fn transfer(
        received: usize,
        length: Option<usize>,
        retry: usize,
        state: TransferState,
    ) -> Transfer {
        Transfer {
            path: "/platform/configuration/persons",
            received,
            length,
            retry,
            state,
        }
    }

    #[test]
    fn status_texts() {
        let mib = 1 << 20;
        let t = transfer(1_258_291, None, 0, TransferState::Receiving);
        assert_eq!(t.status_text(), "1.2 MiB");
        let t = transfer(mib + mib / 5, Some(5 * mib), 0, TransferState::Receiving);
        assert_eq!(t.status_text(), "1.2 MiB of 5.0 MiB");
        let t = transfer(0, None, 1, TransferState::Waiting);
        assert_eq!(t.status_text(), "waiting for the response (retry 1 of 3)");
        let t = transfer(
            0,
            None,
            2,
            TransferState::Retrying {
                reason: "HTTP 503 Service Unavailable".into(),
            },
        );
        assert_eq!(
            t.status_text(),
            "retry 2 of 3 after: HTTP 503 Service Unavailable"
        );
        assert!(t.in_flight());
        let t = transfer(512, Some(512), 0, TransferState::Done);
        assert_eq!(t.status_text(), "512 B done");
        assert!(!t.in_flight());
        let t = transfer(
            10,
            None,
            3,
            TransferState::Failed {
                reason: "cut off".into(),
            },
        );
        assert_eq!(t.status_text(), "failed: cut off (retry 3 of 3)");
        assert!(!t.in_flight());
    }
}
