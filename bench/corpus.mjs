// Reads a corpus folder the way build.rs does (every *.txt / *.md, sorted by file name) into
// plain documents for the peers: { id, title, date, text } (text = title + body, front matter
// removed). Also picks the benchmark queries.
import fs from "node:fs";
import path from "node:path";

export function readCorpus(dir) {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.(txt|md)$/.test(f))
    .sort();
  let rawBytes = 0;
  const docs = files.map((f) => {
    const buf = fs.readFileSync(path.join(dir, f));
    rawBytes += buf.length;
    const raw = buf.toString("utf8");
    const id = f.replace(/\.(txt|md)$/, "");
    let title = null;
    let date = null;
    let body = raw;
    const fm = raw.match(/^---\n([\s\S]*?)\n---\n/);
    if (fm) {
      body = raw.slice(fm[0].length);
      for (const line of fm[1].split("\n")) {
        const m = line.match(/^(\w+):\s*(.*)$/);
        if (m && m[1] === "title") title = m[2].replace(/^"|"$/g, "");
        if (m && m[1] === "date") date = m[2];
      }
    }
    if (title === null) {
      const lines = body.split("\n");
      const first = lines.findIndex((l) => l.trim() !== "");
      title = first >= 0 ? lines[first].trim() : id;
      body = lines.slice(first + 1).join("\n");
    }
    return { id, title, date, text: title + "\n" + body, raw };
  });
  return { docs, rawBytes };
}

const WORD = /[\p{L}\p{N}]+/gu;

/** A word in about 1 % of the documents (at least one): the selective query of the benchmark. */
export function rareWord(docs) {
  const df = new Map();
  for (const d of docs) {
    const seen = new Set(d.text.toLowerCase().match(WORD) ?? []);
    for (const w of seen) if (w.length >= 6 && !/\d/.test(w)) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const want = Math.max(1, Math.round(docs.length / 100));
  let best = null;
  for (const [w, n] of [...df].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (best === null || Math.abs(n - want) < Math.abs(best[1] - want)) best = [w, n];
  }
  return best ? best[0] : "alibaba";
}

/**
 * The text queries every engine runs (same strings; peers without phrase support get the words).
 * Typing sequences for keystroke → paint are these strings typed one character at a time.
 */
export function queries(docs) {
  const rare = rareWord(docs);
  return [
    { name: "word", text: "alibaba" },
    { name: "two words", text: "counterfeit goods" },
    { name: "phrase", text: '"luxury brand"', words: "luxury brand" },
    { name: "prefix", text: "coun", prefix: true },
    { name: `selective (~1 % of docs): ${rare}`, text: rare },
  ];
}

/** About 3 000 of the folder's articles, evenly spread, as { text }: enough for queries(). */
export function sampleDocs(dir) {
  if (!fs.existsSync(dir)) {
    // Said, not silent: without the corpus the selective word falls back to "alibaba", so the
    // query set differs from a run that found it (pass --corpus for a copied site folder).
    console.error(`corpus folder ${dir} not found: the selective query falls back to "alibaba"; pass --corpus`);
  }
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f)).sort() : [];
  const step = Math.max(1, Math.floor(names.length / 3000));
  return names.filter((_, i) => i % step === 0).map((f) => ({ text: fs.readFileSync(path.join(dir, f), "utf8") }));
}
