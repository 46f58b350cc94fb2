//! Who appears with whom: for the names most present in the matching articles, how many
//! sentences mention each pair together. Sentence level, because two names in one article may be
//! unrelated, while two names in one sentence usually are. Boilerplate is not counted.
use crate::corpus::order;
use std::collections::{BTreeMap, HashMap};

use super::{Corpus, Document, Results};

/// A symmetric matrix over `entities` (indices into `Corpus::entities`, most present first).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cooccurrence {
    pub entities: Vec<u32>,
    /// `counts[i][j]`: sentences of the matching articles naming both `entities[i]` and
    /// `entities[j]` (the diagonal is 0).
    pub counts: Vec<Vec<u32>>,
}

impl Cooccurrence {
    /// The largest pair count (1 when there is none, so shading can divide by it).
    pub fn max(&self) -> u32 {
        self.counts.iter().flatten().copied().max().unwrap_or(0).max(1)
    }
}

/// Two names one article's sentences name together, first < second, and in how many sentences.
pub type Pair = (u32, u32, u32);

/// The matrix for the `top` names with the most matching articles.
pub fn matrix(corpus: &Corpus, results: &Results, top: usize) -> Cooccurrence {
    let docs = results.hits.iter().filter_map(|hit| corpus.documents.get(hit.doc as usize));
    from_pairs(top_entities(&results.entity_counts, top), docs.map(pairs))
}

/// The `top` names with the most matching articles (`entity_counts` of a search), most first,
/// ties by number.
pub fn top_entities(entity_counts: &[u32], top: usize) -> Vec<u32> {
    let mut ranked: Vec<(u32, u32)> =
        entity_counts.iter().enumerate().filter(|(_, &n)| n > 0).map(|(i, &n)| (i as u32, n)).collect();
    order::sort_by(&mut ranked, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(top).map(|(i, _)| i).collect()
}

/// Every pair of names one article's sentences name together: `(a, b, sentences)` with
/// `a < b`, ascending. Boilerplate is not counted, and a name twice in a sentence counts once.
/// The static corpus stores these per article, so a matrix over many articles needs no text.
pub fn pairs(doc: &Document) -> Vec<Pair> {
    let mut counts: BTreeMap<(u32, u32), u32> = BTreeMap::new();
    for s in doc.sentences.iter().filter(|s| !s.boilerplate) {
        let mut here: Vec<u32> = s.mentions.iter().map(|m| m.entity).collect();
        here.sort_unstable();
        here.dedup();
        for (x, &a) in here.iter().enumerate() {
            for &b in &here[x + 1..] {
                *counts.entry((a, b)).or_default() += 1;
            }
        }
    }
    counts.into_iter().map(|((a, b), n)| (a, b, n)).collect()
}

/// The matrix over `entities` from the pairs of each matching article ([`pairs`]).
pub fn from_pairs<P>(entities: Vec<u32>, articles: impl Iterator<Item = P>) -> Cooccurrence
where
    P: AsRef<[Pair]>,
{
    let slot: HashMap<u32, usize> = entities.iter().enumerate().map(|(k, &e)| (e, k)).collect();
    let mut counts = vec![vec![0u32; entities.len()]; entities.len()];
    for article in articles {
        for &(a, b, n) in article.as_ref() {
            if let (Some(&i), Some(&j)) = (slot.get(&a), slot.get(&b)) {
                counts[i][j] += n;
                counts[j][i] += n;
            }
        }
    }
    Cooccurrence { entities, counts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Query, Source};

    #[test]
    fn pairs_are_counted_per_sentence_under_the_filter() {
        let a = "Deal\n\nZentaro Corp and Orvel Labs signed a deal. Ana Costa of Zentaro Corp praised Orvel Labs. Brooklyn was quiet.";
        let b = "Other\n\nAna Costa visited Brooklyn with Tomas Brevik.";
        let corpus = Corpus::build(&[Source { id: "a", text: a }, Source { id: "b", text: b }], None);
        let all = corpus.search(&Query::default());
        let m = matrix(&corpus, &all, 10);
        let at = |x: &str, y: &str| {
            let i = m.entities.iter().position(|&e| corpus.entities[e as usize].name == x).expect(x);
            let j = m.entities.iter().position(|&e| corpus.entities[e as usize].name == y).expect(y);
            m.counts[i][j]
        };
        assert_eq!(at("Zentaro Corp", "Orvel Labs"), 2);
        assert_eq!(at("Orvel Labs", "Zentaro Corp"), 2, "symmetric");
        assert_eq!(at("Ana Costa", "Zentaro Corp"), 1);
        assert_eq!(at("Ana Costa", "Ana Costa"), 0);
        // Only article b matches: pairs of article a are gone.
        let only_b = corpus.search(&Query { text: "visited".into(), ..Query::default() });
        let m = matrix(&corpus, &only_b, 10);
        assert!(m.entities.iter().all(|&e| corpus.entities[e as usize].name != "Orvel Labs"));
        assert_eq!(m.max(), 1);
    }

    #[test]
    fn an_empty_view_has_an_empty_matrix() {
        let corpus = Corpus::build(&[], None);
        let m = matrix(&corpus, &corpus.search(&Query::default()), 10);
        assert!(m.entities.is_empty() && m.counts.is_empty());
        assert_eq!(m.max(), 1);
    }
}
