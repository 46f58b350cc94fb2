//! A statistical name tagger: an averaged perceptron over BILOU tags for person, organisation and
//! place, decoded greedily left to right, in two passes over an article.
//!
//! Why this shape: linear models over rich local features are the published strong baseline for
//! news NER (Ratinov & Roth 2009: BILOU beats BIO, and greedy decoding loses nothing against
//! Viterbi), they train in seconds on the openly licensed data in `train/data/`, and decoding is
//! integer sums in plain Rust, so it runs the same natively and in the analyser worker (no
//! randomness, no threads, no floats in decoding). The rules in `entities.rs` stay in charge of
//! finding names, their kinds, merging spellings and `entities.toml`, and do not ask the tagger
//! yet: the best use found, a veto on the kinds of names it never reads as names, did not hold up
//! on the held-out sets and tripled the analysis time (QUALITY.md, "A trained name tagger").
//!
//! Features are those evidence the rules read, as weights instead of hand-set votes: the word and
//! a ±2 window, shape, affixes, the gazetteer (given names, surnames, places, demonyms, common
//! words), the rules' cue lists (organisation and place heads, titles, organisation cues), and
//! document evidence (the word written in lower case, or capitalised mid-sentence, elsewhere in
//! the same article), word classes induced from open text (`data/tagger/clusters.tsv`, by
//! `train/word_clusters.rs`: the classes of the word and its neighbours), plus the two previous
//! tags. A second model then tags the article again with the same features and how the first
//! pass tagged each word across the article (its majority label and kind, and its kind as the
//! last word of a longer name): a name is usually of one kind throughout an article, and a
//! surname alone is the person named in full elsewhere (Krishnan & Manning 2006; Ratinov & Roth
//! 2009). The second model is trained on first-pass tags from models that did not see the
//! article (five folds by article), as it will meet them.
//!
//! The weights files (`data/tagger/names.bin`, the first pass, and `names2.bin`, the second;
//! written by `train-names`) are:
//!
//! ```text
//! "CXW1"  u32 features  then per feature, sorted by hash:  u64 hash  u8 n  n × (u8 tag, i16 weight)
//! ```
//!
//! little-endian. A damaged file gives an empty model (every token "O"), never a panic.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::super::gazetteer;
use super::super::text::{self, Token};
use super::super::types::EntityKind;
use super::{strip_possessive, ORG_CUES, ORG_HEADS, PERSON_TITLES, PLACE_BEFORE, PLACE_HEADS};

const WEIGHTS: &[u8] = include_bytes!("../../../data/tagger/names.bin");
/// The second pass's weights (same format), which also read the first pass's tags of the article.
const WEIGHTS2: &[u8] = include_bytes!("../../../data/tagger/names2.bin");
/// Word classes induced from open text (`train/word_clusters.rs`): `word<TAB>fine<TAB>coarse`.
const CLUSTERS: &str = include_str!("../../../data/tagger/clusters.tsv");
const MAGIC: &[u8; 4] = b"CXW1";

/// The kinds the tagger knows, in tag order.
pub const KINDS: [EntityKind; 3] = [EntityKind::Person, EntityKind::Organisation, EntityKind::Place];
/// "O", then B, I, L, U for each of [`KINDS`].
pub const TAGS: usize = 1 + 4 * KINDS.len();

/// A BILOU tag: 0 is "O", `1 + 4 * kind + position` the rest (position 0 B, 1 I, 2 L, 3 U).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Tag(pub u8);

impl Tag {
    pub const O: Tag = Tag(0);

    pub fn new(kind: usize, position: u8) -> Tag {
        Tag(1 + 4 * kind as u8 + position)
    }

    pub fn kind(self) -> Option<usize> {
        (self.0 > 0).then(|| usize::from((self.0 - 1) / 4))
    }

    fn position(self) -> u8 {
        (self.0.max(1) - 1) % 4
    }

    /// Inside a name that has not ended yet (B or I).
    fn open(self) -> bool {
        self.0 > 0 && self.position() < 2
    }

    /// Whether `self` may follow `prev`, and may end the sentence when `last`.
    fn allowed(self, prev: Tag, last: bool) -> bool {
        let continues = self.0 > 0 && matches!(self.position(), 1 | 2);
        if prev.open() {
            continues && self.kind() == prev.kind() && (!last || self.position() == 2)
        } else {
            !(continues || last && self.open())
        }
    }

    /// Parses "O", "B-PER", "U-ORG", "L-LOC", ...
    pub fn parse(label: &str) -> Option<Tag> {
        if label == "O" {
            return Some(Tag::O);
        }
        let (position, kind) = label.split_once('-')?;
        let position = ["B", "I", "L", "U"].iter().position(|p| *p == position)? as u8;
        let kind = ["PER", "ORG", "LOC"].iter().position(|k| *k == kind)?;
        Some(Tag::new(kind, position))
    }
}

/// A name the tagger found: a byte span of the text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
}

/// The tokens the tagger reads: words keep inner "-", "'" and "." ("Fair-Trade", "Zentaro's",
/// "U.S"); every other symbol is a token of its own (a comma after a name is evidence).
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    text::tokens(text, &['-', '\'', '’', '.']).collect()
}

/// What one article says about its words, for the document features: which are written in lower
/// case somewhere, and which capitalised somewhere other than at a sentence start.
#[derive(Default)]
pub struct DocStats {
    lower: HashSet<String>,
    caps_mid: HashSet<String>,
    /// How the first pass tagged each word of the article (the second pass's evidence): per word,
    /// [not in a name, in a person's, an organisation's, a place's name; last word of a longer
    /// person's, organisation's, place's name]. Empty in the first pass.
    history: HashMap<String, [u16; 7]>,
}

