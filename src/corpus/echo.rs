//! Passages shared between articles: a sentence another article repeats nearly word for word
//! (wire copy, a rewrite of the same report, the same statement quoted). The reader marks such a
//! sentence "also in …" with a link to the other article's sentence.
//!
//! Measured as containment of word shingles: the sentence's runs of [`SHINGLE`] folded words,
//! and the share of the smaller sentence's runs that the other has. Containment rather than
//! Jaccard because a rewrite often trims or extends a sentence ("…alliance." against
//! "…Alliance (IACC)."); shingles rather than single words because two sentences about the same
//! thing share words without sharing a passage. Folding makes case and accents not matter.
//!
//! Computed for one article at a time (when the reader opens it): a pass over the other
//! articles' sentences with hash lookups, no index kept. Pure and deterministic.
use std::collections::{HashMap, HashSet};

use super::text::{fold, words};
use super::Corpus;

/// Words per shingle.
pub const SHINGLE: usize = 4;
/// Sentences shorter than this many words are not compared: "He said so." repeats everywhere.
pub const MIN_WORDS: usize = 6;
/// Share of the smaller sentence's shingles the other must have.
pub const MIN_CONTAINMENT: f64 = 0.6;

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
    let Some(document) = corpus.documents.get(doc as usize) else { return Vec::new() };
    let mine: Vec<(u32, HashSet<u64>)> = document
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.boilerplate)
        .filter_map(|(i, s)| shingles(&s.text).map(|set| (i as u32, set)))
        .collect();
    let mut owners: HashMap<u64, Vec<usize>> = HashMap::new();
    for (k, (_, set)) in mine.iter().enumerate() {
        for &h in set {
            owners.entry(h).or_default().push(k);
        }
    }
    if owners.is_empty() {
        return Vec::new();
    }
    // (my sentence, other doc) → (containment, other sentence)
    let mut best: HashMap<(u32, u32), (f64, u32)> = HashMap::new();
    for (d, other) in corpus.documents.iter().enumerate().filter(|&(d, _)| d as u32 != doc) {
        for (j, s) in other.sentences.iter().enumerate().filter(|(_, s)| !s.boilerplate) {
            let Some(theirs) = shingles(&s.text) else { continue };
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for h in &theirs {
                for &k in owners.get(h).into_iter().flatten() {
                    *shared.entry(k).or_default() += 1;
                }
            }
            for (k, n) in shared {
                let smaller = mine[k].1.len().min(theirs.len()) as f64;
                let containment = n as f64 / smaller;
                if containment >= MIN_CONTAINMENT {
                    let slot = best.entry((mine[k].0, d as u32)).or_insert((0.0, j as u32));
                    if containment > slot.0 {
                        *slot = (containment, j as u32);
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

/// The set of hashed shingles of a sentence, or `None` when it is too short to compare.
fn shingles(text: &str) -> Option<HashSet<u64>> {
    let folded: Vec<String> = words(text, &['\'', '-']).map(|w| fold(w.text)).collect();
    if folded.len() < MIN_WORDS {
        return None;
    }
    Some(folded.windows(SHINGLE).map(fnv).collect())
}

/// FNV-1a over the words (with a separator): stable across runs and platforms.
fn fnv(words: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.bytes().chain(std::iter::once(0)) {
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
