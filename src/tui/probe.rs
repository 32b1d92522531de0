//! Measurement and test hooks, read from the environment once:
//! - `GWSX_FIRST_FRAME_LOG=FILE`: write the seconds from process start to the first frame
//!   that shows loaded data (the inventory), then on a second line to the first frame that
//!   shows the audit's findings too (scripts/bench.sh reads both);
//! - `GWSX_EXIT_AFTER_FIRST_FRAME=1`: quit right after the frame with the findings;
//! - `GWSX_WHATIF_LOG=FILE`: after the frame with the findings, apply the what-if (as `w`
//!   does), then on the frame with its findings write one line: the peak resident memory
//!   after the load (KiB), the seconds from the what-if to that frame, and the peak after it
//!   (KiB); then quit (scripts/bench.sh reads it);
//! - `GWSX_TEST_PANIC=1`: panic after the first frame with data, in debug builds only (never
//!   reachable in release), to prove the terminal is restored on a panic.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();

/// Call first thing in `main`: the clock the first-frame time is measured from.
pub fn mark_process_start() {
    START.get_or_init(Instant::now);
}

/// What the event loop does after a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Continue,
    Quit,
    /// Apply the what-if now (GWSX_WHATIF_LOG).
    WhatIf,
}

pub struct Probe {
    log: Option<PathBuf>,
    exit_after: bool,
    what_if_log: Option<PathBuf>,
    /// The peak RSS after the load and when the what-if started, while it runs.
    what_if_started: Option<(u64, Instant)>,
    /// A frame without findings was drawn since: the what-if's data is on screen.
    what_if_recomputed: bool,
    panic_after: bool,
    /// The frame with data was drawn; the frame with the findings too.
    data_seen: bool,
    done: bool,
}

impl Probe {
    pub fn from_env() -> Probe {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
        Probe {
            log: std::env::var_os("GWSX_FIRST_FRAME_LOG").map(PathBuf::from),
            exit_after: set("GWSX_EXIT_AFTER_FIRST_FRAME"),
            what_if_log: std::env::var_os("GWSX_WHATIF_LOG").map(PathBuf::from),
            what_if_started: None,
            what_if_recomputed: false,
            panic_after: cfg!(debug_assertions) && set("GWSX_TEST_PANIC"),
            data_seen: false,
            done: false,
        }
    }

    /// After a frame is drawn: logs the first frame with data and the first with findings,
    /// and times the what-if that GWSX_WHATIF_LOG asks for.
    pub fn frame_drawn(&mut self, has_data: bool, audited: bool) -> Next {
        if let Some((load_peak, at)) = self.what_if_started {
            // The data before the what-if is audited too: wait for the recomputed data.
            if !audited {
                self.what_if_recomputed = true;
            }
            if !(audited && self.what_if_recomputed) {
                return Next::Continue;
            }
            let seconds = at.elapsed().as_secs_f64();
            let line = format!("{load_peak} {seconds:.3} {}\n", peak_rss_kib());
            if let Some(path) = &self.what_if_log {
                let _ = std::fs::write(path, line);
            }
            return Next::Quit;
        }
        if self.done || !has_data {
            return Next::Continue;
        }
        if !self.data_seen {
            self.data_seen = true;
            self.log(false);
            // `panic_after` includes cfg!(debug_assertions): a release build never gets here.
            if self.panic_after {
                panic!("injected test panic (GWSX_TEST_PANIC)");
            }
        }
        if !audited {
            return Next::Continue;
        }
        self.done = true;
        self.log(true);
        if self.what_if_log.is_some() {
            self.what_if_started = Some((peak_rss_kib(), Instant::now()));
            return Next::WhatIf;
        }
        if self.exit_after {
            Next::Quit
        } else {
            Next::Continue
        }
    }

    fn log(&self, append: bool) {
        let Some(path) = &self.log else { return };
        let start = START.get_or_init(Instant::now);
        let line = format!("{:.3}\n", start.elapsed().as_secs_f64());
        let file = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(path);
        if let Ok(mut file) = file {
            let _ = std::io::Write::write_all(&mut file, line.as_bytes());
        }
    }
}

/// The process's peak resident memory (VmHWM, KiB); 0 where /proc is not there.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}
