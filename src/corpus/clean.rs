//! Normalisation of machine-translation and web-copy noise.
//!
//! Two stages: a per-character map (quotes, odd spaces, invisible and control characters), then a
//! per-line word pass (spacing, stray separators inside names, "'S" possessives) repeated until
//! nothing changes, so `normalise(normalise(x)) == normalise(x)` holds by construction.
//! Line breaks are kept: paragraph structure is decided later, in `document`.

use std::borrow::Cow;

/// Cleans `text`, keeping its line structure (one output line per input line).
pub fn normalise(text: &str) -> String {
    let mut s = map_chars(text);
    // The word pass can expose new work for itself ("a .b" → "a.b" → ...); iterate to a fixed
    // point. Real text settles in one or two rounds; the cap only guards against surprises.
    for _ in 0..8 {
        let next = tidy_lines(&s);
        if next == s {
            break;
        }
        s = next;
    }
    s
}

fn map_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => out.push('"'),
            // Middle dots join transliterated name parts ("Mike · Lund"): a plain space.
            '\u{00B7}' | '\u{30FB}' | '\u{2027}' => out.push(' '),
            '\t' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => out.push(' '),
            // Zero-width characters, bidi controls, soft hyphen, BOM: invisible, removed.
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{00AD}' => {}
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{2028}' | '\u{2029}' | '\u{0085}' => out.push('\n'),
            // Full-width punctuation from CJK sources.
            '\u{FF0C}' => out.push(','),
            '\u{3002}' => out.push('.'),
            '\u{FF1A}' => out.push(':'),
            '\u{FF1B}' => out.push(';'),
            '\u{FF08}' => out.push('('),
            '\u{FF09}' => out.push(')'),
            '\u{FF01}' => out.push('!'),
            '\u{FF1F}' => out.push('?'),
            '\n' => out.push('\n'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        tidy_line(line, &mut out);
    }
    out
}

/// One round of word-level fixes on a line: chunks are the space-separated pieces.
fn tidy_line(line: &str, out: &mut String) {
    // Borrowed unless a fix changed the word: most words need none, and an allocation per word
    // was most of the per-article stage's time in the page (the analyser's allocator is slow).
    let mut chunks: Vec<Cow<'_, str>> = Vec::new();
    for raw in line.split(' ').filter(|c| !c.is_empty()) {
        if !raw.contains(['.', '!', '?']) {
            chunks.push(fix_contractions(raw));
            continue;
        }
        for piece in split_missing_space(raw) {
            chunks.push(fix_contractions(piece));
        }
    }
    // A sentence that starts with a stray comma, at the start of a line (", IFTC was founded")
    // or after another sentence ("said. , IFTC was founded"): drop it.
    let mut sentence_start = true;
    chunks.retain(|c| {
        let stray = sentence_start && (c == "," || c == ";");
        if !stray {
            sentence_start = c.ends_with(['.', '!', '?']);
        }
        !stray
    });
    let mut first = true;
    for chunk in &chunks {
        let attach = !first && attaches_to_previous(chunk, out);
        if !first && !attach {
            out.push(' ');
        }
        out.push_str(chunk);
        first = false;
    }
}

/// Punctuation that never follows a space ("word ," → "word,"), and a detached possessive
/// ("Co. 's" → "Co.'s").
fn attaches_to_previous(chunk: &str, before: &str) -> bool {
    let Some(c) = chunk.chars().next() else { return false };
    if matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '%') {
        // Keep ellipses and dashes-as-bullets alone; only plain trailing punctuation attaches.
        return !chunk.starts_with("...")
            && before.chars().last().is_some_and(|p| p.is_alphanumeric() || p == ')' || p == '"');
    }
    if is_possessive(chunk) {
        return before.chars().last().is_some_and(|p| p.is_alphanumeric() || p == '.');
    }
    false
}

fn is_possessive(chunk: &str) -> bool {
    let rest = match chunk.strip_prefix("'s") {
        Some(r) => r,
        None => return false,
    };
    !rest.chars().next().is_some_and(char::is_alphanumeric)
}

/// "said.The" → ["said.", "The"]: a period, '!' or '?' glued to the next capitalised word after a
/// lowercase word of two or more letters. Abbreviations ("U.S.") and decimals never match.
fn split_missing_space(chunk: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = chunk.char_indices().collect();
    for k in 0..chars.len() {
        let (i, c) = chars[k];
        if !matches!(c, '.' | '!' | '?') || i < start {
            continue;
        }
        let lower_run = chars[..k].iter().rev().take_while(|(_, p)| p.is_alphabetic()).count();
        let all_lower = chars[k - lower_run..k].iter().all(|(_, p)| p.is_lowercase());
        let next_upper = chars.get(k + 1).is_some_and(|(_, n)| n.is_uppercase());
        let then_lower = chars.get(k + 2).is_some_and(|(_, n)| n.is_lowercase());
        if lower_run >= 2 && all_lower && next_upper && then_lower {
            let cut = i + c.len_utf8();
            parts.push(&chunk[start..cut]);
            start = cut;
        }
    }
    parts.push(&chunk[start..]);
    parts
}

