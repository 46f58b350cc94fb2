// Peers at the served corpus's size (issue 18): the same articles as the served site, indexed
// by Pagefind (its npm binary, offline) and by the two engines that must load everything,
// FlexSearch and MiniSearch, in headless Chromium, with the queries bench/served.mjs types.
//
//   node --max-old-space-size=12000 bench/peers-large.mjs --corpus target/synth/100000 \
//        [--site target/bench-sites/served-100000] [--runs 5] [--only ours|peers]
//
// Ours: the served site built from the same articles, each query pasted whole into a fresh
// page (empty cache) once its first view is up: the time to the results, chips and timeline
// settled (bench/served.mjs's definition) and the bytes fetched for it (brotli q11 per file as
// bench/served.mjs counts them is not repeated here: raw bytes, as for Pagefind); then the same
// query again in that page (its files kept).
//
// Pagefind: index build time and size, `init` bytes and time, and per query the first search
// (bytes fetched, time to the hits and to the first 20 results' data, as the served page shows
// 20 rows) and repeated searches. FlexSearch / MiniSearch: the corpus fetched as 1 000-article
// JSON files (bytes over the wire: raw, and brotli at quality 9 as a static host would serve
// them), the time to fetch and index it in the page, the page's JS heap afterwards, and the
// query time once built. Prints a JSON report and writes it to bench-out/peers-large.json.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";
import { readCorpus, queries } from "./corpus.mjs";
import { pagefindIndex } from "./peers.mjs";
import { stats } from "./app.mjs";
import { HERE, ROOT, opt } from "./cli.mjs";
import { SETTLED } from "./probe.mjs";

const corpusDir = path.resolve(ROOT, opt("corpus", "target/synth/100000"));
const runs = Number(opt("runs", "5"));
const siteDir = path.resolve(ROOT, opt("site", `target/bench-sites/served-${path.basename(corpusDir)}`));
const only = opt("only", "");
const chromePath = opt("chromium", process.env.CHROMIUM ?? "/usr/bin/chromium");
const name = `large-${path.basename(corpusDir)}`;
const SHOWN = 20;
const CHUNK = 1000;
const log = (m) => console.error(`[peers-large] ${m}`);

log(`reading ${corpusDir}…`);
const { docs, rawBytes } = readCorpus(corpusDir);
const step = Math.max(1, Math.floor(docs.length / 3000));
const qs = queries(docs.filter((_, i) => i % step === 0));
log(`${docs.length} articles, ${(rawBytes / 1e6).toFixed(1)} MB; queries: ${qs.map((q) => q.text).join(" | ")}`);

// The load-everything engines' download: title + text per article, CHUNK a file.
const dataDir = path.join(ROOT, "target/bench-data", name);
let chunks = 0;
let wire = { raw: 0, brotli: 0 };
if (only !== "ours") fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
for (let i = 0; only !== "ours" && i < docs.length; i += CHUNK, chunks++) {
  const body = Buffer.from(JSON.stringify(docs.slice(i, i + CHUNK).map((d) => ({ id: d.id, title: d.title, text: d.text }))));
  fs.writeFileSync(path.join(dataDir, `${String(chunks).padStart(4, "0")}.json`), body);
  wire.raw += body.length;
  wire.brotli += zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }).length;
}
if (chunks) log(`engine data: ${chunks} files, ${(wire.raw / 1e6).toFixed(1)} MB raw, ${(wire.brotli / 1e6).toFixed(1)} MB brotli q9`);

const pf = only === "ours" ? null : pagefindIndex(ROOT, name, docs);
if (pf) log(`Pagefind (index cached by document count and bytes): ${(pf.buildMs / 1000).toFixed(1)} s, ${(pf.total.bytes / 1e6).toFixed(1)} MB in ${pf.total.files} files`);

const server = await serve([
  ["/site/", siteDir],
  ["/peers/", path.join(HERE, "peers")],
  ["/nm/", path.join(HERE, "node_modules")],
  ["/pagefind/", path.join(ROOT, "target/bench-pagefind", name, "site")],
  ["/data/", path.join(ROOT, "target/bench-data")],
]);
const browser = await chromium.launch({ executablePath: chromePath, headless: true, args: ["--no-sandbox", "--enable-precise-memory-info"] });
const report = { articles: docs.length, rawBytes, chromium: browser.version(), queries: qs.map((q) => q.text), pagefind: null, engines: {}, notes: [] };
const bytesSince = (i) => server.log.slice(i).reduce((n, r) => n + r.bytes, 0);
const filesSince = (i) => server.log.length - i;

async function freshPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (e) => report.notes.push(`page error: ${e.message}`));
  await page.goto(`${server.url}/peers/index.html`);
  await page.waitForFunction(() => window.peersReady, null, { timeout: 60000 });
  return { context, page };
}

