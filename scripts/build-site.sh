#!/usr/bin/env bash
# Builds the release site into dist/ (or $1), from seeds/ (or the folder in $CORPUS_SEEDS).
# Assumes scripts/setup.sh has run. --offline: with the pinned tools on PATH Trunk downloads
# nothing, and a mismatch fails loudly instead of reaching for GitHub.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
cd "$ROOT"
trunk build --release --offline --dist "${1:-dist}"
