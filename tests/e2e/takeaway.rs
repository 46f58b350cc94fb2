//! Taking the findings away: the view's tables downloaded as CSV and JSON, and a citation for a
//! sentence (issue 12). Downloads are caught at `URL.createObjectURL`, so the test reads exactly
//! the bytes the browser would save.

use crate::support::{dist, in_both_browsers, Page, Site};

#[test]
fn the_view_downloads_as_csv_and_json_and_a_sentence_copies_as_a_citation() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.wait_until("document.querySelectorAll('#result-list > li').length === 5", "5 articles").await;
            page.type_into("#search", "Longchamp").await;
            page.wait_until("document.querySelectorAll('#result-list > li').length < 5", "a filtered view").await;
            let in_view = page.count("#result-list > li").await;
            page.catch_downloads().await;
            page.click("details.download summary").await;
            page.click("[data-export='csv'][data-table='articles']").await;
            // Text does not carry the byte-order mark through `Blob.text()`'s UTF-8 decoding, so
            // check the bytes for it separately.
            let bom = page
                .client
                .execute_async(
                    "const done = arguments[0]; window.__saved['articles.csv'].arrayBuffer().then(b => done(Array.from(new Uint8Array(b).slice(0, 3))));",
                    vec![],
                )
                .await
                .unwrap();
            assert_eq!(bom, serde_json::json!([0xEF, 0xBB, 0xBF]), "{browser:?}: CSV starts with a UTF-8 BOM");
            let csv = page.downloaded_text("articles.csv").await;
            let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").filter(|l| !l.is_empty()).collect();
            assert_eq!(lines[0], "id,title,date,source,url", "{browser:?}");
            assert_eq!(lines.len(), 1 + in_view, "{browser:?}: one row per article in view: {csv}");

            page.click("[data-export='csv'][data-table='names']").await;
            let names = page.downloaded_text("names.csv").await;
            assert!(names.contains("Longchamp"), "{browser:?}: {names}");

            page.click("[data-export='json']").await;
            let json: serde_json::Value =
                serde_json::from_str(&page.downloaded_text("corpus-view.json").await).unwrap();
            assert_eq!(json["articles"].as_array().map(Vec::len), Some(in_view), "{browser:?}");
            for table in ["events", "names", "stories"] {
                assert!(json[table].is_array(), "{browser:?}: {table}");
            }

            // Copy citation: open an article at a sentence (from the event list).
            page.js("document.getElementById('search').value = ''; document.getElementById('search').dispatchEvent(new Event('input'));").await;
            page.wait_until("document.querySelector('#event-list .event')", "an event").await;
            page.click("#event-list .event").await;
            page.wait_until("document.querySelector('#reader .sentence.selected')", "the reader at a sentence").await;
            page.wait_until("document.getElementById('copy-citation')", "the citation button").await;
            page.click("#copy-citation").await;
            let copied = page.wait_until("window.__copied", "a citation on the clipboard").await;
            let copied = copied.as_str().unwrap_or("");
            let title = page.texts("#reader-title").await.join("");
            assert!(copied.starts_with('“') && copied.contains(&title), "{browser:?}: {copied}");
            assert!(copied.contains("#") && copied.contains("s="), "{browser:?}: a link to the sentence: {copied}");
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}
