//! The static corpus: a built [`Corpus`] as many small files a page fetches as it needs them,
//! the way Pagefind serves search, with exact counts.
//!
//! [`write`] cuts a corpus into files; [`Shelf`] answers a [`Query`] over the files it has been
//! given and, when it lacks some, names them ([`Shelf::search`] returns `Err(Missing)`): the
//! caller fetches those (in parallel), [`Shelf::add`]s them and asks again. The shelf does no
//! I/O, so the same code runs natively (tests, benchmarks: files from disk) and in the page
//! (files from `fetch`). A query needs at most three rounds: the words', names' and dates'
//! files; then the rows of the articles that match and the text of the first page of hits (for
//! a broad search: one counts file and one first-pages file); then the text of any hit the
//! first-pages file lacks.
//! A reader's name corrections (merge, rename, kind, hide) apply to every later answer without
//! a file more: [`Shelf::correct`] re-maps name numbers ([`Corrections`]).
//!
//! # Format
//!
//! Every file is one frame of `pack` (a 4-byte magic, the structure stream's length, the
//! structure stream of LEB128 varints, the text stream of string bytes), so strings stay
//! together and compress as text. All files live in one directory named by a hash of all their
//! bytes (`<version>/`), so every name is immutable and a host or CDN may cache it forever;
//! only the entry point that names the version changes between builds. On disk and on the
//! wire each file is gzip-compressed (`crate::store`; the page inflates it): what is described
//! here is the file once inflated, which is all a [`Shelf`] is ever given.
//!
//! Articles are numbered in date order (the order of [`Index::date_rank`]: dated first, by
//! start day, then id), so "by date" is "by number" and every list of articles is sorted.
//!
//! - `summary.bin` (`CXS8`), loaded at start: article count, how many of them are dated
//!   (numbers `0..dated`), mean indexed length (BM25), the
//!   number of names and the [`TOP_NAMES`] most named (number, name, kind, articles naming it:
//!   the chips before any filter), the event count and events per month (the timeline before
//!   any filter), how many stories there are and how many more than one article reports
//!   (the story list before any filter), and the directories of the files below: each term shard's
//!   first term and term count, each name-list file's first name, each event file's first event
//!   with the earliest start and latest end of its events, how many counts files there
//!   are and how many span files. The files per chunk ([`ROW_CHUNK`], [`ROW_SPAN`],
//!   [`TEXT_CHUNK`], [`TABLE_CHUNK`], events) are constants of this module, not stored: a
//!   change of one is a new format (new magic), or old files would be misread; so is a new
//!   kind of file a query asks for (`CXS7`: the first-pages files; `CXS8`: the lengths file),
//!   or a page would ask an older corpus for files it does not have.
//! - `terms/<i>.bin` (`CXT3`): a range of the sorted vocabulary. Per term its postings by
//!   article: article number (delta), occurrences, occurrences in the title. Then the broad
//!   searches that sort into the shard (a word or a prefix, [`Key`]), each with its counts
//!   file's number.
//! - `lengths/0.bin` (`CXG1`): every article's indexed length, by number, for the scores
//!   (BM25): fetched ahead of the first search ([`Shelf::files_to_search`]) or with its
//!   shards. In every posting (`CXT2`) the lengths were two fifths of the shards' bytes and
//!   two thirds after brotli (they are what does not compress).
//! - `counts/<i>.bin` (`CXC2`): for a broad search (one word or typed prefix, no filter, at
//!   least [`broad_from`] matching articles), and for every name in at least as many articles,
//!   what those articles' rows sum to: how many articles, each name's count, the events; and
//!   what their pairs files sum to for "who appears with whom" among their [`SUMMARY_PAIRS`]
//!   most named ([`broad`]). Searches and names of the same articles share a file. A filter
//!   narrower than a counted set (a chip under a broad search, or two chips) is counted from
//!   that set's counts less the rows of the articles it drops, when that needs fewer files
//!   than its own rows ([`Shelf::plan`]): the story's main actor under a search for it drops
//!   few.
//! - `firstpages/<i>.bin` (`CXF1`): beside each counts file, the text files of the articles on
//!   the first page ([`FIRST_PAGE`]) of every search it answers (its words and prefixes, its
//!   name's chip, its pair's two chips), as ranked at build time: their chunk numbers (deltas),
//!   then each chunk's articles as `text/` holds them. A keystroke of a broad word then fetches
//!   one file for its first page, not one per hit. Its text is the text files' (a later page,
//!   or a search the ranking no longer puts first, fetches those).
//! - `positions/<i>.bin` (`CXQ1`): the same terms' positions in each posting's article
//!   (deltas), fetched only for "phrases".
//! - `table/<i>.bin` (`CXA1`): [`TABLE_CHUNK`] names by number (name, kind, total): the chips
//!   a filter brings up beyond the top ones.
//! - `totals/0.bin` (`CXU1`): every name's total, by number: the counts before any filter.
//! - `days/0.bin` (`CXY1`): the start day of every dated article, as runs of (day, articles)
//!   in number order: the list sorted by date (fetched only for that).
//! - `names/<i>.bin` (`CXN3`): for a run of names, the articles naming each (deltas): the
//!   required and excluded names of a filter; then per name its counts file's number plus
//!   one, or 0 for none; then per name the later names with which it has a pair's counts
//!   file (deltas) and those files' numbers: two chips on two much-named names.
//! - `events/<i>.bin` (`CXE1`): a run of events in date order: article and date; a date range
//!   reads only the files whose span overlaps it.
//! - `eventtext/<i>.bin` (`CXV1`): [`EVENT_TEXT_CHUNK`] events in date order as the list of
//!   dated events shows them (article number, sentence, the expression's span and words, how
//!   it was resolved); the sentence itself is in the article's text file.
//! - `rows/<i>.bin` (`CXR1`): [`ROW_CHUNK`] articles' facet rows (names and events, deltas):
//!   the counts under a filter are summed over the rows of the matching articles, unless a
//!   counts file answers the search.
//! - `rowspans/<j>.bin` (`CXRS`): the row files `j * ROW_SPAN..` ([`ROW_SPAN`] of them, fewer
//!   at the end) in one file, their bodies back to back. Fetched instead of them where a
//!   filter needs at least half of them: a filter over most articles then makes a sixteenth
//!   of the requests. Written only for a served shelf (the summary says how many).
//! - `text/<i>.bin` (`CXD1`, `pack::encode_documents`): [`TEXT_CHUNK`] articles whole, for the
//!   reader and the snippets of the first page.
//! - `echoes/<i>.bin` (`CXO1`): for [`ECHO_CHUNK`] articles, the sentences other articles
//!   repeat ([`echo::Shingles`], computed at build time over the whole corpus): per article, per
//!   such sentence how many other articles repeat it and the first [`echo::SHOWN`] of them by
//!   number (number, sentence, id, title: the reader's "also in" links need no other file).
//!   Fetched with the text when the reader opens an article.
//! - `pairs/<i>.bin` (`CXP1`): [`ROW_CHUNK`] articles' name pairs ([`cooccur::pairs`]: two
//!   names, how many sentences name both; by first name then second, deltas): "who appears
//!   with whom" is summed over the matching articles' pairs, fetched only when it is open.
//! - `pairspans/<j>.bin` (`CXPS`): pairs files in spans, as `rowspans/` for rows.
//! - `stories/<i>.bin` (`CXZ2`): [`STORY_CHUNK`] stories ([`story::group`], computed at build
//!   time over the whole corpus, numbered in its order: by date) as their rows show them
//!   ([`story::Card::shown`]: lead sentence, how many articles report it, the first
//!   [`story::SOURCES_SHOWN`] sources' numbers, ids, titles and dates and those its
//!   disagreements name, the disagreements).
//! - `storysources/<i>.bin` (`CXZS`): beside a story file with a card that lists only some of
//!   its sources (a background fact repeated across an outlet makes a story of thousands),
//!   every source of each such card (none for the others): the stories download. Fetched only
//!   for it, after its story file.
//! - `storyof/<i>.bin` (`CXW1`): for [`STORY_OF_CHUNK`] events by number, the story each
//!   belongs to, times two, plus one when more than one article reports that story: the story
//!   list under a filter (which stories, how many with several sources) from the filter's
//!   events alone. Fetched only while the story list is open, and not for the unfiltered view.
//! - `storyofspans/<j>.bin` (`CXWS`): story-of files in spans of [`ROW_SPAN`], as `rowspans/`
//!   for rows (a filter over most articles has events in every story-of file).
//! - `storysets/<i>.bin` (`CXX1`): per counts file, the stories its articles' events belong to
//!   and how many of them more than one article reports: the story list under a much-named
//!   name's chip (or two, or a broad word), whose events are in every story-of file.
//! - `catalogue/<i>.bin` (`CXK1`): [`ROW_CHUNK`] articles' [`Listing`]s (id, title, date,
//!   source, url): the downloaded table of articles. Fetched only for a download, in
//!   `cataloguespans/<j>.bin` (`CXKS`, as `rowspans/`) where it needs most of a span.
//! - `spellings/<i>.bin` (`CXL2`): [`TABLE_CHUNK`] names' spellings as written, each with how
//!   often it is written (a merge adds them up and orders by them): the downloaded table of
//!   names. Fetched only for a download.
//! - `eventrows/<i>.bin` (`CXM1`): [`EVENT_TEXT_CHUNK`] events' sentences and the names each
//!   sentence mentions (numbers): with the event-text, catalogue and name-table files, the
//!   downloaded table of dated events, which needs no article's text. Fetched only for a
//!   download.
//!
//! A damaged or truncated file is an `Err` from [`Shelf::add`] (never a panic), and a file the
//! shelf did not ask for is refused.
use crate::corpus::order;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

mod bits;
mod broad;
mod corrections;
use bits::Bits;
pub use broad::{broad_from, Key};
pub use corrections::Corrections;

use super::cooccur::{self, Cooccurrence, Pair};
use super::curate::Edit;
use super::echo;
use super::index::GAP;
use super::pack::pack_struct;
use super::pack::{self, Error, Pack, Reader, Writer};
use super::query::{self, Query, Results, Snippet, Term};
use super::story::{self, Card, CardSource};
use super::text::Fnv1a;
use super::time::{DateValue, Day};
use super::{par, Corpus, Document, EntityKind, Event};

/// Articles per facet-row file.
pub const ROW_CHUNK: usize = 256;
/// Row (and pairs) files per span file: a span is [`ROW_SPAN`] consecutive row files in one.
/// A filter of a word in most articles needs nearly every row file (391 at 100 000 articles),
/// and there the browser's work per request, not the bytes, is what the reader waits for
/// (BENCHMARKS.md); a narrow one needs few, and a larger file would fetch rows it does not
/// need. So both are written, and a span is fetched where at least half its files are wanted.
pub const ROW_SPAN: usize = 16;
/// Articles per text file: one, as Pagefind's fragments. A page of hits by score is 50 articles
/// from anywhere in the corpus; with 16 per file it fetched 50 files of 16 (3.7 MB at 100 000
/// articles, BENCHMARKS.md), with one per file 50 small ones.
pub const TEXT_CHUNK: usize = 1;
/// Hits on the page's first page of results (the explorer shows more on request). Each is one
/// text file, so the page is shorter than the embedded explorer's 50: at 100 000 articles a new
/// first page was most of a keystroke's time, and the browser's cost per request (not bytes) is
/// what grows with it: 50 → 20 → 10 (BENCHMARKS.md). Ten is a search engine's page; a phone
/// shows fewer at once. A counts file's searches have theirs in one file (`firstpages/`).
pub const FIRST_PAGE: usize = 10;
/// Names the summary carries (the chips at start); the rest are in the name table's files.
pub const TOP_NAMES: usize = 400;
/// Names of the summary's "who appears with whom" over every article (the view at start, which
/// would otherwise sum the pairs of every article).
pub const SUMMARY_PAIRS: usize = 16;
/// Names per name-table file.
pub const TABLE_CHUNK: usize = 1024;
/// Articles per echo file: the reader fetches one beside the article's text, so it is small.
pub const ECHO_CHUNK: usize = 64;
/// Events per event file.
const EVENT_CHUNK: usize = 1024;
/// Events per event-text file: a page of the event list under a filter picks events from
/// anywhere, so these are smaller than the event files a date range reads whole.
pub const EVENT_TEXT_CHUNK: usize = 256;
/// Stories per story file: a page of the story list is 40 stories in date order, so a page
/// reads two files.
pub const STORY_CHUNK: usize = 32;
/// Events per story-of file.
pub const STORY_OF_CHUNK: usize = 4096;
/// A term shard or name-list file is cut once its postings reach about this many bytes
/// (estimated at 4 a posting, as when a posting held its article's length: the measured cut).
const SHARD_BYTES: usize = 24 * 1024;

const SUMMARY: &[u8; 4] = b"CXS8";
const BUNDLE: &[u8; 4] = b"CXB1";
const TERMS: &[u8; 4] = b"CXT3";
const POSITIONS: &[u8; 4] = b"CXQ1";
const NAMES: &[u8; 4] = b"CXN3";
const EVENTS: &[u8; 4] = b"CXE1";
const ROWS: &[u8; 4] = b"CXR1";
const ROW_SPANS: &[u8; 4] = b"CXRS";
const TABLE: &[u8; 4] = b"CXA1";
const TOTALS: &[u8; 4] = b"CXU1";
const DAYS: &[u8; 4] = b"CXY1";
const LENGTHS: &[u8; 4] = b"CXG1";
const PAIRS: &[u8; 4] = b"CXP1";
const PAIR_SPANS: &[u8; 4] = b"CXPS";
const ECHOES: &[u8; 4] = b"CXO1";
const EVENT_TEXT: &[u8; 4] = b"CXV1";
const STORIES: &[u8; 4] = b"CXZ2";
const STORY_SOURCES: &[u8; 4] = b"CXZS";
const STORY_OF: &[u8; 4] = b"CXW1";
const FIRST_PAGES: &[u8; 4] = b"CXF1";
const STORY_OF_SPANS: &[u8; 4] = b"CXWS";
const CATALOGUE: &[u8; 4] = b"CXK1";
const CATALOGUE_SPANS: &[u8; 4] = b"CXKS";
const SPELLINGS: &[u8; 4] = b"CXL2";
const EVENT_ROWS: &[u8; 4] = b"CXM1";

/// One name of the summary's table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    pub name: String,
    pub kind: EntityKind,
    /// Articles that name it.
    pub total: u32,
}

/// An article as the downloaded table of articles lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    pub id: String,
    pub title: String,
    pub date: Option<DateValue>,
    pub source: Option<String>,
    pub url: Option<String>,
}

impl Listing {
    pub fn of(doc: &Document) -> Listing {
        Listing {
            id: doc.id.clone(),
            title: doc.title.clone(),
            date: doc.date,
            source: doc.source.clone(),
            url: doc.url.clone(),
        }
    }
}

/// A dated event's sentence and the names it mentions (numbers), as the downloaded table of
/// events lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRow {
    pub sentence: String,
    pub names: Vec<u32>,
}

/// A sentence of an article that other articles repeat nearly word for word ([`echo`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// The sentence of the article asked about.
    pub sentence: u32,
    /// How many other articles repeat it.
    pub articles: u32,
    /// The first [`echo::SHOWN`] of them by number (the earliest first).
    pub shown: Vec<Elsewhere>,
}

/// Where a passage is repeated: the other article's number, its sentence, id and title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Elsewhere {
    pub number: u32,
    pub sentence: u32,
    pub id: String,
    pub title: String,
}

/// An article's repeated passages as the static corpus stores them: by sentence, each with its
/// other articles by number, cut to the first [`echo::SHOWN`]. The exactness test builds its
/// expectation with this too, from the in-memory answer.
pub fn passages(corpus: &Corpus, number: &[u32], echoes: &[echo::Echo]) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::new();
    for e in echoes {
        if out.last().is_none_or(|p| p.sentence != e.sentence) {
            out.push(Passage { sentence: e.sentence, articles: 0, shown: Vec::new() });
        }
        let (Some(p), Some(other)) = (out.last_mut(), corpus.documents.get(e.doc as usize)) else { continue };
        p.articles += 1;
        p.shown.push(Elsewhere {
            number: number[e.doc as usize],
            sentence: e.other,
            id: other.id.clone(),
            title: other.title.clone(),
        });
    }
    for p in &mut out {
        order::sort_by_key(&mut p.shown, |x| x.number);
        p.shown.truncate(echo::SHOWN);
    }
    out
}

