// The analyser's Web Worker. The page builds it from a blob: wasm-bindgen's `no-modules` glue for
// `src/bin/analyser.rs` (which defines `wasm_bindgen`), then this file. Nothing here is fetched:
// the page posts the wasm bytes and the files. One message in, progress messages and one result
// (or one error) out; the page ends the worker afterwards, so no state outlives a run.
"use strict";
// What one run reads at most. The pipeline needs several times the text's size in memory, and
// a wasm32 worker has at most 4 GB: 256 MB of text stays well inside that. Files past it are
// listed as skipped with this reason; everything before them is analysed.
const BUDGET_BYTES = 256 * 1048576;
self.onmessage = async (event) => {
  const { wasm, files, onlyMine, curation, shelve, toml, packed, edits, run, workers, minRunBytes } = event.data;
  // A helper: the per-article stage over one run of articles, for the worker that joins them.
  if (run) {
    try {
      await wasm_bindgen({ module_or_path: wasm });
      let last = 0;
      const out = wasm_bindgen.build_documents(run.ids, run.texts, (done) => {
        const now = Date.now();
        if (now - last < 100) return;
        last = now;
        self.postMessage({ type: "progress", done });
      });
      self.postMessage({ type: "done", packed: out }, [out.buffer]);
    } catch (error) {
      self.postMessage({ type: "error", message: String(error && error.message || error) });
    }
    return;
  }
  // The page's corpus with the dates the reader set: the date stage is here, not in the page.
  if (typeof edits === "string") {
    try {
      await wasm_bindgen({ module_or_path: wasm });
      const out = wasm_bindgen.apply_edits(packed, edits);
      self.postMessage({ type: "done", packed: out }, [out.buffer]);
    } catch (error) {
      self.postMessage({ type: "error", message: String(error && error.message || error) });
    }
    return;
  }
  // Reading an imported entities.toml: the page has no TOML parser; this wasm has.
  if (typeof toml === "string") {
    try {
      await wasm_bindgen({ module_or_path: wasm });
      self.postMessage({ type: "done", lines: wasm_bindgen.parse_overrides(toml) });
    } catch (error) {
      self.postMessage({ type: "error", message: String(error && error.message || error) });
    }
    return;
  }
  // At most ~10 progress messages a second: posting one per file would flood the page at 5 000.
  let last = 0;
  const report = (phase, done, total, bytesDone, bytesTotal, current, force) => {
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    self.postMessage({ type: "progress", text: [phase, done, total, bytesDone, bytesTotal, current].join("\t") });
  };
  try {
    await wasm_bindgen({ module_or_path: wasm });
    const analysis = new wasm_bindgen.Analysis();
    const bytesTotal = files.reduce((sum, f) => sum + f.blob.size, 0);
    let bytesDone = 0;
    const rows = [];
    // Files are read a few at a time: each read is a round trip to the browser, and waiting for
    // one before asking for the next left the worker idle most of the time with many small files.
    const READ_AHEAD = 16;
    const reads = new Map();
    const read = (i) => {
      if (i < files.length && !reads.has(i) && bytesDone + files[i].blob.size <= BUDGET_BYTES) {
        reads.set(i, files[i].blob.arrayBuffer().then((b) => new Uint8Array(b), (error) => error));
      }
    };
    for (let i = 0; i < files.length; i++) {
      const file = files[i];
      report("reading", i, files.length, bytesDone, bytesTotal, file.name, i === 0);
      if (bytesDone + file.blob.size > BUDGET_BYTES) {
        rows.push(analysis.skipped(file.name, file.blob.size, `over the ${BUDGET_BYTES / 1048576} MB a workspace can analyse at once; the files before it were added`));
        continue;
      }
      for (let k = i; k < i + READ_AHEAD; k++) read(k);
      const bytes = await reads.get(i);
      reads.delete(i);
      if (!(bytes instanceof Uint8Array)) {
        rows.push(analysis.skipped(file.name, file.blob.size, `the browser could not read it (${bytes && bytes.message || bytes})`));
        continue;
      }
      rows.push(analysis.add(file.name, bytes));
      bytesDone += file.blob.size;
    }
    report("analysing", 0, 1, bytesDone, bytesTotal, "", true);
    const progress = (stage, done, total) => report(stage, done, total, bytesDone, bytesTotal, "", false);
    // The articles are cut into runs: this worker builds the first, the page gives each other
    // run to a helper worker (the same code, one per core) and passes its packed articles back
    // as a "part"; a part that is missing (the helper failed) is built here by `finish`.
    const runs = analysis.prepare(!!onlyMine, workers || 1, minRunBytes || 0);
    const parts = new Map();
    let wake = null;
    self.onmessage = (e) => {
      if (e.data && e.data.type === "part") {
        parts.set(e.data.run, e.data.packed);
        if (wake) wake();
      }
    };
    for (let r = 1; r < runs; r++) {
      self.postMessage({ type: "run", run: r, ids: analysis.run_ids(r), texts: analysis.run_texts(r) });
    }
    analysis.build_run(0, progress);
    while (parts.size < runs - 1) await new Promise((resolve) => (wake = resolve));
    for (const [r, bytes] of parts) if (bytes) analysis.take_run(r, bytes);
    const packed = analysis.finish(curation || "", !!shelve, progress);
    self.postMessage({ type: "done", packed, rows: rows.join("\n"), memory: wasm_bindgen.memory_bytes(), workers: runs }, [packed.buffer]);
  } catch (error) {
    // A panic in the wasm arrives here as a RuntimeError: the page shows it and stays usable.
    self.postMessage({ type: "error", message: String(error && error.message || error) });
  }
};
