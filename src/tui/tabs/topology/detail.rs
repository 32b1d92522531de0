//! Topology details: Genesys environment (and the gwsConfig in force), voice environment
//! (cluster mode and evidence, SIP Server, switch, outbound proxy, agents), switch, T-Server
//! connection.

use crate::audit::{Finding, Severity};
use crate::domain::Fact;
use crate::model::{Dn, Servers};
use crate::tui::data::Data;
use crate::tui::detail::{B, Piece, Role, name_or, severity_glyph, unknown};
use crate::tui::text::{shown_value, visible};

fn servers(b: &mut B, data: &Data, s: &Servers) {
    let inv = &data.inv;
    for (role, name, address, port, sip_port, dbid) in [
        (
            "Primary",
            &s.primary_server_name,
            &s.primary_address,
            &s.primary_port,
            &s.primary_sip_port,
            &s.primary_dbid,
        ),
        (
            "Backup",
            &s.backup_server_name,
            &s.backup_address,
            &s.backup_port,
            &s.backup_sip_port,
            &s.backup_dbid,
        ),
    ] {
        let Some(name) = name.as_deref().filter(|n| !n.is_empty()) else {
            b.field(role, "—");
            continue;
        };
        let app_dbid = inv
            .application_by_name(name)
            .and_then(|a| a.dbid)
            .map(|d| d.to_string());
        let app = match (&inv.model.applications, &app_dbid) {
            (Err(u), _) => unknown(u.resource),
            (Ok(_), Some(d)) => format!("application DBID {d}"),
            (Ok(_), None) => "no application of that name".into(),
        };
        b.field_spans(
            role,
            vec![
                Piece::styled(visible(name), b.theme.header),
                Piece::styled(format!("  {app}"), b.theme.muted),
            ],
            Some(name.to_string()),
        );
        let listed = dbid
            .as_deref()
            .filter(|d| app_dbid.as_deref() != Some(*d))
            .map(|d| format!("  listed DBID {d}"))
            .unwrap_or_default();
        let addr = format!(
            "{}:{}  SIP port {}{listed}",
            address.as_deref().unwrap_or("?"),
            port.as_deref().unwrap_or("?"),
            sip_port.as_deref().unwrap_or("—"),
        );
        b.field("", &addr);
    }
    b.field("Protocol", s.connection_protocol.as_deref().unwrap_or("—"));
}

fn tserver_value<'d>(dn: &'d Dn, key: &str) -> Option<&'d str> {
    dn.user_properties.section("TServer")?.value(key)
}

pub(crate) fn genesys_env(b: &mut B, data: &Data, g: usize) {
    let inv = &data.inv;
    let t = b.theme;
    let Some(env) = inv.genesys_environments().get(g) else {
        return;
    };
    b.title(
        vec![
            Piece::styled(visible(name_or(env.name.as_deref(), "(no name)")), t.accent),
            Piece::styled("  Genesys environment", t.muted),
        ],
        env.name.clone(),
    );
    b.blank();
    b.field("Id", env.id.as_deref().unwrap_or("—"));
    let ves: Vec<usize> = inv
        .voice_envs
        .iter()
        .enumerate()
        .filter(|(_, v)| v.genesys_env == g)
        .map(|(i, _)| i)
        .collect();
    let clusters = ves
        .iter()
        .filter(|&&v| inv.voice_environment(v).is_some_and(|ve| ve.cluster_mode))
        .count();
    b.field(
        "Voice envs",
        &format!("{} ({clusters} in cluster mode)", ves.len()),
    );
    b.section("Voice environments");
    for v in ves {
        let Some(ve) = inv.voice_environment(v) else {
            continue;
        };
        let mut spans = vec![Piece::raw(format!(
            "  {}",
            visible(name_or(ve.name.as_deref(), "(no name)"))
        ))];
        if ve.cluster_mode {
            spans.push(Piece::raw(" "));
            spans.push(b.badge("CLUSTER", t.cluster));
        }
        let c = data.audit.ve_counts.get(v).copied().unwrap_or_default();
        for s in [Severity::Error, Severity::Warn, Severity::Info] {
            if c.get(s) > 0 {
                spans.push(Piece::styled(
                    format!("  {}{}", severity_glyph(s), c.get(s)),
                    t.severity(s),
                ));
            }
        }
        b.push(spans, ve.id.clone());
    }
    config_section(b, data);
    read_section(b, data);
}

