//! An object's detail: its fields, where it is used (each line a jump: Enter opens the
//! object, Esc comes back), and the findings about it. Lists are read from the where-used
//! index (`objects::Used`), never by a scan of the snapshot.

use crate::tui::data::{Data, NodeKind};
use crate::tui::detail::{B, Piece, Target};
use crate::tui::objects::{Kind, Used, is_virtual, setting_value};
use crate::tui::text::{shown_value, visible};

/// The most lines a where-used list shows; the rest is counted (the views filter them).
const LIMIT: usize = 200;

pub(crate) fn object_detail(b: &mut B, data: &Data, kind: Kind, i: usize) {
    if i >= kind.len(data) {
        b.push(vec![Piece::styled("nothing selected", b.theme.muted)], None);
        return;
    }
    let used = data.used();
    let name = kind.label(data, i);
    b.title(
        vec![
            Piece::styled(shown_value(&name), b.theme.accent),
            Piece::styled(format!("  {}", kind.singular()), b.theme.muted),
        ],
        Some(name.clone()),
    );
    match kind {
        Kind::Persons => person(b, data, used, i),
        Kind::Places => place(b, data, used, i),
        Kind::Dns => dn(b, data, used, i),
        Kind::Switches => switch(b, data, used, i),
        Kind::Applications => application(b, data, used, i),
        Kind::AgentLogins => login(b, data, used, i),
        Kind::AgentGroups => group(b, data, used, i),
        Kind::Tenants => tenant(b, data, used, i),
        Kind::Settings => setting(b, data, i),
    }
    let prefix = match kind {
        Kind::Persons => Some("person"),
        Kind::Dns => Some("dn"),
        Kind::Switches => Some("switch"),
        Kind::Applications => Some("application"),
        Kind::AgentGroups => Some("agent-group"),
        Kind::Tenants => Some("tenant"),
        _ => None,
    };
    if let (Some(p), Some(dbid)) = (prefix, kind.dbid(data, i)) {
        let list: Vec<_> = data.findings_of(&format!("{p}:{dbid}")).collect();
        b.findings("Findings", &list);
    }
    b.blank();
    b.push(
        vec![Piece::styled(
            "  Enter on a → line opens it · Esc back · v raw JSON",
            b.theme.muted,
        )],
        None,
    );
}

/// `  Label   value`, the value quoted when it has surrounding spaces.
fn value(b: &mut B, label: &str, v: Option<&str>) {
    match v {
        Some(v) => b.field_spans(label, vec![Piece::raw(shown_value(v))], Some(v.to_string())),
        None => b.field(label, "—"),
    }
}

fn dbid_field(b: &mut B, dbid: Option<i64>) {
    b.field(
        "DBID",
        &dbid.map_or_else(|| "—".to_string(), |d| d.to_string()),
    );
}

/// A field naming another object by DBID: a jump when the snapshot has it.
fn reference(b: &mut B, data: &Data, used: &Used, label: &str, kind: Kind, dbid: Option<i64>) {
    let Some(d) = dbid else {
        b.field(label, "—");
        return;
    };
    match (kind.availability(data), used.find(kind, Some(d))) {
        (Err(u), _) => b.field_unknown(label, u.resource),
        (Ok(_), Some(j)) => {
            let name = kind.label(data, j);
            b.link_field(
                label,
                vec![
                    Piece::styled(shown_value(&name), b.theme.header),
                    Piece::styled(format!("  DBID {d}"), b.theme.muted),
                ],
                name,
                Target::Object(kind, j),
            );
        }
        (Ok(_), None) => b.field_spans(
            label,
            vec![Piece::styled(
                format!("DBID {d}, not in the snapshot"),
                b.theme.warn,
            )],
            Some(d.to_string()),
        ),
    }
}

