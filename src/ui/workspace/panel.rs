//! The "Add articles" button and panel: add files, watch progress, see each file's status,
//! remove, clear, export.

use js_sys::futures::JsFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::{js_cancel, js_export, js_text, saving_line, use_workspace};
use crate::ui::chart::decimal;
use crate::ui::report::{megabytes, FileRow, Progress};

/// The toolbar button that opens the panel; it counts the reader's files.
#[component]
pub fn WorkspaceButton() -> impl IntoView {
    let ws = use_workspace();
    view! {
        <button
            type="button"
            id="workspace-toggle"
            aria-controls="workspace"
            aria-expanded=move || ws.open.get().to_string()
            on:click=move |_| ws.open.update(|o| *o = !*o)
        >
            {move || {
                let mine = ws.rows.with(|r| r.iter().filter(|r| r.added).count());
                if mine == 0 { "Add articles".to_string() } else { format!("Your articles ({mine})") }
            }}
        </button>
    }
}

/// The panel: add files, watch progress, see each file's status, remove, clear, export.
#[component]
pub fn WorkspacePanel() -> impl IntoView {
    let ws = use_workspace();
    let visible = move || ws.open.get() || ws.busy() || ws.message.with(Option::is_some);
    let pasted = RwSignal::new(String::new());
    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(files) = input.files() {
            if files.length() > 0 {
                ws.add_files(files.into());
            }
        }
        // The same file chosen again later must fire `change` again.
        input.set_value("");
    };
    view! {
        <section id="workspace" class="workspace" aria-labelledby="workspace-heading" hidden=move || !visible()>
            <div class="workspace-head">
                <h2 id="workspace-heading">"Your articles"</h2>
                <p class="privacy">
                    "Files are read and analysed in this browser and kept in its storage. Nothing is uploaded."
                </p>
                <button type="button" class="link-button" on:click=move |_| ws.open.set(false)>
                    "Close"
                </button>
            </div>
            <div class="add-row">
                <label class="button" for="add-files">"Choose files…"</label>
                <input id="add-files" class="visually-hidden" type="file" multiple on:change=on_files/>
                <label class="button" for="add-folder">"Choose a folder…"</label>
                <input id="add-folder" class="visually-hidden" type="file" multiple prop:webkitdirectory=true on:change=on_files/>
                <span class="muted">
                    "or drop files on the page. Text, Markdown, saved web pages (HTML), CSV and JSON."
                </span>
            </div>
            <details class="paste">
                <summary>"Paste text"</summary>
                <label for="paste-text" class="visually-hidden">"Article text"</label>
                <textarea
                    id="paste-text"
                    rows="5"
                    placeholder="Paste an article: its first line is taken as the title."
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))
                ></textarea>
                <button
                    type="button"
                    id="paste-add"
                    disabled=move || pasted.with(|t| t.trim().is_empty())
                    on:click=move |_| {
                        ws.add_text(pasted.get_untracked());
                        pasted.set(String::new());
                    }
                >
                    "Add pasted text"
                </button>
            </details>
            <ProgressBar/>
            {move || ws.message.get().map(|m| view! { <p class="workspace-message" role="alert">{m}</p> })}
            <FileList/>
            <WorkspaceActions/>
            {saving_line(ws.saving)}
            <p class="muted storage-note">{move || ws.storage.get()}</p>
        </section>
    }
}

#[component]
fn ProgressBar() -> impl IntoView {
    let ws = use_workspace();
    move || ws.progress.get().map(progress_line)
}

/// A run's progress bar, its sentence and Cancel (the served page's panel draws it too).
pub(crate) fn progress_line(p: Progress) -> impl IntoView {
    view! {
        <div class="progress" id="progress" role="status">
            <progress max="1" value=decimal(p.fraction(), 3) aria-label="Analysis progress"></progress>
            <span class="progress-label">{p.label()}</span>
            <button
                type="button"
                id="cancel-analysis"
                on:click=move |_| {
                    let _ = js_cancel();
                }
            >
                "Cancel"
            </button>
        </div>
    }
}

/// One file's row: its name, size, outcome and reason, then `extra` (a Remove button here).
pub(crate) fn file_item(row: FileRow, extra: impl IntoView + 'static) -> impl IntoView {
    let status = if row.added { "added" } else { "skipped" };
    let outcome = match (row.added, row.docs.len()) {
        (false, _) => "Not added".to_string(),
        (true, 1) => "Added".to_string(),
        (true, n) => format!("Added: {n} articles"),
    };
    let name = row.name.clone();
    view! {
        <li data-file=name data-status=status class=status>
            <span class="file-name">{row.name}</span>
            <span class="muted">{megabytes(row.size)}</span>
            <span class="file-status">{outcome}</span>
            <span class="file-reason">{row.reason}</span>
            {extra}
        </li>
    }
}

#[component]
fn FileList() -> impl IntoView {
    let ws = use_workspace();
    view! {
        <ul class="files" aria-label="Your files">
            {move || {
                ws.rows
                    .get()
                    .into_iter()
                    .enumerate()
                    .take(MAX_ROWS)
                    .map(|(index, row)| {
                        let label = format!("Remove {}", row.name);
                        let remove = view! {
                            <button
                                type="button"
                                class="link-button"
                                aria-label=label
                                disabled=move || ws.busy()
                                on:click=move |_| ws.remove(index)
                            >
                                "Remove"
                            </button>
                        };
                        file_item(row, remove)
                    })
                    .collect_view()
            }}
            {move || {
                ws.rows.with(|rows| {
                    (rows.len() > MAX_ROWS).then(|| {
                        let rest = &rows[MAX_ROWS..];
                        let skipped = rest.iter().filter(|r| !r.added).count();
                        format!("…and {} more files ({skipped} of them not added).", rest.len())
                    })
                })
                    .map(|text| view! { <li class="more">{text}</li> })
            }}
        </ul>
    }
}

/// Rows rendered in the list: 5 000 dropped files stay one short render; the rest are counted.
const MAX_ROWS: usize = 500;

#[component]
fn WorkspaceActions() -> impl IntoView {
    let ws = use_workspace();
    let has_rows = move || ws.rows.with(|r| !r.is_empty());
    view! {
        <div class="workspace-actions" hidden=move || !has_rows()>
            <fieldset class="scope">
                <legend class="visually-hidden">"Which articles to explore"</legend>
                <label>
                    <input
                        type="radio"
                        name="scope"
                        id="scope-all"
                        prop:checked=move || !ws.only_mine.get()
                        disabled=move || ws.busy()
                        on:change=move |_| ws.set_only_mine(false)
                    />
                    " Shipped and mine"
                </label>
                <label>
                    <input
                        type="radio"
                        name="scope"
                        id="scope-mine"
                        prop:checked=move || ws.only_mine.get()
                        disabled=move || ws.busy()
                        on:change=move |_| ws.set_only_mine(true)
                    />
                    " Only mine"
                </label>
            </fieldset>
            <button
                type="button"
                id="export-workspace"
                disabled=move || ws.busy()
                on:click=move |_| {
                    if let Ok(promise) = js_export() {
                        spawn_local(async move {
                            if let Err(e) = JsFuture::from(promise).await {
                                ws.message.set(Some(format!("The export failed: {}", js_text(&e))));
                            }
                        });
                    }
                }
            >
                "Export workspace"
            </button>
            <button type="button" id="clear-workspace" on:click=move |_| ws.clear()>
                "Remove all my files"
            </button>
        </div>
    }
}
