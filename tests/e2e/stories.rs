//! The story view: the timeline's events grouped into happenings across articles, with their
//! sources and disagreements (issue 12). Runs on the shipped seeds as they are: their dates come
//! from the articles' own words and from each other; the groups are the reviewed
//! `tests/golden/stories.txt`.

use crate::support::{dist, in_both_browsers, Browser, Page, Site};

#[test]
fn the_story_view_groups_one_happening_across_its_sources() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.wait_until("document.querySelectorAll('#event-list .event').length > 0", "the event list").await;
            let events = page.count("#event-list .event").await;
            page.click("#view-stories").await;
            page.wait_until("document.querySelectorAll('#story-list .story').length > 0", "the story list").await;
            assert_eq!(page.attrs("#view-stories", "aria-pressed").await, ["true"], "{browser:?}");
            // Fewer rows than events: the same happening reported twice is one row.
            let stories = page.count("#story-list .story").await;
            assert!(stories < events, "{browser:?}: {stories} stories for {events} events");
            // The chart follows: one mark per story, sized and labelled by its sources.
            page.wait_until(
                &format!("document.querySelectorAll('.timeline-svg .mark.story-mark').length === {stories}"),
                "one story mark per story",
            )
            .await;
            let label = page.attrs(".mark.story-mark[data-sources='3']", "aria-label").await.join(" ");
            assert!(label.contains("a story in 3 articles"), "{browser:?}: {label}");
            if browser == Browser::Chromium {
                page.js("document.querySelector('.timeline').scrollIntoView({block: 'start', behavior: 'instant'});")
                    .await;
                page.screenshot("stories").await;
            }
            // Alibaba's joining on 13 April, told by three articles: one story, three sources,
            // in date order as the list by date sorts them (the two dated "May 2016" before the
            // one dated 14 May, ties by id).
            let row = "#story-list .story[data-sources='3'][data-date='2016-04-13']";
            page.wait_until(&format!("document.querySelector({row:?})"), "the 13 April story with three sources").await;
            let sources = page.attrs(&format!("{row} .story-source"), "data-doc").await;
            assert_eq!(
                sources,
                ["001_483ee77271d60ea4", "002_5af6f30b5e22657d", "000_7a9101c4ee3a9e57"],
                "{browser:?}"
            );
            let text = page.texts(row).await.join(" ");
            // Each source with its own date and where that comes from.
            assert!(text.contains("reported May 2016 · likely, happened 13 April 2016"), "{browser:?}: {text}");
            // A source opens the reader at its sentence.
            page.click(&format!("{row} .story-source[data-doc='002_5af6f30b5e22657d']")).await;
            page.wait_until(
                "document.querySelector('#reader[data-doc=\"002_5af6f30b5e22657d\"] .sentence.selected')",
                "the reader at the sentence",
            )
            .await;
            // A filter narrows the stories too.
            page.type_into("#search", "Longchamp").await;
            page.wait_until(
                &format!("document.querySelectorAll('#story-list .story').length < {stories}"),
                "fewer stories",
            )
            .await;
            page.click("#view-events").await;
            page.wait_until("document.getElementById('event-list')", "the events again").await;
            page.wait_until("!document.querySelector('.mark.story-mark')", "event marks again").await;
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}

#[test]
fn a_passage_another_article_repeats_links_to_it_from_the_reader() {
    let site = Site::serve(&crate::support::dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            // "13 last month, Alibaba announced …" opens one article and is repeated in another.
            page.goto(&format!("{base}#doc=001_483ee77271d60ea4")).await;
            let link = "#reader .also-in button[data-doc='002_5af6f30b5e22657d']";
            page.wait_until(&format!("document.querySelector({link:?})"), "an also-in link").await;
            let sentence = page.attrs(link, "data-sentence").await[0].clone();
            page.click(link).await;
            page.wait_until(
                &format!("document.querySelector('#reader[data-doc=\"002_5af6f30b5e22657d\"] .sentence.selected[data-sentence=\"{sentence}\"]')"),
                "the other article at the repeated sentence",
            )
            .await;
            let text = page.texts("#reader .sentence.selected").await.join(" ");
            assert!(text.contains("13 last month"), "{browser:?}: {text}");
            if browser == Browser::Chromium {
                page.screenshot("also-in").await;
            }
            // And it links back.
            page.wait_until(
                "document.querySelector(\"#reader .also-in button[data-doc='001_483ee77271d60ea4']\")",
                "the link back",
            )
            .await;
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}

#[test]
fn clicking_a_co_occurrence_square_requires_both_names() {
    let site = Site::serve(&crate::support::dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.wait_until("document.querySelectorAll('.chip').length > 3", "chips").await;
            page.click("details.cooccur summary").await;
            page.wait_until("document.querySelectorAll('.cooccur-chart .co-cell').length > 0", "the matrix").await;
            page.js("document.querySelector('details.cooccur').scrollIntoView({block: 'start', behavior: 'instant'});")
                .await;
            page.screenshot("cooccur").await;
            // The busiest pair.
            let pair = page
                .js("const c = [...document.querySelectorAll('.co-cell')].sort((x, y) => y.dataset.count - x.dataset.count)[0]; c.id = 'busiest'; return [c.dataset.a, c.dataset.b, Number(c.dataset.count)];")
                .await;
            let (a, b) = (pair[0].as_str().unwrap().to_string(), pair[1].as_str().unwrap().to_string());
            assert!(pair[2].as_u64().unwrap() > 0, "{browser:?}: {pair}");
            page.click("#busiest").await;
            for name in [&a, &b] {
                page.wait_until(
                    &format!("document.querySelector(\".chip[data-entity='{name}'][aria-pressed='true']\")"),
                    name,
                )
                .await;
            }
            // Every article listed names both.
            let shown = page.count("#result-list > li").await;
            assert!(shown >= 1, "{browser:?}");
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}
