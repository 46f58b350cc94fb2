//! Date expressions → events: a small, hand-written HeidelTime-style scanner.
//!
//! Each non-boilerplate sentence is tokenised (words, numbers, punctuation with byte spans) and
//! scanned left to right for date expressions ("May 14th", "13 last month", "last Wednesday",
//! "from May 18 to 20", "Spring 2016", ...). Every expression is first parsed into an unresolved
//! [`Expr`], then normalised to a [`DateValue`] against the document's reference date.
//!
//! The reference date is the front-matter date when there is one. Otherwise it is inferred, in
//! this order: the latest past-tense full date in the text (two days later when the text also
//! says "yesterday"); the date of another document that shares passages with this one; a span
//! bounded by the latest past mention and the earliest future mention; the year alone. Years
//! missing from the text come from an explicit year in the document, else from the most common
//! explicit year of the rest of the corpus. When nothing fixes the year, year-less expressions
//! produce no event.
//!
//! Total and deterministic: any text yields events (maybe none), never a panic; no hash maps.
use std::collections::{BTreeMap, BTreeSet};

use super::text::{self, Token};
use super::time::{days_in_month, DateValue, Day, Precision, MONTH_NAMES};
use super::types::{Document, Event};

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Copy, Debug)]
struct Tok<'a> {
    kind: Kind,
    /// The word, the digits (without an ordinal suffix), or the punctuation character.
    text: &'a str,
    start: usize,
    /// End of the token, including an ordinal suffix ("13th").
    end: usize,
    space_before: bool,
    ordinal: bool,
}

/// The grammar's tokens: the shared tokenizer's words, cut further into numbers and letters
/// ("13th", "May2016" hold two tokens each), and its symbols as punctuation.
fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    for t in text::tokens(s, &[]) {
        if t.is_word() {
            split_word(s, &t, &mut toks);
        } else {
            toks.push(Tok {
                kind: Kind::Punct,
                text: t.text,
                start: t.start,
                end: t.end,
                space_before: t.space_before,
                ordinal: false,
            });
        }
    }
    toks
}

/// Cuts a word into runs of ASCII digits (a number, with its ordinal suffix: "13th") and runs of
/// letters; any other character of a word (a digit such as "²" or "٣") is punctuation here, so
/// the grammar only ever parses ASCII numbers.
fn split_word<'a>(s: &'a str, word: &Token<'a>, toks: &mut Vec<Tok<'a>>) {
    let mut space_before = word.space_before;
    let mut i = word.start;
    while i < word.end {
        let rest = &s[i..word.end];
        let run = |keep: fn(char) -> bool| rest.find(|c: char| !keep(c)).unwrap_or(rest.len());
        let c = rest.chars().next().unwrap_or(' ');
        let tok = if c.is_ascii_digit() {
            number(s, i, i + run(|c| c.is_ascii_digit()), space_before)
        } else {
            let (kind, len) =
                if c.is_alphabetic() { (Kind::Word, run(char::is_alphabetic)) } else { (Kind::Punct, c.len_utf8()) };
            Tok { kind, text: &s[i..i + len], start: i, end: i + len, space_before, ordinal: false }
        };
        i = tok.end;
        space_before = false;
        toks.push(tok);
    }
}

/// The number `s[start..end]`, taking in an ordinal suffix right after it ("13th", "2ND", but not
/// the "th" of "13then").
fn number(s: &str, start: usize, end: usize, space_before: bool) -> Tok<'_> {
    let rest = &s[end..];
    let suffix = rest.get(..2).unwrap_or("");
    let after = rest.get(2..).and_then(|r| r.chars().next());
    let ordinal = ["st", "nd", "rd", "th"].iter().any(|x| suffix.eq_ignore_ascii_case(x))
        && !after.is_some_and(char::is_alphanumeric);
    let tok_end = if ordinal { end + 2 } else { end };
    Tok { kind: Kind::Num, text: &s[start..end], start, end: tok_end, space_before, ordinal }
}

struct Toks<'a>(Vec<Tok<'a>>);

impl<'a> Toks<'a> {
    fn get(&self, i: usize) -> Option<&Tok<'a>> {
        self.0.get(i)
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        self.0.get(i).filter(|t| t.kind == Kind::Word).map(|t| t.text)
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.word(i).is_some_and(|x| x.eq_ignore_ascii_case(w))
    }

    fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        ws.iter().any(|w| self.is(i, w))
    }

    fn punct(&self, i: usize, p: &str) -> bool {
        self.0.get(i).is_some_and(|t| t.kind == Kind::Punct && t.text == p)
    }

    /// Punctuation directly attached to the previous token (no space before it).
    fn tight_punct(&self, i: usize, p: &str) -> bool {
        self.punct(i, p) && self.0.get(i).is_some_and(|t| !t.space_before)
    }

    fn num(&self, i: usize) -> Option<u32> {
        let t = self.0.get(i).filter(|t| t.kind == Kind::Num)?;
        if t.text.len() > 6 {
            return None;
        }
        t.text.parse().ok()
    }

    /// True when the number at `i` continues as a bigger number or a quantity: "2,000", "1.5",
    /// "10:30", "12%".
    fn number_continues(&self, i: usize) -> bool {
        let next_num = |j: usize| self.0.get(j).is_some_and(|t| t.kind == Kind::Num && !t.space_before);
        let prev_glued = i >= 2
            && self.0.get(i).is_some_and(|t| !t.space_before)
            && (self.punct(i - 1, ",") || self.punct(i - 1, ".") || self.punct(i - 1, ":"))
            && self.0.get(i - 2).is_some_and(|t| t.kind == Kind::Num);
        prev_glued
            || ((self.tight_punct(i + 1, ",") || self.tight_punct(i + 1, ".") || self.tight_punct(i + 1, ":"))
                && next_num(i + 2))
            || self.punct(i + 1, "%")
            || self.is_any(i + 1, &["percent", "per", "pct"])
    }

    /// A day of the month (1..=31) at `i`, not part of a bigger number or a quantity.
    fn day(&self, i: usize) -> Option<u8> {
        let t = self.0.get(i)?;
        if t.kind != Kind::Num || t.text.len() > 2 || self.number_continues(i) {
            return None;
        }
        let n = self.num(i)?;
        (1..=31).contains(&n).then_some(n as u8)
    }

    /// A four-digit year in 1900..=2100 at `i` (context is the caller's business).
    fn year(&self, i: usize) -> Option<i32> {
        let t = self.0.get(i)?;
        if t.kind != Kind::Num || t.text.len() != 4 || t.ordinal || self.number_continues(i) {
            return None;
        }
        let n = self.num(i)? as i32;
        (1900..=2100).contains(&n).then_some(n)
    }

    /// A capitalised month name at `i` ("May", "April"; abbreviations only before a day).
    fn month(&self, i: usize) -> Option<(u8, bool)> {
        let w = self.word(i)?;
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        if let Some(m) = MONTH_NAMES.iter().position(|n| n.eq_ignore_ascii_case(w)) {
            return Some((m as u8 + 1, false));
        }
        const ABBR: [(&str, u8); 12] = [
            ("Jan", 1),
            ("Feb", 2),
            ("Mar", 3),
            ("Apr", 4),
            ("Jun", 6),
            ("Jul", 7),
            ("Aug", 8),
            ("Sep", 9),
            ("Sept", 9),
            ("Oct", 10),
            ("Nov", 11),
            ("Dec", 12),
        ];
        ABBR.iter().find(|(a, _)| a.eq_ignore_ascii_case(w)).map(|&(_, m)| (m, true))
    }
}

fn weekday_of(w: &str) -> Option<u8> {
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    DAYS.iter().position(|d| d.eq_ignore_ascii_case(w)).map(|p| p as u8)
}

fn season_of(w: &str, strict: bool) -> Option<u8> {
    match w.to_ascii_lowercase().as_str() {
        "spring" => Some(3),
        "summer" => Some(6),
        "autumn" => Some(9),
        "fall" if !strict => Some(9),
        "winter" => Some(12),
        _ => None,
    }
}

fn small_number(w: &str) -> Option<u32> {
    const WORDS: [&str; 12] =
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    if w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an") {
        return Some(1);
    }
    WORDS.iter().position(|x| x.eq_ignore_ascii_case(w)).map(|p| p as u32 + 1)
}

