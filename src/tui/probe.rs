//! Measurement and test hooks, read from the environment once:
//! - `GWSX_FIRST_FRAME_LOG=FILE`: write the seconds from process start to the first frame
//!   that shows loaded data (the inventory), then on a second line to the first frame that
//!   shows the audit's findings too (scripts/bench.sh reads both);
//! - `GWSX_EXIT_AFTER_FIRST_FRAME=1`: quit right after the frame with the findings;
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

pub struct Probe {
    log: Option<PathBuf>,
    exit_after: bool,
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
            panic_after: cfg!(debug_assertions) && set("GWSX_TEST_PANIC"),
            data_seen: false,
            done: false,
        }
    }

    /// After a frame is drawn: logs the first frame with data and the first with findings.
    /// Returns `true` when the TUI should quit.
    pub fn frame_drawn(&mut self, has_data: bool, audited: bool) -> bool {
        if self.done || !has_data {
            return false;
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
            return false;
        }
        self.done = true;
        self.log(true);
        self.exit_after
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
