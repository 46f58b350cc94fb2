//! The static corpus at scale (issue 18): for each query, what a page with only the summary
//! would fetch (rounds, files, bytes) and how long the shelf computes once it has them;
//! then a word typed key by key with the cache kept, as a reader types it. Natively, files
//! read from disk: the fetch time of a host is not in these figures.
//!
//!     target/release/corpus shelf target/synth/100000 target/shelf/100000
//!     SHELF=target/shelf/100000 cargo bench --bench shelf
//!
//! The queries come from the shelf itself (words by document frequency out of its term shards,
//! a phrase out of its first article, its most named names, its busiest year), so nothing
//! here knows the corpus.
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use corpus_explorer::corpus::shelf::{Missing, Shelf};
use corpus_explorer::corpus::{Day, Query};
use corpus_explorer::store;

struct Fetched {
    rounds: usize,
    files: usize,
    bytes: usize,
    decode: Duration,
}

/// Answers `query` on `shelf`, reading what it asks for from `dir`.
fn fetch_all(shelf: &mut Shelf, dir: &Path, query: &Query) -> Fetched {
    let mut f = Fetched { rounds: 0, files: 0, bytes: 0, decode: Duration::ZERO };
    loop {
        match shelf.search(query) {
            Ok(_) => return f,
            Err(Missing(paths)) => {
                f.rounds += 1;
                for path in paths {
                    // The bytes as fetched (gzip, as written), decoded as the page decodes them
                    // (the browser inflates, not the wasm: not in `decode`).
                    let fetched = std::fs::read(dir.join(&path)).unwrap_or_else(|e| panic!("{path}: {e}"));
                    f.files += 1;
                    f.bytes += fetched.len();
                    let bytes = store::unpack(fetched).unwrap_or_else(|e| panic!("{path}: {e}"));
                    let t = Instant::now();
                    shelf.add(&path, &bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
                    f.decode += t.elapsed();
                }
            }
        }
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn p95(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() * 95).div_ceil(100)).saturating_sub(1).min(v.len() - 1)]
}

