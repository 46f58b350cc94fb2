//! Counts written beforehand for broad searches: one word or one prefix, with no filter, that
//! matches many articles.
//!
//! Exact counts under a search are summed over the matching articles' rows, and a word in even
//! 1 % of 100 000 articles has a matching article in nearly every row file (their articles are
//! numbered by date, not by word): ~390 files, 3.5 MB brotli, for one typed word, and the
//! prefixes typed on the way to it ("har" for "harbour") cost as much again. So for every word
//! and every typed prefix (at least [`query::MIN_PREFIX`] characters) that matches at least
//! [`broad_from`] articles, the build writes what the rows would sum to: each name's count and
//! the matching articles' events, in one `counts/<i>.bin` file. Keys that match the same
//! articles ("harb", "harbo", … "harbour") share one file.
//!
//! The page learns which searches have such a file from the term shard it reads anyway: each
//! shard lists the keys that sort into it (`Summary::shard_of`, the shard a word or the start
//! of a prefix's span lives in) with their file number, so finding out costs no request. A
//! search with more than one word, a phrase or a filter is counted from rows as before: its
//! matches are an intersection, which no file per key can give exactly.
//!
//! Names get the same: every name in at least [`broad_from`] articles has a counts file of all
//! its articles, and so do some pairs of such names, their common articles
//! ([`pairs_worth_a_file`]); the name-list files say which (`Shelf::plan` picks the cheapest).
use super::{bad_matrix, put_deltas, take_deltas, Error, Reader, Writer, SUMMARY_PAIRS};
use crate::corpus::cooccur::{self, Cooccurrence, Pair};
use crate::corpus::index::Index;
use crate::corpus::order;
use crate::corpus::pack::{self, Pack};
use crate::corpus::query::{self, Term};
use crate::corpus::{par, Corpus};
use std::sync::Arc;

/// Magic of a counts file.
pub(super) const COUNTS: &[u8; 4] = b"CXC2";

/// Fewest matches that earn a counts file, whatever the corpus size: below it the rows are a
/// few files, and a file per key would only take space.
const BROAD_MIN: usize = 64;
/// A key matching at least one article in this many earns a counts file: at 100 000 articles
/// 500, where the matches already fall in ~70 % of the row files.
const BROAD_SHARE: usize = 200;

/// The fewest matches a key needs for a counts file in a corpus of `n` articles.
pub fn broad_from(n: usize) -> usize {
    (n / BROAD_SHARE).max(BROAD_MIN)
}

/// A search a counts file answers: a word, or a prefix being typed (or written `prefix*`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub text: String,
    pub prefix: bool,
}

impl Key {
    /// The key of a search of one word or one prefix, with no filter; `None` for any other.
    pub fn of(q: &query::Query) -> Option<Key> {
        if !super::no_filter(q) {
            return None;
        }
        match query::parse_terms(&q.text).as_slice() {
            [Term::Word(w)] => Some(Key { text: w.clone(), prefix: false }),
            [Term::Prefix(p)] => Some(Key { text: p.clone(), prefix: true }),
            _ => None,
        }
    }
}

/// What a counts file holds: how many articles match (a check against the ranking), each
/// name's count as `(number, count)` for the names counted at all, ascending, the matching
/// articles' events, ascending, and "who appears with whom" among their most named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counts {
    pub articles: u32,
    pub names: Vec<(u32, u32)>,
    pub events: Arc<[u32]>,
    /// The matrix over these articles of their [`SUMMARY_PAIRS`] most counted names
    /// ([`cooccur::top_entities`] of the counts above): a chip on a much-named name is
    /// thousands of articles in every pairs file, so its matrix comes with its counts, as the
    /// whole corpus's comes with the summary.
    pub cooccur: Cooccurrence,
}

/// The counts files of a served shelf: every key of `corpus` that matches at least
/// [`broad_from`] articles, sorted, each with its counts file's number; every name in at least
/// as many articles with its own (a chip over all the articles of one name: its articles'
/// rows summed, as for a broad word); and the files' bytes.
#[derive(Default)]
pub struct Written {
    pub keys: Vec<(Key, u32)>,
    /// `(name, counts file)`, ascending by name.
    pub names: Vec<(u32, u32)>,
    /// `(name, name, counts file)` of the articles naming both, first name < second,
    /// ascending: the pairs [`pairs_worth_a_file`] picks.
    pub pairs: Vec<(u32, u32, u32)>,
    pub files: Vec<Vec<u8>>,
    /// Per counts file, the stories its articles' events belong to ([`encode_stories`]).
    pub stories: Vec<Vec<u8>>,
    /// Per counts file, the articles (shelf numbers, ascending) on the first page
    /// ([`super::FIRST_PAGE`]) of each search it answers: the `firstpages/` file of their text.
    pub pages: Vec<Vec<u32>>,
}

