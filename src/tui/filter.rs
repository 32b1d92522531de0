//! Fuzzy filtering with nucleo-matcher over haystacks built once per load.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
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
pub struct Query {
    pattern: Pattern,
    plain: bool,
}

impl Query {
    /// `None` for an empty or blank text: nothing is filtered.
    pub fn new(text: &str) -> Option<Query> {
        let pattern = Pattern::parse(
            &text.to_lowercase(),
            CaseMatching::Ignore,
            Normalization::Smart,
        );
        let plain = text.is_ascii() && !text.contains(['\'', '^', '$', '!', '\\']);
        (!pattern.atoms.is_empty()).then_some(Query { pattern, plain })
    }

    /// Plain fuzzy words (ASCII, no operators): adding characters to such a text can only
    /// narrow what matches at all.
    pub fn is_plain(&self) -> bool {
        self.plain
    }
}

/// A fuzzy word must score at least this much per character: a contiguous match scores
/// about 16 a character plus bonuses, one scattered across a long haystack far less. Below
/// it, "paris" would match "sips_kraków_p.corp.local"; engineers want the names they typed.
const MIN_SCORE_PER_CHAR: u32 = 14;

impl Fuzzy {
    /// The match score of a haystack, `None` when it does not match well enough.
    pub fn score(&mut self, query: &Query, hay: &Utf32String) -> Option<u32> {
        self.check(query, hay).flatten()
    }

    /// `None` when a word does not match at all; `Some(None)` when every word matches but a
    /// fuzzy one too loosely to count; `Some(Some(score))` for a match.
    pub fn check(&mut self, query: &Query, hay: &Utf32String) -> Option<Option<u32>> {
        let mut total = 0;
        let mut good = true;
        for atom in &query.pattern.atoms {
            let score = u32::from(atom.score(hay.slice(..), &mut self.matcher)?);
            if atom.kind == AtomKind::Fuzzy && !atom.negative {
                let chars = atom.needle_text().len() as u32;
                good &= score >= chars * MIN_SCORE_PER_CHAR;
            }
            total += score;
        }
        Some(good.then_some(total))
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
        // A match scattered over the haystack is noise, not a match.
        let q = Query::new("paris").unwrap();
        let far = [Utf32String::from("sips_kraków sips_kraków_p sips_kraków_b")];
        assert!(f.matching(&q, &far).is_empty());
        let near = [Utf32String::from("sips_paris sips_paris_p")];
        assert_eq!(f.matching(&q, &near), vec![0]);
        assert!(Query::new("  ").is_none());
    }
}
