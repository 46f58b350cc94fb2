//! Property tests: the pipeline is total (never panics) and deterministic on any input, and its
//! packed form round-trips and survives damage.
//!
//! Quick run:  cargo test --test pipeline_properties
//! Long run:   PROPTEST_CASES=100000 cargo test --release --test pipeline_properties
use corpus_explorer::corpus::curate::{self, Edit};
use corpus_explorer::corpus::shelf::{self, Shelf};
use corpus_explorer::corpus::{clean, cooccur, document, echo, export, pack, par, story, Corpus, Day, Query, Source};
use proptest::prelude::*;

/// Pieces that have broken text pipelines before: abbreviations, malformed front matter,
/// guillemets, middle dots, emoji, bidi overrides, huge words, punctuation-only and newline-only.
fn tricky_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("U.S. ".to_string()),
        Just("---\ndate: 2016-13-45\n---\n".to_string()),
        Just("---\ntitle: x\n".to_string()),
        Just("«Mike · Kors» ".to_string()),
        Just("Mike? Kors ".to_string()),
        Just("·".to_string()),
        Just("😀👍🏽 ".to_string()),
        Just("\u{202E}abc\u{202C} ".to_string()),
        Just("x".repeat(10_000)),
        Just("...!?…,;:\"'()".to_string()),
        Just("\n\n\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("Related reading\n- A Title Line\n| Another One\n".to_string()),
        Just("Leave a Reply\n".to_string()),
        Just("May 14th, 13 last month, from May 18 to 20 ".to_string()),
        Just("Alibaba'S 110Th Co. 's ".to_string()),
        Just("é".to_string()),
        Just("\u{0}\u{7}\u{FEFF}\u{200B}".to_string()),
        Just("said.The ".to_string()),
        "[a-zA-Z .,?!'\"\n-]{0,40}",
    ]
}

fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_piece(), 0..12).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        any::<String>(),
        tricky_text(),
    ]
}

fn build(texts: &[String]) -> Corpus {
    let ids: Vec<String> = (0..texts.len()).map(|i| format!("doc{i:03}")).collect();
    let sources: Vec<Source<'_>> = ids.iter().zip(texts).map(|(id, text)| Source { id, text }).collect();
    Corpus::build(&sources, None)
}

