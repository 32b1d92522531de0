//! Several short texts of one object in one allocation: 50,000 persons or agent rows with
//! five `Option<String>`s each would cost 250,000 allocations (and malloc's 8–16 bytes over
//! each), against 50,000.

/// `N` texts, each present or absent, one after the other in one `Box<str>`.
#[derive(Debug, Clone)]
pub struct PackedTexts<const N: usize> {
    text: Box<str>,
    /// Where each text ends in `text`.
    ends: [usize; N],
    present: [bool; N],
}

impl<const N: usize> Default for PackedTexts<N> {
    fn default() -> Self {
        PackedTexts {
            text: Box::default(),
            ends: [0; N],
            present: [false; N],
        }
    }
}

impl<const N: usize> PackedTexts<N> {
    pub fn new(parts: [Option<&str>; N]) -> Self {
        let mut text = String::with_capacity(parts.iter().flatten().map(|p| p.len()).sum());
        let mut packed = PackedTexts::default();
        for (i, part) in parts.iter().enumerate() {
            packed.present[i] = part.is_some();
            text.push_str(part.unwrap_or_default());
            packed.ends[i] = text.len();
        }
        packed.text = text.into_boxed_str();
        packed
    }

    /// Text `i`; `None` when it is absent (or `i` is out of range).
    pub fn get(&self, i: usize) -> Option<&str> {
        if !*self.present.get(i)? {
            return None;
        }
        let start = match i.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        self.text.get(start..*self.ends.get(i)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_as_given() {
        let p = PackedTexts::new([Some("ab"), None, Some(""), Some("Łß")]);
        assert_eq!(
            [p.get(0), p.get(1), p.get(2), p.get(3), p.get(4)],
            [Some("ab"), None, Some(""), Some("Łß"), None]
        );
        assert_eq!(PackedTexts::<2>::default().get(0), None);
    }
}
