//! Pipeline throughput and query latency, hand-timed (no harness). Run:
//!     cargo bench --bench pipeline
//! Prints markdown tables of medians.
use std::hint::black_box;
use std::time::{Duration, Instant};

use corpus_explorer::corpus::{Corpus, Day, Query, Source};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let samples = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    median(samples)
}

fn seeds() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    corpus_explorer::folder::load(&dir).unwrap_or_else(|e| panic!("{e}")).files
}

/// Deterministic synthetic corpus: seed sentences recombined with an xorshift PRNG.
fn synthetic(seed_corpus: &Corpus, docs: usize, bytes_per_doc: usize) -> Vec<(String, String)> {
    let sentences: Vec<&str> = seed_corpus
        .documents
        .iter()
        .flat_map(|d| d.sentences.iter().filter(|s| !s.boilerplate).map(|s| s.text.as_str()))
        .collect();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    (0..docs)
        .map(|i| {
            let mut text = String::with_capacity(bytes_per_doc + 512);
            text.push_str(sentences[next(sentences.len())].trim_end_matches('.'));
            text.push_str("\n\n");
            while text.len() < bytes_per_doc {
                for _ in 0..3 + next(3) {
                    text.push_str(sentences[next(sentences.len())]);
                    text.push(' ');
                }
                text.push_str("\n\n");
            }
            (format!("syn{i:05}"), text)
        })
        .collect()
}

fn build(files: &[(String, String)]) -> Corpus {
    let sources: Vec<Source<'_>> = files.iter().map(|(id, text)| Source { id, text }).collect();
    Corpus::build(&sources, None)
}

fn main() {
    let seed_files = seeds();
    let seed_corpus = build(&seed_files);
    let syn1k = synthetic(&seed_corpus, 1000, 4096);
    let syn10k =
        if std::env::var_os("BENCH_10K").is_some() { synthetic(&seed_corpus, 10_000, 4096) } else { Vec::new() };

    println!("## Pipeline throughput (median)\n");
    println!("| corpus | docs | MB | build | MB/s |");
    println!("|---|---:|---:|---:|---:|");
    for (name, files, runs) in [("seeds", &seed_files, 21), ("synthetic", &syn1k, 3)] {
        let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
        let t = time(runs, || build(files));
        let mb = bytes as f64 / 1e6;
        println!(
            "| {name} | {} | {mb:.2} | {:.1} ms | {:.1} |",
            files.len(),
            t.as_secs_f64() * 1e3,
            mb / t.as_secs_f64()
        );
    }

    println!("\n## Stage breakdown, synthetic 1000 docs (one run)\n");
    println!("| stage | time |");
    println!("|---|---:|");
    {
        use corpus_explorer::corpus::{dates, document, entities, index::Index, overrides};
        let sources: Vec<Source<'_>> = syn1k.iter().map(|(id, text)| Source { id, text }).collect();
        let t = Instant::now();
        let mut docs: Vec<_> = sources.iter().map(document::build).collect();
        println!(
            "| document (clean, paragraphs, sentences, boilerplate) | {:.1} ms |",
            t.elapsed().as_secs_f64() * 1e3
        );
        let (ov, mut warnings) = overrides::parse("");
        let t = Instant::now();
        let ents = entities::extract(&mut docs, &ov, &mut warnings);
        println!("| entities | {:.1} ms |", t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let events = dates::extract(&mut docs);
        println!("| dates | {:.1} ms |", t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        black_box(Index::build(&docs, &ents, &events));
        println!("| index | {:.1} ms |", t.elapsed().as_secs_f64() * 1e3);
    }

    // The 10 000-document corpus takes a while to build: opt in with BENCH_10K=1.
    let mut corpora = vec![("5 (seeds)", seed_corpus), ("1000", build(&syn1k))];
    if !syn10k.is_empty() {
        corpora.push(("10000", build(&syn10k)));
    }
    let may = (Day::new(2016, 5, 1), Day::new(2016, 5, 31));
    println!("\n## Query latency (median of 51 runs, snippets for the first page of hits)\n");
    println!("| query | {} |", corpora.iter().map(|(n, _)| format!("{n} docs")).collect::<Vec<_>>().join(" | "));
    println!("|---|{}", "---:|".repeat(corpora.len()));
    let cases: Vec<(&str, Query)> = vec![
        ("word `alibaba `", Query { text: "alibaba ".into(), ..Query::default() }),
        ("phrase `\"anti fake alliance\"`", Query { text: "\"anti fake alliance\"".into(), ..Query::default() }),
        ("prefix while typing `coun`", Query { text: "coun".into(), ..Query::default() }),
        ("empty (all docs)", Query::default()),
        ("entity filter (entity 0)", Query { include: vec![0], ..Query::default() }),
        ("date range May 2016", Query { from: may.0, to: may.1, ..Query::default() }),
        (
            "combined: `luxury bra` + entity 0 + May 2016",
            Query { text: "luxury bra".into(), include: vec![0], from: may.0, to: may.1, ..Query::default() },
        ),
    ];
    for (label, query) in &cases {
        let cells: Vec<String> = corpora
            .iter()
            .map(|(_, c)| {
                let hits = c.search(query).hits.len();
                let t = time(51, || c.search(query));
                format!("{:.3} ms ({hits} hits)", t.as_secs_f64() * 1e3)
            })
            .collect();
        println!("| {label} | {} |", cells.join(" | "));
    }
}
