//! Queries over the index: text (words, "phrases", prefix*), required and excluded entities, a
//! date range.
//!
//! Text syntax: bare words (all must match), `"quoted phrases"` (consecutive words inside one
//! sentence or the title; an unclosed quote runs to the end), and `prefix*`. While typing (the
//! text does not end with a space), the last bare word of three or more characters also matches
//! as a prefix, so "coa" already finds "coalition", and a last bare word of one letter or digit
//! is not searched yet: "a" alone matches nearly every article and two letters nearly every
//! word, which on a served corpus means fetching most of its files for a keystroke the next
//! one replaces ("a " with the space searches for the word). A bare word that
//! the tokenizer splits ("e-commerce") is a phrase. Ranking is BM25 (k1 = 1.2, b = 0.75) with
//! title occurrences counted three times; with no text terms, documents come by date then id.
use super::index::{for_each_token, Index};
use super::time::Day;
use super::types::Event;
use super::Corpus;
use crate::corpus::order;
use std::sync::Arc;

/// Characters a word being typed needs before it also matches as a prefix (see the module
/// docs).
pub const MIN_PREFIX: usize = 3;

/// How many hits `search` gives a snippet: a page of results. Past it, snippets are computed on
/// demand, so a keystroke at 10 000 matching documents does not build 10 000 snippets.
pub const SNIPPET_LIMIT: usize = 50;

/// Everything the reader can filter by. The UI keeps exactly one of these (mirrored in the URL).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Free text: words (all must match, prefix-aware for the last one while typing),
    /// "quoted phrases", and `prefix*`.
    pub text: String,
    /// Entities (indices into `Corpus::entities`) a document must mention.
    pub include: Vec<u32>,
    /// Entities a document must not mention.
    pub exclude: Vec<u32>,
    /// Inclusive date range; a document matches when one of its events overlaps it.
    pub from: Option<Day>,
    pub to: Option<Day>,
}

impl Query {
    /// Whether `other` has this query's answer: the same terms, names and dates, whatever
    /// else its text holds (a first letter not yet searched for, a second space).
    pub fn answers_as(&self, other: &Query) -> bool {
        let same_filters = self.include == other.include
            && self.exclude == other.exclude
            && (self.from, self.to) == (other.from, other.to);
        same_filters && (self.text == other.text || parse_terms(&self.text) == parse_terms(&other.text))
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// Matching documents, best first.
    pub hits: Vec<Hit>,
    /// For each entity (same index as `Corpus::entities`): how many matching documents mention it.
    pub entity_counts: Vec<u32>,
    /// Events (indices into `Corpus::events`) of matching documents that fall in the date range,
    /// in chronological order.
    /// Shared, not copied: at 100 000 served articles a broad word's events are ~10^6 numbers,
    /// and the counts kept for the next filter, the answer and the page all hold them.
    pub events: Arc<[u32]>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Index into `Corpus::documents`.
    pub doc: u32,
    pub score: f32,
    /// Filled for the first [`SNIPPET_LIMIT`] hits; empty after that (see [`Corpus::snippet`]).
    pub snippet: Snippet,
}

/// A short excerpt with the byte ranges (into `text`) to highlight.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<(u32, u32)>,
    /// The sentence the snippet comes from (index into the document's `sentences`), if any.
    pub sentence: Option<u32>,
}

/// One parsed text term, in search form (folded words).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    Word(String),
    Prefix(String),
    Phrase(Vec<String>),
}

/// Snippets are cut to about this many bytes around the first highlight.
const SNIPPET_BYTES: usize = 200;
const K1: f32 = 1.2;
const B: f32 = 0.75;
pub(super) const TITLE_WEIGHT: u32 = 3;

