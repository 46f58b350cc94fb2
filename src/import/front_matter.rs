//! Writing the pipeline's front matter (`---` / `key: value` lines / `---`) for an imported
//! article, and reading the many ways a date is written into the forms
//! [`parse_date`](crate::corpus::document::parse_date) accepts (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`).
use crate::corpus::document::parse_date;
use crate::corpus::Day;

/// What an import found besides the body. `date` is already normalised (see [`read_date`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
}

/// The article text: front matter with the fields that have a value, then the body. No front
/// matter when there is nothing to say, unless the body itself opens with a `---` line, which
/// the pipeline would otherwise take for the start of one.
pub fn compose(fields: &Fields, body: &str) -> String {
    let entries: Vec<(&str, String)> =
        [("title", &fields.title), ("date", &fields.date), ("source", &fields.source), ("url", &fields.url)]
            .into_iter()
            .filter_map(|(key, value)| value.as_deref().and_then(one_line).map(|v| (key, v)))
            .collect();
    let body = body.trim_matches('\n');
    let opens_with_rule = body.lines().next().is_some_and(|line| line.trim() == "---");
    if entries.is_empty() && !opens_with_rule {
        return body.to_string();
    }
    let mut text = String::from("---\n");
    for (key, value) in entries {
        text.push_str(key);
        text.push_str(": ");
        text.push_str(&value);
        text.push('\n');
    }
    text.push_str("---\n");
    text.push_str(body);
    text
}

/// A front-matter value on one line. The pipeline strips one pair of surrounding quotes, so a
/// value that starts and ends with a quote (`"Yes" she said "no"`) gets another pair to keep its
/// own.
fn one_line(value: &str) -> Option<String> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return None;
    }
    let quoted = ['"', '\''].iter().any(|&q| value.len() >= 2 && value.starts_with(q) && value.ends_with(q));
    Some(if quoted { format!("\"{value}\"") } else { value })
}

/// How a written date was understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateRead {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precise as the source was.
    Known(String),
    /// Day and month could be either way round ("03/04/2016"): only the year is certain.
    YearOnly(String),
    Unknown,
}

/// Reads ISO dates and timestamps ("2016-05-14T09:30:00+02:00" → the calendar day written, not
/// converted to another zone), "2016/05/14", "20160514", "May 14, 2016", "14th May 2016",
/// "Sat, 14 May 2016 10:00:00 GMT", "May 2016", and day/month/year with slashes when the order
/// is evident (one part above 12).
pub fn read_date(raw: &str) -> DateRead {
    let raw = raw.trim();
    let found = iso_like(raw).or_else(|| compact(raw)).or_else(|| with_month_name(raw));
    if let Some((year, month, day)) = found {
        return known(year, month, day).map_or(DateRead::Unknown, DateRead::Known);
    }
    numeric_day_month(raw)
}

