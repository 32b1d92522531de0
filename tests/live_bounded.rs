//! Live mode against hostile servers (issue 12): every dump ends in bounded time and memory,
//! writes only a regular file, writes only what gwsx reads back, follows no redirect to
//! another origin, and never shows a password from a URL. Each server is in-process on
//! 127.0.0.1 with an ephemeral port; each run is killed (and the test failed) past a limit.

#[path = "support/hostile.rs"]
mod hostile;

use gwsx::snapshot;
use hostile::*;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

const MIB: u64 = 1 << 20;

fn trickle() -> Reply {
    Reply::Trickle {
        head: r#"{"statusCode":0,"#,
        filler: b' ',
        interval: Duration::from_millis(500),
    }
}

fn endless() -> Reply {
    Reply::Endless {
        head: r#"{"statusCode":0,"persons":["#,
        block: 64 << 10,
    }
}

/// An empty GWS list whose envelope also holds `[…[`, `depth` levels deep in all (the top
/// object is level 1).
fn nested_body(key: &str, depth: usize) -> Vec<u8> {
    let inner = depth - 1;
    format!(
        r#"{{"statusCode":0,"{key}":[],"extra":{}{}}}"#,
        "[".repeat(inner),
        "]".repeat(inner)
    )
    .into_bytes()
}

fn lines_naming<'a>(stderr: &'a str, needle: &str) -> Vec<&'a str> {
    stderr.lines().filter(|l| l.contains(needle)).collect()
}

// ------------------------------------------------------------------------------ timeouts