/// Parses the free text of a query (see the module comment for the syntax).
pub fn parse_terms(text: &str) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    let mut rest = text;
    let typing = !text.ends_with(char::is_whitespace);
    let mut last_bare: Option<usize> = None;
    while !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(inner) = rest.strip_prefix('"') {
            let (phrase, after) = match inner.find('"') {
                Some(i) => (&inner[..i], &inner[i + 1..]),
                None => (inner, ""),
            };
            let words = words_of(phrase);
            match words.len() {
                0 => {}
                1 => terms.push(Term::Word(words.into_iter().next().unwrap_or_default())),
                _ => terms.push(Term::Phrase(words)),
            }
            last_bare = None;
            rest = after;
            continue;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '"').unwrap_or(rest.len());
        let chunk = &rest[..end];
        rest = &rest[end..];
        if chunk.is_empty() {
            continue;
        }
        let star = chunk.ends_with('*');
        let mut words = words_of(chunk);
        match words.len() {
            0 => last_bare = None,
            1 => {
                let w = words.pop().unwrap_or_default();
                last_bare = (!star).then_some(terms.len());
                terms.push(if star { Term::Prefix(w) } else { Term::Word(w) });
            }
            _ => {
                last_bare = None;
                terms.push(Term::Phrase(words));
            }
        }
        if !rest.is_empty() {
            // Only the very last chunk is "being typed".
            if rest.trim_start().is_empty() {
                continue;
            }
            last_bare = None;
        }
    }
    if typing {
        if let Some(i) = last_bare {
            if let Some(Term::Word(w)) = terms.get(i) {
                // By bytes: one ASCII letter or digit waits; one CJK character is a word.
                if w.len() == 1 {
                    terms.remove(i);
                } else if w.chars().count() >= MIN_PREFIX {
                    terms[i] = Term::Prefix(w.clone());
                }
            }
        }
    }
    let mut unique: Vec<Term> = Vec::with_capacity(terms.len());
    for t in terms {
        if !unique.contains(&t) {
            unique.push(t);
        }
    }
    unique
}

fn words_of(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_token(text, |_, _, w| words.push(w.to_string()));
    words
}

/// A term resolved against the vocabulary.
enum Group {
    /// Any of these term ids (one for a word, a range for a prefix; empty = matches nothing).
    Any(Vec<u32>),
    /// These term ids at consecutive positions (`None` inside: a word not in the corpus).
    Phrase(Vec<Option<u32>>),
}

fn resolve(index: &Index, terms: &[Term]) -> Vec<Group> {
    terms
        .iter()
        .map(|t| match t {
            Term::Word(w) => Group::Any(index.term(w).into_iter().collect()),
            Term::Prefix(p) => Group::Any(index.prefix_range(p).collect()),
            Term::Phrase(ws) => Group::Phrase(ws.iter().map(|w| index.term(w)).collect()),
        })
        .collect()
}

pub(super) fn bm25(idf: f32, tf: u32, doc_len: u32, avg_len: f32) -> f32 {
    let tf = tf as f32;
    idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * doc_len as f32 / avg_len))
}

pub(super) fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Occurrences of a phrase in one document (title + body), and its title occurrences.
fn phrase_count(index: &Index, ids: &[u32], doc: u32) -> (u32, u32) {
    let Some(&first) = ids.first() else { return (0, 0) };
    let positions = index.positions(doc as usize);
    let title_len = index.title_len(doc as usize) as usize;
    let (mut all, mut title) = (0, 0);
    for (p, window) in positions.windows(ids.len()).enumerate() {
        if window[0] == first && window == ids {
            all += 1;
            title += u32::from(p < title_len);
        }
    }
    (all, title)
}

