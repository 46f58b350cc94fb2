//! A reader's own files: added through the real file input, analysed in the worker with the
//! shipped articles, explored like them, kept across a reload, removed; bad files listed with
//! their reasons; cancel; the single file over file://.

use std::path::PathBuf;

use crate::support::{dist, import_fixture, in_both_browsers, single_file_url, Page, Site};

/// The six files of `tests/fixtures/import/`: four good, two bad.
fn mixed_files() -> Vec<PathBuf> {
    [
        "harbour-strike.txt", "ferry-contract.html", "council-briefs.csv", "cafe-latin1.txt", "annual-report.pdf",
        "empty.txt",
    ]
    .into_iter()
    .map(import_fixture)
    .collect()
}

/// Waits until no analysis runs and `n` files are listed.
async fn wait_for_rows(page: &Page, n: usize) {
    page.wait_until(
        &format!("!document.getElementById('progress') && document.querySelectorAll('#workspace li[data-file]').length === {n}"),
        &format!("{n} files in the workspace list"),
    )
    .await;
}

async fn row(page: &Page, file: &str) -> (String, String) {
    let css = format!("#workspace li[data-file='{file}']");
    let status =
        page.attrs(&css, "data-status").await.pop().unwrap_or_else(|| panic!("{:?}: no row for {file}", page.browser));
    let text = page.texts(&css).await.pop().unwrap_or_default();
    (status, text)
}

async fn result_docs(page: &Page) -> Vec<String> {
    page.attrs("#result-list > li[data-doc]", "data-doc").await
}

#[test]
fn a_readers_mixed_files_are_explored_with_the_shipped_ones_kept_and_removed() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.wait_until("document.querySelectorAll('#result-list > li').length === 5", "the 5 shipped articles")
                .await;
            assert_eq!(page.texts("#workspace-toggle").await, ["Add articles"], "{browser:?}");
            page.click("#workspace-toggle").await;
            let privacy = page.texts("#workspace .privacy").await.join(" ");
            assert!(privacy.contains("Nothing is uploaded"), "{browser:?}: {privacy}");
            assert_eq!(page.attrs("#add-files", "type").await, ["file"], "{browser:?}");
            assert!(page.js("return document.getElementById('add-files').multiple;").await == true);

            page.choose_files("#add-files", &mixed_files()).await;
            wait_for_rows(&page, 6).await;

            // Every file has a row; the bad ones say why, in words.
            for good in ["harbour-strike.txt", "ferry-contract.html", "council-briefs.csv", "cafe-latin1.txt"] {
                assert_eq!(row(&page, good).await.0, "added", "{browser:?}: {good}: {:?}", row(&page, good).await);
            }
            let (status, text) = row(&page, "annual-report.pdf").await;
            assert_eq!(status, "skipped", "{browser:?}");
            assert!(text.contains("PDF is not supported"), "{browser:?}: {text}");
            let (status, text) = row(&page, "empty.txt").await;
            assert_eq!(status, "skipped", "{browser:?}");
            assert!(text.to_lowercase().contains("empty"), "{browser:?}: {text}");
            let (_, text) = row(&page, "cafe-latin1.txt").await;
            assert!(text.contains("Windows-1252"), "{browser:?}: the encoding used is said: {text}");
            let (_, text) = row(&page, "council-briefs.csv").await;
            assert!(text.contains("3 articles"), "{browser:?}: {text}");

            // Shipped and added articles together: 5 + 1 + 1 + 3 + 1.
            page.wait_until("document.querySelectorAll('#result-list > li').length === 11", "11 articles").await;
            let docs = result_docs(&page).await;
            for id in ["harbour-strike", "ferry-contract", "council-briefs-1", "council-briefs-3", "cafe-latin1"] {
                assert!(docs.iter().any(|d| d == id), "{browser:?}: {id} not among {docs:?}");
            }
            assert_eq!(page.texts("#workspace-toggle").await, ["Your articles (4)"], "{browser:?}");
            page.screenshot("workspace").await;

            // Search finds words of the saved page's article, not of its navigation or comments.
            page.type_into("#search", "ferries").await;
            page.wait_until("document.querySelectorAll('#result-list > li').length === 1", "one hit for ferries").await;
            assert_eq!(result_docs(&page).await, ["ferry-contract"], "{browser:?}");
            page.click("#result-list > li[data-doc='ferry-contract'] .result-title").await;
            page.wait_until("document.getElementById('reader')", "the reader").await;
            assert_eq!(
                page.texts("#reader-title").await,
                ["Zentaro Corp wins the Orvel ferry contract"],
                "{browser:?}"
            );
            let body = page.texts("#reader").await.join(" ");
            for noise in [
                "Weather forecast menu", "Celebrity chef", "Reader42", "Post comment", "Cookie settings", "never shown",
            ] {
                assert!(!body.contains(noise), "{browser:?}: '{noise}' is page furniture, not article: {body}");
            }
            assert!(body.contains("Harbour Gazette"), "{browser:?}: the source is shown: {body}");
            assert!(body.contains("2020"), "{browser:?}: the page's date is shown: {body}");
            page.press(fantoccini::key::Key::Escape).await;
            page.js("document.getElementById('search').value = ''; document.getElementById('search').dispatchEvent(new Event('input'));").await;
            page.wait_until("document.querySelectorAll('#result-list > li').length === 11", "all 11 again").await;

            // Names from the new articles are chips; their dates are on the timeline.
            page.wait_until("document.querySelector(\".chip[data-entity='Zentaro Corp']\")", "a chip for Zentaro Corp")
                .await;
            let event_docs = page.attrs(".timeline [data-doc]", "data-doc").await;
            assert!(event_docs.iter().any(|d| d == "harbour-strike"), "{browser:?}: timeline docs {event_docs:?}");

            // Nothing left the machine: every resource came from the site itself.
            let foreign = page
                .js(&format!("return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith({base:?}));"))
                .await;
            assert_eq!(foreign, serde_json::json!([]), "{browser:?}: requests outside the site");

            // A reload restores the workspace without analysing again.
            page.goto(&base).await;
            page.wait_until("document.querySelectorAll('#result-list > li').length === 11", "11 articles after reload")
                .await;
            assert_eq!(page.count("#progress").await, 0, "{browser:?}: no re-analysis on reload");
            page.click("#workspace-toggle").await;
            wait_for_rows(&page, 6).await;

            // Remove the CSV: its three articles go, the rest stay.
            page.click("#workspace li[data-file='council-briefs.csv'] button").await;
            wait_for_rows(&page, 5).await;
            page.wait_until("document.querySelectorAll('#result-list > li').length === 8", "8 articles").await;
            assert!(!result_docs(&page).await.iter().any(|d| d.starts_with("council-briefs")), "{browser:?}");

            // Only mine: the shipped articles step aside.
            page.click("#scope-mine").await;
            page.wait_until("document.querySelectorAll('#result-list > li').length === 3", "only my 3 articles").await;

            // Remove all: back to the shipped corpus, and it stays so after a reload.
            page.click("#clear-workspace").await;
            page.wait_until("document.querySelectorAll('#result-list > li').length === 5", "the shipped 5").await;
            page.goto(&base).await;
            page.wait_until("document.querySelectorAll('#result-list > li').length === 5", "5 after reload").await;
            assert_eq!(page.texts("#workspace-toggle").await, ["Add articles"], "{browser:?}");

            assert_eq!(page.csp_violations().await, Vec::<String>::new(), "{browser:?}");
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}

