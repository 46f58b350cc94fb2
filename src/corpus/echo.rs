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
//! Computed for the whole corpus at once ([`Shingles`]): every comparable sentence's shingles
//! are hashed and sorted, so the sentences that share one are neighbours, and each sentence is
//! compared only with the sentences that share a shingle with it. A shingle that more than
//! [`MAX_SHARED`] articles have is no evidence of a copied passage (a slogan, a standard line
//! under every article of an outlet, a phrase of the language) and links nothing; that also
//! bounds the work on a corpus of any size (the static corpus stores every article's passages,
//! `corpus::shelf`). Pure and deterministic.
use crate::corpus::order;
use std::collections::HashMap;

use super::Corpus;

/// Words per shingle.
pub const SHINGLE: usize = 4;
/// Sentences shorter than this many words are not compared: "He said so." repeats everywhere.
pub const MIN_WORDS: usize = 6;
/// Share of the smaller sentence's shingles the other must have.
pub const MIN_CONTAINMENT: f64 = 0.6;
/// A shingle in more articles than this links nothing (see the module's comment).
pub const MAX_SHARED: usize = 64;
/// Other articles a reader names after a repeated sentence (earliest first); the rest are
/// counted. The static corpus stores no more than these.
pub const SHOWN: usize = 3;

/// A sentence of the article that another article repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Echo {
    /// The sentence of the article asked about.
    pub sentence: u32,
    /// The other article (index into `Corpus::documents`) and its sentence.
    pub doc: u32,
    pub other: u32,
}

/// Every comparable sentence (indexed, at least [`MIN_WORDS`] words) and which of them share
/// each shingle: built once per corpus, then asked per article ([`Shingles::echoes`]).
pub struct Shingles {
    /// Per comparable sentence, numbered in (article, sentence) order: its article, its
    /// sentence number there and how many distinct shingles it has.
    sentences: Vec<(u32, u32, u32)>,
    /// `(shingle, comparable sentence)` sorted, for the shingles of 2 to [`MAX_SHARED`]
    /// articles only: the others link nothing.
    table: Vec<(u64, u32)>,
}

impl Shingles {
    pub fn new(corpus: &Corpus) -> Shingles {
        let mut sentences = Vec::new();
        let mut all: Vec<(u64, u32, u32)> = Vec::new();
        for d in 0..corpus.index.doc_sentences.len() {
            for (s, terms) in sentence_terms(corpus, d) {
                if let Some(hashes) = shingles(terms) {
                    let id = sentences.len() as u32;
                    sentences.push((d as u32, s, hashes.len() as u32));
                    all.extend(hashes.into_iter().map(|h| (h, id, d as u32)));
                }
            }
        }
        all.sort_unstable();
        let mut table = Vec::new();
        for group in all.chunk_by(|a, b| a.0 == b.0) {
            // Sorted by sentence, so by article: count the distinct articles in one pass.
            let articles = 1 + group.windows(2).filter(|w| w[0].2 != w[1].2).count();
            if (2..=MAX_SHARED).contains(&articles) {
                table.extend(group.iter().map(|&(h, id, _)| (h, id)));
            }
        }
        Shingles { sentences, table }
    }

    /// The sentences of article `doc` that other articles repeat, by sentence then article;
    /// for each (sentence, other article) the best-matching sentence there (the first of
    /// equals).
    pub fn echoes(&self, corpus: &Corpus, doc: u32) -> Vec<Echo> {
        if doc as usize >= corpus.index.doc_sentences.len() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (s, terms) in sentence_terms(corpus, doc as usize) {
            let Some(mine) = shingles(terms) else { continue };
            // Other comparable sentences → shingles shared with this one.
            let mut shared: HashMap<u32, u32> = HashMap::new();
            for h in &mine {
                let start = self.table.partition_point(|&(x, _)| x < *h);
                for &(_, t) in self.table[start..].iter().take_while(|&&(x, _)| x == *h) {
                    if self.sentences[t as usize].0 != doc {
                        *shared.entry(t).or_default() += 1;
                    }
                }
            }
            let mut linked: Vec<(u32, f64)> = shared
                .into_iter()
                .map(|(t, n)| (t, f64::from(n) / f64::from(self.sentences[t as usize].2.min(mine.len() as u32))))
                .filter(|&(_, c)| c >= MIN_CONTAINMENT)
                .collect();
            order::sort_by_key(&mut linked, |&(t, _)| t);
            // Per other article, the best of its sentences (ids ascend within an article).
            let mut best: Vec<(u32, u32, f64)> = Vec::new();
            for (t, c) in linked {
                let (other_doc, other, _) = self.sentences[t as usize];
                match best.last_mut() {
                    Some(last) if last.0 == other_doc => {
                        if c > last.2 {
                            *last = (other_doc, other, c);
                        }
                    }
                    _ => best.push((other_doc, other, c)),
                }
            }
            out.extend(best.into_iter().map(|(d, other, _)| Echo { sentence: s, doc: d, other }));
        }
        out
    }
}

/// The sentences of article `doc` that other articles repeat ([`Shingles::echoes`]). Builds
/// the corpus's shingles for one question: to ask about many articles, build [`Shingles`] once.
pub fn echoes(corpus: &Corpus, doc: u32) -> Vec<Echo> {
    Shingles::new(corpus).echoes(corpus, doc)
}

/// [`echoes`] of every article, by article: what the static corpus stores for its reader
/// (`corpus::shelf`). Natively the articles are spread over `threads` threads; the answer is
/// the same.
pub fn all(corpus: &Corpus, threads: usize) -> Vec<Vec<Echo>> {
    let shingles = Shingles::new(corpus);
    let docs: Vec<u32> = (0..corpus.index.doc_sentences.len() as u32).collect();
    super::par::map(&docs, threads, |&d| shingles.echoes(corpus, d))
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

/// The distinct hashed shingles of a sentence's terms, sorted, or `None` when it is too short
/// to compare.
fn shingles(terms: &[u32]) -> Option<Vec<u64>> {
    if terms.len() < MIN_WORDS {
        return None;
    }
    let mut hashes: Vec<u64> = terms.windows(SHINGLE).map(hash).collect();
    hashes.sort_unstable();
    hashes.dedup();
    Some(hashes)
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
    fn a_passage_in_more_articles_than_the_limit_links_nothing_and_a_rarer_one_still_does() {
        let everywhere = "The harbour board confirmed the new ferry timetable for the winter season.";
        let texts: Vec<(String, String)> = (0..=MAX_SHARED)
            .map(|i| {
                let extra =
                    if i < 2 { " Dock workers in Orvel walked out on Monday over unpaid overtime." } else { "" };
                (format!("a{i:03}"), format!("Notice {i}\n\n{everywhere}{extra} Item {i} follows."))
            })
            .collect();
        let sources: Vec<Source<'_>> = texts.iter().map(|(id, text)| Source { id, text }).collect();
        let corpus = Corpus::build(&sources, None);
        let shingles = Shingles::new(&corpus);
        let found = shingles.echoes(&corpus, 0);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(corpus.documents[0].sentences[found[0].sentence as usize].text.starts_with("Dock workers"));
        assert_eq!(found[0].doc, 1);
        assert!(shingles.echoes(&corpus, 5).is_empty(), "a line under every article is no shared passage");
        // One table answers for every article as `echoes` does for one.
        assert_eq!(all(&corpus, 2)[1], echoes(&corpus, 1));
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
