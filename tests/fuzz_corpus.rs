//! The fuzzers' corpora, replayed on every `cargo test`: each input of `fuzz/corpus/load` goes
//! through the reader, the model, the inventory, the audit and every output as the `load`
//! target does, and the whole corpus is read once more as a folder of loose files (where no
//! file may sink the folder). Nothing may panic; a refusal is one line naming the file.

use gwsx::domain::Inventory;
use gwsx::snapshot::{self, GwsConfig};
use std::io::Write;
use std::path::PathBuf;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/load");
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("fuzz/corpus/load")
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            (name, std::fs::read(&path).expect("read"))
        })
        .collect();
    inputs.sort();
    inputs
}

/// The `load` target's decoding: plain, or gzip when the first byte is odd.
fn decode(data: &[u8]) -> Option<Vec<u8>> {
    let (&mode, rest) = data.split_first()?;
    Some(if mode & 1 == 1 {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(rest).ok()?;
        enc.finish().ok()?
    } else {
        rest.to_vec()
    })
}

#[test]
fn every_load_input_is_read_or_refused_in_one_line() {
    let inputs = corpus();
    assert!(inputs.len() > 100, "the corpus is there");
    let mut loaded = 0;
    for (name, data) in &inputs {
        let Some(bytes) = decode(data) else { continue };
        match snapshot::from_bytes(bytes, "fuzz.json") {
            Ok(snap) => {
                let inv = Inventory::from_snapshot(&snap, &GwsConfig::default())
                    .unwrap_or_else(|e| panic!("{name}: the model never fails: {e:#}"));
                let findings = gwsx::audit::run(&inv);
                let card = gwsx::audit::report::scorecard(&inv, &findings);
                let _ = gwsx::audit::report::to_json(&findings, &card);
                let _ = gwsx::audit::report::to_text(&findings, &card, false);
                let _ = gwsx::agents::to_json(&inv, None);
                let _ = gwsx::agents::to_table(&inv, None);
                let _ = gwsx::model::read_warnings(&inv.model);
                loaded += 1;
            }
            Err(e) => {
                let line = format!("{e:#}");
                assert!(!line.contains('\n'), "{name}: one line: {line}");
                assert!(line.contains("fuzz.json"), "{name}: names the file: {line}");
            }
        }
    }
    assert!(loaded > 0, "some inputs load");
}

#[test]
fn the_whole_corpus_as_a_folder_of_loose_files_never_sinks() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, data) in corpus() {
        if let Some(bytes) = decode(&data) {
            std::fs::write(dir.path().join(format!("{name}.json")), bytes).expect("write");
        }
    }
    match snapshot::load(dir.path()) {
        Ok(snap) => {
            let inv = Inventory::from_snapshot(&snap, &GwsConfig::default()).expect("inventory");
            let _ = gwsx::audit::run(&inv);
            assert!(!snap.warnings.is_empty(), "the corpus holds non-bodies");
            assert!(snap.warnings.len() <= 21, "more than 20 are summarised");
        }
        Err(e) => {
            let line = format!("{e:#}");
            assert!(!line.contains('\n'), "{line}");
            assert!(line.contains("no GWS response body among"), "{line}");
        }
    }
}
