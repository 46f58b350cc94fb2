// Measures the explorer itself in a real browser: cold load to interactive, keystroke → paint,
// chip click → paint, brush → paint, and memory after load. See BENCHMARKS.md ("Method").

/**
 * Injected before any page script (CDP / BiDi init script: not subject to the page's CSP).
 *
 * Interactive: a MutationObserver waits for `.chip` and `.timeline` in the DOM; then the next
 * requestAnimationFrame, then a MessageChannel message posted from it. That message runs after
 * the frame that contains them was rendered, so `marks.interactive` (ms since navigation start,
 * performance.now()) is "navigation → chips and timeline painted".
 *
 * Interactions: the driver arms one event type (`keydown`, `click`, `pointerup`, `change`). The
 * first such event (capture phase on window, before any app handler) sets t0 and requests a
 * frame; an `input` event requests another. Each frame callback posts a MessageChannel message
 * whose handler sets t1, so t1 is the end of the first frame rendered after the app handled the
 * event, its microtasks (Leptos effects) included. A MutationObserver counts the DOM mutations
 * and records the time of the last one, so the driver can check the DOM really changed and
 * nothing changed after t1.
 */
export const INIT_SCRIPT = `(() => {
  const B = (window.__bench = { marks: {}, cur: null, longtasks: [], memory: null });
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const orig = WebAssembly[name];
    if (!orig) continue;
    WebAssembly[name] = async function (...args) {
      const r = await orig.apply(this, args);
      const inst = r && (r.instance || r);
      if (inst && inst.exports && inst.exports.memory) B.memory = inst.exports.memory;
      B.marks.wasmInstantiated = performance.now();
      return r;
    };
  }
  const afterPaint = (fn) => requestAnimationFrame(() => {
    const mc = new MessageChannel();
    mc.port1.onmessage = () => fn(performance.now());
    mc.port2.postMessage(0);
  });
  const ready = () => document.querySelector(".chip") && document.querySelector(".timeline");
  const mo = new MutationObserver(() => {
    if (B.marks.dom || !ready()) return;
    B.marks.dom = performance.now();
    mo.disconnect();
    afterPaint((t) => (B.marks.interactive = t));
  });
  mo.observe(document, { childList: true, subtree: true });
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) B.longtasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {}
  B.arm = (type) => { B.cur = { type, t0: null, t1: null, handled: null, muts: 0, lastMut: null }; };
  const frame = (c) => afterPaint((t) => { c.t1 = t; });
  for (const type of ["keydown", "click", "pointerup", "change"]) {
    addEventListener(type, () => {
      const c = B.cur;
      if (!c || c.type !== type || c.t0 !== null) return;
      c.t0 = performance.now();
      frame(c);
    }, true);
  }
  addEventListener("input", () => { const c = B.cur; if (c && c.t0 !== null) { c.handled = performance.now(); frame(c); } });
  // Bubble phase on window: after the app's element handlers and the microtasks they queued
  // (Leptos effects), i.e. when the DOM update is done. Keys the app handles on window (Esc)
  // have no such point; for them "handled" is not recorded.
  for (const type of ["click", "pointerup", "change"]) {
    addEventListener(type, () => { const c = B.cur; if (c && c.type === type && c.t0 !== null) c.handled = performance.now(); });
  }
  new MutationObserver((records) => {
    const c = B.cur;
    if (c && c.t0 !== null) { c.muts += records.length; c.lastMut = performance.now(); }
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
})();`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};
export const stats = (xs) => ({ n: xs.length, p50: median(xs), p95: pct(xs, 95), max: xs.length ? Math.max(...xs) : null });

async function newPage(browser, cdp) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: INIT_SCRIPT });
  const page = await context.newPage();
  const session = cdp ? await context.newCDPSession(page) : null;
  return { context, page, session };
}

async function load(page, url, timeout) {
  await page.goto(url, { waitUntil: "commit", timeout });
  await page.waitForFunction(() => window.__bench && window.__bench.marks.interactive, null, { timeout, polling: 50 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    const B = window.__bench;
    return {
      interactive: B.marks.interactive,
      dom: B.marks.dom,
      wasmInstantiated: B.marks.wasmInstantiated ?? null,
      fcp: fcp ? fcp.startTime : null,
      responseEnd: nav ? nav.responseEnd : null,
      longtasks: B.longtasks,
      resources: performance.getEntriesByType("resource").map((r) => [r.name.split("/").pop(), Math.round(r.duration)]),
    };
  });
}

/** One armed interaction: `act` triggers it; returns { ms, muts, late } once painted. */
async function interaction(page, type, act) {
  await page.evaluate((t) => window.__bench.arm(t), type);
  await act();
  await page.waitForFunction(() => window.__bench.cur.t1 !== null, null, { timeout: 120000, polling: 10 });
  // Let a second frame request (from `input`) land, then read.
  await page.waitForTimeout(40);
  return page.evaluate(() => {
    const c = window.__bench.cur;
    return {
      ms: c.t1 - c.t0,
      handled: c.handled === null ? null : c.handled - c.t0,
      muts: c.muts,
      // The DOM changed after the frame we timed (the app deferred work past it).
      late: c.lastMut !== null && c.lastMut > c.t1,
      // The DOM changed after the bubble-phase listener (work outside the event's microtasks).
      afterHandled: c.handled !== null && c.lastMut !== null && c.lastMut > c.handled,
    };
  });
}

