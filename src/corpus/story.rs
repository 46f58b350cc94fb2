//! Story groups: the same happening, reported by several articles, as one row.
//!
//! Two dated events from **different articles** are linked when all three agree:
//! - **dates**: their spans overlap at the precision each states (a day inside a month counts),
//!   neither is coarser than a month or a range of [`RANGE_DAYS`] (a year overlaps too much to
//!   mean anything; a range is what an undated article's "yesterday" becomes), or both are
//!   days at most [`DISAGREE_DAYS`] apart — the same happening dated differently by two sources,
//!   which is kept and shown as a disagreement rather than split into two events;
//! - **wording**: the cosine similarity of the two events' term vectors is at least
//!   [`MIN_WORDING`] (or [`MIN_WORDING_WITH_NAMES`] when they also share a name). An event's
//!   terms are its sentence's words outside names, cut to their first six letters ([`stem`]),
//!   one term per named entity (aliases match),
//!   and the next sentence of its paragraph (see [`sentence_vector`]); each term weighted by its
//!   inverse document frequency over every sentence of the corpus and a sublinear count. Why
//!   cosine over IDF weights: it is length-independent (a wire story's long sentence against a
//!   rewrite's short one), and the weights make the rare words that identify a happening
//!   ("suspended", "membership", a place) count, and words every sentence has ("said", "the") not;
//! - **names**: when both sentences name entities, they share at least one.
//!
//! Groups grow from the strongest link down; two groups join only when at least half of the
//! pairs between them link on their own (so one loose pair does not chain two happenings), and
//! never when that would stretch a group's days further apart than [`DISAGREE_DAYS`]. Events of
//! one article join a group only through links to other articles. A group of one is still a
//! story (one source), so the story view lists every event once. The thresholds were chosen on
//! the dev corpora of `tests/story_quality.rs` and are reported on its test corpora (QUALITY.md).
//!
//! Bounded work on dense days (hundreds of articles dating events to the same day): each event
//! is compared with at most [`MAX_CANDIDATES`] later ones and keeps its [`MAX_LINKS`] strongest
//! links, and a refused pair of groups is not checked again until one of them grows.
//!
//! Pure and deterministic: the order of groups is by date, then by first event.
use crate::corpus::order;
use std::collections::HashMap;

use super::text::{fold, fold_into, words, Fnv1a};
use super::time::{DateValue, Precision};
use super::{Corpus, Document, Event, Sentence};
use std::hash::BuildHasherDefault;

/// Two sources that date the same happening this many days apart still describe one event: the
/// common disagreement is off by one (a "yesterday" counted from the publication day rather
/// than the day of writing, a time zone). Two days already separates distinct happenings of a
/// fast-moving story (one withdrawal on the 12th, a suspension on the 14th).
pub const DISAGREE_DAYS: i64 = 1;
/// Wording similarity (cosine of IDF-weighted terms) that links two events on its own.
pub const MIN_WORDING: f64 = 0.45;
/// Wording similarity that links two events that also name the same entity.
pub const MIN_WORDING_WITH_NAMES: f64 = 0.30;

/// The wording thresholds and the context weight. [`group`] uses the constants above, which were chosen on the dev
/// half of `tests/story_quality.rs` ([`group_with`] lets that test sweep them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Thresholds {
    pub wording: f64,
    pub wording_with_names: f64,
    /// Weight of the sentence after an event's own in its vector (see [`sentence_vector`]).
    pub context: f64,
    /// The longest range, in days, that links by overlap like a month does (see [`fine`]).
    pub range_days: i64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            wording: MIN_WORDING,
            wording_with_names: MIN_WORDING_WITH_NAMES,
            context: CONTEXT_WEIGHT,
            range_days: RANGE_DAYS,
        }
    }
}

/// Events per group that [`majority_linked`] looks at.
const MAJORITY_SAMPLE: usize = 8;
/// Events after each one (by date, within reach of its date) that it is compared with, and the
/// links it keeps: bounds on the work of a day that hundreds of articles date events to.
const MAX_CANDIDATES: usize = 400;
const MAX_LINKS: usize = 8;
/// Events of a story whose similarity to the others picks its lead sentence.
const LEAD_SAMPLE: usize = 64;
/// Weight of the sentence after an event's own in its vector (see [`sentence_vector`]).
pub const CONTEXT_WEIGHT: f64 = 1.0;
/// The longest range (in days) that links by overlap, as a month does (see [`fine`]); chosen on
/// the undated dev corpora of `tests/story_quality.rs`.
pub const RANGE_DAYS: i64 = 46;
/// Sources a story's row lists; the rest are counted (a background fact every article of an
/// outlet repeats can have thousands). A stored card keeps these ([`Card::shown`]).
pub const SOURCES_SHOWN: usize = 12;
/// Articles a disagreement names by title, per value; the rest are counted.
pub const NAMED: usize = 3;
/// Letters of a word a term keeps (see [`stem`]).
const STEM: usize = 6;

/// One happening and the articles that report it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Story {
    /// Events of the group (indices into `Corpus::events`), ascending.
    pub events: Vec<u32>,
    /// Articles that report it (indices into `Corpus::documents`), ascending.
    pub docs: Vec<u32>,
    /// The event whose sentence is most like the others': the row's representative sentence.
    pub lead: u32,
    /// The date most of its sources give (ties: the narrowest, then the earliest).
    pub date: DateValue,
    /// When sources date it differently (dates that do not overlap): each date with the
    /// articles giving it. Empty when they agree, also when one is only less precise.
    pub date_conflicts: Vec<(DateValue, Vec<u32>)>,
    /// Counts that differ between sources for the same noun ("40 brands" against "32 brands").
    pub number_conflicts: Vec<NumberConflict>,
}

