//! Host names and addresses, pseudonymised so that every reading the rules make stays the
//! same (RULES.md §4): compared trimmed, lower-cased, one trailing dot dropped (GWS-307); an
//! IP literal or a port stays one, and a name stays a name (GWS-306, GWS-402).
//!
//! A value is split into its surrounding white space (kept), its core and one trailing dot
//! (kept). The rest, lower-cased (`n`), is mapped by a function that is one to one and gives
//! lower-case text of the same class:
//! - `localhost` and `127.0.0.1` stay;
//! - a dotted IPv4 address → one of 192.0.2.0/24, 198.51.100.0/24 (203.0.113.0/24 after 508
//!   distinct addresses);
//! - an IPv6 address, bare or in brackets (with a port) → one of 2001:db8::/32;
//! - `name:port` (decimal port) → `<name>:port`, the name mapped as below;
//! - any other text with a `:` → `h-<token>.example:x` (still "carries a port");
//! - a name → `h-<token>.example` (a trailing dot of `n` kept).

use super::pseudonym::{Kind, Tokens};
use crate::audit::text::is_dotted_ipv4;
use anyhow::{Result, bail};
use std::net::Ipv6Addr;

/// IPv4 slots in the two documentation ranges the spec names, then TEST-NET-3.
const V4_PREFERRED: u32 = 508;
const V4_ALL: u32 = 762;

/// The pseudonym of a host value (white space, case of `localhost` and a trailing dot kept).
pub fn host(t: &mut Tokens, field: &str, value: &str) -> Result<String> {
    let (lead, core, trail) = super::pseudonym::split_space(value);
    if core.is_empty() {
        return Ok(value.to_string());
    }
    let lower = core.to_lowercase();
    let (n, dot) = match lower.strip_suffix('.') {
        Some(s) => (s, "."),
        None => (lower.as_str(), ""),
    };
    if n == "localhost" || n == "127.0.0.1" {
        return Ok(value.to_string());
    }
    let mapped = map(t, n)?;
    t.record(&mapped, n, Kind::Host, field);
    Ok(format!("{lead}{mapped}{dot}{trail}"))
}

/// The one-to-one map of a normalised host value (lower case, no trailing dot of its own).
fn map(t: &mut Tokens, n: &str) -> Result<String> {
    if n.is_empty() {
        return Ok(String::new());
    }
    if is_dotted_ipv4(n) {
        return ipv4(t, n);
    }
    if n.parse::<Ipv6Addr>().is_ok() {
        return Ok(ipv6(t, n));
    }
    if let Some(inner) = n.strip_prefix('[')
        && let Some((addr, after)) = inner.split_once(']')
        && addr.parse::<Ipv6Addr>().is_ok()
        && (after.is_empty() || after.strip_prefix(':').is_some_and(is_port))
    {
        return Ok(format!("[{}]{after}", ipv6(t, addr)));
    }
    if let Some((h, rest)) = n.split_once(':') {
        if is_port(rest) && !h.contains('[') {
            return Ok(format!("{}:{rest}", name(t, h)?));
        }
        let token = t.token("host", n);
        return Ok(format!("h-{token}.example:x"));
    }
    name(t, n)
}

