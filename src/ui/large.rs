//! The explorer over a corpus served as files beside the page (`corpus::shelf`, written by
//! `corpus shelf` when scripts/build-site.sh builds a large corpus): search, name chips with
//! exact counts (and a filter box over the whole name table), the timeline by month, the list
//! by relevance or date, and the reader, each fetching only the files it needs.
//!
//! One loop ([`drive`]) does all the fetching: it asks the shelf for the current view, fetches
//! what the shelf names (in parallel), adds it and asks again, until the view is answered. A
//! change of view while files are in flight is picked up by the same loop after that round, so
//! a file is never requested twice and an answer is only shown for the view it was asked for.
//!
//! "Who appears with whom" sums the pairs files of the matching articles (fetched only while
//! it is open); the reader's "also in" links come from the echo files, computed at build time.
//! The story list reads the stories grouped at build time (`story::Card`s), drawn by the
//! embedded list's `stories::story_item`; the downloads write the embedded tables' rows from
//! the files (`table::served`). Name corrections (merge, rename, kind, hide) re-map the shelf's
//! name numbers (`corrections`). A reader's own files are analysed apart, against the site's
//! names, and shown by the same views (`yours`). Splitting a spelling out needs the whole
//! corpus in memory and is not offered here; the header says so.
use leptos::prelude::*;

mod corrections;
mod yours;

use super::chart;
use super::chips::ChipFilter;
use super::cooccur::{self, CooccurrenceDetails, Named};
use super::curation::{CurationBar, EditMode};
use super::fetch;
use super::reader::{also_in_view, OtherPassage};
use super::report::{counted, result_count};
use super::results::{empty_state, highlighted, SortSelect};
use super::shell::{self, CopyLink, History, ThemeToggle};
use super::state::{self, ChipState, Known, Sort, ViewState};
use super::table;
use crate::corpus::curate::Edit;
use crate::corpus::query::{self, Query, Results};
use crate::corpus::shelf::{self, Missing, Shelf};
use crate::corpus::EntityKind;

/// Where the served corpus lives, relative to the page.
const ROOT: &str = "corpus/";
/// Chips shown: the most counted names under the filter.
const CHIPS: usize = 40;
/// Results per page ("show more" fetches the next page's text): [`shelf::FIRST_PAGE`].
const PAGE: usize = shelf::FIRST_PAGE;
/// Dated events per page of the event list: each may need its article's text file.
const EVENT_PAGE: usize = 20;
/// Stories per page of the story list, as in the embedded explorer.
const STORY_PAGE: usize = 40;
/// A fetch that takes longer than this shows the progress line (longer than a frame or two).
const QUIET_MS: u64 = 120;
/// How long a view answered by a counts file stays unchanged before the rows a filter of it
/// needs are fetched in the background ([`warm`]): longer than the gap between a typist's
/// keys, so typing does not start it.
const WARM_IDLE_MS: u64 = 300;
/// Row files per background round, a span counting as its files (one span, ~190 KB brotli at
/// 100 000 articles): a key typed meanwhile waits for at most these.
const WARM_BATCH: usize = 16;
/// Labels under the timeline at most, its two ends included.
const AXIS_LABELS: usize = 8;

/// Opens the served corpus (its entry point, then the summary) and mounts the app over it; a
/// failure replaces the loading line with what went wrong.
pub fn mount() {
    boot_message("Loading the corpus…", false);
    wasm_bindgen_futures::spawn_local(async {
        match open().await {
            Ok((base, shelf)) => mount_app(base, shelf),
            Err(message) => boot_message(&message, true),
        }
    });
}

async fn open() -> Result<(String, Shelf), String> {
    let entry = fetch::fresh(&format!("{ROOT}corpus.json")).await?;
    let entry = String::from_utf8_lossy(&entry);
    let version = shelf::entry_version(&entry)
        .ok_or_else(|| format!("{ROOT}corpus.json does not name a corpus version; rebuild the site"))?;
    let base = format!("{ROOT}{version}/");
    let summary = fetch::start(&format!("{base}summary.bin")).bytes().await?;
    let shelf = Shelf::open(&summary)
        .map_err(|e| format!("{base}summary.bin could not be read ({}); rebuild the site", e.0))?;
    Ok((base, shelf))
}

fn boot_message(text: &str, failed: bool) {
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(el) = document.and_then(|d| d.get_element_by_id("boot-message")) {
        el.set_text_content(Some(text));
        if failed {
            el.set_class_name("boot-error");
            let _ = el.set_attribute("role", "alert");
        }
    }
}

/// Names in a link are taken as written until the name table says otherwise ([`Live::step`]).
struct Unchecked;
impl Known for Unchecked {
    fn canonical(&self, name: &str) -> Option<String> {
        Some(name.to_string())
    }
    fn sentences(&self, _id: &str) -> Option<u32> {
        Some(u32::MAX)
    }
}

/// Where the shown corpus's files come from.
#[derive(Clone)]
enum Source {
    /// The site: the URL of its version's directory.
    Site(String),
    /// The reader's own articles, shelved by the analyser worker and held in memory.
    Yours(std::sync::Arc<std::collections::BTreeMap<String, Vec<u8>>>),
}

impl Source {
    /// The files at `paths`, in order: fetched in parallel from the site, or read from memory.
    async fn get(&self, paths: &[String]) -> Result<Vec<Vec<u8>>, String> {
        Arrival::all(self.start(paths)).await
    }

    /// The files at `paths`, requested now (from the site, in parallel; from memory, at once),
    /// so the caller can work while they come and await them later ([`Arrival::all`]).
    fn start(&self, paths: &[String]) -> Vec<Arrival> {
        match self {
            Source::Site(base) => {
                paths.iter().map(|p| Arrival::Fetching(fetch::start(&format!("{base}{p}")))).collect()
            }
            Source::Yours(files) => paths
                .iter()
                .map(|p| Arrival::Here(files.get(p).cloned().ok_or_else(|| Source::damaged_yours(p, "missing"))))
                .collect(),
        }
    }

    /// What to tell the reader when the file at `path` cannot be read.
    fn damaged(&self, path: &str, why: &str) -> String {
        match self {
            Source::Site(base) => format!("{base}{path} is damaged ({why}); rebuild the site"),
            Source::Yours(_) => Source::damaged_yours(path, why),
        }
    }

    fn damaged_yours(path: &str, why: &str) -> String {
        format!("{path} of your analysed articles is {why}; remove them and add them again")
    }
}

/// A file of a [`Source`] on its way.
enum Arrival {
    Fetching(fetch::Pending),
    Here(Result<Vec<u8>, String>),
}

impl Arrival {
    async fn bytes(self) -> Result<Vec<u8>, String> {
        match self {
            Arrival::Fetching(file) => file.bytes().await,
            Arrival::Here(read) => read,
        }
    }

    /// Every file's bytes in order, or the first failure.
    async fn all(files: Vec<Arrival>) -> Result<Vec<Vec<u8>>, String> {
        let mut out = Vec::with_capacity(files.len());
        for file in files {
            out.push(file.bytes().await?);
        }
        Ok(out)
    }
}

