//! The story view: the timeline's events grouped into happenings across articles
//! (`corpus::story`), each with its sources, their own dates, and where they disagree.

use std::sync::Arc;

use leptos::prelude::*;

use super::context::use_ctx;
use crate::corpus::story::Story;
use crate::corpus::Corpus;

/// Stories shown before "show more".
const STORY_PAGE: usize = 40;

/// The stories (indices into `all`) with at least one of `events` (the filter's), in order.
pub fn stories_of(all: &[Story], events: &[u32], n_events: usize) -> Vec<u32> {
    let mut matching = vec![false; n_events];
    for &e in events {
        if let Some(m) = matching.get_mut(e as usize) {
            *m = true;
        }
    }
    (0..all.len() as u32)
        .filter(|&s| all[s as usize].events.iter().any(|&e| matching.get(e as usize) == Some(&true)))
        .collect()
}

/// The event that stands for a story on the chart: its lead when the lead carries the story's
/// date, else the first event that does (so the mark sits at the date the row shows).
pub fn mark_event(story: &Story, corpus: &Corpus) -> u32 {
    let dated = |e: &u32| corpus.events.get(*e as usize).is_some_and(|ev| ev.date == story.date);
    if dated(&story.lead) {
        return story.lead;
    }
    story.events.iter().copied().find(dated).unwrap_or(story.lead)
}

/// The stories whose events match the current filter, with one row each.
#[component]
pub fn StoryList() -> impl IntoView {
    let ctx = use_ctx();
    let corpus = ctx.corpus.clone();
    // Grouped once per corpus, when a view first asks; the filter only picks from them.
    let all: Arc<Vec<Story>> = ctx.stories();
    let results = ctx.results;
    let visible = Memo::new({
        let all = all.clone();
        move |_| results.with(|r| stories_of(&all, &r.events, corpus.events.len()))
    });
    let shown = RwSignal::new(STORY_PAGE);
    let count = move || visible.with(Vec::len);
    let rows = all.clone();
    let multi = move || visible.with(|v| v.iter().filter(|&&s| all[s as usize].docs.len() > 1).count());
    view! {
        <h3 class="event-list-heading">
            {move || format!("{} stories, {} reported by more than one article", count(), multi())}
        </h3>
        <ol class="event-list story-list" id="story-list">
            <For
                each=move || visible.with(|v| v.iter().copied().take(shown.get()).collect::<Vec<_>>())
                key=|i| *i
                let:index
            >
                <StoryRow stories=rows.clone() index/>
            </For>
        </ol>
        <Show when=move || { count() > shown.get() }>
            <button type="button" class="link-button" on:click=move |_| shown.update(|n| *n += STORY_PAGE)>
                {move || format!("Show more stories ({} not shown)", count().saturating_sub(shown.get()))}
            </button>
        </Show>
    }
}

#[component]
fn StoryRow(stories: Arc<Vec<Story>>, index: u32) -> impl IntoView {
    let Some(story) = stories.get(index as usize) else { return ().into_any() };
    let ctx = use_ctx();
    let corpus = ctx.corpus.clone();
    let lead = &corpus.events[story.lead as usize];
    let lead_text = corpus.documents[lead.doc as usize].sentences.get(lead.sentence as usize).map(|s| s.text.clone());
    // One line per article: its title, when it ran, and when it says this happened.
    let sources = story
        .docs
        .iter()
        .map(|&d| {
            let doc = &corpus.documents[d as usize];
            let event = story.events.iter().map(|&e| &corpus.events[e as usize]).find(|e| e.doc == d);
            let reported = if doc.date.is_some() { super::dating::short_date(doc) } else { "date unknown".to_string() };
            let happened = event.map(|e| e.date.label()).unwrap_or_default();
            let (id, sentence) = (doc.id.clone(), event.map(|e| e.sentence));
            let open_ctx = ctx.clone();
            view! {
                <li>
                    <button
                        type="button"
                        class="link-button story-source"
                        data-doc=id.clone()
                        on:click=move |_| open_ctx.open(&id, sentence)
                    >
                        {doc.title.clone()}
                    </button>
                    <span class="muted">{format!(" — reported {reported}, happened {happened}")}</span>
                </li>
            }
        })
        .collect_view();
    let title = |d: &u32| corpus.documents[*d as usize].title.clone();
    let date_note = (!story.date_conflicts.is_empty()).then(|| {
        let parts: Vec<String> = story
            .date_conflicts
            .iter()
            .map(|(date, docs)| format!("{} ({})", date.label(), docs.iter().map(title).collect::<Vec<_>>().join("; ")))
            .collect();
        format!("Sources disagree on the date: {}", parts.join(" vs "))
    });
    let number_notes: Vec<String> = story
        .number_conflicts
        .iter()
        .map(|c| {
            let parts: Vec<String> = c
                .values
                .iter()
                .map(|(n, docs)| format!("{n} ({})", docs.iter().map(title).collect::<Vec<_>>().join("; ")))
                .collect();
            format!("Sources give different counts of {}: {}", c.noun, parts.join(" vs "))
        })
        .collect();
    view! {
        <li class="story" data-story=index.to_string() data-sources=story.docs.len().to_string() data-date=story.date.iso()>
            <p class="story-head">
                <span class="event-date">{story.date.label()}</span>
                <span class="story-count">
                    {match story.docs.len() {
                        1 => "1 article".to_string(),
                        n => format!("{n} articles"),
                    }}
                </span>
            </p>
            <p class="event-sentence">{lead_text}</p>
            {date_note.map(|n| view! { <p class="story-disagreement">{n}</p> })}
            {number_notes.into_iter().map(|n| view! { <p class="story-disagreement">{n}</p> }).collect_view()}
            <ul class="story-sources">{sources}</ul>
        </li>
    }
    .into_any()
}
