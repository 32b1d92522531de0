//! The detail pane's content for each kind of object: lines to draw, each with the value `y`
//! copies. Unknown facts say which resource was unavailable; nothing is left blank.

use super::app::Selected;
use super::data::{Data, NodeKind};
use super::text::{self, shown_value, visible};
use super::theme::Theme;
use crate::audit::{Finding, Severity, catalogue};
use crate::domain::{
    Agent, Effective, Fact, LoginSource, OptionSource, Route, SoftphoneGroup, options_keys,
    softphone_group,
};
use crate::model::{Dn, DnType, Servers};
use crate::snapshot::Resource;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// One line of the detail pane.
#[derive(Debug, Clone)]
pub struct DLine {
    pub line: Line<'static>,
    /// What `y` copies on this line (else the line's text).
    pub copy: Option<String>,
}

impl DLine {
    pub fn plain(s: &str) -> DLine {
        DLine {
            line: Line::from(s.to_string()),
            copy: None,
        }
    }

    /// A line of raw JSON, keys in the accent colour, wrapped at `width` under its indent.
    pub fn raw(s: &str, theme: &Theme, width: usize) -> Vec<DLine> {
        let trimmed = s.trim_start();
        let indent = &s[..s.len() - trimmed.len()];
        let copy = Some(trimmed.trim_end_matches(',').to_string());
        let width = width.max(indent.len() + 12);
        let (first, mut rest) = text::split_at_width(s, width);
        let line = match first.trim_start().split_once("\": ") {
            Some((key, value)) if trimmed.starts_with('"') => Line::from(vec![
                Span::raw(indent.to_string()),
                Span::styled(format!("{key}\""), theme.accent),
                Span::raw(format!(": {value}")),
            ]),
            _ => Line::from(first),
        };
        let mut out = vec![DLine {
            line,
            copy: copy.clone(),
        }];
        let lead = format!("{indent}  ");
        while !rest.is_empty() {
            let (part, tail) = text::split_at_width(&rest, width - lead.len());
            out.push(DLine {
                line: Line::from(format!("{lead}{part}")),
                copy: copy.clone(),
            });
            rest = tail;
        }
        out
    }

    pub fn text(&self) -> String {
        self.line.spans.iter().map(|s| s.content.as_ref()).collect()
    }
}

/// "unknown (<path> unavailable)".
pub fn unknown(r: Resource) -> String {
    format!("unknown ({} unavailable)", r.path())
}

/// Severity as a glyph and a word, readable without colour.
pub fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖ error",
        Severity::Warn => "▲ warn",
        Severity::Info => "● info",
    }
}

pub fn severity_glyph(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖",
        Severity::Warn => "▲",
        Severity::Info => "●",
    }
}

const LABEL: usize = 14;

struct B<'a> {
    out: Vec<DLine>,
    theme: &'a Theme,
    width: usize,
}

