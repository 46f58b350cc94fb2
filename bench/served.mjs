// The served corpus in a real browser (issue 18): a site whose corpus is files beside the page
// (scripts/build-site.sh above 1 000 articles). Run by `BENCH_SERVED=<site dir> bash scripts/bench.sh`,
// or directly:
//
//   node bench/served.mjs --site target/bench-sites/served-100000 [--runs 5] [--out bench-out]
//
// Measures, in headless Chromium over localhost (bench/server.mjs: no compression, so brotli
// sizes are computed here per response with node:zlib at quality 11; the "raw" bytes are what a
// host that compresses nothing sends, and since the corpus files are written gzip-compressed,
// brotli over them gains next to nothing):
// - cold load: navigation start → the chips with their counts, the timeline's bars and the first
//   row painted; bytes transferred for it (every response of the load);
// - keystroke → settled: the benchmark's queries (bench/corpus.mjs) typed one key at a time;
//   a keystroke is settled when the results section is no longer `aria-busy` (the page's fetch
//   loop has answered the view, its fetches included) and a frame has been painted; timed in
//   the page from the event (bench/probe.mjs, as in Firefox), the driver's view beside it;
// - chip click → settled (the first two chips at start, then under each query), and article
//   open → its title painted;
// - a name correction: two chips merged (edit mode, select both, Merge) → settled, and undone.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";
import { queries, sampleDocs } from "./corpus.mjs";
import { ROOT, opt, flag } from "./cli.mjs";
import { SERVED_INIT, SETTLED } from "./probe.mjs";

const siteDir = path.resolve(ROOT, opt("site", "target/bench-sites/served-100000"));
const runs = Number(opt("runs", "5"));
const outDir = path.resolve(ROOT, opt("out", "bench-out"));
// The corpus the site was built from, sampled, for the benchmark's selective word.
const corpusDir = path.resolve(ROOT, opt("corpus", `target/synth/${path.basename(siteDir).split("-").pop()}`));
const chromePath = opt("chromium", process.env.CHROMIUM ?? "/usr/bin/chromium");
// --http2: served over HTTP/2 (TLS, self-signed), as static hosts and CDNs serve; else HTTP/1.1.
const http2 = flag("http2");
// --read MS: the reader looks at each query's answer for MS ms before clicking a chip (default
// 0: at once). A served page fetches some files in the background meanwhile.
const readMs = Number(opt("read", "0"));
// --reach MS: the pointer moves onto the first chip the moment the answer settles and clicks it
// MS ms later, as a hand reaching for it (the page starts the rows on pointing; default 0).
const reachMs = Number(opt("reach", "0"));
fs.mkdirSync(outDir, { recursive: true });

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const median = (xs) => quantile(xs, 0.5);

