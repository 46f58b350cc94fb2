//! Documents: optional front matter, the title, and the body split into cleaned paragraphs and
//! sentences with boilerplate set aside. (Stub: helper A owns this file.)
use super::{Document, Source};

pub fn build(source: &Source<'_>) -> Document {
    Document {
        id: source.id.to_string(),
        title: source.text.lines().find(|l| !l.trim().is_empty()).unwrap_or(source.id).trim().to_string(),
        date: None,
        date_inferred: false,
        date_reason: String::new(),
        source: None,
        url: None,
        paragraphs: Vec::new(),
        sentences: Vec::new(),
    }
}
