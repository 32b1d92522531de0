//! Reports for people (`--format markdown|html`) and accepted findings (`--baseline`).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn gwsx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .env("GWSX_CONFIG", "/dev/null")
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run gwsx")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn generated(dir: &Path, agents: usize) -> String {
    let path = dir.join("gen.json");
    std::fs::write(
        &path,
        gwsx_synth::generate(&gwsx_synth::SynthOptions {
            agents,
            seed: 11,
            edge_cases: true,
        }),
    )
    .expect("write");
    path.display().to_string()
}

/// A snapshot whose data tries to break out of the report: markup, Markdown table and code
/// syntax, and control characters in an agent's user name and a group's option value.
fn hostile(dir: &Path) -> String {
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/examples/snapshot-101.json");
    let text = std::fs::read_to_string(example).expect("example");
    let mut doc: Value = serde_json::from_str(&text).expect("json");
    let persons = &mut doc["responses"]["/platform/configuration/persons"]["persons"];
    if let Some(list) = persons.as_array_mut() {
        for p in list {
            p["userName"] = Value::String(
                "<script>alert(1)</script>|`x`\u{1b}[31m<img src=http://evil.example/x.png>".into(),
            );
            p["userProperties"]["interaction-workspace"]["sipendpoint.transport-protocol"] =
                Value::String("<b>quic</b> | `rm` \n [link](http://evil.example)".into());
        }
    }
    let path = dir.join("hostile.json");
    std::fs::write(&path, doc.to_string()).expect("write");
    path.display().to_string()
}

fn messages(source: &str) -> Vec<String> {
    let out = gwsx(&["audit", source, "--format", "json", "--fail-on", "never"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["message"].as_str().unwrap_or("").to_string())
        .collect()
}

fn report(source: &str, format: &str) -> String {
    let out = gwsx(&["audit", source, "--format", format, "--fail-on", "never"]);
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn markdown_holds_every_message_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    for source in [generated(dir.path(), 400), hostile(dir.path())] {
        let md = report(&source, "markdown");
        let msgs = messages(&source);
        assert!(!msgs.is_empty());
        for m in &msgs {
            let want = gwsx::audit::markdown::escape(m);
            assert!(md.contains(&want), "missing {want}");
        }
        for needed in [
            "gwsConfig in force",
            "Voice environments",
            "**Why.**",
            "**Fix.**",
            "gwsx version",
        ] {
            assert!(md.contains(needed), "no {needed}");
        }
        // No data reaches the Markdown as markup or as a control character.
        for line in md
            .lines()
            .filter(|l| !l.starts_with("Unavailable resources:"))
        {
            let bytes = line.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'<' || b == b'`' {
                    let shown = &line[i..line.len().min(i + 40)];
                    assert!(i > 0 && bytes[i - 1] == b'\\', "raw markup at {shown}");
                }
            }
        }
        assert!(!md.contains('\u{1b}'), "raw ESC");
        for line in md
            .lines()
            .filter(|l| l.starts_with("| error") || l.starts_with("| warn"))
        {
            let cells = line.replace("\\|", "").matches('|').count();
            assert_eq!(cells, 5, "a data | split a table row: {line}");
        }
    }
}

/// Every `src=` / `href=` of the HTML's tags points inside the file (text from the data is
/// escaped, so every `<` starts a tag of the report's own).
fn assert_self_contained(html: &str) {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let tag = rest[i..tag_end].to_ascii_lowercase();
        assert!(!tag.starts_with("<link"), "a <link>: {tag}");
        for attr in ["src=", "href="] {
            let mut t = tag.as_str();
            while let Some(j) = t.find(attr) {
                let after = &t[j + attr.len()..];
                assert!(
                    after.starts_with("\"#") || after.starts_with("'#"),
                    "external {attr} in {tag}"
                );
                t = after;
            }
        }
        rest = &rest[tag_end..];
    }
    assert!(!html.contains("@import") && !html.contains("url("));
}

