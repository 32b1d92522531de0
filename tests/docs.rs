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

/// Every relative link of README.md and docs/*.md resolves inside the repository: a clone
/// has no `../shared` or anything else outside it.
#[test]
fn every_relative_link_resolves_inside_the_repository() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).expect("docs/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        assert!(
            !text.contains("../shared") && !text.contains("../.library"),
            "{} points outside the repository",
            file.display()
        );
        let dir = file.parent().expect("parent");
        for (i, _) in text.match_indices("](") {
            let rest = &text[i + 2..];
            let Some(end) = rest.find(')') else { continue };
            let target = rest[..end].split('#').next().unwrap_or("");
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            assert!(
                dir.join(target).exists(),
                "{}: the link {target} does not resolve",
                file.display()
            );
        }
    }
}

/// The annotated application.yaml of docs/ reads as it says.
#[test]
fn the_example_application_yaml_reads() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/application.yaml.example");
    let config = gwsx::snapshot::read_gws_config_yaml(&path).expect("reads");
    assert_eq!(config.use_employee_id_login, Some(true));
    assert_eq!(config.browser_protocol.as_deref(), Some("https"));
}

/// The annotated config.toml of docs/ reads as it says, its keys all apply.
#[test]
fn the_example_config_toml_reads() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/config.toml.example");
    let text = std::fs::read_to_string(&path).expect("reads");
    let config = gwsx::config::parse(&text, &path).expect("parses");
    assert_eq!(config.default_context.as_deref(), Some("acme-prod"));
    let prod = &config.contexts["acme-prod"];
    assert_eq!(prod.user.as_deref(), Some("svc-audit"));
    assert_eq!(prod.refresh, Some(60));
    assert_eq!(
        prod.gws_config.as_deref(),
        Some(
            path.parent()
                .unwrap()
                .join("acme/application.yaml")
                .as_path()
        )
    );
    assert_eq!(config.contexts.len(), 2);
    let merged = gwsx::tui::keys_config::merge(&config.keys);
    assert!(merged.warnings.is_empty(), "{:?}", merged.warnings);
}
