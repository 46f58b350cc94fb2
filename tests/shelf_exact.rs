//! The static corpus answers exactly what the in-memory corpus answers (issue 18): on a
//! 2 000-article synthetic corpus, every hit (article, score, snippet), every name count and
//! every event under a set of queries and filters is the same, fetching only the files the shelf
//! asks for. The queries are drawn from the corpus itself (a common word, a rare one, a prefix,
//! a phrase out of an article, its most and least named names, a date range around its events),
//! so nothing here knows what the synthetic text says.
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use corpus_explorer::corpus::cooccur::{self, Cooccurrence};
use corpus_explorer::corpus::echo;
use corpus_explorer::corpus::shelf::{self, Missing, Shelf};
use corpus_explorer::corpus::story::{self, Card, Story};
use corpus_explorer::corpus::{query, Corpus, Day, Query, Results, Source};
use corpus_explorer::ui::table;

fn synthetic(n: usize) -> Corpus {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("shelf-synth-{n}"));
    if !dir.join("done").exists() {
        let status = Command::new(env!("CARGO_BIN_EXE_synth"))
            .args([&n.to_string(), dir.to_str().unwrap(), "18"])
            .status()
            .expect("synth runs");
        assert!(status.success());
        std::fs::write(dir.join("done"), "").unwrap();
    }
    let folder = corpus_explorer::folder::load(&dir).expect("the synthetic folder reads");
    let sources: Vec<Source<'_>> = folder.files.iter().map(|(id, text)| Source { id, text }).collect();
    Corpus::build(&sources, folder.entities_toml.as_deref())
}

/// Runs a query the way the page does: ask, fetch what is missing, ask again. Returns the
/// results and the files fetched.
fn ask(shelf: &mut Shelf, files: &BTreeMap<String, Vec<u8>>, query: &Query) -> (Results, Vec<String>) {
    let mut fetched = Vec::new();
    let mut previews = Vec::new();
    let mut early_counts = Vec::new();
    let ranked = |r: &Results| r.hits.iter().map(|h| (h.doc, h.score.to_bits())).collect::<Vec<_>>();
    for _round in 0..4 {
        match shelf.search(query) {
            Ok(results) => {
                // What the page lists while the counts are fetched is the answer's ranking.
                for preview in &previews {
                    assert_eq!(ranked(preview), ranked(&results), "the preview's ranking of {query:?}");
                }
                // And the counts it works out while the text comes are the answer's.
                for counts in &early_counts {
                    assert_eq!(counts, &results.entity_counts, "the early counts of {query:?}");
                }
                return (results, fetched);
            }
            Err(Missing(paths)) => {
                assert!(!paths.is_empty(), "a query that cannot be answered names what it needs");
                previews.extend(shelf.preview(query));
                // When only the first page's text is missing, the counts can be had already.
                let early = shelf.name_counts(query);
                if paths.iter().all(|p| p.starts_with("text/")) {
                    assert!(early.is_some(), "{query:?} waits only for text, yet has no counts");
                }
                early_counts.extend(early);
                for path in paths {
                    assert!(!shelf.has(&path), "{path} asked for twice");
                    let bytes = files.get(&path).unwrap_or_else(|| panic!("{path} is not a file of the corpus"));
                    shelf.add(&path, bytes).unwrap();
                    fetched.push(path);
                }
            }
        }
    }
    panic!("a query needed more than three rounds of fetches: {query:?}");
}

/// A passage as compared: its sentence, how many articles repeat it, and the first few as
/// (number, sentence, id, title).
type Compared = (u32, u32, Vec<(u32, u32, String, String)>);

/// The served reader's "also in" links are the embedded reader's: for every article, every
/// sentence another article repeats (`echo::Shingles` over the whole corpus in memory), how
/// many articles repeat it and the first `echo::SHOWN` of them in date order, with their
/// sentence, id and title. Returns how many articles share a passage.
fn assert_passages_match(corpus: &Corpus, files: &BTreeMap<String, Vec<u8>>) -> usize {
    let mut shelf = Shelf::open(&files["summary.bin"]).unwrap();
    let number = &corpus.index.date_rank;
    let shingles = echo::Shingles::new(corpus);
    let mut sharing = 0;
    for d in 0..corpus.documents.len() {
        let n = number[d];
        let got = match shelf.passages(n) {
            Ok(got) => got.to_vec(),
            Err(Missing(paths)) => {
                assert_eq!(paths, [format!("echoes/{}.bin", n as usize / shelf::ECHO_CHUNK)]);
                shelf.add(&paths[0], &files[&paths[0]]).unwrap();
                shelf.passages(n).unwrap().to_vec()
            }
        };
        // (sentence, articles repeating it, the first few as (number, sentence, id, title))
        let mut want: BTreeMap<u32, Vec<(u32, u32, String, String)>> = BTreeMap::new();
        for e in shingles.echoes(corpus, d as u32) {
            let other = &corpus.documents[e.doc as usize];
            want.entry(e.sentence).or_default().push((
                number[e.doc as usize],
                e.other,
                other.id.clone(),
                other.title.clone(),
            ));
        }
        let want: Vec<Compared> = want
            .into_iter()
            .map(|(s, mut others)| {
                others.sort();
                let count = others.len() as u32;
                others.truncate(echo::SHOWN);
                (s, count, others)
            })
            .collect();
        let got: Vec<Compared> = got
            .into_iter()
            .map(|p| {
                let shown = p.shown.into_iter().map(|x| (x.number, x.sentence, x.id, x.title)).collect();
                (p.sentence, p.articles, shown)
            })
            .collect();
        assert_eq!(got, want, "the passages of {}", corpus.documents[d].id);
        sharing += usize::from(!got.is_empty());
    }
    sharing
}

/// The story list under `query`'s `results` as the page reads it (the story-of files, or a
/// counts file's stories, then the first page's story files), checked against the in-memory list of `expected`: the same stories in
/// the same order, the same count of stories with several sources, and each row's card the one
/// the embedded page draws. Returns how many of the shown stories several articles report.
fn assert_stories_match(
    corpus: &Corpus,
    all: &[Story],
    shelf: &mut Shelf,
    files: &BTreeMap<String, Vec<u8>>,
    query: &Query,
    (got, expected): (&Results, &Results),
) -> usize {
    let (visible, multi) = loop {
        match shelf.stories(query, got) {
            Ok(answer) => break answer,
            Err(Missing(paths)) => {
                let one_set = matches!(&paths[..], [p] if p.starts_with("storysets/"));
                assert!(one_set || paths.iter().all(|p| p.starts_with("storyof")), "{paths:?}");
                paths.iter().for_each(|p| shelf.add(p, &files[p]).unwrap());
            }
        }
    };
    let want = story::visible(all, &expected.events, corpus.events.len());
    assert_eq!(visible, want, "the stories");
    let want_multi = want.iter().filter(|&&k| all[k as usize].docs.len() > 1).count();
    assert_eq!(multi as usize, want_multi, "stories with several sources");
    for &k in visible.iter().take(40) {
        if let Err(Missing(paths)) = shelf.story(k) {
            assert_eq!(paths, [format!("stories/{}.bin", k as usize / shelf::STORY_CHUNK)]);
            shelf.add(&paths[0], &files[&paths[0]]).unwrap();
        }
        let whole = Card::new(&all[k as usize], corpus);
        assert_eq!(shelf.story(k).unwrap(), &whole.shown(), "story {k}");
        if let Err(Missing(paths)) = shelf.story_sources(k) {
            assert_eq!(paths, [format!("storysources/{}.bin", k as usize / shelf::STORY_CHUNK)]);
            shelf.add(&paths[0], &files[&paths[0]]).unwrap();
        }
        assert_eq!(shelf.story_sources(k).unwrap(), whole.sources, "story {k}'s sources");
    }
    visible.iter().take(40).filter(|&&k| all[k as usize].docs.len() > 1).count()
}

