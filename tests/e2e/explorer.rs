//! The explorer UI: chips, timeline, results, reader, URL state, keyboard and accessibility.

use std::time::Duration;

use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::key::Key;
use fantoccini::Locator;

use crate::support::{dist, in_both_browsers, many_dist, Browser, Page, Site, Tweak, ROOT};

const RESULTS: &str = "document.querySelectorAll('#result-list > li').length";

async fn ready(page: &Page, base: &str) -> usize {
    page.goto(base).await;
    page.wait_until(&format!("{RESULTS} > 0 && document.querySelectorAll('.chip').length > 0"), "results and chips")
        .await;
    page.count("#result-list > li").await
}

/// The first chip that narrows the list (mentioned by some but not all articles).
async fn narrowing_chip(page: &Page, all: usize) -> (String, usize) {
    let found = page
        .js(&format!(
            "const c = [...document.querySelectorAll('.chip')].find(c => {{ const n = +c.querySelector('.chip-count').textContent; return n > 0 && n < {all}; }});
             return c ? [c.dataset.entity, +c.querySelector('.chip-count').textContent] : null;"
        ))
        .await;
    let pair = found.as_array().expect("some chip narrows the list").clone();
    (pair[0].as_str().unwrap().to_string(), pair[1].as_u64().unwrap() as usize)
}

fn chip(name: &str) -> String {
    format!(".chip[data-entity={}]", serde_json::to_string(name).unwrap())
}

#[test]
fn a_chip_cycles_required_excluded_cleared_and_counts_follow_the_filter() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            let all = ready(&page, &base).await;
            let (name, count) = narrowing_chip(&page, all).await;
            let sel = chip(&name);

            page.click(&sel).await;
            page.wait_until(&format!("{RESULTS} == {count}"), "required chip to filter").await;
            assert_eq!(page.attrs(&sel, "aria-pressed").await, ["true"], "{browser:?}");
            assert!(page.fragment().await.contains("in="), "{browser:?}: {}", page.fragment().await);

            page.click(&sel).await;
            page.wait_until(&format!("{RESULTS} == {}", all - count), "excluded chip to filter").await;
            assert_eq!(page.attrs(&sel, "data-state").await, ["excluded"], "{browser:?}");
            assert_eq!(page.attrs(&sel, "aria-pressed").await, ["mixed"], "{browser:?}");
            assert!(page.fragment().await.contains("ex="), "{browser:?}");
            // Under the exclusion the excluded entity is in none of the results.
            assert_eq!(page.texts(&format!("{sel} .chip-count")).await, ["0"], "{browser:?}");

            page.click(&sel).await;
            page.wait_until(&format!("{RESULTS} == {all}"), "cleared chip").await;
            assert_eq!(page.attrs(&sel, "aria-pressed").await, ["false"]);
            assert!(!page.fragment().await.contains("in=") && !page.fragment().await.contains("ex="));

            // Counts follow the search: no chip counts more articles than are listed.
            page.type_into("#search", "Alibaba").await;
            page.wait_until("document.querySelectorAll('#result-list mark.hit').length > 0", "search").await;
            let listed = page.count("#result-list > li").await;
            let counts: Vec<usize> = page.texts(".chip-count").await.iter().map(|c| c.parse().unwrap()).collect();
            assert!(counts.iter().all(|&c| c <= listed), "{browser:?}: {counts:?} vs {listed}");

            // The chip filter box narrows the chip list; aliases show on demand.
            let chips = page.count(".chip").await;
            page.type_into("#chip-filter", &name[..name.len().min(4)]).await;
            page.wait_until(&format!("document.querySelectorAll('.chip').length < {chips}"), "chip filter").await;
            assert!(page.count(&sel).await == 1, "{browser:?}: the filtered chip is still listed");
            page.click("#show-aliases").await;
            page.wait_until("document.querySelectorAll('.chip-aliases').length > 0", "spellings").await;
            page.close().await;
        }
    });
}

