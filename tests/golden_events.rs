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
    let mut out = String::from("# Documents: reference date | inferred | reason\n");
    for d in &corpus.documents {
        let date = d.date.as_ref().map(value).unwrap_or_else(|| "none".to_string());
        out.push_str(&format!("{} | {date} | inferred={} | {}\n", d.id, d.date_inferred, d.date_reason));
    }
    out.push_str("\n# Unresolved (not on the timeline): doc | \"expression\" | sentence\n");
    for d in &corpus.documents {
        for u in &d.unresolved {
            let sentence = d.sentences.get(u.sentence as usize).map(|s| s.text.as_str()).unwrap_or("");
            let expression = sentence.get(u.start as usize..u.end as usize).unwrap_or("");
            out.push_str(&format!("{} | \"{expression}\" | {}\n", d.id, truncate(sentence.trim(), 100)));
        }
    }
    out.push_str("\n# Events: date precision | doc | \"expression\" | resolution | sentence\n");
    for e in &corpus.events {
        let doc = &corpus.documents[e.doc as usize];
        let sentence = doc.sentences.get(e.sentence as usize).map(|s| s.text.as_str()).unwrap_or("");
        let mark = if e.inferred { " (inferred)" } else { "" };
        out.push_str(&format!(
            "{}{mark} | {} | \"{}\" | {} | {}\n",
            value(&e.date),
            doc.id,
            e.expression,
            e.resolution,
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
