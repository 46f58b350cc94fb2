//! "Who appears with whom": the co-occurrence matrix of the names most present under the
//! current filter, drawn as SVG (one rect per pair; no chart library). A cell's shade is its
//! count against the largest; clicking it requires both names. The embedded explorer counts
//! over its corpus in memory ([`CooccurrencePanel`]); the served one over the pairs files it
//! fetches (`ui::large`); both draw with [`CooccurrenceDetails`].

use leptos::prelude::*;

use super::chart::decimal;
use super::context::use_ctx;
use super::shell::History;
use super::state::ViewState;
use crate::corpus::cooccur::{self, Cooccurrence};

/// Names in the matrix: enough for the main actors, few enough to read on a phone.
pub const TOP: usize = 10;
const CELL: usize = 22;
const LABEL: usize = 150;
/// Height a slanted (-60°) column label takes per character, at the labels' font size.
const TOP_PER_CHAR: f64 = 5.6;

/// A matrix with its names, as the panel draws it.
pub type Named = (Vec<String>, Cooccurrence);

/// Requires both names of a pair (a click on a square), taking them off the excluded ones.
pub fn require_both(s: &mut ViewState, a: String, b: String) {
    for name in [a, b] {
        s.exclude.retain(|n| *n != name);
        if !s.include.contains(&name) {
            s.include.push(name);
        }
    }
}

/// The embedded explorer's panel: the matrix from the corpus in memory, once it is opened.
#[component]
pub fn CooccurrencePanel() -> impl IntoView {
    let ctx = use_ctx();
    let open = RwSignal::new(false);
    let matrix = {
        let corpus = ctx.corpus.clone();
        let results = ctx.results;
        Memo::new(move |_| {
            open.get().then(|| {
                let m = results.with(|r| cooccur::matrix(&corpus, r, TOP));
                let names = m.entities.iter().map(|&e| corpus.entities[e as usize].name.clone()).collect();
                (names, m)
            })
        })
    };
    let require = Callback::new(move |(a, b): (String, String)| {
        ctx.change(History::Push, move |s| require_both(s, a, b));
    });
    view! { <CooccurrenceDetails open matrix=matrix.into() require/> }
}

/// The panel: collapsed until opened (`open`), then the matrix, or a line while `matrix` is
/// still being counted (`None`).
#[component]
pub fn CooccurrenceDetails(
    open: RwSignal<bool>,
    matrix: Signal<Option<Named>>,
    require: Callback<(String, String)>,
) -> impl IntoView {
    let chart = move || {
        let Some((names, m)) = matrix.get() else {
            return view! { <p class="hint" id="cooccur-counting">"Counting…"</p> }.into_any();
        };
        let n = m.entities.len().min(names.len());
        if n < 2 {
            return view! { <p class="hint" id="cooccur-none">"Fewer than two names in the articles shown."</p> }
                .into_any();
        }
        let max = f64::from(m.max());
        let short = |s: &str| {
            if s.chars().count() > 20 {
                format!("{}…", s.chars().take(19).collect::<String>())
            } else {
                s.to_string()
            }
        };
        // The band above the matrix is as tall as its longest slanted label needs (about 6 px
        // a character at -60°), not a fixed 150 px that leaves short names floating.
        let longest = names.iter().map(|n| short(n).chars().count()).max().unwrap_or(0);
        let top = ((longest as f64 * TOP_PER_CHAR).ceil() as usize + 10).clamp(24, LABEL);
        let size = LABEL + n * CELL;
        let height = top + n * CELL;
        let rows = names.iter().enumerate().map(|(i, name)| {
            let y = top + i * CELL;
            view! {
                <text class="co-label" x=(LABEL - 6).to_string() y=(y + CELL - 7).to_string() text-anchor="end">{short(name)}</text>
                <text class="co-label" transform=format!("translate({} {}) rotate(-60)", LABEL + i * CELL + CELL - 6, top - 6)>{short(name)}</text>
            }
        }).collect_view();
        let mut cells = Vec::new();
        for i in 0..n {
            for j in 0..n {
                if i == j {
                    continue;
                }
                let count = m.counts[i][j];
                let (a, b) = (names[i].clone(), names[j].clone());
                let label = format!("{a} and {b}: {count} sentence{}", if count == 1 { "" } else { "s" });
                let title = label.clone();
                cells.push(view! {
                    <rect
                        class="co-cell"
                        class:empty=count == 0
                        x=(LABEL + j * CELL).to_string()
                        y=(top + i * CELL).to_string()
                        width=(CELL - 2).to_string()
                        height=(CELL - 2).to_string()
                        fill-opacity=decimal(if count == 0 { 0.06 } else { 0.2 + 0.8 * f64::from(count) / max }, 2)
                        data-a=a.clone()
                        data-b=b.clone()
                        data-count=count.to_string()
                        role="button"
                        tabindex=if count == 0 { "-1" } else { "0" }
                        aria-label=label.clone()
                        on:click=move |_| {
                            if count > 0 {
                                require.run((a.clone(), b.clone()));
                            }
                        }
                    >
                        <title>{title}</title>
                    </rect>
                });
            }
        }
        view! {
            // Room on the right for the last column's slanted label.
            <svg class="cooccur-chart" viewBox=format!("0 0 {} {height}", size + 60) width=(size + 60).to_string() role="group" aria-label="Sentences naming both">
                {rows}
                {cells}
            </svg>
        }
        .into_any()
    };
    view! {
        <details class="cooccur" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary>"Who appears with whom"</summary>
            <p class="hint">"Sentences that name both, in the articles shown. Click a square to require both names."</p>
            {move || open.get().then(chart)}
        </details>
    }
}
