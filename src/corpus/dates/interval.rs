//! Sets of days an article may have been written on: a sorted list of disjoint, inclusive
//! spans of day numbers ([`Day::ordinal`]). Evidence only ever narrows a set (intersection), so
//! the reasoning over a collection terminates and never invents a day the evidence excludes.
//!
//! Why a union of spans and not one interval: "in April this year", told in the past, says the
//! article was written in April–December of *its* year, whatever that year is, which is one span
//! per year until other evidence fixes the year. The universe is bounded ([`FIRST_YEAR`] ..=
//! [`LAST_YEAR`]) so such a set stays a finite list; a side that still touches the universe's
//! edge is reported as open ("before 11 May 2016").
use crate::corpus::time::Day;

/// The years an undated article is assumed to lie in (news in digital form).
pub const FIRST_YEAR: i32 = 1800;
pub const LAST_YEAR: i32 = 2199;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DaySet {
    spans: Vec<(i64, i64)>,
}

fn first_ordinal() -> i64 {
    Day { year: FIRST_YEAR, month: 1, day: 1 }.ordinal()
}

fn last_ordinal() -> i64 {
    Day { year: LAST_YEAR, month: 12, day: 31 }.ordinal()
}

impl DaySet {
    /// Every day of the universe: nothing known yet.
    pub fn all() -> DaySet {
        DaySet { spans: vec![(first_ordinal(), last_ordinal())] }
    }

    /// No day: the evidence contradicts itself.
    pub fn none() -> DaySet {
        DaySet { spans: Vec::new() }
    }

    /// The days from `a` to `b` (day numbers, inclusive), clipped to the universe.
    pub fn between(a: i64, b: i64) -> DaySet {
        let (a, b) = (a.max(first_ordinal()), b.min(last_ordinal()));
        DaySet { spans: if a <= b { vec![(a, b)] } else { Vec::new() } }
    }

    pub fn on_or_after(a: i64) -> DaySet {
        DaySet::between(a, i64::MAX)
    }

    pub fn on_or_before(b: i64) -> DaySet {
        DaySet::between(i64::MIN, b)
    }

    /// In every year, the days from `from` (month, day) to `to` (inclusive): the window a
    /// "this year" expression allows. A 29 February bound falls back to the 28th in other years.
    pub fn each_year(from: (u8, u8), to: (u8, u8)) -> DaySet {
        let at = |y: i32, (m, d): (u8, u8)| Day::new(y, m, d).or_else(|| Day::new(y, m, d - 1)).map(Day::ordinal);
        let spans =
            (FIRST_YEAR..=LAST_YEAR).filter_map(|y| Some((at(y, from)?, at(y, to)?))).filter(|(a, b)| a <= b).collect();
        DaySet { spans }.merged()
    }

