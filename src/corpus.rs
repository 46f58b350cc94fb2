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
pub mod dates;
pub mod document;
pub mod entities;
pub mod export;
pub mod index;
pub mod overrides;
pub mod pack;
pub mod query;
pub mod sentences;
pub mod time;

pub use query::{Hit, Query, Results, Snippet};
pub use time::{DateValue, Day, Precision};

use serde::Serialize;

/// One article, as read from one file of `seeds/`.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// The file stem, e.g. `000_7a9101c4ee3a9e57`; stable across builds, used in URLs.
    pub id: String,
    /// Front-matter `title:`, else the first non-empty line.
    pub title: String,
    /// The reference date: front-matter `date:`, else inferred from the text (see `date_inferred`).
    pub date: Option<DateValue>,
    /// True when `date` was inferred rather than given in front matter.
    pub date_inferred: bool,
    /// How `date` was obtained, for people: "front matter", or e.g.
    /// "inferred: latest full date 'May 14th' with the year from 'April 13th this year' in 2016 (corpus)".
    pub date_reason: String,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Paragraphs in reading order; each owns a contiguous run of `sentences`.
    pub paragraphs: Vec<Paragraph>,
    /// All body sentences in reading order (the title line is not one of them).
    pub sentences: Vec<Sentence>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Paragraph {
    /// `sentences[first..end]` belong to this paragraph.
    pub first: u32,
    pub end: u32,
    /// Related-reading lists, comment forms, navigation runs: shown dimmed, never indexed.
    pub boilerplate: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Sentence {
    /// Cleaned text of the sentence.
    pub text: String,
    /// Index into `Document::paragraphs`.
    pub paragraph: u32,
    /// Copied from the paragraph so each stage can skip boilerplate cheaply.
    pub boilerplate: bool,
    /// Entity mentions, sorted by `start`, non-overlapping.
    pub mentions: Vec<Mention>,
}

/// A span of a sentence's text (byte offsets on char boundaries) that names an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub start: u32,
    pub end: u32,
    /// Index into `Corpus::entities`.
    pub entity: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organisation,
    Place,
    Other,
}

impl EntityKind {
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }
}

/// A person, organisation, place or other named thing, with all its spellings merged.
#[derive(Clone, Debug, Serialize)]
pub struct Entity {
    /// Canonical name (the longest well-formed spelling, or the `entities.toml` rename).
    pub name: String,
    pub kind: EntityKind,
    /// Every surface form seen in non-boilerplate text, with how often; most frequent first.
    pub aliases: Vec<Alias>,
    /// Indices of documents that mention it, ascending.
    pub docs: Vec<u32>,
    /// Total mentions across the corpus.
    pub mentions: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Alias {
    pub text: String,
    pub count: u32,
}

/// A dated sentence: "what happened when, and which article says so".
#[derive(Clone, Debug, Serialize)]
pub struct Event {
    pub date: DateValue,
    /// Index into `Corpus::documents`.
    pub doc: u32,
    /// Index into that document's `sentences`.
    pub sentence: u32,
    /// Byte span of the expression inside the sentence text.
    pub start: u32,
    pub end: u32,
    /// The expression as written, e.g. "13 last month".
    pub expression: String,
    /// How the value was reached, e.g. "month before the reference 2016-05-14 (inferred)".
    pub resolution: String,
    /// True when resolution leaned on an inferred reference date.
    pub inferred: bool,
    /// Entities mentioned in the same sentence (indices into `Corpus::entities`), ascending.
    pub entities: Vec<u32>,
}

#[cfg(test)]
impl Event {
    /// An event with only a date and a document, for unit tests across the crate.
    pub(crate) fn bare(date: DateValue, doc: u32) -> Event {
        Event {
            date,
            doc,
            sentence: 0,
            start: 0,
            end: 0,
            expression: String::new(),
            resolution: String::new(),
            inferred: false,
            entities: Vec::new(),
        }
    }
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

/// One input file: its stem and its text (already decoded; invalid UTF-8 replaced by the caller).
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    pub id: &'a str,
    pub text: &'a str,
}

impl Corpus {
    /// The one entry point of the pipeline. `entities_toml` is the optional owner-edited file.
    pub fn build(sources: &[Source<'_>], entities_toml: Option<&str>) -> Corpus {
        let (overrides, mut warnings) = overrides::parse(entities_toml.unwrap_or(""));
        let mut documents: Vec<Document> = sources.iter().map(document::build).collect();
        let entities = entities::extract(&mut documents, &overrides, &mut warnings);
        let mut events = dates::extract(&mut documents);
        link_events(&documents, &mut events);
        events.sort_by_key(|e| (e.date.start, e.doc, e.sentence, e.start));
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
        for m in doc.sentences.iter().flat_map(|s| &s.mentions) {
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
