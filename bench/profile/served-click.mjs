// Profiling aid (not part of the bench run): where a chip click's time goes on a served site,
// in headless Chromium via CDP, as bench/served.mjs clicks (the first two chips under a typed
// query, one after the other).
//
//   node bench/profile/served-click.mjs <site dir> [query] [> profile.json]
//
// Per click: the time to settled, the requests, the page's script and task time and the
// functions by self time and by time under them (cpu.mjs). Use a site whose wasm kept its
// function names (bench/profile/build-named.sh) to read them.
import { profiledPage } from "./cpu.mjs";

const [dir, query = "counterfeit goods"] = process.argv.slice(2);
const { page, settle, measure, close } = await profiledPage(dir);
await page.fill("#search", query);
await settle();
const clicks = [];
for (let k = 0; k < 2; k++) {
  const chip = page.locator(".chip").nth(k);
  const label = (await chip.textContent()).trim();
  clicks.push({ chip: label, ...(await measure(() => chip.click())) });
}
console.log(JSON.stringify({ site: dir, query, clicks }, null, 1));
await close();
