//! `gwsx redact`: a snapshot safe to share. Personal and customer-identifying values are
//! replaced by keyed pseudonyms that keep everything the rules read, so every computed result
//! (agents, login IDs, effective options, findings, scores) stays the same (CLI.md).
//!
//! - [`pseudonym`]: the key, the HMAC tokens and the mapping table;
//! - [`host`]: host names and addresses, class by class;
//! - [`walk`]: which values of which bodies are replaced.

pub mod host;
pub mod pseudonym;
pub mod walk;

pub use pseudonym::{Key, Kind, MapEntry};

use crate::snapshot::{Resource, Snapshot};
use anyhow::{Context, Result};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Options {
    pub key: Key,
    /// Keep host names and addresses (the host of `source.baseUrl` is replaced anyway).
    pub keep_hosts: bool,
}

/// A redacted snapshot and its pseudonym → original table.
pub struct Redacted {
    pub snapshot: Snapshot,
    /// Sorted by kind, then pseudonym.
    pub mapping: Vec<MapEntry>,
}

/// Redacts `snapshot` (consumed: a 50,000-agent snapshot is not held twice).
pub fn redact(mut snapshot: Snapshot, opts: &Options) -> Result<Redacted> {
    let mut tokens = pseudonym::Tokens::new(&opts.key);
    let base_host = match snapshot.source.base_url.as_deref().and_then(url_host) {
        Some(h) => {
            let lower = h.to_ascii_lowercase();
            let to = host::host(&mut tokens, "source.baseUrl", &lower)?;
            (to != lower).then_some((lower, to))
        }
        None => None,
    };
    if let (Some(url), Some((from, to))) = (&mut snapshot.source.base_url, &base_host)
        && let Some(new) = walk::replace_host(url, from, to)
    {
        *url = new;
    }
    if let Some(user) = &mut snapshot.source.user {
        *user = tokens.text("user", "source.user", user);
    }
    let mut walk = walk::Walk {
        tokens: &mut tokens,
        keep_hosts: opts.keep_hosts,
        base_host,
    };
    for response in &mut snapshot.responses {
        let mut body: serde_json::Value = serde_json::from_str(response.body.get())
            .with_context(|| format!("{}: cannot redact this body", response.path))?;
        walk.body(Resource::from_path(&response.path), &mut body)?;
        response.body = serde_json::value::to_raw_value(&body)
            .with_context(|| format!("{}: cannot write the redacted body", response.path))?
            .into();
    }
    let mut mapping: Vec<MapEntry> = tokens.mapping.into_values().collect();
    mapping.sort_by(|a, b| {
        (a.kind, &a.pseudonym)
            .cmp(&(b.kind, &b.pseudonym))
            .then_with(|| a.original.cmp(&b.original))
    });
    Ok(Redacted { snapshot, mapping })
}

/// A replaced value that the output still holds in data it keeps (a place or group named
/// after an agent, an option value holding an e-mail address): the spec keeps those, so the
/// engineer is told to look before sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    pub original: String,
    pub field: String,
    /// The request path of the body (or `source`) that holds it.
    pub path: String,
}

/// The fields whose values identify a person or the customer on their own.
const IDENTIFYING: &[&str] = &[
    "userName",
    "emailAddress",
    "employeeID",
    "employeeId",
    "tenant name",
    "source.user",
];

