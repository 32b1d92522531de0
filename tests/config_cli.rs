//! The config file on the command line: `gwsx info` says what it reads; `--context NAME`
//! supplies the URL and the connection options (a flag beats them), an unknown one is one
//! line listing the known ones (exit 2); a bad config is one line with line and column.
//! Every run gets a temporary XDG_CONFIG_HOME and HOME (a developer's config never leaks in).

#[path = "support/hostile.rs"]
mod hostile;

use hostile::{Hostile, Reply};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// A temporary config home with `gwsx/config.toml` holding `text`.
fn home_with(text: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("gwsx")).unwrap();
    std::fs::write(home.path().join("gwsx/config.toml"), text).unwrap();
    home
}

fn gwsx(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("GWSX_CONFIG")
        .env_remove("GWSX_PASSWORD")
        .env("XDG_CONFIG_HOME", home)
        .env("HOME", home)
        .stdin(Stdio::null())
        .output()
        .expect("run gwsx")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Exit 2 with exactly one line on stderr, which is returned.
fn one_line_exit_2(out: &Output) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

const CONFIG: &str = r#"
theme = "light"
[contexts.prod]
url = "https://gws.example.com/api/v2"
user = "svc-audit"
ca-cert = "certs/ca.pem"
refresh = 30
[contexts.lab]
url = "http://127.0.0.1:1/api/v2"
[keys]
refresh = "F5"
help = "q"
"#;

#[test]
fn info_prints_the_config_its_contexts_and_keys() {
    let home = home_with(CONFIG);
    let out = gwsx(home.path(), &["info"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let path = home.path().join("gwsx/config.toml");
    assert!(
        text.contains(&format!(
            "config file: {} (from $XDG_CONFIG_HOME/gwsx/config.toml, read)",
            path.display()
        )),
        "{text}"
    );
    assert!(
        text.contains("  prod  https://gws.example.com/api/v2  user svc-audit"),
        "{text}"
    );
    let ca = home.path().join("gwsx/certs/ca.pem");
    assert!(
        text.contains(&format!("ca-cert {}", ca.display())),
        "{text}"
    );
    assert!(text.contains("theme: light"), "{text}");
    assert!(text.contains("  refresh = F5"), "{text}");
    assert!(
        text.contains("not applied: keys.help: q is already quit"),
        "{text}"
    );
    assert!(text.contains("GWSX_PASSWORD        not set"), "{text}");
    let out = gwsx(home.path(), &["info", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["config"]["exists"], true);
    assert_eq!(json["contexts"][1]["name"], "prod");
    assert_eq!(json["contexts"][1]["user"], "svc-audit");
    assert_eq!(json["keyWarnings"].as_array().unwrap().len(), 1);
}

#[test]
fn info_without_a_config_file_says_none_is_used() {
    let home = tempfile::tempdir().unwrap();
    let out = gwsx(home.path(), &["info"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("not found, so none is used"), "{text}");
    assert!(text.contains("contexts: none"), "{text}");
    // GWSX_CONFIG naming a missing file is an error, though.
    let out = Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .args(["info"])
        .env("GWSX_CONFIG", home.path().join("nope.toml"))
        .output()
        .unwrap();
    let err = one_line_exit_2(&out);
    assert!(
        err.contains("nope.toml: cannot read the config file"),
        "{err}"
    );
}

#[test]
fn a_bad_config_is_one_line_with_line_and_column() {
    let home = home_with("[contexts.prod]\nurl = \"http://h/api/v2\"\nuesr = \"x\"\n");
    for args in [&["info"][..], &["agents", "demo"], &["demo"]] {
        let err = one_line_exit_2(&gwsx(home.path(), args));
        assert!(
            err.contains("config.toml:3:1: unknown field `uesr`"),
            "{err}"
        );
    }
    let home = home_with("[contexts.prod]\nurl = \"http://h/api/v2\"\npassword = \"hunter2\"\n");
    let err = one_line_exit_2(&gwsx(home.path(), &["agents", "demo"]));
    assert!(
        err.contains("config.toml:3:12:") && err.contains("GWSX_PASSWORD"),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "{err}");
    // Completions and the manual page do not read it.
    assert!(gwsx(home.path(), &["completions", "bash"]).status.success());
}

#[test]
fn an_unknown_context_lists_the_known_ones_and_a_missing_source_says_how() {
    let home = home_with(CONFIG);
    let err = one_line_exit_2(&gwsx(home.path(), &["audit", "--context", "qa"]));
    assert!(err.contains("--context \"qa\": no such context"), "{err}");
    assert!(err.contains("known contexts: lab, prod"), "{err}");
    let err = one_line_exit_2(&gwsx(home.path(), &["agents"]));
    assert!(err.contains("SOURCE is missing"), "{err}");
    let err = one_line_exit_2(&gwsx(home.path(), &["diff", "demo"]));
    assert!(err.contains("NEW is missing"), "{err}");
    let err = one_line_exit_2(&gwsx(home.path(), &["demo", "--refresh", "2"]));
    assert!(err.contains("--refresh applies to a live source"), "{err}");
}

#[test]
fn a_context_supplies_url_user_and_paths_and_a_flag_beats_it() {
    let server = Hostile::start(|_| Reply::Fixture);
    let home = home_with(&format!(
        "default-context = \"lab\"\n[contexts.lab]\nurl = \"{}\"\nuser = \"svc-ctx\"\ntimeout = 5\n[contexts.badyaml]\nurl = \"{}\"\ngws-config = \"missing.yaml\"\n",
        server.base, server.base
    ));
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_gwsx"))
            .args(args)
            .env_remove("GWSX_CONFIG")
            .env("XDG_CONFIG_HOME", home.path())
            .env("HOME", home.path())
            .env("GWSX_PASSWORD", "pw-from-env")
            .env("NO_PROXY", "*")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let auth = |user: &str| {
        use std::io::Write;
        let mut plain = Vec::new();
        write!(plain, "{user}:pw-from-env").unwrap();
        format!("Basic {}", base64(&plain))
    };
    // --context: the URL and the user come from it.
    let out = run(&["agents", "--context", "lab", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 53, "a header and 52 agents");
    let last = server.seen().last().cloned().unwrap();
    assert_eq!(last.header("authorization"), Some(auth("svc-ctx").as_str()));
    // The default context when no SOURCE is given; --user beats the context's.
    let out = run(&["audit", "--user", "flag-user", "--fail-on", "never"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let last = server.seen().last().cloned().unwrap();
    assert_eq!(
        last.header("authorization"),
        Some(auth("flag-user").as_str())
    );
    // A context's gws-config is relative to the config file.
    let out = run(&["agents", "--context", "badyaml"]);
    let err = one_line_exit_2(&out);
    let want = home.path().join("gwsx/missing.yaml");
    assert!(err.contains(&want.display().to_string()), "{err}");
}

/// Standard base64 (for the expected Basic header).
fn base64(bytes: &[u8]) -> String {
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
