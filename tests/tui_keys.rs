//! Key sequences driving the app state, without a terminal.

mod tui_common;

use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use gwsx::domain::LoginSource;
use gwsx::snapshot::GwsConfig;
use gwsx::source::SourceKind;
use gwsx::tui::action::Tab;
use gwsx::tui::app::{App, Mode, Pane};
use gwsx::tui::data::{Column, NodeKind};
use gwsx::tui::detail::Selected;
use gwsx::tui::load::{JobEvent, JobRequest};
use gwsx::tui::tabs::audit::AuditRow;
use gwsx::tui::theme::Theme;
use tui_common::{app, app_with, draw, press, screen, type_text};

fn selected_agent_id(app: &App) -> Option<String> {
    let i = app.selected_agent()?;
    Some(app.data.as_ref()?.inv.agents[i].id.clone())
}

fn agent_index(app: &App, id: &str) -> usize {
    app.data
        .as_ref()
        .unwrap()
        .lookup
        .agent_by_id
        .get(id)
        .copied()
        .expect("an agent of that id")
}

/// Moves the audit cursor to the first finding of a rule (filtering the tab by the rule).
fn audit_to(app: &mut App, rule: &str) {
    press(app, "3 / ^u");
    type_text(app, rule);
    press(app, "Enter");
    let data = app.data.as_ref().unwrap();
    let pos = app
        .tabs
        .audit
        .rows
        .iter()
        .position(|r| matches!(r, AuditRow::Finding(i) if data.audit.findings[*i].rule == rule))
        .unwrap_or_else(|| panic!("no finding of {rule}"));
    for _ in 0..pos {
        press(app, "j");
    }
}

#[test]
fn open_reports_progress_then_shows_the_data() {
    let (desc, loader) =
        gwsx::tui::source_of(&SourceKind::Path(tui_common::FIXTURE.into())).unwrap();
    let mut app = App::new(desc, Theme::default(), GwsConfig::default());
    assert!(app.data.is_none());
    assert!(app.loading().is_some());
    let request = app.take_request().expect("the first load is pending");
    assert!(matches!(request, JobRequest::Load { generation: 1, .. }));
    app.on_job(JobEvent::Progress {
        generation: 1,
        n: 4,
        total: 11,
        what: "/platform/configuration/dns".into(),
    });
    let loading = app.loading().unwrap();
    assert_eq!((loading.n, loading.total), (4, 11));
    assert!(screen(&mut app, 120, 40).contains("resource 4 of 11: /platform/configuration/dns"));
    // A stale generation's report is ignored.
    app.on_job(JobEvent::Progress {
        generation: 0,
        n: 9,
        total: 11,
        what: "old".into(),
    });
    assert_eq!(app.loading().unwrap().n, 4);
    let done = gwsx::tui::load::run_request_blocking(&loader, request);
    app.on_job(done);
    assert!(app.loading().is_none());
    let data = app.data.as_ref().expect("loaded");
    assert_eq!(data.agents.len(), 52);
    // The first Genesys environment is selected, environments open.
    assert!(matches!(
        app.selected(),
        Selected::Node(NodeKind::GenesysEnv(0))
    ));
    assert_eq!(app.tabs.topology.rows().len(), 13);

    // The inventory comes first; the audit runs after that frame and its findings follow.
    assert!(!data.audited);
    let first = screen(&mut app, 160, 40);
    assert!(first.contains("52 agents"), "{first}");
    assert!(first.contains("auditing…"), "{first}");
    press(&mut app, "3");
    assert!(screen(&mut app, 160, 40).contains("auditing… the findings appear here"));
    let audit = app
        .take_request()
        .expect("the audit is requested with the data");
    assert!(matches!(audit, JobRequest::Audit { generation: 1, .. }));
    let audited = gwsx::tui::load::run_request_blocking(&loader, audit);
    app.on_job(audited);
    let data = app.data.as_ref().expect("loaded");
    assert!(data.audited);
    assert!(!data.audit.findings.is_empty());
    let errors = format!("{} error", data.audit.counts.error);
    let after = screen(&mut app, 160, 40);
    assert!(!after.contains("auditing"), "{after}");
    assert!(after.contains(&errors), "{after}");
    assert!(app.take_request().is_none());
}

