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

use crate::corpus::order;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasherDefault;

use super::gazetteer;
use super::overrides::Overrides;
use super::text::{self, Token};
use super::types::{Alias, Document, Entity, EntityKind, Mention};

/// The statistical name tagger: trained and measured, not a vote here (QUALITY.md, "A trained
/// name tagger": its best use gained on dev, not on the held-out sets, at three times the cost).
pub mod tagger;

/// Entry point: fills `Sentence::mentions` and returns the entities, most widespread first.
pub fn extract(documents: &mut [Document], overrides: &Overrides, warnings: &mut Vec<String>) -> Vec<Entity> {
    let mut counts = WordCounts::default();
    for document in documents.iter() {
        counts.count(document);
    }
    extract_counted(documents, counts, overrides, warnings)
}

/// [`extract`] with the documents' [`WordCounts`] already counted (as they were built).
pub(crate) fn extract_counted(
    documents: &mut [Document],
    counts: WordCounts,
    overrides: &Overrides,
    warnings: &mut Vec<String>,
) -> Vec<Entity> {
    let mut table = Table { counts, ..Table::default() };
    discover(documents, &mut table);
    table.share_coordinated_votes();
    table.apply_overrides(overrides, warnings);
    table.split_composites();
    table.merge_clusters();
    tag(documents, &table)
}

// ---------------------------------------------------------------------------------------------
// Tokens

/// The words of a sentence as the name rules see them: "-", "'" and "." stay inside a word
/// ("Fair-Trade", "Zentaro's", "U.S"), and "&" is a token of its own, since it joins names
/// ("Dunn & Bradley"). Other punctuation only separates.
///
/// An abbreviation keeps its final full stop ("U.S.", "Inc.", "Jr."), so the name a reader sees
/// is the name stored.
fn tokens(sentence: &str) -> Vec<Token<'_>> {
    // About one word in six bytes of news text: sized once rather than grown.
    let mut out: Vec<Token<'_>> = Vec::with_capacity(sentence.len() / 6 + 1);
    for t in text::tokens(sentence, &['-', '\'', '.']) {
        if t.text == "." && !t.space_before {
            if let Some(prev) = out.last_mut().filter(|p| p.end == t.start && is_abbreviation(p.text)) {
                prev.end = t.end;
                prev.text = &sentence[prev.start..prev.end];
            }
            continue;
        }
        if t.is_word() || t.text == "&" {
            out.push(t);
        }
    }
    out
}

/// Words whose full stop belongs to them: dotted initials ("U.S", "J.R"), a lone capital
/// (the middle initial of "John F. Kennedy", "L. Ron Hubbard": without its stop the name broke
/// in two at it) and the short forms names carry ("Inc", "Jr", "St").
fn is_abbreviation(word: &str) -> bool {
    const SHORT: &[&str] = &[
        "inc", "co", "corp", "ltd", "jr", "sr", "st", "bros", "mt", "ft", "gen", "sen", "rep", "gov", "dr", "mr",
        "mrs", "ms", "prof", "lt", "col", "capt", "sgt", "rev", "no",
    ];
    let dotted = word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2 && !p.is_empty());
    dotted || is_initial(word) || in_list(SHORT, word)
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
    let mut key = String::with_capacity(text.len());
    name_key_into(text, &mut key);
    key
}

/// [`name_key`], appended to `key`.
fn name_key_into(text: &str, key: &mut String) {
    let text = strip_possessive(text);
    for c in text.chars() {
        // The ASCII case first: the same answer, without the Unicode tables (every word of
        // the corpus passes here several times).
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                key.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        }
    }
}

/// Whether token `t` of `text` is a possessive: "Zentaro's", or "Galois'" (the apostrophe after
/// the token).
fn possessive(t: &Token<'_>, text: &str) -> bool {
    strip_possessive(t.text).len() < t.text.len() || text[t.end..].starts_with(['\'', '’'])
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
    // Sentence-initial words that are never names ("Unlike Chrysler, ...").
    "unlike", "following", "given", "having", "asked", "speaking", "still", "overall", "nevertheless", "nonetheless",
    "around", "across", "along", "beyond", "near", "above", "below", "between", "toward", "towards", "amid", "amongst",
    "whereas", "unless", "otherwise", "hence", "elsewhere", "everyone", "nobody", "someone", "something", "nothing",
    "anything", "everything", "none", "neither", "nor", "several", "few", "most", "these", "analysts", "officials",
    "sources", "critics", "experts", "investors", "shares", "stocks", "prices", "sales", "profits", "revenue",
    "police", "authorities",
];

const MONTHS_AND_DAYS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "spring", "summer", "autumn", "fall", "winter",
    // Holidays are dates (the date stage reads them), not names.
    "christmas", "thanksgiving", "halloween", "easter",
];

/// Words allowed inside a name between capitalised words.
/// ("and" is not one: "Vanto and Marlowe" are two names far more often than one.) All but "&",
/// "of", "for" and "the" are the particles of family names ([`is_particle`]).
const CONNECTORS: &[&str] = &[
    "&", "of", "for", "the", "de", "du", "da", "di", "del", "della", "dos", "das", "la", "le", "van", "von", "der",
    "den", "ter", "zu", "bin", "ibn",
];

/// A family name's lower-case particle: "Charles de Gaulle", "Ursula von der Leyen", "Luiz
/// Inácio Lula da Silva", "Mohammed bin Salman". Two may stand together ("von der", "de la").
fn is_particle(word: &str) -> bool {
    !is_capitalised(word) && !matches!(word, "&" | "of" | "for" | "the") && in_list(CONNECTORS, word)
}

/// A connector that a name cannot start or end with. A particle written with a capital opens
/// a name instead: "Le Monde", "Den Haag", "Von der Leyen" at a sentence's start ("LA" is
/// Los Angeles, no particle).
fn edge_connector(word: &str) -> bool {
    in_list(CONNECTORS, word) && !(is_capitalised(word) && !is_acronym(word) && is_particle(&word.to_lowercase()))
}

/// The family name a spelling of particles and one word ends in: "Le Pen", "von der Leyen".
fn surname_after_particles(spelling: &str) -> Option<&str> {
    let words: Vec<&str> = spelling.split_whitespace().collect();
    let (last, before) = words.split_last()?;
    (!before.is_empty() && before.iter().all(|w| is_particle(&w.to_lowercase()))).then_some(*last)
}

/// A name word opened by a lower-case Arabic article: "al-Assad", "el-Sisi".
fn article_name(word: &str) -> bool {
    ["al-", "el-"].iter().any(|a| word.strip_prefix(a).is_some_and(is_capitalised))
}

/// Titles and roles written before a person's name ("Prime Minister John Howard", "chief
/// executive Tom Enders"); never part of the name itself.
const PERSON_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "reverend",
    "president", "vice", "prime", "minister", "premier", "chancellor", "secretary", "senator", "sen", "rep",
    "representative", "congressman", "congresswoman", "gov", "governor", "mayor", "judge", "justice", "presiding",
    "king", "queen", "prince", "princess", "pope", "sheikh", "general", "gen", "lt", "col", "colonel", "capt",
    "captain", "sgt", "sergeant", "admiral", "commander", "chief", "chairman", "chairwoman", "chair", "ceo", "cfo",
    "executive", "founder", "co-founder", "director", "ambassador", "commissioner", "inspector", "detective",
    "officer", "coach", "spokesman", "spokeswoman", "spokesperson", "deputy", "attorney", "lawyer", "analyst",
    "economist", "manager", "head", "leader", "boss", "designer", "actor", "actress", "singer", "player", "striker",
    "author", "editor", "reporter", "columnist", "partner", "adviser", "advisor", "counsel", "emir", "ayatollah",
    "dalai", "administrator", "sheriff", "marshal", "superintendent", "magistrate", "rabbi", "imam", "bishop",
    "archbishop",
];

/// Occupations and roles that say the name right after them, or the apposition they head, is a
/// person's: "Republican nominee Ken Cuccinelli", "Walt Whitman, the first great American poet".
/// Unlike [`PERSON_TITLES`] they are only read in lower case around a name, never cut off the
/// front of a capitalised run ("Star Wars", "Pilot Pen" stay whole).
const PERSON_ROLES: &[&str] = &[
    "nominee", "candidate", "challenger", "incumbent", "lawmaker", "legislator", "councillor", "councilman",
    "councilwoman", "alderman", "mp", "mep", "diplomat", "envoy", "negotiator", "aide", "staffer", "activist",
    "dissident", "campaigner", "prosecutor", "defendant", "suspect", "victim", "witness", "poet", "writer", "novelist",
    "playwright", "screenwriter", "journalist", "photographer", "filmmaker", "producer", "artist", "painter",
    "sculptor", "architect", "composer", "musician", "pianist", "guitarist", "drummer", "rapper", "comedian", "dancer",
    "scientist", "researcher", "physicist", "chemist", "biologist", "astronomer", "historian", "philosopher",
    "astronaut", "entrepreneur", "billionaire", "tycoon", "businessman", "businesswoman", "investor", "philanthropist",
    "doctor", "surgeon", "physician", "nurse", "teacher", "priest", "pastor", "cardinal", "cleric", "goalkeeper",
    "midfielder", "defender", "quarterback", "pitcher", "batsman", "golfer", "boxer", "wrestler", "swimmer",
    "sprinter", "cyclist", "skater", "jockey", "teammate", "son", "daughter", "wife", "husband", "widow", "brother",
    "sister", "father", "mother", "saxophonist", "trumpeter", "vocalist", "keyboardist", "bassist", "violinist",
    "cellist", "singer", "songwriter", "actor", "actress", "economist", "lawyer", "attorney", "author", "editor",
    "linguist", "mathematician", "coach", "striker", "outfielder", "infielder", "shortstop", "linebacker",
];

/// Roles that name the person's organisation right before them ("Airbus chief executive", "Apple
/// spokesman"): the name in front is the employer, not a person.
const ROLES_AFTER_EMPLOYER: &[&str] = &[
    "chief", "ceo", "cfo", "chairman", "chairwoman", "president", "spokesman", "spokeswoman", "spokesperson",
    "executive", "executives", "director", "founder", "co-founder", "boss", "head", "administrator", "analyst",
    "analysts", "shares", "stock", "stocks", "shareholders", "employees", "workers", "staff", "board", "officials",
    "chief's",
];

/// Last words that make a name an organisation ("Hainan Airlines", "Swiss National Bank").
const ORG_HEADS: &[&str] = &[
    "group", "inc", "co", "corp", "corporation", "company", "ltd", "limited", "llc", "plc", "ag", "sa", "spa", "nv",
    "gmbh", "holdings", "court", "coalition", "alliance", "association", "union", "university", "college", "school",
    "academy", "bureau", "ministry", "council", "commission", "office", "agency", "bank", "institute", "foundation",
    "federation", "committee", "department", "party", "organization", "organisation", "network", "magazine", "times",
    "journal", "post", "press", "club", "society", "league", "board", "fund", "exchange", "labs", "studio", "studios",
    "herald", "gazette", "tribune", "chronicle", "telegraph", "weekly", "international", "airlines", "airline",
    "airways", "motors", "systems", "services", "brothers", "partners", "industries", "technologies", "communications",
    "entertainment", "pharmaceuticals", "capital", "securities", "insurance", "energy", "reserve", "authority",
    "administration", "senate", "congress", "parliament", "assembly", "army", "navy", "police", "forces", "force",
    "guard", "service", "news", "television", "radio", "tv", "broadcasting", "agency", "church", "hospital", "team",
    "fc", "united", "city", "mutual", "trust", "commerce", "chamber", "management", "air", "tribunal", "cabinet",
    "government", "corps", "unit", "division", "organisation", "nations", "program", "programme", "enterprises",
    "electronics", "media", "publishing", "diocese", "archdiocese",
    // Bodies named by what they are: music, learning, research, the military, transport.
    "orchestra", "philharmonic", "choir", "ensemble", "conservatory", "seminary", "laboratory", "laboratories",
    "consortium", "cooperative", "syndicate", "directorate", "secretariat", "brigade", "regiment", "battalion",
    "squadron", "fleet", "command", "railway", "railways", "railroad", "records", "publishers", "pictures",
    // Newspapers' titles ("Orlando Sentinel").
    "sentinel", "statesman", "observer", "examiner", "inquirer", "enquirer", "courier", "dispatch", "telegram",
    "bulletin",
];

/// Last words that make a name a place ("Suvarnabhumi Airport", "Atlantic Ocean").
const PLACE_HEADS: &[&str] = &[
    "airport", "ocean", "sea", "river", "lake", "mountains", "mountain", "mount", "island", "islands", "county",
    "province", "street", "avenue", "road", "square", "valley", "bay", "gulf", "peninsula", "strait", "canal",
    "desert", "coast", "region", "district", "borough", "village", "town", "heights", "harbour", "harbor", "beach",
    "hills", "park", "station", "bridge", "plaza", "boulevard", "oblast", "prefecture", "territory", "basin",
    // Buildings and sites are places in news annotation (MEANTIME, GUM, OntoNotes' FAC).
    "center", "centre", "memorial", "mosque", "tower", "towers", "hall", "stadium", "arena", "temple", "cathedral",
    "palace", "castle", "house", "prison", "zoo", "gardens", "theatre", "theater", "mall", "monument", "museum",
    "pier", "terminal", "port", "isle", "cape", "falls", "forest", "glacier", "volcano", "reef", "base", "planetarium",
    "aquarium", "observatory", "plains",
];

