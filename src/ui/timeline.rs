//! The timeline: events under the current filter on a date axis (a day is a dot, a month, season,
//! year or range is a bar), stacked in lanes; drag to brush a range, or type it in the date
//! fields; the axis always fits the range or, without one, the events. Below it, the event list.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::app::{use_ctx, Ctx};
use super::segments::{segments, Mark, Tag};
use super::shell::History;
use super::state::ViewState;
use crate::corpus::{Day, Event, Precision};

/// Lanes before events start to share one (keeps the chart a readable height).
const MAX_LANES: usize = 10;
/// Events listed before "show more".
const EVENT_PAGE: usize = 60;

/// Placement of one event mark, in percent of the axis width.
#[derive(Clone, PartialEq)]
struct Placed {
    event: u32,
    x: f64,
    width: f64,
    lane: usize,
    point: bool,
}

/// The axis: one or more linear pieces (ordinals, days since 1970-01-01 → percent of the width).
/// Long empty stretches between groups of events (an event in 1991 and the rest in 2016) are
/// drawn as a narrow, marked break instead of squeezing the groups into a sliver.
#[derive(Clone, PartialEq)]
struct Axis {
    pieces: Vec<Piece>,
}

#[derive(Clone, Copy, PartialEq)]
struct Piece {
    start: i64,
    end: i64,
    x0: f64,
    x1: f64,
}

/// Width of a break band, in percent.
const BREAK_WIDTH: f64 = 4.0;

impl Axis {
    fn linear(start: i64, end: i64) -> Axis {
        Axis { pieces: vec![Piece { start, end: end.max(start + 1), x0: 0.0, x1: 100.0 }] }
    }

