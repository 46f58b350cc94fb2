//! Inverted index and facets.
//!
//! Words are runs of letters and digits (an apostrophe inside a word is kept, a trailing "'s" is
//! dropped), lower-cased with common Latin accents folded to ASCII. Only the title and
//! non-boilerplate sentences are indexed. Positions: the title takes positions `0..T`, body tokens
//! follow with a one-position gap between sentences, so a phrase never spans two sentences.
//! Everything is precomputed here so that a search is a few passes over posting lists.
use std::collections::BTreeMap;

use super::{Document, Entity, Event};

#[derive(Clone, Debug, Default)]
pub struct Posting {
    pub doc: u32,
    /// How many of `positions` are in the title.
    pub title_tf: u32,
    /// Ascending token positions.
    pub positions: Vec<u32>,
}

#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Vocabulary, sorted, so prefixes are contiguous ranges.
    pub terms: Vec<String>,
    /// `postings[t]`: documents containing `terms[t]`, by ascending doc.
    pub postings: Vec<Vec<Posting>>,
    /// Token count per document (title + indexed body), for BM25 length normalisation.
    pub doc_len: Vec<u32>,
    pub avg_len: f32,
    /// Per document: term ids of the indexed body tokens in reading order.
    pub doc_tokens: Vec<Vec<u32>>,
    /// Per document: `(sentence index, offset into doc_tokens)` of each indexed sentence.
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
        let mut vocab: BTreeMap<String, u32> = BTreeMap::new();
        let mut postings: Vec<Vec<Posting>> = Vec::new();
        let mut doc_len = Vec::with_capacity(n);
        let mut doc_tokens = Vec::with_capacity(n);
        let mut doc_sentences = Vec::with_capacity(n);
        for (d, doc) in documents.iter().enumerate() {
            let d = d as u32;
            let mut pos = 0u32;
            let mut add = |word: &str, pos: u32, title: bool| -> u32 {
                let id = match vocab.get(word) {
                    Some(&id) => id,
                    None => {
                        let id = postings.len() as u32;
                        vocab.insert(word.to_string(), id);
                        postings.push(Vec::new());
                        id
                    }
                };
                let list = &mut postings[id as usize];
                if list.last().is_none_or(|p| p.doc != d) {
                    list.push(Posting { doc: d, title_tf: 0, positions: Vec::new() });
                }
                if let Some(p) = list.last_mut() {
                    p.positions.push(pos);
                    p.title_tf += u32::from(title);
                }
                id
            };
            for_each_token(&doc.title, |_, _, word| {
                add(word, pos, true);
                pos = pos.saturating_add(1);
            });
            let mut tokens = Vec::new();
            let mut sents = Vec::new();
            for (s, sentence) in doc.sentences.iter().enumerate() {
                if sentence.boilerplate {
                    continue;
                }
                pos = pos.saturating_add(1); // the gap before each sentence
                sents.push((s as u32, tokens.len() as u32));
                for_each_token(&sentence.text, |_, _, word| {
                    tokens.push(add(word, pos, false));
                    pos = pos.saturating_add(1);
                });
            }
            doc_len.push(pos);
            doc_tokens.push(tokens);
            doc_sentences.push(sents);
        }
        // Renumber terms in sorted order (the BTreeMap iterates sorted).
        let mut remap = vec![0u32; postings.len()];
        let mut terms = Vec::with_capacity(vocab.len());
        let mut sorted_postings = Vec::with_capacity(vocab.len());
        let mut old_postings: Vec<Option<Vec<Posting>>> = postings.into_iter().map(Some).collect();
        for (new_id, (term, old)) in vocab.into_iter().enumerate() {
            remap[old as usize] = new_id as u32;
            terms.push(term);
            sorted_postings.push(old_postings[old as usize].take().unwrap_or_default());
        }
        for tokens in &mut doc_tokens {
            for t in tokens.iter_mut() {
                *t = remap[*t as usize];
            }
        }
        let avg_len =
            if n == 0 { 1.0 } else { (doc_len.iter().map(|&l| l as f64).sum::<f64>() / n as f64).max(1.0) as f32 };

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
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            let key = |i: usize| (documents[i].date.map(|v| v.start).is_none(), documents[i].date.map(|v| v.start));
            key(a).cmp(&key(b)).then_with(|| documents[a].id.cmp(&documents[b].id)).then(a.cmp(&b))
        });
        let mut date_rank = vec![0u32; n];
        for (rank, &d) in order.iter().enumerate() {
            date_rank[d] = rank as u32;
        }
        Index {
            terms,
            postings: sorted_postings,
            doc_len,
            avg_len,
            doc_tokens,
            doc_sentences,
            doc_entities,
            doc_events,
            date_rank,
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

    /// The posting of `term` for `doc`, if the document contains it.
    pub fn posting(&self, term: u32, doc: u32) -> Option<&Posting> {
        let list = self.postings.get(term as usize)?;
        list.binary_search_by_key(&doc, |p| p.doc).ok().map(|i| &list[i])
    }
}

