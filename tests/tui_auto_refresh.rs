//! `--refresh SECONDS` and `[keys]` on the app, driven by a clock the test holds: the header
//! counts down, the refresh starts when due through the path `r` takes (one at a time,
//! selection kept, STALE when it fails), and the keys in effect are the ones `?` and the
//! footer show. The source is a snapshot file the test rewrites (labelled live, so the
//! header shows what it shows in live mode).

mod tui_common;

use gwsx::snapshot::GwsConfig;
use gwsx::source::SourceKind;
use gwsx::tui::app::{App, SourceDesc, SourceMode};
use gwsx::tui::keys_config;
use gwsx::tui::load::{Loader, offline_loader};
use gwsx::tui::theme::Theme;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};
use tui_common::{FIXTURE, press, screen};

fn fixture_text() -> String {
    std::fs::read_to_string(FIXTURE).expect("fixture")
}

/// An app over the snapshot at `path`, refreshing every `every`.
fn app_on(path: &Path, every: Option<Duration>) -> (App, Loader) {
    let loader = offline_loader(SourceKind::Path(path.display().to_string()));
    let desc = SourceDesc {
        label: "http://gws.test/api/v2".into(),
        mode: SourceMode::Live,
        insecure: false,
    };
    let mut app = App::new(
        desc,
        Theme::resolve(None, true).unwrap(),
        GwsConfig::default(),
    )
    .with_auto_refresh(every);
    app.settle(&loader);
    assert!(app.data.is_some(), "{:?}", app.fatal);
    (app, loader)
}

fn header(app: &mut App) -> String {
    screen(app, 160, 30)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn the_header_counts_down_and_the_refresh_starts_when_due_keeping_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("snap.json");
    std::fs::write(&file, fixture_text()).unwrap();
    let (mut app, loader) = app_on(&file, Some(Duration::from_secs(2)));
    let t0 = Instant::now();
    app.tick(t0);
    assert!(
        header(&mut app).contains("refresh in 2s"),
        "{}",
        header(&mut app)
    );
    app.tick(t0 + Duration::from_millis(1200));
    assert!(header(&mut app).contains("refresh in 1s"));
    // The loop wakes when the count changes, not before, not in a busy loop.
    let wait = app.until_tick(t0 + Duration::from_millis(1200)).unwrap();
    assert!(
        wait > Duration::from_millis(700) && wait <= Duration::from_millis(800),
        "{wait:?}"
    );
    assert!(app.take_request().is_none(), "nothing due yet");
    // A selection on the Agents tab, to be kept.
    press(&mut app, "2 j j j");
    let data = app.data.as_deref().unwrap();
    let picked = app.tabs.agents.selected_agent_id(data).expect("an agent");
    // The server's data changes; no key is pressed.
    std::fs::write(
        &file,
        fixture_text().replace("Genesys EMEA", "Genesys APAC"),
    )
    .unwrap();
    app.tick(t0 + Duration::from_secs(2));
    assert!(app.refreshing(), "the refresh started when due");
    assert!(header(&mut app).contains("refreshing…"));
    assert!(!header(&mut app).contains("refresh in"));
    // Another tick while it runs starts nothing more (the request is the same one).
    let request = app.take_request().expect("a load");
    app.tick(t0 + Duration::from_secs(5));
    assert!(app.take_request().is_none(), "never two at once");
    app.on_job(gwsx::tui::load::run_request_blocking(&loader, request));
    // The count starts again from the end of the load, the audit of the new data waiting.
    let t1 = t0 + Duration::from_secs(6);
    app.tick(t1);
    assert!(header(&mut app).contains("refresh in 2s"));
    app.tick(t1 + Duration::from_secs(2));
    assert!(
        !app.refreshing(),
        "the audit waiting to start is not replaced by a load"
    );
    app.settle(&loader);
    assert!(app.data.as_ref().unwrap().audited);
    assert!(!app.stale());
    let data = app.data.as_deref().unwrap();
    assert_eq!(app.tabs.agents.selected_agent_id(data), Some(picked));
    press(&mut app, "1");
    assert!(screen(&mut app, 160, 30).contains("Genesys APAC"));
    // Then it is due again.
    app.tick(t1 + Duration::from_secs(3));
    assert!(app.refreshing());
}

#[test]
fn a_failed_background_refresh_keeps_the_data_and_says_stale_then_counts_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("snap.json");
    std::fs::write(&file, fixture_text()).unwrap();
    let (mut app, loader) = app_on(&file, Some(Duration::from_secs(1)));
    let agents = app.data.as_ref().unwrap().agents.len();
    let t0 = Instant::now();
    app.tick(t0);
    std::fs::remove_file(&file).unwrap();
    app.tick(t0 + Duration::from_secs(1));
    assert!(app.refreshing());
    app.settle(&loader);
    assert!(app.stale(), "the failed refresh says STALE");
    assert_eq!(app.data.as_ref().unwrap().agents.len(), agents);
    app.tick(t0 + Duration::from_secs(2));
    let top = header(&mut app);
    assert!(
        top.contains("STALE") && top.contains("refresh in 1s"),
        "{top}"
    );
}

#[test]
fn without_refresh_there_is_no_tick_and_no_countdown() {
    let (mut app, _loader) = app_on(Path::new(FIXTURE), None);
    let t0 = Instant::now();
    assert_eq!(app.until_tick(t0), None);
    app.tick(t0 + Duration::from_secs(3600));
    assert!(app.take_request().is_none());
    assert!(!header(&mut app).contains("refresh in"));
    let (mut zero, _) = app_on(Path::new(FIXTURE), Some(Duration::ZERO));
    assert_eq!(zero.until_tick(t0), None);
    assert!(!header(&mut zero).contains("refresh in"));
}

#[test]
fn overridden_keys_work_and_show_in_the_footer_and_the_help() {
    let mut keys = BTreeMap::new();
    keys.insert("refresh".to_string(), vec!["F5".to_string()]);
    keys.insert("help".to_string(), vec!["q".to_string()]); // q is quit's: not applied
    let merged = keys_config::merge(&keys);
    let (app, loader) = app_on(Path::new(FIXTURE), None);
    let mut app = app.with_keys(merged);
    let s = screen(&mut app, 160, 30);
    assert!(
        s.contains("config: keys.help: q is already quit (Everywhere)"),
        "the status line names what did not apply:\n{s}"
    );
    // The status line stands in for the footer until the next key.
    press(&mut app, "j");
    let s = screen(&mut app, 160, 30);
    assert!(s.contains("F5 refresh"), "footer:\n{s}");
    // r is free now; F5 refreshes.
    press(&mut app, "r");
    assert!(app.take_request().is_none());
    app.handle_key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::F(5),
        crossterm::event::KeyModifiers::NONE,
    ));
    assert!(app.refreshing());
    app.settle(&loader);
    press(&mut app, "?");
    let help = screen(&mut app, 140, 80);
    let row = help
        .lines()
        .find(|l| l.contains("Reload, keeping selection"))
        .expect("the refresh row");
    assert!(row.contains("F5") && !row.contains(" r "), "{row}");
    let quit = help
        .lines()
        .find(|l| l.contains("  Quit"))
        .expect("quit row");
    assert!(quit.contains("q/^C"), "{quit}");
}
