//! Correcting the names in the page: in "Edit names" mode a chip click selects it instead of
//! filtering, and the editor offers what fits the selection — one chip: its spellings (each can
//! be split out), the articles it is in, rename, kind, hide; several: merge. Undo and redo; the
//! edits are kept with the workspace and download as an `entities.toml`
//! (`corpus::curate`). The edit list lives in [`Workspace`], so it outlives the app being
//! mounted again after each edit.
//!
//! The served page (`ui::large`) offers the same bar and the same rows through [`EditActions`]
//! and [`rename_row`], [`kind_row`], [`merge_form`]; its editor shows what the files give.

use leptos::prelude::*;

use super::context::use_ctx;
use super::download::save;
use super::workspace::use_workspace;
use crate::corpus::curate::{self, Edit};
use crate::corpus::EntityKind;

/// Presentation state of the chip panel's edit mode (not filter state, not in the URL).
#[derive(Clone, Copy)]
pub struct EditMode {
    pub on: RwSignal<bool>,
    /// Selected chips, by name, in the order clicked.
    pub selected: RwSignal<Vec<String>>,
}

impl EditMode {
    pub fn new() -> EditMode {
        EditMode { on: RwSignal::new(false), selected: RwSignal::new(Vec::new()) }
    }

    pub fn toggle(&self, name: &str) {
        self.selected.update(|s| match s.iter().position(|n| n == name) {
            Some(i) => {
                s.remove(i);
            }
            None => s.push(name.to_string()),
        });
    }
}

const KINDS: [EntityKind; 4] = [EntityKind::Person, EntityKind::Organisation, EntityKind::Place, EntityKind::Other];

/// What the edit bar and the editor do, in the embedded page (the workspace's edit list) or the
/// served one (its own, in the link).
#[derive(Clone, Copy)]
pub struct EditActions {
    pub edit: Callback<Edit>,
    pub undo: Callback<()>,
    pub redo: Callback<()>,
    pub can_undo: Signal<bool>,
    pub can_redo: Signal<bool>,
    pub edits: Signal<Vec<Edit>>,
    /// Reads an `entities.toml` the reader picked, where the page offers it.
    pub import: Option<Callback<web_sys::File>>,
}

impl EditActions {
    /// The workspace's edit list (the embedded page).
    pub fn workspace() -> EditActions {
        let ws = use_workspace();
        EditActions {
            edit: Callback::new(move |edit| ws.edit(edit)),
            undo: Callback::new(move |()| ws.undo()),
            redo: Callback::new(move |()| ws.redo()),
            can_undo: Signal::derive(move || ws.can_undo()),
            can_redo: Signal::derive(move || ws.can_redo()),
            edits: Signal::derive(move || ws.edits()),
            import: Some(Callback::new(move |file| ws.import_entities_toml(file))),
        }
    }
}

/// The bar above the chips: edit mode, undo, redo, download (and import, where offered).
#[component]
pub fn CurationBar(mode: EditMode, actions: EditActions) -> impl IntoView {
    let on_import = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let (Some(file), Some(import)) = (input.files().and_then(|f| f.get(0)), actions.import) {
            import.run(file);
        }
        input.set_value("");
    };
    view! {
        // Two rows by design (the panel is too narrow for five buttons): edits, then the file
        // they travel in.
        <div class="curation-bar">
            <div class="curation-row">
            <button
                type="button"
                id="edit-names"
                aria-pressed=move || mode.on.get().to_string()
                on:click=move |_| {
                    mode.on.update(|on| *on = !*on);
                    mode.selected.set(Vec::new());
                }
            >
                {move || if mode.on.get() { "Done editing" } else { "Edit names" }}
            </button>
            <button type="button" id="undo-edit" disabled=move || !actions.can_undo.get() on:click=move |_| actions.undo.run(())>
                "Undo"
            </button>
            <button type="button" id="redo-edit" disabled=move || !actions.can_redo.get() on:click=move |_| actions.redo.run(())>
                "Redo"
            </button>
            </div>
            <div class="curation-row" role="group" aria-labelledby="names-file">
            <span id="names-file" class="curation-file">"entities.toml"</span>
            <button
                type="button"
                data-export="toml"
                disabled=move || !actions.can_undo.get()
                title="Your corrections as an entities.toml: put it in seeds/ to make them part of the site"
                on:click=move |_| {
                    save("entities.toml", "application/toml", &curate::to_toml(&actions.edits.get_untracked()));
                }
            >
                "Download"
            </button>
            {actions.import.is_some().then(|| view! {
                <label
                    class="button"
                    for="import-toml"
                    title="Apply the corrections of an entities.toml (yours from another browser, or the site's)"
                >
                    "Import…"
                </label>
                <input id="import-toml" class="visually-hidden" type="file" accept=".toml,text/plain" on:change=on_import/>
            })}
            </div>
        </div>
    }
}