/// The app's shared state: the shelf as fetched so far, the one view state, the latest answer.
#[derive(Clone, Copy)]
struct Live {
    shelf: StoredValue<Shelf>,
    /// The site's version directory (the name corrections are stored under it).
    base: StoredValue<String>,
    /// Where `shelf`'s files come from.
    source: StoredValue<Source>,
    /// The other corpus (the site, or the reader's own articles) while this one is shown.
    parked: StoredValue<Option<(Shelf, Source)>>,
    /// The reader's own articles are shown, not the site's.
    yours: RwSignal<bool>,
    /// Bumped when the shown corpus changes: a fetch begun for the other is not added.
    generation: StoredValue<u64>,
    state: RwSignal<ViewState>,
    results: RwSignal<Option<Results>>,
    /// The current query's ranked articles while the rows its counts need are fetched: the list
    /// shows them first (`Shelf::preview`); `None` once `results` answers the query.
    preview: RwSignal<Option<Results>>,
    /// Results the list shows (grows by [`PAGE`]).
    shown: RwSignal<usize>,
    /// Bumped whenever files are added: names and texts may have become readable.
    added: RwSignal<u64>,
    /// Files in flight, and whether the progress line shows.
    fetching: RwSignal<usize>,
    slow: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    notices: RwSignal<Vec<String>>,
    driving: StoredValue<bool>,
    /// A change of view came while rows were fetched in the background ([`warm`]).
    wanted: StoredValue<bool>,
    /// The loop is running: the results section is `aria-busy` (and benchmarks wait on it).
    busy: RwSignal<bool>,
    /// The query `results` answers.
    answered: StoredValue<Option<Query>>,
    /// The query a click on the chip under the pointer would ask ([`about_to_click`]).
    pointed: StoredValue<Option<Query>>,
    /// The chip panel's filter box (not part of the link, as in the embedded explorer).
    chip_filter: RwSignal<String>,
    /// "Who appears with whom" is open: its pairs files are part of the view.
    cooccur_open: RwSignal<bool>,
    /// The list of dated events is open, and how many of them it shows.
    events_open: RwSignal<bool>,
    events_shown: RwSignal<usize>,
    /// The story list is open, and how many stories it shows.
    stories_open: RwSignal<bool>,
    stories_shown: RwSignal<usize>,
    /// The reader's name corrections in order, and those undone (for redo).
    edits: RwSignal<Vec<Edit>>,
    undone: RwSignal<Vec<Edit>>,
    /// The edits the shelf applies now (none before the first round).
    corrected: StoredValue<Option<Vec<Edit>>>,
    /// How many of them a served corpus could not apply.
    not_applied: RwSignal<usize>,
    /// The chip panel's edit mode.
    edit_mode: EditMode,
}

fn mount_app(base: String, shelf: Shelf) {
    let (initial, notices) = ViewState::from_fragment(&shell::read_fragment(), &Unchecked);
    let edits = Live::initial_edits(&base, &shell::read_fragment());
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
    shell::set_theme(&shell::saved_theme());
    let handle = leptos::mount::mount_to(body, move || {
        let live = Live {
            shelf: StoredValue::new(shelf),
            source: StoredValue::new(Source::Site(base.clone())),
            base: StoredValue::new(base),
            parked: StoredValue::new(None),
            yours: RwSignal::new(false),
            generation: StoredValue::new(0),
            state: RwSignal::new(initial),
            results: RwSignal::new(None),
            preview: RwSignal::new(None),
            shown: RwSignal::new(PAGE),
            added: RwSignal::new(0),
            fetching: RwSignal::new(0),
            slow: RwSignal::new(false),
            error: RwSignal::new(None),
            notices: RwSignal::new(notices),
            driving: StoredValue::new(false),
            wanted: StoredValue::new(false),
            busy: RwSignal::new(false),
            answered: StoredValue::new(None),
            pointed: StoredValue::new(None),
            chip_filter: RwSignal::new(String::new()),
            cooccur_open: RwSignal::new(false),
            events_open: RwSignal::new(false),
            events_shown: RwSignal::new(EVENT_PAGE),
            stories_open: RwSignal::new(false),
            stories_shown: RwSignal::new(STORY_PAGE),
            edits: RwSignal::new(edits),
            undone: RwSignal::new(Vec::new()),
            corrected: StoredValue::new(None),
            not_applied: RwSignal::new(0),
            edit_mode: EditMode::new(),
        };
        provide_context(live);
        // Every change of view starts (or continues) the loop.
        Effect::new(move |_| {
            live.state.track();
            live.shown.track();
            live.chip_filter.track();
            live.cooccur_open.track();
            live.events_open.track();
            live.events_shown.track();
            live.stories_open.track();
            live.stories_shown.track();
            live.edits.track();
            live.edit_mode.selected.track();
            drive(live);
        });
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            let (next, notices) = ViewState::from_fragment(&shell::read_fragment(), &Unchecked);
            live.notices.set(notices);
            if live.state.with_untracked(|s| *s != next) {
                live.state.set(next);
            }
        });
        on_cleanup(move || handle.remove());
        // Esc closes the reader, as in the embedded explorer.
        let keys = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Escape" && live.state.with_untracked(|s| s.number.is_some()) {
                live.change(History::Push, |s| {
                    s.doc = None;
                    s.number = None;
                    s.sentence = None;
                });
            }
        });
        on_cleanup(move || keys.remove());
        provide_context(yours::Yours::new());
        // The app is drawn again when the corpus shown changes (the site's or the reader's own),
        // so every view starts from that corpus's summary.
        move || {
            live.yours.track();
            view! { <LargeApp/> }
        }
    });
    handle.forget();
    shell::remove_boot_placeholder();
}

impl Live {
    fn change(self, history: History, f: impl FnOnce(&mut ViewState)) {
        self.state.update(f);
        let fragment = self.state.with_untracked(ViewState::to_fragment);
        shell::write_fragment(&state::with_edits(&fragment, &self.edits.get_untracked()), history);
    }

    /// `f` over the answer the list shows: the ranked preview while the counts are fetched,
    /// else the answer (tracked: a view that calls it follows both).
    fn with_listed<T>(self, f: impl FnOnce(&Results) -> T) -> Option<T> {
        self.preview.with(|p| match p {
            Some(p) => Some(f(p)),
            None => self.results.with(|r| r.as_ref().map(f)),
        })
    }

    /// Opens article `number` (whose id is `id`) in the reader, at `sentence` if given.
    fn open(self, number: u32, id: String, sentence: Option<u32>) {
        self.change(History::Push, move |s| {
            s.number = Some(number);
            s.doc = Some(id);
            s.sentence = sentence;
        });
    }

    fn query(self) -> Query {
        self.state.with_untracked(|s| self.query_of(s))
    }

    /// The query `results` answers; while a correction is applied, none (the default query,
    /// which the shelf answers from the results alone).
    fn answered_query(self) -> Query {
        self.answered.with_value(Clone::clone).unwrap_or_default()
    }

    /// The query of view `s` on this corpus.
    fn query_of(self, s: &ViewState) -> Query {
        self.shelf.with_value(|shelf| Query {
            text: s.text.clone(),
            include: s.include.iter().filter_map(|n| shelf.find(n)).collect(),
            exclude: s.exclude.iter().filter_map(|n| shelf.find(n)).collect(),
            from: s.from,
            to: s.to,
        })
    }

    /// While the files `need` (a round [`Live::step`] asked for) are fetched: when the query
    /// waits only for its first page's text, its counts are worked out now, and the names
    /// its chips need that are not here yet are returned, to be fetched in the same round
    /// instead of one more.
    fn meanwhile(self, need: &[String]) -> Vec<String> {
        let query = self.query();
        if self.answered.with_value(|a| a.as_ref().is_some_and(|a| a.answers_as(&query))) {
            return Vec::new();
        }
        self.shelf.with_value(|shelf| {
            let Some(counts) = shelf.name_counts(&query) else { return Vec::new() };
            chip_name_files(shelf, &counts).into_iter().filter(|f| !need.contains(f)).collect()
        })
    }

