//! Who appears with whom: for the names most present in the matching articles, how many
//! sentences mention each pair together. Sentence level, because two names in one article may be
//! unrelated, while two names in one sentence usually are. Boilerplate is not counted.
use super::{Corpus, Results};

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

/// The matrix for the `top` names with the most matching articles.
pub fn matrix(corpus: &Corpus, results: &Results, top: usize) -> Cooccurrence {
    let mut ranked: Vec<(u32, u32)> =
        results.entity_counts.iter().enumerate().filter(|(_, &n)| n > 0).map(|(i, &n)| (i as u32, n)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let entities: Vec<u32> = ranked.into_iter().take(top).map(|(i, _)| i).collect();
    let mut slot = vec![usize::MAX; corpus.entities.len()];
    for (k, &e) in entities.iter().enumerate() {
        slot[e as usize] = k;
    }
    let mut counts = vec![vec![0u32; entities.len()]; entities.len()];
    for hit in &results.hits {
        let Some(doc) = corpus.documents.get(hit.doc as usize) else { continue };
        for s in doc.sentences.iter().filter(|s| !s.boilerplate) {
            let mut here: Vec<usize> = s
                .mentions
                .iter()
                .filter_map(|m| slot.get(m.entity as usize).copied())
                .filter(|&k| k != usize::MAX)
                .collect();
            here.sort_unstable();
            here.dedup();
            for (x, &a) in here.iter().enumerate() {
                for &b in &here[x + 1..] {
                    counts[a][b] += 1;
                    counts[b][a] += 1;
                }
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