/// The articles shared among several workers (one run each) give the corpus one worker gives:
/// the same packed bytes in the browser's storage, the same chips.
#[test]
fn articles_analysed_by_several_workers_give_the_corpus_one_worker_gives() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            let mut results = Vec::new();
            // The third time no helper can start: the main worker builds every run itself.
            for (workers, helpers_fail) in [(1, false), (4, false), (4, true)] {
                page.goto(&base).await;
                page.wait_until("document.querySelectorAll('#result-list > li').length === 5", "the shipped 5").await;
                page.click("#workspace-toggle").await;
                // Every run is worth a worker here, however small: 11 articles in 4 runs.
                page.js(&format!("corpusWorkspace.configure({{ workers: {workers}, minRunBytes: 0 }});")).await;
                if helpers_fail {
                    page.js("window.__started = 0;
                         const Real = window.Worker;
                         window.Worker = class extends Real {
                           constructor(url) { if (window.__started++ > 0) throw new Error('no helper'); super(url); }
                         };")
                        .await;
                }
                page.choose_files("#add-files", &mixed_files()).await;
                wait_for_rows(&page, 6).await;
                page.wait_until("document.querySelectorAll('#result-list > li').length === 11", "11 articles").await;
                let used = page.js("return corpusWorkspace.lastRun.workers;").await;
                assert_eq!(used, serde_json::json!(workers), "{browser:?}: runs of articles");
                if helpers_fail {
                    let tried = page.js("return window.__started;").await;
                    assert_eq!(tried, serde_json::json!(4), "{browser:?}: the main worker, then 3 helpers refused");
                }
                page.js(
                    "window.__packed = null;
                     // The list shows before the save ends: read what was saved once it has.
                     corpusWorkspace.idle().then(() => {
                       const open = indexedDB.open('corpus-explorer');
                       open.onsuccess = () => {
                         const get = open.result.transaction('workspace').objectStore('workspace').get('current');
                         get.onsuccess = () => crypto.subtle.digest('SHA-256', get.result.packed).then((h) => {
                           window.__packed = Array.from(new Uint8Array(h), (b) => b.toString(16).padStart(2, '0')).join('');
                           open.result.close();
                         });
                       };
                     });",
                )
                .await;
                let digest = page.wait_until("window.__packed", "the stored corpus's hash").await;
                let chips = page.attrs(".chip[data-entity]", "data-entity").await;
                assert!(chips.iter().any(|c| c == "Zentaro Corp"), "{browser:?}: {chips:?}");
                results.push((digest, chips));
                page.click("#clear-workspace").await;
                page.wait_until("document.querySelectorAll('#result-list > li').length === 5", "the shipped 5").await;
            }
            assert_eq!(results[0], results[1], "{browser:?}: 1 worker vs 4");
            assert_eq!(results[0], results[2], "{browser:?}: 1 worker vs 4 runs whose helpers failed");
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}