/// "Zentaro'S" → "Zentaro's", "Can'T" → "Can't", "110Th" → "110th": title-casing tools
/// capitalise the letters after an apostrophe or a number.
fn fix_contractions(chunk: &str) -> Cow<'_, str> {
    if !chunk.bytes().any(|b| b == b'\'' || b.is_ascii_digit()) {
        return Cow::Borrowed(chunk);
    }
    let chars: Vec<char> = chunk.chars().collect();
    let mut out = String::with_capacity(chunk.len());
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        out.push(c);
        k += 1;
        let prev_letter = k >= 2 && chars[k - 2].is_alphabetic();
        if c == '\'' && prev_letter {
            for suffix in ["S", "T", "D", "M", "LL", "RE", "VE"] {
                if upper_suffix_at(&chars, k, suffix) {
                    out.extend(suffix.chars().map(|s| s.to_ascii_lowercase()));
                    k += suffix.len();
                    break;
                }
            }
        } else if c.is_ascii_digit() && !chars.get(k).is_some_and(char::is_ascii_digit) {
            for suffix in ["Th", "St", "Nd", "Rd", "TH", "ST", "ND", "RD"] {
                if upper_suffix_at(&chars, k, suffix) {
                    out.extend(suffix.chars().map(|s| s.to_ascii_lowercase()));
                    k += suffix.len();
                    break;
                }
            }
        }
    }
    if out == chunk {
        Cow::Borrowed(chunk)
    } else {
        Cow::Owned(out)
    }
}

/// `chars[at..]` starts with `suffix` and no letter follows it.
fn upper_suffix_at(chars: &[char], at: usize, suffix: &str) -> bool {
    let n = suffix.chars().count();
    let Some(slice) = chars.get(at..at + n) else { return false };
    slice.iter().copied().eq(suffix.chars()) && !chars.get(at + n).is_some_and(|c| c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_spaces_and_invisibles() {
        assert_eq!(normalise("“Hi” it’s\u{00A0}here\u{200B}\u{202E}."), "\"Hi\" it's here.");
        assert_eq!(normalise("a  b\t c\u{0007}d\r\ne"), "a b cd\ne");
    }

    #[test]
    fn separators_inside_names() {
        assert_eq!(normalise("brand Mike · Lund withdrew"), "brand Mike Lund withdrew");
        // A question mark is punctuation, whatever surrounds it.
        assert_eq!(normalise("Is it fake? Zentaro says no."), "Is it fake? Zentaro says no.");
    }

    #[test]
    fn possessives_and_ordinals() {
        assert_eq!(normalise("Zentaro'S plan and China’S market"), "Zentaro's plan and China's market");
        assert_eq!(normalise("Who Can'T Succeed? New Balance'S 110Th"), "Who Can't Succeed? New Balance's 110th");
        assert_eq!(normalise("Mike & Co. ’s position"), "Mike & Co.'s position");
    }

    #[test]
    fn spacing_around_punctuation() {
        assert_eq!(normalise("industry (13) , science ."), "industry (13), science.");
        assert_eq!(normalise("he said.The end"), "he said. The end");
        assert_eq!(normalise("the U.S.Government and 2.4 Billion"), "the U.S.Government and 2.4 Billion");
        assert_eq!(normalise(", IFTC was founded"), "IFTC was founded");
        assert_eq!(normalise("He said so. , IFTC was founded"), "He said so. IFTC was founded");
        assert_eq!(normalise("Founded in 1983 , in Washington"), "Founded in 1983, in Washington");
        assert_eq!(normalise("  line one \n\n line two  "), "line one\n\nline two");
    }

    #[test]
    fn idempotent_on_tricky_text() {
        for s in [
            "a .b .c",
            "x ? Y? Z? w",
            "it 's 's 's",
            "said.The.End",
            "a , , , b",
            "Mike·Lund'S 1ST",
            "\u{FEFF}---\ndate: 2016\n---\n«x»",
            "word.Ab.Cd",
        ] {
            let once = normalise(s);
            assert_eq!(normalise(&once), once, "input {s:?}");
        }
    }
}
