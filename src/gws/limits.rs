//! What bounds a live fetch besides the per-request `--timeout`: the bytes the whole fetch
//! may hold, the deadline of the whole fetch, and what the snapshot reader would refuse.

use crate::snapshot::MAX_DEPTH;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The most body bytes one fetch holds at once, all requests together (in flight and
/// already received): 1 GiB, the most a gzip snapshot may expand to when it is read back.
pub const MAX_HELD_BYTES: usize = 1 << 30;

/// The whole fetch's deadline is this many times `--timeout` (30 s → 4 min). Eleven
/// requests, four at a time, each up to four tries, fit in it unless most of them time out.
pub const FETCH_DEADLINE_FACTOR: u32 = 8;

/// Test hook: lowers (never raises) [`MAX_HELD_BYTES`] for the binary, so a test of an
/// endless body does not need to move a gibibyte.
pub const HELD_BYTES_ENV: &str = "GWSX_TEST_MAX_HELD_BYTES";

/// The deepest a stored body may nest: the reader allows `MAX_DEPTH` levels in the whole
/// snapshot file, and the snapshot's own object and its `responses` take two of them.
pub const BODY_MAX_DEPTH: usize = MAX_DEPTH - 2;

/// The cap on held bytes for the command line: [`MAX_HELD_BYTES`], or less when
/// [`HELD_BYTES_ENV`] says so.
pub fn held_bytes_cap_from_env() -> usize {
    std::env::var(HELD_BYTES_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .map_or(MAX_HELD_BYTES, |n| n.min(MAX_HELD_BYTES))
}

/// The whole fetch's deadline for a per-request timeout.
pub fn fetch_deadline(timeout: Duration) -> Duration {
    timeout.saturating_mul(FETCH_DEADLINE_FACTOR)
}

/// `1024 MiB`, `64 KiB`, `100 B`: a cap as people write it.
pub fn cap_text(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} B")
    }
}

/// Bytes shared by every request of one fetch.
#[derive(Debug)]
pub struct ByteBudget {
    cap: usize,
    used: AtomicUsize,
}

impl ByteBudget {
    pub fn new(cap: usize) -> Arc<ByteBudget> {
        Arc::new(ByteBudget {
            cap,
            used: AtomicUsize::new(0),
        })
    }

    pub fn cap(&self) -> usize {
        self.cap
    }

    /// Bytes held now.
    pub fn used(&self) -> usize {
        self.used.load(Ordering::Acquire)
    }

    /// An empty claim on this budget, released when dropped.
    pub fn hold(self: &Arc<Self>) -> Held {
        Held {
            budget: Arc::clone(self),
            bytes: 0,
        }
    }

    fn try_take(&self, n: usize) -> bool {
        self.used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                used.checked_add(n).filter(|&total| total <= self.cap)
            })
            .is_ok()
    }

    fn give_back(&self, n: usize) {
        // Never below zero, whatever the order of releases.
        let _ = self
            .used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                Some(used.saturating_sub(n))
            });
    }
}

/// Bytes one body holds of a [`ByteBudget`]; given back when dropped (the body failed, was
/// retried, was cancelled, or the fetch is over).
#[derive(Debug)]
pub struct Held {
    budget: Arc<ByteBudget>,
    bytes: usize,
}

impl Held {
    /// Takes `n` more bytes; `false` (nothing taken) when that would pass the cap.
    pub fn grow(&mut self, n: usize) -> bool {
        if self.budget.try_take(n) {
            self.bytes += n;
            true
        } else {
            false
        }
    }

    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        self.budget.give_back(self.bytes);
    }
}

/// Why the snapshot reader would refuse this body once it is stored, or `None`: nesting
/// deeper than [`BODY_MAX_DEPTH`] (the text is UTF-8 already; a body that is not is
/// refused before this). Counts brackets outside strings, as the reader does.
pub fn reader_refusal(text: &str) -> Option<String> {
    crate::snapshot::first_too_deep(text, BODY_MAX_DEPTH).map(|_| {
        format!(
            "the body nests deeper than {BODY_MAX_DEPTH} levels (a snapshot may nest \
             {MAX_DEPTH}, two of them its own), so gwsx could not read it back; not stored"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn depth_limit_leaves_room_for_the_snapshot() {
        assert_eq!(BODY_MAX_DEPTH, 126);
        assert_eq!(reader_refusal(&nested(BODY_MAX_DEPTH)), None);
        let why = reader_refusal(&nested(BODY_MAX_DEPTH + 1)).unwrap();
        assert!(why.contains("deeper than 126 levels"), "{why}");
        // Brackets inside strings, escaped quotes included, do not count.
        let quoted = format!(r#"{{"a":"\"{}"}}"#, "[".repeat(500));
        assert_eq!(reader_refusal(&quoted), None);
        assert_eq!(reader_refusal(r#"{"a":"\"#), None);
    }

    #[test]
    fn budget_is_shared_and_given_back() {
        let budget = ByteBudget::new(100);
        let mut a = budget.hold();
        let mut b = budget.hold();
        assert!(a.grow(60));
        assert!(!b.grow(41), "60 + 41 passes the cap of 100");
        assert!(b.grow(40));
        assert_eq!(budget.used(), 100);
        drop(a);
        assert_eq!(budget.used(), 40);
        assert!(b.grow(60));
        drop(b);
        assert_eq!(budget.used(), 0);
    }

    #[test]
    fn caps_and_deadlines() {
        assert_eq!(cap_text(MAX_HELD_BYTES), "1024 MiB");
        assert_eq!(cap_text(64 << 10), "64 KiB");
        assert_eq!(cap_text(1000), "1000 B");
        assert_eq!(
            fetch_deadline(Duration::from_secs(30)),
            Duration::from_secs(240)
        );
    }
}