/// What a counts file's articles need besides their rows: `pairs[d]`, article `d`'s name
/// pairs (by old index), and `story_of[e]`, event `e`'s story times two, plus one when more
/// than one article reports it (as `storyof/` files hold it).
pub struct Beside<'a> {
    pub pairs: &'a [Vec<Pair>],
    pub story_of: &'a [u32],
}

/// [`Written`] for `corpus`. `number[d]` is article `d`'s number on the shelf, `named[e]` the
/// numbers of the articles naming name `e`, ascending.
pub fn write(corpus: &Corpus, number: &[u32], order: &[usize], named: &[Vec<u32>], beside: &Beside<'_>) -> Written {
    let index = &corpus.index;
    let least = broad_from(order.len());
    let mut keys: Vec<(Key, Vec<u32>)> = Vec::new();
    // One stamp per article and key, so a union needs no clearing.
    let mut stamp = vec![0u32; order.len()];
    let mut epoch = 0u32;
    let mut union = |terms: std::ops::Range<usize>, stamp: &mut Vec<u32>| {
        epoch += 1;
        let mut docs: Vec<u32> = Vec::new();
        for t in terms {
            for p in index.postings(t as u32) {
                let Some(&d) = number.get(p.doc as usize) else { continue };
                if let Some(s) = stamp.get_mut(d as usize).filter(|s| **s != epoch) {
                    *s = epoch;
                    docs.push(d);
                }
            }
        }
        docs.sort_unstable();
        docs
    };
    // Document frequencies summed along the sorted vocabulary: a prefix's terms are a run of
    // it, and the sum bounds the run's union from above, so only candidates are unioned.
    let mut df_sum = vec![0usize; index.terms.len() + 1];
    for t in 0..index.terms.len() {
        df_sum[t + 1] = df_sum[t] + index.df(t as u32);
    }
    for (t, term) in index.terms.iter().enumerate() {
        if index.df(t as u32) >= least {
            keys.push((Key { text: term.clone(), prefix: false }, union(t..t + 1, &mut stamp)));
        }
        // Each prefix once: at the first term of its run (the term before does not share it).
        let before = t.checked_sub(1).map(|b| index.terms[b].as_str());
        for (chars, (at, c)) in term.char_indices().enumerate() {
            if chars + 1 < query::MIN_PREFIX {
                continue;
            }
            let prefix = &term[..at + c.len_utf8()];
            if before.is_some_and(|b| b.starts_with(prefix)) {
                continue;
            }
            let end = t + index.terms[t..].partition_point(|w| w.starts_with(prefix));
            if df_sum[end] - df_sum[t] < least {
                // Longer prefixes of this term match fewer.
                break;
            }
            let docs = union(t..end, &mut stamp);
            if docs.len() >= least {
                keys.push((Key { text: prefix.to_string(), prefix: true }, docs));
            }
        }
    }
    order::sort_by(&mut keys, |a, b| a.0.cmp(&b.0));
    // Keys (and names) matching the same articles share a file: numbered in order of first use.
    let mut file_of: std::collections::HashMap<Vec<u32>, u32> = std::collections::HashMap::new();
    let mut file = |docs: Vec<u32>| {
        let next = file_of.len() as u32;
        *file_of.entry(docs).or_insert(next)
    };
    let directory: Vec<(Key, u32)> = keys.into_iter().map(|(key, docs)| (key, file(docs))).collect();
    let names: Vec<(u32, u32)> = named
        .iter()
        .enumerate()
        .filter(|(_, docs)| docs.len() >= least)
        .map(|(e, docs)| (e as u32, file(docs.clone())))
        .collect();
    let mut paired: Vec<(u32, u32, u32)> =
        pairs_worth_a_file(named, least, names.len()).into_iter().map(|(a, b, docs)| (a, b, file(docs))).collect();
    paired.sort_unstable();
    let mut sets: Vec<Vec<u32>> = vec![Vec::new(); file_of.len()];
    for (docs, file) in file_of {
        sets[file as usize] = docs;
    }
    let named_files = names;
    let (names, events) = (corpus.entities.len() as u32, corpus.events.len() as u32);
    let stories = beside.story_of.iter().map(|&k| k >> 1).max().map_or(0, |k| k + 1);
    let written = par::map(&sets, par::threads(), |docs| {
        let c = counts(index, order, beside.pairs, docs, names);
        (encode(&c, names, events), encode_stories(&c.events, beside.story_of, stories))
    });
    let (files, stories) = written.into_iter().unzip();
    let pages = first_pages(corpus, number, sets.len(), &directory, &named_files, &paired);
    Written { keys: directory, names: named_files, pairs: paired, files, stories, pages }
}

