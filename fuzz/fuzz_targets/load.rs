//! Arbitrary bytes (plain, or gzip when the first byte is odd) into the snapshot loader, then
//! the inventory and the audit when it loads.
#![no_main]

use gwsx::domain::Inventory;
use gwsx::snapshot::{self, GwsConfig};
use libfuzzer_sys::fuzz_target;
use std::io::Write;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode & 1 == 1 {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = enc.write_all(rest);
        enc.finish().unwrap_or_default()
    } else {
        rest.to_vec()
    };
    if let Ok(snap) = snapshot::from_bytes(bytes, "fuzz.json")
        && let Ok(inv) = Inventory::from_snapshot(&snap, &GwsConfig::default())
    {
        let _ = gwsx::agents::to_json(&inv, None);
        let _ = gwsx::audit::run(&inv);
    }
});
