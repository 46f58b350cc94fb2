// Profiling aid (not part of the bench run): where a keystroke's time goes on a served site,
// in headless Chromium via CDP, as bench/served.mjs types (one key at a time, files kept).
//
//   node bench/profile/served-keys.mjs <site dir> [query] [> profile.json]
//
// Per key: the time to settled, the requests and their bytes, the page's script and task time
// (Performance.getMetrics deltas) and the top functions by self time (CPU profiler, 100 µs).
// Use a site whose wasm kept its function names (bench/profile/build-named.sh) to read them.
import path from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../server.mjs";
import { top, inclusive } from "./cpu.mjs";

const [dir, query = "counterfeit goods"] = process.argv.slice(2);
const server = await serve([["/site/", path.resolve(dir)]]);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const cdp = await page.context().newCDPSession(page);
await cdp.send("Performance.enable");
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 100 });

const SETTLED = () => {
  const r = document.querySelector(".results");
  return !!r && r.getAttribute("aria-busy") === "false" && !document.getElementById("fetch-error");
};
const settle = async () => {
  await page.waitForFunction(SETTLED, null, { polling: "raf", timeout: 120000 });
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
};
const metrics = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
const ms = (a, b, key) => Math.round((b[key] - a[key]) * 1000);



await page.goto(`${server.url}/site/`);
await page.waitForSelector(".chip", { timeout: 120000 });
await settle();
await page.focus("#search");
const keys = [];
let typed = "";
for (const ch of query) {
  typed += ch;
  const from = server.log.length;
  const m0 = await metrics();
  await cdp.send("Profiler.start");
  const t0 = await page.evaluate(() => performance.now());
  await page.keyboard.type(ch);
  const t1 = await settle();
  const profile = (await cdp.send("Profiler.stop")).profile;
  const m1 = await metrics();
  const requests = server.log.slice(from);
  keys.push({
    typed,
    ms: Math.round(t1 - t0),
    requests: requests.length,
    bytes: requests.reduce((n, r) => n + r.bytes, 0),
    paths: requests.map((r) => r.path.replace(/^\/site\/corpus\/[^/]+\//, "")),
    scriptMs: ms(m0, m1, "ScriptDuration"),
    taskMs: ms(m0, m1, "TaskDuration"),
    layoutMs: ms(m0, m1, "LayoutDuration"),
    styleMs: ms(m0, m1, "RecalcStyleDuration"),
    top: top(profile, 12),
    inclusive: inclusive(profile, 25),
  });
}
console.log(JSON.stringify({ site: dir, query, keys }, null, 1));
await browser.close();
await server.close();
