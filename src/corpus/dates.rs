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
mod infer;
mod interval;
mod reference;
mod resolve;
mod scan;
mod tense;

pub use infer::written;

use super::time::{DateValue, Precision, MONTH_NAMES};
use super::types::{DateBasis, Document, Event, Unresolved};
use infer::{solve, ArticleDate, MAX_WIDTH};
use resolve::{resolve, Context, Reference};
use scan::{scan_document, Expr, Found, YearSpec};

/// One article's date expressions, found but not yet resolved (that needs the article's date,
/// and so the collection): the per-article part of the date stage, which needs only the
/// article's sentences, so `Corpus::build_parallel` finds them with the cleaning, on every core.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scanned(Vec<Found>);

/// The date expressions of one built article ([`Scanned`]).
pub(crate) fn scan(document: &Document) -> Scanned {
    Scanned(scan_document(document))
}

/// Finds the date expressions of every document, dates each document (front matter, else an
/// interval from its own text and the collection, see `infer`), and returns the events (in
/// document and reading order; the caller sorts them and fills in `entities`).
pub fn extract(documents: &mut [Document]) -> Vec<Event> {
    let scanned: Vec<Scanned> = documents.iter().map(scan).collect();
    extract_scanned(documents, scanned)
}

/// [`extract`] with each document's expressions already found ([`scan`], one per document, in
/// order).
pub(crate) fn extract_scanned(documents: &mut [Document], scanned: Vec<Scanned>) -> Vec<Event> {
    let found: Vec<Vec<Found>> = scanned.into_iter().map(|s| s.0).collect();
    let dates = solve(documents, &found);
    let mut events = Vec::new();
    for (k, ((doc, found), date)) in documents.iter_mut().zip(&found).zip(&dates).enumerate() {
        doc.date = date.reference.value;
        doc.date_inferred = date.basis != DateBasis::Given && doc.date.is_some();
        doc.date_reason = date.summary.clone();
        doc.date_basis = date.basis;
        doc.date_likely = date.likely;
        (doc.date_earliest, doc.date_latest) = date.bounds;
        doc.date_evidence = date.evidence.clone();
        doc.date_from = date.from.clone();
        let stamps = reference::stamp_lines(doc, found);
        let quiet: Vec<bool> = found.iter().map(|f| stamps.contains(&f.sentence) || a_games_period(doc, f)).collect();
        doc.unresolved = resolve_document(k as u32, found, &quiet, date, &mut events);
    }
    events
}

/// Appends the events of one document: each expression read at the first and at the last day
/// the article may have been written (in reading order, since "the same year" means the year
/// mentioned last), the hull of the two being its value. Returns the expressions it could not
/// place, with what is known of them. An expression marked in `quiet` (one per expression: a
/// time stamp, see [`reference::stamp_lines`], or a game's period, see [`a_games_period`])
/// gives no event, though its year still counts as the one mentioned last.
fn resolve_document(
    doc: u32,
    found: &[Found],
    quiet: &[bool],
    date: &ArticleDate,
    events: &mut Vec<Event>,
) -> Vec<Unresolved> {
    let ends = date.reference.value.map(|v| (Reference::on(v.start), Reference::on(v.end)));
    let none = Reference::none();
    let (first, last) = ends.as_ref().map_or((&none, &none), |(a, b)| (a, b));
    let mut at_first = Context { reference: first, last_year: None };
    let mut at_last = Context { reference: last, last_year: None };
    let mut unresolved = Vec::new();
    for (f, &quiet) in found.iter().zip(quiet) {
        let (Some(a), Some(b)) = (resolve(f, &at_first), resolve(f, &at_last)) else {
            if !quiet {
                unresolved.push(unresolved_at(f, date));
            }
            continue;
        };
        let used = a.used_reference || b.used_reference;
        let value = if a.value == b.value {
            a.value
        } else {
            DateValue {
                start: a.value.start.min(b.value.start),
                end: a.value.end.max(b.value.end),
                precision: Precision::Range,
            }
        };
        // A written day or month without its year is one of a few days, not a span: "30 April"
        // over an article date that may fall on either side of a 30 April is 2016 *or* 2017,
        // which stays off the timeline. A count from the article's date ("yesterday") moves
        // with it, so it is the span between.
        let calendar =
            matches!(f.expr, Expr::Day { .. } | Expr::DayRange { .. } | Expr::Month { .. } | Expr::Season { .. });
        if a.value != b.value && (calendar || value.width() > MAX_WIDTH) {
            if !quiet {
                unresolved.push(unresolved_at(f, date));
            }
            continue;
        }
        for (cx, r) in [(&mut at_first, &a), (&mut at_last, &b)] {
            if r.value.start.year == r.value.end.year {
                cx.last_year = Some((r.value.start.year, used && date.reference.inferred));
            }
        }
        if quiet {
            continue;
        }
        let resolution = match (used, &date.reference.value) {
            (false, _) => a.how.clone(),
            (true, Some(v)) if v.start == v.end => format!("{} (the article's date, {})", a.how, date.summary),
            (true, Some(v)) => format!(
                "{} if written on {}, {} if written on {}: the article was {}",
                a.value.label(),
                v.start.iso(),
                b.value.label(),
                v.end.iso(),
                date.summary
            ),
            (true, None) => a.how.clone(),
        };
        events.push(Event {
            date: value,
            doc,
            sentence: f.sentence,
            start: f.start as u32,
            end: f.end as u32,
            expression: f.text.clone(),
            resolution,
            inferred: used && date.reference.inferred,
            entities: Vec::new(),
        });
    }
    unresolved
}

