//! The plan written as the snapshot: every response body as GWS returns it.

use super::json::Json;
use super::*;

impl Plan {
    pub(crate) fn write(&self, o: &mut Json) {
        o.open('{');
        o.raw("gwsxSnapshot", "1");
        o.s("capturedAt", "2026-11-29T10:00:00Z");
        o.key("source");
        o.open('{');
        o.s("baseUrl", self.base_url);
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
    pub(crate) fn envelope(
        &self,
        o: &mut Json,
        path: &str,
        key: &str,
        items: impl Fn(&Plan, &mut Json),
    ) {
        o.key(path);
        o.open('{');
        o.raw("statusCode", "0");
        o.key(key);
        o.open('[');
        items(self, o);
        o.close(']');
        o.close('}');
    }

    pub(crate) fn genesys_environments(&self, o: &mut Json) {
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

    pub(crate) fn voice_environment(&self, o: &mut Json, ve: &Ve, gid: &str) {
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
            &format!("{}/voice-environments/{}", self.base_url, ve.id),
        );
        o.s("path", &format!("/voice-environments/{}", ve.id));
        o.close('}');
    }

    pub(crate) fn tenants(&self, o: &mut Json) {
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

    pub(crate) fn application(
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

    pub(crate) fn applications(&self, o: &mut Json) {
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
        let gws_url = self.base_url.trim_end_matches("/api/v2");
        let general: &[(&str, &str)] = &[("gws-url", gws_url)];
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

    pub(crate) fn switches(&self, o: &mut Json) {
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

    pub(crate) fn dn(
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

    pub(crate) fn dns(&self, o: &mut Json) {
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

    pub(crate) fn places(&self, o: &mut Json) {
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

    pub(crate) fn agent_logins(&self, o: &mut Json) {
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

    pub(crate) fn agent_groups(&self, o: &mut Json) {
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

    pub(crate) fn persons(&self, o: &mut Json) {
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