/// Greetings and interjections before a name in quoted speech ("Hey Frank", "Dear Anna"):
/// never part of it.
const GREETINGS: &[&str] = &["hey", "hi", "hello", "dear", "thanks", "oh", "goodbye", "bye", "welcome"];

/// Words that open an organisation's name ("Air China", "Radio Free Europe").
const ORG_FIRST: &[&str] = &["air", "radio"];

/// First words that make a name a place: "Lake Erie", "Mount Everest", "Cape Cod", "County
/// Durham". (Not "Fort": "Fort Worth Star-Telegram" is a newspaper.)
const PLACE_FIRST: &[&str] = &["lake", "mount", "mt.", "cape", "county", "isle", "loch"];

/// Nationality, religion and party words: groups, not named entities (spaCy's NORP).
const GROUP_WORDS: &[&str] = &[
    "european", "europeans", "asian", "asians", "african", "africans", "arab", "arabs", "arabic", "latin", "western",
    "eastern", "northern", "southern", "muslim", "muslims", "christian", "christians", "jewish", "jews", "jew",
    "catholic", "catholics", "protestant", "hindu", "hindus", "buddhist", "buddhists", "sikh", "sunni", "shia",
    "shiite", "islamic", "islam", "christianity", "judaism", "hinduism", "buddhism", "republican", "republicans",
    "democrat", "democrats", "democratic", "conservative", "conservatives", "liberal", "liberals", "labour",
    "socialist", "communist", "communists", "nazi", "nazis", "western", "westerners", "scandinavian", "hispanic",
    "caucasian", "kurdish", "kurds", "palestinians", "israelis", "latino", "latinos",
];

/// What only a person has, after a name's possessive: "Hadid's husband", "Galois' death".
const KIN_AFTER_POSSESSIVE: &[&str] = &[
    "wife", "husband", "widow", "widower", "son", "sons", "daughter", "daughters", "father", "mother", "brother",
    "brothers", "sister", "sisters", "parents", "grandfather", "grandmother", "uncle", "aunt", "nephew", "niece",
    "cousin", "girlfriend", "boyfriend", "fiancée", "fiancé", "death", "funeral", "birthday", "childhood",
];

/// Words right before a name that make it a place ("based in", "capital"); "in", "at", "from"
/// only count a little (people are "at Google" and "in Congress" too).
const PLACE_BEFORE: &[&str] = &["in", "at", "from", "near", "across", "outside", "inside", "to", "into", "throughout"];

/// Acronyms that are words, units, currencies, zones or job titles, not organisations.
const NOT_NAME_ACRONYMS: &[&str] = &[
    "ceo", "cfo", "coo", "cto", "cio", "vp", "md", "utc", "gmt", "est", "edt", "pst", "pdt", "cet", "bst", "usd",
    "eur", "gbp", "jpy", "cny", "rmb", "tv", "os", "lcd", "led", "sdk", "api", "pt", "am", "pm", "gdp", "ipo", "aids",
    "hiv", "dna", "pr", "it", "id", "pc", "pdf", "faq", "hr", "phd", "mba", "llc", "plc", "inc", "ltd", "ok", "no",
    "ad", "bc", "vs", "cd", "dvd", "gps", "sms", "url", "www", "ai", "vat", "ppm", "mph", "kg", "km", "mw", "gw",
    "co2", "suv", "atm", "ufo", "diy", "rip", "ps", "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xx",
    // Eras and wars, honours, members' titles, illnesses, statistics, technology, currencies.
    "bce", "ce", "wwi", "wwii", "mbe", "obe", "cbe", "dbe", "kbe", "mp", "mps", "mep", "meps", "mpp", "mla", "msp",
    "covid", "sars", "tb", "ptsd", "adhd", "icu", "lgbt", "lgbtq", "mvp", "rbi", "cpi", "fdi", "roi", "eps", "gnp",
    "fm", "usb", "cpu", "gpu", "ram", "ssd", "html", "vr", "ev", "evs", "gsm", "aka", "eta", "aud", "cad", "chf",
    "inr", "krw", "rub", "brl", "hkd", "sgd", "cuc", "irr",
];

/// Corporate suffixes whose removal leaves the same organisation ("Zentaro Group" ~ "Zentaro").
const CORPORATE_SUFFIXES: &[&str] =
    &["group", "inc", "co", "corp", "corporation", "company", "ltd", "limited", "holdings", "plc", "llc"];

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

fn in_list(list: &'static [&'static str], word: &str) -> bool {
    // Called for most words, against lists of up to a few hundred: each list is a hash set, made
    // once per list and thread, and the word is lower-cased into one buffer.
    LISTS.with(|cell| {
        let (sets, lower) = &mut *cell.borrow_mut();
        let set = sets.entry((list.as_ptr() as usize, list.len())).or_insert_with(|| list.iter().copied().collect());
        lower.clear();
        if word.is_ascii() {
            lower.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            lower.push_str(&word.to_lowercase());
        }
        set.contains(lower.as_str())
    })
}

/// A word list as a set, by the list's address and length.
type ListSets = HashMap<(usize, usize), std::collections::HashSet<&'static str, BuildHasherDefault<text::Fnv1a>>>;

thread_local! {
    /// [`in_list`]'s sets, and a buffer for the lower-cased word.
    static LISTS: std::cell::RefCell<(ListSets, String)> = std::cell::RefCell::new((ListSets::new(), String::new()));
}

fn formal_first_name(word: &str) -> String {
    let lower = word.to_lowercase();
    NICKNAMES.iter().find(|(nick, _)| *nick == lower).map(|(_, f)| f.to_string()).unwrap_or(lower)
}

/// The canonical country a spelling names ("U.S." → "United States"), from the gazetteer.
fn country_of(word: &str) -> Option<&'static str> {
    gazetteer::get().country(word.trim_end_matches('.'))
}

/// A nationality word ("Kuwaiti", "Americans"): not a name of the country, and not a name at all
/// as an entity (spaCy's NORP, CoNLL's MISC), so it never becomes a place chip.
fn is_demonym(word: &str) -> bool {
    let g = gazetteer::get();
    g.demonym(word).is_some() && g.country(word).is_none() || in_list(GROUP_WORDS, word)
}

/// A given name that can open a full name even where the corpus writes it as a common word
/// ("Mark", "Bill", "Drew"): not a nationality ("German"), a place ("Asia Minor"), or a
/// particle ("Al Mukalla", "Van Canto").
fn opens_full_name(word: &str) -> bool {
    is_first_name(word)
        && word.chars().count() > 2
        && !is_demonym(word)
        && country_of(word).is_none()
        && !gazetteer::get().place(word).place()
        && !in_list(CONNECTORS, &word.to_lowercase())
}

fn is_first_name(word: &str) -> bool {
    let lower = word.to_lowercase();
    NICKNAMES.iter().any(|(nick, formal)| *nick == lower || *formal == lower) || gazetteer::get().is_given_name(word)
}

// ---------------------------------------------------------------------------------------------
// Pass 1: discovery

/// Spelling → cluster bookkeeping. Clusters are indices into `clusters`; `find` follows merges.
#[derive(Default)]
struct Table {
    /// folded spelling → cluster
    by_key: WordMap<usize>,
    clusters: Vec<Cluster>,
    /// union-find parent links
    parent: Vec<usize>,
    counts: WordCounts,
    /// Names listed together ("Airbus and Boeing"): usually of one kind.
    coordinated: Vec<(usize, usize)>,
    /// Cities of a million or more written alone that joined a person's name ("Paris" and
    /// "Valeska Paris"): the person only in an article that names the person too, the city
    /// elsewhere. (Smaller places are more often surnames: "Jackson", "Lund"; on real news,
    /// detaching them too joined stories of two different people.)
    detached: BTreeSet<usize>,
}

/// The table's word maps are only looked up, never walked, so a hash map cannot leak its order
/// into the output; FNV, since a tree's string comparisons were a tenth of the name stage.
type WordMap<V> = HashMap<String, V, BuildHasherDefault<text::Fnv1a>>;

/// How often each word is written capitalised after a sentence's first word, and in lower
/// case, over the articles counted: what the name rules know of the whole corpus before they
/// read any one text (a capitalised word also written in lower case is a common word; a
/// sentence's first word is a name only if it is capitalised elsewhere too). Counts add up, so
/// `Corpus::build_parallel` counts each run of articles on its own core and joins them.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordCounts {
    mid_sentence_caps: WordMap<u32>,
    lowercase: WordMap<u32>,
}

impl WordCounts {
    /// Adds one built article's sentences (not its boilerplate).
    pub(crate) fn count(&mut self, document: &Document) {
        for sentence in document.sentences.iter().filter(|s| !s.boilerplate) {
            for (k, t) in tokens(&sentence.text).iter().enumerate() {
                if is_capitalised(t.text) {
                    if k > 0 {
                        *self.mid_sentence_caps.entry(name_key(t.text)).or_default() += 1;
                    }
                } else if t.text.chars().next().is_some_and(char::is_lowercase) {
                    *self.lowercase.entry(name_key(t.text)).or_default() += 1;
                }
            }
        }
    }

    /// Adds another set of articles' counts. Walking a map here is safe: sums do not depend on
    /// the order they are added in.
    pub(crate) fn join(&mut self, other: WordCounts) {
        for (mine, theirs) in
            [(&mut self.mid_sentence_caps, other.mid_sentence_caps), (&mut self.lowercase, other.lowercase)]
        {
            if mine.is_empty() {
                *mine = theirs;
                continue;
            }
            for (word, n) in theirs {
                *mine.entry(word).or_default() += n;
            }
        }
    }
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
    fn add(&mut self, spelling: &str, weak: bool) -> usize {
        self.add_spelling(spelling, weak).0
    }

    /// [`Table::add`], also saying whether the spelling is new to its cluster.
    fn add_spelling(&mut self, spelling: &str, weak: bool) -> (usize, bool) {
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
        let new_spelling = !c.spellings.contains(&clean);
        if new_spelling {
            c.spellings.push(clean);
        }
        c.weak &= weak;
        (id, new_spelling)
    }

    /// Splits names that a lost comma ran together: a spelling that starts with a name known on
    /// its own and goes on with a person's full name ("Zentaro Ana Costa" when "Zentaro" is seen
    /// alone), or with anything after a name the owner listed in `entities.toml`. Both parts
    /// become spellings of their own; the run-together one is dropped.
    fn split_composites(&mut self) {
        // A split can expose another ("United States | Brooklyn | District Court"); a few rounds
        // settle any real name.
        for _ in 0..4 {
            if !self.split_composites_once() {
                break;
            }
        }
    }

    /// One round of [`Table::split_composites`]; whether anything was split.
    fn split_composites_once(&mut self) -> bool {
        let mut splits: Vec<(usize, String, String, String)> = Vec::new(); // (cluster, whole, prefix, rest)
                                                                           // Groups holding a name from `entities.toml`, found once per round (not per candidate).
        let listed: BTreeSet<usize> = (0..self.clusters.len())
            .filter(|&c| self.clusters[c].forced_name.is_some())
            .map(|c| self.root(c))
            .collect();
        let owner_listed = |id: usize| listed.contains(&self.root(id));
        for (id, cluster) in self.clusters.iter().enumerate() {
            // A spelling that is itself one of a listed name's ("Zen Taro", the letters of a
            // listed "Zentaro") is that name, not two run together, even when a part is listed too.
            if owner_listed(id) {
                continue;
            }
            for spelling in &cluster.spellings {
                let words: Vec<&str> = spelling.split_whitespace().collect();
                if let Some(parts) = self.around_owner_listed(&words, &owner_listed) {
                    splits.extend(parts.into_iter().map(|(prefix, rest)| (id, spelling.clone(), prefix, rest)));
                    continue;
                }
                for k in 1..words.len() {
                    let (prefix, rest) = (words[..k].join(" "), words[k..].join(" "));
                    let Some(&prefix_id) = self.by_key.get(&name_key(&prefix)) else { continue };
                    if prefix_id == id {
                        continue;
                    }
                    // The rest must be a name of its own, not just a head ("Zentaro Group").
                    let named_rest = words[k..].iter().any(|w| !is_head(w));
                    let listed_prefix = named_rest && owner_listed(prefix_id);
                    let alone = !self.clusters[prefix_id].weak;
                    // After a place or an organisation's name, a full name's shape is enough
                    // ("United States Barack Obama"); otherwise it must open with a given name.
                    let person_rest = alone && words.len() - k >= 2 && name_votes(&words[k..]).1 && {
                        let prefix_votes = name_votes(&words[..k]).0;
                        let placed = prefix_votes[EntityKind::Place as usize] >= 3
                            || prefix_votes[EntityKind::Organisation as usize] >= 3;
                        placed || is_first_name(words[k])
                    };
                    if listed_prefix || person_rest {
                        splits.push((id, spelling.clone(), prefix, rest));
                        break;
                    }
                }
            }
        }
        let changed = !splits.is_empty();
        for (id, whole, prefix, rest) in splits {
            self.clusters[id].spellings.retain(|s| *s != whole);
            let (rest_id, new_spelling) = self.add_spelling(&rest, false);
            if new_spelling {
                let words: Vec<&str> = rest.split_whitespace().collect();
                let votes = name_votes(&words).0;
                self.vote(rest_id, votes);
            }
            // The prefix is now seen on its own: no longer a weak, sentence-initial candidate.
            let _ = self.add(&prefix, false);
        }
        changed
    }