proptest! {
    /// What the browser decodes is what the build produced, index included.
    #[test]
    fn packing_round_trips(texts in prop::collection::vec(any_text(), 0..5)) {
        let corpus = build(&texts);
        let back = pack::decode(&pack::encode(&corpus)).expect("decodes");
        prop_assert_eq!(format!("{back:?}"), format!("{corpus:?}"));
    }

    /// Damaged packed bytes are an error, never a panic.
    #[test]
    fn decoding_any_bytes_never_panics(texts in prop::collection::vec(tricky_text(), 1..3), flips in prop::collection::vec((any::<usize>(), any::<u8>()), 1..8), raw in prop::collection::vec(any::<u8>(), 0..200)) {
        let mut bytes = pack::encode(&build(&texts));
        let len = bytes.len();
        for (at, byte) in flips {
            bytes[at % len] = byte;
        }
        // What decodes is consistent enough to search and to render everything the reader,
        // the timeline and the export show (labels index tables with calendar fields).
        if let Ok(corpus) = pack::decode(&bytes) {
            let r = corpus.search(&Query::default());
            for hit in r.hits.iter().take(3) {
                let _ = corpus.snippet(&Query::default(), hit.doc);
            }
            for date in corpus.events.iter().map(|e| e.date).chain(corpus.documents.iter().filter_map(|d| d.date)) {
                prop_assert!(!date.label().is_empty() && date.start <= date.end);
            }
            let _ = export::to_json(&corpus);
        }
        let mut framed = b"CXP\x04".to_vec();
        framed.extend_from_slice(&raw);
        let _ = pack::decode(&framed);
    }

    /// The static corpus's files, damaged or truncated: an error from `Shelf::add`, never a
    /// panic, and whatever is accepted can be searched (issue 18).
    #[test]
    fn a_damaged_static_corpus_never_panics(texts in prop::collection::vec(tricky_text(), 1..4), flips in prop::collection::vec((any::<usize>(), any::<u8>()), 1..6), cut in any::<usize>(), q in any_text()) {
        let written = shelf::write(&build(&texts));
        let summary = written.files.iter().find(|(p, _)| p == "summary.bin").map(|(_, b)| b.clone()).unwrap_or_default();
        let mut damaged_summary = summary.clone();
        for &(at, byte) in &flips {
            let len = damaged_summary.len();
            damaged_summary[at % len] = byte;
        }
        let _ = Shelf::open(&damaged_summary);
        let _ = Shelf::open(&summary[..cut % (summary.len() + 1)]);
        let mut shelf = Shelf::open(&summary).expect("the summary opens");
        for (path, bytes) in &written.files {
            let mut bytes = bytes.clone();
            if bytes.is_empty() { continue; }
            for &(at, byte) in &flips {
                let len = bytes.len();
                bytes[at % len] = byte;
            }
            let _ = shelf.add(path, &bytes[..cut % (bytes.len() + 1)]);
            let _ = shelf.add(path, &bytes);
        }
        let query = Query { text: q, include: vec![0], ..Query::default() };
        for _ in 0..3 {
            match shelf.search(&query) {
                Ok(r) => {
                    for hit in r.hits.iter().take(3) {
                        let _ = shelf.snippet(&query, hit.doc);
                    }
                    break;
                }
                // What was refused stays missing: fetch it again, undamaged.
                Err(shelf::Missing(paths)) => {
                    for path in paths {
                        if let Some((_, bytes)) = written.files.iter().find(|(p, _)| *p == path) {
                            prop_assert!(shelf.add(&path, bytes).is_ok(), "{} reads whole", path);
                        }
                    }
                }
            }
        }
    }

    /// A reader's articles shelved into one buffer (a served site's "Add your articles"): the
    /// same files back whole, and damaged or cut an error, never a panic.
    #[test]
    fn a_bundle_of_your_articles_reads_back_or_is_refused(texts in prop::collection::vec(tricky_text(), 1..4), flips in prop::collection::vec((any::<usize>(), any::<u8>()), 1..6), cut in any::<usize>()) {
        let written = shelf::write(&build(&texts));
        let bytes = shelf::bundle(&written);
        let back = shelf::unbundle(&bytes).expect("a whole bundle reads back");
        prop_assert_eq!(&back.version, &written.version);
        prop_assert!(back.files == written.files);
        let _ = shelf::unbundle(&bytes[..cut % (bytes.len() + 1)]);
        let mut damaged = bytes.clone();
        for &(at, byte) in &flips {
            let len = damaged.len();
            damaged[at % len] = byte;
        }
        if let Ok(files) = shelf::unbundle(&damaged) {
            // What reads as a bundle is still checked file by file when the page adds it.
            if let Some((_, summary)) = files.files.iter().find(|(p, _)| p == "summary.bin") {
                if let Ok(mut shelf) = Shelf::open(summary) {
                    for (path, bytes) in &files.files {
                        let _ = shelf.add(path, bytes);
                    }
                }
            }
        }
    }

    #[test]
    fn build_is_total_and_deterministic(texts in prop::collection::vec(any_text(), 0..5)) {
        let a = build(&texts);
        let b = build(&texts);
        prop_assert_eq!(export::to_json(&a), export::to_json(&b));
        for doc in &a.documents {
            for p in &doc.paragraphs {
                prop_assert!(p.first <= p.end && p.end as usize <= doc.sentences.len());
            }
            for s in &doc.sentences {
                prop_assert!(!s.text.is_empty());
            }
        }
    }

    /// Article dates over any collection of date-heavy text: total and deterministic (the build
    /// above), never an empty or inverted interval, the certain bounds around any date stated
    /// as certain, a likely date inside them, and every source a real other article.
    #[test]
    fn article_dates_are_intervals_inside_their_bounds(pieces in prop::collection::vec(prop::collection::vec(prop_oneof![
        Just("It opened on May 14, 2016. ".to_string()),
        Just("It will close on May 18, 2016. ".to_string()),
        Just("The Harbour Trust joined in April this year. ".to_string()),
        Just("Zentaro will attend the summit from May 18 to 20, 2016. ".to_string()),
        Just("There is still more than a week left for the speech. ".to_string()),
        Just("The Harbour Trust suspended Zentaro yesterday. ".to_string()),
        Just("The Harbour Trust suspended Zentaro on Friday. ".to_string()),
        Just("13 last month, Zentaro joined the Harbour Trust. ".to_string()),
        Just("Zentaro joined the Harbour Trust on April 13th this year. ".to_string()),
        Just("It was founded in 1983. ".to_string()),
        Just("It closed in May 2019 and will open in March 2017. ".to_string()),
        Just("---\ndate: 2016-05-14\n---\n".to_string()),
        Just("\n\n".to_string()),
        Just("Last May, it sued. In November of the same year, it sued again. ".to_string()),
    ], 0..8).prop_map(|v| format!("Title\n\n{}", v.concat())), 1..6)) {
        let corpus = build(&pieces);
        for (k, doc) in corpus.documents.iter().enumerate() {
            if let Some(v) = doc.date {
                prop_assert!(v.start <= v.end);
                if let Some(lo) = doc.date_earliest { prop_assert!(lo <= v.start, "{:?}", doc.id); }
                if let Some(hi) = doc.date_latest { prop_assert!(v.end <= hi, "{:?}", doc.id); }
            }
            if let (Some(lo), Some(hi)) = (doc.date_earliest, doc.date_latest) {
                prop_assert!(lo <= hi);
            }
            prop_assert!(doc.date_from.iter().all(|&d| d as usize != k && (d as usize) < corpus.documents.len()));
            prop_assert!(!doc.date_likely || doc.date.is_some());
        }
        for e in &corpus.events {
            prop_assert!(e.date.start <= e.date.end);
        }
    }

    /// The views over a built corpus are total too: story groups hold every event exactly once,
    /// "also in" points at real sentences of other articles, the co-occurrence matrix and any
    /// list of name corrections (naming real or made-up entities) never panic.
    #[test]
    fn views_over_any_corpus_are_total(
        texts in prop::collection::vec(tricky_text(), 1..4),
        picks in prop::collection::vec((0usize..8, 0usize..8, 0u8..5, any_text()), 0..6),
    ) {
        let corpus = build(&texts);
        let stories = story::group(&corpus);
        let mut seen = vec![0u32; corpus.events.len()];
        for s in &stories {
            for &e in &s.events {
                seen[e as usize] += 1;
            }
        }
        prop_assert!(seen.iter().all(|&n| n == 1), "{:?}", seen);
        for d in 0..corpus.documents.len() as u32 {
            for e in echo::echoes(&corpus, d) {
                prop_assert!(e.doc != d);
                prop_assert!((e.other as usize) < corpus.documents[e.doc as usize].sentences.len());
                prop_assert!((e.sentence as usize) < corpus.documents[d as usize].sentences.len());
            }
        }
        let _ = cooccur::matrix(&corpus, &corpus.search(&Query::default()), 10);
        let name = |i: usize, fallback: &str| {
            corpus.entities.get(i).map_or_else(|| fallback.to_string(), |e| e.name.clone())
        };
        let edits: Vec<Edit> = picks
            .iter()
            .map(|(a, b, kind, text)| match kind {
                0 => Edit::Merge { into: name(*a, text), from: vec![name(*b, text)] },
                1 => Edit::Split { name: name(*a, text), spelling: text.clone() },
                2 => Edit::Rename { from: name(*a, text), to: text.clone() },
                3 => Edit::Hide { name: name(*a, text) },
                _ => Edit::Kind { name: name(*b, text), kind: corpus_explorer::corpus::EntityKind::Place },
            })
            .collect();
        let curated = curate::apply(&corpus, &edits);
        for doc in &curated.documents {
            for s in &doc.sentences {
                prop_assert!(s.mentions.iter().all(|m| (m.entity as usize) < curated.entities.len()));
            }
        }
        prop_assert_eq!(curate::from_lines(&curate::to_lines(&edits)).len(), edits.iter().filter(|e| !matches!(e, Edit::Merge { from, .. } if from.is_empty())).count());
    }

    #[test]
    fn search_never_panics(texts in prop::collection::vec(tricky_text(), 1..4), q in any_text(), inc in 0u32..4, month in 1u8..13) {
        let corpus = build(&texts);
        let day = Day::new(2016, month, 1);
        for query in [
            Query { text: q.clone(), ..Query::default() },
            Query { text: q.clone(), include: vec![inc], exclude: vec![inc + 1], from: day, to: None },
            Query { text: format!("\"{q}"), from: None, to: day, ..Query::default() },
            Query { text: format!("{q}*"), from: day, to: Day::new(2015, 1, 1), ..Query::default() },
        ] {
            let r = corpus.search(&query);
            prop_assert_eq!(r.entity_counts.len(), corpus.entities.len());
            // The events shown are exactly those of the hits inside the range, chronological.
            let hit_docs: std::collections::BTreeSet<u32> = r.hits.iter().map(|h| h.doc).collect();
            let (from, to) = match (query.from, query.to) {
                (None, None) => (None, None),
                (a, b) => {
                    let (a, b) = (a.unwrap_or(Day::new(1, 1, 1).unwrap()), b.unwrap_or(Day::new(9999, 12, 31).unwrap()));
                    (Some(a.min(b)), Some(a.max(b)))
                }
            };
            let expected: Vec<u32> = (0..corpus.events.len() as u32)
                .filter(|&i| {
                    let e = &corpus.events[i as usize];
                    hit_docs.contains(&e.doc) && from.is_none_or(|f| e.date.overlaps(f, to.unwrap()))
                })
                .collect();
            prop_assert_eq!(&r.events[..], &expected[..]);
            for hit in &r.hits {
                for &(s, e) in &hit.snippet.highlights {
                    prop_assert!(hit.snippet.text.get(s as usize..e as usize).is_some());
                }
            }
            for doc in &corpus.documents {
                for s in &doc.sentences {
                    for (a, b) in corpus.highlight(&query, &s.text) {
                        prop_assert!(s.text.get(a as usize..b as usize).is_some());
                    }
                }
            }
        }
    }

    #[test]
    fn normalise_is_idempotent(text in any_text()) {
        let once = clean::normalise(&text);
        prop_assert_eq!(clean::normalise(&once), once);
    }
}