/// Where the output still holds an identifying original (4+ characters, not only digits)
/// outside the pseudonyms: at most one per original, in output order.
pub fn leftovers(snapshot: &Snapshot, mapping: &[MapEntry]) -> Vec<Leftover> {
    let wanted: Vec<&MapEntry> = mapping
        .iter()
        .filter(|m| {
            m.kind == Kind::Text
                && IDENTIFYING.contains(&m.field.as_str())
                && m.original.chars().count() >= 4
                && !m.original.bytes().all(|b| b.is_ascii_digit())
        })
        .collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    // One-word originals (user names, e-mail addresses, employee IDs: nearly all) are looked up
    // by the words of the text; the few with white space (tenant names) by Aho-Corasick.
    let mut words: HashMap<String, usize> = HashMap::new();
    let mut spaced = Vec::new();
    for (i, m) in wanted.iter().enumerate() {
        if m.original.contains(char::is_whitespace) {
            spaced.push(i);
        } else {
            words.entry(m.original.to_lowercase()).or_insert(i);
        }
    }
    let ac = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(spaced.iter().map(|&i| wanted[i].original.as_str()))
        .ok();
    let mut found = vec![false; wanted.len()];
    let mut out = Vec::new();
    let mut lower = String::new();
    let mut scan = |text: &str, path: &str| {
        let mut hit = |i: usize, out: &mut Vec<Leftover>| {
            if !found[i] {
                found[i] = true;
                out.push(Leftover {
                    original: wanted[i].original.clone(),
                    field: wanted[i].field.clone(),
                    path: path.to_string(),
                });
            }
        };
        for (start, end) in word_runs(text) {
            if inside_pseudonym(text, start, end) {
                continue;
            }
            // Every run of whole pieces between `.`, `@` and `-`: `jdoe` in `agent.jdoe`.
            let run = &text[start..end];
            let mut cuts = vec![0];
            cuts.extend(
                run.match_indices(['.', '@', '-'])
                    .flat_map(|(i, _)| [i, i + 1])
                    .take(16),
            );
            cuts.push(run.len());
            for a in (0..cuts.len()).step_by(2) {
                for b in (a + 1..cuts.len()).step_by(2) {
                    let piece = &run[cuts[a]..cuts[b]];
                    if piece.len() < 4 {
                        continue;
                    }
                    lower.clear();
                    lower.extend(piece.chars().flat_map(char::to_lowercase));
                    if let Some(&i) = words.get(lower.as_str()) {
                        hit(i, &mut out);
                    }
                }
            }
        }
        if let Some(ac) = &ac {
            for m in ac.find_overlapping_iter(text) {
                if !inside_word(text, m.start(), m.end()) {
                    hit(spaced[m.pattern().as_usize()], &mut out);
                }
            }
        }
    };
    let src = &snapshot.source;
    for v in [&src.base_url, &src.gws_version, &src.user]
        .into_iter()
        .flatten()
    {
        scan(v, "source");
    }
    for r in &snapshot.responses {
        scan(r.body.get(), &r.path);
    }
    out
}

/// The maximal runs of letters, digits, `.`, `@` and `-` (`_` and everything else split).
fn word_runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let part = |c: u8| c.is_ascii_alphanumeric() || c >= 0x80 || matches!(c, b'.' | b'@' | b'-');
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && !part(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        while i < b.len() && part(b[i]) {
            i += 1;
        }
        Some((start, i))
    })
}

/// Whether `start..end` of `text` is part of a longer word (`Environment` in
/// `voiceEnvironments`): a letter or digit right before or after it.
fn inside_word(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c >= 0x80;
    (start > 0 && word(b[start - 1])) || b.get(end).is_some_and(|&c| word(c))
}

/// Whether `start..end` of `text` lies in a pseudonym (`user-<base32>`, `h-<base32>.example`).
fn inside_pseudonym(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let token = |c: u8| c.is_ascii_alphanumeric() || c == b'-';
    let mut s = start;
    while s > 0 && token(b[s - 1]) {
        s -= 1;
    }
    let mut e = end;
    while e < b.len() && token(b[e]) {
        e += 1;
    }
    let word = text.get(s..e).unwrap_or("");
    let Some((prefix, rest)) = word.split_once('-') else {
        return false;
    };
    [
        "user", "first", "last", "mail", "emp", "ext", "val", "tenant", "h",
    ]
    .contains(&prefix)
        && rest.len() >= pseudonym::TOKEN_CHARS
        && rest
            .bytes()
            .all(|c| c.is_ascii_lowercase() || (b'2'..=b'7').contains(&c))
}