/// What could not be read: unavailable resources with their reasons, lists read in part,
/// loose files skipped. The results above speak only of what was read (RULES.md §0, §5).
fn read_section(b: &mut B, data: &Data) {
    let t = b.theme;
    let model = &data.inv.model;
    let unavailable = model.unavailable();
    if unavailable.is_empty() && model.partial.is_empty() && data.snapshot.warnings.is_empty() {
        return;
    }
    b.section("Not read (results are incomplete)");
    for u in unavailable {
        b.para(&visible(&format!("{}: {}", u.path(), u.reason)), t.warn);
    }
    for line in crate::model::read_warnings(model)
        .iter()
        .filter(|l| !l.contains(" is unreadable: "))
    {
        b.para(&visible(line), t.warn);
    }
    for line in &data.snapshot.warnings {
        b.para(&visible(line), t.muted);
    }
}

/// The gwsConfig in force: what the REST API does not say, from the snapshot, the file and
/// the flags (and what-if).
fn config_section(b: &mut B, data: &Data) {
    let c = &data.inv.config;
    let t = b.theme;
    b.section("gwsConfig in force");
    let unset = || Piece::styled("not set", t.warn);
    let use_emp = match c.use_employee_id_login {
        Some(v) => Piece::styled(v.to_string(), if v { t.ok } else { t.warn }),
        None => unset(),
    };
    b.field_spans(
        "Login by empID",
        vec![use_emp],
        c.use_employee_id_login.map(|v| v.to_string()),
    );
    b.para(
        "useEmployeeIdAsAgentLoginForSIPCluster (application.yaml; --use-employee-id-login)",
        t.muted,
    );
    let protocol = data.inv.browser_protocol();
    b.field_spans(
        "Browser scheme",
        vec![protocol.clone().map_or_else(unset, Piece::raw)],
        protocol,
    );
    b.field("Cluster app", c.cluster_application());
    b.field(
        "Softphone mode",
        c.softphone_mode
            .map_or("per agent (sipendpoint.uri)", |m| m.as_str()),
    );
}

pub(crate) fn voice_env(b: &mut B, data: &Data, v: usize) {
    let inv = &data.inv;
    let t = b.theme;
    let (Some(ve), Some(facts)) = (inv.voice_environment(v), inv.voice_envs.get(v)) else {
        return;
    };
    let mut title = vec![Piece::styled(
        visible(name_or(ve.name.as_deref(), "(no name)")),
        t.accent,
    )];
    if ve.cluster_mode {
        title.push(Piece::raw(" "));
        title.push(b.badge("CLUSTER", t.cluster));
    }
    if data.audit.ve_mismatch.get(v).copied().unwrap_or(false) {
        title.push(Piece::raw(" "));
        title.push(b.badge("MISMATCH", t.warn));
    }
    b.title(title, ve.name.clone());
    b.blank();
    b.field("Id", ve.id.as_deref().unwrap_or("—"));
    let genv = inv
        .genesys_environments()
        .get(facts.genesys_env)
        .and_then(|e| e.name.as_deref())
        .unwrap_or("?");
    b.field("Genesys env", genv);

    b.section("Cluster mode");
    b.field_spans(
        "clusterMode",
        vec![Piece::styled(
            if ve.cluster_mode { "true" } else { "false" },
            if ve.cluster_mode {
                t.cluster
            } else {
                Role::Plain
            },
        )],
        Some(ve.cluster_mode.to_string()),
    );
    let app_name = inv.config.cluster_application().to_string();
    match facts.cluster_evidence {
        Fact::Unknown(r) => b.field_unknown("Evidence", r),
        Fact::Known(found) => {
            let text = if found {
                format!("yes: a {app_name} connection has server-role=5")
            } else {
                format!("none: no {app_name} connection with server-role=5")
            };
            b.field_spans(
                "Evidence",
                vec![Piece::styled(
                    text.clone(),
                    if found == ve.cluster_mode {
                        t.ok
                    } else {
                        t.warn
                    },
                )],
                Some(text),
            );
            evidence_rows(b, data, v, &app_name);
        }
    }
    if data.audit.ve_mismatch.get(v).copied().unwrap_or(false) {
        let why = if ve.cluster_mode {
            "clusterMode is true, but the cluster application shows no server-role=5 connection to this SIP Server"
        } else {
            "clusterMode is false, but the cluster application has a server-role=5 connection to this SIP Server"
        };
        b.para(&format!("MISMATCH (GWS-102): {why}"), t.warn);
    }

    b.section("SIP Server");
    servers(b, data, &ve.servers);

    b.section("Switch");
    match facts.switch {
        Fact::Unknown(r) => b.field_unknown("Switch", r),
        Fact::Known(None) => {
            b.field_spans("Switch", vec![Piece::styled("none resolves", t.warn)], None)
        }
        Fact::Known(Some(s)) => {
            let sw = inv.switches().get(s);
            let dbid = sw.and_then(|s| s.dbid);
            b.field(
                "Switch",
                &format!(
                    "{} (DBID {})",
                    sw.and_then(|s| s.name.as_deref()).unwrap_or("?"),
                    dbid.map_or("?".into(), |d| d.to_string())
                ),
            );
            if let Some(d) = dbid {
                proxy_rows(b, data, d);
            }
        }
    }

    b.section("Agents");
    let counts = data.ve_logins.get(v).copied().unwrap_or_default();
    let total: usize = counts.iter().sum();
    b.field("Agents", &total.to_string());
    let by_source: Vec<String> = ["employee-id", "agent-login", "none", "unknown"]
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(label, n)| format!("{n} {label}"))
        .collect();
    if !by_source.is_empty() {
        b.field("Login ID from", &by_source.join(" · "));
    }

    let own: Vec<&Finding> = data
        .audit
        .ve_own
        .get(v)
        .into_iter()
        .flatten()
        .filter_map(|&i| data.audit.findings.get(i))
        .collect();
    b.findings("Findings", &own);
    let agent_total = data
        .audit
        .ve_counts
        .get(v)
        .map_or(0, |c| c.total())
        .saturating_sub(own.len());
    if agent_total > 0 {
        b.para(&format!("and {agent_total} about its agents (Audit tab, or filter the Agents tab by this name)"), t.muted);
    }
}

