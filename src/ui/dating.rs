//! How the page words an article's date and where it comes from: the same few phrases in the
//! results, the reader, the event list and the chart's marks, so a reader learns them once.
//!
//! Four sources, weakest last, each with its own mark (`data-basis`): **printed** (front matter
//! or a date line), **text** (the article's own words), **collection** (other articles that
//! report the same happenings), **likely** (a preference among year alternatives, not certain).
//! An event whose expression has its year ("18 May 2016") is **written**: it needs no article date.
use crate::corpus::{dates, Corpus, DateBasis, Document, Event};

/// The mark of an event: "written" when its expression carries its own year, else its article's.
pub fn event_basis(event: &Event, doc: &Document) -> &'static str {
    if event.inferred {
        doc.date_mark()
    } else {
        "written"
    }
}

/// "Written between 14 and 18 May 2016", "Likely written in May 2016", "14 May 2016",
/// "Undated: written on or before 10 May 2016".
pub fn article_date(doc: &Document) -> String {
    match (doc.date, doc.date_inferred) {
        (Some(d), false) => d.label(),
        (Some(d), true) => {
            let written = dates::written(d.start, d.end);
            if doc.date_likely {
                format!("Likely written {written}")
            } else {
                format!("Written {written}")
            }
        }
        (None, _) => match (doc.date_earliest, doc.date_latest) {
            (Some(a), Some(b)) => format!("Undated: written {} (too wide to date its events)", dates::written(a, b)),
            (Some(a), None) => format!("Undated: written on or after {}", crate::corpus::DateValue::day(a).label()),
            (None, Some(b)) => format!("Undated: written on or before {}", crate::corpus::DateValue::day(b).label()),
            (None, None) => "Undated: the text gives no date".to_string(),
        },
    }
}

/// Where the date comes from, in words: "printed in the article", "from this article's own
/// text", "from other articles: “A”, “B”" (that it is likely, [`article_date`] says).
pub fn provenance(doc: &Document, corpus: &Corpus) -> String {
    let others = || {
        let titles: Vec<String> = doc
            .date_from
            .iter()
            .filter_map(|&k| corpus.documents.get(k as usize))
            .map(|d| format!("“{}”", d.title))
            .collect();
        titles.join(", ")
    };
    let base = match doc.date_basis {
        DateBasis::Given => "given in the article's front matter".to_string(),
        DateBasis::Printed => "printed in the article".to_string(),
        DateBasis::Text => "from this article's own text".to_string(),
        DateBasis::Collection => format!("from other articles: {}", others()),
        DateBasis::Unknown => "nothing in the text dates it".to_string(),
    };
    base
}

/// The reader's "How this date was found": [`provenance`], and for a likely date that it is a
/// preference.
pub fn how_found(doc: &Document, corpus: &Corpus) -> String {
    if doc.date.is_some() && doc.date_likely {
        format!("a preference among possible years, not certain; {}", provenance(doc, corpus))
    } else {
        provenance(doc, corpus)
    }
}

/// What an event's list row says about its date when it leans on the article's: the article's
/// date and where it comes from.
pub fn event_note(event: &Event, doc: &Document, corpus: &Corpus) -> Option<String> {
    event.inferred.then(|| format!("{} — {}", article_date(doc), provenance(doc, corpus)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Source;

    fn corpus(texts: &[(&str, &str)]) -> Corpus {
        let sources: Vec<Source<'_>> = texts.iter().map(|(id, text)| Source { id, text }).collect();
        Corpus::build(&sources, None)
    }

    #[test]
    fn each_source_of_a_date_has_its_words_and_its_mark() {
        let c = corpus(&[
            ("a", "---\ndate: 2016-05-14\n---\nBoard\n\nThe Harbour Trust suspended the membership of Zentaro yesterday after a vote of its board."),
            ("b", "Board\n\nThe Harbour Trust suspended the membership of Zentaro on Friday after a vote of its board."),
            ("c", "Summit\n\nIt opened on May 14, 2016. The review will end on May 18, 2016. Costa quit yesterday."),
            ("d", "Notes\n\nNothing dates this."),
        ]);
        let [a, b, cc, d] = [0, 1, 2, 3].map(|k| &c.documents[k]);
        assert_eq!((a.date_mark(), article_date(a)), ("printed", "14 May 2016".to_string()));
        assert_eq!(b.date_mark(), "collection");
        assert!(article_date(b).starts_with("Written between"), "{}", article_date(b));
        assert_eq!(provenance(b, &c), "from other articles: “Board”");
        assert_eq!((cc.date_mark(), article_date(cc)), ("text", "Written between 14 and 18 May 2016".to_string()));
        assert_eq!(cc.short_date(), "14–18 May 2016 · from its text");
        assert_eq!((d.date_mark(), article_date(d)), ("unknown", "Undated: the text gives no date".to_string()));
        let yesterday = c.events.iter().find(|e| e.doc == 2 && e.expression == "yesterday").unwrap();
        let written = c.events.iter().find(|e| e.doc == 2 && e.expression == "May 14, 2016").unwrap();
        assert_eq!((event_basis(yesterday, cc), event_basis(written, cc)), ("text", "written"));
        assert!(event_note(yesterday, cc, &c).unwrap().contains("own text"));
        assert_eq!(event_note(written, cc, &c), None);
    }
}
