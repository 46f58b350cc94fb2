// A reader's own articles on a served site (issue 18, deliverable 4), in headless Chromium:
// the time from choosing the files to their corpus shown, what the page fetched for it (the
// analyser's two files and the site's name table), and the switch back to the site.
//
//   node bench/served-yours.mjs --site target/bench-sites/served-100000 --files target/synth/80 [--runs 3]
//
// Each run is a fresh browser context (empty cache and IndexedDB). Prints a JSON report.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";
import { ROOT, opt } from "./cli.mjs";

const siteDir = path.resolve(ROOT, opt("site", "target/bench-sites/served-100000"));
const filesDir = path.resolve(ROOT, opt("files", "target/synth/80"));
const runs = Number(opt("runs", "3"));
const files = fs.readdirSync(filesDir).filter((f) => /\.(txt|md)$/.test(f)).sort().map((f) => path.join(filesDir, f));
const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);

const server = await serve([["/site/", siteDir]]);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const report = { site: path.relative(ROOT, siteDir), chromium: browser.version(), files: files.length, bytes, runs: [] };
const sum = (log) => ({ files: log.length, bytes: log.reduce((n, r) => n + r.bytes, 0) });
const settled = () => document.querySelector(".results")?.getAttribute("aria-busy") === "false";
try {
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/site/`);
    await page.waitForSelector(".chip", { timeout: 120000 });
    await page.waitForFunction(settled, null, { polling: "raf" });
    // The panel's first opening fetches the site's name table and asks IndexedDB for saved
    // articles (none here).
    const opened = server.log.length;
    const o0 = await page.evaluate(() => performance.now());
    await page.click("#workspace-toggle");
    await page.waitForFunction(() => !document.getElementById("progress"), null, { timeout: 120000 });
    const o1 = await page.evaluate(() => performance.now());
    const opening = server.log.slice(opened);
    const from = server.log.length;
    const t0 = await page.evaluate(() => performance.now());
    await page.setInputFiles("#add-files", files);
    await page.waitForSelector(".yours-note", { timeout: 600000 });
    await page.waitForFunction(settled, null, { polling: "raf" });
    const t1 = await page.evaluate(() => performance.now());
    const during = server.log.slice(from);
    const analyser = during.filter((e) => /analyser/.test(e.path));
    const size = await page.evaluate(() => document.querySelector(".corpus-size")?.textContent);
    const t2 = await page.evaluate(() => performance.now());
    await page.click("#back-to-site");
    await page.waitForFunction(() => !document.querySelector(".yours-note"), null, { polling: "raf" });
    await page.waitForFunction(settled, null, { polling: "raf" });
    const t3 = await page.evaluate(() => performance.now());
    report.runs.push({ openMs: o1 - o0, opening: sum(opening), nameTable: sum(opening.filter((e) => /\/table\//.test(e.path))), shownMs: t1 - t0, backMs: t3 - t2, size, adding: sum(during), analyser: sum(analyser) });
    console.error(`[served-yours] run ${r + 1}: panel ${(o1 - o0).toFixed(0)} ms; ${(t1 - t0).toFixed(0)} ms to shown (${size}); back ${(t3 - t2).toFixed(0)} ms`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(report, null, 1));
