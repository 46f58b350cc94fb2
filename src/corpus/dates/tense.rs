//! The tense of the clause a date expression sits in: it decides which way a year-less month,
//! day or weekday points from the article date ("July" in a March article is last July in "they
//! met in July", next July in "they will meet in July").
//!
//! No tagger: the nearest tense marker to the expression wins (auxiliaries, "said", past forms in
//! "-ed" and the common irregular ones, "ago"; "will", "plans to", "expected", "scheduled", ...).
//! The search stays inside the sentence and stops at clause breaks that usually change the
//! speaker's time (";", ":", quotation marks), so "said on Friday" is past and "said it will
//! close in March" puts March in the future. HeidelTime decides the same question from the
//! nearest verb's part-of-speech tag; markers are a cheap stand-in measured in QUALITY.md.
use crate::corpus::text::{self, Token};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
    /// No marker near enough to tell.
    Unknown,
}

/// How many words on each side are looked at.
const REACH: usize = 10;

const FUTURE: &[&str] = &[
    "will", "shall", "would", "upcoming", "scheduled", "expected", "expects", "expect", "due", "plans", "plan",
    "planned", "planning", "tomorrow", "intends", "aims", "forthcoming", "next",
];

const PRESENT: &[&str] = &["is", "are", "am", "says", "say", "does", "do", "remains", "continues"];

const PAST: &[&str] = &[
    "was", "were", "had", "did", "said", "told", "ago", "went", "came", "took", "made", "gave", "began", "met", "won",
    "lost", "left", "saw", "held", "rose", "fell", "paid", "sold", "bought", "brought", "thought", "found", "got",
    "became", "ran", "spent", "sent", "built", "kept", "felt", "stood", "wrote", "spoke", "chose", "broke", "drove",
    "flew", "grew", "knew", "threw", "fought", "caught", "taught", "sought", "struck", "led", "quit", "shot", "hit",
    "cut", "set", "put", "earlier", "previously", "since", "been",
];

/// "-ed" words that are not past forms.
const NOT_PAST: &[&str] = &[
    "need", "speed", "seed", "feed", "indeed", "red", "bed", "hundred", "united", "bred", "shed", "weed", "greed",
    "proceed", "succeed", "exceed", "breed", "deed", "creed", "sled", "wed", "fled", "embed", "ahead", "instead",
];

/// The tense around the byte span `start..end` of `sentence`.
pub fn around(sentence: &str, start: usize, end: usize) -> Tense {
    let toks: Vec<Token<'_>> = text::tokens(sentence, &['\'', '’']).collect();
    let first = toks.iter().position(|t| t.end > start).unwrap_or(toks.len());
    let last = toks.iter().position(|t| t.start >= end).unwrap_or(toks.len());
    let breaks = clause_breaks(&toks);
    let clause_start = (0..first).rposition(|k| breaks[k]).map_or(0, |p| p + 1);
    let clause_end = (last..toks.len()).position(|k| breaks[k]).map_or(toks.len(), |p| last + p);
    let words: Vec<&str> = toks[clause_start..clause_end].iter().filter(|t| t.is_word()).map(|t| t.text).collect();
    // Word positions of the expression inside `words`.
    let words_before = toks[clause_start..first].iter().filter(|t| t.is_word()).count();
    let words_inside = toks[first..last].iter().filter(|t| t.is_word()).count();
    let tense_at = |k: usize| {
        // "set to resume", "due to open": arranged for later.
        let arranged = matches!(words[k].to_lowercase().as_str(), "set" | "slated")
            && words.get(k + 1).is_some_and(|w| *w == "to");
        if arranged {
            return Some(Tense::Future);
        }
        // "were to take delivery in May", "was to open": planned once, whatever happened since.
        let planned = matches!(words[k].to_lowercase().as_str(), "was" | "were")
            && words.get(k + 1).is_some_and(|w| w.eq_ignore_ascii_case("to"));
        if planned {
            return Some(Tense::Unknown);
        }
        marker(words[k]).map(|t| with_modal(t, &words[..k]))
    };
    let left = (0..words_before).rev().take(REACH).enumerate().find_map(|(d, k)| tense_at(k).map(|t| (d, t)));
    let right = (words_before + words_inside..words.len())
        .take(REACH)
        .enumerate()
        .find_map(|(d, k)| tense_at(k).map(|t| (d, t)));
    match (left, right) {
        // Ties go to the left: "said Friday that it will" is about a past Friday.
        (Some((l, left)), Some((r, right))) => {
            if l <= r {
                left
            } else {
                right
            }
        }
        (Some((_, t)), None) | (None, Some((_, t))) => t,
        (None, None) => Tense::Unknown,
    }
}

/// "will be held", "would have left", "will likely be resolved": a past form after a modal (and
/// the auxiliaries and adverbs of its verb group) is future.
fn with_modal(tense: Tense, before: &[&str]) -> Tense {
    // "to be released in mid-2011": a past participle after an infinitive tells no tense.
    let infinitive = before.len() >= 2
        && before[before.len() - 2].eq_ignore_ascii_case("to")
        && matches!(before[before.len() - 1].to_lowercase().as_str(), "be" | "have");
    if tense == Tense::Past && infinitive {
        return Tense::Unknown;
    }
    // The verb group before the participle: auxiliaries and adverbs ("will likely only be
    // fully resolved", "would not have been finished") down to its modal, if any.
    let modal = before.iter().rev().take(6).map(|w| w.to_lowercase()).find(|w| !in_verb_group(w)).is_some_and(|w| {
        matches!(w.as_str(), "will" | "shall" | "would" | "going") || w.ends_with("'ll") || w.ends_with("’ll")
    });
    if tense == Tense::Past && modal {
        Tense::Future
    } else {
        tense
    }
}

