//! Inverted index and facets.
//!
//! Words are runs of letters and digits (an apostrophe inside a word is kept, a trailing "'s" is
//! dropped), lower-cased with common Latin accents folded to ASCII. Only the title and
//! non-boilerplate sentences are indexed. Positions: the title takes positions `0..T`, body tokens
//! follow with a one-position gap (`GAP`) before each sentence, so a phrase never spans two.
//! Everything is precomputed here so that a search is a few passes over posting lists.
use crate::corpus::order;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::text::{self, Fnv1a};
use super::types::{Document, Entity, Event};

/// Stands between the title and the first sentence and between sentences in a document's
/// positions, so a phrase never spans two of them.
pub const GAP: u32 = u32::MAX;

/// One (term, document) pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    /// Occurrences in the title and the indexed body.
    pub tf: u32,
    /// How many of those are in the title.
    pub title_tf: u32,
}

/// Flat arrays, not a `Vec` per posting: a few large allocations whatever the corpus size (the
/// heap and the start-up time in the browser both grow with the number of allocations).
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Vocabulary, sorted, so prefixes are contiguous ranges.
    pub terms: Vec<String>,
    /// Postings of term `t` are entries `term_start[t]..term_start[t + 1]` of the three `post_`
    /// arrays, by ascending document.
    term_start: Vec<u32>,
    post_doc: Vec<u32>,
    post_tf: Vec<u32>,
    post_title_tf: Vec<u32>,
    /// Every document's term ids by position: title, `GAP`, sentence, `GAP`, sentence… Document
    /// `d` owns `positions[doc_start[d]..doc_start[d + 1]]`.
    positions: Vec<u32>,
    doc_start: Vec<u32>,
    /// Title tokens per document (they come first in its positions).
    title_len: Vec<u32>,
    pub avg_len: f32,
    /// Per document: `(sentence index, offset of its first token in the document's positions)` of
    /// each indexed sentence.
    pub doc_sentences: Vec<Vec<(u32, u32)>>,
    /// Per document: entities it mentions, ascending.
    pub doc_entities: Vec<Vec<u32>>,
    /// Per document: its events (indices into `Corpus::events`), chronological.
    pub doc_events: Vec<Vec<u32>>,
    /// `date_rank[doc]`: place of the document when ordered by (date, id); undated last.
    pub date_rank: Vec<u32>,
}

