//! The object views on the demo: `:` commands with completion, each view drawn (insta
//! snapshots of a 120×40 TestBackend), sorting, where-used jumps and the way back with Esc.

mod tui_common;

use gwsx::snapshot::GwsConfig;
use gwsx::source::SourceKind;
use gwsx::tui::action::Tab;
use gwsx::tui::app::{App, Mode, Pane};
use gwsx::tui::detail::{Selected, Target};
use gwsx::tui::objects::Kind;
use gwsx::tui::theme::Theme;
use insta::assert_snapshot;
use tui_common::{draw, press, screen, type_text};

const W: u16 = 120;
const H: u16 = 40;

fn demo() -> App {
    let (desc, loader) = gwsx::tui::source_of(&SourceKind::Demo).unwrap();
    let theme = Theme::resolve(None, false).unwrap();
    let mut app = App::new(desc, theme, GwsConfig::default());
    app.settle(&loader);
    assert!(app.data.is_some(), "the demo loads: {:?}", app.fatal);
    app
}

/// Types `:` and a command, then Enter.
fn command(app: &mut App, line: &str) {
    press(app, ":");
    type_text(app, line);
    press(app, "Enter");
}

fn shot(app: &mut App) -> String {
    draw(app, W, H).backend().to_string()
}

/// The detail line index of the first `→` line whose text contains `needle`.
fn link_line(app: &App, needle: &str) -> usize {
    app.detail_lines()
        .iter()
        .position(|l| l.jump.is_some() && l.text().contains(needle))
        .unwrap_or_else(|| panic!("no → line with {needle:?}"))
}

fn selected_label(app: &App) -> String {
    let data = app.data.as_deref().unwrap();
    match app.selected() {
        Selected::Object(kind, i) => kind.label(data, i),
        Selected::Agent(i) => data.agents[i].user().to_string(),
        other => format!("{other:?}"),
    }
}

#[test]
fn every_view_is_drawn() {
    for kind in Kind::ALL {
        let mut app = demo();
        command(&mut app, kind.command());
        assert_eq!(app.tab, Tab::Objects, "{kind:?}");
        assert_eq!(app.tabs.objects.kind, Some(kind));
        insta::with_settings!({snapshot_suffix => kind.command()}, {
            assert_snapshot!("object_view", shot(&mut app));
        });
    }
}

#[test]
fn the_tab_bar_fits_80_columns_with_an_object_view() {
    let mut app = demo();
    command(&mut app, "places");
    let s = screen(&mut app, 80, 24);
    let bar = s.lines().nth(1).unwrap();
    for tab in ["1 Topology", "2 Agents", "3 Audit", "5 Places 60"] {
        assert!(bar.contains(tab), "{tab} in {bar:?}");
    }
    // Before any view is opened, there is no object tab, and 5 says how to open one.
    let mut app = demo();
    assert!(
        !screen(&mut app, 80, 24)
            .lines()
            .nth(1)
            .unwrap()
            .contains(" 5 ")
    );
    press(&mut app, "5");
    assert_eq!(app.tab, Tab::Topology);
    assert!(app.status.as_deref().unwrap().contains(":places"));
}

