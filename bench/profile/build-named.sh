#!/usr/bin/env bash
# Profiling aid (not part of the bench run): the explorer for corpus <name> with wasm function
# names kept (release profile, strip off, no wasm-opt), same file names as the site in
# target/bench-sites/<name>, into target/prof-sites/<name>. CPU profiles of it (profile.mjs,
# served-keys.mjs, served-click.mjs) show Rust function names instead of wasm-function[N].
#   bash bench/profile/build-named.sh 1000
#   bash bench/profile/build-named.sh served-100000
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"
name="$1"
site="target/bench-sites/$name"
out="target/prof-sites/$name"
stem=$(basename "$(ls "$site"/explorer-*_bg.wasm)" _bg.wasm)
if [[ "$name" == served-* ]]; then
  # A served site (build-site.sh above 1 000 articles): the shell only; its corpus files are
  # linked, not copied (758 MB at 100 000 articles).
  CORPUS_SHELF=1 CARGO_PROFILE_RELEASE_STRIP=false cargo build --release --target wasm32-unknown-unknown --bin explorer
else
  corpus=$([ "$name" = seeds ] && echo seeds || echo "target/synth/$name")
  CORPUS_SEEDS="$corpus" CARGO_PROFILE_RELEASE_STRIP=false cargo build --release --target wasm32-unknown-unknown --bin explorer
fi
rm -rf "$out" && mkdir -p "$out"
cp "$site"/index.html "$site"/loader-*.js "$site"/style-*.css "$out"/
[ -d "$site/corpus" ] && ln -s "$ROOT/$site/corpus" "$out/corpus"
wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$out" --out-name "$stem" \
  target/wasm32-unknown-unknown/release/explorer.wasm
ls -la "$out"
