//! Queries over the index: text (words, "phrases", prefix*), required and excluded entities, a
//! date range. (Stub: helper A owns this file; the types below are the UI's contract.)
use super::{Corpus, Day};

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

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// Matching documents, best first.
    pub hits: Vec<Hit>,
    /// For each entity (same index as `Corpus::entities`): how many matching documents mention it.
    pub entity_counts: Vec<u32>,
    /// Events (indices into `Corpus::events`) of matching documents that fall in the date range,
    /// in chronological order.
    pub events: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Index into `Corpus::documents`.
    pub doc: u32,
    pub score: f32,
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

impl Corpus {
    pub fn search(&self, _query: &Query) -> Results {
        Results::default()
    }

    /// Byte ranges of `text` that match the query's text terms: for highlighting in the reader.
    pub fn highlight(&self, _query: &Query, _text: &str) -> Vec<(u32, u32)> {
        Vec::new()
    }
}
