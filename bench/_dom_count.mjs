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
const page = await (await browser.newContext()).newPage();
await page.goto(`${server.url}/site/`);
await page.waitForFunction(FIRST_VIEW, null, { polling: "raf", timeout: 120000 });
const counts = await page.evaluate(() => {
  const out = { all: document.querySelectorAll("*").length };
  for (const sel of [".chip", ".month-bar", ".result", "svg *", "option", "#timeline *", ".chips *", "#results *", "details", "main *", "template"]) out[sel] = document.querySelectorAll(sel).length;
  const top = {};
  for (const el of document.body.children) top[el.tagName + "#" + el.id + "." + el.className] = el.querySelectorAll("*").length;
  out.top = top;
  const sections = {};
  document.querySelectorAll("section, aside, details, nav, header").forEach((s) => { sections[s.tagName + "#" + s.id + "." + s.className] = s.querySelectorAll("*").length; });
  out.sections = sections;
  return out;
});
console.log(JSON.stringify(counts, null, 1));
await browser.close();
process.exit(0);