// ---------------------------------------------------------------------------------------------
// Unresolved expressions

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum YearSpec {
    Explicit(i32),
    /// "this year" (0), "last year" (-1), "next year" (1).
    Rel(i32),
    /// "of the same year": the year mentioned last.
    Same,
    /// "last May" (-1), "this May" (0), "next May" (1): depends on the reference month.
    NearestMonth(i32),
    /// Not written: the reference year.
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Early,
    Mid,
    Late,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expr {
    Day {
        m: u8,
        d: u8,
        y: YearSpec,
    },
    DayRange {
        m1: u8,
        d1: u8,
        m2: u8,
        d2: u8,
        y: YearSpec,
    },
    Month {
        m: u8,
        y: YearSpec,
        part: Option<Part>,
    },
    Season {
        s: u8,
        y: YearSpec,
    },
    /// "this spring", "last summer".
    SeasonRel {
        s: u8,
        rel: i32,
    },
    Year {
        y: YearSpec,
        part: Option<Part>,
    },
    /// today (0), yesterday (-1), the day before yesterday (-2), tomorrow (1).
    RelDay(i32),
    /// "last week", "this week", "next week".
    RelWeek(i32),
    /// "last weekend" (-1), "this weekend" (0).
    Weekend(i32),
    /// "last Wednesday" (-1), "on Wednesday" (0: by tense), "next Wednesday" (1).
    Weekday {
        wd: u8,
        rel: i32,
    },
    RelMonth {
        rel: i32,
        part: Option<Part>,
    },
    /// "earlier this month/year" (-1), "later this month/year" (1).
    EarlierLater {
        unit: Unit,
        dir: i32,
    },
    /// "13 last month".
    DayOfRelMonth {
        d: u8,
        rel: i32,
    },
    /// "3 days ago", "two weeks ago".
    Ago {
        n: u32,
        unit: Unit,
    },
}

/// One expression found in a sentence.
#[derive(Clone, Debug)]
struct Found {
    sentence: u32,
    start: usize,
    end: usize,
    text: String,
    expr: Expr,
    /// Stated in the future tense ("will attend ... from May 18 to 20").
    future: bool,
    /// Where a year next to the expression came from, e.g. "Spring 2016" right after it.
    year_from: Option<String>,
}

const MONTH_CUES: [&str; 22] = [
    "in", "since", "until", "till", "by", "from", "of", "during", "before", "after", "early", "late", "mid", "end",
    "beginning", "start", "middle", "through", "throughout", "last", "this", "next",
];

const YEAR_CUES: [&str; 18] = [
    "in", "since", "of", "year", "until", "till", "by", "from", "before", "after", "during", "early", "late", "mid",
    "end", "around", "through", "spring",
];

const FUTURE: [&str; 9] =
    ["will", "shall", "upcoming", "scheduled", "plans", "plan", "planned", "expected", "tomorrow"];

fn rel_of(w: &str) -> Option<i32> {
    match w.to_ascii_lowercase().as_str() {
        "last" | "previous" => Some(-1),
        "this" | "current" => Some(0),
        "next" | "coming" => Some(1),
        _ => None,
    }
}

fn unit_of(w: &str) -> Option<Unit> {
    match w.to_ascii_lowercase().as_str() {
        "day" | "days" => Some(Unit::Day),
        "week" | "weeks" => Some(Unit::Week),
        "month" | "months" => Some(Unit::Month),
        "year" | "years" => Some(Unit::Year),
        _ => None,
    }
}

/// A year specification after a month or a day: ", 2016", "2016", "this year", "of last year",
/// "of the same year". Returns the spec and the index after it.
fn year_spec(t: &Toks, j: usize) -> Option<(YearSpec, usize)> {
    if let Some(y) = t.year(j) {
        return Some((YearSpec::Explicit(y), j + 1));
    }
    if t.punct(j, ",") {
        if let Some(y) = t.year(j + 1) {
            return Some((YearSpec::Explicit(y), j + 2));
        }
    }
    let k = if t.is(j, "of") { j + 1 } else { j };
    if k != j {
        if let Some(y) = t.year(k) {
            return Some((YearSpec::Explicit(y), k + 1));
        }
        if t.is(k, "the") && t.is(k + 1, "same") && t.is(k + 2, "year") {
            return Some((YearSpec::Same, k + 3));
        }
        if t.is(k, "that") && t.is(k + 1, "year") {
            return Some((YearSpec::Same, k + 2));
        }
    }
    if let Some(rel) = t.word(k).and_then(rel_of) {
        if t.is(k + 1, "year") {
            return Some((YearSpec::Rel(rel), k + 2));
        }
    }
    None
}

/// The part of a period named before it: "early", "mid", "mid-", "late", "the beginning of",
/// "the end of", ... Returns the part and the index of the period.
fn part_prefix(t: &Toks, i: usize) -> Option<(Part, usize)> {
    let j = if t.is(i, "the") { i + 1 } else { i };
    if t.is(j, "of") {
        return None;
    }
    let (part, k) = match t.word(j)?.to_ascii_lowercase().as_str() {
        "early" => (Part::Early, j + 1),
        "late" => (Part::Late, j + 1),
        "mid" if t.tight_punct(j + 1, "-") => (Part::Mid, j + 2),
        "mid" => (Part::Mid, j + 1),
        "beginning" | "start" | "middle" | "end" if !t.is(j + 1, "of") => return None,
        "beginning" | "start" => (Part::Early, j + 2),
        "middle" => (Part::Mid, j + 2),
        "end" => (Part::Late, j + 2),
        _ => return None,
    };
    if j != i && matches!(t.word(j).map(str::to_ascii_lowercase).as_deref(), Some("early" | "late" | "mid")) {
        return None; // "the early ..." is not a date cue
    }
    Some((part, k))
}

/// Matches an expression whose first token is `i`. Returns (end token, expression).
fn match_at(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let tok = t.get(i)?;
    match tok.kind {
        Kind::Punct => None,
        Kind::Num => match_number(t, i),
        Kind::Word => match_word(t, i),
    }
}

fn match_number(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    // 2016-05-14
    if let Some(y) = t.year(i) {
        if t.tight_punct(i + 1, "-") && t.tight_punct(i + 3, "-") {
            let two = |j: usize| t.get(j).filter(|x| x.kind == Kind::Num && x.text.len() == 2 && !x.space_before);
            if let (Some(m), Some(d)) = (two(i + 2), two(i + 4)) {
                let (m, d) = (m.text.parse::<u8>().ok()?, d.text.parse::<u8>().ok()?);
                return Some((i + 5, Expr::Day { m, d, y: YearSpec::Explicit(y) }));
            }
        }
    }
    // 3 days ago
    if let (Some(n), Some(unit)) = (t.num(i), t.word(i + 1).and_then(unit_of)) {
        if t.is(i + 2, "ago") && (1..=1000).contains(&n) && !t.number_continues(i) {
            return Some((i + 3, Expr::Ago { n, unit }));
        }
    }
    if let Some(d) = t.day(i) {
        // 13 last month
        if let Some(rel) = t.word(i + 1).and_then(rel_of) {
            if t.is(i + 2, "month") {
                return Some((i + 3, Expr::DayOfRelMonth { d, rel }));
            }
        }
        // the 13th of last month
        if t.is(i + 1, "of") {
            if let Some(rel) = t.word(i + 2).and_then(rel_of) {
                if t.is(i + 3, "month") {
                    return Some((i + 4, Expr::DayOfRelMonth { d, rel }));
                }
            }
        }
        // 14 May [2016]
        let j = if t.is(i + 1, "of") { i + 2 } else { i + 1 };
        if let Some((m, _)) = t.month(j) {
            let (y, end) = year_spec(t, j + 1).unwrap_or((YearSpec::Unknown, j + 1));
            return Some((end, Expr::Day { m, d, y }));
        }
    }
    // in 2015, (1991), 1991.
    let y = t.year(i)?;
    let cue = i > 0 && t.word(i - 1).is_some_and(|w| YEAR_CUES.iter().any(|c| c.eq_ignore_ascii_case(w)));
    let prev_blocks = i > 0
        && (t.get(i - 1).is_some_and(|p| p.kind == Kind::Num)
            || t.punct(i - 1, "$")
            || t.punct(i - 1, "#")
            || t.is_any(i - 1, &["than", "about", "no", "number", "nearly", "over", "some", "approximately"]));
    let standalone = match t.get(i + 1) {
        None => true,
        Some(n) => n.kind == Kind::Punct && !matches!(n.text, "%" | "$" | "-"),
    };
    (cue || (standalone && !prev_blocks)).then_some((i + 1, Expr::Year { y: YearSpec::Explicit(y), part: None }))
}

fn match_word(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let w = t.word(i)?.to_ascii_lowercase();
    match w.as_str() {
        "today" => return Some((i + 1, Expr::RelDay(0))),
        "yesterday" => return Some((i + 1, Expr::RelDay(-1))),
        "tomorrow" => return Some((i + 1, Expr::RelDay(1))),
        "the" if t.is(i + 1, "day") && t.is(i + 2, "before") && t.is(i + 3, "yesterday") => {
            return Some((i + 4, Expr::RelDay(-2)))
        }
        "the" if t.is(i + 1, "day") && t.is(i + 2, "after") && t.is(i + 3, "tomorrow") => {
            return Some((i + 4, Expr::RelDay(2)))
        }
        "the" if t.is(i + 1, "same") && t.is(i + 2, "year") => {
            return Some((i + 3, Expr::Year { y: YearSpec::Same, part: None }))
        }
        "earlier" | "later" if t.is(i + 1, "this") => {
            let dir = if w == "earlier" { -1 } else { 1 };
            let unit = match t.word(i + 2).map(str::to_ascii_lowercase).as_deref() {
                Some("month") => Unit::Month,
                Some("year") => Unit::Year,
                Some("week") => Unit::Week,
                _ => return None,
            };
            return Some((i + 3, Expr::EarlierLater { unit, dir }));
        }
        "from" => {
            if let Some(found) = match_range(t, i + 1) {
                return Some(found);
            }
        }
        "on" => {
            if let Some(wd) = t.word(i + 1).and_then(weekday_of) {
                if t.word(i + 1).is_some_and(|x| x.starts_with(char::is_uppercase)) {
                    return Some((i + 2, Expr::Weekday { wd, rel: 0 }));
                }
            }
        }
        _ => {}
    }
    // a week ago, two years ago
    if let (Some(n), Some(unit)) = (small_number(&w), t.word(i + 1).and_then(unit_of)) {
        if t.is(i + 2, "ago") {
            return Some((i + 3, Expr::Ago { n, unit }));
        }
    }
    // last week / this year / next month / last Wednesday / last May / this spring
    if let Some(rel) = rel_of(&w) {
        let next = t.word(i + 1).map(str::to_ascii_lowercase);
        match next.as_deref() {
            Some("week") => return Some((i + 2, Expr::RelWeek(rel))),
            Some("weekend") if rel <= 0 => return Some((i + 2, Expr::Weekend(rel))),
            Some("month") => return Some((i + 2, Expr::RelMonth { rel, part: None })),
            Some("year") => return Some((i + 2, Expr::Year { y: YearSpec::Rel(rel), part: None })),
            _ => {}
        }
        if let Some(wd) = t.word(i + 1).and_then(weekday_of) {
            return Some((i + 2, Expr::Weekday { wd, rel }));
        }
        if let Some((m, false)) = t.month(i + 1) {
            return Some((i + 2, Expr::Month { m, y: YearSpec::NearestMonth(rel), part: None }));
        }
        if let Some(s) = t.word(i + 1).and_then(|x| season_of(x, true)) {
            return Some((i + 2, Expr::SeasonRel { s, rel }));
        }
        return None;
    }
    // early May, mid-May, the end of April, the beginning of this year, late 2015
    if let Some((part, k)) = part_prefix(t, i) {
        if let Some((m, false)) = t.month(k) {
            let (y, end) = year_spec(t, k + 1).unwrap_or((YearSpec::Unknown, k + 1));
            return Some((end, Expr::Month { m, y, part: Some(part) }));
        }
        if let Some(y) = t.year(k) {
            return Some((k + 1, Expr::Year { y: YearSpec::Explicit(y), part: Some(part) }));
        }
        if let Some(rel) = t.word(k).and_then(rel_of) {
            match t.word(k + 1).map(str::to_ascii_lowercase).as_deref() {
                Some("year") => return Some((k + 2, Expr::Year { y: YearSpec::Rel(rel), part: Some(part) })),
                Some("month") => return Some((k + 2, Expr::RelMonth { rel, part: Some(part) })),
                _ => {}
            }
        }
        if t.is(k, "the") && t.is(k + 1, "same") && t.is(k + 2, "year") {
            return Some((k + 3, Expr::Year { y: YearSpec::Same, part: Some(part) }));
        }
        if t.is(k, "the") && t.is(k + 1, "year") {
            return Some((k + 2, Expr::Year { y: YearSpec::Rel(0), part: Some(part) }));
        }
        return None;
    }
    // Spring 2016, spring of 2016
    if let Some(s) = season_of(&w, false) {
        let j = if t.is(i + 1, "of") { i + 2 } else { i + 1 };
        if let Some(y) = t.year(j) {
            return Some((j + 1, Expr::Season { s, y: YearSpec::Explicit(y) }));
        }
        return None;
    }
    match_month(t, i)
}

/// "May 18 to 20", "May 18-20", "May 18 to June 2" starting at the month token `i`.
fn match_range(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let (m1, _) = t.month(i)?;
    let d1 = t.day(i + 1)?;
    let sep = i + 2;
    let is_sep = t.is_any(sep, &["to", "until", "till", "through", "thru"])
        || ((t.punct(sep, "-") || t.punct(sep, "–")) && t.get(sep + 1).is_some());
    if !is_sep {
        return None;
    }
    let (m2, d2, after) = if let Some(d2) = t.day(sep + 1) {
        (m1, d2, sep + 2)
    } else {
        let (m2, _) = t.month(sep + 1)?;
        (m2, t.day(sep + 2)?, sep + 3)
    };
    let (y, end) = year_spec(t, after).unwrap_or((YearSpec::Unknown, after));
    Some((end, Expr::DayRange { m1, d1, m2, d2, y }))
}

/// Month-first expressions at the month token `i`.
fn match_month(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let (m, abbr) = t.month(i)?;
    if abbr && t.tight_punct(i + 1, ".") {
        // "Sept. 5": treat "Sept." as the month token.
        let d = t.day(i + 2)?;
        let (y, end) = year_spec(t, i + 3).unwrap_or((YearSpec::Unknown, i + 3));
        return Some((end, Expr::Day { m, d, y }));
    }
    if let Some(found) = match_range(t, i) {
        return Some(found);
    }
    if let Some(d) = t.day(i + 1) {
        // "May 2016" is a month, not the 20th... (a day is at most two digits, so no clash)
        let (y, end) = year_spec(t, i + 2).unwrap_or((YearSpec::Unknown, i + 2));
        return Some((end, Expr::Day { m, d, y }));
    }
    if abbr {
        return None;
    }
    if let Some((y, end)) = year_spec(t, i + 1) {
        return Some((end, Expr::Month { m, y, part: None }));
    }
    let cue = i > 0 && t.word(i - 1).is_some_and(|w| MONTH_CUES.iter().any(|c| c.eq_ignore_ascii_case(w)));
    let mid_dash = i > 1 && t.tight_punct(i - 1, "-") && t.is(i - 2, "mid");
    // "... May be ...": the modal verb, not the month ("March on" has no cue, so is no month).
    let verb_next = match m {
        5 => t.is_any(i + 1, &["be", "have", "not", "also", "well", "still", "even", "need", "want", "become"]),
        _ => false,
    };
    let modal_next = verb_next;
    ((cue || mid_dash) && !modal_next).then_some((i + 1, Expr::Month { m, y: YearSpec::Unknown, part: None }))
}

/// Whether a future marker ("will", "plans", ...) stands within a few words of the expression.
fn is_future(t: &Toks, first: usize, end: usize) -> bool {
    let before = (first.saturating_sub(6)..first).rev();
    let after = end..(end + 4).min(t.0.len());
    let stop = |j: usize| t.punct(j, "\"") || t.punct(j, "“") || t.punct(j, "”") || t.punct(j, ";");
    for j in before {
        if stop(j) {
            break;
        }
        if t.is_any(j, &FUTURE) || (t.is(j, "going") && t.is(j + 1, "to")) {
            return true;
        }
    }
    for j in after {
        if stop(j) {
            break;
        }
        if t.is_any(j, &FUTURE) {
            return true;
        }
    }
    false
}

/// All date expressions of one sentence, in reading order, non-overlapping.
fn scan_sentence(text: &str, sentence: u32) -> Vec<Found> {
    let t = Toks(tokenize(text));
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < t.0.len() {
        let Some((end, expr)) = match_at(&t, i).filter(|&(end, _)| end > i && end <= t.0.len()) else {
            i += 1;
            continue;
        };
        let (start, stop) = (t.0[i].start, t.0[end - 1].end);
        let future = is_future(&t, i, end);
        // A season-and-year right after a year-less day or range qualifies it:
        // "from May 18 to 20 Spring 2016 Conference".
        if let (
            Expr::Season { y: YearSpec::Explicit(year), .. } | Expr::Year { y: YearSpec::Explicit(year), part: None },
            Some(prev),
        ) = (expr, found.last_mut())
        {
            let adjacent = text.get(prev.end..start).is_some_and(|gap| gap.trim().is_empty());
            let qualify = |e: &mut Expr| match e {
                Expr::Day { y, .. } | Expr::DayRange { y, .. } if *y == YearSpec::Unknown => {
                    *y = YearSpec::Explicit(year);
                    true
                }
                _ => false,
            };
            if adjacent && qualify(&mut prev.expr) {
                prev.year_from = Some(text[start..stop].to_string());
                i = end;
                continue;
            }
        }
        found.push(Found {
            sentence,
            start,
            end: stop,
            text: text[start..stop].to_string(),
            expr,
            future,
            year_from: None,
        });
        i = end;
    }
    found
}

fn scan_document(doc: &Document) -> Vec<Found> {
    doc.sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.boilerplate)
        .flat_map(|(k, s)| scan_sentence(&s.text, k as u32))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Resolution

/// What expressions are resolved against.
#[derive(Clone, Debug)]
struct Reference {
    value: Option<DateValue>,
    inferred: bool,
    /// For resolutions: "reference 2016-05-14, inferred from 'May 14th' ...".
    note: String,
}

impl Reference {
    fn day(&self) -> Option<Day> {
        self.value.filter(|v| v.start == v.end).map(|v| v.start)
    }

    fn year(&self) -> Option<i32> {
        self.value.filter(|v| v.start.year == v.end.year).map(|v| v.start.year)
    }

    fn month(&self) -> Option<(i32, u8)> {
        self.value
            .filter(|v| v.start.year == v.end.year && v.start.month == v.end.month)
            .map(|v| (v.start.year, v.start.month))
    }
}

struct Resolved {
    value: DateValue,
    how: String,
    used_reference: bool,
}

fn range(start: Day, end: Day) -> Option<DateValue> {
    (start <= end).then_some(DateValue { start, end, precision: Precision::Range })
}

fn month_name(m: u8) -> &'static str {
    MONTH_NAMES.get(usize::from(m).wrapping_sub(1)).copied().unwrap_or("?")
}

