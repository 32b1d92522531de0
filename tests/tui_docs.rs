//! docs/tui.md's key tables are generated from the keymap; they must not drift.

#[test]
fn key_reference_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/tui.md");
    let text = std::fs::read_to_string(&path).expect("docs/tui.md");
    let (begin, end) = ("<!-- keys:begin -->\n", "<!-- keys:end -->");
    let start = text.find(begin).expect("keys:begin marker") + begin.len();
    let stop = text.find(end).expect("keys:end marker");
    let generated = gwsx::tui::keymap::reference_markdown();
    let current = &text[start..stop];
    if std::env::var_os("GWSX_UPDATE_DOCS").is_some() {
        let updated = format!("{}{generated}{}", &text[..start], &text[stop..]);
        std::fs::write(&path, updated).expect("write docs/tui.md");
        return;
    }
    assert_eq!(
        current, generated,
        "docs/tui.md keys are out of date: run GWSX_UPDATE_DOCS=1 cargo test --test tui_docs"
    );
}
