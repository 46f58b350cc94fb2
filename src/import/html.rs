//! A web page saved from a news site, to an article: what the page says about itself (title,
//! date, site, address; from its meta tags, JSON-LD and markup) and its article text, found the
//! way reading modes do (a simplified Readability).
//!
//! The page is parsed by html5ever (through `scraper`) exactly as a browser would, so broken
//! markup, entities and scripts are handled as they are in a browser. The body is then:
//! 1. walked without what is never article text: scripts, styles, forms, navigation, asides,
//!    footers, page headers (an article's own header stays), hidden elements, and elements whose
//!    class, id or role says comments, related links, share bars, newsletter, cookie banners,
//!    ads, breadcrumbs or sidebars;
//! 2. the content root is chosen: the `<article>` with most paragraph text, else
//!    `[itemprop=articleBody]`, else `<main>` (each only when it holds at least a quarter of the
//!    page's paragraph text or of its whole text, so a small teaser `<article>` does not win),
//!    else the element whose paragraphs (`<p>` children, or `<div>`s of inline content, of 25
//!    characters or more; half for grandchildren) carry most text, with its siblings that score
//!    at least a fifth as much, else `<body>`;
//! 3. its text is written out a block (paragraph, heading, list item, quote...) per paragraph,
//!    a `<br>` as a line break, white space collapsed; a heading repeating the title goes.
//!
//! When the strict walk leaves nothing, tags alone decide (see `article_text`).
//!
//! Every walk keeps its own stack rather than recursing, so a page nested a million elements
//! deep cannot overflow the (small, in a Web Worker) stack.
use std::collections::{BTreeMap, HashMap};

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};
use serde_json::Value;

use super::front_matter::{read_date, DateRead, Fields};

/// What was read from a page. `body` is empty when the page has no article text.
#[derive(Debug, Default)]
pub struct Page {
    pub fields: Fields,
    pub body: String,
}

