//! Golden test: the story groups over the real seed articles, rendered for human review.
//!
//! Over the shipped seeds as they are: they print no date, so the events are dated from the
//! articles' own words and from each other (`corpus::dates`). One block per story:
//! `date | N sources | docs`, then its events, then any disagreement.
//! Regenerate with `UPDATE_EXPECT=1 cargo test --test golden_stories`, then review: is each
//! block one happening, and is any happening split over two blocks?
use corpus_explorer::corpus::{story, Corpus};

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

fn render(corpus: &Corpus) -> String {
    let mut out = String::new();
    for s in story::group(corpus) {
        let docs: Vec<&str> = s.docs.iter().map(|&d| corpus.documents[d as usize].id.as_str()).collect();
        out.push_str(&format!(
            "## {} {} | {} sources | {}\n",
            s.date.iso(),
            s.date.precision.label(),
            docs.len(),
            docs.join(", ")
        ));
        for &e in &s.events {
            let ev = &corpus.events[e as usize];
            let doc = &corpus.documents[ev.doc as usize];
            let lead = if e == s.lead { "*" } else { " " };
            let text = doc.sentences[ev.sentence as usize].text.trim();
            out.push_str(&format!(
                "{lead} {} | {} | \"{}\" | {}\n",
                ev.date.iso(),
                doc.id,
                ev.expression,
                truncate(text, 90)
            ));
        }
        for (date, docs) in &s.date_conflicts {
            let ids: Vec<&str> = docs.iter().map(|&d| corpus.documents[d as usize].id.as_str()).collect();
            out.push_str(&format!("  disagreement: {} says {}\n", ids.join(", "), date.label()));
        }
        for c in &s.number_conflicts {
            let values: Vec<String> = c
                .values
                .iter()
                .map(|(n, docs)| {
                    let ids: Vec<&str> = docs.iter().map(|&d| corpus.documents[d as usize].id.as_str()).collect();
                    format!("{n} ({})", ids.join(", "))
                })
                .collect();
            out.push_str(&format!("  counts differ: {}: {}\n", c.noun, values.join(" vs ")));
        }
    }
    out
}

#[test]
fn golden_stories_shipped_seeds() {
    let corpus = corpus_explorer::embedded::corpus();
    let stories = story::group(&corpus);
    assert_eq!(stories.iter().map(|s| s.events.len()).sum::<usize>(), corpus.events.len(), "every event in one story");
    // The joining in April is one story with three sources, dated from the articles themselves.
    assert!(stories.iter().any(|s| s.docs.len() == 3 && s.date.iso() == "2016-04-13"), "no joint story of 13 April");
    expect_test::expect_file!["golden/stories.txt"].assert_eq(&render(&corpus));
}

/// The passages the reader marks "also in …" on the seeds: each sentence one article repeats
/// from another, both sides, for review (is each pair a shared passage, not just shared words?).
#[test]
fn golden_shared_passages_of_the_seeds() {
    let corpus = corpus_explorer::embedded::corpus();
    let mut out = String::new();
    for d in 0..corpus.documents.len() as u32 {
        for e in corpus_explorer::corpus::echo::echoes(&corpus, d) {
            let (a, b) = (&corpus.documents[d as usize], &corpus.documents[e.doc as usize]);
            out.push_str(&format!(
                "{} s{} ~ {} s{}\n  {}\n  {}\n",
                a.id,
                e.sentence,
                b.id,
                e.other,
                truncate(a.sentences[e.sentence as usize].text.trim(), 100),
                truncate(b.sentences[e.other as usize].text.trim(), 100)
            ));
        }
    }
    expect_test::expect_file!["golden/shared-passages.txt"].assert_eq(&out);
}
