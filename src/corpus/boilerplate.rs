//! Boilerplate detection, in the spirit of jusText: classify paragraphs by cue phrases, shape and
//! context rather than by position.
//!
//! Three rules:
//! 1. A *cue* paragraph ("Related reading", "Leave a Reply", "All rights reserved", ...) is
//!    boilerplate. Strong cues count anywhere in a paragraph of modest length; weak cues ("share",
//!    "comments", "tags:") only when they open a short paragraph, because real sentences use those
//!    words too ("no comment has been made").
//! 2. A cue pulls in the run of *link-like* paragraphs after it: headline-style (Title Case)
//!    lines, bullet items ("- ...", "| ..."), bare separators. Runs stop at the first ordinary
//!    sentence, so "Related links:" followed by real text only loses the cue line.
//! 3. Density: any run of three or more link-like paragraphs is navigation, cue or not.

const STRONG_CUES: &[&str] = &[
    "all rights reserved",
    "your email address will not be published",
    "required fields are marked",
    "leave a reply",
    "leave a comment",
    "post comment",
    "copyright ©",
    "© copyright",
    "click here to",
];

const WEAK_CUES: &[&str] = &[
    "related reading", "related links", "related articles", "related posts", "related stories", "related news",
    "related", "recommended", "read more", "see also", "more from", "you may also like", "comments", "comment",
    "share this", "share", "tags:", "tags", "copyright", "click here", "subscribe", "sign up", "follow us",
    "previous article", "next article", "advertisement",
];

/// One flag per paragraph: true when it is boilerplate.
pub fn mark(paragraphs: &[&str]) -> Vec<bool> {
    let n = paragraphs.len();
    let mut flags = vec![false; n];
    let link_like: Vec<bool> = paragraphs.iter().map(|p| is_link_like(p)).collect();
    let mut i = 0;
    while i < n {
        if is_cue(paragraphs[i]) {
            flags[i] = true;
            let mut j = i + 1;
            while j < n && (link_like[j] || is_cue(paragraphs[j])) {
                flags[j] = true;
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let mut run_start = 0;
    for k in 0..=n {
        if k < n && link_like[k] {
            continue;
        }
        if k - run_start >= 3 {
            flags[run_start..k].iter_mut().for_each(|f| *f = true);
        }
        run_start = k + 1;
    }
    flags
}

/// A paragraph that announces boilerplate.
pub fn is_cue(paragraph: &str) -> bool {
    // Cues are short; also keeps callers that test a growing paragraph linear.
    if paragraph.len() > 400 {
        return false;
    }
    let lower = paragraph.to_lowercase();
    if lower.len() <= 300 && STRONG_CUES.iter().any(|c| lower.contains(c)) {
        return true;
    }
    let stripped = strip_bullets(&lower);
    let words = stripped.split_whitespace().count();
    if words == 0 || words > 8 || stripped.ends_with('.') && !stripped.starts_with("click here") {
        return false;
    }
    WEAK_CUES.iter().any(|cue| {
        stripped.starts_with(cue) && !stripped[cue.len()..].chars().next().is_some_and(char::is_alphanumeric)
    })
}

/// Headline-style or list-item paragraphs: what related-article lists and navigation look like.
pub fn is_link_like(paragraph: &str) -> bool {
    let text = paragraph.trim();
    if !text.chars().any(char::is_alphabetic) {
        return true;
    }
    if text.len() > 250 {
        return false;
    }
    let bullet = text.starts_with(['-', '|', '•', '*', '»', '>', '·']);
    let (capitalised, considered) = title_case_counts(text);
    let ratio = if considered == 0 { 0.0 } else { capitalised as f32 / considered as f32 };
    if considered >= 2 && ratio >= 0.75 {
        return true;
    }
    bullet && (ratio >= 0.5 || !ends_with_terminal(text))
}

fn strip_bullets(text: &str) -> &str {
    text.trim_start_matches(|c: char| matches!(c, '-' | '|' | '•' | '*' | '»' | '>' | '#') || c.is_whitespace())
        .trim_end()
}

fn ends_with_terminal(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', ')']).ends_with(['.', '!', '?', '…'])
}

/// (capitalised words, words considered): short function words are skipped because headline
/// style leaves "of", "and", "the" in lower case.
fn title_case_counts(text: &str) -> (usize, usize) {
    let mut capitalised = 0;
    let mut considered = 0;
    for word in text.split_whitespace() {
        let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = word.chars().next() else { continue };
        if !first.is_alphabetic() {
            continue;
        }
        if first.is_lowercase() && word.chars().filter(|c| c.is_alphabetic()).count() <= 3 {
            continue;
        }
        considered += 1;
        if first.is_uppercase() {
            capitalised += 1;
        }
    }
    (capitalised, considered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_reading_list_is_boilerplate_but_article_is_not() {
        let paras = [
            "Zentaro joined the alliance in April, and many brands felt uneasy.",
            "- Related reading",
            "2016 Ethiopia Investment Promotion Conference Will Be Held In Keqiao District.",
            "|",
            "- Industry leader | Wang Dong, Vice President Of Wuhan Textile University",
            "- Daphne'S Biggest Loss Factor Is This.",
        ];
        assert_eq!(mark(&paras), vec![false, true, true, true, true, true]);
    }

    #[test]
    fn cue_without_list_only_takes_itself() {
        let paras = [
            "Related links:",
            "Zentaro joined the International FairTrade Coalition (IFTC), which made many brands feel uneasy.",
            "So far, no comment has been made on the withdrawal.",
        ];
        assert_eq!(mark(&paras), vec![true, false, false]);
    }

    #[test]
    fn comment_forms() {
        let paras = [
            "but is conducive to their sales.",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
        ];
        assert_eq!(mark(&paras), vec![false, true, true]);
    }

    #[test]
    fn navigation_density_without_cue() {
        let paras = ["Home News Sport", "World Business Markets", "Contact Us Today", "The article text starts here."];
        assert_eq!(mark(&paras), vec![true, true, true, false]);
        // Two headings in a row are not navigation.
        let paras = ["Zentaro Stumbles Badly", "back in April the move was opposed.", "ML", "Zentaro"];
        assert_eq!(mark(&paras), vec![false, false, false, false]);
    }

    #[test]
    fn weak_cues_need_a_short_opening() {
        assert!(is_cue("Share this"));
        assert!(is_cue("Tags: fashion, luxury"));
        assert!(!is_cue("Share prices fell sharply."));
        assert!(!is_cue("Sharepoint Server"));
        assert!(!is_cue("The brands did not comment on the decision to leave the alliance and said nothing more"));
    }
}