impl DocStats {
    pub fn new<'a>(sentences: impl IntoIterator<Item = &'a str>) -> DocStats {
        let mut stats = DocStats::default();
        for sentence in sentences {
            // "Mid-sentence" is after an earlier word: not after an opening quote or bracket.
            for (k, t) in tokens(sentence).iter().filter(|t| t.is_word()).enumerate() {
                let first = t.text.chars().next().unwrap_or(' ');
                if first.is_lowercase() {
                    stats.lower.insert(key(t.text));
                } else if first.is_uppercase() && k > 0 {
                    stats.caps_mid.insert(key(t.text));
                }
            }
        }
        stats
    }

    /// These statistics plus the first pass's tags of every sentence of the article, for the
    /// second pass (Krishnan & Manning 2006; Ratinov & Roth 2009: a name is usually of one
    /// kind throughout an article, and a surname alone is the person named in full elsewhere).
    pub fn with_history<'a, 't: 'a>(
        mut self,
        tagged: impl IntoIterator<Item = (&'a [Token<'t>], &'a [Tag])>,
    ) -> DocStats {
        for (toks, tags) in tagged {
            for (i, (t, tag)) in toks.iter().zip(tags).enumerate() {
                if !t.is_word() {
                    continue;
                }
                let counts = self.history.entry(key(t.text)).or_default();
                let slot = tag.kind().map_or(0, |k| 1 + k);
                counts[slot] = counts[slot].saturating_add(1);
                if let (Some(k), 2) = (tag.kind(), tag.position()) {
                    if i > 0 {
                        counts[4 + k] = counts[4 + k].saturating_add(1);
                    }
                }
            }
        }
        self
    }
}

/// The largest of `counts` (the first on ties) and how clear it is: 2 all, 1 a majority, 0 less.
fn majority(counts: &[u16]) -> Option<(u8, u8)> {
    let total: u32 = counts.iter().map(|&c| u32::from(c)).sum();
    if total == 0 {
        return None;
    }
    let (best, &n) = counts.iter().enumerate().rev().max_by_key(|(_, &c)| c)?;
    let n = u32::from(n);
    Some((best as u8, if n == total { 2 } else { u8::from(2 * n > total) }))
}

fn key(word: &str) -> String {
    strip_possessive(word).to_lowercase()
}

// ---------------------------------------------------------------------------------------------
// Features

