//! Importer behaviour file by file, and properties over arbitrary bytes and names.
use proptest::prelude::*;

use super::*;
use crate::corpus::{Corpus, Source};

fn importer() -> Importer {
    Importer::new(Vec::new())
}

fn added(report: &FileReport) -> &FileReport {
    assert_eq!(report.status, Status::Added, "{}: {}", report.name, report.reason);
    report
}

fn skipped(report: &FileReport) -> &str {
    assert_eq!(report.status, Status::Skipped, "{}", report.name);
    assert!(report.docs.is_empty());
    &report.reason
}

fn build(articles: &[Article]) -> Corpus {
    let sources: Vec<Source<'_>> = articles.iter().map(|a| Source { id: &a.id, text: &a.text }).collect();
    Corpus::build(&sources, None)
}

#[test]
fn text_and_markdown_pass_through_with_their_front_matter() {
    let mut imp = importer();
    let txt = "---\ntitle: Orvel grows\ndate: 2016-05-14\n---\nOrvel grew.\r\nAgain.\r\n";
    let report = imp.add("news/Orvel grows.txt", txt.as_bytes());
    assert_eq!(added(&report).docs, vec!["Orvel-grows"]);
    assert_eq!(report.reason, "");
    assert_eq!(report.size, txt.len() as u64);
    added(&imp.add("notes.md", b"# Zentaro\n\nZentaro Corp said so."));
    added(&imp.add("README", b"Plain words without an extension."));
    added(&imp.add("story.weird-ext", b"Text with an unknown extension."));
    let articles = imp.finish();
    assert_eq!(articles[0].text, "---\ntitle: Orvel grows\ndate: 2016-05-14\n---\nOrvel grew.\nAgain.\n");
    assert_eq!(articles.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["Orvel-grows", "notes", "README", "story"]);
    let corpus = build(&articles);
    assert_eq!(corpus.documents[0].title, "Orvel grows");
    assert_eq!(corpus.documents[0].date.map(|d| d.start.iso()).as_deref(), Some("2016-05-14"));
}

const PAGE: &str = r#"<!doctype html><html><head><title>Zentaro Corp hires Ana Costa | Orvel Post</title>
<meta property="og:site_name" content="Orvel Post">
<meta property="article:published_time" content="2018-11-03T17:00:00-05:00">
<link rel="canonical" href="https://post.example.test/zentaro-hires">
</head><body><nav>Home · World · Business</nav>
<article><h1>Zentaro Corp hires Ana Costa</h1>
<p>Zentaro Corp named Ana Costa its chief executive on Saturday, ending a long search.</p>
<p>She starts in January.</p>
<div class="related"><p>Read more: unrelated news from another week.</p></div>
</article><footer>© Orvel Post</footer></body></html>"#;

#[test]
fn html_pages_become_articles_with_front_matter() {
    let mut imp = importer();
    let report = imp.add("zentaro.html", PAGE.as_bytes());
    assert_eq!(added(&report).reason, "web page, 18 words");
    let sniffed = imp.add("saved-page.txt", PAGE.replace("Saturday", "Sunday").as_bytes());
    assert_eq!(added(&sniffed).reason, "read as a web page; web page, 18 words");
    let articles = imp.finish();
    assert_eq!(
        articles[0].text,
        "---\ntitle: Zentaro Corp hires Ana Costa\ndate: 2018-11-03\nsource: Orvel Post\n\
         url: https://post.example.test/zentaro-hires\n---\n\
         Zentaro Corp named Ana Costa its chief executive on Saturday, ending a long search.\n\n\
         She starts in January."
    );
    let doc = &build(&articles).documents[0];
    assert_eq!(doc.title, "Zentaro Corp hires Ana Costa");
    assert_eq!(doc.source.as_deref(), Some("Orvel Post"));
    assert_eq!(doc.url.as_deref(), Some("https://post.example.test/zentaro-hires"));
    assert_eq!(doc.sentences.len(), 2);
}

