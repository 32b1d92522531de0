//! Shared text: 50,000 persons repeat the same few hundred section names,
//! keys and values (`interaction-workspace`, `privilege.voice.can-use`, `true`). Each is
//! allocated once per parse and shared (`Arc<str>`), instead of once per person; an annex
//! entry is then 32 bytes with no allocation of its own. The TUI's agent rows share their
//! voice environment names and can-use values the same way.

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

/// Longer text is rarely repeated (names, URLs): it is allocated as it is, not looked up.
const MAX_LEN: usize = 64;
/// A bound on the table, so that hostile data (a unique key per person) costs no more than
/// plain allocation once the table is full.
const MAX_ENTRIES: usize = 1 << 16;

/// A table of shared text: `get` gives the one copy of each text it has seen.
#[derive(Default)]
pub struct Interner {
    table: HashSet<Arc<str>>,
}

impl Interner {
    /// The shared copy of `text`, made on first sight.
    pub fn get(&mut self, text: &str) -> Arc<str> {
        if text.len() > MAX_LEN {
            return Arc::from(text);
        }
        if let Some(found) = self.table.get(text) {
            return Arc::clone(found);
        }
        let made: Arc<str> = Arc::from(text);
        if self.table.len() < MAX_ENTRIES {
            self.table.insert(Arc::clone(&made));
        }
        made
    }
}

thread_local! {
    /// The parse's table: serde's visitors have no state to carry one in.
    static TABLE: RefCell<Interner> = RefCell::default();
}

/// The shared copy of `text` in this thread's table (until `clear`).
pub fn intern(text: &str) -> Arc<str> {
    TABLE.with(|table| table.borrow_mut().get(text))
}

/// Forgets this thread's table: called when a parse ends, so that nothing is kept alive
/// past the model that holds it.
pub fn clear() {
    TABLE.with(|table| *table.borrow_mut() = Interner::default());
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
