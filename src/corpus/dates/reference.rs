//! Article-date inference: the reference date of each document, from front matter or, failing
//! that, from its text (full dates, passages shared with a dated document, past and future
//! mentions, the year), with the reason kept as text.
use std::collections::{BTreeMap, BTreeSet};

use crate::corpus::text;
use crate::corpus::time::{DateValue, Day, Precision};
use crate::corpus::types::Document;

use super::resolve::{range, resolve, Context, Reference};
use super::scan::{Expr, Found, YearSpec};

/// Explicit years a document states inside a date ("May 14, 2016", "Spring 2016", "May 2016").
fn dated_years(found: &[Found]) -> Vec<(i32, String)> {
    found
        .iter()
        .filter_map(|f| match f.expr {
            Expr::Day { y: YearSpec::Explicit(y), .. }
            | Expr::DayRange { y: YearSpec::Explicit(y), .. }
            | Expr::Month { y: YearSpec::Explicit(y), .. }
            | Expr::Season { y: YearSpec::Explicit(y), .. } => {
                Some((y, f.year_from.clone().unwrap_or_else(|| f.text.clone())))
            }
            _ => None,
        })
        .collect()
}

/// The dated years one document contributes to the corpus vote (front-matter years count too).
fn years_of(found: &[Found], doc: Option<&Document>) -> Vec<i32> {
    let mut years: Vec<i32> = dated_years(found).into_iter().map(|(y, _)| y).collect();
    if let Some(d) = doc.and_then(|d| d.date.filter(|_| !d.date_inferred)) {
        years.push(d.start.year);
    }
    years
}

/// The most common dated year of the other documents; ties go to the later year. `totals` is the
/// vote over all documents, so each call only takes away the document's own years (linear, not
/// quadratic, in the corpus size).
fn corpus_year(totals: &BTreeMap<i32, u32>, own: &[i32]) -> Option<i32> {
    let mut best: Option<(u32, i32)> = None;
    for (&y, &n) in totals {
        let n = n - own.iter().filter(|&&o| o == y).count() as u32;
        if n > 0 && best.is_none_or(|b| (n, y) > b) {
            best = Some((n, y));
        }
    }
    best.map(|(_, y)| y)
}

/// The year a document's year-less dates belong to, and where it came from.
fn document_year(found: &[Found], corpus: Option<i32>) -> Option<(i32, String)> {
    if let Some((y, from)) = dated_years(found).into_iter().max_by_key(|(y, _)| *y) {
        return Some((y, format!("year {y} from '{from}'")));
    }
    let bare_max = found
        .iter()
        .filter_map(|f| match f.expr {
            Expr::Year { y: YearSpec::Explicit(y), .. } => Some(y),
            _ => None,
        })
        .max();
    let c = corpus?;
    (bare_max.is_none_or(|b| b <= c)).then(|| (c, format!("year {c} from the rest of the corpus")))
}

/// Passages shared by more documents than this are not evidence of a copy.
const MAX_SHARERS: usize = 8;