#[test]
fn html_without_article_text_or_metadata_says_so() {
    let mut imp = importer();
    let empty = imp.add("menu.htm", b"<html><body><nav>Home</nav><script>x()</script></body></html>");
    assert_eq!(skipped(&empty), "no article text found in the page (only menus, links or scripts)");
    let bare = imp.add("bare.html", b"<html><body><p>Only a paragraph.</p></body></html>");
    assert_eq!(added(&bare).reason, "web page, 3 words; no title or date found in the page");
}

#[test]
fn csv_rows_become_numbered_articles() {
    let csv = "id,title,date,text,author\n\
               1,Orvel opens,14/05/2016,Orvel opened a shop.,Ana Costa\n\
               2,No body,2016-05-15,,Ana Costa\n\
               3,Zentaro &amp; Orvel,May 16 2016,\"<p>Zentaro met Orvel.</p><p>They talked.</p>\",Ana Costa\n\
               4,Odd date,soon,Text four.,Ana Costa\n";
    let mut imp = importer();
    let report = imp.add("Spring batch.csv", csv.as_bytes());
    assert_eq!(added(&report).docs, vec!["Spring-batch-1", "Spring-batch-3", "Spring-batch-4"]);
    assert_eq!(
        report.reason,
        "3 articles; columns used: title, date, text; ignored: id, author; row 2 has no text; skipped; \
         date \"soon\" not understood"
    );
    let articles = imp.finish();
    assert_eq!(articles[0].text, "---\ntitle: Orvel opens\ndate: 2016-05-14\n---\nOrvel opened a shop.");
    assert_eq!(
        articles[1].text,
        "---\ntitle: Zentaro & Orvel\ndate: 2016-05-16\n---\nZentaro met Orvel.\n\nThey talked."
    );
    assert_eq!(articles[2].text, "---\ntitle: Odd date\n---\nText four.");
}

#[test]
fn csv_without_text_column_is_skipped_naming_columns() {
    let mut imp = importer();
    let reason = imp.add("list.csv", b"name,summary\nOrvel,A firm.\n").reason;
    assert!(reason.starts_with("no text column") && reason.ends_with("columns found: name, summary"), "{reason}");
}

