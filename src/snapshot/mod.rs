//! The snapshot: raw GWS responses keyed by request path (spec/SNAPSHOT.md).
//! Everything downstream reads a `Snapshot`, never knowing whether it was fetched,
//! read from a file, or built in.

mod config;
mod loose;
mod read;
mod resource;
mod write;

pub use config::{GwsConfig, SoftphoneMode, parse_bool_text, read_gws_config_yaml};
pub use read::{
    DEMO_LABEL, demo, from_bytes, load, read_file_bytes, strip_position as strip_json_position,
};
pub use read::{MAX_DEPTH, first_too_deep};
pub use resource::Resource;
pub use write::{Cancelled, check_output_target, is_cancelled, write_atomic_cancellable};
pub use write::{to_json_string, write_atomic, write_bytes_atomic};

use serde_json::value::RawValue;
use std::sync::Arc;

/// The snapshot format version this build reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// Where and by whom a snapshot was taken (`source` in the file). Never holds a password.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceInfo {
    pub base_url: Option<String>,
    pub gws_version: Option<String>,
    pub user: Option<String>,
}

/// A response body, valid JSON exactly as stored: a part of the text of the file it was read
/// from, which all the bodies of that file share (a 50,000-agent snapshot is then in memory
/// once, not once as the file and again as its bodies), or text of its own.
#[derive(Clone)]
pub struct Body {
    text: Arc<String>,
    range: std::ops::Range<usize>,
}

impl Body {
    /// The body that `part`, a JSON value lying inside `text`, is; `None` when it does not
    /// lie inside it.
    pub(crate) fn within(text: &Arc<String>, part: &str) -> Option<Body> {
        let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
        let range = start..start.checked_add(part.len())?;
        text.get(range.clone())?;
        Some(Body {
            text: Arc::clone(text),
            range,
        })
    }

    /// The body's JSON text.
    pub fn get(&self) -> &str {
        // The range was checked against the text when the body was made.
        self.text.get(self.range.clone()).unwrap_or_default()
    }
}

impl From<Box<RawValue>> for Body {
    fn from(raw: Box<RawValue>) -> Body {
        let text = String::from(Box::<str>::from(raw));
        Body {
            range: 0..text.len(),
            text: Arc::new(text),
        }
    }
}

/// The body's bytes, for a buffer that shares them (`Bytes::from_owner`) instead of a copy.
impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        self.get().as_bytes()
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Body").field(&self.get()).finish()
    }
}

/// One stored response body, as GWS returned it.
#[derive(Debug, Clone)]
pub struct Response {
    /// Request path relative to the API base, query included (`/platform/configuration/dns`).
    pub path: String,
    /// The body exactly as stored.
    pub body: Body,
    /// The file it was read from, for error messages (`None` when fetched live).
    pub file: Option<Arc<str>>,
    /// 1-based line and column where the body starts in that file.
    pub line: usize,
    pub column: usize,
}

impl Response {
    /// A response that did not come from a file (live fetch, tests, generator).
    pub fn new(path: impl Into<String>, body: impl Into<Body>) -> Self {
        Response {
            path: path.into(),
            body: body.into(),
            file: None,
            line: 1,
            column: 1,
        }
    }

    /// Where an error at `line`/`column` inside this body is in its file, as `file:line:col`,
    /// or the request path when the body has no file.
    pub fn locate(&self, line: usize, column: usize) -> String {
        match &self.file {
            Some(file) => {
                let abs_line = self.line + line.saturating_sub(1);
                let abs_col = if line <= 1 {
                    self.column + column.saturating_sub(1)
                } else {
                    column
                };
                format!("{file}:{abs_line}:{abs_col}")
            }
            None => format!("{} (line {line}, column {column})", self.path),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub captured_at: Option<String>,
    pub source: SourceInfo,
    pub gws_config: GwsConfig,
    /// Responses in stored order; the first of a path wins.
    pub responses: Vec<Response>,
    /// What the user opened, for headers and messages (a file name, a URL or `demo`).
    pub label: String,
    /// What reading it skipped, one line each (files of a loose directory that are not
    /// bodies, duplicates): the CLI prints them, the TUI shows them.
    pub warnings: Vec<String>,
}

impl Snapshot {
    pub fn response(&self, path: &str) -> Option<&Response> {
        self.responses.iter().find(|r| r.path == path)
    }

    /// The stored response of a resource, if any.
    pub fn resource(&self, resource: Resource) -> Option<&Response> {
        self.response(resource.path())
    }

    /// Adds or replaces the response stored under `path`.
    pub fn set_response(&mut self, response: Response) {
        match self.responses.iter_mut().find(|r| r.path == response.path) {
            Some(slot) => *slot = response,
            None => self.responses.push(response),
        }
    }
}