#[test]
fn the_timeline_shows_events_and_opens_the_reader_at_the_sentence() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            ready(&page, &base).await;
            let marks = page.count(".timeline svg [data-date][data-doc]").await;
            assert!(marks >= 5, "{browser:?}: only {marks} marks");
            let dates = page.attrs(".timeline svg .mark", "data-date").await;
            assert!(dates.iter().all(|d| is_iso(d)), "{browser:?}: {dates:?}");
            assert_eq!(page.count(".event-list .event").await, marks, "{browser:?}: one list row per mark");
            // Days are points, coarser dates are spans.
            let precisions = page.attrs(".timeline .mark", "data-precision").await;
            let kinds = page
                .js("return [...document.querySelectorAll('.timeline .mark')].map(m => m.firstElementChild.tagName.toLowerCase());")
                .await;
            for (p, k) in precisions.iter().zip(kinds.as_array().unwrap()) {
                assert_eq!(k == "circle", p == "day", "{browser:?}: a {p} event drawn as {k}");
            }
            // Open the first event from the list.
            let doc = page.attrs(".event-list .event", "data-doc").await.remove(0);
            let sentence = page.attrs(".event-list .event", "data-sentence").await.remove(0);
            page.click(".event-list .event").await;
            page.wait_until("document.getElementById('reader')", "the reader").await;
            assert_eq!(page.attrs("#reader", "data-doc").await, std::slice::from_ref(&doc), "{browser:?}");
            assert_eq!(page.attrs(".sentence.selected", "id").await, [format!("s-{sentence}")], "{browser:?}");
            let fragment = page.fragment().await;
            assert!(
                fragment.contains(&format!("doc={doc}")) && fragment.contains(&format!("s={sentence}")),
                "{fragment}"
            );
            // A mark opens the reader too (keyboard: Enter on a focused mark).
            page.press(Key::Escape).await;
            page.wait_until("!document.getElementById('reader')", "Esc to close the reader").await;
            page.js("document.querySelector('.timeline .mark').focus();").await;
            page.press(Key::Enter).await;
            page.wait_until("document.getElementById('reader')", "Enter on a mark to open the reader").await;
            page.close().await;
        }
    });
}

/// The number in the event list's heading ("612 dated events").
async fn dated_events(page: &Page) -> u64 {
    let heading = page.texts(".event-list-heading").await.join("");
    heading.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("heading {heading:?}"))
}

