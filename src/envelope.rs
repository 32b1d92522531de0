//! The GWS failure envelope (`statusCode`, `statusMessage`, `platformCode`) and gwsx's own
//! record of a transport failure (`gwsxError`): the one module that reads them, for the
//! snapshot reader, the loose-file recogniser, the live client and the replay server
//! (SNAPSHOT.md §1, §3; research/gws-api.md §2.1).

use crate::model::lenient;
use serde::Deserialize;
use serde_json::value::RawValue;

/// The envelope fields of a body, each as text (a number or bool is taken as its text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Envelope {
    #[serde(deserialize_with = "lenient::text")]
    pub status_code: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub status_message: Option<String>,
    /// Read when it is a scalar, never an error: it says more about a failure, never
    /// whether a body is one.
    #[serde(deserialize_with = "scalar_text")]
    pub platform_code: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub gwsx_error: Option<String>,
}

/// Why a stored body is a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure<'a> {
    /// The request never got a GWS answer (`gwsxError`).
    Transport(&'a str),
    /// GWS answered with a non-zero `statusCode`.
    Status(i64),
    /// A `statusCode` that is not a number.
    BadCode(&'a str),
}

impl Envelope {
    /// The envelope of a body; `Err` when the body is not an object or a field holds an
    /// object or a list.
    pub fn read(body: &str) -> Result<Envelope, serde_json::Error> {
        // A derived struct would also read a list as its fields in order.
        if !body.trim_start().starts_with('{') {
            return Err(serde::de::Error::custom("not a JSON object"));
        }
        serde_json::from_str(body)
    }

    /// The envelope of an object already split into raw members (a field that is not a
    /// scalar is left out).
    pub fn of_members<'a>(get: impl Fn(&str) -> Option<&'a RawValue>) -> Envelope {
        let field = |key: &str| {
            get(key).and_then(|raw| {
                let mut de = serde_json::Deserializer::from_str(raw.get());
                lenient::text(&mut de).ok().flatten()
            })
        };
        Envelope {
            status_code: field("statusCode"),
            status_message: field("statusMessage"),
            platform_code: field("platformCode"),
            gwsx_error: field("gwsxError"),
        }
    }

    /// The field a key of a body fills, for a reader that walks the body once; `None` for
    /// a key that does not decide whether the body is a failure.
    pub fn slot(&mut self, key: &str) -> Option<&mut Option<String>> {
        match key {
            "statusCode" => Some(&mut self.status_code),
            "statusMessage" => Some(&mut self.status_message),
            "gwsxError" => Some(&mut self.gwsx_error),
            _ => None,
        }
    }

    /// `None` for a success: `statusCode` 0 (or `"0"`) or absent, and no `gwsxError`.
    pub fn failure(&self) -> Option<Failure<'_>> {
        if let Some(err) = &self.gwsx_error {
            return Some(Failure::Transport(err));
        }
        let code = self.status_code.as_deref()?;
        match lenient::parse_int(code) {
            Some(0) => None,
            Some(n) => Some(Failure::Status(n)),
            None => Some(Failure::BadCode(code)),
        }
    }

    /// A non-zero `statusCode` in words with its message: `statusCode 5: the account lacks
    /// permission (Forbidden)`.
    pub fn describe(&self, code: i64) -> String {
        describe_status(code, self.status_message.as_deref())
    }
}

/// The body gwsx stores for a request that got no GWS answer: `{"gwsxError": reason}`.
pub fn transport_failure_body(reason: &str) -> String {
    serde_json::json!({ "gwsxError": reason }).to_string()
}

/// A GWS failure envelope, as the replay server answers: `{"statusCode": N, "statusMessage": …}`.
pub fn failure_body(code: i64, message: &str) -> String {
    serde_json::json!({ "statusCode": code, "statusMessage": message }).to_string()
}

/// A scalar as its text; anything else (an object, a list, null) as absent.
fn scalar_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let raw = Box::<RawValue>::deserialize(d)?;
    let mut de = serde_json::Deserializer::from_str(raw.get());
    Ok(lenient::text(&mut de).ok().flatten())
}

/// A GWS statusCode in words (research/gws-api.md §2.1), with its message when it says more.
pub fn describe_status(code: i64, message: Option<&str>) -> String {
    let meaning = match code {
        20 => "authentication failed",
        3 | 5 => "the account lacks permission",
        6 => "not found",
        1 | 2 | 10 => "bad request",
        4 => "internal error in GWS or a back end",
        _ => "GWS error",
    };
    let message = match message.map(str::trim) {
        Some(m) if !m.is_empty() && !m.eq_ignore_ascii_case(meaning) => {
            let short: String = m
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(200)
                .collect();
            format!(" ({short})")
        }
        _ => String::new(),
    };
    format!("statusCode {code}: {meaning}{message}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_read_alike_in_every_form() {
        let read = |body: &str| Envelope::read(body).expect("an object");
        assert_eq!(read(r#"{"statusCode":0,"dns":[]}"#).failure(), None);
        assert_eq!(read(r#"{"statusCode":"0"}"#).failure(), None);
        assert_eq!(read(r#"{"dns":[]}"#).failure(), None);
        assert_eq!(
            read(r#"{"statusCode":"5"}"#).failure(),
            Some(Failure::Status(5))
        );
        assert_eq!(
            read(r#"{"statusCode":"x"}"#).failure(),
            Some(Failure::BadCode("x"))
        );
        assert_eq!(
            read(r#"{"gwsxError":"refused","statusCode":0}"#).failure(),
            Some(Failure::Transport("refused"))
        );
        let e =
            read(r#"{"statusCode":4,"statusMessage":"Platform exception","platformCode":"10"}"#);
        assert_eq!(e.platform_code.as_deref(), Some("10"));
        assert_eq!(
            e.describe(4),
            "statusCode 4: internal error in GWS or a back end (Platform exception)"
        );
        assert!(Envelope::read("[1]").is_err());
        assert!(Envelope::read(r#"{"statusCode":{"x":1}}"#).is_err());
    }
}
