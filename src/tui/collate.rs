//! How the TUI's tables order names: case- and accent-insensitively (`léa` before `luís`,
//! `Émile` beside `emile`), as people read them. The fold is the filter's (`filter::fold_str`:
//! lower case, then nucleo's table of Latin letters with their marks taken off), so what
//! sorts together also filters together; no crate of its own. CLI outputs keep byte order.

use std::cmp::Ordering;

/// The sort key of a name: folded, surrounding whitespace ignored (`"  1001"` sorts beside
/// `"1001"`; the tables mark the spaces so the two are still told apart).
pub fn key(s: &str) -> String {
    super::filter::fold_str(s.trim())
}

/// Compares two names as `key` orders them, ties broken by the text itself (so the order
/// is total and stable across loads).
pub fn compare(a: &str, b: &str) -> Ordering {
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

/// The sort key of a cell of a numeric column: numbers first, in numeric order, then any
/// text (`unknown`, `—`) by name.
pub fn numeric_key(s: &str) -> (bool, i64, String) {
    match s.trim().parse::<i64>() {
        Ok(n) => (false, n, String::new()),
        Err(_) => (true, 0, key(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_do_not_decide_the_order() {
        let mut names = vec!["luís", "Zoë", "léa", "Lea", "émile", "Olaf", "ångström"];
        names.sort_by(|a, b| compare(a, b));
        assert_eq!(
            names,
            vec!["ångström", "émile", "Lea", "léa", "luís", "Olaf", "Zoë"]
        );
        // Byte order would put every accented or upper-case name elsewhere.
        assert_eq!(compare("léa", "luís"), Ordering::Less);
        assert!(
            "léa" > "luís",
            "byte order differs: this is why the fold exists"
        );
    }

    #[test]
    fn surrounding_spaces_sort_beside_the_plain_value_but_stay_distinct() {
        assert_eq!(key("  1001 "), key("1001"));
        assert_ne!(compare("  1001", "1001"), Ordering::Equal);
        let mut ids = vec!["1002", "  1001", "1001", "1000"];
        ids.sort_by(|a, b| compare(a, b));
        assert_eq!(ids, vec!["1000", "  1001", "1001", "1002"]);
    }

    #[test]
    fn numbers_sort_as_numbers() {
        let mut cells = vec!["10", "9", "unknown", "100", " 2"];
        cells.sort_by_key(|c| numeric_key(c));
        assert_eq!(cells, vec![" 2", "9", "10", "100", "unknown"]);
    }
}