impl<'a> B<'a> {
    fn new(theme: &'a Theme, width: usize) -> B<'a> {
        B {
            out: Vec::new(),
            theme,
            width: width.max(20),
        }
    }

    fn push(&mut self, spans: Vec<Span<'static>>, copy: Option<String>) {
        self.out.push(DLine {
            line: Line::from(spans),
            copy,
        });
    }

    fn blank(&mut self) {
        self.push(Vec::new(), None);
    }

    fn title(&mut self, spans: Vec<Span<'static>>, copy: Option<String>) {
        self.push(spans, copy);
    }

    fn section(&mut self, title: &str) {
        self.blank();
        self.push(
            vec![Span::styled(title.to_string(), self.theme.accent)],
            None,
        );
    }

    fn sub(&mut self, title: &str) {
        self.push(
            vec![Span::styled(format!(" {title}"), self.theme.header)],
            None,
        );
    }

    /// Lays spans out on lines of the pane's width. A span that does not fit where it is
    /// starts the next line (indented by `cont`) when it fits there whole; otherwise it is
    /// cut, at a space when there is one.
    fn flow(&mut self, spans: Vec<Span<'static>>, cont: usize, copy: Option<String>) {
        let width = self.width;
        let cont = cont.min(width / 2);
        let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
        let mut used = 0;
        for span in spans {
            let style = span.style;
            let mut content = span.content.into_owned();
            while !content.is_empty() {
                let w = text::width(&content);
                if used + w <= width {
                    used += w;
                    if let Some(line) = lines.last_mut() {
                        line.push(Span::styled(content, style));
                    }
                    break;
                }
                let fits_next = text::width(content.trim_start()) <= width - cont;
                if used > cont && (fits_next || used + 1 >= width) {
                    lines.push(vec![Span::raw(" ".repeat(cont))]);
                    used = cont;
                    content = content.trim_start().to_string();
                    continue;
                }
                let (head, tail) = text::split_at_width(&content, width - used);
                used += text::width(&head);
                if let Some(line) = lines.last_mut() {
                    line.push(Span::styled(head, style));
                }
                content = tail.trim_start().to_string();
                if !content.is_empty() {
                    lines.push(vec![Span::raw(" ".repeat(cont))]);
                    used = cont;
                }
            }
        }
        for line in lines {
            self.push(line, copy.clone());
        }
    }

    /// `  Label         value…`, the value flowing under itself.
    fn field_spans(&mut self, label: &str, value: Vec<Span<'static>>, copy: Option<String>) {
        let pad = LABEL.saturating_sub(text::width(label));
        let mut spans = vec![Span::styled(
            format!("  {label}{}", " ".repeat(pad + 1)),
            self.theme.muted,
        )];
        spans.extend(value);
        self.flow(spans, LABEL + 3, copy);
    }

    fn field(&mut self, label: &str, value: &str) {
        let v = visible(value);
        self.field_spans(label, vec![Span::raw(v.clone())], Some(value.to_string()));
    }

    fn field_fact(&mut self, label: &str, value: Result<String, Resource>) {
        match value {
            Ok(v) => self.field(label, &v),
            Err(r) => self.field_unknown(label, r),
        }
    }

    fn field_unknown(&mut self, label: &str, r: Resource) {
        self.field_spans(
            label,
            vec![Span::styled(unknown(r), self.theme.warn)],
            Some("unknown".into()),
        );
    }

    /// A sentence, wrapped, indented.
    fn para(&mut self, s: &str, style: Style) {
        let indent = 2;
        for part in text::wrap(&visible(s), self.width.saturating_sub(indent)) {
            self.push(
                vec![Span::raw(" ".repeat(indent)), Span::styled(part, style)],
                Some(s.to_string()),
            );
        }
    }

    fn badge(&self, word: &str, role: Style) -> Span<'static> {
        Span::styled(format!(" {word} "), self.theme.badge(role))
    }

    /// `key = value  ← source`, flowing onto more lines when it does not fit.
    fn option(&mut self, shown_key: &str, eff: &Effective) {
        let t = self.theme;
        let (value, value_style, copy) = match eff.value {
            Some(v) => (shown_value(v), t.header, v.to_string()),
            None => ("unknown".to_string(), t.warn, "unknown".to_string()),
        };
        let source = match eff.source {
            OptionSource::Unknown(r) => format!("unknown ({} unavailable)", r.path()),
            s => s.label(),
        };
        let spans = vec![
            Span::raw(format!("  {shown_key}")),
            Span::styled(" = ", t.muted),
            Span::styled(value, value_style),
            Span::styled(format!("  ← {source}"), t.info),
        ];
        self.flow(spans, 6, Some(copy));
    }

    fn finding(&mut self, f: &Finding) {
        let t = self.theme;
        let mut spans = vec![
            Span::raw("  "),
            Span::styled(severity_word(f.severity), t.severity(f.severity)),
            Span::raw(" "),
            Span::styled(f.rule, t.header),
        ];
        if let Some(opt) = &f.option {
            spans.push(Span::styled(format!("  {}", visible(opt)), t.muted));
        }
        self.push(spans, Some(f.message.clone()));
        self.para(&f.message, Style::new());
    }

    fn findings(&mut self, title: &str, list: &[&Finding]) {
        self.section(&format!("{title} ({})", list.len()));
        if list.is_empty() {
            self.push(vec![Span::styled("  none", self.theme.ok)], None);
        }
        for f in list {
            self.finding(f);
        }
    }
}