/// Per counts file, the articles on the first page of every search it answers (a key, a
/// name's chip, a pair's two chips), as `corpus` ranks them, in shelf numbers, ascending: a
/// keystroke of a broad word then fetches its first page's text in one file, not ten (the
/// browser's work per request was most of such a keystroke, BENCHMARKS.md). Keys of the same
/// articles share a file, and their pages mostly coincide.
fn first_pages(
    corpus: &Corpus,
    number: &[u32],
    files: usize,
    keys: &[(Key, u32)],
    names: &[(u32, u32)],
    pairs: &[(u32, u32, u32)],
) -> Vec<Vec<u32>> {
    let key_query = |key: &Key| query::Query {
        // As typed: a prefix while typing, a word once a space follows it.
        text: if key.prefix { format!("{}*", key.text) } else { format!("{} ", key.text) },
        ..Default::default()
    };
    let chips = |include: Vec<u32>| query::Query { include, ..Default::default() };
    let searches: Vec<(query::Query, u32)> = keys
        .iter()
        .map(|(key, f)| (key_query(key), *f))
        .chain(names.iter().map(|&(e, f)| (chips(vec![e]), f)))
        .chain(pairs.iter().map(|&(a, b, f)| (chips(vec![a, b]), f)))
        .collect();
    let ranked = par::map(&searches, par::threads(), |(q, _)| corpus.first_page(q, super::FIRST_PAGE));
    let mut pages = vec![Vec::new(); files];
    for ((_, f), docs) in searches.iter().zip(ranked) {
        let page: &mut Vec<u32> = &mut pages[*f as usize];
        page.extend(docs.iter().filter_map(|&d| number.get(d as usize)));
    }
    for page in &mut pages {
        page.sort_unstable();
        page.dedup();
    }
    pages
}

/// The pairs of names whose common articles earn a counts file of their own, with those
/// articles: two chips on two much-named names (the two most named people, clicked one after
/// the other) are otherwise counted from the rows of their common articles, or from one
/// name's counts less the rows of the articles the other lacks; at 100 000 articles either is
/// thousands of articles spread over every row file (~4 MB brotli for one click). A pair earns
/// a file when each of those three sets has at least `least` articles (below, the rows are
/// few or one name's file nearly answers it). The pairs of the most named names come first,
/// as their chips are the ones shown (a pair ranks by its less named name, then its more
/// named), and at most `budget` are kept, so the pairs' files never outnumber the names' own.
fn pairs_worth_a_file(named: &[Vec<u32>], least: usize, budget: usize) -> Vec<(u32, u32, Vec<u32>)> {
    let mut broad: Vec<usize> = (0..named.len()).filter(|&e| named[e].len() >= least).collect();
    order::sort_by_key(&mut broad, |&e| (std::cmp::Reverse(named[e].len()), e));
    let mut kept = Vec::new();
    for (j, &b) in broad.iter().enumerate() {
        for &a in &broad[..j] {
            if kept.len() == budget {
                return kept;
            }
            let docs = common(&named[a], &named[b]);
            let lacks = (named[a].len() - docs.len()).min(named[b].len() - docs.len());
            if docs.len() >= least && lacks >= least {
                kept.push((a.min(b) as u32, a.max(b) as u32, docs));
            }
        }
    }
    kept
}

/// The numbers two ascending lists share, ascending.
pub(super) fn common(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                (i, j) = (i + 1, j + 1);
            }
        }
    }
    out
}

