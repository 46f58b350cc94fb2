//! Retrains the name tagger (`corpus::entities::tagger`) from the openly licensed data in
//! `train/data/` (`train.jsonl` and `ewt.jsonl` to train on, `dev.jsonl` to tune on; see
//! `train/SOURCES.md`) and writes `data/tagger/names.bin` (first pass) and `names2.bin` (second).
//!
//! ```text
//! train-names tune [max-epochs] [min-epochs] [--second]
//!                                 train on train.jsonl, print dev F1 after each epoch count
//!                                 (--second: the second pass's too)
//! train-names [epochs] [--without-dev] [--out FILE]
//!                                 train on train.jsonl (+ dev.jsonl), write the weights
//!                                 (FILE, and FILE's stem + "2.bin" for the second pass)
//! … --silver FILE                 also train on FILE (machine-labelled news from
//!                                 train/silver_spacy.py; an experiment, see QUALITY.md)
//! train-names spans IN OUT [--weights FILE] [--weights2 FILE|none]
//!                                 the tagger alone over articles ({"id", "text"} a line, as in
//!                                 bench/quality/data), names written as the quality scorer reads
//!                                 them ({"id", "entities": [{"text", "kind"}]}): a diagnostic
//! ```
//!
//! Deterministic: the same data and epochs give byte-identical weights.
use std::process::ExitCode;

use corpus_explorer::corpus::entities::tagger::{self, Example, Model};

/// Features seen fewer times than this in the training data are left out (they only fit it).
const MIN_COUNT: u32 = 2;
const DEFAULT_EPOCHS: usize = 3;

#[derive(serde::Deserialize)]
struct Line {
    doc: String,
    tokens: Vec<String>,
    tags: Vec<String>,
}

fn read(path: &str, docs: &mut Vec<String>) -> Result<Vec<Example>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let line: Line = serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let doc = docs.iter().position(|d| *d == line.doc).unwrap_or_else(|| {
            docs.push(line.doc.clone());
            docs.len() - 1
        });
        let example = tagger::example(&line.tokens, &line.tags, doc)
            .ok_or_else(|| format!("{path}:{}: tokens and tags differ in number, or a tag is not BILOU", n + 1))?;
        out.push(example);
    }
    Ok(out)
}

#[derive(serde::Deserialize)]
struct Article {
    id: String,
    text: String,
}

/// `train-names spans IN OUT [--weights FILE]`: the tagger alone as a system of the quality benchmark.
fn spans(args: &[String]) -> Result<(), String> {
    let (Some(input), Some(output)) = (args.get(1), args.get(2)) else {
        return Err("usage: train-names spans IN OUT [--weights FILE]".into());
    };
    let load = |flag: &str, shipped: &'static Model| -> Result<Model, String> {
        match args.iter().position(|a| a == flag).and_then(|k| args.get(k + 1)) {
            Some(path) if path == "none" => Ok(Model::default()),
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
                Model::decode(&bytes).ok_or_else(|| format!("{path}: not a weights file"))
            }
            None => Ok(shipped.clone()),
        }
    };
    let first = load("--weights", tagger::get())?;
    let second = load("--weights2", tagger::get_second())?;
    let text = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let mut out = String::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let article: Article = serde_json::from_str(line).map_err(|e| format!("{input}: {e}"))?;
        let sentences: Vec<&str> = article
            .text
            .split('\n')
            .filter(|p| !p.trim().is_empty())
            .flat_map(corpus_explorer::corpus::sentences::split)
            .collect();
        let found = tagger::tag_article(&first, Some(&second), &sentences);
        let entities: Vec<serde_json::Value> = sentences
            .iter()
            .zip(found)
            .flat_map(|(s, spans)| {
                spans
                    .into_iter()
                    .map(move |span| serde_json::json!({"text": &s[span.start..span.end], "kind": span.kind.label()}))
            })
            .collect();
        out.push_str(&serde_json::json!({"id": article.id, "entities": entities}).to_string());
        out.push('\n');
    }
    std::fs::write(output, out).map_err(|e| format!("{output}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("spans") {
        return match spans(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        };
    }
    let mut docs = Vec::new();
    let silver = args.iter().position(|a| a == "--silver").and_then(|k| args.get(k + 1)).cloned();
    let silver = silver.as_deref();
    let read_all = |docs: &mut Vec<String>| -> Result<(Vec<Example>, Vec<Example>), String> {
        let mut train = read("train/data/train.jsonl", docs)?;
        train.extend(read("train/data/ewt.jsonl", docs)?);
        // `--silver FILE`: machine-labelled news (train/silver_spacy.py) trained on as well.
        if let Some(path) = silver {
            train.extend(read(path, docs)?);
        }
        Ok((train, read("train/data/dev.jsonl", docs)?))
    };
    let (train, dev) = match read_all(&mut docs) {
        Ok(sets) => sets,
        Err(e) => {
            eprintln!("error: {e} (run from the repository's root)");
            return ExitCode::from(2);
        }
    };
    // The numbers among the arguments (epochs), wherever the flags are.
    let numbers: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let number = |k: usize, default: usize| numbers.get(k).copied().unwrap_or(default);
    if args.first().map(String::as_str) == Some("tune") {
        let second = args.iter().any(|a| a == "--second");
        for epochs in number(1, 1)..=number(0, 12) {
            let model = Model::decode(&tagger::train(&train, epochs, MIN_COUNT)).unwrap_or_default();
            let (p, r, f) = tagger::evaluate(&model, &dev);
            println!("epochs {epochs:2}: dev P {p:.1} R {r:.1} F1 {f:.1}");
            if second {
                let model2 = Model::decode(&tagger::train_second(&train, epochs, MIN_COUNT)).unwrap_or_default();
                let (p, r, f) = tagger::evaluate_second(&model, &model2, &dev);
                println!("  second pass: dev P {p:.1} R {r:.1} F1 {f:.1}");
            }
        }
        return ExitCode::SUCCESS;
    }
    // `--without-dev` leaves dev.jsonl out, so that the whole pipeline can be tuned on its articles.
    let without_dev = args.iter().any(|a| a == "--without-dev");
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|k| args.get(k + 1))
        .map_or("data/tagger/names.bin", String::as_str);
    let epochs = number(0, DEFAULT_EPOCHS);
    let all: Vec<Example> = if without_dev { train } else { train.into_iter().chain(dev).collect() };
    let bytes = tagger::train(&all, epochs, MIN_COUNT);
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("error: {out}: {e}");
        return ExitCode::from(2);
    }
    // The second pass's weights next to the first's ("names.bin" → "names2.bin").
    let out2 = out.strip_suffix(".bin").map_or_else(|| format!("{out}2"), |stem| format!("{stem}2.bin"));
    let bytes2 = tagger::train_second(&all, epochs, MIN_COUNT);
    if let Err(e) = std::fs::write(&out2, &bytes2) {
        eprintln!("error: {out2}: {e}");
        return ExitCode::from(2);
    }
    println!("wrote {out2}: {} bytes (second pass)", bytes2.len());
    let model = Model::decode(&bytes).unwrap_or_default();
    let (p, r, f) = tagger::evaluate(&model, &all);
    println!(
        "wrote {out}: {} bytes, {epochs} epochs; on its own training data P {p:.1} R {r:.1} F1 {f:.1}",
        bytes.len()
    );
    ExitCode::SUCCESS
}