#[test]
fn tsv_and_utf16_csv() {
    let mut imp = importer();
    added(&imp.add("a.tsv", b"headline\tbody\tlink\nOrvel, again\tBody, with commas.\thttps://x.test/1\n"));
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("title,text\nÉlan,Élan grew.\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let report = imp.add("excel.csv", &utf16);
    assert_eq!(added(&report).reason, "1 article; columns used: title, text; decoded from UTF-16");
    let articles = imp.finish();
    assert_eq!(articles[0].text, "---\ntitle: Orvel, again\nurl: https://x.test/1\n---\nBody, with commas.");
    assert_eq!(articles[1].text, "---\ntitle: Élan\n---\nÉlan grew.");
}

#[test]
fn json_and_json_lines() {
    let mut imp = importer();
    let json = r#"{"articles":[{"headline":"Orvel","published_at":"2016-05-14T10:00:00Z","content":"Orvel grew.","publisher":"Zentaro Daily"}]}"#;
    let report = imp.add("feed.json", json.as_bytes());
    assert_eq!(added(&report).docs, vec!["feed-1"]);
    assert_eq!(
        report.reason,
        "1 article; articles read from \"articles\"; fields used: headline, published_at, content, publisher"
    );
    let lines = "{\"title\":\"A\",\"text\":\"Alpha.\"}\n{oops\n{\"title\":\"C\",\"body\":\"Gamma.\"}\n";
    let report = imp.add("dump.jsonl", lines.as_bytes());
    assert_eq!(added(&report).docs, vec!["dump-1", "dump-3"]);
    assert!(report.reason.contains("line 2 is not a JSON object; skipped"), "{}", report.reason);
    let bad = imp.add("broken.json", b"[{\"title\": ");
    assert!(skipped(&bad).starts_with("not valid JSON"));
    let articles = imp.finish();
    assert_eq!(articles[0].text, "---\ntitle: Orvel\ndate: 2016-05-14\nsource: Zentaro Daily\n---\nOrvel grew.");
}

#[test]
fn encodings_are_decoded_and_reported() {
    let mut imp = importer();
    let report = imp.add("old.txt", b"Caf\xE9 Orvel opened in S\xE3o Paulo.");
    assert_eq!(added(&report).reason, "decoded as Windows-1252 (not valid UTF-8)");
    added(&imp.add("bom.txt", b"\xEF\xBB\xBFWith a BOM."));
    let articles = imp.finish();
    assert_eq!(articles[0].text, "Café Orvel opened in São Paulo.");
    assert_eq!(articles[1].text, "With a BOM.");
}

#[test]
fn refusals_say_why() {
    let mut imp = importer();
    assert_eq!(skipped(&imp.add("empty.txt", b"")), "empty file");
    assert_eq!(skipped(&imp.add("blank.txt", b" \n\t\r\n")), "empty file");
    assert_eq!(skipped(&imp.add("blank16.txt", b"\xFF\xFE \x00\n\x00")), "empty file");
    assert!(skipped(&imp.add("report.pdf", b"%PDF-1.4\n%...")).starts_with("PDF is not supported yet"));
    assert!(
        skipped(&imp.add("story.docx", b"PK\x03\x04\x14\x00\x06\x00")).starts_with("ZIP archive (also .docx/.xlsx)")
    );
    assert_eq!(skipped(&imp.add("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00")), "image, not text");
    assert!(skipped(&imp.add("data.bin", b"abc\x00\x01\x02")).contains("NUL bytes"));
    assert!(imp.finish().is_empty());
}

#[test]
fn exact_copies_are_skipped_naming_the_first() {
    let mut imp = importer();
    added(&imp.add("a.txt", b"Orvel grew."));
    assert_eq!(skipped(&imp.add("copy of a.txt", b"Orvel grew.")), "same content as a.txt");
    // A refused file is not remembered: the same bytes under another name are judged again.
    skipped(&imp.add("x.json", b"not json"));
    assert!(skipped(&imp.add("x2.json", b"not json")).starts_with("not valid JSON"));
    assert_eq!(imp.finish().len(), 1);
}

#[test]
fn files_over_the_limit_are_refused() {
    let big = vec![b'a'; MAX_FILE_BYTES as usize + 1];
    let mut imp = importer();
    let report = imp.add("huge.txt", &big);
    assert_eq!(skipped(&report), "larger than 64 MB; split it");
    assert_eq!(report.size, MAX_FILE_BYTES + 1);
}

#[test]
fn ids_are_readable_and_never_collide() {
    assert_eq!(id_stem("Orvel: Q1 results (final).txt"), "Orvel-Q1-results-final");
    assert_eq!(id_stem("dir/sub\\São Paulo report.v2.md"), "São-Paulo-report.v2");
    assert_eq!(id_stem(".hidden"), ".hidden");
    assert_eq!(id_stem("???.txt"), "file");
    assert_eq!(id_stem(""), "file");
    assert_eq!(id_stem(&"x".repeat(200)).len(), MAX_ID_CHARS);
    let mut imp = Importer::new(vec!["story".to_string(), "story-2".to_string(), "table-1".to_string()]);
    assert_eq!(imp.add("story.txt", b"One.").docs, vec!["story-3"]);
    assert_eq!(imp.add("story.md", b"Two.").docs, vec!["story-4"]);
    assert_eq!(imp.add("table.csv", b"text\nA.\nB.\n").docs, vec!["table-1-2", "table-2"]);
}

#[test]
fn an_imported_batch_builds_into_a_corpus() {
    let mut imp = Importer::new(vec!["seed".to_string()]);
    imp.add("a.html", PAGE.as_bytes());
    imp.add("b.csv", b"title,date,text\nOrvel,2016-05-14,Orvel grew in May.\n");
    imp.add("c.txt", b"Ana Costa joined Zentaro Corp.");
    let articles = imp.finish();
    let corpus = build(&articles);
    assert_eq!(corpus.documents.len(), 3);
    assert_eq!(corpus.documents[1].title, "Orvel");
    assert_eq!(corpus.documents[1].id, "b-1");
}

/// Fragments that make random input look like each supported format often enough to reach its
/// parser's corners.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<html>".to_string()),
        Just("<!doctype html>".to_string()),
        Just("<article>".to_string()),
        Just("</article>".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"comments\">".to_string()),
        Just("<script type=\"application/ld+json\">{\"datePublished\":\"2016-05-14\"}</script>".to_string()),
        Just("<meta property=\"og:title\" content=\"T\">".to_string()),
        Just("<time datetime=\"2016-02-30\">".to_string()),
        Just("---\ntitle: x\n---\n".to_string()),
        Just("title,date,text\n".to_string()),
        Just("\"".to_string()),
        Just(",".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("{\"text\":".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("}".to_string()),
        Just("\u{feff}".to_string()),
        Just("&amp;&#x110000;&".to_string()),
        "[a-zA-Zé0-9 .:/-]{0,12}",
    ]
}

fn name() -> impl Strategy<Value = String> {
    let ext = prop_oneof![
        Just(".txt"),
        Just(".md"),
        Just(".html"),
        Just(".htm"),
        Just(".csv"),
        Just(".tsv"),
        Just(".json"),
        Just(".jsonl"),
        Just(".ndjson"),
        Just(""),
        Just(".ÉXT"),
        Just("."),
    ];
    ("\\PC{0,12}", ext).prop_map(|(stem, ext)| format!("{stem}{ext}"))
}

/// Every report is consistent with the articles: ids unique, not taken, in order.
fn check_consistent(reports: &[FileReport], articles: &[Article], taken: &[String]) {
    let ids: Vec<&str> = reports.iter().flat_map(|r| r.docs.iter().map(String::as_str)).collect();
    assert_eq!(ids, articles.iter().map(|a| a.id.as_str()).collect::<Vec<_>>());
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len());
    assert!(ids.iter().all(|id| !taken.iter().any(|t| t == id) && !id.is_empty()));
    for r in reports {
        assert_eq!(r.status == Status::Added, !r.docs.is_empty(), "{r:?}");
        if r.status == Status::Skipped {
            assert!(!r.reason.is_empty());
        }
    }
}

