//! Tables of articles: CSV/TSV (header row required), JSON (an array of objects, or an object
//! holding one) and JSON Lines. Columns and keys are matched by name, case-insensitively, with
//! spaces and hyphens read as underscores ("Full Text" is `full_text`); see [`ALIASES`].
use serde_json::{Map, Value};

/// The article fields a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Date,
    Text,
    Url,
    Source,
}

/// Accepted names per field, most specific first: when a table has two columns for one field
/// (`title` and `headline`), the earlier name is used and the other is reported as ignored.
const ALIASES: [(Field, &[&str]); 5] = [
    (Field::Title, &["title", "headline"]),
    (
        Field::Date,
        &[
            "date", "published", "published_at", "pubdate", "publication_date", "datetime", "date_published",
            "published_date", "publish_date", "pub_date",
        ],
    ),
    (Field::Text, &["text", "body", "content", "article", "full_text", "body_text", "article_text"]),
    (Field::Url, &["url", "link"]),
    (Field::Source, &["source", "publisher", "outlet", "site", "site_name", "publication"]),
];

const FIELDS: [Field; 5] = [Field::Title, Field::Date, Field::Text, Field::Url, Field::Source];

/// The field a column name fills, and the name's rank among that field's aliases.
fn field_of(name: &str) -> Option<(Field, usize)> {
    let key = snake_case(name.trim());
    ALIASES.iter().find_map(|(field, names)| names.iter().position(|n| *n == key).map(|rank| (*field, rank)))
}

/// "Full Text", "full-text" and "fullText" (JSON APIs) all to `full_text`.
fn snake_case(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    let mut previous_lower = false;
    for c in name.chars() {
        if c == ' ' || c == '-' {
            key.push('_');
        } else if c.is_uppercase() && previous_lower {
            key.push('_');
            key.extend(c.to_lowercase());
        } else {
            key.extend(c.to_lowercase());
        }
        previous_lower = c.is_lowercase();
    }
    key
}

/// One row or object with text. `n` numbers it in its file, from 1 (data rows after the header,
/// array items, or the line of a JSON Lines file), for its id and the report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub n: usize,
    pub title: Option<String>,
    pub date: Option<String>,
    pub text: String,
    pub url: Option<String>,
    pub source: Option<String>,
}

impl Record {
    fn set(&mut self, field: Field, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        match field {
            Field::Title => self.title = Some(value.to_string()),
            Field::Date => self.date = Some(value.to_string()),
            Field::Text => self.text = value.to_string(),
            Field::Url => self.url = Some(value.to_string()),
            Field::Source => self.source = Some(value.to_string()),
        }
    }
}

/// The rows with text, and what the report should say about the rest.
#[derive(Debug, Default)]
pub struct Table {
    pub records: Vec<Record>,
    pub notes: Vec<String>,
}

/// How many row numbers a note lists before it only counts.
const LISTED_ROWS: usize = 5;

/// "row 4 has no text; skipped", "rows 4, 7 and 9 have no text; skipped", or for many
/// "12 rows have no text (rows 4, 7, 9, 10, 15, …); skipped". `what` is "row" or "line".
fn rows_note(what: &str, numbers: &[usize], problem: (&str, &str)) -> Option<String> {
    let (singular, plural) = problem;
    let list = |ns: &[usize]| ns.iter().map(usize::to_string).collect::<Vec<_>>();
    match numbers {
        [] => None,
        [one] => Some(format!("{what} {one} {singular}; skipped")),
        ns if ns.len() <= LISTED_ROWS => {
            let mut items = list(ns);
            let last = items.pop().unwrap_or_default();
            Some(format!("{what}s {} and {last} {plural}; skipped", items.join(", ")))
        }
        ns => {
            let shown = list(&ns[..LISTED_ROWS]).join(", ");
            Some(format!("{} {what}s {plural} ({what}s {shown}, …); skipped", ns.len()))
        }
    }
}

/// "columns used: title, date, text; ignored: id, author" (or "fields" for JSON).
fn columns_note(kind: &str, used: &[String], ignored: &[String]) -> String {
    const LISTED: usize = 8;
    let mut note = format!("{kind} used: {}", used.join(", "));
    if !ignored.is_empty() {
        let mut shown = ignored.iter().take(LISTED).cloned().collect::<Vec<_>>().join(", ");
        if ignored.len() > LISTED {
            shown.push_str(&format!(" and {} more", ignored.len() - LISTED));
        }
        note.push_str(&format!("; ignored: {shown}"));
    }
    note
}

