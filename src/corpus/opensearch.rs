//! The analysis for OpenSearch or Elasticsearch (`corpus export --format opensearch <dir> <out>`):
//! a bulk NDJSON file (one article per document), the index template its fields need (names as
//! `keyword`s for facets, events as `nested` objects with dates, mentions as `nested` objects
//! with their spans, the article's interval as a `date_range`) and an OpenSearch Dashboards
//! saved-objects file with the same facets and date histogram as the explorer.
//!
//! The mapping is `dynamic: strict`, so a field the bulk file carries and the template does not
//! declare is refused at indexing instead of being guessed; the tests check both against each
//! other. Dates outside years 1–9999 (which `yyyy-MM-dd` cannot hold) are left out.
use serde::Serialize;
use serde_json::{json, Value};

use super::time::{DateValue, Day};
use super::{Corpus, Document, EntityKind};

/// The three files, by name.
pub struct Export {
    pub bulk: String,
    pub template: String,
    pub dashboards: String,
}

#[derive(Serialize)]
struct Article<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    /// The article's text without its boilerplate, paragraphs apart.
    text: String,
    /// When it was written, as far as certain: `{gte, lte}` (a side may be open).
    #[serde(skip_serializing_if = "Option::is_none")]
    written: Option<Range>,
    /// The date the explorer shows (certain or likely), as a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    written_shown: Option<Range>,
    written_likely: bool,
    written_basis: &'static str,
    names: Vec<&'a str>,
    people: Vec<&'a str>,
    organisations: Vec<&'a str>,
    places: Vec<&'a str>,
    /// The first day of each event: the date histogram's field.
    event_dates: Vec<String>,
    events: Vec<EventOut<'a>>,
    mentions: Vec<MentionOut<'a>>,
}

#[derive(Serialize)]
struct Range {
    #[serde(skip_serializing_if = "Option::is_none")]
    gte: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lte: Option<String>,
}

#[derive(Serialize)]
struct EventOut<'a> {
    start: String,
    end: String,
    precision: &'static str,
    expression: &'a str,
    sentence: u32,
    text: &'a str,
    names: Vec<&'a str>,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    name: &'a str,
    kind: &'static str,
    /// The sentence (absent for the title).
    #[serde(skip_serializing_if = "Option::is_none")]
    sentence: Option<u32>,
    in_title: bool,
    start: u32,
    end: u32,
    /// As written.
    text: &'a str,
}

fn iso(day: Day) -> Option<String> {
    (1..=9999).contains(&day.year).then(|| day.iso())
}

fn range(value: Option<DateValue>) -> Option<Range> {
    let v = value?;
    Some(Range { gte: iso(v.start), lte: iso(v.end) }).filter(|r| r.gte.is_some() || r.lte.is_some())
}

/// The bulk file, the template and the saved objects for index `index`.
pub fn export(corpus: &Corpus, index: &str) -> Export {
    let mut bulk = String::new();
    for (d, doc) in corpus.documents.iter().enumerate() {
        let action = json!({ "index": { "_index": index, "_id": doc.id } });
        bulk.push_str(&action.to_string());
        bulk.push('\n');
        let article = article(corpus, d as u32, doc);
        bulk.push_str(&serde_json::to_string(&article).unwrap_or_default());
        bulk.push('\n');
    }
    Export {
        bulk,
        template: serde_json::to_string_pretty(&template(index)).unwrap_or_default(),
        dashboards: dashboards(index),
    }
}