#[test]
fn a_source_that_cannot_be_read_is_fatal_on_first_load() {
    let (desc, loader) =
        gwsx::tui::source_of(&SourceKind::Path("tests/fixtures/nope.json".into())).unwrap();
    let mut app = App::new(desc, Theme::default(), GwsConfig::default());
    app.settle(&loader);
    let e = app.fatal.expect("fatal");
    assert!(e.contains("tests/fixtures/nope.json"), "{e}");
}

#[test]
fn filter_narrows_agents_as_you_type_and_esc_clears() {
    let mut app = app();
    press(&mut app, "2 /");
    assert!((app.mode == Mode::Filter));
    type_text(&mut app, "e10010");
    let partial = app.tabs.agents.view.len();
    assert!(partial < 52 && partial > 1, "{partial}");
    type_text(&mut app, "5");
    // Best match first.
    assert_eq!(selected_agent_id(&app).as_deref(), Some("person:105"));
    assert!(app.tabs.agents.view.len() <= partial);
    // Enter keeps the filter and leaves the line; Esc clears it.
    press(&mut app, "Enter");
    assert!((app.mode != Mode::Filter));
    assert_eq!(app.filter_text(Tab::Agents), "e100105");
    press(&mut app, "Esc");
    assert_eq!(app.tabs.agents.view.len(), 52);
    // Accents fold: "muller" finds Anna Müller.
    press(&mut app, "/");
    type_text(&mut app, "muller");
    assert_eq!(selected_agent_id(&app).as_deref(), Some("person:127"));
    press(
        &mut app,
        "Backspace Backspace Backspace Backspace Backspace Backspace",
    );
    assert_eq!(app.tabs.agents.view.len(), 52);
}

#[test]
fn filter_reaches_dns_and_login_ids() {
    let mut app = app();
    press(&mut app, "2 /");
    // person:126 logs in with agent login 7014.
    type_text(&mut app, "'7014");
    assert_eq!(selected_agent_id(&app).as_deref(), Some("person:126"));
    press(&mut app, "Esc /");
    // Extension DN 10045 is person:145's.
    type_text(&mut app, "'10045");
    assert_eq!(selected_agent_id(&app).as_deref(), Some("person:145"));
}

#[test]
fn filter_narrows_topology_and_audit() {
    let mut app = app();
    press(&mut app, "/");
    type_text(&mut app, "zurich");
    press(&mut app, "Enter");
    // Genesys Americas, SIPS_Zürich and its children.
    assert!(
        app.tabs.topology.rows().len() <= 5,
        "{:?}",
        app.tabs.topology.rows()
    );
    press(&mut app, "j");
    let Selected::Node(NodeKind::VoiceEnv(v)) = app.selected() else {
        panic!("{:?}", app.selected());
    };
    let name = app
        .data
        .as_ref()
        .unwrap()
        .inv
        .voice_environment(v)
        .unwrap()
        .name
        .clone();
    assert_eq!(name.as_deref(), Some("SIPS_Zürich"));
    press(&mut app, "3 /");
    type_text(&mut app, "'GWS-404");
    assert_eq!(app.tabs.audit.matches, 3);
    press(&mut app, "Esc");
    assert_eq!(
        app.tabs.audit.matches,
        app.data.as_ref().unwrap().audit.findings.len()
    );
}

#[test]
fn enter_on_an_agent_finding_jumps_to_the_agent_and_esc_comes_back() {
    let mut app = app();
    audit_to(&mut app, "GWS-201");
    press(&mut app, "Enter");
    assert_eq!(app.tab, Tab::Agents);
    assert_eq!(selected_agent_id(&app).as_deref(), Some("person:101"));
    press(&mut app, "Esc");
    assert_eq!(app.tab, Tab::Audit);
}