    /// One round: answers the view from what is here (and shows it), or says which files are
    /// still needed for it.
    fn step(self) -> Vec<String> {
        let mut need: Vec<String> = Vec::new();
        let mut want = |files: Vec<String>| {
            for f in files {
                if !need.contains(&f) {
                    need.push(f);
                }
            }
        };
        // The name corrections first: they say what a name is called and what it counts.
        let edits = self.edits.get_untracked();
        if self.corrected.with_value(|c| c.as_ref() != Some(&edits)) {
            match self.shelf.try_update_value(|shelf| shelf.correct(&edits)) {
                Some(Err(Missing(files))) => return files,
                Some(Ok(not_applied)) => {
                    self.not_applied.set(not_applied);
                    self.corrected.set_value(Some(edits));
                    self.answered.set_value(None);
                }
                None => {}
            }
        }
        // Names a link gave that are not among the names fetched: the name table tells.
        let names: Vec<String> = self.state.with_untracked(|s| s.include.iter().chain(&s.exclude).cloned().collect());
        let unknown: Vec<String> =
            self.shelf.with_value(|shelf| names.into_iter().filter(|n| shelf.find(n).is_none()).collect());
        if !unknown.is_empty() {
            let tables = self.shelf.with_value(Shelf::missing_table);
            if !tables.is_empty() {
                return tables;
            }
            self.notices.update(|n| {
                n.extend(unknown.iter().map(|name| {
                    format!("The link names an entity that is not in this corpus: “{name}”. It was ignored.")
                }))
            });
            self.change(History::Replace, |s| {
                s.include.retain(|n| !unknown.contains(n));
                s.exclude.retain(|n| !unknown.contains(n));
            });
        }
        let query = self.query();
        let answered = self.answered.with_value(|a| a.as_ref().is_some_and(|a| a.answers_as(&query)));
        // The chips' names and the shown page's text, for an answer. A new query starts at the
        // first page, however far "Show more" went for the last one (`ResultList` resets it).
        let shown = if answered { self.shown.get_untracked() } else { PAGE };
        let events_shown = if answered { self.events_shown.get_untracked() } else { EVENT_PAGE };
        let stories_shown = if answered { self.stories_shown.get_untracked() } else { STORY_PAGE };
        let sort = self.state.with_untracked(|s| s.sort);
        let mut view_needs = |results: &Results| {
            self.shelf.with_value(|shelf| {
                want(chip_name_files(shelf, &results.entity_counts));
                // The list of dated events, when open: its page's events and their articles.
                if self.events_open.get_untracked() {
                    for &e in results.events.iter().take(events_shown) {
                        match shelf.event(e).map(|event| shelf.document(event.doc)) {
                            Ok(Ok(_)) => {}
                            Ok(Err(Missing(files))) | Err(Missing(files)) => want(files),
                        }
                    }
                }
                // The story list, when open: which stories (the events' story-of files), then
                // its page's story files.
                if self.stories_open.get_untracked() {
                    match shelf.stories(&query, results) {
                        Ok((visible, _)) => {
                            for &k in visible.iter().take(stories_shown) {
                                if let Err(Missing(files)) = shelf.story(k) {
                                    want(files);
                                }
                            }
                        }
                        Err(Missing(files)) => want(files),
                    }
                }
                // "Who appears with whom", when open: the matching articles' pairs and the
                // names of its rows (the top chips, so usually here already).
                if self.cooccur_open.get_untracked() {
                    match shelf.cooccurrence(&query, results, cooccur::TOP) {
                        Ok(m) => {
                            for &e in &m.entities {
                                if let Err(Missing(files)) = shelf.name(e) {
                                    want(files);
                                }
                            }
                        }
                        Err(Missing(files)) => want(files),
                    }
                }
                match display_order(shelf, results, sort) {
                    Ok(order) => {
                        for &i in order.iter().take(shown) {
                            if let Err(Missing(files)) = shelf.document(results.hits[i as usize].doc) {
                                want(files);
                            }
                        }
                    }
                    Err(Missing(files)) => want(files),
                }
            })
        };
        if answered {
            // Answered already (the round fetched names or text): no second search.
            self.results.with_untracked(|r| r.as_ref().map(&mut view_needs));
        } else {
            match self.shelf.with_value(|shelf| shelf.search_page(&query, shown)) {
                Ok(results) => {
                    view_needs(&results);
                    if self.preview.with_untracked(Option::is_some) {
                        self.preview.set(None);
                    }
                    // The query first: what reads the results asks which query they answer.
                    self.answered.set_value(Some(query));
                    self.results.set(Some(results));
                }
                // Ranked, but the counts need rows (a word in many articles: hundreds of files
                // on a first search): the first page's text comes first, alone, and once it is
                // here the ranked list shows (`Shelf::preview`) while the rows follow. A row
                // cannot be drawn without its text, so until then the last answer stays (an
                // empty list in between was a flash, and drawn twice). A few row files come
                // with the text: a round of their own would cost more than they do.
                Err(Missing(files)) => {
                    let many_rows = self.shelf.with_value(|shelf| shelf.row_files_in(&files)) > PAGE;
                    if !many_rows {
                        want(files);
                    } else if files.iter().any(|f| f.starts_with("text/") || f.starts_with("firstpages/")) {
                        let no_rows = |f: &String| self.shelf.with_value(|shelf| shelf.row_files_at(f)) == 0;
                        want(files.into_iter().filter(no_rows).collect());
                    } else {
                        if let Some(preview) = self.shelf.with_value(|shelf| shelf.preview(&query)) {
                            self.preview.set(Some(preview));
                        }
                        want(files);
                    }
                }
            }
        }
        // The chip being corrected: its spellings, for the editor.
        if let [one] = self.edit_mode.selected.get_untracked().as_slice() {
            self.shelf.with_value(|shelf| {
                if let Some(Err(Missing(files))) = shelf.find(one).map(|e| shelf.spellings(e)) {
                    want(files);
                }
            });
        }
        // The chip filter looks through the whole name table.
        if self.chip_filter.with_untracked(|f| !f.trim().is_empty()) {
            want(self.shelf.with_value(Shelf::missing_table));
        }
        // The open article: its text and, in the same round, the passages it shares.
        if let Some(n) = self.state.with_untracked(|s| s.number) {
            self.shelf.with_value(|shelf| {
                if let Err(Missing(files)) = shelf.document(n) {
                    want(files);
                }
                if let Err(Missing(files)) = shelf.passages(n) {
                    want(files);
                }
            });
        }
        need
    }
}

/// The name-table files the chips of `counts` need for their names.
fn chip_name_files(shelf: &Shelf, counts: &[u32]) -> Vec<String> {
    let mut files: Vec<String> = Vec::new();
    for e in top_names(counted_names(counts), CHIPS) {
        if let Err(Missing(more)) = shelf.name(e) {
            files.extend(more.into_iter().filter(|f| !files.contains(f)).collect::<Vec<_>>());
        }
    }
    files
}

/// The list's order as positions into `results.hits`: the ranking, or newest first (which
/// needs the articles' days file).
fn display_order(shelf: &Shelf, results: &Results, sort: Sort) -> Result<Vec<u32>, Missing> {
    match sort {
        Sort::Relevance => Ok((0..results.hits.len() as u32).collect()),
        Sort::Date => shelf.date_order(&results.hits),
    }
}

/// Every name with its count under the filter.
fn counted_names(counts: &[u32]) -> impl Iterator<Item = (u32, u32)> + '_ {
    counts.iter().enumerate().map(|(e, &c)| (e as u32, c))
}

/// The most counted of `names` (`(number, count)`), most first (ties by number), at most `k`;
/// names no matching article mentions are left out.
fn top_names(names: impl Iterator<Item = (u32, u32)>, k: usize) -> Vec<u32> {
    let mut named: Vec<(std::cmp::Reverse<u32>, u32)> =
        names.filter(|&(_, c)| c > 0).map(|(e, c)| (std::cmp::Reverse(c), e)).collect();
    if named.len() > k {
        named.select_nth_unstable(k - 1);
        named.truncate(k);
    }
    named.sort_unstable();
    named.into_iter().map(|(_, e)| e).collect()
}

