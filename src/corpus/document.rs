//! Documents: optional front matter, the title, and the body split into cleaned paragraphs and
//! sentences with boilerplate set aside.
//!
//! Paragraphs: every non-empty line starts as its own unit (scraped articles often put one
//! paragraph, heading or link per line, without blank lines). Units are then joined back when a
//! line was evidently cut mid-sentence:
//! - inside a block (no blank line between): the line does not end a sentence and the next one
//!   starts in lower case, or the line is long prose (a hard-wrapped paragraph);
//! - across a blank line: the line ends with a function word ("According to", "Under these
//!   pressures, the") or is a dangling short phrase such as "In April 30th".
use super::time::{DateValue, Day};
use super::types::{DateBasis, Document, Paragraph, Sentence, Source};
use super::{boilerplate, clean, sentences};

#[derive(Default)]
struct FrontMatter {
    title: Option<String>,
    date: Option<DateValue>,
    source: Option<String>,
    url: Option<String>,
}

pub fn build(source: &Source<'_>) -> Document {
    let raw = source.text.strip_prefix('\u{feff}').unwrap_or(source.text);
    let (front, body) = split_front_matter(raw);
    let body = clean::normalise(body);
    let mut lines: Vec<(&str, bool)> = Vec::new(); // (trimmed line, blank line before it)
    let mut blank = false;
    for line in body.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank = true;
        } else {
            lines.push((line, blank));
            blank = false;
        }
    }
    let title = match front.title.as_deref().map(clean::normalise) {
        Some(t) if !t.trim().is_empty() => t.trim().to_string(),
        _ => take_title(&mut lines).unwrap_or_else(|| source.id.to_string()),
    };
    let paragraph_texts = join_lines(&lines);
    let refs: Vec<&str> = paragraph_texts.iter().map(String::as_str).collect();
    let flags = boilerplate::mark(&refs);
    let mut paragraphs = Vec::new();
    let mut sentence_list = Vec::new();
    for (text, &boilerplate) in paragraph_texts.iter().zip(&flags) {
        let parts = sentences::split(text);
        if parts.is_empty() {
            continue;
        }
        let index = paragraphs.len() as u32;
        let first = sentence_list.len() as u32;
        for part in parts {
            sentence_list.push(Sentence {
                text: part.to_string(),
                paragraph: index,
                boilerplate,
                mentions: Vec::new(),
            });
        }
        paragraphs.push(Paragraph { first, end: sentence_list.len() as u32, boilerplate });
    }
    let has_date = front.date.is_some();
    Document {
        id: source.id.to_string(),
        title,
        date: front.date,
        date_inferred: false,
        date_reason: if has_date { "front matter".to_string() } else { String::new() },
        date_basis: if has_date { DateBasis::Given } else { DateBasis::Unknown },
        date_likely: false,
        date_earliest: None,
        date_latest: None,
        date_evidence: Vec::new(),
        date_from: Vec::new(),
        source: front.source,
        url: front.url,
        paragraphs,
        sentences: sentence_list,
        title_mentions: Vec::new(),
        unresolved: Vec::new(),
    }
}

/// The first line is the title, unless it is really body text: a very long line (the article on
/// one line), a wire date line ("NAIROBI, Kenya (AP) --"), or a full sentence in sentence case
/// (a lead paragraph, not a headline). Then its first sentence (shortened) names the article and
/// the line stays in the body, where names and dates are found.
fn take_title(lines: &mut Vec<(&str, bool)>) -> Option<String> {
    let &(first, _) = lines.first()?;
    if first.len() <= 200 && !is_body_line(first) {
        lines.remove(0);
        return Some(first.to_string());
    }
    let sentence = sentences::split(first).into_iter().next().unwrap_or(first);
    Some(shorten(sentence, 120))
}

fn is_body_line(line: &str) -> bool {
    let line = line.trim();
    let date_line = ["--", "—", " _", " -", "–"].iter().any(|end| line.ends_with(end));
    let words: Vec<&str> = line.split_whitespace().collect();
    let capitalised = words.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
    let sentence = words.len() >= 12 && line.ends_with(['.', ':', '"', '”']) && capitalised * 2 < words.len();
    date_line || sentence
}

/// At most `max` bytes, cut at a char boundary (and a word boundary when one is near), with "…".
fn shorten(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    if let Some(space) = text[..cut].rfind(' ').filter(|&s| s > max / 2) {
        cut = space;
    }
    format!("{}…", text[..cut].trim_end())
}

