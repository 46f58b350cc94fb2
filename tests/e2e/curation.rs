//! Correcting the names in the page (issue 12): merge two chips, undo, redo, hide a noise chip,
//! reload and keep it, download the corrections as an entities.toml.

use crate::support::{dist, in_both_browsers, Page, Site};

async fn chip_names(page: &Page) -> Vec<String> {
    page.attrs(".chip[data-entity]", "data-entity").await
}

#[test]
fn merge_undo_redo_hide_survive_a_reload_and_download_as_entities_toml() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.wait_until("document.querySelectorAll('.chip').length > 5", "chips").await;
            let before = chip_names(&page).await;
            // Two organisations the text never links: merging them is a reader's call.
            let a = before.iter().find(|n| n.as_str() == "Gucci").cloned().expect("a Gucci chip");
            let b = before.iter().find(|n| n.as_str() == "Tiffany").cloned().expect("a Tiffany chip");
            page.click("#edit-names").await;
            page.click(&format!(".chip[data-entity='{a}']")).await;
            page.wait_until("document.getElementById('chip-editor')", "the chip editor").await;
            let editor = page.texts("#chip-editor").await.join(" ");
            assert!(editor.contains("Spellings") && editor.contains("articles"), "{browser:?}: {editor}");
            page.click(&format!(".chip[data-entity='{b}']")).await;
            page.wait_until("document.getElementById('merge-chips')", "the merge button").await;
            page.click("#merge-chips").await;
            page.wait_until(&format!("!document.querySelector(\".chip[data-entity='{b}']\")"), "the merged chip gone")
                .await;
            assert!(page.count(&format!(".chip[data-entity='{a}']")).await == 1, "{browser:?}");
            // The reader's marks follow: a Tiffany mention now filters by the merged chip.
            page.click("#undo-edit").await;
            page.wait_until(&format!("document.querySelector(\".chip[data-entity='{b}']\")"), "undo brings it back")
                .await;
            page.click("#redo-edit").await;
            page.wait_until(&format!("!document.querySelector(\".chip[data-entity='{b}']\")"), "redo merges again")
                .await;

            // Hide a chip.
            page.click("#edit-names").await; // leave edit mode …
            page.click("#edit-names").await; // … and enter it again: nothing selected
            let victim = "Tang";
            let hide_target = if chip_names(&page).await.iter().any(|n| n == victim) {
                victim.to_string()
            } else {
                chip_names(&page).await.last().cloned().unwrap()
            };
            page.click(&format!(".chip[data-entity='{hide_target}']")).await;
            page.wait_until("document.getElementById('hide-chip')", "the hide button").await;
            page.click("#hide-chip").await;
            page.wait_until(
                &format!("!document.querySelector(\".chip[data-entity='{hide_target}']\")"),
                "the hidden chip gone",
            )
            .await;

            // Reload: both corrections are still there.
            page.goto(&base).await;
            page.wait_until(&format!("document.querySelectorAll('.chip').length > 3 && !document.querySelector(\".chip[data-entity='{b}']\")"), "the merge after reload").await;
            assert_eq!(
                page.count(&format!(".chip[data-entity='{hide_target}']")).await,
                0,
                "{browser:?}: hidden after reload"
            );

            // Download the corrections as an entities.toml.
            page.catch_downloads().await;
            page.click("[data-export='toml']").await;
            let toml = page.downloaded_text("entities.toml").await;
            let toml = toml.as_str();
            assert!(
                toml.contains(&format!("name = \"{a}\"")) && toml.contains(&format!("aliases = [\"{b}\"]")),
                "{browser:?}: {toml}"
            );
            assert!(toml.contains("hide = true"), "{browser:?}: {toml}");
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}

/// Drags the chip `from` onto the chip `onto` as the browser would deliver it: the drag events
/// with one `DataTransfer` (WebDriver's own drag does not drive HTML drag and drop).
async fn drag_chip(page: &Page, from: &str, onto: &str) {
    page.js(&format!(
        "const dt = new DataTransfer();
         const src = document.querySelector(\".chip[data-entity='{from}']\");
         const dst = document.querySelector(\".chip[data-entity='{onto}']\");
         const fire = (el, type) => el.dispatchEvent(new DragEvent(type, {{ bubbles: true, cancelable: true, dataTransfer: dt }}));
         fire(src, 'dragstart');
         fire(dst, 'dragenter');
         fire(dst, 'dragover');
         fire(dst, 'drop');
         fire(src, 'dragend');"
    ))
    .await;
}

#[test]
fn a_chip_dropped_on_another_merges_the_link_carries_it_and_an_entities_toml_imports_back() {
    let site = Site::serve(&dist(), "/");
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.wait_until("document.querySelectorAll('.chip').length > 5", "chips").await;
            page.click("#edit-names").await;
            page.wait_until("document.querySelector(\".chip[draggable='true']\")", "draggable chips").await;
            drag_chip(&page, "Tiffany", "Gucci").await;
            page.wait_until("!document.querySelector(\".chip[data-entity='Tiffany']\")", "Tiffany merged").await;
            page.wait_until("location.hash.includes('ed=')", "the correction in the link").await;
            let link = format!("{base}#{}", page.fragment().await);
            page.close().await;

            // Someone else opens the link: a fresh browser profile with nothing saved.
            let other = Page::open(browser).await;
            other.goto(&link).await;
            other
                .wait_until(
                    "document.querySelectorAll('.chip').length > 5 && !document.querySelector(\".chip[data-entity='Tiffany']\")",
                    "the link's merge applied",
                )
                .await;
            let note = other.texts(".workspace-message").await.join(" ");
            assert!(note.contains("This link carries 1 correction"), "{browser:?}: {note}");
            let spellings = other.attrs(".chip[data-entity='Gucci']", "title").await.join(" ");
            assert!(spellings.contains("Tiffany"), "{browser:?}: {spellings}");
            // The chip editor lists the merged chip's articles; one click opens one.
            other.click("#edit-names").await;
            other.click(".chip[data-entity='Gucci']").await;
            other.wait_until("document.querySelector('#chip-editor .editor-articles button')", "its articles").await;
            let doc = other.attrs("#chip-editor .editor-articles button", "data-doc").await[0].clone();
            other.click("#chip-editor .editor-articles button").await;
            other
                .wait_until(&format!("document.querySelector('#reader[data-doc=\"{doc}\"]')"), "the article open")
                .await;
            other.click("#edit-names").await;

            // Import an entities.toml: its rules become edits, undoable one by one.
            other.click("#edit-names").await;
            let toml = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corrections.toml");
            other.choose_files("#import-toml", &[toml]).await;
            other.wait_until("!document.querySelector(\".chip[data-entity='Taobao']\")", "Taobao hidden").await;
            assert_eq!(
                other.attrs(".chip[data-entity='Louis Vuitton']", "data-kind").await,
                ["organisation"],
                "{browser:?}"
            );
            let note = other.texts(".workspace-message").await.join(" ");
            assert!(
                note.contains("2 corrections applied")
                    && note.contains("1 entry name nothing")
                    && note.contains("colour"),
                "{browser:?}: {note}"
            );
            other.click("#undo-edit").await;
            other
                .wait_until("document.querySelector(\".chip[data-entity='Taobao']\")", "undo shows Taobao again")
                .await;
            assert_eq!(other.errors().await, Vec::<String>::new(), "{browser:?}");
            other.close().await;
        }
    });
}