/// What the rows of `docs` (shelf numbers) sum to, in a corpus of `names` names, and the
/// matrix their pairs give.
fn counts(index: &Index, order: &[usize], pairs: &[Vec<Pair>], docs: &[u32], names: u32) -> Counts {
    let mut per_name = vec![0u32; names as usize];
    let mut events: Vec<u32> = Vec::new();
    for &d in docs {
        let old = order[d as usize];
        for &e in &index.doc_entities[old] {
            per_name[e as usize] += 1;
        }
        events.extend_from_slice(&index.doc_events[old]);
    }
    events.sort_unstable();
    events.dedup();
    let top = cooccur::top_entities(&per_name, SUMMARY_PAIRS);
    let cooccur = cooccur::from_pairs(top, docs.iter().map(|&d| &pairs[order[d as usize]]));
    let names = per_name.into_iter().enumerate().filter(|&(_, k)| k > 0).map(|(e, k)| (e as u32, k)).collect();
    Counts { articles: docs.len() as u32, names, events: events.into(), cooccur }
}

/// A counts file of a corpus of `names` names and `events` events. A broad word's names and
/// events are most of the corpus's, so each list is written the shorter way: the names as
/// (number, count) pairs or as every name's count; the events as the numbers in the set, the
/// numbers not in it, or one bit per event (a word in half the articles has half the events,
/// and their numbers as deltas took four times the bytes of the bits).
fn encode(c: &Counts, names: u32, events: u32) -> Vec<u8> {
    let mut w = Writer::default();
    w.varint(u64::from(c.articles));
    let numbers: Vec<u32> = c.names.iter().map(|&(e, _)| e).collect();
    let sparse = bytes_of_deltas(&numbers) + c.names.iter().map(|&(_, k)| varint_bytes(k)).sum::<usize>();
    let dense = names as usize - c.names.len() + c.names.iter().map(|&(_, k)| varint_bytes(k)).sum::<usize>();
    if sparse <= dense {
        w.varint(0);
        put_deltas(&mut w, &numbers);
        for &(_, count) in &c.names {
            w.varint(u64::from(count));
        }
    } else {
        w.varint(1);
        let mut next = c.names.iter().peekable();
        for e in 0..names {
            let count = next.next_if(|&&(n, _)| n == e).map_or(0, |&(_, k)| k);
            w.varint(u64::from(count));
        }
    }
    put_set(&mut w, &c.events, events);
    c.cooccur.entities.put(&mut w);
    c.cooccur.counts.put(&mut w);
    w.frame(COUNTS)
}

/// Magic of a counts file's stories.
pub(super) const STORY_SET: &[u8; 4] = b"CXX1";

/// The stories of a counts file's `events` (`story_of` as in [`Beside`]), of `stories` in all:
/// how many of them more than one article reports, then the set. A much-named name's events
/// are in every `storyof/` file, so its story list under its chip comes from this one file.
fn encode_stories(events: &[u32], story_of: &[u32], stories: u32) -> Vec<u8> {
    let mut of: Vec<u32> = events.iter().filter_map(|&e| story_of.get(e as usize).copied()).collect();
    of.sort_unstable();
    of.dedup();
    let mut w = Writer::default();
    w.varint(of.iter().filter(|&&k| k & 1 == 1).count() as u64);
    put_set(&mut w, &of.iter().map(|&k| k >> 1).collect::<Vec<u32>>(), stories);
    w.frame(STORY_SET)
}

/// Reads a counts file's stories, of `stories` in all: the set ascending and how many of them
/// more than one article reports.
pub fn decode_stories(bytes: &[u8], stories: u32) -> Result<(Vec<u32>, u32), Error> {
    let mut r = Reader::unframe(bytes, STORY_SET, "a file of a count's stories")?;
    let multi = u32::take(&mut r)?;
    let set = take_set(&mut r, stories)?;
    r.finish()?;
    if multi as usize > set.len() {
        return Err(Error("more stories with several sources than stories".into()));
    }
    Ok((set, multi))
}

/// An ascending set of numbers below `universe`, the shortest of three ways: 0 and its
/// members as deltas, 1 and the numbers it lacks as deltas, 2 and one bit per number.
fn put_set(w: &mut Writer, set: &[u32], universe: u32) {
    let lacking = complement(set, universe);
    let bits = (universe as usize).div_ceil(8);
    let (with, without) = (bytes_of_deltas(set), bytes_of_deltas(&lacking));
    if with <= without && with <= bits {
        w.varint(0);
        put_deltas(w, set);
    } else if without <= bits {
        w.varint(1);
        put_deltas(w, &lacking);
    } else {
        w.varint(2);
        let mut bytes = vec![0u8; bits];
        for &x in set {
            bytes[x as usize / 8] |= 1 << (x % 8);
        }
        bytes.iter().for_each(|b| b.put(w));
    }
}

