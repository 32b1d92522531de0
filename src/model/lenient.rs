//! Lenient scalar readers: the Platform Configuration API sends every scalar as a string,
//! other sources send numbers or bools. `null` is always "absent".

use crate::intern::intern;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;
use std::sync::Arc;

/// Text: a string, or a number or bool taken as its text.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(TextVisitor(str::to_owned))
}

/// Text that repeats across objects (a DN's type): shared like option text (`intern`).
pub fn shared_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Arc<str>>, D::Error> {
    d.deserialize_any(TextVisitor(intern))
}

/// Reads a scalar as its text and makes `T` of it; `null` is `None`.
struct TextVisitor<T>(fn(&str) -> T);

impl<'de, T> Visitor<'de> for TextVisitor<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, number or bool")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some((self.0)(v)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some((self.0)(&v.to_string())))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some((self.0)(&v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some((self.0)(&v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some((self.0)(&v.to_string())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// Parses an integer written as text: trimmed, optional sign, decimal digits.
pub fn parse_int(s: &str) -> Option<i64> {
    s.trim().parse::<i64>().ok()
}

/// An integer: a number or a string holding one. A string that is not an integer is absent.
pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(int_any(d)?.flatten())
}

/// `Some(None)` for a present scalar that is not an integer, `None` for null.
fn int_any<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<Option<i64>>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an integer, or a string holding one")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(parse_int(v)))
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Some(None))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(Some(v)))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(i64::try_from(v).ok()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            let integral = v.fract() == 0.0 && v.abs() < 9.0e15;
            Ok(Some(integral.then_some(v as i64)))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

/// A Configuration Server flag: `"2"`/`2`/`true` is true, `"1"`/`1`/`false` is false.
/// Anything else is absent.
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(text(d)?.and_then(|t| parse_flag(&t)))
}

pub fn parse_flag(t: &str) -> Option<bool> {
    let t = t.trim();
    if t == "2" || t.eq_ignore_ascii_case("true") {
        Some(true)
    } else if t == "1" || t == "0" || t.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// `clusterMode`: a bool, or a string `true` in any case; everything else is false.
pub fn cluster_flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(text(d)?.is_some_and(|t| t.trim().eq_ignore_ascii_case("true")))
}

/// A list; `null` is empty.
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A list of integers (DBIDs); entries that are not integers are dropped.
pub fn int_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<i64>, D::Error> {
    struct Item(Option<i64>);
    impl<'de> Deserialize<'de> for Item {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Ok(Item(int(d)?))
        }
    }
    let items: Vec<Item> = list(d)?;
    Ok(items.into_iter().filter_map(|i| i.0).collect())
}

/// A WWE option value as stored. Strings are taken as they are, numbers and bools as their
/// JSON text; `null`, objects and arrays set nothing (RULES.md §3). The text is shared
/// (`intern`): the same value of 50,000 persons is one allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionValue {
    Set(Arc<str>),
    NotSet,
}

impl OptionValue {
    /// The value a stored JSON value sets; `text` is valid JSON (a raw value of a body).
    fn from_json(text: &str) -> OptionValue {
        let text = text.trim();
        match text.as_bytes().first() {
            Some(b'"') => match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                // No escape: the text between the quotes is the string (the body is valid JSON).
                Some(inner) if !inner.contains('\\') => OptionValue::Set(intern(inner)),
                _ => match serde_json::from_str::<String>(text) {
                    Ok(s) => OptionValue::Set(intern(&s)),
                    Err(_) => OptionValue::NotSet,
                },
            },
            Some(b'{') | Some(b'[') | Some(b'n') | None => OptionValue::NotSet,
            // true, false and numbers: their JSON text.
            Some(_) => OptionValue::Set(intern(text)),
        }
    }
}

impl<'de> Deserialize<'de> for OptionValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Borrowed from the body's text (every body is parsed from text): no copy per value.
        let raw = <&RawValue>::deserialize(d)?;
        Ok(OptionValue::from_json(raw.get()))
    }
}

/// A section name or option key, shared like the values.
struct Name(Arc<str>);

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Name, E> {
                Ok(Name(intern(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// One section of an annex (`userProperties` / `options`): keys in stored order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub entries: Vec<(Arc<str>, OptionValue)>,
}

impl Section {
    /// The first stored value of `key` (set or not).
    pub fn get(&self, key: &str) -> Option<&OptionValue> {
        self.entries
            .iter()
            .find(|(k, _)| &**k == key)
            .map(|(_, v)| v)
    }

    /// The value of `key` when it is set.
    pub fn value(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(OptionValue::Set(v)) => Some(v),
            _ => None,
        }
    }

    /// Keys that are set, with their values, in stored order (first of a key wins).
    pub fn set_entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries
            .iter()
            .enumerate()
            .filter_map(move |(i, (k, v))| match v {
                OptionValue::Set(v) if !self.entries[..i].iter().any(|(p, _)| p == k) => {
                    Some((&**k, &**v))
                }
                _ => None,
            })
    }
}

/// An object's annex: `{section: {key: value}}`, sections in stored order. A section whose
/// value is not an object is present but holds no keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annex {
    pub sections: Vec<(Arc<str>, Section)>,
}

impl Annex {
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, s)| s)
    }

    pub fn has_section(&self, name: &str) -> bool {
        self.sections.iter().any(|(n, _)| &**n == name)
    }
}

impl<'de> Deserialize<'de> for Section {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Section;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an options section")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Section, M::Error> {
                let mut entries = Vec::new();
                while let Some(Name(key)) = map.next_key()? {
                    entries.push((key, map.next_value::<OptionValue>()?));
                }
                // The growth's spare room, times 50,000 persons, is megabytes.
                entries.shrink_to_fit();
                Ok(Section { entries })
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Section, S::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Section::default())
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Section, E> {
                Ok(Section::default())
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Section, E> {
                Ok(Section::default())
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Section, E> {
                Ok(Section::default())
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Section, E> {
                Ok(Section::default())
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Section, E> {
                Ok(Section::default())
            }
            fn visit_unit<E: de::Error>(self) -> Result<Section, E> {
                Ok(Section::default())
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Annex {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Annex;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of option sections")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Annex, M::Error> {
                let mut sections = Vec::new();
                while let Some(Name(key)) = map.next_key()? {
                    sections.push((key, map.next_value::<Section>()?));
                }
                sections.shrink_to_fit();
                Ok(Annex { sections })
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Annex, S::Error> {
                // Some serialisers write an empty map as `[]`.
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Annex::default())
            }
            fn visit_unit<E: de::Error>(self) -> Result<Annex, E> {
                Ok(Annex::default())
            }
        }
        d.deserialize_any(V)
    }
}
