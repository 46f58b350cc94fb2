// A reader who types on: the served site's last keystroke → settled when the keys before it
// come faster than their answers (issue 18). bench/served.mjs waits for every key's answer
// before the next key; a reader does not. Here each query is typed with `--gap` ms between
// keys (default 120: a quick typist), and the time is taken from the last key's event to the
// view settled and painted (bench/probe.mjs, timed in the page), with the bytes fetched from
// the first key on. Run:
//
//   node bench/typing.mjs --site target/bench-sites/served-100000 [--gap 120] [--rounds 3] [--http2]
//        [--detour ali] [--mbps 50] [--queries linfen,coun]
//
// TYPING_LOG=<prefix> writes each query's requests (path, bytes) to <prefix>-<round>-<query>.txt.
//
// Chromium, one page with its cache kept (as a reader uses it), each query typed afresh after
// the box is cleared; `--rounds` repeats the five queries in fresh pages.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";
import { queries, sampleDocs } from "./corpus.mjs";
import { ROOT, opt, flag } from "./cli.mjs";
import { SERVED_INIT, SETTLED } from "./probe.mjs";

const siteDir = path.resolve(ROOT, opt("site", "target/bench-sites/served-100000"));
const corpusDir = path.resolve(ROOT, opt("corpus", `target/synth/${path.basename(siteDir).split("-").pop()}`));
const gap = Number(opt("gap", "120"));
const rounds = Number(opt("rounds", "3"));
const chromePath = opt("chromium", process.env.CHROMIUM ?? "/usr/bin/chromium");
const http2 = flag("http2");
const detour = opt("detour", "");
// --mbps N: the page's network throttled to N megabits per second down with 40 ms latency
// (Chromium's network emulation), as a reader's connection rather than localhost's.
const mbps = Number(opt("mbps", "0"));
// --queries a,b: these instead of the benchmark's five.
const only = opt("queries", "");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const texts = only ? only.split(",") : queries(sampleDocs(corpusDir)).map((q) => q.text);

const server = await serve([["/site/", siteDir]], 0, { http2 });
const browser = await chromium.launch({ executablePath: chromePath, headless: true, args: ["--no-sandbox"] });
const rows = [];
try {
  for (let round = 0; round < rounds; round++) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    await context.addInitScript({ content: SERVED_INIT });
    const page = await context.newPage();
    if (mbps > 0) {
      const cdp = await context.newCDPSession(page);
      const bytesPerSecond = (mbps * 1e6) / 8;
      await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 40, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond / 4 });
    }
    await page.goto(`${server.url}/site/`);
    await page.waitForFunction(() => window.__served.first !== null, null, { polling: "raf", timeout: 120000 });
    for (const text of texts) {
      await page.fill("#search", "");
      await page.waitForFunction(SETTLED, null, { polling: "raf", timeout: 120000 });
      const from = server.log.length;
      // --detour: first a broad word's first letters, taken back, as a reader who changes
      // their mind (the files the detour asked for are not what the query needs).
      if (detour) {
        for (const ch of detour) {
          await page.keyboard.type(ch);
          await sleep(gap);
        }
        for (const _ of detour) {
          await page.keyboard.press("Backspace");
          await sleep(gap);
        }
      }
      for (const ch of text.slice(0, -1)) {
        await page.keyboard.type(ch);
        await sleep(gap);
      }
      await page.evaluate(() => window.__served.arm());
      await page.keyboard.type(text.slice(-1));
      await page.waitForFunction(() => window.__served.cur.t1 !== null, null, { polling: "raf", timeout: 120000 });
      const ms = await page.evaluate(() => window.__served.cur.t1 - window.__served.cur.t0);
      const files = server.log.length - from;
      const bytes = server.log.slice(from).reduce((n, e) => n + e.bytes, 0);
      rows.push({ round, text, ms, files, bytes });
      if (process.env.TYPING_LOG) fs.writeFileSync(`${process.env.TYPING_LOG}-${round}-${text}.txt`, server.log.slice(from).map((e) => `${e.path} ${e.bytes}`).join("\n"));
      console.log(`${round} ${JSON.stringify(text).padEnd(22)} last key → settled ${ms.toFixed(0).padStart(5)} ms  ${String(files).padStart(4)} files  ${(bytes / 1024).toFixed(0).padStart(6)} KB raw`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
console.log(`${http2 ? "HTTP/2" : "HTTP/1.1"}${mbps ? ` at ${mbps} Mbit/s` : ""}, ${gap} ms between keys${detour ? `, "${detour}" typed and taken back first` : ""}, ${rows.length} queries typed: last key → settled median ${q(0.5).toFixed(0)} ms, max ${ms[ms.length - 1].toFixed(0)} ms`);
