//! What a URL may hold and how it is shown: passwords in a URL are refused and never
//! echoed; origins decide which redirects are followed; plain `http://` with credentials to
//! another machine is worth a warning.

use anyhow::{Result, anyhow, bail};
use reqwest::Url;

/// What replaces a password wherever a URL is shown.
const HIDDEN: &str = "***";

/// Where the user info of `text` starts: after `scheme://`, or at 0 for a URL without a
/// scheme (`user:pw@host/api/v2`).
fn authority_start(text: &str) -> usize {
    match text.find("://") {
        Some(i)
            if i > 0
                && text[..i].starts_with(|c: char| c.is_ascii_alphabetic())
                && text[..i]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) =>
        {
            i + 3
        }
        _ => 0,
    }
}

/// The byte range of a password in `text` (`user:PASSWORD@host`), with or without a
/// scheme: from the first `:` of the user info to its last `@`, before any `?` or `#`.
/// Conservative: a `:` anywhere before an `@` counts, so a password holding `/` is found too.
fn password_range(text: &str) -> Option<(usize, usize)> {
    let start = authority_start(text);
    let rest = &text[start..];
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    let head = &rest[..end];
    let at = head.rfind('@')?;
    let colon = head[..at].find(':')?;
    Some((start + colon + 1, start + at))
}

/// Whether `text` holds a password in URL form (`user:pass@`, with or without a scheme).
pub fn has_password(text: &str) -> bool {
    password_range(text).is_some()
}

/// `text` with any password in URL form replaced by `***` (the user name is kept).
pub fn hide_password(text: &str) -> String {
    match password_range(text) {
        Some((from, to)) => format!("{}{HIDDEN}{}", &text[..from], &text[to..]),
        None => text.to_string(),
    }
}

/// Whether the URL's host is this machine (no proxy can reach it, nothing leaves it).
pub fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = host.parse::<std::net::IpAddr>() {
        return ip.is_loopback();
    }
    let name = host.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost")
}

/// Same scheme, host and port (the port a scheme implies counts as given).
pub fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme().eq_ignore_ascii_case(b.scheme())
        && a.host_str().map(str::to_ascii_lowercase) == b.host_str().map(str::to_ascii_lowercase)
        && a.port_or_known_default() == b.port_or_known_default()
}

/// The one-line warning when Basic credentials would cross the network unencrypted: a user
/// is given, the URL is plain `http://` and its host is not this machine.
pub fn plain_http_warning(base: &str, user: Option<&str>) -> Option<String> {
    user?;
    let url = Url::parse(base).ok()?;
    if !url.scheme().eq_ignore_ascii_case("http") || is_loopback(&url) {
        return None;
    }
    Some(format!(
        "{}: Basic credentials go over plain http:// to {}, readable by anyone on the path; use https://",
        hide_password(base),
        url.host_str().unwrap_or("the server")
    ))
}