#[test]
fn a_large_corpus_gets_a_histogram_whose_columns_narrow_the_range() {
    let site = Site::serve(&many_dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            ready(&page, &base).await;
            let total = dated_events(&page).await;
            assert!(total > 300, "{browser:?}: the fixture has {total} events, too few for a histogram");
            // Columns instead of one mark per event; the chart's size does not grow with the corpus.
            assert_eq!(page.count(".timeline .mark").await, 0, "{browser:?}");
            let columns = page.count(".timeline .bin").await;
            assert!((2..=120).contains(&columns), "{browser:?}: {columns} columns");
            assert!(page.count(".timeline svg *").await < 300, "{browser:?}");
            let counts: Vec<u64> =
                page.attrs(".timeline .bin", "data-count").await.iter().map(|c| c.parse().unwrap()).collect();
            assert_eq!(counts.iter().sum::<u64>(), total, "{browser:?}: every event is in one column");

            // Clicking the tallest column narrows the range to its days.
            let tallest = counts.iter().enumerate().max_by_key(|(_, c)| **c).unwrap().0;
            let column = page.attrs(".timeline .bin", "data-bin").await.remove(tallest);
            let css = format!(".timeline .bin[data-bin='{column}']");
            let (from, to) =
                (page.attrs(&css, "data-from").await.remove(0), page.attrs(&css, "data-to").await.remove(0));
            page.click(&css).await;
            page.wait_until(&format!("location.hash.includes('from={from}')"), "the column's range in the URL").await;
            assert_eq!(page.js("return document.getElementById('date-from').value;").await, from.as_str());
            assert_eq!(page.js("return document.getElementById('date-to').value;").await, to.as_str());
            let narrowed = dated_events(&page).await;
            assert!(narrowed < total && narrowed >= counts[tallest], "{browser:?}: {narrowed} of {total}");
            let dates = page.attrs(".event-list .event", "data-date").await;
            assert!(dates.iter().all(|d| d.as_str() <= to.as_str()), "{browser:?}: {dates:?} after {to}");

            // The keyboard way: Enter on a focused column; the tooltip says what it holds.
            page.click("#clear-range").await;
            page.wait_until("document.querySelectorAll('.timeline .bin').length > 0", "the histogram again").await;
            page.js("document.querySelector('.timeline .bin').focus();").await;
            page.wait_until(
                "/\\d+ events?, /.test(document.getElementById('timeline-tooltip').textContent)",
                "the column's tooltip",
            )
            .await;
            page.press(Key::Enter).await;
            page.wait_until("location.hash.includes('from=')", "Enter on a column to set the range").await;
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}

fn is_iso(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    !parts.is_empty()
        && parts.len() <= 3
        && parts[0].len() == 4
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
}

#[test]
fn brushing_the_timeline_or_typing_dates_sets_the_range() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            ready(&page, &base).await;
            let before = page.count(".event-list .event").await;
            let area = page.client.find(Locator::Css(".timeline-area")).await.unwrap();
            page.js("document.querySelector('.timeline-area').scrollIntoView({block: 'center', behavior: 'instant'});")
                .await;
            let width = page
                .js("return document.querySelector('.timeline-area').getBoundingClientRect().width;")
                .await
                .as_f64()
                .unwrap();
            // Drag across the middle third, along the top edge (away from the marks).
            let drag = MouseActions::new("mouse".into())
                .then(PointerAction::MoveToElement { element: area, duration: None, x: -width / 6.0, y: -20.0 })
                .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
                .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(150)), x: width / 3.0, y: 0.0 })
                .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
            page.client.perform_actions(drag).await.unwrap();
            page.wait_until(
                "location.hash.includes('from=') && location.hash.includes('to=')",
                "the brush to set a range",
            )
            .await;
            let from =
                page.js("return document.getElementById('date-from').value;").await.as_str().unwrap().to_string();
            let to = page.js("return document.getElementById('date-to').value;").await.as_str().unwrap().to_string();
            assert!(from < to, "{browser:?}: {from} .. {to}");
            let after = page.count(".event-list .event").await;
            assert!(after < before, "{browser:?}: the range hides events outside it ({after} of {before})");
            // Every remaining event overlaps the range (its start is not after `to`).
            let dates = page.attrs(".event-list .event", "data-date").await;
            assert!(dates.iter().all(|d| d.as_str() <= to.as_str()), "{browser:?}: {dates:?} vs {to}");
            page.click("#clear-range").await;
            page.wait_until(
                &format!("document.querySelectorAll('.event-list .event').length == {before}"),
                "clear range",
            )
            .await;

            // The keyboard way: the date fields.
            let first = page.attrs(".event-list .event", "data-date").await.remove(0);
            let day = if first.len() == 4 {
                format!("{first}-01-01")
            } else if first.len() == 7 {
                format!("{first}-01")
            } else {
                first.clone()
            };
            page.js(&format!("const f = document.getElementById('date-to'); f.focus(); f.value = '{day}'; f.dispatchEvent(new Event('change', {{bubbles: true}}));")).await;
            page.wait_until(&format!("location.hash.includes('to={day}')"), "the typed date in the URL").await;
            assert!(page.count(".event-list .event").await < before, "{browser:?}");
            page.close().await;
        }
    });
}