/// One noun counted differently by different articles of a story.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct NumberConflict {
    /// The word after the number, folded ("brands").
    pub noun: String,
    /// Each number as written, with the articles that give it.
    pub values: Vec<(String, Vec<u32>)>,
}

/// A story as its row shows it, with nothing left to look up: the lead sentence, each source
/// article's title and dates, the disagreements by title. The embedded page builds one from
/// the corpus ([`Card::new`]); the static corpus stores them (`shelf`), so a story row at any
/// corpus size needs one small file, not its articles' text.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub date: DateValue,
    /// The lead event's sentence.
    pub lead: String,
    /// One per article, by article number (see [`Card::new`]); in a card as stored, only
    /// those its row shows ([`Card::shown`]).
    pub sources: Vec<CardSource>,
    /// How many articles report it (`sources.len()` unless the card is [`Card::shown`]'s).
    pub source_count: u32,
    /// When sources date it differently: each date with the articles giving it (numbers of
    /// `sources`, ascending).
    pub date_conflicts: Vec<(DateValue, Vec<u32>)>,
    /// A noun counted differently: the noun, and each number as written with the articles
    /// giving it.
    pub number_conflicts: Vec<(String, Vec<Counted>)>,
}

/// A number as one or more sources write it, and those sources (numbers, ascending).
pub type Counted = (String, Vec<u32>);

/// One article of a [`Card`].
#[derive(Clone, Debug, PartialEq)]
pub struct CardSource {
    /// The article's number in date order (its number on a shelf; the page opens it by id).
    pub doc: u32,
    pub id: String,
    pub title: String,
    /// When it ran, as lists say it ([`Document::short_date`]); "date unknown" when undated.
    pub reported: String,
    /// When it says this happened, and in which sentence (absent when the story's events of
    /// this article are gone, which `group` never leaves).
    pub happened: Option<DateValue>,
    pub sentence: Option<u32>,
}

impl Card {
    /// The card of `story` over `corpus`, its articles named by their number in date order
    /// (`Index::date_rank`, the numbers of a shelf) and listed in that order: first reported
    /// first.
    pub fn new(story: &Story, corpus: &Corpus) -> Card {
        let number = |d: u32| corpus.index.date_rank.get(d as usize).copied().unwrap_or(d);
        let numbers = |docs: &[u32]| {
            let mut numbers: Vec<u32> = docs.iter().map(|&d| number(d)).collect();
            numbers.sort_unstable();
            numbers
        };
        let event = |e: u32| corpus.events.get(e as usize);
        let mut sources: Vec<CardSource> = story
            .docs
            .iter()
            .filter_map(|&d| {
                let doc = corpus.documents.get(d as usize)?;
                let first = story.events.iter().filter_map(|&e| event(e)).find(|e| e.doc == d);
                Some(CardSource {
                    doc: number(d),
                    id: doc.id.clone(),
                    title: doc.title.clone(),
                    reported: if doc.date.is_some() { doc.short_date() } else { "date unknown".to_string() },
                    happened: first.map(|e| e.date),
                    sentence: first.map(|e| e.sentence),
                })
            })
            .collect();
        order::sort_by_key(&mut sources, |s| s.doc);
        let lead = event(story.lead)
            .and_then(|e| corpus.documents.get(e.doc as usize)?.sentences.get(e.sentence as usize))
            .map(|s| s.text.clone())
            .unwrap_or_default();
        Card {
            date: story.date,
            lead,
            source_count: sources.len() as u32,
            sources,
            date_conflicts: story.date_conflicts.iter().map(|(date, docs)| (*date, numbers(docs))).collect(),
            number_conflicts: story
                .number_conflicts
                .iter()
                .map(|c| (c.noun.clone(), c.values.iter().map(|(n, docs)| (n.clone(), numbers(docs))).collect()))
                .collect(),
        }
    }

    /// The source numbered `doc`.
    pub fn source(&self, doc: u32) -> Option<&CardSource> {
        self.sources.iter().find(|s| s.doc == doc)
    }

    /// Whether more than one article reports it.
    pub fn multi(&self) -> bool {
        self.source_count > 1
    }

    /// The articles of each of its disagreements (a date, or a number as written).
    pub fn disagreeing(&self) -> impl Iterator<Item = &Vec<u32>> {
        let dates = self.date_conflicts.iter().map(|(_, docs)| docs);
        dates.chain(self.number_conflicts.iter().flat_map(|(_, values)| values.iter().map(|(_, docs)| docs)))
    }

    /// Whether it lists every source (not only those its row shows).
    pub fn is_whole(&self) -> bool {
        self.sources.len() == self.source_count as usize
    }

    /// The card as its row shows it: the first [`SOURCES_SHOWN`] sources and those its
    /// disagreements name ([`NAMED`] per value), with the count of all. A story a background
    /// fact made has thousands of sources (1.9 MB in one story file at 100 000 articles): the
    /// static corpus stores this, and the whole list apart for a download.
    pub fn shown(&self) -> Card {
        let named: Vec<u32> = self.disagreeing().flat_map(|docs| docs.iter().take(NAMED).copied()).collect();
        let sources = self
            .sources
            .iter()
            .enumerate()
            .filter(|(i, x)| *i < SOURCES_SHOWN || named.contains(&x.doc))
            .map(|(_, x)| x.clone())
            .collect();
        Card {
            date: self.date,
            lead: self.lead.clone(),
            sources,
            source_count: self.source_count,
            date_conflicts: self.date_conflicts.clone(),
            number_conflicts: self.number_conflicts.clone(),
        }
    }
}

