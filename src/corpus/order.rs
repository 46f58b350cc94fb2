//! Stable sorting with one compiled sort in the wasm.
//!
//! Every `slice::sort_by` with its own closure or element type compiles the whole of std's
//! sort again (driftsort and its small-sort, merge and partition functions). Going through
//! this module took the served shell's wasm from 228.7 to 226.8 KB brotli, the seeds' page
//! 10.5 KB and the analyser 35.6 KB (BENCHMARKS.md, eighteenth session). So in wasm these
//! functions sort the items' *positions*
//! with one comparator behind a `dyn`, a single instance of std's sort, and then move the items
//! into place; natively (the build, the CLI, the tests) they call std's sort directly, for speed.
//!
//! Both are std's stable sort, and a stable sort's result is unique (items by the comparison,
//! equal items in their first order), so every target orders alike: the page's answers stay
//! identical to the native ones the tests check.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, stably (as `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], cmp: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    by_positions(items, cmp);
    #[cfg(not(target_arch = "wasm32"))]
    items.sort_by(cmp);
}

/// Sorts `items` by `key`, stably (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their own order, stably (as `slice::sort`).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Sorts numbers (positions, ids) by `cmp`, stably: in wasm the one sort itself, with nothing
/// to move afterwards, for long lists such as a search's hits.
pub fn sort_ids_by(ids: &mut [u32], mut cmp: impl FnMut(u32, u32) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    sort_positions(ids, &mut cmp);
    #[cfg(not(target_arch = "wasm32"))]
    ids.sort_by(|&a, &b| cmp(a, b));
}

/// The wasm's way, compiled natively for the tests, which check it against std's.
#[cfg(any(target_arch = "wasm32", test))]
fn by_positions<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    // Positions as `u32`, as `usize` is in wasm32: a slice that long would not fit in memory.
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    sort_positions(&mut order, &mut |a, b| cmp(&items[a as usize], &items[b as usize]));
    permute(items, &order);
}

/// The one instance of std's sort: positions, compared through a `dyn`.
#[cfg(any(target_arch = "wasm32", test))]
#[inline(never)]
fn sort_positions(order: &mut [u32], cmp: &mut dyn FnMut(u32, u32) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Moves `items[order[k]]` to position `k`, one cycle of the permutation at a time, by swaps
/// (no `Clone` needed, no second copy of the items).
#[cfg(any(target_arch = "wasm32", test))]
fn permute<T>(items: &mut [T], order: &[u32]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at] as usize;
            if from == start {
                break;
            }
            // `from` is later in this cycle, so it still holds its own item; `at` gets it, and
            // the start's item moves on to `from`, whose turn is next.
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn positions_sort_as_std_stable_sort() {
        // Pairs sorted by their first number only, so the second shows whether ties keep order.
        let mut items: Vec<(u8, usize)> = [3, 1, 3, 0, 2, 1, 3, 0].iter().enumerate().map(|(i, &k)| (k, i)).collect();
        let mut expected = items.clone();
        expected.sort_by_key(|p| p.0);
        by_positions(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, expected);
        assert_eq!(items, [(0, 3), (0, 7), (1, 1), (1, 5), (2, 4), (3, 0), (3, 2), (3, 6)]);
    }

    #[test]
    fn items_that_are_not_copy_move_whole() {
        let mut items: Vec<String> = ["pear", "fig", "apple", "kiwi", "date"].map(String::from).to_vec();
        by_positions(&mut items, |a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
        assert_eq!(items, ["fig", "date", "kiwi", "pear", "apple"]);
        let mut empty: Vec<String> = Vec::new();
        by_positions(&mut empty, String::cmp);
        assert!(empty.is_empty());
    }

    #[test]
    fn ids_sort_stably() {
        let key = [2u8, 0, 2, 1, 0];
        let mut ids: Vec<u32> = vec![4, 3, 2, 1, 0];
        sort_ids_by(&mut ids, |a, b| key[a as usize].cmp(&key[b as usize]));
        assert_eq!(ids, [4, 1, 3, 2, 0]);
    }

    proptest! {
        #[test]
        fn positions_equal_std_on_any_list(keys in proptest::collection::vec(0u8..6, 0..200)) {
            let mut items: Vec<(u8, usize)> = keys.iter().enumerate().map(|(i, &k)| (k, i)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|p| std::cmp::Reverse(p.0));
            by_positions(&mut items, |a, b| b.0.cmp(&a.0));
            prop_assert_eq!(items, expected);
        }
    }
}
