//! Pure geometry of the timeline chart (compiles natively, unit-tested): the axis with breaks,
//! lanes for marks, the histogram used above `MAX_MARKS` events, ticks, and the strings the SVG
//! needs. `timeline` turns a [`Layout`] into SVG.

use crate::corpus::{DateValue, Day, Event, Precision};
/// Lanes before events start to share one (keeps the chart a readable height).
const MAX_LANES: usize = 10;

/// Placement of one event mark, in percent of the axis width.
#[derive(Clone, PartialEq)]
pub struct Placed {
    pub event: u32,
    pub x: f64,
    pub width: f64,
    pub lane: usize,
    pub point: bool,
}

/// The axis: one or more linear pieces (ordinals, days since 1970-01-01 → percent of the width).
/// Long empty stretches between groups of events (an event in 1991 and the rest in 2016) are
/// drawn as a narrow, marked break instead of squeezing the groups into a sliver.
#[derive(Clone, PartialEq)]
pub struct Axis {
    pub pieces: Vec<Piece>,
}

#[derive(Clone, Copy, PartialEq)]
pub struct Piece {
    pub start: i64,
    pub end: i64,
    pub x0: f64,
    pub x1: f64,
}

/// Width of a break band, in percent.
pub const BREAK_WIDTH: f64 = 4.0;

impl Axis {
    pub fn linear(start: i64, end: i64) -> Axis {
        Axis { pieces: vec![Piece { start, end: end.max(start + 1), x0: 0.0, x1: 100.0 }] }
    }

    pub fn percent(&self, day: Day) -> f64 {
        let d = day.ordinal();
        let mut previous: Option<&Piece> = None;
        for p in &self.pieces {
            if d < p.start {
                // Inside the break before `p` (or before the axis).
                return match previous {
                    Some(q) => q.x1 + (p.x0 - q.x1) * (d - q.end) as f64 / (p.start - q.end).max(1) as f64,
                    None => p.x0,
                };
            }
            if d <= p.end {
                return p.x0 + (p.x1 - p.x0) * (d - p.start) as f64 / (p.end - p.start).max(1) as f64;
            }
            previous = Some(p);
        }
        previous.map_or(0.0, |p| p.x1)
    }

    pub fn day_at(&self, fraction: f64) -> Day {
        let x = fraction.clamp(0.0, 1.0) * 100.0;
        let mut previous: Option<&Piece> = None;
        for p in &self.pieces {
            if x < p.x0 {
                if let Some(q) = previous {
                    let t = (x - q.x1) / (p.x0 - q.x1).max(f64::EPSILON);
                    return Day::from_ordinal(q.end + (t * (p.start - q.end) as f64).round() as i64);
                }
                return Day::from_ordinal(p.start);
            }
            if x <= p.x1 {
                let t = (x - p.x0) / (p.x1 - p.x0).max(f64::EPSILON);
                return Day::from_ordinal(p.start + (t * (p.end - p.start) as f64).round() as i64);
            }
            previous = Some(p);
        }
        Day::from_ordinal(self.pieces.last().map_or(0, |p| p.end))
    }

    /// Centres of the break bands, in percent.
    pub fn breaks(&self) -> Vec<f64> {
        self.pieces.windows(2).map(|w| (w[0].x1 + w[1].x0) / 2.0).collect()
    }
}

/// Pads a span of days so end marks are not clipped; at least a month wide.
fn padded(start: i64, end: i64) -> (i64, i64) {
    let pad = ((end - start) / 40).max(3);
    let (start, end) = (start - pad, end + pad);
    if end - start < 30 {
        let mid = (start + end) / 2;
        (mid - 15, mid + 15)
    } else {
        (start, end)
    }
}

