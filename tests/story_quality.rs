//! Story grouping quality on a synthetic multi-source corpus: 40 happenings, each reported by
//! one to four of 60 articles in different words (three paraphrases per kind of action), some
//! sources a day off, some happenings on the same day with other actors. Scored with B-cubed
//! precision and recall (per event: how much of its group is its happening, and how much of its
//! happening is its group) against two baselines: no grouping, and grouping by day alone.
//! The figures are printed (`cargo test --test story_quality -- --nocapture`) and kept in
//! QUALITY.md; the test fails if grouping stops beating both baselines or drops below the floor.
use std::collections::HashMap;

use corpus_explorer::corpus::{story, Corpus, Source};

const ACTORS: [&str; 10] = [
    "Zentaro Corp", "Orvel Council", "Halden Port Authority", "Brevik Shipping", "Kestrel Bank", "Norrland Rail",
    "Ana Costa", "Tomas Brevik", "Lidia Marenko", "Mirela Vantus",
];
const ACTIONS: [[&str; 3]; 6] = [
    ["suspended the membership of {B}", "halted the membership of {B}", "froze the membership of {B}"],
    ["signed a supply contract with {B}", "agreed a supply deal with {B}", "reached a supply agreement with {B}"],
    [
        "sued {B} over unpaid invoices",
        "filed a lawsuit against {B} over unpaid invoices",
        "took {B} to court over unpaid invoices",
    ],
    ["announced a merger with {B}", "said it would merge with {B}", "unveiled plans for a merger with {B}"],
    [
        "fined {B} for safety breaches",
        "imposed a penalty on {B} for safety breaches",
        "ordered {B} to pay a fine for safety breaches",
    ],
    ["opened a joint office with {B}", "launched a joint office with {B}", "set up a joint office with {B}"],
];
const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

/// A small deterministic generator (no dependency, same corpus every run).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

struct Happening {
    sentences: [String; 3],
    month: usize,
    day: usize,
}

fn happenings(rng: &mut Lcg) -> Vec<Happening> {
    (0..40)
        .map(|i| {
            let a = rng.next(ACTORS.len());
            let b = (a + 1 + rng.next(ACTORS.len() - 1)) % ACTORS.len();
            let kind = rng.next(ACTIONS.len());
            // Every fourth happening shares the previous one's day, with other actors.
            let (month, day) = if i % 4 == 3 { (i * 12 / 40, 10 + (i % 15)) } else { (i * 12 / 40, 1 + rng.next(27)) };
            let sentences = ACTIONS[kind].map(|p| format!("{} {}", ACTORS[a], p.replace("{B}", ACTORS[b])));
            Happening { sentences, month, day: if i % 4 == 3 { 10 + ((i - 1) % 15) } else { day } }
        })
        .collect()
}

/// Articles as (id, text), and for each generated dated sentence its happening.
fn corpus_files(rng: &mut Lcg, hs: &[Happening]) -> (Vec<(String, String)>, HashMap<String, usize>) {
    let mut reports: Vec<Vec<usize>> = vec![Vec::new(); 60];
    for (h, _) in hs.iter().enumerate() {
        let sources = 1 + rng.next(4);
        let mut article = rng.next(60);
        for _ in 0..sources {
            article = (article + 1 + rng.next(7)) % 60;
            if !reports[article].contains(&h) {
                reports[article].push(h);
            }
        }
    }
    let mut truth = HashMap::new();
    let mut files = Vec::new();
    for (n, hs_in) in reports.iter().enumerate() {
        if hs_in.is_empty() {
            continue;
        }
        let latest = hs_in.iter().map(|&h| (hs[h].month, hs[h].day)).max().unwrap_or((0, 1));
        let mut body = String::new();
        for &h in hs_in {
            let happening = &hs[h];
            // One source in seven is a day off: the same happening, dated differently.
            let day = if rng.next(7) == 0 { happening.day + 1 } else { happening.day };
            let words = &happening.sentences[rng.next(3)];
            let sentence = format!("{words} on {day} {} 2021.", MONTHS[happening.month]);
            truth.insert(sentence.clone(), h);
            body.push_str(&sentence);
            body.push_str("\n\nThe move was widely expected by analysts.\n\n");
        }
        let text = format!(
            "---\ndate: 2021-{:02}-{:02}\n---\nBusiness briefing {n}\n\n{body}",
            latest.0 + 1,
            (latest.1 + 2).min(28)
        );
        files.push((format!("a{n:02}"), text));
    }
    (files, truth)
}