fn ordinal_suffix(n: u8) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// `(year, month)` shifted by `delta` months.
fn shift_month(year: i32, month: u8, delta: i64) -> Option<(i32, u8)> {
    let total = i64::from(year) * 12 + i64::from(month) - 1 + delta;
    let y = i32::try_from(total.div_euclid(12)).ok()?;
    (1..=9999).contains(&y).then_some((y, (total.rem_euclid(12) + 1) as u8))
}

fn part_of_month(year: i32, m: u8, part: Part) -> Option<DateValue> {
    let last = days_in_month(year, m);
    let (a, b) = match part {
        Part::Early => (1, 10),
        Part::Mid => (11, 20),
        Part::Late => (21, last),
    };
    range(Day::new(year, m, a)?, Day::new(year, m, b)?)
}

fn part_of_year(year: i32, part: Part) -> Option<DateValue> {
    let (a, b) = match part {
        Part::Early => (1, 4),
        Part::Mid => (5, 8),
        Part::Late => (9, 12),
    };
    range(Day::new(year, a, 1)?, Day::new(year, b, days_in_month(year, b))?)
}

fn part_name(part: Part) -> &'static str {
    match part {
        Part::Early => "early part",
        Part::Mid => "middle",
        Part::Late => "end",
    }
}

fn season(year: i32, s: u8) -> Option<DateValue> {
    let start = Day::new(year, s, 1)?;
    let (ey, em) = shift_month(year, s, 2)?;
    Some(DateValue { start, end: Day::last_of_month(ey, em), precision: Precision::Season })
}