fn is_port(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A host name or IPv4 address without a `:`.
fn name(t: &mut Tokens, h: &str) -> Result<String> {
    if h.is_empty() || h == "localhost" || h == "127.0.0.1" {
        return Ok(h.to_string());
    }
    if is_dotted_ipv4(h) {
        return ipv4(t, h);
    }
    let token = t.token("host", h);
    let dot = if h.ends_with('.') { "." } else { "" };
    Ok(format!("h-{token}.example{dot}"))
}

fn ipv4_slot(slot: u32) -> String {
    match slot {
        s if s < 254 => format!("192.0.2.{}", s + 1),
        s if s < V4_PREFERRED => format!("198.51.100.{}", s - 254 + 1),
        s => format!("203.0.113.{}", s - V4_PREFERRED + 1),
    }
}

/// Open addressing from the HMAC's slot: deterministic for a given set of addresses.
fn ipv4(t: &mut Tokens, v: &str) -> Result<String> {
    if let Some(done) = t.cached("ipv4", v) {
        return Ok(done.clone());
    }
    let d = t.digest("ipv4", v);
    let start = u32::from_be_bytes([d[0], d[1], d[2], d[3]]);
    let probe = |range: u32, base: u32| (0..range).map(move |i| base + (start + i) % range);
    let free = probe(V4_PREFERRED, 0)
        .chain(probe(V4_ALL - V4_PREFERRED, V4_PREFERRED))
        .map(ipv4_slot)
        .find(|a| !t.taken_by_other("ipv4", a, v));
    let Some(addr) = free else {
        bail!(
            "more than {V4_ALL} distinct IPv4 addresses: the documentation ranges cannot hold them (try --keep-hosts)"
        );
    };
    t.remember("ipv4", v, &addr);
    Ok(addr)
}

/// 2001:db8: and 96 bits of the HMAC (a collision takes the next round's bits).
fn ipv6(t: &mut Tokens, v: &str) -> String {
    if let Some(done) = t.cached("ipv6", v) {
        return done.clone();
    }
    let mut round = 0u32;
    loop {
        let d = t.digest("ipv6", &format!("{v}\0{round}"));
        let seg = |i: usize| u16::from_be_bytes([d[2 * i], d[2 * i + 1]]);
        let addr = Ipv6Addr::new(
            0x2001,
            0x0db8,
            seg(0),
            seg(1),
            seg(2),
            seg(3),
            seg(4),
            seg(5),
        )
        .to_string();
        if !t.taken_by_other("ipv6", &addr, v) {
            t.remember("ipv6", v, &addr);
            return addr;
        }
        round += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::text::{is_ip_literal_or_port, normalise_host};
    use crate::redact::pseudonym::{KEY_LEN, Key};

    fn tokens() -> Tokens {
        Tokens::new(&Key::from_bytes([3; KEY_LEN]))
    }

    fn h(t: &mut Tokens, v: &str) -> String {
        host(t, "test", v).expect("host")
    }

    #[test]
    fn classes_are_kept() {
        let mut t = tokens();
        let cases = [
            "sip.corp.local",
            "sip.corp.local.",
            "SIP.Corp.Local:5060",
            "10.1.2.3",
            "10.1.2.3:5060",
            "10.1.2.3.",
            "2001:db8:1::10",
            "[fe80::1]",
            "[fe80::1]:5061",
            "sip:weird:thing",
            "a..",
            "  padded.host  ",
            "host:",
        ];
        for v in cases {
            let out = h(&mut t, v);
            assert_eq!(
                is_ip_literal_or_port(v),
                is_ip_literal_or_port(&out),
                "{v} → {out}"
            );
            assert_eq!(
                is_dotted_ipv4(v.trim()),
                is_dotted_ipv4(out.trim()),
                "{v} → {out}"
            );
            assert_eq!(out.trim().is_empty(), v.trim().is_empty());
            assert_eq!(
                out.len() - out.trim_start().len(),
                v.len() - v.trim_start().len()
            );
            assert_eq!(
                out.ends_with('.'),
                v.trim_end().ends_with('.'),
                "{v} → {out}"
            );
            assert!(!out.to_lowercase().contains("corp"), "{out}");
        }
    }

    #[test]
    fn fqdn_goes_under_example_with_dot_and_port() {
        let mut t = tokens();
        let a = h(&mut t, "sipcluster.corp.local");
        assert!(a.starts_with("h-") && a.ends_with(".example"), "{a}");
        let b = h(&mut t, "SIPCluster.corp.local.");
        assert_eq!(b, format!("{a}."));
        let c = h(&mut t, "sipcluster.corp.local:5060");
        assert_eq!(c, format!("{a}:5060"));
    }

    #[test]
    fn addresses_go_to_documentation_ranges() {
        let mut t = tokens();
        let v4 = h(&mut t, "10.20.30.40");
        assert!(
            v4.starts_with("192.0.2.") || v4.starts_with("198.51.100."),
            "{v4}"
        );
        let v6 = h(&mut t, "fd00::1234");
        assert!(v6.starts_with("2001:db8:"), "{v6}");
        let br = h(&mut t, "[FD00::1234]:5060");
        assert_eq!(br, format!("[{v6}]:5060"));
        assert_eq!(h(&mut t, "localhost"), "localhost");
        assert_eq!(h(&mut t, " LOCALHOST "), " LOCALHOST ");
        assert_eq!(h(&mut t, "127.0.0.1"), "127.0.0.1");
        assert_eq!(h(&mut t, ""), "");
    }

    #[test]
    fn equality_under_the_rules_comparison_is_kept_both_ways() {
        let mut t = tokens();
        let values = [
            "a.example.com",
            "A.EXAMPLE.COM.",
            " a.example.com ",
            "a.example.com..",
            "b.example.com",
            "a.example.com:5060",
            "A.example.com:5060.",
            "a.example.com:5061",
            "10.0.0.1",
            "10.0.0.1.",
            "010.0.0.1",
            "10.0.0.2",
            "2001:db8::1",
            "2001:DB8::1",
            "2001:db8:0::1",
            "[2001:db8::1]",
            "x:y:z",
            "X:Y:Z.",
        ];
        let out: Vec<String> = values.iter().map(|v| h(&mut t, v)).collect();
        for (i, a) in values.iter().enumerate() {
            for (j, b) in values.iter().enumerate() {
                assert_eq!(
                    normalise_host(a) == normalise_host(b),
                    normalise_host(&out[i]) == normalise_host(&out[j]),
                    "{a} vs {b}: {} vs {}",
                    out[i],
                    out[j]
                );
            }
        }
    }

    #[test]
    fn many_ipv4_addresses_stay_distinct() {
        let mut t = tokens();
        let mut seen = std::collections::HashSet::new();
        for i in 0..600u32 {
            let out = h(&mut t, &format!("10.0.{}.{}", i / 250, i % 250));
            assert!(is_dotted_ipv4(&out));
            assert!(seen.insert(out));
        }
        for i in 0..200u32 {
            if host(&mut t, "x", &format!("10.9.{}.{}", i / 250, i % 250)).is_err() {
                return;
            }
        }
        panic!("762 slots cannot hold 800 addresses");
    }
}
