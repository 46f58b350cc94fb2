//! "Download": the current view's tables (`table.rs`) saved as files, and "Copy citation" for a
//! sentence. The only browser work is handing a Blob to a temporary link.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::context::use_ctx;
use super::table;

/// Saves `text` as a file named `name` (the browser's download, nothing leaves the machine).
pub fn save(name: &str, mime: &str, text: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download(name);
    document.body()?.append_child(&link).ok()?;
    link.click();
    link.remove();
    // Revoked later: some browsers start reading the URL only after the click returns.
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(30));
    Some(())
}

/// The download menu of the results: each table of the view as CSV, or all of them as JSON.
#[component]
pub fn DownloadMenu() -> impl IntoView {
    let ctx = use_ctx();
    let tables = move || {
        let corpus = ctx.corpus.clone();
        ctx.results.with_untracked(|r| {
            let stories = ctx.stories();
            vec![
                ("articles", table::articles(&corpus, r)),
                ("events", table::events(&corpus, r)),
                ("names", table::names(&corpus, r)),
                ("stories", table::stories(&corpus, &stories, r)),
            ]
        })
    };
    let json_tables = tables.clone();
    let csv_button = move |name: &'static str, label: &'static str| {
        let tables = tables.clone();
        view! {
            <button
                type="button"
                data-export="csv"
                data-table=name
                on:click=move |_| {
                    if let Some((_, rows)) = tables().into_iter().find(|(n, _)| *n == name) {
                        save(&format!("{name}.csv"), "text/csv;charset=utf-8", &table::csv(&rows));
                    }
                }
            >
                {label}
            </button>
        }
    };
    view! {
        <details class="download">
            <summary>"Download"</summary>
            <div class="download-menu">
                <p class="muted">"What the filter shows now:"</p>
                {table::TABLES.into_iter().map(|(name, label)| csv_button(name, label)).collect_view()}
                <button
                    type="button"
                    data-export="json"
                    on:click=move |_| {
                        save("corpus-view.json", "application/json", &table::json(&json_tables()));
                    }
                >
                    "All of it (JSON)"
                </button>
            </div>
        </details>
    }
}
