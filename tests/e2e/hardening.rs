//! Delivery and hardening: strict CSP, nothing fetched from elsewhere, the single file over
//! file://, hostile text inert, and never a blank page.

use std::path::Path;

use fantoccini::Locator;

use crate::support::{dist, hostile_dist, in_both_browsers, single_file_url, Page, Site, Tweak};

/// The CSP of an HTML file, from its meta tag.
fn csp_of(path: &Path) -> String {
    let html = std::fs::read_to_string(path).unwrap();
    let needle = "http-equiv=\"Content-Security-Policy\" content=\"";
    let start = html.find(needle).expect("CSP meta tag") + needle.len();
    html[start..].split('"').next().unwrap().to_string()
}

fn assert_strict(csp: &str) {
    let directives: Vec<Vec<&str>> = csp.split(';').map(|d| d.split_whitespace().collect()).collect();
    let directive = |name: &str| directives.iter().find(|d| d.first() == Some(&name)).cloned().unwrap_or_default();
    let script = directive("script-src");
    assert!(script.contains(&"'wasm-unsafe-eval'"), "{csp}");
    assert!(!script.contains(&"'unsafe-inline'") && !script.contains(&"'unsafe-eval'"), "{csp}");
    assert!(!csp.contains("'unsafe-inline'"), "{csp}");
    assert!(directive("object-src").contains(&"'none'"), "{csp}");
    assert!(directive("base-uri").contains(&"'none'"), "{csp}");
    assert!(!directive("default-src").is_empty(), "{csp}");
}

#[test]
fn the_hosted_page_carries_a_strict_csp_and_works_under_it() {
    let csp = csp_of(&dist().join("index.html"));
    assert_strict(&csp);
    assert!(csp.contains("default-src 'self'"), "{csp}");
    let html = std::fs::read_to_string(dist().join("index.html")).unwrap();
    assert!(!html.contains("<script type=\"module\">"), "no inline script may remain");
    let site = Site::serve(&dist(), "/deep/sub/path/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.wait_until("document.querySelectorAll('#result-list > li').length > 0", "results").await;
            page.type_into("#search", "Alibaba").await;
            page.wait_until("document.querySelectorAll('#result-list mark.hit').length > 0", "hits").await;
            page.click(".chip").await;
            page.wait_until("document.querySelector('.chip[aria-pressed=true]')", "a required chip").await;
            assert_eq!(page.csp_violations().await, Vec::<String>::new(), "{browser:?}");
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            // Nothing was fetched from anywhere but the site itself.
            let foreign = page
                .js(&format!("return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith({base:?}));"))
                .await;
            assert_eq!(foreign, serde_json::json!([]), "{browser:?}: requests outside the site");
            page.close().await;
        }
    });
    // Every request the server saw was for one of the site's own files (or the test hook).
    let own: Vec<String> =
        std::fs::read_dir(dist()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    for path in site.requested() {
        let name = path.trim_start_matches("/deep/sub/path/");
        assert!(
            name.is_empty() || name == "__test_hook.js" || own.iter().any(|f| f == name),
            "unexpected request {path}"
        );
    }
}

#[test]
fn the_single_file_works_when_opened_from_disk() {
    let path = dist().join("explorer.html");
    let csp = csp_of(&path);
    assert_strict(&csp);
    assert!(csp.contains("default-src 'none'") && csp.contains("'sha256-"), "{csp}");
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(
        !html.contains(" src=\"") && !html.contains("rel=\"stylesheet\""),
        "explorer.html must not reference other files"
    );
    let url = single_file_url();
    in_both_browsers(|browser| {
        let url = url.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&url).await;
            page.wait_until("document.querySelectorAll('#result-list > li').length > 0", "results from file://").await;
            let all = page.count("#result-list > li").await;
            page.type_into("#search", "Tiffany").await;
            page.wait_until(
                &format!("document.querySelectorAll('#result-list > li').length < {all}"),
                "search to narrow",
            )
            .await;
            page.press(fantoccini::key::Key::Escape).await; // Esc in the search box clears it
            page.wait_until(
                &format!("document.querySelectorAll('#result-list > li').length == {all}"),
                "search cleared",
            )
            .await;
            // Require the first chip: every listed article then mentions it.
            let name = page.attrs(".chip", "data-entity").await.remove(0);
            page.click(".chip").await;
            page.wait_until("document.querySelector('.chip[aria-pressed=true]')", "the chip to be required").await;
            let count: usize =
                page.texts(&format!(".chip[data-entity={name:?}] .chip-count")).await[0].parse().unwrap();
            assert_eq!(
                page.count("#result-list > li").await,
                count,
                "{browser:?}: the chip count is the number of results"
            );
            assert_eq!(page.count("#fatal-error").await, 0);
            page.close().await;
        }
    });
}

