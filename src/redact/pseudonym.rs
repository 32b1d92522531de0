//! Keys and pseudonyms: HMAC-SHA256 over a normalised value, keyed by a secret the engineer
//! keeps (`--key-file`), shown as a short base32 token that is unique within the output.

use anyhow::{Context, Result, anyhow, bail};
use aws_lc_rs::hmac;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// Bytes of secret in a key file (written as 64 hex digits).
pub const KEY_LEN: usize = 32;

/// Base32 characters shown by default: 60 bits, so two values of one snapshot share a token
/// with a chance of about n²/2⁶¹ (10⁻⁸ at 100,000 values); a collision is detected and the
/// later value gets more characters.
pub const TOKEN_CHARS: usize = 12;

/// The secret that drives the pseudonyms.
#[derive(Clone)]
pub struct Key {
    bytes: [u8; KEY_LEN],
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

impl Key {
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Key {
        Key { bytes }
    }

    /// A fresh key from the operating system's random source.
    pub fn random() -> Result<Key> {
        let mut bytes = [0u8; KEY_LEN];
        aws_lc_rs::rand::fill(&mut bytes)
            .map_err(|_| anyhow!("cannot read random bytes from the operating system"))?;
        Ok(Key { bytes })
    }

    /// The key file's text: 64 lower-case hex digits and a newline.
    pub fn to_hex(&self) -> String {
        let mut out: String = self.bytes.iter().map(|b| format!("{b:02x}")).collect();
        out.push('\n');
        out
    }

    /// Reads 64 hex digits (white space around them ignored).
    pub fn from_hex(text: &str) -> Option<Key> {
        let t = text.trim();
        if t.len() != KEY_LEN * 2 || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut bytes = [0u8; KEY_LEN];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = u8::from_str_radix(t.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(Key { bytes })
    }

    /// Reads the key file, or creates it with a random key (mode 0600) when it does not exist.
    /// Returns the key and whether it was created.
    pub fn load_or_create(path: &Path) -> Result<(Key, bool)> {
        let label = path.display();
        match std::fs::symlink_metadata(path) {
            Ok(meta) => {
                let meta = if meta.file_type().is_symlink() {
                    std::fs::metadata(path)
                        .with_context(|| format!("{label}: key file is a broken link"))?
                } else {
                    meta
                };
                if !meta.is_file() {
                    bail!("{label}: key file is not a regular file");
                }
                if meta.len() > 4096 {
                    bail!("{label}: not a gwsx key file (expected 64 hex digits)");
                }
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("{label}: cannot read the key file"))?;
                let key = Key::from_hex(&text).ok_or_else(|| {
                    anyhow!("{label}: not a gwsx key file (expected 64 hex digits)")
                })?;
                Ok((key, false))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = Key::random()?;
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                {
                    use std::os::unix::fs::OpenOptionsExt;
                    options.mode(0o600);
                }
                let mut file = options
                    .open(path)
                    .with_context(|| format!("{label}: cannot create the key file"))?;
                file.write_all(key.to_hex().as_bytes())
                    .and_then(|_| file.sync_all())
                    .with_context(|| format!("{label}: cannot write the key file"))?;
                Ok((key, true))
            }
            Err(e) => Err(anyhow!("{label}: cannot read the key file: {e}")),
        }
    }
}

/// What a pseudonym stands for, in the mapping table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A person's value, a tenant name or the account name: compared trimmed and exactly.
    Text,
    /// A host name or address: compared trimmed, lower-cased, one trailing dot dropped.
    Host,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Host => "host",
        }
    }
}

/// One row of the pseudonym → original table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MapEntry {
    pub pseudonym: String,
    pub original: String,
    pub kind: Kind,
    /// Where it was seen first (`userName`, `tenant name`, `sip-server-address`, …).
    pub field: String,
}

/// Keyed tokens, unique per domain: equal inputs give one token, different ones never share
/// one (a collision of the short form is resolved by taking more characters of the HMAC).
pub struct Tokens {
    key: hmac::Key,
    /// domain → normalised value → token.
    cache: HashMap<&'static str, HashMap<String, String>>,
    /// (domain, token) → normalised value, to detect collisions.
    taken: HashMap<(&'static str, String), String>,
    /// Pseudonym → (original, kind, field), for the mapping file.
    pub(crate) mapping: HashMap<String, MapEntry>,
}

impl Tokens {
    pub fn new(key: &Key) -> Tokens {
        Tokens {
            key: hmac::Key::new(hmac::HMAC_SHA256, &key.bytes),
            cache: HashMap::new(),
            taken: HashMap::new(),
            mapping: HashMap::new(),
        }
    }

    /// The HMAC of `value` in `domain` (domains never share an input: a NUL separates them).
    pub fn digest(&self, domain: &str, value: &str) -> [u8; 32] {
        let mut ctx = hmac::Context::with_key(&self.key);
        ctx.update(domain.as_bytes());
        ctx.update(&[0]);
        ctx.update(value.as_bytes());
        let tag = ctx.sign();
        let mut out = [0u8; 32];
        out.copy_from_slice(tag.as_ref());
        out
    }

