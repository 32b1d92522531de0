//! How to reach GWS: the live options and their defaults.

use super::limits;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// `--timeout` when not given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// How many requests are in flight at once.
pub const DEFAULT_CONCURRENCY: usize = 4;
/// The largest `--timeout` (a day).
pub const MAX_TIMEOUT_SECS: u64 = 86_400;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_the_password() {
        let opts = LiveOptions {
            password: Some("hunter2".into()),
            ..Default::default()
        };
        assert!(!format!("{opts:?}").contains("hunter2"));
    }
}
