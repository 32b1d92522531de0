//! Screens of the TUI on the fixture, as insta snapshots of a 120×40 TestBackend.

mod tui_common;

use gwsx::snapshot::GwsConfig;
use insta::assert_snapshot;
use ratatui::style::Color;
use tui_common::{app, app_with, draw, press, type_text};

const W: u16 = 120;
const H: u16 = 40;

fn shot(app: &mut gwsx::tui::app::App) -> String {
    draw(app, W, H).backend().to_string()
}

#[test]
fn topology_genesys_environment() {
    let mut app = app();
    assert_snapshot!(shot(&mut app));
}

#[test]
fn topology_voice_environment_cluster() {
    let mut app = app();
    // SIPS_Dublin, the second voice environment, in cluster mode; open it.
    press(&mut app, "j j Right");
    assert_snapshot!(shot(&mut app));
}

#[test]
fn topology_voice_environment_mismatch() {
    let mut app = app();
    // SIPS_Zürich: cluster mode without server-role=5 evidence (GWS-102).
    press(&mut app, "/");
    type_text(&mut app, "zurich");
    press(&mut app, "Enter j");
    assert_snapshot!(shot(&mut app));
}

#[test]
fn topology_switch() {
    let mut app = app();
    press(&mut app, "/");
    type_text(&mut app, "paris");
    press(&mut app, "Enter j Right");
    assert_snapshot!(shot(&mut app));
}

#[test]
fn topology_connection() {
    let mut app = app();
    press(&mut app, "j j Right j");
    assert_snapshot!(shot(&mut app));
}

#[test]
fn agents_table_and_agent_detail() {
    let mut app = app();
    press(&mut app, "2");
    assert_snapshot!(shot(&mut app));
}

#[test]
fn agent_detail_scrolled_to_softphone_options() {
    let mut app = app();
    press(&mut app, "2 /");
    type_text(&mut app, "edge145");
    press(&mut app, "Enter Tab");
    for _ in 0..22 {
        press(&mut app, "j");
    }
    assert_snapshot!(shot(&mut app));
}

#[test]
fn audit_rule_and_finding() {
    let mut app = app();
    press(&mut app, "3");
    assert_snapshot!("audit_rule", shot(&mut app));
    press(&mut app, "j");
    assert_snapshot!("audit_finding", shot(&mut app));
}

#[test]
fn raw_json_of_an_agent() {
    let mut app = app();
    press(&mut app, "2 v");
    assert_snapshot!(shot(&mut app));
}

#[test]
fn help_overlay() {
    let mut app = app();
    press(&mut app, "?");
    assert_snapshot!(shot(&mut app));
}

#[test]
fn what_if_header() {
    let (mut app, loader) = app_with(false, GwsConfig::default());
    press(&mut app, "2 w");
    app.settle(&loader);
    assert_snapshot!(shot(&mut app));
}

#[test]
fn eighty_by_twenty_four() {
    let mut app = app();
    assert_snapshot!(
        "small_topology",
        draw(&mut app, 80, 24).backend().to_string()
    );
    press(&mut app, "2");
    assert_snapshot!("small_agents", draw(&mut app, 80, 24).backend().to_string());
    press(&mut app, "Tab");
    assert_snapshot!(
        "small_agent_detail",
        draw(&mut app, 80, 24).backend().to_string()
    );
}

#[test]
fn too_small() {
    let mut app = app();
    let screen = draw(&mut app, 79, 24).backend().to_string();
    assert!(screen.contains("terminal too small"), "{screen}");
    assert!(screen.contains("need 80×24"), "{screen}");
    // Any size at all, even absurd ones, draws without panicking.
    for (w, h) in [
        (1, 1),
        (0, 0),
        (80, 5),
        (10, 40),
        (300, 100),
        (80, 24),
        (81, 25),
    ] {
        draw(&mut app, w, h);
    }
}

#[test]
fn loading_view() {
    let (desc, _) =
        gwsx::tui::source_of(&gwsx::source::SourceKind::Path(tui_common::FIXTURE.into())).unwrap();
    let mut app = gwsx::tui::app::App::new(
        desc,
        gwsx::tui::theme::Theme::default(),
        GwsConfig::default(),
    );
    app.on_job(gwsx::tui::load::JobEvent::Progress {
        generation: 1,
        n: 3,
        total: 11,
        what: "/platform/configuration/switches".into(),
    });
    assert_snapshot!(shot(&mut app));
}

fn transfer(
    path: &'static str,
    received: usize,
    length: Option<usize>,
    retry: usize,
    state: gwsx::gws::TransferState,
) -> gwsx::tui::load::JobEvent {
    transfer_of(1, path, received, length, retry, state)
}

fn transfer_of(
    generation: u64,
    path: &'static str,
    received: usize,
    length: Option<usize>,
    retry: usize,
    state: gwsx::gws::TransferState,
) -> gwsx::tui::load::JobEvent {
    gwsx::tui::load::JobEvent::Transfer {
        generation,
        transfer: gwsx::gws::Transfer {
            path,
            received,
            length,
            retry,
            state,
        },
    }
}

