#!/usr/bin/env bash
# Installs everything the explorer needs to build and test, and nothing that is already there.
# Idempotent: each step checks first. Sourced by scripts/run.sh and scripts/test.sh.
# Pins: see ../shared/TOOLCHAIN.md facts recorded in README.md ("Toolchain").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"            # npm tools (wasm-opt, axe-core) live here, git-ignored
TRUNK_VERSION="0.21.14"         # 0.22 needs rustc >= 1.96.1
GECKODRIVER_VERSION="0.37.1"
BINARYEN_VERSION="132"          # Debian's binaryen 108 is too old for current rustc output
AXE_VERSION="4.10.3"
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

need_apt=()
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
dpkg -s libssl-dev >/dev/null 2>&1 || need_apt+=(libssl-dev)
if [ "${SETUP_BROWSERS:-1}" = 1 ]; then
  command -v chromium >/dev/null || need_apt+=(chromium)
  command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
  command -v firefox-esr >/dev/null || command -v firefox >/dev/null || need_apt+=(firefox-esr)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

cargo_tool() { # name version [extra args]
  local bin="$1" ver="$2"; shift 2
  if ! "$bin" --version 2>/dev/null | grep -q "$ver"; then
    log "cargo install $bin $ver"
    cargo install "$@" --version "$ver"
  fi
}

cargo_tool trunk "$TRUNK_VERSION" trunk --locked
# The CLI must equal the wasm-bindgen crate in Cargo.lock exactly; read it, never type it twice.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' "$ROOT/Cargo.lock")"
[ -n "$WB_VERSION" ] || { echo "setup: cannot read wasm-bindgen version from Cargo.lock" >&2; exit 1; }
# --locked fails today (a pinned webpki-roots is missing from the registry), so not used here.
cargo_tool wasm-bindgen "$WB_VERSION" wasm-bindgen-cli
if [ "${SETUP_BROWSERS:-1}" = 1 ]; then
  cargo_tool geckodriver "$GECKODRIVER_VERSION" geckodriver
fi

if [ ! -x "$TOOLS/node_modules/.bin/wasm-opt" ] || [ ! -f "$TOOLS/node_modules/axe-core/axe.min.js" ]; then
  log "npm install binaryen@$BINARYEN_VERSION axe-core@$AXE_VERSION into .tools/"
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{"private":true}' > "$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION" "axe-core@$AXE_VERSION"
fi
