//! When was each article written? An interval per article, narrowed by evidence from its own
//! text and from the other articles of the collection, with the evidence kept as sentences.
//!
//! **The model.** An article's date is the set of days it may have been written on
//! ([`DaySet`]), starting from every day. Evidence only intersects it:
//! 1. *Printed*: front matter or a date line fixes it (see `reference`); nothing narrows it
//!    further, but it still refutes links to other articles that contradict it.
//! 2. *Its own text*: a full date told in the past tense is a lower bound, one announced in the
//!    future tense an upper bound; "in April this year" told in the past allows April–December
//!    of the article's year, whatever year that is; a countdown ("there is still more than a
//!    week left for the speech") bounds it from the dated happening it counts down to; a
//!    passage shared with a dated article puts it, likely, on or after that day (a copy
//!    follows its source, but which one is the copy the text does not say).
//! 3. *The collection*: two sentences of different articles that report the same happening
//!    (worded alike, naming the same actors: the thresholds of story groups) are **tied**: the
//!    value one article's expression has ("April 2016") must be a value the other's can have
//!    ("13 last month"), which bounds the other article's date. Expressions are monotone in the
//!    article's date (a later article has a later "yesterday"), so the days a tie allows are
//!    one interval, found by bisection. Ties propagate until nothing changes.
//! 4. *A preference*, kept apart: when the evidence still allows several years and the article
//!    announces a dated event, the nearest year before that event is **likely** (announced
//!    events are weeks or months away, not years). A likely date is marked as such wherever it
//!    shows, and what follows from it (ties to other articles) is likely too.
//!
//! **Contradictions** are never averaged: a tie that would leave no day is dropped and said;
//! dates with their year that contradict each other are all set aside.
//!
//! Total and deterministic: sets only shrink, rounds are bounded, no hash-map order reaches
//! output.
use crate::corpus::order;
use std::collections::{BTreeSet, BinaryHeap, HashMap};

use crate::corpus::story::{self, Vector};
use crate::corpus::text;
use crate::corpus::time::{DateValue, Day, Precision, MONTH_NAMES};
use crate::corpus::types::{DateBasis, Document};

use super::interval::DaySet;
use super::reference::{self, Known};
use super::resolve::{resolve, Context, Reference};
use super::scan::{Expr, Found, Unit, YearSpec};
use super::tense::Tense;

/// An article date narrower than this (in days) dates its relative expressions.
pub(super) const MAX_WIDTH: i64 = 366;
/// A happening dated more coarsely than this (a season, a year) is too loose to tie to another.
const MAX_TIE_DAYS: i64 = 62;
/// Two sources may date one happening a day apart (a time zone, "yesterday" from the day of
/// writing or of publication): a tie allows that much on each side, as story groups do.
const TIE_SLACK: i64 = story::DISAGREE_DAYS;
/// How far from a happening an article that mentions it relatively can be ("last year" at most).
const REACH_DAYS: i64 = 800;
/// Ties kept per expression (the strongest) and the rarest terms that find its candidates.
const MAX_TIES: usize = 8;
const PROBE_TERMS: usize = 4;
/// A term in more expressions' sentences than this finds no candidates (it is not rare), and
/// an expression is compared with at most this many others: bounds on the work of a corpus
/// where hundreds of articles tell the same happening alike.
const MAX_POSTINGS: usize = 200;
const MAX_CANDIDATES: usize = 400;
/// Wording of a weak tie (see [`Tie::weak`]): half the story groups' threshold with names.
const WEAK_WORDING: f64 = story::MIN_WORDING_WITH_NAMES / 2.0;

/// What the solver concluded for one article.
#[derive(Clone, Debug)]
pub(super) struct ArticleDate {
    /// What its expressions are resolved over: the narrow interval (certain or likely), if any.
    pub(super) reference: Reference,
    pub(super) basis: DateBasis,
    pub(super) likely: bool,
    /// The certain interval's ends; `None` where it is open.
    pub(super) bounds: (Option<Day>, Option<Day>),
    /// The evidence, one sentence each, in the order it was applied.
    pub(super) evidence: Vec<String>,
    /// Other articles whose dates it leans on.
    pub(super) from: Vec<u32>,
    /// One line for people: the interval and why.
    pub(super) summary: String,
}

struct State {
    certain: DaySet,
    /// Narrower than `certain` by a preference or by ties to likely dates.
    likely: Option<DaySet>,
    /// A printed date: never narrowed.
    fixed: Option<Known>,
    evidence: Vec<String>,
    from: BTreeSet<u32>,
}

#[derive(Debug, PartialEq, Eq)]
enum Narrowed {
    Unchanged,
    Changed,
    /// Nothing would remain: the evidence contradicts what is known.
    Contradicts,
}

impl State {
    fn effective(&self) -> &DaySet {
        self.likely.as_ref().unwrap_or(&self.certain)
    }

    fn narrow(&mut self, by: &DaySet, likely: bool) -> Narrowed {
        if self.fixed.is_some() {
            return if self.certain.intersect(by).is_empty() { Narrowed::Contradicts } else { Narrowed::Unchanged };
        }
        if likely {
            let next = self.effective().intersect(by);
            if next.is_empty() {
                return Narrowed::Contradicts;
            }
            if &next == self.effective() {
                return Narrowed::Unchanged;
            }
            self.likely = Some(next);
            return Narrowed::Changed;
        }
        let next = self.certain.intersect(by);
        if next.is_empty() {
            return Narrowed::Contradicts;
        }
        if next == self.certain {
            return Narrowed::Unchanged;
        }
        // A preference the evidence now excludes is dropped; one it allows stays inside it.
        self.likely = self.likely.take().map(|l| l.intersect(&next)).filter(|l| !l.is_empty() && *l != next);
        self.certain = next;
        Narrowed::Changed
    }
}

/// Two expressions of different articles that report one happening.
#[derive(Clone, Copy)]
struct Tie {
    a: (usize, usize),
    b: (usize, usize),
    wording: f64,
    /// Worded less alike than a story group requires, but each side's best match in the other
    /// article and naming the same actors: evidence of the same story's *year*, not of the same
    /// day. Used only in the likely pass, and only to choose among years.
    weak: bool,
    /// Worded alike enough only because both sentences name the same actors (a cosine below the
    /// story groups' threshold without names): a recurring happening is told that way too (a
    /// company's monthly security patch, this year's summit and last year's), so such a tie
    /// lends a *likely* date, never a certain one. Measured on ECB+ (QUALITY.md, "Article dates
    /// without a date line"): every confidently wrong date there came from one.
    named: bool,
    dropped: bool,
}