const PERSONS: &str = "/platform/configuration/persons";
const MIB: usize = 1 << 20;

#[test]
fn loading_view_shows_the_bytes_of_each_request_under_way() {
    use gwsx::gws::TransferState::*;
    let (desc, _) =
        gwsx::tui::source_of(&gwsx::source::SourceKind::Path(tui_common::FIXTURE.into())).unwrap();
    let mut app = gwsx::tui::app::App::new(
        desc,
        gwsx::tui::theme::Theme::default(),
        GwsConfig::default(),
    );
    app.on_job(gwsx::tui::load::JobEvent::Progress {
        generation: 1,
        n: 3,
        total: 11,
        what: "/platform/configuration/switches".into(),
    });
    app.on_job(transfer(PERSONS, MIB / 2, Some(5 * MIB), 0, Receiving));
    app.on_job(transfer("/platform/configuration/dns", 0, None, 0, Waiting));
    app.on_job(transfer(
        "/platform/configuration/places",
        0,
        None,
        1,
        Retrying {
            reason: "HTTP 503 Service Unavailable".into(),
        },
    ));
    // The same request again: its line changes in place.
    app.on_job(transfer(
        PERSONS,
        MIB + MIB / 5,
        Some(5 * MIB),
        0,
        Receiving,
    ));
    // Finished requests and another generation's are not shown.
    app.on_job(transfer(
        "/platform/configuration/switches",
        900,
        None,
        0,
        Done,
    ));
    app.on_job(transfer_of(
        0,
        "/platform/configuration/tenants",
        7,
        None,
        0,
        Receiving,
    ));
    assert_snapshot!(shot(&mut app));
    let s = tui_common::screen(&mut app, W, H);
    assert!(s.contains(&format!("{PERSONS}  1.2 MiB of 5.0 MiB")), "{s}");
    assert!(!s.contains("tenants") && !s.contains("900 B"), "{s}");
    // A request that fails leaves the list; the box is its old size again.
    app.on_job(transfer(
        PERSONS,
        0,
        None,
        0,
        Failed {
            reason: "cut off".into(),
        },
    ));
    let s = tui_common::screen(&mut app, W, H);
    assert!(!s.contains(PERSONS), "{s}");
    assert!(
        s.contains("/platform/configuration/dns  waiting for the response"),
        "{s}"
    );
}

#[test]
fn a_refresh_shows_its_largest_request_in_the_header() {
    use gwsx::gws::TransferState::*;
    let mut app = app();
    press(&mut app, "r");
    let Some(gwsx::tui::load::JobRequest::Load { generation, .. }) = app.take_request() else {
        panic!("r asks for a load");
    };
    app.on_job(gwsx::tui::load::JobEvent::Progress {
        generation,
        n: 4,
        total: 11,
        what: "/platform/configuration/dns".into(),
    });
    let s = tui_common::screen(&mut app, 200, 40);
    assert!(s.contains("refreshing… 4/11 "), "{s}");
    app.on_job(transfer_of(
        generation,
        "/platform/configuration/dns",
        0,
        None,
        2,
        Waiting,
    ));
    app.on_job(transfer_of(
        generation,
        PERSONS,
        3 * MIB,
        None,
        0,
        Receiving,
    ));
    let s = tui_common::screen(&mut app, 200, 40);
    assert!(
        s.contains(&format!("refreshing… 4/11 · {PERSONS} 3.0 MiB (+1)")),
        "{s}"
    );
}

#[test]
fn no_color_has_no_colour_and_keeps_every_word() {
    let (mut app, _) = app_with(true, GwsConfig::default());
    press(&mut app, "j j");
    let t = draw(&mut app, W, H);
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert_eq!(
            cell.fg,
            Color::Reset,
            "a foreground colour at {:?}",
            cell.symbol()
        );
        assert_eq!(
            cell.bg,
            Color::Reset,
            "a background colour at {:?}",
            cell.symbol()
        );
    }
    let text = t.backend().to_string();
    assert!(text.contains("CLUSTER"));
    assert!(text.contains("✖ 19 error"));
    assert_snapshot!(text);
}

#[test]
fn agent_with_unknown_facts() {
    // Tenants refused in this snapshot: option values below the group level are unknown.
    let (desc, loader) = gwsx::tui::source_of(&gwsx::source::SourceKind::Path(
        "tests/fixtures/snapshot-104.json".into(),
    ))
    .unwrap();
    let mut app = gwsx::tui::app::App::new(
        desc,
        gwsx::tui::theme::Theme::default(),
        GwsConfig::default(),
    );
    app.settle(&loader);
    press(&mut app, "2 /");
    type_text(&mut app, "anna.öztürk118");
    press(&mut app, "Enter Tab");
    // A page is the pane's height, known once drawn.
    draw(&mut app, W, H);
    press(&mut app, "PgDn");
    assert_snapshot!(shot(&mut app));
}
