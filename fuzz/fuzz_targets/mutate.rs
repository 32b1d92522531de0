//! Structured mutations of a valid snapshot: the fuzzer's bytes pick nodes and replace them
//! with other types, dangling or duplicate DBIDs, unicode and empty lists; then load,
//! inventory and audit must not panic.
#![no_main]

use gwsx::domain::Inventory;
use gwsx::snapshot::{self, GwsConfig};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use std::sync::OnceLock;

const BASE: &str = include_str!("../../tests/fixtures/examples/snapshot-101.json");

fn base() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| serde_json::from_str(BASE).unwrap_or(Value::Null))
}

fn replacement(kind: u8, n: u8) -> Option<Value> {
    Some(match kind % 10 {
        0 => return None,
        1 => Value::Null,
        2 => json!(n % 2 == 0),
        3 => json!(100 + i64::from(n % 60)),
        4 => json!((100 + i64::from(n % 60)).to_string()),
        5 => json!(""),
        6 => json!("Zoë 张伟 🚀"),
        7 => json!({"k": n}),
        8 => json!([]),
        _ => json!(" 2 "),
    })
}

fuzz_target!(|data: &[u8]| {
    let mut doc = base().clone();
    for chunk in data.chunks(4) {
        let [a, b, c, d] = [0, 1, 2, 3].map(|i| chunk.get(i).copied().unwrap_or(0));
        // Walk down by a, b, c choosing children (read-only, building a JSON pointer), then
        // mutate the node there with d.
        let mut pointer = String::new();
        let mut node = &doc;
        for step in [a, b, c, a ^ c, b ^ c, a ^ b] {
            let next = match node {
                Value::Object(o) if !o.is_empty() => o.iter().nth(usize::from(step) % o.len()).map(|(k, v)| {
                    (k.replace('~', "~0").replace('/', "~1"), v)
                }),
                Value::Array(v) if !v.is_empty() => {
                    let i = usize::from(step) % v.len();
                    Some((i.to_string(), &v[i]))
                }
                _ => None,
            };
            let Some((segment, child)) = next else { break };
            pointer.push('/');
            pointer.push_str(&segment);
            node = child;
        }
        let Some(target) = doc.pointer_mut(&pointer) else { continue };
        match replacement(d, a.wrapping_add(b)) {
            Some(v) => *target = v,
            None => {
                if let Value::Object(o) = target {
                    let key = o.keys().next().cloned();
                    if let Some(k) = key {
                        o.shift_remove(&k);
                    }
                }
            }
        }
    }
    let text = serde_json::to_string(&doc).unwrap_or_default();
    if let Ok(snap) = snapshot::from_bytes(text.into_bytes(), "fuzz.json")
        && let Ok(inv) = Inventory::from_snapshot(&snap, &GwsConfig::default())
    {
        let _ = gwsx::agents::to_json(&inv, None);
        let _ = gwsx::audit::run(&inv);
        // The TUI's own indexes (rows, finding locations, haystacks) over the same input.
        let _ = gwsx::tui::data::Data::build(std::sync::Arc::new(snap), &GwsConfig::default());
    }
});