/// A where-used section: its title with the count, then one jump per object.
fn section<T: Copy>(b: &mut B, title: &str, items: &[T], mut line: impl FnMut(&mut B, T)) {
    b.section(&format!("{title} ({})", items.len()));
    if items.is_empty() {
        b.push(vec![Piece::styled("  none", b.theme.muted)], None);
    }
    for &item in items.iter().take(LIMIT) {
        line(b, item);
    }
    if items.len() > LIMIT {
        b.push(
            vec![Piece::styled(
                format!("  … and {} more", items.len() - LIMIT),
                b.theme.muted,
            )],
            None,
        );
    }
}

/// A jump to an object of a kind, by index.
fn object_link(b: &mut B, data: &Data, kind: Kind, j: usize, note: String) {
    let name = kind.label(data, j);
    b.link(
        vec![
            Piece::raw(shown_value(&name)),
            Piece::styled(note, b.theme.muted),
        ],
        name,
        Target::Object(kind, j),
    );
}

/// A jump to a person: to the Agents tab when it is an agent, else to the Persons view.
fn person_link(b: &mut B, data: &Data, used: &Used, p: u32) {
    let p = p as usize;
    let Some(person) = data.inv.persons().get(p) else {
        return;
    };
    let name = Kind::Persons.label(data, p);
    let full = person.full_name();
    let (target, what) = match used.agent_of_person(p) {
        Some(a) => (Target::Agent(a), "agent"),
        None => (Target::Object(Kind::Persons, p), "person, not an agent"),
    };
    b.link(
        vec![
            Piece::raw(shown_value(&name)),
            Piece::styled(format!("  {}  {what}", visible(&full)), b.theme.muted),
        ],
        name,
        target,
    );
}

fn voice_env_link(b: &mut B, data: &Data, v: usize) {
    let name = data
        .inv
        .voice_environment(v)
        .and_then(|ve| ve.name.as_deref().or(ve.id.as_deref()))
        .map_or_else(|| format!("voice environment #{}", v + 1), visible);
    b.link(
        vec![
            Piece::raw(name.clone()),
            Piece::styled("  voice environment (Topology)", b.theme.muted),
        ],
        name,
        Target::Node(NodeKind::VoiceEnv(v)),
    );
}

fn tenant_field(b: &mut B, data: &Data, used: &Used, dbid: Option<i64>) {
    reference(b, data, used, "Tenant", Kind::Tenants, dbid);
}

fn person(b: &mut B, data: &Data, used: &Used, i: usize) {
    let Some(p) = data.inv.persons().get(i) else {
        return;
    };
    dbid_field(b, p.dbid);
    value(b, "User name", p.user_name());
    value(b, "First name", p.first_name());
    value(b, "Last name", p.last_name());
    value(b, "Employee ID", p.employee_id());
    b.field("Agent", if p.is_agent() { "yes" } else { "no" });
    if p.is_disabled() {
        b.field_spans("State", vec![Piece::styled("disabled", b.theme.warn)], None);
    }
    tenant_field(b, data, used, p.tenant_dbid);
    b.section("Uses");
    reference(
        b,
        data,
        used,
        "Default place",
        Kind::Places,
        p.agent_info.place_dbid,
    );
    for l in &p.agent_info.agent_logins {
        reference(
            b,
            data,
            used,
            "Agent login",
            Kind::AgentLogins,
            l.agent_login_dbid,
        );
    }
    let groups = data.inv.groups_of(p);
    section(b, "Agent groups", groups, |b, g| {
        object_link(b, data, Kind::AgentGroups, g, String::new());
    });
    if let Some(a) = used.agent_of_person(i) {
        b.section("As an agent");
        let name = Kind::Persons.label(data, i);
        b.link(
            vec![
                Piece::raw(shown_value(&name)),
                Piece::styled("  login ID, route, options (Agents tab)", b.theme.muted),
            ],
            name,
            Target::Agent(a),
        );
    }
}

