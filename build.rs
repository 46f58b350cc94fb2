//! Builds the corpus at build time: reads every `*.txt` / `*.md` file of `seeds/` (or of the folder
//! named by the `CORPUS_SEEDS` environment variable), sorted by file name so builds are
//! reproducible, plus the optional `entities.toml`; runs the pipeline (`src/corpus/`, compiled
//! into this script by path) and writes its packed form (`corpus::pack`) to `$OUT_DIR/corpus.bin`,
//! which `src/embedded.rs` embeds. The browser then only decodes: no start-up indexing. Adding or
//! removing a file and rebuilding changes the corpus; no code change is needed.
use std::path::{Path, PathBuf};

// The pipeline's own source, as a module of this script. The `use` makes `crate::corpus` paths
// inside it resolve as they do in the library.
#[path = "src"]
#[allow(dead_code, unused_imports)]
mod pipeline {
    pub mod corpus;
}
use pipeline::corpus;

fn main() {
    println!("cargo:rerun-if-env-changed=CORPUS_SEEDS");
    println!("cargo:rerun-if-changed=src/corpus.rs");
    println!("cargo:rerun-if-changed=src/corpus");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let seeds = match std::env::var("CORPUS_SEEDS") {
        Ok(dir) if !dir.is_empty() => manifest.join(dir),
        _ => manifest.join("seeds"),
    };
    // Watching the folder catches files added or removed; each file is watched for edits.
    println!("cargo:rerun-if-changed={}", seeds.display());

    let mut files: Vec<PathBuf> = match std::fs::read_dir(&seeds) {
        Ok(entries) => {
            entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file() && is_article(p)).collect()
        }
        Err(err) => {
            println!("cargo:warning=cannot read corpus folder {}: {err}; embedding no articles", seeds.display());
            Vec::new()
        }
    };
    files.sort();

    // Bytes are decoded lossily, so a file that is not valid UTF-8 still shows (with U+FFFD where
    // bytes were bad) instead of failing the build; an unreadable file becomes a corpus warning.
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut unreadable: Vec<String> = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("document").to_string();
        match std::fs::read(path) {
            Ok(bytes) => texts.push((stem, String::from_utf8_lossy(&bytes).into_owned())),
            Err(err) => {
                println!("cargo:warning=cannot read {}: {err}; left out", path.display());
                unreadable.push(format!("{} could not be read when the site was built ({err})", path.display()));
            }
        }
    }
    let toml_path = seeds.join("entities.toml");
    println!("cargo:rerun-if-changed={}", toml_path.display());
    let toml = std::fs::read(&toml_path).ok().map(|b| String::from_utf8_lossy(&b).into_owned());

    let sources: Vec<corpus::Source<'_>> = texts.iter().map(|(id, text)| corpus::Source { id, text }).collect();
    let mut built = corpus::Corpus::build(&sources, toml.as_deref());
    built.warnings.extend(unreadable);
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("corpus.bin");
    std::fs::write(dest, corpus::pack::encode(&built)).expect("write corpus.bin");
}

/// Same rule as `corpus_explorer::folder::is_article` (a build script cannot use its own crate).
fn is_article(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
}