/// The host of a URL (`https://user@Host:8443/x` → `Host`; IPv6 keeps its brackets).
pub fn url_host(url: &str) -> Option<&str> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let hostport = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if hostport.starts_with('[') {
        hostport.get(..=hostport.find(']')?)?
    } else {
        match hostport.rsplit_once(':') {
            Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
            _ => hostport,
        }
    };
    (!host.is_empty()).then_some(host)
}

/// The mapping table as RFC 4180 CSV: `pseudonym,original,kind,field`.
pub fn mapping_csv(mapping: &[MapEntry]) -> String {
    let cell = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from("pseudonym,original,kind,field\n");
    for m in mapping {
        out.push_str(&format!(
            "{},{},{},{}\n",
            cell(&m.pseudonym),
            cell(&m.original),
            m.kind.as_str(),
            cell(&m.field)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_urls() {
        assert_eq!(
            url_host("https://gws.example.com/api/v2"),
            Some("gws.example.com")
        );
        assert_eq!(url_host("http://u@GWS:8090/api/v2"), Some("GWS"));
        assert_eq!(url_host("https://[fd00::1]:8443/api/v2"), Some("[fd00::1]"));
        assert_eq!(url_host("https:///x"), None);
    }

    #[test]
    fn leftovers_name_kept_data_that_holds_an_original() {
        let text = r#"{"gwsxSnapshot": 1, "source": {"user": "svc-audit"}, "responses": {
            "/platform/configuration/persons": {"statusCode": 0, "persons": [
                {"DBID": "101", "userName": "jdoe.smith", "isAgent": "2"}]},
            "/platform/configuration/places": {"statusCode": 0, "places": [
                {"DBID": "1", "name": "Place_JDoe.Smith", "DNDBIDs": []}]}}}"#;
        let snap = crate::snapshot::from_bytes(text.as_bytes().to_vec(), "t").expect("load");
        let red = redact(
            snap,
            &Options {
                key: Key::from_bytes([1; 32]),
                keep_hosts: false,
            },
        )
        .expect("redact");
        let left = leftovers(&red.snapshot, &red.mapping);
        assert_eq!(left.len(), 1, "{left:?}");
        assert_eq!(left[0].original, "jdoe.smith");
        assert_eq!(left[0].path, "/platform/configuration/places");

        // A piece of a dotted name, a name with spaces; never a part of a longer word.
        let text = r#"{"gwsxSnapshot": 1, "responses": {
            "/platform/configuration/tenants": {"statusCode": 0, "tenants": [
                {"DBID": "1", "name": "Nordlicht Versicherung"}, {"DBID": "2", "name": "Environment"}]},
            "/platform/configuration/persons": {"statusCode": 0, "persons": [
                {"DBID": "101", "userName": "jdoe", "isAgent": "2"}]},
            "/platform/configuration/dns": {"statusCode": 0, "dns": [
                {"DBID": "1", "number": "agent.jdoe", "name": "nordlicht versicherung hotline"}]},
            "/genesys-environments?fields=*": {"statusCode": 0, "genesysEnvironments": []}}}"#;
        let snap = crate::snapshot::from_bytes(text.as_bytes().to_vec(), "t").expect("load");
        let red = redact(
            snap,
            &Options {
                key: Key::from_bytes([1; 32]),
                keep_hosts: false,
            },
        )
        .expect("redact");
        let mut left: Vec<String> = leftovers(&red.snapshot, &red.mapping)
            .into_iter()
            .map(|l| l.original)
            .collect();
        left.sort();
        assert_eq!(left, ["Nordlicht Versicherung", "jdoe"]);
    }

    #[test]
    fn csv_quotes() {
        let rows = [MapEntry {
            pseudonym: "user-abc".into(),
            original: "O\"Brien, J".into(),
            kind: Kind::Text,
            field: "userName".into(),
        }];
        assert_eq!(
            mapping_csv(&rows),
            "pseudonym,original,kind,field\nuser-abc,\"O\"\"Brien, J\",text,userName\n"
        );
    }
}
