// Peers in the same run, same browser, same documents and queries: the explorer's engine
// (bench/engine, wasm), FlexSearch, MiniSearch and Pagefind; and the bare Leptos floor.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { stats } from "./app.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));

const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function dirBytes(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        bytes += fs.statSync(p).size;
        files += 1;
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return { bytes, files };
}

/** One HTML page per document, then the pagefind binary from npm (offline). Cached by doc count. */
export function pagefindIndex(root, name, docs) {
  const base = path.join(root, "target/bench-pagefind", name);
  const site = path.join(base, "site");
  const stamp = path.join(base, "stamp");
  const want = `${docs.length}:${docs.reduce((n, d) => n + d.raw.length, 0)}`;
  let ms = null;
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, "utf8") !== want) {
    fs.rmSync(base, { recursive: true, force: true });
    fs.mkdirSync(path.join(site, "docs"), { recursive: true });
    for (const d of docs) {
      const body = d.text
        .slice(d.title.length + 1)
        .split(/\n\s*\n/)
        .map((p) => `<p>${escapeHtml(p.trim())}</p>`)
        .join("\n");
      fs.writeFileSync(
        path.join(site, "docs", `${d.id}.html`),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(d.title)}</title></head><body><main data-pagefind-body><h1>${escapeHtml(d.title)}</h1>${d.date ? `<p data-pagefind-meta="date">${d.date}</p>` : ""}\n${body}</main></body></html>\n`,
      );
    }
    const t0 = performance.now();
    execFileSync(path.join(HERE, "node_modules/.bin/pagefind"), ["--site", site, "--quiet"], { stdio: "inherit" });
    ms = performance.now() - t0;
    fs.writeFileSync(path.join(base, "build-ms"), String(ms));
    fs.writeFileSync(stamp, want);
  } else {
    ms = Number(fs.readFileSync(path.join(base, "build-ms"), "utf8"));
  }
  const pf = path.join(site, "pagefind");
  return {
    buildMs: ms,
    total: dirBytes(pf),
    fragments: dirBytes(path.join(pf, "fragment")),
    index: dirBytes(path.join(pf, "index")),
  };
}

export async function measurePeers({ browser, server, name, docs, qs, root, runs }) {
  const dataDir = path.join(root, "target/bench-data");
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, `${name}.json`),
    JSON.stringify(docs.map((d) => ({ id: d.id, title: d.title, text: d.text, raw: d.raw }))),
  );
  const out = { build: {}, queries: [], pagefind: null, notes: [] };
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (e) => out.notes.push(`page error: ${e.message}`));
  try {
    await page.goto(`${server.url}/peers/index.html`);
    await page.waitForFunction(() => window.peersReady, null, { timeout: 60000 });
    const loaded = await page.evaluate((n) => window.loadDocs(n), name);
    out.rawBytes = loaded.rawBytes;
    // Same texts for everyone: ours gets the raw file (what the explorer embeds), the peers
    // title + body. Exact words end with a space for ours (else the last word is a prefix).
    const textQs = qs.map((q) => ({ name: q.name, ours: q.prefix ? q.text : q.text + " ", words: q.words ?? q.text, prefix: !!q.prefix }));
    const oursOnly = [
      { name: "chip (most frequent entity)", ours: "", entity: 0 },
      { name: "date range 2016-05", ours: "", from: "2016-05-01", to: "2016-05-31" },
      { name: "all combined: `luxury bra` + chip + 2016-05", ours: "luxury bra", entity: 0, from: "2016-05-01", to: "2016-05-31" },
    ];
    for (const engine of ["ours", "flexsearch", "minisearch"]) {
      const builds = [];
      let info = null;
      const buildRuns = docs.length >= 5000 ? 1 : 3;
      for (let i = 0; i < buildRuns; i++) {
        const r = await page.evaluate((e) => window.buildEngine(e), engine);
        builds.push(r.ms);
        info = r.info;
      }
      out.build[engine] = { ...stats(builds), mbPerS: out.rawBytes / 1e6 / (stats(builds).p50 / 1e3), info };
      for (const q of engine === "ours" ? [...textQs, ...oursOnly] : textQs) {
        const r = await page.evaluate(([e, q, runs]) => window.timeQuery(e, q, runs), [engine, q, Math.max(runs, 15)]);
        out.queries.push({ engine, query: q.name, ...r });
      }
      await page.evaluate((e) => window.dropEngine(e), engine);
    }
  } catch (e) {
    out.notes.push(`engines: ${String(e).split("\n")[0]}`);
  }
  // Pagefind: same documents as HTML pages, its own index; bytes over the wire per query.
  try {
    const index = pagefindIndex(root, name, docs);
    const mark = () => server.log.length;
    const bytesSince = (i) => server.log.slice(i).reduce((n, r) => n + r.bytes, 0);
    let i = mark();
    const initMs = await page.evaluate(() => window.pagefindInit());
    const initBytes = bytesSince(i);
    const queries = [];
    for (const q of qs) {
      i = mark();
      const cold = await page.evaluate((t) => window.pagefindSearch(t), q.words ?? q.text);
      const coldBytes = bytesSince(i);
      const warm = [];
      for (let r = 0; r < runs; r++) warm.push(await page.evaluate((t) => window.pagefindSearch(t), q.words ?? q.text));
      queries.push({ query: q.name, hits: cold.hits, coldMs: cold.withData, coldSearchMs: cold.search, coldBytes, warm: stats(warm.map((w) => w.search)), warmWithData: stats(warm.map((w) => w.withData)) });
    }
    out.pagefind = { index, initMs, initBytes, queries };
  } catch (e) {
    out.notes.push(`pagefind: ${String(e).split("\n")[0]}`);
  }
  await context.close();
  return out;
}

const BARE_INIT = `(() => {
  const B = (window.__bench = { marks: {} });
  const mo = new MutationObserver(() => {
    if (B.marks.dom || !document.querySelector("#bump")) return;
    B.marks.dom = performance.now();
    mo.disconnect();
    requestAnimationFrame(() => { const mc = new MessageChannel(); mc.port1.onmessage = () => (B.marks.interactive = performance.now()); mc.port2.postMessage(0); });
  });
  mo.observe(document, { childList: true, subtree: true });
})();`;

/** The floor: a bare Leptos page's sizes and time to its button painted. */
export async function bareLeptos({ browser, root, runs }) {
  const { serve } = await import("./server.mjs");
  const { sizes } = await import("./sizes.mjs");
  const dir = path.join(root, "target/bench-sites/bare-leptos");
  if (!fs.existsSync(path.join(dir, "index.html"))) return null;
  const server = await serve([["/", dir]]);
  const cold = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      await context.addInitScript({ content: BARE_INIT });
      const page = await context.newPage();
      await page.goto(`${server.url}/`, { waitUntil: "commit" });
      await page.waitForFunction(() => window.__bench.marks.interactive, null, { timeout: 60000, polling: 20 });
      cold.push(
        await page.evaluate(() => ({
          interactive: window.__bench.marks.interactive,
          fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
        })),
      );
      await context.close();
    }
  } finally {
    await server.close();
  }
  return { sizes: sizes(dir), interactive: stats(cold.map((c) => c.interactive)), fcp: stats(cold.map((c) => c.fcp).filter((x) => x !== null)) };
}
