//! The reader: one cleaned article with mentions, dates and search hits marked. Clicking a
//! mention toggles its chip; hovering a date shows how it was resolved; boilerplate is shown
//! collapsed and dimmed; next/previous hit; Esc closes (handled by the app shell).

use crate::corpus::order;
use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use super::context::{use_ctx, Ctx};
use super::segments::{segments, Mark, Tag};
use super::shell::{self, History};
use crate::corpus::{echo, Document, Query};

#[component]
pub fn Reader() -> impl IntoView {
    let ctx = use_ctx();
    let state = ctx.state;
    let open_doc = Memo::new({
        let corpus = ctx.corpus.clone();
        move |_| state.with(|s| s.doc.as_deref().and_then(|id| corpus.document_by_id(id)))
    });
    let sentence = Memo::new(move |_| state.with(|s| s.sentence));
    // Bring the linked sentence into view once it is rendered.
    Effect::new(move |_| {
        if let (Some(_), Some(s)) = (open_doc.get(), sentence.get()) {
            request_animation_frame(move || shell::scroll_into_view(&format!("s-{s}")));
        }
    });
    let ctx_close = ctx.clone();
    let close = move || {
        ctx_close.change(History::Push, |s| {
            s.doc = None;
            s.sentence = None;
        })
    };
    view! {
        <Show when=move || open_doc.get().is_some()>
            {
                let ctx = ctx.clone();
                let close = close.clone();
                move || {
                    let Some(doc_index) = open_doc.get() else { return ().into_any() };
                    let ctx = ctx.clone();
                    let close = close.clone();
                    view! { <Article ctx doc_index close/> }.into_any()
                }
            }
        </Show>
    }
}

#[component]
fn Article(ctx: Ctx, doc_index: u32, close: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let doc: &Document = &ctx.corpus.documents[doc_index as usize];
    let query = ctx.query;
    // No hit is current until the reader asks for the next or previous one.
    let current_hit: RwSignal<Option<usize>> = RwSignal::new(None);
    let date_line = super::dating::article_date(doc);
    let basis = doc.date_mark();
    let provenance = super::dating::how_found(doc, &ctx.corpus);
    let step = move |delta: isize| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(hits) = document.query_selector_all("#reader mark.hit") else {
            return;
        };
        let n = hits.length() as usize;
        if n == 0 {
            return;
        }
        let next = match current_hit.get_untracked() {
            Some(i) => (i as isize + delta).rem_euclid(n as isize) as usize,
            None if delta >= 0 => 0,
            None => n - 1,
        };
        current_hit.set(Some(next));
        for i in 0..n {
            if let Some(el) =
                hits.item(i as u32).and_then(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
            {
                let _ = el.class_list().toggle_with_force("current", i == next);
                if i == next {
                    let _ = el.set_attribute("id", "current-hit");
                    shell::scroll_into_view("current-hit");
                } else {
                    let _ = el.remove_attribute("id");
                }
            }
        }
    };
    // Sentences other articles repeat, found once per opened article.
    let mut also: HashMap<u32, Vec<(u32, u32)>> = HashMap::new();
    for e in ctx.echoes(doc_index) {
        also.entry(e.sentence).or_default().push((e.doc, e.other));
    }
    let also = Arc::new(also);
    let paragraphs = doc
        .paragraphs
        .iter()
        .enumerate()
        .map(|(p_index, paragraph)| {
            let (ctx, also) = (ctx.clone(), also.clone());
            let sentences = (paragraph.first..paragraph.end).collect::<Vec<u32>>();
            let body = move || {
                let q = query.get();
                sentences
                    .iter()
                    .map(|&s| {
                        let repeated = also.get(&s).map(|list| also_in(&ctx, list));
                        view! { {sentence_view(&ctx, doc_index, s, &q)} {repeated} }
                    })
                    .collect_view()
            };
            if paragraph.boilerplate {
                view! {
                    <details class="boilerplate" data-paragraph=p_index>
                        <summary>"Not part of the article (links, comments, navigation)"</summary>
                        <p>{body}</p>
                    </details>
                }
                .into_any()
            } else {
                view! { <p data-paragraph=p_index>{body}</p> }.into_any()
            }
        })
        .collect_view();
    let close_button = close.clone();
    let cite = {
        let doc = doc.clone();
        let state = ctx.state;
        let copied: RwSignal<Option<bool>> = RwSignal::new(None);
        move || {
            state.with(|s| s.sentence).map(|sentence| {
                let doc = doc.clone();
                view! {
                    <button
                        type="button"
                        id="copy-citation"
                        on:click=move |_| {
                            let text = super::table::citation(&doc, sentence, &shell::current_href());
                            shell::copy_to_clipboard(&text, move |ok| copied.set(Some(ok)));
                        }
                    >
                        {move || match copied.get() {
                            None => "Copy citation",
                            Some(true) => "Citation copied",
                            Some(false) => "Copy failed",
                        }}
                    </button>
                }
            })
        }
    };
    view! {
        <article class="reader" id="reader" data-doc=doc.id.clone() aria-labelledby="reader-title">
            <div class="reader-bar">
                {cite}
                <button type="button" id="prev-hit" on:click=move |_| step(-1) aria-label="Previous search hit">"↑ Previous hit"</button>
                <button type="button" id="next-hit" on:click=move |_| step(1) aria-label="Next search hit">"↓ Next hit"</button>
                <button type="button" id="close-reader" on:click=move |_| close_button() aria-label="Close the article (Esc)">"✕ Close"</button>
            </div>
            <h2 id="reader-title">{doc.title.clone()}</h2>
            <p class="reader-meta">
                <span class="date" id="article-date" data-basis=basis>{date_line}</span>
                {doc.source.clone().map(|s| view! { <span>" · "{s}</span> })}
                {doc.url.clone().map(|u| view! { <span class="url">" · "{u}</span> })}
            </p>
            {date_evidence(&ctx, doc, provenance)}
            {set_date(doc)}
            <div class="reader-body">{paragraphs}</div>
            {unplaced(doc)}
        </article>
    }
}

