//! Compare mode (`gwsx NEW --compare OLD`) on a TestBackend: the Changes tab, the markers in
//! the Agents table, a changed agent's old → new, Enter's jumps, the filter, what-if (NEW
//! recomputed, the comparison with it), an OLD that cannot be read, a side that lacks a
//! resource (unknown, never removed).

mod tui_common;

#[path = "support/compare.rs"]
mod compare;

use compare::{ADDED_OPTION, ADDED_VALUE};
use gwsx::diff::Change;
use gwsx::snapshot::GwsConfig;
use gwsx::source::SourceKind;
use gwsx::tui::action::Tab;
use gwsx::tui::app::App;
use gwsx::tui::compare::ChangeItem;
use gwsx::tui::load::{Loader, load_old_blocking};
use gwsx::tui::tabs::changes::ChangeRow;
use gwsx::tui::theme::Theme;
use insta::assert_snapshot;
use std::path::PathBuf;
use tui_common::{draw, press, screen, type_text};

const W: u16 = 120;
const H: u16 = 40;

/// A directory of the test's own under target/ (fixed names: the labels on screen are
/// the same on every run).
fn dir(test: &str) -> PathBuf {
    let d = PathBuf::from("target/tui-compare").join(test);
    std::fs::create_dir_all(&d).expect("test dir");
    d
}

/// An app on `new` compared with `old`, everything loaded, audited and compared.
fn compare_app(old: &str, new: &str) -> (App, Loader) {
    let (desc, loader) = gwsx::tui::source_of(&SourceKind::Path(new.into())).unwrap();
    let (old_desc, old_loader) = gwsx::tui::source_of(&SourceKind::Path(old.into())).unwrap();
    let theme = Theme::resolve(None, false).unwrap();
    let mut app =
        App::new(desc, theme, GwsConfig::default()).with_compare(Some(old_desc.label.clone()));
    app.settle(&loader);
    app.on_job(load_old_blocking(&old_loader, &GwsConfig::default()));
    app.settle(&loader);
    (app, loader)
}

/// The fixture against its edited copy.
fn edited_app(test: &str) -> (App, Loader) {
    let (old, new) = compare::write_pair(&dir(test));
    compare_app(old.to_str().unwrap(), new.to_str().unwrap())
}

fn shot(app: &mut App) -> String {
    draw(app, W, H).backend().to_string()
}

