//! Scale benchmarks (issue 6): the seeds and synthetic corpora of 1 000 and 10 000 articles
//! (`synth` binary, seed 6), natively. Hand-rolled harness (`harness = false`, no criterion: it
//! would double the build on two cores): `std::time::Instant`, median and p95 of repeated runs.
//!
//!     cargo bench --bench scale                      # seeds, 1000, 10000
//!     BENCH_SIZES="1000" cargo bench --bench scale   # seeds and 1000 only
//!
//! Missing corpora are generated into `target/synth/<n>` with the `synth` binary. Prints
//! markdown: pipeline throughput (MB/s), the index stage alone, and query latency for a word, a
//! phrase, a prefix, a chip (entity) filter, a date range and all of them combined.
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use corpus_explorer::corpus::{
    dates, document, echo, entities, index::Index, overrides, story, Corpus, Day, Query, Source,
};

/// Counts live heap bytes and their peak, to report what a built corpus retains and what
/// building it needs at most (the wasm heap never shrinks, so the peak is what a page keeps).
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
                PEAK.fetch_max(live, Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn quantile(samples: &mut [Duration], q: f64) -> Duration {
    samples.sort();
    let i = ((q * samples.len() as f64).ceil() as usize).clamp(1, samples.len()) - 1;
    samples[i]
}

fn sample<T>(runs: usize, mut f: impl FnMut() -> T) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect()
}

fn ms(d: Duration) -> String {
    let x = d.as_secs_f64() * 1e3;
    if x < 1.0 {
        format!("{x:.3} ms")
    } else if x < 100.0 {
        format!("{x:.1} ms")
    } else {
        format!("{x:.0} ms")
    }
}

/// Every `*.txt` / `*.md` file of `dir`, sorted by name (as build.rs embeds them).
fn read_corpus(dir: &Path) -> Vec<(String, String)> {
    corpus_explorer::folder::load(dir).unwrap_or_else(|e| panic!("{e}")).files
}

fn corpus_dir(root: &Path, name: &str) -> PathBuf {
    if name == "seeds" {
        return root.join("seeds");
    }
    let dir = root.join("target/synth").join(name);
    if !dir.join(".done").exists() {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_synth"))
            .args([name, &dir.to_string_lossy(), "6", &root.join("seeds").to_string_lossy()])
            .status()
            .expect("run synth");
        assert!(status.success(), "synth {name} failed");
        std::fs::write(dir.join(".done"), "").expect("mark corpus done");
    }
    dir
}

