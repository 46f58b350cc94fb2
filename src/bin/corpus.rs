//! Native CLI over the pipeline: `corpus export <dir>` (JSON) and `corpus inspect <dir>` (text).
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use corpus_explorer::corpus::{export, Corpus, Source};

const USAGE: &str = "\
usage: corpus <command> <dir>

commands:
  export <dir>    read <dir>/*.txt and <dir>/*.md (sorted by name) and the optional
                  <dir>/entities.toml, run the pipeline, print JSON to stdout
  inspect <dir>   the same pipeline, printed for people: paragraphs and sentences
                  (boilerplate marked), entities with aliases, dated events
  help            this text

Files that are not valid UTF-8 are decoded with invalid bytes replaced (a warning
naming the file goes to stderr). Files that cannot be read are skipped with a
message naming them.

exit codes:
  0  success
  1  output was produced, but some files could not be read and were skipped
  2  usage error, or <dir> cannot be read
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, dir) = match args.as_slice() {
        [c, d] if c == "export" || c == "inspect" => (c.as_str(), PathBuf::from(d)),
        [] => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        [h] if h == "help" || h == "--help" || h == "-h" => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprint!("error: unexpected arguments {args:?}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let loaded = match load(&dir) {
        Ok(l) => l,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let sources: Vec<Source<'_>> = loaded.files.iter().map(|(id, text)| Source { id, text }).collect();
    let corpus = Corpus::build(&sources, loaded.entities_toml.as_deref());
    if command == "export" {
        println!("{}", export::to_json(&corpus));
    } else {
        print!("{}", inspect(&corpus));
    }
    if loaded.skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

struct Loaded {
    files: Vec<(String, String)>,
    entities_toml: Option<String>,
    skipped: usize,
}

fn load(dir: &Path) -> Result<Loaded, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read directory {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    let mut skipped = 0;
    for path in paths {
        match read_text(&path) {
            Some(text) => {
                let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                files.push((id, text));
            }
            None => skipped += 1,
        }
    }
    let toml_path = dir.join("entities.toml");
    let entities_toml = if toml_path.exists() {
        let text = read_text(&toml_path);
        skipped += usize::from(text.is_none());
        text
    } else {
        None
    };
    Ok(Loaded { files, entities_toml, skipped })
}

/// Reads a file as text, lossily, telling the user about problems on stderr.
fn read_text(path: &Path) -> Option<String> {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(e) => {
                eprintln!("warning: {} is not valid UTF-8; invalid bytes replaced", path.display());
                Some(String::from_utf8_lossy(e.as_bytes()).into_owned())
            }
        },
        Err(e) => {
            eprintln!("warning: cannot read {}: {e}; skipped", path.display());
            None
        }
    }
}

fn inspect(corpus: &Corpus) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for doc in &corpus.documents {
        let date = doc.date.map_or("none".to_string(), |d| d.iso());
        let _ = writeln!(out, "## {}  {}\n   date {} ({})", doc.id, doc.title, date, doc.date_reason);
        for (p, para) in doc.paragraphs.iter().enumerate() {
            let mark = if para.boilerplate { "B" } else { " " };
            for s in para.first..para.end {
                if let Some(sentence) = doc.sentences.get(s as usize) {
                    let _ = writeln!(out, "   {mark} p{p:<3} {}", sentence.text);
                }
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## entities");
    for e in &corpus.entities {
        let aliases: Vec<String> = e.aliases.iter().map(|a| format!("{} ×{}", a.text, a.count)).collect();
        let _ = writeln!(
            out,
            "   {} [{}] {} mentions in {} docs: {}",
            e.name,
            e.kind.label(),
            e.mentions,
            e.docs.len(),
            aliases.join(", ")
        );
    }
    let _ = writeln!(out, "\n## events");
    for ev in &corpus.events {
        let doc = corpus.documents.get(ev.doc as usize).map_or("?", |d| d.id.as_str());
        let _ = writeln!(
            out,
            "   {} {:<7} {} {:?} — {}",
            ev.date.iso(),
            ev.date.precision.label(),
            doc,
            ev.expression,
            ev.resolution
        );
    }
    for w in &corpus.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out
}
