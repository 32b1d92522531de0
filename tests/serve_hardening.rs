//! `gwsx serve` under clients that misbehave: a stderr nobody reads, connections that send
//! their headers slowly or nothing at all, more connections than the limit, repeated wrong
//! passwords. Each test starts its own `gwsx serve` on 127.0.0.1 and is bounded in time.
//!
//! `serve_load_numbers` (ignored) measures the README's numbers:
//! `cargo test --release --test serve_hardening -- --ignored --nocapture`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStderr, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_gwsx");
const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/snapshot-101.json"
);
const VERSION: &str = "/api/v2/diagnostics/version";

/// `gwsx serve` with stderr a pipe: only its first line ("listening on") is read here, the
/// rest is left to the test (read it, or never). Killed on drop.
struct Serve {
    child: Child,
    addr: String,
    stderr: Option<ChildStderr>,
}

impl Serve {
    fn start(env: &[(&str, &str)]) -> Serve {
        let mut cmd = Command::new(BIN);
        cmd.env("GWSX_CONFIG", "/dev/null");
        cmd.args(["serve", FIXTURE, "--listen", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .env_remove("GWSX_SERVE_USER")
            .env_remove("GWSX_SERVE_PASSWORD");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn gwsx serve");
        let mut stderr = child.stderr.take().expect("stderr");
        // Byte by byte: nothing after the first line is taken out of the pipe.
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        while stderr.read_exact(&mut byte).is_ok() && byte[0] != b'\n' {
            line.push(byte[0]);
        }
        let line = String::from_utf8_lossy(&line).to_string();
        let addr = line
            .strip_prefix("gwsx serve: listening on http://")
            .and_then(|rest| rest.strip_suffix("/api/v2"))
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        Serve {
            child,
            addr,
            stderr: Some(stderr),
        }
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.set_nodelay(true).unwrap();
        s
    }

    fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Reads stderr from now on, in a thread; its lines come through the channel.
    fn drain(&mut self) -> std::sync::mpsc::Receiver<String> {
        let (tx, rx) = std::sync::mpsc::channel();
        let stderr = self.stderr.take().expect("stderr not drained yet");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        rx
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One keep-alive HTTP/1.1 client connection.
struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    fn new(stream: TcpStream) -> Client {
        Client {
            writer: stream.try_clone().unwrap(),
            reader: BufReader::new(stream),
        }
    }

    /// GET `path`: (status, body).
    fn get(&mut self, path: &str, auth: Option<&str>) -> std::io::Result<(u16, Vec<u8>)> {
        let auth = auth
            .map(|a| format!("Authorization: Basic {a}\r\n"))
            .unwrap_or_default();
        write!(
            self.writer,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}\r\n"
        )?;
        self.writer.flush()?;
        read_response(&mut self.reader)
    }
}

fn read_response(reader: &mut impl BufRead) -> std::io::Result<(u16, Vec<u8>)> {
    let mut status_line = String::new();
    if reader.read_line(&mut status_line)? == 0 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "closed",
        ));
    }
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {status_line:?}")))?;
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body)?;
    Ok((status, body))
}