fn axis_for(events: &[(u32, &Event)], from: Option<Day>, to: Option<Day>) -> Option<Axis> {
    let first = events.iter().map(|(_, e)| e.date.start).min();
    let last = events.iter().map(|(_, e)| e.date.end).max();
    // A chosen range is shown as it is: the axis fits the brush.
    if from.is_some() || to.is_some() {
        let start = from.or(first)?.ordinal();
        let end = to.or(last)?.ordinal().max(start);
        let (start, end) = padded(start, end);
        return Some(Axis::linear(start, end));
    }
    // Group events whose spans are separated by less than a year or a third of the total.
    let mut spans: Vec<(i64, i64)> =
        events.iter().map(|(_, e)| (e.date.start.ordinal(), e.date.end.ordinal())).collect();
    // Events arrive in corpus order, which is by start date: no sort on every keystroke then.
    if !spans.is_sorted_by_key(|s| s.0) {
        crate::corpus::order::sort(&mut spans);
    }
    let total = last?.ordinal() - first?.ordinal();
    let big_gap = (total / 3).max(366);
    // (start, end, events) per group.
    let mut groups: Vec<(i64, i64, usize)> = Vec::new();
    for (s, e) in spans {
        match groups.last_mut() {
            Some(g) if s - g.1 <= big_gap => {
                g.1 = g.1.max(e);
                g.2 += 1;
            }
            _ => groups.push((s, e, 1)),
        }
    }
    let usable = 100.0 - BREAK_WIDTH * (groups.len() - 1) as f64;
    // Each group gets width in proportion to how many events it holds (that is where the reader
    // looks), but never less than 12 %.
    let floor = 12.0_f64.min(usable / groups.len() as f64);
    let count: usize = groups.iter().map(|g| g.2).sum();
    let raw: Vec<f64> = groups.iter().map(|g| g.2 as f64 / count.max(1) as f64 * usable).collect();
    let groups: Vec<(i64, i64)> = groups.into_iter().map(|(s, e, _)| padded(s, e)).collect();
    let deficit: f64 = raw.iter().map(|w| (floor - w).max(0.0)).sum();
    let surplus: f64 = raw.iter().map(|w| (w - floor).max(0.0)).sum();
    let mut x = 0.0;
    let mut pieces = Vec::new();
    for ((s, e), w) in groups.iter().zip(raw) {
        let width = if w < floor { floor } else { w - (w - floor) / surplus.max(f64::EPSILON) * deficit };
        pieces.push(Piece { start: *s, end: *e, x0: x, x1: x + width });
        x += width + BREAK_WIDTH;
    }
    Some(Axis { pieces })
}

fn place(events: &[(u32, &Event)], axis: &Axis) -> (Vec<Placed>, usize) {
    let mut lane_ends: Vec<f64> = Vec::new();
    let mut placed = Vec::with_capacity(events.len());
    for &(index, event) in events {
        let point = event.date.precision == Precision::Day;
        let x = axis.percent(event.date.start);
        let x_end = if point { x } else { axis.percent(event.date.end.add_days(1)) };
        let width = (x_end - x).max(0.6);
        // Same-day events stack: first lane whose last mark ends before this one starts.
        let gap = 1.2;
        let lane = match lane_ends.iter().position(|&end| end + gap <= x) {
            Some(l) => l,
            None if lane_ends.len() < MAX_LANES => {
                lane_ends.push(f64::NEG_INFINITY);
                lane_ends.len() - 1
            }
            None => MAX_LANES - 1,
        };
        lane_ends[lane] = lane_ends[lane].max(x + width);
        placed.push(Placed { event: index, x, width, lane, point });
    }
    let lanes = lane_ends.len().max(1);
    (placed, lanes)
}