    /// A lower-case base32 token for `value` in `domain`, unique within the domain.
    pub fn token(&mut self, domain: &'static str, value: &str) -> String {
        if let Some(t) = self.cached(domain, value) {
            return t.clone();
        }
        let mut round = 0u32;
        let token = loop {
            let input = if round == 0 {
                value.to_string()
            } else {
                format!("{value}\0{round}")
            };
            let full = base32(&self.digest(domain, &input));
            let found = (TOKEN_CHARS..=full.len()).find_map(|n| {
                let t = full.get(..n)?;
                match self.taken.get(&(domain, t.to_string())) {
                    None => Some(t.to_string()),
                    Some(v) if v == value => Some(t.to_string()),
                    Some(_) => None,
                }
            });
            match found {
                Some(t) => break t,
                None => round += 1,
            }
        };
        self.taken
            .insert((domain, token.clone()), value.to_string());
        self.cache
            .entry(domain)
            .or_default()
            .insert(value.to_string(), token.clone());
        token
    }

    /// What `value` was given in `domain` before, if anything.
    pub fn cached(&self, domain: &'static str, value: &str) -> Option<&String> {
        self.cache.get(domain)?.get(value)
    }

    /// Remembers `out` as `value`'s in `domain`, and marks it taken.
    pub fn remember(&mut self, domain: &'static str, value: &str, out: &str) {
        self.take(domain, out, value);
        self.cache
            .entry(domain)
            .or_default()
            .insert(value.to_string(), out.to_string());
    }

    /// Whether `token` is already taken in `domain` by a value other than `value`.
    pub fn taken_by_other(&self, domain: &'static str, token: &str, value: &str) -> bool {
        self.taken
            .get(&(domain, token.to_string()))
            .is_some_and(|v| v != value)
    }

    /// Marks `token` as `value`'s in `domain` (for tokens chosen outside [`Tokens::token`]).
    pub fn take(&mut self, domain: &'static str, token: &str, value: &str) {
        self.taken
            .insert((domain, token.to_string()), value.to_string());
    }

    /// Records a row of the mapping table (the first field that saw it is kept).
    pub fn record(&mut self, pseudonym: &str, original: &str, kind: Kind, field: &str) {
        if pseudonym == original || self.mapping.contains_key(pseudonym) {
            return;
        }
        self.mapping
            .entry(pseudonym.to_string())
            .or_insert_with(|| MapEntry {
                pseudonym: pseudonym.to_string(),
                original: original.to_string(),
                kind,
                field: field.to_string(),
            });
    }

    /// A value compared trimmed and exactly (person fields, tenant names, the account name):
    /// surrounding white space kept, empty stays empty, the trimmed core replaced by
    /// `<prefix>-<token>`.
    pub fn text(&mut self, prefix: &str, field: &str, value: &str) -> String {
        let (lead, core, trail) = split_space(value);
        if core.is_empty() {
            return value.to_string();
        }
        let token = self.token("text", core);
        let pseudonym = format!("{prefix}-{token}");
        self.record(&pseudonym, core, Kind::Text, field);
        format!("{lead}{pseudonym}{trail}")
    }
}

/// `(leading white space, core, trailing white space)`, as `str::trim` splits it.
pub fn split_space(value: &str) -> (&str, &str, &str) {
    let core = value.trim();
    let start = value.len() - value.trim_start().len();
    let end = start + core.len();
    (
        value.get(..start).unwrap_or(""),
        core,
        value.get(end..).unwrap_or(""),
    )
}

/// RFC 4648 base32, lower case, no padding.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens() -> Tokens {
        Tokens::new(&Key::from_bytes([7; KEY_LEN]))
    }

    #[test]
    fn base32_known_values() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "my");
        assert_eq!(base32(b"foobar"), "mzxw6ytboi");
    }

    #[test]
    fn key_hex_round_trip() {
        let key = Key::from_bytes([0xab; KEY_LEN]);
        let back = Key::from_hex(&key.to_hex()).map(|k| k.bytes);
        assert_eq!(back, Some([0xab; KEY_LEN]));
        assert!(Key::from_hex("abc").is_none());
        assert!(Key::from_hex(&"zz".repeat(KEY_LEN)).is_none());
    }

    #[test]
    fn text_keeps_space_and_empty() {
        let mut t = tokens();
        assert_eq!(t.text("emp", "employeeID", ""), "");
        assert_eq!(t.text("emp", "employeeID", "   "), "   ");
        let a = t.text("emp", "employeeID", " E1001 ");
        let b = t.text("emp", "employeeID", "E1001");
        assert!(a.starts_with(" emp-") && a.ends_with(' '), "{a}");
        assert_eq!(a.trim(), b);
        assert_ne!(t.text("emp", "employeeID", "e1001"), b, "case-sensitive");
        assert!(!b.contains("1001"));
    }

    #[test]
    fn same_key_same_token_other_key_other_token() {
        let mut a = tokens();
        let mut b = tokens();
        let mut c = Tokens::new(&Key::from_bytes([8; KEY_LEN]));
        assert_eq!(a.token("text", "jdoe"), b.token("text", "jdoe"));
        assert_ne!(a.token("text", "jdoe"), c.token("text", "jdoe"));
        assert_eq!(a.token("text", "jdoe").len(), TOKEN_CHARS);
    }

    #[test]
    fn collision_takes_more_characters() {
        let mut t = tokens();
        let real = t.token("text", "first");
        // Pretend another value already holds the short form of "second".
        let short = base32(&t.digest("text", "second"))[..TOKEN_CHARS].to_string();
        t.take("text", &short, "someone else");
        let second = t.token("text", "second");
        assert_eq!(second.len(), TOKEN_CHARS + 1);
        assert!(second.starts_with(&short));
        assert_ne!(real, second);
        // Deterministic: asked again, the same answer.
        assert_eq!(t.token("text", "second"), second);
    }
}
