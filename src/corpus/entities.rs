//! Entities: names of people, organisations/brands and places, with their spellings merged.
//!
//! Two passes over non-boilerplate sentences:
//! 1. **Discover** candidate names: capitalised runs (with connectors such as "&", "of", "and"),
//!    acronyms, gazetteer places and demonyms, and "long form (SF)" definitions (Schwartz–Hearst,
//!    with a fallback for translations whose initials don't line up). Candidates are grouped into
//!    clusters by merge rules: same folded key, acronym definitions, "A (B)" variants, nicknames,
//!    initials, a short form that is a unique part of a longer name, corporate suffixes, demonyms,
//!    and the owner's `entities.toml`.
//! 2. **Tag** every occurrence of every known spelling (longest first, multi-word spellings
//!    case-insensitively, so "international fair deal alliance" links to the same entity as
//!    "International Fair Deal Alliance"), which yields the mentions and alias counts.
//!
//! Nothing corpus-specific is in this file: only general English cues and a small gazetteer.

use std::collections::BTreeMap;

use super::overrides::Overrides;
use super::text::{self, Token};
use super::types::{Alias, Document, Entity, EntityKind, Mention};

/// Entry point: fills `Sentence::mentions` and returns the entities, most widespread first.
pub fn extract(documents: &mut [Document], overrides: &Overrides, warnings: &mut Vec<String>) -> Vec<Entity> {
    let mut table = Table::default();
    discover(documents, &mut table);
    table.apply_overrides(overrides, warnings);
    table.merge_clusters();
    tag(documents, &table)
}

// ---------------------------------------------------------------------------------------------
// Tokens

/// The words of a sentence as the name rules see them: "-", "'" and "." stay inside a word
/// ("Fair-Trade", "Zentaro's", "U.S"), and "&" is a token of its own, since it joins names
/// ("Dunn & Bradley"). Other punctuation only separates.
fn tokens(sentence: &str) -> Vec<Token<'_>> {
    text::tokens(sentence, &['-', '\'', '.']).filter(|t| t.is_word() || t.text == "&").collect()
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word.len() <= 8
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '&')
}