/// Base64 of `user:password` (test-side, RFC 4648).
fn basic(user: &str, password: &str) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let input = format!("{user}:{password}").into_bytes();
    let mut out = String::new();
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `total` GETs of `path` over `connections` keep-alive connections; every answer must be
/// 200. Returns the requests per second.
fn hammer(serve: &Serve, connections: usize, total: usize, path: &'static str) -> f64 {
    let started = Instant::now();
    let per = total / connections;
    let threads: Vec<_> = (0..connections)
        .map(|_| {
            let mut client = Client::new(serve.connect());
            std::thread::spawn(move || {
                for i in 0..per {
                    match client.get(path, None) {
                        Ok((200, _)) => {}
                        other => panic!("request {i}: {other:?}"),
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("a client thread");
    }
    (per * connections) as f64 / started.elapsed().as_secs_f64()
}

#[test]
fn serve_answers_3000_requests_while_nobody_reads_its_stderr() {
    let mut serve = Serve::start(&[]);
    let started = Instant::now();
    // Each request logs a line; a pipe holds about 64 KiB, so logging blocked after about a
    // thousand before.
    hammer(&serve, 4, 3000, VERSION);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
    assert!(serve.alive());
    // Read stderr now: the lines that found the queue full were counted, and the count is
    // written before the next line that gets through.
    let lines = serve.drain();
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = Vec::new();
    let mut poke = Client::new(serve.connect());
    loop {
        let _ = poke.get(VERSION, None);
        while let Ok(line) = lines.recv_timeout(Duration::from_millis(50)) {
            seen.push(line);
        }
        if seen.iter().any(|l| l.contains("log line(s) dropped")) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no dropped-lines count in {} lines; last: {:?}",
            seen.len(),
            seen.last()
        );
    }
    let note = seen.iter().find(|l| l.contains("dropped")).unwrap();
    let n: u64 = note
        .trim_start_matches("gwsx serve: ")
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{note}"));
    assert!(n > 0 && n < 3000, "{note}");
}

#[test]
fn slow_and_silent_connections_are_dropped_after_the_header_timeout() {
    let serve = Serve::start(&[]);
    let started = Instant::now();
    // Slowloris: a request line and one header, then nothing more.
    let mut slow = serve.connect();
    slow.write_all(b"GET /api/v2/diagnostics/version HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    // Silent: connected, nothing sent.
    let silent = serve.connect();
    // Idle after one request on a kept-alive connection.
    let mut idle = Client::new(serve.connect());
    assert_eq!(idle.get(VERSION, None).unwrap().0, 200);
    let closed = |mut s: TcpStream| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            // EOF or a reset, both within the read timeout (20 s).
            let r = s.read_to_end(&mut buf);
            (
                r.is_ok()
                    || r.is_err_and(|e| {
                        e.kind() != std::io::ErrorKind::WouldBlock
                            && e.kind() != std::io::ErrorKind::TimedOut
                    }),
                Instant::now(),
            )
        })
    };
    let waits = [
        closed(slow),
        closed(silent),
        closed(idle.reader.into_inner()),
    ];
    for (i, w) in waits.into_iter().enumerate() {
        let (was_closed, at) = w.join().unwrap();
        let after = at - started;
        assert!(was_closed, "connection {i} was not closed");
        assert!(
            after >= Duration::from_secs(9) && after < Duration::from_secs(18),
            "connection {i} closed after {after:?}"
        );
    }
    // The server still answers.
    let mut c = Client::new(serve.connect());
    assert_eq!(c.get(VERSION, None).unwrap().0, 200);
}

#[test]
fn connections_over_the_limit_are_refused_and_the_server_recovers() {
    let serve = Serve::start(&[]);
    // 256 connections held open (each sends nothing, so each holds a slot until the header
    // timeout).
    let held: Vec<TcpStream> = (0..256).map(|_| serve.connect()).collect();
    // Let the server accept them all.
    let mut first = Client::new(serve.connect());
    let deadline = Instant::now() + Duration::from_secs(5);
    let refused = loop {
        match first.get(VERSION, None) {
            Ok((503, body)) => break String::from_utf8_lossy(&body).to_string(),
            // Accepted before all 256 were (the order of accepts is the kernel's): try again.
            _ if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(50));
                first = Client::new(serve.connect());
            }
            other => panic!("the 257th connection was not refused: {other:?}"),
        }
    };
    assert!(refused.contains("Too many connections"), "{refused}");
    drop(held);
    // Slots free as the held connections close.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let mut c = Client::new(serve.connect());
        if let Ok((200, _)) = c.get(VERSION, None) {
            break;
        }
        assert!(Instant::now() < deadline, "no slot came free");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn wrong_passwords_are_slowed_down_per_client() {
    let serve = Serve::start(&[("GWSX_SERVE_USER", "svc"), ("GWSX_SERVE_PASSWORD", "right")]);
    let wrong = basic("svc", "wrong");
    let right = basic("svc", "right");
    let mut c = Client::new(serve.connect());
    let timed = |c: &mut Client, auth: Option<&str>| {
        let t = Instant::now();
        let (status, _) = c.get(VERSION, auth).expect("an answer");
        (status, t.elapsed())
    };
    // The first wrong password is answered at once (a typo costs nothing)...
    let (status, first) = timed(&mut c, Some(&wrong));
    assert_eq!(status, 401);
    // (Bounds on "at once" are loose, the machine may be busy: the waits they are told apart
    // from are longer.)
    assert!(first < Duration::from_secs(1), "{first:?}");
    // ...then each attempt waits longer: 250 ms, 500 ms, 1 s.
    let mut waits = Vec::new();
    for _ in 0..3 {
        let (status, took) = timed(&mut c, Some(&wrong));
        assert_eq!(status, 401);
        waits.push(took);
    }
    assert!(waits[0] >= Duration::from_millis(200), "{waits:?}");
    assert!(waits[1] >= Duration::from_millis(450), "{waits:?}");
    assert!(waits[2] >= Duration::from_millis(900), "{waits:?}");
    // A request without credentials is not an attempt: answered at once.
    let (status, took) = timed(&mut c, None);
    assert_eq!(status, 401);
    assert!(took < Duration::from_millis(900), "{took:?}");
    // Attempts sent in parallel are checked one delay apart; past 8 s of queue, 429 at once.
    let parallel: Vec<_> = (0..8)
        .map(|_| {
            let mut c = Client::new(serve.connect());
            let wrong = wrong.clone();
            std::thread::spawn(move || {
                let t = Instant::now();
                let (status, _) = c.get(VERSION, Some(&wrong)).expect("an answer");
                (status, t.elapsed())
            })
        })
        .collect();
    let results: Vec<(u16, Duration)> = parallel.into_iter().map(|t| t.join().unwrap()).collect();
    assert!(
        results
            .iter()
            .any(|(s, t)| *s == 429 && *t < Duration::from_secs(2)),
        "{results:?}"
    );
    assert!(
        results
            .iter()
            .all(|(s, t)| *s == 429 || (*s == 401 && *t < Duration::from_secs(10))),
        "{results:?}"
    );
    // The right password still gets in (after its turn, at most a few seconds), and then
    // the client is forgotten: the next request is answered at once.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (status, _) = timed(&mut c, Some(&right));
        if status == 200 {
            break;
        }
        assert_eq!(status, 429);
        assert!(Instant::now() < deadline, "never let in");
        std::thread::sleep(Duration::from_millis(500));
    }
    let (status, took) = timed(&mut c, Some(&right));
    assert_eq!(status, 200);
    assert!(took < Duration::from_secs(2), "{took:?}");
}

