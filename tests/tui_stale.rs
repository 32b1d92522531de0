//! Live refreshes against a server that turns hostile: a refresh that brings less than the
//! data on screen (every data resource failing with HTTP 500 or an SSO login page, or one
//! resource now failing) keeps the last good data, says STALE with the reason per resource and
//! never moves the "refreshed" time; Esc cancels a running refresh and its late result is
//! ignored; `r` retries. Servers run on 127.0.0.1; every wait is bounded.

mod hostile;
mod tui_common;

use gwsx::gws::LiveOptions;
use gwsx::snapshot::GwsConfig;
use gwsx::tui::app::{App, SourceDesc, SourceMode};
use gwsx::tui::load::{JobEvent, JobRequest, Loader};
use gwsx::tui::theme::Theme;
use hostile::{Mode, Server};
use std::time::Duration;
use tui_common::{press, screen};

/// An app on the live server, loaded and audited.
fn live_app(server: &Server) -> (App, Loader) {
    let opts = LiveOptions {
        timeout: Duration::from_secs(3),
        ..LiveOptions::default()
    };
    let loader = gwsx::tui::load::live_loader(server.base.clone(), opts);
    let desc = SourceDesc {
        label: server.base.clone(),
        mode: SourceMode::Live,
        insecure: false,
    };
    let mut app = App::new(
        desc,
        Theme::resolve(None, true).unwrap(),
        GwsConfig::default(),
    );
    app.settle(&loader);
    assert!(app.fatal.is_none(), "{:?}", app.fatal);
    let data = app.data.as_ref().expect("the first load");
    assert!(data.audited);
    assert_eq!(data.agents.len(), 52);
    assert!(!app.stale());
    (app, loader)
}

fn agents(app: &App) -> usize {
    app.data.as_ref().map_or(0, |d| d.agents.len())
}

fn help_text(app: &mut App) -> String {
    press(app, "?");
    let s = screen(app, 140, 60);
    press(app, "Esc");
    s
}

/// Every data resource fails on refresh: the 52 agents stay, STALE says so with a reason per
/// resource, the refreshed time stays; the next good refresh clears it.
fn refresh_against(mode: Mode, reason: &str) {
    let server = Server::start(Mode::Serve);
    let (mut app, loader) = live_app(&server);
    let refreshed = app.loaded_at;
    let findings = app.data.as_ref().unwrap().audit.findings.len();
    std::thread::sleep(Duration::from_millis(1100)); // a moved time would show
    server.set(mode);
    press(&mut app, "r");
    app.settle(&loader);
    assert_eq!(agents(&app), 52, "the last good data stays");
    assert_eq!(app.data.as_ref().unwrap().audit.findings.len(), findings);
    assert!(app.stale());
    assert_eq!(app.loaded_at, refreshed, "the refreshed time does not move");
    assert_eq!(app.stale_reasons.len(), 11, "{:?}", app.stale_reasons);
    assert!(
        app.stale_reasons
            .iter()
            .any(|r| r.starts_with("/platform/configuration/persons: ") && r.contains(reason)),
        "{:?}",
        app.stale_reasons
    );
    let s = screen(&mut app, 160, 40);
    assert!(s.contains("STALE"), "{s}");
    assert!(s.contains("2 Agents 52"), "{s}");
    assert!(s.contains("refresh incomplete"), "{s}");
    assert!(s.contains("11 of 11 resources failed"), "{s}");
    let when = gwsx::gws::rfc3339_utc(refreshed.unwrap());
    assert!(s.contains(&format!("refreshed {when}")), "{s}");
    // Every reason is reachable in the help.
    let help = help_text(&mut app);
    assert!(help.contains("STALE: the last refresh failed"), "{help}");
    assert!(help.contains("/platform/configuration/persons:"), "{help}");
    assert!(help.contains("/diagnostics/version:"), "{help}");
    // The reason is the failure, not the URL again.
    assert!(
        !app.stale_reasons[0].contains(&server.base),
        "{:?}",
        app.stale_reasons
    );
    // The server recovers: `r` brings fresh data and STALE goes.
    server.set(Mode::Serve);
    press(&mut app, "r");
    app.settle(&loader);
    assert!(!app.stale());
    assert!(app.stale_reasons.is_empty());
    assert!(app.loaded_at > refreshed);
    assert_eq!(agents(&app), 52);
    assert!(!screen(&mut app, 160, 40).contains("STALE"));
}

#[test]
fn a_refresh_where_every_resource_is_a_500_keeps_the_data() {
    refresh_against(Mode::Fail500, "500");
}

#[test]
fn a_refresh_that_gets_an_sso_login_page_keeps_the_data() {
    refresh_against(Mode::SsoPage, "not");
}

#[test]
fn one_resource_now_failing_keeps_the_data_and_names_it() {
    let server = Server::start(Mode::Serve);
    let (mut app, loader) = live_app(&server);
    let refreshed = app.loaded_at;
    server.set(Mode::PersonsFail);
    press(&mut app, "r");
    app.settle(&loader);
    assert!(app.stale());
    assert_eq!(agents(&app), 52);
    assert_eq!(app.loaded_at, refreshed);
    assert_eq!(app.stale_reasons.len(), 1, "{:?}", app.stale_reasons);
    assert!(
        app.stale_reasons[0].starts_with("/platform/configuration/persons: "),
        "{:?}",
        app.stale_reasons
    );
    let s = screen(&mut app, 160, 40);
    assert!(
        s.contains(
            "1 of 11 resources failed, the last good data stays (? lists them): /platform/configuration/persons: "
        ),
        "{s}"
    );
}

