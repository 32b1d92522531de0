//! Writing snapshots: JSON text, gzip by file name, atomically.

use super::{FORMAT_VERSION, Snapshot};
use anyhow::{Context, Result, bail};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// The snapshot file's JSON text. Bodies are written exactly as stored.
pub fn to_json_string(snapshot: &Snapshot) -> String {
    let mut out = Vec::with_capacity(
        snapshot
            .responses
            .iter()
            .map(|r| r.body.get().len() + r.path.len() + 8)
            .sum::<usize>()
            + 512,
    );
    // Writing to a Vec fails only when cancelled, and nothing cancels this one.
    let _ = write_json(snapshot, &mut out, &AtomicBool::new(false));
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes the snapshot file's JSON text to `out` as it goes, bodies in slices of 1 MiB with
/// `cancel` checked before each, so a big snapshot is never copied whole in memory.
fn write_json(
    snapshot: &Snapshot,
    out: &mut impl Write,
    cancel: &AtomicBool,
) -> std::io::Result<()> {
    let mut head = String::with_capacity(512);
    head.push_str("{\"gwsxSnapshot\":");
    head.push_str(&FORMAT_VERSION.to_string());
    if let Some(at) = &snapshot.captured_at {
        head.push_str(",\"capturedAt\":");
        head.push_str(&json_string(at));
    }
    let src = &snapshot.source;
    let mut source = serde_json::Map::new();
    for (key, value) in [
        ("baseUrl", &src.base_url),
        ("gwsVersion", &src.gws_version),
        ("user", &src.user),
    ] {
        if let Some(v) = value {
            source.insert(key.into(), serde_json::Value::String(v.clone()));
        }
    }
    head.push_str(",\"source\":");
    head.push_str(&serde_json::Value::Object(source).to_string());
    head.push_str(",\"gwsConfig\":");
    head.push_str(&serde_json::to_string(&snapshot.gws_config).unwrap_or_else(|_| "{}".into()));
    head.push_str(",\"responses\":{");
    out.write_all(head.as_bytes())?;
    for (i, response) in snapshot.responses.iter().enumerate() {
        let key = format!(
            "{}\n{}:",
            if i > 0 { "," } else { "" },
            json_string(&response.path)
        );
        out.write_all(key.as_bytes())?;
        write_slices(out, response.body.get().as_bytes(), cancel)?;
    }
    out.write_all(b"\n}}\n")?;
    Ok(())
}

fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// Why `path` may not be written (`--output` writes only a regular file), or `Ok` when it is
/// a regular file or does not exist yet. Looks at the path itself, not at what a link points
/// to: a symbolic link, a FIFO, a device, a socket or a directory is refused and left as it is.
pub fn check_output_target(path: &Path) -> Result<()> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => bail!("{}: cannot write: {e}", path.display()),
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    bail!(
        "{}: is {}; refused, left untouched (--output writes only a regular file)",
        path.display(),
        kind_name(&kind)
    )
}

fn kind_name(kind: &std::fs::FileType) -> &'static str {
    if kind.is_symlink() {
        return "a symbolic link";
    }
    if kind.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    "not a regular file"
}

/// Writes the snapshot to `path` (gzip when it ends in `.gz`) through a temporary file in
/// the same directory, renamed into place only when complete.
pub fn write_atomic(snapshot: &Snapshot, path: &Path) -> Result<()> {
    write_atomic_cancellable(snapshot, path, &AtomicBool::new(false))
}

/// [`write_atomic`] that stops as soon as `cancel` is set (a signal): the temporary file is
/// removed and the error says so ([`is_cancelled`]). The JSON text is streamed to the file,
/// never held whole in memory beside the snapshot.
pub fn write_atomic_cancellable(
    snapshot: &Snapshot,
    path: &Path,
    cancel: &AtomicBool,
) -> Result<()> {
    let gzip = path.extension().is_some_and(|e| e == "gz");
    write_with(path, cancel, |file, cancel| {
        if gzip {
            let mut enc = flate2::write::GzEncoder::new(
                std::io::BufWriter::with_capacity(1 << 16, file),
                flate2::Compression::default(),
            );
            write_json(snapshot, &mut enc, cancel)?;
            enc.finish()?
                .into_inner()
                .map_err(|e| e.into_error())?
                .sync_all()
        } else {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut *file);
            write_json(snapshot, &mut out, cancel)?;
            out.flush()?;
            drop(out);
            file.sync_all()
        }
    })
}