/// What the page loads at start.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub doc_count: u32,
    /// How many articles have a date of their own: numbers `0..dated` (the rest are undated).
    pub dated: u32,
    pub avg_len: f32,
    /// How many names the corpus has (numbers `0..name_count`, as `Corpus::entities`).
    pub name_count: u32,
    /// The most named, most first (ties by number): `(number, name)`.
    pub top: Vec<(u32, Name)>,
    pub event_count: u32,
    /// `(year, month, events)` for every month with an event, ascending.
    pub months: Vec<(i32, u8, u32)>,
    /// "Who appears with whom" over every article, for the [`SUMMARY_PAIRS`] most named.
    cooccur: Cooccurrence,
    /// How many stories there are, and how many of them more than one article reports.
    pub stories: u32,
    pub multi_stories: u32,
    /// Per term shard: its first term and how many terms it holds.
    term_shards: Vec<(String, u32)>,
    /// Per name-list file: its first name.
    name_files: Vec<u32>,
    /// Per event file: its first event, the earliest start and the latest end of its events.
    event_files: Vec<(u32, Day, Day)>,
    /// How many counts files there are ([`broad`]).
    broad_files: u32,
    /// How many span files of rows (and as many of pairs and of the catalogue) there are: none
    /// in a shelf held in memory, else one per [`ROW_SPAN`] row files.
    row_spans: u32,
}

/// The files of a static corpus: `(path inside the version directory, bytes)`.
pub struct Files {
    /// Hash of every file's path and bytes, as 16 hex digits: the directory they live in.
    pub version: String,
    pub files: Vec<(String, Vec<u8>)>,
}

/// The entry point beside the version directories, `corpus.json`: the only file that changes
/// between builds (the page fetches it fresh, everything under the version from any cache).
pub fn entry(version: &str, documents: usize, files: usize) -> String {
    format!("{{\"version\":\"{version}\",\"documents\":{documents},\"files\":{files}}}\n")
}

/// The version an entry point names, if it is one (16 hex digits, nothing that could step out
/// of the corpus folder).
pub fn entry_version(entry: &str) -> Option<&str> {
    let rest = &entry[entry.find("\"version\":\"")? + 11..];
    let version = &rest[..rest.find('"')?];
    (version.len() == 16 && version.bytes().all(|b| b.is_ascii_hexdigit())).then_some(version)
}

/// A static corpus in one buffer: how the analyser worker hands a reader's own articles,
/// shelved, to a served page (one message, one IndexedDB value, no files to write). `BUNDLE`,
/// the version, the number of files, then each file's path and bytes; every number a LEB128
/// varint, every path and file after its length.
pub fn bundle(files: &Files) -> Vec<u8> {
    fn varint(out: &mut Vec<u8>, mut n: u64) {
        while n >= 0x80 {
            out.push((n as u8) | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    }
    let mut out = BUNDLE.to_vec();
    let put = |out: &mut Vec<u8>, bytes: &[u8]| {
        varint(out, bytes.len() as u64);
        out.extend_from_slice(bytes);
    };
    put(&mut out, files.version.as_bytes());
    varint(&mut out, files.files.len() as u64);
    for (path, bytes) in &files.files {
        put(&mut out, path.as_bytes());
        put(&mut out, bytes);
    }
    out
}

/// Reads [`bundle`]'s buffer back; a damaged or truncated one is an `Err`, never a panic. The
/// files themselves are checked when they are added to a [`Shelf`].
pub fn unbundle(bytes: &[u8]) -> Result<Files, Error> {
    let damaged = || Error("the bundle of your articles is damaged; add them again".to_string());
    let mut rest = bytes.strip_prefix(BUNDLE.as_slice()).ok_or_else(damaged)?;
    let varint = |rest: &mut &[u8]| -> Result<usize, Error> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let (&b, tail) = rest.split_first().ok_or_else(damaged)?;
            *rest = tail;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return usize::try_from(n).map_err(|_| damaged());
            }
        }
        Err(damaged())
    };
    let take = |rest: &mut &[u8]| -> Result<Vec<u8>, Error> {
        let n = varint(rest)?;
        if n > rest.len() {
            return Err(damaged());
        }
        let (item, tail) = rest.split_at(n);
        *rest = tail;
        Ok(item.to_vec())
    };
    let text = |b: Vec<u8>| String::from_utf8(b).map_err(|_| damaged());
    let version = text(take(&mut rest)?)?;
    let count = varint(&mut rest)?;
    let mut files = Vec::new();
    for _ in 0..count {
        let path = text(take(&mut rest)?)?;
        files.push((path, take(&mut rest)?));
    }
    if !rest.is_empty() {
        return Err(damaged());
    }
    Ok(Files { version, files })
}

/// Cuts a built corpus into the files of the format above, to be served. Deterministic.
pub fn write(corpus: &Corpus) -> Files {
    write_files(corpus, true)
}

/// [`write`] without counts files, for a shelf the page holds in memory (a reader's own
/// articles, `shelf::bundle`): reading its rows costs no request, and writing counts files in
/// the analyser would only add time to the analysis.
pub fn write_in_memory(corpus: &Corpus) -> Files {
    write_files(corpus, false)
}

fn write_files(corpus: &Corpus, served: bool) -> Files {
    let index = &corpus.index;
    let n = corpus.documents.len().min(index.doc_count());
    // `number[old]`: the article's number in date order; `order[number]`: the old index.
    let number: Vec<u32> = (0..n).map(|d| index.date_rank[d]).collect();
    let mut order = vec![0usize; n];
    for (d, &r) in number.iter().enumerate() {
        order[r as usize] = d;
    }
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    // Each article's name pairs, by old index: the pairs files, their spans, the summary's
    // matrix and the counts files' all read them.
    let pairs: Vec<Vec<Pair>> = par::map(&corpus.documents[..n], par::threads(), cooccur::pairs);

    // Per name, the numbers of the articles naming it, ascending.
    let named: Vec<Vec<u32>> = corpus
        .entities
        .iter()
        .map(|entity| {
            let mut docs: Vec<u32> = entity.docs.iter().filter_map(|&d| number.get(d as usize).copied()).collect();
            docs.sort_unstable();
            docs.dedup();
            docs
        })
        .collect();
    // Spans: a served shelf's files again, [`ROW_SPAN`] in one (below). A shelf in memory
    // costs no request, so it has none.
    let spans = served && n > ROW_CHUNK;
    let (stories, multi_stories, story_of) = write_stories(corpus, spans, &mut files);
    let beside = broad::Beside { pairs: &pairs, story_of: &story_of };
    let broad::Written { keys, names: name_counts, pairs: name_pairs, files: counts, stories: story_sets, pages } =
        if served { broad::write(corpus, &number, &order, &named, &beside) } else { broad::Written::default() };
    let broad_files = counts.len() as u32;
    for (i, ((bytes, set), page)) in counts.into_iter().zip(story_sets).zip(pages).enumerate() {
        files.push((format!("counts/{i}.bin"), bytes));
        files.push((format!("storysets/{i}.bin"), set));
        files.push((format!("firstpages/{i}.bin"), write_first_pages(corpus, &number, &order, &page)));
    }
    let term_shards = write_terms(corpus, &number, &order, &keys, &mut files);
    let name_files = write_names(&named, &name_counts, &name_pairs, &mut files);
    let event_files = write_events(corpus, &number, &mut files);
    for (chunk, docs) in order.chunks(ROW_CHUNK).enumerate() {
        let mut w = Writer::default();
        for &d in docs {
            put_deltas(&mut w, &index.doc_entities[d]);
            put_deltas(&mut w, &index.doc_events[d]);
        }
        files.push((format!("rows/{chunk}.bin"), w.frame(ROWS)));
        let mut w = Writer::default();
        for &d in docs {
            put_pairs(&mut w, &pairs[d]);
        }
        files.push((format!("pairs/{chunk}.bin"), w.frame(PAIRS)));
        let mut w = Writer::default();
        docs.iter().map(|&d| Listing::of(&corpus.documents[d])).collect::<Vec<_>>().put(&mut w);
        files.push((format!("catalogue/{chunk}.bin"), w.frame(CATALOGUE)));
    }
    // The same rows and pairs again, [`ROW_SPAN`] files' worth in one (a span's body is its
    // row files' bodies back to back).
    let row_spans = if spans { n.div_ceil(ROW_CHUNK * ROW_SPAN) } else { 0 };
    for (span, docs) in order.chunks(ROW_CHUNK * ROW_SPAN).take(row_spans).enumerate() {
        let (mut rows, mut paired, mut listings) = (Writer::default(), Writer::default(), Writer::default());
        for &d in docs {
            put_deltas(&mut rows, &index.doc_entities[d]);
            put_deltas(&mut rows, &index.doc_events[d]);
            put_pairs(&mut paired, &pairs[d]);
        }
        for chunk in docs.chunks(ROW_CHUNK) {
            chunk.iter().map(|&d| Listing::of(&corpus.documents[d])).collect::<Vec<_>>().put(&mut listings);
        }
        files.push((format!("rowspans/{span}.bin"), rows.frame(ROW_SPANS)));
        files.push((format!("pairspans/{span}.bin"), paired.frame(PAIR_SPANS)));
        files.push((format!("cataloguespans/{span}.bin"), listings.frame(CATALOGUE_SPANS)));
    }
    for (chunk, docs) in order.chunks(TEXT_CHUNK).enumerate() {
        files.push((format!("text/{chunk}.bin"), pack::encode_documents(text_chunk(corpus, &number, docs))));
    }
    write_echoes(corpus, &number, &order, &mut files);

    let names: Vec<Name> = corpus
        .entities
        .iter()
        .map(|e| Name { name: e.name.clone(), kind: e.kind, total: e.docs.len() as u32 })
        .collect();
    for (chunk, table) in names.chunks(TABLE_CHUNK).enumerate() {
        let mut w = Writer::default();
        w.varint(table.len() as u64);
        for name in table {
            name.put(&mut w);
        }
        files.push((format!("table/{chunk}.bin"), w.frame(TABLE)));
    }
    for (chunk, entities) in corpus.entities.chunks(TABLE_CHUNK).enumerate() {
        let spellings: Vec<Vec<(String, u32)>> =
            entities.iter().map(|e| e.aliases.iter().map(|a| (a.text.clone(), a.count)).collect()).collect();
        let mut w = Writer::default();
        spellings.put(&mut w);
        files.push((format!("spellings/{chunk}.bin"), w.frame(SPELLINGS)));
    }
    let mut w = Writer::default();
    names.iter().map(|n| n.total).collect::<Vec<u32>>().put(&mut w);
    files.push(("totals/0.bin".into(), w.frame(TOTALS)));
    // Dated articles come first in number order (`Index::date_rank`), so their start days are
    // ascending and a run-length list is short (one run per distinct day).
    let starts: Vec<Day> = order.iter().map_while(|&d| corpus.documents[d].date.map(|v| v.start)).collect();
    let mut runs: Vec<(Day, u32)> = Vec::new();
    for &day in &starts {
        match runs.last_mut() {
            Some((last, count)) if *last == day => *count += 1,
            _ => runs.push((day, 1)),
        }
    }
    let mut w = Writer::default();
    w.varint(runs.len() as u64);
    for (day, count) in &runs {
        day.put(&mut w);
        w.varint(u64::from(*count));
    }
    files.push(("days/0.bin".into(), w.frame(DAYS)));
    // Every article's indexed length, by number, once: in every posting the lengths were two
    // fifths of the shards' bytes and two thirds after brotli (they are what does not compress).
    let mut w = Writer::default();
    w.varint(n as u64);
    for &d in &order {
        w.varint(u64::from(index.doc_len(d)));
    }
    files.push(("lengths/0.bin".into(), w.frame(LENGTHS)));
    let mut months: BTreeMap<(i32, u8), u32> = BTreeMap::new();
    for e in &corpus.events {
        *months.entry((e.date.start.year, e.date.start.month)).or_default() += 1;
    }
    let summary = Summary {
        doc_count: n as u32,
        dated: starts.len() as u32,
        avg_len: index.avg_len,
        name_count: names.len() as u32,
        top: top_names(&names),
        event_count: corpus.events.len() as u32,
        months: months.into_iter().map(|((y, m), c)| (y, m, c)).collect(),
        cooccur: cooccur::from_pairs(
            cooccur::top_entities(&names.iter().map(|n| n.total).collect::<Vec<u32>>(), SUMMARY_PAIRS),
            order.iter().map(|&d| &pairs[d]),
        ),
        stories,
        multi_stories,
        term_shards,
        name_files,
        event_files,
        broad_files,
        row_spans: row_spans as u32,
    };
    let mut w = Writer::default();
    summary.put(&mut w);
    files.push(("summary.bin".into(), w.frame(SUMMARY)));

    use std::hash::Hasher;
    let mut hash = Fnv1a::default();
    // How the files are stored is part of the version (`store`: gzip since the served corpus
    // of 2026-12-07): a page still open from a build that stored them plain must never be
    // handed compressed bytes under a URL it knew.
    hash.write(b"gzip");
    for (path, bytes) in &files {
        hash.write(path.as_bytes());
        hash.write(&(bytes.len() as u64).to_le_bytes());
        hash.write(bytes);
    }
    Files { version: format!("{:016x}", hash.finish()), files }
}

/// The [`TOP_NAMES`] most named, most first, ties by number.
fn top_names(names: &[Name]) -> Vec<(u32, Name)> {
    let mut ids: Vec<u32> = (0..names.len() as u32).collect();
    // Stable, so ties stay by number.
    order::sort_ids_by(&mut ids, |a, b| names[b as usize].total.cmp(&names[a as usize].total));
    ids.into_iter().take(TOP_NAMES).map(|e| (e, names[e as usize].clone())).collect()
}

/// The articles `docs` (old indices) as a text file holds them: their date sources renumbered.
fn text_chunk(corpus: &Corpus, number: &[u32], docs: &[usize]) -> Vec<Document> {
    docs.iter()
        .map(|&d| {
            let mut doc = corpus.documents[d].clone();
            doc.date_from = doc.date_from.iter().map(|&f| number[f as usize]).collect();
            doc.date_from.sort_unstable();
            doc
        })
        .collect()
}

/// A `firstpages/` file: the text files (as [`text_chunk`]s) of the articles `page` (shelf
/// numbers, ascending), their numbers first.
fn write_first_pages(corpus: &Corpus, number: &[u32], order: &[usize], page: &[u32]) -> Vec<u8> {
    let mut chunks: Vec<u32> = page.iter().map(|&d| (d as usize / TEXT_CHUNK) as u32).collect();
    chunks.dedup();
    let mut w = Writer::default();
    put_deltas(&mut w, &chunks);
    for &c in &chunks {
        let start = c as usize * TEXT_CHUNK;
        text_chunk(corpus, number, &order[start..(start + TEXT_CHUNK).min(order.len())]).put(&mut w);
    }
    w.frame(FIRST_PAGES)
}

fn put_deltas(w: &mut Writer, sorted: &[u32]) {
    w.varint(sorted.len() as u64);
    let mut last = 0;
    for &v in sorted {
        w.varint(u64::from(v - last));
        last = v;
    }
}

/// An article's name pairs (ascending, first < second): the count, then per pair the first
/// name's delta, the second's distance from it and the sentences.
fn put_pairs(w: &mut Writer, pairs: &[Pair]) {
    w.varint(pairs.len() as u64);
    let mut last = 0;
    for &(a, b, n) in pairs {
        w.varint(u64::from(a - last));
        w.varint(u64::from(b - a));
        w.varint(u64::from(n));
        last = a;
    }
}