/// The key spellings are grouped by: lower-case letters and digits only, so "Fair-Trading" and
/// "fairtrading" agree, after a trailing possessive is dropped. Not [`text::fold`], the search
/// form: that also folds accents, which would make one name of "José" and "Jose" (kept apart here)
/// and change which spellings are tagged.
fn name_key(text: &str) -> String {
    let text = strip_possessive(text);
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn strip_possessive(text: &str) -> &str {
    for suffix in ["'s", "'S", "’s", "'"] {
        if let Some(stem) = text.strip_suffix(suffix) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    text
}

// ---------------------------------------------------------------------------------------------
// Word lists. Small on purpose (wasm size); general English, no corpus facts.

const STOPWORDS: &[&str] = &[
    "a", "about", "according", "after", "again", "against", "all", "also", "although", "an", "and", "another", "any",
    "are", "as", "at", "back", "be", "because", "been", "before", "being", "both", "but", "by", "can", "could",
    "despite", "did", "do", "does", "during", "each", "earlier", "either", "even", "every", "for", "from", "further",
    "had", "has", "have", "he", "her", "here", "his", "how", "however", "i", "if", "in", "including", "into", "is",
    "it", "its", "just", "last", "later", "least", "like", "many", "may", "meanwhile", "more", "moreover", "most",
    "much", "my", "next", "no", "not", "now", "of", "on", "once", "one", "only", "or", "other", "our", "over",
    "previously", "recently", "same", "says", "she", "should", "since", "so", "some", "still", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "though", "through", "thus", "to",
    "today", "together", "under", "unfortunately", "until", "up", "upon", "we", "were", "what", "when", "where",
    "whether", "which", "while", "who", "whose", "why", "will", "with", "within", "without", "would", "yesterday",
    "yet", "you", "your", "among", "first", "second", "third", "finally", "currently", "instead", "obviously",
    "indeed", "perhaps", "therefore", "besides", "related", "read", "reading", "click", "share", "comment", "comments",
    "reply", "leave", "name", "email", "website", "post", "home", "news", "source", "note", "photo", "image", "video",
    "mr", "mrs", "ms", "dr", "so-called", "its", "it's", "let", "let's", "why",
];

const MONTHS_AND_DAYS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "spring", "summer", "autumn", "fall", "winter",
];

/// Words allowed inside a name between capitalised words.
/// ("and" is not one: "Vanto and Marlowe" are two names far more often than one.)
const CONNECTORS: &[&str] = &["&", "of", "de", "du", "la", "van", "von", "der", "for", "the"];

const PERSON_CUES: &[&str] = &[
    "chairman", "chairwoman", "president", "ceo", "founder", "co-founder", "adviser", "advisor", "spokesman",
    "spokeswoman", "spokesperson", "director", "counsel", "lawyer", "attorney", "executive", "minister", "secretary",
    "mr", "mrs", "ms", "dr", "professor", "analyst", "manager", "chief", "head", "officer", "vice", "deputy",
    "senator", "governor", "mayor", "judge", "reporter", "editor", "partner",
];

const ORG_SUFFIXES: &[&str] = &[
    "group", "inc", "co", "corp", "corporation", "company", "ltd", "limited", "llc", "plc", "holdings", "court",
    "coalition", "alliance", "association", "union", "university", "bureau", "ministry", "council", "commission",
    "office", "agency", "bank", "institute", "foundation", "federation", "committee", "department", "party",
    "organization", "organisation", "network", "magazine", "times", "journal", "post", "press", "club", "society",
    "league", "board", "fund", "exchange", "platform", "mall", "store", "stores", "labs", "studio", "studios",
];

const BRAND_CUES: &[&str] = &["brand", "brands", "retailer", "company", "companies", "firm", "maker", "giant", "label"];

/// A word right after a name that says it is an organisation ("Lexon magazine").
const ORG_AFTER_CUES: &[&str] = &["magazine", "newspaper", "website", "platform", "group"];

/// Corporate suffixes whose removal leaves the same organisation ("Zentaro Group" ~ "Zentaro").
const CORPORATE_SUFFIXES: &[&str] =
    &["group", "inc", "co", "corp", "corporation", "company", "ltd", "limited", "holdings", "plc", "llc"];

/// Countries (and a few regions) with their demonyms; major cities. Enough to type common places.
const COUNTRIES: &[(&str, &[&str])] = &[
    ("China", &["Chinese"]),
    ("United States", &["American", "Americans", "US", "U.S", "USA", "America"]),
    ("United Kingdom", &["British", "Briton", "UK", "U.K", "Britain"]),
    ("Italy", &["Italian", "Italians"]),
    ("France", &["French"]),
    ("Germany", &["German", "Germans"]),
    ("Japan", &["Japanese"]),
    ("Spain", &["Spanish"]),
    ("India", &["Indian", "Indians"]),
    ("Russia", &["Russian", "Russians"]),
    ("Canada", &["Canadian", "Canadians"]),
    ("Australia", &["Australian", "Australians"]),
    ("Brazil", &["Brazilian"]),
    ("Mexico", &["Mexican"]),
    ("South Korea", &["Korean", "Korea"]),
    ("Switzerland", &["Swiss"]),
    ("Netherlands", &["Dutch"]),
    ("Sweden", &["Swedish"]),
    ("Portugal", &["Portuguese"]),
    ("Turkey", &["Turkish"]),
    ("Israel", &["Israeli"]),
    ("Iran", &["Iranian"]),
    ("Egypt", &["Egyptian"]),
    ("Taiwan", &["Taiwanese"]),
    ("Singapore", &["Singaporean"]),
    ("Vietnam", &["Vietnamese"]),
    ("Thailand", &["Thai"]),
    ("Indonesia", &["Indonesian"]),
    ("Ukraine", &["Ukrainian"]),
    ("Poland", &["Polish"]),
    ("Greece", &["Greek"]),
    ("Ireland", &["Irish"]),
    ("Europe", &["European"]),
    ("Africa", &["African"]),
    ("Asia", &["Asian"]),
];

const CITIES: &[&str] = &[
    "Beijing", "Shanghai", "Hangzhou", "Shenzhen", "Guangzhou", "Hong Kong", "New York", "Washington", "London",
    "Paris", "Milan", "Rome", "Berlin", "Tokyo", "Seoul", "Moscow", "Madrid", "Lisbon", "Brussels", "Geneva", "Zurich",
    "Amsterdam", "Los Angeles", "San Francisco", "Chicago", "Boston", "Toronto", "Sydney", "Singapore", "Mumbai",
    "Delhi", "Dubai", "Istanbul", "Vienna", "Stockholm",
];

/// First-name nicknames → formal names (both directions are folded to the formal one).
const NICKNAMES: &[(&str, &str)] = &[
    ("mike", "michael"),
    ("mick", "michael"),
    ("bob", "robert"),
    ("rob", "robert"),
    ("bill", "william"),
    ("will", "william"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("tom", "thomas"),
    ("dick", "richard"),
    ("rick", "richard"),
    ("joe", "joseph"),
    ("dave", "david"),
    ("steve", "steven"),
    ("chris", "christopher"),
    ("alex", "alexander"),
    ("kate", "katherine"),
    ("liz", "elizabeth"),
    ("beth", "elizabeth"),
    ("tony", "anthony"),
    ("andy", "andrew"),
    ("dan", "daniel"),
    ("ben", "benjamin"),
    ("sam", "samuel"),
    ("nick", "nicholas"),
    ("matt", "matthew"),
    ("pat", "patrick"),
    ("ed", "edward"),
    ("ted", "edward"),
    ("jon", "jonathan"),
    ("larry", "lawrence"),
    ("jerry", "gerald"),
    ("peggy", "margaret"),
    ("maggie", "margaret"),
    ("sue", "susan"),
];

fn in_list(list: &[&str], word: &str) -> bool {
    let lower = word.to_lowercase();
    list.contains(&lower.as_str())
}

fn is_first_name(word: &str) -> bool {
    let lower = word.to_lowercase();
    NICKNAMES.iter().any(|(nick, formal)| *nick == lower || *formal == lower)
}

fn formal_first_name(word: &str) -> String {
    let lower = word.to_lowercase();
    NICKNAMES.iter().find(|(nick, _)| *nick == lower).map(|(_, f)| f.to_string()).unwrap_or(lower)
}

fn country_of(word: &str) -> Option<&'static str> {
    let w = word.trim_end_matches('.');
    COUNTRIES
        .iter()
        .find(|(country, demonyms)| country.eq_ignore_ascii_case(w) || demonyms.contains(&w))
        .map(|(country, _)| *country)
}

// ---------------------------------------------------------------------------------------------
// Pass 1: discovery

/// Spelling → cluster bookkeeping. Clusters are indices into `clusters`; `find` follows merges.
#[derive(Default)]
struct Table {
    /// folded spelling → cluster
    by_key: BTreeMap<String, usize>,
    clusters: Vec<Cluster>,
    /// union-find parent links
    parent: Vec<usize>,
    /// Words seen capitalised somewhere other than at a sentence start.
    mid_sentence_caps: BTreeMap<String, u32>,
    /// Words seen in lower case: a word written both ways is a common word, not a name.
    lowercase: BTreeMap<String, u32>,
}

#[derive(Default, Clone)]
struct Cluster {
    /// Surface spellings (as written) that belong here.
    spellings: Vec<String>,
    kind_votes: [u32; 4],
    /// Set by `entities.toml`.
    forced_name: Option<String>,
    forced_kind: Option<EntityKind>,
    hidden: bool,
    /// Found only as a sentence-initial single word; kept only if confirmed elsewhere.
    weak: bool,
}

impl Table {
    fn find(&mut self, mut c: usize) -> usize {
        while self.parent[c] != c {
            self.parent[c] = self.parent[self.parent[c]];
            c = self.parent[c];
        }
        c
    }

    /// `find` without path compression, for read-only passes.
    fn root(&self, mut c: usize) -> usize {
        while self.parent[c] != c {
            c = self.parent[c];
        }
        c
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            // Keep the lower index as root: deterministic.
            let (root, child) = if a < b { (a, b) } else { (b, a) };
            self.parent[child] = root;
        }
    }

    /// The cluster of a spelling, created if new.
    fn add(&mut self, spelling: &str, kind: Option<EntityKind>, weak: bool) -> usize {
        let key = name_key(spelling);
        let id = match self.by_key.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.clusters.len();
                self.clusters.push(Cluster { weak: true, ..Default::default() });
                self.parent.push(id);
                self.by_key.insert(key, id);
                id
            }
        };
        let c = &mut self.clusters[id];
        let clean = strip_possessive(spelling).to_string();
        if !c.spellings.contains(&clean) {
            c.spellings.push(clean);
        }
        c.weak &= weak;
        if let Some(kind) = kind {
            c.kind_votes[kind as usize] += 1;
        }
        id
    }
}

