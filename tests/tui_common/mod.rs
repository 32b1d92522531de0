//! Shared helpers for the TUI tests: an app on the fixture, key presses, rendering.
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use gwsx::snapshot::GwsConfig;
use gwsx::source::SourceKind;
use gwsx::tui::app::App;
use gwsx::tui::load::Loader;
use gwsx::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub const FIXTURE: &str = "tests/fixtures/snapshot-101.json";

/// An app on the fixture, loaded, with the default theme (or none).
pub fn app_with(no_color: bool, overrides: GwsConfig) -> (App, Loader) {
    let (desc, loader) = gwsx::tui::source_of(&SourceKind::Path(FIXTURE.into())).unwrap();
    let theme = Theme::resolve(None, no_color).unwrap();
    let mut app = App::new(desc, theme, overrides);
    app.settle(&loader);
    assert!(app.data.is_some(), "fixture loads: {:?}", app.fatal);
    (app, loader)
}

pub fn app() -> App {
    app_with(false, GwsConfig::default()).0
}

/// Presses keys written as words: `j`, `Enter`, `Esc`, `Tab`, `Down`, `S-Tab`, `^c`, or any
/// single character.
pub fn press(app: &mut App, keys: &str) {
    for word in keys.split_whitespace() {
        let (code, mods) = match word {
            "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
            "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
            "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
            "S-Tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
            "Up" => (KeyCode::Up, KeyModifiers::NONE),
            "Down" => (KeyCode::Down, KeyModifiers::NONE),
            "Left" => (KeyCode::Left, KeyModifiers::NONE),
            "Right" => (KeyCode::Right, KeyModifiers::NONE),
            "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
            "PgUp" => (KeyCode::PageUp, KeyModifiers::NONE),
            "Backspace" => (KeyCode::Backspace, KeyModifiers::NONE),
            "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
            w if w.starts_with('^') && w.len() == 2 => (
                KeyCode::Char(w.chars().nth(1).unwrap()),
                KeyModifiers::CONTROL,
            ),
            w if w.chars().count() == 1 => {
                let c = w.chars().next().unwrap();
                let mods = if c.is_uppercase() {
                    KeyModifiers::SHIFT
                } else {
                    KeyModifiers::NONE
                };
                (KeyCode::Char(c), mods)
            }
            w => panic!("unknown key word {w:?}"),
        };
        app.handle_key(KeyEvent::new(code, mods));
    }
}

/// Types text into the filter line, one key per character.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

pub fn terminal(w: u16, h: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(w, h)).unwrap()
}

/// Renders the app at a size and returns the terminal (its backend prints the screen).
pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = terminal(w, h);
    t.draw(|f| gwsx::tui::views::render(f, app)).unwrap();
    t
}

/// The screen as plain text, one line per row.
pub fn screen(app: &mut App, w: u16, h: u16) -> String {
    let t = draw(app, w, h);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