/// "The second half", "the fourth quarter" with no year: a year's half or quarter in business
/// news ("third-quarter profit fell"), a game's in sports ("scored in the second quarter",
/// "trailing at the half"). Only the first is a date, and business news says what it counts:
/// without a word of money or the economy in its sentence such a period is no event. On ECB+
/// web news 81 of the 88 such events were a game's; of the TimeML set's 40 (business news) one
/// stands in a sentence without such a word ("break even in the fourth quarter").
fn a_games_period(doc: &Document, f: &Found) -> bool {
    const MONEY: &[&str] = &[
        "profit", "profits", "earnings", "sales", "revenue", "revenues", "income", "loss", "losses", "net", "results",
        "growth", "gdp", "economy", "economic", "output", "production", "shipments", "orders", "fiscal", "quarterly",
        "percent", "billion", "million", "dividend", "dividends", "shares", "stock", "stocks", "prices", "inflation",
        "unemployment", "demand", "spending", "company", "operating", "margin", "margins", "forecast",
    ];
    let bare = match f.expr {
        Expr::Quarter { y, .. } | Expr::Half { y, .. } => matches!(y, YearSpec::Unknown),
        _ => false,
    };
    if !bare {
        return false;
    }
    let Some(sentence) = doc.sentences.get(f.sentence as usize) else { return false };
    let money = sentence.text.contains(['$', '€', '£', '%'])
        || super::text::words(&sentence.text, &['-']).any(|w| MONEY.contains(&w.text.to_lowercase().as_str()));
    !money
}

/// An expression left off the timeline, with what is known of it: a year-less "May 14th" is
/// still 14 May of some year.
fn unresolved_at(f: &Found, date: &ArticleDate) -> Unresolved {
    let month = |m: u8| MONTH_NAMES.get(usize::from(m).wrapping_sub(1)).copied().unwrap_or("?");
    let yearless = |y: YearSpec| !matches!(y, YearSpec::Explicit(_));
    let note = match f.expr {
        Expr::Day { m, d, y } if yearless(y) => format!("{d} {} (year not known)", month(m)),
        Expr::DayRange { m1, d1, m2, d2, y } if yearless(y) && m1 == m2 => {
            format!("{d1}–{d2} {} (year not known)", month(m1))
        }
        Expr::Month { m, y, .. } if yearless(y) => format!("{} (year not known)", month(m)),
        _ if date.reference.value.is_some() => format!("{} (needs a narrower article date)", f.text),
        _ => format!("{} (the article's date is not known)", f.text),
    };
    Unresolved { sentence: f.sentence, start: f.start as u32, end: f.end as u32, note }
}

#[cfg(test)]
mod fixtures {
    use super::extract;
    use crate::corpus::time::{DateValue, Day, Precision};
    use crate::corpus::types::{DateBasis, Document, Event, Paragraph, Sentence};

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
            date_basis: if date.is_some() { DateBasis::Given } else { DateBasis::Unknown },
            date_likely: false,
            date_earliest: None,
            date_latest: None,
            date_evidence: Vec::new(),
            date_from: Vec::new(),
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