impl Corpus {
    pub fn search(&self, query: &Query) -> Results {
        let index = &self.index;
        let n = self.documents.len().min(index.doc_count());
        let terms = parse_terms(&query.text);
        let groups = resolve(index, &terms);
        let (docs, score) = self.ranked(query, &groups);
        let range = date_range(query);
        let mut entity_counts = vec![0u32; self.entities.len()];
        for &d in &docs {
            for &e in &index.doc_entities[d as usize] {
                if let Some(c) = entity_counts.get_mut(e as usize) {
                    *c += 1;
                }
            }
        }
        let in_range = |e: &Event| range.is_none_or(|(from, to)| e.date.overlaps(from, to));
        // Events of the matching documents, in corpus (chronological) order. When many documents
        // match, one pass over all events is cheaper than gathering and sorting theirs.
        let events: Vec<u32> = if docs.len() * 4 >= n {
            let mut is_hit = vec![false; n];
            for &d in &docs {
                is_hit[d as usize] = true;
            }
            let hit_event = |e: &Event| is_hit.get(e.doc as usize).copied().unwrap_or(false) && in_range(e);
            (0..self.events.len() as u32).filter(|&i| hit_event(&self.events[i as usize])).collect()
        } else {
            let mut events: Vec<u32> = docs
                .iter()
                .flat_map(|&d| index.doc_events[d as usize].iter().copied())
                .filter(|&e| self.events.get(e as usize).is_some_and(in_range))
                .collect();
            events.sort_unstable();
            events
        };
        // Snippets cost a sentence scan each: only the first page gets one here; the UI asks
        // `Corpus::snippet` for rows it shows beyond that.
        let hits = hits(&docs, &score, |d| self.snippet_for(d, &terms, &groups));
        Results { hits, entity_counts, events: events.into() }
    }

    /// The articles `query` matches, best first as [`Corpus::search`] lists them, and every
    /// article's score (0 for those that do not match).
    fn ranked(&self, query: &Query, groups: &[Group]) -> (Vec<u32>, Vec<f32>) {
        let index = &self.index;
        let n = self.documents.len().min(index.doc_count());
        let mut alive = vec![true; n];
        let mut score = vec![0f32; n];
        let mut matched = vec![false; n];
        for group in groups {
            matched.iter_mut().for_each(|m| *m = false);
            match group {
                Group::Any(ids) => {
                    for &t in ids {
                        let w = idf(n, index.df(t));
                        for p in index.postings(t) {
                            let d = p.doc as usize;
                            if d >= n || !alive[d] {
                                continue;
                            }
                            matched[d] = true;
                            let tf = p.tf + (TITLE_WEIGHT - 1) * p.title_tf;
                            score[d] += bm25(w, tf, index.doc_len(d), index.avg_len);
                        }
                    }
                }
                Group::Phrase(ids) => {
                    let ids: Option<Vec<u32>> = ids.iter().copied().collect();
                    if let Some(ids) = ids.filter(|ids| !ids.is_empty()) {
                        let w: f32 = ids.iter().map(|&t| idf(n, index.df(t))).sum();
                        for p in index.postings(ids[0]) {
                            let d = p.doc as usize;
                            if d >= n || !alive[d] {
                                continue;
                            }
                            let (all, title) = phrase_count(index, &ids, p.doc);
                            if all > 0 {
                                matched[d] = true;
                                score[d] += bm25(w, all + (TITLE_WEIGHT - 1) * title, index.doc_len(d), index.avg_len);
                            }
                        }
                    }
                }
            }
            for (a, m) in alive.iter_mut().zip(&matched) {
                *a &= *m;
            }
        }
        let range = date_range(query);
        let mut docs: Vec<u32> = Vec::new();
        for (d, &ok) in alive.iter().enumerate() {
            if ok && self.passes_filters(d, query, range) {
                docs.push(d as u32);
            }
        }
        rank(&mut docs, !groups.is_empty(), &score, |d| index.date_rank[d as usize]);
        (docs, score)
    }

    /// The first `page` articles [`Corpus::search`] lists for `query`, without counting or
    /// snippets: what a static corpus's first-page files hold ([`super::shelf`]).
    pub fn first_page(&self, query: &Query, page: usize) -> Vec<u32> {
        let groups = resolve(&self.index, &parse_terms(&query.text));
        let mut docs = self.ranked(query, &groups).0;
        docs.truncate(page);
        docs
    }

    /// Byte ranges of `text` that match the query's text terms: for highlighting in the reader.
    /// Sorted, non-overlapping.
    pub fn highlight(&self, query: &Query, text: &str) -> Vec<(u32, u32)> {
        highlight_terms(&parse_terms(&query.text), text)
    }

