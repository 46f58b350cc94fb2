//! A reader's corrections to the names, applied to a built corpus: merge chips, split a
//! spelling out, rename, change the kind, hide. The page applies them at once (no re-analysis),
//! and writes them as an `entities.toml` ([`to_toml`]) that the pipeline's `overrides` stage
//! reads the same way `seeds/entities.toml` is read: the analyser gets it when it re-analyses a
//! workspace, and a maintainer can commit it to `seeds/`.
//!
//! Edits name entities by their canonical name (as the URL does), so a list of edits still
//! means the same after a re-analysis renumbers the entities; an edit whose name is gone is
//! skipped. Pure and total: any list of edits on any corpus gives a corpus.

use super::overrides::EntityRule;
use super::{Alias, Corpus, DateValue, Entity, EntityKind, Mention};
use crate::corpus::order;

/// One correction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// `from` are the same entity as `into` (their spellings join it).
    Merge {
        into: String,
        from: Vec<String>,
    },
    /// The spelling `spelling` of `name` is a different entity, with that spelling as its name.
    Split {
        name: String,
        spelling: String,
    },
    Rename {
        from: String,
        to: String,
    },
    Kind {
        name: String,
        kind: EntityKind,
    },
    Hide {
        name: String,
    },
    /// The article `doc` (its id) was written on `date` (a day, month, year or range): set by
    /// the reader, as front matter or an `[[article]]` entry would. Every date inferred from it
    /// follows (the date stage runs again).
    Date {
        doc: String,
        date: DateValue,
    },
}

impl Edit {
    /// The entity names this edit gives (a rename's new name too; none for a date).
    pub fn names(&self) -> Vec<&str> {
        match self {
            Edit::Merge { into, from } => {
                std::iter::once(into.as_str()).chain(from.iter().map(String::as_str)).collect()
            }
            Edit::Split { name, .. } | Edit::Kind { name, .. } | Edit::Hide { name } => vec![name.as_str()],
            Edit::Rename { from, to } => vec![from.as_str(), to.as_str()],
            Edit::Date { .. } => Vec::new(),
        }
    }
}

/// `corpus` with `edits` applied in order, dates included (the date stage runs again over the
/// collection, since other articles may be dated from the one set); the search index is
/// rebuilt from the result. The analyser worker runs this; the page applies [`apply_names`]
/// itself, so the start-up wasm carries no date stage.
pub fn apply(corpus: &Corpus, edits: &[Edit]) -> Corpus {
    let (mut documents, entities, mut events) = names(corpus, edits);
    let mut dated = false;
    for edit in edits {
        if let Edit::Date { doc, date } = edit {
            if let Some(d) = documents.iter_mut().find(|d| &d.id == doc) {
                d.date = Some(*date);
                d.date_inferred = false;
                d.date_basis = super::DateBasis::Given;
                d.date_reason = "set in the explorer".to_string();
                dated = true;
            }
        }
    }
    if dated {
        events = super::dates::extract(&mut documents);
        super::link_events(&documents, &mut events);
        order::sort_by_key(&mut events, |e| (e.date.start, e.doc, e.sentence, e.start));
    }
    finish(corpus, documents, entities, events)
}

/// [`apply`] without the dates set (`Edit::Date`s are skipped): what the page shows at once.
pub fn apply_names(corpus: &Corpus, edits: &[Edit]) -> Corpus {
    let (documents, entities, events) = names(corpus, edits);
    finish(corpus, documents, entities, events)
}

/// Whether any edit sets a date (so [`apply`], in the worker, is needed).
pub fn sets_dates(edits: &[Edit]) -> bool {
    edits.iter().any(|e| matches!(e, Edit::Date { .. }))
}

/// The name edits, in order: each maps old entity ids to new ones (None: the mentions go).
fn names(corpus: &Corpus, edits: &[Edit]) -> (Vec<super::Document>, Vec<Entity>, Vec<super::Event>) {
    let mut documents = corpus.documents.clone();
    let mut entities = corpus.entities.clone();
    let mut events = corpus.events.clone();
    for edit in edits {
        let Some(map) = apply_one(&mut entities, &mut documents, edit) else { continue };
        remap(&mut documents, &mut events, &map);
    }
    (documents, entities, events)
}

