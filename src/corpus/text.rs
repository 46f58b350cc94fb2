//! Text primitives the stages share: one tokenizer, the search form of a word, one hash.
//!
//! [`tokens`] cuts a text into **words** (runs of letters and digits, plus the *joiners* the
//! caller names when they stand between two letters or digits: the `'` of "don't", the `-` of
//! "e-commerce") and **symbols** (every other character that is not white space, one at a time).
//! Spans are byte offsets on char boundaries of the text. Stages differ only in their joiners and
//! in what they keep: the index keeps the words with `'` inside, entities keep words with `-`, `'`
//! and `.` inside plus the symbol `&`, dates keep everything and cut words further into numbers
//! and letters.
//!
//! ASCII, most of any corpus, is classified byte by byte; other characters are decoded first.
//! The index build runs every word of the corpus through here at start-up (BENCHMARKS.md).

use std::hash::Hasher;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits, with the caller's joiners inside.
    Word,
    /// One character that is neither white space nor part of a word.
    Symbol,
}

/// A word or a symbol of a text.
#[derive(Clone, Copy, Debug)]
pub struct Token<'a> {
    pub kind: TokenKind,
    /// Byte span in the text (char boundaries).
    pub start: usize,
    pub end: usize,
    /// `&text[start..end]`.
    pub text: &'a str,
    /// White space, or the start of the text, comes right before the token.
    pub space_before: bool,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// The tokens of `text` in order. `joiners` are the characters kept inside a word when a letter
/// or digit follows them (a word never starts or ends with one).
pub fn tokens<'a>(text: &'a str, joiners: &'static [char]) -> Tokens<'a> {
    Tokens { text, pos: 0, joiners, symbols: true }
}

/// The words of `text` (see [`tokens`]); symbols are skipped without being made tokens.
pub fn words<'a>(text: &'a str, joiners: &'static [char]) -> Tokens<'a> {
    Tokens { text, pos: 0, joiners, symbols: false }
}

/// Iterator behind [`tokens`] and [`words`].
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    joiners: &'static [char],
    /// Whether symbols are yielded (else skipped).
    symbols: bool,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let mut space_before = self.pos == 0;
        loop {
            let start = self.pos;
            let c = char_at(self.text, start)?;
            self.pos += c.len_utf8();
            let kind = if c.is_alphanumeric() {
                self.pos = self.word_end(self.pos);
                TokenKind::Word
            } else if c.is_whitespace() {
                space_before = true;
                continue;
            } else if self.symbols {
                TokenKind::Symbol
            } else {
                space_before = false;
                continue;
            };
            return Some(Token { kind, start, end: self.pos, text: &self.text[start..self.pos], space_before });
        }
    }
}

impl Tokens<'_> {
    /// End of the word that continues at `from`: letters and digits, and joiners followed by one.
    fn word_end(&self, from: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = from;
        loop {
            // ASCII letters and digits byte by byte (the index build's hot loop, BENCHMARKS.md).
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            let Some(c) = char_at(self.text, i) else { break };
            let len = c.len_utf8();
            let joins = || self.joiners.contains(&c) && char_at(self.text, i + len).is_some_and(char::is_alphanumeric);
            if !(c.is_alphanumeric() || joins()) {
                break;
            }
            i += len;
        }
        i
    }
}

/// The character at byte `i` (a char boundary), without decoding when it is ASCII.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(char::from(b))
    } else {
        text.get(i..)?.chars().next()
    }
}

/// The search form of a word: lower case, with common Latin accents folded to ASCII ("Café" and
/// "cafe" agree). What the index stores and queries look up.
pub fn fold(word: &str) -> String {
    let mut buf = String::with_capacity(word.len());
    fold_into(word, &mut buf);
    buf
}

/// [`fold`] without a copy when it can: `word` itself when it already is its search form (ASCII
/// without capitals, most words of any text), else its search form built in `buf`.
pub fn folded<'w>(word: &'w str, buf: &'w mut String) -> &'w str {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return word;
    }
    buf.clear();
    fold_into(word, buf);
    buf
}

/// [`fold`], appended to `buf`.
pub fn fold_into(word: &str, buf: &mut String) {
    buf.reserve(word.len());
    for c in word.chars() {
        fold_char(c, buf);
    }
}