fn join_lines(lines: &[(&str, bool)]) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    for &(line, blank_before) in lines {
        match paragraphs.last_mut() {
            Some(prev) if continues(prev, line, blank_before) => {
                prev.push(' ');
                prev.push_str(line);
            }
            _ => paragraphs.push(line.to_string()),
        }
    }
    paragraphs
}

const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or", "but", "that", "as",
    "than", "into", "about", "its", "their", "his", "her", "our", "is", "are", "was", "were",
];

const PREPOSITIONS: &[&str] = &["in", "on", "at", "since", "by", "from", "until", "after", "before", "during"];

/// Whether `line` continues the paragraph `prev` (see the module comment).
fn continues(prev: &str, line: &str, blank_before: bool) -> bool {
    if ends_sentence(prev) || is_bullet(prev) || is_bullet(line) || boilerplate::is_cue(prev) {
        return false;
    }
    let Some(first) = line.chars().next() else { return false };
    // A wire date line runs on into its paragraph ("NAIROBI, Kenya (AP) --" / "Bombs ...").
    if ["--", "—", " _", "–"].iter().any(|end| prev.trim_end().ends_with(end)) {
        return true;
    }
    if !blank_before {
        let prose = prev.len() >= 60 && !boilerplate::is_link_like(prev);
        return first.is_lowercase() || prose;
    }
    if !first.is_alphanumeric() {
        return false;
    }
    // Only the ends of `prev` are looked at, so joining many lines stays linear.
    let last = prev.split_whitespace().next_back().map(str::to_lowercase).unwrap_or_default();
    let opener = prev.split_whitespace().next().map(str::to_lowercase).unwrap_or_default();
    let short = prev.split_whitespace().take(5).count() <= 4;
    FUNCTION_WORDS.contains(&last.as_str()) || (short && PREPOSITIONS.contains(&opener.as_str()))
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', ')', ']']).ends_with(['.', '!', '?', '…', ':', ';'])
}

fn is_bullet(text: &str) -> bool {
    text.starts_with(['-', '|', '•', '*', '»', '>', '·'])
}

