//! The parse floor: the time a bare typed-nothing parse (`serde::de::IgnoredAny`) takes over a
//! snapshot file's bytes, read the way gwsx reads them (plain or gzip). Every figure of
//! `scripts/bench.sh` is a ratio to it: `cargo run --release --example floor -- FILE`.

use serde::de::IgnoredAny;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: floor FILE"))?;
    let bytes = gwsx::snapshot::read_file_bytes(std::path::Path::new(&path))?;
    let _: IgnoredAny =
        serde_json::from_slice(&bytes).map_err(|e| anyhow::anyhow!("{path}: not JSON: {e}"))?;
    // Exit without freeing, as gwsx's commands do.
    std::mem::forget(bytes);
    Ok(())
}
