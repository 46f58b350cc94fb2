//! Builds the corpus at build time: reads every `*.txt` / `*.md` file of `seeds/` (or of the folder
//! named by the `CORPUS_SEEDS` environment variable), sorted by file name so builds are
//! reproducible, plus the optional `entities.toml`; runs the pipeline (`src/corpus/`, compiled
//! into this script by path) and writes its packed form (`corpus::pack`) to `$OUT_DIR/corpus.bin`,
//! which `src/embedded.rs` embeds. The browser then only decodes: no start-up indexing. Adding or
//! removing a file and rebuilding changes the corpus; no code change is needed.
use std::path::PathBuf;

// The pipeline's own source and the folder reader, as modules of this script. The `use` makes
// `crate::corpus` paths inside the pipeline resolve as they do in the library.
#[path = "src"]
#[allow(dead_code, unused_imports)]
mod pipeline {
    pub mod corpus;
    pub mod folder;
}
use pipeline::{corpus, folder};

fn main() {
    println!("cargo:rerun-if-env-changed=CORPUS_SEEDS");
    println!("cargo:rerun-if-env-changed=CORPUS_SHELF");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    // A large corpus is served as files beside the page (`corpus shelf`, run by
    // scripts/build-site.sh): the page embeds none of it, and this script analyses nothing.
    let shelved = std::env::var("CORPUS_SHELF").is_ok_and(|v| !v.is_empty() && v != "0");
    std::fs::write(out.join("shelved.txt"), if shelved { "1" } else { "0" }).expect("write shelved.txt");
    if shelved {
        let empty = corpus::Corpus::build(&[], None);
        std::fs::write(out.join("corpus.bin"), corpus::pack::encode(&empty)).expect("write corpus.bin");
        std::fs::write(out.join("shipped.json"), r#"{"files":[],"entities_toml":null}"#).expect("write shipped.json");
        std::fs::write(out.join("version.txt"), "shelved").expect("write version.txt");
        return;
    }
    println!("cargo:rerun-if-changed=src/corpus.rs");
    println!("cargo:rerun-if-changed=src/corpus");
    println!("cargo:rerun-if-changed=src/folder.rs");
    // Relative to the package root (cargo runs build scripts there), so messages shown on the
    // page name `seeds/x.txt`, not the build machine's folders, and the output does not depend
    // on where the clone is.
    let seeds = match std::env::var("CORPUS_SEEDS") {
        Ok(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from("seeds"),
    };
    // Watching the folder catches files added or removed; each file is watched for edits.
    println!("cargo:rerun-if-changed={}", seeds.display());
    if let Ok(entries) = std::fs::read_dir(&seeds) {
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if folder::is_article(&path) || path.ends_with("entities.toml") {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    println!("cargo:rerun-if-changed={}", seeds.join("entities.toml").display());

    // Bad UTF-8 is replaced and an unreadable file left out; both are reported at build time and
    // shown on the page as corpus notes, so nothing fails and nothing is lost silently.
    let loaded = folder::load(&seeds).unwrap_or_else(|err| {
        println!("cargo:warning={err}; embedding no articles");
        folder::Folder { files: Vec::new(), entities_toml: None, messages: vec![err], skipped: 0 }
    });
    for message in &loaded.messages {
        println!("cargo:warning={message}");
    }
    let sources: Vec<corpus::Source<'_>> = loaded.files.iter().map(|(id, text)| corpus::Source { id, text }).collect();
    let mut built = corpus::Corpus::build_parallel(&sources, loaded.entities_toml.as_deref(), threads());
    built.warnings.extend(loaded.messages.iter().map(|m| m.trim_start_matches("warning: ").to_string()));
    let packed = corpus::pack::encode(&built);
    // The raw articles too, for the in-page analyser (`src/bin/analyser.rs`, loaded only when a
    // reader adds files): it re-runs the pipeline over these and the reader's files together, so
    // spellings merge across both. JSON because the analyser already links serde_json.
    let shipped = serde_json::json!({ "files": loaded.files, "entities_toml": loaded.entities_toml });
    let shipped = serde_json::to_vec(&shipped).expect("serialise the shipped articles");
    // A workspace saved by one build is re-analysed when the site changes (new articles or a new
    // pipeline give different bytes here), and restored as is otherwise.
    let version = corpus::text::fnv1a(&[packed.as_slice(), shipped.as_slice()].concat());
    std::fs::write(out.join("corpus.bin"), packed).expect("write corpus.bin");
    std::fs::write(out.join("shipped.json"), shipped).expect("write shipped.json");
    std::fs::write(out.join("version.txt"), format!("{version:016x}")).expect("write version.txt");
}

/// Every core for the per-article stage (the output does not depend on it).
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
