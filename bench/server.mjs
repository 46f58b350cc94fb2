// A tiny static server for the benchmarks: no compression (sizes are computed separately with
// node:zlib), no caching headers beyond what the browser does for a fresh context, and a log of
// every response's byte count (used for Pagefind's bytes per query).
//
//   node server.mjs <port> <mount>=<dir> [<mount>=<dir> ...]     e.g. /site/=../target/bench-sites/seeds
// or import { serve } from "./server.mjs".
import http from "node:http";
import http2 from "node:http2";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

/**
 * A throwaway self-signed certificate for 127.0.0.1 (browsers speak HTTP/2 only over TLS; the
 * benchmark's browser is told to accept it). Needs the openssl command.
 */
function selfSigned() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-tls-"));
  const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
    "-days", "2", "-subj", "/CN=127.0.0.1"], { stdio: "ignore" });
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

/**
 * mounts: [[urlPrefix, dir], ...], longest prefix first. Returns { url, log, close }.
 * With { http2: true } it serves HTTP/2 over TLS (as static hosts and CDNs do: many small
 * requests share one connection), else HTTP/1.1 (a browser opens at most six connections).
 */
export function serve(mounts, port = 0, { http2: h2 = false } = {}) {
  const sorted = [...mounts].sort((a, b) => b[0].length - a[0].length);
  const log = [];
  const handler = (req, res) => {
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
  };
  const server = h2 ? http2.createSecureServer({ ...selfSigned(), allowHTTP1: true }, handler) : http.createServer(handler);
  const sessions = new Set();
  server.on("session", (s) => { sessions.add(s); s.on("close", () => sessions.delete(s)); });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const { port } = server.address();
      const close = () => new Promise((r) => { for (const s of sessions) s.destroy(); server.close(r); });
      resolve({ url: `${h2 ? "https" : "http"}://127.0.0.1:${port}`, log, close });
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
