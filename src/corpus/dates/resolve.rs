//! Resolving an expression against a reference date: "13 last month" with the reference
//! 2016-05-14 is 2016-04-13, and the resolution says how.
use crate::corpus::time::{days_in_month, DateValue, Day, Precision, MONTH_NAMES};

use super::scan::{Expr, Found, Holiday, Part, Unit, YearSpec};
use super::tense::Tense;

/// What expressions are resolved against.
#[derive(Clone, Debug)]
pub(super) struct Reference {
    pub(super) value: Option<DateValue>,
    pub(super) inferred: bool,
}

impl Reference {
    /// No article date: only expressions with their year resolve.
    pub(super) fn none() -> Reference {
        Reference { value: None, inferred: false }
    }

    /// An article written on `day` (to read an expression at one day of an interval).
    pub(super) fn on(day: Day) -> Reference {
        Reference { value: Some(DateValue::day(day)), inferred: false }
    }

    pub(super) fn day(&self) -> Option<Day> {
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

pub(super) struct Resolved {
    pub(super) value: DateValue,
    pub(super) how: String,
    pub(super) used_reference: bool,
}

pub(super) fn range(start: Day, end: Day) -> Option<DateValue> {
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

/// A part of a month: still a month ("early May" has the value 2016-05), narrowed to its days.
fn part_of_month(year: i32, m: u8, part: Part) -> Option<DateValue> {
    let last = days_in_month(year, m);
    let (a, b) = match part {
        Part::Early => (1, 10),
        Part::Mid => (11, 20),
        Part::Late => (21, last),
    };
    DateValue::month(year, m)?.narrowed(Day::new(year, m, a)?, Day::new(year, m, b)?)
}

/// A part of a year: still a year ("early 2011" has the value 2011), narrowed to its months.
fn part_of_year(year: i32, part: Part) -> Option<DateValue> {
    let (a, b) = match part {
        Part::Early => (1, 4),
        Part::Mid => (5, 8),
        Part::Late => (9, 12),
    };
    DateValue::year(year)?.narrowed(Day::new(year, a, 1)?, Day::new(year, b, days_in_month(year, b))?)
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

/// The year of a written date without one, by the tense of its clause (HeidelTime's rule for
/// news, made tolerant): told in the past, it is the latest such date not after the reference,
/// unless that lies more than [`SCHEDULED_DAYS`] before the reference while this year's is at
/// most that far ahead (a deadline "extended to Nov. 20" in a 2 November article is this
/// November's); announced in the future, the first not before it; with no tense to go by, the
/// nearest one. `period` is the date in a given year.
fn year_by_tense(tense: Tense, period: impl Fn(i32) -> Option<DateValue>, cx: &Context) -> Option<(i32, String, bool)> {
    let r = cx.reference.value?;
    let year = cx.reference.year()?;
    let (prev, this, next) = (period(year - 1)?, period(year)?, period(year + 1)?);
    let ahead = this.start.ordinal() - r.end.ordinal();
    let (y, why) = match tense {
        Tense::Past if this.start > r.end && ahead > SCHEDULED_DAYS => {
            (year - 1, "the year before the reference, as it is told in the past tense")
        }
        Tense::Future if this.end < r.start => {
            (year + 1, "the year after the reference, as it is announced in the future tense")
        }
        Tense::Past | Tense::Future => (year, "the reference year"),
        Tense::Present | Tense::Unknown => {
            let distance = |v: DateValue| {
                (v.start.ordinal() - r.start.ordinal()).abs().min((v.end.ordinal() - r.end.ordinal()).abs())
            };
            let overlaps = this.start <= r.end && this.end >= r.start;
            if overlaps || distance(this) <= distance(prev) && distance(this) <= distance(next) {
                (year, "the reference year")
            } else if distance(prev) < distance(next) {
                (year - 1, "the year before the reference, the nearest such date")
            } else {
                (year + 1, "the year after the reference, the nearest such date")
            }
        }
    };
    Some((y, format!("no year written: {y}, {why}"), true))
}

/// How far after the article date a past-tense date may lie and still be this year's: dates
/// set in the past for a near future ("set a Jan. 14 return date", "extended to Nov. 20").
const SCHEDULED_DAYS: i64 = 62;

/// Context carried along one document while resolving in reading order.
pub(super) struct Context<'r> {
    pub(super) reference: &'r Reference,
    /// The year mentioned last, and whether it leaned on the reference.
    pub(super) last_year: Option<(i32, bool)>,
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
        YearSpec::NearestMonth(k) => nearest_month_year(k, m?, r),
        YearSpec::Unknown => {
            let y = r.year()?;
            Some((y, format!("no year written: {y}, the reference year"), true))
        }
    }
}

/// The year of "last May" (`k` = -1), "this May" (0) or "next May" (1). None when the reference
/// is a span whose two ends would give different years.
fn nearest_month_year(k: i32, m: u8, r: &Reference) -> Option<(i32, String, bool)> {
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

/// Resolves one expression in its document's context: the value, how it was reached (for the
/// reader), and whether it leaned on the reference date. None when the reference cannot fix it
/// (no reference, or one too coarse: "last week" needs a day) or the date does not exist.
pub(super) fn resolve(f: &Found, cx: &Context) -> Option<Resolved> {
    let r = cx.reference;
    match f.expr {
        // Calendar dates as written; only a missing year comes from the context.
        Expr::Day { m, d, y } => written_day(f, (m, d), y, cx),
        Expr::DayRange { m1, d1, m2, d2, y } => written_day_range(f, (m1, d1), (m2, d2), y, cx),
        Expr::Month { m, y, part } => written_month(f, m, y, part, cx),
        Expr::Season { s, y } => written_season(f, s, y, cx),
        Expr::Year { y, part } => written_year(f, y, part, cx),
        // Counted from the reference date.
        Expr::SeasonRel { s, rel } => relative_season(s, rel, r),
        Expr::RelDay(k) => relative_day(k, r),
        Expr::RelWeek(k) => relative_week(k, r),
        Expr::Weekend(k) => weekend(k, r),
        Expr::Weekday { wd, rel } => weekday(wd, rel, f.future(), r),
        Expr::RelMonth { rel, part } => relative_month(rel, part, r),
        Expr::EarlierLater { unit, dir } => earlier_or_later(unit, dir, r),
        Expr::DayOfRelMonth { d, rel } => day_of_relative_month(d, rel, r),
        Expr::Ago { n, unit } => ago(n, unit, r),
        Expr::Quarter { q, y } => quarter_or_half(f, y, cx, q, DateValue::quarter, "quarter"),
        Expr::Half { h, y } => quarter_or_half(f, y, cx, h, DateValue::half, "half"),
        Expr::RelQuarter(rel) => relative_quarter(rel, r),
        Expr::Decade { start, part } => decade(start, part, "as written"),
        Expr::DecadeWord(digit) => decade_word(digit, r),
        Expr::Holiday { h, y } => holiday(f, h, y, cx),
    }
}

fn resolved(value: DateValue, how: String, used_reference: bool) -> Option<Resolved> {
    Some(Resolved { value, how, used_reference })
}

/// Where the year of a written date came from, for `Resolved::how`: the season-and-year right
/// after it when it was taken from there, else what `resolve_year` said ("as written" for a year
/// that is).
fn year_note(how: String, f: &Found) -> String {
    match &f.year_from {
        Some(q) => format!("year from '{q}' right after it"),
        None if how.is_empty() => "as written".to_string(),
        None => how,
    }
}

/// "May 14", "14 May 2016", "April 13th this year".
fn written_day(f: &Found, (m, d): (u8, u8), y: YearSpec, cx: &Context) -> Option<Resolved> {
    let (year, how, used) = match y {
        YearSpec::Unknown => year_by_tense(f.tense, |y| Day::new(y, m, d).map(DateValue::day), cx)?,
        _ => resolve_year(y, Some(m), cx)?,
    };
    let how = year_note(how, f);
    let day = Day::new(year, m, d)?;
    resolved(DateValue::day(day), format!("{d} {} {year}: {how}", month_name(m)), used)
}

/// "from May 18 to 20", "May 18 to June 2"; a range that runs backwards ends the next year
/// ("December 28 to January 3").
fn written_day_range(f: &Found, (m1, d1): (u8, u8), (m2, d2): (u8, u8), y: YearSpec, cx: &Context) -> Option<Resolved> {
    let (year, how, used) = match y {
        YearSpec::Unknown => year_by_tense(f.tense, |y| Day::new(y, m1, d1).map(DateValue::day), cx)?,
        _ => resolve_year(y, Some(m1), cx)?,
    };
    let a = Day::new(year, m1, d1)?;
    let mut b = Day::new(year, m2, d2)?;
    if b < a {
        b = Day::new(year.checked_add(1)?, m2, d2)?;
    }
    let v = range(a, b)?;
    resolved(v, format!("{} to {}: {}", a.iso(), b.iso(), year_note(how, f)), used)
}

/// "May 2016", "last May", "early May".
fn written_month(f: &Found, m: u8, y: YearSpec, part: Option<Part>, cx: &Context) -> Option<Resolved> {
    let (year, how, used) = match y {
        YearSpec::Unknown => year_by_tense(f.tense, |y| DateValue::month(y, m), cx)?,
        _ => resolve_year(y, Some(m), cx)?,
    };
    let how = year_note(how, f);
    match part {
        None => resolved(DateValue::month(year, m)?, format!("{} {year}: {how}", month_name(m)), used),
        Some(p) => {
            resolved(part_of_month(year, m, p)?, format!("{} of {} {year}: {how}", part_name(p), month_name(m)), used)
        }
    }
}

/// "Spring 2016".
fn written_season(f: &Found, s: u8, y: YearSpec, cx: &Context) -> Option<Resolved> {
    let (year, how, used) = resolve_year(y, None, cx)?;
    let v = season(year, s)?;
    resolved(v, format!("season {} to {}: {}", v.start.iso(), v.end.iso(), year_note(how, f)), used)
}

/// "in 2015", "last year", "late 2015", "the end of the year".
fn written_year(f: &Found, y: YearSpec, part: Option<Part>, cx: &Context) -> Option<Resolved> {
    let (year, how, used) = resolve_year(y, None, cx)?;
    let how = year_note(how, f);
    match part {
        None => resolved(DateValue::year(year)?, format!("year {year}: {how}"), used),
        Some(p) => resolved(part_of_year(year, p)?, format!("{} of {year}: {how}", part_name(p)), used),
    }
}

/// "this spring", "last summer", "next winter": "last" is the year before when this year's
/// season has not ended by the reference, "next" the year after when it has begun (as
/// `nearest_month_year` does for months).
fn relative_season(s: u8, rel: i32, r: &Reference) -> Option<Resolved> {
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
    resolved(sv, format!("season {} to {}, relative to the reference", sv.start.iso(), sv.end.iso()), true)
}

/// "today", "yesterday", "the day before yesterday", "tomorrow".
fn relative_day(k: i32, r: &Reference) -> Option<Resolved> {
    let d = r.day()?.add_days(i64::from(k));
    let how = match k {
        0 => "the reference day".to_string(),
        -1 => "the day before the reference".to_string(),
        -2 => "two days before the reference".to_string(),
        1 => "the day after the reference".to_string(),
        _ => format!("{k} days from the reference"),
    };
    resolved(DateValue::day(d), how, true)
}

/// "last week", "this week", "next week": Monday to Sunday.
fn relative_week(k: i32, r: &Reference) -> Option<Resolved> {
    let d = r.day()?.add_days(7 * i64::from(k));
    let v = DateValue::week_of(d);
    let which = ["previous", "same", "next"].get((k + 1) as usize).copied().unwrap_or("");
    resolved(v, format!("Monday to Sunday of the {which} week"), true)
}

/// "last weekend" (`k` < 0), "this weekend".
fn weekend(k: i32, r: &Reference) -> Option<Resolved> {
    let d = r.day()?;
    let sunday = if k < 0 {
        // The most recent Sunday strictly before the reference.
        d.add_days(-(i64::from(d.weekday()) + 1))
    } else {
        d.add_days(6 - i64::from(d.weekday()))
    };
    let v = range(sunday.add_days(-1), sunday)?;
    let which = if k < 0 { "the last Saturday and Sunday before" } else { "the weekend of" };
    resolved(v, format!("{which} the reference"), true)
}

/// "last Wednesday", "next Wednesday", and a bare "on Wednesday", whose direction is the tense.
fn weekday(wd: u8, rel: i32, future: bool, r: &Reference) -> Option<Resolved> {
    let d = r.day()?;
    let (day, how) = match rel {
        -1 => (weekday_back(d, wd, true), "the last such weekday strictly before the reference"),
        1 => (weekday_forward(d, wd, true), "the first such weekday after the reference"),
        _ if future => (weekday_forward(d, wd, false), "the next such weekday (future tense)"),
        _ => (weekday_back(d, wd, false), "the most recent such weekday (past tense)"),
    };
    resolved(DateValue::day(day), how.to_string(), true)
}

/// The latest weekday `wd` on or before `d` (strictly before when `strict`).
fn weekday_back(d: Day, wd: u8, strict: bool) -> Day {
    let mut k = (i64::from(d.weekday()) - i64::from(wd)).rem_euclid(7);
    if k == 0 && strict {
        k = 7;
    }
    d.add_days(-k)
}

/// The first weekday `wd` on or after `d` (strictly after when `strict`).
fn weekday_forward(d: Day, wd: u8, strict: bool) -> Day {
    let mut k = (i64::from(wd) - i64::from(d.weekday())).rem_euclid(7);
    if k == 0 && strict {
        k = 7;
    }
    d.add_days(k)
}

/// "the month before", "the month of", "the month after" for `rel` = -1, 0, 1.
fn which_month(rel: i32) -> &'static str {
    ["the month before", "the month of", "the month after"].get((rel + 1) as usize).copied().unwrap_or("")
}

/// "last month", "next month", "early last month".
fn relative_month(rel: i32, part: Option<Part>, r: &Reference) -> Option<Resolved> {
    let (ry, rm) = r.month()?;
    let (y, m) = shift_month(ry, rm, i64::from(rel))?;
    let which = which_month(rel);
    match part {
        None => resolved(DateValue::month(y, m)?, format!("{which} the reference"), true),
        Some(p) => resolved(part_of_month(y, m, p)?, format!("{} of {which} the reference", part_name(p)), true),
    }
}

/// "earlier this month/year/week" (`dir` < 0): from its start to the day before the reference;
/// "later this ..." : from the day after the reference to its end.
fn earlier_or_later(unit: Unit, dir: i32, r: &Reference) -> Option<Resolved> {
    // The period keeps its precision ("earlier this year" has the value of the year), narrowed
    // to the part before or after the reference when there is one.
    let d = r.day()?;
    let whole = match unit {
        Unit::Month => DateValue::month(d.year, d.month)?,
        Unit::Year => DateValue::year(d.year)?,
        _ => DateValue::week_of(d),
    };
    let part =
        if dir < 0 { whole.narrowed(whole.start, d.add_days(-1)) } else { whole.narrowed(d.add_days(1), whole.end) };
    let how = if dir < 0 { "from its start to the day before the reference" } else { "after the reference" };
    resolved(part.unwrap_or(whole), how.to_string(), true)
}

/// "the third quarter [of 2015]", "the first half of next year"; without a year, the one the
/// tense points to (a quarter not begun by the reference is last year's when told in the past).
fn quarter_or_half(
    f: &Found,
    y: YearSpec,
    cx: &Context,
    n: u8,
    period: fn(i32, u8) -> Option<DateValue>,
    what: &str,
) -> Option<Resolved> {
    // A quarter is reported after it ends ("expects third-quarter profit to fall" in October is
    // this year's third quarter): the future tense says nothing about its year.
    let tense = if f.tense == Tense::Future { Tense::Unknown } else { f.tense };
    let (year, how, used) = match y {
        YearSpec::Unknown => year_by_tense(tense, |y| period(y, n), cx)?,
        _ => resolve_year(y, None, cx)?,
    };
    let v = period(year, n)?;
    resolved(v, format!("{what} {n} of {year}: {}", year_note(how, f)), used)
}

/// "this quarter", "last quarter", "next quarter": counted from the reference's quarter.
fn relative_quarter(rel: i32, r: &Reference) -> Option<Resolved> {
    let v = r.value?;
    let quarter_of = |d: Day| i64::from(d.year) * 4 + i64::from((d.month - 1) / 3);
    if quarter_of(v.start) != quarter_of(v.end) {
        return None;
    }
    let q = quarter_of(v.start) + i64::from(rel);
    let (year, n) = (i32::try_from(q.div_euclid(4)).ok()?, (q.rem_euclid(4) + 1) as u8);
    let which =
        ["the quarter before", "the quarter of", "the quarter after"].get((rel + 1) as usize).copied().unwrap_or("");
    resolved(DateValue::quarter(year, n)?, format!("{which} the reference"), true)
}

/// "the 1990s", "the early 1980s": a decade, narrowed to its part.
fn decade(start: i32, part: Option<Part>, how: &str) -> Option<Resolved> {
    let whole = DateValue::decade(start)?;
    let value = match part {
        None => whole,
        Some(p) => {
            let (a, b) = match p {
                Part::Early => (0, 3),
                Part::Mid => (3, 6),
                Part::Late => (6, 9),
            };
            whole.narrowed(Day::new(start + a, 1, 1)?, Day::new(start + b, 12, 31)?)?
        }
    };
    resolved(value, format!("the {start}s: {how}"), false)
}

/// "the nineties": the latest such decade that began by the reference year.
fn decade_word(digit: u8, r: &Reference) -> Option<Resolved> {
    let year = r.year()?;
    let mut start = year.div_euclid(100) * 100 + i32::from(digit) * 10;
    if start > year {
        start -= 100;
    }
    let mut out = decade(start, None, "the latest such decade by the reference year")?;
    out.used_reference = true;
    Some(out)
}

/// "Christmas", "Thanksgiving 2015", "last Christmas": the holiday's day in the year written,
/// else in the year the tense points to.
fn holiday(f: &Found, h: Holiday, y: YearSpec, cx: &Context) -> Option<Resolved> {
    let (year, how, used) = match y {
        YearSpec::Unknown => year_by_tense(f.tense, |y| h.day(y).map(DateValue::day), cx)?,
        _ => resolve_year(y, Some(h.month()), cx)?,
    };
    let day = h.day(year)?;
    resolved(DateValue::day(day), format!("{} {year}: {}", day.iso(), year_note(how, f)), used)
}

/// "13 last month", "the 13th of next month".
fn day_of_relative_month(d: u8, rel: i32, r: &Reference) -> Option<Resolved> {
    let (ry, rm) = r.month()?;
    let (y, m) = shift_month(ry, rm, i64::from(rel))?;
    let day = Day::new(y, m, d)?;
    let which = which_month(rel);
    resolved(DateValue::day(day), format!("{d}{} of {which} the reference", ordinal_suffix(d)), true)
}

/// "3 days ago", "two weeks ago" (that whole week), "a month ago" (that month), "a year ago".
fn ago(n: u32, unit: Unit, r: &Reference) -> Option<Resolved> {
    let n = i64::from(n);
    let how = format!("{n} {:?}(s) before the reference", unit).to_lowercase();
    match unit {
        Unit::Day => resolved(DateValue::day(r.day()?.add_days(-n)), how, true),
        Unit::Week => resolved(
            DateValue::week_of(r.day()?.add_days(-7 * n)),
            format!("the week {n} week(s) before the reference"),
            true,
        ),
        Unit::Month => {
            let (ry, rm) = r.month()?;
            let (y, m) = shift_month(ry, rm, -n)?;
            resolved(DateValue::month(y, m)?, how, true)
        }
        Unit::Year => resolved(DateValue::year(r.year()?.checked_sub(i32::try_from(n).ok()?)?)?, how, true),
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::dates::fixtures::{day, events, none, one, span};
    use crate::corpus::time::{DateValue, Precision};

    #[test]
    fn explicit_days() {
        let d14 = DateValue::day(day(2016, 5, 14));
        assert_eq!(one("May 14th IFTC announced that"), ("May 14th".into(), d14));
        assert_eq!(one("On May 14 it said"), ("May 14".into(), d14));
        assert_eq!(one("It happened on 14 May."), ("14 May".into(), d14));
        assert_eq!(one("It said on May 14, 2016 that"), ("May 14, 2016".into(), d14));
        assert_eq!(one("It was filed on 2016-05-14."), ("2016-05-14".into(), d14));
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
            one("It runs from May 18 to June 2."),
            ("from May 18 to June 2".into(), span(day(2016, 5, 18), day(2016, 6, 2), Precision::Range))
        );
        // Told in the past tense, a span well after the reference is last year's; one just after
        // it was set in the past for a near future ("extended to May 18").
        assert_eq!(
            one("It ran from September 18 to October 2."),
            ("from September 18 to October 2".into(), span(day(2015, 9, 18), day(2015, 10, 2), Precision::Range))
        );
        assert_eq!(one("Sales rose this quarter."), ("this quarter".into(), DateValue::quarter(2016, 2).unwrap()));
        assert_eq!(one("Sales rose last quarter."), ("last quarter".into(), DateValue::quarter(2016, 1).unwrap()));
        assert_eq!(
            one("It expects third-quarter profit to fall."),
            ("third-quarter".into(), DateValue::quarter(2016, 3).unwrap())
        );
        // A game's quarter or half is no date; a year's, in a sentence about money, is.
        none("The Colts scored 17 unanswered points in the fourth quarter.");
        none("He did not play in the second half.");
        assert_eq!(
            one("Net income fell 22% in the second half."),
            ("the second half".into(), span(day(2016, 7, 1), day(2016, 12, 31), Precision::Half))
        );
        assert_eq!(
            one("The team scored in the second half of 2015."),
            ("the second half of 2015".into(), span(day(2015, 7, 1), day(2015, 12, 31), Precision::Half))
        );
        assert_eq!(one("The offer was extended to May 18."), ("May 18".into(), DateValue::day(day(2016, 5, 18))));
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
            ("the end of April".into(), span(day(2016, 4, 21), day(2016, 4, 30), Precision::Month))
        );
        assert_eq!(
            one("They met in early May."),
            ("early May".into(), span(day(2016, 5, 1), day(2016, 5, 10), Precision::Month))
        );
        assert_eq!(
            one("They met in mid-May."),
            ("mid-May".into(), span(day(2016, 5, 11), day(2016, 5, 20), Precision::Month))
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
            ("last week".into(), span(day(2016, 5, 2), day(2016, 5, 8), Precision::Week))
        );
        assert_eq!(
            one("this week, IFTC suspended"),
            ("this week".into(), span(day(2016, 5, 9), day(2016, 5, 15), Precision::Week))
        );
        assert_eq!(
            one("Last weekend, Vanto's name was removed"),
            ("Last weekend".into(), span(day(2016, 5, 7), day(2016, 5, 8), Precision::Range))
        );
        assert_eq!(
            one("It happened two weeks ago."),
            ("two weeks ago".into(), span(day(2016, 4, 25), day(2016, 5, 1), Precision::Week))
        );
        assert_eq!(
            one("It happened earlier this month."),
            ("earlier this month".into(), span(day(2016, 5, 1), day(2016, 5, 13), Precision::Month))
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
            ("the beginning of this year".into(), span(day(2016, 1, 1), day(2016, 4, 30), Precision::Year))
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
    fn decades_and_holidays() {
        let (text, v) = one("It grew in the 1990s.");
        assert_eq!((text.as_str(), v.timex(), v.precision), ("the 1990s", "199".to_string(), Precision::Decade));
        assert_eq!(one("In the nineties it was small.").1.timex(), "199");
        assert_eq!(one("They met at Christmas.").1, DateValue::day(day(2015, 12, 25)), "past tense: last year's");
        assert_eq!(one("Sales rose over Thanksgiving 2015.").1, DateValue::day(day(2015, 11, 26)));
        assert_eq!(one("Voters will choose on Election Day.").1, DateValue::day(day(2016, 11, 8)));
        assert_eq!(one("He saw her last Christmas.").1, DateValue::day(day(2015, 12, 25)));
        none("In their forties they left.");
        none("The election day was calm.");
    }

    #[test]
    fn end_of_the_year_is_the_reference_year() {
        assert_eq!(
            one("by the end of the year"),
            ("the end of the year".into(), span(day(2016, 9, 1), day(2016, 12, 31), Precision::Year))
        );
        assert_eq!(one("from March to May"), ("March".into(), DateValue::month(2016, 3).unwrap()));
    }
}