    /// Adjacent spans joined, so equal sets compare equal.
    fn merged(mut self) -> DaySet {
        let mut out: Vec<(i64, i64)> = Vec::with_capacity(self.spans.len());
        for (a, b) in self.spans.drain(..) {
            match out.last_mut() {
                Some(last) if last.1 + 1 >= a => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        DaySet { spans: out }
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn intersect(&self, other: &DaySet) -> DaySet {
        let (mut i, mut j, mut out) = (0, 0, Vec::new());
        while i < self.spans.len() && j < other.spans.len() {
            let (a, b) = (self.spans[i], other.spans[j]);
            let (lo, hi) = (a.0.max(b.0), a.1.min(b.1));
            if lo <= hi {
                out.push((lo, hi));
            }
            if a.1 < b.1 {
                i += 1;
            } else {
                j += 1;
            }
        }
        DaySet { spans: out }.merged()
    }

    /// First and last day number, if any.
    pub fn hull(&self) -> Option<(i64, i64)> {
        Some((self.spans.first()?.0, self.spans.last()?.1))
    }

    /// The hull as days, each side `None` when it still reaches the universe's first or last
    /// year (open: "April of some year" is no lower bound).
    pub fn bounds(&self) -> (Option<Day>, Option<Day>) {
        match self.hull() {
            None => (None, None),
            Some((a, b)) => {
                let (a, b) = (Day::from_ordinal(a), Day::from_ordinal(b));
                ((a.year > FIRST_YEAR).then_some(a), (b.year < LAST_YEAR).then_some(b))
            }
        }
    }

    /// Both sides known and at most `days` apart: narrow enough to date things by.
    pub fn within(&self, days: i64) -> Option<(Day, Day)> {
        let (lo, hi) = self.bounds();
        let (lo, hi) = (lo?, hi?);
        (hi.ordinal() - lo.ordinal() <= days).then_some((lo, hi))
    }

    /// The spans of the latest year the set reaches: what remains when a preference picks the
    /// most recent of several year alternatives.
    pub fn last_year(&self) -> DaySet {
        let Some(&(_, end)) = self.spans.last() else { return self.clone() };
        let year = Day::from_ordinal(end).year;
        let start = Day { year, month: 1, day: 1 }.ordinal();
        self.intersect(&DaySet::between(start, end))
    }

    /// Every day of each year the set touches: what remains of a tie that only tells the year.
    pub fn whole_years(&self) -> DaySet {
        let spans = self
            .spans
            .iter()
            .map(|&(a, b)| {
                let (a, b) = (Day::from_ordinal(a).year, Day::from_ordinal(b).year);
                (Day { year: a, month: 1, day: 1 }.ordinal(), Day { year: b, month: 12, day: 31 }.ordinal())
            })
            .collect();
        DaySet { spans }.merged()
    }

    /// How many separate stretches of days it holds.
    pub fn spans(&self) -> usize {
        self.spans.len()
    }

    #[cfg(test)]
    pub fn contains(&self, day: i64) -> bool {
        self.spans.iter().any(|&(a, b)| a <= day && day <= b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> i64 {
        Day::new(y, m, day).unwrap().ordinal()
    }

    #[test]
    fn a_this_year_window_and_an_upper_bound_leave_year_alternatives() {
        let s = DaySet::each_year((4, 1), (12, 31)).intersect(&DaySet::on_or_before(d(2016, 5, 10)));
        assert!(s.contains(d(2016, 4, 1)) && s.contains(d(2016, 5, 10)) && s.contains(d(2015, 7, 1)));
        assert!(!s.contains(d(2016, 3, 31)) && !s.contains(d(2016, 5, 11)) && !s.contains(d(2015, 3, 1)));
        assert_eq!(s.spans(), 217, "one stretch a year, 1800 to 2016");
        assert_eq!(s.bounds(), (None, Some(Day::new(2016, 5, 10).unwrap())));
        assert_eq!(DaySet::each_year((1, 1), (12, 31)), DaySet::all());
        let last = s.last_year();
        assert_eq!(last.within(366), Some((Day::new(2016, 4, 1).unwrap(), Day::new(2016, 5, 10).unwrap())));
    }

    #[test]
    fn intersections_only_narrow_and_can_be_empty() {
        let a = DaySet::between(d(2016, 5, 1), d(2016, 5, 31));
        let b = DaySet::on_or_after(d(2016, 5, 14));
        assert_eq!(a.intersect(&b).hull(), Some((d(2016, 5, 14), d(2016, 5, 31))));
        assert!(a.intersect(&DaySet::on_or_before(d(2016, 4, 30))).is_empty());
        assert_eq!(DaySet::all().bounds(), (None, None));
        assert!(DaySet::all().within(366).is_none());
        // 29 February in a window: the 28th in other years, never an empty year.
        assert_eq!(DaySet::each_year((2, 29), (2, 29)).intersect(&a).hull(), None);
        assert!(DaySet::each_year((2, 29), (12, 31)).contains(d(2015, 2, 28)));
    }
}
