//! The walking skeleton: loads cleanly, lists every seed, search narrows, works under a sub-path.

use crate::support::{dist, in_both_browsers, seed_titles, Page, Site};

#[test]
fn page_loads_under_a_sub_path_without_console_errors() {
    let site = Site::serve(&dist(), "/some/where/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.wait_until("document.querySelectorAll('#result-list [data-doc]').length > 0", "results").await;
            assert_eq!(page.count("#fatal-error").await, 0, "{browser:?}: error banner shown");
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}: console errors");
            assert_eq!(page.js("return document.title;").await, "Corpus explorer");
            page.close().await;
        }
    });
    // Every request stayed inside the sub-path: relative URLs only.
    let outside: Vec<String> = site.requested().into_iter().filter(|p| !p.starts_with("/some/where/")).collect();
    assert!(outside.is_empty(), "requests outside the sub-path: {outside:?}");
}

#[test]
fn every_seed_title_is_listed() {
    let site = Site::serve(&dist(), "/");
    let seeds = seed_titles();
    assert!(seeds.len() >= 5, "the shipped corpus has five articles");
    in_both_browsers(|browser| {
        let (base, seeds) = (site.base.clone(), seeds.clone());
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.wait_until("document.querySelectorAll('#result-list [data-doc]').length > 0", "results").await;
            let mut ids = page.attrs("#result-list > li", "data-doc").await;
            ids.sort();
            let expected: Vec<String> = seeds.iter().map(|(id, _)| id.clone()).collect();
            assert_eq!(ids, expected, "{browser:?}");
            let titles = page.texts("#result-list .result-title").await;
            for (_, title) in &seeds {
                // The app shows the cleaned title (straight quotes, fixed case): compare letters only.
                let letters =
                    |t: &str| t.to_lowercase().chars().filter(|c| c.is_alphanumeric()).take(40).collect::<String>();
                assert!(
                    titles.iter().any(|t| letters(t) == letters(title)),
                    "{browser:?}: title {title:?} not listed in {titles:?}"
                );
            }
            assert_eq!(page.texts("#result-count").await, vec![format!("All {} articles", seeds.len())]);
            page.close().await;
        }
    });
}

#[test]
fn typing_in_the_search_box_narrows_the_list() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            let all = page.count("#result-list > li").await;
            // A word only some seeds contain (Tiffany appears in the brand-quitting articles).
            page.type_into("#search", "Tiffany").await;
            page.wait_until(&format!("document.querySelectorAll('#result-list > li').length < {all}"), "narrowing")
                .await;
            let narrowed = page.count("#result-list > li").await;
            assert!(narrowed >= 1 && narrowed < all, "{browser:?}: {narrowed} of {all}");
            assert!(page.count("#result-list mark.hit").await >= 1, "{browser:?}: hits highlighted");
            assert!(page.fragment().await.contains("q=Tiffany"), "{browser:?}: query in the URL");
            // Nonsense matches nothing and offers to clear.
            page.type_into("#search", "zzzqqq").await;
            page.wait_until("document.getElementById('empty-state')", "the empty state").await;
            page.click("#empty-state button").await;
            page.wait_until(&format!("document.querySelectorAll('#result-list > li').length == {all}"), "all again")
                .await;
            page.close().await;
        }
    });
}
