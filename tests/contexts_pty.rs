//! Contexts and the background refresh in a real terminal: a context of a config file opens
//! a live `gwsx serve`; with `--refresh 2` a change on the server appears without a key
//! press, and the header counts down. The config lives in a temporary XDG_CONFIG_HOME and
//! HOME, so a developer's own never leaks in. Every wait has a deadline.

#[path = "support/hostile.rs"]
mod hostile;
#[path = "support/pty.rs"]
mod pty;

use hostile::{ENVIRONMENTS, Hostile, Reply};
use pty::Session;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// A temporary config home holding `gwsx/config.toml` with this text.
fn config_home(text: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(home.path().join("gwsx")).unwrap();
    std::fs::write(home.path().join("gwsx/config.toml"), text).unwrap();
    home
}

/// The environment that makes gwsx read the config under `home` (and nothing else).
fn env_for(home: &Path) -> Vec<(&'static str, String)> {
    let dir = home.display().to_string();
    vec![
        ("GWSX_CONFIG", String::new()),
        ("XDG_CONFIG_HOME", dir.clone()),
        ("HOME", dir),
    ]
}

fn start(args: &[&str], env: &[(&'static str, String)]) -> Session {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Session::start(args, &env)
}

#[test]
fn a_context_opens_a_live_gwsx_serve() {
    let server = pty::Serve::start("tests/fixtures/snapshot-101.json");
    let listen = &server.listen;
    let home = config_home(&format!(
        "[contexts.lab]\nurl = \"http://{listen}/api/v2\"\ntimeout = 5\n\n[contexts.other]\nurl = \"http://127.0.0.1:1/api/v2\"\n"
    ));
    let mut s = start(&["--context", "lab"], &env_for(home.path()));
    s.wait_for(&["LIVE", "refreshed", "Genesys EMEA", listen], 20);
    // No refresh was asked for: no countdown.
    assert!(!s.screen().contains("refresh in"), "{}", s.screen());
    s.send(b"q");
    let status = s.wait_exit(10);
    drop(server);
    assert!(status.success(), "{status:?}");
}

#[test]
fn with_refresh_2_a_change_on_the_server_appears_without_a_key() {
    let changed = Arc::new(AtomicBool::new(false));
    let body = hostile::fixture_bodies()
        .get(ENVIRONMENTS)
        .expect("the fixture has environments")
        .replace("Genesys EMEA", "Genesys APAC");
    let flag = Arc::clone(&changed);
    let server = Hostile::start(move |path| {
        if path == ENVIRONMENTS && flag.load(Ordering::SeqCst) {
            Reply::Body(200, body.clone().into_bytes())
        } else {
            Reply::Fixture
        }
    });
    // The context gives the URL and a slow refresh; the flag's 2 s beats it.
    let home = config_home(&format!(
        "default-context = \"lab\"\n[contexts.lab]\nurl = \"{}\"\nrefresh = 600\n",
        server.base
    ));
    let mut s = start(&["--refresh", "2"], &env_for(home.path()));
    s.wait_for(&["LIVE", "Genesys EMEA", "refresh in"], 20);
    let first = server.hits(ENVIRONMENTS);
    changed.store(true, Ordering::SeqCst);
    // No key is sent from here on.
    s.wait_for(&["Genesys APAC", "refresh in"], 20);
    assert!(!s.screen().contains("Genesys EMEA"), "{}", s.screen());
    assert!(server.hits(ENVIRONMENTS) > first);
    assert!(!s.screen().contains("STALE"), "{}", s.screen());
    // It goes on: another refresh within a few seconds, still no key.
    let seen = server.hits(ENVIRONMENTS);
    let deadline = Instant::now() + Duration::from_secs(15);
    while server.hits(ENVIRONMENTS) == seen {
        assert!(Instant::now() < deadline, "no second background refresh");
        s.pump(Duration::from_millis(100));
    }
    s.send(b"q");
    assert!(s.wait_exit(10).success());
}
