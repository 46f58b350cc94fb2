import { chromium } from "playwright-core";
import { serve } from "./server.mjs";
const siteDir = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
const server = await serve([["/site/", siteDir]], 0, {});
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", ...(process.env.JSFLAGS ? [`--js-flags=${process.env.JSFLAGS}`] : [])] });
const FIRST_VIEW = () => {
  const r = document.querySelector(".results");
  return !!(document.querySelector(".chip") && document.querySelector(".month-bar") && document.querySelector(".result-title"))
    && !!r && r.getAttribute("aria-busy") === "false";
};
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/site/`);
  await page.waitForFunction(FIRST_VIEW, null, { polling: "raf", timeout: 120000 });
  const t = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
  const entries = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => [e.name.replace(/.*\/site\//, ""), Math.round(e.startTime), Math.round(e.responseEnd), e.transferSize]));
  const nav = await page.evaluate(() => { const n = performance.getEntriesByType("navigation")[0]; return [Math.round(n.responseEnd), Math.round(n.domContentLoadedEventEnd)]; });
  console.log(`run ${i}: interactive ${Math.round(t)} ms; nav responseEnd/DCL ${nav}`);
  for (const e of entries) console.log("  ", e.join("\t"));
  await context.close();
}
await browser.close();
server.close?.();
process.exit(0);
