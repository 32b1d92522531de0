//! An agent's detail: identity, login ID and why, route, place, softphone options with
//! their source level, findings.

use crate::audit::Finding;
use crate::domain::{
    Agent, Effective, Fact, LoginSource, Route, SoftphoneGroup, options_keys, softphone_group,
};
use crate::model::{Dn, DnType};
use crate::tui::data::Data;
use crate::tui::detail::{B, Piece, Role, name_or, unknown};
use crate::tui::text::{shown_value, visible};

pub(crate) fn agent_detail(b: &mut B, data: &Data, agent: &Agent, what_if: bool) {
    let inv = &data.inv;
    let t = b.theme;
    let person = inv.agent_person(agent);
    let user = visible(name_or(person.user_name(), "(no user name)"));
    let mut title = vec![Piece::styled(user.clone(), t.accent)];
    if person.is_disabled() {
        title.push(Piece::raw(" "));
        title.push(b.badge("DISABLED", t.warn));
    }
    if inv.is_cluster_agent(agent) == Fact::Known(true) {
        title.push(Piece::raw(" "));
        title.push(b.badge("CLUSTER", t.cluster));
    }
    b.title(title, person.user_name().map(str::to_string));
    if let Some(c) = data.compared.as_deref() {
        crate::tui::tabs::changes::detail::agent_changes(b, data, c, &agent.id);
    }

    b.section("Identity");
    b.field("User name", person.user_name().unwrap_or("—"));
    let full = [person.first_name(), person.last_name()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    b.field("Full name", if full.is_empty() { "—" } else { &full });
    match person.employee_id() {
        Some(e) => b.field_spans(
            "Employee ID",
            vec![Piece::raw(shown_value(e))],
            Some(e.to_string()),
        ),
        None => b.field("Employee ID", "— (not set)"),
    }
    b.field("DBID", &person.dbid.map_or("—".into(), |d| d.to_string()));
    let tenant = match (person.tenant_dbid, &inv.model.tenants) {
        (None, _) => Ok("— (no tenantDBID)".to_string()),
        (Some(_), Err(u)) => Err(u.resource),
        (Some(d), Ok(_)) => Ok(match inv.tenant(d) {
            Some(tn) => format!("{} (DBID {d})", name_or(tn.name.as_deref(), "?")),
            None => format!("unknown DBID {d} (not found)"),
        }),
    };
    b.field_fact("Tenant", tenant);
    let state = if person.is_disabled() {
        "disabled"
    } else {
        "enabled"
    };
    b.field_spans(
        "State",
        vec![Piece::styled(
            state,
            if person.is_disabled() { t.warn } else { t.ok },
        )],
        Some(state.into()),
    );

    b.section(if what_if {
        "Login ID (what-if)"
    } else {
        "Login ID"
    });
    let (value, style, from) = match (&agent.login.value, agent.login.source) {
        (_, LoginSource::Unknown(r)) => (unknown(r), t.warn, String::new()),
        (Some(v), src) => (shown_value(v), t.accent, format!("  from {}", src.as_str())),
        (None, _) => ("no login ID".to_string(), t.error, String::new()),
    };
    b.field_spans(
        "Login ID",
        vec![Piece::styled(value, style), Piece::styled(from, t.muted)],
        agent.login.value.clone(),
    );
    b.para(&agent.login.reason(), Role::Plain);

    b.section("Voice environment");
    route_fields(b, data, agent);

    b.section("Place");
    place_fields(b, data, agent);

    let options = inv.effective_options(agent);
    let mode = match agent.mode {
        Fact::Known(m) => m.as_str().to_string(),
        Fact::Unknown(r) => unknown(r),
    };
    b.section("Softphone privileges");
    let mut privileges = 0;
    for eff in options
        .iter()
        .filter(|e| softphone_group(e.key) == Some(SoftphoneGroup::Privileges))
    {
        b.option(eff.key, eff);
        privileges += 1;
    }
    if privileges == 0 {
        b.push(vec![Piece::styled("    none set", t.muted)], None);
    }
    b.section("Softphone parameters");
    let forced = if inv.config.softphone_mode.is_some() {
        " (forced by softphoneMode)"
    } else {
        ""
    };
    b.field_spans(
        "Mode",
        vec![Piece::raw(mode.clone()), Piece::styled(forced, t.muted)],
        Some(mode),
    );
    for group in [
        SoftphoneGroup::Control,
        SoftphoneGroup::SipConfiguration,
        SoftphoneGroup::SoftphoneSpecific,
        SoftphoneGroup::Other,
    ] {
        let rows: Vec<&Effective> = options
            .iter()
            .filter(|e| softphone_group(e.key) == Some(group))
            .collect();
        if rows.is_empty() {
            continue;
        }
        b.sub(group.title());
        for eff in rows {
            let shown = match group {
                SoftphoneGroup::SoftphoneSpecific => {
                    eff.key.strip_prefix("sipendpoint.").unwrap_or(eff.key)
                }
                _ => eff.key,
            };
            b.option(shown, eff);
        }
    }
    if !options
        .iter()
        .any(|e| softphone_group(e.key).is_some_and(|g| g != SoftphoneGroup::Privileges))
    {
        b.push(
            vec![Piece::styled("    no sipendpoint.* option set", t.muted)],
            None,
        );
    }
    if let Some(eff) = options.iter().find(|e| e.key == options_keys::PROMPT_PLACE) {
        b.sub("Read by the rules");
        b.option(eff.key, eff);
    }

    let findings: Vec<&Finding> = data.findings_of(&agent.id).collect();
    b.findings("Findings", &findings);
    let unknown_facts = matches!(agent.route, Route::Unknown(_))
        || matches!(agent.login.source, LoginSource::Unknown(_))
        || agent.mode.is_unknown()
        || options.iter().any(|e| e.value.is_none());
    if unknown_facts {
        b.para(
            "Checks that read an unknown fact were skipped for this agent (GWS-501 names each unavailable resource).",
            t.warn,
        );
    }
    crate::tui::tabs::objects::detail::agent_links(b, data, agent.person);
}

fn route_fields(b: &mut B, data: &Data, agent: &Agent) {
    let inv = &data.inv;
    let t = b.theme;
    match agent.route {
        Route::Unknown(r) => {
            b.field_unknown("Voice env", r);
            b.field("Route", "unknown");
            return;
        }
        Route::None => {
            b.field_spans("Voice env", vec![Piece::styled("none", t.warn)], None);
            b.field(
                "Route",
                "none: no Extension DN, agent login or single voice environment leads to one",
            );
            return;
        }
        _ => {}
    }
    let Some(v) = agent.voice_env else { return };
    let ve = inv.voice_environment(v);
    let name = visible(ve.map_or("?", |ve| name_or(ve.name.as_deref(), "(no name)")));
    let mut spans = vec![Piece::styled(name.clone(), t.header)];
    if ve.is_some_and(|ve| ve.cluster_mode) {
        spans.push(Piece::raw(" "));
        spans.push(b.badge("CLUSTER", t.cluster));
    }
    b.field_spans("Voice env", spans, ve.and_then(|v| v.id.clone()));
    let how = match agent.route {
        Route::ExtensionDn => {
            let via = route_dn(data, agent, v)
                .map(|(dn, sw)| {
                    format!(
                        " via DN {} on switch {sw}",
                        visible(dn.number.as_deref().unwrap_or("?"))
                    )
                })
                .unwrap_or_default();
            format!("extension-dn: the default place's Extension DN{via}")
        }
        Route::AgentLogin => "agent-login: an agent login on its switch".to_string(),
        Route::OnlyVoiceEnvironment => {
            "only-voice-environment: the snapshot holds one voice environment".to_string()
        }
        _ => agent.route.as_str().to_string(),
    };
    b.field("Route", &how);
}

/// The Extension DN (and its switch's name) that routed an agent to voice environment `v`.
fn route_dn<'d>(data: &'d Data, agent: &Agent, v: usize) -> Option<(&'d Dn, String)> {
    let inv = &data.inv;
    let person = inv.agent_person(agent);
    let place = inv.place(person.agent_info.place_dbid?)?;
    place
        .dn_dbids
        .iter()
        .filter_map(|&d| inv.dn(d))
        .find_map(|dn| {
            let s = dn.switch_dbid?;
            (dn.kind() == Some(DnType::Extension) && data.lookup.switch_ve.get(&s) == Some(&v))
                .then(|| {
                    let name = inv
                        .switch(s)
                        .and_then(|sw| sw.name.clone())
                        .unwrap_or_else(|| format!("DBID {s}"));
                    (dn, visible(&name))
                })
        })
}

