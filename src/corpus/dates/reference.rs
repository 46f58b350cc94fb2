//! The dates an article prints (front matter, a date line in the body or the title) and the
//! lower bound a copied passage lends: the evidence `infer` starts from.
//!
//! A date line is a full date with its year heading the text ("June 13, 2005" on a line of its
//! own, "March 3, 2016 — ...", "PARIS, March 3, 2016 (Reuters) -", "Published 14 May 2016"); a
//! date inside the story is not one (an article may look back years). An article that copies
//! passages of one with a printed day ran that day or later.
use std::collections::{BTreeMap, BTreeSet};

use crate::corpus::text;
use crate::corpus::time::{DateValue, Day, Precision};
use crate::corpus::types::{DateBasis, Document};

use super::scan::{scan_sentence, weekday_of, Expr, Found, YearSpec};

/// Passages shared by more documents than this are not evidence of a copy.
const MAX_SHARERS: usize = 8;

/// A date the article prints: front matter, or a date line.
#[derive(Clone, Debug)]
pub(super) struct Known {
    pub(super) value: DateValue,
    pub(super) basis: DateBasis,
    pub(super) note: String,
}

/// FNV-1a hashes of the word 8-grams, sorted and deduplicated (deterministic, no `HashMap`).
fn shingle_hashes(doc: &Document) -> Vec<u64> {
    // The hash of each shingle's text, without writing the text out (one string per word of
    // the corpus was most of this stage's time in the page).
    let mut out: Vec<u64> = Vec::new();
    each_sentence_words(doc, |words| out.extend(words.windows(8).map(|w| text::fnv1a_joined(w, " "))));
    out.sort_unstable();
    out.dedup();
    out
}

/// Lowercased word 8-grams of a document's non-boilerplate sentences.
fn shingles(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    each_sentence_words(doc, |words| out.extend(words.windows(8).map(|w| w.join(" "))));
    out
}