fn place(b: &mut B, data: &Data, used: &Used, i: usize) {
    let Some(p) = data.inv.places().get(i) else {
        return;
    };
    dbid_field(b, p.dbid);
    value(b, "Name", p.name.as_deref());
    tenant_field(b, data, used, p.tenant_dbid);
    b.section(&format!("DNs ({})", p.dn_dbids.len()));
    if p.dn_dbids.is_empty() {
        b.push(vec![Piece::styled("  none", b.theme.muted)], None);
    }
    for &d in p.dn_dbids.iter().take(LIMIT) {
        reference(b, data, used, "DN", Kind::Dns, Some(d));
    }
    section(
        b,
        "Agents whose default place it is",
        used.persons_of_place(p.dbid),
        |b, p| person_link(b, data, used, p),
    );
}

fn dn(b: &mut B, data: &Data, used: &Used, i: usize) {
    let Some(d) = data.inv.dns().get(i) else {
        return;
    };
    dbid_field(b, d.dbid);
    value(b, "Number", d.number.as_deref());
    value(b, "Name", d.name.as_deref());
    let kind = d.kind().map(|k| k.label().to_string());
    value(b, "Type", kind.as_deref());
    reference(b, data, used, "Switch", Kind::Switches, d.switch_dbid);
    tenant_field(b, data, used, d.tenant_dbid);
    section(b, "Places", used.places_of_dn(d.dbid), |b, p| {
        object_link(b, data, Kind::Places, p as usize, String::new());
    });
    section(
        b,
        "Agents (through their default place)",
        used.persons_of_dn(d.dbid),
        |b, p| person_link(b, data, used, p),
    );
}

fn switch(b: &mut B, data: &Data, used: &Used, i: usize) {
    let Some(s) = data.inv.switches().get(i) else {
        return;
    };
    dbid_field(b, s.dbid);
    value(b, "Name", s.name.as_deref());
    reference(
        b,
        data,
        used,
        "T-Server",
        Kind::Applications,
        s.tserver_dbid,
    );
    tenant_field(b, data, used, s.tenant_dbid);
    section(
        b,
        "Voice environments",
        used.voice_envs_of_switch(s.dbid),
        |b, v| voice_env_link(b, data, v),
    );
    section(b, "DNs", used.dns_of_switch(s.dbid), |b, d| {
        let note = data
            .inv
            .dns()
            .get(d as usize)
            .and_then(|d| d.kind())
            .map(|k| format!("  {}", visible(k.label())))
            .unwrap_or_default();
        object_link(b, data, Kind::Dns, d as usize, note);
    });
    section(b, "Agent logins", used.logins_of_switch(s.dbid), |b, l| {
        object_link(b, data, Kind::AgentLogins, l as usize, String::new());
    });
}