#[inline]
fn fold_char(c: char, buf: &mut String) {
    if c.is_ascii() {
        buf.push(c.to_ascii_lowercase());
        return;
    }
    let folded = match c {
        'à'..='å' | 'À'..='Å' | 'ā' | 'Ā' => 'a',
        'ç' | 'Ç' | 'č' | 'Č' | 'ć' | 'Ć' => 'c',
        'è'..='ë' | 'È'..='Ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' | 'ī' => 'i',
        'ñ' | 'Ñ' | 'ń' => 'n',
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' | 'ō' | 'ő' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'š' | 'Š' | 'ś' => 's',
        'ž' | 'Ž' | 'ź' | 'ż' => 'z',
        'ł' | 'Ł' => 'l',
        _ => {
            buf.extend(c.to_lowercase());
            return;
        }
    };
    buf.push(folded);
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a, 64 bits: fast on short keys and the same on every platform and run, so it can stand
/// in sorted tables (the shingles of `dates`) as well as in hash maps.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(FNV_OFFSET, bytes)
}

/// [`fnv1a`] of `parts` joined by `separator`, without joining them.
pub fn fnv1a_joined(parts: &[impl AsRef<str>], separator: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h = fnv1a_from(h, separator.as_bytes());
        }
        h = fnv1a_from(h, part.as_ref().as_bytes());
    }
    h
}

fn fnv1a_from(state: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(state, |h, &b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

/// [`fnv1a`] as a `Hasher` for `HashMap`s of words: SipHash's flood resistance buys nothing for a
/// corpus the owner built, and the index's vocabulary map is the hottest map of the start-up.
#[derive(Clone, Copy, Debug)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a(FNV_OFFSET)
    }
}

impl Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a_from(self.0, bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_joined_hash_is_the_hash_of_the_joined_text() {
        let parts: Vec<String> = ["Orvel", "ferry", "", "board"].iter().map(|s| s.to_string()).collect();
        assert_eq!(fnv1a_joined(&parts, " "), fnv1a(parts.join(" ").as_bytes()));
        assert_eq!(fnv1a_joined(&[] as &[&str], " "), fnv1a(b""));
    }

    fn spans<'a>(text: &'a str, joiners: &'static [char]) -> Vec<(&'a str, TokenKind, bool)> {
        tokens(text, joiners).map(|t| (t.text, t.kind, t.space_before)).collect()
    }

    #[test]
    fn words_symbols_and_joiners() {
        use TokenKind::{Symbol, Word};
        assert_eq!(
            spans("Don't e-mail, U.S.!", &['\'']),
            vec![
                ("Don't", Word, true),
                ("e", Word, true),
                ("-", Symbol, false),
                ("mail", Word, false),
                (",", Symbol, false),
                ("U", Word, true),
                (".", Symbol, false),
                ("S", Word, false),
                (".", Symbol, false),
                ("!", Symbol, false),
            ]
        );
        let words: Vec<&str> = words("Don't e-mail, U.S.! x- 'y' a'-b", &['-', '\'', '.']).map(|t| t.text).collect();
        assert_eq!(words, vec!["Don't", "e-mail", "U.S", "x", "y", "a", "b"]);
        // Skipped symbols still count: "b" follows "," (no space), "c" follows a space.
        let spaced: Vec<bool> = super::words("a,b, c", &[]).map(|t| t.space_before).collect();
        assert_eq!(spaced, vec![true, false, true]);
        // Any Unicode letter or digit; any white space; spans on char boundaries.
        let text = "Ωμέγα\u{3000}語² 😀13th";
        let got: Vec<(usize, usize, &str)> = tokens(text, &[]).map(|t| (t.start, t.end, t.text)).collect();
        assert_eq!(got, vec![(0, 10, "Ωμέγα"), (13, 18, "語²"), (19, 23, "😀"), (23, 27, "13th")]);
        assert_eq!(tokens("", &[]).count(), 0);
        assert_eq!(tokens(" \t\n", &['\'']).count(), 0);
    }

    #[test]
    fn fold_lowercases_and_strips_common_accents() {
        assert_eq!(fold("ÉCOLE"), "ecole");
        assert_eq!(fold("Café"), "cafe");
        assert_eq!(fold("Don't"), "don't");
        assert_eq!(fold("Ωμέγα"), "ωμέγα");
        let mut buf = String::from("x");
        fold_into("Ñandú", &mut buf);
        assert_eq!(buf, "xnandu");
        // Already folded: no copy.
        let word = "don't";
        assert!(std::ptr::eq(folded(word, &mut buf), word));
        assert_eq!(folded("Don't", &mut buf), "don't");
        assert_eq!(folded("naïve", &mut buf), "naive");
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
        let mut h = Fnv1a::default();
        h.write(b"foo");
        h.write(b"bar");
        assert_eq!(h.finish(), fnv1a(b"foobar"));
    }
}