#[test]
fn the_reader_marks_mentions_dates_hits_and_boilerplate() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            ready(&page, &base).await;
            page.type_into("#search", "Alibaba").await;
            page.wait_until("document.querySelectorAll('#result-list mark.hit').length > 0", "hits").await;
            // Open an article that has dated sentences, from the event list.
            page.click(".event-list .event").await;
            page.wait_until("document.querySelectorAll('#reader mark.hit').length > 1", "hits in the reader").await;
            assert!(page.count("#reader .mention[data-entity]").await > 0, "{browser:?}: mentions");
            let titles = page.attrs("#reader mark.date", "title").await;
            assert!(
                !titles.is_empty() && titles.iter().all(|t| !t.is_empty()),
                "{browser:?}: dates explain themselves"
            );
            // The shipped articles print no date: the reader says when the article was written,
            // where that comes from, and the evidence, one line each.
            let date = page.texts("#article-date").await.join("");
            assert!(date.contains("written"), "{browser:?}: {date}");
            let basis = page.attrs("#article-date", "data-basis").await;
            assert!(["text", "collection", "likely", "unknown"].contains(&basis[0].as_str()), "{browser:?}: {basis:?}");
            page.click("#date-evidence summary").await;
            assert!(page.count("#date-evidence li").await > 0, "{browser:?}: no evidence listed");
            // What stays off the timeline is listed with what is known of it, and its marks say why.
            let unresolved = page.attrs("#reader mark.date.unresolved", "title").await;
            assert!(unresolved.iter().all(|t| t.contains("Not on the timeline")), "{browser:?}: {unresolved:?}");
            assert_eq!(page.count("#unplaced li").await, unresolved.len(), "{browser:?}");
            // Next hit moves a visible "current" marker through the hits.
            page.click("#next-hit").await;
            page.wait_until("document.querySelector('#reader mark.hit.current')", "a current hit").await;
            page.click("#next-hit").await;
            let current = page.js("return [...document.querySelectorAll('#reader mark.hit')].findIndex(m => m.classList.contains('current'));").await;
            assert_eq!(current, 1, "{browser:?}");
            page.click("#prev-hit").await;
            let current = page.js("return [...document.querySelectorAll('#reader mark.hit')].findIndex(m => m.classList.contains('current'));").await;
            assert_eq!(current, 0, "{browser:?}");
            // Clicking a mention requires that entity.
            let name = page.attrs("#reader .mention", "data-entity").await.remove(0);
            page.click("#reader .mention").await;
            page.wait_until(
                &format!("document.querySelector('{}[aria-pressed=true]')", chip(&name).replace('\'', "\\'")),
                "the mention's chip",
            )
            .await;
            page.close().await;
        }
    });
}

#[test]
fn boilerplate_is_shown_collapsed_not_deleted() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            ready(&page, &base).await;
            // Open each article until one has boilerplate (the seeds carry link lists and forms).
            let ids = page.attrs("#result-list > li", "data-doc").await;
            let mut found = false;
            for id in ids {
                page.click(&format!("#result-list > li[data-doc='{id}'] .result-title")).await;
                page.wait_until(&format!("document.querySelector('#reader[data-doc=\"{id}\"]')"), "the reader").await;
                if page.count("#reader details.boilerplate").await > 0 {
                    assert_eq!(
                        page.js("return document.querySelector('#reader details.boilerplate').open;").await,
                        false
                    );
                    assert_eq!(
                        page.count("#reader details.boilerplate .mention, #reader details.boilerplate mark.date").await,
                        0,
                        "{browser:?}: boilerplate is not analysed"
                    );
                    let hidden = page.texts("#reader details.boilerplate").await.join(" ");
                    assert!(hidden.len() > 20, "{browser:?}: the boilerplate text is kept");
                    found = true;
                    break;
                }
            }
            assert!(found, "{browser:?}: no seed article shows boilerplate");
            page.close().await;
        }
    });
}

