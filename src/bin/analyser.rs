//! The in-page analyser: the same pipeline as `build.rs`, compiled as a second wasm that the page
//! loads only when a reader adds files, and runs in a Web Worker (`src/js/analyser-worker.js`
//! drives it, `src/js/workspace.js` starts it). It re-runs the pipeline over the shipped articles
//! (embedded here by `build.rs`) and the reader's files together, so spellings merge across both,
//! and returns the packed corpus the page already knows how to decode.
#[cfg(target_arch = "wasm32")]
mod wasm {
    use corpus_explorer::corpus::{pack, Corpus, Source, Stage};
    use corpus_explorer::import::{FileReport, Importer, Status};
    use wasm_bindgen::prelude::*;

    /// The shipped articles as (id, text) pairs and their `entities.toml` (see `build.rs`).
    static SHIPPED: &str = include_str!(concat!(env!("OUT_DIR"), "/shipped.json"));

    #[derive(serde::Deserialize, Default)]
    struct Shipped {
        files: Vec<(String, String)>,
        entities_toml: Option<String>,
    }

    /// One analysis: files in one by one, then one packed corpus out.
    #[wasm_bindgen]
    pub struct Analysis {
        importer: Importer,
        shipped: Shipped,
    }

    #[wasm_bindgen]
    impl Analysis {
        #[wasm_bindgen(constructor)]
        #[allow(clippy::new_without_default)]
        pub fn new() -> Analysis {
            let shipped: Shipped = serde_json::from_str(SHIPPED).unwrap_or_default();
            let importer = Importer::new(shipped.files.iter().map(|(id, _)| id.clone()));
            Analysis { importer, shipped }
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

        /// Runs the pipeline over the shipped articles (unless `only_mine`) and the added ones;
        /// `progress(stage, done, total)` is called as it goes. `curation` is an `entities.toml`
        /// of the reader's own edits, applied after the shipped one.
        pub fn finish(self, only_mine: bool, curation: &str, progress: &js_sys::Function) -> Vec<u8> {
            let articles = self.importer.finish();
            let mut sources: Vec<Source<'_>> = Vec::new();
            if !only_mine {
                sources.extend(self.shipped.files.iter().map(|(id, text)| Source { id, text }));
            }
            sources.extend(articles.iter().map(|a| Source { id: &a.id, text: &a.text }));
            let shipped_toml = if only_mine { "" } else { self.shipped.entities_toml.as_deref().unwrap_or("") };
            let toml = format!("{shipped_toml}\n{curation}");
            let corpus = Corpus::build_with_progress(&sources, Some(&toml), &mut |stage| {
                let (name, done, total) = match stage {
                    Stage::Documents { done, total } => ("articles", done, total),
                    Stage::Names => ("names", 0, 1),
                    Stage::Dates => ("dates", 0, 1),
                    Stage::Index => ("index", 0, 1),
                };
                let _ = progress.call3(&JsValue::NULL, &name.into(), &(done as f64).into(), &(total as f64).into());
            });
            pack::encode(&corpus)
        }
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
