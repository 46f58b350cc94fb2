//! Synthetic corpora for the scale benchmarks (issue 6): N articles of ~3–5 KB, written as
//! front-matter text files, deterministic for a given seed.
//!
//!     cargo run --release --bin synth -- <n_docs> <out_dir> [seed] [source_dir]
//!
//! Sentences come from the `*.txt` / `*.md` files of `source_dir` (default `seeds/`), read at run
//! time; nothing about their content is written here. Runs of capitalised words inside those
//! sentences (the names) are swapped for names made up from syllables, so the corpus has many
//! people and organisations with a long-tailed frequency, the way a news archive does. Each
//! article gets a title, a date between 2010 and 2020, a made-up outlet and a few dated
//! sentences ("On 14 May 2016, …", "last month") so the date stage has work to do.
//! The PRNG is xorshift64*; no crate.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Splitmix once so small seeds (1, 2, 3…) still start from well-mixed states.
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Long-tailed index in `0..n`: low indices are much more frequent (roughly Zipf-like).
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) - 1.0).floor().min(n as f64 - 1.0) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

/// Syllables for made-up names (not words of any particular language).
const SYLLABLES: [&str; 40] = [
    "ka", "lo", "mi", "ren", "sa", "to", "vi", "dan", "el", "mar", "no", "ri", "ta", "be", "cor", "di", "fa", "gu",
    "ha", "jo", "ku", "lin", "mo", "na", "pe", "qua", "ros", "si", "tu", "va", "wen", "xi", "ya", "zo", "bel", "cha",
    "dor", "fen", "gor", "hal",
];
const ORG_SUFFIXES: [&str; 10] = [
    "Group", "Holdings", "Corporation", "Association", "Institute", "Partners", "Trading", "Foundation", "Labs", "Ltd",
];
const OUTLET_SUFFIXES: [&str; 6] = ["Daily", "Herald", "Post", "Wire", "Review", "Times"];
const ROLES: [&str; 6] =
    ["a spokesperson for", "the chief executive of", "a lawyer for", "an analyst at", "the chair of", "a founder of"];
const VERBS: [&str; 6] = ["said", "announced", "confirmed", "denied", "told reporters", "wrote"];

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn made_up_word(rng: &mut Rng, syllables: usize) -> String {
    capitalise(&(0..syllables).map(|_| *rng.pick(&SYLLABLES)).collect::<String>())
}

struct Names {
    people: Vec<String>,
    orgs: Vec<String>,
    outlets: Vec<String>,
}

impl Names {
    fn new(rng: &mut Rng, docs: usize) -> Names {
        let people = (0..(docs / 2).clamp(40, 20_000))
            .map(|_| {
                let (a, b) = (2 + rng.below(2), 2 + rng.below(2));
                format!("{} {}", made_up_word(rng, a), made_up_word(rng, b))
            })
            .collect();
        let orgs = (0..(docs / 4).clamp(20, 10_000))
            .map(|_| {
                let n = 2 + rng.below(2);
                format!("{} {}", made_up_word(rng, n), rng.pick(&ORG_SUFFIXES))
            })
            .collect();
        let outlets = (0..(docs / 100).clamp(5, 60))
            .map(|_| {
                let n = 2 + rng.below(2);
                format!("The {} {}", made_up_word(rng, n), rng.pick(&OUTLET_SUFFIXES))
            })
            .collect();
        Names { people, orgs, outlets }
    }

    fn person(&self, rng: &mut Rng) -> &str {
        &self.people[rng.skewed(self.people.len())]
    }

    fn org(&self, rng: &mut Rng) -> &str {
        &self.orgs[rng.skewed(self.orgs.len())]
    }
}

/// Body sentences of the source texts: front matter and the first (title) line dropped, split at
/// `. `, `! `, `? ` before a capital letter or quote; very short or very long pieces dropped.
fn sentences_of(dir: &Path) -> Result<Vec<String>, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let raw = String::from_utf8_lossy(&std::fs::read(&path).unwrap_or_default()).into_owned();
        let body = match raw.strip_prefix("---\n").and_then(|r| r.find("\n---\n").map(|i| &r[i + 5..])) {
            Some(body) => body.to_string(),
            None => raw.lines().skip(1).collect::<Vec<_>>().join("\n"),
        };
        for line in body.lines() {
            let line = line.trim();
            let mut start = 0;
            let bytes = line.as_bytes();
            for i in 1..bytes.len().saturating_sub(1) {
                if matches!(bytes[i - 1], b'.' | b'!' | b'?')
                    && bytes[i] == b' '
                    && (bytes[i + 1].is_ascii_uppercase() || bytes[i + 1] == b'"')
                {
                    push_sentence(&mut out, &line[start..i]);
                    start = i + 1;
                }
            }
            push_sentence(&mut out, &line[start..]);
        }
    }
    Ok(out)
}

fn push_sentence(out: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if (40..=400).contains(&s.len()) && s.ends_with(['.', '!', '?', '"']) {
        out.push(s.to_string());
    }
}

