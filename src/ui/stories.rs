//! The story view: the timeline's events grouped into happenings across articles
//! (`corpus::story`), each with its sources, their own dates, and where they disagree.

use std::sync::Arc;

use leptos::prelude::*;

use super::context::use_ctx;
use crate::corpus::story::{self, Card, Story, SOURCES_SHOWN};
use crate::corpus::Corpus;

/// Stories shown before "show more".
const STORY_PAGE: usize = 40;

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
        move |_| results.with(|r| story::visible(&all, &r.events, corpus.events.len()))
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
    let card = Card::new(story, &ctx.corpus);
    story_item(index, card, move |_, id, sentence| ctx.open(&id, sentence)).into_any()
}

/// One story's row: its date, how many articles report it, its lead sentence, where sources
/// disagree, and one line per article (its title opens it at the story's sentence, with when
/// it ran and when it says this happened). `open(number, id, sentence)` opens an article.
/// Drawn the same for the embedded corpus and a served one.
pub fn story_item(index: u32, card: Card, open: impl Fn(u32, String, Option<u32>) + Clone + 'static) -> impl IntoView {
    let more = (card.source_count as usize).saturating_sub(SOURCES_SHOWN);
    let sources = card
        .sources
        .iter()
        .take(SOURCES_SHOWN)
        .map(|source| {
            let happened = source.happened.map(|d| d.label()).unwrap_or_default();
            let (number, id, sentence) = (source.doc, source.id.clone(), source.sentence);
            let open = open.clone();
            view! {
                <li>
                    <button
                        type="button"
                        class="link-button story-source"
                        data-doc=id.clone()
                        on:click=move |_| open(number, id.clone(), sentence)
                    >
                        {source.title.clone()}
                    </button>
                    <span class="muted">{format!(" — reported {}, happened {happened}", source.reported)}</span>
                </li>
            }
        })
        .collect_view();
    // A disagreement names its articles by title, the first few of them.
    let titles = |docs: &[u32]| {
        let named: Vec<&str> =
            docs.iter().take(story::NAMED).filter_map(|&d| card.source(d)).map(|x| x.title.as_str()).collect();
        match docs.len().saturating_sub(story::NAMED) {
            0 => named.join("; "),
            rest => format!("{}; and {rest} more", named.join("; ")),
        }
    };
    let disagreement = |values: Vec<(String, &[u32])>| {
        values.iter().map(|(value, docs)| format!("{value} ({})", titles(docs))).collect::<Vec<_>>().join(" vs ")
    };
    let date_note = (!card.date_conflicts.is_empty()).then(|| {
        let labelled = card.date_conflicts.iter().map(|(date, docs)| (date.label(), docs.as_slice())).collect();
        format!("Sources disagree on the date: {}", disagreement(labelled))
    });
    let number_notes: Vec<String> = card
        .number_conflicts
        .iter()
        .map(|(noun, values)| {
            let values = values.iter().map(|(n, docs)| (n.clone(), docs.as_slice())).collect();
            format!("Sources give different counts of {noun}: {}", disagreement(values))
        })
        .collect();
    let articles = match card.source_count {
        1 => "1 article".to_string(),
        n => format!("{n} articles"),
    };
    view! {
        <li class="story" data-story=index.to_string() data-sources=card.source_count.to_string() data-date=card.date.iso()>
            <p class="story-head">
                <span class="event-date">{card.date.label()}</span>
                <span class="story-count">{articles}</span>
            </p>
            <p class="event-sentence">{card.lead.clone()}</p>
            {date_note.map(|n| view! { <p class="story-disagreement">{n}</p> })}
            {number_notes.into_iter().map(|n| view! { <p class="story-disagreement">{n}</p> }).collect_view()}
            <ul class="story-sources">
                {sources}
                {(more > 0).then(|| view! {
                    <li class="muted story-more">{format!("and {more} more (all of them in the stories table under Download)")}</li>
                })}
            </ul>
        </li>
    }
}
