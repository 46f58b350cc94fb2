#!/usr/bin/env python3
"""Trunk post_build hook: strict CSP and the single-file build.

1. Trunk injects an inline <script type="module"> loader, which a CSP without 'unsafe-inline'
   would block. We move it into a content-hashed file (loader-<hash>.js) that also shows a clear
   message when WebAssembly is unavailable or start-up fails, and wires the panic banner's buttons.
2. We write explorer.html: HTML, CSS, JS glue, wasm (base64) and the embedded corpus in one file
   that works from file:// (browsers refuse to fetch .wasm there), with a CSP of sha256 hashes.
   The analyser (the worker wasm that reads a reader's own files) rides along as two inert
   base64 data blocks, decoded only when the reader adds files.
3. Both builds carry src/js/workspace.js (IndexedDB and the worker), with the worker's own
   script (src/js/analyser-worker.js) inlined as a string. A served site's hosted page loads it
   as workspace-<hash>.js on first use (its page calls it only when "Your articles" opens); its
   explorer.html, like the embedded build's pages, carries it inline.

Runs in Trunk's staging dir (TRUNK_STAGING_DIR) or on a dir given as argv[1]. Output is a pure
function of the input files, so dist/ is reproducible.
"""
import base64
import hashlib
import json
import os
import re
import sys

# Shared by both builds. Plain JS on purpose: it must keep working after a Rust panic has
# killed the wasm instance.
LOADER_COMMON = r"""
const bootMessage = document.getElementById("boot-message");
function showBootError(text) {
  if (!bootMessage) return;
  bootMessage.textContent = text;
  bootMessage.className = "boot-error";
  bootMessage.setAttribute("role", "alert");
}
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-action]") : null;
  if (!button) return;
  if (button.dataset.action === "reload") location.reload();
  if (button.dataset.action === "copy-error") {
    const text = document.querySelector("#fatal-error pre")?.textContent ?? "";
    navigator.clipboard?.writeText(text).then(() => { button.textContent = "Copied"; }, () => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector("#fatal-error pre"));
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      button.textContent = "Press Ctrl+C to copy";
    });
  }
});
async function start(init, wasm) {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    showBootError("This explorer needs WebAssembly, which this browser does not provide or has turned off. Please use a current Firefox, Chromium, Chrome, Edge or Safari, with WebAssembly enabled.");
    return;
  }
  try {
    await init({ module_or_path: wasm });
  } catch (error) {
    if (!document.getElementById("fatal-error")) {
      showBootError("The explorer could not start: " + error + ". Reloading may help; if not, please report this message.");
    }
  }
}
"""

# The served page's stand-in for src/js/workspace.js until the page first calls it: every call
# then imports the file (which installs the real `corpusWorkspace`) and goes on to it. The calls
# the page makes before one that needs the file are remembered (`forSite`, `configure`) or have
# nothing to do yet (`cancel`, `idle`).
WORKSPACE_ON_FIRST_USE = r"""
globalThis.corpusWorkspace = (() => {
  let loaded = null;
  let site = null;
  let options = null;
  const load = () => (loaded ??= import("./__WORKSPACE_FILE__").then(() => {
    const ws = globalThis.corpusWorkspace;
    if (site !== null) ws.forSite(site);
    if (options) ws.configure(options);
    return ws;
  }));
  return new Proxy({}, {
    get(_, name) {
      if (name === "forSite") return (names) => { site = names; };
      if (name === "configure") return (o) => { options = o; };
      if (name === "cancel") return () => {};
      if (name === "idle") return () => (loaded ? loaded.then((ws) => ws.idle()) : Promise.resolve());
      if (typeof name !== "string" || name === "then") return undefined;
      return (...args) => load().then((ws) => ws[name](...args));
    },
  });
})();
"""

HOSTED_CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
              "img-src 'self' data:; connect-src 'self'; worker-src blob:; font-src 'none'; "
              "object-src 'none'; base-uri 'none'; form-action 'none'")

JS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "js")


def workspace_js() -> str:
    """src/js/workspace.js with the worker's script inlined (it is started from a blob URL)."""
    worker = open(os.path.join(JS_DIR, "analyser-worker.js"), encoding="utf-8").read()
    code = open(os.path.join(JS_DIR, "workspace.js"), encoding="utf-8").read()
    if "__WORKER_SOURCE__" not in code:
        raise SystemExit("postbuild: src/js/workspace.js lost its __WORKER_SOURCE__ placeholder")
    return strip_comment_lines(code).replace("__WORKER_SOURCE__", json.dumps(strip_comment_lines(worker)))


def strip_comment_lines(code: str) -> str:
    """Drops whole-line `//` comments: they are for maintainers, and every page load pays for them."""
    return "\n".join(line for line in code.splitlines() if not line.lstrip().startswith("//")) + "\n"