#[test]
fn jump_clears_a_filter_that_hides_the_target() {
    let mut app = app();
    press(&mut app, "2 /");
    type_text(&mut app, "edge144");
    press(&mut app, "Enter");
    audit_to(&mut app, "GWS-201");
    press(&mut app, "Enter");
    assert_eq!(app.tab, Tab::Agents);
    assert_eq!(selected_agent_id(&app).as_deref(), Some("person:101"));
    assert!(app.filter_text(Tab::Agents).is_empty());
}

#[test]
fn enter_on_a_voice_environment_finding_selects_it_in_the_tree() {
    let mut app = app();
    audit_to(&mut app, "GWS-102");
    press(&mut app, "Enter");
    assert_eq!(app.tab, Tab::Topology);
    assert_eq!(
        app.tabs.topology.selected_path().last().map(String::as_str),
        Some("dbdefbab-aa2f-400e-941a-a45dae1e1d03")
    );
    // Switch and DN targets land on the switch node.
    audit_to(&mut app, "GWS-401");
    press(&mut app, "Enter");
    assert_eq!(app.tab, Tab::Topology);
    assert!(matches!(
        app.selected(),
        Selected::Node(NodeKind::Switch(_, 108))
    ));
    audit_to(&mut app, "GWS-402");
    press(&mut app, "Enter");
    assert!(matches!(
        app.selected(),
        Selected::Node(NodeKind::Switch(..))
    ));
    // A connection target lands on its voice environment.
    audit_to(&mut app, "GWS-103");
    press(&mut app, "Enter");
    assert!(matches!(
        app.selected(),
        Selected::Node(NodeKind::VoiceEnv(_))
    ));
}

#[test]
fn what_if_flips_the_option_and_recomputes_logins_and_findings() {
    let (mut app, loader) = app_with(false, GwsConfig::default());
    let cluster_agent = agent_index(&app, "person:105");
    let data = app.data.as_ref().unwrap();
    assert_eq!(
        data.inv.agents[cluster_agent].login.source,
        LoginSource::EmployeeId
    );
    let before = data
        .audit
        .findings
        .iter()
        .filter(|f| f.rule == "GWS-101")
        .count();
    assert_eq!(before, 0);
    assert!(app.base_use_employee_id());

    press(&mut app, "w");
    assert!(app.loading().is_some(), "a recompute job is pending");
    app.settle(&loader);
    assert_eq!(app.what_if, Some(false));
    let data = app.data.as_ref().unwrap();
    assert_ne!(
        data.inv.agents[cluster_agent].login.source,
        LoginSource::EmployeeId
    );
    assert!(data.audit.findings.iter().any(|f| f.rule == "GWS-101"));
    assert!(screen(&mut app, 120, 40).contains("WHAT-IF"));

    press(&mut app, "w");
    app.settle(&loader);
    assert_eq!(app.what_if, None);
    let data = app.data.as_ref().unwrap();
    assert_eq!(
        data.inv.agents[cluster_agent].login.source,
        LoginSource::EmployeeId
    );
    assert!(!screen(&mut app, 120, 40).contains("WHAT-IF"));
}

#[test]
fn what_if_turns_the_option_on_when_it_is_off() {
    let overrides = GwsConfig {
        use_employee_id_login: Some(false),
        ..GwsConfig::default()
    };
    let (mut app, loader) = app_with(false, overrides);
    assert!(!app.base_use_employee_id());
    press(&mut app, "w");
    app.settle(&loader);
    assert_eq!(app.what_if, Some(true));
    let i = agent_index(&app, "person:105");
    assert_eq!(
        app.data.as_ref().unwrap().inv.agents[i].login.source,
        LoginSource::EmployeeId
    );
}

