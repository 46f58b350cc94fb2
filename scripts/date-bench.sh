#!/usr/bin/env bash
# The date-inference benchmark (issue 17): article dates when the article prints no date.
#
#   bash scripts/date-bench.sh          # the test split (the figures we report)
#   bash scripts/date-bench.sh dev      # the dev split (the one to tune on)
#
# Makes undated copies of bench/quality/data/{ner,timex}-<split>.jsonl, runs every system once per
# collection (and our binaries on each article alone), scores them (bench/quality/dates.py, method in
# its docstring), writes bench/quality/results/dates-<split>.json and .md, and regenerates the dates
# section of QUALITY.md. Article folders stay in bench/quality/out/dates-<split>/ (git-ignored).
#   CORPUS_BIN=<path>      our binary (default target/release/corpus; not built here; "none" skips it)
#   OLD_CORPUS_BIN=<path>  the pipeline at 54b3332 (default /tmp/old-target/release/corpus; the row is
#                          skipped with a note when it is absent). Build it once with
#     git worktree add /tmp/old-corpus 54b3332 && cd /tmp/old-corpus &&
#     CARGO_TARGET_DIR=/tmp/old-target cargo build --release --locked --bin corpus
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SPLIT="${1:-test}"
case "$SPLIT" in dev | test) ;; *) echo "usage: bash scripts/date-bench.sh [dev|test]" >&2; exit 2 ;; esac
CORPUS_BIN="${CORPUS_BIN:-$ROOT/target/release/corpus}"
OLD_CORPUS_BIN="${OLD_CORPUS_BIN:-/tmp/old-target/release/corpus}"
[ -x "$CORPUS_BIN" ] || [ "$CORPUS_BIN" = none ] || echo "warning: no binary at $CORPUS_BIN (build it: cargo build --release --bin corpus); its rows are skipped" >&2
META=$(python3 - "$ROOT" <<'EOF'
import datetime, json, subprocess, sys
sh = lambda *c: subprocess.run(c, capture_output=True, text=True, cwd=sys.argv[1]).stdout.strip()
dirty = sh("git", "status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock", "build.rs")
print(json.dumps({"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                  "commit": sh("git", "rev-parse", "--short", "HEAD") + (" (dirty)" if dirty else "")}))
EOF
)
python3 bench/quality/dates.py --split "$SPLIT" --corpus "$CORPUS_BIN" --old-corpus "$OLD_CORPUS_BIN" --meta "$META"
python3 bench/quality/dates.py --render QUALITY.md
echo "QUALITY.md: dates section regenerated from bench/quality/results/dates-*.json" >&2
