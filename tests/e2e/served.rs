//! A corpus served as files (issue 18): 20 000 synthetic articles built by
//! `CORPUS_SEEDS=… bash scripts/build-site.sh` (which serves any corpus above 1 000 articles this
//! way), under a sub-path, with every response delayed and some delayed more (so answers arrive
//! out of order). Every count the page shows is compared with the answer of the same files read
//! natively by `corpus::shelf`, so the page is tested for exactness, not for plausibility.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use corpus_explorer::corpus::shelf::{self, Missing, Passage, Shelf};
use corpus_explorer::corpus::story::Card;
use corpus_explorer::corpus::{Day, Query, Results};
use corpus_explorer::store;
use corpus_explorer::ui::table;

use crate::support::{in_both_browsers, served_dist, Browser, Page, Site};

/// The served corpus read from disk, as the page reads it over the network.
struct Native {
    root: PathBuf,
    shelf: Shelf,
}

impl Native {
    fn open(site: &Path) -> Native {
        let entry = std::fs::read_to_string(site.join("corpus/corpus.json"))
            .expect("target/dist-served/corpus/corpus.json: build the served test site (bash scripts/test.sh does)");
        let version = shelf::entry_version(&entry).expect("corpus.json names a version");
        let root = site.join("corpus").join(version);
        let shelf = Shelf::open(&store::read(&root.join("summary.bin")).unwrap()).unwrap();
        Native { root, shelf }
    }

    fn fetch(&mut self, files: Vec<String>) {
        for f in files {
            let bytes = store::read(&self.root.join(&f)).unwrap();
            self.shelf.add(&f, &bytes).unwrap();
        }
    }

    fn answer(&mut self, query: &Query) -> Results {
        loop {
            match self.shelf.search(query) {
                Ok(r) => return r,
                Err(Missing(files)) => self.fetch(files),
            }
        }
    }

    /// The chips the page should show: the 40 most counted names, ties by number.
    fn chips(&mut self, results: &Results) -> BTreeSet<(String, u32)> {
        let mut named: Vec<(std::cmp::Reverse<u32>, u32)> = results
            .entity_counts
            .iter()
            .enumerate()
            .filter(|(_, &c)| c > 0)
            .map(|(e, &c)| (std::cmp::Reverse(c), e as u32))
            .collect();
        named.sort_unstable();
        named.truncate(40);
        named
            .into_iter()
            .map(|(c, e)| {
                if let Err(Missing(files)) = self.shelf.name(e) {
                    self.fetch(files);
                }
                (self.shelf.name(e).unwrap().name.clone(), c.0)
            })
            .collect()
    }

    /// The list sorted by date, as the page should show it.
    fn date_order(&mut self, results: &Results) -> Vec<u32> {
        loop {
            match self.shelf.date_order(&results.hits) {
                Ok(order) => return order,
                Err(Missing(files)) => self.fetch(files),
            }
        }
    }

    /// "Who appears with whom" as the page should draw it: `(row, column, sentences)` for every
    /// square off the diagonal.
    fn cooccurrence(&mut self, query: &Query, results: &Results) -> BTreeSet<(String, String, u32)> {
        let m = loop {
            match self.shelf.cooccurrence(query, results, 10) {
                Ok(m) => break m,
                Err(Missing(files)) => self.fetch(files),
            }
        };
        let names: Vec<String> = m
            .entities
            .iter()
            .map(|&e| {
                if let Err(Missing(files)) = self.shelf.name(e) {
                    self.fetch(files);
                }
                self.shelf.name(e).unwrap().name.clone()
            })
            .collect();
        let mut cells = BTreeSet::new();
        for (i, a) in names.iter().enumerate() {
            for (j, b) in names.iter().enumerate().filter(|&(j, _)| j != i) {
                cells.insert((a.clone(), b.clone(), m.counts[i][j]));
            }
        }
        cells
    }

    /// The first article (by number) with a sentence other articles repeat, and that passage.
    fn first_passage(&mut self) -> (u32, Passage) {
        for n in 0..self.shelf.summary.doc_count {
            if let Err(Missing(files)) = self.shelf.passages(n) {
                self.fetch(files);
            }
            if let Some(p) = self.shelf.passages(n).unwrap().first() {
                return (n, p.clone());
            }
        }
        panic!("no article of the served test site shares a passage");
    }

    /// Event `e` as the list shows it: its date, its article's id and title, and its sentence.
    fn event(&mut self, e: u32) -> (String, String, String, String) {
        if let Err(Missing(files)) = self.shelf.event(e) {
            self.fetch(files);
        }
        let event = self.shelf.event(e).unwrap().clone();
        let title = self.title(event.doc);
        let doc = self.shelf.document(event.doc).unwrap();
        (event.date.iso(), doc.id.clone(), title, doc.sentences[event.sentence as usize].text.clone())
    }

    /// The stories under `query`'s `results` and how many of them several articles report.
    fn stories(&mut self, query: &Query, results: &Results) -> (Vec<u32>, u32) {
        loop {
            match self.shelf.stories(query, results) {
                Ok(answer) => return answer,
                Err(Missing(files)) => self.fetch(files),
            }
        }
    }

    fn card(&mut self, k: u32) -> Card {
        if let Err(Missing(files)) = self.shelf.story(k) {
            self.fetch(files);
        }
        self.shelf.story(k).unwrap().clone()
    }

    /// Table `name` of `query`'s `results` as CSV, as the page should write it.
    fn csv(&mut self, name: &str, query: &Query, results: &Results) -> String {
        loop {
            match table::served(name, &self.shelf, query, results) {
                Ok(rows) => return table::csv(&rows),
                Err(Missing(files)) => self.fetch(files),
            }
        }
    }

    fn title(&mut self, number: u32) -> String {
        if let Err(Missing(files)) = self.shelf.document(number) {
            self.fetch(files);
        }
        self.shelf.document(number).unwrap().title.clone()
    }
}

fn count_line(n: usize, total: u32) -> String {
    if n == total as usize {
        format!("All {total} articles")
    } else {
        format!("{n} of {total} articles")
    }
}

async fn page_chips(page: &Page) -> BTreeSet<(String, u32)> {
    let names = page.attrs(".chip", "data-entity").await;
    let counts = page.texts(".chip .chip-count").await;
    names.into_iter().zip(counts).map(|(n, c)| (n, c.trim().parse().unwrap_or(u32::MAX))).collect()
}

async fn wait_count(page: &Page, line: &str, what: &str) {
    // The count line comes first (the ranked list shows while the counts are fetched); the view
    // has its answer once the results are no longer busy.
    page.wait_until(
        &format!(
            "document.getElementById('result-count')?.textContent.startsWith({line:?}) && document.querySelector('.results')?.getAttribute('aria-busy') === 'false'"
        ),
        what,
    )
    .await;
}

/// "Who appears with whom" as drawn: `(row, column, sentences)` for every square.
async fn matrix_shown(page: &Page) -> BTreeSet<(String, String, u32)> {
    let (a, b, n) = (
        page.attrs(".co-cell", "data-a").await,
        page.attrs(".co-cell", "data-b").await,
        page.attrs(".co-cell", "data-count").await,
    );
    a.into_iter().zip(b).zip(n).map(|((a, b), n)| (a, b, n.parse().unwrap())).collect()
}

