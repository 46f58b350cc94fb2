//! Files a user adds in the page (a name and raw bytes) to articles for [`Corpus::build`].
//!
//! Accepted: plain text and Markdown (kept as written, front matter included), web pages saved
//! from a news site (`html`: fields from the page's metadata, the article text by a
//! Readability-style extraction), and tables of articles: CSV/TSV, JSON and JSON Lines
//! (`records`: columns matched by name). Text is decoded from UTF-8, UTF-16 with a byte-order
//! mark, or Windows-1252 (`decode`). What is refused says why in words a reporter understands:
//! empty and binary files (PDF, archives, office documents, images, audio and video), files over
//! [`MAX_FILE_BYTES`], copies of a file already added, pages with no article text.
//!
//! Articles carry what was found as the pipeline's front matter (`front_matter`), so the corpus
//! sees an imported file exactly as it would a prepared `.txt`.
//!
//! Invariants: pure (no browser, no file system; it runs in a Web Worker and in native tests),
//! total ([`Importer::add`] never panics, whatever the bytes and the name), deterministic, and
//! ids are unique among themselves and the ids given as taken.
//!
//! [`Corpus::build`]: crate::corpus::Corpus::build
mod decode;
mod front_matter;
mod html;
mod records;

use std::collections::{HashMap, HashSet};

use crate::corpus::text::fnv1a;
use front_matter::{DateNotes, Fields};
use records::{Record, Table};

/// Files above this size are refused: a page holds every imported article in memory (text,
/// parsed tree and index), and a single news file is far smaller; a larger one is an archive or
/// an export to split.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Ids are shown in the reader and carried in the page's address; a file name longer than this
/// (in characters) is cut.
const MAX_ID_CHARS: usize = 80;

/// One article ready for [`Corpus::build`](crate::corpus::Corpus::build): `text` may start with
/// the pipeline's front matter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    pub id: String,
    pub text: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Status {
    Added,
    Skipped,
}

/// What became of one file.
#[derive(Clone, Debug)]
pub struct FileReport {
    pub name: String,
    pub size: u64,
    pub status: Status,
    /// Added: a short note ("3 articles; columns used: ...", "decoded as Windows-1252 ...") or
    /// empty. Skipped: why, in plain words.
    pub reason: String,
    /// Ids of the articles made from the file, in order.
    pub docs: Vec<String>,
}

/// Collects files one at a time (the worker reports progress between calls).
#[derive(Debug, Default)]
pub struct Importer {
    articles: Vec<Article>,
    ids: HashSet<String>,
    /// Content hash and length of each added file, to the file's name: exact copies are refused.
    seen: HashMap<(u64, usize), String>,
}

/// How a file is read, from its extension or, for text, its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Html,
    /// The delimiter when the extension says it (`.tsv`); guessed otherwise.
    Csv(Option<u8>),
    Json,
    JsonLines,
}

/// An article before its id is settled.
struct Draft {
    id: String,
    text: String,
}

impl Importer {
    /// `taken`: document ids already used (the shipped corpus), so new ids never collide.
    pub fn new(taken: impl IntoIterator<Item = String>) -> Importer {
        Importer { ids: taken.into_iter().collect(), ..Importer::default() }
    }

    /// Reads one file; never panics.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> FileReport {
        let size = bytes.len() as u64;
        if size > MAX_FILE_BYTES {
            let reason = format!("larger than {} MB; split it", MAX_FILE_BYTES / (1024 * 1024));
            return FileReport { name: name.to_string(), size, status: Status::Skipped, reason, docs: Vec::new() };
        }
        let key = (fnv1a(bytes), bytes.len());
        let outcome = match self.seen.get(&key) {
            Some(earlier) => Err(format!("same content as {earlier}")),
            None => read(name, bytes),
        };
        match outcome {
            Ok((drafts, notes)) => {
                self.seen.insert(key, name.to_string());
                let docs: Vec<String> = drafts
                    .into_iter()
                    .map(|draft| {
                        let id = self.claim(&draft.id);
                        self.articles.push(Article { id: id.clone(), text: draft.text });
                        id
                    })
                    .collect();
                let reason = notes.join("; ");
                FileReport { name: name.to_string(), size, status: Status::Added, reason, docs }
            }
            Err(reason) => {
                FileReport { name: name.to_string(), size, status: Status::Skipped, reason, docs: Vec::new() }
            }
        }
    }

    /// The articles of every added file, in the order added.
    pub fn finish(self) -> Vec<Article> {
        self.articles
    }

    /// `base`, or `base-2`, `base-3`... the first not yet used.
    fn claim(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 2u64;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        id
    }
}

