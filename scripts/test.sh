#!/usr/bin/env bash
# The README "test" command: install what is missing, then format check, clippy (native and
# wasm, warnings denied), the release site build (plus a reproducibility rebuild, the
# hostile-text test site, an 80-article site and a 20 000-article served site), and every cargo test: unit, golden, property,
# CLI and the end-to-end tests in headless Chromium and Firefox. Any failing step fails the whole run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
step() { printf '\n\033[1;32m==> %s\033[0m\n' "$*"; }
start=$(date +%s)

step "setup (installs only what is missing)"
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"
# A fresh clone (CI) builds everything once: incremental state would only fill the disk.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi
# Free disk before the builds, so a full disk is named, not met as a linker's I/O error.
df -h "$ROOT" | tail -1 | awk '{print "disk: " $4 " free of " $2}'

step "format check"
cargo fmt --all -- --check

step "clippy (native, all targets)"
cargo clippy --all-targets --locked -- -D warnings
step "clippy (wasm32 app)"
cargo clippy --target wasm32-unknown-unknown --lib --bins --locked -- -D warnings

step "release site: dist/"
bash scripts/build-site.sh dist
step "release site again: same input, same bytes"
bash scripts/build-site.sh target/dist-repro
if ! diff <(cd dist && find . -type f -print0 | sort -z | xargs -0 sha256sum) \
          <(cd target/dist-repro && find . -type f -print0 | sort -z | xargs -0 sha256sum); then
  echo "dist/ is not reproducible: the two builds above differ" >&2
  exit 1
fi
step "hostile-text test site: target/dist-hostile/"
CORPUS_SEEDS=tests/fixtures/hostile bash scripts/build-site.sh target/dist-hostile
step "many-article test site: target/dist-many/ (80 synthetic articles, seed 6)"
cargo build --locked --bin synth
./target/debug/synth 80 target/synth/80 6 seeds
CORPUS_SEEDS=target/synth/80 bash scripts/build-site.sh target/dist-many

step "served-corpus test site: target/dist-served/ (20 000 synthetic articles, seed 6, as files)"
./target/debug/synth 20000 target/synth/20000 6
CORPUS_SEEDS=target/synth/20000 bash scripts/build-site.sh target/dist-served

step "cargo test (unit, golden, property, CLI, end-to-end in Chromium and Firefox)"
# The browser tests share two cores; one at a time keeps timings and drivers sane.
cargo test --locked -- --test-threads=1

echo
echo "All checks passed in $(( $(date +%s) - start )) s."
