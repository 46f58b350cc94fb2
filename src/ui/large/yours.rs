//! A reader's own articles on a served site: analysed alone in the analyser worker, against the
//! site's name table, and shown by the same views as the site, one corpus at a time.
//!
//! The worker is given the site's names as an `entities.toml` (`Shelf::names_as_rules`), so the
//! reader's spellings join the site's names by the pipeline's own alias rules (folded keys,
//! surnames, acronyms, corporate suffixes), and hands back the reader's corpus cut into a static
//! corpus's files (`shelf::bundle`); the page opens a second [`Shelf`] over them, read from
//! memory instead of fetched. The site is never re-analysed and the analyser embeds none of it,
//! so its download is the same at any site size. A name the site knows keeps the site's name
//! here, so a filter by it carries across when the reader switches between the two corpora (the
//! view state names names, not numbers). IndexedDB keeps the files and the result
//! (`workspace.js`), restored when the panel is first opened; a new build of the site (another
//! version) re-analyses them against its names.

use std::collections::BTreeMap;
use std::sync::Arc;

use js_sys::futures::JsFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{drive, Live, Source};
use crate::corpus::shelf::{self, Missing, Shelf};
use crate::ui::report::{counted, parse_progress, parse_rows, FileRow, Progress};
use crate::ui::workspace::{after_saved, file_item, js_add, js_clear, js_restore, js_text, progress_line, saving_line};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = corpusWorkspace, js_name = forSite)]
    fn js_for_site(names: &str) -> Result<(), JsValue>;
}

/// The panel's state, above the app (it is drawn again when the corpus shown changes).
#[derive(Clone, Copy)]
pub(super) struct Yours {
    open: RwSignal<bool>,
    rows: RwSignal<Vec<FileRow>>,
    /// Some while an analysis runs.
    progress: RwSignal<Option<Progress>>,
    message: RwSignal<Option<String>>,
    /// True while an analysis already shown is still being saved in the browser.
    saving: RwSignal<bool>,
    /// Articles in the reader's analysed corpus (0: none yet).
    articles: RwSignal<usize>,
    /// The saved workspace was asked for (once, when the panel first opens).
    restored: StoredValue<bool>,
    /// A call that waits for the running one (files chosen while the saved ones come back).
    queued: StoredValue<Option<(bool, Call)>, LocalStorage>,
}

/// One `workspace.js` call that may analyse, given the progress callback.
type Call = Box<dyn FnOnce(&JsValue) -> Result<js_sys::Promise, JsValue>>;

impl Yours {
    pub(super) fn new() -> Yours {
        Yours {
            open: RwSignal::new(false),
            rows: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            message: RwSignal::new(None),
            saving: RwSignal::new(false),
            articles: RwSignal::new(0),
            restored: StoredValue::new(false),
            queued: StoredValue::new_local(None),
        }
    }

    fn busy(self) -> bool {
        self.progress.with(Option::is_some)
    }

    /// Runs one workspace call (restore or add) once the analyser has the site's names: the
    /// name table is fetched first (from the site's shelf, parked or shown), then the call's
    /// result is opened as the reader's corpus. `show` switches to it when it is ready.
    fn run(self, live: Live, show: bool, call: Call) {
        if self.busy() {
            if self.queued.with_value(Option::is_some) {
                self.message.set(Some("An analysis is already running: wait for it, or cancel it first.".into()));
            } else {
                self.queued.set_value(Some((show, call)));
            }
            return;
        }
        let yours = self;
        yours.message.set(None);
        yours.progress.set(Some(Progress { phase: "starting".into(), ..Progress::default() }));
        spawn_local(async move {
            let outcome = match site_names(live).await {
                Ok(names) => {
                    let on_progress = Closure::<dyn FnMut(String)>::new(move |text: String| {
                        yours.progress.set(Some(parse_progress(&text)));
                    });
                    let called = js_for_site(&names).and_then(|()| call(on_progress.as_ref()));
                    let outcome = match called {
                        Ok(promise) => JsFuture::from(promise).await.map_err(|e| js_text(&e)),
                        Err(e) => Err(js_text(&e)),
                    };
                    drop(on_progress);
                    outcome
                }
                Err(e) => Err(e),
            };
            yours.progress.set(None);
            match outcome {
                Ok(value) if value.is_null() || value.is_undefined() => {}
                Ok(value) => yours.take(live, &value, show),
                Err(e) if e == "cancelled" => {
                    yours.message.set(Some("Cancelled. Your articles are as they were before.".into()))
                }
                Err(e) => yours.message.set(Some(format!(
                    "The analysis failed: {e}. Your articles are as they were before; the site keeps working."
                ))),
            }
            if let Some((show, call)) = yours.queued.try_update_value(Option::take).flatten() {
                yours.run(live, show, call);
            }
        });
    }

