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
            .with_context(|| format!("{}: cannot write the redacted body", response.path))?;
    }
    let mut mapping: Vec<MapEntry> = tokens.mapping.into_values().collect();
    mapping.sort_by(|a, b| {
        (a.kind, &a.pseudonym)
            .cmp(&(b.kind, &b.pseudonym))
            .then_with(|| a.original.cmp(&b.original))
    });
    Ok(Redacted { snapshot, mapping })
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