/// Words that sit between a modal and its participle: auxiliaries ("be", "have been") and
/// adverbs ("likely", "not", "only", "fully").
fn in_verb_group(word: &str) -> bool {
    matches!(
        word,
        "be" | "have"
            | "been"
            | "being"
            | "not"
            | "never"
            | "only"
            | "also"
            | "still"
            | "soon"
            | "then"
            | "just"
            | "even"
            | "now"
    ) || word.len() > 4 && word.ends_with("ly")
}

fn is_break(t: &Token<'_>) -> bool {
    // "but" opens a clause of its own: "were to take delivery in May, but will now wait".
    (!t.is_word() && matches!(t.text, ";" | ":" | "\"" | "“" | "”" | "(" | ")")) || t.text.eq_ignore_ascii_case("but")
}

/// Which tokens end a clause. A short parenthesis inside a noun phrase — an acronym, "the
/// Trust (HT) announced" — does not: only one that holds a clause of its own does.
fn clause_breaks(toks: &[Token<'_>]) -> Vec<bool> {
    let mut breaks: Vec<bool> = toks.iter().map(is_break).collect();
    for (i, _) in toks.iter().enumerate().filter(|(_, t)| t.text == "(") {
        if let Some(j) = toks[i + 1..].iter().take(4).position(|t| t.text == ")") {
            breaks[i] = false;
            breaks[i + 1 + j] = false;
        }
    }
    breaks
}

/// The tense one word marks, if any.
fn marker(word: &str) -> Option<Tense> {
    let lower = word.to_lowercase();
    let w = lower.as_str();
    let modal_not = ["won't", "wouldn't", "shan't", "won’t", "wouldn’t"].contains(&w);
    if w.ends_with("'ll") || w.ends_with("’ll") || modal_not || FUTURE.contains(&w) {
        return Some(Tense::Future);
    }
    if PAST.contains(&w) || w.ends_with("n't") && (w.starts_with("did") || w.starts_with("was")) {
        return Some(Tense::Past);
    }
    if PRESENT.contains(&w) {
        return Some(Tense::Present);
    }
    let regular_past = w.len() >= 5 && w.ends_with("ed") && w.chars().all(char::is_alphabetic);
    (regular_past && !NOT_PAST.contains(&w)).then_some(Tense::Past)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tense_of(sentence: &str, expression: &str) -> Tense {
        let start = sentence.find(expression).expect("expression in sentence");
        around(sentence, start, start + expression.len())
    }

    #[test]
    fn nearest_marker_decides() {
        assert_eq!(tense_of("The company said on Friday it would close.", "Friday"), Tense::Past);
        assert_eq!(tense_of("She said the plant will close in March.", "March"), Tense::Future);
        assert_eq!(tense_of("They met in July to sign it.", "July"), Tense::Past);
        assert_eq!(tense_of("Talks resumed in July.", "July"), Tense::Past);
        assert_eq!(tense_of("The vote is expected in November.", "November"), Tense::Future);
        assert_eq!(tense_of("The meeting is on Monday.", "Monday"), Tense::Present);
        assert_eq!(tense_of("Board members in June.", "June"), Tense::Unknown);
    }

    #[test]
    fn a_modal_before_a_past_form_is_future() {
        assert_eq!(tense_of("The summit will be held in June.", "June"), Tense::Future);
        assert_eq!(tense_of("The summit was held in June.", "June"), Tense::Past);
        assert_eq!(tense_of("The talks are set to resume Monday.", "Monday"), Tense::Future);
        // Adverbs and auxiliaries between the modal and the participle.
        let outage = "The outage will likely only be fully resolved during the week beginning 17 October 2011.";
        assert_eq!(tense_of(outage, "17 October 2011"), Tense::Future);
        assert_eq!(tense_of("The plant would not have been finished by March.", "March"), Tense::Future);
        assert_eq!(tense_of("The plant was finally finished in March.", "March"), Tense::Past);
    }

    #[test]
    fn clause_breaks_stop_the_search() {
        assert_eq!(tense_of("He left; the review starts in May.", "May"), Tense::Unknown);
        assert_eq!(tense_of("\"We will win,\" he said in June.", "June"), Tense::Past);
    }

    #[test]
    fn plans_of_the_past_and_infinitives_tell_no_tense() {
        assert_eq!(tense_of("They were to take delivery in May 2008, but will now wait.", "May 2008"), Tense::Unknown);
        assert_eq!(tense_of("The film is to be released in mid-2011.", "mid-2011"), Tense::Unknown);
        assert_eq!(tense_of("He estimated it wouldn't be profitable until 1994.", "1994"), Tense::Future);
    }

    #[test]
    fn an_acronym_in_parentheses_is_no_clause_break() {
        assert_eq!(tense_of("May 14th the Harbour Trust (HT) announced a review.", "May 14th"), Tense::Past);
        assert_eq!(tense_of("It ends in May (the board said so) and then", "May"), Tense::Unknown);
    }

    #[test]
    fn words_that_only_look_past_do_not_count() {
        assert_eq!(tense_of("A hundred people in April.", "April"), Tense::Unknown);
        assert_eq!(tense_of("The United board in April.", "April"), Tense::Unknown);
    }
}
