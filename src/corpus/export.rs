//! The JSON export (`corpus export <dir>`): a stable, pretty-printed summary of what the pipeline
//! found, for diffing and golden tests. Field order is fixed by the structs below.
use serde::Serialize;

use super::{story, Corpus};

#[derive(Serialize)]
struct Export<'a> {
    documents: Vec<DocumentOut<'a>>,
    entities: Vec<EntityOut<'a>>,
    events: Vec<EventOut<'a>>,
    /// Events grouped into happenings across articles (`story::group`).
    stories: Vec<StoryOut<'a>>,
    mentions: Vec<MentionOut<'a>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct StoryOut<'a> {
    date: String,
    end: String,
    precision: &'static str,
    /// How many articles report it.
    sources: usize,
    docs: Vec<&'a str>,
    /// The representative sentence and where it is.
    lead: EventRef<'a>,
    events: Vec<EventRef<'a>>,
    /// Each date the sources give, with the articles giving it (empty when they agree).
    date_conflicts: Vec<DatedDocs<'a>>,
    number_conflicts: Vec<NumberOut<'a>>,
}

#[derive(Serialize)]
struct EventRef<'a> {
    doc: &'a str,
    sentence: u32,
    date: String,
    text: &'a str,
}

#[derive(Serialize)]
struct DatedDocs<'a> {
    date: String,
    docs: Vec<&'a str>,
}

#[derive(Serialize)]
struct NumberOut<'a> {
    noun: String,
    values: Vec<NumberDocs<'a>>,
}

#[derive(Serialize)]
struct NumberDocs<'a> {
    number: String,
    docs: Vec<&'a str>,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    id: &'a str,
    title: &'a str,
    /// Start of the article's date (ISO at its precision), its last day, and the precision:
    /// an inferred date says how much it really knows ("month", "year", "range").
    date: Option<String>,
    date_end: Option<String>,
    date_precision: Option<&'static str>,
    date_inferred: bool,
    date_reason: &'a str,
    /// Where the date comes from: "given" (front matter), "printed" (a date line), "text" (its
    /// own words), "collection" (other articles too), "unknown".
    date_basis: &'static str,
    /// True when `date` is the likely one of several possible years, not certain.
    date_likely: bool,
    /// The certain interval (ISO days; null on a side left open).
    date_earliest: Option<String>,
    date_latest: Option<String>,
    date_evidence: &'a [String],
    /// Ids of the other articles the date leans on.
    date_from: Vec<&'a str>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    sentences: usize,
    boilerplate_paragraphs: usize,
    /// Date expressions left off the timeline, and why.
    unresolved: Vec<UnresolvedOut<'a>>,
}

#[derive(Serialize)]
struct UnresolvedOut<'a> {
    sentence: u32,
    expression: &'a str,
    /// What is known of it, e.g. "14 May (year not known)".
    known: &'a str,
    reason: String,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    name: &'a str,
    kind: &'static str,
    aliases: Vec<AliasOut<'a>>,
    docs: Vec<&'a str>,
    mentions: u32,
}

/// One mention: which article, which sentence (`null` for the title), the span inside that
/// sentence's (or the title's) text — in bytes of UTF-8 (`start`, `end`) and in characters
/// (`char_start`, `char_end`, Unicode scalar values) — the surface form and the entity it names.
#[derive(Serialize)]
struct MentionOut<'a> {
    doc: &'a str,
    sentence: Option<u32>,
    start: u32,
    end: u32,
    char_start: usize,
    char_end: usize,
    text: &'a str,
    entity: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
struct AliasOut<'a> {
    text: &'a str,
    count: u32,
}

#[derive(Serialize)]
struct EventOut<'a> {
    date: String,
    /// The TimeML value ("2016-W19", "2016-Q3", "2011" for "early 2011").
    value: String,
    end: String,
    precision: &'static str,
    doc: &'a str,
    expression: &'a str,
    sentence: &'a str,
    resolution: &'a str,
    inferred: bool,
    entities: Vec<&'a str>,
}

