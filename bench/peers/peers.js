// Runs in the benchmark page: the explorer's engine (wasm, bench/engine), FlexSearch and
// MiniSearch index the same documents and answer the same queries; Pagefind searches its
// prebuilt index. The driver (peers.mjs) calls the window.* functions and reads their results.
import { Index as FlexIndex } from "/nm/flexsearch/dist/flexsearch.bundle.module.min.mjs";
import MiniSearch from "/nm/minisearch/dist/es/index.js";

const now = () => performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
};

let docs = null;
const engines = {};

window.loadDocs = async (name) => {
  docs = await (await fetch(`/data/${name}.json`)).json();
  const enc = new TextEncoder();
  return { docs: docs.length, rawBytes: docs.reduce((n, d) => n + enc.encode(d.raw).length, 0) };
};

/**
 * A corpus too big for one JSON string (100 000 articles are ~600 MB: over V8's longest
 * string), fetched as `chunks` files of documents; what a load-everything engine downloads.
 */
window.loadChunks = async (name, chunks) => {
  const t0 = now();
  const parts = await Promise.all(
    Array.from({ length: chunks }, (_, i) => fetch(`/data/${name}/${String(i).padStart(4, "0")}.json`).then((r) => r.json())),
  );
  docs = parts.flat();
  return { docs: docs.length, ms: now() - t0 };
};
/** The page's JS heap in use (Chromium only; coarse), after the engine's index is built. */
window.heapUsed = () => (performance.memory ? performance.memory.usedJSHeapSize : null);

// Each builder returns a search function (query) => number of hits.
const builders = {
  async ours() {
    const mod = await import("/engine/bench_engine.js");
    await mod.default({ module_or_path: "/engine/bench_engine_bg.wasm" });
    if (engines.oursObject) engines.oursObject.free();
    const e = new mod.Engine();
    for (const d of docs) e.add(d.id, d.raw);
    // The whole pipeline, which the explorer runs at build time (build.rs), for reference.
    const t = now();
    e.build();
    const pipelineMs = now() - t;
    const packedBytes = e.pack();
    // Heap counted from here: the packed bytes are in (as they are in the app's wasm).
    const live0 = mod.heap_live();
    mod.reset_peak();
    const t0 = now();
    e.load();
    const ms = now() - t0;
    engines.oursObject = e;
    const info = {
      entities: e.entities(),
      events: e.events(),
      heapKept: mod.heap_live() - live0,
      heapPeak: mod.heap_peak() - live0,
      rawHeld: live0,
      wasmMemory: mod.memory_bytes(),
      pipelineMs,
      packedBytes,
    };
    const search = (q) => e.search(q.ours, q.entity ?? -1, q.from ?? "", q.to ?? "");
    return { ms, search, info };
  },
  async flexsearch() {
    const t0 = now();
    const index = new FlexIndex({ tokenize: "forward" });
    docs.forEach((d, i) => index.add(i, d.text));
    const ms = now() - t0;
    const limit = docs.length;
    return { ms, search: (q) => index.search(q.words, { limit }).length };
  },
  async minisearch() {
    const t0 = now();
    const ms_ = new MiniSearch({ fields: ["title", "text"], idField: "i" });
    ms_.addAll(docs.map((d, i) => ({ i, title: d.title, text: d.text })));
    const ms = now() - t0;
    return { ms, search: (q) => ms_.search(q.words, { prefix: !!q.prefix, combineWith: "AND" }).length };
  },
};

/** Builds one engine's index (timed), keeps it for queries. */
window.buildEngine = async (name) => {
  const { ms, search, info } = await builders[name]();
  engines[name] = search;
  return { ms, info: info ?? null };
};

/**
 * Times one query: batches of repeated calls long enough (≥ 5 ms) for the browser's coarse
 * timer, `runs` batches; per-call median and p95 of the batch means.
 */
window.timeQuery = (name, q, runs) => {
  const search = engines[name];
  const hits = search(q);
  let reps = 1;
  for (;;) {
    const t0 = now();
    for (let i = 0; i < reps; i++) search(q);
    const dt = now() - t0;
    if (dt >= 5 || reps >= 4096) break;
    reps *= 2;
  }
  const per = [];
  for (let r = 0; r < runs; r++) {
    const t0 = now();
    for (let i = 0; i < reps; i++) search(q);
    per.push((now() - t0) / reps);
  }
  return { hits, p50: median(per), p95: p95(per), reps };
};

window.dropEngine = (name) => {
  delete engines[name];
};

// Pagefind: loaded from its own generated site (/pagefind/pagefind/pagefind.js).
let pagefind = null;
window.pagefindInit = async () => {
  const t0 = now();
  pagefind = await import("/pagefind/pagefind/pagefind.js");
  await pagefind.init();
  return now() - t0;
};
/** One search, then the data of the first `shown` results (what a results page shows). */
window.pagefindSearch = async (text, shown = 10) => {
  const t0 = now();
  const s = await pagefind.search(text);
  const t1 = now();
  await Promise.all(s.results.slice(0, shown).map((r) => r.data()));
  return { hits: s.results.length, search: t1 - t0, withData: now() - t0 };
};
document.getElementById("status").textContent = "ready";
window.peersReady = true;