    /// Takes a result from `workspace.js` (`{ packed, rows, note, saved? }`, `packed` a bundle).
    fn take(self, live: Live, value: &JsValue, show: bool) {
        let get = |key: &str| js_sys::Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED);
        self.rows.set(parse_rows(&get("rows").as_string().unwrap_or_default()));
        self.message.set(get("note").as_string().filter(|n| !n.is_empty()));
        after_saved(value, self.saving, self.message, || ());
        let packed = get("packed");
        if packed.is_null() || packed.is_undefined() {
            self.articles.set(0);
            live.set_yours(None);
            return;
        }
        let opened = shelf::unbundle(&js_sys::Uint8Array::new(&packed).to_vec()).and_then(|files| {
            // Inserted one by one: `collect` into a map sorts first, another sort in the wasm.
            let mut by_path = BTreeMap::new();
            for (path, bytes) in files.files {
                by_path.insert(path, bytes);
            }
            let files: BTreeMap<String, Vec<u8>> = by_path;
            let summary = files.get("summary.bin").map(Vec::as_slice).unwrap_or_default();
            Ok((Shelf::open(summary)?, files))
        });
        match opened {
            Ok((shelf, _)) if shelf.summary.doc_count == 0 => {
                self.articles.set(0);
                live.set_yours(None);
            }
            Ok((shelf, files)) => {
                self.articles.set(shelf.summary.doc_count as usize);
                live.set_yours(Some((shelf, Source::Yours(Arc::new(files)))));
                if show && !live.yours.get_untracked() {
                    live.switch();
                }
            }
            Err(e) => {
                self.articles.set(0);
                live.set_yours(None);
                self.message.set(Some(format!(
                    "Your saved articles could not be read ({}); remove them and add them again.",
                    e.0
                )));
            }
        }
    }
}

/// The site's name table as rules for the analyser, fetched if need be (into the site's shelf,
/// wherever it is: shown, or parked while the reader's own articles are).
async fn site_names(live: Live) -> Result<String, String> {
    loop {
        let asked = live.with_site(|shelf, source| (shelf.names_as_rules(), source.clone()));
        let Some((answer, source)) = asked else { return Err("the site's names are not available".into()) };
        let need = match answer {
            Ok(names) => return Ok(names),
            Err(Missing(need)) => need,
        };
        let files = source.get(&need).await?;
        live.with_site_mut(|shelf, source| {
            need.iter().zip(&files).try_for_each(|(path, bytes)| {
                if shelf.has(path) {
                    return Ok(());
                }
                shelf.add(path, bytes).map_err(|e| source.damaged(path, &e.0))
            })
        })
        .unwrap_or(Ok(()))?;
    }
}

impl Live {
    /// `f` over the site's shelf and source, shown or parked.
    pub(super) fn with_site<T>(self, f: impl FnOnce(&Shelf, &Source) -> T) -> Option<T> {
        if self.yours.get_untracked() {
            self.parked.with_value(|p| p.as_ref().map(|(shelf, source)| f(shelf, source)))
        } else {
            self.shelf.with_value(|shelf| self.source.with_value(|source| Some(f(shelf, source))))
        }
    }

    fn with_site_mut<T>(self, f: impl FnOnce(&mut Shelf, &Source) -> T) -> Option<T> {
        if self.yours.get_untracked() {
            self.parked.try_update_value(|p| p.as_mut().map(|(shelf, source)| f(shelf, &*source))).flatten()
        } else {
            let source = self.source.get_value();
            self.shelf.try_update_value(|shelf| f(shelf, &source))
        }
    }

    /// The reader's corpus, new (or none): replaces the one shown or parked. With none while
    /// it is shown, the site comes back.
    fn set_yours(self, next: Option<(Shelf, Source)>) {
        if !self.yours.get_untracked() {
            self.parked.set_value(next);
            return;
        }
        match next {
            Some((shelf, source)) => {
                self.shelf.set_value(shelf);
                self.source.set_value(source);
                self.reset();
            }
            None => {
                self.switch();
                self.parked.set_value(None);
            }
        }
    }

    /// Shows the other corpus (the site's, or the reader's own) with the same view state.
    pub(super) fn switch(self) {
        let Some((shelf, source)) = self.parked.try_update_value(Option::take).flatten() else { return };
        let shown = self.shelf.try_update_value(|s| std::mem::replace(s, shelf));
        let from = self.source.try_update_value(|s| std::mem::replace(s, source));
        if let (Some(shown), Some(from)) = (shown, from) {
            self.parked.set_value(Some((shown, from)));
        }
        // An open article belongs to the corpus it was opened in: the reader closes.
        if self.state.with_untracked(|s| s.number.is_some()) {
            self.change(super::History::Replace, |s| {
                s.doc = None;
                s.number = None;
                s.sentence = None;
            });
        }
        self.reset();
        self.yours.update(|y| *y = !*y);
    }

