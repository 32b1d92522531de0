//! Deterministic synthetic snapshots (gwsx's snapshot format, version 1) for tests, benchmarks
//! and load checks. A crate of its own: test data, not part of the gwsx library; the gwsx
//! binary uses it for its hidden `generate` command.
//!
//! The output has the shapes GWS really returns (scalars mostly as strings, sometimes as JSON
//! numbers; flags `"2"`/`"1"`), two Genesys environments, voice environments that scale with the
//! agent count (one per ~2,000 agents, at least three, a mix of cluster and non-cluster), and the
//! Configuration Server objects behind them. With `edge_cases` it also plants, at low rates,
//! misconfigurations that make every rule of RULES.md §4 fire (GWS-101 excepted: it needs
//! `useEmployeeIdAsAgentLoginForSIPCluster` false, and the generator always sets it true).
//!
//! The JSON text is written straight into a `String`: no value tree is built, so 200,000 agents
//! stay fast. The same options always give byte-identical text.

use std::fmt::Write as _;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthOptions {
    /// Number of persons with `isAgent` true (a few non-agent persons come on top).
    pub agents: usize,
    pub seed: u64,
    /// Plant misconfigurations and dangling references (about 1 % of agents per kind).
    pub edge_cases: bool,
}

/// A complete snapshot file (format version 1) as JSON text.
pub fn generate(opts: &SynthOptions) -> String {
    let plan = Plan::new(opts);
    let mut out = Json {
        buf: String::with_capacity(64 * 1024 + opts.agents * 1300),
        first: true,
        rng: Rng(opts.seed ^ 0xA076_1D64_78BD_642F),
    };
    plan.write(&mut out);
    out.buf
}

// ---------------------------------------------------------------------------------------------
// Randomness

/// splitmix64: tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn percent(&mut self, p: u64) -> bool {
        self.next() % 100 < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn uuid(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            0x8000 | ((b >> 48) & 0x3fff),
            b & 0xffff_ffff_ffff
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Name tables

/// (display name, ASCII slug, Genesys environment: 0 EMEA, 1 Americas)
const CITIES: &[(&str, &str, usize)] = &[
    ("Kraków", "krakow", 0),
    ("São_Paulo", "saopaulo", 1),
    ("Dublin", "dublin", 0),
    ("Austin", "austin", 1),
    ("Zürich", "zuerich", 0),
    ("Montréal", "montreal", 1),
    ("Köln", "koeln", 0),
    ("Bogotá", "bogota", 1),
    ("Paris", "paris", 0),
    ("Chicago", "chicago", 1),
    ("Oslo", "oslo", 0),
    ("Toronto", "toronto", 1),
    ("Sevilla", "sevilla", 0),
    ("Ciudad_de_México", "cdmx", 1),
    ("Malmö", "malmoe", 0),
    ("Québec", "quebec", 1),
    ("Łódź", "lodz", 0),
    ("Medellín", "medellin", 1),
    ("İstanbul", "istanbul", 0),
    ("Atlanta", "atlanta", 1),
];

#[rustfmt::skip]
const FIRST: &[&str] = &[
    "Ngọc", "Yuki", "Ahmed", "Anna", "Keiko", "Olga", "Sarah", "José", "François", "Zoë", "Łukasz",
    "Søren", "Björn", "Chloé", "Mateus", "Priya", "Wei", "Fatima", "Jürgen", "Inês", "Oğuz",
    "Siobhán", "Dmitri", "Aiko", "Mehmet", "Lucía", "Raphaël", "Emma", "Liam", "Noah", "Mia",
    "Carlos", "Hana", "Ólafur", "Zsófia", "Kwame",
];

#[rustfmt::skip]
const LAST: &[&str] = &[
    "Kowalski", "Dvořák", "Silva", "Kim", "Yılmaz", "Papadopoulos", "Müller", "García", "Nowak",
    "Øster", "O'Brien", "Schäfer", "Lindqvist", "Tanaka", "Nguyễn", "Fernández", "Håkansson",
    "Novák", "Smith", "Johnson", "Dubois", "Rossi", "Jensen", "Moreau", "Svensson", "Ivanova",
    "Okafor", "Çelik", "Brown", "Lefèvre",
];

const TENANTS: &[(u64, &str)] = &[
    (1, "Environment"),
    (101, "Résidences Unies"),
    (102, "Nordlicht Versicherung"),
];

/// `interaction-workspace` options as `(key, value)` pairs.
type Options = &'static [(&'static str, &'static str)];

const LOCATIONS: &[&str] = &["/APS3", "/EU/DC1", "/US/DC2"];

/// Application-level WWE options (`/settings/interaction-workspace`, also the cluster
/// application's `interaction-workspace` section).
const APP_OPTIONS: Options = &[
    ("privilege.sipendpoint.can-use", "false"),
    ("privilege.sipendpoint.can-change-microphone-volume", "true"),
    ("login.prompt-place", "false"),
    ("login.voice.prompt-dn-less-phone-number", "false"),
    ("voice.cancel-after-call-work-on-done", "true"),
    ("sipendpoint.uri", "https://localhost:8000"),
    ("sipendpoint.transport-protocol", "udp"),
    ("sipendpoint.policy.device.use_headset", "1"),
    ("sipendpoint.policy.session.auto_answer", "0"),
    ("sipendpoint.codecs.enabled.audio", "opus,pcmu"),
];

/// Skill groups (name, `interaction-workspace` options). Each sets keys no other group sets,
/// except Sales and VAG Escalation, which an agent joins both of only as a planted conflict.
const SKILL_GROUPS: &[(&str, Options)] = &[
    ("Sales", &[("sipendpoint.policy.session.auto_answer", "1")]),
    (
        "Support Tier 1",
        &[(
            "privilege.sipendpoint.can-change-microphone-volume",
            "false",
        )],
    ),
    (
        "Équipe Nuit",
        &[("sipendpoint.policy.device.use_headset", "0")],
    ),
    (
        "Ärzte Team",
        &[("sipendpoint.policy.device.headset_name", "Sennheiser*")],
    ),
    ("Supervisors", &[]),
    (
        "Spanish Speakers",
        &[("privilege.sipendpoint.can-change-speaker-volume", "true")],
    ),
];

/// Virtual agent groups (name, script, options).
const VIRTUAL_GROUPS: &[(&str, &str, Options)] = &[
    (
        "VAG Spanish",
        "Skill(\"Spanish\")>5",
        &[("sipendpoint.policy.session.agc_mode", "1")],
    ),
    (
        "VAG Escalation",
        "Skill(\"Esc\")>1",
        &[("sipendpoint.policy.session.auto_answer", "0")],
    ),
    (
        "VAG Night Shift",
        "",
        &[("privilege.sipendpoint.can-mute-microphone", "true")],
    ),
];
const SALES: usize = 0;
const VAG_ESCALATION: usize = 1;

// ---------------------------------------------------------------------------------------------
// The plan: every object and reference, decided before anything is written

/// A misconfiguration or oddity planted on one agent (at most one per agent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anomaly {
    None,
    /// Another agent copies this one's employee ID; it must keep a plain one.
    DupSource,
    DupEmployeeId(usize),  // GWS-202 (with its source)
    MissingEmployeeId,     // GWS-201
    PaddedEmployeeId,      // whitespace around a unique ID: no finding
    NoPlace,               // GWS-203 (+206, 403: it reaches its cluster through an agent login)
    PlaceWithoutExtension, // GWS-204 (+206, 403)
    DanglingDnInPlace,     // a place lists a missing DN before the Extension: no finding
    DanglingAgentLogin,    // GWS-206 on a cluster agent
    ExtensionOnLegacy,     // GWS-205 (non-cluster agent, resolved by its agent login)
    NonClusterNoPlace,     // a person at a missing place: no finding
    CanUseFalse,           // GWS-301
    PromptPlace,           // GWS-302
    UriWithoutPort,        // GWS-303
    UriHttp,               // GWS-304
    NoSipServer,           // GWS-305
    SipServerIp,           // GWS-306 (+307)
    SipServerMismatch,     // GWS-307
    BadTransport,          // GWS-308
    BadPolicyKey,          // GWS-309
    GroupConflict,         // GWS-310
    InvalidBool,           // GWS-311
}