    /// A name the owner listed inside a longer spelling ("United States Brooklyn District
    /// Court" with "Brooklyn" listed): the parts before, itself and after, as (part, part)
    /// pairs for [`Table::split_composites_once`] to add.
    fn around_owner_listed(
        &self,
        words: &[&str],
        owner_listed: &dyn Fn(usize) -> bool,
    ) -> Option<Vec<(String, String)>> {
        for k in 1..words.len() {
            for m in k + 1..=words.len() {
                let inner = words[k..m].join(" ");
                let Some(&id) = self.by_key.get(&name_key(&inner)) else { continue };
                if !owner_listed(id) {
                    continue;
                }
                let before = words[..k].join(" ");
                let after = words[m..].join(" ");
                let mut parts = vec![(before, inner.clone())];
                if !after.is_empty() && words[m..].iter().any(|w| !is_head(w)) {
                    parts.push((inner, after));
                }
                return Some(parts);
            }
        }
        None
    }

    /// Names listed together are usually of one kind: a name with clear evidence lends a vote to
    /// its partner when the partner has no clear evidence of another kind ("between Airbus and
    /// Boeing" once Airbus is known to be a company).
    fn share_coordinated_votes(&mut self) {
        let clear = |votes: [u32; 4]| -> Option<usize> {
            let total: u32 = votes.iter().sum();
            (0..3).find(|&k| votes[k] >= 3 && votes[k] * 10 >= total * 7)
        };
        let pairs = std::mem::take(&mut self.coordinated);
        // Along a list, one link a round: in "A, B, C and D" with only A clear, A lends to B,
        // then B (clear now) to C, and so on; each name lends what it had before the round, and
        // to each partner once.
        let mut given = vec![false; pairs.len() * 2];
        for _ in 0..LIST_REACH {
            let before: Vec<[u32; 4]> = self.clusters.iter().map(|c| c.kind_votes).collect();
            let mut lent = false;
            for (k, &(a, b)) in pairs.iter().enumerate() {
                for (side, (from, to)) in [(a, b), (b, a)].into_iter().enumerate() {
                    if given[2 * k + side] {
                        continue;
                    }
                    if let (Some(kind), None) = (clear(before[from]), clear(before[to])) {
                        self.clusters[to].kind_votes[kind] += 2;
                        given[2 * k + side] = true;
                        lent = true;
                    }
                }
            }
            if !lent {
                break;
            }
        }
    }

    /// Adds one mention's kind evidence to a cluster.
    fn vote(&mut self, id: usize, votes: [u32; 4]) {
        for (total, add) in self.clusters[id].kind_votes.iter_mut().zip(votes) {
            *total += add;
        }
    }
}

/// How many links along a list a clear name's kind is lent.
const LIST_REACH: usize = 3;

/// What names are looked for in: every title and every sentence that is not boilerplate.
fn analysed_texts(documents: &[Document]) -> impl Iterator<Item = &str> {
    documents.iter().flat_map(|d| {
        std::iter::once(d.title.as_str()).chain(d.sentences.iter().filter(|s| !s.boilerplate).map(|s| s.text.as_str()))
    })
}

/// Puts every name the texts give into the table (its word counts already counted).
fn discover(documents: &[Document], table: &mut Table) {
    // What each text names, read against the counts alone, so it runs on every core natively
    // (`par`); then the spellings go into the table one text after another, in corpus order, so
    // the table is the same on any number of threads. In batches, so what is found waits in
    // memory for a batch, not for the whole corpus.
    let texts: Vec<&str> = analysed_texts(documents).collect();
    let threads = super::par::threads();
    for batch in texts.chunks(if threads > 1 { NAMES_BATCH } else { 1 }) {
        let counts: &Table = table;
        for names in super::par::map(batch, threads, |text| names_in(text, counts)) {
            table.put(names);
        }
    }
}

/// Texts read on every core between two updates of the name table (natively; one at a time in
/// the page).
const NAMES_BATCH: usize = 8192;

impl Table {
    /// The names of one text, in the table: each spelling, its evidence, and what it says of
    /// the name before it.
    fn put(&mut self, names: TextNames<'_>) {
        let mut previous: Option<usize> = None;
        for name in names.names {
            let (id, new_spelling) = self.add_spelling(name.text, name.weak);
            if new_spelling {
                self.vote(id, name.votes);
            }
            self.vote(id, name.context);
            if let Some(prev_id) = previous {
                if name.coordinated && prev_id != id {
                    self.coordinated.push((prev_id, id));
                }
                if name.variant {
                    self.union(prev_id, id);
                }
            }
            previous = Some(id);
        }
        for (long, short) in names.definitions {
            let a = self.add(&long, false);
            let b = self.add(&short, false);
            self.union(a, b);
        }
    }
}

/// What one title or sentence names, before the names are put in the table ([`names_in`]).
#[derive(Default)]
struct TextNames<'t> {
    names: Vec<FoundName<'t>>,
    /// "Long Form (SF)" definitions: (long form, short form).
    definitions: Vec<(String, String)>,
}

/// A name found in a text, with the evidence that goes to its cluster.
struct FoundName<'t> {
    text: &'t str,
    /// A sentence-initial single word (not an acronym): kept only if confirmed elsewhere.
    weak: bool,
    /// What the spelling says of its kind, counted once per spelling.
    votes: Votes,
    /// What its neighbours say.
    context: Votes,
    /// Listed with the name before it ("Airbus and Boeing").
    coordinated: bool,
    /// "A (B)": a spelling of the name before it, in parentheses right after it.
    variant: bool,
}

/// The names of one text, read against the table's word counts only (never its clusters).
fn names_in<'t>(text: &'t str, table: &Table) -> TextNames<'t> {
    let toks = tokens(text);
    if headline_like(&toks) {
        return TextNames::default();
    }
    let pieces: Vec<Piece> =
        capitalised_runs(&toks, text, table).into_iter().flat_map(|r| refine(&toks, r, table)).collect();
    let mut names = Vec::with_capacity(pieces.len());
    let mut previous: Option<(usize, usize)> = None;
    for piece in pieces {
        let run = (piece.start, piece.end);
        let name_text = &text[toks[run.0].start..toks[run.1 - 1].end];
        let words: Vec<&str> =
            toks[run.0..run.1].iter().map(|t| strip_possessive(t.text).trim_end_matches('.')).collect();
        let (votes, person_shape) = name_votes(&words);
        let weak = run.0 == 0 && run.1 - run.0 == 1 && !is_acronym(toks[0].text);
        let context = context_votes(&toks, &piece, text, person_shape);
        let (mut coordinated, mut variant) = (false, false);
        if let Some(prev) = previous {
            let between = &text[toks[prev.1 - 1].end..toks[run.0].start];
            // A possessive after a comma opens an apposition, not a list: "Ana, Zentaro's legal
            // adviser" says who Ana is by another's name.
            coordinated = matches!(between.trim(), "and" | "or" | "," | "&" | "and the" | ", and")
                && !(between.trim() == "," && possessive(&toks[run.1 - 1], text));
            let closes = text[toks[run.1 - 1].end..].trim_start().starts_with(')');
            let prev_text = &text[toks[prev.0].start..toks[prev.1 - 1].end];
            variant = between.trim() == "(" && closes && !is_acronym(name_text) && spelled_alike(prev_text, name_text);
        }
        names.push(FoundName { text: name_text, weak, votes, context, coordinated, variant });
        previous = Some(run);
    }
    TextNames { names, definitions: definitions(text, &toks) }
}

/// Whether a name in parentheses right after another reads as a spelling of it ("Vantessi
/// (Vantiesi)", "Kora Tech (Koratech)", "Lena Voss (Voss Lena)", "American College of
/// Pediatricians (ACPeds)"): a word in common, a short form of it, or letters at most a third
/// apart. Not another name beside it: a wire dateline's "London (Reuters)" would otherwise make every
/// dateline city of a news agency's corpus one entity, and "Paris (France)" or "Smith (Labour)"
/// are two things. A translation in parentheses ("Masjid al-Haram (Grand Mosque)") is lost with
/// them: the dev splits lost less than 0.1 F1.
fn spelled_alike(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace().filter(|w| !in_list(CONNECTORS, w)).map(name_key).filter(|w| !w.is_empty()).collect()
    };
    let (wa, wb) = (words(a), words(b));
    if wa.iter().any(|w| wb.contains(w)) {
        return true;
    }
    let (ka, kb): (Vec<char>, Vec<char>) = (wa.concat().chars().collect(), wb.concat().chars().collect());
    // A short form written in mixed case ("ACPeds", "Opec"): one word, the long name's first
    // letter, then letters of the long name in its order.
    let abbreviates = |long: &[char], short: &[char], words: usize| {
        words == 1 && short.len() < long.len() && short.first() == long.first() && {
            let mut rest = long.iter();
            short.iter().all(|c| rest.any(|l| l == c))
        }
    };
    abbreviates(&ka, &kb, wb.len())
        || abbreviates(&kb, &ka, wa.len())
        || edit_distance(&ka, &kb) * 3 <= ka.len().max(kb.len())
}

