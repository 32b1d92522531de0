//! Reading snapshots and loose response files (SNAPSHOT.md §1–2).

use super::{Body, FORMAT_VERSION, GwsConfig, Response, Snapshot, SourceInfo};
use anyhow::{Context, Result, anyhow, bail};
use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// The largest decompressed gzip we read: beyond it the file is refused as a likely bomb.
pub const MAX_DECOMPRESSED_BYTES: u64 = 1 << 30;
/// The largest plain file we read, checked before reading it (a sparse 4 GiB file would
/// otherwise cost 4 GiB of memory before any check).
pub const MAX_FILE_BYTES: u64 = 1 << 30;

pub const DEMO_LABEL: &str = "demo";
const DEMO_JSON: &[u8] = include_bytes!("../../examples/demo.json");

/// The built-in demo snapshot.
pub fn demo() -> Result<Snapshot> {
    from_bytes(DEMO_JSON.to_vec(), DEMO_LABEL)
}

/// Opens a snapshot file, a loose response file, or a directory of loose files.
pub fn load(path: &Path) -> Result<Snapshot> {
    let label = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| anyhow!("{label}: {}", io_reason(&e)))?;
    if meta.is_dir() {
        return super::loose::load_dir(path);
    }
    let bytes = read_file_bytes(path)?;
    from_bytes(bytes, &label)
}

/// Reads a regular file (or a link to one), gunzipping it when it starts with the gzip magic.
pub fn read_file_bytes(path: &Path) -> Result<Vec<u8>> {
    let label = path.display();
    let meta = std::fs::metadata(path).map_err(|e| anyhow!("{label}: {}", io_reason(&e)))?;
    if !meta.is_file() {
        bail!("{label}: not a regular file");
    }
    if meta.len() > MAX_FILE_BYTES {
        bail!(
            "{label}: the file holds {} MiB, more than the {} MiB gwsx reads",
            meta.len() >> 20,
            MAX_FILE_BYTES >> 20
        );
    }
    let mut file = File::open(path).map_err(|e| anyhow!("{label}: {}", io_reason(&e)))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow while it is read: never read more than the cap.
    (&mut file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow!("{label}: {}", io_reason(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        bail!(
            "{label}: the file grew past the {} MiB gwsx reads",
            MAX_FILE_BYTES >> 20
        );
    }
    gunzip_if_needed(bytes).with_context(|| label.to_string())
}

fn gunzip_if_needed(bytes: Vec<u8>) -> Result<Vec<u8>> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let mut out = Vec::new();
    let decoder = flate2::read::MultiGzDecoder::new(bytes.as_slice());
    decoder
        .take(MAX_DECOMPRESSED_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| anyhow!("corrupt gzip data: {e}"))?;
    if out.len() as u64 > MAX_DECOMPRESSED_BYTES {
        bail!(
            "gzip expands beyond {} MiB; refused as a likely decompression bomb",
            MAX_DECOMPRESSED_BYTES >> 20
        );
    }
    Ok(out)
}

pub(super) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Decodes UTF-8 (dropping a byte-order mark), naming the line and column of a bad byte.
pub(super) fn decode_text(bytes: Vec<u8>, label: &str) -> Result<String> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let (line, col) = line_col(&bytes[..valid], valid);
            bail!("{label}:{line}:{col}: not valid UTF-8 text")
        }
    }
}

/// 1-based line and column of byte `offset` in `text`.
pub(super) fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, offset - line_start + 1)
}

/// A clear one-line message for a JSON syntax or shape error.
pub(crate) fn json_error(label: &str, e: &serde_json::Error) -> anyhow::Error {
    let what = match e.classify() {
        serde_json::error::Category::Eof => {
            "unexpected end of file: the JSON is truncated".to_string()
        }
        _ => {
            let m = strip_position(&e.to_string());
            if m == "expected ident" || m == "expected value" {
                format!("not valid JSON ({m})")
            } else {
                m
            }
        }
    };
    anyhow!("{label}:{}:{}: {what}", e.line(), e.column())
}

/// serde_json appends " at line L column C"; we print the position in front instead.
pub fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Parses a snapshot or a single loose response body.
pub fn from_bytes(bytes: Vec<u8>, label: &str) -> Result<Snapshot> {
    let bytes = gunzip_if_needed(bytes).with_context(|| label.to_string())?;
    // Shared: every body is a part of this text (`Body`).
    let text = Arc::new(decode_text(bytes, label)?);
    let top = parse_top_object(&text, label).map_err(|e| {
        // Say what a file that is not JSON looks like: an HTML login page, the CSRF text.
        match super::loose::looks_like(&text, label) {
            Some(what) => anyhow!("{e:#}; it looks like {what}"),
            None => e,
        }
    })?;
    if top.get("gwsxSnapshot").is_some() {
        parse_snapshot(&text, &top, label)
    } else {
        let mut snapshot = Snapshot {
            label: label.to_string(),
            ..Snapshot::default()
        };
        let response = super::loose::recognise(&top)
            .ok()
            .and_then(|resource| super::loose::response_of(&text, resource, label));
        match response {
            Some(response) => snapshot.responses.push(response),
            None => {
                let what = super::loose::recognise(&top)
                    .err()
                    .map_or(String::new(), |n| format!(": {}", n.description));
                bail!(
                    "{label}: neither a gwsx snapshot (no \"gwsxSnapshot\" key) nor a GWS response body with a known envelope key{what}"
                )
            }
        }
        Ok(snapshot)
    }
}

