//! Work split over two cores. These machines (and most laptops) have at least two, and the
//! heavy stages are per-agent loops whose halves do not depend on each other.

/// Below this many items one thread is faster than starting a second.
const MIN_SPLIT: usize = 2_048;

/// `f` over the front and the back half of `items`, the back on a second thread; the
/// results in that order. `f` gets the offset of its half. A panic in the helper thread is a
/// bug; its half is then redone on this thread rather than lost.
pub fn halves<T: Sync, R: Send>(items: &[T], f: impl Fn(usize, &[T]) -> R + Sync) -> [R; 2] {
    if items.len() < MIN_SPLIT {
        return [f(0, items), f(items.len(), &[])];
    }
    let mid = items.len() / 2;
    let (front, back) = items.split_at(mid);
    std::thread::scope(|scope| {
        let helper = scope.spawn(|| f(mid, back));
        let first = f(0, front);
        let second = helper.join().unwrap_or_else(|_| f(mid, back));
        [first, second]
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn halves_cover_everything_in_order() {
        for n in [0, 1, 5, super::MIN_SPLIT, super::MIN_SPLIT * 3 + 1] {
            let items: Vec<usize> = (0..n).collect();
            let [mut a, b] = super::halves(&items, |offset, part| {
                part.iter()
                    .enumerate()
                    .map(|(i, v)| (offset + i, *v))
                    .collect::<Vec<_>>()
            });
            a.extend(b);
            assert!(a.iter().all(|(i, v)| i == v));
            assert_eq!(a.len(), n);
        }
    }
}