const brotliCache = new Map();
/** Brotli (q11) bytes of a served file, by its URL path. */
function brotli(urlPath) {
  if (!brotliCache.has(urlPath)) {
    const file = path.join(siteDir, decodeURIComponent(urlPath.replace(/^\/site\//, "")));
    const body = fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : Buffer.alloc(0);
    brotliCache.set(urlPath, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
  }
  return brotliCache.get(urlPath);
}
const bytesOf = (entries) => ({
  raw: entries.reduce((n, e) => n + e.bytes, 0),
  brotli: entries.reduce((n, e) => n + (e.status === 200 ? brotli(e.path) : 0), 0),
  files: entries.length,
});

// Functions, not strings: the page's CSP forbids evaluating strings.
const FIRST_VIEW = () => {
  const r = document.querySelector(".results");
  return !!(document.querySelector(".chip") && document.querySelector(".month-bar") && document.querySelector(".result-title"))
    && !!r && r.getAttribute("aria-busy") === "false";
};

/** Waits for the view to settle, then one painted frame; returns performance.now() then. */
async function settle(page) {
  await page.waitForFunction(SETTLED, null, { polling: "raf", timeout: 120000 });
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
}

const server = await serve([["/site/", siteDir]], 0, { http2 });
const browser = await chromium.launch({ executablePath: chromePath, headless: true, args: ["--no-sandbox"] });
const version = browser.version();
const entry = JSON.parse(fs.readFileSync(path.join(siteDir, "corpus/corpus.json"), "utf8"));
const protocol = http2 ? "HTTP/2 over TLS" : "HTTP/1.1";
const result = { site: path.relative(ROOT, siteDir), documents: entry.documents, browser: `Chromium ${version}`, protocol, cold: [], keys: [], chips: [], opens: [], events: [], cooccur: [], stories: [], downloads: [], corrections: [] };
try {
  // Cold loads, each in a fresh context (empty cache).
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const from = server.log.length;
    await page.goto(`${server.url}/site/`);
    await page.waitForFunction(FIRST_VIEW, null, { polling: "raf", timeout: 120000 });
    const interactive = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
    result.cold.push({ interactive, ...bytesOf(server.log.slice(from)) });
    await context.close();
  }
  // Typing, chips and the reader: one page, its cache kept, as a reader uses it.
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  // The keystrokes and chip clicks are timed inside the page, as in Firefox (bench/probe.mjs);
  // injected by the browser's debugger, so the page's CSP is left as it is.
  await context.addInitScript({ content: SERVED_INIT });
  const page = await context.newPage();
  // One interaction timed in the page (event → settled and painted), and as seen from here
  // (before the driver's call → settled), which adds the driver's round trips and, for a
  // click, Playwright's checks that the element holds still.
  const timed = async (act) => {
    await page.evaluate(() => window.__served.arm());
    const t0 = await page.evaluate(() => performance.now());
    await act();
    await page.waitForFunction(() => window.__served.cur.t1 !== null, null, { polling: "raf", timeout: 120000 });
    const t1 = await settle(page);
    const ms = await page.evaluate(() => window.__served.cur.t1 - window.__served.cur.t0);
    return { ms, driverMs: t1 - t0 };
  };
  await page.goto(`${server.url}/site/`);
  await page.waitForFunction(FIRST_VIEW, null, { polling: "raf", timeout: 120000 });
  // The chips at start first (no query typed), then the benchmark's queries.
  for (const q of [{ name: "start", text: "" }, ...queries(sampleDocs(corpusDir))]) {
    await page.fill("#search", "");
    await settle(page);
    let typed = "";
    for (const ch of q.text) {
      typed += ch;
      const from = server.log.length;
      const time = await timed(() => page.keyboard.type(ch));
      result.keys.push({ query: q.text, typed, ...time, ...bytesOf(server.log.slice(from)) });
    }
    // A chip under the query, then an article.
    if (readMs > 0) await page.waitForTimeout(readMs);
    if (reachMs > 0 && (await page.locator(".chip").count()) > 0) {
      await page.locator(".chip").first().hover();
      await page.waitForTimeout(reachMs);
    }
    for (let k = 0; k < 2; k++) {
      if ((await page.locator(".chip").count()) <= k) break;
      const from = server.log.length;
      const time = await timed(() => page.locator(".chip").nth(k).click());
      result.chips.push({ query: q.text, ...time, ...bytesOf(server.log.slice(from)) });
    }
    // The list of dated events and "who appears with whom", opened under the query (each
    // fetches only while open), then closed again.
    for (const [what, done, into] of [
      ["details.served-events", () => !!document.querySelector("#event-list .event") || document.querySelector("details.served-events summary")?.textContent.startsWith("0 "), result.events],
      ["details.cooccur", () => !!document.querySelector(".cooccur-chart .co-cell") || !!document.getElementById("cooccur-none"), result.cooccur],
      ["details.served-stories", () => !!document.querySelector("#story-list .story") || document.getElementById("stories-summary")?.textContent.startsWith("0 "), result.stories],
    ]) {
      const from = server.log.length;
      const t0 = await page.evaluate(() => performance.now());
      await page.locator(`${what} summary`).click();
      await page.waitForFunction(done, null, { polling: "raf", timeout: 120000 });
      const t1 = await settle(page);
      into.push({ query: q.text, ms: t1 - t0, ...bytesOf(server.log.slice(from)) });
      await page.locator(`${what} summary`).click();
      await settle(page);
    }
    // The downloads of the view that every query can afford (the dated events of a broad word
    // are hundreds of thousands of rows): the articles and the names, as CSV.
    await page.locator("details.download summary").click();
    for (const table of ["articles", "names"]) {
      const from = server.log.length;
      const t0 = await page.evaluate(() => performance.now());
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 300000 }),
        page.locator(`[data-export='csv'][data-table='${table}']`).click(),
      ]);
      const t1 = await page.evaluate(() => performance.now());
      const size = fs.statSync(await download.path()).size;
      result.downloads.push({ query: q.text, table, ms: t1 - t0, csv: size, ...bytesOf(server.log.slice(from)) });
    }
    await page.locator("details.download summary").click();
    if ((await page.locator(".result-title").count()) > 0) {
      const title = await page.locator(".result-title").first().textContent();
      const from = server.log.length;
      const t0 = await page.evaluate(() => performance.now());
      await page.locator(".result-title").first().click();
      await page.waitForFunction((t) => document.getElementById("reader-title")?.textContent === t, title, { polling: "raf" });
      const t1 = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
      result.opens.push({ query: q.text, ms: t1 - t0, ...bytesOf(server.log.slice(from)) });
      await page.keyboard.press("Escape");
    }
    // A name correction: the first two chips merged, then the merge undone (last: the filter
    // follows a merge, so the views above are measured under the chips' filter as before).
    if ((await page.locator(".chip").count()) >= 2) {
      await page.click("#edit-names");
      await page.locator(".chip").nth(0).click();
      await page.locator(".chip").nth(1).click();
      for (const [what, button] of [["merge", "#merge-chips"], ["undo", "#undo-edit"]]) {
        const from = server.log.length;
        const t0 = await page.evaluate(() => performance.now());
        await page.click(button);
        const t1 = await settle(page);
        result.corrections.push({ query: q.text, what, ms: t1 - t0, ...bytesOf(server.log.slice(from)) });
      }
      await page.click("#edit-names");
    }
    await page.click("#clear-all");
    await settle(page);
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const ms = (x) => `${x.toFixed(0)} ms`;
const keyMs = result.keys.map((k) => k.ms);
const keyBytes = result.keys.map((k) => k.brotli);
const lines = [
  `Served corpus: ${result.documents} articles, ${result.browser}, localhost ${protocol}, one run of \`node bench/served.mjs --site ${result.site} --runs ${runs}${http2 ? " --http2" : ""}${readMs ? ` --read ${readMs}` : ""}${reachMs ? ` --reach ${reachMs}` : ""}\`.`,
  "",
  "| measure | median | p95 (max) | n |",
  "|---|---:|---:|---:|",
  `| cold load → chips, timeline, first row painted | ${ms(median(result.cold.map((c) => c.interactive)))} | ${ms(Math.max(...result.cold.map((c) => c.interactive)))} | ${result.cold.length} |`,
  `| bytes at start, brotli (raw) | ${kb(median(result.cold.map((c) => c.brotli)))} (${kb(median(result.cold.map((c) => c.raw)))}) | — | ${result.cold.length} |`,
  `| files at start | ${median(result.cold.map((c) => c.files))} | — | ${result.cold.length} |`,
  `| keystroke → results, chips, timeline settled | ${ms(median(keyMs))} | ${ms(quantile(keyMs, 0.95))} (${ms(Math.max(...keyMs))}) | ${keyMs.length} |`,
  `| bytes per keystroke, brotli | ${kb(median(keyBytes))} | ${kb(quantile(keyBytes, 0.95))} | ${keyBytes.length} |`,
  `| chip click → settled | ${ms(median(result.chips.map((c) => c.ms)))} | ${ms(quantile(result.chips.map((c) => c.ms), 0.95))} | ${result.chips.length} |`,
  `| (as seen by the driver: keystroke / chip click) | ${ms(median(result.keys.map((k) => k.driverMs)))} / ${ms(median(result.chips.map((c) => c.driverMs)))} | ${ms(quantile(result.keys.map((k) => k.driverMs), 0.95))} / ${ms(quantile(result.chips.map((c) => c.driverMs), 0.95))} | |`,
  `| article open → title painted | ${ms(median(result.opens.map((c) => c.ms)))} | ${ms(Math.max(...result.opens.map((c) => c.ms)))} | ${result.opens.length} |`,
  `| dated events opened under the query → first page settled | ${ms(median(result.events.map((c) => c.ms)))} | ${ms(Math.max(...result.events.map((c) => c.ms)))} | ${result.events.length} |`,
  `| bytes for it, brotli | ${kb(median(result.events.map((c) => c.brotli)))} | ${kb(Math.max(...result.events.map((c) => c.brotli)))} | ${result.events.length} |`,
  `| who appears with whom opened under the query → settled | ${ms(median(result.cooccur.map((c) => c.ms)))} | ${ms(Math.max(...result.cooccur.map((c) => c.ms)))} | ${result.cooccur.length} |`,
  `| bytes for it, brotli | ${kb(median(result.cooccur.map((c) => c.brotli)))} | ${kb(Math.max(...result.cooccur.map((c) => c.brotli)))} | ${result.cooccur.length} |`,
  `| stories opened under the query → first page settled | ${ms(median(result.stories.map((c) => c.ms)))} | ${ms(Math.max(...result.stories.map((c) => c.ms)))} | ${result.stories.length} |`,
  `| bytes for it, brotli | ${kb(median(result.stories.map((c) => c.brotli)))} | ${kb(Math.max(...result.stories.map((c) => c.brotli)))} | ${result.stories.length} |`,
  "",
  "Downloads under each query (the click → the browser's download; files fetched, brotli; the CSV's size):",
  "",
  "| query | table | time | files | fetched, brotli | CSV |",
  "|---|---|---:|---:|---:|---:|",
  ...result.downloads.map((d) => `| ${d.query} | ${d.table} | ${ms(d.ms)} | ${d.files} | ${kb(d.brotli)} | ${kb(d.csv)} |`),
  "",
  "Name corrections under each query (the first two chips merged, then undone; click → settled):",
  "",
  "| query | correction | time | files | fetched, brotli |",
  "|---|---|---:|---:|---:|",
  ...result.corrections.map((c) => `| ${c.query} | ${c.what} | ${ms(c.ms)} | ${c.files} | ${kb(c.brotli)} |`),
];
const md = lines.join("\n");
const name = http2 ? "served-http2" : "served";
fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(result, null, 2));
fs.writeFileSync(path.join(outDir, `${name}.md`), md + "\n");
console.log(md);