/// Whether text is an HTML page: it opens, after any byte-order mark, white space, comments
/// (browsers write `<!-- saved from url=... -->` first) and an XML declaration, with
/// `<!doctype html` or `<html`.
pub fn looks_like_html(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    for _ in 0..32 {
        let skip_to = if rest.starts_with("<!--") {
            "-->"
        } else if rest.starts_with("<?") {
            "?>"
        } else {
            break;
        };
        match rest.find(skip_to) {
            Some(end) => rest = rest[end + skip_to.len()..].trim_start(),
            None => return false,
        }
    }
    starts_with_ignore_case(rest, "<!doctype html") || starts_with_ignore_case(rest, "<html")
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Reads a whole page.
pub fn extract(text: &str) -> Page {
    let html = Html::parse_document(text);
    let head = HeadFacts::read(&html);
    let body_node = find_body(&html);
    let (mut body, time_date) = match body_node {
        Some(body) => article_text(body),
        None => (Vec::new(), None),
    };
    let title = head.title();
    if let Some(title) = &title {
        drop_repeated_title(&mut body, title);
    }
    let published_time = head.meta("article:published_time").map(str::to_string);
    let date = [published_time, time_date, head.ld_date.clone()]
        .into_iter()
        .flatten()
        .chain(NAMED_DATES.iter().filter_map(|name| head.meta(name).map(str::to_string)))
        .find_map(|raw| match read_date(&raw) {
            DateRead::Known(date) | DateRead::YearOnly(date) => Some(date),
            DateRead::Unknown => None,
        });
    let fields = Fields { title, date, source: head.source(), url: head.url() };
    let body = body.into_iter().map(|b| b.text).collect::<Vec<_>>().join("\n\n");
    Page { fields, body }
}

/// Text of an HTML fragment, such as a CSV cell or a JSON value holding an article's markup.
pub fn fragment_text(markup: &str) -> String {
    let html = Html::parse_fragment(markup);
    let root = html.root_element();
    let mut blocks = render(*root, true, Strictness::Strict).0;
    if blocks.is_empty() {
        blocks = render(*root, true, Strictness::Lenient).0;
    }
    blocks.into_iter().map(|b| b.text).collect::<Vec<_>>().join("\n\n")
}

/// Text of a fragment on one line: a title with entities or tags in a CSV cell or JSON value.
pub fn inline_text(markup: &str) -> String {
    let html = Html::parse_fragment(markup);
    let text: String = html.root_element().text().collect();
    collapse(&text)
}

/// Whether a value holds markup worth parsing rather than text to keep as is.
pub fn has_markup(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    ["</p>", "<p>", "<p ", "<br", "</div>", "</li>", "</h2>", "</a>", "</em>", "</strong>"]
        .iter()
        .any(|t| lower.contains(t))
}

/// Whether a one-line value has character references ("&amp;", "&#8217;") or tags to resolve.
pub fn has_entities_or_tags(value: &str) -> bool {
    value.contains('<') || value.match_indices('&').any(|(at, _)| value[at..].chars().take(12).any(|c| c == ';'))
}

// ---------------------------------------------------------------------------------------------
// What the page says about itself

/// Meta names that carry a publication date, after `article:published_time`, the article's
/// `<time>` and JSON-LD.
const NAMED_DATES: [&str; 12] = [
    "date", "pubdate", "publishdate", "publish-date", "publish_date", "datepublished", "dc.date", "dc.date.issued",
    "dcterms.date", "dcterms.issued", "sailthru.date", "parsely-pub-date",
];

#[derive(Default)]
struct HeadFacts {
    /// `(name or property, content)` of every `<meta>`, names lowercased, in page order.
    metas: Vec<(String, String)>,
    title_tag: Option<String>,
    first_h1: Option<String>,
    canonical: Option<String>,
    saved_from: Option<String>,
    ld_date: Option<String>,
    ld_headline: Option<String>,
    ld_publisher: Option<String>,
}

impl HeadFacts {
    fn read(html: &Html) -> HeadFacts {
        let mut facts = HeadFacts::default();
        for node in html.tree.root().descendants() {
            match node.value() {
                Node::Element(el) => facts.element(node, el),
                Node::Comment(comment) if facts.saved_from.is_none() => facts.saved_from = saved_from(comment),
                _ => {}
            }
        }
        facts
    }

    fn element(&mut self, node: NodeRef<'_, Node>, el: &scraper::node::Element) {
        match el.name() {
            "meta" => {
                let content = el.attr("content").map(str::trim).filter(|c| !c.is_empty());
                for key in ["property", "name", "itemprop"] {
                    if let (Some(name), Some(content)) = (el.attr(key), content) {
                        self.metas.push((name.trim().to_ascii_lowercase(), content.to_string()));
                    }
                }
            }
            "title" if self.title_tag.is_none() && parent_is(node, "head") => {
                self.title_tag = Some(collapse(&node_text(node))).filter(|t| !t.is_empty());
            }
            "h1" if self.first_h1.is_none() => {
                self.first_h1 = Some(collapse(&node_text(node))).filter(|t| !t.is_empty());
            }
            "link" if self.canonical.is_none() => {
                let canonical = el
                    .attr("rel")
                    .is_some_and(|rel| rel.split_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")));
                if canonical {
                    self.canonical = el.attr("href").and_then(web_address);
                }
            }
            "script" if el.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                self.json_ld(&node_text(node));
            }
            _ => {}
        }
    }

    /// The first JSON-LD object with a `datePublished` (or else a `headline`): top level, in an
    /// array, or in an `@graph`.
    fn json_ld(&mut self, script: &str) {
        if self.ld_date.is_some() {
            return;
        }
        let Ok(value) = serde_json::from_str::<Value>(script.trim()) else { return };
        let Some(object) = ld_article(&value, 0) else { return };
        let text = |key: &str| object.get(key).and_then(Value::as_str).map(collapse).filter(|s| !s.is_empty());
        self.ld_date = text("datePublished");
        self.ld_headline = self.ld_headline.take().or_else(|| text("headline"));
        let publisher =
            object.get("publisher").map(|p| if let Value::Array(items) = p { items.first() } else { Some(p) });
        let publisher_name = publisher.flatten().and_then(|p| p.get("name")).and_then(Value::as_str).map(collapse);
        self.ld_publisher = self.ld_publisher.take().or(publisher_name.filter(|s| !s.is_empty()));
    }

    fn meta(&self, name: &str) -> Option<&str> {
        self.metas.iter().find(|(n, _)| n == name).map(|(_, c)| c.as_str())
    }

    /// `og:title`, then `<title>` (without a " | Site" ending naming `og:site_name`), then the
    /// first `<h1>`, then JSON-LD's headline.
    fn title(&self) -> Option<String> {
        let site = self.meta("og:site_name").map(collapse);
        let strip = |t: String| match &site {
            Some(site) => strip_site_name(&t, site),
            None => t,
        };
        let og = self.meta("og:title").map(collapse).filter(|t| !t.is_empty());
        og.map(strip)
            .or_else(|| self.title_tag.clone().map(strip))
            .or_else(|| self.first_h1.clone())
            .or_else(|| self.ld_headline.clone())
    }

    fn source(&self) -> Option<String> {
        self.meta("og:site_name").map(collapse).filter(|s| !s.is_empty()).or_else(|| self.ld_publisher.clone())
    }

    /// `<link rel=canonical>`, `og:url`, then the address a browser noted when saving the page.
    fn url(&self) -> Option<String> {
        self.canonical.clone().or_else(|| self.meta("og:url").and_then(web_address)).or_else(|| self.saved_from.clone())
    }
}

fn ld_article(value: &Value, depth: usize) -> Option<&serde_json::Map<String, Value>> {
    const MAX_DEPTH: usize = 4;
    if depth > MAX_DEPTH {
        return None;
    }
    match value {
        Value::Object(o) if o.contains_key("datePublished") => Some(o),
        Value::Object(o) => {
            o.get("@graph").and_then(|g| ld_article(g, depth + 1)).or_else(|| o.contains_key("headline").then_some(o))
        }
        Value::Array(items) => {
            let found: Vec<_> = items.iter().filter_map(|v| ld_article(v, depth + 1)).collect();
            found.iter().find(|o| o.contains_key("datePublished")).or(found.first()).copied()
        }
        _ => None,
    }
}

/// `Headline | Site` → `Headline` when `Site` is the site's name (also with -, –, —, ·).
fn strip_site_name(title: &str, site: &str) -> String {
    for separator in [" | ", " - ", " – ", " — ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            if tail.trim().to_lowercase() == site.trim().to_lowercase() && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// The address in `<!-- saved from url=(0043)https://... -->`.
fn saved_from(comment: &str) -> Option<String> {
    let (_, rest) = comment.split_once("saved from url=")?;
    let rest = rest.trim_start_matches('(').trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches(')');
    web_address(rest.split_whitespace().next()?)
}

/// Only absolute web addresses: a relative one says nothing once the page is out of its site.
fn web_address(value: &str) -> Option<String> {
    let value = value.trim();
    let lower = value.get(..8).unwrap_or(value).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then(|| value.to_string())
}

fn parent_is(node: NodeRef<'_, Node>, name: &str) -> bool {
    node.parent().and_then(|p| p.value().as_element().map(|e| e.name() == name)).unwrap_or(false)
}

/// All the text under a node (scripts included: used for `<title>`, `<h1>` and JSON-LD).
fn node_text(node: NodeRef<'_, Node>) -> String {
    node.descendants().filter_map(|n| n.value().as_text().map(|t| &**t)).collect()
}

fn find_body(html: &Html) -> Option<NodeRef<'_, Node>> {
    html.root_element().children().find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
}

// ---------------------------------------------------------------------------------------------
// The article text

/// One paragraph of output, with the element that closed it (to recognise a repeated title).
#[derive(Debug)]
struct Block {
    text: String,
    tag: String,
}

/// Whether class, id and role rules apply; without them only tags are dropped (the fallback for
/// a page whose every container has a suspicious class).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Strictness {
    Strict,
    Lenient,
}

/// The article's blocks and the first date a `<time datetime>` in it gives. When the strict
/// walk finds nothing, tags alone decide (every container may carry a suspicious class such as
/// "social-wrapper"), but only a real text counts then: a few words left in a page of furniture
/// ("Nice!" in a comment) are not an article.
fn article_text(body: NodeRef<'_, Node>) -> (Vec<Block>, Option<String>) {
    const LENIENT_MIN_CHARS: usize = 50;
    let roots = choose_roots(body);
    let is_body = roots.iter().any(|root| root.id() == body.id());
    let (mut blocks, mut date) = (Vec::new(), None);
    for root in roots {
        let (more, root_date) = render(root, !is_body, Strictness::Strict);
        blocks.extend(more);
        date = date.or(root_date);
    }
    if !blocks.is_empty() {
        return (blocks, date);
    }
    let (blocks, body_date) = if is_body { (blocks, None) } else { render(body, false, Strictness::Strict) };
    if !blocks.is_empty() {
        return (blocks, date.or(body_date));
    }
    let (blocks, lenient_date) = render(body, false, Strictness::Lenient);
    if blocks.iter().map(|b| word_chars(&b.text)).sum::<usize>() < LENIENT_MIN_CHARS {
        return (Vec::new(), None);
    }
    (blocks, date.or(body_date).or(lenient_date))
}

/// Paragraph text (in `<p>`) and all text of an element, in characters of words.
#[derive(Clone, Copy, Default)]
struct Amount {
    paragraphs: usize,
    all: usize,
}

/// Paragraphs shorter than this (characters of words) do not score: captions, bylines, buttons.
const SHORT_PARAGRAPH: usize = 25;

/// The content root (or roots: see [`with_scored_siblings`]), as the module documentation
/// describes.
fn choose_roots(body: NodeRef<'_, Node>) -> Vec<NodeRef<'_, Node>> {
    let mut open: Vec<(NodeId, Amount, bool)> = Vec::new(); // (element, its text, is a paragraph)
    let mut in_paragraph = 0usize;
    let mut candidates: Vec<(NodeId, Kind, Amount)> = Vec::new();
    let mut scores: BTreeMap<NodeId, usize> = BTreeMap::new();
    let mut page = Amount::default();
    walk(body, false, Strictness::Strict, |step| match step {
        Step::Open(node, el) => {
            let paragraph = is_paragraph(node, el);
            in_paragraph += usize::from(paragraph);
            open.push((node.id(), Amount::default(), paragraph));
        }
        Step::Text(text) => {
            let n = word_chars(text);
            if let Some((_, amount, _)) = open.last_mut() {
                amount.all += n;
                if in_paragraph > 0 {
                    amount.paragraphs += n;
                }
            }
        }
        Step::Close(el) => {
            let Some((id, amount, paragraph)) = open.pop() else { return };
            if paragraph {
                in_paragraph = in_paragraph.saturating_sub(1);
                if amount.paragraphs >= SHORT_PARAGRAPH {
                    let depth = open.len();
                    if let Some(&(parent, _, _)) = open.get(depth.wrapping_sub(1)) {
                        *scores.entry(parent).or_default() += amount.paragraphs;
                    }
                    if let Some(&(grandparent, _, _)) = open.get(depth.wrapping_sub(2)) {
                        *scores.entry(grandparent).or_default() += amount.paragraphs / 2;
                    }
                }
            }
            if let Some(kind) = container_kind(el) {
                candidates.push((id, kind, amount));
            }
            match open.last_mut() {
                Some((_, outer, _)) => {
                    outer.paragraphs += amount.paragraphs;
                    outer.all += amount.all;
                }
                None => page = amount,
            }
        }
    });
    let holds_enough = |a: &Amount| a.all > 0 && (a.paragraphs * 4 >= page.paragraphs || a.all * 4 >= page.all);
    let get = |id: NodeId| body.tree().get(id);
    let best_article = candidates.iter().filter(|(_, kind, a)| *kind == Kind::Article && holds_enough(a)).fold(
        None::<&(NodeId, Kind, Amount)>,
        |best, c| match best {
            Some(b) if (b.2.paragraphs, b.2.all) >= (c.2.paragraphs, c.2.all) => Some(b),
            _ => Some(c),
        },
    );
    let first_of = |wanted: Kind| candidates.iter().find(|(_, kind, a)| *kind == wanted && holds_enough(a));
    let by_kind = best_article.or_else(|| first_of(Kind::ArticleBody)).or_else(|| first_of(Kind::Main));
    if let Some(node) = by_kind.and_then(|&(id, _, _)| get(id)) {
        return vec![node];
    }
    let best_scored = scores.iter().fold(None::<(NodeId, usize)>, |best, (&id, &score)| match best {
        Some((_, s)) if s >= score => best,
        _ => Some((id, score)),
    });
    match best_scored.and_then(|(id, score)| Some((get(id)?, score))) {
        Some((best, score)) => with_scored_siblings(best, score, &scores),
        None => vec![body],
    }
}

/// The best-scored element and, in page order, its siblings scoring at least a fifth of it: an
/// article cut into sections ("step 1", "step 2", each its own container) is read whole.
fn with_scored_siblings<'a>(
    best: NodeRef<'a, Node>,
    score: usize,
    scores: &BTreeMap<NodeId, usize>,
) -> Vec<NodeRef<'a, Node>> {
    let Some(parent) = best.parent() else { return vec![best] };
    let threshold = (score / 5).max(SHORT_PARAGRAPH);
    parent
        .children()
        .filter(|child| child.id() == best.id() || scores.get(&child.id()).is_some_and(|&s| s >= threshold))
        .collect()
}