    fn percent(&self, day: Day) -> f64 {
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

    fn day_at(&self, fraction: f64) -> Day {
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
    fn breaks(&self) -> Vec<f64> {
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

fn axis_for(events: &[&Event], from: Option<Day>, to: Option<Day>) -> Option<Axis> {
    let first = events.iter().map(|e| e.date.start).min();
    let last = events.iter().map(|e| e.date.end).max();
    // A chosen range is shown as it is: the axis fits the brush.
    if from.is_some() || to.is_some() {
        let start = from.or(first)?.ordinal();
        let end = to.or(last)?.ordinal().max(start);
        let (start, end) = padded(start, end);
        return Some(Axis::linear(start, end));
    }
    // Group events whose spans are separated by less than a year or a third of the total.
    let mut spans: Vec<(i64, i64)> = events.iter().map(|e| (e.date.start.ordinal(), e.date.end.ordinal())).collect();
    spans.sort_unstable();
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
fn ticks(axis: &Axis) -> Vec<(f64, String)> {
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

#[component]
pub fn Timeline() -> impl IntoView {
    let ctx = use_ctx();
    let corpus = ctx.corpus.clone();
    let results = ctx.results;
    let state = ctx.state;
    let layout = Memo::new(move |_| {
        let (from, to) = state.with(|s| (s.from, s.to));
        results.with(|r| {
            let events: Vec<(u32, &Event)> =
                r.events.iter().filter_map(|&i| corpus.events.get(i as usize).map(|e| (i, e))).collect();
            let refs: Vec<&Event> = events.iter().map(|(_, e)| *e).collect();
            let axis = axis_for(&refs, from, to)?;
            let (placed, lanes) = place(&events, &axis);
            Some((axis, placed, lanes))
        })
    });
    let hovered: RwSignal<Option<u32>> = RwSignal::new(None);
    let brush: RwSignal<Option<(f64, f64)>> = RwSignal::new(None);
    let area = NodeRef::<leptos::html::Div>::new();

    let fraction_at = move |client_x: i32| -> Option<f64> {
        let rect = area.get_untracked()?.get_bounding_client_rect();
        (rect.width() > 0.0).then(|| ((f64::from(client_x) - rect.left()) / rect.width()).clamp(0.0, 1.0))
    };
    let on_down = move |ev: leptos::ev::PointerEvent| {
        // Marks are buttons of their own; only the background starts a brush.
        let on_mark = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-date]").ok().flatten())
            .is_some();
        if on_mark || ev.button() != 0 {
            return;
        }
        if let Some(f) = fraction_at(ev.client_x()) {
            brush.set(Some((f, f)));
            if let Some(el) = area.get_untracked() {
                let _ = el.set_pointer_capture(ev.pointer_id());
            }
        }
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        if brush.with_untracked(Option::is_some) {
            if let Some(f) = fraction_at(ev.client_x()) {
                brush.update(|b| {
                    if let Some((_, end)) = b {
                        *end = f;
                    }
                });
            }
        }
    };
    let ctx_up = ctx.clone();
    let on_up = move |_ev: leptos::ev::PointerEvent| {
        let Some((a, b)) = brush.get_untracked() else {
            return;
        };
        brush.set(None);
        // A click without a drag is not a range.
        if (a - b).abs() < 0.01 {
            return;
        }
        let Some(Some((axis, _, _))) = layout.try_get_untracked() else {
            return;
        };
        let (from, to) = (axis.day_at(a.min(b)), axis.day_at(a.max(b)));
        ctx_up.change(History::Push, move |s| {
            s.from = Some(from);
            s.to = Some(to);
        });
    };

    let ctx_marks = ctx.clone();
    view! {
        <section class="timeline" aria-labelledby="timeline-heading">
            <div class="section-head">
                <h2 id="timeline-heading">"Timeline"</h2>
                <RangeControls/>
            </div>
            <Show
                when=move || layout.with(Option::is_some)
                fallback=|| view! { <p class="muted" id="timeline-empty">"No dated events under these filters."</p> }
            >
                <div
                    class="timeline-area"
                    node_ref=area
                    on:pointerdown=on_down
                    on:pointermove=on_move
                    on:pointerup=on_up.clone()
                    on:pointercancel=move |_| brush.set(None)
                >
                    {
                        let ctx = ctx_marks.clone();
                        move || {
                            let Some((axis, placed, lanes)) = layout.get() else { return ().into_any() };
                            let height = 30 + lanes * 16;
                            let ticks = ticks(&axis);
                            let breaks = axis.breaks();
                            let ctx = ctx.clone();
                            view! {
                                <svg
                                    class="timeline-svg"
                                    width="100%"
                                    height=height
                                    role="group"
                                    aria-label="Events on a date axis; drag across it to choose a date range"
                                >
                                    {ticks.into_iter().map(|(x, label)| view! {
                                        <line class="tick" x1=format!("{x:.2}%") x2=format!("{x:.2}%") y1="0" y2=height.to_string()></line>
                                        <text class="tick-label" x=format!("{x:.2}%") y="12" dx="3">{label}</text>
                                    }).collect_view()}
                                    {breaks.into_iter().map(|x| view! {
                                        <text class="axis-break" x=format!("{x:.2}%") y=(height / 2 + 5).to_string() text-anchor="middle">"≈"</text>
                                    }).collect_view()}
                                    {placed.into_iter().map(|p| event_mark(&ctx, p, hovered)).collect_view()}
                                    {move || brush.get().map(|(a, b)| view! {
                                        <rect class="brush" x=format!("{:.2}%", a.min(b) * 100.0) width=format!("{:.2}%", (a - b).abs() * 100.0) y="0" height=height.to_string()></rect>
                                    })}
                                </svg>
                            }.into_any()
                        }
                    }
                </div>
                <Tooltip hovered/>
            </Show>
            <EventList/>
        </section>
    }
}

fn event_mark(ctx: &Ctx, p: Placed, hovered: RwSignal<Option<u32>>) -> impl IntoView + use<> {
    let event = &ctx.corpus.events[p.event as usize];
    let doc = &ctx.corpus.documents[event.doc as usize];
    let doc_id = doc.id.clone();
    let label = format!("{}: {} — {}", event.date.label(), event.expression, doc.title);
    let y = 22 + p.lane * 16;
    let index = p.event;
    let sentence = event.sentence;
    let open = {
        let ctx = ctx.clone();
        let doc_id = doc_id.clone();
        move || ctx.open(&doc_id, Some(sentence))
    };
    let open_key = open.clone();
    // A day is a point; a month, season, year or range is a bar.
    let shape = if p.point {
        view! { <circle cx=format!("{:.2}%", p.x) cy=(y + 4).to_string() r="5"></circle> }.into_any()
    } else {
        view! { <rect x=format!("{:.2}%", p.x) width=format!("{:.2}%", p.width) y=y.to_string() height="9" rx="3"></rect> }
            .into_any()
    };
    view! {
        <g
            class="mark"
            class:point=p.point
            class:span=!p.point
            class:inferred=event.inferred
            tabindex="0"
            role="button"
            aria-label=label
            data-date=event.date.iso()
            data-doc=doc_id
            data-precision=event.date.precision.label()
            on:click=move |_| open()
            on:keydown=move |ev| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    open_key()
                }
            }
            on:mouseenter=move |_| hovered.set(Some(index))
            on:focus=move |_| hovered.set(Some(index))
            on:mouseleave=move |_| hovered.set(None)
            on:blur=move |_| hovered.set(None)
        >
            {shape}
        </g>
    }
}

/// Details of the hovered or focused mark, as escaped text below the chart.
#[component]
fn Tooltip(hovered: RwSignal<Option<u32>>) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <div class="timeline-tooltip" id="timeline-tooltip" role="status" aria-live="polite">
            {move || hovered.get().and_then(|i| ctx.corpus.events.get(i as usize)).map(|e| {
                let doc = &ctx.corpus.documents[e.doc as usize];
                format!("{} · “{}” · {} — {}", e.date.label(), e.expression, doc.title, e.resolution)
            })}
        </div>
    }
}

/// Keyboard way to set the range, and the way to clear it.
#[component]
fn RangeControls() -> impl IntoView {
    let ctx = use_ctx();
    let state = ctx.state;
    let clear = ctx.clone();
    view! {
        <div class="range">
            <DateField label="From " id="date-from" get=|s: &ViewState| s.from set=|s: &mut ViewState, d| s.from = d/>
            <DateField label="To " id="date-to" get=|s: &ViewState| s.to set=|s: &mut ViewState, d| s.to = d/>
            <button
                type="button"
                id="clear-range"
                disabled=move || state.with(|s| s.from.is_none() && s.to.is_none())
                on:click=move |_| clear.change(History::Push, |s| {
                    s.from = None;
                    s.to = None;
                })
            >
                "Clear range"
            </button>
        </div>
    }
}

/// One end of the date range as a native date field (the keyboard way to set the range).
#[component]
fn DateField(
    label: &'static str,
    id: &'static str,
    get: fn(&ViewState) -> Option<Day>,
    set: fn(&mut ViewState, Option<Day>),
) -> impl IntoView {
    let ctx = use_ctx();
    let state = ctx.state;
    view! {
        <label>
            {label}
            <input
                type="date"
                id=id
                prop:value=move || state.with(|s| get(s).map(Day::iso).unwrap_or_default())
                on:change=move |ev| {
                    let day = Day::parse_iso(&event_target_value(&ev));
                    ctx.change(History::Push, move |s| set(s, day));
                }
            />
        </label>
    }
}

/// The events as a list: date, the expression as written, the sentence, the article.
#[component]
fn EventList() -> impl IntoView {
    let ctx = use_ctx();
    let results = ctx.results;
    let shown = RwSignal::new(EVENT_PAGE);
    let count = move || results.with(|r| r.events.len());
    view! {
        <h3 class="event-list-heading">{move || format!("{} dated events", count())}</h3>
        <ol class="event-list" id="event-list">
            <For
                each=move || results.with(|r| r.events.iter().copied().take(shown.get()).collect::<Vec<_>>())
                key=|i| *i
                let:index
            >
                <EventRow index/>
            </For>
        </ol>
        <Show when=move || { count() > shown.get() }>
            <button type="button" class="link-button" on:click=move |_| shown.update(|n| *n += EVENT_PAGE)>
                {move || format!("Show more events ({} not shown)", count().saturating_sub(shown.get()))}
            </button>
        </Show>
    }
}

#[component]
fn EventRow(index: u32) -> impl IntoView {
    let ctx = use_ctx();
    let event = &ctx.corpus.events[index as usize];
    let doc = &ctx.corpus.documents[event.doc as usize];
    let sentence = doc.sentences.get(event.sentence as usize).map(|s| s.text.clone()).unwrap_or_default();
    let marks = [Mark { start: event.start, end: event.end, tag: Tag::Event(index) }];
    let runs = segments(&sentence, &marks)
        .into_iter()
        .map(|seg| {
            if seg.event.is_some() {
                view! { <mark class="date">{seg.text}</mark> }.into_any()
            } else {
                seg.text.into_any()
            }
        })
        .collect_view();
    let doc_id = doc.id.clone();
    let sentence_index = event.sentence;
    let open_ctx = ctx.clone();
    let open_id = doc_id.clone();
    view! {
        <li>
            <button
                type="button"
                class="event"
                data-date=event.date.iso()
                data-doc=doc_id
                data-sentence=sentence_index.to_string()
                on:click=move |_| open_ctx.open(&open_id, Some(sentence_index))
            >
                <span class="event-date">{event.date.label()}</span>
                <span class="event-expression">"“"{event.expression.clone()}"”"</span>
                <span class="event-sentence">{runs}</span>
                <span class="event-doc">{doc.title.clone()}</span>
                {event.inferred.then(|| view! { <span class="event-inferred">{inferred_note(&doc.date_reason)}</span> })}
            </button>
        </li>
    }
}

/// "inferred from …" for an event whose article date was inferred, without saying it twice.
fn inferred_note(reason: &str) -> String {
    if reason.starts_with("inferred") {
        format!("Article date {reason}")
    } else {
        format!("Article date inferred from {reason}")
    }
}
