//! The pure text pipeline: raw article files in, a searchable [`Corpus`] out.
//!
//! Stages, in data-flow order (each is a module named after what it does):
//! `document` (front matter, title) → `clean` (normalise machine-translation noise) →
//! `sentences` (paragraphs, sentences) → `boilerplate` (set aside link lists, comment forms) →
//! `entities` (+ `overrides` from `entities.toml`) → `dates` (events against a reference date) →
//! `index` (inverted index, facets) → `query` (ranked search under a filter). `pack` stores a
//! built corpus compactly, so the browser decodes it instead of running the pipeline.
//!
//! Invariants: this module imports nothing from leptos, web-sys or the file system; it is
//! deterministic (no hash-map iteration order leaks into output, no clocks, no randomness);
//! and it is total: any input, however odd, yields a `Corpus` (with fewer findings), never a
//! panic or an `Err`.

pub mod boilerplate;
pub mod clean;
pub mod cooccur;
pub mod curate;
pub mod dates;
pub mod document;
pub mod echo;
pub mod entities;
pub mod export;
pub mod gazetteer;
pub mod index;
pub mod opensearch;
pub mod order;
pub mod overrides;
pub mod pack;
pub mod par;
pub mod query;
pub mod sentences;
pub mod shelf;
pub mod story;
pub mod text;
pub mod time;
mod types;

pub use query::{Hit, Query, Results, Snippet};
pub use time::{DateValue, Day, Precision};
pub use types::*;

/// Which corpus-wide stage [`Corpus::from_documents`] is starting (the in-page analyser's
/// progress bar; it counts the per-article stage itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Names,
    Dates,
    Index,
}

/// The whole explorer data: built once, then queried.
#[derive(Clone, Debug)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub entities: Vec<Entity>,
    /// Sorted by (date.start, doc, sentence).
    pub events: Vec<Event>,
    pub index: index::Index,
    /// Problems a corpus owner should see (e.g. an `entities.toml` line that was not understood).
    pub warnings: Vec<String>,
}

