//! Work spread over the machine's cores natively, one item after another in the page (wasm32
//! has no threads here): the same answer either way, since the items are cut into contiguous
//! runs and the results joined back in order.

/// The cores to use natively (1 in the page).
pub fn threads() -> usize {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    }
    #[cfg(target_arch = "wasm32")]
    {
        1
    }
}

/// `f` of every item, in order, over `threads` threads natively.
#[cfg(not(target_arch = "wasm32"))]
pub fn map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if threads <= 1 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let run = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> =
            items.chunks(run).map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<R>>())).collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// Threads are not available in the page: one item after another.
#[cfg(target_arch = "wasm32")]
pub fn map<T: Sync, R: Send>(items: &[T], _threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    items.iter().map(f).collect()
}

/// `items` cut into at most `parts` contiguous runs of about equal total `weight` (an article's
/// bytes: a few long files must not all land on one worker), in order, none empty. The page's
/// analyser hands each run to a worker and joins the results in this order, so the answer is the
/// one a single worker gives.
pub fn runs(weights: &[u64], parts: usize) -> Vec<std::ops::Range<usize>> {
    if weights.is_empty() {
        return Vec::new();
    }
    let parts = parts.clamp(1, weights.len());
    let total: u64 = weights.iter().sum();
    let mut out = Vec::with_capacity(parts);
    let (mut start, mut sum) = (0, 0u64);
    for (i, w) in weights.iter().enumerate() {
        sum += w;
        // The run ends once it reaches its share of the weight so far, leaving at least one
        // item for each run still to come.
        let k = out.len() as u64 + 1;
        let left = weights.len() - (i + 1);
        let runs_after = parts - out.len() - 1;
        if out.len() + 1 < parts && (sum * parts as u64 >= total * k || left == runs_after) {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out.push(start..weights.len());
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_cover_every_item_once_in_order_and_balance_the_weight() {
        for (weights, parts) in [
            (vec![1u64; 10], 3),
            (vec![100, 1, 1, 1, 1, 1, 1, 1], 2),
            (vec![1, 1, 1, 1, 1, 1, 1, 100], 2),
            (vec![5, 0, 0, 7], 4),
            (vec![3], 8),
            (vec![], 3),
            (vec![0, 0, 0], 2),
        ] {
            let runs = super::runs(&weights, parts);
            let joined: Vec<usize> = runs.iter().flat_map(|r| r.clone()).collect();
            assert_eq!(joined, (0..weights.len()).collect::<Vec<_>>(), "{weights:?} in {parts}");
            assert!(runs.len() <= parts && runs.iter().all(|r| !r.is_empty()), "{runs:?}");
        }
        // Ten equal articles in three runs: 4, 3, 3 or so, never 8, 1, 1.
        let sizes: Vec<usize> = super::runs(&[1; 10], 3).iter().map(|r| r.len()).collect();
        assert!(sizes.iter().all(|&n| (3..=4).contains(&n)), "{sizes:?}");
        // One long article first: it is a run of its own, the short ones share the other.
        assert_eq!(super::runs(&[100, 1, 1, 1, 1, 1, 1, 1], 2), vec![0..1, 1..8]);
    }

    #[test]
    fn the_answer_is_the_same_on_any_number_of_threads() {
        let items: Vec<u32> = (0..1001).collect();
        let one = super::map(&items, 1, |x| x * 3);
        for threads in [2, 3, 8, 2000] {
            assert_eq!(super::map(&items, threads, |x| x * 3), one);
        }
        assert!(super::map(&[] as &[u32], 4, |x| *x).is_empty());
    }
}