#[test]
fn copy_link_reports_what_the_clipboard_did() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            ready(&page, &base).await;
            page.type_into("#search", "alibaba").await;
            page.wait_until("location.hash.includes('q=alibaba')", "the query in the URL").await;
            assert_eq!(page.texts("#copy-link").await, ["Copy link"]);
            page.click("#copy-link").await;
            // The label waits for the clipboard's answer (a real click is the user gesture it needs).
            let label = page
                .wait_until(
                    "(t => t !== 'Copy link' && t)(document.getElementById('copy-link').textContent)",
                    "the clipboard's answer",
                )
                .await;
            assert_eq!(label, "Link copied", "{browser:?}");
            page.close().await;
        }
    });
}

#[test]
fn reduced_motion_turns_off_smooth_scrolling() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let behaviour = "return getComputedStyle(document.documentElement).scrollBehavior;";
            let page = Page::open(browser).await;
            ready(&page, &base).await;
            assert_eq!(page.js(behaviour).await, "smooth", "{browser:?}: smooth by default");
            page.close().await;
            let page = Page::open_with(browser, Tweak::ReducedMotion).await;
            ready(&page, &base).await;
            assert_eq!(page.js("return matchMedia('(prefers-reduced-motion: reduce)').matches;").await, true);
            assert_eq!(page.js(behaviour).await, "auto", "{browser:?}: no smooth scrolling when motion is reduced");
            page.close().await;
        }
    });
}

#[test]
fn the_url_restores_the_view_on_reload_and_back_forward() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            let all = ready(&page, &base).await;
            page.type_into("#search", "IACC").await;
            page.wait_until("location.hash.includes('q=IACC')", "query in URL").await;
            let (name, _) = narrowing_chip(&page, all).await;
            page.click(&chip(&name)).await;
            page.wait_until("location.hash.includes('in=')", "chip in URL").await;
            page.click("#result-list .result-title").await;
            page.wait_until("location.hash.includes('doc=')", "doc in URL").await;
            let listed = page.attrs("#result-list > li", "data-doc").await;

            page.client.refresh().await.unwrap();
            page.wait_until(
                "document.getElementById('reader') && document.querySelectorAll('#result-list > li').length > 0",
                "restored view",
            )
            .await;
            assert_eq!(page.js("return document.getElementById('search').value;").await, "IACC", "{browser:?}");
            assert_eq!(page.attrs(&chip(&name), "aria-pressed").await, ["true"], "{browser:?}");
            assert_eq!(page.attrs("#result-list > li", "data-doc").await, listed, "{browser:?}");

            page.client.back().await.unwrap();
            page.wait_until("!document.getElementById('reader')", "back closes the reader").await;
            page.client.back().await.unwrap();
            page.wait_until(
                &format!(
                    "document.querySelector('{}').getAttribute('aria-pressed') == 'false'",
                    chip(&name).replace('\'', "\\'")
                ),
                "back clears the chip",
            )
            .await;
            page.client.forward().await.unwrap();
            page.wait_until(
                &format!(
                    "document.querySelector('{}').getAttribute('aria-pressed') == 'true'",
                    chip(&name).replace('\'', "\\'")
                ),
                "forward restores the chip",
            )
            .await;
            page.close().await;
        }
    });
}

#[test]
fn a_malformed_link_falls_back_to_defaults_with_a_notice() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&format!("{base}#in=Nobody%20Atall&from=2016-99-99&doc=missing&zzz=1")).await;
            page.wait_until(&format!("{RESULTS} > 0"), "results").await;
            let notices = page.texts("#notices li").await;
            assert_eq!(notices.len(), 4, "{browser:?}: {notices:?}");
            assert!(notices[0].contains("Nobody Atall"), "{browser:?}: {notices:?}");
            assert_eq!(page.count("#reader").await, 0);
            assert!(page.texts("#result-count").await[0].starts_with("All "), "{browser:?}: defaults");
            page.close().await;
        }
    });
}

