//! No input crashes gwsx: every bad file gives exit 2 and exactly one clear line on stderr
//! naming the file, never a panic (spec/CLI.md, SNAPSHOT.md §1).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn bad_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

/// Runs `agents` and `audit` on `path` and checks the failure contract.
fn assert_refused(path: &Path, expect_in_message: &str) {
    let shown = path.display().to_string();
    for cmd in ["agents", "audit"] {
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_gwsx"))
            .env("GWSX_CONFIG", "/dev/null")
            .args([cmd, &shown, "--format", "json"])
            .output()
            .expect("run gwsx");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{cmd} {shown}: exit {:?}, stderr {stderr}",
            out.status.code()
        );
        assert_eq!(
            stderr.lines().count(),
            1,
            "{cmd} {shown}: stderr must be one line: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{cmd} {shown}: {stderr}");
        assert!(
            stderr.contains(&shown),
            "{cmd} {shown}: the message must name the file: {stderr}"
        );
        assert!(
            stderr
                .to_lowercase()
                .contains(&expect_in_message.to_lowercase()),
            "{cmd} {shown}: expected {expect_in_message:?} in {stderr}"
        );
        assert!(out.stdout.is_empty(), "{cmd} {shown}: nothing on stdout");
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{cmd} {shown}: too slow"
        );
    }
}

#[test]
fn every_file_in_the_bad_corpus_is_refused_clearly() {
    let expectations = [
        ("empty.json", "empty"),
        ("whitespace.json", "empty"),
        ("not-json.json", "not valid JSON"),
        ("truncated.json", "truncated"),
        ("array.json", "array"),
        ("string.json", "not an object"),
        ("number.json", "not an object"),
        ("null.json", "not an object"),
        ("version-99.json", "newer"),
        ("version-string.json", "integer 1"),
        ("version-float.json", "integer 1"),
        ("version-zero.json", "integer 1"),
        ("responses-array.json", "responses"),
        ("responses-string.json", "responses"),
        ("responses-missing.json", "responses"),
        ("captured-at-object.json", "capturedAt"),
        ("gwsconfig-wrong.json", "perhaps"),
        ("gwsconfig-array.json", "gwsConfig"),
        ("body-array.json", "not a JSON object"),
        ("body-string.json", "not a JSON object"),
        ("persons-not-list.json", "persons"),
        ("person-not-object.json", "persons"),
        ("dbid-object.json", "persons"),
        ("agentinfo-string.json", "persons"),
        ("userproperties-string.json", "tenants"),
        ("dndbids-object.json", "places"),
        ("genesys-environments-number.json", "genesys-environments"),
        ("voice-environments-object.json", "genesys-environments"),
        ("settings-not-list.json", "settings"),
        ("status-object.json", "dns"),
        ("deep-nesting.json", "recursion limit"),
        ("deep-nesting-top.json", "json"),
        ("non-utf8.json", "UTF-8"),
        ("bom-then-garbage.json", "not valid JSON"),
        ("corrupt.json.gz", "gzip"),
        ("truncated.json.gz", "gzip"),
        ("gzip-of-garbage.json.gz", "not valid JSON"),
        ("trailing-garbage.json", "trailing characters"),
        ("escape-at-end.json", "truncated"),
        ("loose-unknown.json", "envelope key"),
        ("empty-dir", "no *.json"),
    ];
    let listed: Vec<&str> = expectations.iter().map(|(f, _)| *f).collect();
    for entry in std::fs::read_dir(bad_dir()).expect("bad corpus") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .to_string();
        assert!(
            listed.contains(&name.as_str()),
            "{name} has no expectation here"
        );
    }
    for (file, expect) in expectations {
        assert_refused(&bad_dir().join(file), expect);
    }
}

#[test]
fn a_missing_file_is_named() {
    assert_refused(&bad_dir().join("no-such-file.json"), "no such file");
}

#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.json");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable; skipped");
        return;
    }
    assert_refused(&fifo, "not a regular file");
}

#[test]
fn a_link_loop_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    std::os::unix::fs::symlink(&b, &a).expect("symlink");
    std::os::unix::fs::symlink(&a, &b).expect("symlink");
    assert_refused(&a, "a.json");
}

#[test]
fn a_hundred_megabyte_string_is_refused_quickly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge-string.json");
    let mut text = String::with_capacity(100 << 20);
    text.push('"');
    text.push_str(&"x".repeat(100 << 20));
    text.push('"');
    std::fs::write(&path, text).expect("write");
    assert_refused(&path, "not an object");
}

#[test]
fn a_decompression_bomb_is_refused_without_exhausting_memory() {
    use flate2::{Compression, write::GzEncoder};
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bomb.json.gz");
    // One member of 64 MiB of spaces, repeated: multi-member gzip that expands past the limit.
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..64 {
        enc.write_all(&chunk).expect("compress");
    }
    let member = enc.finish().expect("finish");
    let mut bomb = Vec::new();
    for _ in 0..17 {
        bomb.extend_from_slice(&member);
    }
    std::fs::write(&path, bomb).expect("write");
    assert_refused(&path, "decompression bomb");
}

#[test]
fn a_directory_of_non_regular_or_unknown_files_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("failed.json"),
        r#"{"statusCode":5,"statusMessage":"no"}"#,
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .env("GWSX_CONFIG", "/dev/null")
        .args([
            "agents",
            &dir.path().display().to_string(),
            "--format",
            "json",
        ])
        .output()
        .expect("run");
    // Loose files holding nothing usable load as a snapshot with every resource missing:
    // a warning names the skipped file, and there are no agents.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("failed.json"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}
