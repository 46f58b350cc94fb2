//! The optional `seeds/entities.toml`: what the text alone cannot tell, from the corpus owner.
//!
//! A small TOML subset, parsed by hand (no toml crate in the wasm):
//!
//! ```toml
//! # Why: the Chinese name of the same person.
//! [[entity]]
//! name = "John Roe"          # canonical name shown on the chip (also a spelling to find)
//! aliases = ["Roe Jian"]      # more spellings that are the same entity
//! kind = "person"           # person | organisation | place | other
//! hide = false              # true: never show it
//! ```
//!
//! Anything not understood becomes a warning naming the line; it never fails.

use super::EntityKind;

#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub entities: Vec<EntityRule>,
}

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
    let mut current: Option<EntityRule> = None;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if line == "[[entity]]" {
            finish(&mut current, &mut overrides, &mut warnings, line_no);
            current = Some(EntityRule::default());
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            warnings.push(format!("entities.toml line {line_no}: not understood: {}", raw.trim()));
            continue;
        };
        let Some(rule) = current.as_mut() else {
            warnings.push(format!("entities.toml line {line_no}: “{}” is outside an [[entity]] table", key.trim()));
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "name" => match string(value) {
                Some(s) => rule.name = s,
                None => warnings.push(format!("entities.toml line {line_no}: name must be a quoted string")),
            },
            "aliases" => match string_array(value) {
                Some(list) => rule.aliases = list,
                None => {
                    warnings.push(format!("entities.toml line {line_no}: aliases must be a list of quoted strings"))
                }
            },
            "kind" => match string(value).as_deref() {
                Some("person") => rule.kind = Some(EntityKind::Person),
                Some("organisation" | "organization") => rule.kind = Some(EntityKind::Organisation),
                Some("place") => rule.kind = Some(EntityKind::Place),
                Some("other") => rule.kind = Some(EntityKind::Other),
                _ => warnings.push(format!(
                    "entities.toml line {line_no}: kind must be \"person\", \"organisation\", \"place\" or \"other\""
                )),
            },
            "hide" => match value {
                "true" => rule.hide = true,
                "false" => rule.hide = false,
                _ => warnings.push(format!("entities.toml line {line_no}: hide must be true or false")),
            },
            other => warnings.push(format!("entities.toml line {line_no}: unknown key “{other}”")),
        }
    }
    finish(&mut current, &mut overrides, &mut warnings, text.lines().count() + 1);
    (overrides, warnings)
}

fn finish(current: &mut Option<EntityRule>, overrides: &mut Overrides, warnings: &mut Vec<String>, line_no: usize) {
    if let Some(rule) = current.take() {
        if rule.name.trim().is_empty() {
            warnings.push(format!("entities.toml: the [[entity]] ending before line {line_no} has no name; ignored"));
        } else {
            overrides.entities.push(rule);
        }
    }
}

/// Drops a `#` comment that is not inside a quoted string.
fn strip_comment(line: &str) -> &str {
    let mut in_string = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_string = !in_string,
            '#' if !in_string => return &line[..i],
            _ => {}
        }
    }
    line
}

fn string(value: &str) -> Option<String> {
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('"')).then(|| inner.replace("\\\\", "\\"))
}

fn string_array(value: &str) -> Option<Vec<String>> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?.trim();
    if inner.is_empty() {
        return Some(Vec::new());
    }
    inner.split(',').map(str::trim).filter(|s| !s.is_empty()).map(string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn bad_lines_become_warnings_naming_the_line() {
        let (o, w) =
            parse("name = \"orphan\"\n[[entity]]\nname = unquoted\ncolour = \"red\"\nkind = \"animal\"\njunk\n");
        assert!(o.entities.is_empty());
        assert_eq!(w.len(), 6, "{w:?}");
        assert!(w[0].contains("line 1") && w[3].contains("line 5") && w[4].contains("line 6"), "{w:?}");
    }
}