fn build(files: &[(String, String)], toml: Option<&str>) -> Corpus {
    let sources: Vec<Source<'_>> = files.iter().map(|(id, text)| Source { id, text }).collect();
    Corpus::build(&sources, toml)
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sizes = std::env::var("BENCH_SIZES").unwrap_or_else(|_| "1000 10000".to_string());
    let names: Vec<String> =
        std::iter::once("seeds".to_string()).chain(sizes.split_whitespace().map(str::to_string)).collect();

    let mut built: Vec<(String, Corpus)> = Vec::new();
    let mut breakdown: Vec<String> = Vec::new();
    let mut dating: Vec<String> = Vec::new();
    println!("## Pipeline throughput and index build (native, median of runs)\n");
    println!(
        "| corpus | docs | MB | runs | Corpus::build p50 | MB/s | index stage p50 | entities | events | heap kept / raw | peak while building / raw |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for name in &names {
        let dir = corpus_dir(root, name);
        let files = read_corpus(&dir);
        // The corpus owner's file, as build.rs embeds it (the seeds have one).
        let toml = std::fs::read_to_string(dir.join("entities.toml")).ok();
        let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
        let runs = match files.len() {
            0..=100 => 21,
            101..=2000 => 5,
            _ => 3,
        };
        let mut t = sample(runs, || build(&files, toml.as_deref()));
        let p50 = quantile(&mut t, 0.5);
        // The index stage alone, on the outputs of the stages before it.
        // Heap kept after each stage (what each part of the corpus costs), relative to raw.
        let sources: Vec<Source<'_>> = files.iter().map(|(id, text)| Source { id, text }).collect();
        let l0 = LIVE.load(Relaxed);
        let mut docs: Vec<_> = sources.iter().map(document::build).collect();
        let l1 = LIVE.load(Relaxed);
        let (ov, mut warnings) = overrides::parse(toml.as_deref().unwrap_or(""));
        let ents = entities::extract(&mut docs, &ov, &mut warnings);
        let l2 = LIVE.load(Relaxed);
        let events = dates::extract(&mut docs);
        let l3 = LIVE.load(Relaxed);
        let index = Index::build(&docs, &ents, &events);
        let l4 = LIVE.load(Relaxed);
        drop(index);
        let rel = |a: usize, b: usize| b.saturating_sub(a) as f64 / bytes as f64;
        breakdown.push(format!(
            "| {name} | {:.2}× | {:.2}× | {:.2}× | {:.2}× |",
            rel(l0, l1),
            rel(l1, l2),
            rel(l2, l3),
            rel(l3, l4)
        ));
        let mut ti = sample(runs, || Index::build(&docs, &ents, &events));
        // The date stage alone (issue 17): scanning, the article-date solver over the whole
        // collection (its own text, ties between articles, the preference), events. A clone of
        // the documents per run is included (measured apart: small beside the stage).
        let mut td = sample(runs, || dates::extract(&mut docs.clone()));
        let mut tc = sample(runs, || docs.clone());
        let dated = docs.iter().filter(|d| d.date.is_some()).count();
        let from_others = docs.iter().filter(|d| !d.date_from.is_empty()).count();
        dating.push(format!(
            "| {name} | {} | {} | {} | {dated} | {from_others} |",
            docs.len(),
            ms(quantile(&mut td, 0.5)),
            ms(quantile(&mut tc, 0.5)),
        ));
        drop((docs, ents, events));
        let before = LIVE.load(Relaxed);
        PEAK.store(before, Relaxed);
        let corpus = build(&files, toml.as_deref());
        let kept = LIVE.load(Relaxed) - before;
        let peak = PEAK.load(Relaxed) - before;
        println!(
            "| {name} | {} | {:.2} | {runs} | {} | {:.1} | {} | {} | {} | {:.1}× | {:.1}× |",
            files.len(),
            bytes as f64 / 1e6,
            ms(p50),
            bytes as f64 / 1e6 / p50.as_secs_f64(),
            ms(quantile(&mut ti, 0.5)),
            corpus.entities.len(),
            corpus.events.len(),
            kept as f64 / bytes as f64,
            peak as f64 / bytes as f64,
        );
        built.push((name.clone(), corpus));
    }

    println!("\n## Heap kept per stage, relative to the raw corpus bytes\n");
    println!("| corpus | documents (sentences, paragraphs, titles) | entities (+ mentions) | dates (events) | index |");
    println!("|---|---:|---:|---:|---:|");
    for line in &breakdown {
        println!("{line}");
    }

    println!("\n## Date stage: article dates over the collection and events (native, p50)\n");
    println!("| corpus | docs | dates::extract p50 | of which cloning the documents | articles dated | dated with other articles |");
    println!("|---|---:|---:|---:|---:|---:|");
    for line in &dating {
        println!("{line}");
    }

    let may = (Day::new(2016, 5, 1), Day::new(2016, 5, 31));
    let cases: Vec<(&str, Query)> = vec![
        ("word `alibaba `", Query { text: "alibaba ".into(), ..Query::default() }),
        ("phrase `\"luxury brand\"`", Query { text: "\"luxury brand\"".into(), ..Query::default() }),
        ("prefix while typing `coun`", Query { text: "coun".into(), ..Query::default() }),
        ("chip: most frequent entity", Query { include: vec![0], ..Query::default() }),
        ("date range 2016-05", Query { from: may.0, to: may.1, ..Query::default() }),
        (
            "all combined: `luxury bra` + chip + 2016-05",
            Query { text: "luxury bra".into(), include: vec![0], from: may.0, to: may.1, ..Query::default() },
        ),
    ];
    println!("\n## Query latency (native; `Corpus::search` with snippets for the first page; p50 / p95, hits)\n");
    println!(
        "| query | {} |",
        built.iter().map(|(n, c)| format!("{n} ({} docs)", c.documents.len())).collect::<Vec<_>>().join(" | ")
    );
    println!("|---|{}", "---:|".repeat(built.len()));
    for (label, query) in &cases {
        let cells: Vec<String> = built
            .iter()
            .map(|(_, c)| {
                let hits = c.search(query).hits.len();
                let runs = if c.documents.len() > 5000 { 41 } else { 101 };
                let mut t = sample(runs, || c.search(query));
                format!("{} / {} ({hits})", ms(quantile(&mut t, 0.5)), ms(quantile(&mut t, 0.95)))
            })
            .collect();
        println!("| {label} | {} |", cells.join(" | "));
    }

    // The views issue 12 added compute on demand, not at start-up: the story grouping (once per
    // corpus, when the story view, its chart marks or a download first asks) and the reader's
    // "also in" passages (once per opened article).
    println!("\n## On-demand views (native; p50)\n");
    println!("| view | {} |", built.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(" | "));
    println!("|---|{}", "---:|".repeat(built.len()));
    let cells: Vec<String> = built
        .iter()
        .map(|(_, c)| {
            let mut t = sample(if c.documents.len() > 5000 { 3 } else { 11 }, || story::group(c));
            format!("{} ({} stories)", ms(quantile(&mut t, 0.5)), story::group(c).len())
        })
        .collect();
    println!("| story groups, whole corpus | {} |", cells.join(" | "));
    let cells: Vec<String> = built
        .iter()
        .map(|(_, c)| {
            let mut t = sample(if c.documents.len() > 5000 { 5 } else { 21 }, || echo::echoes(c, 0));
            ms(quantile(&mut t, 0.5))
        })
        .collect();
    println!("| \"also in\" passages of one opened article | {} |", cells.join(" | "));
}
