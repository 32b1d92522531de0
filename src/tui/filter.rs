//! Fuzzy filtering with nucleo-matcher over haystacks built once per load.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

pub struct Fuzzy {
    matcher: Matcher,
}

impl Default for Fuzzy {
    fn default() -> Self {
        Fuzzy {
            matcher: Matcher::new(Config::DEFAULT),
        }
    }
}

/// A parsed filter text. Words must all match; `'word` is exact, `^word` a prefix, `!word`
/// excludes (nucleo's syntax).
pub struct Query(Pattern);

impl Query {
    /// `None` for an empty or blank text: nothing is filtered.
    pub fn new(text: &str) -> Option<Query> {
        let pattern = Pattern::parse(
            &text.to_lowercase(),
            CaseMatching::Ignore,
            Normalization::Smart,
        );
        (!pattern.atoms.is_empty()).then_some(Query(pattern))
    }
}

impl Fuzzy {
    pub fn score(&mut self, query: &Query, hay: &Utf32String) -> Option<u32> {
        query.0.score(hay.slice(..), &mut self.matcher)
    }

    /// Indexes of the haystacks that match, in their order.
    pub fn matching(&mut self, query: &Query, hays: &[Utf32String]) -> Vec<usize> {
        hays.iter()
            .enumerate()
            .filter(|(_, h)| self.score(query, h).is_some())
            .map(|(i, _)| i)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_and_accent_folding() {
        let mut f = Fuzzy::default();
        let hays: Vec<Utf32String> = ["anna müller e100127", "olga kim e100124"]
            .into_iter()
            .map(Utf32String::from)
            .collect();
        let q = Query::new("Muller").unwrap();
        assert_eq!(f.matching(&q, &hays), vec![0]);
        let q = Query::new("e10012").unwrap();
        assert_eq!(f.matching(&q, &hays), vec![0, 1]);
        assert!(Query::new("  ").is_none());
    }
}
