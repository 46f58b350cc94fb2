//! Sentence splitting inside a paragraph.
//!
//! A sentence ends at '.', '!', '?' or '…' (plus any closing quotes or brackets) followed by
//! white space. A period does not end a sentence after a known abbreviation ("Co.", "Mr.",
//! "Jan."), a single initial ("J."), or a dotted acronym ("U.S."); decimals ("2.4") never split
//! because no space follows the period. Machine-translated text often starts sentences in lower
//! case, so '!' and '?' always split, and '.' splits before a lower-case word when the word before
//! it is an ordinary word of four or more letters.

/// Abbreviations (lower case, without the final period) after which a period is not an end.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "co", "inc", "ltd", "corp", "plc", "gen", "gov", "sen", "rep",
    "mt", "ft", "ave", "dept", "univ", "no", "nos", "vs", "etc", "approx", "fig", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "cf", "al", "vol", "pp", "est",
];

/// Splits `paragraph` into trimmed, non-empty sentences (sub-slices, so offsets stay valid).
pub fn split(paragraph: &str) -> Vec<&str> {
    // Sized up front: grown push by push, the copies were a tenth of the page's analysis.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(paragraph.len());
    chars.extend(paragraph.char_indices());
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut k = 0usize;
    while k < chars.len() {
        let c = chars[k].1;
        if !is_terminal(c) {
            k += 1;
            continue;
        }
        // The run of terminal punctuation, then closing quotes/brackets.
        let run_start = k;
        while k < chars.len() && is_terminal(chars[k].1) {
            k += 1;
        }
        let run_end = k;
        while k < chars.len() && is_closing(chars[k].1) {
            k += 1;
        }
        let end_byte = chars.get(k).map_or(paragraph.len(), |&(i, _)| i);
        if k >= chars.len() {
            break;
        }
        if !chars[k].1.is_whitespace() {
            continue;
        }
        let Some(&(_, next)) = chars[k..].iter().find(|(_, ch)| !ch.is_whitespace()) else { break };
        if ends_here(paragraph, &chars, run_start, run_end, next) {
            push_trimmed(&mut out, &paragraph[start..end_byte]);
            start = end_byte;
        }
    }
    push_trimmed(&mut out, paragraph.get(start..).unwrap_or(""));
    out
}

fn push_trimmed<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let t = s.trim();
    if !t.is_empty() {
        out.push(t);
    }
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»')
}

/// Decides whether the terminal run `chars[run_start..run_end]` ends a sentence, given the first
/// character of the next word.
fn ends_here(text: &str, chars: &[(usize, char)], run_start: usize, run_end: usize, next: char) -> bool {
    let run = &chars[run_start..run_end];
    if run.iter().any(|&(_, c)| c == '!' || c == '?') {
        return true;
    }
    let single_period = run.len() == 1 && run[0].1 == '.';
    if !single_period {
        // "..." or "…": an end only before something that is not a lower-case continuation.
        return !next.is_lowercase();
    }
    // The word just before the period: back to the previous white space, minus opening marks.
    let period_at = run[0].0;
    let word_start =
        chars[..run_start].iter().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |&(i, c)| i + c.len_utf8());
    let word = text.get(word_start..period_at).unwrap_or("").trim_start_matches(['(', '[', '"', '\'']);
    let lower = word.to_lowercase();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if lower == "etc" {
        return next.is_uppercase();
    }
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    // "U.S." and other dotted acronyms; single initials "J.".
    if word.contains('.') && letters <= 4 || (letters == 1 && word.chars().count() == 1) {
        return false;
    }
    if !next.is_lowercase() {
        return true;
    }
    letters >= 4 && word.chars().all(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            split("Lobbying U.S. government officials. Mr. Ma met Dr. Lee of Yongrong Co. Ltd. in Jan. 2016. Done."),
            vec![
                "Lobbying U.S. government officials.",
                "Mr. Ma met Dr. Lee of Yongrong Co. Ltd. in Jan. 2016.",
                "Done."
            ]
        );
        assert_eq!(split("Written by J. Smith. He left."), vec!["Written by J. Smith.", "He left."]);
        assert_eq!(split("See No. 5 here."), vec!["See No. 5 here."]);
    }

    #[test]
    fn questions_quotes_and_decimals() {
        assert_eq!(
            split("IFTC what the hell is that? market watchers said \"yes.\" Then 2.4 billion yuan!"),
            vec!["IFTC what the hell is that?", "market watchers said \"yes.\"", "Then 2.4 billion yuan!"]
        );
        assert_eq!(split("things…… From here"), vec!["things……", "From here"]);
        assert_eq!(split("wait... and see"), vec!["wait... and see"]);
    }

    #[test]
    fn lower_case_starts_after_real_words() {
        assert_eq!(split("voices of discontent. but the move"), vec!["voices of discontent.", "but the move"]);
    }

    #[test]
    fn odd_inputs() {
        assert!(split("").is_empty());
        assert!(split("   ").is_empty());
        assert_eq!(split("..."), vec!["..."]);
        assert_eq!(split("é. ü. ñ"), vec!["é. ü. ñ"]);
    }
}