fn finish(
    corpus: &Corpus,
    documents: Vec<super::Document>,
    mut entities: Vec<Entity>,
    events: Vec<super::Event>,
) -> Corpus {
    super::link_entity_docs(&documents, &mut entities);
    for e in &mut entities {
        e.mentions = e.aliases.iter().map(|a| a.count).sum();
    }
    Corpus::from_parts(documents, entities, events, corpus.warnings.clone())
}

fn find(entities: &[Entity], name: &str) -> Option<usize> {
    entities.iter().position(|e| e.name.eq_ignore_ascii_case(name))
}

/// Applies one edit to the entity list; returns how old ids map to new ones, or `None` when
/// the edit does not apply (a name that is gone) or needs no remapping.
fn apply_one(entities: &mut Vec<Entity>, documents: &mut [super::Document], edit: &Edit) -> Option<Vec<Option<u32>>> {
    match edit {
        Edit::Date { .. } => None,
        Edit::Rename { from, to } => {
            let i = find(entities, from)?;
            let to = to.trim();
            if !to.is_empty() && find(entities, to).is_none_or(|j| j == i) {
                entities[i].name = to.to_string();
            }
            None
        }
        Edit::Kind { name, kind } => {
            let i = find(entities, name)?;
            entities[i].kind = *kind;
            None
        }
        Edit::Hide { name } => {
            let gone = find(entities, name)?;
            entities.remove(gone);
            Some(ids_without(entities.len() + 1, gone, None))
        }
        Edit::Merge { into, from } => {
            let target = find(entities, into)?;
            let sources: Vec<usize> = from.iter().filter_map(|n| find(entities, n)).filter(|&j| j != target).collect();
            if sources.is_empty() {
                return None;
            }
            for &j in &sources {
                let aliases = entities[j].aliases.clone();
                merge_aliases(&mut entities[target].aliases, &aliases);
            }
            let old_len = entities.len();
            let mut map: Vec<Option<u32>> = (0..old_len as u32).map(Some).collect();
            for &j in &sources {
                map[j] = Some(target as u32);
            }
            // Remove the merged entries, highest first, shifting the ids after each.
            let mut removed = sources.clone();
            order::sort_by(&mut removed, |a, b| b.cmp(a));
            for &j in &removed {
                entities.remove(j);
            }
            let shift = |id: u32| id - removed.iter().filter(|&&r| (r as u32) < id).count() as u32;
            Some(map.into_iter().map(|m| m.map(shift)).collect())
        }
        Edit::Split { name, spelling } => {
            let i = find(entities, name)?;
            let alias = entities[i].aliases.iter().position(|a| a.text == *spelling)?;
            if entities[i].aliases.len() < 2 {
                return None;
            }
            let moved = entities[i].aliases.remove(alias);
            let new_id = entities.len() as u32;
            entities.push(Entity {
                name: moved.text.clone(),
                kind: entities[i].kind,
                aliases: vec![moved],
                docs: Vec::new(),
                mentions: 0,
            });
            // Mentions written with that spelling move to the new entity.
            for doc in documents.iter_mut() {
                retarget(&doc.title, &mut doc.title_mentions, i as u32, spelling, new_id);
                for s in &mut doc.sentences {
                    retarget(&s.text, &mut s.mentions, i as u32, spelling, new_id);
                }
            }
            None
        }
    }
}

fn retarget(text: &str, mentions: &mut [Mention], from: u32, spelling: &str, to: u32) {
    for m in mentions.iter_mut().filter(|m| m.entity == from) {
        if text.get(m.start as usize..m.end as usize) == Some(spelling) {
            m.entity = to;
        }
    }
}

/// Ids `0..len` with `gone` removed: ids after it shift down, `gone` itself maps to `to`.
fn ids_without(len: usize, gone: usize, to: Option<u32>) -> Vec<Option<u32>> {
    (0..len)
        .map(|id| {
            if id == gone {
                to
            } else if id > gone {
                Some(id as u32 - 1)
            } else {
                Some(id as u32)
            }
        })
        .collect()
}