def sha256_b64(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def main() -> int:
    staging = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        print("postbuild: no staging dir (TRUNK_STAGING_DIR or argv[1])", file=sys.stderr)
        return 2
    index_path = os.path.join(staging, "index.html")
    html = open(index_path, encoding="utf-8").read()

    inline = re.search(r"<script type=\"?module\"?>(.*?)</script>", html, re.S)
    if not inline:
        print("postbuild: Trunk's inline loader was not found; is index.html already processed?", file=sys.stderr)
        return 2
    glue_name = re.search(r"from\s+'\./([^']+\.js)'", inline.group(1)).group(1)
    wasm_name = re.search(r"module_or_path:\s*'\./([^']+\.wasm)'", inline.group(1)).group(1)
    css_match = re.search(r"<link rel=\"?stylesheet\"? href=\"\./([^\"]+\.css)\"[^>]*>", html)

    # 1. Hosted build: loader in its own file.
    workspace = workspace_js()
    # A served site (CORPUS_SHELF=1) restores the reader's own articles only when its panel
    # opens, so there the workspace code is a file of its own, imported on first use.
    loaded_with_page = workspace
    if os.environ.get("CORPUS_SHELF") == "1":
        workspace_name = f"workspace-{hashlib.sha256(workspace.encode()).hexdigest()[:16]}.js"
        with open(os.path.join(staging, workspace_name), "w", encoding="utf-8") as f:
            f.write(workspace)
        loaded_with_page = WORKSPACE_ON_FIRST_USE.replace("__WORKSPACE_FILE__", workspace_name)
    loader = (f'import init from "./{glue_name}";\n' + loaded_with_page + LOADER_COMMON +
              f'await start(init, new URL("./{wasm_name}", import.meta.url));\n')
    loader_name = f"loader-{hashlib.sha256(loader.encode()).hexdigest()[:16]}.js"
    with open(os.path.join(staging, loader_name), "w", encoding="utf-8") as f:
        f.write(loader)
    hosted = html.replace(inline.group(0), f'<script type="module" src="./{loader_name}"></script>')
    with open(index_path, "w", encoding="utf-8") as f:
        f.write(hosted)

    # 2. Single file: everything inline, pinned by hashes.
    glue = open(os.path.join(staging, glue_name), encoding="utf-8").read()
    wasm = open(os.path.join(staging, wasm_name), "rb").read()
    css = open(os.path.join(staging, css_match.group(1)), encoding="utf-8").read() if css_match else ""
    # Nothing is fetched: the glue's default `new URL(..., import.meta.url)` path is never used.
    script = (glue + "\n" + workspace + LOADER_COMMON +
              f'const wasmBytes = Uint8Array.from(atob("{base64.b64encode(wasm).decode()}"), (c) => c.charCodeAt(0));\n'
              "await start(__wbg_init, wasmBytes);\n")
    if "</script" in script.lower():
        print("postbuild: refusing to inline a script that contains '</script'", file=sys.stderr)
        return 2
    single = html.replace(inline.group(0), "")
    single = re.sub(r"<link rel=\"?(modulepreload|preload)\"?[^>]*>\s*", "", single)
    if css_match:
        single = single.replace(css_match.group(0), f"<style>{css}</style>")
    # Inert data blocks (a non-JavaScript type is never run, so the CSP does not apply to them).
    analyser = ""
    for block_id, name in (("analyser-glue", "analyser.js"), ("analyser-wasm", "analyser_bg.wasm")):
        path = os.path.join(staging, name)
        if os.path.exists(path):
            data = base64.b64encode(open(path, "rb").read()).decode()
            analyser += f'<script type="application/octet-stream" id="{block_id}">{data}</script>\n'
    single = single.replace("</body>", f'{analyser}<script type="module">{script}</script>\n</body>')
    # A served corpus (CORPUS_SHELF=1, set by build-site.sh for the whole build): the single file
    # reads the corpus files beside it when it is hosted, so it may connect to its own site.
    connect = "connect-src 'self'; " if os.environ.get("CORPUS_SHELF") == "1" else ""
    csp = (f"default-src 'none'; script-src 'sha256-{sha256_b64(script)}' 'wasm-unsafe-eval'; "
           f"style-src 'sha256-{sha256_b64(css)}'; img-src data:; {connect}worker-src blob:; object-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    single = single.replace(HOSTED_CSP, csp)
    if csp not in single:
        print("postbuild: the CSP meta tag in index.html no longer matches HOSTED_CSP", file=sys.stderr)
        return 2
    with open(os.path.join(staging, "explorer.html"), "w", encoding="utf-8") as f:
        f.write(single)
    return 0


if __name__ == "__main__":
    sys.exit(main())