#[test]
fn refresh_keeps_selection_filter_and_expansion() {
    let (mut app, loader) = app_with(false, GwsConfig::default());
    press(&mut app, "j j Right");
    let tree_sel = app.tabs.topology.selected_path().to_vec();
    let opened = app.tabs.topology.opened().clone();
    press(&mut app, "2 /");
    type_text(&mut app, "edge");
    press(&mut app, "Enter j j");
    let agent = selected_agent_id(&app);
    press(&mut app, "r");
    assert!(app.loading().is_some());
    app.settle(&loader);
    assert!(app.loading().is_none());
    assert!(!app.stale());
    assert_eq!(selected_agent_id(&app), agent);
    assert_eq!(app.filter_text(Tab::Agents), "edge");
    assert_eq!(app.tabs.topology.selected_path(), tree_sel.as_slice());
    assert_eq!(app.tabs.topology.opened(), &opened);
}

#[test]
fn a_failed_refresh_keeps_the_data_and_says_stale() {
    let (mut app, _) = app_with(false, GwsConfig::default());
    let failing: gwsx::tui::load::Loader =
        std::sync::Arc::new(|_| Box::pin(async { Err(anyhow::anyhow!("GWS answered 503")) }));
    press(&mut app, "r");
    app.settle(&failing);
    assert!(app.stale());
    assert!(app.data.is_some());
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("STALE"), "{s}");
    assert!(s.contains("refresh failed: GWS answered 503"), "{s}");
}

#[test]
fn sort_cycles_columns_and_reverses() {
    let mut app = app();
    press(&mut app, "2");
    assert_eq!(app.tabs.agents.sort, Column::User);
    let first = app.tabs.agents.view[0];
    press(&mut app, "S");
    assert!(app.tabs.agents.descending);
    assert_ne!(app.tabs.agents.view[0], first);
    assert_eq!(app.tabs.agents.view.last(), Some(&first));
    // The cursor stays on the agent it was on.
    assert_eq!(app.selected_agent(), Some(first as usize));
    press(&mut app, "s");
    assert_eq!(app.tabs.agents.sort, Column::Name);
    assert!(!app.tabs.agents.descending);
    for _ in 0..6 {
        press(&mut app, "s");
    }
    assert_eq!(app.tabs.agents.sort, Column::Findings);
    // Most findings first.
    let data = app.data.as_ref().unwrap();
    let worst = (0..data.agents.len())
        .map(|i| data.agent_counts(i))
        .map(|c| (c.error, c.warn, c.info))
        .max();
    let first = data.agent_counts(app.tabs.agents.view[0] as usize);
    assert_eq!(Some((first.error, first.warn, first.info)), worst);
}

#[test]
fn severity_toggles_hide_and_show() {
    let mut app = app();
    press(&mut app, "3");
    let all = app.tabs.audit.matches;
    press(&mut app, "E");
    let data = app.data.as_ref().unwrap();
    assert!(app.tabs.audit.rows.iter().all(|r| match r {
        AuditRow::Rule { severity, .. } => *severity != gwsx::audit::Severity::Error,
        AuditRow::Finding(i) => data.audit.findings[*i].severity != gwsx::audit::Severity::Error,
        AuditRow::Accepted { .. } => true,
    }));
    assert_eq!(app.tabs.audit.matches, all - data.audit.counts.error);
    press(&mut app, "W I");
    assert!(app.tabs.audit.rows.is_empty());
    press(&mut app, "E W I");
    assert_eq!(app.tabs.audit.matches, all);
}

#[test]
fn folding_a_rule_hides_its_findings() {
    let mut app = app();
    press(&mut app, "3");
    let rows = app.tabs.audit.rows.len();
    press(&mut app, "Enter");
    assert!(app.tabs.audit.rows.len() < rows);
    press(&mut app, "Right");
    assert_eq!(app.tabs.audit.rows.len(), rows);
}

#[test]
fn copy_takes_the_id_from_a_list_and_the_value_from_the_detail() {
    let mut app = app();
    press(&mut app, "2 y");
    assert_eq!(app.clipboard.take().as_deref(), Some("person:105"));
    // In the detail pane, the Login ID line copies the login ID.
    press(&mut app, "Tab");
    let lines = app.detail_lines();
    let at = lines
        .iter()
        .position(|l| l.text().contains("Login ID "))
        .unwrap();
    for _ in 0..at {
        press(&mut app, "j");
    }
    press(&mut app, "y");
    assert_eq!(app.clipboard.take().as_deref(), Some("E100105"));
}

