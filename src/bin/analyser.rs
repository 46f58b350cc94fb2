//! The in-page analyser: the same pipeline as `build.rs`, compiled as a second wasm that the page
//! loads only when a reader adds files, and runs in a Web Worker (`src/js/analyser-worker.js`
//! drives it, `src/js/workspace.js` starts it). It re-runs the pipeline over the shipped articles
//! (embedded here by `build.rs`) and the reader's files together, so spellings merge across both,
//! and returns the packed corpus the page already knows how to decode.
#[cfg(target_arch = "wasm32")]
mod wasm {
    use std::ops::Range;

    use corpus_explorer::corpus::{document, pack, par, shelf, Corpus, Document, Source, Stage};
    use corpus_explorer::import::{Article, FileReport, Importer, Status};
    use wasm_bindgen::prelude::*;

    /// The shipped articles as (id, text) pairs and their `entities.toml` (see `build.rs`).
    static SHIPPED: &str = include_str!(concat!(env!("OUT_DIR"), "/shipped.json"));

    #[derive(serde::Deserialize, Default)]
    struct Shipped {
        files: Vec<(String, String)>,
        entities_toml: Option<String>,
    }

    /// One analysis: files in one by one; then the articles are cut into runs, one per worker
    /// (`prepare`), this worker builds the first and takes the others' packed results
    /// (`build_run`, `take_run`), and `finish` joins them in order and runs the corpus-wide
    /// stages once: the corpus one worker would build, byte for byte
    /// (`tests/pipeline_properties.rs`).
    #[wasm_bindgen]
    pub struct Analysis {
        importer: Importer,
        shipped: Shipped,
        articles: Vec<Article>,
        only_mine: bool,
        runs: Vec<Range<usize>>,
        /// The built articles of each run, once built here or taken from a helper worker.
        built: Vec<Option<Vec<Document>>>,
    }

    #[wasm_bindgen]
    impl Analysis {
        #[wasm_bindgen(constructor)]
        #[allow(clippy::new_without_default)]
        pub fn new() -> Analysis {
            let shipped: Shipped = serde_json::from_str(SHIPPED).unwrap_or_default();
            let importer = Importer::new(shipped.files.iter().map(|(id, _)| id.clone()));
            Analysis { importer, shipped, articles: Vec::new(), only_mine: false, runs: Vec::new(), built: Vec::new() }
        }

        /// Reads one file; returns its row for the workspace list (see [`row`]).
        pub fn add(&mut self, name: &str, bytes: &[u8]) -> String {
            row(&self.importer.add(name, bytes))
        }

        /// The row of a file that was not read: the browser could not (a folder, a file removed
        /// meanwhile), or the run's size budget was spent (see `analyser-worker.js`).
        pub fn skipped(&self, name: &str, size: f64, reason: &str) -> String {
            row(&FileReport {
                name: name.to_string(),
                size: size as u64,
                status: Status::Skipped,
                reason: reason.to_string(),
                docs: Vec::new(),
            })
        }

        /// Ends the reading: the shipped articles (unless `only_mine`) and the added ones, cut
        /// into at most `workers` runs of about equal bytes, none under `min_run_bytes` (a
        /// worker costs its start-up). Returns the number of runs.
        pub fn prepare(&mut self, only_mine: bool, workers: u32, min_run_bytes: f64) -> u32 {
            self.articles = std::mem::take(&mut self.importer).finish();
            self.only_mine = only_mine;
            let weights: Vec<u64> = self.sources().iter().map(|s| s.text.len() as u64).collect();
            let total: u64 = weights.iter().sum();
            let affordable = (total as f64 / min_run_bytes.max(1.0)) as usize;
            self.runs = par::runs(&weights, (workers as usize).min(affordable).max(1));
            self.built = vec![None; self.runs.len()];
            self.runs.len() as u32
        }

        /// The ids of run `run`'s articles, for the worker that builds it.
        pub fn run_ids(&self, run: u32) -> Vec<String> {
            self.run_sources(run).iter().map(|s| s.id.to_string()).collect()
        }

        /// The texts of run `run`'s articles, in the order of [`Analysis::run_ids`].
        pub fn run_texts(&self, run: u32) -> Vec<String> {
            self.run_sources(run).iter().map(|s| s.text.to_string()).collect()
        }

        /// Builds run `run` here; `progress("articles", done, total)` counts this run's
        /// articles against all of them.
        pub fn build_run(&mut self, run: u32, progress: &js_sys::Function) {
            let total = self.runs.iter().map(|r| r.len()).sum::<usize>();
            let documents =
                build_documents(&self.run_sources(run), &mut |done| report(progress, "articles", done, total));
            if let Some(slot) = self.built.get_mut(run as usize) {
                *slot = Some(documents);
            }
        }

        /// Takes run `run` as a helper worker built it ([`build_documents`]); false when the
        /// bytes are not that run's articles (then `finish` builds it here).
        pub fn take_run(&mut self, run: u32, packed: &[u8]) -> bool {
            let Some(range) = self.runs.get(run as usize).cloned() else { return false };
            let sources = self.sources();
            let Ok(documents) = pack::decode_documents(packed, sources.len(), 0) else { return false };
            let same =
                documents.len() == range.len() && documents.iter().zip(&sources[range]).all(|(d, s)| d.id == s.id);
            if same {
                self.built[run as usize] = Some(documents);
            }
            same
        }

