//! Entity chips grouped by kind. A chip cycles neutral → required → excluded; its count is the
//! number of articles matching the current filter that mention it.

use leptos::prelude::*;

use super::context::use_ctx;
use super::curation::{ChipEditor, CurationBar, EditActions};
use super::shell::History;
use super::state::ChipState;
use super::workspace::use_workspace;
use crate::corpus::curate::Edit;
use crate::corpus::{Entity, EntityKind};

/// How many chips a group shows before "show all": long lists stay scannable and cheap to render.
const CHIPS_PER_GROUP: usize = 24;

const GROUPS: [(EntityKind, &str); 4] = [
    (EntityKind::Person, "People"),
    (EntityKind::Organisation, "Organisations & brands"),
    (EntityKind::Place, "Places"),
    (EntityKind::Other, "Other names"),
];

#[component]
pub fn ChipPanel() -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let show_aliases = RwSignal::new(false);
    view! {
        <aside class="chips-panel" aria-labelledby="chips-heading">
            <h2 id="chips-heading">"Who and what"</h2>
            <CurationBar mode=use_workspace().edit_mode actions=EditActions::workspace()/>
            <ChipEditor mode=use_workspace().edit_mode/>
            <div class="chip-tools">
                <ChipFilter filter/>
                <label class="check">
                    <input
                        type="checkbox"
                        id="show-aliases"
                        prop:checked=move || show_aliases.get()
                        on:change=move |ev| show_aliases.set(event_target_checked(&ev))
                    />
                    " Show spellings"
                </label>
            </div>
            <p class="hint">"Click a name to require it, again to exclude it, again to clear."</p>
            {GROUPS
                .into_iter()
                .map(|(kind, label)| view! { <ChipGroup kind label filter show_aliases/> })
                .collect_view()}
        </aside>
    }
}

/// The names' filter box, for the embedded panel and the served one.
#[component]
pub fn ChipFilter(filter: RwSignal<String>) -> impl IntoView {
    view! {
        <label for="chip-filter" class="visually-hidden">"Filter the names"</label>
        <input
            id="chip-filter"
            type="search"
            placeholder="Filter names…"
            autocomplete="off"
            prop:value=move || filter.get()
            on:input=move |ev| filter.set(event_target_value(&ev))
        />
    }
}

/// True when the filter text occurs in the name or any spelling (case-insensitive).
fn matches_filter(entity: &Entity, needle: &str) -> bool {
    needle.is_empty()
        || entity.name.to_lowercase().contains(needle)
        || entity.aliases.iter().any(|a| a.text.to_lowercase().contains(needle))
}

/// "Mike Lund ×1, ML ×1": every spelling the text used.
fn alias_summary(entity: &Entity) -> String {
    entity.aliases.iter().map(|a| format!("{} ×{}", a.text, a.count)).collect::<Vec<_>>().join(", ")
}

