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

#[cfg(test)]
mod tests {
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
