//! How `gwsx dump` shows a live fetch on stderr. On a terminal: a line per request under way
//! (bytes so far, the announced length, retries) above a line for the whole fetch, drawn by
//! indicatif, with each resource's `[n/N]` line printed above them as it ends and every bar
//! cleared at the end (or on Ctrl-C). Not on a terminal: only the `[n/N]` lines. `--quiet`:
//! nothing.

use crate::gws::{Progress, Transfer, human_bytes, progress_line};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

/// How often the whole fetch's line redraws on its own (its spinner and elapsed time), so a
/// request that gets nothing for a while still shows the dump is alive.
const TICK: Duration = Duration::from_millis(250);

pub enum FetchProgress {
    Bars(Bars),
    Lines,
    Quiet,
}

impl FetchProgress {
    /// Bars when stderr is a terminal, lines when not, nothing with `quiet`.
    pub fn for_stderr(quiet: bool) -> FetchProgress {
        if quiet {
            FetchProgress::Quiet
        } else if std::io::stderr().is_terminal() {
            FetchProgress::Bars(Bars::new(ProgressDrawTarget::stderr()))
        } else {
            FetchProgress::Lines
        }
    }

    pub fn report(&self, progress: Progress) {
        match self {
            FetchProgress::Bars(bars) => bars.report(progress),
            FetchProgress::Lines => {
                if let Some(line) = progress_line(&progress) {
                    eprintln!("{line}");
                }
            }
            FetchProgress::Quiet => {}
        }
    }
}

/// The bars of one fetch; cleared from the terminal when dropped.
pub struct Bars {
    multi: MultiProgress,
    overall: ProgressBar,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// The line of each request under way, by path.
    lines: HashMap<&'static str, (ProgressBar, usize)>,
    /// Body bytes of the resources already done.
    done_bytes: usize,
}

impl Bars {
    pub fn new(target: ProgressDrawTarget) -> Bars {
        let multi = MultiProgress::with_draw_target(target);
        let overall = multi.add(ProgressBar::new(0));
        overall.set_style(
            ProgressStyle::with_template(
                "{spinner} fetching [{bar:24}] {pos}/{len} resources · {msg} received · {elapsed}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        overall.set_message(human_bytes(0));
        overall.enable_steady_tick(TICK);
        Bars {
            multi,
            overall,
            state: Mutex::new(State::default()),
        }
    }

    fn report(&self, progress: Progress) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        match &progress {
            Progress::Started { total } => self.overall.set_length(*total as u64),
            Progress::Transfer(transfer) => self.transfer(&mut state, transfer),
            Progress::Fetched { path, bytes, .. } => {
                if let Some((line, _)) = state.lines.remove(path.as_str()) {
                    self.close(&line);
                }
                state.done_bytes += bytes;
                if let Some(line) = progress_line(&progress) {
                    // Above the bars, which are drawn again below it.
                    let _ = self.multi.println(line);
                }
                self.overall.inc(1);
            }
        }
        let in_flight: usize = state.lines.values().map(|(_, received)| received).sum();
        self.overall
            .set_message(human_bytes(state.done_bytes + in_flight));
    }

    fn transfer(&self, state: &mut State, transfer: &Transfer) {
        if !transfer.in_flight() {
            // Its `[n/N]` line follows with the resource's outcome.
            if let Some((line, _)) = state.lines.remove(transfer.path) {
                self.close(&line);
            }
            return;
        }
        let (line, received) = state.lines.entry(transfer.path).or_insert_with(|| {
            let line = self
                .multi
                .insert_before(&self.overall, ProgressBar::new_spinner());
            line.set_style(
                ProgressStyle::with_template("  {wide_msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            (line, 0)
        });
        *received = transfer.received;
        line.set_message(transfer_line(transfer));
    }

    fn close(&self, line: &ProgressBar) {
        line.finish_and_clear();
        self.multi.remove(line);
    }
}

impl Drop for Bars {
    fn drop(&mut self) {
        if let Ok(state) = self.state.get_mut() {
            for (line, _) in state.lines.values() {
                line.finish_and_clear();
            }
        }
        self.overall.finish_and_clear();
        let _ = self.multi.clear();
    }
}

/// A request's line: `/platform/configuration/persons  1.2 MiB of 5.0 MiB`.
pub fn transfer_line(transfer: &Transfer) -> String {
    format!("{}  {}", transfer.path, transfer.status_text())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gws::TransferState;

    #[test]
    fn a_request_line_names_the_path_and_its_bytes() {
        let t = Transfer {
            path: "/platform/configuration/persons",
            received: 1_258_291,
            length: Some(5 << 20),
            retry: 1,
            state: TransferState::Receiving,
        };
        assert_eq!(
            transfer_line(&t),
            "/platform/configuration/persons  1.2 MiB of 5.0 MiB (retry 1 of 3)"
        );
    }

    #[test]
    fn bars_track_requests_under_way_and_forget_finished_ones() {
        let bars = Bars::new(ProgressDrawTarget::hidden());
        let path = "/platform/configuration/dns";
        let mut t = Transfer {
            path,
            received: 0,
            length: None,
            retry: 0,
            state: TransferState::Waiting,
        };
        bars.report(Progress::Started { total: 11 });
        bars.report(Progress::Transfer(t.clone()));
        t.state = TransferState::Receiving;
        t.received = 2048;
        bars.report(Progress::Transfer(t.clone()));
        {
            let state = bars.state.lock().unwrap();
            let (line, received) = &state.lines[path];
            assert_eq!(*received, 2048);
            assert_eq!(line.message(), format!("{path}  2.0 KiB"));
        }
        assert_eq!(bars.overall.message(), "2.0 KiB");
        t.state = TransferState::Done;
        bars.report(Progress::Transfer(t));
        bars.report(Progress::Fetched {
            done: 1,
            total: 11,
            path: path.into(),
            bytes: 2048,
            ok: true,
        });
        assert!(bars.state.lock().unwrap().lines.is_empty());
        assert_eq!(bars.overall.position(), 1);
        assert_eq!(bars.overall.length(), Some(11));
        assert_eq!(bars.overall.message(), "2.0 KiB");
    }
}