/// One row file's body: per article its names and events, each in range of the summary.
fn take_rows(r: &mut Reader<'_>, articles: usize, s: &Summary, path: &str) -> Result<Rows, Error> {
    let mut rows = Rows {
        names: Vec::new(),
        name_at: Vec::with_capacity(articles + 1),
        events: Vec::new(),
        event_at: Vec::with_capacity(articles + 1),
    };
    rows.name_at.push(0);
    rows.event_at.push(0);
    let out_of_range = || Error(format!("{path} names a name or event out of range"));
    for _ in 0..articles {
        // Straight into the flat arrays: no list per article (a filter over most articles
        // reads every row file, and the page waits for it).
        if append_deltas(r, &mut rows.names)?.is_some_and(|e| e >= s.name_count) {
            return Err(out_of_range());
        }
        rows.name_at.push(rows.names.len() as u32);
        if append_deltas(r, &mut rows.events)?.is_some_and(|e| e >= s.event_count) {
            return Err(out_of_range());
        }
        rows.event_at.push(rows.events.len() as u32);
    }
    Ok(rows)
}

/// [`take_deltas`] onto the end of `out`; returns the list's last number.
fn append_deltas(r: &mut Reader<'_>, out: &mut Vec<u32>) -> Result<Option<u32>, Error> {
    let n = r.len()?;
    out.reserve(n);
    let mut last = 0u32;
    for _ in 0..n {
        last = last.checked_add(u32::take(r)?).ok_or_else(|| Error("a list of numbers overflows".into()))?;
        out.push(last);
    }
    Ok((n > 0).then_some(last))
}

/// One catalogue file's body: its articles' listings, as many as it holds.
fn take_listings(r: &mut Reader<'_>, articles: usize, _: &Summary, path: &str) -> Result<Vec<Listing>, Error> {
    let listings = Vec::<Listing>::take(r)?;
    if listings.len() != articles {
        return Err(Error(format!("{path} holds {} entries where the summary says {articles}", listings.len())));
    }
    Ok(listings)
}

/// One pairs file's body ([`put_pairs`] per article): each article's pairs ascending, in range.
fn take_pairs(r: &mut Reader<'_>, articles: usize, s: &Summary, path: &str) -> Result<Vec<Vec<Pair>>, Error> {
    let bad = || Error(format!("{path} names a pair out of order or out of range"));
    let mut out = Vec::with_capacity(articles);
    for _ in 0..articles {
        let mut pairs = Vec::new();
        let mut last: Option<(u32, u32)> = None;
        for _ in 0..r.len()? {
            let a = last.map_or(0, |(a, _)| a).checked_add(u32::take(r)?).ok_or_else(bad)?;
            let b = a.checked_add(u32::take(r)?).ok_or_else(bad)?;
            let count = u32::take(r)?;
            if b == a || b >= s.name_count || count == 0 || last.is_some_and(|l| l >= (a, b)) {
                return Err(bad());
            }
            pairs.push((a, b, count));
            last = Some((a, b));
        }
        out.push(pairs);
    }
    Ok(out)
}

fn take_deltas(r: &mut Reader<'_>) -> Result<Vec<u32>, Error> {
    let mut out = Vec::new();
    append_deltas(r, &mut out)?;
    Ok(out)
}

/// One term's postings in article-number order: `(article, tf, title_tf, positions)`.
type TermPostings = Vec<(u32, u32, u32, Vec<u32>)>;

/// Term shards and their positions; returns the shard directory. Each shard ends with the
/// broad searches' `keys` (sorted) that sort into it, with their counts file.
fn write_terms(
    corpus: &Corpus,
    number: &[u32],
    order: &[usize],
    keys: &[(Key, u32)],
    files: &mut Vec<(String, Vec<u8>)>,
) -> Vec<(String, u32)> {
    let index = &corpus.index;
    // Every term's positions, filled article by article in number order, so each term's list is
    // its postings' positions back to back (the postings give each article's count).
    let v = index.terms.len();
    let mut count = vec![0u32; v + 1];
    for &d in order {
        for &t in index.positions(d) {
            if t != GAP {
                count[t as usize + 1] += 1;
            }
        }
    }
    for t in 0..v {
        count[t + 1] += count[t];
    }
    let mut next = count.clone();
    let mut positions = vec![0u32; count[v] as usize];
    for &d in order {
        for (p, &t) in index.positions(d).iter().enumerate() {
            if t != GAP {
                positions[next[t as usize] as usize] = p as u32;
                next[t as usize] += 1;
            }
        }
    }
    let mut shards = Vec::new();
    let mut shard: Vec<(String, TermPostings)> = Vec::new();
    let mut shard_bytes = 0usize;
    let flush = |shard: &mut Vec<(String, TermPostings)>,
                 keys: &[(Key, u32)],
                 shards: &mut Vec<(String, u32)>,
                 files: &mut Vec<(String, Vec<u8>)>| {
        if shard.is_empty() {
            return;
        }
        let i = shards.len();
        let (mut terms, mut places) = (Writer::default(), Writer::default());
        terms.varint(shard.len() as u64);
        places.varint(shard.len() as u64);
        for (term, postings) in shard.iter() {
            term.put(&mut terms);
            terms.varint(postings.len() as u64);
            places.varint(postings.len() as u64);
            let mut last = 0;
            for (doc, tf, title_tf, pos) in postings {
                terms.varint(u64::from(doc - last));
                last = *doc;
                terms.varint(u64::from(*tf));
                terms.varint(u64::from(*title_tf));
                put_deltas(&mut places, pos);
            }
        }
        broad::put_directory(&mut terms, keys);
        shards.push((shard[0].0.clone(), shard.len() as u32));
        files.push((format!("terms/{i}.bin"), terms.frame(TERMS)));
        files.push((format!("positions/{i}.bin"), places.frame(POSITIONS)));
        shard.clear();
    };
    // The keys of a shard: those sorting before the next shard's first term (the first shard
    // also takes any before its own, as `Summary::shard_of` does).
    let mut key_at = 0;
    let mut shard_keys = move |next: Option<&String>| {
        let take = keys[key_at..].partition_point(|(k, _)| next.is_none_or(|n| k.text < *n));
        key_at += take;
        &keys[key_at - take..key_at]
    };
    for t in 0..v as u32 {
        let mut postings: Vec<_> = index.postings(t).map(|p| (number[p.doc as usize], p)).collect();
        order::sort_by_key(&mut postings, |&(r, _)| r);
        let mut at = count[t as usize] as usize;
        let list: TermPostings = postings
            .into_iter()
            .map(|(r, p)| {
                let pos = positions[at..at + p.tf as usize].to_vec();
                at += p.tf as usize;
                (r, p.tf, p.title_tf, pos)
            })
            .collect();
        shard_bytes += 4 * list.len() + 8;
        shard.push((index.terms[t as usize].clone(), list));
        if shard_bytes >= SHARD_BYTES {
            flush(&mut shard, shard_keys(index.terms.get(t as usize + 1)), &mut shards, files);
            shard_bytes = 0;
        }
    }
    flush(&mut shard, shard_keys(None), &mut shards, files);
    shards
}

/// Name-list files; returns each file's first name.
fn write_names(
    named: &[Vec<u32>],
    counts: &[(u32, u32)],
    pairs: &[(u32, u32, u32)],
    files: &mut Vec<(String, Vec<u8>)>,
) -> Vec<u32> {
    let mut firsts = Vec::new();
    let mut batch: Vec<&[u32]> = Vec::new();
    let mut bytes = 0usize;
    let mut flush = |batch: &mut Vec<&[u32]>, first: usize, firsts: &mut Vec<u32>| {
        let mut w = Writer::default();
        w.varint(batch.len() as u64);
        for docs in batch.iter() {
            put_deltas(&mut w, docs);
        }
        // Per name, its counts file's number plus one, or 0 for none.
        for e in first..first + batch.len() {
            let file = counts.binary_search_by_key(&(e as u32), |&(n, _)| n).map_or(0, |k| u64::from(counts[k].1) + 1);
            w.varint(file);
        }
        // Per name, the later names it has a pair's counts file with (deltas), then the files.
        for e in first..first + batch.len() {
            let from = pairs.partition_point(|&(a, _, _)| a < e as u32);
            let to = pairs.partition_point(|&(a, _, _)| a <= e as u32);
            let partners: Vec<u32> = pairs[from..to].iter().map(|&(_, b, _)| b).collect();
            put_deltas(&mut w, &partners);
            for &(_, _, file) in &pairs[from..to] {
                w.varint(u64::from(file));
            }
        }
        files.push((format!("names/{}.bin", firsts.len()), w.frame(NAMES)));
        firsts.push(first as u32);
        batch.clear();
    };
    for (e, docs) in named.iter().enumerate() {
        bytes += 2 * docs.len() + 1;
        batch.push(docs);
        if bytes >= SHARD_BYTES || e + 1 == named.len() {
            let first = e + 1 - batch.len();
            flush(&mut batch, first, &mut firsts);
            bytes = 0;
        }
    }
    firsts
}

/// Event files in date order; returns the directory.
fn write_events(corpus: &Corpus, number: &[u32], files: &mut Vec<(String, Vec<u8>)>) -> Vec<(u32, Day, Day)> {
    let mut dir = Vec::new();
    for (chunk, events) in corpus.events.chunks(EVENT_CHUNK).enumerate() {
        let mut w = Writer::default();
        w.varint(events.len() as u64);
        for e in events {
            w.varint(u64::from(number.get(e.doc as usize).copied().unwrap_or(0)));
            e.date.put(&mut w);
        }
        let first = (chunk * EVENT_CHUNK) as u32;
        let start = events.iter().map(|e| e.date.start).min().unwrap_or(Day { year: 1, month: 1, day: 1 });
        let end = events.iter().map(|e| e.date.end).max().unwrap_or(start);
        dir.push((first, start, end));
        files.push((format!("events/{chunk}.bin"), w.frame(EVENTS)));
    }
    for (chunk, events) in corpus.events.chunks(EVENT_TEXT_CHUNK).enumerate() {
        let mut w = Writer::default();
        let renumbered: Vec<Event> = events
            .iter()
            .map(|e| Event { doc: number.get(e.doc as usize).copied().unwrap_or(0), ..e.clone() })
            .collect();
        renumbered.put(&mut w);
        files.push((format!("eventtext/{chunk}.bin"), w.frame(EVENT_TEXT)));
        let rows: Vec<EventRow> = events
            .iter()
            .map(|e| EventRow {
                sentence: corpus
                    .documents
                    .get(e.doc as usize)
                    .and_then(|d| d.sentences.get(e.sentence as usize))
                    .map(|s| s.text.clone())
                    .unwrap_or_default(),
                names: e.entities.clone(),
            })
            .collect();
        let mut w = Writer::default();
        rows.put(&mut w);
        files.push((format!("eventrows/{chunk}.bin"), w.frame(EVENT_ROWS)));
    }
    dir
}

/// The story files and the story of every event (and, with `spans`, the story-of files in
/// spans); returns how many stories there are, how many more than one article reports, and
/// each event's story as the `storyof/` files hold it.
fn write_stories(corpus: &Corpus, spans: bool, files: &mut Vec<(String, Vec<u8>)>) -> (u32, u32, Vec<u32>) {
    let stories = story::group(corpus);
    let cards: Vec<Card> = stories.iter().map(|s| Card::new(s, corpus)).collect();
    for (chunk, cards) in cards.chunks(STORY_CHUNK).enumerate() {
        let shown: Vec<Card> = cards.iter().map(Card::shown).collect();
        let mut w = Writer::default();
        shown.put(&mut w);
        files.push((format!("stories/{chunk}.bin"), w.frame(STORIES)));
        // The sources a row does not show, for a download: only beside a file with such a card.
        if !shown.iter().all(Card::is_whole) {
            let sources: Vec<Vec<CardSource>> = cards
                .iter()
                .zip(&shown)
                .map(|(card, shown)| if shown.is_whole() { Vec::new() } else { card.sources.clone() })
                .collect();
            let mut w = Writer::default();
            sources.put(&mut w);
            files.push((format!("storysources/{chunk}.bin"), w.frame(STORY_SOURCES)));
        }
    }
    // `group` puts every event in exactly one story.
    let mut of = vec![0u32; corpus.events.len()];
    for (k, (s, card)) in stories.iter().zip(&cards).enumerate() {
        for &e in &s.events {
            if let Some(slot) = of.get_mut(e as usize) {
                *slot = ((k as u32) << 1) | u32::from(card.multi());
            }
        }
    }
    for (chunk, of) in of.chunks(STORY_OF_CHUNK).enumerate() {
        let mut w = Writer::default();
        of.to_vec().put(&mut w);
        files.push((format!("storyof/{chunk}.bin"), w.frame(STORY_OF)));
    }
    // A filter over most articles has events in every story-of file (189 requests at 100 000
    // articles): [`ROW_SPAN`] of them in one, each body as its own file's.
    for (span, of) in of.chunks(STORY_OF_CHUNK * ROW_SPAN).enumerate().filter(|_| spans) {
        let mut w = Writer::default();
        of.chunks(STORY_OF_CHUNK).for_each(|of| of.to_vec().put(&mut w));
        files.push((format!("storyofspans/{span}.bin"), w.frame(STORY_OF_SPANS)));
    }
    (cards.len() as u32, cards.iter().filter(|c| c.multi()).count() as u32, of)
}

/// The echo files: every article's repeated passages, by number. The comparison runs on every
/// core here (natively).
fn write_echoes(corpus: &Corpus, number: &[u32], order: &[usize], files: &mut Vec<(String, Vec<u8>)>) {
    let echoes = echo::all(corpus, super::par::threads());
    for (chunk, docs) in order.chunks(ECHO_CHUNK).enumerate() {
        let mut w = Writer::default();
        for &d in docs {
            passages(corpus, number, echoes.get(d).map_or(&[], Vec::as_slice)).put(&mut w);
        }
        files.push((format!("echoes/{chunk}.bin"), w.frame(ECHOES)));
    }
}

pack_struct!(Passage { sentence, articles, shown });
pack_struct!(Elsewhere { number, sentence, id, title });
pack_struct!(Name { name, kind, total });
pack_struct!(Listing { id, title, date, source, url });
pack_struct!(EventRow { sentence, names });
pack_struct!(Card { date, lead, sources, source_count, date_conflicts, number_conflicts });
pack_struct!(CardSource { doc, id, title, reported, happened, sentence });

impl Pack for Summary {
    fn put(&self, w: &mut Writer) {
        self.doc_count.put(w);
        self.dated.put(w);
        self.avg_len.to_bits().put(w);
        self.name_count.put(w);
        self.top.put(w);
        self.event_count.put(w);
        self.months.put(w);
        self.cooccur.entities.put(w);
        self.cooccur.counts.put(w);
        self.stories.put(w);
        self.multi_stories.put(w);
        self.term_shards.put(w);
        self.name_files.put(w);
        self.event_files.put(w);
        self.broad_files.put(w);
        self.row_spans.put(w);
    }

    fn take(r: &mut Reader<'_>) -> Result<Self, Error> {
        let summary = Summary {
            doc_count: u32::take(r)?,
            dated: u32::take(r)?,
            avg_len: f32::from_bits(u32::take(r)?),
            name_count: u32::take(r)?,
            top: Pack::take(r)?,
            event_count: u32::take(r)?,
            months: Pack::take(r)?,
            cooccur: Cooccurrence { entities: Pack::take(r)?, counts: Pack::take(r)? },
            stories: u32::take(r)?,
            multi_stories: u32::take(r)?,
            term_shards: Pack::take(r)?,
            name_files: Pack::take(r)?,
            event_files: Pack::take(r)?,
            broad_files: u32::take(r)?,
            row_spans: u32::take(r)?,
        };
        summary.check()?;
        Ok(summary)
    }
}

/// Whether a stored "who appears with whom" has more than [`SUMMARY_PAIRS`] names, a name
/// beyond the `names` the corpus has, or a row or column too many or too few.
fn bad_matrix(m: &Cooccurrence, names: u32) -> bool {
    m.entities.len() > SUMMARY_PAIRS
        || m.entities.iter().any(|&e| e >= names)
        || m.counts.len() != m.entities.len()
        || m.counts.iter().any(|row| row.len() != m.entities.len())
}