/// The detail pane's text laid out wide (nothing wrapped), its lines joined and runs of
/// spaces made one.
fn detail(app: &mut App) -> String {
    let width = app.layout.detail_width;
    app.layout.detail_width = 1000;
    let text: Vec<String> = app.detail_lines().iter().map(|l| l.text()).collect();
    app.layout.detail_width = width;
    text.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn changes_rows(app: &App) -> Vec<ChangeRow> {
    app.tabs.changes.rows.clone()
}

#[test]
fn the_changes_tab_lists_the_edit() {
    let (mut app, _) = edited_app("changes_tab");
    let c = app
        .data
        .as_ref()
        .unwrap()
        .compared
        .as_ref()
        .expect("compared");
    let (added, removed, changed) = c.diff.agent_counts();
    assert_eq!((added, removed), (0, 1));
    assert!(changed >= 2, "edge145 and the Paris group's members");
    press(&mut app, "4");
    assert_eq!(app.tab, Tab::Changes);
    let s = screen(&mut app, W, H);
    for want in [
        "4 Changes",
        "COMPARE",
        "Agents removed (only in OLD) (1)",
        "ahmed.silva103",
        "Agents changed",
        "score 78 (C) → 78 (C)",
    ] {
        assert!(s.contains(want), "{want:?} not on screen:\n{s}");
    }
    assert_snapshot!(shot(&mut app));
    use gwsx::tui::tabs::changes::Section;
    let sections: Vec<(Section, usize)> = changes_rows(&app)
        .into_iter()
        .filter_map(|r| match r {
            ChangeRow::Section { section, total, .. } => Some((section, total)),
            ChangeRow::Item(_) => None,
        })
        .collect();
    assert_eq!(
        sections,
        vec![
            (Section::AgentsRemoved, 1),
            (Section::AgentsChanged, changed),
            (Section::ObjectsRemoved, 1),
            (Section::ObjectsChanged, 2),
            (Section::FindingsNew, 1),
            (Section::FindingsResolved, 2),
        ]
    );
    // The end of the list: the objects with their JSON Pointers, the findings.
    press(&mut app, "G");
    let s = screen(&mut app, W, H);
    for want in [
        "Objects changed (2)",
        "agent-group:105  /groupInfo/userProperties/",
        "person:145  /employeeID",
        "Findings new (1)",
        "GWS-505",
        "Findings resolved (2)",
        "GWS-204",
    ] {
        assert!(s.contains(want), "{want:?} not on screen:\n{s}");
    }
}

#[test]
fn a_changed_agent_shows_old_to_new_with_the_source_on_each_side() {
    let (mut app, _) = edited_app("changed_agent");
    press(&mut app, "2 /");
    type_text(&mut app, "edge145");
    press(&mut app, "Enter");
    let s = screen(&mut app, W, H);
    // The marker column: edge145 is changed.
    assert!(s.contains("~ edge145"), "{s}");
    let d = detail(&mut app);
    for want in [
        "Changed since OLD (3)",
        "employeeId \"E100145\" → \"E200145\"",
        "loginId \"E100145\" → \"E200145\"",
        &format!(
            "{ADDED_OPTION} (added) (not set) → agent-group:SIPS_Paris Agents \"{ADDED_VALUE}\""
        ),
    ] {
        assert!(d.contains(want), "{want:?} not in the detail:\n{d}");
    }
    assert_snapshot!(shot(&mut app));
}

#[test]
fn agents_are_marked_added_or_changed_and_only_those() {
    let (app, _) = edited_app("markers");
    let data = app.data.as_ref().unwrap();
    let c = data.compared.as_ref().unwrap();
    for (i, agent) in data.inv.agents.iter().enumerate() {
        let want = c
            .diff
            .agents
            .iter()
            .find(|a| a.id == agent.id)
            .map(|a| a.change);
        assert_eq!(c.mark(i), want, "{}", agent.id);
    }
    assert!(c.marks.iter().flatten().all(|m| *m == Change::Changed));
}

#[test]
fn enter_on_a_changed_agent_jumps_to_it_and_esc_comes_back() {
    let (mut app, _) = edited_app("jump_agent");
    press(&mut app, "4 /");
    type_text(&mut app, "edge145");
    press(&mut app, "Enter");
    // The section row first, then the agent.
    press(&mut app, "j");
    assert!(matches!(
        app.tabs.changes.selected_item(),
        Some(ChangeItem::Agent(_))
    ));
    press(&mut app, "Enter");
    assert_eq!(app.tab, Tab::Agents);
    let data = app.data.as_ref().unwrap();
    let i = app.selected_agent().unwrap();
    assert_eq!(data.agents[i].user(), "edge145");
    assert!(
        app.status
            .as_deref()
            .unwrap_or("")
            .contains("back to Changes")
    );
    press(&mut app, "Esc");
    assert_eq!(app.tab, Tab::Changes);
}

#[test]
fn enter_on_a_new_finding_shows_it_in_the_audit_tab() {
    let (mut app, _) = edited_app("jump_finding");
    press(&mut app, "4 /");
    type_text(&mut app, "GWS-505");
    press(&mut app, "Enter");
    let rows = changes_rows(&app);
    let pos = rows
        .iter()
        .position(|r| matches!(r, ChangeRow::Item(ChangeItem::NewFinding(_))))
        .expect("the new finding is listed");
    for _ in 0..pos {
        press(&mut app, "j");
    }
    press(&mut app, "Enter");
    assert_eq!(app.tab, Tab::Audit);
    let data = app.data.as_ref().unwrap();
    match app.selected() {
        gwsx::tui::detail::Selected::Finding(f) => {
            assert_eq!(data.audit.findings[f].rule, "GWS-505");
            assert_eq!(&*data.audit.findings[f].target.id, "agent-group:105");
        }
        other => panic!("not on a finding: {other:?}"),
    }
}

#[test]
fn enter_on_a_removed_agent_shows_its_old_detail() {
    let (mut app, _) = edited_app("removed_agent");
    press(&mut app, "4 /");
    type_text(&mut app, "silva103");
    press(&mut app, "Enter j Enter");
    assert_eq!(app.tab, Tab::Changes, "a removed agent is in no tab of NEW");
    let d = detail(&mut app);
    assert!(d.contains("REMOVED only in OLD"), "{d}");
    assert!(d.contains("ahmed.silva103"), "{d}");
    assert!(d.contains("Login ID"), "the OLD agent's detail:\n{d}");
}

#[test]
fn the_filter_narrows_the_changes() {
    let (mut app, _) = edited_app("filter");
    press(&mut app, "4");
    let all = app.tabs.changes.matches;
    press(&mut app, "/");
    type_text(&mut app, "silva103");
    let rows = changes_rows(&app);
    assert!(app.tabs.changes.matches < all);
    assert!(rows.iter().all(|r| match r {
        ChangeRow::Section { section, .. } =>
            !matches!(section, gwsx::tui::tabs::changes::Section::AgentsChanged),
        ChangeRow::Item(_) => true,
    }));
    let s = screen(&mut app, W, H);
    assert!(s.contains("ahmed.silva103"), "{s}");
    assert!(!s.contains("edge145"), "{s}");
    assert!(s.contains("changes"), "the filter line counts: {s}");
    press(&mut app, "Esc");
    assert_eq!(app.tabs.changes.matches, all);
}

#[test]
fn what_if_recomputes_new_and_the_comparison_against_old() {
    let (mut app, loader) = edited_app("what_if");
    let before = app.data.as_ref().unwrap().compared.as_ref().unwrap();
    let changed_before = before.diff.agent_counts().2;
    let login_changes = |app: &App| {
        let c = app
            .data
            .as_ref()
            .unwrap()
            .compared
            .as_ref()
            .expect("compared again");
        c.diff
            .agents
            .iter()
            .filter(|a| a.fields.contains_key("loginId"))
            .count()
    };
    assert_eq!(login_changes(&app), 1, "edge145 only");
    press(&mut app, "w");
    app.settle(&loader);
    assert!(app.what_if.is_some());
    // The login IDs of NEW under what-if, against OLD as captured: more agents change.
    let c = app.data.as_ref().unwrap().compared.as_ref().unwrap();
    assert!(c.diff.agent_counts().2 >= changed_before);
    assert!(login_changes(&app) > 1);
    // The markers follow the comparison shown.
    let data = app.data.as_ref().unwrap();
    let c = data.compared.as_ref().unwrap();
    let marked = c.marks.iter().flatten().count();
    assert_eq!(marked, c.diff.agent_counts().0 + c.diff.agent_counts().2);
    let s = screen(&mut app, W, H);
    assert!(s.contains("WHAT-IF") && s.contains("COMPARE"), "{s}");
    // Off again: the comparison of the data as read.
    press(&mut app, "w");
    app.settle(&loader);
    assert_eq!(login_changes(&app), 1);
}

#[test]
fn an_unreadable_old_is_one_line_and_new_is_still_shown() {
    let (desc, loader) = gwsx::tui::source_of(&SourceKind::Path(compare::FIXTURE.into())).unwrap();
    let missing = "target/tui-compare/no-such-old.json";
    let (_, old_loader) = gwsx::tui::source_of(&SourceKind::Path(missing.into())).unwrap();
    let theme = Theme::resolve(None, false).unwrap();
    let mut app = App::new(desc, theme, GwsConfig::default()).with_compare(Some(missing.into()));
    app.settle(&loader);
    app.on_job(load_old_blocking(&old_loader, &GwsConfig::default()));
    app.settle(&loader);
    assert!(app.fatal.is_none());
    assert!(app.data.is_some());
    let e = app.error.clone().expect("the failure is said");
    assert!(e.starts_with("--compare "), "{e}");
    assert!(e.contains("no-such-old.json"), "{e}");
    assert!(!e.contains('\n'), "one line: {e}");
    press(&mut app, "4");
    let s = screen(&mut app, W, H);
    assert!(s.contains("OLD unreadable"), "{s}");
    assert!(s.contains("no comparison"), "{s}");
    // OLD's failure before NEW is loaded: the load does not wipe it.
    let (desc, loader) = gwsx::tui::source_of(&SourceKind::Path(compare::FIXTURE.into())).unwrap();
    let theme = Theme::resolve(None, false).unwrap();
    let mut app = App::new(desc, theme, GwsConfig::default()).with_compare(Some(missing.into()));
    app.on_job(load_old_blocking(&old_loader, &GwsConfig::default()));
    app.settle(&loader);
    assert!(app.data.is_some());
    assert_eq!(app.error.as_deref(), Some(e.as_str()));
}

#[test]
fn the_changes_tab_is_there_only_in_compare_mode() {
    let mut app = tui_common::app();
    let s = screen(&mut app, W, H);
    assert!(!s.contains("Changes"), "{s}");
    press(&mut app, "4");
    assert_eq!(app.tab, Tab::Topology);
    assert!(
        app.status
            .as_deref()
            .unwrap_or("")
            .contains("--compare OLD")
    );
}

#[test]
fn a_resource_unavailable_on_a_side_is_unknown_never_removed() {
    let d = dir("unavailable");
    let old = d.join("before.json");
    std::fs::copy(compare::FIXTURE, &old).unwrap();
    let mut snap = compare::edited();
    snap["responses"]["/platform/configuration/agent-groups"] =
        serde_json::json!({"statusCode": 5, "statusMessage": "Access denied"});
    let new = d.join("after.json");
    std::fs::write(&new, snap.to_string()).unwrap();
    let (mut app, _) = compare_app(old.to_str().unwrap(), new.to_str().unwrap());
    let c = app.data.as_ref().unwrap().compared.as_ref().unwrap();
    assert!(!c.diff.complete);
    press(&mut app, "2 /");
    type_text(&mut app, "edge145");
    press(&mut app, "Enter");
    let s = screen(&mut app, W, H);
    assert!(s.contains("▲ incomplete"), "the header says so:\n{s}");
    let d = detail(&mut app);
    assert!(
        d.contains("agent-group:SIPS_Paris Agents \"sipcluster-paris.abc.com\" → unknown"),
        "{d}"
    );
    assert!(!d.contains("→ (not set)"), "{d}");
    assert!(!d.contains("(removed)"), "{d}");
}

#[test]
fn persons_unavailable_on_old_leave_agents_unknown_not_added() {
    let d = dir("persons_unavailable");
    let text = std::fs::read_to_string(compare::FIXTURE).unwrap();
    let mut snap: serde_json::Value = serde_json::from_str(&text).unwrap();
    snap["responses"]["/platform/configuration/persons"] =
        serde_json::json!({"statusCode": 5, "statusMessage": "Access denied"});
    let old = d.join("before.json");
    std::fs::write(&old, snap.to_string()).unwrap();
    let new = d.join("after.json");
    std::fs::write(&new, compare::edited().to_string()).unwrap();
    let (mut app, _) = compare_app(old.to_str().unwrap(), new.to_str().unwrap());
    let c = app.data.as_ref().unwrap().compared.as_ref().unwrap();
    assert!(!c.diff.agents_compared && !c.diff.complete);
    assert!(c.diff.agents.is_empty());
    assert!(c.marks.iter().all(Option::is_none), "no agent marked added");
    press(&mut app, "4");
    let s = screen(&mut app, W, H);
    assert!(s.contains("agents not compared"), "{s}");
    assert!(!s.contains("Agents added"), "{s}");
    press(&mut app, "2 /");
    type_text(&mut app, "edge145");
    press(&mut app, "Enter");
    let d = detail(&mut app);
    assert!(d.contains("Since OLD unknown: agents not compared"), "{d}");
}
