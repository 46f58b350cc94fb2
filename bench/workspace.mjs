// The reader's workspace ("Add articles") in headless Chromium:
//
//   node bench/workspace.mjs [--sizes 1,10,40] [--workers 1,2] [--site dist] [--before target/dist-repro] [--out bench-out]
//
// (scripts/bench.sh runs it on target/bench-sites/seeds unless BENCH_WORKSPACE=0; --before is
// skipped when the folder is missing.) Writes <out>/workspace.json and
// <out>/workspace.md and prints the markdown. One run per size; figures are single samples.
//
// Method
// - Corpora: `synth N target/bench-workspace/<size>MB 6 seeds` (target/release/synth or
//   target/debug/synth), N chosen for ~1/10/40 MB, each file renamed .md → .txt (both are read as
//   text; the front matter is the same). Reused while the file count matches.
// - The site (default dist/) is copied to target/bench-workspace/site first, so a rebuild during
//   the run cannot change it, and served by bench/server.mjs (no compression, no-cache).
// - Each size runs in a fresh browser context (empty IndexedDB). An init script (like
//   bench/app.mjs) records every long task (PerformanceObserver 'longtask', buffered) and, from a
//   MutationObserver, a timeline of the UI state: #progress present, file rows
//   (#workspace li[data-file]), the total in #result-count ("All T articles" / "n of T articles"),
//   rows in #result-list and how many of them are added articles (data-doc^="syn_"); each state
//   change is stamped with performance.now() and with the end of the next frame (rAF + message).
// - Analysis: t0 = performance.now() in the page just before page.setInputFiles('#add-files').
//   "done" = first state with no #progress (after one was seen), all rows (the panel renders at
//   most 500) and a total larger than the shipped one; "listed" = first state where the result
//   list also shows an added article. MB/s = text bytes / done.
// - Long tasks (start after t0, up to 1.5 s after done), split two ways: at the arrival of the
//   worker's result (a Worker subclass in the init script timestamps it): "during" the analysis
//   vs "end" (saving to IndexedDB, decoding and mounting the new corpus, dropping #progress); and
//   at #progress disappearing (a task ending after it is "after"). #progress goes at the end of
//   the decode-and-mount task, so that second split counts the tasks between the worker's result
//   and the decode (the save) as "during". setInputFiles itself costs one renderer task that
//   builds the FileList and ends with the change event; "after the change event" leaves it out.
// - Memory: corpusWorkspace.lastRun.memory (the analyser worker's wasm memory after the run; it
//   only grows, so it is the run's peak) and the page's performance.memory.usedJSHeapSize
//   (--enable-precise-memory-info; no GC forced; the worker's heap is not in it).
// - Reload: once the panel's "Saving your articles…" note is gone (the list shows before the save
//   ends; the time from "done" to then is reported), page.reload() in the same context;
//   navigation → the result count showing the full
//   total with result rows present; any #progress during the load or 1 s after is reported.
// - Interactivity: during the largest size's analysis (while #progress is shown), characters
//   are typed into #search one at a time; keystroke (capture keydown) → #result-count text change,
//   and → the next frame. The box is cleared afterwards so the end state is the unfiltered list.
// - Workers: each size runs once per entry of --workers (default: 1 and the machine's cores),
//   set with corpusWorkspace.configure({ workers }) before the files are chosen; "workers used"
//   is the number of runs the analyser cut the articles into (lastRun.workers). The main
//   worker's packed result is hashed (SHA-256) in the page: the same size must give the same
//   hash with any number of workers.
// - Sizes: brotli q11 (bench/sizes.mjs) of the worker download (analyser_bg.wasm + analyser.js)
//   and of the start-up download (index.html, loader-*, explorer-*.js, explorer-*_bg.wasm,
//   style-*.css), for --site and for --before (the build before the feature), and the difference.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";
import { sizes } from "./sizes.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const SIZES_MB = opt("sizes", "1,10,40").split(",").map(Number);
const WORKERS = opt("workers", `1,${os.cpus().length}`).split(",").map(Number).filter((n, i, all) => n >= 1 && all.indexOf(n) === i);
const SITE = path.resolve(ROOT, opt("site", "dist"));
const BEFORE = path.resolve(ROOT, opt("before", "target/dist-repro"));
const OUT = path.resolve(ROOT, opt("out", "bench-out"));
const WORK = path.join(ROOT, "target/bench-workspace");
const CHROMIUM = opt("chromium", process.env.CHROMIUM ?? "/usr/bin/chromium");
const TIMEOUT = 10 * 60 * 1000; // per size
const BYTES_PER_ARTICLE = 4360; // synth's average (seed 6, seeds/)
// Typed into #search during the analysis. The shipped corpus (5 seed articles) is one topic,
// so most words match all of it; "l" matches none and "lu" (prefix) all, so each of these keys
// changes the result count.
const KEYS = Array(3).fill(["l", "u", "Backspace", "Backspace"]).flat();
const log = (...a) => console.error("[workspace]", ...a);

