//! The data the pipeline stages share: documents with their paragraphs and sentences, entity
//! mentions, entities, dated events, and the input files they are built from. Stage modules
//! import these from here; the `corpus` facade re-exports them (`corpus::Document`, ...) for
//! everyone outside the pipeline.

use serde::Serialize;

use super::time::{DateValue, Day};

/// One article, as read from one file of `seeds/`.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// The file stem, e.g. `000_7a9101c4ee3a9e57`; stable across builds, used in URLs.
    pub id: String,
    /// Front-matter `title:`, else the first non-empty line.
    pub title: String,
    /// When it was written, as far as known: front-matter `date:`, else the narrowest interval
    /// the evidence allows (see `date_basis`, `date_likely`), else `None`. Its relative dates
    /// are resolved over it.
    pub date: Option<DateValue>,
    /// True when `date` was inferred rather than given in front matter.
    pub date_inferred: bool,
    /// How `date` was obtained, for people: "front matter", or e.g. "written between 14 and 18
    /// May 2016. Evidence: …".
    pub date_reason: String,
    /// Where the date comes from: given, printed, its own text, other articles, or unknown.
    pub date_basis: DateBasis,
    /// True when `date` is a preference among several possible years, not certain.
    pub date_likely: bool,
    /// The certain interval's first and last day; `None` on a side the evidence leaves open.
    pub date_earliest: Option<Day>,
    pub date_latest: Option<Day>,
    /// The evidence, one sentence each, in the order it was applied.
    pub date_evidence: Vec<String>,
    /// Other documents (indices) the date leans on, ascending.
    pub date_from: Vec<u32>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Paragraphs in reading order; each owns a contiguous run of `sentences`.
    pub paragraphs: Vec<Paragraph>,
    /// All body sentences in reading order (the title line is not one of them).
    pub sentences: Vec<Sentence>,
    /// Entity mentions in `title` (byte spans of it), sorted, non-overlapping: headlines name
    /// the story's actors too.
    pub title_mentions: Vec<Mention>,
    /// Date expressions that could not be placed on the timeline (relative to an article date
    /// the text does not give, or needing more precision than it has), in reading order.
    pub unresolved: Vec<Unresolved>,
}

/// A date expression left off the timeline: its sentence and byte span. Why is the document's
/// `date_reason` (see [`Document::unresolved_reason`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unresolved {
    pub sentence: u32,
    pub start: u32,
    pub end: u32,
    /// What is known of it, e.g. "14 May (year not known)".
    pub note: String,
}

impl Document {
    /// The mark of this article's date: "printed", "text", "collection", "likely" or "unknown"
    /// (the page's `data-basis`, and the words of [`Document::short_date`]).
    pub fn date_mark(&self) -> &'static str {
        if self.date.is_some() && self.date_likely {
            return "likely";
        }
        match (self.date_basis, self.date) {
            (DateBasis::Given | DateBasis::Printed, _) => "printed",
            (_, None) => "unknown",
            (DateBasis::Text, _) => "text",
            (DateBasis::Collection, _) => "collection",
            (DateBasis::Unknown, _) => "unknown",
        }
    }

    /// A short form of its date for lists: "14–18 May 2016 · from its text", "May 2016 · likely",
    /// "undated".
    pub fn short_date(&self) -> String {
        match self.date {
            Some(d) => match self.date_mark() {
                "printed" => d.label(),
                "text" => format!("{} · from its text", d.label()),
                "collection" => format!("{} · from other articles", d.label()),
                _ => format!("{} · likely", d.label()),
            },
            None => "undated".to_string(),
        }
    }

    /// Why this document's relative dates stay off the timeline, for the reader and the export.
    pub fn unresolved_reason(&self) -> String {
        match self.date {
            None => format!(
                "Not on the timeline: relative to the article's date, which the text does not give ({})",
                self.date_reason
            ),
            Some(d) => format!(
                "Not on the timeline: needs a more precise article date than {} ({})",
                d.label(),
                self.date_reason
            ),
        }
    }
}

/// Where an article's date comes from, from the firmest to none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// Front matter (or a date a reader set).
    Given,
    /// A date line printed in the article.
    Printed,
    /// Inferred from the article's own words.
    Text,
    /// Inferred with the help of other articles that report the same happenings.
    Collection,
    Unknown,
}

impl DateBasis {
    pub fn label(self) -> &'static str {
        match self {
            DateBasis::Given => "given",
            DateBasis::Printed => "printed",
            DateBasis::Text => "text",
            DateBasis::Collection => "collection",
            DateBasis::Unknown => "unknown",
        }
    }
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

/// One input file: its stem and its text (already decoded; invalid UTF-8 replaced by the caller).
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    pub id: &'a str,
    pub text: &'a str,
}