fn place_fields(b: &mut B, data: &Data, agent: &Agent) {
    let inv = &data.inv;
    let t = b.theme;
    let person = inv.agent_person(agent);
    let Some(pd) = person.agent_info.place_dbid.filter(|&d| d != 0) else {
        b.field_spans("Default place", vec![Piece::styled("none", t.warn)], None);
        return;
    };
    if let Err(u) = &inv.model.places {
        b.field_unknown("Default place", u.resource);
        return;
    }
    let Some(place) = inv.place(pd) else {
        b.field_spans(
            "Default place",
            vec![Piece::styled(
                format!("unknown DBID {pd} (not found)"),
                t.warn,
            )],
            Some(pd.to_string()),
        );
        return;
    };
    b.field(
        "Default place",
        &format!("{} (DBID {pd})", name_or(place.name.as_deref(), "?")),
    );
    if let Err(u) = &inv.model.dns {
        b.field_unknown("Extension DN", u.resource);
        return;
    }
    let mut any = false;
    for dn in place.dn_dbids.iter().filter_map(|&d| inv.dn(d)) {
        if dn.kind() != Some(DnType::Extension) {
            continue;
        }
        any = true;
        let number = dn.number.as_deref().unwrap_or("?");
        let sw = match dn.switch_dbid {
            Some(s) => inv
                .switch(s)
                .map(|sw| name_or(sw.name.as_deref(), "?").to_string())
                .unwrap_or_else(|| format!("unknown switch DBID {s} (not found)")),
            None => "no switch".to_string(),
        };
        let dbid = dn.dbid.map_or("?".into(), |d| d.to_string());
        b.field_spans(
            "Extension DN",
            vec![
                Piece::styled(visible(number), t.header),
                Piece::styled(format!("  on {}  (DBID {dbid})", visible(&sw)), t.muted),
            ],
            Some(number.to_string()),
        );
    }
    if !any {
        b.field_spans(
            "Extension DN",
            vec![Piece::styled("none in this place", t.warn)],
            None,
        );
    }
}