#[test]
fn the_keyboard_reaches_search_chips_and_clears_with_escape() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            let all = ready(&page, &base).await;
            page.js("document.activeElement.blur(); document.body.focus();").await;
            page.client.find(Locator::Css("body")).await.unwrap().send_keys("/").await.unwrap();
            page.wait_until("document.activeElement.id == 'search'", "/ to focus the search").await;
            page.press(Key::Escape).await; // nothing to clear yet
            page.client.active_element().await.unwrap().send_keys("Tiffany").await.unwrap();
            page.wait_until(&format!("{RESULTS} < {all}"), "typing to narrow").await;
            page.press(Key::Escape).await;
            page.wait_until(
                &format!("{RESULTS} == {all} && document.getElementById('search').value == ''"),
                "Esc to clear",
            )
            .await;
            // Chips are buttons: Tab reaches them and Space toggles.
            page.js("document.querySelector('.chip').focus();").await;
            page.press(Key::Space).await;
            page.wait_until("document.querySelector('.chip').getAttribute('aria-pressed') == 'true' || document.querySelector('.chip[aria-pressed=true]')", "Space on a chip").await;
            page.close().await;
        }
    });
}

/// Runs axe-core (installed by scripts/setup.sh) with the WCAG 2.0–2.2 A/AA rules and its best
/// practices, and returns the serious and critical violations.
pub async fn axe(page: &Page) -> Vec<String> {
    let axe = std::fs::read_to_string(format!("{ROOT}/.tools/node_modules/axe-core/axe.min.js"))
        .expect("axe-core is missing: run `bash scripts/setup.sh`");
    page.js(&format!("{axe}\nreturn true;")).await;
    let result = page
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}, resultTypes: ['violations']}).then(r => done(r.violations
               .filter(v => v.impact == 'serious' || v.impact == 'critical')
               .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))), e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(result).unwrap()
}

#[test]
fn axe_finds_no_serious_violations_in_the_main_states() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            let all = ready(&page, &base).await;
            assert_eq!(axe(&page).await, Vec::<String>::new(), "{browser:?}: start");
            if browser == Browser::Chromium {
                page.screenshot("start").await;
            }
            let (name, _) = narrowing_chip(&page, all).await;
            page.click(&chip(&name)).await;
            page.type_into("#search", "Alibaba").await;
            page.click(".event-list .event").await;
            page.wait_until("document.getElementById('reader')", "the reader").await;
            assert_eq!(axe(&page).await, Vec::<String>::new(), "{browser:?}: filtered with reader");
            if browser == Browser::Chromium {
                page.screenshot("filtered-reader").await;
            }
            page.click("#theme-toggle").await; // system → dark
            page.wait_until("document.documentElement.dataset.theme == 'dark'", "dark theme").await;
            assert_eq!(axe(&page).await, Vec::<String>::new(), "{browser:?}: dark");
            if browser == Browser::Chromium {
                page.screenshot("dark").await;
            }
            page.click("#theme-toggle").await; // dark → light
            page.wait_until("document.documentElement.dataset.theme == 'light'", "light theme").await;
            // The other states a reader reaches, each checked with the same rules.
            page.click("#date-evidence summary").await;
            page.click("#set-date summary").await;
            page.wait_until("document.getElementById('set-date-input')", "Set date open").await;
            assert_eq!(
                axe(&page).await,
                Vec::<String>::new(),
                "{browser:?}: reader with its date evidence and Set date"
            );
            page.click("#close-reader").await;
            page.click("#clear-all").await;
            page.click("#edit-names").await;
            page.click(".chip").await;
            page.wait_until("document.getElementById('chip-editor')", "a chip selected in Edit names").await;
            assert_eq!(axe(&page).await, Vec::<String>::new(), "{browser:?}: Edit names with a chip selected");
            page.click("#edit-names").await;
            page.click("#view-stories").await;
            page.wait_until("document.querySelectorAll('#story-list .story').length > 0", "the story view").await;
            assert_eq!(axe(&page).await, Vec::<String>::new(), "{browser:?}: story view");
            page.click("#view-events").await;
            page.click("details.cooccur summary").await;
            page.wait_until("document.querySelectorAll('.cooccur-chart .co-cell').length > 0", "the matrix").await;
            assert_eq!(axe(&page).await, Vec::<String>::new(), "{browser:?}: who appears with whom");
            page.click("details.cooccur summary").await;
            page.click("#workspace-toggle").await;
            page.wait_until("!document.getElementById('workspace').hidden", "Add articles open").await;
            assert_eq!(axe(&page).await, Vec::<String>::new(), "{browser:?}: Add articles");
            page.click("#workspace-toggle").await;
            page.assert_fits_a_phone(browser).await;
            // What a person sees: the title on one line, a search box wide enough to type in.
            let title_lines = page
                .js("const h = document.querySelector('.brand h1'); return Math.round(h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight));")
                .await
                .as_i64()
                .unwrap();
            assert_eq!(title_lines, 1, "{browser:?}: the title wraps onto {title_lines} lines");
            let search_width = page
                .js("return document.getElementById('search').getBoundingClientRect().width;")
                .await
                .as_f64()
                .unwrap();
            assert!(search_width >= 300.0, "{browser:?}: the search box is {search_width}px wide");
            assert_eq!(axe(&page).await, Vec::<String>::new(), "{browser:?}: phone");
            if browser == Browser::Chromium {
                page.screenshot("phone").await;
            }
            page.close().await;
        }
    });
}

