#!/usr/bin/env bash
# The README "run" command: install what is missing, build the release site, serve dist/ on
# 127.0.0.1 and print the URL. PORT=8080 by default.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORT:-8080}"
# Browsers are only needed by the tests.
SETUP_BROWSERS=0 bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/build-site.sh" dist
echo
echo "Corpus explorer: http://127.0.0.1:$PORT/"
echo "Single-file version (works offline, double-click): $ROOT/dist/explorer.html"
echo "Press Ctrl+C to stop."
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$ROOT/dist"