#[test]
fn a_trickling_body_fails_after_the_timeout_and_the_dump_ends() {
    // One byte every half second: each piece comes well within --timeout, the whole never.
    let server = Hostile::start(|path| {
        if path == ENVIRONMENTS {
            trickle()
        } else {
            Reply::Fixture
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let run = run_bounded(
        &mut dump_cmd(&server.base, &output, &["--timeout", "3"]),
        Duration::from_secs(30),
    );
    eprintln!(
        "trickle, --timeout 3: exit {:?} after {:?}",
        run.code, run.elapsed
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    // Four tries of 3 s plus 1.4 s of backoff.
    assert!(run.elapsed >= Duration::from_secs(12), "{:?}", run.elapsed);
    assert!(run.elapsed < Duration::from_secs(30), "{:?}", run.elapsed);
    let last = run.stderr.lines().last().unwrap();
    assert!(
        last.contains(&format!("{}{ENVIRONMENTS}", server.base))
            && last.contains("HTTP 200 OK: the body was not complete within 3 s (--timeout)"),
        "{}",
        run.stderr
    );
    assert_eq!(server.hits(ENVIRONMENTS), 4);
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

#[test]
fn a_trickling_resource_is_recorded_and_the_rest_written() {
    let server = Hostile::start(|path| {
        if path == PERSONS {
            trickle()
        } else {
            Reply::Fixture
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let run = run_bounded(
        &mut dump_cmd(&server.base, &output, &["--timeout", "2"]),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let dumped = snapshot::load(&output).unwrap();
    let why = stored_failure(&dumped, PERSONS).unwrap();
    assert!(
        why.starts_with(&format!(
            "{}{PERSONS}: HTTP 200 OK: the body was not complete within 2 s (--timeout): ",
            server.base
        )) && why.ends_with(" bytes came"),
        "{why}"
    );
    assert!(stored_failure(&dumped, ENVIRONMENTS).is_none());
    assert_eq!(files_in(dir.path()), ["out.json"]);
}

#[test]
fn the_whole_fetch_has_a_deadline() {
    // Everything trickles: each resource would take 4 × 2 s + backoff, 11 of them 4 at a
    // time far longer; the fetch's deadline (8 × --timeout = 16 s) ends it.
    let server = Hostile::start(|_| trickle());
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let run = run_bounded(
        &mut dump_cmd(&server.base, &output, &["--timeout", "2"]),
        Duration::from_secs(40),
    );
    eprintln!(
        "all trickle, --timeout 2: exit {:?} after {:?}",
        run.code, run.elapsed
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.elapsed >= Duration::from_secs(15), "{:?}", run.elapsed);
    assert!(run.elapsed < Duration::from_secs(22), "{:?}", run.elapsed);
    assert!(
        run.stderr
            .contains("not fetched within the deadline of the whole fetch (16 s, 8 × --timeout)"),
        "{}",
        run.stderr
    );
    assert!(files_in(dir.path()).is_empty());
}

// ------------------------------------------------------------------------------ memory

#[test]
fn endless_bodies_share_one_cap_and_the_dump_ends() {
    // Four endless bodies in flight at once; the cap (lowered to 8 MiB for the test) is for
    // all of them together.
    let server = Hostile::start(|path| match path {
        ENVIRONMENTS | PERSONS | DNS | PLACES => endless(),
        _ => Reply::Fixture,
    });
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let run = run_bounded(
        dump_cmd(&server.base, &output, &[]).env("GWSX_TEST_MAX_HELD_BYTES", (8 * MIB).to_string()),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let capped = lines_naming(
        &run.stderr,
        "the body passed the cap of 8 MiB on the bytes a fetch holds (all requests together)",
    );
    assert!(!capped.is_empty(), "{}", run.stderr);
    assert!(
        run.stderr.lines().last().unwrap().contains(ENVIRONMENTS),
        "{}",
        run.stderr
    );
    assert!(run.peak_rss < 200 * MIB, "peak {} MiB", run.peak_rss / MIB);
    assert!(files_in(dir.path()).is_empty());
    // Not retried: a body past the cap would be past it again.
    assert_eq!(server.hits(ENVIRONMENTS), 1);
}

#[test]
fn bodies_that_fit_alone_but_not_together_fail_the_shared_cap() {
    // Four bodies of 3 MiB, each under the 8 MiB cap, 12 MiB together.
    let server = Hostile::start(|path| match path {
        PERSONS | DNS | PLACES | AGENT_LOGINS => Reply::Sized { len: 3 << 20 },
        _ => Reply::Fixture,
    });
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let run = run_bounded(
        dump_cmd(&server.base, &output, &[]).env("GWSX_TEST_MAX_HELD_BYTES", (8 * MIB).to_string()),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let dumped = snapshot::load(&output).unwrap();
    let mut kept = 0;
    let mut refused = 0;
    for path in [PERSONS, DNS, PLACES, AGENT_LOGINS] {
        match stored_failure(&dumped, path) {
            Some(why) => {
                assert!(why.contains("passed the cap of 8 MiB"), "{why}");
                refused += 1;
            }
            None => kept += 1,
        }
    }
    assert!(refused >= 2 && kept >= 1, "kept {kept}, refused {refused}");
}

#[test]
fn a_body_announcing_more_than_the_cap_is_refused_before_it_is_read() {
    let server = Hostile::start(|path| match path {
        PERSONS => Reply::Body(200, vec![b' '; 9 << 20]),
        _ => Reply::Fixture,
    });
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let run = run_bounded(
        dump_cmd(&server.base, &output, &[]).env("GWSX_TEST_MAX_HELD_BYTES", (8 * MIB).to_string()),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let why = stored_failure(&snapshot::load(&output).unwrap(), PERSONS).unwrap();
    assert_eq!(
        why,
        format!(
            "{}{PERSONS}: HTTP 200 OK: the body announces 9437184 bytes, more than the cap of 8 MiB on the bytes a fetch holds; refused",
            server.base
        )
    );
    assert_eq!(server.hits(PERSONS), 1);
}

#[test]
#[ignore = "moves gigabytes: run with --ignored to measure the real 1 GiB cap"]
fn endless_bodies_at_the_real_cap_stay_under_one_and_a_half_gib() {
    let server = Hostile::start(|path| match path {
        ENVIRONMENTS | PERSONS | DNS | PLACES => endless(),
        _ => Reply::Fixture,
    });
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let run = run_bounded(
        &mut dump_cmd(&server.base, &output, &["--timeout", "300"]),
        Duration::from_secs(600),
    );
    eprintln!(
        "real cap: exit {:?} in {:.1} s, peak RSS {} MiB",
        run.code,
        run.elapsed.as_secs_f64(),
        run.peak_rss / MIB
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("the body passed the cap of 1024 MiB"),
        "{}",
        run.stderr
    );
    assert!(run.peak_rss < 1536 * MIB, "peak {} MiB", run.peak_rss / MIB);
    assert!(files_in(dir.path()).is_empty());
}

// ------------------------------------------------------------------------------ read-back

#[test]
fn a_body_the_reader_would_refuse_is_recorded_as_failed_and_the_dump_reads_back() {
    let server = Hostile::start(|path| match path {
        PERSONS => Reply::Body(200, nested_body("persons", 200)),
        // The deepest a stored body may be: 126 levels, plus the snapshot's two.
        DNS => Reply::Body(200, nested_body("dns", 126)),
        PLACES => Reply::Body(200, nested_body("places", 127)),
        AGENT_LOGINS => Reply::Body(
            200,
            b"{\"statusCode\":0,\"agent-logins\":[\"\xff\"]}".to_vec(),
        ),
        _ => Reply::Fixture,
    });
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let run = run_bounded(
        &mut dump_cmd(&server.base, &output, &[]),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let dumped = snapshot::load(&output).expect("what dump writes, gwsx reads back");
    for path in [PERSONS, PLACES] {
        let why = stored_failure(&dumped, path).unwrap();
        assert!(
            why.starts_with(&format!(
                "{}{path}: HTTP 200 OK: the body nests deeper than 126 levels",
                server.base
            )),
            "{why}"
        );
        assert_eq!(
            lines_naming(&run.stderr, &format!("{}{path}:", server.base)).len(),
            1,
            "{}",
            run.stderr
        );
    }
    let why = stored_failure(&dumped, AGENT_LOGINS).unwrap();
    assert!(why.contains("not UTF-8"), "{why}");
    assert_eq!(
        dumped.response(DNS).unwrap().body.get().as_bytes(),
        nested_body("dns", 126).as_slice()
    );
    // The other commands read it too, naming the unavailable resource.
    let out = gwsx()
        .args([
            "audit",
            output.to_str().unwrap(),
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(PERSONS));
}

// ------------------------------------------------------------------------------ redirects

#[test]
fn a_redirect_to_another_origin_is_not_followed() {
    let elsewhere = Hostile::start(|_| Reply::Fixture);
    let target = format!("{}{PERSONS}", elsewhere.base);
    // Another host name for the same machine is another origin; its password is not shown.
    let with_password = format!(
        "{}{DNS}",
        elsewhere
            .base
            .replace("127.0.0.1", "evil:pw-in-location@localhost")
    );
    let https = format!("https://127.0.0.1:{}/api/v2{PLACES}", 1);
    let server = Hostile::start(move |path| match path {
        PERSONS => Reply::Redirect(302, target.clone()),
        DNS => Reply::Redirect(301, with_password.clone()),
        PLACES => Reply::Redirect(307, https.clone()),
        // Same origin: followed, with the credentials.
        AGENT_LOGINS => Reply::Redirect(302, "/api/v2/platform/configuration/agent-logins2".into()),
        "/platform/configuration/agent-logins2" => {
            Reply::Body(200, br#"{"statusCode":0,"agent-logins":[]}"#.to_vec())
        }
        // Same origin, for ever: stopped.
        AGENT_GROUPS => Reply::Redirect(302, AGENT_GROUPS.replace("/platform", "/api/v2/platform")),
        _ => Reply::Fixture,
    });
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let run = run_bounded(
        dump_cmd(&server.base, &output, &["--user", "svc-audit"]).env("GWSX_PASSWORD", "s3cret-pw"),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(elsewhere.seen().is_empty(), "{:?}", elsewhere.seen());
    let line = lines_naming(&run.stderr, &format!("{}{PERSONS}:", server.base));
    assert_eq!(line.len(), 1, "{}", run.stderr);
    assert!(
        line[0].contains(&format!(
            "HTTP 302 Found: redirected to {}{PERSONS}, outside http://127.0.0.1:{}; not followed",
            elsewhere.base, server.port
        )),
        "{}",
        line[0]
    );
    let dns = lines_naming(&run.stderr, &format!("{}{DNS}:", server.base));
    assert!(
        dns[0].contains(&format!(
            "HTTP 301 Moved Permanently: redirected to http://localhost:{}/api/v2{DNS}, outside",
            elsewhere.port
        )),
        "{}",
        dns[0]
    );
    assert!(!run.stderr.contains("pw-in-location"), "{}", run.stderr);
    let places = lines_naming(&run.stderr, &format!("{}{PLACES}:", server.base));
    assert!(
        places[0].contains("redirected to https://127.0.0.1:1/"),
        "{}",
        places[0]
    );

    let dumped = snapshot::load(&output).unwrap();
    assert!(stored_failure(&dumped, AGENT_LOGINS).is_none());
    let loop_why = stored_failure(&dumped, AGENT_GROUPS).unwrap();
    assert!(loop_why.contains("more than 5 redirects"), "{loop_why}");
    assert_eq!(
        server.hits(AGENT_GROUPS),
        6,
        "the first request and 5 redirects, no retry"
    );
    let seen = server.seen();
    let followed = seen
        .iter()
        .find(|s| s.target.ends_with("/agent-logins2"))
        .expect("same-origin redirect followed");
    assert!(
        followed
            .header("authorization")
            .is_some_and(|v| v.starts_with("Basic "))
    );
    assert!(
        seen.iter().all(|s| s.header("referer").is_none()),
        "{seen:?}"
    );
    assert!(seen.iter().all(|s| s.method == "GET"));
    assert!(!run.stderr.contains("s3cret-pw"));
}

// ------------------------------------------------------------------------------ --output

#[test]
fn output_must_be_a_regular_file_and_is_left_untouched_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    std::fs::write(&real, "keep me").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let dangling = dir.path().join("dangling.json");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
    let fifo = dir.path().join("fifo.json");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let sub = dir.path().join("sub.json");
    std::fs::create_dir(&sub).unwrap();
    // Nothing listens on port 9: the refusal comes before any request.
    for (path, kind) in [
        (link.as_path(), "a symbolic link"),
        (dangling.as_path(), "a symbolic link"),
        (fifo.as_path(), "a FIFO"),
        (sub.as_path(), "a directory"),
        (Path::new("/dev/null"), "a device"),
    ] {
        let run = run_bounded(
            &mut dump_cmd("http://127.0.0.1:9/api/v2", path, &[]),
            Duration::from_secs(10),
        );
        assert_eq!(run.code, Some(2), "{}: {}", path.display(), run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "{}: is {kind}; refused, left untouched (--output writes only a regular file)",
                path.display()
            )),
            "{}",
            run.stderr
        );
    }
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "keep me");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!dir.path().join("nowhere").exists());
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo_like()
    );
    assert!(sub.is_dir());
    assert_eq!(
        files_in(dir.path()),
        [
            "dangling.json",
            "fifo.json",
            "link.json",
            "real.json",
            "sub.json"
        ]
    );
}

trait FifoLike {
    fn is_fifo_like(&self) -> bool;
}
impl FifoLike for std::fs::FileType {
    fn is_fifo_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_fifo(self)
    }
}

#[test]
fn output_that_becomes_a_link_while_fetching_is_refused_and_no_temp_file_stays() {
    let server = Hostile::start(|path| {
        if path == ENVIRONMENTS {
            Reply::Delay(Duration::from_millis(1500))
        } else {
            Reply::Fixture
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let real = dir.path().join("real.json");
    std::fs::write(&real, "keep me").unwrap();
    let child = dump_cmd(&server.base, &output, &[])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    std::os::unix::fs::symlink(&real, &output).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.lines()
            .last()
            .unwrap()
            .contains("is a symbolic link; refused"),
        "{err}"
    );
    assert!(
        std::fs::symlink_metadata(&output)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "keep me");
    assert_eq!(files_in(dir.path()), ["out.json", "real.json"]);
}

// ------------------------------------------------------------------------------ signals

fn dump_then_signal(signal: &str) -> (Option<i32>, String, Vec<String>) {
    let server = Hostile::start(|path| {
        if path == PERSONS {
            trickle()
        } else {
            Reply::Fixture
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let mut child = dump_cmd(&server.base, &output, &[])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Persons trickles; once it is asked for, the dump is in the middle of fetching.
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.hits(PERSONS) == 0 {
        assert!(Instant::now() < deadline, "no request for persons");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    let sent = Instant::now();
    assert!(
        std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if sent.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            panic!("dump did not stop on {signal}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(
        sent.elapsed() < Duration::from_secs(2),
        "{:?}",
        sent.elapsed()
    );
    let out = child.wait_with_output().unwrap();
    (
        code,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        files_in(dir.path()),
    )
}

#[test]
fn sigterm_ends_a_dump_at_once_and_leaves_no_file() {
    let (code, err, files) = dump_then_signal("-TERM");
    assert_eq!(code, Some(143), "{err}");
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("gwsx: dump interrupted by SIGTERM; nothing written to "),
        "{err}"
    );
    assert!(files.is_empty(), "{files:?}");
}

#[test]
fn sigint_ends_a_dump_at_once_and_leaves_no_file() {
    let (code, err, files) = dump_then_signal("-INT");
    assert_eq!(code, Some(130), "{err}");
    assert!(
        err.lines()
            .last()
            .unwrap()
            .contains("interrupted by SIGINT"),
        "{err}"
    );
    assert!(files.is_empty(), "{files:?}");
}

// ------------------------------------------------------------------------------ URLs, warnings

#[test]
fn a_password_in_a_url_is_refused_and_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let secret = "hunter2xyz";
    let urls = [
        format!("http://svc:{secret}@127.0.0.1:9/api/v2"),
        format!("svc:{secret}@127.0.0.1:9/api/v2"),
        format!("svc:{secret}@gws.example.com/api/v2"),
        format!("https://svc:{secret}/x@gws.example.com/api/v2"),
    ];
    for url in &urls {
        for args in [
            vec!["dump", url.as_str(), "--output", output.to_str().unwrap()],
            vec!["agents", url.as_str()],
            vec!["audit", url.as_str(), "--user", "svc"],
        ] {
            let run = run_bounded(
                gwsx().args(&args).env("GWSX_PASSWORD", "from-env"),
                Duration::from_secs(10),
            );
            assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
            assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
            assert!(
                run.stderr
                    .contains("credentials in the URL are not accepted")
                    && run.stderr.contains("svc:***@"),
                "{args:?}: {}",
                run.stderr
            );
            assert!(!run.stderr.contains(secret), "{args:?}: {}", run.stderr);
            assert!(!run.stdout.contains(secret));
        }
    }
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn basic_credentials_over_plain_http_to_another_host_are_warned_about() {
    // 0.0.0.0 is not loopback by name, yet a connection to it never leaves this machine;
    // nothing listens on the port, so the dump then fails.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let base = format!("http://0.0.0.0:{port}/api/v2");
    let run = run_bounded(
        dump_cmd(&base, &output, &["--user", "svc", "--timeout", "2"])
            .env("GWSX_PASSWORD", "pw-xyz"),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let first = run.stderr.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "gwsx: warning: {base}: Basic credentials go over plain http:// to 0.0.0.0, readable by anyone on the path; use https://"
        )
    );
    assert_eq!(lines_naming(&run.stderr, "plain http://").len(), 1);
    assert!(!run.stderr.contains("pw-xyz"));

    // Loopback, or no --user: no warning.
    let server = Hostile::start(|_| Reply::Fixture);
    let run = run_bounded(
        dump_cmd(&server.base, &output, &["--user", "svc"]).env("GWSX_PASSWORD", "pw"),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("plain http://"), "{}", run.stderr);
}

#[test]
fn a_dump_without_gws_config_names_the_facts_left_to_defaults() {
    let server = Hostile::start(|_| Reply::Fixture);
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let run = run_bounded(
        &mut dump_cmd(&server.base, &output, &[]),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let warned = lines_naming(&run.stderr, "warning:");
    assert_eq!(warned.len(), 1, "{}", run.stderr);
    assert!(
        warned[0]
            .starts_with("gwsx dump: warning: no --gws-config or gwsConfig flag set them, so ")
            && warned[0]
                .contains("useEmployeeIdAsAgentLoginForSIPCluster is absent (read as false)")
            && warned[0].contains("the browser protocol is the URL's scheme (http)"),
        "{}",
        warned[0]
    );

    // One fact given: only the other is named.
    let run = run_bounded(
        &mut dump_cmd(&server.base, &output, &["--use-employee-id-login", "true"]),
        Duration::from_secs(30),
    );
    let warned = lines_naming(&run.stderr, "warning:");
    assert_eq!(warned.len(), 1, "{}", run.stderr);
    assert!(!warned[0].contains("useEmployeeId") && warned[0].contains("URL's scheme"));

    // Both given: nothing to say.
    let run = run_bounded(
        &mut dump_cmd(
            &server.base,
            &output,
            &[
                "--use-employee-id-login",
                "false",
                "--browser-protocol",
                "https",
            ],
        ),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
}
