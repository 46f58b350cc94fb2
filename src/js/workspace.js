// The reader's workspace: the browser I/O behind "Add articles" (src/ui/workspace.rs is its view;
// on a served site, src/ui/large/yours.rs).
// It keeps the reader's files and the analysed corpus in IndexedDB, and runs the analyser wasm in
// a Web Worker made from a blob URL, so it works on any static host and over file://. Nothing is
// uploaded: the only requests are for the site's own analyser files, on the first analysis.
//
// Two IndexedDB stores: "workspace" holds one small record (key "current"):
//   { version, onlyMine, packed: Uint8Array, files: [{ name, size, status, reason, docs, key? }] }
// and "files" holds each added file's Blob under its `key`. Blobs are written once, in small
// batches (one transaction each, so no single task on the page is long), and the record only
// after them: a run that fails midway leaves the previous record whole. Results reach Rust as
// { packed, rows, onlyMine, note, saved? } with one tab-separated line per file in `rows`: an
// analysis is shown as soon as it is done and saved after (`saved` resolves to "" or to what
// went wrong), since writing 40 MB of files took ~2 s before the list could show them. Writes
// run one after another (`queued`), so the last record written is the last one shown.
"use strict";
globalThis.corpusWorkspace = (() => {
  const DB_NAME = "corpus-explorer";
  const STORE = "workspace";
  const KEY = "current";
  const WORKSPACE_FORMAT = "corpus-explorer-workspace";
  const WORKER_SOURCE = __WORKER_SOURCE__;
  let version = "";
  let record = null;
  let running = null;
  let analyserParts = null;
  // The reader's name corrections as an entities.toml, applied by the analyser after the
  // shipped one (src/ui/curation.rs writes it; saved under the key "edits").
  let curation = "";
  const EDITS_KEY = "edits";
  // On a served site (src/ui/large/yours.rs): the site's name table as an entities.toml, so
  // the reader's spellings join the site's names, and the result wanted as a static corpus's
  // files in one buffer (`shelf::bundle`) instead of a packed corpus.
  let site = null;
  // The last run's peak analyser memory and how many workers built its articles, for the
  // benchmark (bench/workspace.mjs).
  const lastRun = { memory: 0, workers: 0 };
  // How the per-article stage is shared: at most one worker per core (the first also joins the
  // runs and does the corpus-wide stages once), each given at least `minRunBytes` of text, since
  // a worker costs its start-up (~50 ms). The benchmark and the tests change them (`workers`).
  const analyserOptions = {
    workers: Math.max(1, Math.min(8, navigator.hardwareConcurrency || 1)),
    minRunBytes: 512 * 1024,
  };

  const FILES = "files";
  const BATCH = 100;
  let dbPromise = null;
  // Blobs read or written in this page, by key (a reload reads them back only when needed).
  const blobs = new Map();
  // The storage writes of this page, chained: each waits for the one before.
  let writes = Promise.resolve();
  // While one is under way (the panel says "Saving…"), leaving or reloading the page would
  // lose it: the browser asks first, as an editor's page does.
  let unsaved = 0;
  function askBeforeLeaving(event) {
    event.preventDefault();
    event.returnValue = "";
  }
  function queued(fn) {
    if (unsaved++ === 0) addEventListener("beforeunload", askBeforeLeaving);
    const done = writes.then(fn);
    writes = done.catch(() => {}).finally(() => {
      if (--unsaved === 0) removeEventListener("beforeunload", askBeforeLeaving);
    });
    return done;
  }

  function request(req) {
    return new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  function db() {
    if (!dbPromise) {
      const open = indexedDB.open(DB_NAME, 2);
      open.onupgradeneeded = () => {
        for (const name of [STORE, FILES]) if (!open.result.objectStoreNames.contains(name)) open.result.createObjectStore(name);
      };
      dbPromise = request(open);
      dbPromise.catch(() => { dbPromise = null; });
    }
    return dbPromise;
  }
  // Runs `fn(objectStore)` in one transaction and waits until it is committed.
  async function inStore(name, mode, fn) {
    const t = (await db()).transaction(name, mode);
    const done = new Promise((resolve, reject) => {
      t.oncomplete = resolve;
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error || new Error("the browser's storage refused the write"));
    });
    const value = fn(t.objectStore(name));
    await done;
    return value;
  }
  async function readRecord(key = KEY) {
    try {
      let rec = null;
      await inStore(STORE, "readonly", (os) => { os.get(key).onsuccess = (e) => { rec = e.target.result || null; }; });
      return rec;
    } catch (error) {
      console.warn("workspace: IndexedDB is not available", error);
      return null;
    }
  }
  async function writeRecord(next) {
    await inStore(STORE, "readwrite", (os) => (next ? os.put(next, KEY) : os.delete(KEY)));
  }
  async function writeBlobs(entries) {
    for (let i = 0; i < entries.length; i += BATCH) {
      await inStore(FILES, "readwrite", (os) => entries.slice(i, i + BATCH).forEach(([key, blob]) => os.put(blob, key)));
    }
  }
  async function deleteBlobs(keys) {
    for (let i = 0; i < keys.length; i += BATCH) {
      await inStore(FILES, "readwrite", (os) => keys.slice(i, i + BATCH).forEach((key) => os.delete(key)));
    }
    keys.forEach((key) => blobs.delete(key));
  }
  // The kept files with their Blobs, read from storage in batches when not in memory.
  async function withBlobs(files) {
    const missing = files.filter((f) => !blobs.has(f.key)).map((f) => f.key);
    for (let i = 0; i < missing.length; i += BATCH) {
      await inStore(FILES, "readonly", (os) => missing.slice(i, i + BATCH).forEach((key) => {
        os.get(key).onsuccess = (e) => { if (e.target.result) blobs.set(key, e.target.result); };
      }));
    }
    return files.filter((f) => blobs.has(f.key)).map((f) => ({ name: f.name, key: f.key, blob: blobs.get(f.key) }));
  }
  // Blobs no record points to (a run that stopped between its writes) are deleted.
  async function dropOrphans(rec) {
    try {
      const used = new Set(keptFiles(rec).map((f) => f.key));
      let keys = [];
      await inStore(FILES, "readonly", (os) => { os.getAllKeys().onsuccess = (e) => { keys = e.target.result; }; });
      await deleteBlobs(keys.filter((k) => !used.has(k)));
    } catch (error) {
      console.warn("workspace: could not tidy the stored files", error);
    }
  }
  let keyCounter = 0;
  function newKey() {
    keyCounter += 1;
    return `${Date.now().toString(36)}-${keyCounter}`;
  }

  function rowLine(f) {
    const clean = (s) => String(s ?? "").replace(/[\t\n\r]/g, " ");
    return [clean(f.name), f.size, f.status, clean(f.reason), (f.docs || []).join(" ")].join("\t");
  }
  function result(rec, note) {
    return {
      packed: rec && rec.packed ? rec.packed : null,
      rows: rec ? rec.files.map(rowLine).join("\n") : "",
      onlyMine: !!(rec && rec.onlyMine),
      note: note || "",
    };
  }

  // The analyser: hosted, its two files next to the page; in explorer.html, embedded (base64).
  async function loadAnalyser() {
    if (analyserParts) return analyserParts;
    const embeddedWasm = document.getElementById("analyser-wasm");
    let glue, wasm;
    if (embeddedWasm) {
      const decode = (id) => Uint8Array.from(atob(document.getElementById(id).textContent.trim()), (c) => c.charCodeAt(0));
      glue = new TextDecoder().decode(decode("analyser-glue"));
      wasm = decode("analyser-wasm");
    } else {
      const [g, w] = await Promise.all([fetch("./analyser.js"), fetch("./analyser_bg.wasm")]);
      if (!g.ok || !w.ok) throw new Error("the analyser files are missing from this site (analyser.js, analyser_bg.wasm)");
      glue = await g.text();
      wasm = new Uint8Array(await w.arrayBuffer());
    }
    const module = await WebAssembly.compile(wasm);
    analyserParts = { url: URL.createObjectURL(new Blob([glue, "\n", WORKER_SOURCE], { type: "text/javascript" })), module };
    return analyserParts;
  }

  // Runs one analysis of `files` ([{ name, blob }]) in a fresh worker, which asks for helper
  // workers (one per further run of articles, see analyser-worker.js) through `run` messages.
  async function analyse(files, onlyMine, onProgress) {
    if (running) throw new Error("an analysis is already running");
    const run = { workers: [], reject: null };
    running = run;
    try {
      const parts = await loadAnalyser();
      if (running !== run) throw new Error("cancelled");
      return await new Promise((resolve, reject) => {
        run.reject = reject;
        const start = () => {
          const worker = new Worker(parts.url);
          run.workers.push(worker);
          return worker;
        };
        const main = start();
        // The articles stage counts every worker's articles: the helpers' counts are added to
        // the main worker's, and a helper's progress repeats the main worker's last line.
        const helperDone = new Map();
        let lastText = "";
        const show = () => {
          if (!lastText) return;
          const fields = lastText.split("\t");
          if (fields[0] === "articles") {
            let done = Number(fields[1]) || 0;
            for (const d of helperDone.values()) done += d;
            // A failed helper's run is built by the main worker again: never past the total.
            fields[1] = String(Math.min(done, Number(fields[2]) || done));
          }
          onProgress(fields.join("\t"));
        };
        // A helper that fails, or cannot start, delivers nothing: the main worker then builds
        // that run itself, so the result is the same either way.
        const help = (m) => {
          let helper = null;
          const deliver = (packed) => {
            helperDone.set(m.run, packed ? m.ids.length : 0);
            main.postMessage({ type: "part", run: m.run, packed }, packed ? [packed.buffer] : []);
            if (helper) helper.terminate();
          };
          try {
            helper = start();
          } catch (error) {
            deliver(null);
            return;
          }
          helper.onmessage = (event) => {
            const h = event.data;
            if (h.type === "progress") {
              helperDone.set(m.run, h.done);
              show();
            } else deliver(h.type === "done" ? h.packed : null);
          };
          helper.onerror = (event) => {
            event.preventDefault();
            deliver(null);
          };
          helper.postMessage({ wasm: parts.module, run: { ids: m.ids, texts: m.texts } });
        };
        main.onmessage = (event) => {
          const m = event.data;
          if (m.type === "progress") {
            lastText = m.text;
            show();
          } else if (m.type === "run") help(m);
          else if (m.type === "done") {
            lastRun.memory = m.memory;
            lastRun.workers = m.workers;
            resolve({ packed: m.packed, rows: m.rows });
          }
          else reject(new Error(m.message));
        };
        main.onerror = (event) => {
          event.preventDefault();
          reject(new Error(event.message || "the analyser stopped"));
        };
        const rules = site ? `${site.names}\n${curation}` : curation;
        main.postMessage({ wasm: parts.module, files, onlyMine, curation: rules, shelve: !!site, ...analyserOptions });
      });
    } finally {
      for (const w of run.workers) w.terminate();
      if (running === run) running = null;
    }
  }

  // One request to a fresh analyser worker that answers with one "done" or one error.
  async function inWorker(message, transfer) {
    const parts = await loadAnalyser();
    const worker = new Worker(parts.url);
    try {
      return await new Promise((resolve, reject) => {
        worker.onmessage = (event) => (event.data.type === "done" ? resolve(event.data) : reject(new Error(event.data.message)));
        worker.onerror = (event) => {
          event.preventDefault();
          reject(new Error(event.message || "the analyser stopped"));
        };
        worker.postMessage({ wasm: parts.module, ...message }, transfer || []);
      });
    } finally {
      worker.terminate();
    }
  }

  function cancel() {
    if (!running) return;
    const run = running;
    running = null;
    for (const w of run.workers) w.terminate();
    if (run.reject) run.reject(new Error("cancelled"));
  }

  // A workspace file exported by `exportWorkspace` expands into the files it holds.
  async function expand(file) {
    if (!/\.json$/i.test(file.name) || file.size > 512 * 1024 * 1024) return [file];
    try {
      const data = JSON.parse(await file.text());
      if (!data || data.format !== WORKSPACE_FORMAT || !Array.isArray(data.files)) return [file];
      return data.files.map((f) => {
        const bytes = Uint8Array.from(atob(f.base64 || ""), (c) => c.charCodeAt(0));
        return new File([bytes], String(f.name || "unnamed.txt"));
      });
    } catch {
      return [file];
    }
  }

  // Analyse `kept` (stored files) and `added` (new File objects) together, then save, unless the
  // browser's storage is too short, which is said before anything is lost.
  async function analyseAndSave(kept, added, onlyMine, onProgress, skippedRows) {
    const stored = await withBlobs(kept);
    const inputs = stored.concat(added.map((f) => ({ name: displayName(f), key: null, blob: f })));
    const out = await analyse(inputs.map(({ name, blob }) => ({ name, blob })), onlyMine, onProgress);
    const lines = out.rows ? out.rows.split("\n") : [];
    const fresh = [];
    const files = inputs.map((input, i) => {
      const [name, size, status, reason, docs] = (lines[i] || "").split("\t");
      const row = { name: name || input.name, size: Number(size) || input.blob.size, status: status || "skipped", reason: reason || "", docs: docs ? docs.split(" ") : [] };
      if (row.status === "added") {
        row.key = input.key || newKey();
        if (!input.key) fresh.push([row.key, input.blob]);
        blobs.set(row.key, input.blob);
      }
      return row;
    });
    const next = { version, onlyMine, packed: out.packed, files: skippedRows.concat(files) };
    const previous = record;
    record = next;
    const need = fresh.reduce((sum, [, blob]) => sum + blob.size, 0) + out.packed.byteLength;
    const estimate = await storageEstimate();
    if (estimate && estimate.quota && estimate.quota - estimate.usage < need * 1.2) {
      return result(next, `Not enough browser storage to keep this workspace (needs about ${mb(need)}, ${mb(estimate.quota - estimate.usage)} free): it is shown now but will not survive a reload. The previously saved workspace is kept.`);
    }
    const saved = queued(async () => {
      await writeBlobs(fresh);
      await writeRecord(next);
      const live = new Set(keptFiles(next).map((f) => f.key));
      await deleteBlobs(keptFiles(previous).map((f) => f.key).filter((k) => !live.has(k)));
      return "";
    }).catch((error) => `The workspace could not be saved (${error && error.message || error}): it is shown but will not survive a reload.`);
    return { ...result(next, ""), saved };
  }

  function displayName(file) {
    return file.webkitRelativePath || file.name;
  }
  function mb(bytes) {
    return bytes >= 1073741824 ? (bytes / 1073741824).toFixed(1) + " GB" : (bytes / 1048576).toFixed(1) + " MB";
  }
  async function storageEstimate() {
    try {
      return navigator.storage && navigator.storage.estimate ? await navigator.storage.estimate() : null;
    } catch {
      return null;
    }
  }
  function keptFiles(rec) {
    return rec ? rec.files.filter((f) => f.status === "added" && f.key) : [];
  }
  function skippedFiles(rec) {
    return rec ? rec.files.filter((f) => f.status !== "added") : [];
  }

  return {
    // The saved workspace, or null. A record from another build of the site is re-analysed.
    async restore(siteVersion, onProgress) {
      version = siteVersion;
      const saved = await readRecord(EDITS_KEY);
      curation = (saved && saved.toml) || "";
      const edits = (saved && saved.lines) || "";
      const withEdits = (r) => (r ? { ...r, edits } : edits ? { ...result(null, ""), edits } : null);
      const rec = await readRecord();
      if (!rec || !Array.isArray(rec.files)) return withEdits(null);
      record = rec;
      dropOrphans(rec);
      if (rec.version === version && rec.packed) return withEdits(result(rec, ""));
      if (keptFiles(rec).length === 0) return withEdits(result({ ...rec, packed: null }, ""));
      return withEdits(await analyseAndSave(keptFiles(rec), [], !!rec.onlyMine, onProgress, skippedFiles(rec)));
    },
    async saveEdits(lines, toml) {
      curation = toml;
      await queued(() => inStore(STORE, "readwrite", (os) => (lines ? os.put({ lines, toml }, EDITS_KEY) : os.delete(EDITS_KEY))));
    },
    async add(fileList, onProgress) {
      const added = [];
      for (const f of Array.from(fileList || [])) added.push(...(await expand(f)));
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
      return analyseAndSave(keptFiles(record), added, !!(record && record.onlyMine), onProgress, skippedFiles(record));
    },
    async addText(text, onProgress) {
      const n = (record ? record.files.filter((f) => /^pasted-\d+\.txt$/.test(f.name)).length : 0) + 1;
      return this.add([new File([text], `pasted-${n}.txt`, { type: "text/plain" })], onProgress);
    },
    async remove(index, onProgress) {
      if (!record || !record.files[index]) return result(record, "");
      const rest = { ...record, files: record.files.filter((_, i) => i !== index) };
      if (keptFiles(rest).length === 0) {
        const next = rest.files.length ? { ...rest, packed: null } : null;
        const gone = keptFiles(record).map((f) => f.key);
        await queued(async () => {
          await writeRecord(next);
          await deleteBlobs(gone);
        });
        record = next;
        return result(record, "");
      }
      return analyseAndSave(keptFiles(rest), [], !!record.onlyMine, onProgress, skippedFiles(rest));
    },
    async setOnlyMine(onlyMine, onProgress) {
      if (!record || keptFiles(record).length === 0) {
        record = { version, onlyMine, packed: null, files: record ? record.files : [] };
        const next = record;
        await queued(() => writeRecord(next));
        return result(record, "");
      }
      return analyseAndSave(keptFiles(record), [], onlyMine, onProgress, skippedFiles(record));
    },
    async clear() {
      cancel();
      record = null;
      blobs.clear();
      await queued(async () => {
        await writeRecord(null);
        await inStore(FILES, "readwrite", (os) => os.clear());
      });
    },
    // Resolves once every storage write asked for so far is done (a test waits for it before
    // it reloads; the panel says "Saving…" meanwhile).
    idle() {
      return writes;
    },
    // Reads an entities.toml the reader picked; resolves to its rules and warnings as lines.
    async readOverrides(file) {
      if (file.size > 4 * 1048576) throw new Error("this file is too large to be an entities.toml");
      const text = await file.text();
      return (await inWorker({ toml: text })).lines;
    },
    // The page's packed corpus with the reader's edits applied, dates included (the date
    // stage runs in the worker); resolves to the packed result.
    async applyEdits(packed, edits) {
      return (await inWorker({ packed, edits }, [packed.buffer])).packed;
    },
    cancel,
    lastRun,
    // A served site's page: its names (an entities.toml) for the runs that follow.
    forSite(names) {
      site = { names: String(names || "") };
    },
    // For the benchmark and the tests: how many workers share the articles, and the least text
    // worth a worker of its own.
    configure({ workers, minRunBytes }) {
      if (workers >= 1) analyserOptions.workers = Math.floor(workers);
      if (minRunBytes >= 0) analyserOptions.minRunBytes = minRunBytes;
    },
    // Downloads every kept file in one JSON file that "Add articles" accepts elsewhere.
    async exportWorkspace() {
      const files = [];
      for (const f of await withBlobs(keptFiles(record))) {
        const bytes = new Uint8Array(await f.blob.arrayBuffer());
        let binary = "";
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
        files.push({ name: f.name, base64: btoa(binary) });
      }
      const blob = new Blob([JSON.stringify({ format: WORKSPACE_FORMAT, version: 1, files })], { type: "application/json" });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "workspace.corpus.json";
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    },
    async storageNote() {
      const e = await storageEstimate();
      const persisted = navigator.storage && navigator.storage.persisted ? await navigator.storage.persisted().catch(() => false) : false;
      if (!e || !e.quota) return "";
      return `Browser storage: ${mb(e.usage || 0)} used of ${mb(e.quota)}${persisted ? " (kept until you clear it)" : " (the browser may clear it when space runs low)"}.`;
    },
  };
})();