/// The date of every document. `found` holds each document's expressions.
pub(super) fn solve(documents: &[Document], found: &[Vec<Found>]) -> Vec<ArticleDate> {
    let known = reference::printed(documents, found);
    let copies = reference::copy_bounds(documents, &known);
    let mut states: Vec<State> = known
        .iter()
        .map(|k| State {
            certain: k
                .as_ref()
                .map_or_else(DaySet::all, |k| DaySet::between(k.value.start.ordinal(), k.value.end.ordinal())),
            likely: None,
            fixed: k.clone(),
            evidence: Vec::new(),
            from: BTreeSet::new(),
        })
        .collect();
    for (k, state) in states.iter_mut().enumerate() {
        if state.fixed.is_none() {
            own_evidence(state, &documents[k], &found[k], copies[k].as_ref());
        }
    }
    let mut ties = ties(documents, found);
    propagate(&mut states, documents, found, &mut ties, false);
    for (state, found) in states.iter_mut().zip(found) {
        prefer(state, found);
    }
    propagate(&mut states, documents, found, &mut ties, true);
    states.into_iter().map(finish).collect()
}

/// The value of `f` when no article date is known: only dates with their year have one.
fn absolute(f: &Found) -> Option<DateValue> {
    let none = Reference::none();
    resolve(f, &Context { reference: &none, last_year: None }).map(|r| r.value)
}

/// The value of `f` in an article written on `day`.
fn at_day(f: &Found, day: Day) -> Option<DateValue> {
    let r = Reference::on(day);
    resolve(f, &Context { reference: &r, last_year: None }).map(|r| r.value)
}

fn hull(a: DateValue, b: DateValue) -> DateValue {
    if a == b {
        return a;
    }
    DateValue { start: a.start.min(b.start), end: a.end.max(b.end), precision: Precision::Range }
}

/// The values `f` takes over an article date in `set` (narrow), and whether that is one value
/// whatever day in the set it was written (the expression is *settled*). Expressions move
/// monotonically with the article's date, so the first and the last day give the hull.
fn value_over(f: &Found, set: &DaySet) -> Option<(DateValue, bool)> {
    if let Some(v) = absolute(f) {
        return Some((v, true));
    }
    let (lo, hi) = set.within(MAX_WIDTH)?;
    let (a, b) = (at_day(f, lo)?, at_day(f, hi)?);
    Some((hull(a, b), a == b))
}

/// The article dates, within `around`, for which `f` can denote (overlap) `v`. Bisection over
/// the monotone value; empty when none does.
fn inverse(f: &Found, v: DateValue, around: &DaySet) -> DaySet {
    let Some((lo, hi)) = around.hull() else { return DaySet::none() };
    let (lo, hi) = (lo.max(v.start.ordinal() - REACH_DAYS), hi.min(v.end.ordinal() + REACH_DAYS));
    let value = |d: i64| at_day(f, Day::from_ordinal(d));
    // Smallest day whose value does not end before `v`; largest whose value does not start after it.
    let first = first_true(lo, hi, |d| value(d).is_some_and(|x| x.end >= v.start));
    let last = last_true(lo, hi, |d| value(d).is_some_and(|x| x.start <= v.end));
    match (first, last) {
        (Some(a), Some(b)) if a <= b && value(a).is_some_and(|x| x.overlaps(v.start, v.end)) => {
            around.intersect(&DaySet::between(a, b))
        }
        _ => DaySet::none(),
    }
}