impl Summary {
    /// The directories are sorted and in range, so every lookup below stays in bounds.
    fn check(&self) -> Result<(), Error> {
        let bad = |what: &str| Err(Error(format!("the corpus summary has a bad {what}")));
        if !(self.avg_len.is_finite() && self.avg_len > 0.0) {
            return bad("mean length");
        }
        if self.dated > self.doc_count {
            return bad("count of dated articles");
        }
        if self.top.iter().any(|(e, n)| n.total > self.doc_count || *e >= self.name_count) {
            return bad("name");
        }
        if bad_matrix(&self.cooccur, self.name_count) {
            return bad("matrix of names");
        }
        if self.stories > self.event_count || self.multi_stories > self.stories {
            return bad("count of stories");
        }
        if !self.term_shards.windows(2).all(|w| w[0].0 < w[1].0) || self.term_shards.iter().any(|s| s.1 == 0) {
            return bad("term directory");
        }
        let names = self.name_count;
        if self.name_files.first().is_some_and(|&f| f != 0)
            || !self.name_files.windows(2).all(|w| w[0] < w[1])
            || self.name_files.iter().any(|&f| f >= names)
            || (names > 0 && self.name_files.is_empty())
        {
            return bad("name directory");
        }
        let events_ok = self.event_files.iter().enumerate().all(|(i, &(first, start, end))| {
            first as usize == i * EVENT_CHUNK && first < self.event_count && start <= end
        }) && self.event_files.len() == (self.event_count as usize).div_ceil(EVENT_CHUNK);
        if !events_ok {
            return bad("event directory");
        }
        if self.row_spans != 0 && self.row_spans as usize != self.row_files().div_ceil(ROW_SPAN) {
            return bad("count of span files");
        }
        Ok(())
    }

    /// How many of `events` (event numbers, ascending) fall in each of [`Summary::months`]:
    /// the timeline under a filter. Events are numbered in order of their start day and the
    /// months count them by start month, so a month is a run of numbers and no event file is
    /// needed.
    pub fn month_counts(&self, events: &[u32]) -> Vec<u32> {
        let mut counts = vec![0u32; self.months.len()];
        let (mut month, mut end) = (0usize, self.months.first().map_or(0, |m| m.2));
        for &e in events {
            while e >= end && month + 1 < self.months.len() {
                month += 1;
                end += self.months[month].2;
            }
            if e < end {
                counts[month] += 1;
            }
        }
        counts
    }

    fn row_files(&self) -> usize {
        (self.doc_count as usize).div_ceil(ROW_CHUNK)
    }

    /// How many articles row (or pairs, or catalogue) file `file` holds.
    fn articles_in(&self, file: usize) -> usize {
        (self.doc_count as usize).saturating_sub(file * ROW_CHUNK).min(ROW_CHUNK)
    }

    /// The row (pairs, catalogue or story-of) files the file `kind`/`i` holds: itself, or a
    /// span's; `None` for a file this corpus does not have.
    fn row_files_of(&self, kind: &str, i: usize) -> Option<std::ops::Range<usize>> {
        let span = |files: usize| (i < files.div_ceil(ROW_SPAN)).then(|| i * ROW_SPAN..((i + 1) * ROW_SPAN).min(files));
        let story_of = (self.event_count as usize).div_ceil(STORY_OF_CHUNK);
        match kind {
            "rows" | "pairs" | "catalogue" => (i < self.row_files()).then_some(i..i + 1),
            "rowspans" | "pairspans" | "cataloguespans" if self.row_spans > 0 => span(self.row_files()),
            "storyof" => (i < story_of).then_some(i..i + 1),
            // Written beside the row spans (a served shelf).
            "storyofspans" if self.row_spans > 0 => span(story_of),
            _ => None,
        }
    }

    /// Reads the row (or pairs) files that file `kind`/`i` holds, one or a span's, each body
    /// by `take`; nothing is kept unless the whole file reads.
    fn read_row_files<T>(
        &self,
        path: &str,
        (kind, i): (&str, usize),
        bytes: &[u8],
        (magic, what): (&[u8; 4], &str),
        take: fn(&mut Reader<'_>, usize, &Summary, &str) -> Result<T, Error>,
    ) -> Result<Vec<(usize, T)>, Error> {
        let files = self.row_files_of(kind, i).ok_or_else(|| Error(format!("{path} is not a file of this corpus")))?;
        let mut r = Reader::unframe(bytes, magic, what)?;
        let mut read = Vec::new();
        for f in files {
            read.push((f, take(&mut r, self.articles_in(f), self, path)?));
        }
        r.finish()?;
        Ok(read)
    }

    /// The files that bring the row (pairs, catalogue, story-of: `kind`, `span_kind`) files `missing`
    /// (ascending, none of them here): a span where at least half of its files and more than
    /// one are missing, else the files themselves. At worst twice the bytes of the files alone,
    /// for a sixteenth of the requests where a filter needs most of them.
    fn by_spans(&self, missing: &[usize], kind: &str, span_kind: &str) -> Vec<String> {
        let mut need = Vec::new();
        for group in missing.chunk_by(|a, b| a / ROW_SPAN == b / ROW_SPAN) {
            let span = group[0] / ROW_SPAN;
            match self.row_files_of(span_kind, span) {
                Some(files) if group.len() > 1 && 2 * group.len() >= files.len() => {
                    need.push(format!("{span_kind}/{span}.bin"));
                }
                _ => need.extend(group.iter().map(|f| format!("{kind}/{f}.bin"))),
            }
        }
        need
    }

    /// The term shard that would hold `word` (none in a corpus without words).
    fn shard_of(&self, word: &str) -> Option<usize> {
        let after = self.term_shards.partition_point(|(first, _)| first.as_str() <= word);
        (!self.term_shards.is_empty()).then(|| after.saturating_sub(1))
    }

    /// The term shards that may hold a word starting with `prefix`.
    fn shards_of_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        let Some(first) = self.shard_of(prefix) else { return 0..0 };
        let more = self.term_shards[first + 1..].iter().take_while(|(t, _)| t.starts_with(prefix)).count();
        first..first + 1 + more
    }

    /// The name-list file holding name `e`, and its place in it.
    fn name_file(&self, e: u32) -> (usize, usize) {
        let file = self.name_files.partition_point(|&f| f <= e).saturating_sub(1);
        (file, (e - self.name_files.get(file).copied().unwrap_or(0)) as usize)
    }

    fn names_in_file(&self, file: usize) -> usize {
        let end = self.name_files.get(file + 1).copied().unwrap_or(self.name_count);
        (end - self.name_files[file]) as usize
    }
}

/// One posting of a term shard.
#[derive(Clone, Copy, Debug)]
struct Post {
    doc: u32,
    tf: u32,
    title_tf: u32,
}

/// A term's postings with their positions (empty when the positions file is not loaded).
type Entry<'a> = (&'a [Post], &'a [Vec<u32>]);

/// One row file's articles: the names each mentions and its events, back to back (article
/// `k`'s names are `names[name_at[k]..name_at[k + 1]]`), so summing counts over many articles
/// reads memory in order instead of chasing one allocation per article.
struct Rows {
    names: Vec<u32>,
    name_at: Vec<u32>,
    events: Vec<u32>,
    event_at: Vec<u32>,
}

impl Rows {
    fn names(&self, k: usize) -> &[u32] {
        &self.names[self.name_at[k] as usize..self.name_at[k + 1] as usize]
    }
    fn events(&self, k: usize) -> &[u32] {
        &self.events[self.event_at[k] as usize..self.event_at[k + 1] as usize]
    }
}

/// A query's matching articles, ranked, once its word, name and date files are here: kept
/// between the rounds of one view (rows, then text), so each round does not score again.
struct Ranked {
    query: Query,
    /// Matching articles, best first.
    docs: Vec<u32>,
    score: Vec<f32>,
    /// The matching articles.
    alive: Bits,
    /// The date range's events of the matching articles, in number order.
    in_range: Arc<[u32]>,
    /// The names' counts (as built) and the events of the matching articles, once counted.
    counted: Option<Arc<Counted>>,
}

/// Counted article sets the shelf keeps, newest first, to count a narrower filter from.
const KEPT_COUNTS: usize = 4;

/// What a set of articles' rows sum to.
struct Counted {
    /// The set's articles.
    alive: Bits,
    /// The names' counts, as built (before the corrections).
    counts: Vec<u32>,
    /// The events of the set's articles in number order; or, when `all_events` is false,
    /// only those a date range chose.
    events: Arc<[u32]>,
    all_events: bool,
}

impl Counted {
    /// The counts file of the articles `alive` says are in the set.
    fn of_file(alive: Bits, c: &broad::Counts, names: u32) -> Counted {
        let mut counts = vec![0u32; names as usize];
        for &(e, n) in &c.names {
            if let Some(k) = counts.get_mut(e as usize) {
                *k = n;
            }
        }
        Counted { alive, counts, events: c.events.clone(), all_events: true }
    }
}

/// How a ranking's counts are summed.
enum Plan {
    /// Over the rows of its own articles.
    Own,
    /// From a counted superset, less the rows of the articles the ranking lacks: a chip that
    /// names most of what is shown (the story's main actor under a search for it) keeps most
    /// articles, and its own rows would be nearly all of them.
    Narrow(Arc<Counted>),
}

struct TermShard {
    terms: Vec<String>,
    postings: Vec<Vec<Post>>,
    /// The broad searches that sort into this shard, with their counts file.
    broad: Vec<(Key, u32)>,
}

/// The most files [`Shelf::files_ahead`] names for one round: a chip's name list, its counts
/// file and the first page's text, or a few row files; more is a broad filter's rows, fetched
/// only once it is asked for.
const AHEAD_FILES: usize = 16;

/// The files a query needs that the shelf does not have yet: fetch them, [`Shelf::add`] them,
/// ask again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing(pub Vec<String>);

/// The static corpus as far as it has been fetched.
pub struct Shelf {
    pub summary: Summary,
    terms: Loaded<TermShard>,
    /// Per term shard: per term, per posting, the positions.
    positions: Loaded<Vec<Vec<Vec<u32>>>>,
    names: Loaded<Vec<Vec<u32>>>,
    /// Per name-list file: per name, the counts file of all its articles, if it has one.
    name_counts: Loaded<Vec<Option<usize>>>,
    /// Per name-list file: per name, the later names it shares a pair's counts file with,
    /// ascending, and those files.
    pair_counts: Loaded<Vec<Vec<(u32, usize)>>>,
    /// Per name-table file: its names.
    table: Loaded<Vec<Name>>,
    /// Every name's total, once fetched.
    totals: Option<Vec<u32>>,
    /// Every dated article's start day, by number, once fetched.
    days: Option<Vec<Day>>,
    /// Every article's indexed length, by number, once fetched (BM25 needs it; the postings
    /// leave it out).
    lengths: Option<Vec<u32>>,
    /// Per event file: `(article, date)` of its events.
    events: Loaded<Vec<(u32, DateValue)>>,
    /// Per row file: per article, its names and its events.
    rows: Loaded<Rows>,
    /// Per counts file: what the rows of a broad search's articles sum to.
    counts: Loaded<broad::Counts>,
    /// Per event-text file: its events as the list shows them.
    event_text: Loaded<Vec<Event>>,
    /// Per echo file: per article, its repeated passages.
    echoes: Loaded<Vec<Vec<Passage>>>,
    /// Per pairs file: per article, its name pairs.
    pairs: Loaded<Vec<Vec<Pair>>>,
    /// Per catalogue file: its articles' listings.
    catalogue: Loaded<Vec<Listing>>,
    /// Per spellings file: each name's spellings, with how often each is written.
    spellings: Loaded<Vec<Vec<(String, u32)>>>,
    /// Per event-rows file: its events' sentences and names.
    event_rows: Loaded<Vec<EventRow>>,
    /// Per story file: its stories, as their rows show them ([`Card::shown`]).
    stories: Loaded<Vec<Card>>,
    /// Per story-sources file: each story's sources, all of them where its card lists only
    /// those its row shows, else none.
    story_sources: Loaded<Vec<Vec<CardSource>>>,
    /// Per story-of file: each event's story, times two, plus one when several articles report it.
    story_of: Loaded<Vec<u32>>,
    /// Per counts file: the stories of its articles' events, and how many of them several
    /// articles report.
    story_sets: Loaded<(Vec<u32>, u32)>,
    /// The first-page files added (their text is in `text`).
    first_pages: Loaded<()>,
    /// Per text file: each article as a corpus of one, indexed once when added, so a snippet
    /// costs no index build per query (at 100 000 articles it was most of a keystroke's time).
    text: Loaded<Vec<Corpus>>,
    /// The last query ranked (a `Mutex` only so the shelf stays `Sync`; nothing waits on it).
    ranked: Mutex<Option<Ranked>>,
    /// The last [`KEPT_COUNTS`] article sets counted, newest first ([`Plan::Narrow`]). Locked
    /// only while `ranked` is, after it.
    kept: Mutex<Vec<Arc<Counted>>>,
    /// The reader's name corrections in effect ([`Shelf::correct`]).
    corrections: Corrections,
}

/// The files of one kind that are here, by number: a slot per file number rather than a
/// `BTreeMap`, whose insert, search and drop were compiled again for each of the eighteen
/// kinds, all into the page's wasm (BENCHMARKS.md, eighteenth session). File numbers are dense
/// (0 to the summary's count), so the slots stay as few as the files.
struct Loaded<T>(Vec<Option<T>>);

impl<T> Default for Loaded<T> {
    fn default() -> Self {
        Loaded(Vec::new())
    }
}

impl<T> Loaded<T> {
    fn get(&self, i: &usize) -> Option<&T> {
        self.0.get(*i).and_then(Option::as_ref)
    }

    fn contains_key(&self, i: &usize) -> bool {
        self.get(i).is_some()
    }

    fn insert(&mut self, i: usize, value: T) {
        if i >= self.0.len() {
            self.0.resize_with(i + 1, || None);
        }
        self.0[i] = Some(value);
    }

    /// As [`Loaded::insert`], but a file already here is kept (a span file can repeat one).
    fn insert_new(&mut self, i: usize, value: T) {
        if !self.contains_key(&i) {
            self.insert(i, value);
        }
    }

    /// The files here, by number.
    fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter().flatten()
    }

    /// The files here with their numbers, by number.
    fn iter(&self) -> impl Iterator<Item = (usize, &T)> {
        self.0.iter().enumerate().filter_map(|(i, v)| Some((i, v.as_ref()?)))
    }
}

/// Item `k` of the files `dir/<i>.bin` that hold `per_file` items each (those fetched are in
/// `files`), or the file to fetch for it; nothing to fetch when `k` is not below `count`.
fn item<'a, T>(files: &'a Loaded<Vec<T>>, dir: &str, per_file: usize, k: u32, count: u32) -> Result<&'a T, Missing> {
    let file = k as usize / per_file;
    match files.get(&file) {
        Some(items) => items.get(k as usize % per_file).ok_or_else(|| Missing(Vec::new())),
        None if k < count => Err(Missing(vec![format!("{dir}/{file}.bin")])),
        None => Err(Missing(Vec::new())),
    }
}

/// Whether `query` filters nothing: then every article matches, and the counts are the
/// totals.
fn unfiltered(query: &Query) -> bool {
    query::parse_terms(&query.text).is_empty() && no_filter(query)
}

/// Whether `query` requires or excludes no name and has no date range (its words aside).
fn no_filter(query: &Query) -> bool {
    query.include.is_empty() && query.exclude.is_empty() && query::date_range(query).is_none()
}

/// Whether a story's sources are in article order, each once.
fn in_order(sources: &[CardSource]) -> bool {
    sources.windows(2).all(|w| w[0].doc < w[1].doc)
}