/// A JSON object's members in file order, values left unparsed.
pub(crate) struct RawObject<'a> {
    pub members: Vec<(String, &'a RawValue)>,
    /// The members of a top-level `responses` object, read in the same pass; `Err` names
    /// the JSON type it had instead.
    pub responses: Option<Result<Vec<(String, &'a RawValue)>, &'static str>>,
}

impl<'a> RawObject<'a> {
    pub fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for RawObject<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = RawObject<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut members: Vec<(String, &'a RawValue)> = Vec::new();
                let mut responses = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "responses" && responses.is_none() {
                        responses = Some(map.next_value::<Members<'a>>()?.0);
                        continue;
                    }
                    let value: &'a RawValue = map.next_value()?;
                    // The first of a repeated key wins, as with every other duplicate.
                    if !members.iter().any(|(k, _)| *k == key) {
                        members.push((key, value));
                    }
                }
                Ok(RawObject { members, responses })
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// The deepest nesting a snapshot may have; real GWS bodies stay below 12.
pub const MAX_DEPTH: usize = 128;

/// Refuses nesting deeper than `MAX_DEPTH` before any parser sees it, so no value is
/// skipped or parsed unboundedly deep.
fn check_depth(text: &str, label: &str) -> Result<()> {
    if let Some(offset) = first_too_deep(text, MAX_DEPTH) {
        let (line, col) = line_col(text.as_bytes(), offset);
        bail!(
            "{label}:{line}:{col}: JSON nesting deeper than {MAX_DEPTH} levels (recursion limit)"
        );
    }
    Ok(())
}

/// Where `text` first nests deeper than `max` levels (the offset of that bracket), counting
/// brackets outside strings; `None` when it never does. The reader's check, and the live
/// client's, of what the reader would refuse.
pub fn first_too_deep(text: &str, max: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // Skip the string: find its closing quote, stepping over escapes.
                i += 1;
                loop {
                    // An escape at the very end steps past the text: nothing is left to check.
                    let rest = bytes.get(i..).unwrap_or_default();
                    match memchr::memchr2(b'"', b'\\', rest) {
                        None => return None,
                        Some(n) if bytes.get(i + n) == Some(&b'\\') => i += n + 2,
                        Some(n) => {
                            i += n;
                            break;
                        }
                    }
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// An object's members with values left raw, or the JSON type found instead of an object.
struct Members<'a>(Result<Vec<(String, &'a RawValue)>, &'static str>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, SeqAccess};
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Members<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut members: Vec<(String, &'a RawValue)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: &'a RawValue = map.next_value()?;
                    if !members.iter().any(|(k, _)| *k == key) {
                        members.push((key, value));
                    }
                }
                Ok(Members(Ok(members)))
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Members(Err("an array")))
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(Members(Err("a string")))
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Members(Err("a bool")))
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Members(Err("a number")))
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Members(Err("a number")))
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Members(Err("a number")))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(Members(Err("null")))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

pub(super) fn parse_top_object<'a>(text: &'a str, label: &str) -> Result<RawObject<'a>> {
    let first = text.trim_start().chars().next();
    match first {
        None => bail!("{label}: the file is empty"),
        Some('{') => {}
        Some('[') => bail!("{label}: the top-level JSON value is an array; expected an object"),
        Some(_) => {
            // Not an object: let serde say whether it is JSON at all.
            if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
                return Err(json_error(label, &e));
            }
            bail!("{label}: the top-level JSON value is not an object")
        }
    }
    // The depth check and the raw parse each read the whole text: run them side by side.
    let (depth, parsed) = std::thread::scope(|scope| {
        let depth = scope.spawn(|| check_depth(text, label));
        let parsed = serde_json::from_str::<RawObject>(text).map_err(|e| json_error(label, &e));
        (depth.join(), parsed)
    });
    match depth {
        Ok(checked) => checked?,
        Err(_) => bail!("{label}: internal error while checking JSON nesting"),
    }
    parsed
}

