// The served page's instrumentation, the same in both browsers (bench/served.mjs injects it in
// Chromium, bench/firefox.mjs in Firefox): the first view's time, and one armed interaction
// (the next keydown or click) → the view settled again, checked every frame from the task after
// the event. Timed inside the page from the event's handler, so neither the driver's round
// trips nor its checks before a click (Playwright waits for the element to hold still over two
// frames) count as the page's time.
/** The served page's view settled: its fetch loop has answered (Playwright's waitForFunction). */
export const SETTLED = () => {
  const r = document.querySelector(".results");
  return !!r && r.getAttribute("aria-busy") === "false" && !document.getElementById("fetch-error");
};

export const SERVED_INIT = `(() => {
  const S = (window.__served = { first: null, cur: null });
  const settled = () => {
    const r = document.querySelector(".results");
    return !!r && r.getAttribute("aria-busy") === "false" && !document.getElementById("fetch-error");
  };
  const firstView = () => settled() && document.querySelector(".chip") && document.querySelector(".month-bar") && document.querySelector(".result-title");
  const done = (set) => requestAnimationFrame(() => setTimeout(() => set(performance.now()), 0));
  const watch = () => (firstView() ? done((t) => (S.first = t)) : requestAnimationFrame(watch));
  requestAnimationFrame(watch);
  S.arm = () => { S.cur = { t0: null, t1: null }; };
  const start = () => {
    const c = S.cur;
    if (!c || c.t0 !== null) return;
    c.t0 = performance.now();
    const check = () => (settled() ? done((t) => (c.t1 = t)) : requestAnimationFrame(check));
    setTimeout(check, 0);
  };
  addEventListener("keydown", start, true);
  addEventListener("click", start, true);
})();`;
