//! Loose files: single GWS response bodies saved with curl, alone or a folder of them
//! (SNAPSHOT.md §2). A support engineer's folder holds more than bodies, so every file is
//! recognised by what it holds, never by its name, and no single file can sink the load:
//! anything that is not a body is skipped with a warning that says what it looks like.

use super::read::{
    RawObject, decode_text, io_reason, json_error, line_col, parse_top_object, read_file_bytes,
};
use super::{Body, Resource, Response, Snapshot};
use anyhow::{Result, bail};
use serde_json::value::RawValue;
use std::path::Path;
use std::sync::Arc;

/// Skip warnings shown one by one; the rest are summarised by kind.
const MAX_SKIP_LINES: usize = 20;

/// What a file that is not a GWS body looks like, for the warning and the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Looks {
    Unreadable,
    CorruptGzip,
    NotUtf8,
    Empty,
    Html,
    PlainText,
    BrokenJson,
    NotAnObject,
    GaxExport,
    Snapshot,
    SavedFailure,
    OtherGwsBody,
    LinksOnly,
    SingleObject,
    SettingsNotOptions,
    Unknown,
    Duplicate,
}

impl Looks {
    /// The kind in a count: `2 HTML pages`.
    fn counted(self, n: usize) -> String {
        let (one, many) = match self {
            Looks::Unreadable => ("unreadable file", "unreadable files"),
            Looks::CorruptGzip => ("corrupt gzip", "corrupt gzips"),
            Looks::NotUtf8 => ("file not UTF-8", "files not UTF-8"),
            Looks::Empty => ("empty", "empty"),
            Looks::Html => ("HTML page", "HTML pages"),
            Looks::PlainText => ("plain text", "plain texts"),
            Looks::BrokenJson => ("broken JSON", "broken JSON"),
            Looks::NotAnObject => ("JSON value not an object", "JSON values not objects"),
            Looks::GaxExport => ("bare JSON array", "bare JSON arrays"),
            Looks::Snapshot => ("gwsx snapshot", "gwsx snapshots"),
            Looks::SavedFailure => ("saved failure", "saved failures"),
            Looks::OtherGwsBody => ("other GWS body", "other GWS bodies"),
            Looks::LinksOnly => ("list of links only", "lists of links only"),
            Looks::SingleObject => ("single object", "single objects"),
            Looks::SettingsNotOptions => (
                "settings body that is not the WWE options",
                "settings bodies that are not the WWE options",
            ),
            Looks::Unknown => ("unknown JSON object", "unknown JSON objects"),
            Looks::Duplicate => ("second body of a resource", "second bodies of a resource"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

/// A file that is not a GWS body: what it looks like, in words.
#[derive(Debug, Clone)]
pub struct NotABody {
    pub looks: Looks,
    pub description: String,
}

fn not_a_body(looks: Looks, description: impl Into<String>) -> NotABody {
    NotABody {
        looks,
        description: description.into(),
    }
}

/// The resource a parsed top-level object holds, or what it looks like instead.
pub(crate) fn recognise(top: &RawObject) -> Result<Resource, NotABody> {
    let keys: Vec<&str> = top.members.iter().map(|(k, _)| k.as_str()).collect();
    if top.get("gwsxSnapshot").is_some() {
        return Err(not_a_body(
            Looks::Snapshot,
            "a gwsx snapshot inside a directory of loose files",
        ));
    }
    if let Some(failure) = saved_failure(top) {
        return Err(not_a_body(Looks::SavedFailure, failure));
    }
    if let Some(resource) = Resource::recognise(keys.iter().copied()) {
        let key = keys
            .iter()
            .find(|k| resource.envelope_keys().contains(k))
            .copied()
            .unwrap_or("");
        if let Some(raw) = top.get(key) {
            if resource == Resource::Settings
                && let Some(why) = not_wwe_options(raw)
            {
                return Err(not_a_body(Looks::SettingsNotOptions, why));
            }
            if links_only(raw) {
                return Err(not_a_body(
                    Looks::LinksOnly,
                    format!(
                        "a list of links only under \"{key}\": saved without ?fields=*; save {} again with it",
                        resource.path()
                    ),
                ));
            }
        }
        return Ok(resource);
    }
    Err(other_body(top, &keys))
}

/// `{"statusCode": N≠0, ...}` or `{"gwsxError": ...}`: a request that failed, saved.
fn saved_failure(top: &RawObject) -> Option<String> {
    use crate::envelope::{Envelope, Failure};
    let envelope = Envelope::of_members(|key| top.get(key));
    let mut out = match envelope.failure()? {
        Failure::Transport(err) => {
            return Some(format!("a saved transport failure ({})", short(err, 120)));
        }
        Failure::Status(n) => format!("a saved failure: {}", envelope.describe(n)),
        Failure::BadCode(code) => format!("a saved failure: statusCode {code:?} is not a number"),
    };
    if let Some(platform) = &envelope.platform_code {
        out.push_str(&format!(", platformCode {}", short(platform, 20)));
    }
    Some(out)
}

/// A `settings` that is not the `{name, value}` list of `/settings/interaction-workspace`.
fn not_wwe_options(raw: &RawValue) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(raw.get()).ok()?;
    match value {
        serde_json::Value::Object(_) => Some(
            "a settings object (the /settings/general-settings body?), not the WWE options list of /settings/interaction-workspace".into(),
        ),
        serde_json::Value::Array(items) => {
            let group = |i: &serde_json::Value| {
                i.get("value").is_none() && (i.get("displayName").is_some() || i.get("key").is_some())
            };
            if !items.is_empty() && items.iter().all(group) {
                Some("the settings groups of /settings ({name, displayName, key}), not the WWE options of /settings/interaction-workspace".into())
            } else {
                None
            }
        }
        serde_json::Value::Null => None,
        _ => Some("a settings value that is not a list of {name, value}".into()),
    }
}

/// A non-empty list whose items are all strings: links, as GWS lists without `?fields=*`.
fn links_only(raw: &RawValue) -> bool {
    // The items stay raw: a persons list of 50,000 objects is not built into a value tree.
    match serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
        Ok(items) => !items.is_empty() && items.iter().all(|i| i.get().starts_with('"')),
        Err(_) => false,
    }
}

/// The single-object envelope keys GWS uses, with the list that holds them.
const SINGLE_OBJECTS: [(&str, &str, Option<Resource>); 14] = [
    ("person", "person", Some(Resource::Persons)),
    ("place", "place", Some(Resource::Places)),
    ("dn", "DN", Some(Resource::Dns)),
    ("switch", "switch", Some(Resource::Switches)),
    ("application", "application", Some(Resource::Applications)),
    ("tenant", "tenant", Some(Resource::Tenants)),
    ("agent-login", "agent login", Some(Resource::AgentLogins)),
    ("agentLogin", "agent login", Some(Resource::AgentLogins)),
    ("agent-group", "agent group", Some(Resource::AgentGroups)),
    ("agentGroup", "agent group", Some(Resource::AgentGroups)),
    ("skill", "skill", None),
    ("access-group", "access group", None),
    ("accessGroup", "access group", None),
    ("user", "user (the /me body)", None),
];

/// A GWS body of a resource gwsx does not read, or no GWS body at all.
fn other_body(top: &RawObject, keys: &[&str]) -> NotABody {
    for (key, what) in [
        ("users", "a /users list"),
        ("skills", "a /skills list"),
        ("access-groups", "an access-groups list"),
        ("accessGroups", "an access-groups list"),
    ] {
        if keys.contains(&key) {
            return not_a_body(
                Looks::OtherGwsBody,
                format!("{what}: not a resource gwsx reads"),
            );
        }
    }
    if keys.contains(&"user") && !keys.contains(&"person") {
        return not_a_body(
            Looks::OtherGwsBody,
            "the /me body (the signed-in user): not a resource gwsx reads",
        );
    }
    for key in ["uris", "paths"] {
        if keys.contains(&key) {
            return not_a_body(
                Looks::LinksOnly,
                format!("a list of links only (\"{key}\"): saved without ?fields=*"),
            );
        }
    }
    for (key, what, list) in SINGLE_OBJECTS {
        let Some(raw) = top.get(key) else {
            continue;
        };
        if !raw.get().starts_with('{') {
            continue;
        }
        let dbid = object_dbid(raw).map_or(String::new(), |d| format!(" (DBID {d})"));
        let advice = match list {
            Some(r) => format!(": save the whole list {}", r.path()),
            None => ": not a resource gwsx reads".into(),
        };
        return not_a_body(
            Looks::SingleObject,
            format!("a single {what}{dbid}{advice}"),
        );
    }
    let shown: Vec<&str> = keys.iter().take(8).copied().collect();
    not_a_body(
        Looks::Unknown,
        format!(
            "a JSON object with no known GWS envelope key (keys: {}{})",
            if shown.is_empty() {
                "none".to_string()
            } else {
                shown.join(", ")
            },
            if keys.len() > shown.len() {
                ", …"
            } else {
                ""
            }
        ),
    )
}

fn object_dbid(raw: &RawValue) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(raw.get()).ok()?;
    match value.get("DBID")? {
        serde_json::Value::String(s) => Some(short(s, 20)),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// At most `max` characters of one line, controls shown escaped.
fn short(text: &str, max: usize) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = one.chars().take(max).collect();
    let cut = if one.chars().count() > max {
        format!("{cut}…")
    } else {
        cut
    };
    cut.escape_debug().to_string()
}

/// What text that is not JSON looks like.
fn describe_text(text: &str, label: &str) -> NotABody {
    let trimmed = text.trim_start();
    let lower: String = trimmed
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    if trimmed.starts_with('<') {
        if lower.contains("<html") || lower.contains("<!doctype html") || lower.contains("<head") {
            let title = html_title(trimmed).map_or(String::new(), |t| format!(" (\"{t}\")"));
            return not_a_body(
                Looks::Html,
                format!("an HTML page{title}: a login or error page?"),
            );
        }
        return not_a_body(Looks::Html, "markup (XML or HTML), not JSON");
    }
    let starts_json = matches!(trimmed.as_bytes().first(), Some(b'{' | b'[' | b'"'))
        || trimmed.starts_with("true")
        || trimmed.starts_with("false")
        || trimmed.starts_with("null")
        || trimmed
            .as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii_digit() || *b == b'-');
    if !starts_json {
        let first = trimmed.lines().next().unwrap_or("");
        let hint = if first.to_ascii_lowercase().contains("csrf") {
            " (the 403 body of GWS's CSRF protection: the request lacked the X-CSRF-TOKEN header)"
        } else {
            ""
        };
        return not_a_body(
            Looks::PlainText,
            format!("plain text, not JSON: \"{}\"{hint}", short(first, 60)),
        );
    }
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Err(e) => not_a_body(Looks::BrokenJson, format!("{}", json_error(label, &e))),
        Ok(_) if trimmed.starts_with('[') => not_a_body(
            Looks::GaxExport,
            "a bare JSON array, not a GWS response body: a GAX export? gwsx reads the GWS API's bodies (curl .../api/v2/platform/configuration/persons)",
        ),
        Ok(_) => not_a_body(Looks::NotAnObject, "a JSON value that is not an object"),
    }
}

