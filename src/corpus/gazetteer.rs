//! Evidence for the kind of a name: countries, demonyms, regions, cities, given names,
//! surnames and common English words, from maintained registry packages (see `data/gazetteer/SOURCES.md`; regenerated
//! by `scripts/gazetteer.py`). The lists are data, so they live in `data/`, not beside the code.
//!
//! The lists are compiled into whatever analyses text (the build script, the CLI, an analysing
//! worker) and never into the start-up page, which only decodes a corpus built ahead of time: the
//! linker drops this module there because nothing reachable calls it.
//!
//! Lookups take any spelling and compare folded keys (lower-case letters and digits), so "U.S."
//! and "US", "Côte d'Ivoire" and "cote divoire" agree. Membership is evidence, not a verdict: the
//! entity stage weighs it against context (a city called "Jackson" and a man called Jackson).
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use super::text;

/// The lookup key: the search fold ("Côte" → "cote") without anything but letters and digits.
fn fold(name: &str) -> String {
    text::fold(name).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// What the gazetteer knows about one spelling.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// A country or territory (any listed name or alias).
    pub country: bool,
    /// A first-level region, a continent or a world region.
    pub region: bool,
    /// A city of 50 000 people or more, or a capital.
    pub city: bool,
    /// A city of a million people or more: known well enough that a given name of the same
    /// spelling ("Paris") does not make it doubtful.
    pub big_city: bool,
    /// Listed as also a common given name or English word ("Chad", "Victoria", "Reading"), or a
    /// smaller place spelled like a given name: place evidence from the list alone is weak.
    pub ambiguous: bool,
}

impl Facts {
    pub fn place(self) -> bool {
        self.country || self.region || self.city
    }
}

pub struct Gazetteer {
    places: BTreeMap<String, Facts>,
    /// folded demonym → canonical country name
    demonyms: BTreeMap<String, &'static str>,
    /// folded country alias → canonical country name
    countries: BTreeMap<String, &'static str>,
    given: BTreeSet<String>,
    surnames: BTreeSet<String>,
    /// Common lower-case English words (SCOWL sizes 10–20).
    words: BTreeSet<String>,
}

const COUNTRIES: &str = include_str!("../../data/gazetteer/countries.tsv");
const DEMONYMS: &str = include_str!("../../data/gazetteer/demonyms.tsv");
const REGIONS: &str = include_str!("../../data/gazetteer/regions.tsv");
const CITIES: &str = include_str!("../../data/gazetteer/cities.tsv");
const AMBIGUOUS: &str = include_str!("../../data/gazetteer/ambiguous.txt");
const GIVEN_NAMES: &str = include_str!("../../data/gazetteer/given_names.txt");
const SURNAMES: &str = include_str!("../../data/gazetteer/surnames.txt");
const ENGLISH_WORDS: &str = include_str!("../../data/gazetteer/english_words.txt");

/// The gazetteer, parsed once per process.
pub fn get() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::parse)
}

impl Gazetteer {
    fn parse() -> Gazetteer {
        let mut g = Gazetteer {
            places: BTreeMap::new(),
            demonyms: BTreeMap::new(),
            countries: BTreeMap::new(),
            given: BTreeSet::new(),
            surnames: BTreeSet::new(),
            words: BTreeSet::new(),
        };
        for line in rows(COUNTRIES) {
            let mut cols = line.split('\t');
            let Some(canonical) = cols.next().map(str::trim).filter(|c| !c.is_empty()) else { continue };
            let aliases = cols.next().unwrap_or("");
            for name in std::iter::once(canonical).chain(aliases.split('|').map(str::trim)) {
                if name.is_empty() {
                    continue;
                }
                g.countries.entry(fold(name)).or_insert(canonical);
                g.places.entry(fold(name)).or_default().country = true;
            }
        }
        for line in rows(DEMONYMS) {
            if let Some((demonym, country)) = line.split_once('\t') {
                let country = country.split('\t').next().unwrap_or("").trim();
                if !country.is_empty() {
                    g.demonyms.entry(fold(demonym)).or_insert(country);
                }
            }
        }
        for line in rows(REGIONS) {
            let name = line.split('\t').next().unwrap_or("");
            g.places.entry(fold(name)).or_default().region = true;
        }
        for line in rows(CITIES) {
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or("");
            let population: u64 = cols.nth(1).and_then(|p| p.trim().parse().ok()).unwrap_or(0);
            let facts = g.places.entry(fold(name)).or_default();
            facts.city = true;
            facts.big_city |= population >= 1_000_000;
        }
        for name in rows(AMBIGUOUS) {
            if let Some(f) = g.places.get_mut(&fold(name)) {
                f.ambiguous = true;
            }
        }
        g.given = rows(GIVEN_NAMES).map(fold).collect();
        g.surnames = rows(SURNAMES).map(fold).collect();
        g.words = rows(ENGLISH_WORDS).map(str::to_string).collect();
        // A smaller place that is also a common given name is ambiguous too ("Florence",
        // "Jackson"); countries and big cities keep their standing ("Israel", "Paris").
        let given = &g.given;
        for (key, facts) in g.places.iter_mut() {
            if given.contains(key) && !facts.country && !facts.big_city {
                facts.ambiguous = true;
            }
        }
        g.places.remove("");
        g.given.remove("");
        g.surnames.remove("");
        g
    }

    /// What is known of a whole name as a place.
    pub fn place(&self, name: &str) -> Facts {
        self.places.get(&fold(name)).copied().unwrap_or_default()
    }

    /// The canonical country a name or alias stands for ("U.S." → "United States").
    pub fn country(&self, name: &str) -> Option<&'static str> {
        self.countries.get(&fold(name)).copied()
    }

    /// The country a demonym belongs to ("Kuwaiti" → "Kuwait").
    pub fn demonym(&self, word: &str) -> Option<&'static str> {
        self.demonyms.get(&fold(word)).copied()
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        self.given.contains(&fold(word))
    }

    pub fn is_surname(&self, word: &str) -> bool {
        self.surnames.contains(&fold(word))
    }

    /// A common English word ("voices", "luxury"), whatever its case in the text.
    pub fn is_common_word(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }
}

/// Non-empty, non-comment lines.
fn rows(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_demonyms_and_aliases_resolve() {
        let g = get();
        assert!(g.place("Kuwait").country && g.place("Pakistan").country);
        assert_eq!(g.demonym("Pakistani"), Some("Pakistan"));
        assert_eq!(g.country("U.S."), g.country("United States"));
        assert!(g.country("United States").is_some());
    }

    #[test]
    fn cities_regions_and_names() {
        let g = get();
        assert!(g.place("Lagos").city && g.place("Texas").region);
        assert!(g.is_given_name("Maria") && g.is_given_name("Mohammed"));
        assert!(!g.is_given_name("Coalition") && !g.place("Coalition").place());
        assert!(g.is_common_word("Echoes") && !g.is_common_word("Zentaro"));
    }

    #[test]
    fn places_that_are_also_given_names_are_ambiguous() {
        let g = get();
        assert!(g.place("Chad").country && g.place("Chad").ambiguous);
        assert!(!g.place("Pakistan").ambiguous && !g.place("Israel").ambiguous && !g.place("Paris").ambiguous);
    }
}
