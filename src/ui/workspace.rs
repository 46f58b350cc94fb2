//! "Add articles": the reader's own files, analysed in a Web Worker and kept in IndexedDB.
//! The browser side of that (IndexedDB, the worker, file reading) is `src/js/workspace.js`; this
//! is its view and the one place that swaps the corpus the app shows. The state lives in
//! [`Workspace`], above the app, so it outlives the app being rebuilt for a new corpus.

use std::sync::Arc;

use js_sys::futures::JsFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::curation::EditMode;
use super::report::{parse_progress, parse_rows, FileRow, Progress};
use super::shell;
use crate::corpus::curate::{self, Edit};
use crate::corpus::{pack, Corpus};

mod drop;
mod panel;

pub use drop::install_drop_target;
pub(crate) use panel::{file_item, progress_line};
pub use panel::{WorkspaceButton, WorkspacePanel};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = corpusWorkspace, js_name = restore)]
    pub(crate) fn js_restore(version: &str, on_progress: &JsValue) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = corpusWorkspace, js_name = add)]
    pub(crate) fn js_add(files: &JsValue, on_progress: &JsValue) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = corpusWorkspace, js_name = addText)]
    fn js_add_text(text: &str, on_progress: &JsValue) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = corpusWorkspace, js_name = remove)]
    fn js_remove(index: u32, on_progress: &JsValue) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = corpusWorkspace, js_name = setOnlyMine)]
    fn js_set_only_mine(only_mine: bool, on_progress: &JsValue) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = corpusWorkspace, js_name = clear)]
    pub(crate) fn js_clear() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = corpusWorkspace, js_name = cancel)]
    pub(crate) fn js_cancel() -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_namespace = corpusWorkspace, js_name = exportWorkspace)]
    fn js_export() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = corpusWorkspace, js_name = storageNote)]
    fn js_storage_note() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = corpusWorkspace, js_name = readOverrides)]
    fn js_read_overrides(file: &web_sys::File) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = corpusWorkspace, js_name = applyEdits)]
    fn js_apply_edits(packed: &js_sys::Uint8Array, edits: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = corpusWorkspace, js_name = saveEdits)]
    fn js_save_edits(lines: &str, toml: &str) -> Result<js_sys::Promise, JsValue>;
}

/// The workspace's state, provided as context above the app.
#[derive(Clone, Copy)]
pub struct Workspace {
    /// The corpus the app shows: [`Workspace::base`] with the reader's name edits applied.
    corpus: StoredValue<Arc<Corpus>>,
    /// The shipped corpus, or the shipped one analysed with the reader's files.
    base: StoredValue<Arc<Corpus>>,
    /// The reader's corrections to the names, in order, and those undone (for redo).
    edits: RwSignal<Vec<Edit>>,
    undone: RwSignal<Vec<Edit>>,
    /// The chip panel's edit mode, kept here so it stays on while the app is mounted again.
    pub edit_mode: EditMode,
    shipped: StoredValue<Arc<Corpus>>,
    /// Name corrections the opened link carries, taken once the saved workspace is back.
    link_edits: StoredValue<Vec<Edit>>,
    pub rows: RwSignal<Vec<FileRow>>,
    /// Some while an analysis runs.
    pub progress: RwSignal<Option<Progress>>,
    /// The last outcome worth saying (an error, a cancel, a storage warning).
    pub message: RwSignal<Option<String>>,
    pub only_mine: RwSignal<bool>,
    pub open: RwSignal<bool>,
    /// True while an analysis already shown is still being saved in the browser.
    pub saving: RwSignal<bool>,
    storage: RwSignal<String>,
    /// Counts [`Workspace::display`]s, so a worker's answer for an older edit list is dropped.
    shown: StoredValue<u32>,
}

pub fn use_workspace() -> Workspace {
    expect_context::<Workspace>()
}

impl Workspace {
    pub fn new(shipped: Arc<Corpus>) -> Workspace {
        Workspace {
            corpus: StoredValue::new(shipped.clone()),
            base: StoredValue::new(shipped.clone()),
            edits: RwSignal::new(Vec::new()),
            undone: RwSignal::new(Vec::new()),
            edit_mode: EditMode::new(),
            shipped: StoredValue::new(shipped),
            link_edits: StoredValue::new(Vec::new()),
            rows: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            message: RwSignal::new(None),
            only_mine: RwSignal::new(false),
            open: RwSignal::new(false),
            saving: RwSignal::new(false),
            storage: RwSignal::new(String::new()),
            shown: StoredValue::new(0),
        }
    }

