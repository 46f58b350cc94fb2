// A tiny static server for the benchmarks: no compression (sizes are computed separately with
// node:zlib), no caching headers beyond what the browser does for a fresh context, and a log of
// every response's byte count (used for Pagefind's bytes per query).
//
//   node server.mjs <port> <mount>=<dir> [<mount>=<dir> ...]     e.g. /site/=../target/bench-sites/seeds
// or import { serve } from "./server.mjs".
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

/** mounts: [[urlPrefix, dir], ...], longest prefix first. Returns { url, log, close }. */
export function serve(mounts, port = 0) {
  const sorted = [...mounts].sort((a, b) => b[0].length - a[0].length);
  const log = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const pathname = decodeURIComponent(url.pathname);
    const mount = sorted.find(([prefix]) => pathname.startsWith(prefix));
    if (!mount) {
      res.writeHead(404).end("no mount");
      return;
    }
    let file = path.join(mount[1], pathname.slice(mount[0].length));
    if (!path.resolve(file).startsWith(path.resolve(mount[1]))) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, body) => {
      if (err) {
        log.push({ path: pathname, status: 404, bytes: 0 });
        res.writeHead(404).end("not found");
        return;
      }
      log.push({ path: pathname, status: 200, bytes: body.length });
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "content-length": body.length,
        "cache-control": "no-cache",
      });
      res.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, log, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [port, ...specs] = process.argv.slice(2);
  const mounts = specs.map((s) => {
    const i = s.indexOf("=");
    return [s.slice(0, i), path.resolve(s.slice(i + 1))];
  });
  const { url } = await serve(mounts, Number(port) || 0);
  console.log(`serving ${mounts.map(([m, d]) => `${m} -> ${d}`).join(", ")} at ${url}`);
}
