// Firefox (optional): the explorer's cold load and keystroke → paint in headless Firefox ESR,
// driven by geckodriver over classic WebDriver (playwright-core's BiDi channel does not work with
// ESR 153). The instrumentation is the same script as in Chromium (app.mjs), injected by the
// server as the first <script> of index.html (allowed by the page's CSP: same origin).
//
//   node bench/firefox.mjs [--sites seeds,1000] [--runs 3] [--out bench-out]
//
// A site named served-N (a served corpus, target/bench-sites/served-N from target/synth/N) is
// measured as bench/served.mjs measures it in Chromium: cold load → chips, timeline and first
// row painted and settled; the first two chips clicked at start, then the benchmark's five
// queries typed one key at a time, each followed by the first two chips clicked, each → settled
// (the results no longer `aria-busy`, then a painted frame), timed inside the page
// (SERVED_INIT) so the driver's polling adds nothing.
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { spawn, execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { INIT_SCRIPT, stats } from "./app.mjs";
import { serve } from "./server.mjs";
import { SERVED_INIT } from "./probe.mjs";
import { readCorpus, queries } from "./corpus.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const sites = opt("sites", "seeds,1000").split(",");
const runs = Number(opt("runs", "3"));
const outDir = path.resolve(ROOT, opt("out", "bench-out"));
const gecko = opt("geckodriver", path.join(os.homedir(), ".cargo/bin/geckodriver"));
const firefoxBin = opt("firefox", "/usr/bin/firefox-esr");

const port = 4444 + Math.floor(Math.random() * 1000);
const driver = spawn(gecko, ["--port", String(port)], { stdio: "ignore", detached: true });
const base = `http://127.0.0.1:${port}`;
const wd = async (method, url, body) => {
  const r = await fetch(base + url, { method, headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
  const j = await r.json();
  if (j.value && j.value.error) throw new Error(`${url}: ${j.value.error}: ${j.value.message}`);
  return j.value;
};
for (let i = 0; i < 50; i++) {
  try {
    await fetch(base + "/status");
    break;
  } catch {
    await new Promise((r) => setTimeout(r, 100));
  }
}
const version = execFileSync(firefoxBin, ["--version"]).toString().trim();


async function session() {
  const s = await wd("POST", "/session", {
    capabilities: { alwaysMatch: { browserName: "firefox", "moz:firefoxOptions": { binary: firefoxBin, args: ["-headless", "--width=1280", "--height=900"] } } },
  });
  const id = s.sessionId;
  return {
    go: (url) => wd("POST", `/session/${id}/url`, { url }),
    js: (script, a = []) => wd("POST", `/session/${id}/execute/sync`, { script, args: a }),
    keys: (text) =>
      wd("POST", `/session/${id}/actions`, {
        actions: [{ type: "key", id: "kb", actions: [...text].flatMap((c) => [{ type: "keyDown", value: c }, { type: "keyUp", value: c }]) }],
      }),
    click: async (css, k = 0) => {
      const els = await wd("POST", `/session/${id}/elements`, { using: "css selector", value: css });
      if (!els[k]) return false;
      await wd("POST", `/session/${id}/element/${Object.values(els[k])[0]}/click`, {});
      return true;
    },
    close: () => wd("DELETE", `/session/${id}`),
  };
}
const until = async (s, expr, timeout = 600000) => {
  const t0 = Date.now();
  for (;;) {
    const v = await s.js(`return ${expr};`);
    if (v) return v;
    if (Date.now() - t0 > timeout) throw new Error(`timeout waiting for ${expr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** The served page: cold loads, then typing and chips in one page (its fetched files kept). */
async function measureServed(name) {
  const siteDir = path.join(ROOT, "target/bench-sites", name);
  const corpusDir = path.join(ROOT, "target/synth", name.replace(/^served-/, ""));
  const files = fs.readdirSync(corpusDir).filter((f) => /\.(txt|md)$/.test(f)).sort();
  const step = Math.max(1, Math.floor(files.length / 3000));
  const sample = files.filter((_, i) => i % step === 0).map((f) => ({ text: fs.readFileSync(path.join(corpusDir, f), "utf8") }));
  const inst = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ff-"));
  fs.writeFileSync(path.join(inst, "bench-init.js"), SERVED_INIT);
  fs.writeFileSync(path.join(inst, "index.html"), fs.readFileSync(path.join(siteDir, "index.html"), "utf8").replace("<head>", '<head><script src="./bench-init.js"></script>'));
  const server = await serve([["/site/index.html", path.join(inst, "index.html")], ["/site/bench-init.js", path.join(inst, "bench-init.js")], ["/site/", siteDir]]);
  const cold = [];
  const keys = [];
  const chips = [];
  const timed = async (s, act) => {
    await s.js("window.__served.arm()");
    if ((await act()) === false) return null;
    await until(s, "window.__served.cur.t1 !== null", 120000);
    return s.js("const c = window.__served.cur; return c.t1 - c.t0;");
  };
  try {
    for (let i = 0; i < runs; i++) {
      const s = await session();
      try {
        await s.go(`${server.url}/site/index.html`);
        cold.push(await until(s, "window.__served && window.__served.first"));
        if (i > 0) continue;
        // The chips at start first (no query typed), as served.mjs.
        for (const q of [{ name: "start", text: "" }, ...queries(sample)]) {
          await s.js("const e = document.getElementById('search'); e.value = ''; e.dispatchEvent(new Event('input', { bubbles: true })); e.focus();");
          await until(s, "document.querySelector('.results')?.getAttribute('aria-busy') === 'false'");
          for (const ch of q.text) keys.push({ query: q.text, ms: await timed(s, () => s.keys(ch)) });
          for (let k = 0; k < 2; k++) {
            const ms = await timed(s, () => s.click(".chip", k));
            if (ms !== null) chips.push({ query: q.text, ms });
          }
          // Every filter off before the next query, as served.mjs does.
          await s.click("#clear-all");
          await until(s, "document.querySelector('.results')?.getAttribute('aria-busy') === 'false'");
        }
      } finally {
        await s.close();
      }
    }
  } finally {
    await server.close();
    fs.rmSync(inst, { recursive: true, force: true });
  }
  return { name, browser: version, served: true, cold: stats(cold), keystroke: stats(keys.map((k) => k.ms)), chip: stats(chips.map((c) => c.ms)), keystrokes: keys, chips };
}

const results = [];
try {
  for (const name of sites) {
    if (name.startsWith("served-")) {
      const entry = await measureServed(name);
      results.push(entry);
      console.error(`[firefox] ${name}: first view p50 ${entry.cold.p50?.toFixed(0)} ms, keystroke p50 ${entry.keystroke.p50?.toFixed(0)} / p95 ${entry.keystroke.p95?.toFixed(0)} ms, chip p50 ${entry.chip.p50?.toFixed(0)} / p95 ${entry.chip.p95?.toFixed(0)} ms`);
      continue;
    }
    const siteDir = path.join(ROOT, "target/bench-sites", name);
    const corpusDir = name === "seeds" ? path.join(ROOT, "seeds") : path.join(ROOT, "target/synth", name);
    const { docs } = readCorpus(corpusDir);
    const typing = queries(docs).filter((q) => !q.prefix).map((q) => q.text);
    // index.html with the instrumentation as its first script.
    const inst = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ff-"));
    fs.writeFileSync(path.join(inst, "bench-init.js"), INIT_SCRIPT);
    fs.writeFileSync(path.join(inst, "index.html"), fs.readFileSync(path.join(siteDir, "index.html"), "utf8").replace("<head>", '<head><script src="./bench-init.js"></script>'));
    const server = await serve([["/site/index.html", path.join(inst, "index.html")], ["/site/bench-init.js", path.join(inst, "bench-init.js")], ["/site/", siteDir]]);
    const cold = [];
    const keystroke = [];
    try {
      for (let i = 0; i < runs; i++) {
        const s = await session();
        try {
          await s.go(`${server.url}/site/index.html`);
          cold.push(await until(s, "window.__bench && window.__bench.marks.interactive"));
          if (i === 0) {
            await s.click("#search");
            for (const text of typing) {
              for (const ch of text) {
                await s.js("window.__bench.arm('keydown')");
                await s.keys(ch);
                await until(s, "window.__bench.cur.t1 !== null", 120000);
                await new Promise((r) => setTimeout(r, 40));
                keystroke.push(await s.js("const c = window.__bench.cur; return { ms: c.t1 - c.t0, muts: c.muts };"));
              }
              await s.keys("\uE00C"); // Escape
              await new Promise((r) => setTimeout(r, 100));
            }
          }
        } finally {
          await s.close();
        }
      }
    } finally {
      await server.close();
      fs.rmSync(inst, { recursive: true, force: true });
    }
    const entry = { name, browser: version, cold: stats(cold), keystroke: stats(keystroke.map((k) => k.ms)), keystrokes: keystroke };
    results.push(entry);
    console.error(`[firefox] ${name}: interactive p50 ${entry.cold.p50?.toFixed(0)} ms, keystroke p50 ${entry.keystroke.p50?.toFixed(1)} / p95 ${entry.keystroke.p95?.toFixed(1)} ms`);
  }
} finally {
  process.kill(-driver.pid);
}
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, "firefox.json"), JSON.stringify(results, null, 1));
const md = [
  `Firefox: ${version} (headless, geckodriver); cold loads: median of ${runs}; keystrokes: one typing run.`,
  "",
  "| site | interactive p50 | max | keystroke → paint p50 | p95 | n |",
  "|---|---:|---:|---:|---:|---:|",
  ...results.map((r) => `| ${r.name} | ${Math.round(r.cold.p50)} ms | ${Math.round(r.cold.max)} ms | ${r.keystroke.p50?.toFixed(1)} ms | ${r.keystroke.p95?.toFixed(1)} ms | ${r.keystroke.n} |`),
  ...results.filter((r) => r.served).map((r) => `\n${r.name}: chip click → settled p50 ${r.chip.p50?.toFixed(1)} ms, p95 ${r.chip.p95?.toFixed(1)} ms (n ${r.chip.n}).`),
].join("\n");
fs.writeFileSync(path.join(outDir, "firefox.md"), md + "\n");
console.log(md);