/// Names a text column or key may have, for the reason when there is none.
fn text_names() -> String {
    let names = ALIASES.iter().find(|(f, _)| *f == Field::Text).map(|(_, n)| &n[..4]).unwrap_or(&[]);
    format!("{} or {}", names[..names.len().saturating_sub(1)].join(", "), names.last().unwrap_or(&""))
}

// ---------------------------------------------------------------------------------------------
// CSV and TSV

/// `delimiter`: `Some(b'\t')` for `.tsv`; `None` guesses from the header line among comma,
/// semicolon (spreadsheets in locales with a decimal comma) and tab.
pub fn csv(text: &str, delimiter: Option<u8>) -> Result<Table, String> {
    let delimiter = delimiter.unwrap_or_else(|| guess_delimiter(text));
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(true).flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => return Err(format!("could not read the header row ({e})")),
    };
    let columns = map_columns(&headers);
    let Some(text_column) = columns.iter().find(|(f, _)| *f == Field::Text).map(|&(_, i)| i) else {
        let found = headers.iter().filter(|h| !h.is_empty()).cloned().collect::<Vec<_>>();
        let found = if found.is_empty() { "none".to_string() } else { found.join(", ") };
        return Err(format!(
            "no text column: the header row must name the article text column ({}); columns found: {found}",
            text_names()
        ));
    };
    let mut table = Table::default();
    let (mut empty, mut unreadable) = (Vec::new(), Vec::new());
    let mut rows = 0;
    for (i, row) in reader.records().enumerate() {
        let n = i + 1;
        rows = n;
        let row = match row {
            Ok(row) => row,
            Err(_) => {
                unreadable.push(n);
                continue;
            }
        };
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if row.get(text_column).is_none_or(|t| t.trim().is_empty()) {
            empty.push(n);
            continue;
        }
        let mut record = Record { n, ..Record::default() };
        for &(field, column) in &columns {
            record.set(field, row.get(column).unwrap_or(""));
        }
        table.records.push(record);
    }
    if rows == 0 {
        return Err("no rows under the header row".to_string());
    }
    let used: Vec<String> =
        FIELDS.iter().filter_map(|f| columns.iter().find(|(g, _)| g == f)).map(|&(_, i)| headers[i].clone()).collect();
    let ignored: Vec<String> = (0..headers.len())
        .filter(|i| !columns.iter().any(|&(_, c)| c == *i) && !headers[*i].is_empty())
        .map(|i| headers[i].clone())
        .collect();
    if table.records.is_empty() {
        return Err(format!("no row has text in column \"{}\"", headers[text_column]));
    }
    table.notes.push(columns_note("columns", &used, &ignored));
    if delimiter == b';' {
        table.notes.push("columns separated by semicolons".to_string());
    }
    table.notes.extend(rows_note("row", &empty, ("has no text", "have no text")));
    table.notes.extend(rows_note("row", &unreadable, ("could not be read", "could not be read")));
    Ok(table)
}

/// The most frequent of `,` `;` and tab in the first line outside quotes (comma on a tie).
fn guess_delimiter(text: &str) -> u8 {
    let first_line = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in first_line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    candidates[best]
}

/// Each field with its column: the best-ranked alias, the first such column on a tie.
fn map_columns(headers: &[String]) -> Vec<(Field, usize)> {
    let mut best: Vec<(Field, usize, usize)> = Vec::new(); // (field, rank, column)
    for (column, name) in headers.iter().enumerate() {
        let Some((field, rank)) = field_of(name) else { continue };
        match best.iter_mut().find(|(f, _, _)| *f == field) {
            Some(entry) if rank < entry.1 => *entry = (field, rank, column),
            Some(_) => {}
            None => best.push((field, rank, column)),
        }
    }
    best.into_iter().map(|(f, _, c)| (f, c)).collect()
}

// ---------------------------------------------------------------------------------------------
// JSON and JSON Lines