    fn passes_filters(&self, d: usize, query: &Query, range: Option<(Day, Day)>) -> bool {
        let mentioned = &self.index.doc_entities[d];
        if !query.include.iter().all(|e| mentioned.binary_search(e).is_ok()) {
            return false;
        }
        if query.exclude.iter().any(|e| mentioned.binary_search(e).is_ok()) {
            return false;
        }
        match range {
            None => true,
            Some((from, to)) => self.index.doc_events[d]
                .iter()
                .any(|&e| self.events.get(e as usize).is_some_and(|ev| ev.date.overlaps(from, to))),
        }
    }

    /// The snippet of one document under a query (for hits past [`SNIPPET_LIMIT`]).
    pub fn snippet(&self, query: &Query, doc: u32) -> Snippet {
        if doc as usize >= self.documents.len().min(self.index.doc_sentences.len()) {
            return Snippet::default();
        }
        let terms = parse_terms(&query.text);
        let groups = resolve(&self.index, &terms);
        self.snippet_for(doc, &terms, &groups)
    }

    /// The best sentence of a hit: the first one matching the most distinct terms (or the first
    /// indexed sentence when there are no text terms), cut around its first highlight.
    fn snippet_for(&self, doc: u32, terms: &[Term], groups: &[Group]) -> Snippet {
        let index = &self.index;
        let d = doc as usize;
        let sents = &index.doc_sentences[d];
        let tokens = index.positions(d);
        let mut best: Option<(u32, u32)> = sents.first().map(|&(s, _)| (s, 0));
        if !groups.is_empty() {
            let full = groups.len().min(64);
            for (k, &(s, start)) in sents.iter().enumerate() {
                let end = sents.get(k + 1).map_or(tokens.len(), |&(_, e)| e as usize);
                let sentence_tokens = tokens.get(start as usize..end).unwrap_or(&[]);
                let found = groups_in(sentence_tokens, &groups[..full]);
                if best.is_none_or(|(_, b)| found > b) {
                    best = Some((s, found));
                }
                if found as usize == full {
                    break;
                }
            }
        }
        let Some((s, _)) = best else { return Snippet::default() };
        let Some(sentence) = self.documents[d].sentences.get(s as usize) else { return Snippet::default() };
        let highlights = highlight_terms(terms, &sentence.text);
        let (text, highlights) = cut(&sentence.text, &highlights);
        Snippet { text, highlights, sentence: Some(s) }
    }
}

pub(super) fn date_range(query: &Query) -> Option<(Day, Day)> {
    if query.from.is_none() && query.to.is_none() {
        return None;
    }
    let from = query.from.unwrap_or(Day { year: 1, month: 1, day: 1 });
    let to = query.to.unwrap_or(Day { year: 9999, month: 12, day: 31 });
    // A reversed range is read as the same span, not as an empty filter.
    Some(if from <= to { (from, to) } else { (to, from) })
}

/// Orders matching documents: by score, best first, when the query has text terms, else by
/// date; ties by date. `date_rank` is unique per document, so every key is unique and the
/// order is total. Each document's place is one number (its score in `f32::total_cmp`'s order,
/// reversed, above its date rank) sorted digit by digit: time linear in the hits, where a
/// comparison sort of 100 000 hits was ~8 ms of each new query in the page (a CPU profile of
/// the served site).
pub(super) fn rank(docs: &mut [u32], by_score: bool, score: &[f32], date_rank: impl Fn(u32) -> u32) {
    let mut keyed: Vec<(u64, u32)> = docs
        .iter()
        .map(|&d| {
            let best_first = if by_score { descending(score[d as usize]) } else { 0 };
            ((u64::from(best_first) << 32) | u64::from(date_rank(d)), d)
        })
        .collect();
    radix_sort(&mut keyed);
    for (slot, (_, d)) in docs.iter_mut().zip(keyed) {
        *slot = d;
    }
}

