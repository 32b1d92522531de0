//! The what-if (`w`) recomputes only what useEmployeeIdAsAgentLoginForSIPCluster changes
//! (the joins over the parsed model, the rules that read the option); its results must be
//! those of a full load under the flipped value, byte for byte, in both directions, on
//! generated snapshots of both defect profiles.

mod tui_common;

use gwsx::audit;
use gwsx::domain::Inventory;
use gwsx::snapshot::GwsConfig;
use gwsx::source::SourceKind;
use gwsx::tui::app::App;
use gwsx::tui::theme::Theme;
use gwsx_synth::{Profile, SynthOptions, generate_profile};
use tui_common::press;

fn snapshot_file(profile: Profile, seed: u64) -> tempfile::NamedTempFile {
    let text = generate_profile(
        &SynthOptions {
            agents: 1_500,
            seed,
            edge_cases: true,
        },
        profile,
    );
    let file = tempfile::Builder::new()
        .suffix(".json")
        .tempfile()
        .expect("temp file");
    std::fs::write(file.path(), text).expect("write snapshot");
    file
}

fn with_option(value: Option<bool>) -> GwsConfig {
    GwsConfig {
        use_employee_id_login: value,
        ..GwsConfig::default()
    }
}

fn loaded(path: &std::path::Path, overrides: GwsConfig) -> App {
    let kind = SourceKind::Path(path.display().to_string());
    let (desc, loader) = gwsx::tui::source_of(&kind).expect("source");
    let mut app = App::new(desc, Theme::resolve(None, true).expect("theme"), overrides);
    app.settle(&loader);
    assert!(
        app.data.as_ref().is_some_and(|d| d.audited),
        "{:?}",
        app.fatal
    );
    app
}

/// Everything the what-if recomputes, as text: the inventory's agents (routes, login IDs),
/// the rows and the findings, their index, the agents' filter haystacks and the JSON report.
fn state(app: &App) -> String {
    let d = app.data.as_ref().expect("data");
    let card = d.audit.card.clone().expect("scorecard");
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{}",
        d.inv.agents,
        d.agents,
        d.ve_logins,
        d.audit.agent_findings,
        d.audit
            .rule_totals
            .iter()
            .collect::<std::collections::BTreeMap<_, _>>(),
        d.audit.agent_hay,
        audit::report::to_json(&d.audit.findings, &card)
    )
}

#[test]
fn what_if_equals_a_full_load_under_the_flipped_option_both_ways() {
    for (profile, seed) in [(Profile::Sparse, 3), (Profile::Dense, 4)] {
        let file = snapshot_file(profile, seed);
        // The generator sets the option true: `w` turns it off; with it overridden off, on.
        for (start, flipped) in [(None, Some(false)), (Some(false), Some(true))] {
            let mut app = loaded(file.path(), with_option(start));
            let before = state(&app);
            let (_, loader) =
                gwsx::tui::source_of(&SourceKind::Path(file.path().display().to_string()))
                    .expect("source");
            press(&mut app, "w");
            app.settle(&loader);
            let full = loaded(file.path(), with_option(flipped));
            let after = state(&app);
            assert_ne!(
                after, before,
                "{profile:?} {start:?}: the option changes findings"
            );
            assert!(after == state(&full), "{profile:?} {start:?} → {flipped:?}");
            // And back: the same as the first load.
            press(&mut app, "w");
            app.settle(&loader);
            assert!(state(&app) == before, "{profile:?} {start:?}: back again");
        }
    }
}

#[test]
fn rerunning_the_login_option_rules_equals_a_full_audit() {
    for (profile, seed) in [(Profile::Sparse, 5), (Profile::Dense, 6)] {
        let text = generate_profile(
            &SynthOptions {
                agents: 2_000,
                seed,
                edge_cases: true,
            },
            profile,
        );
        let snap = gwsx::snapshot::from_bytes(text.into_bytes(), "gen").expect("reads");
        for (from, to) in [(true, false), (false, true)] {
            let a = Inventory::from_snapshot(&snap, &with_option(Some(from))).expect("inventory");
            let b_full =
                Inventory::from_snapshot(&snap, &with_option(Some(to))).expect("inventory");
            let mut config = a.config.clone();
            config.use_employee_id_login = Some(to);
            let b_fast = a.with_config(config);
            assert_eq!(
                format!("{:?}", b_fast.agents),
                format!("{:?}", b_full.agents)
            );
            let full = audit::run(&b_full);
            let fast = audit::rerun_login_option_rules(&b_fast, &audit::run(&a));
            assert!(
                full.iter()
                    .any(|f| f.rule == "GWS-101" || f.rule == "GWS-201")
            );
            assert!(fast == full, "{profile:?} {from} → {to}");
        }
    }
}