/// The stories (indices into `all`) with at least one of `events` (a filter's), in order.
pub fn visible(all: &[Story], events: &[u32], n_events: usize) -> Vec<u32> {
    let mut matching = vec![false; n_events];
    for &e in events {
        if let Some(m) = matching.get_mut(e as usize) {
            *m = true;
        }
    }
    (0..all.len() as u32)
        .filter(|&s| all[s as usize].events.iter().any(|&e| matching.get(e as usize) == Some(&true)))
        .collect()
}

/// The corpus's events grouped into stories, ordered by date.
pub fn group(corpus: &Corpus) -> Vec<Story> {
    group_with(corpus, Thresholds::default())
}

/// [`group`] with other wording thresholds.
pub fn group_with(corpus: &Corpus, at: Thresholds) -> Vec<Story> {
    let events = &corpus.events;
    let vocabulary = idf(&corpus.documents);
    // The vectors and the candidate links are per event: natively on every core (`par`), the
    // same answer as one after another.
    let threads = super::par::threads();
    let vectors: Vec<Vector> = super::par::map(events, threads, |e| {
        sentence_vector(&corpus.documents, e.doc, e.sentence, &vocabulary, at.context)
    });
    let mut by_start: Vec<usize> = (0..events.len()).collect();
    order::sort_by_key(&mut by_start, |&i| (events[i].date.start, i));
    // Candidate links, strongest wording first, so each group forms around its closest pairs.
    let positions: Vec<usize> = (0..by_start.len()).collect();
    let links = super::par::map(&positions, threads, |&k| {
        let a = by_start[k];
        // Only events that can agree on the date are compared: those starting inside this one's
        // span (or a day after it); a coarse date only meets the same date. Sorting by start
        // makes this a short scan per event, not every pair in a month.
        let reach = if fine(&events[a].date, at) {
            events[a].date.end.ordinal() + DISAGREE_DAYS
        } else {
            events[a].date.start.ordinal()
        };
        let mut mine: Vec<(f64, usize, usize)> = Vec::new();
        Spread::with(&vectors[a], vocabulary.len(), |spread| {
            for &b in by_start[k + 1..].iter().take(MAX_CANDIDATES) {
                if events[b].date.start.ordinal() > reach {
                    break;
                }
                if events[a].doc == events[b].doc {
                    continue;
                }
                if let Some(wording) = link_by(&events[a], &events[b], || spread.dot(&vectors[b]), at) {
                    mine.push((wording, a.min(b), a.max(b)));
                }
            }
        });
        // Each event keeps its strongest few links: enough to join its story, and the union
        // step below stays linear in the number of events on a dense day.
        if mine.len() > MAX_LINKS {
            order::sort_by(&mut mine, |x, y| y.0.total_cmp(&x.0));
            mine.truncate(MAX_LINKS);
        }
        // Kept until every event's links are in: a dense day's scan must not keep its room.
        mine.shrink_to_fit();
        mine
    });
    let mut edges: Vec<(f64, usize, usize)> = links.into_iter().flatten().collect();
    order::sort_by(&mut edges, |x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut sets = Groups::new(events);
    // Pairs of groups already refused, with their sizes then: unchanged groups are not checked
    // again for every other link between them.
    let mut refused: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    for (_, a, b) in edges {
        let (ra, rb) = (sets.find(a), sets.find(b));
        if ra == rb {
            continue;
        }
        let key = (ra.min(rb), ra.max(rb));
        let sizes = (sets.members[key.0].len(), sets.members[key.1].len());
        if refused.get(&key) == Some(&sizes) {
            continue;
        }
        if majority_linked(&sets.members[ra], &sets.members[rb], events, &vectors, at) {
            sets.union(ra, rb);
        } else {
            refused.insert(key, sizes);
        }
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..events.len() {
        members.entry(sets.find(i)).or_default().push(i);
    }
    let mut stories: Vec<Story> = members.into_values().map(|ids| story(corpus, &ids, &vectors)).collect();
    order::sort_by_key(&mut stories, |s| (s.date.start, s.events[0]));
    stories
}

/// Whether two events of different articles report the same happening (see the module docs):
/// the similarity of their wording if they do. The dates and names are checked first, so the
/// wording is only compared for pairs they allow.
fn link(a: &Event, b: &Event, va: &Vector, vb: &Vector, at: Thresholds) -> Option<f64> {
    link_by(a, b, || cosine(va, vb), at)
}

/// [`link`] with the wording's similarity computed by `wording`, only when the dates and names
/// allow the pair.
fn link_by(a: &Event, b: &Event, wording: impl FnOnce() -> f64, at: Thresholds) -> Option<f64> {
    if !dates_agree(&a.date, &b.date, at) {
        return None;
    }
    let shared_name = a.entities.iter().any(|e| b.entities.binary_search(e).is_ok());
    let both_named = !a.entities.is_empty() && !b.entities.is_empty();
    if both_named && !shared_name {
        return None;
    }
    let wording = wording();
    (wording >= at.wording || (shared_name && wording >= at.wording_with_names)).then_some(wording)
}

/// Whether two groups may become one: at least half of the pairs between them (events of
/// different articles) are linked on their own. One link is not enough: a single loose pair
/// (two reports that share a name and some padding) would otherwise chain two happenings
/// together — single-link clustering's known failure.
///
/// Large groups are judged on their first [`MAJORITY_SAMPLE`] events each (the strongest links
/// formed them first), so one check costs at most that squared, not the product of two
/// groups' sizes.
fn majority_linked(x: &[usize], y: &[usize], events: &[Event], vectors: &[Vector], at: Thresholds) -> bool {
    let (mut pairs, mut links) = (0usize, 0usize);
    for &a in x.iter().take(MAJORITY_SAMPLE) {
        for &b in y.iter().take(MAJORITY_SAMPLE).filter(|&&b| events[b].doc != events[a].doc) {
            pairs += 1;
            links += usize::from(link(&events[a], &events[b], &vectors[a], &vectors[b], at).is_some());
        }
    }
    pairs > 0 && links * 2 >= pairs
}

/// Dates that can be one happening's: overlapping spans no coarser than a month (or a range of
/// at most `at.range_days`), or two days close enough to be a disagreement.
fn dates_agree(a: &DateValue, b: &DateValue, at: Thresholds) -> bool {
    if !fine(a, at) || !fine(b, at) {
        return a == b && a.precision != Precision::Decade;
    }
    if a.overlaps(b.start, b.end) {
        return true;
    }
    a.precision == Precision::Day && b.precision == Precision::Day && day_gap(a, b) <= DISAGREE_DAYS
}

/// A date precise enough to place a happening: a day, a week or a month, or a range no longer
/// than `at.range_days`. Ranges are what an undated article's relative dates resolve to
/// ("yesterday" in an article written between 2 and 30 March is 1–29 March): as narrow as a
/// month, they say as much as a month does, and without them stories never cross undated
/// articles.
fn fine(d: &DateValue, at: Thresholds) -> bool {
    match d.precision {
        Precision::Day | Precision::Week | Precision::Month => true,
        Precision::Range => d.width() < at.range_days,
        _ => false,
    }
}

fn day_gap(a: &DateValue, b: &DateValue) -> i64 {
    (a.start.ordinal() - b.start.ordinal()).abs()
}

/// Union-find over events, refusing a union that would spread a group's day-precision dates
/// over more than [`DISAGREE_DAYS`].
struct Groups {
    parent: Vec<usize>,
    /// Per root: the events of its group.
    members: Vec<Vec<usize>>,
    /// Per root: the earliest and latest day-precision start in the group (ordinals).
    span: Vec<Option<(i64, i64)>>,
}

impl Groups {
    fn new(events: &[Event]) -> Groups {
        let span = events
            .iter()
            .map(|e| (e.date.precision == Precision::Day).then(|| (e.date.start.ordinal(), e.date.start.ordinal())))
            .collect();
        Groups { parent: (0..events.len()).collect(), members: (0..events.len()).map(|i| vec![i]).collect(), span }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let merged = match (self.span[ra], self.span[rb]) {
            (Some((a0, a1)), Some((b0, b1))) => Some((a0.min(b0), a1.max(b1))),
            (x, None) | (None, x) => x,
        };
        if merged.is_some_and(|(lo, hi)| hi - lo > DISAGREE_DAYS) {
            return;
        }
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child] = root;
        self.span[root] = merged;
        let moved = std::mem::take(&mut self.members[child]);
        self.members[root].extend(moved);
    }
}

fn story(corpus: &Corpus, ids: &[usize], vectors: &[Vector]) -> Story {
    let events: Vec<&Event> = ids.iter().map(|&i| &corpus.events[i]).collect();
    let mut docs: Vec<u32> = events.iter().map(|e| e.doc).collect();
    docs.sort_unstable();
    docs.dedup();
    // The lead: highest summed similarity to the rest; ties to the earliest event.
    let sample = &ids[..ids.len().min(LEAD_SAMPLE)];
    let lead = sample
        .iter()
        .map(|&i| (sample.iter().filter(|&&j| j != i).map(|&j| cosine(&vectors[i], &vectors[j])).sum::<f64>(), i))
        .fold(None::<(f64, usize)>, |best, (score, i)| match best {
            Some((s, _)) if s >= score => best,
            _ => Some((score, i)),
        })
        .map_or(ids[0], |(_, i)| i);
    let dates = dates_by_docs(&events);
    // Ties go to the narrowest date (a day that an undated source's range of days contains says
    // more), then to the earliest.
    let date = dates
        .iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.width().cmp(&a.0.width())).then(b.0.start.cmp(&a.0.start)))
        .map_or(events[0].date, |(d, _)| *d);
    // A month and a day inside it are one date said more or less precisely, not a disagreement.
    let disjoint = dates.iter().any(|(a, _)| dates.iter().any(|(b, _)| !a.overlaps(b.start, b.end)));
    let date_conflicts = if disjoint && docs.len() > 1 { dates } else { Vec::new() };
    Story {
        events: ids.iter().map(|&i| i as u32).collect(),
        docs,
        lead: lead as u32,
        date,
        date_conflicts,
        number_conflicts: number_conflicts(corpus, &events),
    }
}

