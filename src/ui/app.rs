//! `App`: builds the corpus once, owns the single filter state, provides both as context.

use std::sync::Arc;

use leptos::prelude::*;

use super::chips::ChipPanel;
use super::context::{use_ctx, Ctx};
use super::cooccur::CooccurrencePanel;
use super::reader::Reader;
use super::report::counted;
use super::results::ResultList;
use super::shell::{self, CopyLink, History, ThemeToggle};
use super::state::{self, ViewState};
use super::timeline::Timeline;
use super::workspace::{install_drop_target, use_workspace, Workspace, WorkspaceButton, WorkspacePanel};
use crate::corpus::Corpus;

/// Mounts the app over the shipped corpus, then brings back the reader's saved workspace (which
/// mounts the app again over that corpus; see [`mount_app`]).
pub fn mount() {
    if crate::embedded::SHELVED {
        super::large::mount();
        return;
    }
    let ws = Workspace::new(Arc::new(crate::embedded::corpus()));
    ws.offer_link_edits(state::edits_from_fragment(&shell::read_fragment()));
    mount_app(ws);
    shell::remove_boot_placeholder();
    install_drop_target(ws);
    ws.restore();
    // A debugging aid that must exist in release builds too: the error banner is tested with it.
    if shell::read_fragment().split('&').any(|p| p == "debug=panic") {
        panic!("Deliberate panic requested by the #debug=panic URL flag");
    }
}

thread_local! {
    /// The mounted app: its root owner, and the handle that unmounts it when dropped.
    static MOUNTED: std::cell::RefCell<Option<(Owner, Box<dyn std::any::Any>)>> = const { std::cell::RefCell::new(None) };
}

/// Mounts the app over the workspace's current corpus, replacing the one mounted before. A
/// fresh mount rather than a reactive swap: the app is built for one immutable corpus, and a
/// re-render in place compiles an update path for every view (measured: 3.3 KB more wasm,
/// brotli). The URL carries the view (query, chips, open article) across.
///
/// The old app's reactive graph is cleaned up explicitly (dropping the handle alone leaves its
/// effects subscribed to the workspace's signals, which outlive it: measured, a later chip
/// click re-ran a dead editor and panicked). Callers inside the app's own event handlers go
/// through [`remount_app`], so nothing of the old app runs after it is gone.
pub fn mount_app(ws: Workspace) {
    let previous = MOUNTED.with(|mounted| mounted.borrow_mut().take());
    if let Some((owner, handle)) = previous {
        drop(handle);
        owner.cleanup();
    }
    let corpus = ws.corpus();
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
    let owner = Owner::new();
    let handle = owner.with(|| {
        leptos::mount::mount_to(body, move || {
            provide_context(ws);
            view! { <App corpus/> }
        })
    });
    MOUNTED.with(|mounted| *mounted.borrow_mut() = Some((owner, Box::new(handle))));
}

/// [`mount_app`] after the current task: the event handler that asked for it, and the effects
/// it scheduled, finish on the old app first; and the new app's owner is a root, not a child
/// of the old app's.
pub fn remount_app(ws: Workspace) {
    set_timeout(move || mount_app(ws), std::time::Duration::ZERO);
}