/// B-cubed precision and recall of `groups` (event → group id) against `truth` (event → id).
fn bcubed(groups: &[usize], truth: &[usize]) -> (f64, f64) {
    let n = groups.len() as f64;
    let (mut p, mut r) = (0.0, 0.0);
    for i in 0..groups.len() {
        let same_group: Vec<usize> = (0..groups.len()).filter(|&j| groups[j] == groups[i]).collect();
        let same_truth = (0..groups.len()).filter(|&j| truth[j] == truth[i]).count() as f64;
        let both = same_group.iter().filter(|&&j| truth[j] == truth[i]).count() as f64;
        p += both / same_group.len() as f64;
        r += both / same_truth;
    }
    (p / n, r / n)
}

fn f1((p, r): (f64, f64)) -> f64 {
    2.0 * p * r / (p + r)
}

#[test]
fn grouping_beats_both_baselines_on_a_synthetic_multi_source_corpus() {
    let mut rng = Lcg(12);
    let hs = happenings(&mut rng);
    let (files, truth_by_sentence) = corpus_files(&mut rng, &hs);
    let sources: Vec<Source<'_>> = files.iter().map(|(id, text)| Source { id, text }).collect();
    let corpus = Corpus::build(&sources, None);
    // Events of the generated sentences (the pipeline may find others; they are not scored).
    let scored: Vec<(usize, usize)> = corpus
        .events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let text = corpus.documents[e.doc as usize].sentences[e.sentence as usize].text.trim();
            truth_by_sentence.get(text).map(|&h| (i, h))
        })
        .collect();
    let generated = truth_by_sentence.len();
    assert!(
        scored.len() * 10 >= generated * 9,
        "the pipeline must date most generated sentences: {} of {generated}",
        scored.len()
    );
    let truth: Vec<usize> = scored.iter().map(|&(_, h)| h).collect();
    let mut story_of = vec![usize::MAX; corpus.events.len()];
    for (s, st) in story::group(&corpus).iter().enumerate() {
        for &e in &st.events {
            story_of[e as usize] = s;
        }
    }
    let ours: Vec<usize> = scored.iter().map(|&(i, _)| story_of[i]).collect();
    let none: Vec<usize> = (0..scored.len()).collect();
    let by_day: Vec<usize> = scored.iter().map(|&(i, _)| corpus.events[i].date.start.ordinal() as usize).collect();
    let (o, n, d) = (bcubed(&ours, &truth), bcubed(&none, &truth), bcubed(&by_day, &truth));
    println!(
        "story grouping, {} events of {} happenings in {} articles (B-cubed P / R / F1):\n  ours        {:.3} / {:.3} / {:.3}\n  no grouping {:.3} / {:.3} / {:.3}\n  same day    {:.3} / {:.3} / {:.3}",
        scored.len(), hs.len(), files.len(), o.0, o.1, f1(o), n.0, n.1, f1(n), d.0, d.1, f1(d)
    );
    assert!(f1(o) > f1(n) && f1(o) > f1(d), "grouping must beat both baselines");
    assert!(o.0 >= 0.9, "merging different happenings is the costly error: precision {:.3}", o.0);
    assert!(f1(o) >= 0.8, "B-cubed F1 {:.3}", f1(o));
}