/// Text from a server (a `Location` header) made safe for one line on a terminal: control
/// characters escaped as `\u{1b}`, a password hidden, at most `max` characters.
pub fn shown(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in hide_password(text).chars().enumerate() {
        if n >= max {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The base URL as given, minus one trailing slash. Refused: other schemes, credentials in
/// the URL (use `--user` and `GWSX_PASSWORD`; a password there, with or without a scheme,
/// is never shown), a query or a fragment.
pub fn parse_base_url(text: &str) -> Result<String> {
    let trimmed = text.trim();
    let base = trimmed.strip_suffix('/').unwrap_or(trimmed);
    if has_password(base) {
        bail!(
            "{}: credentials in the URL are not accepted (the password is not shown or used); use --user NAME and GWSX_PASSWORD",
            hide_password(base)
        );
    }
    let url = Url::parse(base).map_err(|e| anyhow!("{}: not a valid URL: {e}", redact(base)))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        bail!(
            "{}: live mode needs an http:// or https:// URL",
            redact(base)
        );
    }
    if !url.username().is_empty() || url.password().is_some() {
        bail!(
            "{}: credentials in the URL are not accepted; use --user NAME and GWSX_PASSWORD",
            redact(base)
        );
    }
    if url.query().is_some() || url.fragment().is_some() {
        bail!(
            "{}: the base URL must not have a query or a fragment (it ends in /api/v2)",
            redact(base)
        );
    }
    if url.host_str().is_none_or(str::is_empty) {
        bail!("{}: the URL has no host", redact(base));
    }
    Ok(base.to_string())
}

/// A URL for messages: any password hidden, and any user info a parser finds removed.
pub(super) fn redact(text: &str) -> String {
    let text = hide_password(text);
    match Url::parse(&text) {
        Ok(mut url) if !url.username().is_empty() || url.password().is_some() => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.to_string()
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(
            parse_base_url("http://h:8090/api/v2/").unwrap(),
            "http://h:8090/api/v2"
        );
        assert_eq!(
            parse_base_url("https://h/ctx/api/v2").unwrap(),
            "https://h/ctx/api/v2"
        );
        let err = parse_base_url("http://u:secret@h/api/v2")
            .unwrap_err()
            .to_string();
        assert!(err.contains("credentials in the URL"), "{err}");
        assert!(!err.contains("secret"), "{err}");
        assert!(parse_base_url("ftp://h/api/v2").is_err());
        assert!(parse_base_url("http://h/api/v2?x=1").is_err());
        assert!(parse_base_url("not a url").is_err());
    }

    #[test]
    fn passwords_with_or_without_a_scheme() {
        for (text, hidden) in [
            ("http://u:secret@h/api/v2", "http://u:***@h/api/v2"),
            ("https://u:p/w@h:8443/api/v2", "https://u:***@h:8443/api/v2"),
            ("user:pw@host/api/v2", "user:***@host/api/v2"),
            ("user:pw@host:8090/api/v2", "user:***@host:8090/api/v2"),
            ("u:a@b@host/api/v2", "u:***@host/api/v2"),
        ] {
            assert!(has_password(text), "{text}");
            assert_eq!(hide_password(text), hidden);
        }
        for text in [
            "http://h:8090/api/v2",
            "http://u@h/api/v2",
            "host:8090/api/v2",
            "./dumps/a@b.json",
            "customer.json.gz",
            "http://h/api/v2?x=a:b@c",
        ] {
            assert!(!has_password(text), "{text}");
            assert_eq!(hide_password(text), text);
        }
    }

    #[test]
    fn origins_and_loopback() {
        let u = |s: &str| Url::parse(s).unwrap();
        assert!(same_origin(&u("http://h/a"), &u("http://H:80/b")));
        assert!(!same_origin(&u("http://h/a"), &u("https://h/a")));
        assert!(!same_origin(&u("http://h:1/a"), &u("http://h:2/a")));
        assert!(!same_origin(&u("http://h/a"), &u("http://g/a")));
        assert!(is_loopback(&u("http://127.0.0.1:8090/api/v2")));
        assert!(is_loopback(&u("http://localhost/api/v2")));
        assert!(is_loopback(&u("http://[::1]:80/api/v2")));
        assert!(!is_loopback(&u("https://gws.example.com/api/v2")));
        assert!(!is_loopback(&u("http://10.0.0.1/api/v2")));
    }

    #[test]
    fn plain_http_warnings() {
        let w = plain_http_warning("http://gws.example.com/api/v2", Some("svc")).unwrap();
        assert!(
            w.contains("plain http://") && w.contains("gws.example.com"),
            "{w}"
        );
        assert_eq!(
            plain_http_warning("http://gws.example.com/api/v2", None),
            None
        );
        assert_eq!(
            plain_http_warning("https://gws.example.com/api/v2", Some("svc")),
            None
        );
        assert_eq!(
            plain_http_warning("http://127.0.0.1:8090/api/v2", Some("svc")),
            None
        );
        assert_eq!(
            plain_http_warning("http://localhost/api/v2", Some("svc")),
            None
        );
    }

    #[test]
    fn shown_escapes_controls() {
        assert_eq!(shown("http://e/\u{1b}[2J", 100), "http://e/\\u{1b}[2J");
        assert_eq!(shown("abcdef", 3), "abc…");
    }
}
