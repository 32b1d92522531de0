//! Deterministic synthetic snapshots (gwsx's snapshot format, version 1) for tests, benchmarks
//! and load checks. A crate of its own: test data, not part of the gwsx library; the gwsx
//! binary uses it for its hidden `generate` command. [`demo`] is the built-in demo snapshot
//! (`examples/demo.json`, rebuilt with `gwsx generate --demo -o examples/demo.json`).
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

mod json;
mod plan;
mod write;

use json::Json;
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
    generate_profile(opts, Profile::Sparse)
}

/// How densely misconfigurations are planted (with `edge_cases`; `Dense` implies them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// About 18 % of agents carry one anomaly: what `generate` has always written.
    #[default]
    Sparse,
    /// About 70 % of agents carry one, most of them duplicate employee IDs, and agents sit
    /// in more skill and virtual groups (group-level options): several times the findings
    /// per agent and another option mix, for checking that cost does not follow the
    /// findings.
    Dense,
}

/// [`generate`] with a defect profile; `Profile::Sparse` gives exactly `generate`'s text.
pub fn generate_profile(opts: &SynthOptions, profile: Profile) -> String {
    let opts = &SynthOptions {
        edge_cases: opts.edge_cases || profile == Profile::Dense,
        ..opts.clone()
    };
    write_plan(&Plan::with_profile(opts, &Shape::GENERATED, profile), opts)
}

/// The seed of the built-in demo.
pub const DEMO_SEED: u64 = 20_261_129;

/// The options the built-in demo is generated with (60 agents, edge cases planted).
pub const DEMO_OPTIONS: SynthOptions = SynthOptions {
    agents: 60,
    seed: DEMO_SEED,
    edge_cases: true,
};

/// The built-in demo snapshot (`examples/demo.json`, embedded in gwsx): 60 agents in three
/// tenants, the two Genesys environments, seven voice environments (Kraków, Dublin and Zürich
/// cluster; São Paulo and Austin non-cluster; `SIPS_Lab`, whose servers resolve to no
/// application; `SIPS_Staging`, an empty cluster), every edge-case kind planted at least once,
/// from `https://gws.demo.example/api/v2`. Always the same text.
pub fn demo() -> String {
    let plan = Plan::with_shape(&DEMO_OPTIONS, &Shape::DEMO);
    write_plan(&plan, &DEMO_OPTIONS)
}

fn write_plan(plan: &Plan, opts: &SynthOptions) -> String {
    let mut out = Json {
        buf: String::with_capacity(64 * 1024 + opts.agents * 1300),
        first: true,
        rng: Rng(opts.seed ^ 0xA076_1D64_78BD_642F),
    };
    plan.write(&mut out);
    out.buf
}

/// What `generate` derives from the agent count, fixed instead (the demo's hand-picked shape).
pub(crate) struct Shape {
    /// The cluster mode of each regular voice environment (their count follows); `None`: one
    /// per ~2,000 agents, at least three, modes drawn from the seed.
    pub(crate) clusters: Option<&'static [bool]>,
    pub(crate) base_url: &'static str,
}

impl Shape {
    pub(crate) const GENERATED: Shape = Shape {
        clusters: None,
        base_url: "https://gws.example.com/api/v2",
    };
    /// Kraków, São Paulo, Dublin, Austin, Zürich (CITIES' order).
    pub(crate) const DEMO: Shape = Shape {
        clusters: Some(&[true, false, true, false, true]),
        base_url: "https://gws.demo.example/api/v2",
    };
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
    base_url: &'static str,
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

    #[test]
    fn the_demo_has_its_fixed_shape_and_every_kind() {
        assert_eq!(demo(), demo());
        let plan = Plan::with_shape(&DEMO_OPTIONS, &Shape::DEMO);
        assert_eq!(plan.agents.len(), 60);
        let modes: Vec<(&str, bool)> = plan
            .ves
            .iter()
            .map(|v| (v.name.as_str(), v.cluster))
            .collect();
        assert_eq!(
            modes,
            [
                ("SIPS_Kraków", true),
                ("SIPS_São_Paulo", false),
                ("SIPS_Dublin", true),
                ("SIPS_Austin", false),
                ("SIPS_Zürich", true),
                ("SIPS_Lab", false),
                ("SIPS_Staging", true),
            ]
        );
        for &kind in CLUSTER_KINDS
            .iter()
            .chain(ANY_KINDS)
            .chain(NON_CLUSTER_KINDS)
        {
            let found = plan.agents.iter().any(|a| match kind {
                A::DupSource => matches!(a.anomaly, A::DupEmployeeId(_)),
                k => a.anomaly == k,
            });
            assert!(found, "{kind:?} not planted in the demo");
        }
        let v: Value = serde_json::from_str(&demo()).expect("valid JSON");
        assert_eq!(v["source"]["baseUrl"], "https://gws.demo.example/api/v2");
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