/// The cluster application's connections to this voice environment's SIP Servers.
fn evidence_rows(b: &mut B, data: &Data, v: usize, app_name: &str) {
    let inv = &data.inv;
    let Fact::Known(Some(app)) = inv.cluster_app else {
        b.para(
            &format!("no application named {app_name} in the snapshot"),
            b.theme.muted,
        );
        return;
    };
    let Some(cluster) = inv.applications().get(app) else {
        return;
    };
    let Some(facts) = inv.voice_envs.get(v) else {
        return;
    };
    let targets: Vec<(i64, String)> = [facts.primary_app, facts.backup_app]
        .into_iter()
        .filter_map(|f| f.known().flatten())
        .filter_map(|a| inv.applications().get(a))
        .filter_map(|a| Some((a.dbid?, a.name.clone().unwrap_or_default())))
        .collect();
    for conn in &cluster.connections {
        let Some((dbid, name)) = conn
            .app_server_dbid
            .and_then(|d| targets.iter().find(|(t, _)| *t == d))
        else {
            continue;
        };
        let params = conn.app_params.as_deref().unwrap_or("");
        let role = crate::domain::app_param(params, "server-role").unwrap_or("—");
        let option_role = inv
            .application_by_dbid(*dbid)
            .and_then(|a| a.options.section("TServer"))
            .and_then(|s| s.value("server-role"))
            .unwrap_or("—");
        b.field_spans(
            "Connection",
            vec![
                Piece::raw(visible(name)),
                Piece::styled(
                    format!("  appParams server-role={role}, options server-role={option_role}"),
                    b.theme.muted,
                ),
            ],
            Some(params.to_string()),
        );
    }
}

/// The SIP Outbound Proxy and SIP cluster nodes DNs of a switch.
fn proxy_rows(b: &mut B, data: &Data, switch_dbid: i64) {
    let inv = &data.inv;
    let t = b.theme;
    if let Err(u) = &inv.model.dns {
        b.field_unknown("Outbound proxy", u.resource);
        return;
    }
    let voip: Vec<&Dn> = data
        .switch_facts
        .get(&switch_dbid)
        .map(|f| f.voip.iter().filter_map(|&i| inv.dns().get(i)).collect())
        .unwrap_or_default();
    let mut proxies = 0;
    for dn in &voip {
        if tserver_value(dn, "service-type") != Some("sip-outbound-proxy") {
            continue;
        }
        proxies += 1;
        let contact = tserver_value(dn, "external-contact");
        b.field_spans(
            "Outbound proxy",
            vec![
                Piece::styled(
                    contact.map_or("(no external-contact)".to_string(), shown_value),
                    if contact.is_some() { t.header } else { t.warn },
                ),
                Piece::styled(
                    format!(
                        "  external-contact of DN {}",
                        visible(dn.number.as_deref().unwrap_or("?"))
                    ),
                    t.muted,
                ),
            ],
            contact.map(str::to_string),
        );
    }
    if proxies == 0 {
        b.field_spans(
            "Outbound proxy",
            vec![Piece::styled(
                "none (no VoIP Service DN with service-type=sip-outbound-proxy)",
                t.warn,
            )],
            None,
        );
    }
    let nodes = voip
        .iter()
        .filter(|dn| tserver_value(dn, "service-type") == Some("sip-cluster-nodes"))
        .count();
    b.field(
        "Cluster nodes",
        &format!("{nodes} VoIP Service DN(s) with service-type=sip-cluster-nodes"),
    );
}