fn first_true(mut lo: i64, mut hi: i64, p: impl Fn(i64) -> bool) -> Option<i64> {
    if lo > hi || !p(hi) {
        return None;
    }
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if p(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Some(lo)
}

fn last_true(mut lo: i64, mut hi: i64, p: impl Fn(i64) -> bool) -> Option<i64> {
    if lo > hi || !p(lo) {
        return None;
    }
    while lo < hi {
        let mid = lo + (hi - lo + 1) / 2;
        if p(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Some(lo)
}

/// Bounds from the article's own text (see the module docs, 2).
fn own_evidence(state: &mut State, doc: &Document, found: &[Found], copy: Option<&(Day, String)>) {
    // Dates with their year, by tense. If they contradict each other, a tense was misread
    // somewhere: none of them is trusted rather than one picked.
    let mut with_year: Vec<(DaySet, String)> = Vec::new();
    let told: Vec<(DateValue, Tense)> = found.iter().filter_map(|f| absolute(f).map(|v| (v, f.tense))).collect();
    for f in found {
        // A year alone is no bound: its tense is the least reliable ("1990 earnings", "plants
        // closed by 2012", "the 2014 Winter Paralympics"), measured on the dev split.
        let Some(v) = absolute(f).filter(|v| v.width() <= 31) else { continue };
        if dates_a_plan(doc, f) {
            continue;
        }
        // A date the article tells both as past and as future ("rose by 2050", "will by 2050")
        // is evidence of neither.
        let opposite = match f.tense {
            Tense::Past => Tense::Future,
            Tense::Future => Tense::Past,
            _ => continue,
        };
        if told.iter().any(|&(w, t)| w == v && t == opposite) {
            continue;
        }
        match f.tense {
            Tense::Past => with_year
                .push((DaySet::on_or_after(v.start.ordinal()), format!("after '{}' (told in the past tense)", f.text))),
            Tense::Future => with_year.push((
                DaySet::on_or_before(v.end.ordinal()),
                format!("before the end of '{}' (announced in the future tense)", f.text),
            )),
            _ => {}
        }
    }
    let all = with_year.iter().fold(DaySet::all(), |s, (b, _)| s.intersect(b));
    if all.is_empty() {
        let said: Vec<&str> = with_year.iter().map(|(_, w)| w.as_str()).collect();
        state.evidence.push(format!("set aside: its dates contradict each other ({})", said.join("; ")));
        with_year.clear();
    }
    let mut bounds = with_year;
    bounds.extend(this_year_windows(found));
    bounds.extend(countdowns(doc, found));
    for (by, why) in bounds {
        match state.narrow(&by, false) {
            Narrowed::Changed => state.evidence.push(why),
            Narrowed::Contradicts => state.evidence.push(format!("set aside: {why}, which the rest contradicts")),
            Narrowed::Unchanged => {}
        }
    }
    // A copy usually follows its source, but the text does not say which of two articles that
    // share a passage wrote it first (both may copy a wire story or a press release): on the
    // ECB+ dev topics the dated article was the later one for 3 of the 7 articles bounded so.
    // So the bound is likely, not certain.
    if let Some((day, why)) = copy {
        if state.narrow(&DaySet::on_or_after(day.ordinal()), true) == Narrowed::Changed {
            state.evidence.push(format!("{why}: likely written on or after it"));
        }
    }
}

/// A date that names when a plan is due ("a previously announced November 2013 release date",
/// "the March 1, 2012 deadline", "a 2015 target"): the clause's verb tells when the plan was
/// set, not on which side of the article's date the date lies, so it is no bound. Only a plan's
/// noun counts: a date before a happening ("the June 1972 break-in", "an April 2008 raid") is
/// nearly always told as past, and those bounds are right (ECB+ dev).
fn dates_a_plan(doc: &Document, f: &Found) -> bool {
    const PLAN: &[&str] =
        &["date", "dates", "deadline", "deadlines", "target", "goal", "timeline", "timetable", "schedule"];
    let Some(rest) = doc.sentences.get(f.sentence as usize).and_then(|s| s.text.get(f.end..)) else { return false };
    // Only a space between: a comma, a dash or a parenthesis ends the date's phrase.
    if !rest.starts_with(' ') {
        return false;
    }
    let mut next = rest.split_whitespace().map(|w| w.trim_end_matches(|c: char| !c.is_alphabetic()));
    let first = next.next().unwrap_or("");
    let lower = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_lowercase());
    lower(first) && (PLAN.contains(&first) || next.next().is_some_and(|w| lower(w) && PLAN.contains(&w)))
}

/// "In April this year", told in the past: written in April–December of its year; announced in
/// the future: January–April. The window is the expression's value in any year.
fn this_year_windows(found: &[Found]) -> Vec<(DaySet, String)> {
    let mut out = Vec::new();
    for f in found {
        if year_spec(&f.expr) != Some(YearSpec::Rel(0)) {
            continue;
        }
        let Some(v) = at_day(f, Day { year: 2000, month: 1, day: 1 }) else { continue };
        if v.start.year != 2000 || v.end.year != 2000 {
            continue;
        }
        let (from, to) = ((v.start.month, v.start.day), (v.end.month, v.end.day));
        match f.tense {
            Tense::Past => out.push((
                DaySet::each_year(from, (12, 31)),
                format!("after the start of '{}' in its year (told in the past tense)", f.text),
            )),
            Tense::Future => out.push((
                DaySet::each_year((1, 1), to),
                format!("before the end of '{}' in its year (announced in the future tense)", f.text),
            )),
            _ => {}
        }
    }
    out
}

fn year_spec(e: &Expr) -> Option<YearSpec> {
    match *e {
        Expr::Day { y, .. }
        | Expr::DayRange { y, .. }
        | Expr::Month { y, .. }
        | Expr::Season { y, .. }
        | Expr::Year { y, .. }
        | Expr::Quarter { y, .. }
        | Expr::Half { y, .. }
        | Expr::Holiday { y, .. } => Some(y),
        _ => None,
    }
}

/// "There is still more than a week left for the speech", "with two weeks to go before the
/// vote": the article is that long before the dated happening it counts down to (the nearest
/// date with its year announced in this or the three sentences before). "More than X" is an
/// upper bound X before it; "less than / nearly X" a lower one; a plain "X" is read loosely,
/// between half and twice X, since people round.
fn countdowns(doc: &Document, found: &[Found]) -> Vec<(DaySet, String)> {
    let mut out = Vec::new();
    for (k, s) in doc.sentences.iter().enumerate().filter(|(_, s)| !s.boilerplate) {
        let words: Vec<String> = text::words(&s.text, &['-']).map(|w| w.text.to_lowercase()).collect();
        for i in 1..words.len() {
            let Some(unit_days) = unit_days(&words[i]) else { continue };
            let rest = |j: usize| words.get(i + j).map(String::as_str);
            let counts_down = matches!(rest(1), Some("left" | "away" | "remaining" | "remain"))
                || (rest(1) == Some("to") && rest(2) == Some("go"));
            let Some(n) = count_word(&words[i - 1]) else { continue };
            if !counts_down {
                continue;
            }
            let before = |j: usize| i.checked_sub(j).and_then(|x| words.get(x)).map(String::as_str);
            let qualifier = match (before(3), before(2)) {
                (Some("more" | "over"), Some("than")) | (_, Some("over")) => Qualifier::More,
                (Some("less" | "fewer"), Some("than")) | (_, Some("under" | "nearly" | "almost")) => Qualifier::Less,
                _ => Qualifier::About,
            };
            let Some((anchor, v)) = countdown_anchor(found, k as u32) else { continue };
            let x = n * unit_days;
            let start = v.start.ordinal();
            let by = match qualifier {
                Qualifier::More => DaySet::on_or_before(start - x - 1),
                Qualifier::Less => DaySet::between(start - x, start),
                Qualifier::About => DaySet::between(start - 2 * x, start - (x + 1) / 2),
            };
            let phrase = words[i.saturating_sub(3)..=(i + 1).min(words.len() - 1)].join(" ");
            out.push((by, format!("'…{phrase}…' counts down to '{}' ({})", anchor.text, v.label())));
        }
    }
    out
}

enum Qualifier {
    More,
    Less,
    About,
}

fn unit_days(w: &str) -> Option<i64> {
    match w {
        "day" | "days" => Some(1),
        "week" | "weeks" => Some(7),
        "month" | "months" => Some(30),
        _ => None,
    }
}

fn count_word(w: &str) -> Option<i64> {
    const WORDS: [&str; 11] = ["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    if w == "an" {
        return Some(1);
    }
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i.max(1) as i64);
    }
    w.parse::<i64>().ok().filter(|n| (1..=400).contains(n))
}

/// The happening a countdown in sentence `k` counts to: the nearest date with its year that is
/// announced in the future tense in that sentence or the three before it.
fn countdown_anchor(found: &[Found], k: u32) -> Option<(&Found, DateValue)> {
    found
        .iter()
        .filter(|f| f.sentence <= k && f.sentence + 3 >= k && f.tense == Tense::Future)
        .filter_map(|f| absolute(f).filter(|v| v.width() <= 31).map(|v| (f, v)))
        .max_by_key(|(f, _)| (f.sentence, f.start))
}

