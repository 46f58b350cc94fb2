//! The ranked list of matching articles, with snippets and the names each contains.

use leptos::prelude::*;

use super::context::{use_ctx, Ctx};
use super::download::DownloadMenu;
use super::segments::{segments, Mark, Tag};
use super::shell::History;
use super::state::{Sort, ViewState};
use crate::corpus::{query, Hit, Snippet};

/// Rows rendered before "show more": keeps a keystroke cheap at thousands of matches.
const PAGE: usize = 50;

#[component]
pub fn ResultList() -> impl IntoView {
    let ctx = use_ctx();
    let state = ctx.state;
    let results = ctx.results;
    let shown = RwSignal::new(PAGE);
    // A new filter starts again from the first page (only written when it changes: a write
    // re-renders the list once more, on every keystroke).
    Effect::new(move |_| {
        results.track();
        if shown.get_untracked() != PAGE {
            shown.set(PAGE);
        }
    });
    let corpus = ctx.corpus.clone();
    // Display order as indices into `results.hits`: sorting never clones the (possibly
    // thousands of) hits; only the rendered page is materialised below.
    let ordered = Memo::new(move |_| {
        let sort = state.with(|s| s.sort);
        results.with(|r| match sort {
            Sort::Date => query::newest_first(&r.hits, |d| corpus.documents[d as usize].date.map(|d| d.start)),
            Sort::Relevance => (0..r.hits.len() as u32).collect(),
        })
    });
    let page_corpus = ctx.corpus.clone();
    let query = ctx.query;
    let page = move || {
        let n = shown.get();
        ordered.with(|order| {
            results.with(|r| {
                order
                    .iter()
                    .take(n)
                    .map(|&i| {
                        let mut hit = r.hits[i as usize].clone();
                        // Snippets are computed for the top hits only; the rest on display.
                        if hit.snippet.text.is_empty() {
                            hit.snippet = query.with(|q| page_corpus.snippet(q, hit.doc));
                        }
                        hit
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let ctx_sort = ctx.clone();
    let ctx_clear = ctx.clone();
    view! {
        <section class="results" aria-labelledby="results-heading">
            <div class="section-head">
                <h2 id="results-heading" tabindex="-1">"Articles"</h2>
                <SortSelect
                    sort=Signal::derive(move || state.with(|s| s.sort))
                    set=Callback::new(move |sort| ctx_sort.change(History::Push, move |s| s.sort = sort))
                />
                <DownloadMenu/>
            </div>
            <Show
                when=move || ordered.with(|h| !h.is_empty())
                fallback=move || {
                    let ctx = ctx_clear.clone();
                    empty_state(move || ctx.change(History::Push, ViewState::clear_filters))
                }
            >
                <ol class="result-list" id="result-list">
                    <For
                        each=page.clone()
                        key=|hit| (hit.doc, hit.snippet.text.clone(), hit.snippet.highlights.clone())
                        let:hit
                    >
                        <ResultRow hit/>
                    </For>
                </ol>
                <Show when=move || ordered.with(|h| h.len() > shown.get())>
                    <button type="button" class="link-button" on:click=move |_| shown.update(|n| *n += PAGE)>
                        {move || format!("Show more ({} not shown)", ordered.with(|h| h.len()).saturating_sub(shown.get()))}
                    </button>
                </Show>
            </Show>
        </section>
    }
}

/// "Sort by relevance / date", for the embedded list and the served one.
#[component]
pub fn SortSelect(sort: Signal<Sort>, set: Callback<Sort>) -> impl IntoView {
    view! {
        <label class="sort">
            "Sort by "
            <select
                id="sort"
                on:change=move |ev| set.run(if event_target_value(&ev) == "date" { Sort::Date } else { Sort::Relevance })
                prop:value=move || if sort.get() == Sort::Date { "date" } else { "relevance" }
            >
                <option value="relevance">"relevance"</option>
                <option value="date">"date"</option>
            </select>
        </label>
    }
}

#[component]
fn ResultRow(hit: Hit) -> impl IntoView {
    let ctx: Ctx = use_ctx();
    let doc = &ctx.corpus.documents[hit.doc as usize];
    let id = doc.id.clone();
    let date = doc.short_date();
    // The index already holds each document's entities, ascending (most widespread first).
    let names: Vec<String> = ctx.corpus.index.doc_entities[hit.doc as usize]
        .iter()
        .take(8)
        .map(|&e| ctx.corpus.entities[e as usize].name.clone())
        .collect();
    let open_ctx = ctx.clone();
    let open_id = id.clone();
    let sentence = hit.snippet.sentence;
    let state = ctx.state;
    let is_open = {
        let id = id.clone();
        move || state.with(|s| s.doc.as_deref() == Some(id.as_str()))
    };
    view! {
        <li class="result" data-doc=id.clone() class:open=is_open>
            <h3>
                <button
                    type="button"
                    class="result-title"
                    on:click=move |_| open_ctx.open(&open_id, sentence)
                >
                    {doc.title.clone()}
                </button>
            </h3>
            <p class="result-meta">
                <span class="date">{date}</span>
                {doc.source.clone().map(|s| view! { <span class="source">" · "{s}</span> })}
            </p>
            <p class="snippet">{highlighted(&hit.snippet)}</p>
            <ul class="mini-chips" aria-label="Names in this article">
                {names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        </li>
    }
}

/// What the list says when nothing matches, with the way out.
pub fn empty_state(clear: impl Fn() + 'static) -> impl IntoView {
    view! {
        <div class="empty-state" id="empty-state">
            <p>"No article matches these filters."</p>
            <button type="button" on:click=move |_| clear()>"Clear all filters"</button>
        </div>
    }
}

/// The snippet as escaped text runs, hits wrapped in `<mark>`.
pub fn highlighted(snippet: &Snippet) -> impl IntoView {
    let marks: Vec<Mark> = snippet.highlights.iter().map(|&(start, end)| Mark { start, end, tag: Tag::Hit }).collect();
    segments(&snippet.text, &marks)
        .into_iter()
        .map(|seg| if seg.hit { view! { <mark class="hit">{seg.text}</mark> }.into_any() } else { seg.text.into_any() })
        .collect_view()
}