/// A file's kind and number, from its path.
fn parse_path(path: &str) -> Option<(&str, usize)> {
    let (kind, rest) = path.split_once('/')?;
    let i = rest.strip_suffix(".bin")?;
    if i.is_empty() || !i.bytes().all(|b| b.is_ascii_digit()) || (i.len() > 1 && i.starts_with('0')) {
        return None;
    }
    Some((kind, i.parse().ok()?))
}

impl Shelf {
    /// Opens a static corpus from its `summary.bin`.
    pub fn open(summary: &[u8]) -> Result<Shelf, Error> {
        let mut r = Reader::unframe(summary, SUMMARY, "a corpus summary")?;
        let summary = Summary::take(&mut r)?;
        r.finish()?;
        Ok(Shelf {
            summary,
            terms: Loaded::default(),
            positions: Loaded::default(),
            names: Loaded::default(),
            name_counts: Loaded::default(),
            pair_counts: Loaded::default(),
            table: Loaded::default(),
            totals: None,
            days: None,
            lengths: None,
            events: Loaded::default(),
            rows: Loaded::default(),
            counts: Loaded::default(),
            pairs: Loaded::default(),
            echoes: Loaded::default(),
            catalogue: Loaded::default(),
            spellings: Loaded::default(),
            event_rows: Loaded::default(),
            stories: Loaded::default(),
            story_sources: Loaded::default(),
            story_of: Loaded::default(),
            story_sets: Loaded::default(),
            first_pages: Loaded::default(),
            event_text: Loaded::default(),
            text: Loaded::default(),
            ranked: Mutex::new(None),
            kept: Mutex::new(Vec::new()),
            corrections: Corrections::default(),
        })
    }

    /// Whether the file at `path` has been added.
    pub fn has(&self, path: &str) -> bool {
        match parse_path(path) {
            Some(("terms", i)) => self.terms.contains_key(&i),
            Some(("positions", i)) => self.positions.contains_key(&i),
            Some(("names", i)) => self.names.contains_key(&i),
            Some(("table", i)) => self.table.contains_key(&i),
            Some(("totals", 0)) => self.totals.is_some(),
            Some(("days", 0)) => self.days.is_some(),
            Some(("lengths", 0)) => self.lengths.is_some(),
            Some(("events", i)) => self.events.contains_key(&i),
            Some(("rows", i)) => self.rows.contains_key(&i),
            Some(("rowspans", i)) => self.all_here(&self.rows, "rowspans", i),
            Some(("pairspans", i)) => self.all_here(&self.pairs, "pairspans", i),
            Some(("cataloguespans", i)) => self.all_here(&self.catalogue, "cataloguespans", i),
            Some(("counts", i)) => self.counts.contains_key(&i),
            Some(("pairs", i)) => self.pairs.contains_key(&i),
            Some(("echoes", i)) => self.echoes.contains_key(&i),
            Some(("eventtext", i)) => self.event_text.contains_key(&i),
            Some(("stories", i)) => self.stories.contains_key(&i),
            Some(("storysources", i)) => self.story_sources.contains_key(&i),
            Some(("catalogue", i)) => self.catalogue.contains_key(&i),
            Some(("spellings", i)) => self.spellings.contains_key(&i),
            Some(("eventrows", i)) => self.event_rows.contains_key(&i),
            Some(("storyof", i)) => self.story_of.contains_key(&i),
            Some(("storyofspans", i)) => self.all_here(&self.story_of, "storyofspans", i),
            Some(("storysets", i)) => self.story_sets.contains_key(&i),
            Some(("text", i)) => self.text.contains_key(&i),
            Some(("firstpages", i)) => self.first_pages.contains_key(&i),
            _ => false,
        }
    }

    /// How many row files `path` brings (a span several, any other file none), of the rows a
    /// filter's counts are summed over: the page tells a filter that needs many from one that
    /// needs few.
    pub fn row_files_at(&self, path: &str) -> usize {
        match parse_path(path) {
            Some((kind @ ("rows" | "rowspans"), i)) => self.summary.row_files_of(kind, i).map_or(0, |r| r.len()),
            _ => 0,
        }
    }

    /// How many row files `paths` bring together ([`Shelf::row_files_at`]).
    pub fn row_files_in(&self, paths: &[String]) -> usize {
        paths.iter().map(|p| self.row_files_at(p)).sum()
    }

    /// `paths` with the catalogue files among them fetched in spans where at least half of a
    /// span's are wanted ([`Summary::by_spans`]): the download of a broad view's articles
    /// names nearly every catalogue file.
    pub fn in_spans(&self, paths: impl IntoIterator<Item = String>) -> Vec<String> {
        let (mut catalogue, mut out) = (Vec::new(), Vec::new());
        for path in paths {
            match parse_path(&path) {
                Some(("catalogue", i)) => catalogue.push(i),
                _ => out.push(path),
            }
        }
        catalogue.sort_unstable();
        catalogue.dedup();
        out.extend(self.summary.by_spans(&catalogue, "catalogue", "cataloguespans"));
        out
    }

    /// Whether every row (or pairs) file of the span `kind`/`i` is here.
    fn all_here<T>(&self, files: &Loaded<T>, kind: &str, i: usize) -> bool {
        self.summary.row_files_of(kind, i).is_some_and(|mut range| range.all(|f| files.contains_key(&f)))
    }

    /// Reads one fetched file. Its contents are checked against the summary (counts, article
    /// and name numbers), so what [`Shelf::search`] indexes with is in range.
    pub fn add(&mut self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        let unknown = || Error(format!("{path} is not a file of this corpus"));
        let (kind, i) = parse_path(path).ok_or_else(unknown)?;
        let s = &self.summary;
        let n = s.doc_count;
        let doc_ok = |d: u32| if d < n { Ok(d) } else { Err(Error(format!("{path} names an article out of range"))) };
        let count_ok = |got: usize, want: usize| {
            if got == want {
                Ok(())
            } else {
                Err(Error(format!("{path} holds {got} entries where the summary says {want}")))
            }
        };
        match kind {
            "terms" => {
                let &(_, want) = s.term_shards.get(i).ok_or_else(unknown)?;
                let mut r = Reader::unframe(bytes, TERMS, "a term shard")?;
                let count = r.len()?;
                count_ok(count, want as usize)?;
                let mut shard = TermShard {
                    terms: Vec::with_capacity(count),
                    postings: Vec::with_capacity(count),
                    broad: Vec::new(),
                };
                for _ in 0..count {
                    let term = String::take(&mut r)?;
                    if shard.terms.last().is_some_and(|last| *last >= term) {
                        return Err(Error(format!("{path} is not in order")));
                    }
                    let mut last = None::<u32>;
                    let postings = pack::take_n(r.len()?, || {
                        let delta = u32::take(&mut r)?;
                        let doc = match last {
                            None => delta,
                            Some(last) => last.checked_add(delta).filter(|_| delta > 0).unwrap_or(n),
                        };
                        let doc = doc_ok(doc)?;
                        last = Some(doc);
                        Ok(Post { doc, tf: u32::take(&mut r)?, title_tf: u32::take(&mut r)? })
                    })?;
                    shard.terms.push(term);
                    shard.postings.push(postings);
                }
                shard.broad = broad::take_directory(&mut r, s.broad_files)?;
                r.finish()?;
                self.terms.insert(i, shard);
            }
            "positions" => {
                s.term_shards.get(i).ok_or_else(unknown)?;
                let mut r = Reader::unframe(bytes, POSITIONS, "a positions shard")?;
                let lists = pack::take_n(r.len()?, || {
                    let n = r.len()?;
                    pack::take_n(n, || take_deltas(&mut r))
                })?;
                r.finish()?;
                count_ok(lists.len(), s.term_shards[i].1 as usize)?;
                self.positions.insert(i, lists);
            }
            "names" => {
                if i >= s.name_files.len() {
                    return Err(unknown());
                }
                let mut r = Reader::unframe(bytes, NAMES, "a name list")?;
                let lists = pack::take_n(r.len()?, || take_deltas(&mut r))?;
                let counted = pack::take_n(lists.len(), || match r.varint()? {
                    0 => Ok(None),
                    f if f <= u64::from(s.broad_files) => Ok(Some(f as usize - 1)),
                    _ => Err(Error("a counts file out of range".into())),
                })?;
                let first = s.name_files[i];
                let mut paired = Vec::with_capacity(lists.len());
                for at in 0..lists.len() as u32 {
                    let partners = take_deltas(&mut r)?;
                    if partners.first().is_some_and(|&b| b <= first.saturating_add(at))
                        || partners.last().is_some_and(|&b| b >= s.name_count)
                    {
                        return Err(Error("a pair's name out of range".into()));
                    }
                    let mut with = Vec::with_capacity(partners.len());
                    for b in partners {
                        match r.varint()? {
                            f if f < u64::from(s.broad_files) => with.push((b, f as usize)),
                            _ => return Err(Error("a counts file out of range".into())),
                        }
                    }
                    paired.push(with);
                }
                r.finish()?;
                count_ok(lists.len(), s.names_in_file(i))?;
                lists.iter().flatten().try_for_each(|&d| doc_ok(d).map(|_| ()))?;
                self.names.insert(i, lists);
                self.name_counts.insert(i, counted);
                self.pair_counts.insert(i, paired);
            }
            "table" => {
                if i >= (s.name_count as usize).div_ceil(TABLE_CHUNK) {
                    return Err(unknown());
                }
                let mut r = Reader::unframe(bytes, TABLE, "a name table")?;
                let names = Vec::<Name>::take(&mut r)?;
                r.finish()?;
                count_ok(names.len(), (s.name_count as usize - i * TABLE_CHUNK).min(TABLE_CHUNK))?;
                if names.iter().any(|n| n.total > s.doc_count) {
                    return Err(Error(format!("{path} has a name in more articles than there are")));
                }
                self.table.insert(i, names);
            }
            "totals" if i == 0 => {
                let mut r = Reader::unframe(bytes, TOTALS, "the name totals")?;
                let totals = Vec::<u32>::take(&mut r)?;
                r.finish()?;
                count_ok(totals.len(), s.name_count as usize)?;
                if totals.iter().any(|&t| t > n) {
                    return Err(Error(format!("{path} has a name in more articles than there are")));
                }
                self.totals = Some(totals);
            }
            "lengths" if i == 0 => {
                let mut r = Reader::unframe(bytes, LENGTHS, "the articles' lengths")?;
                let count = r.len()?;
                count_ok(count, n as usize)?;
                let lengths = pack::take_n(count, || u32::take(&mut r))?;
                r.finish()?;
                self.lengths = Some(lengths);
            }
            "days" if i == 0 => {
                let mut r = Reader::unframe(bytes, DAYS, "the articles' days")?;
                let mut days: Vec<Day> = Vec::with_capacity(s.dated as usize);
                for _ in 0..r.len()? {
                    let day = Day::take(&mut r)?;
                    let count = u32::take(&mut r)? as usize;
                    if days.last().is_some_and(|&last| last >= day) || count > s.dated as usize - days.len() {
                        return Err(Error(format!("{path} is not in order or holds too many articles")));
                    }
                    days.extend(std::iter::repeat_n(day, count));
                }
                r.finish()?;
                count_ok(days.len(), s.dated as usize)?;
                self.days = Some(days);
            }
            "events" => {
                s.event_files.get(i).ok_or_else(unknown)?;
                let mut r = Reader::unframe(bytes, EVENTS, "an event file")?;
                let events = pack::take_n(r.len()?, || Ok((doc_ok(u32::take(&mut r)?)?, DateValue::take(&mut r)?)))?;
                r.finish()?;
                let want = (s.event_count as usize - i * EVENT_CHUNK).min(EVENT_CHUNK);
                count_ok(events.len(), want)?;
                self.events.insert(i, events);
            }
            "rows" | "rowspans" => {
                let header = if kind == "rows" {
                    (ROWS, "a file of article rows")
                } else {
                    (ROW_SPANS, "a span of article rows")
                };
                for (file, rows) in s.read_row_files(path, (kind, i), bytes, header, take_rows)? {
                    self.rows.insert_new(file, rows);
                }
            }
            "counts" => {
                if i >= s.broad_files as usize {
                    return Err(unknown());
                }
                let counts = broad::decode(bytes, n, s.name_count, s.event_count)?;
                self.counts.insert(i, counts);
            }
            "storysets" => {
                if i >= s.broad_files as usize {
                    return Err(unknown());
                }
                self.story_sets.insert(i, broad::decode_stories(bytes, s.stories)?);
            }
            "pairs" | "pairspans" => {
                let header = if kind == "pairs" {
                    (PAIRS, "a file of name pairs")
                } else {
                    (PAIR_SPANS, "a span of name pairs")
                };
                for (file, articles) in s.read_row_files(path, (kind, i), bytes, header, take_pairs)? {
                    self.pairs.insert_new(file, articles);
                }
            }
            "eventtext" => {
                if i >= (s.event_count as usize).div_ceil(EVENT_TEXT_CHUNK) {
                    return Err(unknown());
                }
                let mut r = Reader::unframe(bytes, EVENT_TEXT, "an event-text file")?;
                let events = Vec::<Event>::take(&mut r)?;
                r.finish()?;
                count_ok(events.len(), (s.event_count as usize - i * EVENT_TEXT_CHUNK).min(EVENT_TEXT_CHUNK))?;
                for e in &events {
                    doc_ok(e.doc)?;
                    if e.start > e.end {
                        return Err(Error(format!("{path} has an expression that ends before it starts")));
                    }
                }
                self.event_text.insert(i, events);
            }
            "catalogue" | "cataloguespans" => {
                let header = if kind == "catalogue" {
                    (CATALOGUE, "a catalogue file")
                } else {
                    (CATALOGUE_SPANS, "a span of catalogue")
                };
                for (file, listings) in s.read_row_files(path, (kind, i), bytes, header, take_listings)? {
                    self.catalogue.insert_new(file, listings);
                }
            }
            "spellings" => {
                let names = s.name_count as usize;
                if i >= names.div_ceil(TABLE_CHUNK) {
                    return Err(unknown());
                }
                let mut r = Reader::unframe(bytes, SPELLINGS, "a file of spellings")?;
                let spellings = Vec::<Vec<(String, u32)>>::take(&mut r)?;
                r.finish()?;
                count_ok(spellings.len(), (names - i * TABLE_CHUNK).min(TABLE_CHUNK))?;
                self.spellings.insert(i, spellings);
            }
            "eventrows" => {
                let events = s.event_count as usize;
                if i >= events.div_ceil(EVENT_TEXT_CHUNK) {
                    return Err(unknown());
                }
                let mut r = Reader::unframe(bytes, EVENT_ROWS, "a file of event rows")?;
                let rows = Vec::<EventRow>::take(&mut r)?;
                r.finish()?;
                count_ok(rows.len(), (events - i * EVENT_TEXT_CHUNK).min(EVENT_TEXT_CHUNK))?;
                if rows.iter().flat_map(|r| &r.names).any(|&e| e >= s.name_count) {
                    return Err(Error(format!("{path} names a name out of range")));
                }
                self.event_rows.insert(i, rows);
            }
            "stories" => {
                let count = s.stories as usize;
                if i >= count.div_ceil(STORY_CHUNK) {
                    return Err(unknown());
                }
                let mut r = Reader::unframe(bytes, STORIES, "a story file")?;
                let cards = Vec::<Card>::take(&mut r)?;
                r.finish()?;
                count_ok(cards.len(), (count - i * STORY_CHUNK).min(STORY_CHUNK))?;
                for card in &cards {
                    if card.sources.is_empty() || !in_order(&card.sources) || card.source_count > n {
                        return Err(Error(format!("{path} has a story without sources or out of order")));
                    }
                    card.sources.iter().try_for_each(|x| doc_ok(x.doc).map(|_| ()))?;
                    if card.source_count < card.sources.len() as u32 {
                        return Err(Error(format!("{path} has a story with more sources than it counts")));
                    }
                    // The articles a row names by title are among those it keeps.
                    if card.disagreeing().any(|docs| docs.iter().take(story::NAMED).any(|&d| card.source(d).is_none()))
                    {
                        return Err(Error(format!("{path} has a disagreement by an article that is not a source")));
                    }
                    card.disagreeing().flatten().try_for_each(|&d| doc_ok(d).map(|_| ()))?;
                }
                self.stories.insert(i, cards);
            }
            "storysources" => {
                // Asked for only once its story file is here, and checked against it.
                let Some(cards) = self.stories.get(&i) else { return Err(unknown()) };
                let mut r = Reader::unframe(bytes, STORY_SOURCES, "a file of stories' sources")?;
                let lists = Vec::<Vec<CardSource>>::take(&mut r)?;
                r.finish()?;
                count_ok(lists.len(), cards.len())?;
                for (card, all) in cards.iter().zip(&lists) {
                    let fits = if card.is_whole() {
                        all.is_empty()
                    } else {
                        all.len() == card.source_count as usize
                            && in_order(all)
                            && all.last().is_some_and(|x| x.doc < n)
                            && card
                                .sources
                                .iter()
                                .all(|x| all.binary_search_by_key(&x.doc, |y| y.doc).is_ok_and(|k| all[k] == *x))
                            && card.disagreeing().flatten().all(|&d| all.binary_search_by_key(&d, |y| y.doc).is_ok())
                    };
                    if !fits {
                        return Err(Error(format!("{path} does not hold its stories' sources")));
                    }
                }
                self.story_sources.insert(i, lists);
            }
            "storyof" | "storyofspans" => {
                let events = s.event_count as usize;
                let files = s.row_files_of(kind, i).ok_or_else(unknown)?;
                let mut r = if kind == "storyof" {
                    Reader::unframe(bytes, STORY_OF, "a file of events' stories")?
                } else {
                    Reader::unframe(bytes, STORY_OF_SPANS, "a span of events' stories")?
                };
                let mut read = Vec::new();
                for file in files {
                    let of = Vec::<u32>::take(&mut r)?;
                    count_ok(of.len(), (events - file * STORY_OF_CHUNK).min(STORY_OF_CHUNK))?;
                    if of.iter().any(|&k| k >> 1 >= s.stories) {
                        return Err(Error(format!("{path} names a story out of range")));
                    }
                    read.push((file, of));
                }
                r.finish()?;
                for (file, of) in read {
                    self.story_of.insert_new(file, of);
                }
            }
            "echoes" => {
                if i >= (n as usize).div_ceil(ECHO_CHUNK) {
                    return Err(unknown());
                }
                let mut r = Reader::unframe(bytes, ECHOES, "an echo file")?;
                let want = (n as usize - i * ECHO_CHUNK).min(ECHO_CHUNK);
                let lists = pack::take_n(want, || Vec::<Passage>::take(&mut r))?;
                r.finish()?;
                for (k, list) in lists.iter().enumerate() {
                    let me = (i * ECHO_CHUNK + k) as u32;
                    for p in list {
                        if p.shown.is_empty() || p.shown.len() > echo::SHOWN || (p.articles as usize) < p.shown.len() {
                            return Err(Error(format!("{path} has a passage with a wrong count of articles")));
                        }
                        for x in &p.shown {
                            if doc_ok(x.number)? == me {
                                return Err(Error(format!("{path} says an article repeats itself")));
                            }
                        }
                    }
                }
                self.echoes.insert(i, lists);
            }
            "text" => {
                let docs = pack::decode_documents(bytes, n as usize, s.name_count as usize)?;
                self.add_text(i, docs)?;
            }
            "firstpages" => {
                if i >= s.broad_files as usize {
                    return Err(unknown());
                }
                let mut r = Reader::unframe(bytes, FIRST_PAGES, "a file of first pages")?;
                let chunks = take_deltas(&mut r)?;
                if chunks.windows(2).any(|w| w[0] >= w[1]) {
                    return Err(Error(format!("{path} is not in order")));
                }
                let texts = pack::take_n(chunks.len(), || Vec::<Document>::take(&mut r))?;
                r.finish()?;
                // All checked before any is kept: a damaged file adds nothing.
                for (&c, docs) in chunks.iter().zip(&texts) {
                    pack::check_documents(docs, n as usize, s.name_count as usize)?;
                    self.text_fits(c as usize, docs.len())?;
                }
                for (c, docs) in chunks.into_iter().zip(texts) {
                    if !self.text.contains_key(&(c as usize)) {
                        self.add_text(c as usize, docs)?;
                    }
                }
                self.first_pages.insert(i, ());
            }
            _ => return Err(unknown()),
        }
        Ok(())
    }

