//! Story grouping quality on synthetic multi-source corpora: 40 happenings each, reported by one
//! to four of 60 articles in different words (three paraphrases per kind of action) and in three
//! shapes news prose takes (the plain sentence; the date in one sentence and the happening in the
//! next; the happening inside attribution and padding). Some sources are a day off; every fourth
//! happening shares its day with another, with other actors; every fifth is a follow-up — the
//! same two actors the next day, doing something else. Scored with B-cubed precision and recall
//! (per event: how much of its group is its happening, and how much of its happening is its
//! group) against two baselines: no grouping, and grouping by day alone.
//!
//! The thresholds in `story.rs` were chosen on the DEV corpora (one test asserts they are the
//! best of a sweep there); the figures are reported on the TEST corpora, generated from other
//! seeds (`cargo test --test story_quality -- --nocapture`, kept in QUALITY.md).
use std::collections::HashMap;

use corpus_explorer::corpus::{story, Corpus, DateValue, Day, Source};

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

/// A small deterministic generator (no dependency, same corpus every run).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

const OUTLETS: [&str; 4] = ["the Halden Daily", "the Orvel Times", "Brevik Post", "Kestrel Wire"];
/// Clauses that pad a report the way wire rewrites and machine translation do; they dilute the
/// wording a story shares, which is what the thresholds must cope with.
const FILLERS: [&str; 10] = [
    "amid growing criticism from investors",
    "in a move that surprised many observers",
    "after weeks of tense talks",
    "citing people familiar with the matter",
    "as pressure mounted on the whole industry",
    "in a statement posted on its website",
    "according to a person close to the talks",
    "which drew sharp reactions from competitors",
    "just days before the annual meeting",
    "while markets were still closed",
];

struct Happening {
    /// Index into `ACTIONS`.
    kind: usize,
    /// (actor, rest of the sentence) for each of three paraphrases.
    sentences: [(usize, String); 3],
    month: usize,
    day: usize,
}

fn happenings(rng: &mut Lcg) -> Vec<Happening> {
    let mut out: Vec<Happening> = Vec::new();
    for i in 0..40 {
        let (a, b, month, day) = match out.last() {
            // Every fifth happening is a follow-up: the same two actors the next day, doing
            // something else. Names and dates agree; only the wording tells them apart.
            Some(prev) if i % 5 == 4 => {
                let a = prev.sentences[0].0;
                let b = ACTORS.iter().position(|x| prev.sentences[0].1.contains(x)).unwrap_or(0);
                (a, b, prev.month, prev.day + 1)
            }
            // Every fourth shares the previous one's day, with other actors.
            Some(prev) if i % 4 == 3 => {
                let a = rng.next(ACTORS.len());
                (a, (a + 1 + rng.next(ACTORS.len() - 1)) % ACTORS.len(), prev.month, prev.day)
            }
            _ => {
                let a = rng.next(ACTORS.len());
                (a, (a + 1 + rng.next(ACTORS.len() - 1)) % ACTORS.len(), i * 12 / 40, 1 + rng.next(26))
            }
        };
        let kind = match out.last() {
            Some(prev) if i % 5 == 4 => (prev.kind + 1 + rng.next(ACTIONS.len() - 1)) % ACTIONS.len(),
            _ => rng.next(ACTIONS.len()),
        };
        let sentences = ACTIONS[kind].map(|p| (a, p.replace("{B}", ACTORS[b])));
        out.push(Happening { kind, sentences, month, day });
    }
    out
}

/// One source's report of a happening, in one of three shapes news prose takes: the plain
/// sentence; the date in one sentence and what happened in the next; the happening inside
/// attribution and padding. `when` is how the date is told ("on 3 March 2021", "yesterday").
/// Returns (report, the sentence that carries the date).
fn report(rng: &mut Lcg, h: &Happening, when: &str) -> (String, String) {
    let (actor, rest) = &h.sentences[rng.next(3)];
    let actor = ACTORS[*actor];
    match rng.next(3) {
        0 => {
            let s = format!("{actor} {rest} {when}.");
            (s.clone(), s)
        }
        1 => {
            let dated = format!("{actor} made an announcement {when}, {}.", FILLERS[rng.next(FILLERS.len())]);
            (format!("{dated} {actor} {rest}, {}.", FILLERS[rng.next(FILLERS.len())]), dated)
        }
        _ => {
            let s = format!(
                "According to {}, {actor} {rest} {when}, {}, {}.",
                OUTLETS[rng.next(OUTLETS.len())],
                FILLERS[rng.next(FILLERS.len())],
                FILLERS[rng.next(FILLERS.len())]
            );
            (s.clone(), s)
        }
    }
}

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// The day of 2021 of month index `month` (0–11) and `day` (1–28).
fn day_of_2021(month: usize, day: usize) -> Day {
    Day::new(2021, month as u8 + 1, day as u8).expect("the generator's days exist")
}

/// "3 March 2021", as the pipeline's own calendar writes a day.
fn written(day: Day) -> String {
    DateValue::day(day).label()
}

