//! Fuzzy filtering with nucleo-matcher over haystacks built once per load, or folded on
//! demand (`HayBuf`) for lists too long to hold one per item.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};

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
    /// `None` for an empty or blank text: nothing is filtered. The text is folded as the
    /// haystacks are (`fold`), so matching needs no case or accent folding of its own.
    pub fn new(text: &str) -> Option<Query> {
        let folded = fold_str(text);
        let pattern = Pattern::parse(&folded, CaseMatching::Respect, Normalization::Never);
        let plain = folded.is_ascii() && !folded.contains(['\'', '^', '$', '!', '\\']);
        (!pattern.atoms.is_empty()).then_some(Query { pattern, plain })
    }

    /// Plain fuzzy words (ASCII, no operators): adding characters to such a text can only
    /// narrow what matches at all.
    pub fn is_plain(&self) -> bool {
        self.plain
    }
}

/// What `Fuzzy::scan` found.
#[derive(Default)]
pub struct Scan {
    pub candidates: Vec<(u32, u32)>,
    pub scored: Vec<(u32, u32, u32)>,
}

/// Lower case without accents (`Müller` → `muller`), as nucleo normalises: haystacks are
/// folded once when built and the filter text as typed, so most haystacks are ASCII and
/// matching skips per-character case and accent folding.
fn fold_char(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase().map(nucleo_matcher::chars::normalize)
}

/// A haystack for the filter, folded.
pub fn fold(s: &str) -> Utf32String {
    Utf32String::from(fold_str(s))
}

/// A haystack folded on demand into buffers kept between items: exactly what `fold` of the
/// parts joined by spaces holds, without keeping one per item. The audit's findings use it:
/// 220,000 findings' haystacks held 46 MB, more than the findings themselves.
#[derive(Default)]
pub struct HayBuf {
    text: String,
    chars: Vec<char>,
}

impl HayBuf {
    pub fn fold<'a>(&'a mut self, parts: &[&str]) -> Utf32Str<'a> {
        self.text.clear();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                self.text.push(' ');
            }
            if part.is_ascii() {
                let start = self.text.len();
                self.text.push_str(part);
                self.text[start..].make_ascii_lowercase();
            } else {
                self.text.push_str(&fold_str(part));
            }
        }
        // As `Utf32String::from` does: ASCII as bytes, else one char per grapheme.
        if self.text.is_ascii() {
            return Utf32Str::Ascii(self.text.as_bytes());
        }
        self.chars.clear();
        self.chars
            .extend(nucleo_matcher::chars::graphemes(&self.text));
        Utf32Str::Unicode(&self.chars)
    }
}

pub fn fold_str(s: &str) -> String {
    // Most haystacks are ASCII: lower-casing bytes is what the char-by-char folding does to
    // them, a hundred times faster (220,000 findings' haystacks: 0.9 s of the first frame).
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(fold_char(c));
        }
    }
    out
}

/// A fuzzy word must score at least this much per character: a contiguous match scores
/// about 16 a character plus bonuses, one scattered across a long haystack far less. Below
/// it, "paris" would match "sips_kraków_p.corp.local"; engineers want the names they typed.
const MIN_SCORE_PER_CHAR: u32 = 14;

impl Fuzzy {
    /// The match score of a haystack, `None` when it does not match well enough.
    pub fn score(&mut self, query: &Query, hay: &Utf32String) -> Option<u32> {
        self.check(query, hay.slice(..)).flatten()
    }

    /// `score` of a haystack folded on demand (`HayBuf`).
    pub fn score_str(&mut self, query: &Query, hay: Utf32Str<'_>) -> Option<u32> {
        self.check(query, hay).flatten()
    }

    /// `None` when a word does not match at all; `Some(None)` when every word matches but a
    /// fuzzy one too loosely to count; `Some(Some(score))` for a match.
    pub fn check(&mut self, query: &Query, hay: Utf32Str<'_>) -> Option<Option<u32>> {
        let mut total = 0;
        let mut good = true;
        for atom in &query.pattern.atoms {
            let score = u32::from(atom.score(hay, &mut self.matcher)?);
            if atom.kind == AtomKind::Fuzzy && !atom.negative {
                let chars = atom.needle_text().len() as u32;
                good &= score >= chars * MIN_SCORE_PER_CHAR;
            }
            total += score;
        }
        Some(good.then_some(total))
    }

