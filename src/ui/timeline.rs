//! The timeline: events under the current filter on a date axis (a day is a dot, a month, season,
//! year or range is a bar), stacked in lanes — or, above `MAX_MARKS` events, a histogram whose
//! columns narrow the range; drag to brush a range, or type it in the date fields; the axis
//! always fits the range or, without one, the events. Below it, the event list.

use crate::corpus::order;
use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::chart::{bin_summary, layout_for, percent, ticks, Bin, Chart, Layout, Placed, BINS, BIN_HEIGHT};
use super::context::use_ctx;
use super::dating;
use super::report::counted;
use super::segments::{segments, Mark, Tag};
use super::shell::History;
use super::state::ViewState;
use super::stories::{mark_event, StoryList};
use crate::corpus::story;
use crate::corpus::{Corpus, Day, Document, Event};

/// Events listed before "show more".
const EVENT_PAGE: usize = 60;

/// The mark or column under the pointer or focus.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    Event(u32),
    Bin(usize),
}

/// The mark or column an event happened in: the chart's listeners are delegated (one set on the
/// chart, not six closures per mark), so they find their target from the DOM.
fn target_of(ev: &web_sys::Event) -> Option<Target> {
    let element = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let element = element.closest("[data-event], [data-bin]").ok()??;
    if let Some(index) = element.get_attribute("data-event") {
        return index.parse().ok().map(Target::Event);
    }
    element.get_attribute("data-bin")?.parse().ok().map(Target::Bin)
}