/// For a text that is not a JSON object: what it looks like, when that says more than the
/// parse error does (an HTML page, plain text, a bare array).
pub(crate) fn looks_like(text: &str, label: &str) -> Option<String> {
    if text.trim_start().starts_with('{') || text.trim().is_empty() {
        return None;
    }
    let not = describe_text(text, label);
    matches!(not.looks, Looks::Html | Looks::PlainText | Looks::GaxExport)
        .then_some(not.description)
}

fn html_title(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let start = lower.find("<title")?;
    let open_end = start + lower[start..].find('>')? + 1;
    let close = open_end + lower[open_end..].find("</title")?;
    let title = short(text.get(open_end..close)?, 60);
    (!title.is_empty()).then_some(title)
}

/// One loose file: its body as the response of its resource, or what it looks like.
pub(crate) fn read_loose_file(path: &Path, label: &str) -> Result<Response, NotABody> {
    let bytes = read_file_bytes(path).map_err(|e| {
        let text = format!("{e:#}");
        let looks = if text.contains("gzip") {
            Looks::CorruptGzip
        } else {
            Looks::Unreadable
        };
        not_a_body(looks, strip_label(&text, label))
    })?;
    let text = decode_text(bytes, label)
        .map_err(|e| not_a_body(Looks::NotUtf8, strip_label(&format!("{e:#}"), label)))?;
    let text = Arc::new(text);
    if text.trim().is_empty() {
        return Err(not_a_body(Looks::Empty, "an empty file"));
    }
    if !text.trim_start().starts_with('{') {
        return Err(describe_text(&text, label));
    }
    let top = parse_top_object(&text, label)
        .map_err(|e| not_a_body(Looks::BrokenJson, strip_label(&format!("{e:#}"), label)))?;
    let resource = recognise(&top)?;
    response_of(&text, resource, label)
        .ok_or_else(|| not_a_body(Looks::BrokenJson, "the body could not be kept"))
}

