//! Golden test: the date events of the real seed articles, rendered for human review.
//!
//! One line per document (its reference date and why), then one line per event:
//! `date precision | doc | "expression" | resolution | sentence (truncated)`.
//! Regenerate with `UPDATE_EXPECT=1 cargo test --test golden_events`, then read the diff like a
//! journalist would: do the key dates land on the right days, and is there any junk?
use corpus_explorer::corpus::{Corpus, DateValue};

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

fn value(v: &DateValue) -> String {
    if v.start == v.end {
        format!("{} {}", v.start.iso(), v.precision.label())
    } else {
        format!("{}..{} {}", v.start.iso(), v.end.iso(), v.precision.label())
    }
}

pub fn render(corpus: &Corpus) -> String {
    let mut out = String::from(
        "# Documents: date | basis | likely | certain interval | dated with | summary, then its evidence\n",
    );
    for d in &corpus.documents {
        let date = d.date.as_ref().map(value).unwrap_or_else(|| "none".to_string());
        let side = |x: Option<corpus_explorer::corpus::Day>| x.map_or("open".to_string(), |x| x.iso());
        let from: Vec<&str> = d.date_from.iter().map(|&k| corpus.documents[k as usize].id.as_str()).collect();
        out.push_str(&format!(
            "{} | {date} | {} | likely={} | {}..{} | [{}]\n",
            d.id,
            d.date_basis.label(),
            d.date_likely,
            side(d.date_earliest),
            side(d.date_latest),
            from.join(", ")
        ));
        for e in &d.date_evidence {
            out.push_str(&format!("  - {e}\n"));
        }
    }
    out.push_str("\n# Not on the timeline: doc | \"expression\" | what is known | sentence\n");
    for d in &corpus.documents {
        for u in &d.unresolved {
            let sentence = d.sentences.get(u.sentence as usize).map(|s| s.text.as_str()).unwrap_or("");
            let expression = sentence.get(u.start as usize..u.end as usize).unwrap_or("");
            out.push_str(&format!("{} | \"{expression}\" | {} | {}\n", d.id, u.note, truncate(sentence.trim(), 100)));
        }
    }
    out.push_str("\n# Events: date precision | where the date comes from | doc | \"expression\" | sentence\n");
    for e in &corpus.events {
        let doc = &corpus.documents[e.doc as usize];
        let sentence = doc.sentences.get(e.sentence as usize).map(|s| s.text.as_str()).unwrap_or("");
        out.push_str(&format!(
            "{} | {} | {} | \"{}\" | {}\n",
            value(&e.date),
            corpus_explorer::ui::dating::event_basis(e, doc),
            doc.id,
            e.expression,
            truncate(sentence.trim(), 100)
        ));
    }
    out
}

#[test]
fn golden_events() {
    let corpus = corpus_explorer::embedded::corpus();
    for e in &corpus.events {
        let doc = &corpus.documents[e.doc as usize];
        let text = &doc.sentences[e.sentence as usize].text;
        assert_eq!(text.get(e.start as usize..e.end as usize), Some(e.expression.as_str()), "span of {e:?}");
    }
    expect_test::expect_file!["golden/events.txt"].assert_eq(&render(&corpus));
}

/// What a reader of the shipped site sees on the timeline, as behaviour rather than a snapshot:
/// the story's happenings with a year, from the articles as they are (no date in any seed).
#[test]
fn the_shipped_story_is_on_the_timeline() {
    let corpus = corpus_explorer::embedded::corpus();
    assert!(corpus.documents.iter().all(|d| d.date_basis != corpus_explorer::corpus::DateBasis::Given));
    let on = |iso: &str| -> Vec<&str> {
        corpus
            .events
            .iter()
            .filter(|e| e.date.iso() == iso)
            .map(|e| corpus.documents[e.doc as usize].id.as_str())
            .collect()
    };
    // The joining on 13 April 2016, in the three articles that give its day.
    assert_eq!(on("2016-04-13").len(), 3, "{:?}", on("2016-04-13"));
    // The withdrawals of May, the suspension's announcement, the conference it announces.
    for iso in ["2016-05-11", "2016-05-12", "2016-05-14", "2016-05-18"] {
        assert!(!on(iso).is_empty(), "nothing on {iso}");
    }
    // The lawsuits and the press report of the year before.
    for iso in ["2015-05", "2015-11", "2015-11-06"] {
        assert!(!on(iso).is_empty(), "nothing on {iso}");
    }
    // Four of the five articles are dated, each as an interval that says where it comes from;
    // the one whose words date nothing stays undated.
    let dated = corpus.documents.iter().filter(|d| d.date.is_some()).count();
    assert_eq!(dated, 4);
    for d in corpus.documents.iter().filter(|d| d.date.is_some()) {
        assert!(d.date_inferred && !d.date_evidence.is_empty(), "{}", d.id);
        let v = d.date.unwrap();
        assert!(v.start.year == 2016 && v.end.year == 2016, "{} {:?}", d.id, v);
    }
}