#[component]
pub fn Timeline() -> impl IntoView {
    let ctx = use_ctx();
    let corpus = ctx.corpus.clone();
    let results = ctx.results;
    let state = ctx.state;
    // Presentation only (not filter state): the chart and the list show events or stories.
    let stories = RwSignal::new(false);
    let layout = Memo::new({
        let ctx = ctx.clone();
        move |_| {
            let (from, to) = state.with(|s| (s.from, s.to));
            let by_story = stories.get();
            results.with(|r| {
                let mut indices: Vec<u32> = if by_story {
                    let all = ctx.stories();
                    story::visible(&all, &r.events, corpus.events.len())
                        .into_iter()
                        .map(|s| mark_event(&all[s as usize], &corpus))
                        .collect()
                } else {
                    r.events.to_vec()
                };
                if by_story {
                    let start = |i: u32| (corpus.events[i as usize].date.start, i);
                    order::sort_ids_by(&mut indices, |a, b| start(a).cmp(&start(b)));
                }
                let events: Vec<(u32, &Event)> =
                    indices.iter().filter_map(|&i| corpus.events.get(i as usize).map(|e| (i, e))).collect();
                layout_for(&events, from, to)
            })
        }
    });
    let hovered: RwSignal<Option<Target>> = RwSignal::new(None);
    let brush: RwSignal<Option<(f64, f64)>> = RwSignal::new(None);
    let area = NodeRef::<leptos::html::Div>::new();

    let fraction_at = move |client_x: i32| -> Option<f64> {
        let rect = area.get_untracked()?.get_bounding_client_rect();
        (rect.width() > 0.0).then(|| ((f64::from(client_x) - rect.left()) / rect.width()).clamp(0.0, 1.0))
    };
    let on_down = move |ev: leptos::ev::PointerEvent| {
        // Marks and columns are buttons of their own; only the background starts a brush.
        if target_of(&ev).is_some() || ev.button() != 0 {
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
        let Some(Some(Layout { axis, .. })) = layout.try_get_untracked() else {
            return;
        };
        let (from, to) = (axis.day_at(a.min(b)), axis.day_at(a.max(b)));
        ctx_up.change(History::Push, move |s| {
            s.from = Some(from);
            s.to = Some(to);
        });
    };
    // A mark opens its sentence; a column narrows the range to its days.
    let activate = {
        let ctx = ctx.clone();
        move |target: Target| match target {
            Target::Event(index) => {
                let Some(event) = ctx.corpus.events.get(index as usize) else { return };
                let doc = ctx.corpus.documents[event.doc as usize].id.clone();
                ctx.open(&doc, Some(event.sentence));
            }
            Target::Bin(column) => {
                if let Some(bin) = layout.with_untracked(|l| l.as_ref().and_then(|l| l.bin(column))) {
                    ctx.change(History::Push, move |s| {
                        s.from = Some(bin.from);
                        s.to = Some(bin.to);
                    });
                }
            }
        }
    };
    let show = move |target: Option<Target>| {
        if hovered.get_untracked() != target {
            hovered.set(target);
        }
    };

    let corpus = ctx.corpus.clone();
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
                    on:click={
                        let activate = activate.clone();
                        move |ev| {
                            if let Some(target) = target_of(&ev) {
                                activate(target);
                            }
                        }
                    }
                    on:keydown={
                        let activate = activate.clone();
                        move |ev| {
                            if ev.key() != "Enter" && ev.key() != " " {
                                return;
                            }
                            if let Some(target) = target_of(&ev) {
                                ev.prevent_default();
                                activate(target);
                            }
                        }
                    }
                    on:mouseover=move |ev| show(target_of(&ev))
                    on:mouseleave=move |_| show(None)
                    on:focusin=move |ev| show(target_of(&ev))
                    on:focusout=move |_| show(None)
                >
                    {
                        let (corpus, ctx) = (corpus.clone(), ctx.clone());
                        move || {
                            let Some(Layout { axis, chart }) = layout.get() else { return ().into_any() };
                            let height = match &chart {
                                Chart::Marks { lanes, .. } => 30 + lanes * 16,
                                Chart::Histogram(_) => 30 + BIN_HEIGHT,
                            };
                            let ticks = ticks(&axis);
                            let breaks = axis.breaks();
                            // In the story view each mark is a story: how many articles report it.
                            let sources: HashMap<u32, usize> = if stories.get() {
                                ctx.stories().iter().map(|s| (mark_event(s, &corpus), s.docs.len())).collect()
                            } else {
                                HashMap::new()
                            };
                            let marks = match chart {
                                Chart::Marks { placed, .. } => placed
                                    .iter()
                                    .map(|p| event_mark(&corpus, p, sources.get(&p.event).copied()))
                                    .collect_view()
                                    .into_any(),
                                Chart::Histogram(bins) => {
                                    let tallest = bins.iter().map(|b| b.count).max().unwrap_or(1);
                                    let of_stories = stories.get();
                                    bins.iter().map(|b| bin_column(b, tallest, height, of_stories)).collect_view().into_any()
                                }
                            };
                            view! {
                                <svg
                                    class="timeline-svg"
                                    width="100%"
                                    height=height
                                    role="group"
                                    aria-label="Events on a date axis; drag across it to choose a date range"
                                >
                                    {ticks.into_iter().map(|(x, label)| {
                                        // A label near the right edge reads leftwards, so it is never cut off.
                                        let (anchor, dx) = if x > 90.0 { ("end", "-3") } else { ("start", "3") };
                                        view! {
                                        <line class="tick" x1=percent(x) x2=percent(x) y1="0" y2=height.to_string()></line>
                                        <text class="tick-label" x=percent(x) y="12" dx=dx text-anchor=anchor>{label}</text>
                                        }
                                    }).collect_view()}
                                    {breaks.into_iter().map(|x| view! {
                                        <text class="axis-break" x=percent(x) y=(height / 2 + 5).to_string() text-anchor="middle">"≈"</text>
                                    }).collect_view()}
                                    {marks}
                                    {move || brush.get().map(|(a, b)| view! {
                                        <rect class="brush" x=percent(a.min(b) * 100.0) width=percent((a - b).abs() * 100.0) y="0" height=height.to_string()></rect>
                                    })}
                                </svg>
                            }.into_any()
                        }
                    }
                </div>
                <Tooltip hovered layout stories/>
            </Show>
            <div class="list-mode" role="group" aria-label="List the timeline as">
                <button type="button" id="view-events" aria-pressed=move || (!stories.get()).to_string() on:click=move |_| stories.set(false)>
                    "Events"
                </button>
                <button type="button" id="view-stories" aria-pressed=move || stories.get().to_string() on:click=move |_| stories.set(true)>
                    "Stories across articles"
                </button>
            </div>
            {move || if stories.get() { view! { <StoryList/> }.into_any() } else { view! { <EventList/> }.into_any() }}
        </section>
    }
}