/// An array of article objects, an object with one array of them (`{"articles": [...]}`), or a
/// single article object. A file that is not one JSON value but JSON Lines is read as such.
pub fn json(text: &str) -> Result<Table, String> {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            if serde_json::from_str::<Value>(first_line).is_ok_and(|v| v.is_object()) {
                return json_lines(text);
            }
            return Err(format!("not valid JSON ({e})"));
        }
    };
    let (items, place) = match &value {
        Value::Array(items) => (items.iter().collect::<Vec<_>>(), None),
        Value::Object(object) if has_text_key(object) => (vec![&value], None),
        Value::Object(object) => match article_list(object) {
            Some((key, items)) => (items.iter().collect(), Some(key)),
            None => return Err(no_list_reason()),
        },
        _ => return Err(no_list_reason()),
    };
    let mut table = Table::default();
    let mut keys = KeyTally::default();
    let (mut empty, mut not_objects) = (Vec::new(), Vec::new());
    for (i, item) in items.into_iter().enumerate() {
        let n = i + 1;
        let Value::Object(object) = item else {
            not_objects.push(n);
            continue;
        };
        match record_of(object, n, &mut keys) {
            Some(record) => table.records.push(record),
            None => empty.push(n),
        }
    }
    if table.records.is_empty() {
        return Err(format!("no article has text (the text is a string under {})", text_names()));
    }
    if let Some(key) = place {
        table.notes.push(format!("articles read from \"{key}\""));
    }
    table.notes.push(keys.note());
    table.notes.extend(rows_note("item", &empty, ("has no text", "have no text")));
    table.notes.extend(rows_note("item", &not_objects, ("is not an object", "are not objects")));
    Ok(table)
}

fn no_list_reason() -> String {
    "no list of articles found: expected an array of objects, or an object holding one such as \
     {\"articles\": [...]}"
        .to_string()
}

/// One object per line; blank lines are allowed, bad lines are reported and the rest kept.
pub fn json_lines(text: &str) -> Result<Table, String> {
    let mut table = Table::default();
    let mut keys = KeyTally::default();
    let (mut empty, mut bad) = (Vec::new(), Vec::new());
    let mut first_error = None;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(object)) => match record_of(&object, n, &mut keys) {
                Some(record) => table.records.push(record),
                None => empty.push(n),
            },
            Ok(_) => bad.push(n),
            Err(e) => {
                first_error.get_or_insert_with(|| format!("line {n}: {e}"));
                bad.push(n);
            }
        }
    }
    if table.records.is_empty() {
        return Err(match (bad.is_empty(), first_error) {
            (true, _) => format!("no line has text (the text is a string under {})", text_names()),
            (false, Some(error)) => format!("no line is an article object ({error})"),
            (false, None) => "no line is an article object".to_string(),
        });
    }
    table.notes.push(keys.note());
    table.notes.extend(rows_note("line", &empty, ("has no text", "have no text")));
    table.notes.extend(rows_note("line", &bad, ("is not a JSON object", "are not JSON objects")));
    Ok(table)
}

fn has_text_key(object: &Map<String, Value>) -> bool {
    object.keys().any(|k| field_of(k).is_some_and(|(f, _)| f == Field::Text))
}

/// The array of objects in an object: the only one, or else the one with most objects that
/// have a text key (the first such key on a tie).
fn article_list(object: &Map<String, Value>) -> Option<(&str, &Vec<Value>)> {
    let arrays: Vec<(&str, &Vec<Value>)> = object
        .iter()
        .filter_map(|(k, v)| match v {
            Value::Array(items) if items.iter().any(Value::is_object) => Some((k.as_str(), items)),
            _ => None,
        })
        .collect();
    let with_text = |items: &Vec<Value>| items.iter().filter(|v| v.as_object().is_some_and(has_text_key)).count();
    let mut best: Option<(&str, &Vec<Value>, usize)> = None;
    for (key, items) in arrays {
        let score = with_text(items);
        if best.is_none_or(|(_, _, s)| score > s) {
            best = Some((key, items, score));
        }
    }
    best.map(|(k, items, _)| (k, items))
}

