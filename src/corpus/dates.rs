//! Date expressions → events: a small, hand-written HeidelTime-style scanner.
//!
//! Each non-boilerplate sentence is tokenised (words, numbers, punctuation with byte spans) and
//! scanned left to right for date expressions ("May 14th", "13 last month", "last Wednesday",
//! "from May 18 to 20", "Spring 2016", ...). Every expression is first parsed into an unresolved
//! [`scan::Expr`], then normalised to a `DateValue` against the document's reference date.
//!
//! The reference date is the front-matter date when there is one. Otherwise it is inferred only
//! from what the text proves (a date line; past and future dates that bound it on both sides; a
//! passage copied from an article with a known day), and states the precision it has: a wrong
//! article date would shift every relative date in it, so when the text cannot tell, the article
//! is undated and only its absolute dates become events (see `reference`). A year-less month or
//! day takes the reference year, moved by the tense of its clause (`tense`).
//!
//! Total and deterministic: any text yields events (maybe none), never a panic; no hash maps.
//!
//! Code map: [`scan`] (tokens, the expression grammar, [`scan::Found`]), [`tense`] (past or
//! future, from the words around an expression), [`resolve`] (an
//! expression against a reference date), [`reference`] (each article's reference date: front
//! matter or inferred); this file runs them over the corpus.
mod reference;
mod resolve;
mod scan;
mod tense;

use super::types::{Document, Event, Unresolved};
use reference::infer_references;
use resolve::{resolve, Context, Reference};
use scan::{scan_document, Found};

/// Finds the date expressions of every document, sets the inferred reference date of documents
/// without a front-matter date, and returns the events (in document and reading order; the caller
/// sorts them and fills in `entities`).
pub fn extract(documents: &mut [Document]) -> Vec<Event> {
    let found: Vec<Vec<Found>> = documents.iter().map(scan_document).collect();
    let references = infer_references(documents, &found);
    let mut events = Vec::new();
    for (k, ((doc, found), reference)) in documents.iter_mut().zip(&found).zip(&references).enumerate() {
        // A front-matter date stays; any other (even one inferred before) is replaced.
        if doc.date.is_none() || doc.date_inferred {
            doc.date = reference.value;
            doc.date_inferred = reference.value.is_some();
            doc.date_reason = reference.note.clone();
        }
        doc.unresolved = resolve_document(k as u32, found, reference, &mut events);
    }
    events
}

/// Appends the events of one document: its expressions resolved in reading order, since "the
/// same year" means the year mentioned last. Returns the expressions it could not place.
fn resolve_document(doc: u32, found: &[Found], reference: &Reference, events: &mut Vec<Event>) -> Vec<Unresolved> {
    let mut cx = Context { reference, last_year: None };
    let mut unresolved = Vec::new();
    for f in found {
        let Some(r) = resolve(f, &cx) else {
            unresolved.push(Unresolved { sentence: f.sentence, start: f.start as u32, end: f.end as u32 });
            continue;
        };
        let inferred = r.used_reference && reference.inferred;
        if r.value.start.year == r.value.end.year {
            cx.last_year = Some((r.value.start.year, inferred));
        }
        let resolution = if r.used_reference { format!("{} ({})", r.how, reference.label()) } else { r.how };
        events.push(Event {
            date: r.value,
            doc,
            sentence: f.sentence,
            start: f.start as u32,
            end: f.end as u32,
            expression: f.text.clone(),
            resolution,
            inferred,
            entities: Vec::new(),
        });
    }
    unresolved
}

#[cfg(test)]
mod fixtures {
    use super::extract;
    use crate::corpus::time::{DateValue, Day, Precision};
    use crate::corpus::types::{Document, Event, Paragraph, Sentence};

    pub(super) fn day(y: i32, m: u8, d: u8) -> Day {
        Day::new(y, m, d).unwrap()
    }

    pub(super) fn span(a: Day, b: Day, precision: Precision) -> DateValue {
        DateValue { start: a, end: b, precision }
    }

    pub(super) fn doc(id: &str, date: Option<DateValue>, sentences: &[&str]) -> Document {
        Document {
            id: id.to_string(),
            title: id.to_string(),
            date,
            date_inferred: false,
            date_reason: if date.is_some() { "front matter".to_string() } else { String::new() },
            source: None,
            url: None,
            paragraphs: vec![Paragraph { first: 0, end: sentences.len() as u32, boilerplate: false }],
            sentences: sentences
                .iter()
                .map(|t| Sentence { text: t.to_string(), paragraph: 0, boilerplate: false, mentions: Vec::new() })
                .collect(),
            title_mentions: Vec::new(),
            unresolved: Vec::new(),
        }
    }

    /// Events of one sentence against a front-matter reference of 2016-05-14 (a Saturday).
    pub(super) fn events(text: &str) -> Vec<Event> {
        let mut docs = vec![doc("d", Some(DateValue::day(day(2016, 5, 14))), &[text])];
        extract(&mut docs)
    }

    pub(super) fn one(text: &str) -> (String, DateValue) {
        let ev = events(text);
        assert_eq!(ev.len(), 1, "{text}: {ev:#?}");
        (ev[0].expression.clone(), ev[0].date)
    }

    pub(super) fn none(text: &str) {
        let ev = events(text);
        assert!(ev.is_empty(), "{text}: {ev:#?}");
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{day, doc, events};
    use super::*;
    use crate::corpus::time::DateValue;

    proptest::proptest! {
        #[test]
        fn total_on_date_soup(words in proptest::collection::vec(proptest::sample::select(vec![
            "May", "may", "13", "13th", "31", "2016", "1899", "9999", "-", ",", "last", "this", "next",
            "month", "year", "week", "weekend", "Wednesday", "on", "from", "to", "the", "day", "before",
            "yesterday", "ago", "two", "days", "Spring", "of", "same", "end", "mid", "early", "February",
            "30", "29", "é", "語", "%", "2,000", "in", "April", "will",
        ]), 0..24), glue in proptest::collection::vec(proptest::bool::ANY, 24)) {
            let mut text = String::new();
            for (k, w) in words.iter().enumerate() {
                if k > 0 && glue[k] { text.push(' '); }
                text.push_str(w);
            }
            let mut docs = vec![
                doc("a", None, &[text.as_str()]),
                doc("b", Some(DateValue::day(day(2016, 2, 29))), &[text.as_str()]),
            ];
            for e in extract(&mut docs) {
                let s = &docs[e.doc as usize].sentences[e.sentence as usize].text;
                proptest::prop_assert_eq!(s.get(e.start as usize..e.end as usize), Some(e.expression.as_str()));
                proptest::prop_assert!(e.date.start <= e.date.end);
            }
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            "May",
            "May 3",
            "13 last",
            "from May 18 to",
            "the day before",
            "mid-",
            "Ωμέγα 13th 語 May 1st 😀 2016-05-",
            "9999-12-31 and December 31, 9999 next year",
            "1900-01-01 last year ago ago",
            "999999999999999999999 days ago",
            "Spring 2100 next spring last winter",
        ] {
            let _ = events(text);
            let mut docs = vec![doc("x", None, &[text]), doc("y", None, &[text, text])];
            let _ = extract(&mut docs);
        }
    }
}