/// `x` as an unsigned number whose order is `f32::total_cmp`'s, reversed: a higher score is a
/// smaller number.
fn descending(x: f32) -> u32 {
    // total_cmp's own key (a signed integer in the float's total order), then shifted to
    // unsigned and inverted.
    let bits = x.to_bits() as i32;
    let ordered = bits ^ ((((bits >> 31) as u32) >> 1) as i32);
    !((ordered as u32) ^ 0x8000_0000)
}

/// Sorts by the key, least significant digit first; a digit every key shares is skipped (the
/// high bits of a small corpus's date ranks, the score of a query without words). Digits are
/// 16 bits for many items (four passes at most; natively, at opt-level "z", 100 000 hits in
/// 2.6 ms against the comparison sort's 6.8) and 8 bits for few, whose counting table would
/// cost more than the items.
fn radix_sort(items: &mut Vec<(u64, u32)>) {
    let bits = if items.len() > 1 << 14 { 16 } else { 8 };
    let mut spare = vec![(0u64, 0u32); items.len()];
    let mut counts = vec![0usize; 1 << bits];
    for shift in (0..64).step_by(bits) {
        let digit = |key: u64| ((key >> shift) & ((1 << bits) - 1)) as usize;
        counts.iter_mut().for_each(|c| *c = 0);
        for &(key, _) in items.iter() {
            counts[digit(key)] += 1;
        }
        if counts.contains(&items.len()) {
            continue;
        }
        let mut start = 0;
        for c in counts.iter_mut() {
            (*c, start) = (start, start + *c);
        }
        for &item in items.iter() {
            let at = &mut counts[digit(item.0)];
            spare[*at] = item;
            *at += 1;
        }
        std::mem::swap(items, &mut spare);
    }
}

/// The list sorted by date, as positions into `hits`: newest first (by the article's start
/// day, `start`), undated last, ties in the hits' own (relevance) order. One function for the
/// embedded list and the served one, so both sort alike.
pub fn newest_first(hits: &[Hit], start: impl Fn(u32) -> Option<Day>) -> Vec<u32> {
    let mut list: Vec<u32> = (0..hits.len() as u32).collect();
    let day = |i: u32| start(hits[i as usize].doc);
    // Stable, so ties keep the relevance order; `None` (undated) sorts below every day.
    order::sort_ids_by(&mut list, |a, b| day(b).cmp(&day(a)));
    list
}

/// The ranked documents as hits, a snippet for the first [`SNIPPET_LIMIT`] only.
pub(super) fn hits(docs: &[u32], score: &[f32], snippet: impl Fn(u32) -> Snippet) -> Vec<Hit> {
    docs.iter()
        .enumerate()
        .map(|(rank, &d)| Hit {
            doc: d,
            score: score[d as usize],
            snippet: if rank < SNIPPET_LIMIT { snippet(d) } else { Snippet::default() },
        })
        .collect()
}

/// How many of `groups` occur in a sentence's tokens.
fn groups_in(tokens: &[u32], groups: &[Group]) -> u32 {
    let mut count = 0;
    for g in groups {
        let hit = match g {
            Group::Any(ids) => tokens.iter().any(|t| ids.binary_search(t).is_ok()),
            Group::Phrase(ids) => {
                !ids.is_empty() && tokens.windows(ids.len()).any(|w| w.iter().zip(ids).all(|(t, id)| Some(*t) == *id))
            }
        };
        count += u32::from(hit);
    }
    count
}

