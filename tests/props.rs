//! Property tests: any mutation of a valid snapshot loads or fails with one clear line, and
//! the inventory and audit never panic, are deterministic, and survive a write/read round trip.

use gwsx::domain::Inventory;
use gwsx::snapshot::{self, GwsConfig};
use proptest::prelude::*;
use serde_json::{Value, json};

fn base() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/examples/snapshot-101.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("fixture JSON")
}

#[derive(Debug, Clone)]
enum Mutation {
    Remove,
    Replace(Value),
    /// Point a DBID-like field at another (maybe dangling, maybe duplicate) object.
    Dbid(i64),
    EmptyList,
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..300).prop_map(|n| json!(n)),
        (-5i64..300).prop_map(|n| json!(n.to_string())),
        Just(json!(1.5)),
        Just(json!("")),
        Just(json!("  padded  ")),
        Just(json!("Zoë 张伟 🚀 \u{202e}")),
        Just(json!({"nested": {"k": "v"}})),
        Just(json!([1, "two", null])),
        (1usize..20_000).prop_map(|n| json!("x".repeat(n))),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::Remove),
        scalar().prop_map(Mutation::Replace),
        (95i64..160).prop_map(Mutation::Dbid),
        Just(Mutation::EmptyList),
    ]
}

/// Applies `m` at the node reached by walking `path` (each step picks a child modulo count).
fn apply(doc: &mut Value, path: &[usize], m: &Mutation) {
    let mut node = doc;
    for (depth, &step) in path.iter().enumerate() {
        let child_count = match node {
            Value::Object(o) => o.len(),
            Value::Array(a) => a.len(),
            _ => 0,
        };
        let last = depth + 1 == path.len() || child_count == 0;
        if last {
            break;
        }
        let i = step % child_count;
        // Mutate a child of this node when the walk ends on a leaf.
        let next_is_leaf = match node {
            Value::Object(o) => o
                .values()
                .nth(i)
                .is_some_and(|v| !(v.is_object() || v.is_array())),
            Value::Array(a) => a.get(i).is_some_and(|v| !(v.is_object() || v.is_array())),
            _ => true,
        };
        if next_is_leaf || depth + 2 == path.len() {
            match node {
                Value::Object(o) => {
                    let Some(key) = o.keys().nth(i).cloned() else {
                        return;
                    };
                    match m {
                        Mutation::Remove => {
                            o.shift_remove(&key);
                        }
                        Mutation::Replace(v) => {
                            o.insert(key, v.clone());
                        }
                        Mutation::Dbid(d) => {
                            o.insert(key, json!(d.to_string()));
                        }
                        Mutation::EmptyList => {
                            o.insert(key, json!([]));
                        }
                    }
                }
                Value::Array(a) => match m {
                    Mutation::Remove if i < a.len() => {
                        a.remove(i);
                    }
                    Mutation::Replace(v) => a[i] = v.clone(),
                    Mutation::Dbid(d) => a[i] = json!(d),
                    _ => a.clear(),
                },
                _ => {}
            }
            return;
        }
        node = match node {
            Value::Object(o) => match o.values_mut().nth(i) {
                Some(v) => v,
                None => return,
            },
            Value::Array(a) => &mut a[i],
            _ => return,
        };
    }
}

fn outputs(inv: &Inventory) -> (String, String) {
    let agents = gwsx::agents::to_json(inv, None);
    let findings = gwsx::audit::run(inv);
    let card = gwsx::audit::report::scorecard(inv, &findings);
    (agents, gwsx::audit::report::to_json(&findings, &card))
}

/// `mutated.json:12:5` → `mutated.json:_:_`.
fn without_positions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("mutated.json:") {
        out.push_str(&rest[..i + "mutated.json".len()]);
        rest = &rest[i + "mutated.json".len()..];
        for _ in 0..2 {
            let digits = rest
                .strip_prefix(':')
                .map(|r| r.len() - r.trim_start_matches(|c: char| c.is_ascii_digit()).len());
            match digits {
                Some(n) if n > 0 => {
                    out.push_str(":_");
                    rest = &rest[1 + n..];
                }
                _ => break,
            }
        }
    }
    out.push_str(rest);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, max_shrink_iters: 200, .. ProptestConfig::default() })]

    #[test]
    fn mutated_snapshots_load_or_fail_clearly(
        edits in prop::collection::vec((prop::collection::vec(any::<usize>(), 2..9), mutation()), 1..12)
    ) {
        let mut doc = base();
        for (path, m) in &edits {
            apply(&mut doc, path, m);
        }
        let text = serde_json::to_string(&doc).expect("serialise");
        match snapshot::from_bytes(text.into_bytes(), "mutated.json") {
            Err(e) => {
                let msg = format!("{e:#}");
                prop_assert!(!msg.contains('\n'), "one line: {}", msg);
                prop_assert!(msg.contains("mutated.json"), "names the file: {}", msg);
            }
            Ok(snap) => match Inventory::from_snapshot(&snap, &GwsConfig::default()) {
                Err(e) => {
                    let msg = format!("{e:#}");
                    prop_assert!(!msg.contains('\n'), "one line: {}", msg);
                    prop_assert!(msg.contains("mutated.json"), "names the file: {}", msg);
                }
                Ok(inv) => {
                    let first = outputs(&inv);
                    // Deterministic: the same snapshot gives the same result.
                    let again = Inventory::from_snapshot(&snap, &GwsConfig::default()).expect("second build");
                    prop_assert_eq!(&first, &outputs(&again));
                    // Lossless: write and read back gives the same responses and results.
                    let written = snapshot::to_json_string(&snap);
                    let reread = snapshot::from_bytes(written.into_bytes(), "mutated.json").expect("re-read");
                    prop_assert_eq!(reread.responses.len(), snap.responses.len());
                    for (a, b) in reread.responses.iter().zip(&snap.responses) {
                        prop_assert_eq!(&a.path, &b.path);
                        prop_assert_eq!(a.body.get(), b.body.get());
                    }
                    let inv2 = Inventory::from_snapshot(&reread, &GwsConfig::default()).expect("re-read build");
                    // A reason may say where in the file a body is wrong: the rewritten file
                    // lays the bodies out anew, so positions are not compared.
                    let (a, b) = (outputs(&inv2), first.clone());
                    prop_assert_eq!(
                        (without_positions(&a.0), without_positions(&a.1)),
                        (without_positions(&b.0), without_positions(&b.1))
                    );
                }
            },
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Err(e) = snapshot::from_bytes(bytes, "bytes.json") {
            let msg = format!("{e:#}");
            prop_assert!(msg.contains("bytes.json"), "names the file: {}", msg);
        }
    }
}

#[test]
fn the_unmutated_base_round_trips() {
    let text = serde_json::to_string(&base()).expect("serialise");
    let snap = snapshot::from_bytes(text.into_bytes(), "base.json").expect("load");
    let inv = Inventory::from_snapshot(&snap, &GwsConfig::default()).expect("inventory");
    assert_eq!(inv.agents.len(), 52);
}
