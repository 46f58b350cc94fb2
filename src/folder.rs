//! Reading a corpus folder from disk, for native code: `build.rs` (which compiles this file into
//! itself), the CLI and the benchmarks share it. It still compiles for wasm, where nothing calls
//! it and LTO drops it.

use std::path::{Path, PathBuf};

/// The articles of a folder (file stem, text), sorted by file name, and its `entities.toml`.
pub struct Folder {
    pub files: Vec<(String, String)>,
    pub entities_toml: Option<String>,
    /// Problems worth telling the user, one line each, naming the file.
    pub messages: Vec<String>,
    /// Files that could not be read at all.
    pub skipped: usize,
}

/// An article is a `*.txt` or `*.md` file.
pub fn is_article(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
}

/// Reads every article of `dir`. Bad UTF-8 is replaced (and reported); unreadable files are
/// skipped (and reported). Only an unreadable folder is an error.
pub fn load(dir: &Path) -> Result<Folder, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read directory {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| is_article(p)).collect();
    paths.sort();
    let mut folder = Folder { files: Vec::new(), entities_toml: None, messages: Vec::new(), skipped: 0 };
    for path in paths {
        if let Some(text) = read_text(&path, &mut folder) {
            let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            folder.files.push((id, text));
        }
    }
    let toml_path = dir.join("entities.toml");
    if toml_path.exists() {
        folder.entities_toml = read_text(&toml_path, &mut folder);
    }
    Ok(folder)
}

fn read_text(path: &Path, folder: &mut Folder) -> Option<String> {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(e) => {
                folder.messages.push(format!("warning: {} is not valid UTF-8; invalid bytes replaced", path.display()));
                Some(String::from_utf8_lossy(e.as_bytes()).into_owned())
            }
        },
        Err(e) => {
            folder.messages.push(format!("warning: cannot read {}: {e}; skipped", path.display()));
            folder.skipped += 1;
            None
        }
    }
}