// The default 256 cases per property; `PROPTEST_CASES=20000` for a longer hunt.
proptest! {
    #[test]
    fn any_bytes_under_any_name_never_panic(files in prop::collection::vec((name(), prop::collection::vec(any::<u8>(), 0..600)), 1..4)) {
        let taken = vec!["file".to_string(), "a-1".to_string()];
        let mut imp = Importer::new(taken.clone());
        let reports: Vec<FileReport> = files.iter().map(|(n, b)| imp.add(n, b)).collect();
        let articles = imp.finish();
        check_consistent(&reports, &articles, &taken);
        build(&articles);
    }

    #[test]
    fn format_like_text_never_panics(files in prop::collection::vec((name(), prop::collection::vec(fragment(), 0..40)), 1..4)) {
        let taken = vec!["x".to_string()];
        let mut imp = Importer::new(taken.clone());
        let reports: Vec<FileReport> = files.iter().map(|(n, parts)| imp.add(n, parts.concat().as_bytes())).collect();
        let articles = imp.finish();
        check_consistent(&reports, &articles, &taken);
        build(&articles);
    }

    #[test]
    fn dates_never_panic_and_known_ones_parse(raw in "[0-9A-Za-z ,./:T+-]{0,24}") {
        if let front_matter::DateRead::Known(date) | front_matter::DateRead::YearOnly(date) = front_matter::read_date(&raw) {
            prop_assert!(crate::corpus::document::parse_date(&date).is_some(), "{raw} -> {date}");
        }
    }
}
