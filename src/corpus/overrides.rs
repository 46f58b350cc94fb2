//! The optional `seeds/entities.toml`: what the text alone cannot tell, from the corpus owner.
//!
//! Read with the `toml` crate (build time and the analysing worker only; the start-up page never
//! parses it):
//!
//! ```toml
//! # Why: the Chinese name of the same person.
//! [[entity]]
//! name = "John Roe"          # canonical name shown on the chip (also a spelling to find)
//! aliases = ["Roe Jian"]      # more spellings that are the same entity
//! kind = "person"           # person | organisation | place | other
//! hide = false              # true: never show it
//!
//! # Why: the clipping service's record says when it ran.
//! [[article]]
//! id = "003_clipping"        # the file stem
//! date = "2016-05-14"        # a day, "2016-05", "2016", or "2016-05-14..2016-05-18"
//! ```
//!
//! An `[[article]]` date is the article's date as front matter would give it: its relative
//! dates and every article dated from it follow.
//!
//! Anything not understood becomes a warning naming the entry; it never fails. A file that is not
//! TOML at all gives one warning with the parser's line and column, and no overrides.

use super::time::{DateValue, Day, Precision};
use super::EntityKind;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    pub entities: Vec<EntityRule>,
    pub articles: Vec<ArticleDateRule>,
}

/// One `[[article]]` table: an article's date, set by the corpus owner (or a reader).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleDateRule {
    pub id: String,
    pub date: DateValue,
}

/// One `[[entity]]` table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntityRule {
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: Option<EntityKind>,
    pub hide: bool,
}

pub fn parse(text: &str) -> (Overrides, Vec<String>) {
    let mut overrides = Overrides::default();
    let mut warnings = Vec::new();
    if text.trim().is_empty() {
        return (overrides, warnings);
    }
    let table = match toml::from_str::<toml::Table>(text) {
        Ok(t) => t,
        Err(e) => {
            let message = e.message().trim();
            let at = e.span().map(|s| format!(" (line {})", line_of(text, s.start))).unwrap_or_default();
            warnings.push(format!("entities.toml is not valid TOML{at}: {message}; no overrides applied"));
            return (overrides, warnings);
        }
    };
    for (key, value) in &table {
        if key == "article" {
            article_rules(value, &mut overrides, &mut warnings);
            continue;
        }
        if key != "entity" {
            warnings.push(format!(
                "entities.toml: unknown top-level key “{key}” (expected [[entity]] or [[article]] tables)"
            ));
            continue;
        }
        let Some(list) = value.as_array() else {
            warnings.push("entities.toml: “entity” must be written as [[entity]] tables".to_string());
            continue;
        };
        for (n, item) in list.iter().enumerate() {
            let label = format!("entities.toml [[entity]] #{}", n + 1);
            match item.as_table() {
                Some(t) => {
                    if let Some(rule) = entity_rule(t, &label, &mut warnings) {
                        overrides.entities.push(rule);
                    }
                }
                None => warnings.push(format!("{label}: not a table")),
            }
        }
    }
    (overrides, warnings)
}

/// The `[[article]]` tables: an id and a date each; anything else is a warning.
fn article_rules(value: &toml::Value, overrides: &mut Overrides, warnings: &mut Vec<String>) {
    let Some(list) = value.as_array() else {
        warnings.push("entities.toml: “article” must be written as [[article]] tables".to_string());
        return;
    };
    for (n, item) in list.iter().enumerate() {
        let label = format!("entities.toml [[article]] #{}", n + 1);
        let Some(t) = item.as_table() else {
            warnings.push(format!("{label}: not a table"));
            continue;
        };
        let id = t.get("id").and_then(|v| v.as_str()).map(str::trim).unwrap_or("");
        let date = t.get("date").and_then(|v| v.as_str()).and_then(parse_date);
        for other in t.keys().filter(|k| !matches!(k.as_str(), "id" | "date")) {
            warnings.push(format!("{label}: unknown key “{other}”"));
        }
        match (id.is_empty(), date) {
            (false, Some(date)) => overrides.articles.push(ArticleDateRule { id: id.to_string(), date }),
            (true, _) => warnings.push(format!("{label} has no id; ignored")),
            (false, None) => warnings.push(format!(
                "{label}: date must be a day \"2016-05-14\", a month \"2016-05\", a year \"2016\" or a range \"2016-05-14..2016-05-18\"; ignored"
            )),
        }
    }
}

