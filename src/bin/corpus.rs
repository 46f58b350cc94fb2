//! Native CLI over the pipeline: `corpus export <dir>` (JSON), `corpus inspect <dir>` (text) and
//! `corpus shelf <dir> <out>` (the static corpus's files, `corpus::shelf`).
use std::path::PathBuf;
use std::process::ExitCode;

use corpus_explorer::corpus::{export, opensearch, shelf, Corpus, Source};
use corpus_explorer::folder;

const USAGE: &str = "\
usage: corpus <command> <dir>

commands:
  export <dir>    read <dir>/*.txt and <dir>/*.md (sorted by name) and the optional
                  <dir>/entities.toml, run the pipeline, print JSON to stdout
  inspect <dir>   the same pipeline, printed for people: paragraphs and sentences
                  (boilerplate marked), entities with aliases, dated events
  export --format opensearch <dir> <out>
                  the same pipeline, for OpenSearch/Elasticsearch: <out>/bulk.ndjson
                  (one article per document: names, nested events and mentions),
                  <out>/index-template.json (PUT _index_template/corpus-articles) and
                  <out>/dashboards.ndjson (OpenSearch Dashboards saved objects:
                  the explorer's facets and timeline)
  shelf <dir> <out>
                  the same pipeline, written as a static corpus: <out>/<version>/…
                  (summary, term shards, name lists, event files, rows, text; see
                  corpus::shelf) and <out>/corpus.json naming the version
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
    let mut out_dir = None;
    let (command, dir) = match args.as_slice() {
        [c, d] if c == "export" || c == "inspect" => (c.as_str(), PathBuf::from(d)),
        [c, d, o] if c == "shelf" => {
            out_dir = Some(PathBuf::from(o));
            (c.as_str(), PathBuf::from(d))
        }
        [c, f, format, d, o] if c == "export" && f == "--format" && format == "opensearch" => {
            out_dir = Some(PathBuf::from(o));
            ("opensearch", PathBuf::from(d))
        }
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
    let loaded = match folder::load(&dir) {
        Ok(l) => l,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    for message in &loaded.messages {
        eprintln!("{message}");
    }
    let sources: Vec<Source<'_>> = loaded.files.iter().map(|(id, text)| Source { id, text }).collect();
    let started = std::time::Instant::now();
    let threads = corpus_explorer::corpus::par::threads();
    let corpus = Corpus::build_parallel(&sources, loaded.entities_toml.as_deref(), threads);
    if let (Some(out), "opensearch") = (&out_dir, command) {
        if let Err(e) = write_opensearch(&corpus, out) {
            eprintln!("error: cannot write {}: {e}", out.display());
            return ExitCode::from(2);
        }
        eprintln!("{} articles written for OpenSearch in {}", corpus.documents.len(), out.display());
    } else if let Some(out) = out_dir {
        let built = started.elapsed();
        match write_shelf(&corpus, &out) {
            Ok((files, bytes)) => eprintln!(
                "{} articles: pipeline {:.1} s, shelf {:.1} s; {files} files, {bytes} bytes in {}",
                corpus.documents.len(),
                built.as_secs_f64(),
                (started.elapsed() - built).as_secs_f64(),
                out.display()
            ),
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", out.display());
                return ExitCode::from(2);
            }
        }
    } else if command == "export" {
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

/// The index the bulk file, the template and the saved objects name.
const OPENSEARCH_INDEX: &str = "corpus-articles";

fn write_opensearch(corpus: &Corpus, out: &std::path::Path) -> std::io::Result<()> {
    let export = opensearch::export(corpus, OPENSEARCH_INDEX);
    std::fs::create_dir_all(out)?;
    std::fs::write(out.join("bulk.ndjson"), export.bulk)?;
    std::fs::write(out.join("index-template.json"), export.template)?;
    std::fs::write(out.join("dashboards.ndjson"), export.dashboards)
}

/// Writes the static corpus under `out`, each file gzip-compressed (`store`); returns the number
/// of files and their bytes as written.
fn write_shelf(corpus: &Corpus, out: &std::path::Path) -> std::io::Result<(usize, usize)> {
    let written = shelf::write(corpus);
    let root = out.join(&written.version);
    let bytes = corpus_explorer::store::write(&root, &written.files, corpus_explorer::corpus::par::threads())?;
    let entry = shelf::entry(&written.version, corpus.documents.len(), written.files.len());
    std::fs::write(out.join("corpus.json"), entry)?;
    Ok((written.files.len(), bytes))
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