#[component]
fn ChipGroup(
    kind: EntityKind,
    label: &'static str,
    filter: RwSignal<String>,
    show_aliases: RwSignal<bool>,
) -> impl IntoView {
    let ctx = use_ctx();
    let expanded = RwSignal::new(false);
    let corpus = ctx.corpus.clone();
    let results = ctx.results;
    let state = ctx.state;
    // Chips of this kind that pass the filter box, with their display-order keys: active filters
    // first, then by matching articles, then by corpus-wide frequency (the entity order).
    // Unsorted here: only the shown ones are put in order (at 10 000 articles a kind has
    // thousands of entities, and sorting them all on every keystroke was measurable).
    let members = Memo::new(move |_| {
        let needle = filter.with(|f| f.trim().to_lowercase());
        state.with(|s| {
            results.with(|r| {
                corpus
                    .entities
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.kind == kind && matches_filter(e, &needle))
                    .map(|(i, e)| {
                        let active = s.chip_state(&e.name) != ChipState::Neutral;
                        let count = r.entity_counts.get(i).copied().unwrap_or(0);
                        (!active, std::cmp::Reverse(count), i as u32)
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let visible = Memo::new(move |_| {
        let mut keyed = members.get();
        let shown = if expanded.get() { keyed.len() } else { CHIPS_PER_GROUP.min(keyed.len()) };
        if shown > 0 && shown < keyed.len() {
            keyed.select_nth_unstable(shown - 1);
            keyed.truncate(shown);
        }
        keyed.sort_unstable();
        keyed.into_iter().map(|(_, _, i)| i).collect::<Vec<u32>>()
    });
    let heading_id = format!("chips-{}", kind.label());
    view! {
        <Show when=move || members.with(|m| !m.is_empty())>
            <section class="chip-group" aria-labelledby=heading_id.clone()>
                <h3 id=heading_id.clone()>{label}</h3>
                <ul class="chips" role="list">
                    <For each=move || visible.get() key=|i| *i let:i>
                        <li><Chip index=i show_aliases/></li>
                    </For>
                </ul>
                <Show when=move || members.with(|m| m.len() > CHIPS_PER_GROUP)>
                    <button type="button" class="link-button" on:click=move |_| expanded.update(|e| *e = !*e)>
                        {move || if expanded.get() { "Show fewer".to_string() } else { format!("Show all {}", members.with(Vec::len)) }}
                    </button>
                </Show>
            </section>
        </Show>
    }
}

/// The drag data type of a chip dragged onto another (edit mode): its name.
const CHIP_DRAG: &str = "application/x-corpus-chip";

fn carries_chip(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer().is_some_and(|d| d.types().includes(&CHIP_DRAG.into(), 0))
}

#[component]
fn Chip(index: u32, show_aliases: RwSignal<bool>) -> impl IntoView {
    let ctx = use_ctx();
    let entity = &ctx.corpus.entities[index as usize];
    let name = entity.name.clone();
    let aliases = alias_summary(entity);
    let aliases_title = aliases.clone();
    let results = ctx.results;
    let state = ctx.state;
    let chip_state = {
        let name = name.clone();
        Memo::new(move |_| state.with(|s| s.chip_state(&name)))
    };
    let count = move || results.with(|r| r.entity_counts.get(index as usize).copied().unwrap_or(0));
    let click_name = name.clone();
    let label_name = name.clone();
    let mode = use_workspace().edit_mode;
    let selected = {
        let name = name.clone();
        move || mode.on.get() && mode.selected.with(|s| s.contains(&name))
    };
    let ws = use_workspace();
    let drop_target = RwSignal::new(false);
    let (drag_name, drop_name) = (name.clone(), name.clone());
    view! {
        <button
            type="button"
            class="chip"
            class:required=move || chip_state.get() == ChipState::Required
            class:excluded=move || chip_state.get() == ChipState::Excluded
            class:empty=move || count() == 0
            class:selected=selected
            class:drop-target=move || drop_target.get()
            draggable=move || mode.on.get().then_some("true")
            on:dragstart=move |ev| {
                if let Some(dt) = ev.data_transfer() {
                    let _ = dt.set_data(CHIP_DRAG, &drag_name);
                    dt.set_effect_allowed("move");
                }
            }
            on:dragover=move |ev| {
                if carries_chip(&ev) {
                    ev.prevent_default();
                    drop_target.set(true);
                }
            }
            on:dragleave=move |_| drop_target.set(false)
            on:drop=move |ev| {
                drop_target.set(false);
                let Some(dragged) = ev.data_transfer().and_then(|dt| dt.get_data(CHIP_DRAG).ok()) else { return };
                ev.prevent_default();
                if !dragged.is_empty() && dragged != drop_name {
                    mode.selected.set(vec![drop_name.clone()]);
                    ws.edit(Edit::Merge { into: drop_name.clone(), from: vec![dragged] });
                }
            }
            data-entity=name.clone()
            data-kind=entity.kind.label()
            data-state=move || match chip_state.get() {
                ChipState::Neutral => "neutral",
                ChipState::Required => "required",
                ChipState::Excluded => "excluded",
            }
            aria-pressed=move || chip_state.get().pressed()
            aria-label=move || {
                let what = match chip_state.get() {
                    ChipState::Neutral => "",
                    ChipState::Required => ", required",
                    ChipState::Excluded => ", excluded",
                };
                format!("{label_name}, {} {}{what}", count(), if count() == 1 { "article" } else { "articles" })
            }
            title=format!("Spellings: {aliases_title}")
            on:click=move |_| {
                if mode.on.get_untracked() {
                    mode.toggle(&click_name);
                    return;
                }
                let name = click_name.clone();
                ctx.change(History::Push, move |s| s.cycle_entity(&name));
            }
        >
            <span class="chip-mark" aria-hidden="true">
                {move || chip_state.get().mark()}
            </span>
            <span class="chip-name">{name.clone()}</span>
            <span class="chip-count">{count}</span>
            <Show when=move || show_aliases.get()>
                <span class="chip-aliases">{aliases.clone()}</span>
            </Show>
        </button>
    }
}