fn article<'a>(corpus: &'a Corpus, d: u32, doc: &'a Document) -> Article<'a> {
    let name = |e: u32| corpus.entities.get(e as usize).map_or("", |x| x.name.as_str());
    let kind = |e: u32| corpus.entities.get(e as usize).map_or(EntityKind::Other, |x| x.kind);
    let mut ids: Vec<u32> = corpus.index.doc_entities.get(d as usize).cloned().unwrap_or_default();
    ids.sort_unstable_by_key(|&e| name(e));
    let of_kind = |k: EntityKind| ids.iter().filter(|&&e| kind(e) == k).map(|&e| name(e)).collect::<Vec<_>>();
    let mut text = String::new();
    for p in doc.paragraphs.iter().filter(|p| !p.boilerplate) {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let sentences: Vec<&str> =
            (p.first..p.end).filter_map(|s| doc.sentences.get(s as usize)).map(|s| s.text.as_str()).collect();
        text.push_str(&sentences.join(" "));
    }
    let events: Vec<EventOut<'a>> = corpus
        .index
        .doc_events
        .get(d as usize)
        .into_iter()
        .flatten()
        .filter_map(|&e| corpus.events.get(e as usize))
        .filter_map(|e| {
            Some(EventOut {
                start: iso(e.date.start)?,
                end: iso(e.date.end)?,
                precision: e.date.precision.label(),
                expression: &e.expression,
                sentence: e.sentence,
                text: doc.sentences.get(e.sentence as usize).map_or("", |s| s.text.as_str()),
                names: e.entities.iter().map(|&x| name(x)).collect(),
            })
        })
        .collect();
    let span = |text: &'a str, start: u32, end: u32| text.get(start as usize..end as usize).unwrap_or("");
    let mut mentions: Vec<MentionOut<'a>> = doc
        .title_mentions
        .iter()
        .map(|m| MentionOut {
            name: name(m.entity),
            kind: kind(m.entity).label(),
            sentence: None,
            in_title: true,
            start: m.start,
            end: m.end,
            text: span(&doc.title, m.start, m.end),
        })
        .collect();
    for (s, sentence) in doc.sentences.iter().enumerate().filter(|(_, s)| !s.boilerplate) {
        mentions.extend(sentence.mentions.iter().map(|m| MentionOut {
            name: name(m.entity),
            kind: kind(m.entity).label(),
            sentence: Some(s as u32),
            in_title: false,
            start: m.start,
            end: m.end,
            text: span(&sentence.text, m.start, m.end),
        }));
    }
    let certain = match (doc.date_earliest, doc.date_latest) {
        (None, None) => None,
        (a, b) => Some(Range { gte: a.and_then(iso), lte: b.and_then(iso) }),
    };
    Article {
        id: &doc.id,
        title: &doc.title,
        source: doc.source.as_deref(),
        url: doc.url.as_deref(),
        text,
        written: certain.filter(|r| r.gte.is_some() || r.lte.is_some()),
        written_shown: range(doc.date),
        written_likely: doc.date_likely,
        written_basis: doc.date_basis.label(),
        names: ids.iter().map(|&e| name(e)).collect(),
        people: of_kind(EntityKind::Person),
        organisations: of_kind(EntityKind::Organisation),
        places: of_kind(EntityKind::Place),
        event_dates: events.iter().map(|e| e.start.clone()).collect(),
        events,
        mentions,
    }
}

/// A composable index template (`PUT _index_template/<index>`).
fn template(index: &str) -> Value {
    let keyword = json!({ "type": "keyword" });
    let date = json!({ "type": "date", "format": "yyyy-MM-dd" });
    let range = json!({ "type": "date_range", "format": "yyyy-MM-dd" });
    json!({
        "index_patterns": [format!("{index}*")],
        "template": {
            "settings": { "number_of_shards": 1 },
            "mappings": {
                "dynamic": "strict",
                "properties": {
                    "id": keyword,
                    "title": { "type": "text", "fields": { "raw": { "type": "keyword", "ignore_above": 512 } } },
                    "source": keyword,
                    "url": keyword,
                    "text": { "type": "text" },
                    "written": range,
                    "written_shown": range,
                    "written_likely": { "type": "boolean" },
                    "written_basis": keyword,
                    "names": keyword,
                    "people": keyword,
                    "organisations": keyword,
                    "places": keyword,
                    "event_dates": date,
                    "events": {
                        "type": "nested",
                        "properties": {
                            "start": date,
                            "end": date,
                            "precision": keyword,
                            "expression": { "type": "text" },
                            "sentence": { "type": "integer" },
                            "text": { "type": "text" },
                            "names": keyword
                        }
                    },
                    "mentions": {
                        "type": "nested",
                        "properties": {
                            "name": keyword,
                            "kind": keyword,
                            "sentence": { "type": "integer" },
                            "in_title": { "type": "boolean" },
                            "start": { "type": "integer" },
                            "end": { "type": "integer" },
                            "text": keyword
                        }
                    }
                }
            }
        },
        "_meta": { "description": "News articles analysed by the corpus explorer: names, dated events, mentions." }
    })
}