/// Canonical text for a date, checked against what the pipeline accepts.
fn known(year: i32, month: Option<u8>, day: Option<u8>) -> Option<String> {
    let text = match (month, day) {
        (Some(m), Some(d)) => Day::new(year, m, d)?.iso(),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    };
    parse_date(&text).map(|_| text)
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` with `-`, `/` or `.`, anything after a non-digit ignored.
fn iso_like(raw: &str) -> Option<(i32, Option<u8>, Option<u8>)> {
    let bytes = raw.as_bytes();
    let year = digits_at(bytes, 0, 4, 4)?;
    let sep = bytes.get(4).copied();
    let rest_is_time = |at: usize| bytes.get(at).is_none_or(|b| !b.is_ascii_digit());
    match sep {
        None => Some((year as i32, None, None)),
        Some(sep @ (b'-' | b'/' | b'.')) => {
            let (month, after_month) = digits_span(bytes, 5, 2)?;
            if bytes.get(after_month) == Some(&sep) {
                let (day, after_day) = digits_span(bytes, after_month + 1, 2)?;
                rest_is_time(after_day).then_some((year as i32, Some(month as u8), Some(day as u8)))
            } else {
                rest_is_time(after_month).then_some((year as i32, Some(month as u8), None))
            }
        }
        _ => None,
    }
}

/// `YYYYMMDD`, as some feeds and spreadsheets write it.
fn compact(raw: &str) -> Option<(i32, Option<u8>, Option<u8>)> {
    if raw.len() != 8 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let part = |range: std::ops::Range<usize>| raw.get(range).and_then(|p| p.parse::<u32>().ok());
    Some((part(0..4)? as i32, Some(part(4..6)? as u8), Some(part(6..8)? as u8)))
}

/// Exactly `min..=max` ASCII digits at `at`, as a number.
fn digits_at(bytes: &[u8], at: usize, min: usize, max: usize) -> Option<u32> {
    let (value, end) = digits_span(bytes, at, max)?;
    (end - at >= min).then_some(value)
}

/// One to `max` ASCII digits at `at` (no more follow): the number and where it ends.
fn digits_span(bytes: &[u8], at: usize, max: usize) -> Option<(u32, usize)> {
    let len = bytes.get(at..)?.iter().take_while(|b| b.is_ascii_digit()).count();
    if len == 0 || len > max {
        return None;
    }
    let value = bytes[at..at + len].iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
    Some((value, at + len))
}

const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
];

/// A month name (or its abbreviation of three letters or more), a four-digit year and, when
/// present, the first one- or two-digit number as the day ("May 14, 2016 10:00", "14th May").
fn with_month_name(raw: &str) -> Option<(i32, Option<u8>, Option<u8>)> {
    let tokens: Vec<String> =
        raw.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_lowercase).collect();
    let month = tokens.iter().find_map(|t| month_number(t))?;
    let year = tokens.iter().find(|t| t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))?.parse::<i32>().ok()?;
    let day = tokens.iter().find_map(|t| day_number(t));
    Some((year, Some(month), day))
}

fn month_number(token: &str) -> Option<u8> {
    if token.len() < 3 || !token.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    MONTHS.iter().position(|m| m.starts_with(token)).map(|i| i as u8 + 1)
}

/// "14", "4", "14th", "1st".
fn day_number(token: &str) -> Option<u8> {
    let digits = token.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &token[digits.len()..];
    let ordinal = ["", "st", "nd", "rd", "th"].contains(&suffix);
    if !ordinal || digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `D/M/YYYY` or `M/D/YYYY` (also with `.` or `-`): the order is known only when a part is above
/// 12 or both are equal; otherwise the year alone is kept, since a wrong day is worse than none.
fn numeric_day_month(raw: &str) -> DateRead {
    let parts: Vec<&str> = raw.split(|c: char| !c.is_ascii_digit()).collect();
    let [a, b, year, ..] = parts.as_slice() else { return DateRead::Unknown };
    let separators_ok =
        raw.chars().take_while(|c| !c.is_whitespace() && *c != 'T').all(|c| c.is_ascii_digit() || "/.-".contains(c));
    let short = |p: &str| (1..=2).contains(&p.len());
    if !separators_ok || !short(a) || !short(b) || year.len() != 4 {
        return DateRead::Unknown;
    }
    let (Ok(a), Ok(b), Ok(year)) = (a.parse::<u8>(), b.parse::<u8>(), year.parse::<i32>()) else {
        return DateRead::Unknown;
    };
    let day_month = match (a, b) {
        _ if a == b => Some((a, b)),
        _ if a > 12 && b <= 12 => Some((a, b)),
        _ if b > 12 && a <= 12 => Some((b, a)),
        _ => None,
    };
    match day_month {
        Some((day, month)) => known(year, Some(month), Some(day)).map_or(DateRead::Unknown, DateRead::Known),
        None if (1..=12).contains(&a) && (1..=12).contains(&b) => {
            known(year, None, None).map_or(DateRead::Unknown, DateRead::YearOnly)
        }
        None => DateRead::Unknown,
    }
}

/// Dates of one file that could not be used as written, summarised for its report.
#[derive(Debug, Default)]
pub struct DateNotes {
    unknown: Vec<String>,
    ambiguous: Vec<String>,
}

impl DateNotes {
    /// The normalised date for a raw value, noting what could not be read.
    pub fn read(&mut self, raw: &str) -> Option<String> {
        match read_date(raw) {
            DateRead::Known(date) => Some(date),
            DateRead::YearOnly(year) => {
                self.ambiguous.push(raw.trim().to_string());
                Some(year)
            }
            DateRead::Unknown => {
                self.unknown.push(raw.trim().to_string());
                None
            }
        }
    }

    /// E.g. `date "next week" not understood; 2 dates such as "03/04/2016" could be day/month or
    /// month/day: kept the year only`.
    pub fn summary(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(first) = self.unknown.first() {
            notes.push(match self.unknown.len() {
                1 => format!("date \"{}\" not understood", clip(first)),
                n => format!("{n} dates not understood, such as \"{}\"", clip(first)),
            });
        }
        if let Some(first) = self.ambiguous.first() {
            let what = match self.ambiguous.len() {
                1 => format!("date \"{}\" could be", clip(first)),
                n => format!("{n} dates such as \"{}\" could be", clip(first)),
            };
            notes.push(format!("{what} day/month or month/day: kept the year only"));
        }
        notes
    }
}