/// Month or year ticks for each piece, thinned so labels do not collide.
pub fn ticks(axis: &Axis) -> Vec<(f64, String)> {
    let mut out = Vec::new();
    for piece in &axis.pieces {
        let max_labels = ((piece.x1 - piece.x0) / 12.0).floor().max(1.0) as i32;
        let single = Axis { pieces: vec![*piece] };
        let first = Day::from_ordinal(piece.start);
        let last = Day::from_ordinal(piece.end);
        let months = (last.year - first.year) * 12 + i32::from(last.month) - i32::from(first.month);
        let mut labels = Vec::new();
        if months <= 36 {
            let step = (months / max_labels + 1).max(1);
            let (mut y, mut m) = (first.year, first.month);
            let mut k = 0;
            while let Some(day) = Day::new(y, m, 1) {
                if day.ordinal() > piece.end {
                    break;
                }
                if day.ordinal() >= piece.start && k % step == 0 {
                    let name = &crate::corpus::time::MONTH_NAMES[m as usize - 1][..3];
                    let label = if m == 1 || labels.is_empty() { format!("{name} {y}") } else { name.to_string() };
                    labels.push((single.percent(day), label));
                }
                k += 1;
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
        } else {
            let step = ((last.year - first.year) / max_labels + 1).max(1);
            for y in (first.year + 1..=last.year).filter(|y| (y - first.year) % step == 0) {
                if let Some(day) = Day::new(y, 1, 1) {
                    labels.push((single.percent(day), y.to_string()));
                }
            }
        }
        out.extend(labels);
    }
    out
}

/// What the chart draws: one mark per event while that stays readable and cheap, otherwise a
/// histogram whose size does not grow with the corpus (one mark per event was 77 000 SVG
/// elements at 10 000 articles, all rebuilt on every keystroke; see BENCHMARKS.md).
#[derive(Clone, PartialEq)]
pub enum Chart {
    Marks { placed: Vec<Placed>, lanes: usize },
    Histogram(Vec<Bin>),
}

#[derive(Clone, PartialEq)]
pub struct Layout {
    pub axis: Axis,
    pub chart: Chart,
}

impl Layout {
    /// The histogram column drawn at `column`, if the chart is a histogram and it has one.
    pub fn bin(&self, column: usize) -> Option<Bin> {
        match &self.chart {
            Chart::Histogram(bins) => bins.iter().find(|b| b.column == column).copied(),
            Chart::Marks { .. } => None,
        }
    }
}

/// Above this many events the chart switches to a histogram.
pub const MAX_MARKS: usize = 300;
/// Histogram columns across the full width.
pub const BINS: usize = 120;
/// Height of the tallest histogram column, in pixels.
pub const BIN_HEIGHT: usize = 90;

/// One histogram column: the events whose start falls in it, and the days they cover.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Bin {
    pub column: usize,
    pub count: u32,
    pub from: Day,
    pub to: Day,
}

fn histogram(events: &[(u32, &Event)], axis: &Axis) -> Vec<Bin> {
    let width = 100.0 / BINS as f64;
    let mut bins: Vec<Option<Bin>> = vec![None; BINS];
    for &(_, event) in events {
        let column = ((axis.percent(event.date.start) / width).max(0.0) as usize).min(BINS - 1);
        let (from, to) = (event.date.start, event.date.end);
        match &mut bins[column] {
            Some(bin) => {
                bin.count += 1;
                bin.from = bin.from.min(from);
                bin.to = bin.to.max(to);
            }
            empty => *empty = Some(Bin { column, count: 1, from, to }),
        }
    }
    bins.into_iter().flatten().collect()
}

pub fn layout_for(events: &[(u32, &Event)], from: Option<Day>, to: Option<Day>) -> Option<Layout> {
    let axis = axis_for(events, from, to)?;
    let chart = if events.len() > MAX_MARKS {
        Chart::Histogram(histogram(events, &axis))
    } else {
        let (placed, lanes) = place(events, &axis);
        Chart::Marks { placed, lanes }
    };
    Some(Layout { axis, chart })
}

/// "12.34%": hundredths of a percentage.
pub fn percent(x: f64) -> String {
    decimal(x, 2) + "%"
}

/// `x` with `places` (0 to 3) decimals, written with integer formatting: every number with
/// decimals the page writes goes through here, which keeps `f64` Display (~11 KB before
/// wasm-opt, 6 KB brotli) out of the wasm. Halves round away from zero.
pub fn decimal(x: f64, places: u32) -> String {
    let places = places.min(3);
    let scale = 10i64.pow(places);
    let scaled = (x * scale as f64).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let (whole, part) = (scaled.abs() / scale, scaled.abs() % scale);
    match places {
        0 => format!("{sign}{whole}"),
        p => format!("{sign}{whole}.{part:0width$}", width = p as usize),
    }
}

/// "42 events, 3 May 2016 – 9 May 2016" (or "42 stories, …" when the chart shows stories).
pub fn bin_summary(bin: &Bin, of_stories: bool) -> String {
    let what = match (of_stories, bin.count == 1) {
        (false, true) => "event",
        (false, false) => "events",
        (true, true) => "story",
        (true, false) => "stories",
    };
    let (from, to) = (DateValue::day(bin.from).label(), DateValue::day(bin.to).label());
    if bin.from == bin.to {
        format!("{} {what}, {from}", bin.count)
    } else {
        format!("{} {what}, {from} – {to}", bin.count)
    }
}

