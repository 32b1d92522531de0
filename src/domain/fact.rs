use crate::snapshot::Resource;

/// A derived fact: known, or unknown because an unavailable resource could have changed it
/// (RULES.md §0). Never guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact<T> {
    Known(T),
    Unknown(Resource),
}

impl<T> Fact<T> {
    pub fn known(self) -> Option<T> {
        match self {
            Fact::Known(v) => Some(v),
            Fact::Unknown(_) => None,
        }
    }

    pub fn as_ref(&self) -> Fact<&T> {
        match self {
            Fact::Known(v) => Fact::Known(v),
            Fact::Unknown(r) => Fact::Unknown(*r),
        }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Fact<U> {
        match self {
            Fact::Known(v) => Fact::Known(f(v)),
            Fact::Unknown(r) => Fact::Unknown(r),
        }
    }

    pub fn and_then<U>(self, f: impl FnOnce(T) -> Fact<U>) -> Fact<U> {
        match self {
            Fact::Known(v) => f(v),
            Fact::Unknown(r) => Fact::Unknown(r),
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Fact::Unknown(_))
    }
}

/// The resource an `Avail` needs, as a fact.
pub(crate) fn avail<T, U>(value: &crate::model::Avail<T>, f: impl FnOnce(&T) -> U) -> Fact<U> {
    match value {
        Ok(v) => Fact::Known(f(v)),
        Err(u) => Fact::Unknown(u.resource),
    }
}