/// FNV-1a over a template number and its parts: features are hashed, never stored as strings.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new(template: u8) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325).byte(template)
    }

    fn byte(self, b: u8) -> Fnv {
        Fnv((self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    fn str(self, s: &str) -> Fnv {
        s.bytes().fold(self.byte(0xff), Fnv::byte)
    }
}

/// The word as the features see it: possessive stripped, lower case, its shape.
struct Word {
    lower: String,
    /// Word classes (fine, coarse); `u16::MAX` when the word has none.
    cluster: (u16, u16),
    shape: String,
    possessive: bool,
    capitalised: bool,
    symbol: bool,
    /// No word before it in the sentence.
    first: bool,
    /// The rules' lists it is in (organisation heads, place heads, titles, organisation cues,
    /// words before places), as bits.
    lists: u8,
    /// What the gazetteer knows of it, as bits.
    facts: u8,
    /// Whether the two and three words from here are a known place.
    place_phrase: [bool; 2],
}

/// Which of the rules' lists each listed word is in, as [`Word::lists`] bits.
fn list_bits() -> &'static HashMap<&'static str, u8> {
    static B: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    B.get_or_init(|| {
        let mut bits: HashMap<&'static str, u8> = HashMap::new();
        for (bit, list) in [ORG_HEADS, PLACE_HEADS, PERSON_TITLES, ORG_CUES, PLACE_BEFORE].iter().enumerate() {
            for word in list.iter() {
                *bits.entry(word).or_default() |= 1 << bit;
            }
        }
        bits
    })
}

/// The words of a sentence's tokens, with what the features ask of each computed once.
fn words_of(toks: &[Token<'_>]) -> Vec<Word> {
    let g = gazetteer::get();
    let first_word = toks.iter().position(Token::is_word).unwrap_or(toks.len());
    let mut words: Vec<Word> = toks.iter().map(Word::new).collect();
    for (i, w) in words.iter_mut().enumerate() {
        w.first = i <= first_word;
        let l = w.lower.as_str();
        let bits = list_bits();
        w.lists = bits.get(l).map_or(0, |b| b & !4) | bits.get(l.trim_end_matches('.')).map_or(0, |b| b & 4);
        if w.symbol {
            continue;
        }
        let stem = strip_possessive(toks[i].text);
        let place = g.place(stem);
        w.facts = u8::from(g.is_given_name(stem))
            | u8::from(g.is_surname(stem)) << 1
            | u8::from(place.place()) << 2
            | u8::from(place.country) << 3
            | u8::from(place.ambiguous) << 4
            | u8::from(g.demonym(stem).is_some()) << 5
            | u8::from(g.is_common_word(l)) << 6;
        for len in 2..=3usize {
            let last = i + len - 1;
            if last < toks.len() && toks[i..=last].iter().all(Token::is_word) {
                let phrase: Vec<&str> = toks[i..=last].iter().map(|t| strip_possessive(t.text)).collect();
                w.place_phrase[len - 2] = g.place(&phrase.join(" ")).place();
            }
        }
    }
    words
}

impl Word {
    fn new(token: &Token<'_>) -> Word {
        let stem = strip_possessive(token.text);
        let mut shape = String::new();
        for c in stem.chars() {
            let s = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else {
                c
            };
            if !shape.ends_with(s) {
                shape.push(s);
            }
        }
        let lower = stem.to_lowercase();
        Word {
            cluster: cluster_of(stem, &lower).unwrap_or((u16::MAX, u16::MAX)),
            lower,
            shape,
            possessive: stem.len() < token.text.len(),
            capitalised: stem.chars().next().is_some_and(char::is_uppercase),
            symbol: !token.is_word(),
            first: false,
            lists: 0,
            facts: 0,
            place_phrase: [false; 2],
        }
    }
}

const PAD: &str = "<pad>";

/// Every word with classes: as written → (fine, coarse).
fn clusters() -> &'static HashMap<&'static str, (u16, u16)> {
    static C: OnceLock<HashMap<&'static str, (u16, u16)>> = OnceLock::new();
    C.get_or_init(|| {
        CLUSTERS
            .lines()
            .filter_map(|line| {
                let mut parts = line.split('\t');
                let word = parts.next()?;
                let fine = parts.next()?.parse().ok()?;
                let coarse = parts.next()?.parse().ok()?;
                Some((word, (fine, coarse)))
            })
            .collect()
    })
}

/// The word classes of a word as written, else in lower case.
fn cluster_of(stem: &str, lower: &str) -> Option<(u16, u16)> {
    let c = clusters();
    c.get(stem).or_else(|| c.get(lower)).copied()
}

/// The features of token `i` that do not depend on earlier tags.
fn static_features(words: &[Word], i: usize, doc: &DocStats, out: &mut Vec<u64>) {
    base_features(words, i, doc, out);
    second_features(words, i, doc, out);
}

/// [`static_features`] but the second pass's.
fn base_features(words: &[Word], i: usize, doc: &DocStats, out: &mut Vec<u64>) {
    let at = |j: isize| -> Option<&Word> { usize::try_from(i as isize + j).ok().and_then(|j| words.get(j)) };
    let lower = |j: isize| at(j).map_or(PAD, |w| w.lower.as_str());
    let shape = |j: isize| at(j).map_or(PAD, |w| w.shape.as_str());
    let w = &words[i];
    let mut push = |f: Fnv| out.push(f.0);
    push(Fnv::new(0));
    push(Fnv::new(1).str(&w.lower));
    for (t, j) in [(2, -1), (3, 1), (4, -2), (5, 2)] {
        push(Fnv::new(t).str(lower(j)));
    }
    push(Fnv::new(6).str(&w.shape));
    push(Fnv::new(7).str(shape(-1)).str(&w.shape));
    push(Fnv::new(8).str(&w.shape).str(shape(1)));
    push(Fnv::new(9).str(lower(-1)).str(&w.lower));
    push(Fnv::new(10).str(&w.lower).str(lower(1)));
    let chars: Vec<char> = w.lower.chars().collect();
    for n in 1..=4.min(chars.len()) {
        push(Fnv::new(11).byte(n as u8).str(&chars[..n].iter().collect::<String>()));
        push(Fnv::new(12).byte(n as u8).str(&chars[chars.len() - n..].iter().collect::<String>()));
    }
    // Word classes: the word's (fine and coarse), its neighbours' (fine), and coarse pairs.
    let cluster = |j: isize| at(j).map_or((u16::MAX - 1, u16::MAX - 1), |w| w.cluster);
    let c16 = |f: Fnv, v: u16| f.byte(v as u8).byte((v >> 8) as u8);
    push(c16(Fnv::new(21), cluster(0).0));
    push(c16(Fnv::new(22), cluster(0).1));
    push(c16(Fnv::new(23), cluster(-1).0));
    push(c16(Fnv::new(24), cluster(1).0));
    push(c16(c16(Fnv::new(25), cluster(-1).1), cluster(0).1));
    push(c16(c16(Fnv::new(26), cluster(0).1), cluster(1).1));
    push(Fnv::new(13).byte(u8::from(w.first)).byte(u8::from(w.capitalised)).byte(u8::from(w.possessive)));
    if w.symbol {
        return;
    }
    // The gazetteer and the rules' own lists, for this word and its neighbours.
    let lists = |j: isize| at(j).map_or(0, |w| w.lists);
    for (t, j) in [(14, -1), (15, 0), (16, 1), (17, -2)] {
        push(Fnv::new(t).byte(lists(j)));
    }
    push(Fnv::new(18).byte(w.facts).byte(u8::from(w.capitalised)));
    // A known place of two or three words around this one ("New York", "United Arab Emirates").
    for len in 2..=3usize {
        let from = i.saturating_sub(len - 1);
        for (first, word) in words.iter().enumerate().take(i + 1).skip(from) {
            if word.place_phrase[len - 2] {
                push(Fnv::new(19).byte(len as u8).byte((i - first) as u8));
            }
        }
    }
    let key = &w.lower;
    push(
        Fnv::new(20)
            .byte(u8::from(doc.lower.contains(key)))
            .byte(u8::from(doc.caps_mid.contains(key)))
            .byte(u8::from(w.capitalised)),
    );
}

/// The second pass's features: how the first tagged this word across the article.
fn second_features(words: &[Word], i: usize, doc: &DocStats, out: &mut Vec<u64>) {
    let w = &words[i];
    if w.symbol {
        return;
    }
    let mut push = |f: Fnv| out.push(f.0);
    if let Some(counts) = doc.history.get(&w.lower) {
        if let Some((label, clear)) = majority(&counts[..4]) {
            push(Fnv::new(40).byte(label).byte(clear).byte(u8::from(w.capitalised)));
        }
        if let Some((kind, clear)) = majority(&counts[1..4]) {
            push(Fnv::new(41).byte(kind).byte(clear));
        }
        if let Some((kind, clear)) = majority(&counts[4..7]) {
            push(Fnv::new(42).byte(kind).byte(clear));
        }
    }
}

/// The features that read the tags already decided.
fn history_features(words: &[Word], i: usize, p1: Tag, p2: Tag, out: &mut Vec<u64>) {
    out.push(Fnv::new(30).byte(p1.0).0);
    out.push(Fnv::new(31).byte(p2.0).byte(p1.0).0);
    out.push(Fnv::new(32).byte(p1.0).str(&words[i].lower).0);
    out.push(Fnv::new(33).byte(p1.0).str(&words[i].shape).0);
}

// ---------------------------------------------------------------------------------------------
// The model

#[derive(Default, Clone)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Ids<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Weights, sparse: a feature's (tag, weight) pairs.
#[derive(Default, Clone)]
pub struct Model {
    index: Ids<(u32, u8)>,
    weights: Vec<(u8, i16)>,
}

/// The shipped model, parsed once per process.
pub fn get() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| Model::decode(WEIGHTS).unwrap_or_default())
}

/// The shipped second pass (empty when not shipped: then the first pass is the answer).
pub fn get_second() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| Model::decode(WEIGHTS2).unwrap_or_default())
}