#[test]
fn hostile_text_is_shown_literally_and_runs_nothing() {
    let site = Site::serve(&hostile_dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.wait_until("document.querySelectorAll('#result-list > li').length == 3", "the three fixture articles")
                .await;
            // A file that is not UTF-8 still shows (bad bytes replaced), and a note names it.
            let notices = page.texts("#notices li").await.join(" ");
            assert!(notices.contains("latin1.txt") && notices.contains("not valid UTF-8"), "{browser:?}: {notices:?}");
            assert!(page.texts("#result-list .result-title").await.iter().any(|t| t.contains("Caf\u{fffd} notes")));
            let titles = page.texts("#result-list .result-title").await;
            assert!(
                titles.iter().any(|t| t.contains("<script>") && t.contains("<img src=x")),
                "{browser:?}: {titles:?}"
            );
            // Open the hostile article in the reader.
            page.click("#result-list > li[data-doc=hostile] .result-title").await;
            page.wait_until("document.getElementById('reader')", "the reader").await;
            let body = page.texts("#reader .reader-body").await.join(" ");
            assert!(body.contains("<script>window.__pwned = \"body\"</script>"), "{browser:?}: script shown as text");
            assert!(body.contains("onerror=") && body.contains("javascript:"), "{browser:?}");
            assert!(body.contains("&lt;i&gt;"), "{browser:?}: entities are not decoded");
            // Bidi overrides are neutralised by the cleaner (they could disguise text); the letters stay.
            assert!(body.contains("DLROW OLLEH") && !body.contains('\u{202e}'), "{browser:?}: RTL override");
            // Timeline tooltips: focus each mark so the tooltip renders its text.
            let marks = page.count(".timeline .mark").await;
            assert!(marks >= 1, "{browser:?}: the hostile article's dates are on the timeline");
            page.js(
                "document.querySelectorAll('.timeline .mark').forEach(m => m.dispatchEvent(new FocusEvent('focusin', {bubbles: true})));",
            )
            .await;
            // Nothing ran, nothing became markup, the layout did not blow up.
            assert_eq!(page.js("return window.__pwned === undefined;").await, true, "{browser:?}: hostile code ran");
            assert_eq!(
                page.count("img, iframe, object, embed, #reader svg, a[href^='javascript']").await,
                0,
                "{browser:?}"
            );
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            let overflow =
                page.js("return document.documentElement.scrollWidth - window.innerWidth;").await.as_i64().unwrap();
            assert!(overflow <= 1, "{browser:?}: a 10 000-character word made the page {overflow}px too wide");
            page.close().await;
        }
    });
}

#[test]
fn a_panic_shows_an_error_banner_instead_of_a_blank_page() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&format!("{base}#debug=panic")).await;
            let text = page.wait_until("document.getElementById('fatal-error')?.textContent", "the error banner").await;
            assert!(text.as_str().unwrap().contains("Deliberate panic"), "{browser:?}: {text}");
            assert_eq!(page.count("#fatal-error button[data-action=reload]").await, 1);
            assert_eq!(page.count("#fatal-error button[data-action=copy-error]").await, 1);
            // The reload button works without the (dead) wasm: it reloads into a clean view.
            page.js("history.replaceState(null, '', location.pathname);").await;
            page.click("#fatal-error button[data-action=reload]").await;
            page.wait_until(
                "document.querySelectorAll('#result-list > li').length > 0 && !document.getElementById('fatal-error')",
                "a working page after reload",
            )
            .await;
            page.close().await;
        }
    });
}

#[test]
fn without_javascript_or_webassembly_a_message_says_what_is_needed() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open_with(browser, Tweak::NoJavaScript).await;
            page.client.goto(&base).await.unwrap();
            let note = page.client.find(Locator::Css("noscript p, .boot-error")).await;
            let text = match note {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            assert!(text.contains("needs JavaScript"), "{browser:?}: no visible JavaScript message: {text:?}");
            page.close().await;

            let page = Page::open_with(browser, Tweak::NoWebAssembly).await;
            page.client.goto(&base).await.unwrap();
            let message =
                page.wait_until("document.querySelector('.boot-error')?.textContent", "the WebAssembly message").await;
            assert!(message.as_str().unwrap().contains("needs WebAssembly"), "{browser:?}: {message}");
            page.close().await;
        }
    });
}