fn application(b: &mut B, data: &Data, used: &Used, i: usize) {
    let Some(a) = data.inv.applications().get(i) else {
        return;
    };
    dbid_field(b, a.dbid);
    value(b, "Name", a.name.as_deref());
    value(b, "Type", a.app_type.as_deref());
    b.section(&format!("Connections ({})", a.connections.len()));
    if a.connections.is_empty() {
        b.push(vec![Piece::styled("  none", b.theme.muted)], None);
    }
    for c in a.connections.iter().take(LIMIT) {
        reference(b, data, used, "To", Kind::Applications, c.app_server_dbid);
        let params = [c.conn_protocol.as_deref(), c.app_params.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .map(visible)
            .collect::<Vec<_>>()
            .join("  ");
        if !params.is_empty() {
            b.push(
                vec![Piece::styled(format!("      {params}"), b.theme.muted)],
                Some(params),
            );
        }
    }
    section(
        b,
        "Applications connecting to it",
        used.clients_of_app(a.dbid),
        |b, c| object_link(b, data, Kind::Applications, c as usize, String::new()),
    );
    section(
        b,
        "Voice environments naming it",
        used.voice_envs_of_app(a.dbid),
        |b, v| voice_env_link(b, data, v),
    );
}

fn login(b: &mut B, data: &Data, used: &Used, i: usize) {
    let Some(l) = data.inv.agent_logins().get(i) else {
        return;
    };
    dbid_field(b, l.dbid);
    value(b, "Login code", l.login_code.as_deref());
    reference(b, data, used, "Switch", Kind::Switches, l.switch_dbid);
    section(b, "Agents", used.persons_of_login(l.dbid), |b, p| {
        person_link(b, data, used, p)
    });
}

fn group(b: &mut B, data: &Data, used: &Used, i: usize) {
    let Some(g) = data.inv.agent_groups().get(i) else {
        return;
    };
    dbid_field(b, g.group_info.dbid);
    value(b, "Name", g.group_info.name.as_deref());
    if is_virtual(g) {
        b.field_spans(
            "Virtual",
            vec![b.badge("VIRTUAL", b.theme.info)],
            Some("virtual".into()),
        );
    } else {
        b.field("Virtual", "no");
    }
    tenant_field(b, data, used, g.group_info.tenant_dbid);
    if let Some(section_) = g
        .group_info
        .user_properties
        .section("interaction-workspace")
    {
        b.section("WWE options (interaction-workspace)");
        for (k, v) in section_.set_entries().take(LIMIT) {
            b.flow(
                vec![
                    Piece::raw(format!("  {}", visible(k))),
                    Piece::styled(" = ", b.theme.muted),
                    Piece::styled(shown_value(v), b.theme.header),
                ],
                6,
                Some(v.to_string()),
            );
        }
    }
    section(b, "Members", used.members_of_group(i), |b, p| {
        person_link(b, data, used, p)
    });
}

fn tenant(b: &mut B, data: &Data, used: &Used, i: usize) {
    let Some(t) = data.inv.tenants().get(i) else {
        return;
    };
    dbid_field(b, t.dbid);
    value(b, "Name", t.name.as_deref());
    b.section("Holds");
    let counts = used.tenant_counts(t.dbid);
    for kind in [
        Kind::Persons,
        Kind::Places,
        Kind::Dns,
        Kind::Switches,
        Kind::AgentGroups,
    ] {
        b.field(kind.title(), &counts[kind.index()].to_string());
    }
}

fn setting(b: &mut B, data: &Data, i: usize) {
    let Some(s) = data.inv.model.settings.as_ref().ok().and_then(|s| s.get(i)) else {
        return;
    };
    value(b, "Name", s.name.as_deref());
    let v = setting_value(s.value.as_ref());
    b.field_spans(
        "Value",
        vec![Piece::styled(v.clone(), b.theme.header)],
        Some(v),
    );
    let all = data.inv.model.settings.as_deref().unwrap_or(&[]);
    if all[..i].iter().any(|e| e.name == s.name) {
        b.para(
            "An earlier setting of this name wins: this one is not in force.",
            b.theme.warn,
        );
    }
    b.para(
        "The application level of WWE options (/settings/interaction-workspace): \
         a value set for the person, an agent group or the tenant wins over it.",
        b.theme.muted,
    );
}

/// The end of an agent's detail: its person, default place, logins and groups, each a jump
/// to its object view.
pub(crate) fn agent_links(b: &mut B, data: &Data, person: usize) {
    let Some(p) = data.inv.persons().get(person) else {
        return;
    };
    let used = data.used();
    b.section("Open (Enter)");
    object_link(b, data, Kind::Persons, person, "  person".into());
    reference(
        b,
        data,
        used,
        "Default place",
        Kind::Places,
        p.agent_info.place_dbid,
    );
    for l in &p.agent_info.agent_logins {
        reference(
            b,
            data,
            used,
            "Agent login",
            Kind::AgentLogins,
            l.agent_login_dbid,
        );
    }
    for &g in data.inv.groups_of(p).iter().take(LIMIT) {
        object_link(b, data, Kind::AgentGroups, g, "  agent group".into());
    }
}
