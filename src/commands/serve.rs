//! `gwsx serve SOURCE [--listen ADDR]`: replays a snapshot as a read-only GWS API until
//! Ctrl-C, with Basic auth when `GWSX_SERVE_USER` / `GWSX_SERVE_PASSWORD` are set.

use crate::cli::{LiveArgs, ServeArgs};
use crate::gws::serve;
use anyhow::{Context, Result};
use std::process::ExitCode;

pub fn run(source: &str, args: &ServeArgs, live: &LiveArgs) -> Result<ExitCode> {
    let auth = serve::auth_from_env()?;
    let snapshot = super::open_source(source, live)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve::serve_until_stopped(snapshot, &args.listen, auth))?;
    Ok(ExitCode::SUCCESS)
}