#[test]
fn tab_esc_help_and_quit() {
    let mut app = app();
    press(&mut app, "Tab");
    assert_eq!(app.focus, Pane::Detail);
    press(&mut app, "Esc");
    assert_eq!(app.focus, Pane::List);
    press(&mut app, "?");
    assert!(matches!(app.mode, Mode::Help(_)));
    assert!(screen(&mut app, 120, 40).contains("Agents tab"));
    press(&mut app, "q");
    assert!(!matches!(app.mode, Mode::Help(_)));
    assert!(!app.quit);
    press(&mut app, "^c");
    assert!(app.quit);
}

#[test]
fn raw_view_shows_each_object_as_stored() {
    let mut app = app();
    let raw_text = |app: &mut App| {
        app.detail_lines()
            .iter()
            .map(|l| l.text())
            .collect::<Vec<_>>()
            .join("\n")
    };
    press(&mut app, "v");
    assert!(raw_text(&mut app).contains("\"voiceEnvironments\""));
    press(&mut app, "j");
    assert!(raw_text(&mut app).contains("\"clusterMode\""));
    press(&mut app, "Right j");
    assert!(raw_text(&mut app).contains("\"TServerDBID\""));
    press(&mut app, "j");
    assert!(raw_text(&mut app).contains("\"primaryServerName\""));
    press(&mut app, "2");
    let agent = raw_text(&mut app);
    assert!(
        agent.contains("\"userName\": \"ahmed.papadopoulos105\""),
        "{agent}"
    );
    // Fields the model does not read are there too.
    assert!(agent.contains("\"emailAddress\""));
    press(&mut app, "3 j");
    assert!(raw_text(&mut app).contains("\"rule\": \"GWS-201\""));
    press(&mut app, "Esc");
    assert!(!app.detail.raw);
}

#[test]
fn unknown_facts_name_the_unavailable_resource() {
    let (desc, loader) =
        gwsx::tui::source_of(&SourceKind::Path("tests/fixtures/snapshot-105.json".into())).unwrap();
    let mut app = App::new(desc, Theme::default(), GwsConfig::default());
    app.settle(&loader);
    press(&mut app, "2 /");
    type_text(&mut app, "ahmed.öztürk113");
    press(&mut app, "Enter");
    draw(&mut app, 200, 50);
    // Lines joined and spaces collapsed: wrapping does not matter here.
    let text: String = app.detail_lines().iter().map(|l| l.text() + " ").collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("unknown (/platform/configuration/agent-logins unavailable)"),
        "{text}"
    );
}