fn offset_of(text: &str, raw: &RawValue) -> usize {
    (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

fn position_of(text: &str, raw: &RawValue) -> (usize, usize) {
    line_col(text.as_bytes(), offset_of(text, raw))
}

/// Line and column of each offset (ascending), in one pass over the text.
fn line_cols(text: &[u8], offsets: &[usize]) -> Vec<(usize, usize)> {
    let (mut line, mut line_start, mut pos) = (1, 0, 0);
    offsets
        .iter()
        .map(|&offset| {
            let offset = offset.min(text.len()).max(pos);
            for nl in memchr::memchr_iter(b'\n', &text[pos..offset]) {
                line += 1;
                line_start = pos + nl + 1;
            }
            pos = offset;
            (line, offset - line_start + 1)
        })
        .collect()
}

fn parse_snapshot(text: &Arc<String>, top: &RawObject, label: &str) -> Result<Snapshot> {
    let file: Arc<str> = Arc::from(label);
    let field_error = |raw: &RawValue, what: &str| {
        let (line, col) = position_of(text, raw);
        anyhow!("{label}:{line}:{col}: {what}")
    };
    let version_raw = top
        .get("gwsxSnapshot")
        .ok_or_else(|| anyhow!("{label}: no gwsxSnapshot"))?;
    match serde_json::from_str::<serde_json::Value>(version_raw.get()) {
        Ok(serde_json::Value::Number(n)) if n.as_u64() == Some(FORMAT_VERSION) => {}
        Ok(serde_json::Value::Number(n)) if n.as_u64().is_some_and(|v| v > FORMAT_VERSION) => {
            return Err(field_error(
                version_raw,
                &format!(
                    "snapshot format version {n} is newer than this gwsx reads (version {FORMAT_VERSION}); upgrade gwsx"
                ),
            ));
        }
        _ => {
            return Err(field_error(
                version_raw,
                &format!(
                    "gwsxSnapshot must be the integer {FORMAT_VERSION}, found {}",
                    version_raw.get()
                ),
            ));
        }
    }
    let mut snapshot = Snapshot {
        label: label.to_string(),
        ..Snapshot::default()
    };
    if let Some(raw) = top.get("capturedAt") {
        snapshot.captured_at = serde_json::from_str::<Option<String>>(raw.get())
            .map_err(|_| field_error(raw, "capturedAt must be a string"))?;
    }
    if let Some(raw) = top.get("source") {
        snapshot.source = parse_source(raw).map_err(|e| field_error(raw, &e))?;
    }
    if let Some(raw) = top.get("gwsConfig") {
        if !(raw.get().starts_with('{') || raw.get() == "null") {
            return Err(field_error(raw, "gwsConfig must be a JSON object"));
        }
        snapshot.gws_config = serde_json::from_str::<Option<GwsConfig>>(raw.get())
            .map_err(|e| {
                field_error(
                    raw,
                    &format!("gwsConfig: {}", strip_position(&e.to_string())),
                )
            })?
            .unwrap_or_default();
    }
    let responses = match &top.responses {
        None => bail!("{label}: the snapshot has no \"responses\" object"),
        Some(Err(kind)) => bail!("{label}: \"responses\" must be a JSON object, not {kind}"),
        Some(Ok(members)) => members,
    };
    let offsets: Vec<usize> = responses
        .iter()
        .map(|(_, raw)| offset_of(text, raw))
        .collect();
    let positions = line_cols(text.as_bytes(), &offsets);
    for ((path, raw), (line, column)) in responses.iter().zip(positions) {
        snapshot.responses.push(Response {
            path: path.clone(),
            body: Body::within(text, raw.get()).unwrap_or_else(|| (*raw).to_owned().into()),
            file: Some(file.clone()),
            line,
            column,
        });
    }
    Ok(snapshot)
}

fn parse_source(raw: &RawValue) -> Result<SourceInfo, String> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Raw {
        base_url: Option<serde_json::Value>,
        gws_version: Option<serde_json::Value>,
        user: Option<serde_json::Value>,
    }
    let text = |v: Option<serde_json::Value>| match v {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Null) | None => None,
        Some(other) => Some(other.to_string()),
    };
    let parsed: Option<Raw> = serde_json::from_str(raw.get())
        .map_err(|e| format!("source: {}", strip_position(&e.to_string())))?;
    Ok(parsed
        .map(|r| SourceInfo {
            base_url: text(r.base_url),
            gws_version: text(r.gws_version),
            user: text(r.user),
        })
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every prefix of a text with escapes, strings and nesting: the depth check and the
    /// reader answer, never panic (a cut right after a backslash once stepped past the end).
    #[test]
    fn every_prefix_is_checked_without_panic() {
        let text =
            r#"{"gwsxSnapshot":1,"responses":{"/x":{"a":"q\"\\\u00e9","b":[[{"c":"\\"}]]}}}"#;
        for end in 0..=text.len() {
            if let Some(prefix) = text.get(..end) {
                let _ = check_depth(prefix, "p.json");
                let result = from_bytes(prefix.as_bytes().to_vec(), "p.json");
                if end < text.len() {
                    assert!(result.is_err(), "prefix of {end} bytes must not load");
                }
            }
        }
    }

    #[test]
    fn positions_are_found_in_one_pass() {
        let text = b"ab\ncd\n\nef";
        assert_eq!(
            line_cols(text, &[0, 4, 7, 9]),
            vec![(1, 1), (2, 2), (4, 1), (4, 3)]
        );
        assert_eq!(line_col(text, 4), (2, 2));
    }
}