/// Byte ranges of the words of `text` matching `terms`.
pub fn highlight_terms(terms: &[Term], text: &str) -> Vec<(u32, u32)> {
    if terms.is_empty() {
        return Vec::new();
    }
    // One arena for all folded words: no allocation per word (this runs for every hit).
    let mut arena = String::with_capacity(text.len());
    let mut words: Vec<(u32, u32, usize, usize)> = Vec::new();
    for_each_token(text, |s, e, w| {
        let a = arena.len();
        arena.push_str(w);
        words.push((s as u32, e as u32, a, arena.len()));
    });
    let word = |k: usize| words.get(k).map_or("", |&(_, _, a, b)| &arena[a..b]);
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for (k, &(start, end, _, _)) in words.iter().enumerate() {
        for term in terms {
            let span = match term {
                Term::Word(w) => (word(k) == w).then_some(end),
                Term::Prefix(p) => word(k).starts_with(p.as_str()).then_some(end),
                Term::Phrase(ws) => {
                    let whole = k + ws.len() <= words.len() && ws.iter().enumerate().all(|(i, w)| word(k + i) == w);
                    whole.then(|| words[k + ws.len() - 1].1)
                }
            };
            if let Some(e) = span {
                ranges.push((start, e));
            }
        }
    }
    order::sort(&mut ranges);
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// Cuts `text` to about [`SNIPPET_BYTES`] around the first highlight, on word and char
/// boundaries, with "…" where text was dropped; highlights are shifted and clipped to match.
fn cut(text: &str, highlights: &[(u32, u32)]) -> (String, Vec<(u32, u32)>) {
    if text.len() <= SNIPPET_BYTES {
        return (text.to_string(), highlights.to_vec());
    }
    let first = highlights.first().map_or(0, |h| h.0 as usize);
    let mut start = floor_boundary(text, first.saturating_sub(SNIPPET_BYTES / 3));
    if start > 0 {
        // Start on a word: just after the nearest space before `first`.
        start = text[start..first.max(start)].find(' ').map_or(start, |i| start + i + 1);
    }
    let mut end = floor_boundary(text, (start + SNIPPET_BYTES).min(text.len()));
    if end < text.len() {
        if let Some(space) = text[start..end].rfind(' ').filter(|&i| i > SNIPPET_BYTES / 2) {
            end = start + space;
        }
    }
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < text.len() { "…" } else { "" };
    let out = format!("{prefix}{}{suffix}", &text[start..end]);
    let shift = prefix.len() as i64 - start as i64;
    let clipped = highlights
        .iter()
        .filter(|&&(s, e)| (s as usize) < end && (e as usize) > start)
        .map(|&(s, e)| {
            let s = (s as usize).max(start) as i64 + shift;
            let e = (e as usize).min(end) as i64 + shift;
            (s as u32, e as u32)
        })
        .collect();
    (out, clipped)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::index::Index;
    use crate::corpus::time::DateValue;
    use crate::corpus::types::{Entity, EntityKind, Event, Source};

    #[test]
    fn ranking_orders_as_total_cmp_then_date_rank() {
        // Scores with ties, zeros of both signs, negatives and infinities; date ranks reversed
        // from the numbers so the tie-break is visible.
        let score = [1.5, -0.0, 0.0, 2.25, 1.5, f32::INFINITY, -3.0, 0.0, f32::NEG_INFINITY, 1.5, 1e-30, 7.0];
        let n = score.len() as u32;
        let date_rank = |d: u32| (n - d) * 1000;
        let mut docs: Vec<u32> = (0..n).collect();
        let mut expected = docs.clone();
        expected
            .sort_by(|&a, &b| score[b as usize].total_cmp(&score[a as usize]).then(date_rank(a).cmp(&date_rank(b))));
        rank(&mut docs, true, &score, date_rank);
        assert_eq!(docs, expected);
        assert_eq!(docs[0], 5, "infinity first");
        assert_eq!(docs[..2], [5, 11]);
        // Without words: by date rank alone.
        let mut docs: Vec<u32> = vec![3, 0, 7, 1];
        rank(&mut docs, false, &score, date_rank);
        assert_eq!(docs, vec![7, 3, 1, 0]);
    }

    #[test]
    fn ranking_many_hits_orders_as_the_comparison_sort() {
        // Enough hits for the 16-bit digits; scores from a few hundred values, so ties abound.
        let n = 40_000u32;
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let score: Vec<f32> = (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x % 300) as f32 / 7.0 - 5.0
            })
            .collect();
        let date_rank = |d: u32| (d * 7919) % n;
        let mut docs: Vec<u32> = (0..n).rev().collect();
        let mut expected = docs.clone();
        expected
            .sort_by(|&a, &b| score[b as usize].total_cmp(&score[a as usize]).then(date_rank(a).cmp(&date_rank(b))));
        rank(&mut docs, true, &score, date_rank);
        assert_eq!(docs, expected);
    }

    fn corpus(texts: &[(&str, &str)]) -> Corpus {
        let sources: Vec<Source> = texts.iter().map(|&(id, text)| Source { id, text }).collect();
        Corpus::build(&sources, None)
    }

    fn q(text: &str) -> Query {
        Query { text: text.to_string(), ..Query::default() }
    }

    fn ids(c: &Corpus, r: &Results) -> Vec<String> {
        r.hits.iter().map(|h| c.documents[h.doc as usize].id.clone()).collect()
    }

    #[test]
    fn parses_words_phrases_prefixes() {
        assert_eq!(
            parse_terms("Zentaro \"fair deal\" coun* e-commerce coal"),
            vec![
                Term::Word("zentaro".into()),
                Term::Phrase(vec!["fair".into(), "deal".into()]),
                Term::Prefix("coun".into()),
                Term::Phrase(vec!["e".into(), "commerce".into()]),
                Term::Prefix("coal".into()),
            ]
        );
        assert_eq!(parse_terms("coal "), vec![Term::Word("coal".into())]);
        assert_eq!(parse_terms("\"unclosed phrase"), vec![Term::Phrase(vec!["unclosed".into(), "phrase".into()])]);
        // While typing: one letter waits, two are a word, three a prefix; a space ends typing.
        assert_eq!(parse_terms("a"), vec![]);
        assert_eq!(parse_terms("coal a"), vec![Term::Word("coal".into())]);
        assert_eq!(parse_terms("a "), vec![Term::Word("a".into())]);
        assert_eq!(parse_terms("co"), vec![Term::Word("co".into())]);
        assert_eq!(parse_terms("coa"), vec![Term::Prefix("coa".into())]);
        assert_eq!(parse_terms("中"), vec![Term::Word("中".into())]);
        assert!(parse_terms("  \"\" * ").is_empty());
    }

    #[test]
    fn a_query_answers_as_another_with_the_same_terms_and_filters() {
        let q = |text: &str| Query { text: text.into(), ..Query::default() };
        assert!(q("c").answers_as(&q("")), "one letter waits");
        assert!(q("coal  ").answers_as(&q("coal ")));
        assert!(!q("coal ").answers_as(&q("coal")), "a word, not a prefix");
        assert!(!q("co").answers_as(&q("c")));
        let named = Query { include: vec![3], ..q("c") };
        assert!(!named.answers_as(&q("")), "a name filters");
    }

    #[test]
    fn and_semantics_prefix_and_phrase() {
        let c = corpus(&[
            ("a", "Coalition news\n\nThe fair deal coalition met in Washington."),
            ("b", "Other\n\nDeal goods and fair trade. Coal prices."),
            ("c", "Third\n\nNothing relevant here."),
        ]);
        assert_eq!(ids(&c, &c.search(&q("coal"))), vec!["a", "b"]);
        assert_eq!(ids(&c, &c.search(&q("coal "))), vec!["b"]);
        assert_eq!(ids(&c, &c.search(&q("\"fair deal\""))), vec!["a"]);
        let mut both = ids(&c, &c.search(&q("deal fair ")));
        both.sort();
        assert_eq!(both, vec!["a", "b"]);
        assert!(c.search(&q("zebra ")).hits.is_empty());
        assert_eq!(c.search(&q("")).hits.len(), 3);
    }

    #[test]
    fn events_follow_the_hits_in_date_order_whether_few_or_many_match() {
        let texts: Vec<(String, String)> = (0..12)
            .map(|i| {
                (format!("d{i:02}"), format!("T{i}\n\nOn 3 May 2016 word{i} met. On {} April 2016 all met.", i + 1))
            })
            .collect();
        let refs: Vec<(&str, &str)> = texts.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let c = corpus(&refs);
        let expected = |r: &Results| -> Vec<u32> {
            let docs: Vec<u32> = r.hits.iter().map(|h| h.doc).collect();
            (0..c.events.len() as u32).filter(|&i| docs.contains(&c.events[i as usize].doc)).collect()
        };
        for text in ["word7 ", "met "] {
            let r = c.search(&q(text));
            assert!(!r.events.is_empty(), "{text}");
            assert_eq!(*r.events, *expected(&r), "{text}");
            assert!(r.events.windows(2).all(|w| c.events[w[0] as usize].date <= c.events[w[1] as usize].date));
        }
        assert_eq!(c.search(&q("word7 ")).hits.len(), 1, "one of twelve: the gathering path");
    }

    #[test]
    fn title_boost_ranks_title_matches_first() {
        let c = corpus(&[("a", "Other\n\nVanto left. Vanto said so."), ("b", "Vanto leaves\n\nThe brand left.")]);
        assert_eq!(ids(&c, &c.search(&q("vanto "))), vec!["b", "a"]);
    }

    #[test]
    fn snippet_picks_matching_sentence_and_highlights() {
        let c = corpus(&[("a", "T\n\nFirst sentence here. The coalition met in Washington.")]);
        let r = c.search(&q("coal"));
        let s = &r.hits[0].snippet;
        assert_eq!(s.text, "The coalition met in Washington.");
        assert_eq!(s.highlights, vec![(4, 13)]);
        assert_eq!(&s.text[4..13], "coalition");
        assert_eq!(s.sentence, Some(1));
        let r = c.search(&q(""));
        assert_eq!(r.hits[0].snippet.text, "First sentence here.");
    }

    #[test]
    fn long_sentences_are_cut_on_char_boundaries() {
        let text = format!("T\n\n{} target {}.", "é".repeat(200), "ü".repeat(200));
        let c = corpus(&[("a", &text)]);
        let s = &c.search(&q("target ")).hits[0].snippet;
        assert!(s.text.len() <= SNIPPET_BYTES + 8);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        let (a, b) = s.highlights[0];
        assert_eq!(&s.text[a as usize..b as usize], "target");
    }

    #[test]
    fn highlight_in_reader_text() {
        let c = corpus(&[]);
        let ranges = c.highlight(&q("\"fair deal\" zent"), "Zentaro's fair deal alliance, anti");
        assert_eq!(ranges, vec![(0, 7), (10, 19)]);
    }

    #[test]
    fn entity_and_date_filters_counts_and_events() {
        let mut c = corpus(&[("a", "A\n\nOne."), ("b", "B\n\nTwo."), ("c", "C\n\nThree.")]);
        let entity = |name: &str, docs: Vec<u32>| Entity {
            name: name.into(),
            kind: EntityKind::Organisation,
            aliases: Vec::new(),
            docs,
            mentions: 1,
        };
        c.entities = vec![entity("Vanto", vec![0, 1]), entity("Marlowe", vec![1, 2])];
        let day = |m, d| Day::new(2016, m, d).unwrap();
        let event = |doc, m, d| Event::bare(DateValue::day(day(m, d)), doc);
        c.events = vec![event(0, 4, 13), event(2, 5, 11), event(1, 5, 14)];
        c.index = Index::build(&c.documents, &c.entities, &c.events);
        let r = c.search(&Query { include: vec![0], ..Query::default() });
        assert_eq!(ids(&c, &r), vec!["a", "b"]);
        assert_eq!(r.entity_counts, vec![2, 1]);
        assert_eq!(*r.events, [0, 2]);
        let r = c.search(&Query { include: vec![0], exclude: vec![1], ..Query::default() });
        assert_eq!(ids(&c, &r), vec!["a"]);
        let r = c.search(&Query { from: Some(day(5, 1)), ..Query::default() });
        assert_eq!(ids(&c, &r), vec!["b", "c"]);
        assert_eq!(*r.events, [1, 2]);
        assert_eq!(r.entity_counts, vec![1, 2]);
        let r = c.search(&Query { to: Some(day(4, 30)), include: vec![99], ..Query::default() });
        assert!(r.hits.is_empty());
    }
}
