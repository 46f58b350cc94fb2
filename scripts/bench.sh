#!/usr/bin/env bash
# The README "bench" command (issue 6). Not part of `scripts/test.sh`.
#
#   bash scripts/bench.sh                 # seeds, 1 000 and 10 000 documents
#   BENCH_SIZES="1000" bash scripts/bench.sh   # synthetic sizes to run besides the seeds
#   BENCH_NATIVE=0 / BENCH_BROWSER=0      # skip one half
#   BENCH_RUNS=5                          # cold loads per site (and query batches)
#   BENCH_FIREFOX=0                       # skip the Firefox figures (bench/firefox.mjs)
#   BENCH_WORKSPACE=0                     # skip the reader's workspace (bench/workspace.mjs)
#   BENCH_SHELF=100000                    # also the static corpus at that size (corpus shelf +
#                                         # cargo bench --bench shelf; ~15 min at 100 000)
#   BENCH_SERVED=100000                   # also that corpus as a served site in the browser
#                                         # (build-site.sh + bench/served.mjs; ~15 min at 100 000)
#
# Installs what is missing (scripts/setup.sh; `npm ci` in bench/ when package-lock.json changed),
# generates the synthetic corpora (target/synth/N, `synth` binary, seed 6), builds one release
# site per corpus (target/bench-sites/N, CORPUS_SEEDS=target/synth/N), the bare Leptos floor
# (target/bench-sites/bare-leptos) and the engine-only wasm (target/bench-engine/pkg), then runs
# the native benchmarks (cargo bench: pipeline + scale) and the browser benchmarks
# (bench/run.mjs: headless Chromium, FlexSearch, MiniSearch, Pagefind). Figures go to bench-out/
# (*.json, native.md, browser.md) and the markdown is printed; BENCHMARKS.md quotes it.
# Each build step is skipped when its output is newer than its inputs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SIZES="${BENCH_SIZES:-1000 10000}"
RUNS="${BENCH_RUNS:-5}"
OUT="$ROOT/bench-out"
step() { printf '\n\033[1;35m==> %s\033[0m\n' "$*" >&2; }
mkdir -p "$OUT" target/bench-sites

step "setup (installs only what is missing)"
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
if [ ! -f bench/node_modules/.package-lock.json ] || ! cmp -s bench/package-lock.json bench/node_modules/.bench-lock; then
  step "npm ci in bench/ (playwright-core, flexsearch, minisearch, pagefind; no browser download)"
  # npm 11 here writes only this platform's @pagefind/* entries into the lock file, and `npm ci`
  # then refuses it as out of sync; `npm install` with the same lock file and exact pins in
  # package.json installs the same versions.
  (cd bench && { npm ci --no-audit --no-fund 2>/dev/null || npm install --no-audit --no-fund; } \
    && cp package-lock.json node_modules/.bench-lock)
fi

# newer_than OUT IN...: true when OUT exists and is newer than every IN (files or folders).
newer_than() {
  local out="$1"; shift
  [ -e "$out" ] || return 1
  [ -z "$(find "$@" -newer "$out" -print -quit 2>/dev/null)" ]
}
APP_INPUTS=(src build.rs Cargo.toml Cargo.lock index.html style.css Trunk.toml scripts/postbuild.py)

step "synthetic corpora: $SIZES"
cargo build --release --locked --bin synth
# target/synth/N: N synthetic articles (seed 6), regenerated only when the generator or seeds change.
synth_corpus() {
  if ! newer_than "target/synth/$1/.done" src/bin/synth.rs seeds; then
    ./target/release/synth "$1" "target/synth/$1" 6 seeds
    touch "target/synth/$1/.done"
  fi
}
for n in $SIZES; do
  synth_corpus "$n"
done

step "release sites"
build_site() { # name corpus-folder
  local name="$1" corpus="$2" out="target/bench-sites/$1"
  if newer_than "$out/index.html" "${APP_INPUTS[@]}" "$corpus"; then
    echo "target/bench-sites/$name is up to date" >&2
    return
  fi
  local t0; t0=$(date +%s)
  CORPUS_SEEDS="$corpus" bash scripts/build-site.sh "$out"
  echo "$(( $(date +%s) - t0 ))" > "$OUT/build-seconds-$name.txt"
}
build_site seeds seeds
for n in $SIZES; do build_site "$n" "target/synth/$n"; done

