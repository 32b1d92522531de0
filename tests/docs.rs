//! docs/rules.md is generated from the rule metadata the code uses; it must not drift.

#[test]
fn rule_reference_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let generated = gwsx::audit::catalogue::reference_markdown();
    if std::env::var_os("GWSX_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/rules.md");
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        stored == generated,
        "docs/rules.md is out of date: run GWSX_UPDATE_DOCS=1 cargo test --test docs"
    );
}

#[test]
fn every_rule_code_is_documented_once() {
    let doc = gwsx::audit::catalogue::reference_markdown();
    for rule in gwsx::audit::catalogue::RULES {
        assert_eq!(
            doc.matches(&format!("### {}\n", rule.code)).count(),
            1,
            "{}",
            rule.code
        );
        assert!(
            !rule.why.is_empty() && !rule.fix.is_empty(),
            "{}",
            rule.code
        );
    }
}
