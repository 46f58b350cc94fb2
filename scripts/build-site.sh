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
if [ "$(du -sk "$corpus" 2>/dev/null | cut -f1)" -gt 2048 ] 2>/dev/null; then
  export CARGO_PROFILE_RELEASE_BUILD_OVERRIDE_OPT_LEVEL=3
fi
trunk build --release --offline --dist "${1:-dist}"
