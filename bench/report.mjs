// Markdown tables from the browser results (pasted into BENCHMARKS.md).
const kb = (n) => (n == null ? "–" : `${(n / 1024).toFixed(1)} KB`);
const mb = (n) => (n == null ? "–" : `${(n / 1048576).toFixed(1)} MB`);
const ms = (x) => (x == null || Number.isNaN(x) ? "–" : x < 1 ? `${x.toFixed(3)} ms` : x < 100 ? `${x.toFixed(1)} ms` : `${Math.round(x)} ms`);
const ratio = (a, b) => (a == null || b == null || !b ? "–" : `${(a / b).toFixed(2)}×`);
const hosted = (sizes) => sizes.filter((s) => s.file !== "explorer.html");
const sum = (xs, k) => xs.reduce((n, x) => n + x[k], 0);
const met = (ok) => (ok == null ? "not measured" : ok ? "**met**" : "**missed**");

export function markdown(results, { runs }) {
  const corpora = results.filter((r) => r.app);
  const bare = results.find((r) => r.bare)?.bare;
  const L = [];
  L.push(`Browser: ${corpora[0]?.browser ?? "?"} (headless); cold loads: median of ${runs} fresh browser contexts (3 at ≥ 5 000 docs).`, "");

  L.push("#### Transfer size (hosted files; raw / gzip -9 / brotli q11)", "");
  L.push("| site | files | raw | gzip | brotli | of which wasm (brotli) | single-file explorer.html (brotli) |", "|---|---:|---:|---:|---:|---:|---:|");
  for (const r of corpora) {
    const h = hosted(r.sizes);
    const wasm = h.find((s) => s.file.endsWith(".wasm"));
    const single = r.sizes.find((s) => s.file === "explorer.html");
    L.push(`| ${r.name} (${r.docs} docs, corpus ${mb(r.rawBytes)}) | ${h.length} | ${kb(sum(h, "raw"))} | ${kb(sum(h, "gzip"))} | ${kb(sum(h, "brotli"))} | ${kb(wasm?.brotli)} | ${kb(single?.brotli)} |`);
  }
  if (bare) {
    const h = bare.sizes;
    L.push(`| bare Leptos (floor) | ${h.length} | ${kb(sum(h, "raw"))} | ${kb(sum(h, "gzip"))} | ${kb(sum(h, "brotli"))} | ${kb(h.find((s) => s.file.endsWith(".wasm"))?.brotli)} | – |`);
  }
  const seeds = corpora.find((r) => r.name === "seeds");
  if (seeds) {
    L.push("", "Per file, seeds site:", "", "| file | raw | gzip | brotli |", "|---|---:|---:|---:|");
    for (const s of seeds.sizes) L.push(`| ${s.file.replace(/-[0-9a-f]{16}/, "-*")} | ${s.raw} | ${s.gzip} | ${s.brotli} |`);
  }

  L.push("", "#### Cold load (navigation start → chips and timeline painted)", "");
  L.push("| site | interactive p50 | p95 (max) | first contentful paint p50 | wasm instantiated p50 | longest task p50 |", "|---|---:|---:|---:|---:|---:|");
  for (const r of corpora) {
    const c = r.app.cold;
    L.push(`| ${r.name} | ${ms(c.interactive.p50)} | ${ms(c.interactive.max)} | ${ms(c.fcp.p50)} | ${ms(c.wasmInstantiated.p50)} | ${ms(c.longestTask.p50)} |`);
  }
  if (bare) L.push(`| bare Leptos (floor) | ${ms(bare.interactive.p50)} | ${ms(bare.interactive.max)} | ${ms(bare.fcp.p50)} | – | – |`);

  L.push("", "#### Interaction → painted (real input events; see Method)", "");
  L.push("| site | keystroke p50 | keystroke p95 | n | Esc (clear) p50 | chip click p50 | p95 | brush p50 | p95 | DOM unchanged / changed after paint |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of corpora) {
    const a = r.app;
    L.push(`| ${r.name} | ${ms(a.keystroke.p50)} | ${ms(a.keystroke.p95)} | ${a.keystroke.n} | ${ms(a.clear.p50)} | ${ms(a.chip.p50)} | ${ms(a.chip.p95)} | ${ms(a.brush.p50)} | ${ms(a.brush.p95)} | ${a.unchanged} / ${a.late} |`);
  }

  L.push("", "#### Memory after load (forced GC)", "");
  L.push("| site | raw corpus | wasm linear memory | JS heap used | total | total / raw |", "|---|---:|---:|---:|---:|---:|");
  for (const r of corpora) {
    const m = r.app.memory;
    L.push(`| ${r.name} | ${mb(m.rawCorpusBytes)} | ${mb(m.wasmLinearMemory)} | ${mb(m.jsHeapUsed)} | ${mb(m.total)} | ${m.ratio.toFixed(1)}× |`);
  }

  const withInfo = corpora.filter((r) => r.peers?.build?.ours?.info?.heapKept != null);
  if (withInfo.length) {
    L.push("", "Engine only (bench/engine, counting allocator; the packed bytes already in memory are not counted):", "");
    L.push("| site | heap kept by the loaded corpus | / raw | peak while loading | / raw | wasm memory after |", "|---|---:|---:|---:|---:|---:|");
    for (const r of withInfo) {
      const i = r.peers.build.ours.info;
      L.push(`| ${r.name} | ${mb(i.heapKept)} | ${(i.heapKept / r.rawBytes).toFixed(1)}× | ${mb(i.heapPeak)} | ${(i.heapPeak / r.rawBytes).toFixed(1)}× | ${mb(i.wasmMemory)} |`);
    }
  }

  const withPeers = corpora.filter((r) => r.peers);
  if (withPeers.length) {
    L.push("", "#### Indexing in the browser (same documents)", "");
    L.push("Ours: start-up is `pack::decode` of the corpus packed at build time plus rebuilding the search index (MB/s of raw corpus); the full pipeline (`Corpus::build`, run by build.rs, not in the page) is shown for reference.", "");
    L.push("| site | ours: decode + index | MB/s | packed size | ours: whole pipeline | MB/s | FlexSearch | MB/s | MiniSearch | MB/s |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const r of withPeers) {
      const b = r.peers.build;
      const cell = (e) => (b[e] ? `${ms(b[e].p50)} | ${b[e].mbPerS.toFixed(1)}` : "– | –");
      const i = b.ours?.info;
      const pipeline = i?.pipelineMs != null ? `${ms(i.pipelineMs)} | ${(r.rawBytes / 1e6 / (i.pipelineMs / 1e3)).toFixed(1)}` : "– | –";
      const packed = i?.packedBytes != null ? mb(i.packedBytes) : "–";
      L.push(`| ${r.name} | ${cell("ours")} | ${packed} | ${pipeline} | ${cell("flexsearch")} | ${cell("minisearch")} |`);
    }
    L.push("", "#### Query latency in the browser, engine only (median per call; hits in brackets)", "");
    for (const r of withPeers) {
      L.push(`${r.name} (${r.docs} docs):`, "", "| query | ours | FlexSearch | MiniSearch | ours / Flex | ours / Mini |", "|---|---:|---:|---:|---:|---:|");
      const names = [...new Set(r.peers.queries.map((q) => q.query))];
      for (const n of names) {
        const get = (e) => r.peers.queries.find((q) => q.engine === e && q.query === n);
        const [o, f, m] = ["ours", "flexsearch", "minisearch"].map(get);
        const cell = (x) => (x ? `${ms(x.p50)} (${x.hits})` : "–");
        L.push(`| ${n} | ${cell(o)} | ${cell(f)} | ${cell(m)} | ${ratio(o?.p50, f?.p50)} | ${ratio(o?.p50, m?.p50)} |`);
      }
      L.push("");
    }
    L.push("#### Pagefind (same documents as one HTML page each; its npm binary, offline)", "");
    L.push("| site | index build | index on disk (files) | fragments | init: bytes / ms |", "|---|---:|---:|---:|---:|");
    for (const r of withPeers) {
      const p = r.peers.pagefind;
      if (!p) continue;
      L.push(`| ${r.name} | ${ms(p.index.buildMs)} | ${kb(p.index.total.bytes)} (${p.index.total.files}) | ${kb(p.index.fragments.bytes)} | ${kb(p.initBytes)} / ${ms(p.initMs)} |`);
    }
    L.push("", "| site | query | hits | first search: bytes fetched | first search + 10 results' data | repeat: search p50 | repeat + data p50 |", "|---|---|---:|---:|---:|---:|---:|");
    for (const r of withPeers) {
      for (const q of r.peers.pagefind?.queries ?? []) {
        L.push(`| ${r.name} | ${q.query} | ${q.hits} | ${kb(q.coldBytes)} | ${ms(q.coldMs)} | ${ms(q.warm.p50)} | ${ms(q.warmWithData.p50)} |`);
      }
    }
  }

  // Targets of issue 6.
  L.push("", "#### Targets (issue 6)", "");
  L.push("| target | measured | status |", "|---|---|---|");
  if (seeds) {
    const br = sum(hosted(seeds.sizes), "brotli");
    L.push(`| whole app, seeds, ≤ 120 KB brotli | ${kb(br)} | ${met(br <= 120 * 1024)} |`);
    L.push(`| cold load ≤ 150 ms (seeds) | ${ms(seeds.app.cold.interactive.p50)} | ${met(seeds.app.cold.interactive.p50 <= 150)} |`);
    L.push(`| keystroke → paint p95 ≤ 16.7 ms, seeds | ${ms(seeds.app.keystroke.p95)} | ${met(seeds.app.keystroke.p95 <= 16.7)} |`);
  }
  const big = corpora.find((r) => r.name === "10000");
  if (big) L.push(`| keystroke → paint p95 ≤ 16.7 ms, 10 000 docs | ${ms(big.app.keystroke.p95)} | ${met(big.app.keystroke.n ? big.app.keystroke.p95 <= 16.7 : null)} |`);
  for (const r of withPeers) {
    const text = r.peers.queries.filter((q) => q.engine === "ours" && r.peers.queries.some((p) => p.engine === "flexsearch" && p.query === q.query));
    const rf = text.map((q) => q.p50 / r.peers.queries.find((p) => p.engine === "flexsearch" && p.query === q.query).p50);
    const rm = text.map((q) => q.p50 / r.peers.queries.find((p) => p.engine === "minisearch" && p.query === q.query).p50);
    const gm = (xs) => Math.exp(xs.reduce((n, x) => n + Math.log(x), 0) / xs.length);
    if (text.length) {
      L.push(`| query time ≤ FlexSearch (${r.name}; geometric mean of ours/theirs over ${text.length} queries) | ${gm(rf).toFixed(2)}× | ${met(gm(rf) <= 1)} |`);
      L.push(`| query time ≤ ½ MiniSearch (${r.name}) | ${gm(rm).toFixed(2)}× | ${met(gm(rm) <= 0.5)} |`);
    }
    if (r.peers.build.ours) L.push(`| in-browser indexing ≥ 20 MB/s (${r.name}) | ${r.peers.build.ours.mbPerS.toFixed(1)} MB/s | ${met(r.peers.build.ours.mbPerS >= 20)} |`);
  }
  for (const r of corpora) L.push(`| heap ≤ 3× raw corpus (${r.name}) | ${r.app.memory.ratio.toFixed(1)}× | ${met(r.app.memory.ratio <= 3)} |`);
  const notes = corpora.flatMap((r) => [...(r.app.notes ?? []), ...(r.peers?.notes ?? [])].map((n) => `- ${r.name}: ${n}`));
  if (notes.length) L.push("", "Notes from the run:", "", ...notes);
  return L.join("\n") + "\n";
}