    pub fn corpus(&self) -> Arc<Corpus> {
        self.corpus.get_value()
    }

    pub fn edits(&self) -> Vec<Edit> {
        self.edits.get_untracked()
    }

    pub fn can_undo(&self) -> bool {
        self.edits.with(|e| !e.is_empty())
    }

    pub fn can_redo(&self) -> bool {
        self.undone.with(|u| !u.is_empty())
    }

    /// Applies one correction: every view follows (the app is mounted again over the result),
    /// and it is saved with the workspace.
    pub fn edit(self, edit: Edit) {
        self.edits.update(|e| e.push(edit));
        self.undone.set(Vec::new());
        self.edits_changed();
    }

    pub fn undo(self) {
        let Some(last) = self.edits.try_update(|e| e.pop()).flatten() else { return };
        self.undone.update(|u| u.push(last));
        self.edits_changed();
    }

    pub fn redo(self) {
        let Some(next) = self.undone.try_update(|u| u.pop()).flatten() else { return };
        self.edits.update(|e| e.push(next));
        self.edits_changed();
    }

    fn edits_changed(self) {
        let edits = self.edits.get_untracked();
        if let Ok(promise) = js_save_edits(&curate::to_lines(&edits), &curate::to_toml(&edits)) {
            let ws = self;
            spawn_local(async move {
                if let Err(e) = JsFuture::from(promise).await {
                    ws.message.set(Some(format!("Your name corrections could not be saved: {}", js_text(&e))));
                }
            });
        }
        self.display();
    }

    /// Shows the base corpus with the edits applied: the name edits at once, here; the dates
    /// set, when there are any, from the analyser worker (it has the date stage), after.
    fn display(self) {
        let base = self.base.get_value();
        let edits = self.edits.get_untracked();
        let turn = self.shown.get_value().wrapping_add(1);
        self.shown.set_value(turn);
        let names = if edits.is_empty() { base.clone() } else { Arc::new(curate::apply_names(&base, &edits)) };
        self.show_edited(names, &edits);
        if !curate::sets_dates(&edits) {
            return;
        }
        let packed = js_sys::Uint8Array::from(pack::encode(&base).as_slice());
        let ws = self;
        spawn_local(async move {
            let outcome = match js_apply_edits(&packed, &curate::to_lines(&edits)) {
                Ok(promise) => JsFuture::from(promise).await,
                Err(e) => Err(e),
            };
            if ws.shown.get_value() != turn {
                return;
            }
            let dated = outcome
                .map_err(|e| js_text(&e))
                .and_then(|v| pack::decode(&js_sys::Uint8Array::new(&v).to_vec()).map_err(|e| e.to_string()));
            match dated {
                Ok(corpus) => ws.show_edited(Arc::new(corpus), &edits),
                Err(e) => ws.message.set(Some(format!("The dates you set could not be applied: {e}"))),
            }
        });
    }