    /// Whether text file `i` exists and holds `articles` articles.
    fn text_fits(&self, i: usize, articles: usize) -> Result<(), Error> {
        let n = self.summary.doc_count as usize;
        if i >= n.div_ceil(TEXT_CHUNK) {
            return Err(Error(format!("text file {i} is not a file of this corpus")));
        }
        let want = (n - i * TEXT_CHUNK).min(TEXT_CHUNK);
        if articles != want {
            return Err(Error(format!("text file {i} holds {articles} articles where the summary says {want}")));
        }
        Ok(())
    }

    /// Text file `i`'s articles, each indexed alone (see `text`).
    fn add_text(&mut self, i: usize, docs: Vec<Document>) -> Result<(), Error> {
        self.text_fits(i, docs.len())?;
        let one = |doc| Corpus::from_parts(vec![doc], Vec::new(), Vec::new(), Vec::new());
        self.text.insert(i, docs.into_iter().map(one).collect());
        Ok(())
    }

    /// The words of the term shards fetched so far, with how many articles contain each.
    pub fn loaded_terms(&self) -> impl Iterator<Item = (&str, usize)> + '_ {
        self.terms
            .values()
            .flat_map(|shard| shard.terms.iter().map(String::as_str).zip(shard.postings.iter().map(Vec::len)))
    }

    /// Name `e` as the reader's corrections left it (renamed, another kind); or the file to
    /// fetch for it (none for the summary's most named).
    pub fn name(&self, e: u32) -> Result<&Name, Missing> {
        match self.corrections.shown(e) {
            Some(name) => Ok(name),
            None => self.built_name(e),
        }
    }

    /// Name `e` as the corpus was built.
    fn built_name(&self, e: u32) -> Result<&Name, Missing> {
        if let Some((_, name)) = self.summary.top.iter().find(|(n, _)| *n == e) {
            return Ok(name);
        }
        item(&self.table, "table", TABLE_CHUNK, e, self.summary.name_count)
    }

    /// The name now called `name` (a canonical name as built, or as a correction renamed it;
    /// any case), among the names fetched so far; none when a correction merged it away or
    /// hid it.
    pub fn find(&self, name: &str) -> Option<u32> {
        self.corrections.find(name, |n| self.built_number(n))
    }

    /// [`Shelf::number_of`] in any case.
    fn built_number(&self, name: &str) -> Option<u32> {
        self.number_of(name).or_else(|| {
            let top = self.summary.top.iter().find(|(_, n)| n.name.eq_ignore_ascii_case(name)).map(|(e, _)| *e);
            top.or_else(|| {
                self.table.iter().find_map(|(chunk, names)| {
                    let k = names.iter().position(|n| n.name.eq_ignore_ascii_case(name))?;
                    Some((chunk * TABLE_CHUNK + k) as u32)
                })
            })
        })
    }

    /// Applies a reader's name corrections (`curate::Edit`s, in order; a new list replaces the
    /// last) to every later answer: counts, filters, names, pairs and tables follow them, and no
    /// file is fetched again. Returns how many edits did not apply (a name that is not here,
    /// or a split or date a served corpus cannot make); or the name-table files still needed
    /// to tell whether a name the edits give is in the corpus.
    pub fn correct(&mut self, edits: &[Edit]) -> Result<usize, Missing> {
        let unknown = edits.iter().flat_map(Edit::names).any(|n| self.built_number(n).is_none());
        let missing = if unknown { self.missing_table() } else { Vec::new() };
        if !missing.is_empty() {
            return Err(Missing(missing));
        }
        let corrections = Corrections::resolve(edits, |n| self.built_number(n), |e| self.built_name(e).ok().cloned());
        if corrections != self.corrections {
            self.corrections = corrections;
            *self.ranked.get_mut().unwrap_or_else(PoisonError::into_inner) = None;
        }
        Ok(self.corrections.not_applied)
    }

    /// The corrections in effect.
    pub fn corrections(&self) -> &Corrections {
        &self.corrections
    }

    /// The name `e` counts under after the corrections (a merge's kept name), or `None` when
    /// it is hidden.
    pub fn kept(&self, e: u32) -> Option<u32> {
        self.corrections.kept(e)
    }

    /// The articles naming `e` (one name as built), as far as its name-list file is here.
    fn name_docs(&self, e: u32) -> &[u32] {
        if e >= self.summary.name_count {
            return &[];
        }
        let (file, at) = self.summary.name_file(e);
        self.names.get(&file).and_then(|l| l.get(at)).map_or(&[], |v| v.as_slice())
    }

    /// The articles naming any name kept name `k` stands for, ascending.
    /// (Borrowed when nothing was merged into it: the per-keystroke filter copies no list.)
    fn group_docs(&self, k: u32) -> std::borrow::Cow<'_, [u32]> {
        match self.corrections.members(k).as_slice() {
            [one] => std::borrow::Cow::Borrowed(self.name_docs(*one)),
            members => {
                let mut docs: Vec<u32> = members.iter().flat_map(|&m| self.name_docs(m)).copied().collect();
                docs.sort_unstable();
                docs.dedup();
                std::borrow::Cow::Owned(docs)
            }
        }
    }

    /// The name-list files the corrections' merges still need for their counts.
    fn missing_group_lists(&self) -> Vec<String> {
        let mut need: Vec<String> = Vec::new();
        for (_, members) in self.corrections.groups() {
            for &m in members {
                let (file, _) = self.summary.name_file(m);
                let path = format!("names/{file}.bin");
                if !self.names.contains_key(&file) && !need.contains(&path) {
                    need.push(path);
                }
            }
        }
        need
    }

    /// `counts` (per name as built) after the corrections: a merge's kept name counts the
    /// matching (`alive`) articles that name any of its names, once each; a name merged away
    /// or hidden counts nothing.
    fn correct_counts(&self, counts: &mut [u32], alive: &Bits) {
        for (k, _) in self.corrections.groups() {
            let docs = self.group_docs(k);
            let n = docs.iter().filter(|&&d| alive.get(d as usize)).count();
            if let Some(c) = counts.get_mut(k as usize) {
                *c = n as u32;
            }
        }
        for e in self.corrections.silenced() {
            if let Some(c) = counts.get_mut(e as usize) {
                *c = 0;
            }
        }
    }

    /// The number of the name spelled `name` (its canonical form), among the summary's and
    /// the name-table files fetched so far.
    pub fn number_of(&self, name: &str) -> Option<u32> {
        let top = self.summary.top.iter().find(|(_, n)| n.name == name).map(|(e, _)| *e);
        top.or_else(|| {
            self.table.iter().find_map(|(chunk, names)| {
                names.iter().position(|n| n.name == name).map(|k| (chunk * TABLE_CHUNK + k) as u32)
            })
        })
    }

    /// The name-table files not fetched yet (none once the whole table is here): what a look
    /// through every name needs.
    pub fn missing_table(&self) -> Vec<String> {
        let files = (self.summary.name_count as usize).div_ceil(TABLE_CHUNK);
        (0..files).filter(|i| !self.table.contains_key(i)).map(|i| format!("table/{i}.bin")).collect()
    }

    /// The name table as built, as an `entities.toml` (one `[[entity]]` per name, with its
    /// kind unless "other"): what a reader's own articles are analysed against, so a spelling
    /// the site's alias rules join to one of its names is shown under that name, and a filter
    /// by it means the same on both. Or the table files still to fetch.
    pub fn names_as_rules(&self) -> Result<String, Missing> {
        let missing = self.missing_table();
        if !missing.is_empty() {
            return Err(Missing(missing));
        }
        let mut out = String::from("# The site's names (corpus::shelf::Shelf::names_as_rules).\n");
        for e in 0..self.summary.name_count {
            let name = self.built_name(e)?;
            out.push_str("[[entity]]\nname = ");
            out.push_str(&super::curate::toml_string(&name.name));
            if name.kind != EntityKind::Other {
                out.push_str("\nkind = \"");
                out.push_str(name.kind.label());
                out.push('"');
            }
            out.push('\n');
        }
        Ok(out)
    }

    /// The numbers of every name whose canonical form contains `needle` (case-insensitive;
    /// `needle` already lower-case), ascending; or the name-table files still to fetch (all
    /// of them: a substring can be anywhere in the table).
    pub fn find_names(&self, needle: &str) -> Result<Vec<u32>, Missing> {
        let missing = self.missing_table();
        if !missing.is_empty() {
            return Err(Missing(missing));
        }
        let c = &self.corrections;
        Ok(self
            .table
            .iter()
            .flat_map(|(chunk, names)| {
                names.iter().enumerate().filter_map(move |(k, n)| {
                    let e = (chunk * TABLE_CHUNK + k) as u32;
                    let name = c.shown(e).unwrap_or(n);
                    (c.kept(e) == Some(e) && name.name.to_lowercase().contains(needle)).then_some(e)
                })
            })
            .collect())
    }

    /// Event `e` (by number, as `Results::events`) as the list of dated events shows it: its
    /// article's number, sentence, expression and resolution (its names are not stored); or
    /// the file to fetch for it.
    pub fn event(&self, e: u32) -> Result<&Event, Missing> {
        item(&self.event_text, "eventtext", EVENT_TEXT_CHUNK, e, self.summary.event_count)
    }

    /// The sentences of article `number` that other articles repeat, by sentence; or the file
    /// to fetch for them.
    pub fn passages(&self, number: u32) -> Result<&[Passage], Missing> {
        let chunk = number as usize / ECHO_CHUNK;
        match self.echoes.get(&chunk) {
            Some(lists) => Ok(lists.get(number as usize % ECHO_CHUNK).map_or(&[], Vec::as_slice)),
            None if number < self.summary.doc_count => Err(Missing(vec![format!("echoes/{chunk}.bin")])),
            None => Ok(&[]),
        }
    }

    /// "Who appears with whom" under `query`'s `results` ([`cooccur::matrix`]): the `top` most
    /// counted names and the sentences of the matching articles that name each pair; or the
    /// pairs files of the matching articles still needed.
    pub fn cooccurrence(&self, query: &Query, results: &Results, top: usize) -> Result<Cooccurrence, Missing> {
        let entities = cooccur::top_entities(&results.entity_counts, top);
        if entities.len() < 2 {
            // No pair to count: nothing to fetch.
            return Ok(cooccur::from_pairs(entities, std::iter::empty::<&[Pair]>()));
        }
        // Every article matches, or exactly a counts file's: the summary or that file has the
        // matrix (its first names are these, as both rank the same counts the same way).
        let c = &self.corrections;
        let file = self.counts_file_of(query).filter(|_| c.is_empty());
        let stored = if results.hits.len() == self.summary.doc_count as usize {
            Some(&self.summary.cooccur)
        } else {
            file.and_then(|f| self.counts.get(&f))
                .filter(|f| f.articles as usize == results.hits.len())
                .map(|f| &f.cooccur)
        };
        if let Some(all) = stored.filter(|all| c.is_empty() && all.entities.starts_with(&entities)) {
            let k = entities.len();
            let counts = all.counts.iter().take(k).map(|row| row[..k].to_vec()).collect();
            return Ok(Cooccurrence { entities, counts });
        }
        let mut files: Vec<usize> = results.hits.iter().map(|h| h.doc as usize / ROW_CHUNK).collect();
        files.sort_unstable();
        files.dedup();
        files.retain(|f| !self.pairs.contains_key(f));
        if !files.is_empty() {
            // A counts file of exactly these articles that the counts did not need (rows
            // already here answered them): one file, where their pairs are in nearly every one.
            if let Some(f) = file.filter(|f| !self.counts.contains_key(f)) {
                return Err(Missing(vec![format!("counts/{f}.bin")]));
            }
            return Err(Missing(self.summary.by_spans(&files, "pairs", "pairspans")));
        }
        let articles = results.hits.iter().filter_map(|h| {
            let d = h.doc as usize;
            self.pairs.get(&(d / ROW_CHUNK)).and_then(|file| file.get(d % ROW_CHUNK))
        });
        if c.is_empty() {
            return Ok(cooccur::from_pairs(entities, articles));
        }
        // Each pair under the names it now counts as; a pair within one merge is no pair.
        // With a merge this is an upper bound: a sentence naming two of a merge's names and a
        // third counts twice for that pair (the files keep pairs, not sentences).
        let remapped = articles.map(|pairs| -> Vec<Pair> {
            pairs
                .iter()
                .filter_map(|&(a, b, n)| {
                    let (a, b) = (c.kept(a)?, c.kept(b)?);
                    (a != b).then(|| (a.min(b), a.max(b), n))
                })
                .collect()
        });
        Ok(cooccur::from_pairs(entities, remapped))
    }

    /// The stories with an event among `results.events` (`query`'s), by number (the embedded
    /// list's order: by date), and how many of them more than one article reports; or the
    /// files that say: none when every event matches (the summary has the counts), the counts
    /// file's stories when the matches are exactly a counts file's (its events are in every
    /// story-of file), else the story-of files of those events.
    pub fn stories(&self, query: &Query, results: &Results) -> Result<(Vec<u32>, u32), Missing> {
        let s = &self.summary;
        if results.events.len() == s.event_count as usize {
            return Ok(((0..s.stories).collect(), s.multi_stories));
        }
        let counted = self.counts_file_of(query).filter(|f| {
            self.counts.get(f).is_none_or(|c| c.articles as usize == results.hits.len() && c.events == results.events)
        });
        if let Some(f) = counted {
            return match self.story_sets.get(&f) {
                Some(set) => Ok(set.clone()),
                None => Err(Missing(vec![format!("storysets/{f}.bin")])),
            };
        }
        // Events are in number order: each missing file once, ascending.
        let mut missing: Vec<usize> = Vec::new();
        for &e in results.events.iter() {
            let file = e as usize / STORY_OF_CHUNK;
            if !self.story_of.contains_key(&file) && missing.last() != Some(&file) {
                missing.push(file);
            }
        }
        if !missing.is_empty() {
            return Err(Missing(s.by_spans(&missing, "storyof", "storyofspans")));
        }
        let mut seen = vec![false; s.stories as usize];
        let mut multi = 0;
        for &e in results.events.iter() {
            let e = e as usize;
            let Some(&k) = self.story_of.get(&(e / STORY_OF_CHUNK)).and_then(|of| of.get(e % STORY_OF_CHUNK)) else {
                continue;
            };
            if let Some(slot) = seen.get_mut((k >> 1) as usize).filter(|slot| !**slot) {
                *slot = true;
                multi += k & 1;
            }
        }
        Ok(((0..s.stories).filter(|&k| seen[k as usize]).collect(), multi))
    }

    /// Article `number` as the downloaded table of articles lists it, or the file to fetch.
    pub fn listing(&self, number: u32) -> Result<&Listing, Missing> {
        item(&self.catalogue, "catalogue", ROW_CHUNK, number, self.summary.doc_count)
    }

    /// Name `e`'s spellings as written, each with how often, with those of every name merged
    /// into it (counts added up, then ordered as `curate` orders a merge's: most written
    /// first); or the files to fetch for them.
    pub fn spellings(&self, e: u32) -> Result<Vec<(String, u32)>, Missing> {
        let members = self.corrections.members(e);
        let mut need: Vec<String> = Vec::new();
        let mut lists: Vec<&Vec<(String, u32)>> = Vec::new();
        for &m in &members {
            match item(&self.spellings, "spellings", TABLE_CHUNK, m, self.summary.name_count) {
                Ok(list) => lists.push(list),
                Err(Missing(files)) => need.extend(files.into_iter().filter(|f| !need.contains(f)).collect::<Vec<_>>()),
            }
        }
        if !need.is_empty() {
            return Err(Missing(need));
        }
        if let [one] = lists.as_slice() {
            return Ok(one.to_vec());
        }
        // A merge's spellings added up by text (a broad name has thousands: a map, not a scan
        // per spelling), most used first.
        let mut sums: BTreeMap<&str, u32> = BTreeMap::new();
        for (text, count) in lists.into_iter().flatten() {
            *sums.entry(text).or_default() += count;
        }
        let mut all: Vec<(String, u32)> = sums.into_iter().map(|(t, n)| (t.to_string(), n)).collect();
        order::sort_by(&mut all, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(all)
    }

    /// Event `e`'s sentence and the names it mentions, or the file to fetch for them.
    pub fn event_row(&self, e: u32) -> Result<&EventRow, Missing> {
        item(&self.event_rows, "eventrows", EVENT_TEXT_CHUNK, e, self.summary.event_count)
    }

    /// Story `k` as its row shows it, or the file to fetch for it.
    pub fn story(&self, k: u32) -> Result<&Card, Missing> {
        item(&self.stories, "stories", STORY_CHUNK, k, self.summary.stories)
    }

    /// Every source of story `k` (its card lists only those its row shows when there are
    /// many), or the files to fetch for them.
    pub fn story_sources(&self, k: u32) -> Result<&[CardSource], Missing> {
        let card = self.story(k)?;
        if card.is_whole() {
            return Ok(&card.sources);
        }
        item(&self.story_sources, "storysources", STORY_CHUNK, k, self.summary.stories).map(Vec::as_slice)
    }

    /// Article `number` (in date order), or the file to fetch for it.
    pub fn document(&self, number: u32) -> Result<&Document, Missing> {
        match self.text.get(&(number as usize / TEXT_CHUNK)) {
            Some(_) => self.one(number).and_then(|c| c.documents.first()).ok_or_else(|| Missing(Vec::new())),
            None => Err(Missing(vec![format!("text/{}.bin", number as usize / TEXT_CHUNK)])),
        }
    }

    /// Article `number` as the corpus of one it was indexed as, if its file is here.
    // Written for any `TEXT_CHUNK`; at one article per file the remainder is always 0.
    #[allow(clippy::modulo_one)]
    fn one(&self, number: u32) -> Option<&Corpus> {
        self.text.get(&(number as usize / TEXT_CHUNK))?.get(number as usize % TEXT_CHUNK)
    }

    /// What [`Corpus::search`] answers for the same corpus and query, article numbers in date
    /// order; or the files still needed for it.
    pub fn search(&self, query: &Query) -> Result<Results, Missing> {
        self.search_page(query, query::SNIPPET_LIMIT)
    }

    /// [`Shelf::search`] needing the text of only the first `page` hits (at most
    /// [`query::SNIPPET_LIMIT`]): a page of hits is as many text files, and the page shows
    /// fewer than the embedded explorer. The hits whose text is not here have no snippet
    /// ([`Shelf::snippet`] gives it once their file is added).
    pub fn search_page(&self, query: &Query, page: usize) -> Result<Results, Missing> {
        let mut memo = self.ranked.lock().unwrap_or_else(PoisonError::into_inner);
        if memo.as_ref().is_none_or(|r| r.query != *query) {
            *memo = Some(self.rank(query)?);
        }
        let Some(ranked) = memo.as_mut() else { return Err(Missing(Vec::new())) };
        let need = self.answer_needs(ranked, page);
        if !need.is_empty() {
            return Err(Missing(need));
        }
        let (entity_counts, events) = self.counted(ranked);
        let hits = query::hits(&ranked.docs, &ranked.score, |d| self.snippet(query, d));
        Ok(Results { hits, entity_counts, events })
    }

    /// Round 2 of [`Shelf::search_page`]: the rows of the matching articles (or what counts
    /// them instead), for the counts, and the text of the first `page` hits, for their snippets.
    fn answer_needs(&self, ranked: &Ranked, page: usize) -> Vec<String> {
        let mut need = self.count_needs(ranked);
        let mut texts: Vec<String> = Vec::new();
        for &d in ranked.docs.iter().take(page.min(query::SNIPPET_LIMIT)) {
            if let Err(Missing(files)) = self.document(d) {
                for f in files {
                    if !texts.contains(&f) {
                        texts.push(f);
                    }
                }
            }
        }
        // A counts file's searches have their first page's text in one file: asked for first,
        // and any text it lacks (a later page, a corrected name's chip) after it.
        // (Looked up only when text is missing: this runs on every answer of every keystroke.)
        let bundle = if texts.is_empty() { None } else { self.counts_file_of(&ranked.query) };
        match bundle {
            Some(f) if !self.first_pages.contains_key(&f) => {
                need.push(format!("firstpages/{f}.bin"));
            }
            _ => {
                for f in texts {
                    if !need.contains(&f) {
                        need.push(f);
                    }
                }
            }
        }
        need
    }

    /// The files every search needs whatever its words, when they are not here yet: the
    /// articles' lengths. The page fetches them when the reader comes to the search box, so
    /// the first keystroke waits only for its own words' shards.
    pub fn files_to_search(&self) -> Vec<String> {
        if self.lengths.is_some() {
            return Vec::new();
        }
        vec!["lengths/0.bin".into()]
    }

    /// The next files [`Shelf::search_page`] would ask for to answer `query`, without
    /// answering it or forgetting the query answered last (its ranking stays kept): what the
    /// page fetches while the reader points at a chip, so that the click finds them here. The
    /// row spans are left out (each is 16 row files' worth: they wait for the click, or for
    /// [`Shelf::rows_to_warm`]), and so is a round of more than [`AHEAD_FILES`] files.
    pub fn files_ahead(&self, query: &Query, page: usize) -> Vec<String> {
        let need = match self.rank(query) {
            Err(Missing(files)) => files,
            Ok(ranked) => self.answer_needs(&ranked, page),
        };
        if need.len() > AHEAD_FILES || need.iter().any(|p| p.starts_with("rowspans/")) {
            return Vec::new();
        }
        need
    }

    /// The names' counts under `query` (after the corrections), as [`Shelf::search_page`] will
    /// answer them, once the query is ranked and its rows are here, whether or not the first
    /// page's text is: the page counts while that text is on its way, and fetches the names
    /// the counts bring up in the same round. `None` before. Counted once per query.
    pub fn name_counts(&self, query: &Query) -> Option<Vec<u32>> {
        let mut memo = self.ranked.lock().unwrap_or_else(PoisonError::into_inner);
        let ranked = memo.as_mut().filter(|r| r.query == *query)?;
        self.count_needs(ranked).is_empty().then(|| self.counted(ranked).0)
    }

    /// The files the counts of `ranked` need: the rows [`Shelf::plan`] reads (or, with nothing
    /// filtered, the totals: the summary has the rest; or a broad search's counts file) and
    /// the name lists of the corrections' merges.
    fn count_needs(&self, ranked: &Ranked) -> Vec<String> {
        let mut need: Vec<String> = Vec::new();
        if ranked.counted.is_none() {
            if unfiltered(&ranked.query) {
                if self.totals.is_none() {
                    need.push("totals/0.bin".into());
                }
            } else if let Some(file) = self.broad_file(ranked) {
                if !self.counts.contains_key(&file) {
                    need.push(format!("counts/{file}.bin"));
                }
            } else {
                need = self.plan(ranked).1;
            }
        }
        for f in self.missing_group_lists() {
            if !need.contains(&f) {
                need.push(f);
            }
        }
        need
    }

    /// The row files (numbers) of the articles in `set` and not in `but` that are not here.
    fn missing_row_files(&self, set: &Bits, but: Option<&Bits>) -> Vec<usize> {
        set.chunks_holding(but, ROW_CHUNK).filter(|f| !self.rows.contains_key(f)).collect()
    }

    /// How to count `ranked`, with the files that needs: over its own articles' rows, or from
    /// the counts of a superset less the rows of the articles `ranked` lacks, whichever fetches
    /// fewer files (then reads fewer rows); all give the same counts. The supersets: the sets
    /// counted last, and each required name's counts file (a name in many articles has one).
    /// Where the best needs a counts file first, the plan is to fetch it (a placeholder `Own`:
    /// [`Shelf::count`] runs only once nothing is missing, and then nothing is to fetch).
    fn plan(&self, ranked: &Ranked) -> (Plan, Vec<String>) {
        enum Base {
            Kept(Arc<Counted>),
            Name { alive: Bits, file: usize },
        }
        let alive = &ranked.alive;
        let all_events = query::date_range(&ranked.query).is_none();
        let own = self.missing_row_files(alive, None);
        let mut best: ((usize, usize), Option<Base>, Vec<usize>) = ((own.len(), alive.count()), None, own);
        let mut weigh = |base: Base, fetch: usize| {
            let superset = match &base {
                Base::Kept(b) => &b.alive,
                Base::Name { alive, .. } => alive,
            };
            let Some((missing, lacking)) = self.lacking_rows(alive, superset) else { return };
            let cost = (fetch + missing.len(), lacking);
            if cost < best.0 {
                best = (cost, Some(base), missing);
            }
        };
        let kept: Vec<Arc<Counted>> = self.kept.lock().unwrap_or_else(PoisonError::into_inner).clone();
        for base in kept.into_iter().filter(|b| b.all_events || !all_events) {
            weigh(Base::Kept(base), 0);
        }
        // Each required name (one name as built) with a counts file, and each two of them
        // with a pair's.
        let required: Vec<u32> = ranked.query.include.iter().filter_map(|&k| self.one_name(k)).collect();
        let mut named: Vec<(usize, std::borrow::Cow<'_, [u32]>)> = Vec::new();
        for (i, &a) in required.iter().enumerate() {
            named.extend(self.name_counts_file(a).map(|file| (file, self.name_docs(a).into())));
            for &b in &required[i + 1..] {
                if let Some(file) = self.pair_counts_file(a.min(b), a.max(b)) {
                    named.push((file, broad::common(self.name_docs(a), self.name_docs(b)).into()));
                }
            }
        }
        for (file, docs) in named {
            let here = match self.counts.get(&file) {
                Some(c) if c.articles as usize == docs.len() => true,
                Some(_) => continue,
                None => false,
            };
            weigh(Base::Name { alive: Bits::of(alive.len(), &docs), file }, usize::from(!here));
        }
        let mut need = self.summary.by_spans(&best.2, "rows", "rowspans");
        let plan = match best.1 {
            None => Plan::Own,
            Some(Base::Kept(base)) => Plan::Narrow(base),
            Some(Base::Name { alive, file }) => match self.counts.get(&file) {
                Some(c) => Plan::Narrow(Arc::new(Counted::of_file(alive, c, self.summary.name_count))),
                None => {
                    need.insert(0, format!("counts/{file}.bin"));
                    Plan::Own
                }
            },
        };
        (plan, need)
    }

    /// When `superset` holds every article `alive` holds: the row files of the articles it
    /// holds and `alive` lacks that are not here, and how many those articles are.
    fn lacking_rows(&self, alive: &Bits, superset: &Bits) -> Option<(Vec<usize>, usize)> {
        if !alive.is_within(superset) {
            return None;
        }
        Some((self.missing_row_files(superset, Some(alive)), superset.count_minus(alive)))
    }

    /// The counts file of every article naming `e` (one name as built), if it has one and its
    /// name-list file is here.
    fn name_counts_file(&self, e: u32) -> Option<usize> {
        if e >= self.summary.name_count {
            return None;
        }
        let (file, at) = self.summary.name_file(e);
        *self.name_counts.get(&file)?.get(at)?
    }

    /// The counts file of the articles naming both `a` and `b` (names as built, `a` < `b`), if
    /// the pair has one and `a`'s name-list file is here.
    fn pair_counts_file(&self, a: u32, b: u32) -> Option<usize> {
        if a >= self.summary.name_count {
            return None;
        }
        let (file, at) = self.summary.name_file(a);
        let partners = self.pair_counts.get(&file)?.get(at)?;
        partners.binary_search_by_key(&b, |&(p, _)| p).ok().map(|k| partners[k].1)
    }

    /// The row files a filter of `query` would need that are not here, when `query` is the
    /// last one ranked and was counted without them (a counts file answered it, or a superset's
    /// counts; none otherwise, nor for the unfiltered view): a chip clicked under a broad
    /// search is counted from the rows of the articles it keeps or drops, which the search did
    /// not need, so the page fetches them while the reader looks at the answer.
    pub fn rows_to_warm(&self, query: &Query) -> Vec<String> {
        let memo = self.ranked.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(ranked) = memo.as_ref().filter(|r| r.query == *query) else { return Vec::new() };
        if ranked.counted.is_none() || unfiltered(&ranked.query) {
            return Vec::new();
        }
        self.summary.by_spans(&self.missing_row_files(&ranked.alive, None), "rows", "rowspans")
    }

    /// The names' counts (after the corrections) and the events of `ranked`'s matching
    /// articles, counted the first time (their files are here: [`Shelf::count_needs`]) and
    /// then kept for a narrower filter to count from.
    fn counted(&self, ranked: &mut Ranked) -> (Vec<u32>, Arc<[u32]>) {
        let counted = match &ranked.counted {
            Some(c) => Arc::clone(c),
            None => {
                let c = Arc::new(self.count(ranked));
                let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
                // One entry per set: the new one, unless the old one has all the set's events
                // and the new one only a date range's.
                kept.retain(|k| k.alive != c.alive || (k.all_events && !c.all_events));
                kept.insert(0, Arc::clone(&c));
                // The oldest goes, but every article's counts (the unfiltered view's) stay: they
                // are the superset of every filter.
                if kept.len() > KEPT_COUNTS {
                    let oldest = kept.iter().rposition(|k| !k.alive.is_full()).unwrap_or(KEPT_COUNTS);
                    kept.remove(oldest);
                }
                ranked.counted = Some(Arc::clone(&c));
                c
            }
        };
        let mut counts = counted.counts.clone();
        self.correct_counts(&mut counts, &ranked.alive);
        (counts, counted.events.clone())
    }

    /// The counts file that answers `ranked` ([`broad`]): a search of one word or prefix with no
    /// filter, listed in the term shard it sorts into. A file whose article count is not the
    /// ranking's is not used (the rows are), so a damaged one cannot give a wrong count.
    fn broad_file(&self, ranked: &Ranked) -> Option<usize> {
        let file = self.key_file(&ranked.query)?;
        match self.counts.get(&file) {
            Some(c) if c.articles as usize != ranked.docs.len() => None,
            _ => Some(file),
        }
    }

    /// The counts file of a search of one broad word or prefix and no filter, if it has one and
    /// the term shard that says so is here.
    fn key_file(&self, query: &Query) -> Option<usize> {
        let key = Key::of(query)?;
        let shard = self.terms.get(&self.summary.shard_of(&key.text)?)?;
        let k = shard.broad.binary_search_by(|(k, _)| k.cmp(&key)).ok()?;
        Some(shard.broad[k].1 as usize)
    }

    /// The one name as built that kept name `k` stands for; `None` for a merge of several.
    fn one_name(&self, k: u32) -> Option<u32> {
        match self.corrections.members(k)[..] {
            [e] => Some(e),
            _ => None,
        }
    }

    /// The counts file whose articles are exactly `query`'s matches, if the files that say so
    /// are here: one broad word or prefix, or one or two required names (as built) and nothing
    /// else.
    fn counts_file_of(&self, query: &Query) -> Option<usize> {
        let names_only = query::parse_terms(&query.text).is_empty()
            && query.exclude.is_empty()
            && query::date_range(query).is_none();
        if names_only {
            return match query.include[..] {
                [a] => self.name_counts_file(self.one_name(a)?),
                [a, b] => {
                    let (a, b) = (self.one_name(a)?, self.one_name(b)?);
                    self.pair_counts_file(a.min(b), a.max(b))
                }
                _ => None,
            };
        }
        self.key_file(query)
    }

    /// The names' counts (as built) and the events of `ranked`'s matching articles.
    fn count(&self, ranked: &Ranked) -> Counted {
        let s = &self.summary;
        let alive = ranked.alive.clone();
        let range = query::date_range(&ranked.query);
        if unfiltered(&ranked.query) {
            let (counts, events) = (self.totals.clone().unwrap_or_default(), (0..s.event_count).collect());
            return Counted { alive, counts, events, all_events: true };
        }
        if let Some(c) = self.broad_file(ranked).and_then(|f| self.counts.get(&f)) {
            return Counted::of_file(alive, c, s.name_count);
        }
        // Summed in article order, file by file: counting does not depend on the ranking, and
        // reading the rows in order is what makes a broad word's counts cheap. The events of
        // the articles read are marked a bit per event: no sort of (at 100 000 articles)
        // hundreds of thousands of numbers.
        // With a date range none are (it chose the events), so no number fits the bound.
        let mut marked = Bits::new(if range.is_none() { s.event_count as usize } else { 0 }, false);
        let mut read = |counts: &mut [u32], docs: &mut dyn Iterator<Item = usize>, add: bool| {
            let mut file = None;
            for d in docs {
                if file.is_none_or(|(f, _)| f != d / ROW_CHUNK) {
                    file = self.rows.get(&(d / ROW_CHUNK)).map(|rows| (d / ROW_CHUNK, rows));
                }
                let Some((f, rows)) = file else { continue };
                let k = d - f * ROW_CHUNK;
                for &e in rows.names(k) {
                    if let Some(c) = counts.get_mut(e as usize) {
                        *c = if add { *c + 1 } else { c.saturating_sub(1) };
                    }
                }
                rows.events(k).iter().for_each(|&e| marked.insert(e as usize));
            }
        };
        let (counts, events) = match self.plan(ranked).0 {
            Plan::Own => {
                let mut counts = vec![0u32; s.name_count as usize];
                read(&mut counts, &mut alive.ones(), true);
                (counts, marked.ones().map(|e| e as u32).collect())
            }
            Plan::Narrow(base) => {
                let mut counts = base.counts.clone();
                read(&mut counts, &mut base.alive.minus(&alive), false);
                let mut events = Vec::with_capacity(base.events.len());
                events.extend(base.events.iter().copied().filter(|&e| !marked.get(e as usize)));
                (counts, events)
            }
        };
        let events = if range.is_some() { Arc::clone(&ranked.in_range) } else { events.into() };
        Counted { alive, counts, events, all_events: range.is_none() }
    }

    /// The matching articles of `query`, ranked, before their counts: what a list can show
    /// while the rows the counts need are fetched (once [`Shelf::search_page`] has ranked this
    /// query; `None` before). Its hits are [`Shelf::search_page`]'s; the counts and events are
    /// left empty, and a hit whose text is not here yet has no snippet.
    pub fn preview(&self, query: &Query) -> Option<Results> {
        let memo = self.ranked.lock().unwrap_or_else(PoisonError::into_inner);
        let ranked = memo.as_ref().filter(|r| r.query == *query)?;
        let hits = query::hits(&ranked.docs, &ranked.score, |d| self.snippet(query, d));
        Some(Results { hits, entity_counts: Vec::new(), events: Arc::new([]) })
    }

    /// Round 1 of a search: the files the query's words, names and dates need; once they are
    /// here, the matching articles ranked exactly as `Corpus::search` ranks them.
    fn rank(&self, query: &Query) -> Result<Ranked, Missing> {
        let s = &self.summary;
        let n = s.doc_count as usize;
        let terms = query::parse_terms(&query.text);
        let range = query::date_range(query);

        let mut need: Vec<String> = Vec::new();
        let mut want = |path: String, have: bool| {
            if !have && !need.contains(&path) {
                need.push(path);
            }
        };
        for term in &terms {
            match term {
                Term::Word(w) => {
                    if let Some(i) = s.shard_of(w) {
                        want(format!("terms/{i}.bin"), self.terms.contains_key(&i));
                    }
                }
                Term::Prefix(p) => {
                    for i in s.shards_of_prefix(p) {
                        want(format!("terms/{i}.bin"), self.terms.contains_key(&i));
                    }
                }
                Term::Phrase(ws) => {
                    for i in ws.iter().filter_map(|w| s.shard_of(w)) {
                        want(format!("terms/{i}.bin"), self.terms.contains_key(&i));
                        want(format!("positions/{i}.bin"), self.positions.contains_key(&i));
                    }
                }
            }
        }
        // A filter by a merge's kept name is a filter by all of its names.
        for &k in query.include.iter().chain(&query.exclude) {
            for e in self.corrections.members(k) {
                if e < s.name_count {
                    let (file, _) = s.name_file(e);
                    want(format!("names/{file}.bin"), self.names.contains_key(&file));
                }
            }
        }
        let event_files: Vec<usize> = match range {
            Some((from, to)) => (0..s.event_files.len())
                .filter(|&i| {
                    let (_, start, end) = s.event_files[i];
                    start <= to && end >= from
                })
                .collect(),
            None => Vec::new(),
        };
        for &i in &event_files {
            want(format!("events/{i}.bin"), self.events.contains_key(&i));
        }
        if !terms.is_empty() {
            for path in self.files_to_search() {
                want(path, false);
            }
        }
        if !need.is_empty() {
            return Err(Missing(need));
        }
        let lengths = self.lengths.as_deref().unwrap_or_default();

        // Scores, exactly as `Corpus::search` sums them (same terms, same order).
        let mut alive = Bits::new(n, true);
        let mut score = vec![0f32; n];
        let score_of = |w: f32, tf: u32, title_tf: u32, d: usize| {
            query::bm25(w, tf + (query::TITLE_WEIGHT - 1) * title_tf, lengths[d], s.avg_len)
        };
        for term in &terms {
            let mut matched = Bits::new(n, false);
            match term {
                Term::Word(_) | Term::Prefix(_) => {
                    for list in self.term_lists(term) {
                        let w = query::idf(n, list.len());
                        for p in list {
                            let d = p.doc as usize;
                            if alive.get(d) {
                                matched.insert(d);
                                score[d] += score_of(w, p.tf, p.title_tf, d);
                            }
                        }
                    }
                }
                Term::Phrase(words) => {
                    let found: Option<Vec<Entry<'_>>> = words.iter().map(|w| self.term_entry(w)).collect();
                    if let Some(found) = found.filter(|f| !f.is_empty()) {
                        let w: f32 = found.iter().map(|(list, _)| query::idf(n, list.len())).sum();
                        let (first, first_pos) = found[0];
                        for (k, p) in first.iter().enumerate() {
                            let d = p.doc as usize;
                            if !alive.get(d) {
                                continue;
                            }
                            let (all, title) = phrase_count(&found, p, first_pos.get(k).map_or(&[], |v| v));
                            if all > 0 {
                                matched.insert(d);
                                score[d] += score_of(w, all, title, d);
                            }
                        }
                    }
                }
            }
            alive.retain_in(&matched);
        }

        // Filters.
        // A required name keeps its own articles that are still alive: one pass over its list
        // (a search of it per article was ~7 ms of a chip click at 100 000 articles).
        for &e in &query.include {
            let mut kept = Bits::of(n, &self.group_docs(e));
            kept.retain_in(&alive);
            alive = kept;
        }
        for &e in &query.exclude {
            self.group_docs(e).iter().for_each(|&d| alive.remove(d as usize));
        }
        // Events in the range, by event number: those of the matching articles are the result's.
        let mut in_range: Vec<(u32, u32)> = Vec::new();
        if let Some((from, to)) = range {
            let mut dated = Bits::new(n, false);
            for &i in &event_files {
                for (k, &(doc, date)) in self.events.get(&i).into_iter().flatten().enumerate() {
                    if date.overlaps(from, to) {
                        dated.insert(doc as usize);
                        in_range.push(((i * EVENT_CHUNK + k) as u32, doc));
                    }
                }
            }
            alive.retain_in(&dated);
        }
        let mut docs: Vec<u32> = alive.ones().map(|d| d as u32).collect();
        query::rank(&mut docs, !terms.is_empty(), &score, |d| d);
        // Read file by file, event by event: already in number order.
        let in_range = in_range.iter().filter(|&&(_, doc)| alive.get(doc as usize)).map(|&(e, _)| e).collect();
        Ok(Ranked { query: query.clone(), docs, score, alive, in_range, counted: None })
    }

    /// The hits sorted by date as [`query::newest_first`] sorts them in memory (positions into
    /// `hits`), or the file to fetch for the articles' days.
    pub fn date_order(&self, hits: &[query::Hit]) -> Result<Vec<u32>, Missing> {
        let dated = self.summary.dated;
        let days: &[Day] = match &self.days {
            Some(days) => days,
            None if hits.iter().all(|h| h.doc >= dated) => &[],
            None => return Err(Missing(vec!["days/0.bin".into()])),
        };
        Ok(query::newest_first(hits, |d| days.get(d as usize).copied()))
    }

    /// The snippet of article `number` under `query`, if its text has been fetched: the same
    /// sentence and cut as [`Corpus::snippet`], computed over the one article (which terms
    /// occur in a sentence does not depend on the rest of the corpus).
    pub fn snippet(&self, query: &Query, number: u32) -> Snippet {
        self.one(number).map_or_else(Snippet::default, |one| one.snippet(query, 0))
    }

    /// The posting lists a word or prefix term stands for, in vocabulary order.
    fn term_lists(&self, term: &Term) -> Vec<&[Post]> {
        let s = &self.summary;
        match term {
            Term::Word(w) => self.term_entry(w).into_iter().map(|(l, _)| l).collect(),
            Term::Prefix(p) => s
                .shards_of_prefix(p)
                .filter_map(|i| self.terms.get(&i))
                .flat_map(|shard| {
                    let start = shard.terms.partition_point(|t| t.as_str() < p.as_str());
                    let len = shard.terms[start..].partition_point(|t| t.starts_with(p.as_str()));
                    shard.postings[start..start + len].iter().map(|v| v.as_slice())
                })
                .collect(),
            Term::Phrase(_) => Vec::new(),
        }
    }

    /// A word's postings and, when its positions file is loaded, their positions.
    fn term_entry(&self, word: &str) -> Option<Entry<'_>> {
        let i = self.summary.shard_of(word)?;
        let shard = self.terms.get(&i)?;
        let k = shard.terms.binary_search_by(|t| t.as_str().cmp(word)).ok()?;
        let positions = self.positions.get(&i).and_then(|p| p.get(k)).map_or(&[][..], |v| v.as_slice());
        Some((&shard.postings[k], positions))
    }
}