/// Whether some articles print no date (see [`corpus_files`]).
#[derive(Clone, Copy, PartialEq)]
enum Dating {
    /// Every article has a date line and every report a full date.
    Printed,
    /// Every third article prints no date: its latest report says "yesterday" or a weekday, and
    /// two plain sentences bound when it was written (a date it reports as past, one it
    /// announces), a few days to a few weeks apart — as undated copy of a running story reads.
    SomeUndated,
}

/// Articles as (id, text), and for each generated dated sentence (article id, sentence) its
/// happening.
fn corpus_files(rng: &mut Lcg, hs: &[Happening], dating: Dating) -> (Vec<(String, String)>, Truth) {
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
        let id = format!("a{n:02}");
        let undated = dating == Dating::SomeUndated && n % 3 == 0;
        let latest = hs_in.iter().copied().max_by_key(|&h| (hs[h].month, hs[h].day)).unwrap_or(0);
        let latest_day = (hs[latest].month, hs[latest].day);
        let mut body = String::new();
        // When an undated article was written: two to six days after its latest happening (so
        // a report a day off is still in the past, and a weekday names the last week's).
        let written_on =
            day_of_2021(latest_day.0, latest_day.1).add_days(if undated { 2 + rng.next(5) as i64 } else { 0 });
        for &h in hs_in {
            // One source in seven is a day off: the same happening, dated differently.
            let day = if rng.next(7) == 0 { hs[h].day + 1 } else { hs[h].day };
            let when = if undated && h == latest {
                let ago = written_on.ordinal() - day_of_2021(hs[h].month, day).ordinal();
                if ago == 1 {
                    "yesterday".to_string()
                } else {
                    format!("on {}", WEEKDAYS[usize::from(day_of_2021(hs[h].month, day).weekday())])
                }
            } else {
                format!("on {}", written(day_of_2021(hs[h].month, day)))
            };
            let (text, dated) = report(rng, &hs[h], &when);
            truth.insert((id.clone(), dated), h);
            body.push_str(&text);
            body.push_str("\n\nThe move was widely expected by analysts.\n\n");
        }
        let text = if undated {
            let before = written(written_on.add_days(-(2 + rng.next(20) as i64)).max(day_of_2021(0, 1)));
            let after = written(written_on.add_days(2 + rng.next(20) as i64));
            format!(
                "Business briefing {n}\n\n{body}The quarterly figures were published on {before}.\n\nThe next figures will be published on {after}.\n"
            )
        } else {
            format!(
                "---\ndate: 2021-{:02}-{:02}\n---\nBusiness briefing {n}\n\n{body}",
                latest_day.0 + 1,
                (latest_day.1 + 2).min(28)
            )
        };
        files.push((id, text));
    }
    (files, truth)
}

/// Each generated dated sentence, by (article id, sentence text), and its happening.
type Truth = HashMap<(String, String), usize>;

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

/// B-cubed (precision, recall) of grouping at `at`, of no grouping, and of grouping by day, on
/// the corpus generated from `seed`.
fn score(seed: u64, dating: Dating, at: story::Thresholds) -> [(f64, f64); 3] {
    let mut rng = Lcg(seed);
    let hs = happenings(&mut rng);
    let (files, truth_by_sentence) = corpus_files(&mut rng, &hs, dating);
    let sources: Vec<Source<'_>> = files.iter().map(|(id, text)| Source { id, text }).collect();
    let corpus = Corpus::build(&sources, None);
    // Events of the generated sentences (the pipeline may find others; they are not scored).
    let scored: Vec<(usize, usize)> = corpus
        .events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let doc = &corpus.documents[e.doc as usize];
            let text = doc.sentences[e.sentence as usize].text.trim();
            truth_by_sentence.get(&(doc.id.clone(), text.to_string())).map(|&h| (i, h))
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
    for (s, st) in story::group_with(&corpus, at).iter().enumerate() {
        for &e in &st.events {
            story_of[e as usize] = s;
        }
    }
    let ours: Vec<usize> = scored.iter().map(|&(i, _)| story_of[i]).collect();
    let none: Vec<usize> = (0..scored.len()).collect();
    let by_day: Vec<usize> = scored.iter().map(|&(i, _)| corpus.events[i].date.start.ordinal() as usize).collect();
    [bcubed(&ours, &truth), bcubed(&none, &truth), bcubed(&by_day, &truth)]
}

/// Mean of per-corpus (precision, recall) over `seeds`.
fn mean(scores: &[(f64, f64)]) -> (f64, f64) {
    let n = scores.len() as f64;
    (scores.iter().map(|s| s.0).sum::<f64>() / n, scores.iter().map(|s| s.1).sum::<f64>() / n)
}

#[test]
fn written_dates_roll_into_the_next_year() {
    let first = day_of_2021(0, 1);
    assert_eq!(written(first), "1 January 2021");
    assert_eq!(written(first.add_days(364)), "31 December 2021");
    assert_eq!(written(first.add_days(365 + 31)), "1 February 2022");
}