/// What can be done with the selected chips.
#[component]
pub fn ChipEditor(mode: EditMode) -> impl IntoView {
    let ctx = use_ctx();
    let actions = EditActions::workspace();
    let editor = move || {
        let selected = mode.selected.get();
        let corpus = ctx.corpus.clone();
        let entities: Vec<u32> = selected.iter().filter_map(|n| corpus.entity_by_name(n)).collect();
        match entities.as_slice() {
            [] => select_hint(true).into_any(),
            [one] => {
                let e = &corpus.entities[*one as usize];
                let name = e.name.clone();
                let spellings = e
                    .aliases
                    .iter()
                    .map(|a| {
                        let (name, spelling) = (name.clone(), a.text.clone());
                        let can_split = e.aliases.len() > 1;
                        view! {
                            <li>
                                {format!("{} ×{}", a.text, a.count)}
                                {can_split.then(|| view! {
                                    <button
                                        type="button"
                                        class="link-button split-spelling"
                                        data-spelling=spelling.clone()
                                        on:click=move |_| actions.edit.run(Edit::Split { name: name.clone(), spelling: spelling.clone() })
                                    >
                                        "split out"
                                    </button>
                                })}
                            </li>
                        }
                    })
                    .collect_view();
                let articles = e
                    .docs
                    .iter()
                    .take(10)
                    .map(|&d| {
                        let doc = &corpus.documents[d as usize];
                        let (id, ctx) = (doc.id.clone(), ctx.clone());
                        view! {
                            <li>
                                <button type="button" class="link-button" data-doc=id.clone() on:click=move |_| ctx.open(&id, None)>
                                    {doc.title.clone()}
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                let more = e.docs.len().saturating_sub(10);
                view! {
                    <div class="chip-editor" id="chip-editor" data-entity=name.clone()>
                        <p class="editor-title">{name.clone()}</p>
                        <p class="hint">"Spellings"</p>
                        <ul class="spellings">{spellings}</ul>
                        <p class="hint">{format!("In {} articles", e.docs.len())}</p>
                        <ul class="editor-articles">{articles}</ul>
                        {(more > 0).then(|| view! { <p class="hint">{format!("…and {more} more")}</p> })}
                        {rename_row(mode, actions, name.clone())}
                        {kind_row(mode, actions, name.clone(), e.kind)}
                    </div>
                }
                .into_any()
            }
            several => {
                let names = several.iter().map(|&i| corpus.entities[i as usize].name.clone()).collect();
                merge_form(mode, actions, names).into_any()
            }
        }
    };
    move || mode.on.get().then(&editor)
}

/// The editor with nothing selected (`drag`: a chip dragged onto another merges them).
pub fn select_hint(drag: bool) -> impl IntoView {
    let text = if drag {
        "Select a chip to correct it, or several to merge them (or drag one chip onto another)."
    } else {
        "Select a chip to correct it, or several to merge them."
    };
    view! { <p class="hint">{text}</p> }
}

/// Renaming the selected chip `name` (it stays selected under its new name).
pub fn rename_row(mode: EditMode, actions: EditActions, name: String) -> impl IntoView {
    let rename = RwSignal::new(String::new());
    view! {
        <div class="editor-row">
            <label for="rename-input" class="visually-hidden">"New name"</label>
            <input
                id="rename-input"
                type="text"
                placeholder="New name"
                prop:value=move || rename.get()
                on:input=move |ev| rename.set(event_target_value(&ev))
            />
            <button
                type="button"
                id="rename-chip"
                disabled=move || rename.with(|r| r.trim().is_empty())
                on:click=move |_| {
                    let to = rename.get_untracked().trim().to_string();
                    rename.set(String::new());
                    mode.selected.set(vec![to.clone()]);
                    actions.edit.run(Edit::Rename { from: name.clone(), to });
                }
            >
                "Rename"
            </button>
        </div>
    }
}

/// The kind of the selected chip `name`, and hiding it.
pub fn kind_row(mode: EditMode, actions: EditActions, name: String, kind: EntityKind) -> impl IntoView {
    let n_hide = name.clone();
    view! {
        <div class="editor-row">
            <label for="kind-select">"Kind "</label>
            <select
                id="kind-select"
                on:change=move |ev| {
                    let label = event_target_value(&ev);
                    if let Some(kind) = KINDS.into_iter().find(|k| k.label() == label) {
                        actions.edit.run(Edit::Kind { name: name.clone(), kind });
                    }
                }
            >
                {KINDS
                    .into_iter()
                    .map(|k| view! { <option value=k.label() selected=k == kind>{k.label()}</option> })
                    .collect_view()}
            </select>
            <button
                type="button"
                id="hide-chip"
                on:click=move |_| {
                    mode.selected.set(Vec::new());
                    actions.edit.run(Edit::Hide { name: n_hide.clone() });
                }
            >
                "Hide this name"
            </button>
        </div>
    }
}

/// Merging the selected chips `names` into the one the reader keeps.
pub fn merge_form(mode: EditMode, actions: EditActions, names: Vec<String>) -> impl IntoView {
    let into = RwSignal::new(names[0].clone());
    let options = names.iter().map(|n| view! { <option value=n.clone()>{n.clone()}</option> }).collect_view();
    view! {
        <div class="chip-editor" id="chip-editor">
            <p class="editor-title">{format!("{} names selected", names.len())}</p>
            <div class="editor-row">
                <label for="merge-into">"Keep the name "</label>
                <select id="merge-into" on:change=move |ev| into.set(event_target_value(&ev))>
                    {options}
                </select>
                <button
                    type="button"
                    id="merge-chips"
                    on:click=move |_| {
                        let keep = into.get_untracked();
                        let from = names.iter().filter(|n| **n != keep).cloned().collect();
                        mode.selected.set(vec![keep.clone()]);
                        actions.edit.run(Edit::Merge { into: keep, from });
                    }
                >
                    "Merge"
                </button>
            </div>
        </div>
    }
}