/// Each distinct date of the group with the articles giving it, earliest first.
fn dates_by_docs(events: &[&Event]) -> Vec<(DateValue, Vec<u32>)> {
    let mut dates: Vec<(DateValue, Vec<u32>)> = Vec::new();
    for e in events {
        match dates.iter_mut().find(|(d, _)| *d == e.date) {
            Some((_, docs)) if !docs.contains(&e.doc) => docs.push(e.doc),
            Some(_) => {}
            None => dates.push((e.date, vec![e.doc])),
        }
    }
    for (_, docs) in &mut dates {
        docs.sort_unstable();
    }
    order::sort_by_key(&mut dates, |(d, _)| (d.start, d.end));
    dates
}

/// Counts of the same noun that differ between articles: "40 brands" in one, "32 brands" in
/// another. Numbers inside the date expression, and years, are not counts.
fn number_conflicts(corpus: &Corpus, events: &[&Event]) -> Vec<NumberConflict> {
    let mut by_noun: Vec<NumberConflict> = Vec::new();
    for e in events {
        for (number, noun) in counts(sentence_text(corpus, e), e) {
            let entry = match by_noun.iter_mut().position(|c| c.noun == noun) {
                Some(i) => &mut by_noun[i],
                None => {
                    by_noun.push(NumberConflict { noun, values: Vec::new() });
                    by_noun.last_mut().expect("just pushed")
                }
            };
            match entry.values.iter_mut().find(|(n, _)| *n == number) {
                Some((_, docs)) if !docs.contains(&e.doc) => docs.push(e.doc),
                Some(_) => {}
                None => entry.values.push((number, vec![e.doc])),
            }
        }
    }
    by_noun.retain(|c| {
        let docs: Vec<u32> = c.values.iter().flat_map(|(_, d)| d.iter().copied()).collect();
        c.values.len() > 1 && docs.iter().any(|d| *d != docs[0])
    });
    by_noun
}