fn merge_aliases(into: &mut Vec<Alias>, more: &[Alias]) {
    for a in more {
        match into.iter_mut().find(|b| b.text == a.text) {
            Some(b) => b.count += a.count,
            None => into.push(a.clone()),
        }
    }
    order::sort_by(into, |a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
}

/// Rewrites every mention and event entity id through `map`; mentions mapped to `None` go.
fn remap(documents: &mut [super::Document], events: &mut [super::Event], map: &[Option<u32>]) {
    let at = |id: u32| map.get(id as usize).copied().flatten();
    for doc in documents.iter_mut() {
        doc.title_mentions.retain_mut(|m| at(m.entity).map(|id| m.entity = id).is_some());
        for s in &mut doc.sentences {
            s.mentions.retain_mut(|m| at(m.entity).map(|id| m.entity = id).is_some());
        }
    }
    for e in events.iter_mut() {
        let mut ids: Vec<u32> = e.entities.iter().filter_map(|&id| at(id)).collect();
        ids.sort_unstable();
        ids.dedup();
        e.entities = ids;
    }
}

/// `s` as a TOML basic string, quoted (names are one line: cleaning removed control characters).
pub fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The edits as an `entities.toml` (the format of `overrides`), one `[[entity]]` per edit,
/// each with a comment saying what it does.
pub fn to_toml(edits: &[Edit]) -> String {
    let q = toml_string;
    let mut out = String::from("# Corrections made in the explorer. Format: see src/corpus/overrides.rs.\n");
    for edit in edits {
        out.push('\n');
        match edit {
            Edit::Merge { into, from } => {
                let list: Vec<String> = from.iter().map(|f| q(f)).collect();
                out.push_str(&format!(
                    "# Merged: {} are {into}.\n[[entity]]\nname = {}\naliases = [{}]\n",
                    from.join(", "),
                    q(into),
                    list.join(", ")
                ));
            }
            Edit::Split { name, spelling } => {
                out.push_str(&format!("# Split: \"{spelling}\" is not {name}.\n[[entity]]\nname = {}\n", q(spelling)));
            }
            Edit::Rename { from, to } => {
                out.push_str(&format!(
                    "# Renamed from {from}.\n[[entity]]\nname = {}\naliases = [{}]\n",
                    q(to),
                    q(from)
                ));
            }
            Edit::Kind { name, kind } => {
                out.push_str(&format!(
                    "# Kind set by hand.\n[[entity]]\nname = {}\nkind = \"{}\"\n",
                    q(name),
                    kind.label()
                ));
            }
            Edit::Hide { name } => {
                out.push_str(&format!(
                    "# Hidden: not a name worth a chip.\n[[entity]]\nname = {}\nhide = true\n",
                    q(name)
                ));
            }
            Edit::Date { doc, date } => {
                out.push_str(&format!(
                    "# Date set by hand.\n[[article]]\nid = {}\ndate = \"{}\"\n",
                    q(doc),
                    super::overrides::date_setting(date)
                ));
            }
        }
    }
    out
}

/// Edits in a compact line form for storage and links: one per line, fields separated by tabs
/// (`merge \t into \t from…`, `split \t name \t spelling`, `rename \t from \t to`,
/// `kind \t name \t kind`, `hide \t name`, `date \t id \t 2016-05-14`). Unknown lines are skipped
/// when read.
pub fn to_lines(edits: &[Edit]) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    edits
        .iter()
        .map(|e| match e {
            Edit::Merge { into, from } => {
                let mut parts = vec!["merge".to_string(), clean(into)];
                parts.extend(from.iter().map(|f| clean(f)));
                parts.join("\t")
            }
            Edit::Split { name, spelling } => format!("split\t{}\t{}", clean(name), clean(spelling)),
            Edit::Rename { from, to } => format!("rename\t{}\t{}", clean(from), clean(to)),
            Edit::Kind { name, kind } => format!("kind\t{}\t{}", clean(name), kind.label()),
            Edit::Hide { name } => format!("hide\t{}", clean(name)),
            Edit::Date { doc, date } => format!("date\t{}\t{}", clean(doc), super::overrides::date_setting(date)),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn from_lines(text: &str) -> Vec<Edit> {
    text.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let owned = |i: usize| f.get(i).map(|s| s.to_string());
            match *f.first()? {
                "merge" if f.len() >= 3 => {
                    Some(Edit::Merge { into: owned(1)?, from: f[2..].iter().map(|s| s.to_string()).collect() })
                }
                "split" => Some(Edit::Split { name: owned(1)?, spelling: owned(2)? }),
                "rename" => Some(Edit::Rename { from: owned(1)?, to: owned(2)? }),
                "kind" => Some(Edit::Kind { name: owned(1)?, kind: kind_of(f.get(2)?)? }),
                "hide" => Some(Edit::Hide { name: owned(1)? }),
                "date" => Some(Edit::Date { doc: owned(1)?, date: super::overrides::parse_date(f.get(2)?)? }),
                _ => None,
            }
        })
        .collect()
}

/// An imported file's `[[article]]` dates as edits, for the articles of `corpus` they name;
/// also how many name none here.
pub fn date_edits(corpus: &Corpus, articles: &[super::overrides::ArticleDateRule]) -> (Vec<Edit>, usize) {
    let (known, unknown): (Vec<_>, Vec<_>) = articles.iter().partition(|a| corpus.document_by_id(&a.id).is_some());
    (known.into_iter().map(|a| Edit::Date { doc: a.id.clone(), date: a.date }).collect(), unknown.len())
}

/// An `entities.toml` read back into edits against `corpus` (its `[[entity]]` rules, parsed by
/// `overrides`), so an imported file can be undone edit by edit and exported again. Each rule
/// becomes what it means for the chips already there: aliases that are chips (or spellings of
/// one) merge into the rule's name, renaming the first when the name is new; a name that is
/// only a spelling of another chip is split out; `kind` and `hide` follow. Rules are resolved
/// in order against the chips as the earlier rules leave them. Returns the edits and how many
/// rules matched nothing here (a maintainer's file may name entities of other articles).
pub fn edits_from_rules(corpus: &Corpus, rules: &[EntityRule]) -> (Vec<Edit>, usize) {
    // A light model of the chips: (name, spellings), updated as edits are made.
    let mut chips: Vec<(String, Vec<String>)> =
        corpus.entities.iter().map(|e| (e.name.clone(), e.aliases.iter().map(|a| a.text.clone()).collect())).collect();
    let named = |chips: &[(String, Vec<String>)], n: &str| chips.iter().position(|c| c.0.eq_ignore_ascii_case(n));
    let spelled = |chips: &[(String, Vec<String>)], n: &str| {
        named(chips, n).or_else(|| chips.iter().position(|c| c.1.iter().any(|s| s.eq_ignore_ascii_case(n))))
    };
    let (mut edits, mut unmatched) = (Vec::new(), 0);
    for rule in rules {
        let before = edits.len();
        let mut target = named(&chips, &rule.name);
        if target.is_none() && rule.aliases.is_empty() {
            if let Some(owner) = spelled(&chips, &rule.name).filter(|&o| chips[o].1.len() > 1) {
                let spelling =
                    chips[owner].1.iter().find(|s| s.eq_ignore_ascii_case(&rule.name)).cloned().unwrap_or_default();
                edits.push(Edit::Split { name: chips[owner].0.clone(), spelling: spelling.clone() });
                chips[owner].1.retain(|s| *s != spelling);
                chips.push((spelling.clone(), vec![spelling]));
                target = Some(chips.len() - 1);
            }
        }
        let mut sources: Vec<usize> = Vec::new();
        for alias in &rule.aliases {
            if let Some(i) = spelled(&chips, alias).filter(|&i| Some(i) != target && !sources.contains(&i)) {
                sources.push(i);
            }
        }
        if target.is_none() && !sources.is_empty() {
            let first = sources.remove(0);
            edits.push(Edit::Rename { from: chips[first].0.clone(), to: rule.name.clone() });
            chips[first].0 = rule.name.clone();
            target = Some(first);
        }
        if let (Some(t), false) = (target, sources.is_empty()) {
            edits.push(Edit::Merge {
                into: chips[t].0.clone(),
                from: sources.iter().map(|&i| chips[i].0.clone()).collect(),
            });
            let moved: Vec<String> = sources.iter().flat_map(|&i| chips[i].1.clone()).collect();
            chips[t].1.extend(moved);
            order::sort_by(&mut sources, |a, b| b.cmp(a));
            for i in sources {
                chips.remove(i);
                target = target.map(|t| if t > i { t - 1 } else { t });
            }
        }
        if let Some(t) = target {
            if let Some(kind) = rule.kind {
                edits.push(Edit::Kind { name: chips[t].0.clone(), kind });
            }
            if rule.hide {
                edits.push(Edit::Hide { name: chips[t].0.clone() });
                chips.remove(t);
            }
        }
        if edits.len() == before && target.is_none() {
            unmatched += 1;
        }
    }
    (edits, unmatched)
}

fn kind_of(label: &str) -> Option<EntityKind> {
    [EntityKind::Person, EntityKind::Organisation, EntityKind::Place, EntityKind::Other]
        .into_iter()
        .find(|k| k.label() == label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{overrides, Query, Source};

    fn corpus() -> Corpus {
        let text = "Zentaro deal\n\nZentaro Corp signed a deal with Orvel Labs on 3 May 2021. Ana Costa of Zentaro Corp said Orvel Labs and ZCorp would merge. ZCorp shares rose.";
        Corpus::build(&[Source { id: "a", text }], None)
    }

    fn names(c: &Corpus) -> Vec<String> {
        c.entities.iter().map(|e| e.name.clone()).collect()
    }

    #[test]
    fn a_date_set_by_the_reader_dates_the_article_and_what_follows_from_it() {
        let texts = [
            (
                "a",
                "Board\n\nThe Harbour Trust suspended the membership of Zentaro yesterday after a vote of its board.",
            ),
            (
                "b",
                "Board\n\nThe Harbour Trust suspended the membership of Zentaro on Friday after a vote of its board.",
            ),
        ];
        let sources: Vec<crate::corpus::Source<'_>> =
            texts.iter().map(|(id, text)| crate::corpus::Source { id, text }).collect();
        let c = Corpus::build(&sources, None);
        assert!(c.documents.iter().all(|d| d.date.is_none()));
        let date = DateValue::day(crate::corpus::Day::new(2016, 5, 14).unwrap());
        let edits = vec![Edit::Date { doc: "a".into(), date }];
        let set = apply(&c, &edits);
        assert_eq!((set.documents[0].date, set.documents[0].date_basis), (Some(date), crate::corpus::DateBasis::Given));
        // Its "yesterday" is the 13th, and the other article, tied to it, follows.
        assert!(set.events.iter().any(|e| e.doc == 0 && e.date.iso() == "2016-05-13"));
        assert_eq!(set.documents[1].date_basis, crate::corpus::DateBasis::Collection);
        assert!(set.documents[1].date.is_some());
        // Stored, linked and downloaded like a name edit; an import reads it back.
        assert_eq!(from_lines(&to_lines(&edits)), edits);
        let toml = to_toml(&edits);
        assert!(toml.contains("[[article]]\nid = \"a\"\ndate = \"2016-05-14\""), "{toml}");
        let (parsed, warnings) = crate::corpus::overrides::parse(&toml);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(date_edits(&c, &parsed.articles), (edits.clone(), 0));
        // Undone, nothing of it stays.
        assert!(apply(&c, &[]).documents.iter().all(|d| d.date.is_none()));
    }

    #[test]
    fn merging_moves_every_mention_and_spelling_to_one_chip() {
        let c = corpus();
        assert!(names(&c).contains(&"ZCorp".to_string()), "{:?}", names(&c));
        let merged = apply(&c, &[Edit::Merge { into: "Zentaro Corp".into(), from: vec!["ZCorp".into()] }]);
        assert!(!names(&merged).contains(&"ZCorp".to_string()));
        let z = merged.entity_by_name("Zentaro Corp").unwrap() as usize;
        assert!(merged.entities[z].aliases.iter().any(|a| a.text == "ZCorp"));
        assert_eq!(
            merged.entities[z].mentions,
            c.entities[c.entity_by_name("Zentaro Corp").unwrap() as usize].mentions + 2
        );
        // Searching with the chip finds the article; every mention points at a real entity.
        let q = Query { include: vec![z as u32], ..Query::default() };
        assert_eq!(merged.search(&q).hits.len(), 1);
        for s in &merged.documents[0].sentences {
            assert!(s.mentions.iter().all(|m| (m.entity as usize) < merged.entities.len()));
        }
    }

    #[test]
    fn hiding_removes_the_chip_and_its_marks_and_renaming_and_kind_stick() {
        let c = corpus();
        let edits = [
            Edit::Hide { name: "Orvel Labs".into() },
            Edit::Rename { from: "Ana Costa".into(), to: "Ana M. Costa".into() },
            Edit::Kind { name: "ZCorp".into(), kind: EntityKind::Organisation },
        ];
        let out = apply(&c, &edits);
        assert!(out.entity_by_name("Orvel Labs").is_none());
        assert!(out.entity_by_name("Ana M. Costa").is_some());
        assert_eq!(out.entities[out.entity_by_name("ZCorp").unwrap() as usize].kind, EntityKind::Organisation);
        let marked: usize = out.documents[0].sentences.iter().map(|s| s.mentions.len()).sum();
        let before: usize = c.documents[0].sentences.iter().map(|s| s.mentions.len()).sum();
        assert_eq!(marked, before - 2, "both Orvel Labs marks are gone");
    }

    #[test]
    fn splitting_a_spelling_out_makes_it_its_own_chip() {
        let c = corpus();
        let merged = apply(&c, &[Edit::Merge { into: "Zentaro Corp".into(), from: vec!["ZCorp".into()] }]);
        let edits = [
            Edit::Merge { into: "Zentaro Corp".into(), from: vec!["ZCorp".into()] },
            Edit::Split { name: "Zentaro Corp".into(), spelling: "ZCorp".into() },
        ];
        let split = apply(&c, &edits);
        assert_eq!(split.entities.len(), merged.entities.len() + 1);
        let z = split.entity_by_name("ZCorp").expect("its own chip again") as usize;
        assert_eq!(split.entities[z].mentions, 2);
    }

    #[test]
    fn edits_round_trip_through_lines_and_become_an_entities_toml_the_pipeline_reads() {
        let edits = vec![
            Edit::Merge { into: "Zentaro Corp".into(), from: vec!["ZCorp".into(), "Zentaro".into()] },
            Edit::Split { name: "Zentaro Corp".into(), spelling: "Zen".into() },
            Edit::Rename { from: "Ana Costa".into(), to: "Ana \"M\" Costa".into() },
            Edit::Kind { name: "Orvel".into(), kind: EntityKind::Place },
            Edit::Hide { name: "Voices".into() },
        ];
        assert_eq!(from_lines(&to_lines(&edits)), edits);
        assert!(from_lines("nonsense\nhide").is_empty());
        let (rules, warnings) = overrides::parse(&to_toml(&edits));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(rules.entities.len(), 5);
        assert_eq!(rules.entities[0].aliases, ["ZCorp", "Zentaro"]);
        assert!(rules.entities[4].hide);
        assert_eq!(rules.entities[2].name, "Ana \"M\" Costa");
    }

    #[test]
    fn an_exported_entities_toml_imports_back_to_the_same_chips() {
        let c = corpus();
        let edits = vec![
            Edit::Merge { into: "Zentaro Corp".into(), from: vec!["ZCorp".into()] },
            Edit::Rename { from: "Ana Costa".into(), to: "Ana M. Costa".into() },
            Edit::Kind { name: "Ana M. Costa".into(), kind: EntityKind::Person },
            Edit::Hide { name: "Orvel Labs".into() },
        ];
        let (rules, _) = overrides::parse(&to_toml(&edits));
        let (back, unmatched) = edits_from_rules(&c, &rules.entities);
        assert_eq!(unmatched, 0, "{back:?}");
        let chips = |c: &Corpus| -> Vec<(String, EntityKind, u32)> {
            let mut v: Vec<_> = c.entities.iter().map(|e| (e.name.clone(), e.kind, e.mentions)).collect();
            v.sort();
            v
        };
        assert_eq!(chips(&apply(&c, &back)), chips(&apply(&c, &edits)));
        // A split comes back as a split.
        let split = [edits[0].clone(), Edit::Split { name: "Zentaro Corp".into(), spelling: "ZCorp".into() }];
        let (rules, _) = overrides::parse(&to_toml(&split));
        let (back, _) = edits_from_rules(&apply(&c, &split[..1]), &rules.entities);
        assert_eq!(back.last(), Some(&split[1]), "{back:?}");
        // Rules about names this corpus does not have are counted, not guessed at.
        let (rules, _) = overrides::parse("[[entity]]\nname = \"Nobody Here\"\nhide = true\n");
        assert_eq!(edits_from_rules(&c, &rules.entities), (Vec::new(), 1));
    }

    #[test]
    fn edits_naming_what_is_not_there_change_nothing() {
        let c = corpus();
        let out = apply(&c, &[Edit::Hide { name: "Nobody".into() }, Edit::Merge { into: "X".into(), from: vec![] }]);
        assert_eq!(names(&out), names(&c));
    }
}