/// Calls `f` with the lowercased words of each non-boilerplate sentence, lower-cased into one
/// buffer per sentence (not a string per word).
fn each_sentence_words(doc: &Document, mut f: impl FnMut(&[&str])) {
    // `str::to_lowercase`, not `text::fold`: a shingle is quoted as evidence in a date reason,
    // and folding accents would also change which passages count as shared.
    let mut lower = String::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for s in doc.sentences.iter().filter(|s| !s.boilerplate) {
        lower.clear();
        spans.clear();
        for w in text::words(&s.text, &[]) {
            let start = lower.len();
            if w.text.is_ascii() {
                lower.extend(w.text.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                // `str::to_lowercase` knows a word-final sigma; `char`'s does not.
                lower.push_str(&w.text.to_lowercase());
            }
            spans.push((start, lower.len()));
        }
        let words: Vec<&str> = spans.iter().map(|&(a, b)| &lower[a..b]).collect();
        f(&words);
    }
}

fn quote(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// The date each document prints, if any: front matter, else a date line in the body or the title.
pub(super) fn printed(documents: &[Document], all: &[Vec<Found>]) -> Vec<Option<Known>> {
    documents
        .iter()
        .zip(all)
        .map(|(doc, found)| {
            front_matter(doc).or_else(|| from_date_line(doc, found)).or_else(|| from_title_date_line(doc))
        })
        .collect()
}

/// For each document without a printed date: a lower bound from the printed-date document it
/// copies passages of, if any (copies follow their source).
pub(super) fn copy_bounds(documents: &[Document], known: &[Option<Known>]) -> Vec<Option<(Day, String)>> {
    let passages = SharedPassages::of_dated(documents, known);
    (0..documents.len())
        .map(|k| {
            if known[k].is_some() {
                return None;
            }
            passages.best_match(documents, k).and_then(|j| copy_bound(documents, k, j, &known[j]))
        })
        .collect()
}

/// The front-matter date, as given.
fn front_matter(doc: &Document) -> Option<Known> {
    let v = doc.date.filter(|_| !doc.date_inferred)?;
    Some(Known { value: v, basis: DateBasis::Given, note: "front matter".to_string() })
}

/// Words that introduce a publication date on the line that carries it.
const DATE_LINE_CUES: &[&str] = &["published", "posted", "updated", "date", "dated", "filed", "on"];

/// Words a time stamp is made of besides its date and time: the cue ("Published", "Last
/// updated on", "Posted at") and the half of the day ("4:59 PM", "12:52 p.m.").
const STAMP_WORDS: &[&str] = &[
    "published", "posted", "updated", "modified", "created", "last", "first", "date", "dated", "filed", "on", "at",
    "am", "pm", "a", "p", "m",
];

/// The sentences of an article that are only a time stamp: a full date with its year and
/// nothing else but a cue, a weekday, a time and its zone ("Published: June 13, 2013 4:59 PM
/// EDT", "UPDATED: FRIDAY, MAY 3, 2013, 9:56 AM", "Thu, 10 Nov 2011 02:45 PM", "05/02/2013").
/// Such a line says when the article (or its update) came out, and `from_date_line` reads the
/// article's date from it; it tells of no happening, so it is no event. Web pages print one or
/// two above the story, and as events they filled the timeline with publication days and
/// grouped articles into "stories" whose lead was "May 3, 2013".
pub(super) fn stamp_lines(doc: &Document, found: &[Found]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for f in found {
        if out.contains(&f.sentence) || !dated_with_year(&f.expr) {
            continue;
        }
        let Some(sentence) = doc.sentences.get(f.sentence as usize) else { continue };
        let mut rest = sentence.text.clone();
        // Blank out every expression of the sentence (spans are byte offsets into it).
        for g in found.iter().filter(|g| g.sentence == f.sentence) {
            if let Some(span) = rest.get(g.start..g.end) {
                let blank = " ".repeat(span.len());
                rest.replace_range(g.start..g.end, &blank);
            }
        }
        if text::words(&rest, &[]).all(|w| stamp_word(w.text)) {
            out.push(f.sentence);
        }
    }
    out
}

/// A date that names its year: what a time stamp prints.
fn dated_with_year(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::Day { y: YearSpec::Explicit(_), .. }
            | Expr::DayRange { y: YearSpec::Explicit(_), .. }
            | Expr::Month { y: YearSpec::Explicit(_), .. }
    )
}

/// A word a time stamp may hold besides its date: a cue, a number or a time ("4", "59", "10PM"),
/// a weekday (or its three-letter form), or a time zone ("EDT", "GMT", "ET": two to four
/// capitals).
fn stamp_word(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    STAMP_WORDS.contains(&lower.as_str())
        || word.chars().all(|c| c.is_ascii_digit())
        || lower
            .strip_suffix("am")
            .or(lower.strip_suffix("pm"))
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        || weekday_of(word).is_some()
        || ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].contains(&lower.as_str())
        || (2..=4).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase())
}

/// A full date with its year that heads the article: alone on its line (with a weekday or a
/// cue word such as "Published"), or opening the first sentence before a dash or a wire
/// agency's parenthesis ("March 3, 2016 — ...", "PARIS, March 3, 2016 (Reuters) -").
fn from_date_line(doc: &Document, found: &[Found]) -> Option<Known> {
    let f = found.iter().find(|f| f.sentence <= 1 && matches!(f.expr, Expr::Day { y: YearSpec::Explicit(_), .. }))?;
    let Expr::Day { m, d, y: YearSpec::Explicit(y) } = f.expr else { return None };
    let sentence = &doc.sentences.get(f.sentence as usize)?.text;
    let before = sentence.get(..f.start)?;
    let after = sentence.get(f.end..)?.trim_start();
    // Before the date only a place ("PARIS,"), a weekday, a cue word ("Published") or a time
    // ("12:52 p.m. EDT June 13, 2013"); after it nothing, a time, or the story after a dash.
    let words_before: Vec<&str> = text::words(before, &[]).map(|w| w.text).filter(|w| !stamp_word(w)).collect();
    let header_words = words_before.iter().all(|w| {
        let lower = w.to_lowercase();
        DATE_LINE_CUES.contains(&lower.as_str()) || w.starts_with(char::is_uppercase)
    });
    let alone = text::words(after, &[]).all(|w| stamp_word(w.text));
    let opens = after.starts_with(['—', '–', '-', '(', ':', '|']);
    if !(words_before.len() <= 4 && header_words && (alone || opens)) {
        return None;
    }
    let day = Day::new(y, m, d)?;
    Some(Known {
        value: DateValue::day(day),
        basis: DateBasis::Printed,
        note: format!("printed in its date line '{}'", quote(sentence.trim(), 60)),
    })
}