fn week_of(day: Day) -> Option<DateValue> {
    let monday = day.add_days(-i64::from(day.weekday()));
    range(monday, monday.add_days(6))
}

/// Context carried along one document while resolving in reading order.
struct Context<'r> {
    reference: &'r Reference,
    /// The year mentioned last, and whether it leaned on the reference.
    last_year: Option<(i32, bool)>,
}

/// Resolves a year specification for a month `m` (when known). Returns (year, how, used ref).
fn resolve_year(spec: YearSpec, m: Option<u8>, cx: &Context) -> Option<(i32, String, bool)> {
    let r = cx.reference;
    match spec {
        YearSpec::Explicit(y) => Some((y, String::new(), false)),
        YearSpec::Rel(k) => {
            let y = r.year()?.checked_add(k)?;
            let word = ["last year", "this year", "next year"].get((k + 1) as usize).copied().unwrap_or("year");
            Some((y, format!("'{word}' = {y}"), true))
        }
        YearSpec::Same => {
            let (y, leaned) = cx.last_year?;
            Some((y, format!("'the same year' = {y}, the year mentioned last"), leaned))
        }
        YearSpec::NearestMonth(k) => {
            let m = m?;
            let v = r.value?;
            // TimeML: "last May" is May of the previous year unless the reference is past May.
            let pick = |d: Day| -> i32 {
                match k {
                    -1 if d.month <= m => d.year - 1,
                    1 if d.month >= m => d.year + 1,
                    _ => d.year,
                }
            };
            let (a, b) = (pick(v.start), pick(v.end));
            if a != b {
                return None;
            }
            let word = ["last", "this", "next"].get((k + 1) as usize).copied().unwrap_or("");
            let rel = match a - v.end.year {
                0 => "the reference year",
                -1 => "the year before the reference",
                _ => "the year after the reference",
            };
            Some((a, format!("'{word} {}' = {} {a}, {rel}", month_name(m), month_name(m)), true))
        }
        YearSpec::Unknown => {
            let y = r.year()?;
            Some((y, format!("no year written: {y}, the reference year"), true))
        }
    }
}

