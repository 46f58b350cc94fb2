//! Passages shared between articles: a sentence another article repeats nearly word for word
//! (wire copy, a rewrite of the same report, the same statement quoted). The reader marks such a
//! sentence "also in …" with a link to the other article's sentence.
//!
//! Measured as containment of word shingles: the sentence's runs of [`SHINGLE`] words (as the
//! search index folded them), and the share of the smaller sentence's runs that the other has.
//! Containment rather than Jaccard because a rewrite often trims or extends a sentence
//! ("…trade council." against "…Trade Council (OTC)."); shingles rather than single words
//! because two sentences about the same thing share words without sharing a passage. Folding makes case and accents not matter.
//!
//! Computed for one article at a time (when the reader opens it), with no index of its own: the
//! search index names the articles that contain each sentence's [`RAREST`] rarest words (a
//! passage repeated at 60% or more keeps at least one of them, but for a contrived case), and
//! only their sentences, read as term ids from the index, are shingled and compared. Pure and
//! deterministic.
use std::collections::{HashMap, HashSet};

use super::Corpus;

/// Words per shingle.
pub const SHINGLE: usize = 4;
/// Sentences shorter than this many words are not compared: "He said so." repeats everywhere.
pub const MIN_WORDS: usize = 6;
/// Share of the smaller sentence's shingles the other must have.
pub const MIN_CONTAINMENT: f64 = 0.6;
/// Words per sentence whose articles are candidates (the rarest in the corpus).
const RAREST: usize = 3;

/// A sentence of the article that another article repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Echo {
    /// The sentence of the article asked about.
    pub sentence: u32,
    /// The other article (index into `Corpus::documents`) and its sentence.
    pub doc: u32,
    pub other: u32,
}

/// The sentences of article `doc` that other articles repeat, by sentence then article; for
/// each (sentence, other article) the best-matching sentence there.
pub fn echoes(corpus: &Corpus, doc: u32) -> Vec<Echo> {
    let index = &corpus.index;
    if doc as usize >= index.doc_sentences.len() {
        return Vec::new();
    }
    let mine: Vec<(u32, HashSet<u64>)> =
        sentence_terms(corpus, doc as usize).filter_map(|(s, terms)| shingles(terms).map(|set| (s, set))).collect();
    let mut owners: HashMap<u64, Vec<usize>> = HashMap::new();
    for (k, (_, set)) in mine.iter().enumerate() {
        for &h in set {
            owners.entry(h).or_default().push(k);
        }
    }
    if owners.is_empty() {
        return Vec::new();
    }
    let candidates = candidate_docs(corpus, doc as usize);
    // (my sentence, other doc) → (containment, other sentence)
    let mut best: HashMap<(u32, u32), (f64, u32)> = HashMap::new();
    for d in (0..index.doc_sentences.len()).filter(|&d| d != doc as usize && candidates[d]) {
        for (j, terms) in sentence_terms(corpus, d) {
            let Some(theirs) = shingles(terms) else { continue };
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for h in &theirs {
                for &k in owners.get(h).into_iter().flatten() {
                    *shared.entry(k).or_default() += 1;
                }
            }
            for (k, n) in shared {
                let containment = n as f64 / mine[k].1.len().min(theirs.len()) as f64;
                if containment >= MIN_CONTAINMENT {
                    let slot = best.entry((mine[k].0, d as u32)).or_insert((0.0, j));
                    if containment > slot.0 {
                        *slot = (containment, j);
                    }
                }
            }
        }
    }
    let mut out: Vec<Echo> =
        best.into_iter().map(|((sentence, doc), (_, other))| Echo { sentence, doc, other }).collect();
    out.sort_by_key(|e| (e.sentence, e.doc));
    out
}

/// Each indexed (not boilerplate) sentence of document `d` with its term ids, read from the
/// search index's positions (the text is not tokenised again).
fn sentence_terms(corpus: &Corpus, d: usize) -> impl Iterator<Item = (u32, &[u32])> + '_ {
    let positions = corpus.index.positions(d);
    let sentences = &corpus.index.doc_sentences[d];
    sentences.iter().enumerate().map(move |(k, &(s, offset))| {
        // Up to the next sentence's gap, or the document's end.
        let end = sentences.get(k + 1).map_or(positions.len(), |&(_, next)| next as usize - 1);
        (s, positions.get(offset as usize..end).unwrap_or(&[]))
    })
}

/// Articles that contain one of the [`RAREST`] rarest words of any sentence of `doc`.
fn candidate_docs(corpus: &Corpus, doc: usize) -> Vec<bool> {
    let index = &corpus.index;
    let mut out = vec![false; index.doc_sentences.len()];
    for (_, terms) in sentence_terms(corpus, doc) {
        let mut rare: Vec<u32> = terms.to_vec();
        rare.sort_by_key(|&t| (index.df(t), t));
        rare.dedup();
        for &t in rare.iter().take(RAREST) {
            for p in index.postings(t) {
                if let Some(c) = out.get_mut(p.doc as usize) {
                    *c = true;
                }
            }
        }
    }
    out
}

/// The set of hashed shingles of a sentence's terms, or `None` when it is too short to compare.
fn shingles(terms: &[u32]) -> Option<HashSet<u64>> {
    if terms.len() < MIN_WORDS {
        return None;
    }
    Some(terms.windows(SHINGLE).map(hash).collect())
}

/// FNV-1a over the term ids: stable across runs and platforms.
fn hash(ids: &[u32]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for id in ids {
        for b in id.to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Source;

    fn build(files: &[(&str, &str)]) -> Corpus {
        let sources: Vec<Source<'_>> = files.iter().map(|(id, text)| Source { id, text }).collect();
        Corpus::build(&sources, None)
    }

    #[test]
    fn a_sentence_repeated_with_small_changes_is_found_in_the_other_article() {
        let a = "Strike\n\nDock workers in Orvel walked out on Monday over unpaid overtime. The port was quiet.";
        let b = "Port news\n\nThe mayor spoke first. Dock workers in Orvel walked out on Monday over unpaid overtime, the union said.";
        let c = "Other\n\nDock workers elsewhere are paid on time and nobody walked out in Halden this year.";
        let corpus = build(&[("a", a), ("b", b), ("c", c)]);
        let found = echoes(&corpus, 0);
        assert_eq!(found.len(), 1, "{found:?}");
        let e = found[0];
        assert_eq!(corpus.documents[e.doc as usize].id, "b");
        assert!(corpus.documents[0].sentences[e.sentence as usize].text.starts_with("Dock workers"));
        assert!(corpus.documents[1].sentences[e.other as usize].text.starts_with("Dock workers"));
        // And the other way round.
        assert_eq!(echoes(&corpus, 1).iter().map(|e| e.doc).collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn shared_words_without_a_shared_passage_are_not_an_echo() {
        let a = "One\n\nThe council approved the harbour budget after a long debate on Monday.";
        let b = "Two\n\nAfter Monday's debate, a long one, the budget for the harbour was approved by the council.";
        assert!(echoes(&build(&[("a", a), ("b", b)]), 0).is_empty());
    }

    #[test]
    fn short_sentences_and_a_missing_article_give_nothing() {
        let a = "One\n\nHe said so. Yes.";
        let b = "Two\n\nHe said so. Yes.";
        let corpus = build(&[("a", a), ("b", b)]);
        assert!(echoes(&corpus, 0).is_empty());
        assert!(echoes(&corpus, 7).is_empty());
    }
}