fn discover(documents: &[Document], table: &mut Table) {
    // Which capitalised words occur mid-sentence: confirms sentence-initial single words.
    for sentence in documents.iter().flat_map(|d| d.sentences.iter()).filter(|s| !s.boilerplate) {
        for (k, t) in tokens(&sentence.text).iter().enumerate() {
            if is_capitalised(t.text) {
                if k > 0 {
                    *table.mid_sentence_caps.entry(name_key(t.text)).or_default() += 1;
                }
            } else if t.text.chars().next().is_some_and(char::is_lowercase) {
                *table.lowercase.entry(name_key(t.text)).or_default() += 1;
            }
        }
    }
    for sentence in documents.iter().flat_map(|d| d.sentences.iter()).filter(|s| !s.boilerplate) {
        let toks = tokens(&sentence.text);
        if headline_like(&toks) {
            continue;
        }
        let runs: Vec<(usize, usize)> =
            capitalised_runs(&toks, &sentence.text, table).into_iter().flat_map(|r| refine(&toks, r, table)).collect();
        let mut previous: Option<(usize, (usize, usize))> = None;
        for run in runs {
            let text = &sentence.text[toks[run.0].start..toks[run.1 - 1].end];
            let kind = kind_from_context(&toks, run, text);
            let weak = run.0 == 0 && run.1 - run.0 == 1 && !is_acronym(toks[0].text);
            let id = table.add(text, kind, weak);
            // "A (B)": a spelling variant in parentheses right after a name.
            if let Some((prev_id, prev)) = previous {
                let between = &sentence.text[toks[prev.1 - 1].end..toks[run.0].start];
                let closes = sentence.text[toks[run.1 - 1].end..].trim_start().starts_with(')');
                if between.trim() == "(" && closes && !is_acronym(text) {
                    table.union(prev_id, id);
                }
            }
            previous = Some((id, run));
        }
        for (long, short) in definitions(&sentence.text, &toks) {
            let a = table.add(&long, None, false);
            let b = table.add(&short, Some(EntityKind::Organisation), false);
            table.union(a, b);
        }
    }
}