#[component]
fn App(corpus: Arc<Corpus>) -> impl IntoView {
    let (initial, notices) = ViewState::from_fragment(&shell::read_fragment(), &*corpus);
    let mut notices = notices;
    notices.extend(corpus.warnings.iter().map(|w| format!("Corpus note: {w}")));
    let ctx = Ctx::new(corpus, initial, notices, use_workspace());
    provide_context(ctx.clone());

    // Back/forward and hand-edited fragments restore the view without writing history again.
    {
        let ctx = ctx.clone();
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            let (next, notices) = ViewState::from_fragment(&shell::read_fragment(), &*ctx.corpus);
            ctx.notices.set(notices);
            if ctx.state.with_untracked(|s| *s != next) {
                ctx.state.set(next);
            }
        });
        on_cleanup(move || handle.remove());
    }
    // `/` focuses the search; Esc clears it, or else closes the reader.
    {
        let ctx = ctx.clone();
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            let in_field = focused_tag().is_some_and(|t| t == "INPUT" || t == "TEXTAREA" || t == "SELECT");
            match ev.key().as_str() {
                "/" if !in_field => {
                    ev.prevent_default();
                    shell::focus("search");
                }
                "Escape" => {
                    let searching = focused_id().as_deref() == Some("search");
                    if searching && ctx.state.with_untracked(|s| !s.text.is_empty()) {
                        ctx.change(History::Push, |s| s.text.clear());
                    } else if ctx.state.with_untracked(|s| s.doc.is_some()) {
                        ctx.change(History::Push, |s| {
                            s.doc = None;
                            s.sentence = None;
                        });
                    }
                }
                _ => {}
            }
        });
        on_cleanup(move || handle.remove());
    }
    shell::set_theme(&shell::saved_theme());

    view! {
        <a class="skip-link" href="#results-heading">"Skip to results"</a>
        <header class="top" role="banner">
            <div class="brand">
                <h1>"Corpus explorer"</h1>
                <p class="corpus-size">{corpus_summary(&ctx.corpus)}</p>
            </div>
            <SearchBox/>
            <Toolbar/>
        </header>
        <Notices/>
        <WorkspacePanel/>
        <main class="layout" id="main">
            <ChipPanel/>
            <div class="center">
                <Timeline/>
                <CooccurrencePanel/>
                <ResultList/>
            </div>
            <Reader/>
        </main>
    }
}

fn corpus_summary(corpus: &Corpus) -> String {
    format!(
        "{} · {} · {}",
        counted(corpus.documents.len(), "article", "articles"),
        counted(corpus.entities.len(), "entity", "entities"),
        counted(corpus.events.len(), "dated event", "dated events")
    )
}

fn focused_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.active_element()
}

fn focused_tag() -> Option<String> {
    focused_element().map(|e| e.tag_name())
}

fn focused_id() -> Option<String> {
    focused_element().map(|e| e.id())
}

/// The search box: filters on every keystroke; typing replaces the history entry.
#[component]
fn SearchBox() -> impl IntoView {
    let ctx = use_ctx();
    let state = ctx.state;
    let total = ctx.corpus.documents.len();
    let results = ctx.results;
    view! {
        <div class="search" role="search">
            <label for="search" class="visually-hidden">"Search the articles"</label>
            <input
                id="search"
                type="search"
                autocomplete="off"
                spellcheck="false"
                placeholder="Search: words, \"a phrase\", prefix* (press /)"
                aria-keyshortcuts="/"
                aria-describedby="result-count"
                prop:value=move || state.with(|s| s.text.clone())
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    ctx.change(History::Replace, move |s| s.text = text);
                }
            />
            <p id="result-count" class="result-count" role="status" aria-live="polite">
                {move || {
                    let n = results.with(|r| r.hits.len());
                    super::report::result_count(n, total)
                }}
            </p>
        </div>
    }
}

/// Clear all, copy link, sort and theme.
#[component]
fn Toolbar() -> impl IntoView {
    let ctx = use_ctx();
    let state = ctx.state;
    let ctx_clear = ctx.clone();
    view! {
        <div class="toolbar">
            <WorkspaceButton/>
            <button
                type="button"
                id="clear-all"
                disabled=move || state.with(|s| !s.has_filters())
                on:click=move |_| ctx_clear.change(History::Push, ViewState::clear_filters)
            >
                "Clear all filters"
            </button>
            <CopyLink/>
            <ThemeToggle/>
        </div>
    }
}

/// Notices about the opened link or the corpus (never blocking, dismissible).
#[component]
fn Notices() -> impl IntoView {
    let ctx = use_ctx();
    let notices = ctx.notices;
    view! {
        <Show when=move || notices.with(|n| !n.is_empty())>
            <div class="notices" role="status" id="notices">
                <ul>
                    {move || notices.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
                <button type="button" on:click=move |_| notices.set(Vec::new())>"Dismiss"</button>
            </div>
        </Show>
    }
}
