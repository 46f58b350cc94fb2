//! Runs the `corpus` binary as a user would.
use std::path::PathBuf;
use std::process::Command;

fn corpus() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corpus"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("corpus-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

#[test]
fn non_utf8_file_is_named_and_the_rest_exported() {
    let dir = temp_dir("lossy");
    std::fs::write(dir.join("a_good.txt"), "Good Title\n\nAlibaba joined the alliance.\n").unwrap();
    std::fs::write(dir.join("b_bad.txt"), b"Bad \xff\xfe Title\n\nSome \xc3 text.\n").unwrap();
    std::fs::write(dir.join("ignored.csv"), "not an article").unwrap();
    let out = corpus().arg("export").arg(&dir).output().expect("run corpus");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stderr: {stderr}");
    assert!(stderr.contains("b_bad.txt") && stderr.contains("not valid UTF-8"), "stderr: {stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    let ids: Vec<&str> = json["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["a_good", "b_bad"]);
    assert_eq!(json["documents"][0]["title"], "Good Title");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_named_skipped_and_exit_code_is_1() {
    let dir = temp_dir("unreadable");
    std::fs::write(dir.join("a.txt"), "A\n\nText.\n").unwrap();
    // A directory named like an article cannot be read as a file, even by root.
    std::fs::create_dir(dir.join("b.txt")).unwrap();
    let out = corpus().arg("export").arg(&dir).output().expect("run corpus");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains("b.txt"), "stderr: {stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(json["documents"].as_array().unwrap().len(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_dir_is_a_clear_error_with_code_2() {
    let out = corpus().args(["export", "/definitely/not/here"]).output().expect("run corpus");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/definitely/not/here"), "stderr: {stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn help_and_no_args_print_usage() {
    for args in [vec![], vec!["help"]] {
        let out = corpus().args(&args).output().expect("run corpus");
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("usage: corpus"));
    }
    let out = corpus().args(["bogus"]).output().expect("run corpus");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn seeds_export_has_five_documents() {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let out = corpus().arg("export").arg(&seeds).output().expect("run corpus");
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    let ids: Vec<&str> = json["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        vec![
            "000_7a9101c4ee3a9e57", "001_483ee77271d60ea4", "002_5af6f30b5e22657d", "003_967de579bf9c38fe",
            "004_0ea822e839625de1"
        ]
    );
    // The related-reading lists of 003 and 004 and the comment form of 002 are set aside.
    for (i, min) in [(2, 2), (3, 20), (4, 20)] {
        assert!(json["documents"][i]["boilerplate_paragraphs"].as_u64().unwrap() >= min, "doc {i}");
    }
    assert_eq!(json["documents"][0]["boilerplate_paragraphs"], 0);
}

/// Checks `value` against a mapping's `properties`: every field is declared, with a value of
/// the declared type. Returns how many fields were checked.
fn conforms(value: &serde_json::Value, properties: &serde_json::Value, path: &str) -> usize {
    let object = value.as_object().unwrap_or_else(|| panic!("{path} is an object"));
    let mut checked = 0;
    for (field, v) in object {
        let mapping = &properties[field];
        assert!(mapping.is_object(), "{path}.{field} is not in the template (dynamic: strict would refuse it)");
        let values: Vec<&serde_json::Value> = match v.as_array() {
            Some(items) if mapping["type"] != "nested" => items.iter().collect(),
            _ => vec![v],
        };
        for v in values {
            checked += 1;
            let ty = mapping["type"].as_str().unwrap_or_default();
            let is_day = |s: &serde_json::Value| {
                s.as_str().is_some_and(|s| s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-')
            };
            match ty {
                "keyword" | "text" => assert!(v.is_string(), "{path}.{field}: {v} is a string"),
                "boolean" => assert!(v.is_boolean(), "{path}.{field}: {v}"),
                "integer" => assert!(v.as_u64().is_some(), "{path}.{field}: {v}"),
                "date" => assert!(is_day(v), "{path}.{field}: {v} is yyyy-MM-dd"),
                "date_range" => {
                    let r = v.as_object().unwrap();
                    assert!(!r.is_empty() && r.keys().all(|k| k == "gte" || k == "lte"), "{path}.{field}: {v}");
                    assert!(r.values().all(is_day), "{path}.{field}: {v}");
                }
                "nested" => {
                    for item in v.as_array().unwrap_or_else(|| panic!("{path}.{field} is a list")) {
                        checked += conforms(item, &mapping["properties"], &format!("{path}.{field}"));
                    }
                }
                other => panic!("{path}.{field}: unexpected mapping type {other}"),
            }
        }
    }
    checked
}

#[test]
fn opensearch_export_writes_bulk_lines_the_template_accepts_and_dashboards_over_its_fields() {
    let out = temp_dir("opensearch");
    let run = corpus().args(["export", "--format", "opensearch", "seeds"]).arg(&out).output().expect("run corpus");
    assert!(run.status.success(), "stderr: {}", String::from_utf8_lossy(&run.stderr));
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let template: serde_json::Value = serde_json::from_str(&read("index-template.json")).unwrap();
    let mappings = &template["template"]["mappings"];
    assert_eq!(mappings["dynamic"], "strict");
    let pattern = template["index_patterns"][0].as_str().unwrap().trim_end_matches('*').to_string();
    // The pipeline's own answer, to compare with.
    let plain = corpus().arg("export").arg("seeds").output().unwrap();
    let export: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    let ids: Vec<&str> = export["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();

    // Bulk: an action line, then the article; one pair per article.
    let bulk = read("bulk.ndjson");
    let lines: Vec<serde_json::Value> =
        bulk.lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    assert!(bulk.ends_with('\n'), "the bulk API needs a final newline");
    assert_eq!(lines.len(), 2 * ids.len());
    let (mut events, mut mentions, mut checked) = (0, 0, 0);
    for (pair, id) in lines.chunks(2).zip(&ids) {
        assert_eq!(pair[0]["index"]["_index"].as_str(), Some(pattern.as_str()));
        assert_eq!(pair[0]["index"]["_id"].as_str(), Some(*id));
        let doc = &pair[1];
        checked += conforms(doc, &mappings["properties"], id);
        assert_eq!(doc["id"].as_str(), Some(*id));
        // The names are the entities the pipeline found in this article.
        let mut expected: Vec<&str> = export["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| {
                e["docs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d.as_str() == Some(*id) || d.as_u64().is_some_and(|i| ids.get(i as usize) == Some(id)))
            })
            .map(|e| e["name"].as_str().unwrap())
            .collect();
        expected.sort_unstable();
        let mut names: Vec<&str> = doc["names"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
        names.sort_unstable();
        assert_eq!(names, expected, "names of {id}");
        // Each mention's text is where it says, and each event's first day is in event_dates.
        for m in doc["mentions"].as_array().unwrap() {
            let written = m["text"].as_str().unwrap();
            assert!(!written.is_empty());
            let home =
                if m["in_title"] == true { doc["title"].as_str().unwrap() } else { doc["text"].as_str().unwrap() };
            assert!(home.contains(written), "{id}: mention {written:?} is in its text");
            mentions += 1;
        }
        for e in doc["events"].as_array().unwrap() {
            assert!(e["start"].as_str() <= e["end"].as_str());
            assert!(doc["event_dates"].as_array().unwrap().contains(&e["start"]));
            events += 1;
        }
    }
    let expected_events = export["events"].as_array().unwrap().len();
    assert_eq!(events, expected_events, "every dated event is exported");
    assert!(mentions > 20 && checked > 100, "{mentions} mentions, {checked} fields checked");

    // Dashboards: the index pattern names the template's indices; each visualization aggregates
    // a field the template declares as a keyword or a date; the dashboard holds them all.
    let objects: Vec<serde_json::Value> =
        read("dashboards.ndjson").lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let pattern_object = objects.iter().find(|o| o["type"] == "index-pattern").expect("an index pattern");
    assert_eq!(pattern_object["attributes"]["title"], template["index_patterns"][0]);
    let time_field = pattern_object["attributes"]["timeFieldName"].as_str().unwrap();
    assert_eq!(mappings["properties"][time_field]["type"], "date");
    let visualizations: Vec<&serde_json::Value> = objects.iter().filter(|o| o["type"] == "visualization").collect();
    assert!(visualizations.len() >= 4);
    for v in &visualizations {
        assert_eq!(v["references"][0]["id"], pattern_object["id"]);
        let state: serde_json::Value = serde_json::from_str(v["attributes"]["visState"].as_str().unwrap()).unwrap();
        for agg in state["aggs"].as_array().unwrap().iter().filter(|a| a["schema"] != "metric") {
            let field = agg["params"]["field"].as_str().unwrap();
            let ty = mappings["properties"][field]["type"].as_str().unwrap_or("missing");
            assert!(ty == "keyword" || ty == "date", "{field} is {ty}");
        }
    }
    let dashboard = objects.iter().find(|o| o["type"] == "dashboard").expect("a dashboard");
    let panels: Vec<serde_json::Value> =
        serde_json::from_str(dashboard["attributes"]["panelsJSON"].as_str().unwrap()).unwrap();
    assert_eq!(panels.len(), visualizations.len());
    for r in dashboard["references"].as_array().unwrap() {
        assert!(visualizations.iter().any(|v| v["id"] == r["id"]), "the dashboard's {r} exists");
        assert!(panels.iter().any(|p| p["panelRefName"] == r["name"]));
    }
    let _ = std::fs::remove_dir_all(&out);
}