/// Front matter: a `---` first line, `key: value` lines, a closing `---`. Anything else (no
/// closing line, a line without a colon) means there is no front matter and the text is body.
fn split_front_matter(text: &str) -> (FrontMatter, &str) {
    let mut front = FrontMatter::default();
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else { return (front, text) };
    if first.trim() != "---" {
        return (front, text);
    }
    let mut offset = first.len();
    for (count, line) in lines.enumerate() {
        offset += line.len();
        let trimmed = line.trim();
        if trimmed == "---" {
            return (front, text.get(offset..).unwrap_or(""));
        }
        if trimmed.is_empty() {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else { return (FrontMatter::default(), text) };
        let key = key.trim().to_ascii_lowercase();
        let valid_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !valid_key || count > 100 {
            return (FrontMatter::default(), text);
        }
        let value = unquote(value.trim());
        let value = (!value.is_empty()).then(|| value.to_string());
        match key.as_str() {
            "title" => front.title = value,
            "date" => front.date = value.as_deref().and_then(parse_date),
            "source" => front.source = value,
            "url" => front.url = value,
            _ => {} // Unknown keys are allowed and ignored.
        }
    }
    (FrontMatter::default(), text)
}

fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(q) && value.ends_with(q) {
            return &value[1..value.len() - 1];
        }
    }
    value
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a time after 'T' or a space is ignored). Invalid dates
/// ("2016-13-45") give `None`, and the date is then inferred from the text.
pub fn parse_date(value: &str) -> Option<DateValue> {
    let date = value.split(['T', ' ']).next().unwrap_or("");
    let parts: Vec<&str> = date.split('-').collect();
    if parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4) {
        return None;
    }
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    match parts.len() {
        1 if parts[0].len() == 4 => DateValue::year(num(0)? as i32),
        2 => DateValue::month(num(0)? as i32, u8::try_from(num(1)?).ok()?),
        3 => Day::new(num(0)? as i32, u8::try_from(num(1)?).ok()?, u8::try_from(num(2)?).ok()?).map(DateValue::day),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::time::Precision;

    fn doc(text: &str) -> Document {
        build(&Source { id: "t", text })
    }

    fn texts(d: &Document) -> Vec<&str> {
        d.sentences.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn front_matter_sets_title_date_source() {
        let d =
            doc("---\ntitle: \"Hello\"\ndate: 2016-05-14\nsource: Wire\nurl: http://x.y/z\n---\nFirst line. Second.\n");
        assert_eq!(d.title, "Hello");
        assert_eq!(d.date, Day::new(2016, 5, 14).map(DateValue::day));
        assert_eq!(d.date_reason, "front matter");
        assert!(!d.date_inferred);
        assert_eq!(d.source.as_deref(), Some("Wire"));
        assert_eq!(d.url.as_deref(), Some("http://x.y/z"));
        assert_eq!(texts(&d), vec!["First line.", "Second."]);
    }

    #[test]
    fn front_matter_partial_dates_and_bad_dates() {
        assert_eq!(doc("---\ndate: 2016-05\n---\nx").date.map(|d| d.precision), Some(Precision::Month));
        assert_eq!(doc("---\ndate: 2016\n---\nx").date.map(|d| d.precision), Some(Precision::Year));
        let bad = doc("---\ndate: 2016-13-45\n---\nTitle\nBody.");
        assert_eq!(bad.date, None);
        assert_eq!(bad.title, "Title");
    }

    #[test]
    fn malformed_front_matter_is_text() {
        let d = doc("---\nnot a key value line\n---\nBody text.");
        assert_eq!(d.title, "---");
        assert!(texts(&d).contains(&"not a key value line"));
        let unclosed = doc("---\ntitle: x\nno end");
        assert_eq!(unclosed.title, "---");
    }

    #[test]
    fn a_lead_sentence_or_date_line_is_body_not_title() {
        let d = doc("NAIROBI, Kenya (AP) --\nBombs exploded on Friday.\n");
        assert_eq!(d.sentences[0].text, "NAIROBI, Kenya (AP) -- Bombs exploded on Friday.");
        let lead = "The FBI has interviewed and released one of two men who were sought last week for questioning.";
        let d = doc(&format!("{lead}\nMore text follows here.\n"));
        assert_eq!(d.sentences[0].text, lead);
        assert!(d.title.starts_with("The FBI has interviewed"));
        // A headline keeps its place, even a long one in title case that ends with a full stop.
        let d = doc("Zentaro Is Not Afraid Of Big Guns, And Plans To Continue To Fight Against Fakes.\n\nBody.");
        assert_eq!(d.title, "Zentaro Is Not Afraid Of Big Guns, And Plans To Continue To Fight Against Fakes.");
    }

    #[test]
    fn title_line_is_not_a_sentence_and_paragraphs_split() {
        let d = doc("The Title\n\nFirst para. Still first.\n\nSecond para.\n");
        assert_eq!(d.title, "The Title");
        assert_eq!(texts(&d), vec!["First para.", "Still first.", "Second para."]);
        assert_eq!(d.paragraphs.len(), 2);
        assert_eq!((d.paragraphs[0].first, d.paragraphs[0].end), (0, 2));
        assert_eq!(d.sentences[2].paragraph, 1);
    }

    #[test]
    fn lines_cut_mid_sentence_are_joined() {
        let d = doc("T\n\nAccording to\n\nmarket watchers understanding, nothing.\n\nIn April 30th\n\nIFTC, chairman of the board, wrote.\n\nZentaro stumbles badly\n\nback in April it joined.");
        assert_eq!(
            texts(&d),
            vec![
                "According to market watchers understanding, nothing.",
                "In April 30th IFTC, chairman of the board, wrote.",
                "Zentaro stumbles badly",
                "back in April it joined."
            ]
        );
        // One line per paragraph without blank lines.
        let d = doc("T\nOne sentence here.\nMK\nAnother sentence.\nwrapped line that\ncontinues here.");
        assert_eq!(d.paragraphs.len(), 4);
        assert_eq!(texts(&d)[3], "wrapped line that continues here.");
    }

    #[test]
    fn boilerplate_flags_reach_sentences() {
        let d = doc("T\n\nReal text here.\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *");
        let flags: Vec<bool> = d.sentences.iter().map(|s| s.boilerplate).collect();
        assert_eq!(flags, vec![false, true, true, true]);
    }

    #[test]
    fn empty_and_odd_inputs() {
        let d = doc("");
        assert_eq!(d.title, "t");
        assert!(d.sentences.is_empty());
        let long = "word ".repeat(100) + "end.";
        let d = doc(&long);
        assert!(d.title.len() <= 130);
        assert_eq!(d.sentences.len(), 1);
        let _ = doc("\u{feff}---\n---\n\n\n");
        let _ = doc(&"é".repeat(300));
        // Many joinable lines: must stay linear (this would take minutes if quadratic).
        let joined = doc(&format!("T\n\n{}", "words of the\n\n".repeat(20_000)));
        assert_eq!(joined.paragraphs.len(), 1);
    }
}