    /// Checks a pool of `(rank, index)` against a query: what matches at all (the next
    /// keystroke's pool) and what matches well enough, as `(score, rank, index)`. Big pools
    /// are split across the cores, each with its own matcher; the order is kept.
    pub fn scan(query: &Query, pool: &[(u32, u32)], hays: &[Utf32String]) -> Scan {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        if threads < 2 || pool.len() < 8_192 {
            return Fuzzy::default().scan_part(query, pool, hays);
        }
        let chunk = pool.len().div_ceil(threads);
        let parts: Vec<Scan> = std::thread::scope(|s| {
            let handles: Vec<_> = pool
                .chunks(chunk)
                .map(|part| s.spawn(move || Fuzzy::default().scan_part(query, part, hays)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        let mut out = Scan::default();
        for part in parts {
            out.candidates.extend(part.candidates);
            out.scored.extend(part.scored);
        }
        out
    }

    fn scan_part(&mut self, query: &Query, pool: &[(u32, u32)], hays: &[Utf32String]) -> Scan {
        let mut out = Scan::default();
        for &(rank, i) in pool {
            let Some(hay) = hays.get(i as usize) else {
                continue;
            };
            if let Some(m) = self.check(query, hay.slice(..)) {
                out.candidates.push((rank, i));
                if let Some(score) = m {
                    out.scored.push((score, rank, i));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII fast paths fold exactly as the char-by-char path does.
    #[test]
    fn ascii_folds_as_every_other_text() {
        let fold_chars = |s: &str| s.chars().flat_map(fold_char).collect::<String>();
        let ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(fold_str(&ascii), fold_chars(&ascii));
        assert_eq!(fold_str("GWS-309 Person:1 Léa"), "gws-309 person:1 lea");
        assert_eq!(fold_str("ABC xyz_09"), "abc xyz_09");
        let mixed = "Zürich ŁÓDŹ İstanbul ß Ǆ Ω x";
        assert_eq!(fold_str(mixed), fold_chars(mixed));
    }

    /// A haystack folded on demand is the one `fold` builds from the joined parts.
    #[test]
    fn folding_on_demand_equals_folding_once() {
        let mut buf = HayBuf::default();
        for parts in [
            &["GWS-309", "warn", "person:1", "Anna", ""][..],
            &["GWS-201", "error", "person:2", "Léa Müller", "x"],
            &["e\u{301}cole", "ŁÓDŹ", "İstanbul ß"],
            &["only"],
        ] {
            let once = fold(&parts.join(" "));
            let chars = |h: Utf32Str<'_>| h.chars().collect::<Vec<char>>();
            let ascii = |h: Utf32Str<'_>| matches!(h, Utf32Str::Ascii(_));
            let on_demand = buf.fold(parts);
            assert_eq!(chars(on_demand), chars(once.slice(..)), "{parts:?}");
            assert_eq!(ascii(buf.fold(parts)), ascii(once.slice(..)), "{parts:?}");
        }
    }

    impl Fuzzy {
        /// Indexes of the haystacks that match, in their order.
        pub fn matching(&mut self, query: &Query, hays: &[Utf32String]) -> Vec<usize> {
            hays.iter()
                .enumerate()
                .filter(|(_, h)| self.score(query, h).is_some())
                .map(|(i, _)| i)
                .collect()
        }
    }

    #[test]
    fn fuzzy_and_accent_folding() {
        let mut f = Fuzzy::default();
        let hays: Vec<Utf32String> = ["Anna Müller E100127", "olga kim e100124"]
            .into_iter()
            .map(fold)
            .collect();
        let q = Query::new("Muller").unwrap();
        assert_eq!(f.matching(&q, &hays), vec![0]);
        let q = Query::new("e10012").unwrap();
        assert_eq!(f.matching(&q, &hays), vec![0, 1]);
        // A match scattered over the haystack is noise, not a match.
        let q = Query::new("paris").unwrap();
        let far = [fold("sips_kraków sips_kraków_p sips_kraków_b")];
        assert!(f.matching(&q, &far).is_empty());
        let near = [fold("sips_paris sips_paris_p")];
        assert_eq!(f.matching(&q, &near), vec![0]);
        // Folded haystacks are mostly ASCII; a typed accent finds the plain letter too.
        assert!(matches!(fold("Müller"), Utf32String::Ascii(_)));
        let q = Query::new("MÜLLER").unwrap();
        assert!(q.is_plain());
        assert_eq!(f.matching(&q, &hays), vec![0]);
        assert!(Query::new("  ").is_none());
    }
}