/// Expressions fine enough to tie one happening to another: days, weeks, months.
fn tieable(f: &Found) -> bool {
    if year_spec(&f.expr) == Some(YearSpec::Same) {
        return false;
    }
    match f.expr {
        Expr::Day { .. }
        | Expr::DayRange { .. }
        | Expr::Month { part: None, .. }
        | Expr::RelDay(_)
        | Expr::RelWeek(_)
        | Expr::Weekend(_)
        | Expr::Weekday { .. }
        | Expr::DayOfRelMonth { .. }
        | Expr::RelMonth { part: None, .. } => true,
        Expr::Ago { unit, .. } => matches!(unit, Unit::Day | Unit::Week),
        _ => false,
    }
}

/// Candidate ties: expressions of different articles whose sentences report one happening, by
/// the story groups' test (IDF-weighted cosine of the sentence and the next, shared names).
/// Candidates come from each sentence's rarest terms, so the work grows with the collection,
/// not with its square.
fn ties(documents: &[Document], found: &[Vec<Found>]) -> Vec<Tie> {
    let items: Vec<(usize, usize)> = found
        .iter()
        .enumerate()
        .flat_map(|(d, fs)| fs.iter().enumerate().filter(|(_, f)| tieable(f)).map(move |(i, _)| (d, i)))
        .collect();
    if items.len() < 2 {
        return Vec::new();
    }
    // Each expression's value without an article date, resolved once: the candidate pairs
    // below compare them many times (`written_beside`).
    let values: Vec<Vec<Option<DateValue>>> = found.iter().map(|fs| fs.iter().map(absolute).collect()).collect();
    // Whole words, not the story groups' stems: a tie states a date as certain (story::stem).
    let vocabulary = story::idf_of_words(documents);
    // Expressions of one sentence share its vector (they are next to each other in `items`).
    let mut vectors: Vec<Vector> = Vec::with_capacity(items.len());
    let mut last: Option<((usize, u32), Vector)> = None;
    for &(d, i) in &items {
        let key = (d, found[d][i].sentence);
        let v = match &last {
            Some((k, v)) if *k == key => v.clone(),
            _ => story::sentence_vector(documents, d as u32, key.1, &vocabulary, story::CONTEXT_WEIGHT),
        };
        last = Some((key, v.clone()));
        vectors.push(v);
    }
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
    for (n, v) in vectors.iter().enumerate() {
        for &(term, _) in v {
            postings.entry(term).or_default().push(n as u32);
        }
    }
    let names: Vec<Vec<u32>> = items
        .iter()
        .map(|&(d, i)| {
            let s = &documents[d].sentences[found[d][i].sentence as usize];
            let mut e: Vec<u32> = s.mentions.iter().map(|m| m.entity).collect();
            e.sort_unstable();
            e.dedup();
            e
        })
        .collect();
    // Every candidate pair that names no different actors, whose dates could be one day, and
    // that is worded alike enough to be a tie of either strength.
    let mut pairs: Vec<(usize, usize, f64, bool)> = Vec::new(); // (item, item, wording, shared names)
    let mut candidates: Vec<u32> = Vec::new();
    for (n, v) in vectors.iter().enumerate() {
        let mut probe: Vec<(u32, f64)> = v.clone();
        order::sort_by(&mut probe, |x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        candidates.clear();
        for (t, _) in probe.iter().take(PROBE_TERMS) {
            let Some(p) = postings.get(t).filter(|p| p.len() <= MAX_POSTINGS) else { continue };
            candidates.extend(p.iter().copied().filter(|&m| m as usize > n && items[m as usize].0 != items[n].0));
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates.truncate(MAX_CANDIDATES);
        let (mine, f) = (&names[n], &found[items[n].0][items[n].1]);
        story::Spread::with(v, vocabulary.len(), |spread| {
            for &m in &candidates {
                let m = m as usize;
                let g = &found[items[m].0][items[m].1];
                let beside = |(d, i): (usize, usize), (e, j): (usize, usize)| {
                    let text = &documents[d].sentences[found[d][i].sentence as usize].text;
                    written_beside(text, &found[d], &values[d], i, values[e][j])
                };
                if !could_be_one_day(f, g) || beside(items[n], items[m]) || beside(items[m], items[n]) {
                    continue;
                }
                let theirs = &names[m];
                let shared = mine.iter().any(|e| theirs.binary_search(e).is_ok());
                if !mine.is_empty() && !theirs.is_empty() && !shared {
                    continue;
                }
                let wording = spread.dot(&vectors[m]);
                if wording >= WEAK_WORDING {
                    pairs.push((n, m, wording, shared));
                }
            }
        });
    }
    // The best wording each expression has with each other article: a weak tie must be both
    // sides' best (mutual nearest neighbours), which keeps the loose ones few.
    let mut best: HashMap<(usize, usize), f64> = HashMap::new();
    for &(n, m, w, _) in &pairs {
        for (x, other) in [(n, items[m].0), (m, items[n].0)] {
            let b = best.entry((x, other)).or_insert(w);
            *b = b.max(w);
        }
    }
    let mut per_item: Vec<Vec<Tie>> = (0..items.len()).map(|_| Vec::new()).collect();
    for (n, m, wording, shared) in pairs {
        let strong = wording >= story::MIN_WORDING || (shared && wording >= story::MIN_WORDING_WITH_NAMES);
        let mutual = best[&(n, items[m].0)] == wording && best[&(m, items[n].0)] == wording;
        let (f, g) = (&found[items[n].0][items[n].1], &found[items[m].0][items[m].1]);
        if strong || (shared && mutual && same_month_written(f, g) && wording >= WEAK_WORDING) {
            let named = strong && wording < story::MIN_WORDING;
            per_item[n].push(Tie { a: items[n], b: items[m], wording, weak: !strong, named, dropped: false });
        }
    }
    let mut out = Vec::new();
    for mut mine in per_item {
        order::sort_by(&mut mine, |x, y| y.wording.total_cmp(&x.wording));
        mine.truncate(MAX_TIES);
        out.extend(mine);
    }
    order::sort_by(&mut out, |x, y| y.wording.total_cmp(&x.wording).then((x.a, x.b).cmp(&(y.a, y.b))));
    out
}

/// Whether another expression of `found[i]`'s sentence (`text`) writes `other`, a date another
/// article's expression writes, which `found[i]` does not ("today convicted ... the murder in
/// June, 2005" beside "on Tuesday ordered execution for ... the murder in June 2005"): the date
/// both sentences write is what they share, and `found[i]` dates another happening of the
/// sentence, not the other's. Not when the two stand side by side as one date ("Saturday, 8
/// October 2011", "Saturday afternoon [8 October 2011]"). `values` are `found`'s
/// [`absolute`] values.
fn written_beside(
    text: &str,
    found: &[Found],
    values: &[Option<DateValue>],
    i: usize,
    other: Option<DateValue>,
) -> bool {
    let f = &found[i];
    let Some(v) = other else { return false };
    let apart = |s: &Found| {
        let (a, b) = if s.start >= f.end { (f.end, s.start) } else { (s.end, f.start) };
        text.get(a..b).is_none_or(|between| between.chars().any(char::is_alphanumeric))
    };
    values[i] != Some(v)
        && found
            .iter()
            .zip(values)
            .enumerate()
            .any(|(j, (s, &w))| j != i && s.sentence == f.sentence && w == Some(v) && apart(s))
}

/// Both name the same month in words ("April 13th this year", "in April this year"): with the
/// same actors, the sign of one story that a weak tie needs ("today" and a date from years
/// before are not).
fn same_month_written(f: &Found, g: &Found) -> bool {
    matches!((written_month(&f.expr), written_month(&g.expr)), (Some(a), Some(b)) if a == b)
}

fn written_month(e: &Expr) -> Option<u8> {
    match *e {
        Expr::Day { m, .. } | Expr::Month { m, .. } => Some(m),
        Expr::DayRange { m1, .. } => Some(m1),
        _ => None,
    }
}

/// Whether two expressions could name one day at all: the months and days of the month they
/// write, where both write one, are the same ("April 13th" and "13 last month" could; "May
/// 14th" and "13 last month" could not).
fn could_be_one_day(f: &Found, g: &Found) -> bool {
    let day = |e: &Expr| match *e {
        Expr::Day { d, .. } | Expr::DayOfRelMonth { d, .. } => Some(d),
        Expr::DayRange { d1, .. } => Some(d1),
        _ => None,
    };
    let differ = |a: Option<u8>, b: Option<u8>| matches!((a, b), (Some(x), Some(y)) if x != y);
    !differ(written_month(&f.expr), written_month(&g.expr)) && !differ(day(&f.expr), day(&g.expr))
}

/// Counted in days from the article's date ("yesterday", "last Wednesday", "two days ago"):
/// such a count may be off by one against another source (see [`TIE_SLACK`]).
fn counted_in_days(f: &Found) -> bool {
    matches!(f.expr, Expr::RelDay(_) | Expr::RelWeek(_) | Expr::Weekend(_) | Expr::Weekday { .. } | Expr::Ago { .. })
}

/// Applies the ties and the settled dates until nothing changes: a worklist, strongest tie
/// first (every tie a story group would make before any weak one), and a tie is looked at
/// again only when one of its two articles' dates has narrowed. In the likely pass, likely
/// dates lend what they know too, and what they lend is likely.
fn propagate(states: &mut [State], documents: &[Document], found: &[Vec<Found>], ties: &mut [Tie], likely: bool) {
    let eligible = |t: &Tie| !t.dropped && (likely || !(t.weak || t.named));
    let mut touching: Vec<Vec<usize>> = vec![Vec::new(); states.len()];
    for (k, t) in ties.iter().enumerate() {
        touching[t.a.0].push(k);
        touching[t.b.0].push(k);
    }
    // Priority: strong before weak, worded alike before alike by names, then by wording, then
    // the earlier tie.
    let key = |t: &Tie, k: usize| (!t.weak, !t.named, t.wording.to_bits(), std::cmp::Reverse(k));
    let mut queue: BinaryHeap<(bool, bool, u64, std::cmp::Reverse<usize>)> = BinaryHeap::new();
    let mut queued = vec![false; ties.len()];
    for (k, t) in ties.iter().enumerate().filter(|(_, t)| eligible(t)) {
        queue.push(key(t, k));
        queued[k] = true;
    }
    for (k, state) in states.iter_mut().enumerate() {
        settle(state, &found[k], likely);
    }
    // Sets only shrink, so this ends; the budget bounds it on any input all the same.
    let mut budget = 50 * ties.len() + 1000;
    while let Some((_, _, _, std::cmp::Reverse(k))) = queue.pop() {
        queued[k] = false;
        budget = budget.saturating_sub(1);
        if budget == 0 {
            break;
        }
        let tie = ties[k];
        for (to, from) in [(tie.a, tie.b), (tie.b, tie.a)] {
            match apply_tie(states, documents, found, to, from, likely, &tie) {
                Narrowed::Changed => {
                    settle(&mut states[to.0], &found[to.0], likely);
                    for &j in &touching[to.0] {
                        if j != k && !queued[j] && eligible(&ties[j]) {
                            queue.push(key(&ties[j], j));
                            queued[j] = true;
                        }
                    }
                }
                Narrowed::Contradicts => {
                    ties[k].dropped = true;
                    let (f, g) = (&found[to.0][to.1], &found[from.0][from.1]);
                    // Said where a reader looks for it: on the article whose date is inferred.
                    let (to, from, f, g) =
                        if states[to.0].fixed.is_some() { (from, to, g, f) } else { (to, from, f, g) };
                    states[to.0].evidence.push(format!(
                        "not tied: '{}' and '{}' in “{}” read alike, but the rest of the evidence dates them apart",
                        f.text, g.text, documents[from.0].title
                    ));
                    break;
                }
                Narrowed::Unchanged => {}
            }
        }
    }
}

/// One direction of a tie: the value `from`'s expression has bounds the date of `to`'s article.
fn apply_tie(
    states: &mut [State],
    documents: &[Document],
    found: &[Vec<Found>],
    to: (usize, usize),
    from: (usize, usize),
    likely: bool,
    tie: &Tie,
) -> Narrowed {
    let weak = tie.weak;
    let source = &states[from.0];
    let leans_on_likely = weak || tie.named || (likely && source.likely.is_some());
    let known = if likely { source.effective() } else { &source.certain };
    let g = &found[from.0][from.1];
    let Some((v, _)) = value_over(g, known) else { return Narrowed::Unchanged };
    let shown = v.label();
    if v.width() > MAX_TIE_DAYS {
        return Narrowed::Unchanged;
    }
    let f = &found[to.0][to.1];
    let slack = if counted_in_days(f) || counted_in_days(g) { TIE_SLACK } else { 0 };
    let v = DateValue { start: v.start.add_days(-slack), end: v.end.add_days(slack), precision: Precision::Range };
    let target = &states[to.0];
    let around = if leans_on_likely { target.effective() } else { &target.certain };
    let allowed = match absolute(f) {
        Some(own) if own.overlaps(v.start, v.end) => return Narrowed::Unchanged,
        Some(_) => DaySet::none(),
        None if weak => inverse(f, v, around).whole_years(),
        None => inverse(f, v, around),
    };
    let state = &mut states[to.0];
    let result = state.narrow(&allowed, leans_on_likely);
    if result == Narrowed::Changed {
        state.evidence.push(if weak {
            format!(
                "likely the year of '{}' in “{}” ({}): '{}' tells the same story with the same names",
                g.text, documents[from.0].title, shown, f.text
            )
        } else {
            format!(
                "'{}' reports the happening that “{}” dates '{}' ({}{})",
                f.text,
                documents[from.0].title,
                g.text,
                shown,
                if leans_on_likely { ", likely" } else { "" }
            )
        });
        state.from.insert(from.0 as u32);
    }
    result
}

/// A year-less date that the article's interval now settles ("May 14th" is 14 May 2016 for
/// every day it may have been written) bounds it by its tense, as a date with its year does.
fn settle(state: &mut State, found: &[Found], likely: bool) -> bool {
    // One bound can settle another expression; a few passes reach the end.
    let mut any = false;
    for _ in 0..4 {
        if !settle_once(state, found, likely) {
            break;
        }
        any = true;
    }
    any
}

fn settle_once(state: &mut State, found: &[Found], likely: bool) -> bool {
    if state.fixed.is_some() {
        return false;
    }
    let mut changed = false;
    for f in found {
        let calendar = matches!(f.expr, Expr::Day { .. } | Expr::DayRange { .. } | Expr::Month { .. });
        if !calendar || absolute(f).is_some() || year_spec(&f.expr) == Some(YearSpec::Same) {
            continue;
        }
        let on_likely = likely && state.likely.is_some();
        let set = if on_likely { state.effective() } else { &state.certain };
        let Some((v, true)) = value_over(f, set) else { continue };
        let (by, why) = match f.tense {
            Tense::Past => (
                DaySet::on_or_after(v.start.ordinal()),
                format!("after '{}' = {} (told in the past tense)", f.text, v.label()),
            ),
            Tense::Future => (
                DaySet::on_or_before(v.end.ordinal()),
                format!("before the end of '{}' = {} (announced in the future tense)", f.text, v.label()),
            ),
            _ => continue,
        };
        if state.narrow(&by, on_likely) == Narrowed::Changed {
            state.evidence.push(why);
            changed = true;
        }
    }
    changed
}

/// The preference (see the module docs, 4): several years possible, an event announced, and
/// the article's own words leave year alternatives before it.
fn prefer(state: &mut State, found: &[Found]) {
    if state.fixed.is_some() || state.certain.within(MAX_WIDTH).is_some() {
        return;
    }
    let announced = found
        .iter()
        .filter(|f| f.tense == Tense::Future)
        .filter_map(|f| absolute(f).filter(|v| v.width() <= 31).map(|v| (f, v)))
        .min_by_key(|(f, v)| (v.end, f.sentence));
    let Some((f, v)) = announced else { return };
    let window = state.certain.intersect(&DaySet::between(v.start.ordinal() - MAX_WIDTH, v.end.ordinal()));
    // Only a choice among year alternatives (the gaps "this year" leaves): a single stretch
    // before a date it announces ("bonds due 2011") says nothing about how long before.
    if window.spans() < 2 {
        return;
    }
    let nearest = window.last_year();
    let Some((lo, _)) = nearest.within(MAX_WIDTH) else { return };
    state.evidence.push(format!(
        "likely {}: the nearest year before '{}' ({}), which it announces (announced events are weeks or months away, not years)",
        lo.year,
        f.text,
        v.label()
    ));
    state.likely = Some(nearest);
}

fn finish(state: State) -> ArticleDate {
    if let Some(k) = state.fixed {
        let (lo, hi) = (k.value.start, k.value.end);
        return ArticleDate {
            reference: Reference { value: Some(k.value), inferred: k.basis != DateBasis::Given },
            basis: k.basis,
            likely: false,
            bounds: (Some(lo), Some(hi)),
            evidence: vec![k.note.clone()],
            from: Vec::new(),
            summary: k.note,
        };
    }
    let bounds = state.certain.bounds();
    let from: Vec<u32> = state.from.iter().copied().collect();
    let basis = if !from.is_empty() {
        DateBasis::Collection
    } else if bounds.0.is_some() || bounds.1.is_some() {
        DateBasis::Text
    } else {
        DateBasis::Unknown
    };
    let narrow = state.effective().within(MAX_WIDTH);
    let likely = state.likely.is_some() && narrow.is_some();
    let why =
        if state.evidence.is_empty() { "the text has no date evidence".to_string() } else { state.evidence.join("; ") };
    let summary = match narrow {
        Some((lo, hi)) if likely => {
            format!("likely written {}; certain: {}. Evidence: {why}", written(lo, hi), open_phrase(bounds))
        }
        Some((lo, hi)) => format!("written {}. Evidence: {why}", written(lo, hi)),
        None if basis == DateBasis::Unknown => format!("no date: {why}"),
        None => format!("no date: only {} is known ({why})", open_phrase(bounds)),
    };
    let value = narrow.map(|(lo, hi)| reference::span(lo, hi));
    ArticleDate {
        reference: Reference { value, inferred: value.is_some() },
        basis,
        likely,
        bounds,
        evidence: state.evidence,
        from,
        summary,
    }
}

/// "on 14 May 2016", "in May 2016", "between 14 and 18 May 2016", "between 30 December 2015
/// and 2 January 2016".
pub fn written(lo: Day, hi: Day) -> String {
    let month = |m: u8| MONTH_NAMES.get(usize::from(m).wrapping_sub(1)).copied().unwrap_or("?");
    let v = reference::span(lo, hi);
    match v.precision {
        Precision::Day => format!("on {}", v.label()),
        Precision::Month | Precision::Year => format!("in {}", v.label()),
        _ if lo.year == hi.year && lo.month == hi.month => {
            format!("between {} and {} {} {}", lo.day, hi.day, month(lo.month), lo.year)
        }
        _ if lo.year == hi.year => {
            format!("between {} {} and {} {} {}", lo.day, month(lo.month), hi.day, month(hi.month), lo.year)
        }
        _ => format!("between {} and {}", DateValue::day(lo).label(), DateValue::day(hi).label()),
    }
}

/// The certain interval in words, open sides included: "before 11 May 2016".
fn open_phrase(bounds: (Option<Day>, Option<Day>)) -> String {
    match bounds {
        (Some(lo), Some(hi)) => written(lo, hi),
        (Some(lo), None) => format!("written on or after {}", DateValue::day(lo).label()),
        (None, Some(hi)) => format!("written on or before {}", DateValue::day(hi).label()),
        (None, None) => "nothing".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::dates::extract;
    use crate::corpus::dates::fixtures::{day, doc, span};
    use crate::corpus::time::{DateValue, Precision};
    use crate::corpus::types::{DateBasis, Event};

    fn event<'e>(events: &'e [Event], doc: u32, expression: &str) -> &'e Event {
        events.iter().find(|e| e.doc == doc && e.expression == expression).unwrap_or_else(|| panic!("{expression}"))
    }

    #[test]
    fn a_date_a_plan_is_due_is_no_bound_but_a_past_happening_is() {
        let mut docs = vec![doc(
            "p",
            None,
            &["The studio was under pressure to meet a previously announced November 2013 release date."],
        )];
        extract(&mut docs);
        assert_eq!((docs[0].date_earliest, docs[0].date_latest), (None, None), "{:?}", docs[0].date_evidence);
        let mut past = vec![doc("h", None, &["He connected the White House to the June 1972 break-in."])];
        extract(&mut past);
        assert_eq!(past[0].date_earliest, Some(day(1972, 6, 1)), "{:?}", past[0].date_evidence);
    }

    #[test]
    fn a_date_both_sentences_write_is_what_they_share_not_the_others_happening() {
        use super::super::scan::scan_sentence;
        use super::written_beside;
        // "today" is the conviction; "June, 2005" the murder both articles go back to.
        let convicted = "A jury in Norwalk today convicted the gang member of murdering the deputy in June, 2005.";
        let sentenced =
            "A jury in Norwalk ordered execution for the gang member convicted of murdering the deputy in June 2005.";
        let values = |found: &[super::Found]| found.iter().map(super::absolute).collect::<Vec<_>>();
        let (f, g) = (scan_sentence(convicted, 0), scan_sentence(sentenced, 0));
        let (fv, gv) = (values(&f), values(&g));
        let at = |found: &[super::Found], text: &str| found.iter().position(|x| x.text == text).unwrap();
        let june = gv[at(&g, "June 2005")];
        assert!(written_beside(convicted, &f, &fv, at(&f, "today"), june));
        // The same date written twice is the date itself, not another happening.
        assert!(!written_beside(convicted, &f, &fv, at(&f, "June, 2005"), june));
        // Side by side, two expressions are one date ("Saturday afternoon [8 October 2011]").
        let both = "Services were restored by Saturday afternoon [8 October 2011].";
        let other = values(&scan_sentence("The cable went down on 8 October 2011.", 0))[0];
        let found = scan_sentence(both, 0);
        let saturday = found.iter().position(|x| x.text.contains("Saturday")).unwrap();
        assert!(!written_beside(both, &found, &values(&found), saturday, other), "{found:?}");
        // And across articles: the undated one is not dated to the murder.
        let mut docs = vec![
            doc("sentenced", Some(DateValue::day(day(2007, 4, 4))), &[sentenced]),
            doc("convicted", None, &[convicted]),
        ];
        extract(&mut docs);
        assert!(docs[1].date_latest.is_none(), "{:?}", docs[1].date_evidence);
    }

    #[test]
    fn a_tie_that_holds_only_by_a_shared_name_lends_a_likely_date() {
        use crate::corpus::types::Source;
        use crate::corpus::Corpus;
        let dated = "---\ndate: 2013-09-23\n---\nBridge\n\nAna Costa opened the new bridge over the river today after years of delays.";
        let date_of = |other: &str| {
            let sources = [Source { id: "a", text: dated }, Source { id: "b", text: other }];
            let c = Corpus::build(&sources, None);
            let b = c.documents.iter().find(|d| d.id == "b").unwrap();
            (b.date, b.date_likely, b.date_reason.clone())
        };
        let written = Some(span(day(2013, 9, 23), day(2013, 9, 25), Precision::Range));
        // The same words: a certain tie.
        let same = date_of("Bridge\n\nAna Costa opened the new bridge over the river yesterday after years of delays.");
        assert_eq!((same.0, same.1), (written, false), "{}", same.2);
        // Alike only through the shared name (a recurring happening is told like this too):
        // the same days, but likely.
        let named = date_of("Bridge\n\nAna Costa opened the bridge yesterday.");
        assert_eq!((named.0, named.1), (written, true), "{}", named.2);
    }

    #[test]
    fn a_countdown_bounds_the_article_before_what_it_counts_to() {
        let mut docs = vec![doc(
            "c",
            None,
            &[
                "Ana Costa will speak at the summit from June 18 to 20, 2019.",
                "There is still more than a week left for the speech.",
            ],
        )];
        extract(&mut docs);
        assert_eq!(docs[0].date_latest, Some(day(2019, 6, 10)));
        assert!(docs[0].date_evidence.iter().any(|e| e.contains("counts down to")), "{:?}", docs[0].date_evidence);
        let mut plain = vec![doc(
            "p",
            None,
            &["The vote will be held on March 20, 2021.", "With two weeks to go, polls tightened."],
        )];
        extract(&mut plain);
        assert_eq!((plain[0].date_earliest, plain[0].date_latest), (Some(day(2021, 2, 20)), Some(day(2021, 3, 13))));
        assert_eq!(plain[0].date, Some(span(day(2021, 2, 20), day(2021, 3, 13), Precision::Range)));
    }

    #[test]
    fn this_year_told_in_the_past_leaves_year_alternatives_and_a_preference_picks_one() {
        let mut docs = vec![doc(
            "y",
            None,
            &[
                "The Harbour Trust joined in April this year.",
                "Ana Costa will attend the summit from May 18 to 20, 2016.",
            ],
        )];
        let ev = extract(&mut docs);
        // Certain: before 20 May 2016, in April–December of its year; likely 2016.
        assert_eq!((docs[0].date_earliest, docs[0].date_latest), (None, Some(day(2016, 5, 20))));
        assert!(docs[0].date_likely);
        assert_eq!(docs[0].date, Some(span(day(2016, 4, 1), day(2016, 5, 20), Precision::Range)));
        assert!(
            docs[0].date_reason.starts_with("likely written between 1 April and 20 May 2016"),
            "{}",
            docs[0].date_reason
        );
        assert_eq!(event(&ev, 0, "April this year").date, DateValue::month(2016, 4).unwrap());
        // Without the year alternatives there is nothing to choose among: bonds due in 2011
        // say nothing about how long before it the article ran.
        let mut bonds = vec![doc("b", None, &["The notes will mature on March 1, 2011."])];
        extract(&mut bonds);
        assert_eq!((bonds[0].date, bonds[0].date_likely), (None, false));
        assert_eq!(bonds[0].date_latest, Some(day(2011, 3, 1)));
    }

    #[test]
    fn an_article_is_dated_by_another_that_reports_the_same_happening() {
        let mut docs = vec![
            doc(
                "dated",
                Some(DateValue::day(day(2016, 5, 14))),
                &["The Harbour Trust suspended the membership of Zentaro yesterday after a vote of its board."],
            ),
            doc(
                "undated",
                None,
                &[
                    "The Harbour Trust suspended the membership of Zentaro on Friday after a vote of its board.",
                    "It joined 13 last month.",
                ],
            ),
        ];
        let ev = extract(&mut docs);
        assert_eq!(event(&ev, 0, "yesterday").date, DateValue::day(day(2016, 5, 13)));
        // Friday = the 13th (a day either side: two sources may count a day apart), so the
        // undated article ran between Saturday 14 and Thursday 19 May 2016.
        let d = &docs[1];
        assert_eq!(d.date_basis, DateBasis::Collection);
        assert_eq!(d.date_from, vec![0]);
        assert!(!d.date_likely);
        assert_eq!((d.date_earliest, d.date_latest), (Some(day(2016, 5, 13)), Some(day(2016, 5, 19))));
        assert!(d.date_evidence.iter().any(|e| e.contains("reports the happening")), "{:?}", d.date_evidence);
        // Its own relative dates follow: "13 last month" is 13 April.
        assert_eq!(event(&ev, 1, "13 last month").date, DateValue::day(day(2016, 4, 13)));
    }

    #[test]
    fn a_tie_that_contradicts_the_article_is_dropped_and_said() {
        let mut docs = vec![
            doc(
                "a",
                Some(DateValue::day(day(2016, 5, 14))),
                &["The Harbour Trust suspended the membership of Zentaro yesterday after a vote of its board."],
            ),
            doc(
                "b",
                Some(DateValue::day(day(2018, 1, 2))),
                &["The Harbour Trust suspended the membership of Zentaro on Friday after a vote of its board."],
            ),
            doc(
                "c",
                None,
                &["The Harbour Trust suspended the membership of Zentaro on Friday after a vote of its board."],
            ),
        ];
        extract(&mut docs);
        // Printed dates never move; the article tied to both cannot be both, and says so.
        assert_eq!(docs[1].date, Some(DateValue::day(day(2018, 1, 2))));
        let c = &docs[2];
        assert!(c.date_evidence.iter().any(|e| e.starts_with("not tied")), "{:?}", c.date_evidence);
        assert!(c.date.is_some_and(|v| v.end.ordinal() - v.start.ordinal() <= 7), "{:?}", c.date);
    }

    #[test]
    fn events_over_an_interval_are_ranges_and_yearless_days_wait_for_their_year() {
        let mut docs = vec![doc(
            "r",
            None,
            &[
                "It opened on May 14, 2016.",
                "The review will end on May 18, 2016.",
                "Costa quit yesterday.",
                "Talks began on April 30th.",
            ],
        )];
        let ev = extract(&mut docs);
        assert_eq!(docs[0].date, Some(span(day(2016, 5, 14), day(2016, 5, 18), Precision::Range)));
        assert_eq!(event(&ev, 0, "yesterday").date, span(day(2016, 5, 13), day(2016, 5, 17), Precision::Range));
        assert_eq!(event(&ev, 0, "April 30th").date, DateValue::day(day(2016, 4, 30)));
        // Over an article date that may fall on either side of a 30 April, the year is not known.
        let mut wide = vec![doc(
            "w",
            None,
            &["It opened on March 2, 2016.", "It will close on March 1, 2017.", "Talks began on April 30th."],
        )];
        let ev = extract(&mut wide);
        assert!(ev.iter().all(|e| e.expression != "April 30th"));
        assert_eq!(wide[0].unresolved[0].note, "30 April (year not known)");
    }
}

#[cfg(test)]
mod set_by_owner {
    use crate::corpus::{Corpus, DateBasis, DateValue, Day, Source};

    #[test]
    fn an_article_date_in_entities_toml_is_kept_and_the_collection_follows_it() {
        let texts = [
            (
                "a",
                "Board\n\nThe Harbour Trust suspended the membership of Zentaro yesterday after a vote of its board.",
            ),
            (
                "b",
                "Board\n\nThe Harbour Trust suspended the membership of Zentaro on Friday after a vote of its board.",
            ),
        ];
        let sources: Vec<Source<'_>> = texts.iter().map(|(id, text)| Source { id, text }).collect();
        let toml = "[[article]]\nid = \"a\"\ndate = \"2016-05-14\"\n\n[[article]]\nid = \"nope\"\ndate = \"2016\"\n\n[[article]]\nid = \"b\"\ndate = \"May\"\n";
        let c = Corpus::build(&sources, Some(toml));
        let a = &c.documents[0];
        assert_eq!(
            (a.date, a.date_basis, a.date_inferred),
            (Some(DateValue::day(Day::new(2016, 5, 14).unwrap())), DateBasis::Given, false)
        );
        let b = &c.documents[1];
        assert_eq!(b.date_basis, DateBasis::Collection);
        assert_eq!(b.date_earliest, Day::new(2016, 5, 13));
        assert!(c.warnings.iter().any(|w| w.contains("“nope” names no article")), "{:?}", c.warnings);
        assert!(c.warnings.iter().any(|w| w.contains("[[article]] #3: date must be")), "{:?}", c.warnings);
    }
}