/// The record of one object, or `None` when it has no text. A value is a string, or an object
/// with a `rendered` string (as WordPress exports titles and content) or a `name` string (as
/// news APIs give the source); anything else is treated as absent.
fn record_of(object: &Map<String, Value>, n: usize, keys: &mut KeyTally) -> Option<Record> {
    let mut best: Vec<(Field, usize, &str, &str)> = Vec::new(); // (field, rank, key, value)
    for (key, value) in object {
        keys.saw(key);
        let (Some((field, rank)), Some(value)) = (field_of(key), string_of(value)) else { continue };
        if value.trim().is_empty() {
            continue;
        }
        match best.iter_mut().find(|(f, ..)| *f == field) {
            Some(entry) if rank < entry.1 => *entry = (field, rank, key, value),
            Some(_) => {}
            None => best.push((field, rank, key, value)),
        }
    }
    best.iter().find(|(f, ..)| *f == Field::Text)?;
    let mut record = Record { n, ..Record::default() };
    for &(field, _, key, value) in &best {
        keys.used(key);
        record.set(field, value);
    }
    Some(record)
}

fn string_of(value: &Value) -> Option<&str> {
    match value {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("rendered").or_else(|| o.get("name")).and_then(Value::as_str),
        _ => None,
    }
}

/// Keys seen and keys used across a file's objects, in first-seen order, for the report.
#[derive(Default)]
struct KeyTally {
    seen: Vec<String>,
    used: Vec<String>,
}

impl KeyTally {
    /// Bounded so a file of objects with ever-new keys cannot make the report grow without end.
    const MAX_KEYS: usize = 64;

    fn saw(&mut self, key: &str) {
        if self.seen.len() < Self::MAX_KEYS && !self.seen.iter().any(|k| k == key) {
            self.seen.push(key.to_string());
        }
    }

    fn used(&mut self, key: &str) {
        if !self.used.iter().any(|k| k == key) {
            self.used.push(key.to_string());
        }
    }

