// CPU-profile summaries shared by the profiling aids (bench/profile/served-*.mjs): the
// functions with the most time of their own, and with the most time under them.
import path from "node:path";

/** The `n` functions with the most self time, as lines "  12.3 ms  name file". */
export function top(profile, n = 20) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const name = `${f.functionName || "(anonymous)"} ${f.url ? path.basename(f.url) : ""}`.trim();
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return [...self]
    .filter(([k]) => k !== "(idle)")
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${v.toFixed(1).padStart(7)} ms  ${k}`);
}

/** Time under each function (itself and what it calls), by name: where the compute goes even
 * when LTO inlined the work into one caller. */
export function inclusive(profile, n) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const total = new Map();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at).callFrame;
      const name = (f.functionName || "(anonymous)").replace(/::h[0-9a-f]{16}$/, "");
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + dt);
    }
  });
  return [...total]
    .filter(([k]) => !["(root)", "(idle)", "(program)"].includes(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${v.toFixed(1).padStart(7)} ms  ${k.slice(0, 140)}`);
}
