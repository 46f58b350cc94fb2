// Profiling aid for BENCHMARKS.md (not part of the bench run): where the time of a cold load
// and of a typed query goes, in headless Chromium, via CDP.
//
//   node bench/profile/profile.mjs <site dir> [typed text] [> profile.json]
//
// Prints (1) Performance.getMetrics deltas (script, layout, style recalculation, task time) for
// the load and for typing, and (2) the top functions by self time from the CPU profiler
// (sampling every 100 µs). Use a site from build-named.sh to see Rust function names.
import path from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../server.mjs";
import { INIT_SCRIPT } from "../app.mjs";

const [dir, typed = "counterfeit goods"] = process.argv.slice(2);
const server = await serve([["/site/", path.resolve(dir)]]);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.addInitScript({ content: INIT_SCRIPT });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Performance.enable");
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 100 });

const metrics = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
const delta = (a, b) => {
  const keys = ["TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration", "LayoutCount", "RecalcStyleCount", "Nodes", "JSHeapUsedSize"];
  return Object.fromEntries(keys.map((k) => [k, k.endsWith("Duration") ? Math.round((b[k] - (a[k] ?? 0)) * 1000) + " ms" : b[k] - (a[k] ?? 0)]));
};

function top(profile, n = 25) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const f = node.callFrame;
    const name = `${f.functionName || "(anonymous)"} ${f.url ? path.basename(f.url) : ""}`.trim();
    self.set(name, (self.get(name) ?? 0) + (dt[i + 1] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return {
    totalMs: Math.round(total),
    top: [...self].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(1).padStart(8)} ms ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`),
  };
}

const m0 = await metrics();
await cdp.send("Profiler.start");
await page.goto(`${server.url}/site/`, { waitUntil: "commit" });
await page.waitForFunction(() => window.__bench.marks.interactive, null, { timeout: 600000, polling: 50 });
const load = (await cdp.send("Profiler.stop")).profile;
const m1 = await metrics();
const interactive = await page.evaluate(() => window.__bench.marks.interactive);

await page.locator("#search").click();
await page.waitForTimeout(300);
const m2 = await metrics();
await cdp.send("Profiler.start");
for (const ch of typed) {
  await page.keyboard.type(ch);
  await page.waitForTimeout(50);
}
await page.waitForTimeout(300);
const typing = (await cdp.send("Profiler.stop")).profile;
const m3 = await metrics();

const report = {
  site: dir,
  interactive,
  load: { metrics: delta(m0, m1), ...top(load) },
  typing: { text: typed, keystrokes: typed.length, metrics: delta(m2, m3), ...top(typing) },
};
console.log(JSON.stringify(report, null, 1));
await browser.close();
await server.close();
