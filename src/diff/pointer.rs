//! RFC 6901 JSON Pointers of the leaves that differ between two JSON values.
//!
//! A leaf is a scalar, or an empty object or list. A pointer differs when a leaf is there on
//! one side only, or on both sides with different values: an added or removed member lists
//! every leaf under it, a value that changes type lists the leaves of both sides.

use serde_json::Value;

/// One reference token, escaped: `~` → `~0`, `/` → `~1` (in that order).
pub fn escape_token(token: &str) -> String {
    if !token.contains(['~', '/']) {
        return token.to_string();
    }
    token.replace('~', "~0").replace('/', "~1")
}

/// The pointers of the leaves that differ between `old` and `new`, each once, in document
/// order: `old`'s members in their stored order, then those only `new` has; list items by
/// index. Equal values give none.
pub fn differing_leaves(old: &Value, new: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut path = String::new();
    walk(Some(old), Some(new), &mut path, &mut out);
    // Only a leaf replaced by a leaf gives a pointer twice, and then one after the other.
    out.dedup();
    out
}

fn is_container_with_children(v: &Value) -> bool {
    match v {
        Value::Object(m) => !m.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => false,
    }
}

fn walk(old: Option<&Value>, new: Option<&Value>, path: &mut String, out: &mut Vec<String>) {
    match (old, new) {
        (Some(a), Some(b)) if a == b => {}
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            for (key, value) in a {
                descend(path, key, |path| walk(Some(value), b.get(key), path, out));
            }
            for (key, value) in b {
                if !a.contains_key(key) {
                    descend(path, key, |path| walk(None, Some(value), path, out));
                }
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) => {
            for i in 0..a.len().max(b.len()) {
                descend(path, &i.to_string(), |path| {
                    walk(a.get(i), b.get(i), path, out)
                });
            }
        }
        (old, new) => {
            // Different shapes or scalars: every leaf of each side differs.
            for v in [old, new].into_iter().flatten() {
                leaves(v, path, out);
            }
        }
    }
}

/// Every leaf under `v`, at `path`.
fn leaves(v: &Value, path: &mut String, out: &mut Vec<String>) {
    if !is_container_with_children(v) {
        out.push(path.clone());
        return;
    }
    match v {
        Value::Object(m) => {
            for (key, value) in m {
                descend(path, key, |path| leaves(value, path, out));
            }
        }
        Value::Array(a) => {
            for (i, value) in a.iter().enumerate() {
                descend(path, &i.to_string(), |path| leaves(value, path, out));
            }
        }
        _ => {}
    }
}

/// Runs `f` with `/token` appended to `path`, then restores it.
fn descend(path: &mut String, token: &str, f: impl FnOnce(&mut String)) {
    let len = path.len();
    path.push('/');
    path.push_str(&escape_token(token));
    f(path);
    path.truncate(len);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escapes_tilde_before_slash() {
        assert_eq!(escape_token("a/b~c"), "a~1b~0c");
        assert_eq!(escape_token("~1"), "~01");
        assert_eq!(escape_token("plain"), "plain");
    }

    #[test]
    fn lists_changed_added_and_removed_leaves() {
        let old = json!({"a": "1", "b": {"c": 1, "d": [1, 2]}, "gone": {"x": 1, "y": {}}});
        let new = json!({"a": "2", "b": {"c": 1, "d": [1, 3, 4]}, "new/key": {"~": true}});
        assert_eq!(
            differing_leaves(&old, &new),
            [
                "/a",
                "/b/d/1",
                "/b/d/2",
                "/gone/x",
                "/gone/y",
                "/new~1key/~0"
            ]
        );
        let old = json!({"z": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], "a": 1});
        let new = json!({"z": [1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12], "a": 2});
        assert_eq!(differing_leaves(&old, &new), ["/z/0", "/z/11", "/a"]);
        assert!(differing_leaves(&old, &old).is_empty());
    }

    #[test]
    fn a_change_of_shape_lists_both_sides() {
        let old = json!({"p": "text"});
        let new = json!({"p": {"q": 1}});
        assert_eq!(differing_leaves(&old, &new), ["/p", "/p/q"]);
        let old = json!({"p": {}});
        let new = json!({"p": []});
        assert_eq!(differing_leaves(&old, &new), ["/p"]);
        let new = json!({"p": {"a": {"b": 1}}, "q": {}});
        assert_eq!(differing_leaves(&old, &new), ["/p/a/b", "/q"]);
        assert_eq!(differing_leaves(&json!(1), &json!(2)), [""]);
    }
}