    /// Forgets the answer of the corpus shown before, and asks the new one.
    fn reset(self) {
        self.generation.update_value(|g| *g += 1);
        self.answered.set_value(None);
        self.corrected.set_value(None);
        self.results.set(None);
        self.preview.set(None);
        self.shown.set(super::PAGE);
        self.added.update(|n| *n += 1);
        drive(self);
    }
}

/// The toolbar button that opens the panel (and, the first time, brings back saved articles).
#[component]
pub(super) fn YoursButton() -> impl IntoView {
    let live = expect_context::<Live>();
    let yours = expect_context::<Yours>();
    let toggle = move |_| {
        yours.open.update(|o| *o = !*o);
        if yours.open.get_untracked() && !yours.restored.get_value() {
            yours.restored.set_value(true);
            let version = live.base.get_value();
            yours.run(live, false, Box::new(move |on_progress| js_restore(&version, on_progress)));
        }
    };
    view! {
        <button
            type="button"
            id="workspace-toggle"
            aria-controls="workspace"
            aria-expanded=move || yours.open.get().to_string()
            on:click=toggle
        >
            {move || match yours.articles.get() {
                0 => "Add your articles".to_string(),
                n => format!("Your articles ({n})"),
            }}
        </button>
    }
}

/// The panel: add files, the progress and Cancel, each file's outcome, and the switch between
/// the site's articles and the reader's.
#[component]
pub(super) fn YoursPanel() -> impl IntoView {
    let live = expect_context::<Live>();
    let yours = expect_context::<Yours>();
    let visible = move || yours.open.get() || yours.busy() || yours.message.with(Option::is_some);
    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(files) = input.files().filter(|f| f.length() > 0) {
            // An array of the files now: clearing the input below empties its live FileList,
            // and the call may wait for one that is running.
            let files: JsValue = js_sys::Array::from(&files).into();
            yours.restored.set_value(true);
            yours.run(live, true, Box::new(move |on_progress| js_add(&files, on_progress)));
        }
        // The same file chosen again later must fire `change` again.
        input.set_value("");
    };
    let site_articles = move || live.with_site(|shelf, _| shelf.summary.doc_count as usize).unwrap_or(0);
    let clear = move |_| {
        spawn_local(async move {
            let outcome = match js_clear() {
                Ok(promise) => JsFuture::from(promise).await.map(|_| ()),
                Err(e) => Err(e),
            };
            yours.rows.set(Vec::new());
            yours.articles.set(0);
            live.set_yours(None);
            yours
                .message
                .set(outcome.err().map(|e| format!("Your saved articles could not be deleted: {}", js_text(&e))));
        });
    };
    view! {
        <section id="workspace" class="workspace" aria-labelledby="workspace-heading" hidden=move || !visible()>
            <div class="workspace-head">
                <h2 id="workspace-heading">"Your articles"</h2>
                <p class="privacy">
                    "Your files are read and analysed in this browser against this site's names, and kept in its storage. Nothing is uploaded, and the site's articles are not analysed again."
                </p>
                <button type="button" class="link-button" on:click=move |_| yours.open.set(false)>
                    "Close"
                </button>
            </div>
            <div class="add-row">
                <label class="button" for="add-files">"Choose files…"</label>
                <input id="add-files" class="visually-hidden" type="file" multiple on:change=on_files/>
                <span class="muted">"Text, Markdown, HTML, CSV or JSON; a name the site knows keeps the site's name."</span>
            </div>
            {move || yours.message.get().map(|m| view! { <p class="workspace-message" role="alert">{m}</p> })}
            {move || yours.progress.get().map(progress_line)}
            {saving_line(yours.saving)}
            <ul class="files" aria-label="Your files">
                {move || yours.rows.get().into_iter().map(|row| file_item(row, ())).collect_view()}
            </ul>
            <div class="workspace-actions" hidden=move || yours.rows.with(Vec::is_empty)>
                <button
                    type="button"
                    id="show-yours"
                    disabled=move || yours.articles.get() == 0 || yours.busy()
                    on:click=move |_| live.switch()
                >
                    {move || if live.yours.get() {
                        format!("Back to the site's {}", counted(site_articles(), "article", "articles"))
                    } else {
                        format!("Show your {}", counted(yours.articles.get(), "article", "articles"))
                    }}
                </button>
                <button type="button" id="clear-workspace" disabled=move || yours.busy() on:click=clear>
                    "Remove all"
                </button>
            </div>
        </section>
    }
}
