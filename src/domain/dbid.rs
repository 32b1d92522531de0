//! Maps keyed by configuration DBIDs. Every join of the inventory goes through them (person
//! → place → DN, group → person), so their hash is on every hot path: a multiply-rotate of
//! the integer instead of the default SipHash, which is built to resist hash flooding from
//! untrusted clients, not to index a file the user chose to open.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub type DbidMap<V> = HashMap<i64, V, DbidHashing>;
/// The DBID hasher, for maps keyed by other integers.
pub type DbidHashing = BuildHasherDefault<DbidHasher>;

/// An empty map sized for `n` keys.
pub fn with_capacity<V>(n: usize) -> DbidMap<V> {
    HashMap::with_capacity_and_hasher(n, BuildHasherDefault::default())
}

#[derive(Default)]
pub struct DbidHasher(u64);

impl Hasher for DbidHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        // FxHash's step: spreads sequential DBIDs over the table's high and low bits.
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dbids_index_and_spread() {
        let mut map: DbidMap<usize> = with_capacity(4);
        for (i, dbid) in [101, -1, 0, i64::MAX, 102].into_iter().enumerate() {
            map.insert(dbid, i);
        }
        assert_eq!(map.get(&102), Some(&4));
        assert_eq!(map.get(&-1), Some(&1));
        assert_eq!(map.get(&7), None);
        let hash = |n: i64| {
            let mut h = DbidHasher::default();
            h.write_i64(n);
            h.finish()
        };
        assert_ne!(
            hash(1) >> 57,
            hash(2) >> 57,
            "neighbours differ in the top bits"
        );
    }
}