impl Corpus {
    /// The one entry point of the pipeline. `entities_toml` is the optional owner-edited file.
    pub fn build(sources: &[Source<'_>], entities_toml: Option<&str>) -> Corpus {
        Corpus::from_gathered(Gathered::of(sources), entities_toml)
    }

    /// [`Corpus::build`] with the per-article stages (cleaning, sentences, boilerplate, finding
    /// the date expressions, counting the words the name stage reads: [`Gathered`]) spread over
    /// `threads` threads natively ([`par::map`]), and the name stage's reading of each text too:
    /// the same output.
    pub fn build_parallel(sources: &[Source<'_>], entities_toml: Option<&str>, threads: usize) -> Corpus {
        let runs = par::runs(&vec![1; sources.len()], threads);
        let mut articles = Gathered::default();
        for run in par::map(&runs, threads, |run| Gathered::of(&sources[run.clone()])) {
            articles.append(run);
        }
        Corpus::from_gathered(articles, entities_toml)
    }

    /// The corpus-wide stages over articles built by [`document::build`], in source order: the
    /// in-page analyser builds runs of articles in several workers and joins them here, the
    /// same corpus as [`Corpus::build`] (a test says so). Each stage does its per-article part
    /// here, in the order the stages need them, which keeps the page's single worker fastest
    /// (BENCHMARKS.md, 2026-12-05).
    pub fn from_documents(
        documents: Vec<Document>,
        entities_toml: Option<&str>,
        progress: &mut dyn FnMut(Stage),
    ) -> Corpus {
        Corpus::from_stages(documents, entities_toml, progress, entities::extract, dates::extract)
    }

    /// The corpus-wide stages over the [`Gathered`] articles, whose per-article parts are done.
    fn from_gathered(articles: Gathered, entities_toml: Option<&str>) -> Corpus {
        let Gathered { documents, dates: scanned, counts } = articles;
        Corpus::from_stages(
            documents,
            entities_toml,
            &mut |_| {},
            |documents, overrides, warnings| entities::extract_counted(documents, counts, overrides, warnings),
            |documents| dates::extract_scanned(documents, scanned),
        )
    }

    /// Names, the articles' dates and the events, the index, with the name and date stages
    /// given.
    fn from_stages(
        mut documents: Vec<Document>,
        entities_toml: Option<&str>,
        progress: &mut dyn FnMut(Stage),
        names: impl FnOnce(&mut [Document], &overrides::Overrides, &mut Vec<String>) -> Vec<Entity>,
        dates: impl FnOnce(&mut [Document]) -> Vec<Event>,
    ) -> Corpus {
        let (overrides, mut warnings) = overrides::parse(entities_toml.unwrap_or(""));
        set_dates(&mut documents, &overrides.articles, &mut warnings);
        progress(Stage::Names);
        let entities = names(&mut documents, &overrides, &mut warnings);
        progress(Stage::Dates);
        let mut events = dates(&mut documents);
        link_events(&documents, &mut events);
        order::sort_by_key(&mut events, |e| (e.date.start, e.doc, e.sentence, e.start));
        progress(Stage::Index);
        Corpus::from_parts(documents, entities, events, warnings)
    }

    /// Assembles a corpus from the pipeline's results (or their [`pack`]ed copy): the search
    /// index is derived from them here.
    pub fn from_parts(
        documents: Vec<Document>,
        entities: Vec<Entity>,
        events: Vec<Event>,
        warnings: Vec<String>,
    ) -> Corpus {
        let index = index::Index::build(&documents, &entities, &events);
        Corpus { documents, entities, events, index, warnings }
    }

    /// Find an entity by canonical name, case-insensitively (URLs carry names, not indices).
    pub fn entity_by_name(&self, name: &str) -> Option<u32> {
        self.entities.iter().position(|e| e.name.eq_ignore_ascii_case(name)).map(|i| i as u32)
    }

    pub fn document_by_id(&self, id: &str) -> Option<u32> {
        self.documents.iter().position(|d| d.id == id).map(|i| i as u32)
    }
}

/// Articles after the per-article stages, which need nothing of the other articles: their
/// documents ([`document::build`]: cleaning, sentences, boilerplate), their date expressions,
/// found but not yet resolved ([`dates::scan`]: it reads only the sentences' text, which the
/// name stage does not change), and the word counts the name stage reads
/// ([`entities::WordCounts`]). [`Corpus::build_parallel`] gathers each run of articles on a core
/// of its own and joins the runs in order.
#[derive(Default)]
struct Gathered {
    documents: Vec<Document>,
    dates: Vec<dates::Scanned>,
    counts: entities::WordCounts,
}

impl Gathered {
    fn of(sources: &[Source<'_>]) -> Gathered {
        let mut gathered = Gathered::default();
        for source in sources {
            let document = document::build(source);
            gathered.counts.count(&document);
            gathered.dates.push(dates::scan(&document));
            gathered.documents.push(document);
        }
        gathered
    }

    /// `other`'s articles after these.
    fn append(&mut self, other: Gathered) {
        self.documents.extend(other.documents);
        self.dates.extend(other.dates);
        self.counts.join(other.counts);
    }
}

/// Applies the owner's `[[article]]` dates as front matter would (the date solver keeps them
/// and dates other articles from them); an id that names no article is a warning.
fn set_dates(documents: &mut [Document], rules: &[overrides::ArticleDateRule], warnings: &mut Vec<String>) {
    for rule in rules {
        match documents.iter_mut().find(|d| d.id == rule.id) {
            Some(doc) => {
                doc.date = Some(rule.date);
                doc.date_inferred = false;
                doc.date_basis = DateBasis::Given;
                doc.date_reason = "front matter".to_string();
            }
            None => warnings.push(format!("entities.toml [[article]] “{}” names no article; ignored", rule.id)),
        }
    }
}

/// Fills `Event::entities` from the mentions of each event's sentence (also after `pack::decode`,
/// which does not store them).
fn link_events(documents: &[Document], events: &mut [Event]) {
    for event in events {
        event.entities = entities_in_sentence(documents, event.doc, event.sentence);
    }
}

/// Fills `Entity::docs`: the documents whose sentences mention it, ascending (used by
/// `pack::decode`, which does not store them; `entities::extract` collects the same while
/// tagging).
fn link_entity_docs(documents: &[Document], entities: &mut [Entity]) {
    for e in entities.iter_mut() {
        e.docs.clear();
    }
    for (d, doc) in documents.iter().enumerate() {
        for m in doc.title_mentions.iter().chain(doc.sentences.iter().flat_map(|s| &s.mentions)) {
            if let Some(e) = entities.get_mut(m.entity as usize) {
                if e.docs.last() != Some(&(d as u32)) {
                    e.docs.push(d as u32);
                }
            }
        }
    }
}

/// Entities mentioned in one sentence, ascending: `Event::entities`.
fn entities_in_sentence(documents: &[Document], doc: u32, sentence: u32) -> Vec<u32> {
    let Some(sentence) = documents.get(doc as usize).and_then(|d| d.sentences.get(sentence as usize)) else {
        return Vec::new();
    };
    let mut ids: Vec<u32> = sentence.mentions.iter().map(|m| m.entity).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