impl Index {
    pub fn build(documents: &[Document], entities: &[Entity], events: &[Event]) -> Index {
        let n = documents.len();
        // Term ids in order of first appearance; renumbered in sorted order below, so the hash
        // map's order never reaches the output.
        let mut vocab: HashMap<String, u32, BuildHasherDefault<Fnv1a>> = HashMap::default();
        let mut positions: Vec<u32> = Vec::new();
        let mut doc_start = Vec::with_capacity(n + 1);
        let mut title_len = Vec::with_capacity(n);
        let mut doc_sentences = Vec::with_capacity(n);
        for doc in documents {
            let start = positions.len();
            doc_start.push(start as u32);
            let mut add = |word: &str, positions: &mut Vec<u32>| {
                let next = vocab.len() as u32;
                let id = match vocab.get(word) {
                    Some(&id) => id,
                    None => *vocab.entry(word.to_string()).or_insert(next),
                };
                positions.push(id);
            };
            for_each_token(&doc.title, |_, _, word| add(word, &mut positions));
            title_len.push((positions.len() - start) as u32);
            let mut sents = Vec::new();
            for (s, sentence) in doc.sentences.iter().enumerate() {
                if sentence.boilerplate {
                    continue;
                }
                positions.push(GAP);
                sents.push((s as u32, (positions.len() - start) as u32));
                for_each_token(&sentence.text, |_, _, word| add(word, &mut positions));
            }
            doc_sentences.push(sents);
        }
        doc_start.push(positions.len() as u32);

        // Sorted vocabulary; positions renumbered to it.
        let mut sorted: Vec<(String, u32)> = vocab.into_iter().collect();
        sorted.sort_unstable();
        let mut remap = vec![0u32; sorted.len()];
        for (new_id, (_, old)) in sorted.iter().enumerate() {
            remap[*old as usize] = new_id as u32;
        }
        let terms: Vec<String> = sorted.into_iter().map(|(term, _)| term).collect();
        for t in positions.iter_mut().filter(|t| **t != GAP) {
            *t = remap[*t as usize];
        }

        // Postings in two passes over the positions: count documents per term, then fill.
        let v = terms.len();
        let mut last_doc = vec![u32::MAX; v];
        let mut df = vec![0u32; v];
        for d in 0..n {
            for &t in &positions[doc_start[d] as usize..doc_start[d + 1] as usize] {
                if t != GAP && last_doc[t as usize] != d as u32 {
                    last_doc[t as usize] = d as u32;
                    df[t as usize] += 1;
                }
            }
        }
        let mut term_start = Vec::with_capacity(v + 1);
        let mut total = 0u32;
        for &count in &df {
            term_start.push(total);
            total += count;
        }
        term_start.push(total);
        let mut post_doc = vec![0u32; total as usize];
        let mut post_tf = vec![0u32; total as usize];
        let mut post_title_tf = vec![0u32; total as usize];
        // `slot[t]`: where the current document's posting of `t` is; `next[t]`: the next free one.
        let mut next: Vec<u32> = term_start[..v].to_vec();
        let mut slot = vec![0u32; v];
        last_doc.iter_mut().for_each(|l| *l = u32::MAX);
        for d in 0..n {
            let own = &positions[doc_start[d] as usize..doc_start[d + 1] as usize];
            for (p, &t) in own.iter().enumerate() {
                if t == GAP {
                    continue;
                }
                let t = t as usize;
                if last_doc[t] != d as u32 {
                    last_doc[t] = d as u32;
                    slot[t] = next[t];
                    next[t] += 1;
                    post_doc[slot[t] as usize] = d as u32;
                }
                post_tf[slot[t] as usize] += 1;
                post_title_tf[slot[t] as usize] += u32::from((p as u32) < title_len[d]);
            }
        }
        let avg_len = if n == 0 { 1.0 } else { (positions.len() as f64 / n as f64).max(1.0) as f32 };

        let mut doc_entities = vec![Vec::new(); n];
        for (e, entity) in entities.iter().enumerate() {
            for &d in &entity.docs {
                if let Some(list) = doc_entities.get_mut(d as usize) {
                    list.push(e as u32);
                }
            }
        }
        for list in &mut doc_entities {
            list.sort_unstable();
            list.dedup();
        }
        let mut doc_events = vec![Vec::new(); n];
        for (i, event) in events.iter().enumerate() {
            if let Some(list) = doc_events.get_mut(event.doc as usize) {
                list.push(i as u32);
            }
        }
        let mut by_date: Vec<usize> = (0..n).collect();
        // Stable: documents with the same date and id keep their corpus order.
        order::sort_by(&mut by_date, |&a, &b| {
            let key = |i: usize| (documents[i].date.map(|v| v.start).is_none(), documents[i].date.map(|v| v.start));
            key(a).cmp(&key(b)).then_with(|| documents[a].id.cmp(&documents[b].id))
        });
        let mut date_rank = vec![0u32; n];
        for (rank, &d) in by_date.iter().enumerate() {
            date_rank[d] = rank as u32;
        }
        Index {
            terms,
            term_start,
            post_doc,
            post_tf,
            post_title_tf,
            positions,
            doc_start,
            title_len,
            avg_len,
            doc_sentences,
            doc_entities,
            doc_events,
            date_rank,
        }
    }

    /// Number of documents indexed.
    pub fn doc_count(&self) -> usize {
        self.title_len.len()
    }

    /// Positions in document `d` (title and body, gaps included): the BM25 length.
    pub fn doc_len(&self, d: usize) -> u32 {
        self.positions(d).len() as u32
    }

