//! Rule metadata: one table feeds the SARIF driver, the text report and docs/rules.md.

use super::{Severity, TargetKind};

pub struct RuleInfo {
    pub code: &'static str,
    pub severity: Severity,
    pub target: TargetKind,
    /// One line: what is wrong when it fires.
    pub title: &'static str,
    /// Why it matters: the seed sentence or documented WWE behaviour it comes from.
    pub why: &'static str,
    /// How to fix it in Configuration Manager / GAX.
    pub fix: &'static str,
}

pub const FAMILIES: [(&str, &str); 5] = [
    ("GWS-1", "Voice environments and cluster identification"),
    ("GWS-2", "Agent identity, login and place"),
    ("GWS-3", "Softphone options (WWE interaction-workspace)"),
    ("GWS-4", "SIP Cluster switch DNs"),
    ("GWS-5", "Snapshot completeness and references"),
];

/// The family prefix of a rule code (`GWS-3` for `GWS-305`).
pub fn family_of(code: &str) -> &str {
    code.get(..5).unwrap_or(code)
}

pub fn rule_info(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code == code)
}

use Severity::{Error, Info, Warn};
use TargetKind::{Agent, AgentGroup, Connection, Dn, Snapshot, Switch, VoiceEnvironment};

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: "GWS-101",
        severity: Error,
        target: VoiceEnvironment,
        title: "Cluster voice environment but useEmployeeIdAsAgentLoginForSIPCluster is not true",
        why: "Seed, Identification: \"The useEmployeeIdAsAgentLoginForSIPCluster option in the application.yaml file must be set to true.\" Without it StartContactCenterSession does not log SIP Cluster agents in with their employee ID.",
        fix: "Set useEmployeeIdAsAgentLoginForSIPCluster: true in the GWS application.yaml on every GWS node and restart GWS (or pass --use-employee-id-login true if the snapshot lacks it).",
    },
    RuleInfo {
        code: "GWS-102",
        severity: Warn,
        target: VoiceEnvironment,
        title: "clusterMode disagrees with the cluster application's server-role=5 evidence",
        why: "Seed, Identification: \"GWS checks if the CloudCluster connections have the server-role setting as 5.\" A clusterMode flag without that evidence (or evidence without the flag) means GWS and Configuration Server disagree about the deployment.",
        fix: "In Configuration Manager / GAX open the cluster application (CloudCluster), Connections tab: give the connection to this voice environment's SIP Server the Application Parameters server-role=5 (or remove it if the environment is not a SIP Cluster), then re-sync GWS.",
    },
    RuleInfo {
        code: "GWS-103",
        severity: Warn,
        target: Connection,
        title: "Cluster application connection without locations",
        why: "SIP Cluster connections of the cluster application carry locations=/<site> in their Application Parameters so GWS routes each node to its data center.",
        fix: "In the cluster application's Connections tab, edit the connection's Application Parameters and add locations=/<site> (for example locations=/EU/DC1;server-role=5).",
    },
    RuleInfo {
        code: "GWS-104",
        severity: Info,
        target: VoiceEnvironment,
        title: "No switch resolves for the voice environment",
        why: "A voice environment's switch is found through the SIP Server application named by primaryServerName (or backupServerName) and the switch whose T-Server is that application. Without it agents cannot be placed on it by their DNs or agent logins.",
        fix: "Check that an application is named exactly like primaryServerName/backupServerName and that a switch has it as its T-Server (Switch > General > T-Server).",
    },
    RuleInfo {
        code: "GWS-201",
        severity: Error,
        target: Agent,
        title: "Cluster agent without an employee ID",
        why: "Seed, Provisioning: \"The Employee ID is used as the AttributeAgentID in TAgentLogin requests when the useEmployeeIdAsAgentLoginForSIPCluster option is set to true.\" With no employee ID the agent cannot log in.",
        fix: "Open the Person in Configuration Manager / GAX and fill in Employee ID (it becomes the agent's login ID).",
    },
    RuleInfo {
        code: "GWS-202",
        severity: Error,
        target: Agent,
        title: "Employee ID shared by two cluster agents of one voice environment",
        why: "The employee ID is the agent login ID in a SIP Cluster: two agents with one ID log each other out of the same switch.",
        fix: "Give each Person a unique Employee ID (Person > General > Employee ID).",
    },
    RuleInfo {
        code: "GWS-203",
        severity: Error,
        target: Agent,
        title: "Connector-mode cluster agent without a default place",
        why: "Seed, Provisioning: \"For Connector Mode, the defaultPlace is required for hot seating.\"",
        fix: "Assign a Default Place to the Person (Person > Agent Info > Default Place), holding the agent's Extension DN on the SIP Cluster switch.",
    },
    RuleInfo {
        code: "GWS-204",
        severity: Error,
        target: Agent,
        title: "Cluster agent's default place holds no Extension DN",
        why: "Seed, Provisioning: \"Extension DNs are configured under the SIP Cluster switch.\" The default place must carry the agent's Extension DN.",
        fix: "Add the agent's Extension DN (created under the SIP Cluster switch) to the place's DNs tab.",
    },
    RuleInfo {
        code: "GWS-205",
        severity: Warn,
        target: Agent,
        title: "Default place's Extension DNs are on no switch serving a voice environment",
        why: "The agent is placed in its voice environment through an Extension DN of its default place; DNs on other switches leave it unplaced or routed by agent login instead.",
        fix: "Move the place's Extension DN to the switch of the intended voice environment (the SIP Cluster switch for cluster agents).",
    },
    RuleInfo {
        code: "GWS-206",
        severity: Warn,
        target: Agent,
        title: "Cluster agent still has agent logins",
        why: "In a SIP Cluster the employee ID is the login ID; agent logins are not used and only confuse which ID is used.",
        fix: "Remove the entries from Person > Agent Info > Agent Logins.",
    },
    RuleInfo {
        code: "GWS-301",
        severity: Error,
        target: Agent,
        title: "Cluster agent without privilege.sipendpoint.can-use=true",
        why: "WWE only starts the SIP endpoint (Genesys Softphone) for agents whose effective privilege.sipendpoint.can-use is true; a SIP Cluster agent has no other phone.",
        fix: "Set interaction-workspace/privilege.sipendpoint.can-use = true at the agent group, tenant or application level (or on the Person's annex).",
    },
    RuleInfo {
        code: "GWS-302",
        severity: Error,
        target: Agent,
        title: "can-use and login.prompt-place are both true",
        why: "With the SIP endpoint WWE takes the place from the configuration; prompting for a place conflicts with hot seating through the default place.",
        fix: "Set interaction-workspace/login.prompt-place = false where it is set to true (see the source level in the detail pane).",
    },
    RuleInfo {
        code: "GWS-303",
        severity: Error,
        target: Agent,
        title: "sipendpoint.uri is not http[s]://localhost:<port>",
        why: "In Connector mode WWE reaches Genesys Softphone on the agent's own machine; sipendpoint.uri must be http(s)://localhost:<port> (or 127.0.0.1).",
        fix: "Set interaction-workspace/sipendpoint.uri to https://localhost:8000 (the Softphone connector port) at the level shown as its source.",
    },
    RuleInfo {
        code: "GWS-304",
        severity: Error,
        target: Agent,
        title: "sipendpoint.uri scheme differs from the browser protocol",
        why: "Browsers block mixed content: a WWE page served over https cannot call an http Softphone connector, and vice versa the connector must match.",
        fix: "Use the same scheme as agents' browsers (externalApiUrlV2) in interaction-workspace/sipendpoint.uri.",
    },
    RuleInfo {
        code: "GWS-305",
        severity: Error,
        target: Agent,
        title: "Cluster softphone agent without sipendpoint.sip-server-address",
        why: "Genesys Softphone registers with the SIP Cluster through sipendpoint.sip-server-address (the SIP Outbound Proxy FQDN).",
        fix: "Set interaction-workspace/sipendpoint.sip-server-address to the SIP Outbound Proxy's external-contact FQDN.",
    },
    RuleInfo {
        code: "GWS-306",
        severity: Warn,
        target: Agent,
        title: "sipendpoint.sip-server-address is an IP literal or carries a port",
        why: "A geo-aware SIP Cluster is reached through an FQDN resolved by DNS SRV; an IP or a port pins the agent to one node.",
        fix: "Set sipendpoint.sip-server-address to the SRV FQDN without a port.",
    },
    RuleInfo {
        code: "GWS-307",
        severity: Warn,
        target: Agent,
        title: "sipendpoint.sip-server-address differs from the SIP Outbound Proxy's external-contact",
        why: "The softphone must register with the SIP Outbound Proxy of its own SIP Cluster switch.",
        fix: "Set sipendpoint.sip-server-address to the external-contact of the switch's SIP Outbound Proxy DN (or correct the DN).",
    },
    RuleInfo {
        code: "GWS-308",
        severity: Error,
        target: Agent,
        title: "sipendpoint.transport-protocol is not udp, tcp or tls",
        why: "Genesys Softphone accepts only udp, tcp or tls as SIP transport.",
        fix: "Set interaction-workspace/sipendpoint.transport-protocol to udp, tcp or tls.",
    },
    RuleInfo {
        code: "GWS-309",
        severity: Warn,
        target: Agent,
        title: "Malformed sipendpoint.policy key",
        why: "WWE passes sipendpoint.<domain>.<section>.<setting> keys to Genesys Softphone; a policy key must be sipendpoint.policy.<section>.<setting> or Softphone ignores it.",
        fix: "Rename the key to sipendpoint.policy.<section>.<setting> (for example sipendpoint.policy.device.use_headset).",
    },
    RuleInfo {
        code: "GWS-310",
        severity: Warn,
        target: Agent,
        title: "Agent groups set a softphone option to different values",
        why: "When several agent groups set one key, WWE takes the group whose name is closest to the end of the alphabet: renaming a group silently changes the agent's softphone.",
        fix: "Set the option once (on one group, the tenant, or the Person) or make the groups agree.",
    },
    RuleInfo {
        code: "GWS-311",
        severity: Warn,
        target: Agent,
        title: "Privilege or login.prompt-place is not a valid boolean",
        why: "WWE reads these options as true/false; any other text is treated as false or rejected.",
        fix: "Set the option to true or false.",
    },
    RuleInfo {
        code: "GWS-401",
        severity: Error,
        target: Switch,
        title: "Cluster switch without a SIP Outbound Proxy DN",
        why: "A SIP Cluster switch needs a VoIP Service DN with service-type=sip-outbound-proxy and an external-contact: it is where softphones register.",
        fix: "Create a VoIP Service DN under the switch with TServer/service-type=sip-outbound-proxy and TServer/external-contact=<SRV FQDN>.",
    },
    RuleInfo {
        code: "GWS-402",
        severity: Warn,
        target: Dn,
        title: "SIP Outbound Proxy external-contact is an IP literal or carries a port",
        why: "The external-contact should be the geo-aware SRV FQDN so that softphones reach the nearest node.",
        fix: "Set TServer/external-contact on the DN to the SRV FQDN without a port.",
    },
    RuleInfo {
        code: "GWS-403",
        severity: Warn,
        target: Switch,
        title: "Agent logins on a cluster switch",
        why: "SIP Cluster agents log in with their employee ID; agent-login objects on the cluster switch are unused and suggest a half-migrated configuration.",
        fix: "Delete the agent logins of the SIP Cluster switch (Switch > Agent Logins) after removing them from Persons.",
    },
    RuleInfo {
        code: "GWS-404",
        severity: Warn,
        target: Dn,
        title: "ACD Queue DN on a cluster switch",
        why: "SIP Cluster does not use ACD Queue DNs on its switch; routing goes through routing points and virtual queues.",
        fix: "Remove the ACD Queue DN from the SIP Cluster switch or move it to the switch where it is used.",
    },
    RuleInfo {
        code: "GWS-405",
        severity: Info,
        target: Switch,
        title: "Cluster switch without a sip-cluster-nodes VoIP Service DN",
        why: "A SIP Cluster switch normally has a VoIP Service DN with service-type=sip-cluster-nodes describing its nodes.",
        fix: "Create a VoIP Service DN under the switch with TServer/service-type=sip-cluster-nodes.",
    },
    RuleInfo {
        code: "GWS-501",
        severity: Info,
        target: Snapshot,
        title: "A GWS response is unavailable",
        why: "RULES.md §0: rules that need an unavailable resource are skipped, never guessed; the report must say what was not checked.",
        fix: "Fetch again with an account that may read the resource (GWS role admin or apiuser), or add the missing file to the loose directory.",
    },
    RuleInfo {
        code: "GWS-502",
        severity: Warn,
        target: Agent,
        title: "Default place DBID names no place",
        why: "A dangling placeDBID leaves the agent without hot seating and without an extension-dn route; Configuration Server normally prevents it, so it points at a deleted place or a partial export.",
        fix: "Person > Agent Info > Default Place: choose an existing place (or clear it for Standalone mode).",
    },
    RuleInfo {
        code: "GWS-503",
        severity: Warn,
        target: Agent,
        title: "Agent login entries name no agent login",
        why: "Dangling agentLogins entries are skipped when routing and computing the login ID (RULES.md §1–2); they usually remain after agent logins were deleted.",
        fix: "Person > Agent Info > Agent Logins: remove the entries whose agent login no longer exists.",
    },
    RuleInfo {
        code: "GWS-504",
        severity: Warn,
        target: Agent,
        title: "Default place lists DNs that do not exist",
        why: "A place's DN list is how the agent's Extension DN is found; a dangling DN DBID is skipped.",
        fix: "Place > DNs: remove the missing DN and add the agent's Extension DN on the right switch.",
    },
    RuleInfo {
        code: "GWS-505",
        severity: Warn,
        target: AgentGroup,
        title: "Agent group lists persons that do not exist",
        why: "Group membership decides which group options an agent gets; dangling members are ignored (RULES.md §1).",
        fix: "Agent Group > Agents: remove the missing persons.",
    },
    RuleInfo {
        code: "GWS-506",
        severity: Warn,
        target: Snapshot,
        title: "Two objects share a DBID",
        why: "Where two objects share a DBID the first in snapshot order wins (RULES.md §1); the second is invisible to every join, which hides configuration.",
        fix: "Re-export the snapshot; if the duplicates are real, open a case: Configuration Server DBIDs are unique.",
    },
    RuleInfo {
        code: "GWS-507",
        severity: Warn,
        target: Snapshot,
        title: "Some items of a resource could not be read",
        why: "SNAPSHOT.md §3: an item gwsx cannot read (no DBID, not an object, a field of the wrong type) is never taken for an empty one; it is skipped, so every fact it could change is missing from the results.",
        fix: "Look at the first item named: re-export the resource from GWS with ?fields=* (not from GAX or a script that renames keys), or repair the file.",
    },
];

/// docs/rules.md, generated from the same metadata the code uses.
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# gwsx audit rules\n\n\
         Generated from `src/audit/catalogue.rs` (run `GWSX_UPDATE_DOCS=1 cargo test --test docs` after changing it).\n\
         Severity order: error > warn > info. A rule is evaluated for an object only when every fact it reads\n\
         is known (spec RULES.md §0); skipped checks are reported by GWS-501.\n\n\
         | code | severity | target | what it checks |\n|---|---|---|---|\n",
    );
    for r in RULES {
        out.push_str(&format!(
            "| [{}](#{}) | {} | {} | {} |\n",
            r.code,
            r.code.to_lowercase(),
            r.severity.as_str(),
            r.target.as_str(),
            r.title
        ));
    }
    for (family, title) in FAMILIES {
        out.push_str(&format!("\n## {family}xx — {title}\n"));
        for r in RULES.iter().filter(|r| family_of(r.code) == family) {
            out.push_str(&format!(
                "\n### {}\n\n**{}** · severity `{}` · target `{}`\n\n- **Why:** {}\n- **Fix:** {}\n",
                r.code,
                r.title,
                r.severity.as_str(),
                r.target.as_str(),
                r.why,
                r.fix
            ));
        }
    }
    out
}
