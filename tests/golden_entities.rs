//! Golden test over the shipped seeds: which entities the pipeline finds, of which kind, with
//! which spellings merged. A reviewer reads `tests/golden/entities.txt` like a journalist would;
//! after an intended change run `UPDATE_EXPECT=1 cargo test --test golden_entities` and review
//! the diff.

use corpus_explorer::corpus::Corpus;

fn render(corpus: &Corpus) -> String {
    let mut out = String::from("# name [kind] docs=N mentions=M | spellings with counts\n");
    for e in &corpus.entities {
        let aliases: Vec<String> = e.aliases.iter().map(|a| format!("{}×{}", a.text, a.count)).collect();
        out.push_str(&format!(
            "{} [{}] docs={} mentions={} | {}\n",
            e.name,
            e.kind.label(),
            e.docs.len(),
            e.mentions,
            aliases.join(", ")
        ));
    }
    out
}

#[test]
fn entities_of_the_seeds() {
    let corpus = corpus_explorer::embedded::corpus();
    expect_test::expect_file!["golden/entities.txt"].assert_eq(&render(&corpus));
}

/// The story's main actors, each once, with their spellings merged (independent of the file).
#[test]
fn the_main_actors_appear_once_with_spellings_merged() {
    let corpus = corpus_explorer::embedded::corpus();
    let find = |alias: &str| -> Vec<&str> {
        corpus.entities.iter().filter(|e| e.aliases.iter().any(|a| a.text == alias)).map(|e| e.name.as_str()).collect()
    };
    // Each spelling belongs to exactly one entity, and the variants of one actor agree.
    for group in [
        &["IACC", "international anti fake alliance", "International AntiCounterfeiting Coalition"][..],
        &["Michael Kors", "Mike Kors", "MK", "Kors"][..],
        &["Alibaba", "Ali", "Alibaba Group"][..],
        &["Jack Ma", "Ma Yun"][..],
        &["Michael Kors", "Mike & Co."][..],
    ] {
        let owners: Vec<Vec<&str>> = group.iter().map(|a| find(a)).collect();
        assert!(owners.iter().all(|o| o.len() == 1), "{group:?} → {owners:?}");
        assert!(owners.iter().all(|o| o == &owners[0]), "{group:?} → {owners:?}");
    }
    for brand in ["Gucci", "Tiffany", "Michael Kors"] {
        let e = corpus.entities.iter().find(|e| e.name == brand).unwrap_or_else(|| panic!("{brand} missing"));
        assert_eq!(e.kind, corpus_explorer::corpus::EntityKind::Organisation, "{brand}");
    }
    // Nothing that is only a capitalised common word, a month or a nationality, and no names
    // run together by a lost comma.
    for junk in [
        "The", "But", "May", "April", "Luxury", "Brand", "However", "Voices", "Chinese", "American", "Italian",
        "Gucci Yves Saint Laurent", "Stuart Weitzman Kolsun", "Alibaba Camp", "Alibaba camp",
    ] {
        assert!(find(junk).is_empty(), "{junk} should not be a name: {:?}", find(junk));
    }
    // Every actor of the story, including the ones named once.
    for actor in ["Yves Saint Laurent", "Stuart Weitzman", "The RealReal", "Manhattan", "Louis Vuitton", "LVMH"] {
        assert!(corpus.entities.iter().any(|e| e.name == actor), "{actor} missing");
    }
}

/// Articles it has never seen: front-matter dates, new names, and the same rules.
#[test]
fn unseen_articles_get_sensible_entities() {
    use corpus_explorer::corpus::{EntityKind, Source};
    let a = "---\ntitle: Port strike spreads\ndate: 2019-03-04\n---\nDock workers in Rotterdam joined the strike called by the European Transport Workers' Federation (ETF) on Monday. Federation spokesman Jan de Vries said the ETF would meet shippers in Brussels.";
    let b = "---\ntitle: Shippers respond\ndate: 2019-03-06\n---\nThe Maersk Group said the european transport workers' federation had not contacted it. De Vries, the ETF spokesman, disagreed. Maersk shares fell.";
    let corpus = Corpus::build(&[Source { id: "a", text: a }, Source { id: "b", text: b }], None);
    let get = |name: &str| corpus.entities.iter().find(|e| e.name == name);
    let etf = get("European Transport Workers' Federation").or_else(|| get("European Transport Workers Federation"));
    let etf = etf.unwrap_or_else(|| panic!("{:?}", corpus.entities.iter().map(|e| &e.name).collect::<Vec<_>>()));
    assert_eq!(etf.kind, EntityKind::Organisation);
    assert_eq!(etf.docs, vec![0, 1], "the lower-case long form in b is the same organisation");
    assert!(etf.aliases.iter().any(|a| a.text == "ETF"));
    assert_eq!(get("Maersk Group").map(|e| e.mentions), Some(2), "Maersk and Maersk Group merge");
    assert_eq!(get("Rotterdam").map(|e| e.docs.len()), Some(1));
    assert_eq!(get("Brussels").map(|e| e.kind), Some(EntityKind::Place));
}
