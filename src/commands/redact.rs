//! `gwsx redact SOURCE --output FILE`: writes a snapshot safe to share (CLI.md).

use crate::cli::{ConfigArgs, LiveArgs, RedactArgs};
use crate::redact::{self, Key, Options};
use crate::source::SourceKind;
use anyhow::{Context, Result, anyhow, bail};
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    source: &str,
    args: &RedactArgs,
    config: &ConfigArgs,
    live: &LiveArgs,
) -> Result<ExitCode> {
    let overrides = super::config_overrides(config)?;
    let kind = SourceKind::parse(source);
    check_output(&args.output, &kind)?;
    if let Some(mapping) = &args.mapping {
        check_output(mapping, &kind)?;
        if same_path(mapping, &args.output) {
            bail!(
                "{}: the mapping file cannot be the output",
                mapping.display()
            );
        }
    }
    if let Some(key_file) = &args.key_file
        && (same_path(key_file, &args.output)
            || args
                .mapping
                .as_deref()
                .is_some_and(|m| same_path(key_file, m)))
    {
        bail!(
            "{}: the key file cannot be the output or the mapping",
            key_file.display()
        );
    }
    let key = match &args.key_file {
        Some(path) => {
            let (key, created) = Key::load_or_create(path)?;
            if created {
                eprintln!(
                    "gwsx redact: created key file {} (keep it to redact later captures alike)",
                    path.display()
                );
            }
            key
        }
        None => Key::random()?,
    };
    // The reader's warnings are printed there, escaped.
    let mut snapshot = super::open_source(source, live)?;
    snapshot.gws_config.overlay(&overrides);
    let started = std::time::Instant::now();
    let red = redact::redact(
        snapshot,
        &Options {
            key,
            keep_hosts: args.keep_hosts,
        },
    )?;
    crate::snapshot::write_atomic(&red.snapshot, &args.output)?;
    let left = redact::leftovers(&red.snapshot, &red.mapping);
    if !left.is_empty() {
        let shown = |s: &str| s.escape_debug().to_string();
        let examples: Vec<String> = left
            .iter()
            .take(3)
            .map(|l| {
                format!(
                    "{} \"{}\" in {}",
                    l.field,
                    shown(&l.original),
                    shown(&l.path)
                )
            })
            .collect();
        eprintln!(
            "gwsx redact: warning: {} replaced value{} also appear{} in data that is kept (names of places, groups, DNs or option values), e.g. {}: review before sending",
            left.len(),
            if left.len() == 1 { "" } else { "s" },
            if left.len() == 1 { "s" } else { "" },
            examples.join("; ")
        );
    }
    if let Some(path) = &args.mapping {
        crate::snapshot::write_bytes_atomic(redact::mapping_csv(&red.mapping).as_bytes(), path)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .with_context(|| format!("{}: cannot restrict its permissions", path.display()))?;
        }
    }
    let hosts = red
        .mapping
        .iter()
        .filter(|m| m.kind == redact::Kind::Host)
        .count();
    eprintln!(
        "gwsx redact: wrote {} ({} values and {} hosts replaced, {:.2} s)",
        args.output.display(),
        red.mapping.len() - hosts,
        hosts,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// `--output` writes only a regular file, never the source (CLI.md): a symlink, a FIFO, a
/// device or a directory is refused and left untouched.
pub fn check_output(output: &Path, source: &SourceKind) -> Result<()> {
    let label = output.display();
    match std::fs::symlink_metadata(output) {
        Ok(meta) => {
            let ft = meta.file_type();
            if ft.is_symlink() {
                bail!("{label}: is a symbolic link; refusing to write through it");
            }
            if ft.is_dir() {
                bail!("{label}: is a directory");
            }
            if !ft.is_file() {
                bail!("{label}: not a regular file (a FIFO, socket or device); refusing to write");
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(anyhow!("{label}: cannot write: {e}")),
    }
    let dir = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !std::fs::metadata(dir).is_ok_and(|m| m.is_dir()) {
        bail!(
            "{label}: cannot write: directory {} does not exist",
            dir.display()
        );
    }
    if let SourceKind::Path(src) = source
        && same_path(output, Path::new(src))
    {
        bail!("{label}: is the source; redact writes a new file and never over its source");
    }
    Ok(())
}

/// Whether two paths name one existing file (same canonical path, or same inode).
fn same_path(a: &Path, b: &Path) -> bool {
    if let (Ok(x), Ok(y)) = (std::fs::canonicalize(a), std::fs::canonicalize(b))
        && x == y
    {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    false
}