/// A `<p>`, or a `<div>` holding only text and inline elements: many sites and editors write
/// paragraphs as such divs (Readability reads them as paragraphs too).
fn is_paragraph(node: NodeRef<'_, Node>, el: &scraper::node::Element) -> bool {
    match el.name() {
        "p" => true,
        "div" => node.children().all(|child| child.value().as_element().is_none_or(|e| !is_block(e.name()))),
        _ => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Article,
    ArticleBody,
    Main,
}

fn container_kind(el: &scraper::node::Element) -> Option<Kind> {
    if el.name() == "article" {
        Some(Kind::Article)
    } else if el.attr("itemprop").is_some_and(|p| p.split_whitespace().any(|t| t.eq_ignore_ascii_case("articleBody"))) {
        Some(Kind::ArticleBody)
    } else if el.name() == "main" || el.attr("role").is_some_and(|r| r.trim().eq_ignore_ascii_case("main")) {
        Some(Kind::Main)
    } else {
        None
    }
}

/// Characters of words in a text (white space does not count).
fn word_chars(text: &str) -> usize {
    text.split_whitespace().map(str::len).sum()
}

/// Writes out the blocks under `root`; `keep_header`: whether `<header>` elements are the
/// article's own (under an article root) rather than the site's.
fn render(root: NodeRef<'_, Node>, keep_header: bool, strictness: Strictness) -> (Vec<Block>, Option<String>) {
    let mut blocks = Vec::new();
    let mut lines = vec![String::new()]; // the current block, one entry per `<br>`-separated line
    let mut date = None;
    walk(root, keep_header, strictness, |step| match step {
        Step::Open(_, el) => {
            if el.name() == "br" {
                lines.push(String::new());
            } else if is_block(el.name()) {
                flush(&mut lines, "", &mut blocks);
            }
            if date.is_none() {
                date = element_date(el);
            }
        }
        Step::Text(text) => {
            if let Some(line) = lines.last_mut() {
                line.push_str(text);
            }
        }
        Step::Close(el) => {
            if is_block(el.name()) {
                flush(&mut lines, el.name(), &mut blocks);
            }
        }
    });
    flush(&mut lines, "", &mut blocks);
    (blocks, date)
}

/// A `<time datetime>` or an `itemprop=datePublished` element, when its value is a date.
fn element_date(el: &scraper::node::Element) -> Option<String> {
    let published = el.attr("itemprop").is_some_and(|p| p.trim().eq_ignore_ascii_case("datePublished"));
    let raw = match el.name() {
        "time" => el.attr("datetime"),
        _ if published => el.attr("datetime").or(el.attr("content")),
        _ => None,
    }?;
    match read_date(raw) {
        DateRead::Known(date) => Some(date),
        _ => None,
    }
}

/// Ends the current block: its lines with white space collapsed, empty ones left out.
fn flush(lines: &mut Vec<String>, tag: &str, blocks: &mut Vec<Block>) {
    let kept: Vec<String> = lines.iter().map(|l| collapse(l)).filter(|l| !l.is_empty()).collect();
    if !kept.is_empty() {
        blocks.push(Block { text: kept.join("\n"), tag: tag.to_string() });
    }
    lines.clear();
    lines.push(String::new());
}

/// The title is in the front matter: an `<h1>` or first block saying the same goes.
fn drop_repeated_title(blocks: &mut Vec<Block>, title: &str) {
    let title = comparable(title);
    let mut first = true;
    blocks.retain(|b| {
        let repeated = (first || b.tag == "h1") && comparable(&b.text) == title;
        first = false;
        !repeated
    });
}

fn comparable(text: &str) -> String {
    collapse(text).to_lowercase()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_block(name: &str) -> bool {
    const BLOCKS: [&str; 36] = [
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
    ];
    BLOCKS.contains(&name)
}

// ---------------------------------------------------------------------------------------------
// Walking the visible tree

enum Step<'a> {
    Open(NodeRef<'a, Node>, &'a scraper::node::Element),
    Close(&'a scraper::node::Element),
    Text(&'a str),
}

/// Depth-first over `root` and what it shows, skipping dropped elements with all they hold.
/// A `<header>` is kept under an article (`keep_header`, or inside an `<article>`, `<main>` or
/// `articleBody` met on the way). A class, id or role that says furniture drops an element only
/// when it holds at most half of the text under `root`: wrappers named after the layout ("panel
/// two-col-sidebar-right", "nav-drawer") or a widget hooked onto them ("share-buttons-parent")
/// hold the whole article, furniture does not.
fn walk<'a>(root: NodeRef<'a, Node>, keep_header: bool, strictness: Strictness, mut visit: impl FnMut(Step<'a>)) {
    let sizes = if strictness == Strictness::Strict { text_sizes(root) } else { HashMap::new() };
    let size = |node: NodeRef<'_, Node>| sizes.get(&node.id()).copied().unwrap_or(0);
    let whole = size(root);
    let mut stack: Vec<(NodeRef<'a, Node>, bool)> = vec![(root, false)]; // (node, closing)
    let mut in_article = 0usize;
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Element(el) if closing => {
                in_article = in_article.saturating_sub(usize::from(container_kind(el).is_some()));
                visit(Step::Close(el));
            }
            Node::Element(el) => {
                let header_ok = keep_header || in_article > 0;
                let furniture =
                    || strictness == Strictness::Strict && is_marked_furniture(el) && size(node) * 2 <= whole;
                if node.id() != root.id() && (is_never_text(el, header_ok) || furniture()) {
                    continue;
                }
                in_article += usize::from(container_kind(el).is_some());
                visit(Step::Open(node, el));
                stack.push((node, true));
                stack.extend(node.children().rev().map(|child| (child, false)));
            }
            Node::Text(text) => visit(Step::Text(text)),
            Node::Document | Node::Fragment => stack.extend(node.children().rev().map(|child| (child, false))),
            _ => {}
        }
    }
}

/// Characters of words under each element of `root` (scripts and styles aside), by node.
fn text_sizes(root: NodeRef<'_, Node>) -> HashMap<NodeId, usize> {
    let mut sizes = HashMap::new();
    let mut open: Vec<(NodeId, usize)> = Vec::new();
    let mut stack = vec![(root, false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Element(_) if closing => {
                let Some((id, n)) = open.pop() else { continue };
                sizes.insert(id, n);
                if let Some((_, outer)) = open.last_mut() {
                    *outer += n;
                }
            }
            Node::Element(el) if !matches!(el.name(), "script" | "style" | "noscript" | "template") => {
                open.push((node.id(), 0));
                stack.push((node, true));
                stack.extend(node.children().rev().map(|child| (child, false)));
            }
            Node::Text(text) => {
                if let Some((_, n)) = open.last_mut() {
                    *n += word_chars(text);
                }
            }
            Node::Document | Node::Fragment => stack.extend(node.children().rev().map(|child| (child, false))),
            _ => {}
        }
    }
    sizes
}

/// Tags that never hold article text.
const DROPPED_TAGS: [&str; 24] = [
    "script", "style", "noscript", "template", "svg", "nav", "aside", "footer", "form", "button", "iframe", "object",
    "embed", "canvas", "video", "audio", "select", "textarea", "input", "dialog", "menu", "head", "picture", "math",
];

/// Roles of page furniture.
const DROPPED_ROLES: [&str; 9] =
    ["navigation", "complementary", "contentinfo", "banner", "search", "dialog", "alertdialog", "menu", "menubar"];

/// Whole class names of text meant only for screen readers ("Share on ...", "Opens in a new
/// window") or hidden.
const HIDDEN_CLASSES: [&str; 7] =
    ["sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screen-reader-only", "hidden", "d-none"];

/// Words of a class or id that mark page furniture, matched whole.
const JUNK_WORDS: [&str; 27] = [
    "share", "shares", "sharebar", "sharetools", "sharing", "ad", "ads", "adslot", "adunit", "adsense", "consent",
    "gdpr", "sidebar", "nav", "navbar", "navigation", "menu", "footer", "pagination", "pager", "modal", "popup",
    "toolbar", "trending", "mostread", "signup", "masthead",
];

/// Beginnings of such words ("relatedArticles", "newsletter-signup", "advertisement").
const JUNK_STEMS: [&str; 13] = [
    "related", "social", "newsletter", "promo", "advert", "cookie", "breadcrumb", "subscri", "sponsor", "recommend",
    "outbrain", "taboola", "disqus",
];

/// Comment sections, matched whole: "commentary" is an article type and "commented" a state.
const COMMENT_WORDS: [&str; 7] =
    ["comment", "comments", "commentlist", "commentform", "commenting", "commentsection", "commentbox"];

/// Class names that only describe a page's layout ("has-sidebar", "with-comments", "no-ads").
const MODIFIER_WORDS: [&str; 7] = ["has", "with", "without", "no", "show", "is", "enable"];

/// Tags that never hold text, a site's own `<header>` and hidden elements.
fn is_never_text(el: &scraper::node::Element, header_ok: bool) -> bool {
    let name = el.name();
    DROPPED_TAGS.contains(&name) || (name == "header" && !header_ok) || is_hidden(el)
}

/// A role, class or id that says page furniture (never on `<body>` or `<html>`, whose classes
/// describe the whole page: "has-comments", "no-sidebars").
fn is_marked_furniture(el: &scraper::node::Element) -> bool {
    if matches!(el.name(), "body" | "html") {
        return false;
    }
    if el.attr("itemprop").is_some_and(|p| p.split_whitespace().any(|t| t.eq_ignore_ascii_case("articleBody"))) {
        return false;
    }
    let role = el.attr("role").map(|r| r.trim().to_ascii_lowercase());
    if role.is_some_and(|r| DROPPED_ROLES.contains(&r.as_str())) {
        return true;
    }
    let class = el.attr("class").unwrap_or("");
    class.split_whitespace().any(is_junk_name) || el.attr("id").is_some_and(is_junk_name)
}

fn is_hidden(el: &scraper::node::Element) -> bool {
    let style: String = el.attr("style").unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect();
    let style = style.to_ascii_lowercase();
    let class_hidden = el
        .attr("class")
        .is_some_and(|c| c.split_whitespace().any(|name| HIDDEN_CLASSES.iter().any(|h| h.eq_ignore_ascii_case(name))));
    el.attr("hidden").is_some() || style.contains("display:none") || style.contains("visibility:hidden") || class_hidden
}

/// A class name or id whose words say page furniture (see the word lists above).
fn is_junk_name(name: &str) -> bool {
    let words = words_of(name);
    if words.first().is_some_and(|w| MODIFIER_WORDS.contains(&w.as_str())) {
        return false;
    }
    words.iter().any(|w| {
        JUNK_WORDS.contains(&w.as_str())
            || COMMENT_WORDS.contains(&w.as_str())
            || JUNK_STEMS.iter().any(|s| w.starts_with(s))
    })
}

/// Lowercase words of a class name or id: split at non-alphanumerics and camelCase humps.
fn words_of(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> Page {
        extract(html)
    }

    const NEWS_PAGE: &str = r#"<!-- saved from url=(0040)https://news.example.test/orvel-plant -->
<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Orvel opens a plant in Lisbon | Zentaro Daily</title>
<meta property="og:site_name" content="Zentaro Daily">
<meta property="og:url" content="https://news.example.test/orvel-plant?utm=x">
<link rel="canonical" href="https://news.example.test/orvel-plant">
<script>var ads = "Buy now";</script>
<style>p { color: red }</style>
</head><body class="single has-sidebar">
<header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a></nav><p>Zentaro Daily, the paper of record</p></header>
<div class="breadcrumbs"><a href="/">Home</a> › Business</div>
<main>
<article class="post">
<header><h1>Orvel opens a plant in Lisbon</h1>
<p class="byline">By Ana Costa, <time datetime="2016-05-14T09:30:00+01:00">May 14</time></p></header>
<div class="share-bar"><a>Share on Facebook</a><a>Tweet</a></div>
<p>Orvel &amp; Partners opened a factory in Lisbon on Friday, its first outside the country.</p>
<figure><img src="x.jpg" alt="The plant"><figcaption>The new plant, seen from the river.</figcaption></figure>
<p>The plant   employs
 400 people.<span class="sr-only">Opens in a new window</span></p>
<h2>Expansion</h2>
<ul><li>A second line in 2017.</li><li>Exports to Spain.</li></ul>
<blockquote><p>“We are here to stay,” said Ana Costa.</p></blockquote>
<div class="ad-slot">ADVERTISEMENT</div>
<aside class="related-articles"><h3>Related</h3><p>Another story entirely about other matters.</p></aside>
<footer class="article-footer">Tags: industry</footer>
</article>
<section id="comments"><h3>12 comments</h3><p>First comment here, long enough to count as a paragraph.</p></section>
</main>
<div id="newsletterSignup"><p>Get our newsletter every morning in your inbox, for free.</p></div>
<div class="cookie-banner">We use cookies.</div>
<footer>© Zentaro Daily</footer>
</body></html>"#;

    #[test]
    fn a_news_page_gives_its_fields_and_only_its_article_text() {
        let p = page(NEWS_PAGE);
        assert_eq!(p.fields.title.as_deref(), Some("Orvel opens a plant in Lisbon"));
        assert_eq!(p.fields.date.as_deref(), Some("2016-05-14"));
        assert_eq!(p.fields.source.as_deref(), Some("Zentaro Daily"));
        assert_eq!(p.fields.url.as_deref(), Some("https://news.example.test/orvel-plant"));
        assert_eq!(
            p.body,
            "By Ana Costa, May 14\n\n\
             Orvel & Partners opened a factory in Lisbon on Friday, its first outside the country.\n\n\
             The new plant, seen from the river.\n\n\
             The plant employs 400 people.\n\n\
             Expansion\n\n\
             A second line in 2017.\n\n\
             Exports to Spain.\n\n\
             “We are here to stay,” said Ana Costa."
        );
    }

    #[test]
    fn og_meta_and_json_ld_fill_what_markup_lacks() {
        let html = r#"<html><head>
<meta property="og:title" content="Zentaro Corp buys Orvel - Wire Today">
<meta property="og:site_name" content="Wire Today">
<meta property="og:url" content="https://wire.example.test/a">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Wire Today"},
 {"@type":"NewsArticle","headline":"Zentaro Corp buys Orvel","datePublished":"2017-03-02T08:00:00Z"}]}</script>
</head><body><div id="story"><p>Zentaro Corp agreed to buy Orvel for an undisclosed sum, the companies said.</p></div></body></html>"#;
        let p = page(html);
        assert_eq!(p.fields.title.as_deref(), Some("Zentaro Corp buys Orvel"));
        assert_eq!(p.fields.date.as_deref(), Some("2017-03-02"));
        assert_eq!(p.fields.url.as_deref(), Some("https://wire.example.test/a"));
        assert_eq!(p.body, "Zentaro Corp agreed to buy Orvel for an undisclosed sum, the companies said.");
    }

    #[test]
    fn date_sources_in_order_and_named_meta_dates() {
        let meta_first = r#"<html><head><meta property="article:published_time" content="2015-01-02T00:00:00Z">
<meta name="date" content="2014-01-01"></head><body><article><time datetime="2016-01-01">x</time><p>Some body text that is long enough.</p></article></body></html>"#;
        assert_eq!(page(meta_first).fields.date.as_deref(), Some("2015-01-02"));
        let named = r#"<html><head><meta name="DC.date" content="14 May 2016"></head><body><p>Body text of a page.</p></body></html>"#;
        assert_eq!(page(named).fields.date.as_deref(), Some("2016-05-14"));
        let array_ld = r#"<html><head><script type="application/ld+json">[{"@type":"Organization"},{"@type":"Article","datePublished":"2012-07-09"}]</script></head><body><p>Text.</p></body></html>"#;
        assert_eq!(page(array_ld).fields.date.as_deref(), Some("2012-07-09"));
        let none = "<html><body><p>No date here.</p></body></html>";
        assert_eq!(page(none).fields.date, None);
    }

    #[test]
    fn title_falls_back_to_the_title_tag_then_h1_and_is_not_repeated() {
        let tag = "<html><head><title>Just a title - Elsewhere</title></head><body><p>Text.</p></body></html>";
        assert_eq!(page(tag).fields.title.as_deref(), Some("Just a title - Elsewhere"));
        let h1 = "<html><body><h1>Heading One</h1><p>Body paragraph.</p></body></html>";
        let p = page(h1);
        assert_eq!(p.fields.title.as_deref(), Some("Heading One"));
        assert_eq!(p.body, "Body paragraph.");
        let svg_title = "<html><body><svg><title>icon</title></svg><p>Text.</p></body></html>";
        assert_eq!(page(svg_title).fields.title, None);
    }

    #[test]
    fn the_richest_article_wins_and_teasers_do_not() {
        let long = "Ana Costa reported that the factory would open next spring after delays. ".repeat(6);
        let html = format!(
            "<html><body><article><p>Teaser one about something else.</p></article>\
             <article><h1>Main</h1><p>{long}</p><p>{long}</p></article>\
             <article><p>Teaser two.</p></article></body></html>"
        );
        let body = page(&html).body;
        assert!(body.starts_with("Ana Costa reported"), "{body}");
        assert!(!body.contains("Teaser"));
    }

    #[test]
    fn without_article_or_main_the_paragraph_richest_container_is_chosen() {
        let long = "Orvel said revenue rose by a tenth in the quarter to the end of March. ".repeat(3);
        let html = format!(
            "<html><body><div class=\"top\"><p>Short menu text.</p><p>Login</p></div>\
             <div class=\"c\"><div class=\"story\"><p>{long}</p><p>{long}</p><p>{long}</p></div></div>\
             <div class=\"bottom\"><p>Copyright notice for the site, all rights reserved here.</p></div></body></html>"
        );
        let body = page(&html).body;
        assert_eq!(body.matches("Orvel said").count(), 9, "{body}");
        assert!(!body.contains("Copyright") && !body.contains("menu"), "{body}");
    }

    #[test]
    fn an_article_in_sibling_sections_is_read_whole() {
        let long = "Ana Costa planted the seedlings in a shallow dish of wet gravel and moss. ";
        let html = format!(
            "<html><body><div class=\"c\"><div class=\"s1\"><p>{long}</p><p>{long}</p></div>\
             <div class=\"s2\"><p>Step two. {long}</p></div><div class=\"s3\"><p>Tiny.</p></div></div></body></html>"
        );
        let body = page(&html).body;
        assert!(body.contains("Step two.") && !body.contains("Tiny."), "{body}");
    }

    #[test]
    fn item_prop_article_body_and_line_breaks() {
        let html = r#"<html><body><div class="x"><p>Outside text that is fairly long for a paragraph.</p></div>
<div itemprop="articleBody">First line<br>second line<br><br>Third</div></body></html>"#;
        assert_eq!(page(html).body, "First line\nsecond line\nThird");
    }

    #[test]
    fn a_page_of_furniture_only_has_no_body() {
        let html = "<html><body><nav>Home News</nav><div class=\"comments\"><p>Nice!</p></div><footer>©</footer></body></html>";
        assert_eq!(page(html).body, "");
        assert_eq!(page("<html><head><title>T</title></head><body></body></html>").body, "");
    }

    #[test]
    fn when_every_container_looks_like_furniture_tags_alone_decide() {
        let text = "The only text of the page is here, inside a wrapper whose class looks like a share bar.";
        let html = format!("<html><body><div class=\"social-wrapper\"><p>{text}</p></div></body></html>");
        assert_eq!(page(&html).body, text);
    }

    #[test]
    fn class_words_are_matched_whole_or_by_stem() {
        for junk in
            ["comments", "article-comments", "relatedArticles", "share", "ad-slot", "NewsletterBox", "cookie-notice"]
        {
            assert!(is_junk_name(junk), "{junk}");
        }
        for fine in [
            "commentary", "commented", "has-sidebar", "with-comments", "header", "shared-content", "load", "post",
            "lead",
        ] {
            assert!(!is_junk_name(fine), "{fine}");
        }
        assert_eq!(words_of("relatedArticles-box2"), vec!["related", "articles", "box2"]);
    }

    #[test]
    fn site_names_leave_titles_and_saved_pages_keep_their_address() {
        assert_eq!(strip_site_name("Orvel grows – Zentaro Daily", "zentaro daily"), "Orvel grows");
        assert_eq!(strip_site_name("Orvel grows | Other", "Zentaro Daily"), "Orvel grows | Other");
        assert_eq!(strip_site_name(" | Zentaro Daily", "Zentaro Daily"), " | Zentaro Daily");
        let saved =
            "<!-- saved from url=(0031)https://orvel.example.test/a -->\n<html><body><p>Text.</p></body></html>";
        assert_eq!(page(saved).fields.url.as_deref(), Some("https://orvel.example.test/a"));
        let relative = r#"<html><head><link rel="canonical" href="/a"></head><body><p>Text.</p></body></html>"#;
        assert_eq!(page(relative).fields.url, None);
    }

    #[test]
    fn hidden_and_role_marked_furniture_is_dropped_and_the_site_header_too() {
        let html = r#"<html><body><header><p>Site slogan, long enough to look like a paragraph.</p></header>
<div role="navigation"><p>Sections: World, Business, Sport, Culture, Opinion.</p></div>
<div hidden><p>Hidden text of some length, not to be shown.</p></div>
<div style="display: none"><p>Also hidden text of some length.</p></div>
<p>The story itself, told in one paragraph that is long enough.</p></body></html>"#;
        assert_eq!(page(html).body, "The story itself, told in one paragraph that is long enough.");
    }

    #[test]
    fn sniffing_html() {
        assert!(looks_like_html("\u{feff}  <!DOCTYPE HTML><html>"));
        assert!(looks_like_html("<!-- saved from url=(0014)about:internet -->\n<html>"));
        assert!(looks_like_html("<?xml version=\"1.0\"?>\n<HTML xmlns=\"x\">"));
        assert!(!looks_like_html("<p>fragment</p>"));
        assert!(!looks_like_html("Text mentioning <html> later"));
        assert!(!looks_like_html("<!-- unterminated"));
    }

    #[test]
    fn fragments_and_inline_values() {
        assert_eq!(fragment_text("<p>One &amp; two.</p><p>Three</p>"), "One & two.\n\nThree");
        assert_eq!(inline_text("Orvel&#8217;s <em>plan</em>"), "Orvel’s plan");
        assert!(has_markup("<P>x</P>") && !has_markup("a < b"));
        assert!(has_entities_or_tags("A &amp; B") && !has_entities_or_tags("A & B"));
    }

    #[test]
    fn very_deep_nesting_does_not_overflow_the_stack() {
        let depth = 5_000;
        let html =
            format!("<html><body>{}<p>Deep text.</p>{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
        let worker = std::thread::Builder::new().stack_size(256 * 1024).spawn(move || extract(&html).body);
        assert_eq!(worker.expect("thread").join().expect("no overflow"), "Deep text.");
    }
}