#[test]
fn mouse_clicks_tabs_and_rows_and_scrolls() {
    let mut app = app();
    draw(&mut app, 120, 40);
    let click = |app: &mut App, column, row| {
        app.handle_mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let (tab_rect, _) = app.layout.tabs[1];
    click(&mut app, tab_rect.x + 1, tab_rect.y);
    assert_eq!(app.tab, Tab::Agents);
    draw(&mut app, 120, 40);
    let top = app.layout.list_rows_top;
    click(&mut app, 5, top + 3);
    assert_eq!(app.tabs.agents.nav.selected, 3);
    app.handle_mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 5,
        row: top + 3,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(app.tabs.agents.nav.selected, 6);
    let detail = app.layout.detail;
    click(&mut app, detail.x + 2, detail.y + 2);
    assert_eq!(app.focus, Pane::Detail);
}

#[test]
fn no_key_panics_anywhere() {
    let mut app = app();
    // Every printable key and the special ones, in every tab and pane, with the filter on
    // and off; rendering after each.
    let specials = "Enter Esc Tab S-Tab Up Down Left Right PgDn PgUp Backspace Space";
    for tab in ["1", "2", "3"] {
        for pane in ["", "Tab"] {
            press(&mut app, tab);
            press(&mut app, pane);
            for c in ('!'..='~').filter(|c| !matches!(c, 'q' | 'r' | 'w' | '/')) {
                press(&mut app, &c.to_string());
                press(&mut app, specials);
                draw(&mut app, 80, 24);
            }
            press(&mut app, "Esc");
        }
    }
    assert!(!app.quit);
}

#[test]
fn typing_a_filter_gives_what_setting_it_at_once_gives() {
    for text in [
        "e1001",
        "anna k",
        "sips paris",
        "kowalski",
        "10045",
        "edge15",
    ] {
        let mut typed = app();
        press(&mut typed, "2 /");
        type_text(&mut typed, text);
        let mut direct = app();
        press(&mut direct, "2");
        direct.set_filter(text.to_string());
        assert_eq!(typed.tabs.agents.view, direct.tabs.agents.view, "{text}");
        // And backing up gives the shorter text's view.
        press(&mut typed, "Backspace");
        let mut shorter = app();
        press(&mut shorter, "2");
        shorter.set_filter(text[..text.len() - 1].to_string());
        assert_eq!(
            typed.tabs.agents.view, shorter.tabs.agents.view,
            "{text} minus one"
        );
    }
}

/// A dangling reference is a fact on screen, never a crash: person 102's default place DBID
/// 8000001 names no place.
#[test]
fn a_dangling_default_place_shows_as_unknown_dbid() {
    let mut app = tui_common::app();
    tui_common::press(&mut app, "2 /");
    tui_common::type_text(&mut app, "yuki.dvořák102");
    tui_common::press(&mut app, "Enter Tab");
    let mut text = String::new();
    for _ in 0..4 {
        text.push_str(&tui_common::screen(&mut app, 120, 40));
        tui_common::press(&mut app, "PgDn");
    }
    assert!(text.contains("unknown DBID 8000001"), "{text}");
}

#[test]
fn the_footer_of_every_mode_comes_from_its_bindings() {
    let mut app = app();
    let footer = |app: &mut App| {
        let s = screen(app, 120, 40);
        s.lines().last().unwrap_or_default().trim().to_string()
    };
    assert!(
        footer(&mut app).starts_with("Enter open/close"),
        "{}",
        footer(&mut app)
    );
    press(&mut app, "2 /");
    assert_eq!(footer(&mut app), "Enter keep  Esc clear  ↑↓ move");
    // Keys bound nowhere else in the filter line are typed into it: q does not quit.
    press(&mut app, "q");
    assert!(!app.quit);
    assert_eq!(app.filter_text(Tab::Agents), "q");
    press(&mut app, "Esc ?");
    assert_eq!(footer(&mut app), "↑↓ scroll  Esc close");
    press(&mut app, "q");
    assert_eq!(app.mode, Mode::Normal);
    assert!(!app.quit);
}

#[test]
fn the_tree_scrolls_and_a_click_selects_then_toggles() {
    let mut app = app();
    press(&mut app, "+");
    draw(&mut app, 80, 24);
    let rows = app.tabs.topology.rows().len();
    assert!(rows > 20, "every node open: {rows} rows");
    let top = app.layout.list_rows_top;
    // A page down moves the view and the cursor by a page; the frame keeps both on screen.
    press(&mut app, "PgDn");
    draw(&mut app, 80, 24);
    let paged = app.tabs.topology.selected_path().to_vec();
    assert_ne!(paged, app.tabs.topology.rows()[0]);
    let click = |app: &mut App, row: u16| {
        app.handle_mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 4,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    press(&mut app, "g");
    draw(&mut app, 80, 24);
    click(&mut app, top + 1);
    assert_eq!(
        app.tabs.topology.selected_path(),
        app.tabs.topology.rows()[1].as_slice()
    );
    // A click on the selected node opens or closes it.
    click(&mut app, top + 1);
    assert!(app.tabs.topology.rows().len() < rows);
    click(&mut app, top + 1);
    assert_eq!(app.tabs.topology.rows().len(), rows);
}