/// The lines of the detail pane for a selection, at a width.
pub fn lines(data: &Data, theme: &Theme, sel: Selected, width: usize, what_if: bool) -> Vec<DLine> {
    let mut b = B::new(theme, width);
    match sel {
        Selected::Agent(i) => {
            if let Some(agent) = data.inv.agents.get(i) {
                agent_detail(&mut b, data, agent, what_if);
            }
        }
        Selected::Node(NodeKind::GenesysEnv(g)) => genesys_env(&mut b, data, g),
        Selected::Node(NodeKind::VoiceEnv(v)) => voice_env(&mut b, data, v),
        Selected::Node(NodeKind::Switch(v, s)) => switch(&mut b, data, v, s),
        Selected::Node(NodeKind::Connection(v, c)) => connection(&mut b, data, v, c),
        Selected::Finding(i) => {
            if let Some(f) = data.findings.get(i) {
                finding_detail(&mut b, data, f);
            }
        }
        Selected::Rule(rule) => rule_detail(&mut b, data, rule),
        Selected::Nothing => b.push(vec![Span::styled("nothing selected", theme.muted)], None),
    }
    b.out
}

fn name_or<'s>(name: Option<&'s str>, fallback: &'s str) -> &'s str {
    name.filter(|n| !n.is_empty()).unwrap_or(fallback)
}