    /// Shows `corpus` (the base with `edits` applied), carrying the edits in the link.
    fn show_edited(self, corpus: Arc<Corpus>, edits: &[Edit]) {
        let focused = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element()).map(|e| e.id());
        self.corpus.set_value(corpus);
        shell::write_fragment(&super::state::with_edits(&shell::read_fragment(), edits), shell::History::Replace);
        super::app::remount_app(self);
        if let Some(id) = focused.filter(|id| !id.is_empty()) {
            set_timeout(move || request_animation_frame(move || shell::focus(&id)), std::time::Duration::ZERO);
        }
    }

    /// Reads an `entities.toml` the reader picked and adds what it says as edits (one undo step
    /// each), against the analysed corpus the edits apply to. Warnings and rules that match no
    /// name here are said; nothing is lost on a bad file.
    pub fn import_entities_toml(self, file: web_sys::File) {
        let ws = self;
        spawn_local(async move {
            let outcome = match js_read_overrides(&file) {
                Ok(promise) => JsFuture::from(promise).await,
                Err(e) => Err(e),
            };
            let lines = match outcome {
                Ok(v) => v.as_string().unwrap_or_default(),
                Err(e) => {
                    ws.message.set(Some(format!("{} could not be read: {}", file.name(), js_text(&e))));
                    return;
                }
            };
            let (parsed, warnings) = crate::corpus::overrides::from_lines(&lines);
            // Against the corpus as shown: the base with the reader's edits already applied.
            let (mut edits, mut unmatched) = curate::edits_from_rules(&ws.corpus(), &parsed.entities);
            let (dates, undated) = curate::date_edits(&ws.corpus(), &parsed.articles);
            edits.extend(dates);
            unmatched += undated;
            let mut said = vec![format!(
                "{}: {} correction{} applied",
                file.name(),
                edits.len(),
                if edits.len() == 1 { "" } else { "s" }
            )];
            if unmatched > 0 {
                said.push(format!(
                    "{unmatched} entr{} name nothing in these articles",
                    if unmatched == 1 { "y" } else { "ies" }
                ));
            }
            said.extend(warnings);
            ws.message.set(Some(format!("{}.", said.join("; "))));
            if !edits.is_empty() {
                ws.edits.update(|e| e.extend(edits));
                ws.undone.set(Vec::new());
                ws.edits_changed();
            }
        });
    }

    /// Corrections from the opened link, applied on top of the reader's own after the saved
    /// workspace is restored (so neither loses the other).
    pub fn offer_link_edits(self, edits: Vec<Edit>) {
        self.link_edits.set_value(edits);
    }

    fn take_link_edits(self) {
        let link = self.link_edits.try_update_value(std::mem::take).unwrap_or_default();
        let current = self.edits.get_untracked();
        let missing: Vec<Edit> = link.into_iter().filter(|e| !current.contains(e)).collect();
        if missing.is_empty() {
            return;
        }
        let n = missing.len();
        self.edits.update(|e| e.extend(missing));
        self.message.set(Some(format!(
            "This link carries {n} correction{}; {} applied on top of yours. Undo takes {} back.",
            if n == 1 { "" } else { "s" },
            if n == 1 { "it is" } else { "they are" },
            if n == 1 { "it" } else { "them" },
        )));
        self.edits_changed();
    }

    pub fn busy(&self) -> bool {
        self.progress.with(Option::is_some)
    }

    /// Brings back the saved workspace (re-analysed if the site changed since).
    pub fn restore(self) {
        self.run(false, move |on_progress| js_restore(crate::embedded::VERSION, on_progress));
    }

    /// Adds files (a `FileList` or an array of `File`).
    pub fn add_files(self, files: JsValue) {
        self.open.set(true);
        self.run(true, move |on_progress| js_add(&files, on_progress));
    }

    fn add_text(self, text: String) {
        self.run(true, move |on_progress| js_add_text(&text, on_progress));
    }

    fn remove(self, index: usize) {
        self.run(true, move |on_progress| js_remove(index as u32, on_progress));
    }

    fn set_only_mine(self, only_mine: bool) {
        self.run(true, move |on_progress| js_set_only_mine(only_mine, on_progress));
    }

    fn clear(self) {
        let ws = self;
        spawn_local(async move {
            let outcome = match js_clear() {
                Ok(promise) => JsFuture::from(promise).await.map(|_| ()),
                Err(e) => Err(e),
            };
            ws.rows.set(Vec::new());
            ws.only_mine.set(false);
            ws.show(ws.shipped.get_value());
            ws.message.set(outcome.err().map(|e| format!("The saved workspace could not be deleted: {}", js_text(&e))));
            ws.refresh_storage();
        });
    }

    /// Runs one workspace call that may analyse (progress shown, Cancel offered), then shows
    /// its result. A failure keeps what was shown before and says why.
    fn run(self, announce: bool, call: impl FnOnce(&JsValue) -> Result<js_sys::Promise, JsValue> + 'static) {
        if self.busy() {
            self.message.set(Some("An analysis is already running: wait for it, or cancel it first.".into()));
            return;
        }
        let ws = self;
        if announce {
            ws.progress.set(Some(Progress { phase: "starting".into(), ..Progress::default() }));
        }
        ws.message.set(None);
        let on_progress = Closure::<dyn FnMut(String)>::new(move |text: String| {
            ws.progress.set(Some(parse_progress(&text)));
        });
        let promise = call(on_progress.as_ref());
        spawn_local(async move {
            let outcome = match promise {
                Ok(promise) => JsFuture::from(promise).await,
                Err(e) => Err(e),
            };
            drop(on_progress);
            ws.progress.set(None);
            match outcome {
                Ok(value) if value.is_null() || value.is_undefined() => {}
                Ok(value) => ws.apply(&value),
                Err(e) if js_text(&e) == "cancelled" => {
                    ws.message.set(Some("Cancelled. The workspace is as it was before.".into()))
                }
                Err(e) => ws.message.set(Some(format!(
                    "The analysis failed: {}. The workspace is as it was before; the page keeps working.",
                    js_text(&e)
                ))),
            }
            // After the restore, so the saved edits do not overwrite the link's (a no-op later).
            ws.take_link_edits();
            ws.refresh_storage();
        });
    }

    /// Shows a result from `workspace.js`: `{ packed, rows, onlyMine, note, saved? }`.
    fn apply(self, value: &JsValue) {
        let ws = self;
        after_saved(value, self.saving, self.message, move || ws.refresh_storage());
        let get = |key: &str| js_sys::Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED);
        if let Some(lines) = get("edits").as_string() {
            self.edits.set(curate::from_lines(&lines));
        }
        self.rows.set(parse_rows(&get("rows").as_string().unwrap_or_default()));
        self.only_mine.set(get("onlyMine").as_bool().unwrap_or(false));
        let note = get("note").as_string().filter(|n| !n.is_empty());
        let packed = get("packed");
        if packed.is_null() || packed.is_undefined() {
            self.show(self.shipped.get_value());
            self.message.set(note);
            return;
        }
        let bytes = js_sys::Uint8Array::new(&packed).to_vec();
        match pack::decode(&bytes) {
            Ok(corpus) => {
                self.show(Arc::new(corpus));
                self.message.set(note);
            }
            Err(err) => {
                self.show(self.shipped.get_value());
                self.message.set(Some(format!(
                    "The saved analysis could not be read ({err}); showing the shipped articles. Remove and add your files again."
                )));
            }
        }
    }

    /// Swaps the corpus; the app is rebuilt from the URL, so the view (query, chips, open
    /// article) carries over, and the focused field gets its focus back.
    fn show(self, corpus: Arc<Corpus>) {
        if self.base.with_value(|c| Arc::ptr_eq(c, &corpus)) && self.edits.with_untracked(Vec::is_empty) {
            return;
        }
        self.base.set_value(corpus);
        self.display();
    }

    fn refresh_storage(self) {
        let ws = self;
        spawn_local(async move {
            let Ok(promise) = js_storage_note() else { return };
            if let Ok(note) = JsFuture::from(promise).await {
                ws.storage.set(note.as_string().unwrap_or_default());
            }
        });
    }
}