use Anomaly as A;

/// Kinds for cluster agents; `DupSource` stands for `DupEmployeeId` here.
const CLUSTER_KINDS: &[Anomaly] = &[
    A::DupSource,
    A::MissingEmployeeId,
    A::NoPlace,
    A::PlaceWithoutExtension,
    A::DanglingAgentLogin,
    A::CanUseFalse,
    A::PromptPlace,
    A::NoSipServer,
    A::SipServerIp,
    A::SipServerMismatch,
];
const ANY_KINDS: &[Anomaly] = &[
    A::PaddedEmployeeId,
    A::DanglingDnInPlace,
    A::UriWithoutPort,
    A::UriHttp,
    A::BadTransport,
    A::BadPolicyKey,
    A::GroupConflict,
    A::InvalidBool,
];
const NON_CLUSTER_KINDS: &[Anomaly] = &[A::ExtensionOnLegacy, A::NonClusterNoPlace];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VeKind {
    Regular,
    /// Edge cases: a voice environment whose server names match no application (GWS-104).
    Ghost,
    /// Edge cases: an empty cluster without evidence, proxy or nodes DN (GWS-102/103/401/405).
    Staging,
}

struct Ve {
    id: String,
    name: String,
    slug: String,
    /// The SIP Outbound Proxy's external contact (the geo-aware FQDN).
    fqdn: String,
    genv: usize,
    cluster: bool,
    kind: VeKind,
    /// DBID of `<name>_P`; `_B` follows, then the cluster nodes (0 for a ghost).
    first_app: u64,
    nodes: usize,
    switch: u64,
    /// `sipendpoint.sip-server-address` as the agent group sets it (at times in upper case
    /// with a trailing dot).
    sip_server: String,
    tconn_ids: Vec<String>,
    /// The SIP Servers carry `options.TServer.server-role = 5` (the cluster evidence then
    /// comes from the options, and `appParams` hold only `locations`).
    role_in_options: bool,
}

struct Agent {
    ve: usize,
    tenant: usize,
    first: usize,
    last: usize,
    anomaly: Anomaly,
    /// DBID of the agent's own agent-login object and the switch it is on.
    login: Option<(u64, u64)>,
    skill: Option<usize>,
    vag: Option<usize>,
    disabled: bool,
    /// An extra, harmless person-level option (index into PERSON_EXTRAS).
    extra: Option<usize>,
    employee_id_spelling_lower: bool,
}

const PERSON_EXTRAS: Options = &[
    ("sipendpoint.policy.device.use_headset", "0"),
    ("privilege.sipendpoint.can-change-speaker-volume", "false"),
    ("sipendpoint.policy.device.audio_in_device", "Jabra*"),
    ("voice.cancel-after-call-work-on-done", "false"),
];

