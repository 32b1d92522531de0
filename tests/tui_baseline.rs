//! `gwsx SOURCE --baseline FILE`: the findings the baseline lists are set aside as accepted
//! (not counted), the entries that no longer occur are counted as resolved, and a bad file is
//! one line and exit 2 before the terminal is taken.

mod tui_common;

use gwsx::audit::baseline::Baseline;
use gwsx::audit::{Finding, Severity};
use gwsx::snapshot::GwsConfig;
use gwsx::source::SourceKind;
use gwsx::tui::app::App;
use gwsx::tui::data::{BaselineCounts, Counts, Data, Location};
use gwsx::tui::tabs::audit::AuditRow;
use gwsx::tui::theme::Theme;
use serde_json::json;
use std::process::Command;
use tui_common::{FIXTURE, app, press, screen};

fn app_with_baseline(b: Baseline) -> App {
    let (desc, loader) = gwsx::tui::source_of(&SourceKind::Path(FIXTURE.into())).unwrap();
    let mut app = App::new(desc, Theme::default(), GwsConfig::default()).with_baseline(Some(b));
    app.settle(&loader);
    assert!(app.data.is_some(), "fixture loads: {:?}", app.fatal);
    app
}

fn ve_total(d: &Data) -> usize {
    d.audit
        .ve_counts
        .iter()
        .map(|c| c.error + c.warn + c.info)
        .sum()
}

/// Two findings about agents in a voice environment, of two different rules.
fn two_agent_findings(d: &Data) -> Vec<Finding> {
    let mut picked: Vec<Finding> = Vec::new();
    for f in d.audit.findings.iter() {
        let Location::Agent(a) = d.locate(&f.target.id) else {
            continue;
        };
        if d.inv.agents[a].voice_env.is_some() && picked.iter().all(|p| p.rule != f.rule) {
            picked.push(f.clone());
        }
        if picked.len() == 2 {
            break;
        }
    }
    assert_eq!(
        picked.len(),
        2,
        "the fixture has findings of two rules about agents"
    );
    picked
}

#[test]
fn accepted_findings_are_set_aside_and_resolved_entries_counted() {
    let mut plain = app();
    let before = plain.data.as_ref().unwrap();
    let counts = before.audit.counts;
    let ve_before = ve_total(before);
    let total = before.audit.findings.len();
    let picked = two_agent_findings(before);
    let mut entries: Vec<_> = picked
        .iter()
        .map(|f| {
            json!({"rule": f.rule, "target": {"kind": f.target.kind.as_str(), "id": f.target.id},
                   "option": f.option})
        })
        .collect();
    entries.push(json!({"rule": "GWS-201", "target": {"kind": "agent", "id": "person:999999"}}));
    let doc = serde_json::to_vec(&json!({ "findings": entries })).unwrap();
    let b = Baseline::from_slice(&doc, "b.json").unwrap();
    let plain_screen = screen(&mut plain, 200, 50);
    assert!(!plain_screen.contains("accepted"), "{plain_screen}");

    let mut app = app_with_baseline(b);
    let d = app.data.as_ref().unwrap();
    let mut want = counts;
    for f in &picked {
        match f.severity {
            Severity::Error => want.error -= 1,
            Severity::Warn => want.warn -= 1,
            Severity::Info => want.info -= 1,
        }
    }
    assert_eq!(d.audit.counts, want);
    assert_ne!(d.audit.counts, Counts::default());
    assert_eq!(
        ve_total(d),
        ve_before - 2,
        "the voice environments' counts drop"
    );
    assert_eq!(
        d.audit.baseline,
        Some(BaselineCounts {
            accepted: 2,
            resolved: 1
        })
    );
    assert_eq!(d.audit.findings.len(), total);
    assert_eq!(d.audit.kept(), total - 2);
    // The score still counts them (as the CLI's does).
    assert_eq!(
        d.audit.card.as_ref().map(|c| c.overall),
        plain
            .data
            .as_ref()
            .unwrap()
            .audit
            .card
            .as_ref()
            .map(|c| c.overall)
    );

    // The header and the tab bar.
    let top = screen(&mut app, 200, 50);
    let d = app.data.as_ref().unwrap();
    assert!(top.contains("2 accepted · 1 resolved"), "{top}");
    assert!(top.contains(&format!("{} error", want.error)), "{top}");
    assert!(top.contains(&format!("Audit {}", total - 2)), "{top}");
    assert!(
        d.findings_of(&picked[0].target.id)
            .all(|f| { !(f.rule == picked[0].rule && f.option == picked[0].option) })
    );

    // The Audit tab: an "Accepted (2)" group at the end, its rows marked.
    press(&mut app, "3");
    let rows = app.tabs.audit.rows.clone();
    let at = rows
        .iter()
        .position(|r| matches!(r, AuditRow::Accepted { count: 2 }))
        .expect("an accepted group");
    assert_eq!(at, rows.len() - 3, "the group is last: {rows:?}");
    let d = app.data.as_ref().unwrap();
    for r in &rows[at + 1..] {
        let AuditRow::Finding(i) = r else {
            panic!("{r:?}")
        };
        assert!(d.audit.is_accepted(*i));
        assert!(picked.iter().any(|p| p.rule == d.audit.findings[*i].rule
            && p.target.id == d.audit.findings[*i].target.id));
    }
    assert_eq!(app.tabs.audit.matches, total - 2);
    // Down to the group, and it folds.
    for _ in 0..at {
        press(&mut app, "j");
    }
    let audit = screen(&mut app, 200, 200);
    assert!(audit.contains("Accepted (2)"), "{audit}");
    assert!(
        audit.contains(&format!("accepted  {} ", picked[0].rule)),
        "{audit}"
    );
    assert!(audit.contains("2 accepted · 1 resolved"), "{audit}");
    press(&mut app, "Enter");
    assert_eq!(app.tabs.audit.rows.len(), rows.len() - 2, "folded");
    press(&mut app, "Enter");
    assert_eq!(app.tabs.audit.rows.len(), rows.len(), "unfolded");
}

#[test]
fn a_bad_baseline_is_one_line_and_exit_2_before_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, b"{\"findings\": 7}").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .env("GWSX_CONFIG", "/dev/null")
        .args([FIXTURE, "--baseline"])
        .arg(&bad)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("bad.json"), "{err}");
    assert!(err.contains("not a baseline"), "{err}");
    assert!(!err.contains("needs a terminal"), "{err}");
    // A missing file too.
    let out = Command::new(env!("CARGO_BIN_EXE_gwsx"))
        .env("GWSX_CONFIG", "/dev/null")
        .args([FIXTURE, "--baseline", "no-such-baseline.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("no-such-baseline.json"), "{err}");
}