/// How the article's date was found: where it comes from, the evidence one line each, and
/// the other articles it leans on (each opens in the reader).
fn date_evidence(ctx: &Ctx, doc: &Document, provenance: String) -> impl IntoView + use<> {
    let evidence = doc.date_evidence.iter().map(|line| view! { <li>{line.clone()}</li> }).collect_view();
    let sources = doc
        .date_from
        .iter()
        .filter_map(|&k| ctx.corpus.documents.get(k as usize))
        .enumerate()
        .map(|(i, other)| {
            let (id, ctx) = (other.id.clone(), ctx.clone());
            view! {
                {(i > 0).then_some(", ")}
                <button type="button" class="link-button" data-doc=id.clone() on:click=move |_| ctx.open(&id, None)>
                    {other.title.clone()}
                </button>
            }
        })
        .collect_view();
    let has_sources = !doc.date_from.is_empty();
    view! {
        <details class="date-evidence" id="date-evidence">
            <summary>"How this date was found: "{provenance}</summary>
            <ol>{evidence}</ol>
            {has_sources.then(|| view! { <p class="date-sources">"Dated with the help of: "{sources}</p> })}
        </details>
    }
}

/// "Set date": the reader says when the article was written (a day, a month, a year or a
/// range). It is a correction like a name edit — undone by Undo, kept with the workspace,
/// carried in the link, written to the `entities.toml` download as an `[[article]]` entry —
/// and everything dated from this article follows (the date stage runs again).
fn set_date(doc: &Document) -> impl IntoView + use<> {
    let ws = super::workspace::use_workspace();
    let id = doc.id.clone();
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    let apply = move || {
        let text = input.get().map(|i| i.value()).unwrap_or_default();
        match crate::corpus::overrides::parse_date(&text) {
            Some(date) => {
                error.set(None);
                ws.edit(crate::corpus::curate::Edit::Date { doc: id.clone(), date });
            }
            None => error.set(Some(format!(
                "“{}” is not a date here: write a day (2016-05-14), a month (2016-05), a year (2016) or a range (2016-05-14..2016-05-18).",
                text.trim()
            ))),
        }
    };
    let on_key = {
        let apply = apply.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Enter" {
                apply();
            }
        }
    };
    view! {
        <details class="set-date" id="set-date">
            <summary>"Set date"</summary>
            <label for="set-date-input">"When it was written (a day, a month, a year or a range): "</label>
            <input id="set-date-input" type="text" placeholder="2016-05-14 · 2016-05 · 2016-05-14..2016-05-18" on:keydown=on_key node_ref=input/>
            <button type="button" id="set-date-apply" on:click=move |_| apply()>"Set"</button>
            <p class="muted">"Undo takes it back. It is kept with your corrections, travels in the link, and is written to the entities.toml download."</p>
            {move || error.get().map(|e| view! { <p class="set-date-error" role="alert">{e}</p> })}
        </details>
    }
}