#[test]
fn command_line_completes_lists_and_runs() {
    let mut app = demo();
    press(&mut app, ":");
    assert_eq!(app.mode, Mode::Command);
    type_text(&mut app, "p");
    let s = screen(&mut app, W, H);
    let prompt = s.lines().rev().nth(1).unwrap();
    assert!(prompt.contains(": p"), "{prompt:?}");
    assert!(
        prompt.contains("persons places"),
        "candidates shown: {prompt:?}"
    );
    press(&mut app, "Tab");
    assert_eq!(app.browse.command.text, "persons");
    press(&mut app, "Tab");
    assert_eq!(app.browse.command.text, "places");
    press(&mut app, "Enter");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.tabs.objects.kind, Some(Kind::Places));
    // `q` typed in the command line is text, not quit; `:q` quits.
    press(&mut app, ": s w Tab");
    assert_eq!(app.browse.command.text, "switches");
    press(&mut app, "Esc");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        app.tabs.objects.kind,
        Some(Kind::Places),
        "Esc runs nothing"
    );
    command(&mut app, "nosuch");
    assert!(!app.quit);
    let status = app.status.clone().unwrap();
    assert!(status.contains("unknown command :nosuch"), "{status}");
    assert!(screen(&mut app, W, H).contains("unknown command :nosuch"));
    command(&mut app, "audit");
    assert_eq!(app.tab, Tab::Audit);
    command(&mut app, "topology");
    assert_eq!(app.tab, Tab::Topology);
    command(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn a_view_command_takes_a_filter() {
    let mut app = demo();
    command(&mut app, "places Place_100003");
    assert_eq!(app.current().filter(), "Place_100003");
    assert_eq!(selected_label(&app), "Place_100003");
}

#[test]
fn a_place_names_its_agent_and_the_jump_comes_back() {
    let mut app = demo();
    command(&mut app, "places");
    press(&mut app, "/");
    type_text(&mut app, "Place_100003");
    press(&mut app, "Enter");
    assert_eq!(selected_label(&app), "Place_100003");
    let detail = screen(&mut app, W, H);
    assert!(
        detail.contains("Agents whose default place it is (1)"),
        "{detail}"
    );
    // Into the detail, onto the agent's line, Enter: the agent in the Agents tab.
    press(&mut app, "Tab");
    let line = link_line(&app, "agent");
    for _ in 0..line {
        press(&mut app, "j");
    }
    let agent = app.detail_lines()[line].copy.clone().unwrap();
    press(&mut app, "Enter");
    assert_eq!(app.tab, Tab::Agents);
    assert_eq!(app.focus, Pane::List);
    assert_eq!(selected_label(&app), agent);
    let s = screen(&mut app, W, H);
    assert!(
        s.contains("◂ Esc: Place Place_100003 › Agent"),
        "breadcrumb: {s}"
    );
    // Esc: back to the place, its filter and the detail line the jump was made from.
    press(&mut app, "Esc");
    assert_eq!(app.tab, Tab::Objects);
    assert_eq!(app.tabs.objects.kind, Some(Kind::Places));
    assert_eq!(app.current().filter(), "Place_100003");
    assert_eq!(selected_label(&app), "Place_100003");
    assert_eq!(app.focus, Pane::Detail);
    assert_eq!(app.detail.nav.selected, line);
    assert!(app.browse.trail.is_empty());
    assert!(!screen(&mut app, W, H).contains("◂ Esc"));
}

#[test]
fn a_dn_leads_to_its_place_and_switch_and_back_two_steps() {
    let mut app = demo();
    command(&mut app, "dns");
    let data = app.data.as_deref().unwrap();
    // A DN that a place holds.
    let (dn, place) = data
        .inv
        .dns()
        .iter()
        .enumerate()
        .find_map(|(i, d)| {
            let places = data.used().places_of_dn(d.dbid);
            places.first().map(|&p| (i, p as usize))
        })
        .expect("a DN of a place in the demo");
    let number = Kind::Dns.label(data, dn);
    let place_name = Kind::Places.label(data, place);
    press(&mut app, "/");
    type_text(&mut app, &format!("'{number}"));
    press(&mut app, "Enter Tab");
    assert_eq!(selected_label(&app), number);
    let line = link_line(&app, &place_name);
    for _ in 0..line {
        press(&mut app, "j");
    }
    press(&mut app, "Enter");
    assert_eq!(app.selected(), Selected::Object(Kind::Places, place));
    // From the place, its DN line leads back to the same DN: a second step.
    press(&mut app, "Tab");
    let back = link_line(&app, "DN");
    for _ in 0..back {
        press(&mut app, "j");
    }
    press(&mut app, "Enter");
    assert_eq!(app.selected(), Selected::Object(Kind::Dns, dn));
    assert_eq!(app.browse.trail.len(), 2);
    press(&mut app, "Esc");
    assert_eq!(app.selected(), Selected::Object(Kind::Places, place));
    press(&mut app, "Esc");
    assert_eq!(app.selected(), Selected::Object(Kind::Dns, dn));
    assert_eq!(app.current().filter(), format!("'{number}"));
    // With no trail left, Esc leaves the detail, then clears the filter.
    press(&mut app, "Esc");
    assert_eq!(app.focus, Pane::List);
    press(&mut app, "Esc");
    assert_eq!(app.current().filter(), "");
}

#[test]
fn a_switch_lists_its_voice_environment_dns_and_logins() {
    let mut app = demo();
    command(&mut app, "switches SIP_Cluster_Kraków");
    let data = app.data.as_deref().unwrap();
    let Selected::Object(Kind::Switches, s) = app.selected() else {
        panic!("a switch selected: {:?}", app.selected());
    };
    let dbid = data.inv.switches()[s].dbid;
    let dns = data.used().dns_of_switch(dbid).len();
    assert!(dns > 0);
    let lines: Vec<String> = app.detail_lines().iter().map(|l| l.text()).collect();
    assert!(
        lines.iter().any(|l| l == &format!("DNs ({dns})")),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.starts_with("Agent logins (")));
    // The voice environment line opens the Topology at it.
    press(&mut app, "Tab");
    let line = link_line(&app, "voice environment (Topology)");
    let target = app.detail_lines()[line].jump;
    assert!(matches!(target, Some(Target::Node(_))), "{target:?}");
    for _ in 0..line {
        press(&mut app, "j");
    }
    press(&mut app, "Enter");
    assert_eq!(app.tab, Tab::Topology);
    assert!(matches!(app.selected(), Selected::Node(_)));
    press(&mut app, "Esc");
    assert_eq!(app.tab, Tab::Objects);
    assert_eq!(app.selected(), Selected::Object(Kind::Switches, s));
}