/// The README's numbers: requests per second with stderr drained and with nobody reading
/// it, and how many idle connections are held. Loopback only; bounded in count and time.
#[test]
#[ignore]
fn serve_load_numbers() {
    const TOTAL: usize = 40_000;
    const CONNECTIONS: usize = 8;
    for (label, drained) in [("stderr drained", true), ("stderr never read", false)] {
        let mut serve = Serve::start(&[]);
        let lines = drained.then(|| serve.drain());
        // Warm up, then measure: small body, and the largest (persons).
        hammer(&serve, CONNECTIONS, 2_000, VERSION);
        let small = hammer(&serve, CONNECTIONS, TOTAL, VERSION);
        let persons = hammer(
            &serve,
            CONNECTIONS,
            TOTAL / 4,
            "/api/v2/platform/configuration/persons",
        );
        println!(
            "{label}: {small:.0} requests/s (/diagnostics/version), {persons:.0} requests/s (persons), {CONNECTIONS} connections"
        );
        drop(lines);
    }
    // Held connections: open 300 idle ones; count those the server keeps.
    let serve = Serve::start(&[]);
    let held: Vec<TcpStream> = (0..300).map(|_| serve.connect()).collect();
    std::thread::sleep(Duration::from_millis(500));
    let mut refused = 0;
    for s in &held {
        s.set_read_timeout(Some(Duration::from_millis(20))).unwrap();
        let mut buf = [0u8; 64];
        if let Ok(n) = (&*s).read(&mut buf)
            && n > 0
            && buf.starts_with(b"HTTP/1.1 503")
        {
            refused += 1;
        }
    }
    println!(
        "held connections: {} of 300 held, {refused} refused with 503",
        300 - refused
    );
}