/// The article's date expressions that are not on the timeline, with what is known of each
/// ("14 May (year not known)") and why: listed, not silently dropped.
fn unplaced(doc: &Document) -> impl IntoView + use<> {
    if doc.unresolved.is_empty() {
        return ().into_any();
    }
    let reason = doc.unresolved_reason();
    let items = doc
        .unresolved
        .iter()
        .map(|u| {
            let sentence = doc.sentences.get(u.sentence as usize).map(|s| s.text.clone()).unwrap_or_default();
            view! {
                <li data-sentence=u.sentence>
                    <span class="unplaced-note">{u.note.clone()}</span>
                    " — "
                    <span class="unplaced-sentence">{sentence}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="unplaced" id="unplaced" aria-labelledby="unplaced-heading">
            <h3 id="unplaced-heading">"Dates not on the timeline"</h3>
            <p class="muted">{reason}</p>
            <ul>{items}</ul>
        </section>
    }
    .into_any()
}

/// "also in …" after a sentence other articles repeat: a link to each one's sentence.
fn also_in(ctx: &Ctx, list: &[(u32, u32)]) -> impl IntoView + use<> {
    // The earliest articles first (date order, as on a served corpus): the likely source.
    let rank = |doc: u32| ctx.corpus.index.date_rank.get(doc as usize).copied().unwrap_or(u32::MAX);
    let mut list = list.to_vec();
    order::sort_by_key(&mut list, |&(doc, _)| (rank(doc), doc));
    let links: Vec<OtherPassage> = list
        .iter()
        .take(echo::SHOWN)
        .map(|&(doc, sentence)| {
            let other = &ctx.corpus.documents[doc as usize];
            OtherPassage { id: other.id.clone(), title: other.title.clone(), sentence }
        })
        .collect();
    let ctx = ctx.clone();
    also_in_view(links, list.len(), move |link| ctx.open(&link.id, Some(link.sentence)))
}

/// The other article of an "also in" link: its id, title and the sentence that repeats.
pub(super) struct OtherPassage {
    pub id: String,
    pub title: String,
    pub sentence: u32,
}

/// "↔ also in …" after a sentence `total` other articles repeat: `links` to the first few
/// (`open` follows one), then how many more. Both readers (embedded and served) show it.
pub(super) fn also_in_view<F>(links: Vec<OtherPassage>, total: usize, open: F) -> impl IntoView + use<F>
where
    F: Fn(&OtherPassage) + Clone + 'static,
{
    let more = total.saturating_sub(links.len());
    let links = links
        .into_iter()
        .enumerate()
        .map(|(i, other)| {
            let title: String = match other.title.char_indices().nth(48) {
                Some((cut, _)) => format!("{}…", &other.title[..cut]),
                None => other.title.clone(),
            };
            let (id, sentence, full) = (other.id.clone(), other.sentence, other.title.clone());
            let open = open.clone();
            view! {
                {(i > 0).then_some(", ")}
                <button
                    type="button"
                    class="link-button"
                    data-doc=id
                    data-sentence=sentence
                    title=format!("The same passage in “{full}”")
                    on:click=move |_| open(&other)
                >
                    {title}
                </button>
            }
        })
        .collect_view();
    view! {
        <span class="also-in">
            "also in "{links}{(more > 0).then(|| format!(" and {more} more"))}" "
        </span>
    }
}

/// One sentence as escaped runs: a mention is a button toggling its chip, a date is a `<mark>`
/// whose title says how it was resolved, a search hit is a `<mark class="hit">`.
fn sentence_view(ctx: &Ctx, doc_index: u32, s_index: u32, query: &Query) -> impl IntoView + use<> {
    let doc = &ctx.corpus.documents[doc_index as usize];
    let Some(sentence) = doc.sentences.get(s_index as usize) else {
        return ().into_any();
    };
    let mut marks: Vec<Mark> =
        sentence.mentions.iter().map(|m| Mark { start: m.start, end: m.end, tag: Tag::Entity(m.entity) }).collect();
    marks.extend(
        ctx.corpus
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.doc == doc_index && e.sentence == s_index)
            .map(|(i, e)| Mark { start: e.start, end: e.end, tag: Tag::Event(i as u32) }),
    );
    marks.extend(doc.unresolved.iter().filter(|u| u.sentence == s_index).map(|u| Mark {
        start: u.start,
        end: u.end,
        tag: Tag::Unresolved,
    }));
    // Worded once per sentence that needs it, not for every sentence the reader draws.
    let notes: Vec<&str> = doc.unresolved.iter().filter(|u| u.sentence == s_index).map(|u| u.note.as_str()).collect();
    let unresolved_reason =
        if notes.is_empty() { String::new() } else { format!("{}. {}", notes.join("; "), doc.unresolved_reason()) };
    if !sentence.boilerplate {
        marks.extend(ctx.corpus.highlight(query, &sentence.text).into_iter().map(|(start, end)| Mark {
            start,
            end,
            tag: Tag::Hit,
        }));
    }
    let selected = ctx.state.with_untracked(|s| s.sentence == Some(s_index));
    // Each segment's inner marks (hit, date), then consecutive segments of one name joined
    // into one mention: a hit or a date inside "Harbour Trust" must not make it two targets.
    let pieces: Vec<(Option<u32>, AnyView)> = segments(&sentence.text, &marks)
        .into_iter()
        .map(|seg| {
            let text = seg.text;
            let inner = if seg.hit { view! { <mark class="hit">{text}</mark> }.into_any() } else { text.into_any() };
            let inner = match seg.event.and_then(|i| ctx.corpus.events.get(i as usize)) {
                Some(e) => view! {
                    <mark class="date" tabindex="0" data-date=e.date.iso() title=format!("{} ({}) — {}", e.date.label(), e.date.precision.label(), e.resolution)>{inner}</mark>
                }
                .into_any(),
                None if seg.unresolved => view! {
                    <mark class="date unresolved" tabindex="0" title=unresolved_reason.clone()>{inner}</mark>
                }
                .into_any(),
                None => inner,
            };
            (seg.entity, inner)
        })
        .collect();
    let mut groups: Vec<(Option<u32>, Vec<AnyView>)> = Vec::new();
    for (entity, inner) in pieces {
        match groups.last_mut() {
            Some((last, views)) if entity.is_some() && *last == entity => views.push(inner),
            _ => groups.push((entity, vec![inner])),
        }
    }
    let runs = groups
        .into_iter()
        .map(|(entity, inner)| match entity.and_then(|i| ctx.corpus.entities.get(i as usize)) {
            Some(entity) => {
                let name = entity.name.clone();
                let ctx = ctx.clone();
                let state = ctx.state;
                let active = {
                    let name = name.clone();
                    move || state.with(|s| s.include.contains(&name) || s.exclude.contains(&name))
                };
                view! {
                    <button
                        type="button"
                        class="mention"
                        class:active=active
                        data-entity=name.clone()
                        title=format!("{} ({}) — click to filter by it", entity.name, entity.kind.label())
                        on:click=move |_| {
                            let name = name.clone();
                            ctx.change(History::Push, move |s| s.toggle_entity(&name));
                        }
                    >
                        {inner}
                    </button>
                }
                .into_any()
            }
            None => inner.into_iter().collect_view().into_any(),
        })
        .collect_view();
    view! {
        <span class="sentence" class:selected=selected id=format!("s-{s_index}") data-sentence=s_index>
            {runs}
            " "
        </span>
    }
    .into_any()
}