/// Title-case lines ("Zentaro Is Not Afraid Of Big Guns") would make every word a name.
fn headline_like(toks: &[Token<'_>]) -> bool {
    let words: Vec<&Token<'_>> = toks.iter().filter(|t| t.text.chars().any(char::is_alphabetic)).collect();
    let caps = words.iter().filter(|t| is_capitalised(t.text)).count();
    words.len() >= 4 && caps * 10 >= words.len() * 8
}

/// Runs of capitalised tokens (half-open token ranges), with connectors inside, false starts
/// (sentence-initial function words, months, days) dropped.
fn capitalised_runs(toks: &[Token<'_>], text: &str, table: &Table) -> Vec<(usize, usize)> {
    // Names never span punctuation: "Coalition (IFTC" is two names.
    let adjacent = |a: usize, b: usize| text[toks[a].end..toks[b].start].chars().all(char::is_whitespace);
    let mut runs = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !name_word(toks[i].text) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if end < toks.len() && adjacent(end - 1, end) && name_word(toks[end].text) {
                end += 1;
            } else if end + 1 < toks.len()
                && adjacent(end - 1, end)
                && adjacent(end, end + 1)
                && (toks[end].text == "&" || in_list(CONNECTORS, toks[end].text) && !is_capitalised(toks[end].text))
                && name_word(toks[end + 1].text)
            {
                end += 2;
            } else {
                break;
            }
        }
        // A possessive ends a name: "Lexon' website", "Zentaro's".
        let mut cut = end;
        for (k, t) in toks.iter().enumerate().take(end).skip(start) {
            if t.text.ends_with("'s") || t.text.ends_with("'S") {
                cut = k + 1;
                break;
            }
        }
        // A lone capitalised word at a sentence start is usually just a capitalised common word:
        // keep it only if it is also capitalised mid-sentence elsewhere, a place or a first name.
        let lone_start = start == 0 && cut == 1 && !is_acronym(toks[0].text);
        if !lone_start || confirmed(toks[0].text, table) {
            runs.push((start, cut));
        }
        i = cut.max(start + 1);
    }
    runs
}