/// FNV-1a hashes of the word 8-grams, sorted and deduplicated (deterministic, no `HashMap`).
fn shingle_hashes(doc: &Document) -> Vec<u64> {
    let mut out: Vec<u64> = shingles(doc).iter().map(|s| text::fnv1a(s.as_bytes())).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Lowercased word 8-grams of a document's non-boilerplate sentences.
fn shingles(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for s in doc.sentences.iter().filter(|s| !s.boilerplate) {
        // `str::to_lowercase`, not `text::fold`: a shingle is quoted as evidence in a date
        // reason, and folding accents would also change which passages count as shared.
        let words: Vec<String> = text::words(&s.text, &[]).map(|w| w.text.to_lowercase()).collect();
        for w in words.windows(8) {
            out.push(w.join(" "));
        }
    }
    out
}

fn quote(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// Tier 1: the latest past-tense full date of the text (a day, never "... last year").
fn latest_full_date(found: &[Found], year: Option<&(i32, String)>) -> Option<(Day, String, Option<String>)> {
    let mut best: Option<(Day, &Found, bool)> = None;
    for f in found.iter().filter(|f| !f.future) {
        let Expr::Day { m, d, y } = f.expr else {
            continue;
        };
        let (yy, needs_doc_year) = match y {
            YearSpec::Explicit(y) => (y, false),
            YearSpec::Rel(0) | YearSpec::Unknown => match year {
                Some((y, _)) => (*y, true),
                None => continue,
            },
            _ => continue,
        };
        let Some(day) = Day::new(yy, m, d) else {
            continue;
        };
        if best.is_none_or(|(b, _, _)| day > b) {
            best = Some((day, f, needs_doc_year));
        }
    }
    let (day, f, needs_year) = best?;
    Some((day, f.text.clone(), needs_year.then(|| year.map(|(_, w)| w.clone())).flatten()))
}

/// The reference date of every document, in order of preference: its front-matter date; the
/// latest past full date of its text (tier 1); the date of a document it shares passages with
/// (tier 2); bounds from its past and future mentions, or its year alone (tier 3); else none,
/// with the reason as the note.
pub(super) fn infer_references(documents: &[Document], all: &[Vec<Found>]) -> Vec<Reference> {
    let years = document_years(documents, all);
    // Front matter and tier 1 for every document first: tier 2 lends only those dates, never
    // another document's tier 2 guess.
    let dated: Vec<Option<Reference>> = documents
        .iter()
        .zip(all)
        .zip(&years)
        .map(|((doc, found), year)| front_matter(doc).or_else(|| from_latest_full_date(found, year.as_ref())))
        .collect();
    let passages = SharedPassages::of_dated(documents, &dated);
    (0..documents.len())
        .map(|k| {
            dated[k]
                .clone()
                .or_else(|| from_shared_passages(documents, k, &dated, &passages))
                .unwrap_or_else(|| from_mentions(&all[k], years[k].as_ref()))
        })
        .collect()
}

/// Each document's year for its year-less dates, and where it came from: the year its own dates
/// state, else the one most dated documents of the rest of the corpus state.
fn document_years(documents: &[Document], all: &[Vec<Found>]) -> Vec<Option<(i32, String)>> {
    let own_years: Vec<Vec<i32>> = (0..documents.len()).map(|k| years_of(&all[k], documents.get(k))).collect();
    let mut totals: BTreeMap<i32, u32> = BTreeMap::new();
    for y in own_years.iter().flatten() {
        *totals.entry(*y).or_default() += 1;
    }
    all.iter().zip(&own_years).map(|(found, own)| document_year(found, corpus_year(&totals, own))).collect()
}

/// The front-matter date, as given.
fn front_matter(doc: &Document) -> Option<Reference> {
    let v = doc.date.filter(|_| !doc.date_inferred)?;
    Some(Reference { value: Some(v), inferred: false, note: format!("reference {}", v.iso()) })
}

/// Tier 1: the latest past full date of the text. When the text also says "yesterday" ("the day
/// before yesterday") of something, that is a later event, so the article ran at least two
/// (three) days after that date.
fn from_latest_full_date(found: &[Found], year: Option<&(i32, String)>) -> Option<Reference> {
    let (mut day, expr, year_why) = latest_full_date(found, year)?;
    let yesterday = found.iter().find(|f| matches!(f.expr, Expr::RelDay(-1 | -2)) && !f.future);
    let mut why = format!("from '{expr}' (latest full date in the text)");
    if let Some(y) = yesterday {
        let shift = if matches!(y.expr, Expr::RelDay(-2)) { 3 } else { 2 };
        day = day.add_days(shift);
        why = format!(
            "{shift} days after '{expr}' (latest full date in the text; it also says '{}' of a later event)",
            y.text
        );
    }
    if let Some(y) = year_why {
        why = format!("{why}, {y}");
    }
    Some(Reference { value: Some(DateValue::day(day)), inferred: true, note: format!("inferred {why}") })
}

/// Tier 2's table: the hashed shingles of the documents with a day-precise reference, sorted, so
/// an undated document costs one lookup per shingle instead of a comparison with every other
/// document.
struct SharedPassages {
    /// (shingle hash, document), sorted.
    postings: Vec<(u64, u32)>,
}

impl SharedPassages {
    fn of_dated(documents: &[Document], dated: &[Option<Reference>]) -> SharedPassages {
        let mut postings: Vec<(u64, u32)> = Vec::new();
        for (j, r) in dated.iter().enumerate() {
            if r.as_ref().and_then(|r| r.day()).is_some() {
                postings.extend(shingle_hashes(&documents[j]).into_iter().map(|h| (h, j as u32)));
            }
        }
        postings.sort_unstable();
        SharedPassages { postings }
    }

    /// The dated document that shares the most passages (at least three) with document `k`; on a
    /// tie, the first.
    fn best_match(&self, documents: &[Document], k: usize) -> Option<usize> {
        let mut shared_with: BTreeMap<u32, usize> = BTreeMap::new();
        for h in shingle_hashes(&documents[k]) {
            let from = self.postings.partition_point(|&(p, _)| p < h);
            let to = self.postings.partition_point(|&(p, _)| p <= h);
            // A passage many documents share (a stock phrase, a wire paragraph) says nothing
            // about which one this copies.
            if to - from > MAX_SHARERS {
                continue;
            }
            for &(_, j) in &self.postings[from..to] {
                if j as usize != k {
                    *shared_with.entry(j).or_default() += 1;
                }
            }
        }
        let mut best: Option<(usize, usize)> = None; // (shared, doc)
        for (&j, &shared) in &shared_with {
            if shared >= 3 && best.is_none_or(|(s, _)| shared > s) {
                best = Some((shared, j as usize));
            }
        }
        best.map(|(_, j)| j)
    }
}

/// Tier 2: a document sharing passages with a dated one ran that day or later (copies follow the
/// original), taken to be within the same month: month-relative expressions resolve, day- and
/// week-relative ones ("last week") do not.
fn from_shared_passages(
    documents: &[Document],
    k: usize,
    dated: &[Option<Reference>],
    passages: &SharedPassages,
) -> Option<Reference> {
    let j = passages.best_match(documents, k)?;
    let v = dated[j].as_ref().and_then(|r| r.day()).and_then(|d| range(d, Day::last_of_month(d.year, d.month)));
    let theirs: BTreeSet<String> = shingles(&documents[j]).into_iter().collect();
    let example = shingles(&documents[k]).into_iter().find(|s| theirs.contains(s)).unwrap_or_default();
    let day = v.map(|v| v.start.iso()).unwrap_or_default();
    Some(Reference {
        value: v,
        inferred: true,
        note: format!(
            "inferred: no full date in the text, but it shares passages with {} (e.g. “{}”), dated {day}, so it ran that day or later in the same month",
            documents[j].id,
            quote(&example, 60)
        ),
    })
}

/// Tier 3, for a document with no day to go by: the span from its latest past mention to the day
/// before its earliest future one, or its year alone when the text states it (a year borrowed
/// from the rest of the corpus is too weak on its own); else no reference.
fn from_mentions(found: &[Found], year: Option<&(i32, String)>) -> Reference {
    let no_date = |note: String| Reference { value: None, inferred: false, note };
    let Some((year, year_why)) = year else {
        return no_date(if found.is_empty() {
            "no date: the text has no date expression".to_string()
        } else {
            "no date: no full date in the text, and nothing fixes the year".to_string()
        });
    };
    let (value, why) = match mention_bounds(found, *year) {
        (Some((l, lf)), Some((u, uf))) => {
            (range(l, u), format!("no full date in the text; after '{}' and before '{}' (future)", lf.text, uf.text))
        }
        (Some((l, lf)), None) => (
            Day::new(l.year, 12, 31).and_then(|e| range(l, e)),
            format!("no full date in the text; after '{}'", lf.text),
        ),
        (None, Some((u, uf))) => (
            Day::new(u.year, 1, 1).and_then(|s| range(s, u)),
            format!("no full date in the text; before '{}' (future)", uf.text),
        ),
        (None, None) if !year_why.contains("corpus") => (DateValue::year(*year), "only the year is known".to_string()),
        (None, None) => {
            let what =
                if found.is_empty() { "no date expression" } else { "no date expression that fixes a day or a year" };
            return no_date(format!("no date: the text has {what}"));
        }
    };
    Reference { value, inferred: true, note: format!("inferred: {why}; {year_why}") }
}

/// A bound of a reference span, and the mention that set it.
type Bound<'a> = Option<(Day, &'a Found)>;

/// The start of the latest past mention and the day before the earliest future mention that is a
/// day or a range, each resolved against `year` alone. A future bound that is not after the past
/// one is dropped.
fn mention_bounds(found: &[Found], year: i32) -> (Bound<'_>, Bound<'_>) {
    let year_ref = Reference { value: DateValue::year(year), inferred: true, note: String::new() };
    let cx = Context { reference: &year_ref, last_year: None };
    let mut lower: Bound = None;
    let mut upper: Bound = None;
    for f in found {
        let Some(r) = resolve(f, &cx) else { continue };
        if f.future {
            if matches!(r.value.precision, Precision::Day | Precision::Range)
                && upper.is_none_or(|(d, _)| r.value.start < d)
            {
                upper = Some((r.value.start, f));
            }
        } else if lower.is_none_or(|(d, _)| r.value.start > d) {
            lower = Some((r.value.start, f));
        }
    }
    let upper = upper.map(|(d, f)| (d.add_days(-1), f)).filter(|(d, _)| lower.is_none_or(|(l, _)| *d >= l));
    (lower, upper)
}

#[cfg(test)]
mod tests {
    use crate::corpus::dates::extract;
    use crate::corpus::dates::fixtures::{day, doc, span};
    use crate::corpus::time::{DateValue, Precision};

    #[test]
    fn front_matter_reference_is_kept() {
        let front = DateValue::day(day(2016, 5, 20));
        let mut docs = vec![doc("a", Some(front), &["It joined on May 14th.", "It quit yesterday."])];
        let ev = extract(&mut docs);
        assert_eq!(docs[0].date, Some(front));
        assert!(!docs[0].date_inferred);
        assert_eq!(docs[0].date_reason, "front matter");
        assert_eq!(ev[0].date, DateValue::day(day(2016, 5, 14)));
        assert_eq!(ev[1].date, DateValue::day(day(2016, 5, 19)));
        assert!(ev.iter().all(|e| !e.inferred));
    }

    #[test]
    fn reference_is_inferred_from_the_latest_full_date() {
        let mut docs = vec![doc(
            "b",
            None,
            &["On April 13, 2016, it joined.", "May 14th IFTC announced the suspension.", "It will speak on May 18."],
        )];
        let ev = extract(&mut docs);
        assert_eq!(docs[0].date, Some(DateValue::day(day(2016, 5, 14))));
        assert!(docs[0].date_inferred);
        assert!(docs[0].date_reason.contains("'May 14th'"), "{}", docs[0].date_reason);
        assert!(docs[0].date_reason.contains("'April 13, 2016'"), "{}", docs[0].date_reason);
        let may14 = ev.iter().find(|e| e.expression == "May 14th").unwrap();
        assert!(may14.inferred);
        let april = ev.iter().find(|e| e.expression == "April 13, 2016").unwrap();
        assert!(!april.inferred);
    }

    #[test]
    fn yesterday_moves_the_reference_past_the_latest_date() {
        let mut docs = vec![doc(
            "c",
            None,
            &["On May 11th, 2016 Vanto quit.", "The alliance announced yesterday the suspension."],
        )];
        let ev = extract(&mut docs);
        assert_eq!(docs[0].date, Some(DateValue::day(day(2016, 5, 13))));
        let y = ev.iter().find(|e| e.expression == "yesterday").unwrap();
        assert_eq!(y.date, DateValue::day(day(2016, 5, 12)));
        assert!(y.inferred);
    }

    #[test]
    fn year_is_borrowed_from_the_corpus() {
        let mut docs = vec![
            doc("dated", None, &["The Spring 2016 Conference opened."]),
            doc("yearless", None, &["13 last month, it joined.", "May 14th IFTC announced it."]),
        ];
        let ev = extract(&mut docs);
        assert_eq!(docs[1].date, Some(DateValue::day(day(2016, 5, 14))));
        assert!(docs[1].date_reason.contains("from the rest of the corpus"), "{}", docs[1].date_reason);
        let e = ev.iter().find(|e| e.expression == "13 last month").unwrap();
        assert_eq!(e.date, DateValue::day(day(2016, 4, 13)));
        assert!(e.inferred);
        assert!(e.resolution.contains("2016-05-14"), "{}", e.resolution);
        // Without any year in the corpus, year-less dates are skipped.
        let mut alone = vec![doc("alone", None, &["May 14th IFTC announced it.", "It left last Wednesday."])];
        assert!(extract(&mut alone).is_empty());
        assert_eq!(alone[0].date, None);
    }

    #[test]
    fn shared_passages_lend_a_reference() {
        let shared = "Zentaro announced a high profile international fair deal alliance membership today";
        let mut docs = vec![
            doc("dated", None, &["May 14th, 2016 the alliance spoke.", shared]),
            doc("copy", None, &[shared, "It quit 13 last month.", "It spoke last week."]),
        ];
        let ev = extract(&mut docs);
        let may = span(day(2016, 5, 14), day(2016, 5, 31), Precision::Range);
        assert_eq!(docs[1].date, Some(may), "a copy runs that day or later");
        assert!(
            ev.iter().all(|e| e.doc == 0 || !e.date.precision.eq(&Precision::Range)),
            "no 'last week' without a day"
        );
        assert!(ev.iter().all(|e| e.doc == 0 || e.expression != "today"));
        assert!(docs[1].date_reason.contains("dated"), "{}", docs[1].date_reason);
        assert!(ev.iter().any(|e| e.doc == 1 && e.date == DateValue::day(day(2016, 4, 13))));
    }

    #[test]
    fn future_mentions_bound_the_reference() {
        let mut docs = vec![doc(
            "e",
            None,
            &[
                "It joined in April this year.",
                "He will attend from May 18 to 20 Spring 2016 Conference.",
                "Vanto left last Wednesday.",
            ],
        )];
        let ev = extract(&mut docs);
        assert_eq!(docs[0].date, Some(span(day(2016, 4, 1), day(2016, 5, 17), Precision::Range)));
        assert!(ev.iter().all(|e| e.expression != "last Wednesday"), "needs a day-precise reference");
        assert_eq!(ev.len(), 2);
    }
}