pub(crate) fn switch(b: &mut B, data: &Data, v: usize, dbid: i64) {
    let inv = &data.inv;
    let t = b.theme;
    let sw = inv.switch(dbid);
    b.title(
        vec![
            Piece::styled(
                visible(sw.and_then(|s| s.name.as_deref()).unwrap_or("?")),
                t.accent,
            ),
            Piece::styled("  switch", t.muted),
        ],
        sw.and_then(|s| s.name.clone()),
    );
    b.blank();
    b.field("DBID", &dbid.to_string());
    if let Some(sw) = sw {
        let tserver = sw.tserver_dbid.map_or("—".to_string(), |d| {
            let name = inv
                .application_by_dbid(d)
                .and_then(|a| a.name.as_deref())
                .unwrap_or("?");
            format!("{name} (DBID {d})")
        });
        b.field("T-Server", &tserver);
    }
    let ve_name = inv
        .voice_environment(v)
        .and_then(|ve| ve.name.as_deref())
        .unwrap_or("?");
    b.field("Serves", ve_name);
    b.section("DNs");
    if let Err(u) = &inv.model.dns {
        b.field_unknown("DNs", u.resource);
    } else if let Some(f) = data.switch_facts.get(&dbid) {
        b.field("Extensions", &f.extensions.to_string());
        b.field("ACD Queues", &f.acd_queues.to_string());
        b.field("VoIP Services", &f.voip.len().to_string());
        for dn in f.voip.iter().filter_map(|&i| inv.dns().get(i)) {
            let st = tserver_value(dn, "service-type").unwrap_or("—");
            let contact = tserver_value(dn, "external-contact")
                .map(|c| format!("  external-contact={}", shown_value(c)))
                .unwrap_or_default();
            b.field_spans(
                "",
                vec![
                    Piece::raw(visible(dn.number.as_deref().unwrap_or("?"))),
                    Piece::styled(format!("  service-type={}{contact}", visible(st)), t.muted),
                ],
                dn.number.clone(),
            );
        }
    }
    match &inv.model.agent_logins {
        Err(u) => b.field_unknown("Agent logins", u.resource),
        Ok(_) => {
            let n = data.switch_facts.get(&dbid).map_or(0, |f| f.agent_logins);
            b.field("Agent logins", &n.to_string());
        }
    }
    b.section("Outbound proxy");
    proxy_rows(b, data, dbid);
    let list: Vec<&Finding> = data
        .audit
        .switch_findings
        .get(&dbid)
        .into_iter()
        .flatten()
        .filter_map(|&i| data.audit.findings.get(i))
        .collect();
    b.findings("Findings", &list);
}

pub(crate) fn connection(b: &mut B, data: &Data, v: usize, c: usize) {
    let t = b.theme;
    let Some(conn) = data
        .inv
        .voice_environment(v)
        .and_then(|ve| ve.tserver_connections.get(c))
    else {
        return;
    };
    b.title(
        vec![
            Piece::styled(
                visible(
                    conn.servers
                        .primary_server_name
                        .as_deref()
                        .unwrap_or("(no primary)"),
                ),
                t.accent,
            ),
            Piece::styled("  T-Server connection", t.muted),
        ],
        conn.id.clone(),
    );
    b.blank();
    b.field("Id", conn.id.as_deref().unwrap_or("—"));
    let env = conn.genesys_environment_id.as_deref().map(|id| {
        match data
            .inv
            .genesys_environments()
            .iter()
            .find(|e| e.id.as_deref() == Some(id))
            .and_then(|e| e.name.as_deref())
        {
            Some(name) => format!("{name} ({id})"),
            None => id.to_string(),
        }
    });
    b.field("Genesys env", env.as_deref().unwrap_or("—"));
    b.section("Servers");
    servers(b, data, &conn.servers);
}