/// (number as written, next word folded) for each count in the sentence outside the date.
fn counts(text: &str, event: &Event) -> Vec<(String, String)> {
    let tokens: Vec<_> = words(text, &['.', ',']).collect();
    let mut out = Vec::new();
    for pair in tokens.windows(2) {
        let (number, noun) = (&pair[0], &pair[1]);
        let inside_date = number.start < event.end as usize && number.end > event.start as usize;
        let is_number = number.text.chars().next().is_some_and(|c| c.is_ascii_digit())
            && number.text.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',');
        let is_year = number.text.len() == 4 && matches!(number.text.parse::<u32>(), Ok(1800..=2100));
        let is_noun = noun.text.chars().all(char::is_alphabetic) && noun.text.len() > 2;
        if is_number && is_noun && !inside_date && !is_year {
            out.push((number.text.to_string(), fold(noun.text)));
        }
    }
    out
}

fn sentence_text<'c>(corpus: &'c Corpus, event: &Event) -> &'c str {
    sentence(corpus, event.doc, event.sentence).map_or("", |s| s.text.as_str())
}

fn sentence(corpus: &Corpus, doc: u32, index: u32) -> Option<&Sentence> {
    sentence_of(&corpus.documents, doc, index)
}

fn sentence_of(documents: &[Document], doc: u32, index: u32) -> Option<&Sentence> {
    documents.get(doc as usize).and_then(|d| d.sentences.get(index as usize))
}

/// Sparse term vector: (term id, weight), sorted by id, unit length.
pub(crate) type Vector = Vec<(u32, f64)>;

/// The terms a sentence is compared by, one at a time, each built in `buf` (no string per word
/// where only a count or an id is kept): its folded words outside names, and one term per named
/// entity (`\u{1}` + its index), so "OTC" and "the Orvel Trade Council" are the same term once
/// the entity stage has merged them as aliases. With `stems`, each word is its [`stem`].
fn each_term(sentence: &Sentence, stems: bool, buf: &mut String, mut f: impl FnMut(&str)) {
    use std::fmt::Write;
    for m in &sentence.mentions {
        buf.clear();
        let _ = write!(buf, "\u{1}{}", m.entity);
        f(buf);
    }
    let inside = |start: usize| sentence.mentions.iter().any(|m| start >= m.start as usize && start < m.end as usize);
    for w in words(&sentence.text, &['\'', '-']).filter(|w| !inside(w.start)) {
        buf.clear();
        fold_into(w.text, buf);
        if stems {
            stem(buf);
        }
        f(buf);
    }
}

/// A folded word cut to its first [`STEM`] letters, so that reports of one happening in other
/// forms of its words agree: "suspended" and "suspension", "member" and "membership",
/// "announced" and "announcement". Prefix stemming is crude, but it is the same in any language,
/// and on ECB+ web news (QUALITY.md, "Story groups on real web news") six letters linked more
/// reports of one happening without more wrong links; five made more of both. Numbers stay
/// whole ("2013" is not "201"). The date stage's ties compare whole words ([`idf_of_words`]):
/// a tie states an article's date as certain, and on ECB+ stems made one more such date wrong.
fn stem(word: &mut String) {
    if let Some((cut, _)) = word.char_indices().nth(STEM) {
        if word.chars().all(char::is_alphabetic) {
            word.truncate(cut);
        }
    }
}

/// Term maps: looked up by every word of the corpus, never walked in their own order.
type TermMap<V> = HashMap<String, V, BuildHasherDefault<Fnv1a>>;

/// The corpus's terms: an id for each (in sorted order, so sums run in the same order on every
/// run), and each id's inverse document frequency.
pub(crate) struct Vocabulary {
    ids: TermMap<u32>,
    idf: Vec<f64>,
    /// Whether its terms are words' stems ([`idf`]) or whole words ([`idf_of_words`]).
    stems: bool,
}

impl Vocabulary {
    /// How many terms: every term id is below it.
    pub(crate) fn len(&self) -> usize {
        self.idf.len()
    }
}

/// Inverse document frequency of each term over all non-boilerplate sentences: a term in every
/// sentence weighs least, a term in one sentence the most. Terms are stems (see [`stem`]).
pub(crate) fn idf(documents: &[Document]) -> Vocabulary {
    idf_with(documents, true)
}

/// [`idf`] over whole words, for the date stage's ties.
pub(crate) fn idf_of_words(documents: &[Document]) -> Vocabulary {
    idf_with(documents, false)
}

