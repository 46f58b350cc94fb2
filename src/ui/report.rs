//! What the analyser says about a reader's files, as the workspace panel shows it: one row per
//! file and the progress of a run. The analyser sends both as tab-separated text (see
//! `src/bin/analyser.rs` and `src/js/analyser-worker.js`); parsing is forgiving, since a row that
//! cannot be read must still show up as something rather than vanish. Pure: unit-tested natively.

use super::chart::decimal;

/// One file of the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRow {
    pub name: String,
    pub size: u64,
    pub added: bool,
    /// Why it was skipped, or a note on how it was read ("decoded as Windows-1252").
    pub reason: String,
    /// Ids of the articles made from it (a CSV gives several).
    pub docs: Vec<String>,
}

/// Rows, one per line: `name \t size \t added|skipped \t reason \t doc ids separated by spaces`.
pub fn parse_rows(text: &str) -> Vec<FileRow> {
    text.lines().filter(|l| !l.trim().is_empty()).map(parse_row).collect()
}

fn parse_row(line: &str) -> FileRow {
    let mut fields = line.split('\t');
    let mut next = || fields.next().unwrap_or("").to_string();
    let name = next();
    let size = next().parse().unwrap_or(0);
    let added = next() == "added";
    let reason = next();
    let docs = next().split_whitespace().map(str::to_string).collect();
    FileRow { name, size, added, reason, docs }
}

/// Where a run is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// `reading` (files one by one), then the pipeline: `articles`, `names`, `dates`, `index`
    /// (and on a served site `shelving`, the corpus cut into its files).
    pub phase: String,
    pub done: u64,
    pub total: u64,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub current: String,
}

/// `phase \t done \t total \t bytes done \t bytes total \t current file`.
pub fn parse_progress(text: &str) -> Progress {
    let mut fields = text.split('\t');
    let mut next = || fields.next().unwrap_or("").to_string();
    let phase = next();
    let mut number = || next().parse().unwrap_or(0);
    let (done, total, bytes_done, bytes_total) = (number(), number(), number(), number());
    Progress { phase, done, total, bytes_done, bytes_total, current: next() }
}

impl Progress {
    /// 0..=1 for the bar: reading files is the first half (by bytes), the pipeline the second
    /// (articles by count, then the corpus-wide stages), since both take comparable time.
    pub fn fraction(&self) -> f64 {
        let part = |done: u64, total: u64| if total == 0 { 0.0 } else { (done as f64 / total as f64).clamp(0.0, 1.0) };
        match self.phase.as_str() {
            "" | "starting" => 0.0,
            "reading" => 0.5 * part(self.bytes_done, self.bytes_total),
            "articles" => 0.5 + 0.3 * part(self.done, self.total),
            "names" => 0.8,
            "dates" => 0.9,
            "index" => 0.95,
            "shelving" => 0.97,
            _ => 0.5,
        }
    }

    /// The sentence under the bar.
    pub fn label(&self) -> String {
        let bytes = format!("{} of {}", megabytes(self.bytes_done), megabytes(self.bytes_total));
        match self.phase.as_str() {
            "" | "starting" => "Loading the analyser…".to_string(),
            "reading" if self.current.is_empty() => format!("Reading files: {} of {} · {bytes}", self.done, self.total),
            "reading" => format!("Reading files: {} of {} · {bytes} · {}", self.done, self.total, self.current),
            "articles" => format!("Analysing articles: {} of {} · {bytes} read", self.done, self.total),
            "names" => "Linking names across all articles…".to_string(),
            "dates" => "Resolving dates…".to_string(),
            "index" => "Building the search index…".to_string(),
            "shelving" => "Writing the stories, passages and timeline…".to_string(),
            _ => "Analysing…".to_string(),
        }
    }
}

/// The line under the search box: "All 20 articles", "3 of 20 articles", "1 article".
pub fn result_count(n: usize, total: usize) -> String {
    match (n, total) {
        (1, 1) => "1 article".to_string(),
        _ if n == total => format!("All {total} articles"),
        _ => format!("{n} of {}", counted(total, "article", "articles")),
    }
}

/// "0.3 MB", "12.0 MB", "512 bytes": sizes as a reader reads them.
/// "1 dated event", "2 dated events": a count with its noun agreeing.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn megabytes(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", decimal(bytes as f64 / 1024.0, 0))
    } else {
        format!("{} MB", decimal(bytes as f64 / 1_048_576.0, 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_of_a_thing_is_singular() {
        assert_eq!(counted(1, "dated event", "dated events"), "1 dated event");
        assert_eq!(counted(0, "dated event", "dated events"), "0 dated events");
        assert_eq!(counted(12, "entity", "entities"), "12 entities");
    }

    #[test]
    fn rows_parse_every_field_and_keep_a_broken_line() {
        let rows = parse_rows(
            "a.csv\t2048\tadded\t3 articles\ta-1 a-2 a-3\nreport.pdf\t99\tskipped\tPDF is not supported yet\t\n\nodd",
        );
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].docs, ["a-1", "a-2", "a-3"]);
        assert!(rows[0].added);
        assert_eq!((rows[1].added, rows[1].reason.as_str(), rows[1].size), (false, "PDF is not supported yet", 99));
        assert_eq!((rows[2].name.as_str(), rows[2].added, rows[2].size), ("odd", false, 0));
    }

    #[test]
    fn the_result_count_reads_as_english() {
        assert_eq!(result_count(20, 20), "All 20 articles");
        assert_eq!(result_count(3, 20), "3 of 20 articles");
        assert_eq!(result_count(1, 1), "1 article");
        assert_eq!(result_count(0, 1), "0 of 1 article");
    }

    #[test]
    fn progress_moves_forward_through_the_phases() {
        let phases = ["starting", "reading", "articles", "names", "dates", "index", "shelving"];
        let fractions: Vec<f64> =
            phases.iter().map(|p| parse_progress(&format!("{p}\t1\t2\t50\t100\tx.html")).fraction()).collect();
        assert!(fractions.windows(2).all(|w| w[0] < w[1]), "{fractions:?}");
        assert!(fractions.iter().all(|f| (0.0..=1.0).contains(f)));
    }

    #[test]
    fn progress_label_names_the_current_file_and_megabytes() {
        let p = parse_progress("reading\t3\t10\t1572864\t5242880\tclippings/budget.html");
        assert_eq!(p.label(), "Reading files: 3 of 10 · 1.5 MB of 5.0 MB · clippings/budget.html");
        assert_eq!(parse_progress("garbage").fraction(), 0.5);
        assert_eq!(megabytes(512), "512 bytes");
        assert_eq!(megabytes(4096), "4 KB");
    }
}