/// A date line run into the headline ("Interview with Ana Costa Sunday, May 28, 2006"), or a
/// first line that is only a date: a full date with its year ending the title, after a weekday
/// (a headline may name a future day, "Vote set for March 3, 2017", but not with its weekday in
/// front and nothing after).
fn from_title_date_line(doc: &Document) -> Option<Known> {
    let found = scan_sentence(&doc.title, 0);
    let f = found.last()?;
    let Expr::Day { m, d, y: YearSpec::Explicit(y) } = f.expr else { return None };
    let ends_title = doc.title.get(f.end..)?.chars().all(|c| !c.is_alphanumeric());
    let before = doc.title.get(..f.start)?.trim_end().trim_end_matches(',');
    let weekday = before.split_whitespace().last().is_some_and(|w| weekday_of(w).is_some());
    if !(ends_title && (weekday || before.trim().is_empty())) {
        return None;
    }
    Some(Known {
        value: DateValue::day(Day::new(y, m, d)?),
        basis: DateBasis::Printed,
        note: format!("printed in the date line in its title '{}'", quote(doc.title.trim(), 60)),
    })
}

/// A lower bound from a copied passage: the document ran on or after the day of the article it
/// copies (copies follow their source).
fn copy_bound(documents: &[Document], k: usize, j: usize, source: &Option<Known>) -> Option<(Day, String)> {
    let day = source.as_ref().map(|k| k.value).filter(|v| v.start == v.end)?.start;
    let theirs: BTreeSet<String> = shingles(&documents[j]).into_iter().collect();
    let example = shingles(&documents[k]).into_iter().find(|s| theirs.contains(s)).unwrap_or_default();
    Some((
        day,
        format!("it shares passages with {} (e.g. “{}”), dated {}", documents[j].id, quote(&example, 60), day.iso()),
    ))
}

/// The tightest honest value for a span: a day, a whole month or year when it is exactly that,
/// else a range.
pub(super) fn span(l: Day, u: Day) -> DateValue {
    let whole_month = DateValue::month(l.year, l.month).filter(|m| m.start == l && m.end == u);
    let whole_year = DateValue::year(l.year).filter(|y| y.start == l && y.end == u);
    if l == u {
        DateValue::day(l)
    } else {
        whole_month.or(whole_year).unwrap_or(DateValue { start: l, end: u, precision: Precision::Range })
    }
}

/// The table behind copied passages: the hashed shingles of the documents whose day is known,
/// sorted, so an undated document costs one lookup per shingle instead of a comparison with
/// every other document.
struct SharedPassages {
    /// (shingle hash, document), sorted.
    postings: Vec<(u64, u32)>,
}

impl SharedPassages {
    fn of_dated(documents: &[Document], dated: &[Option<Known>]) -> SharedPassages {
        let mut postings: Vec<(u64, u32)> = Vec::new();
        for (j, r) in dated.iter().enumerate() {
            if r.as_ref().is_some_and(|r| r.value.start == r.value.end) {
                postings.extend(shingle_hashes(&documents[j]).into_iter().map(|h| (h, j as u32)));
            }
        }
        postings.sort_unstable();
        SharedPassages { postings }
    }

