//! `gwsx info [--format text|json]`: what gwsx reads and from where: the config file (and
//! whether it exists), its contexts (never a password: there is none to show), the theme,
//! the key overrides in effect and those that could not apply, and the environment
//! variables it looks at (set or not, never their values).

use crate::cli::{InfoArgs, InfoFormat};
use crate::config::{self, Loaded};
use crate::text_safety::escape_controls;
use anyhow::Result;
use serde_json::{Value, json};
use std::process::ExitCode;

/// The environment variables gwsx reads, and what for.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "GWSX_CONFIG",
        "the config file (instead of the default path)",
    ),
    ("XDG_CONFIG_HOME", "the folder of gwsx/config.toml"),
    (
        "HOME",
        "~/.config/gwsx/config.toml when XDG_CONFIG_HOME is not set",
    ),
    ("GWSX_PASSWORD", "the GWS password (else a prompt)"),
    ("NO_COLOR", "no colour"),
    ("GWSX_SERVE_USER", "gwsx serve: Basic auth user"),
    ("GWSX_SERVE_PASSWORD", "gwsx serve: Basic auth password"),
];

pub fn run(args: &InfoArgs) -> Result<ExitCode> {
    let loaded = config::load_from_env()?;
    let report = report(&loaded, |name| std::env::var_os(name).is_some());
    let text = match args.format {
        InfoFormat::Json => format!("{}\n", serde_json::to_string_pretty(&report)?),
        InfoFormat::Text => text(&report),
    };
    super::write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// What `gwsx info` says, as data (the JSON form; the text is drawn from it).
pub fn report(loaded: &Loaded, is_set: impl Fn(&str) -> bool) -> Value {
    let c = &loaded.config;
    let merged = crate::tui::keys_config::merge(&c.keys);
    let path = |p: &Option<std::path::PathBuf>| p.as_ref().map(|p| p.display().to_string());
    let contexts: Vec<Value> = c
        .contexts
        .values()
        .map(|ctx| {
            json!({
                "name": ctx.name,
                "url": ctx.url,
                "user": ctx.user,
                "gwsConfig": path(&ctx.gws_config),
                "caCert": path(&ctx.ca_cert),
                "timeout": ctx.timeout,
                "refresh": ctx.refresh,
                "default": c.default_context.as_deref() == Some(ctx.name.as_str()),
            })
        })
        .collect();
    let keys: Vec<Value> = c
        .keys
        .iter()
        .map(|(action, keys)| json!({"action": action, "keys": keys}))
        .collect();
    let env: Vec<Value> = ENVIRONMENT
        .iter()
        .map(|(name, what)| json!({"name": name, "set": is_set(name), "for": what}))
        .collect();
    json!({
        "config": {
            "path": loaded.path.as_ref().map(|(p, _)| p.display().to_string()),
            "from": loaded.path.as_ref().map(|(_, o)| o.describe()),
            "exists": loaded.exists,
        },
        "defaultContext": c.default_context,
        "contexts": contexts,
        "theme": c.theme,
        "keys": keys,
        "keyWarnings": merged.warnings,
        "environment": env,
    })
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => escape_controls(s).into_owned(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The report for people.
pub fn text(r: &Value) -> String {
    let mut out = String::new();
    let cfg = &r["config"];
    let state = match (cfg["path"].is_null(), cfg["exists"].as_bool()) {
        (true, _) => "none: neither GWSX_CONFIG, XDG_CONFIG_HOME nor HOME is set".to_string(),
        (false, Some(true)) => format!("{} (from {}, read)", s(&cfg["path"]), s(&cfg["from"])),
        (false, _) => format!(
            "{} (from {}; not found, so none is used)",
            s(&cfg["path"]),
            s(&cfg["from"])
        ),
    };
    out.push_str(&format!("config file: {state}\n"));
    let contexts = r["contexts"].as_array().cloned().unwrap_or_default();
    if contexts.is_empty() {
        out.push_str("contexts: none\n");
    } else {
        out.push_str("contexts:\n");
        for ctx in &contexts {
            let mut line = format!(
                "  {}{}  {}",
                s(&ctx["name"]),
                if ctx["default"] == Value::Bool(true) {
                    " (default)"
                } else {
                    ""
                },
                s(&ctx["url"])
            );
            for (label, key) in [
                ("user", "user"),
                ("gws-config", "gwsConfig"),
                ("ca-cert", "caCert"),
                ("timeout", "timeout"),
                ("refresh", "refresh"),
            ] {
                if !ctx[key].is_null() {
                    line.push_str(&format!("  {label} {}", s(&ctx[key])));
                }
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    let theme = if r["theme"].is_null() {
        "default (built-in)".to_string()
    } else {
        s(&r["theme"])
    };
    out.push_str(&format!("theme: {theme}\n"));
    let keys = r["keys"].as_array().cloned().unwrap_or_default();
    if keys.is_empty() {
        out.push_str("keys: the built-in ones (docs/tui.md)\n");
    } else {
        out.push_str("keys (over the built-in ones):\n");
        for k in &keys {
            let list: Vec<String> = k["keys"]
                .as_array()
                .map(|a| a.iter().map(s).collect())
                .unwrap_or_default();
            out.push_str(&format!("  {} = {}\n", s(&k["action"]), list.join(", ")));
        }
    }
    for w in r["keyWarnings"].as_array().into_iter().flatten() {
        out.push_str(&format!("  not applied: {}\n", s(w)));
    }
    out.push_str("environment:\n");
    for e in r["environment"].as_array().into_iter().flatten() {
        let set = if e["set"] == Value::Bool(true) {
            "set"
        } else {
            "not set"
        };
        out.push_str(&format!(
            "  {:<20} {:<8} {}\n",
            s(&e["name"]),
            set,
            s(&e["for"])
        ));
    }
    out
}
