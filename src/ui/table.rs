//! What "Download" writes: the current view's articles, events, names and stories as CSV
//! tables, and all of it as one JSON file. Pure (unit-tested natively); `download.rs` only hands
//! the text to the browser.
//!
//! CSV follows RFC 4180 (comma, CRLF, quotes doubled, a field quoted when it holds a comma, a
//! quote or a line break) and starts with a UTF-8 byte-order mark, so spreadsheets open accents
//! right. A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a
//! tab or a carriage return) gets a leading `'`, the OWASP advice against CSV injection:
//! corpus text is data, in a spreadsheet as on the page.
//! JSON is written by hand (a string escaper and a few arrays): `serde_json` in the page would
//! cost more wasm than everything here.

use crate::corpus::shelf::{Listing, Missing, Shelf};
use crate::corpus::story::{self, Card, CardSource, Story};
use crate::corpus::{Corpus, EntityKind, Event, Query, Results};

/// RFC 4180 text of `rows`, with a byte-order mark and formula-safe cells.
pub fn csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_cell(value: &str) -> String {
    let guarded =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_string() };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The downloadable tables, by name, with the label of their button.
pub const TABLES: [(&str, &str); 4] = [
    ("articles", "Articles (CSV)"),
    ("events", "Dated events (CSV)"),
    ("names", "Names (CSV)"),
    ("stories", "Stories (CSV)"),
];

const ARTICLES: [&str; 5] = ["id", "title", "date", "source", "url"];
const EVENTS: [&str; 8] = ["date", "end", "precision", "expression", "sentence", "article", "title", "names"];
const NAMES: [&str; 4] = ["name", "kind", "articles in view", "spellings"];
const STORIES: [&str; 6] = ["date", "precision", "sources", "articles", "sentence", "dates by source"];

fn article_row(a: &Listing) -> Vec<String> {
    vec![
        a.id.clone(),
        a.title.clone(),
        a.date.map(|v| v.iso()).unwrap_or_default(),
        a.source.clone().unwrap_or_default(),
        a.url.clone().unwrap_or_default(),
    ]
}

/// An event's row: its date and expression, its sentence, its article's id and title, the
/// names its sentence mentions.
fn event_row(e: &Event, sentence: &str, article: &Listing, names: &[&str]) -> Vec<String> {
    vec![
        e.date.iso(),
        e.date.end.iso(),
        e.date.precision.label().to_string(),
        e.expression.clone(),
        sentence.to_string(),
        article.id.clone(),
        article.title.clone(),
        names.join("; "),
    ]
}

fn name_row(name: &str, kind: EntityKind, count: u32, spellings: &[&str]) -> Vec<String> {
    vec![name.to_string(), kind.label().to_string(), count.to_string(), spellings.join("; ")]
}

/// A story's row, from its card and all its sources (a stored card keeps only those its row
/// shows): the articles by title, the dates they disagree on by id.
fn story_row(card: &Card, sources: &[CardSource]) -> Vec<String> {
    let titles: Vec<&str> = sources.iter().map(|x| x.title.as_str()).collect();
    let source = |d: u32| sources.binary_search_by_key(&d, |x| x.doc).ok().map(|k| &sources[k]);
    let dates: Vec<String> = card
        .date_conflicts
        .iter()
        .map(|(date, docs)| {
            let ids: Vec<&str> = docs.iter().filter_map(|&d| source(d)).map(|x| x.id.as_str()).collect();
            format!("{} ({})", date.iso(), ids.join(", "))
        })
        .collect();
    vec![
        card.date.iso(),
        card.date.precision.label().to_string(),
        sources.len().to_string(),
        titles.join("; "),
        card.lead.clone(),
        dates.join("; "),
    ]
}

/// The articles matching the view, in result order.
pub fn articles(corpus: &Corpus, results: &Results) -> Vec<Vec<String>> {
    let mut rows = vec![header(&ARTICLES)];
    rows.extend(results.hits.iter().map(|hit| article_row(&Listing::of(&corpus.documents[hit.doc as usize]))));
    rows
}

/// The dated events of the view, in date order.
pub fn events(corpus: &Corpus, results: &Results) -> Vec<Vec<String>> {
    let mut rows = vec![header(&EVENTS)];
    for &i in results.events.iter() {
        let e = &corpus.events[i as usize];
        let d = &corpus.documents[e.doc as usize];
        let names: Vec<&str> = e.entities.iter().map(|&n| corpus.entities[n as usize].name.as_str()).collect();
        let sentence = d.sentences.get(e.sentence as usize).map_or("", |s| s.text.as_str());
        rows.push(event_row(e, sentence, &Listing::of(d), &names));
    }
    rows
}