#[test]
fn a_status_message_with_escapes_is_shown_escaped() {
    let server = Server::start(Mode::Serve);
    let (mut app, loader) = live_app(&server);
    server.set(Mode::HostileMessage);
    press(&mut app, "r");
    app.settle(&loader);
    assert!(app.stale());
    for reason in &app.stale_reasons {
        assert!(!reason.chars().any(char::is_control), "{reason:?}");
    }
    assert!(
        app.stale_reasons
            .iter()
            .any(|r| r.contains("bad\\u{1b}]0;pwned")),
        "{:?}",
        app.stale_reasons
    );
    let s = screen(&mut app, 160, 40) + &help_text(&mut app);
    assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
}

#[test]
fn a_refresh_that_keeps_an_already_missing_resource_missing_is_not_stale() {
    // The first load already lacked persons: a refresh that lacks them too loses nothing.
    let server = Server::start(Mode::PersonsFail);
    let opts = LiveOptions {
        timeout: Duration::from_secs(3),
        ..LiveOptions::default()
    };
    let loader = gwsx::tui::load::live_loader(server.base.clone(), opts);
    let desc = SourceDesc {
        label: server.base.clone(),
        mode: SourceMode::Live,
        insecure: false,
    };
    let mut app = App::new(
        desc,
        Theme::resolve(None, true).unwrap(),
        GwsConfig::default(),
    );
    app.settle(&loader);
    let first = app.loaded_at;
    std::thread::sleep(Duration::from_millis(20));
    press(&mut app, "r");
    app.settle(&loader);
    assert!(!app.stale(), "{:?}", app.stale_reasons);
    assert!(app.loaded_at > first);
}

#[test]
fn esc_cancels_a_running_refresh_and_its_late_result_is_ignored() {
    let server = Server::start(Mode::Serve);
    let (mut app, loader) = live_app(&server);
    let refreshed = app.loaded_at;
    press(&mut app, "r");
    assert!(app.refreshing());
    // The job is taken by the runner; while it runs the footer says Esc cancels it, and `r`
    // says busy the same way.
    let job = app.take_request().expect("a load is requested");
    let s = screen(&mut app, 160, 40);
    assert!(s.contains("Esc cancel refresh"), "{s}");
    assert!(s.contains("refreshing…"), "{s}");
    press(&mut app, "r");
    assert!(screen(&mut app, 160, 40).contains("busy: a refresh is running (Esc cancels it)"));
    press(&mut app, "Esc");
    assert!(!app.refreshing());
    assert!(app.take_cancel(), "the runner is told to drop the job");
    let s = screen(&mut app, 160, 40);
    assert!(s.contains("refresh cancelled"), "{s}");
    assert!(!s.contains("refreshing…"), "{s}");
    // The job's late result (here: one with every resource failing) changes nothing.
    server.set(Mode::Fail500);
    let late = gwsx::tui::load::run_request_blocking(&loader, job);
    assert!(matches!(late, JobEvent::Done { .. }));
    app.on_job(late);
    assert!(!app.stale());
    assert_eq!(agents(&app), 52);
    assert_eq!(app.loaded_at, refreshed);
    // `r` retries.
    server.set(Mode::Serve);
    press(&mut app, "r");
    assert!(matches!(app.take_request(), Some(JobRequest::Load { .. })));
}

#[test]
fn esc_without_a_refresh_keeps_its_old_meaning() {
    let server = Server::start(Mode::Serve);
    let (mut app, _loader) = live_app(&server);
    press(&mut app, "2 Tab");
    press(&mut app, "Esc");
    assert!(!app.take_cancel());
    assert_eq!(app.focus, gwsx::tui::app::Pane::List);
}

#[test]
fn a_refresh_that_hangs_ends_within_twice_the_timeout() {
    let server = Server::start(Mode::Serve);
    let opts = LiveOptions {
        timeout: Duration::from_secs(1),
        ..LiveOptions::default()
    };
    let loader = gwsx::tui::load::live_loader(server.base.clone(), opts);
    let desc = SourceDesc {
        label: server.base.clone(),
        mode: SourceMode::Live,
        insecure: false,
    };
    let mut app = App::new(
        desc,
        Theme::resolve(None, true).unwrap(),
        GwsConfig::default(),
    );
    app.settle(&loader);
    assert_eq!(agents(&app), 52);
    server.set(Mode::Hang);
    press(&mut app, "r");
    let started = std::time::Instant::now();
    app.settle(&loader);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert!(app.stale());
    assert_eq!(agents(&app), 52);
    assert!(
        app.stale_reasons
            .iter()
            .any(|r| r.contains("no answer within 2 s") || r.contains("--timeout")),
        "{:?}",
        app.stale_reasons
    );
}