const INIT_SCRIPT = `(() => {
  const B = (window.__ws = { longtasks: [], timeline: [], progressSeen: false, change: null, key: null });
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) B.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {}
  const afterPaint = (fn) => requestAnimationFrame(() => {
    const mc = new MessageChannel();
    mc.port1.onmessage = () => fn(performance.now());
    mc.port2.postMessage(0);
  });
  // The analyser worker: when each phase starts (its progress messages) and when its result
  // arrives (this listener runs before the page's onmessage, in the same task).
  B.phases = [];
  B.workerDone = null;
  B.digest = null;
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(...a) {
      super(...a);
      B.phases.push([performance.now(), "worker"]);
      this.addEventListener("message", (e) => {
        const d = e.data || {};
        // Helper workers (one run of articles each) post progress without text and a "done"
        // without rows: only the main worker's messages mark phases and the result.
        if (d.type === "progress" && d.text === undefined) return;
        if (d.type === "done" && d.rows === undefined) return;
        const phase = d.type === "progress" ? String(d.text).split("\t")[0] : d.type;
        if (phase !== B.phases[B.phases.length - 1][1]) B.phases.push([performance.now(), phase]);
        if (d.type === "done") {
          B.workerDone = performance.now();
          crypto.subtle.digest("SHA-256", d.packed).then((h) => (B.digest = Array.from(new Uint8Array(h), (b) => b.toString(16).padStart(2, "0")).join("")));
        }
      });
    }
  };
  addEventListener("change", (e) => { if (e.target && e.target.id === "add-files") B.change = performance.now(); }, true);
  addEventListener("keydown", () => { if (B.key && B.key.t0 === null) B.key.t0 = performance.now(); }, true);
  let last = "";
  // The last element of each: if a swap-in leaves the previous app in the page, the new one is
  // mounted after it ("apps" counts them).
  const lastOf = (sel) => { const all = document.querySelectorAll(sel); return all.length ? all[all.length - 1] : null; };
  const countIn = (root, sel) => (root ? root.querySelectorAll(sel).length : 0);
  const check = () => {
    const count = lastOf("#result-count");
    const text = count ? count.textContent : "";
    const k = B.key;
    if (k && k.t0 !== null && k.t1 === null && text !== k.before) {
      k.t1 = performance.now();
      k.after = text;
      afterPaint((t) => (k.painted = t));
    }
    const m = text.match(/(\\d+) articles/);
    const list = lastOf("#result-list");
    const s = {
      progress: !!document.getElementById("progress"),
      rows: countIn(lastOf("#workspace"), "li[data-file]"),
      total: m ? Number(m[1]) : null,
      shown: countIn(list, ":scope > li[data-doc]"),
      added: countIn(list, ':scope > li[data-doc^="syn_"]'),
      apps: document.querySelectorAll("#result-count").length,
    };
    if (s.progress) B.progressSeen = true;
    const key = JSON.stringify(s);
    if (key === last) return;
    last = key;
    const e = { t: performance.now(), ...s, painted: null };
    B.timeline.push(e);
    afterPaint((t) => (e.painted = t));
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

// ---------------------------------------------------------------------------------------------

function synthBinary() {
  for (const p of ["target/release/synth", "target/debug/synth"]) if (fs.existsSync(path.join(ROOT, p))) return path.join(ROOT, p);
  execFileSync("cargo", ["build", "--bin", "synth"], { cwd: ROOT, stdio: "inherit" });
  return path.join(ROOT, "target/debug/synth");
}

/** target/bench-workspace/<mb>MB: N synthetic articles as .txt; returns { dir, files, bytes }. */
function corpus(mb) {
  const n = Math.round((mb * 1e6) / BYTES_PER_ARTICLE);
  const dir = path.join(WORK, `${mb}MB`);
  const list = () => fs.readdirSync(dir).filter((f) => f.endsWith(".txt")).sort().map((f) => path.join(dir, f));
  if (!(fs.existsSync(dir) && list().length === n)) {
    fs.rmSync(dir, { recursive: true, force: true });
    execFileSync(synthBinary(), [String(n), dir, "6", "seeds"], { cwd: ROOT, stdio: "inherit" });
    for (const f of fs.readdirSync(dir)) if (f.endsWith(".md")) fs.renameSync(path.join(dir, f), path.join(dir, f.replace(/\.md$/, ".txt")));
  }
  const files = list();
  return { dir, files, bytes: files.reduce((s, f) => s + fs.statSync(f).size, 0) };
}

const SUM = (rows, re) => rows.filter((r) => re.test(r.file)).reduce((a, r) => ({ raw: a.raw + r.raw, brotli: a.brotli + r.brotli }), { raw: 0, brotli: 0 });
function downloads(dir) {
  if (!fs.existsSync(dir)) return null;
  const rows = sizes(dir);
  return {
    dir: path.relative(ROOT, dir),
    startup: SUM(rows, /^(index\.html|loader-.*\.js|explorer-.*\.js|explorer-.*_bg\.wasm|style-.*\.css)$/),
    worker: SUM(rows, /^analyser(_bg\.wasm|\.js)$/),
    files: rows.map(({ file, raw, brotli }) => ({ file, raw, brotli })),
  };
}

// ---------------------------------------------------------------------------------------------

const state = (page) => page.evaluate(() => window.__ws);
const first = (timeline, pred) => timeline.find(pred) ?? null;

/** Shipped page loaded: returns the shipped total. */
async function loadShipped(page, url) {
  await page.goto(url, { waitUntil: "commit", timeout: TIMEOUT });
  await page.waitForFunction(() => window.__ws.timeline.some((e) => e.total !== null && e.shown > 0), null, { timeout: TIMEOUT, polling: 50 });
  const B = await state(page);
  return first(B.timeline, (e) => e.total !== null && e.shown > 0).total;
}

/** Keystrokes into #search while #progress is shown; returns one entry per key. */
async function typeDuringAnalysis(page) {
  const keys = [];
  await page.focus("#search");
  for (const ch of KEYS) {
    await page.evaluate(() => {
      const all = document.querySelectorAll("#result-count");
      const c = all[all.length - 1];
      window.__ws.key = { t0: null, t1: null, painted: null, before: c ? c.textContent : "", progress: !!document.getElementById("progress") };
    });
    await page.keyboard.press(ch);
    await page.waitForFunction(() => window.__ws.key.painted !== null, null, { timeout: 3000, polling: 10 }).catch(() => {});
    const k = await page.evaluate(() => ({ ...window.__ws.key, progressAfter: !!document.getElementById("progress") }));
    keys.push({ key: ch, progress: k.progress && k.progressAfter, changed: k.t1 !== null, ms: k.t1 !== null ? k.t1 - k.t0 : null, paintMs: k.painted !== null ? k.painted - k.t0 : null, before: k.before, after: k.after ?? null });
    await page.waitForTimeout(100);
  }
  await page.evaluate(() => (window.__ws.key = null));
  await page.locator("#search").last().fill(""); // in case the analysis ended mid-sequence
  return keys;
}

async function runSize(browser, url, mb, workers) {
  const c = corpus(mb);
  const r = { mb, workers, files: c.files.length, bytes: c.bytes, notes: [] };
  log(`${mb} MB, ${workers} worker(s): ${c.files.length} files, ${(c.bytes / 1e6).toFixed(2)} MB`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: INIT_SCRIPT });
  const page = await context.newPage();
  page.on("pageerror", (e) => r.notes.push(`page error: ${String(e).split("\n")[0]}`));
  try {
    r.shipped = await loadShipped(page, url);
    await page.click("#workspace-toggle");
    await page.evaluate((n) => globalThis.corpusWorkspace.configure({ workers: n }), workers);
    const expectRows = Math.min(c.files.length, 500);
    const t0 = await page.evaluate(() => performance.now());
    const wall0 = Date.now();
    await page.setInputFiles("#add-files", c.files, { timeout: TIMEOUT });
    r.setInputFilesMs = Date.now() - wall0;
    if (mb === Math.max(...SIZES_MB)) {
      await page.waitForFunction(() => window.__ws.progressSeen, null, { timeout: 60000, polling: 20 });
      await page.waitForTimeout(1000);
      r.keystrokes = await typeDuringAnalysis(page);
    }
    const isDone = (e, shipped, rows) => !e.progress && e.rows === rows && e.total !== null && e.total > shipped;
    await page.waitForFunction(
      ([s, rows]) => window.__ws.progressSeen && window.__ws.timeline.some((e) => !e.progress && e.rows === rows && e.total !== null && e.total > s),
      [r.shipped, expectRows],
      { timeout: TIMEOUT, polling: 250 },
    );
    await page.waitForFunction(() => window.__ws.timeline.some((e) => e.added > 0 && !e.progress), null, { timeout: 30000, polling: 50 }).catch(() => r.notes.push("no added article in the first page of results"));
    await page.waitForTimeout(1500);
    const B = await state(page);
    const gone = first(B.timeline, (e, i) => !e.progress && B.timeline.slice(0, i).some((p) => p.progress));
    const done = first(B.timeline, (e) => isDone(e, r.shipped, expectRows));
    const listed = first(B.timeline, (e) => e.added > 0 && !e.progress && e.total === done.total);
    r.total = done.total;
    r.appsAfterSwap = B.timeline[B.timeline.length - 1].apps;
    r.addedDocs = done.total - r.shipped;
    if (r.addedDocs !== c.files.length) r.notes.push(`${c.files.length} files but ${r.addedDocs} articles added`);
    r.skippedRows = await page.locator('#workspace li[data-status="skipped"]').count();
    r.message = await page.locator(".workspace-message").allTextContents();
    r.changeEventMs = B.change !== null ? B.change - t0 : null;
    r.progressGoneS = (gone.t - t0) / 1000;
    r.doneS = (done.t - t0) / 1000;
    r.donePaintedS = done.painted !== null ? (done.painted - t0) / 1000 : null;
    r.listedS = listed ? (listed.t - t0) / 1000 : null;
    r.mbPerS = c.bytes / 1e6 / r.doneS;
    // Long tasks, split at the worker's result: before it the analysis runs in the worker;
    // after it the page saves the workspace, decodes the new corpus, mounts it and drops #progress.
    const rel = (t) => (t === null ? null : Math.round(t - t0));
    const tasks = B.longtasks.filter(([s]) => s >= t0 - 1).map(([s, d]) => [rel(s), Math.round(d)]);
    const longest = (ts) => (ts.length ? Math.max(...ts.map(([, d]) => d)) : 0);
    const split = (end) => {
      const during = tasks.filter(([s, d]) => s + d <= end);
      const after = tasks.filter(([s, d]) => s + d > end);
      return { during: longest(during), duringCount: during.length, end: longest(after), endCount: after.length };
    };
    r.marks = { workerDone: rel(B.workerDone), progressGone: rel(gone.t), done: rel(done.t), phases: B.phases.map(([t, p]) => [rel(t), p]) };
    r.longtasks = tasks;
    r.longtask = B.workerDone !== null ? split(B.workerDone - t0) : null;
    // setInputFiles makes the renderer build the FileList in one task that ends with the change
    // event (the app's handler runs at its end): the tasks that start after the change event are
    // the app's own while the worker runs.
    if (r.longtask && B.change !== null) {
      const after = tasks.filter(([s, d]) => s >= B.change - t0 && s + d <= B.workerDone - t0);
      r.longtask.afterChange = longest(after);
      r.longtask.afterChangeCount = after.length;
    }
    r.longtaskByProgress = split(gone.t - t0); // the split the brief asked for: at #progress gone
    r.analyserMemoryMB = (await page.evaluate(() => globalThis.corpusWorkspace.lastRun.memory)) / 1048576;
    r.workersUsed = await page.evaluate(() => globalThis.corpusWorkspace.lastRun.workers);
    r.digest = await page.evaluate(() => window.__ws.digest);
    r.jsHeapUsedMB = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize / 1048576 : null));
    log(`${mb} MB: done in ${r.doneS.toFixed(1)} s (${r.mbPerS.toFixed(2)} MB/s); saving…`);
    // The list shows before the articles are saved ("Saving your articles in this browser…"
    // until they are): a reload before then restores the workspace saved before, as it should.
    const saveT0 = Date.now();
    await page.waitForFunction(() => !document.querySelector(".saving-note"), null, { timeout: TIMEOUT, polling: 50 });
    r.saveAfterDoneS = (Date.now() - saveT0) / 1000;
    log(`${mb} MB: saved ${r.saveAfterDoneS.toFixed(1)} s after; reload…`);

    await page.reload({ waitUntil: "commit", timeout: TIMEOUT });
    await page.waitForFunction(
      (total) => window.__ws.timeline.some((e) => e.total === total && e.shown > 0),
      r.total,
      { timeout: 120000, polling: 50 },
    );
    await page.waitForTimeout(1000);
    const R = await state(page);
    const shippedShown = first(R.timeline, (e) => e.total === r.shipped && e.shown > 0);
    const restored = first(R.timeline, (e) => e.total === r.total && e.shown > 0);
    r.reload = {
      shippedMs: shippedShown ? shippedShown.t : null,
      restoredMs: restored.t,
      restoredPaintedMs: restored.painted,
      progressAppeared: R.progressSeen,
      apps: R.timeline[R.timeline.length - 1].apps,
      longestTaskMs: R.longtasks.length ? Math.round(Math.max(...R.longtasks.map(([, d]) => d))) : 0,
    };
  } catch (e) {
    r.error = String(e).split("\n")[0];
    log(`${mb} MB failed: ${r.error}`);
  } finally {
    await context.close();
  }
  return r;
}

// ---------------------------------------------------------------------------------------------

const fmt = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? "–" : Number(x).toFixed(d));
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;

function markdown(res) {
  const L = [];
  L.push(`## Reader's workspace (Chromium ${res.browser}, ${res.date}, ${res.machine})`, "");
  L.push("One run per size; `node bench/workspace.mjs`. Times from `setInputFiles` (t0).", "");
  L.push("| | " + res.runs.map((r) => `${fmt(r.bytes / 1e6, 2)} MB (${r.files} files), ${r.workers} worker${r.workers > 1 ? "s" : ""}`).join(" | ") + " |");
  L.push("|---|" + res.runs.map(() => "---:|").join(""));
  const row = (name, f) => L.push(`| ${name} | ` + res.runs.map((r) => (r.error && f(r) === undefined ? "failed" : f(r) ?? "–")).join(" | ") + " |");
  row("workers used (runs of articles)", (r) => r.workersUsed);
  row("analysis: t0 → #progress gone, all rows (s)", (r) => r.doneS !== undefined ? fmt(r.doneS, 2) : undefined);
  row("throughput (MB/s)", (r) => r.mbPerS !== undefined ? fmt(r.mbPerS, 2) : undefined);
  row("t0 → added articles in the result list (s)", (r) => r.listedS !== undefined ? fmt(r.listedS, 2) : undefined);
  row("articles added (shipped + added = total)", (r) => r.total !== undefined ? `${r.addedDocs} (${r.shipped} + ${r.addedDocs} = ${r.total})` : undefined);
  row("analysis in the worker: t0 → worker result (s)", (r) => r.marks ? fmt(r.marks.workerDone / 1000, 2) : undefined);
  row("longest main-thread task, t0 → worker result (ms)", (r) => r.longtask ? `${r.longtask.during} (${r.longtask.duringCount} long tasks)` : undefined);
  row("… of which after the change event (ms)", (r) => r.longtask ? `${r.longtask.afterChange} (${r.longtask.afterChangeCount})` : undefined);
  row("t0 → change event on #add-files (s)", (r) => r.changeEventMs !== undefined && r.changeEventMs !== null ? fmt(r.changeEventMs / 1000, 2) : undefined);
  row("longest task at the end: worker result → list shown (save, decode, mount) (ms)", (r) => r.longtask ? `${r.longtask.end} (${r.longtask.endCount})` : undefined);
  row("longest task t0 → #progress gone / after it (ms)", (r) => r.longtaskByProgress ? `${r.longtaskByProgress.during} / ${r.longtaskByProgress.end}` : undefined);
  row("analyser wasm memory, peak (MB)", (r) => r.analyserMemoryMB !== undefined ? fmt(r.analyserMemoryMB, 1) : undefined);
  row("page JS heap used after the run (MB)", (r) => r.jsHeapUsedMB !== undefined ? fmt(r.jsHeapUsedMB, 1) : undefined);
  row("list shown → saved in IndexedDB, about (s)", (r) => r.saveAfterDoneS !== undefined ? fmt(r.saveAfterDoneS, 1) : undefined);
  row("reload: navigation → all articles listed (ms)", (r) => r.reload ? fmt(r.reload.restoredMs, 0) : undefined);
  row("reload: navigation → shipped articles listed (ms)", (r) => r.reload ? fmt(r.reload.shippedMs, 0) : undefined);
  row("reload: #progress appeared", (r) => r.reload ? (r.reload.progressAppeared ? "**yes**" : "no") : undefined);
  row("reload: longest task (ms)", (r) => r.reload ? r.reload.longestTaskMs : undefined);
  for (const mb of [...new Set(res.runs.map((r) => r.mb))]) {
    const digests = res.runs.filter((r) => r.mb === mb && r.digest).map((r) => `${r.workers}: ${r.digest.slice(0, 12)}`);
    const same = new Set(digests.map((d) => d.split(": ")[1])).size === 1;
    if (digests.length > 1) L.push("", `${mb} MB, packed result (SHA-256) by workers: ${digests.join(", ")}: ${same ? "identical" : "**different**"}.`);
  }
  const big = res.runs.find((r) => r.keystrokes);
  if (big) {
    const ks = big.keystrokes.filter((k) => k.changed && k.progress);
    const ms = ks.map((k) => k.ms).sort((a, b) => a - b);
    const paint = ks.map((k) => k.paintMs).filter((x) => x !== null).sort((a, b) => a - b);
    const med = (xs) => xs[Math.floor(xs.length / 2)];
    L.push("", `Typing into #search during the ${fmt(big.bytes / 1e6, 1)} MB analysis (${KEYS.join(" ")}): ` +
      (ks.length
        ? `keystroke → #result-count change median ${fmt(med(ms), 0)} ms, max ${fmt(ms[ms.length - 1], 0)} ms; → next frame median ${fmt(med(paint), 0)} ms, max ${fmt(paint[paint.length - 1], 0)} ms (${ks.length} keystrokes)`
        : "no keystroke changed the count while #progress was shown") +
      (big.keystrokes.length > ks.length ? `; ${big.keystrokes.length - ks.length} of ${big.keystrokes.length} keystrokes not counted (no change, or the analysis had ended)` : "") + ".");
  }
  const dup = res.runs.filter((r) => r.appsAfterSwap > 1);
  if (dup.length) L.push("", `After the swap-in the page held ${dup[0].appsAfterSwap} copies of the app (the previous one was not unmounted); figures read the last one.`);
  const s = res.sizes;
  L.push("", "| Download (brotli q11) | before | after | difference |", "|---|---:|---:|---:|");
  const b = s.before, a = s.after;
  L.push(`| start-up (index.html, loader, explorer js + wasm, css) | ${b ? kb(b.startup.brotli) : "–"} | ${kb(a.startup.brotli)} | ${b ? kb(a.startup.brotli - b.startup.brotli) : "–"} |`);
  const w = (x) => (x && x.worker.raw ? kb(x.worker.brotli) : "none");
  L.push(`| analyser worker (analyser_bg.wasm + analyser.js), on first use | ${b ? w(b) : "–"} | ${w(a)} | ${b ? kb(a.worker.brotli - b.worker.brotli) : "–"} |`);
  L.push("", `KB = 1024 bytes. after = ${res.site}${b ? `, before = ${b.dir}` : ""}.`);
  for (const r of res.runs) {
    if (r.error) L.push("", `**${r.mb} MB failed:** ${r.error}`);
    for (const n of r.notes ?? []) L.push("", `${r.mb} MB: ${n}`);
    if (r.message && r.message.length) L.push("", `${r.mb} MB: workspace message: ${r.message.join(" / ")}`);
  }
  return L.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------