fn idf_with(documents: &[Document], stems: bool) -> Vocabulary {
    // Per term: the sentences it is in, and the last sentence that counted it (a term counts
    // once per sentence). A string is made only for a term not seen before: this pass reads
    // every word of the corpus, and a string, a sort and a hash per word made it ~10 % of a
    // native export (perf, 40 MB).
    let mut df: TermMap<(u32, u32)> = TermMap::default();
    let mut n = 0u32;
    let mut buf = String::new();
    for s in documents.iter().flat_map(|d| &d.sentences).filter(|s| !s.boilerplate) {
        n += 1;
        each_term(s, stems, &mut buf, |term| match df.get_mut(term) {
            Some((count, last)) => {
                if *last != n {
                    (*count, *last) = (*count + 1, n);
                }
            }
            None => {
                df.insert(term.to_string(), (1, n));
            }
        });
    }
    let mut sorted: Vec<(String, u32)> = df.into_iter().map(|(w, (count, _))| (w, count)).collect();
    sorted.sort_unstable();
    // Smoothed as in scikit-learn (`+ 1`): a word in every sentence still counts a little, so
    // a corpus of near-identical sentences is not a corpus of empty vectors.
    let idf = sorted.iter().map(|(_, d)| ((1.0 + n as f64) / (1.0 + *d as f64)).ln() + 1.0).collect();
    let ids = sorted.into_iter().enumerate().map(|(i, (w, _))| (w, i as u32)).collect();
    Vocabulary { ids, idf, stems }
}

/// A dated sentence's vector (an event's, in [`group`]): its terms, plus the next sentence of the same paragraph at
/// `context` ([`CONTEXT_WEIGHT`]). News prose often dates a happening in one sentence and says
/// what it was in the next ("On 14 May the coalition announced a decision. It suspended the
/// membership …"), and a rewrite of the same report folds both into one sentence.
pub(crate) fn sentence_vector(
    documents: &[Document],
    doc: u32,
    sentence: u32,
    vocabulary: &Vocabulary,
    context: f64,
) -> Vector {
    let mut counts: HashMap<u32, f64> = HashMap::new();
    if let Some(s) = sentence_of(documents, doc, sentence) {
        let mut buf = String::new();
        weigh(s, vocabulary, 1.0, &mut counts, &mut buf);
        if let Some(next) = sentence_of(documents, doc, sentence + 1).filter(|n| n.paragraph == s.paragraph) {
            weigh(next, vocabulary, context, &mut counts, &mut buf);
        }
    }
    unit(counts)
}

/// Adds terms at `scale` times their weight: inverse document frequency and a sublinear term
/// frequency (1 + ln tf: a sentence that says "the" five times is not five times more about
/// "the", and machine translation repeats function words freely).
fn weigh(sentence: &Sentence, vocabulary: &Vocabulary, scale: f64, counts: &mut HashMap<u32, f64>, buf: &mut String) {
    let mut tf: Vec<u32> = Vec::new();
    each_term(sentence, vocabulary.stems, buf, |term| tf.extend(vocabulary.ids.get(term)));
    tf.sort_unstable();
    for run in tf.chunk_by(|a, b| a == b) {
        let weight = vocabulary.idf[run[0] as usize] * (1.0 + (run.len() as f64).ln()) * scale;
        *counts.entry(run[0]).or_default() += weight;
    }
}

/// The weights as a unit vector sorted by term id.
fn unit(counts: HashMap<u32, f64>) -> Vector {
    let mut v: Vector = counts.into_iter().filter(|(_, x)| *x > 0.0).collect();
    order::sort_by_key(&mut v, |&(id, _)| id);
    let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, x) in &mut v {
            *x /= norm;
        }
    }
    v
}

/// One vector spread over an array as long as the vocabulary, for its dot products with many
/// others: a lookup per term of theirs instead of merging two sorted lists, whose unpredictable
/// branches were a fifth of a native export (perf, 40 MB). The same sum in the same order as
/// [`cosine`] (a term it lacks adds 0.0), so the same bits.
pub(crate) struct Spread<'a> {
    weights: &'a [f64],
}