#[test]
fn an_analysis_the_browser_cannot_save_is_shown_and_said_so_and_the_saved_one_stays() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.click("#workspace-toggle").await;
            // The browser's storage refuses every write from now on (a full disk, a private
            // window that keeps nothing).
            page.js("IDBObjectStore.prototype.put = function () { throw new DOMException('refused', 'QuotaExceededError'); };")
                .await;
            page.choose_files("#add-files", &mixed_files()).await;
            // The reader's articles are shown all the same, and the panel says they are not kept.
            page.wait_until("document.querySelectorAll('#result-list > li').length === 11", "11 articles").await;
            page.wait_until(
                "/could not be saved \\(refused\\)/.test(document.getElementById('workspace').textContent)",
                "the message that the workspace is not kept",
            )
            .await;
            assert_eq!(page.count(".saving-note").await, 0, "{browser:?}: no 'Saving…' once it has failed");
            // A reload has the workspace as it was saved before: the shipped articles.
            page.goto(&base).await;
            page.wait_until(
                "document.querySelectorAll('#result-list > li').length === 5",
                "the shipped 5 after reload",
            )
            .await;
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}

#[test]
fn leaving_the_page_while_articles_are_saved_asks_first() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.click("#workspace-toggle").await;
            // The files' writes wait until the test lets them through: one request after another
            // keeps the storage transaction open meanwhile, as a slow disk would.
            page.js(
                "const put = IDBObjectStore.prototype.put;
                 IDBObjectStore.prototype.put = function (value, key) {
                   if (window.__release || !(value instanceof Blob)) return put.call(this, value, key);
                   window.__held = true;
                   const store = this;
                   const wait = () => { store.count().onsuccess = () => (window.__release ? put.call(store, value, key) : wait()); };
                   wait();
                 };
                 return null;",
            )
            .await;
            page.choose_files("#add-files", &[import_fixture("harbour-strike.txt")]).await;
            // Shown before it is saved, with the panel saying so.
            page.wait_until(
                "window.__held && document.querySelector('.saving-note') && document.querySelector(\"#result-list > li[data-doc='harbour-strike']\")",
                "the article shown, its save under way",
            )
            .await;
            // What a reload or a closed tab does first: the page asks the browser to confirm.
            let leaving = "const e = new Event('beforeunload', { cancelable: true }); dispatchEvent(e); return e.defaultPrevented;";
            assert_eq!(
                page.js(leaving).await,
                true,
                "{browser:?}: leaving now would lose the article, so the page asks"
            );
            page.js("window.__release = true; return null;").await;
            page.wait_until("!document.querySelector('.saving-note')", "the save to end").await;
            page.js(
                "window.__idle = false; corpusWorkspace.idle().then(() => { window.__idle = true; }); return null;",
            )
            .await;
            page.wait_until("window.__idle", "every write done").await;
            assert_eq!(page.js(leaving).await, false, "{browser:?}: once saved, leaving asks nothing");
            // And the article was kept.
            page.goto(&base).await;
            page.wait_until("document.querySelectorAll('#result-list > li').length === 6", "5 shipped + the saved one")
                .await;
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}