/// At most this many month columns; a longer span is drawn by year.
pub const MAX_MONTHS: usize = 240;

/// One column of the served corpus's timeline (`ui::large`), summing a run of its months.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub label: String,
    pub from: Day,
    pub to: Day,
    /// Indices into the months it was made from.
    pub months: std::ops::Range<usize>,
}

/// Every month from the first to the last of `months` (ascending, distinct), so a gap shows as
/// a gap, or every year when that would be more than [`MAX_MONTHS`] columns.
pub fn calendar_columns(months: &[(i32, u8)]) -> Vec<Column> {
    let (Some(&(y0, m0)), Some(&(y1, m1))) = (months.first(), months.last()) else { return Vec::new() };
    let span = (y1 - y0) as i64 * 12 + i64::from(m1) - i64::from(m0) + 1;
    let mut at = 0;
    let mut take = |within: &dyn Fn((i32, u8)) -> bool| {
        let start = at;
        while at < months.len() && within(months[at]) {
            at += 1;
        }
        start..at
    };
    let mut out = Vec::new();
    if span <= MAX_MONTHS as i64 {
        let (mut y, mut m) = (y0, m0);
        for _ in 0..span {
            out.push(Column {
                label: month_label(y, m),
                from: Day { year: y, month: m, day: 1 },
                to: Day::last_of_month(y, m),
                months: take(&|k| k == (y, m)),
            });
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
    } else {
        for y in y0..=y1 {
            out.push(Column {
                label: y.to_string(),
                from: Day { year: y, month: 1, day: 1 },
                to: Day { year: y, month: 12, day: 31 },
                months: take(&|k| k.0 == y),
            });
        }
    }
    out
}

/// Whether [`calendar_columns`] made a column per year (else one per month).
pub fn by_year(columns: &[Column]) -> bool {
    columns.first().is_some_and(|c| c.from.month == 1 && c.to.month == 12)
}

/// A label under the served timeline: the column it names and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub column: usize,
    pub label: String,
}

/// The labels under the served timeline's `columns`: the first and the last column's, and
/// between them at most `most - 2` at round places (every 1, 2, 5, 10… years, or every 1, 2, 3
/// or 6 months; with a step of a year or more the year alone), none so near an end that it
/// would run into the end's label. A reader finds a bar's year at a glance instead of
/// counting bars from the ends.
pub fn axis_ticks(columns: &[Column], most: usize) -> Vec<Tick> {
    let (Some(first), Some(last)) = (columns.first(), columns.last()) else { return Vec::new() };
    let n = columns.len();
    // Months since the year 0 of each column's start: a year column starts in January.
    let at = |c: &Column| i64::from(c.from.year) * 12 + i64::from(c.from.month) - 1;
    let steps: &[i64] =
        if by_year(columns) { &[12, 24, 60, 120, 240, 600, 1200] } else { &[1, 2, 3, 6, 12, 24, 60, 120] };
    let room = most.saturating_sub(2);
    let step = steps.iter().copied().find(|&s| columns.iter().filter(|c| at(c).rem_euclid(s) == 0).count() <= room);
    let gap = n.div_ceil(most.max(1));
    let mut ticks = vec![Tick { column: 0, label: first.label.clone() }];
    for (i, c) in columns.iter().enumerate() {
        if step.is_some_and(|s| at(c).rem_euclid(s) == 0) && i >= gap && i + gap < n {
            let label = if step.is_some_and(|s| s >= 12) { c.from.year.to_string() } else { c.label.clone() };
            ticks.push(Tick { column: i, label });
        }
    }
    if n > 1 {
        ticks.push(Tick { column: n - 1, label: last.label.clone() });
    }
    ticks
}

/// "May 2016".
pub fn month_label(year: i32, month: u8) -> String {
    const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {year}", NAMES[(month.clamp(1, 12) - 1) as usize])
}

