//! Rust CLI conventions: clap's errors kept whole on one line, `--version` with its build,
//! completions and a manual page generated from the definition, JUnit that CI servers parse,
//! `generate` honouring `.gz`.

use std::process::{Command, Output};

fn gwsx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .env("GWSX_CONFIG", "/dev/null")
        .args(args)
        .output()
        .expect("run gwsx")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn a_misspelt_flag_gets_clap_s_suggestion_and_the_usage_on_one_line() {
    let out = gwsx(&["agents", "demo", "--formt", "json"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("a similar argument exists: '--format'"),
        "{err}"
    );
    assert!(err.contains("Usage: gwsx agents"), "{err}");
    let out = gwsx(&["audit"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(err.lines().count(), 1, "{err}");
    // SOURCE may come from a context, so its absence is gwsx's line, not clap's.
    assert!(err.contains("SOURCE is missing"), "{err}");
    assert!(err.contains("--context NAME"), "{err}");
}

#[test]
fn version_names_the_commit_and_the_build_date() {
    let out = gwsx(&["--version"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with(&format!("gwsx {} (", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(text.contains(", built 20"), "{text}");
}

#[test]
fn completions_and_the_manual_page_are_generated() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = gwsx(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("gwsx") && text.contains("audit"), "{shell}");
    }
    let out = gwsx(&["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let man = String::from_utf8_lossy(&out.stdout);
    for page in [
        "gwsx",
        "gwsx-agents",
        "gwsx-audit",
        "gwsx-diff",
        "gwsx-dump",
        "gwsx-serve",
    ] {
        assert!(man.contains(&format!(".TH {page} 1")), "{page}");
    }
    assert!(
        !man.contains(".TH gwsx-generate"),
        "hidden commands stay hidden"
    );
}

/// The value of `name="…"` in the first tag that starts with `tag`.
fn attr(xml: &str, tag: &str, name: &str) -> usize {
    let start = xml.find(tag).expect("tag");
    let head = &xml[start..start + xml[start..].find('>').expect("end of tag")];
    let key = format!("{name}=\"");
    let at = head.find(&key).expect("attribute") + key.len();
    head[at..at + head[at..].find('"').expect("quote")]
        .parse()
        .expect("a count")
}

#[test]
fn junit_counts_agree_and_each_testcase_has_at_most_one_failure() {
    let root = env!("CARGO_MANIFEST_DIR");
    for snap in ["snapshot-101.json", "snapshot-104.json"] {
        let path = format!("{root}/tests/fixtures/{snap}");
        let out = gwsx(&["audit", &path, "--format", "junit", "--fail-on", "never"]);
        let xml = String::from_utf8_lossy(&out.stdout).to_string();
        let cases: Vec<&str> = xml.split("<testcase ").skip(1).collect();
        let failures = cases.iter().filter(|c| c.contains("<failure")).count();
        let skipped = cases.iter().filter(|c| c.contains("<skipped")).count();
        for tag in ["<testsuites", "<testsuite "] {
            assert_eq!(attr(&xml, tag, "tests"), cases.len(), "{snap} {tag}");
            assert_eq!(attr(&xml, tag, "failures"), failures, "{snap} {tag}");
            assert_eq!(attr(&xml, tag, "skipped"), skipped, "{snap} {tag}");
        }
        for case in &cases {
            let case = &case[..case.find("</testcase>").unwrap_or(case.len())];
            assert!(case.matches("<failure").count() <= 1, "{snap}: {case}");
        }
        assert!(failures > 0);
    }
    // Nothing of a family checked: its rules are skipped, not passed.
    let dir = tempfile::tempdir().expect("tempdir");
    let only_version = dir.path().join("v.json");
    std::fs::write(
        &only_version,
        r#"{"gwsxSnapshot":1,"responses":{"/diagnostics/version":{"statusCode":0,"version":"8.5"}}}"#,
    )
    .expect("write");
    let out = gwsx(&[
        "audit",
        &only_version.display().to_string(),
        "--format",
        "junit",
        "--fail-on",
        "never",
    ]);
    let xml = String::from_utf8_lossy(&out.stdout);
    assert!(xml.contains("GWS-201") && xml.contains("<skipped"), "{xml}");
}

#[test]
fn generate_writes_gzip_when_the_name_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("g.json.gz");
    let out = gwsx(&[
        "generate",
        "--agents",
        "20",
        "-o",
        &path.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&path).expect("read");
    assert_eq!(&bytes[..2], &[0x1f, 0x8b], "gzip magic");
    let out = gwsx(&["agents", &path.display().to_string(), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
