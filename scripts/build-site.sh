#!/usr/bin/env bash
# Builds the release site into dist/ (or $1), from seeds/ (or the folder in $CORPUS_SEEDS).
# Assumes scripts/setup.sh has run. --offline: with the pinned tools on PATH Trunk downloads
# nothing, and a mismatch fails loudly instead of reaching for GitHub.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
cd "$ROOT"
# build.rs runs the whole pipeline over the corpus. Cargo compiles build scripts unoptimised,
# which is fine for a few hundred articles; above ~2 MB of text an optimised build script is
# faster overall (it costs one extra compile of the proc macros, cached afterwards).
corpus="${CORPUS_SEEDS:-seeds}"
out="${1:-dist}"
# Above SHELF_FROM articles (default 1 000) the corpus is served as files beside the page
# (corpus::shelf) instead of embedded in it: at 2 000 articles the embedded site already needs
# ~900 KB brotli before the first chip (BENCHMARKS.md). CORPUS_SHELF=1 or 0 forces either.
articles=$(find "$corpus" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.md' \) 2>/dev/null | wc -l)
if [ -z "${CORPUS_SHELF:-}" ] && [ "$articles" -gt "${SHELF_FROM:-1000}" ]; then
  export CORPUS_SHELF=1
fi
if [ "${CORPUS_SHELF:-0}" != "0" ]; then
  export CORPUS_SHELF=1
  # The release profile's opt-level "z", as the embedded build. ("s" was faster to count by
  # about 12 % when the shell had room for it; with the event list, the name matrix and the
  # reader's shared passages "s" made the shell 203 KB brotli, over the 200 KB goal, and at
  # 100 000 articles it was within one run's noise of "z": BENCHMARKS.md.)
  trunk build --release --offline --dist "$out"
  # The pipeline natively at full speed, on every core; the files under $out/corpus/.
  cargo run --locked --quiet --profile bench --bin corpus -- shelf "$corpus" "$out/corpus"
  exit 0
fi
if [ "$(du -sk "$corpus" 2>/dev/null | cut -f1)" -gt 2048 ] 2>/dev/null; then
  export CARGO_PROFILE_RELEASE_BUILD_OVERRIDE_OPT_LEVEL=3
fi
trunk build --release --offline --dist "$out"