/// The names in the matching articles, with how many of them mention each.
pub fn names(corpus: &Corpus, results: &Results) -> Vec<Vec<String>> {
    let mut rows = vec![header(&NAMES)];
    for (i, e) in corpus.entities.iter().enumerate() {
        let count = results.entity_counts.get(i).copied().unwrap_or(0);
        if count > 0 {
            let spellings: Vec<&str> = e.aliases.iter().map(|a| a.text.as_str()).collect();
            rows.push(name_row(&e.name, e.kind, count, &spellings));
        }
    }
    rows
}

/// The stories with an event in the view: one row per story.
pub fn stories(corpus: &Corpus, stories: &[Story], results: &Results) -> Vec<Vec<String>> {
    let mut rows = vec![header(&STORIES)];
    let visible = story::visible(stories, &results.events, corpus.events.len());
    rows.extend(visible.iter().map(|&k| {
        let card = Card::new(&stories[k as usize], corpus);
        story_row(&card, &card.sources)
    }));
    rows
}

/// Table `name` of the view over a served corpus (`query`'s `results`): the rows the same view gives over the whole
/// corpus in memory; or every file the shelf can name now that it still needs (the dated events
/// name their articles' and names' files once their own are here, so they take two rounds).
pub fn served(name: &str, shelf: &Shelf, query: &Query, results: &Results) -> Result<Vec<Vec<String>>, Missing> {
    let mut need: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let mut rows = Vec::new();
    let mut keep = |row: Result<Vec<String>, Missing>| match row {
        Ok(row) => rows.push(row),
        Err(Missing(files)) => need.extend(files),
    };
    let head = match name {
        "articles" => {
            for hit in &results.hits {
                keep(shelf.listing(hit.doc).map(article_row));
            }
            &ARTICLES[..]
        }
        "events" => {
            for &e in results.events.iter() {
                keep(shelf.event(e).and_then(|event| {
                    let extra = shelf.event_row(e)?;
                    let article = shelf.listing(event.doc)?;
                    // The names as corrected, in the corrected corpus's order (see `Corrections`).
                    let mut kept: Vec<u32> = extra.names.iter().filter_map(|&n| shelf.kept(n)).collect();
                    kept.sort_unstable();
                    kept.dedup();
                    let names = kept.iter().map(|&n| shelf.name(n).map(|x| x.name.as_str()));
                    Ok(event_row(event, &extra.sentence, article, &names.collect::<Result<Vec<_>, _>>()?))
                }));
            }
            &EVENTS[..]
        }
        "names" => {
            for (e, &count) in results.entity_counts.iter().enumerate().filter(|(_, &c)| c > 0) {
                keep(shelf.name(e as u32).and_then(|n| {
                    let spelled = shelf.spellings(e as u32)?;
                    let spellings: Vec<&str> = spelled.iter().map(|(text, _)| text.as_str()).collect();
                    Ok(name_row(&n.name, n.kind, count, &spellings))
                }));
            }
            &NAMES[..]
        }
        _ => {
            let (visible, _) = shelf.stories(query, results)?;
            for k in visible {
                keep(shelf.story(k).and_then(|card| Ok(story_row(card, shelf.story_sources(k)?))));
            }
            &STORIES[..]
        }
    };
    if !need.is_empty() {
        return Err(Missing(shelf.in_spans(need)));
    }
    rows.insert(0, header(head));
    Ok(rows)
}

/// Everything of the view as one JSON object of arrays of objects, keyed by the CSV headers.
pub fn json(tables: &[(&str, Vec<Vec<String>>)]) -> String {
    let mut out = String::from("{\n");
    for (t, (name, rows)) in tables.iter().enumerate() {
        out.push_str(&format!("  {}: [", json_string(name)));
        let Some((head, body)) = rows.split_first() else { continue };
        for (r, row) in body.iter().enumerate() {
            let fields: Vec<String> =
                head.iter().zip(row).map(|(k, v)| format!("{}: {}", json_string(k), json_string(v))).collect();
            out.push_str(if r == 0 { "\n    {" } else { ",\n    {" });
            out.push_str(&fields.join(", "));
            out.push('}');
        }
        out.push_str(if body.is_empty() { "]" } else { "\n  ]" });
        out.push_str(if t + 1 < tables.len() { ",\n" } else { "\n" });
    }
    out.push('}');
    out.push('\n');
    out
}