/// Calls `f(start, end, folded)` for every word of `text`; `start..end` is the byte span of the
/// word as written (char boundaries), `folded` its search form. One buffer is reused.
pub fn for_each_token(text: &str, mut f: impl FnMut(usize, usize, &str)) {
    let mut buf = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        buf.clear();
        fold_into(c, &mut buf);
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                fold_into(c, &mut buf);
                end = i + c.len_utf8();
                chars.next();
            } else if c == '\'' && text[i + 1..].chars().next().is_some_and(char::is_alphanumeric) {
                buf.push('\'');
                end = i + 1;
                chars.next();
            } else {
                break;
            }
        }
        // "Zentaro's" is indexed (and highlighted) as "Zentaro".
        if buf.ends_with("'s") && buf.len() > 2 {
            buf.truncate(buf.len() - 2);
            end -= 2;
        }
        f(start, end, &buf);
    }
}

/// The search form of one word (as produced by [`for_each_token`] for a single word).
pub fn fold(word: &str) -> String {
    let mut buf = String::with_capacity(word.len());
    for c in word.chars() {
        fold_into(c, &mut buf);
    }
    buf
}

fn fold_into(c: char, buf: &mut String) {
    if c.is_ascii() {
        buf.push(c.to_ascii_lowercase());
        return;
    }
    let folded = match c {
        'à'..='å' | 'À'..='Å' | 'ā' | 'Ā' => 'a',
        'ç' | 'Ç' | 'č' | 'Č' | 'ć' | 'Ć' => 'c',
        'è'..='ë' | 'È'..='Ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' | 'ī' => 'i',
        'ñ' | 'Ñ' | 'ń' => 'n',
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' | 'ō' | 'ő' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'š' | 'Š' | 'ś' => 's',
        'ž' | 'Ž' | 'ź' | 'ż' => 'z',
        'ł' | 'Ł' => 'l',
        _ => {
            buf.extend(c.to_lowercase());
            return;
        }
    };
    buf.push(folded);
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
        assert_eq!(fold("ÉCOLE"), "ecole");
    }

    #[test]
    fn prefix_ranges_and_positions() {
        let doc = crate::corpus::document::build(&crate::corpus::Source {
            id: "a",
            text: "Coal News\n\nThe coalition met. Coal prices rose.\n\nLeave a Reply",
        });
        let index = Index::build(&[doc], &[], &[]);
        let range = index.prefix_range("coal");
        let found: Vec<&str> = range.map(|t| index.terms[t as usize].as_str()).collect();
        assert_eq!(found, vec!["coal", "coalition"]);
        let coal = index.term("coal").unwrap();
        let p = index.posting(coal, 0).unwrap();
        assert_eq!((p.title_tf, p.positions.clone()), (1, vec![0, 7]));
        // Boilerplate is not indexed.
        assert_eq!(index.term("reply"), None);
        assert_eq!(index.doc_sentences[0], vec![(0, 0), (1, 3)]);
    }
}