/// Replaces runs of two or more capitalised words (not at the start of the sentence) by a
/// made-up person or organisation, half the time each.
fn rename(sentence: &str, names: &Names, rng: &mut Rng) -> String {
    let words: Vec<&str> = sentence.split(' ').collect();
    let is_cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic);
    let mut out = String::with_capacity(sentence.len() + 16);
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        while i > 0 && j < words.len() && is_cap(words[j]) {
            j += 1;
        }
        if j - i >= 2 && rng.chance(70) {
            let name = if rng.chance(50) { names.person(rng) } else { names.org(rng) };
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(name);
            i = j;
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(words[i]);
        i += 1;
    }
    out
}

/// A dated sentence, absolute or relative to the article date.
fn dated_sentence(rng: &mut Rng, names: &Names, year: i32, month: usize) -> String {
    let who = names.person(rng).to_string();
    let org = names.org(rng).to_string();
    let role = rng.pick(&ROLES);
    let verb = rng.pick(&VERBS);
    let when = match rng.below(5) {
        0 => format!("On {} {} {}", 1 + rng.below(28), MONTHS[rng.below(12)], year - rng.below(3) as i32),
        1 => format!("In {} this year", MONTHS[rng.below(month + 1)]),
        2 => "Last month".to_string(),
        3 => format!("On {} {}", MONTHS[month], 1 + rng.below(28)),
        _ => format!("In {}", year - 1 - rng.below(5) as i32),
    };
    format!("{when}, {who}, {role} {org}, {verb} that the matter was under review.")
}

fn article(i: usize, sentences: &[String], names: &Names, rng: &mut Rng) -> String {
    let year = 2010 + rng.below(11) as i32;
    let month = rng.below(12);
    let day = 1 + rng.below(28);
    let target = 3000 + rng.below(2000);
    let lead = rename(rng.pick::<String>(sentences), names, rng);
    let title: String = lead
        .trim_end_matches(['.', '!', '?', '"'])
        .split(' ')
        .take(6 + rng.below(6))
        .collect::<Vec<_>>()
        .join(" ")
        .replace('"', "");
    let mut text = String::with_capacity(target + 600);
    let _ = write!(
        text,
        "---\ntitle: {title}\ndate: {year:04}-{:02}-{day:02}\nsource: {}\nurl: https://example.org/{i:06}\n---\n{lead} ",
        month + 1,
        names.outlets[rng.below(names.outlets.len())],
    );
    while text.len() < target {
        for _ in 0..2 + rng.below(4) {
            if rng.chance(12) {
                text.push_str(&dated_sentence(rng, names, year, month));
            } else {
                text.push_str(&rename(rng.pick::<String>(sentences), names, rng));
            }
            text.push(' ');
        }
        text.pop();
        text.push_str("\n\n");
    }
    text
}

fn main() {
    // A mistyped command gets the usage and a non-zero exit, not a panic's backtrace.
    if let Err(message) = run(std::env::args().skip(1).collect()) {
        eprintln!("synth: {message}");
        std::process::exit(2);
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let usage = "usage: synth <n_docs> <out_dir> [seed] [source_dir]";
    let n: usize = args.first().and_then(|a| a.parse().ok()).ok_or(usage)?;
    let out = PathBuf::from(args.get(1).ok_or(usage)?);
    let seed: u64 = match args.get(2) {
        Some(s) => s.parse().map_err(|_| usage)?,
        None => 6,
    };
    let source = args.get(3).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("seeds"));

    let sentences = sentences_of(&source)?;
    if sentences.is_empty() {
        return Err(format!("no usable sentences in {}", source.display()));
    }
    let mut rng = Rng::new(seed);
    let names = Names::new(&mut rng, n);
    let io = |what: &str, p: &Path, e: std::io::Error| format!("cannot {what} {}: {e}", p.display());
    // A stale larger corpus must not leave extra files behind.
    if out.exists() {
        for entry in std::fs::read_dir(&out).map_err(|e| io("read", &out, e))?.flatten() {
            let p = entry.path();
            if p.file_name().and_then(|f| f.to_str()).is_some_and(|f| f.starts_with("syn_")) {
                std::fs::remove_file(&p).map_err(|e| io("remove", &p, e))?;
            }
        }
    }
    std::fs::create_dir_all(&out).map_err(|e| io("create", &out, e))?;
    let mut bytes = 0;
    for i in 0..n {
        let text = article(i, &sentences, &names, &mut rng);
        bytes += text.len();
        let path = out.join(format!("syn_{i:06}.md"));
        std::fs::write(&path, text).map_err(|e| io("write", &path, e))?;
    }
    eprintln!(
        "synth: {n} articles, {bytes} bytes ({:.0} B/article) from {} source sentences into {}",
        bytes as f64 / n.max(1) as f64,
        sentences.len(),
        out.display()
    );
    Ok(())
}