/// "2016-05-14", "2016-05", "2016" or "2016-05-14..2016-05-18" (the same forms the export
/// writes), as a date at its precision.
pub fn parse_date(text: &str) -> Option<DateValue> {
    let text = text.trim();
    if let Some((a, b)) = text.split_once("..") {
        let (a, b) = (parse_date(a)?, parse_date(b)?);
        return (a.start <= b.end).then_some(DateValue { start: a.start, end: b.end, precision: Precision::Range });
    }
    let parts: Vec<&str> = text.split('-').collect();
    let day = Day::parse_iso(text)?;
    match parts.len() {
        1 => DateValue::year(day.year),
        2 => DateValue::month(day.year, day.month),
        3 => Some(DateValue::day(day)),
        _ => None,
    }
}

/// One `[[entity]]` table; `None` (with a warning) when it has no usable name.
fn entity_rule(table: &toml::Table, label: &str, warnings: &mut Vec<String>) -> Option<EntityRule> {
    let mut rule = EntityRule::default();
    for (key, value) in table {
        match key.as_str() {
            "name" => match value.as_str() {
                Some(s) => rule.name = s.trim().to_string(),
                None => warnings.push(format!("{label}: name must be a quoted string")),
            },
            "aliases" => match string_list(value) {
                Some(list) => rule.aliases = list,
                None => warnings.push(format!("{label}: aliases must be a list of quoted strings")),
            },
            "kind" => match value.as_str().and_then(kind_of) {
                Some(kind) => rule.kind = Some(kind),
                None => {
                    warnings.push(format!("{label}: kind must be \"person\", \"organisation\", \"place\" or \"other\""))
                }
            },
            "hide" => match value.as_bool() {
                Some(b) => rule.hide = b,
                None => warnings.push(format!("{label}: hide must be true or false")),
            },
            other => warnings.push(format!("{label}: unknown key “{other}”")),
        }
    }
    if rule.name.is_empty() {
        warnings.push(format!("{label} has no name; ignored"));
        return None;
    }
    Some(rule)
}

/// Rules and warnings as lines, to carry them from the analyser worker (which parses TOML) to
/// the page (which has no TOML or JSON parser, to keep its download small): a rule is
/// `rule \t name \t kind-or-empty \t hide|keep \t alias…`, an article date `article \t id \t
/// date` ([`date_setting`]), a warning `warning \t text`. Tabs and line breaks inside values
/// become spaces.
pub fn to_lines(overrides: &Overrides, warnings: &[String]) -> String {
    let rules = &overrides.entities;
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out: Vec<String> = rules
        .iter()
        .map(|r| {
            let mut fields = vec![
                "rule".to_string(),
                clean(&r.name),
                r.kind.map_or(String::new(), |k| k.label().to_string()),
                if r.hide { "hide" } else { "keep" }.to_string(),
            ];
            fields.extend(r.aliases.iter().map(|a| clean(a)));
            fields.join("\t")
        })
        .collect();
    out.extend(overrides.articles.iter().map(|a| format!("article\t{}\t{}", clean(&a.id), date_setting(&a.date))));
    out.extend(warnings.iter().map(|w| format!("warning\t{}", clean(w))));
    out.join("\n")
}

/// A date as `[[article]]` writes it: "2016-05-14", "2016-05", "2016" or "2016-05-14..2016-05-18".
pub fn date_setting(v: &DateValue) -> String {
    let whole = |w: Option<DateValue>| w.is_some_and(|w| w.start == v.start && w.end == v.end);
    if v.start == v.end {
        v.start.iso()
    } else if whole(DateValue::month(v.start.year, v.start.month)) {
        format!("{:04}-{:02}", v.start.year, v.start.month)
    } else if whole(DateValue::year(v.start.year)) {
        format!("{:04}", v.start.year)
    } else {
        format!("{}..{}", v.start.iso(), v.end.iso())
    }
}

