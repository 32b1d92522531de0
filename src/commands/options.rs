//! Command-line options resolved into the library's plain structs: the gwsConfig overrides,
//! and the live connection options with the password from `GWSX_PASSWORD` or a prompt.

use crate::cli::{ConfigArgs, LiveArgs, Mode, Protocol};
use crate::gws::{self, LiveOptions};
use crate::snapshot::{self, GwsConfig, SoftphoneMode};
use anyhow::{Result, anyhow, bail};
use std::io::IsTerminal;
use std::time::Duration;

/// The gwsConfig the user asked for: the `--gws-config` file, then the flags over it.
pub fn config_overrides(args: &ConfigArgs) -> Result<GwsConfig> {
    let mut config = match &args.gws_config {
        Some(path) => snapshot::read_gws_config_yaml(path)?,
        None => GwsConfig::default(),
    };
    config.overlay(&config_flags(args));
    Ok(config)
}

/// What the gwsConfig flags alone set (a report says where each fact came from).
pub fn config_flags(args: &ConfigArgs) -> GwsConfig {
    GwsConfig {
        use_employee_id_login: args.use_employee_id_login,
        browser_protocol: args.browser_protocol.map(|p| match p {
            Protocol::Http => "http".to_string(),
            Protocol::Https => "https".to_string(),
        }),
        cluster_application: args.cluster_application.clone(),
        softphone_mode: args.softphone_mode.map(|m| match m {
            Mode::Connector => SoftphoneMode::Connector,
            Mode::Standalone => SoftphoneMode::Standalone,
        }),
    }
}

/// How to reach GWS, with the password from `GWSX_PASSWORD` or a prompt.
pub fn live_options(args: &LiveArgs) -> Result<LiveOptions> {
    let timeout = args.timeout.unwrap_or(gws::DEFAULT_TIMEOUT.as_secs());
    if timeout == 0 {
        bail!("--timeout must be at least 1 second");
    }
    if timeout > gws::MAX_TIMEOUT_SECS {
        bail!(
            "--timeout must be at most {} seconds (a day)",
            gws::MAX_TIMEOUT_SECS
        );
    }
    let password = password_from_env_or_prompt(args.user.as_deref())?;
    Ok(LiveOptions {
        user: args.user.clone(),
        password,
        ca_cert: args.ca_cert.clone(),
        insecure: args.insecure,
        timeout: Duration::from_secs(timeout),
        max_held_bytes: gws::limits::held_bytes_cap_from_env(),
        ..LiveOptions::default()
    })
}

/// The password for `user`: `GWSX_PASSWORD` if set, else a no-echo prompt when stdin is a
/// terminal, else none. No user, no password.
pub fn password_from_env_or_prompt(user: Option<&str>) -> Result<Option<String>> {
    let Some(user) = user else {
        return Ok(None);
    };
    if let Some(value) = std::env::var_os("GWSX_PASSWORD") {
        return value
            .into_string()
            .map(Some)
            .map_err(|_| anyhow!("GWSX_PASSWORD is not valid UTF-8"));
    }
    if std::io::stdin().is_terminal() {
        let password = rpassword::prompt_password(format!("GWS password for {user}: "))
            .map_err(|e| anyhow!("cannot read the password from the terminal: {e}"))?;
        return Ok(Some(password));
    }
    Ok(None)
}