fn resolve(f: &Found, cx: &Context) -> Option<Resolved> {
    let r = cx.reference;
    let year_note = |how: String, f: &Found| -> String {
        match &f.year_from {
            Some(q) => format!("year from '{q}' right after it"),
            None if how.is_empty() => "as written".to_string(),
            None => how,
        }
    };
    let done = |value: DateValue, how: String, used_reference: bool| Some(Resolved { value, how, used_reference });
    match f.expr {
        Expr::Day { m, d, y } => {
            let (mut year, how, used) = resolve_year(y, Some(m), cx)?;
            let mut how = year_note(how, f);
            if y == YearSpec::Unknown && !f.future {
                // A past-tense "December 5" in a May article is last December.
                if let (Some(v), Some(day)) = (r.value, Day::new(year, m, d)) {
                    if day > v.end {
                        year -= 1;
                        how = format!(
                            "no year written: {year}, since {} {d} {} lies after the reference",
                            month_name(m),
                            year + 1
                        );
                    }
                }
            }
            let day = Day::new(year, m, d)?;
            done(DateValue::day(day), format!("{d} {} {year}: {how}", month_name(m)), used)
        }
        Expr::DayRange { m1, d1, m2, d2, y } => {
            let (year, how, used) = resolve_year(y, Some(m1), cx)?;
            let a = Day::new(year, m1, d1)?;
            let mut b = Day::new(year, m2, d2)?;
            if b < a {
                b = Day::new(year.checked_add(1)?, m2, d2)?;
            }
            let v = range(a, b)?;
            done(v, format!("{} to {}: {}", a.iso(), b.iso(), year_note(how, f)), used)
        }
        Expr::Month { m, y, part } => {
            let (year, how, used) = resolve_year(y, Some(m), cx)?;
            let how = year_note(how, f);
            match part {
                None => done(DateValue::month(year, m)?, format!("{} {year}: {how}", month_name(m)), used),
                Some(p) => done(
                    part_of_month(year, m, p)?,
                    format!("{} of {} {year}: {how}", part_name(p), month_name(m)),
                    used,
                ),
            }
        }
        Expr::Season { s, y } => {
            let (year, how, used) = resolve_year(y, None, cx)?;
            let v = season(year, s)?;
            done(v, format!("season {} to {}: {}", v.start.iso(), v.end.iso(), year_note(how, f)), used)
        }
        Expr::SeasonRel { s, rel } => {
            let v = r.value?;
            let pick = |d: Day| -> Option<i32> {
                let this = season(d.year, s)?;
                Some(match rel {
                    -1 if this.end >= d => d.year - 1,
                    1 if this.start <= d => d.year + 1,
                    _ => d.year,
                })
            };
            let (a, b) = (pick(v.start)?, pick(v.end)?);
            if a != b {
                return None;
            }
            let sv = season(a, s)?;
            done(sv, format!("season {} to {}, relative to the reference", sv.start.iso(), sv.end.iso()), true)
        }
        Expr::Year { y, part } => {
            let (year, how, used) = resolve_year(y, None, cx)?;
            let how = year_note(how, f);
            match part {
                None => done(DateValue::year(year)?, format!("year {year}: {how}"), used),
                Some(p) => done(part_of_year(year, p)?, format!("{} of {year}: {how}", part_name(p)), used),
            }
        }
        Expr::RelDay(k) => {
            let d = r.day()?.add_days(i64::from(k));
            let how = match k {
                0 => "the reference day".to_string(),
                -1 => "the day before the reference".to_string(),
                -2 => "two days before the reference".to_string(),
                1 => "the day after the reference".to_string(),
                _ => format!("{k} days from the reference"),
            };
            done(DateValue::day(d), how, true)
        }
        Expr::RelWeek(k) => {
            let d = r.day()?.add_days(7 * i64::from(k));
            let v = week_of(d)?;
            let which = ["previous", "same", "next"].get((k + 1) as usize).copied().unwrap_or("");
            done(v, format!("Monday to Sunday of the {which} week"), true)
        }
        Expr::Weekend(k) => {
            let d = r.day()?;
            let sunday = if k < 0 {
                // The most recent Sunday strictly before the reference.
                d.add_days(-(i64::from(d.weekday()) + 1))
            } else {
                d.add_days(6 - i64::from(d.weekday()))
            };
            let v = range(sunday.add_days(-1), sunday)?;
            let which = if k < 0 { "the last Saturday and Sunday before" } else { "the weekend of" };
            done(v, format!("{which} the reference"), true)
        }
        Expr::Weekday { wd, rel } => {
            let d = r.day()?;
            let cur = i64::from(d.weekday());
            let target = i64::from(wd);
            let back = |strict: bool| {
                let mut k = (cur - target).rem_euclid(7);
                if k == 0 && strict {
                    k = 7;
                }
                d.add_days(-k)
            };
            let fwd = |strict: bool| {
                let mut k = (target - cur).rem_euclid(7);
                if k == 0 && strict {
                    k = 7;
                }
                d.add_days(k)
            };
            let (day, how) = match rel {
                -1 => (back(true), "the last such weekday strictly before the reference"),
                1 => (fwd(true), "the first such weekday after the reference"),
                _ if f.future => (fwd(false), "the next such weekday (future tense)"),
                _ => (back(false), "the most recent such weekday (past tense)"),
            };
            done(DateValue::day(day), how.to_string(), true)
        }
        Expr::RelMonth { rel, part } => {
            let (ry, rm) = r.month()?;
            let (y, m) = shift_month(ry, rm, i64::from(rel))?;
            let which =
                ["the month before", "the month of", "the month after"].get((rel + 1) as usize).copied().unwrap_or("");
            match part {
                None => done(DateValue::month(y, m)?, format!("{which} the reference"), true),
                Some(p) => done(part_of_month(y, m, p)?, format!("{} of {which} the reference", part_name(p)), true),
            }
        }
        Expr::EarlierLater { unit, dir } => {
            let d = r.day()?;
            let (first, last) = match unit {
                Unit::Month => (Day::new(d.year, d.month, 1)?, Day::last_of_month(d.year, d.month)),
                Unit::Year => (Day::new(d.year, 1, 1)?, Day::new(d.year, 12, 31)?),
                _ => (week_of(d)?.start, week_of(d)?.end),
            };
            let v = if dir < 0 { range(first, d.add_days(-1))? } else { range(d.add_days(1), last)? };
            let how = if dir < 0 { "from its start to the day before the reference" } else { "after the reference" };
            done(v, how.to_string(), true)
        }
        Expr::DayOfRelMonth { d, rel } => {
            let (ry, rm) = r.month()?;
            let (y, m) = shift_month(ry, rm, i64::from(rel))?;
            let day = Day::new(y, m, d)?;
            let which =
                ["the month before", "the month of", "the month after"].get((rel + 1) as usize).copied().unwrap_or("");
            done(DateValue::day(day), format!("{d}{} of {which} the reference", ordinal_suffix(d)), true)
        }
        Expr::Ago { n, unit } => {
            let n = i64::from(n);
            let how = format!("{n} {:?}(s) before the reference", unit).to_lowercase();
            match unit {
                Unit::Day => done(DateValue::day(r.day()?.add_days(-n)), how, true),
                Unit::Week => done(
                    week_of(r.day()?.add_days(-7 * n))?,
                    format!("the week {n} week(s) before the reference"),
                    true,
                ),
                Unit::Month => {
                    let (ry, rm) = r.month()?;
                    let (y, m) = shift_month(ry, rm, -n)?;
                    done(DateValue::month(y, m)?, how, true)
                }
                Unit::Year => done(DateValue::year(r.year()?.checked_sub(i32::try_from(n).ok()?)?)?, how, true),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reference inference

/// Explicit years a document states inside a date ("May 14, 2016", "Spring 2016", "May 2016").
fn dated_years(found: &[Found]) -> Vec<(i32, String)> {
    found
        .iter()
        .filter_map(|f| match f.expr {
            Expr::Day { y: YearSpec::Explicit(y), .. }
            | Expr::DayRange { y: YearSpec::Explicit(y), .. }
            | Expr::Month { y: YearSpec::Explicit(y), .. }
            | Expr::Season { y: YearSpec::Explicit(y), .. } => {
                Some((y, f.year_from.clone().unwrap_or_else(|| f.text.clone())))
            }
            _ => None,
        })
        .collect()
}

/// The dated years one document contributes to the corpus vote (front-matter years count too).
fn years_of(found: &[Found], doc: Option<&Document>) -> Vec<i32> {
    let mut years: Vec<i32> = dated_years(found).into_iter().map(|(y, _)| y).collect();
    if let Some(d) = doc.and_then(|d| d.date.filter(|_| !d.date_inferred)) {
        years.push(d.start.year);
    }
    years
}

/// The most common dated year of the other documents; ties go to the later year. `totals` is the
/// vote over all documents, so each call only takes away the document's own years (linear, not
/// quadratic, in the corpus size).
fn corpus_year(totals: &BTreeMap<i32, u32>, own: &[i32]) -> Option<i32> {
    let mut best: Option<(u32, i32)> = None;
    for (&y, &n) in totals {
        let n = n - own.iter().filter(|&&o| o == y).count() as u32;
        if n > 0 && best.is_none_or(|b| (n, y) > b) {
            best = Some((n, y));
        }
    }
    best.map(|(_, y)| y)
}

/// The year a document's year-less dates belong to, and where it came from.
fn document_year(found: &[Found], corpus: Option<i32>) -> Option<(i32, String)> {
    if let Some((y, from)) = dated_years(found).into_iter().max_by_key(|(y, _)| *y) {
        return Some((y, format!("year {y} from '{from}'")));
    }
    let bare_max = found
        .iter()
        .filter_map(|f| match f.expr {
            Expr::Year { y: YearSpec::Explicit(y), .. } => Some(y),
            _ => None,
        })
        .max();
    let c = corpus?;
    (bare_max.is_none_or(|b| b <= c)).then(|| (c, format!("year {c} from the rest of the corpus")))
}

/// Passages shared by more documents than this are not evidence of a copy.
const MAX_SHARERS: usize = 8;

/// FNV-1a hashes of the word 8-grams, sorted and deduplicated (deterministic, no `HashMap`).
fn shingle_hashes(doc: &Document) -> Vec<u64> {
    let mut out: Vec<u64> = shingles(doc).iter().map(|s| text::fnv1a(s.as_bytes())).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Lowercased word 8-grams of a document's non-boilerplate sentences.
fn shingles(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for s in doc.sentences.iter().filter(|s| !s.boilerplate) {
        // `str::to_lowercase`, not `text::fold`: a shingle is quoted as evidence in a date
        // reason, and folding accents would also change which passages count as shared.
        let words: Vec<String> = text::words(&s.text, &[]).map(|w| w.text.to_lowercase()).collect();
        for w in words.windows(8) {
            out.push(w.join(" "));
        }
    }
    out
}

fn quote(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// Tier 1: the latest past-tense full date of the text (a day, never "... last year").
fn latest_full_date(found: &[Found], year: Option<&(i32, String)>) -> Option<(Day, String, Option<String>)> {
    let mut best: Option<(Day, &Found, bool)> = None;
    for f in found.iter().filter(|f| !f.future) {
        let Expr::Day { m, d, y } = f.expr else {
            continue;
        };
        let (yy, needs_doc_year) = match y {
            YearSpec::Explicit(y) => (y, false),
            YearSpec::Rel(0) | YearSpec::Unknown => match year {
                Some((y, _)) => (*y, true),
                None => continue,
            },
            _ => continue,
        };
        let Some(day) = Day::new(yy, m, d) else {
            continue;
        };
        if best.is_none_or(|(b, _, _)| day > b) {
            best = Some((day, f, needs_doc_year));
        }
    }
    let (day, f, needs_year) = best?;
    Some((day, f.text.clone(), needs_year.then(|| year.map(|(_, w)| w.clone())).flatten()))
}

fn infer_references(documents: &[Document], all: &[Vec<Found>]) -> Vec<Reference> {
    let n = documents.len();
    let mut refs: Vec<Option<Reference>> = vec![None; n];
    let mut years: Vec<Option<(i32, String)>> = vec![None; n];
    let own_years: Vec<Vec<i32>> = (0..n).map(|k| years_of(&all[k], documents.get(k))).collect();
    let mut totals: BTreeMap<i32, u32> = BTreeMap::new();
    for y in own_years.iter().flatten() {
        *totals.entry(*y).or_default() += 1;
    }
    // Front matter first.
    for (k, doc) in documents.iter().enumerate() {
        if let Some(v) = doc.date.filter(|_| !doc.date_inferred) {
            refs[k] = Some(Reference { value: Some(v), inferred: false, note: format!("reference {}", v.iso()) });
        }
        years[k] = document_year(&all[k], corpus_year(&totals, &own_years[k]));
    }
    // Tier 1: the latest past full date in the text.
    for k in 0..n {
        if refs[k].is_some() {
            continue;
        }
        let Some((mut day, expr, year_why)) = latest_full_date(&all[k], years[k].as_ref()) else {
            continue;
        };
        let yesterday = all[k].iter().find(|f| matches!(f.expr, Expr::RelDay(-1 | -2)) && !f.future);
        let mut why = format!("from '{expr}' (latest full date in the text)");
        if let Some(y) = yesterday {
            let shift = if matches!(y.expr, Expr::RelDay(-2)) { 3 } else { 2 };
            day = day.add_days(shift);
            why = format!(
                "{shift} days after '{expr}' (latest full date in the text; it also says '{}' of a later event)",
                y.text
            );
        }
        if let Some(y) = year_why {
            why = format!("{why}, {y}");
        }
        refs[k] = Some(Reference { value: Some(DateValue::day(day)), inferred: true, note: format!("inferred {why}") });
    }
    // Tier 2: a document sharing passages with a dated one ran that day or later (copies follow
    // the original), taken to be within the same month: month-relative expressions resolve,
    // day- and week-relative ones ("last week") do not.
    // Hashed shingles of the dated documents, sorted: one lookup per shingle of an undated
    // document instead of a comparison with every other document.
    let tier1: Vec<Option<Reference>> = refs.clone();
    let mut postings: Vec<(u64, u32)> = Vec::new();
    for (j, r) in tier1.iter().enumerate() {
        if r.as_ref().and_then(|r| r.day()).is_some() {
            postings.extend(shingle_hashes(&documents[j]).into_iter().map(|h| (h, j as u32)));
        }
    }
    postings.sort_unstable();
    for k in 0..n {
        if refs[k].is_some() {
            continue;
        }
        let mut shared_with: BTreeMap<u32, usize> = BTreeMap::new();
        for h in shingle_hashes(&documents[k]) {
            let from = postings.partition_point(|&(p, _)| p < h);
            let to = postings.partition_point(|&(p, _)| p <= h);
            // A passage many documents share (a stock phrase, a wire paragraph) says nothing
            // about which one this copies.
            if to - from > MAX_SHARERS {
                continue;
            }
            for &(_, j) in &postings[from..to] {
                if j as usize != k {
                    *shared_with.entry(j).or_default() += 1;
                }
            }
        }
        let mut best: Option<(usize, usize)> = None; // (shared, doc)
        for (&j, &shared) in &shared_with {
            if shared >= 3 && best.is_none_or(|(s, _)| shared > s) {
                best = Some((shared, j as usize));
            }
        }
        if let Some((_, j)) = best {
            let v = tier1[j].as_ref().and_then(|r| r.day()).and_then(|d| range(d, Day::last_of_month(d.year, d.month)));
            let theirs: BTreeSet<String> = shingles(&documents[j]).into_iter().collect();
            let example = shingles(&documents[k]).into_iter().find(|s| theirs.contains(s)).unwrap_or_default();
            let day = v.map(|v| v.start.iso()).unwrap_or_default();
            refs[k] = Some(Reference {
                value: v,
                inferred: true,
                note: format!(
                    "inferred: no full date in the text, but it shares passages with {} (e.g. “{}”), dated {day}, so it ran that day or later in the same month",
                    documents[j].id,
                    quote(&example, 60)
                ),
            });
        }
    }
    // Tier 3: bounds from past and future mentions, or the year alone.
    for k in 0..n {
        if refs[k].is_some() {
            continue;
        }
        let Some((year, year_why)) = years[k].clone() else {
            let note = if all[k].is_empty() {
                "no date: the text has no date expression".to_string()
            } else {
                "no date: no full date in the text, and nothing fixes the year".to_string()
            };
            refs[k] = Some(Reference { value: None, inferred: false, note });
            continue;
        };
        let year_ref = Reference { value: DateValue::year(year), inferred: true, note: String::new() };
        let cx = Context { reference: &year_ref, last_year: None };
        let mut lower: Option<(Day, &Found)> = None;
        let mut upper: Option<(Day, &Found)> = None;
        for f in &all[k] {
            let Some(r) = resolve(f, &cx) else { continue };
            if f.future {
                if matches!(r.value.precision, Precision::Day | Precision::Range)
                    && upper.is_none_or(|(d, _)| r.value.start < d)
                {
                    upper = Some((r.value.start, f));
                }
            } else if lower.is_none_or(|(d, _)| r.value.start > d) {
                lower = Some((r.value.start, f));
            }
        }
        let upper = upper.map(|(d, f)| (d.add_days(-1), f)).filter(|(d, _)| lower.is_none_or(|(l, _)| *d >= l));
        let (value, why) = match (lower, upper) {
            (Some((l, lf)), Some((u, uf))) => (
                range(l, u),
                format!("no full date in the text; after '{}' and before '{}' (future)", lf.text, uf.text),
            ),
            (Some((l, lf)), None) => (
                Day::new(l.year, 12, 31).and_then(|e| range(l, e)),
                format!("no full date in the text; after '{}'", lf.text),
            ),
            (None, Some((u, uf))) => (
                Day::new(u.year, 1, 1).and_then(|s| range(s, u)),
                format!("no full date in the text; before '{}' (future)", uf.text),
            ),
            (None, None) if !year_why.contains("corpus") => {
                (DateValue::year(year), "only the year is known".to_string())
            }
            (None, None) => {
                let what = if all[k].is_empty() {
                    "no date expression"
                } else {
                    "no date expression that fixes a day or a year"
                };
                refs[k] =
                    Some(Reference { value: None, inferred: false, note: format!("no date: the text has {what}") });
                continue;
            }
        };
        refs[k] = Some(Reference { value, inferred: true, note: format!("inferred: {why}; {year_why}") });
    }
    refs.into_iter().map(|r| r.unwrap_or(Reference { value: None, inferred: false, note: String::new() })).collect()
}

// ---------------------------------------------------------------------------------------------
// Entry point

/// Finds the date expressions of every document, sets the inferred reference date of documents
/// without a front-matter date, and returns the events (in document and reading order; the caller
/// sorts them and fills in `entities`).
pub fn extract(documents: &mut [Document]) -> Vec<Event> {
    let all: Vec<Vec<Found>> = documents.iter().map(scan_document).collect();
    let refs = infer_references(documents, &all);
    let mut events = Vec::new();
    for (k, (doc, found)) in documents.iter_mut().zip(&all).enumerate() {
        let reference = &refs[k];
        if doc.date.is_none() || doc.date_inferred {
            doc.date = reference.value;
            doc.date_inferred = reference.value.is_some();
            doc.date_reason = reference.note.clone();
        }
        let mut cx = Context { reference, last_year: None };
        for f in found {
            let Some(r) = resolve(f, &cx) else { continue };
            let inferred = r.used_reference && reference.inferred;
            if r.value.start.year == r.value.end.year {
                cx.last_year = Some((r.value.start.year, inferred));
            }
            let resolution =
                if r.used_reference { format!("{} ({})", r.how, reference_label(reference)) } else { r.how };
            events.push(Event {
                date: r.value,
                doc: k as u32,
                sentence: f.sentence,
                start: f.start as u32,
                end: f.end as u32,
                expression: f.text.clone(),
                resolution,
                inferred,
                entities: Vec::new(),
            });
        }
    }
    events
}

fn reference_label(r: &Reference) -> String {
    let v = match r.value {
        Some(v) if v.start == v.end => v.start.iso(),
        Some(v) if v.precision == Precision::Range => {
            format!("{} to {}", v.start.iso(), v.end.iso())
        }
        Some(v) => v.iso(),
        None => "none".to_string(),
    };
    if r.inferred {
        format!("reference {v}, {}", r.note)
    } else {
        format!("reference {v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::types::{Paragraph, Sentence};

    fn day(y: i32, m: u8, d: u8) -> Day {
        Day::new(y, m, d).unwrap()
    }

    fn span(a: Day, b: Day, precision: Precision) -> DateValue {
        DateValue { start: a, end: b, precision }
    }

    fn doc(id: &str, date: Option<DateValue>, sentences: &[&str]) -> Document {
        Document {
            id: id.to_string(),
            title: id.to_string(),
            date,
            date_inferred: false,
            date_reason: if date.is_some() { "front matter".to_string() } else { String::new() },
            source: None,
            url: None,
            paragraphs: vec![Paragraph { first: 0, end: sentences.len() as u32, boilerplate: false }],
            sentences: sentences
                .iter()
                .map(|t| Sentence { text: t.to_string(), paragraph: 0, boilerplate: false, mentions: Vec::new() })
                .collect(),
        }
    }

    /// Events of one sentence against a front-matter reference of 2016-05-14 (a Saturday).
    fn events(text: &str) -> Vec<Event> {
        let mut docs = vec![doc("d", Some(DateValue::day(day(2016, 5, 14))), &[text])];
        extract(&mut docs)
    }

    fn one(text: &str) -> (String, DateValue) {
        let ev = events(text);
        assert_eq!(ev.len(), 1, "{text}: {ev:#?}");
        (ev[0].expression.clone(), ev[0].date)
    }

    fn none(text: &str) {
        let ev = events(text);
        assert!(ev.is_empty(), "{text}: {ev:#?}");
    }

    #[test]
    fn explicit_days() {
        let d14 = DateValue::day(day(2016, 5, 14));
        assert_eq!(one("May 14th IFTC announced that"), ("May 14th".into(), d14));
        assert_eq!(one("On May 14 it said"), ("May 14".into(), d14));
        assert_eq!(one("It happened on 14 May."), ("14 May".into(), d14));
        assert_eq!(one("It said on May 14, 2016 that"), ("May 14, 2016".into(), d14));
        assert_eq!(one("Filed 2016-05-14."), ("2016-05-14".into(), d14));
        assert_eq!(
            one("back in April 13th this year, Zentaro joined"),
            ("April 13th this year".into(), DateValue::day(day(2016, 4, 13)))
        );
        assert_eq!(
            one("a report published on November 6 last year said"),
            ("November 6 last year".into(), DateValue::day(day(2015, 11, 6)))
        );
        // A past-tense year-less date after the reference is from the year before.
        assert_eq!(one("It was signed on December 5."), ("December 5".into(), DateValue::day(day(2015, 12, 5))));
        assert_eq!(one("Sept. 5, 2015 was a Saturday"), ("Sept. 5, 2015".into(), DateValue::day(day(2015, 9, 5))));
    }

    #[test]
    fn explicit_ranges_months_seasons_years() {
        let r = span(day(2016, 5, 18), day(2016, 5, 20), Precision::Range);
        assert_eq!(one("He will attend from May 18 to 20."), ("from May 18 to 20".into(), r));
        assert_eq!(one("The fair runs May 18-20."), ("May 18-20".into(), r));
        assert_eq!(
            one("It ran from May 18 to June 2."),
            ("from May 18 to June 2".into(), span(day(2016, 5, 18), day(2016, 6, 2), Precision::Range))
        );
        assert_eq!(
            one("Roe Jian will attend the IFTC from May 18 to 20 Spring 2016 Conference."),
            ("from May 18 to 20".into(), r)
        );
        assert_eq!(one("IFTC was founded in 1991, in Washington"), ("1991".into(), DateValue::year(1991).unwrap()));
        assert_eq!(one("Sales fell in 2015."), ("2015".into(), DateValue::year(2015).unwrap()));
        assert_eq!(
            one("The Spring 2016 Conference is near."),
            ("Spring 2016".into(), span(day(2016, 3, 1), day(2016, 5, 31), Precision::Season))
        );
        assert_eq!(one("Sales in May 2016 rose."), ("May 2016".into(), DateValue::month(2016, 5).unwrap()));
        assert_eq!(
            one("It joined in April this year."),
            ("April this year".into(), DateValue::month(2016, 4).unwrap())
        );
        assert_eq!(
            one("It ends at the end of April."),
            ("the end of April".into(), span(day(2016, 4, 21), day(2016, 4, 30), Precision::Range))
        );
        assert_eq!(
            one("They met in early May."),
            ("early May".into(), span(day(2016, 5, 1), day(2016, 5, 10), Precision::Range))
        );
        assert_eq!(
            one("They met in mid-May."),
            ("mid-May".into(), span(day(2016, 5, 11), day(2016, 5, 20), Precision::Range))
        );
    }

    #[test]
    fn relative_days_and_weeks() {
        let d = |y, m, dd| DateValue::day(day(y, m, dd));
        assert_eq!(one("IFTC announced today"), ("today".into(), d(2016, 5, 14)));
        assert_eq!(one("the alliance announced yesterday, the"), ("yesterday".into(), d(2016, 5, 13)));
        assert_eq!(one("on the day before yesterday"), ("the day before yesterday".into(), d(2016, 5, 12)));
        assert_eq!(one("Vanto left last Wednesday."), ("last Wednesday".into(), d(2016, 5, 11)));
        assert_eq!(one("Vanto left on Wednesday."), ("on Wednesday".into(), d(2016, 5, 11)));
        assert_eq!(one("Vanto left on Saturday."), ("on Saturday".into(), d(2016, 5, 14)));
        assert_eq!(one("It left 3 days ago."), ("3 days ago".into(), d(2016, 5, 11)));
        assert_eq!(one("13 last month, Zentaro announced"), ("13 last month".into(), d(2016, 4, 13)));
        assert_eq!(
            one("just last week, IFTC suspended"),
            ("last week".into(), span(day(2016, 5, 2), day(2016, 5, 8), Precision::Range))
        );
        assert_eq!(
            one("this week, IFTC suspended"),
            ("this week".into(), span(day(2016, 5, 9), day(2016, 5, 15), Precision::Range))
        );
        assert_eq!(
            one("Last weekend, Vanto's name was removed"),
            ("Last weekend".into(), span(day(2016, 5, 7), day(2016, 5, 8), Precision::Range))
        );
        assert_eq!(
            one("It happened two weeks ago."),
            ("two weeks ago".into(), span(day(2016, 4, 25), day(2016, 5, 1), Precision::Range))
        );
        assert_eq!(
            one("It happened earlier this month."),
            ("earlier this month".into(), span(day(2016, 5, 1), day(2016, 5, 13), Precision::Range))
        );
    }

    #[test]
    fn relative_months_and_years() {
        assert_eq!(one("Last May, the brands sued"), ("Last May".into(), DateValue::month(2015, 5).unwrap()));
        assert_eq!(one("Last April, the brands sued"), ("Last April".into(), DateValue::month(2016, 4).unwrap()));
        assert_eq!(one("sales this year were poor"), ("this year".into(), DateValue::year(2016).unwrap()));
        assert_eq!(one("sales last year were poor"), ("last year".into(), DateValue::year(2015).unwrap()));
        assert_eq!(one("It opens next month."), ("next month".into(), DateValue::month(2016, 6).unwrap()));
        assert_eq!(
            one("at the beginning of this year"),
            ("the beginning of this year".into(), span(day(2016, 1, 1), day(2016, 4, 30), Precision::Range))
        );
        let ev = events("Last May, they sued. In November of the same year, they sued again.");
        let got: Vec<_> = ev.iter().map(|e| (e.expression.as_str(), e.date)).collect();
        assert_eq!(
            got,
            vec![
                ("Last May", DateValue::month(2015, 5).unwrap()),
                ("November of the same year", DateValue::month(2015, 11).unwrap()),
            ]
        );
    }

    #[test]
    fn false_positives_are_refused() {
        none("It may rain.");
        none("Zentaro May Be Dangerous");
        none("It May Not Matter.");
        none("Workers March On Capitol");
        none("they march on.");
        none("Workers Plan To March On Capitol");
        none("They decided to March into town");
        none("the Zentaro in the organization only for 1 months.");
        none("He paid 2,000 yuan for 250 items, up 12%.");
        none("Ali has more than 2000 employees and 2016 members.");
        none("It ranked No. 1 at 10:30 with 2.5 points.");
        none("Acme, Orbit and Dunn & Bradley joined.");
        none("shoes and jewelry industry up to 27, followed by (13) and (12)");
        none("Recently, some time ago, days ago, in recent years.");
        none("February 30 never happens, nor does 31 June.");
        none("The year 99999 and 0 BC and 1 to 2.");
    }

    #[test]
    fn end_of_the_year_is_the_reference_year() {
        assert_eq!(
            one("by the end of the year"),
            ("the end of the year".into(), span(day(2016, 9, 1), day(2016, 12, 31), Precision::Range))
        );
        assert_eq!(one("from March to May"), ("March".into(), DateValue::month(2016, 3).unwrap()));
    }

    proptest::proptest! {
        #[test]
        fn total_on_date_soup(words in proptest::collection::vec(proptest::sample::select(vec![
            "May", "may", "13", "13th", "31", "2016", "1899", "9999", "-", ",", "last", "this", "next",
            "month", "year", "week", "weekend", "Wednesday", "on", "from", "to", "the", "day", "before",
            "yesterday", "ago", "two", "days", "Spring", "of", "same", "end", "mid", "early", "February",
            "30", "29", "é", "語", "%", "2,000", "in", "April", "will",
        ]), 0..24), glue in proptest::collection::vec(proptest::bool::ANY, 24)) {
            let mut text = String::new();
            for (k, w) in words.iter().enumerate() {
                if k > 0 && glue[k] { text.push(' '); }
                text.push_str(w);
            }
            let mut docs = vec![
                doc("a", None, &[text.as_str()]),
                doc("b", Some(DateValue::day(day(2016, 2, 29))), &[text.as_str()]),
            ];
            for e in extract(&mut docs) {
                let s = &docs[e.doc as usize].sentences[e.sentence as usize].text;
                proptest::prop_assert_eq!(s.get(e.start as usize..e.end as usize), Some(e.expression.as_str()));
                proptest::prop_assert!(e.date.start <= e.date.end);
            }
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            "May",
            "May 3",
            "13 last",
            "from May 18 to",
            "the day before",
            "mid-",
            "Ωμέγα 13th 語 May 1st 😀 2016-05-",
            "9999-12-31 and December 31, 9999 next year",
            "1900-01-01 last year ago ago",
            "999999999999999999999 days ago",
            "Spring 2100 next spring last winter",
        ] {
            let _ = events(text);
            let mut docs = vec![doc("x", None, &[text]), doc("y", None, &[text, text])];
            let _ = extract(&mut docs);
        }
    }

    #[test]
    fn front_matter_reference_is_kept() {
        let front = DateValue::day(day(2016, 5, 20));
        let mut docs = vec![doc("a", Some(front), &["It joined on May 14th.", "It quit yesterday."])];
        let ev = extract(&mut docs);
        assert_eq!(docs[0].date, Some(front));
        assert!(!docs[0].date_inferred);
        assert_eq!(docs[0].date_reason, "front matter");
        assert_eq!(ev[0].date, DateValue::day(day(2016, 5, 14)));
        assert_eq!(ev[1].date, DateValue::day(day(2016, 5, 19)));
        assert!(ev.iter().all(|e| !e.inferred));
    }

    #[test]
    fn reference_is_inferred_from_the_latest_full_date() {
        let mut docs = vec![doc(
            "b",
            None,
            &["On April 13, 2016, it joined.", "May 14th IFTC announced the suspension.", "It will speak on May 18."],
        )];
        let ev = extract(&mut docs);
        assert_eq!(docs[0].date, Some(DateValue::day(day(2016, 5, 14))));
        assert!(docs[0].date_inferred);
        assert!(docs[0].date_reason.contains("'May 14th'"), "{}", docs[0].date_reason);
        assert!(docs[0].date_reason.contains("'April 13, 2016'"), "{}", docs[0].date_reason);
        let may14 = ev.iter().find(|e| e.expression == "May 14th").unwrap();
        assert!(may14.inferred);
        let april = ev.iter().find(|e| e.expression == "April 13, 2016").unwrap();
        assert!(!april.inferred);
    }

    #[test]
    fn yesterday_moves_the_reference_past_the_latest_date() {
        let mut docs = vec![doc(
            "c",
            None,
            &["On May 11th, 2016 Vanto quit.", "The alliance announced yesterday the suspension."],
        )];
        let ev = extract(&mut docs);
        assert_eq!(docs[0].date, Some(DateValue::day(day(2016, 5, 13))));
        let y = ev.iter().find(|e| e.expression == "yesterday").unwrap();
        assert_eq!(y.date, DateValue::day(day(2016, 5, 12)));
        assert!(y.inferred);
    }

    #[test]
    fn year_is_borrowed_from_the_corpus() {
        let mut docs = vec![
            doc("dated", None, &["The Spring 2016 Conference opened."]),
            doc("yearless", None, &["13 last month, it joined.", "May 14th IFTC announced it."]),
        ];
        let ev = extract(&mut docs);
        assert_eq!(docs[1].date, Some(DateValue::day(day(2016, 5, 14))));
        assert!(docs[1].date_reason.contains("from the rest of the corpus"), "{}", docs[1].date_reason);
        let e = ev.iter().find(|e| e.expression == "13 last month").unwrap();
        assert_eq!(e.date, DateValue::day(day(2016, 4, 13)));
        assert!(e.inferred);
        assert!(e.resolution.contains("2016-05-14"), "{}", e.resolution);
        // Without any year in the corpus, year-less dates are skipped.
        let mut alone = vec![doc("alone", None, &["May 14th IFTC announced it.", "It left last Wednesday."])];
        assert!(extract(&mut alone).is_empty());
        assert_eq!(alone[0].date, None);
    }

    #[test]
    fn shared_passages_lend_a_reference() {
        let shared = "Zentaro announced a high profile international fair deal alliance membership today";
        let mut docs = vec![
            doc("dated", None, &["May 14th, 2016 the alliance spoke.", shared]),
            doc("copy", None, &[shared, "It quit 13 last month.", "It spoke last week."]),
        ];
        let ev = extract(&mut docs);
        let may = span(day(2016, 5, 14), day(2016, 5, 31), Precision::Range);
        assert_eq!(docs[1].date, Some(may), "a copy runs that day or later");
        assert!(
            ev.iter().all(|e| e.doc == 0 || !e.date.precision.eq(&Precision::Range)),
            "no 'last week' without a day"
        );
        assert!(ev.iter().all(|e| e.doc == 0 || e.expression != "today"));
        assert!(docs[1].date_reason.contains("dated"), "{}", docs[1].date_reason);
        assert!(ev.iter().any(|e| e.doc == 1 && e.date == DateValue::day(day(2016, 4, 13))));
    }

    #[test]
    fn future_mentions_bound_the_reference() {
        let mut docs = vec![doc(
            "e",
            None,
            &[
                "It joined in April this year.",
                "He will attend from May 18 to 20 Spring 2016 Conference.",
                "Vanto left last Wednesday.",
            ],
        )];
        let ev = extract(&mut docs);
        assert_eq!(docs[0].date, Some(span(day(2016, 4, 1), day(2016, 5, 17), Precision::Range)));
        assert!(ev.iter().all(|e| e.expression != "last Wednesday"), "needs a day-precise reference");
        assert_eq!(ev.len(), 2);
    }

    #[test]
    fn spans_point_at_the_expression() {
        let text = "Ωμέγα — back in April 13th this year, it joined.";
        for e in events(text) {
            assert_eq!(&text[e.start as usize..e.end as usize], e.expression);
        }
    }

    #[test]
    fn boilerplate_is_skipped() {
        let mut d = doc("f", Some(DateValue::day(day(2016, 5, 14))), &["In 2015, sales fell."]);
        d.sentences[0].boilerplate = true;
        assert!(extract(&mut [d]).is_empty());
    }
}
