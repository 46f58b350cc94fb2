//! The context every component reads: the corpus of this mount, the one filter state (mirrored
//! in the URL) and what derives from it. `App` creates it once per mount (`Ctx::new`).
use std::sync::Arc;

use leptos::prelude::*;

use super::shell::{self, History};
use super::state::{self, ViewState};
use super::workspace::Workspace;
use crate::corpus::echo::{self, Echo};
use crate::corpus::story::{self, Story};
use crate::corpus::{Corpus, Query, Results};

/// Shared by every component: the immutable corpus, the one mutable state, and what derives
/// from it.
#[derive(Clone)]
pub struct Ctx {
    pub corpus: Arc<Corpus>,
    pub state: RwSignal<ViewState>,
    pub query: Memo<Query>,
    pub results: Memo<Results>,
    /// Messages about the link that was opened (unknown entity, bad date…), dismissible.
    pub notices: RwSignal<Vec<String>>,
    /// The workspace, whose name corrections ride along in the URL.
    pub ws: Workspace,
    /// The corpus's story groups, computed the first time a view asks (not at start-up).
    stories: StoredValue<Option<Arc<Vec<Story>>>>,
    /// The corpus's sentences compared for "also in", the first time the reader opens.
    shingles: StoredValue<Option<Arc<echo::Shingles>>>,
}

impl Ctx {
    /// The context of one mount of the app: the corpus, the view state it opens with, and the
    /// query and results derived from that state.
    pub fn new(corpus: Arc<Corpus>, initial: ViewState, notices: Vec<String>, ws: Workspace) -> Ctx {
        let state = RwSignal::new(initial);
        let query = {
            let corpus = corpus.clone();
            Memo::new(move |_| state.with(|s| s.query(&corpus)))
        };
        let results = {
            let corpus = corpus.clone();
            Memo::new(move |_| query.with(|q| corpus.search(q)))
        };
        Ctx {
            corpus,
            state,
            query,
            results,
            notices: RwSignal::new(notices),
            ws,
            stories: StoredValue::new(None),
            shingles: StoredValue::new(None),
        }
    }

    /// The only way the view state changes (besides back/forward): update, then mirror in the URL.
    pub fn change(&self, history: History, f: impl FnOnce(&mut ViewState)) {
        self.state.update(f);
        let fragment = self.state.with_untracked(ViewState::to_fragment);
        shell::write_fragment(&state::with_edits(&fragment, &self.ws.edits()), history);
    }

    /// The story groups of this corpus (`corpus::story`), grouped once and shared by the story
    /// list, the timeline's story marks and the downloads.
    pub fn stories(&self) -> Arc<Vec<Story>> {
        if let Some(done) = self.stories.get_value() {
            return done;
        }
        let done = Arc::new(story::group(&self.corpus));
        self.stories.set_value(Some(done.clone()));
        done
    }

    /// The sentences of article `doc` that other articles repeat (`corpus::echo`); the corpus's
    /// sentences are compared once, when the reader first asks.
    pub fn echoes(&self, doc: u32) -> Vec<Echo> {
        let shingles = self.shingles.get_value().unwrap_or_else(|| {
            let built = Arc::new(echo::Shingles::new(&self.corpus));
            self.shingles.set_value(Some(built.clone()));
            built
        });
        shingles.echoes(&self.corpus, doc)
    }

    /// Open an article, optionally at a sentence.
    pub fn open(&self, doc: &str, sentence: Option<u32>) {
        let doc = doc.to_string();
        self.change(History::Push, move |s| {
            s.doc = Some(doc);
            s.sentence = sentence;
        });
    }
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}