/// What the page's analyser does with several workers: each builds a run of the articles
/// (`par::runs`), packs it, and the first joins the runs in order and runs the corpus-wide
/// stages. The packed corpus must be the one a single worker builds, byte for byte.
fn built_in_runs(sources: &[Source<'_>], toml: Option<&str>, parts: usize) -> Vec<u8> {
    let weights: Vec<u64> = sources.iter().map(|s| s.text.len() as u64).collect();
    let mut documents = Vec::new();
    for run in par::runs(&weights, parts) {
        let packed = pack::encode_documents(sources[run].iter().map(document::build).collect());
        documents.extend(pack::decode_documents(&packed, sources.len(), 0).expect("a run decodes"));
    }
    pack::encode(&Corpus::from_documents(documents, toml, &mut |_| {}))
}

proptest! {
    #[test]
    fn articles_built_by_several_workers_give_one_workers_corpus(
        texts in prop::collection::vec(any_text(), 0..6),
        parts in 1usize..5,
    ) {
        let ids: Vec<String> = (0..texts.len()).map(|i| format!("doc{i:03}")).collect();
        let sources: Vec<Source<'_>> = ids.iter().zip(&texts).map(|(id, text)| Source { id, text }).collect();
        let one = pack::encode(&Corpus::build(&sources, None));
        prop_assert!(built_in_runs(&sources, None, parts) == one);
    }
}

#[test]
fn the_shipped_articles_built_by_several_workers_give_one_workers_corpus() {
    let folder = corpus_explorer::folder::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")))
        .expect("seeds/ is readable");
    let sources: Vec<Source<'_>> = folder.files.iter().map(|(id, text)| Source { id, text }).collect();
    let toml = folder.entities_toml.as_deref();
    let one = pack::encode(&Corpus::build(&sources, toml));
    for parts in 1..=sources.len() + 1 {
        assert!(built_in_runs(&sources, toml, parts) == one, "{parts} workers");
    }
}

/// The native tools build on every core; the corpus is the same as the one-thread build.
#[test]
fn a_parallel_build_is_the_same_corpus() {
    let texts: Vec<String> = (0..7)
        .map(|i| format!("Title {i}\n\nAcme Group said on 3 May 2016 that Jane Doe {i} will visit Paris next week. It was founded in 19{i}5.\n"))
        .collect();
    let sources: Vec<Source<'_>> =
        texts.iter().enumerate().map(|(i, t)| Source { id: ["a", "b", "c", "d", "e", "f", "g"][i], text: t }).collect();
    let one = Corpus::build(&sources, None);
    for threads in [1, 2, 3, 8, 20] {
        let many = Corpus::build_parallel(&sources, None, threads);
        assert_eq!(pack::encode(&many), pack::encode(&one), "{threads} threads");
    }
}