#[test]
fn html_is_self_contained_and_holds_every_message_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    for source in [generated(dir.path(), 400), hostile(dir.path())] {
        let html = report(&source, "html");
        assert_self_contained(&html);
        assert!(html.starts_with("<!DOCTYPE html>"));
        let msgs = messages(&source);
        for m in &msgs {
            let want = gwsx::audit::html::escape(m);
            assert!(html.contains(&want), "missing {want}");
        }
        assert_eq!(html.matches("<script").count(), 1, "only the inline script");
        assert!(!html.contains('\u{1b}'));
        for needed in [
            "gwsConfig in force",
            "Voice environments",
            "Why.",
            "Fix.",
            "gwsx version",
        ] {
            assert!(html.contains(needed), "no {needed}");
        }
    }
}

#[test]
fn filters_apply_to_reports_for_people() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = generated(dir.path(), 200);
    for format in ["markdown", "html"] {
        let out = gwsx(&[
            "audit",
            &src,
            "--format",
            format,
            "--only",
            "GWS-202",
            "--fail-on",
            "never",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("GWS-202"));
        assert!(
            !text.contains("GWS-201 "),
            "{format} holds a filtered-out rule"
        );
    }
}

fn browser() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("GWSX_BROWSER") {
        return Some(PathBuf::from(p));
    }
    for name in [
        "chromium-headless-shell",
        "chromium",
        "chromium-browser",
        "google-chrome",
        "chrome-headless-shell",
    ] {
        for dir in ["/usr/bin", "/usr/local/bin", "/usr/lib/chromium"] {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

fn browser_run(browser: &Path, profile: &Path, extra: &[&str], page: &Path) -> Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run the browser")
}

/// How a browser serialises a text node: `&`, `<`, `>` and no-break spaces as entities.
fn dom_text(s: &str) -> String {
    gwsx::audit::context::visible(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

#[test]
fn html_renders_in_a_real_browser() {
    let Some(browser) = browser() else {
        assert!(
            std::env::var_os("GWSX_REQUIRE_BROWSER").is_none(),
            "GWSX_REQUIRE_BROWSER is set but no chromium binary was found"
        );
        println!(
            "note: no chromium binary found (CI installs chromium-headless-shell); skipping the browser test"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    // Kept under target/ to look at; made here, as a CARGO_TARGET_DIR elsewhere leaves none.
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&target).expect("target directory");
    for (name, source) in [
        ("report", generated(dir.path(), 400)),
        ("report-hostile", hostile(dir.path())),
    ] {
        let html = report(&source, "html");
        let page = dir.path().join(format!("{name}.html"));
        std::fs::write(&page, &html).expect("write page");
        let profile = tempfile::tempdir().expect("profile");
        let dom = browser_run(&browser, profile.path(), &["--dump-dom"], &page);
        assert!(dom.status.success(), "browser failed: {}", stderr(&dom));
        let dom = String::from_utf8_lossy(&dom.stdout);
        assert!(
            dom.contains("gwsx audit report"),
            "not rendered: {}",
            &dom[..dom.len().min(300)]
        );
        for m in messages(&source) {
            let want = dom_text(&m);
            assert!(dom.contains(&want), "not in the rendered DOM: {want}");
        }
        // The inline script ran: it adds the filter box; nothing of the data became markup.
        assert!(dom.contains("type=\"search\""), "the filter box is missing");
        assert!(!dom.contains("<img"), "data became an image");
        let shot = target.join(format!("gwsx-{name}.png"));
        let _ = std::fs::remove_file(&shot);
        let profile = tempfile::tempdir().expect("profile");
        let out = browser_run(
            &browser,
            profile.path(),
            &[
                &format!("--screenshot={}", shot.display()),
                "--window-size=1280,2000",
            ],
            &page,
        );
        assert!(out.status.success(), "screenshot failed: {}", stderr(&out));
        let png = std::fs::read(&shot).expect("screenshot written");
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        println!("screenshot: {}", shot.display());
    }
}

// ---------------------------------------------------------------------------------------------
// --baseline

#[test]
fn a_baseline_of_todays_findings_accepts_them_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = generated(dir.path(), 300);
    let today = gwsx(&["audit", &src, "--format", "json"]);
    assert_eq!(
        today.status.code(),
        Some(1),
        "errors today: {}",
        stderr(&today)
    );
    let base = dir.path().join("baseline.json");
    std::fs::write(&base, &today.stdout).expect("write baseline");
    let today: Value = serde_json::from_slice(&today.stdout).expect("json");
    let n = today["findings"].as_array().map_or(0, Vec::len);
    assert!(n > 0);

    let base = base.display().to_string();
    let out = gwsx(&[
        "audit",
        &src,
        "--format",
        "json",
        "--baseline",
        &base,
        "--fail-on",
        "info",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(0));
    assert_eq!(doc["accepted"].as_array().map(Vec::len), Some(n));
    assert_eq!(doc["summary"]["accepted"], n);
    assert_eq!(doc["summary"]["resolved"], 0);
    assert_eq!(doc["summary"]["error"], 0);
    assert_eq!(
        doc["summary"]["score"], today["summary"]["score"],
        "the score still counts them"
    );

    // That output is a baseline too (its accepted list is read).
    let again = dir.path().join("again.json");
    std::fs::write(&again, &out.stdout).expect("write");
    let out = gwsx(&["audit", &src, "--baseline", &again.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("{n} accepted")), "{text}");

    let sarif = gwsx(&["audit", &src, "--format", "sarif", "--baseline", &base]);
    assert_eq!(sarif.status.code(), Some(0), "{}", stderr(&sarif));
    let sarif: Value = serde_json::from_slice(&sarif.stdout).expect("sarif");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), n);
    assert!(
        results
            .iter()
            .all(|r| r["suppressions"][0]["kind"] == "external")
    );

    for format in ["markdown", "html"] {
        let out = gwsx(&["audit", &src, "--format", format, "--baseline", &base]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Accepted (baseline)"), "{format}");
    }
}

#[test]
fn a_baseline_entry_that_no_longer_occurs_is_resolved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = generated(dir.path(), 100);
    let base = dir.path().join("b.json");
    std::fs::write(
        &base,
        r#"[{"rule": "GWS-201", "target": {"kind": "agent", "id": "person:999999"}, "option": null},
            {"rule": "GWS-309", "severity": "warn", "target": {"kind": "agent", "id": "person:999998"}, "option": "sipendpoint.policy.x"}]"#,
    )
    .expect("write");
    let base = base.display().to_string();
    let out = gwsx(&[
        "audit",
        &src,
        "--format",
        "json",
        "--baseline",
        &base,
        "--fail-on",
        "never",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["summary"]["resolved"], 2);
    assert_eq!(doc["resolvedBaseline"][0]["target"]["id"], "person:999999");
    assert_eq!(doc["summary"]["accepted"], 0);
    // The same filters apply to what is resolved.
    let out = gwsx(&[
        "audit",
        &src,
        "--format",
        "json",
        "--baseline",
        &base,
        "--only",
        "GWS-309",
        "--fail-on",
        "never",
    ]);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["summary"]["resolved"], 1);
}

#[test]
fn a_bad_baseline_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = generated(dir.path(), 20);
    let cases = [
        ("{\"findings\": [", "b1.json"),
        ("{\"x\": 1}", "b2.json"),
        ("[{\"rule\": \"GWS-201\"}]", "b3.json"),
    ];
    for (text, name) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        let out = gwsx(&["audit", &src, "--baseline", &path.display().to_string()]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(name), "{err}");
    }
    let out = gwsx(&["audit", &src, "--baseline", "/nonexistent/b.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).lines().count(), 1);
}