/// Runs the fetch loop unless it is running already (then it picks up the new view itself).
fn drive(live: Live) {
    if live.driving.get_value() {
        // The running loop, or the background rows' round (`warm`), takes the new view next.
        live.wanted.set_value(true);
        if !live.busy.get_untracked() {
            live.busy.set(true);
        }
        return;
    }
    live.wanted.set_value(false);
    live.driving.set_value(true);
    live.busy.set(true);
    live.error.set(None);
    wasm_bindgen_futures::spawn_local(async move {
        // Three rounds answer any view, a few more a view changed meanwhile. It ends: every
        // round adds at least one file the shelf did not have, and the files are finite.
        loop {
            let need = live.step();
            if need.is_empty() {
                break;
            }
            let source = live.source.get_value();
            let generation = live.generation.get_value();
            let mut arriving = source.start(&need);
            // While those files come: what the answer can work out without them, and the
            // files that brings up join this round.
            let more = live.meanwhile(&need);
            arriving.extend(source.start(&more));
            let need = [need, more].concat();
            live.fetching.set(need.len());
            let round = live.added.get_untracked();
            set_timeout(
                move || {
                    if live.fetching.get_untracked() > 0 && live.added.get_untracked() == round {
                        live.slow.set(true);
                    }
                },
                std::time::Duration::from_millis(QUIET_MS),
            );
            // Read into the shelf together once all are here: reading each as it arrived
            // was slower, as the page's one thread also receives the responses (BENCHMARKS.md).
            let fetched = Arrival::all(arriving).await;
            live.fetching.set(0);
            live.slow.set(false);
            if live.generation.get_value() != generation {
                // The corpus shown changed meanwhile: these files are the other one's.
                continue;
            }
            let added = fetched.and_then(|files| {
                live.shelf
                    .try_update_value(|shelf| {
                        need.iter().zip(&files).try_for_each(|(path, bytes)| {
                            shelf.add(path, bytes).map_err(|e| source.damaged(path, &e.0))
                        })
                    })
                    .unwrap_or(Ok(()))
            });
            live.added.update(|n| *n += 1);
            if let Err(message) = added {
                live.error.set(Some(message));
                break;
            }
        }
        live.driving.set_value(false);
        live.busy.set(false);
        if live.error.with_untracked(Option::is_none) {
            let query = live.query();
            set_timeout(move || warm(live, query), std::time::Duration::from_millis(WARM_IDLE_MS));
        }
    });
}

/// Fetches, [`WARM_BATCH`] at a time and without showing progress, the row files a filter of
/// `query` will need (`Shelf::rows_to_warm`: only when a counts file answered it, so its own
/// answer did not need them), while the view stays `query` and nothing else is being fetched.
/// Without this the first chip clicked under a broad search fetched every row file (~4.6 MB
/// brotli at 100 000 articles) after the click; the same files were fetched while typing before
/// counts files existed. Rows serve every query, so any later filter reuses what came here.
fn warm(live: Live, query: Query) {
    if live.driving.get_value() || live.query() != query {
        return;
    }
    let batch: Vec<String> = live.shelf.with_value(|shelf| {
        let mut rows = 0;
        let mut batch = Vec::new();
        for path in shelf.rows_to_warm(&query) {
            rows += shelf.row_files_at(&path);
            if rows > WARM_BATCH && !batch.is_empty() {
                break;
            }
            batch.push(path);
        }
        batch
    });
    if !batch.is_empty() {
        in_background(live, batch, move |live| warm(live, query));
    }
}

/// Fetches `batch` between the view's own rounds and adds it to the shelf; then runs the view's
/// round if a change of view came meanwhile, else `then` (which looks for more to fetch).
fn in_background(live: Live, batch: Vec<String>, then: impl FnOnce(Live) + 'static) {
    live.driving.set_value(true);
    live.wanted.set_value(false);
    wasm_bindgen_futures::spawn_local(async move {
        let source = live.source.get_value();
        let generation = live.generation.get_value();
        let fetched = source.get(&batch).await;
        // A file that cannot be fetched or read stops the background work and stays missing:
        // the view that needs it says why, as for any file.
        let mut read = false;
        if let (Ok(files), true) = (fetched, live.generation.get_value() == generation) {
            read = live
                .shelf
                .try_update_value(|shelf| batch.iter().zip(&files).all(|(path, bytes)| shelf.add(path, bytes).is_ok()))
                .unwrap_or(false);
        }
        live.driving.set_value(false);
        if live.wanted.get_value() {
            drive(live);
        } else if read {
            then(live);
        }
    });
}

/// The pointer comes to (or the focus moves onto) the chip of `name`: what its click would ask
/// for starts coming ([`about_to_click`]); not while names are being edited, where a click
/// selects.
fn point_at(live: Live, name: &str) {
    if live.edit_mode.on.get_untracked() {
        return;
    }
    let mut next = live.state.get_untracked();
    next.cycle_entity(name);
    live.pointed.set_value(Some(live.query_of(&next)));
    about_to_click(live);
}

/// The reader points at (or tabs onto) one chip: what its click would fetch first comes now (the name's
/// article list, then its counts file and the first page's text), as a link is fetched on
/// hover, so the click finds them here. A round at a time between the view's own (a click
/// meanwhile waits for the round in flight, whose files it then has); it follows the chip
/// pointed at last and stops when the pointer leaves the chips or more than a few files would
/// be needed ([`Shelf::files_ahead`]: a broad filter's rows wait for the click).
fn about_to_click(live: Live) {
    if live.driving.get_value() {
        return;
    }
    let Some(next) = live.pointed.get_value() else { return };
    let batch = live.shelf.with_value(|shelf| shelf.files_ahead(&next, PAGE));
    if !batch.is_empty() {
        in_background(live, batch, about_to_click);
    }
}

/// The reader comes to the search box: what every search needs whatever its words (the
/// articles' lengths, [`Shelf::files_to_search`]) starts coming, so the first keystroke waits
/// only for its own words' files.
fn about_to_search(live: Live) {
    if live.driving.get_value() {
        return;
    }
    let batch = live.shelf.with_value(Shelf::files_to_search);
    if !batch.is_empty() {
        in_background(live, batch, |_| ());
    }
}

/// The reader points at (or tabs into) what filters the view, the chips or the months: the
/// rows a filter needs start coming now rather than after [`WARM_IDLE_MS`], as a link is
/// fetched on hover. Pointing precedes a click by a few hundred milliseconds; without this a
/// chip clicked soon after a broad answer waited for its rows. Nothing is fetched for a view
/// whose answer already needed its rows ([`Shelf::rows_to_warm`] is empty then).
fn about_to_filter(live: Live) {
    warm(live, live.query());
}