struct ServiceDn {
    number: String,
    switch: u64,
    kind: DnKind,
    props: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DnKind {
    Extension,
    AcdQueue,
    RoutingPoint,
    VoipService,
    Trunk,
}

const DANGLING_DN: u64 = 9_000_000;
const DANGLING_PLACE: u64 = 8_000_000;
const DANGLING_LOGIN: u64 = 7_000_000;
const DANGLING_PERSON: u64 = 6_000_000;
const FIRST_DBID: u64 = 101;

struct Plan {
    edge: bool,
    genv_ids: [String; 2],
    ves: Vec<Ve>,
    /// `TServer_Legacy` (the first of the other applications; they follow it) and the cluster
    /// application.
    legacy_app: u64,
    cluster_app: u64,
    legacy_switch: u64,
    unused_switch: u64,
    service_dns: Vec<ServiceDn>,
    agents: Vec<Agent>,
    non_agents: usize,
    /// Agent logins: (DBID, switch, loginCode) in DBID order.
    logins: Vec<(u64, u64, String)>,
}

impl Plan {
    fn new(opts: &SynthOptions) -> Plan {
        let mut rng = Rng(opts.seed);
        let edge = opts.edge_cases;
        let genv_ids = [rng.uuid(), rng.uuid()];

        // Voice environments and their SIP Server applications.
        let regular = opts.agents.div_ceil(2000).max(3);
        let mut ves = Vec::new();
        let mut next_app = FIRST_DBID;
        let mut next_switch = FIRST_DBID;
        let mut kinds = vec![VeKind::Regular; regular];
        if edge {
            kinds.push(VeKind::Ghost);
            kinds.push(VeKind::Staging);
        }
        for (i, kind) in kinds.into_iter().enumerate() {
            let (city, slug, genv) = CITIES[i % CITIES.len()];
            let round = i / CITIES.len();
            let (name, slug, genv) = match kind {
                VeKind::Regular if round == 0 => (format!("SIPS_{city}"), slug.to_string(), genv),
                VeKind::Regular => (
                    format!("SIPS_{city}_{}", round + 1),
                    format!("{slug}{}", round + 1),
                    genv,
                ),
                VeKind::Ghost => ("SIPS_Lab".to_string(), "lab".to_string(), 1),
                VeKind::Staging => ("SIPS_Staging".to_string(), "staging".to_string(), 0),
            };
            let cluster = match kind {
                VeKind::Regular => i == 0 || (i != 1 && (i == 2 || rng.percent(60))),
                VeKind::Ghost => false,
                VeKind::Staging => true,
            };
            let nodes = match kind {
                VeKind::Regular if cluster => 2 + rng.below(3),
                VeKind::Staging => 1,
                _ => 0,
            };
            let (first_app, switch) = if kind == VeKind::Ghost {
                (0, 0)
            } else {
                let app = next_app;
                next_app += 2 + nodes as u64;
                next_switch += 1;
                (app, next_switch - 1)
            };
            let fqdn = format!("sipcluster-{slug}.example.com");
            ves.push(Ve {
                id: rng.uuid(),
                tconn_ids: (0..nodes.max(1)).map(|_| rng.uuid()).collect(),
                role_in_options: kind == VeKind::Regular && cluster && rng.percent(30),
                sip_server: if rng.percent(20) {
                    format!("{}.", fqdn.to_uppercase())
                } else {
                    fqdn.clone()
                },
                fqdn,
                name,
                slug,
                genv,
                cluster,
                kind,
                first_app,
                nodes,
                switch,
            });
        }
        let legacy_app = next_app;
        let cluster_app = legacy_app + 5;
        let legacy_switch = next_switch;
        let unused_switch = next_switch + 1;

        // Agents.
        let regular_ves: Vec<usize> = (0..ves.len())
            .filter(|&v| ves[v].kind == VeKind::Regular)
            .collect();
        let mut agents: Vec<Agent> = Vec::with_capacity(opts.agents);
        let mut clean_in_ve: Vec<Option<usize>> = vec![None; ves.len()];
        for j in 0..opts.agents {
            let ve = *rng.pick(&regular_ves);
            let tenant = match rng.below(10) {
                0..=4 => 0,
                5..=7 => 1,
                _ => 2,
            };
            let skill = rng.percent(40).then(|| rng.below(SKILL_GROUPS.len()));
            let mut vag = rng.percent(12).then(|| rng.below(VIRTUAL_GROUPS.len()));
            if skill == Some(SALES) && vag == Some(VAG_ESCALATION) {
                vag = Some(0);
            }
            let mut anomaly = A::None;
            if edge {
                let kinds = if ves[ve].cluster {
                    CLUSTER_KINDS
                } else {
                    NON_CLUSTER_KINDS
                };
                let roll = rng.below(100);
                if roll < kinds.len() {
                    anomaly = kinds[roll];
                } else if roll < kinds.len() + ANY_KINDS.len() {
                    anomaly = ANY_KINDS[roll - kinds.len()];
                }
                if anomaly == A::DupSource {
                    anomaly = match clean_in_ve[ve].take() {
                        Some(src) => {
                            agents[src].anomaly = A::DupSource;
                            A::DupEmployeeId(src)
                        }
                        None => A::None,
                    };
                }
            }
            if anomaly == A::None && ves[ve].cluster {
                clean_in_ve[ve] = Some(j);
            }
            agents.push(Agent {
                ve,
                tenant,
                first: rng.below(FIRST.len()),
                last: rng.below(LAST.len()),
                anomaly,
                login: None,
                skill,
                vag,
                disabled: rng.percent(1),
                extra: (anomaly == A::None && rng.percent(5))
                    .then(|| rng.below(PERSON_EXTRAS.len())),
                employee_id_spelling_lower: rng.percent(2),
            });
        }
        if edge {
            fill_missing_kinds(&mut agents, &ves, &mut rng);
        }

        // Agent logins: every non-cluster agent has one on its switch; cluster agents only when
        // planted (then on the cluster switch: GWS-403).
        let mut logins = Vec::new();
        for (j, agent) in agents.iter_mut().enumerate() {
            let ve = &ves[agent.ve];
            let needs =
                !ve.cluster || matches!(agent.anomaly, A::NoPlace | A::PlaceWithoutExtension);
            if needs {
                let dbid = FIRST_DBID + logins.len() as u64;
                logins.push((dbid, ve.switch, format!("7{j:05}")));
                agent.login = Some((dbid, ve.switch));
            }
        }

        let service_dns = service_dns(&ves, legacy_switch, edge);
        let non_agents = 3 + opts.agents / 10_000;
        Plan {
            edge,
            genv_ids,
            ves,
            legacy_app,
            cluster_app,
            legacy_switch,
            unused_switch,
            service_dns,
            agents,
            non_agents,
            logins,
        }
    }

    fn ext_dn(&self, j: usize) -> u64 {
        FIRST_DBID + self.service_dns.len() as u64 + j as u64
    }

    fn place(&self, j: usize) -> u64 {
        FIRST_DBID + j as u64
    }

    fn person(&self, j: usize) -> u64 {
        FIRST_DBID + j as u64
    }

