//! A set of numbers below a fixed bound, one bit each: articles, or events.
//!
//! Why not `Vec<bool>`: a chip click at 100 000 articles compares the filter's articles with
//! each set it could be counted from (is one inside the other, which articles does one lack,
//! which row files hold those), several times a click. Byte by byte, `Shelf::plan` was ~10 ms
//! of a click in the page; a word of 64 articles at a time, ~3 ms (BENCHMARKS.md, sixteenth
//! session).

/// Articles `0..len`, each in the set or not: bit `d % 64` of word `d / 64`; bits at and
/// beyond `len` are always clear, so two sets of one length are equal exactly when their
/// words are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Bits {
    len: usize,
    words: Vec<u64>,
}

impl Bits {
    /// Every article below `len` (`full`), or none.
    pub fn new(len: usize, full: bool) -> Bits {
        let mut words = vec![if full { u64::MAX } else { 0 }; len.div_ceil(64)];
        if full && !len.is_multiple_of(64) {
            if let Some(last) = words.last_mut() {
                *last = (1u64 << (len % 64)) - 1;
            }
        }
        Bits { len, words }
    }

    /// The articles of `docs` below `len`, in any order.
    pub fn of(len: usize, docs: &[u32]) -> Bits {
        let mut bits = Bits::new(len, false);
        docs.iter().for_each(|&d| bits.insert(d as usize));
        bits
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether article `d` is in the set (never, at or beyond the bound).
    pub fn get(&self, d: usize) -> bool {
        d < self.len && self.words[d / 64] & (1 << (d % 64)) != 0
    }

    /// Puts `d` in the set; nothing at or beyond the bound.
    pub fn insert(&mut self, d: usize) {
        if d < self.len {
            self.words[d / 64] |= 1 << (d % 64);
        }
    }

    /// Takes `d` out of the set.
    pub fn remove(&mut self, d: usize) {
        if d < self.len {
            self.words[d / 64] &= !(1 << (d % 64));
        }
    }

    /// Keeps only the articles `other` holds too.
    pub fn retain_in(&mut self, other: &Bits) {
        for (w, o) in self.words.iter_mut().zip(&other.words) {
            *w &= o;
        }
        self.words.iter_mut().skip(other.words.len()).for_each(|w| *w = 0);
    }

    /// How many articles the set holds.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Whether the set holds every article below the bound.
    pub fn is_full(&self) -> bool {
        self.count() == self.len
    }

    /// Whether every article of the set is in `other` too (sets of one bound).
    pub fn is_within(&self, other: &Bits) -> bool {
        self.len == other.len && self.words.iter().zip(&other.words).all(|(a, b)| a & !b == 0)
    }

    /// The articles in the set, ascending.
    pub fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        ones_of(self.words.iter().copied())
    }

    /// The articles in the set and not in `other`, ascending.
    pub fn minus<'a>(&'a self, other: &'a Bits) -> impl Iterator<Item = usize> + 'a {
        let other = other.words.iter().copied().chain(std::iter::repeat(0));
        ones_of(self.words.iter().zip(other).map(|(a, b)| a & !b))
    }

    /// How many articles are in the set and not in `other`.
    pub fn count_minus(&self, other: &Bits) -> usize {
        let other = other.words.iter().copied().chain(std::iter::repeat(0));
        self.words.iter().zip(other).map(|(a, b)| (a & !b).count_ones() as usize).sum()
    }

    /// For each run of `chunk` articles (a multiple of 64), whether the set holds any of them
    /// and not `other` (`None`: whether it holds any): the row files a set of articles needs.
    pub fn chunks_holding<'a>(&'a self, other: Option<&'a Bits>, chunk: usize) -> impl Iterator<Item = usize> + 'a {
        let per = (chunk / 64).max(1);
        let word = move |i: usize| self.words[i] & !other.and_then(|o| o.words.get(i).copied()).unwrap_or(0);
        let words = self.words.len();
        (0..words.div_ceil(per)).filter(move |&c| (c * per..((c + 1) * per).min(words)).any(|i| word(i) != 0))
    }
}

/// The positions of the set bits of `words` (bit `n % 64` of word `n / 64`), ascending.
fn ones_of(words: impl Iterator<Item = u64>) -> impl Iterator<Item = usize> {
    words.enumerate().flat_map(|(w, mut word)| {
        std::iter::from_fn(move || {
            (word != 0).then(|| {
                let bit = word.trailing_zeros() as usize;
                word &= word - 1;
                w * 64 + bit
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same set kept as bools, for comparing.
    fn bools(len: usize, docs: &[u32]) -> Vec<bool> {
        (0..len).map(|d| docs.contains(&(d as u32))).collect()
    }

    #[test]
    fn a_set_holds_what_was_put_in_and_nothing_past_its_bound() {
        for len in [0, 1, 63, 64, 65, 200, 256, 257] {
            let docs: Vec<u32> = (0..len as u32 + 5).filter(|d| d % 3 == 0 || d % 7 == 1).collect();
            let bits = Bits::of(len, &docs);
            let want = bools(len, &docs);
            assert_eq!((0..len + 70).map(|d| bits.get(d)).collect::<Vec<_>>()[..len], want[..], "len {len}");
            assert!(!bits.get(len), "nothing at the bound, len {len}");
            assert_eq!(bits.ones().collect::<Vec<_>>(), (0..len).filter(|&d| want[d]).collect::<Vec<_>>());
            assert_eq!(bits.count(), want.iter().filter(|&&b| b).count());
            let full = Bits::new(len, true);
            assert!(full.is_full() && full.count() == len && bits.is_within(&full));
            assert_eq!(full.ones().count(), len, "a full set stops at its bound, len {len}");
            // A set made full by insertion equals one made full at once: no stray bits.
            let mut filled = Bits::new(len, false);
            (0..len + 3).for_each(|d| filled.insert(d));
            assert_eq!(filled, full);
        }
    }

    #[test]
    fn difference_containment_and_chunks_agree_with_bools() {
        let len = 1_000;
        let a: Vec<u32> = (0..len as u32).filter(|d| d % 5 == 0).collect();
        let b: Vec<u32> = (0..len as u32).filter(|d| d % 5 == 0 || (300..560).contains(d)).collect();
        let (ba, bb) = (Bits::of(len, &a), Bits::of(len, &b));
        assert!(ba.is_within(&bb) && !bb.is_within(&ba));
        let lacking: Vec<usize> = (0..len).filter(|&d| bb.get(d) && !ba.get(d)).collect();
        assert_eq!(bb.minus(&ba).collect::<Vec<_>>(), lacking);
        assert_eq!(bb.count_minus(&ba), lacking.len());
        // The runs of 256 that hold an article of b but not of a: 300..560 spans runs 1 and 2.
        assert_eq!(bb.chunks_holding(Some(&ba), 256).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(ba.chunks_holding(None, 256).collect::<Vec<_>>(), vec![0, 1, 2, 3]);
        let mut kept = bb.clone();
        kept.retain_in(&ba);
        assert_eq!(kept, ba);
        kept.remove(5);
        assert!(!kept.get(5) && kept.count() == ba.count() - 1);
    }
}
