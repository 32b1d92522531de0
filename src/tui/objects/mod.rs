//! The object kinds of a snapshot that the object views browse (`:places`, `:dns`, …): for
//! each kind its columns and the cells of a row, read from the model; `used` holds the
//! where-used index built once per load. The views (`tabs/objects/`) show these.

pub mod used;

use super::data::Data;
use super::text::visible;
use crate::model::lenient::OptionValue;
use crate::model::{Avail, Unavailable};
use crate::snapshot::Resource;
pub use used::Used;

/// A kind of object with a view of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Persons,
    Places,
    Dns,
    Switches,
    Applications,
    AgentLogins,
    AgentGroups,
    Tenants,
    Settings,
}

/// A column of an object view.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub title: &'static str,
    /// Sorted as numbers (DBIDs, counts), else as names (`collate`).
    pub numeric: bool,
    /// The widest the column is drawn.
    pub cap: usize,
}

const fn name(title: &'static str, cap: usize) -> Col {
    Col {
        title,
        numeric: false,
        cap,
    }
}

const fn num(title: &'static str) -> Col {
    Col {
        title,
        numeric: true,
        cap: 9,
    }
}

const PERSONS_COLUMNS: &[Col] = &[
    name("USER NAME", 24),
    name("NAME", 24),
    name("EMPLOYEE ID", 14),
    name("AGENT", 5),
    name("PLACE", 18),
    num("DBID"),
];
const PLACES_COLUMNS: &[Col] = &[
    name("NAME", 28),
    name("DNS", 24),
    num("AGENTS"),
    num("DBID"),
];
const DNS_COLUMNS: &[Col] = &[
    name("NUMBER", 20),
    name("TYPE", 14),
    name("SWITCH", 22),
    num("PLACES"),
    num("AGENTS"),
    num("DBID"),
];
const SWITCHES_COLUMNS: &[Col] = &[
    name("NAME", 26),
    name("VOICE ENV", 22),
    num("DNS"),
    num("LOGINS"),
    num("DBID"),
];
const APPLICATIONS_COLUMNS: &[Col] = &[
    name("NAME", 28),
    name("TYPE", 6),
    num("CONNS"),
    num("USED BY"),
    num("DBID"),
];
const AGENT_LOGINS_COLUMNS: &[Col] = &[
    name("LOGIN CODE", 18),
    name("SWITCH", 24),
    num("AGENTS"),
    num("DBID"),
];
const AGENT_GROUPS_COLUMNS: &[Col] = &[
    name("NAME", 30),
    name("VIRTUAL", 7),
    num("MEMBERS"),
    num("DBID"),
];
const TENANTS_COLUMNS: &[Col] = &[name("NAME", 30), num("OBJECTS"), num("DBID")];
const SETTINGS_COLUMNS: &[Col] = &[name("NAME", 48), name("VALUE", 40)];

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Persons,
        Kind::Places,
        Kind::Dns,
        Kind::Switches,
        Kind::Applications,
        Kind::AgentLogins,
        Kind::AgentGroups,
        Kind::Tenants,
        Kind::Settings,
    ];

    /// The view's name (tab bar, list title).
    pub fn title(self) -> &'static str {
        match self {
            Kind::Persons => "Persons",
            Kind::Places => "Places",
            Kind::Dns => "DNs",
            Kind::Switches => "Switches",
            Kind::Applications => "Applications",
            Kind::AgentLogins => "Agent logins",
            Kind::AgentGroups => "Agent groups",
            Kind::Tenants => "Tenants",
            Kind::Settings => "Settings",
        }
    }

    /// One object of the kind (the detail pane's title).
    pub fn singular(self) -> &'static str {
        match self {
            Kind::Persons => "Person",
            Kind::Places => "Place",
            Kind::Dns => "DN",
            Kind::Switches => "Switch",
            Kind::Applications => "Application",
            Kind::AgentLogins => "Agent login",
            Kind::AgentGroups => "Agent group",
            Kind::Tenants => "Tenant",
            Kind::Settings => "Setting",
        }
    }

    /// The `:` command that opens its view.
    pub fn command(self) -> &'static str {
        match self {
            Kind::Persons => "persons",
            Kind::Places => "places",
            Kind::Dns => "dns",
            Kind::Switches => "switches",
            Kind::Applications => "apps",
            Kind::AgentLogins => "logins",
            Kind::AgentGroups => "groups",
            Kind::Tenants => "tenants",
            Kind::Settings => "settings",
        }
    }

    pub fn resource(self) -> Resource {
        match self {
            Kind::Persons => Resource::Persons,
            Kind::Places => Resource::Places,
            Kind::Dns => Resource::Dns,
            Kind::Switches => Resource::Switches,
            Kind::Applications => Resource::Applications,
            Kind::AgentLogins => Resource::AgentLogins,
            Kind::AgentGroups => Resource::AgentGroups,
            Kind::Tenants => Resource::Tenants,
            Kind::Settings => Resource::Settings,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn columns(self) -> &'static [Col] {
        match self {
            Kind::Persons => PERSONS_COLUMNS,
            Kind::Places => PLACES_COLUMNS,
            Kind::Dns => DNS_COLUMNS,
            Kind::Switches => SWITCHES_COLUMNS,
            Kind::Applications => APPLICATIONS_COLUMNS,
            Kind::AgentLogins => AGENT_LOGINS_COLUMNS,
            Kind::AgentGroups => AGENT_GROUPS_COLUMNS,
            Kind::Tenants => TENANTS_COLUMNS,
            Kind::Settings => SETTINGS_COLUMNS,
        }
    }

    /// The kind's list in the model, or why it is unavailable.
    pub fn availability(self, data: &Data) -> Result<usize, &Unavailable> {
        fn len<T>(a: &Avail<Vec<T>>) -> Result<usize, &Unavailable> {
            a.as_ref().map(Vec::len)
        }
        let m = &data.inv.model;
        match self {
            Kind::Persons => len(&m.persons),
            Kind::Places => len(&m.places),
            Kind::Dns => len(&m.dns),
            Kind::Switches => len(&m.switches),
            Kind::Applications => len(&m.applications),
            Kind::AgentLogins => len(&m.agent_logins),
            Kind::AgentGroups => len(&m.agent_groups),
            Kind::Tenants => len(&m.tenants),
            Kind::Settings => len(&m.settings),
        }
    }

    /// How many objects of the kind the snapshot has (none when unavailable).
    pub fn len(self, data: &Data) -> usize {
        self.availability(data).unwrap_or(0)
    }

    /// The DBID of an object (settings have none).
    pub fn dbid(self, data: &Data, i: usize) -> Option<i64> {
        let inv = &data.inv;
        match self {
            Kind::Persons => inv.persons().get(i)?.dbid,
            Kind::Places => inv.places().get(i)?.dbid,
            Kind::Dns => inv.dns().get(i)?.dbid,
            Kind::Switches => inv.switches().get(i)?.dbid,
            Kind::Applications => inv.applications().get(i)?.dbid,
            Kind::AgentLogins => inv.agent_logins().get(i)?.dbid,
            Kind::AgentGroups => inv.agent_groups().get(i)?.group_info.dbid,
            Kind::Tenants => inv.tenants().get(i)?.dbid,
            Kind::Settings => None,
        }
    }

    /// The object's name as people say it (a DN's number, a login's code), visible.
    pub fn label(self, data: &Data, i: usize) -> String {
        let inv = &data.inv;
        let text = match self {
            Kind::Persons => inv
                .persons()
                .get(i)
                .and_then(|p| p.user_name().map(str::to_string)),
            Kind::Places => inv.places().get(i).and_then(|p| p.name.clone()),
            Kind::Dns => inv.dns().get(i).and_then(|d| d.number.clone()),
            Kind::Switches => inv.switches().get(i).and_then(|s| s.name.clone()),
            Kind::Applications => inv.applications().get(i).and_then(|a| a.name.clone()),
            Kind::AgentLogins => inv.agent_logins().get(i).and_then(|l| l.login_code.clone()),
            Kind::AgentGroups => inv
                .agent_groups()
                .get(i)
                .and_then(|g| g.group_info.name.clone()),
            Kind::Tenants => inv.tenants().get(i).and_then(|t| t.name.clone()),
            Kind::Settings => data
                .inv
                .model
                .settings
                .as_ref()
                .ok()
                .and_then(|s| s.get(i))
                .and_then(|s| s.name.clone()),
        };
        match text {
            Some(t) if !t.is_empty() => visible(&t),
            _ => match self.dbid(data, i) {
                Some(d) => format!("DBID {d}"),
                None => format!("#{}", i + 1),
            },
        }
    }

    /// The cells of one row, in column order, visible (control characters escaped).
    pub fn cells(self, data: &Data, used: &Used, i: usize) -> Vec<String> {
        let inv = &data.inv;
        let dbid = |d: Option<i64>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
        let text = |s: &Option<String>| visible(s.as_deref().unwrap_or(""));
        let count = |n: usize| n.to_string();
        let switch_name = |s: Option<i64>| match s {
            Some(s) => inv
                .switch(s)
                .and_then(|s| s.name.as_deref())
                .map_or_else(|| format!("DBID {s}"), visible),
            None => "—".into(),
        };
        match self {
            Kind::Persons => {
                let Some(p) = inv.persons().get(i) else {
                    return Vec::new();
                };
                let full = p.full_name();
                let place = p.agent_info.place_dbid.map_or(String::new(), |d| {
                    inv.place(d)
                        .and_then(|pl| pl.name.as_deref())
                        .map_or_else(|| format!("DBID {d}"), visible)
                });
                vec![
                    visible(p.user_name().unwrap_or("")),
                    visible(&full),
                    visible(p.employee_id().unwrap_or("")),
                    if p.is_agent() { "yes" } else { "no" }.into(),
                    place,
                    dbid(p.dbid),
                ]
            }
            Kind::Places => {
                let Some(p) = inv.places().get(i) else {
                    return Vec::new();
                };
                let dns = p
                    .dn_dbids
                    .iter()
                    .map(|&d| match inv.dn(d).and_then(|dn| dn.number.as_deref()) {
                        Some(n) => visible(n),
                        None => format!("DBID {d}"),
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                vec![
                    text(&p.name),
                    dns,
                    count(used.persons_of_place(p.dbid).len()),
                    dbid(p.dbid),
                ]
            }
            Kind::Dns => {
                let Some(d) = inv.dns().get(i) else {
                    return Vec::new();
                };
                vec![
                    text(&d.number),
                    d.kind()
                        .map_or_else(|| "—".to_string(), |k| visible(k.label())),
                    switch_name(d.switch_dbid),
                    count(used.places_of_dn(d.dbid).len()),
                    count(used.persons_of_dn(d.dbid).len()),
                    dbid(d.dbid),
                ]
            }
            Kind::Switches => {
                let Some(s) = inv.switches().get(i) else {
                    return Vec::new();
                };
                let ves = used.voice_envs_of_switch(s.dbid);
                let ve = match ves {
                    [] => "none".to_string(),
                    [v, rest @ ..] => {
                        let name = inv
                            .voice_environment(*v)
                            .and_then(|v| v.name.as_deref().or(v.id.as_deref()))
                            .map_or_else(|| "?".to_string(), visible);
                        if rest.is_empty() {
                            name
                        } else {
                            format!("{name} +{}", rest.len())
                        }
                    }
                };
                vec![
                    text(&s.name),
                    ve,
                    count(used.dns_of_switch(s.dbid).len()),
                    count(used.logins_of_switch(s.dbid).len()),
                    dbid(s.dbid),
                ]
            }
            Kind::Applications => {
                let Some(a) = inv.applications().get(i) else {
                    return Vec::new();
                };
                vec![
                    text(&a.name),
                    text(&a.app_type),
                    count(a.connections.len()),
                    count(used.clients_of_app(a.dbid).len() + used.voice_envs_of_app(a.dbid).len()),
                    dbid(a.dbid),
                ]
            }
            Kind::AgentLogins => {
                let Some(l) = inv.agent_logins().get(i) else {
                    return Vec::new();
                };
                vec![
                    text(&l.login_code),
                    switch_name(l.switch_dbid),
                    count(used.persons_of_login(l.dbid).len()),
                    dbid(l.dbid),
                ]
            }
            Kind::AgentGroups => {
                let Some(g) = inv.agent_groups().get(i) else {
                    return Vec::new();
                };
                vec![
                    text(&g.group_info.name),
                    if is_virtual(g) { "virtual" } else { "" }.into(),
                    count(used.members_of_group(i).len()),
                    dbid(g.group_info.dbid),
                ]
            }
            Kind::Tenants => {
                let Some(t) = inv.tenants().get(i) else {
                    return Vec::new();
                };
                let n: usize = used.tenant_counts(t.dbid).iter().sum();
                vec![text(&t.name), count(n), dbid(t.dbid)]
            }
            Kind::Settings => {
                let Some(s) = inv.model.settings.as_ref().ok().and_then(|s| s.get(i)) else {
                    return Vec::new();
                };
                vec![text(&s.name), setting_value(s.value.as_ref())]
            }
        }
    }
}

/// A virtual agent group: its `groupInfo.userProperties` has a section `virtual`
/// (SNAPSHOT.md §3).
pub fn is_virtual(g: &crate::model::AgentGroup) -> bool {
    g.group_info.user_properties.has_section("virtual")
}

/// A setting's value as shown: its text, `(not set)` for a `null` or an object.
pub fn setting_value(v: Option<&OptionValue>) -> String {
    match v {
        Some(OptionValue::Set(s)) => visible(s),
        Some(OptionValue::NotSet) | None => "(not set)".into(),
    }
}

/// What the object views build on first use, once per load (`Data::objects`): the
/// where-used index and each kind's folded filter haystacks. Nothing of it is on the first
/// frame's path; a view opened on 50,000 persons builds it once, not per keystroke.
#[derive(Default)]
pub struct ObjectCache {
    used: std::sync::OnceLock<Used>,
    hays: [std::sync::OnceLock<Vec<nucleo_matcher::Utf32String>>; 9],
}

impl Data {
    /// The where-used index (built on first use).
    pub fn used(&self) -> &Used {
        self.objects.used.get_or_init(|| Used::build(&self.inv))
    }

    /// The folded filter haystacks of a kind's objects: every cell but the counts.
    pub fn object_hays(&self, kind: Kind) -> &[nucleo_matcher::Utf32String] {
        self.objects.hays[kind.index()].get_or_init(|| {
            let used = self.used();
            let cols = kind.columns();
            (0..kind.len(self))
                .map(|i| {
                    let cells = kind.cells(self, used, i);
                    let words: Vec<&str> = cells
                        .iter()
                        .zip(cols)
                        .filter(|(_, c)| !c.numeric || c.title == "DBID")
                        .map(|(s, _)| s.as_str())
                        .collect();
                    super::filter::fold(&words.join(" "))
                })
                .collect()
        })
    }
}