pub fn write_bytes_atomic(bytes: &[u8], path: &Path) -> Result<()> {
    write_with(path, &AtomicBool::new(false), |file, cancel| {
        write_slices(file, bytes, cancel)?;
        file.sync_all()
    })
}

/// The error of a write stopped by its cancel flag.
#[derive(Debug, thiserror::Error)]
#[error("interrupted; the temporary file was removed")]
pub struct Cancelled;

/// Whether a write failed because it was cancelled.
pub fn is_cancelled(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.is::<Cancelled>())
}

/// Writes in slices of 1 MiB, checking `cancel` before each.
fn write_slices(out: &mut impl Write, bytes: &[u8], cancel: &AtomicBool) -> std::io::Result<()> {
    for slice in bytes.chunks(1 << 20) {
        if cancel.load(Ordering::Acquire) {
            return Err(std::io::Error::other(Cancelled));
        }
        out.write_all(slice)?;
    }
    if cancel.load(Ordering::Acquire) {
        return Err(std::io::Error::other(Cancelled));
    }
    Ok(())
}

/// A temporary file beside `path`, created new (never an existing file or link), filled by
/// `fill`, and renamed onto `path` when `path` is still absent or a regular file. On every
/// failure the temporary file is removed.
fn write_with(
    path: &Path,
    cancel: &AtomicBool,
    fill: impl FnOnce(&mut File, &AtomicBool) -> std::io::Result<()>,
) -> Result<()> {
    let label = path.display();
    check_output_target(path)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("snapshot");
    let (tmp, mut file) =
        create_temp(&dir, name).with_context(|| format!("{label}: cannot write"))?;
    let result = (|| -> Result<()> {
        fill(&mut file, cancel).map_err(|e| match e.downcast::<Cancelled>() {
            Ok(cancelled) => anyhow::Error::new(cancelled),
            Err(e) => anyhow::Error::new(e).context(format!("{label}: cannot write")),
        })?;
        drop(file);
        // The path may have become a link or a FIFO while the file was written.
        check_output_target(path)?;
        if cancel.load(Ordering::Acquire) {
            return Err(Cancelled.into());
        }
        std::fs::rename(&tmp, path).with_context(|| format!("{label}: cannot write"))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `.NAME.PID.N.tmp` in `dir`, created exclusively (an existing file or link of that name
/// is never opened: the next N is tried).
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, File)> {
    let mut last = None;
    for n in 0..16 {
        let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary file name")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_cancelled_write_removes_its_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json.gz");
        let err = write_atomic_cancellable(&Snapshot::default(), &path, &AtomicBool::new(true))
            .unwrap_err();
        assert!(is_cancelled(&err), "{err:#}");
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
        write_atomic(&Snapshot::default(), &path).unwrap();
        assert_eq!(names(dir.path()), ["out.json.gz"]);
    }

    #[cfg(unix)]
    #[test]
    fn only_a_regular_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::write(&real, "keep").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let err = write_bytes_atomic(b"new", &link).unwrap_err().to_string();
        assert!(err.contains("is a symbolic link; refused"), "{err}");
        let err = write_bytes_atomic(b"new", dir.path())
            .unwrap_err()
            .to_string();
        assert!(err.contains("is a directory"), "{err}");
        let err = write_bytes_atomic(b"new", Path::new("/dev/null"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("is a device"), "{err}");
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "keep");
        write_bytes_atomic(b"new", &real).unwrap();
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(names(dir.path()), ["link", "real"]);
    }
}
