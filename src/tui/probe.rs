//! Measurement and test hooks, read from the environment once:
//! - `GWSX_FIRST_FRAME_LOG=FILE`: write the seconds from process start to the first frame
//!   that shows loaded data (scripts/bench.sh reads it);
//! - `GWSX_EXIT_AFTER_FIRST_FRAME=1`: quit right after that frame;
//! - `GWSX_TEST_PANIC=1`: panic after that frame, in debug builds only (never reachable in
//!   release), to prove the terminal is restored on a panic.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();

/// Call first thing in `main`: the clock the first-frame time is measured from.
pub fn mark_process_start() {
    START.get_or_init(Instant::now);
}

pub struct Probe {
    log: Option<PathBuf>,
    exit_after: bool,
    panic_after: bool,
    done: bool,
}

impl Probe {
    pub fn from_env() -> Probe {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
        Probe {
            log: std::env::var_os("GWSX_FIRST_FRAME_LOG").map(PathBuf::from),
            exit_after: set("GWSX_EXIT_AFTER_FIRST_FRAME"),
            panic_after: cfg!(debug_assertions) && set("GWSX_TEST_PANIC"),
            done: false,
        }
    }

    /// After a frame is drawn: acts once, on the first frame that shows loaded data.
    /// Returns `true` when the TUI should quit.
    pub fn frame_drawn(&mut self, has_data: bool) -> bool {
        if self.done || !has_data {
            return false;
        }
        self.done = true;
        if let Some(path) = &self.log {
            let start = START.get_or_init(Instant::now);
            let _ = std::fs::write(path, format!("{:.3}\n", start.elapsed().as_secs_f64()));
        }
        // `panic_after` includes cfg!(debug_assertions): a release build never gets here.
        if self.panic_after {
            panic!("injected test panic (GWSX_TEST_PANIC)");
        }
        self.exit_after
    }
}
