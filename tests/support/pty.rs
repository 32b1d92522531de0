//! The real binary in a pseudo-terminal, as a person sees it (vt100 parses the screen):
//! start, send keys, wait for text with a deadline, wait for the exit. Every wait has a
//! deadline; the child is killed rather than left hanging. Shared by the pty tests
//! (`#[path = "support/pty.rs"] mod pty;`).

#![allow(dead_code)]

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("non-zero size")
}

pub struct Session {
    pub parser: vt100::Parser,
    rx: Receiver<Vec<u8>>,
    pub raw: Vec<u8>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    pub fn start(args: &[&str], env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_gwsx"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        // A developer's own config file never leaks in (a test may name another).
        cmd.env("GWSX_CONFIG", "/dev/null");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn gwsx");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Session {
            parser: vt100::Parser::new(nz(ROWS), nz(COLS), 0),
            rx,
            raw: Vec::new(),
            writer,
            child,
            master: pair.master,
        }
    }

    pub fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.rx.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        while let Ok(bytes) = self.rx.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
        self.parser.set_size(nz(rows), nz(cols));
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until every needle is on screen, or fails with the screen after `secs`.
    pub fn wait_for(&mut self, needles: &[&str], secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            self.pump(Duration::from_millis(50));
            let screen = self.screen();
            if needles.iter().all(|n| screen.contains(n)) {
                return;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("timed out waiting for {needles:?}; screen:\n{screen}");
            }
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to pty");
        self.writer.flush().expect("flush pty");
        self.pump(Duration::from_millis(100));
    }

    /// Waits for the child to exit; kills it after `secs`.
    pub fn wait_exit(&mut self, secs: u64) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            self.pump(Duration::from_millis(50));
            if let Ok(Some(status)) = self.child.try_wait() {
                // Drain what is left of the output.
                self.pump(Duration::from_millis(200));
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("gwsx did not exit; screen:\n{}", self.screen());
            }
        }
    }
}

/// A `gwsx serve` of a snapshot on a free loopback port, killed when dropped (or by `stop`).
pub struct Serve {
    child: std::process::Child,
    /// `127.0.0.1:PORT`.
    pub listen: String,
}

impl Serve {
    /// Starts it and waits until it accepts connections.
    pub fn start(snapshot: &str) -> Serve {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let listen = format!("127.0.0.1:{port}");
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_gwsx"))
            .env("GWSX_CONFIG", "/dev/null")
            .args(["serve", snapshot, "--listen", &listen])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start gwsx serve");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(&listen).is_err() {
            assert!(Instant::now() < deadline, "gwsx serve did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Serve { child, listen }
    }

    /// Ends the server now (the test goes on without it).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        self.stop();
    }
}