step "bare Leptos floor (bench/bare-leptos, own workspace, target/bare-leptos)"
if ! newer_than target/bench-sites/bare-leptos/index.html bench/bare-leptos/src bench/bare-leptos/Cargo.toml bench/bare-leptos/index.html; then
  (cd bench/bare-leptos && CARGO_TARGET_DIR="$ROOT/target/bare-leptos" \
    trunk build --release --offline --dist "$ROOT/target/bench-sites/bare-leptos")
fi

step "engine-only wasm (bench/engine → target/bench-engine/pkg)"
if ! newer_than target/bench-engine/pkg/bench_engine_bg.wasm src bench/engine/src bench/engine/Cargo.toml; then
  (cd bench/engine && CARGO_TARGET_DIR="$ROOT/target" cargo build --release --target wasm32-unknown-unknown)
  wasm-bindgen --target web --no-typescript --out-dir target/bench-engine/pkg \
    target/wasm32-unknown-unknown/release/bench_engine.wasm
  # The same wasm-opt pass Trunk runs on the explorer (index.html: data-wasm-opt="z").
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    -o target/bench-engine/pkg/bench_engine_bg.wasm target/bench-engine/pkg/bench_engine_bg.wasm
fi

if [ "${BENCH_NATIVE:-1}" = 1 ]; then
  step "native: cargo bench --bench pipeline, --bench scale"
  BENCH_10K=1 cargo bench --locked --bench pipeline | tee "$OUT/native-pipeline.md"
  BENCH_SIZES="$SIZES" cargo bench --locked --bench scale | tee "$OUT/native-scale.md"
fi

if [ -n "${BENCH_SHELF:-}" ]; then
  n="$BENCH_SHELF"
  step "static corpus: $n articles (corpus shelf, cargo bench --bench shelf)"
  synth_corpus "$n"
  cargo build --locked --profile bench --bin corpus
  rm -rf "target/shelf/$n"
  # Peak memory from GNU time when the machine has it (Debian's `time` package).
  timer=(); [ -x /usr/bin/time ] && timer=(/usr/bin/time -v)
  "${timer[@]}" ./target/release/corpus shelf "target/synth/$n" "target/shelf/$n" 2>&1 \
    | grep -E "articles:|Maximum resident|Elapsed" | tee "$OUT/shelf-build.txt"
  SHELF="target/shelf/$n" cargo bench --locked --bench shelf | tee "$OUT/shelf.md"
fi

if [ -n "${BENCH_SERVED:-}" ]; then
  n="$BENCH_SERVED"
  step "served site: $n articles in Chromium (build-site.sh, bench/served.mjs)"
  synth_corpus "$n"
  CORPUS_SHELF=1 CORPUS_SEEDS="target/synth/$n" bash scripts/build-site.sh "target/bench-sites/served-$n"
  node bench/served.mjs --site "target/bench-sites/served-$n" --corpus "target/synth/$n" --runs 5 --out "$OUT"
  node bench/served.mjs --site "target/bench-sites/served-$n" --corpus "target/synth/$n" --runs 5 --out "$OUT" --http2
fi

if [ "${BENCH_BROWSER:-1}" = 1 ]; then
  step "browser: node bench/run.mjs (headless Chromium at /usr/bin/chromium)"
  sites="seeds"
  for n in $SIZES; do sites="$sites,$n"; done
  node bench/run.mjs --sites "$sites" --runs "$RUNS" --out bench-out
fi

if [ "${BENCH_BROWSER:-1}" = 1 ] && [ "${BENCH_FIREFOX:-1}" = 1 ]; then
  if command -v firefox-esr >/dev/null && [ -x "$HOME/.cargo/bin/geckodriver" ]; then
    step "browser: Firefox ESR via geckodriver (cold load, keystroke → paint)"
    node bench/firefox.mjs --sites "$sites" --runs 3 --out bench-out
  else
    echo "firefox-esr or geckodriver missing: Firefox figures skipped" >&2
  fi
fi

if [ "${BENCH_BROWSER:-1}" = 1 ] && [ "${BENCH_WORKSPACE:-1}" = 1 ]; then
  step "browser: the reader's workspace (bench/workspace.mjs: add 1/10/40 MB, reload, sizes)"
  node bench/workspace.mjs --site target/bench-sites/seeds --out bench-out
fi

step "machine"
{
  echo "date: $(date -u +%Y-%m-%d)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "ram: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "rustc: $(rustc --version)"
  echo "chromium: $(chromium --version 2>/dev/null || echo '?')"
  echo "node: $(node --version)"
} | tee "$OUT/machine.txt"
