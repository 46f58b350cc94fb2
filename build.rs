//! Embeds the corpus: every `*.txt` / `*.md` file of `seeds/` (or of the folder named by the
//! `CORPUS_SEEDS` environment variable), sorted by file name so builds are reproducible, plus the
//! optional `entities.toml`. Adding or removing a file and rebuilding changes the corpus; no code
//! change is needed.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=CORPUS_SEEDS");
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

    let mut out = String::from("/// Embedded articles as `(file stem, raw bytes)`, sorted by file name.\n");
    out.push_str("pub static RAW_SOURCES: &[(&str, &[u8])] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("document");
        writeln!(out, "    ({stem:?}, include_bytes!({:?})),", path.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    let toml = seeds.join("entities.toml");
    println!("cargo:rerun-if-changed={}", toml.display());
    if toml.is_file() {
        writeln!(out, "/// The corpus owner's `entities.toml`.\npub static ENTITIES_TOML: Option<&[u8]> = Some(include_bytes!({:?}));", toml.display().to_string()).unwrap();
    } else {
        out.push_str("/// No `entities.toml` in the corpus folder.\npub static ENTITIES_TOML: Option<&[u8]> = None;\n");
    }
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    std::fs::write(dest, out).expect("write embedded.rs");
}

/// Same rule as `corpus_explorer::folder::is_article` (a build script cannot use its own crate).
fn is_article(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
}