/// A message without the file name in front (the warning puts it there once).
fn strip_label(message: &str, label: &str) -> String {
    message
        .strip_prefix(label)
        .map(|m| m.trim_start_matches(':').trim_start().to_string())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| message.to_string())
}

/// A loose body becomes the response of the resource its envelope key names.
/// `text` was parsed as one JSON value.
pub(super) fn response_of(text: &Arc<String>, resource: Resource, label: &str) -> Option<Response> {
    let start = text.len() - text.trim_start().len();
    let (line, column) = line_col(text.as_bytes(), start);
    let body = Body::within(text, text.trim())?;
    Some(Response {
        path: resource.path().to_string(),
        body,
        file: Some(Arc::from(label)),
        line,
        column,
    })
}

/// A directory of loose files. Skipped files are named in `Snapshot::warnings`; a
/// directory in which nothing is recognised is refused in one line that says what was found.
pub(crate) fn load_dir(dir: &Path) -> Result<Snapshot> {
    let label = dir.display().to_string();
    let entries =
        std::fs::read_dir(dir).map_err(|e| anyhow::anyhow!("{label}: {}", io_reason(&e)))?;
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".json") || name.ends_with(".json.gz")
        })
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("{label}: the directory holds no *.json or *.json.gz files");
    }
    let mut snapshot = Snapshot {
        label: label.clone(),
        ..Snapshot::default()
    };
    let mut skipped: Vec<(String, NotABody)> = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for path in &files {
        let name = path.display().to_string();
        match read_loose_file(path, &name) {
            Ok(response) => {
                let Some(i) = seen.iter().position(|(p, _)| *p == response.path) else {
                    seen.push((response.path.clone(), name));
                    snapshot.responses.push(response);
                    continue;
                };
                // The first in file-name order wins, unless it cannot be read and this one can.
                let first = seen[i].1.clone();
                let usable = |r: &Response| {
                    Resource::from_path(&r.path).is_some_and(|res| crate::model::is_usable(res, r))
                };
                if !usable(&snapshot.responses[i]) && usable(&response) {
                    let why = format!(
                        "set aside: it cannot be read, and {name} holds a readable {}",
                        response.path
                    );
                    skipped.push((first, not_a_body(Looks::Duplicate, why)));
                    seen[i].1 = name;
                    snapshot.responses[i] = response;
                } else {
                    let why = format!("{first} already holds {}", response.path);
                    skipped.push((name, not_a_body(Looks::Duplicate, why)));
                }
            }
            Err(not) => skipped.push((name, not)),
        }
    }
    if snapshot.responses.is_empty() {
        bail!(
            "{label}: no GWS response body among {} file{}: {}",
            files.len(),
            if files.len() == 1 { "" } else { "s" },
            summary(&skipped, true)
        );
    }
    for (name, not) in skipped.iter().take(MAX_SKIP_LINES) {
        let line = if not.description.starts_with("set aside") {
            format!("{name}: {}", not.description)
        } else {
            format!("{name}: skipped: {}", not.description)
        };
        snapshot.warnings.push(line);
    }
    if skipped.len() > MAX_SKIP_LINES {
        let rest = &skipped[MAX_SKIP_LINES..];
        snapshot.warnings.push(format!(
            "{label}: {} more file{} skipped: {}",
            rest.len(),
            if rest.len() == 1 { "" } else { "s" },
            summary(rest, false)
        ));
    }
    Ok(snapshot)
}

/// `2 HTML pages (a.json, b.json), 1 empty (c.json)`: the kinds found, most first.
fn summary(skipped: &[(String, NotABody)], with_names: bool) -> String {
    let mut kinds: Vec<(Looks, Vec<&str>)> = Vec::new();
    for (name, not) in skipped {
        let short_name = Path::new(name)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(name);
        match kinds.iter_mut().find(|(k, _)| *k == not.looks) {
            Some((_, names)) => names.push(short_name),
            None => kinds.push((not.looks, vec![short_name])),
        }
    }
    kinds.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    kinds
        .iter()
        .map(|(looks, names)| {
            let mut part = looks.counted(names.len());
            if with_names {
                let shown: Vec<&str> = names.iter().take(2).copied().collect();
                let more = if names.len() > 2 { ", …" } else { "" };
                part.push_str(&format!(" ({}{more})", shown.join(", ")));
            }
            part
        })
        .collect::<Vec<_>>()
        .join(", ")
}
