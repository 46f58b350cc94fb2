//! Golden test: the story groups over the real seed articles, rendered for human review.
//!
//! Twice: the shipped seeds as they are (they print no date, so few events resolve), and the same
//! articles with a front-matter date (2016-05-14, the week they ran), as an owner who knows would
//! add it, which lets their relative dates resolve and the groups form. One block per story:
//! `date | N sources | docs`, then its events, then any disagreement.
//! Regenerate with `UPDATE_EXPECT=1 cargo test --test golden_stories`, then review: is each
//! block one happening, and is any happening split over two blocks?
use corpus_explorer::corpus::{story, Corpus, Source};
use corpus_explorer::folder;

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

fn seeds_dated(date: &str) -> Corpus {
    let seeds = folder::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").as_path()).unwrap();
    let texts: Vec<(String, String)> =
        seeds.files.iter().map(|(id, text)| (id.clone(), format!("---\ndate: {date}\n---\n{text}"))).collect();
    let sources: Vec<Source<'_>> = texts.iter().map(|(id, text)| Source { id, text }).collect();
    Corpus::build(&sources, seeds.entities_toml.as_deref())
}

#[test]
fn golden_stories_shipped_seeds() {
    let corpus = corpus_explorer::embedded::corpus();
    expect_test::expect_file!["golden/stories.txt"].assert_eq(&render(&corpus));
}

#[test]
fn golden_stories_dated_seeds() {
    let corpus = seeds_dated("2016-05-14");
    let stories = story::group(&corpus);
    assert_eq!(stories.iter().map(|s| s.events.len()).sum::<usize>(), corpus.events.len(), "every event in one story");
    expect_test::expect_file!["golden/stories-dated.txt"].assert_eq(&render(&corpus));
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
