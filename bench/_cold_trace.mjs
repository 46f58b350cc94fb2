import fs from "node:fs";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";
const siteDir = process.argv[2];
const server = await serve([["/site/", siteDir]], 0, {});
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", ...(process.env.JSFLAGS ? [`--js-flags=${process.env.JSFLAGS}`] : [])] });
const FIRST_VIEW = () => {
  const r = document.querySelector(".results");
  return !!(document.querySelector(".chip") && document.querySelector(".month-bar") && document.querySelector(".result-title"))
    && !!r && r.getAttribute("aria-busy") === "false";
};
const page = await (await browser.newContext()).newPage();
await browser.startTracing(page, { path: "/tmp/w/cold.trace.json", categories: ["devtools.timeline", "v8", "v8.wasm", "disabled-by-default-v8.compile", "blink", "loading", "toplevel", "disabled-by-default-devtools.timeline"] });
await page.goto(`${server.url}/site/`);
await page.waitForFunction(FIRST_VIEW, null, { polling: "raf", timeout: 120000 });
const t = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
await browser.stopTracing();
console.log("interactive", Math.round(t));
await browser.close();
process.exit(0);
