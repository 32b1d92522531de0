//! Shared readings of option values (RULES.md §4).

/// `http[s]://localhost|127.0.0.1:<port 1–65535>[/]`, after trimming.
pub fn is_localhost_uri(uri: &str) -> bool {
    let uri = uri.trim();
    let Some((scheme, rest)) = uri.split_once("://") else {
        return false;
    };
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return false;
    }
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let Some((host, port)) = rest.split_once(':') else {
        return false;
    };
    let host_ok = host.eq_ignore_ascii_case("localhost") || host == "127.0.0.1";
    let port_ok = !port.is_empty()
        && port.bytes().all(|b| b.is_ascii_digit())
        && port
            .trim_start_matches('0')
            .parse::<u32>()
            .is_ok_and(|p| (1..=65535).contains(&p));
    host_ok && port_ok
}

/// The scheme of a URI (lower-cased), when it has one of the form `scheme://`.
pub fn uri_scheme(uri: &str) -> Option<String> {
    let (scheme, _) = uri.trim().split_once("://")?;
    Some(scheme.to_ascii_lowercase())
}

/// A dotted IPv4 address, an IPv6 address (bare or bracketed, with or without a port), or
/// anything else with a `:` (a port). A trailing-dot FQDN is neither.
pub fn is_ip_literal_or_port(value: &str) -> bool {
    let v = value.trim();
    v.contains(':') || is_dotted_ipv4(v)
}

/// Four dot-separated decimal parts of at most three digits, each 0–255 (leading zeros allowed).
pub fn is_dotted_ipv4(v: &str) -> bool {
    let parts: Vec<&str> = v.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// A host name compared with an `external-contact`: trimmed, lower-cased, one trailing dot
/// dropped.
pub fn normalise_host(value: &str) -> String {
    let v = value.trim().to_lowercase();
    match v.strip_suffix('.') {
        Some(s) => s.to_string(),
        None => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localhost_form() {
        for ok in [
            "https://localhost:8000",
            "http://127.0.0.1:8000/",
            " HTTPS://LOCALHOST:08000 ",
            "https://localhost:443",
            "http://localhost:80",
            "https://localhost:65535",
        ] {
            assert!(is_localhost_uri(ok), "{ok}");
        }
        for bad in [
            "https://localhost",
            "https://localhost/",
            "https://localhost:0",
            "https://localhost:65536",
            "https://localhost:8000//",
            "https://localhost:8000/x",
            "https://localhost:8000?x=1",
            "https://user@localhost:8000",
            "ws://localhost:8000",
            "https://127.0.0.2:8000",
            "https://localhost:80a",
            "https://localhost:+80",
            "",
        ] {
            assert!(!is_localhost_uri(bad), "{bad}");
        }
    }

    #[test]
    fn ip_literal_or_port() {
        for yes in [
            "10.0.0.1",
            "10.0.0.1:5060",
            "2001:db8::10",
            "[2001:db8::10]",
            "[2001:db8::10]:5060",
            "sip.example.com:5060",
        ] {
            assert!(is_ip_literal_or_port(yes), "{yes}");
        }
        for no in [
            "sip.example.com",
            "sip.example.com.",
            "10.0.0.1.",
            "1.2.3",
            "256.1.1.1",
            "",
        ] {
            assert!(!is_ip_literal_or_port(no), "{no}");
        }
    }

    #[test]
    fn host_normalisation() {
        assert_eq!(normalise_host(" SIP.Example.com. "), "sip.example.com");
        assert_eq!(normalise_host("a.."), "a.");
    }
}