/// The downloads of the view: every table the served page writes is the embedded page's, row
/// for row, fetched in at most two rounds. Returns the rows written.
fn assert_tables_match(
    corpus: &Corpus,
    all: &[Story],
    shelf: &mut Shelf,
    files: &BTreeMap<String, Vec<u8>>,
    query: &Query,
    (got, expected): (&Results, &Results),
) -> usize {
    let mut rows = 0;
    for (name, _) in table::TABLES {
        let mut rounds = 0;
        let served = loop {
            match table::served(name, shelf, query, got) {
                Ok(served) => break served,
                Err(Missing(paths)) => {
                    rounds += 1;
                    assert!(rounds <= 3, "{name} needs more than three rounds: {paths:?}");
                    for p in &paths {
                        assert!(!shelf.has(p), "{p} asked for twice");
                        shelf.add(p, &files[p]).unwrap();
                    }
                }
            }
        };
        let want = match name {
            "articles" => table::articles(corpus, expected),
            "events" => table::events(corpus, expected),
            "names" => table::names(corpus, expected),
            _ => table::stories(corpus, all, expected),
        };
        assert_eq!(served, want, "the {name} table");
        rows += served.len() - 1;
    }
    rows
}

/// "Who appears with whom" from the pairs files, fetched as the shelf asks (one round).
fn cooccurrence(
    shelf: &mut Shelf,
    files: &BTreeMap<String, Vec<u8>>,
    query: &Query,
    results: &Results,
) -> Cooccurrence {
    match shelf.cooccurrence(query, results, 10) {
        Ok(m) => m,
        Err(Missing(paths)) => {
            for p in &paths {
                assert!((p.starts_with("pairs/") || p.starts_with("pairspans/")) && !shelf.has(p), "{p}");
                shelf.add(p, &files[p]).unwrap();
            }
            shelf.cooccurrence(query, results, 10).expect("one round of pairs files answers it")
        }
    }
}