#[component]
fn LargeApp() -> impl IntoView {
    let live = expect_context::<Live>();
    let whose = if live.yours.get_untracked() { "Your articles: " } else { "" };
    let summary = live.shelf.with_value(|s| {
        format!(
            "{whose}{} · {} · {}",
            counted(s.summary.doc_count as usize, "article", "articles"),
            counted(s.summary.name_count as usize, "entity", "entities"),
            counted(s.summary.event_count as usize, "dated event", "dated events")
        )
    });
    let notices = live.notices;
    let error = live.error;
    view! {
        <a class="skip-link" href="#results-heading">"Skip to results"</a>
        <header class="top" role="banner">
            <div class="brand">
                <h1>"Corpus explorer"</h1>
                <p class="corpus-size">{summary}</p>
            </div>
            <SearchBox/>
            <div class="toolbar">
                <button
                    type="button"
                    id="clear-all"
                    disabled=move || live.state.with(|s| !s.has_filters())
                    on:click=move |_| live.change(History::Push, ViewState::clear_filters)
                >
                    "Clear all filters"
                </button>
                <yours::YoursButton/>
                <CopyLink/>
                <ThemeToggle/>
            </div>
        </header>
        <yours::YoursPanel/>
        {move || if live.yours.get() {
            view! {
                <p class="served-note yours-note" id="served-note">
                    "Your own articles, analysed in this browser against this site's names: a name the site knows has the site's name here, so a filter by it carries over to the site. "
                    <button type="button" class="link-button" id="back-to-site" on:click=move |_| live.switch()>
                        "Back to the site"
                    </button>
                </p>
            }.into_any()
        } else {
            view! {
                <p class="served-note" id="served-note">
                    "A large corpus, served in parts: search, names, the timeline with its dated events and stories, who appears with whom, the reader (with the passages other articles repeat) and the downloads fetch what they need. Names can be corrected (merge, rename, kind, hide); splitting a spelling out needs a smaller corpus. Your own articles are analysed apart, against the site's names."
                </p>
            }.into_any()
        }}
        <Show when=move || error.with(Option::is_some)>
            <div class="notices fetch-error" role="alert" id="fetch-error">
                <p>"Part of the corpus could not be loaded, so what is shown may be out of date: " {move || error.get().unwrap_or_default()}</p>
                <button type="button" on:click=move |_| { error.set(None); drive(live); }>"Try again"</button>
            </div>
        </Show>
        <Show when=move || notices.with(|n| !n.is_empty())>
            <div class="notices" role="status" id="notices">
                <ul>{move || notices.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                <button type="button" on:click=move |_| notices.set(Vec::new())>"Dismiss"</button>
            </div>
        </Show>
        <main class="layout" id="main">
            <Chips/>
            <div class="center">
                <Months/>
                <Events/>
                <Stories/>
                <Cooccurrence/>
                <ResultList/>
            </div>
            <Reader/>
        </main>
    }
}

/// The dated events under the filter, in date order as in the embedded explorer, a page at a
/// time: each row from its event-text file and its article's text, which the fetch loop brings
/// once the list is open.
#[component]
fn Events() -> impl IntoView {
    let live = expect_context::<Live>();
    // A new answer starts again from the first page.
    Effect::new(move |_| {
        live.results.track();
        if live.events_shown.get_untracked() != EVENT_PAGE {
            live.events_shown.set(EVENT_PAGE);
        }
    });
    let count = move || live.results.with(|r| r.as_ref().map_or(0, |r| r.events.len()));
    // The shown events whose files are here, in order (the first missing one ends the list).
    let rows = move || {
        live.added.track();
        let shown = live.events_shown.get();
        live.results.with(|r| {
            let Some(r) = r else { return Vec::new() };
            live.shelf.with_value(|shelf| {
                r.events
                    .iter()
                    .take(shown)
                    .map_while(|&e| {
                        let event = shelf.event(e).ok()?;
                        let doc = shelf.document(event.doc).ok()?;
                        let note = event.inferred.then(|| super::dating::article_date(doc));
                        let (number, id, sentence) = (event.doc, doc.id.clone(), event.sentence);
                        let open = move || live.open(number, id.clone(), Some(sentence));
                        Some(super::timeline::event_item(e, event, doc, note, open).into_any())
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <details class="served-events" on:toggle=move |ev| live.events_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary>{move || counted(count(), "dated event", "dated events")}</summary>
            {move || {
                live.events_open.get().then(|| {
                    view! {
                        <ol class="event-list" id="event-list">{rows}</ol>
                        <Show when=move || { count() > live.events_shown.get() }>
                            <button
                                type="button"
                                class="link-button"
                                id="more-events"
                                on:click=move |_| live.events_shown.update(|n| *n += EVENT_PAGE)
                            >
                                {move || format!("Show more events ({} not shown)", count().saturating_sub(live.events_shown.get()))}
                            </button>
                        </Show>
                    }
                })
            }}
        </details>
    }
}

/// The stories under the filter (the dated events grouped into happenings across articles at
/// build time), in date order as in the embedded explorer, a page at a time: which stories
/// from the events' story-of files, each row from its story file alone.
#[component]
fn Stories() -> impl IntoView {
    let live = expect_context::<Live>();
    Effect::new(move |_| {
        live.results.track();
        if live.stories_shown.get_untracked() != STORY_PAGE {
            live.stories_shown.set(STORY_PAGE);
        }
    });
    let answer = Memo::new(move |_| {
        live.added.track();
        if !live.stories_open.get() {
            return None;
        }
        live.results.with(|r| live.shelf.with_value(|shelf| shelf.stories(&live.answered_query(), r.as_ref()?).ok()))
    });
    let count = move || answer.with(|a| a.as_ref().map_or(0, |(v, _)| v.len()));
    let heading = move || {
        answer.with(|a| match a {
            Some((visible, multi)) => {
                format!("{}, {multi} reported by more than one article", counted(visible.len(), "story", "stories"))
            }
            None => "Stories across articles".to_string(),
        })
    };
    let rows = move || {
        live.added.track();
        let shown = live.stories_shown.get();
        answer.with(|a| {
            let Some((visible, _)) = a else { return Vec::new() };
            live.shelf.with_value(|shelf| {
                visible
                    .iter()
                    .take(shown)
                    .map_while(|&k| {
                        let card = shelf.story(k).ok()?.clone();
                        Some(super::stories::story_item(k, card, move |n, id, s| live.open(n, id, s)).into_any())
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <details class="served-stories" on:toggle=move |ev| live.stories_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary id="stories-summary">{heading}</summary>
            {move || {
                live.stories_open.get().then(|| {
                    view! {
                        <ol class="event-list story-list" id="story-list">{rows}</ol>
                        <Show when=move || { count() > live.stories_shown.get() }>
                            <button
                                type="button"
                                class="link-button"
                                id="more-stories"
                                on:click=move |_| live.stories_shown.update(|n| *n += STORY_PAGE)
                            >
                                {move || format!("Show more stories ({} not shown)", count().saturating_sub(live.stories_shown.get()))}
                            </button>
                        </Show>
                    }
                })
            }}
        </details>
    }
}

/// "Who appears with whom" over the served corpus: counted from the pairs files of the matching
/// articles, which the fetch loop brings once the panel is open.
#[component]
fn Cooccurrence() -> impl IntoView {
    let live = expect_context::<Live>();
    let matrix = Memo::new(move |_| -> Option<Named> {
        live.added.track();
        if !live.cooccur_open.get() {
            return None;
        }
        live.results.with(|r| {
            live.shelf.with_value(|shelf| {
                let m = shelf.cooccurrence(&live.answered_query(), r.as_ref()?, cooccur::TOP).ok()?;
                let names =
                    m.entities.iter().map(|&e| shelf.name(e).ok().map(|n| n.name.clone())).collect::<Option<_>>()?;
                Some((names, m))
            })
        })
    });
    let require = Callback::new(move |(a, b): (String, String)| {
        live.change(History::Push, move |s| cooccur::require_both(s, a, b));
    });
    let merged = move || live.edits.with(|e| e.iter().any(|e| matches!(e, Edit::Merge { .. })));
    view! {
        <CooccurrenceDetails open=live.cooccur_open matrix=matrix.into() require/>
        <Show when=move || live.cooccur_open.get() && merged()>
            <p class="hint" id="cooccur-merged">
                "With merged names, a sentence that names two of a merged name's spellings beside another name counts once for each (these files keep pairs, not sentences)."
            </p>
        </Show>
    }
}

/// Files fetched at once while gathering a download: enough to keep the connection busy, few
/// enough that the progress line moves.
const DOWNLOAD_BATCH: usize = 32;

/// A download being gathered: the table, files fetched so far and files known to be needed.
#[derive(Clone, Debug, Default, PartialEq)]
struct Gathering {
    table: &'static str,
    done: usize,
    total: usize,
}

/// "Download" over a served corpus: each table of the view as CSV, the same rows the embedded
/// page writes (`table::served`), its files fetched as needed with a progress line and a way
/// to stop. The JSON of every table at once is left to smaller corpora: at this size each
/// table alone can be tens of megabytes.
#[component]
fn Downloads() -> impl IntoView {
    let live = expect_context::<Live>();
    let gathering: RwSignal<Option<Gathering>> = RwSignal::new(None);
    let stop = StoredValue::new(false);
    let failed: RwSignal<Option<String>> = RwSignal::new(None);
    let start = move |table: &'static str| {
        let Some(results) = live.results.get_untracked() else { return };
        let query = live.answered_query();
        stop.set_value(false);
        failed.set(None);
        gathering.set(Some(Gathering { table, done: 0, total: 0 }));
        wasm_bindgen_futures::spawn_local(async move {
            match gather(live, table, &query, &results, gathering, stop).await {
                Ok(Some(rows)) => {
                    super::download::save(&format!("{table}.csv"), "text/csv;charset=utf-8", &table::csv(&rows));
                }
                Ok(None) => {}
                Err(message) => failed.set(Some(message)),
            }
            gathering.set(None);
        });
    };
    let buttons = table::TABLES
        .into_iter()
        .map(|(name, label)| {
            view! {
                <button
                    type="button"
                    data-export="csv"
                    data-table=name
                    disabled=move || gathering.with(Option::is_some)
                    on:click=move |_| start(name)
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    view! {
        <details class="download">
            <summary>"Download"</summary>
            <div class="download-menu">
                <p class="muted">"What the filter shows now (its files are fetched as needed):"</p>
                {buttons}
                <Show when=move || gathering.with(Option::is_some)>
                    <p class="download-progress" id="download-progress" role="status">
                        {move || gathering.get().map(|g| {
                            if g.total == 0 {
                                format!("Preparing the {} table…", g.table)
                            } else {
                                format!("Fetching the {} table's files: {} of {}…", g.table, g.done, g.total)
                            }
                        })}
                        " "
                        <button type="button" id="download-stop" on:click=move |_| stop.set_value(true)>"Stop"</button>
                    </p>
                </Show>
                <Show when=move || failed.with(Option::is_some)>
                    <p class="fetch-error" role="alert" id="download-error">{move || failed.get().unwrap_or_default()}</p>
                </Show>
            </div>
        </details>
    }
}

/// Fetches what table `name` of `results` needs, a batch at a time, then writes its rows;
/// `None` when stopped. Files already on the shelf are not fetched again.
async fn gather(
    live: Live,
    name: &'static str,
    query: &Query,
    results: &Results,
    progress: RwSignal<Option<Gathering>>,
    stop: StoredValue<bool>,
) -> Result<Option<Vec<Vec<String>>>, String> {
    loop {
        let need = match live.shelf.with_value(|shelf| table::served(name, shelf, query, results)) {
            Ok(rows) => return Ok(Some(rows)),
            Err(Missing(files)) => files,
        };
        let need: Vec<String> = live.shelf.with_value(|shelf| need.into_iter().filter(|f| !shelf.has(f)).collect());
        progress.update(|g| {
            if let Some(g) = g {
                g.total = g.done + need.len();
            }
        });
        let source = live.source.get_value();
        for batch in need.chunks(DOWNLOAD_BATCH) {
            if stop.get_value() {
                return Ok(None);
            }
            let generation = live.generation.get_value();
            let files = source.get(batch).await?;
            if live.generation.get_value() != generation {
                return Err("the corpus shown changed during the download; download again".into());
            }
            live.shelf
                .try_update_value(|shelf| {
                    batch.iter().zip(&files).try_for_each(|(path, bytes)| {
                        if shelf.has(path) {
                            return Ok(());
                        }
                        shelf.add(path, bytes).map_err(|e| source.damaged(path, &e.0))
                    })
                })
                .unwrap_or(Ok(()))?;
            progress.update(|g| {
                if let Some(g) = g {
                    g.done += batch.len();
                }
            });
        }
        if need.is_empty() {
            return Err("the download needs a file the corpus does not have; rebuild the site".into());
        }
    }
}

#[component]
fn SearchBox() -> impl IntoView {
    let live = expect_context::<Live>();
    let total = live.shelf.with_value(|s| s.summary.doc_count as usize);
    let (fetching, slow) = (live.fetching, live.slow);
    view! {
        <div class="search" role="search">
            <label for="search" class="visually-hidden">"Search the articles"</label>
            <input
                id="search"
                type="search"
                autocomplete="off"
                spellcheck="false"
                placeholder="Search: words, \"a phrase\", prefix*"
                aria-describedby="result-count"
                prop:value=move || live.state.with(|s| s.text.clone())
                on:focus=move |_| about_to_search(live)
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    live.change(History::Replace, move |s| s.text = text);
                }
            />
            <p id="result-count" class="result-count" role="status" aria-live="polite">
                {move || match live.with_listed(|r| r.hits.len()) {
                    None => "Loading…".to_string(),
                    Some(n) => result_count(n, total),
                }}
                <span class="loading" id="counting" hidden=move || live.preview.with(Option::is_none)>
                    " · counting names and dates…"
                </span>
                <span class="loading" id="loading" hidden=move || !slow.get()>
                    {move || format!(" · fetching {}", counted(fetching.get(), "file", "files"))}
                </span>
            </p>
        </div>
    }
}

#[component]
fn Chips() -> impl IntoView {
    let live = expect_context::<Live>();
    // (number, name, kind, count, on the site) of the chips to show, once their names are here:
    // the most counted, or with text in the filter box the most counted of the names containing
    // it. "On the site": with the reader's own articles shown, how many of the site's articles
    // name it (the site's name table is all here: the articles were analysed against it).
    let yours = live.yours.get_untracked();
    let on_site = move |name: &str| {
        live.with_site(|shelf, _| shelf.find(name).and_then(|e| shelf.name(e).ok()).map(|n| n.total)).flatten()
    };
    let chips = Memo::new(move |_| {
        live.added.track();
        let needle = live.chip_filter.with(|f| f.trim().to_lowercase());
        live.results.with(|r| {
            let Some(r) = r else { return Vec::new() };
            live.shelf.with_value(|shelf| {
                let numbers = if needle.is_empty() {
                    top_names(counted_names(&r.entity_counts), CHIPS)
                } else {
                    let found = shelf.find_names(&needle).unwrap_or_default();
                    top_names(found.into_iter().map(|e| (e, r.entity_counts[e as usize])), CHIPS)
                };
                numbers
                    .into_iter()
                    .filter_map(|e| {
                        shelf.name(e).ok().map(|n| {
                            let site = if yours { on_site(&n.name) } else { None };
                            (e, n.name.clone(), n.kind, r.entity_counts[e as usize], site)
                        })
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    // The filter found nothing (once the name table is here, so not while it loads).
    let no_match = move || {
        live.added.track();
        live.chip_filter.with(|f| !f.trim().is_empty())
            && chips.with(Vec::is_empty)
            && live.shelf.with_value(|shelf| shelf.missing_table().is_empty())
    };
    let group = move |kind: EntityKind, label: &'static str| {
        let members = move || chips.with(|c| c.iter().filter(|x| x.2 == kind).cloned().collect::<Vec<_>>());
        let heading = format!("chips-{}", kind.label());
        view! {
            <Show when=move || chips.with(|c| c.iter().any(|x| x.2 == kind))>
                <section class="chip-group" aria-labelledby=heading.clone()>
                    <h3 id=heading.clone()>{label}</h3>
                    <ul class="chips" role="list">
                        // Keyed by name too: a rename keeps the number and the count.
                        <For each=members key=|c| (c.0, c.1.clone(), c.3) let:c>
                            <li><Chip name=c.1 kind=c.2 count=c.3 site=c.4/></li>
                        </For>
                    </ul>
                </section>
            </Show>
        }
    };
    view! {
        <aside
            class="chips-panel"
            aria-labelledby="chips-heading"
            on:pointerover=move |_| about_to_filter(live)
            on:focusin=move |_| about_to_filter(live)
            on:pointerleave=move |_| live.pointed.set_value(None)
            on:focusout=move |_| live.pointed.set_value(None)
        >
            <h2 id="chips-heading">"Names"</h2>
            <CurationBar mode=live.edit_mode actions=live.actions()/>
            <corrections::ChipEditor/>
            <corrections::NotApplied/>
            <div class="chip-tools">
                <ChipFilter filter=live.chip_filter/>
            </div>
            <p class="chip-hint">"The most named under the filter. Click: require · again: exclude · again: off."</p>
            <Show when=move || no_match()>
                <p class="hint" id="chip-filter-empty">
                    {move || format!("No name containing “{}” is in the matching articles.", live.chip_filter.get().trim())}
                </p>
            </Show>
            {group(EntityKind::Person, "People")}
            {group(EntityKind::Organisation, "Organisations")}
            {group(EntityKind::Place, "Places")}
            {group(EntityKind::Other, "Other")}
        </aside>
    }
}

#[component]
fn Chip(name: String, kind: EntityKind, count: u32, site: Option<u32>) -> impl IntoView {
    let live = expect_context::<Live>();
    let chip_state = {
        let name = name.clone();
        Memo::new(move |_| live.state.with(|s| s.chip_state(&name)))
    };
    let click = name.clone();
    let pointed = name.clone();
    let entity = name.clone();
    let label = match site {
        Some(n) => format!("{name}, {}, {n} on the site", counted(count as usize, "article", "articles")),
        None => format!("{name}, {}", counted(count as usize, "article", "articles")),
    };
    let mode = live.edit_mode;
    let selected = {
        let name = name.clone();
        move || mode.on.get() && mode.selected.with(|s| s.contains(&name))
    };
    view! {
        <button
            type="button"
            class="chip"
            class:required=move || chip_state.get() == ChipState::Required
            class:excluded=move || chip_state.get() == ChipState::Excluded
            class:selected=selected
            data-entity=entity
            data-kind=kind.label()
            aria-pressed=move || chip_state.get().pressed()
            aria-label=label
            on:pointerenter={
                let pointed = pointed.clone();
                move |_| point_at(live, &pointed)
            }
            on:focus=move |_| point_at(live, &pointed)
            on:click=move |_| {
                if mode.on.get_untracked() {
                    mode.toggle(&click);
                    return;
                }
                let name = click.clone();
                live.change(History::Push, move |s| s.cycle_entity(&name));
            }
        >
            <span class="chip-mark" aria-hidden="true">
                {move || chip_state.get().mark()}
            </span>
            <span class="chip-name">{name}</span>
            <span class="chip-count">{count}</span>
            {site.map(|n| view! { <span class="chip-site" title="Articles on the site that name it">{format!("site {n}")}</span> })}
        </button>
    }
}

/// Dated events per month (or per year, over a long span) under the filter, from the event
/// numbers alone (see `Summary::month_counts`); a column's bar filters to its dates.
#[component]
fn Months() -> impl IntoView {
    let live = expect_context::<Live>();
    let months: Vec<(i32, u8)> = live.shelf.with_value(|s| s.summary.months.iter().map(|&(y, m, _)| (y, m)).collect());
    let columns = chart::calendar_columns(&months);
    let ranges: Vec<std::ops::Range<usize>> = columns.iter().map(|c| c.months.clone()).collect();
    let counts = Memo::new(move |_| {
        live.results.with(|r| {
            r.as_ref().map(|r| {
                let by_month = live.shelf.with_value(|s| s.summary.month_counts(&r.events));
                ranges.iter().map(|run| by_month[run.clone()].iter().sum::<u32>()).collect::<Vec<u32>>()
            })
        })
    });
    let peak = move || counts.with(|c| c.as_ref().and_then(|c| c.iter().copied().max()).unwrap_or(0).max(1));
    let total = move || counts.with(|c| c.as_ref().map_or(0, |c| c.iter().sum::<u32>()));
    let by_month = !chart::by_year(&columns);
    let n = columns.len();
    let ticks = chart::axis_ticks(&columns, AXIS_LABELS)
        .into_iter()
        .map(|tick| {
            // The ends sit at the edges; a label between is centred under its column.
            let end = tick.column + 1 == n && n > 1;
            let between = tick.column > 0 && !end;
            let left =
                if between { chart::percent((tick.column as f64 + 0.5) * 100.0 / n as f64) } else { String::new() };
            view! { <span class:end=end class:between=between style:left=left>{tick.label}</span> }
        })
        .collect_view();
    let bars = columns
        .into_iter()
        .enumerate()
        .map(|(i, column)| {
            let (from, to) = (column.from, column.to);
            let count = move || counts.with(|c| c.as_ref().and_then(|c| c.get(i).copied()).unwrap_or(0));
            let (label, aria) = (column.label.clone(), column.label);
            let active = move || live.state.with(|s| s.from == Some(from) && s.to == Some(to));
            view! {
                <li>
                    <button
                        type="button"
                        class="month-bar"
                        class:active=active
                        data-from=from.iso()
                        data-to=to.iso()
                        data-count=count
                        title=move || format!("{label}: {}", counted(count() as usize, "event", "events"))
                        aria-label=move || format!("{aria}: {}", counted(count() as usize, "dated event", "dated events"))
                        aria-pressed=move || if active() { "true" } else { "false" }
                        on:click=move |_| {
                            let on = active();
                            live.change(History::Push, move |s| {
                                (s.from, s.to) = if on { (None, None) } else { (Some(from), Some(to)) };
                            });
                        }
                    >
                        // Set through the CSSOM (`style:`), which the CSP allows; a style attribute it would not.
                        <span class="month-fill" style:height=move || format!("{}%", count() * 100 / peak())></span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="timeline" aria-labelledby="timeline-heading">
            <div class="section-head">
                <h2 id="timeline-heading">"Timeline"</h2>
                <p class="timeline-total">{move || counted(total() as usize, "dated event", "dated events")}</p>
                <Show when=move || live.state.with(|s| s.from.is_some() || s.to.is_some())>
                    <button type="button" id="clear-dates" on:click=move |_| live.change(History::Push, |s| { s.from = None; s.to = None; })>
                        "Clear dates"
                    </button>
                </Show>
            </div>
            <ol
                class="months"
                id="months"
                aria-label="Dated events over time; a bar filters to its dates"
                on:pointerover=move |_| about_to_filter(live)
                on:focusin=move |_| about_to_filter(live)
            >
                {bars}
            </ol>
            <p class="months-axis" class:by-month=by_month>{ticks}</p>
        </section>
    }
}

#[component]
fn ResultList() -> impl IntoView {
    let live = expect_context::<Live>();
    // A new answer starts again from the first page.
    Effect::new(move |_| {
        live.results.track();
        if live.shown.get_untracked() != PAGE {
            live.shown.set(PAGE);
        }
    });
    // (number, id, title, date, snippet) of the rows whose text is here.
    let rows = Memo::new(move |_| {
        live.added.track();
        let shown = live.shown.get();
        let (q, sort) = live.state.with(|s| (s.text.clone(), s.sort));
        let query = Query { text: q, ..Query::default() };
        live.with_listed(|r| {
            live.shelf.with_value(|shelf| {
                let order = display_order(shelf, r, sort).unwrap_or_default();
                order
                    .iter()
                    .take(shown)
                    .map_while(|&i| {
                        let hit = &r.hits[i as usize];
                        let doc = shelf.document(hit.doc).ok()?;
                        let snippet = if hit.snippet.text.is_empty() {
                            shelf.snippet(&query, hit.doc)
                        } else {
                            hit.snippet.clone()
                        };
                        Some((hit.doc, doc.id.clone(), doc.title.clone(), doc.short_date(), snippet))
                    })
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default()
    });
    let matching = move || live.with_listed(|r| r.hits.len()).unwrap_or(0);
    view! {
        <section class="results" aria-labelledby="results-heading" aria-busy=move || if live.busy.get() { "true" } else { "false" }>
            <div class="section-head">
                <h2 id="results-heading" tabindex="-1">"Articles"</h2>
                <SortSelect
                    sort=Signal::derive(move || live.state.with(|s| s.sort))
                    set=Callback::new(move |sort| live.change(History::Push, move |s| s.sort = sort))
                />
                <Downloads/>
            </div>
            <Show
                when=move || { matching() > 0 || live.with_listed(|_| ()).is_none() }
                fallback=move || empty_state(move || live.change(History::Push, ViewState::clear_filters))
            >
                <ol class="result-list" id="result-list">
                    <For each=move || rows.get() key=|r| (r.0, r.4.text.clone(), r.4.highlights.clone()) let:row>
                        <ResultRow number=row.0 id=row.1 title=row.2 date=row.3 snippet=row.4/>
                    </For>
                </ol>
                <Show when=move || { matching() > live.shown.get() }>
                    <button type="button" class="link-button" id="show-more" on:click=move |_| live.shown.update(|n| *n += PAGE)>
                        {move || format!("Show more ({} not shown)", matching().saturating_sub(live.shown.get()))}
                    </button>
                </Show>
            </Show>
        </section>
    }
}

#[component]
fn ResultRow(number: u32, id: String, title: String, date: String, snippet: query::Snippet) -> impl IntoView {
    let live = expect_context::<Live>();
    let open_id = id.clone();
    let sentence = snippet.sentence;
    let is_open = move || live.state.with(|s| s.number == Some(number));
    view! {
        <li class="result" data-doc=id class:open=is_open>
            <h3>
                <button
                    type="button"
                    class="result-title"
                    on:click=move |_| live.open(number, open_id.clone(), sentence)
                >
                    {title}
                </button>
            </h3>
            <p class="result-meta"><span class="date">{date}</span></p>
            <p class="snippet">{highlighted(&snippet)}</p>
        </li>
    }
}

#[component]
fn Reader() -> impl IntoView {
    let live = expect_context::<Live>();
    let close = move || {
        live.change(History::Push, |s| {
            s.doc = None;
            s.number = None;
            s.sentence = None;
        })
    };
    // The open article once its text is here; a link whose id does not match the number (a
    // link from another build) says so instead of opening another article.
    let article = Memo::new(move |_| {
        live.added.track();
        let (number, id) = live.state.with(|s| (s.number, s.doc.clone()));
        let number = number?;
        live.shelf.with_value(|shelf| match shelf.document(number) {
            Ok(doc) if Some(&doc.id) == id.as_ref() || id.is_none() => Some(Ok(number)),
            Ok(_) => Some(Err(format!(
                "The link opens an article that is not in this corpus: “{}”.",
                id.unwrap_or_default()
            ))),
            Err(_) => None,
        })
    });
    // A link from the embedded explorer names the article by id alone, which the served
    // corpus cannot look up without fetching every article: say so rather than show nothing.
    Effect::new(move |_| {
        if let (Some(id), None) = live.state.with(|s| (s.doc.clone(), s.number)) {
            live.notices.update(|n| {
                n.push(format!(
                    "The link opens the article “{id}” by its id alone; on this large corpus, search for it instead."
                ))
            });
            live.change(History::Replace, |s| s.doc = None);
        }
    });
    Effect::new(move |_| {
        if let Some(Err(message)) = article.get() {
            live.notices.update(|n| n.push(message));
            live.change(History::Replace, |s| {
                s.doc = None;
                s.number = None;
            });
        }
    });
    let sentence = Memo::new(move |_| live.state.with(|s| s.sentence));
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(s)) = (article.get(), sentence.get()) {
            request_animation_frame(move || shell::scroll_into_view(&format!("s-{s}")));
        }
    });
    move || {
        let Some(Ok(number)) = article.get() else { return ().into_any() };
        let Some(doc) = live.shelf.with_value(|shelf| shelf.document(number).ok().cloned()) else {
            return ().into_any();
        };
        let terms = query::parse_terms(&live.state.with_untracked(|s| s.text.clone()));
        // Sentences other articles repeat (none until the echo file is here).
        let passages: Vec<shelf::Passage> =
            live.shelf.with_value(|shelf| shelf.passages(number).map(<[_]>::to_vec).unwrap_or_default());
        let mut paragraphs: Vec<Vec<AnyView>> = Vec::new();
        let mut last = None;
        for (k, s) in doc.sentences.iter().enumerate() {
            if last != Some(s.paragraph) {
                paragraphs.push(Vec::new());
                last = Some(s.paragraph);
            }
            let snippet = query::Snippet {
                text: s.text.clone(),
                highlights: query::highlight_terms(&terms, &s.text),
                sentence: None,
            };
            let current = sentence.get_untracked() == Some(k as u32);
            let repeated = passages.iter().find(|p| p.sentence == k as u32).map(|p| also_in(live, p));
            let view = view! {
                <span class="sentence" class:current=current class:boilerplate=s.boilerplate id=format!("s-{k}")>
                    {highlighted(&snippet)}" "
                </span>
                {repeated}
            };
            if let Some(p) = paragraphs.last_mut() {
                p.push(view.into_any());
            }
        }
        let body = paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view();
        view! {
            <article class="reader" id="reader" data-doc=doc.id.clone() aria-labelledby="reader-title">
                <div class="reader-bar">
                    <button type="button" id="close-reader" on:click=move |_| close() aria-label="Close the article (Esc)">"✕ Close"</button>
                </div>
                <h2 id="reader-title">{doc.title.clone()}</h2>
                <p class="reader-meta">
                    <span class="date" id="article-date">{super::dating::article_date(&doc)}</span>
                    {doc.source.clone().map(|s| view! { <span>" · "{s}</span> })}
                </p>
                <div class="reader-body">{body}</div>
            </article>
        }
        .into_any()
    }
}

/// The "also in" links of a sentence other articles repeat; a click opens the other article at
/// its sentence.
fn also_in(live: Live, passage: &shelf::Passage) -> impl IntoView + use<> {
    let links: Vec<OtherPassage> = passage
        .shown
        .iter()
        .map(|x| OtherPassage { id: x.id.clone(), title: x.title.clone(), sentence: x.sentence })
        .collect();
    let numbers: Vec<(String, u32)> = passage.shown.iter().map(|x| (x.id.clone(), x.number)).collect();
    also_in_view(links, passage.articles as usize, move |link| {
        if let Some(&(_, number)) = numbers.iter().find(|(id, _)| *id == link.id) {
            live.open(number, link.id.clone(), Some(link.sentence));
        }
    })
}