impl Model {
    pub fn decode(bytes: &[u8]) -> Option<Model> {
        let mut r = Reader(bytes);
        if r.take(4)? != MAGIC {
            return None;
        }
        let n = r.u32()? as usize;
        let mut model = Model { index: Ids::default(), weights: Vec::new() };
        model.index.reserve(n.min(bytes.len() / 9));
        for _ in 0..n {
            let hash = r.u64()?;
            let count = r.take(1)?[0];
            if usize::from(count) > TAGS {
                return None;
            }
            let offset = model.weights.len() as u32;
            for _ in 0..count {
                let tag = r.take(1)?[0];
                let weight = i16::from_le_bytes(r.take(2)?.try_into().ok()?);
                if usize::from(tag) >= TAGS {
                    return None;
                }
                model.weights.push((tag, weight));
            }
            model.index.insert(hash, (offset, count));
        }
        r.0.is_empty().then_some(model)
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    fn add(&self, features: &[u64], scores: &mut [i32; TAGS]) {
        for f in features {
            if let Some(&(offset, count)) = self.index.get(f) {
                for &(tag, w) in &self.weights[offset as usize..offset as usize + usize::from(count)] {
                    scores[usize::from(tag)] = scores[usize::from(tag)].saturating_add(i32::from(w));
                }
            }
        }
    }

    /// The tags of one sentence's tokens.
    pub fn tag_tokens(&self, toks: &[Token<'_>], doc: &DocStats) -> Vec<Tag> {
        decode(toks, doc, |features, scores| self.add(features, scores))
    }

    /// The names in one sentence, as byte spans of `text`.
    pub fn spans(&self, text: &str, doc: &DocStats) -> Vec<Span> {
        if self.is_empty() {
            return Vec::new();
        }
        let toks = tokens(text);
        spans_of(&toks, &self.tag_tokens(&toks, doc))
    }
}

impl Model {
    /// What the tagger says of names someone else found in `text` (byte spans): for each, the
    /// kind whose labelling of exactly that span scores best, and by how much it beats the next
    /// best labelling (another kind, or no name at all). `None` when no name scores best, or
    /// the span is not made of whole tokens.
    pub fn kinds(&self, text: &str, doc: &DocStats, spans: &[(usize, usize)]) -> Vec<Option<(EntityKind, i32)>> {
        if self.is_empty() {
            return vec![None; spans.len()];
        }
        let toks = tokens(text);
        let words: Vec<Word> = words_of(&toks);
        let greedy = self.tag_tokens(&toks, doc);
        let mut features = Vec::with_capacity(64);
        spans
            .iter()
            .map(|&(start, end)| {
                let a = toks.iter().position(|t| t.start == start)?;
                // The rules end a name before its possessive; the tagger's token keeps it.
                let b = toks.iter().position(|t| t.end == end || t.start + strip_possessive(t.text).len() == end)? + 1;
                if b <= a {
                    return None;
                }
                // Each labelling of the span: one name of each kind, or none; the tags before it
                // are the greedy ones, as in decoding.
                let path_score = |path: &dyn Fn(usize) -> Tag, features: &mut Vec<u64>| -> i32 {
                    // A name the greedy pass left open before the span ends there.
                    let tag_at = |i: usize| {
                        if i >= a {
                            path(i)
                        } else if greedy[i].open() {
                            Tag::O
                        } else {
                            greedy[i]
                        }
                    };
                    let mut total: i32 = 0;
                    for i in a..b {
                        features.clear();
                        static_features(&words, i, doc, features);
                        let p1 = if i > 0 { tag_at(i - 1) } else { Tag::O };
                        let p2 = if i > 1 { tag_at(i - 2) } else { Tag::O };
                        history_features(&words, i, p1, p2, features);
                        let mut scores = [0i32; TAGS];
                        self.add(features, &mut scores);
                        total = total.saturating_add(scores[usize::from(path(i).0)]);
                    }
                    total
                };
                let mut scored: Vec<(Option<usize>, i32)> = Vec::with_capacity(4);
                scored.push((None, path_score(&|_| Tag::O, &mut features)));
                for kind in 0..KINDS.len() {
                    let path = |i: usize| {
                        let position = match (i == a, i + 1 == b) {
                            (true, true) => 3,
                            (true, false) => 0,
                            (false, true) => 2,
                            (false, false) => 1,
                        };
                        Tag::new(kind, position)
                    };
                    scored.push((Some(kind), path_score(&path, &mut features)));
                }
                scored.sort_by_key(|(_, score)| std::cmp::Reverse(*score));
                let (best, score) = scored[0];
                best.map(|k| (KINDS[k], score - scored[1].1))
            })
            .collect()
    }
}

/// Greedy left-to-right decoding under the BILOU constraints; `score` adds the weights of a
/// feature list to the tag scores.
fn decode(toks: &[Token<'_>], doc: &DocStats, score: impl FnMut(&[u64], &mut [i32; TAGS])) -> Vec<Tag> {
    let words: Vec<Word> = words_of(toks);
    let base = base_of(&words, doc);
    decode_words(&words, &base, doc, score)
}

/// Every token's [`base_features`].
fn base_of(words: &[Word], doc: &DocStats) -> Vec<Vec<u64>> {
    (0..words.len())
        .map(|i| {
            let mut features = Vec::with_capacity(48);
            base_features(words, i, doc, &mut features);
            features
        })
        .collect()
}

/// [`decode`] with the base features computed (the two passes share them).
fn decode_words(
    words: &[Word],
    base: &[Vec<u64>],
    doc: &DocStats,
    mut score: impl FnMut(&[u64], &mut [i32; TAGS]),
) -> Vec<Tag> {
    let mut tags = Vec::with_capacity(words.len());
    let mut features = Vec::with_capacity(64);
    let (mut p1, mut p2) = (Tag::O, Tag::O);
    for (i, base) in base.iter().enumerate() {
        features.clear();
        features.extend_from_slice(base);
        second_features(words, i, doc, &mut features);
        history_features(words, i, p1, p2, &mut features);
        let mut scores = [0i32; TAGS];
        score(&features, &mut scores);
        let last = i + 1 == words.len();
        let best = (0..TAGS as u8)
            .map(Tag)
            .filter(|t| t.allowed(p1, last))
            .max_by_key(|t| (scores[usize::from(t.0)], std::cmp::Reverse(t.0)))
            .unwrap_or(Tag::O);
        tags.push(best);
        (p2, p1) = (p1, best);
    }
    tags
}

/// Tags → spans: B…L and U runs.
pub fn spans_of(toks: &[Token<'_>], tags: &[Tag]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, tag) in tags.iter().enumerate() {
        let Some(kind) = tag.kind() else {
            open = None;
            continue;
        };
        match tag.position() {
            0 => open = Some(i),
            1 => {}
            _ => {
                let start = if tag.position() == 3 { i } else { open.unwrap_or(i) };
                out.push(Span { start: toks[start].start, end: toks[i].end, kind: KINDS[kind] });
                open = None;
            }
        }
    }
    out
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

// ---------------------------------------------------------------------------------------------
// Training (natively, by `corpus train-names`; never in the page)

/// One training sentence: its text, the names in it (byte spans), and the article it is from.
pub struct Example {
    pub text: String,
    pub names: Vec<Span>,
    pub doc: usize,
}

/// A sentence of the training data (tokens with BILOU labels) as text and name spans, so that
/// training reads the same tokens as tagging: the tokens are joined with spaces, except before a
/// possessive or "n't" and around a hyphen inside a word, as the original text had them.
pub fn example(tokens: &[String], labels: &[String], doc: usize) -> Option<Example> {
    if tokens.len() != labels.len() {
        return None;
    }
    let tags: Vec<Tag> = labels.iter().map(|l| Tag::parse(l)).collect::<Option<_>>()?;
    let word_end = |k: usize| tokens[k].ends_with(char::is_alphanumeric);
    let word_start = |k: usize| tokens.get(k).is_some_and(|t| t.starts_with(char::is_alphanumeric));
    // A hyphen between two words was written without spaces ("tenure-track") unless it
    // separates two names, or a name from a word ("Kansas - US", "Luna - Analyst").
    let one_name = |k: usize| {
        let (before, after) = (tags[k - 1], tags[k + 1]);
        before == Tag::O && after == Tag::O
            || before.open() && after.kind() == before.kind() && matches!(after.position(), 1 | 2)
    };
    let mut text = String::new();
    let mut names = Vec::new();
    let mut open: Option<usize> = None;
    let mut dash_glued = false;
    for (k, (token, &tag)) in tokens.iter().zip(&tags).enumerate() {
        let dash = k > 0 && token == "-" && word_end(k - 1) && word_start(k + 1) && one_name(k);
        let glued = k > 0 && (matches!(token.as_str(), "'s" | "'S" | "’s" | "n't" | "'") || dash || dash_glued);
        dash_glued = dash;
        if k > 0 && !glued {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(token);
        match (tag.kind(), tag.position()) {
            (Some(_), 0) => open = Some(start),
            (Some(kind), 3) => {
                names.push(Span { start, end: text.len(), kind: KINDS[kind] });
                open = None;
            }
            (Some(kind), 2) => {
                if let Some(s) = open.take() {
                    names.push(Span { start: s, end: text.len(), kind: KINDS[kind] });
                }
            }
            (Some(_), _) => {}
            (None, _) => open = None,
        }
    }
    Some(Example { text, names, doc })
}

/// The gold tags of an example's tokens: a token is in a name when it starts inside it.
fn gold_tags(toks: &[Token<'_>], names: &[Span]) -> Vec<Tag> {
    let mut tags = vec![Tag::O; toks.len()];
    for name in names {
        let mut inside: Vec<usize> =
            (0..toks.len()).filter(|&i| toks[i].start >= name.start && toks[i].start < name.end).collect();
        // "U.S." is the word "U.S" and a full stop: the stop is not part of the name.
        while inside.len() > 1 && inside.last().is_some_and(|&i| !toks[i].is_word()) {
            inside.pop();
        }
        let Some(kind) = KINDS.iter().position(|k| *k == name.kind) else { continue };
        match inside.as_slice() {
            [] => {}
            [only] => tags[*only] = Tag::new(kind, 3),
            [first, .., last] => {
                for &i in &inside {
                    tags[i] = Tag::new(kind, 1);
                }
                tags[*first] = Tag::new(kind, 0);
                tags[*last] = Tag::new(kind, 2);
            }
        }
    }
    tags
}

/// Averaged-perceptron weights while training: current, running total, and when each was last
/// changed (the lazy averaging trick).
#[derive(Clone)]
struct Trained {
    w: [f64; TAGS],
    total: [f64; TAGS],
    stamp: [u64; TAGS],
}

/// Trains on `examples` for `epochs` passes (a fixed, seeded order per pass, so the same data
/// gives the same weights), ignoring features seen fewer than `min_count` times, and returns
/// the encoded weights file.
pub fn train(examples: &[Example], epochs: usize, min_count: u32) -> Vec<u8> {
    train_with(examples, &doc_stats(examples), epochs, min_count)
}

/// Trains the second pass: the first pass's tags of the training data come from models trained
/// without the example's article (`FOLDS` folds by article), as tagging will see them.
pub fn train_second(examples: &[Example], epochs: usize, min_count: u32) -> Vec<u8> {
    let first = first_pass_tags(examples, epochs, min_count);
    train_with(examples, &history_stats(examples, &first), epochs, min_count)
}

const FOLDS: usize = 5;

/// Each example's first-pass tags, from a model trained on the other folds' articles.
fn first_pass_tags(examples: &[Example], epochs: usize, min_count: u32) -> Vec<Vec<Tag>> {
    let stats = doc_stats(examples);
    let mut tags: Vec<Vec<Tag>> = vec![Vec::new(); examples.len()];
    for fold in 0..FOLDS {
        let rest: Vec<&Example> = examples.iter().filter(|e| e.doc % FOLDS != fold).collect();
        let owned: Vec<Example> =
            rest.iter().map(|e| Example { text: e.text.clone(), names: e.names.clone(), doc: e.doc }).collect();
        let model = Model::decode(&train(&owned, epochs, min_count)).unwrap_or_default();
        for (n, e) in examples.iter().enumerate().filter(|(_, e)| e.doc % FOLDS == fold) {
            tags[n] = model.tag_tokens(&tokens(&e.text), &stats[e.doc]);
        }
    }
    tags
}

/// Document statistics with the first pass's tags.
fn history_stats(examples: &[Example], first: &[Vec<Tag>]) -> Vec<DocStats> {
    let docs = examples.iter().map(|e| e.doc + 1).max().unwrap_or(0);
    let toks: Vec<Vec<Token<'_>>> = examples.iter().map(|e| tokens(&e.text)).collect();
    let mut by_doc: Vec<Vec<usize>> = vec![Vec::new(); docs];
    for (n, e) in examples.iter().enumerate() {
        by_doc[e.doc].push(n);
    }
    doc_stats(examples)
        .into_iter()
        .zip(by_doc)
        .map(|(stats, ns)| stats.with_history(ns.iter().map(|&n| (toks[n].as_slice(), first[n].as_slice()))))
        .collect()
}

/// Both passes over one article's sentences: the names of each, as byte spans.
pub fn tag_article(first: &Model, second: Option<&Model>, sentences: &[&str]) -> Vec<Vec<Span>> {
    if first.is_empty() {
        return vec![Vec::new(); sentences.len()];
    }
    let stats = DocStats::new(sentences.iter().copied());
    let toks: Vec<Vec<Token<'_>>> = sentences.iter().map(|s| tokens(s)).collect();
    let words: Vec<Vec<Word>> = toks.iter().map(|t| words_of(t)).collect();
    let base: Vec<Vec<Vec<u64>>> = words.iter().map(|w| base_of(w, &stats)).collect();
    let tags: Vec<Vec<Tag>> =
        words.iter().zip(&base).map(|(w, b)| decode_words(w, b, &stats, |f, s| first.add(f, s))).collect();
    let Some(second) = second.filter(|m| !m.is_empty()) else {
        return toks.iter().zip(&tags).map(|(t, g)| spans_of(t, g)).collect();
    };
    let stats = stats.with_history(toks.iter().map(Vec::as_slice).zip(tags.iter().map(Vec::as_slice)));
    toks.iter()
        .zip(words.iter().zip(&base))
        .map(|(t, (w, b))| spans_of(t, &decode_words(w, b, &stats, |f, s| second.add(f, s))))
        .collect()
}

fn train_with(examples: &[Example], stats: &[DocStats], epochs: usize, min_count: u32) -> Vec<u8> {
    let prepared: Vec<(Vec<Token<'_>>, Vec<Tag>)> = examples
        .iter()
        .map(|e| {
            let toks = tokens(&e.text);
            let gold = gold_tags(&toks, &e.names);
            (toks, gold)
        })
        .collect();
    // Feature counts over the gold history, to leave out the rare ones.
    let mut counts: Ids<u32> = Ids::default();
    let mut features = Vec::new();
    for (e, (toks, gold)) in examples.iter().zip(&prepared) {
        let words: Vec<Word> = words_of(toks);
        for i in 0..toks.len() {
            features.clear();
            static_features(&words, i, &stats[e.doc], &mut features);
            let p1 = if i > 0 { gold[i - 1] } else { Tag::O };
            let p2 = if i > 1 { gold[i - 2] } else { Tag::O };
            history_features(&words, i, p1, p2, &mut features);
            for f in &features {
                *counts.entry(*f).or_default() += 1;
            }
        }
    }
    let mut model: Ids<Trained> = Ids::default();
    let mut clock: u64 = 0;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..epochs {
        // Fisher–Yates with a fixed linear congruential generator: reproducible, no crate.
        for i in (1..order.len()).rev() {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        for &n in &order {
            let (toks, gold) = &prepared[n];
            let doc = &stats[examples[n].doc];
            let words: Vec<Word> = words_of(toks);
            let (mut p1, mut p2) = (Tag::O, Tag::O);
            for (i, &truth) in gold.iter().enumerate() {
                clock += 1;
                features.clear();
                static_features(&words, i, doc, &mut features);
                history_features(&words, i, p1, p2, &mut features);
                features.retain(|f| counts.get(f).is_some_and(|c| *c >= min_count));
                let mut scores = [0f64; TAGS];
                for f in &features {
                    if let Some(t) = model.get(f) {
                        for (s, w) in scores.iter_mut().zip(t.w) {
                            *s += w;
                        }
                    }
                }
                let last = i + 1 == toks.len();
                let guess = (0..TAGS as u8)
                    .map(Tag)
                    .filter(|t| t.allowed(p1, last))
                    .max_by(|a, b| scores[usize::from(a.0)].total_cmp(&scores[usize::from(b.0)]).then(b.0.cmp(&a.0)))
                    .unwrap_or(Tag::O);
                if guess != truth {
                    for f in &features {
                        let t =
                            model.entry(*f).or_insert(Trained { w: [0.0; TAGS], total: [0.0; TAGS], stamp: [0; TAGS] });
                        for (tag, delta) in [(truth, 1.0), (guess, -1.0)] {
                            let k = usize::from(tag.0);
                            t.total[k] += (clock - t.stamp[k]) as f64 * t.w[k];
                            t.stamp[k] = clock;
                            t.w[k] += delta;
                        }
                    }
                }
                // The history is what was predicted, as when tagging.
                (p2, p1) = (p1, guess);
            }
        }
    }
    encode(&model, clock)
}

fn doc_stats(examples: &[Example]) -> Vec<DocStats> {
    let docs = examples.iter().map(|e| e.doc + 1).max().unwrap_or(0);
    let mut texts: Vec<Vec<&str>> = vec![Vec::new(); docs];
    for e in examples {
        texts[e.doc].push(&e.text);
    }
    texts.into_iter().map(DocStats::new).collect()
}

/// Averages, scales to i16 and writes the weights file, leaving out weights that round to 0.
fn encode(model: &Ids<Trained>, clock: u64) -> Vec<u8> {
    let averaged: Vec<(u64, [f64; TAGS])> = {
        let mut v: Vec<(u64, [f64; TAGS])> = model
            .iter()
            .map(|(f, t)| {
                let avg: [f64; TAGS] =
                    std::array::from_fn(|k| (t.total[k] + (clock - t.stamp[k]) as f64 * t.w[k]) / clock.max(1) as f64);
                (*f, avg)
            })
            .collect();
        v.sort_by_key(|(f, _)| *f);
        v
    };
    let max = averaged.iter().flat_map(|(_, a)| a.iter()).fold(0f64, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { f64::from(i16::MAX) / max } else { 0.0 };
    let mut entries = Vec::new();
    for (f, avg) in &averaged {
        let pairs: Vec<(u8, i16)> = avg
            .iter()
            .enumerate()
            .map(|(k, w)| (k as u8, (w * scale).round() as i16))
            .filter(|(_, w)| *w != 0)
            .collect();
        if !pairs.is_empty() {
            entries.push((*f, pairs));
        }
    }
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for (f, pairs) in entries {
        out.extend_from_slice(&f.to_le_bytes());
        out.push(pairs.len() as u8);
        for (tag, w) in pairs {
            out.push(tag);
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    out
}

/// Span-level precision, recall and F1 (name + kind) of `model` on `examples`, as percentages.
pub fn evaluate(model: &Model, examples: &[Example]) -> (f64, f64, f64) {
    evaluate_with(model, examples, &doc_stats(examples))
}

/// [`evaluate`] for the second pass after `first`.
pub fn evaluate_second(first: &Model, second: &Model, examples: &[Example]) -> (f64, f64, f64) {
    let stats = doc_stats(examples);
    let tags: Vec<Vec<Tag>> = examples.iter().map(|e| first.tag_tokens(&tokens(&e.text), &stats[e.doc])).collect();
    evaluate_with(second, examples, &history_stats(examples, &tags))
}

fn evaluate_with(model: &Model, examples: &[Example], stats: &[DocStats]) -> (f64, f64, f64) {
    let (mut right, mut predicted, mut gold) = (0usize, 0usize, 0usize);
    for e in examples {
        let toks = tokens(&e.text);
        let truth = spans_of(&toks, &gold_tags(&toks, &e.names));
        let found = spans_of(&toks, &model.tag_tokens(&toks, &stats[e.doc]));
        predicted += found.len();
        gold += truth.len();
        right += found.iter().filter(|s| truth.contains(s)).count();
    }
    let p = 100.0 * right as f64 / predicted.max(1) as f64;
    let r = 100.0 * right as f64 / gold.max(1) as f64;
    (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(words: &str) -> Vec<String> {
        words.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn bilou_constraints_keep_names_whole() {
        let b_per = Tag::parse("B-PER").unwrap();
        let i_per = Tag::parse("I-PER").unwrap();
        let l_per = Tag::parse("L-PER").unwrap();
        let l_org = Tag::parse("L-ORG").unwrap();
        let u_loc = Tag::parse("U-LOC").unwrap();
        assert!(i_per.allowed(b_per, false) && l_per.allowed(b_per, true));
        assert!(!l_org.allowed(b_per, false), "a name never changes kind inside");
        assert!(!Tag::O.allowed(b_per, false), "an open name must close");
        assert!(!i_per.allowed(b_per, true), "the last token closes an open name");
        assert!(!b_per.allowed(Tag::O, true), "the last token opens no name");
        assert!(u_loc.allowed(l_per, false) && !l_per.allowed(Tag::O, false));
        assert_eq!(Tag::parse("X-PER"), None);
        assert_eq!((u_loc.kind(), Tag::O.kind()), (Some(2), None));
    }

    #[test]
    fn training_text_is_rebuilt_as_written_with_names_as_spans() {
        let e = example(
            &strings("Zentaro 's chief , Ana Costa , visited tenure - track Porto Alegre ."),
            &strings("U-ORG O O O B-PER L-PER O O O O O B-LOC L-LOC O"),
            0,
        )
        .unwrap();
        assert_eq!(e.text, "Zentaro's chief , Ana Costa , visited tenure-track Porto Alegre .");
        // A spaced dash between two names, or after one, stays spaced: the names stay apart.
        let dash = example(&strings("Kansas - US , Luna - Analyst"), &strings("U-LOC O U-LOC O U-PER O O"), 0).unwrap();
        assert_eq!(dash.text, "Kansas - US , Luna - Analyst");
        assert_eq!(dash.names.len(), 3);
        assert!(example(&strings("a b"), &strings("O"), 0).is_none(), "tokens and tags differ in number");
        assert!(example(&strings("a"), &strings("X-PER"), 0).is_none(), "not a BILOU tag");
        let names: Vec<(&str, EntityKind)> = e.names.iter().map(|s| (&e.text[s.start..s.end], s.kind)).collect();
        assert_eq!(
            names,
            [
                ("Zentaro", EntityKind::Organisation),
                ("Ana Costa", EntityKind::Person),
                ("Porto Alegre", EntityKind::Place)
            ]
        );
        let toks = tokens(&e.text);
        let gold = gold_tags(&toks, &e.names);
        assert_eq!(spans_of(&toks, &gold).len(), 3);
        assert_eq!(gold[0], Tag::parse("U-ORG").unwrap(), "the possessive stays on the name's token");
    }

    #[test]
    fn damaged_weights_give_no_model_and_no_names() {
        let shipped = WEIGHTS;
        for cut in [0, 3, 4, 7, 9, shipped.len().saturating_sub(1)] {
            assert!(Model::decode(&shipped[..cut.min(shipped.len())]).is_none(), "cut at {cut}");
        }
        let mut bad_tag = b"CXW1\x01\0\0\0".to_vec();
        bad_tag.extend_from_slice(&7u64.to_le_bytes());
        bad_tag.extend_from_slice(&[1, 200, 1, 0]);
        assert!(Model::decode(&bad_tag).is_none(), "a tag out of range is damage");
        let mut too_many = b"CXW1\x01\0\0\0".to_vec();
        too_many.extend_from_slice(&7u64.to_le_bytes());
        too_many.push(200);
        too_many.extend(std::iter::repeat_n([1u8, 0xff, 0x7f], 200).flatten());
        assert!(Model::decode(&too_many).is_none(), "more weights than tags is damage");
        let empty = Model::default();
        assert!(empty.spans("Ana Costa flew to Lisbon.", &DocStats::default()).is_empty());
    }

    #[test]
    fn words_know_their_lists_gazetteer_and_classes_once() {
        let text = "Dr Ana Costa of the Vellmar Coalition flew to New York .";
        let toks = tokens(text);
        let words = words_of(&toks);
        let at = |w: &str| words.iter().zip(&toks).find(|(_, t)| t.text == w).map(|(word, _)| word).unwrap();
        assert!(words[0].first && !at("Ana").first);
        assert_eq!(at("Dr").lists & 4, 4, "a title");
        assert_eq!(at("Coalition").lists & 1, 1, "an organisation's head");
        assert_eq!(at("of").lists, 0);
        assert!(at("New").place_phrase[0], "\"New York\" is a known place");
        assert!(!at("York").place_phrase[0]);
        assert_ne!(at("the").cluster, (u16::MAX, u16::MAX), "a common word has word classes");
        assert_eq!(at("Vellmar").cluster, (u16::MAX, u16::MAX), "an invented word has none");
        assert!(clusters().len() > 10_000, "data/tagger/clusters.tsv parses");
    }

    #[test]
    fn the_second_pass_reads_how_the_first_tagged_each_word_in_the_article() {
        let sentences = ["Ana Costa met Brio staff .", "Costa left Brio ."];
        let toks: Vec<Vec<Token<'_>>> = sentences.iter().map(|s| tokens(s)).collect();
        let per = |p| Tag::new(0, p);
        let org = Tag::new(1, 3);
        let first = [vec![per(0), per(2), Tag::O, org, Tag::O, Tag::O], vec![Tag::O, Tag::O, org, Tag::O]];
        let stats =
            DocStats::new(sentences).with_history(toks.iter().map(Vec::as_slice).zip(first.iter().map(Vec::as_slice)));
        // "Costa": once the last word of a person's name, once nothing.
        assert_eq!(stats.history["costa"], [1, 1, 0, 0, 1, 0, 0]);
        assert_eq!(stats.history["brio"], [0, 0, 2, 0, 0, 0, 0]);
        assert_eq!(majority(&stats.history["costa"][..4]), Some((0, 0)), "a tie goes to the first");
        assert_eq!(majority(&stats.history["brio"][..4]), Some((2, 2)), "all of them");
        assert_eq!(majority(&[0, 0, 0]), None);
        // The second pass's features only where there is a first pass.
        let words = words_of(&toks[1]);
        let (mut with, mut without) = (Vec::new(), Vec::new());
        static_features(&words, 0, &stats, &mut with);
        static_features(&words, 0, &DocStats::new(sentences), &mut without);
        assert_eq!(with.len(), without.len() + 3, "label, kind and last-word kind of \"Costa\"");
        assert_eq!(with[..without.len()], without[..]);
    }

    #[test]
    fn training_learns_cues_and_is_reproducible() {
        let lines = [
            ("Mr Brand said Kelo would sell Tarn shares .", "O U-PER O U-ORG O O U-ORG O O"),
            ("Mr Olsen met Vask executives in Dura .", "O U-PER O U-ORG O O U-LOC O"),
            ("Shares of Pell fell in Morra , said Mr Ito .", "O O U-ORG O O U-LOC O O O U-PER O"),
            ("Mr Kade flew to Sora after Rusk shares rose .", "O U-PER O O U-LOC O U-ORG O O O"),
        ];
        let examples: Vec<Example> =
            lines.iter().enumerate().filter_map(|(n, (t, l))| example(&strings(t), &strings(l), n)).collect();
        assert_eq!(examples.len(), lines.len());
        let bytes = train(&examples, 6, 1);
        assert_eq!(bytes, train(&examples, 6, 1), "same data, same weights");
        let second = train_second(&examples, 6, 1);
        assert_eq!(second, train_second(&examples, 6, 1), "the second pass too");
        assert!(Model::decode(&second).is_some_and(|m| !m.is_empty()));
        let model = Model::decode(&bytes).expect("its own output decodes");
        // Names it never saw, known only by the words around them.
        let text = "Mr Lund met Brio executives in Tiva .";
        let found = model.spans(text, &DocStats::default());
        let names: Vec<(&str, EntityKind)> = found.iter().map(|s| (&text[s.start..s.end], s.kind)).collect();
        assert_eq!(
            names,
            [("Lund", EntityKind::Person), ("Brio", EntityKind::Organisation), ("Tiva", EntityKind::Place)]
        );
        // Both passes over an article: without a second model, the first pass's names.
        let article = [text, "Lund said Brio would stay ."];
        let spans = tag_article(&model, None, &article);
        assert_eq!(spans[0], found);
        let empty = Model::default();
        assert_eq!(tag_article(&empty, Some(&model), &article), vec![Vec::new(); 2], "no first pass, no names");
    }

    #[test]
    fn the_shipped_model_tags_news_it_never_saw() {
        let model = get();
        assert!(!model.is_empty(), "data/tagger/names.bin is the trained model");
        let text = "Anthony Albanese met executives of Qantas in Sydney on Monday, his office said.";
        let found = model.spans(text, &DocStats::new([text]));
        let names: Vec<(&str, EntityKind)> = found.iter().map(|s| (&text[s.start..s.end], s.kind)).collect();
        assert!(names.contains(&("Anthony Albanese", EntityKind::Person)), "{names:?}");
        assert!(names.contains(&("Sydney", EntityKind::Place)), "{names:?}");
        assert!(!names.iter().any(|(n, _)| *n == "Monday"), "{names:?}");
        // Kinds for names the rules found: the tagger's best labelling of exactly that span.
        let albanese = text.find("Anthony").unwrap();
        let kinds = model.kinds(text, &DocStats::new([text]), &[(albanese, albanese + 16), (3, 10)]);
        assert_eq!(kinds[0].map(|(k, _)| k), Some(EntityKind::Person));
        assert_eq!(kinds[1], None, "a span that is not whole tokens gets no kind");
        // The rules end a name before its possessive; the tagger still finds the span.
        let owned = "Anthony Albanese's office said he would visit Sydney.";
        let kinds = model.kinds(owned, &DocStats::new([owned]), &[(0, 16)]);
        assert_eq!(kinds[0].map(|(k, _)| k), Some(EntityKind::Person));
    }
}