    fn employee_id(&self, j: usize) -> Option<String> {
        let plain = |j: usize| format!("E{}", 100_000 + j);
        match self.agents[j].anomaly {
            A::MissingEmployeeId => match j % 3 {
                0 => None,
                1 => Some(String::new()),
                _ => Some("   ".to_string()),
            },
            A::PaddedEmployeeId => Some(format!(" {} ", plain(j))),
            A::DupEmployeeId(src) if j.is_multiple_of(2) => Some(format!("{} ", plain(src))),
            A::DupEmployeeId(src) => Some(plain(src)),
            _ => Some(plain(j)),
        }
    }
}

/// Guarantees every anomaly kind at least once when there are agents to carry it.
fn fill_missing_kinds(agents: &mut [Agent], ves: &[Ve], rng: &mut Rng) {
    let n = agents.len();
    if n == 0 {
        return;
    }
    let present = |agents: &[Agent], kind: Anomaly| {
        agents.iter().any(|a| match kind {
            A::DupSource => matches!(a.anomaly, A::DupEmployeeId(_)),
            k => a.anomaly == k,
        })
    };
    let lists = [
        (CLUSTER_KINDS, Some(true)),
        (ANY_KINDS, None),
        (NON_CLUSTER_KINDS, Some(false)),
    ];
    for (kinds, cluster) in lists {
        for &kind in kinds {
            if present(agents, kind) {
                continue;
            }
            let start = rng.below(n);
            let free =
                |a: &Agent| a.anomaly == A::None && cluster.is_none_or(|c| ves[a.ve].cluster == c);
            let Some(j) = (0..n).map(|k| (start + k) % n).find(|&j| free(&agents[j])) else {
                continue;
            };
            if kind == A::DupSource {
                let ve = agents[j].ve;
                let other = (0..n)
                    .map(|k| (start + k) % n)
                    .find(|&k| k != j && agents[k].ve == ve && free(&agents[k]));
                if let Some(src) = other {
                    agents[src].anomaly = A::DupSource;
                    agents[j].anomaly = A::DupEmployeeId(src);
                    agents[j].extra = None;
                }
            } else {
                agents[j].anomaly = kind;
                agents[j].extra = None;
            }
        }
    }
    // A conflict needs both groups; the others keep their random memberships.
    for a in agents.iter_mut() {
        if a.anomaly == A::GroupConflict {
            a.skill = Some(SALES);
            a.vag = Some(VAG_ESCALATION);
        }
    }
}

fn service_dns(ves: &[Ve], legacy_switch: u64, edge: bool) -> Vec<ServiceDn> {
    let mut dns = Vec::new();
    let mut add =
        |number: String, switch: u64, kind: DnKind, props: Vec<(&'static str, String)>| {
            dns.push(ServiceDn {
                number,
                switch,
                kind,
                props,
            });
        };
    let first_cluster = ves
        .iter()
        .position(|v| v.cluster && v.kind == VeKind::Regular);
    let last_cluster = ves
        .iter()
        .rposition(|v| v.cluster && v.kind == VeKind::Regular);
    for (i, ve) in ves.iter().enumerate() {
        if ve.kind == VeKind::Ghost {
            continue;
        }
        let (s, sw) = (&ve.slug, ve.switch);
        let sop = |contact: String| {
            vec![
                ("service-type", "sip-outbound-proxy".to_string()),
                ("external-contact", contact),
                ("oos-check", "5".to_string()),
                ("oos-force", "5".to_string()),
            ]
        };
        if ve.kind == VeKind::Staging {
            // A proxy DN without its external contact (GWS-401) and no nodes DN (GWS-405).
            add(
                format!("SOP_{s}"),
                sw,
                DnKind::VoipService,
                sop(String::new()),
            );
            continue;
        }
        if ve.cluster {
            add(
                format!("SOP_{s}"),
                sw,
                DnKind::VoipService,
                sop(ve.fqdn.clone()),
            );
            if edge && Some(i) == last_cluster {
                add(
                    format!("SOP_{s}_old"),
                    sw,
                    DnKind::VoipService,
                    sop("10.10.0.5:5060".into()),
                );
            }
            add(
                format!("nodes_{s}"),
                sw,
                DnKind::VoipService,
                vec![
                    ("service-type", "sip-cluster-nodes".to_string()),
                    ("tc-latency-poll-interval", "10".to_string()),
                ],
            );
            if edge && Some(i) == first_cluster {
                add(format!("Q_{s}_legacy"), sw, DnKind::AcdQueue, vec![]);
            }
        } else {
            let third = (i % 250) + 1;
            add(
                format!("SOP_{s}"),
                sw,
                DnKind::VoipService,
                sop(format!("10.0.{third}.1:5060")),
            );
            add(format!("Q_{s}_0"), sw, DnKind::AcdQueue, vec![]);
            add(format!("Q_{s}_1"), sw, DnKind::AcdQueue, vec![]);
        }
        let msml = vec![
            ("service-type", "msml".to_string()),
            ("contact", "msml.corp.local".to_string()),
        ];
        add(format!("msml_{s}"), sw, DnKind::VoipService, msml);
        add(format!("RP_{s}"), sw, DnKind::RoutingPoint, vec![]);
        let trunk = vec![("contact", "sbc.corp.local:5060".to_string())];
        add(format!("trunk_{s}"), sw, DnKind::Trunk, trunk);
    }
    add("Q_legacy".into(), legacy_switch, DnKind::AcdQueue, vec![]);
    add("80001".into(), legacy_switch, DnKind::Extension, vec![]);
    dns
}

// ---------------------------------------------------------------------------------------------
// Writing

/// A minimal streaming JSON writer: callers open and close containers, `key`/`item` place commas.
struct Json {
    buf: String,
    first: bool,
    /// Format choices only (string or number), kept apart from the plan's stream.
    rng: Rng,
}

impl Json {
    fn sep(&mut self) {
        if !self.first {
            self.buf.push(',');
        }
        self.first = false;
    }
    fn open(&mut self, c: char) {
        self.buf.push(c);
        self.first = true;
    }
    fn close(&mut self, c: char) {
        self.buf.push(c);
        self.first = false;
    }
    fn key(&mut self, k: &str) {
        self.sep();
        self.quoted(k);
        self.buf.push(':');
    }
    fn item(&mut self) {
        self.sep();
    }
    fn quoted(&mut self, s: &str) {
        self.buf.push('"');
        if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            self.buf.push_str(s);
        } else {
            for c in s.chars() {
                match c {
                    '"' => self.buf.push_str("\\\""),
                    '\\' => self.buf.push_str("\\\\"),
                    '\n' => self.buf.push_str("\\n"),
                    c if (c as u32) < 0x20 => {
                        let _ = write!(self.buf, "\\u{:04x}", c as u32);
                    }
                    c => self.buf.push(c),
                }
            }
        }
        self.buf.push('"');
    }
    /// Decimal digits without going through `fmt`.
    fn digits(&mut self, mut v: u64) {
        let mut tmp = [0u8; 20];
        let mut i = tmp.len();
        loop {
            i -= 1;
            tmp[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        if let Ok(text) = std::str::from_utf8(&tmp[i..]) {
            self.buf.push_str(text);
        }
    }
    /// A string field.
    fn s(&mut self, k: &str, v: &str) {
        self.key(k);
        self.quoted(v);
    }
    /// A raw JSON literal field (`null`, `true`, `[]`, a number).
    fn raw(&mut self, k: &str, v: &str) {
        self.key(k);
        self.buf.push_str(v);
    }
    /// A Configuration Server integer: a string as GWS sends it, now and then a JSON number.
    fn num_value(&mut self, v: u64) {
        if self.rng.percent(80) {
            self.buf.push('"');
            self.digits(v);
            self.buf.push('"');
        } else {
            self.digits(v);
        }
    }
    fn n(&mut self, k: &str, v: u64) {
        self.key(k);
        self.num_value(v);
    }
    /// A Configuration Server flag: `"2"` true, `"1"` false.
    fn flag(&mut self, k: &str, v: bool) {
        self.n(k, if v { 2 } else { 1 });
    }
    fn options(&mut self, pairs: &[(&str, &str)]) {
        self.open('{');
        for (k, v) in pairs {
            self.s(k, v);
        }
        self.close('}');
    }
    /// `userProperties`: `{section: {key: value}}`; no section → `{}` or `null`.
    fn user_properties(&mut self, sections: &[(&str, &[(&str, &str)])]) {
        self.key("userProperties");
        if sections.is_empty() && self.rng.percent(20) {
            self.buf.push_str("null");
            self.first = false;
            return;
        }
        self.open('{');
        for (name, pairs) in sections {
            self.key(name);
            self.options(pairs);
        }
        self.close('}');
    }
    fn dn_type(&mut self, kind: DnKind) {
        let names: &[&str] = match kind {
            DnKind::Extension => &["\"1\"", "\"1\"", "1", "\"CFGExtension\"", "\"Extension\""],
            DnKind::AcdQueue => &["\"3\"", "3", "\"CFGACDQueue\"", "\"ACDQueue\""],
            DnKind::RoutingPoint => &["\"4\"", "\"CFGRoutingPoint\""],
            DnKind::VoipService => &["\"29\"", "\"29\"", "29", "\"CFGVoIPService\""],
            DnKind::Trunk => &["\"CFGTrunk\""],
        };
        let v = *self.rng.pick(names);
        self.raw("type", v);
    }
}

impl Plan {
    fn write(&self, o: &mut Json) {
        o.open('{');
        o.raw("gwsxSnapshot", "1");
        o.s("capturedAt", "2026-11-29T10:00:00Z");
        o.key("source");
        o.open('{');
        o.s("baseUrl", "https://gws.example.com/api/v2");
        o.s("gwsVersion", "8.5.201.09");
        o.s("user", "svc-audit");
        o.close('}');
        o.key("gwsConfig");
        o.open('{');
        o.raw("useEmployeeIdAsAgentLoginForSIPCluster", "true");
        o.s("browserProtocol", "https");
        o.s("clusterApplication", "CloudCluster");
        o.close('}');
        o.key("responses");
        o.open('{');
        o.key("/diagnostics/version");
        o.open('{');
        o.raw("statusCode", "0");
        o.s("version", "8.5.201.09");
        o.close('}');
        self.envelope(
            o,
            "/genesys-environments?fields=*",
            "genesysEnvironments",
            Plan::genesys_environments,
        );
        self.envelope(o, "/settings/interaction-workspace", "settings", |_, o| {
            for (k, v) in APP_OPTIONS {
                o.item();
                o.open('{');
                o.s("name", k);
                o.s("value", v);
                o.close('}');
            }
        });
        self.envelope(
            o,
            "/platform/configuration/tenants",
            "tenants",
            Plan::tenants,
        );
        self.envelope(
            o,
            "/platform/configuration/applications",
            "applications",
            Plan::applications,
        );
        self.envelope(
            o,
            "/platform/configuration/switches",
            "switches",
            Plan::switches,
        );
        self.envelope(o, "/platform/configuration/dns", "dns", Plan::dns);
        self.envelope(o, "/platform/configuration/places", "places", Plan::places);
        self.envelope(
            o,
            "/platform/configuration/agent-logins",
            "agent-logins",
            Plan::agent_logins,
        );
        self.envelope(
            o,
            "/platform/configuration/agent-groups",
            "agent-groups",
            Plan::agent_groups,
        );
        self.envelope(
            o,
            "/platform/configuration/persons",
            "persons",
            Plan::persons,
        );
        o.close('}');
        o.close('}');
        o.buf.push('\n');
    }

    /// `"path": {"statusCode": 0, "key": [ ...items... ]}`.
    fn envelope(&self, o: &mut Json, path: &str, key: &str, items: impl Fn(&Plan, &mut Json)) {
        o.key(path);
        o.open('{');
        o.raw("statusCode", "0");
        o.key(key);
        o.open('[');
        items(self, o);
        o.close(']');
        o.close('}');
    }

    fn genesys_environments(&self, o: &mut Json) {
        for (g, name) in ["Genesys EMEA", "Genesys Americas"].into_iter().enumerate() {
            let gid = &self.genv_ids[g];
            o.item();
            o.open('{');
            o.s("id", gid);
            o.s("name", name);
            o.key("voiceEnvironments");
            o.open('[');
            for ve in self.ves.iter().filter(|v| v.genv == g) {
                o.item();
                self.voice_environment(o, ve, gid);
            }
            o.close(']');
            o.s("path", &format!("/genesys-environments/{gid}"));
            o.close('}');
        }
    }

    fn voice_environment(&self, o: &mut Json, ve: &Ve, gid: &str) {
        let servers = |o: &mut Json, p: &str, b: Option<&str>, pdbid: u64, bdbid: u64| {
            o.s("connectionProtocol", "addp");
            for (side, name, dbid) in [("primary", Some(p), pdbid), ("backup", b, bdbid)] {
                match name {
                    Some(name) => {
                        o.s(&format!("{side}ServerName"), name);
                        o.s(
                            &format!("{side}Address"),
                            &format!("{}.corp.local", name.to_lowercase()),
                        );
                        o.s(&format!("{side}Port"), "5001");
                        o.s(&format!("{side}SipPort"), "5060");
                        o.raw(&format!("{side}Dbid"), &dbid.to_string());
                    }
                    None => {
                        for f in ["ServerName", "Address", "Port", "SipPort", "Dbid"] {
                            o.raw(&format!("{side}{f}"), "null");
                        }
                    }
                }
            }
        };
        let p = format!("{}_P", ve.name);
        let b = format!("{}_B", ve.name);
        o.open('{');
        o.s("id", &ve.id);
        o.s("name", &ve.name);
        if ve.kind == VeKind::Staging {
            o.s("clusterMode", "true");
        } else {
            o.raw("clusterMode", if ve.cluster { "true" } else { "false" });
        }
        servers(o, &p, Some(&b), ve.first_app, ve.first_app + 1);
        o.key("tserverConnections");
        o.open('[');
        for (k, tid) in ve.tconn_ids.iter().enumerate() {
            o.item();
            o.open('{');
            o.s("id", tid);
            o.s("genesysEnvironmentId", gid);
            if ve.cluster {
                let node = format!("{}_N{}", ve.name, k + 1);
                servers(o, &node, None, ve.first_app + 2 + k as u64, 0);
            } else {
                servers(o, &p, None, ve.first_app, 0);
            }
            o.close('}');
        }
        o.close(']');
        o.s(
            "uri",
            &format!(
                "https://gws.example.com/api/v2/voice-environments/{}",
                ve.id
            ),
        );
        o.s("path", &format!("/voice-environments/{}", ve.id));
        o.close('}');
    }

    fn tenants(&self, o: &mut Json) {
        let options: [&[(&str, &str)]; 3] = [
            &[("sipendpoint.policy.device.headset_name", "*")],
            &[],
            &[("login.voice.prompt-dn-less-phone-number", "true")],
        ];
        for (t, (dbid, name)) in TENANTS.iter().enumerate() {
            o.item();
            o.open('{');
            o.n("DBID", *dbid);
            o.s("name", name);
            o.n("state", 1);
            o.flag("isServiceProvider", false);
            if options[t].is_empty() {
                o.user_properties(&[]);
            } else {
                o.user_properties(&[("interaction-workspace", options[t])]);
            }
            o.close('}');
        }
    }

    fn application(
        &self,
        o: &mut Json,
        dbid: u64,
        name: &str,
        app_type: u64,
        options: &[(&str, &[(&str, &str)])],
        connections: &[(u64, String)],
    ) {
        o.item();
        o.open('{');
        o.n("DBID", dbid);
        o.s("name", name);
        o.n("type", app_type);
        o.s("version", "8.5.1");
        o.n("state", 1);
        o.flag("isServer", true);
        o.n("hostDBID", 101);
        o.s("workDirectory", &format!("/opt/genesys/{name}"));
        o.s("commandLine", "./run.sh");
        o.key("options");
        o.open('{');
        for (section, pairs) in options {
            o.key(section);
            o.options(pairs);
        }
        o.close('}');
        o.raw("userProperties", "{}");
        o.key("appServerDBIDs");
        o.open('[');
        for (target, params) in connections {
            o.item();
            o.open('{');
            o.n("appServerDBID", *target);
            o.s(
                "connProtocol",
                if target.is_multiple_of(2) { "addp" } else { "" },
            );
            o.s("appParams", params);
            o.n("timoutLocal", 10);
            o.n("timoutRemote", 20);
            o.n("mode", 0);
            o.s("id", "default");
            o.s("transportParams", "");
            o.close('}');
        }
        o.close(']');
        o.key("portInfos");
        o.open('[');
        o.item();
        o.open('{');
        o.s("id", "default");
        o.s("port", &(7000 + dbid).to_string());
        o.n("longField1", 0);
        o.close('}');
        o.close(']');
        o.close('}');
    }

    fn applications(&self, o: &mut Json) {
        let log: &[(&str, &str)] = &[("verbose", "standard"), ("all", "/var/log/sips")];
        let mut connections: Vec<(u64, String)> = Vec::new();
        let mut evidence_planted = false;
        for (i, ve) in self.ves.iter().enumerate() {
            if ve.kind == VeKind::Ghost {
                continue;
            }
            let address = format!("{}.corp.local", ve.slug);
            let location = LOCATIONS[i % LOCATIONS.len()];
            let role_opt = ve.role_in_options;
            for k in 0..2 + ve.nodes {
                let dbid = ve.first_app + k as u64;
                let name = match k {
                    0 => format!("{}_P", ve.name),
                    1 => format!("{}_B", ve.name),
                    n => format!("{}_N{}", ve.name, n - 1),
                };
                let mut tserver = vec![
                    ("sip-port", "5060"),
                    ("sip-address", address.as_str()),
                    ("dn-scope", "tenant"),
                ];
                if role_opt {
                    tserver.push(("server-role", "5"));
                }
                self.application(
                    o,
                    dbid,
                    &name,
                    1,
                    &[("TServer", &tserver), ("log", log)],
                    &[],
                );
                if ve.kind == VeKind::Staging {
                    // Neither evidence nor locations (GWS-102, GWS-103).
                    let params = if k == 0 { "locations=" } else { "" };
                    connections.push((dbid, params.to_string()));
                } else if ve.cluster {
                    let sep = ["; ", ";", "\n", " "][(i + k) % 4];
                    let params = if self.edge && k == 2 + ve.nodes - 1 && i == 0 {
                        "server-role=5".to_string() // a node without locations (GWS-103)
                    } else if role_opt {
                        format!("locations={location}")
                    } else {
                        format!("locations={location}{sep}server-role=5")
                    };
                    connections.push((dbid, params));
                } else if self.edge && !evidence_planted && k == 0 {
                    // A non-cluster voice environment with cluster evidence (GWS-102).
                    evidence_planted = true;
                    connections.push((dbid, format!("locations={location};server-role=5")));
                }
            }
        }
        let general: &[(&str, &str)] = &[("gws-url", "https://gws.example.com")];
        let legacy = &[("TServer", &[("dn-scope", "tenant")][..])];
        self.application(o, self.legacy_app, "TServer_Legacy", 1, legacy, &[]);
        self.application(
            o,
            self.legacy_app + 1,
            "StatServer_GWS",
            10,
            &[("statserver", &[])],
            &[],
        );
        self.application(
            o,
            self.legacy_app + 2,
            "confserv_proxy_1",
            8,
            &[("csproxy", &[])],
            &[],
        );
        self.application(
            o,
            self.legacy_app + 3,
            "URS_1",
            12,
            &[("general", &[])],
            &[],
        );
        self.application(
            o,
            self.legacy_app + 4,
            "GWS_Node_1",
            143,
            &[("general", general)],
            &[],
        );
        let options = &[("interaction-workspace", APP_OPTIONS), ("general", general)];
        self.application(
            o,
            self.cluster_app,
            "CloudCluster",
            143,
            options,
            &connections,
        );
    }

    fn switches(&self, o: &mut Json) {
        let switch = |o: &mut Json, dbid: u64, name: &str, tserver: Option<u64>| {
            o.item();
            o.open('{');
            o.n("DBID", dbid);
            o.s("name", name);
            o.n("tenantDBID", 1);
            match tserver {
                Some(t) => o.n("TServerDBID", t),
                None => o.raw("TServerDBID", "null"),
            }
            o.n("type", 40);
            o.n("linkType", 0);
            o.n("state", 1);
            o.raw("switchAccessCodes", "[]");
            o.raw("userProperties", "{}");
            o.close('}');
        };
        for ve in self.ves.iter().filter(|v| v.kind != VeKind::Ghost) {
            let city = ve.name.trim_start_matches("SIPS_");
            let name = if ve.cluster {
                format!("SIP_Cluster_{city}")
            } else {
                format!("SW_{city}")
            };
            switch(o, ve.switch, &name, Some(ve.first_app));
        }
        switch(o, self.legacy_switch, "Legacy_TDM", Some(self.legacy_app));
        switch(o, self.unused_switch, "Unused_Switch", None);
    }

    fn dn(
        &self,
        o: &mut Json,
        dbid: u64,
        number: &str,
        switch: u64,
        kind: DnKind,
        props: &[(&str, &str)],
    ) {
        o.item();
        o.open('{');
        o.n("DBID", dbid);
        o.s("number", number);
        o.n("switchDBID", switch);
        o.n("tenantDBID", 1);
        o.dn_type(kind);
        o.n("routeType", 1);
        o.n("state", 1);
        o.flag("registerAll", true);
        o.n("switchSpecificType", 1);
        o.s("dnLoginID", "");
        if props.is_empty() {
            o.user_properties(&[]);
        } else {
            o.user_properties(&[("TServer", props)]);
        }
        o.close('}');
    }

    fn dns(&self, o: &mut Json) {
        for (k, dn) in self.service_dns.iter().enumerate() {
            let props: Vec<(&str, &str)> = dn.props.iter().map(|(k, v)| (*k, v.as_str())).collect();
            self.dn(
                o,
                FIRST_DBID + k as u64,
                &dn.number,
                dn.switch,
                dn.kind,
                &props,
            );
        }
        let contact: &[(&str, &str)] = &[("contact", "*")];
        for (j, agent) in self.agents.iter().enumerate() {
            let switch = if agent.anomaly == A::ExtensionOnLegacy {
                self.legacy_switch
            } else {
                self.ves[agent.ve].switch
            };
            let number = (100_000 + j).to_string();
            let props = if j.is_multiple_of(3) { contact } else { &[] };
            self.dn(o, self.ext_dn(j), &number, switch, DnKind::Extension, props);
        }
    }

    fn places(&self, o: &mut Json) {
        for (j, agent) in self.agents.iter().enumerate() {
            o.item();
            o.open('{');
            o.n("DBID", self.place(j));
            o.s("name", &format!("Place_{}", 100_000 + j));
            o.n("tenantDBID", TENANTS[agent.tenant].0);
            o.key("DNDBIDs");
            o.open('[');
            let ext = self.ext_dn(j);
            let dns: &[u64] = match agent.anomaly {
                A::PlaceWithoutExtension if j.is_multiple_of(2) => &[],
                A::PlaceWithoutExtension => &[DANGLING_DN + j as u64],
                A::DanglingDnInPlace => &[DANGLING_DN + j as u64, ext],
                _ => &[ext],
            };
            for dn in dns {
                o.item();
                o.num_value(*dn);
            }
            o.close(']');
            o.n("state", 1);
            o.n("capacityRuleDBID", 0);
            o.n("siteDBID", 0);
            o.raw("userProperties", "{}");
            o.close('}');
        }
    }

    fn agent_logins(&self, o: &mut Json) {
        for (dbid, switch, code) in &self.logins {
            o.item();
            o.open('{');
            o.n("DBID", *dbid);
            o.n("tenantDBID", 1);
            o.n("switchDBID", *switch);
            o.s("loginCode", code);
            o.n("state", 1);
            o.flag("useOverride", true);
            o.n("switchSpecificType", 1);
            o.user_properties(&[("TServer", &[("wrap-up-time", "0")])]);
            o.close('}');
        }
    }

    fn agent_groups(&self, o: &mut Json) {
        // Members, in agent order.
        let mut by_ve: Vec<Vec<u64>> = vec![Vec::new(); self.ves.len()];
        let mut by_skill: Vec<Vec<u64>> = vec![Vec::new(); SKILL_GROUPS.len()];
        let mut by_vag: Vec<Vec<u64>> = vec![Vec::new(); VIRTUAL_GROUPS.len()];
        let mut billing: Vec<u64> = Vec::new();
        for (j, a) in self.agents.iter().enumerate() {
            let p = self.person(j);
            by_ve[a.ve].push(p);
            if let Some(s) = a.skill {
                by_skill[s].push(p);
            }
            if let Some(v) = a.vag {
                by_vag[v].push(p);
            }
            if a.anomaly == A::BadTransport && j.is_multiple_of(2) {
                billing.push(p);
            }
        }
        if self.edge {
            by_skill[SALES].push(DANGLING_PERSON); // a group at a missing person
        }
        let mut dbid = FIRST_DBID;
        let mut group =
            |o: &mut Json, name: &str, sections: &[(&str, &[(&str, &str)])], members: &[u64]| {
                o.item();
                o.open('{');
                o.key("groupInfo");
                o.open('{');
                o.n("DBID", dbid);
                o.s("name", name);
                o.n("tenantDBID", 1);
                o.n("state", 1);
                o.user_properties(sections);
                o.raw("managerDBIDs", "[]");
                o.raw("routeDNDBIDs", "[]");
                o.n("capacityTableDBID", 0);
                o.close('}');
                o.key("agentDBIDs");
                o.open('[');
                for m in members {
                    o.item();
                    o.num_value(*m);
                }
                o.close(']');
                o.close('}');
                dbid += 1;
            };
        for (v, ve) in self.ves.iter().enumerate() {
            if ve.kind == VeKind::Ghost {
                continue;
            }
            let name = format!("{} Agents", ve.name);
            if ve.cluster {
                let iw = [
                    ("privilege.sipendpoint.can-use", "true"),
                    ("sipendpoint.sip-server-address", ve.sip_server.as_str()),
                ];
                group(o, &name, &[("interaction-workspace", &iw)], &by_ve[v]);
            } else {
                group(o, &name, &[("interaction-workspace", &[])], &by_ve[v]);
            }
        }
        for (s, (name, iw)) in SKILL_GROUPS.iter().enumerate() {
            group(o, name, &[("interaction-workspace", iw)], &by_skill[s]);
        }
        for (v, (name, script, iw)) in VIRTUAL_GROUPS.iter().enumerate() {
            let virt: &[(&str, &str)] = if script.is_empty() {
                &[]
            } else {
                &[("script", script)]
            };
            group(
                o,
                name,
                &[("virtual", virt), ("interaction-workspace", iw)],
                &by_vag[v],
            );
        }
        if self.edge {
            let iw = [("sipendpoint.transport-protocol", "sctp")];
            group(
                o,
                "Billing Legacy",
                &[("interaction-workspace", &iw)],
                &billing,
            );
        }
    }

    fn persons(&self, o: &mut Json) {
        for (j, a) in self.agents.iter().enumerate() {
            let dbid = self.person(j);
            let (first, last) = (FIRST[a.first], LAST[a.last]);
            let user = format!(
                "{}.{}{dbid}",
                first.to_lowercase(),
                last.to_lowercase().replace('\'', "")
            );
            o.item();
            o.open('{');
            o.n("DBID", dbid);
            o.n("tenantDBID", TENANTS[a.tenant].0);
            o.s("userName", &user);
            o.s("firstName", first);
            o.s("lastName", last);
            o.s("isAgent", "2");
            o.flag("isAdmin", false);
            o.n("state", if a.disabled { 2 } else { 1 });
            if j.is_multiple_of(4) {
                o.raw("externalID", "null");
            } else {
                o.s("externalID", &format!("X{dbid}"));
            }
            o.s("emailAddress", &format!("{user}@example.com"));
            o.key("agentInfo");
            o.open('{');
            match a.anomaly {
                A::NoPlace | A::NonClusterNoPlace => match j % 3 {
                    0 => {}
                    1 => o.n("placeDBID", 0),
                    _ => o.n("placeDBID", DANGLING_PLACE + j as u64),
                },
                _ => o.n("placeDBID", self.place(j)),
            }
            o.key("agentLogins");
            o.open('[');
            let logins = match (a.anomaly, a.login) {
                (A::DanglingAgentLogin, _) => vec![DANGLING_LOGIN + j as u64],
                (_, Some((login, _))) => vec![login],
                _ => vec![],
            };
            for login in logins {
                o.item();
                o.open('{');
                o.n("agentLoginDBID", login);
                o.n("wrapupTime", 0);
                o.close('}');
            }
            o.close(']');
            o.n("capacityRuleDBID", 0);
            o.n("siteDBID", 0);
            o.n("contractDBID", 0);
            o.key("skillLevels");
            o.open('[');
            o.item();
            o.open('{');
            o.n("skillDBID", 101 + (j % 7) as u64);
            o.n("level", 1 + (j % 9) as u64);
            o.close('}');
            o.close(']');
            o.close('}');
            o.n("folderDBID", 105);
            if let Some(id) = self.employee_id(j) {
                o.s(
                    if a.employee_id_spelling_lower {
                        "employeeId"
                    } else {
                        "employeeID"
                    },
                    &id,
                );
            }
            let iw: &[(&str, &str)] = match a.anomaly {
                A::CanUseFalse => &[("privilege.sipendpoint.can-use", "false")],
                A::PromptPlace => &[("login.prompt-place", "true")],
                A::UriWithoutPort => &[("sipendpoint.uri", "https://localhost")],
                A::UriHttp => &[("sipendpoint.uri", "http://localhost:8000")],
                A::NoSipServer => &[("sipendpoint.sip-server-address", "")],
                A::SipServerIp => &[("sipendpoint.sip-server-address", "10.20.30.40")],
                A::SipServerMismatch => &[(
                    "sipendpoint.sip-server-address",
                    "sipcluster-old.example.com",
                )],
                A::BadTransport if j % 2 == 1 => &[("sipendpoint.transport-protocol", "SCTP")],
                A::BadPolicyKey => match j % 3 {
                    0 => &[("sipendpoint.policy.device", "jabra")],
                    1 => &[("sipendpoint.policy.session.auto_answer.delay", "2")],
                    _ => &[("sipendpoint.policy..use_headset", "1")],
                },
                A::InvalidBool => match j % 3 {
                    0 => &[("privilege.sipendpoint.can-mute-microphone", "yes")],
                    1 => &[("privilege.sipendpoint.can-change-microphone-volume", "on")],
                    _ => &[("login.prompt-place", "1")],
                },
                _ => match a.extra {
                    Some(e) => std::slice::from_ref(&PERSON_EXTRAS[e]),
                    None => &[],
                },
            };
            let htcc: &[(&str, &str)] = &[("roles", "agent")];
            if iw.is_empty() {
                o.user_properties(&[("htcc", htcc)]);
            } else {
                o.user_properties(&[("htcc", htcc), ("interaction-workspace", iw)]);
            }
            o.close('}');
        }
        let admins = ["svc-gws", "admin.müller", "supervisor.ortiz", "ops.łukasz"];
        for k in 0..self.non_agents {
            let dbid = self.person(self.agents.len() + k);
            let user = format!("{}{}", admins[k % admins.len()], k / admins.len());
            o.item();
            o.open('{');
            o.n("DBID", dbid);
            o.n("tenantDBID", 1);
            o.s("userName", &user);
            o.s("firstName", "");
            o.s("lastName", &user);
            o.s("isAgent", "1");
            o.flag("isAdmin", true);
            o.n("state", 1);
            o.raw("agentInfo", "null");
            o.n("folderDBID", 104);
            o.user_properties(&[("htcc", &[("roles", "admin")])]);
            o.close('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use std::collections::HashSet;

    fn gen_json(agents: usize, seed: u64, edge_cases: bool) -> (String, Value) {
        let text = generate(&SynthOptions {
            agents,
            seed,
            edge_cases,
        });
        let value: Value = serde_json::from_str(&text).expect("valid JSON");
        (text, value)
    }

    fn list<'a>(v: &'a Value, path: &str, key: &str) -> &'a Vec<Value> {
        v["responses"][path][key].as_array().expect("a list")
    }

    fn int(v: &Value) -> u64 {
        match v {
            Value::String(s) => s.parse().expect("integer text"),
            v => v.as_u64().expect("integer"),
        }
    }

    #[test]
    fn same_seed_same_text_other_seed_other_text() {
        for edge in [false, true] {
            let a = generate(&SynthOptions {
                agents: 500,
                seed: 7,
                edge_cases: edge,
            });
            let b = generate(&SynthOptions {
                agents: 500,
                seed: 7,
                edge_cases: edge,
            });
            let c = generate(&SynthOptions {
                agents: 500,
                seed: 8,
                edge_cases: edge,
            });
            assert_eq!(a, b);
            assert_ne!(a, c);
        }
    }

    #[test]
    fn persons_hold_exactly_the_agents() {
        for (agents, edge) in [
            (0, false),
            (1, true),
            (40, true),
            (2_500, false),
            (2_500, true),
        ] {
            let (_, v) = gen_json(agents, 42, edge);
            let persons = list(&v, "/platform/configuration/persons", "persons");
            let is_agent = persons.iter().filter(|p| p["isAgent"] == "2").count();
            assert_eq!(is_agent, agents);
            assert!(persons.len() > agents, "non-agent persons come on top");
            let ges = list(&v, "/genesys-environments?fields=*", "genesysEnvironments");
            assert_eq!(ges.len(), 2);
        }
    }

    #[test]
    fn dbids_are_unique_per_type() {
        for edge in [false, true] {
            let (_, v) = gen_json(3_000, 3, edge);
            for (path, key) in [
                ("/platform/configuration/tenants", "tenants"),
                ("/platform/configuration/applications", "applications"),
                ("/platform/configuration/switches", "switches"),
                ("/platform/configuration/dns", "dns"),
                ("/platform/configuration/places", "places"),
                ("/platform/configuration/agent-logins", "agent-logins"),
                ("/platform/configuration/agent-groups", "agent-groups"),
                ("/platform/configuration/persons", "persons"),
            ] {
                let items = list(&v, path, key);
                let mut seen = HashSet::new();
                for item in items {
                    let dbid = item.get("groupInfo").unwrap_or(item)["DBID"].clone();
                    assert!(seen.insert(int(&dbid)), "{key}: DBID {dbid} twice");
                }
                assert!(!items.is_empty(), "{key} is empty");
            }
        }
    }

    #[test]
    fn voice_environments_scale_and_mix_cluster_modes() {
        let (_, v) = gen_json(9_000, 1, false);
        let ves: Vec<&Value> = list(&v, "/genesys-environments?fields=*", "genesysEnvironments")
            .iter()
            .flat_map(|g| g["voiceEnvironments"].as_array().expect("list"))
            .collect();
        assert_eq!(ves.len(), 5);
        assert!(ves.iter().any(|ve| ve["clusterMode"] == true));
        assert!(ves.iter().any(|ve| ve["clusterMode"] == false));
    }

    #[test]
    fn edge_cases_plant_every_agent_kind() {
        let plan = Plan::new(&SynthOptions {
            agents: 200,
            seed: 11,
            edge_cases: true,
        });
        for &kind in CLUSTER_KINDS
            .iter()
            .chain(ANY_KINDS)
            .chain(NON_CLUSTER_KINDS)
        {
            let found = plan.agents.iter().any(|a| match kind {
                A::DupSource => matches!(a.anomaly, A::DupEmployeeId(_)),
                k => a.anomaly == k,
            });
            assert!(found, "{kind:?} not planted");
        }
        let clean = Plan::new(&SynthOptions {
            agents: 200,
            seed: 11,
            edge_cases: false,
        });
        assert!(clean.agents.iter().all(|a| a.anomaly == A::None));
    }

    /// `cargo test --release --lib synth -- --ignored --nocapture` prints the generation time.
    #[test]
    #[ignore = "timing; run in release"]
    fn timing_50k_and_200k() {
        for agents in [50_000, 200_000] {
            let start = std::time::Instant::now();
            let text = generate(&SynthOptions {
                agents,
                seed: 1,
                edge_cases: true,
            });
            let took = start.elapsed();
            println!(
                "{agents} agents: {took:?}, {:.1} MB",
                text.len() as f64 / 1e6
            );
            assert!(text.len() > agents * 500);
        }
    }
}
