// Profiling aid (not part of the bench run): where a keystroke's time goes on a served site,
// in headless Chromium via CDP, as bench/served.mjs types (one key at a time, files kept).
//
//   node bench/profile/served-keys.mjs <site dir> [query] [> profile.json]
//
// Per key: the time to settled, the requests, the page's script and task time and the
// functions by self time and by time under them (cpu.mjs). Use a site whose wasm kept its
// function names (bench/profile/build-named.sh) to read them.
import { profiledPage } from "./cpu.mjs";

const [dir, query = "counterfeit goods"] = process.argv.slice(2);
const { page, measure, close } = await profiledPage(dir);
await page.focus("#search");
const keys = [];
let typed = "";
for (const ch of query) {
  typed += ch;
  keys.push({ typed, ...(await measure(() => page.keyboard.type(ch))) });
}
console.log(JSON.stringify({ site: dir, query, keys }, null, 1));
await close();