    /// Document `d`'s term ids by position (see `GAP`).
    pub fn positions(&self, d: usize) -> &[u32] {
        match (self.doc_start.get(d), self.doc_start.get(d + 1)) {
            (Some(&a), Some(&b)) => &self.positions[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Title tokens of document `d` (its first positions).
    pub fn title_len(&self, d: usize) -> u32 {
        self.title_len.get(d).copied().unwrap_or(0)
    }

    /// How many documents contain term `t`.
    pub fn df(&self, t: u32) -> usize {
        let range = self.posting_range(t);
        range.end - range.start
    }

    /// The postings of term `t`, by ascending document.
    pub fn postings(&self, t: u32) -> impl Iterator<Item = Posting> + '_ {
        self.posting_range(t).map(|i| Posting {
            doc: self.post_doc[i],
            tf: self.post_tf[i],
            title_tf: self.post_title_tf[i],
        })
    }

    fn posting_range(&self, t: u32) -> std::ops::Range<usize> {
        let t = t as usize;
        match (self.term_start.get(t), self.term_start.get(t + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    /// Id of an exact term.
    pub fn term(&self, word: &str) -> Option<u32> {
        self.terms.binary_search_by(|t| t.as_str().cmp(word)).ok().map(|i| i as u32)
    }

    /// Ids of all terms starting with `prefix` (a contiguous range of the sorted vocabulary).
    pub fn prefix_range(&self, prefix: &str) -> std::ops::Range<u32> {
        let start = self.terms.partition_point(|t| t.as_str() < prefix);
        let len = self.terms[start..].partition_point(|t| t.starts_with(prefix));
        start as u32..(start + len) as u32
    }
}

/// Calls `f(start, end, folded)` for every word of `text`: `start..end` is the byte span of the
/// word as written (char boundaries), `folded` its search form ([`text::fold`]). Words are the
/// shared tokenizer's, with an apostrophe kept inside ("don't"). This loop is most of the
/// start-up index build (BENCHMARKS.md): one buffer is reused, and a word already in search form
/// is not copied.
pub fn for_each_token(text: &str, mut f: impl FnMut(usize, usize, &str)) {
    let bytes = text.as_bytes();
    let mut buf = String::new();
    for word in text::words(text, &['\'']) {
        let mut folded = text::folded(word.text, &mut buf);
        let (start, mut end) = (word.start, word.end);
        // "Zentaro's" is indexed (and highlighted) as "Zentaro" (only a plain ASCII "'s", so the
        // cut stays on a char boundary).
        if folded.len() > 2 && end >= start + 3 && bytes[end - 2] == b'\'' && matches!(bytes[end - 1], b's' | b'S') {
            folded = &folded[..folded.len() - 2];
            end -= 2;
        }
        f(start, end, folded);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        for_each_token(text, |s, e, w| out.push((w.to_string(), &text[s..e])));
        out
    }

    #[test]
    fn tokens_fold_and_drop_possessive() {
        let w = words("Zentaro's Café, don't U.S. e-commerce 2.4");
        let folded: Vec<&str> = w.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(folded, vec!["zentaro", "cafe", "don't", "u", "s", "e", "commerce", "2", "4"]);
        assert_eq!(w[0].1, "Zentaro");
        assert_eq!(words("it's '' 's x'").len(), 3);
        // Only an ASCII "'s" is cut, so spans stay on char boundaries.
        assert_eq!(words("Ana'ś"), vec![("ana's".to_string(), "Ana'ś")]);
        assert_eq!(words("ÉCOLE's café"), vec![("ecole".to_string(), "ÉCOLE"), ("cafe".to_string(), "café")]);
        assert_eq!(text::fold("ÉCOLE"), "ecole");
    }

    #[test]
    fn prefix_ranges_and_positions() {
        let doc = crate::corpus::document::build(&crate::corpus::types::Source {
            id: "a",
            text: "Coal News\n\nThe coalition met. Coal prices rose.\n\nLeave a Reply",
        });
        let index = Index::build(&[doc], &[], &[]);
        let range = index.prefix_range("coal");
        let found: Vec<&str> = range.map(|t| index.terms[t as usize].as_str()).collect();
        assert_eq!(found, vec!["coal", "coalition"]);
        let coal = index.term("coal").unwrap();
        let p: Vec<Posting> = index.postings(coal).collect();
        assert_eq!(p, vec![Posting { doc: 0, tf: 2, title_tf: 1 }]);
        let at: Vec<usize> =
            index.positions(0).iter().enumerate().filter(|(_, &t)| t == coal).map(|(i, _)| i).collect();
        assert_eq!(at, vec![0, 7], "title word 0; after the gap, 'the coalition met', gap, 'coal'");
        assert_eq!(index.title_len(0), 2);
        assert_eq!(index.doc_len(0), 10);
        // Boilerplate is not indexed.
        assert_eq!(index.term("reply"), None);
        assert_eq!(index.doc_sentences[0], vec![(0, 3), (1, 7)]);
    }
}