thread_local! {
    /// The array [`Spread::with`] fills and empties again: all zeros between calls.
    static SPREAD: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Spread<'_> {
    /// Calls `f` with `v` spread over `terms` slots (every id in `v` is below it).
    pub(crate) fn with<R>(v: &Vector, terms: usize, f: impl FnOnce(&Spread<'_>) -> R) -> R {
        SPREAD.with(|cell| {
            let mut weights = cell.borrow_mut();
            if weights.len() < terms {
                weights.resize(terms, 0.0);
            }
            for &(id, x) in v {
                weights[id as usize] = x;
            }
            let out = f(&Spread { weights: &weights });
            for &(id, _) in v {
                weights[id as usize] = 0.0;
            }
            out
        })
    }

    /// The dot product with `b`: [`cosine`] of the spread vector and `b`.
    pub(crate) fn dot(&self, b: &Vector) -> f64 {
        let mut dot = 0.0;
        for &(id, x) in b {
            dot += self.weights.get(id as usize).copied().unwrap_or(0.0) * x;
        }
        dot
    }
}

/// Cosine of two unit vectors: the dot product over the words they share.
pub(crate) fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
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
    fn other_forms_of_a_word_are_one_term() {
        let stemmed = |w: &str| {
            let mut s = w.to_string();
            stem(&mut s);
            s
        };
        assert_eq!(stemmed("suspended"), stemmed("suspension"));
        assert_eq!(stemmed("membership"), stemmed("member"));
        assert_eq!(stemmed("announced"), stemmed("announcement"));
        assert_eq!(stemmed("said"), "said");
        assert_eq!(stemmed("20130514"), "20130514");
        // Two sentences of one happening in other forms of its words now share terms.
        let corpus = build(&[
            ("a", "T\n\nOn 14 May 2016 the coalition suspended the membership of the retailer."),
            ("b", "T\n\nThe suspension of the retailer's member status was announced on 14 May 2016."),
            ("c", "T\n\nThe weather was fine on the coast."),
        ]);
        let vocabulary = idf(&corpus.documents);
        let v = |d: u32| sentence_vector(&corpus.documents, d, 0, &vocabulary, CONTEXT_WEIGHT);
        for term in ["suspen", "member"] {
            let id = vocabulary.ids[term];
            assert!(v(0).iter().any(|&(t, _)| t == id) && v(1).iter().any(|&(t, _)| t == id), "{term}");
        }
        assert!(!vocabulary.ids.contains_key("suspended") && !vocabulary.ids.contains_key("suspension"));
    }

    #[test]
    fn a_spread_vector_gives_cosine_bit_for_bit_and_is_emptied_after() {
        // Vectors of a real vocabulary: the seeds' sentences, as the story stage makes them.
        let files: Vec<(String, String)> = std::fs::read_dir("seeds")
            .unwrap()
            .filter_map(|e| {
                let path = e.ok()?.path();
                (path.extension()? == "txt")
                    .then(|| (path.display().to_string(), std::fs::read_to_string(&path).unwrap()))
            })
            .collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(id, text)| (id.as_str(), text.as_str())).collect();
        let corpus = build(&refs);
        let vocabulary = idf(&corpus.documents);
        let vectors: Vec<Vector> = corpus
            .documents
            .iter()
            .enumerate()
            .flat_map(|(d, doc)| (0..doc.sentences.len() as u32).map(move |s| (d as u32, s)))
            .map(|(d, s)| sentence_vector(&corpus.documents, d, s, &vocabulary, CONTEXT_WEIGHT))
            .collect();
        assert!(vectors.len() > 100, "{}", vectors.len());
        let mut nonzero = 0;
        for a in vectors.iter().step_by(7) {
            Spread::with(a, vocabulary.len(), |spread| {
                for b in &vectors {
                    assert_eq!(spread.dot(b).to_bits(), cosine(a, b).to_bits());
                    nonzero += usize::from(cosine(a, b) > 0.0);
                }
            });
        }
        assert!(nonzero > 100, "{nonzero}");
        // Nothing of the last vector is left behind for the next caller.
        Spread::with(&Vec::new(), vocabulary.len(), |spread| assert!(vectors.iter().all(|b| spread.dot(b) == 0.0)));
    }

    fn dated(date: &str, title: &str, body: &str) -> String {
        format!("---\ndate: {date}\n---\n{title}\n\n{body}\n")
    }

    #[test]
    fn one_happening_reported_by_three_articles_is_one_story_with_its_disagreement() {
        let a = dated("2021-05-14", "Zentaro suspended", "The Orvel Trade Council suspended Zentaro Corp's membership on 13 May 2021 after complaints from 40 brands. Separately, the council will meet again in August 2021.");
        let b = dated("2021-05-15", "Council acts", "On 14 May 2021 the Orvel Trade Council suspended the membership of Zentaro Corp, following complaints from 32 brands.");
        let c = dated(
            "2021-05-16",
            "Fallout",
            "Zentaro Corp's membership of the Orvel Trade Council was suspended on 13 May 2021, the council confirmed.",
        );
        let d = dated("2021-05-16", "Other news", "Ana Costa opened a bakery in Brooklyn on 13 May 2021.");
        let corpus = build(&[("a", &a), ("b", &b), ("c", &c), ("d", &d)]);
        let stories = group(&corpus);
        let suspension: Vec<&Story> = stories.iter().filter(|s| s.docs.len() == 3).collect();
        assert_eq!(suspension.len(), 1, "{stories:#?}");
        let s = suspension[0];
        assert_eq!(s.docs, [0, 1, 2]);
        assert_eq!(s.date.iso(), "2021-05-13", "two of three sources say 13 May");
        let conflict: Vec<String> = s.date_conflicts.iter().map(|(d, docs)| format!("{} {docs:?}", d.iso())).collect();
        assert_eq!(conflict, ["2021-05-13 [0, 2]", "2021-05-14 [1]"]);
        assert_eq!(s.number_conflicts.len(), 1, "{:?}", s.number_conflicts);
        assert_eq!(s.number_conflicts[0].noun, "brands");
        // The bakery shares the date but nothing else; the August meeting is a different day.
        assert!(stories.iter().any(|s| s.docs == [3] && s.events.len() == 1));
        assert_eq!(stories.iter().map(|s| s.events.len()).sum::<usize>(), corpus.events.len(), "every event once");
    }

    #[test]
    fn similar_wording_on_dates_far_apart_stays_two_stories() {
        let a = dated("2021-01-10", "Vote", "The Orvel council approved the harbour budget on 8 January 2021.");
        let b = dated("2021-06-10", "Vote again", "The Orvel council approved the harbour budget on 8 June 2021.");
        let stories = group(&build(&[("a", &a), ("b", &b)]));
        assert!(stories.iter().all(|s| s.docs.len() == 1), "{stories:#?}");
    }

    #[test]
    fn a_chain_of_close_days_does_not_stretch_one_story_over_a_week() {
        let texts: Vec<String> = (10..17)
            .map(|d| dated("2021-03-20", "Strike", &format!("Dock workers in Orvel held a strike on {d} March 2021.")))
            .collect();
        let files: Vec<(String, &str)> = texts.iter().enumerate().map(|(i, t)| (format!("d{i}"), t.as_str())).collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(id, t)| (id.as_str(), *t)).collect();
        let corpus = build(&refs);
        let stories = group(&corpus);
        assert!(stories.iter().any(|s| s.docs.len() > 1), "neighbouring days still group: {stories:#?}");
        for s in &stories {
            let days: Vec<i64> = s.events.iter().map(|&e| corpus.events[e as usize].date.start.ordinal()).collect();
            let spread = days.iter().max().unwrap() - days.iter().min().unwrap();
            assert!(spread <= DISAGREE_DAYS, "{days:?}");
        }
    }

    #[test]
    fn a_month_and_a_day_inside_it_are_not_a_disagreement() {
        let a = dated("2021-05-20", "Vote", "The Orvel council approved the harbour budget in May 2021.");
        let b = dated("2021-05-20", "Vote", "The Orvel council approved the harbour budget on 12 May 2021.");
        let stories = group(&build(&[("a", &a), ("b", &b)]));
        let both = stories.iter().find(|s| s.docs.len() == 2).expect("one story for both");
        assert!(both.date_conflicts.is_empty(), "{both:?}");
    }

    #[test]
    fn an_undated_articles_yesterday_joins_the_story_of_the_day_it_reports() {
        // Printed no date: its text says it was written after 2 March and before 30 March, and
        // its "yesterday" reports what the wire dates 11 March, so the date stage makes it a
        // range of days around the 11th. Before, a range never linked: the reader was told the
        // two articles report one happening, and the story list showed two.
        let undated = "Briefing\n\nZentaro Corp sued Kestrel Bank over unpaid invoices yesterday.\n\n\
                       Orvel Council signed a supply contract with Norrland Rail on 2 March 2021.\n\n\
                       The annual meeting of Orvel Council will be held on 30 March 2021.\n";
        let wire = dated(
            "2021-03-12",
            "Wire",
            "Zentaro Corp filed a lawsuit against Kestrel Bank over unpaid invoices on 11 March 2021.",
        );
        let corpus = build(&[("a", undated), ("b", &wire)]);
        let eleventh = crate::corpus::time::Day::new(2021, 3, 11).unwrap();
        let yesterday = corpus.events.iter().find(|e| e.doc == 0 && e.expression == "yesterday").unwrap();
        assert_eq!(yesterday.date.precision, Precision::Range, "{yesterday:?}");
        assert!(yesterday.date.overlaps(eleventh, eleventh) && yesterday.date.start != eleventh, "{yesterday:?}");
        let stories = group(&corpus);
        let both = stories.iter().find(|s| s.docs.len() == 2).expect("one story for both");
        assert_eq!(both.date.iso(), "2021-03-11", "the day, not the range that contains it");
        assert!(both.date_conflicts.is_empty(), "a range and a day inside it agree: {both:?}");
    }

    #[test]
    fn a_range_of_days_agrees_with_a_day_inside_it_only_when_it_is_narrow() {
        let day = |m, d| crate::corpus::time::Day::new(2021, m, d).unwrap();
        let range = |start, end| DateValue { start, end, precision: Precision::Range };
        let at = Thresholds::default();
        let eleventh = DateValue::day(day(3, 11));
        assert!(dates_agree(&range(day(3, 1), day(3, 29)), &eleventh, at));
        assert!(dates_agree(&eleventh, &range(day(3, 1), day(3, 29)), at));
        assert!(!dates_agree(&range(day(3, 12), day(3, 29)), &eleventh, at), "outside it");
        // Three months of possible days say nothing about which happening it was.
        assert!(!dates_agree(&range(day(1, 1), day(3, 29)), &eleventh, at));
        assert!(!dates_agree(&range(day(3, 1), day(3, 29)), &eleventh, Thresholds { range_days: 0, ..at }));
    }

    #[test]
    fn an_empty_corpus_has_no_stories() {
        assert!(group(&build(&[])).is_empty());
    }

    #[test]
    fn a_stored_card_keeps_the_sources_its_row_shows_and_counts_the_rest() {
        let source = |doc: u32| CardSource {
            doc,
            id: format!("a{doc}"),
            title: format!("Article {doc}"),
            reported: "date unknown".into(),
            happened: None,
            sentence: None,
        };
        let day = |m, d| crate::corpus::time::Day::new(2021, m, d).unwrap();
        let when = DateValue::day(day(3, 11));
        let whole = Card {
            date: when,
            lead: "It happened.".into(),
            sources: (0..40).map(source).collect(),
            source_count: 40,
            // Four articles give another date: the first NAMED of them are named by title.
            date_conflicts: vec![(when, vec![0, 1]), (DateValue::day(day(3, 12)), vec![20, 25, 30, 35])],
            number_conflicts: vec![("ships".into(), vec![("2".into(), vec![2]), ("3".into(), vec![39])])],
        };
        assert!(whole.is_whole() && whole.multi());
        let shown = whole.shown();
        let docs: Vec<u32> = shown.sources.iter().map(|x| x.doc).collect();
        let mut want: Vec<u32> = (0..SOURCES_SHOWN as u32).collect();
        want.extend([20, 25, 30, 39]);
        assert_eq!(docs, want, "the first sources, then those the disagreements name, in order");
        assert_eq!(shown.source_count, 40);
        assert!(!shown.is_whole() && shown.multi());
        assert_eq!(shown.date_conflicts, whole.date_conflicts, "disagreements are kept whole");
        // A card with few sources is stored as it is.
        let small = Card { sources: (0..5).map(source).collect(), source_count: 5, ..whole.clone() };
        assert_eq!(small.shown(), small);
    }
}