/// The drafts of a file and the notes for its report, or why it is refused.
fn read(name: &str, bytes: &[u8]) -> Result<(Vec<Draft>, Vec<String>), String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".to_string());
    }
    let decoded = decode::decode(bytes)?;
    let text = normalise_newlines(decoded.text.trim_start_matches('\u{feff}'));
    if text.trim().is_empty() {
        return Err("empty file".to_string());
    }
    let stem = id_stem(name);
    let mut format = format_of(name);
    let mut notes = Vec::new();
    if format == Format::Text && html::looks_like_html(&text) {
        format = Format::Html;
        notes.push("read as a web page".to_string());
    }
    let (drafts, mut read_notes) = match format {
        Format::Text => (vec![Draft { id: stem, text }], Vec::new()),
        Format::Html => from_page(&stem, &text)?,
        Format::Csv(delimiter) => from_table(&stem, records::csv(&text, delimiter)?)?,
        Format::Json => from_table(&stem, records::json(&text)?)?,
        Format::JsonLines => from_table(&stem, records::json_lines(&text)?)?,
    };
    notes.append(&mut read_notes);
    notes.extend(decoded.note);
    Ok((drafts, notes))
}

/// By extension; anything else is read as text (and sniffed for HTML).
fn format_of(name: &str) -> Format {
    match extension(name).as_str() {
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "csv" => Format::Csv(None),
        "tsv" | "tab" => Format::Csv(Some(b'\t')),
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        _ => Format::Text,
    }
}

/// The file name without folders (a folder upload names files by path).
fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

fn extension(name: &str) -> String {
    let base = base_name(name);
    match base.rfind('.') {
        Some(dot) if dot > 0 => base[dot + 1..].to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// A readable id from a file name: its stem, with characters other than letters, digits, `-`,
/// `_` and `.` replaced by `-` (one for a run), cut to [`MAX_ID_CHARS`]; "file" if nothing is left.
fn id_stem(name: &str) -> String {
    let base = base_name(name);
    let stem = match base.rfind('.') {
        Some(dot) if dot > 0 => &base[..dot],
        _ => base,
    };
    let mut id = String::new();
    for c in stem.chars().take(MAX_ID_CHARS) {
        let c = if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '-' };
        if !(c == '-' && id.ends_with('-')) {
            id.push(c);
        }
    }
    let id = id.trim_matches('-');
    if id.is_empty() {
        "file".to_string()
    } else {
        id.to_string()
    }
}

/// `\r\n` and lone `\r` (old Mac files) to `\n`, so lines split the same everywhere.
fn normalise_newlines(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

type Read = (Vec<Draft>, Vec<String>);

fn from_page(stem: &str, text: &str) -> Result<Read, String> {
    let page = html::extract(text);
    if page.body.trim().is_empty() {
        return Err("no article text found in the page (only menus, links or scripts)".to_string());
    }
    let words = page.body.split_whitespace().count();
    let mut note = format!("web page, {words} word{}", if words == 1 { "" } else { "s" });
    let missing: Vec<&str> = [("title", page.fields.title.is_none()), ("date", page.fields.date.is_none())]
        .into_iter()
        .filter_map(|(what, missing)| missing.then_some(what))
        .collect();
    if !missing.is_empty() {
        note.push_str(&format!("; no {} found in the page", missing.join(" or ")));
    }
    let text = front_matter::compose(&page.fields, &page.body);
    Ok((vec![Draft { id: stem.to_string(), text }], vec![note]))
}

fn from_table(stem: &str, table: Table) -> Result<Read, String> {
    let mut dates = DateNotes::default();
    let mut drafts = Vec::new();
    let mut markup_only = Vec::new();
    for record in &table.records {
        match table_article(record, &mut dates) {
            Some(text) => drafts.push(Draft { id: format!("{stem}-{}", record.n), text }),
            None => markup_only.push(record.n.to_string()),
        }
    }
    if drafts.is_empty() {
        return Err("no article text: the text fields hold only markup".to_string());
    }
    let count = drafts.len();
    let mut notes = vec![format!("{count} article{}", if count == 1 { "" } else { "s" })];
    notes.extend(table.notes);
    if !markup_only.is_empty() {
        notes.push(format!(
            "no text in the markup of {} {}; skipped",
            plural_of("entry", markup_only.len()),
            markup_only.join(", ")
        ));
    }
    notes.extend(dates.summary());
    Ok((drafts, notes))
}

fn plural_of(word: &str, n: usize) -> String {
    match (word, n) {
        (_, 1) => word.to_string(),
        ("entry", _) => "entries".to_string(),
        _ => format!("{word}s"),
    }
}

/// The text of one table row: markup in the text or title (CMS exports) read as HTML.
fn table_article(record: &Record, dates: &mut DateNotes) -> Option<String> {
    let body = if html::has_markup(&record.text) { html::fragment_text(&record.text) } else { record.text.clone() };
    let body = normalise_newlines(&body);
    if body.trim().is_empty() {
        return None;
    }
    let title =
        record
            .title
            .as_deref()
            .map(|t| if html::has_entities_or_tags(t) { html::inline_text(t) } else { t.to_string() });
    let fields = Fields {
        title,
        date: record.date.as_deref().and_then(|d| dates.read(d)),
        source: record.source.clone(),
        url: record.url.clone(),
    };
    Some(front_matter::compose(&fields, &body))
}

#[cfg(test)]
mod tests;