        /// Joins the runs (building here any a helper did not deliver) and runs the corpus-wide
        /// stages; `progress(stage, done, total)` is called as it goes. `curation` is an
        /// `entities.toml` of the reader's own edits, applied after the shipped one (on a served
        /// site: the site's name table, so the reader's spellings join the site's names).
        /// Returns the packed corpus, or with `shelve` the corpus as a static corpus's files in
        /// one buffer (`shelf::bundle`), which a served page reads as it reads its own.
        pub fn finish(mut self, curation: &str, shelve: bool, progress: &js_sys::Function) -> Vec<u8> {
            let mut documents = Vec::new();
            for (run, slot) in std::mem::take(&mut self.built).into_iter().enumerate() {
                let built = slot.unwrap_or_else(|| {
                    let sources = self.run_sources(run as u32);
                    build_documents(&sources, &mut |done| report(progress, "articles", done, sources.len()))
                });
                documents.extend(built);
            }
            let shipped_toml = if self.only_mine { "" } else { self.shipped.entities_toml.as_deref().unwrap_or("") };
            let toml = format!("{shipped_toml}\n{curation}");
            let corpus = Corpus::from_documents(documents, Some(&toml), &mut |stage| {
                let name = match stage {
                    Stage::Names => "names",
                    Stage::Dates => "dates",
                    Stage::Index => "index",
                };
                report(progress, name, 0, 1);
            });
            if shelve {
                report(progress, "shelving", 0, 1);
                return shelf::bundle(&shelf::write_in_memory(&corpus));
            }
            pack::encode(&corpus)
        }

        fn sources(&self) -> Vec<Source<'_>> {
            let shipped = self.shipped.files.iter().filter(|_| !self.only_mine).map(|(id, text)| Source { id, text });
            shipped.chain(self.articles.iter().map(|a| Source { id: &a.id, text: &a.text })).collect()
        }

        fn run_sources(&self, run: u32) -> Vec<Source<'_>> {
            let range = self.runs.get(run as usize).cloned().unwrap_or_default();
            self.sources().drain(range).collect()
        }
    }

    /// A helper worker's share: the per-article stage over one run (`ids` and `texts` in
    /// order), packed for the worker that joins the runs; `progress(done)` as it goes.
    #[wasm_bindgen(js_name = build_documents)]
    pub fn build_run_documents(ids: Vec<String>, texts: Vec<String>, progress: &js_sys::Function) -> Vec<u8> {
        let sources: Vec<Source<'_>> = ids.iter().zip(&texts).map(|(id, text)| Source { id, text }).collect();
        let documents = build_documents(&sources, &mut |done| {
            let _ = progress.call1(&JsValue::NULL, &(done as f64).into());
        });
        pack::encode_documents(documents)
    }

    /// `progress(stage, done, total)`, as the worker's message loop reads it.
    fn report(progress: &js_sys::Function, stage: &str, done: usize, total: usize) {
        let _ = progress.call3(&JsValue::NULL, &stage.into(), &(done as f64).into(), &(total as f64).into());
    }

    fn build_documents(sources: &[Source<'_>], progress: &mut dyn FnMut(usize)) -> Vec<Document> {
        let mut documents = Vec::with_capacity(sources.len());
        for source in sources {
            documents.push(document::build(source));
            progress(documents.len());
        }
        documents
    }

    /// An `entities.toml` read for the page, which has no TOML parser of its own (it would cost
    /// the start-up download): its rules and warnings in `overrides::to_lines` form.
    #[wasm_bindgen]
    pub fn parse_overrides(toml: &str) -> String {
        use corpus_explorer::corpus::overrides;
        let (parsed, warnings) = overrides::parse(toml);
        overrides::to_lines(&parsed, &warnings)
    }

    /// The page's corpus (packed) with the reader's edits (`curate::to_lines`) applied, dates
    /// included: setting an article's date runs the date stage again, which the page does not
    /// carry (it would cost the start-up download ~35 KB).
    #[wasm_bindgen]
    pub fn apply_edits(packed: &[u8], lines: &str) -> Result<Vec<u8>, JsError> {
        use corpus_explorer::corpus::curate;
        let corpus = pack::decode(packed).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(pack::encode(&curate::apply(&corpus, &curate::from_lines(lines))))
    }

    /// The analyser's memory in bytes. Wasm memory only grows, so after a run this is the run's
    /// peak (the benchmark reads it).
    #[wasm_bindgen]
    pub fn memory_bytes() -> f64 {
        (core::arch::wasm32::memory_size(0) * 65536) as f64
    }

    /// `name \t size \t added|skipped \t reason \t doc ids separated by spaces`: tabs and line
    /// breaks inside fields become spaces (file names may hold anything).
    fn row(report: &FileReport) -> String {
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        let status = match report.status {
            Status::Added => "added",
            Status::Skipped => "skipped",
        };
        format!(
            "{}\t{}\t{}\t{}\t{}",
            clean(&report.name),
            report.size,
            status,
            clean(&report.reason),
            report.docs.iter().map(|d| clean(d)).collect::<Vec<_>>().join(" ")
        )
    }
}

/// The analyser is a wasm worker; natively, `cargo run --bin corpus` runs the same pipeline.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("analyser is the in-page worker: `trunk build` builds it; natively, use `cargo run --bin corpus`.");
    std::process::exit(2);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