    fn note(&self) -> String {
        let mut used = self.used.clone();
        crate::corpus::order::sort_by_key(&mut used, |k| field_of(k).map(|(f, _)| FIELDS.iter().position(|g| *g == f)));
        let ignored: Vec<String> = self.seen.iter().filter(|k| !self.used.contains(k)).cloned().collect();
        columns_note("fields", &used, &ignored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_maps_columns_by_name_and_reports_the_rest() {
        let text = "ID,Headline,Published At,Body,Author\n\
                    1,Zentaro Corp opens plant,2016-05-14,\"Zentaro opened a plant.\nIt employs 40.\",Ana Costa\n\
                    2,Orvel results,2016-06-01,Orvel reported results.,Ana Costa\n";
        let table = csv(text, None).unwrap();
        assert_eq!(table.records.len(), 2);
        let first = &table.records[0];
        assert_eq!(first.n, 1);
        assert_eq!(first.title.as_deref(), Some("Zentaro Corp opens plant"));
        assert_eq!(first.date.as_deref(), Some("2016-05-14"));
        assert_eq!(first.text, "Zentaro opened a plant.\nIt employs 40.");
        assert_eq!(table.notes, vec!["columns used: Headline, Published At, Body; ignored: ID, Author"]);
    }

    #[test]
    fn csv_rows_without_text_are_named_and_summarised() {
        let mut text = String::from("title,text\nA,Alpha.\nB,\nC,Gamma.\n");
        assert_eq!(csv(&text, None).unwrap().notes[1], "row 2 has no text; skipped");
        for i in 0..7 {
            text.push_str(&format!("T{i},\n"));
        }
        assert_eq!(csv(&text, None).unwrap().notes[1], "8 rows have no text (rows 2, 4, 5, 6, 7, …); skipped");
        let few = "title,text\nA,\nB,Beta.\nC,\nD,\n";
        assert_eq!(csv(few, None).unwrap().notes[1], "rows 1, 3 and 4 have no text; skipped");
    }

    #[test]
    fn csv_without_a_text_column_names_the_columns_found() {
        let reason = csv("id,author,summary\n1,Ana Costa,Short.\n", None).unwrap_err();
        assert!(reason.starts_with("no text column"), "{reason}");
        assert!(reason.ends_with("columns found: id, author, summary"), "{reason}");
        assert!(reason.contains("text, body, content or article"), "{reason}");
        assert_eq!(csv("title,text\n", None).unwrap_err(), "no rows under the header row");
        assert_eq!(csv("title,text\nA,\n", None).unwrap_err(), "no row has text in column \"text\"");
    }

    #[test]
    fn csv_prefers_the_first_alias_and_guesses_semicolons_and_tabs() {
        let table = csv("headline;title;content\nH;T;Body.\n", None).unwrap();
        assert_eq!(table.records[0].title.as_deref(), Some("T"));
        assert_eq!(
            table.notes,
            vec!["columns used: title, content; ignored: headline", "columns separated by semicolons"]
        );
        let tsv = csv("Title\tFull Text\nOrvel\tOrvel grew, again.\n", Some(b'\t')).unwrap();
        assert_eq!(tsv.records[0].text, "Orvel grew, again.");
        assert_eq!(guess_delimiter("a\tb\tc"), b'\t');
        assert_eq!(guess_delimiter("\"a;b\",c"), b',');
    }

    #[test]
    fn csv_ragged_rows_are_read() {
        let table = csv("title,text,url\nA,Alpha.\nB,Beta.,http://x.test/b,extra\n", None).unwrap();
        assert_eq!(table.records.len(), 2);
        assert_eq!(table.records[1].url.as_deref(), Some("http://x.test/b"));
    }

    #[test]
    fn json_array_object_and_wordpress_shapes() {
        let array = r#"[{"title":"A","text":"Alpha.","id":7},{"title":"B"},{"headline":"C","body":"Gamma."}, 3]"#;
        let table = json(array).unwrap();
        assert_eq!(table.records.iter().map(|r| r.n).collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(table.records[1].title.as_deref(), Some("C"));
        assert_eq!(
            table.notes,
            vec![
                "fields used: title, headline, text, body; ignored: id",
                "item 2 has no text; skipped",
                "item 4 is not an object; skipped"
            ]
        );
        let wrapped = r#"{"status":"ok","total":1,"articles":[{"title":"A","content":"Alpha."}]}"#;
        let table = json(wrapped).unwrap();
        assert_eq!(table.records.len(), 1);
        assert_eq!(table.notes[0], "articles read from \"articles\"");
        let single = r#"{"title":"Solo","text":"Only one."}"#;
        assert_eq!(json(single).unwrap().records[0].title.as_deref(), Some("Solo"));
        let wordpress = r#"[{"date":"2016-05-14T10:00:00","link":"https://x.test/p","title":{"rendered":"WP"},"content":{"rendered":"<p>Body.</p>"}}]"#;
        let r = &json(wordpress).unwrap().records[0];
        assert_eq!(
            (r.title.as_deref(), r.text.as_str(), r.url.as_deref()),
            (Some("WP"), "<p>Body.</p>", Some("https://x.test/p"))
        );
    }

    #[test]
    fn names_match_in_any_case_and_spelling() {
        assert_eq!(field_of(" Full Text "), Some((Field::Text, 4)));
        assert_eq!(field_of("fullText"), Some((Field::Text, 4)));
        assert_eq!(field_of("publishedAt"), Some((Field::Date, 2)));
        assert_eq!(field_of("DATE"), Some((Field::Date, 0)));
        assert_eq!(field_of("summary"), None);
        let api = r#"{"status":"ok","articles":[{"source":{"id":null,"name":"Orvel Wire"},"publishedAt":"2020-01-02T03:04:05Z","content":"Body."}]}"#;
        let r = &json(api).unwrap().records[0];
        assert_eq!((r.source.as_deref(), r.date.as_deref()), (Some("Orvel Wire"), Some("2020-01-02T03:04:05Z")));
    }

    #[test]
    fn json_refusals_say_why() {
        assert!(json("{\"a\": ").unwrap_err().starts_with("not valid JSON"));
        assert!(json("42").unwrap_err().starts_with("no list of articles"));
        assert!(json("{\"n\": 1}").unwrap_err().starts_with("no list of articles"));
        assert!(json("[{\"title\": \"A\", \"text\": 5}]").unwrap_err().starts_with("no article has text"));
    }

    #[test]
    fn json_lines_keep_good_lines_and_name_bad_ones() {
        let text = "{\"title\":\"A\",\"text\":\"Alpha.\"}\n\nnot json\n[1]\n{\"text\":\"Delta.\"}\r\n";
        let table = json_lines(text).unwrap();
        assert_eq!(table.records.iter().map(|r| r.n).collect::<Vec<_>>(), vec![1, 5]);
        assert_eq!(table.notes[1], "lines 3 and 4 are not JSON objects; skipped");
        assert!(json_lines("nope\n").unwrap_err().starts_with("no line is an article object (line 1:"));
        // A `.json` file that is really JSON Lines.
        assert_eq!(json(text).unwrap().records.len(), 2);
    }
}
