//! The plan of a synthetic snapshot: which objects exist, and which misconfigurations are
//! planted where (the RNG drives every choice, so a seed gives one plan).

use super::*;

impl Plan {
    #[cfg(test)]
    pub(crate) fn new(opts: &SynthOptions) -> Plan {
        Plan::with_shape(opts, &Shape::GENERATED)
    }

    pub(crate) fn with_shape(opts: &SynthOptions, shape: &Shape) -> Plan {
        Plan::with_profile(opts, shape, Profile::Sparse)
    }

    pub(crate) fn with_profile(opts: &SynthOptions, shape: &Shape, profile: Profile) -> Plan {
        let dense = profile == Profile::Dense;
        let mut rng = Rng(opts.seed);
        let edge = opts.edge_cases;
        let genv_ids = [rng.uuid(), rng.uuid()];

        // Voice environments and their SIP Server applications.
        let regular = match shape.clusters {
            Some(modes) => modes.len(),
            None => opts.agents.div_ceil(2000).max(3),
        };
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
                VeKind::Regular => match shape.clusters {
                    Some(modes) => modes.get(i).copied().unwrap_or(false),
                    None => i == 0 || (i != 1 && (i == 2 || rng.percent(60))),
                },
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
            let (skill_rate, vag_rate) = if dense { (80, 45) } else { (40, 12) };
            let skill = rng
                .percent(skill_rate)
                .then(|| rng.below(SKILL_GROUPS.len()));
            let mut vag = rng
                .percent(vag_rate)
                .then(|| rng.below(VIRTUAL_GROUPS.len()));
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
                let mut roll = rng.below(100);
                // Dense: seven in ten agents get a kind; half of those on cluster
                // agents copy an employee ID (GWS-202 fires on both holders).
                if dense && roll < 70 {
                    roll = if ves[ve].cluster && roll < 35 {
                        0
                    } else {
                        roll % (kinds.len() + ANY_KINDS.len())
                    };
                }
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
            base_url: shape.base_url,
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

    pub(crate) fn ext_dn(&self, j: usize) -> u64 {
        FIRST_DBID + self.service_dns.len() as u64 + j as u64
    }

    pub(crate) fn place(&self, j: usize) -> u64 {
        FIRST_DBID + j as u64
    }

    pub(crate) fn person(&self, j: usize) -> u64 {
        FIRST_DBID + j as u64
    }

    pub(crate) fn employee_id(&self, j: usize) -> Option<String> {
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
pub(crate) fn fill_missing_kinds(agents: &mut [Agent], ves: &[Ve], rng: &mut Rng) {
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

pub(crate) fn service_dns(ves: &[Ve], legacy_switch: u64, edge: bool) -> Vec<ServiceDn> {
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
