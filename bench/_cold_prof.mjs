import fs from "node:fs";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";
const siteDir = process.argv[2];
const server = await serve([["/site/", siteDir]], 0, {});
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
const FIRST_VIEW = () => {
  const r = document.querySelector(".results");
  return !!(document.querySelector(".chip") && document.querySelector(".month-bar") && document.querySelector(".result-title"))
    && !!r && r.getAttribute("aria-busy") === "false";
};
const context = await browser.newContext();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
await cdp.send("Profiler.start");
await page.goto(`${server.url}/site/`);
await page.waitForFunction(FIRST_VIEW, null, { polling: "raf", timeout: 120000 });
const t = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
const { profile } = await cdp.send("Profiler.stop");
fs.writeFileSync("/tmp/w/cold.cpuprofile", JSON.stringify(profile));
console.log("interactive", Math.round(t));
await browser.close();
process.exit(0);