/// Levenshtein distance (insert, delete, substitute a character).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb)).min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
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
    // "Securities and Exchange Commission", "National Air and Space Museum": "and" after a
    // common word or two joins them to the rest of a name that ends in a head; two names side
    // by side stay two ("Vanto and Marlowe", "Apple and Google Inc.", "Institute of
    // Technology and Colorado State University").
    let and_inside = |start: usize, at: usize| {
        let before = &toks[start..at];
        if toks[at].text != "and"
            || before.len() > 2
            || before.iter().any(|t| t.text == "of")
            || !lowered(toks[at - 1].text, table)
        {
            return false;
        }
        let mut k = at + 1;
        while k < toks.len() && adjacent(k - 1, k) && name_word(toks[k].text) {
            k += 1;
        }
        k > at + 1 && is_head(toks[k - 1].text)
    };
    // A head that is also a common web word ends a name it follows: "Washington Post", "Fox
    // News", "Metropolitan Police" (alone it opens none: "Home", "News").
    let continues_name = |t: &Token<'_>| name_word(t.text) || is_capitalised(t.text) && is_head(t.text);
    // "Johnson & Johnson", "Marks & Spencer", "Bill & Melinda Gates Foundation" are one name;
    // "David Christison & Lee Tate", a full name on each side each opened by a given name, are
    // two people.
    let full_name = |a: usize, b: usize| {
        b >= a + 2 && is_first_name(toks[a].text) && (a..b).all(|k| name_word(toks[k].text) && !is_head(toks[k].text))
    };
    let two_people = |start: usize, at: usize| {
        let mut after = at + 1;
        while after < toks.len() && adjacent(after - 1, after) && name_word(toks[after].text) {
            after += 1;
        }
        full_name(start, at) && full_name(at + 1, after)
    };
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
            if end < toks.len() && adjacent(end - 1, end) && continues_name(&toks[end]) {
                end += 1;
            } else if end + 1 < toks.len()
                && adjacent(end - 1, end)
                && adjacent(end, end + 1)
                && if toks[end].text == "&" {
                    !two_people(start, end)
                } else {
                    in_list(CONNECTORS, toks[end].text) && !is_capitalised(toks[end].text) || and_inside(start, end)
                }
                && name_word(toks[end + 1].text)
            {
                end += 2;
            } else if end + 2 < toks.len()
                && (end..end + 3).all(|k| adjacent(k - 1, k))
                && is_particle(toks[end].text)
                && is_particle(toks[end + 1].text)
                && name_word(toks[end + 2].text)
            {
                // "von der Leyen", "de la Rúa": two particles before a family name.
                end += 3;
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

/// A name candidate inside a run, with what cleaning it revealed.
struct Piece {
    start: usize,
    end: usize,
    /// A person's title or role stood right before it ("Prime Minister", "chief executive").
    titled: bool,
    /// A role followed it inside the run ("Chrysler Chief Executive ..."): it is the employer.
    employer: bool,
}

/// Cleans a run: an acronym next to other words is a name of its own ("Zentaro IFTC"); a title
/// inside a run splits it ("Chrysler Chief Executive Robert Nardelli" is an employer and a
/// person); leading titles ("Prime Minister"), common words ("Members of") and a leading
/// demonym ("Chinese Zentaro", but not "American Airlines") are not part of the name, unless
/// the name ends in a head ("the Mortgage Bankers Association", "US National Park Service");
/// what follows a head's "of" completes it ("Department of Justice"); connectors never end one.
fn refine(toks: &[Token<'_>], (start, end): (usize, usize), table: &Table) -> Vec<Piece> {
    let g = gazetteer::get();
    let run_text = |a: usize, b: usize| toks[a..b].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
    // A whole known place is never cut ("New York", "United Arab Emirates").
    if end - start > 1 && g.place(&run_text(start, end)).place() {
        return vec![Piece { start, end, titled: false, employer: false }];
    }
    // "General Motors", "Prince William Sound": a title word followed, inside the name, by an
    // organisation or place head is part of that name.
    let headed_after = |k: usize, b: usize| toks[k + 1..b].iter().any(|t| is_head(t.text));
    let is_title = |k: usize| in_list(PERSON_TITLES, strip_possessive(toks[k].text).trim_end_matches('.'));
    // "Department of Justice", "Museum of Modern Art": what follows a head's "of" completes
    // the name, whatever common words it is made of.
    let of_phrase = |k: usize, a: usize, b: usize| k >= a + 2 && (a..k - 1).any(|h| head_of(toks, h, b));
    let mut pieces = Vec::new();
    let mut piece_start = start;
    // A name that ends in a head (or holds a head's "of") names an organisation or place:
    // the acronym or country that opens it is part of it ("BBC News", "US National Park
    // Service", "Greek Ministry of Culture").
    let headed_name = |a: usize, b: usize| b > a && (is_head(toks[b - 1].text) || (a..b).any(|h| head_of(toks, h, b)));
    for k in start..end {
        let word = strip_possessive(toks[k].text).trim_end_matches('.');
        let opens_headed = k == piece_start && k + 1 < end && headed_name(k + 1, end);
        // "Chrysler LLC": a company's suffix stays with it.
        let suffix = k + 1 == end && k > piece_start && in_list(CORPORATE_SUFFIXES, word);
        let acronym = is_acronym(word) && end - start > 1 && !opens_headed && !suffix;
        let title_inside = k > piece_start
            && is_title(k)
            && !is_title(k - 1)
            && !headed_after(k, end)
            && !(toks[k - 1].text == "of" && of_phrase(k, piece_start, end));
        let company_then_person = k + 1 < end
            && k > piece_start
            && (in_list(CORPORATE_SUFFIXES, word) || in_list(ORG_HEADS, word))
            && is_first_name(toks[k + 1].text);
        if acronym {
            pieces.push((piece_start, k, false));
            pieces.push((k, k + 1, false));
            piece_start = k + 1;
        } else if title_inside {
            pieces.push((piece_start, k, true));
            piece_start = k;
        } else if k > piece_start + 1
            && k + 1 < end
            && toks[k].text == "of"
            && is_first_name(toks[piece_start].text)
            && (piece_start..k).all(|j| is_capitalised(toks[j].text) && !is_title(j) && !is_head(toks[j].text))
        {
            // "Isabel Ruiz of Heaven Sent Gaming": a person's full name, then where they work.
            pieces.push((piece_start, k, false));
            piece_start = k + 1;
        } else if company_then_person {
            // "Zentaro Inc. Ana Costa", "General Motors Fritz Henderson": the company's name
            // ends at its suffix or head.
            pieces.push((piece_start, k + 1, false));
            piece_start = k + 1;
        }
    }
    pieces.push((piece_start, end, false));
    let lowered = |w: &str| lowered(w, table);
    let mut out = Vec::new();
    for (mut a, mut b, mut employer) in pieces {
        let mut titled = false;
        // "Chief Executive Officer of General Motors": titles, then "of": what follows is the
        // employer.
        let mut t = a;
        while t < b && is_title(t) {
            t += 1;
        }
        if t > a && t + 1 < b && in_list(&["of", "at", "for"], toks[t].text) {
            a = t + 1;
            employer = true;
        }
        // Mid-sentence, a capitalised common word before a name that ends in a head is the
        // name's own ("the Mortgage Bankers Association", "National Park Service"); at the
        // start of a sentence the capital says nothing.
        let headed = a > 0 && is_head(toks[b - 1].text);
        while a < b && b - a > 1 {
            let w = toks[a].text;
            // "NASA Administrator Charles Bolden", "Astronaut John Glenn": a common word right
            // before a given name and a surname is a role, like a listed title.
            let role = b - a >= 3
                && g.is_common_word(w)
                && !is_first_name(w)
                && is_first_name(toks[a + 1].text)
                && !is_head(toks[b - 1].text);
            // "Mark Papermaster", "Bill Ingalls": a given name that is also a common word
            // ("mark", "bill") still opens the full name it stands before.
            let given_name = opens_full_name(w) && {
                let next = toks[a + 1].text;
                is_capitalised(next) && !lowered(next) && !is_head(next) && !in_list(CONNECTORS, next)
            };
            if is_title(a) && !headed_after(a, b) || role {
                titled = true;
            } else if given_name
                || head_of(toks, a, b)
                || b - a == 2 && is_head(toks[a + 1].text) && lowered(w)
                || headed && lowered(w) && !edge_connector(w)
                || !(edge_connector(w)
                    || w == "&"
                    || lowered(w)
                    || leading_demonym(toks, a, b)
                    || in_list(GREETINGS, w))
            {
                // ... and "Launch Systems" keeps its first word: a head alone names nothing.
                // "University of Helsinki", "Bay of Bengal": a head before "of" opens the name.
                break;
            }
            a += 1;
        }
        // A model code ends a maker's name ("Airbus A350", "Boeing 737-800"), and a common word
        // that is not a head ends none ("Zentaro Camp" is Zentaro's camp).
        while b - a > 1 {
            let w = strip_possessive(toks[b - 1].text);
            let model_code = w.chars().any(|c| c.is_ascii_digit());
            // "Eric Holder", "Kevin Cash": a known surname after a given name is not a common
            // word here.
            let surname = b - a == 2 && opens_full_name(toks[a].text) && gazetteer::get().is_surname(w);
            let common = lowered(w) && !is_head(w) && !of_phrase(b - 1, a, b) && !surname;
            if !(model_code || common) {
                break;
            }
            b -= 1;
        }
        while a < b && (edge_connector(toks[b - 1].text) || toks[b - 1].text == "&") {
            b -= 1;
        }
        if a >= b {
            continue;
        }
        let single = toks[a].text;
        // A single common word ("Luxury", "Brand") is not a name, nor is a nationality, a title
        // alone, or an acronym that is a unit, a currency or a job ("CEO", "UTC").
        if b - a == 1
            && (!is_acronym(single) && lowered(single) && country_of(single).is_none()
                || is_demonym(strip_possessive(single))
                || in_list(PERSON_TITLES, single.trim_end_matches('.'))
                || in_list(NOT_NAME_ACRONYMS, &strip_possessive(single).replace('.', ""))
                || is_acronym(single)
                    && single.len() >= 3
                    && gazetteer::get().is_common_word(single)
                    && country_of(single).is_none())
        {
            continue;
        }
        out.push(Piece { start: a, end: b, titled, employer });
    }
    out
}

/// Whether `word` is a common word: written in lower case at least as often as capitalised
/// mid-sentence in the corpus.
fn lowered(word: &str, table: &Table) -> bool {
    let key = name_key(word);
    let counts = &table.counts;
    counts.lowercase.get(&key).copied().unwrap_or(0) >= counts.mid_sentence_caps.get(&key).copied().unwrap_or(0).max(1)
}

fn is_head(word: &str) -> bool {
    let w = strip_possessive(word).trim_end_matches('.');
    in_list(ORG_HEADS, w) || in_list(PLACE_HEADS, w)
}

/// Whether word `k` is an organisation or place head followed by "of", "for" or "on" inside the
/// name `..b` ("Bank of England", "Centre for Social Evolution", "Gulf of Mexico").
fn head_of(toks: &[Token<'_>], k: usize, b: usize) -> bool {
    k + 1 < b && in_list(&["of", "for", "on"], toks[k + 1].text) && is_head(toks[k].text)
}

/// A nationality word that opens a longer name and is not part of it: "Chinese Zentaro" is
/// Zentaro, but "American Airlines" and "British Museum" keep theirs (an organisation head
/// follows).
fn leading_demonym(toks: &[Token<'_>], a: usize, b: usize) -> bool {
    is_demonym(toks[a].text) && !is_head(toks[b - 1].text) && !(a..b).any(|h| head_of(toks, h, b))
}

fn confirmed(word: &str, table: &Table) -> bool {
    let stem = strip_possessive(word);
    table.counts.mid_sentence_caps.contains_key(&name_key(stem)) || country_of(stem).is_some() || is_first_name(stem)
}

/// A word that can be part of a name: capitalised, not a function word, month or day.
fn name_word(word: &str) -> bool {
    if !(is_capitalised(word) || article_name(word)) || word.chars().count() < 2 && !is_acronym(word) {
        return false;
    }
    let stem = strip_possessive(word);
    !(in_list(MONTHS_AND_DAYS, stem) || in_list(STOPWORDS, stem) && !is_acronym(stem))
}

/// Kind evidence, indexed by `EntityKind as usize`. Strong evidence (an organisation head, a
/// title before a person, a country) counts 3, medium (a given name opening a full name, a role
/// after an employer) 2, weak ("in", a lone given name) 1; the entity's kind is the vote over
/// all of it ([`decide_kind`]).
type Votes = [u32; 4];

/// What a spelling itself says (its words, the gazetteer), counted once per spelling: a name
/// seen ten times is not ten times more a person for having a given name. Also says whether it
/// has the shape of a person's name.
fn name_votes(words: &[&str]) -> (Votes, bool) {
    let mut votes = [0u32; 4];
    let mut add = |kind: EntityKind, weight: u32| votes[kind as usize] += weight;
    let g = gazetteer::get();
    let (first, last) = (words[0], words[words.len() - 1]);
    let place = g.place(&words.join(" "));
    // A head before "of"/"for" inside the name: "Bank of England", "Gulf of Mexico"; any head
    // before "for" is an organisation ("Centre for Social Evolution": named for a purpose).
    let head_before = |list: &'static [&'static str], links: &'static [&'static str]| {
        words.windows(2).take(words.len().saturating_sub(2)).any(|w| in_list(list, w[0]) && in_list(links, w[1]))
    };
    // "City of Cleveland", "City of Westminster": a municipality, a place, not a club's "City".
    let city_of = words.len() > 2 && first.eq_ignore_ascii_case("city") && words[1] == "of";
    let purpose = !city_of && (head_before(ORG_HEADS, &["of", "for", "on"]) || head_before(PLACE_HEADS, &["for"]));
    // A head word names an organisation ("Manchester City", "Citizens Bank") unless the whole
    // name is one the gazetteer knows as a place ("Jersey City", "West Bank", "Dhaka Division").
    // "City" after a known city names its club ("Manchester City"); after anything else, a
    // region or an ocean too, it names a town ("Gibson City", "Sun City", "Atlantic City").
    let town =
        words.len() > 1 && last.eq_ignore_ascii_case("city") && !g.place(&words[..words.len() - 1].join(" ")).city;
    let org_head = purpose
        || words.len() > 1 && !place.place() && !town && (in_list(ORG_HEADS, last) || in_list(ORG_FIRST, first));
    let place_head = !org_head
        && (town
            || city_of
            || words.len() > 1 && (in_list(PLACE_HEADS, last) || words.len() <= 3 && in_list(PLACE_FIRST, first))
            || head_before(PLACE_HEADS, &["of"]));
    if org_head || words.contains(&"&") {
        add(EntityKind::Organisation, 3);
    } else if place_head {
        add(EntityKind::Place, 3);
    }
    if place.place() {
        let weight = if place.ambiguous {
            1
        } else if place.country {
            4
        } else {
            3
        };
        add(EntityKind::Place, weight);
    }
    if words.len() == 1 && is_acronym(first) && country_of(first).is_none() {
        add(EntityKind::Organisation, 2);
    }
    // A city or region and a plural after it names a team or a company ("Houston Astros",
    // "Montreal Victorias", "Texas Longhorns"), not a person with a given name ("Houston") or a
    // place; a country's name before a plural is mostly something else ("Australia Awards").
    // The place may be followed by more than the plural: "Toronto Blue Jays", "Tampa Bay Devil
    // Rays".
    let team = !org_head && !place_head && (2..=4).contains(&words.len()) && {
        let plural = last.len() > 3 && last.ends_with('s') && !last.ends_with("ss") && is_capitalised(last);
        let home = |k: usize| {
            let prefix = g.place(&words[..k].join(" "));
            prefix.place() && !prefix.country && (prefix.big_city || !prefix.ambiguous)
        };
        plural
            && !g.is_surname(last)
            && (1..words.len()).any(|k| home(k) && words[k..].iter().all(|w| is_capitalised(w) && !is_acronym(w)))
    };
    if team {
        add(EntityKind::Organisation, 3);
    }
    // Particles may stand inside a person's name, not at its ends: "Charles de Gaulle".
    let particles = words.iter().filter(|w| is_particle(w)).count();
    let person_shape = (2..=4).contains(&(words.len() - particles))
        && !team
        && !org_head
        && !place_head
        && !place.place()
        && country_of(last).is_none()
        // A nationality last names a newspaper or an honour, not a person ("Odessa American",
        // "Austin American-Statesman", "Arkansas All-American"), unless it is a known surname
        // ("Dawn French").
        && (!last.split('-').any(is_demonym) || g.is_surname(last))
        // A verb opening or closing it names a work, not a person ("Chasing Liberty", "Copying
        // Beethoven", "Brideshead Revisited").
        && !verb_form(first, "ing")
        && !verb_form(last, "ed")
        && !is_particle(first)
        && !is_particle(last)
        // A head inside says a place or a body with more words after it ("Kennedy Space Center
        // Visitor Complex" cut short), not a person ("Park Geun-hye" opens with hers; "Eric
        // Temple Bell" has a surname for a middle name).
        && !words[1..words.len() - 1].iter().any(|w| is_head(w) && !g.is_surname(w) && !is_first_name(w))
        && words
            .iter()
            .all(|w| is_capitalised(w) && !is_acronym(w) || is_initial(w) || is_particle(w) || article_name(w));
    let given = is_first_name(first);
    // "Delwyn J. Langejans", "C. H. Douglas": a single-letter initial before the last word is
    // how people's names are written.
    if person_shape && words[..words.len() - 1].iter().any(|w| is_initial(w)) {
        add(EntityKind::Person, 2);
    }
    if person_shape && (given || g.is_surname(last)) {
        // A given name and a known surname together are strong; either alone is medium or weak.
        let weight = u32::from(given) * 2 + u32::from(g.is_surname(last));
        add(EntityKind::Person, weight);
    } else if words.len() == 1 && given && !place.place() {
        add(EntityKind::Person, 1);
    }
    (votes, person_shape)
}

/// A common English word ending in `suffix` ("chasing", "revisited") that is no one's given
/// name or surname ("Manning", "Sterling" are).
fn verb_form(word: &str, suffix: &str) -> bool {
    let g = gazetteer::get();
    word.len() >= suffix.len() + 4
        && word.to_lowercase().ends_with(suffix)
        && g.is_common_word(word)
        && !g.is_surname(word)
        && !is_first_name(word)
}

/// What the words around one mention say, counted per mention.
fn context_votes(toks: &[Token<'_>], piece: &Piece, sentence: &str, person_shape: bool) -> Votes {
    let mut votes = [0u32; 4];
    let mut add = |kind: EntityKind, weight: u32| votes[kind as usize] += weight;
    let (start, end) = (piece.start, piece.end);
    if piece.titled {
        add(EntityKind::Person, 3);
    }
    if piece.employer {
        add(EntityKind::Organisation, 2);
    }
    let prev = start.checked_sub(1).map(|k| toks[k].text.to_lowercase()).unwrap_or_default();
    let next = toks.get(end).map(|t| t.text.to_lowercase()).unwrap_or_default();
    let rest = sentence[toks[end - 1].end..].trim_start();
    let lead = sentence[..toks[start].start].trim_end();
    if in_list(PERSON_TITLES, prev.trim_end_matches('.')) && !piece.titled {
        add(EntityKind::Person, 3);
    } else if in_list(PERSON_ROLES, &prev) && person_shape {
        add(EntityKind::Person, 2);
    }
    if rest.starts_with(',') || rest.starts_with('(') {
        // Appositions: "Zentaro, a retailer", "Ana Costa, who", "Ana Costa, 45,", "Walt Whitman,
        // the first great American poet,": the first cue noun of the apposition (up to its
        // first punctuation, six words at most) says the kind.
        let tail = apposition_words(&rest[1..]);
        let t = |i: usize| tail.get(i).map(String::as_str).unwrap_or("");
        let article = matches!(t(0), "a" | "an" | "the");
        let cue = tail.iter().skip(1).find_map(|w| {
            if in_list(ORG_CUES, w) {
                Some(EntityKind::Organisation)
            } else if in_list(PERSON_TITLES, w) || in_list(PERSON_ROLES, w) && person_shape {
                Some(EntityKind::Person)
            } else {
                None
            }
        });
        if t(0) == "who" || !t(0).is_empty() && t(0).chars().all(|c| c.is_ascii_digit()) && person_shape {
            add(EntityKind::Person, 2);
        } else if let (true, Some(kind)) = (article, cue) {
            add(kind, 2);
        }
    } else if in_list(ROLES_AFTER_EMPLOYER, &next) || in_list(ORG_CUES, &next) {
        // "Airbus chief executive", "Lexon magazine", "Zentaro shares".
        add(EntityKind::Organisation, 2);
    } else if matches!(next.as_str(), "said" | "says" | "told" | "added" | "explained" | "argued") && person_shape {
        add(EntityKind::Person, 1);
    } else if matches!(prev.as_str(), "said" | "says" | "told" | "added") && person_shape {
        // '..., said Ana Costa.'
        add(EntityKind::Person, 1);
    } else if next.chars().any(|c| c.is_ascii_digit()) && !person_shape {
        // "Boeing 737", "Boeing's 777": a maker and its model.
        add(EntityKind::Organisation, 1);
    }
    // A life's events and kin are a person's: "Goode was born", "Galois died", "Hadid's
    // husband", "Benjamin Stoloff (6 October 1895 - 8 September 1960)", "(born 1978)".
    let life = match next.as_str() {
        "died" | "married" | "graduated" => true,
        "was" => toks.get(end + 1).is_some_and(|t| t.text == "born"),
        _ => possessive(&toks[end - 1], sentence) && in_list(KIN_AFTER_POSSESSIVE, &next),
    };
    let dates = rest.strip_prefix('(').is_some_and(|r| {
        let r = r.trim_start();
        ["born ", "b. ", "née "].iter().any(|w| r.starts_with(w)) || person_shape && lifespan(r)
    });
    if life || dates {
        add(EntityKind::Person, 2);
    }
    // "the carrier Zentaro", "the luxury brand Vanto": the noun right before names its kind.
    if in_list(ORG_CUES, &prev) {
        add(EntityKind::Organisation, 3);
    }
    let place_lead = ["based in", "capital", "city of", "province of"].iter().any(|cue| lead.ends_with(cue));
    if place_lead {
        add(EntityKind::Place, 2);
    } else if in_list(PLACE_BEFORE, &prev) && !unknown_acronym(toks, piece) {
        // ("in NCAA history", "at CNRS": an acronym no list knows as a place is not one.)
        add(EntityKind::Place, 1);
    }
    votes
}

/// A name that is one acronym the gazetteer does not know as a country or a place.
fn unknown_acronym(toks: &[Token<'_>], piece: &Piece) -> bool {
    let word = strip_possessive(toks[piece.start].text);
    piece.end - piece.start == 1
        && is_acronym(word)
        && country_of(word).is_none()
        && !gazetteer::get().place(word).place()
}

/// "1895 - 1960)", "6 October 1895 – 8 September 1960)": a span of two dates with years, as a
/// life is written after a name.
fn lifespan(text: &str) -> bool {
    let inside = text.split(')').next().unwrap_or("");
    let Some((from, to)) = inside.split_once(['-', '–', '—']) else { return false };
    let year = |part: &str| {
        part.split_whitespace().last().is_some_and(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
    };
    inside.len() <= 48 && year(from) && year(to)
}

/// The words of an apposition, lower-cased: up to six, ending with the first one that a
/// punctuation mark closes ("the first great American poet, wrote" → five words).
fn apposition_words(rest: &str) -> Vec<String> {
    let mut words = Vec::new();
    for raw in rest.split_whitespace().take(6) {
        words.push(raw.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase());
        if raw.ends_with([',', ';', '.', ')', ':']) {
            break;
        }
    }
    words
}

/// "J." or "J" inside a person's name ("Mario J. Lucero").
fn is_initial(word: &str) -> bool {
    let letters: Vec<char> = word.trim_end_matches('.').chars().collect();
    letters.len() == 1 && letters[0].is_uppercase()
}

/// Nouns that say the name next to them is an organisation ("the carrier Zentaro", "Zentaro, a
/// retailer", "Lexon magazine").
const ORG_CUES: &[&str] = &[
    "company", "companies", "firm", "group", "brand", "brands", "retailer", "maker", "manufacturer", "carrier",
    "airline", "bank", "lender", "insurer", "giant", "label", "magazine", "newspaper", "website", "platform", "agency",
    "organisation", "organization", "group's", "subsidiary", "unit", "startup", "start-up", "conglomerate",
    "automaker", "carmaker", "chipmaker", "broadcaster", "publisher", "operator", "supplier", "charity", "party",
];

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
                let id = self.add(spelling, false);
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
                // The last word of an "of" phrase is not a surname: "Copenhagen" alone is the
                // city, not "University of Copenhagen" ("of Southern California" neither).
                if !spelling.split_whitespace().any(|w| w == "of") {
                    last_word.entry(name_key(words[words.len() - 1])).or_default().push(*id);
                }
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
        self.merge_middle_names(&spellings);
        // Single words: demonyms to their country; a unique surname/first word to its full name;
        // an acronym to the one name whose initials it spells.
        for (spelling, id) in &spellings {
            // "Le Pen", "von der Leyen": a family name with its particles stands alone too.
            let spelling = surname_after_particles(spelling).unwrap_or(spelling);
            if spelling.split_whitespace().count() != 1 {
                continue;
            }
            let ambiguous = gazetteer::get().place(spelling).ambiguous;
            if let Some(country) = country_of(spelling).filter(|_| !ambiguous) {
                let c = self.add(country, false);
                self.clusters[c].forced_name = Some(country.to_string());
                self.clusters[c].forced_kind = Some(EntityKind::Place);
                self.union(c, *id);
                continue;
            }
            let key = name_key(spelling);
            // The distinct names (roots) that have `key` under `map`.
            let roots = |map: &BTreeMap<String, Vec<usize>>, key: &str, table: &mut Table| -> Vec<usize> {
                let mut roots: Vec<usize> = map.get(key).into_iter().flatten().map(|&i| table.find(i)).collect();
                roots.sort_unstable();
                roots.dedup();
                roots
            };
            let unique = |map: &BTreeMap<String, Vec<usize>>, key: &str, table: &mut Table| -> Option<usize> {
                let roots = roots(map, key, table);
                (roots.len() == 1).then(|| roots[0])
            };
            // Only organisation evidence blocks it: many surnames are also towns ("Lund").
            let votes = self.clusters[*id].kind_votes;
            let not_a_person = votes[EntityKind::Organisation as usize] > votes[EntityKind::Person as usize];
            let mut a_known_place = false;
            let target = if is_acronym(spelling) {
                unique(&initials, &spelling.replace('.', ""), self)
            } else if not_a_person {
                // "Ford" with "Ford shares" is the company, not the surname of "Gerald Ford".
                None
            } else {
                // A surname alone is its full name; a first word alone only if it is a first name
                // ("Michael"), since "Vanto" must not become "Vanto Rivera Stone".
                // A known place alone is the place, not the last word of a name that is no
                // person's ("Hollywood" is not "Access Hollywood"; "Washington" can still be
                // "George Washington").
                let place = gazetteer::get().place(spelling);
                let a_place = place.place() && !place.ambiguous;
                a_known_place = place.place() && place.big_city;
                let full_names = last_word.get(&key).map(Vec::as_slice).unwrap_or_default();
                let a_persons = full_names.iter().any(|&c| self.looks_like_a_person(c));
                // A given name alone is the first word of a person's name, not of a company's
                // or a place's that starts with one ("Adam" is not "Adam Air").
                unique(&last_word, &key, self).filter(|_| !a_place || a_persons).or_else(|| {
                    if is_first_name(spelling) {
                        unique(&first_word, &key, self).filter(|&t| !self.named_for_a_thing(t))
                    } else {
                        None
                    }
                })
            };
            if target.is_none() && !is_acronym(spelling) && !not_a_person && !gazetteer::get().is_common_word(spelling)
            {
                // The family name of several people ("Trump" of Donald and Ivanka Trump) is none
                // of them in particular, but a person's name all the same; a common word is not
                // ("the West", beside Kanye and Cornel West).
                let people = roots(&last_word, &key, self);
                if people.len() >= 2 && people.iter().all(|&c| self.looks_like_a_person(c)) {
                    self.clusters[*id].kind_votes[EntityKind::Person as usize] += 2;
                }
            }
            if let Some(target) = target {
                // A full name whose last word stands alone elsewhere is how news refers to
                // people ("Mary Barra ... Barra said"): evidence that it is a person, unless
                // that word is a common word and no surname ("App Store ... the Store",
                // "Space Shuttle Discovery ... Discovery": things are referred to so too).
                let g = gazetteer::get();
                let surname_like = !g.is_common_word(spelling) || g.is_surname(spelling);
                if !is_acronym(spelling) && !not_a_person && surname_like && unique(&last_word, &key, self).is_some() {
                    self.clusters[target].kind_votes[EntityKind::Person as usize] += 2;
                }
                self.union(target, *id);
                if a_known_place {
                    self.detached.insert(*id);
                }
            }
        }
    }

    /// Whether cluster `c` is a person's full name by its evidence so far: a given name opening
    /// it ("George Washington"), or more votes for a person than for a place or an organisation
    /// ("Jovaniel Cordova, 23, ...").
    fn looks_like_a_person(&self, c: usize) -> bool {
        let votes = self.clusters[c].kind_votes;
        let person = votes[EntityKind::Person as usize];
        let given = self.clusters[c].spellings.iter().any(|s| {
            let mut words = s.split_whitespace();
            words.next().is_some_and(opens_full_name) && words.next().is_some()
        });
        given || person > 0 && person > votes[EntityKind::Place as usize].max(votes[EntityKind::Organisation as usize])
    }

    /// Whether cluster `c`'s evidence so far says organisation or place more than person.
    fn named_for_a_thing(&self, c: usize) -> bool {
        let votes = self.clusters[c].kind_votes;
        votes[EntityKind::Person as usize]
            < votes[EntityKind::Organisation as usize].max(votes[EntityKind::Place as usize])
    }

    /// "Mark Jay Heller" and "Mark Heller": a person's name with and without its middle names is
    /// one person, when the corpus writes that given name and surname with at most one middle
    /// part. Two different middles ("Anna Maria Lund", "Anna Sofia Lund") are two people, and
    /// neither joins "Anna Lund".
    fn merge_middle_names(&mut self, spellings: &[(String, usize)]) {
        // Given name + surname → (the middle parts written, the clusters).
        let mut by_ends: BTreeMap<String, (BTreeSet<String>, Vec<usize>)> = BTreeMap::new();
        for (spelling, id) in spellings {
            let words: Vec<&str> = spelling.split_whitespace().collect();
            let person_like = (2..=4).contains(&words.len())
                && is_first_name(words[0])
                && words.iter().all(|w| is_capitalised(w) && !is_acronym(w) || is_initial(w))
                && !words.iter().any(|w| is_head(w) || in_list(CONNECTORS, w));
            if !person_like {
                continue;
            }
            let key = format!("{} {}", formal_first_name(words[0]), name_key(words[words.len() - 1]));
            let middle: Vec<String> = words[1..words.len() - 1].iter().map(|w| name_key(w)).collect();
            let entry = by_ends.entry(key).or_default();
            if !middle.is_empty() {
                entry.0.insert(middle.join(" "));
            }
            entry.1.push(*id);
        }
        for (middles, ids) in by_ends.values() {
            if middles.len() == 1 {
                for pair in ids.windows(2) {
                    self.union(pair[0], pair[1]);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Pass 2: tagging

/// Every known spelling in one text, longest first, left to right: the mentions (entity = the
/// cluster root until `tag` renumbers them).
fn tag_text(text: &str, patterns: &Patterns) -> Vec<Mention> {
    // "&" folds to nothing and spellings drop it too, so "Dunn & Bradley" matches.
    // Every token's key in one string (a string per word was most of this stage's time in the
    // page), `keys[i]` its span.
    let mut toks = tokens(text);
    let mut all = String::with_capacity(text.len());
    let mut keys: Vec<(usize, usize)> = Vec::with_capacity(toks.len());
    toks.retain(|t| {
        let start = all.len();
        name_key_into(t.text, &mut all);
        let keep = all.len() > start;
        if keep {
            keys.push((start, all.len()));
        }
        keep
    });
    let key = |i: usize| &all[keys[i].0..keys[i].1];
    let mut mentions = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let hit = patterns.get(key(i)).and_then(|list| {
            list.iter().find(|(words, _, case)| {
                i + words.len() <= toks.len()
                    && words.iter().enumerate().all(|(k, a)| a == key(i + k))
                    && match case {
                        Case::Any => true,
                        Case::Capitalised => is_capitalised(toks[i].text),
                        Case::Acronym => is_acronym(strip_possessive(toks[i].text)),
                    }
            })
        });
        let Some((words, root, _)) = hit else {
            i += 1;
            continue;
        };
        let (start, end) = (toks[i].start, toks[i + words.len() - 1].end);
        let end = start + strip_possessive(&text[start..end]).len();
        mentions.push(Mention { start: start as u32, end: end as u32, entity: *root as u32 });
        i += words.len();
    }
    mentions
}

/// Folded first word → the spellings that start with it: (folded words, cluster root, case rule).
type Patterns = WordMap<Vec<(Vec<String>, usize, Case)>>;

/// How a spelling's case must match the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    Any,
    Capitalised,
    Acronym,
}

/// Per entity while tagging: surface spelling → count, documents, total mentions.
type Found = (BTreeMap<String, u32>, Vec<u32>, u32);

fn tag(documents: &mut [Document], table: &Table) -> Vec<Entity> {
    let table_roots: Vec<usize> = (0..table.clusters.len()).map(|id| table.root(id)).collect();
    // A detached place is an entity of its own (numbered after every cluster, so no root is
    // it), its mentions moved to the person's article by article (below).
    let detached_at = table.clusters.len();
    let entity_of = |id: usize| if table.detached.contains(&id) { detached_at + id } else { table_roots[id] };
    // Each merged entity's member clusters, grouped once (not rescanned per entity).
    let mut groups: BTreeMap<usize, Vec<&Cluster>> = BTreeMap::new();
    for (id, cluster) in table.clusters.iter().enumerate() {
        groups.entry(entity_of(id)).or_default().push(cluster);
    }
    let hidden = |root: usize| groups.get(&root).is_some_and(|members| members.iter().any(|c| c.hidden));
    // Every spelling of every visible cluster, as folded token sequences, indexed by first token.
    let mut patterns = Patterns::default();
    for (id, cluster) in table.clusters.iter().enumerate() {
        let root = entity_of(id);
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
            // ("fair deal alliance" for "international fair deal alliance"), cut only before
            // its first connector: after an "of" comes another name ("Sazoel Labs of Zomo
            // Group" is not "of Zomo Group", nor the group itself).
            if words.len() >= 4 && in_list(ORG_HEADS, &words[words.len() - 1]) {
                let own = words.iter().position(|w| in_list(CONNECTORS, w)).unwrap_or(words.len());
                for cut in 1..=(words.len() - 3).min(own.saturating_sub(1)) {
                    let tail = words[cut..].to_vec();
                    patterns.entry(tail[0].clone()).or_default().push((tail, root, Case::Any));
                }
            }
            // Single words must be capitalised in the text (brand "Orange", not the fruit), an
            // acronym written in capitals ("AS" is not "As"); multi-word spellings match in any
            // case ("long form (SF)" variants).
            let case = match words.len() {
                1 if is_acronym(spelling) => Case::Acronym,
                1 => Case::Capitalised,
                _ => Case::Any,
            };
            patterns.entry(words[0].clone()).or_default().push((words, root, case));
        }
    }
    for list in patterns.values_mut() {
        order::sort_by(list, |a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        list.dedup();
    }

    // root → (surface spelling → count), docs, mentions
    let mut found: BTreeMap<usize, Found> = BTreeMap::new();
    for (d, doc) in documents.iter_mut().enumerate() {
        doc.title_mentions = tag_text(&doc.title, &patterns);
        for sentence in doc.sentences.iter_mut() {
            sentence.mentions = if sentence.boilerplate { Vec::new() } else { tag_text(&sentence.text, &patterns) };
        }
        if !table.detached.is_empty() {
            person_by_article(doc, |e| e.checked_sub(detached_at).map(|id| table_roots[id]));
        }
        // Each mention into its entity's spellings, documents and count.
        let mut tally = |text: &str, mentions: &[Mention]| {
            for m in mentions {
                let surface = &text[m.start as usize..m.end as usize];
                let entry = found.entry(m.entity as usize).or_default();
                match entry.0.get_mut(surface) {
                    Some(count) => *count += 1,
                    None => {
                        entry.0.insert(surface.to_string(), 1);
                    }
                }
                if entry.1.last() != Some(&(d as u32)) {
                    entry.1.push(d as u32);
                }
                entry.2 += 1;
            }
        };
        tally(&doc.title, &doc.title_mentions);
        for sentence in &doc.sentences {
            tally(&sentence.text, &sentence.mentions);
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
        let kind = forced_kind.unwrap_or_else(|| decide_kind(members));
        let single_word = all_spellings.iter().all(|s| s.split_whitespace().count() == 1);
        // Drop what is likely capitalised noise: a sentence-initial word never confirmed, and a
        // one-word name with no evidence of any kind that is seen once or is a common English
        // word ("Echoes" capitalised by a translation).
        let common_word = all_spellings.iter().all(|s| gazetteer::get().is_common_word(s));
        if forced_name.is_none()
            && (weak
                || kind == EntityKind::Other
                    && single_word
                    && (mentions < 2 || common_word)
                    && !all_spellings.iter().any(|s| is_acronym(s)))
        {
            continue;
        }
        let mut aliases: Vec<Alias> = spellings.into_iter().map(|(text, count)| Alias { text, count }).collect();
        order::sort_by(&mut aliases, |a, b| b.count.cmp(&a.count).then(a.text.cmp(&b.text)));
        let name = forced_name.unwrap_or_else(|| canonical_name(&aliases));
        entities.push((root, Entity { name, kind, aliases, docs, mentions }));
    }
    order::sort_by(&mut entities, |a, b| {
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
    let renumber = |mentions: &mut Vec<Mention>| {
        mentions.retain_mut(|m| match index_of.get(&(m.entity as usize)) {
            Some(&i) => {
                m.entity = i;
                true
            }
            None => false,
        })
    };
    for doc in documents.iter_mut() {
        renumber(&mut doc.title_mentions);
        for sentence in doc.sentences.iter_mut() {
            renumber(&mut sentence.mentions);
        }
    }
    entities.into_iter().map(|(_, e)| e).collect()
}

/// The kind an entity's mentions vote for, or "other" when the evidence is thin (under 2) or
/// split (the winner has less than 60 % of it): a wrong kind is worse than none.
/// In one article, the mentions of a detached place (`person_of(e)` is the person's entity
/// for a detached `e`) become the person's where the article names the person too.
fn person_by_article(doc: &mut Document, person_of: impl Fn(usize) -> Option<usize>) {
    let all = || std::iter::once(&doc.title_mentions).chain(doc.sentences.iter().map(|s| &s.mentions)).flatten();
    let named: BTreeSet<u32> = all().map(|m| m.entity).collect();
    let moved = |m: &mut Mention| {
        if let Some(p) = person_of(m.entity as usize).filter(|&p| named.contains(&(p as u32))) {
            m.entity = p as u32;
        }
    };
    doc.title_mentions.iter_mut().for_each(moved);
    doc.sentences.iter_mut().flat_map(|s| s.mentions.iter_mut()).for_each(moved);
}

fn decide_kind(members: &[&Cluster]) -> EntityKind {
    let mut votes = [0u32; 4];
    for c in members {
        for (vote, add) in votes.iter_mut().zip(c.kind_votes) {
            *vote += add;
        }
    }
    let total: u32 = votes.iter().sum();
    let order = [EntityKind::Organisation, EntityKind::Person, EntityKind::Place];
    let best = order.iter().copied().max_by_key(|k| (votes[*k as usize], std::cmp::Reverse(*k as usize)));
    match best {
        Some(k) if votes[k as usize] >= 2 && votes[k as usize] * 10 >= total * 6 => k,
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

    /// The spellings of the entity called `name`, as written.
    fn alias_texts(c: &Corpus, name: &str) -> Vec<String> {
        entity(c, name).aliases.iter().map(|a| a.text.clone()).collect()
    }

    /// The entity one of whose spellings is `alias`, by its position.
    fn entity_of(c: &Corpus, alias: &str) -> Option<usize> {
        c.entities.iter().position(|e| e.aliases.iter().any(|a| a.text == alias))
    }

    /// Each name is an entity of its kind.
    fn assert_kinds(c: &Corpus, expected: &[(&str, EntityKind)]) {
        for &(name, kind) in expected {
            assert_eq!(entity(c, name).kind, kind, "{name}");
        }
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
    fn a_name_in_parentheses_joins_only_a_name_it_spells() {
        let c = build(&[
            "Oil rises\n\nLONDON (Reuters) - Oil prices rose on Monday as Saudi Arabia cut output.",
            "Talks end\n\nParis (Reuters) - Talks between France and Germany ended on Friday.",
            "Members\n\nThe members of President Vantessi (Vantiesi) complained. Later Vantessi spoke.",
        ]);
        let texts = |name: &str| alias_texts(&c, name);
        assert_eq!(texts("Reuters"), ["Reuters"]);
        assert!(c.entities.iter().all(|e| e.aliases.iter().all(|a| a.text != "Paris") || e.name == "Paris"));
        let vantessi = texts("Vantessi");
        assert!(vantessi.contains(&"Vantiesi".to_string()), "{vantessi:?}");
        assert_eq!(edit_distance(&['a', 'b'], &['b', 'a', 'c']), 2);
        assert!(spelled_alike("American College of Pediatricians", "ACPeds"));
        assert!(spelled_alike("Organization of the Petroleum Exporting Countries", "Opec"));
        assert!(spelled_alike("Kora Tech", "Koratech") && spelled_alike("Lena Voss", "Voss Lena"));
        assert!(!spelled_alike("Paris", "France") && !spelled_alike("John Smith", "Labour"));
    }

    #[test]
    fn a_long_name_is_not_found_by_the_name_after_its_of() {
        let c = build(&[
            "Title\n\nCandice, Sazoel Labs of Zomo Group said the ban was wrong.",
            "Title\n\nDana Quazo, the chair of Zomo Group, said so. Zomo Group later sued.",
            "Title\n\nAgain the chair of Zomo Group spoke, and Zomo Group sued again.",
        ]);
        let texts = |name: &str| alias_texts(&c, name);
        assert_eq!(texts("Sazoel Labs of Zomo Group"), ["Sazoel Labs of Zomo Group"]);
        assert_eq!(texts("Zomo Group"), ["Zomo Group"]);
        assert!(c.entities.iter().all(|e| !e.name.starts_with("of ")), "{:?}", c.entities);
    }

    #[test]
    fn a_given_name_that_is_also_a_common_word_still_opens_a_full_name() {
        let c = build(&[
            "Title\n\nBill Tarrow took the photo. The bill passed. They mark the day and bill the client.",
            "Title\n\nExecutive Mark Vessner said the mark was high. The German Enlightenment began.",
            "Title\n\nThey met Ronald Holder. Every holder of a card may vote.",
        ]);
        let kind = |name: &str| c.entities.iter().find(|e| e.name == name).map(|e| e.kind);
        assert_eq!(kind("Bill Tarrow"), Some(EntityKind::Person), "{:?}", c.entities);
        assert_eq!(kind("Mark Vessner"), Some(EntityKind::Person), "{:?}", c.entities);
        // A listed surname that is also a word ("holder") is not cut off after a given name.
        assert_eq!(kind("Ronald Holder"), Some(EntityKind::Person), "{:?}", c.entities);
        // A nationality is not a given name here.
        assert!(c.entities.iter().all(|e| !e.name.starts_with("German")), "{:?}", c.entities);
    }

    #[test]
    fn the_place_after_an_of_is_not_a_surname_of_the_name() {
        let c = build(&["Title\n\nShe entered the University of Varnholm in 1877. In 1888 she returned to Varnholm."]);
        let texts = |name: &str| alias_texts(&c, name);
        assert_eq!(texts("University of Varnholm"), ["University of Varnholm"], "{:?}", c.entities);
    }

    #[test]
    fn a_city_and_a_plural_name_a_team_not_a_person() {
        let c = build(&[
            "Title\n\nThe Houston Harriers beat the Montreal Trawlers on Sunday and lost to the Toronto Grey Herons.",
        ]);
        let kind = |name: &str| c.entities.iter().find(|e| e.name == name).map(|e| e.kind);
        assert_eq!(kind("Houston Harriers"), Some(EntityKind::Organisation), "{:?}", c.entities);
        assert_eq!(kind("Montreal Trawlers"), Some(EntityKind::Organisation), "{:?}", c.entities);
        // More than one word after the city.
        assert_eq!(kind("Toronto Grey Herons"), Some(EntityKind::Organisation), "{:?}", c.entities);
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
    fn a_middle_name_joins_the_name_without_it_unless_two_middles_differ() {
        let c = build(&[
            "Title\n\nThe lawyer Mark Jay Heller spoke to reporters.",
            "Title\n\nMark Heller said his client was tired. Heller left the court.",
        ]);
        let heller = entity_of(&c, "Mark Heller");
        assert!(heller.is_some(), "{:?}", names(&c));
        assert_eq!(entity_of(&c, "Mark Jay Heller"), heller, "{:?}", names(&c));
        assert_eq!(entity_of(&c, "Heller"), heller, "{:?}", names(&c));
        let c = build(&[
            "Title\n\nThe painter Anna Maria Lund met the envoy. Her sister Anna Sofia Lund met him later.",
            "Title\n\nAnna Lund said little.",
        ]);
        let maria = entity_of(&c, "Anna Maria Lund");
        assert!(maria.is_some() && entity_of(&c, "Anna Sofia Lund").is_some(), "{:?}", names(&c));
        assert_ne!(maria, entity_of(&c, "Anna Sofia Lund"), "{:?}", names(&c));
        assert_ne!(maria, entity_of(&c, "Anna Lund"), "{:?}", names(&c));
    }

    #[test]
    fn a_middle_initial_keeps_a_name_whole() {
        let c = build(&[
            "Title\n\nIn 1963 John F. Kennedy was killed in Dallas. Kennedy had been president since 1961. Later George W. Bush and Michael J. Fox came.",
            "Title\n\nThe group was founded by the writer L. Ron Hubbard. Hubbard wrote its rules.",
        ]);
        let person = |name: &str| entity(&c, name).kind == EntityKind::Person;
        for name in ["John F. Kennedy", "George W. Bush", "Michael J. Fox", "L. Ron Hubbard"] {
            assert!(entity_of(&c, name).is_some() && person(name), "{name}: {:?}", names(&c));
        }
        // The surname alone joins the whole name; no half of it is a name of its own.
        assert_eq!(entity_of(&c, "Kennedy"), entity_of(&c, "John F. Kennedy"), "{:?}", names(&c));
        assert_eq!(entity_of(&c, "Hubbard"), entity_of(&c, "L. Ron Hubbard"), "{:?}", names(&c));
        for half in ["Michael", "George W", "Fox", "Ron Hubbard"] {
            assert!(!names(&c).contains(&half.to_string()), "{half}: {:?}", names(&c));
        }
    }

    #[test]
    fn a_big_city_alone_is_the_persons_name_only_in_the_persons_article() {
        let c = build(&[
            "Title\n\nThe former member Valeska Paris spoke to reporters. Paris said she was held on a ship.",
            "Title\n\nThe climate summit in Paris ended on Friday. Leaders left Paris on Saturday.",
        ]);
        let person = entity(&c, "Valeska Paris");
        assert_eq!(person.kind, EntityKind::Person, "{:?}", names(&c));
        assert!(person.aliases.iter().any(|a| a.text == "Paris"), "{:?}", person.aliases);
        let city = c.entities.iter().find(|e| e.name == "Paris").expect("the city stays a name of its own");
        assert_eq!((city.kind, city.mentions, city.docs.as_slice()), (EntityKind::Place, 2, &[1u32][..]));
    }

    #[test]
    fn a_given_name_alone_joins_a_persons_name_not_a_companys() {
        let c = build(&[
            "Title\n\nThe airline Adam Air lost a plane. Adam Air said the crew was safe.",
            "Title\n\nThe story is told by the man Adam and the woman Eva.",
            "Title\n\nThe painter Michael Lund met the envoy.",
            "Title\n\nLater Michael spoke to reporters.",
        ]);
        assert_eq!(entity(&c, "Adam Air").kind, EntityKind::Organisation);
        assert_ne!(entity_of(&c, "Adam"), entity_of(&c, "Adam Air"), "{:?}", names(&c));
        assert_eq!(entity_of(&c, "Michael"), entity_of(&c, "Michael Lund"), "{:?}", names(&c));
    }

    #[test]
    fn a_known_place_alone_joins_only_a_persons_full_name() {
        let c = build(&[
            "Title\n\nThe show Access Hollywood reported it first.",
            "Title\n\nShe moved to Hollywood last year. Hollywood was quiet.",
            "Title\n\nJovaniel Cordova, 23, was arrested. Cordova said nothing.",
        ]);
        let of = |alias: &str| entity_of(&c, alias);
        assert!(of("Hollywood").is_some(), "{:?}", names(&c));
        assert_ne!(of("Hollywood"), of("Access Hollywood"), "{:?}", names(&c));
        assert_eq!(entity(&c, "Hollywood").kind, EntityKind::Place);
        assert_eq!(of("Cordova"), of("Jovaniel Cordova"), "{:?}", names(&c));
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
        // Nationality words are not names of places (nor names at all).
        let n = names(&c);
        assert!(
            !n.iter().any(|x| x.starts_with("China") || x.starts_with("Italy") || x.starts_with("Chinese")),
            "{n:?}"
        );
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
    fn an_ampersand_between_two_full_names_joins_two_people_not_a_firm() {
        let c = build(&[
            "Title\n\nThe station had hosts such as David Christison & Lee Tate, Howard Sattler and Marks & Spencer.",
        ]);
        use EntityKind::*;
        assert_kinds(&c, &[("David Christison", Person), ("Lee Tate", Person), ("Howard Sattler", Person)]);
        assert!(entity_of(&c, "David Christison & Lee Tate").is_none(), "{:?}", names(&c));
        // One word on a side is still one name: a firm's.
        entity(&c, "Marks & Spencer");
    }

    #[test]
    fn particles_belong_to_a_family_name_and_a_capital_one_opens_a_name() {
        let c = build(&[
            "Title\n\nUrsula von der Leyen spoke in Brussels. Mohammed bin Salman met Charles de Gaulle.",
            "Title\n\nLater, von der Leyen and Le Pen met. Marine Le Pen spoke. Le Monde reported it.",
        ]);
        use EntityKind::Person;
        assert_kinds(&c, &[("Ursula von der Leyen", Person), ("Mohammed bin Salman", Person)]);
        assert_kinds(&c, &[("Charles de Gaulle", Person), ("Marine Le Pen", Person)]);
        // The family name alone, with its particles, joins the full name.
        for (alone, full) in [("Le Pen", "Marine Le Pen"), ("Leyen", "Ursula von der Leyen")] {
            assert!(entity_of(&c, alone).is_some() && entity_of(&c, alone) == entity_of(&c, full), "{:?}", names(&c));
        }
        // A capitalised particle opens a name; "LA" is no particle.
        assert!(names(&c).iter().any(|n| n.starts_with("Le Monde [")), "{:?}", names(&c));
        let la = build(&["Title\n\nThe LA Weekly wrote about Los Angeles. LA is big. Los Angeles grew."]);
        assert_kinds(&la, &[("Los Angeles", EntityKind::Place)]);
    }

    #[test]
    fn a_lifes_events_kin_and_dates_say_person() {
        let c = build(&[
            "Title\n\nIn 1830 Quellet returned to Lyon. Then Quellet died there. Later Quellet's brother wrote.",
            "Title\n\nZorvan Brekk (6 October 1895 - 8 September 1960) directed films. Brekk made forty.",
            "Title\n\nEast Germany (1949 - 1990) was a state. The retailer Zentaro grew in East Germany.",
        ]);
        use EntityKind::{Organisation, Person, Place};
        assert_kinds(&c, &[("Quellet", Person), ("Zorvan Brekk", Person), ("East Germany", Place)]);
        assert_kinds(&c, &[("Zentaro", Organisation)]);
    }

    #[test]
    fn a_musicians_role_and_a_middle_or_leading_initial_say_person() {
        let c = build(&[
            "Title\n\nThe band had saxophonist Zorvan Quellet in it.",
            "Title\n\nThe report by Delwar J. Brekkan and C. H. Tomasko was read.",
        ]);
        use EntityKind::Person;
        assert_kinds(&c, &[("Zorvan Quellet", Person), ("Delwar J. Brekkan", Person), ("C. H. Tomasko", Person)]);
    }

    #[test]
    fn in_before_an_unknown_acronym_says_no_place() {
        let c = build(&[
            "Title\n\nIt was the longest streak in NCAA history. He played in NCAA finals twice. Fans in the US and in LA cheered.",
        ]);
        use EntityKind::{Organisation, Place};
        assert_kinds(&c, &[("NCAA", Organisation), ("United States", Place)]);
    }

    #[test]
    fn a_family_name_of_several_people_is_a_person_but_joins_none() {
        let c = build(&[
            "Title\n\nDonald Quellet met Ivanka Quellet in Berlin. Later Quellet spoke to reporters.",
            "Title\n\nKanye West and Cornel West spoke. Both criticised the West in their talks.",
        ]);
        let quellet = entity_of(&c, "Quellet");
        assert!(quellet.is_some() && quellet != entity_of(&c, "Donald Quellet"), "{:?}", names(&c));
        assert_kinds(&c, &[("Quellet", EntityKind::Person)]);
        assert!(!names(&c).contains(&"West [person]".to_string()), "{:?}", names(&c));
    }

    #[test]
    fn a_clear_kind_is_lent_along_a_list() {
        // Only the first is clearly a person (a title before it); Johnson has a known surname,
        // too little alone, and once lent a person's vote is clear and lends it to Wepner. (A
        // name with nothing of its own takes the lent vote but does not pass it on: Knoetze.)
        let c =
            build(&["Title\n\nThe card brought Mr. Larry Middleton, Bunny Johnson, Chuck Wepner and Kallie Knoetze \
                         to the ring in Minneapolis last spring."]);
        assert_kinds(
            &c,
            &[
                ("Larry Middleton", EntityKind::Person),
                ("Bunny Johnson", EntityKind::Person),
                ("Chuck Wepner", EntityKind::Person),
            ],
        );
    }

    #[test]
    fn city_of_names_a_place_and_a_verb_a_work() {
        let c = build(&[
            "Title\n\nThe City of Brampton approved the plan, and the Roman Catholic Diocese of Lugano agreed. \
             She starred in Chasing Liberty and in Brideshead Revisited. Peyton Manning watched.",
        ]);
        assert_kinds(
            &c,
            &[
                ("City of Brampton", EntityKind::Place),
                ("Roman Catholic Diocese of Lugano", EntityKind::Organisation),
                ("Peyton Manning", EntityKind::Person),
            ],
        );
        for name in ["Chasing Liberty", "Brideshead Revisited"] {
            assert_ne!(entity(&c, name).kind, EntityKind::Person, "{:?}", names(&c));
        }
    }

    #[test]
    fn a_nationality_last_is_no_persons_name_unless_a_known_surname() {
        let c = build(&["Title\n\nHe was praised by the Odessa American and named by the Austin American-Statesman. \
             The comedian Dawn French said she was delighted."]);
        for name in ["Odessa American", "Austin American-Statesman"] {
            assert_ne!(entity(&c, name).kind, EntityKind::Person, "{:?}", names(&c));
        }
        assert_kinds(&c, &[("Dawn French", EntityKind::Person)]);
    }

    #[test]
    fn a_head_inside_a_name_is_no_persons_name() {
        let c =
            build(&["Title\n\nCrowds filled the Kennedy Space Center Visitor area. Eric Temple Bell wrote a book."]);
        assert_ne!(entity(&c, "Kennedy Space Center Visitor").kind, EntityKind::Person, "{:?}", names(&c));
        assert_kinds(&c, &[("Eric Temple Bell", EntityKind::Person)]);
    }

    #[test]
    fn a_possessive_after_a_comma_is_an_apposition_not_a_list() {
        // The firm's kind would otherwise pass to the word before it, in every copy.
        let text = "Title\n\nZentaro, the carrier, grew. On Monday, Lee, Zentaro's legal adviser Vantor said so.";
        let c = build(&[text, text, text]);
        assert_ne!(entity(&c, "Lee").kind, EntityKind::Organisation, "{:?}", names(&c));
    }

    #[test]
    fn a_role_before_a_name_or_heading_its_apposition_says_person() {
        let c = build(&[
            "Title\n\nHe trailed Republican nominee Ken Cuccinelli in the poll.",
            "Title\n\nWalt Whitman, the first great American poet, wrote about the war.",
        ]);
        use EntityKind::*;
        assert_kinds(&c, &[("Ken Cuccinelli", Person), ("Walt Whitman", Person)]);
    }

    #[test]
    fn a_known_place_is_no_organisation_for_its_head_word_and_a_clubs_city_is() {
        let c = build(&[
            "Title\n\nShe loaded ferry boats in Jersey City. Manchester City won the cup in the West Bank.",
            "Title\n\nThe pianist toured the Soviet Union and later settled in Gibson City.",
            "Title\n\nShips sail on Lake Erie near County Durham. Tourists visit Atlantic City.",
        ]);
        use EntityKind::*;
        assert_kinds(&c, &[("Jersey City", Place), ("Manchester City", Organisation), ("West Bank", Place)]);
        // A former state is a place; "City" after a name that is no known city (a region or an
        // ocean neither) names a town.
        assert_kinds(&c, &[("Soviet Union", Place), ("Gibson City", Place), ("Atlantic City", Place)]);
        // "Lake", "County" open a place.
        assert_kinds(&c, &[("Lake Erie", Place), ("County Durham", Place)]);
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
    fn a_listed_name_written_in_two_words_is_that_name_not_two_run_together() {
        // "Zen" is listed as the short name of "Zentaro": "Zen Taro" has Zentaro's letters, so
        // it is one more spelling of it, not "Zen" followed by a name "Taro".
        let toml = "[[entity]]\nname = \"Zentaro\"\naliases = [\"Zen\"]\nkind = \"organisation\"\n";
        let text = "T\n\nZentaro opened a store. Zen said so. Buyers praised Zen Taro, whose platform grew.";
        let c = Corpus::build(&[Source { id: "a", text }], Some(toml));
        let z = entity(&c, "Zentaro");
        let spellings: Vec<&str> = z.aliases.iter().map(|a| a.text.as_str()).collect();
        assert!(spellings.contains(&"Zen Taro"), "{spellings:?}");
        assert_eq!(z.mentions, 3);
        assert!(!names(&c).iter().any(|n| n == "Taro"), "{:?}", names(&c));
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

    #[test]
    fn titles_and_employers_are_split_from_names() {
        let c = build(&[
            "Title\n\nOn the same day, Prime Minister Ana Costa met the man who leads the firm, Zentaro Chief Executive Bo Lindqvist. Then the Chief Executive Officer of General Motors Fritz Henderson spoke to the press about the deal.",
        ]);
        assert_eq!(entity(&c, "Ana Costa").kind, EntityKind::Person);
        assert_eq!(entity(&c, "Bo Lindqvist").kind, EntityKind::Person);
        assert_eq!(entity(&c, "Fritz Henderson").kind, EntityKind::Person);
        assert_eq!(entity(&c, "General Motors").kind, EntityKind::Organisation);
        assert!(!names(&c).iter().any(|n| n.contains("Minister") || n.contains("Executive")), "{:?}", names(&c));
        // A person "of" where they work: two names, while "Bank of England" stays one.
        let c = build(&[
            "Title\n\nWe spoke with Isabel Ruiz of Heaven Sent Gaming about it, and the Bank of England agreed.",
        ]);
        assert_eq!(entity(&c, "Isabel Ruiz").kind, EntityKind::Person);
        assert!(c.entity_by_name("Heaven Sent Gaming").is_some() && c.entity_by_name("Bank of England").is_some());
    }

    #[test]
    fn heads_decide_organisations_and_places() {
        let c = build(&[
            "Title\n\nResearchers at the University of Helsinki and the Centre for Social Evolution flew from Suvarnabhumi Airport over the Atlantic Ocean with Hainan Airlines.",
        ]);
        assert_kinds(
            &c,
            &[
                ("University of Helsinki", EntityKind::Organisation),
                ("Centre for Social Evolution", EntityKind::Organisation),
                ("Suvarnabhumi Airport", EntityKind::Place),
                ("Atlantic Ocean", EntityKind::Place),
                ("Hainan Airlines", EntityKind::Organisation),
            ],
        );
    }

    #[test]
    fn a_heads_of_phrase_and_the_words_before_a_head_belong_to_the_name() {
        // The same words also written in lower case, as news does: capitals alone decide.
        let c = build(&[
            "Title\n\nThe Department of Justice and the Massachusetts Institute of Technology replied, as did the Mortgage Bankers Association, the US National Park Service, the NTU Hospital and the Greek Ministry of Culture.\n\nThe justice department, a technology institute, mortgage bankers, a national park, a hospital and the culture ministry were not named.",
        ]);
        assert_kinds(
            &c,
            &[
                ("Department of Justice", EntityKind::Organisation),
                ("Massachusetts Institute of Technology", EntityKind::Organisation),
                ("Mortgage Bankers Association", EntityKind::Organisation),
                ("US National Park Service", EntityKind::Organisation),
                ("NTU Hospital", EntityKind::Organisation),
                ("Greek Ministry of Culture", EntityKind::Organisation),
            ],
        );
        // At a sentence's start a capital says nothing: the common word stays out.
        let c = build(&[
            "Title\n\nMortgage Bankers Association figures came out. Mortgage rates rose, and mortgage lenders waited.",
        ]);
        assert_eq!(entity(&c, "Bankers Association").kind, EntityKind::Organisation);
    }

    #[test]
    fn and_joins_common_words_to_a_headed_name_but_not_two_names() {
        let c = build(&[
            "Title\n\nThe Securities and Exchange Commission and the Food and Drug Administration said Apple and Google Inc. would answer, as would Chrysler LLC.\n\nRules on securities, food and drug prices were discussed.",
        ]);
        for name in [
            "Securities and Exchange Commission",
            "Food and Drug Administration",
            "Apple",
            "Google Inc.",
            "Chrysler LLC",
        ] {
            assert_eq!(entity(&c, name).kind, EntityKind::Organisation, "{name}");
        }
    }

    #[test]
    fn a_common_word_before_a_given_name_and_a_surname_is_a_role() {
        let c = build(&[
            "Title\n\nOn Monday the board heard from NASA Administrator Charles Bolden, from Biologist Nick Bos and from Sheriff Lee Baca.\n\nThe office was the administrator's, and a biologist's.",
        ]);
        for name in ["Charles Bolden", "Nick Bos", "Lee Baca"] {
            assert_eq!(entity(&c, name).kind, EntityKind::Person, "{name}");
        }
        assert!(
            !names(&c).iter().any(|n| n.starts_with("Administrator") || n.starts_with("Biologist")),
            "{:?}",
            names(&c)
        );
    }

    #[test]
    fn papers_and_bases_are_named_and_greetings_are_not_names() {
        let c = build(&[
            "Title\n\nThe Washington Post and Fox News reported that Wright-Patterson Air Force Base was closed. \"Hey Frank, it is over,\" Frank Hale told the Saudi Gazette.\n\nThe post office, the news desk and the base stayed open.",
        ]);
        assert_kinds(
            &c,
            &[
                ("Washington Post", EntityKind::Organisation),
                ("Fox News", EntityKind::Organisation),
                ("Wright-Patterson Air Force Base", EntityKind::Place),
                ("Saudi Gazette", EntityKind::Organisation),
                ("Frank Hale", EntityKind::Person),
            ],
        );
        assert!(!names(&c).iter().any(|n| n.starts_with("Hey")), "{:?}", names(&c));
        // A title's last word names a paper, not a person.
        let c = build(&["Title\n\nHe wrote for the Orlando Sentinel and the Austin Observer."]);
        assert_kinds(
            &c,
            &[("Orlando Sentinel", EntityKind::Organisation), ("Austin Observer", EntityKind::Organisation)],
        );
    }

    #[test]
    fn abbreviations_keep_their_full_stop_and_gazetteer_places_their_kind() {
        let c = build(&["Title\n\nOrvel Inc. opened offices in the U.S. and in Kuwait, near Lagos and Brooklyn."]);
        assert!(entity(&c, "Orvel Inc.").aliases.iter().any(|a| a.text == "Orvel Inc."));
        for place in ["United States", "Kuwait", "Lagos", "Brooklyn"] {
            assert_eq!(entity(&c, place).kind, EntityKind::Place, "{place}");
        }
    }

    #[test]
    fn a_lone_surname_joins_its_full_name_and_makes_it_a_person() {
        let c = build(&["Title\n\nThe board named Ilse Vandermeer as its head. Vandermeer, 51, starts on Monday."]);
        let e = entity(&c, "Ilse Vandermeer");
        assert_eq!(e.kind, EntityKind::Person);
        assert!(e.aliases.iter().any(|a| a.text == "Vandermeer"), "{:?}", e.aliases);
        // A thing's last word alone joins it too, but a common word that is no surname says
        // nothing of a person: the name stays "other", not a guess.
        let c = build(&[
            "Title\n\nApple opened the App Store for developers. Sales in the Store rose.",
            "Title\n\nOn Monday the Space Shuttle Discovery landed in Florida. Discovery carried seven astronauts.",
        ]);
        for (name, alone) in [("App Store", "Store"), ("Space Shuttle Discovery", "Discovery")] {
            assert_eq!(entity_of(&c, alone), entity_of(&c, name), "{:?}", names(&c));
            assert_ne!(entity(&c, name).kind, EntityKind::Person, "{name}");
        }
        // A surname that is also a word still does ("Tim Cook ... Cook said").
        let c = build(&["Title\n\nThe chief Tim Cook spoke on Monday. Later Cook said sales rose."]);
        assert_eq!(entity(&c, "Tim Cook").kind, EntityKind::Person);
    }

    #[test]
    fn thin_evidence_stays_other_and_common_words_are_not_names() {
        let c = build(&["Title\n\nThe square Echoes of protest rang. Echoes of protest rang again near Qorvath."]);
        let n = names(&c);
        assert!(!n.iter().any(|x| x.starts_with("Echoes")), "{n:?}");
    }

    #[test]
    fn names_in_titles_are_mentions_too() {
        let mut c = build(&["Zentaro Group buys Orvel\n\nThe Zentaro Group said it bought a rival."]);
        let id = c.entity_by_name("Zentaro Group").unwrap();
        let doc = c.documents.remove(0);
        assert!(doc.title_mentions.iter().any(|m| m.entity == id), "{:?}", doc.title_mentions);
    }
}
