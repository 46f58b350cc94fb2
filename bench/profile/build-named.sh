#!/usr/bin/env bash
# Profiling aid (not part of the bench run): the explorer for corpus <name> with wasm function
# names kept (release profile, strip off, no wasm-opt), same file names as the site in
# target/bench-sites/<name>, into target/prof-sites/<name>. CPU profiles of it (profile.mjs)
# show Rust function names instead of wasm-function[N].
#   bash bench/profile/build-named.sh 1000
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"
name="$1"
corpus=$([ "$name" = seeds ] && echo seeds || echo "target/synth/$name")
site="target/bench-sites/$name"
out="target/prof-sites/$name"
stem=$(basename "$(ls "$site"/explorer-*_bg.wasm)" _bg.wasm)
CORPUS_SEEDS="$corpus" CARGO_PROFILE_RELEASE_STRIP=false cargo build --release --target wasm32-unknown-unknown --bin explorer
rm -rf "$out" && mkdir -p "$out"
cp "$site"/index.html "$site"/loader-*.js "$site"/style-*.css "$out"/
wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$out" --out-name "$stem" \
  target/wasm32-unknown-unknown/release/explorer.wasm
ls -la "$out"