#[test]
fn the_static_corpus_gives_the_in_memory_answer_to_every_query() {
    let corpus = synthetic(2000);
    let written = shelf::write(&corpus);
    let written_version = written.version.clone();
    let files: BTreeMap<String, Vec<u8>> = written.files.into_iter().collect();
    // Stories of more sources than a row shows: their cards are stored shown, their sources apart.
    assert!(files.keys().any(|p| p.starts_with("storysources/")), "a story of many sources");
    // Article numbers on the shelf are the date order; map them back to the corpus's.
    let index = &corpus.index;
    let mut by_number = vec![0u32; corpus.documents.len()];
    for (d, &r) in index.date_rank.iter().enumerate() {
        by_number[r as usize] = d as u32;
    }

    // Queries out of the corpus: words by document frequency, a prefix, a phrase, names.
    let mut by_df: Vec<(usize, &str)> =
        index.terms.iter().enumerate().map(|(t, w)| (index.df(t as u32), w.as_str())).collect();
    by_df.sort_unstable();
    let common = by_df.last().unwrap().1.to_string();
    let rare = by_df.iter().find(|(df, w)| *df == 2 && w.len() > 4).unwrap().1.to_string();
    let middling = by_df[by_df.len() * 9 / 10].1.to_string();
    let prefix: String = middling.chars().take(3).collect();
    let sentence = corpus.documents[7].sentences.iter().find(|s| !s.boilerplate && s.text.len() > 60).unwrap();
    let phrase: Vec<&str> = sentence.text.split_whitespace().skip(1).take(3).collect();
    let phrase = format!("\"{}\"", phrase.join(" "));
    let mut names: Vec<(usize, u32)> =
        corpus.entities.iter().enumerate().map(|(e, x)| (x.docs.len(), e as u32)).collect();
    names.sort_unstable();
    let top = names.last().unwrap().1;
    let second = names[names.len() - 2].1;
    let small = names.iter().find(|(docs, _)| *docs >= 3).unwrap().1;
    let mid_event = &corpus.events[corpus.events.len() / 2].date;
    let from = mid_event.start;
    let to = Day { year: from.year + 1, ..from };

    let q = |text: &str| Query { text: text.into(), ..Query::default() };
    let queries = vec![
        Query::default(),
        q(&common),
        q(&rare),
        q(&format!("{middling} ")),
        q(&format!("{prefix}*")),
        q(&prefix),
        q(&phrase),
        q(&format!("{phrase} {middling} ")),
        q("zzzz-not-a-word"),
        Query { include: vec![top], ..Query::default() },
        Query { include: vec![top, second], ..Query::default() },
        Query { exclude: vec![top], ..Query::default() },
        Query { include: vec![small], text: common.clone(), ..Query::default() },
        Query { from: Some(from), to: Some(to), ..Query::default() },
        Query { from: Some(to), to: Some(from), text: format!("{prefix}*"), ..Query::default() },
        Query { from: Some(from), exclude: vec![second], ..Query::default() },
        Query { include: vec![corpus.entities.len() as u32 + 5], ..Query::default() },
    ];
    let entry = shelf::entry(&written_version, files.len(), files.len());
    assert_eq!(shelf::entry_version(&entry), Some(written_version.as_str()));
    assert_eq!(shelf::entry_version(r#"{"version":"../../etc/passwd"}"#), None);
    assert_eq!(shelf::entry_version("<html>not found</html>"), None);
    let summary = files.get("summary.bin").unwrap();
    let mut shelf = Shelf::open(summary).unwrap();
    assert_eq!(shelf.summary.doc_count as usize, corpus.documents.len());
    let dated = corpus.documents.iter().filter(|d| d.date.is_some()).count();
    assert_eq!(shelf.summary.dated as usize, dated);
    assert!(dated > 0, "dated articles, so the sort by date means something");
    let stories = story::group(&corpus);
    let mut fetched = Vec::new();
    let mut found = 0;
    let mut reported = 0;
    let mut downloaded = 0;
    let mut paired = 0;
    let mut answers = Vec::new();
    let (mut broad, mut counted_files) = (0, Vec::new());
    for query in &queries {
        let expected = corpus.search(query);
        let (got, paths) = ask(&mut shelf, &files, query);
        // A broad search (one word or prefix, no filter, many articles) is counted from its
        // counts file, written at build time, not from the rows of all its articles.
        if shelf::Key::of(query).is_some() && expected.hits.len() >= shelf::broad_from(corpus.documents.len()) {
            assert_eq!(shelf.row_files_in(&paths), 0, "{query:?} fetched rows: {paths:?}");
            // Its "who appears with whom" is in that file too: no pairs file.
            assert_eq!(shelf.cooccurrence(query, &got, 10), Ok(cooccur::matrix(&corpus, &expected, 10)), "{query:?}");
            broad += 1;
            counted_files.extend(paths.iter().filter(|p| p.starts_with("counts/")).cloned());
        }
        answers.push(got.clone());
        fetched.push(paths.iter().map(|p| files[p].len()).sum::<usize>());
        let got_docs: Vec<u32> = got.hits.iter().map(|h| by_number[h.doc as usize]).collect();
        let expected_docs: Vec<u32> = expected.hits.iter().map(|h| h.doc).collect();
        assert_eq!(got_docs, expected_docs, "hits of {query:?}");
        for (g, e) in got.hits.iter().zip(&expected.hits) {
            assert_eq!(g.score.to_bits(), e.score.to_bits(), "score of a hit of {query:?}");
            assert_eq!(g.snippet, e.snippet, "snippet of a hit of {query:?}");
        }
        assert_eq!(got.entity_counts, expected.entity_counts, "name counts of {query:?}");
        // The list by date: the embedded list's order, from the days file alone.
        let by_date = loop {
            match shelf.date_order(&got.hits) {
                Ok(order) => break order,
                Err(Missing(paths)) => paths.iter().for_each(|p| shelf.add(p, &files[p]).unwrap()),
            }
        };
        let want = query::newest_first(&expected.hits, |d| corpus.documents[d as usize].date.map(|v| v.start));
        let got_ids: Vec<u32> = by_date.iter().map(|&i| by_number[got.hits[i as usize].doc as usize]).collect();
        let want_ids: Vec<u32> = want.iter().map(|&i| expected.hits[i as usize].doc).collect();
        assert_eq!(got_ids, want_ids, "by date: {query:?}");
        assert_eq!(got.events, expected.events, "events of {query:?}");
        // The timeline's months from the event numbers alone, as from the events' own dates.
        let mut months: BTreeMap<(i32, u8), u32> = BTreeMap::new();
        for &e in expected.events.iter() {
            let start = corpus.events[e as usize].date.start;
            *months.entry((start.year, start.month)).or_default() += 1;
        }
        let counted = shelf.summary.month_counts(&got.events);
        let by_month: BTreeMap<(i32, u8), u32> = shelf
            .summary
            .months
            .iter()
            .zip(&counted)
            .filter(|(_, &c)| c > 0)
            .map(|(&(y, m, _), &c)| ((y, m), c))
            .collect();
        assert_eq!(by_month, months, "the timeline of {query:?}");
        // The list of dated events: its first page from the event-text files, as in memory
        // (the article by its number on the shelf).
        for &e in got.events.iter().take(20) {
            let event = match shelf.event(e) {
                Ok(event) => event.clone(),
                Err(Missing(paths)) => {
                    assert_eq!(paths, [format!("eventtext/{}.bin", e as usize / shelf::EVENT_TEXT_CHUNK)]);
                    shelf.add(&paths[0], &files[&paths[0]]).unwrap();
                    shelf.event(e).unwrap().clone()
                }
            };
            let want = &corpus.events[e as usize];
            let shown = |x: &corpus_explorer::corpus::Event, doc: u32| {
                (x.date, doc, x.sentence, x.start, x.end, x.expression.clone(), x.resolution.clone(), x.inferred)
            };
            assert_eq!(shown(&event, by_number[event.doc as usize]), shown(want, want.doc), "event {e}");
        }
        let matrix = cooccurrence(&mut shelf, &files, query, &got);
        assert_eq!(matrix, cooccur::matrix(&corpus, &expected, 10), "who appears with whom under {query:?}");
        reported += assert_stories_match(&corpus, &stories, &mut shelf, &files, query, (&got, &expected));
        downloaded += assert_tables_match(&corpus, &stories, &mut shelf, &files, query, (&got, &expected));
        paired += usize::from(matrix.max() > 1);
        found += usize::from(!expected.hits.is_empty());
    }
    assert!(broad >= 3, "the common word and the prefix, typed and starred, are broad searches: {broad}");
    assert!(!counted_files.is_empty(), "a counts file was fetched");
    assert!(found >= queries.len() - 4, "most queries find something, so the comparison means something: {found}");
    assert!(downloaded > 10_000, "the tables have rows to compare: {downloaded}");
    assert!(reported > 0, "some shown stories have several sources, so their cards mean something");
    assert!(paired >= queries.len() / 2, "most views have pairs named together more than once: {paired}");
    // The passages the synthetic articles share (their sentences come from a few hundred, so
    // most are everywhere and link nothing): the same on the shelf as in memory.
    let sharing = assert_passages_match(&corpus, &files);
    eprintln!("articles sharing a passage: {sharing}");
    // The shelf keeps the last ranking between rounds; asked again after others, every query
    // still gets its own answer, in reverse order too.
    for (query, answer) in queries.iter().zip(&answers).rev() {
        assert_eq!(&ask(&mut shelf, &files, query).0, answer, "asked again: {query:?}");
    }
    // The first page of an article opens from the text files alone.
    let first = shelf.document(0).map(|d| d.id.clone());
    assert_eq!(first.ok(), Some(corpus.documents[by_number[0] as usize].id.clone()));
    // A fresh shelf, the unfiltered view: the summary and one text file, no index.
    let mut fresh = Shelf::open(summary).unwrap();
    let (start_answer, start) = ask(&mut fresh, &files, &Query::default());
    // Who appears with whom over every article: from the summary alone, no pairs file.
    let everything = corpus.search(&Query::default());
    assert_eq!(fresh.cooccurrence(&Query::default(), &start_answer, 10), Ok(cooccur::matrix(&corpus, &everything, 10)));
    // The story list over every article: its count from the summary, no story-of file.
    let (all_stories, _) = fresh.stories(&Query::default(), &start_answer).unwrap();
    assert_eq!(all_stories.len(), stories.len());
    let text = start.iter().filter(|p| p.starts_with("text/")).count();
    assert_eq!(text, 50usize.div_ceil(shelf::TEXT_CHUNK), "{start:?}");
    assert_eq!(start.len(), text + 1, "the first page's text and the names' totals, no index: {start:?}");
    assert!(start.contains(&"totals/0.bin".to_string()), "{start:?}");
    // The chips at start come from the summary alone: the most named names, with their totals.
    let (e, name) = &fresh.summary.top[0];
    assert_eq!(name.total as usize, names.last().unwrap().0);
    assert_eq!(name.name, corpus.entities[*e as usize].name);
    assert_eq!(fresh.summary.top.len(), corpus.entities.len().min(shelf::TOP_NAMES));
    // The chip filter: every name containing the text, once the whole table is in.
    let needle = corpus.entities[corpus.entities.len() / 2].name.to_lowercase();
    let needle: String = needle.chars().take(3).collect();
    let mut finder = Shelf::open(summary).unwrap();
    let tables = match finder.find_names(&needle) {
        Err(Missing(paths)) => paths,
        Ok(_) => panic!("the table is needed"),
    };
    assert_eq!(tables.len(), corpus.entities.len().div_ceil(shelf::TABLE_CHUNK));
    for t in &tables {
        finder.add(t, &files[t]).unwrap();
    }
    let want: Vec<u32> = (0..corpus.entities.len() as u32)
        .filter(|&e| corpus.entities[e as usize].name.to_lowercase().contains(&needle))
        .collect();
    assert!(!want.is_empty());
    assert_eq!(finder.find_names(&needle), Ok(want));
    // Names resolve to numbers from the summary, and beyond it once their table file is in.
    assert_eq!(fresh.number_of(&name.name), Some(*e));
    assert_eq!(fresh.name(*e).map(|n| n.name.clone()), Ok(name.name.clone()));
    let (rare_e, _) =
        names.iter().map(|&(d, e)| (e, d)).find(|(e, _)| fresh.summary.top.iter().all(|(t, _)| t != e)).unwrap();
    let rare_name = &corpus.entities[rare_e as usize].name;
    assert_eq!(fresh.number_of(rare_name), None, "not fetched yet");
    let Err(Missing(table)) = fresh.name(rare_e) else { panic!("a name beyond the summary needs its table file") };
    fresh.add(&table[0], &files[&table[0]]).unwrap();
    assert_eq!(fresh.number_of(rare_name), Some(rare_e));
    eprintln!("bytes fetched per query: {fetched:?}");
}

/// The shipped seeds, some dated only by their own words and some not at all: the served list
/// by date is the embedded one, undated articles last.
#[test]
fn the_seeds_sort_by_date_on_the_shelf_as_in_memory() {
    let folder = corpus_explorer::folder::load(&PathBuf::from("seeds")).expect("seeds/ reads");
    let sources: Vec<Source<'_>> = folder.files.iter().map(|(id, text)| Source { id, text }).collect();
    let corpus = Corpus::build(&sources, folder.entities_toml.as_deref());
    let written = shelf::write(&corpus);
    let files: BTreeMap<String, Vec<u8>> = written.files.into_iter().collect();
    let mut shelf = Shelf::open(&files["summary.bin"]).unwrap();
    let dated = corpus.documents.iter().filter(|d| d.date.is_some()).count();
    assert_eq!(shelf.summary.dated as usize, dated);
    let (got, _) = ask(&mut shelf, &files, &Query::default());
    let expected = corpus.search(&Query::default());
    let order = match shelf.date_order(&got.hits) {
        Ok(order) => order,
        Err(Missing(paths)) => {
            paths.iter().for_each(|p| shelf.add(p, &files[p]).unwrap());
            shelf.date_order(&got.hits).unwrap()
        }
    };
    let ids = |docs: Vec<&str>| docs.into_iter().map(str::to_string).collect::<Vec<_>>();
    let got_ids = ids(order.iter().map(|&i| shelf.document(got.hits[i as usize].doc).unwrap().id.as_str()).collect());
    let want = query::newest_first(&expected.hits, |d| corpus.documents[d as usize].date.map(|v| v.start));
    let want_ids =
        ids(want.iter().map(|&i| corpus.documents[expected.hits[i as usize].doc as usize].id.as_str()).collect());
    assert_eq!(got_ids, want_ids);
    assert_eq!(got_ids.len(), corpus.documents.len());
    // Who appears with whom over the seeds: the in-memory matrix, and the story's main actors
    // named together in more than one sentence.
    let matrix = cooccurrence(&mut shelf, &files, &Query::default(), &got);
    assert_eq!(matrix, cooccur::matrix(&corpus, &expected, 10));
    assert!(matrix.max() > 1, "{matrix:?}");
    // The seeds retell one story, and some of their sentences are one passage translated
    // twice: the served reader links them as the embedded one does.
    assert!(assert_passages_match(&corpus, &files) >= 2, "two seeds at least share a passage");
    // The seeds report the same happenings: the served story list is the embedded one, and
    // has stories told by more than one seed.
    let stories = story::group(&corpus);
    assert!(assert_stories_match(&corpus, &stories, &mut shelf, &files, &Query::default(), (&got, &expected)) > 0);
}

#[test]
fn damaged_or_truncated_files_are_refused_not_panicked_on() {
    let written = shelf::write(&synthetic(80));
    let summary = &written.files.iter().find(|(p, _)| p == "summary.bin").unwrap().1;
    assert!(Shelf::open(&summary[..summary.len() / 2]).is_err());
    assert!(Shelf::open(b"not a summary").is_err());
    damage_each(&written.files, summary);
    // Span files exist above one row file's articles.
    let written = shelf::write(&synthetic(300));
    let spans: Vec<(String, Vec<u8>)> = written.files.iter().filter(|(p, _)| p.contains("spans/")).cloned().collect();
    assert_eq!(spans.len(), 4, "one span of rows, one of pairs, one of the catalogue, one of story-of files");
    damage_each(&spans, &written.files.iter().find(|(p, _)| p == "summary.bin").unwrap().1);
}

/// Cuts and flips bytes of each of `files`: each damaged one is an error or a consistent read,
/// and each whole one reads back.
fn damage_each(files: &[(String, Vec<u8>)], summary: &[u8]) {
    // A file read against another (a story's sources against its card) comes after it.
    let before = |path: &str| -> Option<&[u8]> {
        let story = path.strip_prefix("storysources/").map(|i| format!("stories/{i}"))?;
        files.iter().find(|(p, _)| *p == story).map(|(_, b)| b.as_slice())
    };
    for (path, bytes) in files {
        if path == "summary.bin" {
            continue;
        }
        let open = || {
            let mut shelf = Shelf::open(summary).unwrap();
            if let Some(story) = before(path) {
                assert!(shelf.add(path, bytes).is_err(), "{path} before its story file is refused");
                shelf.add(&path.replace("storysources/", "stories/"), story).unwrap();
            }
            shelf
        };
        let mut shelf = open();
        // Every truncation and a spread of single-byte flips: an error or a consistent read.
        let cuts = (0..bytes.len()).step_by((bytes.len() / 64).max(1));
        for cut in cuts {
            let _ = shelf.add(path, &bytes[..cut]);
        }
        for at in (0..bytes.len()).step_by((bytes.len() / 64).max(1)) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x5a;
            let mut s = open();
            if s.add(path, &damaged).is_ok() {
                // Whatever was accepted must not make a query panic.
                if let Ok(r) = s.search(&Query { text: "a".into(), ..Query::default() }) {
                    let _ = s.date_order(&r.hits);
                }
            }
        }
        assert!(shelf.add(path, bytes).is_ok(), "{path} reads back whole");
        assert!(shelf.add(&path.replace(".bin", "9999.bin"), bytes).is_err(), "an unknown file is refused");
    }
}

/// A reader's name corrections on a served corpus (issue 18): merges, renames, a change of kind
/// and a hide, applied by re-mapping numbers without fetching anything again, give what the same
/// edits give over the corpus in memory (`curate::apply_names`): the same hits, the same chips
/// (name, kind, count) in the same order, the same events and the same download tables (the
/// stories are the ones grouped at build time);
/// "who appears with whom" is the same wherever no merge is involved, and never below the
/// in-memory count where one is (the files keep pairs, not sentences).
#[test]
fn name_corrections_on_the_static_corpus_give_the_corrected_in_memory_answer() {
    use corpus_explorer::corpus::curate::{self, Edit};
    use corpus_explorer::corpus::EntityKind;

    let corpus = synthetic(2000);
    let files: BTreeMap<String, Vec<u8>> = shelf::write(&corpus).files.into_iter().collect();
    let mut by_number = vec![0u32; corpus.documents.len()];
    for (d, &r) in corpus.index.date_rank.iter().enumerate() {
        by_number[r as usize] = d as u32;
    }
    // Names by how many articles name them, most first; the edits pick from the corpus itself.
    let mut ranked: Vec<(usize, u32)> =
        corpus.entities.iter().enumerate().map(|(e, x)| (x.docs.len(), e as u32)).collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    let name = |k: usize| corpus.entities[ranked[k].1 as usize].name.clone();
    let beyond_summary = name(shelf::TOP_NAMES + 10);
    let renamed = "A Corrected Name".to_string();
    let third_kind = corpus.entities[ranked[2].1 as usize].kind;
    let kind = if third_kind == EntityKind::Place { EntityKind::Person } else { EntityKind::Place };
    let applied = vec![
        Edit::Merge { into: name(0), from: vec![name(1), beyond_summary.clone()] },
        Edit::Rename { from: name(2), to: renamed.clone() },
        Edit::Kind { name: renamed.clone(), kind },
        Edit::Hide { name: name(3) },
        Edit::Merge { into: renamed.clone(), from: vec![name(4), name(1)] },
        // A rename onto a name in use changes nothing, here and in memory.
        Edit::Rename { from: name(5), to: name(0) },
        // A merge of names in some articles, not nearly all, so excluding it leaves some.
        Edit::Merge { into: name(40), from: vec![name(41), name(42)] },
    ];
    let mut edits = applied.clone();
    edits.push(Edit::Split { name: name(6), spelling: name(6) });
    edits.push(Edit::Hide { name: "not a name of this corpus".into() });
    let edited = curate::apply_names(&corpus, &applied);

    let mut shelf = Shelf::open(&files["summary.bin"]).unwrap();
    // The rename's new name is in no file fetched yet: the whole name table says it is new.
    let not_applied = match shelf.correct(&edits) {
        Err(Missing(paths)) => {
            assert_eq!(paths, shelf.missing_table());
            paths.iter().for_each(|p| shelf.add(p, &files[p]).unwrap());
            shelf.correct(&edits).unwrap()
        }
        Ok(_) => panic!("a new name needs the name table"),
    };
    // The split, the rename onto a name in use and the unknown name; the in-memory corpus
    // skips the same two and makes the split.
    assert_eq!(not_applied, 3, "{:?}", shelf.corrections());
    assert!(shelf.corrections().merges());
    assert_eq!(shelf.find(&name(1)), None, "merged away");
    assert_eq!(shelf.find(&name(3)), None, "hidden");
    assert_eq!(shelf.find(&name(2)), None, "renamed");
    assert_eq!(shelf.find(&renamed.to_uppercase()), Some(ranked[2].1));

    let common = {
        let index = &corpus.index;
        let t = (0..index.terms.len() as u32).max_by_key(|&t| index.df(t)).unwrap();
        index.terms[t as usize].clone()
    };
    let mid = corpus.events[corpus.events.len() / 2].date.start;
    let text = |t: &str| (t.to_string(), Vec::<String>::new(), Vec::<String>::new());
    let views: Vec<(String, Vec<String>, Vec<String>)> = vec![
        text(""),
        text(&common),
        (String::new(), vec![name(0)], vec![]),
        (String::new(), vec![renamed.clone()], vec![]),
        (common.clone(), vec![], vec![name(40)]),
        (String::new(), vec![name(50)], vec![name(40)]),
        (String::new(), vec![name(40)], vec![]),
        (String::new(), vec![name(5)], vec![renamed.clone()]),
    ];
    // The stories stay as grouped at build time (a merge does not regroup them on a served
    // corpus): the table lists the built stories of the corrected view's events.
    let stories = story::group(&corpus);
    let mut compared_cells = 0;
    let mut found = 0;
    for (i, (words, include, exclude)) in views.iter().enumerate() {
        let on = |numbers: &dyn Fn(&str) -> Option<u32>, names: &[String]| {
            names.iter().map(|n| numbers(n).unwrap_or_else(|| panic!("{n} is found"))).collect::<Vec<u32>>()
        };
        let (from, to) = if i == 1 { (Some(mid), Some(Day { year: mid.year + 1, ..mid })) } else { (None, None) };
        let query = |numbers: &dyn Fn(&str) -> Option<u32>| Query {
            text: words.clone(),
            include: on(numbers, include),
            exclude: on(numbers, exclude),
            from,
            to,
        };
        let expected = edited.search(&query(&|n| edited.entity_by_name(n)));
        let shelf_query = query(&|n| shelf.find(n));
        let (got, _) = ask(&mut shelf, &files, &shelf_query);
        let got_docs: Vec<u32> = got.hits.iter().map(|h| by_number[h.doc as usize]).collect();
        let want_docs: Vec<u32> = expected.hits.iter().map(|h| h.doc).collect();
        assert_eq!(got_docs, want_docs, "hits of view {i}");
        found += usize::from(!got_docs.is_empty());
        assert_eq!(got.events, expected.events, "events of view {i}");
        let chips = |counts: &[u32], named: &dyn Fn(u32) -> (String, EntityKind)| -> Vec<(String, EntityKind, u32)> {
            counts
                .iter()
                .enumerate()
                .filter(|(_, &c)| c > 0)
                .map(|(e, &c)| {
                    let (n, k) = named(e as u32);
                    (n, k, c)
                })
                .collect()
        };
        let got_chips = chips(&got.entity_counts, &|e| {
            let n = shelf.name(e).unwrap();
            (n.name.clone(), n.kind)
        });
        let want_chips = chips(&expected.entity_counts, &|e| {
            let x = &edited.entities[e as usize];
            (x.name.clone(), x.kind)
        });
        assert_eq!(got_chips, want_chips, "chips of view {i}");
        assert!(got_chips.iter().any(|(n, k, _)| *n == renamed && *k == kind) || !include.is_empty(), "view {i}");
        assert_tables_match(&edited, &stories, &mut shelf, &files, &shelf_query, (&got, &expected));
        // Who appears with whom: the same names; the same counts unless a merge is involved.
        let matrix = cooccurrence(&mut shelf, &files, &shelf_query, &got);
        let want = cooccur::matrix(&edited, &expected, 10);
        let names_of = |m: &Cooccurrence, named: &dyn Fn(u32) -> String| -> Vec<String> {
            m.entities.iter().map(|&e| named(e)).collect()
        };
        assert_eq!(
            names_of(&matrix, &|e| shelf.name(e).unwrap().name.clone()),
            names_of(&want, &|e| edited.entities[e as usize].name.clone()),
            "pairs' names of view {i}"
        );
        let merged: Vec<bool> =
            matrix.entities.iter().map(|&e| shelf.corrections().groups().any(|(k, _)| k == e)).collect();
        for (a, row) in want.counts.iter().enumerate() {
            for (b, &n) in row.iter().enumerate() {
                if merged[a] || merged[b] {
                    assert!(matrix.counts[a][b] >= n, "view {i}: pair {a}, {b}");
                } else {
                    assert_eq!(matrix.counts[a][b], n, "view {i}: pair {a}, {b}");
                    compared_cells += 1;
                }
            }
        }
    }
    assert!(found >= views.len() - 1, "the views find articles, so they mean something: {found}");
    assert!(compared_cells > 100, "{compared_cells}");
    // The chip filter finds names as corrected: the new name, not the merged, hidden or old ones.
    assert_eq!(shelf.find_names("a corrected"), Ok(vec![ranked[2].1]));
    let old = name(3).to_lowercase();
    assert!(!shelf.find_names(&old).unwrap().contains(&ranked[3].1));
    // No corrections: the answer as built again.
    assert_eq!(shelf.correct(&[]), Ok(0));
    let (plain, _) = ask(&mut shelf, &files, &Query::default());
    assert_eq!(plain.entity_counts, corpus.search(&Query::default()).entity_counts);
}

/// Row files come in spans as well (`shelf::ROW_SPAN` of them in one file): a filter over most
/// articles needs nearly every row file, and at 100 000 articles the browser's work per request
/// was what a reader waited for. Such a filter fetches one span (of rows, of pairs, of the
/// catalogue for its download), a narrow one the few row files it needs; the counts, the
/// matrix and the table are the in-memory ones either way.
#[test]
fn a_filter_over_most_articles_fetches_its_rows_in_one_span_a_narrow_one_in_row_files() {
    let corpus = synthetic(2000);
    let files: BTreeMap<String, Vec<u8>> = shelf::write(&corpus).files.into_iter().collect();
    let rows = |paths: &[String], prefix: &str| paths.iter().filter(|p| p.starts_with(prefix)).count();
    // Every article but those of a name in a few (every article's "who appears with whom" is
    // in the summary; a name in many articles has a counts file, which needs no rows).
    let articles = |e: &usize| corpus.entities[*e].docs.len();
    let few = (0..corpus.entities.len()).find(|e| (2..shelf::broad_from(2000)).contains(&articles(e))).unwrap() as u32;
    let wide = Query { exclude: vec![few], ..Query::default() };
    assert!(corpus.search(&wide).hits.len() > 1000);
    let mut shelf = Shelf::open(&files["summary.bin"]).unwrap();
    let (got, paths) = ask(&mut shelf, &files, &wide);
    assert_eq!(got.entity_counts, corpus.search(&wide).entity_counts);
    assert_eq!((rows(&paths, "rowspans/"), rows(&paths, "rows/")), (1, 0), "{paths:?}");
    assert_eq!(shelf.row_files_in(&paths), 2000usize.div_ceil(shelf::ROW_CHUNK));
    // Its "who appears with whom" likewise: one span of pairs.
    let mut fetched = Vec::new();
    let matrix = match shelf.cooccurrence(&wide, &got, 10) {
        Err(Missing(paths)) => {
            for p in &paths {
                shelf.add(p, &files[p]).unwrap();
            }
            fetched = paths;
            shelf.cooccurrence(&wide, &got, 10).unwrap()
        }
        Ok(m) => m,
    };
    assert_eq!(fetched, vec!["pairspans/0.bin".to_string()]);
    assert_eq!(matrix, cooccur::matrix(&corpus, &corpus.search(&wide), 10));
    // And its download of articles: one span of the catalogue, the in-memory table.
    let Err(Missing(paths)) = table::served("articles", &shelf, &wide, &got) else {
        panic!("the catalogue is not here yet")
    };
    assert_eq!(paths, vec!["cataloguespans/0.bin".to_string()]);
    shelf.add(&paths[0], &files[&paths[0]]).unwrap();
    let served = table::served("articles", &shelf, &wide, &got).expect("one span answers it");
    assert_eq!(served, table::articles(&corpus, &corpus.search(&wide)));
    // And its story list: its events are in every story-of file, which come in one span.
    let Err(Missing(paths)) = shelf.stories(&wide, &got) else { panic!("no story-of file is here yet") };
    assert_eq!(paths, vec!["storyofspans/0.bin".to_string()]);
    shelf.add(&paths[0], &files[&paths[0]]).unwrap();
    let want = story::visible(&story::group(&corpus), &corpus.search(&wide).events, corpus.events.len());
    assert_eq!(shelf.stories(&wide, &got).expect("one span answers it").0, want);

    // A name in two articles far apart: two row files, no span.
    let narrow = (0..corpus.entities.len())
        .map(|e| Query { include: vec![e as u32], ..Query::default() })
        .find(|q| {
            let hits = corpus.search(q).hits;
            hits.len() == 2 && {
                let mut fresh = Shelf::open(&files["summary.bin"]).unwrap();
                let (_, paths) = ask(&mut fresh, &files, q);
                shelf::Shelf::open(&files["summary.bin"]).unwrap().row_files_in(&paths) == 2
            }
        })
        .expect("a name in two articles in different row files");
    let mut fresh = Shelf::open(&files["summary.bin"]).unwrap();
    let (got, paths) = ask(&mut fresh, &files, &narrow);
    assert_eq!(got.entity_counts, corpus.search(&narrow).entity_counts);
    assert_eq!((rows(&paths, "rowspans/"), rows(&paths, "rows/")), (0, 2), "{paths:?}");
    // A shelf the page holds in memory (a reader's own articles) costs no request: no spans.
    let held = shelf::write_in_memory(&corpus).files;
    assert!(held.iter().any(|(p, _)| p.starts_with("rows/")));
    assert!(!held.iter().any(|(p, _)| p.contains("spans/")));
}

/// A chip that names most of what a broad search shows (the story's main actor under a search
/// for it) is counted from the search's counts, less the rows of the few articles it drops: it
/// fetches those articles' row files only, not the rows of everything it keeps, and its counts,
/// events and timeline are the in-memory ones. A second chip narrows from the first.
#[test]
fn a_chip_over_most_of_a_broad_search_fetches_only_the_rows_of_what_it_drops() {
    let corpus = synthetic(2000);
    let files: BTreeMap<String, Vec<u8>> = shelf::write(&corpus).files.into_iter().collect();
    let number = |d: u32| corpus.index.date_rank[d as usize] as usize;
    let row_files = |docs: &mut dyn Iterator<Item = u32>| {
        let mut f: Vec<usize> = docs.map(|d| number(d) / shelf::ROW_CHUNK).collect();
        f.sort_unstable();
        f.dedup();
        f.len()
    };
    let index = &corpus.index;
    let common = (0..index.terms.len()).max_by_key(|&t| index.df(t as u32)).unwrap();
    let broad = Query { text: format!("{} ", index.terms[common]), ..Query::default() };
    let all = corpus.search(&broad);
    assert!(all.hits.len() >= shelf::broad_from(2000));
    let mut shelf = Shelf::open(&files["summary.bin"]).unwrap();
    let (_, paths) = ask(&mut shelf, &files, &broad);
    assert_eq!(shelf.row_files_in(&paths), 0, "a broad search is counted from its counts file: {paths:?}");

    // The names under it, most named first: a chip that keeps most of its articles.
    let mut under: Vec<(u32, u32)> = all.entity_counts.iter().enumerate().map(|(e, &c)| (c, e as u32)).collect();
    under.sort_unstable_by(|a, b| b.cmp(a));
    let keeps = |e: u32| Query { include: vec![e], ..broad.clone() };
    let dropped = |q: &Query, from: &Query| {
        let kept: std::collections::BTreeSet<u32> = corpus.search(q).hits.iter().map(|h| h.doc).collect();
        corpus.search(from).hits.iter().map(|h| h.doc).filter(|d| !kept.contains(d)).collect::<Vec<u32>>()
    };
    let (_, chip) = *under
        .iter()
        .find(|&&(_, e)| {
            let own = row_files(&mut corpus.search(&keeps(e)).hits.iter().map(|h| h.doc));
            row_files(&mut dropped(&keeps(e), &broad).into_iter()) < own
        })
        .expect("a name over most of the common word's articles");
    let first = keeps(chip);
    let (got, paths) = ask(&mut shelf, &files, &first);
    let want = corpus.search(&first);
    assert_eq!((&got.entity_counts, &got.events), (&want.entity_counts, &want.events), "{first:?}");
    let lacking = dropped(&first, &broad);
    assert_eq!(shelf.row_files_in(&paths), row_files(&mut lacking.iter().copied()), "{paths:?}");
    assert!(shelf.row_files_in(&paths) < row_files(&mut want.hits.iter().map(|h| h.doc)));

    // A second chip under both: from the first's counts, less what the second drops of it.
    let second = under.iter().map(|&(_, e)| e).find(|&e| e != chip).unwrap();
    let both = Query { include: vec![chip, second], ..broad.clone() };
    let (got, _) = ask(&mut shelf, &files, &both);
    let want = corpus.search(&both);
    assert_eq!((&got.entity_counts, &got.events), (&want.entity_counts, &want.events), "{both:?}");
    // And back: each is answered as before, whatever the shelf kept.
    for q in [&first, &broad, &Query { exclude: vec![chip], ..broad.clone() }] {
        let want = corpus.search(q);
        let (got, _) = ask(&mut shelf, &files, q);
        assert_eq!((&got.entity_counts, &got.events), (&want.entity_counts, &want.events), "{q:?}");
    }
}

/// A chip clicked at start, on a name in many articles, is counted from that name's counts file
/// (written at build time, as a broad word's): one file, not the rows of all its articles. A
/// name in few articles has none and is counted from its rows.
#[test]
fn a_chip_on_a_much_named_name_is_counted_from_its_counts_file() {
    let corpus = synthetic(2000);
    let files: BTreeMap<String, Vec<u8>> = shelf::write(&corpus).files.into_iter().collect();
    let articles = |e: usize| corpus.entities[e].docs.len();
    let top = (0..corpus.entities.len()).max_by_key(|&e| articles(e)).unwrap();
    assert!(articles(top) >= shelf::broad_from(2000));
    let chip = Query { include: vec![top as u32], ..Query::default() };
    let mut shelf = Shelf::open(&files["summary.bin"]).unwrap();
    let (got, paths) = ask(&mut shelf, &files, &chip);
    let want = corpus.search(&chip);
    assert_eq!((&got.entity_counts, &got.events), (&want.entity_counts, &want.events));
    assert_eq!(shelf.row_files_in(&paths), 0, "{paths:?}");
    assert_eq!(paths.iter().filter(|p| p.starts_with("counts/")).count(), 1, "{paths:?}");
    // The rows it did not need are what the page warms for the next chip.
    assert!(!shelf.rows_to_warm(&chip).is_empty());
    // Two chips on two much-named names that share many articles, each with many the other
    // lacks (the corpus's most named such pair): the pair has a counts file of its own, and the
    // two chips need that one file, not the rows of their common articles nor of what either
    // lacks.
    let docs = |e: usize| corpus.entities[e].docs.iter().copied().collect::<std::collections::BTreeSet<u32>>();
    let least = shelf::broad_from(2000);
    let mut ranked: Vec<usize> = (0..corpus.entities.len()).filter(|&e| articles(e) >= least).collect();
    ranked.sort_by_key(|&e| std::cmp::Reverse(articles(e)));
    let (first, second) = ranked
        .iter()
        .enumerate()
        .flat_map(|(i, &a)| ranked[i + 1..].iter().map(move |&b| (a, b)))
        .find(|&(a, b)| {
            let common = docs(a).intersection(&docs(b)).count();
            common >= least && articles(a) - common >= least && articles(b) - common >= least
        })
        .expect("two much-named names share many articles");
    let chip = Query { include: vec![first as u32], ..Query::default() };
    let mut shelf = Shelf::open(&files["summary.bin"]).unwrap();
    let (got, _) = ask(&mut shelf, &files, &chip);
    // "Who appears with whom" under one of them comes with its counts: no pairs file, though
    // its articles are in nearly every one.
    assert!(got.hits.len() < 2000, "not every article: the summary's matrix would answer");
    assert_eq!(shelf.cooccurrence(&chip, &got, 10), Ok(cooccur::matrix(&corpus, &corpus.search(&chip), 10)));
    // The same answer said to be another query's is not taken from that file.
    let other = Query { text: "zzzz-not-a-word".into(), ..chip.clone() };
    assert!(shelf.cooccurrence(&other, &got, 10).is_err(), "the counts file answers only its own articles");
    // Its story list likewise: one file of the counts file's stories, no story-of file,
    // though its events are in every one.
    let Err(Missing(paths)) = shelf.stories(&chip, &got) else { panic!("the stories are not here yet") };
    assert!(matches!(&paths[..], [p] if p.starts_with("storysets/")), "{paths:?}");
    shelf.add(&paths[0], &files[&paths[0]]).unwrap();
    let all_stories = story::group(&corpus);
    let want = story::visible(&all_stories, &corpus.search(&chip).events, corpus.events.len());
    let multi = want.iter().filter(|&&k| all_stories[k as usize].docs.len() > 1).count() as u32;
    assert_eq!(shelf.stories(&chip, &got), Ok((want, multi)));
    // With every row here already (the page warms them), the chip is counted from rows, not
    // its counts file; its matrix then asks for that one file, not the pairs files.
    let mut warm = Shelf::open(&files["summary.bin"]).unwrap();
    for (p, bytes) in files.iter().filter(|(p, _)| p.starts_with("rows/")) {
        warm.add(p, bytes).unwrap();
    }
    let (got, paths) = ask(&mut warm, &files, &chip);
    assert!(paths.iter().all(|p| !p.starts_with("counts/")), "{paths:?}");
    let Err(Missing(paths)) = warm.cooccurrence(&chip, &got, 10) else { panic!("the counts file is not here yet") };
    assert!(matches!(&paths[..], [p] if p.starts_with("counts/")), "{paths:?}");
    warm.add(&paths[0], &files[&paths[0]]).unwrap();
    assert_eq!(warm.cooccurrence(&chip, &got, 10), Ok(cooccur::matrix(&corpus, &corpus.search(&chip), 10)));
    let both = Query { include: vec![first as u32, second as u32], ..Query::default() };
    let (got, paths) = ask(&mut shelf, &files, &both);
    let want = corpus.search(&both);
    assert_eq!((&got.entity_counts, &got.events), (&want.entity_counts, &want.events));
    assert_eq!(shelf.row_files_in(&paths), 0, "{paths:?}");
    assert_eq!(paths.iter().filter(|p| p.starts_with("counts/")).count(), 1, "{paths:?}");
    assert_eq!(shelf.cooccurrence(&both, &got, 10), Ok(cooccur::matrix(&corpus, &want, 10)), "the pair's file");
    // A third chip narrows it further, counted exactly from the pair's counts or its own rows.
    let third = ranked.iter().copied().find(|&e| e != first && e != second).unwrap();
    let three = Query { include: vec![first as u32, second as u32, third as u32], ..Query::default() };
    let (got, _) = ask(&mut shelf, &files, &three);
    let want = corpus.search(&three);
    assert_eq!((&got.entity_counts, &got.events), (&want.entity_counts, &want.events));
    // Its "who appears with whom" has no file of its own: its articles' pairs files.
    assert_eq!(cooccurrence(&mut shelf, &files, &three, &got), cooccur::matrix(&corpus, &want, 10));

    // A name in few articles: no counts file, its rows.
    let few = (0..corpus.entities.len()).find(|&e| (2..shelf::broad_from(2000)).contains(&articles(e))).unwrap();
    let chip = Query { include: vec![few as u32], ..Query::default() };
    let mut fresh = Shelf::open(&files["summary.bin"]).unwrap();
    let (got, paths) = ask(&mut fresh, &files, &chip);
    assert_eq!(got.entity_counts, corpus.search(&chip).entity_counts);
    assert!(paths.iter().all(|p| !p.starts_with("counts/")), "{paths:?}");
    assert!(fresh.row_files_in(&paths) > 0, "{paths:?}");
}

/// A keystroke of a broad word, or a chip on a much-named name, gets its first page's text in
/// one `firstpages/` file beside its counts file, not one text file per hit (the browser's
/// work per request was most of such a keystroke); the page is the in-memory one, snippets
/// included, and the next page asks for its own text files.
#[test]
fn a_broad_search_gets_its_first_page_in_one_file() {
    let corpus = synthetic(2000);
    let files: BTreeMap<String, Vec<u8>> = shelf::write(&corpus).files.into_iter().collect();
    let index = &corpus.index;
    let mut by_number = vec![0u32; corpus.documents.len()];
    for (d, &r) in index.date_rank.iter().enumerate() {
        by_number[r as usize] = d as u32;
    }
    let least = shelf::broad_from(2000);
    let broad = |t: usize| index.df(t as u32) >= least && index.terms[t].chars().count() > 4;
    let word = index.terms[(0..index.terms.len()).find(|&t| broad(t)).expect("a broad word")].clone();
    let typed: String = word.chars().take(4).collect();
    let top = (0..corpus.entities.len()).max_by_key(|&e| corpus.entities[e].docs.len()).unwrap() as u32;
    let page = shelf::FIRST_PAGE;
    let searches = [
        Query { text: format!("{word} "), ..Query::default() },
        Query { text: typed, ..Query::default() },
        Query { include: vec![top], ..Query::default() },
    ];
    // What the page fetches when the reader comes to the search box: the articles' lengths,
    // which no search then asks for again.
    let mut ready = Shelf::open(&files["summary.bin"]).unwrap();
    assert_eq!(ready.files_to_search(), vec!["lengths/0.bin".to_string()]);
    ready.add("lengths/0.bin", &files["lengths/0.bin"]).unwrap();
    assert!(ready.files_to_search().is_empty());
    let Err(Missing(first)) = ready.search_page(&searches[0], page) else { panic!("no shard is here yet") };
    assert!(!first.is_empty() && first.iter().all(|p| p.starts_with("terms/")), "{first:?}");
    // A damaged first-pages file adds nothing: no article's text is taken from it.
    let (path, bytes) = files.iter().find(|(p, _)| p.starts_with("firstpages/")).unwrap();
    let mut shelf = Shelf::open(&files["summary.bin"]).unwrap();
    assert!(shelf.add(path, &bytes[..bytes.len() - 1]).is_err(), "{path} cut short is refused");
    assert!((0..2000).all(|d| !shelf.has(&format!("text/{d}.bin"))), "a refused file left text behind");
    for query in &searches {
        let mut shelf = Shelf::open(&files["summary.bin"]).unwrap();
        let mut fetched: Vec<String> = Vec::new();
        let got = loop {
            match shelf.search_page(query, page) {
                Ok(results) => break results,
                Err(Missing(paths)) => {
                    assert!(fetched.len() < 40, "{query:?} keeps asking: {fetched:?}");
                    for path in paths {
                        shelf.add(&path, &files[&path]).unwrap();
                        fetched.push(path);
                    }
                }
            }
        };
        assert_eq!(fetched.iter().filter(|p| p.starts_with("firstpages/")).count(), 1, "{query:?}: {fetched:?}");
        assert!(fetched.iter().all(|p| !p.starts_with("text/")), "{query:?}: {fetched:?}");
        // The articles' lengths (for the scores) come once, with a search's shards; a chip
        // alone ranks by date and needs none.
        let lengths = fetched.iter().filter(|p| *p == "lengths/0.bin").count();
        assert_eq!(lengths, usize::from(!query.text.is_empty()), "{query:?}: {fetched:?}");
        let want = corpus.search(query);
        assert!(want.hits.len() > page, "{query:?} has a second page");
        for (g, w) in got.hits.iter().zip(&want.hits).take(page) {
            assert_eq!((by_number[g.doc as usize], g.score.to_bits()), (w.doc, w.score.to_bits()), "{query:?}");
            assert_eq!(g.snippet, w.snippet, "{query:?}");
            assert!(shelf.document(g.doc).is_ok(), "{query:?}: every hit on the first page has its text");
        }
        // "Show more": the second page's text, file by file.
        let Err(Missing(more)) = shelf.search_page(query, 2 * page) else { panic!("the second page is not here") };
        assert!(!more.is_empty() && more.iter().all(|p| p.starts_with("text/")), "{query:?}: {more:?}");
    }
}

/// What the page fetches while the reader points at a chip (`Shelf::files_ahead`) is what the
/// click would ask for, round by round, so the click then fetches nothing; and asking does not
/// forget the answer on screen. A broad filter's row spans are never fetched ahead.
#[test]
fn the_files_ahead_of_a_click_are_the_clicks_and_leave_the_answer_on_screen() {
    let corpus = synthetic(2000);
    let files: BTreeMap<String, Vec<u8>> = shelf::write(&corpus).files.into_iter().collect();
    let articles = |e: usize| corpus.entities[e].docs.len();
    let mut ranked: Vec<usize> = (0..corpus.entities.len()).collect();
    ranked.sort_by_key(|&e| std::cmp::Reverse(articles(e)));
    // A much-named name in half the articles or fewer: counted from its own counts file.
    let named = *ranked.iter().find(|&&e| articles(e) * 2 <= 2000 && articles(e) >= shelf::broad_from(2000)).unwrap();
    let mut shelf = Shelf::open(&files["summary.bin"]).unwrap();
    let start = Query::default();
    ask(&mut shelf, &files, &start);
    let chip = Query { include: vec![named as u32], ..Query::default() };
    let mut rounds = 0;
    loop {
        let ahead = shelf.files_ahead(&chip, 10);
        if ahead.is_empty() {
            break;
        }
        rounds += 1;
        assert!(rounds <= 3, "{ahead:?}");
        assert!(ahead.iter().all(|p| !p.starts_with("rowspans/")), "{ahead:?}");
        for path in ahead {
            shelf.add(&path, &files[&path]).unwrap();
        }
        // The view on screen keeps its answer: its counts are still at hand.
        assert!(shelf.name_counts(&start).is_some());
    }
    assert_eq!(rounds, 2, "the name's list, then its counts file and the first page's text");
    // The click (a page of ten, as the page shows) needs nothing more.
    let got = shelf.search_page(&chip, 10).unwrap_or_else(|m| panic!("the click still needs {m:?}"));
    assert_eq!(got.entity_counts, corpus.search(&chip).entity_counts);

    // A filter over most articles with no counts file of its own (two broad names that share
    // no pair file, and a third) needs its rows in spans: nothing is fetched ahead for it.
    let mut fresh = Shelf::open(&files["summary.bin"]).unwrap();
    let wide = Query { exclude: vec![ranked[5] as u32], ..Query::default() };
    for path in fresh.files_ahead(&wide, 10) {
        fresh.add(&path, &files[&path]).unwrap();
    }
    assert!(fresh.files_ahead(&wide, 10).is_empty());
    let (_, fetched) = ask(&mut fresh, &files, &wide);
    assert!(fetched.iter().any(|p| p.starts_with("rowspans/")), "{fetched:?}");
}
