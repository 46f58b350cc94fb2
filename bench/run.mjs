// The browser benchmark driver. Normally run by `bash scripts/bench.sh`; directly:
//
//   node bench/run.mjs [--sites seeds,1000,10000] [--runs 5] [--out bench-out] [--firefox]
//
// For each corpus: transfer sizes of the built site (target/bench-sites/<name>), the explorer in
// headless Chromium (cold load, keystroke/chip/brush → paint, memory), and the peers on the same
// documents and queries (peers.mjs). Writes <out>/browser-<name>.json and <out>/browser.md, and
// prints the markdown.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";
import { readCorpus, queries } from "./corpus.mjs";
import { measureApp, summariseApp } from "./app.mjs";
import { measurePeers, bareLeptos } from "./peers.mjs";
import { markdown } from "./report.mjs";
import { sizes } from "./sizes.mjs";
import { HERE, ROOT, opt, flag } from "./cli.mjs";

const sites = opt("sites", "seeds,1000,10000").split(",").filter(Boolean);
const runs = Number(opt("runs", "5"));
const outDir = path.resolve(ROOT, opt("out", "bench-out"));
const chromePath = opt("chromium", process.env.CHROMIUM ?? "/usr/bin/chromium");
const skipPeers = flag("no-peers");
fs.mkdirSync(outDir, { recursive: true });

// A variant site (e.g. "1000-cap400", an experiment) uses the corpus of its base name.
const corpusDir = (name) => {
  const base = name.split("-")[0];
  return base === "seeds" ? path.join(ROOT, "seeds") : path.join(ROOT, "target/synth", base);
};

const browser = await chromium.launch({
  executablePath: chromePath,
  headless: true,
  args: ["--enable-precise-memory-info", "--no-sandbox"],
});
const version = browser.version();
const results = [];
try {
  for (const name of sites) {
    const siteDir = path.join(ROOT, "target/bench-sites", name);
    if (!fs.existsSync(path.join(siteDir, "index.html"))) {
      console.error(`[bench] ${siteDir} missing: build it first (scripts/bench.sh does)`);
      continue;
    }
    const { docs, rawBytes } = readCorpus(corpusDir(name));
    const qs = queries(docs);
    const big = docs.length >= 5000;
    const server = await serve([
      ["/site/", siteDir],
      ["/peers/", path.join(HERE, "peers")],
      ["/nm/", path.join(HERE, "node_modules")],
      ["/engine/", path.join(ROOT, "target/bench-engine/pkg")],
      ["/pagefind/", path.join(ROOT, "target/bench-pagefind", name, "site")],
      ["/bare/", path.join(ROOT, "target/bench-sites/bare-leptos")],
      ["/data/", path.join(ROOT, "target/bench-data")],
    ]);
    try {
      console.error(`[bench] ${name}: ${docs.length} docs, ${(rawBytes / 1e6).toFixed(2)} MB; sizes…`);
      const size = sizes(siteDir);
      console.error(`[bench] ${name}: explorer in Chromium ${version}…`);
      const app = await measureApp({
        browser,
        cdp: true,
        url: `${server.url}/site/`,
        runs: big ? Math.min(runs, 3) : runs,
        interactionRuns: big ? 1 : 2,
        typing: qs.filter((q) => !q.prefix).map((q) => q.text),
        timeout: 300000,
      });
      const entry = { name, docs: docs.length, rawBytes, browser: `Chromium ${version}`, sizes: size, app: summariseApp(app, rawBytes), appRaw: app, queries: qs };
      if (!skipPeers) {
        console.error(`[bench] ${name}: peers…`);
        entry.peers = await measurePeers({ browser, server, name, docs, qs, root: ROOT, runs: big ? 3 : 5 });
      }
      results.push(entry);
      fs.writeFileSync(path.join(outDir, `browser-${name}.json`), JSON.stringify(entry, null, 1));
    } finally {
      await server.close();
    }
  }
  if (!skipPeers) {
    const bare = await bareLeptos({ browser, root: ROOT, runs });
    if (bare) {
      fs.writeFileSync(path.join(outDir, "browser-bare-leptos.json"), JSON.stringify(bare, null, 1));
      results.push({ name: "bare-leptos", bare });
    }
  }
} finally {
  await browser.close();
}
const md = markdown(results, { runs });
fs.writeFileSync(path.join(outDir, "browser.md"), md);
console.log(md);