/// Occurrences of a phrase in the article of `first` (a posting of its first word, with its
/// positions), and how many are in the title: the title's positions come first, so an
/// occurrence is in the title when its first word is one of that word's first `title_tf`.
fn phrase_count(words: &[Entry<'_>], first: &Post, first_positions: &[u32]) -> (u32, u32) {
    let mut rest: Vec<&[u32]> = Vec::with_capacity(words.len().saturating_sub(1));
    for (list, positions) in &words[1..] {
        let Ok(k) = list.binary_search_by_key(&first.doc, |p| p.doc) else { return (0, 0) };
        rest.push(positions.get(k).map_or(&[], |v| v.as_slice()));
    }
    let (mut all, mut title) = (0, 0);
    for (k, &p) in first_positions.iter().enumerate() {
        let follows = rest
            .iter()
            .enumerate()
            .all(|(j, pos)| p.checked_add(j as u32 + 1).is_some_and(|want| pos.binary_search(&want).is_ok()));
        if follows {
            all += 1;
            title += u32::from((k as u32) < first.title_tf);
        }
    }
    (all, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_gives_back_its_files_and_refuses_damage() {
        let files = Files {
            version: "0123456789abcdef".to_string(),
            files: vec![("summary.bin".to_string(), vec![1, 2, 3]), ("text/0.bin".to_string(), vec![0; 300])],
        };
        let bytes = bundle(&files);
        let back = unbundle(&bytes).expect("a whole bundle reads back");
        assert_eq!((back.version.as_str(), back.files.clone()), (files.version.as_str(), files.files.clone()));
        // Every truncation, and a byte too many, is refused rather than read short.
        for cut in 0..bytes.len() {
            assert!(unbundle(&bytes[..cut]).is_err(), "a bundle cut at {cut} bytes was accepted");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(unbundle(&longer).is_err());
    }
}
