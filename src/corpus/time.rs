//! Calendar values shared by the date scanner, the query filter, the export and the timeline.
//! Proleptic Gregorian; no time zones (news dates are calendar days). The arithmetic (day
//! numbers, weekdays, ISO weeks, month lengths) is the `time` crate's: measured at about 1 KB
//! brotli in the page (jiff's `Span` would cost ~36 KB; see BENCHMARKS.md).

use serde::Serialize;
use time::{Date, Month};

/// The Julian day number of 1970-01-01, the origin of [`Day::ordinal`].
const UNIX_EPOCH_JULIAN_DAY: i32 = 2_440_588;

/// A calendar day. Ordering is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// A valid day, or `None` (month 13, February 30th, ...). Years are kept to 1..=9999.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Day> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Day { year, month, day })
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` (first day) or `YYYY` (January 1st).
    pub fn parse_iso(text: &str) -> Option<Day> {
        let mut parts = text.trim().split('-');
        let year = parts.next()?.parse::<i32>().ok()?;
        let month = match parts.next() {
            Some(m) => m.parse::<u8>().ok()?,
            None => 1,
        };
        let day = match parts.next() {
            Some(d) => d.parse::<u8>().ok()?,
            None => 1,
        };
        if parts.next().is_some() {
            return None;
        }
        Day::new(year, month, day)
    }

    /// The same day as a `time::Date`, which does the calendar arithmetic. `None` only for a
    /// `Day` built by hand with impossible fields (`Day::new` and `pack::decode` refuse them).
    fn date(self) -> Option<Date> {
        Date::from_calendar_date(self.year, Month::try_from(self.month).ok()?, self.day).ok()
    }

    fn from_date(d: Date) -> Day {
        Day { year: d.year(), month: u8::from(d.month()), day: d.day() }
    }

    /// Days since 1970-01-01 (negative before). Used for timeline geometry and arithmetic.
    pub fn ordinal(self) -> i64 {
        self.date().map_or(0, |d| i64::from(d.to_julian_day() - UNIX_EPOCH_JULIAN_DAY))
    }

    /// Inverse of [`Day::ordinal`]; clamps to the supported years (1..=9999) instead of failing.
    pub fn from_ordinal(days: i64) -> Day {
        let (first, last) = (Day { year: 1, month: 1, day: 1 }, Day { year: 9999, month: 12, day: 31 });
        let julian = days.clamp(first.ordinal(), last.ordinal()) + i64::from(UNIX_EPOCH_JULIAN_DAY);
        i32::try_from(julian).ok().and_then(|j| Date::from_julian_day(j).ok()).map_or(first, Day::from_date)
    }

    pub fn add_days(self, days: i64) -> Day {
        Day::from_ordinal(self.ordinal().saturating_add(days))
    }

    /// 0 = Monday ... 6 = Sunday.
    pub fn weekday(self) -> u8 {
        self.date().map_or(0, |d| d.weekday().number_days_from_monday())
    }

    /// ISO 8601 week-numbering year and week (weeks start on Monday; week 1 holds a Thursday).
    pub fn iso_week(self) -> (i32, u8) {
        self.date().map_or((self.year, 1), |d| {
            let (year, week, _) = d.to_iso_week_date();
            (year, week)
        })
    }

    pub fn last_of_month(year: i32, month: u8) -> Day {
        Day { year, month, day: days_in_month(year, month) }
    }
}

pub fn is_leap(year: i32) -> bool {
    time::util::is_leap_year(year)
}

/// Days in a month of a year; 0 for a month that does not exist.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    Month::try_from(month).map_or(0, |m| m.length(year))
}

/// How precisely a date is known. Drawn honestly by the timeline: a day is a point, the rest spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Month,
    Season,
    Year,
    Range,
    /// Monday to Sunday ("last week").
    Week,
    /// A calendar quarter ("the third quarter").
    Quarter,
    /// A half year ("the first half of 1990").
    Half,
    /// Ten years from a year ending in 0 ("the 1990s").
    Decade,
}

impl Precision {
    pub fn label(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Year => "year",
            Precision::Range => "range",
            Precision::Week => "week",
            Precision::Quarter => "quarter",
            Precision::Half => "half",
            Precision::Decade => "decade",
        }
    }
}

/// A resolved date: an inclusive span of days plus the precision it was stated with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DateValue {
    pub start: Day,
    pub end: Day,
    pub precision: Precision,
}

impl DateValue {
    pub fn day(day: Day) -> DateValue {
        DateValue { start: day, end: day, precision: Precision::Day }
    }

    pub fn month(year: i32, month: u8) -> Option<DateValue> {
        let start = Day::new(year, month, 1)?;
        Some(DateValue { start, end: Day::last_of_month(year, month), precision: Precision::Month })
    }

    pub fn year(year: i32) -> Option<DateValue> {
        Some(DateValue { start: Day::new(year, 1, 1)?, end: Day::new(year, 12, 31)?, precision: Precision::Year })
    }

    /// A quarter (1–4) of a year.
    pub fn quarter(year: i32, q: u8) -> Option<DateValue> {
        let first = q.checked_sub(1)?.checked_mul(3)? + 1;
        let start = Day::new(year, first, 1)?;
        Some(DateValue { start, end: Day::last_of_month(year, first + 2), precision: Precision::Quarter })
    }

    /// A half (1–2) of a year.
    pub fn half(year: i32, h: u8) -> Option<DateValue> {
        let first = h.checked_sub(1)?.checked_mul(6)? + 1;
        let start = Day::new(year, first, 1)?;
        Some(DateValue { start, end: Day::last_of_month(year, first + 5), precision: Precision::Half })
    }

    /// The ten years from `start` (a year ending in 0).
    pub fn decade(start: i32) -> Option<DateValue> {
        let first = Day::new(start, 1, 1)?;
        Some(DateValue { start: first, end: Day::new(start.checked_add(9)?, 12, 31)?, precision: Precision::Decade })
    }

    /// The Monday-to-Sunday week around a day.
    pub fn week_of(day: Day) -> DateValue {
        let monday = day.add_days(-i64::from(day.weekday()));
        DateValue { start: monday, end: monday.add_days(6), precision: Precision::Week }
    }

    /// The same precision, narrowed to a part of the period ("early 2011" is still a year, known
    /// to lie in its first months): `None` when the part is not inside the period.
    pub fn narrowed(self, start: Day, end: Day) -> Option<DateValue> {
        (self.start <= start && start <= end && end <= self.end).then_some(DateValue { start, end, ..self })
    }

    /// ISO form for export and URLs: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a range, season, week,
    /// quarter or half starts at its first day (`YYYY-MM-DD`).
    pub fn iso(&self) -> String {
        match self.precision {
            Precision::Month => format!("{:04}-{:02}", self.start.year, self.start.month),
            Precision::Year => format!("{:04}", self.start.year),
            _ => self.start.iso(),
        }
    }

    /// The TimeML (TIMEX3) value, the form temporal taggers are compared in: `2016-05-14`,
    /// `2016-05`, `2016`, `2016-SU`, `2016-W19`, `2016-Q3`, `2016-H1`; a range gives its first day.
    pub fn timex(&self) -> String {
        let y = self.start.year;
        match self.precision {
            Precision::Season => {
                let code = match self.start.month {
                    3..=5 => "SP",
                    6..=8 => "SU",
                    9..=11 => "FA",
                    _ => "WI",
                };
                format!("{y:04}-{code}")
            }
            Precision::Week => {
                let (wy, w) = self.start.iso_week();
                format!("{wy:04}-W{w:02}")
            }
            Precision::Quarter => format!("{y:04}-Q{}", (self.start.month - 1) / 3 + 1),
            Precision::Half => format!("{y:04}-H{}", (self.start.month - 1) / 6 + 1),
            Precision::Decade => format!("{:03}", y.div_euclid(10)),
            _ => self.iso(),
        }
    }

    /// "early", "mid" or "late" when the span is a part of its period, for labels.
    fn part_word(&self, period_start: Day, period_end: Day) -> &'static str {
        if self.start == period_start && self.end == period_end {
            return "";
        }
        let length = period_end.ordinal() - period_start.ordinal() + 1;
        let middle = (self.start.ordinal() + self.end.ordinal()) / 2 - period_start.ordinal();
        match middle * 3 / length.max(1) {
            0 => "early ",
            1 => "mid ",
            _ => "late ",
        }
    }

    /// A reader-facing label: "14 May 2016", "May 2016", "early May 2016", "spring 2016", "2016",
    /// "late 2011", "18–20 May 2016".
    pub fn label(&self) -> String {
        let s = self.start;
        let month = |m: u8| MONTH_NAMES.get(usize::from(m).wrapping_sub(1)).copied().unwrap_or("?");
        match self.precision {
            Precision::Day => format!("{} {} {}", s.day, month(s.month), s.year),
            Precision::Month => {
                let first = Day::new(s.year, s.month, 1).unwrap_or(s);
                let part = self.part_word(first, Day::last_of_month(s.year, s.month));
                format!("{part}{} {}", month(s.month), s.year)
            }
            Precision::Year => {
                let (first, last) = (Day::new(s.year, 1, 1).unwrap_or(s), Day::new(s.year, 12, 31).unwrap_or(s));
                format!("{}{}", self.part_word(first, last), s.year)
            }
            Precision::Season => format!("{} {}", season_name(s.month), s.year),
            Precision::Week => format!("week of {} {} {}", s.day, month(s.month), s.year),
            Precision::Quarter => format!("Q{} {}", (s.month - 1) / 3 + 1, s.year),
            Precision::Half => format!("H{} {}", (s.month - 1) / 6 + 1, s.year),
            Precision::Decade => {
                let decade = s.year - s.year.rem_euclid(10);
                let (first, last) = (Day::new(decade, 1, 1).unwrap_or(s), Day::new(decade + 9, 12, 31).unwrap_or(s));
                format!("{}{decade}s", self.part_word(first, last))
            }
            Precision::Range => {
                let e = self.end;
                if s.year == e.year && s.month == e.month {
                    format!("{}–{} {} {}", s.day, e.day, month(s.month), s.year)
                } else {
                    format!("{} {} {} – {} {} {}", s.day, month(s.month), s.year, e.day, month(e.month), e.year)
                }
            }
        }
    }

    /// Days from its first day to its last (0 for a single day).
    pub fn width(&self) -> i64 {
        self.end.ordinal() - self.start.ordinal()
    }

    /// True when the two inclusive spans share at least one day.
    pub fn overlaps(&self, from: Day, to: Day) -> bool {
        self.start <= to && self.end >= from
    }
}

pub const MONTH_NAMES: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

fn season_name(start_month: u8) -> &'static str {
    match start_month {
        3..=5 => "spring",
        6..=8 => "summer",
        9..=11 => "autumn",
        _ => "winter",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinal_round_trips_and_knows_weekdays() {
        let d = Day::new(2016, 5, 14).unwrap();
        assert_eq!(Day::from_ordinal(d.ordinal()), d);
        assert_eq!(Day::new(1970, 1, 1).unwrap().ordinal(), 0);
        assert_eq!(d.weekday(), 5, "2016-05-14 was a Saturday");
        assert_eq!(Day::new(2016, 2, 28).unwrap().add_days(1), Day::new(2016, 2, 29).unwrap());
    }

    #[test]
    fn invalid_days_are_refused() {
        assert_eq!(Day::new(2015, 2, 29), None);
        assert_eq!(Day::new(2016, 13, 1), None);
        assert_eq!(Day::parse_iso("2016-05-xx"), None);
        assert_eq!(Day::parse_iso("2016-05"), Day::new(2016, 5, 1));
    }

    #[test]
    fn iso_follows_precision() {
        assert_eq!(DateValue::month(2016, 4).unwrap().iso(), "2016-04");
        assert_eq!(DateValue::year(1991).unwrap().iso(), "1991");
        assert_eq!(DateValue::day(Day::new(2016, 5, 14).unwrap()).label(), "14 May 2016");
    }

    #[test]
    fn timex_values_keep_the_precision() {
        let d = |y, m, dd| Day::new(y, m, dd).unwrap();
        assert_eq!(DateValue::week_of(d(2016, 5, 14)).timex(), "2016-W19");
        assert_eq!(DateValue::week_of(d(2016, 1, 1)).timex(), "2015-W53");
        assert_eq!(DateValue::quarter(1989, 3).unwrap().timex(), "1989-Q3");
        assert_eq!(DateValue::half(1990, 1).unwrap().timex(), "1990-H1");
        let summer = DateValue { start: d(2016, 6, 1), end: d(2016, 8, 31), precision: Precision::Season };
        assert_eq!(summer.timex(), "2016-SU");
        // "early 2011" is a year that lies in its first months: value 2011, labelled as such.
        let early = DateValue::year(2011).unwrap().narrowed(d(2011, 1, 1), d(2011, 4, 30)).unwrap();
        assert_eq!((early.timex().as_str(), early.label().as_str()), ("2011", "early 2011"));
        let late_may = DateValue::month(2016, 5).unwrap().narrowed(d(2016, 5, 21), d(2016, 5, 31)).unwrap();
        assert_eq!((late_may.timex().as_str(), late_may.label().as_str()), ("2016-05", "late May 2016"));
        assert!(DateValue::month(2016, 5).unwrap().narrowed(d(2016, 6, 1), d(2016, 6, 2)).is_none());
    }
}