/// A quoted value kept short in a report.
pub fn clip(value: &str) -> String {
    const MAX_CHARS: usize = 40;
    if value.chars().count() <= MAX_CHARS {
        return value.to_string();
    }
    let cut: String = value.chars().take(MAX_CHARS).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &str) -> Option<String> {
        match read_date(raw) {
            DateRead::Known(d) => Some(d),
            _ => None,
        }
    }

    #[test]
    fn iso_dates_and_timestamps_keep_the_written_day() {
        assert_eq!(read("2016-05-14").as_deref(), Some("2016-05-14"));
        assert_eq!(read("2016-05-14T23:30:00-07:00").as_deref(), Some("2016-05-14"));
        assert_eq!(read("2016-05-14 09:00").as_deref(), Some("2016-05-14"));
        assert_eq!(read("2016-5-4").as_deref(), Some("2016-05-04"));
        assert_eq!(read("2016/05/14").as_deref(), Some("2016-05-14"));
        assert_eq!(read("2016.05.14").as_deref(), Some("2016-05-14"));
        assert_eq!(read("2016-05").as_deref(), Some("2016-05"));
        assert_eq!(read("2016").as_deref(), Some("2016"));
        assert_eq!(read("20160514").as_deref(), Some("2016-05-14"));
    }

    #[test]
    fn impossible_or_odd_dates_are_unknown() {
        for raw in
            ["2016-13-45", "2016-02-30", "201605", "20161340", "yesterday", "", "2016-05-145", "0000-01-01", "12345"]
        {
            assert_eq!(read_date(raw), DateRead::Unknown, "{raw}");
        }
    }

    #[test]
    fn month_names_in_any_common_order() {
        assert_eq!(read("May 14, 2016").as_deref(), Some("2016-05-14"));
        assert_eq!(read("14 May 2016").as_deref(), Some("2016-05-14"));
        assert_eq!(read("14th Sept. 2016").as_deref(), Some("2016-09-14"));
        assert_eq!(read("Sat, 14 May 2016 10:00:00 GMT").as_deref(), Some("2016-05-14"));
        assert_eq!(read("Published: March 2016").as_deref(), Some("2016-03"));
        assert_eq!(read("14-Feb-2016").as_deref(), Some("2016-02-14"));
        assert_eq!(read("February 30, 2016"), None);
    }

    #[test]
    fn slashed_day_and_month_only_when_the_order_is_evident() {
        assert_eq!(read("14/05/2016").as_deref(), Some("2016-05-14"));
        assert_eq!(read("05/14/2016").as_deref(), Some("2016-05-14"));
        assert_eq!(read("05.05.2016").as_deref(), Some("2016-05-05"));
        assert_eq!(read_date("03/04/2016"), DateRead::YearOnly("2016".into()));
        assert_eq!(read_date("14/14/2016"), DateRead::Unknown);
        assert_eq!(read_date("14/05/16"), DateRead::Unknown);
    }

    #[test]
    fn notes_summarise_dates_not_used_as_written() {
        let mut notes = DateNotes::default();
        assert_eq!(notes.read("next week"), None);
        assert_eq!(notes.read("03/04/2016").as_deref(), Some("2016"));
        assert_eq!(notes.read("04/03/2016").as_deref(), Some("2016"));
        assert_eq!(
            notes.summary(),
            vec![
                "date \"next week\" not understood".to_string(),
                "2 dates such as \"03/04/2016\" could be day/month or month/day: kept the year only".to_string()
            ]
        );
    }

    #[test]
    fn compose_writes_only_present_fields_on_single_lines() {
        let fields = Fields {
            title: Some("Orvel opens\na plant".into()),
            date: Some("2016-05-14".into()),
            source: None,
            url: Some("  ".into()),
        };
        assert_eq!(compose(&fields, "Body.\n"), "---\ntitle: Orvel opens a plant\ndate: 2016-05-14\n---\nBody.");
        assert_eq!(compose(&Fields::default(), "Just text."), "Just text.");
        assert_eq!(compose(&Fields::default(), "---\nnot: front matter"), "---\n---\n---\nnot: front matter");
    }

    #[test]
    fn composed_front_matter_reaches_the_pipeline_intact() {
        use crate::corpus::{Corpus, Source};
        let fields = Fields {
            title: Some("\"Yes\" said Ana Costa, \"no\"".into()),
            date: Some("2016-05".into()),
            source: Some("Zentaro Daily: Evening".into()),
            url: Some("https://example.org/a?b=c:d".into()),
        };
        let text = compose(&fields, "Zentaro Corp opened a plant.");
        let corpus = Corpus::build(&[Source { id: "x", text: &text }], None);
        let doc = &corpus.documents[0];
        assert_eq!(doc.title, "\"Yes\" said Ana Costa, \"no\"");
        assert_eq!(doc.date.map(|d| d.start.iso()), Some("2016-05-01".to_string()));
        assert_eq!(doc.source.as_deref(), Some("Zentaro Daily: Evening"));
        assert_eq!(doc.url.as_deref(), Some("https://example.org/a?b=c:d"));
    }
}