/// One event's mark, or with `sources` one story's (its representative event's date and
/// sentence; a story reported by more articles is drawn larger).
fn event_mark(corpus: &Corpus, p: &Placed, sources: Option<usize>) -> impl IntoView + use<> {
    let event = &corpus.events[p.event as usize];
    let doc = &corpus.documents[event.doc as usize];
    let label = match sources {
        Some(n) => {
            format!("{}: a story in {n} article{} — {}", event.date.label(), if n == 1 { "" } else { "s" }, doc.title)
        }
        None => format!("{}: {} — {}", event.date.label(), event.expression, doc.title),
    };
    let label = match dating::event_note(event, doc, corpus) {
        Some(note) => format!("{label} ({note})"),
        None => label,
    };
    let y = 22 + p.lane * 16;
    let radius = 5 + sources.map_or(0, |n| n.clamp(1, 4) - 1);
    // A day is a point; a month, season, year or range is a bar.
    let shape = if p.point {
        view! { <circle cx=percent(p.x) cy=(y + 4).to_string() r=radius.to_string()></circle> }.into_any()
    } else {
        view! { <rect x=percent(p.x) width=percent(p.width) y=y.to_string() height="9" rx="3"></rect> }.into_any()
    };
    view! {
        <g
            class="mark"
            class:point=p.point
            class:span=!p.point
            class:inferred=event.inferred
            class:story-mark=sources.is_some()
            data-basis=dating::event_basis(event, doc)
            data-sources=sources.map(|n| n.to_string())
            tabindex="0"
            role="button"
            aria-label=label
            data-event=p.event.to_string()
            data-date=event.date.iso()
            data-doc=doc.id.clone()
            data-precision=event.date.precision.label()
        >
            {shape}
        </g>
    }
}

/// One histogram column; activating it narrows the range to the days of its events.
fn bin_column(bin: &Bin, tallest: u32, height: usize, of_stories: bool) -> impl IntoView + use<> {
    let width = 100.0 / BINS as f64;
    let bar = (BIN_HEIGHT as u64 * u64::from(bin.count) / u64::from(tallest.max(1))).max(3) as usize;
    let label = format!("{} · press to show only these dates", bin_summary(bin, of_stories));
    view! {
        <rect
            class="bin"
            tabindex="0"
            role="button"
            aria-label=label
            data-bin=bin.column.to_string()
            data-count=bin.count.to_string()
            data-from=bin.from.iso()
            data-to=bin.to.iso()
            x=percent(bin.column as f64 * width + width * 0.1)
            width=percent(width * 0.8)
            y=(height - 6 - bar).to_string()
            height=bar.to_string()
        ></rect>
    }
}

/// Details of the hovered or focused mark or column, as escaped text below the chart.
#[component]
fn Tooltip(hovered: RwSignal<Option<Target>>, layout: Memo<Option<Layout>>, stories: RwSignal<bool>) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <div class="timeline-tooltip" id="timeline-tooltip" role="status" aria-live="polite">
            {move || match hovered.get()? {
                Target::Event(i) => {
                    let e = ctx.corpus.events.get(i as usize)?;
                    let doc = &ctx.corpus.documents[e.doc as usize];
                    let provenance = match dating::event_note(e, doc, &ctx.corpus) {
                        Some(note) => format!(" · {note}"),
                        None => " · as written".to_string(),
                    };
                    Some(format!("{} · “{}” · {}{provenance} — {}", e.date.label(), e.expression, doc.title, e.resolution))
                }
                Target::Bin(column) => layout
                    .with(|l| l.as_ref().and_then(|l| l.bin(column)))
                    .map(|b| format!("{} — click to show only these dates", bin_summary(&b, stories.get()))),
            }}
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
        <h3 class="event-list-heading">{move || counted(count(), "dated event", "dated events")}</h3>
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
    let note = dating::event_note(event, doc, &ctx.corpus);
    let (open_ctx, id, sentence) = (ctx.clone(), doc.id.clone(), event.sentence);
    event_item(index, event, doc, note, move || open_ctx.open(&id, Some(sentence)))
}

/// One row of the list of dated events: the date, the expression as written, its sentence with
/// the expression marked, the article, and `note` when the date leaned on an inferred article
/// date (its evidence on hover); `open` opens the article at the sentence. The embedded list
/// and the served one (`ui::large`) both draw it.
pub(super) fn event_item<F: Fn() + 'static>(
    index: u32,
    event: &Event,
    doc: &Document,
    note: Option<String>,
    open: F,
) -> impl IntoView + use<F> {
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
    // The evidence chain on hover and focus, as dates in the reader explain themselves.
    let evidence = format!("{}. {}", event.resolution, doc.date_evidence.join("; "));
    let basis = dating::event_basis(event, doc);
    view! {
        <li>
            <button
                type="button"
                class="event"
                data-date=event.date.iso()
                data-basis=basis
                data-doc=doc.id.clone()
                data-sentence=event.sentence.to_string()
                on:click=move |_| open()
            >
                <span class="event-date">{event.date.label()}</span>
                <span class="event-expression">"“"{event.expression.clone()}"”"</span>
                <span class="event-sentence">{runs}</span>
                <span class="event-doc">{doc.title.clone()}</span>
                {note.map(|n| view! { <span class="event-inferred" title=evidence>{n}</span> })}
            </button>
        </li>
    }
}