/// The acceptance scenario, on the shipped seeds: which brands quit the coalition and
/// when, and the sentence that says so — by mouse, then by keyboard only.
#[test]
fn a_reader_finds_which_brands_quit_and_when_and_opens_the_sentence() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            ready(&page, &base).await;
            // Mouse: the brand chips exist; requiring Tiffany lists the dated withdrawal.
            for brand in ["Gucci", "Tiffany", "Michael Kors"] {
                assert_eq!(page.count(&chip(brand)).await, 1, "{browser:?}: no chip for {brand}");
            }
            page.click(&chip("Tiffany")).await;
            page.wait_until(
                "document.querySelector('.event-list .event[data-date=\"2016-05-12\"]')",
                "the 12 May event",
            )
            .await;
            page.click(".event-list .event[data-date='2016-05-12']").await;
            let sentence = page
                .wait_until("document.querySelector('#reader .sentence.selected')?.textContent", "the sentence")
                .await;
            let sentence = sentence.as_str().unwrap();
            assert!(sentence.contains("Tiffany") && sentence.contains("withdrawal"), "{browser:?}: {sentence}");
            assert!(page.count("#reader .sentence.selected .mention[data-entity='Gucci']").await == 1, "{browser:?}");

            // Keyboard only: Esc closes, clear, focus a chip and press Space, Tab to an event, Enter.
            page.press(Key::Escape).await;
            page.click("#clear-all").await;
            page.wait_until("!location.hash.includes('in=')", "cleared").await;
            page.js(&format!("document.querySelector('{}').focus();", chip("Gucci").replace('\'', "\\'"))).await;
            page.press(Key::Space).await;
            page.wait_until(
                &format!(
                    "document.querySelector('{}').getAttribute('aria-pressed') == 'true'",
                    chip("Gucci").replace('\'', "\\'")
                ),
                "Gucci by keyboard",
            )
            .await;
            page.js("document.querySelector(\".event-list .event[data-date='2016-05-11']\").focus();").await;
            page.press(Key::Enter).await;
            let sentence = page
                .wait_until(
                    "document.querySelector('#reader .sentence.selected')?.textContent",
                    "the sentence by keyboard",
                )
                .await;
            assert!(sentence.as_str().unwrap().contains("Gucci"), "{browser:?}: {sentence}");
            page.close().await;
        }
    });
}