/// Cleans a run: an acronym next to other words is a name of its own ("Zentaro IFTC"); leading
/// titles ("President", "Vice President of"), common words ("Members of") and a leading country
/// or demonym ("Chinese Zentaro") are not part of the name; connectors never end one.
fn refine(toks: &[Token<'_>], (start, end): (usize, usize), table: &Table) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut piece_start = start;
    for (k, tok) in toks.iter().enumerate().take(end).skip(start) {
        let acronym = is_acronym(strip_possessive(tok.text));
        if acronym && end - start > 1 {
            pieces.push((piece_start, k));
            pieces.push((k, k + 1));
            piece_start = k + 1;
        }
    }
    pieces.push((piece_start, end));
    let lowered = |w: &str| {
        let key = name_key(w);
        table.lowercase.get(&key).copied().unwrap_or(0)
            >= table.mid_sentence_caps.get(&key).copied().unwrap_or(0).max(1)
    };
    let mut out = Vec::new();
    for (mut a, mut b) in pieces {
        let skip = |w: &str| {
            in_list(CONNECTORS, w) || in_list(PERSON_CUES, w) || w == "&" || country_of(w).is_some() || lowered(w)
        };
        while a < b && b - a > 1 && skip(toks[a].text) {
            a += 1;
        }
        // A two-word country in front of a longer name ("United States Harbor Court").
        if b - a > 2 && country_of(&format!("{} {}", toks[a].text, toks[a + 1].text)).is_some() {
            a += 2;
        }
        while a < b && (in_list(CONNECTORS, toks[b - 1].text) || toks[b - 1].text == "&") {
            b -= 1;
        }
        if a >= b {
            continue;
        }
        // A single common word ("Luxury", "Brand") is not a name.
        if b - a == 1 && !is_acronym(toks[a].text) && lowered(toks[a].text) && country_of(toks[a].text).is_none() {
            continue;
        }
        out.push((a, b));
    }
    out
}

fn confirmed(word: &str, table: &Table) -> bool {
    let stem = strip_possessive(word);
    table.mid_sentence_caps.contains_key(&name_key(stem)) || country_of(stem).is_some() || is_first_name(stem)
}

/// A word that can be part of a name: capitalised, not a function word, month or day.
fn name_word(word: &str) -> bool {
    if !is_capitalised(word) || word.chars().count() < 2 && !is_acronym(word) {
        return false;
    }
    let stem = strip_possessive(word);
    !(in_list(MONTHS_AND_DAYS, stem) || in_list(STOPWORDS, stem) && !is_acronym(stem))
}

/// Cues around a run: a title nearby → person; a corporate suffix, an acronym or a brand cue →
/// organisation; the gazetteer → place.
fn kind_from_context(toks: &[Token<'_>], (start, end): (usize, usize), text: &str) -> Option<EntityKind> {
    let words: Vec<&str> = toks[start..end].iter().map(|t| strip_possessive(t.text)).collect();
    let last = words.last().copied().unwrap_or("");
    if words.len() == 1 && country_of(last).is_some() || CITIES.iter().any(|c| c.eq_ignore_ascii_case(text)) {
        return Some(EntityKind::Place);
    }
    if in_list(ORG_SUFFIXES, last) || words.len() == 1 && is_acronym(last) || words.contains(&"&") {
        return Some(EntityKind::Organisation);
    }
    let before: Vec<String> = toks[start.saturating_sub(3)..start].iter().map(|t| t.text.to_lowercase()).collect();
    let after: Vec<String> = toks[end..(end + 4).min(toks.len())].iter().map(|t| t.text.to_lowercase()).collect();
    let near = |list: &[&str], words: &[String]| words.iter().any(|w| list.contains(&w.as_str()));
    if near(BRAND_CUES, &before) || near(BRAND_CUES, &after) || near(ORG_AFTER_CUES, &after[..after.len().min(1)]) {
        return Some(EntityKind::Organisation);
    }
    if near(PERSON_CUES, &before) || near(PERSON_CUES, &after) || (words.len() >= 2 && is_first_name(words[0])) {
        return Some(EntityKind::Person);
    }
    // "in Rotterdam", "from Lisbon": a weak place cue for otherwise untyped names.
    if before.last().is_some_and(|w| ["in", "from", "near", "across", "outside"].contains(&w.as_str())) {
        return Some(EntityKind::Place);
    }
    None
}

/// "Long Form (SF)" definitions. Schwartz–Hearst first; when a translation garbles the initials,
/// fall back to the |SF| words before the parenthesis if the first starts with SF's first letter.
fn definitions(text: &str, toks: &[Token<'_>]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        let open = text[..t.start].trim_end();
        let closes = text[t.end..].trim_start().starts_with(')');
        if !open.ends_with('(') || !closes || !is_acronym(t.text) || k == 0 {
            continue;
        }
        let short = t.text;
        // Words before "(" back to a clause boundary.
        let paren = open.len() - 1;
        let window: Vec<&Token<'_>> = toks[..k]
            .iter()
            .rev()
            .take_while(|w| w.end <= paren && !text[w.end..paren].contains([',', ';', '.', ':', ')']))
            .take(short.len() + 5)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if window.is_empty() {
            continue;
        }
        let long = schwartz_hearst(short, &window, text).or_else(|| loose_long_form(short, &window, text));
        if let Some(long) = long {
            if name_key(&long) != name_key(short) {
                out.push((long, short.to_string()));
            }
        }
    }
    out
}

fn schwartz_hearst(short: &str, window: &[&Token<'_>], text: &str) -> Option<String> {
    let start_offset = window.first()?.start;
    let end_offset = window.last()?.end;
    let long = &text[start_offset..end_offset];
    let s: Vec<char> = short.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    let l: Vec<char> = long.chars().flat_map(char::to_lowercase).collect();
    let (mut si, mut li) = (s.len() as isize - 1, l.len() as isize - 1);
    while si >= 0 {
        let c = s[si as usize];
        while li >= 0 && (l[li as usize] != c || si == 0 && li > 0 && l[li as usize - 1].is_alphanumeric()) {
            li -= 1;
        }
        if li < 0 {
            return None;
        }
        si -= 1;
        li -= 1;
    }
    // Start at the word where the match began.
    let begin_char = (li + 1).max(0) as usize;
    let begin_byte: usize = long.chars().take(begin_char).map(char::len_utf8).sum();
    let candidate = long[begin_byte..].trim();
    let words = candidate.split_whitespace().count();
    (words >= 2 && words <= short.len() + 3).then(|| candidate.to_string())
}

fn loose_long_form(short: &str, window: &[&Token<'_>], text: &str) -> Option<String> {
    let n = short.chars().filter(|c| c.is_alphabetic()).count();
    let words: Vec<&&Token<'_>> = window.iter().rev().take(n).collect::<Vec<_>>().into_iter().rev().collect();
    let first = words.first()?;
    let initial = short.chars().next()?.to_lowercase().next()?;
    let matches_initial = first.text.chars().next()?.to_lowercase().next()? == initial;
    let long = &text[first.start..words.last()?.end];
    (words.len() >= 2 && matches_initial && !in_list(STOPWORDS, first.text)).then(|| long.to_string())
}

// ---------------------------------------------------------------------------------------------
// Merging

impl Table {
    fn apply_overrides(&mut self, overrides: &Overrides, warnings: &mut Vec<String>) {
        for rule in &overrides.entities {
            let mut ids = Vec::new();
            for spelling in std::iter::once(&rule.name).chain(rule.aliases.iter()) {
                let id = self.add(spelling, None, false);
                ids.push(id);
            }
            for pair in ids.windows(2) {
                self.union(pair[0], pair[1]);
            }
            if let Some(&id) = ids.first() {
                let c = &mut self.clusters[id];
                c.forced_name = Some(rule.name.clone());
                c.forced_kind = rule.kind.or(c.forced_kind);
                c.hidden |= rule.hide;
            }
            if rule.name.trim().is_empty() {
                warnings.push("entities.toml: an [[entity]] has an empty name".to_string());
            }
        }
    }

    /// Applies the text-only merge rules over all spellings found.
    fn merge_clusters(&mut self) {
        let spellings: Vec<(String, usize)> = self
            .clusters
            .iter()
            .enumerate()
            .flat_map(|(id, c)| c.spellings.iter().map(move |s| (s.clone(), id)))
            .collect();
        // Keys under the looser normalisations, each → the clusters that have it.
        let mut loose: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut last_word: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut first_word: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut initials: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (spelling, id) in &spellings {
            let words: Vec<&str> =
                spelling.split_whitespace().filter(|w| *w != "&" && !in_list(CONNECTORS, w)).collect();
            if words.len() >= 2 {
                let mut key = formal_first_name(words[0]);
                key.push_str(&words[1..].iter().map(|w| name_key(w)).collect::<String>());
                loose.entry(key).or_default().push(*id);
                let stripped: Vec<&str> =
                    words.iter().copied().filter(|w| !in_list(CORPORATE_SUFFIXES, w.trim_end_matches('.'))).collect();
                if !stripped.is_empty() && stripped.len() < words.len() {
                    loose.entry(stripped.iter().map(|w| name_key(w)).collect()).or_default().push(*id);
                }
                last_word.entry(name_key(words[words.len() - 1])).or_default().push(*id);
                first_word.entry(name_key(words[0])).or_default().push(*id);
                let init: String = words.iter().filter_map(|w| w.chars().next()).flat_map(char::to_uppercase).collect();
                initials.entry(init).or_default().push(*id);
            } else if let Some(word) = words.first() {
                loose.entry(formal_first_name(word)).or_default().push(*id);
                loose.entry(name_key(word)).or_default().push(*id);
            }
        }
        for ids in loose.values() {
            for pair in ids.windows(2) {
                self.union(pair[0], pair[1]);
            }
        }
        // Single words: demonyms to their country; a unique surname/first word to its full name;
        // an acronym to the one name whose initials it spells.
        for (spelling, id) in &spellings {
            if spelling.split_whitespace().count() != 1 {
                continue;
            }
            if let Some(country) = country_of(spelling) {
                let c = self.add(country, Some(EntityKind::Place), false);
                self.clusters[c].forced_name = Some(country.to_string());
                self.clusters[c].forced_kind = Some(EntityKind::Place);
                self.union(c, *id);
                continue;
            }
            let key = name_key(spelling);
            let unique = |map: &BTreeMap<String, Vec<usize>>, key: &str, table: &mut Table| -> Option<usize> {
                let ids = map.get(key)?;
                let mut roots: Vec<usize> = ids.iter().map(|&i| table.find(i)).collect();
                roots.sort_unstable();
                roots.dedup();
                (roots.len() == 1).then(|| roots[0])
            };
            let target = if is_acronym(spelling) {
                unique(&initials, &spelling.replace('.', ""), self)
            } else {
                // A surname alone is its full name; a first word alone only if it is a first name
                // ("Michael"), since "Vanto" must not become "Vanto Rivera Stone".
                unique(&last_word, &key, self).or_else(|| {
                    if is_first_name(spelling) {
                        unique(&first_word, &key, self)
                    } else {
                        None
                    }
                })
            };
            if let Some(target) = target {
                self.union(target, *id);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Pass 2: tagging

/// Per entity while tagging: surface spelling → count, documents, total mentions.
type Found = (BTreeMap<String, u32>, Vec<u32>, u32);

fn tag(documents: &mut [Document], table: &Table) -> Vec<Entity> {
    let table_roots: Vec<usize> = (0..table.clusters.len()).map(|id| table.root(id)).collect();
    // Each merged entity's member clusters, grouped once (not rescanned per entity).
    let mut groups: BTreeMap<usize, Vec<&Cluster>> = BTreeMap::new();
    for (id, cluster) in table.clusters.iter().enumerate() {
        groups.entry(table_roots[id]).or_default().push(cluster);
    }
    let hidden = |root: usize| groups.get(&root).is_some_and(|members| members.iter().any(|c| c.hidden));
    // Every spelling of every visible cluster, as folded token sequences, indexed by first token.
    let mut patterns: BTreeMap<String, Vec<(Vec<String>, usize, bool)>> = BTreeMap::new();
    for (id, cluster) in table.clusters.iter().enumerate() {
        let root = table_roots[id];
        if hidden(root) {
            continue;
        }
        for spelling in &cluster.spellings {
            let words: Vec<String> =
                tokens(spelling).iter().map(|t| name_key(t.text)).filter(|w| !w.is_empty()).collect();
            if words.is_empty() {
                continue;
            }
            // A long organisation name is also found by its last three or more words
            // ("fair deal alliance" for "international fair deal alliance").
            if words.len() >= 4 && in_list(ORG_SUFFIXES, &words[words.len() - 1]) {
                for cut in 1..=words.len() - 3 {
                    let tail = words[cut..].to_vec();
                    patterns.entry(tail[0].clone()).or_default().push((tail, root, false));
                }
            }
            // Single words must be capitalised in the text (brand "Orange", not the fruit);
            // multi-word spellings match in any case ("long form (SF)" variants).
            let case_sensitive = words.len() == 1;
            patterns.entry(words[0].clone()).or_default().push((words, root, case_sensitive));
        }
    }
    for list in patterns.values_mut() {
        list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        list.dedup();
    }

    // root → (surface spelling → count), docs, mentions
    let mut found: BTreeMap<usize, Found> = BTreeMap::new();
    for (d, doc) in documents.iter_mut().enumerate() {
        for sentence in doc.sentences.iter_mut() {
            sentence.mentions.clear();
            if sentence.boilerplate {
                continue;
            }
            // "&" folds to nothing and spellings drop it too, so "Dunn & Bradley" matches.
            let toks: Vec<Token<'_>> =
                tokens(&sentence.text).into_iter().filter(|t| !name_key(t.text).is_empty()).collect();
            let folded: Vec<String> = toks.iter().map(|t| name_key(t.text)).collect();
            let mut i = 0;
            while i < toks.len() {
                let hit = patterns.get(&folded[i]).and_then(|list| {
                    list.iter().find(|(words, _, case_sensitive)| {
                        i + words.len() <= toks.len()
                            && words.iter().zip(&folded[i..]).all(|(a, b)| a == b)
                            && (!case_sensitive || is_capitalised(toks[i].text))
                    })
                });
                let Some((words, root, _)) = hit else {
                    i += 1;
                    continue;
                };
                let (start, end) = (toks[i].start, toks[i + words.len() - 1].end);
                let surface = strip_possessive(&sentence.text[start..end]);
                let end = start + surface.len();
                let entry = found.entry(*root).or_default();
                *entry.0.entry(surface.to_string()).or_default() += 1;
                if entry.1.last() != Some(&(d as u32)) {
                    entry.1.push(d as u32);
                }
                entry.2 += 1;
                sentence.mentions.push(Mention { start: start as u32, end: end as u32, entity: *root as u32 });
                i += words.len();
            }
        }
    }

    // Build entities; drop weak single-word "other" names seen once (likely capitalised noise).
    let mut entities: Vec<(usize, Entity)> = Vec::new();
    for (root, (spellings, docs, mentions)) in found {
        let members: &[&Cluster] = groups.get(&root).map_or(&[], Vec::as_slice);
        let forced_name = members.iter().find_map(|c| c.forced_name.clone());
        let forced_kind = members.iter().find_map(|c| c.forced_kind);
        let all_spellings: Vec<&String> = members.iter().flat_map(|c| c.spellings.iter()).collect();
        let weak = members.iter().all(|c| c.weak);
        let kind = forced_kind.unwrap_or_else(|| vote(members, &all_spellings));
        let single_word = all_spellings.iter().all(|s| s.split_whitespace().count() == 1);
        if forced_name.is_none()
            && (weak
                || kind == EntityKind::Other
                    && single_word
                    && mentions < 2
                    && !all_spellings.iter().any(|s| is_acronym(s)))
        {
            continue;
        }
        let mut aliases: Vec<Alias> = spellings.into_iter().map(|(text, count)| Alias { text, count }).collect();
        aliases.sort_by(|a, b| b.count.cmp(&a.count).then(a.text.cmp(&b.text)));
        let name = forced_name.unwrap_or_else(|| canonical_name(&aliases));
        entities.push((root, Entity { name, kind, aliases, docs, mentions }));
    }
    entities.sort_by(|a, b| {
        b.1.docs.len().cmp(&a.1.docs.len()).then(b.1.mentions.cmp(&a.1.mentions)).then(a.1.name.cmp(&b.1.name))
    });
    // Two clusters may end up with the same display name; keep names unique for links.
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for (_, e) in entities.iter_mut() {
        let n = seen.entry(e.name.to_lowercase()).or_default();
        *n += 1;
        if *n > 1 {
            e.name = format!("{} ({})", e.name, n);
        }
    }
    let index_of: BTreeMap<usize, u32> = entities.iter().enumerate().map(|(i, (root, _))| (*root, i as u32)).collect();
    for doc in documents.iter_mut() {
        for sentence in doc.sentences.iter_mut() {
            sentence.mentions.retain_mut(|m| match index_of.get(&(m.entity as usize)) {
                Some(&i) => {
                    m.entity = i;
                    true
                }
                None => false,
            });
        }
    }
    entities.into_iter().map(|(_, e)| e).collect()
}

fn vote(members: &[&Cluster], spellings: &[&String]) -> EntityKind {
    let mut votes = [0u32; 4];
    for c in members {
        for (vote, add) in votes.iter_mut().zip(c.kind_votes) {
            *vote += add;
        }
    }
    // A place name from the gazetteer is a place whatever the context.
    if spellings.iter().any(|s| COUNTRIES.iter().any(|(c, _)| *c == s.as_str()) || CITIES.contains(&s.as_str())) {
        return EntityKind::Place;
    }
    let order = [EntityKind::Organisation, EntityKind::Person, EntityKind::Place, EntityKind::Other];
    let best = order.iter().copied().max_by_key(|k| (votes[*k as usize], std::cmp::Reverse(*k as usize)));
    match best {
        Some(k) if votes[k as usize] > 0 => k,
        _ => EntityKind::Other,
    }
}

/// The most readable spelling: the most frequent capitalised form, except that a title-cased
/// multi-word form wins when it is reasonably common or when the top form is an acronym (so
/// "IFTC" shows as the name it abbreviates).
fn canonical_name(aliases: &[Alias]) -> String {
    let title_case = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().filter(|w| !in_list(CONNECTORS, w) && *w != "&").collect();
        words.len() >= 2 && words.iter().all(|w| is_capitalised(w) && !is_acronym(w))
    };
    let best = |filter: &dyn Fn(&str) -> bool| {
        aliases
            .iter()
            .filter(|a| filter(&a.text))
            .max_by(|a, b| a.count.cmp(&b.count).then(a.text.len().cmp(&b.text.len())).then(b.text.cmp(&a.text)))
    };
    let top = best(&|s: &str| is_capitalised(s)).or_else(|| aliases.first());
    let long = best(&title_case);
    match (top, long) {
        (Some(t), Some(l)) if is_acronym(&t.text) || l.count * 4 >= t.count => l.text.clone(),
        (Some(t), _) => t.text.clone(),
        (None, _) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::types::Source;
    use crate::corpus::Corpus;

    fn build(texts: &[&str]) -> Corpus {
        let ids: Vec<String> = (0..texts.len()).map(|i| format!("d{i}")).collect();
        let sources: Vec<Source<'_>> = ids.iter().zip(texts).map(|(id, text)| Source { id, text }).collect();
        Corpus::build(&sources, None)
    }

    fn names(c: &Corpus) -> Vec<String> {
        c.entities.iter().map(|e| format!("{} [{}]", e.name, e.kind.label())).collect()
    }

    fn entity<'a>(c: &'a Corpus, name: &str) -> &'a Entity {
        c.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no {name} in {:?}", names(c)))
    }

    #[test]
    fn acronym_definitions_merge_even_when_initials_do_not_line_up() {
        let c = build(&[
            "Title\n\nThe group joined the International Fair-Trade Coalition (IFTC) in April. Later the IFTC said more.",
            "Title\n\nOn Friday the international fair deal Alliance (IFTC) suspended it. The international fair deal alliance met again.",
        ]);
        let coalition = entity(&c, "International Fair-Trade Coalition");
        assert_eq!(coalition.kind, EntityKind::Organisation);
        let texts: Vec<&str> = coalition.aliases.iter().map(|a| a.text.as_str()).collect();
        assert!(texts.contains(&"IFTC") && texts.contains(&"international fair deal alliance"), "{texts:?}");
        assert_eq!(coalition.docs, vec![0, 1]);
    }

    #[test]
    fn nicknames_initials_and_surnames_join_the_full_name() {
        let c = build(&[
            "Title\n\nThe brand Michael Lund left the group. Later, Mike Lund said the platform was dangerous. Lund did not comment. The letter from ML was short.",
        ]);
        let lund = entity(&c, "Michael Lund");
        let texts: Vec<&str> = lund.aliases.iter().map(|a| a.text.as_str()).collect();
        for alias in ["Michael Lund", "Mike Lund", "Lund", "ML"] {
            assert!(texts.contains(&alias), "{alias} missing from {texts:?}");
        }
        assert_eq!(lund.mentions, 4);
    }

    #[test]
    fn false_starts_months_and_possessives_are_not_names() {
        let c = build(&[
            "Title\n\nBut the court agreed. However, Zentaro's shares rose in May. Zentaro said so on Monday.",
        ]);
        let n = names(&c);
        assert!(!n.iter().any(|x| x.starts_with("But") || x.starts_with("However") || x.starts_with("May")), "{n:?}");
        let zentaro = entity(&c, "Zentaro");
        assert_eq!(zentaro.mentions, 2);
        assert_eq!(zentaro.aliases, vec![Alias { text: "Zentaro".into(), count: 2 }]);
    }

    #[test]
    fn kinds_come_from_cues_and_the_gazetteer() {
        let c = build(&[
            "Title\n\nThe chairman Robert Castello spoke in Washington. The Italian brand Vanto left, and Chinese officials in Beijing watched the Orvel Group.",
        ]);
        assert_eq!(entity(&c, "Robert Castello").kind, EntityKind::Person);
        assert_eq!(entity(&c, "Washington").kind, EntityKind::Place);
        assert_eq!(entity(&c, "Vanto").kind, EntityKind::Organisation);
        assert_eq!(entity(&c, "Orvel Group").kind, EntityKind::Organisation);
        // Demonyms count as mentions of their country.
        assert_eq!(entity(&c, "China").aliases[0].text, "Chinese");
        assert_eq!(entity(&c, "Italy").kind, EntityKind::Place);
    }

    #[test]
    fn corporate_suffixes_and_connectors() {
        let c = build(&[
            "Title\n\nThe Zentaro Group grew. Zentaro hired staff. Dunn & Bradley and Bank of America agreed.",
        ]);
        let zentaro = entity(&c, "Zentaro Group");
        assert_eq!(zentaro.mentions, 2);
        entity(&c, "Dunn & Bradley");
        entity(&c, "Bank of America");
    }

    #[test]
    fn boilerplate_produces_no_entities() {
        let c = build(&["Title\n\nZentaro joined.\n\nRelated reading:\nZebra Holdings Wins Big\nQuokka Partners Expands Fast\nLeave a Reply"]);
        let n = names(&c);
        assert!(!n.iter().any(|x| x.contains("Zebra") || x.contains("Quokka")), "{n:?}");
    }

    #[test]
    fn overrides_merge_rename_set_kind_and_hide() {
        let toml = "[[entity]]\nname = \"John Roe\"\naliases = [\"Roe Jian\"]\nkind = \"person\"\n\n[[entity]]\nname = \"Lexon\"\nhide = true\n";
        let sources = [Source { id: "a", text: "T\n\nJohn Roe spoke to Lexon. Later Roe Jian laughed." }];
        let c = Corpus::build(&sources, Some(toml));
        let ma = entity(&c, "John Roe");
        assert_eq!(ma.kind, EntityKind::Person);
        assert_eq!(ma.mentions, 2);
        assert!(!names(&c).iter().any(|n| n.starts_with("Lexon")));
    }

    #[test]
    fn odd_input_gives_no_entities_and_no_panic() {
        for text in ["", "((((", "(IFTC)", "A (B)", "& & &", "É (É)", "\u{202e}Ab Cd (AC)"] {
            let c = build(&[text]);
            for e in &c.entities {
                assert!(!e.name.is_empty());
            }
        }
    }
}
