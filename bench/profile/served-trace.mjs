// Profiling aid (not part of the bench run): where a keystroke's main-thread time goes on a
// served site, by trace event (script, style, layout, paint, network callbacks...), in headless
// Chromium via CDP tracing, typing one key at a time as bench/served.mjs does.
//
//   node bench/profile/served-trace.mjs <site dir> [query]
//
// Per key: time to settled and the renderer main thread's top-level trace events summed by
// name (children excluded, so the figures add up to the busy time).
import path from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../server.mjs";

const [dir, query = "linfen"] = process.argv.slice(2);
const server = await serve([["/site/", path.resolve(dir)]]);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const cdp = await page.context().newCDPSession(page);
const SETTLED = () => {
  const r = document.querySelector(".results");
  return !!r && r.getAttribute("aria-busy") === "false" && !document.getElementById("fetch-error");
};
const settle = async () => {
  await page.waitForFunction(SETTLED, null, { polling: 50, timeout: 120000 });
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
};
await page.goto(`${server.url}/site/`);
await page.waitForSelector(".chip", { timeout: 120000 });
await settle();
await page.focus("#search");

async function traced(act) {
  const events = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
  const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
  await cdp.send("Tracing.start", { categories: "devtools.timeline,v8.execute,blink,loading", transferMode: "ReportEvents" });
  const t0 = await page.evaluate(() => performance.now());
  await act();
  const t1 = await settle();
  await cdp.send("Tracing.end");
  await done;
  cdp.removeAllListeners("Tracing.dataCollected");
  return { ms: Math.round(t1 - t0), events };
}

function mainThreadSummary(events) {
  const names = events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const tids = new Set(names.map((e) => `${e.pid}:${e.tid}`));
  const main = events.filter((e) => tids.has(`${e.pid}:${e.tid}`) && e.ph === "X" && e.dur);
  main.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Self time by name: each event's duration less its direct children's.
  const self = new Map();
  const stack = [];
  for (const e of main) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) parent.childDur = (parent.childDur ?? 0) + e.dur;
    stack.push(e);
  }
  let busy = 0;
  for (const e of main) {
    const own = e.dur - (e.childDur ?? 0);
    self.set(e.name, (self.get(e.name) ?? 0) + own / 1000);
  }
  for (const e of main.filter((e) => e.name === "RunTask")) busy += e.dur / 1000;
  return { busy: Math.round(busy), self: [...self].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${k} ${v.toFixed(1)}`) };
}

let typed = "";
for (const ch of query) {
  typed += ch;
  const before = server.log.length;
  const { ms, events } = await traced(() => page.keyboard.type(ch));
  const s = mainThreadSummary(events);
  console.log(`${typed}: ${ms} ms, ${server.log.length - before} requests, main thread busy ${s.busy} ms`);
  console.log(`   ${s.self.join(" | ")}`);
}
await browser.close();
await server.close();