/// A JSON string literal: quotes, backslashes and control characters escaped.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// "Copy citation": the sentence in quotes, then title, source, date and URL of its article as
/// far as they are known, then a link that opens the explorer at that sentence.
pub fn citation(doc: &crate::corpus::Document, sentence: u32, link: &str) -> String {
    let text = doc.sentences.get(sentence as usize).map_or("", |s| s.text.trim());
    let mut parts = vec![format!("“{text}”"), doc.title.clone()];
    parts.extend(doc.source.clone());
    parts.push(doc.date.map_or_else(|| "undated".to_string(), |d| d.label()));
    parts.extend(doc.url.clone());
    format!("{}. Explorer: {link}", parts.join(" — "))
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Query, Source};

    #[test]
    fn csv_quotes_per_rfc_4180_and_opens_with_a_byte_order_mark() {
        let text = csv(&[vec!["a".into(), "b,c".into()], vec!["say \"hi\"".into(), "two\nlines".into()]]);
        assert_eq!(text, "\u{feff}a,\"b,c\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_defused() {
        for bad in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            let cell = csv_cell(bad);
            assert!(cell.starts_with("'") || cell.starts_with("\"'"), "{bad:?} -> {cell:?}");
        }
        assert_eq!(csv_cell("Zentaro Corp"), "Zentaro Corp");
        assert_eq!(csv_cell("2021-05-13"), "2021-05-13", "dates in the middle keep their dashes");
    }

    #[test]
    fn json_escapes_what_would_break_it_and_keeps_the_rest() {
        assert_eq!(json_string("a\"b\\c\n\u{1}é"), "\"a\\\"b\\\\c\\n\\u0001é\"");
        let out = json(&[
            ("articles", vec![header(&["id", "title"]), vec!["x".into(), "T \"1\"".into()]]),
            ("events", vec![header(&["date"])]),
        ]);
        assert_eq!(
            out,
            "{\n  \"articles\": [\n    {\"id\": \"x\", \"title\": \"T \\\"1\\\"\"}\n  ],\n  \"events\": []\n}\n"
        );
    }

    #[test]
    fn a_citation_names_the_article_and_links_to_the_sentence() {
        let text = "---\ndate: 2021-05-14\nsource: The Ledger\nurl: https://ledger.example/a\n---\nZentaro fined\n\nFirst. The council fined Zentaro Corp.";
        let corpus = Corpus::build(&[Source { id: "a", text }], None);
        let cite = citation(&corpus.documents[0], 1, "https://explorer.example/#doc=a&s=1");
        assert_eq!(
            cite,
            "“The council fined Zentaro Corp.” — Zentaro fined — The Ledger — 14 May 2021 — https://ledger.example/a. Explorer: https://explorer.example/#doc=a&s=1"
        );
    }

    #[test]
    fn the_view_tables_follow_the_filter() {
        let text = "---\ndate: 2021-05-14\nsource: The Ledger\n---\nZentaro fined\n\nThe Orvel council fined Zentaro Corp on 13 May 2021.";
        let other = "---\ndate: 2021-05-14\n---\nBakery\n\nAna Costa opened a bakery in Brooklyn on 12 May 2021.";
        let corpus = Corpus::build(&[Source { id: "a", text }, Source { id: "b", text: other }], None);
        let all = corpus.search(&Query::default());
        assert_eq!(articles(&corpus, &all).len(), 3, "a header and two articles");
        let one = corpus.search(&Query { text: "fined".into(), ..Query::default() });
        let rows = articles(&corpus, &one);
        assert_eq!(rows[1][..4], ["a", "Zentaro fined", "2021-05-14", "The Ledger"]);
        let ev = events(&corpus, &one);
        assert!(ev.len() >= 2 && ev[1][0] == "2021-05-13", "{ev:?}");
        let names = names(&corpus, &one);
        assert!(names.iter().any(|r| r[0] == "Zentaro Corp"), "{names:?}");
        assert!(!names.iter().any(|r| r[0] == "Ana Costa"), "names outside the view are left out: {names:?}");
        let groups = crate::corpus::story::group(&corpus);
        assert_eq!(stories(&corpus, &groups, &one).len(), 2, "a header and the one story in view");
    }
}
