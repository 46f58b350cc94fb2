// Transfer size of every file of a built site: raw, gzip -9 and brotli q11 (node:zlib).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export function sizes(dir) {
  const files = fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
  return files.map((f) => {
    const b = fs.readFileSync(path.join(dir, f));
    return {
      file: f,
      raw: b.length,
      gzip: zlib.gzipSync(b, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(b, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length },
      }).length,
    };
  });
}