#[test]
fn pasted_text_becomes_an_article_and_cancel_keeps_the_workspace() {
    // A file big enough that its analysis is still running when Cancel is clicked.
    let big = std::env::temp_dir().join(format!("e2e-big-{}.txt", std::process::id()));
    let paragraph = "The Orvel ferry board met on Tuesday and said the new timetable starts on 3 May 2021. ";
    std::fs::write(&big, format!("A long file\n\n{}", paragraph.repeat(120_000))).unwrap();
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let (base, big) = (site.base.clone(), big.clone());
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.click("#workspace-toggle").await;
            page.click("#workspace details.paste summary").await;
            page.type_into("#paste-text", "Harbour pilots strike\n\nHarbour pilots in Orvel went on strike on Monday.")
                .await;
            page.click("#paste-add").await;
            wait_for_rows(&page, 1).await;
            assert_eq!(row(&page, "pasted-1.txt").await.0, "added", "{browser:?}");
            page.wait_until("document.querySelectorAll('#result-list > li').length === 6", "6 articles").await;

            page.choose_files("#add-files", &[big]).await;
            page.wait_until("document.getElementById('cancel-analysis')", "the Cancel button").await;
            let label = page.texts(".progress-label").await.join(" ");
            assert!(!label.is_empty(), "{browser:?}: progress says what it does");
            page.click("#cancel-analysis").await;
            page.wait_until("/Cancelled/.test(document.getElementById('workspace').textContent)", "the cancel message")
                .await;
            wait_for_rows(&page, 1).await;
            assert_eq!(page.count("#result-list > li").await, 6, "{browser:?}: the workspace is as it was");
            // And a reload still has the pasted article.
            page.goto(&base).await;
            page.wait_until("document.querySelectorAll('#result-list > li').length === 6", "6 after reload").await;
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
    let _ = std::fs::remove_file(big);
}

#[test]
fn the_single_file_build_analyses_added_files_over_file_urls() {
    in_both_browsers(|browser| async move {
        let page = Page::open(browser).await;
        page.goto(&single_file_url()).await;
        page.wait_until("document.querySelectorAll('#result-list > li').length === 5", "the shipped 5").await;
        page.click("#workspace-toggle").await;
        // Helper workers over file:// too: 6 articles in 3 runs.
        page.js("corpusWorkspace.configure({ workers: 3, minRunBytes: 0 });").await;
        page.choose_files("#add-files", &[import_fixture("ferry-contract.html"), import_fixture("annual-report.pdf")])
            .await;
        wait_for_rows(&page, 2).await;
        assert_eq!(page.js("return corpusWorkspace.lastRun.workers;").await, serde_json::json!(3), "{browser:?}");
        assert_eq!(
            row(&page, "ferry-contract.html").await.0,
            "added",
            "{browser:?}: {:?}",
            row(&page, "ferry-contract.html").await
        );
        page.wait_until(
            "document.querySelector(\"#result-list > li[data-doc='ferry-contract']\")",
            "the added article",
        )
        .await;
        page.goto(&single_file_url()).await;
        page.wait_until("document.querySelectorAll('#result-list > li').length === 6", "kept over file:// too").await;
        page.close().await;
    });
}

#[test]
fn an_exported_workspace_is_one_file_that_add_articles_takes_back() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.click("#workspace-toggle").await;
            page.choose_files(
                "#add-files",
                &[import_fixture("harbour-strike.txt"), import_fixture("council-briefs.csv")],
            )
            .await;
            wait_for_rows(&page, 2).await;
            page.catch_downloads().await;
            page.click("#export-workspace").await;
            let name = page.wait_until("Object.keys(window.__saved)[0]", "the export download").await;
            let name = name.as_str().unwrap_or("").to_string();
            assert!(name.ends_with(".json"), "{browser:?}: {name}");
            let exported = page.downloaded_text(&name).await;
            let parsed: serde_json::Value = serde_json::from_str(&exported).unwrap();
            let names: Vec<&str> =
                parsed["files"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
            assert_eq!(names, ["harbour-strike.txt", "council-briefs.csv"], "{browser:?}");

            // Remove everything, then take the exported file back.
            page.click("#clear-workspace").await;
            page.wait_until("document.querySelectorAll('#result-list > li').length === 5", "the shipped 5").await;
            let path =
                std::env::temp_dir().join(format!("e2e-{browser:?}-{}-workspace.corpus.json", std::process::id()));
            std::fs::write(&path, &exported).unwrap();
            page.choose_files("#add-files", std::slice::from_ref(&path)).await;
            wait_for_rows(&page, 2).await;
            assert_eq!(row(&page, "council-briefs.csv").await.0, "added", "{browser:?}");
            page.wait_until("document.querySelectorAll('#result-list > li').length === 9", "5 + 1 + 3 articles").await;
            let _ = std::fs::remove_file(path);
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}
