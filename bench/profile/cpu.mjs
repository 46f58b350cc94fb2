// CPU-profile summaries shared by the profiling aids (bench/profile/served-*.mjs): the
// functions with the most time of their own, and with the most time under them.
import path from "node:path";

/** The `n` functions with the most self time, as lines "  12.3 ms  name file". */
export function top(profile, n = 20) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const name = `${f.functionName || "(anonymous)"} ${f.url ? path.basename(f.url) : ""}`.trim();
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return [...self]
    .filter(([k]) => k !== "(idle)")
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${v.toFixed(1).padStart(7)} ms  ${k}`);
}

/** Time under each function (itself and what it calls), by name: where the compute goes even
 * when LTO inlined the work into one caller. */
export function inclusive(profile, n) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const total = new Map();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at).callFrame;
      const name = (f.functionName || "(anonymous)").replace(/::h[0-9a-f]{16}$/, "");
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + dt);
    }
  });
  return [...total]
    .filter(([k]) => !["(root)", "(idle)", "(program)"].includes(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${v.toFixed(1).padStart(7)} ms  ${k.slice(0, 140)}`);
}

/** A served site in headless Chromium with the CPU profiler ready, and `measure(act)`: one
 * interaction (`act`) → settled (results not busy, a frame painted), with its time, requests,
 * script/task/layout/style time (Performance.getMetrics deltas) and the functions by self time
 * and by time under them. */
export async function profiledPage(dir) {
  const { chromium } = await import("playwright-core");
  const { serve } = await import("../server.mjs");
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
  const measure = async (act) => {
    const from = server.log.length;
    const m0 = await metrics();
    await cdp.send("Profiler.start");
    const t0 = await page.evaluate(() => performance.now());
    await act();
    const t1 = await settle();
    const profile = (await cdp.send("Profiler.stop")).profile;
    const m1 = await metrics();
    const requests = server.log.slice(from);
    return {
      ms: Math.round(t1 - t0),
      requests: requests.length,
      bytes: requests.reduce((n, r) => n + r.bytes, 0),
      paths: requests.map((r) => r.path.replace(/^\/site\/corpus\/[^/]+\//, "")),
      scriptMs: ms(m0, m1, "ScriptDuration"),
      taskMs: ms(m0, m1, "TaskDuration"),
      layoutMs: ms(m0, m1, "LayoutDuration"),
      styleMs: ms(m0, m1, "RecalcStyleDuration"),
      top: top(profile),
      inclusive: inclusive(profile, 25),
    };
  };
  await page.goto(`${server.url}/site/`);
  await page.waitForSelector(".chip", { timeout: 120000 });
  await settle();
  const close = async () => {
    await browser.close();
    await server.close();
  };
  return { page, settle, measure, close };
}