fn agent_detail(b: &mut B, data: &Data, agent: &Agent, what_if: bool) {
    let inv = &data.inv;
    let t = b.theme;
    let person = inv.agent_person(agent);
    let user = visible(name_or(person.user_name.as_deref(), "(no user name)"));
    let mut title = vec![Span::styled(user.clone(), t.accent)];
    if person.is_disabled() {
        title.push(Span::raw(" "));
        title.push(b.badge("DISABLED", t.warn));
    }
    if inv.is_cluster_agent(agent) == Fact::Known(true) {
        title.push(Span::raw(" "));
        title.push(b.badge("CLUSTER", t.cluster));
    }
    b.title(title, person.user_name.clone());

    b.section("Identity");
    b.field("User name", person.user_name.as_deref().unwrap_or("—"));
    let full = [person.first_name.as_deref(), person.last_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    b.field("Full name", if full.is_empty() { "—" } else { &full });
    match person.employee_id() {
        Some(e) => b.field_spans(
            "Employee ID",
            vec![Span::raw(shown_value(e))],
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
            None => format!("not found (DBID {d})"),
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
        vec![Span::styled(
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
        vec![Span::styled(value, style), Span::styled(from, t.muted)],
        agent.login.value.clone(),
    );
    b.para(&agent.login.reason, Style::new());

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
        b.push(vec![Span::styled("    none set", t.muted)], None);
    }
    b.section("Softphone parameters");
    let forced = if inv.config.softphone_mode.is_some() {
        " (forced by softphoneMode)"
    } else {
        ""
    };
    b.field_spans(
        "Mode",
        vec![Span::raw(mode.clone()), Span::styled(forced, t.muted)],
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
            vec![Span::styled("    no sipendpoint.* option set", t.muted)],
            None,
        );
    }
    if let Some(eff) = options.iter().find(|e| e.key == options_keys::PROMPT_PLACE) {
        b.sub("Read by the rules");
        b.option(eff.key, eff);
    }

    let findings: Vec<&Finding> = data.findings_of(&agent.id).collect();
    b.findings("Findings", &findings);
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
            b.field_spans("Voice env", vec![Span::styled("none", t.warn)], None);
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
    let mut spans = vec![Span::styled(name.clone(), t.header)];
    if ve.is_some_and(|ve| ve.cluster_mode) {
        spans.push(Span::raw(" "));
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
            (dn.kind() == Some(DnType::Extension) && data.switch_ve.get(&s) == Some(&v)).then(
                || {
                    let name = inv
                        .switch(s)
                        .and_then(|sw| sw.name.clone())
                        .unwrap_or_else(|| format!("DBID {s}"));
                    (dn, visible(&name))
                },
            )
        })
}

fn place_fields(b: &mut B, data: &Data, agent: &Agent) {
    let inv = &data.inv;
    let t = b.theme;
    let person = inv.agent_person(agent);
    let Some(pd) = person.agent_info.place_dbid.filter(|&d| d != 0) else {
        b.field_spans("Default place", vec![Span::styled("none", t.warn)], None);
        return;
    };
    if let Err(u) = &inv.model.places {
        b.field_unknown("Default place", u.resource);
        return;
    }
    let Some(place) = inv.place(pd) else {
        b.field_spans(
            "Default place",
            vec![Span::styled(format!("not found (DBID {pd})"), t.warn)],
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
                .unwrap_or_else(|| format!("switch DBID {s} (not found)")),
            None => "no switch".to_string(),
        };
        let dbid = dn.dbid.map_or("?".into(), |d| d.to_string());
        b.field_spans(
            "Extension DN",
            vec![
                Span::styled(visible(number), t.header),
                Span::styled(format!("  on {}  (DBID {dbid})", visible(&sw)), t.muted),
            ],
            Some(number.to_string()),
        );
    }
    if !any {
        b.field_spans(
            "Extension DN",
            vec![Span::styled("none in this place", t.warn)],
            None,
        );
    }
}

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
                Span::styled(visible(name), b.theme.header),
                Span::styled(format!("  {app}"), b.theme.muted),
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

fn genesys_env(b: &mut B, data: &Data, g: usize) {
    let inv = &data.inv;
    let t = b.theme;
    let Some(env) = inv.genesys_environments().get(g) else {
        return;
    };
    b.title(
        vec![
            Span::styled(visible(name_or(env.name.as_deref(), "(no name)")), t.accent),
            Span::styled("  Genesys environment", t.muted),
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
        let mut spans = vec![Span::raw(format!(
            "  {}",
            visible(name_or(ve.name.as_deref(), "(no name)"))
        ))];
        if ve.cluster_mode {
            spans.push(Span::raw(" "));
            spans.push(b.badge("CLUSTER", t.cluster));
        }
        let c = data.ve_counts.get(v).copied().unwrap_or_default();
        for s in [Severity::Error, Severity::Warn, Severity::Info] {
            if c.get(s) > 0 {
                spans.push(Span::styled(
                    format!("  {}{}", severity_glyph(s), c.get(s)),
                    t.severity(s),
                ));
            }
        }
        b.push(spans, ve.id.clone());
    }
    config_section(b, data);
}

/// The gwsConfig in force: what the REST API does not say, from the snapshot, the file and
/// the flags (and what-if).
fn config_section(b: &mut B, data: &Data) {
    let c = &data.inv.config;
    let t = b.theme;
    b.section("gwsConfig in force");
    let unset = || Span::styled("not set", t.warn);
    let use_emp = match c.use_employee_id_login {
        Some(v) => Span::styled(v.to_string(), if v { t.ok } else { t.warn }),
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
        vec![protocol.clone().map_or_else(unset, Span::raw)],
        protocol,
    );
    b.field("Cluster app", c.cluster_application());
    b.field(
        "Softphone mode",
        c.softphone_mode
            .map_or("per agent (sipendpoint.uri)", |m| m.as_str()),
    );
}

fn voice_env(b: &mut B, data: &Data, v: usize) {
    let inv = &data.inv;
    let t = b.theme;
    let (Some(ve), Some(facts)) = (inv.voice_environment(v), inv.voice_envs.get(v)) else {
        return;
    };
    let mut title = vec![Span::styled(
        visible(name_or(ve.name.as_deref(), "(no name)")),
        t.accent,
    )];
    if ve.cluster_mode {
        title.push(Span::raw(" "));
        title.push(b.badge("CLUSTER", t.cluster));
    }
    if data.ve_mismatch.get(v).copied().unwrap_or(false) {
        title.push(Span::raw(" "));
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
        vec![Span::styled(
            if ve.cluster_mode { "true" } else { "false" },
            if ve.cluster_mode {
                t.cluster
            } else {
                Style::new()
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
                vec![Span::styled(
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
    if data.ve_mismatch.get(v).copied().unwrap_or(false) {
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
            b.field_spans("Switch", vec![Span::styled("none resolves", t.warn)], None)
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
        .ve_own
        .get(v)
        .into_iter()
        .flatten()
        .filter_map(|&i| data.findings.get(i))
        .collect();
    b.findings("Findings", &own);
    let agent_total = data
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
                Span::raw(visible(name)),
                Span::styled(
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
                Span::styled(
                    contact.map_or("(no external-contact)".to_string(), shown_value),
                    if contact.is_some() { t.header } else { t.warn },
                ),
                Span::styled(
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
            vec![Span::styled(
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

fn switch(b: &mut B, data: &Data, v: usize, dbid: i64) {
    let inv = &data.inv;
    let t = b.theme;
    let sw = inv.switch(dbid);
    b.title(
        vec![
            Span::styled(
                visible(sw.and_then(|s| s.name.as_deref()).unwrap_or("?")),
                t.accent,
            ),
            Span::styled("  switch", t.muted),
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
                    Span::raw(visible(dn.number.as_deref().unwrap_or("?"))),
                    Span::styled(format!("  service-type={}{contact}", visible(st)), t.muted),
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
        .switch_findings
        .get(&dbid)
        .into_iter()
        .flatten()
        .filter_map(|&i| data.findings.get(i))
        .collect();
    b.findings("Findings", &list);
}

fn connection(b: &mut B, data: &Data, v: usize, c: usize) {
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
            Span::styled(
                visible(
                    conn.servers
                        .primary_server_name
                        .as_deref()
                        .unwrap_or("(no primary)"),
                ),
                t.accent,
            ),
            Span::styled("  T-Server connection", t.muted),
        ],
        conn.id.clone(),
    );
    b.blank();
    b.field("Id", conn.id.as_deref().unwrap_or("—"));
    b.field(
        "Genesys env",
        conn.genesys_environment_id.as_deref().unwrap_or("—"),
    );
    b.section("Servers");
    servers(b, data, &conn.servers);
}

fn finding_detail(b: &mut B, data: &Data, f: &Finding) {
    let t = b.theme;
    b.title(
        vec![
            b.badge(severity_word(f.severity), t.severity(f.severity)),
            Span::raw(" "),
            Span::styled(f.rule, t.accent),
        ],
        Some(f.rule.to_string()),
    );
    if let Some(info) = catalogue::rule_info(f.rule) {
        b.para(info.title, t.header);
    }
    b.blank();
    b.field(
        "Target",
        &format!("{} {}", f.target.kind.as_str(), f.target.id),
    );
    b.field("Name", &f.target.name);
    if let Some(o) = &f.option {
        b.field("Option", o);
    }
    b.section("Message");
    b.para(&f.message, Style::new());
    rule_text(b, f.rule);
    b.blank();
    let hint = match data.locate(&f.target.id) {
        super::data::Location::Nowhere => "Not shown in another tab.",
        _ => "Enter: jump to the target.",
    };
    b.push(vec![Span::styled(format!("  {hint}"), t.muted)], None);
}

/// Why the rule matters and how to fix it (the rule catalogue).
fn rule_text(b: &mut B, rule: &str) {
    let Some(info) = catalogue::rule_info(rule) else {
        return;
    };
    b.section("Why");
    b.para(info.why, Style::new());
    b.section("Fix");
    b.para(info.fix, Style::new());
}

fn rule_detail(b: &mut B, data: &Data, rule: &str) {
    let t = b.theme;
    let list: Vec<&Finding> = data.findings.iter().filter(|f| f.rule == rule).collect();
    let Some(first) = list.first() else { return };
    b.title(
        vec![
            b.badge(severity_word(first.severity), t.severity(first.severity)),
            Span::raw(" "),
            Span::styled(rule.to_string(), t.accent),
        ],
        Some(rule.to_string()),
    );
    if let Some(info) = catalogue::rule_info(rule) {
        b.para(info.title, t.header);
    }
    b.blank();
    b.field("Findings", &list.len().to_string());
    let mut kinds: Vec<&str> = list.iter().map(|f| f.target.kind.as_str()).collect();
    kinds.dedup();
    b.field("Targets", &kinds.join(", "));
    rule_text(b, rule);
    b.blank();
    b.para("Enter or ←/→: fold or unfold the rule's findings", t.muted);
}