pub fn to_json(corpus: &Corpus) -> String {
    let doc_id = |d: u32| corpus.documents.get(d as usize).map_or("", |doc| doc.id.as_str());
    let export = Export {
        documents: corpus
            .documents
            .iter()
            .map(|d| DocumentOut {
                id: &d.id,
                title: &d.title,
                date: d.date.map(|v| v.iso()),
                date_end: d.date.map(|v| v.end.iso()),
                date_precision: d.date.map(|v| v.precision.label()),
                date_inferred: d.date_inferred,
                date_reason: &d.date_reason,
                date_basis: d.date_basis.label(),
                date_likely: d.date_likely,
                date_earliest: d.date_earliest.map(|x| x.iso()),
                date_latest: d.date_latest.map(|x| x.iso()),
                date_evidence: &d.date_evidence,
                date_from: d.date_from.iter().map(|&k| doc_id(k)).collect(),
                source: d.source.as_deref(),
                url: d.url.as_deref(),
                sentences: d.sentences.len(),
                boilerplate_paragraphs: d.paragraphs.iter().filter(|p| p.boilerplate).count(),
                unresolved: d
                    .unresolved
                    .iter()
                    .map(|u| UnresolvedOut {
                        sentence: u.sentence,
                        expression: d
                            .sentences
                            .get(u.sentence as usize)
                            .and_then(|s| s.text.get(u.start as usize..u.end as usize))
                            .unwrap_or(""),
                        known: &u.note,
                        reason: d.unresolved_reason(),
                    })
                    .collect(),
            })
            .collect(),
        entities: corpus
            .entities
            .iter()
            .map(|e| EntityOut {
                name: &e.name,
                kind: e.kind.label(),
                aliases: e.aliases.iter().map(|a| AliasOut { text: &a.text, count: a.count }).collect(),
                docs: e.docs.iter().map(|&d| doc_id(d)).collect(),
                mentions: e.mentions,
            })
            .collect(),
        events: corpus
            .events
            .iter()
            .map(|ev| EventOut {
                date: ev.date.iso(),
                value: ev.date.timex(),
                end: ev.date.end.iso(),
                precision: ev.date.precision.label(),
                doc: doc_id(ev.doc),
                expression: &ev.expression,
                sentence: corpus
                    .documents
                    .get(ev.doc as usize)
                    .and_then(|d| d.sentences.get(ev.sentence as usize))
                    .map_or("", |s| s.text.as_str()),
                resolution: &ev.resolution,
                inferred: ev.inferred,
                entities: ev
                    .entities
                    .iter()
                    .filter_map(|&e| corpus.entities.get(e as usize).map(|e| e.name.as_str()))
                    .collect(),
            })
            .collect(),
        stories: stories(corpus),
        mentions: mentions(corpus),
        warnings: &corpus.warnings,
    };
    // Serialising plain structs of strings and numbers cannot fail; keep the function total anyway.
    serde_json::to_string_pretty(&export).unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()))
}

fn stories(corpus: &Corpus) -> Vec<StoryOut<'_>> {
    let doc_id = |d: u32| corpus.documents.get(d as usize).map_or("", |doc| doc.id.as_str());
    let event_ref = |i: u32| {
        let e = &corpus.events[i as usize];
        let text = corpus
            .documents
            .get(e.doc as usize)
            .and_then(|d| d.sentences.get(e.sentence as usize))
            .map_or("", |s| s.text.as_str());
        EventRef { doc: doc_id(e.doc), sentence: e.sentence, date: e.date.iso(), text }
    };
    story::group(corpus)
        .into_iter()
        .map(|s| StoryOut {
            date: s.date.iso(),
            end: s.date.end.iso(),
            precision: s.date.precision.label(),
            sources: s.docs.len(),
            docs: s.docs.iter().map(|&d| doc_id(d)).collect(),
            lead: event_ref(s.lead),
            events: s.events.iter().map(|&e| event_ref(e)).collect(),
            date_conflicts: s
                .date_conflicts
                .iter()
                .map(|(d, docs)| DatedDocs { date: d.iso(), docs: docs.iter().map(|&d| doc_id(d)).collect() })
                .collect(),
            number_conflicts: s
                .number_conflicts
                .into_iter()
                .map(|c| NumberOut {
                    noun: c.noun,
                    values: c
                        .values
                        .into_iter()
                        .map(|(number, docs)| NumberDocs { number, docs: docs.iter().map(|&d| doc_id(d)).collect() })
                        .collect(),
                })
                .collect(),
        })
        .collect::<Vec<_>>()
}