/// The view settles: no fetch in flight and the shown chips and rows are the answer's.
async fn settled(page: &Page, chips: &BTreeSet<(String, u32)>, what: &str) {
    let mut last = BTreeSet::new();
    for _ in 0..100 {
        last = page_chips(page).await;
        if &last == chips {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(&last, chips, "the chips of {what}");
}

#[test]
fn a_served_corpus_of_20000_articles_answers_exactly_what_its_files_say() {
    let dir = served_dist();
    let mut native = Native::open(&dir);
    let total = native.shelf.summary.doc_count;
    assert_eq!(total, 20_000, "the served test site holds 20 000 articles");
    let site = Site::serve_slowly(&dir, "/news/served/", Duration::from_millis(25), None);
    // A word of the first article's title, and its answers; a name and a month under it.
    let title = native.title(0);
    let word = title.split_whitespace().max_by_key(|w| w.len()).unwrap().to_lowercase();
    let word: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
    let all = native.answer(&Query::default());
    let all_chips = native.chips(&all);
    let by_word = native.answer(&Query { text: word.clone(), ..Query::default() });
    let word_chips = native.chips(&by_word);
    // More than a page (10 rows), fewer than all: "Show more" and the counts both mean something.
    assert!(by_word.hits.len() > 10 && by_word.hits.len() < total as usize, "{word}: {}", by_word.hits.len());

    in_both_browsers(|browser| {
        let base = site.base.clone();
        let (all, all_chips, by_word, word_chips, word) =
            (all.clone(), all_chips.clone(), by_word.clone(), word_chips.clone(), word.clone());
        let mut native = Native::open(&dir);
        let site = &site;
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            // First view: every article, the most named names with their exact totals, the timeline.
            wait_count(&page, &count_line(all.hits.len(), total), "the first view").await;
            settled(&page, &all_chips, "the first view").await;
            let months: u32 =
                page.attrs(".month-bar", "data-count").await.iter().map(|c| c.parse::<u32>().unwrap()).sum();
            assert_eq!(months as usize, all.events.len(), "{browser:?}: the timeline holds every dated event");
            axis_is_readable(&page, browser, "desktop").await;
            let first = native.title(all.hits[0].doc);
            page.wait_until(
                &format!("document.querySelector('.result-title')?.textContent === {first:?}"),
                "the first row",
            )
            .await;
            assert_eq!(crate::explorer::axe(&page).await, Vec::<String>::new(), "{browser:?}: the served first view");
            if browser == Browser::Chromium {
                page.screenshot("served-desktop").await;
            }
            page.click("#theme-toggle").await; // system → dark
            page.wait_until("document.documentElement.dataset.theme == 'dark'", "dark theme").await;
            assert_eq!(crate::explorer::axe(&page).await, Vec::<String>::new(), "{browser:?}: served, dark");
            if browser == Browser::Chromium {
                page.screenshot("served-dark").await;
            }
            page.click("#theme-toggle").await; // dark → light
            page.click("#theme-toggle").await; // light → system
            page.assert_fits_a_phone(browser).await;
            axis_is_readable(&page, browser, "phone").await;
            if browser == Browser::Chromium {
                page.screenshot("served-phone").await;
            }
            page.client.set_window_size(1280, 900).await.unwrap();

            // Sorted by date: newest first from the days file, and the link says so; back to
            // relevance, the ranking again.
            let sort = |to: &str| {
                format!("const s = document.getElementById('sort'); s.value = '{to}'; s.dispatchEvent(new Event('change', {{ bubbles: true }}));")
            };
            let first_row = |title: &str| format!("document.querySelector('.result-title')?.textContent === {title:?}");
            let newest = native.date_order(&all)[0];
            let newest = native.title(all.hits[newest as usize].doc);
            assert_ne!(newest, first, "the first view is by relevance, ties by date: oldest first");
            page.js(&sort("date")).await;
            page.wait_until(&first_row(&newest), "the newest article first").await;
            assert!(page.fragment().await.contains("sort=date"), "{browser:?}: the sort is in the link");
            page.js(&sort("relevance")).await;
            page.wait_until(&first_row(&first), "the ranking again").await;

            // The chip filter finds a name beyond the 40 shown (it reads the whole name table):
            // the chips are the most counted names containing the text, with exact counts, and
            // one of them filters the list.
            let mut by_count: Vec<u32> = (0..all.entity_counts.len() as u32).collect();
            by_count.sort_by_key(|&e| (std::cmp::Reverse(all.entity_counts[e as usize]), e));
            let beyond = by_count[100];
            if let Err(Missing(files)) = native.shelf.name(beyond) {
                native.fetch(files);
            }
            let beyond_name = native.shelf.name(beyond).unwrap().name.clone();
            let needle = beyond_name.to_lowercase();
            let found = loop {
                match native.shelf.find_names(&needle) {
                    Ok(found) => break found,
                    Err(Missing(files)) => native.fetch(files),
                }
            };
            let mut named: Vec<(std::cmp::Reverse<u32>, u32)> = found
                .iter()
                .map(|&e| (std::cmp::Reverse(all.entity_counts[e as usize]), e))
                .filter(|(c, _)| c.0 > 0)
                .collect();
            named.sort_unstable();
            named.truncate(40);
            let filtered: BTreeSet<(String, u32)> =
                named.iter().map(|&(c, e)| (native.shelf.name(e).unwrap().name.clone(), c.0)).collect();
            assert!(filtered.contains(&(beyond_name.clone(), all.entity_counts[beyond as usize])));
            page.type_into("#chip-filter", &beyond_name).await;
            settled(&page, &filtered, "the chip filter").await;
            page.click(&format!(".chip[data-entity={beyond_name:?}]")).await;
            let with_beyond = native.answer(&Query { include: vec![beyond], ..Query::default() });
            wait_count(&page, &count_line(with_beyond.hits.len(), total), "the filtered chip's count").await;
            page.js("const f = document.getElementById('chip-filter'); f.value = 'zzzzqqqq'; f.dispatchEvent(new Event('input', { bubbles: true }));").await;
            page.wait_until("document.getElementById('chip-filter-empty')", "no name matches").await;
            page.js("const f = document.getElementById('chip-filter'); f.value = ''; f.dispatchEvent(new Event('input', { bubbles: true }));").await;
            page.click("#clear-all").await;
            wait_count(&page, &count_line(all.hits.len(), total), "every article again").await;
            settled(&page, &all_chips, "the first view again").await;

            // The most named name not in every article (the summary has the matrix of all):
            // its articles are in every pairs file, and its "who appears with whom" comes with
            // its counts file, so opening it fetches none.
            let (top_name, _) = all_chips
                .iter()
                .filter(|&&(_, n)| (n as usize) < all.hits.len())
                .max_by_key(|&&(_, n)| n)
                .expect("a name not in every article")
                .clone();
            let top = Query {
                include: vec![native.shelf.number_of(&top_name).expect("the chip's name is in the table")],
                ..Query::default()
            };
            let with_top = native.answer(&top);
            assert!(with_top.hits.len() >= shelf::broad_from(total as usize), "a name with a counts file");
            page.click(&format!(".chip[data-entity={top_name:?}]")).await;
            wait_count(&page, &count_line(with_top.hits.len(), total), "the most named name's count").await;
            let cells = native.cooccurrence(&top, &with_top);
            let before = site.requested().len();
            page.click("details.cooccur summary").await;
            page.wait_until("document.querySelectorAll('.cooccur-chart .co-cell').length > 0", "its matrix").await;
            assert_eq!(matrix_shown(&page).await, cells, "{browser:?}: who appears with whom the most named");
            let pairs: Vec<String> =
                site.requested()[before..].iter().filter(|p| p.contains("/pairs")).cloned().collect();
            assert_eq!(pairs, Vec::<String>::new(), "{browser:?}: no pairs file for one much-named name");
            page.click("details.cooccur summary").await;
            // Its story list likewise: the counts file's stories, no story-of file.
            let (stories, multi) = native.stories(&top, &with_top);
            let said = format!("{} stories, {multi} reported by more than one article", stories.len());
            let before = site.requested().len();
            page.click("details.served-stories summary").await;
            page.wait_until(
                &format!("document.getElementById('stories-summary')?.textContent === {said:?}"),
                "its stories",
            )
            .await;
            let story_of: Vec<String> =
                site.requested()[before..].iter().filter(|p| p.contains("/storyof")).cloned().collect();
            assert_eq!(story_of, Vec::<String>::new(), "{browser:?}: no story-of file for one much-named name");
            page.click("details.served-stories summary").await;
            page.click("#clear-all").await;
            wait_count(&page, &count_line(all.hits.len(), total), "every article, once more").await;

            // A word: the count, the first row, the chips and the timeline are the files' answer.
            page.type_into("#search", &word).await;
            wait_count(&page, &count_line(by_word.hits.len(), total), "the word's count").await;
            settled(&page, &word_chips, "the word").await;
            let top = native.title(by_word.hits[0].doc);
            page.wait_until(
                &format!("document.querySelector('.result-title')?.textContent === {top:?}"),
                "the word's top row",
            )
            .await;
            let months: u32 =
                page.attrs(".month-bar", "data-count").await.iter().map(|c| c.parse::<u32>().unwrap()).sum();
            assert_eq!(months as usize, by_word.events.len(), "{browser:?}: the word's timeline");
            // A page is 10 rows (one text file each); "Show more" fetches the next page's text.
            let rows = |n: usize| format!("document.querySelectorAll('.result-title').length === {n}");
            page.wait_until(&rows(10), "the word's first page").await;
            page.click("#show-more").await;
            page.wait_until(&rows(by_word.hits.len().min(20)), "the word's second page").await;
            let eleventh = native.title(by_word.hits[10].doc);
            assert_eq!(page.texts(".result-title").await[10], eleventh, "{browser:?}: the 11th row");

            // Require the first chip: the count is the files' answer for the word and that name.
            let chip = page.attrs(".chip", "data-entity").await.remove(0);
            let _ = native.chips(&by_word);
            page.click(".chip").await;
            let e = native.shelf.number_of(&chip).expect("the chip's name is in the table");
            let word_and_name = Query { text: word.clone(), include: vec![e], ..Query::default() };
            let with_name = native.answer(&word_and_name);
            wait_count(&page, &count_line(with_name.hits.len(), total), "the chip's count").await;
            let chips = native.chips(&with_name);
            settled(&page, &chips, "the word and the name").await;
            assert!(page.fragment().await.contains("in="), "{browser:?}: the name is in the link");

            // Who appears with whom, under the word and the name: every square is the count of
            // the pairs files; a square requires both names, and Back undoes it.
            let cells = native.cooccurrence(&word_and_name, &with_name);
            assert!(cells.iter().any(|&(_, _, n)| n > 0), "the view has names named together");
            page.click("details.cooccur summary").await;
            page.wait_until("document.querySelectorAll('.cooccur-chart .co-cell').length > 0", "the matrix").await;
            assert_eq!(matrix_shown(&page).await, cells, "{browser:?}: who appears with whom");
            if browser == Browser::Chromium {
                page.js(
                    "document.querySelector('details.cooccur').scrollIntoView({block: 'start', behavior: 'instant'});",
                )
                .await;
                page.screenshot("served-cooccur").await;
            }
            assert_eq!(crate::explorer::axe(&page).await, Vec::<String>::new(), "{browser:?}: served matrix");
            let (pa, pb, _) = cells.iter().max_by_key(|&&(_, _, n)| n).unwrap().clone();
            let both: Vec<u32> =
                [&pa, &pb].iter().map(|name| native.shelf.number_of(name).expect("a shown name is known")).collect();
            let mut include = vec![e];
            include.extend(both.iter().filter(|&&x| x != e));
            let with_pair = native.answer(&Query { text: word.clone(), include, ..Query::default() });
            page.click(&format!(".co-cell[data-a={pa:?}][data-b={pb:?}]")).await;
            wait_count(&page, &count_line(with_pair.hits.len(), total), "the pair's count").await;
            page.js("history.back();").await;
            wait_count(&page, &count_line(with_name.hits.len(), total), "back to the word and the name").await;
            page.click("details.cooccur summary").await;

            // The busiest column of the timeline: only its articles.
            let counts = page.attrs(".month-bar", "data-count").await;
            let froms = page.attrs(".month-bar", "data-from").await;
            let tos = page.attrs(".month-bar", "data-to").await;
            let busiest = (0..counts.len()).max_by_key(|&i| counts[i].parse::<u32>().unwrap()).unwrap();
            page.click(&format!(".month-bar[data-from='{}']", froms[busiest])).await;
            let in_month = native.answer(&Query {
                text: word.clone(),
                include: vec![e],
                from: Day::parse_iso(&froms[busiest]),
                to: Day::parse_iso(&tos[busiest]),
                ..Query::default()
            });
            assert!(!in_month.hits.is_empty(), "{browser:?}: the busiest column has articles");
            wait_count(&page, &count_line(in_month.hits.len(), total), "the month's count").await;

            // The reader opens the first row's article, fetched on demand.
            let title = native.title(in_month.hits[0].doc);
            page.click(".result-title").await;
            page.wait_until(
                &format!("document.getElementById('reader-title')?.textContent === {title:?}"),
                "the reader",
            )
            .await;
            assert!(page.count(".reader-body .sentence").await > 0, "{browser:?}");
            // The link, opened afresh, restores all of it.
            let link = format!("{base}#{}", page.fragment().await);
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
            let page = Page::open(browser).await;
            page.goto(&link).await;
            wait_count(&page, &count_line(in_month.hits.len(), total), "the restored count").await;
            page.wait_until(
                &format!("document.getElementById('reader-title')?.textContent === {title:?}"),
                "the restored reader",
            )
            .await;

            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
    // Nothing from outside the site, and no corpus file fetched twice by one page load.
    let requested = site.requested();
    assert!(requested.iter().all(|p| p.starts_with("/news/served/")), "{requested:?}");
    let files: Vec<&String> =
        requested.iter().filter(|p| p.contains("/corpus/") && !p.ends_with("corpus.json")).collect();
    let distinct: BTreeSet<&&String> = files.iter().collect();
    // Four page loads (two per browser): a file at most once per load.
    assert!(files.len() <= distinct.len() * 4, "{} requests for {} files", files.len(), distinct.len());
    let start = files.iter().filter(|p| p.ends_with("summary.bin")).count();
    assert_eq!(start, 4, "the summary once per page load: {start}");
}

/// A sentence other articles repeat is marked in the served reader as in the embedded one:
/// "also in" the earliest of them, with how many more, from the echo files written at build
/// time; the link opens the other article at its sentence.
#[test]
fn the_served_reader_links_a_passage_to_the_articles_that_repeat_it() {
    let dir = served_dist();
    let mut native = Native::open(&dir);
    let (number, passage) = native.first_passage();
    let title = native.title(number);
    let id = native.shelf.document(number).unwrap().id.clone();
    let first = passage.shown[0].clone();
    let other_title = native.title(first.number);
    let more = passage.articles as usize - passage.shown.len();
    let site = Site::serve_slowly(&dir, "/news/", Duration::from_millis(10), None);
    in_both_browsers(|browser| {
        let (base, id, title, other_title, first, passage) =
            (site.base.clone(), id.clone(), title.clone(), other_title.clone(), first.clone(), passage.clone());
        async move {
            let page = Page::open(browser).await;
            page.goto(&format!("{base}#doc={id}&n={number}")).await;
            page.wait_until(
                &format!("document.getElementById('reader-title')?.textContent === {title:?}"),
                "the reader",
            )
            .await;
            let link = format!("#s-{} + .also-in button[data-doc={:?}]", passage.sentence, first.id);
            page.wait_until(&format!("document.querySelector({link:?})"), "the also-in link").await;
            assert_eq!(page.attrs(&link, "data-sentence").await, [first.sentence.to_string()], "{browser:?}");
            let line = page.texts(&format!("#s-{} + .also-in", passage.sentence)).await.join("");
            assert_eq!(line.contains(&format!("and {more} more")), more > 0, "{browser:?}: {line}");
            assert_eq!(page.count(&format!("#s-{} + .also-in button", passage.sentence)).await, passage.shown.len());
            if browser == Browser::Chromium {
                page.js(&format!(
                    "document.getElementById('s-{}').scrollIntoView({{block: 'center'}});",
                    passage.sentence
                ))
                .await;
                page.screenshot("served-also-in").await;
            }
            page.click(&link).await;
            page.wait_until(
                &format!("document.getElementById('reader-title')?.textContent === {other_title:?}"),
                "the other article",
            )
            .await;
            let fragment = page.fragment().await;
            assert!(fragment.contains(&format!("n={}", first.number)), "{browser:?}: {fragment}");
            page.wait_until(&format!("document.querySelector('#s-{}.current')", first.sentence), "its sentence").await;
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}

/// What happened when, on a served corpus: the dated events under the filter, a page at a time
/// in date order (the embedded list's order), each with its date, sentence and article from the
/// event-text and text files; a row opens the article at its sentence.
#[test]
fn the_served_timeline_lists_the_dated_events_under_the_filter() {
    let dir = served_dist();
    let mut native = Native::open(&dir);
    let all = native.answer(&Query::default());
    let first_page: Vec<_> = all.events.iter().take(20).map(|&e| native.event(e)).collect();
    let twenty_first = native.event(all.events[20]);
    let title = native.title(0);
    let word: String = title.split_whitespace().max_by_key(|w| w.len()).unwrap().to_lowercase();
    let word: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
    let by_word = native.answer(&Query { text: word.clone(), ..Query::default() });
    let word_first = native.event(by_word.events[0]);
    let site = Site::serve_slowly(&dir, "/news/", Duration::from_millis(10), None);
    in_both_browsers(|browser| {
        let (base, first_page, twenty_first, word_first, word) =
            (site.base.clone(), first_page.clone(), twenty_first.clone(), word_first.clone(), word.clone());
        let (events, word_events) = (all.events.len(), by_word.events.len());
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.wait_until("document.querySelector('.chip')", "the first view").await;
            let summary = page.texts("details.served-events summary").await.join("");
            assert!(summary.starts_with(&format!("{events} dated events")), "{browser:?}: {summary}");
            page.click("details.served-events summary").await;
            let rows = |n: usize| format!("document.querySelectorAll('#event-list .event').length === {n}");
            page.wait_until(&rows(20), "the first page of events").await;
            let shown: Vec<(String, String, String)> = page
                .attrs("#event-list .event", "data-date")
                .await
                .into_iter()
                .zip(page.attrs("#event-list .event", "data-doc").await)
                .zip(page.texts("#event-list .event-sentence").await)
                .map(|((d, id), s)| (d, id, s))
                .collect();
            let want: Vec<(String, String, String)> =
                first_page.iter().map(|(d, id, _, s)| (d.clone(), id.clone(), s.trim().to_string())).collect();
            assert_eq!(shown, want, "{browser:?}: the first page of dated events");
            if browser == Browser::Chromium {
                page.js("document.querySelector('details.served-events').scrollIntoView({block: 'start', behavior: 'instant'});").await;
                page.screenshot("served-events").await;
            }
            page.click("#more-events").await;
            page.wait_until(&rows(40), "the second page").await;
            assert_eq!(page.attrs("#event-list .event", "data-doc").await[20], twenty_first.1, "{browser:?}");
            // Under a word: its first event; the row opens its article at the sentence.
            page.type_into("#search", &word).await;
            page.wait_until(
                &format!("document.querySelector('details.served-events summary')?.textContent.startsWith('{word_events} dated')"),
                "the word's events",
            )
            .await;
            page.wait_until(&rows(word_events.min(20)), "the word's first page of events").await;
            assert_eq!(page.attrs("#event-list .event", "data-doc").await[0], word_first.1, "{browser:?}");
            page.click("#event-list .event").await;
            page.wait_until(
                &format!("document.getElementById('reader-title')?.textContent === {:?}", word_first.2),
                "the event's article",
            )
            .await;
            page.wait_until("document.querySelector('#reader .sentence.current')", "its sentence").await;
            let current = page.texts("#reader .sentence.current").await.join("");
            assert_eq!(current.trim(), word_first.3.trim(), "{browser:?}");
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}

/// The same happening reported by several articles, on a served corpus: the stories grouped at
/// build time, listed under the filter in date order with the counts the files give, each row
/// drawn from its story file; a source's title opens that article at the story's sentence.
#[test]
fn the_served_timeline_lists_the_stories_across_articles_under_the_filter() {
    let dir = served_dist();
    let mut native = Native::open(&dir);
    let all = native.answer(&Query::default());
    let (stories, multi) = native.stories(&Query::default(), &all);
    let first_page: Vec<Card> = stories.iter().take(40).map(|&k| native.card(k)).collect();
    // A word of a story told by several articles, so the filtered list has one to open.
    let told = stories.iter().copied().find(|&k| native.card(k).multi()).expect("a story with several sources");
    let card = native.card(told);
    let word: String = card.lead.split(|c: char| !c.is_alphanumeric()).max_by_key(|w| w.len()).unwrap().to_lowercase();
    let word_query = Query { text: word.clone(), ..Query::default() };
    let by_word = native.answer(&word_query);
    let (word_stories, word_multi) = native.stories(&word_query, &by_word);
    let word_cards: Vec<(u32, Card)> = word_stories.iter().take(40).map(|&k| (k, native.card(k))).collect();
    let site = Site::serve_slowly(&dir, "/news/", Duration::from_millis(10), None);
    let heading = |n: usize, m: u32| format!("{n} stories, {m} reported by more than one article");
    let rows = |cards: &[Card]| -> Vec<(String, String)> {
        cards.iter().map(|c| (c.date.iso(), c.source_count.to_string())).collect()
    };
    in_both_browsers(|browser| {
        let (base, word) = (site.base.clone(), word.clone());
        let (all_heading, want_first) = (heading(stories.len(), multi), rows(&first_page));
        let word_heading = heading(word_stories.len(), word_multi);
        let word_cards = word_cards.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.wait_until("document.querySelector('.chip')", "the first view").await;
            page.click("details.served-stories summary").await;
            let said = |text: &str| format!("document.getElementById('stories-summary')?.textContent === {text:?}");
            page.wait_until(&said(&all_heading), "every story's count").await;
            let shown_rows = |n: usize| format!("document.querySelectorAll('#story-list .story').length === {n}");
            page.wait_until(&shown_rows(want_first.len()), "the first page of stories").await;
            let shown: Vec<(String, String)> = page
                .attrs("#story-list .story", "data-date")
                .await
                .into_iter()
                .zip(page.attrs("#story-list .story", "data-sources").await)
                .collect();
            assert_eq!(shown, want_first, "{browser:?}: the first page of stories");
            // Under a word: its stories, and a story several articles report.
            page.type_into("#search", &word).await;
            page.wait_until(&said(&word_heading), "the word's stories").await;
            page.wait_until(&shown_rows(word_cards.len()), "the word's first page of stories").await;
            let numbers = page.attrs("#story-list .story", "data-story").await;
            let want: Vec<String> = word_cards.iter().map(|(k, _)| k.to_string()).collect();
            assert_eq!(numbers, want, "{browser:?}: the word's stories");
            let (k, card) =
                word_cards.iter().find(|(_, c)| c.multi()).expect("the word's stories include one told twice");
            let row = format!("#story-list .story[data-story='{k}']");
            let leads = page.texts(&format!("{row} .event-sentence")).await;
            assert_eq!(leads.join("").trim(), card.lead.trim(), "{browser:?}");
            // Its first 12 sources in date order, the rest counted.
            let titles = page.texts(&format!("{row} .story-source")).await;
            let want_titles: Vec<String> = card.sources.iter().take(12).map(|x| x.title.clone()).collect();
            assert_eq!(titles, want_titles, "{browser:?}: the story's sources, in date order");
            let more = page.texts(&format!("{row} .story-more")).await.join("");
            match (card.source_count as usize).checked_sub(12).filter(|&n| n > 0) {
                Some(n) => assert!(more.starts_with(&format!("and {n} more")), "{browser:?}: {more}"),
                None => assert_eq!(more, "", "{browser:?}"),
            }
            if browser == Browser::Chromium {
                // The story inside its list, then the panel's heading at the top of the page, so
                // the picture shows what the panel is as well as the story.
                page.js(&format!(
                    "document.querySelector(\"{row}\").scrollIntoView({{block: 'nearest', behavior: 'instant'}}); \
                     document.querySelector('details.served-stories').scrollIntoView({{block: 'start', behavior: 'instant'}});"
                ))
                .await;
                page.screenshot("served-stories").await;
            }
            // The second source opens its article at the story's sentence.
            let second = &card.sources[1];
            page.click(&format!("{row} .story-source[data-doc='{}']", second.id)).await;
            page.wait_until(
                &format!("document.getElementById('reader-title')?.textContent === {:?}", second.title),
                "the source's article",
            )
            .await;
            let fragment = page.fragment().await;
            assert!(fragment.contains(&format!("n={}", second.doc)), "{browser:?}: {fragment}");
            if let Some(sentence) = second.sentence {
                page.wait_until(&format!("document.querySelector('#s-{sentence}.current')"), "its sentence").await;
            }
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}

/// Taking the findings away from a served corpus: each table of the view downloads as CSV,
/// byte for byte what the files say (the same rows the embedded page writes, by
/// `shelf_exact`), its files fetched as needed with a progress line.
#[test]
fn the_served_view_downloads_its_tables_as_csv() {
    let dir = served_dist();
    let mut native = Native::open(&dir);
    let title = native.title(1);
    let word: String = title.split_whitespace().max_by_key(|w| w.len()).unwrap().to_lowercase();
    let word: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
    let query = Query { text: word.clone(), ..Query::default() };
    let results = native.answer(&query);
    let want: Vec<(&str, String)> =
        table::TABLES.iter().map(|(name, _)| (*name, native.csv(name, &query, &results))).collect();
    let (matching, total) = (results.hits.len(), native.shelf.summary.doc_count);
    let site = Site::serve_slowly(&dir, "/", Duration::from_millis(10), None);
    in_both_browsers(|browser| {
        let (base, word, want) = (site.base.clone(), word.clone(), want.clone());
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            page.wait_until("document.querySelector('.chip')", "the first view").await;
            page.type_into("#search", &word).await;
            wait_count(&page, &count_line(matching, total), "the word's articles").await;
            page.catch_downloads().await;
            page.click("details.download summary").await;
            for (name, csv) in &want {
                page.click(&format!("[data-export='csv'][data-table='{name}']")).await;
                let got = page.downloaded_text(&format!("{name}.csv")).await;
                let rows = csv.matches("\r\n").count() - 1;
                assert!(rows > 0, "{name}: the view has rows to download");
                assert!(
                    got == csv.trim_start_matches('\u{feff}'),
                    "{browser:?}: {name}.csv differs from the files' ({rows} rows)"
                );
                page.wait_until("!document.getElementById('download-progress')", "the progress line gone").await;
            }
            assert_eq!(page.count("#download-error").await, 0, "{browser:?}");
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}

/// Correcting the names of a served corpus: two chips merged into one, renamed, hidden, the
/// hide undone; after each, the chips and their counts are what the same files give natively
/// with the same corrections (a merged name counts each article once), nothing is fetched
/// twice, the corrections ride in the link, survive a reload and a visit without the link, and
/// the corrected chip filters the list to the articles naming any of its names.
#[test]
fn the_served_chips_take_name_corrections_with_exact_counts() {
    use corpus_explorer::corpus::curate::Edit;

    let dir = served_dist();
    let mut native = Native::open(&dir);
    let total = native.shelf.summary.doc_count;
    let all = native.answer(&Query::default());
    let all_chips = native.chips(&all);
    // Two names of the start's chips, neither in every article (so the merge's count is not
    // the larger of the two, and the filter by it leaves some out).
    let mut named: Vec<(u32, u32)> = (0..all.entity_counts.len() as u32)
        .map(|e| (all.entity_counts[e as usize], e))
        .filter(|&(c, _)| c > 0)
        .collect();
    named.sort_by(|a, b| b.cmp(a));
    let partial: Vec<u32> = named.iter().filter(|&&(c, _)| c < total / 2).map(|&(_, e)| e).take(2).collect();
    let (a, b) =
        (native.shelf.name(partial[0]).unwrap().name.clone(), native.shelf.name(partial[1]).unwrap().name.clone());
    let renamed = "Corrected Name".to_string();
    let merge = Edit::Merge { into: a.clone(), from: vec![b.clone()] };
    let rename = Edit::Rename { from: a.clone(), to: renamed.clone() };
    let hide = Edit::Hide { name: renamed.clone() };
    let mut corrected = |edits: &[Edit], include: &[&str]| -> (BTreeSet<(String, u32)>, usize) {
        loop {
            match native.shelf.correct(edits) {
                Ok(0) => break,
                Ok(n) => panic!("{n} edits not applied"),
                Err(Missing(files)) => native.fetch(files),
            }
        }
        let include = include.iter().map(|n| native.shelf.find(n).unwrap()).collect();
        let answer = native.answer(&Query { include, ..Query::default() });
        (native.chips(&answer), answer.hits.len())
    };
    let (merged_chips, _) = corrected(std::slice::from_ref(&merge), &[]);
    let merged_count = merged_chips.iter().find(|(n, _)| *n == a).unwrap().1;
    let (ca, cb) = (all.entity_counts[partial[0] as usize], all.entity_counts[partial[1] as usize]);
    assert!(
        merged_count > ca.max(cb) && merged_count < ca + cb,
        "{merged_count} of {ca} and {cb}: some articles name both"
    );
    let (renamed_chips, _) = corrected(&[merge.clone(), rename.clone()], &[]);
    let (hidden_chips, _) = corrected(&[merge.clone(), rename.clone(), hide], &[]);
    assert!(!hidden_chips.iter().any(|(n, _)| *n == renamed || *n == b));
    let (_, filtered) = corrected(&[merge.clone(), rename.clone()], &[&renamed]);
    assert_eq!(filtered, merged_count as usize);
    // The merged chip's spellings, as its editor lists them: both names', counts added up.
    native.shelf.correct(std::slice::from_ref(&merge)).unwrap();
    let kept = native.shelf.find(&a).unwrap();
    let all_spellings: Vec<String> = loop {
        match native.shelf.spellings(kept) {
            Ok(list) => break list.into_iter().map(|(text, n)| format!("{text} ×{n}")).collect(),
            Err(Missing(files)) => native.fetch(files),
        }
    };
    assert!(all_spellings.len() >= 2, "{all_spellings:?}");
    // The editor lists the 30 most used and says how many more.
    let mut merged_spellings: Vec<String> = all_spellings.iter().take(30).cloned().collect();
    if all_spellings.len() > 30 {
        merged_spellings.push(format!("…and {} more (the names download lists them all)", all_spellings.len() - 30));
    }

    let site = Site::serve_slowly(&dir, "/", Duration::from_millis(10), None);
    in_both_browsers(|browser| {
        let (base, all_chips, merged_chips, renamed_chips, hidden_chips) =
            (site.base.clone(), all_chips.clone(), merged_chips.clone(), renamed_chips.clone(), hidden_chips.clone());
        let (a, b, renamed, merged_spellings) = (a.clone(), b.clone(), renamed.clone(), merged_spellings.clone());
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            settled(&page, &all_chips, "the first view").await;
            page.click("#edit-names").await;
            page.click(&format!(".chip[data-entity={a:?}]")).await;
            page.click(&format!(".chip[data-entity={b:?}]")).await;
            page.wait_until("document.getElementById('merge-chips')", "the merge form").await;
            page.click("#merge-chips").await;
            settled(&page, &merged_chips, "the merge").await;
            assert!(page.fragment().await.contains("ed="), "{browser:?}: the corrections are in the link");
            // The merged chip stays selected: rename it.
            page.wait_until(
                &format!("document.getElementById('chip-editor')?.dataset.entity === {a:?}"),
                "one chip selected",
            )
            .await;
            page.wait_until(
                &format!(
                    "document.querySelectorAll('#chip-editor .spellings li').length === {}",
                    merged_spellings.len()
                ),
                "the merged chip's spellings",
            )
            .await;
            assert_eq!(page.texts("#chip-editor .spellings li").await, merged_spellings, "{browser:?}");
            page.type_into("#rename-input", &renamed).await;
            page.click("#rename-chip").await;
            settled(&page, &renamed_chips, "the rename").await;
            page.wait_until(
                &format!("document.getElementById('chip-editor')?.dataset.entity === {renamed:?}"),
                "the renamed chip's editor",
            )
            .await;
            assert_eq!(crate::explorer::axe(&page).await, Vec::<String>::new(), "{browser:?}: the served editor");
            if browser == Browser::Chromium {
                page.screenshot("served-corrections").await;
            }
            page.click("#hide-chip").await;
            settled(&page, &hidden_chips, "the hide").await;
            page.click("#undo-edit").await;
            settled(&page, &renamed_chips, "the hide undone").await;
            // A reload keeps them (the link), and so does a visit without the link (this browser).
            page.client.refresh().await.unwrap();
            settled(&page, &renamed_chips, "the reload").await;
            page.goto(&format!("{base}#")).await;
            page.client.refresh().await.unwrap();
            settled(&page, &renamed_chips, "a visit without the link").await;
            // The corrected chip filters by every name merged into it.
            page.click(&format!(".chip[data-entity={renamed:?}]")).await;
            wait_count(&page, &count_line(merged_count as usize, total), "the corrected chip's filter").await;
            // Undoing the rename gives the filter the merged chip's old name back: the same
            // articles, not a filter by a name that no longer exists.
            if page.count("#undo-edit").await == 0 {
                page.click("#edit-names").await;
            }
            page.click("#undo-edit").await;
            page.wait_until(
                &format!("document.querySelector('.chip.required[data-entity={a:?}]')"),
                "the filter on the merged chip's old name",
            )
            .await;
            wait_count(&page, &count_line(merged_count as usize, total), "the filter under the old name").await;
            assert_eq!(page.count(".chip.required").await, 1, "{browser:?}");
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            // Leave this browser's storage as it was found.
            page.js("localStorage.clear()").await;
            page.close().await;
        }
    });
}

#[test]
fn your_own_articles_on_a_served_site_are_analysed_apart_under_the_sites_names() {
    let dir = served_dist();
    let mut native = Native::open(&dir);
    let total = native.shelf.summary.doc_count;
    // The site's most named name, which the reader's article writes once as is and once as a
    // possessive; and a person the site has never seen, twice.
    let (known, kind, known_total) =
        native.shelf.summary.top.first().map(|(_, n)| (n.name.clone(), n.kind, n.total)).unwrap();
    let by_known = native.answer(&Query { include: vec![native.shelf.find(&known).unwrap()], ..Query::default() });
    let dir_files = std::env::temp_dir().join(format!("e2e-yours-{}", std::process::id()));
    std::fs::create_dir_all(&dir_files).unwrap();
    let files = [
        (
            "yours-one.txt",
            format!("Orvel Zentaro questions {known}\n\nOrvel Zentaro said on Monday that {known} had not answered his letter. \"We wrote twice,\" Zentaro said.\n"),
        ),
        ("yours-two.txt", format!("A second look\n\nThe reply from {known}'s office came in May 2016, Orvel Zentaro said.\n")),
    ];
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, text)| {
            let path = dir_files.join(name);
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let site = Site::serve_slowly(&dir, "/", Duration::from_millis(5), None);
    let site = &site;
    in_both_browsers(|browser| {
        let (base, paths, known, by_known) = (site.base.clone(), paths.clone(), known.clone(), by_known.clone());
        async move {
            let page = Page::open(browser).await;
            let opened = site.requested().len();
            page.goto(&base).await;
            wait_count(&page, &count_line(total as usize, total), "the first view").await;
            // The workspace's code is not part of the page's start: it comes with the panel.
            let workspace_file = |from: usize| site.requested()[from..].iter().any(|p| p.contains("/workspace-"));
            assert!(!workspace_file(opened), "{browser:?}: the workspace's code was fetched at start");
            // Opening the panel fetches the site's name table (to analyse against), once.
            page.click("#workspace-toggle").await;
            page.wait_until("!document.getElementById('progress')", "the panel ready").await;
            assert!(workspace_file(opened), "{browser:?}: the panel opened without the workspace's code");
            let before = site.requested().len();
            page.choose_files("#add-files", &paths).await;
            // Analysed, then shown on their own: the header says whose articles these are.
            page.wait_until("document.querySelector('.yours-note')", "your articles shown").await;
            // Nothing of the site was read again for it: only the analyser's own two files.
            let during: Vec<String> = site.requested()[before..].to_vec();
            assert!(
                during.iter().all(|p| p.ends_with("/analyser.js") || p.ends_with("/analyser_bg.wasm")),
                "{browser:?}: requested while analysing your articles: {during:?}"
            );
            let size = page.texts(".corpus-size").await.join("");
            assert!(size.starts_with("Your articles: 2 articles"), "{browser:?}: {size}");
            wait_count(&page, &count_line(2, 2), "your two articles").await;
            let rows = page.texts("#workspace .files li .file-status").await;
            assert_eq!(rows, ["Added", "Added"], "{browser:?}");
            // The site's name, both spellings of it, under the site's name and kind; the new
            // person under his own.
            let chips = page_chips(&page).await;
            assert!(chips.contains(&(known.clone(), 2)), "{browser:?}: {known} in both articles: {chips:?}");
            assert!(chips.contains(&("Orvel Zentaro".to_string(), 2)), "{browser:?}: {chips:?}");
            let kinds = page.attrs(&format!(".chip[data-entity={known:?}]"), "data-kind").await;
            assert_eq!(kinds, [kind.label()], "{browser:?}: {known} keeps the site's kind");
            // Beside your count, how many of the site's articles name it; none for a new name.
            let site_counts = page.texts(&format!(".chip[data-entity={known:?}] .chip-site")).await;
            assert_eq!(site_counts, [format!("site {known_total}")], "{browser:?}");
            assert_eq!(page.count(".chip[data-entity='Orvel Zentaro'] .chip-site").await, 0, "{browser:?}");
            assert_eq!(crate::explorer::axe(&page).await, Vec::<String>::new(), "{browser:?}: your articles");
            if browser == Browser::Chromium {
                page.screenshot("served-yours").await;
            }
            // A filter by the joined name carries over to the site, where it means the site's
            // articles that name it.
            page.click(&format!(".chip[data-entity={known:?}]")).await;
            wait_count(&page, &count_line(2, 2), "your articles naming it").await;
            page.click("#back-to-site").await;
            wait_count(&page, &count_line(by_known.hits.len(), total), "the site's articles naming it").await;
            assert!(page.fragment().await.contains("in="), "{browser:?}: the filter stays in the link");
            // Kept in the browser: a new visit brings them back without analysing again.
            page.goto(&base).await;
            page.click("#workspace-toggle").await;
            page.wait_until(
                "document.getElementById('show-yours') && !document.getElementById('show-yours').disabled",
                "restored",
            )
            .await;
            let toggle = page.texts("#workspace-toggle").await.join("");
            assert_eq!(toggle.trim(), "Your articles (2)", "{browser:?}");
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.click("#clear-workspace").await;
            page.wait_until(
                "document.getElementById('workspace-toggle').textContent.trim() === 'Add your articles'",
                "cleared",
            )
            .await;
            page.close().await;
        }
    });
}

/// A word in many articles is counted from its one counts file, not from the rows of its
/// thousands of articles; once the reader pauses on it, the rows a filter of it needs come in the
/// background, each once, so the chip clicked next fetches no row file and counts exactly.
#[test]
fn a_broad_word_is_counted_from_one_file_and_its_rows_come_while_the_reader_looks() {
    let dir = served_dist();
    let native = Native::open(&dir);
    let total = native.shelf.summary.doc_count;
    let (word, by_word, rows) = broad_title_word(&dir);
    let site = Site::serve_slowly(&dir, "/", Duration::from_millis(5), None);
    in_both_browsers(|browser| {
        let (base, word, by_word, rows) = (site.base.clone(), word.clone(), by_word.clone(), rows.clone());
        let mut native = Native::open(&dir);
        let site = &site;
        async move {
            let page = Page::open(browser).await;
            let before = site.requested().len();
            let since = |from: usize| site.requested()[from..].to_vec();
            page.goto(&base).await;
            wait_count(&page, &count_line(total as usize, total), "the first view").await;
            page.type_into("#search", &word).await;
            wait_count(&page, &count_line(by_word.hits.len(), total), "the word's count").await;
            settled(&page, &native.chips(&by_word), "the word").await;
            let asked = since(before);
            assert!(asked.iter().any(|p| p.contains("/counts/")), "{browser:?}: no counts file for {word}: {asked:?}");
            // The reader looks at the answer: the rows come in the background, each once.
            let mut waited = 0;
            while !rows.iter().all(|r| since(before).iter().any(|p| p.ends_with(&format!("/{r}")))) {
                waited += 1;
                assert!(waited < 300, "{browser:?}: the rows of {word} did not come in the background");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let asked = since(before);
            let unique: BTreeSet<&String> = asked.iter().collect();
            assert_eq!(unique.len(), asked.len(), "{browser:?}: a file requested twice");
            // A chip under the word: counted from those rows, none fetched after the click.
            let chip = page.attrs(".chip", "data-entity").await.remove(0);
            let clicked = site.requested().len();
            page.click(".chip").await;
            let e = native.shelf.number_of(&chip).expect("the chip's name is in the table");
            let word_and_name = Query { text: word.clone(), include: vec![e], ..Query::default() };
            let with_name = native.answer(&word_and_name);
            wait_count(&page, &count_line(with_name.hits.len(), total), "the chip's count").await;
            settled(&page, &native.chips(&with_name), "the word and the chip").await;
            let after: Vec<String> =
                since(clicked).into_iter().filter(|p| p.contains("/rows/") || p.contains("/rowspans/")).collect();
            assert!(after.is_empty(), "{browser:?}: row files fetched after the click: {after:?}");
            page.close().await;
        }
    });
}

/// A reader who points at a chip before clicking it (or tabs onto it) finds its answer already
/// on its way: the name's article list, its counts file and the first page's text are fetched
/// while the pointer or the focus rests, so the click itself fetches none of them, and the
/// counts are exact.
#[test]
fn pointing_at_a_chip_fetches_what_its_click_needs() {
    let dir = served_dist();
    let total = Native::open(&dir).shelf.summary.doc_count;
    let site = Site::serve_slowly(&dir, "/", Duration::from_millis(5), None);
    in_both_browsers(|browser| {
        let base = site.base.clone();
        let mut native = Native::open(&dir);
        let site = &site;
        async move {
            let page = Page::open(browser).await;
            // The pointer, then (the page loaded afresh: the site's files are never cached) the
            // keyboard's focus.
            for (way, reach) in [("pointer", "dispatchEvent(new PointerEvent('pointerenter'))"), ("focus", "focus()")] {
                page.goto(&base).await;
                wait_count(&page, &count_line(total as usize, total), "the first view").await;
                // A chip of a name in fewer than all the articles (the first one's may be in all).
                let names = page.attrs(".chip", "data-entity").await;
                let chip = names
                    .iter()
                    .position(|n| {
                        let e = native.shelf.number_of(n).expect("a chip's name is in the table");
                        native.answer(&Query { include: vec![e], ..Query::default() }).hits.len() < total as usize
                    })
                    .expect("a chip of a name not in every article");
                let pointed = site.requested().len();
                page.js(&format!("document.querySelectorAll('.chip')[{chip}].{reach}; return null;")).await;
                // What the pointer brought: the name's list, then its counts (or rows) and text.
                let (mut quiet, mut seen) = (0, 0);
                while quiet < 10 {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    let now = site.requested().len();
                    quiet = if now == seen { quiet + 1 } else { 0 };
                    seen = now;
                }
                let ahead = site.requested()[pointed..].to_vec();
                assert!(
                    ahead.iter().any(|p| p.contains("/names/")),
                    "{browser:?}, {way}: nothing fetched ahead: {ahead:?}"
                );
                // The first page's text: its articles' files, or a much-named name's one file.
                assert!(
                    ahead.iter().any(|p| p.contains("/text/") || p.contains("/firstpages/")),
                    "{browser:?}, {way}: no text fetched ahead: {ahead:?}"
                );
                let clicked = site.requested().len();
                page.js(&format!("document.querySelectorAll('.chip')[{chip}].click(); return null;")).await;
                let e = native.shelf.number_of(&names[chip]).unwrap();
                let want = native.answer(&Query { include: vec![e], ..Query::default() });
                wait_count(&page, &count_line(want.hits.len(), total), "the chip's count").await;
                settled(&page, &native.chips(&want), "the chip").await;
                let after: Vec<String> = site.requested()[clicked..]
                    .iter()
                    .filter(|p| ["/names/", "/counts/", "/text/", "/firstpages/"].iter().any(|d| p.contains(d)))
                    .cloned()
                    .collect();
                assert!(after.is_empty(), "{browser:?}, {way}: the click fetched what was fetched ahead: {after:?}");
                let asked = site.requested()[pointed..].to_vec();
                let unique: BTreeSet<&String> = asked.iter().collect();
                assert_eq!(unique.len(), asked.len(), "{browser:?}, {way}: a file requested twice: {asked:?}");
            }
            page.close().await;
        }
    });
}

/// The timeline's labels: its first and last column's at its two ends and any between in
/// order, none overlapping another or running past the chart.
async fn axis_is_readable(page: &Page, browser: Browser, at: &str) {
    let got = page
        .js(r#"const chart = document.getElementById('months').getBoundingClientRect();
               const bars = [...document.querySelectorAll('.month-bar')];
               const shown = [...document.querySelectorAll('.months-axis span')].filter(s => s.offsetParent !== null);
               const boxes = shown.map(s => s.getBoundingClientRect());
               const problems = [];
               boxes.forEach((b, i) => {
                   if (b.left < chart.left - 1 || b.right > chart.right + 1) problems.push(`${shown[i].textContent} runs past the chart`);
                   if (i > 0 && boxes[i - 1].right > b.left) problems.push(`${shown[i - 1].textContent} overlaps ${shown[i].textContent}`);
               });
               const label = (bar) => bar.getAttribute('title').split(':')[0];
               return { problems, texts: shown.map(s => s.textContent),
                        first: label(bars[0]), last: label(bars[bars.length - 1]) };"#)
        .await;
    let problems: Vec<String> = serde_json::from_value(got["problems"].clone()).unwrap();
    let texts: Vec<String> = serde_json::from_value(got["texts"].clone()).unwrap();
    assert_eq!(problems, Vec::<String>::new(), "{browser:?}, {at}: the timeline's labels {texts:?}");
    let ends = (texts.first().cloned(), texts.last().cloned());
    let want = (got["first"].as_str().map(str::to_string), got["last"].as_str().map(str::to_string));
    assert_eq!(ends, want, "{browser:?}, {at}: the timeline's ends are labelled");
    if at == "desktop" {
        assert!(texts.len() > 2, "{browser:?}: labels between the ends: {texts:?}");
    }
}

/// A word of the first articles' titles that a counts file answers (a broad search, whose rows
/// are still to fetch after its answer), its answer, and the row files a filter of it needs.
fn broad_title_word(dir: &Path) -> (String, Results, Vec<String>) {
    let mut native = Native::open(dir);
    (0..50)
        .flat_map(|n| native.title(n).split_whitespace().map(str::to_lowercase).collect::<Vec<_>>())
        .map(|w| w.chars().filter(|c| c.is_alphanumeric()).collect::<String>())
        .filter(|w| w.chars().count() >= 3)
        .find_map(|w| {
            // A fresh shelf, as the page's: every row the word's articles touch is missing.
            let mut fresh = Native::open(dir);
            let query = Query { text: w.clone(), ..Query::default() };
            let answer = fresh.answer(&query);
            let rows = fresh.shelf.rows_to_warm(&query);
            (!rows.is_empty()).then_some((w, answer, rows))
        })
        .expect("a title word in many articles")
}

#[test]
fn pointing_at_the_chips_starts_the_rows_a_filter_needs_at_once() {
    let dir = served_dist();
    let total = Native::open(&dir).shelf.summary.doc_count;
    let (word, by_word, _) = broad_title_word(&dir);
    let site = Site::serve_slowly(&dir, "/", Duration::from_millis(5), None);
    in_both_browsers(|browser| {
        let (base, word, line) = (site.base.clone(), word.clone(), count_line(by_word.hits.len(), total));
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            wait_count(&page, &count_line(total as usize, total), "the first view").await;
            // The word goes in at once, and the pointer moves onto the first chip the moment
            // its answer is on screen, as a reader who reaches for a chip right away.
            page.js(&format!(
                r#"const ready = () => document.getElementById('result-count')?.textContent.startsWith({line:?})
                       && document.querySelector('.results')?.getAttribute('aria-busy') === 'false';
                   new MutationObserver((_, observer) => {{
                       if (!ready()) return;
                       observer.disconnect();
                       window.__pointedAt = performance.now();
                       document.querySelector('.chip').dispatchEvent(new PointerEvent('pointerover', {{ bubbles: true }}));
                   }}).observe(document.body, {{ attributes: true, childList: true, characterData: true, subtree: true }});
                   const search = document.getElementById('search');
                   search.value = {word:?};
                   search.dispatchEvent(new Event('input', {{ bubbles: true }}));
                   return null;"#
            ))
            .await;
            wait_count(&page, &line, "the word's count").await;
            page.wait_until("window.__pointedAt !== undefined", "the pointer on a chip").await;
            // The first row file is asked for at once: left alone, the page waits 300 ms
            // (`WARM_IDLE_MS`) after the answer before it fetches any.
            let after = page
                .wait_until(
                    "(() => { const rows = performance.getEntriesByType('resource').filter(e => e.name.includes('/rows/') || e.name.includes('/rowspans/')); \
                      return rows.length ? JSON.stringify(Math.min(...rows.map(e => e.startTime)) - window.__pointedAt) : null; })()",
                    "a row file",
                )
                .await;
            let after: f64 = after.as_str().and_then(|s| s.parse().ok()).expect("a time");
            // (None before it: the word's own answer needed no row file.)
            assert!(
                (0.0..200.0).contains(&after),
                "{browser:?}: the first row file was asked for {after:.0} ms after the pointer came"
            );
            page.close().await;
        }
    });
}

#[test]
fn a_missing_corpus_file_is_a_clear_message_and_the_view_stays() {
    let dir = served_dist();
    term_files_fail_with(Site::serve_slowly(&dir, "/", Duration::from_millis(5), Some("/terms/")), "404");
}

#[test]
fn a_corpus_file_cut_off_in_transit_is_a_clear_message_and_the_view_stays() {
    // Half of every term file arrives: gzip's checksum and length catch it when it is inflated.
    term_files_fail_with(Site::serve_cut(&served_dist(), "/", "/terms/"), "damaged");
}

/// On a `site` whose term files fail, a search says so in a message naming the file and `says`,
/// and the last answer stays on screen, its chips with it.
fn term_files_fail_with(site: Site, says: &'static str) {
    let total = Native::open(&served_dist()).shelf.summary.doc_count;
    in_both_browsers(|browser| {
        let base = site.base.clone();
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            wait_count(&page, &count_line(total as usize, total), "the first view (no term file needed)").await;
            page.type_into("#search", "market").await;
            page.wait_until("document.getElementById('fetch-error')", "the message").await;
            let message = page.texts("#fetch-error p").await.join(" ");
            assert!(message.contains("/terms/") && message.contains(says), "{browser:?}: {message}");
            assert!(page.texts("#result-count").await.join("").starts_with(&count_line(total as usize, total)));
            assert!(page.count(".chip").await > 0, "{browser:?}");
            page.close().await;
        }
    });
}

#[test]
fn the_single_file_reads_a_served_corpus_when_hosted_and_from_disk_says_why_not_where_it_cannot() {
    let dir = served_dist();
    let total = Native::open(&dir).shelf.summary.doc_count;
    let site = Site::serve(&dir, "/");
    let file = format!("file://{}", dir.join("explorer.html").canonicalize().unwrap().display());
    in_both_browsers(|browser| {
        let (base, file) = (site.base.clone(), file.clone());
        async move {
            // Hosted beside its corpus files, the one file works like index.html.
            let page = Page::open(browser).await;
            page.goto(&format!("{base}explorer.html")).await;
            wait_count(&page, &count_line(total as usize, total), "the single file, hosted").await;
            assert_eq!(page.csp_violations().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
            // Opened from disk: Firefox lets a file read the files in its folder, so it works;
            // Chromium does not, and the page says what to do instead of staying blank.
            let page = Page::open(browser).await;
            page.goto(&file).await;
            if browser == Browser::Firefox {
                wait_count(&page, &count_line(total as usize, total), "the single file from disk").await;
            } else {
                page.wait_until("document.querySelector('.boot-error')", "the message").await;
                let message = page.texts("#boot-message").await.join("");
                assert!(message.contains("serve the folder"), "{browser:?}: {message}");
            }
            page.close().await;
        }
    });
}

#[test]
fn a_host_that_compresses_on_the_fly_serves_the_same_answers() {
    // The corpus's files are written gzip-compressed. A host that sends them as they are (the
    // other tests' server, `python3 -m http.server`) has the page inflate them; one that labels
    // them `Content-Encoding: gzip` has the browser do it, and the page gets plain bytes.
    let dir = served_dist();
    let mut native = Native::open(&dir);
    let total = native.shelf.summary.doc_count;
    let title = native.title(0);
    let word: String = title
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let by_word = native.answer(&Query { text: word.clone(), ..Query::default() });
    let chips = native.chips(&by_word);
    let site = Site::serve_encoded(&dir, "/");
    in_both_browsers(|browser| {
        let (base, word, chips, hits) = (site.base.clone(), word.clone(), chips.clone(), by_word.hits.len());
        async move {
            let page = Page::open(browser).await;
            page.goto(&base).await;
            wait_count(&page, &count_line(total as usize, total), "the first view").await;
            page.type_into("#search", &word).await;
            wait_count(&page, &count_line(hits, total), "the word").await;
            settled(&page, &chips, "the word").await;
            // The browser did inflate the term files: they came smaller than they decoded.
            let inflated = page
                .js("return performance.getEntriesByType('resource').filter(e => e.name.includes('/terms/') && e.encodedBodySize > 0 && e.encodedBodySize < e.decodedBodySize).length")
                .await;
            assert!(inflated.as_u64().unwrap_or(0) > 0, "{browser:?}: no term file came compressed");
            assert_eq!(page.errors().await, Vec::<String>::new(), "{browser:?}");
            page.close().await;
        }
    });
}