/// Waits for a result's `saved` promise, if it has one (`workspace.js` shows an analysis first
/// and saves it after): `saving` is true meanwhile, and what went wrong, if anything, becomes the
/// `message`. `then` runs once it is settled.
pub(crate) fn after_saved(
    value: &JsValue,
    saving: RwSignal<bool>,
    message: RwSignal<Option<String>>,
    then: impl FnOnce() + 'static,
) {
    let saved = js_sys::Reflect::get(value, &"saved".into()).ok().and_then(|v| v.dyn_into::<js_sys::Promise>().ok());
    let Some(saved) = saved else { return };
    saving.set(true);
    spawn_local(async move {
        let note = JsFuture::from(saved).await.ok().and_then(|v| v.as_string()).filter(|n| !n.is_empty());
        saving.set(false);
        if note.is_some() {
            message.set(note);
        }
        then();
    });
}

/// The quiet line a panel shows while its analysis is being saved.
pub(crate) fn saving_line(saving: RwSignal<bool>) -> impl IntoView {
    move || {
        saving
            .get()
            .then(|| view! { <p class="muted saving-note" role="status">"Saving your articles in this browser…"</p> })
    }
}

/// A JS error or value as a sentence.
pub(crate) fn js_text(value: &JsValue) -> String {
    if let Some(e) = value.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}
