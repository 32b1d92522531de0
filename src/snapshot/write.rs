//! Writing snapshots: JSON text, gzip by file name, atomically.

use super::{FORMAT_VERSION, Snapshot};
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// The snapshot file's JSON text. Bodies are written exactly as stored.
pub fn to_json_string(snapshot: &Snapshot) -> String {
    let mut out = String::with_capacity(
        snapshot
            .responses
            .iter()
            .map(|r| r.body.get().len() + r.path.len() + 8)
            .sum::<usize>()
            + 512,
    );
    out.push_str("{\"gwsxSnapshot\":");
    out.push_str(&FORMAT_VERSION.to_string());
    if let Some(at) = &snapshot.captured_at {
        out.push_str(",\"capturedAt\":");
        out.push_str(&json_string(at));
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
    out.push_str(",\"source\":");
    out.push_str(&serde_json::Value::Object(source).to_string());
    out.push_str(",\"gwsConfig\":");
    out.push_str(&serde_json::to_string(&snapshot.gws_config).unwrap_or_else(|_| "{}".into()));
    out.push_str(",\"responses\":{");
    for (i, response) in snapshot.responses.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('\n');
        out.push_str(&json_string(&response.path));
        out.push(':');
        out.push_str(response.body.get());
    }
    out.push_str("\n}}\n");
    out
}

fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// Writes the snapshot to `path` (gzip when it ends in `.gz`) through a temporary file in
/// the same directory, renamed into place only when complete.
pub fn write_atomic(snapshot: &Snapshot, path: &Path) -> Result<()> {
    let text = to_json_string(snapshot);
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(text.as_bytes())?;
        enc.finish()?
    } else {
        text.into_bytes()
    };
    write_bytes_atomic(&bytes, path)
}

pub fn write_bytes_atomic(bytes: &[u8], path: &Path) -> Result<()> {
    let label = path.display();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("snapshot");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("{label}: cannot write"))
}
