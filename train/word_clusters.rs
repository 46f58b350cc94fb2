//! Word classes induced from plain text by the exchange algorithm (Kneser & Ney 1993, Martin,
//! Liermann & Ney 1998): each word moves to the class that most raises the likelihood of a
//! class-bigram model, until no move helps (or `ROUNDS` passes). Used by the name tagger as
//! features (data/tagger/clusters.tsv); rebuilt by `train/word_clusters.sh`.
//!
//! ```text
//! rustc -O train/word_clusters.rs -o /tmp/word_clusters
//! /tmp/word_clusters CLASSES MIN_COUNT < tokens.txt > classes.tsv
//! ```
//!
//! Input: whitespace-separated tokens, one sentence a line. Output: `word<TAB>class`, words with
//! at least MIN_COUNT occurrences, sorted by word. Deterministic: no randomness, no threads.
use std::collections::HashMap;
use std::io::{self, BufRead, Write};

const ROUNDS: usize = 20;

fn f(x: f64) -> f64 {
    if x > 0.0 {
        x * x.ln()
    } else {
        0.0
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let classes: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(256);
    let min_count: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(3);
    // Sentences of tokens; sentence boundaries are a token of their own.
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut sentences: Vec<Vec<String>> = Vec::new();
    for line in io::stdin().lock().lines() {
        let words: Vec<String> = line.unwrap().split_whitespace().map(str::to_string).collect();
        if words.is_empty() {
            continue;
        }
        for w in &words {
            *counts.entry(w.clone()).or_default() += 1;
        }
        sentences.push(words);
    }
    // The vocabulary: frequent words by count (ties by spelling), then "<rare>" and "<s>".
    let mut vocab: Vec<(String, u64)> = counts.iter().filter(|(_, &c)| c >= min_count).map(|(w, &c)| (w.clone(), c)).collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let index: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, (w, _))| (w.as_str(), i)).collect();
    let rare = vocab.len();
    let boundary = rare + 1;
    let n = rare + 2;
    let id = |w: &str| index.get(w).copied().unwrap_or(rare);
    // Word bigram counts, both directions, and unigram counts.
    let mut right: Vec<HashMap<usize, u64>> = vec![HashMap::new(); n];
    let mut left: Vec<HashMap<usize, u64>> = vec![HashMap::new(); n];
    let mut uni = vec![0u64; n];
    for s in &sentences {
        let ids: Vec<usize> = std::iter::once(boundary).chain(s.iter().map(|w| id(w))).chain(std::iter::once(boundary)).collect();
        for pair in ids.windows(2) {
            *right[pair[0]].entry(pair[1]).or_default() += 1;
            *left[pair[1]].entry(pair[0]).or_default() += 1;
        }
        for &i in &ids[1..] {
            uni[i] += 1;
        }
    }
    let sorted = |m: &HashMap<usize, u64>| {
        let mut v: Vec<(usize, u64)> = m.iter().map(|(&k, &c)| (k, c)).collect();
        v.sort_unstable();
        v
    };
    let right: Vec<Vec<(usize, u64)>> = right.iter().map(sorted).collect();
    let left: Vec<Vec<(usize, u64)>> = left.iter().map(sorted).collect();
    // Start: the most frequent words one to a class, the rest round robin; "<s>" is fixed in a
    // class of its own (the last one).
    let c = classes.min(n - 1);
    let fixed = c; // the boundary's class
    let mut class: Vec<usize> = (0..n).map(|i| if i == boundary { fixed } else { i % c }).collect();
    let total_classes = c + 1;
    let mut big = vec![0f64; total_classes * total_classes];
    let mut cls = vec![0f64; total_classes];
    for w in 0..n {
        cls[class[w]] += uni[w] as f64;
        for &(v, k) in &right[w] {
            big[class[w] * total_classes + class[v]] += k as f64;
        }
    }
    let mut lw = vec![0f64; total_classes];
    let mut rw = vec![0f64; total_classes];
    for round in 0..ROUNDS {
        let mut moved = 0usize;
        for w in 0..n {
            if w == boundary {
                continue;
            }
            let selfc = right[w].iter().find(|(v, _)| *v == w).map_or(0.0, |(_, k)| *k as f64);
            let mut touched: Vec<usize> = Vec::new();
            for &(v, k) in &left[w] {
                if v != w {
                    if lw[class[v]] == 0.0 && rw[class[v]] == 0.0 {
                        touched.push(class[v]);
                    }
                    lw[class[v]] += k as f64;
                }
            }
            for &(v, k) in &right[w] {
                if v != w {
                    if lw[class[v]] == 0.0 && rw[class[v]] == 0.0 {
                        touched.push(class[v]);
                    }
                    rw[class[v]] += k as f64;
                }
            }
            let a = class[w];
            let nw = uni[w] as f64;
            // Take w out of a.
            for &t in &touched {
                if t != a {
                    big[t * total_classes + a] -= lw[t];
                    big[a * total_classes + t] -= rw[t];
                }
            }
            big[a * total_classes + a] -= lw[a] + rw[a] + selfc;
            cls[a] -= nw;
            // The gain of putting it into each class b.
            let gain = |b: usize, big: &[f64], cls: &[f64]| -> f64 {
                let mut g = 0.0;
                for &t in &touched {
                    if t != b {
                        let x = big[t * total_classes + b];
                        g += f(x + lw[t]) - f(x);
                        let y = big[b * total_classes + t];
                        g += f(y + rw[t]) - f(y);
                    }
                }
                let bb = big[b * total_classes + b];
                g += f(bb + lw[b] + rw[b] + selfc) - f(bb);
                g - 2.0 * (f(cls[b] + nw) - f(cls[b]))
            };
            let mut best = a;
            let mut best_gain = gain(a, &big, &cls);
            for b in 0..c {
                if b != a {
                    let g = gain(b, &big, &cls);
                    if g > best_gain + 1e-9 {
                        best = b;
                        best_gain = g;
                    }
                }
            }
            // Put it there.
            for &t in &touched {
                if t != best {
                    big[t * total_classes + best] += lw[t];
                    big[best * total_classes + t] += rw[t];
                }
            }
            big[best * total_classes + best] += lw[best] + rw[best] + selfc;
            cls[best] += nw;
            if best != a {
                class[w] = best;
                moved += 1;
            }
            for &t in &touched {
                lw[t] = 0.0;
                rw[t] = 0.0;
            }
        }
        eprintln!("round {}: {} moved", round + 1, moved);
        if moved * 1000 < n {
            break;
        }
    }
    let mut out: Vec<(&str, usize)> = vocab.iter().enumerate().map(|(i, (w, _))| (w.as_str(), class[i])).collect();
    out.sort();
    let stdout = io::stdout();
    let mut o = io::BufWriter::new(stdout.lock());
    for (w, k) in out {
        writeln!(o, "{w}\t{k}").unwrap();
    }
}