/// OpenSearch Dashboards saved objects (Stack Management → Saved objects → Import): the index
/// pattern, the explorer's facets (people, organisations, places, all names) and its timeline
/// (events per month), and a dashboard holding them.
fn dashboards(index: &str) -> String {
    let pattern = format!("{index}-pattern");
    let terms = |id: &str, title: &str, field: &str| {
        let vis = json!({
            "title": title,
            "type": "table",
            "params": { "perPage": 20 },
            "aggs": [
                { "id": "1", "enabled": true, "type": "count", "schema": "metric", "params": {} },
                { "id": "2", "enabled": true, "type": "terms", "schema": "bucket",
                  "params": { "field": field, "size": 50, "order": "desc", "orderBy": "1" } }
            ]
        });
        visualization(id, title, &vis, &pattern)
    };
    let histogram = json!({
        "title": "Events over time",
        "type": "histogram",
        "params": {},
        "aggs": [
            { "id": "1", "enabled": true, "type": "count", "schema": "metric", "params": {} },
            { "id": "2", "enabled": true, "type": "date_histogram", "schema": "segment",
              "params": { "field": "event_dates", "interval": "M", "min_doc_count": 1 } }
        ]
    });
    let panels = [
        ("events-over-time", "Events over time"),
        ("people", "People"),
        ("organisations", "Organisations"),
        ("places", "Places"),
        ("names", "All names"),
    ];
    let objects = [
        json!({
            "type": "index-pattern",
            "id": pattern,
            "attributes": { "title": format!("{index}*"), "timeFieldName": "event_dates" },
            "references": []
        }),
        visualization("events-over-time", "Events over time", &histogram, &pattern),
        terms("people", "People", "people"),
        terms("organisations", "Organisations", "organisations"),
        terms("places", "Places", "places"),
        terms("names", "All names", "names"),
        json!({
            "type": "dashboard",
            "id": format!("{index}-dashboard"),
            "attributes": {
                "title": "Corpus explorer",
                "panelsJSON": Value::Array(panels.iter().enumerate().map(|(i, (_, _))| json!({
                    "panelIndex": (i + 1).to_string(),
                    "gridData": { "x": if i == 0 { 0 } else { 24 * ((i as i64 - 1) % 2) }, "y": if i == 0 { 0 } else { 15 * ((i as i64 + 1) / 2) }, "w": if i == 0 { 48 } else { 24 }, "h": 15, "i": (i + 1).to_string() },
                    "panelRefName": format!("panel_{i}")
                })).collect()).to_string(),
                "timeRestore": false,
                "kibanaSavedObjectMeta": { "searchSourceJSON": json!({ "query": { "query": "", "language": "kuery" }, "filter": [] }).to_string() }
            },
            "references": panels.iter().enumerate().map(|(i, (id, _))| json!({ "name": format!("panel_{i}"), "type": "visualization", "id": id })).collect::<Vec<_>>()
        }),
    ];
    objects.iter().map(|o| o.to_string() + "\n").collect()
}

fn visualization(id: &str, title: &str, vis_state: &Value, pattern: &str) -> Value {
    json!({
        "type": "visualization",
        "id": id,
        "attributes": {
            "title": title,
            "visState": vis_state.to_string(),
            "uiStateJSON": "{}",
            "kibanaSavedObjectMeta": {
                "searchSourceJSON": json!({ "indexRefName": "kibanaSavedObjectMeta.searchSourceJSON.index", "query": { "query": "", "language": "kuery" }, "filter": [] }).to_string()
            }
        },
        "references": [{ "name": "kibanaSavedObjectMeta.searchSourceJSON.index", "type": "index-pattern", "id": pattern }]
    })
}