    /// The dated document that shares the most passages (at least three) with document `k`; on a
    /// tie, the first.
    fn best_match(&self, documents: &[Document], k: usize) -> Option<usize> {
        if self.postings.is_empty() {
            return None;
        }
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

#[cfg(test)]
mod tests {
    use crate::corpus::dates::extract;
    use crate::corpus::dates::fixtures::{day, doc, span};
    use crate::corpus::time::{DateValue, Precision};
    use crate::corpus::types::DateBasis;

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
    fn a_date_line_dates_the_article() {
        for line in [
            "June 13, 2005",
            "Monday, June 13, 2005",
            "PARIS, June 13, 2005 (Reuters) - Talks resumed.",
            "Published 13 June 2005",
        ] {
            let mut docs = vec![doc("w", None, &[line, "The carrier said yesterday it would buy five jets."])];
            let ev = extract(&mut docs);
            assert_eq!(docs[0].date, Some(DateValue::day(day(2005, 6, 13))), "{line}");
            assert!(docs[0].date_inferred && docs[0].date_reason.contains("date line"), "{}", docs[0].date_reason);
            let y = ev.iter().find(|e| e.expression == "yesterday").unwrap();
            assert_eq!(y.date, DateValue::day(day(2005, 6, 12)));
        }
    }

    #[test]
    fn a_time_stamp_dates_the_article_but_tells_of_no_happening() {
        for (line, printed) in [
            ("Published: June 13, 2013 4:59 PM EDT", day(2013, 6, 13)),
            ("UPDATED: FRIDAY, JUNE 14, 2013, 9:56 AM", day(2013, 6, 14)),
            ("Thu, 13 Jun 2013 08:45 AM PDT", day(2013, 6, 13)),
            ("12:52 p.m. EDT June 13, 2013", day(2013, 6, 13)),
            ("June 13, 2013", day(2013, 6, 13)),
        ] {
            let body = "The actress checked into a clinic yesterday, her lawyer said on June 12, 2013.";
            let updated = "Last updated on Saturday, June 15, 2013 at 10:02 AM";
            let mut docs = vec![doc("w", None, &[line, body, updated])];
            let ev = extract(&mut docs);
            assert_eq!(docs[0].date, Some(DateValue::day(printed)), "{line}");
            assert!(ev.iter().all(|e| e.sentence == 1), "{line}: {ev:?}");
            assert_eq!(ev.iter().filter(|e| e.sentence == 1).count(), 2, "{line}: {ev:?}");
            assert!(docs[0].unresolved.is_empty(), "{line}: {:?}", docs[0].unresolved);
        }
        // A date line that opens the story, or a year-less fragment, is no mere stamp.
        let mut docs = vec![doc("p", None, &["PARIS, June 13, 2005 (Reuters) - Talks resumed.", "On Monday."])];
        let ev = extract(&mut docs);
        assert!(ev.iter().any(|e| e.sentence == 0 && e.date == DateValue::day(day(2005, 6, 13))), "{ev:?}");
        assert!(ev.iter().any(|e| e.sentence == 1), "{ev:?}");
    }

    #[test]
    fn a_date_line_in_the_title_counts_only_with_its_weekday_or_alone() {
        let mut docs = vec![doc("t", None, &["The carrier said yesterday it would buy five jets."])];
        docs[0].title = "Interview with Ana Costa Sunday, May 28, 2006".to_string();
        extract(&mut docs);
        assert_eq!(docs[0].date, Some(DateValue::day(day(2006, 5, 28))));
        docs[0].title = "May 28, 2006".to_string();
        docs[0].date = None;
        extract(&mut docs);
        assert_eq!(docs[0].date, Some(DateValue::day(day(2006, 5, 28))));
        // A headline naming a day is not its own date.
        let mut future = vec![doc("f", None, &["The board met."])];
        future[0].title = "Vote set for March 3, 2017".to_string();
        extract(&mut future);
        assert_eq!(future[0].date, None);
    }

    #[test]
    fn a_date_inside_the_story_is_not_a_date_line() {
        // An article may look back years: the latest date it mentions is no publication date.
        let mut docs = vec![doc(
            "b",
            None,
            &["The company was founded on April 13, 2001, in a garage.", "May 14th the board announced the sale."],
        )];
        let ev = extract(&mut docs);
        assert_eq!(docs[0].date, None);
        assert!(docs[0].date_reason.starts_with("no date"), "{}", docs[0].date_reason);
        assert!(ev.iter().all(|e| e.expression != "May 14th"), "a year-less day needs the article's year");
        // ... and is listed as unresolved, with the reason.
        let u = docs[0].unresolved.first().expect("an unresolved date");
        assert_eq!(&docs[0].sentences[u.sentence as usize].text[u.start as usize..u.end as usize], "May 14th");
        assert!(docs[0].unresolved_reason().contains("does not give"), "{}", docs[0].unresolved_reason());
        assert!(ev.iter().any(|e| e.expression == "April 13, 2001"), "absolute dates stay");
    }

    #[test]
    fn nothing_is_borrowed_from_other_articles_or_from_yesterday() {
        let mut docs = vec![
            doc("dated", None, &["The Spring 2016 Conference opened."]),
            doc("yearless", None, &["13 last month, it joined.", "May 14th IFTC announced it.", "It quit yesterday."]),
        ];
        let ev = extract(&mut docs);
        assert_eq!(docs[1].date, None);
        assert!(ev.iter().all(|e| e.doc == 0));
    }

    #[test]
    fn past_and_future_dates_bound_the_article() {
        let mut docs = vec![doc(
            "e",
            None,
            &["It joined on April 2, 2016.", "He will attend from May 18 to 20, 2016.", "Vanto left last Wednesday."],
        )];
        let ev = extract(&mut docs);
        assert_eq!(docs[0].date, Some(span(day(2016, 4, 2), day(2016, 5, 20), Precision::Range)));
        assert!(docs[0].date_reason.contains("past tense") && docs[0].date_reason.contains("future tense"));
        assert_eq!(docs[0].date_basis, DateBasis::Text);
        assert!(!docs[0].date_likely);
        // A count from the article's date follows its interval: the Wednesdays before 2 April
        // to 20 May, drawn as a range.
        let w = ev.iter().find(|e| e.expression == "last Wednesday").expect("placed over the interval");
        assert_eq!(w.date, span(day(2016, 3, 30), day(2016, 5, 18), Precision::Range));
        assert!(w.inferred && w.resolution.contains("if written on"), "{}", w.resolution);
        // One bound alone proves nothing about the other side: no date, but the bound is kept.
        let mut past_only = vec![doc("p", None, &["It joined on April 2, 2016."])];
        extract(&mut past_only);
        assert_eq!(past_only[0].date, None);
        assert_eq!((past_only[0].date_earliest, past_only[0].date_latest), (Some(day(2016, 4, 2)), None));
    }

    #[test]
    fn contradictory_or_loose_bounds_leave_it_undated() {
        let mut docs = vec![doc("c", None, &["It closed in May 2019.", "It will open in March 2017."])];
        extract(&mut docs);
        assert_eq!(docs[0].date, None);
        assert_eq!((docs[0].date_earliest, docs[0].date_latest), (None, None));
        assert!(docs[0].date_reason.contains("contradict"), "{}", docs[0].date_reason);
        // Bounds years apart: an interval, but too wide to date anything by.
        let mut loose = vec![doc("l", None, &["It closed in May 2010.", "It will open in March 2017."])];
        extract(&mut loose);
        assert_eq!(loose[0].date, None);
        assert_eq!((loose[0].date_earliest, loose[0].date_latest), (Some(day(2010, 5, 1)), Some(day(2017, 3, 31))));
        // A year alone bounds nothing: its tense is the least reliable.
        let mut years = vec![doc("y", None, &["Profits rose in 2019.", "It will open in 2017."])];
        extract(&mut years);
        assert_eq!((years[0].date_earliest, years[0].date_latest), (None, None));
    }

    #[test]
    fn a_copy_likely_runs_on_or_after_its_source() {
        let shared = "Zentaro announced a high profile international fair deal alliance membership plan";
        let mut docs = vec![
            doc("dated", None, &["May 14, 2016", shared]),
            doc("copy", None, &[shared, "The summit will be held in June 2016."]),
        ];
        extract(&mut docs);
        assert_eq!(docs[1].date, Some(span(day(2016, 5, 14), day(2016, 6, 30), Precision::Range)));
        assert!(docs[1].date_reason.contains("shares passages with dated"), "{}", docs[1].date_reason);
        // Which of the two copied the other the text does not say: likely, not certain.
        assert!(docs[1].date_likely, "{}", docs[1].date_reason);
        assert_eq!((docs[1].date_earliest, docs[1].date_latest), (None, Some(day(2016, 6, 30))));
    }
}