#[test]
fn a_group_lists_its_members_and_virtual_groups_are_marked() {
    let mut app = demo();
    command(&mut app, "groups");
    let data = app.data.as_deref().unwrap();
    let groups = data.inv.agent_groups();
    let virtual_ = groups
        .iter()
        .position(gwsx::tui::objects::is_virtual)
        .expect("a virtual group in the demo");
    let name = Kind::AgentGroups.label(data, virtual_);
    let members = data.used().members_of_group(virtual_).len();
    let s = screen(&mut app, W, H);
    let row = s.lines().find(|l| l.contains(&name)).unwrap();
    assert!(row.contains("virtual"), "{row}");
    app.tabs.objects.select(virtual_);
    let lines: Vec<String> = app.detail_lines().iter().map(|l| l.text()).collect();
    assert!(
        lines.iter().any(|l| l == &format!("Members ({members})")),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.contains("VIRTUAL")));
}

/// Something of each object the view shows, in its order.
fn shown<T>(app: &App, of: impl Fn(&gwsx::tui::data::Data, usize) -> Option<T>) -> Vec<T> {
    let data = app.data.as_deref().unwrap();
    let view = &app.tabs.objects.view;
    view.iter().filter_map(|&i| of(data, i as usize)).collect()
}

#[test]
fn sorting_cycles_columns_and_names_ignore_accents() {
    let mut app = demo();
    command(&mut app, "persons");
    let names: Vec<String> = shown(&app, |d, i| Some(Kind::Persons.label(d, i)));
    let keys: Vec<String> = names.iter().map(|n| gwsx::tui::collate::key(n)).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    // Accented names sit among the plain ones, not after `z`.
    let first_accented = names.iter().position(|n| !n.is_ascii()).unwrap();
    assert!(first_accented < names.len() / 2, "{names:?}");
    press(&mut app, "S");
    let data = app.data.as_deref().unwrap();
    let first = Kind::Persons.label(data, app.tabs.objects.view[0] as usize);
    assert_eq!(&first, names.last().unwrap(), "S reverses");
    // `s` moves to the next column; the DBID column sorts as numbers.
    for _ in 0..5 {
        press(&mut app, "s");
    }
    assert_eq!(app.tabs.objects.sort, 5);
    let dbids: Vec<i64> = shown(&app, |d, i| Kind::Persons.dbid(d, i));
    assert!(dbids.windows(2).all(|w| w[0] <= w[1]), "{dbids:?}");
    let head = screen(&mut app, 200, H);
    assert!(head.contains("DBID ▲"), "the sort column is marked: {head}");
}

#[test]
fn clicking_a_row_selects_it() {
    let mut app = demo();
    command(&mut app, "switches");
    draw(&mut app, W, H);
    let top = app.layout.list_rows_top;
    app.handle_mouse(crossterm::event::MouseEvent {
        kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column: 5,
        row: top + 2,
        modifiers: crossterm::event::KeyModifiers::NONE,
    });
    assert_eq!(app.tabs.objects.nav.selected, 2);
}

#[test]
fn raw_json_of_an_object_is_the_stored_element() {
    let mut app = demo();
    command(&mut app, "places Place_100003");
    press(&mut app, "v");
    let text: String = app.detail_lines().iter().map(|l| l.text() + "\n").collect();
    assert!(text.contains("\"name\": \"Place_100003\""), "{text}");
    assert!(text.contains("\"DNDBIDs\""), "{text}");
}

#[test]
fn tiny_and_odd_sizes_do_not_panic() {
    let mut app = demo();
    for kind in Kind::ALL {
        command(&mut app, kind.command());
        for (w, h) in [(80, 24), (100, 30), (200, 60), (79, 10), (1, 1)] {
            screen(&mut app, w, h);
        }
        press(&mut app, "Tab PgDn PgDn G Enter");
        screen(&mut app, 80, 24);
    }
}

#[test]
fn surrounding_spaces_are_marked_in_tables_and_quoted_in_the_detail() {
    let mut app = demo();
    // ngọc.kim105's employee ID is stored as " E100004 ".
    command(&mut app, "persons ngọc.kim105");
    let s = screen(&mut app, 160, H);
    let row = s
        .lines()
        .find(|l| l.contains("ngọc.kim105") && l.contains("E100004"))
        .unwrap();
    assert!(row.contains("·E100004·"), "{row}");
    assert!(s.contains("\" E100004 \""), "quoted in the detail: {s}");
    // The Agents table marks it the same way.
    press(&mut app, "2 /");
    type_text(&mut app, "ngọc.kim105");
    press(&mut app, "Enter");
    let s = screen(&mut app, 200, H);
    assert!(
        s.lines()
            .any(|l| l.contains("ngọc.kim105") && l.contains("·E100004·")),
        "{s}"
    );
}

#[test]
fn an_agent_detail_opens_its_place_and_esc_comes_back() {
    let mut app = demo();
    press(&mut app, "2 /");
    type_text(&mut app, "wei.okafor101");
    press(&mut app, "Enter Tab");
    let line = link_line(&app, "Place_100000");
    for _ in 0..line {
        press(&mut app, "j");
    }
    press(&mut app, "Enter");
    assert_eq!(app.tab, Tab::Objects);
    assert_eq!(selected_label(&app), "Place_100000");
    press(&mut app, "Esc");
    assert_eq!(app.tab, Tab::Agents);
    assert_eq!(selected_label(&app), "wei.okafor101");
    assert_eq!(app.current().filter(), "wei.okafor101");
}