fn take_set(r: &mut Reader<'_>, universe: u32) -> Result<Vec<u32>, Error> {
    match u32::take(r)? {
        0 => strictly_ascending(take_deltas(r)?, universe),
        1 => Ok(complement(&strictly_ascending(take_deltas(r)?, universe)?, universe)),
        2 => {
            let bytes = pack::take_n((universe as usize).div_ceil(8), || u8::take(r))?;
            // Sized first, and only the set bits visited: at 100 000 articles a much-named
            // name's events are ~10^5 numbers out of ~10^6.
            let mut set = Vec::with_capacity(bytes.iter().map(|b| b.count_ones() as usize).sum());
            for (i, &byte) in bytes.iter().enumerate() {
                let mut byte = byte;
                while byte != 0 {
                    let x = (i * 8) as u32 + byte.trailing_zeros();
                    if x >= universe {
                        return Err(Error("a bit beyond the last event".into()));
                    }
                    set.push(x);
                    byte &= byte - 1;
                }
            }
            Ok(set)
        }
        _ => Err(Error("a set written no known way".into())),
    }
}

/// The numbers below `universe` that the ascending `set` lacks.
fn complement(set: &[u32], universe: u32) -> Vec<u32> {
    let mut members = set.iter().peekable();
    (0..universe).filter(|&x| members.next_if_eq(&&x).is_none()).collect()
}

fn varint_bytes(v: u32) -> usize {
    (32 - v.leading_zeros() as usize).div_ceil(7).max(1)
}

/// What [`put_deltas`] writes for `sorted`.
fn bytes_of_deltas(sorted: &[u32]) -> usize {
    let mut last = 0;
    varint_bytes(sorted.len() as u32)
        + sorted
            .iter()
            .map(|&v| {
                let d = varint_bytes(v - last);
                last = v;
                d
            })
            .sum::<usize>()
}

/// Reads a counts file of a corpus of `articles` articles, `names` names and `events` events;
/// anything out of range or out of order is an error.
pub fn decode(bytes: &[u8], articles: u32, names: u32, events: u32) -> Result<Counts, Error> {
    let mut r = Reader::unframe(bytes, COUNTS, "a file of counts")?;
    let matching = u32::take(&mut r)?;
    let in_range = |count: u32| {
        if count > matching {
            return Err(Error("a count out of range".into()));
        }
        Ok(count)
    };
    let counts = match u32::take(&mut r)? {
        0 => {
            let numbers = strictly_ascending(take_deltas(&mut r)?, names)?;
            let mut counts = Vec::with_capacity(numbers.len());
            for e in numbers {
                match in_range(u32::take(&mut r)?)? {
                    0 => return Err(Error("a name counted zero times".into())),
                    count => counts.push((e, count)),
                }
            }
            counts
        }
        1 => {
            let mut counts = Vec::with_capacity(names as usize);
            for e in 0..names {
                let count = in_range(u32::take(&mut r)?)?;
                if count > 0 {
                    counts.push((e, count));
                }
            }
            counts
        }
        _ => return Err(Error("names written no known way".into())),
    };
    let evs = take_set(&mut r, events)?;
    let cooccur = Cooccurrence { entities: Pack::take(&mut r)?, counts: Pack::take(&mut r)? };
    r.finish()?;
    if matching > articles {
        return Err(Error("more matching articles than there are".into()));
    }
    if bad_matrix(&cooccur, names) {
        return Err(Error("a matrix of names out of range".into()));
    }
    Ok(Counts { articles: matching, names: counts, events: evs.into(), cooccur })
}

fn strictly_ascending(list: Vec<u32>, below: u32) -> Result<Vec<u32>, Error> {
    if list.windows(2).any(|w| w[0] >= w[1]) || list.last().is_some_and(|&x| x >= below) {
        return Err(Error("a list out of order or out of range".into()));
    }
    Ok(list)
}