/// Corpora the thresholds were tuned on, and corpora they are reported on.
const DEV: [u64; 3] = [12, 13, 14];
const TEST: [u64; 5] = [101, 102, 103, 104, 105];

#[test]
fn the_thresholds_are_the_best_on_the_dev_corpora() {
    let dev_f1 = |at: story::Thresholds| f1(mean(&DEV.map(|seed| score(seed, Dating::Printed, at)[0])));
    let chosen = dev_f1(story::Thresholds::default());
    let mut best = (0.0, story::Thresholds::default());
    for context in [0.0, 0.5, 1.0] {
        for wording in [0.45, 0.55, 0.65] {
            for wording_with_names in [0.25, 0.30, 0.35, 0.40, 0.45] {
                let at = story::Thresholds { wording, wording_with_names, context, ..Default::default() };
                let f = dev_f1(at);
                println!("dev  context {context:.1}  wording {wording:.2}  with a shared name {wording_with_names:.2}  B-cubed F1 {f:.3}");
                if f > best.0 {
                    best = (f, at);
                }
            }
        }
    }
    assert!(
        chosen + 0.005 >= best.0,
        "the default thresholds score {chosen:.3} on dev; {:?} scores {:.3}",
        best.1,
        best.0
    );
}

#[test]
fn grouping_beats_both_baselines_on_synthetic_multi_source_corpora() {
    let runs: Vec<[(f64, f64); 3]> =
        TEST.iter().map(|&seed| score(seed, Dating::Printed, story::Thresholds::default())).collect();
    let [o, n, d] = [0, 1, 2].map(|k| mean(&runs.iter().map(|r| r[k]).collect::<Vec<_>>()));
    println!(
        "story grouping, test corpora {TEST:?} (mean B-cubed P / R / F1):\n  ours        {:.3} / {:.3} / {:.3}\n  no grouping {:.3} / {:.3} / {:.3}\n  same day    {:.3} / {:.3} / {:.3}",
        o.0, o.1, f1(o), n.0, n.1, f1(n), d.0, d.1, f1(d)
    );
    assert!(f1(o) > f1(n) && f1(o) > f1(d), "grouping must beat both baselines");
    assert!(o.0 >= 0.85, "merging different happenings is the costly error: precision {:.3}", o.0);
    assert!(f1(o) >= 0.9, "B-cubed F1 {:.3}", f1(o));
}

/// Stories across undated articles: every third article prints no date, so its latest report's
/// "yesterday" or weekday is a range of days. The longest range that links ([`story::RANGE_DAYS`])
/// is the best of a sweep on the dev corpora, and on the test corpora it must beat the rule
/// that links only days, weeks and months (`range_days` 0), without losing precision.
#[test]
fn stories_cross_undated_articles() {
    let with = |range_days: i64| story::Thresholds { range_days, ..Default::default() };
    let dev_f1 = |range_days: i64| f1(mean(&DEV.map(|seed| score(seed, Dating::SomeUndated, with(range_days))[0])));
    let chosen = dev_f1(story::RANGE_DAYS);
    let mut best = (0.0, 0);
    for range_days in [0, 8, 15, 22, 32, 46, 63, 93] {
        let f = dev_f1(range_days);
        println!("undated dev  ranges up to {range_days} days link  B-cubed F1 {f:.4}");
        if f > best.0 {
            best = (f, range_days);
        }
    }
    assert!(chosen + 0.005 >= best.0, "RANGE_DAYS scores {chosen:.3} on dev; {} days score {:.3}", best.1, best.0);
    let test = |at: story::Thresholds| {
        let runs: Vec<[(f64, f64); 3]> = TEST.iter().map(|&seed| score(seed, Dating::SomeUndated, at)).collect();
        [0, 1, 2].map(|k| mean(&runs.iter().map(|r| r[k]).collect::<Vec<_>>()))
    };
    let [ours, none, by_day] = test(story::Thresholds::default());
    let [days_only, ..] = test(with(0));
    println!(
        "story grouping, some articles undated, test corpora {TEST:?} (mean B-cubed P / R / F1):\n  ours             {:.3} / {:.3} / {:.3}\n  only fine dates  {:.3} / {:.3} / {:.3}\n  no grouping      {:.3} / {:.3} / {:.3}\n  same start day   {:.3} / {:.3} / {:.3}",
        ours.0, ours.1, f1(ours), days_only.0, days_only.1, f1(days_only), none.0, none.1, f1(none), by_day.0, by_day.1, f1(by_day)
    );
    assert!(f1(ours) > f1(days_only), "ranges must link undated reports: {:.3} vs {:.3}", f1(ours), f1(days_only));
    assert!(
        ours.0 + 0.005 >= days_only.0,
        "linking ranges must not cost precision: {:.3} vs {:.3}",
        ours.0,
        days_only.0
    );
    assert!(ours.0 >= 0.85, "merging different happenings is the costly error: precision {:.3}", ours.0);
}
