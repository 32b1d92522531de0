//! Voice environments and cluster identification (GWS-1xx).

use super::{Check, Ctx, RuleInfo, dbid_text};
use crate::audit::catalogue::{Severity::*, TargetKind::*};
use crate::audit::{Finding, Target, TargetKind};
use crate::domain::{Fact, Inventory};

fn voice_env_target(inv: &Inventory, ve: usize) -> Target {
    let v = inv.voice_environment(ve);
    Target {
        kind: TargetKind::VoiceEnvironment,
        id: v.and_then(|v| v.id.as_deref()).unwrap_or_default().into(),
        name: v.and_then(|v| v.name.as_deref()).unwrap_or_default().into(),
    }
}

pub const GWS_101: RuleInfo = RuleInfo {
    code: "GWS-101",
    severity: Error,
    target: VoiceEnvironment,
    title: "Cluster voice environment but useEmployeeIdAsAgentLoginForSIPCluster is not true",
    why: "SIP Cluster Solution Guide, Configuring GWS (Identification): \"The useEmployeeIdAsAgentLoginForSIPCluster option in the application.yaml file must be set to true.\" Without it StartContactCenterSession does not log SIP Cluster agents in with their employee ID.",
    fix: "Set useEmployeeIdAsAgentLoginForSIPCluster: true in the GWS application.yaml on every GWS node and restart GWS (or pass --use-employee-id-login true if the snapshot lacks it).",
    check: Check::Whole(gws_101),
};

fn gws_101(cx: &Ctx, out: &mut Vec<Finding>) {
    let inv = cx.inv;
    if inv.config.use_employee_id() {
        return;
    }
    for ve in 0..inv.voice_envs.len() {
        if inv.voice_environment(ve).is_some_and(|v| v.cluster_mode) {
            out.push(GWS_101.finding(
                voice_env_target(inv, ve),
                None,
                format!(
                    "clusterMode is true but useEmployeeIdAsAgentLoginForSIPCluster is {}",
                    match inv.config.use_employee_id_login {
                        Some(v) => v.to_string(),
                        None => "not set".to_string(),
                    }
                ),
            ));
        }
    }
}

pub const GWS_102: RuleInfo = RuleInfo {
    code: "GWS-102",
    severity: Warn,
    target: VoiceEnvironment,
    title: "clusterMode disagrees with the cluster application's server-role=5 evidence",
    why: "SIP Cluster Solution Guide, Configuring GWS (Identification): \"GWS checks if the CloudCluster connections have the server-role setting as 5.\" A clusterMode flag without that evidence (or evidence without the flag) means GWS and Configuration Server disagree about the deployment.",
    fix: "In Configuration Manager / GAX open the cluster application (CloudCluster), Connections tab: give the connection to this voice environment's SIP Server the Application Parameters server-role=5 (or remove it if the environment is not a SIP Cluster), then re-sync GWS.",
    check: Check::Whole(gws_102),
};

fn gws_102(cx: &Ctx, out: &mut Vec<Finding>) {
    let inv = cx.inv;
    if !matches!(inv.cluster_app, Fact::Known(Some(_))) {
        return;
    }
    let app = inv.config.cluster_application();
    for (i, v) in inv.voice_envs.iter().enumerate() {
        let (Some(ve), Fact::Known(evidence)) = (inv.voice_environment(i), v.cluster_evidence)
        else {
            continue;
        };
        if ve.cluster_mode != evidence {
            let message = if ve.cluster_mode {
                format!(
                    "clusterMode is true but no {app} connection to its SIP Server has server-role=5"
                )
            } else {
                format!(
                    "clusterMode is false but a {app} connection to its SIP Server has server-role=5"
                )
            };
            out.push(GWS_102.finding(voice_env_target(inv, i), None, message));
        }
    }
}

pub const GWS_103: RuleInfo = RuleInfo {
    code: "GWS-103",
    severity: Warn,
    target: Connection,
    title: "Cluster application connection without locations",
    why: "SIP Cluster connections of the cluster application carry locations=/<site> in their Application Parameters so GWS routes each node to its data center.",
    fix: "In the cluster application's Connections tab, edit the connection's Application Parameters and add locations=/<site> (for example locations=/EU/DC1;server-role=5).",
    check: Check::Whole(gws_103),
};

fn gws_103(cx: &Ctx, out: &mut Vec<Finding>) {
    let inv = cx.inv;
    let Fact::Known(Some(a)) = inv.cluster_app else {
        return;
    };
    let app = &inv.applications()[a];
    for conn in &app.connections {
        let has_locations = conn
            .app_params
            .as_deref()
            .and_then(|p| crate::domain::app_param(p, "locations"))
            .is_some_and(|l| !l.trim().is_empty());
        if has_locations {
            continue;
        }
        let server = conn
            .app_server_dbid
            .and_then(|d| inv.application_by_dbid(d));
        let server_name = server
            .and_then(|s| s.name.clone())
            .unwrap_or_else(|| format!("application {}", dbid_text(conn.app_server_dbid)));
        out.push(GWS_103.finding(Target {
                kind: TargetKind::Connection,
                id: format!("application:{}/{}", dbid_text(app.dbid), dbid_text(conn.app_server_dbid)).into(),
                name: format!("{} -> {server_name}", app.name.as_deref().unwrap_or("")).into(),
            },
            None,
            format!(
                "the {} connection to {server_name} has no non-empty locations in its Application Parameters ({:?})",
                app.name.as_deref().unwrap_or(""),
                conn.app_params.as_deref().unwrap_or("")
            ),
        ));
    }
}

pub const GWS_104: RuleInfo = RuleInfo {
    code: "GWS-104",
    severity: Info,
    target: VoiceEnvironment,
    title: "No switch resolves for the voice environment",
    why: "A voice environment's switch is found through the SIP Server application named by primaryServerName (or backupServerName) and the switch whose T-Server is that application. Without it agents cannot be placed on it by their DNs or agent logins.",
    fix: "Check that an application is named exactly like primaryServerName/backupServerName and that a switch has it as its T-Server (Switch > General > T-Server).",
    check: Check::Whole(gws_104),
};

fn gws_104(cx: &Ctx, out: &mut Vec<Finding>) {
    let inv = cx.inv;
    if inv.model.applications.is_err() || inv.model.switches.is_err() {
        return;
    }
    for (i, v) in inv.voice_envs.iter().enumerate() {
        if v.switch != Fact::Known(None) {
            continue;
        }
        let ve = inv.voice_environment(i);
        let names = ve.map(|v| {
            (
                v.servers.primary_server_name.clone().unwrap_or_default(),
                v.servers.backup_server_name.clone().unwrap_or_default(),
            )
        });
        let message = match (v.sip_app, names) {
            (Fact::Known(Some(a)), _) => format!(
                "no switch has application {} as its T-Server",
                inv.applications()[a].name.as_deref().unwrap_or("")
            ),
            (_, Some((p, b))) => {
                format!("no application is named {p:?} or {b:?}, so no switch resolves")
            }
            _ => "no switch resolves for this voice environment".to_string(),
        };
        out.push(GWS_104.finding(voice_env_target(inv, i), None, message));
    }
}