fs.mkdirSync(OUT, { recursive: true });
fs.mkdirSync(WORK, { recursive: true });
const siteCopy = path.join(WORK, "site");
fs.rmSync(siteCopy, { recursive: true, force: true });
fs.cpSync(SITE, siteCopy, { recursive: true });
const res = {
  date: new Date().toISOString().slice(0, 10),
  machine: `${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`,
  site: path.relative(ROOT, SITE),
  siteFiles: fs.readdirSync(siteCopy).sort(),
  sizes: { after: downloads(siteCopy), before: downloads(BEFORE) },
  runs: [],
};
const server = await serve([["/site/", siteCopy]]);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--enable-precise-memory-info", "--no-sandbox"] });
res.browser = browser.version();
try {
  for (const mb of SIZES_MB) for (const workers of WORKERS) {
    res.runs.push(await runSize(browser, `${server.url}/site/`, mb, workers));
    fs.writeFileSync(path.join(OUT, "workspace.json"), JSON.stringify(res, null, 1));
  }
} finally {
  await browser.close();
  await server.close();
}
res.loadAtEnd = os.loadavg();
const md = markdown(res);
fs.writeFileSync(path.join(OUT, "workspace.json"), JSON.stringify(res, null, 1));
fs.writeFileSync(path.join(OUT, "workspace.md"), md);
console.log(md);