export async function measureApp({ browser, cdp, url, runs, interactionRuns, typing, timeout }) {
  const out = { cold: [], keystroke: [], clear: [], chip: [], brush: [], memory: [], notes: [] };
  for (let i = 0; i < runs; i++) {
    const { context, page, session } = await newPage(browser, cdp);
    try {
      out.cold.push(await load(page, url, timeout));
      if (i === 0) {
        await page.waitForTimeout(500);
        const wasmBytes = await page.evaluate(() => (window.__bench.memory ? window.__bench.memory.buffer.byteLength : null));
        let js = null;
        if (session) {
          await session.send("HeapProfiler.collectGarbage");
          js = await session.send("Runtime.getHeapUsage");
        } else {
          js = await page.evaluate(() => (performance.memory ? { usedSize: performance.memory.usedJSHeapSize } : null));
        }
        out.memory.push({ wasmLinearMemory: wasmBytes, jsHeapUsed: js ? js.usedSize : null, jsHeapTotal: js ? js.totalSize ?? null : null });
      }
      if (i < interactionRuns) await interact(page, out, typing);
    } catch (e) {
      out.notes.push(`run ${i}: ${String(e).split("\n")[0]}`);
    } finally {
      await context.close();
    }
  }
  return out;
}

async function interact(page, out, typing) {
  const search = page.locator("#search");
  await search.click();
  for (const text of typing) {
    for (const ch of text) {
      const r = await interaction(page, "keydown", () => page.keyboard.type(ch));
      out.keystroke.push({ ...r, text, ch });
      await page.waitForTimeout(30);
    }
    // Esc clears the search box (the app's shortcut).
    out.clear.push(await interaction(page, "keydown", () => page.keyboard.press("Escape")));
    await page.waitForTimeout(30);
  }
  // Chip click: the first two chips, each cycled required → excluded → neutral.
  for (const nth of [0, 1]) {
    for (let k = 0; k < 3; k++) {
      const chip = page.locator(".chip").nth(nth);
      if ((await chip.count()) === 0) break;
      await chip.scrollIntoViewIfNeeded();
      out.chip.push(await interaction(page, "click", () => chip.click()));
      await page.waitForTimeout(30);
    }
  }
  // Brush: drag across the middle of the timeline, then clear the range.
  for (const [a, b] of [[0.3, 0.6], [0.1, 0.5], [0.5, 0.9]]) {
    const area = page.locator(".timeline-area");
    if ((await area.count()) === 0) {
      out.notes.push("no .timeline-area: brush not measured");
      break;
    }
    await area.scrollIntoViewIfNeeded();
    const box = await area.boundingBox();
    // The top strip (tick labels): a press on an event mark opens it instead of brushing.
    const y = box.y + 4;
    await page.mouse.move(box.x + box.width * a, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * ((a + b) / 2), y, { steps: 2 });
    await page.mouse.move(box.x + box.width * b, y, { steps: 2 });
    out.brush.push(await interaction(page, "pointerup", () => page.mouse.up()));
    await page.waitForTimeout(30);
    const clear = page.locator("#clear-range");
    if (await clear.isEnabled()) await clear.click();
    else out.notes.push("brush did not set a range");
    await page.waitForTimeout(30);
  }
}

export function summariseApp(r, rawBytes) {
  const ms = (xs) => ({ ...stats(xs.map((x) => x.ms)), handled: stats(xs.map((x) => x.handled).filter((x) => x !== null && x !== undefined)) });
  const mem = r.memory[0] ?? {};
  return {
    cold: {
      interactive: stats(r.cold.map((c) => c.interactive)),
      fcp: stats(r.cold.map((c) => c.fcp).filter((x) => x !== null)),
      wasmInstantiated: stats(r.cold.map((c) => c.wasmInstantiated).filter((x) => x !== null)),
      longestTask: stats(r.cold.map((c) => Math.max(0, ...c.longtasks.map((t) => t[1])))),
    },
    keystroke: ms(r.keystroke),
    clear: ms(r.clear),
    chip: ms(r.chip),
    brush: ms(r.brush),
    unchanged: [...r.keystroke, ...r.chip, ...r.brush].filter((x) => x.muts === 0).length,
    late: [...r.keystroke, ...r.chip, ...r.brush].filter((x) => x.late).length,
    afterHandled: [...r.keystroke, ...r.chip, ...r.brush].filter((x) => x.afterHandled).length,
    memory: {
      ...mem,
      total: (mem.wasmLinearMemory ?? 0) + (mem.jsHeapUsed ?? 0),
      rawCorpusBytes: rawBytes,
      ratio: ((mem.wasmLinearMemory ?? 0) + (mem.jsHeapUsed ?? 0)) / rawBytes,
    },
    notes: r.notes,
  };
}