/// Inverse of [`to_lines`]; lines it does not know are skipped.
pub fn from_lines(text: &str) -> (Overrides, Vec<String>) {
    let (mut rules, mut articles, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        match f.as_slice() {
            ["warning", text] => warnings.push(text.to_string()),
            ["article", id, date] if !id.is_empty() => {
                if let Some(date) = parse_date(date) {
                    articles.push(ArticleDateRule { id: id.to_string(), date });
                }
            }
            ["rule", name, kind, hide, aliases @ ..] if !name.is_empty() => rules.push(EntityRule {
                name: name.to_string(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                kind: kind_of(kind),
                hide: *hide == "hide",
            }),
            _ => {}
        }
    }
    (Overrides { entities: rules, articles }, warnings)
}

fn string_list(value: &toml::Value) -> Option<Vec<String>> {
    value.as_array()?.iter().map(|v| v.as_str().map(|s| s.trim().to_string())).collect()
}

fn kind_of(word: &str) -> Option<EntityKind> {
    match word {
        "person" => Some(EntityKind::Person),
        "organisation" | "organization" => Some(EntityKind::Organisation),
        "place" => Some(EntityKind::Place),
        "other" => Some(EntityKind::Other),
        _ => None,
    }
}

/// 1-based line of a byte offset, for messages.
fn line_of(text: &str, at: usize) -> usize {
    text.get(..at).unwrap_or(text).matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_and_warnings_round_trip_through_lines() {
        let (o, w) = parse("[[entity]]\nname = \"Ana Costa\"\naliases = [\"A. Costa\", \"Costa\"]\nkind = \"person\"\n[[entity]]\nname = \"Orvel\"\nhide = true\ncolour = 1\n[[article]]\nid = \"a\"\ndate = \"2016-05\"\n[[article]]\nid = \"b\"\ndate = \"2016-05-14..2016-05-18\"\n");
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(o.articles.len(), 2);
        let settings: Vec<String> = o.articles.iter().map(|a| date_setting(&a.date)).collect();
        assert_eq!(settings, ["2016-05", "2016-05-14..2016-05-18"]);
        let (back, back_w) = from_lines(&to_lines(&o, &w));
        assert_eq!((back.entities, back.articles, back_w), (o.entities.clone(), o.articles.clone(), w));
        let (junk, none) = from_lines("junk\nrule\t\t\tkeep\narticle\tx\tnot a date");
        assert!(junk.entities.is_empty() && junk.articles.is_empty() && none.is_empty());
    }

    #[test]
    fn parses_entities_with_comments() {
        let (o, w) = parse(
            "# top comment\n[[entity]]\nname = \"John Roe\" # why: translation\naliases = [\"Roe Jian\", \"Roe\"]\nkind = \"person\"\n\n[[entity]]\nname = \"X # not a comment\"\nhide = true\n",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(o.entities.len(), 2);
        assert_eq!(o.entities[0].aliases, vec!["Roe Jian", "Roe"]);
        assert_eq!(o.entities[0].kind, Some(EntityKind::Person));
        assert_eq!(o.entities[1].name, "X # not a comment");
        assert!(o.entities[1].hide);
    }

    #[test]
    fn commas_and_escaped_quotes_inside_strings_are_kept() {
        let (o, w) = parse("[[entity]]\nname = \"Foo, Inc.\"\naliases = [\"Foo, Inc\", \"the \\\"Foo\\\" company\"]\n");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(o.entities[0].name, "Foo, Inc.");
        assert_eq!(o.entities[0].aliases, vec!["Foo, Inc", "the \"Foo\" company"]);
    }

    #[test]
    fn bad_entries_become_warnings_and_the_rest_is_kept() {
        let (o, w) = parse(
            "[[entity]]\nname = 3\ncolour = \"red\"\nkind = \"animal\"\n\n[[entity]]\nname = \"Kept\"\nhide = \"yes\"\n",
        );
        assert_eq!(o.entities.len(), 1, "{w:?}");
        assert_eq!(o.entities[0].name, "Kept");
        assert_eq!(w.len(), 5, "{w:?}");
        assert!(w.iter().any(|m| m.contains("#1") && m.contains("unknown key “colour”")), "{w:?}");
        assert!(w.iter().any(|m| m.contains("#2") && m.contains("hide")), "{w:?}");
    }

    #[test]
    fn a_file_that_is_not_toml_says_where() {
        let (o, w) = parse("[[entity]]\nname = \"ok\"\njunk line\n");
        assert!(o.entities.is_empty());
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("line 3") && w[0].contains("no overrides"), "{w:?}");
    }
}