fn main() {
    let root = PathBuf::from(std::env::var("SHELF").unwrap_or_else(|_| "target/shelf/100000".into()));
    let entry = std::fs::read_to_string(root.join("corpus.json")).expect("corpus.json (run `corpus shelf` first)");
    let version = entry.split("\"version\":\"").nth(1).and_then(|r| r.split('"').next()).expect("a version");
    let dir = root.join(version);
    // Its size as fetched (gzip, like every byte count here); the shelf reads it inflated.
    let fetched = std::fs::read(dir.join("summary.bin")).unwrap();
    let fetched_len = fetched.len();
    let summary = store::unpack(fetched).unwrap();
    let t = Instant::now();
    let base = Shelf::open(&summary).unwrap();
    let open = t.elapsed();
    let s = &base.summary;
    let (mut file_count, mut total_bytes) = (0usize, 0u64);
    for kind in std::fs::read_dir(&dir).unwrap().flatten() {
        if kind.path().is_dir() {
            for f in std::fs::read_dir(kind.path()).unwrap().flatten() {
                file_count += 1;
                total_bytes += f.metadata().map(|m| m.len()).unwrap_or(0);
            }
        }
    }
    println!("## Static corpus: {}\n", root.display());
    println!(
        "{} articles, {} names, {} events; {} files, {:.1} MB; summary {:.1} KB, opened in {:.2} ms\n",
        s.doc_count,
        s.name_count,
        s.event_count,
        file_count + 1,
        total_bytes as f64 / 1e6,
        fetched_len as f64 / 1e3,
        open.as_secs_f64() * 1e3
    );

    // Words by document frequency, from a spread of term shards.
    let mut words: Vec<(usize, String)> = Vec::new();
    let mut probe = Shelf::open(&summary).unwrap();
    for i in (0..).step_by(97) {
        let path = format!("terms/{i}.bin");
        let Ok(bytes) = store::read(&dir.join(&path)) else { break };
        probe.add(&path, &bytes).unwrap();
    }
    words.extend(probe.loaded_terms().map(|(w, df)| (df, w.to_string())));
    words.sort();
    let common = words.last().unwrap().1.clone();
    let middling = words[words.len() * 3 / 4].1.clone();
    let rare = words.iter().find(|(df, w)| *df <= 3 && w.len() > 4).map_or(middling.clone(), |w| w.1.clone());
    let prefix: String = middling.chars().take(2).collect();
    let mut first = Shelf::open(&summary).unwrap();
    let text = store::read(&dir.join("text/0.bin")).unwrap();
    first.add("text/0.bin", &text).unwrap();
    let doc = first.document(0).unwrap();
    let sentence = doc.sentences.iter().find(|x| !x.boilerplate && x.text.split_whitespace().count() > 6).unwrap();
    let phrase = format!("\"{}\"", sentence.text.split_whitespace().skip(1).take(2).collect::<Vec<_>>().join(" "));
    let top = s.top[0].0;
    let tenth = s.top[s.top.len().min(10) - 1].0;
    let hundredth = s.top[s.top.len().min(100) - 1].0;
    let (year, _, _) = *s.months.iter().max_by_key(|m| m.2).unwrap();
    let range = (Day { year, month: 1, day: 1 }, Day { year, month: 12, day: 31 });

    let q = |text: &str| Query { text: text.into(), ..Query::default() };
    let queries: Vec<(String, Query)> = vec![
        ("start (no filter)".into(), Query::default()),
        (format!("word in most articles ({common})"), q(&format!("{common} "))),
        (format!("word in a quarter ({middling})"), q(&format!("{middling} "))),
        (format!("rare word ({rare})"), q(&format!("{rare} "))),
        (format!("prefix while typing ({prefix})"), q(&prefix)),
        (format!("phrase ({phrase})"), q(&format!("{phrase} "))),
        ("most named name".into(), Query { include: vec![top], ..Query::default() }),
        ("10th name".into(), Query { include: vec![tenth], ..Query::default() }),
        ("100th name".into(), Query { include: vec![hundredth], ..Query::default() }),
        ("100th name + rare word".into(), Query { include: vec![hundredth], ..q(&format!("{rare} ")) }),
        (format!("busiest year ({year})"), Query { from: Some(range.0), to: Some(range.1), ..Query::default() }),
        (
            "year + 10th name + word".into(),
            Query { from: Some(range.0), to: Some(range.1), include: vec![tenth], ..q(&format!("{middling} ")) },
        ),
    ];

    println!("| query | rounds | files | fetched (gzip, as written) | decode | search (warm, median of 5) | hits |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let (mut bytes, mut searches) = (Vec::new(), Vec::new());
    for (label, query) in &queries {
        let mut shelf = Shelf::open(&summary).unwrap();
        let f = fetch_all(&mut shelf, &dir, query);
        let runs: Vec<f64> = (0..5)
            .map(|_| {
                // Another query first: the shelf keeps the last ranking, and this column is
                // the whole compute of a query whose files are here.
                let _ = shelf.search(&Query::default());
                let t = Instant::now();
                let r = shelf.search(query).unwrap();
                std::hint::black_box(&r);
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        let hits = shelf.search(query).unwrap().hits.len();
        let ms = median(runs);
        bytes.push(f.bytes as f64);
        searches.push(ms);
        println!(
            "| {label} | {} | {} | {:.0} KB | {:.1} ms | {:.1} ms | {hits} |",
            f.rounds,
            f.files,
            f.bytes as f64 / 1e3,
            f.decode.as_secs_f64() * 1e3,
            ms
        );
    }
    println!(
        "\nBytes fetched per query (raw, before the host's compression): median {:.0} KB, p95 {:.0} KB. Search once fetched: median {:.1} ms, p95 {:.1} ms.\n",
        median(bytes.clone()) / 1e3,
        p95(bytes) / 1e3,
        median(searches.clone()),
        p95(searches)
    );

    // A word typed key by key, the cache kept between keys.
    println!("Typing \"{middling}\" key by key (one shelf, cache kept):\n");
    println!("| typed | files | fetched (gzip, as written) | decode + search |");
    println!("|---|---:|---:|---:|");
    let mut shelf = Shelf::open(&summary).unwrap();
    let mut typed = String::new();
    for c in middling.chars() {
        typed.push(c);
        let t = Instant::now();
        let f = fetch_all(&mut shelf, &dir, &q(&typed));
        let _ = shelf.search(&q(&typed)).unwrap();
        println!(
            "| {typed} | {} | {:.0} KB | {:.1} ms |",
            f.files,
            f.bytes as f64 / 1e3,
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