const settle = async (page) => {
  await page.waitForFunction(SETTLED, null, { polling: "raf", timeout: 120000 });
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
};
try {
  if (only !== "peers") {
    report.ours = { site: path.relative(ROOT, siteDir), queries: [] };
    for (const q of qs) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/site/`);
      await page.waitForSelector(".result-title", { timeout: 120000 });
      await settle(page);
      let i = server.log.length;
      // Every frame's first row title, to tell when the list showed the answer's first row
      // (the list comes before the counts: Shelf::preview).
      await page.evaluate(() => {
        window.__frames = [];
        window.__stop = false;
        const tick = () => {
          window.__frames.push([performance.now(), document.querySelector(".result-title")?.textContent ?? ""]);
          if (!window.__stop) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      let t0 = await page.evaluate(() => performance.now());
      await page.fill("#search", q.text);
      const first = (await settle(page)) - t0;
      const listed = await page.evaluate((t0) => {
        window.__stop = true;
        const title = document.querySelector(".result-title")?.textContent ?? "";
        const frame = window.__frames.find(([t, x]) => t >= t0 && x === title);
        return frame ? frame[0] - t0 : null;
      }, t0);
      const bytes = bytesSince(i);
      const files = filesSince(i);
      const hits = await page.evaluate(() => document.getElementById("result-count")?.textContent);
      const again = [];
      for (let r = 0; r < runs; r++) {
        await page.fill("#search", "");
        await settle(page);
        t0 = await page.evaluate(() => performance.now());
        await page.fill("#search", q.text);
        again.push((await settle(page)) - t0);
      }
      report.ours.queries.push({ query: q.text, hits, firstMs: first, listedMs: listed, bytes, files, again: stats(again) });
      log(`ours "${q.text}": ${hits}, list ${listed?.toFixed(0)} ms, settled ${first.toFixed(0)} ms, ${(bytes / 1e3).toFixed(0)} KB in ${files} files; again p50 ${stats(again).p50.toFixed(0)} ms`);
      await context.close();
    }
  }
  // Pagefind, in a fresh page: init, then each query cold (first time) and warm.
  if (only !== "ours") {
    const { context, page } = await freshPage();
    let i = server.log.length;
    const initMs = await page.evaluate(() => window.pagefindInit());
    const init = { ms: initMs, bytes: bytesSince(i), files: filesSince(i) };
    const perQuery = [];
    for (const q of qs) {
      i = server.log.length;
      const cold = await page.evaluate(([t, n]) => window.pagefindSearch(t, n), [q.words ?? q.text, SHOWN]);
      const coldBytes = bytesSince(i);
      const coldFiles = filesSince(i);
      const warm = [];
      for (let r = 0; r < runs; r++) warm.push(await page.evaluate(([t, n]) => window.pagefindSearch(t, n), [q.words ?? q.text, SHOWN]));
      perQuery.push({ query: q.text, hits: cold.hits, coldSearchMs: cold.search, coldWithDataMs: cold.withData, coldBytes, coldFiles, warmSearch: stats(warm.map((w) => w.search)), warmWithData: stats(warm.map((w) => w.withData)) });
      log(`Pagefind "${q.text}": ${cold.hits} hits, first ${cold.withData.toFixed(0)} ms, ${(coldBytes / 1e3).toFixed(0)} KB`);
    }
    report.pagefind = { buildMs: pf.buildMs, total: pf.total, index: pf.index, fragments: pf.fragments, init, queries: perQuery };
    await context.close();
  }
  // FlexSearch and MiniSearch, each in a fresh page: fetch everything, index, then query.
  for (const engine of only === "ours" ? [] : ["minisearch", "flexsearch"]) {
    const { context, page } = await freshPage();
    try {
      const i = server.log.length;
      const loaded = await page.evaluate(([n, c]) => window.loadChunks(n, c), [name, chunks]);
      const bytes = bytesSince(i);
      log(`${engine}: fetched ${loaded.docs} articles in ${loaded.ms.toFixed(0)} ms; indexing…`);
      const built = await page.evaluate((e) => window.buildEngine(e), engine);
      const heap = await page.evaluate(() => window.heapUsed());
      const perQuery = [];
      for (const q of qs) {
        const words = { name: q.text, words: q.words ?? q.text, prefix: !!q.prefix };
        perQuery.push({ query: q.text, ...(await page.evaluate(([e, w, r]) => window.timeQuery(e, w, r), [engine, words, runs])) });
      }
      report.engines[engine] = { fetchMs: loaded.ms, bytes, files: chunks, wire, indexMs: built.ms, firstQueryReadyMs: loaded.ms + built.ms, heapBytes: heap, queries: perQuery };
      log(`${engine}: index ${(built.ms / 1000).toFixed(1)} s, heap ${heap ? (heap / 1e9).toFixed(2) + " GB" : "?"}`);
    } catch (e) {
      report.engines[engine] = { failed: String(e).split("\n")[0] };
      log(`${engine}: failed: ${String(e).split("\n")[0]}`);
    }
    await context.close().catch(() => {});
  }
} finally {
  await browser.close();
  await server.close();
}
fs.mkdirSync(path.join(ROOT, "bench-out"), { recursive: true });
fs.writeFileSync(path.join(ROOT, `bench-out/peers-large${only ? "-" + only : ""}.json`), JSON.stringify(report, null, 1));
console.log(JSON.stringify(report, null, 1));