/// A term shard's keys: `(key, file)` sorted by key.
pub(super) fn put_directory(w: &mut Writer, keys: &[(Key, u32)]) {
    w.varint(keys.len() as u64);
    for (key, file) in keys {
        key.text.put(w);
        w.varint(u64::from(key.prefix));
        w.varint(u64::from(*file));
    }
}

/// Reads a term shard's keys; every file number below `files`, the keys in order.
pub(super) fn take_directory(r: &mut Reader<'_>, files: u32) -> Result<Vec<(Key, u32)>, Error> {
    let mut keys: Vec<(Key, u32)> = Vec::new();
    for _ in 0..r.len()? {
        let text = String::take(r)?;
        let prefix = match u32::take(r)? {
            0 => false,
            1 => true,
            _ => return Err(Error("a key of neither kind".into())),
        };
        let file =
            Some(u32::take(r)?).filter(|&f| f < files).ok_or_else(|| Error("a counts file out of range".into()))?;
        let key = Key { text, prefix };
        if keys.last().is_some_and(|(last, _)| *last >= key) {
            return Err(Error("keys out of order".into()));
        }
        keys.push((key, file));
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::shelf::{self, Missing, Shelf};
    use crate::corpus::{Query, Source};

    /// 80 short articles: every one names the harbour, one in four the harvest (20, too few
    /// for a file), and a few a name, so the counts have something to count.
    fn corpus() -> Corpus {
        let texts: Vec<(String, String)> = (0..80)
            .map(|i| {
                let harvest = if i % 4 == 0 { " The harvest was late." } else { "" };
                let name = ["Ana Costa", "Orvel Labs", "Brooklyn"][i % 3];
                (format!("a{i:02}.txt"), format!("Report {i}\n\nThe harbour of {name} reopened on Tuesday.{harvest}\n"))
            })
            .collect();
        let sources: Vec<Source<'_>> = texts.iter().map(|(id, text)| Source { id, text }).collect();
        Corpus::build(&sources, None)
    }

    type Files = std::collections::BTreeMap<String, Vec<u8>>;

    fn files_of(corpus: &Corpus) -> Files {
        shelf::write(corpus).files.into_iter().collect()
    }

    /// `query` asked of a fresh shelf over `files` as the page asks: the answer and the files
    /// fetched.
    fn ask(files: &Files, query: &Query) -> (crate::corpus::Results, Vec<String>) {
        let mut shelf = Shelf::open(&files["summary.bin"]).unwrap();
        let mut fetched = Vec::new();
        loop {
            match shelf.search(query) {
                Ok(results) => return (results, fetched),
                Err(Missing(paths)) => {
                    for p in paths {
                        shelf.add(&p, &files[&p]).unwrap();
                        fetched.push(p);
                    }
                }
            }
        }
    }

    #[test]
    fn a_broad_word_and_its_prefixes_share_one_counts_file_and_a_rare_word_has_none() {
        let corpus = corpus();
        let n = corpus.documents.len();
        let number: Vec<u32> = (0..n).map(|d| corpus.index.date_rank[d]).collect();
        let mut order = vec![0usize; n];
        for (d, &r) in number.iter().enumerate() {
            order[r as usize] = d;
        }
        let pairs: Vec<Vec<Pair>> = corpus.documents.iter().map(cooccur::pairs).collect();
        // Every event its own story, every third reported by more than one article.
        let story_of: Vec<u32> = (0..corpus.events.len() as u32).map(|e| e << 1 | u32::from(e % 3 == 0)).collect();
        let beside = Beside { pairs: &pairs, story_of: &story_of };
        let Written { keys, files, stories, .. } = write(&corpus, &number, &order, &[], &beside);
        let file_of =
            |text: &str, prefix: bool| keys.iter().find(|(k, _)| k.text == text && k.prefix == prefix).map(|&(_, f)| f);
        let harbour = file_of("harbour", false).expect("a word in every article has a file");
        for prefix in ["har", "harb", "harbo", "harbou", "harbour"] {
            assert_eq!(file_of(prefix, true), Some(harbour), "{prefix}");
        }
        assert_eq!(file_of("harvest", false), None, "20 articles are too few");
        assert_eq!(file_of("ha", true), None, "shorter than a typed prefix");
        assert!(keys.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
        let c = decode(&files[harbour as usize], n as u32, corpus.entities.len() as u32, corpus.events.len() as u32)
            .expect("reads back");
        assert_eq!(c.articles as usize, n);
        let total: u32 = c.names.iter().map(|&(_, k)| k).sum();
        assert!(total >= n as u32, "every article names someone: {total}");
        // Its "who appears with whom": every article matches, so the whole corpus's.
        let everything = corpus.search(&query::Query::default());
        assert_eq!(c.cooccur, cooccur::matrix(&corpus, &everything, SUMMARY_PAIRS));
        // And its stories: every event's.
        let n_events = corpus.events.len() as u32;
        let all: Vec<u32> = (0..n_events).collect();
        let multi = (0..n_events).filter(|e| e % 3 == 0).count() as u32;
        assert_eq!(decode_stories(&stories[harbour as usize], n_events), Ok((all, multi)));
        assert!(decode_stories(&stories[harbour as usize], 1).is_err(), "a story beyond the last");
    }

    #[test]
    fn a_broad_search_is_counted_from_its_file_and_a_wrong_file_is_not_trusted() {
        let corpus = corpus();
        let files = files_of(&corpus);
        let query = Query { text: "harbour".into(), ..Query::default() };
        let expected = corpus.search(&query);
        let (got, fetched) = ask(&files, &query);
        assert!(fetched.iter().any(|p| p.starts_with("counts/")), "{fetched:?}");
        assert!(!fetched.iter().any(|p| p.starts_with("rows/")), "{fetched:?}");
        assert_eq!(got.entity_counts, expected.entity_counts);
        assert_eq!(got.events.len(), expected.events.len());

        // A counts file that says another number of articles (a build mixed up, a file
        // swapped): the rows count instead, and the answer is still the right one.
        let path = fetched.iter().find(|p| p.starts_with("counts/")).unwrap().clone();
        let (names, events) = (corpus.entities.len() as u32, corpus.events.len() as u32);
        let mut wrong = decode(&files[&path], corpus.documents.len() as u32, names, events).unwrap();
        wrong.articles -= 1;
        wrong.names.iter_mut().for_each(|(_, k)| *k = (*k).min(wrong.articles));
        let mut damaged = files.clone();
        damaged.insert(path.clone(), encode(&wrong, names, events));
        let (got, fetched) = ask(&damaged, &query);
        assert!(fetched.iter().any(|p| p.starts_with("rows/")), "{fetched:?}");
        assert_eq!(got.entity_counts, expected.entity_counts);
    }

    #[test]
    fn a_shelf_held_in_memory_has_no_counts_files_and_answers_the_same() {
        let corpus = corpus();
        let served = files_of(&corpus);
        let held: Files = shelf::write_in_memory(&corpus).files.into_iter().collect();
        assert!(served.keys().any(|p| p.starts_with("counts/")));
        assert!(!held.keys().any(|p| p.starts_with("counts/")));
        let query = Query { text: "harbour".into(), ..Query::default() };
        let (from_held, fetched) = ask(&held, &query);
        assert!(fetched.iter().any(|p| p.starts_with("rows/")), "{fetched:?}");
        assert_eq!(from_held, ask(&served, &query).0);
    }

    #[test]
    fn a_damaged_counts_file_is_an_error_never_a_panic() {
        let corpus = corpus();
        let files = files_of(&corpus);
        let (path, bytes) = files.iter().find(|(p, _)| p.starts_with("counts/")).unwrap();
        let (n, names, events) =
            (corpus.documents.len() as u32, corpus.entities.len() as u32, corpus.events.len() as u32);
        assert!(decode(bytes, n, names, events).is_ok(), "{path} reads whole");
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut], n, names, events).is_err(), "{path} cut at {cut}");
        }
        for at in 0..bytes.len() {
            for byte in [0u8, 1, 0x7f, 0x80, 0xff] {
                let mut flipped = bytes.clone();
                flipped[at] = byte;
                let _ = decode(&flipped, n, names, events);
            }
        }
        // The term shards that list keys, cut or with a byte changed: an error or a shard
        // read, never a panic; a search over what was read still answers.
        let listing: Vec<(&String, &Vec<u8>)> = files
            .iter()
            .filter(|(p, b)| {
                p.starts_with("terms/") && Shelf::open(&files["summary.bin"]).unwrap().add(p, b).is_ok() && b.len() > 4
            })
            .collect();
        assert!(!listing.is_empty());
        for (path, bytes) in listing {
            for cut in (0..bytes.len()).step_by(7) {
                let mut shelf = Shelf::open(&files["summary.bin"]).unwrap();
                assert!(shelf.add(path, &bytes[..cut]).is_err(), "{path} cut at {cut}");
            }
            for at in 0..bytes.len() {
                let mut flipped = bytes.clone();
                flipped[at] ^= 0x55;
                let mut shelf = Shelf::open(&files["summary.bin"]).unwrap();
                if shelf.add(path, &flipped).is_ok() {
                    let _ = shelf.search(&Query { text: "harbour".into(), ..Query::default() });
                }
            }
        }
        // Counts for names or events the corpus does not have are refused.
        assert!(decode(bytes, n, 1, events).is_err() || corpus.entities.len() <= 1);
        assert!(decode(bytes, 1, names, events).is_err());
    }

    #[test]
    fn a_pair_earns_a_file_when_its_common_articles_and_what_each_lacks_are_many() {
        let range = |r: std::ops::Range<u32>| r.collect::<Vec<u32>>();
        // 0 and 1 share 40 articles, each lacking 30 of the other's; 2 lies inside 0; 3 is rare.
        let named = vec![range(0..70), range(30..100), range(0..40), range(200..205)];
        let pairs = pairs_worth_a_file(&named, 20, 10);
        assert_eq!(pairs.iter().map(|&(a, b, _)| (a, b)).collect::<Vec<_>>(), [(0, 1)]);
        assert_eq!(pairs[0].2, range(30..70));
        // Fewer common articles than `least`: no file.
        assert!(pairs_worth_a_file(&named, 41, 10).is_empty());
        // The most named first, and never more than the budget.
        let named =
            vec![range(0..60), range(30..100), range(0..30).into_iter().chain(range(60..90)).collect(), range(0..1)];
        let pairs: Vec<(u32, u32)> = pairs_worth_a_file(&named, 20, 2).iter().map(|&(a, b, _)| (a, b)).collect();
        assert_eq!(pairs, [(0, 1), (1, 2)]);
    }

    #[test]
    fn sets_and_counts_read_back_whichever_way_is_shortest() {
        let universe = 1000u32;
        let sets: Vec<Vec<u32>> = vec![
            vec![],
            vec![0, 999],
            (0..universe).collect(),
            (0..universe).filter(|x| x % 7 != 0).collect(),
            (0..universe).filter(|x| x % 3 == 0).collect(),
            (0..universe).filter(|x| (x * 37) % 100 < 50).collect(),
            (0..universe).step_by(90).collect(),
        ];
        let mut ways = std::collections::BTreeSet::new();
        for set in &sets {
            let names: Vec<(u32, u32)> = set
                .iter()
                .take(300)
                .map(|&x| (x % 300, 1 + x % 5))
                .collect::<std::collections::BTreeMap<_, _>>()
                .into_iter()
                .collect();
            let cooccur = Cooccurrence { entities: vec![3, 7], counts: vec![vec![0, 2], vec![2, 0]] };
            let c = Counts { articles: 10, names, events: set.clone().into(), cooccur };
            let bytes = encode(&c, 300, universe);
            assert_eq!(decode(&bytes, 10, 300, universe), Ok(c.clone()), "{set:?}");
            let mut r = Reader::unframe(&bytes, COUNTS, "").unwrap();
            u32::take(&mut r).unwrap();
            let names_way = u32::take(&mut r).unwrap();
            ways.insert(names_way);
            assert!(bytes.len() <= 8 + bytes_of_deltas(set) + 2 * 300 * 3, "{} bytes", bytes.len());
        }
        assert_eq!(ways, [0, 1].into(), "both ways of writing names were used");
        // The events of each way: all members, none, a bitmap in between.
        for (set, way) in
            [(vec![1, 500], 0), ((1..universe).collect::<Vec<u32>>(), 1), ((0..universe).step_by(2).collect(), 2)]
        {
            let mut w = Writer::default();
            put_set(&mut w, &set, universe);
            let bytes = w.frame(COUNTS);
            let mut r = Reader::unframe(&bytes, COUNTS, "").unwrap();
            let mut peek = Reader::unframe(&bytes, COUNTS, "").unwrap();
            assert_eq!(u32::take(&mut peek).unwrap(), way, "{set:?}");
            assert_eq!(take_set(&mut r, universe).unwrap(), set);
        }
    }
}