fn mentions(corpus: &Corpus) -> Vec<MentionOut<'_>> {
    let mut out = Vec::new();
    for doc in &corpus.documents {
        let title = std::iter::once((None, doc.title.as_str(), &doc.title_mentions));
        let body = doc.sentences.iter().enumerate().map(|(k, s)| (Some(k as u32), s.text.as_str(), &s.mentions));
        for (sentence, text, mentions) in title.chain(body) {
            for m in mentions {
                let Some(entity) = corpus.entities.get(m.entity as usize) else { continue };
                let chars_before = |byte: u32| text.get(..byte as usize).map_or(0, |t| t.chars().count());
                out.push(MentionOut {
                    doc: &doc.id,
                    sentence,
                    start: m.start,
                    end: m.end,
                    char_start: chars_before(m.start),
                    char_end: chars_before(m.end),
                    text: text.get(m.start as usize..m.end as usize).unwrap_or(""),
                    entity: &entity.name,
                    kind: entity.kind.label(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Source;

    #[test]
    fn mentions_name_their_article_sentence_and_span() {
        let c = Corpus::build(
            &[Source {
                id: "m",
                text: "Zentaro Group buys Orvel\n\nThe Zentaro Group said on Friday it bought Orvel Labs.",
            }],
            None,
        );
        let v: serde_json::Value = serde_json::from_str(&to_json(&c)).unwrap();
        let mentions = v["mentions"].as_array().unwrap();
        let title = mentions.iter().find(|m| m["sentence"].is_null()).expect("a mention in the title");
        assert_eq!((title["text"].as_str(), title["start"].as_u64()), (Some("Zentaro Group"), Some(0)));
        let body = mentions.iter().find(|m| m["sentence"] == 0).expect("a mention in the body");
        assert_eq!(body["text"], "Zentaro Group");
        assert_eq!(body["entity"], "Zentaro Group");
        assert_eq!(body["kind"], "organisation");
        assert_eq!((body["char_start"].as_u64(), body["char_end"].as_u64()), (Some(4), Some(17)));
    }

    #[test]
    fn character_spans_count_characters_not_bytes() {
        let c =
            Corpus::build(&[Source { id: "c", text: "Title\n\nÀ São Paulo, Zentaro Group opened on Friday." }], None);
        let v: serde_json::Value = serde_json::from_str(&to_json(&c)).unwrap();
        let m = v["mentions"].as_array().unwrap().iter().find(|m| m["text"] == "Zentaro Group").expect("a mention");
        assert_eq!(m["char_start"].as_u64(), Some(13));
        assert!(m["start"].as_u64() > m["char_start"].as_u64(), "bytes run ahead of characters after accents");
    }

    #[test]
    fn export_shape() {
        let c = Corpus::build(
            &[Source { id: "x", text: "---\ndate: 2016-05\n---\nTitle\n\nBody one. Body two.\n\nLeave a Reply" }],
            None,
        );
        let v: serde_json::Value = serde_json::from_str(&to_json(&c)).unwrap();
        let d = &v["documents"][0];
        assert_eq!(d["id"], "x");
        assert_eq!(d["title"], "Title");
        assert_eq!(d["date"], "2016-05");
        assert_eq!(d["date_end"], "2016-05-31");
        assert_eq!(d["date_precision"], "month");
        assert_eq!(d["date_inferred"], false);
        assert_eq!(d["date_reason"], "front matter");
        assert_eq!(d["sentences"], 3);
        assert_eq!(d["boilerplate_paragraphs"], 1);
        assert!(v["entities"].is_array() && v["events"].is_array() && v["warnings"].is_array());
        assert!(v["mentions"].is_array() && v["stories"].is_array());
        assert_eq!(to_json(&c), to_json(&c.clone()));
    }
}
