//! `Engine`: add raw article texts, build the corpus (`Corpus::build`, which the explorer runs at
//! build time), pack it, load the packed form (`pack::decode`: the explorer's start-up work), run
//! queries. JavaScript does the timing.
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use corpus_explorer::corpus::{pack, Corpus, Day, Query, Source};
use wasm_bindgen::prelude::*;

/// Counts live heap bytes and their peak (what the corpus keeps, what building it needs).
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Live heap bytes now.
#[wasm_bindgen]
pub fn heap_live() -> f64 {
    LIVE.load(Relaxed) as f64
}

/// Peak live heap bytes since the last `reset_peak`.
#[wasm_bindgen]
pub fn heap_peak() -> f64 {
    PEAK.load(Relaxed) as f64
}

#[wasm_bindgen]
pub fn reset_peak() {
    PEAK.store(LIVE.load(Relaxed), Relaxed);
}

/// Size of the wasm linear memory (it only grows).
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size::<0>() * 65536) as f64
}

#[wasm_bindgen]
#[derive(Default)]
pub struct Engine {
    files: Vec<(String, String)>,
    corpus: Option<Corpus>,
    packed: Vec<u8>,
}

#[wasm_bindgen]
impl Engine {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Engine {
        Engine::default()
    }

    /// One article file: its stem and its raw text (front matter included).
    pub fn add(&mut self, id: String, text: String) {
        self.files.push((id, text));
    }

    /// Builds the corpus from everything added (the pipeline the explorer runs at build time).
    pub fn build(&mut self) {
        let sources: Vec<Source<'_>> = self.files.iter().map(|(id, text)| Source { id, text }).collect();
        self.corpus = Some(Corpus::build(&sources, None));
    }

    /// Packs the built corpus (what `build.rs` embeds) and drops it; returns the packed size.
    pub fn pack(&mut self) -> u32 {
        self.packed = self.corpus.take().map(|c| pack::encode(&c)).unwrap_or_default();
        self.packed.len() as u32
    }

    /// Decodes the packed corpus and rebuilds its index: the explorer's start-up work.
    pub fn load(&mut self) -> bool {
        self.corpus = pack::decode(&self.packed).ok();
        self.corpus.is_some()
    }

    pub fn entities(&self) -> u32 {
        self.corpus.as_ref().map_or(0, |c| c.entities.len() as u32)
    }

    pub fn events(&self) -> u32 {
        self.corpus.as_ref().map_or(0, |c| c.events.len() as u32)
    }

    /// Runs one query the way the UI does (`Corpus::search`: ranked hits, entity counts, events,
    /// snippets for the first page). `entity` < 0 means no chip; empty `from`/`to` mean no range.
    /// Returns the number of hits.
    pub fn search(&self, text: &str, entity: i32, from: &str, to: &str) -> u32 {
        let Some(corpus) = &self.corpus else { return 0 };
        let query = Query {
            text: text.to_string(),
            include: if entity >= 0 { vec![entity as u32] } else { Vec::new() },
            exclude: Vec::new(),
            from: Day::parse_iso(from),
            to: Day::parse_iso(to),
        };
        corpus.search(&query).hits.len() as u32
    }
}