#[cfg(test)]
mod tests {
    #[test]
    fn served_timeline_columns_show_gaps_and_fold_long_spans_into_years() {
        let cols = calendar_columns(&[(2015, 12), (2016, 3)]);
        let labels: Vec<&str> = cols.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["Dec 2015", "Jan 2016", "Feb 2016", "Mar 2016"]);
        assert_eq!(cols.iter().map(|c| c.months.clone()).collect::<Vec<_>>(), [0..1, 1..1, 1..1, 1..2]);
        assert_eq!((cols[2].from.iso(), cols[2].to.iso()), ("2016-02-01".to_string(), "2016-02-29".to_string()));
        let long = calendar_columns(&[(1983, 1), (1983, 7), (2021, 11)]);
        assert_eq!(long.len(), 2021 - 1983 + 1);
        assert_eq!((long[0].label.as_str(), long[0].months.clone()), ("1983", 0..2));
        assert_eq!(long.last().unwrap().months, 2..3);
        assert!(calendar_columns(&[]).is_empty());
    }

    #[test]
    fn the_served_timeline_is_labelled_at_round_years_or_months_between_its_ends() {
        let labels = |months: &[(i32, u8)], most: usize| -> Vec<(usize, String)> {
            axis_ticks(&calendar_columns(months), most).into_iter().map(|t| (t.column, t.label)).collect()
        };
        // 39 year columns, 8 labels at most: every tenth year, none beside an end.
        let years = labels(&[(1983, 1), (2021, 11)], 8);
        let years: Vec<(usize, &str)> = years.iter().map(|(c, l)| (*c, l.as_str())).collect();
        assert_eq!(years, [(0, "1983"), (7, "1990"), (17, "2000"), (27, "2010"), (38, "2021")]);
        // 14 month columns: quarters, the one beside the last month left out.
        let months = labels(&[(2015, 4), (2016, 5)], 8);
        let months: Vec<&str> = months.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(months, ["Apr 2015", "Jul 2015", "Oct 2015", "Jan 2016", "May 2016"]);
        // 19 years of months (228 columns): every fifth year's January, as the year.
        let long = labels(&[(2000, 3), (2018, 12)], 8);
        let long: Vec<&str> = long.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(long, ["Mar 2000", "2005", "2010", "2015", "Dec 2018"]);
        // One column, or none: the ends alone.
        assert_eq!(labels(&[(2016, 4)], 8), [(0, "Apr 2016".to_string())]);
        assert!(labels(&[], 8).is_empty());
    }

    use super::*;

    fn day(y: i32, m: u8, d: u8) -> Day {
        Day::new(y, m, d).unwrap()
    }

    fn event(date: DateValue) -> Event {
        Event::bare(date, 0)
    }

    fn days(list: &[(i32, u8, u8)]) -> Vec<Event> {
        list.iter().map(|&(y, m, d)| event(DateValue::day(day(y, m, d)))).collect()
    }

    fn indexed(events: &[Event]) -> Vec<(u32, &Event)> {
        events.iter().enumerate().map(|(i, e)| (i as u32, e)).collect()
    }

    #[test]
    fn a_few_events_are_drawn_as_marks_and_same_day_events_stack() {
        let events = days(&[(2016, 5, 13), (2016, 5, 13), (2016, 5, 20)]);
        let layout = layout_for(&indexed(&events), None, None).unwrap();
        let Chart::Marks { placed, lanes } = layout.chart else { panic!("expected marks") };
        assert_eq!(placed.len(), 3);
        assert_eq!(lanes, 2, "two events on one day take two lanes");
        assert_eq!(placed[0].x, placed[1].x);
        assert!(placed[2].x > placed[0].x, "later is further right");
        assert!(placed.iter().all(|p| p.point && (0.0..=100.0).contains(&p.x)));
    }

    #[test]
    fn many_events_become_a_histogram_whose_columns_cover_every_event() {
        // 400 events over 40 days: ten a day.
        let list: Vec<(i32, u8, u8)> =
            (0..400).map(|i| (2016, 4 + (i / 10 / 30) as u8, 1 + (i / 10 % 30) as u8)).collect();
        let events = days(&list);
        let layout = layout_for(&indexed(&events), None, None).unwrap();
        let Chart::Histogram(bins) = layout.chart else { panic!("expected a histogram above {MAX_MARKS} events") };
        assert!(bins.len() <= BINS);
        assert_eq!(bins.iter().map(|b| b.count).sum::<u32>(), 400, "every event is counted once");
        assert!(
            bins.windows(2).all(|w| w[0].column < w[1].column && w[0].to <= w[1].from),
            "columns are in date order"
        );
        assert_eq!(bins.first().unwrap().from, day(2016, 4, 1));
        assert_eq!(bins.last().unwrap().to, day(2016, 5, 10));
        assert!(bins.iter().all(|b| b.from <= b.to));
    }

    #[test]
    fn the_histogram_switch_is_at_max_marks() {
        let list: Vec<(i32, u8, u8)> =
            (0..=MAX_MARKS).map(|i| (2016, 1 + (i % 12) as u8, 1 + (i % 28) as u8)).collect();
        let events = days(&list);
        let at_limit = layout_for(&indexed(&events[..MAX_MARKS]), None, None).unwrap();
        assert!(matches!(at_limit.chart, Chart::Marks { .. }));
        let over = layout_for(&indexed(&events), None, None).unwrap();
        assert!(matches!(over.chart, Chart::Histogram(_)));
    }

    #[test]
    fn a_distant_outlier_gets_a_break_instead_of_squeezing_the_rest() {
        let events = days(&[(1991, 3, 1), (2016, 4, 13), (2016, 5, 13), (2016, 5, 14)]);
        let layout = layout_for(&indexed(&events), None, None).unwrap();
        assert_eq!(layout.axis.breaks().len(), 1);
        let x = |d: Day| layout.axis.percent(d);
        // April and May 2016 stay far apart although 25 years precede them.
        assert!(x(day(2016, 5, 13)) - x(day(2016, 4, 13)) > 20.0);
        assert_eq!(layout.axis.day_at(x(day(2016, 5, 13)) / 100.0), day(2016, 5, 13), "round trip");
    }

    #[test]
    fn a_chosen_range_fits_the_axis_to_it() {
        let events = days(&[(2016, 5, 13)]);
        let layout = layout_for(&indexed(&events), Some(day(2016, 5, 1)), Some(day(2016, 5, 31))).unwrap();
        let x = |d: Day| layout.axis.percent(d);
        assert!(x(day(2016, 5, 1)) > 0.0 && x(day(2016, 5, 31)) < 100.0, "the range is inside the axis");
        assert!(x(day(2016, 5, 31)) - x(day(2016, 5, 1)) > 80.0, "and fills most of it");
        assert!(layout_for(&[], None, None).is_none(), "no events, no axis");
    }

    #[test]
    fn ticks_are_labelled_months_inside_the_axis() {
        let events = days(&[(2016, 3, 2), (2016, 6, 20)]);
        let layout = layout_for(&indexed(&events), None, None).unwrap();
        let labels: Vec<String> = ticks(&layout.axis).into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels.first().map(String::as_str), Some("Mar 2016"), "{labels:?}");
        assert!(labels.iter().any(|l| l == "May"), "{labels:?}");
    }

    #[test]
    fn percentages_are_written_in_hundredths() {
        assert_eq!(percent(0.0), "0.00%");
        assert_eq!(percent(12.345), "12.35%");
        assert_eq!(percent(100.0), "100.00%");
        assert_eq!(percent(-0.5), "-0.50%");
    }

    #[test]
    fn decimals_are_written_as_formatting_would() {
        for x in [0.0, 0.06, 0.2, 0.999, 1.25, 4.567, 12.0, 1023.9, -2.5, -7.125] {
            for places in 0..=3 {
                let expected = format!("{x:.*}", places as usize);
                let ours = decimal(x, places);
                // Formatting rounds an exact half to even; ours rounds it away from zero.
                let half = (x * 10f64.powi(places as i32)).fract().abs() == 0.5;
                assert!(ours == expected || half, "{x} to {places}: {ours} vs {expected}");
            }
        }
        assert_eq!(decimal(0.5, 0), "1");
        // No "-0.00": a value that rounds to zero has no sign.
        assert_eq!(decimal(-0.004, 2), "0.00");
    }

    #[test]
    fn a_column_summary_says_how_many_and_when() {
        let bin = Bin { column: 3, count: 42, from: day(2016, 5, 3), to: day(2016, 5, 9) };
        assert_eq!(bin_summary(&bin, false), "42 events, 3 May 2016 – 9 May 2016");
        assert_eq!(bin_summary(&bin, true), "42 stories, 3 May 2016 – 9 May 2016");
        let one = Bin { column: 0, count: 1, from: day(2016, 5, 3), to: day(2016, 5, 3) };
        assert_eq!(bin_summary(&one, false), "1 event, 3 May 2016");
    }
}
