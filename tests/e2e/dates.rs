//! Dates for articles that print none (issue 17), on the shipped seeds as they are: the reader
//! says when an article was written and where that comes from, with the evidence; "Set date"
//! moves everything that follows from it, and is undone, kept, linked and downloaded like a
//! name correction.

use crate::support::{dist, in_both_browsers, Browser, Page, Site};

const CONFERENCE_ARTICLE: &str = "004_0ea822e839625de1";

async fn article_date(page: &Page) -> (String, String) {
    (page.texts("#article-date").await.join(""), page.attrs("#article-date", "data-basis").await.join(""))
}

#[test]
fn an_undated_article_explains_its_date_and_set_date_moves_what_follows() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&format!("{base}#doc={CONFERENCE_ARTICLE}")).await;
            page.wait_until("document.getElementById('article-date')", "the reader").await;
            // The article announces the 18–20 May 2016 conference and counts down to it: likely
            // 2016, before 11 May, and it says so.
            let (text, basis) = article_date(&page).await;
            assert_eq!(basis, "likely", "{browser:?}: {text}");
            assert!(text.starts_with("Likely written between 1 April and 10 May 2016"), "{browser:?}: {text}");
            page.click("#date-evidence summary").await;
            let evidence = page.texts("#date-evidence li").await.join(" | ");
            assert!(
                evidence.contains("counts down to 'from May 18 to 20'") && evidence.contains("likely 2016"),
                "{browser:?}: {evidence}"
            );
            // Its relative dates are on the timeline as ranges, marked likely.
            let likely = page.count(&format!(".event[data-doc='{CONFERENCE_ARTICLE}'][data-basis='likely']")).await;
            assert!(likely >= 5, "{browser:?}: {likely} likely events");
            assert!(page.count(".timeline-svg .mark[data-basis='likely']").await >= likely, "{browser:?}");
            if browser == Browser::Chromium {
                page.js("document.getElementById('reader').scrollTop = 0;").await;
                page.screenshot("dates-reader").await;
            }

            // Set the date: Monday 9 May 2016.
            page.click("#set-date summary").await;
            page.type_into("#set-date-input", "2016-05-09").await;
            page.click("#set-date-apply").await;
            page.wait_until("document.getElementById('article-date')?.dataset.basis === 'printed'", "the date set")
                .await;
            assert_eq!(article_date(&page).await.0, "9 May 2016", "{browser:?}");
            // "Last Wednesday" is now one day, 4 May; "November 6 last year" is no longer likely.
            page.wait_until(
                &format!("document.querySelector(\".event[data-doc='{CONFERENCE_ARTICLE}'][data-date='2016-05-04']\")"),
                "last Wednesday on 4 May",
            )
            .await;
            assert_eq!(
                page.count(&format!(".event[data-doc='{CONFERENCE_ARTICLE}'][data-basis='likely']")).await,
                0,
                "{browser:?}"
            );
            page.wait_until("location.hash.includes('ed=')", "the date in the link").await;
            let link = format!("{base}#{}", page.fragment().await);

            // A bad date is refused with a message, and nothing changes.
            page.click("#set-date summary").await;
            page.type_into("#set-date-input", "next spring").await;
            page.click("#set-date-apply").await;
            page.wait_until("document.querySelector('.set-date-error')", "the refusal").await;
            assert_eq!(article_date(&page).await.0, "9 May 2016", "{browser:?}");

            // Kept: a reload brings it back.
            page.goto(&format!("{base}#doc={CONFERENCE_ARTICLE}")).await;
            page.wait_until(
                "document.getElementById('article-date')?.dataset.basis === 'printed'",
                "the date after a reload",
            )
            .await;
            // Downloaded as the entities.toml a maintainer puts in seeds/.
            page.catch_downloads().await;
            page.click("[data-export='toml']").await;
            let toml = page.downloaded_text("entities.toml").await;
            assert!(
                toml.contains(&format!("[[article]]\nid = \"{CONFERENCE_ARTICLE}\"\ndate = \"2016-05-09\"")),
                "{browser:?}: {toml}"
            );
            // Undo takes it back.
            page.click("#undo-edit").await;
            page.wait_until(
                "document.getElementById('article-date')?.dataset.basis === 'likely'",
                "likely again after undo",
            )
            .await;
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;

            // Someone else opens the link: the date comes with it.
            let other = Page::open(browser).await;
            other.goto(&link).await;
            other
                .wait_until(
                    "document.getElementById('article-date')?.dataset.basis === 'printed'",
                    "the link's date applied",
                )
                .await;
            assert_eq!(article_date(&other).await.0, "9 May 2016", "{browser:?}");
            assert_eq!(other.errors().await, Vec::<String>::new(), "{browser:?}");
            other.close().await;
        }
    });
}
