//! Finding date expressions: tokens, the expression grammar, and [`Found`], one expression of a
//! sentence, parsed but not yet resolved.
//!
//! Words are compared with the grammar's English keywords ASCII-case-insensitively, not through
//! `text::fold`: folding accents would let other words pass for keywords ("Máy" for "May").
use super::tense::{self, Tense};
use crate::corpus::text::{self, Token};
use crate::corpus::time::{Day, MONTH_NAMES};
use crate::corpus::types::Document;

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
        (1800..=2100).contains(&n).then_some(n)
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

pub(super) fn weekday_of(w: &str) -> Option<u8> {
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
pub(super) enum YearSpec {
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
pub(super) enum Part {
    Early,
    Mid,
    Late,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Expr {
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
    /// "the third quarter [of 2015]", "fourth-quarter", "Q3".
    Quarter {
        q: u8,
        y: YearSpec,
    },
    /// "this quarter" (0), "last quarter" (-1), "next quarter" (1).
    RelQuarter(i32),
    /// "the 1990s", "the early 1980s": the decade's first year.
    Decade {
        start: i32,
        part: Option<Part>,
    },
    /// "the nineties": the decade's digit (9), the century from the reference.
    DecadeWord(u8),
    /// "Christmas", "Thanksgiving Day", "Independence Day 2015", "last Christmas".
    Holiday {
        h: Holiday,
        y: YearSpec,
    },
    /// "the first half [of next year]", "second-half".
    Half {
        h: u8,
        y: YearSpec,
    },
}

/// One expression found in a sentence.
#[derive(Clone, Debug)]
pub(super) struct Found {
    pub(super) sentence: u32,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: String,
    pub(super) expr: Expr,
    /// The tense of its clause ("will attend ... from May 18 to 20" is future): which way a
    /// year-less month or weekday points from the article date.
    pub(super) tense: Tense,
    /// Where a year next to the expression came from, e.g. "Spring 2016" right after it.
    pub(super) year_from: Option<String>,
}

impl Found {
    pub(super) fn future(&self) -> bool {
        self.tense == Tense::Future
    }
}

const MONTH_CUES: [&str; 22] = [
    "in", "since", "until", "till", "by", "from", "of", "during", "before", "after", "early", "late", "mid", "end",
    "beginning", "start", "middle", "through", "throughout", "last", "this", "next",
];

const YEAR_CUES: &[&str] = &[
    "in", "since", "of", "year", "until", "till", "by", "from", "before", "after", "during", "early", "late", "mid",
    "end", "around", "through", "spring", "the", "for", "between", "and", "to", "or", "fiscal", "circa", "as",
    "summer", "autumn", "fall", "winter",
];

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
        "early" if t.tight_punct(j + 1, "-") => (Part::Early, j + 2),
        "late" if t.tight_punct(j + 1, "-") => (Part::Late, j + 2),
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

/// Number-first expressions at the number token `i`; the first rule that matches wins.
fn match_number(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    iso_date(t, i)
        .or_else(|| number_ago(t, i))
        .or_else(|| day_first(t, i))
        .or_else(|| decade_at(t, i).map(|(end, start)| (end, Expr::Decade { start, part: None })))
        .or_else(|| bare_year(t, i))
}

/// "1990s" at `i`: a year ending in 0 with an "s" right after it. Returns (end, first year).
fn decade_at(t: &Toks, i: usize) -> Option<(usize, i32)> {
    let y = t.year(i)?;
    let s = t.get(i + 1).filter(|s| s.kind == Kind::Word && !s.space_before && s.text == "s")?;
    let _ = s;
    (y % 10 == 0).then_some((i + 2, y))
}

/// "the nineties" at `i` ("the"): only after "the", since "in their forties" is an age.
fn decade_word(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    const WORDS: [&str; 8] =
        ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];
    let digit = WORDS.iter().position(|w| t.is(i + 1, w))? as u8 + 2;
    (t.is(i, "the") && !t.is(i + 2, "of")).then_some((i + 2, Expr::DecadeWord(digit)))
}

/// Fixed-date and rule-based holidays that news names (capitalised): "Christmas", "Christmas
/// Eve", "Thanksgiving", "Independence Day", "Election Day", "Labor Day", "Memorial Day",
/// "Halloween", with an optional year after ("Christmas 2015").
fn holiday(t: &Toks, i: usize, w: &str) -> Option<(usize, Expr)> {
    if !t.word(i)?.starts_with(char::is_uppercase) {
        return None;
    }
    let day_next = |h: Holiday| if t.is(i + 1, "day") { (h, i + 2) } else { (h, i + 1) };
    let (h, end) = match w {
        "christmas" if t.is(i + 1, "eve") => (Holiday::ChristmasEve, i + 2),
        "christmas" => day_next(Holiday::Christmas),
        "thanksgiving" => day_next(Holiday::Thanksgiving),
        "halloween" => (Holiday::Halloween, i + 1),
        "independence" if t.is(i + 1, "day") => (Holiday::IndependenceDay, i + 2),
        "election" if t.is(i + 1, "day") => (Holiday::ElectionDay, i + 2),
        "labor" | "labour" if t.is(i + 1, "day") => (Holiday::LaborDay, i + 2),
        "memorial" if t.is(i + 1, "day") => (Holiday::MemorialDay, i + 2),
        _ => return None,
    };
    // "Day" must be capitalised too: "election day" is any election's.
    if end == i + 2 && !t.word(i + 1)?.starts_with(char::is_uppercase) {
        return None;
    }
    let (y, end) = year_spec(t, end).unwrap_or((YearSpec::Unknown, end));
    Some((end, Expr::Holiday { h, y }))
}

/// A holiday's rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Holiday {
    Christmas,
    ChristmasEve,
    Thanksgiving,
    Halloween,
    IndependenceDay,
    ElectionDay,
    LaborDay,
    MemorialDay,
}

impl Holiday {
    /// Its month, for "last Christmas" (the nearest-month rule).
    pub(super) fn month(self) -> u8 {
        match self {
            Holiday::Christmas | Holiday::ChristmasEve => 12,
            Holiday::Thanksgiving | Holiday::ElectionDay => 11,
            Holiday::Halloween => 10,
            Holiday::IndependenceDay => 7,
            Holiday::LaborDay => 9,
            Holiday::MemorialDay => 5,
        }
    }

    /// Its day in `year` (US rules for Thanksgiving, Election, Labor and Memorial Day).
    pub(super) fn day(self, year: i32) -> Option<Day> {
        let first = |m: u8| Day::new(year, m, 1);
        // The n-th (1-based) weekday `wd` (0 = Monday) of month `m`.
        let nth = |m: u8, wd: u8, n: i64| -> Option<Day> {
            let d = first(m)?;
            Some(d.add_days((i64::from(wd) - i64::from(d.weekday())).rem_euclid(7) + 7 * (n - 1)))
        };
        match self {
            Holiday::Christmas => Day::new(year, 12, 25),
            Holiday::ChristmasEve => Day::new(year, 12, 24),
            Holiday::Halloween => Day::new(year, 10, 31),
            Holiday::IndependenceDay => Day::new(year, 7, 4),
            Holiday::Thanksgiving => nth(11, 3, 4),
            Holiday::ElectionDay => nth(11, 0, 1).map(|monday| monday.add_days(1)),
            Holiday::LaborDay => nth(9, 0, 1),
            Holiday::MemorialDay => {
                let last = Day::new(year, 5, 31)?;
                Some(last.add_days(-i64::from(last.weekday())))
            }
        }
    }
}

/// "2016-05-14" (two-digit month and day, no spaces).
fn iso_date(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let y = t.year(i)?;
    if !(t.tight_punct(i + 1, "-") && t.tight_punct(i + 3, "-")) {
        return None;
    }
    let two = |j: usize| t.get(j).filter(|x| x.kind == Kind::Num && x.text.len() == 2 && !x.space_before);
    let (m, d) = (two(i + 2)?, two(i + 4)?);
    let (m, d) = (m.text.parse::<u8>().ok()?, d.text.parse::<u8>().ok()?);
    Some((i + 5, Expr::Day { m, d, y: YearSpec::Explicit(y) }))
}

/// "3 days ago": up to 1000 units, and not "2,000 days ago" or "1.5 years ago".
fn number_ago(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let n = t.num(i)?;
    let unit = t.word(i + 1).and_then(unit_of)?;
    (t.is(i + 2, "ago") && (1..=1000).contains(&n) && !t.number_continues(i)).then_some((i + 3, Expr::Ago { n, unit }))
}

/// Day-first expressions: "13 last month", "the 13th of last month" (from the number on),
/// "14 May", "14th of May 2016".
fn day_first(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let d = t.day(i)?;
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
    let (m, _) = t.month(j)?;
    let (y, end) = year_spec(t, j + 1).unwrap_or((YearSpec::Unknown, j + 1));
    Some((end, Expr::Day { m, d, y }))
}

/// A year on its own: "in 2015", "(1991)", "1991." A four-digit number is a year after a cue
/// word, or before punctuation unless the word before makes it a quantity ("more than 2000",
/// "$2016", "No. 1999").
fn bare_year(t: &Toks, i: usize) -> Option<(usize, Expr)> {
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
    // "2000 people", "1990 tonnes": a count of something, not a year.
    let counts_things =
        t.word(i + 1).is_some_and(|w| w.len() > 3 && w.ends_with('s') && w.starts_with(char::is_lowercase));
    ((cue && !counts_things || standalone) && !prev_blocks && (1800..=2099).contains(&y))
        .then_some((i + 1, Expr::Year { y: YearSpec::Explicit(y), part: None }))
}

/// Word-first expressions at the word token `i`. The first word picks the rule; a rule that
/// returns has decided (a "last" that is not followed by a period is no date, whatever follows),
/// the others leave the word to the rules after them.
fn match_word(t: &Toks, i: usize) -> Option<(usize, Expr)> {
    let w = t.word(i)?.to_ascii_lowercase();
    if let Some(found) = fixed_phrase(t, i, &w) {
        return Some(found);
    }
    if (w == "earlier" || w == "later") && t.is_any(i + 1, &["this", "that"]) {
        return earlier_or_later_this(t, i, &w);
    }
    if let Some(found) = quarter_or_half(t, i, &w) {
        return Some(found);
    }
    if let Some(found) = bare_weekday(t, i, &w) {
        return Some(found);
    }
    if let Some(found) = holiday(t, i, &w) {
        return Some(found);
    }
    if w == "the" {
        if let Some((end, start)) = decade_at(t, i + 1) {
            return Some((end, Expr::Decade { start, part: None }));
        }
        if let Some(found) = decade_word(t, i) {
            return Some(found);
        }
    }
    if let Some(found) = counted_ago(t, i, &w) {
        return Some(found);
    }
    if let Some(rel) = rel_of(&w) {
        return relative_period(t, i, rel);
    }
    if let Some((part, k)) = part_prefix(t, i) {
        return part_of_period(t, k, part);
    }
    if let Some(s) = season_of(&w, false) {
        return season_and_year(t, i, s);
    }
    match_month(t, i)
}

/// "today", "yesterday", "tomorrow", "the day before yesterday", "the day after tomorrow", "the
/// same year", "from May 18 to 20", "on Wednesday" (capitalised: the weekday, with no direction
/// of its own; the tense gives one when it is resolved).
fn fixed_phrase(t: &Toks, i: usize, w: &str) -> Option<(usize, Expr)> {
    match w {
        "today" => Some((i + 1, Expr::RelDay(0))),
        "yesterday" => Some((i + 1, Expr::RelDay(-1))),
        "tomorrow" => Some((i + 1, Expr::RelDay(1))),
        "the" if t.is(i + 1, "day") && t.is(i + 2, "before") && t.is(i + 3, "yesterday") => {
            Some((i + 4, Expr::RelDay(-2)))
        }
        "the" if t.is(i + 1, "day") && t.is(i + 2, "after") && t.is(i + 3, "tomorrow") => {
            Some((i + 4, Expr::RelDay(2)))
        }
        "the" if t.is(i + 1, "same") && t.is(i + 2, "year") => {
            Some((i + 3, Expr::Year { y: YearSpec::Same, part: None }))
        }
        "from" => match_range(t, i + 1),
        "on" => {
            let wd = t.word(i + 1).and_then(weekday_of)?;
            let capitalised = t.word(i + 1).is_some_and(|x| x.starts_with(char::is_uppercase));
            capitalised.then_some((i + 2, Expr::Weekday { wd, rel: 0 }))
        }
        _ => None,
    }
}

/// "earlier this month", "later this year", "earlier this week" (`w` is "earlier" or "later");
/// "later that year" is the part of the year mentioned last.
fn earlier_or_later_this(t: &Toks, i: usize, w: &str) -> Option<(usize, Expr)> {
    let dir = if w == "earlier" { -1 } else { 1 };
    let unit = match t.word(i + 2).map(str::to_ascii_lowercase).as_deref() {
        Some("month") => Unit::Month,
        Some("year") => Unit::Year,
        Some("week") => Unit::Week,
        _ => return None,
    };
    if t.is(i + 1, "that") {
        let part = if dir < 0 { Part::Early } else { Part::Late };
        return (unit == Unit::Year).then_some((i + 3, Expr::Year { y: YearSpec::Same, part: Some(part) }));
    }
    Some((i + 3, Expr::EarlierLater { unit, dir }))
}

/// A weekday on its own, capitalised: "said Friday", "Friday's vote", "Tuesday morning". Its
/// direction comes from the tense when it is resolved.
fn bare_weekday(t: &Toks, i: usize, w: &str) -> Option<(usize, Expr)> {
    let wd = weekday_of(w)?;
    // "was a Saturday", "every Monday": a kind of day, not a date.
    let generic = i > 0 && t.is_any(i - 1, &["a", "an", "every", "each", "any", "no"]);
    if !t.word(i)?.starts_with(char::is_uppercase) || generic {
        return None;
    }
    let part_of_day = t.is_any(i + 1, &["morning", "afternoon", "evening", "night"]);
    Some((if part_of_day { i + 2 } else { i + 1 }, Expr::Weekday { wd, rel: 0 }))
}

/// "the third quarter [of 2015 | of last year]", "fourth-quarter", "Q3 2015", "the first half",
/// "second-half" at `i` ("the" or the ordinal).
fn quarter_or_half(t: &Toks, i: usize, w: &str) -> Option<(usize, Expr)> {
    let k = if w == "the" { i + 1 } else { i };
    let ordinal = |x: &str| match x.to_ascii_lowercase().as_str() {
        "first" => Some(1),
        "second" => Some(2),
        "third" => Some(3),
        "fourth" => Some(4),
        _ => None,
    };
    if let Some(q) =
        t.word(k).filter(|x| x.len() == 2 && x.starts_with(['Q', 'q'])).and_then(|x| x[1..].parse::<u8>().ok())
    {
        if (1..=4).contains(&q) && k == i {
            let (y, end) = year_spec(t, k + 1).unwrap_or((YearSpec::Unknown, k + 1));
            return Some((end, Expr::Quarter { q, y }));
        }
    }
    let n = t.word(k).and_then(ordinal)?;
    let j = if t.tight_punct(k + 1, "-") { k + 2 } else { k + 1 };
    let unit = t.word(j)?.to_ascii_lowercase();
    let (y, end) = year_spec(t, j + 1).unwrap_or((YearSpec::Unknown, j + 1));
    match unit.as_str() {
        "quarter" => Some((end, Expr::Quarter { q: n, y })),
        "half" if n <= 2 => Some((end, Expr::Half { h: n, y })),
        _ => None,
    }
}

/// "a week ago", "two years ago": the count in words ("3 days ago" is `number_ago`).
fn counted_ago(t: &Toks, i: usize, w: &str) -> Option<(usize, Expr)> {
    let n = small_number(w)?;
    let unit = t.word(i + 1).and_then(unit_of)?;
    t.is(i + 2, "ago").then_some((i + 3, Expr::Ago { n, unit }))
}

/// After "last", "this" or "next" at `i` (`rel` = -1, 0, 1): "last week", "this year", "next
/// month", "last weekend" (not "next weekend"), "last Wednesday", "last May", "this spring".
fn relative_period(t: &Toks, i: usize, rel: i32) -> Option<(usize, Expr)> {
    let next = t.word(i + 1).map(str::to_ascii_lowercase);
    match next.as_deref() {
        Some("week") => return Some((i + 2, Expr::RelWeek(rel))),
        Some("weekend") if rel <= 0 => return Some((i + 2, Expr::Weekend(rel))),
        Some("month") => return Some((i + 2, Expr::RelMonth { rel, part: None })),
        Some("quarter") => return Some((i + 2, Expr::RelQuarter(rel))),
        Some("year") => return Some((i + 2, Expr::Year { y: YearSpec::Rel(rel), part: None })),
        _ => {}
    }
    if let Some(wd) = t.word(i + 1).and_then(weekday_of) {
        return Some((i + 2, Expr::Weekday { wd, rel }));
    }
    if let Some((end, Expr::Holiday { h, y: YearSpec::Unknown })) =
        t.word(i + 1).and_then(|w| holiday(t, i + 1, &w.to_ascii_lowercase()))
    {
        return Some((end, Expr::Holiday { h, y: YearSpec::NearestMonth(rel) }));
    }
    // A full month name: abbreviations count only before a day (see `Toks::month`).
    if let Some((m, false)) = t.month(i + 1) {
        return Some((i + 2, Expr::Month { m, y: YearSpec::NearestMonth(rel), part: None }));
    }
    // "last fall" is the season; a bare "fall" is usually the verb.
    let s = t.word(i + 1).and_then(|x| season_of(x, false))?;
    Some((i + 2, Expr::SeasonRel { s, rel }))
}

/// The period after a part prefix ("early", "mid-", "the end of", ...), at token `k`: "early May
/// [2016]", "late 2015", "the beginning of this year", "early last month", "the end of the same
/// year", "the end of the year".
fn part_of_period(t: &Toks, k: usize, part: Part) -> Option<(usize, Expr)> {
    if let Some((end, start)) = decade_at(t, k).or_else(|| t.is(k, "the").then(|| decade_at(t, k + 1)).flatten()) {
        return Some((end, Expr::Decade { start, part: Some(part) }));
    }
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
    None
}

/// "Spring 2016", "spring of 2016": a season word at `i` is a date only with its year.
fn season_and_year(t: &Toks, i: usize, s: u8) -> Option<(usize, Expr)> {
    let j = if t.is(i + 1, "of") { i + 2 } else { i + 1 };
    let y = t.year(j)?;
    Some((j + 1, Expr::Season { s, y: YearSpec::Explicit(y) }))
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

/// All date expressions of one sentence, in reading order, non-overlapping.
pub(super) fn scan_sentence(text: &str, sentence: u32) -> Vec<Found> {
    let t = Toks(tokenize(text));
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < t.0.len() {
        let Some((end, expr)) = match_at(&t, i).filter(|&(end, _)| end > i && end <= t.0.len()) else {
            i += 1;
            continue;
        };
        let (start, stop) = (t.0[i].start, t.0[end - 1].end);
        let tense = tense::around(text, t.0[i].start, t.0[end - 1].end);
        if !found.last_mut().is_some_and(|prev| lend_year(text, expr, (start, stop), prev)) {
            let text = text[start..stop].to_string();
            found.push(Found { sentence, start, end: stop, text, expr, tense, year_from: None });
        }
        i = end;
    }
    found
}

/// A season-and-year (or a bare year) right after a year-less day or range is that date's year,
/// not a date of its own: "from May 18 to 20 Spring 2016 Conference". Gives `prev` the year of
/// `expr`, found at `text[start..stop]`, and says whether it did.
fn lend_year(text: &str, expr: Expr, (start, stop): (usize, usize), prev: &mut Found) -> bool {
    let (Expr::Season { y: YearSpec::Explicit(year), .. } | Expr::Year { y: YearSpec::Explicit(year), part: None }) =
        expr
    else {
        return false;
    };
    if !text.get(prev.end..start).is_some_and(|gap| gap.trim().is_empty()) {
        return false;
    }
    match &mut prev.expr {
        Expr::Day { y, .. } | Expr::DayRange { y, .. } if *y == YearSpec::Unknown => {
            *y = YearSpec::Explicit(year);
            prev.year_from = Some(text[start..stop].to_string());
            true
        }
        _ => false,
    }
}

/// The expressions of a document's non-boilerplate sentences, in reading order.
pub(super) fn scan_document(doc: &Document) -> Vec<Found> {
    doc.sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.boilerplate)
        .flat_map(|(k, s)| scan_sentence(&s.text, k as u32))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::corpus::dates::extract;
    use crate::corpus::dates::fixtures::{day, doc, events, none};
    use crate::corpus::time::DateValue;

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
