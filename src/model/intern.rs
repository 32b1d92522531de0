//! Shared text for option annexes: 50,000 persons repeat the same few hundred section names,
//! keys and values (`interaction-workspace`, `privilege.voice.can-use`, `true`). Each is
//! allocated once per parse and shared (`Arc<str>`), instead of once per person; an annex
//! entry is then 32 bytes with no allocation of its own.

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

/// Longer text is rarely repeated (names, URLs): it is allocated as it is, not looked up.
const MAX_LEN: usize = 64;
/// A bound on the table, so that hostile data (a unique key per person) costs no more than
/// plain allocation once the table is full.
const MAX_ENTRIES: usize = 1 << 16;

thread_local! {
    static TABLE: RefCell<HashSet<Arc<str>>> = RefCell::default();
}

/// The shared copy of `text`, made on first sight (per thread, until `clear`).
pub fn intern(text: &str) -> Arc<str> {
    if text.len() > MAX_LEN {
        return Arc::from(text);
    }
    TABLE.with(|table| {
        let mut table = table.borrow_mut();
        if let Some(found) = table.get(text) {
            return Arc::clone(found);
        }
        let made: Arc<str> = Arc::from(text);
        if table.len() < MAX_ENTRIES {
            table.insert(Arc::clone(&made));
        }
        made
    })
}

/// Forgets this thread's table: called when a parse ends, so that nothing is kept alive
/// past the model that holds it.
pub fn clear() {
    TABLE.with(|table| *table.borrow_mut() = HashSet::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_text_is_shared_and_long_text_is_not() {
        let a = intern("interaction-workspace");
        let b = intern("interaction-workspace");
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(&*a, "interaction-workspace");
        let long = "x".repeat(MAX_LEN + 1);
        assert!(!Arc::ptr_eq(&intern(&long), &intern(&long)));
        clear();
        assert!(!Arc::ptr_eq(&a, &intern("interaction-workspace")));
    }

    #[test]
    fn distinct_text_stays_distinct() {
        assert_eq!(&*intern(""), "");
        assert_ne!(&*intern("true"), &*intern("false"));
    }
}
